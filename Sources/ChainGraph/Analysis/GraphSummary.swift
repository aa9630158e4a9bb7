/// Structural facts about a supply graph: size, components, sources and sinks, cycles and
/// the depth of the supply DAG (what `chaingraph summary` prints).
///
/// ```swift
/// let summary = GraphSummary(graph)
/// print(summary.firms, summary.links, summary.hasCycles, summary.depth)
/// ```
public struct GraphSummary: Sendable, Hashable, Codable {
    /// Number of firms (nodes).
    public var firms: Int
    /// Number of merged links, one per (supplier, buyer, segment).
    public var links: Int
    /// Link rows before merging and dropping.
    public var linkRows: Int
    /// Rows folded into an earlier row with the same (supplier, buyer, segment).
    public var mergedLinks: Int
    /// Self-loop rows (supplier = buyer), dropped.
    public var droppedSelfLoops: Int
    /// Distinct (supplier, buyer) pairs; a pair trading goods of several segments has
    /// several links but one pair.
    public var supplierBuyerPairs: Int
    /// Σ value of all links (compensated), in the dataset's money unit.
    public var totalValue: Double
    /// Number of chains in the tree (0 without `segments.csv`).
    public var chains: Int
    /// Number of segments (tree segments, or the labels named by firms and links).
    public var segments: Int
    /// Distinct region paths of firms.
    public var regions: Int
    /// Distinct top-level regions (provinces).
    public var topLevelRegions: Int
    /// Firms with an unknown (empty) region: never local in any analysis.
    public var firmsWithoutRegion: Int
    /// Weakly connected components (isolated firms count as one each).
    public var weakComponents: Int
    /// Firms in the largest weakly connected component.
    public var largestWeakComponent: Int
    /// Firms with no supplier (in-degree 0), including isolated firms.
    public var firmsWithoutSuppliers: Int
    /// Firms with no buyer (out-degree 0), including isolated firms.
    public var firmsWithoutBuyers: Int
    /// Firms with neither supplier nor buyer.
    public var isolatedFirms: Int
    /// Whether some supply cycle exists (a strongly connected component of two or more
    /// firms); self-loops are dropped on loading and never count.
    public var hasCycles: Bool
    /// Strongly connected components with more than one firm.
    public var cycleComponents: Int
    /// Firms inside such components.
    public var firmsInCycles: Int
    /// Longest supplier→buyer path, in links, of the DAG obtained by contracting each
    /// strongly connected component to one node (the plain longest path when acyclic).
    public var depth: Int
}

extension GraphSummary {
    /// Computes the summary.
    /// - Complexity: O(n + m) time, O(n) extra memory.
    public init(_ g: SupplyGraph) {
        let n = g.firmCount
        firms = n
        links = g.linkCount
        linkRows = g.buildStats.linkRows
        mergedLinks = g.buildStats.mergedLinks
        droppedSelfLoops = g.buildStats.droppedSelfLoops
        totalValue = MoneySum.of(g.value)
        chains = g.segments.chains.count
        segments = g.segments.count
        regions = Set(g.firms.regionOf.filter { $0 >= 0 }).count
        topLevelRegions = Set(g.firms.regions.map { $0.components[0] }).count
        firmsWithoutRegion = g.firms.regionOf.lazy.filter { $0 < 0 }.count
        var pairs = 0
        for b in 0..<n {
            var previous: Int32 = -1
            for e in g.inOffsets[b]..<g.inOffsets[b + 1] where g.inSupplier[e] != previous {
                pairs += 1
                previous = g.inSupplier[e]
            }
        }
        supplierBuyerPairs = pairs
        var noSuppliers = 0, noBuyers = 0, isolated = 0
        for f in 0..<n {
            let hasIn = g.inOffsets[f + 1] > g.inOffsets[f], hasOut = g.outOffsets[f + 1] > g.outOffsets[f]
            if !hasIn { noSuppliers += 1 }
            if !hasOut { noBuyers += 1 }
            if !hasIn && !hasOut { isolated += 1 }
        }
        firmsWithoutSuppliers = noSuppliers
        firmsWithoutBuyers = noBuyers
        isolatedFirms = isolated
        // The two component passes are independent: one per core.
        nonisolated(unsafe) var weak: WeakComponents?
        nonisolated(unsafe) var strong: (components: StrongComponents, depth: Int)?
        Parallelism.both({ weak = WeakComponents(g) }, { let c = StrongComponents(g); strong = (c, c.condensationDepth(g)) })
        weakComponents = weak!.count
        largestWeakComponent = weak!.largest
        cycleComponents = strong!.components.nontrivialCount
        firmsInCycles = strong!.components.firmsInNontrivial
        hasCycles = strong!.components.nontrivialCount > 0
        depth = strong!.depth
    }
}

extension GraphSummary {
    /// One fact of the summary (`metric,value`).
    public struct Metric: ResultRow, Hashable {
        /// snake_case name of the fact.
        public var metric: String
        /// Its value.
        public var value: ResultCell

        /// `metric,value`.
        public static let columns = [ResultColumn("metric", .text, zh: "指标", en: "Metric"), ResultColumn("value", .number, zh: "数值", en: "Value")]
        /// The cells in column order.
        public var cells: [ResultCell] { [.text(metric), value] }
    }

    /// The summary as `metric,value` rows, in a fixed order.
    public var metrics: [Metric] {
        let facts: [(String, ResultCell)] = [
            ("firms", .integer(firms)), ("links", .integer(links)), ("link_rows", .integer(linkRows)),
            ("merged_links", .integer(mergedLinks)), ("dropped_self_loops", .integer(droppedSelfLoops)),
            ("supplier_buyer_pairs", .integer(supplierBuyerPairs)), ("total_value", .money(totalValue)), ("chains", .integer(chains)),
            ("segments", .integer(segments)), ("regions", .integer(regions)), ("top_level_regions", .integer(topLevelRegions)),
            ("firms_without_region", .integer(firmsWithoutRegion)), ("weak_components", .integer(weakComponents)),
            ("largest_weak_component", .integer(largestWeakComponent)), ("firms_without_suppliers", .integer(firmsWithoutSuppliers)),
            ("firms_without_buyers", .integer(firmsWithoutBuyers)), ("isolated_firms", .integer(isolatedFirms)),
            ("has_cycles", .bool(hasCycles)), ("cycle_components", .integer(cycleComponents)), ("firms_in_cycles", .integer(firmsInCycles)),
            ("depth", .integer(depth)),
        ]
        return facts.map { Metric(metric: $0.0, value: $0.1) }
    }
}
