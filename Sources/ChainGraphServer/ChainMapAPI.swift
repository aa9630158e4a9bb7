import ChainGraph
import ChainGraphReport
import Synchronization

/// An HTTP request as the chain map sees it: the method and the raw request target.
public struct APIRequest: Sendable {
    /// `GET`, `HEAD`, …
    public var method: String
    /// The request target as sent, percent-encoded: `/api/gaps?local=%E6%B9%96%E5%8C%97`.
    public var target: String

    /// A request.
    public init(method: String, target: String) {
        self.method = method
        self.target = target
    }
}

/// What the chain map answers: a status, a content type and the body.
public struct APIResponse: Sendable {
    /// HTTP status code.
    public var status: Int
    /// `Content-Type` header.
    public var contentType: String
    /// The body bytes (UTF-8 text).
    public var body: String
    /// `Content-Disposition` for downloads, nil otherwise.
    public var disposition: String?

    static func json(_ text: String, status: Int = 200) -> APIResponse {
        APIResponse(status: status, contentType: "application/json; charset=utf-8", body: text)
    }
}

/// The chain map's API of SPEC §7 and its page, over one loaded dataset.
///
/// Pure request → response: no sockets and no files, so tests call ``respond(to:)``
/// directly and the Hummingbird server (``ChainMapServer``) only moves bytes. Every row
/// endpoint computes through the library the rows the CLI prints for the same options and
/// renders them with the CLI's JSON writer (`TableRenderer`), so `GET /api/gaps?local=湖北`
/// is byte for byte `chaingraph gaps --local 湖北 --format json`. Results are cached per
/// region and options (the dataset never changes while the server runs).
public final class ChainMapAPI: Sendable {
    /// The dataset.
    public let graph: SupplyGraph
    /// The region the page opens with.
    public let defaultRegion: RegionPath
    /// A display name of the dataset (shown on the page).
    public let datasetName: String
    /// Longest request target accepted (bytes); longer ones get 414.
    public static let maxTargetLength = 8192

    /// The page, rendered once: it depends only on the dataset name and default region.
    private let page: String
    private let cache = Mutex<[String: any Sendable]>([:])
    private static let cacheLimit = 512

    /// The API over `graph`.
    /// - Parameters:
    ///   - defaultRegion: the region the page opens with (already resolved against the dataset).
    ///   - datasetName: shown on the page.
    public init(graph: SupplyGraph, defaultRegion: RegionPath, datasetName: String) {
        self.graph = graph
        self.defaultRegion = defaultRegion
        self.datasetName = datasetName
        self.page = ChainMapPage.html(datasetName: datasetName, region: defaultRegion)
    }

    /// The region with the most firms at province level: the default when `serve` is given no
    /// `--local`. Nil when no firm has a region.
    public static func largestProvince(_ graph: SupplyGraph) -> RegionPath? {
        ChainMapViews.regions(graph).first { $0.level == 1 }.flatMap { RegionPath($0.region) }
    }

