/// Local supporting rate (本地配套率, SPEC §3.1): how much of the buyers' purchasing stays
/// local, by value and by number of supplier–buyer pairs.
///
/// For buyers B: value rate = Σ local purchases ÷ Σ all purchases; count rate = distinct
/// (supplier, buyer) pairs with a local supplier ÷ all distinct pairs. A rate is nil
/// (an empty cell, JSON null) when its denominator is 0. Links of unknown segment count in
/// every total.
///
/// ```swift
/// let rows = try LocalSupportingRate.compute(graph, locality: .fixed(RegionPath("湖北")!), by: .segment)
/// ```
public enum LocalSupportingRate {
    public enum Grouping: String, Sendable, CaseIterable {
        /// One row per considered buyer.
        case firm
        /// Buyers whose *primary* segment is S.
        case segment
        /// Buyers with any segment in chain C (a buyer may count in several chains).
        case chain
        /// Fixed mode: one row for R; relative mode: one row per distinct K-prefix.
        case region
    }

    /// One row of `chaingraph local-rate` (SPEC §4 columns).
    public struct Row: Sendable, Hashable, Codable {
        public var key: String
        public var buyers: Int
        public var inputValue: Double
        public var localValue: Double
        public var valueRate: Double?
        public var pairs: Int
        public var localPairs: Int
        public var countRate: Double?

        enum CodingKeys: String, CodingKey {
            case key, buyers, inputValue = "input_value", localValue = "local_value", valueRate = "value_rate", pairs
            case localPairs = "local_pairs", countRate = "count_rate"
        }
    }

    /// Rows for every group with at least one considered buyer, ordered by value rate
    /// (descending, undefined last), then key.
    /// - Complexity: O(n + m).
    public static func compute(_ graph: SupplyGraph, locality: Locality, by grouping: Grouping) throws(ChainGraphError) -> [Row] {
        let map = try LocalityMap(graph, locality)
        var groups: [String: Row] = [:]
        var order: [String] = []
        for b in 0..<graph.firmCount where map.considered[b] {
            var input = 0.0, local = 0.0, pairs = 0, localPairs = 0
            var previous: Int32 = -1
            for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] {
                let s = graph.inSupplier[e]
                let isLocal = map.isLocal(supplier: Int(s), buyer: b)
                input += graph.value[e]
                if isLocal { local += graph.value[e] }
                if s != previous {
                    pairs += 1
                    if isLocal { localPairs += 1 }
                    previous = s
                }
            }
            for key in keys(of: b, graph, map, grouping) {
                if groups[key] == nil {
                    groups[key] = Row(key: key, buyers: 0, inputValue: 0, localValue: 0, pairs: 0, localPairs: 0)
                    order.append(key)
                }
                groups[key]!.buyers += 1
                groups[key]!.inputValue += input
                groups[key]!.localValue += local
                groups[key]!.pairs += pairs
                groups[key]!.localPairs += localPairs
            }
        }
        var rows = order.map { key -> Row in
            var row = groups[key]!
            row.valueRate = row.inputValue > 0 ? row.localValue / row.inputValue : nil
            row.countRate = row.pairs > 0 ? Double(row.localPairs) / Double(row.pairs) : nil
            return row
        }
        rows.sort { a, b in
            switch (a.valueRate, b.valueRate) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.key.utf8.lexicographicallyPrecedes(b.key.utf8)
            }
        }
        return rows
    }

    private static func keys(of b: Int, _ graph: SupplyGraph, _ map: LocalityMap, _ grouping: Grouping) -> [String] {
        switch grouping {
        case .firm:
            return [graph.firms.id(b)]
        case .segment:
            return graph.firms.primarySegment(b).map { [graph.segments.segments[$0].id] } ?? []
        case .chain:
            var chains: [Int] = []
            for s in graph.firms.segments(b) {
                if let c = graph.segments.segments[Int(s)].chain, !chains.contains(c) { chains.append(c) }
            }
            return chains.map { graph.segments.chains[$0] }
        case .region:
            switch map.locality {
            case .fixed(let r): return [r.description]
            case .relative: return [map.prefixes[Int(map.prefixIndex[b])].description]
            }
        }
    }
}
