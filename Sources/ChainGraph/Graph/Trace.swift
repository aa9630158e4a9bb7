import Glibc

/// Phase timings on stderr when `CHAINGRAPH_TRACE` is set: a developer's aid for
/// profiling loading and kernels without a profiler. Silent otherwise.
package enum Trace {
    package static let enabled = getenv("CHAINGRAPH_TRACE") != nil

    package static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Runs `body` and, when tracing, prints how long it took.
    @inline(__always)
    package static func time<R, E: Error>(_ label: String, _ body: () throws(E) -> R) throws(E) -> R {
        guard enabled else { return try body() }
        let start = now()
        let result = try body()
        printTrace("\(label): \(Double(Int((now() - start) * 10_000)) / 10) ms")
        return result
    }
}

package func printTrace(_ message: String) {
    let line = "trace: \(message)\n"
    _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
}
