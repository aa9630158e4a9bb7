/// Builds a ``SupplyGraph`` in code, with the same rules as the CSV loader (SPEC §1).
///
/// ```swift
/// var builder = SupplyGraphBuilder()
/// builder.addSegment(SegmentDefinition(id: "cell", name: "动力电池", chain: "NEV", inputs: ["cathode"]))
/// builder.addSegment(SegmentDefinition(id: "cathode", name: "正极材料", chain: "NEV"))
/// try builder.addFirm(id: "A", region: "湖北/武汉", segments: ["cathode"], revenue: 120)
/// try builder.addFirm(id: "B", region: "湖北/襄阳", segments: ["cell"], revenue: 900)
/// try builder.addLink(supplier: "A", buyer: "B", value: 35)
/// let graph = try builder.build()
/// ```
///
/// Segments may be declared in any order. When no segment is declared, segment ids named
/// by firms and links become plain labels. When no firm is declared, firms are those
/// named by links (as when a dataset has no `firms.csv`); otherwise a link to an
/// undeclared firm is an error.
///
/// - Complexity: `build()` is O(m log d) for m links and maximum in-degree d.
public struct SupplyGraphBuilder: Sendable {
    private var segmentDefinitions: [SegmentDefinition] = []
    private var firms: [FirmRow] = []
    private var firmIndex: [String: Int] = [:]
    private var links: [(supplier: String, buyer: String, value: Double, segment: String?)] = []

    private struct FirmRow: Sendable {
        var id: String, name: String, region: String, segments: [String], revenue: Double?, tags: [String]
        var location: (latitude: Double, longitude: Double)?
    }

    /// An empty builder.
    public init() {}

    /// Declares a segment of a chain tree.
    public mutating func addSegment(_ definition: SegmentDefinition) {
        segmentDefinitions.append(definition)
    }

    /// Declares a firm. `segments` lists segment ids, primary first (duplicates are
    /// dropped); `region` is a `/` path such as `湖北/武汉`, empty when unknown; `revenue`
    /// is in the dataset's money unit, nil when unknown. Segment ids are checked by
    /// ``build()``. `location` is the firm's `lat`/`lon` in WGS-84 degrees (SPEC §3.9), nil
    /// when not given.
    /// - Throws: ``ChainGraphError/invalidData(_:)`` for an empty or duplicate id, a
    ///   negative or non-finite revenue, or a latitude outside [-90, 90] or longitude
    ///   outside [-180, 180].
    public mutating func addFirm(id: String, name: String = "", region: String = "", segments: [String] = [],
                                 revenue: Double? = nil, tags: [String] = [],
                                 location: (latitude: Double, longitude: Double)? = nil) throws(ChainGraphError) {
        guard !id.isEmpty else { throw .invalidData("firm id is empty") }
        guard firmIndex[id] == nil else { throw .invalidData("duplicate firm id \"\(id)\"") }
        if let r = revenue, !(r.isFinite && r >= 0) { throw .invalidData("firm \(id): revenue must be a non-negative number, got \(r)") }
        if let l = location, !(abs(l.latitude) <= 90 && abs(l.longitude) <= 180) {
            throw .invalidData("firm \(id): latitude must lie in [-90, 90] and longitude in [-180, 180], got \(l.latitude), \(l.longitude)")
        }
        firmIndex[id] = firms.count
        firms.append(FirmRow(id: id, name: name, region: region, segments: segments, revenue: revenue, tags: tags, location: location))
    }

    /// Adds a supply relation: goods of `segment` flow from `supplier` to `buyer` worth
    /// `value` a year. Parallel links are merged by summing at `build()`; self-loops are
    /// dropped and counted. A nil `segment` defaults to the supplier's primary segment
    /// (unknown when it has none). Firm and segment ids are checked by ``build()``.
    /// - Throws: ``ChainGraphError/invalidData(_:)`` for a negative or non-finite value.
    public mutating func addLink(supplier: String, buyer: String, value: Double = 1, segment: String? = nil) throws(ChainGraphError) {
        guard value.isFinite && value >= 0 else {
            throw .invalidData("link \(supplier) → \(buyer): value must be a non-negative number, got \(value)")
        }
        links.append((supplier, buyer, value, segment))
    }

