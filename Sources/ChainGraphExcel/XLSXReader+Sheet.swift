extension XLSXReader {
    /// One worksheet of a workbook as CSV text (SPEC §1.1).
    ///
    /// ``csv`` has ``rowCount`` lines of ``columnCount`` fields each, LF-terminated, in
    /// UTF-8 without a byte-order mark: line n is sheet row n, field k is column k (`A` = 1).
    /// Rows after the last one with a value and columns after the last one with a value are
    /// left out; empty rows before are empty fields. A cell whose text holds a line break
    /// makes its row span several lines; ``row(atLine:)`` undoes that shift.
    public struct Sheet: Sendable, Hashable {
        /// The sheet's name as the workbook gives it (the tab label).
        public var name: String
        /// The sheet as RFC 4180 CSV text in UTF-8.
        public var csv: [UInt8]
        /// Lines of ``csv``: the last row that holds a value (0 for an empty sheet).
        public var rowCount: Int
        /// Fields on every line: the last column that holds a value in any row.
        public var columnCount: Int
        /// Whether the workbook hides the sheet (`state="hidden"` or `"veryHidden"`).
        public var isHidden: Bool
        /// Rows whose fields hold line breaks, in row order.
        var multiLineRows: [MultiLineRow]

        init(name: String, csv: [UInt8], rowCount: Int, columnCount: Int, isHidden: Bool,
             multiLineRows: [MultiLineRow]) {
            self.name = name
            self.csv = csv
            self.rowCount = rowCount
            self.columnCount = columnCount
            self.isHidden = isHidden
            self.multiLineRows = multiLineRows
        }

        /// The sheet row of a 1-based physical CSV line (as a CSV reader counts lines, where
        /// the record starts): the line itself unless a cell above holds a line break.
        ///
        /// - Complexity: O(log m) for m rows with line breaks in their cells.
        public func row(atLine line: Int) -> Int {
            var low = 0
            var high = multiLineRows.count
            while low < high {  // count of multi-line rows starting at or before `line`
                let mid = (low + high) / 2
                if multiLineRows[mid].firstLine <= line { low = mid + 1 } else { high = mid }
            }
            guard low > 0 else { return line }
            let previous = multiLineRows[low - 1]
            if line <= previous.firstLine + previous.extraLines { return previous.row }
            return line - (previous.firstLine - previous.row + previous.extraLines)
        }
    }
}
