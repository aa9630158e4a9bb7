import ChainGraph

/// One cell of command output.
enum Cell: Sendable {
    case text(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    /// Does not apply / undefined: an empty CSV cell, JSON null.
    case empty
}

/// Rows and named columns: what every command produces before formatting (SPEC §4).
struct ResultTable: Sendable {
    var columns: [String]
    var rows: [[Cell]] = []

    init(columns: [String], rows: [[Cell]] = []) {
        self.columns = columns
        self.rows = rows
    }

    mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }
}

extension Optional where Wrapped == Double {
    var cell: Cell { self.map(Cell.number) ?? .empty }
}
