/// An immutable supply-chain graph: firms, the chain tree, and merged supply links stored
/// as compressed sparse rows in both directions (SPEC §1).
///
/// Edges point from supplier to buyer, the way goods flow. A *link* is one merged
/// (supplier, buyer, link segment) triple; the same pair may carry several links when it
/// trades goods of several segments.
///
/// Storage, 24 bytes per link for both directions with values:
/// - by buyer (primary order, link index `e`): `inSupplier[e]` (4 B), `value[e]` (8 B),
///   `linkSegment[e]` (4 B);
/// - by supplier: `outBuyer` (4 B) and `outLink` (4 B), the link index of each out-edge.
/// plus two offset arrays of `firms + 1` entries.
///
/// Build one with ``SupplyGraphBuilder`` or load one with ``DatasetLoader``.
///
/// Firms and segments are addressed by dense indices (`0..<firmCount`, in the order firms
/// first appear in the input); ``FirmTable/index(of:)`` and ``SegmentTree/index(of:)`` map
/// ids to indices. Values are money in the dataset's unit.
///
/// ```swift
/// let graph = try DatasetLoader().load(path: "datasets/nev")
/// let b = graph.firms.index(of: "F0001")!
/// for link in graph.purchases(of: b) {
///     print(graph.firms.id(link.supplier), link.value)   // who supplies b, and how much
/// }
/// ```
public struct SupplyGraph: Sendable, Equatable {
    /// The firms (nodes) and their attributes: id, name, region, segments, revenue, tags.
    public let firms: FirmTable
    /// The chain tree (产业链树状图), or bare segment labels when the dataset has no
    /// `segments.csv`.
    public let segments: SegmentTree

    package let inOffsets: [Int]
    package let inSupplier: [Int32]
    package let value: [Double]
    /// Segment of each link, -1 when unknown.
    package let linkSegment: [Int32]
    package let outOffsets: [Int]
    package let outBuyer: [Int32]
    package let outLink: [Int32]

    /// Counts from building: what was merged and dropped.
    public let buildStats: BuildStats

    package init(firms: FirmTable, segments: SegmentTree, inOffsets: [Int], inSupplier: [Int32], value: [Double],
                 linkSegment: [Int32], outOffsets: [Int], outBuyer: [Int32], outLink: [Int32], buildStats: BuildStats) {
        self.firms = firms
        self.segments = segments
        self.inOffsets = inOffsets
        self.inSupplier = inSupplier
        self.value = value
        self.linkSegment = linkSegment
        self.outOffsets = outOffsets
        self.outBuyer = outBuyer
        self.outLink = outLink
        self.buildStats = buildStats
    }

    /// Number of firms (nodes).
    public var firmCount: Int { firms.count }
    /// Number of merged links.
    public var linkCount: Int { value.count }

    /// One merged supply link.
    public struct Link: Sendable, Hashable {
        /// Firm index of the supplier (where the goods come from).
        public var supplier: Int
        /// Firm index of the buyer (where the goods go).
        public var buyer: Int
        /// Annual purchase value in the dataset's money unit, summed over merged rows
        /// (≥ 0; a zero-value link is still a link).
        public var value: Double
        /// Segment of the supplied goods; nil when unknown.
        public var segment: Int?
    }

    /// Links into `buyer` (its purchases), ordered by supplier then segment.
    /// - Complexity: O(in-degree · log n).
    public func purchases(of buyer: Int) -> [Link] {
        (inOffsets[buyer]..<inOffsets[buyer + 1]).map(link)
    }

    /// Links out of `supplier` (its sales), ordered by buyer then segment.
    /// - Complexity: O(out-degree · log n).
    public func sales(of supplier: Int) -> [Link] {
        (outOffsets[supplier]..<outOffsets[supplier + 1]).map { link(Int(outLink[$0])) }
    }

    /// Link number `e` in buyer order (`0..<linkCount`).
    /// - Complexity: O(log n): a binary search for the buyer.
    public func link(_ e: Int) -> Link {
        // Binary search the buyer whose range holds e.
        var lo = 0, hi = firmCount
        while lo < hi {
            let mid = (lo + hi) / 2
            if inOffsets[mid + 1] <= e { lo = mid + 1 } else { hi = mid }
        }
        let s = linkSegment[e]
        return Link(supplier: Int(inSupplier[e]), buyer: lo, value: value[e], segment: s < 0 ? nil : Int(s))
    }

    /// Σ value of firm `f`'s purchases (all suppliers and segments), compensated (SPEC §4).
    public func inValue(_ f: Int) -> Double { MoneySum.of(value[inOffsets[f]..<inOffsets[f + 1]]) }
    /// Σ value of firm `f`'s sales (all buyers and segments), compensated (SPEC §4).
    public func outValue(_ f: Int) -> Double { MoneySum.of(outLink[outOffsets[f]..<outOffsets[f + 1]].lazy.map { self.value[Int($0)] }) }

    /// Number of links into `f` (one per supplier and segment).
    public func inLinkCount(_ f: Int) -> Int { inOffsets[f + 1] - inOffsets[f] }
    /// Number of links out of `f`.
    public func outLinkCount(_ f: Int) -> Int { outOffsets[f + 1] - outOffsets[f] }

    /// Resident bytes of the link storage (both directions, values, segments, offsets).
    public var linkStorageBytes: Int {
        inSupplier.count * 4 + value.count * 8 + linkSegment.count * 4 + outBuyer.count * 4 + outLink.count * 4
            + (inOffsets.count + outOffsets.count) * 8
    }
}

/// What building a graph merged and dropped (SPEC §1 rules).
public struct BuildStats: Sendable, Hashable, Codable {
    /// Link rows read (or added through the builder), before merging.
    public var linkRows: Int = 0
    /// Rows folded into an earlier row with the same (supplier, buyer, segment).
    public var mergedLinks: Int = 0
    /// Rows with supplier == buyer, dropped.
    public var droppedSelfLoops: Int = 0

    /// Counts as given (all 0 by default).
    public init(linkRows: Int = 0, mergedLinks: Int = 0, droppedSelfLoops: Int = 0) {
        self.linkRows = linkRows
        self.mergedLinks = mergedLinks
        self.droppedSelfLoops = droppedSelfLoops
    }
}
