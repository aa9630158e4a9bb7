import ArgumentParser
import ChainGraph

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Year-over-year comparison of a region: rates, firms, gaps opened and closed, leader ranks (SPEC §3.8).",
        discussion: """
            Compares region R in two datasets of the same chains (firms and segments matched by id; any input form: \
            folders, workbooks, snapshots). Rows section,key,before,after,delta in sections summary (firms, links, \
            local_firms, total_value, value_rate, coverage:C), local_rate (chain:C, segment:S), firm_entered, firm_left, \
            gap_opened, gap_closed (the 短板/长板 dynamic table: key type:chain:segment:buyer:supplier), leader (C:F, \
            rank in the top --per-chain). before/after are empty where a year has no value.

            Examples:
              chaingraph diff --before datasets/nev --after datasets/nev-2025 --local 湖北
              chaingraph diff --before 2024.xlsx --after 2025.xlsx --local 武汉 --format json
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var region: FixedRegionOption
    @OptionGroup var out: RowOutputOptions

    @Option(name: .long, help: ArgumentHelp("The earlier year's dataset (folder, workbook or snapshot).", valueName: "A"))
    var before: String

    @Option(name: .long, help: ArgumentHelp("The later year's dataset (default: --dataset, or the bundled one).", valueName: "B"))
    var after: String?

    @Option(name: .customLong("per-chain"), parsing: .unconditional, help: ArgumentHelp("Leader candidates per chain compared (default 3).", valueName: "K"))
    var perChain = 3

    func validate() throws {
        _ = try region.required(for: "diff")
        guard perChain >= 1 else { throw ValidationError("--per-chain must be at least 1, got \(perChain)") }
    }

    func run() throws {
        let earlier = try data.loadGraph(path: before)
        let unitBefore = OutputContext.unit
        let later = try data.loadGraph(path: after ?? data.datasetPath())
        if unitBefore != OutputContext.unit {
            data.warn("the two datasets' money units differ (\(unitBefore ?? "none named") before, \(OutputContext.unit ?? "none named") after); give --unit so both are converted to one")
        }
        let argument = try region.required(for: "diff")
        // R resolved against the later year (the earlier one when it fits only there).
        let resolved: RegionPath
        do { resolved = try FixedRegionOption.resolve(argument, later, quiet: data.quiet) } catch {
            resolved = try FixedRegionOption.resolve(argument, earlier, quiet: data.quiet)
        }
        try out.emit(try YearOverYear.compare(before: earlier, after: later, region: resolved, perChain: perChain), groupColumn: "section")
    }
}
