import Testing
@testable import ChainGraph

/// Reads all records of `text` as arrays of unescaped strings, with their start lines.
private func records(_ text: String) throws(ChainGraphError) -> [(line: Int, fields: [String])] {
    let buffer = ByteBuffer.copying(Array(text.utf8))
    var reader = CSVReader(text: buffer.bytes, file: "t.csv")
    var out: [(Int, [String])] = []
    while try reader.next() {
        out.append((reader.line, (0..<reader.fields.count).map { reader.string($0) }))
    }
    return out
}

@Suite("CSV reader (RFC 4180)")
struct CSVReaderTests {
    @Test("plain rows, LF and CRLF and lone CR")
    func lineEnds() throws {
        for text in ["a,b\nc,d\n", "a,b\r\nc,d\r\n", "a,b\rc,d", "a,b\nc,d"] {
            let r = try records(text)
            #expect(r.map(\.fields) == [["a", "b"], ["c", "d"]], "\(text.debugDescription)")
            #expect(r.map(\.line) == [1, 2])
        }
    }

    @Test("quoted fields with commas, doubled quotes and line breaks")
    func quoting() throws {
        let r = try records("id,name\n1,\"武汉, 光谷\"\n2,\"say \"\"hi\"\"\"\n3,\"two\nlines\"\n4,x\n")
        #expect(r.map(\.fields) == [["id", "name"], ["1", "武汉, 光谷"], ["2", "say \"hi\""], ["3", "two\nlines"], ["4", "x"]])
        // The record after a multi-line field starts on the right physical line.
        #expect(r.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test("empty fields, trailing comma, blank lines skipped")
    func emptyFields() throws {
        let r = try records("a,,c\n\n\n,b,\n\"\",x,\"\"\n")
        #expect(r.map(\.fields) == [["a", "", "c"], ["", "b", ""], ["", "x", ""]])
        #expect(r.map(\.line) == [1, 4, 5])
    }

    @Test("a bare quote inside an unquoted field is literal")
    func bareQuote() throws {
        #expect(try records("5\" screen,b\n").map(\.fields) == [["5\" screen", "b"]])
    }

    @Test("unterminated quote is a data error at the record's line and field")
    func unterminated() {
        #expect(throws: ChainGraphError.data(SourceLocation(file: "t.csv", line: 2, column: 2),
                                             "quoted field is not closed before the end of the file")) {
            _ = try records("a,b\nc,\"never closed\nmore\n")
        }
    }

    @Test("text after a closing quote is a data error")
    func textAfterQuote() {
        #expect(throws: (any Error).self) { _ = try records("a,\"b\"c\n") }
        do { _ = try records("x\n\"a\"b,c\n") } catch {
            #expect(error == .data(SourceLocation(file: "t.csv", line: 2, column: 1),
                                   "unexpected text after a closing quote (a quote inside a quoted field must be doubled: \"\")"))
        }
    }

    @Test("empty input has no records")
    func empty() throws {
        #expect(try records("").isEmpty)
        #expect(try records("\n\r\n").isEmpty)
    }
}

@Suite("Number parsing")
struct NumberParserTests {
    private func parse(_ s: String) -> Result<Double, NumberParser.Failure> {
        Array(s.utf8).withUnsafeBufferPointer { NumberParser.parse($0) }
    }

    @Test("valid numbers match the standard library's correctly rounded parse",
          arguments: ["0", "1", "12.5", ".5", "5.", "+3", "1e6", "2.5E-3", "123456789012345678901234567890",
                      "0.1", "0.3", "9007199254740993", "1.7976931348623157e308", "4.9e-324", "0.000001", "-0", "-0.0"])
    func valid(_ s: String) throws {
        let expected = Double(s)!.magnitude
        #expect(try parse(s).get() == expected)
    }

    @Test("negative values are reported as negative", arguments: ["-1", "-0.5", "-1e3"])
    func negative(_ s: String) {
        #expect(throws: NumberParser.Failure.negative) { try parse(s).get() }
    }

    @Test("non-numbers are rejected", arguments: ["", "abc", "nan", "NaN", "inf", "Infinity", "1,000", "0x10", "1e", "1e+", "..5", "1.2.3", "1e999", "12abc", " 1"])
    func invalid(_ s: String) {
        #expect(throws: NumberParser.Failure.notANumber) { try parse(s).get() }
    }
}

/// The byte-level list splitter of the fast loading path agrees with `listItems()` (the
/// String one the analyst path uses) on separators, full-width forms and spaces.
@Suite("List cells as bytes")
struct ListItemsTests {
    @Test(arguments: ["S1;S2", " S1 ; S2 ;", "S1；S2", "\u{3000}正极\u{3000}；负极;;", "", ";", "单项冠军;专精特新；上市公司", "a\tb; c"])
    func sameAsListItems(_ cell: String) {
        var items: [String] = []
        Array(cell.utf8).withUnsafeBufferPointer { bytes in
            ListItems.forEach(bytes) { items.append(String(decoding: $0, as: UTF8.self)) }
        }
        #expect(items == cell.listItems(), "\(cell)")
    }
}
