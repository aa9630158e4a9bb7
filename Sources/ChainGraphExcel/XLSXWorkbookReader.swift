import ChainGraph

/// The workbook reader the dataset loader uses (``/ChainGraph/WorkbookReading``): every
/// worksheet of an `.xlsx` file as CSV text, through ``XLSXReader``.
///
/// ```swift
/// var loader = DatasetLoader()
/// loader.workbookReader = XLSXWorkbookReader()
/// let graph = try loader.load(path: "名单.xlsx")
/// ```
public struct XLSXWorkbookReader: WorkbookReading {
    /// Bounds on decompressed size, rows and columns (zip bombs, hostile files).
    public var limits: XLSXReader.Limits

    /// A reader with the given limits (default: the defaults of ``XLSXReader/Limits``).
    public init(limits: XLSXReader.Limits = .init()) {
        self.limits = limits
    }

    /// Every worksheet in workbook order (SPEC §1.1).
    /// - Throws: what ``XLSXReader/sheets(path:limits:)`` throws.
    public func sheets(path: String) throws(ChainGraphError) -> [WorkbookSheet] {
        try XLSXReader.sheets(path: path, limits: limits).map { WorkbookSheet(name: $0.name, csv: $0.csv) }
    }
}
