import ChainGraph

/// Report language: Chinese labels by default, English on request.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
    /// Chinese (简体中文): titles, labels and prose.
    case zh
    /// English, with the Chinese policy terms kept beside their English names.
    case en
}

/// Every number of the chain-gap report (产业链缺链补链报告) for one region, computed from
/// one ``/ChainGraph/RegionContext``. Renderers (Markdown, HTML/SVG, notebook) only format
/// this model; `report.json` is this model encoded, its row lists written from the rows'
/// schemas (SPEC §4 `report`).
///
/// ```swift
/// let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
/// let report = try ChainReport.build(context, dataset: "nev")
/// try ReportWriter.write(report, to: "out/hubei")
/// ```
public struct ChainReport: Sendable, Encodable {
    /// Report title.
    public var title: String
    /// The region R, as a `/` path.
    public var region: String
    /// Label language.
    public var language: ReportLanguage
    /// A display name of the dataset (not a path, so exported reports are reproducible).
    public var dataset: String
    /// The money unit of values and revenues (SPEC §1.1), nil when the data named none.
    public var unit: String?
    /// Weak and strong thresholds of the gap analysis.
    public var thresholds: ChainGaps.Thresholds
    /// Counts and totals of the dataset and the region.
    public var summary: Summary
    /// Local supporting rate (本地配套率) of the whole region: the `region` row of SPEC §3.1.
    public var localRate: LocalSupportingRate.Row?
    /// Local rate per chain (SPEC §3.1 order).
    public var localRateByChain: [LocalSupportingRate.Row]
    /// Local rate per primary segment (SPEC §3.1 order).
    public var localRateBySegment: [LocalSupportingRate.Row]
    /// One section per chain, in file order.
    public var chains: [ChainSection]
    /// Every gap row (SPEC §3.2 order).
    public var gaps: [ChainGaps.Row]
    /// The first `leadersPerChain` rows of each chain's leader ranking (链主); the `leader`
    /// flag marks the top 3 whatever `leadersPerChain` is.
    public var leaders: [ChainLeaders.Row]
    /// Candidates flagged as specialists (专精特新), from the whole ranking.
    public var specialists: [ChainLeaders.Row]
    /// Segment input–output linkages of the whole dataset (not only the region); empty
    /// when they cannot be computed (see ``linkageNote``).
    public var linkages: [SegmentLinkages.Row]
    /// Why linkages are missing or partial (e.g. a non-productive system), if so.
    public var linkageNote: String?
    /// Segment id → display name, for renderers.
    public var segmentNames: [String: String]
    /// Firm id → name for every firm the report names (leaders, candidates, buyers,
    /// suppliers), so renderers print "name (id)".
    public var firmNames: [String: String]
    /// What an official needs on the title line: year or data period, data source and the
    /// generation date.
    public var meta: Meta
    /// The 本地配套率 verdict against the target (SPEC §3.1 region row).
    public var verdict: Verdict?
    /// 链主带动配套率: one row per chain for its top-3 leader candidates' purchases together
    /// (SPEC §3.1 `leader` grouping).
    public var leaderRates: [LocalSupportingRate.Row]
    /// The 精准招商 shortlist of SPEC §3.7 (every candidate, best first).
    public var shortlist: [WhatIf.Candidate]
    /// Supply radius by chain (SPEC §3.9).
    public var radius: [SupplyRadius.Row]
    /// With an earlier year: the year-over-year rows of SPEC §3.8 (年度对比), else empty.
    public var comparison: [YearOverYear.Row]
    /// Display name of the earlier year's dataset, nil without a comparison.
    public var comparedWith: String?
    /// Firm id → city and profile of the firms named as 招商 targets.
    public var firmProfiles: [String: FirmProfile]
    /// 供需对接 rows grouped by the local supplier, as a matchmaking meeting is organised.
    public var matchmaking: [Matchmaking.Row]
    /// 断链 scenarios: the region's top outside single-source suppliers removed one at a time.
    public var disruption: [DisruptionSimulation.Scenario]

    /// Title-line facts.
    public struct Meta: Sendable, Codable, Hashable {
        /// Year or data period (`--year`), nil when not given.
        public var year: String?
        /// Data source (`--source`), nil when not given.
        public var source: String?
        /// Generation date, `YYYY-MM-DD`.
        public var generated: String
        /// The 本地配套率 target (default 0.5).
        public var target: Double

