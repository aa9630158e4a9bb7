import Foundation
import Testing
@testable import ChainGraph
import ChainGraphReport
@testable import ChainGraphServer

/// The chain map's views (SPEC §7) and its API on the hand-worked chain of
/// PolicyCycleTests; every expected row is derived in the comments.
///
///     firm  region      segments   revenue  links in (value)
///     V1    湖北/武汉    car        500      O1 60, O2 20
///     V2    湖北/襄阳    car;pack   400      O1 80, L1 20
///     L1    湖北/武汉    cell       100      S1 50
///     O1    江苏/常州    cell       300      O2 5
///     O2    广东/深圳    cell       200
///     S1    江苏/常州    sep        50
private let segments = """
    id,name,chain,parent,stage,inputs
    cell,电芯,EV,,midstream,sep
    sep,隔膜,EV,,upstream,
    car,整车,EV,,downstream,cell
    pack,储能,X,,downstream,cell

    """
private let firms = """
    id,name,region,segment,revenue
    V1,武汉整车,湖北/武汉,car,500
    V2,襄阳整车,湖北/襄阳,car;pack,400
    L1,武汉电芯,湖北/武汉,cell,100
    O1,常州电芯,江苏/常州,cell,300
    O2,深圳电芯,广东/深圳,cell,200
    S1,常州隔膜,江苏/常州,sep,50

    """
private let links = """
    supplier,buyer,value
    O1,V1,60
    O2,V1,20
    O1,V2,80
    L1,V2,20
    S1,L1,50
    O2,O1,5

    """

@Suite("Chain map: views and API")
struct ChainMapTests {
    let dir = TemporaryDirectory()
    let graph: SupplyGraph
    let context: RegionContext
    let api: ChainMapAPI

    init() throws {
        dir.write("segments.csv", segments)
        dir.write("firms.csv", firms)
        dir.write("links.csv", links)
        graph = try DatasetLoader().load(path: dir.path)
        context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
        api = ChainMapAPI(graph: graph, defaultRegion: RegionPath("湖北")!, datasetName: "test")
    }

    func get(_ target: String, method: String = "GET") -> APIResponse { api.respond(to: APIRequest(method: method, target: target)) }

    @Test("regions: provinces first, then by firm count, ties in UTF-8 order")
    func regions() {
        // 湖北 3 firms, 江苏 2, 广东 1; at level 2 江苏/常州 and 湖北/武汉 have 2 (江 E6 B1 < 湖 E6 B9),
        // 广东/深圳 and 湖北/襄阳 1 (广 E5 < 湖 E6).
        let rows = ChainMapViews.regions(graph).map { "\($0.region):\($0.firms)" }
        #expect(rows == ["湖北:3", "江苏:2", "广东:1", "江苏/常州:2", "湖北/武汉:2", "广东/深圳:1", "湖北/襄阳:1"])
        #expect(ChainMapAPI.largestProvince(graph) == RegionPath("湖北"))
    }

    @Test("neighbours: suppliers then buyers by value, local = the other firm is in R")
    func neighbours() throws {
        // V2 buys from O1 (80, 江苏: not local) and L1 (20, 湖北: local); it sells nothing.
        let v2 = try ChainMapViews.neighbours(context, firm: "V2")
        #expect(v2.map { "\($0.role) \($0.firm) \($0.value) \($0.local)" } == ["supplier O1 80.0 false", "supplier L1 20.0 true"])
        // O1 buys from O2 (5) and sells to V2 (80) and V1 (60).
        let o1 = try ChainMapViews.neighbours(context, firm: "O1")
        #expect(o1.map { "\($0.role) \($0.firm) \($0.value)" } == ["supplier O2 5.0", "buyer V2 80.0", "buyer V1 60.0"])
        #expect(o1[0].segments == ["cell"])  // the link takes the supplier's primary segment
        #expect(throws: ChainGraphError.unknownFirm("NOPE")) { try ChainMapViews.neighbours(context, firm: "NOPE") }
    }

    @Test("segment firms: local first, then revenue descending")
    func segmentFirms() throws {
        // cell: L1 (local, 100), then O1 (300), O2 (200). Sales: L1 20, O1 140, O2 25.
        let cell = try ChainMapViews.segmentFirms(context, segment: "cell")
        #expect(cell.map { "\($0.firm) \($0.local) \($0.sales)" } == ["L1 true 20.0", "O1 false 140.0", "O2 false 25.0"])
        #expect(throws: ChainGraphError.unknownSegment("nope")) { try ChainMapViews.segmentFirms(context, segment: "nope") }
    }

    @Test("search: exact id, then id prefix, then id or name containing the text")
    func search() {
        #expect(ChainMapViews.search(graph, query: "o1").map(\.firm) == ["O1"])
        #expect(ChainMapViews.search(graph, query: "v").map(\.firm) == ["V1", "V2"])
        #expect(ChainMapViews.search(graph, query: "电芯").map(\.firm) == ["L1", "O1", "O2"])
        #expect(ChainMapViews.search(graph, query: "  ").isEmpty)
        #expect(ChainMapViews.search(graph, query: "v", limit: 1).map(\.firm) == ["V1"])
    }

