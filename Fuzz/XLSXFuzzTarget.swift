// libFuzzer entry point for the .xlsx reader (ChainGraphExcel, SPEC §1.1 and §5). Built by
// scripts/fuzz-xlsx.sh in one module with the ChainGraphExcel sources, so internal symbols
// are visible, against ChainGraph and ZIPFoundation modules built with the same sanitizers.
// The target is chosen by the environment variable CHAINGRAPH_FUZZ_TARGET:
//   xlsx      the input is a whole .xlsx file: zip directory and ZIP64 fields, local headers,
//             inflate with its size bounds, CRC-32, package relationships, the workbook, the
//             shared strings and every worksheet, under small limits;
//   xlsx-xml  the input is XML parts separated by a line "=====": shared strings, a worksheet,
//             a workbook or relationships part. Each is read from memory in chunks whose size
//             the first byte picks, and the result must equal the one read in a single chunk
//             (every resumption point of the streaming scanner); the worksheet's CSV must be
//             rectangular: rowCount records of columnCount fields.
// Every input must end in a value or a ChainGraphError, never a crash, a hang or a broken
// invariant (a failed precondition is a finding).
import ChainGraph
import Glibc

nonisolated(unsafe) private var target: String = {
    if let t = getenv("CHAINGRAPH_FUZZ_TARGET") { return String(cString: t) }
    return "xlsx"
}()

nonisolated(unsafe) private var scratch: String = {
    let dir = "/dev/shm/chaingraph-fuzz-xlsx-\(getpid())"
    mkdir(dir, 0o700)
    return dir
}()

/// Small enough that no input makes a run slow or large, big enough for every code path.
private let limits = XLSXReader.Limits(maxUncompressedBytes: 4 << 20, maxCSVBytes: 4 << 20)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch target {
    case "xlsx-xml": fuzzParts(bytes)
    default: fuzzWorkbook(bytes)
    }
    return 0
}

private func fuzzWorkbook(_ bytes: [UInt8]) {
    let path = "\(scratch)/book.xlsx"
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard fd >= 0 else { return }
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    _ = try? XLSXReader.sheetNames(path: path, limits: limits)
    guard let sheets = try? XLSXReader.sheets(path: path, limits: limits) else { return }
    for sheet in sheets {
        checkRectangular(sheet)
        for line in [1, 2, sheet.rowCount, sheet.rowCount + 5] { precondition(sheet.row(atLine: line) >= 1 || line < 1) }
    }
}

private func fuzzParts(_ bytes: [UInt8]) {
    guard let first = bytes.first else { return }
    let chunk = 1 + Int(first % 37)
    let step = 1 + Int(first / 37)
    let parts = split(Array(bytes.dropFirst()))

    // Shared strings: chunked and whole reads agree.
    var strings = SharedStrings()
    let whole = try? SharedStrings.parse(parts[0])
    let pieces = try? SharedStrings.parse(parts[0], chunkSize: chunk, scanStep: step)
    precondition((whole == nil) == (pieces == nil), "shared strings: chunking changed success")
    if let whole, let pieces {
        precondition(whole.storage == pieces.storage && whole.offsets == pieces.offsets, "shared strings: chunking changed the table")
        strings = whole
    }

    // The worksheet: chunked and whole reads agree, and the CSV is a rectangle.
    if parts.count > 1 {
        let wholeSheet = Result { () throws(ChainGraphError) in try WorksheetConverter.convert(xml: parts[1], strings: strings, limits: limits) }
        let piecesSheet = Result { () throws(ChainGraphError) in
            try WorksheetConverter.convert(xml: parts[1], strings: strings, limits: limits, chunkSize: chunk, scanStep: step)
        }
        switch (wholeSheet, piecesSheet) {
        case let (.success(a), .success(b)):
            precondition(a == b, "worksheet: chunking changed the CSV")
            checkRectangular(a)
        case let (.failure(a), .failure(b)):
            precondition(a == b, "worksheet: chunking changed the error: \(a) vs \(b)")
        default:
            preconditionFailure("worksheet: chunking changed success")
        }
    }

    // Workbook and relationships XML, and target resolution.
    if parts.count > 2, let tags = try? PartXML.startTags(parts[2], part: "xl/workbook.xml", workbook: "book.xlsx") {
        for tag in tags {
            if let target = tag.attribute("Target") ?? tag.attribute("name") {
                let resolved = PackageRelationships.resolve(target, from: "xl/workbook.xml")
                precondition(!resolved.hasPrefix("/") && !resolved.split(separator: "/").contains(".."), "resolve: \(resolved)")
            }
            _ = tag.prefixedAttribute(local: "id")
        }
    }
}

/// Splits on "\n=====\n" into at most four parts.
private func split(_ bytes: [UInt8]) -> [[UInt8]] {
    let separator = Array("\n=====\n".utf8)
    var parts: [[UInt8]] = [[]]
    var i = 0
    while i < bytes.count {
        if parts.count < 4, i + separator.count <= bytes.count, Array(bytes[i..<(i + separator.count)]) == separator {
            parts.append([])
            i += separator.count
        } else {
            parts[parts.count - 1].append(bytes[i])
            i += 1
        }
    }
    return parts
}

/// The contract of XLSXReader.Sheet: `rowCount` RFC 4180 records (LF-terminated, quotes
/// balanced), each of `columnCount` fields, valid UTF-8, and `row(atLine:)` consistent.
private func checkRectangular(_ sheet: XLSXReader.Sheet) {
    let csv = sheet.csv
    precondition(csv.withUnsafeBufferPointer { XMLText.isValidUTF8($0) }, "CSV is not UTF-8")
    var records = 0
    var fields = 1
    var quoted = false
    var line = 1
    var i = 0
    while i < csv.count {
        let b = csv[i]
        if quoted {
            if b == 0x22 {
                if i + 1 < csv.count && csv[i + 1] == 0x22 { i += 1 } else { quoted = false }
            } else if b == 0x0A || (b == 0x0D && !(i + 1 < csv.count && csv[i + 1] == 0x0A)) {
                line += 1
            }
        } else if b == 0x22 {
            quoted = true
        } else if b == 0x2C {
            fields += 1
        } else if b == 0x0A {
            records += 1
            precondition(fields == sheet.columnCount, "record \(records) has \(fields) fields, not \(sheet.columnCount)")
            precondition(sheet.row(atLine: line) == records, "row(atLine: \(line)) is not \(records)")
            fields = 1
            line += 1
        }
        i += 1
    }
    precondition(!quoted, "CSV ends inside a quoted field")
    precondition(records == sheet.rowCount, "\(records) records, rowCount \(sheet.rowCount)")
}
