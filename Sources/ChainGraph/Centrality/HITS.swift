/// Hubs and authorities (SPEC §3.4): `nx.hits(G)` with each edge's weight set to its value.
///
/// In a supply chain a good **hub** sells to many good authorities — a supplier whose
/// customers are the chain's major buyers; a good **authority** buys from many good hubs —
/// an integrator drawing on the strongest suppliers.
///
/// As NetworkX 3.x computes it: authorities are the principal right singular vector of the
/// weighted adjacency matrix A (the principal eigenvector of AᵀA), hubs are A · a, and
/// both are divided by their sums. Here the power method iterates a ← AᵀA a from the
/// uniform vector (or, for small graphs, LAPACK `dsyevr` solves the symmetric eigenproblem
/// of AᵀA).
///
/// Reference: J. Kleinberg, *Authoritative sources in a hyperlinked environment*,
/// J. ACM 46 (1999), doi:10.1145/324133.324140.
public enum HITS {
    /// Hub and authority scores, each summing to 1.
    public struct Result: Sendable, Hashable {
        /// Hub score per firm (suppliers of strong buyers), in firm index order.
        public var hubs: [Double]
        /// Authority score per firm (buyers from strong suppliers), in firm index order.
        public var authorities: [Double]
        /// Power iterations performed (0 for a dense solve).
        public var iterations: Int
        /// L1 change of the last iteration, or of one more power step from the dense
        /// solution (both vectors scaled to sum 1).
        public var residual: Double
        /// `power`, `dense`, or `exact` for an empty graph.
        public var method: String
    }

    /// Hubs and authorities of every firm.
    ///
    /// ```swift
    /// let h = try HITS.compute(graph)
    /// let topSupplier = Ranking.firms(graph, by: h.hubs).first
    /// ```
    /// - Throws: ``ChainGraphError/noResult(_:)`` when the graph has no link with a
    ///   positive value (or the iteration collapses to 0);
    ///   ``ChainGraphError/noConvergence(measure:iterations:residual:)``.
    /// - Complexity: O(iterations × (n + m)) for the power method; O(n³) dense.
    public static func compute(_ graph: SupplyGraph, strength: EdgeStrength = .value, reversed: Bool = false,
                               convergence: Convergence = Convergence(), method: SolveMethod = .auto) throws(ChainGraphError) -> Result {
        let g = WeightedDigraph(graph, reversed: reversed, strength: strength)
        let n = g.nodeCount
        guard n > 0 else { return Result(hubs: [], authorities: [], iterations: 0, residual: 0, method: "exact") }
        guard g.inWeight.contains(where: { $0 > 0 }) else {
            throw .noResult("HITS is undefined: the graph has no link with a positive value")
        }
        let dense = method == .dense || (method == .auto && n <= SolveMethod.denseCutover)
        var a: [Double]
        var iterations = 0, residual = 0.0
        if dense {
            var matrix = DenseMatrix(rows: n, columns: n)
            for v in 0..<n { for e in g.inOffsets[v]..<g.inOffsets[v + 1] { matrix[Int(g.inSource[e]), v] += g.inWeight[e] } }
            let ata = LinearAlgebra.multiply(matrix.transposed, matrix)
            a = try LinearAlgebra.symmetricTopEigenvector(ata)
            // Check: L1 change of one more power step, both vectors scaled to sum 1.
            let step = LinearAlgebra.multiply(ata, a)
            let sa = a.reduce(0, +), ss = step.reduce(0, +)
            if sa != 0 && ss != 0 { residual = zip(a, step).reduce(0) { $0 + abs($1.0 / sa - $1.1 / ss) } }
        } else {
            a = [Double](repeating: 1 / Double(n), count: n)
            var h = [Double](repeating: 0, count: n), next = [Double](repeating: 0, count: n)
            let limit = Double(n) * convergence.tolerance
            var converged = false
            for iteration in 1...max(1, convergence.maxIterations) {
                // h = A a (out-direction pull), a' = Aᵀ h (in-direction pull).
                multiplyOut(g, a, into: &h)
                h.withUnsafeBufferPointer { hb in next.withUnsafeMutableBufferPointer { ParallelKernels.pullMultiply(g, hb, into: $0) } }
                let total = next.reduce(0, +)
                guard total > 0 else { throw .noResult("HITS is undefined for this graph (AᵀA a = 0)") }
                var err = 0.0
                for v in 0..<n { next[v] /= total; err += abs(next[v] - a[v]) }
                swap(&a, &next)
                iterations = iteration
                residual = err
                if err < limit { converged = true; break }
            }
            guard converged else {
                throw .noConvergence(measure: "hits", iterations: convergence.maxIterations, residual: residual)
            }
        }
        var hubs = [Double](repeating: 0, count: n)
        multiplyOut(g, a, into: &hubs)
        let hubTotal = hubs.reduce(0, +), authorityTotal = a.reduce(0, +)
        guard hubTotal != 0, authorityTotal != 0 else { throw .noResult("HITS is undefined for this graph (zero hub or authority total)") }
        return Result(hubs: hubs.map { $0 / hubTotal }, authorities: a.map { $0 / authorityTotal },
                      iterations: iterations, residual: residual, method: dense ? "dense" : "power")
    }

    /// h[u] = Σ_{u → v} w(u, v) · a[v] (pull over the out-direction).
    static func multiplyOut(_ g: WeightedDigraph, _ a: [Double], into h: inout [Double]) {
        CSRView.outgoing(g) { csr in
            a.withUnsafeBufferPointer { ab in h.withUnsafeMutableBufferPointer { csr.multiply(ab, into: $0) } }
        }
    }
}
