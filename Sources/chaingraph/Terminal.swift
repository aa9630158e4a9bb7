import ChainGraph
import Glibc

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
