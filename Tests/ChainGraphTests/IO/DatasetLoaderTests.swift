import Foundation
import Testing
@testable import ChainGraph

/// A valid three-file dataset the error tests break one rule at a time.
private let segmentsCSV = """
    id,name,chain,parent,stage,inputs
    ore,锂矿,NEV,,upstream,
    materials,材料,NEV,,midstream,
    cathode,正极材料,NEV,materials,midstream,ore
    cell,动力电池,NEV,,midstream,cathode
    vehicle,整车,NEV,,downstream,cell

    """
private let firmsCSV = """
    id,name,region,segment,revenue,tags
    M1,矿业,四川/宜宾,ore,100,
    C1,正极,湖北/襄阳,cathode,200,专精特新
    B1,电池,湖北/武汉/东湖高新区,cell;cathode,900,上市公司;高新技术企业
    V1,整车厂,湖北/武汉,vehicle,5000,

    """
private let linksCSV = """
    supplier,buyer,value,segment
    M1,C1,10,
    C1,B1,20,cathode
    B1,V1,30,
    C1,B1,5,cathode
    V1,V1,1,

    """

private func dataset(segments: String? = segmentsCSV, firms: String? = firmsCSV, links: String? = linksCSV) -> TemporaryDirectory {
    let dir = TemporaryDirectory()
    if let segments { dir.write("segments.csv", segments) }
    if let firms { dir.write("firms.csv", firms) }
    if let links { dir.write("links.csv", links) }
    return dir
}

@Suite("Dataset loading")
struct DatasetLoaderTests {
    @Test("a valid dataset: merging, self-loops, default link segment, attributes")
    func valid() throws {
        let dir = dataset()
        let g = try load(dir.path)
        #expect(g.firmCount == 4)
        #expect(g.buildStats == BuildStats(linkRows: 5, mergedLinks: 1, droppedSelfLoops: 1))
        #expect(g.linkCount == 3)
        let b1 = try #require(g.firms.index(of: "B1"))
        let c1 = try #require(g.firms.index(of: "C1"))
        // C1 → B1 appears twice with segment cathode: merged, 20 + 5.
        #expect(g.purchases(of: b1) == [SupplyGraph.Link(supplier: c1, buyer: b1, value: 25, segment: g.segments.index(of: "cathode"))])
        // M1 → C1 has no segment: defaults to M1's primary segment, ore.
        #expect(g.purchases(of: c1).first?.segment == g.segments.index(of: "ore"))
        #expect(g.firms.segments(b1).map { g.segments.segments[Int($0)].id } == ["cell", "cathode"])
        #expect(g.firms.region(b1)?.description == "湖北/武汉/东湖高新区")
        #expect(g.firms.tags(b1) == ["上市公司", "高新技术企业"])
        #expect(g.firms.revenue(b1) == 900)
        #expect(g.segments.chains == ["NEV"])
        #expect(g.segments.segments[g.segments.index(of: "cathode")!].parent == g.segments.index(of: "materials"))
        #expect(g.segments.segments[g.segments.index(of: "cathode")!].inputs == [g.segments.index(of: "ore")!])
    }

    @Test("links.csv alone: firms are those named in links, segments are labels")
    func linksOnly() throws {
        let dir = dataset(segments: nil, firms: nil, links: "supplier,buyer,value,segment\na,b,2,x\nb,c,,\n")
        let g = try load(dir.path)
        #expect(Array(g.firms.ids) == ["a", "b", "c"])
        #expect(g.segments.hasTree == false)
        #expect(g.segments.segments.map(\.id) == ["x"])
        #expect(g.purchases(of: 2).first?.value == 1)  // empty value defaults to 1
        #expect(g.purchases(of: 2).first?.segment == nil)
    }

    @Test("header names are case-insensitive, Chinese aliases work, extra columns are ignored")
    func headers() throws {
        let dir = dataset(segments: nil, firms: "企业编号,备注,REGION\nA,x,湖北\nB,y,\n",
                          links: " Supplier ,采购商,金额,comment\nA,B,3,hello\n")
        let g = try load(dir.path)
        #expect(g.linkCount == 1)
        #expect(g.firms.region(0)?.description == "湖北")
        #expect(g.firms.region(1) == nil)
    }