        /// Title-line facts.
        public init(year: String? = nil, source: String? = nil, generated: String, target: Double = 0.5) {
            self.year = year
            self.source = source
            self.generated = generated
            self.target = target
        }
    }

    /// The region's 本地配套率 against the target.
    public struct Verdict: Sendable, Codable, Hashable {
        /// Value rate of the region row.
        public var rate: Double
        /// The target share.
        public var target: Double
        /// rate ≥ target (达标).
        public var met: Bool
        /// (target − rate) in percentage points (negative when above the target).
        public var gapPoints: Double
        /// Local purchasing that would have to replace imports to reach the target:
        /// target · input − local, in the dataset's unit (0 when met).
        public var missingValue: Double
    }

    /// Where a named firm is and what it is.
    public struct FirmProfile: Sendable, Codable, Hashable {
        /// Region path.
        public var region: String?
        /// Revenue in the dataset's unit, nil when unknown.
        public var revenue: Double?
        /// Tags (单项冠军, 专精特新, 上市公司 …).
        public var tags: [String]
        /// Σ value it already sells to firms in the region.
        public var salesToRegion: Double
        /// Σ value of all its purchases.
        public var purchases: Double
    }

    /// Counts and totals of the dataset and the region.
    public struct Summary: Sendable, Codable, Hashable {
        /// Firms of the dataset.
        public var firms: Int
        /// Merged links.
        public var links: Int
        /// Chains of the tree.
        public var chains: Int
        /// Segments of the tree.
        public var segments: Int
        /// Firms in the region.
        public var localFirms: Int
        /// Σ revenue of the region's firms (unknown as 0), in the dataset's money unit.
        public var localRevenue: Double
        /// Σ value of all links of the dataset.
        public var totalValue: Double
    }

    /// One chain: coverage, its tree coloured by local status, and its key missing segments.
    public struct ChainSection: Sendable, Encodable {
        /// Chain id or name.
        public var chain: String
        /// Leaf coverage.
        public var coverage: SegmentCoverage.Row
        /// Segments depth-first, parents before children.
        public var tree: [TreeNode]
        /// Up to 5 of the chain's missing segments (空白环节), the most important first (by
        /// imported value, then dependents), with their 招商 candidates.
        public var keyMissing: [ChainGaps.Row]

        enum CodingKeys: String, CodingKey { case chain, coverage, tree, keyMissing }

