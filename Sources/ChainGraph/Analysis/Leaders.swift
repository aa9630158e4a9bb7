/// Chain leaders (链主) and specialists (专精特新 candidates), SPEC §3.3.
///
/// Within each chain, every candidate firm (any segment in the chain; within a region,
/// only firms in it) gets three components, each divided by the chain's maximum (0 when
/// that maximum is 0):
/// - r: revenue (unknown revenue counts as 0);
/// - p: purchases, the value bought from all suppliers;
/// - u: reach upstream, the number of distinct firms other than f with a supply path of
///   length 1 or 2 into f (f itself never counts, even on a 2-cycle).
///
/// score = (r + p + u) / 3; ranks by score (ties to 12 significant digits, SPEC §4), then
/// id; the top k are leader candidates. A *specialist* (needs a region) has a known
/// revenue below the median of the known revenues of the chain's candidates and is the
/// only local firm having some segment T of the chain (T or a descendant) that it supplies,
/// with positive value, to a local buyer.
///
/// ```swift
/// let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
/// let leaders = try ChainLeaders.compute(graph, perChain: 3, within: context)
/// ```
public enum ChainLeaders {
    /// One candidate of one chain (SPEC §4 `leaders` columns).
    public struct Row: ResultRow, Hashable {
        /// Chain id or name.
        public var chain: String
        /// Rank within the chain, 1 = best.
        public var rank: Int
        /// Firm id.
        public var firm: String
        /// (r + p + u) / 3, in [0, 1].
        public var score: Double
        /// Revenue ÷ the largest revenue among the chain's candidates (unknown as 0).
        public var r: Double
        /// Purchases (in-value from all suppliers) ÷ the chain's maximum.
        public var p: Double
        /// Upstream reach (distinct firms within two supply steps upstream) ÷ the chain's
        /// maximum.
        public var u: Double
        /// Among the top k of its chain: a 链主 candidate.
        public var leader: Bool
        /// 专精特新 candidate; nil without a region (locality undefined).
        public var specialist: Bool?

        /// `chain,rank,firm,score,r,p,u,leader,specialist`.
        public static let columns = [
            ResultColumn("chain", .text, zh: "产业链", en: "Chain"), ResultColumn("rank", .integer, zh: "排名", en: "Rank"),
            ResultColumn("firm", .text, zh: "企业", en: "Firm"), ResultColumn("score", .number, zh: "得分", en: "Score"),
            ResultColumn("r", .number, zh: "营收", en: "Revenue"), ResultColumn("p", .number, zh: "采购额", en: "Purchases"),
            ResultColumn("u", .number, zh: "上游企业", en: "Upstream reach"), ResultColumn("leader", .bool, zh: "链主", en: "Leader"),
            ResultColumn("specialist", .bool, zh: "专精特新候选", en: "Specialist"),
        ]

        /// The cells in column order.
        public var cells: [ResultCell] {
            [.text(chain), .integer(rank), .text(firm), .number(score), .number(r), .number(p), .number(u), .bool(leader), .bool(specialist)]
        }
    }

