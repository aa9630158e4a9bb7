import ChainGraph

/// Report language: Chinese labels by default, English on request.
public enum ReportLanguage: String, Sendable, Codable, CaseIterable {
    case zh, en
}

/// Every number of the chain-gap report (产业链缺链补链报告) for one region, computed in one
/// pass of the analyses. Renderers (Markdown, HTML/SVG, notebook) only format this model;
/// `report.json` is this model encoded.
public struct ChainReport: Sendable, Codable {
    public var title: String
    public var region: String
    public var language: ReportLanguage
    /// A display name of the dataset (not a path, so exported reports are reproducible).
    public var dataset: String
    public var weakBelow: Double
    public var summary: Summary
    /// Local supporting rate of the whole region.
    public var localRate: LocalSupportingRate.Row?
    public var localRateByChain: [LocalSupportingRate.Row]
    public var localRateBySegment: [LocalSupportingRate.Row]
    public var chains: [ChainSection]
    public var gaps: [ChainGaps.Row]
    public var leaders: [ChainLeaders.Row]
    public var specialists: [ChainLeaders.Row]
    public var linkages: [SegmentLinkages.Row]
    /// Why linkages are missing or partial (e.g. a non-productive system), if so.
    public var linkageNote: String?
    /// Segment id → display name, for renderers.
    public var segmentNames: [String: String]

    public struct Summary: Sendable, Codable, Hashable {
        public var firms: Int
        public var links: Int
        public var chains: Int
        public var segments: Int
        public var localFirms: Int
        public var localRevenue: Double
        public var totalValue: Double
    }

    /// One chain: coverage, its tree coloured by local status, and its key missing segments.
    public struct ChainSection: Sendable, Codable {
        public var chain: String
        public var coverage: SegmentCoverage.Row
        public var tree: [TreeNode]
        /// The 3–5 most important missing segments (by imported value, then dependents).
        public var keyMissing: [ChainGaps.Row]
    }

    /// A segment of the chain tree (产业链树状图) with its local status.
    public struct TreeNode: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var parent: String?
        public var depth: Int
        public var isLeaf: Bool
        /// `present`, `weak` (present, local share below the threshold), `missing` (a leaf
        /// with no local firm: 空白环节) or `absent` (a group segment not present).
        public var status: String
        public var localShare: Double?
    }

    /// Runs the analyses for `region` and collects the report.
    /// - Parameter leadersPerChain: leader candidates listed per chain.
    public static func build(_ graph: SupplyGraph, region: RegionPath, language: ReportLanguage = .zh, dataset: String,
                             weakBelow: Double = 0.5, leadersPerChain: Int = 10) throws(ChainGraphError) -> ChainReport {
        let tree = graph.segments
        guard tree.hasTree else {
            throw .inputMissing(path: "segments.csv", reason: "the report needs the chain tree (产业链树状图): add segments.csv to the dataset")
        }
        let locality = Locality.fixed(region)
        // One gap analysis with no weak threshold lists the local share of every present
        // segment with local demand (for the tree); the report's weak rows are those below
        // `weakBelow`, the same rows and order as ChainGaps.compute(…, weakBelow:).
        let allRows = try ChainGaps.compute(graph, region: region, weakBelow: .infinity)
        let gaps = allRows.filter { $0.kind != .weakSegment || $0.localShare! < weakBelow }
        let coverage = try SegmentCoverage.compute(graph, region: region)
        let presence = try LocalPresence(graph, region: region)
        let weakShare = Dictionary(gaps.filter { $0.kind == .weakSegment }.map { ($0.segment, $0.localShare!) }, uniquingKeysWith: { a, _ in a })
        let share = Dictionary(allRows.filter { $0.kind == .weakSegment }.map { ($0.segment, $0.localShare!) }, uniquingKeysWith: { a, _ in a })
        var chains: [ChainSection] = []
        for (c, name) in tree.chains.enumerated() {
            var nodes: [TreeNode] = []
            func visit(_ s: Int, depth: Int) {
                let seg = tree.segments[s]
                let leaf = tree.children[s].isEmpty
                let status = presence.present[s] ? (weakShare[seg.id] != nil ? "weak" : "present") : (leaf ? "missing" : "absent")
                nodes.append(TreeNode(id: seg.id, name: seg.name, parent: seg.parent.map { tree.segments[$0].id }, depth: depth,
                                      isLeaf: leaf, status: status, localShare: share[seg.id]))
                for child in tree.children[s] { visit(child, depth: depth + 1) }
            }
            for s in tree.segments.indices where tree.segments[s].chain == c && tree.segments[s].parent == nil { visit(s, depth: 0) }
            let missing = gaps.filter { $0.kind == .missingSegment && $0.chain == name }
            chains.append(ChainSection(chain: name, coverage: coverage[c], tree: nodes, keyMissing: Array(missing.prefix(5))))
        }
        let allLeaders = try ChainLeaders.compute(graph, perChain: 3, region: region)
        var linkages: [SegmentLinkages.Row] = []
        var note: String?
        do {
            let io = try SegmentLinkages.compute(graph)
            linkages = io.rows
            if !io.zeroOutput.isEmpty { note = "zero output, left out: \(io.zeroOutput.joined(separator: ", "))" }
        } catch {
            note = error.description
        }
        var localFirms = 0, localRevenue = 0.0
        for f in 0..<graph.firmCount where presence.isLocal[f] { localFirms += 1; localRevenue += graph.firms.revenue(f) ?? 0 }
        let summary = GraphSummary(graph)
        let title = language == .zh ? "\(region) 产业链缺链补链报告" : "Chain-gap report: \(region)"
        return ChainReport(
            title: title, region: region.description, language: language, dataset: dataset, weakBelow: weakBelow,
            summary: Summary(firms: summary.firms, links: summary.links, chains: summary.chains, segments: summary.segments,
                             localFirms: localFirms, localRevenue: localRevenue, totalValue: summary.totalValue),
            localRate: try LocalSupportingRate.compute(graph, locality: locality, by: .region).first,
            localRateByChain: try LocalSupportingRate.compute(graph, locality: locality, by: .chain),
            localRateBySegment: try LocalSupportingRate.compute(graph, locality: locality, by: .segment),
            chains: chains, gaps: gaps,
            leaders: allLeaders.filter { $0.rank <= leadersPerChain },
            specialists: allLeaders.filter { $0.specialist == true },
            linkages: linkages, linkageNote: note,
            segmentNames: Dictionary(tree.segments.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Display label of a segment: "name (id)" or the id.
    public func label(_ segment: String) -> String {
        if let name = segmentNames[segment], !name.isEmpty { return "\(name) (\(segment))" }
        return segment
    }
}
