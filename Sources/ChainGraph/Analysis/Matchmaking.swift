/// 供需对接 as a matchmaking meeting is organised: the missing local links of SPEC §3.2
/// (`missing_link`, a local buyer importing a segment some local firm has) grouped by the
/// local partner that would supply them — one row per (supplier, segment) with the buyers it
/// could serve and what they import today.
///
/// Each missing_link row goes to its first candidate (the local firm with the largest
/// sales having the segment); rows without a candidate are left out.
///
/// ```swift
/// let table = try Matchmaking.compute(context)
/// for row in table { print(row.supplier, row.segment, row.buyers) }
/// ```
public enum Matchmaking {
    /// One local supplier's table at the meeting.
    public struct Row: ResultRow, Hashable {
        /// The local supplier (the buyers' first 对接 candidate).
        public var supplier: String
        /// Chain of the segment.
        public var chain: String?
        /// The segment the buyers import.
        public var segment: String
        /// Local buyers that import the segment and could buy it from the supplier, by
        /// imported value descending.
        public var buyers: [String]
        /// Σ of their imports of the segment.
        public var importedValue: Double

        /// `supplier,chain,segment,buyers,imported_value`.
        public static let columns = [
            ResultColumn("supplier", .text, zh: "本地供应商", en: "Local supplier"), ResultColumn("chain", .text, zh: "产业链", en: "Chain"),
            ResultColumn("segment", .text, zh: "环节", en: "Segment"), ResultColumn("buyers", .list, zh: "对接采购商", en: "Buyers"),
            ResultColumn("imported_value", .money, zh: "外购额", en: "Imported value"),
        ]

        /// The cells in column order.
        public var cells: [ResultCell] { [.text(supplier), .text(chain), .text(segment), .list(buyers), .money(importedValue)] }
    }

    /// The meeting's rows, by imported value descending (ties to 12 significant digits),
    /// then supplier and segment by UTF-8 bytes.
    /// - Parameter gaps: the gap rows of the region (``ChainGaps/compute(_:thresholds:)``).
    public static func rows(from gaps: [ChainGaps.Row]) -> [Row] {
        var groups: [String: Row] = [:]
        for g in gaps where g.kind == .missingLink {
            guard let supplier = g.candidates.first, let buyer = g.buyer else { continue }
            let key = supplier + "\u{0}" + g.segment
            groups[key, default: Row(supplier: supplier, chain: g.chain, segment: g.segment, buyers: [], importedValue: 0)].buyers.append(buyer)
            groups[key]!.importedValue = MoneySum.of([groups[key]!.importedValue, g.importedValue ?? 0])
        }
        return groups.values.sorted { a, b in
            if let d = Ranking.before(a.importedValue, b.importedValue) { return d }
            if a.supplier != b.supplier { return a.supplier.precedesInBytes(b.supplier) }
            return a.segment.precedesInBytes(b.segment)
        }
    }
}

extension DisruptionSimulation {
    /// A 断链 scenario for one outside single-source supplier of the region.
    public struct Scenario: ResultRow, Hashable {
        /// The supplier removed.
        public var supplier: String
        /// Σ value it supplies as the only supplier of a segment to local buyers.
        public var singleSourceValue: Double
        /// Local firms below full capacity after its loss.
        public var localFirmsAffected: Int
        /// Revenue at risk of the region's firms.
        public var localRevenueAtRisk: Double
        /// Revenue at risk everywhere (direct + ripple, SPEC §3.6).
        public var revenueAtRisk: Double
        /// The removed supplier's own revenue.
        public var directLoss: Double
        /// The loss that ripples to other firms.
        public var rippleLoss: Double

        /// `supplier,single_source_value,local_firms_affected,local_revenue_at_risk,revenue_at_risk,direct_loss,ripple_loss`.
        public static let columns = [
            ResultColumn("supplier", .text, zh: "断供企业", en: "Supplier lost"),
            ResultColumn("single_source_value", .money, zh: "独家供货额", en: "Single-source value"),
            ResultColumn("local_firms_affected", .integer, zh: "受影响本地企业", en: "Local firms affected"),
            ResultColumn("local_revenue_at_risk", .money, zh: "本地受损营收", en: "Local revenue at risk"),
            ResultColumn("revenue_at_risk", .money, zh: "全链受损营收", en: "Revenue at risk"),
            ResultColumn("direct_loss", .money, zh: "直接损失", en: "Direct loss"),
            ResultColumn("ripple_loss", .money, zh: "波及损失", en: "Ripple loss"),
        ]

        /// The cells in column order.
        public var cells: [ResultCell] {
            [.text(supplier), .money(singleSourceValue), .integer(localFirmsAffected), .money(localRevenueAtRisk), .money(revenueAtRisk),
             .money(directLoss), .money(rippleLoss)]
        }
    }

    /// The 断链 scenarios of the report: each of the region's `top` outside suppliers with the
    /// largest single-source value to local buyers (`single_source` rows of SPEC §3.2),
    /// removed alone (σ = 0).
    /// - Throws: as ``run(_:removing:substitution:regionLevel:)``.
    public static func singleSourceScenarios(_ context: RegionContext, gaps: [ChainGaps.Row], top: Int = 3) throws(ChainGraphError) -> [Scenario] {
        let graph = context.graph
        var bySupplier: [String: MoneySum] = [:]
        for g in gaps where g.kind == .singleSource && g.supplierLocal == false { bySupplier[g.supplier!, default: MoneySum()].add(g.value ?? 0) }
        let ranked = bySupplier.map { ($0.key, $0.value.value) }.sorted { a, b in Ranking.before(a.1, b.1) ?? a.0.precedesInBytes(b.0) }
        var out: [Scenario] = []
        for (id, value) in ranked.prefix(top) {
            guard let f = graph.firms.index(of: id) else { continue }
            let result = try run(graph, removing: [f])
            var local = MoneySum(), affected = 0
            for loss in result.firmLosses {
                guard let g = graph.firms.index(of: loss.firm), context.isInRegion[g] else { continue }
                affected += 1
                local.add(loss.revenueLoss)
            }
            out.append(Scenario(supplier: id, singleSourceValue: value, localFirmsAffected: affected, localRevenueAtRisk: local.value,
                                revenueAtRisk: result.revenueAtRisk, directLoss: result.directLoss, rippleLoss: result.rippleLoss))
        }
        return out
    }
}
