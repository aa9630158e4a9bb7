/// Where in an input file something went wrong.
///
/// `line` is the 1-based physical line on which the offending record starts (a quoted
/// field may span several lines); `column` is the 1-based field number, i.e. the
/// spreadsheet column an analyst would look at. `column` is 0 when the problem concerns
/// the whole line or file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COLUMN`, the form compilers and editors understand.
    public var description: String {
        column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)"
    }
}

/// The one error type of ChainGraph.
///
/// Every case maps to a sysexits code (SPEC §5) through ``exitCode``, so the command-line
/// tool and library users classify failures the same way.
public enum ChainGraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad input data at a known place in a file (exit 65, `EX_DATAERR`).
    case data(SourceLocation, String)
    /// Bad input data that is not tied to one line, e.g. a corrupt snapshot or a
    /// non-productive input–output system (exit 65).
    case invalidData(String)
    /// An input file or folder is missing or unreadable (exit 66, `EX_NOINPUT`).
    case inputMissing(path: String, reason: String)
    /// A request that cannot be satisfied with these arguments, e.g. an unknown region
    /// or firm id on the command line (exit 64, `EX_USAGE`).
    case usage(String)
    /// An output file cannot be created or written (exit 73, `EX_CANTCREAT`).
    case outputFailed(path: String, reason: String)
    /// An iterative method did not reach its tolerance, or a quantity does not exist for
    /// this graph (exit 65: the data do not admit the requested result).
    case noResult(String)
    /// The work would need more memory than the machine (or `--max-memory`) allows; raised
    /// before the work starts (exit 70).
    case resourceLimit(String)
    /// A bug or an unexpected system failure (exit 70, `EX_SOFTWARE`).
    case `internal`(String)

    /// The sysexits code of SPEC §5.
    public var exitCode: Int32 {
        switch self {
        case .data, .invalidData, .noResult: 65
        case .inputMissing: 66
        case .usage: 64
        case .outputFailed: 73
        case .internal, .resourceLimit: 70
        }
    }

    public var description: String {
        switch self {
        case let .data(location, message): "\(location): \(message)"
        case let .invalidData(message): message
        case let .inputMissing(path, reason): "\(path): \(reason)"
        case let .usage(message): message
        case let .outputFailed(path, reason): "\(path): cannot write output: \(reason)"
        case let .noResult(message): message
        case let .resourceLimit(message): message
        case let .internal(message): "internal error: \(message)"
        }
    }
}

/// Runs `body` over the bytes of `array`, keeping the typed error (the standard library's
/// `withUnsafeBytes` only rethrows untyped errors).
package func withBytes<T: BitwiseCopyable>(of array: [T], _ body: (UnsafeRawBufferPointer) throws(ChainGraphError) -> Void) throws(ChainGraphError) {
    var failure: ChainGraphError?
    array.withUnsafeBytes { raw in
        do throws(ChainGraphError) { try body(raw) } catch { failure = error }
    }
    if let failure { throw failure }
}
