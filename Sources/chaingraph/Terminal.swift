import ChainGraph
import ChainGraphReport
import Glibc
import Synchronization

/// Writes `message` and a newline to stderr.
func printError(_ message: String) {
    printErrorRaw(message + "\n")
}

/// Writes `message` to stderr as is.
func printErrorRaw(_ message: String) {
    var s = message
    s.withUTF8 { p in _ = Glibc.write(STDERR_FILENO, p.baseAddress, p.count) }
}

/// Writes all of `text` to stdout, retrying on EINTR.
func writeStdout(_ text: String) {
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

/// Progress on stderr, only when stderr is a terminal and not `--quiet`. Safe to update
/// from several threads (the loader reports from its parsing threads).
final class Progress: Sendable {
    private let enabled: Bool
    private let label: String
    private let start: Double
    /// When the line was last drawn and for which stage (updates within a stage are drawn
    /// at most 10 times a second; a new stage is drawn at once).
    private let lastDrawn = Mutex<(time: Double, stage: LoadProgress.Stage?)>((0, nil))

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

    /// Draws loading progress: bytes read of the total, rate and time left while reading;
    /// rows checked while checking; the stage otherwise.
    func show(_ p: LoadProgress) {
        guard enabled else { return }
        let now = Progress.now()
        let draw = lastDrawn.withLock { last -> Bool in
            guard now - last.time >= 0.1 || last.stage != p.stage else { return false }
            last = (now, p.stage)
            return true
        }
        guard draw else { return }
        update(Progress.describe(p, elapsed: now - start))
    }

    /// The words of a progress line, e.g. `112 of 378 MB, 95 MB/s, about 3 s left`.
    static func describe(_ p: LoadProgress, elapsed: Double) -> String {
        switch p.stage {
        case .reading:
            let mb = { (b: Int) in NumberFormat.significant(Double(b) / 1e6, 3) }
            var text = "\(mb(p.bytesRead)) of \(mb(p.bytesTotal)) MB"
            if elapsed > 0.2, p.bytesRead > 0 {
                let rate = Double(p.bytesRead) / elapsed
                text += ", \(NumberFormat.significant(rate / 1e6, 3)) MB/s"
                let left = Double(p.bytesTotal - p.bytesRead) / rate
                if p.bytesRead < p.bytesTotal { text += ", about \(NumberFormat.significant(max(left, 0.1), 2)) s left" }
            }
            return text
        case .checking:
            return "\(TableRenderer.human(.money(Double(p.rowsChecked)))) rows checked"
        case .assembling:
            return "building the graph"
        }
    }

    /// Clears the progress line, so an error that follows starts on a line of its own.
    func clear() {
        guard enabled else { return }
        printErrorRaw("\r\u{1B}[K")
    }

    func finish() {
        guard enabled else { return }
        let seconds = Progress.now() - start
        printErrorRaw("\r\u{1B}[K")
        if seconds >= 1 { printError("\(label): done in \(NumberFormat.significant(seconds, 3)) s") }
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
