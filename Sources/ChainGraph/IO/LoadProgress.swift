import Glibc
import Synchronization

/// How far loading a dataset has come, for a progress display. The library only reports
/// it (through ``DatasetLoader/progress``); the command-line tool draws it.
public struct LoadProgress: Sendable {
    /// What the loader is doing.
    public enum Stage: Sendable, Equatable {
        /// Reading and parsing the table files (``LoadProgress/bytesRead`` of
        /// ``LoadProgress/bytesTotal``).
        case reading
        /// Checking the rows of the tables one by one (the analyst path of SPEC §1.1 and
        /// `check`; ``LoadProgress/rowsChecked`` counts them).
        case checking
        /// Building the graph from the parsed rows.
        case assembling
    }

    /// The current stage.
    public var stage: Stage
    /// Bytes of the input files parsed so far (at most ``bytesTotal``).
    public var bytesRead: Int
    /// Total size of the input files (0 when unknown, e.g. a snapshot).
    public var bytesTotal: Int
    /// Table rows checked so far in the ``Stage/checking`` stage.
    public var rowsChecked: Int

    /// A progress value.
    public init(stage: Stage, bytesRead: Int, bytesTotal: Int, rowsChecked: Int) {
        self.stage = stage
        self.bytesRead = bytesRead
        self.bytesTotal = bytesTotal
        self.rowsChecked = rowsChecked
    }
}

/// Collects progress from the loader's threads and forwards it to the caller's callback.
/// Reporting is cheap and coarse: parsers call ``advance(bytes:)`` about once per MiB and
/// ``checked(rows:)`` about once per few thousand rows.
package final class ProgressMeter: Sendable {
    private let callback: (@Sendable (LoadProgress) -> Void)?
    private let state: Mutex<LoadProgress>

    /// A meter over `bytesTotal` bytes of input; a nil callback makes every call a no-op.
    package init(bytesTotal: Int, callback: (@Sendable (LoadProgress) -> Void)?) {
        self.callback = callback
        state = Mutex(LoadProgress(stage: .reading, bytesRead: 0, bytesTotal: bytesTotal, rowsChecked: 0))
    }

    /// A meter that reports nothing.
    package static let silent = ProgressMeter(bytesTotal: 0, callback: nil)

    /// Bytes granularity at which parsers report.
    package static let step = 1 << 20

    package var isActive: Bool { callback != nil }

    /// Adds `bytes` parsed bytes (from any thread).
    package func advance(bytes: Int) {
        guard let callback, bytes > 0 else { return }
        let now = state.withLock { s -> LoadProgress in
            s.bytesRead = min(s.bytesTotal, s.bytesRead + bytes)
            return s
        }
        callback(now)
    }

    /// Adds `rows` checked rows and enters the checking stage.
    package func checked(rows: Int) {
        guard let callback, rows > 0 else { return }
        let now = state.withLock { s -> LoadProgress in
            s.stage = .checking
            s.rowsChecked += rows
            return s
        }
        callback(now)
    }

    /// Enters `stage`; `.reading` starts the byte count again (a second reading pass).
    package func enter(_ stage: LoadProgress.Stage) {
        guard let callback else { return }
        let now = state.withLock { s -> LoadProgress in
            s.stage = stage
            if stage == .reading { s.bytesRead = 0 }
            return s
        }
        callback(now)
    }

    /// Total size of the regular files at `paths` (missing files count 0).
    package static func size(of paths: [String]) -> Int {
        paths.reduce(0) { total, path in
            var info = stat()
            return total + (stat(path, &info) == 0 ? Int(info.st_size) : 0)
        }
    }
}
