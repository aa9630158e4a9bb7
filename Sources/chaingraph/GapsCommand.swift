import ArgumentParser
import ChainGraph

struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Chain gaps in a region: missing segments (空白环节), missing local links (缺失配套), weak segments (短板), single sources (卡脖子).",
        discussion: """
            missing_segment  a leaf segment of a locally present chain that no local firm covers; imported_value = \
            what local firms buy of it, dependents = local firms needing it; candidates = outside firms to attract \
            (精准招商), ranked by what they already sell to the region.
            missing_link     a local buyer needs a segment the region has, but buys none of it locally; candidates \
            = local firms to introduce (供需对接).
            weak_segment     local share of the region's demand for a segment is below --weak-below (default 0.5).
            single_source    a local buyer gets a segment from exactly one supplier (supplier_local says where).

            Columns: type,chain,segment,buyer,supplier,value,imported_value,dependents,local_share,supplier_local,\
            candidates (candidates ;-joined; fields that do not apply are empty). Needs segments.csv.

            Examples:
              chaingraph gaps --local 湖北
              chaingraph gaps --local 湖北/武汉 --weak-below 0.3 --format json
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The region, e.g. 湖北 or 湖北/武汉.", valueName: "R"))
    var local: String

    @Option(name: .customLong("weak-below"), help: "A segment is weak when its local share is below this (default 0.5).")
    var weakBelow: Double = 0.5

    func validate() throws {
        guard RegionPath(local) != nil else { throw ValidationError("--local needs a region path such as 湖北") }
        guard weakBelow >= 0 && weakBelow <= 1 else { throw ValidationError("--weak-below must be in [0, 1]") }
    }

    func run() throws {
        let graph = try global.loadGraph()
        let rows = try ChainGaps.compute(graph, region: RegionPath(local)!, weakBelow: weakBelow)
        var table = ResultTable(columns: ["type", "chain", "segment", "buyer", "supplier", "value", "imported_value", "dependents",
                                          "local_share", "supplier_local", "candidates"])
        for r in rows {
            table.append([.text(r.kind.rawValue), r.chain.map(Cell.text) ?? .empty, .text(r.segment), r.buyer.map(Cell.text) ?? .empty,
                          r.supplier.map(Cell.text) ?? .empty, r.value.cell, r.importedValue.cell, r.dependents.map(Cell.integer) ?? .empty,
                          r.localShare.cell, r.supplierLocal.map(Cell.bool) ?? .empty,
                          r.kind == .missingSegment || r.kind == .missingLink ? .text(r.candidates.joined(separator: ";")) : .empty])
        }
        try global.emit(table)
    }
}

struct LeadersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leaders",
        abstract: "Chain leader (链主) ranking per chain, with 专精特新 specialist candidates.",
        discussion: """
            score = (r + p + u) / 3 with r = revenue, p = purchases (value bought), u = firms within two supply \
            steps upstream, each divided by the chain's maximum. The top --per-chain firms are leader candidates. \
            specialist (needs --local): revenue below the chain's median and the only local firm with some segment \
            it sells to a local buyer.

            Columns: chain,rank,firm,score,r,p,u,leader,specialist; every candidate firm, chains in file order, then rank.

            Examples:
              chaingraph leaders
              chaingraph leaders --per-chain 5 --local 湖北
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("per-chain"), help: "Leader candidates per chain (default 3).")
    var perChain: Int = 3

    @Option(name: .long, help: ArgumentHelp("Only firms in region R are candidates; enables the specialist flag.", valueName: "R"))
    var local: String?

    func validate() throws {
        guard perChain >= 1 else { throw ValidationError("--per-chain must be at least 1") }
        if let local, RegionPath(local) == nil { throw ValidationError("--local needs a region path") }
    }

    func run() throws {
        let graph = try global.loadGraph()
        let rows = try ChainLeaders.compute(graph, perChain: perChain, region: local.flatMap(RegionPath.init))
        var table = ResultTable(columns: ["chain", "rank", "firm", "score", "r", "p", "u", "leader", "specialist"])
        for r in rows {
            table.append([.text(r.chain), .integer(r.rank), .text(r.firm), .number(r.score), .number(r.r), .number(r.p), .number(r.u),
                          .bool(r.leader), r.specialist.map(Cell.bool) ?? .empty])
        }
        try global.emit(table)
    }
}

