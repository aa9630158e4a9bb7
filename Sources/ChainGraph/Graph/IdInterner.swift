import Glibc

/// Maps string ids to dense integers `0..<count` in first-seen order.
///
/// An open-addressing hash table over a byte arena (a ``StringTable``): looking up an id
/// straight from the CSV bytes allocates nothing, which is what keeps `links.csv` parsing
/// above 150 MB/s.
///
/// - Complexity: expected O(length of the id) per lookup or insertion.
package struct IdInterner: Sendable {
    package private(set) var table: StringTable
    /// Slot: 0 = empty, else (hash's high 32 bits) << 32 | (index + 1).
    private var slots: [UInt64]
    private var mask: Int

    package init(capacity: Int = 1024) {
        table = StringTable()
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    package init(table: StringTable) {
        self.init(capacity: table.count)
        for i in 0..<table.count {
            table.bytes.withUnsafeBufferPointer { all in
                _ = insert(UnsafeBufferPointer(rebasing: all[table.offsets[i]..<table.offsets[i + 1]]))
            }
        }
    }

    package var count: Int { table.count }

    /// The hash table's slots, for snapshots (so loading does not rehash every id).
    package var slotWords: [UInt64] { slots }

    /// Restores an interner from a snapshot; nil when the slots do not describe `table`.
    package init?(table: StringTable, slotWords: [UInt64]) {
        let size = slotWords.count
        guard size >= 16, size & (size - 1) == 0, table.count * 2 <= size else { return nil }
        var used = 0
        for entry in slotWords where entry != 0 {
            let index = Int(entry & 0xFFFF_FFFF) - 1
            guard index >= 0, index < table.count else { return nil }
            used += 1
        }
        guard used == table.count else { return nil }
        self.table = table
        slots = slotWords
        mask = size - 1
        // Every id must be findable at its own index (catches damaged slots cheaply).
        let ok = table.bytes.withUnsafeBufferPointer { all in
            (0..<table.count).allSatisfy { i in find(UnsafeBufferPointer(rebasing: all[table.offsets[i]..<table.offsets[i + 1]])) == Int32(i) }
        }
        guard ok else { return nil }
    }

    /// The index of `key`, if it was interned.
    @inline(__always)
    package func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let h = Self.hash(key)
        let tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == tag {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if equals(index, key) { return Int32(index) }
            }
            slot = (slot + 1) & mask
        }
    }

    package func find(_ key: String) -> Int32? {
        var s = key
        return s.withUTF8 { find($0) }
    }

    /// Inserts `key` if new. Returns its index and whether it was inserted.
    @inline(__always)
    package mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int32, inserted: Bool) {
        let h = Self.hash(key)
        let tag = h >> 32
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            if entry >> 32 == tag {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if equals(index, key) { return (Int32(index), false) }
            }
            slot = (slot + 1) & mask
        }
        let index = table.count
        table.append(bytes: key)
        slots[slot] = tag << 32 | UInt64(index + 1)
        if table.count * 2 > slots.count { grow() }
        return (Int32(index), true)
    }

    package mutating func insert(_ key: String) -> (index: Int32, inserted: Bool) {
        var s = key
        return s.withUTF8 { insert($0) }
    }

    @inline(__always)
    private func equals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = table.offsets[index]
        let length = table.offsets[index + 1] - start
        guard length == key.count else { return false }
        return table.bytes.withUnsafeBufferPointer { all in
            guard length > 0 else { return true }
            return memcmp(all.baseAddress! + start, key.baseAddress!, length) == 0
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var fresh = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for entry in slots where entry != 0 {
            let index = Int(entry & 0xFFFF_FFFF) - 1
            let h = table.bytes.withUnsafeBufferPointer { all in
                Self.hash(UnsafeBufferPointer(rebasing: all[table.offsets[index]..<table.offsets[index + 1]]))
            }
            var slot = Int(truncatingIfNeeded: h) & newMask
            while fresh[slot] != 0 { slot = (slot + 1) & newMask }
            fresh[slot] = entry
        }
        slots = fresh
        mask = newMask
    }

    /// A fast 64-bit hash reading eight bytes at a time (multiply–xorshift mixing).
    @inline(__always)
    package static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return mix(h) }
        var i = 0
        let n = key.count
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return mix(h)
    }

    @inline(__always)
    private static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
