import Glibc

/// Parses the non-negative decimal numbers of SPEC §1 (`value`, `revenue`).
///
/// Accepts `123`, `0.5`, `.5`, `1e6`, `+2.5E-3`; rejects signs other than `+`, `nan`,
/// `inf`, hex floats and thousands separators. The common short case is converted exactly
/// with Clinger's fast path (mantissa < 2⁵³, |exponent| ≤ 22); anything else goes through
/// `strtod`, so every result is the correctly rounded double.
package enum NumberParser {
    package enum Failure: Error, Sendable { case notANumber, negative }

    private static let powersOfTen: [Double] = (0...22).map { k in
        var p = 1.0
        for _ in 0..<k { p *= 10 }
        return p
    }

    package static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Double, Failure> {
        let n = bytes.count
        guard n > 0, let base = bytes.baseAddress else { return .failure(.notANumber) }
        var i = 0
        if base[0] == UInt8(ascii: "+") { i = 1 }
        else if base[0] == UInt8(ascii: "-") {
            // "-0", "-0.0" are zero; any other negative number is an error of its own kind.
            var allZero = true
            var sawDigit = false
            for k in 1..<n {
                let c = base[k]
                if c == UInt8(ascii: "0") { sawDigit = true } else if c != UInt8(ascii: ".") { allZero = false; break }
            }
            if allZero && sawDigit { return .success(0) }
            if case .success = parse(UnsafeBufferPointer(rebasing: bytes[1...])) { return .failure(.negative) }
            return .failure(.notANumber)
        }
        var mantissa: UInt64 = 0
        var digits = 0           // significant digits accumulated into mantissa
        var dropped = false      // digits beyond what the mantissa can hold
        var exponent = 0
        var sawDigit = false
        while i < n, base[i] &- 0x30 < 10 {
            sawDigit = true
            let d = UInt64(base[i] &- 0x30)
            if digits < 19 { mantissa = mantissa &* 10 &+ d; if mantissa != 0 { digits += 1 } }
            else { exponent += 1; dropped = true }
            i += 1
        }
        if i < n, base[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, base[i] &- 0x30 < 10 {
                sawDigit = true
                let d = UInt64(base[i] &- 0x30)
                if digits < 19 { mantissa = mantissa &* 10 &+ d; if mantissa != 0 { digits += 1 }; exponent -= 1 }
                else { dropped = true }
                i += 1
            }
        }
        guard sawDigit else { return .failure(.notANumber) }
        if i < n, base[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negative = false
            if i < n, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { negative = base[i] == UInt8(ascii: "-"); i += 1 }
            var e = 0
            var sawExponentDigit = false
            while i < n, base[i] &- 0x30 < 10 {
                sawExponentDigit = true
                if e < 100_000 { e = e * 10 + Int(base[i] &- 0x30) }
                i += 1
            }
            guard sawExponentDigit else { return .failure(.notANumber) }
            exponent += negative ? -e : e
        }
        guard i == n else { return .failure(.notANumber) }
        if mantissa == 0 { return .success(0) }
        if !dropped, mantissa < (1 << 53), exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            return .success(exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent])
        }
        // Slow path: the grammar is already validated, so strtod sees a plain decimal.
        var buffer = [CChar](repeating: 0, count: n + 1)
        for k in 0..<n { buffer[k] = CChar(bitPattern: base[k]) }
        let value = strtod(buffer, nil)
        guard value.isFinite else { return .failure(.notANumber) }
        return .success(value)
    }
}
