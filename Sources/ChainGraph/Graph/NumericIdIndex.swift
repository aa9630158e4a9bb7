/// Resolves ids of the shape PREFIX + decimal number (`F1`, `F2`, … or `F0000001`, …) by
/// arithmetic instead of hashing.
///
/// Generated data, registry exports and most invoice systems number firms this way. When
/// every id of a table has that shape, with one common prefix, the number of an id indexes
/// a dense array of firm indices: a lookup is a prefix compare, a digit parse and one read
/// of a 4-byte slot, instead of two cache misses into a hash table and its key arena (which
/// is what parsing `links.csv` over a million firms spends most of its time on).
///
/// The mapping is exact, never approximate: an id is matched only when its bytes are the
/// canonical spelling of its number for this table — the fixed digit count when every id
/// has the same number of digits (leading zeros allowed), otherwise no leading zeros — so
/// `F01` is not `F1`. Any other byte sequence is reported as not found, which is correct
/// because every id of the table has the shape.
package struct NumericIdIndex: Sendable {
    /// The bytes before the digits, shared by every id (at most 16).
    private let prefix: [UInt8]
    /// The digit count of every id, or 0 when ids have varying lengths and no leading zeros.
    private let width: Int
    /// `indexOf[number]` is the firm index of the id with that number, or -1; empty when
    /// the ids are numbered in file order (`index == number - firstNumber`), which needs no table.
    private let indexOf: [Int32]
    /// The number of firm 0 when ids are numbered in file order; -1 otherwise.
    private let firstNumber: Int
    /// The number of the last firm in file order, when ``firstNumber`` applies.
    private let lastNumber: Int

    /// The index over `table`'s ids, or nil when they do not all have the shape, or their
    /// numbers are too sparse (largest above 4 × count + 1024) to index densely.
    package init?(_ table: StringTable) {
        guard table.count > 0 else { return nil }
        let built: (prefix: [UInt8], width: Int, indexOf: [Int32], first: Int, last: Int)? = table.bytes.withUnsafeBufferPointer { all in
            func key(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[table.offsets[i]..<table.offsets[i + 1]]) }
            let first = key(0)
            var digitStart = first.count
            while digitStart > 0 && Self.isDigit(first[digitStart - 1]) { digitStart -= 1 }
            guard digitStart < first.count, digitStart <= 16 else { return nil }
            let prefix = Array(first[0..<digitStart])
            let limit = 4 * table.count + 1024
            var sameWidth = true, leadingZero = false
            var numbers = [Int](repeating: 0, count: table.count)
            for i in 0..<table.count {
                let k = key(i)
                guard k.count > prefix.count, k.count - prefix.count <= 9,
                      prefix.indices.allSatisfy({ k[$0] == prefix[$0] }) else { return nil }
                var number = 0
                for p in prefix.count..<k.count {
                    guard Self.isDigit(k[p]) else { return nil }
                    number = number * 10 + Int(k[p] &- 0x30)
                }
                guard number < limit else { return nil }
                if k.count != first.count { sameWidth = false }
                if k[prefix.count] == 0x30 && k.count - prefix.count > 1 { leadingZero = true }
                numbers[i] = number
            }
            // Varying widths with a leading zero somewhere: `F01` and `F1` could both be ids.
            if !sameWidth && leadingZero { return nil }
            let width = sameWidth ? first.count - prefix.count : 0
            if numbers.indices.allSatisfy({ numbers[$0] == numbers[0] + $0 }) {
                return (prefix, width, [], numbers[0], numbers[numbers.count - 1])
            }
            var indexOf = [Int32](repeating: -1, count: (numbers.max() ?? 0) + 1)
            for (i, number) in numbers.enumerated() {
                guard indexOf[number] == -1 else { return nil }   // two spellings of one number
                indexOf[number] = Int32(i)
            }
            return (prefix, width, indexOf, -1, -1)
        }
        guard let built else { return nil }
        (prefix, width, indexOf, firstNumber, lastNumber) = built
    }

    /// The firm index of `key`, or -1 when no id of the table is spelled so.
    @inline(__always)
    package func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let digits = key.count - prefix.count
        guard digits > 0, digits <= 9, width == 0 || digits == width, let base = key.baseAddress else { return -1 }
        for p in prefix.indices where base[p] != prefix[p] { return -1 }
        if width == 0 && digits > 1 && base[prefix.count] == 0x30 { return -1 }
        var number = 0
        for p in prefix.count..<key.count {
            let d = base[p] &- 0x30
            guard d < 10 else { return -1 }
            number = number * 10 + Int(d)
        }
        if firstNumber >= 0 { return number >= firstNumber && number <= lastNumber ? Int32(number - firstNumber) : -1 }
        return number < indexOf.count ? indexOf[number] : -1
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
}
