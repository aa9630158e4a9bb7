/// The simple, weighted directed graph that centrality measures run on.
///
/// A ``SupplyGraph`` may hold several links between the same supplier and buyer (one per
/// segment of goods); as in a NetworkX `DiGraph` built from the merged links, they count
/// as one edge whose weight is the sum of their values. Both directions are stored as CSR.
/// When no pair trades more than one segment, the in-direction shares the supply graph's
/// own arrays (no copy).
package struct WeightedDigraph: Sendable {
    package let nodeCount: Int
    /// Edges u → v listed under v: `inSource[inOffsets[v]..<inOffsets[v+1]]`.
    package let inOffsets: [Int]
    package let inSource: [Int32]
    package let inWeight: [Double]
    /// Edges u → v listed under u.
    package let outOffsets: [Int]
    package let outTarget: [Int32]
    package let outWeight: [Double]

    package var edgeCount: Int { inSource.count }

    /// - Parameters:
    ///   - reversed: build the graph with every edge turned around (buyer → supplier).
    ///   - strength: `.value` weighs edges by value; `.none` gives every edge weight 1.
    /// - Complexity: O(n + m).
    package init(_ g: SupplyGraph, reversed: Bool = false, strength: EdgeStrength = .value, pullOnly: Bool = false) {
        let n = g.firmCount
        nodeCount = n
        // Merge links of the same (supplier, buyer): they are adjacent in buyer order.
        var hasMulti = false
        for b in 0..<n where g.inOffsets[b + 1] - g.inOffsets[b] > 1 {
            for e in (g.inOffsets[b] + 1)..<g.inOffsets[b + 1] where g.inSupplier[e] == g.inSupplier[e - 1] { hasMulti = true; break }
            if hasMulti { break }
        }
        var byBuyerOffsets = g.inOffsets, byBuyerSource = g.inSupplier, byBuyerWeight = g.value
        if hasMulti {
            var offsets = [Int](repeating: 0, count: n + 1)
            var source: [Int32] = [], weight: [Double] = []
            source.reserveCapacity(g.linkCount)
            weight.reserveCapacity(g.linkCount)
            for b in 0..<n {
                var e = g.inOffsets[b]
                while e < g.inOffsets[b + 1] {
                    let s = g.inSupplier[e]
                    var w = 0.0
                    while e < g.inOffsets[b + 1] && g.inSupplier[e] == s { w += g.value[e]; e += 1 }
                    source.append(s)
                    weight.append(w)
                }
                offsets[b + 1] = source.count
            }
            byBuyerOffsets = offsets; byBuyerSource = source; byBuyerWeight = weight
        }
        if strength == .none { byBuyerWeight = [Double](repeating: 1, count: byBuyerSource.count) }
        if pullOnly && !reversed {
            // Kernels that only pull along in-edges (PageRank, Katz, eigenvector) need no
            // out-direction: keep only the out-strength, computed by one scatter.
            inOffsets = byBuyerOffsets; inSource = byBuyerSource; inWeight = byBuyerWeight
            var strength = [Double](repeating: 0, count: n)
            for e in 0..<byBuyerSource.count { strength[Int(byBuyerSource[e])] += byBuyerWeight[e] }
            outOffsets = []; outTarget = []; outWeight = []
            outStrengthCache = strength
            return
        }
        // The other direction by counting sort; visiting buyers in order keeps lists sorted.
        let m = byBuyerSource.count
        var bySupplierOffsets = [Int](repeating: 0, count: n + 1)
        for s in byBuyerSource { bySupplierOffsets[Int(s) + 1] += 1 }
        for i in 0..<n { bySupplierOffsets[i + 1] += bySupplierOffsets[i] }
        var bySupplierTarget = [Int32](repeating: 0, count: m), bySupplierWeight = [Double](repeating: 0, count: m)
        var next = Array(bySupplierOffsets.dropLast())
        for b in 0..<n {
            for e in byBuyerOffsets[b]..<byBuyerOffsets[b + 1] {
                let s = Int(byBuyerSource[e])
                bySupplierTarget[next[s]] = Int32(b)
                bySupplierWeight[next[s]] = byBuyerWeight[e]
                next[s] += 1
            }
        }
        if reversed {
            inOffsets = bySupplierOffsets; inSource = bySupplierTarget; inWeight = bySupplierWeight
            outOffsets = byBuyerOffsets; outTarget = byBuyerSource; outWeight = byBuyerWeight
        } else {
            inOffsets = byBuyerOffsets; inSource = byBuyerSource; inWeight = byBuyerWeight
            outOffsets = bySupplierOffsets; outTarget = bySupplierTarget; outWeight = bySupplierWeight
        }
    }

    /// Out-strength kept by pull-only graphs (which have no out-direction).
    private var outStrengthCache: [Double]? = nil

    /// Sum of out-edge weights of each node.
    package func outStrength() -> [Double] {
        if let outStrengthCache { return outStrengthCache }
        return (0..<nodeCount).map { u in
            var s = 0.0
            for p in outOffsets[u]..<outOffsets[u + 1] { s += outWeight[p] }
            return s
        }
    }
}
