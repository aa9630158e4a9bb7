import ArgumentParser
import ChainGraph
import ChainGraphExcel
import ChainGraphReport
import Glibc

/// Where the data comes from (every command that reads a dataset).
struct DatasetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Dataset folder (links.csv, optional firms.csv and segments.csv) or a snapshot made by `convert`.",
        discussion: "Without it the bundled example datasets/nev is used.", valueName: "dir|file"))
    var dataset: String?

    @Option(name: .long, help: ArgumentHelp(
        "Text encoding of the CSV files: auto, utf-8 or gb18030 (also gbk).",
        discussion: "auto reads UTF-8 and falls back to GB18030 when the bytes are not valid UTF-8.", valueName: "name"))
    var encoding: String = "auto"

    @Flag(name: [.short, .long], help: "No progress or warnings on stderr (errors are still printed).")
    var quiet = false

    @Option(name: .customLong("max-memory"), help: ArgumentHelp(
        "Refuse to load a dataset estimated to need more than this (e.g. 8G, 512M). Default: the available memory.", valueName: "size"))
    var maxMemory: String?

    @Option(name: .long, help: ArgumentHelp(
        "Money unit of the dataset: 元, 千元, 万元, 百万元 or 亿元. When a header or cell names a unit, every amount is converted to it (default 万元).",
        valueName: "unit"))
    var unit: MoneyUnit?

    @Option(name: .customLong("column"), help: ArgumentHelp(
        "Map a header no alias covers to a field, e.g. --column value=发票金额 (repeatable). Fields: supplier, buyer, value, segment, id, name, region, revenue, tags, chain, parent, stage, inputs.",
        valueName: "FIELD=HEADER"))
    var columns: [String] = []

    @Flag(name: .customLong("add-unknown-firms"), help: "Add firms that links name but firms lacks (tax extracts always have outside suppliers), with unknown region; their count is a warning.")
    var addUnknownFirms = false

    func validate() throws {
        for mapping in columns where !mapping.contains("=") || mapping.hasPrefix("=") || mapping.hasSuffix("=") {
            throw ValidationError("--column takes FIELD=HEADER, e.g. --column value=发票金额; got '\(mapping)'")
        }
        if let maxMemory, MemoryBudget.parseSize(maxMemory) == nil { throw ValidationError("--max-memory takes a size such as 8G or 512M, got '\(maxMemory)'") }
        guard TextEncoding(userValue: encoding) != nil else {
            throw ValidationError("unknown --encoding '\(encoding)'; use auto, utf-8 or gb18030")
        }
    }

    /// Loads the dataset named by `--dataset`, or the bundled one.
    func loadGraph() throws(ChainGraphError) -> SupplyGraph {
        try loadGraph(path: try datasetPath())
    }

    /// Loads the dataset at `path` with these options: memory check, progress, the summary
    /// of what loading repaired; the unit and graph become the output context.
    func loadGraph(path: String) throws(ChainGraphError) -> SupplyGraph {
        try MemoryBudget.check(path: path, limit: maxMemory.flatMap(MemoryBudget.parseSize))
        let need = MemoryBudget.estimate(path: path)
        if !quiet && need > 1 << 30 {
            printError("chaingraph: loading \(path): about \(MemoryBudget.gigabytes(need)) of memory (estimate), \(MemoryBudget.available().map(MemoryBudget.gigabytes) ?? "unknown") available")
        }
        let progress = Progress(enabled: !quiet, label: "loading \(path)")
        var loader = loader
        loader.progress = { progress.show($0) }
        let loaded: (graph: SupplyGraph, report: LoadReport)
        do { loaded = try loader.loadReporting(path: path) } catch { progress.clear(); throw error }
        progress.finish()
        OutputContext.unit = loaded.report.unit
        OutputContext.graph = loaded.graph
        if let summary = loaded.report.summary { note(summary) }
        return loaded.graph
    }

    /// A loader configured from the options (encoding, unit, columns, unknown firms,
    /// workbooks).
    var loader: DatasetLoader {
        var loader = DatasetLoader(encoding: TextEncoding(userValue: encoding) ?? .auto)
        loader.analyst = AnalystDataOptions(unit: unit, columns: Dictionary(columns.map { mapping in
            let parts = mapping.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
            return (parts[0].lowercased(), parts[1])
        }, uniquingKeysWith: { _, last in last }), addUnknownFirms: addUnknownFirms)
        loader.workbookReader = XLSXWorkbookReader()
        return loader
    }

    /// The path of `--dataset`, or the bundled example.
    func datasetPath() throws(ChainGraphError) -> String {
        if let dataset { return dataset }
        return try Self.bundledDataset()
    }

    /// A warning on stderr unless `--quiet`.
    func warn(_ message: String) {
        if !quiet { printError("chaingraph: warning: \(message)") }
    }

    /// A note on stderr unless `--quiet`.
    func note(_ message: String) {
        if !quiet { printError("chaingraph: \(message)") }
    }

    /// The bundled example: `$CHAINGRAPH_DATASET`, else `datasets/nev` in the working
    /// directory or beside (or above) the executable.
    static func bundledDataset() throws(ChainGraphError) -> String {
        if let env = getenv("CHAINGRAPH_DATASET") { return String(cString: env) }
        var candidates = ["datasets/nev"]
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, 4095)
        if n > 0 {
            var dir = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            for _ in 0..<6 {
                guard let slash = dir.lastIndex(of: "/") else { break }
                dir = String(dir[..<slash])
                candidates.append("\(dir)/datasets/nev")
            }
        }
        for c in candidates where access("\(c)/links.csv", R_OK) == 0 { return c }
        throw .inputMissing(path: "datasets/nev", reason: "no --dataset given and the bundled example was not found; pass --dataset DIR")
    }
}

