/// Chain gaps in a region (SPEC §3.2): missing segments (空白环节), missing local links
/// (缺失配套), weak segments (短板), single-supplier dependencies (卡脖子) and strong
/// segments (长板).
///
/// F_L = firms in the region; required(b) = inputs of all of b's segments; supply(b, T) =
/// value bought by b with link segment T; localsupply(b, T) the part from local
/// suppliers. Only present(T) and the candidate rules look at descendants of T; links of
/// unknown segment never appear in a row. Values are money in the dataset's unit.
///
/// ```swift
/// let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
/// for row in try ChainGaps.compute(context) where row.kind == .missingSegment {
///     print(row.segment, row.candidates)
/// }
/// ```
public enum ChainGaps {
    /// The row type of each gap (an alias kept for readability at call sites).
    public typealias Kind = GapKind

    /// The share thresholds of weak and strong segments.
    public struct Thresholds: Sendable, Hashable, Codable {
        /// A present segment with local demand is weak when its local share is below this.
        public var weakBelow: Double
        /// A present segment whose local firms sell at least as much of it outside the region
        /// as inside is strong when its local share is at least this (or the region buys
        /// none of it).
        public var strongAbove: Double

        /// The SPEC defaults: weak below 0.5, strong from 0.8.
        public init(weakBelow: Double = 0.5, strongAbove: Double = 0.8) {
            self.weakBelow = weakBelow
            self.strongAbove = strongAbove
        }

        /// Checks that both thresholds are shares in [0, 1]; the weak one need not be below
        /// the strong one (a segment may then be both weak and strong).
        /// - Throws: ``ChainGraphError/invalidParameter(_:value:expected:)`` outside [0, 1].
        public func validate() throws(ChainGraphError) {
            guard weakBelow >= 0 && weakBelow <= 1 else { throw .invalidParameter(.weakBelow, value: "\(weakBelow)", expected: "a share in [0, 1]") }
            guard strongAbove >= 0 && strongAbove <= 1 else {
                throw .invalidParameter(.strongAbove, value: "\(strongAbove)", expected: "a share in [0, 1]")
            }
        }
    }

    /// One gap; fields that do not apply to its kind are nil (SPEC §4 `gaps` columns).
    public struct Row: ResultRow, Hashable {
        /// The row type.
        public var kind: GapKind
        /// Chain of the segment; nil when the segment belongs to no chain.
        public var chain: String?
        /// Segment id: the missing, weak or strong segment, or the segment bought.
        public var segment: String
        /// missing_link, single_source: the local buyer.
        public var buyer: String?
        /// single_source: the only supplier.
        public var supplier: String?
        /// weak_segment: local demand D; single_source: supply(b, T); strong_segment:
        /// local output O(T).
        public var value: Double?
        /// What local buyers buy of the segment from outside the region: missing_segment:
        /// D(T), all of it; missing_link: supply(b, T) (0 when b buys none); weak_segment and
        /// strong_segment: D(T) − L(T).
        public var importedValue: Double?
        /// missing_segment: local firms whose segments take the segment as an input.
        public var dependents: Int?
        /// weak_segment, strong_segment: local supply ÷ local demand; nil for a strong
        /// segment the region does not buy.
        public var localShare: Double?
        /// single_source: whether the supplier is local.
        public var supplierLocal: Bool?
        /// Up to 5 firm ids, best first: 精准招商 targets (missing_segment, weak_segment:
        /// outside firms with a known region having the segment or one below it, by value
        /// already sold into the region, then revenue, then id) or 供需对接 partners
        /// (missing_link: other local firms having it, by total sales, then id).
        public var candidates: [String] = []

        /// `type,chain,segment,buyer,supplier,value,imported_value,dependents,local_share,supplier_local,candidates`.
        public static let columns = [
            ResultColumn("type", .text, zh: "类型", en: "Type"), ResultColumn("chain", .text, zh: "产业链", en: "Chain"),
            ResultColumn("segment", .text, zh: "环节", en: "Segment"), ResultColumn("buyer", .text, zh: "采购商", en: "Buyer"),
            ResultColumn("supplier", .text, zh: "供应商", en: "Supplier"), ResultColumn("value", .money, zh: "金额", en: "Value"),
            ResultColumn("imported_value", .money, zh: "外购额", en: "Imported value"),
            ResultColumn("dependents", .integer, zh: "需求企业数", en: "Dependent firms"),
            ResultColumn("local_share", .share, zh: "本地占比", en: "Local share"),
            ResultColumn("supplier_local", .bool, zh: "供应商在本地", en: "Supplier local"),
            ResultColumn("candidates", .list, zh: "候选企业", en: "Candidates"),
        ]

