import ChainGraph

/// The shared string table (`xl/sharedStrings.xml`, ECMA-376 Part 1 §18.4): the text of
/// every `<si>` item, rich-text runs (`<r><t>…</t></r>`) concatenated and phonetic runs
/// (`<rPh>`, furigana) left out, entities and `_xHHHH_` escapes decoded.
///
/// All strings live in one byte array with an offset table, so a million strings cost two
/// allocations, not a million.
struct SharedStrings {
    private(set) var storage: [UInt8] = []
    private(set) var offsets: [Int] = [0]

    /// Number of strings.
    var count: Int { offsets.count - 1 }

    /// The UTF-8 bytes of string `index` (0-based), which must be in range.
    func bytes(_ index: Int) -> ArraySlice<UInt8> {
        storage[offsets[index]..<offsets[index + 1]]
    }

    fileprivate mutating func appendText(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, literal: Bool) throws(XMLSyntaxError) {
        if literal {
            storage.append(contentsOf: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
        } else {
            try XMLText.appendDecoded(base, range, to: &storage)
        }
    }

    /// Closes the current item; returns false when its text is not valid UTF-8.
    fileprivate mutating func closeItem() -> Bool {
        let start = offsets[offsets.count - 1]
        XMLText.decodeOOXMLEscapes(&storage, from: start)
        let valid = storage.withUnsafeBufferPointer { all in
            let item = UnsafeBufferPointer(rebasing: all[start...])
            return !XMLText.hasNonASCII(item) || XMLText.isValidUTF8(item)
        }
        offsets.append(storage.count)
        return valid
    }

    /// Reads the shared strings part `entry`.
    static func read(_ entry: ZipArchive.Entry, archive: ZipArchive,
                     budget: inout DecompressionBudget) throws(ChainGraphError) -> SharedStrings {
        var stream = XMLStream(handler: SharedStringsReader(workbook: archive.path, part: entry.name))
        try archive.extractConcurrently(entry, budget: &budget) { (chunk: UnsafeRawBufferPointer) throws(ChainGraphError) in
            try stream.feed(chunk)
        }
        try stream.finish()
        return stream.handler.table
    }

    /// Reads a shared strings part from memory, fed in `chunkSize` pieces to a stream that
    /// scans every `scanStep` bytes (tests and the fuzz target exercise resumption this way).
    static func parse(_ xml: [UInt8], workbook: String = "book.xlsx", chunkSize: Int = 1 << 18,
                      scanStep: Int = 1 << 20) throws(ChainGraphError) -> SharedStrings {
        var stream = XMLStream(handler: SharedStringsReader(workbook: workbook, part: "xl/sharedStrings.xml"),
                               scanStep: scanStep)
        try xml.feed(in: chunkSize) { (chunk: UnsafeRawBufferPointer) throws(ChainGraphError) in try stream.feed(chunk) }
        try stream.finish()
        return stream.handler.table
    }
}

/// The ``XMLHandler`` that fills a ``SharedStrings`` table.
private struct SharedStringsReader: XMLHandler {
    let workbook: String
    let part: String
    var table = SharedStrings()
    private var inItem = false
    private var inText = false
    private var inPhonetic = false

    init(workbook: String, part: String) {
        self.workbook = workbook
        self.part = part
    }

    func syntaxError(_ error: XMLSyntaxError) -> ChainGraphError {
        XLSXReader.invalidWorkbook(workbook, "\(part), shared string \(table.count + 1): malformed XML: \(error.message)")
    }

    mutating func handle(_ step: XMLStep, in buffer: UnsafeBufferPointer<UInt8>) throws(ChainGraphError) {
        let base = buffer.baseAddress!
        switch step {
        case let .startTag(name, _, selfClosing):
            let local = XMLName.local(name, in: base)
            if XMLName.equals(local, in: base, "si") {
                if inItem { try close() }
                inItem = true
                inText = false
                inPhonetic = false
                if selfClosing { try close() }
            } else if XMLName.equals(local, in: base, "t") {
                inText = inItem && !inPhonetic && !selfClosing
            } else if XMLName.equals(local, in: base, "rPh") {
                inPhonetic = !selfClosing
            }
        case let .endTag(name):
            let local = XMLName.local(name, in: base)
            if XMLName.equals(local, in: base, "si") {
                if inItem { try close() }
            } else if XMLName.equals(local, in: base, "t") {
                inText = false
            } else if XMLName.equals(local, in: base, "rPh") {
                inPhonetic = false
            }
        case let .text(range), let .cdata(range):
            guard inText else { return }
            let literal: Bool
            if case .cdata = step { literal = true } else { literal = false }
            do { try table.appendText(base, range, literal: literal) } catch { throw syntaxError(error) }
        case .needMore, .end:
            break
        }
    }

    private mutating func close() throws(ChainGraphError) {
        inItem = false
        inText = false
        inPhonetic = false
        guard table.closeItem() else {
            throw XLSXReader.invalidWorkbook(workbook, "\(part), shared string \(table.count): the text is not valid UTF-8")
        }
    }
}
