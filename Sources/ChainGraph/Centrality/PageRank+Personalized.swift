extension PageRank {
    /// Personalised PageRank for many seed sets at once — e.g. one vector per chain leader
    /// (链主), showing which firms sit closest to it along supply flows.
    ///
    /// Seed set j gets the personalization vector uniform over its firms. All k vectors are
    /// iterated together as one n × k dense block: every sweep reads the CSR once and
    /// multiplies it into all k columns (a sparse-times-dense-block product), instead of k
    /// separate passes over the graph. Each column stops at its own convergence, so the
    /// result matches, up to round-off, k separate
    /// ``compute(_:alpha:strength:reversed:personalization:convergence:method:precision:reorderForLocality:)``
    /// calls with the power method.
    ///
    /// - Parameters:
    ///   - graph: the supply graph.
    ///   - seedSets: firm indices of each seed set; duplicates within a set count once.
    ///   - alpha: damping factor in [0, 1).
    ///   - strength: how link values weigh (see ``EdgeStrength``).
    ///   - reversed: run on the reversed graph (buyer → supplier).
    ///   - convergence: stopping rule, applied to each column separately.
    /// - Returns: one result per seed set, in order; empty for no seed sets or an empty graph.
    /// - Throws: ``ChainGraphError/invalidParameter(_:value:expected:)`` for a bad alpha;
    ///   ``ChainGraphError/usage(_:)`` for an empty seed set or an index that is not a firm;
    ///   ``ChainGraphError/noConvergence(measure:iterations:residual:)`` naming the first
    ///   seed set that did not converge.
    /// - Complexity: O(iterations × (n + m) × k) arithmetic, O(iterations × (n + m)) graph reads.
    public static func personalized(_ graph: SupplyGraph, seedSets: [[Int]], alpha: Double = 0.85,
                                    strength: EdgeStrength = .value, reversed: Bool = false,
                                    convergence: Convergence = Convergence()) throws(ChainGraphError) -> [CentralityScores] {
        let g = WeightedDigraph(graph, reversed: reversed, strength: strength, pullOnly: true)
        let n = g.nodeCount, k = seedSets.count
        guard alpha >= 0 && alpha < 1 else { throw .invalidParameter(.alpha, value: "\(alpha)", expected: "a damping factor in [0, 1)") }
        guard k > 0, n > 0 else { return [] }
        // P and X are node-major (row v holds the k columns contiguously).
        var p = [Double](repeating: 0, count: n * k)
        for (j, seeds) in seedSets.enumerated() {
            let unique = Set(seeds)
            guard !unique.isEmpty else { throw .usage("seed set \(j + 1) is empty") }
            for s in unique {
                guard s >= 0 && s < n else { throw .usage("seed \(s) is not a firm index") }
                p[s * k + j] = 1 / Double(unique.count)
            }
        }
        let invS = inverseOutStrength(g)
        var x = [Double](repeating: 1 / Double(n), count: n * k)
        var y = [Double](repeating: 0, count: n * k)
        var next = [Double](repeating: 0, count: n * k)
        var results = [CentralityScores?](repeating: nil, count: k)
        let limit = Double(n) * convergence.tolerance
        var err = [Double](repeating: 0, count: k)
        for iteration in 1...max(1, convergence.maxIterations) {
            var danglingSum = [Double](repeating: 0, count: k)
            for u in 0..<n {
                let s = invS[u]
                if s == 0 { for j in 0..<k { danglingSum[j] += x[u * k + j] } }
                for j in 0..<k { y[u * k + j] = x[u * k + j] * s }
            }
            y.withUnsafeBufferPointer { yb in
                next.withUnsafeMutableBufferPointer { nb in
                    blockPullMultiply(g, columns: k, yb, into: nb)
                }
            }
            for j in 0..<k { err[j] = 0 }
            for v in 0..<n {
                for j in 0..<k {
                    let pv = p[v * k + j]
                    let value = alpha * (next[v * k + j] + danglingSum[j] * pv) + (1 - alpha) * pv
                    err[j] += abs(value - x[v * k + j])
                    next[v * k + j] = value
                }
            }
            swap(&x, &next)
            for j in 0..<k where results[j] == nil && err[j] < limit {
                results[j] = CentralityScores(scores: (0..<n).map { x[$0 * k + j] }, iterations: iteration, residual: err[j],
                                              converged: true, method: "power-block")
            }
            if results.allSatisfy({ $0 != nil }) { return results.map { $0! } }
        }
        let failed = results.firstIndex { $0 == nil }!
        throw .noConvergence(measure: "personalised pagerank (seed set \(failed + 1))", iterations: convergence.maxIterations, residual: err[failed])
    }

    /// Y[v, :] = Σ_{u → v} w(u, v) · X[u, :] for an n × k node-major block.
    static func blockPullMultiply(_ g: WeightedDigraph, columns k: Int, _ x: UnsafeBufferPointer<Double>,
                                  into y: UnsafeMutableBufferPointer<Double>) {
        nonisolated(unsafe) let y = y  // each chunk writes its own rows
        CSRView.incoming(g) { csr in
            ParallelKernels.forEachChunk(g.nodeCount) { rows in
                for v in rows {
                    let row = y.baseAddress! + v * k
                    for j in 0..<k { row[j] = 0 }
                    for e in csr.offsets[v]..<csr.offsets[v + 1] {
                        let w = csr.weights[e]
                        let from = x.baseAddress! + Int(csr.columns[e]) * k
                        for j in 0..<k { row[j] += w * from[j] }
                    }
                }
            }
        }
    }
}

extension PageRank {
    /// Personalised PageRank rows for each seed selection: `seed,firm,score`, each seed's
    /// firms ranked by score (ties to 12 digits), then id. The table is grouped by `seed`,
    /// so ``ResultTable/top(_:)`` keeps the first rows of each seed.
    public struct PersonalizedRanking: Sendable {
        /// Rows grouped by seed, in seed order.
        public var table: ResultTable
        /// Iterations per seed set.
        public var iterations: [Int]
    }

    /// One personalised PageRank per selection item, computed as one block; each item's
    /// firms (a firm, a segment's firms, a region's firms) form one seed set. Reads `alpha`
    /// (default 0.85), `strength`, `reversed` and `convergence` from the options.
    /// - Throws: selection errors, and what ``personalized(_:seedSets:alpha:strength:reversed:convergence:)`` throws.
    public static func personalizedRanking(_ graph: SupplyGraph, seeds: [FirmSelection.Item],
                                           options o: CentralityMeasure.Options) throws(ChainGraphError) -> PersonalizedRanking {
        var sets: [[Int]] = []
        for item in seeds { sets.append(try FirmSelection.resolve([item], in: graph)) }
        let results = try personalized(graph, seedSets: sets, alpha: o.alpha ?? 0.85, strength: o.strength, reversed: o.reversed,
                                       convergence: o.convergence)
        var rows: [[ResultCell]] = []
        for (item, result) in zip(seeds, results) {
            for f in Ranking.firms(graph, by: result.scores) {
                rows.append([.text(item.description), .text(graph.firms.id(f)), .number(result.scores[f])])
            }
        }
        let columns = [ResultColumn("seed", .text, zh: "种子", en: "Seed")] + CentralityMeasure.scoreColumns
        return PersonalizedRanking(table: ResultTable(columns: columns, rows: rows, groupColumn: "seed"), iterations: results.map(\.iterations))
    }
}
