/// What-if attraction (招商 simulation, SPEC §3.7): what a new local plant of segment T with
/// capacity V would do for the region's local supporting rate.
///
/// The plant takes over local buyers' imports of T — imports(b, T) = Σ value of links into
/// b of segment T from suppliers outside R — serving buyers in order of imports descending
/// (ties to 12 significant digits, then id), each moving m(b) = min(remaining capacity,
/// imports(b, T)) from non-local to local supply. Input totals do not change.
///
/// ```swift
/// let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
/// let plant = try WhatIf.plant(attracting: "F0042", in: context)
/// let outcome = try WhatIf.simulate(context, plant: plant)
/// let shortlist = try WhatIf.rank(context)      // 精准招商: every candidate of every gap
/// ```
public enum WhatIf {
    /// A new local plant: the segment it makes and how much it can supply.
    public struct Plant: Sendable, Hashable {
        /// Segment index in the graph's ``SegmentTree``.
        public var segment: Int
        /// Capacity V ≥ 0 in the dataset's money unit.
        public var capacity: Double
        /// The attracted firm (`--attract F`), nil for a plant given by segment
        /// (`--add T`). The firm itself stays where it is.
        public var attracted: Int?

        /// A plant of `segment` with `capacity`.
        public init(segment: Int, capacity: Double, attracted: Int? = nil) {
            self.segment = segment
            self.capacity = capacity
            self.attracted = attracted
        }
    }

    /// A plant modelled on an outside firm: its primary segment, with `capacity` or the
    /// firm's total out-value Σ_b w(F, b) (all its segments).
    /// - Throws: ``ChainGraphError/unknownFirm(_:)``; ``ChainGraphError/usage(_:)`` when the
    ///   firm is in the region, has no known region or no segment;
    ///   ``ChainGraphError/invalidParameter(_:value:expected:)`` for a negative or
    ///   non-finite capacity; a usage error in relative mode.
    public static func plant(attracting id: String, capacity: Double? = nil, in context: RegionContext) throws(ChainGraphError) -> Plant {
        let region = try context.requireFixedRegion(for: "the what-if simulation")
        let graph = context.graph
        guard let f = graph.firms.index(of: id) else { throw .unknownFirm(id) }
        guard graph.firms.regionOf[f] >= 0 else { throw .usage("firm \(id) has no known region; only a firm outside \(region) can be attracted") }
        guard !context.isInRegion[f] else { throw .usage("firm \(id) is already in \(region); attract a firm from outside it") }
        guard let t = graph.firms.primarySegment(f) else { throw .usage("firm \(id) has no segment, so what its plant would make is unknown") }
        let v = capacity ?? graph.outValue(f)
        try validate(capacity: v)
        return Plant(segment: t, capacity: v, attracted: f)
    }

    /// A plant of the segment with id `segment` and the given capacity.
    /// - Throws: ``ChainGraphError/unknownSegment(_:)``;
    ///   ``ChainGraphError/invalidParameter(_:value:expected:)`` for a negative or
    ///   non-finite capacity; a usage error in relative mode.
    public static func plant(segment id: String, capacity: Double, in context: RegionContext) throws(ChainGraphError) -> Plant {
        _ = try context.requireFixedRegion(for: "the what-if simulation")
        guard let t = context.graph.segments.index(of: id) else { throw .unknownSegment(id) }
        try validate(capacity: capacity)
        return Plant(segment: t, capacity: capacity)
    }

    private static func validate(capacity: Double) throws(ChainGraphError) {
        guard capacity.isFinite, capacity >= 0 else {
            throw .invalidParameter(.capacity, value: NumberFormat.plain(capacity).isEmpty ? "\(capacity)" : NumberFormat.plain(capacity),
                                    expected: "a capacity of at least 0 in the dataset's money unit")
        }
    }

    /// Value moved to one buyer.
    public struct Move: Sendable, Hashable {
        /// Buyer firm index.
        public var buyer: Int
        /// m(b): value moved from non-local to local supply.
        public var value: Double
    }

    /// One row of `chaingraph whatif` (SPEC §3.7).
    public struct Row: ResultRow, Hashable {
        /// `region`, `chain` or `segment`.
        public var group: String
        /// R, a chain or a segment id.
        public var key: String
        /// Σ value of the group's buyers' purchases (unchanged by the move).
        public var inputValue: Double
        /// Σ local purchases before the move.
        public var localValueBefore: Double
        /// Σ local purchases after the move.
        public var localValueAfter: Double
        /// Value rate before; nil when the input is 0.
        public var valueRateBefore: Double?
        /// Value rate after; nil when the input is 0.
        public var valueRateAfter: Double?
        /// After − before; nil when undefined.
        public var delta: Double?
        /// Σ m(b) over the group's buyers.
        public var movedValue: Double

