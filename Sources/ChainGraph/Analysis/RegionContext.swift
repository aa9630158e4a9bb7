/// Everything the analyses of one locality need, computed once (SPEC §2, §3 notation).
///
/// Built from a graph and a ``Locality``: who is local, which buyers are considered, each
/// considered buyer's total and local purchases and supplier pairs, and — for a fixed
/// region — which segments are present (present(T)) and which chains have local firms.
/// Every regional analysis (local rate, coverage, gaps, leaders) takes a context, so a
/// report over many analyses builds it once.
///
/// ```swift
/// let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
/// let rates = try LocalSupportingRate.compute(context, by: .chain)
/// let gaps = try ChainGaps.compute(context)
/// ```
public struct RegionContext: Sendable {
    /// The graph the context describes.
    public let graph: SupplyGraph
    /// The locality it was built for.
    public let locality: Locality
    /// Per firm: considered as a buyer (fixed: in R; relative: region with ≥ K components).
    public let isConsidered: [Bool]
    /// Fixed mode: per firm, in region R (F_L). Relative mode: empty.
    public let isInRegion: [Bool]
    /// Relative mode: per firm, index into ``prefixes`` of its K-prefix, -1 when shorter.
    public let prefixIndex: [Int32]
    /// Relative mode: the distinct K-prefixes, in order of first appearance.
    public let prefixes: [RegionPath]
    /// Per firm: Σ value of all its purchases in the dataset's money unit, compensated,
    /// links of unknown segment included (0 for firms not considered).
    public let inputValue: [Double]
    /// Per firm: Σ value bought from suppliers local for it (0 for firms not considered).
    public let localInputValue: [Double]
    /// Per firm: distinct suppliers, i.e. (supplier, buyer) pairs (0 for firms not
    /// considered).
    public let supplierPairs: [Int32]
    /// Per firm: distinct suppliers local for it (0 for firms not considered).
    public let localSupplierPairs: [Int32]
    /// Fixed mode: per segment, present(T) of SPEC §3 — some local firm has T or a
    /// descendant of T, or some local supplier has a link of segment T. Relative: empty.
    public let isPresent: [Bool]
    /// Fixed mode: per chain, some local firm has a segment of it. Relative: empty.
    public let chainHasLocalFirm: [Bool]
    /// Fixed mode: per segment, the number of local firms having T or a descendant of T.
    /// Relative: empty.
    public let localHolders: [Int32]
    /// Distance mode: where each firm is; nil in the other modes.
    public let locations: FirmLocations?

    /// Builds the context.
    ///
    /// A firm with an unknown region is never local and never a considered buyer.
    /// - Throws: ``ChainGraphError/regionMatchesNoFirm(_:available:)`` when no firm is in
    ///   the fixed region; ``ChainGraphError/noRegionAtLevel(_:deepest:)`` when no firm's
    ///   path has K components; ``ChainGraphError/invalidParameter(_:value:expected:)``
    ///   for K < 1 or a negative or non-finite radius; ``ChainGraphError/noResult(_:)``
    ///   when no firm has a location in distance mode.
    /// - Complexity: O(n + m + Σ segments · depth).
    public init(_ graph: SupplyGraph, locality: Locality) throws(ChainGraphError) {
        self.graph = graph
        self.locality = locality
        let n = graph.firmCount, firms = graph.firms
        switch locality {
        case .fixed(let region):
            let regionLocal = firms.regions.map { $0.isWithin(region) }
            let flags = (0..<n).map { f in firms.regionOf[f] >= 0 && regionLocal[Int(firms.regionOf[f])] }
            guard flags.contains(true) else {
                let tops = Set(firms.regions.map { RegionPath(components: [$0.components[0]]) })
                throw .regionMatchesNoFirm(region, available: tops.sorted())
            }
            isInRegion = flags
            isConsidered = flags
            prefixIndex = []
            prefixes = []
            locations = nil
        case .relative(let k):
            guard k >= 1 else { throw .invalidParameter(.level, value: String(k), expected: "a level of at least 1") }
            var index: [RegionPath: Int32] = [:]
            var list: [RegionPath] = []
            let regionPrefix: [Int32] = firms.regions.map { path in
                guard let p = path.prefix(k) else { return -1 }
                if let i = index[p] { return i }
                index[p] = Int32(list.count)
                list.append(p)
                return Int32(list.count - 1)
            }
            let perFirm = (0..<n).map { f in firms.regionOf[f] >= 0 ? regionPrefix[Int(firms.regionOf[f])] : -1 }
            guard perFirm.contains(where: { $0 >= 0 }) else {
                throw .noRegionAtLevel(k, deepest: firms.regions.map(\.components.count).max() ?? 0)
            }
            prefixIndex = perFirm
            prefixes = list
            isConsidered = perFirm.map { $0 >= 0 }
            isInRegion = []
            locations = nil
        case .withinKm(let d):
            guard d.isFinite && d >= 0 else { throw .invalidParameter(.withinKm, value: "\(d)", expected: "a distance of at least 0 km") }
            let located = FirmLocations(graph)
            guard located.explicitCount + located.centroidCount > 0 else {
                throw .noResult("no firm has a location: give lat/lon columns in firms, or regions the division table knows")
            }
            locations = located
            isConsidered = (0..<n).map(located.isLocated)
            isInRegion = []
            prefixIndex = []
            prefixes = []
        }

        var input = [Double](repeating: 0, count: n), local = [Double](repeating: 0, count: n)
        var pairs = [Int32](repeating: 0, count: n), localPairs = [Int32](repeating: 0, count: n)
        for b in 0..<n where isConsidered[b] {
            var all = MoneySum(), fromLocal = MoneySum()
            var previous: Int32 = -1
            for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] {
                let s = graph.inSupplier[e]
                let isLocal = Self.isLocal(locality, isInRegion, prefixIndex, locations, supplier: Int(s), buyer: b)
                all.add(graph.value[e])
                if isLocal { fromLocal.add(graph.value[e]) }
                if s != previous {
                    pairs[b] += 1
                    if isLocal { localPairs[b] += 1 }
                    previous = s
                }
            }
            input[b] = all.value
            local[b] = fromLocal.value
        }
        inputValue = input
        localInputValue = local
        supplierPairs = pairs
        localSupplierPairs = localPairs

