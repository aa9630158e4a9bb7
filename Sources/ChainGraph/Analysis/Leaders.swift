/// Chain leaders (链主) and specialists (专精特新 candidates), SPEC §3.3.
///
/// Within each chain, every candidate firm (any segment in the chain; with a region, only
/// firms in it) gets three components, each divided by the chain's maximum (0 when that
/// maximum is 0):
/// - r: revenue (unknown revenue counts as 0);
/// - p: purchases, the value bought from all suppliers;
/// - u: reach upstream, the number of distinct firms with a supply path of length 1 or 2
///   into the firm (taken literally: a firm on a 2-cycle reaches itself).
///
/// score = (r + p + u) / 3; the top k by score (ties by id) are leader candidates. A
/// *specialist* (needs a region) has revenue below the chain's median and is the only
/// local firm with some segment it supplies to a local buyer.
public enum ChainLeaders {
    public struct Row: Sendable, Hashable, Codable {
        public var chain: String
        public var rank: Int
        public var firm: String
        public var score: Double
        public var r: Double
        public var p: Double
        public var u: Double
        public var leader: Bool
        /// nil without a region (locality undefined).
        public var specialist: Bool?
    }

    /// Every candidate of every chain (chains in file order), ranked.
    /// - Complexity: O(n + m + Σ_f Σ_{s → f} indegree(s)) for the reach counts.
    public static func compute(_ graph: SupplyGraph, perChain k: Int = 3, region: RegionPath? = nil) throws(ChainGraphError) -> [Row] {
        try requireTree(graph, for: "leaders")
        guard k >= 1 else { throw .usage("--per-chain must be at least 1") }
        let tree = graph.segments, firms = graph.firms
        let n = graph.firmCount
        let presence = try region.map { (r) throws(ChainGraphError) in try LocalPresence(graph, region: r) }
        var inValue = [Double](repeating: 0, count: n)
        for b in 0..<n { for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] { inValue[b] += graph.value[e] } }
        var reachCache = [Int](repeating: -1, count: n)
        var stamp = [Int](repeating: -1, count: n)
        func reach(_ f: Int) -> Int {
            if reachCache[f] >= 0 { return reachCache[f] }
            var count = 0
            for e in graph.inOffsets[f]..<graph.inOffsets[f + 1] {
                let s = Int(graph.inSupplier[e])
                if stamp[s] != f { stamp[s] = f; count += 1 }
                for e2 in graph.inOffsets[s]..<graph.inOffsets[s + 1] {
                    let t = Int(graph.inSupplier[e2])
                    if stamp[t] != f { stamp[t] = f; count += 1 }
                }
            }
            reachCache[f] = count
            return count
        }
        var rows: [Row] = []
        for c in tree.chains.indices {
            let candidates = (0..<n).filter { f in
                (presence?.isLocal[f] ?? true) && firms.segments(f).contains { tree.segments[Int($0)].chain == c }
            }
            guard !candidates.isEmpty else { continue }
            let revenue = candidates.map { firms.revenue($0) ?? 0 }
            let purchases = candidates.map { inValue[$0] }
            let upstream = candidates.map { Double(reach($0)) }
            func scaled(_ xs: [Double]) -> [Double] {
                let top = xs.max() ?? 0
                return top > 0 ? xs.map { $0 / top } : xs.map { _ in 0 }
            }
            let r = scaled(revenue), p = scaled(purchases), u = scaled(upstream)
            let median = Self.median(revenue)
            var order = Array(candidates.indices)
            let scores = candidates.indices.map { (r[$0] + p[$0] + u[$0]) / 3 }
            order.sort { a, b in
                scores[a] != scores[b] ? scores[a] > scores[b] : firms.id(candidates[a]).utf8.lexicographicallyPrecedes(firms.id(candidates[b]).utf8)
            }
            for (rank, i) in order.enumerated() {
                let f = candidates[i]
                var specialist: Bool?
                if let presence {
                    specialist = revenue[i] < median && isSoleLocalSupplier(graph, f, presence)
                }
                rows.append(Row(chain: tree.chains[c], rank: rank + 1, firm: firms.id(f), score: scores[i], r: r[i], p: p[i], u: u[i],
                                leader: rank < k, specialist: specialist))
            }
        }
        return rows
    }

    /// The only local firm with some segment T that it supplies to a local buyer.
    static func isSoleLocalSupplier(_ graph: SupplyGraph, _ f: Int, _ presence: LocalPresence) -> Bool {
        let own = graph.firms.segments(f)
        for p in graph.outOffsets[f]..<graph.outOffsets[f + 1] where presence.isLocal[Int(graph.outBuyer[p])] {
            let t = graph.linkSegment[Int(graph.outLink[p])]
            if t >= 0, own.contains(t), presence.localFirmsWithSegment[Int(t)] == 1 { return true }
        }
        return false
    }

    /// Median as numpy computes it (mean of the two middle values for an even count).
    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
