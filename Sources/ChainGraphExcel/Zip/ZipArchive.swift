import ChainGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The central directory of a zip archive (PKWARE APPNOTE 6.3.x), read with bounds checks
/// on every offset and size, so that a hostile file is an error and never a crash, a hang
/// or a large allocation.
///
/// Only what an .xlsx needs: one disk, entries stored (method 0) or deflated (method 8),
/// ZIP64 sizes and offsets. Entries are looked up by name; inflating is in
/// `ZipArchive+Extraction.swift`.
final class ZipArchive {
    /// One file of the archive, as the central directory declares it.
    struct Entry {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    /// The path as the caller named it, for messages.
    let path: String
    let fileSize: UInt64
    private let fd: Int32
    private var entries: [String: Entry] = [:]
    private var caseFolded: [String: String] = [:]

    /// Opens `path` and reads its central directory.
    ///
    /// - Throws: ``ChainGraphError/inputMissing(path:reason:)`` when the file cannot be
    ///   opened or is not a regular file; ``ChainGraphError/invalidData(_:)`` when it is not a
    ///   zip archive or its directory is corrupt.
    init(path: String) throws(ChainGraphError) {
        self.path = path
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .inputMissing(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .inputMissing(path: path, reason: reason)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw .inputMissing(path: path, reason: (info.st_mode & S_IFMT) == S_IFDIR ? "is a folder, not a workbook" : "is not a regular file")
        }
        fileSize = UInt64(max(0, info.st_size))
        // Every stored property is set: from here a throw runs deinit, which closes `fd`.
        try readDirectory()
    }

    deinit { close(fd) }

    /// An ``ChainGraphError/invalidData(_:)`` naming the workbook.
    func invalid(_ reason: String) -> ChainGraphError {
        XLSXReader.invalidWorkbook(path, reason)
    }

    /// The entry named `name` (a part name without its leading `/`); OPC part names are
    /// case-insensitive, so an exact match is tried first, then one ignoring ASCII case.
    func entry(named name: String) -> Entry? {
        if let e = entries[name] { return e }
        if let folded = caseFolded[Self.fold(name)] { return entries[folded] }
        return nil
    }

    private static func fold(_ name: String) -> String {
        String(decoding: name.utf8.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// Reads exactly `count` bytes at `offset`.
    func readBytes(at offset: UInt64, count: Int) throws(ChainGraphError) -> [UInt8] {
        guard count >= 0, offset <= fileSize, UInt64(count) <= fileSize - offset else {
            throw invalid("the file is truncated (an entry reaches past its end)")
        }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { readFully(into: $0, at: offset) }
        guard got == count else {
            throw got < 0 ? .inputMissing(path: path, reason: String(cString: strerror(errno)))
                          : invalid("the file is truncated")
        }
        return bytes
    }

    /// Reads up to `buffer.count` bytes at `offset`; the number read, or -1 on an I/O error.
    func readFully(into buffer: UnsafeMutableRawBufferPointer, at offset: UInt64) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    // MARK: - Central directory

    private static let localHeaderSignature: UInt32 = 0x0403_4B50
    private static let centralHeaderSignature: UInt32 = 0x0201_4B50
    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50

    private func readDirectory() throws(ChainGraphError) {
        guard fileSize >= 22 else {
            throw invalid(fileSize == 0 ? "the file is empty" : "the file is too short to be a zip archive")
        }
        let magic = try readBytes(at: 0, count: 8)
        if magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            throw invalid("it is an OLE2 compound file: a password-protected workbook or an Excel 97–2003 .xls; save it as an .xlsx without a password")
        }
        guard le32(magic, 0) == Self.localHeaderSignature else {
            throw invalid("the file is not a zip archive (a CSV or .xls file renamed to .xlsx?)")
        }

        // The end-of-central-directory record sits in the last 22 + 65535 bytes.
        let tailLength = Int(min(fileSize, 22 + 0xFFFF))
        let tailOffset = fileSize - UInt64(tailLength)
        let tail = try readBytes(at: tailOffset, count: tailLength)
        var endAt = -1
        var k = tailLength - 22
        while k >= 0 {
            if tail[k] == 0x50 && le32(tail, k) == Self.endSignature && k + 22 + Int(le16(tail, k + 20)) <= tailLength {
                endAt = k
                break
            }
            k -= 1
        }
        guard endAt >= 0 else { throw invalid("no end of central directory record (the file is truncated or not a zip archive)") }
        let diskNumber = le16(tail, endAt + 4)
        let directoryDisk = le16(tail, endAt + 6)
        var entryCount = UInt64(le16(tail, endAt + 10))
        var directorySize = UInt64(le32(tail, endAt + 12))
        var directoryOffset = UInt64(le32(tail, endAt + 16))
        let endOffset = tailOffset + UInt64(endAt)

        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the ZIP64 end record.
            if endOffset >= 20 {
                let locator = try readBytes(at: endOffset - 20, count: 20)
                if le32(locator, 0) == Self.zip64LocatorSignature {
                    let recordOffset = le64(locator, 8)
                    let record = try readBytes(at: recordOffset, count: 56)
                    guard le32(record, 0) == Self.zip64EndSignature else { throw invalid("a corrupt ZIP64 end record") }
                    entryCount = le64(record, 32)
                    directorySize = le64(record, 40)
                    directoryOffset = le64(record, 48)
                }
            }
        } else if diskNumber != 0 || directoryDisk != 0 {
            throw invalid("a multi-volume (split) zip archive")
        }
        guard directoryOffset <= endOffset, directorySize <= endOffset - directoryOffset else {
            throw invalid("the central directory lies outside the file (truncated?)")
        }
        let directory = try readBytes(at: directoryOffset, count: Int(directorySize))

        var p = 0
        var read: UInt64 = 0
        while read < entryCount {
            guard p + 46 <= directory.count, le32(directory, p) == Self.centralHeaderSignature else {
                throw invalid("the central directory is corrupt")
            }
            let nameLength = Int(le16(directory, p + 28))
            let extraLength = Int(le16(directory, p + 30))
            let commentLength = Int(le16(directory, p + 32))
            let next = p + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw invalid("the central directory is corrupt") }
            var entry = Entry(
                name: Self.normalisedName(directory[(p + 46)..<(p + 46 + nameLength)]),
                flags: le16(directory, p + 8),
                method: le16(directory, p + 10),
                crc32: le32(directory, p + 16),
                compressedSize: UInt64(le32(directory, p + 20)),
                uncompressedSize: UInt64(le32(directory, p + 24)),
                localHeaderOffset: UInt64(le32(directory, p + 42)))
            applyZIP64Extra(directory, (p + 46 + nameLength)..<(p + 46 + nameLength + extraLength), to: &entry)
            if entries[entry.name] == nil {
                entries[entry.name] = entry
                let folded = Self.fold(entry.name)
                if caseFolded[folded] == nil { caseFolded[folded] = entry.name }
            }
            p = next
            read += 1
        }
    }

