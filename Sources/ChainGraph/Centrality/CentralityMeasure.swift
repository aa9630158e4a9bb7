/// The centrality measures of SPEC §3.4, registered once: name, the options each accepts,
/// and how to compute it. The command line, `bench` and the server read this registry.
///
/// ```swift
/// let result = try CentralityMeasure.pagerank.compute(graph, options: CentralityMeasure.Options())
/// print(result.table.rows.prefix(10))
/// ```
public enum CentralityMeasure: String, Sendable, CaseIterable {
    /// In/out degree and in/out value (``DegreeCentrality``); rows ranked by in-degree.
    case degree
    /// PageRank (``PageRank``): firms that collect supply from well-supplied firms.
    case pagerank
    /// Katz (``Katz``): every supply path into a firm, discounted by length.
    case katz
    /// Hubs and authorities (``HITS``); rows ranked by hub score.
    case hits
    /// Eigenvector centrality (``EigenvectorCentrality``); exists only with supply cycles.
    case eigenvector
    /// Betweenness (``Betweenness``): brokers on shortest supply routes.
    case betweenness
    /// Closeness (``Closeness/closeness(_:length:reversed:)``), distances into the firm.
    case closeness
    /// Harmonic centrality (``Closeness/harmonic(_:length:reversed:)``).
    case harmonic

    /// An option a measure may accept.
    public enum Option: String, Sendable, CaseIterable {
        /// Damping or attenuation.
        case alpha
        /// Katz beta.
        case beta
        /// Edge strength (spectral measures).
        case strength
        /// Edge length (path measures).
        case length
        /// Stopping tolerance and iteration limit.
        case convergence
        /// Dense or power solve.
        case method
        /// fp64 or mixed precision.
        case precision
        /// Sampled sources and seed.
        case samples
        /// Teleport set.
        case personalization
    }

    /// Values for every option; each measure reads the ones it accepts.
    public struct Options: Sendable, Hashable {
        /// Damping (PageRank, default 0.85) or attenuation (Katz, default 0.85/λ_max).
        public var alpha: Double?
        /// Katz beta (default 1).
        public var beta: Double = 1
        /// Edge strength for spectral measures.
        public var strength: EdgeStrength = .value
        /// Edge length for path measures.
        public var length: PathLength = .hops
        /// Run on the reversed graph.
        public var reversed = false
        /// Stopping rule of power iterations.
        public var convergence = Convergence()
        /// Dense or power solve.
        public var method: SolveMethod = .auto
        /// PageRank precision.
        public var precision: PageRank.Precision = .double
        /// Betweenness: sampled sources (nil = exact).
        public var samples: Int?
        /// Betweenness: sampling seed.
        public var seed: UInt64 = 0
        /// PageRank: teleport only to these firms.
        public var personalization: [FirmSelection.Item]?

        /// The defaults of SPEC §3.4.
        public init() {}
    }

    /// The options this measure accepts; `reversed` applies to all.
    public var accepts: Set<Option> {
        switch self {
        case .degree: []
        case .pagerank: [.alpha, .strength, .convergence, .method, .precision, .personalization]
        case .katz: [.alpha, .beta, .strength, .convergence, .method]
        case .hits: [.strength, .convergence, .method]
        case .eigenvector: [.strength, .convergence]
        case .betweenness: [.length, .samples]
        case .closeness, .harmonic: [.length]
        }
    }

    /// Whether the measure takes edge values as strengths (spectral measures).
    public var isSpectral: Bool { accepts.contains(.strength) }

    /// How a measure's scores were obtained, for a note to the user.
    public enum Solve: Sendable, Hashable {
        /// Exact dense LAPACK solve; residual = L1 change of one more power step.
        case dense(residual: Double)
        /// Power iteration.
        case power(iterations: Int, residual: Double)
        /// Sampled betweenness: every score within ±bound with probability ≥ 95 %.
        case sampled(sources: Int, of: Int, seed: UInt64, bound: Double)
        /// A non-iterative exact computation.
        case exact
    }

    /// Ranked rows and how they were computed.
    public struct Result: Sendable {
        /// Rows ranked by the primary score (ties to 12 digits), then firm id.
        public var table: ResultTable
        /// How the scores were obtained.
        public var solve: Solve
        /// Katz without an explicit alpha: the alpha used and λ_max (SPEC §3.4).
        public var defaultAlpha: (alpha: Double, lambdaMax: Double)?
    }

