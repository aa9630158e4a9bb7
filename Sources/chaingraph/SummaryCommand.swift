import ArgumentParser
import ChainGraph

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "What is in the dataset: firms, links, chains, regions, components, cycles, depth.",
        discussion: """
            Columns: metric,value. total_value is the sum of all merged link values; depth is the longest \
            supplier→buyer path after contracting supply cycles.

            Examples:
              chaingraph summary
              chaingraph summary --dataset mydata/ --format json
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var out: RowOutputOptions

    func run() throws {
        let graph = try data.loadGraph()
        try out.emit(GraphSummary(graph).metrics)
    }
}