        /// The cells in column order; columns that do not apply to the kind are empty.
        public var cells: [ResultCell] {
            let applies = kind.applicableColumns
            let all: [ResultCell] = [.text(kind.rawValue), .text(chain), .text(segment), .text(buyer), .text(supplier), .money(value),
                                     .money(importedValue), .integer(dependents), .number(localShare), .bool(supplierLocal), .list(candidates)]
            return zip(Self.columns, all).map { applies.contains($0.name) ? $1 : .empty }
        }

        /// The columns of this row's kind (``GapKind/applicableColumns``).
        public var applicableColumns: Set<String>? { kind.applicableColumns }
    }

    /// Per segment, the region's demand and local output (SPEC §3.2 weak and strong rules).
    public struct SegmentBalance: Sendable, Hashable {
        /// D(T) = Σ_{b∈F_L} supply(b, T).
        public var demand: Double
        /// L(T) = Σ_{b∈F_L} localsupply(b, T).
        public var localSupply: Double
        /// O(T) = Σ value of links of segment T from local suppliers, to any buyer.
        public var localOutput: Double
        /// The part of O(T) sold to buyers outside the region.
        public var soldOutside: Double
        /// L ÷ D, nil when D = 0.
        public var localShare: Double? { demand > 0 ? localSupply / demand : nil }
    }

    /// The gap rows with the per-segment balances they were derived from.
    public struct Analysis: Sendable {
        /// Rows of every kind, in SPEC §3.2 order.
        public var rows: [Row]
        /// One balance per segment, in segment index order.
        public var balance: [SegmentBalance]
    }

    /// The gap rows of every kind, in SPEC §3.2 order.
    /// - Throws: ``ChainGraphError/needsChainTree(analysis:)``; a usage error in relative
    ///   mode; ``ChainGraphError/invalidParameter(_:value:expected:)`` for a threshold
    ///   outside [0, 1].
    /// - Complexity: O(n · segments · depth + m) plus the candidate sorts.
    public static func compute(_ context: RegionContext, thresholds: Thresholds = Thresholds()) throws(ChainGraphError) -> [Row] {
        try analyze(context, thresholds: thresholds).rows
    }

    /// The gap rows and the per-segment balances (for reports that colour the chain tree).
    /// - Throws: as ``compute(_:thresholds:)``.
    public static func analyze(_ context: RegionContext, thresholds: Thresholds = Thresholds()) throws(ChainGraphError) -> Analysis {
        let graph = context.graph
        try graph.requireChainTree(for: "the gap analysis")
        _ = try context.requireFixedRegion(for: "the gap analysis")
        try thresholds.validate()
        var scan = Scan(context)
        scan.run()
        let balance = (0..<graph.segments.count).map { t in
            SegmentBalance(demand: scan.demand[t].value, localSupply: scan.localSupply[t].value, localOutput: scan.localOutput[t].value,
                           soldOutside: scan.soldOutside[t].value)
        }
        var rows: [Row] = []
        for kind in GapKind.allCases {
            rows += scan.rows(of: kind, balance: balance, thresholds: thresholds)
        }
        return Analysis(rows: rows, balance: balance)
    }
}

extension ChainGaps {
    /// One pass over the local buyers' purchases and the local suppliers' sales.
    struct Scan {
        let context: RegionContext
        let graph: SupplyGraph
        var demand: [MoneySum], localSupply: [MoneySum], localOutput: [MoneySum], soldOutside: [MoneySum]
        var dependents: [Int]
        var missingLinks: [Row] = []
        var singles: [Row] = []
        /// Per firm: Σ value of all its sales, and of its sales to F_L.
        var outValue: [Double], valueToLocal: [Double]
        /// Per segment: firms having it or a descendant, local and outside (known region).
        var localHaving: [[Int]], outsideHaving: [[Int]]

