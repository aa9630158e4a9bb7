import ChainGraph

/// Decoding of character data: XML entities and line ends, the `_xHHHH_` escapes of
/// OOXML strings, and UTF-8 validation.
enum XMLText {
    /// Appends `range` of `base` to `output` with the five predefined entities and numeric
    /// character references decoded, and raw CR LF or CR turned into LF (XML 1.0 §2.11).
    ///
    /// - Throws: an unknown entity, an unterminated reference or a code point that XML
    ///   does not allow (NUL, surrogates, beyond U+10FFFF).
    static func appendDecoded(_ base: UnsafePointer<UInt8>, _ range: Range<Int>,
                              to output: inout [UInt8]) throws(XMLSyntaxError) {
        var i = range.lowerBound
        let end = range.upperBound
        var runStart = i
        while i < end {
            let b = base[i]
            if b != 0x26 && b != 0x0D { i += 1; continue }
            if i > runStart { output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            if b == 0x0D {
                output.append(0x0A)
                i += 1
                if i < end && base[i] == 0x0A { i += 1 }
            } else {
                i = try decodeReference(base, at: i, end: end, to: &output)
            }
            runStart = i
        }
        if end > runStart { output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: end - runStart)) }
    }

    /// Decodes the reference starting with `&` at `start`; returns the index after its `;`.
    private static func decodeReference(_ base: UnsafePointer<UInt8>, at start: Int, end: Int,
                                        to output: inout [UInt8]) throws(XMLSyntaxError) -> Int {
        // The longest valid reference is `&#x10FFFF;` or a zero-padded decimal; 32 is generous.
        var semicolon = start + 1
        while semicolon < end && semicolon - start <= 32 && base[semicolon] != 0x3B { semicolon += 1 }
        guard semicolon < end && base[semicolon] == 0x3B else {
            throw XMLSyntaxError(message: "an '&' that starts no entity reference (write it as &amp;)")
        }
        let name = UnsafeBufferPointer(start: base + start + 1, count: semicolon - start - 1)
        switch Array(name) {
        case [0x61, 0x6D, 0x70]: output.append(0x26)  // amp
        case [0x6C, 0x74]: output.append(0x3C)  // lt
        case [0x67, 0x74]: output.append(0x3E)  // gt
        case [0x71, 0x75, 0x6F, 0x74]: output.append(0x22)  // quot
        case [0x61, 0x70, 0x6F, 0x73]: output.append(0x27)  // apos
        default:
            guard name.count >= 2, name[0] == 0x23 else {
                throw XMLSyntaxError(message: "unknown entity &\(String(decoding: name, as: UTF8.self));")
            }
            var value: UInt32 = 0
            let hex = name[1] == 0x78  // 'x'
            let digits = name[(hex ? 2 : 1)...]
            guard !digits.isEmpty else { throw XMLSyntaxError(message: "an empty character reference") }
            for d in digits {
                guard let v = digitValue(d, hex: hex) else {
                    throw XMLSyntaxError(message: "a malformed character reference &\(String(decoding: name, as: UTF8.self));")
                }
                value = value &* (hex ? 16 : 10) &+ v
                if value > 0x10FFFF { break }
            }
            guard isXMLChar(value), let scalar = Unicode.Scalar(value) else {
                throw XMLSyntaxError(message: "a character reference to a code point XML does not allow (&\(String(decoding: name, as: UTF8.self));)")
            }
            appendUTF8(scalar, to: &output)
        }
        return semicolon + 1
    }

    @inline(__always)
    private static func digitValue(_ d: UInt8, hex: Bool) -> UInt32? {
        switch d {
        case 0x30...0x39: return UInt32(d - 0x30)
        case 0x41...0x46 where hex: return UInt32(d - 0x41 + 10)
        case 0x61...0x66 where hex: return UInt32(d - 0x61 + 10)
        default: return nil
        }
    }

    /// XML 1.0 `Char`: tab, LF, CR and U+0020 up, less surrogates, U+FFFE and U+FFFF.
    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
    }

    static func appendUTF8(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        for unit in UTF8.encode(scalar)! { output.append(unit) }
    }

    /// Decodes the `_xHHHH_` escapes (ECMA-376 Part 1, §22.4.2.4 `ST_Xstring`) of
    /// `output[start...]` in place: Excel writes characters XML cannot hold this way (a CR
    /// as `_x000D_`) and a literal `_x` sequence as `_x005F_x…`. A UTF-16 surrogate pair of
    /// two escapes is one character; a lone surrogate or `_x0000_` stays as written.
    static func decodeOOXMLEscapes(_ output: inout [UInt8], from start: Int) {
        guard output[start...].contains(0x5F) else { return }
        let length = output.withUnsafeMutableBufferPointer { buffer -> Int in
            let n = buffer.count
            var read = start
            var write = start
            while read < n {
                if buffer[read] == 0x5F, let unit = escapedUnit(buffer, at: read) {
                    var scalar: Unicode.Scalar?
                    var consumed = 7
                    if (0xD800...0xDBFF).contains(unit) {
                        if let low = escapedUnit(buffer, at: read + 7), (0xDC00...0xDFFF).contains(low) {
                            scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                            consumed = 14
                        }
                    } else if unit != 0 {
                        scalar = Unicode.Scalar(UInt32(unit))
                    }
                    if let scalar {
                        // UTF-8 needs at most 3 bytes for 7 escape bytes, 4 for 14: never past `read`.
                        for byte in UTF8.encode(scalar)! {
                            buffer[write] = byte
                            write += 1
                        }
                        read += consumed
                        continue
                    }
                }
                buffer[write] = buffer[read]
                write += 1
                read += 1
            }
            return write
        }
        output.removeLast(output.count - length)
    }

    /// The UTF-16 unit of an escape `_xHHHH_` at `i`, if one is there.
    @inline(__always)
    private static func escapedUnit(_ b: UnsafeMutableBufferPointer<UInt8>, at i: Int) -> UInt16? {
        guard i + 7 <= b.count, b[i] == 0x5F, b[i + 1] == 0x78, b[i + 6] == 0x5F else { return nil }
        var v: UInt16 = 0
        for k in 2...5 {
            guard let d = digitValue(b[i + k], hex: true) else { return nil }
            v = v << 4 | UInt16(d)
        }
        return v
    }
}

extension XMLText {
    /// Whether `bytes` is well-formed UTF-8 (no overlong forms, surrogates or code points
    /// beyond U+10FFFF). ASCII runs are skipped quickly.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        TextDecoder.firstInvalidUTF8(bytes) == nil  // the one UTF-8 validator, shared with the CSV path
    }

    /// Whether any byte of `bytes` is outside ASCII (then UTF-8 validation is needed).
    @inline(__always)
    static func hasNonASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for b in bytes where b >= 0x80 { return true }
        return false
    }
}
