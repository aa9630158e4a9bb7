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

    @OptionGroup var global: InputOptions

    @Option(name: .long, help: ArgumentHelp("The region, e.g. 湖北 or 湖北/武汉.", valueName: "R"))
    var local: String

    @Option(name: .long, help: ArgumentHelp("Folder for the four report files (created if missing).", valueName: "DIR"))
    var out: String

    @Option(name: .long, help: "Label language: zh (default) or en.")
    var lang: String = "zh"

    @Option(name: .customLong("weak-below"), help: "Weak-segment threshold for local share (default 0.5).")
    var weakBelow: Double = 0.5

    @Option(name: .customLong("dataset-name"), help: ArgumentHelp("Dataset name shown in the report (default: the --dataset path).", visibility: .hidden))
    var datasetName: String?

    func validate() throws {
        guard RegionPath(local) != nil else { throw ValidationError("--local needs a region path such as 湖北") }
        guard ReportLanguage(rawValue: lang) != nil else { throw ValidationError("--lang must be zh or en") }
        guard weakBelow >= 0 && weakBelow <= 1 else { throw ValidationError("--weak-below must be in [0, 1]") }
        if global.output != nil { throw ValidationError("report writes a folder: use --out DIR, not --output") }
    }

    func run() throws {
        let graph = try global.loadGraph()
        let progress = Progress(enabled: !global.quiet, label: "building the report")
        let report = try ChainReport.build(graph, region: RegionPath(local)!, language: ReportLanguage(rawValue: lang)!,
                                           dataset: datasetName ?? global.dataset ?? "datasets/nev", weakBelow: weakBelow)
        try ReportWriter.write(report, to: out)
        progress.finish()
        if !global.quiet { printError("chaingraph: wrote \(ReportWriter.files.map { "\(out)/\($0)" }.joined(separator: ", "))") }
    }
}
