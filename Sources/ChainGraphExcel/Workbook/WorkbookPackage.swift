import ChainGraph

/// A worksheet as the workbook lists it.
struct SheetReference {
    var name: String
    /// The worksheet part, e.g. `xl/worksheets/sheet1.xml`.
    var part: String
    var isHidden: Bool
}

/// An open .xlsx package: its zip directory, the decompression budget, the worksheets in
/// workbook order and where the shared strings are.
///
/// The parts are found as ECMA-376 Part 2 says: `_rels/.rels` names the workbook part, the
/// workbook's relationships name each sheet's part and the shared string table. Chart,
/// dialog and macro sheets are left out: they hold no table.
final class WorkbookPackage {
    let path: String
    let archive: ZipArchive
    let limits: XLSXReader.Limits
    private var budget: DecompressionBudget
    private(set) var sheets: [SheetReference] = []
    private var sharedStringsPart: String?

    init(path: String, limits: XLSXReader.Limits) throws(ChainGraphError) {
        self.path = path
        self.limits = limits
        archive = try ZipArchive(path: path)
        budget = DecompressionBudget(limit: limits.maxUncompressedBytes)

        let root = try PackageRelationships.read(of: "", archive: archive, budget: &budget)
        let declared = root.first { $0.hasType("officeDocument") && !$0.isExternal }?.target ?? "xl/workbook.xml"
        guard let workbook = archive.entry(named: declared) ?? archive.entry(named: "xl/workbook.xml") else {
            if archive.entry(named: "xl/workbook.bin") != nil {
                throw archive.invalid("it is a binary .xlsb workbook; save it as .xlsx")
            }
            throw archive.invalid("it has no workbook part (\(declared)): a zip file, but not an Excel workbook")
        }
        let relationships = try PackageRelationships.read(of: workbook.name, archive: archive, budget: &budget)
        let workbookXML = try archive.contents(of: workbook, budget: &budget)
        for tag in try PartXML.startTags(workbookXML, part: workbook.name, workbook: path) where tag.localName == "sheet" {
            let name = tag.attribute("name") ?? ""
            guard let id = tag.prefixedAttribute(local: "id") else {
                throw archive.invalid("\(workbook.name): sheet \"\(name)\" has no relationship id (r:id)")
            }
            guard let relationship = relationships.first(where: { $0.id == id }) else {
                throw archive.invalid("sheet \"\(name)\" refers to relationship \(id), which \(PackageRelationships.relationshipsPart(of: workbook.name)) does not have")
            }
            guard relationship.hasType("worksheet"), !relationship.isExternal else { continue }
            let state = tag.attribute("state")
            sheets.append(SheetReference(name: name, part: relationship.target,
                                         isHidden: state == "hidden" || state == "veryHidden"))
        }
        sharedStringsPart = relationships.first { $0.hasType("sharedStrings") && !$0.isExternal }?.target
        if sharedStringsPart == nil, archive.entry(named: "xl/sharedStrings.xml") != nil {
            sharedStringsPart = "xl/sharedStrings.xml"
        }
    }

    /// Converts `selected` to CSV, reading the shared strings first when there are any.
    func convert(_ selected: [SheetReference]) throws(ChainGraphError) -> [XLSXReader.Sheet] {
        guard !selected.isEmpty else { return [] }
        var strings = SharedStrings()
        if let part = sharedStringsPart {
            guard let entry = archive.entry(named: part) else {
                throw archive.invalid("the shared string table \(part) is missing")
            }
            strings = try SharedStrings.read(entry, archive: archive, budget: &budget)
        }
        var csvBudget = limits.maxCSVBytes
        var result: [XLSXReader.Sheet] = []
        for reference in selected {
            guard let entry = archive.entry(named: reference.part) else {
                throw archive.invalid("sheet \"\(reference.name)\" is missing its part \(reference.part)")
            }
            let file = XLSXReader.sourceFile(workbook: path, sheet: reference.name)
            let sheet = try WorksheetConverter.convert(name: reference.name, file: file, strings: strings, limits: limits,
                                                       csvLimit: csvBudget, isHidden: reference.isHidden) { feed throws(ChainGraphError) in
                try archive.extractConcurrently(entry, budget: &budget, into: feed)
            }
            csvBudget -= sheet.csv.count
            result.append(sheet)
        }
        return result
    }
}
