import ArgumentParser
import ChainGraph

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read the whole dataset and list every problem in one pass: errors, and what was repaired (warnings, notes).",
        discussion: """
            Errors stop every other command; warnings and notes say what ChainGraph repaired or suspects (SPEC §1.1): \
            skipped title and total rows, unit conversions, a missing value column, empty values counted as 1, names \
            resolved to ids, bad credit-code check characters, regions the division table does not know, unused or \
            look-alike columns, self-loops, merged rows. Each has its place (file:line:column; for a workbook \
            book.xlsx[sheet]:ROW:COLUMN) and a stable code.

            Columns: file,line,column,severity,code,message. Exit 65 when there is an error, else 0.

            Examples:
              chaingraph check --dataset mydata/
              chaingraph check --dataset 名单.xlsx --format json
              chaingraph check --dataset invoices/ --add-unknown-firms --column value=发票金额
            """
    )

    @OptionGroup var data: DatasetOptions
    @OptionGroup var out: RowOutputOptions

    @Option(name: .customLong("max-problems"), parsing: .unconditional, help: ArgumentHelp("List at most N problems (default 1000), then a count of the rest.", valueName: "N"))
    var maxProblems: Int = 1000

    func validate() throws {
        guard maxProblems >= 1 else { throw ValidationError("--max-problems must be at least 1, got \(maxProblems)") }
    }

    func run() throws {
        let path = try data.datasetPath()
        let progress = Progress(enabled: !data.quiet, label: "checking \(path)")
        let result: (graph: SupplyGraph?, report: LoadReport)
        var loader = data.loader
        loader.progress = { progress.show($0) }
        do { result = try loader.check(path: path) } catch { progress.clear(); throw error }
        progress.finish()
        let problems = result.report.problems
        try out.emit(problems.prefix(maxProblems).map { p in
            var worded = p
            worded.message += ErrorWording.hint(forDataMessage: p.message)
            return worded
        })
        let errors = result.report.errors.count
        let warnings = problems.filter { $0.severity == .warning }.count
        let notes = problems.count - errors - warnings
        if problems.count > maxProblems { data.note("\(problems.count - maxProblems) more problem(s) not listed (raise --max-problems)") }
        var summary = "\(errors) error(s), \(warnings) warning(s), \(notes) note(s)"
        if let graph = result.graph { summary += "; \(graph.firmCount) firms, \(graph.linkCount) links" }
        if let unit = result.report.unit { summary += "; money in \(unit)" }
        data.note(summary)
        if errors > 0 { throw ExitCode(65) }
    }
}
