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
///
/// ```swift
/// let (alpha, _) = try Katz.defaultAlpha(graph)          // 0.85 / λ_max
/// let katz = try Katz.compute(graph, alpha: alpha)
/// ```
public enum Katz {
    /// Katz centrality of every firm, in firm index order, scaled to unit Euclidean length.
    ///
    /// The default `alpha` 0.1 is NetworkX's; with values in 万元 it rarely converges, so
    /// pass ``defaultAlpha(_:strength:reversed:method:)`` (what ``CentralityMeasure/katz``
    /// does without an explicit alpha).
    /// - Parameters:
    ///   - graph: the supply graph.
    ///   - alpha: attenuation per supply step, 0 < alpha < 1/λ_max.
    ///   - beta: the score every firm gets on its own (NetworkX's scalar beta).
    ///   - strength: `.value` weighs paths by link value; `.none` counts them.
    ///   - reversed: count paths *out of* a firm (its reach downstream) instead.
    ///   - convergence: stopping rule of the power method.
    ///   - method: `.auto` solves densely up to ``SolveMethod/denseCutover`` firms.
    /// - Throws: ``ChainGraphError/invalidParameter(_:value:expected:)`` for alpha ≤ 0 or
    ///   not finite; ``ChainGraphError/divergentAlpha(alpha:limit:estimated:)`` when alpha
    ///   ≥ 1/λ_max (λ_max exact for a dense solve, estimated after a failed power
    ///   iteration); ``ChainGraphError/noConvergence(measure:iterations:residual:)``
    ///   otherwise; ``ChainGraphError/noResult(_:)`` when LAPACK fails.
    /// - Complexity: O(iterations × (n + m)) for the power method; O(n³) dense.
    public static func compute(_ graph: SupplyGraph, alpha: Double = 0.1, beta: Double = 1, strength: EdgeStrength = .value,
                               reversed: Bool = false, convergence: Convergence = Convergence(),
                               method: SolveMethod = .auto) throws(ChainGraphError) -> CentralityScores {
        let g = WeightedDigraph(graph, reversed: reversed, strength: strength, pullOnly: true)
        let n = g.nodeCount
        guard alpha > 0, alpha.isFinite else { throw .invalidParameter(.alpha, value: "\(alpha)", expected: "a positive number below 1/λ_max") }
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
        throw .noConvergence(measure: "katz", iterations: convergence.maxIterations, residual: err)
    }

    static func divergence(alpha: Double, lambda: Double, estimated: Bool) -> ChainGraphError {
        .divergentAlpha(alpha: alpha, limit: 1 / lambda, estimated: estimated)
    }

    /// The default attenuation of SPEC §3.4: 0.85 / λ_max, with λ_max from LAPACK `dgeev`
    /// (up to 1,000 firms, or with `method: .dense`) or, for larger graphs, a Collatz–Wielandt
    /// upper bound on λ_max from a shifted power iteration (so the default never diverges).
    /// With values in 万元 a fixed 0.1 almost never converges; 0.85/λ_max always does and
    /// weights long paths the same way on every dataset. On an acyclic chain λ_max = 0 and
    /// every alpha converges; the default is then 0.85 / (largest in-strength), the same
    /// scale-free choice with the in-strength bound of λ_max in its place, and `lambdaMax`
    /// is 0. An empty graph gives (0.1, 0).
    /// - Throws: ``ChainGraphError/noResult(_:)`` when LAPACK `dgeev` fails.
    /// - Complexity: O(n³) dense, O(iterations × (n + m)) for the estimate.
    public static func defaultAlpha(_ graph: SupplyGraph, strength: EdgeStrength = .value, reversed: Bool = false,
                                    method: SolveMethod = .auto) throws(ChainGraphError) -> (alpha: Double, lambdaMax: Double) {
        let g = WeightedDigraph(graph, reversed: reversed, strength: strength, pullOnly: true)
        guard g.nodeCount > 0 else { return (0.1, 0) }
        // λ_max exactly (dgeev) up to 1,000 firms (under a second), whatever solves Katz.
        let dense = method == .dense || g.nodeCount <= 1000
        let lambda = dense ? try SpectralRadius.dense(g) : SpectralRadius.upperBound(g)
        if lambda > 0 { return (0.85 / lambda, lambda) }
        var largest = 0.0
        for v in 0..<g.nodeCount { largest = max(largest, MoneySum.of(g.inWeight[g.inOffsets[v]..<g.inOffsets[v + 1]])) }
        return (largest > 0 ? 0.85 / largest : 0.85, 0)
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

    /// An upper bound on λ_max for large graphs that tightens as it iterates: for any
    /// positive x, λ_max ≤ max_i (Aᵀx)_i / x_i (Collatz–Wielandt), and the lower bound
    /// min_i (Aᵀx)_i / x_i brackets it. x follows the power iteration of Aᵀ + cI with
    /// c = the largest in-strength (≥ λ_max), which keeps x positive and damps the
    /// oscillation of periodic (bipartite, 2-cycle) parts that a unit shift does not when
    /// values are in the thousands. Stops when the bracket is within 1e-6 (relative).
    /// - Complexity: O(iterations × (n + m)).
    package static func upperBound(_ g: WeightedDigraph, iterations: Int = 1000) -> Double {
        let n = g.nodeCount
        guard n > 0 else { return 0 }
        var c = 0.0
        for v in 0..<n { c = max(c, g.inWeight[g.inOffsets[v]..<g.inOffsets[v + 1]].reduce(0, +)) }
        guard c > 0 else { return 0 }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var y = [Double](repeating: 0, count: n)
        var best = c
        for _ in 0..<iterations {
            x.withUnsafeBufferPointer { xb in y.withUnsafeMutableBufferPointer { ParallelKernels.pullMultiply(g, xb, into: $0) } }
            var upper = 0.0, lower = Double.infinity, total = 0.0
            for v in 0..<n {
                let ratio = y[v] / x[v]
                upper = max(upper, ratio)
                lower = min(lower, ratio)
                y[v] += c * x[v]
                total += y[v]
            }
            best = min(best, upper)
            if best - lower <= 1e-6 * best { break }
            for v in 0..<n { x[v] = y[v] / total }
        }
        return best
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
