/// Raw link rows as read, before merging: parallel column arrays of dense indices.
package struct LinkRows: Sendable {
    package var supplier: [Int32] = []
    package var buyer: [Int32] = []
    package var segment: [Int32] = []
    package var value: [Double] = []
    package var rowsRead = 0
    package var selfLoops = 0

    package init() {}

    /// Records one row; a self-loop is counted and dropped (SPEC §1).
    @inline(__always)
    package mutating func append(supplier s: Int32, buyer b: Int32, segment: Int32, value v: Double) {
        rowsRead += 1
        if s == b { selfLoops += 1; return }
        supplier.append(s)
        buyer.append(b)
        self.segment.append(segment)
        value.append(v)
    }
}

/// Turns link rows into the two CSR directions of ``SupplyGraph``, merging parallel links.
///
/// Counting sort by buyer (stable, so merged values are summed in file order and the result
/// does not depend on anything but the input), then a sort of each buyer's range by
/// (supplier, segment), merge, and a counting sort by supplier for the out-direction.
///
/// - Complexity: O(m log d) for m rows and in-degree d; 20 B per row of scratch.
package enum LinkAssembler {
    package static func assemble(firms: FirmTable, segments: SegmentTree, rows: consuming LinkRows) -> SupplyGraph {
        let n = firms.count
        let m = rows.supplier.count
        var inOffsets = [Int](repeating: 0, count: n + 1)
        for b in rows.buyer { inOffsets[Int(b) + 1] += 1 }
        for i in 0..<n { inOffsets[i + 1] += inOffsets[i] }

        // Stable scatter into buyer order.
        var inSupplier = [Int32](repeating: 0, count: m)
        var linkSegment = [Int32](repeating: 0, count: m)
        var value = [Double](repeating: 0, count: m)
        do {
            var next = Array(inOffsets.dropLast())
            for r in 0..<m {
                let b = Int(rows.buyer[r])
                let p = next[b]
                next[b] = p + 1
                inSupplier[p] = rows.supplier[r]
                linkSegment[p] = rows.segment[r]
                value[p] = rows.value[r]
            }
        }
        let rowsRead = rows.rowsRead
        let selfLoops = rows.selfLoops
        rows = LinkRows()  // release the row columns before building the out-direction

        // Sort each buyer's range by (supplier, segment, file order) and merge equal keys.
        var write = 0
        var scratch: [(key: UInt64, order: Int32, value: Double)] = []
        for b in 0..<n {
            let start = inOffsets[b], end = inOffsets[b + 1]
            inOffsets[b] = write
            if end - start == 1 {
                inSupplier[write] = inSupplier[start]; linkSegment[write] = linkSegment[start]; value[write] = value[start]
                write += 1
                continue
            }
            scratch.removeAll(keepingCapacity: true)
            for p in start..<end {
                let key = UInt64(UInt32(bitPattern: inSupplier[p])) << 32 | UInt64(UInt32(bitPattern: linkSegment[p] &+ 1))
                scratch.append((key, Int32(p - start), value[p]))
            }
            scratch.sort { $0.key != $1.key ? $0.key < $1.key : $0.order < $1.order }
            var k = 0
            while k < scratch.count {
                let key = scratch[k].key
                var total = scratch[k].value
                k += 1
                while k < scratch.count && scratch[k].key == key { total += scratch[k].value; k += 1 }
                inSupplier[write] = Int32(bitPattern: UInt32(key >> 32))
                linkSegment[write] = Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)) &- 1
                value[write] = total
                write += 1
            }
        }
        inOffsets[n] = write
        let merged = m - write
        inSupplier.removeLast(m - write)
        linkSegment.removeLast(m - write)
        value.removeLast(m - write)

        // Out-direction by counting sort on supplier; iterating buyers in order keeps each
        // supplier's out-list sorted by buyer.
        var outOffsets = [Int](repeating: 0, count: n + 1)
        for s in inSupplier { outOffsets[Int(s) + 1] += 1 }
        for i in 0..<n { outOffsets[i + 1] += outOffsets[i] }
        var outBuyer = [Int32](repeating: 0, count: write)
        var outLink = [Int32](repeating: 0, count: write)
        do {
            var next = Array(outOffsets.dropLast())
            for b in 0..<n {
                for e in inOffsets[b]..<inOffsets[b + 1] {
                    let s = Int(inSupplier[e])
                    let p = next[s]
                    next[s] = p + 1
                    outBuyer[p] = Int32(b)
                    outLink[p] = Int32(e)
                }
            }
        }
        return SupplyGraph(
            firms: firms, segments: segments,
            inOffsets: inOffsets, inSupplier: inSupplier, value: value, linkSegment: linkSegment,
            outOffsets: outOffsets, outBuyer: outBuyer, outLink: outLink,
            buildStats: BuildStats(linkRows: rowsRead, mergedLinks: merged, droppedSelfLoops: selfLoops))
    }
}
