/// Year-over-year comparison of one region in two datasets (链主一年一评, 动态调整; SPEC §3.8):
/// the summary, local rates by chain and segment, firms that entered or left the region,
/// gap rows opened and closed (the 短板/长板 dynamic table) and leader rank changes.
///
/// Firms are matched by id and segments by id; each year is analysed on its own graph with
/// the same region R.
///
/// ```swift
/// let rows = try YearOverYear.compare(before: graph2024, after: graph2025, region: RegionPath("湖北")!)
/// for row in rows where row.section == .gapClosed { print(row.key) }
/// ```
public enum YearOverYear {
    /// The sections, in output order.
    public enum Section: String, Sendable, CaseIterable, Comparable {
        /// Firms, links, local firms, total value, the region's value rate, coverage per chain.
        case summary
        /// Value rates of `chain:C` and `segment:S` (SPEC §3.1, fixed mode).
        case localRate = "local_rate"
        /// Firms local in the later year only (new, or moved into R).
        case firmEntered = "firm_entered"
        /// Firms local in the earlier year only.
        case firmLeft = "firm_left"
        /// Gap rows of SPEC §3.2 only in the later year.
        case gapOpened = "gap_opened"
        /// Gap rows only in the earlier year.
        case gapClosed = "gap_closed"
        /// Ranks of the top-k leader candidates of each chain in either year.
        case leader

        /// Output order.
        public static func < (a: Self, b: Self) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    /// A compared quantity: how it prints and how its difference is taken.
    public enum Value: Sendable, Hashable {
        /// A count or a rank.
        case count(Int)
        /// Money in the dataset's unit.
        case money(Double)
        /// A rate, share or coverage.
        case share(Double)

        var cell: ResultCell {
            switch self {
            case .count(let n): .integer(n)
            case .money(let v): .money(v)
            case .share(let v): .number(v)
            }
        }

        /// after − before for two values of the same kind (money compensated).
        static func delta(_ before: Value?, _ after: Value?) -> ResultCell {
            switch (before, after) {
            case let (.count(a)?, .count(b)?): .integer(b - a)
            case let (.money(a)?, .money(b)?): .money(MoneySum.of([b, -a]))
            case let (.share(a)?, .share(b)?): .number(b - a)
            default: .empty
            }
        }
    }

    /// One row of `chaingraph diff` (SPEC §3.8 columns `section,key,before,after,delta`).
    public struct Row: ResultRow, Hashable {
        /// The section.
        public var section: Section
        /// What is compared: `firms`, `coverage:C`, `chain:C`, a firm id,
        /// `type:chain:segment:buyer:supplier`, `C:F`.
        public var key: String
        /// The earlier year's value; nil where that year has none.
        public var before: Value?
        /// The later year's value; nil where that year has none.
        public var after: Value?

        /// `section,key,before,after,delta`.
        public static let columns = [
            ResultColumn("section", .text, zh: "类别", en: "Section"), ResultColumn("key", .text, zh: "对象", en: "Key"),
            ResultColumn("before", .number, zh: "上期", en: "Before"), ResultColumn("after", .number, zh: "本期", en: "After"),
            ResultColumn("delta", .number, zh: "变化", en: "Change"),
        ]

        /// The cells in column order; delta = after − before when both are numbers.
        public var cells: [ResultCell] {
            [.text(section.rawValue), .text(key), before?.cell ?? .empty, after?.cell ?? .empty, Value.delta(before, after)]
        }
    }

    /// Compares region R in two datasets.
    /// - Parameters:
    ///   - before: the earlier year's graph.
    ///   - after: the later year's graph.
    ///   - region: R (already resolved against the datasets).
    ///   - perChain: k of the leader section (≥ 1).
    ///   - thresholds: the gap thresholds (SPEC §3.8 uses the defaults).
    /// - Throws: ``ChainGraphError/needsChainTree(analysis:)`` when a dataset has no chain
    ///   tree; ``ChainGraphError/regionMatchesNoFirm(_:available:)`` when R has no firm in
    ///   either year (a year without local firms — a new park — compares as empty: local_firms
    ///   0, an empty value rate, coverage 0, every local firm of the other year entered or
    ///   left); invalid `perChain` or thresholds.
    /// - Complexity: two region contexts, gap analyses and leader rankings.
    public static func compare(before: SupplyGraph, after: SupplyGraph, region: RegionPath, perChain: Int = 3,
                               thresholds: ChainGaps.Thresholds = ChainGaps.Thresholds()) throws(ChainGraphError) -> [Row] {
        try before.requireChainTree(for: "the year-over-year comparison")
        try after.requireChainTree(for: "the year-over-year comparison")
        let a = try Year(before, region: region, perChain: perChain, thresholds: thresholds)
        let b = try Year(after, region: region, perChain: perChain, thresholds: thresholds)
        if a.isEmpty && b.isEmpty {
            let tops = Set((before.firms.regions + after.firms.regions).map { RegionPath(components: [$0.components[0]]) })
            throw .regionMatchesNoFirm(region, available: tops.sorted())
        }

        var rows: [Row] = []
        for key in ["firms", "links", "local_firms", "total_value", "value_rate"] {
            rows.append(Row(section: .summary, key: key, before: a.summary[key] ?? nil, after: b.summary[key] ?? nil))
        }
        for chain in Set(a.coverage.keys).union(b.coverage.keys).sorted(by: { $0.precedesInBytes($1) }) {
            rows.append(Row(section: .summary, key: "coverage:\(chain)", before: a.coverage[chain].map { .share($0) },
                            after: b.coverage[chain].map { .share($0) }))
        }
        rows += keyed(.localRate, a.rates, b.rates)
        rows += byKey(b.localRevenue.keys.filter { a.localRevenue[$0] == nil }.map { id in
            Row(section: .firmEntered, key: id, before: nil, after: b.localRevenue[id]!.map { .money($0) })
        })
        rows += byKey(a.localRevenue.keys.filter { b.localRevenue[$0] == nil }.map { id in
            Row(section: .firmLeft, key: id, before: a.localRevenue[id]!.map { .money($0) }, after: nil)
        })
        rows += byKey(b.gaps.keys.filter { a.gaps[$0] == nil }.map { key in Row(section: .gapOpened, key: key, before: nil, after: b.gaps[key]!) })
        rows += byKey(a.gaps.keys.filter { b.gaps[$0] == nil }.map { key in Row(section: .gapClosed, key: key, before: a.gaps[key]!, after: nil) })
        rows += keyed(.leader, a.leaderRanks.mapValues { .count($0) }, b.leaderRanks.mapValues { .count($0) })
        return rows
    }

