import ChainGraph
import Dispatch
import Foundation

/// A bounded hand-off of decompressed chunks from the thread that inflates to the one that
/// scans. At most `capacity` chunks wait, so memory stays O(capacity × chunk size).
///
/// `@unchecked Sendable`: every field is read and written under `condition`'s lock.
private final class ChunkPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var finished = false
    private var cancelled = false
    private var failure: ChainGraphError?
    private let capacity: Int
    /// The budget left after the producer finished, valid once `take` returns nil.
    private(set) var remainingBudget = 0

    init(capacity: Int) { self.capacity = capacity }

    /// Hands over a chunk, waiting while the pipe is full; false once the consumer gave up.
    func put(_ chunk: [UInt8]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// The producer's last word: its error, or nil and the budget left.
    func finish(_ error: ChainGraphError?, remaining: Int) {
        condition.lock()
        failure = error
        remainingBudget = remaining
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting for one; nil at the end; the producer's error if it failed.
    func take() throws(ChainGraphError) -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while head == chunks.count && !finished { condition.wait() }
        if head < chunks.count {
            let chunk = chunks[head]
            chunks[head] = []
            head += 1
            if head == chunks.count { chunks.removeAll(keepingCapacity: true); head = 0 }
            condition.broadcast()
            return chunk
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the producer at its next chunk.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Moves a non-`Sendable` value to the producer thread, which is its only user until the
/// consumer has waited for it to finish.
private struct Handoff<Value>: @unchecked Sendable {
    let value: Value
}

extension ZipArchive {
    /// ``extract(_:budget:into:)`` on a second thread: inflating and checking the CRC of a
    /// large part overlap with scanning it, which uses both cores (STYLE: "use both cores").
    ///
    /// Errors are those of ``extract(_:budget:into:)``: `sink`'s first error wins and stops the
    /// inflating thread; otherwise the extraction's error is thrown once the chunks before it
    /// have been delivered, as in the sequential order. The call returns only after the
    /// second thread has finished.
    func extractConcurrently(_ entry: Entry, budget: inout DecompressionBudget,
                             into sink: (UnsafeRawBufferPointer) throws(ChainGraphError) -> Void) throws(ChainGraphError) {
        // Small parts are not worth a thread.
        guard entry.uncompressedSize >= UInt64(4 * Self.chunkSize) else {
            return try extract(entry, budget: &budget, into: sink)
        }
        let pipe = ChunkPipe(capacity: 8)
        let done = DispatchGroup()
        let job = Handoff(value: (archive: self, entry: entry, budget: budget))
        done.enter()
        DispatchQueue.global().async {
            var budget = job.value.budget
            do throws(ChainGraphError) {
                try job.value.archive.extract(job.value.entry, budget: &budget) { (chunk: UnsafeRawBufferPointer) throws(ChainGraphError) in
                    guard pipe.put(Array(chunk)) else { throw .internal("cancelled") }
                }
                pipe.finish(nil, remaining: budget.remaining)
            } catch {
                pipe.finish(error, remaining: budget.remaining)
            }
            done.leave()
        }
        defer { done.wait() }
        do throws(ChainGraphError) {
            while let chunk = try pipe.take() {
                try chunk.feed(in: chunk.count, sink)
            }
        } catch {
            pipe.cancel()
            throw error
        }
        budget.remaining = pipe.remainingBudget
    }
}
