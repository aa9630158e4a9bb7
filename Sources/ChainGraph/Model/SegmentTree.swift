/// Position of a segment along the chain (SPEC §1 `stage`).
public enum Stage: String, Sendable, CaseIterable, Codable {
    /// 上游: raw materials and basic components.
    case upstream
    /// 中游: parts, modules and intermediate products.
    case midstream
    /// 下游: final assembly, products and applications.
    case downstream

    /// Accepts `upstream`/`midstream`/`downstream` in any case and 上游/中游/下游.
    public init?(userValue: String) {
        switch userValue.lowercased() {
        case "upstream", "上游": self = .upstream
        case "midstream", "中游": self = .midstream
        case "downstream", "下游": self = .downstream
        default: return nil
        }
    }
}

/// One segment (环节) of an industrial chain's tree (产业链树状图).
///
/// Segments are referred to by their dense index in ``SegmentTree/segments``; links and
/// firms store those indices.
public struct Segment: Sendable, Hashable {
    /// Segment id (环节编号), unique in the dataset.
    public var id: String
    /// Display name (环节名称); empty when unknown.
    public var name: String
    /// Index into ``SegmentTree/chains``; nil for a segment named only in firms or links
    /// when the dataset has no `segments.csv`.
    public var chain: Int?
    /// Index of the parent segment; nil at the top level.
    public var parent: Int?
    /// Position along the chain; nil when `segments.csv` gives none.
    public var stage: Stage?
    /// Indices of the segments this segment needs as inputs (SPEC §1 `inputs`).
    public var inputs: [Int]
}

/// The chain trees of a dataset: segments, their chains, parents, children and inputs.
///
/// Built once and immutable. Segment indices are dense (`0..<count`) and in file order.
///
/// Without `segments.csv` the tree holds only the segment ids named by firms and links, as
/// labels without chain, parent or inputs, and ``hasTree`` is false; analyses that need the
/// chain tree (coverage, gaps, leaders, the chain grouping of the local rate) then throw
/// ``ChainGraphError/needsChainTree(analysis:)``.
public struct SegmentTree: Sendable, Equatable {
    /// Every segment, indexed by its dense segment index (file order).
    public let segments: [Segment]
    /// Chain ids/names in order of first appearance.
    public let chains: [String]
    /// Children of each segment, in file order.
    public let children: [[Int]]
    /// True when the dataset had a `segments.csv` (a chain tree); false when segments are
    /// only labels named by firms and links.
    public let hasTree: Bool
    private let indexById: [String: Int]

    package init(segments: [Segment], chains: [String], hasTree: Bool) {
        self.segments = segments
        self.chains = chains
        self.hasTree = hasTree
        var children = [[Int]](repeating: [], count: segments.count)
        var index: [String: Int] = [:]
        for (i, s) in segments.enumerated() {
            if let p = s.parent { children[p].append(i) }
            index[s.id] = i
        }
        self.children = children
        self.indexById = index
    }

    /// An empty tree (no segments).
    public static let empty = SegmentTree(segments: [], chains: [], hasTree: false)

    /// Number of segments (of all chains, leaves and groups alike).
    public var count: Int { segments.count }

    /// The index of the segment with this id.
    public func index(of id: String) -> Int? { indexById[id] }

    /// Leaves (segments without children) of chain `c`, in file order.
    public func leaves(ofChain c: Int) -> [Int] {
        segments.indices.filter { segments[$0].chain == c && children[$0].isEmpty }
    }

    /// True when `segment` is `ancestor` or lies below it in the tree.
    /// - Complexity: O(depth).
    public func isDescendant(_ segment: Int, of ancestor: Int) -> Bool {
        var s: Int? = segment
        var steps = 0
        while let current = s, steps <= segments.count {
            if current == ancestor { return true }
            s = segments[current].parent
            steps += 1
        }
        return false
    }

    /// `segment` and all its ancestors, nearest first.
    public func selfAndAncestors(_ segment: Int) -> [Int] {
        var out: [Int] = []
        var s: Int? = segment
        while let current = s, out.count <= segments.count {
            out.append(current)
            s = segments[current].parent
        }
        return out
    }

    /// Index of the chain with this id or name.
    public func chainIndex(of name: String) -> Int? { chains.firstIndex(of: name) }
}