    @Test("row endpoints render the CLI's JSON rows")
    func rowsEqualTheLibrary() throws {
        let gaps = TableRenderer.render(ResultTable(try ChainGaps.compute(context), groupColumn: "type"), as: .json)
        #expect(get("/api/gaps?local=%E6%B9%96%E5%8C%97").body == gaps)
        #expect(get("/api/gaps").body == gaps)  // the default region
        let rate = TableRenderer.render(ResultTable(try LocalSupportingRate.compute(
            try RegionContext(graph, locality: .relative(level: 1)), by: .region)), as: .json)
        #expect(get("/api/local-rate?by=region&level=1").body == rate)
        let leaders = TableRenderer.render(ResultTable(try ChainLeaders.compute(graph, perChain: 2, within: context), groupColumn: "chain").top(1), as: .json)
        #expect(get("/api/leaders?local=湖北省&per_chain=2&top=1").body == leaders)
        let csv = get("/api/gaps?format=csv")
        #expect(csv.contentType.hasPrefix("text/csv") && csv.disposition != nil)
        #expect(csv.body == TableRenderer.render(ResultTable(try ChainGaps.compute(context), groupColumn: "type"), as: .csv))
    }

    @Test("bad parameters are 400 naming the parameter; unknown ids 404")
    func errors() {
        for (target, parameter) in [("/api/gaps?local=%FF", "local"), ("/api/gaps?locale=湖北", "locale"), ("/api/gaps?local=火星", "local"),
                                    ("/api/gaps?weak_below=2", "weak_below"), ("/api/local-rate?by=planet", "by"), ("/api/local-rate?level=0", "level"),
                                    ("/api/centrality", "measure"), ("/api/whatif?attract=", "attract"), ("/api/gaps?top=-1", "top"),
                                    ("/api/gaps?local=湖北&local=江苏", "local"), ("/api/search?q=a&limit=x", "limit"), ("/api/gaps?format=xml", "format")] {
            let r = get(target)
            #expect(r.status == 400, "\(target)")
            #expect(r.body.contains("\"parameter\": \"\(parameter)\""), "\(target): \(r.body)")
        }
        #expect(get("/api/firms/NOPE").status == 404)
        #expect(get("/api/segments/nope").status == 404)
        #expect(get("/api/whatif?attract=NOPE").status == 404)
        #expect(get("/api/gaps", method: "POST").status == 405)
        #expect(get("/api/gaps?q=" + String(repeating: "a", count: 9000)).status == 414)
    }

    @Test("without segments.csv: the tree analyses answer 409, the rest works")
    func noChainTree() throws {
        let bare = TemporaryDirectory()
        bare.write("firms.csv", firms)
        bare.write("links.csv", links)
        let plain = ChainMapAPI(graph: try DatasetLoader().load(path: bare.path), defaultRegion: RegionPath("湖北")!, datasetName: "bare")
        for target in ["/api/gaps", "/api/leaders", "/api/tree", "/api/local-rate?by=chain", "/api/whatif?attract=O1"] {
            let r = plain.respond(to: APIRequest(method: "GET", target: target))
            #expect(r.status == 409 && r.body.contains("segments.csv"), "\(target): \(r.status) \(r.body)")
        }
        #expect(plain.respond(to: APIRequest(method: "GET", target: "/api/local-rate?by=firm")).status == 200)
        #expect(plain.respond(to: APIRequest(method: "GET", target: "/api/firms/V2")).status == 200)
        #expect(plain.respond(to: APIRequest(method: "HEAD", target: "/api/summary")).status == 200)
    }

    @Test("nothing outside the page and the API, in any encoding")
    func traversal() {
        for target in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd", "/api/../../etc/passwd", "/api/%2e%2e/summary",
                       "/..%c0%af..%c0%afetc/passwd", "/%252e%252e/etc/passwd", "/api/summary/..", "/index.html/..", "//etc/passwd",
                       "/api/segments/..%2F..%2Fetc%2Fpasswd", "/api/firms/%00", "/Package.swift", "/datasets/nev/firms.csv", "etc/passwd", ""] {
            let r = get(target)
            #expect(r.status == 404 || r.status == 400, "\(target): \(r.status)")
            #expect(!r.body.contains("root:") && !r.body.contains("import PackageDescription"))
        }
        #expect(get("/").status == 200)
        #expect(get("/api/openapi.json").status == 200)
    }

    @Test("the views and the OpenAPI document are valid JSON")
    func json() throws {
        for target in ["/api/tree", "/api/segments/cell", "/api/firms/V2", "/api/openapi.json", "/api/whatif?attract=O1", "/api/search?q=v"] {
            let r = get(target)
            #expect(r.status == 200, "\(target): \(r.body)")
            #expect((try? JSONSerialization.jsonObject(with: Data(r.body.utf8))) != nil, "\(target)")
        }
        let doc = try JSONSerialization.jsonObject(with: Data(get("/api/openapi.json").body.utf8)) as! [String: Any]
        let paths = (doc["paths"] as! [String: Any]).keys.sorted()
        #expect(paths.contains("/api/segments/{id}") && paths.contains("/api/local-rate") && paths.count == 12)
    }
}
