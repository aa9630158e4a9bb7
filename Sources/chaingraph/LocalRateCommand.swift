import ArgumentParser
import ChainGraph

struct LocalRateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local-rate",
        abstract: "Local supporting rate (本地配套率): the share of purchases bought from local suppliers.",
        discussion: """
            value_rate = local purchase value ÷ all purchase value of the buyers; count_rate = supplier–buyer pairs \
            with a local supplier ÷ all pairs. An empty cell (JSON null) means the buyers bought nothing.

            --local R: suppliers in R are local, buyers are the firms in R. --level K: a supplier is local for a \
            buyer when their regions agree on the first K components (1 = same province), buyers are firms with \
            at least K components.

            Columns: key,buyers,input_value,local_value,value_rate,pairs,local_pairs,count_rate; rows by value_rate \
            descending (empty last), then key. --sort input_value puts the big buyers first.

            Examples:
              chaingraph local-rate --by segment --local 湖北
              chaingraph local-rate --by region --level 1
              chaingraph local-rate --by firm --local 湖北 --sort input_value --top 10
              chaingraph local-rate --by leader --local 湖北            # 链主带动配套率 per chain
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var region: RegionOptions
    @OptionGroup var out: RowOutputOptions

    @Option(name: .long, help: ArgumentHelp(
        "Grouping: firm, segment (primary segment), chain, region, or leader (链主带动配套率: each chain's leader candidates together; needs --local).",
        valueName: "grouping"))
    var by: LocalSupportingRate.Grouping = .segment

    @Option(name: .customLong("per-chain"), parsing: .unconditional, help: ArgumentHelp("--by leader: leader candidates per chain (default 3).", valueName: "K"))
    var perChain: Int = 3

    func validate() throws {
        _ = try region.required()
        if by == .leader && region.local == nil { throw ValidationError("--by leader needs --local R: leader candidates are ranked within a fixed region") }
        guard perChain >= 1 else { throw ValidationError("--per-chain must be at least 1, got \(perChain)") }
    }

    func run() throws {
        let graph = try data.loadGraph()
        if by == .chain || by == .leader { try graph.requireChainTree(for: "local-rate --by \(by.rawValue)") }
        let context = try region.context(graph, try region.required(), quiet: data.quiet)
        try out.emit(try LocalSupportingRate.compute(context, by: by, leadersPerChain: perChain))
    }
}
