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
              katz         fed by a broad multi-tier supply base (every supply path counts, discounted by alpha)
              hits         hub = sells to major buyers; authority = buys from strong suppliers
              eigenvector  central in supply loops; does not exist on acyclic chains (use katz/pagerank)
              betweenness  on many shortest supply routes between other firms (brokers, transit points)
              closeness    reaches… is reached by the chain in few steps (distances run from suppliers to the firm)
              harmonic     like closeness, robust to firms that cannot be reached

            Value is a STRENGTH for pagerank/katz/hits/eigenvector (--weight value|none) and never a length. \
            Path measures take an explicit --distance: hops (default) or inverse-value (length = 1/value; \
            zero-value links are not traversable).

            Columns: firm,score (hits: firm,hub,authority; degree: firm,in_degree,out_degree,in_value,out_value; \
            --personalize-each: seed,firm,score). Rows: score descending (hits: hub; degree: in_degree), then firm id.

            Examples:
              chaingraph centrality --measure pagerank --top 10
              chaingraph centrality --measure pagerank --reverse --top 10          # key suppliers
              chaingraph centrality --measure pagerank --personalize segment:S40   # near the vehicle makers
              chaingraph centrality --measure katz --alpha 0.05 --weight none
              chaingraph centrality --measure betweenness --samples 200 --seed 7
              chaingraph centrality --measure closeness --distance inverse-value --format json
            """
    )

    enum Measure: String, ExpressibleByArgument, CaseIterable {
        case degree, pagerank, katz, hits, eigenvector, betweenness, closeness, harmonic
        var isSpectral: Bool { [.pagerank, .katz, .hits, .eigenvector].contains(self) }
        var isPath: Bool { [.betweenness, .closeness, .harmonic].contains(self) }
    }

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: "degree, pagerank, katz, hits, eigenvector, betweenness, closeness or harmonic.")
    var measure: Measure

    @Flag(name: .long, help: "Run on the reversed graph (edges buyer → supplier): ranks key suppliers.")
    var reverse = false

    @Option(name: .long, help: "Damping (pagerank, default 0.85) or attenuation (katz, default 0.1).")
    var alpha: Double?

    @Option(name: .long, help: "Katz beta, the score every firm starts with (default 1).")
    var beta: Double = 1

    @Option(name: .long, help: "Stop when the L1 change is below firms × tol (default 1e-10).")
    var tol: Double = 1e-10

    @Option(name: .customLong("max-iter"), help: "Iteration limit; not converging is an error (default 10000).")
    var maxIter: Int = 10_000

    @Option(name: .long, help: ArgumentHelp("Edge strength for pagerank/katz/hits/eigenvector: value (default) or none.", valueName: "value|none"))
    var weight: String?

    @Option(name: .long, help: ArgumentHelp("Edge length for betweenness/closeness/harmonic: hops (default) or inverse-value.", valueName: "hops|inverse-value"))
    var distance: String?

    @Option(name: .long, help: "Betweenness from a random sample of K source firms (an estimate with an error bound).")
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
    var method: String = "auto"

    @Option(name: .long, help: ArgumentHelp("pagerank power method: double (fp64, default) or mixed (fp32 weights and gathers, for very large graphs).", valueName: "double|mixed"))
    var precision: String = "double"

    func validate() throws {
        if PageRank.Precision(rawValue: precision) == nil { throw ValidationError("--precision must be double or mixed") }
        if precision != "double" && measure != .pagerank { throw ValidationError("--precision applies to pagerank only") }
        if let weight, EdgeStrength(rawValue: weight) == nil { throw ValidationError("--weight must be value or none, got '\(weight)'") }
        if let distance, PathLength(rawValue: distance) == nil { throw ValidationError("--distance must be hops or inverse-value, got '\(distance)'") }
        if weight != nil && !measure.isSpectral {
            throw ValidationError("--weight is a strength for pagerank/katz/hits/eigenvector; \(measure.rawValue) measures paths: use --distance hops|inverse-value")
        }
        if distance != nil && !measure.isPath {
            throw ValidationError("--distance applies to betweenness/closeness/harmonic; \(measure.rawValue) uses --weight value|none")
        }
        if (samples != nil || seed != nil) && measure != .betweenness { throw ValidationError("--samples and --seed apply to betweenness only") }
        if seed != nil && samples == nil { throw ValidationError("--seed needs --samples K") }
        if (personalize != nil || personalizeEach != nil) && measure != .pagerank { throw ValidationError("--personalize applies to pagerank only") }
        if personalize != nil && personalizeEach != nil { throw ValidationError("use either --personalize or --personalize-each") }
        if alpha != nil && ![.pagerank, .katz].contains(measure) { throw ValidationError("--alpha applies to pagerank and katz") }
        if !(tol > 0 && tol.isFinite) { throw ValidationError("--tol must be positive") }
        if maxIter < 1 { throw ValidationError("--max-iter must be at least 1") }
        if SolveMethod(rawValue: method) == nil { throw ValidationError("--method must be auto, power or dense") }
    }

    func run() throws {
        let graph = try global.loadGraph()
        let strength = EdgeStrength(rawValue: weight ?? "value")!
        let length = PathLength(rawValue: distance ?? "hops")!
        let convergence = Convergence(tolerance: tol, maxIterations: maxIter)
        let solve = SolveMethod(rawValue: method)!
        let ids = graph.firms.ids
        let progress = Progress(enabled: !global.quiet, label: "\(measure.rawValue) on \(graph.firmCount) firms")
        var table: ResultTable
        var note: String?
        switch measure {
        case .degree:
            let d = DegreeCentrality(graph, reversed: reverse)
            table = ResultTable(columns: ["firm", "in_degree", "out_degree", "in_value", "out_value"])
            for f in ranked(ids, d.inDegree.map(Double.init)) {
                table.append([.text(ids[f]), .integer(d.inDegree[f]), .integer(d.outDegree[f]), .number(d.inValue[f]), .number(d.outValue[f])])
            }
        case .hits:
            let h = try HITS.compute(graph, strength: strength, reversed: reverse, convergence: convergence, method: solve)
            table = ResultTable(columns: ["firm", "hub", "authority"])
            for f in ranked(ids, h.hubs) { table.append([.text(ids[f]), .number(h.hubs[f]), .number(h.authorities[f])]) }
            note = describe(method: h.method, iterations: h.iterations, residual: h.residual)
        case .pagerank where personalizeEach != nil:
            let items = personalizeEach!.split(separator: ",").map { $0.trimmingCharacters() }
            let sets = try items.map { try FirmSelection.resolve([$0], in: graph) }
            let results = try PageRank.personalized(graph, seedSets: sets, alpha: alpha ?? 0.85, strength: strength,
                                                    reversed: reverse, convergence: convergence)
            table = ResultTable(columns: ["seed", "firm", "score"])
            for (item, result) in zip(items, results) {
                for f in ranked(ids, result.scores).prefix(global.top ?? Int.max) {
                    table.append([.text(item), .text(ids[f]), .number(result.scores[f])])
                }
            }
            note = "personalised PageRank for \(items.count) seed sets computed as one block; iterations: \(results.map { String($0.iterations) }.joined(separator: ", "))"
            progress.finish()
            if let note, !global.quiet { printError("chaingraph: \(note)") }
            try global.emit(table, alreadyLimited: true)
            return
        default:
            let result = try scores(graph, strength: strength, length: length, convergence: convergence, solve: solve, note: &note)
            table = ResultTable(columns: ["firm", "score"])
            for f in ranked(ids, result) { table.append([.text(ids[f]), .number(result[f])]) }
        }
        progress.finish()
        if let note, !global.quiet { printError("chaingraph: \(note)") }
        try global.emit(table)
    }

    private func scores(_ graph: SupplyGraph, strength: EdgeStrength, length: PathLength, convergence: Convergence,
                        solve: SolveMethod, note: inout String?) throws -> [Double] {
        switch measure {
        case .pagerank:
            var personalization: [Double]?
            if let personalize {
                var p = [Double](repeating: 0, count: graph.firmCount)
                for f in try FirmSelection.resolve(personalize.split(separator: ",").map { $0.trimmingCharacters() }, in: graph) { p[f] = 1 }
                personalization = p
            }
            let r = try PageRank.compute(graph, alpha: alpha ?? 0.85, strength: strength, reversed: reverse,
                                         personalization: personalization, convergence: convergence, method: solve,
                                         precision: PageRank.Precision(rawValue: precision)!)
            note = describe(method: r.method, iterations: r.iterations, residual: r.residual)
            return r.scores
        case .katz:
            let r = try Katz.compute(graph, alpha: alpha ?? 0.1, beta: beta, strength: strength, reversed: reverse,
                                     convergence: convergence, method: solve)
            note = describe(method: r.method, iterations: r.iterations, residual: r.residual)
            return r.scores
        case .eigenvector:
            let r = try EigenvectorCentrality.compute(graph, strength: strength, reversed: reverse, convergence: convergence)
            note = describe(method: r.method, iterations: r.iterations, residual: r.residual)
            return r.scores
        case .betweenness:
            let r = try Betweenness.compute(graph, length: length, reversed: reverse, samples: samples, seed: seed ?? 0)
            if let bound = r.errorBound {
                note = "betweenness estimated from \(r.sources) of \(graph.firmCount) source firms (seed \(seed ?? 0)): every score is within ±\(Renderer.formatSignificant(bound, 3)) of the exact value with probability ≥ 95% (Hoeffding bound with a union bound over firms)"
            }
            return r.scores
        case .closeness:
            return Closeness.closeness(graph, length: length, reversed: reverse).scores
        case .harmonic:
            return Closeness.harmonic(graph, length: length, reversed: reverse).scores
        case .degree, .hits:
            fatalError("handled by the caller")
        }
    }

    private func describe(method: String, iterations: Int, residual: Double) -> String {
        method == "dense"
            ? "\(measure.rawValue): exact dense LAPACK solve (check: L1 change of one more power step \(Renderer.formatSignificant(residual, 3)))"
            : "\(measure.rawValue): converged in \(iterations) iterations (L1 change \(Renderer.formatSignificant(residual, 3)))"
    }
}

/// Firm indices sorted by score descending, then by id (SPEC §4 row order).
func ranked(_ ids: StringTable, _ scores: [Double]) -> [Int] {
    scores.indices.sorted { a, b in
        scores[a] != scores[b] ? scores[a] > scores[b] : ids[a].utf8.lexicographicallyPrecedes(ids[b].utf8)
    }
}

/// Resolves command-line firm selections: firm ids, `segment:ID` (firms having the segment
/// or one below it) or `region:PATH` (firms in the region).
enum FirmSelection {
    static func resolve(_ items: [String], in graph: SupplyGraph) throws(ChainGraphError) -> [Int] {
        var result: [Int] = []
        for item in items where !item.isEmpty {
            if item.hasPrefix("segment:") {
                let id = String(item.dropFirst("segment:".count))
                guard let s = graph.segments.index(of: id) else { throw .usage("unknown segment '\(id)' in '\(item)'") }
                let firms = (0..<graph.firmCount).filter { f in graph.firms.segments(f).contains { graph.segments.isDescendant(Int($0), of: s) } }
                guard !firms.isEmpty else { throw .usage("no firm has segment '\(id)'") }
                result += firms
            } else if item.hasPrefix("region:") {
                let text = String(item.dropFirst("region:".count))
                guard let region = RegionPath(text) else { throw .usage("empty region in '\(item)'") }
                let firms = (0..<graph.firmCount).filter { graph.firms.region($0)?.isWithin(region) == true }
                guard !firms.isEmpty else { throw .usage("no firm is in region '\(region)'") }
                result += firms
            } else {
                guard let f = graph.firms.index(of: item) else { throw .usage("unknown firm '\(item)'") }
                result.append(f)
            }
        }
        guard !result.isEmpty else { throw .usage("the selection is empty") }
        return result
    }
}

extension Substring {
    func trimmingCharacters() -> String { trimmingSpaces() }
}