    /// Every candidate of every chain (chains in file order), ranked; a chain without
    /// candidates has no rows, and a firm in several chains has a row in each.
    /// - Parameters:
    ///   - graph: the supply graph; it needs a chain tree.
    ///   - k: leader candidates per chain (k ≥ 1), the rows flagged `leader`.
    ///   - context: a fixed-region context: only its firms are candidates (maxima and the
    ///     median are taken over them) and the specialist flag is computed; nil for all
    ///     firms. Purchases and reach always count suppliers anywhere in the graph.
    /// - Throws: ``ChainGraphError/needsChainTree(analysis:)`` without `segments.csv`;
    ///   ``ChainGraphError/invalidParameter(_:value:expected:)`` for k < 1;
    ///   ``ChainGraphError/usage(_:)`` for a relative-mode context.
    /// - Complexity: O(n + m + Σ_f Σ_{s → f} indegree(s)) for the reach counts.
    public static func compute(_ graph: SupplyGraph, perChain k: Int = 3, within context: RegionContext? = nil) throws(ChainGraphError) -> [Row] {
        try graph.requireChainTree(for: "the leader ranking")
        guard k >= 1 else { throw .invalidParameter(.perChain, value: String(k), expected: "at least 1") }
        if let context { _ = try context.requireFixedRegion(for: "the leader ranking") }
        let tree = graph.segments, firms = graph.firms
        let n = graph.firmCount
        var inValue = [Double](repeating: 0, count: n)
        for b in 0..<n { inValue[b] = graph.inValue(b) }
        var rows: [Row] = []
        var reach = UpstreamReach(graph)
        for c in tree.chains.indices {
            let candidates = (0..<n).filter { f in
                (context?.isInRegion[f] ?? true) && firms.segments(f).contains { tree.segments[Int($0)].chain == c }
            }
            guard !candidates.isEmpty else { continue }
            let r = scaled(candidates.map { firms.revenue($0) ?? 0 })
            let p = scaled(candidates.map { inValue[$0] })
            let u = scaled(candidates.map { Double(reach.count($0)) })
            let scores = candidates.indices.map { (r[$0] + p[$0] + u[$0]) / 3 }
            let order = Ranking.order(scores) { firms.id(candidates[$0]) }
            let median = context == nil ? nil : Self.median(candidates.compactMap { firms.revenue($0) })
            for (rank, i) in order.enumerated() {
                let f = candidates[i]
                var specialist: Bool?
                if let context {
                    if let median, let revenue = firms.revenue(f), revenue < median {
                        specialist = isSoleLocalSupplier(f, chain: c, context)
                    } else {
                        specialist = false
                    }
                }
                rows.append(Row(chain: tree.chains[c], rank: rank + 1, firm: firms.id(f), score: scores[i], r: r[i], p: p[i], u: u[i],
                                leader: rank < k, specialist: specialist))
            }
        }
        return rows
    }

    /// Each value divided by the maximum; all 0 when the maximum is 0.
    static func scaled(_ xs: [Double]) -> [Double] {
        let top = xs.max() ?? 0
        return top > 0 ? xs.map { $0 / top } : xs.map { _ in 0 }
    }

    /// f supplies, with positive value to a local buyer, some segment T of chain c that f
    /// has (T or a descendant) and no other local firm has.
    static func isSoleLocalSupplier(_ f: Int, chain c: Int, _ context: RegionContext) -> Bool {
        let graph = context.graph, tree = graph.segments
        let own = graph.firms.segments(f)
        for p in graph.outOffsets[f]..<graph.outOffsets[f + 1] where context.isInRegion[Int(graph.outBuyer[p])] {
            let e = Int(graph.outLink[p])
            let t = Int(graph.linkSegment[e])
            guard t >= 0, graph.value[e] > 0, tree.segments[t].chain == c, context.localHolders[t] == 1 else { continue }
            if own.contains(where: { tree.isDescendant(Int($0), of: t) }) { return true }
        }
        return false
    }

    /// Median as numpy computes it (mean of the two middle values for an even count); nil
    /// for no values.
    static func median(_ xs: [Double]) -> Double? {
        let s = xs.sorted()
        guard !s.isEmpty else { return nil }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

/// u of SPEC §3.3: distinct firms other than f with a supply path of length 1 or 2 into f.
struct UpstreamReach {
    let graph: SupplyGraph
    private var cache: [Int]
    private var stamp: [Int]

    init(_ graph: SupplyGraph) {
        self.graph = graph
        cache = Array(repeating: -1, count: graph.firmCount)
        stamp = Array(repeating: -1, count: graph.firmCount)
    }

    /// - Complexity: O(Σ_{s → f} indegree(s)), once per firm.
    mutating func count(_ f: Int) -> Int {
        if cache[f] >= 0 { return cache[f] }
        stamp[f] = f  // f itself never counts, even on a 2-cycle
        var count = 0
        for e in graph.inOffsets[f]..<graph.inOffsets[f + 1] {
            let s = Int(graph.inSupplier[e])
            if stamp[s] != f { stamp[s] = f; count += 1 }
            for e2 in graph.inOffsets[s]..<graph.inOffsets[s + 1] {
                let t = Int(graph.inSupplier[e2])
                if stamp[t] != f { stamp[t] = f; count += 1 }
            }
        }
        cache[f] = count
        return count
    }
}
