import Glibc

/// Numbers for people: thousands separators, percentages, a few significant digits.
enum Format {
    /// 1587843.9 → "1,587,844"; 12.345 → "12.35"; 0.00391 → "0.0039".
    static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "–" }
        if abs(v) >= 100 { return grouped(Int64(v.rounded())) }
        if v == v.rounded() { return String(Int64(v)) }
        return trimmed(String(format: abs(v) >= 1 ? "%.2f" : "%.2g", v))
    }

    /// 0.4709998 → "47.1%".
    static func percent(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "–" }
        return String(format: "%.1f%%", v * 100)
    }

    /// A score in [0, 1] → "0.981".
    static func score(_ v: Double) -> String { String(format: "%.3f", v) }

    static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    private static func trimmed(_ s: String) -> String {
        guard s.contains("."), !s.contains("e") else { return s }
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t
    }

    /// Escapes text for HTML and SVG.
    static func html(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Escapes a Markdown table cell.
    static func cell(_ s: String) -> String { s.replacing("|", with: "\\|").replacing("\n", with: " ") }
}

extension String {
    init(format: String, _ value: Double) {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([value]) { vsnprintf(&buffer, 64, format, $0) }
        self = String(cString: buffer)
    }
}
