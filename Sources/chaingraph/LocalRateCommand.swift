import ArgumentParser
import ChainGraph

/// `--local R` / `--level K` (SPEC §2).
struct LocalityOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Fixed locality: suppliers in region R (e.g. 湖北 or 湖北/武汉) are local.", valueName: "R"))
    var local: String?

    @Option(name: .long, help: ArgumentHelp("Relative locality: local when the first K region components agree.", valueName: "K"))
    var level: Int?

    func resolve(required: Bool = true) throws -> Locality? {
        switch (local, level) {
        case (nil, nil):
            if required { throw ValidationError("give --local R (fixed region) or --level K (same first K region components)") }
            return nil
        case (let r?, nil):
            guard let region = RegionPath(r) else { throw ValidationError("--local needs a region path such as 湖北 or 湖北/武汉") }
            return .fixed(region)
        case (nil, let k?):
            guard k >= 1 else { throw ValidationError("--level must be at least 1") }
            return .relative(level: k)
        default:
            throw ValidationError("use either --local or --level, not both")
        }
    }
}

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
            descending (empty last), then key.

            Examples:
              chaingraph local-rate --by segment --local 湖北
              chaingraph local-rate --by region --level 1
              chaingraph local-rate --by firm --local 湖北/武汉 --format json
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var locality: LocalityOptions

    @Option(name: .long, help: ArgumentHelp("Grouping: firm, segment (primary segment), chain or region.", valueName: "grouping"))
    var by: LocalSupportingRate.Grouping = .segment

    func validate() throws { _ = try locality.resolve() }

    func run() throws {
        let graph = try global.loadGraph()
        if by != .firm && by != .region { try requireTreeForChains(graph) }
        let rows = try LocalSupportingRate.compute(graph, locality: try locality.resolve()!, by: by)
        var table = ResultTable(columns: ["key", "buyers", "input_value", "local_value", "value_rate", "pairs", "local_pairs", "count_rate"])
        for r in rows {
            table.append([.text(r.key), .integer(r.buyers), .number(r.inputValue), .number(r.localValue), r.valueRate.cell,
                          .integer(r.pairs), .integer(r.localPairs), r.countRate.cell])
        }
        try global.emit(table)
    }

    /// Segment grouping works on labels too, chain grouping needs segments.csv.
    private func requireTreeForChains(_ graph: SupplyGraph) throws {
        if by == .chain && !graph.segments.hasTree {
            throw ChainGraphError.inputMissing(path: "segments.csv", reason: "--by chain needs the chain tree: add segments.csv to the dataset")
        }
    }
}

extension LocalSupportingRate.Grouping: ExpressibleByArgument {}

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

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The region, e.g. 湖北 or 湖北/武汉.", valueName: "R"))
    var local: String

    func run() throws {
        guard let region = RegionPath(local) else { throw ValidationError("--local needs a region path") }
        let graph = try global.loadGraph()
        var table = ResultTable(columns: ["chain", "leaves", "present", "coverage", "missing"])
        for r in try SegmentCoverage.compute(graph, region: region) {
            table.append([.text(r.chain), .integer(r.leaves), .integer(r.present), r.coverage.cell, .text(r.missing.joined(separator: ";"))])
        }
        try global.emit(table)
    }
}
