import ChainGraph
@testable import ChainGraphExcel
import Foundation
import Testing

/// Workbooks from Tests/Fixtures/xlsx/make_fixtures.py (openpyxl, and zip and XML written by
/// hand); the expected CSV of each is worked out below from the XML the script writes.
@Suite struct XLSXReaderTests {
    static let root = "\(repositoryRoot)/Tests/Fixtures/xlsx"

    static func fixture(_ name: String) -> String { "\(root)/\(name)" }

    static func text(_ sheet: XLSXReader.Sheet) -> String { String(decoding: sheet.csv, as: UTF8.self) }

    /// The error reading `name` throws, or nil (recorded as a failure) when it reads.
    static func error(_ name: String, limits: XLSXReader.Limits = .init(),
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ChainGraphError? {
        do {
            _ = try XLSXReader.sheets(path: fixture(name), limits: limits)
            Issue.record("\(name) was read without an error", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Values and layout

    @Test func handmadeWorkbookSheetsInWorkbookOrder() throws {
        let sheets = try XLSXReader.sheets(path: Self.fixture("handmade.xlsx"))
        // Workbook order, not part order; `R&amp;D` decoded; the third is hidden.
        #expect(sheets.map(\.name) == ["second", "R&D 数据", "third"])
        #expect(sheets.map(\.isHidden) == [false, false, true])
        // "second" (an absolute target, a stored entry): B2 = 7, padded to 2 columns.
        #expect(Self.text(sheets[0]) == ",\n,7\n")
        #expect((sheets[0].rowCount, sheets[0].columnCount) == (2, 2))
        // "third" (a target with ./ and ..).
        #expect(Self.text(sheets[2]) == "third\n")
    }

    @Test func handmadeWorkbookCells() throws {
        let sheet = try #require(try XLSXReader.sheets(path: Self.fixture("handmade.xlsx"), named: ["R&D 数据"]).first)
        // Row 1: C1, A1, B1 out of order. Row 2: rich-text runs "宁德" + "时代 " + "新能源", B2
        // missing, numbers as stored, D2 a formula's cached value. Rows 3–4 missing. Row 5:
        // inline string, booleans, an error cell, a formula string. Row 6 (no r): a phonetic
        // run left out, every entity, a comma. Row 7: _x000D_ + LF is CR LF, quoted. Row 8
        // self-closing. Row 9: _x005F_ keeps a literal _x000D_, a surrogate pair, inline rich text.
        let expected = """
            supplier,buyer,value,,
            宁德时代 新能源,,1234.5,2469,1E-3
            ,,,,
            ,,,,
            inline & 内联,TRUE,#N/A,inline & 内联x,FALSE
            東京,"R&D <研发> ""q"" 'a' 中文","a,b",,
            ,"line1\r\nline2",,,
            ,,,,
            _x000D_ stays,emoji 😀,rich inline,,

            """
        #expect(Self.text(sheet) == expected)
        #expect((sheet.rowCount, sheet.columnCount) == (9, 5))
        // Row 7 spans CSV lines 7–8, so line n > 8 is row n - 1.
        #expect([6, 7, 8, 9, 10].map(sheet.row(atLine:)) == [6, 7, 7, 8, 9])
    }

    @Test func openpyxlWorkbook() throws {
        let sheets = try XLSXReader.sheets(path: Self.fixture("openpyxl.xlsx"))
        #expect(sheets.map(\.name) == ["供应关系", "企业", "说明"])
        #expect(sheets.map(\.isHidden) == [false, false, true])
        // A title row and a blank row above the header, Chinese headers, quoting.
        #expect(Self.text(sheets[0]) == #"""
            2024年XX市新能源汽车产业链企业名单,,,
            ,,,
            供应商,采购商,金额（万元）,备注
            F001,F002,1234.5,"电池, 电芯"
            F002,F003,0.001,
            F003,F001,42,"说 ""重要"""
            F004,F001,TRUE," 前后空格 "

            """#)
        // openpyxl writes formulas without a cached value: the cells read as empty.
        #expect(Self.text(sheets[1]) == "企业编号,企业名称,营收,两倍营收\nF001,宁德时代,100,\nF002,比亚迪,250.25,\n")
        #expect(Self.text(sheets[2]) == ",\n,内部使用\n")
        for sheet in sheets { #expect(sheet.row(atLine: 3) == 3) }
    }

    @Test func prefixedElementsAndChartSheetsSkipped() throws {
        #expect(try XLSXReader.sheetNames(path: Self.fixture("prefixed.xlsx")) == ["firms"])
        let sheets = try XLSXReader.sheets(path: Self.fixture("prefixed.xlsx"))
        #expect(sheets.map(Self.text) == ["id,name\n1,甲\n"])
    }

    @Test func zip64Archive() throws {
        // Every size and offset in a ZIP64 extra field, a ZIP64 end record; no [Content_Types].xml.
        let sheets = try XLSXReader.sheets(path: Self.fixture("zip64.xlsx"))
        #expect(sheets.map(\.name) == ["links"])
        #expect(sheets.map(Self.text) == ["supplier,buyer\nF1,F2\n"])
    }

    @Test func selectingSheetsByName() throws {
        let path = Self.fixture("handmade.xlsx")
        #expect(try XLSXReader.sheetNames(path: path) == ["second", "R&D 数据", "third"])
        // Workbook order whatever the order of the names; unknown names yield nothing.
        let chosen = try XLSXReader.sheets(path: path, named: ["third", "second", "links"])
        #expect(chosen.map(\.name) == ["second", "third"])
        #expect(try XLSXReader.sheets(path: path, named: []).isEmpty)
    }

    @Test func emptySheet() throws {
        let sheets = try XLSXReader.sheets(path: Self.fixture("empty.xlsx"))
        #expect(sheets.count == 1)
        #expect(sheets[0].csv.isEmpty && sheets[0].rowCount == 0 && sheets[0].columnCount == 0)
    }

    @Test func locationsAndColumnLetters() {
        #expect(XLSXReader.sourceFile(workbook: "d/book.xlsx", sheet: "links") == "d/book.xlsx[links]")
        #expect([1, 26, 27, 28, 52, 53, 702, 703, 16384, 0].map(XLSXReader.columnLetters)
                == ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD", ""])
    }

    // MARK: - Hostile and broken files

    @Test func zipBombDeclaredSizeIsRejectedBeforeReading() throws {
        let error = try #require(Self.error("bomb_declared.xlsx"))
        guard case let .invalidData(message) = error else { Issue.record("\(error)"); return }
        #expect(message.contains("bomb_declared.xlsx: not a valid .xlsx workbook"))
        #expect(message.contains("declares 4294967295 bytes uncompressed"))
        #expect(message.contains("zip bomb"))
    }

    @Test func zipBombWithALyingHeaderStopsWhileInflating() throws {
        let error = try #require(Self.error("bomb_lying.xlsx"))
        guard case let .invalidData(message) = error else { Issue.record("\(error)"); return }
        #expect(message.contains("decompresses to more than the 1000 bytes it declares"))
    }

    @Test func decompressedSizeLimit() throws {
        // 8 MiB of XML: read under the default limit, refused under 1 MiB.
        let sheets = try XLSXReader.sheets(path: Self.fixture("bomb_honest.xlsx"))
        #expect(sheets.map(Self.text) == ["1\n"])
        let error = try #require(Self.error("bomb_honest.xlsx", limits: .init(maxUncompressedBytes: 1 << 20)))
        guard case let .invalidData(message) = error else { Issue.record("\(error)"); return }
        #expect(message.contains("more than the 1048576-byte limit allows"))
    }

    @Test func sparseSheetPaddingIsBounded() throws {
        // A1 and XFD1048576: 1,048,576 lines of 16,383 commas would be 17 GB.
        let error = try #require(Self.error("sparse_far.xlsx"))
        guard case let .invalidData(message) = error else { Issue.record("\(error)"); return }
        #expect(message.contains("sparse_far.xlsx[Sheet1]: the sheet as CSV text would need"))
        #expect(message.contains("1048576 rows × 16384 columns"))
    }

    @Test func partsOverAMebibyteAreInflatedOnASecondThread() throws {
        // 8 MiB sheets: the same errors as on one thread, and no thread left behind.
        let lying = try #require(Self.error("bomb_lying_threaded.xlsx"))
        #expect("\(lying)".contains("decompresses to more than the 2097152 bytes it declares"))
        let crc = try #require(Self.error("bad_crc_threaded.xlsx"))
        #expect("\(crc)".contains("CRC-32 mismatch"))
        let cell = try #require(Self.error("bad_cell_threaded.xlsx"))
        #expect(cell == .data(SourceLocation(file: Self.fixture("bad_cell_threaded.xlsx") + "[links]", line: 2, column: 2),
                              "cell B2 refers to shared string \"9\", but the workbook has 0"))
    }

    @Test(arguments: [
        ("truncated.xlsx", "truncated"),
        ("not_a_zip.xlsx", "not a zip archive"),
        ("ole2.xlsx", "password-protected"),
        ("not_a_workbook.xlsx", "no workbook part"),
        ("bad_crc.xlsx", "CRC-32 mismatch"),
        ("cut_deflate.xlsx", "compressed data is corrupt or truncated"),
    ])
    func brokenFilesAreInvalidData(name: String, reason: String) throws {
        let error = try #require(Self.error(name))
        guard case let .invalidData(message) = error else { Issue.record("\(name): \(error)"); return }
        #expect(message.hasPrefix("\(Self.fixture(name)): not a valid .xlsx workbook: "))
        #expect(message.contains(reason), "\(message)")
        #expect(error.exitCode == 65)
    }

    @Test func failedReadsCloseTheirFiles() throws {
        func openFiles() -> Int { (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0 }
        let before = openFiles()
        for _ in 0..<200 {
            for name in ["truncated.xlsx", "not_a_zip.xlsx", "bad_crc.xlsx", "bad_xml.xlsx"] {
                _ = try? XLSXReader.sheets(path: Self.fixture(name))
            }
            _ = try XLSXReader.sheetNames(path: Self.fixture("handmade.xlsx"))
        }
        // Other tests run in parallel and open files too; a leak would add a thousand.
        #expect(openFiles() < before + 100)
    }

    @Test func limitsBeyondExcelDoNotOverflow() throws {
        let huge = XLSXReader.Limits(maxUncompressedBytes: .max, maxCSVBytes: .max, maxRows: .max, maxColumns: .max)
        let long = String(repeating: "Z", count: 40)
        #expect(throws: ChainGraphError.self) { try Self.convert("<row><c r=\"\(long)1\"><v>1</v></c></row>", limits: huge) }
        #expect(throws: ChainGraphError.self) {
            try Self.convert("<row r=\"99999999999999999999999\"><c><v>1</v></c></row>", limits: huge)
        }
        // Far apart rows and columns: the size check fails without overflowing.
        #expect(throws: ChainGraphError.self) {
            try Self.convert(#"<row r="1"><c r="A1"><v>1</v></c></row><row r="4611686018427387904"><c r="ZZZZZZZZZZZZ4611686018427387904"><v>1</v></c></row>"#,
                             limits: .init(maxUncompressedBytes: .max, maxCSVBytes: 1 << 20, maxRows: .max, maxColumns: .max))
        }
        #expect(try XLSXReader.sheets(path: Self.fixture("handmade.xlsx"), limits: huge).count == 3)
    }

    @Test func missingFileAndFolderAreInputMissing() {
        for path in [Self.fixture("no_such.xlsx"), Self.root] {
            do {
                _ = try XLSXReader.sheets(path: path)
                Issue.record("\(path) was read")
            } catch {
                guard case .inputMissing(path, _) = error else { Issue.record("\(error)"); continue }
                #expect(error.exitCode == 66)
            }
        }
    }

    @Test(arguments: [
        ("bad_shared_index.xlsx", 2, 2, "cell B2 refers to shared string \"7\", but the workbook has 1"),
        ("bad_xml.xlsx", 2, 1, "unknown entity &bogus;"),
        ("bad_reference.xlsx", 3, 2, "cell reference \"XFE3\" is not a cell of columns A–XFD"),
        ("bad_row.xlsx", 2, 0, "row number \"1048577\" is not between 1 and 1048576"),
        ("doctype.xlsx", 1, 0, "document type"),
    ])
    func cellProblemsNameTheCell(name: String, line: Int, column: Int, text: String) throws {
        let error = try #require(Self.error(name))
        guard case let .data(location, message) = error else { Issue.record("\(name): \(error)"); return }
        #expect(location.file == Self.fixture(name) + "[links]")
        #expect((location.line, location.column) == (line, column))
        #expect(message.contains(text), "\(message)")
    }

    /// A cell with a line break becomes a quoted CSV field spanning two lines; the loader
    /// must still name sheet rows (row 4 here, the bad `abc`), not CSV lines (which would be 5).
    @Test func locationsAfterACellWithALineBreakAreSheetRows() throws {
        var loader = DatasetLoader()
        loader.workbookReader = XLSXWorkbookReader()
        let path = Self.fixture("linebreak_location.xlsx")
        let (_, report) = try loader.check(path: path)
        let errors = report.errors
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.location.file == path + "[links]")
        #expect((error.location.line, error.location.column) == (4, 3), "\(error.message)")
    }

    // MARK: - Streaming: every chunking gives the same text

    @Test(arguments: [1, 2, 3, 7, 64, 1000])
    func resumesAtEveryChunkBoundary(chunk: Int) throws {
        let archive = try ZipArchive(path: Self.fixture("handmade.xlsx"))
        var budget = DecompressionBudget(limit: 1 << 30)
        let sheetXML = try archive.contents(of: #require(archive.entry(named: "xl/worksheets/sheet1.xml")), budget: &budget)
        let stringsXML = try archive.contents(of: #require(archive.entry(named: "xl/sharedStrings.xml")), budget: &budget)
        let whole = try WorksheetConverter.convert(xml: sheetXML, strings: SharedStrings.parse(stringsXML))
        let strings = try SharedStrings.parse(stringsXML, chunkSize: chunk, scanStep: chunk)
        let pieces = try WorksheetConverter.convert(xml: sheetXML, strings: strings, chunkSize: chunk, scanStep: chunk)
        #expect(pieces.csv == whole.csv)
        #expect(Self.text(whole).hasPrefix("supplier,buyer,value,,\n"))
    }

    // MARK: - Worksheet XML cases

    static func convert(_ rows: String, strings: [String] = [], limits: XLSXReader.Limits = .init()) throws(ChainGraphError) -> String {
        let xml = "<worksheet xmlns=\"m\"><sheetData>\(rows)</sheetData></worksheet>"
        let sst = "<sst>" + strings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"
        let table = try SharedStrings.parse(Array(sst.utf8))
        return text(try WorksheetConverter.convert(xml: Array(xml.utf8), strings: table, limits: limits, chunkSize: 5, scanStep: 3))
    }

    @Test(arguments: [
        // Numbers, dates and unknown types verbatim; booleans spelled out.
        (#"<row><c><v>-0.5</v></c><c t="n"><v>1.5E+20</v></c><c t="d"><v>2024-01-31T00:00:00</v></c><c t="b"><v>true</v></c></row>"#,
         "-0.5,1.5E+20,2024-01-31T00:00:00,TRUE\n"),
        // Quoting: quote, CR, tab, leading and trailing spaces; inner spaces stay bare.
        (#"<row><c t="inlineStr"><is><t>a"b</t></is></c><c t="inlineStr"><is><t>x&#13;y</t></is></c><c t="inlineStr"><is><t>t&#9;</t></is></c><c t="inlineStr"><is><t> a b</t></is></c><c t="inlineStr"><is><t>a b</t></is></c></row>"#,
         "\"a\"\"b\",\"x\ry\",\"t\t\",\" a b\",a b\n"),
        // Rows out of order are placed by number; a row without r follows the previous one.
        (#"<row r="3"><c r="B3"><v>3</v></c></row><row r="1"><c r="A1"><v>1</v></c></row><row><c r="A2"><v>2</v></c></row>"#,
         "1,\n2,\n,3\n"),
        // A row without r takes the row of its first cell reference.
        (#"<row><c r="A2"><v>2</v></c></row>"#, "\n2\n"),
        // CDATA, comments and processing instructions; entities in inline strings only once.
        (#"<row><!-- c --><c t="inlineStr"><is><t><![CDATA[<&amp;>]]></t></is></c><?pi x?><c t="str"><v>&amp;amp;</v></c></row>"#,
         "<&amp;>,&amp;\n"),
        // Shared strings, an empty shared-string cell, a lone surrogate escape kept as written.
        (#"<row><c t="s"><v>1</v></c><c t="s"><v></v></c><c t="inlineStr"><is><t>_xD800_ _x0000_ _x41_ _x0041_</t></is></c></row>"#,
         "b,,_xD800_ _x0000_ _x41_ A\n"),
        // Cells and rows may hold <f> and extLst elements; text outside <v>/<t> is ignored.
        (#"<row r="1" spans="1:2" x14ac:dyDescent="0.25"><c r="A1" s="3" t="str"><f t="shared" ref="A1:A2" si="0">B1</f><v>cached</v></c>junk</row>"#,
         "cached\n"),
        // Raw CR LF inside text is an LF (XML line-end normalisation).
        ("<row><c t=\"inlineStr\"><is><t>a\r\nb</t></is></c></row>", "\"a\nb\"\n"),
    ])
    func worksheetXML(rows: String, csv: String) throws {
        #expect(try Self.convert(rows, strings: ["a", "b"]) == csv)
    }

    @Test(arguments: [
        (#"<row r="2"><c r="A2"><v>1</v></c></row><row r="2"><c r="B2"><v>1</v></c></row>"#, 2, 0, "row 2 appears twice"),
        (#"<row r="4"><c r="B4"><v>1</v></c><c r="B4"><v>2</v></c></row>"#, 4, 2, "cell B4 appears twice"),
        (#"<row r="4"><c r="B5"><v>1</v></c></row>"#, 4, 2, "cell B5 is inside row 4"),
        (#"<row r="1"><c r="A1" t="s"><v>x</v></c></row>"#, 1, 1, "refers to shared string \"x\""),
        (#"<c r="A1"><v>1</v></c>"#, 1, 0, "a cell (<c>) outside a row"),
        (#"<row r="1"><c r="A1" t="inlineStr"><is><t>&#0;</t></is></c></row>"#, 1, 1, "code point XML does not allow"),
        (#"<row r="1"><c r="A1"><v>&#xD800;</v></c></row>"#, 1, 1, "code point XML does not allow"),
        (#"<row r="1"><c r="A1"><v>a & b</v></c></row>"#, 1, 1, "an '&' that starts no entity reference"),
        (#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t=s><v>1</v></c></row>"#, 2, 0, "without quotes"),
    ])
    func worksheetXMLErrors(rows: String, line: Int, column: Int, text: String) throws {
        do {
            _ = try Self.convert(rows)
            Issue.record("no error")
        } catch {
            guard case let .data(location, message) = error else { Issue.record("\(error)"); return }
            #expect(location.file == "book.xlsx[Sheet1]")
            #expect((location.line, location.column) == (line, column), "\(message)")
            #expect(message.contains(text), "\(message)")
        }
    }

    @Test func truncatedWorksheetXML() throws {
        for xml in [#"<worksheet><sheetData><row r="7"><c r="A7"><v>1</v>"#, #"<worksheet><sheetData><row r="7"><c r="A7"><v>1</v></c></row>"#] {
            #expect(throws: ChainGraphError.data(SourceLocation(file: "book.xlsx[Sheet1]", line: xml.hasSuffix("</row>") ? 8 : 7, column: 0),
                                                 "the worksheet XML ends inside <sheetData> (the file is truncated or corrupt)")) {
                try WorksheetConverter.convert(xml: Array(xml.utf8), chunkSize: 4, scanStep: 2)
            }
        }
        // A tag cut in the middle at the end of the part.
        #expect(throws: ChainGraphError.data(SourceLocation(file: "book.xlsx[Sheet1]", line: 1, column: 0),
                                             "malformed worksheet XML: the part ends inside a tag")) {
            try WorksheetConverter.convert(xml: Array("<worksheet><sheetData><ro".utf8))
        }
    }

    @Test func invalidUTF8InACellIsAnError() throws {
        let xml: [UInt8] = Array(#"<worksheet><sheetData><row r="3"><c r="C3" t="inlineStr"><is><t>"#.utf8) + [0xE4, 0xB8]
            + Array("</t></is></c></row></sheetData></worksheet>".utf8)
        #expect(throws: ChainGraphError.data(SourceLocation(file: "book.xlsx[Sheet1]", line: 3, column: 3),
                                             "cell C3: the text is not valid UTF-8")) {
            try WorksheetConverter.convert(xml: xml)
        }
    }

    @Test func rowAndColumnLimits() throws {
        let limits = XLSXReader.Limits(maxRows: 3, maxColumns: 2)
        #expect(try Self.convert(#"<row r="3"><c r="B3"><v>1</v></c></row>"#, limits: limits) == ",\n,\n,1\n")
        #expect(throws: ChainGraphError.self) { try Self.convert(#"<row r="4"><c><v>1</v></c></row>"#, limits: limits) }
        #expect(throws: ChainGraphError.self) { try Self.convert(#"<row><c/><c/><c><v>1</v></c></row>"#, limits: limits) }
        #expect(throws: ChainGraphError.self) {
            try Self.convert(#"<row/><row/><row/><row><c><v>1</v></c></row>"#, limits: limits)
        }
        // Rows of one far cell each are 16,383 commas apiece: the CSV limit stops them while
        // streaming, before the text is laid out.
        let farCells = String(repeating: #"<row><c r="XFD"><v>1</v></c></row>"#, count: 10)
        #expect(try Self.convert(farCells, limits: .init(maxCSVBytes: 200_000)).utf8.count == 10 * 16_385)
        do {
            _ = try Self.convert(farCells, limits: .init(maxCSVBytes: 100_000))
            Issue.record("no error")
        } catch {
            guard case let .invalidData(message) = error else { Issue.record("\(error)"); return }
            #expect(message.hasPrefix("book.xlsx[Sheet1]: the sheet as CSV text would need more than 100000 bytes (7 rows × 16384 columns)"), "\(message)")
        }
        // One long shared string in every cell of a row: stopped while the row is read.
        let longString = String(repeating: "长", count: 10_000)
        let repeated = "<row>" + String(repeating: #"<c t="s"><v>0</v></c>"#, count: 100) + "</row>"
        #expect(throws: ChainGraphError.self) {
            try Self.convert(repeated, strings: [longString], limits: .init(maxCSVBytes: 1 << 20))
        }
        #expect(try Self.convert(repeated, strings: [longString], limits: .init(maxCSVBytes: 8 << 20)).utf8.count == 100 * 30_001)
        // A thousand-letter column reference is refused, not overflowed.
        let long = String(repeating: "Z", count: 1000)
        #expect(throws: ChainGraphError.self) { try Self.convert("<row><c r=\"\(long)1\"><v>1</v></c></row>") }
    }

    @Test func multiLineCellsShiftLines() throws {
        // Rows 2 and 4 hold two and one line breaks: lines 1, 2–4, 5, 6–7, 8 are rows 1–5.
        let xml = #"<worksheet><sheetData><row r="1"><c><v>1</v></c></row><row r="2"><c t="inlineStr"><is><t>a&#10;b&#10;c</t></is></c></row><row r="3"><c><v>3</v></c></row><row r="4"><c t="inlineStr"><is><t>d_x000D_e</t></is></c></row><row r="5"><c><v>5</v></c></row></sheetData></worksheet>"#
        let sheet = try WorksheetConverter.convert(xml: Array(xml.utf8))
        #expect(Self.text(sheet) == "1\n\"a\nb\nc\"\n3\n\"d\re\"\n5\n")
        #expect((1...8).map(sheet.row(atLine:)) == [1, 2, 2, 2, 3, 4, 4, 5])
    }
}
