/// Segment coverage of each chain (SPEC §3.1): the share of a chain's leaf segments
/// present in the region.
///
/// A leaf T is present when some local firm has T in its segment set or some local
/// supplier sells goods of segment T (present(T) of SPEC §3). The leaves not present are
/// the region's 空白环节 in that chain.
///
/// ```swift
/// let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
/// for row in try SegmentCoverage.compute(context) { print(row.chain, row.coverage ?? 0, row.missing) }
/// ```
public enum SegmentCoverage {
    /// One chain's coverage.
    public struct Row: ResultRow, Hashable {
        /// Chain id or name.
        public var chain: String
        /// Number of leaf segments of the chain.
        public var leaves: Int
        /// Leaves with present(T).
        public var present: Int
        /// present ÷ leaves; nil for a chain without leaves.
        public var coverage: Double?
        /// Leaf segments not present, in file order.
        public var missing: [String]

        /// `chain,leaves,present,coverage,missing`.
        public static let columns = [
            ResultColumn("chain", .text, zh: "产业链", en: "Chain"), ResultColumn("leaves", .integer, zh: "末级环节数", en: "Leaf segments"),
            ResultColumn("present", .integer, zh: "本地已有", en: "Present"), ResultColumn("coverage", .share, zh: "环节覆盖率", en: "Coverage"),
            ResultColumn("missing", .list, zh: "空白环节", en: "Missing"),
        ]

        /// The cells in column order.
        public var cells: [ResultCell] { [.text(chain), .integer(leaves), .integer(present), .number(coverage), .list(missing)] }
    }

    /// One row per chain, in file order, including chains without a local firm (coverage 0
    /// unless a local supplier sells one of its segments).
    /// - Throws: ``ChainGraphError/needsChainTree(analysis:)``; ``ChainGraphError/usage(_:)``
    ///   in relative mode.
    /// - Complexity: O(segments).
    public static func compute(_ context: RegionContext) throws(ChainGraphError) -> [Row] {
        let graph = context.graph
        try graph.requireChainTree(for: "coverage")
        _ = try context.requireFixedRegion(for: "coverage")
        return graph.segments.chains.indices.map { c in
            let leaves = graph.segments.leaves(ofChain: c)
            let here = leaves.filter { context.isPresent[$0] }
            return Row(chain: graph.segments.chains[c], leaves: leaves.count, present: here.count,
                       coverage: leaves.isEmpty ? nil : Double(here.count) / Double(leaves.count),
                       missing: leaves.filter { !context.isPresent[$0] }.map { graph.segments.segments[$0].id })
        }
    }
}