    /// Rows for the union of both sides' keys, ordered by key.
    private static func keyed(_ section: Section, _ before: [String: Value?], _ after: [String: Value?]) -> [Row] {
        byKey(Set(before.keys).union(after.keys).map { key in
            Row(section: section, key: key, before: before[key] ?? nil, after: after[key] ?? nil)
        })
    }

    private static func keyed(_ section: Section, _ before: [String: Value], _ after: [String: Value]) -> [Row] {
        keyed(section, before.mapValues { Optional($0) }, after.mapValues { Optional($0) })
    }

    private static func byKey(_ rows: [Row]) -> [Row] { rows.sorted { $0.key.precedesInBytes($1.key) } }

    /// What one year contributes.
    struct Year {
        var summary: [String: Value?] = [:]
        /// Coverage per chain (0 for a chain without a local firm).
        var coverage: [String: Double] = [:]
        /// `chain:C` and `segment:S` value rates (nil when the group buys nothing).
        var rates: [String: Value?] = [:]
        /// Local firms' revenue (nil when unknown), by id.
        var localRevenue: [String: Double?] = [:]
        /// Gap rows by key, with their measure.
        var gaps: [String: Value?] = [:]
        /// Rank of each top-k leader candidate, by `C:F`.
        var leaderRanks: [String: Int] = [:]
        /// R has no firm this year.
        var isEmpty = false

        init(_ graph: SupplyGraph, region: RegionPath, perChain: Int, thresholds: ChainGaps.Thresholds) throws(ChainGraphError) {
            summary["firms"] = .count(graph.firmCount)
            summary["links"] = .count(graph.linkCount)
            summary["total_value"] = .money(MoneySum.of(graph.value))
            let context: RegionContext
            do {
                context = try RegionContext(graph, locality: .fixed(region))
            } catch {
                guard case .regionMatchesNoFirm = error else { throw error }
                // No local firm this year: nothing local, coverage 0.
                isEmpty = true
                summary["local_firms"] = .count(0)
                summary["value_rate"] = .some(nil)
                for chain in graph.segments.chains { coverage[chain] = 0 }
                return
            }
            let local = context.localFirms
            summary["local_firms"] = .count(local.count)
            summary["value_rate"] = .some(try LocalSupportingRate.compute(context, by: .region).first?.valueRate.map { Value.share($0) })
            for row in try SegmentCoverage.compute(context) {
                let c = graph.segments.chains.firstIndex(of: row.chain)
                coverage[row.chain] = c.map { context.chainHasLocalFirm[$0] } == true ? row.coverage ?? 0 : 0
            }
            // `.some(nil)`: a group whose rate is undefined still has a row (assigning nil would remove the key).
            for row in try LocalSupportingRate.compute(context, by: .chain) { rates["chain:\(row.key)"] = .some(row.valueRate.map { Value.share($0) }) }
            for row in try LocalSupportingRate.compute(context, by: .segment) { rates["segment:\(row.key)"] = .some(row.valueRate.map { Value.share($0) }) }
            for f in local { localRevenue[graph.firms.id(f)] = .some(graph.firms.revenue(f)) }
            for row in try ChainGaps.compute(context, thresholds: thresholds) {
                let key = [row.kind.rawValue, row.chain ?? "", row.segment, row.buyer ?? "", row.supplier ?? ""].joined(separator: ":")
                let measure: Value? = switch row.kind {
                case .missingSegment, .missingLink: row.importedValue.map { .money($0) }
                case .weakSegment: row.localShare.map { .share($0) }
                case .singleSource, .strongSegment: row.value.map { .money($0) }
                }
                gaps[key] = .some(measure)
            }
            for row in try ChainLeaders.compute(graph, perChain: perChain, within: context) where row.leader {
                leaderRanks["\(row.chain):\(row.firm)"] = row.rank
            }
        }
    }
}
