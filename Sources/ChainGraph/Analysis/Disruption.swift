/// Disruption (断链) simulation, SPEC §3.6: remove firms and propagate the loss of supply
/// downstream to a fixed point.
///
/// Capacity c(f) = 0 for removed firms; every other firm b, for each input segment T it
/// buys (links of unknown segment form one group), can use
/// avail(b, T) = Σ_s w(s, b, T)·c(s) ÷ supply(b, T) of that input, and runs at
/// c(b) = min(1, min_T (avail(b, T) + σ)), σ = substitution. A firm without inputs keeps 1.
///
/// Computed with a worklist: only buyers of firms whose capacity changed are recomputed,
/// so a local shock on a million-firm chain touches only the affected part. Capacities
/// only decrease from 1, so this reaches the greatest fixed point; a change below 1e-12 is
/// recorded but not propagated (the SPEC's stopping rule).
///
/// ```swift
/// let shock = try DisruptionSimulation.run(graph, removing: [graph.firms.index(of: "F0276")!], substitution: 0.2)
/// print(shock.revenueAtRisk, shock.lossByChain.first?.key ?? "")
/// ```
public enum DisruptionSimulation {
    /// A firm below full capacity (SPEC §4 `simulate` columns).
    public struct FirmLoss: ResultRow, Hashable {
        /// Firm id.
        public var firm: String
        /// c(f) at the fixed point.
        public var capacity: Double
        /// revenue(f) · (1 − c(f)) in the dataset's money unit, unknown revenue as 0.
        public var revenueLoss: Double

        /// `firm,capacity,revenue_loss`.
        public static let columns = [
            ResultColumn("firm", .text, zh: "企业", en: "Firm"), ResultColumn("capacity", .number, zh: "产能", en: "Capacity"),
            ResultColumn("revenue_loss", .money, zh: "营收损失", en: "Revenue loss"),
        ]
        /// The cells in column order.
        public var cells: [ResultCell] { [.text(firm), .number(capacity), .money(revenueLoss)] }
    }

    /// Loss of a chain or a region: firms below full capacity and their revenue loss.
    public struct GroupLoss: ResultRow, Hashable {
        /// Chain, or region prefix ("" = unknown region; a path shorter than the level is
        /// kept whole).
        public var key: String
        /// Firms of the group below full capacity.
        public var firms: Int
        /// Their Σ revenue loss.
        public var revenueLoss: Double

        /// `key,firms,revenue_loss`.
        public static let columns = [
            ResultColumn("key", .text, zh: "对象", en: "Key"), ResultColumn("firms", .integer, zh: "受影响企业", en: "Firms"),
            ResultColumn("revenue_loss", .money, zh: "营收损失", en: "Revenue loss"),
        ]
        /// The cells in column order.
        public var cells: [ResultCell] { [.text(key), .integer(firms), .money(revenueLoss)] }
    }

    /// The fixed point and the losses derived from it.
    public struct Result: Sendable, Hashable {
        /// Capacity of every firm, in firm order.
        public var capacity: [Double]
        /// Firms with capacity < 1, removed firms included, by revenue loss descending,
        /// then id.
        public var affected: [Int]
        /// Σ revenue(f) · (1 − c(f)) over all firms, removed ones included (unknown revenue
        /// counts as 0): the revenue at risk, direct and ripple loss together.
        public var revenueAtRisk: Double
        /// The direct loss: Σ over removed firms (f ∈ X) of revenue(f) (SPEC §3.6).
        public var directLoss: Double
        /// The indirect, ripple loss: Σ over firms not removed of revenue(f)·(1 − c(f)) —
        /// what the cascade adds to the shock itself.
        public var rippleLoss: Double
        /// The affected firms as rows, in the same order.
        public var firmLosses: [FirmLoss]
        /// Loss per chain (a firm counts in every chain of its segments), every chain, by
        /// loss descending then chain.
        public var lossByChain: [GroupLoss]
        /// Loss per region prefix of `regionLevel` components ("" = unknown), only regions
        /// with an affected firm, by loss descending then key.
        public var lossByRegion: [GroupLoss]
        /// Firm recomputations done by the worklist.
        public var updates: Int
    }

