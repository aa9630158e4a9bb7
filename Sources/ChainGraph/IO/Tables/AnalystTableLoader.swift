/// Options of the analyst-data path (SPEC §1.1).
public struct AnalystDataOptions: Sendable, Hashable {
    /// The dataset money unit (`--unit`); nil means 万元 once any unit is named.
    public var unit: MoneyUnit?
    /// `--column FIELD=HEADER`: field name → header text, for headers no alias covers.
    public var columns: [String: String] = [:]
    /// Add firms that links name but the firms table lacks, with unknown region.
    public var addUnknownFirms = false

    /// The defaults: no unit given, no extra column names, unknown firms are errors.
    public init(unit: MoneyUnit? = nil, columns: [String: String] = [:], addUnknownFirms: Bool = false) {
        self.unit = unit
        self.columns = columns
        self.addUnknownFirms = addUnknownFirms
    }
}

/// Reads tables as analysts have them — title rows, aliases, units, number forms, total
/// rows, duplicates, names for ids, credit codes, region strings (SPEC §1.1) — and builds
/// the graph through ``SupplyGraphBuilder``, recording every repair and every error in a
/// ``LoadReport`` instead of stopping at the first.
///
/// The clean-CSV fast path of ``DatasetLoader`` hands over to this path whenever a file
/// needs any of these rules, so both give the same graph for the same data.
struct AnalystTableLoader {
    let options: AnalystDataOptions
    var report = LoadReport()
    /// Where rows checked are reported.
    var meter = ProgressMeter.silent
    private var unreportedRows = 0
    /// Region strings → canonical path text, once per distinct string.
    private var regionCache: [String: (path: String, recognized: Bool)] = [:]

    init(options: AnalystDataOptions) {
        self.options = options
    }

    /// A located table with its header matched.
    struct Located {
        let table: RawTable
        let kind: TableKind
        let match: HeaderMatching.Match
        /// Index into `table.rows` of the first data row.
        let firstRow: Int

        func location(_ row: (line: Int, cells: [String]), field: Int) -> SourceLocation {
            SourceLocation(file: table.file, line: row.line, column: match.columns[field] >= 0 ? match.columns[field] + 1 : 0)
        }

        func cell(_ row: (line: Int, cells: [String]), _ field: Int) -> String {
            let k = match.columns[field]
            return k >= 0 && k < row.cells.count ? row.cells[k].trimmingSpaces() : ""
        }
    }

    /// An amount read from a cell, converted once the dataset unit is known.
    struct Amount {
        var value: Double
        var unit: MoneyUnit?
        var location: SourceLocation
    }

    // MARK: Header