    /// Computes the measure and ranks the firms.
    ///
    /// Options the measure does not accept are ignored. Without `alpha`, PageRank uses
    /// 0.85 and Katz 0.85/λ_max (reported in ``Result/defaultAlpha``).
    /// - Throws: what the measure's computation throws (non-convergence, a divergent
    ///   alpha, an eigenvector that does not exist, an unknown firm in the personalisation).
    public func compute(_ graph: SupplyGraph, options o: Options) throws(ChainGraphError) -> Result {
        let ids = graph.firms.ids
        switch self {
        case .degree:
            let d = DegreeCentrality(graph, reversed: o.reversed)
            let order = Ranking.order(d.inDegree.map(Double.init)) { ids[$0] }
            let rows = order.map { f in
                [ResultCell.text(ids[f]), .integer(d.inDegree[f]), .integer(d.outDegree[f]), .money(d.inValue[f]), .money(d.outValue[f])]
            }
            return Result(table: ResultTable(columns: Self.degreeColumns, rows: rows), solve: .exact)
        case .hits:
            let h = try HITS.compute(graph, strength: o.strength, reversed: o.reversed, convergence: o.convergence, method: o.method)
            let rows = Ranking.order(h.hubs) { ids[$0] }.map { f in [ResultCell.text(ids[f]), .number(h.hubs[f]), .number(h.authorities[f])] }
            return Result(table: ResultTable(columns: Self.hitsColumns, rows: rows),
                          solve: h.method == "dense" ? .dense(residual: h.residual) : .power(iterations: h.iterations, residual: h.residual))
        default:
            var defaultAlpha: (Double, Double)?
            let scores = try self.scores(graph, o, defaultAlpha: &defaultAlpha)
            let rows = Ranking.order(scores.scores) { ids[$0] }.map { f in [ResultCell.text(ids[f]), .number(scores.scores[f])] }
            return Result(table: ResultTable(columns: Self.scoreColumns, rows: rows), solve: scores.solve, defaultAlpha: defaultAlpha)
        }
    }

    /// `firm,score`.
    public static let scoreColumns = [ResultColumn("firm", .text, zh: "企业", en: "Firm"), ResultColumn("score", .number, zh: "得分", en: "Score")]
    /// `firm,hub,authority`.
    public static let hitsColumns = [
        ResultColumn("firm", .text, zh: "企业", en: "Firm"), ResultColumn("hub", .number, zh: "枢纽", en: "Hub"),
        ResultColumn("authority", .number, zh: "权威", en: "Authority"),
    ]
    /// `firm,in_degree,out_degree,in_value,out_value`.
    public static let degreeColumns = [
        ResultColumn("firm", .text, zh: "企业", en: "Firm"), ResultColumn("in_degree", .integer, zh: "供应商数", en: "Suppliers"),
        ResultColumn("out_degree", .integer, zh: "客户数", en: "Buyers"), ResultColumn("in_value", .money, zh: "采购额", en: "Purchases"),
        ResultColumn("out_value", .money, zh: "销售额", en: "Sales"),
    ]

    private func scores(_ graph: SupplyGraph, _ o: Options, defaultAlpha: inout (Double, Double)?) throws(ChainGraphError)
        -> (scores: [Double], solve: Solve) {
        func solve(_ r: CentralityScores) -> Solve {
            r.method == "dense" ? .dense(residual: r.residual) : .power(iterations: r.iterations, residual: r.residual)
        }
        switch self {
        case .pagerank:
            let personalization = try o.personalization.map { (items) throws(ChainGraphError) in
                FirmSelection.indicator(try FirmSelection.resolve(items, in: graph), count: graph.firmCount)
            }
            let r = try PageRank.compute(graph, alpha: o.alpha ?? 0.85, strength: o.strength, reversed: o.reversed,
                                         personalization: personalization, convergence: o.convergence, method: o.method, precision: o.precision)
            return (r.scores, solve(r))
        case .katz:
            var alpha = o.alpha
            if alpha == nil {
                let d = try Katz.defaultAlpha(graph, strength: o.strength, reversed: o.reversed, method: o.method)
                alpha = d.alpha
                defaultAlpha = (d.alpha, d.lambdaMax)
            }
            let r = try Katz.compute(graph, alpha: alpha!, beta: o.beta, strength: o.strength, reversed: o.reversed,
                                     convergence: o.convergence, method: o.method)
            return (r.scores, solve(r))
        case .eigenvector:
            let r = try EigenvectorCentrality.compute(graph, strength: o.strength, reversed: o.reversed, convergence: o.convergence)
            return (r.scores, solve(r))
        case .betweenness:
            let r = try Betweenness.compute(graph, length: o.length, reversed: o.reversed, samples: o.samples, seed: o.seed)
            let s: Solve = r.errorBound.map { .sampled(sources: r.sources, of: graph.firmCount, seed: o.seed, bound: $0) } ?? .exact
            return (r.scores, s)
        case .closeness:
            return (Closeness.closeness(graph, length: o.length, reversed: o.reversed).scores, .exact)
        case .harmonic:
            return (Closeness.harmonic(graph, length: o.length, reversed: o.reversed).scores, .exact)
        case .degree, .hits:
            preconditionFailure("computed in compute(_:options:)")
        }
    }
}
