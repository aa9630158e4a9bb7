/// 断链 scenarios for a region's report (SPEC §3.6 applied to the single sources of §3.2).
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
    /// - Throws: a usage error for a context without a fixed region; as
    ///   ``run(_:removing:substitution:regionLevel:)``.
    public static func singleSourceScenarios(_ context: RegionContext, gaps: [ChainGaps.Row], top: Int = 3) throws(ChainGraphError) -> [Scenario] {
        _ = try context.requireFixedRegion(for: "the disruption scenarios")
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
