import ArgumentParser
import ChainGraph
import ChainGraphReport

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the chain-gap report (产业链缺链补链报告) for a region: Markdown, HTML with SVG charts, JSON and a notebook.",
        discussion: """
            Writes into DIR: report.md (readable on its own), report.html (one self-contained file: chain tree \
            coloured by local presence, local-rate bars against the 50% line, leaders, gap tables, key IO \
            segments, the key missing segments per chain), report.json (every number) and report.ipynb (a \
            notebook that loads report.json with pandas and re-draws the figures). Files are written atomically.

            Examples:
              chaingraph report --local 湖北 --out out/hubei
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

    var thresholds: ChainGaps.Thresholds { ChainGaps.Thresholds(weakBelow: weakBelow, strongAbove: strongAbove) }

    func validate() throws {
        _ = try region.required(for: "report")
        do { try thresholds.validate() } catch { throw ValidationError(ErrorWording.message(error)) }
    }

    func run() throws {
        let graph = try data.loadGraph()
        let progress = Progress(enabled: !data.quiet, label: "building the report")
        let context = try region.context(graph, for: "report", quiet: data.quiet)
        let report = try ChainReport.build(context, language: lang, dataset: datasetName ?? data.dataset ?? "datasets/nev",
                                           unit: OutputContext.unit, thresholds: thresholds)
        try ReportWriter.write(report, to: out)
        progress.finish()
        data.note("wrote \(ReportWriter.files.map { "\(out)/\($0)" }.joined(separator: ", "))")
    }
}
