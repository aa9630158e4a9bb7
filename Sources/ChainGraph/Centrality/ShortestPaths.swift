/// Single-source shortest paths for the path-based measures: BFS for hop distance,
/// Dijkstra for `1 / value` lengths, with shortest-path counting for Brandes' algorithm.
///
/// A workspace is reused across sources and reset only where the last search reached, so a
/// sampled betweenness run costs O(reached part) per source, not O(n).
package struct PathWorkspace {
    package var dist: [Double]
    package var sigma: [Double]
    package var delta: [Double]
    private var settled: [Bool]
    /// Nodes in the order they were settled (non-decreasing distance).
    package var order: [Int32] = []
    private var heap: [(dist: Double, node: Int32)] = []

    package init(nodeCount n: Int) {
        dist = [Double](repeating: .infinity, count: n)
        sigma = [Double](repeating: 0, count: n)
        delta = [Double](repeating: 0, count: n)
        settled = [Bool](repeating: false, count: n)
        order.reserveCapacity(n)
    }

    /// Clears what the previous search touched.
    package mutating func reset() {
        for v in order { dist[Int(v)] = .infinity; sigma[Int(v)] = 0; delta[Int(v)] = 0; settled[Int(v)] = false }
        order.removeAll(keepingCapacity: true)
    }

    /// Searches from `source`. `forward` follows edges supplier → buyer (distances *from*
    /// the source); otherwise edges are followed backwards (distances *to* the source).
    /// With `.inverseValue` an edge u → v has length 1 / w(u, v); zero-value edges are not
    /// traversable. Counts shortest paths in `sigma` when `countPaths`.
    package mutating func search(_ g: WeightedDigraph, from source: Int, forward: Bool, length: PathLength, countPaths: Bool) {
        reset()
        let offsets = forward ? g.outOffsets : g.inOffsets
        let next = forward ? g.outTarget : g.inSource
        let weight = forward ? g.outWeight : g.inWeight
        dist[source] = 0
        sigma[source] = 1
        switch length {
        case .hops:
            // The hot loop of betweenness and closeness: plain pointers, no per-access
            // bounds or uniqueness checks; the queue is `order` itself.
            order.append(Int32(source))
            let n = dist.count
            var queue = [Int32](repeating: 0, count: 0)
            swap(&queue, &order)
            queue.reserveCapacity(n)
            offsets.withUnsafeBufferPointer { off in
            next.withUnsafeBufferPointer { nxt in
            dist.withUnsafeMutableBufferPointer { d in
            sigma.withUnsafeMutableBufferPointer { sg in
                var head = 0
                while head < queue.count {
                    let v = Int(queue[head])
                    head += 1
                    let dv = d[v] + 1
                    let sv = sg[v]
                    for e in off[v]..<off[v + 1] {
                        let w = Int(nxt[e])
                        let dw = d[w]
                        if dw == .infinity {
                            d[w] = dv
                            queue.append(Int32(w))
                            if countPaths { sg[w] = sv }
                        } else if countPaths && dw == dv {
                            sg[w] += sv
                        }
                    }
                }
            }}}}
            swap(&queue, &order)
        case .inverseValue:
            // Dijkstra with lazy deletion; ties in distance are exact floating-point ties,
            // as in NetworkX (dist[v] + 1/w compared with ==). Every node that gets a
            // tentative distance is eventually settled, so `order` covers what to reset.
            heap.removeAll(keepingCapacity: true)
            push((0, Int32(source)))
            while let (d, node) = pop() {
                let v = Int(node)
                if settled[v] || d > dist[v] { continue }
                settled[v] = true
                order.append(node)
                for e in offsets[v]..<offsets[v + 1] where weight[e] > 0 {
                    let w = Int(next[e])
                    if settled[w] { continue }
                    let candidate = d + 1 / weight[e]
                    if candidate < dist[w] {
                        dist[w] = candidate
                        if countPaths { sigma[w] = sigma[v] }
                        push((candidate, Int32(w)))
                    } else if countPaths && candidate == dist[w] {
                        sigma[w] += sigma[v]
                    }
                }
            }
        }
    }

    private mutating func push(_ item: (dist: Double, node: Int32)) {
        heap.append(item)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if less(heap[i], heap[parent]) { heap.swapAt(i, parent); i = parent } else { break }
        }
    }

    private mutating func pop() -> (dist: Double, node: Int32)? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var smallest = i
                if l < heap.count && less(heap[l], heap[smallest]) { smallest = l }
                if r < heap.count && less(heap[r], heap[smallest]) { smallest = r }
                if smallest == i { break }
                heap.swapAt(i, smallest)
                i = smallest
            }
        }
        return top
    }

    @inline(__always)
    private func less(_ a: (dist: Double, node: Int32), _ b: (dist: Double, node: Int32)) -> Bool {
        a.dist != b.dist ? a.dist < b.dist : a.node < b.node
    }
}
