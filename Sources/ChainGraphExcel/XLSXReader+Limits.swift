extension XLSXReader {
    /// Bounds that keep a hostile or broken workbook from exhausting memory or time
    /// (SPEC §5). The defaults admit any workbook Excel itself can hold up to 2 GiB of XML.
    ///
    /// ```swift
    /// let small = XLSXReader.Limits(maxUncompressedBytes: 64 << 20)
    /// let sheets = try XLSXReader.sheets(path: "book.xlsx", limits: small)
    /// ```
    public struct Limits: Sendable, Hashable {
        /// Total decompressed bytes of all parts read (relationships, workbook, shared
        /// strings, the chosen worksheets). Each part's declared size is checked before it
        /// is read, and its actual output is counted while inflating. Default 2 GiB.
        public var maxUncompressedBytes: Int
        /// Total bytes of CSV text produced for all sheets, checked before each sheet's
        /// text is laid out: padding makes a sparse sheet with one far cell
        /// (`XFD1048576`) ask for rows × columns commas. Default 1 GiB.
        public var maxCSVBytes: Int
        /// Highest row number accepted. Default 1,048,576, Excel's limit.
        public var maxRows: Int
        /// Highest column number accepted. Default 16,384 (`XFD`), Excel's limit.
        public var maxColumns: Int

        /// Limits; every argument defaults to Excel's own bound or to the sizes above.
        public init(maxUncompressedBytes: Int = 2 << 30, maxCSVBytes: Int = 1 << 30,
                    maxRows: Int = 1_048_576, maxColumns: Int = 16_384) {
            self.maxUncompressedBytes = maxUncompressedBytes
            self.maxCSVBytes = maxCSVBytes
            self.maxRows = maxRows
            self.maxColumns = maxColumns
        }
    }
}
