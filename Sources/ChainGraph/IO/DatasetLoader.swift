import Glibc

/// Loads a dataset folder (SPEC §1) or a binary snapshot into a ``SupplyGraph``.
///
/// A folder holds `links.csv` (required), `firms.csv` and `segments.csv` (optional).
/// Every rule of SPEC §1 is enforced while reading; the first violation is thrown as
/// ``ChainGraphError/data(_:_:)`` with file, line and field.
///
/// ```swift
/// let graph = try DatasetLoader().load(path: "datasets/nev")
/// ```
public struct DatasetLoader: Sendable {
    /// Encoding of the CSV files; `.auto` reads UTF-8 and falls back to GB18030. Snapshots
    /// ignore it.
    public var encoding: TextEncoding

    /// Threads for parsing `links.csv` (default: ``Parallelism/threads``). The result is
    /// the same for any value.
    package var threads: Int?
    /// Files smaller than this are parsed in one chunk.
    package var parallelChunkBytes = 1 << 20

    /// A loader for files in `encoding`.
    public init(encoding: TextEncoding = .auto) {
        self.encoding = encoding
    }

    /// Loads a dataset folder, or a snapshot file written by ``Snapshot/write(_:to:)``. A
    /// path to one of the folder's `.csv` files loads the folder.
    ///
    /// Without `firms.csv` the firms are those named by links, with unknown attributes;
    /// without `segments.csv` segment ids become labels and ``SegmentTree/hasTree`` is
    /// false. Self-loops are dropped and parallel links merged (counted in
    /// ``SupplyGraph/buildStats``).
    /// - Throws: ``ChainGraphError/inputMissing(path:reason:)`` for a missing path or a
    ///   folder without `links.csv`; ``ChainGraphError/data(_:_:)`` for the first rule of
    ///   SPEC §1 a file breaks; ``ChainGraphError/invalidData(_:)`` for a corrupt snapshot.
    /// - Complexity: O(bytes + m log d), `links.csv` parsed on ``Parallelism/threads``
    ///   threads.
    public func load(path: String) throws(ChainGraphError) -> SupplyGraph {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .inputMissing(path: path, reason: systemMessage(errno)) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return try Trace.time("load dataset folder") { () throws(ChainGraphError) in try loadFolder(path) }
        }
        // Pointing at one of the dataset's CSV files means its folder (a common slip).
        if path.lowercased().hasSuffix(".csv") && !Snapshot.isSnapshot(path: path) {
            let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
            return try Trace.time("load dataset folder") { () throws(ChainGraphError) in try loadFolder(folder.isEmpty ? "/" : folder) }
        }
        return try Trace.time("load snapshot") { () throws(ChainGraphError) in try Snapshot.read(path: path) }
    }

    static let segmentColumns = [
        ColumnSpec("id", "环节编号", required: true), ColumnSpec("name", "环节名称"),
        ColumnSpec("chain", "产业链", required: true), ColumnSpec("parent", "上级环节"),
        ColumnSpec("stage", "阶段"), ColumnSpec("inputs", "投入环节"),
    ]
    static let firmColumns = [
        ColumnSpec("id", "企业编号", required: true), ColumnSpec("name", "企业名称"), ColumnSpec("region", "地区"),
        ColumnSpec("segment", "环节"), ColumnSpec("revenue", "营收"), ColumnSpec("tags", "标签"),
    ]
    static let linkColumns = [
        ColumnSpec("supplier", "供应商", required: true), ColumnSpec("buyer", "采购商", required: true),
        ColumnSpec("value", "金额"), ColumnSpec("segment", "环节"),
    ]

    private func loadFolder(_ folder: String) throws(ChainGraphError) -> SupplyGraph {
        let dir = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        func file(_ name: String) -> String? {
            let p = "\(dir)/\(name)"
            return access(p, F_OK) == 0 ? p : nil
        }
        guard let linksPath = file("links.csv") else {
            throw .inputMissing(path: dir, reason: "no links.csv in this folder (a dataset needs links.csv; firms.csv and segments.csv are optional)")
        }
        var state = LoadState()
        if let p = file("segments.csv") { try readSegments(p, into: &state) }
        if let p = file("firms.csv") { try Trace.time("read firms.csv") { () throws(ChainGraphError) in try readFirms(p, into: &state) } }
        try Trace.time("read links.csv") { () throws(ChainGraphError) in try readLinks(linksPath, into: &state) }
        let tree = state.tree ?? SegmentTree.labels(Array(state.segmentIds.table))
        state.firms.padToCount()
        return Trace.time("assemble CSR") { LinkAssembler.assemble(firms: state.firms, segments: tree, chunks: state.links) }
    }

    /// Everything read so far.
    private struct LoadState {
        var tree: SegmentTree?
        /// Segment id → index (the tree's ids, or labels collected on the fly without a tree).
        var segmentIds = IdInterner(capacity: 64)
        var firms = FirmTable()
        var hasFirmFile = false
        var links: [LinkRows] = []

        mutating func segment(_ name: String, at location: SourceLocation) throws(ChainGraphError) -> Int32 {
            if let s = segmentIds.find(name) { return s }
            if tree != nil { throw .data(location, "unknown segment \"\(name)\" (not in segments.csv)") }
            return segmentIds.insert(name).index
        }
    }

    private func displayName(_ path: String) -> String { path }

    private func readSegments(_ path: String, into state: inout LoadState) throws(ChainGraphError) {
        var table = try CSVTable(path: path, displayName: displayName(path), encoding: encoding, specs: Self.segmentColumns)
        var definitions: [SegmentDefinition] = []
        var sources: [DefinitionSource?] = []
        while try table.nextRow() {
            guard table.has(0) else { throw .data(table.location(0), "empty segment id") }
            guard table.has(2) else { throw .data(table.location(2), "empty chain (every segment must belong to a chain)") }
            var stage: Stage?
            if table.has(4) {
                guard let s = Stage(userValue: table.string(4)) else {
                    throw .data(table.location(4), "stage must be upstream, midstream or downstream (上游/中游/下游), got \"\(table.string(4))\"")
                }
                stage = s
            }
            definitions.append(SegmentDefinition(
                id: table.string(0), name: table.string(1), chain: table.string(2),
                parent: table.has(3) ? table.string(3) : nil, stage: stage, inputs: table.string(5).listItems()))
            sources.append(DefinitionSource(file: table.reader.file, line: table.reader.line, idColumn: table.columns[0] + 1,
                                            parentColumn: table.columns[3] + 1, inputsColumn: table.columns[5] + 1))
        }
        let tree = try SegmentTree.validated(definitions, sources: sources)
        state.tree = tree
        for s in tree.segments { _ = state.segmentIds.insert(s.id) }
    }

    private func readFirms(_ path: String, into state: inout LoadState) throws(ChainGraphError) {
        var table = try CSVTable(path: path, displayName: displayName(path), encoding: encoding, specs: Self.firmColumns)
        state.hasFirmFile = true
        var regionText = IdInterner(capacity: 64)  // raw region text → index into regionOfText
        var regionOfText: [Int32] = []
        var regionByPath: [RegionPath: Int32] = [:]
        var tagIndex: [String: Int32] = [:]
        var firstLine: [Int] = []
        while try table.nextRow() {
            guard table.has(0) else { throw .data(table.location(0), "empty firm id") }
            let (index, inserted) = try table.reader.withTrimmedBytes(table.columns[0]) { (bytes) throws(ChainGraphError) in
                state.firms.idIndex.insert(bytes)
            }
            guard inserted else {
                throw .data(table.location(0), "duplicate firm id \"\(table.string(0))\" (first on line \(firstLine[Int(index)]))")
            }
            firstLine.append(table.reader.line)
            guard index < Int32.max - 1 else { throw .invalidData("\(path): more than 2³¹ firms") }
            if table.columns[1] >= 0, let bytes = table.reader.trimmedSlice(table.columns[1]) {
                state.firms.names.append(bytes: bytes)
            } else {
                state.firms.names.append(table.string(1))
            }
            // Region: most firms share a few region strings, so cache by the raw bytes.
            var region: Int32 = -1
            if table.has(2) {
                let raw = table.reader.trimmedSlice(table.columns[2])
                let seen = raw.flatMap { regionText.find($0) } ?? regionText.find(table.string(2))
                if let seen {
                    region = regionOfText[Int(seen)]
                } else {
                    let text = table.string(2)
                    if let path = RegionPath(text) {
                        if let r = regionByPath[path] { region = r }
                        else { region = Int32(state.firms.regions.count); state.firms.regions.append(path); regionByPath[path] = region }
                    }
                    _ = regionText.insert(text)
                    regionOfText.append(region)
                }
            }
            state.firms.regionOf.append(region)
            if table.has(3) {
                var own: [Int32] = []
                for name in table.string(3).listItems() {
                    let s = try state.segment(name, at: table.location(3))
                    if !own.contains(s) { own.append(s) }
                }
                state.firms.segmentList.append(contentsOf: own)
            }
            state.firms.segmentOffsets.append(state.firms.segmentList.count)
            state.firms.revenueColumn.append(try table.number(4, what: "revenue") ?? .nan)
            if table.has(5) {
                for tag in table.string(5).listItems() {
                    if tagIndex[tag] == nil { tagIndex[tag] = Int32(state.firms.tagNames.count); state.firms.tagNames.append(tag) }
                    state.firms.tagList.append(tagIndex[tag]!)
                }
            }
            state.firms.tagOffsets.append(state.firms.tagList.count)
        }
    }

    private func readLinks(_ path: String, into state: inout LoadState) throws(ChainGraphError) {
        var table = try CSVTable(path: path, displayName: displayName(path), encoding: encoding, specs: Self.linkColumns)
        state.links = try LinkParser.parse(&table, firms: &state.firms, segmentIds: &state.segmentIds,
                                           implicitFirms: !state.hasFirmFile, implicitSegments: state.tree == nil,
                                           threads: threads ?? Parallelism.threads, minimumParallelBytes: parallelChunkBytes)
    }
}
