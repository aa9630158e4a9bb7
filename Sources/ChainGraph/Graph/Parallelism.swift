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
