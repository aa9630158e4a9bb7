import ArgumentParser
import ChainGraph
import Glibc

/// Options every command shares (SPEC §4): where the data is and where the result goes.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Dataset folder (links.csv, optional firms.csv and segments.csv) or a snapshot made by `convert`.",
        discussion: "Without it the bundled example datasets/nev is used.", valueName: "dir|file"))
    var dataset: String?

    @Option(name: .long, help: ArgumentHelp(
        "Text encoding of the CSV files: auto, utf-8 or gb18030 (also gbk).",
        discussion: "auto reads UTF-8 and falls back to GB18030 when the bytes are not valid UTF-8.", valueName: "name"))
    var encoding: String = "auto"

    @Option(name: [.short, .long], help: ArgumentHelp(
        "Write the result to this file (atomically: a temporary file renamed into place) instead of stdout.",
        valueName: "file"))
    var output: String?

    @Flag(name: [.short, .long], help: "No progress or warnings on stderr (errors are still printed).")
    var quiet = false

    @Option(name: .customLong("max-memory"), help: ArgumentHelp(
        "Refuse to load a dataset estimated to need more than this (e.g. 8G, 512M). Default: the available memory.", valueName: "size"))
    var maxMemory: String?

    func validate() throws {
        if let maxMemory, MemoryBudget.parseSize(maxMemory) == nil { throw ValidationError("--max-memory takes a size such as 8G or 512M") }
        guard TextEncoding(userValue: encoding) != nil else {
            throw ValidationError("unknown --encoding '\(encoding)'; use auto, utf-8 or gb18030")
        }
    }

    /// Loads the dataset named by `--dataset`, or the bundled one.
    func loadGraph() throws(ChainGraphError) -> SupplyGraph {
        let path: String
        if let dataset { path = dataset } else { path = try Self.bundledDataset() }
        try MemoryBudget.check(path: path, limit: maxMemory.flatMap(MemoryBudget.parseSize))
        let need = MemoryBudget.estimate(path: path)
        if !quiet && need > 1 << 30 {
            printError("chaingraph: loading \(path): about \(MemoryBudget.gigabytes(need)) of memory (estimate), \(MemoryBudget.available().map(MemoryBudget.gigabytes) ?? "unknown") available")
        }
        let loader = DatasetLoader(encoding: TextEncoding(userValue: encoding) ?? .auto)
        let progress = Progress(enabled: !quiet, label: "loading \(path)")
        let graph = try loader.load(path: path)
        progress.finish()
        if !quiet && graph.buildStats.droppedSelfLoops > 0 {
            warn("dropped \(graph.buildStats.droppedSelfLoops) self-loop link(s) (supplier == buyer)")
        }
        return graph
    }

    func emitText(_ text: String) throws(ChainGraphError) {
        if let output {
            let writer = try AtomicFileWriter(path: output)
            try writer.write(text)
            try writer.commit()
        } else {
            var s = text
            s.withUTF8 { p in
                var done = 0
                while done < p.count {
                    let n = Glibc.write(STDOUT_FILENO, p.baseAddress! + done, p.count - done)
                    if n <= 0 { if errno == EINTR { continue }; break }
                    done += n
                }
            }
        }
    }

    func warn(_ message: String) {
        if !quiet { printError("chaingraph: warning: \(message)") }
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

/// Options of the commands that print result tables: the input options plus the output
/// format and `--top`.
struct GlobalOptions: ParsableArguments {
    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp(
        "Output format: table, csv, json or md. Default: table on a terminal, csv when piped.", valueName: "format"))
    var format: OutputFormat?

    @Option(name: .long, help: ArgumentHelp("Only the first K result rows.", valueName: "K"))
    var top: Int?

    func validate() throws {
        if let top, top < 0 { throw ValidationError("--top must be non-negative") }
    }

    var dataset: String? { input.dataset }
    var output: String? { input.output }
    var quiet: Bool { input.quiet }
    func loadGraph() throws(ChainGraphError) -> SupplyGraph { try input.loadGraph() }
    func emitText(_ text: String) throws(ChainGraphError) { try input.emitText(text) }
    func warn(_ message: String) { input.warn(message) }

    /// The output format: explicit, or by whether stdout is a terminal.
    var resolvedFormat: OutputFormat {
        if let format { return format }
        if output != nil { return .csv }
        return isatty(STDOUT_FILENO) == 1 ? .table : .csv
    }

    /// Writes rendered output to `--output` atomically, or to stdout.
    func emit(_ table: ResultTable, alreadyLimited: Bool = false) throws(ChainGraphError) {
        var table = table
        if let top, !alreadyLimited, table.rows.count > top { table.rows.removeLast(table.rows.count - top) }
        let text = Renderer.render(table, as: resolvedFormat)
        try emitText(text)
    }

}

func printError(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { p in _ = Glibc.write(STDERR_FILENO, p.baseAddress, p.count) }
}

/// Progress on stderr, only when stderr is a terminal and not `--quiet`.
final class Progress {
    private let enabled: Bool
    private let label: String
    private let start: Double

    init(enabled: Bool, label: String) {
        self.enabled = enabled && isatty(STDERR_FILENO) == 1
        self.label = label
        start = Progress.now()
        if self.enabled { printErrorRaw("\(label) …") }
    }

    /// Replaces the progress line (only on a terminal).
    func update(_ message: String) {
        guard enabled else { return }
        printErrorRaw("\r\u{1B}[K\(label): \(message)")
    }

    func finish() {
        guard enabled else { return }
        let seconds = Progress.now() - start
        printErrorRaw("\r\u{1B}[K")
        if seconds >= 1 { printError("\(label): done in \(Renderer.formatSignificant(seconds, 3)) s") }
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

func printErrorRaw(_ message: String) {
    var s = message
    s.withUTF8 { p in _ = Glibc.write(STDERR_FILENO, p.baseAddress, p.count) }
}
