import Dispatch
import Glibc

/// How many threads the library's parallel kernels use.
///
/// The number of online cores, or `CHAINGRAPH_THREADS` when set (for determinism tests and
/// benchmarks). Every parallel kernel splits work into chunks whose results are combined
/// in a fixed order, so results never depend on this number.
public enum Parallelism {
    /// Threads for parallel kernels: `CHAINGRAPH_THREADS` (capped at 256) when set to a
    /// positive integer, else the number of online cores. Read on every access.
    public static var threads: Int {
        if let env = getenv("CHAINGRAPH_THREADS"), let n = Int(String(cString: env)), n >= 1 { return min(n, 256) }
        return max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }
}

extension Parallelism {
    /// Runs two independent pieces of work, on two threads when ``threads`` allows, and
    /// returns when both are done. Each closure must write only what the other does not
    /// touch.
    package static func both(_ first: () -> Void, _ second: () -> Void) {
        guard threads > 1 else { first(); second(); return }
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                nonisolated(unsafe) let (first, second) = (first, second)  // disjoint writes by contract
                DispatchQueue.concurrentPerform(iterations: 2) { $0 == 0 ? first() : second() }
            }
        }
    }
}