        /// `group,key,input_value,local_value_before,local_value_after,value_rate_before,value_rate_after,delta,moved_value`.
        public static let columns = [
            ResultColumn("group", .text, zh: "层级", en: "Group"), ResultColumn("key", .text, zh: "对象", en: "Key"),
            ResultColumn("input_value", .money, zh: "采购总额", en: "Purchase value"),
            ResultColumn("local_value_before", .money, zh: "本地采购额（前）", en: "Local purchases before"),
            ResultColumn("local_value_after", .money, zh: "本地采购额（后）", en: "Local purchases after"),
            ResultColumn("value_rate_before", .share, zh: "配套率（前）", en: "Rate before"),
            ResultColumn("value_rate_after", .share, zh: "配套率（后）", en: "Rate after"),
            ResultColumn("delta", .share, zh: "配套率变化", en: "Change"),
            ResultColumn("moved_value", .money, zh: "转为本地的采购额", en: "Value moved local"),
        ]

        /// The cells in column order.
        public var cells: [ResultCell] {
            [.text(group), .text(key), .money(inputValue), .money(localValueBefore), .money(localValueAfter), .number(valueRateBefore),
             .number(valueRateAfter), .number(delta), .money(movedValue)]
        }
    }

    /// What one plant does.
    public struct Outcome: Sendable {
        /// The plant simulated.
        public var plant: Plant
        /// The region row, then chain and segment rows of groups with a buyer served, in
        /// SPEC §3.7 order.
        public var rows: [Row]
        /// m(b) > 0 per buyer served, in service order.
        public var moves: [Move]
        /// Gap rows of SPEC §3.2 the move closes, in §3.2 order: the missing_segment row of
        /// T, the missing_link rows (b, T) of buyers served, the weak_segment row of T when
        /// its local share reaches the threshold.
        public var closedGaps: [ChainGaps.Row]
    }

    /// Simulates one plant.
    /// - Parameters:
    ///   - context: a fixed-region context.
    ///   - plant: the plant (``plant(attracting:capacity:in:)``, ``plant(segment:capacity:in:)``).
    ///   - thresholds: the weak-segment threshold that decides whether a weak row closes.
    /// - Throws: ``ChainGraphError/needsChainTree(analysis:)``; a usage error in relative
    ///   mode; invalid thresholds.
    /// - Complexity: O(n + m) plus the gap analysis.
    public static func simulate(_ context: RegionContext, plant: Plant, thresholds: ChainGaps.Thresholds = ChainGaps.Thresholds()) throws(ChainGraphError) -> Outcome {
        let region = try context.requireFixedRegion(for: "the what-if simulation")
        let graph = context.graph
        try graph.requireChainTree(for: "the what-if simulation")
        let moves = allocate(importsBySegment(context, only: plant.segment)[plant.segment], capacity: plant.capacity)
        let before = try Baseline(context)
        var rows = [before.row(group: "region", key: region.description, base: before.region, moved: MoneySum.of(moves.map(\.value)))]
        var chainMoved: [Int: MoneySum] = [:], segmentMoved: [Int: MoneySum] = [:]
        for move in moves {
            for c in graph.chains(of: move.buyer) { chainMoved[c, default: MoneySum()].add(move.value) }
            if let s = graph.firms.primarySegment(move.buyer) { segmentMoved[s, default: MoneySum()].add(move.value) }
        }
        var chainRows = chainMoved.map { c, moved in
            before.row(group: "chain", key: graph.segments.chains[c], base: before.chains[graph.segments.chains[c]], moved: moved.value)
        }
        var segmentRows = segmentMoved.map { s, moved in
            let id = graph.segments.segments[s].id
            return before.row(group: "segment", key: id, base: before.segments[id], moved: moved.value)
        }
        chainRows.sort(by: byDelta)
        segmentRows.sort(by: byDelta)
        rows += chainRows + segmentRows

        let gaps = try ChainGaps.analyze(context, thresholds: thresholds)
        let segmentId = graph.segments.segments[plant.segment].id
        let served = Set(moves.map { graph.firms.id($0.buyer) })
        let balance = gaps.balance[plant.segment]
        let newLocal = MoneySum.of([balance.localSupply] + moves.map(\.value))
        let closed = gaps.rows.filter { row in
            guard row.segment == segmentId else { return false }
            switch row.kind {
            case .missingSegment: return true
            case .missingLink: return served.contains(row.buyer ?? "")
            case .weakSegment: return balance.demand > 0 && newLocal / balance.demand >= thresholds.weakBelow
            case .singleSource, .strongSegment: return false
            }
        }
        return Outcome(plant: plant, rows: rows, moves: moves, closedGaps: closed)
    }

