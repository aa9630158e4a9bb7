/// Local supporting rate (本地配套率, SPEC §3.1): how much of the buyers' purchasing stays
/// local, by value and by number of supplier–buyer pairs.
///
/// For buyers B: value rate = Σ local purchases ÷ Σ all purchases; count rate = distinct
/// (supplier, buyer) pairs with a local supplier ÷ all distinct pairs. A rate is nil
/// (an empty cell, JSON null) when its denominator is 0. Links of unknown segment count in
/// every total. Money sums are compensated (SPEC §4).
///
/// ```swift
/// let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
/// let rows = try LocalSupportingRate.compute(context, by: .segment)
/// ```
public enum LocalSupportingRate {
    /// How buyers are grouped into rows.
    public enum Grouping: String, Sendable, CaseIterable {
        /// One row per considered buyer.
        case firm
        /// Buyers whose *primary* segment is S.
        case segment
        /// Buyers with any segment in chain C (a buyer may count in several chains).
        case chain
        /// Fixed mode: one row for R; relative mode: one row per distinct K-prefix; distance
        /// mode: one row per top-level region component of the buyers.
        case region
        /// Fixed mode: 链主带动配套率, one row per chain C for its leader candidates
        /// (SPEC §3.3 within R, top k) together.
        case leader
    }

    /// One row of `chaingraph local-rate` (SPEC §4 columns).
    public struct Row: ResultRow, Hashable {
        /// The group: firm id, segment id, chain, region path (fixed region R or a K-prefix),
        /// or the chain of a leader row.
        public var key: String
        /// Considered buyers in the group, with or without purchases.
        public var buyers: Int
        /// Σ value of the buyers' purchases, in the dataset's money unit.
        public var inputValue: Double
        /// Σ value bought from suppliers local for each buyer.
        public var localValue: Double
        /// localValue ÷ inputValue; nil when inputValue is 0.
        public var valueRate: Double?
        /// Distinct (supplier, buyer) pairs.
        public var pairs: Int
        /// Pairs with a local supplier.
        public var localPairs: Int
        /// localPairs ÷ pairs; nil when pairs is 0.
        public var countRate: Double?

        /// `key,buyers,input_value,local_value,value_rate,pairs,local_pairs,count_rate`.
        public static let columns = [
            ResultColumn("key", .text, zh: "对象", en: "Key"), ResultColumn("buyers", .integer, zh: "采购企业数", en: "Buyers"),
            ResultColumn("input_value", .money, zh: "采购总额", en: "Purchase value"),
            ResultColumn("local_value", .money, zh: "本地采购额", en: "Local purchases"),
            ResultColumn("value_rate", .share, zh: "金额配套率", en: "Value rate"), ResultColumn("pairs", .integer, zh: "供需关系数", en: "Pairs"),
            ResultColumn("local_pairs", .integer, zh: "本地供需关系数", en: "Local pairs"),
            ResultColumn("count_rate", .share, zh: "关系配套率", en: "Count rate"),
        ]

        /// The cells in column order.
        public var cells: [ResultCell] {
            [.text(key), .integer(buyers), .money(inputValue), .money(localValue), .number(valueRate), .integer(pairs),
             .integer(localPairs), .number(countRate)]
        }
    }