        /// Writes `coverage` and `keyMissing` through their row schemas (SPEC §4 names).
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(chain, forKey: .chain)
            try c.encode(ResultTable([coverage]).rowObject(0), forKey: .coverage)
            try c.encode(tree, forKey: .tree)
            try c.encode(ResultTable(keyMissing), forKey: .keyMissing)
        }
    }

    /// A status of a segment in the chain tree and how it is drawn.
    public struct StatusStyle: Sendable, Encodable {
        /// `present`, `missing`, `absent`, or the `type` of a segment-level gap kind
        /// (`weak_segment`, …).
        public var status: String
        /// Colours, mark and legend text.
        public var style: TreeStyle
    }

    /// Every tree status in legend order: present, the segment-level gap kinds (those with
    /// a ``/ChainGraph/GapKind/treeStyle``), missing, absent.
    public static let statusStyles: [StatusStyle] =
        [StatusStyle(status: "present", style: TreeStyle(fill: "#c8e6c9", stroke: "#2e7d32", mark: "✅", zh: "本地已有", en: "present locally"))]
        + GapKind.allCases.compactMap { kind in kind.treeStyle.map { StatusStyle(status: kind.rawValue, style: $0) } }
        + [StatusStyle(status: "missing", style: TreeStyle(fill: "#ffcdd2", stroke: "#c62828", mark: "❌", zh: "空白环节", en: "missing (空白环节)")),
           StatusStyle(status: "absent", style: TreeStyle(fill: "#eeeeee", stroke: "#9e9e9e", mark: "▫️", zh: "未覆盖的上级环节", en: "group not covered"))]

    /// The style of a status; an unknown status gets the style of `absent`.
    public static func style(_ status: String) -> TreeStyle {
        (statusStyles.first { $0.status == status } ?? statusStyles.last!).style
    }

    /// A segment of the chain tree (产业链树状图) with its local status.
    public struct TreeNode: Sendable, Codable, Hashable {
        /// Segment id.
        public var id: String
        /// Display name.
        public var name: String
        /// Parent id, nil at the top.
        public var parent: String?
        /// 0 at the top level.
        public var depth: Int
        /// No children.
        public var isLeaf: Bool
        /// Local status, a ``StatusStyle/status``: a present segment is `present` or the
        /// first segment-level gap kind it has (`weak_segment`, `strong_segment`); a segment
        /// not present is `missing` (a leaf) or `absent` (a group).
        public var status: String
        /// Local share of the region's demand for the segment; nil when the region buys none.
        public var localShare: Double?
        /// Local firms having the segment or one below it.
        public var localFirms: Int
    }

    /// The chain tree (产业链树状图) of every chain, in chain order, each depth-first with
    /// parents before children, every segment with its local status as the report colours
    /// it: a present segment is `present` or the first segment-level gap kind it has in
    /// ``/ChainGraph/GapKind`` order; a segment not present is `missing` (a leaf) or `absent`
    /// (a group).
    /// - Parameters:
    ///   - context: a fixed-region context.
    ///   - analysis: the gap analysis of the same context.
    public static func trees(_ context: RegionContext, analysis: ChainGaps.Analysis) -> [[TreeNode]] {
        let tree = context.graph.segments
        let status = Dictionary(analysis.rows.filter { $0.kind.treeStyle != nil }.map { ($0.segment, $0.kind.rawValue) },
                                uniquingKeysWith: { first, _ in first })
        return tree.chains.indices.map { c in
            var nodes: [TreeNode] = []
            func visit(_ s: Int, depth: Int) {
                let seg = tree.segments[s]
                let leaf = tree.children[s].isEmpty
                let state = context.isPresent[s] ? status[seg.id] ?? "present" : (leaf ? "missing" : "absent")
                nodes.append(TreeNode(id: seg.id, name: seg.name, parent: seg.parent.map { tree.segments[$0].id }, depth: depth,
                                      isLeaf: leaf, status: state, localShare: analysis.balance[s].localShare,
                                      localFirms: Int(context.localHolders[s])))
                for child in tree.children[s] { visit(child, depth: depth + 1) }
            }
            for s in tree.segments.indices where tree.segments[s].chain == c && tree.segments[s].parent == nil { visit(s, depth: 0) }
            return nodes
        }
    }

    /// Runs the analyses for the context's fixed region and collects the report.
    ///
    /// An error of the linkage analysis does not fail the report: it becomes
    /// ``linkageNote``.
    /// - Parameters:
    ///   - context: a fixed-region context.
    ///   - language: language of titles and labels.
    ///   - dataset: a display name of the dataset, shown in the report.
    ///   - unit: the money unit the data named (SPEC §1.1), shown in the report; nil for none.
    ///   - thresholds: weak and strong thresholds of the gap analysis.
    ///   - leadersPerChain: rows of each chain's leader ranking listed in ``leaders``.
    ///   - meta: year, source, generation date and the 本地配套率 target.
    ///   - before: the earlier year's graph for the 年度对比 section, with its display name.
    /// - Throws: ``/ChainGraph/ChainGraphError/needsChainTree(analysis:)`` without
    ///   `segments.csv`; ``/ChainGraph/ChainGraphError/usage(_:)`` for a relative-mode
    ///   context; ``/ChainGraph/ChainGraphError/invalidParameter(_:value:expected:)`` for a
    ///   threshold outside [0, 1].
    public static func build(_ context: RegionContext, language: ReportLanguage = .zh, dataset: String, unit: String? = nil,
                             thresholds: ChainGaps.Thresholds = ChainGaps.Thresholds(), leadersPerChain: Int = 10,
                             meta: Meta = Meta(generated: ""), before: (graph: SupplyGraph, name: String)? = nil) throws(ChainGraphError) -> ChainReport {
        let graph = context.graph, tree = graph.segments
        try graph.requireChainTree(for: "the report")
        let region = try context.requireFixedRegion(for: "the report")
        let analysis = try ChainGaps.analyze(context, thresholds: thresholds)
        let gaps = analysis.rows
        let coverage = try SegmentCoverage.compute(context)
        let chainTrees = Self.trees(context, analysis: analysis)
        var chains: [ChainSection] = []
        for (c, name) in tree.chains.enumerated() {
            let missing = gaps.filter { $0.kind == .missingSegment && $0.chain == name }
            chains.append(ChainSection(chain: name, coverage: coverage[c], tree: chainTrees[c], keyMissing: Array(missing.prefix(5))))
        }
        let allLeaders = try ChainLeaders.compute(graph, perChain: 3, within: context)
        var linkages: [SegmentLinkages.Row] = []
        var note: String?
        do {
            let io = try SegmentLinkages.compute(graph)
            linkages = io.rows
            if !io.zeroOutput.isEmpty { note = "zero output, left out: \(io.zeroOutput.joined(separator: ", "))" }
        } catch {
            note = error.description
        }
        let local = context.localFirms
        let chainList = tree.chains.joined(separator: "、")
        let period = meta.year.map { language == .zh ? "\($0)年 " : "\($0) " } ?? ""
        let title = language == .zh ? "\(period)\(region) \(chainList) 产业链缺链补链报告" : "\(period)Chain-gap report: \(region) (\(tree.chains.joined(separator: ", ")))"
        let regionRate = try LocalSupportingRate.compute(context, by: .region).first
        let verdict = regionRate.flatMap { row in
            row.valueRate.map { rate in
                Verdict(rate: rate, target: meta.target, met: rate >= meta.target, gapPoints: (meta.target - rate) * 100,
                        missingValue: max(0, MoneySum.of([meta.target * row.inputValue, -row.localValue])))
            }
        }
        let shortlist = try WhatIf.rank(context, thresholds: thresholds, gaps: analysis)
        let comparison = try before.map { earlier throws(ChainGraphError) in
            // SPEC §3.8 compares the gap rows at the default thresholds, whatever the report's.
            try YearOverYear.compare(before: earlier.graph, after: graph, region: region)
        } ?? []
        // Names of every firm the report mentions; profiles of the 招商 targets.
        var named = Set<String>(allLeaders.map(\.firm))
        // (matchmaking suppliers and buyers are gap candidates and buyers, named below)
        for g in gaps { named.formUnion(g.candidates); if let b = g.buyer { named.insert(b) }; if let s = g.supplier { named.insert(s) } }
        named.formUnion(shortlist.map(\.candidate))
        var firmNames: [String: String] = [:]
        for id in named { if let f = graph.firms.index(of: id), !graph.firms.name(f).isEmpty { firmNames[id] = graph.firms.name(f) } }
        var salesToRegion = [MoneySum](repeating: MoneySum(), count: graph.firmCount)
        for b in local {
            for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] { salesToRegion[Int(graph.inSupplier[e])].add(graph.value[e]) }
        }
        var profiles: [String: FirmProfile] = [:]
        let profiled = Set(shortlist.map(\.candidate)).union(gaps.filter { $0.kind == .missingSegment || $0.kind == .weakSegment }.flatMap(\.candidates))
            .union(allLeaders.filter { $0.rank <= leadersPerChain }.map(\.firm))
        for id in profiled {
            guard let f = graph.firms.index(of: id) else { continue }
            profiles[id] = FirmProfile(region: graph.firms.region(f)?.description, revenue: graph.firms.revenue(f), tags: graph.firms.tags(f),
                                       salesToRegion: salesToRegion[f].value, purchases: graph.inValue(f))
        }
        return ChainReport(
            title: title, region: region.description, language: language, dataset: dataset, unit: unit, thresholds: thresholds,
            summary: Summary(firms: graph.firmCount, links: graph.linkCount, chains: tree.chains.count, segments: tree.count,
                             localFirms: local.count, localRevenue: MoneySum.of(local.map { graph.firms.revenue($0) ?? 0 }),
                             totalValue: MoneySum.of(graph.value)),
            localRate: regionRate,
            localRateByChain: try LocalSupportingRate.compute(context, by: .chain),
            localRateBySegment: try LocalSupportingRate.compute(context, by: .segment),
            chains: chains, gaps: gaps,
            leaders: allLeaders.filter { $0.rank <= leadersPerChain },
            specialists: allLeaders.filter { $0.specialist == true },
            linkages: linkages, linkageNote: note,
            segmentNames: Dictionary(tree.segments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }),
            firmNames: firmNames, meta: meta, verdict: verdict,
            leaderRates: try LocalSupportingRate.compute(context, by: .leader, leaders: allLeaders),
            shortlist: shortlist, radius: try SupplyRadius.compute(context, by: .chain),
            comparison: comparison, comparedWith: before?.name, firmProfiles: profiles,
            matchmaking: Matchmaking.rows(from: gaps),
            disruption: try DisruptionSimulation.singleSourceScenarios(context, gaps: gaps))
    }

    /// Display label of a firm: "name (id)" or the id.
    public func firmLabel(_ id: String) -> String {
        if let name = firmNames[id], !name.isEmpty { return "\(name) (\(id))" }
        return id
    }

    /// Display label of a segment: "name (id)" or the id.
    public func label(_ segment: String) -> String {
        if let name = segmentNames[segment], !name.isEmpty { return "\(name) (\(segment))" }
        return segment
    }

    /// The gap kinds as the notebook and other readers of `report.json` see them: type,
    /// titles and the columns that apply, in SPEC §3.2 order.
    public struct GapKindInfo: Sendable, Encodable {
        /// `missing_segment`, …
        public var type: String
        /// Chinese title.
        public var zh: String
        /// English title.
        public var en: String
        /// Applicable columns in schema order.
        public var columns: [String]
    }

    /// Every gap kind with its applicable columns.
    public static var gapKinds: [GapKindInfo] {
        GapKind.allCases.map { kind in
            GapKindInfo(type: kind.rawValue, zh: kind.zh, en: kind.en,
                        columns: ChainGaps.Row.columns.map(\.name).filter { kind.applicableColumns.contains($0) })
        }
    }

    enum CodingKeys: String, CodingKey {
        case title, region, language, dataset, unit, thresholds, summary, localRate, localRateByChain, localRateBySegment, chains, gaps, gapKinds
        case treeStyles
        case leaders, specialists, linkages, linkageNote, segmentNames
        case firmNames, meta, verdict, leaderRates, shortlist, radius, comparison, comparedWith, firmProfiles
        case matchmaking, disruption
    }

    /// Rows are written through their schemas (SPEC §4 column names), so report.json holds
    /// the same keys as `--format json`; list cells (gap candidates, missing segments) are
    /// JSON arrays here, where `--format json` writes them `;`-joined.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(region, forKey: .region)
        try c.encode(language, forKey: .language)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(unit, forKey: .unit)
        try c.encode(thresholds, forKey: .thresholds)
        try c.encode(summary, forKey: .summary)
        try c.encode(localRate.map { ResultTable([$0]).rowObject(0) }, forKey: .localRate)
        try c.encode(ResultTable(localRateByChain), forKey: .localRateByChain)
        try c.encode(ResultTable(localRateBySegment), forKey: .localRateBySegment)
        try c.encode(chains, forKey: .chains)
        try c.encode(ResultTable(gaps), forKey: .gaps)
        try c.encode(Self.gapKinds, forKey: .gapKinds)
        try c.encode(Self.statusStyles, forKey: .treeStyles)
        try c.encode(ResultTable(leaders), forKey: .leaders)
        try c.encode(ResultTable(specialists), forKey: .specialists)
        try c.encode(ResultTable(linkages), forKey: .linkages)
        try c.encode(linkageNote, forKey: .linkageNote)
        try c.encode(segmentNames, forKey: .segmentNames)
        try c.encode(firmNames, forKey: .firmNames)
        try c.encode(meta, forKey: .meta)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(ResultTable(leaderRates), forKey: .leaderRates)
        try c.encode(ResultTable(shortlist), forKey: .shortlist)
        try c.encode(ResultTable(radius), forKey: .radius)
        try c.encode(ResultTable(comparison), forKey: .comparison)
        try c.encode(comparedWith, forKey: .comparedWith)
        try c.encode(firmProfiles, forKey: .firmProfiles)
        try c.encode(ResultTable(matchmaking), forKey: .matchmaking)
        try c.encode(ResultTable(disruption), forKey: .disruption)
    }
}
