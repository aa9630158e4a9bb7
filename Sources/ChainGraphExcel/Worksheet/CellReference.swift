/// A1-style cell references (`C12`, `XFD1048576`), ECMA-376 Part 1 §18.18.62 `ST_CellRef`.
enum CellReference {
    /// The 1-based column and row of a reference; `row` is nil when the reference names a
    /// column only. Nil when the text is not a reference or a part exceeds `maxColumn` /
    /// `maxRow` (checked as it is read, so a thousand-letter column cannot overflow).
    static func parse(_ base: UnsafePointer<UInt8>, _ range: Range<Int>,
                      maxColumn: Int, maxRow: Int) -> (column: Int, row: Int?)? {
        var i = range.lowerBound
        let end = range.upperBound
        var column = 0
        while i < end {
            var b = base[i]
            if (0x61...0x7A).contains(b) { b -= 0x20 }
            guard (0x41...0x5A).contains(b) else { break }
            // Overflow-checked: a limit may be set near Int.max.
            let (times, o1) = column.multipliedReportingOverflow(by: 26)
            let (sum, o2) = times.addingReportingOverflow(Int(b - 0x40))
            if o1 || o2 || sum > maxColumn { return nil }
            column = sum
            i += 1
        }
        guard column > 0 else { return nil }
        if i == end { return (column, nil) }
        guard let row = parseCount(base, i..<end, max: maxRow), row > 0 else { return nil }
        return (column, row)
    }

    /// A decimal number of `range` in 0...`max`, surrounding spaces allowed; nil otherwise.
    static func parseCount(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, max: Int) -> Int? {
        var i = range.lowerBound
        var end = range.upperBound
        while i < end && base[i] == 0x20 { i += 1 }
        while end > i && base[end - 1] == 0x20 { end -= 1 }
        guard i < end else { return nil }
        var value = 0
        while i < end {
            let b = base[i]
            guard (0x30...0x39).contains(b) else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int(b - 0x30))
            if o1 || o2 || sum > max { return nil }
            value = sum
            i += 1
        }
        return value
    }

    /// The letters of a 1-based column: 1 → `A`, 27 → `AA`, 16384 → `XFD`.
    static func columnLetters(_ column: Int) -> String {
        guard column > 0 else { return "" }
        var n = column
        var letters: [UInt8] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(UInt8(0x41 + r))
            n = (n - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }
}
