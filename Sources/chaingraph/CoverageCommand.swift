import ArgumentParser
import ChainGraph

struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Segment coverage per chain: the share of a chain's leaf segments present in the region.",
        discussion: """
            A leaf segment is present when a local firm has it (or a segment below it) or a local supplier sells \
            goods of that segment. Columns: chain,leaves,present,coverage,missing (missing: ;-joined segment ids).

            Example:
              chaingraph coverage --local 湖北
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var region: FixedRegionOption
    @OptionGroup var out: RowOutputOptions

    func validate() throws { _ = try region.required(for: "coverage") }

    func run() throws {
        let graph = try data.loadGraph()
        let context = try region.context(graph, for: "coverage", quiet: data.quiet)
        try out.emit(try SegmentCoverage.compute(context))
    }
}
