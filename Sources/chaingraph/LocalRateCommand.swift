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
              chaingraph local-rate --by chain --within-km 50          # suppliers within 50 km count as local

            --within-km D: a supplier is local for a buyer when both are located (lat/lon in firms, else the centre \
            of the division their region names) and at most D km apart; buyers are the located firms; --by region \
            gives one row per province of the buyers.
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var region: RegionOptions
    @OptionGroup var out: RowOutputOptions

    @Option(name: .customLong("within-km"), parsing: .unconditional, help: ArgumentHelp(
        "Distance locality: suppliers at most D km from the buyer are local (SPEC §3.9; instead of --local/--level).", valueName: "D"))
    var withinKm: Double?

    @Option(name: .long, help: ArgumentHelp(
        "Grouping: firm, segment (primary segment), chain, region, or leader (链主带动配套率: each chain's leader candidates together; needs --local).",
        valueName: "grouping"))
    var by: LocalSupportingRate.Grouping = .segment

    @Option(name: .customLong("per-chain"), parsing: .unconditional, help: ArgumentHelp("--by leader: leader candidates per chain (default 3).", valueName: "K"))
    var perChain: Int = 3

    func validate() throws {
        if let withinKm {
            if region.locality != nil { throw ValidationError("use one of --local R, --level K or --within-km D") }
            guard withinKm.isFinite && withinKm >= 0 else { throw ValidationError("--within-km must be a distance ≥ 0 in km, got \(withinKm)") }
        } else {
            _ = try region.required()
        }
        if by == .leader && region.local == nil { throw ValidationError("--by leader needs --local R: leader candidates are ranked within a fixed region") }
        guard perChain >= 1 else { throw ValidationError("--per-chain must be at least 1, got \(perChain)") }
    }

    func run() throws {
        let graph = try data.loadGraph()
        if by == .chain || by == .leader { try graph.requireChainTree(for: "local-rate --by \(by.rawValue)") }
        let context = try region.context(graph, withinKm.map { .withinKm($0) } ?? region.required(), quiet: data.quiet)
        if let located = context.locations, !data.quiet {
            data.note("located \(located.explicitCount) firm(s) by lat/lon and \(located.centroidCount) by their division's centre; "
                      + "\(graph.firmCount - located.explicitCount - located.centroidCount) without a location are never local")
        }
        try out.emit(try LocalSupportingRate.compute(context, by: by, leadersPerChain: perChain))
    }
}