        init(_ context: RegionContext) {
            self.context = context
            graph = context.graph
            let s = graph.segments.count, n = graph.firmCount
            demand = Array(repeating: MoneySum(), count: s)
            localSupply = demand
            localOutput = demand
            soldOutside = demand
            dependents = Array(repeating: 0, count: s)
            outValue = Array(repeating: 0, count: n)
            valueToLocal = Array(repeating: 0, count: n)
            localHaving = Array(repeating: [], count: s)
            outsideHaving = Array(repeating: [], count: s)
        }

        func id(_ f: Int) -> String { graph.firms.id(f) }
        func chainName(_ t: Int) -> String? { graph.segments.segments[t].chain.map { graph.segments.chains[$0] } }

        mutating func run() {
            let local = context.isInRegion, tree = graph.segments, firms = graph.firms
            for f in 0..<graph.firmCount {
                var out = MoneySum(), toLocal = MoneySum()
                for p in graph.outOffsets[f]..<graph.outOffsets[f + 1] {
                    let e = Int(graph.outLink[p]), b = Int(graph.outBuyer[p])
                    out.add(graph.value[e])
                    if local[b] { toLocal.add(graph.value[e]) }
                    let t = Int(graph.linkSegment[e])
                    if local[f] && t >= 0 {
                        localOutput[t].add(graph.value[e])
                        if !local[b] { soldOutside[t].add(graph.value[e]) }
                    }
                }
                outValue[f] = out.value
                valueToLocal[f] = toLocal.value
            }
            var stamp = [Int](repeating: -1, count: tree.count)
            for f in 0..<graph.firmCount where local[f] || firms.regionOf[f] >= 0 {
                for s in firms.segments(f) {
                    for a in tree.selfAndAncestors(Int(s)) where stamp[a] != f {
                        stamp[a] = f
                        if local[f] { localHaving[a].append(f) } else { outsideHaving[a].append(f) }
                    }
                }
            }
            // Each segment's candidates in ranking order, once (a candidate list is then its
            // first five, skipping the buyer for missing_link rows).
            let out = outValue, toLocal = valueToLocal, ids = graph.firms
            func revenue(_ f: Int) -> Double { ids.revenue(f) ?? 0 }
            for a in 0..<tree.count {
                localHaving[a].sort { x, y in Ranking.before(out[x], out[y]) ?? ids.id(x).precedesInBytes(ids.id(y)) }
                outsideHaving[a].sort { x, y in
                    Ranking.before(toLocal[x], toLocal[y]) ?? Ranking.before(revenue(x), revenue(y)) ?? ids.id(x).precedesInBytes(ids.id(y))
                }
            }
            // Per segment of the buyer: the first supplier and whether another one appeared
            // (a buyer's in-links are sorted by supplier, so a repeat of the same supplier is
            // always adjacent to its previous link of that segment).
            var supply: [Int: MoneySum] = [:], localPart: [Int: MoneySum] = [:]
            var suppliers: [Int: (first: Int, last: Int, several: Bool)] = [:]
            for b in 0..<graph.firmCount where local[b] {
                var needs = Set<Int>()
                for s in firms.segments(b) { needs.formUnion(tree.segments[Int(s)].inputs) }
                let required = needs.sorted()
                for t in required { dependents[t] += 1 }
                supply.removeAll(keepingCapacity: true)
                localPart.removeAll(keepingCapacity: true)
                suppliers.removeAll(keepingCapacity: true)
                for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] {
                    let t = Int(graph.linkSegment[e])
                    guard t >= 0 else { continue }
                    let s = Int(graph.inSupplier[e])
                    supply[t, default: MoneySum()].add(graph.value[e])
                    if local[s] { localPart[t, default: MoneySum()].add(graph.value[e]) }
                    if let seen = suppliers[t] {
                        if seen.last != s { suppliers[t] = (seen.first, s, true) }
                    } else {
                        suppliers[t] = (s, s, false)
                    }
                }
                for (t, v) in supply { demand[t].add(v) }
                for (t, v) in localPart { localSupply[t].add(v) }
                for t in required where context.isPresent[t] && (localPart[t]?.value ?? 0) == 0 {
                    missingLinks.append(Row(kind: .missingLink, chain: chainName(t), segment: tree.segments[t].id, buyer: id(b),
                                            importedValue: supply[t]?.value ?? 0, candidates: localCandidates(t, excluding: b)))
                }
                for (t, v) in supply where v.value > 0 && !suppliers[t]!.several {
                    let s = suppliers[t]!.first
                    singles.append(Row(kind: .singleSource, chain: chainName(t), segment: tree.segments[t].id, buyer: id(b),
                                       supplier: id(s), value: v.value, supplierLocal: local[s]))
                }
            }
        }

