/// One thing the loader noticed about the input (SPEC §1.1, §5 `check`): an error that
/// stops every command, or a warning or note about what it repaired or suspects.
public struct DataProblem: ResultRow, Hashable {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable, CaseIterable {
        /// The data cannot be used as it is (exit 65).
        case error
        /// Repaired or suspicious: the numbers may not be what the analyst meant.
        case warning
        /// Repaired as documented (a title row skipped, a unit converted).
        case note
    }

    /// Where: `file:line:column` (for a workbook `book.xlsx[sheet]:ROW:COLUMN`); column 0
    /// for a whole row, line 0 for a whole file.
    public var location: SourceLocation
    /// Error, warning or note.
    public var severity: Severity
    /// A stable machine code, e.g. `title_row`, `unit_converted`, `unknown_value`.
    public var code: String
    /// What is wrong or what was done, in words.
    public var message: String

    /// A problem.
    public init(_ severity: Severity, _ code: String, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    /// `file,line,column,severity,code,message` (SPEC §4 `check`).
    public static let columns = [
        ResultColumn("file", .text, zh: "文件", en: "File"), ResultColumn("line", .integer, zh: "行", en: "Line"),
        ResultColumn("column", .integer, zh: "列", en: "Column"), ResultColumn("severity", .text, zh: "级别", en: "Severity"),
        ResultColumn("code", .text, zh: "代码", en: "Code"), ResultColumn("message", .text, zh: "说明", en: "Message"),
    ]

    /// The cells in column order.
    public var cells: [ResultCell] {
        [.text(location.file), .integer(location.line), .integer(location.column), .text(severity.rawValue), .text(code), .text(message)]
    }

    /// The error this problem stands for (for commands that stop at the first error).
    public var error: ChainGraphError {
        location.line > 0 ? .data(location, message) : .invalidData("\(location.file): \(message)")
    }
}

/// What loading a dataset noticed: every problem in file order, and the money unit.
public struct LoadReport: Sendable {
    /// Problems in the order they were found (files in load order, rows in file order).
    public var problems: [DataProblem] = []
    /// The money unit of values and revenues when the data named one (SPEC §1.1), e.g.
    /// `万元`; nil when no unit was named anywhere (numbers used as given).
    public var unit: String?

    /// An empty report.
    public init() {}

    /// The errors.
    public var errors: [DataProblem] { problems.filter { $0.severity == .error } }

    /// One line for stderr summarising the warnings and notes by code, e.g. "skipped 1
    /// title row; converted 金额 from 元 to 万元": nothing is repaired silently. Nil when
    /// there is nothing to say.
    public var summary: String? {
        var counts: [(code: String, count: Int, example: String)] = []
        for p in problems where p.severity != .error {
            if let i = counts.firstIndex(where: { $0.code == p.code }) { counts[i].count += 1 } else { counts.append((p.code, 1, p.message)) }
        }
        guard !counts.isEmpty else { return nil }
        return counts.map { $0.count == 1 ? $0.example : "\($0.example) (and \($0.count - 1) more like it)" }.joined(separator: "; ")
    }

    mutating func add(_ severity: DataProblem.Severity, _ code: String, _ location: SourceLocation, _ message: String) {
        problems.append(DataProblem(severity, code, at: location, message))
    }
}
