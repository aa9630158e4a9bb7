/// Weakly connected components by union–find with path halving.
package struct WeakComponents {
    package let count: Int
    package let largest: Int

    package init(_ g: SupplyGraph) {
        let n = g.firmCount
        var parent = (0..<n).map(Int32.init)
        var size = [Int](repeating: 0, count: n)
        var components = 0
        parent.withUnsafeMutableBufferPointer { parent in
            @inline(__always) func find(_ x: Int32) -> Int32 {
                var x = x
                while parent[Int(x)] != x {
                    parent[Int(x)] = parent[Int(parent[Int(x)])]
                    x = parent[Int(x)]
                }
                return x
            }
            g.inOffsets.withUnsafeBufferPointer { offsets in
                g.inSupplier.withUnsafeBufferPointer { supplier in
                    for b in 0..<n {
                        for e in offsets[b]..<offsets[b + 1] {
                            let ra = find(supplier[e]), rb = find(Int32(b))
                            if ra != rb { if ra < rb { parent[Int(rb)] = ra } else { parent[Int(ra)] = rb } }
                        }
                    }
                }
            }
            for f in 0..<n {
                let r = Int(find(Int32(f)))
                if size[r] == 0 { components += 1 }
                size[r] += 1
            }
        }
        count = components
        largest = size.max() ?? 0
    }
}

/// Strongly connected components (iterative Tarjan over the out-direction).
///
/// Components are numbered in the order Tarjan completes them, which is a reverse
/// topological order of the condensation: every link between two components goes from a
/// higher number to a lower one.
package struct StrongComponents {
    /// Component number of each firm.
    package let component: [Int32]
    package let count: Int
    package let nontrivialCount: Int
    package let firmsInNontrivial: Int

    /// - Complexity: O(n + m) time; five n-sized arrays, walked over raw buffers (a 10⁷-link
    ///   graph is one pass of random reads, so bounds checks and array uniqueness tests in
    ///   the loop would double its cost).
    package init(_ g: SupplyGraph) {
        let n = g.firmCount
        // index[v] = -1: unvisited; low[v] = Int32.max once v is assigned to a component
        // (so it no longer lowers anyone: the onStack test folded into low).
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack = [Int32](repeating: 0, count: n)
        var callNode = [Int32](repeating: 0, count: n)
        var callEdge = [Int](repeating: 0, count: n)
        var components: Int32 = 0
        var nontrivial = 0, inNontrivial = 0
        g.outOffsets.withUnsafeBufferPointer { offsets in
            g.outBuyer.withUnsafeBufferPointer { buyer in
                index.withUnsafeMutableBufferPointer { index in
                    low.withUnsafeMutableBufferPointer { low in
                        component.withUnsafeMutableBufferPointer { component in
                            stack.withUnsafeMutableBufferPointer { stack in
                                callNode.withUnsafeMutableBufferPointer { callNode in
                                    callEdge.withUnsafeMutableBufferPointer { callEdge in
                                        var counter: Int32 = 0
                                        var stackTop = 0, depth = 0
                                        for root in 0..<n where index[root] < 0 {
                                            index[root] = counter; low[root] = counter; counter += 1
                                            stack[stackTop] = Int32(root); stackTop += 1
                                            callNode[0] = Int32(root); callEdge[0] = offsets[root]; depth = 1
                                            while depth > 0 {
                                                let v = Int(callNode[depth - 1])
                                                let edge = callEdge[depth - 1]
                                                if edge < offsets[v + 1] {
                                                    callEdge[depth - 1] = edge + 1
                                                    let w = Int(buyer[edge])
                                                    if index[w] < 0 {
                                                        index[w] = counter; low[w] = counter; counter += 1
                                                        stack[stackTop] = Int32(w); stackTop += 1
                                                        callNode[depth] = Int32(w); callEdge[depth] = offsets[w]; depth += 1
                                                    } else if component[w] < 0 {
                                                        low[v] = min(low[v], index[w])
                                                    }
                                                    continue
                                                }
                                                depth -= 1
                                                if depth > 0 {
                                                    let parent = Int(callNode[depth - 1])
                                                    low[parent] = min(low[parent], low[v])
                                                }
                                                if low[v] == index[v] {
                                                    var size = 0
                                                    while true {
                                                        stackTop -= 1
                                                        let w = Int(stack[stackTop])
                                                        component[w] = components
                                                        size += 1
                                                        if w == v { break }
                                                    }
                                                    if size > 1 { nontrivial += 1; inNontrivial += size }
                                                    components += 1
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.component = component
        count = Int(components)
        nontrivialCount = nontrivial
        firmsInNontrivial = inNontrivial
    }

    /// Longest path, in links, through the condensation DAG.
    /// - Complexity: O(n + m); members of each component grouped by a counting sort.
    package func condensationDepth(_ g: SupplyGraph) -> Int {
        let n = g.firmCount
        // Group firms by component (CSR); components complete sinks-first, so process 0, 1, …
        var start = [Int](repeating: 0, count: count + 1)
        for f in 0..<n { start[Int(component[f]) + 1] += 1 }
        for c in 0..<count { start[c + 1] += start[c] }
        var members = [Int32](repeating: 0, count: n)
        var next = start
        for f in 0..<n {
            let c = Int(component[f])
            members[next[c]] = Int32(f)
            next[c] += 1
        }
        var depth = [Int32](repeating: 0, count: count)
        var best: Int32 = 0
        g.outOffsets.withUnsafeBufferPointer { offsets in
            g.outBuyer.withUnsafeBufferPointer { buyer in
                component.withUnsafeBufferPointer { component in
                    for c in 0..<count {
                        var d: Int32 = 0
                        for k in start[c]..<start[c + 1] {
                            let f = Int(members[k])
                            for p in offsets[f]..<offsets[f + 1] {
                                let other = Int(component[Int(buyer[p])])
                                if other != c { d = max(d, depth[other] + 1) }
                            }
                        }
                        depth[c] = d
                        best = max(best, d)
                    }
                }
            }
        }
        return Int(best)
    }
}