struct LinkagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "linkages",
        abstract: "Segment input–output linkages: backward (Leontief) and forward (Ghosh) linkages, key segments.",
        discussion: """
            Z[i][j] = value of segment-i goods bought by firms whose primary segment is j; x_j = revenue of those \
            firms. backward > 1: the segment pulls more than average from the others; forward > 1: it pushes more \
            than average into them; key = both. Solved with LAPACK. Segments with zero output are left out (warning).

            Columns: segment,output,backward,forward,key; rows by backward descending.

            Example:
              chaingraph linkages --format md
            """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let graph = try global.loadGraph()
        let result = try SegmentLinkages.compute(graph)
        if !result.zeroOutput.isEmpty {
            global.warn("left out of the input–output system (zero output x_j): \(result.zeroOutput.joined(separator: ", "))")
        }
        var table = ResultTable(columns: ["segment", "output", "backward", "forward", "key"])
        for r in result.rows { table.append([.text(r.segment), .number(r.output), .number(r.backward), .number(r.forward), .bool(r.key)]) }
        try global.emit(table)
    }
}

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Disruption (断链) simulation: remove firms or a region and propagate lost supply downstream.",
        discussion: """
            Each remaining firm runs at the smallest share of any input it can still get (plus --substitution σ), \
            iterated to a fixed point. Columns: firm,capacity,revenue_loss for firms below full capacity \
            (removed firms included), by revenue_loss descending. --by chain|region gives key,firms,revenue_loss \
            totals instead (a firm counts in every chain it belongs to; regions by province, or --region-level K). \
            The revenue at risk is printed on stderr.

            Examples:
              chaingraph simulate --remove F0276
              chaingraph simulate --remove-region 广东 --substitution 0.2 --by chain
            """
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable { case firm, chain, region }

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Firm ids to remove, comma-separated.", valueName: "ids"))
    var remove: String?

    @Option(name: .customLong("remove-region"), help: ArgumentHelp("Remove every firm in region R.", valueName: "R"))
    var removeRegion: String?

    @Option(name: .long, help: "Share σ in [0, 1] of a lost input a firm can substitute (default 0).")
    var substitution: Double = 0

    @Option(name: .long, help: "Output per firm (default), per chain or per region.")
    var by: Grouping = .firm

    @Option(name: .customLong("region-level"), help: "Region components for --by region (default 1: province).")
    var regionLevel: Int = 1

    func validate() throws {
        guard (remove == nil) != (removeRegion == nil) else { throw ValidationError("give exactly one of --remove ID,… or --remove-region R") }
        guard substitution >= 0 && substitution <= 1 else { throw ValidationError("--substitution must be in [0, 1]") }
        guard regionLevel >= 1 else { throw ValidationError("--region-level must be at least 1") }
    }

    func run() throws {
        let graph = try global.loadGraph()
        let items: [String]
        if let remove { items = remove.split(separator: ",").map { $0.trimmingCharacters() } } else { items = ["region:\(removeRegion!)"] }
        let removed = try FirmSelection.resolve(items, in: graph)
        let result = try DisruptionSimulation.run(graph, removing: removed, substitution: substitution, regionLevel: regionLevel)
        if !global.quiet {
            printError("chaingraph: removed \(Set(removed).count) firm(s); \(result.affected.count) firm(s) below full capacity; revenue at risk \(Renderer.formatSignificant(result.revenueAtRisk, 8))")
        }
        var table: ResultTable
        switch by {
        case .firm:
            table = ResultTable(columns: ["firm", "capacity", "revenue_loss"])
            for f in result.affected {
                table.append([.text(graph.firms.id(f)), .number(result.capacity[f]), .number((graph.firms.revenue(f) ?? 0) * (1 - result.capacity[f]))])
            }
        case .chain:
            table = ResultTable(columns: ["key", "firms", "revenue_loss"])
            for c in result.lossByChain.sorted(by: { $0.loss > $1.loss }) { table.append([.text(c.chain), .integer(c.firms), .number(c.loss)]) }
        case .region:
            table = ResultTable(columns: ["key", "firms", "revenue_loss"])
            for r in result.lossByRegion { table.append([.text(r.region), .integer(r.firms), .number(r.loss)]) }
        }
        try global.emit(table)
    }
}
