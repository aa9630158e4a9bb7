/// Katz centrality (SPEC §3.4): `nx.katz_centrality(G, alpha, beta=1, normalized=True,
/// weight="value")`.
///
/// Counts every supply path *into* a firm, a path of length k discounted by alphaᵏ: a high
/// score marks a firm fed, directly and through many tiers, by a broad supply base. Unlike
/// eigenvector centrality it exists on acyclic chains (every firm gets at least beta).
///
/// x ← alpha · Aᵀ x + beta from x = 0, A[u][v] = value of u → v; stops at L1 change
/// < n × tolerance, then scales x to unit Euclidean length. It converges only when
/// alpha < 1 / λ_max (λ_max the spectral radius of A); otherwise the error says so and
/// gives 1 / λ_max.
///
/// Reference: L. Katz, *A new status index derived from sociometric analysis*,
/// Psychometrika 18 (1953), doi:10.1007/BF02289026.
public enum Katz {
    /// - Complexity: O(iterations × (n + m)) for the power method; O(n³) dense.
    public static func compute(_ graph: SupplyGraph, alpha: Double = 0.1, beta: Double = 1, strength: EdgeStrength = .value,
                               reversed: Bool = false, convergence: Convergence = Convergence(),
                               method: SolveMethod = .auto) throws(ChainGraphError) -> CentralityScores {
        let g = WeightedDigraph(graph, reversed: reversed, strength: strength, pullOnly: true)
        let n = g.nodeCount
        guard alpha > 0, alpha.isFinite else { throw .usage("Katz alpha must be positive, got \(alpha)") }
        guard n > 0 else { return CentralityScores(scores: []) }
        let dense = method == .dense || (method == .auto && n <= SolveMethod.denseCutover)
        if dense {
            let lambda = try SpectralRadius.dense(g)
            if lambda > 0 && alpha >= 1 / lambda { throw divergence(alpha: alpha, lambda: lambda, estimated: false) }
            return try solveDense(g, alpha: alpha, beta: beta)
        }
        var x = [Double](repeating: 0, count: n)
        var next = [Double](repeating: 0, count: n)
        let limit = Double(n) * convergence.tolerance
        var err = Double.infinity
        for iteration in 1...max(1, convergence.maxIterations) {
            x.withUnsafeBufferPointer { xb in next.withUnsafeMutableBufferPointer { ParallelKernels.pullMultiply(g, xb, into: $0) } }
            err = 0
            for v in 0..<n {
                let value = alpha * next[v] + beta
                err += abs(value - x[v])
                next[v] = value
            }
            swap(&x, &next)
            if err < limit {
                return CentralityScores(scores: normalized(x), iterations: iteration, residual: err, converged: true, method: "power")
            }
            if !err.isFinite || err > 1e300 { break }
        }
        let lambda = SpectralRadius.estimate(g)
        if lambda > 0 && alpha >= 1 / lambda * (1 - 1e-9) { throw divergence(alpha: alpha, lambda: lambda, estimated: true) }
        throw .noResult("Katz centrality did not converge in \(convergence.maxIterations) iterations (L1 change \(err)); raise --max-iter or lower --alpha (1/λ_max ≈ \(lambda > 0 ? 1 / lambda : .infinity))")
    }

    static func divergence(alpha: Double, lambda: Double, estimated: Bool) -> ChainGraphError {
        .noResult("Katz centrality cannot converge: alpha \(alpha) ≥ 1/λ_max = \(1 / lambda)\(estimated ? " (λ_max estimated by power iteration)" : ""); use --alpha below \(1 / lambda)")
    }

    static func normalized(_ x: [Double]) -> [Double] {
        let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let s = norm > 0 ? 1 / norm : 1
        return x.map { $0 * s }
    }

    /// (I − alpha Aᵀ) x = beta · 1 with LAPACK, then unit length.
    static func solveDense(_ g: WeightedDigraph, alpha: Double, beta: Double) throws(ChainGraphError) -> CentralityScores {
        let n = g.nodeCount
        var k = DenseMatrix.identity(n)
        for v in 0..<n {
            for e in g.inOffsets[v]..<g.inOffsets[v + 1] { k[v, Int(g.inSource[e])] -= alpha * g.inWeight[e] }
        }
        let x = try LinearAlgebra.solve(k, DenseMatrix(rows: n, columns: 1, repeating: beta)).storage
        var step = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xb in step.withUnsafeMutableBufferPointer { ParallelKernels.pullMultiply(g, xb, into: $0) } }
        var residual = 0.0
        for v in 0..<n { residual += abs(alpha * step[v] + beta - x[v]) }
        return CentralityScores(scores: normalized(x), iterations: 0, residual: residual, converged: true, method: "dense")
    }
}

/// The spectral radius λ_max of the weighted adjacency matrix.
package enum SpectralRadius {
    /// Exact, with LAPACK `dgeev` on the dense matrix (small graphs).
    package static func dense(_ g: WeightedDigraph) throws(ChainGraphError) -> Double {
        let n = g.nodeCount
        var a = DenseMatrix(rows: n, columns: n)
        for v in 0..<n { for e in g.inOffsets[v]..<g.inOffsets[v + 1] { a[Int(g.inSource[e]), v] += g.inWeight[e] } }
        let rho = try LinearAlgebra.spectralRadius(a)
        return rho < 1e-12 * max(1, a.storage.max() ?? 1) ? 0 : rho
    }

    /// An estimate for large graphs: power iteration on A + I (the shift makes the Perron
    /// root dominant even on periodic graphs), λ_max ≈ ρ(A + I) − 1.
    package static func estimate(_ g: WeightedDigraph, iterations: Int = 2000) -> Double {
        let n = g.nodeCount
        var x = [Double](repeating: 1 / Double(n).squareRoot(), count: n)
        var y = [Double](repeating: 0, count: n)
        var rho = 0.0
        for _ in 0..<iterations {
            x.withUnsafeBufferPointer { xb in y.withUnsafeMutableBufferPointer { ParallelKernels.pullMultiply(g, xb, into: $0) } }
            for v in 0..<n { y[v] += x[v] }
            let norm = y.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { return 0 }
            let previous = rho
            rho = norm  // ||(A + I) x|| with ||x|| = 1
            for v in 0..<n { x[v] = y[v] / norm }
            if abs(rho - previous) < 1e-12 * rho { break }
        }
        return max(0, rho - 1)
    }
}
