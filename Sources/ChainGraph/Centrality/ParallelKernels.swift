import Dispatch

/// Deterministic data-parallel helpers for the sparse kernels.
///
/// Work is cut into fixed chunks of rows whose size does not depend on the number of
/// threads; each chunk is computed by one thread in a fixed order and partial sums are
/// combined in chunk order, so every result is bit-identical for 1, 2 or 64 threads.
package enum ParallelKernels {
    /// Rows per chunk: big enough to amortise scheduling, small enough to balance.
    package static let chunkRows = 8192

    /// Calls `body` for every chunk of `0..<count`, in parallel when there are several.
    package static func forEachChunk(_ count: Int, _ body: (Range<Int>) -> Void) {
        let chunks = (count + chunkRows - 1) / chunkRows
        if chunks <= 1 || Parallelism.threads == 1 {
            var start = 0
            while start < count { body(start..<min(count, start + chunkRows)); start += chunkRows }
            return
        }
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body  // the caller's ranges are disjoint by construction
            DispatchQueue.concurrentPerform(iterations: chunks) { c in
                body((c * chunkRows)..<min(count, (c + 1) * chunkRows))
            }
        }
    }

    /// Σ over chunks of `partial(range)`, combined in chunk order.
    package static func sum(_ count: Int, _ partial: (Range<Int>) -> Double) -> Double {
        let chunks = (count + chunkRows - 1) / chunkRows
        var parts = [Double](repeating: 0, count: max(1, chunks))
        parts.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out  // one slot per chunk
            forEachChunk(count) { range in out[range.lowerBound / chunkRows] = partial(range) }
        }
        return parts.reduce(0, +)
    }

    /// y[v] = Σ_{u → v} w(u, v) · x[u] over the in-direction of `g` (a pull SpMV).
    /// - Complexity: O(n + m), memory-bound; one write per row, no atomics.
    package static func pullMultiply(_ g: WeightedDigraph, _ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        CSRView.incoming(g) { csr in csr.multiply(x, into: y) }
    }
}
