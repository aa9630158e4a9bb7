import ChainGraph

/// The text formats of result tables (SPEC §4 `--format`).
public enum TableFormat: String, Sendable, CaseIterable {
    /// Aligned columns for a terminal; numbers rounded for people.
    case table
    /// RFC 4180 CSV with a header row; machine number forms.
    case csv
    /// An array of objects keyed by column name; machine number forms.
    case json
    /// A Markdown table; numbers rounded for people.
    case md
}

/// Renders any ``/ChainGraph/ResultTable`` as text, driven only by its column schema: a new
/// column or row type needs no change here.
///
/// ```swift
/// let rows = try LocalSupportingRate.compute(context, by: .chain)
/// print(TableRenderer.render(ResultTable(rows), as: .csv))
/// ```
public enum TableRenderer {
    /// The table in `format`.
    /// - Parameters:
    ///   - table: the rows and their column schema.
    ///   - format: the text format.
    ///   - unit: the dataset's money unit, shown in the money headers of the human formats
    ///     (CSV and JSON keep the SPEC §4 column names).
    public static func render(_ table: ResultTable, as format: TableFormat, unit: String? = nil) -> String {
        switch format {
        case .csv: csv(table)
        case .json: json(table)
        case .md: markdown(table, unit: unit)
        case .table: aligned(table, unit: unit)
        }
    }

    /// A cell in machine form (CSV, JSON strings): money to 15 significant digits, other
    /// numbers shortest round-trip, lists `;`-joined, empty as "".
    public static func machine(_ cell: ResultCell) -> String {
        switch cell {
        case .text(let s): s
        case .integer(let i): String(i)
        case .number(let v): NumberFormat.plain(v)
        case .money(let v): NumberFormat.money(v)
        case .bool(let b): b ? "true" : "false"
        case .list(let items): items.joined(separator: ";")
        case .empty: ""
        }
    }

    /// A cell for people (terminal tables, Markdown): never e-notation; money with
    /// thousands separators and at most 2 decimals, shares as percentages, other numbers to
    /// 6 significant digits; counts, line numbers and ranks as they are.
    public static func human(_ cell: ResultCell, kind: ColumnKind = .number) -> String {
        switch cell {
        case .money(let v): return v.isFinite ? HumanFormat.grouped(v, decimals: 2) : ""
        case .number(let v):
            guard v.isFinite else { return "" }
            if kind == .share { return HumanFormat.fixed(v * 100, 1) + "%" }
            return HumanFormat.significantFixed(v, 6)
        default: return machine(cell)
        }
    }

    /// The header of a column for people: money columns say their unit.
    static func humanHeader(_ column: ResultColumn, unit: String?) -> String {
        column.kind == .money && unit != nil ? "\(column.name) (\(unit!))" : column.name
    }

    /// CSV with a header row.
    public static func csv(_ table: ResultTable) -> String {
        var out = table.columns.map { TextEscaping.csv($0.name) }.joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map { TextEscaping.csv(machine($0)) }.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A JSON array of objects; numbers as JSON numbers (money to 15 significant digits),
    /// lists as `;`-joined strings (the same text as the CSV cell), empty cells as null.
    public static func json(_ table: ResultTable) -> String {
        var out = "[\n"
        for (i, row) in table.rows.enumerated() {
            out += "  {"
            for (k, cell) in row.enumerated() {
                if k > 0 { out += ", " }
                out += TextEscaping.json(table.columns[k].name) + ": " + jsonValue(cell)
            }
            out += i + 1 < table.rows.count ? "},\n" : "}\n"
        }
        return out + "]\n"
    }

    /// One cell as a JSON value.
    public static func jsonValue(_ cell: ResultCell) -> String {
        switch cell {
        case .text(let s): TextEscaping.json(s)
        case .list(let items): TextEscaping.json(items.joined(separator: ";"))
        case .integer(let v): String(v)
        case .number(let v): v.isFinite ? NumberFormat.plain(v) : "null"
        case .money(let v): v.isFinite ? NumberFormat.money(v) : "null"
        case .bool(let b): b ? "true" : "false"
        case .empty: "null"
        }
    }

    /// A Markdown table with the column names as header; numeric columns right-aligned.
    public static func markdown(_ table: ResultTable, unit: String? = nil) -> String {
        markdown(header: table.columns.map { humanHeader($0, unit: unit) },
                 rows: table.rows.map { row in zip(row, table.columns).map { human($0, kind: $1.kind) } },
                 rightAligned: Set(table.columns.indices.filter { [.integer, .number, .share, .money].contains(table.columns[$0].kind) }))
    }

    /// A Markdown table from already formatted cells; columns in `rightAligned` get a
    /// `---:` alignment.
    public static func markdown(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        var out = "| " + header.map(TextEscaping.markdownCell).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { rightAligned.contains($0) ? " ---: |" : " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(TextEscaping.markdownCell).joined(separator: " | ") + " |\n" }
        return out
    }

    /// Aligned columns: numeric columns right-aligned, East Asian wide characters counted
    /// as two terminal columns.
    public static func aligned(_ table: ResultTable, unit: String? = nil) -> String {
        let header = table.columns.map { humanHeader($0, unit: unit) }
        let cells = table.rows.map { row in zip(row, table.columns).map { human($0, kind: $1.kind) } }
        var widths = header.map(displayWidth)
        for row in cells { for (k, c) in row.enumerated() { widths[k] = max(widths[k], displayWidth(c)) } }
        let numeric = table.columns.map { [.integer, .number, .share, .money].contains($0.kind) }
        func line(_ items: [String]) -> String {
            var text = items.enumerated().map { k, s in
                let pad = String(repeating: " ", count: widths[k] - displayWidth(s))
                return numeric[k] ? pad + s : s + pad
            }.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        var out = line(header)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for row in cells { out += line(row) }
        return out
    }

    /// Terminal columns: East Asian wide characters take two.
    public static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { total, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return total + (wide ? 2 : (v < 0x20 ? 0 : 1))
        }
    }
}
