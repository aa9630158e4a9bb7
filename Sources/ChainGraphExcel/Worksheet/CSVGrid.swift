import ChainGraph

/// A non-empty cell of the row being converted: its column and its text in the row buffer.
struct CellSpan {
    var column: Int
    var start: Int
    var end: Int
}

/// A row that spans several CSV lines because a cell holds a line break.
struct MultiLineRow: Sendable, Hashable {
    /// The sheet row.
    var row: Int
    /// The CSV line on which the row starts.
    var firstLine: Int
    /// Line breaks inside its quoted fields.
    var extraLines: Int
}

/// The CSV text of a worksheet, row by row, padded into a rectangle at the end.
///
/// Rows arrive as XML gives them; each is written once into `body` with as many fields as
/// its last non-empty cell. ``assemble()`` then lays the lines out for rows 1 to
/// the last, inserts empty lines for missing rows and pads every line with commas to the
/// widest row, so that CSV line n is sheet row n and field k is column k. Both steps keep
/// within the byte limit (``XLSXReader/Limits/maxCSVBytes``).
struct CSVGrid {
    private struct RowRecord {
        var row: Int
        var start: Int
        var end: Int
        var fields: Int
        var extraLines: Int
    }

    /// `book.xlsx[sheet]`, for messages.
    let file: String
    /// Most bytes the CSV text may take.
    let limit: Int
    private let body = ByteStore(capacity: 1 << 16)
    private var rows: [RowRecord] = []
    private var rowsOutOfOrder = false
    private(set) var maxColumn = 0

    init(file: String, limit: Int) {
        self.file = file
        self.limit = limit
    }

    private func tooLarge(_ bytes: String, rows: Int, columns: Int) -> ChainGraphError {
        .invalidData("\(file): the sheet as CSV text would need \(bytes) bytes (\(rows) rows × \(columns) columns), "
            + "more than the limit of \(limit) bytes")
    }

    /// Writes row `row` from its non-empty cells, sorted by column without repeats.
    ///
    /// - Throws: when the text so far, with this row's commas and at most twice its cell
    ///   bytes plus quotes, would exceed the limit: a row with a far cell (`XFD1`) is
    ///   thousands of commas, so the limit is enforced while streaming, not only at the end.
    mutating func appendRow(_ row: Int, cells: [CellSpan], text: [UInt8]) throws(ChainGraphError) {
        guard let last = cells.last else { return }
        try checkRoom(row: row, lastColumn: last.column, cells: cells.count, textBytes: text.count)
        text.withUnsafeBufferPointer { appendRow(row, cells: cells, text: $0) }
    }

    /// Throws when a row of `cells` cells holding `textBytes` bytes, the last in column
    /// `lastColumn`, might not fit: at most `lastColumn - 1` commas and each cell doubled
    /// and quoted. Called after every cell too, since one shared string may be repeated in
    /// every cell of a row (a few bytes of XML each, any length of text).
    func checkRoom(row: Int, lastColumn: Int, cells: Int, textBytes: Int) throws(ChainGraphError) {
        let worst = lastColumn.addingReportingOverflow(cells * 2 + textBytes * 2)
        if worst.overflow || worst.partialValue > limit - body.count {
            throw tooLarge("more than \(limit)", rows: row, columns: max(maxColumn, lastColumn))
        }
    }

    private mutating func appendRow(_ row: Int, cells: [CellSpan], text: UnsafeBufferPointer<UInt8>) {
        guard let last = cells.last else { return }
        if let previous = rows.last, previous.row >= row { rowsOutOfOrder = true }
        let start = body.count
        var commas = 0
        var extraLines = 0
        for cell in cells {
            body.append(repeating: 0x2C, count: cell.column - 1 - commas)
            commas = cell.column - 1
            extraLines += writeField(UnsafeBufferPointer(rebasing: text[cell.start..<cell.end]))
        }
        rows.append(RowRecord(row: row, start: start, end: body.count, fields: last.column, extraLines: extraLines))
        maxColumn = max(maxColumn, last.column)
    }

