import ChainGraph

/// The value types of a cell's `t` attribute (ECMA-376 Part 1 §18.18.11 `ST_CellType`).
enum CellKind {
    case number, sharedString, inlineString, formulaString, boolean, error, date, other

    init(_ base: UnsafePointer<UInt8>, _ range: Range<Int>) {
        if XMLName.equals(range, in: base, "s") { self = .sharedString }
        else if XMLName.equals(range, in: base, "n") { self = .number }
        else if XMLName.equals(range, in: base, "str") { self = .formulaString }
        else if XMLName.equals(range, in: base, "inlineStr") { self = .inlineString }
        else if XMLName.equals(range, in: base, "b") { self = .boolean }
        else if XMLName.equals(range, in: base, "e") { self = .error }
        else if XMLName.equals(range, in: base, "d") { self = .date }
        else { self = .other }
    }
}

/// Turns the XML of one worksheet (`<sheetData><row><c>…`) into CSV rows.
///
/// A cell's text is its value as Excel stores it: the `<v>` of a number (`1234.5`, `1E-3`,
/// a date serial), a formula's cached `<v>` (the `<f>` is ignored), the shared string its
/// index names, the `<is>` text of an inline string, `TRUE`/`FALSE` for a boolean, the error
/// text (`#N/A`) of an error cell. Rows and cells are placed by their `r` references when
/// given and follow the previous one otherwise; cells may come in any column order.
/// Only elements inside `<sheetData>` are read, tracked with flags, so nothing recurses.
struct WorksheetConverter: XMLHandler {
    /// `book.xlsx[sheet]`, the file of every location.
    let file: String
    let strings: SharedStrings
    let maxRows: Int
    let maxColumns: Int
    private(set) var grid: CSVGrid

    private var inSheetData = false
    private(set) var inRow = false
    private var rowNumber = 0
    private var previousRow = 0
    private var rowNumberGiven = false
    private var cellRowSeen = false
    private var lastColumn = 0
    private var cells: [CellSpan] = []
    private var cellText: [UInt8] = []
    private var cellsOutOfOrder = false

    private var inCell = false
    private var column = 0
    private var kind = CellKind.number
    private var inValue = false
    private var inInline = false
    private var inText = false
    private var inPhonetic = false
    private var hasInline = false
    private var value: [UInt8] = []
    private var inlineText: [UInt8] = []

    init(file: String, strings: SharedStrings, maxRows: Int, maxColumns: Int, csvLimit: Int) {
        self.file = file
        grid = CSVGrid(file: file, limit: csvLimit)
        self.strings = strings
        self.maxRows = maxRows
        self.maxColumns = maxColumns
        cells.reserveCapacity(64)
        cellText.reserveCapacity(4096)
        value.reserveCapacity(64)
    }

    /// The current cell or row; between rows, the row that would come next.
    private func location(_ column: Int) -> SourceLocation {
        SourceLocation(file: file, line: inRow ? rowNumber : previousRow + 1, column: column)
    }

    private func cellName(_ column: Int) -> String {
        "\(CellReference.columnLetters(column))\(rowNumber)"
    }

    func syntaxError(_ error: XMLSyntaxError) -> ChainGraphError {
        .data(location(inCell ? column : 0), "malformed worksheet XML: \(error.message)")
    }

    /// Checks that the part did not end inside the sheet data.
    mutating func finish() throws(ChainGraphError) {
        if inRow || inSheetData {
            throw .data(location(0), "the worksheet XML ends inside <sheetData> (the file is truncated or corrupt)")
        }
    }