    @Test("rows whose fields are all empty are skipped")
    func blankRows() throws {
        let dir = dataset(links: "supplier,buyer,value,segment\nM1,C1,1,\n,,,\n")
        #expect(try load(dir.path).linkCount == 1)
    }

    // MARK: every SPEC §1 rule, with file, line and column

    @Test("unknown firm in links.csv")
    func unknownFirm() {
        let dir = dataset(links: "supplier,buyer,value,segment\nM1,C1,1,\nM1,ZZ,1,\n")
        expectDataError(dir.path, file: "links.csv", line: 3, column: 2, contains: "unknown firm \"ZZ\"")
    }

    @Test("unknown segment in firms.csv and links.csv")
    func unknownSegment() {
        expectDataError(dataset(firms: "id,segment\nA,ore\nB,cell;nope\n", links: "supplier,buyer\nA,B\n"),
                        file: "firms.csv", line: 3, column: 2, contains: "unknown segment \"nope\"")
        expectDataError(dataset(links: "supplier,buyer,value,segment\nM1,C1,1,bogus\n"),
                        file: "links.csv", line: 2, column: 4, contains: "bogus")
    }

    @Test("unknown parent and input segments")
    func unknownTreeReferences() {
        expectDataError(dataset(segments: "id,chain,parent\na,X,\nb,X,zz\n"),
                        file: "segments.csv", line: 3, column: 3, contains: "unknown parent segment \"zz\"")
        expectDataError(dataset(segments: "id,chain,inputs\na,X,\nb,X,a;qq\n"),
                        file: "segments.csv", line: 3, column: 3, contains: "unknown input segment \"qq\"")
    }

    @Test("parent in another chain")
    func parentOtherChain() {
        expectDataError(dataset(segments: "id,chain,parent\na,X,\nb,Y,a\n"),
                        file: "segments.csv", line: 3, column: 3, contains: "belongs to chain")
    }

    @Test("duplicate firm and segment ids")
    func duplicates() {
        expectDataError(dataset(firms: "id,name\nA,x\nB,y\nA,z\n", links: "supplier,buyer\nA,B\n"),
                        file: "firms.csv", line: 4, column: 1, contains: "duplicate firm id \"A\" (first on line 2)")
        expectDataError(dataset(segments: "id,chain\na,X\nb,X\na,X\n"),
                        file: "segments.csv", line: 4, column: 1, contains: "duplicate segment id \"a\"")
    }

    @Test("negative, NaN and non-numeric numbers", arguments: [
        ("-5", "must not be negative"), ("NaN", "is not a number"), ("abc", "is not a number"), ("inf", "is not a number"),
    ])
    func badNumbers(_ value: String, _ message: String) {
        expectDataError(dataset(links: "supplier,buyer,value,segment\nM1,C1,1,\nC1,B1,\(value),\n"),
                        file: "links.csv", line: 3, column: 3, contains: message)
        expectDataError(dataset(firms: "id,revenue\nA,1\nB,\(value)\n", links: "supplier,buyer\nA,B\n"),
                        file: "firms.csv", line: 3, column: 2, contains: message)
    }

    @Test("a parent cycle")
    func parentCycle() {
        let message = expectDataError(dataset(segments: "id,chain,parent\nroot,X,\na,X,c\nb,X,a\nc,X,b\n"),
                                      file: "segments.csv", line: 3, column: 3, contains: "parent cycle")
        #expect(message?.contains("a → b → c → a") == true || message?.contains("→") == true)
        expectDataError(dataset(segments: "id,chain,parent\nself,X,self\n"), file: "segments.csv", line: 2, column: 3)
    }

    @Test("wrong number of fields")
    func fieldCount() {
        expectDataError(dataset(links: "supplier,buyer,value,segment\nM1,C1,1,\nM1,C1\n"),
                        file: "links.csv", line: 3, column: 3, contains: "expected 4 fields as in the header, found 2")
        expectDataError(dataset(links: "supplier,buyer,value,segment\nM1,C1,1,,extra\n"),
                        file: "links.csv", line: 2, column: 5, contains: "found 5")
    }

