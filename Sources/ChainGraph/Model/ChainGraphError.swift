/// Where in an input file something went wrong.
///
/// `line` is the 1-based physical line on which the offending record starts (a quoted
/// field may span several lines); `column` is the 1-based field number, i.e. the
/// spreadsheet column an analyst would look at. `column` is 0 when the problem concerns
/// the whole line or file.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file as the user named it (e.g. `datasets/nev/links.csv`).
    public var file: String
    /// 1-based line on which the offending record starts.
    public var line: Int
    /// 1-based field number; 0 when the problem concerns the whole line or file.
    public var column: Int

    /// A location; pass `column: 0` for a whole line or file.
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

/// A parameter of a library call. Errors name the parameter, not a command-line flag: the
/// command-line tool and the server map each to their own spelling.
public enum Parameter: String, Sendable, Hashable, CaseIterable {
    /// Relative locality level K (SPEC §2).
    case level
    /// Leader candidates per chain (SPEC §3.3).
    case perChain
    /// Weak-segment threshold (SPEC §3.2).
    case weakBelow
    /// Strong-segment threshold (SPEC §3.2).
    case strongAbove
    /// Disruption substitution share σ (SPEC §3.6).
    case substitution
    /// Damping (PageRank) or attenuation (Katz).
    case alpha
    /// Stopping tolerance of the power methods.
    case tolerance
    /// Iteration limit of the power methods.
    case maxIterations
    /// Number of sampled sources (betweenness).
    case samples
    /// Personalization vector of PageRank.
    case personalization
    /// Region level of loss totals (disruption).
    case regionLevel
    /// Number of firms of a generated dataset.
    case firms
    /// Links per firm of a generated dataset.
    case linksPerFirm
    /// Local share of a generated dataset.
    case localShare
    /// Number of result rows.
    case top
    /// Capacity of a new plant in the what-if simulation (SPEC §3.7).
    case capacity
    /// The firm attracted in the what-if simulation (SPEC §3.7).
    case attract
    /// Radius of the distance locality, in km (SPEC §3.9).
    case withinKm
}

/// The one error type of ChainGraph.
///
/// Cases keep meaning apart from wording: they carry the facts (a region, a measure, an
/// iteration count) and ``description`` words them without naming command-line flags. The
/// command-line tool and the server word them for their users. Every case maps to a
/// sysexits code (SPEC §5) through ``exitCode``.
public enum ChainGraphError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad input data at a known place in a file (exit 65, `EX_DATAERR`).
    case data(SourceLocation, String)
    /// Bad input data that is not tied to one line, e.g. a corrupt snapshot or a
    /// non-productive input–output system (exit 65).
    case invalidData(String)
    /// An input file or folder is missing or unreadable (exit 66, `EX_NOINPUT`).
    case inputMissing(path: String, reason: String)
    /// The analysis needs the chain tree (`segments.csv`) and the dataset has none (exit 66).
    case needsChainTree(analysis: String)
    /// A request that cannot be satisfied with these arguments (exit 64, `EX_USAGE`).
    case usage(String)
    /// A parameter outside its allowed range (exit 64).
    case invalidParameter(Parameter, value: String, expected: String)
    /// A fixed region that contains no firm of the dataset (exit 64); `available` lists the
    /// dataset's top-level regions, sorted.
    case regionMatchesNoFirm(RegionPath, available: [RegionPath])
    /// A region argument that fits several regions of the dataset (`朝阳区` in 北京 and 长春),
    /// closest first (exit 64).
    case ambiguousRegion(String, candidates: [RegionPath])
    /// A relative level deeper than every firm's region path (exit 64).
    case noRegionAtLevel(Int, deepest: Int)
    /// A firm id that is not in the dataset (exit 64).
    case unknownFirm(String)
    /// A segment id that is not in the dataset (exit 64).
    case unknownSegment(String)
    /// A firm selection (segment, region) that matches no firm (exit 64).
    case emptySelection(String)
    /// A result column that is not in the row schema (exit 64).
    case unknownColumn(String, available: [String])
    /// An output file cannot be created or written (exit 73, `EX_CANTCREAT`).
    case outputFailed(path: String, reason: String)
    /// An iterative method did not reach its tolerance in `iterations` steps (exit 65).
    case noConvergence(measure: String, iterations: Int, residual: Double)
    /// Katz attenuation at or above 1/λ_max: the series diverges (exit 65).
    case divergentAlpha(alpha: Double, limit: Double, estimated: Bool)
    /// A quantity that does not exist for this graph, e.g. eigenvector centrality of an
    /// acyclic chain (exit 65).
    case noResult(String)
    /// The work would need more memory than the machine (or the caller's limit) allows;
    /// raised before the work starts (exit 70).
    case resourceLimit(String)
    /// A bug or an unexpected system failure (exit 70, `EX_SOFTWARE`).
    case `internal`(String)

    /// The sysexits code of SPEC §5.
    public var exitCode: Int32 {
        switch self {
        case .data, .invalidData, .noResult, .noConvergence, .divergentAlpha: 65
        case .inputMissing, .needsChainTree: 66
        case .usage, .invalidParameter, .regionMatchesNoFirm, .ambiguousRegion, .noRegionAtLevel, .unknownFirm, .unknownSegment, .emptySelection,
             .unknownColumn: 64
        case .outputFailed: 73
        case .internal, .resourceLimit: 70
        }
    }

    /// The error in words, without command-line flags.
    public var description: String {
        switch self {
        case let .data(location, message): "\(location): \(message)"
        case let .invalidData(message): message
        case let .inputMissing(path, reason): "\(path): \(reason)"
        case let .needsChainTree(analysis):
            "segments.csv: \(analysis) needs the chain tree (产业链树状图): add segments.csv to the dataset"
        case let .usage(message): message
        case let .invalidParameter(parameter, value, expected): "\(parameter.rawValue) \(value) is invalid: \(expected)"
        case let .regionMatchesNoFirm(region, available):
            "region \(region) matches no firm; top-level regions in this dataset (\(available.count)): "
                + available.map(\.description).joined(separator: ", ")
        case let .ambiguousRegion(text, candidates):
            "region \(text) fits \(candidates.count) regions of this dataset: " + candidates.map(\.description).joined(separator: ", ")
        case let .noRegionAtLevel(level, deepest):
            "no firm has a region path with \(level) or more components (the deepest has \(deepest))"
        case let .unknownFirm(id): "unknown firm '\(id)'"
        case let .unknownSegment(id): "unknown segment '\(id)'"
        case let .emptySelection(what): "no firm matches \(what)"
        case let .unknownColumn(name, available): "unknown column '\(name)'; columns: \(available.joined(separator: ", "))"
        case let .outputFailed(path, reason): "\(path): cannot write output: \(reason)"
        case let .noConvergence(measure, iterations, residual):
            "\(measure) did not converge in \(iterations) iterations (L1 change \(NumberFormat.significant(residual, 3)))"
        case let .divergentAlpha(alpha, limit, estimated):
            "Katz centrality cannot converge: alpha \(alpha) ≥ 1/λ_max = \(limit)\(estimated ? " (λ_max estimated by power iteration)" : ""); use an alpha below \(limit)"
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