    /// Writes one field, quoted (RFC 4180) when it holds a comma, quote, CR, LF or tab, or
    /// begins or ends with a space; returns the line breaks it holds, counted as the CSV
    /// reader counts lines (CR LF once, a lone CR or LF once).
    private func writeField(_ field: UnsafeBufferPointer<UInt8>) -> Int {
        var needsQuotes = field.first == 0x20 || field.last == 0x20
        var hasQuote = false
        var breaks = 0
        for i in field.indices {
            switch field[i] {
            case 0x2C, 0x09: needsQuotes = true
            case 0x22: needsQuotes = true; hasQuote = true
            case 0x0A: needsQuotes = true; breaks += 1
            case 0x0D:
                needsQuotes = true
                if i + 1 == field.count || field[i + 1] != 0x0A { breaks += 1 }
            default: break
            }
        }
        guard needsQuotes else {
            body.append(field)
            return 0
        }
        body.append(0x22)
        if hasQuote {
            var runStart = 0
            for i in field.indices where field[i] == 0x22 {
                body.append(UnsafeBufferPointer(rebasing: field[runStart...i]))
                body.append(0x22)
                runStart = i + 1
            }
            body.append(UnsafeBufferPointer(rebasing: field[runStart...]))
        } else {
            body.append(field)
        }
        body.append(0x22)
        return breaks
    }

    /// The padded CSV text and the rows that span several lines.
    ///
    /// - Complexity: O(rows + CSV bytes).
    ///
    /// - Throws: a data error for a row number given twice; ``ChainGraphError/invalidData(_:)``
    ///   when the padded text would exceed `limit` bytes (a sparse sheet with a far cell
    ///   asks for rows × columns commas: the size is computed before anything is allocated).
    mutating func assemble() throws(ChainGraphError)
        -> (csv: [UInt8], rows: Int, columns: Int, multiLineRows: [MultiLineRow]) {
        if rowsOutOfOrder && rows.count > 1 {
            rows.sort { $0.row < $1.row }
            for k in 1..<rows.count where rows[k].row == rows[k - 1].row {
                throw .data(SourceLocation(file: file, line: rows[k].row, column: 0),
                            "row \(rows[k].row) appears twice in the worksheet XML")
            }
        }
        guard let lastRow = rows.last?.row else { return ([], 0, 0, []) }
        let width = maxColumn
        // Bytes: the fields, one LF per row, and the padding commas. Limits may be set
        // beyond Excel's, so every step is overflow-checked.
        var total = body.count
        var overflow = false
        func add(_ n: Int) {
            let (sum, o) = total.addingReportingOverflow(n)
            total = sum
            overflow = overflow || o
        }
        add(lastRow)
        for record in rows { add(width - record.fields) }
        let (emptyPadding, o) = (lastRow - rows.count).multipliedReportingOverflow(by: width - 1)
        overflow = overflow || o
        add(emptyPadding)
        guard !overflow && total <= limit else {
            throw tooLarge(overflow ? "more than \(Int.max)" : "\(total)", rows: lastRow, columns: width)
        }
        var multiLine: [MultiLineRow] = []
        let source = body.base
        let csv = [UInt8](unsafeUninitializedCapacity: total) { buffer, initialized in
            let out = buffer.baseAddress!
            var w = 0
            var k = 0
            var shift = 0
            for row in 1...lastRow {
                var pad = width - 1
                if k < rows.count && rows[k].row == row {
                    let record = rows[k]
                    let n = record.end - record.start
                    (out + w).update(from: source + record.start, count: n)
                    w += n
                    pad = width - record.fields
                    if record.extraLines > 0 {
                        multiLine.append(MultiLineRow(row: row, firstLine: row + shift, extraLines: record.extraLines))
                        shift += record.extraLines
                    }
                    k += 1
                }
                if pad > 0 {
                    (out + w).initialize(repeating: 0x2C, count: pad)
                    w += pad
                }
                out[w] = 0x0A
                w += 1
            }
            initialized = w
        }
        return (csv, lastRow, width, multiLine)
    }
}