    /// Finds the header row (the first that names every required column), noting skipped
    /// title rows, unused and look-alike columns.
    mutating func locate(_ table: RawTable, as kind: TableKind) -> Located? {
        let fields = kind.fields
        for (i, row) in table.rows.enumerated().prefix(100) {
            let (match, duplicate) = HeaderMatching.match(row.cells, fields: fields, explicit: options.columns)
            guard let match else { continue }
            if let duplicate {
                report.add(.error, "duplicate_column", SourceLocation(file: table.file, line: row.line, column: duplicate.columns.1 + 1),
                           "column \(fields[duplicate.field].name) appears twice in the header (also column \(duplicate.columns.0 + 1))")
            }
            if i > 0 {
                let skipped = table.rows[0..<i].map { $0.cells.first { !$0.trimmingSpaces().isEmpty } ?? "" }
                report.add(.note, "title_rows", SourceLocation(file: table.file, line: table.rows[0].line, column: 0),
                           "skipped \(i) row(s) above the header: \(skipped.map { "\"\($0)\"" }.joined(separator: ", "))")
            }
            for (column, header) in match.unused {
                let normalized = HeaderMatching.normalize(header).name
                let resembles = HeaderMatching.lookalikes.first { normalized.contains($0.word) }
                let location = SourceLocation(file: table.file, line: row.line, column: column + 1)
                if let resembles, let f = fields.firstIndex(where: { $0.name == resembles.field }), match.columns[f] < 0 || fields[f].isMoney {
                    report.add(.warning, "lookalike_column", location,
                               "column \"\(header)\" is not used but looks like \(resembles.field); map it to \(resembles.field) if it is")
                } else {
                    report.add(.note, "unused_column", location, "column \"\(header)\" is not used")
                }
            }
            return Located(table: table, kind: kind, match: match, firstRow: i + 1)
        }
        let first = table.rows.first
        let names = fields.filter(\.required).map { "\"\($0.name)\" (\($0.headers.dropFirst().first ?? $0.name))" }.joined(separator: ", ")
        report.add(.error, "missing_column", SourceLocation(file: table.file, line: first?.line ?? 1, column: 0),
                   first == nil ? "file is empty; expected a header row with at least: \(names)"
                       : "no header row names every required column \(names); first row is: \(first!.cells.joined(separator: ","))")
        return nil
    }

    /// First characters of the total words (``DatasetLoader/totalWords``), full-width too.
    static let totalStarts: Set<Unicode.Scalar> = ["合", "总", "小", "共", "t", "T", "ｔ", "Ｔ"]

    /// A total row (合计, 总计, 小计, Total) whose id columns are otherwise empty.
    func isTotalRow(_ row: (line: Int, cells: [String]), _ t: Located, idFields: [Int]) -> Bool {
        guard let k = row.cells.firstIndex(where: { !$0.trimmingSpaces().isEmpty }) else { return false }
        // Cheap test first: a total word starts with 合, 总, 小, 共 or t (also full-width).
        guard let head = row.cells[k].unicodeScalars.first(where: { $0 != " " && $0 != "\t" && $0 != "\u{3000}" }),
              Self.totalStarts.contains(head) else { return false }
        let word = AmountParser.foldWidth(row.cells[k]).trimmingSpaces().lowercased().replacing(" ", with: "")
        guard DatasetLoader.totalWords.contains(word) else { return false }
        return idFields.allSatisfy { f in t.match.columns[f] == k || t.cell(row, f).isEmpty }
    }

    func isBlank(_ row: (line: Int, cells: [String])) -> Bool { row.cells.allSatisfy { $0.trimmingSpaces().isEmpty } }

    /// SPEC §1: a CSV row with another number of fields than the header is an error
    /// (workbook sheets are padded to one width, so they never are).
    mutating func hasHeaderWidth(_ row: (line: Int, cells: [String]), _ t: Located) -> Bool {
        let width = t.table.rows[t.firstRow - 1].cells.count
        guard row.cells.count != width else { return true }
        let column = row.cells.count < width ? row.cells.count + 1 : width + 1
        report.add(.error, "field_count", SourceLocation(file: t.table.file, line: row.line, column: column),
                   "expected \(width) fields as in the header, found \(row.cells.count)")
        return false
    }

    // MARK: Cells

    /// Reads an amount cell. Empty → nil. Errors and placeholders: an error for a
    /// required amount (`value`), a warning and unknown for an optional one (`revenue`).
    mutating func amount(_ text: String, at location: SourceLocation, field: String, requiredKnown: Bool) -> Amount?? {
        switch AmountParser.parse(text) {
        case .empty: return .some(nil)
        case let .value(v, unit): return Amount(value: v, unit: unit, location: location)
        case .unknown(let why):
            if requiredKnown {
                report.add(.error, "unknown_value", location, "unknown \(field) (\(why)): the true amount is unknown; fill it in or remove the row")
                return nil
            }
            report.add(.warning, "unknown_value", location, "\(field) is unknown (\(why)); read as empty")
            return .some(nil)
        case .negative(let accounting):
            report.add(.error, "negative_amount", location, accounting ? "\(field) must not be negative: \"\(text)\" is a negative amount in accounting notation"
                                                                       : "\(field) must not be negative: \"\(text)\"")
            return nil
        case .invalid:
            report.add(.error, "not_a_number", location, "\(field) is not a number: \"\(text)\"")
            return nil
        }
    }

    /// The `lat`/`lon` cells of a firm row (fields 6 and 7, SPEC §3.9): `.some(nil)` when
    /// both are empty, nil (with an error) when one is missing, not a number or out of range.
    mutating func coordinates(_ row: (line: Int, cells: [String]), _ t: Located) -> (latitude: Double, longitude: Double)?? {
        let lat = t.cell(row, 6), lon = t.cell(row, 7)
        if lat.isEmpty && lon.isEmpty { return .some(nil) }
        func parse(_ text: String, field: Int, name: String, limit: Double) -> Double? {
            guard !text.isEmpty else {
                report.add(.error, "half_location", t.location(row, field: field), "\(name) is empty while the other coordinate is given; give both or neither")
                return nil
            }
            guard let v = Double(AmountParser.foldWidth(text).trimmingSpaces()), v.isFinite, abs(v) <= limit else {
                report.add(.error, "bad_coordinate", t.location(row, field: field), "\(name) must be a number of degrees in [-\(Int(limit)), \(Int(limit))], got \"\(text)\"")
                return nil
            }
            return v
        }
        let latitude = parse(lat, field: 6, name: "latitude (lat)", limit: 90), longitude = parse(lon, field: 7, name: "longitude (lon)", limit: 180)
        guard let latitude, let longitude else { return nil }
        return (latitude, longitude)
    }

    /// The canonical region path text of a region cell (SPEC §1.1), warning once per
    /// string the division table does not know.
    mutating func region(_ text: String, at location: SourceLocation) -> String {
        if let cached = regionCache[text] { return cached.path }
        let normalized = RegionNormalization.normalize(text)
        regionCache[text] = (normalized.path, normalized.recognized)
        if !normalized.recognized && !normalized.path.isEmpty {
            report.add(.warning, "unknown_region", location, "region \"\(text)\" is not in the division table; kept as \(normalized.path)")
        }
        return normalized.path
    }
}