    /// Removes firms and runs the cascade to its fixed point.
    /// - Parameters:
    ///   - graph: the supply graph.
    ///   - removed: firm indices to remove (X); ``FirmSelection/resolve(_:in:)`` turns ids,
    ///     segments or regions into indices.
    ///   - substitution: σ in [0, 1], the share of a lost input a firm can replace.
    ///   - regionLevel: components of the region key for `lossByRegion` (1 = province).
    /// - Throws: ``ChainGraphError/invalidParameter(_:value:expected:)`` for σ outside
    ///   [0, 1] or `regionLevel` < 1; ``ChainGraphError/unknownFirm(_:)`` for an index out
    ///   of range; ``ChainGraphError/noResult(_:)`` when losses keep circulating through
    ///   supply cycles beyond a work limit of 20 · (n + m) + 10⁶ link visits.
    /// - Complexity: O(Σ in-degree of recomputed firms); each firm is recomputed only when
    ///   a supplier's capacity changed by at least 1e-12.
    public static func run(_ graph: SupplyGraph, removing removed: [Int], substitution: Double = 0,
                           regionLevel: Int = 1) throws(ChainGraphError) -> Result {
        guard substitution >= 0 && substitution <= 1 else {
            throw .invalidParameter(.substitution, value: "\(substitution)", expected: "a share in [0, 1]")
        }
        guard regionLevel >= 1 else { throw .invalidParameter(.regionLevel, value: "\(regionLevel)", expected: "at least 1") }
        let n = graph.firmCount
        var capacity = [Double](repeating: 1, count: n)
        var isRemoved = [Bool](repeating: false, count: n)
        for f in removed {
            guard f >= 0 && f < n else { throw .unknownFirm("#\(f)") }
            isRemoved[f] = true
            capacity[f] = 0
        }
        // Scratch per recomputation: supply and available supply per input group.
        let groups = graph.segments.count + 1  // group 0 = unknown segment
        var supply = [Double](repeating: 0, count: groups), available = [Double](repeating: 0, count: groups)
        var touched: [Int] = []
        var queued = [Bool](repeating: false, count: n)
        var queue: [Int32] = []
        var head = 0
        func enqueueBuyers(of s: Int) {
            for p in graph.outOffsets[s]..<graph.outOffsets[s + 1] {
                let b = Int(graph.outBuyer[p])
                if !queued[b] && !isRemoved[b] { queued[b] = true; queue.append(Int32(b)) }
            }
        }
        for f in removed { enqueueBuyers(of: f) }
        var updates = 0
        // On strongly cyclic graphs the loss can circulate for a very long time (in a random
        // cyclic graph it decays to 0 everywhere at the rate of a random walk's hitting
        // time). Bound the work and say so instead of running for hours.
        let workLimit = 20 * (graph.linkCount + n) + 1_000_000
        var work = 0
        while head < queue.count {
            let b = Int(queue[head])
            head += 1
            queued[b] = false
            if head > 1 << 20 && head * 2 > queue.count { queue.removeFirst(head); head = 0 }
            updates += 1
            work += graph.inOffsets[b + 1] - graph.inOffsets[b] + 1
            if work > workLimit {
                throw .noResult("the disruption did not settle after \(updates) firm updates: losses keep circulating through supply cycles (the graph has \(n) firms, \(graph.linkCount) links). Real chains are nearly acyclic; on a strongly cyclic graph allow some substitution to damp the cascade, or remove fewer firms")
            }
            for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] {
                let g = Int(graph.linkSegment[e]) + 1
                if supply[g] == 0 && available[g] == 0 { touched.append(g) }
                let w = graph.value[e]
                supply[g] += w
                available[g] += w * capacity[Int(graph.inSupplier[e])]
            }
            var c = 1.0
            for g in touched {
                if supply[g] > 0 { c = min(c, available[g] / supply[g] + substitution) }
                supply[g] = 0
                available[g] = 0
            }
            touched.removeAll(keepingCapacity: true)
            let change = abs(c - capacity[b])
            capacity[b] = c
            if change >= 1e-12 { enqueueBuyers(of: b) }
        }

        let revenue = (0..<n).map { graph.firms.revenue($0) ?? 0 }
        let loss = (0..<n).map { revenue[$0] * (1 - capacity[$0]) }
        var affected = (0..<n).filter { capacity[$0] < 1 }
        affected.sort { Ranking.before(loss[$0], loss[$1]) ?? graph.firms.id($0).precedesInBytes(graph.firms.id($1)) }
        let tree = graph.segments
        var chainLoss = [MoneySum](repeating: MoneySum(), count: tree.chains.count), chainFirms = [Int](repeating: 0, count: tree.chains.count)
        var regionLoss: [String: (Int, MoneySum)] = [:]
        var total = MoneySum(), direct = MoneySum()
        for f in affected.sorted() {
            total.add(loss[f])
            if isRemoved[f] { direct.add(loss[f]) }
            for c in graph.chains(of: f) { chainLoss[c].add(loss[f]); chainFirms[c] += 1 }
            let key = graph.firms.region(f).map { ($0.prefix(regionLevel) ?? $0).description } ?? ""
            regionLoss[key, default: (0, MoneySum())].0 += 1
            regionLoss[key, default: (0, MoneySum())].1.add(loss[f])
        }
        func byLoss(_ a: GroupLoss, _ b: GroupLoss) -> Bool {
            Ranking.before(a.revenueLoss, b.revenueLoss) ?? a.key.precedesInBytes(b.key)
        }
        let byRegion = regionLoss.map { GroupLoss(key: $0.key, firms: $0.value.0, revenueLoss: $0.value.1.value) }.sorted(by: byLoss)
        let byChain = tree.chains.indices.map { GroupLoss(key: tree.chains[$0], firms: chainFirms[$0], revenueLoss: chainLoss[$0].value) }
        return Result(capacity: capacity, affected: affected, revenueAtRisk: total.value, directLoss: direct.value,
                      rippleLoss: MoneySum.of([total.value, -direct.value]),
                      firmLosses: affected.map { FirmLoss(firm: graph.firms.id($0), capacity: capacity[$0], revenueLoss: loss[$0]) },
                      lossByChain: byChain.sorted(by: byLoss),
                      lossByRegion: byRegion, updates: updates)
    }
}