        /// missing_link partners: local firms other than b having T or a descendant, by
        /// total out-value, then id (``localHaving`` is kept in that order).
        func localCandidates(_ t: Int, excluding b: Int) -> [String] {
            localHaving[t].lazy.filter { $0 != b }.prefix(5).map(id)
        }

        /// 招商 targets: outside firms with a known region having T or a descendant, by
        /// value sold into the region, then revenue, then id (``outsideHaving``'s order).
        func outsideCandidates(_ t: Int) -> [String] {
            outsideHaving[t].prefix(5).map(id)
        }

        func rows(of kind: GapKind, balance: [SegmentBalance], thresholds: Thresholds) -> [Row] {
            let tree = graph.segments
            switch kind {
            case .missingSegment:
                var rows: [Row] = []
                for c in tree.chains.indices where context.chainHasLocalFirm[c] {
                    for t in tree.leaves(ofChain: c) where !context.isPresent[t] {
                        rows.append(Row(kind: .missingSegment, chain: tree.chains[c], segment: tree.segments[t].id,
                                        importedValue: balance[t].demand, dependents: dependents[t], candidates: outsideCandidates(t)))
                    }
                }
                return rows.sorted { a, b in
                    if let d = Ranking.before(a.importedValue!, b.importedValue!) { return d }
                    if a.dependents! != b.dependents! { return a.dependents! > b.dependents! }
                    return a.segment.precedesInBytes(b.segment)
                }
            case .missingLink:
                return missingLinks.sorted(by: Row.byDescending(\.importedValue))
            case .weakSegment:
                var rows: [Row] = []
                for t in 0..<tree.count where context.isPresent[t] && balance[t].demand > 0 {
                    let share = balance[t].localShare!
                    guard share < thresholds.weakBelow else { continue }
                    rows.append(Row(kind: .weakSegment, chain: chainName(t), segment: tree.segments[t].id, value: balance[t].demand,
                                    importedValue: MoneySum.of([balance[t].demand, -balance[t].localSupply]), localShare: share,
                                    candidates: outsideCandidates(t)))
                }
                return rows.sorted { a, b in
                    Ranking.before(b.localShare!, a.localShare!) ?? a.segment.precedesInBytes(b.segment)
                }
            case .singleSource:
                return singles.sorted(by: Row.byDescending(\.value))
            case .strongSegment:
                var rows: [Row] = []
                for t in 0..<tree.count where context.isPresent[t] {
                    let b = balance[t]
                    guard b.localOutput > 0, b.soldOutside >= b.localSupply else { continue }
                    if let share = b.localShare, share < thresholds.strongAbove { continue }
                    rows.append(Row(kind: .strongSegment, chain: chainName(t), segment: tree.segments[t].id, value: b.localOutput,
                                    importedValue: MoneySum.of([b.demand, -b.localSupply]), localShare: b.localShare))
                }
                return rows.sorted(by: Row.byDescending(\.value))
            }
        }
    }
}

extension ChainGaps.Row {
    /// SPEC §3.2 order of the buyer-level and strong rows: `key` descending (ties to 12
    /// significant digits), then buyer, then segment, by UTF-8 bytes.
    static func byDescending(_ key: KeyPath<Self, Double?>) -> (Self, Self) -> Bool {
        { a, b in
            if let d = Ranking.before(a[keyPath: key]!, b[keyPath: key]!) { return d }
            if a.buyer != b.buyer { return (a.buyer ?? "").precedesInBytes(b.buyer ?? "") }
            return a.segment.precedesInBytes(b.segment)
        }
    }
}
