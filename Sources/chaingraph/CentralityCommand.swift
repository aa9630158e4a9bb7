import ArgumentParser
import ChainGraph

struct CentralityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centrality",
        abstract: "Rank firms by a centrality measure (NetworkX semantics on the value-weighted firm graph).",
        discussion: """
            Measures and what a high score means in a supply chain:
              degree       many distinct suppliers/buyers; in/out value = purchases/sales
              pagerank     collects supply from well-supplied firms (assemblers, 链主); --reverse: key suppliers
              katz         fed by a broad multi-tier supply base (every supply path counts, discounted by alpha; \
            default alpha 0.85/λ_max)
              hits         hub = sells to major buyers; authority = buys from strong suppliers
              eigenvector  central in supply loops; does not exist on acyclic chains (use katz/pagerank)
              betweenness  on many shortest supply routes between other firms (brokers, transit points)
              closeness    reaches… is reached by the chain in few steps (distances run from suppliers to the firm)
              harmonic     like closeness, robust to firms that cannot be reached

            Value is a STRENGTH for pagerank/katz/hits/eigenvector (--weight value|none) and never a length. \
            Path measures take an explicit --distance: hops (default) or inverse-value (length = 1/value; \
            zero-value links are not traversable).

            Columns: firm,score (hits: firm,hub,authority; degree: firm,in_degree,out_degree,in_value,out_value; \
            --personalize-each: seed,firm,score). Rows: score descending (hits: hub; degree: in_degree), scores \
            equal to 12 significant digits tied and ordered by firm id.

            Examples:
              chaingraph centrality --measure pagerank --top 10
              chaingraph centrality --measure pagerank --reverse --top 10          # key suppliers
              chaingraph centrality --measure pagerank --personalize segment:S40   # near the vehicle makers
              chaingraph centrality --measure katz --weight none
              chaingraph centrality --measure betweenness --samples 200 --seed 7
              chaingraph centrality --measure closeness --distance inverse-value --format json
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var out: RowOutputOptions

    @Option(name: .long, help: ArgumentHelp("\(CentralityMeasure.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "measure"))
    var measure: CentralityMeasure

    @Flag(name: .long, help: "Run on the reversed graph (edges buyer → supplier): ranks key suppliers.")
    var reverse = false

    @Option(name: .long, parsing: .unconditional, help: "Damping (pagerank, default 0.85) or attenuation (katz, default 0.85/λ_max).")
    var alpha: Double?

    @Option(name: .long, help: "Katz beta, the score every firm starts with (default 1).")
    var beta: Double?

    @Option(name: .long, parsing: .unconditional, help: "Stop when the L1 change is below firms × tol (default 1e-10).")
    var tol: Double?

    @Option(name: .customLong("max-iter"), parsing: .unconditional, help: "Iteration limit; not converging is an error (default 10000).")
    var maxIter: Int?

    @Option(name: .long, help: ArgumentHelp("Edge strength for pagerank/katz/hits/eigenvector: value (default) or none.", valueName: "value|none"))
    var weight: EdgeStrength?

    @Option(name: .long, help: ArgumentHelp("Edge length for betweenness/closeness/harmonic: hops (default) or inverse-value.", valueName: "hops|inverse-value"))
    var distance: PathLength?

    @Option(name: .long, parsing: .unconditional, help: "Betweenness from a random sample of K source firms (an estimate with an error bound).")
    var samples: Int?

    @Option(name: .long, help: "Seed for --samples (default 0).")
    var seed: UInt64?

    @Option(name: .long, help: ArgumentHelp(
        "PageRank teleports to these firms only: firm ids, segment:ID or region:PATH, comma-separated.", valueName: "list"))
    var personalize: String?

    @Option(name: .customLong("personalize-each"), help: ArgumentHelp(
        "One personalised PageRank per item (firm id, segment:ID or region:PATH), computed together as one block.", valueName: "list"))
    var personalizeEach: String?

    @Option(name: .long, help: ArgumentHelp("pagerank/katz/hits: auto (dense LAPACK up to 256 firms), power or dense.", valueName: "method"))
    var method: SolveMethod?

    @Option(name: .long, help: ArgumentHelp("pagerank power method: double (fp64, default) or mixed (fp32 weights and gathers, for very large graphs).", valueName: "double|mixed"))
    var precision: PageRank.Precision?

    /// Each given option with the registry option it needs.
    private var given: [(flag: String, needs: CentralityMeasure.Option, isSet: Bool)] {
        [("--alpha", .alpha, alpha != nil), ("--beta", .beta, beta != nil), ("--weight", .strength, weight != nil),
         ("--distance", .length, distance != nil), ("--tol", .convergence, tol != nil), ("--max-iter", .convergence, maxIter != nil),
         ("--method", .method, method != nil), ("--precision", .precision, precision != nil), ("--samples", .samples, samples != nil),
         ("--seed", .samples, seed != nil), ("--personalize", .personalization, personalize != nil),
         ("--personalize-each", .personalization, personalizeEach != nil)]
    }

    func validate() throws {
        for option in given where option.isSet && !measure.accepts.contains(option.needs) {
            let users = CentralityMeasure.allCases.filter { $0.accepts.contains(option.needs) }.map(\.rawValue).joined(separator: ", ")
            let hint = option.needs == .strength ? "; \(measure.rawValue) measures paths: use --distance hops|inverse-value"
                : option.needs == .length ? "; \(measure.rawValue) takes --weight value|none" : ""
            throw ValidationError("\(option.flag) applies to \(users), not \(measure.rawValue)\(hint)")
        }
        if seed != nil && samples == nil { throw ValidationError("--seed needs --samples K") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1 source, got \(samples)") }
        if personalize != nil && personalizeEach != nil { throw ValidationError("use either --personalize or --personalize-each") }
        if let tol, !(tol > 0 && tol.isFinite) { throw ValidationError("--tol must be a positive number, got \(tol)") }
        if let maxIter, maxIter < 1 { throw ValidationError("--max-iter must be at least 1, got \(maxIter)") }
    }

    private func items(_ list: String) -> [FirmSelection.Item] {
        list.split(separator: ",").compactMap { FirmSelection.Item(parsing: String($0)) }
    }

    var options: CentralityMeasure.Options {
        var o = CentralityMeasure.Options()
        o.alpha = alpha
        if let beta { o.beta = beta }
        if let weight { o.strength = weight }
        if let distance { o.length = distance }
        o.reversed = reverse
        o.convergence = Convergence(tolerance: tol ?? 1e-10, maxIterations: maxIter ?? 10_000)
        if let method { o.method = method }
        if let precision { o.precision = precision }
        o.samples = samples
        o.seed = seed ?? 0
        o.personalization = personalize.map(items)
        return o
    }

    func run() throws {
        let graph = try data.loadGraph()
        let progress = Progress(enabled: !data.quiet, label: "\(measure.rawValue) on \(graph.firmCount) firms")
        if let personalizeEach {
            let list = items(personalizeEach)
            let result = try PageRank.personalizedRanking(graph, seeds: list, options: options)
            progress.finish()
            data.note("personalised PageRank for \(list.count) seed sets computed as one block; iterations: \(result.iterations.map(String.init).joined(separator: ", "))")
            try out.emit(result.table)
            return
        }
        let result = try measure.compute(graph, options: options)
        progress.finish()
        if let d = result.defaultAlpha {
            data.note(d.lambdaMax > 0
                ? "katz: alpha = 0.85/λ_max = \(NumberFormat.significant(d.alpha, 6)) (λ_max = \(NumberFormat.significant(d.lambdaMax, 6)))"
                : "katz: the chain is acyclic (λ_max = 0), alpha = 0.85/largest in-strength = \(NumberFormat.significant(d.alpha, 6))")
        }
        switch result.solve {
        case .dense(let residual):
            data.note("\(measure.rawValue): exact dense LAPACK solve (check: L1 change of one more power step \(NumberFormat.significant(residual, 3)))")
        case .power(let iterations, let residual):
            data.note("\(measure.rawValue): converged in \(iterations) iterations (L1 change \(NumberFormat.significant(residual, 3)))")
        case .sampled(let sources, let of, let seed, let bound):
            data.note("betweenness estimated from \(sources) of \(of) source firms (seed \(seed)): every score is within ±\(NumberFormat.significant(bound, 3)) of the exact value with probability ≥ 95% (Hoeffding bound with a union bound over firms)")
        case .exact:
            break
        }
        try out.emit(result.table)
    }
}
