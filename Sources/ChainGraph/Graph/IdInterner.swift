import Glibc

/// Maps string ids to dense integers `0..<count` in first-seen order.
///
/// An open-addressing hash table (linear probing, load ≤ ½) over a byte arena (a
/// ``StringTable``). Each slot is two words, so a probe needs no trip through the offsets
/// array:
/// - word 0: hash tag (high 32 bits of the hash) << 32 | (index + 1); 0 marks an empty slot;
/// - word 1: the key's arena offset << 16 | its length (0xFFFF: look the length up).
///
/// Lookups straight from CSV bytes allocate nothing, and ``findBatch(_:hashes:into:)``
/// resolves many keys with their cache misses overlapped, which is what makes parsing a
/// `links.csv` over a million firms fast: a lookup there is two or three cache misses.
///
/// - Complexity: expected O(length of the id) per lookup or insertion.
package struct IdInterner: Sendable {
    package private(set) var table: StringTable
    private var slots: [UInt64]
    private var mask: Int

    private static let longKey: UInt64 = 0xFFFF

    package init(capacity: Int = 1024) {
        table = StringTable()
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: 2 * size)
        mask = size - 1
    }

    package var count: Int { table.count }

    /// The hash table's slots, for snapshots (so loading does not rehash every id).
    package var slotWords: [UInt64] { slots }

    /// Restores an interner from a snapshot; nil when the slots do not describe `table`.
    package init?(table: StringTable, slotWords: [UInt64]) {
        let size = slotWords.count / 2
        guard slotWords.count % 2 == 0, size >= 16, size & (size - 1) == 0, table.count * 2 <= size else { return nil }
        var used = 0
        for s in 0..<size where slotWords[2 * s] != 0 {
            let index = Int(slotWords[2 * s] & 0xFFFF_FFFF) - 1
            guard index >= 0, index < table.count else { return nil }
            let word = slotWords[2 * s + 1]
            let length = word & Self.longKey
            guard word >> 16 == UInt64(table.offsets[index]),
                  length == Self.longKey || Int(length) == table.byteCount(index) else { return nil }
            used += 1
        }
        guard used == table.count else { return nil }
        self.table = table
        slots = slotWords
        mask = size - 1
        // Every id must be findable at its own index (catches misplaced slots); batched so
        // the random probes overlap.
        let ok = table.bytes.withUnsafeBufferPointer { all in
            let batch = 512
            var keys = [UnsafeBufferPointer<UInt8>](repeating: UnsafeBufferPointer(start: nil, count: 0), count: batch)
            var hashes = [UInt64](repeating: 0, count: batch)
            var found = [Int32](repeating: 0, count: batch)
            var start = 0
            while start < table.count {
                let end = min(table.count, start + batch)
                for i in start..<end { keys[i - start] = UnsafeBufferPointer(rebasing: all[table.offsets[i]..<table.offsets[i + 1]]) }
                keys.withUnsafeBufferPointer { k in
                    hashes.withUnsafeMutableBufferPointer { h in
                        found.withUnsafeMutableBufferPointer { f in
                            findBatch(UnsafeBufferPointer(rebasing: k[0..<(end - start)]), hashes: UnsafeMutableBufferPointer(rebasing: h[0..<(end - start)]),
                                      into: UnsafeMutableBufferPointer(rebasing: f[0..<(end - start)]))
                        }
                    }
                }
                for i in start..<end where found[i - start] != Int32(i) { return false }
                start = end
            }
            return true
        }
        guard ok else { return nil }
    }

    /// The index of `key`, if it was interned.
    @inline(__always)
    package func find(_ key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let result = probe(key, hash: Self.hash(key))
        return result.found ? Int32(result.index) : nil
    }

    package func find(_ key: String) -> Int32? {
        var s = key
        return s.withUTF8 { find($0) }
    }

    /// Looks up many keys at once; `result[k]` is the index or -1. Three passes — touch the
    /// home slots, touch the candidate keys' bytes, compare — so the cache misses of
    /// different keys overlap instead of queueing behind each other.
    package func findBatch(_ keys: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, hashes: UnsafeMutableBufferPointer<UInt64>,
                           into result: UnsafeMutableBufferPointer<Int32>) {
        slots.withUnsafeBufferPointer { slotBuffer in
            table.bytes.withUnsafeBufferPointer { arena in
                var sink: UInt64 = 0
                for k in keys.indices {
                    let h = Self.hash(keys[k])
                    hashes[k] = h
                    sink &+= slotBuffer[2 * (Int(truncatingIfNeeded: h) & mask)]
                }
                for k in keys.indices {
                    let h = hashes[k]
                    let tag = h >> 32
                    var slot = Int(truncatingIfNeeded: h) & mask
                    var candidate = -1
                    while true {
                        let entry = slotBuffer[2 * slot]
                        if entry == 0 { break }
                        if entry >> 32 == tag { candidate = slot; break }
                        slot = (slot + 1) & mask
                    }
                    result[k] = Int32(candidate)
                    if candidate >= 0, keys[k].count > 0 {
                        let offset = Int(slotBuffer[2 * candidate + 1] >> 16)
                        if offset < arena.count { sink &+= UInt64(arena[offset]) }
                    }
                }
                for k in keys.indices {
                    let candidate = Int(result[k])
                    if candidate < 0 { continue }
                    if matches(slotBuffer, arena, candidate, keys[k]) {
                        result[k] = Int32(slotBuffer[2 * candidate] & 0xFFFF_FFFF) - 1
                    } else {
                        let r = probe(keys[k], hash: hashes[k])
                        result[k] = r.found ? Int32(r.index) : -1
                    }
                }
                if sink == 0x5EED_5EED_5EED_5EED { result[0] = result[0] }  // keep the touching loads alive
            }
        }
    }

    /// Inserts `key` if new. Returns its index and whether it was inserted.
    @inline(__always)
    package mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int32, inserted: Bool) {
        let h = Self.hash(key)
        let result = probe(key, hash: h)
        if result.found { return (Int32(result.index), false) }
        let index = table.count
        let offset = table.bytes.count
        table.append(bytes: key)
        let length = key.count >= Int(Self.longKey) ? Self.longKey : UInt64(key.count)
        slots[2 * result.index] = (h >> 32) << 32 | UInt64(index + 1)
        slots[2 * result.index + 1] = UInt64(offset) << 16 | length
        if table.count * 2 > mask + 1 { grow() }
        return (Int32(index), true)
    }

    package mutating func insert(_ key: String) -> (index: Int32, inserted: Bool) {
        var s = key
        return s.withUTF8 { insert($0) }
    }

    /// The key's index (found) or the empty slot where it would go (not found).
    @inline(__always)
    private func probe(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (found: Bool, index: Int) {
        slots.withUnsafeBufferPointer { slotBuffer in
            table.bytes.withUnsafeBufferPointer { arena in
                let tag = h >> 32
                var slot = Int(truncatingIfNeeded: h) & mask
                while true {
                    let entry = slotBuffer[2 * slot]
                    if entry == 0 { return (false, slot) }
                    if entry >> 32 == tag, matches(slotBuffer, arena, slot, key) {
                        return (true, Int(entry & 0xFFFF_FFFF) - 1)
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    @inline(__always)
    private func matches(_ slotBuffer: UnsafeBufferPointer<UInt64>, _ arena: UnsafeBufferPointer<UInt8>, _ slot: Int,
                         _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let word = slotBuffer[2 * slot + 1]
        var length = Int(word & Self.longKey)
        if length == Int(Self.longKey) { length = table.byteCount(Int(slotBuffer[2 * slot] & 0xFFFF_FFFF) - 1) }
        guard length == key.count else { return false }
        if length == 0 { return true }
        let start = Int(word >> 16)
        guard let a = arena.baseAddress, let b = key.baseAddress else { return false }
        // Short keys (most ids) compare inline; memcmp for the rest.
        if length <= 16 {
            var i = 0
            while i < length {
                if a[start + i] != b[i] { return false }
                i += 1
            }
            return true
        }
        return memcmp(a + start, b, length) == 0
    }

    private mutating func grow() {
        let size = (mask + 1) * 2
        var fresh = [UInt64](repeating: 0, count: 2 * size)
        let newMask = size - 1
        table.bytes.withUnsafeBufferPointer { arena in
            for s in 0...mask where slots[2 * s] != 0 {
                let index = Int(slots[2 * s] & 0xFFFF_FFFF) - 1
                let h = Self.hash(UnsafeBufferPointer(rebasing: arena[table.offsets[index]..<table.offsets[index + 1]]))
                var slot = Int(truncatingIfNeeded: h) & newMask
                while fresh[2 * slot] != 0 { slot = (slot + 1) & newMask }
                fresh[2 * slot] = slots[2 * s]
                fresh[2 * slot + 1] = slots[2 * s + 1]
            }
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
