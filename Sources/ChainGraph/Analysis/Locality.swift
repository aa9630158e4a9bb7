/// Which suppliers count as local for which buyers (SPEC §2).
public enum Locality: Sendable, Hashable, CustomStringConvertible {
    /// `--local R`: supplier s is local for every buyer iff s is in region R; the buyers
    /// considered are the firms in R.
    case fixed(RegionPath)
    /// `--level K`: s is local for b iff both region paths have at least K components and
    /// agree on the first K; the buyers considered are firms with at least K components.
    case relative(level: Int)

    public var description: String {
        switch self {
        case .fixed(let r): "--local \(r)"
        case .relative(let k): "--level \(k)"
        }
    }
}

/// A resolved ``Locality`` for one graph: per-firm flags and region keys.
package struct LocalityMap: Sendable {
    package let locality: Locality
    /// Buyers considered by the metrics.
    package let considered: [Bool]
    /// Fixed mode: firm is in R. Relative mode: unused (all false).
    package let inRegion: [Bool]
    /// Relative mode: index of the firm's K-prefix, -1 when its path is shorter.
    package let prefixIndex: [Int32]
    package let prefixes: [RegionPath]

    /// - Throws: ``ChainGraphError/usage(_:)`` when the region matches no firm or the level
    ///   is impossible for every firm.
    package init(_ graph: SupplyGraph, _ locality: Locality) throws(ChainGraphError) {
        self.locality = locality
        let n = graph.firmCount
        switch locality {
        case .fixed(let region):
            let regionLocal = graph.firms.regions.map { $0.isWithin(region) }
            let flags = (0..<n).map { f in graph.firms.regionOf[f] >= 0 && regionLocal[Int(graph.firms.regionOf[f])] }
            guard flags.contains(true) else {
                let examples = Set(graph.firms.regions.map { $0.components[0] }).sorted().prefix(8).joined(separator: ", ")
                throw .usage("--local \(region) matches no firm; top-level regions in this dataset: \(examples)")
            }
            inRegion = flags
            considered = flags
            prefixIndex = []
            prefixes = []
        case .relative(let k):
            guard k >= 1 else { throw .usage("--level must be at least 1, got \(k)") }
            var index: [RegionPath: Int32] = [:]
            var list: [RegionPath] = []
            let regionPrefix: [Int32] = graph.firms.regions.map { path in
                guard let p = path.prefix(k) else { return -1 }
                if let i = index[p] { return i }
                index[p] = Int32(list.count)
                list.append(p)
                return Int32(list.count - 1)
            }
            prefixIndex = (0..<n).map { f in graph.firms.regionOf[f] >= 0 ? regionPrefix[Int(graph.firms.regionOf[f])] : -1 }
            guard prefixIndex.contains(where: { $0 >= 0 }) else {
                throw .usage("--level \(k): no firm has a region path with \(k) or more components")
            }
            prefixes = list
            considered = prefixIndex.map { $0 >= 0 }
            inRegion = []
        }
    }

    /// Whether supplier `s` is local for buyer `b`.
    @inline(__always)
    package func isLocal(supplier s: Int, buyer b: Int) -> Bool {
        switch locality {
        case .fixed: inRegion[s]
        case .relative: prefixIndex[b] >= 0 && prefixIndex[s] == prefixIndex[b]
        }
    }
}
