import ArgumentParser
import ChainGraph

struct RadiusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "radius",
        abstract: "Supply radius (配套半径): how far the buyers' purchases travel, value-weighted (SPEC §3.9).",
        discussion: """
            A firm is located by its lat/lon columns (纬度/经度) when given, else by the centre of the deepest \
            administrative division its region names, else not at all. Over the links into the considered buyers \
            (--local R: firms in R; --level K: firms with K region components) with both ends located, each group's \
            median and 90th percentile are the smallest distances below which half and 90 % of the purchase value \
            lies. Columns: key,buyers,located_value,median_km,p90_km; rows by median_km, then key.

            Examples:
              chaingraph radius --by chain --local 湖北
              chaingraph radius --by segment --level 1
              chaingraph radius --by firm --local 湖北/武汉 --sort p90_km --top 10
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var region: RegionOptions
    @OptionGroup var out: RowOutputOptions

    @Option(name: .long, help: ArgumentHelp("Grouping: firm, segment (primary segment) or chain.", valueName: "grouping"))
    var by: SupplyRadius.Grouping = .chain

    func validate() throws {
        _ = try region.required()
    }

    func run() throws {
        let graph = try data.loadGraph()
        if by == .chain { try graph.requireChainTree(for: "radius --by chain") }
        let context = try region.context(graph, try region.required(), quiet: data.quiet)
        let located = FirmLocations(graph)
        if !data.quiet {
            data.note("located \(located.explicitCount) firm(s) by lat/lon and \(located.centroidCount) by their division's centre; "
                      + "\(graph.firmCount - located.explicitCount - located.centroidCount) without a location are left out")
        }
        try out.emit(try SupplyRadius.compute(context, by: by, locations: located))
    }
}

extension SupplyRadius.Grouping: ExpressibleByArgument {}
