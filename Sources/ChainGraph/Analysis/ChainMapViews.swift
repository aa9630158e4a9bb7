/// The rows behind the interactive chain map's views (SPEC §7): the regions of the dataset
/// for the region switcher, a firm's suppliers and buyers, the firms of a segment, and the
/// firm search. Typed rows like every analysis, so `chaingraph serve` renders them with the
/// same JSON writer as the CLI and computes nothing itself.
public enum ChainMapViews {
    /// A region of the dataset: every prefix of every firm's region path.
    public struct RegionRow: ResultRow, Hashable {
        /// The region path, e.g. `湖北/武汉`.
        public var region: String
        /// Number of components (1 = province).
        public var level: Int
        /// Firms in the region (at any level below it).
        public var firms: Int

        /// `region,level,firms`.
        public static let columns = [ResultColumn("region", .text, zh: "地区", en: "Region"),
                                     ResultColumn("level", .integer, zh: "层级", en: "Level"),
                                     ResultColumn("firms", .integer, zh: "企业数", en: "Firms")]
        /// The cells in column order.
        public var cells: [ResultCell] { [.text(region), .integer(level), .integer(firms)] }
    }

    /// Every region path of the dataset with its firm count: provinces first, then by firm
    /// count descending, then by path (UTF-8 order).
    /// - Complexity: O(firms × region depth).
    public static func regions(_ graph: SupplyGraph) -> [RegionRow] {
        var counts: [RegionPath: Int] = [:]
        for f in 0..<graph.firmCount {
            guard let region = graph.firms.region(f) else { continue }
            for k in 1...region.components.count { counts[region.prefix(k)!, default: 0] += 1 }
        }
        return counts.map { RegionRow(region: $0.key.description, level: $0.key.components.count, firms: $0.value) }
            .sorted { a, b in
                if a.level != b.level { return a.level < b.level }
                if a.firms != b.firms { return a.firms > b.firms }
                return Array(a.region.utf8).lexicographicallyPrecedes(b.region.utf8)
            }
    }

    /// A supplier or buyer of a firm.
    public struct NeighbourRow: ResultRow, Hashable {
        /// `supplier` (sells to the firm) or `buyer` (buys from it).
        public var role: String
        /// The other firm's id.
        public var firm: String
        /// Its name, empty when the data has none.
        public var name: String
        /// Its region path; nil when unknown.
        public var region: String?
        /// Whether it is in the fixed region R.
        public var local: Bool
        /// Link segment ids (parallel links of different segments are listed together).
        public var segments: [String]
        /// Value of the merged link(s) between the two firms.
        public var value: Double

        /// `role,firm,name,region,local,segments,value`.
        public static let columns = [ResultColumn("role", .text, zh: "关系", en: "Role"), ResultColumn("firm", .text, zh: "企业", en: "Firm"),
                                     ResultColumn("name", .text, zh: "名称", en: "Name"), ResultColumn("region", .text, zh: "地区", en: "Region"),
                                     ResultColumn("local", .bool, zh: "本地", en: "Local"), ResultColumn("segments", .list, zh: "环节", en: "Segments"),
                                     ResultColumn("value", .money, zh: "金额", en: "Value")]
        /// The cells in column order.
        public var cells: [ResultCell] {
            [.text(role), .text(firm), .text(name), .text(region), .bool(local), .list(segments), .money(value)]
        }
    }

    /// The suppliers and then the buyers of firm `id`, each by value descending, then firm
    /// id; `local` says whether the other firm is in the context's fixed region.
    /// - Throws: ``ChainGraphError/unknownFirm(_:)``; ``ChainGraphError/usage(_:)`` for a
    ///   relative-mode context.
    public static func neighbours(_ context: RegionContext, firm id: String) throws(ChainGraphError) -> [NeighbourRow] {
        _ = try context.requireFixedRegion(for: "the firm view")
        let graph = context.graph
        guard let f = graph.firms.index(of: id) else { throw .unknownFirm(id) }
        func rows(_ links: [SupplyGraph.Link], role: String, other: (SupplyGraph.Link) -> Int) -> [NeighbourRow] {
            var value: [Int: MoneySum] = [:]
            var segments: [Int: [String]] = [:]
            var order: [Int] = []
            for link in links {
                let o = other(link)
                if value[o] == nil { order.append(o) }
                value[o, default: MoneySum()].add(link.value)
                if let s = link.segment { segments[o, default: []].append(graph.segments.segments[s].id) }
            }
            return order.map { o in
                NeighbourRow(role: role, firm: graph.firms.id(o), name: graph.firms.name(o), region: graph.firms.region(o)?.description,
                             local: context.isInRegion[o], segments: segments[o] ?? [], value: value[o]!.value)
            }.sorted { $0.value != $1.value ? $0.value > $1.value : Array($0.firm.utf8).lexicographicallyPrecedes($1.firm.utf8) }
        }
        return rows(graph.purchases(of: f), role: "supplier") { $0.supplier } + rows(graph.sales(of: f), role: "buyer") { $0.buyer }
    }

