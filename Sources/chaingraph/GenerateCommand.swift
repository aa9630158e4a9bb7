import ArgumentParser
import ChainGraph

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic multi-chain dataset of any size (deterministic for a seed).",
        discussion: """
            Chains 新能源汽车, 集成电路 and 光伏 from built-in segment trees; links follow each segment's inputs \
            (upstream → downstream); heavy-tailed revenue and degree; buyers pick suppliers in their own province \
            with probability --local-share; the first firms of each chain are its leaders. The same seed gives \
            the same files whatever the number of threads. Links are generated and written in streamed blocks.

            Examples:
              chaingraph generate --firms 100000 --links-per-firm 10 --seed 1 --out data/gen100k
              chaingraph generate --firms 1000000 --links-per-firm 10 --snapshot data/gen1m.cgs
            """
    )

    @Option(name: .long, help: "Number of firms.")
    var firms: Int

    @Option(name: .customLong("links-per-firm"), help: "Average link rows per firm (default 10).")
    var linksPerFirm: Double = 10

    @Option(name: .long, help: "Random seed (default 1).")
    var seed: UInt64 = 1

    @Option(name: .customLong("local-share"), help: "Probability a buyer picks a supplier in its own province (default 0.4).")
    var localShare: Double = 0.4

    @Option(name: .long, help: ArgumentHelp("Write the CSV dataset (firms.csv, links.csv, segments.csv) into this folder.", valueName: "DIR"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Write a binary snapshot directly (no CSV).", valueName: "FILE"))
    var snapshot: String?

    @Flag(name: [.short, .long], help: "No progress on stderr.")
    var quiet = false

    func validate() throws {
        guard out != nil || snapshot != nil else { throw ValidationError("give --out DIR (CSV) and/or --snapshot FILE") }
        guard firms >= 2 && firms <= 2_000_000_000 else { throw ValidationError("--firms must be between 2 and 2e9") }
        guard linksPerFirm > 0 && linksPerFirm <= 1000 else { throw ValidationError("--links-per-firm must be in (0, 1000]") }
        guard localShare >= 0 && localShare <= 1 else { throw ValidationError("--local-share must be in [0, 1]") }
    }

    func run() throws {
        let spec = SyntheticChain(firms: firms, linksPerFirm: linksPerFirm, seed: seed, localShare: localShare)
        let progress = Progress(enabled: !quiet, label: "generating \(firms) firms")
        let report: (String) -> Void = { message in progress.update(message) }
        if let out {
            let rows = try spec.writeDataset(to: out, progress: report)
            if !quiet { printError("chaingraph: wrote \(out)/firms.csv, segments.csv and links.csv (\(rows) link rows)") }
        }
        if let snapshot {
            let graph = try spec.makeGraph(progress: report)
            try Snapshot.write(graph, to: snapshot)
            if !quiet { printError("chaingraph: wrote snapshot \(snapshot) (\(graph.firmCount) firms, \(graph.linkCount) links)") }
        }
        progress.finish()
    }
}
