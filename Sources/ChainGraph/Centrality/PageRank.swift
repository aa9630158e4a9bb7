/// PageRank (SPEC §3.4): `nx.pagerank(G, alpha=0.85, weight="value")` on the firm graph.
///
/// A firm is important when important firms buy from it… in the direction goods flow:
/// score flows from supplier to buyer, so a high PageRank marks a firm that *collects*
/// supply from well-supplied firms — typically assemblers and chain leaders (链主). Run it
/// with `reversed: true` to rank key suppliers instead: score then flows from buyers to the
/// firms they depend on.
///
/// Semantics, matching NetworkX 3.x: each firm passes `alpha` of its score to its buyers in
/// proportion to link value; a firm with no (or only zero-value) sales is *dangling* and
/// spreads its score by the personalization vector; every firm receives `(1 − alpha)` of
/// the personalization vector (uniform unless given). Iterates from the uniform vector and
/// stops when the L1 change is below `n × tolerance`.
///
/// Reference: Page, Brin, Motwani, Winograd, *The PageRank citation ranking: bringing order
/// to the web*, Stanford InfoLab technical report 1999-66 (1999).
///
/// ```swift
/// let pr = try PageRank.compute(graph)
/// let keySuppliers = try PageRank.compute(graph, reversed: true)
/// ```
public enum PageRank {
    /// PageRank of every firm, in firm index order, summing to 1.
    /// - Parameters:
    ///   - graph: the supply graph.
    ///   - alpha: damping factor in [0, 1): the share of score passed along links.
    ///   - strength: `.value` passes score in proportion to link value; `.none` splits it
    ///     equally among buyers.
    ///   - reversed: run on the reversed graph (buyer → supplier): ranks key suppliers.
    ///   - personalization: non-negative weight per firm (length = firm count), normalised
    ///     to sum 1; nil = uniform. Also used for dangling firms.
    ///   - convergence: stopping rule of the power method.
    ///   - method: `.auto` solves densely up to ``SolveMethod/denseCutover`` firms, by power
    ///     iteration above.
    ///   - precision: `.double` (default) iterates in fp64 throughout; `.mixed` stores the
    ///     normalised link weights and the gathered scores in fp32 (accumulating in fp64),
    ///     moving 40 % fewer bytes per sweep — within 1e-6 in L1 of the fp64 result
    ///     (docs/benchmarks.md) and meant for very large graphs. Power method only.
    ///   - reorderForLocality: renumber firms by segment and region before iterating, so a
    ///     sweep's gathers hit the cache more often (measured on a 1M-firm generated chain:
    ///     8.4 → 7.0 ms per iteration, for 0.13 s of extra setup — worth it for tight
    ///     tolerances or repeated runs, not for a default 17-iteration run). Ignored for a
    ///     dense solve, a reversed run or a graph without segments; scores come back in the
    ///     original firm order.
    /// - Complexity: O(iterations × (n + m)) for the power method; O(n³) dense.
    /// - Throws: ``ChainGraphError/noConvergence(measure:iterations:residual:)`` when the
    ///   power method does not converge; ``ChainGraphError/invalidParameter(_:value:expected:)``
    ///   for an alpha outside [0, 1) or a personalization of the wrong length, with a
    ///   negative or non-finite weight, or all zero; ``ChainGraphError/noResult(_:)`` when
    ///   the dense system is singular.
    public static func compute(_ graph: SupplyGraph, alpha: Double = 0.85, strength: EdgeStrength = .value,
                               reversed: Bool = false, personalization: [Double]? = nil,
                               convergence: Convergence = Convergence(), method: SolveMethod = .auto,
                               precision: Precision = .double, reorderForLocality: Bool = false) throws(ChainGraphError) -> CentralityScores {
        let g = WeightedDigraph(graph, reversed: reversed, strength: strength, pullOnly: true)
        let dense = method == .dense || (method == .auto && graph.firmCount <= SolveMethod.denseCutover)
        guard reorderForLocality, !dense, !reversed, graph.segments.count > 0 else {
            return try compute(g, alpha: alpha, personalization: personalization, convergence: convergence, method: method, precision: precision)
        }
        // Large graphs: iterate with firms renumbered for locality, then map scores back.
        let order = graph.localityOrder()
        let local = Trace.time("pagerank relabel for locality") { g.relabeled(order) }
        var result = try compute(local, alpha: alpha, personalization: personalization.map { p in order.map { p[Int($0)] } },
                                 convergence: convergence, method: method, precision: precision)
        var scores = [Double](repeating: 0, count: graph.firmCount)
        for (i, old) in order.enumerated() { scores[Int(old)] = result.scores[i] }
        result.scores = scores
        return result
    }

