/// Degree and strength (SPEC §3.4 `degree`): how many distinct suppliers and buyers a firm
/// has, and the value it buys and sells.
///
/// A high in-degree marks an assembler with a broad supply base; a high out-value, a
/// supplier the chain depends on for volume. Links of several segments between the same
/// two firms count as one neighbour (as in a NetworkX `DiGraph`).
public struct DegreeCentrality: Sendable, Hashable {
    /// Per firm: distinct suppliers.
    public var inDegree: [Int]
    /// Per firm: distinct buyers.
    public var outDegree: [Int]
    /// Per firm: Σ value bought (in-strength), in the dataset's money unit.
    public var inValue: [Double]
    /// Per firm: Σ value sold (out-strength).
    public var outValue: [Double]

    /// Degrees and strengths of every firm; `reversed` swaps in and out.
    /// - Complexity: O(n + m).
    public init(_ graph: SupplyGraph, reversed: Bool = false) {
        let g = WeightedDigraph(graph, reversed: reversed)
        let n = g.nodeCount
        inDegree = (0..<n).map { g.inOffsets[$0 + 1] - g.inOffsets[$0] }
        outDegree = (0..<n).map { g.outOffsets[$0 + 1] - g.outOffsets[$0] }
        inValue = (0..<n).map { v in (g.inOffsets[v]..<g.inOffsets[v + 1]).reduce(0) { $0 + g.inWeight[$1] } }
        outValue = g.outStrength()
    }
}
