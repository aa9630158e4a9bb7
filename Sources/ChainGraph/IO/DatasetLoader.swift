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

    /// How analysts' tables are read: dataset unit, extra column names, unknown firms
    /// (SPEC §1.1).
    public var analyst = AnalystDataOptions()

    /// Reads `.xlsx` workbooks; nil when the program links no workbook reader (then a
    /// workbook is an input error that says so). The command-line tool sets it.
    public var workbookReader: (any WorkbookReading)?

    /// Called with the loader's progress (bytes parsed, rows checked, stage), possibly from
    /// several threads at once and about once per MiB or few thousand rows; nil (the
    /// default) reports nothing.
    public var progress: (@Sendable (LoadProgress) -> Void)?

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
        try loadReporting(path: path).graph
    }

    /// Loads like ``load(path:)`` and also returns what loading repaired or suspects
    /// (SPEC §1.1): skipped title and total rows, unit conversions, names resolved to ids,
    /// unused columns… A command prints ``LoadReport/summary`` so nothing is repaired
    /// silently.
    /// - Throws: the first error of the data, as ``load(path:)``.
    public func loadReporting(path: String) throws(ChainGraphError) -> (graph: SupplyGraph, report: LoadReport) {
        let source = try DatasetSource(path: path)
        if case .snapshot(let file) = source {
            return (try Trace.time("load snapshot") { () throws(ChainGraphError) in try Snapshot.read(path: file) }, LoadReport())
        }
        let meter = ProgressMeter(bytesTotal: source.byteSize, callback: progress)
        if let fast = try fastPath(source, meter) { return fast }
        meter.enter(.reading)
        let (graph, report) = try Trace.time("load analyst tables") { () throws(ChainGraphError) in try analystPath(source, meter) }
        if let first = report.errors.first { throw first.error }
        guard let graph else { throw .internal("the dataset could not be built and no error says why") }
        return (graph, report)
    }

    /// Reads the whole dataset and lists every problem in one pass (SPEC §5 `check`):
    /// errors, warnings and notes in file order. The graph is nil when an error prevents it.
    /// - Throws: only when the input is missing or unreadable (a path, a damaged snapshot).
    public func check(path: String) throws(ChainGraphError) -> (graph: SupplyGraph?, report: LoadReport) {
        let source = try DatasetSource(path: path)
        if case .snapshot(let file) = source { return (try Snapshot.read(path: file), LoadReport()) }
        return try analystPath(source, ProgressMeter(bytesTotal: source.byteSize, callback: progress))
    }

    /// The clean-CSV fast path: nil when the dataset needs the analyst path (a workbook,
    /// `--column`, or any file the strict reader stops at — title rows, units, aliases,
    /// number forms, total rows, names for ids …).
    private func fastPath(_ source: DatasetSource, _ meter: ProgressMeter) throws(ChainGraphError) -> (graph: SupplyGraph, report: LoadReport)? {
        guard case let .folder(dir, files) = source, analyst.columns.isEmpty,
              files.allSatisfy({ if case .csv = $0.value { true } else { false } }) else { return nil }
        do {
            return try Trace.time("load dataset folder") { () throws(ChainGraphError) in try loadFolder(dir, files, meter) }
        } catch {
            if case .data = error { return nil }   // the analyst path reports it precisely, or repairs it
            throw error
        }
    }

    /// The analyst path over every table of the source.
    private func analystPath(_ source: DatasetSource, _ meter: ProgressMeter) throws(ChainGraphError) -> (graph: SupplyGraph?, report: LoadReport) {
        var tables: [TableKind: RawTable] = [:]
        var report = LoadReport()
        switch source {
        case .snapshot: return (nil, report)
        case let .folder(_, files):
            for kind in [TableKind.segments, .firms, .links] {
                guard let file = files[kind] else { continue }
                do throws(ChainGraphError) { tables[kind] = try table(file, kind, meter) } catch {
                    guard case let .data(location, message) = error else { throw error }
                    report.add(.error, "unreadable", location, message)
                }
            }
        case let .workbook(book):
            let sheets = try workbook(book)
            meter.advance(bytes: ProgressMeter.size(of: [book]))
            for kind in TableKind.allCases {
                if let sheet = sheets.first(where: { kind.sheetNames.contains($0.name.trimmingSpaces().lowercased()) }) {
                    tables[kind] = try RawTable(bytes: sheet.csv, file: "\(book)[\(sheet.name)]")
                }
            }
            if tables[.links] == nil, let first = sheets.first {
                tables[.links] = try RawTable(bytes: first.csv, file: "\(book)[\(first.name)]")
            }
        }
        guard report.errors.isEmpty, let links = tables[.links] else { return (nil, report) }
        var loader = AnalystTableLoader(options: analyst)
        loader.report = report
        loader.meter = meter
        let graph = loader.load(links: links, firms: tables[.firms], segments: tables[.segments])
        return (graph, loader.report)
    }

    private func table(_ file: DatasetSource.File, _ kind: TableKind, _ meter: ProgressMeter) throws(ChainGraphError) -> RawTable {
        switch file {
        case .csv(let path): return try RawTable(path: path, displayName: displayName(path), encoding: encoding, meter: meter)
        case .xlsx(let path):
            let sheets = try workbook(path)
            meter.advance(bytes: ProgressMeter.size(of: [path]))
            guard let sheet = sheets.first(where: { kind.sheetNames.contains($0.name.trimmingSpaces().lowercased()) }) ?? sheets.first else {
                throw .data(SourceLocation(file: path, line: 0, column: 0), "the workbook has no sheet")
            }
            return try RawTable(bytes: sheet.csv, file: "\(path)[\(sheet.name)]")
        }
    }

    private func workbook(_ path: String) throws(ChainGraphError) -> [WorkbookSheet] {
        guard let workbookReader else {
            throw .inputMissing(path: path, reason: "reading .xlsx workbooks needs the ChainGraphExcel module (the chaingraph tool links it)")
        }
        return try workbookReader.sheets(path: path)
    }

    /// First cells of total rows (SPEC §1.1), lower-cased.
    static let totalWords: Set<String> = ["合计", "总计", "小计", "total", "总合计", "共计"]

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

    private func loadFolder(_ dir: String, _ files: [TableKind: DatasetSource.File], _ meter: ProgressMeter) throws(ChainGraphError) -> (graph: SupplyGraph, report: LoadReport) {
        var phases = try openFolder(files, meter)
        try readFirms(&phases)
        try readLinks(&phases)
        return assemble(phases)
    }

    /// The first phase of the fast path: `segments.csv`, if any.
    private func openFolder(_ files: [TableKind: DatasetSource.File], _ meter: ProgressMeter) throws(ChainGraphError) -> FolderPhases {
        var phases = FolderPhases(files: files, meter: meter)
        if let p = phases.path(.segments) { try readSegments(p, into: &phases.state); meter.advance(bytes: ProgressMeter.size(of: [p])) }
        return phases
    }

    /// Opens a clean CSV dataset folder for reading phase by phase (the kernel benchmarks
    /// time each phase of ``load(path:)`` on its own): reads `segments.csv`. Follow with
    /// ``readFirms(_:)``, ``readLinks(_:)`` and ``assemble(_:)``.
    /// - Throws: ``ChainGraphError/inputMissing(path:reason:)`` for a path that is not a
    ///   folder of CSV files; ``ChainGraphError/data(_:_:)`` for a `segments.csv` that the
    ///   fast path does not read as it is (analysts' files take the analyst path instead).
    @_spi(Benchmarks) public func openFolder(_ path: String) throws(ChainGraphError) -> FolderPhases {
        let source = try DatasetSource(path: path)
        guard case let .folder(_, files) = source, files.allSatisfy({ if case .csv = $0.value { true } else { false } }) else {
            throw .inputMissing(path: path, reason: "not a folder of CSV files")
        }
        return try openFolder(files, ProgressMeter(bytesTotal: source.byteSize, callback: progress))
    }

    /// Reads `firms.csv`, if the folder has one: ids, names, regions, segments, revenue, tags.
    /// - Throws: ``ChainGraphError/data(_:_:)`` for the first row the fast path stops at.
    @_spi(Benchmarks) public func readFirms(_ phases: inout FolderPhases) throws(ChainGraphError) {
        guard let p = phases.path(.firms) else { return }
        try Trace.time("read firms.csv") { () throws(ChainGraphError) in try readFirms(p, into: &phases.state, phases.meter) }
    }

    /// Parses `links.csv` into link rows (firm and segment ids resolved, not yet merged).
    /// - Throws: ``ChainGraphError/data(_:_:)`` for the first row the fast path stops at.
    @_spi(Benchmarks) public func readLinks(_ phases: inout FolderPhases) throws(ChainGraphError) {
        guard let p = phases.path(.links) else { throw .inputMissing(path: "links.csv", reason: "the folder has no links.csv") }
        try Trace.time("read links.csv") { () throws(ChainGraphError) in try readLinks(p, into: &phases.state, phases.meter) }
    }

    /// Merges the rows and builds both CSR directions: the graph and what loading noted.
    @_spi(Benchmarks) public func assemble(_ phases: FolderPhases) -> (graph: SupplyGraph, report: LoadReport) {
        var state = phases.state
        let tree = state.tree ?? SegmentTree.labels(Array(state.segmentIds.table))
        state.firms.padToCount()
        phases.meter.enter(.assembling)
        let graph = Trace.time("assemble CSR") { LinkAssembler.assemble(firms: state.firms, segments: tree, chunks: state.links) }
        var report = state.report
        report.unit = analyst.unit?.rawValue
        let links = displayName(phases.path(.links) ?? "links.csv")
        if !state.linksHaveValue {
            report.add(.warning, "no_value_column", SourceLocation(file: links, line: 1, column: 0), "no value column (金额): every link counts 1")
        }
        if graph.buildStats.mergedLinks > 0 {
            report.add(.note, "merged_links", SourceLocation(file: links, line: 0, column: 0),
                       "merged \(graph.buildStats.mergedLinks) parallel link row(s) with the same supplier, buyer and segment (values summed)")
        }
        if graph.buildStats.droppedSelfLoops > 0 {
            report.add(.warning, "self_loops", SourceLocation(file: links, line: 0, column: 0),
                       "dropped \(graph.buildStats.droppedSelfLoops) self-loop link(s) (supplier == buyer)")
        }
        return (graph, report)
    }

    /// A dataset folder part-way through the fast path (``openFolder(_:)``): what has been
    /// read so far.
    @_spi(Benchmarks) public struct FolderPhases: @unchecked Sendable {
        fileprivate var state = LoadState()
        fileprivate let files: [TableKind: DatasetSource.File]
        fileprivate let meter: ProgressMeter

        fileprivate init(files: [TableKind: DatasetSource.File], meter: ProgressMeter) {
            self.files = files
            self.meter = meter
        }

        fileprivate func path(_ kind: TableKind) -> String? { if case .csv(let p)? = files[kind] { p } else { nil } }
    }

    /// Everything read so far.
    fileprivate struct LoadState {
        var tree: SegmentTree?
        /// Segment id → index (the tree's ids, or labels collected on the fly without a tree).
        var segmentIds = IdInterner(capacity: 64)
        var firms = FirmTable()
        var hasFirmFile = false
        var links: [LinkRows] = []
        var linksHaveValue = true
        var report = LoadReport()

        mutating func segment(_ name: String, at location: SourceLocation) throws(ChainGraphError) -> Int32 {
            if let s = segmentIds.find(name) { return s }
            if tree != nil { throw .data(location, "unknown segment \"\(name)\" (not in segments.csv)") }
            return segmentIds.insert(name).index
        }

        /// ``segment(_:at:)`` for an id given as bytes (no String unless it is new or wrong).
        mutating func segment(bytes: UnsafeBufferPointer<UInt8>, at location: @autoclosure () -> SourceLocation) throws(ChainGraphError) -> Int32 {
            if let s = segmentIds.find(bytes) { return s }
            return try segment(String(decoding: bytes, as: UTF8.self), at: location())
        }
    }

    private func displayName(_ path: String) -> String { path }

    private func readSegments(_ path: String, into state: inout LoadState) throws(ChainGraphError) {
        var table = try CSVTable(path: path, displayName: displayName(path), encoding: encoding, specs: Self.segmentColumns, kind: .segments,
                                 report: &state.report)
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

    private func readFirms(_ path: String, into state: inout LoadState, _ meter: ProgressMeter) throws(ChainGraphError) {
        var table = try CSVTable(path: path, displayName: displayName(path), encoding: encoding, specs: Self.firmColumns, kind: .firms,
                                 report: &state.report)
        state.hasFirmFile = true
        var regionText = IdInterner(capacity: 64)  // raw region text → index into regionOfText
        var regionOfText: [Int32] = []
        var regionByPath: [RegionPath: Int32] = [:]
        var tagIds = IdInterner(capacity: 64)  // tag label → index into tagNames
        var firstLine: [Int] = []
        // Size the id table for the file's rows at once instead of growing it step by step.
        if state.firms.count == 0 {
            let rows = LinkParser.lineBreaks(in: table.reader.text)
            state.firms.idIndex = IdInterner(capacity: max(1024, rows))
            firstLine.reserveCapacity(rows)
        }
        var reported = 0
        defer { meter.advance(bytes: table.reader.position - reported) }
        while try table.nextRow() {
            if table.reader.position - reported >= ProgressMeter.step {
                meter.advance(bytes: table.reader.position - reported)
                reported = table.reader.position
            }
            guard table.has(0) else { throw .data(table.location(0), "empty firm id") }
            // Total rows and credit codes take the analyst path, which notes and checks them.
            // Checked only for ids that can be one (18 bytes, or a non-ASCII / `t` start), so
            // ordinary ids cost no allocation here.
            if let bytes = table.reader.trimmedSlice(table.columns[0]), let first = bytes.first,
               bytes.count == 18 || first >= 0x80 || first | 0x20 == UInt8(ascii: "t") {
                let idText = table.string(0)
                if Self.totalWords.contains(idText.lowercased()) { throw .data(table.location(0), "a total row") }
                if bytes.count == 18, CreditCode(idText) != nil { throw .data(table.location(0), "a credit code id") }
            }
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
                    let normalized = RegionNormalization.normalize(text)
                    if !normalized.recognized && !normalized.path.isEmpty {
                        state.report.add(.warning, "unknown_region", table.location(2),
                                         "region \"\(text)\" is not in the division table; kept as \(normalized.path)")
                    }
                    if let path = RegionPath(normalized.path) {
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
                if let bytes = table.reader.trimmedSlice(table.columns[3]) {
                    // The common case, without Strings: `;`-separated ids as bytes.
                    try ListItems.forEach(bytes) { (item) throws(ChainGraphError) in
                        let s = try state.segment(bytes: item, at: table.location(3))
                        if !own.contains(s) { own.append(s) }
                    }
                } else {
                    for name in table.string(3).listItems() {
                        let s = try state.segment(name, at: table.location(3))
                        if !own.contains(s) { own.append(s) }
                    }
                }
                state.firms.segmentList.append(contentsOf: own)
            }
            state.firms.segmentOffsets.append(state.firms.segmentList.count)
            state.firms.revenueColumn.append(try table.number(4, what: "revenue") ?? .nan)
            if table.has(5) {
                if let bytes = table.reader.trimmedSlice(table.columns[5]) {
                    ListItems.forEach(bytes) { item in
                        let (index, inserted) = tagIds.insert(item)
                        if inserted { state.firms.tagNames.append(String(decoding: item, as: UTF8.self)) }
                        state.firms.tagList.append(index)
                    }
                } else {
                    for tag in table.string(5).listItems() {
                        let (index, inserted) = tagIds.insert(tag)
                        if inserted { state.firms.tagNames.append(tag) }
                        state.firms.tagList.append(index)
                    }
                }
            }
            state.firms.tagOffsets.append(state.firms.tagList.count)
        }
    }

    private func readLinks(_ path: String, into state: inout LoadState, _ meter: ProgressMeter) throws(ChainGraphError) {
        var table = try CSVTable(path: path, displayName: displayName(path), encoding: encoding, specs: Self.linkColumns, kind: .links,
                                 report: &state.report)
        state.linksHaveValue = table.columns[2] >= 0
        state.links = try LinkParser.parse(&table, firms: &state.firms, segmentIds: &state.segmentIds,
                                           implicitFirms: !state.hasFirmFile, implicitSegments: state.tree == nil,
                                           threads: threads ?? Parallelism.threads, minimumParallelBytes: parallelChunkBytes, meter: meter)
    }
}