    mutating func handle(_ step: XMLStep, in buffer: UnsafeBufferPointer<UInt8>) throws(ChainGraphError) {
        let base = buffer.baseAddress!
        switch step {
        case let .startTag(name, attributes, selfClosing):
            let local = XMLName.local(name, in: base)
            switch local.count {
            case 1:
                switch base[local.lowerBound] {
                case 0x63:  // c
                    if inRow {
                        try startCell(buffer, attributes)
                        if selfClosing { try finishCell() }
                    } else if inSheetData {
                        throw .data(location(0), "a cell (<c>) outside a row (<row>)")
                    }
                case 0x76: inValue = inCell && !selfClosing  // v
                case 0x74: inText = inInline && !inPhonetic && !selfClosing  // t
                default: break
                }
            case 2:
                if inCell && XMLName.equals(local, in: base, "is") {
                    hasInline = true
                    inInline = !selfClosing
                }
            case 3:
                if inSheetData && XMLName.equals(local, in: base, "row") {
                    if inRow { try finishRow() }
                    try startRow(buffer, attributes)
                    if selfClosing { try finishRow() }
                } else if inInline && XMLName.equals(local, in: base, "rPh") {
                    inPhonetic = !selfClosing
                }
            case 9:
                if XMLName.equals(local, in: base, "sheetData") { inSheetData = !selfClosing }
            default:
                break
            }
        case let .endTag(name):
            let local = XMLName.local(name, in: base)
            switch local.count {
            case 1:
                switch base[local.lowerBound] {
                case 0x63: if inCell { try finishCell() }  // c
                case 0x76: inValue = false  // v
                case 0x74: inText = false  // t
                default: break
                }
            case 2:
                if XMLName.equals(local, in: base, "is") { inInline = false; inText = false }
            case 3:
                if XMLName.equals(local, in: base, "row") {
                    if inRow { try finishRow() }
                } else if XMLName.equals(local, in: base, "rPh") {
                    inPhonetic = false
                }
            case 9:
                if XMLName.equals(local, in: base, "sheetData") {
                    if inRow { try finishRow() }
                    inSheetData = false
                }
            default:
                break
            }
        case let .text(range):
            if inValue {
                do { try XMLText.appendDecoded(base, range, to: &value) } catch { throw syntaxError(error) }
            } else if inText {
                do { try XMLText.appendDecoded(base, range, to: &inlineText) } catch { throw syntaxError(error) }
            }
        case let .cdata(range):
            let bytes = UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
            if inValue { value.append(contentsOf: bytes) } else if inText { inlineText.append(contentsOf: bytes) }
        case .needMore, .end:
            break
        }
    }

    // MARK: - Rows

    private mutating func startRow(_ buffer: UnsafeBufferPointer<UInt8>, _ attributes: Range<Int>) throws(ChainGraphError) {
        let base = buffer.baseAddress!
        var given: Int?
        var iterator = XMLAttributeIterator(buffer, attributes)
        while true {
            let attribute: (name: Range<Int>, value: Range<Int>)?
            do { attribute = try iterator.next() } catch { throw syntaxError(error) }
            guard let (name, value) = attribute else { break }
            guard XMLName.equals(name, in: base, "r") else { continue }
            guard let n = CellReference.parseCount(base, value, max: maxRows), n >= 1 else {
                let text = String(decoding: UnsafeBufferPointer(start: base + value.lowerBound, count: min(value.count, 40)), as: UTF8.self)
                throw .data(SourceLocation(file: file, line: previousRow + 1, column: 0),
                            "row number \"\(text)\" is not between 1 and \(maxRows)")
            }
            given = n
        }
        if given == nil && previousRow >= maxRows {
            throw .data(SourceLocation(file: file, line: previousRow, column: 0), "the worksheet has more than \(maxRows) rows")
        }
        rowNumber = given ?? previousRow + 1
        rowNumberGiven = given != nil
        cellRowSeen = false
        inRow = true
        lastColumn = 0
        cells.removeAll(keepingCapacity: true)
        cellText.removeAll(keepingCapacity: true)
        cellsOutOfOrder = false
    }

    private mutating func finishRow() throws(ChainGraphError) {
        if inCell { try finishCell() }
        defer {
            inRow = false
            previousRow = rowNumber
        }
        guard !cells.isEmpty else { return }
        if cellsOutOfOrder {
            cells.sort { $0.column < $1.column }
            for k in 1..<cells.count where cells[k].column == cells[k - 1].column {
                throw .data(location(cells[k].column), "cell \(cellName(cells[k].column)) appears twice in the worksheet XML")
            }
        }
        try grid.appendRow(rowNumber, cells: cells, text: cellText)
    }

    // MARK: - Cells

    private mutating func startCell(_ buffer: UnsafeBufferPointer<UInt8>, _ attributes: Range<Int>) throws(ChainGraphError) {
        if inCell { try finishCell() }
        let base = buffer.baseAddress!
        var reference: (column: Int, row: Int?)?
        kind = .number
        var iterator = XMLAttributeIterator(buffer, attributes)
        while true {
            let attribute: (name: Range<Int>, value: Range<Int>)?
            do { attribute = try iterator.next() } catch { throw syntaxError(error) }
            guard let (name, value) = attribute else { break }
            if XMLName.equals(name, in: base, "r") {
                guard let parsed = CellReference.parse(base, value, maxColumn: maxColumns, maxRow: maxRows) else {
                    let text = String(decoding: UnsafeBufferPointer(start: base + value.lowerBound, count: min(value.count, 40)), as: UTF8.self)
                    throw .data(location(min(lastColumn + 1, maxColumns)),
                                "cell reference \"\(text)\" is not a cell of columns A–\(CellReference.columnLetters(maxColumns)), rows 1–\(maxRows)")
                }
                reference = parsed
            } else if XMLName.equals(name, in: base, "t") {
                kind = CellKind(base, value)
            }
        }
        if reference == nil && lastColumn >= maxColumns {
            throw .data(location(0), "row \(rowNumber) has more than \(maxColumns) columns")
        }
        column = reference?.column ?? lastColumn + 1
        if let row = reference?.row, row != rowNumber {
            if !rowNumberGiven && !cellRowSeen && cells.isEmpty {
                // A <row> without r takes the row of its first cell reference.
                rowNumber = row
            } else {
                throw .data(location(column), "cell \(CellReference.columnLetters(column))\(row) is inside row \(rowNumber)")
            }
        }
        if reference?.row != nil { cellRowSeen = true }
        lastColumn = column
        inCell = true
        inValue = false
        inInline = false
        inText = false
        inPhonetic = false
        hasInline = false
        value.removeAll(keepingCapacity: true)
        inlineText.removeAll(keepingCapacity: true)
    }

