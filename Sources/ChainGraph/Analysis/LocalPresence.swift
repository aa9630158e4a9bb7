/// Which segments the local economy covers (SPEC §3.2 `present(T)`), shared by gaps,
/// coverage and leaders.
///
/// present(T) holds when some local firm has T, or a segment below T, in its segment set,
/// or some local supplier has a link whose segment is T.
package struct LocalPresence: Sendable {
    package let isLocal: [Bool]
    package let present: [Bool]
    /// Chains in which some local firm has a segment.
    package let chainHasLocal: [Bool]
    /// Number of local firms having each segment (exactly that segment).
    package let localFirmsWithSegment: [Int]

    package init(_ graph: SupplyGraph, region: RegionPath) throws(ChainGraphError) {
        let map = try LocalityMap(graph, .fixed(region))
        let tree = graph.segments
        isLocal = map.inRegion
        var present = [Bool](repeating: false, count: tree.count)
        var chainHasLocal = [Bool](repeating: false, count: tree.chains.count)
        var counts = [Int](repeating: 0, count: tree.count)
        for f in 0..<graph.firmCount where isLocal[f] {
            for s in graph.firms.segments(f) {
                counts[Int(s)] += 1
                if let c = tree.segments[Int(s)].chain { chainHasLocal[c] = true }
                for a in tree.selfAndAncestors(Int(s)) { present[a] = true }
            }
            for p in graph.outOffsets[f]..<graph.outOffsets[f + 1] {
                let t = graph.linkSegment[Int(graph.outLink[p])]
                if t >= 0 { present[Int(t)] = true }
            }
        }
        self.present = present
        self.chainHasLocal = chainHasLocal
        localFirmsWithSegment = counts
    }
}

/// Segment coverage of each chain (SPEC §3.1): the share of a chain's leaf segments present
/// in the region.
public enum SegmentCoverage {
    public struct Row: Sendable, Hashable, Codable {
        public var chain: String
        public var leaves: Int
        public var present: Int
        public var coverage: Double?
        /// Leaf segments not present, in file order.
        public var missing: [String]
    }

    /// One row per chain, in file order.
    public static func compute(_ graph: SupplyGraph, region: RegionPath) throws(ChainGraphError) -> [Row] {
        try requireTree(graph, for: "coverage")
        let presence = try LocalPresence(graph, region: region)
        return graph.segments.chains.indices.map { c in
            let leaves = graph.segments.leaves(ofChain: c)
            let here = leaves.filter { presence.present[$0] }
            return Row(chain: graph.segments.chains[c], leaves: leaves.count, present: here.count,
                       coverage: leaves.isEmpty ? nil : Double(here.count) / Double(leaves.count),
                       missing: leaves.filter { !presence.present[$0] }.map { graph.segments.segments[$0].id })
        }
    }
}

/// Commands that read the chain tree need `segments.csv` (SPEC §1: exit 66 otherwise).
package func requireTree(_ graph: SupplyGraph, for what: String) throws(ChainGraphError) {
    guard graph.segments.hasTree else {
        throw .inputMissing(path: "segments.csv", reason: "\(what) needs the chain tree (产业链树状图): add segments.csv to the dataset")
    }
}