    /// Validates every reference and builds the immutable graph.
    /// - Throws: ``ChainGraphError/invalidData(_:)`` for an invalid segment tree (duplicate
    ///   id, unknown parent or input, parent in another chain, parent cycle), an unknown
    ///   segment named by a firm or link, or a link to an undeclared firm when firms were
    ///   declared.
    public func build() throws(ChainGraphError) -> SupplyGraph {
        var tree: SegmentTree
        if segmentDefinitions.isEmpty {
            var labels: [String] = []
            var seen = Set<String>()
            for id in firms.flatMap(\.segments) + links.compactMap(\.segment) where seen.insert(id).inserted { labels.append(id) }
            tree = .labels(labels)
        } else {
            tree = try SegmentTree.validated(segmentDefinitions, sources: Array(repeating: nil, count: segmentDefinitions.count))
        }
        var table = FirmTable()
        var regionIndex: [RegionPath: Int32] = [:]
        var tagIndex: [String: Int32] = [:]
        for row in firms {
            _ = table.idIndex.insert(row.id)
            table.names.append(row.name)
            if let region = RegionPath(row.region) {
                if regionIndex[region] == nil { regionIndex[region] = Int32(table.regions.count); table.regions.append(region) }
                table.regionOf.append(regionIndex[region]!)
            } else {
                table.regionOf.append(-1)
            }
            var own: [Int32] = []
            for s in row.segments {
                guard let si = tree.index(of: s) else { throw .invalidData("firm \(row.id): unknown segment \"\(s)\"") }
                if !own.contains(Int32(si)) { own.append(Int32(si)) }
            }
            table.segmentList.append(contentsOf: own)
            table.segmentOffsets.append(table.segmentList.count)
            table.revenueColumn.append(row.revenue ?? .nan)
            for t in row.tags {
                if tagIndex[t] == nil { tagIndex[t] = Int32(table.tagNames.count); table.tagNames.append(t) }
                table.tagList.append(tagIndex[t]!)
            }
            table.tagOffsets.append(table.tagList.count)
        }
        if firms.contains(where: { $0.location != nil }) {
            table.locationColumn = firms.flatMap { row in row.location.map { [$0.latitude, $0.longitude] } ?? [.nan, .nan] }
        }
        let implicitFirms = firms.isEmpty
        var rows = LinkRows()
        rows.supplier.reserveCapacity(links.count)
        for link in links {
            func firm(_ id: String) throws(ChainGraphError) -> Int32 {
                if let f = table.idIndex.find(id) { return f }
                guard implicitFirms else { throw .invalidData("link \(link.supplier) → \(link.buyer): unknown firm \"\(id)\"") }
                let f = table.idIndex.insert(id).index
                table.padToCount()
                return f
            }
            let s = try firm(link.supplier)
            let b = try firm(link.buyer)
            var segment: Int32 = -1
            if let name = link.segment {
                guard let si = tree.index(of: name) else { throw .invalidData("link \(link.supplier) → \(link.buyer): unknown segment \"\(name)\"") }
                segment = Int32(si)
            } else if let p = table.primarySegment(Int(s)) {
                segment = Int32(p)
            }
            rows.append(supplier: s, buyer: b, segment: segment, value: link.value)
        }
        table.padToCount()
        return LinkAssembler.assemble(firms: table, segments: tree, rows: rows)
    }
}

extension FirmTable {
    /// Gives firms added only through the id index (named by links) empty attributes.
    package mutating func padToCount() {
        let n = count
        while regionOf.count < n { regionOf.append(-1) }
        while revenueColumn.count < n { revenueColumn.append(.nan) }
        while segmentOffsets.count < n + 1 { segmentOffsets.append(segmentList.count) }
        while tagOffsets.count < n + 1 { tagOffsets.append(tagList.count) }
        if !locationColumn.isEmpty { while locationColumn.count < 2 * n { locationColumn.append(.nan) } }
    }
}
