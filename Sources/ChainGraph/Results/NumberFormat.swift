import Glibc

/// How numbers are printed in machine-readable output (SPEC §4).
///
/// - Integral numbers print without a fraction: `2`, not `2.0`.
/// - Other numbers print in shortest round-trip form.
/// - Money prints with at most 15 significant digits, as spreadsheets display it:
///   `8032217.2`, never `8032217.200000001`.
public enum NumberFormat {
    /// A number in shortest round-trip form, integral values without a fraction; empty
    /// for NaN and infinities.
    public static func plain(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// An amount of money: rounded to 15 significant digits, then printed as ``plain(_:)``.
    public static func money(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        return plain(roundedToSignificantDigits(v, 15))
    }

    /// `v` rounded to `digits` significant decimal digits (through `%.*g`, so it agrees
    /// with what C, Python and spreadsheets print).
    public static func roundedToSignificantDigits(_ v: Double, _ digits: Int) -> Double {
        guard v.isFinite, v != 0 else { return v }
        return strtod(significant(v, digits), nil)
    }

    /// `v` printed with `%.{digits}g`: for messages and human-readable tables.
    public static func significant(_ v: Double, _ digits: Int) -> String {
        printf(v, "%.\(digits)g")
    }

    /// `v` printed with a C format for one double (`%.3f`, `%.12g`), at most 63 bytes.
    package static func printf(_ v: Double, _ format: String) -> String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBufferPointer { out in
            withVaList([v]) { Int(vsnprintf(UnsafeMutableRawPointer(out.baseAddress!).assumingMemoryBound(to: CChar.self), 64, format, $0)) }
        }
        return String(decoding: buffer.prefix(max(0, min(count, 63))), as: UTF8.self)
    }
}

/// Compensated (Neumaier) summation for money: sums of values and revenues stay exact to
/// the last digit a spreadsheet shows, whatever the order of the terms (SPEC §4).
public struct MoneySum: Sendable, Hashable {
    private var sum = 0.0
    private var compensation = 0.0

    /// An empty sum.
    public init() {}

    /// Adds `x`.
    @inline(__always)
    public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }

    /// Adds another compensated sum.
    public mutating func add(_ other: MoneySum) {
        add(other.sum)
        add(other.compensation)
    }

    /// The sum.
    public var value: Double { sum + compensation }

    /// The compensated sum of `values`.
    public static func of<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        var s = MoneySum()
        for v in values { s.add(v) }
        return s.value
    }
}
