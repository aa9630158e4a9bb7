/// The money units of SPEC §1.1: 元, 千元, 万元, 百万元, 亿元.
public enum MoneyUnit: String, Sendable, CaseIterable, Hashable {
    /// 元 (yuan).
    case yuan = "元"
    /// 千元 (thousand yuan).
    case thousand = "千元"
    /// 万元 (ten thousand yuan), the default dataset unit.
    case tenThousand = "万元"
    /// 百万元 (million yuan).
    case million = "百万元"
    /// 亿元 (hundred million yuan).
    case hundredMillion = "亿元"

    /// Yuan per unit.
    public var yuan: Double {
        switch self {
        case .yuan: 1
        case .thousand: 1e3
        case .tenThousand: 1e4
        case .million: 1e6
        case .hundredMillion: 1e8
        }
    }

    /// Parses a unit as written in a header or a cell suffix (also the bare 万 and 亿, and
    /// `yuan`, `CNY`, `RMB`).
    public init?(text: String) {
        switch text.trimmingSpaces().lowercased() {
        case "元", "yuan", "cny", "rmb", "人民币元": self = .yuan
        case "千元": self = .thousand
        case "万元", "万": self = .tenThousand
        case "百万元", "百万": self = .million
        case "亿元", "亿": self = .hundredMillion
        default: return nil
        }
    }

    /// `x` in this unit, expressed in `target`: multiplied by an exact integer ratio or
    /// divided by one, so 1234.56 元 is 0.123456 万元 to the last digit.
    public func convert(_ x: Double, to target: MoneyUnit) -> Double {
        if yuan == target.yuan { return x }
        return yuan > target.yuan ? x * (yuan / target.yuan) : x / (target.yuan / yuan)
    }
}

/// A money or plain amount as analysts write it (SPEC §1.1 "Numbers", "Money units").
enum AmountParser {
    enum Outcome: Equatable {
        /// A number, with the unit its cell named (nil: none).
        case value(Double, unit: MoneyUnit?)
        /// An empty cell.
        case empty
        /// An Excel error value or placeholder: the true amount is unknown.
        case unknown(String)
        /// `-5`, or `(1234.56)` (`accounting`): a negative amount.
        case negative(accounting: Bool)
        /// Not a number at all.
        case invalid
    }

    static let placeholders: [String: String] = [
        "#N/A": "#N/A from a failed lookup", "#VALUE!": "#VALUE! from a formula error", "#REF!": "#REF!: a formula refers to a deleted cell",
        "#DIV/0!": "#DIV/0!: a division by zero", "#NAME?": "#NAME?: an unknown formula name", "#NUM!": "#NUM!: an invalid number",
        "#NULL!": "#NULL!: an empty intersection", "N/A": "N/A placeholder", "NULL": "NULL placeholder",
    ]

    /// Folds full-width digits, signs, points, commas and spaces to ASCII.
    static func foldWidth(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.value >= 0xFF01 && u.value <= 0xFF5E { out.append(Unicode.Scalar(u.value - 0xFEE0)!) }
            else if u.value == 0x3000 { out.append(" ") }
            else { out.append(u) }
        }
        return String(out)
    }

    static func parse(_ raw: String) -> Outcome {
        // Fast path: plain ASCII digits and a point (most cells of a clean export).
        if !raw.isEmpty, raw.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }),
           case .success(let v)? = raw.utf8.withContiguousStorageIfAvailable({ NumberParser.parse($0) }) {
            return .value(v, unit: nil)
        }
        var s = foldWidth(raw).trimmingSpaces()
        if s.isEmpty { return .empty }
        if let note = placeholders[s.uppercased()] { return .unknown(note) }
        if s.hasPrefix("#") { return .unknown("\(s): a spreadsheet error value") }
        if s == "-" || s == "—" || s == "–" || s == "－" { return .value(0, unit: nil) }
        var negative = false
        if (s.hasPrefix("(") && s.hasSuffix(")")) { negative = true; s = String(s.dropFirst().dropLast()).trimmingSpaces() }
        for sign in ["¥", "￥", "RMB", "CNY"] where s.hasPrefix(sign) { s = String(s.dropFirst(sign.count)).trimmingSpaces() }
        var unit: MoneyUnit?
        for suffix in ["百万元", "亿元", "万元", "千元", "元", "百万", "万", "亿"] where s.hasSuffix(suffix) {
            unit = MoneyUnit(text: suffix)
            s = String(s.dropLast(suffix.count)).trimmingSpaces()
            break
        }
        if s.hasPrefix("-") { negative = true; s.removeFirst() }
        if s.hasPrefix("+") { s.removeFirst() }
        // Thousands separators: a comma between digits (1,234.5 or 1，234.5 folded).
        if s.contains(",") {
            let parts = s.split(separator: ",", omittingEmptySubsequences: false)
            let groupsOK = parts.dropFirst().allSatisfy { p in
                let digits = p.prefix { $0.isASCII && $0.isNumber }
                return digits.count == 3 && (p.count == 3 || p.dropFirst(3).first == "." || p.dropFirst(3).first == "e" || p.dropFirst(3).first == "E")
            }
            guard groupsOK, let first = parts.first, !first.isEmpty, first.count <= 3 else { return .invalid }
            s = parts.joined()
        }
        let value: Double
        switch s.utf8.withContiguousStorageIfAvailable({ NumberParser.parse($0) }) ?? NumberParser.parse(Array(s.utf8)) {
        case .success(let v): value = v
        case .failure(.negative): return .negative(accounting: false)
        case .failure(.notANumber): return .invalid
        }
        if negative && value != 0 { return .negative(accounting: raw.contains("(") || raw.contains("（")) }
        return .value(value, unit: unit)
    }
}

extension NumberParser {
    static func parse(_ bytes: [UInt8]) -> Result<Double, Failure> {
        bytes.withUnsafeBufferPointer { parse($0) }
    }
}
