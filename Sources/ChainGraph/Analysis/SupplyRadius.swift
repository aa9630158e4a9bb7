/// Supply radius (配套半径, SPEC §3.9): how far the considered buyers' purchases travel,
/// as value-weighted median and 90th-percentile great-circle distances.
///
/// Over the links into the considered buyers whose two ends are located
/// (``FirmLocations``), each group's q-quantile is the smallest distance d with
/// Σ value of its links with distance ≤ d ≥ q · Σ value; a group whose located links all
/// have value 0 weighs each link 1 instead.
///
/// ```swift
/// let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
/// for row in try SupplyRadius.compute(context, by: .chain) { print(row.key, row.medianKm, row.p90Km) }
/// ```
public enum SupplyRadius {
    /// How buyers are grouped into rows.
    public enum Grouping: String, Sendable, CaseIterable {
        /// One row per considered buyer.
        case firm
        /// Buyers by primary segment.
        case segment
        /// Buyers with any segment in the chain (a buyer may count in several chains).
        case chain
    }

    /// One row of `chaingraph radius` (SPEC §3.9).
    public struct Row: ResultRow, Hashable {
        /// Firm id, segment id or chain.
        public var key: String
        /// Considered buyers of the group with at least one located link.
        public var buyers: Int
        /// Σ value of the group's located links.
        public var locatedValue: Double
        /// Value-weighted median distance in km.
        public var medianKm: Double
        /// Value-weighted 90th-percentile distance in km.
        public var p90Km: Double

        /// `key,buyers,located_value,median_km,p90_km`.
        public static let columns = [
            ResultColumn("key", .text, zh: "对象", en: "Key"), ResultColumn("buyers", .integer, zh: "采购企业数", en: "Buyers"),
            ResultColumn("located_value", .money, zh: "可定位采购额", en: "Located purchases"),
            ResultColumn("median_km", .number, zh: "配套半径中位数（公里）", en: "Median distance (km)"),
            ResultColumn("p90_km", .number, zh: "90%配套半径（公里）", en: "90th percentile (km)"),
        ]

        /// The cells in column order.
        public var cells: [ResultCell] { [.text(key), .integer(buyers), .money(locatedValue), .number(medianKm), .number(p90Km)] }
    }

    /// One row per group with at least one located link into a considered buyer, ordered by
    /// median distance ascending (ties to 12 significant digits), then key by UTF-8 bytes.
    /// - Parameters:
    ///   - context: a fixed-region or relative-level context (the considered buyers).
    ///   - grouping: firm, segment or chain.
    ///   - locations: where firms are (default: computed from the graph).
    /// - Throws: ``ChainGraphError/needsChainTree(analysis:)`` for the chain grouping
    ///   without `segments.csv`.
    /// - Complexity: O(m log m) over the located links of the considered buyers.
    public static func compute(_ context: RegionContext, by grouping: Grouping, locations: FirmLocations? = nil) throws(ChainGraphError) -> [Row] {
        let graph = context.graph
        if grouping == .chain { try graph.requireChainTree(for: "the supply radius by chain") }
        let here = locations ?? context.locations ?? FirmLocations(graph)
        var groups: [String: (buyers: Int, links: [(km: Double, value: Double)])] = [:]
        for b in 0..<graph.firmCount where context.isConsidered[b] && here.isLocated(b) {
            var links: [(km: Double, value: Double)] = []
            for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] where here.isLocated(Int(graph.inSupplier[e])) {
                links.append((here.distance(Int(graph.inSupplier[e]), b), graph.value[e]))
            }
            guard !links.isEmpty else { continue }
            let keys: [String] = switch grouping {
            case .firm: [graph.firms.id(b)]
            case .segment: graph.firms.primarySegment(b).map { [graph.segments.segments[$0].id] } ?? []
            case .chain: graph.chains(of: b).map { graph.segments.chains[$0] }
            }
            for key in keys {
                groups[key, default: (0, [])].buyers += 1
                groups[key]!.links += links
            }
        }
        var rows = groups.map { key, group in
            let sorted = group.links.sorted { $0.km < $1.km }
            let total = MoneySum.of(sorted.map(\.value))
            return Row(key: key, buyers: group.buyers, locatedValue: total,
                       medianKm: quantile(0.5, sorted, total: total), p90Km: quantile(0.9, sorted, total: total))
        }
        rows.sort { a, b in Ranking.before(b.medianKm, a.medianKm) ?? a.key.precedesInBytes(b.key) }
        return rows
    }

    /// The smallest distance whose cumulative weight reaches q of the total (value weights,
    /// or counts when every value is 0); `links` sorted by distance.
    static func quantile(_ q: Double, _ links: [(km: Double, value: Double)], total: Double) -> Double {
        let byCount = total == 0
        let target = q * (byCount ? Double(links.count) : total)
        var cumulative = MoneySum()
        for link in links {
            cumulative.add(byCount ? 1 : link.value)
            if cumulative.value >= target { return link.km }
        }
        return links.last?.km ?? .nan
    }
}
