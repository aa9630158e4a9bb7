import Dispatch
import Glibc

/// Parses the rows of `links.csv`, in parallel chunks when that is safe.
///
/// A file without any `"` cannot have a line break inside a field, so it is split at line
/// ends into one chunk per core. Each chunk looks firm and segment ids up read-only in the
/// shared tables; names not seen before (allowed only when the dataset has no `firms.csv`,
/// or no `segments.csv` for segments) are collected per chunk and numbered afterwards in
/// chunk order, so ids are numbered in first-seen file order and the result is the same
/// for any number of threads. A file with quotes is parsed as one chunk.
package enum LinkParser {
    /// What one chunk produced. New names are encoded as `-2 - localIndex`.
    private struct ChunkResult {
        var rows = LinkRows()
        var newFirms = IdInterner(capacity: 16)
        var newSegments = IdInterner(capacity: 16)
        var error: ChainGraphError?
    }

    package static func parse(_ table: inout CSVTable, firms: inout FirmTable, segmentIds: inout IdInterner,
                              implicitFirms: Bool, implicitSegments: Bool, threads: Int,
                              minimumParallelBytes: Int = 1 << 20, meter: ProgressMeter = .silent) throws(ChainGraphError) -> [LinkRows] {
        let text = table.reader.text
        let start = table.reader.position
        let body = UnsafeBufferPointer(rebasing: text[start...])
        let hasQuotes = body.count > 0 && memchr(body.baseAddress!, 0x22, body.count) != nil
        let chunkCount = hasQuotes || body.count < minimumParallelBytes ? 1 : max(1, threads)
        var bounds = [start]
        for k in 1..<chunkCount {
            var cut = start + body.count * k / chunkCount
            while cut < text.count && text[cut] != 0x0A { cut += 1 }
            bounds.append(min(text.count, cut + 1))
        }
        bounds.append(text.count)

        var results = [ChunkResult](repeating: ChunkResult(), count: chunkCount)
        let firmTable = firms, segmentTable = segmentIds
        // Ids shaped PREFIX + number resolve by arithmetic (see NumericIdIndex); new names
        // (no firms.csv) still go through the per-chunk tables.
        let numeric = implicitFirms ? nil : Trace.time("numeric id index") { NumericIdIndex(firms.idIndex.table) }
        // A link without a segment takes its supplier's primary segment: one compact column,
        // or none when no firm lists a segment.
        let primary: [Int32] = firms.segmentList.isEmpty ? [] : (0..<firms.count).map { Int32(firms.primarySegment($0) ?? -1) }
        let tableCopy = table
        let chunkBounds = bounds
        results.withUnsafeMutableBufferPointer { out in
            // Each iteration writes only its own slot; the shared tables are read-only here.
            nonisolated(unsafe) let slots = out
            DispatchQueue.concurrentPerform(iterations: chunkCount) { k in
                var chunk = k == 0 ? tableCopy : CSVTable(chunkOf: tableCopy, range: chunkBounds[k]..<chunkBounds[k + 1])
                var result = ChunkResult()
                do throws(ChainGraphError) {
                    try parseChunk(&chunk, firms: firmTable, numeric: numeric, primary: primary, segmentIds: segmentTable, implicitFirms: implicitFirms,
                                   implicitSegments: implicitSegments, into: &result, untilOffset: k == 0 ? chunkBounds[1] - start : nil,
                                   meter: meter)
                } catch {
                    result.error = error
                }
                slots[k] = result
            }
        }
        // The first error in file order wins; chunk-relative line numbers become file lines.
        for k in 0..<chunkCount {
            guard let error = results[k].error else { continue }
            if k > 0, case let .data(location, message) = error {
                var fixed = location
                fixed.line += lineBreaks(in: UnsafeBufferPointer(rebasing: text[0..<bounds[k]]))
                throw .data(fixed, message)
            }
            throw error
        }
        let mergeStart = Trace.now()
        defer { if Trace.enabled { printTrace("link chunks merged in \(Int((Trace.now() - mergeStart) * 1000)) ms (\(chunkCount) chunks)") } }
        // Number new names in chunk order and rewrite the chunk-local codes.
        var chunks: [LinkRows] = []
        for k in 0..<chunkCount {
            var rows = results[k].rows
            let firmMap = remap(results[k].newFirms, into: &firms.idIndex)
            let segmentMap = remap(results[k].newSegments, into: &segmentIds)
            if !firmMap.isEmpty {
                for i in rows.supplier.indices where rows.supplier[i] < -1 { rows.supplier[i] = firmMap[Int(-2 - rows.supplier[i])] }
                for i in rows.buyer.indices where rows.buyer[i] < -1 { rows.buyer[i] = firmMap[Int(-2 - rows.buyer[i])] }
                // A self-loop between two new names is only visible now.
                var keep = 0
                for i in rows.supplier.indices {
                    if rows.supplier[i] == rows.buyer[i] { rows.selfLoops += 1; continue }
                    rows.supplier[keep] = rows.supplier[i]; rows.buyer[keep] = rows.buyer[i]
                    rows.segment[keep] = rows.segment[i]; rows.value[keep] = rows.value[i]
                    keep += 1
                }
                let drop = rows.supplier.count - keep
                rows.supplier.removeLast(drop); rows.buyer.removeLast(drop); rows.segment.removeLast(drop); rows.value.removeLast(drop)
            }
            if !segmentMap.isEmpty {
                for i in rows.segment.indices where rows.segment[i] < -1 { rows.segment[i] = segmentMap[Int(-2 - rows.segment[i])] }
            }
            chunks.append(rows)
        }
        if firms.count >= Int(Int32.max) - 1 { throw .invalidData("\(table.reader.file): more than 2³¹ firms") }
        return chunks
    }

    private static func remap(_ local: IdInterner, into global: inout IdInterner) -> [Int32] {
        guard local.count > 0 else { return [] }
        let t = local.table
        return t.bytes.withUnsafeBufferPointer { all in
            (0..<t.count).map { i in global.insert(UnsafeBufferPointer(rebasing: all[t.offsets[i]..<t.offsets[i + 1]])).index }
        }
    }

    /// Line breaks (LF, CRLF, lone CR) in a quote-free text.
    package static func lineBreaks(in text: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for i in text.indices {
            if text[i] == 0x0A { count += 1 } else if text[i] == 0x0D && (i + 1 == text.count || text[i + 1] != 0x0A) { count += 1 }
        }
        return count
    }

    /// The hot loop. Rows are collected in batches whose firm ids are then resolved
    /// together, by ``NumericIdIndex/find(_:)`` when the firm ids allow it, else with
    /// ``IdInterner/findBatch(_:hashes:into:)``; only fields with doubled
    /// quotes, new names or errors take slower, allocating paths. Errors are still
    /// reported in file order: a batch is resolved before a later row's error is thrown.
    private static func parseChunk(_ table: inout CSVTable, firms: FirmTable, numeric: NumericIdIndex?, primary: [Int32], segmentIds: IdInterner, implicitFirms: Bool,
                                   implicitSegments: Bool, into result: inout ChunkResult, untilOffset: Int?,
                                   meter: ProgressMeter) throws(ChainGraphError) {
        let columns = (supplier: table.columns[0], buyer: table.columns[1], value: table.columns[2], segment: table.columns[3])
        let limit = untilOffset.map { table.reader.position + $0 } ?? Int.max
        let batchSize = 64
        let file = table.reader.file
        var keys = [UnsafeBufferPointer<UInt8>](repeating: UnsafeBufferPointer(start: nil, count: 0), count: 2 * batchSize)
        var preResolved = [Int32](repeating: .min, count: 2 * batchSize)
        var found = [Int32](repeating: -1, count: 2 * batchSize)
        var hashes = [UInt64](repeating: 0, count: 2 * batchSize)
        var values = [Double](repeating: 0, count: batchSize)
        var segments = [Int32](repeating: 0, count: batchSize)  // Int32.min: the supplier's primary segment
        var lines = [Int](repeating: 0, count: batchSize)
        var pending = 0
        var reported = table.reader.position
        defer { meter.advance(bytes: table.reader.position - reported) }

        func flush() throws(ChainGraphError) {
            guard pending > 0 else { return }
            if table.reader.position - reported >= ProgressMeter.step {
                meter.advance(bytes: table.reader.position - reported)
                reported = table.reader.position
            }
            if let numeric {
                for k in 0..<(2 * pending) { found[k] = numeric.find(keys[k]) }
            } else {
                keys.withUnsafeBufferPointer { k in
                    hashes.withUnsafeMutableBufferPointer { h in
                        found.withUnsafeMutableBufferPointer { f in
                            firms.idIndex.findBatch(UnsafeBufferPointer(rebasing: k[0..<(2 * pending)]),
                                                    hashes: UnsafeMutableBufferPointer(rebasing: h[0..<(2 * pending)]),
                                                    into: UnsafeMutableBufferPointer(rebasing: f[0..<(2 * pending)]))
                        }
                    }
                }
            }
            for r in 0..<pending {
                var ends: (Int32, Int32) = (0, 0)
                for end in 0..<2 {
                    var f = preResolved[2 * r + end] != .min ? preResolved[2 * r + end] : found[2 * r + end]
                    if f == -1 {
                        let key = keys[2 * r + end]
                        guard implicitFirms else {
                            let column = end == 0 ? columns.supplier : columns.buyer
                            throw .data(SourceLocation(file: file, line: lines[r], column: column + 1),
                                        "unknown firm \"\(String(decoding: key, as: UTF8.self))\" (not in firms.csv)")
                        }
                        f = -2 - result.newFirms.insert(key).index
                    }
                    if end == 0 { ends.0 = f } else { ends.1 = f }
                }
                var segment = segments[r]
                if segment == .min { segment = ends.0 >= 0 && Int(ends.0) < primary.count ? primary[Int(ends.0)] : -1 }
                result.rows.append(supplier: ends.0, buyer: ends.1, segment: segment, value: values[r])
            }
            pending = 0
        }

        while table.reader.position < limit {
            let more: Bool
            do throws(ChainGraphError) { more = try table.nextRow() } catch { try flush(); throw error }
            guard more else { break }
            do throws(ChainGraphError) {
                for end in 0..<2 {
                    let spec = end, column = end == 0 ? columns.supplier : columns.buyer
                    if let bytes = table.reader.trimmedSlice(column) {
                        if bytes.isEmpty { throw .data(table.location(spec), "empty \(DatasetLoader.linkColumns[spec].name) id") }
                        keys[2 * pending + end] = bytes
                        preResolved[2 * pending + end] = .min
                    } else {
                        // Doubled quotes: unescape and resolve now (rare).
                        let id = table.string(spec)
                        if id.isEmpty { throw .data(table.location(spec), "empty \(DatasetLoader.linkColumns[spec].name) id") }
                        var f = firms.idIndex.find(id) ?? -1
                        if f == -1 {
                            guard implicitFirms else { throw .data(table.location(spec), "unknown firm \"\(id)\" (not in firms.csv)") }
                            f = -2 - result.newFirms.insert(id).index
                        }
                        keys[2 * pending + end] = UnsafeBufferPointer(start: nil, count: 0)
                        preResolved[2 * pending + end] = f
                    }
                }
                var value = 1.0
                if columns.value >= 0, let bytes = table.reader.trimmedSlice(columns.value), !bytes.isEmpty,
                   case .success(let v) = NumberParser.parse(bytes) {
                    value = v
                } else if let v = try table.number(2, what: "value") {
                    value = v
                } else if columns.value >= 0 {
                    // An empty value cell counts 1 with a warning: the analyst path reports it.
                    throw .data(table.location(2), "empty value")
                }
                var segment: Int32 = .min
                if columns.segment >= 0, table.has(3) {
                    if let bytes = table.reader.trimmedSlice(columns.segment), let s = segmentIds.find(bytes) {
                        segment = s
                    } else {
                        let name = table.string(3)
                        if let s = segmentIds.find(name) {
                            segment = s
                        } else if implicitSegments {
                            segment = -2 - result.newSegments.insert(name).index
                        } else {
                            throw .data(table.location(3), "unknown segment \"\(name)\" (not in segments.csv)")
                        }
                    }
                }
                values[pending] = value
                segments[pending] = segment
                lines[pending] = table.reader.line
            } catch {
                // Earlier rows of the batch may hold an earlier error: resolve them first.
                try flush()
                throw error
            }
            pending += 1
            if pending == batchSize { try flush() }
        }
        try flush()
    }

}
