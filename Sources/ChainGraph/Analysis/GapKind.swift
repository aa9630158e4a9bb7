/// The row types of the gap analysis (SPEC §3.2), in output order.
///
/// Renderers iterate `allCases` and show, for each kind, the columns in
/// ``applicableColumns``; a new kind is one case here and one rule in ``ChainGaps``.
public enum GapKind: String, Sendable, CaseIterable, Codable, Hashable {
    /// 空白环节, the 填空型 gap: a leaf segment of a chain with local firms that is not
    /// present in the region (no local firm has it, no local supplier sells it).
    case missingSegment = "missing_segment"
    /// 缺失配套: a local buyer needs a present segment but buys none of it locally.
    case missingLink = "missing_link"
    /// 短板: local share of the region's demand for a present segment below the weak threshold.
    case weakSegment = "weak_segment"
    /// 卡脖子风险: a local buyer gets a segment, with positive value, from exactly one supplier.
    case singleSource = "single_source"
    /// 长板: local firms sell a segment at least as much outside as inside the region, and
    /// (when the region buys it) cover at least the strong threshold of the region's demand.
    case strongSegment = "strong_segment"

    /// The gap columns that apply to this kind (the others are empty).
    public var applicableColumns: Set<String> {
        switch self {
        case .missingSegment: ["type", "chain", "segment", "imported_value", "dependents", "candidates"]
        case .missingLink: ["type", "chain", "segment", "buyer", "imported_value", "candidates"]
        case .weakSegment: ["type", "chain", "segment", "value", "imported_value", "local_share", "candidates"]
        case .singleSource: ["type", "chain", "segment", "buyer", "supplier", "value", "supplier_local"]
        case .strongSegment: ["type", "chain", "segment", "value", "imported_value", "local_share"]
        }
    }

    /// Chinese title, for reports.
    public var zh: String {
        switch self {
        case .missingSegment: "空白环节（填空型招商）"
        case .missingLink: "缺失配套（供需对接）"
        case .weakSegment: "短板环节（精准招商）"
        case .singleSource: "单一来源（卡脖子风险）"
        case .strongSegment: "长板环节"
        }
    }

    /// English title, for reports.
    public var en: String {
        switch self {
        case .missingSegment: "Missing segments (空白环节, 招商 targets)"
        case .missingLink: "Missing local links (缺失配套, 供需对接)"
        case .weakSegment: "Weak segments (短板)"
        case .singleSource: "Single sources (卡脖子 risk)"
        case .strongSegment: "Strong segments (长板)"
        }
    }

    /// One line for `--help`: what a row of this kind says.
    public var summary: String {
        switch self {
        case .missingSegment:
            "空白环节: a leaf segment of a locally present chain that no local firm covers; imported_value = what local firms buy of it, dependents = local firms needing it; candidates = outside firms to attract (精准招商), ranked by what they already sell to the region."
        case .missingLink:
            "缺失配套: a local buyer needs a segment the region has, but buys none of it locally; candidates = local firms to introduce (供需对接)."
        case .weakSegment:
            "短板: the local share of the region's demand for a segment is below the weak threshold; value = local demand; candidates = outside firms to attract."
        case .singleSource:
            "卡脖子: a local buyer gets a segment from exactly one supplier (supplier_local says where)."
        case .strongSegment:
            "长板: local firms sell the segment at least as much outside as inside the region and cover at least the strong threshold of local demand; value = local output."
        }
    }

    /// How a segment-level kind colours the chain tree (产业链树状图); nil for kinds that
    /// describe a firm or a missing leaf. When a segment has rows of several such kinds,
    /// the first kind in `allCases` order colours it.
    public var treeStyle: TreeStyle? {
        switch self {
        case .weakSegment: TreeStyle(fill: "#ffe0b2", stroke: "#ef6c00", mark: "⚠️", zh: "短板（本地配套不足）", en: "weak (短板)")
        case .strongSegment: TreeStyle(fill: "#bbdefb", stroke: "#1565c0", mark: "💪", zh: "长板（外销为主）", en: "strong (长板)")
        case .missingSegment, .missingLink, .singleSource: nil
        }
    }

    /// Column labels that read better for this kind than the generic ones (zh, en):
    /// a weak segment's `value` is the local demand, a strong segment's the local output.
    public func label(for column: String) -> (zh: String, en: String)? {
        switch (self, column) {
        case (.weakSegment, "value"): ("本地需求", "Local demand")
        case (.strongSegment, "value"): ("本地产出", "Local output")
        case (.missingLink, "candidates"): ("对接企业", "Local partners")
        default: nil
        }
    }
}

/// How a segment status is drawn in chain trees: colours, a Markdown mark and legend text.
public struct TreeStyle: Sendable, Hashable, Codable {
    /// Fill colour (CSS hex).
    public var fill: String
    /// Stroke colour (CSS hex).
    public var stroke: String
    /// A character for plain-text trees.
    public var mark: String
    /// Chinese legend text.
    public var zh: String
    /// English legend text.
    public var en: String

    /// A style.
    public init(fill: String, stroke: String, mark: String, zh: String, en: String) {
        self.fill = fill
        self.stroke = stroke
        self.mark = mark
        self.zh = zh
        self.en = en
    }
}
