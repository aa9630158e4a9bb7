import Glibc

/// Reads the sheets of a workbook as CSV text (implemented by the ChainGraphExcel module,
/// so the core library needs no zip or XML code).
public protocol WorkbookReading: Sendable {
    /// Every worksheet, in workbook order, as RFC 4180 CSV in UTF-8: one line per sheet
    /// row from row 1, every line with the same number of fields, so CSV line = sheet row
    /// and field = sheet column.
    /// - Throws: ``ChainGraphError`` naming the workbook (and sheet, row, column) for an
    ///   unreadable or damaged file.
    func sheets(path: String) throws(ChainGraphError) -> [WorkbookSheet]
}

/// One worksheet as CSV text.
public struct WorkbookSheet: Sendable {
    /// The sheet's name in the workbook.
    public var name: String
    /// The sheet as CSV bytes (UTF-8).
    public var csv: [UInt8]

    /// A sheet.
    public init(name: String, csv: [UInt8]) {
        self.name = name
        self.csv = csv
    }
}

/// Where a dataset's tables are (SPEC §1, §1.1): a folder of CSV/XLSX files, one workbook,
/// or a snapshot.
enum DatasetSource {
    /// A table file of a folder.
    enum File {
        case csv(String)
        case xlsx(String)
    }

    case folder(String, [TableKind: File])
    case workbook(String)
    case snapshot(String)

    /// Total size of the files read (for progress).
    var byteSize: Int {
        switch self {
        case let .folder(_, files):
            ProgressMeter.size(of: files.values.map { file in
                switch file { case .csv(let p), .xlsx(let p): p }
            })
        case .workbook(let p), .snapshot(let p): ProgressMeter.size(of: [p])
        }
    }

    init(path: String) throws(ChainGraphError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .inputMissing(path: path, reason: systemMessage(errno)) }
        let lower = path.lowercased()
        if (info.st_mode & S_IFMT) == S_IFDIR {
            self = try Self.folder(path)
        } else if lower.hasSuffix(".xlsx") {
            // A table of a folder (links.xlsx, …) means its folder; any other workbook holds the dataset.
            let name = String(lower.split(separator: "/").last ?? "")
            if TableKind.allCases.contains(where: { "\($0.rawValue).xlsx" == name }) {
                self = try Self.folder(Self.parent(of: path))
            } else {
                self = .workbook(path)
            }
        } else if (lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") || lower.hasSuffix(".txt")) && !Snapshot.isSnapshot(path: path) {
            // Pointing at one of the dataset's CSV files means its folder (a common slip).
            self = try Self.folder(Self.parent(of: path))
        } else {
            self = .snapshot(path)
        }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func folder(_ folder: String) throws(ChainGraphError) -> DatasetSource {
        let dir = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        var files: [TableKind: File] = [:]
        for kind in TableKind.allCases {
            var csv: String?
            for ext in ["csv", "tsv", "txt"] where csv == nil && access("\(dir)/\(kind.rawValue).\(ext)", F_OK) == 0 {
                csv = "\(dir)/\(kind.rawValue).\(ext)"
            }
            let xlsx = "\(dir)/\(kind.rawValue).xlsx"
            let hasXLSX = access(xlsx, F_OK) == 0
            if let csv, hasXLSX {
                throw .inputMissing(path: dir, reason: "holds both \(csv.split(separator: "/").last!) and \(kind.rawValue).xlsx; keep one of them")
            }
            if let csv { files[kind] = .csv(csv) } else if hasXLSX { files[kind] = .xlsx(xlsx) }
        }
        guard files[.links] != nil else {
            throw .inputMissing(path: dir, reason: "no links.csv or links.xlsx in this folder (a dataset needs links; firms and segments are optional)")
        }
        return .folder(dir, files)
    }
}