    /// SPEC §3.7 order within a group: delta descending (ties to 12 significant digits,
    /// undefined last), then key.
    static func byDelta(_ a: Row, _ b: Row) -> Bool {
        Ranking.beforeUndefinedLast(a.delta, b.delta) ?? a.key.precedesInBytes(b.key)
    }

    /// imports(b, T) > 0 for every segment T at once, or only for segment `only` (one pass
    /// over the local buyers' purchases), each list in service order: descending, ties to
    /// 12 significant digits, then id.
    static func importsBySegment(_ context: RegionContext, only: Int? = nil) -> [[Move]] {
        let graph = context.graph
        var lists = [[Move]](repeating: [], count: graph.segments.count)
        var sums: [Int: MoneySum] = [:]
        for b in 0..<graph.firmCount where context.isInRegion[b] {
            sums.removeAll(keepingCapacity: true)
            for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] where !context.isInRegion[Int(graph.inSupplier[e])] {
                let t = Int(graph.linkSegment[e])
                if t >= 0 && (only == nil || t == only) { sums[t, default: MoneySum()].add(graph.value[e]) }
            }
            for (t, sum) in sums where sum.value > 0 { lists[t].append(Move(buyer: b, value: sum.value)) }
        }
        return lists.map { serviceOrder($0, graph) }
    }

    private static func serviceOrder(_ list: [Move], _ graph: SupplyGraph) -> [Move] {
        list.sorted { x, y in Ranking.before(x.value, y.value) ?? graph.firms.id(x.buyer).precedesInBytes(graph.firms.id(y.buyer)) }
    }

    /// The greedy service of SPEC §3.7: each buyer in order gets min(remaining, imports).
    /// The remaining capacity is capacity − Σ allocated, summed compensated, and counts as
    /// used up once it is 0 to 12 significant digits of the capacity (the tie rule of SPEC §4),
    /// so round-off never serves a buyer a crumb of 1e-13.
    static func allocate(_ imports: [Move], capacity: Double) -> [Move] {
        var allocated = MoneySum()
        var moves: [Move] = []
        for item in imports {
            let remaining = MoneySum.of([capacity, -allocated.value])
            guard remaining > 0, !Ranking.tied(capacity, allocated.value) else { break }
            let m = min(remaining, item.value)
            moves.append(Move(buyer: item.buyer, value: m))
            allocated.add(m)
        }
        return moves
    }

    /// The local-rate rows before any move (SPEC §3.1 sums), by group key.
    struct Baseline {
        var region: LocalSupportingRate.Row?
        var chains: [String: LocalSupportingRate.Row] = [:]
        var segments: [String: LocalSupportingRate.Row] = [:]

        init(_ context: RegionContext) throws(ChainGraphError) {
            region = try LocalSupportingRate.compute(context, by: .region).first
            for row in try LocalSupportingRate.compute(context, by: .chain) { chains[row.key] = row }
            for row in try LocalSupportingRate.compute(context, by: .segment) { segments[row.key] = row }
        }

        func row(group: String, key: String, base: LocalSupportingRate.Row?, moved: Double) -> Row {
            let input = base?.inputValue ?? 0, local = base?.localValue ?? 0
            let after = MoneySum.of([local, moved])
            let rateBefore = input > 0 ? local / input : nil, rateAfter = input > 0 ? after / input : nil
            return Row(group: group, key: key, inputValue: input, localValueBefore: local, localValueAfter: after,
                       valueRateBefore: rateBefore, valueRateAfter: rateAfter,
                       delta: rateBefore.flatMap { b in rateAfter.map { $0 - b } }, movedValue: moved)
        }
    }
}