    /// A firm having a segment.
    public struct SegmentFirmRow: ResultRow, Hashable {
        /// Firm id.
        public var firm: String
        /// Its name.
        public var name: String
        /// Its region path; nil when unknown.
        public var region: String?
        /// Whether it is in the fixed region R.
        public var local: Bool
        /// The segment of the firm's list that is the clicked one or below it.
        public var segment: String
        /// Revenue; nil when the data has none.
        public var revenue: Double?
        /// Total sales (merged out-link value).
        public var sales: Double

        /// `firm,name,region,local,segment,revenue,sales`.
        public static let columns = [ResultColumn("firm", .text, zh: "企业", en: "Firm"), ResultColumn("name", .text, zh: "名称", en: "Name"),
                                     ResultColumn("region", .text, zh: "地区", en: "Region"), ResultColumn("local", .bool, zh: "本地", en: "Local"),
                                     ResultColumn("segment", .text, zh: "环节", en: "Segment"), ResultColumn("revenue", .money, zh: "营收", en: "Revenue"),
                                     ResultColumn("sales", .money, zh: "销售额", en: "Sales")]
        /// The cells in column order.
        public var cells: [ResultCell] {
            [.text(firm), .text(name), .text(region), .bool(local), .text(segment), .money(revenue), .money(sales)]
        }
    }

    /// The firms having segment `id` or one below it in the chain tree: local firms first,
    /// then by revenue descending (none last), then firm id.
    /// - Throws: ``ChainGraphError/unknownSegment(_:)``; ``ChainGraphError/usage(_:)`` for a
    ///   relative-mode context.
    public static func segmentFirms(_ context: RegionContext, segment id: String) throws(ChainGraphError) -> [SegmentFirmRow] {
        _ = try context.requireFixedRegion(for: "the segment view")
        let graph = context.graph, tree = graph.segments
        guard let t = tree.index(of: id) else { throw .unknownSegment(id) }
        var rows: [SegmentFirmRow] = []
        for f in 0..<graph.firmCount {
            guard let s = graph.firms.segments(f).first(where: { tree.isDescendant(Int($0), of: t) }) else { continue }
            rows.append(SegmentFirmRow(firm: graph.firms.id(f), name: graph.firms.name(f), region: graph.firms.region(f)?.description,
                                       local: context.isInRegion[f], segment: tree.segments[Int(s)].id,
                                       revenue: graph.firms.revenue(f), sales: graph.outValue(f)))
        }
        return rows.sorted { a, b in
            if a.local != b.local { return a.local }
            if a.revenue != b.revenue { return (a.revenue ?? -.infinity) > (b.revenue ?? -.infinity) }
            return Array(a.firm.utf8).lexicographicallyPrecedes(b.firm.utf8)
        }
    }

    /// A firm found by the search.
    public struct SearchRow: ResultRow, Hashable {
        /// Firm id.
        public var firm: String
        /// Its name.
        public var name: String
        /// Its region path; nil when unknown.
        public var region: String?
        /// Its segment ids.
        public var segments: [String]

        /// `firm,name,region,segments`.
        public static let columns = [ResultColumn("firm", .text, zh: "企业", en: "Firm"), ResultColumn("name", .text, zh: "名称", en: "Name"),
                                     ResultColumn("region", .text, zh: "地区", en: "Region"), ResultColumn("segments", .list, zh: "环节", en: "Segments")]
        /// The cells in column order.
        public var cells: [ResultCell] { [.text(firm), .text(name), .text(region), .list(segments)] }
    }

    /// Firms whose id or name contains `query` (ASCII letters case-insensitively): an exact
    /// id first, then ids starting with the query, then the other matches, each group by
    /// id; at most `limit` rows. An empty query finds nothing.
    /// - Complexity: O(firms × name length).
    public static func search(_ graph: SupplyGraph, query: String, limit: Int = 50) -> [SearchRow] {
        let q = query.trimmingSpaces().lowercased()
        guard !q.isEmpty, limit > 0 else { return [] }
        var ranked: [(rank: Int, firm: Int)] = []
        for f in 0..<graph.firmCount {
            let id = graph.firms.id(f).lowercased()
            if id == q { ranked.append((0, f)) }
            else if id.hasPrefix(q) { ranked.append((1, f)) }
            else if id.contains(q) || graph.firms.name(f).lowercased().contains(q) { ranked.append((2, f)) }
        }
        ranked.sort { $0.rank != $1.rank ? $0.rank < $1.rank
            : Array(graph.firms.id($0.firm).utf8).lexicographicallyPrecedes(graph.firms.id($1.firm).utf8) }
        return ranked.prefix(limit).map { _, f in row(graph, f) }
    }

    /// The search row of firm `id` (its id, name, region and segments); nil for an unknown id.
    public static func firm(_ graph: SupplyGraph, id: String) -> SearchRow? {
        graph.firms.index(of: id).map { row(graph, $0) }
    }

    private static func row(_ graph: SupplyGraph, _ f: Int) -> SearchRow {
        SearchRow(firm: graph.firms.id(f), name: graph.firms.name(f), region: graph.firms.region(f)?.description,
                  segments: graph.firms.segments(f).map { graph.segments.segments[Int($0)].id })
    }
}
