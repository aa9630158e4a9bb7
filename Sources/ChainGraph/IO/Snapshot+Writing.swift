import Glibc

extension Snapshot {
    // MARK: Writing

    /// Writes `graph` to `path` atomically (a temporary file renamed into place, so a
    /// failed write leaves no partial file).
    /// - Throws: ``ChainGraphError/outputFailed(path:reason:)``.
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

    static func encode(_ g: SupplyGraph, into s: inout SectionSink) throws(ChainGraphError) {
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
        // Since the supply-radius work: an optional last section (older files end before it).
        if f.hasCoordinates { try s.put(f.locationColumn) }
    }

    struct SectionSink {
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

}


func bytes<T: BitwiseCopyable>(of value: T) -> [UInt8] {
    withUnsafeBytes(of: value) { Array($0) }
}
