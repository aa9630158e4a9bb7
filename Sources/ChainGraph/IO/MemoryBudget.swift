import Glibc

/// Checks, before loading, that a dataset fits in memory, so a too-large input fails early
/// with a clear message instead of being killed by the kernel half-way.
///
/// The estimate comes from measurements on this project's machine: building the graph from
/// CSV peaks at about 2.7 × the CSV bytes (1 M firms / 10 M links: 276 MB of CSV, 750 MB
/// peak); loading a snapshot peaks at about 2 × its size (mapped file plus the copied
/// columns). It is deliberately generous — the point is to refuse hopeless runs, not to
/// predict RSS.
public enum MemoryBudget {
    /// Estimated peak bytes to load `path` (a dataset folder or snapshot file); 0 when the
    /// path does not exist.
    public static func estimate(path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        if (info.st_mode & S_IFMT) != S_IFDIR { return 2 * Int(info.st_size) }
        var csvBytes = 0
        for name in ["links.csv", "firms.csv", "segments.csv"] {
            var file = stat()
            if stat("\(path)/\(name)", &file) == 0 { csvBytes += Int(file.st_size) }
        }
        return csvBytes * 27 / 10 + (16 << 20)
    }

    /// Memory the process may use: MemAvailable from /proc/meminfo, capped by a cgroup
    /// limit when one is set.
    public static func available() -> Int? {
        var best: Int?
        if let text = readSmallFile("/proc/meminfo") {
            for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
                let digits = line.filter(\.isNumber)
                if let kb = Int(digits) { best = kb * 1024 }
            }
        }
        if let text = readSmallFile("/sys/fs/cgroup/memory.max"), let limit = Int(text.trimmingSpaces().filter(\.isNumber)), limit > 0 {
            best = min(best ?? limit, limit)
        }
        return best
    }

    /// Throws when the estimate exceeds `limit` (default: available memory); does nothing
    /// when neither is known.
    /// - Throws: ``ChainGraphError/resourceLimit(_:)``.
    public static func check(path: String, limit: Int? = nil) throws(ChainGraphError) {
        let need = estimate(path: path)
        guard let budget = limit ?? available(), need > budget else { return }
        throw .resourceLimit("\(path) needs about \(gigabytes(need)) of memory to load, more than the \(gigabytes(budget)) \(limit == nil ? "available" : "allowed by the memory limit"); use a machine with more memory, split the dataset by region or chain, or raise the memory limit if the estimate is too cautious")
    }

    /// A byte count for messages, truncated: `1.5 GiB` from 1 GiB up, else whole `MiB`.
    public static func gigabytes(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? "\(Double(bytes * 10 / (1 << 30)) / 10) GiB" : "\(bytes >> 20) MiB"
    }

    /// Parses sizes such as `512M`, `8G`, `2.5GiB`, `1000000` into bytes; K, M, G, T are
    /// binary (1024-based), case-insensitive, with an optional `B` or `iB`. Nil for text
    /// that is not a positive size.
    public static func parseSize(_ text: String) -> Int? {
        let t = text.trimmingSpaces().uppercased().replacing("IB", with: "").replacing("B", with: "")
        let units: [(String, Double)] = [("K", 1024), ("M", 1024 * 1024), ("G", 1024 * 1024 * 1024), ("T", 1024 * 1024 * 1024 * 1024)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            guard let v = Double(t.dropLast()), v > 0 else { return nil }
            return Int(v * factor)
        }
        guard let v = Double(t), v > 0 else { return nil }
        return Int(v)
    }

    private static func readSmallFile(_ path: String) -> String? {
        guard let buffer = try? ByteBuffer.mapping(path: path) else { return nil }
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
