/// 供需对接 as a matchmaking meeting is organised: the missing local links of SPEC §3.2
/// (`missing_link`, a local buyer importing a segment some local firm has) grouped by the
/// local partner that would supply them — one row per (supplier, segment) with the buyers it
/// could serve and what they import today.
///
/// Each missing_link row goes to its first candidate (the local firm with the largest
/// sales having the segment); rows without a candidate are left out.
///
/// ```swift
/// let meeting = Matchmaking.rows(from: try ChainGaps.compute(context))
/// for row in meeting { print(row.supplier, row.segment, row.buyers) }
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
        var sums: [String: MoneySum] = [:]
        for g in gaps where g.kind == .missingLink {
            guard let supplier = g.candidates.first, let buyer = g.buyer else { continue }
            let key = supplier + "\u{0}" + g.segment
            groups[key, default: Row(supplier: supplier, chain: g.chain, segment: g.segment, buyers: [], importedValue: 0)].buyers.append(buyer)
            sums[key, default: MoneySum()].add(g.importedValue ?? 0)
        }
        for (key, sum) in sums { groups[key]!.importedValue = sum.value }
        return groups.values.sorted { a, b in
            if let d = Ranking.before(a.importedValue, b.importedValue) { return d }
            if a.supplier != b.supplier { return a.supplier.precedesInBytes(b.supplier) }
            return a.segment.precedesInBytes(b.segment)
        }
    }
}