/// Where a single output goes: `--output FILE` (atomic) or stdout.
struct OutputFileOption: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp(
        "Write the result to this file (atomically: a temporary file renamed into place) instead of stdout.", valueName: "file"))
    var output: String?

    /// Writes `text` to `--output` atomically, or to stdout.
    func emit(_ text: String) throws(ChainGraphError) {
        if let output {
            let writer = try AtomicFileWriter(path: output)
            try writer.write(text)
            try writer.commit()
        } else {
            writeStdout(text)
        }
    }
}

/// How result rows are written: format, file, and the generic row options that work on
/// any row schema (`--sort`, `--top`).
struct RowOutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Output format: table, csv, json or md. Default: table on a terminal, csv when piped or written to a file.", valueName: "format"))
    var format: TableFormat?

    @OptionGroup var file: OutputFileOption

    @Option(name: .long, help: ArgumentHelp(
        "Sort rows by this column (numbers descending, text ascending; add :asc or :desc), empty cells last.",
        valueName: "column[:asc|:desc]"))
    var sort: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Only the first K rows (commands with row types: K per type).", valueName: "K"))
    var top: Int?

    func validate() throws {
        if let top, top < 0 { throw ValidationError("--top must be a non-negative number of rows, got \(top)") }
        if let sort, let suffix = sort.split(separator: ":").dropFirst().first, !["asc", "desc"].contains(suffix) {
            throw ValidationError("--sort takes COLUMN, COLUMN:asc or COLUMN:desc, got '\(sort)'")
        }
    }

    /// The output format: explicit, or by whether stdout is a terminal.
    var resolvedFormat: TableFormat {
        if let format { return format }
        if file.output != nil { return .csv }
        return isatty(STDOUT_FILENO) == 1 ? .table : .csv
    }

    /// `--sort` and `--top` applied, and firm names beside ids for people (terminal and
    /// Markdown tables).
    func prepared(_ table: ResultTable) throws(ChainGraphError) -> ResultTable {
        var table = table
        if let sort {
            let parts = sort.split(separator: ":", maxSplits: 1).map(String.init)
            table = try table.sorted(by: parts[0], descending: parts.count > 1 ? parts[1] == "desc" : nil)
        }
        if let top { table = table.top(top) }
        if resolvedFormat == .table || resolvedFormat == .md, let graph = OutputContext.graph { table = table.withFirmNames(from: graph) }
        return table
    }

    /// Applies `--sort` and `--top`, renders, and writes the table.
    func emit(_ table: ResultTable) throws(ChainGraphError) {
        try file.emit(TableRenderer.render(try prepared(table), as: resolvedFormat, unit: OutputContext.unit))
    }

    /// Writes several named tables as one output (`whatif --gaps`): CSV, Markdown and
    /// terminal tables one after another with a blank line between them (each with its
    /// own header), JSON one object whose keys are the names and whose values are the row
    /// arrays. `--sort` and `--top` apply to the first table only.
    func emit(sections: [(name: String, table: ResultTable)]) throws(ChainGraphError) {
        guard !sections.isEmpty else { return }
        let format = resolvedFormat
        var rendered: [String] = []
        for (k, section) in sections.enumerated() {
            var table = section.table
            if k == 0 {
                table = try prepared(table)
            } else if format == .table || format == .md, let graph = OutputContext.graph {
                table = table.withFirmNames(from: graph)
            }
            rendered.append(TableRenderer.render(table, as: format, unit: OutputContext.unit))
        }
        if format == .json {
            let members = zip(sections, rendered).map { section, json in
                "\(TableRenderer.jsonValue(.text(section.name))): \(json.hasSuffix("\n") ? String(json.dropLast()) : json)"
            }
            try file.emit("{\n" + members.joined(separator: ",\n") + "\n}\n")
        } else {
            try file.emit(rendered.joined(separator: "\n"))
        }
    }

    /// Renders typed rows.
    func emit<Row: ResultRow>(_ rows: [Row], groupColumn: String? = nil) throws(ChainGraphError) {
        try emit(ResultTable(rows, groupColumn: groupColumn))
    }
}