    @Test("missing required columns and empty files")
    func structure() {
        expectDataError(dataset(links: "supplier,value\nM1,1\n"), file: "links.csv", line: 1, contains: "buyer")
        expectDataError(dataset(links: ""), file: "links.csv", line: 1, contains: "empty")
        expectDataError(dataset(segments: "id,name\na,b\n"), file: "segments.csv", line: 1, contains: "chain")
        expectDataError(dataset(firms: "name\nx\n"), file: "firms.csv", line: 1, contains: "\"id\"")
    }

    @Test("empty ids")
    func emptyIds() {
        expectDataError(dataset(links: "supplier,buyer,value,segment\nM1,,1,\n"), file: "links.csv", line: 2, column: 2)
        expectDataError(dataset(firms: "id,name\n,x\n", links: "supplier,buyer\n"), file: "firms.csv", line: 2, column: 1)
    }

    @Test("bad quoting and undecodable bytes")
    func badText() {
        expectDataError(dataset(links: "supplier,buyer,value,segment\nM1,\"C1,1,\n"),
                        file: "links.csv", line: 2, column: 2, contains: "not closed")
        let dir = dataset()
        dir.write("links.csv", bytes: Array("supplier,buyer\nM1,C1\nM1,".utf8) + [0xFF, 0xFF, 0x0A])
        expectDataError(dir.path, file: "links.csv", line: 3, column: 2, contains: "neither valid UTF-8 nor GB18030")
        do {
            _ = try DatasetLoader(encoding: .utf8).load(path: dir.path)
            Issue.record("expected failure")
        } catch {
            #expect(error.description.contains("links.csv:3:2: invalid UTF-8 byte 0xFF"))
        }
    }

    @Test("missing inputs are exit 66")
    func missing() {
        let dir = dataset(links: nil)
        #expect(throws: ChainGraphError.self) { try load(dir.path) }
        do { _ = try load(dir.path) } catch { #expect(error.exitCode == 66) }
        do { _ = try load("/nonexistent/dataset") } catch { #expect(error.exitCode == 66) }
    }

    @Test("every loader error leaves the input files untouched")
    func inputsUntouched() throws {
        let dir = dataset(links: "supplier,buyer,value,segment\nM1,C1,-1,\n")
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/links.csv"))
        _ = try? load(dir.path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/links.csv")) == before)
        #expect(dir.listing == ["firms.csv", "links.csv", "segments.csv"])
    }
}

@Suite("Encodings")
struct EncodingTests {
    struct Expected: Decodable {
        var firm_ids: [String]
        var firm_names: [String]
        var regions: [String]
        var links: [[String]]?
    }

    @Test("GB18030 (Excel on Chinese Windows) and UTF-8 with BOM read identically", arguments: ["gb18030", "utf8_bom"])
    func encodings(_ folder: String) throws {
        let root = "\(repositoryRoot)/Tests/Fixtures/encoding"
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(root)/expected.json"))) as! [String: Any]
        let g = try load("\(root)/\(folder)")
        #expect(Array(g.firms.ids) == expected["firm_ids"] as! [String])
        #expect((0..<g.firmCount).map { g.firms.name($0) } == expected["firm_names"] as! [String])
        #expect((0..<g.firmCount).map { g.firms.region($0)?.description ?? "" } == expected["regions"] as! [String])
        let links = expected["links"] as! [[Any]]
        for link in links {
            let s = try #require(g.firms.index(of: link[0] as! String)), b = try #require(g.firms.index(of: link[1] as! String))
            #expect(g.purchases(of: b).contains { $0.supplier == s && $0.value == link[2] as! Double })
        }
    }

    @Test("--encoding gb18030 forces the conversion; utf-8 rejects GB bytes with a hint")
    func forced() throws {
        let root = "\(repositoryRoot)/Tests/Fixtures/encoding"
        #expect(try load("\(root)/gb18030", encoding: .gb18030).firmCount == 4)
        do {
            _ = try load("\(root)/gb18030", encoding: .utf8)
            Issue.record("expected failure")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.contains("firms.csv:1:1"))
            #expect(error.description.contains("read it as GB18030"))
        }
    }

    @Test("UTF-16 files get a clear message")
    func utf16() {
        let dir = TemporaryDirectory()
        dir.write("links.csv", bytes: [0xFF, 0xFE] + Array("s\0,\0b\0".utf8))
        expectDataError(dir.path, file: "links.csv", line: 1, contains: "UTF-16")
    }
}
