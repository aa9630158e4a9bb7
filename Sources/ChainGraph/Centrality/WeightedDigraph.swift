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

    /// A pull-only copy with firms renumbered: new firm i is old firm `order[i]`. Used to
    /// place firms that trade with each other (same segment, same region) next to each
    /// other in memory, so the gathers of a sweep hit the cache more often.
    /// - Complexity: O(n + m).
    package func relabeled(_ order: [Int32]) -> WeightedDigraph {
        let n = nodeCount
        var newIndex = [Int32](repeating: 0, count: n)
        for (i, old) in order.enumerated() { newIndex[Int(old)] = Int32(i) }
        var offsets = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { let o = Int(order[i]); offsets[i + 1] = offsets[i] + (inOffsets[o + 1] - inOffsets[o]) }
        var source = [Int32](repeating: 0, count: edgeCount), weight = [Double](repeating: 0, count: edgeCount)
        source.withUnsafeMutableBufferPointer { src in
            weight.withUnsafeMutableBufferPointer { wt in
                nonisolated(unsafe) let (src, wt) = (src, wt)  // disjoint rows per chunk
                let (oldOffsets, oldSource, oldWeight, newOffsets) = (inOffsets, inSource, inWeight, offsets)
                let map = newIndex
                ParallelKernels.forEachChunk(n) { rows in
                    for i in rows {
                        let o = Int(order[i])
                        var k = newOffsets[i]
                        for e in oldOffsets[o]..<oldOffsets[o + 1] { src[k] = map[Int(oldSource[e])]; wt[k] = oldWeight[e]; k += 1 }
                    }
                }
            }
        }
        let strength = outStrength()
        return WeightedDigraph(nodeCount: n, inOffsets: offsets, inSource: source, inWeight: weight, outStrength: order.map { strength[Int($0)] })
    }

    private init(nodeCount: Int, inOffsets: [Int], inSource: [Int32], inWeight: [Double], outStrength: [Double]) {
        self.nodeCount = nodeCount
        self.inOffsets = inOffsets
        self.inSource = inSource
        self.inWeight = inWeight
        outOffsets = []; outTarget = []; outWeight = []
        outStrengthCache = outStrength
    }
}

extension SupplyGraph {
    /// Firms ordered by primary segment, then region, then index: trading partners sit close
    /// together (a chain's tiers buy from neighbouring segments, often in the same region).
    package func localityOrder() -> [Int32] {
        // Counting sort on (primary segment, region): O(n), stable, so ties keep firm order.
        let regions = firms.regions.count + 1, segments = self.segments.count + 1
        var key = [Int](repeating: 0, count: firmCount)
        var count = [Int](repeating: 0, count: regions * segments + 1)
        for f in 0..<firmCount {
            let s = (firms.primarySegment(f) ?? -1) + 1, r = Int(firms.regionOf[f]) + 1
            key[f] = s * regions + r
            count[key[f] + 1] += 1
        }
        for k in 1..<count.count { count[k] += count[k - 1] }
        var order = [Int32](repeating: 0, count: firmCount)
        for f in 0..<firmCount { order[count[key[f]]] = Int32(f); count[key[f]] += 1 }
        return order
    }
}
