/// A column the loader knows, with its English name and Chinese alias (SPEC §1).
package struct ColumnSpec: Sendable {
    package var name: String
    package var alias: String
    package var required: Bool

    package init(_ name: String, _ alias: String, required: Bool = false) {
        self.name = name
        self.alias = alias
        self.required = required
    }

    package var label: String { "\(name) (\(alias))" }
}

/// An open CSV file positioned after its header, with the known columns located.
package struct CSVTable {
    package var reader: CSVReader
    /// Field index of each requested column, or -1 when the file lacks it.
    package let columns: [Int]
    package let fieldCount: Int
    package let decoded: TextDecoder.Decoded

    /// Opens `path`, decodes it and reads the header. Header names match case-insensitively
    /// after trimming; unknown columns are kept and ignored.
    /// A reader over `range` of another table's text (a chunk for parallel parsing), with
    /// the same columns. Line numbers inside the chunk count from 1.
    package init(chunkOf other: CSVTable, range: Range<Int>) {
        decoded = other.decoded
        columns = other.columns
        fieldCount = other.fieldCount
        reader = CSVReader(text: UnsafeBufferPointer(rebasing: other.reader.text[range]), file: other.reader.file)
    }

    /// Opens a table for the clean-CSV fast path. Anything the analyst path would treat
    /// differently — a tab-separated file, a header below line 1, units or aliases in the
    /// header — is thrown as a data error so the loader hands the dataset to that path;
    /// unused columns are noted in `report`.
    package init(path: String, displayName: String, encoding: TextEncoding, specs: [ColumnSpec], kind: TableKind,
                 report: inout LoadReport) throws(ChainGraphError) {
        try self.init(path: path, displayName: displayName, encoding: encoding, specs: specs)
        let line = reader.line
        if RawTable.detectDelimiter(decoded.text) != 0x2C { throw .data(reader.location(column: 0), "tab-separated") }
        // The header record, parsed once more from the start (the reader has moved past it).
        var headerReader = CSVReader(text: decoded.text, file: reader.file)
        _ = try? headerReader.next()
        let header = (0..<fieldCount).map { k in k < headerReader.fields.count ? headerReader.string(k) : "" }
        let (match, duplicate) = HeaderMatching.match(header, fields: kind.fields, explicit: [:])
        guard let match, duplicate == nil, line == 1 else { throw .data(reader.location(column: 0), "header needs the analyst path") }
        for (s, spec) in specs.enumerated() {
            guard let f = kind.fields.firstIndex(where: { $0.name == spec.name }) else { continue }
            if match.columns[f] != columns[s] || match.units[f] != nil { throw .data(reader.location(column: 0), "header needs the analyst path") }
        }
        // A field this reader does not parse (firms' lat/lon) is read by the analyst path.
        let known = Set(specs.map(\.name))
        for (f, field) in kind.fields.enumerated() where !known.contains(field.name) && match.columns[f] >= 0 {
            throw .data(reader.location(column: match.columns[f] + 1), "column \(field.name) needs the analyst path")
        }
        for (column, text) in match.unused {
            report.add(.note, "unused_column", reader.location(column: column + 1), "column \"\(text)\" is not used")
        }
    }

    package init(path: String, displayName: String, encoding: TextEncoding, specs: [ColumnSpec]) throws(ChainGraphError) {
        let raw = try ByteBuffer.mapping(path: path)
        decoded = try Trace.time("decode \(displayName)") { () throws(ChainGraphError) in try TextDecoder.decode(raw, file: displayName, encoding: encoding) }
        reader = CSVReader(text: decoded.text, file: displayName)
        guard try reader.next() else {
            let names = specs.filter(\.required).map(\.label).joined(separator: ", ")
            throw .data(SourceLocation(file: displayName, line: 1, column: 0),
                        "file is empty; expected a header row with at least: \(names)")
        }
        let first = reader
        let header = (0..<first.fields.count).map { first.trimmedString($0).lowercased() }
        var columns = [Int](repeating: -1, count: specs.count)
        for (k, title) in header.enumerated() {
            guard let s = specs.firstIndex(where: { $0.name == title || $0.alias == title }) else { continue }
            if columns[s] >= 0 {
                throw .data(reader.location(column: k + 1), "column \(specs[s].label) appears twice in the header (also column \(columns[s] + 1))")
            }
            columns[s] = k
        }
        for (s, spec) in specs.enumerated() where spec.required && columns[s] < 0 {
            throw .data(reader.location(column: 0),
                        "missing required column \"\(spec.name)\" (or \(spec.alias)); header is: \(header.joined(separator: ","))")
        }
        self.columns = columns
        fieldCount = header.count
    }

    /// Advances to the next data row, checking its field count. Rows whose fields are all
    /// empty (Excel writes them for formatted blank rows) are skipped.
    package mutating func nextRow() throws(ChainGraphError) -> Bool {
        while try reader.next() {
            let count = reader.fields.count
            if count != fieldCount {
                if isBlankRow { continue }
                let column = count < fieldCount ? count + 1 : fieldCount + 1
                throw .data(reader.location(column: column),
                            "expected \(fieldCount) fields as in the header, found \(count)")
            }
            if isBlankRow { continue }
            return true
        }
        return false
    }

    private var isBlankRow: Bool {
        for f in reader.fields where f.end > f.start {
            for i in f.start..<f.end where reader.text[i] != 0x20 && reader.text[i] != 0x09 { return false }
        }
        return true
    }

    /// True when column `s` exists and the current row's field is non-empty after trimming.
    package func has(_ s: Int) -> Bool {
        let k = columns[s]
        guard k >= 0 else { return false }
        let f = reader.fields[k]
        for i in f.start..<f.end where reader.text[i] != 0x20 && reader.text[i] != 0x09 { return true }
        return false
    }

    package func string(_ s: Int) -> String {
        columns[s] >= 0 ? reader.trimmedString(columns[s]) : ""
    }

    package func location(_ s: Int) -> SourceLocation {
        reader.location(column: columns[s] + 1)
    }

    /// The column's number, or nil when empty. Negative, NaN and non-numeric values are
    /// data errors naming the row and column.
    package func number(_ s: Int, what: String) throws(ChainGraphError) -> Double? {
        guard has(s) else { return nil }
        let result = try reader.withTrimmedBytes(columns[s]) { (bytes) throws(ChainGraphError) in NumberParser.parse(bytes) }
        switch result {
        case .success(let v): return v
        case .failure(.negative):
            throw .data(location(s), "\(what) must not be negative: \"\(string(s))\"")
        case .failure(.notANumber):
            throw .data(location(s), "\(what) is not a number: \"\(string(s))\"")
        }
    }
}

// Copies of a reader or table only ever read the immutable decoded text (kept alive by
// `decoded`), so handing copies to parallel chunk parsers is safe.
extension CSVReader: @unchecked Sendable {}
extension CSVTable: @unchecked Sendable {}
