import ArgumentParser
import ChainGraph

struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "招商 simulation: what a new local plant would do for the region's 本地配套率 (SPEC §3.7).",
        discussion: """
            A new plant of segment T opens in R with capacity V and takes over local buyers' imports of T, largest \
            importer first. --attract F models the plant on an outside firm F (T = F's primary segment, V = --capacity \
            or F's total sales); --add T --capacity V gives them directly. Rows: the region, then each chain and \
            segment (buyers by primary segment) with a buyer served: \
            group,key,input_value,local_value_before,local_value_after,value_rate_before,value_rate_after,delta,moved_value. \
            --gaps adds the gap rows the plant closes (a second table; in JSON an object {"whatif": […], "closed_gaps": […]}).

            --rank evaluates every 招商 candidate of every missing and weak segment (the candidates of `gaps`) at its \
            total sales and prints the 精准招商 shortlist by what it does for its chain's rate: \
            chain,segment,candidate,capacity,moved_value,value_rate_before,value_rate_after,delta.

            Examples:
              chaingraph whatif --local 湖北 --attract F0042
              chaingraph whatif --local 湖北 --add LI_BATTERY_CELL --capacity 50000 --gaps
              chaingraph whatif --local 湖北 --rank --top 10
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var region: FixedRegionOption
    @OptionGroup var out: RowOutputOptions

    @Option(name: .long, help: ArgumentHelp("Attract outside firm F: a local plant of its primary segment.", valueName: "F"))
    var attract: String?

    @Option(name: .long, help: ArgumentHelp("A local plant of segment T (needs --capacity).", valueName: "T"))
    var add: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The plant's capacity in the dataset's money unit (default with --attract: F's total sales).", valueName: "V"))
    var capacity: Double?

    @Flag(name: .long, help: "Rank every 招商 candidate of every missing and weak segment by Δ本地配套率 of its chain.")
    var rank = false

    @Flag(name: .long, help: "Also print the gap rows the plant closes.")
    var gaps = false

    @Option(name: .customLong("weak-below"), help: ArgumentHelp("Weak-segment threshold of the gap rows (default 0.5).", valueName: "share"))
    var weakBelow: Double = 0.5

    func validate() throws {
        _ = try region.required(for: "whatif")
        let modes = [attract != nil, add != nil, rank].filter { $0 }.count
        guard modes == 1 else { throw ValidationError("whatif needs exactly one of --attract F, --add T --capacity V, or --rank") }
        if add != nil && capacity == nil { throw ValidationError("--add T needs --capacity V (the plant's capacity in the dataset's money unit)") }
        if rank && (capacity != nil || gaps) { throw ValidationError("--rank uses each candidate's total sales as capacity and takes neither --capacity nor --gaps") }
        if let capacity, !(capacity >= 0) || !capacity.isFinite { throw ValidationError("--capacity must be a finite value ≥ 0, got \(capacity)") }
        guard weakBelow >= 0 && weakBelow <= 1 else { throw ValidationError("--weak-below must be a share in [0, 1], got \(weakBelow)") }
    }

    func run() throws {
        let graph = try data.loadGraph()
        let context = try region.context(graph, for: "whatif", quiet: data.quiet)
        let thresholds = ChainGaps.Thresholds(weakBelow: weakBelow)
        if rank {
            try out.emit(try WhatIf.rank(context, thresholds: thresholds))
            return
        }
        let plant = try Self.named { () throws(ChainGraphError) -> WhatIf.Plant in
            if let attract { return try WhatIf.plant(attracting: attract, capacity: capacity, in: context) }
            return try WhatIf.plant(segment: add!, capacity: capacity!, in: context)
        }
        let outcome = try WhatIf.simulate(context, plant: plant, thresholds: thresholds)
        if !data.quiet, let f = plant.attracted {
            data.note("plant of \(graph.segments.segments[plant.segment].id) modelled on \(graph.firms.id(f)), capacity \(NumberFormat.money(plant.capacity))")
        }
        if gaps {
            try out.emit(sections: [("whatif", ResultTable(outcome.rows)), ("closed_gaps", ResultTable(outcome.closedGaps, groupColumn: "type"))])
        } else {
            try out.emit(outcome.rows)
        }
    }

    /// Runs `body`, naming the flag when the library says an id is unknown.
    static func named(_ body: () throws(ChainGraphError) -> WhatIf.Plant) throws(ChainGraphError) -> WhatIf.Plant {
        do {
            return try body()
        } catch {
            switch error {
            case .unknownFirm(let id): throw .usage("--attract \(id): no firm with this id in the dataset")
            case .unknownSegment(let id): throw .usage("--add \(id): no segment with this id in segments.csv")
            default: throw error
            }
        }
    }
}
