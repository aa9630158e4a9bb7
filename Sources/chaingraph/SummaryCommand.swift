import ArgumentParser
import ChainGraph

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Size and shape of the supply graph: firms, links, chains, components, cycles, depth.",
        discussion: """
            Columns: metric,value. Depth is the longest supplier → buyer path in links, counted on the graph \
            with each cycle contracted to one node.

            Examples:
              chaingraph summary
              chaingraph summary --dataset datasets/nev --format json
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let graph = try global.loadGraph()
        let s = GraphSummary(graph)
        var table = ResultTable(columns: ["metric", "value"])
        let rows: [(String, Cell)] = [
            ("firms", .integer(s.firms)),
            ("links", .integer(s.links)),
            ("link_rows", .integer(s.linkRows)),
            ("merged_links", .integer(s.mergedLinks)),
            ("dropped_self_loops", .integer(s.droppedSelfLoops)),
            ("supplier_buyer_pairs", .integer(s.supplierBuyerPairs)),
            ("total_value", .number(s.totalValue)),
            ("chains", .integer(s.chains)),
            ("segments", .integer(s.segments)),
            ("regions", .integer(s.regions)),
            ("top_level_regions", .integer(s.topLevelRegions)),
            ("firms_without_region", .integer(s.firmsWithoutRegion)),
            ("weak_components", .integer(s.weakComponents)),
            ("largest_weak_component", .integer(s.largestWeakComponent)),
            ("firms_without_suppliers", .integer(s.firmsWithoutSuppliers)),
            ("firms_without_buyers", .integer(s.firmsWithoutBuyers)),
            ("isolated_firms", .integer(s.isolatedFirms)),
            ("has_cycles", .bool(s.hasCycles)),
            ("cycle_components", .integer(s.cycleComponents)),
            ("firms_in_cycles", .integer(s.firmsInCycles)),
            ("depth", .integer(s.depth)),
        ]
        for (k, v) in rows { table.append([.text(k), v]) }
        try global.emit(table)
    }
}
