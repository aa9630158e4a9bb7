// The kernels of ChainGraph, each timed on its own with ordo-one/benchmark, on one synthetic
// multi-chain (`SyntheticChain`, the data `chaingraph generate` writes): the phases of loading
// a CSV folder, the snapshot, the sparse kernels under the centrality measures, and the chain
// analyses. Size: CHAINGRAPH_BENCH_FIRMS firms (default 100,000) with 10 links each; the
// dataset is written once per run to a temporary folder and removed at exit.
//
//     swift package --package-path Benchmarks benchmark                       # all, wall clock
//     CHAINGRAPH_BENCH_FIRMS=1000000 swift package --package-path Benchmarks benchmark --filter "PageRank.*"
//
// Every benchmark runs production code: the loading phases through `DatasetLoader`'s
// phase-by-phase entry points (the same functions `load(path:)` calls), the kernels through
// `Kernels` (the SpMV and BFS inside PageRank and betweenness).

import Benchmark
@_spi(Benchmarks) import ChainGraph
import Foundation

/// The shared input: written and loaded once, when the suite is registered.
private struct Fixture: @unchecked Sendable {
    let folder: String
    let snapshot: String
    let graph: SupplyGraph
    let context: RegionContext

    static let shared: Fixture = {
        let firms = ProcessInfo.processInfo.environment["CHAINGRAPH_BENCH_FIRMS"].flatMap(Int.init) ?? 100_000
        let folder = NSTemporaryDirectory() + "chaingraph-kernels-\(firms)-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            _ = try SyntheticChain(firms: firms, linksPerFirm: 10, seed: 1).writeDataset(to: folder)
            let graph = try DatasetLoader().load(path: folder)
            let snapshot = folder + "/graph.cgs"
            try Snapshot.write(graph, to: snapshot)
            // The province with the most firms is "the region" of the chain analyses.
            var firmsPerProvince: [String: Int] = [:]
            for f in 0..<graph.firmCount {
                if let path = graph.firms.region(f) { firmsPerProvince[path.components[0], default: 0] += 1 }
            }
            let province = firmsPerProvince.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
            let context = try RegionContext(graph, locality: .fixed(RegionPath(components: [province])))
            atexit { removeFixtureFolder() }
            return Fixture(folder: folder, snapshot: snapshot, graph: graph, context: context)
        } catch {
            fatalError("could not prepare the benchmark dataset in \(folder): \(error)")
        }
    }()
}

private func removeFixtureFolder() {
    try? FileManager.default.removeItem(atPath: Fixture.shared.folder)
}

/// Wall clock, peak resident memory and allocations (counted by the MallocInterposer
/// trait); `iterations` samples at most, 20 s at most per benchmark.
private func heavy(_ iterations: Int = 10) -> Benchmark.Configuration {
    .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal], maxDuration: .seconds(20), maxIterations: iterations)
}

let benchmarks: @Sendable () -> Void = {
    let fixture = Fixture.shared
    let graph = fixture.graph
    let loader = DatasetLoader()

    // MARK: Loading a CSV folder, phase by phase, and a snapshot

    /// The folder read up to (not including) a phase: setup of the phase benchmarks.
    func phases(readingFirms: Bool, readingLinks: Bool) throws -> DatasetLoader.FolderPhases {
        var phases = try loader.openFolder(fixture.folder)
        if readingFirms { try loader.readFirms(&phases) }
        if readingLinks { try loader.readLinks(&phases) }
        return phases
    }

    // The harness calls each closure once per sample; what comes before
    // `startMeasurement()` is setup and is not timed.
    Benchmark("Load: parse firms.csv", configuration: heavy()) { benchmark in
        var read = try phases(readingFirms: false, readingLinks: false)
        benchmark.startMeasurement()
        try loader.readFirms(&read)
        blackHole(read)
    }

    Benchmark("Load: parse links.csv", configuration: heavy()) { benchmark in
        var read = try phases(readingFirms: true, readingLinks: false)
        benchmark.startMeasurement()
        try loader.readLinks(&read)
        blackHole(read)
    }

    Benchmark("Load: CSR build (merge, both directions)", configuration: heavy()) { benchmark in
        let read = try phases(readingFirms: true, readingLinks: true)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(loader.assemble(read).graph.linkCount)
        }
    }

    Benchmark("Load: whole CSV folder", configuration: heavy()) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try loader.load(path: fixture.folder).linkCount)
        }
    }

    Benchmark("Load: snapshot", configuration: heavy(20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Snapshot.read(path: fixture.snapshot).linkCount)
        }
    }

    // MARK: Sparse kernels and centrality

    Benchmark("SpMV: pull, fp64", configuration: heavy(50)) { benchmark in
        let pull = Kernels.PullGraph(graph)
        let x = [Double](repeating: 1 / Double(graph.firmCount), count: graph.firmCount)
        var y = [Double](repeating: 0, count: graph.firmCount)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            Kernels.pullMultiply(pull, x, into: &y)
            blackHole(y[0])
        }
    }

    Benchmark("PageRank: default run (setup + power iteration)", configuration: heavy()) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PageRank.compute(graph).scores[0])
        }
    }

    Benchmark("BFS: one source, with path counts", configuration: heavy(20)) { benchmark in
        var search = Kernels.BreadthFirst(graph)
        var source = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(search.search(from: source))
            source = (source + 7919) % graph.firmCount
        }
    }

    Benchmark("Betweenness: 4 sampled sources", configuration: heavy(5)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try Betweenness.compute(graph, samples: 4, seed: 1).scores[0])
        }
    }

    // MARK: Chain analyses (SPEC §3.1, §3.2, §3.7)

    Benchmark("Local rate by segment", configuration: heavy(20)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try LocalSupportingRate.compute(fixture.context, by: .segment).count)
        }
    }

    Benchmark("Gaps", configuration: heavy()) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try ChainGaps.compute(fixture.context).count)
        }
    }

    Benchmark("What-if rank (招商 shortlist)", configuration: heavy(5)) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try WhatIf.rank(fixture.context).count)
        }
    }
}
