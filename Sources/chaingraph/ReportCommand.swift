import ArgumentParser
import ChainGraph
import ChainGraphReport
import Glibc

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the chain-gap report (产业链缺链补链报告) for a region: Markdown, HTML with SVG charts, JSON and a notebook.",
        discussion: """
            Writes into DIR: report.md (readable on its own), report.html (one self-contained file that prints on \
            A4: a one-page summary with the 本地配套率 verdict against --target, the chain tree coloured by local \
            presence, local-rate bars against the target line, the 精准招商 shortlist, leaders, gap tables, the \
            supply radius, key IO segments and, with --before, the 年度对比 section), report.json (every number), \
            report.ipynb (a notebook that loads report.json with pandas and re-draws the figures), and the full \
            rows of the long tables as gaps.csv, shortlist.csv (and comparison.csv). Files are written atomically.

            Examples:
              chaingraph report --local 湖北 --out out/hubei --year 2025 --source "市工信局 2025 年企业名录"
              chaingraph report --local 湖北 --out out/hubei --before datasets/nev --dataset datasets/nev-2025
              chaingraph report --local 湖北/武汉 --out out/wuhan --lang en
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var region: FixedRegionOption

    @Option(name: .long, help: ArgumentHelp("Folder for the four report files (created if missing).", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: "Label language: zh (default) or en.")
    var lang: ReportLanguage = .zh

    @Option(name: .customLong("weak-below"), help: ArgumentHelp("A segment is weak (短板) when its local share is below this (default 0.5).", valueName: "share"))
    var weakBelow: Double = 0.5

    @Option(name: .customLong("strong-above"), help: ArgumentHelp("A segment sold mostly outside is strong (长板) from this local share (default 0.8).", valueName: "share"))
    var strongAbove: Double = 0.8

    @Option(name: .customLong("dataset-name"), help: ArgumentHelp("Dataset name shown in the report (default: the --dataset path).", visibility: .hidden))
    var datasetName: String?

    @Option(name: .long, help: ArgumentHelp("An earlier year's dataset: adds the 年度对比 section (SPEC §3.8).", valueName: "A"))
    var before: String?

    @Option(name: .long, help: ArgumentHelp("Year or data period shown in the title (e.g. 2025).", valueName: "year"))
    var year: String?

    @Option(name: .long, help: ArgumentHelp("Data source shown under the title (e.g. 企业名录与增值税发票).", valueName: "text"))
    var source: String?

    @Option(name: .long, help: ArgumentHelp("本地配套率 target the summary judges against (default 0.5).", valueName: "share"))
    var target: Double = 0.5

    @Option(name: .customLong("generated-on"), help: ArgumentHelp("Generation date shown (default: today, UTC).", valueName: "YYYY-MM-DD", visibility: .hidden))
    var generatedOn: String?

    var thresholds: ChainGaps.Thresholds { ChainGaps.Thresholds(weakBelow: weakBelow, strongAbove: strongAbove) }

    func validate() throws {
        _ = try region.required(for: "report")
        do { try thresholds.validate() } catch { throw ValidationError(ErrorWording.message(error)) }
        guard target > 0 && target <= 1 else { throw ValidationError("--target must be a share in (0, 1], got \(target)") }
    }

    /// Today's date in UTC, `YYYY-MM-DD`.
    static func today() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return "\(parts.tm_year + 1900)-" + [parts.tm_mon + 1, parts.tm_mday].map { $0 < 10 ? "0\($0)" : "\($0)" }.joined(separator: "-")
    }

    func run() throws {
        let earlier = try before.map { path throws in try data.loadGraph(path: path) }
        let graph = try data.loadGraph()
        if OutputContext.unit == nil { data.note("the data names no money unit; give --unit (e.g. --unit 万元) so the report can state it") }
        let progress = Progress(enabled: !data.quiet, label: "building the report")
        let context = try region.context(graph, for: "report", quiet: data.quiet)
        let meta = ChainReport.Meta(year: year, source: source, generated: generatedOn ?? Self.today(), target: target)
        let report = try ChainReport.build(context, language: lang, dataset: datasetName ?? data.dataset ?? "datasets/nev",
                                           unit: OutputContext.unit, thresholds: thresholds, meta: meta,
                                           before: earlier.map { ($0, before!) })
        try ReportWriter.write(report, to: out)
        progress.finish()
        data.note("wrote \(ReportWriter.files(for: report).map { "\(out)/\($0)" }.joined(separator: ", "))")
    }
}
