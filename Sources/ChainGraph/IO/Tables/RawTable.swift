/// A table as rows of text cells, each with its line (or sheet row) number: the input of
/// the analyst-data path (SPEC §1.1), from a CSV or TSV file or a workbook sheet.
package struct RawTable: Sendable {
    /// Display name used in locations: a path, or `book.xlsx[sheet]`.
    package var file: String
    /// Non-blank rows in order.
    package var rows: [(line: Int, cells: [String])]

    /// Parses CSV or tab-separated text (detected from the first lines: a file whose
    /// first non-blank lines have more tabs than commas is tab-separated).
    /// With `sheetRows`, the text is a worksheet written as CSV (one line per sheet row) and
    /// row numbers are sheet rows even after cells holding line breaks.
    package init(text: UnsafeBufferPointer<UInt8>, file: String, sheetRows: Bool = false, meter: ProgressMeter = .silent) throws(ChainGraphError) {
        self.file = file
        var reader = CSVReader(text: text, file: file)
        reader.delimiter = Self.detectDelimiter(text)
        var rows: [(Int, [String])] = []
        var reported = 0
        defer { meter.advance(bytes: reader.position - reported) }
        while try reader.next() {
            rows.append((sheetRows ? reader.rowIgnoringQuotedBreaks : reader.line, (0..<reader.fields.count).map { reader.string($0) }))
            if reader.position - reported >= ProgressMeter.step {
                meter.advance(bytes: reader.position - reported)
                reported = reader.position
            }
        }
        self.rows = rows
    }

    /// Reads a workbook sheet converted to CSV (one line per sheet row).
    package init(bytes: [UInt8], file: String) throws(ChainGraphError) {
        var parsed: Result<RawTable, ChainGraphError> = .failure(.internal("unreachable"))
        bytes.withUnsafeBufferPointer { text in
            do throws(ChainGraphError) { parsed = .success(try RawTable(text: text, file: file, sheetRows: true)) } catch { parsed = .failure(error) }
        }
        self = try parsed.get()
    }

    /// Reads a CSV/TSV file in any supported encoding.
    package init(path: String, displayName: String, encoding: TextEncoding, meter: ProgressMeter = .silent) throws(ChainGraphError) {
        let raw = try ByteBuffer.mapping(path: path)
        let decoded = try TextDecoder.decode(raw, file: displayName, encoding: encoding)
        try self.init(text: decoded.text, file: displayName, meter: meter)
    }

    /// `\t` when the first non-blank lines hold more tabs than commas, else `,`.
    static func detectDelimiter(_ text: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var tabs = 0, commas = 0, lines = 0
        for b in text.prefix(64 * 1024) {
            if b == 0x09 { tabs += 1 } else if b == 0x2C { commas += 1 } else if b == 0x0A { lines += 1; if lines >= 20 { break } }
        }
        return tabs > commas ? 0x09 : 0x2C
    }
}
