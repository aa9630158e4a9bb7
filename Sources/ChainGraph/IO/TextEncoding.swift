import Glibc

/// Text encodings ChainGraph reads (SPEC §1).
public enum TextEncoding: String, Sendable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// GB18030 (a superset of GBK and GB2312), as Excel on Chinese Windows saves "CSV".
    case gb18030
    /// Decide from the bytes: UTF-8 when they are valid UTF-8, otherwise GB18030.
    case auto

    /// Parses user spellings such as `utf8`, `UTF-8`, `gbk`, `GB2312`, `gb18030`, `auto`.
    public init?(userValue: String) {
        switch String(userValue.lowercased().map { $0 == "_" ? "-" : $0 }) {
        case "utf-8", "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936": self = .gb18030
        case "auto": self = .auto
        default: return nil
        }
    }
}

/// Turns raw file bytes into UTF-8 text bytes.
///
/// - Complexity: O(n); valid UTF-8 is returned without copying (minus a BOM), GB18030 is
///   converted in one `iconv` call over the whole buffer.
package enum TextDecoder {
    /// The decoded text and the byte offset at which it starts inside `buffer`.
    package struct Decoded: Sendable {
        package var buffer: ByteBuffer
        package var start: Int
        package var encoding: TextEncoding
        package var text: UnsafeBufferPointer<UInt8> {
            let all = buffer.bytes
            return UnsafeBufferPointer(rebasing: all[start...])
        }
    }

    package static func decode(_ raw: ByteBuffer, file: String, encoding: TextEncoding) throws(ChainGraphError) -> Decoded {
        let bytes = raw.bytes
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw .data(SourceLocation(file: file, line: 1, column: 0),
                        "file is UTF-16 encoded; save it as \"CSV UTF-8\" (or GB18030) instead")
        }
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let start = hasBOM ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        switch encoding {
        case .utf8:
            if let bad = firstInvalidUTF8(body) {
                throw .data(location(of: start + bad, in: bytes, file: file),
                            "invalid UTF-8 byte 0x\(hex(bytes[start + bad])); if the file came from Excel, read it as GB18030")
            }
            return Decoded(buffer: raw, start: start, encoding: .utf8)
        case .auto:
            if hasBOM || firstInvalidUTF8(body) == nil {
                return Decoded(buffer: raw, start: start, encoding: .utf8)
            }
            return try convertGB18030(raw, file: file)
        case .gb18030:
            return try convertGB18030(raw, file: file)
        }
    }

    /// Index of the first byte that does not belong to a well-formed UTF-8 sequence.
    package static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII fast path: eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let b0 = base[i]
            if b0 < 0x80 { i += 1; continue }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            let b1 = base[i + 1]
            if b1 < lower || b1 > upper { return i }
            for k in 2..<length where base[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }

    private static func convertGB18030(_ raw: ByteBuffer, file: String) throws(ChainGraphError) -> Decoded {
        let bytes = raw.bytes
        let handle = iconv_open("UTF-8", "GB18030")
        guard handle != iconv_t(bitPattern: -1) else { throw .internal("iconv cannot convert GB18030 on this system") }
        defer { iconv_close(handle) }
        // GB18030 uses at most 4 bytes for a character that UTF-8 writes in at most 4, and
        // 2-byte GB characters become 3 UTF-8 bytes: 2× the input is always enough.
        let capacity = max(16, bytes.count * 2)
        guard let output = malloc(capacity) else { throw .internal("out of memory decoding \(file)") }
        var inLeft = bytes.count
        var outLeft = capacity
        var inPointer = UnsafeMutablePointer<CChar>(mutating: UnsafeRawPointer(bytes.baseAddress)?.assumingMemoryBound(to: CChar.self))
        var outPointer: UnsafeMutablePointer<CChar>? = output.assumingMemoryBound(to: CChar.self)
        if inLeft > 0 {
            let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
            if result == -1 || inLeft != 0 {
                free(output)
                let offset = bytes.count - inLeft
                let what = offset < bytes.count ? "byte 0x\(hex(bytes[offset]))" : "end of file inside a character"
                throw .data(location(of: min(offset, max(0, bytes.count - 1)), in: bytes, file: file),
                            "text is neither valid UTF-8 nor GB18030 (\(what)); save the file as \"CSV UTF-8\"")
            }
        }
        let produced = capacity - outLeft
        return Decoded(buffer: .adopting(malloced: output, count: produced), start: 0, encoding: .gb18030)
    }

    /// Line and field of a byte offset, for messages about undecodable bytes.
    package static func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        var inQuotes = false
        var i = 0
        while i < offset && i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { inQuotes.toggle() }
            else if b == UInt8(ascii: "\n") { line += 1; if !inQuotes { column = 1 } }
            else if b == UInt8(ascii: ","), !inQuotes { column += 1 }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
