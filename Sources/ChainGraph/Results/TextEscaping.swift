/// The one place text is escaped for the formats ChainGraph writes.
public enum TextEscaping {
    /// A CSV field (RFC 4180): quoted when it holds a comma, quote, line break, or leading
    /// or trailing space; quotes doubled.
    public static func csv(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacing("\"", with: "\"\"") + "\""
        }
        return s
    }

    /// A JSON string literal, quotes included.
    public static func json(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text for XML, HTML and SVG: `& < > " '` escaped; control characters XML 1.0 forbids
    /// are dropped rather than written as invalid XML.
    public static func xml(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if u.value < 0x20 && u != "\t" && u != "\n" && u != "\r" { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A Markdown table cell: `|` escaped, line breaks folded to spaces.
    public static func markdownCell(_ s: String) -> String {
        s.replacing("|", with: "\\|").replacing("\r\n", with: " ").replacing("\n", with: " ")
    }
}
