import Dispatch
import Glibc

/// The binary snapshot format written by `chaingraph convert` and read by every command.
///
/// Layout (little-endian, all sections 8-byte aligned):
/// ```
/// header, 48 bytes: magic "CHGRAPH\0" | version u32 | 0x01020304 u32 | section count u64
///                   | payload bytes u64 | payload checksum u64 | reserved u64
/// payload: sections in a fixed order, each
///          tag u32 | element size u32 | element count u64 | elements | zero padding to 8
/// ```
/// The checksum is ``checksum(_:)`` over the payload. Reading maps the file, verifies
/// magic, version, sizes and checksum, then copies each column out with bounds checks and
/// re-validates every index, so a truncated, corrupt or hostile file is a data error
/// (exit 65), never a crash.
public enum Snapshot {
    public static let version: UInt32 = 1
    static let magic: [UInt8] = Array("CHGRAPH".utf8) + [0]
    static let headerSize = 48

    // MARK: Writing

    /// Writes `graph` to `path` atomically.
    /// - Complexity: O(size of the graph), streaming; no second copy in memory.
    public static func write(_ graph: SupplyGraph, to path: String) throws(ChainGraphError) {
        let out = try AtomicFileWriter(path: path)
        try out.write([UInt8](repeating: 0, count: headerSize))
        var sink = SectionSink(out: out)
        try encode(graph, into: &sink)
        var header = magic
        header += bytes(of: version) + bytes(of: UInt32(0x0102_0304))
        header += bytes(of: UInt64(sink.sections)) + bytes(of: UInt64(sink.payloadBytes))
        header += bytes(of: sink.hasher.finish()) + bytes(of: UInt64(0))
        try out.overwrite(at: 0, header)
        try out.commit()
    }

    private static func encode(_ g: SupplyGraph, into s: inout SectionSink) throws(ChainGraphError) {
        let f = g.firms
        try s.put(f.idIndex.table.bytes); try s.put(f.idIndex.table.offsets); try s.put(f.idIndex.slotWords)
        try s.put(f.names.bytes); try s.put(f.names.offsets)
        let regions = StringTable(f.regions.map(\.description))
        try s.put(regions.bytes); try s.put(regions.offsets)
        try s.put(f.regionOf); try s.put(f.segmentOffsets); try s.put(f.segmentList); try s.put(f.revenueColumn)
        let tags = StringTable(f.tagNames)
        try s.put(tags.bytes); try s.put(tags.offsets); try s.put(f.tagOffsets); try s.put(f.tagList)
        let t = g.segments
        let ids = StringTable(t.segments.map(\.id)), names = StringTable(t.segments.map(\.name)), chains = StringTable(t.chains)
        try s.put(ids.bytes); try s.put(ids.offsets); try s.put(names.bytes); try s.put(names.offsets)
        try s.put(chains.bytes); try s.put(chains.offsets)
        try s.put(t.segments.map { Int32($0.chain ?? -1) })
        try s.put(t.segments.map { Int32($0.parent ?? -1) })
        try s.put(t.segments.map { Int32($0.stage.map { Stage.allCases.firstIndex(of: $0)! } ?? -1) })
        var inputOffsets = [0], inputList: [Int32] = []
        for seg in t.segments { inputList += seg.inputs.map(Int32.init); inputOffsets.append(inputList.count) }
        try s.put(inputOffsets); try s.put(inputList)
        let stats = g.buildStats
        try s.put([Int64(stats.linkRows), Int64(stats.mergedLinks), Int64(stats.droppedSelfLoops), t.hasTree ? 1 : 0])
        try s.put(g.inOffsets); try s.put(g.inSupplier); try s.put(g.value); try s.put(g.linkSegment)
        try s.put(g.outOffsets); try s.put(g.outBuyer); try s.put(g.outLink)
    }

    private struct SectionSink {
        let out: AtomicFileWriter
        var hasher = Checksum()
        var sections = 0
        var payloadBytes = 0

        mutating func put<T: BitwiseCopyable>(_ array: [T]) throws(ChainGraphError) {
            let head = bytes(of: UInt32(sections + 1)) + bytes(of: UInt32(MemoryLayout<T>.stride)) + bytes(of: UInt64(array.count))
            try emit(head)
            try withBytes(of: array) { (raw) throws(ChainGraphError) in
                hasher.update(raw)
                try out.write(raw)
            }
            payloadBytes += array.count * MemoryLayout<T>.stride
            let pad = (8 - payloadBytes % 8) % 8
            if pad > 0 { try emit([UInt8](repeating: 0, count: pad)) }
            sections += 1
        }

        private mutating func emit(_ b: [UInt8]) throws(ChainGraphError) {
            try withBytes(of: b) { (raw) throws(ChainGraphError) in
                hasher.update(raw)
                try out.write(raw)
            }
            payloadBytes += b.count
        }
    }

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

    private static func decode(_ s: inout SectionSource) throws(ChainGraphError) -> SupplyGraph {
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

    private static func checkOffsets(_ offsets: [Int], rows: Int, total: Int, _ s: SectionSource) throws(ChainGraphError) {
        guard offsets.count == rows + 1, offsets.first == 0, offsets.last == total else { throw s.corrupt("bad offsets") }
        for i in 0..<rows where offsets[i] > offsets[i + 1] { throw s.corrupt("offsets decrease") }
    }

    private static func checkRange(_ values: [Int32], _ lower: Int, _ upper: Int, _ s: SectionSource) throws(ChainGraphError) {
        let lo = Int32(clamping: lower), hi = Int32(clamping: upper)
        // Branch-free so the loop vectorises.
        let bad = values.withUnsafeBufferPointer { p in
            var bad = false
            for v in p { bad = bad || (v < lo) || (v >= hi) }
            return bad
        }
        if bad { throw s.corrupt("index out of range") }
    }

    private struct SectionSource {
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

private func bytes<T: BitwiseCopyable>(of value: T) -> [UInt8] {
    withUnsafeBytes(of: value) { Array($0) }
}

/// A fast 64-bit checksum: four independent multiply–rotate lanes over 8-byte words, so
/// verifying a snapshot runs at several GB/s. Detects damage, not tampering.
package struct Checksum {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    private static let prime: UInt64 = 0x9E37_79B9_7F4A_7C15

    package init() {}

    package mutating func update(_ data: UnsafeRawBufferPointer) {
        length &+= UInt64(data.count)
        var start = 0
        if !pending.isEmpty {
            let need = 32 - pending.count
            let take = min(need, data.count)
            pending.append(contentsOf: data[0..<take])
            start = take
            if pending.count == 32 {
                pending.withUnsafeBytes { block($0.baseAddress!) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        guard let base = data.baseAddress else { return }
        var i = start
        while i + 32 <= data.count {
            block(base + i)
            i += 32
        }
        if i < data.count { pending.append(contentsOf: data[i...]) }
    }

    @inline(__always)
    private mutating func block(_ p: UnsafeRawPointer) {
        func round(_ acc: UInt64, _ w: UInt64) -> UInt64 {
            let x = (acc ^ w) &* Self.prime
            return (x << 29) | (x >> 35)
        }
        lanes.0 = round(lanes.0, p.loadUnaligned(as: UInt64.self))
        lanes.1 = round(lanes.1, p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        lanes.2 = round(lanes.2, p.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        lanes.3 = round(lanes.3, p.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
    }

    package func finish() -> UInt64 {
        var h = lanes.0 ^ (lanes.1 &* 3) ^ (lanes.2 &* 5) ^ (lanes.3 &* 7) ^ length
        for b in pending { h = (h ^ UInt64(b)) &* Self.prime }
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h
    }
}
