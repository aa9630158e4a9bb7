/// Eigenvector centrality (SPEC §3.4): `nx.eigenvector_centrality(G, weight="value")`.
///
/// A firm scores high when it buys from firms that themselves score high — influence that
/// circulates *around* supply loops. It is the Perron eigenvector of Aᵀ, which exists only
/// when the graph has a cycle: on an acyclic supply chain (the usual case) every score
/// would drain to the chain's end and there is no answer. This function then refuses with a
/// clear error and points to Katz or PageRank, which are designed for acyclic chains.
///
/// As NetworkX: x ← (Aᵀ + I) x / ‖·‖₂ from the uniform vector, stopping at L1 change
/// < n × tolerance.
///
/// Reference: P. Bonacich, *Power and centrality: a family of measures*, American Journal
/// of Sociology 92 (1987), doi:10.1086/228631.
public enum EigenvectorCentrality {
    /// Eigenvector centrality of every firm, in firm index order, unit Euclidean length.
    /// - Throws: ``ChainGraphError/noResult(_:)`` when the graph has no cycle of links
    ///   with positive weight (the usual supply chain);
    ///   ``ChainGraphError/noConvergence(measure:iterations:residual:)``.
    /// - Complexity: O(iterations × (n + m)).
    public static func compute(_ graph: SupplyGraph, strength: EdgeStrength = .value, reversed: Bool = false,
                               convergence: Convergence = Convergence()) throws(ChainGraphError) -> CentralityScores {
        let g = WeightedDigraph(graph, reversed: reversed, strength: strength)
        let n = g.nodeCount
        guard n > 0 else { return CentralityScores(scores: []) }
        guard hasCycle(g) else {
            throw .noResult("eigenvector centrality does not exist for this graph: it has no supply cycle (with positive value), so the adjacency matrix is nilpotent and the iteration only drifts to the ends of the longest chains. Use the katz measure (counts all supply paths) or pagerank instead.")
        }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        let limit = Double(n) * convergence.tolerance
        var err = Double.infinity
        for iteration in 1...max(1, convergence.maxIterations) {
            x.withUnsafeBufferPointer { xb in next.withUnsafeMutableBufferPointer { ParallelKernels.pullMultiply(g, xb, into: $0) } }
            var norm = 0.0
            for v in 0..<n { next[v] += x[v]; norm += next[v] * next[v] }
            norm = norm.squareRoot()
            if norm == 0 { norm = 1 }
            err = 0
            for v in 0..<n { next[v] /= norm; err += abs(next[v] - x[v]) }
            swap(&x, &next)
            if err < limit { return CentralityScores(scores: x, iterations: iteration, residual: err, converged: true, method: "power") }
        }
        throw .noConvergence(measure: "eigenvector", iterations: convergence.maxIterations, residual: err)
    }

    /// True when some cycle has only positive-weight edges.
    static func hasCycle(_ g: WeightedDigraph) -> Bool {
        let n = g.nodeCount
        // Kahn's algorithm on positive edges: a cycle remains iff not every node is removed.
        var indegree = [Int](repeating: 0, count: n)
        for v in 0..<n { for e in g.inOffsets[v]..<g.inOffsets[v + 1] where g.inWeight[e] > 0 { indegree[v] += 1 } }
        var queue = (0..<n).filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for p in g.outOffsets[u]..<g.outOffsets[u + 1] where g.outWeight[p] > 0 {
                let v = Int(g.outTarget[p])
                indegree[v] -= 1
                if indegree[v] == 0 { queue.append(v) }
            }
        }
        return queue.count < n
    }
}
