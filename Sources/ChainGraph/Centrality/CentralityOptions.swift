/// How an edge's value enters a *spectral* measure (PageRank, Katz, HITS, eigenvector):
/// as a **strength** — more value, more influence.
///
/// Path-based measures (betweenness, closeness, harmonic) never take a strength: they take
/// a ``PathLength``, so a value cannot be mistaken for a distance (a classic NetworkX
/// pitfall: `weight="value"` in betweenness makes *big* suppliers *far*).
public enum EdgeStrength: String, Sendable, CaseIterable {
    /// Edge weight = summed link value (`weight="value"` in NetworkX).
    case value
    /// Every edge weighs 1 (`weight=None`).
    case none
}

/// How long an edge is for *path-based* measures (betweenness, closeness, harmonic).
public enum PathLength: String, Sendable, CaseIterable {
    /// Every link has length 1: distance = number of supply steps.
    case hops
    /// Length = 1 / value: a big purchase is a short, strong tie. Zero-value links are
    /// not traversable.
    case inverseValue = "inverse-value"
}

/// Stopping rule of the power iterations (SPEC §3.4): stop when the L1 change between two
/// iterates is below `nodeCount × tolerance`; fail after `maxIterations`.
public struct Convergence: Sendable, Hashable {
    /// Per-firm tolerance: iteration stops when the L1 change is below n × tolerance.
    public var tolerance: Double
    /// Iterations allowed before ``ChainGraphError/noConvergence(measure:iterations:residual:)``.
    public var maxIterations: Int

    /// The SPEC §3.4 defaults: tolerance 1e-10, at most 10,000 iterations.
    public init(tolerance: Double = 1e-10, maxIterations: Int = 10_000) {
        self.tolerance = tolerance
        self.maxIterations = maxIterations
    }
}

/// How a linear-algebra measure is computed.
public enum SolveMethod: String, Sendable, CaseIterable {
    /// Dense LAPACK solve for graphs up to ``denseCutover`` firms, power iteration above.
    case auto
    /// Sparse power iteration on CSR (both cores).
    case power
    /// Exact dense solve with LAPACK (`dgesv` / `dsyevr`); O(n³), for small graphs.
    case dense

    /// Largest graph `auto` solves densely: up to here the exact LAPACK solve costs under
    /// a millisecond (0.7 ms at 250 firms, 4 ms at 500, 21 ms at 1,000, 68 ms at 2,000,
    /// measured for PageRank on this project's 2-core machine; see docs/centrality.md),
    /// while sparse power iteration stays below 0.1 ms at every size up to 2,000.
    public static let denseCutover = 256
}

/// Scores of a node measure, with how they were obtained.
public struct CentralityScores: Sendable, Hashable {
    /// One score per firm, in firm index order.
    public var scores: [Double]
    /// Power iterations performed (0 for a dense solve or a non-iterative measure).
    public var iterations: Int
    /// L1 change of the last iteration (for a dense solve: L1 change of one more power
    /// step from the solution, a check of its accuracy).
    public var residual: Double
    /// Whether the stopping rule was met; the library throws rather than return an
    /// unconverged result, so this is true for every returned value.
    public var converged: Bool
    /// `power`, `power-mixed` (PageRank, mixed precision), `power-block` (personalised
    /// PageRank), `dense`, or `exact` for non-iterative measures.
    public var method: String
    /// Wall-clock seconds spent in the iterations alone (setup excluded); 0 when not timed.
    public var iterationSeconds: Double = 0

    /// Scores with how they were obtained; the defaults describe an exact, non-iterative
    /// computation.
    public init(scores: [Double], iterations: Int = 0, residual: Double = 0, converged: Bool = true, method: String = "exact") {
        self.scores = scores
        self.iterations = iterations
        self.residual = residual
        self.converged = converged
        self.method = method
    }
}
