/// A field of the current CSV record: a byte range inside the decoded text.
package struct CSVField: Sendable {
    /// Offset of the first content byte (after an opening quote).
    package var start: Int
    /// Offset one past the last content byte (before a closing quote).
    package var end: Int
    /// The field was quoted and contains doubled quotes (`""`) that must be unescaped.
    package var hasEscapedQuotes: Bool
}

/// A streaming RFC 4180 reader over UTF-8 text.
///
/// Handles quoted fields with embedded commas, quotes (`""`) and line breaks, CRLF, LF and
/// lone CR line ends, and skips blank lines. A quote inside an unquoted field is taken
/// literally (as Excel and pandas do); an unterminated quoted field or text after a
/// closing quote is a data error with the record's line and field number.
///
/// The reader yields one record at a time into a reused field array, so memory does not
/// grow with the file.
///
/// - Complexity: O(n) in the text length, one pass, no per-field allocation.
package struct CSVReader {
    package let text: UnsafeBufferPointer<UInt8>
    package let file: String
    /// Offset of the next unread byte.
    package private(set) var position = 0
    private var nextLine: Int
    /// 1-based physical line on which the current record starts.
    package private(set) var line = 0
    /// Fields of the current record.
    package private(set) var fields: [CSVField] = []
    /// The field separator: `,` (RFC 4180) or a tab for tab-separated exports.
    package var delimiter: UInt8 = 0x2C

    /// Reads `text`; `firstLine` is the line number of its first byte (for chunks of a
    /// larger file).
    package init(text: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int = 1) {
        self.text = text
        self.file = file
        nextLine = firstLine
        fields.reserveCapacity(16)
    }

    /// Line breaks inside quoted fields so far, and before the current record.
    private var quotedBreaks = 0, breaksBeforeRecord = 0

    /// The current record's line number not counting line breaks inside quoted fields: for
    /// CSV written from a worksheet (one line per sheet row), the sheet row of the record
    /// even after a cell with a line break.
    package var rowIgnoringQuotedBreaks: Int { line - breaksBeforeRecord }

    /// Advances to the next non-blank record. Returns false at end of input.
    package mutating func next() throws(ChainGraphError) -> Bool {
        guard let base = text.baseAddress else { return false }
        let n = text.count
        fields.removeAll(keepingCapacity: true)
        // Skip blank lines.
        while position < n {
            let b = base[position]
            if b == 0x0A { position += 1; nextLine += 1 }
            else if b == 0x0D {
                position += 1
                if position < n && base[position] == 0x0A { position += 1 }
                nextLine += 1
            } else { break }
        }
        guard position < n else { return false }
        line = nextLine
        breaksBeforeRecord = quotedBreaks
        var i = position
        while true {
            if i < n && base[i] == 0x22 {
                // Quoted field.
                var escaped = false
                let start = i + 1
                i = start
                while true {
                    guard i < n else {
                        throw .data(SourceLocation(file: file, line: line, column: fields.count + 1),
                                    "quoted field is not closed before the end of the file")
                    }
                    let b = base[i]
                    if b == 0x22 {
                        if i + 1 < n && base[i + 1] == 0x22 { escaped = true; i += 2; continue }
                        break
                    }
                    if b == 0x0A { nextLine += 1; quotedBreaks += 1 }
                    else if b == 0x0D && !(i + 1 < n && base[i + 1] == 0x0A) { nextLine += 1; quotedBreaks += 1 }
                    i += 1
                }
                fields.append(CSVField(start: start, end: i, hasEscapedQuotes: escaped))
                i += 1  // closing quote
                if i < n {
                    let b = base[i]
                    if b != delimiter && b != 0x0A && b != 0x0D {
                        throw .data(SourceLocation(file: file, line: line, column: fields.count),
                                    "unexpected text after a closing quote (a quote inside a quoted field must be doubled: \"\")")
                    }
                }
            } else {
                let start = i
                while i < n {
                    let b = base[i]
                    if b == delimiter || b == 0x0A || b == 0x0D { break }
                    i += 1
                }
                fields.append(CSVField(start: start, end: i, hasEscapedQuotes: false))
            }
            // Now at a delimiter, a line end, or the end of input.
            if i >= n { break }
            let b = base[i]
            if b == delimiter { i += 1; if i >= n { fields.append(CSVField(start: i, end: i, hasEscapedQuotes: false)); break }; continue }
            if b == 0x0D { i += 1; if i < n && base[i] == 0x0A { i += 1 } } else { i += 1 }
            nextLine += 1
            break
        }
        position = i
        return true
    }

    /// Field `k` trimmed of spaces and tabs as a slice of the text, or nil when it holds
    /// doubled quotes that need unescaping (use ``withTrimmedBytes(_:_:)`` then). The hot
    /// path of the loader: no allocation, no closure.
    @inline(__always)
    package func trimmedSlice(_ k: Int) -> UnsafeBufferPointer<UInt8>? {
        let f = fields[k]
        if f.hasEscapedQuotes { return nil }
        guard let base = text.baseAddress else { return UnsafeBufferPointer(start: nil, count: 0) }
        var s = f.start, e = f.end
        while s < e && (base[s] == 0x20 || base[s] == 0x09) { s += 1 }
        while e > s && (base[e - 1] == 0x20 || base[e - 1] == 0x09) { e -= 1 }
        return UnsafeBufferPointer(start: base + s, count: e - s)
    }

    /// Field `k` as a string, with doubled quotes unescaped.
    package func string(_ k: Int) -> String {
        let f = fields[k]
        let raw = UnsafeBufferPointer(rebasing: text[f.start..<f.end])
        if !f.hasEscapedQuotes { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            out.append(raw[i])
            if raw[i] == 0x22 { i += 2 } else { i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Calls `body` with field `k` trimmed of spaces and tabs, doubled quotes unescaped.
    package func withTrimmedBytes<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(ChainGraphError) -> R) throws(ChainGraphError) -> R {
        let f = fields[k]
        var s = f.start, e = f.end
        while s < e && (text[s] == 0x20 || text[s] == 0x09) { s += 1 }
        while e > s && (text[e - 1] == 0x20 || text[e - 1] == 0x09) { e -= 1 }
        if !f.hasEscapedQuotes { return try body(UnsafeBufferPointer(rebasing: text[s..<e])) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(e - s)
        var i = s
        while i < e {
            unescaped.append(text[i])
            if text[i] == 0x22 { i += 2 } else { i += 1 }
        }
        return try unescaped.withUnsafeBufferPointer { (p) throws(ChainGraphError) -> R in try body(p) }
    }

    /// Field `k` trimmed of surrounding spaces and tabs.
    package func trimmedString(_ k: Int) -> String {
        (try? withTrimmedBytes(k) { (bytes) throws(ChainGraphError) -> String in String(decoding: bytes, as: UTF8.self) }) ?? ""
    }

    package func location(column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }
}
