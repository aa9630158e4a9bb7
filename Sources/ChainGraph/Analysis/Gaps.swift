/// Chain gaps in a region (SPEC §3.2): missing segments (空白环节, the 填空型 gap), missing
/// local links (缺失配套), weak segments (短板) and single-supplier dependencies (卡脖子).
///
/// F_L = firms in the region; required(b) = inputs of all of b's segments; supply(b, T) =
/// value bought by b with link segment T; localsupply(b, T) the part from local suppliers.
///
/// ```swift
/// let gaps = try ChainGaps.compute(graph, region: RegionPath("湖北")!)
/// for row in gaps where row.kind == .missingSegment { print(row.segment, row.candidates) }
/// ```
public enum ChainGaps {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case missingSegment = "missing_segment"
        case missingLink = "missing_link"
        case weakSegment = "weak_segment"
        case singleSource = "single_source"
    }

    /// One gap; fields that do not apply to its kind are nil (SPEC §4 `gaps` columns).
    public struct Row: Sendable, Hashable, Codable {
        public var kind: Kind
        public var chain: String?
        public var segment: String
        public var buyer: String?
        public var supplier: String?
        /// weak_segment: local demand D; single_source: supply(b, T).
        public var value: Double?
        public var importedValue: Double?
        public var dependents: Int?
        public var localShare: Double?
        public var supplierLocal: Bool?
        /// 精准招商 targets (missing_segment) or 供需对接 matchmaking candidates (missing_link).
        public var candidates: [String] = []

        enum CodingKeys: String, CodingKey {
            case kind = "type", chain, segment, buyer, supplier, value, importedValue = "imported_value", dependents
            case localShare = "local_share", supplierLocal = "supplier_local", candidates
        }
    }

    /// Missing segments, missing links, weak segments, single sources — in that order, each
    /// sorted as documented in docs/metrics.md.
    /// - Parameter weakBelow: a segment is weak when its local share is below this.
    /// - Complexity: O(n + m + s · depth) plus the candidate sorts.
    public static func compute(_ graph: SupplyGraph, region: RegionPath, weakBelow: Double = 0.5) throws(ChainGraphError) -> [Row] {
        try requireTree(graph, for: "gaps")
        let presence = try LocalPresence(graph, region: region)
        let tree = graph.segments, firms = graph.firms
        let isLocal = presence.isLocal
        let n = graph.firmCount
        func chainName(_ t: Int) -> String? { tree.segments[t].chain.map { tree.chains[$0] } }
        func id(_ f: Int) -> String { firms.id(f) }
        func revenue(_ f: Int) -> Double { firms.revenue(f) ?? 0 }

        // Per-segment totals over local buyers, and per-buyer supply by segment.
        var imported = [Double](repeating: 0, count: tree.count)   // Σ_b supply(b, T)
        var localTotal = [Double](repeating: 0, count: tree.count) // Σ_b localsupply(b, T)
        var required: [Int: [Int]] = [:]                           // b → sorted required segments
        var dependents = [Int](repeating: 0, count: tree.count)
        var outValue = [Double](repeating: 0, count: n)
        var valueToLocal = [Double](repeating: 0, count: n)
        for b in 0..<n {
            for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] {
                let s = Int(graph.inSupplier[e])
                outValue[s] += graph.value[e]
                if isLocal[b] { valueToLocal[s] += graph.value[e] }
            }
        }
        var rows: [Row] = []
        var missingLinks: [Row] = [], singles: [Row] = []
        var localSupplyOf: [Int: Double] = [:]
        var supplyOf: [Int: Double] = [:]
        var suppliersOf: [Int: [Int]] = [:]
        // Local firms having each segment exactly, best matchmaking candidates first.
        var localHaving = [[Int]](repeating: [], count: tree.count)
        for f in 0..<n where isLocal[f] { for s in firms.segments(f) { localHaving[Int(s)].append(f) } }
        for t in localHaving.indices {
            localHaving[t].sort { outValue[$0] != outValue[$1] ? outValue[$0] > outValue[$1] : id($0).utf8.lexicographicallyPrecedes(id($1).utf8) }
        }
        for b in 0..<n where isLocal[b] {
            var needs = Set<Int>()
            for s in firms.segments(b) { needs.formUnion(tree.segments[Int(s)].inputs) }
            let sortedNeeds = needs.sorted()
            required[b] = sortedNeeds
            for t in sortedNeeds { dependents[t] += 1 }
            supplyOf.removeAll(keepingCapacity: true)
            localSupplyOf.removeAll(keepingCapacity: true)
            suppliersOf.removeAll(keepingCapacity: true)
            for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] {
                let t = Int(graph.linkSegment[e])
                guard t >= 0 else { continue }
                let s = Int(graph.inSupplier[e])
                supplyOf[t, default: 0] += graph.value[e]
                if isLocal[s] { localSupplyOf[t, default: 0] += graph.value[e] }
                if suppliersOf[t]?.contains(s) != true { suppliersOf[t, default: []].append(s) }
            }
            for (t, v) in supplyOf { imported[t] += v }
            for (t, v) in localSupplyOf { localTotal[t] += v }
            for t in sortedNeeds where presence.present[t] && (localSupplyOf[t] ?? 0) == 0 {
                let candidates = localHaving[t].lazy.filter { $0 != b }.prefix(5).map(id)
                missingLinks.append(Row(kind: .missingLink, chain: chainName(t), segment: tree.segments[t].id, buyer: id(b),
                                        importedValue: supplyOf[t] ?? 0, candidates: Array(candidates)))
            }
            for (t, v) in supplyOf where v > 0 && suppliersOf[t]!.count == 1 {
                let s = suppliersOf[t]![0]
                singles.append(Row(kind: .singleSource, chain: chainName(t), segment: tree.segments[t].id, buyer: id(b),
                                   supplier: id(s), value: v, supplierLocal: isLocal[s]))
            }
        }

        // Missing segments: leaves of chains with a local firm, not present.
        var missing: [Row] = []
        for c in tree.chains.indices where presence.chainHasLocal[c] {
            for t in tree.leaves(ofChain: c) where !presence.present[t] {
                var outside = (0..<n).filter { f in !isLocal[f] && firms.segments(f).contains { tree.isDescendant(Int($0), of: t) } }
                outside.sort { a, b in
                    if valueToLocal[a] != valueToLocal[b] { return valueToLocal[a] > valueToLocal[b] }
                    if revenue(a) != revenue(b) { return revenue(a) > revenue(b) }
                    return id(a).utf8.lexicographicallyPrecedes(id(b).utf8)
                }
                missing.append(Row(kind: .missingSegment, chain: tree.chains[c], segment: tree.segments[t].id,
                                   importedValue: imported[t], dependents: dependents[t], candidates: outside.prefix(5).map(id)))
            }
        }
        missing.sort { a, b in
            if a.importedValue! != b.importedValue! { return a.importedValue! > b.importedValue! }
            if a.dependents! != b.dependents! { return a.dependents! > b.dependents! }
            return a.segment.utf8.lexicographicallyPrecedes(b.segment.utf8)
        }
        missingLinks.sort { a, b in
            if a.importedValue! != b.importedValue! { return a.importedValue! > b.importedValue! }
            if a.buyer! != b.buyer! { return a.buyer!.utf8.lexicographicallyPrecedes(b.buyer!.utf8) }
            return a.segment.utf8.lexicographicallyPrecedes(b.segment.utf8)
        }
        var weak: [Row] = []
        for t in 0..<tree.count where presence.present[t] && imported[t] > 0 {
            let share = localTotal[t] / imported[t]
            if share < weakBelow {
                weak.append(Row(kind: .weakSegment, chain: chainName(t), segment: tree.segments[t].id, value: imported[t],
                                importedValue: imported[t] - localTotal[t], localShare: share, candidates: []))
            }
        }
        weak.sort { a, b in
            a.localShare! != b.localShare! ? a.localShare! < b.localShare! : a.segment.utf8.lexicographicallyPrecedes(b.segment.utf8)
        }
        singles.sort { a, b in
            if a.value! != b.value! { return a.value! > b.value! }
            if a.buyer! != b.buyer! { return a.buyer!.utf8.lexicographicallyPrecedes(b.buyer!.utf8) }
            return a.segment.utf8.lexicographicallyPrecedes(b.segment.utf8)
        }
        rows = missing + missingLinks + weak + singles
        return rows
    }
}
