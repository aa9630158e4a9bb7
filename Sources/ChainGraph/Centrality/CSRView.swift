/// One direction of a compressed-sparse-row graph as raw buffer pointers, opened once for
/// a kernel (the model is swift-collections' `_UnsafeHandle`): row v's neighbours are
/// `columns[offsets[v]..<offsets[v + 1]]` with `weights` alongside.
///
/// Kernels take a view instead of nesting one `withUnsafeBufferPointer` closure per
/// array: flatter to read, and deep closure nests made the release compiler spin here.
/// The pointers are valid only inside ``with(offsets:columns:weights:_:)``.
package struct CSRView<Weight: BitwiseCopyable>: @unchecked Sendable {
    package let offsets: UnsafeBufferPointer<Int>
    package let columns: UnsafeBufferPointer<Int32>
    package let weights: UnsafeBufferPointer<Weight>

    /// Number of rows.
    package var rowCount: Int { offsets.count - 1 }

    /// Opens the three arrays for the duration of `body`.
    package static func with<R>(offsets: [Int], columns: [Int32], weights: [Weight], _ body: (CSRView) -> R) -> R {
        offsets.withUnsafeBufferPointer { o in
            columns.withUnsafeBufferPointer { c in
                weights.withUnsafeBufferPointer { w in body(CSRView(offsets: o, columns: c, weights: w)) }
            }
        }
    }

    /// The in-direction of `g` (rows = targets, columns = sources) with other weights of
    /// the same layout (e.g. fp32 weights pre-divided by out-strength).
    package static func incoming<R>(_ g: WeightedDigraph, weights: [Weight], _ body: (CSRView) -> R) -> R {
        with(offsets: g.inOffsets, columns: g.inSource, weights: weights, body)
    }
}

extension CSRView where Weight == Double {
    /// The in-direction of `g` with its value weights.
    package static func incoming<R>(_ g: WeightedDigraph, _ body: (CSRView) -> R) -> R {
        with(offsets: g.inOffsets, columns: g.inSource, weights: g.inWeight, body)
    }

    /// The out-direction of `g` (rows = sources, columns = targets) with its value weights.
    package static func outgoing<R>(_ g: WeightedDigraph, _ body: (CSRView) -> R) -> R {
        with(offsets: g.outOffsets, columns: g.outTarget, weights: g.outWeight, body)
    }

    /// Σ weight · x[column] over row `v`, accumulated in row order.
    @inline(__always)
    package func dot(row v: Int, _ x: UnsafeBufferPointer<Double>) -> Double {
        var acc = 0.0
        for k in offsets[v]..<offsets[v + 1] { acc += weights[k] * x[Int(columns[k])] }
        return acc
    }

    /// y[v] = Σ weight · x[column] for every row, in fixed chunks on all cores (each chunk
    /// writes only its own rows, so the result does not depend on the thread count).
    /// - Complexity: O(rows + nonzeros), memory-bound; one write per row, no atomics.
    package func multiply(_ x: UnsafeBufferPointer<Double>, into y: UnsafeMutableBufferPointer<Double>) {
        nonisolated(unsafe) let y = y  // each chunk writes its own rows
        ParallelKernels.forEachChunk(rowCount) { rows in
            for v in rows { y[v] = dot(row: v, x) }
        }
    }
}

/// A vector a kernel owns: allocated once, written through a raw pointer from parallel
/// chunks (disjoint rows), freed when the last reference goes.
package final class KernelVector<Element: BitwiseCopyable>: @unchecked Sendable {
    package let buffer: UnsafeMutableBufferPointer<Element>

    /// A vector of `count` copies of `value`.
    package init(repeating value: Element, count: Int) {
        buffer = .allocate(capacity: max(count, 0))
        buffer.initialize(repeating: value)
    }

    /// A copy of `array`.
    package init(_ array: [Element]) {
        buffer = .allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
    }

    deinit { buffer.deallocate() }

    /// Element `i`.
    @inline(__always)
    package subscript(i: Int) -> Element {
        get { buffer[i] }
        set { buffer[i] = newValue }
    }

    /// Number of elements.
    package var count: Int { buffer.count }

    /// The elements as an array.
    package var array: [Element] { Array(buffer) }
}

/// Opens two read-only and two mutable `Double` arrays at once for a kernel, so the kernel
/// body sits one closure deep instead of four.
@inline(__always)
package func withKernelBuffers<R>(_ a: [Double], _ b: [Double], _ c: inout [Double], _ d: inout [Double],
                                  _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>,
                                           UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> R) -> R {
    a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
            c.withUnsafeMutableBufferPointer { c in
                d.withUnsafeMutableBufferPointer { d in body(a, b, c, d) }
            }
        }
    }
}
