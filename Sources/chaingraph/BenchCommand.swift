import ArgumentParser
import ChainGraph
import Glibc

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time loading and one kernel on a dataset; prints one JSON object.",
        discussion: """
            Fields: measure, nodes, edges, threads, load_s, compute_s (median of --repeat runs), compute_min_s, \
            setup_s (pagerank: graph view and out-strengths, before iterating), iterations, per_iteration_ms \
            (pagerank: iterations only), peak_rss_mb. pagerank/katz/hits/eigenvector run the sparse power \
            method with the default stopping rule (--tol); betweenness runs --samples sources (iterations = \
            sources, per_iteration_ms = per source); other measures count one iteration.

            Examples:
              chaingraph bench --dataset data/gen1m.cgs --measure pagerank --repeat 5
              chaingraph bench --dataset data/gen1m.cgs --measure betweenness --samples 20
            """
    )

    enum Measure: String, ExpressibleByArgument, CaseIterable {
        case load, pagerank, katz, hits, eigenvector, betweenness, closeness, degree, summary
        case localRate = "local-rate", gaps, leaders, simulate
    }

    @OptionGroup var data: DatasetOptions
    @OptionGroup var file: OutputFileOption

    @Option(name: .long, help: "load, pagerank, katz, hits, eigenvector, betweenness, degree, summary, local-rate, gaps, leaders or simulate.")
    var measure: Measure

    @Option(name: .customLong("repeat"), help: "Timed runs; the median is reported (default 3).")
    var repeats: Int = 3

    @Option(name: .long, help: "Stopping tolerance of the power methods (default 1e-10).")
    var tol: Double = 1e-10

    @Option(name: .long, help: "Betweenness sources (default 10).")
    var samples: Int = 10

    @Option(name: .long, help: ArgumentHelp("Region for local-rate, gaps, leaders (default: the first firm's province).", valueName: "R"))
    var local: RegionPath?

    @Option(name: .long, help: "PageRank precision: double (fp64, default) or mixed (fp32 weights and gathers).")
    var precision: String = "double"

    @Flag(name: .long, help: "PageRank: renumber firms by segment and region first (more setup, faster sweeps).")
    var reorder = false

    @Option(name: .long, help: "Output format: json (default).")
    var format: String = "json"

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1") }
        guard PageRank.Precision(rawValue: precision) != nil else { throw ValidationError("--precision must be double or mixed") }
        guard format == "json" else { throw ValidationError("bench prints JSON only (--format json)") }
    }

    func run() throws {
        let start = Progress.now()
        let graph = try data.loadGraph()
        let load = Progress.now() - start
        let region = local ?? graph.firms.regions.first.map { RegionPath(components: [$0.components[0]]) }
        var times: [Double] = [], iterationTimes: [Double] = []
        var iterations = 1
        for _ in 0..<repeats {
            let t0 = Progress.now()
            let (count, loopSeconds) = try runOnce(graph, region: region)
            iterations = count
            times.append(Progress.now() - t0)
            iterationTimes.append(loopSeconds ?? times.last!)
        }
        let median = times.sorted()[times.count / 2]
        let loopMedian = iterationTimes.sorted()[iterationTimes.count / 2]
        let fields: [(String, String)] = [
            ("measure", "\"\(measure.rawValue)\""), ("precision", "\"\(precision)\""), ("reorder", reorder ? "true" : "false"), ("nodes", String(graph.firmCount)), ("edges", String(graph.linkCount)),
            ("threads", String(Parallelism.threads)), ("load_s", json(load)), ("compute_s", json(median)),
            ("compute_min_s", json(times.min()!)), ("repeat", String(repeats)), ("iterations", String(iterations)),
            ("setup_s", json(max(0, median - loopMedian))),
            ("per_iteration_ms", json(loopMedian * 1000 / Double(max(1, iterations)))),
            ("peak_rss_mb", json(Self.peakResidentMiB())),
        ]
        let text = "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}\n"
        try file.emit(text)
    }

    /// This process's peak resident memory in MiB: `VmHWM` of /proc/self/status, which
    /// starts afresh at exec. (`getrusage`'s `ru_maxrss` keeps the parent's peak across
    /// fork and exec, so a benchmark started from a large Python driver reported the
    /// driver's memory — the 814 MB of earlier tables.) `ru_maxrss` where /proc is absent.
    static func peakResidentMiB() -> Double {
        if let file = fopen("/proc/self/status", "r") {
            defer { fclose(file) }
            var buffer = [CChar](repeating: 0, count: 256)
            while fgets(&buffer, Int32(buffer.count), file) != nil {
                let line = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                guard line.hasPrefix("VmHWM:") else { continue }
                if let kib = Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") { return kib / 1024 }
            }
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    private func json(_ v: Double) -> String { "\((v * 1e6).rounded() / 1e6)" }

    /// Runs the kernel once; returns its iteration count and, where the kernel times its
    /// iterations separately from its setup, the seconds spent iterating.
    private func runOnce(_ graph: SupplyGraph, region: RegionPath?) throws -> (Int, Double?) {
        if measure == .pagerank {
            let r = try PageRank.compute(graph, convergence: Convergence(tolerance: tol, maxIterations: 100_000), method: .power,
                                         precision: PageRank.Precision(rawValue: precision) ?? .double, reorderForLocality: reorder)
            return (r.iterations, r.iterationSeconds)
        }
        return (try runUntimed(graph, region: region), nil)
    }

    private func runUntimed(_ graph: SupplyGraph, region: RegionPath?) throws -> Int {
        var options = CentralityMeasure.Options()
        options.convergence = Convergence(tolerance: tol, maxIterations: 100_000)
        options.method = .power
        options.samples = samples
        options.seed = 1
        func iterations(_ measure: CentralityMeasure) throws -> Int {
            switch try measure.compute(graph, options: options).solve {
            case .power(let n, _): n
            case .sampled(let sources, _, _, _): sources
            case .dense, .exact: measure == .closeness ? graph.firmCount : 1
            }
        }
        switch measure {
        case .load: return 1
        case .pagerank: return try iterations(.pagerank)
        case .katz: return try iterations(.katz)
        case .hits: return try iterations(.hits)
        case .eigenvector: return try iterations(.eigenvector)
        case .betweenness: return try iterations(.betweenness)
        case .closeness: return try iterations(.closeness)
        case .degree: return try iterations(.degree)
        case .summary: _ = GraphSummary(graph); return 1
        case .localRate: _ = try LocalSupportingRate.compute(try context(graph, region), by: .segment); return 1
        case .gaps: _ = try ChainGaps.compute(try context(graph, region)); return 1
        case .leaders: _ = try ChainLeaders.compute(graph, within: try context(graph, region)); return 1
        case .simulate: _ = try DisruptionSimulation.run(graph, removing: Array(0..<min(3, graph.firmCount))); return 1
        }
    }

    private func context(_ graph: SupplyGraph, _ region: RegionPath?) throws -> RegionContext {
        guard let region else { throw ValidationError("this measure needs --local R (the dataset has no regions)") }
        return try RegionContext(graph, locality: .fixed(region))
    }
}
