/// A compact, immutable list of strings: one UTF-8 byte arena plus offsets.
///
/// Ten million firm ids cost their bytes plus 8 bytes each, instead of a `String` header
/// and a heap object apiece, and the table is written to and read from a snapshot as two
/// flat arrays.
public struct StringTable: Sendable, RandomAccessCollection, Equatable {
    package var bytes: [UInt8]
    /// `offsets[i]..<offsets[i+1]` are the bytes of string `i`; `offsets.count == count + 1`.
    package var offsets: [Int]

    /// An empty table.
    public init() {
        bytes = []
        offsets = [0]
    }

    /// A table holding `strings` in order.
    public init(_ strings: some Sequence<String>) {
        self.init()
        for s in strings { append(s) }
    }

    package init(bytes: [UInt8], offsets: [Int]) {
        self.bytes = bytes
        self.offsets = offsets
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    public subscript(position: Int) -> String {
        bytes.withUnsafeBufferPointer { all in
            String(decoding: UnsafeBufferPointer(rebasing: all[offsets[position]..<offsets[position + 1]]), as: UTF8.self)
        }
    }

    package mutating func append(_ string: String) {
        var s = string
        s.withUTF8 { bytes.append(contentsOf: $0) }
        offsets.append(bytes.count)
    }

    package mutating func append(bytes new: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: new)
        offsets.append(bytes.count)
    }

    /// Byte length of string `i`.
    package func byteCount(_ i: Int) -> Int { offsets[i + 1] - offsets[i] }
}
