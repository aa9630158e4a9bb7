import Glibc
import ArgumentParser
import ChainGraph

/// `--format`: how results are written (SPEC §4).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json, md

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// Renders result tables as text in each output format.
enum Renderer {
    static func render(_ table: ResultTable, as format: OutputFormat) -> String {
        switch format {
        case .csv: csv(table)
        case .json: json(table)
        case .md: markdown(table)
        case .table: aligned(table)
        }
    }

    /// Numbers in shortest round-trip form; integral values without a fraction.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func plain(_ cell: Cell) -> String {
        switch cell {
        case .text(let s): s
        case .integer(let i): String(i)
        case .number(let v): number(v)
        case .bool(let b): b ? "true" : "false"
        case .empty: ""
        }
    }

    static func csv(_ table: ResultTable) -> String {
        var out = table.columns.map(csvField).joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map { csvField(plain($0)) }.joined(separator: ",")
            out += "\n"
        }
        return out
    }

    static func csvField(_ s: String) -> String { GraphExport.csv(s) }

    static func json(_ table: ResultTable) -> String {
        var out = "[\n"
        for (i, row) in table.rows.enumerated() {
            out += "  {"
            for (k, cell) in row.enumerated() {
                if k > 0 { out += ", " }
                out += jsonString(table.columns[k]) + ": "
                switch cell {
                case .text(let s): out += jsonString(s)
                case .integer(let v): out += String(v)
                case .number(let v): out += v.isFinite ? number(v) : "null"
                case .bool(let b): out += b ? "true" : "false"
                case .empty: out += "null"
                }
            }
            out += i + 1 < table.rows.count ? "},\n" : "}\n"
        }
        return out + "]\n"
    }

    static func jsonString(_ s: String) -> String {
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

    static func markdown(_ table: ResultTable) -> String {
        func escape(_ s: String) -> String { s.replacing("|", with: "\\|").replacing("\n", with: " ") }
        var out = "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + table.columns.map { _ in " --- |" }.joined() + "\n"
        for row in table.rows {
            out += "| " + row.map { escape(human($0)) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// Cells for people: numbers rounded to 6 significant digits.
    static func human(_ cell: Cell) -> String {
        if case .number(let v) = cell, v.isFinite, v != v.rounded() || abs(v) >= 1e15 {
            return formatSignificant(v, 6)
        }
        return plain(cell)
    }

    static func formatSignificant(_ v: Double, _ digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([v]) { vsnprintf(&buffer, 64, "%.\(digits)g", $0) }
        return String(cString: buffer)
    }

    static func aligned(_ table: ResultTable) -> String {
        let cells = table.rows.map { $0.map(human) }
        var widths = table.columns.map(displayWidth)
        for row in cells { for (k, c) in row.enumerated() { widths[k] = max(widths[k], displayWidth(c)) } }
        let numeric = table.columns.indices.map { k in
            table.rows.allSatisfy { row in
                switch row[k] { case .integer, .number, .empty: true; default: false }
            }
        }
        func line(_ items: [String]) -> String {
            items.enumerated().map { k, s in
                let pad = String(repeating: " ", count: widths[k] - displayWidth(s))
                return numeric[k] ? pad + s : s + pad
            }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        var out = line(table.columns)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in cells { out += line(row) }
        return out
    }

    /// Terminal columns: East Asian wide characters take two.
    static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { total, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return total + (wide ? 2 : (v < 0x20 ? 0 : 1))
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