        guard case .fixed = locality else {
            isPresent = []
            chainHasLocalFirm = []
            localHolders = []
            return
        }
        let tree = graph.segments
        var present = [Bool](repeating: false, count: tree.count)
        var chainHasLocal = [Bool](repeating: false, count: tree.chains.count)
        var holders = [Int32](repeating: 0, count: tree.count)
        var stamp = [Int](repeating: -1, count: tree.count)
        for f in 0..<n where isInRegion[f] {
            for s in firms.segments(f) {
                if let c = tree.segments[Int(s)].chain { chainHasLocal[c] = true }
                for a in tree.selfAndAncestors(Int(s)) where stamp[a] != f {
                    stamp[a] = f
                    present[a] = true
                    holders[a] += 1
                }
            }
            for p in graph.outOffsets[f]..<graph.outOffsets[f + 1] {
                let t = graph.linkSegment[Int(graph.outLink[p])]
                if t >= 0 { present[Int(t)] = true }
            }
        }
        isPresent = present
        chainHasLocalFirm = chainHasLocal
        localHolders = holders
    }

    /// The fixed region, nil in relative mode.
    public var region: RegionPath? {
        if case .fixed(let r) = locality { r } else { nil }
    }

    /// Whether supplier `s` is local for buyer `b` (SPEC §2, §3.9): in fixed mode, whether
    /// `s` is in R (whatever `b`); in relative mode, whether both share a K-prefix; in
    /// distance mode, whether both are located within D km of each other.
    @inline(__always)
    public func isLocal(supplier s: Int, buyer b: Int) -> Bool {
        Self.isLocal(locality, isInRegion, prefixIndex, locations, supplier: s, buyer: b)
    }

    @inline(__always)
    private static func isLocal(_ locality: Locality, _ inRegion: [Bool], _ prefix: [Int32], _ locations: FirmLocations?,
                                supplier s: Int, buyer b: Int) -> Bool {
        switch locality {
        case .fixed: inRegion[s]
        case .relative: prefix[b] >= 0 && prefix[s] == prefix[b]
        case .withinKm(let d): locations!.isLocated(s) && locations!.isLocated(b) && locations!.distance(s, b) <= d
        }
    }

    /// The fixed region, or an error for analyses defined only in fixed mode (gaps,
    /// coverage, the leader grouping, the report).
    /// - Parameter analysis: the analysis's name, used in the error message.
    /// - Throws: ``ChainGraphError/usage(_:)`` in relative mode.
    public func requireFixedRegion(for analysis: String) throws(ChainGraphError) -> RegionPath {
        guard let region else { throw .usage("\(analysis) needs a fixed region, not a relative level") }
        return region
    }

    /// Firms in the fixed region (F_L), in index order; empty in relative mode.
    public var localFirms: [Int] { isInRegion.indices.filter { isInRegion[$0] } }
}

extension RegionContext {
    /// Resolves a region as an analyst types it (`湖北省`, `武汉`, `洪山区`, `420111`)
    /// against the dataset's regions (SPEC §1.1): normalised with the division table, a
    /// division below province level that is unique in the dataset expanded to its full path.
    /// - Returns: the region, and whether it was expanded (callers say so in a note).
    /// - Throws: ``ChainGraphError/regionMatchesNoFirm(_:available:)`` with every region of
    ///   the dataset and its prefixes, closest first (never cut);
    ///   ``ChainGraphError/ambiguousRegion(_:candidates:)`` when several fit.
    public static func resolve(_ argument: RegionPath, in graph: SupplyGraph) throws(ChainGraphError) -> (region: RegionPath, expanded: Bool) {
        switch RegionNormalizer.resolveLocal(argument.description, among: graph.firms.regions) {
        case .region(let r): return (r, false)
        case .expanded(let r): return (r, true)
        case .ambiguous(let candidates): throw .ambiguousRegion(argument.description, candidates: candidates)
        case .unknown(let suggestions): throw .regionMatchesNoFirm(argument, available: suggestions)
        }
    }
}

extension SupplyGraph {
    /// Throws when the dataset has no chain tree (SPEC §1: analyses that need
    /// `segments.csv` say so, exit 66).
    /// - Parameter analysis: the analysis's name, carried by the error.
    /// - Throws: ``ChainGraphError/needsChainTree(analysis:)``.
    public func requireChainTree(for analysis: String) throws(ChainGraphError) {
        guard segments.hasTree else { throw .needsChainTree(analysis: analysis) }
    }

    /// The chains (indices into ``SegmentTree/chains``) of firm `f`'s segments, each once,
    /// in the order of its segments; empty without a chain tree.
    public func chains(of f: Int) -> [Int] {
        var chains: [Int] = []
        for s in firms.segments(f) {
            if let c = segments.segments[Int(s)].chain, !chains.contains(c) { chains.append(c) }
        }
        return chains
    }
}
