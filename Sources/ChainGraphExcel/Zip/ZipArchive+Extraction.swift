import ChainGraph
import Foundation
import ZIPFoundation

/// How many decompressed bytes the parts read so far may still produce (SPEC §5: "an xlsx is
/// a zip: its decompressed size is bounded before reading").
struct DecompressionBudget {
    /// The limit the workbook started with, for messages.
    let limit: Int
    /// Bytes still allowed.
    var remaining: Int

    init(limit: Int) {
        self.limit = max(0, limit)
        remaining = self.limit
    }
}

/// Carries a ``ChainGraphError`` through ZIPFoundation's untyped closures.
private struct ExtractionAbort: Error {
    var error: ChainGraphError
}

extension ZipArchive {
    /// Size of the read and inflate buffers.
    static let chunkSize = 1 << 18

    /// Streams the decompressed content of `entry` to `sink` in chunks.
    ///
    /// The declared uncompressed size is checked against `budget` before any byte is read;
    /// while inflating, the output is counted and extraction stops as soon as it exceeds the
    /// declared size, so a lying header cannot get past the budget either. At the end the
    /// size and CRC-32 must match the central directory.
    ///
    /// - Complexity: O(compressed + uncompressed size), memory O(``chunkSize``).
    func extract(_ entry: Entry, budget: inout DecompressionBudget,
                 into sink: (UnsafeRawBufferPointer) throws(ChainGraphError) -> Void) throws(ChainGraphError) {
        if entry.flags & 1 != 0 { throw invalid("\(entry.name) is encrypted") }
        guard entry.uncompressedSize <= UInt64(budget.remaining) else {
            let spent = budget.limit - budget.remaining
            throw invalid("\(entry.name) declares \(entry.uncompressedSize) bytes uncompressed, more than the "
                + "\(budget.limit)-byte limit allows\(spent > 0 ? " after the \(spent) bytes already read" : "") "
                + "(a zip bomb, or a workbook too large for this limit)")
        }
        let declared = Int(entry.uncompressedSize)
        let (offset, length) = try dataRange(of: entry)
        var produced = 0
        var checksum: UInt32 = 0
        let name = entry.name

        // Counts, checks and forwards one chunk of output.
        func deliver(_ chunk: Data) throws(ChainGraphError) {
            produced += chunk.count
            guard produced <= declared else {
                throw invalid("\(name) decompresses to more than the \(declared) bytes it declares (a zip bomb?)")
            }
            var failure: ChainGraphError?
            chunk.withUnsafeBytes { raw in
                checksum = ZipCRC32.update(checksum, raw)
                do throws(ChainGraphError) { try sink(raw) } catch { failure = error }
            }
            if let failure { throw failure }
        }

        switch entry.method {
        case 0:  // stored
            guard length == entry.uncompressedSize else { throw invalid("\(name): stored sizes disagree") }
            var position: UInt64 = 0
            var buffer = Data(count: Self.chunkSize)
            while position < length {
                let n = Int(min(UInt64(Self.chunkSize), length - position))
                let got = buffer.withUnsafeMutableBytes { readFully(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<n]), at: offset + position) }
                guard got == n else { throw invalid("\(name): the file is truncated") }
                try deliver(buffer.prefix(n))
                position += UInt64(n)
            }
        case 8:  // deflate
            var position: UInt64 = 0
            do {
                _ = try Data.decompress(
                    size: Int64(length), bufferSize: Self.chunkSize, skipCRC32: true,
                    provider: { _, requested in
                        // ZIPFoundation's inflate loop hands zlib `requested` bytes whatever the
                        // chunk's length, and loops forever on an empty chunk: always return
                        // exactly `requested` bytes (zero-padded after the entry's data) and
                        // fail once the entry's data is used up without the stream ending.
                        guard position < length else {
                            throw ExtractionAbort(error: self.invalid("\(name): the compressed data is truncated"))
                        }
                        var chunk = Data(count: requested)
                        let n = Int(min(UInt64(requested), length - position))
                        let got = chunk.withUnsafeMutableBytes {
                            self.readFully(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<n]), at: offset + position)
                        }
                        guard got == n else { throw ExtractionAbort(error: self.invalid("\(name): the file is truncated")) }
                        position += UInt64(n)
                        return chunk
                    },
                    consumer: { chunk in
                        do throws(ChainGraphError) { try deliver(chunk) } catch { throw ExtractionAbort(error: error) }
                    })
            } catch let abort as ExtractionAbort {
                throw abort.error
            } catch {
                throw invalid("\(name): the compressed data is corrupt or truncated")
            }
        default:
            throw invalid("\(name) uses zip compression method \(entry.method); Excel writes only deflate (8) or stored (0)")
        }
        guard produced == declared else {
            throw invalid("\(name) decompresses to \(produced) bytes, not the \(declared) it declares (corrupt or truncated)")
        }
        guard checksum == entry.crc32 else { throw invalid("\(name) is corrupt (CRC-32 mismatch)") }
        budget.remaining -= produced
    }

    /// The whole decompressed content of `entry`, for the small parts (relationships,
    /// workbook); bounded by `budget` like ``extract(_:budget:into:)``.
    func contents(of entry: Entry, budget: inout DecompressionBudget) throws(ChainGraphError) -> [UInt8] {
        var bytes: [UInt8] = []
        try extract(entry, budget: &budget) { (chunk: UnsafeRawBufferPointer) throws(ChainGraphError) in
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }
}
