/// The kind of a result column: how its cells are printed and compared.
public enum ColumnKind: Sendable, Hashable {
    /// Free text or an id; sorts ascending by UTF-8 bytes.
    case text
    /// A count; printed without a fraction.
    case integer
    /// A score or other real number; printed in shortest round-trip form (SPEC §4).
    case number
    /// A fraction in [0, 1] (a rate, share or coverage): machine output as ``number``,
    /// a percentage for people.
    case share
    /// An amount of money (values, revenues, their sums and differences), printed with at
    /// most 15 significant digits as spreadsheets display it (SPEC §4).
    case money
    /// `true` / `false`.
    case bool
    /// A list of ids, `;`-joined in CSV and JSON.
    case list
}

/// A column of a result table: its SPEC §4 name, its kind, and labels for people.
public struct ResultColumn: Sendable, Hashable {
    /// The machine name used in CSV headers and JSON keys (SPEC §4).
    public var name: String
    /// How cells of this column are printed and sorted.
    public var kind: ColumnKind
    /// Chinese label for reports.
    public var zh: String
    /// English label for reports.
    public var en: String

    /// A column; the labels default to the machine name.
    public init(_ name: String, _ kind: ColumnKind, zh: String? = nil, en: String? = nil) {
        self.name = name
        self.kind = kind
        self.zh = zh ?? name
        self.en = en ?? name
    }
}

/// One cell of a result row.
public enum ResultCell: Sendable, Hashable {
    /// Text or an id.
    case text(String)
    /// A count.
    case integer(Int)
    /// A score, rate or share; a non-finite value is written as an empty cell / `null`.
    case number(Double)
    /// An amount of money in the dataset's unit, written with at most 15 significant digits.
    case money(Double)
    /// `true` / `false`.
    case bool(Bool)
    /// A list of ids (e.g. gap candidates), `;`-joined in CSV.
    case list([String])
    /// Does not apply, or undefined: an empty CSV cell, JSON `null`.
    case empty

    /// A number cell, empty when nil.
    public static func number(_ v: Double?) -> ResultCell { v.map(ResultCell.number) ?? .empty }
    /// A money cell, empty when nil.
    public static func money(_ v: Double?) -> ResultCell { v.map(ResultCell.money) ?? .empty }
    /// A text cell, empty when nil.
    public static func text(_ s: String?) -> ResultCell { s.map(ResultCell.text) ?? .empty }
    /// An integer cell, empty when nil.
    public static func integer(_ i: Int?) -> ResultCell { i.map(ResultCell.integer) ?? .empty }
    /// A bool cell, empty when nil.
    public static func bool(_ b: Bool?) -> ResultCell { b.map(ResultCell.bool) ?? .empty }

    /// The numeric value of a number, money or integer cell.
    public var numericValue: Double? {
        switch self {
        case .number(let v), .money(let v): v
        case .integer(let i): Double(i)
        default: nil
        }
    }
}

/// A typed result row that describes its own columns.
///
/// Every analysis returns rows of a type conforming to this protocol. CSV, JSON, table and
/// Markdown output, the report and the notebook are generic over ``columns`` and
/// ``cells`` (through ``ResultTable``), so a new column or row type appears everywhere
/// without editing a renderer.
public protocol ResultRow: Sendable {
    /// The columns of every row of this type, in output order (SPEC §4 names).
    static var columns: [ResultColumn] { get }
    /// The cells of this row, one per column of ``columns``.
    var cells: [ResultCell] { get }
    /// The names of the columns that apply to this row; the others are empty. By default
    /// every column applies.
    var applicableColumns: Set<String>? { get }
}

extension ResultRow {
    /// Every column applies.
    public var applicableColumns: Set<String>? { nil }

}

/// A coding key made from a column name.
struct ColumnKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Rows of one schema as plain columns and cells: what every renderer consumes.
///
/// Encoding a table (`Encodable`) writes an array of objects keyed by column name, list
/// cells as arrays and empty cells as `null`.
public struct ResultTable: Sendable, Encodable {
    /// The columns, in output order.
    public var columns: [ResultColumn]
    /// The rows, each with one cell per column.
    public var rows: [[ResultCell]]
    /// Column name that groups rows (e.g. the gap `type`): `top(_:)` then keeps the first
    /// rows of each group instead of the first rows overall.
    public var groupColumn: String?