extension WhatIf {
    /// One candidate of the 精准招商 shortlist (`whatif --rank`, SPEC §3.7).
    public struct Candidate: ResultRow, Hashable {
        /// Chain of the segment.
        public var chain: String
        /// The missing or weak segment.
        public var segment: String
        /// The outside firm evaluated as a plant of the segment.
        public var candidate: String
        /// Its total out-value (all its segments), the plant's capacity.
        public var capacity: Double
        /// Σ m(b) over the chain's buyers.
        public var movedValue: Double
        /// The chain's value rate before; nil when its buyers buy nothing.
        public var valueRateBefore: Double?
        /// The chain's value rate after.
        public var valueRateAfter: Double?
        /// After − before.
        public var delta: Double?

        /// `chain,segment,candidate,capacity,moved_value,value_rate_before,value_rate_after,delta`.
        public static let columns = [
            ResultColumn("chain", .text, zh: "产业链", en: "Chain"), ResultColumn("segment", .text, zh: "环节", en: "Segment"),
            ResultColumn("candidate", .text, zh: "招商对象", en: "Candidate"), ResultColumn("capacity", .money, zh: "产能（供货额）", en: "Capacity"),
            ResultColumn("moved_value", .money, zh: "转为本地的采购额", en: "Value moved local"),
            ResultColumn("value_rate_before", .share, zh: "链配套率（前）", en: "Chain rate before"),
            ResultColumn("value_rate_after", .share, zh: "链配套率（后）", en: "Chain rate after"),
            ResultColumn("delta", .share, zh: "配套率提升", en: "Change"),
        ]

        /// The cells in column order.
        public var cells: [ResultCell] {
            [.text(chain), .text(segment), .text(candidate), .money(capacity), .money(movedValue), .number(valueRateBefore),
             .number(valueRateAfter), .number(delta)]
        }
    }

    /// The 精准招商 shortlist: every candidate F of every missing_segment and weak_segment
    /// row of SPEC §3.2, simulated as a plant of the row's segment with F's total out-value
    /// as capacity, measured on the chain of the segment; a (segment, firm) pair once.
    /// Ordered by delta descending (ties to 12 significant digits, undefined last), then
    /// chain, segment and candidate by UTF-8 bytes.
    /// - Parameters:
    ///   - context: a fixed-region context.
    ///   - thresholds: the gap thresholds that decide the missing and weak rows.
    ///   - given: the gap analysis of this context with these thresholds, when the caller
    ///     has it already (the report); nil computes it.
    /// - Throws: as ``simulate(_:plant:thresholds:)``.
    /// - Complexity: one pass over the local buyers' purchases, then per candidate one pass
    ///   over the buyers importing its segment.
    public static func rank(_ context: RegionContext, thresholds: ChainGaps.Thresholds = ChainGaps.Thresholds(),
                            gaps given: ChainGaps.Analysis? = nil) throws(ChainGraphError) -> [Candidate] {
        _ = try context.requireFixedRegion(for: "the what-if shortlist")
        let graph = context.graph
        try graph.requireChainTree(for: "the what-if shortlist")
        let gaps: ChainGaps.Analysis
        if let given { gaps = given } else { gaps = try ChainGaps.analyze(context, thresholds: thresholds) }
        let baseline = try Baseline(context)
        let importLists = importsBySegment(context)
        var seen = Set<String>()
        var out: [Candidate] = []
        for row in gaps.rows where row.kind == .missingSegment || row.kind == .weakSegment {
            guard let t = graph.segments.index(of: row.segment), let c = graph.segments.segments[t].chain else { continue }
            let chain = graph.segments.chains[c]
            for id in row.candidates where seen.insert(row.segment + "\u{0}" + id).inserted {
                guard let f = graph.firms.index(of: id) else { continue }
                let capacity = graph.outValue(f)
                var moved = MoneySum()
                for move in allocate(importLists[t], capacity: capacity) where graph.chains(of: move.buyer).contains(c) {
                    moved.add(move.value)
                }
                let r = baseline.row(group: "chain", key: chain, base: baseline.chains[chain], moved: moved.value)
                out.append(Candidate(chain: chain, segment: row.segment, candidate: id, capacity: capacity, movedValue: moved.value,
                                     valueRateBefore: r.valueRateBefore, valueRateAfter: r.valueRateAfter, delta: r.delta))
            }
        }
        out.sort { a, b in
            if let d = Ranking.beforeUndefinedLast(a.delta, b.delta) { return d }
            if a.chain != b.chain { return a.chain.precedesInBytes(b.chain) }
            if a.segment != b.segment { return a.segment.precedesInBytes(b.segment) }
            return a.candidate.precedesInBytes(b.candidate)
        }
        return out
    }
}