    /// Rows for every group with at least one considered buyer, ordered by value rate
    /// (descending, undefined last), then key by UTF-8 bytes (SPEC §3.1).
    ///
    /// The leader grouping (链主带动配套率) ranks each chain's candidates in the region with
    /// ``ChainLeaders`` and makes the top `leadersPerChain` of each chain the buyers of that
    /// chain's row; a leader of several chains counts in each.
    /// - Parameters:
    ///   - context: the locality, with each considered buyer's purchases.
    ///   - grouping: how buyers are grouped into rows.
    ///   - leadersPerChain: k of the leader grouping (≥ 1); ignored by the other groupings.
    ///   - leaders: the ranking of ``ChainLeaders/compute(_:perChain:within:)`` with
    ///     `perChain` = `leadersPerChain` for this context, when the caller has it already
    ///     (the report); nil computes it.
    /// - Throws: ``ChainGraphError/needsChainTree(analysis:)`` for the chain and leader
    ///   groupings without `segments.csv`; ``ChainGraphError/usage(_:)`` for the leader
    ///   grouping in relative mode; ``ChainGraphError/invalidParameter(_:value:expected:)``
    ///   for `leadersPerChain` < 1 there.
    /// - Complexity: O(n · segments per firm) on top of the context, plus the leader
    ///   ranking for the leader grouping.
    public static func compute(_ context: RegionContext, by grouping: Grouping, leadersPerChain: Int = 3,
                               leaders: [ChainLeaders.Row]? = nil) throws(ChainGraphError) -> [Row] {
        let graph = context.graph
        if grouping == .chain { try graph.requireChainTree(for: "the local rate by chain") }
        var leaderChains: [Int: [String]] = [:]
        if grouping == .leader {
            _ = try context.requireFixedRegion(for: "the local rate of chain leaders")
            let ranking: [ChainLeaders.Row]
            if let leaders { ranking = leaders } else { ranking = try ChainLeaders.compute(graph, perChain: leadersPerChain, within: context) }
            for row in ranking where row.leader {
                guard let f = graph.firms.index(of: row.firm) else { continue }  // a row of another graph
                leaderChains[f, default: []].append(row.chain)
            }
        }
        var groups: [String: (buyers: Int, input: MoneySum, local: MoneySum, pairs: Int, localPairs: Int)] = [:]
        var order: [String] = []
        for b in 0..<graph.firmCount where context.isConsidered[b] {
            for key in grouping == .leader ? leaderChains[b] ?? [] : keys(of: b, context, grouping) {
                if groups[key] == nil {
                    groups[key] = (0, MoneySum(), MoneySum(), 0, 0)
                    order.append(key)
                }
                groups[key]!.buyers += 1
                groups[key]!.input.add(context.inputValue[b])
                groups[key]!.local.add(context.localInputValue[b])
                groups[key]!.pairs += Int(context.supplierPairs[b])
                groups[key]!.localPairs += Int(context.localSupplierPairs[b])
            }
        }
        var rows = order.map { key -> Row in
            let g = groups[key]!
            let input = g.input.value, local = g.local.value
            return Row(key: key, buyers: g.buyers, inputValue: input, localValue: local, valueRate: input > 0 ? local / input : nil,
                       pairs: g.pairs, localPairs: g.localPairs, countRate: g.pairs > 0 ? Double(g.localPairs) / Double(g.pairs) : nil)
        }
        rows.sort(by: byValueRate)
        return rows
    }

    /// SPEC §3.1 order: value rate descending, undefined last, then key by UTF-8 bytes.
    static func byValueRate(_ a: Row, _ b: Row) -> Bool {
        Ranking.beforeUndefinedLast(a.valueRate, b.valueRate) ?? a.key.precedesInBytes(b.key)
    }

    private static func keys(of b: Int, _ context: RegionContext, _ grouping: Grouping) -> [String] {
        let graph = context.graph
        switch grouping {
        case .firm:
            return [graph.firms.id(b)]
        case .segment:
            return graph.firms.primarySegment(b).map { [graph.segments.segments[$0].id] } ?? []
        case .chain:
            return graph.chains(of: b).map { graph.segments.chains[$0] }
        case .leader:
            return []  // resolved by the caller from the leader ranking
        case .region:
            switch context.locality {
            case .fixed(let r): return [r.description]
            case .relative: return [context.prefixes[Int(context.prefixIndex[b])].description]
            case .withinKm: return graph.firms.region(b).map { [$0.components[0]] } ?? []
            }
        }
    }
}