    /// Replaces the 32-bit sizes and offset that are all ones by the ZIP64 extra field's.
    private func applyZIP64Extra(_ d: [UInt8], _ range: Range<Int>, to entry: inout Entry) {
        var q = range.lowerBound
        while q + 4 <= range.upperBound {
            let id = le16(d, q)
            let size = Int(le16(d, q + 2))
            let end = q + 4 + size
            guard end <= range.upperBound else { return }
            if id == 0x0001 {
                var f = q + 4
                if entry.uncompressedSize == 0xFFFF_FFFF && f + 8 <= end { entry.uncompressedSize = le64(d, f); f += 8 }
                if entry.compressedSize == 0xFFFF_FFFF && f + 8 <= end { entry.compressedSize = le64(d, f); f += 8 }
                if entry.localHeaderOffset == 0xFFFF_FFFF && f + 8 <= end { entry.localHeaderOffset = le64(d, f) }
                return
            }
            q = end
        }
    }

    /// Part names as OPC writes them: `/` separators, no leading `/`. Some tools wrote
    /// backslashes; they are read as `/`.
    private static func normalisedName(_ bytes: ArraySlice<UInt8>) -> String {
        var name = bytes.map { $0 == 0x5C ? 0x2F : $0 }
        while name.first == 0x2F { name.removeFirst() }
        return String(decoding: name, as: UTF8.self)
    }

    /// Offset and length of an entry's data, checked against the file and its local header.
    func dataRange(of entry: Entry) throws(ChainGraphError) -> (offset: UInt64, length: UInt64) {
        guard entry.localHeaderOffset <= fileSize, fileSize - entry.localHeaderOffset >= 30 else {
            throw invalid("\(entry.name): its local header lies outside the file (truncated?)")
        }
        let header = try readBytes(at: entry.localHeaderOffset, count: 30)
        guard le32(header, 0) == Self.localHeaderSignature else { throw invalid("\(entry.name): a corrupt local header") }
        let start = entry.localHeaderOffset + 30 + UInt64(le16(header, 26)) + UInt64(le16(header, 28))
        guard start <= fileSize, entry.compressedSize <= fileSize - start else {
            throw invalid("\(entry.name): its data reaches past the end of the file (truncated?)")
        }
        return (start, entry.compressedSize)
    }
}

// Little-endian field readers; callers check the bounds.
@inline(__always) func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
@inline(__always) func le32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(le16(b, i)) | UInt32(le16(b, i + 2)) << 16 }
@inline(__always) func le64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32 }
