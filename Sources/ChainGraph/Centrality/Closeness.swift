/// Closeness and harmonic centrality (SPEC §3.4): `nx.closeness_centrality(G)` and
/// `nx.harmonic_centrality(G)` on the directed graph.
///
/// Both measure how near a firm is to the rest of the chain *upstream of it*: distances
/// run from other firms **to** the firm, along the direction goods flow. A high score marks
/// a firm that receives goods from much of the chain in few steps — an integrator close to
/// its supply base; a low score, a firm at the chain's raw-material end.
///
/// - closeness: (r − 1) / Σd · (r − 1) / (n − 1), r = firms that can reach it (itself
///   included), Σd their total distance (Wasserman–Faust scaling, NetworkX's default
///   `wf_improved=True`); 0 when nothing reaches it.
/// - harmonic: Σ 1 / d(u, f) over firms u ≠ f that reach f; not normalised.
///
/// Every firm's score comes from its own search, so results do not depend on threads.
///
/// References: A. Bavelas (1950), doi:10.1121/1.1906679; M. Marchiori, V. Latora,
/// *Harmony in the small-world*, Physica A 285 (2000), doi:10.1016/S0378-4371(00)00311-3.
public enum Closeness {
    /// Closeness of every firm (Wasserman–Faust scaled), in firm index order; `reversed`
    /// measures distances *from* the firm to the firms downstream of it instead.
    /// - Complexity: O(n · m) for hops (O(n · m log n) for 1/value).
    public static func closeness(_ graph: SupplyGraph, length: PathLength = .hops, reversed: Bool = false) -> CentralityScores {
        let g = WeightedDigraph(graph, reversed: reversed)
        let n = g.nodeCount
        return CentralityScores(scores: perTarget(g, length: length) { ws in
            var total = 0.0
            for v in ws.order { total += ws.dist[Int(v)] }
            let reached = Double(ws.order.count - 1)
            guard total > 0, n > 1 else { return 0 }
            return reached / total * (reached / Double(n - 1))
        })
    }

    /// Harmonic centrality of every firm, in firm index order (not normalised);
    /// `reversed` measures distances *from* the firm instead.
    /// - Complexity: O(n · m) for hops (O(n · m log n) for 1/value).
    public static func harmonic(_ graph: SupplyGraph, length: PathLength = .hops, reversed: Bool = false) -> CentralityScores {
        let g = WeightedDigraph(graph, reversed: reversed)
        return CentralityScores(scores: perTarget(g, length: length) { ws in
            var total = 0.0
            for v in ws.order where ws.dist[Int(v)] > 0 { total += 1 / ws.dist[Int(v)] }
            return total
        })
    }

    /// Runs a backward search from every firm (distances *to* it) and maps it to a score.
    static func perTarget(_ g: WeightedDigraph, length: PathLength, _ score: (PathWorkspace) -> Double) -> [Double] {
        let n = g.nodeCount
        var scores = [Double](repeating: 0, count: n)
        scores.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out  // each chunk writes its own firms
            withoutActuallyEscaping(score) { score in
                nonisolated(unsafe) let score = score
                ParallelKernels.forEachChunk(n) { targets in
                    var ws = PathWorkspace(nodeCount: n)
                    for t in targets {
                        ws.search(g, from: t, forward: false, length: length, countPaths: false)
                        out[t] = score(ws)
                    }
                }
            }
        }
        return scores
    }
}