    /// Answers one request; never throws: every failure is an HTTP error with a JSON body
    /// `{"error": …, "parameter": …}`.
    public func respond(to request: APIRequest) -> APIResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return Self.error(405, "method \(request.method) not allowed: the chain map is read-only (GET)")
        }
        guard request.target.utf8.count <= Self.maxTargetLength else {
            return Self.error(414, "request target longer than \(Self.maxTargetLength) bytes")
        }
        let parts = request.target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = String(parts[0])
        do throws(APIError) {
            let query = try Query(parts.count > 1 ? String(parts[1]) : "")
            let segments = try rawPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part throws(APIError) in
                guard let text = PercentDecoding.decode(part, plusIsSpace: false) else { throw .notFound("no such page: the path is not valid percent-encoded UTF-8") }
                return text
            }
            guard rawPath.hasPrefix("/") else { throw .notFound("no such page") }
            return try route(segments, query)
        } catch {
            return error.response
        }
    }

    // MARK: - Routing

    private func route(_ path: [String], _ q: Query) throws(APIError) -> APIResponse {
        switch path {
        case [""], ["index.html"]:
            try q.allow([])
            return APIResponse(status: 200, contentType: "text/html; charset=utf-8", body: page)
        case ["api", "openapi.json"]:
            try q.allow([])
            return .json(OpenAPIDocument.json)
        case ["api", "summary"]:
            try q.allow(["top", "format"])
            return try rowsResponse(q, memo("summary") { GraphSummary(graph).metrics }, name: "summary")
        case ["api", "regions"]:
            try q.allow(["top", "format"])
            return try rowsResponse(q, memo("regions") { ChainMapViews.regions(graph) }, name: "regions")
        case ["api", "local-rate"]:
            return try localRate(q)
        case ["api", "gaps"]:
            return try gaps(q)
        case ["api", "leaders"]:
            return try leaders(q)
        case ["api", "centrality"]:
            return try centrality(q)
        case ["api", "whatif"]:
            return try whatIf(q)
        case ["api", "tree"]:
            return try tree(q)
        case ["api", "search"]:
            try q.allow(["q", "limit", "format"])
            let text = try q.required("q")
            let limit = try q.integer("limit", range: 1...1000) ?? 50
            return try rowsResponse(q, ChainMapViews.search(graph, query: text, limit: limit), name: "search")
        case let p where p.count == 3 && p[0] == "api" && p[1] == "segments":
            return try segmentView(p[2], q)
        case let p where p.count == 3 && p[0] == "api" && p[1] == "firms":
            return try firmView(p[2], q)
        default:
            throw .notFound("no such page or endpoint (the API is under /api/, see /api/openapi.json)")
        }
    }

    // MARK: - Endpoints

    private func localRate(_ q: Query) throws(APIError) -> APIResponse {
        try q.allow(["by", "local", "level", "per_chain", "top", "format"])
        let by = try q.choice("by", LocalSupportingRate.Grouping.self) ?? .segment
        let perChain = try q.integer("per_chain", range: 1...Int(Int32.max)) ?? 3
        if q["local"] != nil && q["level"] != nil { throw .badParameter("level", "use either local=R or level=K, not both") }
        if by == .leader && q["local"] == nil && q["level"] != nil { throw .badParameter("by", "by=leader needs local=R: leader candidates are ranked within a fixed region") }
        if by == .chain || by == .leader { try library(nil) { () throws(ChainGraphError) in try graph.requireChainTree(for: "local-rate --by \(by.rawValue)") } }
        let key: String
        let locality: Locality
        if let level = try q.integer("level", range: 1...64) {
            locality = .relative(level: level)
            key = "level=\(level)"
        } else {
            let region = try region(q)
            locality = .fixed(region)
            key = "local=\(region)"
        }
        let ctx = try context(locality, key: key)
        let rows = try memo("local-rate|\(key)|\(by.rawValue)|\(perChain)") { () throws(APIError) in
            try library("by") { () throws(ChainGraphError) in try LocalSupportingRate.compute(ctx, by: by, leadersPerChain: perChain) }
        }
        return try rowsResponse(q, rows, name: "local-rate-\(by.rawValue)")
    }

    private func gaps(_ q: Query) throws(APIError) -> APIResponse {
        try q.allow(["local", "weak_below", "strong_above", "type", "top", "format"])
        let thresholds = ChainGaps.Thresholds(weakBelow: try q.share("weak_below") ?? 0.5, strongAbove: try q.share("strong_above") ?? 0.8)
        let types = try q.all("type").map { t throws(APIError) in
            guard let kind = GapKind(rawValue: t) else { throw .badParameter("type", "type=\(t): expected one of \(GapKind.allCases.map(\.rawValue).joined(separator: ", "))") }
            return kind.rawValue
        }
        let region = try region(q)
        var table = ResultTable(try gapAnalysis(region, thresholds).rows, groupColumn: "type")
        if !types.isEmpty { table = table.filter(column: "type", in: Set(types)) }
        return try render(q, table, name: "gaps")
    }

    private func leaders(_ q: Query) throws(APIError) -> APIResponse {
        try q.allow(["local", "per_chain", "top", "format"])
        let perChain = try q.integer("per_chain", range: 1...Int(Int32.max)) ?? 3
        let region = try q["local"] == nil ? nil : self.region(q)
        let rows = try leaderRows(region, perChain: perChain)
        return try render(q, ResultTable(rows, groupColumn: "chain"), name: "leaders")
    }

    private func centrality(_ q: Query) throws(APIError) -> APIResponse {
        try q.allow(["measure", "top", "format"])
        guard let measure = try q.choice("measure", CentralityMeasure.self) else { throw .badParameter("measure", "measure is required: one of \(CentralityMeasure.allCases.map(\.rawValue).joined(separator: ", "))") }
        let table = try memo("centrality|\(measure.rawValue)") { () throws(APIError) in
            try library("measure") { () throws(ChainGraphError) in try measure.compute(graph, options: CentralityMeasure.Options()).table }
        }
        return try render(q, table, name: "centrality-\(measure.rawValue)")
    }

    private func whatIf(_ q: Query) throws(APIError) -> APIResponse {
        try q.allow(["local", "attract", "capacity", "format"])
        let attract = try q.required("attract")
        let capacity = try q.number("capacity")
        if let capacity, !(capacity >= 0) { throw .badParameter("capacity", "capacity must be a finite value ≥ 0, got \(capacity)") }
        let region = try region(q)
        let ctx = try context(.fixed(region), key: "local=\(region)")
        try library(nil) { () throws(ChainGraphError) in try graph.requireChainTree(for: "whatif") }
        let rows = try memo("whatif|\(region)|\(attract)|\(capacity.map { "\($0)" } ?? "")") { () throws(APIError) in
            let plant = try library("attract") { () throws(ChainGraphError) in try WhatIf.plant(attracting: attract, capacity: capacity, in: ctx) }
            return try library("attract") { () throws(ChainGraphError) in try WhatIf.simulate(ctx, plant: plant).rows }
        }
        return try rowsResponse(q, rows, name: "whatif")
    }

    private func tree(_ q: Query) throws(APIError) -> APIResponse {
        try q.allow(["local"])
        let region = try region(q)
        let analysis = try gapAnalysis(region, ChainGaps.Thresholds())
        let ctx = try context(.fixed(region), key: "local=\(region)")
        let coverage = try memo("coverage|\(region)") { () throws(APIError) in
            try library(nil) { () throws(ChainGraphError) in try SegmentCoverage.compute(ctx) }
        }
        let trees = ChainReport.trees(ctx, analysis: analysis)
        var out = "{\n\"region\": \(TextEscaping.json(region.description)),\n\"statuses\": ["
        out += ChainReport.statusStyles.map { s in
            "{\"status\": \(TextEscaping.json(s.status)), \"fill\": \(TextEscaping.json(s.style.fill)), \"stroke\": \(TextEscaping.json(s.style.stroke)), \"zh\": \(TextEscaping.json(s.style.zh)), \"en\": \(TextEscaping.json(s.style.en))}"
        }.joined(separator: ", ")
        out += "],\n\"coverage\": " + TableRenderer.json(ResultTable(coverage)).dropLast() + ",\n\"chains\": ["
        out += zip(graph.segments.chains, trees).map { chain, nodes in
            let items = nodes.map { n in
                "{\"id\": \(TextEscaping.json(n.id)), \"name\": \(TextEscaping.json(n.name)), \"parent\": \(n.parent.map(TextEscaping.json) ?? "null"), "
                    + "\"depth\": \(n.depth), \"is_leaf\": \(n.isLeaf), \"status\": \(TextEscaping.json(n.status)), "
                    + "\"local_share\": \(TableRenderer.jsonValue(.number(n.localShare))), \"local_firms\": \(n.localFirms)}"
            }
            return "\n{\"chain\": \(TextEscaping.json(chain)), \"segments\": [\n  " + items.joined(separator: ",\n  ") + "\n]}"
        }.joined(separator: ",")
        return .json(out + "\n]\n}\n")
    }

    private func segmentView(_ id: String, _ q: Query) throws(APIError) -> APIResponse {
        try q.allow(["local", "part", "format"])
        let tree = graph.segments
        guard let s = tree.index(of: id) else { throw .notFound("no segment with id \(id)") }
        let region = try region(q)
        let ctx = try context(.fixed(region), key: "local=\(region)")
        let seg = tree.segments[s]
        let info = SegmentInfo(id: seg.id, name: seg.name, chain: seg.chain.map { tree.chains[$0] }, parent: seg.parent.map { tree.segments[$0].id },
                               children: tree.children[s].map { tree.segments[$0].id })
        let rates = try memo("local-rate|local=\(region)|segment|3") { () throws(APIError) in
            try library(nil) { () throws(ChainGraphError) in try LocalSupportingRate.compute(ctx, by: .segment) }
        }.filter { $0.key == id }
        let firms = try library(nil) { () throws(ChainGraphError) in try ChainMapViews.segmentFirms(ctx, segment: id) }
        let gapRows = tree.hasTree ? try gapAnalysis(region, ChainGaps.Thresholds()).rows.filter { $0.segment == id } : []
        let candidates = tree.hasTree ? try memo("whatif-rank|\(region)") { () throws(APIError) in
            try library(nil) { () throws(ChainGraphError) in try WhatIf.rank(ctx) }
        }.filter { $0.segment == id } : []
        return try sections(q, [("segment", ResultTable([info])), ("local_rate", ResultTable(rates)), ("firms", ResultTable(firms)),
                                ("gaps", ResultTable(gapRows, groupColumn: "type")), ("candidates", ResultTable(candidates))], name: "segment-\(id)")
    }

    private func firmView(_ id: String, _ q: Query) throws(APIError) -> APIResponse {
        try q.allow(["local", "part", "format"])
        guard let info = ChainMapViews.firm(graph, id: id) else { throw .notFound("no firm with id \(id)") }
        let region = try region(q)
        let ctx = try context(.fixed(region), key: "local=\(region)")
        let neighbours = try library(nil) { () throws(ChainGraphError) in try ChainMapViews.neighbours(ctx, firm: id) }
        let rates = try memo("local-rate|local=\(region)|firm|3") { () throws(APIError) in
            try library(nil) { () throws(ChainGraphError) in try LocalSupportingRate.compute(ctx, by: .firm) }
        }.filter { $0.key == id }
        let scores: [ChainLeaders.Row] = graph.segments.hasTree ? try leaderRows(region, perChain: max(1, graph.firmCount)).filter { $0.firm == id } : []
        return try sections(q, [("firm", ResultTable([info])), ("local_rate", ResultTable(rates)), ("neighbours", ResultTable(neighbours)),
                                ("leaders", ResultTable(scores, groupColumn: "chain"))], name: "firm-\(id)")
    }

    // MARK: - Shared pieces

    /// The `local` parameter resolved as the CLI resolves `--local` (`湖北省`, `武汉`), or the
    /// default region.
    private func region(_ q: Query) throws(APIError) -> RegionPath {
        guard let text = q["local"] else { return defaultRegion }
        guard let argument = RegionPath(text) else { throw .badParameter("local", "local must name a region, e.g. 湖北 or 湖北/武汉") }
        return try memo("region|\(text)") { () throws(APIError) in
            try library("local") { () throws(ChainGraphError) in try RegionContext.resolve(argument, in: graph).region }
        }
    }

    private func context(_ locality: Locality, key: String) throws(APIError) -> RegionContext {
        try memo("context|\(key)") { () throws(APIError) in
            try library(locality.isFixed ? "local" : "level") { () throws(ChainGraphError) in try RegionContext(graph, locality: locality) }
        }
    }

    private func gapAnalysis(_ region: RegionPath, _ thresholds: ChainGaps.Thresholds) throws(APIError) -> ChainGaps.Analysis {
        try library(nil) { () throws(ChainGraphError) in try graph.requireChainTree(for: "gaps") }
        let ctx = try context(.fixed(region), key: "local=\(region)")
        return try memo("gaps|\(region)|\(thresholds.weakBelow)|\(thresholds.strongAbove)") { () throws(APIError) in
            try library("weak_below") { () throws(ChainGraphError) in try ChainGaps.analyze(ctx, thresholds: thresholds) }
        }
    }

    private func leaderRows(_ region: RegionPath?, perChain: Int) throws(APIError) -> [ChainLeaders.Row] {
        try library(nil) { () throws(ChainGraphError) in try graph.requireChainTree(for: "the leader ranking") }
        let ctx = try region.map { r throws(APIError) in try context(.fixed(r), key: "local=\(r)") }
        return try memo("leaders|\(region?.description ?? "")|\(perChain)") { () throws(APIError) in
            try library("per_chain") { () throws(ChainGraphError) in try ChainLeaders.compute(graph, perChain: perChain, within: ctx) }
        }
    }

    /// A cached value, computed outside the lock (two requests may compute the same value
    /// once each; both get equal results).
    private func memo<T: Sendable>(_ key: String, _ compute: () throws(APIError) -> T) throws(APIError) -> T {
        if let hit = cache.withLock({ $0[key] }) as? T { return hit }
        let value = try compute()
        cache.withLock { entries in
            if entries.count >= Self.cacheLimit { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }

    /// Runs a library call, turning its errors into HTTP errors: unknown ids 404, the rest
    /// 400 naming `parameter` (or the library's own parameter) when there is one.
    private func library<T>(_ parameter: String?, _ body: () throws(ChainGraphError) -> T) throws(APIError) -> T {
        do {
            return try body()
        } catch {
            switch error {
            case .unknownFirm(let id): throw .notFound("no firm with id \(id)")
            case .unknownSegment(let id): throw .notFound("no segment with id \(id)")
            case .invalidParameter(let p, let value, let expected): throw .badParameter(Self.parameterNames[p] ?? parameter ?? p.rawValue, "\(Self.parameterNames[p] ?? p.rawValue)=\(value): expected \(expected)")
            case .needsChainTree: throw .unavailable(error.description)
            default: throw .badParameter(parameter, error.description)
            }
        }
    }

    private static let parameterNames: [Parameter: String] = [.level: "level", .perChain: "per_chain", .weakBelow: "weak_below", .strongAbove: "strong_above",
                                                              .capacity: "capacity", .attract: "attract", .top: "top"]

    private func rowsResponse<Row: ResultRow>(_ q: Query, _ rows: [Row], name: String) throws(APIError) -> APIResponse {
        try render(q, ResultTable(rows), name: name)
    }

    /// `top` and `format` applied as the CLI's `--top` and `--format`.
    private func render(_ q: Query, _ table: ResultTable, name: String) throws(APIError) -> APIResponse {
        var table = table
        if let k = try q.integer("top", range: 0...Int(Int32.max)) { table = table.top(k) }
        return try format(q, table, name: name)
    }

    private func format(_ q: Query, _ table: ResultTable, name: String) throws(APIError) -> APIResponse {
        switch q["format"] ?? "json" {
        case "json": return .json(TableRenderer.render(table, as: .json))
        case "csv":
            var r = APIResponse(status: 200, contentType: "text/csv; charset=utf-8", body: TableRenderer.render(table, as: .csv))
            r.disposition = "attachment; filename=\"\(Self.fileName(name)).csv\""
            return r
        default: throw .badParameter("format", "format must be json or csv")
        }
    }

    /// Named tables as one JSON object (the CLI's `whatif --gaps` form), or one of them
    /// (`part=`) as JSON rows or CSV.
    private func sections(_ q: Query, _ parts: [(String, ResultTable)], name: String) throws(APIError) -> APIResponse {
        if let part = q["part"] {
            guard let table = parts.first(where: { $0.0 == part })?.1 else {
                throw .badParameter("part", "part must be one of \(parts.map(\.0).joined(separator: ", "))")
            }
            return try format(q, table, name: "\(name)-\(part)")
        }
        if q["format"] != nil && q["format"] != "json" { throw .badParameter("format", "format=csv needs part=NAME (one table)") }
        let members = parts.map { "\(TextEscaping.json($0.0)): " + TableRenderer.json($0.1).dropLast() }
        return .json("{\n" + members.joined(separator: ",\n") + "\n}\n")
    }

    /// A download file name: ASCII letters, digits and `-` kept, anything else `_`.
    static func fileName(_ name: String) -> String {
        String(name.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") ? Character($0) : "_" })
    }

    static func error(_ status: Int, _ message: String, parameter: String? = nil) -> APIResponse {
        .json("{\"error\": \(TextEscaping.json(message)), \"parameter\": \(parameter.map(TextEscaping.json) ?? "null"), \"status\": \(status)}\n", status: status)
    }
}

/// A segment's place in the chain tree (the first table of the segment view).
struct SegmentInfo: ResultRow {
    var id: String
    var name: String
    var chain: String?
    var parent: String?
    var children: [String]

    static let columns = [ResultColumn("id", .text), ResultColumn("name", .text), ResultColumn("chain", .text),
                          ResultColumn("parent", .text), ResultColumn("children", .list)]
    var cells: [ResultCell] { [.text(id), .text(name), .text(chain), .text(parent), .list(children)] }
}

extension Locality {
    var isFixed: Bool { if case .fixed = self { true } else { false } }
}

/// A failed request: its status and message.
enum APIError: Error {
    case badParameter(String?, String)
    case notFound(String)
    case unavailable(String)

    var response: APIResponse {
        switch self {
        case .badParameter(let p, let m): ChainMapAPI.error(400, m, parameter: p)
        case .notFound(let m): ChainMapAPI.error(404, m)
        case .unavailable(let m): ChainMapAPI.error(409, m)
        }
    }
}
