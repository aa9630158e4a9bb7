// ChainStudy: load a dataset, ask the chain questions for 湖北, rank firms — the steps of
// the getting-started article (Sources/ChainGraph/ChainGraph.docc/GettingStarted.md).
//   swift build --package-path Examples/ChainStudy
//   Examples/ChainStudy/.build/debug/ChainStudy [DATASET]     (default: datasets/nev)
import ChainGraph
import Foundation

func percent(_ rate: Double?) -> String {
    rate.map { String(format: "%.1f %%", $0 * 100) } ?? "–"
}

do {
    let path = CommandLine.arguments.dropFirst().first ?? "datasets/nev"
    let graph = try DatasetLoader().load(path: path)
    print("dataset \(path): \(graph.firms.count) firms")

    // Chain questions for one region: every analysis reads the same RegionContext.
    let hubei = RegionPath("湖北")!
    let context = try RegionContext(graph, locality: .fixed(hubei))
    let rates = try LocalSupportingRate.compute(context, by: .chain)
    let gaps = try ChainGaps.compute(context)                    // default thresholds
    let missing = gaps.filter { $0.kind == .missingSegment }
    let strong = gaps.filter { $0.kind == .strongSegment }
    let leaders = try ChainLeaders.compute(graph, perChain: 3, within: context)

    print("local supporting rate (本地配套率) in \(hubei), by value:")
    for row in rates {
        print("  \(row.key): \(percent(row.valueRate))")
    }
    print("missing segments (空白环节): \(missing.count), strong segments (长板): \(strong.count)")
    print("top leader (链主) per chain:")
    for row in leaders where row.rank == 1 {
        print("  \(row.chain): \(row.firm) (score \(String(format: "%.3f", row.score)))")
    }

    // Rank firms on the whole graph: one score per firm, in firm index order.
    let pagerank = try PageRank.compute(graph)
    let top = pagerank.scores.indices
        .sorted { (pagerank.scores[$0], $1) > (pagerank.scores[$1], $0) }
        .prefix(3)
    print("top 3 by PageRank: " + top.map { f in graph.firms.id(f) }.joined(separator: ", "))
} catch {
    FileHandle.standardError.write(Data("ChainStudy: \(error)\n".utf8))
    exit(1)
}
