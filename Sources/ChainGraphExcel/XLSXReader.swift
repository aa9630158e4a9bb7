import ChainGraph

/// Reads Excel workbooks (.xlsx, Office Open XML SpreadsheetML) as CSV text, so that a
/// dataset can be kept as analysts keep it (SPEC §1.1, "Workbooks").
///
/// Each worksheet becomes RFC 4180 CSV in UTF-8 with one line per sheet row, from row 1 to
/// the last row that holds a value, empty rows included, and every line padded with commas
/// to the same number of fields (the last column that holds a value anywhere in the
/// sheet). CSV line n is therefore sheet row n and field k is column k, so the table
/// loader can run its CSV reader unchanged and report a problem at
/// `book.xlsx[sheet]:ROW:COLUMN` (``sourceFile(workbook:sheet:)``). The one exception is
/// a cell holding a line break, which RFC 4180 writes as a quoted field spanning lines:
/// ``Sheet/row(atLine:)`` maps a CSV line back to its row.
///
/// Cells are read as values: numbers exactly as Excel stores them (`1234.5`, `1E-3`; date
/// cells stay serial numbers), shared and inline strings (rich-text runs concatenated,
/// phonetic runs left out, XML entities and `_xHHHH_` escapes decoded), booleans as
/// `TRUE`/`FALSE`, error cells as their text (`#N/A`), and formulas by their cached value.
/// A field is quoted when it holds a comma, quote, CR, LF or tab, or begins or ends with a
/// space; quotes are doubled.
///
/// The reader is built for hostile files (SPEC §5: no input may crash or hang it, and
/// "an xlsx is a zip: its decompressed size is bounded before reading"). Every zip offset
/// and size is checked against the file; each part's declared uncompressed size is
/// checked against ``Limits/maxUncompressedBytes`` before it is read and its output counted
/// while it is inflated; sizes and CRC-32 must match; rows, columns and the padded CSV size
/// are bounded (``Limits``). The XML is read by a flat, streaming tokenizer with no
/// recursion and no DTD or entity expansion, keeping only the unfinished tail of a part in
/// memory.
///
/// ```swift
/// import ChainGraphExcel
///
/// for sheet in try XLSXReader.sheets(path: "datasets/nev/book.xlsx") {
///     print(sheet.name, sheet.rowCount, "rows ×", sheet.columnCount, "columns")
///     // sheet.csv is UTF-8 CSV text for the CSV reader, file name
///     // XLSXReader.sourceFile(workbook: "datasets/nev/book.xlsx", sheet: sheet.name)
/// }
/// ```
///
/// Parts over 1 MiB are inflated on a second thread while the calling thread scans them,
/// so a large sheet uses both cores; the result and the errors are those of a sequential
/// read.
///
/// - Complexity: O(compressed + decompressed size) time; memory O(CSV text + shared
///   strings), plus the largest single XML token.
public enum XLSXReader {
    /// Every worksheet of the workbook at `path`, in workbook order, as CSV text.
    ///
    /// Chart, dialog and macro sheets are skipped; hidden worksheets are included and
    /// marked (``Sheet/isHidden``).
    ///
    /// - Parameters:
    ///   - path: the .xlsx file, as the user named it; it also prefixes every location
    ///     (`path[sheet]:ROW:COLUMN`) and message.
    ///   - limits: bounds on decompressed size, CSV size, rows and columns.
    /// - Throws: ``/ChainGraph/ChainGraphError/inputMissing(path:reason:)`` when the file cannot be read;
    ///   ``/ChainGraph/ChainGraphError/invalidData(_:)`` (`path: not a valid .xlsx workbook: …`) when the
    ///   zip or package structure is broken or a limit is exceeded;
    ///   ``/ChainGraph/ChainGraphError/data(_:_:)`` at `path[sheet]:ROW:COLUMN` for a bad cell or row
    ///   (malformed XML, an out-of-range reference or shared-string index, invalid UTF-8).
    /// - Complexity: O(compressed + decompressed size of the parts read).
    public static func sheets(path: String, limits: Limits = .init()) throws(ChainGraphError) -> [Sheet] {
        let package = try WorkbookPackage(path: path, limits: limits)
        return try package.convert(package.sheets)
    }

    /// The worksheets named in `names` (exact, case-sensitive names), in workbook order;
    /// names the workbook lacks are not an error and yield nothing. Only the chosen sheets
    /// (and the shared strings) are decompressed.
    ///
    /// With ``sheetNames(path:limits:)`` a loader can choose sheets first (`links`,
    /// `firms`, `segments`, or the first sheet) and convert only those.
    ///
    /// - Throws: as ``sheets(path:limits:)``.
    public static func sheets(path: String, named names: [String], limits: Limits = .init()) throws(ChainGraphError) -> [Sheet] {
        let package = try WorkbookPackage(path: path, limits: limits)
        let wanted = Set(names)
        return try package.convert(package.sheets.filter { wanted.contains($0.name) })
    }

    /// The names of the workbook's worksheets in workbook order, hidden ones included.
    ///
    /// Reads only the zip directory, the relationships and `xl/workbook.xml`.
    ///
    /// - Throws: as ``sheets(path:limits:)`` for the parts it reads.
    public static func sheetNames(path: String, limits: Limits = .init()) throws(ChainGraphError) -> [String] {
        try WorkbookPackage(path: path, limits: limits).sheets.map(\.name)
    }

    /// The file part of a location in a workbook: `book.xlsx[links]` (SPEC §1.1), used in
    /// every ``/ChainGraph/ChainGraphError/data(_:_:)`` this reader throws.
    public static func sourceFile(workbook path: String, sheet: String) -> String {
        "\(path)[\(sheet)]"
    }

    /// The error for a workbook whose zip or package structure is broken.
    static func invalidWorkbook(_ path: String, _ reason: String) -> ChainGraphError {
        .invalidData("\(path): not a valid .xlsx workbook: \(reason)")
    }

    /// The letters Excel shows for a 1-based column number: 1 → `A`, 28 → `AB`,
    /// 16384 → `XFD`; empty for 0 or less. For messages that name a cell as `C12`.
    public static func columnLetters(_ column: Int) -> String {
        CellReference.columnLetters(column)
    }
}
