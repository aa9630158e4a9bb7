import Dispatch
import Glibc

extension Snapshot {
    // MARK: Reading

    /// True when the file at `path` starts with the snapshot magic.
    public static func isSnapshot(path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 8)
        return Glibc.read(fd, &head, 8) == 8 && head == magic
    }

    /// Reads a snapshot written by ``write(_:to:)``.
    /// - Throws: ``ChainGraphError/inputMissing(path:reason:)`` when the file cannot be
    ///   opened; ``ChainGraphError/invalidData(_:)`` for a file that is not a snapshot, of
    ///   another version, truncated, damaged (checksum) or inconsistent.
    /// - Complexity: O(file size): one checksum pass, one copy and one validation pass.
    public static func read(path: String) throws(ChainGraphError) -> SupplyGraph {
        let buffer = try ByteBuffer.mapping(path: path)
        return try read(buffer, name: path)
    }

    package static func read(_ buffer: ByteBuffer, name: String) throws(ChainGraphError) -> SupplyGraph {
        let all = UnsafeRawBufferPointer(buffer.bytes)
        func corrupt(_ why: String) -> ChainGraphError { .invalidData("\(name): not a valid ChainGraph snapshot: \(why)") }
        guard all.count >= 8, Array(all[0..<8]) == magic else {
            throw corrupt("it does not start with the snapshot signature (expected a dataset folder or a file made by `chaingraph convert`)")
        }
        guard all.count >= headerSize else { throw corrupt("file is truncated inside the header") }
        let version = all.loadUnaligned(fromByteOffset: 8, as: UInt32.self)
        guard all.loadUnaligned(fromByteOffset: 12, as: UInt32.self) == 0x0102_0304 else { throw corrupt("wrong byte order") }
        guard version == Self.version else { throw corrupt("format version \(version), this chaingraph reads version \(Self.version); re-run `chaingraph convert`") }
        let payloadBytes = all.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
        let expected = all.loadUnaligned(fromByteOffset: 32, as: UInt64.self)
        guard payloadBytes == UInt64(all.count - headerSize) else {
            throw corrupt(UInt64(all.count - headerSize) < payloadBytes ? "file is truncated" : "file has trailing bytes")
        }
        let payload = UnsafeRawBufferPointer(rebasing: all[headerSize...])
        var hasher = Checksum()
        Trace.time("snapshot checksum") { hasher.update(payload) }
        guard hasher.finish() == expected else { throw corrupt("checksum mismatch (the file is damaged)") }
        var source = SectionSource(payload: payload, name: name)
        return try decode(&source)
    }

    static func decode(_ s: inout SectionSource) throws(ChainGraphError) -> SupplyGraph {
        let copyStart = Trace.now()
        var firms = FirmTable()
        let idTable = try s.strings()
        let slotWords = try s.take(UInt64.self)
        guard let index = Trace.time("snapshot id index", { IdInterner(table: idTable, slotWords: slotWords) }) else { throw s.corrupt("bad id index") }
        firms.idIndex = index
        firms.names = try s.strings()
        let regionTable = try s.strings()
        firms.regions = try regionTable.map { (text) throws(ChainGraphError) -> RegionPath in
            guard let r = RegionPath(text) else { throw s.corrupt("empty region") }
            return r
        }
        firms.regionOf = try s.take(Int32.self)
        firms.segmentOffsets = try s.take(Int.self)
        firms.segmentList = try s.take(Int32.self)
        firms.revenueColumn = try s.take(Double.self)
        firms.tagNames = Array(try s.strings())
        firms.tagOffsets = try s.take(Int.self)
        firms.tagList = try s.take(Int32.self)
        let ids = try s.strings(), names = try s.strings(), chains = try s.strings()
        let chainOf = try s.take(Int32.self), parentOf = try s.take(Int32.self), stageOf = try s.take(Int32.self)
        let inputOffsets = try s.take(Int.self), inputList = try s.take(Int32.self)
        let meta = try s.take(Int64.self)
        let inOffsets = try s.take(Int.self), inSupplier = try s.take(Int32.self), value = try s.take(Double.self)
        let linkSegment = try s.take(Int32.self)
        let outOffsets = try s.take(Int.self), outBuyer = try s.take(Int32.self), outLink = try s.take(Int32.self)
        if !s.atEnd { firms.locationColumn = try s.take(Double.self) }
        guard s.atEnd else { throw s.corrupt("unexpected extra sections") }

        if Trace.enabled { printTrace("snapshot sections: \(Int((Trace.now() - copyStart) * 1000)) ms") }
        let validateStart = Trace.now()
        defer { if Trace.enabled { printTrace("snapshot validation: \(Int((Trace.now() - validateStart) * 1000)) ms") } }
        // Validate every index before anything dereferences it.
        let n = firms.count, segmentCount = ids.count, m = value.count
        guard meta.count == 4, names.count == segmentCount, chainOf.count == segmentCount, parentOf.count == segmentCount,
              stageOf.count == segmentCount else { throw s.corrupt("segment columns disagree in length") }
        guard firms.names.count == n || firms.names.count == 0, firms.regionOf.count == n, firms.revenueColumn.count == n
        else { throw s.corrupt("firm columns disagree in length") }
        try checkOffsets(firms.segmentOffsets, rows: n, total: firms.segmentList.count, s)
        try checkOffsets(firms.tagOffsets, rows: n, total: firms.tagList.count, s)
        try checkOffsets(inputOffsets, rows: segmentCount, total: inputList.count, s)
        try checkOffsets(inOffsets, rows: n, total: m, s)
        try checkOffsets(outOffsets, rows: n, total: m, s)
        guard inSupplier.count == m, linkSegment.count == m, outBuyer.count == m, outLink.count == m
        else { throw s.corrupt("link columns disagree in length") }
        try checkRange(firms.regionOf, -1, firms.regions.count, s)
        try checkRange(firms.segmentList, 0, segmentCount, s)
        try checkRange(firms.tagList, 0, firms.tagNames.count, s)
        try checkRange(chainOf, -1, chains.count, s)
        try checkRange(parentOf, -1, segmentCount, s)
        try checkRange(stageOf, -1, Stage.allCases.count, s)
        try checkRange(inputList, 0, segmentCount, s)
        try checkRange(inSupplier, 0, n, s)
        try checkRange(linkSegment, -1, segmentCount, s)
        try checkRange(outBuyer, 0, n, s)
        try checkRange(outLink, 0, m, s)
        for v in value where !(v >= 0 && v.isFinite) { throw s.corrupt("negative or non-finite link value") }
        for r in firms.revenueColumn where r < 0 || r.isInfinite { throw s.corrupt("negative revenue") }
        guard firms.locationColumn.isEmpty || firms.locationColumn.count == 2 * n else { throw s.corrupt("location column disagrees in length") }
        for k in stride(from: 0, to: firms.locationColumn.count, by: 2) {
            let lat = firms.locationColumn[k], lon = firms.locationColumn[k + 1]
            guard (lat.isNaN && lon.isNaN) || (abs(lat) <= 90 && abs(lon) <= 180) else { throw s.corrupt("coordinates out of range") }
        }
        // The out-direction must be a permutation of the in-direction, consistent in both ends.
        // Checked on all cores over disjoint supplier ranges (random reads, so it pays).
        let ranges = LinkAssembler.balancedRanges(offsets: outOffsets, parts: m < 1 << 16 ? 1 : Parallelism.threads)
        var consistent = [Bool](repeating: true, count: ranges.count)
        consistent.withUnsafeMutableBufferPointer { flags in
            nonisolated(unsafe) let flags = flags  // one slot per range
            DispatchQueue.concurrentPerform(iterations: ranges.count) { t in
                outOffsets.withUnsafeBufferPointer { outs in
                    outLink.withUnsafeBufferPointer { links in
                        outBuyer.withUnsafeBufferPointer { buyers in
                            inSupplier.withUnsafeBufferPointer { sups in
                                inOffsets.withUnsafeBufferPointer { ins in
                                    for sup in ranges[t] {
                                        for p in outs[sup]..<outs[sup + 1] {
                                            let e = Int(links[p]), b = Int(buyers[p])
                                            if Int(sups[e]) != sup || ins[b] > e || e >= ins[b + 1] { flags[t] = false; return }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        guard consistent.allSatisfy({ $0 }) else { throw s.corrupt("link directions disagree") }

        var segments: [Segment] = []
        segments.reserveCapacity(segmentCount)
        for i in 0..<segmentCount {
            segments.append(Segment(
                id: ids[i], name: names[i], chain: chainOf[i] < 0 ? nil : Int(chainOf[i]), parent: parentOf[i] < 0 ? nil : Int(parentOf[i]),
                stage: stageOf[i] < 0 ? nil : Stage.allCases[Int(stageOf[i])],
                inputs: inputList[inputOffsets[i]..<inputOffsets[i + 1]].map(Int.init)))
        }
        let hasTree = meta[3] == 1
        let tree: SegmentTree
        if hasTree {
            // Re-validate the tree (unique ids, same-chain parents, no cycle).
            let definitions = segments.map { seg in
                SegmentDefinition(id: seg.id, name: seg.name, chain: seg.chain.map { chains[$0] } ?? "",
                                  parent: seg.parent.map { segments[$0].id }, stage: seg.stage, inputs: seg.inputs.map { segments[$0].id })
            }
            tree = try SegmentTree.validated(definitions, sources: Array(repeating: nil, count: definitions.count))
        } else {
            tree = SegmentTree(segments: segments, chains: Array(chains), hasTree: false)
        }
        guard meta[0] >= 0, meta[1] >= 0, meta[2] >= 0 else { throw s.corrupt("bad build counts") }
        let stats = BuildStats(linkRows: Int(meta[0]), mergedLinks: Int(meta[1]), droppedSelfLoops: Int(meta[2]))
        return SupplyGraph(firms: firms, segments: tree, inOffsets: inOffsets, inSupplier: inSupplier, value: value,
                           linkSegment: linkSegment, outOffsets: outOffsets, outBuyer: outBuyer, outLink: outLink, buildStats: stats)
    }

    static func checkOffsets(_ offsets: [Int], rows: Int, total: Int, _ s: SectionSource) throws(ChainGraphError) {
        guard offsets.count == rows + 1, offsets.first == 0, offsets.last == total else { throw s.corrupt("bad offsets") }
        for i in 0..<rows where offsets[i] > offsets[i + 1] { throw s.corrupt("offsets decrease") }
    }

    static func checkRange(_ values: [Int32], _ lower: Int, _ upper: Int, _ s: SectionSource) throws(ChainGraphError) {
        let lo = Int32(clamping: lower), hi = Int32(clamping: upper)
        // Branch-free so the loop vectorises.
        let bad = values.withUnsafeBufferPointer { p in
            var bad = false
            for v in p { bad = bad || (v < lo) || (v >= hi) }
            return bad
        }
        if bad { throw s.corrupt("index out of range") }
    }

    struct SectionSource {
        let payload: UnsafeRawBufferPointer
        let name: String
        var offset = 0
        var section = 0

        var atEnd: Bool { offset == payload.count }

        func corrupt(_ why: String) -> ChainGraphError { .invalidData("\(name): not a valid ChainGraph snapshot: \(why)") }

        mutating func take<T: BitwiseCopyable>(_: T.Type) throws(ChainGraphError) -> [T] {
            section += 1
            guard payload.count - offset >= 16 else { throw corrupt("file ends before section \(section)") }
            let tag = payload.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            let size = payload.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let count = payload.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
            guard tag == UInt32(section), size == UInt32(MemoryLayout<T>.stride) else { throw corrupt("section \(section) has an unexpected type") }
            offset += 16
            let (bytes, overflow) = count.multipliedReportingOverflow(by: UInt64(size))
            guard !overflow, bytes <= UInt64(payload.count - offset) else { throw corrupt("section \(section) runs past the end of the file") }
            let n = Int(count)
            let result = [T](unsafeUninitializedCapacity: n) { out, initialized in
                if n > 0 { UnsafeMutableRawBufferPointer(out).copyMemory(from: UnsafeRawBufferPointer(rebasing: payload[offset..<(offset + Int(bytes))])) }
                initialized = n
            }
            offset += Int(bytes)
            let pad = (8 - offset % 8) % 8
            guard payload.count - offset >= pad else { throw corrupt("file ends inside padding") }
            offset += pad
            return result
        }

        mutating func strings() throws(ChainGraphError) -> StringTable {
            let bytes = try take(UInt8.self)
            let offsets = try take(Int.self)
            guard let first = offsets.first, first == 0, offsets.last == bytes.count else { throw corrupt("bad string table") }
            for i in 0..<(offsets.count - 1) where offsets[i] > offsets[i + 1] { throw corrupt("bad string table") }
            return StringTable(bytes: bytes, offsets: offsets)
        }
    }
}
