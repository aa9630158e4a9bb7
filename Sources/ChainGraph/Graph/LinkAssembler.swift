import Dispatch

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
/// Counting sort by buyer (stable, so merged values are summed in file order), then a sort
/// of each buyer's range by (supplier, segment) and a merge of equal keys, then a counting
/// sort by supplier for the out-direction. The scatters and the per-buyer sorts run on all
/// cores over disjoint ranges of firms, and every thread's share is fixed by the firm
/// ranges, so the result does not depend on the number of threads.
///
/// - Complexity: O(m log d) for m rows and maximum in-degree d; 16 B per row of scratch.
package enum LinkAssembler {
    package static func assemble(firms: FirmTable, segments: SegmentTree, rows: consuming LinkRows) -> SupplyGraph {
        assemble(firms: firms, segments: segments, chunks: [rows])
    }

    /// Assembles rows given as consecutive chunks (file order is chunk order).
    package static func assemble(firms: FirmTable, segments: SegmentTree, chunks chunkList: [LinkRows]) -> SupplyGraph {
        var chunks = chunkList
        let n = firms.count
        let m = chunks.reduce(0) { $0 + $1.supplier.count }
        let threads = Parallelism.threads
        // Phase timings with CHAINGRAPH_TRACE=1.
        var phase = Trace.now()
        func mark(_ label: String) {
            if Trace.enabled { printTrace("  \(label): \(Int((Trace.now() - phase) * 1000)) ms"); phase = Trace.now() }
        }
        var inOffsets = [Int](repeating: 0, count: n + 1)
        for rows in chunks { for b in rows.buyer { inOffsets[Int(b) + 1] += 1 } }
        for i in 0..<n { inOffsets[i + 1] += inOffsets[i] }
        mark("count by buyer")

        // Stable scatter into buyer order. Each thread owns a range of buyers, reads every
        // row and writes only its own buyers' slots.
        var inSupplier = [Int32](repeating: 0, count: m)
        var linkSegment = [Int32](repeating: 0, count: m)
        var value = [Double](repeating: 0, count: m)
        let buyerRanges = balancedRanges(offsets: inOffsets, parts: m < 1 << 16 ? 1 : threads)
        inSupplier.withUnsafeMutableBufferPointer { sup in
            linkSegment.withUnsafeMutableBufferPointer { seg in
                value.withUnsafeMutableBufferPointer { val in
                    nonisolated(unsafe) let (sup, seg, val) = (sup, seg, val)  // disjoint buyer ranges per thread
                    let offsets = inOffsets, rowChunks = chunks
                    DispatchQueue.concurrentPerform(iterations: buyerRanges.count) { t in
                        let range = buyerRanges[t]
                        var next = Array(offsets[range])
                        let lo = Int32(range.lowerBound), hi = Int32(range.upperBound)
                        for rows in rowChunks {
                            rows.buyer.withUnsafeBufferPointer { buyer in
                                for r in buyer.indices {
                                    let b = buyer[r]
                                    guard b >= lo && b < hi else { continue }
                                    let p = next[Int(b - lo)]
                                    next[Int(b - lo)] = p + 1
                                    sup[p] = rows.supplier[r]
                                    seg[p] = rows.segment[r]
                                    val[p] = rows.value[r]
                                }
                            }
                        }
                    }
                }
            }
        }
        mark("scatter by buyer")
        let rowsRead = chunks.reduce(0) { $0 + $1.rowsRead }
        let selfLoops = chunks.reduce(0) { $0 + $1.selfLoops }
        chunks = []  // release the row columns before building the out-direction

        // Sort each buyer's range by (supplier, segment) and merge equal keys in place;
        // kept[b] is how many links buyer b keeps at the front of its range.
        var kept = [Int](repeating: 0, count: n)
        inSupplier.withUnsafeMutableBufferPointer { sup in
            linkSegment.withUnsafeMutableBufferPointer { seg in
                value.withUnsafeMutableBufferPointer { val in
                    kept.withUnsafeMutableBufferPointer { keptBuffer in
                        nonisolated(unsafe) let (sup, seg, val, keptBuffer) = (sup, seg, val, keptBuffer)  // disjoint ranges
                        let offsets = inOffsets
                        DispatchQueue.concurrentPerform(iterations: buyerRanges.count) { t in
                            var scratch: [(key: UInt64, order: Int32, value: Double)] = []
                            for b in buyerRanges[t] {
                                keptBuffer[b] = sortAndMerge(offsets[b]..<offsets[b + 1], sup, seg, val, &scratch)
                            }
                        }
                    }
                }
            }
        }
        mark("sort and merge per buyer")
        // Close the gaps left by merged links.
        var write = 0
        for b in 0..<n {
            let start = inOffsets[b]
            inOffsets[b] = write
            if start != write {
                for k in 0..<kept[b] {
                    inSupplier[write + k] = inSupplier[start + k]
                    linkSegment[write + k] = linkSegment[start + k]
                    value[write + k] = value[start + k]
                }
            }
            write += kept[b]
        }
        inOffsets[n] = write
        let merged = m - write
        inSupplier.removeLast(merged)
        linkSegment.removeLast(merged)
        value.removeLast(merged)

        mark("close gaps")
        // Out-direction by counting sort on supplier; iterating buyers in order keeps each
        // supplier's out-list sorted by buyer. Threads own ranges of suppliers.
        var outOffsets = [Int](repeating: 0, count: n + 1)
        for s in inSupplier { outOffsets[Int(s) + 1] += 1 }
        for i in 0..<n { outOffsets[i + 1] += outOffsets[i] }
        var outBuyer = [Int32](repeating: 0, count: write)
        var outLink = [Int32](repeating: 0, count: write)
        let supplierRanges = balancedRanges(offsets: outOffsets, parts: write < 1 << 16 ? 1 : threads)
        outBuyer.withUnsafeMutableBufferPointer { ob in
            outLink.withUnsafeMutableBufferPointer { ol in
                inSupplier.withUnsafeBufferPointer { sup in
                    nonisolated(unsafe) let (ob, ol, sup) = (ob, ol, sup)  // disjoint supplier ranges per thread
                    let ins = inOffsets, outs = outOffsets
                    DispatchQueue.concurrentPerform(iterations: supplierRanges.count) { t in
                        let range = supplierRanges[t]
                        var next = Array(outs[range])
                        let lo = Int32(range.lowerBound), hi = Int32(range.upperBound)
                        for b in 0..<n {
                            for e in ins[b]..<ins[b + 1] {
                                let s = sup[e]
                                guard s >= lo && s < hi else { continue }
                                let p = next[Int(s - lo)]
                                next[Int(s - lo)] = p + 1
                                ob[p] = Int32(b)
                                ol[p] = Int32(e)
                            }
                        }
                    }
                }
            }
        }
        mark("out-direction")
        return SupplyGraph(
            firms: firms, segments: segments,
            inOffsets: inOffsets, inSupplier: inSupplier, value: value, linkSegment: linkSegment,
            outOffsets: outOffsets, outBuyer: outBuyer, outLink: outLink,
            buildStats: BuildStats(linkRows: rowsRead, mergedLinks: merged, droppedSelfLoops: selfLoops))
    }

    /// Sorts one buyer's links by (supplier, segment, file order) and sums equal keys into
    /// the front of the range. Returns how many links remain.
    @inline(__always)
    private static func sortAndMerge(_ range: Range<Int>, _ sup: UnsafeMutableBufferPointer<Int32>, _ seg: UnsafeMutableBufferPointer<Int32>,
                                     _ val: UnsafeMutableBufferPointer<Double>,
                                     _ scratch: inout [(key: UInt64, order: Int32, value: Double)]) -> Int {
        let count = range.count
        if count <= 1 { return count }
        scratch.removeAll(keepingCapacity: true)
        for p in range {
            let key = UInt64(UInt32(bitPattern: sup[p])) << 32 | UInt64(UInt32(bitPattern: seg[p] &+ 1))
            scratch.append((key, Int32(p - range.lowerBound), val[p]))
        }
        if count <= 24 {
            // Insertion sort is stable, so file order among equal keys is kept.
            for i in 1..<count {
                let item = scratch[i]
                var j = i
                while j > 0 && scratch[j - 1].key > item.key { scratch[j] = scratch[j - 1]; j -= 1 }
                scratch[j] = item
            }
        } else {
            scratch.sort { $0.key != $1.key ? $0.key < $1.key : $0.order < $1.order }
        }
        var write = range.lowerBound
        var k = 0
        while k < count {
            let key = scratch[k].key
            var total = scratch[k].value
            k += 1
            while k < count && scratch[k].key == key { total += scratch[k].value; k += 1 }
            sup[write] = Int32(bitPattern: UInt32(key >> 32))
            seg[write] = Int32(bitPattern: UInt32(key & 0xFFFF_FFFF)) &- 1
            val[write] = total
            write += 1
        }
        return write - range.lowerBound
    }

    /// Splits firms `0..<n` into `parts` contiguous ranges holding about equal numbers of
    /// links according to CSR `offsets`.
    package static func balancedRanges(offsets: [Int], parts: Int) -> [Range<Int>] {
        let n = offsets.count - 1
        guard parts > 1, n > 0 else { return [0..<n] }
        let total = offsets[n]
        var ranges: [Range<Int>] = []
        var start = 0
        for t in 1...parts {
            var end = n
            if t < parts {
                let target = total * t / parts
                var lo = start, hi = n
                while lo < hi { let mid = (lo + hi) / 2; if offsets[mid] < target { lo = mid + 1 } else { hi = mid } }
                end = max(start, lo)
            }
            ranges.append(start..<end)
            start = end
        }
        return ranges
    }
}