/// The locality of SPEC §2, declared once: `--local R` (fixed region) or `--level K`.
struct RegionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Fixed locality: firms in region R (e.g. 湖北 or 湖北/武汉) are local; the buyers considered are the firms in R.", valueName: "R"))
    var local: RegionPath?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Relative locality: a supplier is local for a buyer when their regions agree on the first K components (1 = same province).",
        valueName: "K"))
    var level: Int?

    func validate() throws {
        if local != nil && level != nil { throw ValidationError("use either --local R or --level K, not both") }
        if let level, level < 1 { throw ValidationError("--level must be a number of region components ≥ 1 (1 = province), got \(level)") }
    }

    /// The locality, or nil when neither option is given.
    var locality: Locality? {
        if let local { return .fixed(local) }
        if let level { return .relative(level: level) }
        return nil
    }

    /// The locality; a usage error naming both options when neither is given.
    func required() throws -> Locality {
        guard let locality else { throw ValidationError("give --local R (a fixed region) or --level K (same first K region components)") }
        return locality
    }

    /// Builds the region context once for the command, resolving `--local` as an analyst
    /// types it (`湖北省`, `武汉`).
    func context(_ graph: SupplyGraph, _ locality: Locality, quiet: Bool) throws(ChainGraphError) -> RegionContext {
        guard case .fixed(let argument) = locality else { return try RegionContext(graph, locality: locality) }
        return try RegionContext(graph, locality: .fixed(FixedRegionOption.resolve(argument, graph, quiet: quiet)))
    }
}

/// `--local R` alone, for commands defined on a fixed region only (gaps, coverage,
/// leaders, report, export).
struct FixedRegionOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The region R, e.g. 湖北 or 湖北/武汉: its firms are the local firms F_L.", valueName: "R"))
    var local: RegionPath?

    /// The region; a usage error when it is missing.
    func required(for command: String) throws -> RegionPath {
        guard let local else { throw ValidationError("\(command) needs --local R (e.g. --local 湖北)") }
        return local
    }

    /// The region context of R; first the chain tree when the analysis needs it, so a
    /// dataset without segments.csv says so (exit 66) whatever the region.
    func context(_ graph: SupplyGraph, for command: String, needsChainTree: Bool = true, quiet: Bool = false) throws -> RegionContext {
        if needsChainTree { try graph.requireChainTree(for: command) }
        return try RegionContext(graph, locality: .fixed(try Self.resolve(try required(for: command), graph, quiet: quiet)))
    }

    /// `--local` resolved against the dataset's regions, with a note when it was expanded.
    static func resolve(_ argument: RegionPath, _ graph: SupplyGraph, quiet: Bool) throws(ChainGraphError) -> RegionPath {
        let (region, expanded) = try RegionContext.resolve(argument, in: graph)
        if !quiet && (expanded || region != argument) { printError("chaingraph: --local \(argument) is \(region)") }
        return region
    }
}

/// What the loaded data says about how to print it (the money unit), for the renderers.
enum OutputContext {
    /// The dataset's money unit, nil when the data named none.
    nonisolated(unsafe) static var unit: String?
    /// The loaded graph, for firm names beside ids in terminal tables.
    nonisolated(unsafe) static var graph: SupplyGraph?
}

extension MoneyUnit: ExpressibleByArgument {
    /// Parses 元, 千元, 万元, 百万元, 亿元 (also 万, 亿, yuan).
    public init?(argument: String) { self.init(text: argument) }
}

extension RegionPath: ExpressibleByArgument {
    /// Parses `湖北/武汉`; a blank argument is rejected.
    public init?(argument: String) { self.init(argument) }
}

extension TableFormat: ExpressibleByArgument {}
extension LocalSupportingRate.Grouping: ExpressibleByArgument {}
extension CentralityMeasure: ExpressibleByArgument {}
extension GapKind: ExpressibleByArgument {}
extension GraphExportFormat: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
extension EdgeStrength: ExpressibleByArgument {}
extension PathLength: ExpressibleByArgument {}
extension SolveMethod: ExpressibleByArgument {}
extension PageRank.Precision: ExpressibleByArgument {}
