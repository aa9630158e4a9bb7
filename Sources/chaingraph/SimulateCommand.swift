import ArgumentParser
import ChainGraph
import ChainGraphReport

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
              chaingraph simulate --remove segment:S12 --by chain
              chaingraph simulate --remove-region 广东 --substitution 0.2 --by chain
            """
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable { case firm, chain, region }

    @OptionGroup var data: DatasetOptions
    @OptionGroup var out: RowOutputOptions

    @Option(name: .long, help: ArgumentHelp("Firms to remove, comma-separated: firm ids, segment:ID or region:PATH.", valueName: "list"))
    var remove: String?

    @Option(name: .customLong("remove-region"), help: ArgumentHelp("Remove every firm in region R.", valueName: "R"))
    var removeRegion: RegionPath?

    @Option(name: .long, help: ArgumentHelp("Share σ in [0, 1] of a lost input a firm can substitute (default 0).", valueName: "σ"))
    var substitution: Double = 0

    @Option(name: .long, help: "Output per firm (default), per chain or per region.")
    var by: Grouping = .firm

    @Option(name: .customLong("region-level"), parsing: .unconditional, help: ArgumentHelp("Region components for --by region (default 1: province).", valueName: "K"))
    var regionLevel: Int = 1

    func validate() throws {
        guard (remove == nil) != (removeRegion == nil) else { throw ValidationError("give exactly one of --remove ID,… or --remove-region R") }
        guard substitution >= 0 && substitution <= 1 else { throw ValidationError("--substitution must be a share in [0, 1], got \(substitution)") }
        guard regionLevel >= 1 else { throw ValidationError("--region-level must be at least 1, got \(regionLevel)") }
        if let remove, selection(remove).isEmpty { throw ValidationError("--remove needs at least one firm id, segment:ID or region:PATH") }
    }

    private func selection(_ list: String) -> [FirmSelection.Item] {
        list.split(separator: ",").compactMap { FirmSelection.Item(parsing: String($0)) }
    }

    func run() throws {
        let graph = try data.loadGraph()
        let items = remove.map(selection) ?? [.region(removeRegion!)]
        let removed = try FirmSelection.resolve(items, in: graph)
        let result = try DisruptionSimulation.run(graph, removing: removed, substitution: substitution, regionLevel: regionLevel)
        // Money for people: grouped, in the dataset's unit when it names one.
        let money = { (v: Double) in TableRenderer.human(.money(v)) + (OutputContext.unit.map { " \($0)" } ?? "") }
        data.note("removed \(Set(removed).count) firm(s); \(result.affected.count) firm(s) below full capacity; revenue at risk \(money(result.revenueAtRisk)) "
                  + "= direct loss \(money(result.directLoss)) (removed firms) + ripple loss \(money(result.rippleLoss)) (firms downstream)")
        switch by {
        case .firm: try out.emit(result.firmLosses)
        case .chain: try out.emit(result.lossByChain)
        case .region: try out.emit(result.lossByRegion)
        }
    }
}