    /// Floating-point storage of the sparse kernel.
    public enum Precision: String, Sendable, CaseIterable {
        /// fp64 weights and scores throughout.
        case double
        /// fp32 normalised weights and gathered scores, fp64 sums and stopping rule.
        case mixed
    }

    package static func compute(_ g: WeightedDigraph, alpha: Double, personalization: [Double]?, convergence: Convergence,
                                method: SolveMethod, precision: Precision = .double) throws(ChainGraphError) -> CentralityScores {
        let n = g.nodeCount
        guard alpha >= 0 && alpha < 1 else { throw .invalidParameter(.alpha, value: "\(alpha)", expected: "a damping factor in [0, 1)") }
        guard n > 0 else { return CentralityScores(scores: []) }
        let p = try normalizedPersonalization(personalization, n: n)
        let dense = method == .dense || (method == .auto && n <= SolveMethod.denseCutover)
        if dense { return try Trace.time("pagerank dense (n = \(n))") { () throws(ChainGraphError) in try solveDense(g, alpha: alpha, p: p) } }
        if precision == .mixed {
            return try Trace.time("pagerank mixed (n = \(n))") { () throws(ChainGraphError) in try mixedPowerIteration(g, alpha: alpha, p: p, convergence: convergence) }
        }
        return try Trace.time("pagerank power (n = \(n))") { () throws(ChainGraphError) in try powerIteration(g, alpha: alpha, p: p, convergence: convergence) }
    }

    static func normalizedPersonalization(_ personalization: [Double]?, n: Int) throws(ChainGraphError) -> [Double] {
        guard let personalization else { return [Double](repeating: 1 / Double(n), count: n) }
        guard personalization.count == n else { throw .invalidParameter(.personalization, value: "\(personalization.count) entries", expected: "one weight per firm (\(n))") }
        guard personalization.allSatisfy({ $0 >= 0 && $0.isFinite }) else { throw .invalidParameter(.personalization, value: "a negative or non-finite weight", expected: "non-negative weights") }
        let total = personalization.reduce(0, +)
        guard total > 0 else { throw .invalidParameter(.personalization, value: "all zero", expected: "at least one firm with a positive weight") }
        return personalization.map { $0 / total }
    }

    /// 1 / out-strength, 0 for dangling firms.
    static func inverseOutStrength(_ g: WeightedDigraph) -> [Double] {
        g.outStrength().map { $0 != 0 ? 1 / $0 : 0 }
    }

    static func powerIteration(_ g: WeightedDigraph, alpha: Double, p: [Double], convergence: Convergence) throws(ChainGraphError) -> CentralityScores {
        // fp64: gather y = x / out-strength along the raw link weights.
        try sweeps(g, weights: g.inWeight, inverseStrength: inverseOutStrength(g), divideGatherByStrength: true, alpha: alpha, p: p,
                   convergence: convergence, method: "power")
    }

    /// The power method with fp32 link weights pre-divided by the supplier's out-strength and
    /// an fp32 copy of the scores to gather from; sums, the iterate and the stopping rule
    /// stay in fp64.
    static func mixedPowerIteration(_ g: WeightedDigraph, alpha: Double, p: [Double], convergence: Convergence) throws(ChainGraphError) -> CentralityScores {
        let invS = inverseOutStrength(g)
        let normalized = KernelVector<Float>(repeating: 0, count: g.edgeCount)
        CSRView.incoming(g) { csr in
            ParallelKernels.forEachChunk(g.nodeCount) { rows in  // disjoint rows per chunk
                for k in csr.offsets[rows.lowerBound]..<csr.offsets[rows.upperBound] {
                    normalized[k] = Float(csr.weights[k] * invS[Int(csr.columns[k])])
                }
            }
        }
        return try sweeps(g, weights: normalized.array, inverseStrength: invS, divideGatherByStrength: false, alpha: alpha, p: p,
                          convergence: convergence, method: "power-mixed")
    }