extension AnalystTableLoader {
    /// Loads the tables (links required) into a graph. Returns nil when an error makes a
    /// graph impossible; every problem is in ``report``.
    mutating func load(links: RawTable, firms: RawTable?, segments: RawTable?) -> SupplyGraph? {
        var builder = SupplyGraphBuilder()
        // Segments.
        var segmentIds = Set<String>()
        var segmentsByName: [String: [String]] = [:]
        var hasTree = false
        if let segments, let t = locate(segments, as: .segments) {
            hasTree = true
            var definitions: [SegmentDefinition] = []
            var sources: [DefinitionSource?] = []
            for row in t.table.rows[t.firstRow...] where !isBlank(row) && hasHeaderWidth(row, t) {
                tick()
                if isTotalRow(row, t, idFields: [0]) { report.add(.note, "total_row", t.location(row, field: 0), "skipped a total row"); continue }
                let id = t.cell(row, 0)
                guard !id.isEmpty else { report.add(.error, "empty_id", t.location(row, field: 0), "empty segment id"); continue }
                guard !t.cell(row, 2).isEmpty else {
                    report.add(.error, "empty_chain", t.location(row, field: 2), "empty chain (every segment must belong to a chain)"); continue
                }
                var stage: Stage?
                let stageText = t.cell(row, 4)
                if !stageText.isEmpty {
                    guard let s = Stage(userValue: stageText) else {
                        report.add(.error, "bad_stage", t.location(row, field: 4), "stage must be upstream, midstream or downstream (上游/中游/下游), got \"\(stageText)\"")
                        continue
                    }
                    stage = s
                }
                definitions.append(SegmentDefinition(id: id, name: t.cell(row, 1), chain: t.cell(row, 2),
                                                     parent: t.cell(row, 3).isEmpty ? nil : t.cell(row, 3), stage: stage,
                                                     inputs: t.cell(row, 5).listItems()))
                sources.append(DefinitionSource(file: t.table.file, line: row.line, idColumn: t.match.columns[0] + 1,
                                                parentColumn: t.match.columns[3] + 1, inputsColumn: t.match.columns[5] + 1))
            }
            // Parents and inputs may name segments by name too.
            let ids = Set(definitions.map(\.id))
            for d in definitions where !d.name.isEmpty { segmentsByName[d.name, default: []].append(d.id) }
            for i in definitions.indices {
                if let p = definitions[i].parent, !ids.contains(p), let id = resolveSegmentName(p, ids: ids, byName: segmentsByName, at: sources[i]!.location(sources[i]!.parentColumn)) {
                    definitions[i].parent = id
                }
                definitions[i].inputs = definitions[i].inputs.map { input in
                    ids.contains(input) ? input : resolveSegmentName(input, ids: ids, byName: segmentsByName, at: sources[i]!.location(sources[i]!.inputsColumn)) ?? input
                }
            }
            do throws(ChainGraphError) {
                _ = try SegmentTree.validated(definitions, sources: sources)
                for d in definitions { builder.addSegment(d) }
                segmentIds = ids
            } catch {
                recordThrown(error, code: "bad_segment_tree")
            }
        }
        func segment(_ text: String, at location: SourceLocation) -> String? {
            if !hasTree || segmentIds.contains(text) { return text }
            if let id = resolveSegmentName(text, ids: segmentIds, byName: segmentsByName, at: location) { return id }
            if segmentsByName[text] == nil {
                report.add(.error, "unknown_segment", location, "unknown segment \"\(text)\" (not in segments)")
            }
            return nil
        }

        // Firms.
        var firmIds = Set<String>()
        var firmsByName: [String: [String]] = [:]
        var revenues: [(id: String, amount: Amount?)] = []
        var firmRows: [(id: String, name: String, region: String, segments: [String], tags: [String],
                        location: (latitude: Double, longitude: Double)?)] = []
        var firstRow: [String: (line: Int, cells: [String])] = [:]
        var revenueHeaderUnit: String?
        if let firms, let t = locate(firms, as: .firms) {
            revenueHeaderUnit = t.match.units[4]
            for row in t.table.rows[t.firstRow...] where !isBlank(row) && hasHeaderWidth(row, t) {
                tick()
                if isTotalRow(row, t, idFields: [0]) { report.add(.note, "total_row", t.location(row, field: 0), "skipped a total row (\(t.cell(row, 0)))"); continue }
                let id = t.cell(row, 0)
                guard !id.isEmpty else { report.add(.error, "empty_id", t.location(row, field: 0), "empty firm id"); continue }
                let content = t.match.columns.map { $0 >= 0 && $0 < row.cells.count ? row.cells[$0].trimmingSpaces() : "" }
                if let first = firstRow[id] {
                    let firstContent = t.match.columns.map { $0 >= 0 && $0 < first.cells.count ? first.cells[$0].trimmingSpaces() : "" }
                    if firstContent == content {
                        report.add(.warning, "duplicate_row", t.location(row, field: 0), "dropped a firm row identical to line \(first.line) (\(id))")
                    } else {
                        report.add(.error, "duplicate_id", t.location(row, field: 0), "duplicate firm id \"\(id)\" (first on line \(first.line)) with different content")
                    }
                    continue
                }
                firstRow[id] = row
                var regionText = t.cell(row, 2)
                if let code = CreditCodeCheck.check(id) {
                    switch code {
                    case .badCheck(let expected):
                        report.add(.warning, "credit_code_check", t.location(row, field: 0),
                                   "\(id) has the form of a unified social credit code but its check character should be \(expected)")
                    case .valid(let division):
                        if regionText.isEmpty, let path = RegionNormalization.path(ofDivision: division) {
                            regionText = path
                            report.add(.note, "region_from_credit_code", t.location(row, field: 0),
                                       "region of \(id) taken from its credit code's registration division \(division): \(path)")
                        }
                    }
                }
                let region = regionText.isEmpty ? "" : self.region(regionText, at: t.location(row, field: 2))
                var own: [String] = []
                for s in t.cell(row, 3).listItems() {
                    if let id = segment(s, at: t.location(row, field: 3)), !own.contains(id) { own.append(id) }
                }
                guard let revenue = amount(t.cell(row, 4), at: t.location(row, field: 4), field: "revenue", requiredKnown: false) else { continue }
                guard let location = coordinates(row, t) else { continue }
                firmIds.insert(id)
                let name = t.cell(row, 1)
                if !name.isEmpty { firmsByName[name, default: []].append(id) }
                revenues.append((id, revenue))
                firmRows.append((id, name, region, own, t.cell(row, 5).listItems(), location))
            }
        }
        let hasFirms = firms != nil

        // Links.
        guard let t = locate(links, as: .links) else { return nil }
        if t.match.columns[2] < 0 {
            report.add(.warning, "no_value_column", SourceLocation(file: t.table.file, line: t.table.rows[t.firstRow - 1].line, column: 0),
                       "no value column (金额): every link counts 1")
        }
        var linkRows: [(supplier: String, buyer: String, amount: Amount?, segment: String?)] = []
        var unknownAdded: [String] = []
        var emptyValues = 0, namesResolved = 0
        var firstEmptyValue: SourceLocation?
        func firm(_ text: String, at location: SourceLocation) -> String? {
            if !hasFirms || firmIds.contains(text) { return text }
            if let ids = firmsByName[text] {
                if ids.count == 1 { namesResolved += 1; return ids[0] }
                report.add(.error, "ambiguous_name", location, "\"\(text)\" is the name of \(ids.count) firms: \(ids.joined(separator: ", ")); use the id")
                return nil
            }
            if options.addUnknownFirms {
                firmIds.insert(text)
                unknownAdded.append(text)
                return text
            }
            report.add(.error, "unknown_firm", location, "unknown firm \"\(text)\" (not in firms; firms that only links name can be added with unknown region)")
            return nil
        }
        for row in t.table.rows[t.firstRow...] where !isBlank(row) && hasHeaderWidth(row, t) {
            tick()
            if isTotalRow(row, t, idFields: [0, 1]) { report.add(.note, "total_row", t.location(row, field: 0), "skipped a total row"); continue }
            let supplierText = t.cell(row, 0), buyerText = t.cell(row, 1)
            guard !supplierText.isEmpty else { report.add(.error, "empty_id", t.location(row, field: 0), "empty supplier id"); continue }
            guard !buyerText.isEmpty else { report.add(.error, "empty_id", t.location(row, field: 1), "empty buyer id"); continue }
            let supplier = firm(supplierText, at: t.location(row, field: 0))
            let buyer = firm(buyerText, at: t.location(row, field: 1))
            var seg: String?
            let segText = t.cell(row, 3)
            var segmentOK = true
            if !segText.isEmpty {
                seg = segment(segText, at: t.location(row, field: 3))
                segmentOK = seg != nil
            }
            var value: Amount?
            if t.match.columns[2] >= 0 {
                guard let v = amount(t.cell(row, 2), at: t.location(row, field: 2), field: "value", requiredKnown: true) else { continue }
                value = v
                if v == nil { emptyValues += 1; firstEmptyValue = firstEmptyValue ?? t.location(row, field: 2) }
            }
            guard let supplier, let buyer, segmentOK else { continue }
            linkRows.append((supplier, buyer, value, seg))
        }
        if emptyValues > 0, let at = firstEmptyValue {
            report.add(.warning, "empty_value", at, "\(emptyValues) empty value cell(s) counted as 1")
        }
        if namesResolved > 0 {
            report.add(.note, "name_for_id", SourceLocation(file: t.table.file, line: 0, column: 0),
                       "\(namesResolved) supplier/buyer cell(s) named a firm by its unique name and were resolved to its id")
        }
        if !unknownAdded.isEmpty {
            report.add(.warning, "unknown_firms_added", SourceLocation(file: t.table.file, line: 0, column: 0),
                       "added \(unknownAdded.count) firm(s) that links name but firms lacks, with unknown region (e.g. \(unknownAdded.prefix(3).joined(separator: ", ")))")
        }

        // Units (SPEC §1.1): once any money header or cell names a unit, convert everything.
        let valueHeaderUnit = t.match.units[2]
        let headerUnits: [(field: String, text: String?)] = [("value", valueHeaderUnit), ("revenue", revenueHeaderUnit)]
        var named: [String: MoneyUnit] = [:]
        for (field, text) in headerUnits {
            guard let text else { continue }
            if let unit = MoneyUnit(text: text) { named[field] = unit } else if !text.isEmpty {
                report.add(.warning, "unknown_unit", SourceLocation(file: field == "value" ? t.table.file : (firms?.file ?? ""), line: 0, column: 0),
                           "the \(field) header names \"\(text)\", which is not a money unit (元, 千元, 万元, 百万元, 亿元); numbers used as given")
            }
        }
        let anyCellUnit = linkRows.contains { $0.amount?.unit != nil } || revenues.contains { $0.amount?.unit != nil }
        let datasetUnit: MoneyUnit? = (!named.isEmpty || anyCellUnit) ? (options.unit ?? .tenThousand) : options.unit
        report.unit = datasetUnit?.rawValue
        var converted: [String: (from: Set<String>, count: Int)] = [:]
        func convert(_ a: Amount?, field: String) -> Double? {
            guard let a else { return nil }
            guard let target = datasetUnit, !(named.isEmpty && !anyCellUnit) else { return a.value }
            let from = a.unit ?? named[field] ?? target
            if from != target {
                converted[field, default: ([], 0)].from.insert(from.rawValue)
                converted[field, default: ([], 0)].count += 1
            }
            return from.convert(a.value, to: target)
        }
        for r in revenues.indices {
            let row = firmRows[r]
            do throws(ChainGraphError) {
                try builder.addFirm(id: row.id, name: row.name, region: row.region, segments: row.segments,
                                    revenue: convert(revenues[r].amount, field: "revenue"), tags: row.tags, location: row.location)
            } catch { recordThrown(error, code: "bad_firm") }
        }
        for id in unknownAdded {
            do throws(ChainGraphError) { try builder.addFirm(id: id) } catch { recordThrown(error, code: "bad_firm") }
        }
        for link in linkRows {
            do throws(ChainGraphError) {
                try builder.addLink(supplier: link.supplier, buyer: link.buyer, value: convert(link.amount, field: "value") ?? 1, segment: link.segment)
            } catch { recordThrown(error, code: "bad_link") }
        }
        for (field, c) in converted.sorted(by: { $0.key < $1.key }) {
            report.add(.note, "unit_converted", SourceLocation(file: field == "value" ? t.table.file : (firms?.file ?? t.table.file), line: 0, column: 0),
                       "converted \(c.count) \(field) amount(s) from \(c.from.sorted().joined(separator: "/")) to \(datasetUnit!.rawValue)")
        }
        guard report.errors.isEmpty else { return nil }
        do throws(ChainGraphError) {
            let graph = try builder.build()
            if graph.buildStats.mergedLinks > 0 {
                report.add(.note, "merged_links", SourceLocation(file: t.table.file, line: 0, column: 0),
                           "merged \(graph.buildStats.mergedLinks) parallel link row(s) with the same supplier, buyer and segment (values summed)")
            }
            if graph.buildStats.droppedSelfLoops > 0 {
                report.add(.warning, "self_loops", SourceLocation(file: t.table.file, line: 0, column: 0),
                           "dropped \(graph.buildStats.droppedSelfLoops) self-loop link(s) (supplier == buyer)")
            }
            return graph
        } catch {
            recordThrown(error, code: "bad_dataset")
            return nil
        }
    }

    /// A segment named by its unique name instead of its id; notes the resolution.
    mutating func resolveSegmentName(_ text: String, ids: Set<String>, byName: [String: [String]], at location: SourceLocation) -> String? {
        guard let matches = byName[text] else { return nil }
        if matches.count == 1 {
            report.add(.note, "name_for_id", location, "segment \"\(text)\" resolved by name to \(matches[0])")
            return matches[0]
        }
        report.add(.error, "ambiguous_name", location, "\"\(text)\" is the name of \(matches.count) segments: \(matches.joined(separator: ", ")); use the id")
        return nil
    }

    /// Counts one checked row; reports every 4,096.
    mutating func tick() {
        unreportedRows += 1
        if unreportedRows == 4096 { meter.checked(rows: unreportedRows); unreportedRows = 0 }
    }

    mutating func recordThrown(_ error: ChainGraphError, code: String) {
        switch error {
        case let .data(location, message): report.add(.error, code, location, message)
        default: report.add(.error, code, SourceLocation(file: "", line: 0, column: 0), error.description)
        }
    }
}
