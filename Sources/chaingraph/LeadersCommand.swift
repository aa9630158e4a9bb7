import ArgumentParser
import ChainGraph

struct LeadersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaders",
        abstract: "Chain leader (链主) ranking per chain, with 专精特新 specialist candidates.",
        discussion: """
            score = (r + p + u) / 3 with r = revenue, p = purchases (value bought), u = other firms within two supply \
            steps upstream, each divided by the chain's maximum. The top --per-chain firms are leader candidates; \
            scores equal to 12 significant digits are tied and ordered by firm id. specialist (needs --local): a \
            known revenue below the median of the chain's known revenues, and the only local firm having some \
            segment of the chain that it sells to a local buyer.

            Columns: chain,rank,firm,score,r,p,u,leader,specialist; every candidate firm, chains in file order, then \
            rank. --top K keeps the first K rows of each chain.

            Examples:
              chaingraph leaders
              chaingraph leaders --per-chain 5 --local 湖北
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup(title: "Region (optional: only firms of R are candidates, and the specialist flag is computed)") var region: FixedRegionOption
    @OptionGroup var out: RowOutputOptions

    @Option(name: .customLong("per-chain"), parsing: .unconditional, help: ArgumentHelp("Leader candidates per chain (default 3).", valueName: "K"))
    var perChain: Int = 3

    func validate() throws {
        guard perChain >= 1 else { throw ValidationError("--per-chain must be at least 1, got \(perChain)") }
    }

    func run() throws {
        let graph = try data.loadGraph()
        let context = try region.local.map { (r) throws(ChainGraphError) in
            try RegionContext(graph, locality: .fixed(FixedRegionOption.resolve(r, graph, quiet: data.quiet)))
        }
        try out.emit(try ChainLeaders.compute(graph, perChain: perChain, within: context), groupColumn: "chain")
    }
}