    /// The PageRank power method as one parallel sweep per iteration: each firm gathers
    /// Σ weight · gather[supplier] over its in-links, forms its new score, adds to the L1
    /// change and the dangling mass, and writes the value its buyers will gather next time
    /// (x / out-strength, or x itself when the weights are already divided). Partial sums
    /// are per fixed chunk and added in order, so results do not depend on threads.
    static func sweeps<T: BinaryFloatingPoint & BitwiseCopyable & Sendable>(_ g: WeightedDigraph, weights: [T], inverseStrength: [Double],
                                                                          divideGatherByStrength: Bool, alpha: Double, p: [Double],
                                                                          convergence: Convergence, method: String) throws(ChainGraphError) -> CentralityScores {
        let n = g.nodeCount
        var x = KernelVector<Double>(repeating: 1 / Double(n), count: n)
        var next = KernelVector<Double>(repeating: 0, count: n)
        let invS = KernelVector(inverseStrength), pb = KernelVector(p)
        var gather = KernelVector((0..<n).map { T(divideGatherByStrength ? x[$0] * invS[$0] : x[$0]) })
        var gatherNext = KernelVector<T>(repeating: 0, count: n)
        var danglingSum = 0.0
        for u in 0..<n where invS[u] == 0 { danglingSum += x[u] }
        let limit = Double(n) * convergence.tolerance
        let chunks = (n + ParallelKernels.chunkRows - 1) / ParallelKernels.chunkRows
        let partialErr = KernelVector<Double>(repeating: 0, count: chunks), partialDangling = KernelVector<Double>(repeating: 0, count: chunks)
        var err = Double.infinity
        let started = Trace.now()
        let converged: Int? = CSRView.incoming(g, weights: weights) { csr in
            for iteration in 1...max(1, convergence.maxIterations) {
                let d = danglingSum
                let (xb, nb, gb, gnb) = (x, next, gather, gatherNext)
                // Each chunk writes its own rows and its own partial-sum slot.
                ParallelKernels.forEachChunk(n) { rows in
                    var e = 0.0, dangling = 0.0
                    for v in rows {
                        var acc = 0.0
                        for k in csr.offsets[v]..<csr.offsets[v + 1] { acc += Double(csr.weights[k] * gb[Int(csr.columns[k])]) }
                        let value = alpha * (acc + d * pb[v]) + (1 - alpha) * pb[v]
                        e += abs(value - xb[v])
                        nb[v] = value
                        let s = invS[v]
                        gnb[v] = T(divideGatherByStrength ? value * s : value)
                        if s == 0 { dangling += value }
                    }
                    partialErr[rows.lowerBound / ParallelKernels.chunkRows] = e
                    partialDangling[rows.lowerBound / ParallelKernels.chunkRows] = dangling
                }
                err = partialErr.buffer.reduce(0, +)
                danglingSum = partialDangling.buffer.reduce(0, +)
                swap(&x, &next)
                swap(&gather, &gatherNext)
                if err < limit { return iteration }
            }
            return nil
        }
        guard let iterations = converged else {
            throw .noConvergence(measure: "pagerank", iterations: convergence.maxIterations, residual: err)
        }
        var result = CentralityScores(scores: x.array, iterations: iterations, residual: err, converged: true, method: method)
        result.iterationSeconds = Trace.now() - started
        return result
    }

    /// Solves x = alpha · x · M + (1 − alpha) · p exactly, M the row-stochastic matrix with
    /// dangling rows replaced by p: (I − alpha Mᵀ) xᵀ = (1 − alpha) pᵀ with LAPACK `dgesv`.
    static func solveDense(_ g: WeightedDigraph, alpha: Double, p: [Double]) throws(ChainGraphError) -> CentralityScores {
        let n = g.nodeCount
        let invS = inverseOutStrength(g)
        var k = DenseMatrix.identity(n)
        for v in 0..<n {
            for e in g.inOffsets[v]..<g.inOffsets[v + 1] {
                let u = Int(g.inSource[e])
                k[v, u] -= alpha * g.inWeight[e] * invS[u]
            }
        }
        for u in 0..<n where invS[u] == 0 {
            for v in 0..<n { k[v, u] -= alpha * p[v] }
        }
        var rhs = DenseMatrix(rows: n, columns: 1)
        for v in 0..<n { rhs[v, 0] = (1 - alpha) * p[v] }
        let x = try LinearAlgebra.solve(k, rhs).storage
        // One more power step from the solution measures how exact it is.
        var step = [Double](repeating: 0, count: n)
        var danglingSum = 0.0
        for u in 0..<n where invS[u] == 0 { danglingSum += x[u] }
        let y = (0..<n).map { x[$0] * invS[$0] }
        y.withUnsafeBufferPointer { yb in step.withUnsafeMutableBufferPointer { ParallelKernels.pullMultiply(g, yb, into: $0) } }
        var residual = 0.0
        for v in 0..<n { residual += abs(alpha * (step[v] + danglingSum * p[v]) + (1 - alpha) * p[v] - x[v]) }
        return CentralityScores(scores: x, iterations: 0, residual: residual, converged: true, method: "dense")
    }
}
