import ArgumentParser
import ChainGraph

struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Chain gaps in a region: 空白环节, 缺失配套, 短板, 卡脖子 and 长板 rows.",
        discussion: GapKind.allCases.map { "\($0.rawValue): \($0.summary)" }.joined(separator: "\n") + """


            Columns: type,chain,segment,buyer,supplier,value,imported_value,dependents,local_share,supplier_local,\
            candidates (candidates ;-joined; fields that do not apply are empty). --top K keeps K rows of each type. \
            Needs segments.csv.

            Examples:
              chaingraph gaps --local 湖北 --top 5
              chaingraph gaps --local 湖北 --type weak_segment --type strong_segment
              chaingraph gaps --local 湖北/武汉 --weak-below 0.3 --format json
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var region: FixedRegionOption
    @OptionGroup var out: RowOutputOptions

    @Option(name: .customLong("weak-below"), help: ArgumentHelp("A segment is weak (短板) when its local share is below this (default 0.5).", valueName: "share"))
    var weakBelow: Double = 0.5

    @Option(name: .customLong("strong-above"), help: ArgumentHelp("A segment sold mostly outside is strong (长板) when its local share is at least this (default 0.8).", valueName: "share"))
    var strongAbove: Double = 0.8

    @Option(name: .customLong("type"), help: ArgumentHelp(
        "Only rows of this type (repeatable): \(GapKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "type"))
    var types: [GapKind] = []

    var thresholds: ChainGaps.Thresholds { ChainGaps.Thresholds(weakBelow: weakBelow, strongAbove: strongAbove) }

    func validate() throws {
        _ = try region.required(for: "gaps")
        do { try thresholds.validate() } catch { throw ValidationError(ErrorWording.message(error)) }
    }

    func run() throws {
        let graph = try data.loadGraph()
        let context = try region.context(graph, for: "gaps", quiet: data.quiet)
        var table = ResultTable(try ChainGaps.compute(context, thresholds: thresholds), groupColumn: "type")
        if !types.isEmpty { table = table.filter(column: "type", in: Set(types.map(\.rawValue))) }
        try out.emit(table)
    }
}
