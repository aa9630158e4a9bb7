/// `;`-separated lists (SPEC §1: a firm's segments and tags) read from raw UTF-8 bytes, the
/// byte-level counterpart of `listItems()` for the fast loading path.
enum ListItems {
    /// Calls `body` with each item of `bytes` split at `;` and the full-width `；` (EF BC 9B),
    /// trimmed of spaces, tabs and U+3000 (E3 80 80); empty items are skipped.
    static func forEach<E: Error>(_ bytes: UnsafeBufferPointer<UInt8>,
                                  _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) {
        let n = bytes.count
        var start = 0, i = 0
        func emit(_ from: Int, _ to: Int) throws(E) {
            var s = from, e = to
            while s < e {
                if bytes[s] == 0x20 || bytes[s] == 0x09 { s += 1 }
                else if s + 2 < e && bytes[s] == 0xE3 && bytes[s + 1] == 0x80 && bytes[s + 2] == 0x80 { s += 3 }
                else { break }
            }
            while e > s {
                if bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09 { e -= 1 }
                else if e - 3 >= s && bytes[e - 3] == 0xE3 && bytes[e - 2] == 0x80 && bytes[e - 1] == 0x80 { e -= 3 }
                else { break }
            }
            if e > s { try body(UnsafeBufferPointer(rebasing: bytes[s..<e])) }
        }
        while i < n {
            if bytes[i] == 0x3B {
                try emit(start, i)
                i += 1
                start = i
            } else if i + 2 < n && bytes[i] == 0xEF && bytes[i + 1] == 0xBC && bytes[i + 2] == 0x9B {
                try emit(start, i)
                i += 3
                start = i
            } else {
                i += 1
            }
        }
        try emit(start, n)
    }
}