    private mutating func finishCell() throws(ChainGraphError) {
        inCell = false
        inValue = false
        inInline = false
        inText = false
        inPhonetic = false
        let start = cellText.count
        switch kind {
        case .sharedString:
            let index: Int? = value.withUnsafeBufferPointer { v in
                guard let base = v.baseAddress else { return nil }
                return CellReference.parseCount(base, 0..<v.count, max: Int(Int32.max))
            }
            if let index, index < strings.count {
                cellText.append(contentsOf: strings.bytes(index))
            } else if !value.allSatisfy({ $0 == 0x20 }) {
                let text = String(decoding: value.prefix(40), as: UTF8.self)
                throw .data(location(column), "cell \(cellName(column)) refers to shared string \"\(text)\", but the workbook has \(strings.count)")
            }
        case .boolean:
            switch value {
            case [0x31], Array("true".utf8): cellText.append(contentsOf: "TRUE".utf8)
            case [0x30], Array("false".utf8): cellText.append(contentsOf: "FALSE".utf8)
            default: cellText.append(contentsOf: value)
            }
        case .inlineString:
            cellText.append(contentsOf: hasInline ? inlineText : value)
            XMLText.decodeOOXMLEscapes(&cellText, from: start)
        case .formulaString:
            cellText.append(contentsOf: value)
            XMLText.decodeOOXMLEscapes(&cellText, from: start)
        case .number, .error, .date, .other:
            cellText.append(contentsOf: value)
        }
        guard cellText.count > start else { return }
        if kind != .sharedString {
            let valid = cellText.withUnsafeBufferPointer { all in
                let text = UnsafeBufferPointer(rebasing: all[start...])
                return !XMLText.hasNonASCII(text) || XMLText.isValidUTF8(text)
            }
            guard valid else { throw .data(location(column), "cell \(cellName(column)): the text is not valid UTF-8") }
        }
        if let last = cells.last, last.column >= column { cellsOutOfOrder = true }
        cells.append(CellSpan(column: column, start: start, end: cellText.count))
        try grid.checkRoom(row: rowNumber, lastColumn: max(column, lastColumn), cells: cells.count, textBytes: cellText.count)
    }
}

extension WorksheetConverter {
    /// Converts one worksheet whose XML `produce` delivers through the callback it is given.
    static func convert(name: String, file: String, strings: SharedStrings, limits: XLSXReader.Limits,
                        csvLimit: Int, isHidden: Bool, scanStep: Int = 1 << 20,
                        _ produce: ((UnsafeRawBufferPointer) throws(ChainGraphError) -> Void) throws(ChainGraphError) -> Void)
        throws(ChainGraphError) -> XLSXReader.Sheet {
        var stream = XMLStream(handler: WorksheetConverter(file: file, strings: strings, maxRows: limits.maxRows,
                                                           maxColumns: limits.maxColumns, csvLimit: csvLimit),
                               scanStep: scanStep)
        try produce { (chunk: UnsafeRawBufferPointer) throws(ChainGraphError) in try stream.feed(chunk) }
        try stream.finish()
        try stream.handler.finish()
        var grid = stream.handler.grid
        let table = try grid.assemble()
        return XLSXReader.Sheet(name: name, csv: table.csv, rowCount: table.rows, columnCount: table.columns,
                                isHidden: isHidden, multiLineRows: table.multiLineRows)
    }

    /// Converts worksheet XML held in memory, fed in `chunkSize` pieces (tests, fuzzing).
    static func convert(xml: [UInt8], name: String = "Sheet1", workbook: String = "book.xlsx",
                        strings: SharedStrings = SharedStrings(), limits: XLSXReader.Limits = .init(),
                        chunkSize: Int = 1 << 18, scanStep: Int = 1 << 20) throws(ChainGraphError) -> XLSXReader.Sheet {
        try convert(name: name, file: XLSXReader.sourceFile(workbook: workbook, sheet: name), strings: strings,
                    limits: limits, csvLimit: limits.maxCSVBytes, isHidden: false, scanStep: scanStep) { feed throws(ChainGraphError) in
            try xml.feed(in: chunkSize, feed)
        }
    }
}