    /// A table from explicit columns and cells.
    public init(columns: [ResultColumn], rows: [[ResultCell]] = [], groupColumn: String? = nil) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row needs one cell per column")
        self.columns = columns
        self.rows = rows
        self.groupColumn = groupColumn
    }

    /// A table of typed rows, with the row type's columns.
    public init<Row: ResultRow>(_ rows: [Row], groupColumn: String? = nil) {
        self.init(columns: Row.columns, rows: rows.map(\.cells), groupColumn: groupColumn)
    }

    /// The index of the column named `name`.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// The first `k` rows, or the first `k` rows of each group when ``groupColumn`` is set.
    public func top(_ k: Int) -> ResultTable {
        var out = self
        guard let g = groupColumn.flatMap(columnIndex) else {
            out.rows = Array(rows.prefix(k))
            return out
        }
        var seen: [ResultCell: Int] = [:]
        out.rows = rows.filter { row in
            seen[row[g], default: 0] += 1
            return seen[row[g]]! <= k
        }
        return out
    }

    /// Rows whose cell in column `name` is one of `values` (text cells).
    public func filter(column name: String, in values: Set<String>) -> ResultTable {
        guard let k = columnIndex(name) else { return self }
        var out = self
        out.rows = rows.filter { if case .text(let s) = $0[k] { values.contains(s) } else { false } }
        return out
    }

    /// Rows sorted by one column, stably: numeric columns (integer, number, share, money)
    /// descending by default, text, list and bool columns ascending; empty cells always
    /// last whatever the direction. Unlike ``Ranking``, equal means exactly equal.
    /// - Throws: ``ChainGraphError/unknownColumn(_:available:)`` for a name not in the schema.
    public func sorted(by name: String, descending: Bool? = nil) throws(ChainGraphError) -> ResultTable {
        guard let k = columnIndex(name) else { throw .unknownColumn(name, available: columns.map(\.name)) }
        let kind = columns[k].kind
        let down = descending ?? (kind != .text && kind != .list && kind != .bool)
        var out = self
        let indexed = rows.enumerated().map { ($0.offset, $0.element) }
        out.rows = indexed.sorted { a, b in
            let x = a.1[k], y = b.1[k]
            switch (x == .empty, y == .empty) {
            case (true, false): return false
            case (false, true): return true
            case (true, true): return a.0 < b.0
            default: break
            }
            if let u = x.numericValue, let v = y.numericValue {
                return u != v ? (down ? u > v : u < v) : a.0 < b.0
            }
            let s = ResultCell.sortText(x), t = ResultCell.sortText(y)
            if s == t { return a.0 < b.0 }
            return down ? t.utf8.lexicographicallyPrecedes(s.utf8) : s.utf8.lexicographicallyPrecedes(t.utf8)
        }.map(\.1)
        return out
    }
}

extension ResultTable {
    /// An array of objects keyed by column name.
    public func encode(to encoder: any Encoder) throws {
        var list = encoder.unkeyedContainer()
        for row in rows { try list.encode(EncodedRow(columns: columns, cells: row)) }
    }

    /// Row `i` as an encodable object keyed by column name.
    public func rowObject(_ i: Int) -> some Encodable & Sendable { EncodedRow(columns: columns, cells: rows[i]) }

    private struct EncodedRow: Encodable, Sendable {
        let columns: [ResultColumn]
        let cells: [ResultCell]

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: ColumnKey.self)
            for (column, cell) in zip(columns, cells) {
                let key = ColumnKey(column.name)
                switch cell {
                case .text(let s): try container.encode(s, forKey: key)
                case .integer(let i): try container.encode(i, forKey: key)
                case .number(let v):
                    if v.isFinite { try container.encode(v, forKey: key) } else { try container.encodeNil(forKey: key) }
                case .money(let v):
                    // Money as a spreadsheet shows it (SPEC §4): 15 significant digits.
                    if v.isFinite { try container.encode(NumberFormat.roundedToSignificantDigits(v, 15), forKey: key) } else { try container.encodeNil(forKey: key) }
                case .bool(let b): try container.encode(b, forKey: key)
                case .list(let items): try container.encode(items, forKey: key)
                case .empty: try container.encodeNil(forKey: key)
                }
            }
        }
    }
}

extension ResultCell {
    static func sortText(_ cell: ResultCell) -> String {
        switch cell {
        case .text(let s): s
        case .bool(let b): b ? "1" : "0"
        case .list(let l): l.joined(separator: ";")
        default: ""
        }
    }
}

extension ResultTable {
    /// The table with a `…_name` column after each firm column (`firm`, `buyer`,
    /// `supplier`) holding the firm's display name, for people reading ids in a terminal
    /// (machine formats keep the SPEC §4 columns). Unknown ids and unnamed firms get an
    /// empty cell; a table without firm columns, or a dataset without names, is unchanged.
    /// - Complexity: O(rows · firm columns) lookups.
    public func withFirmNames(from graph: SupplyGraph) -> ResultTable {
        let firmColumns = columns.indices.filter { ["firm", "buyer", "supplier"].contains(columns[$0].name) && columns[$0].kind == .text }
        guard !firmColumns.isEmpty, graph.firms.names.count > 0 else { return self }
        var out = self
        for k in firmColumns.reversed() {
            out.columns.insert(ResultColumn("\(columns[k].name)_name", .text, zh: "名称", en: "Name"), at: k + 1)
            for r in out.rows.indices {
                var name = ""
                if case .text(let id) = out.rows[r][k], let f = graph.firms.index(of: id) { name = graph.firms.name(f) }
                out.rows[r].insert(name.isEmpty ? .empty : .text(name), at: k + 1)
            }
        }
        return out
    }
}
