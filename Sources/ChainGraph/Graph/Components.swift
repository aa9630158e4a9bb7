/// Weakly connected components by union–find with path halving.
package struct WeakComponents {
    package let count: Int
    package let largest: Int

    package init(_ g: SupplyGraph) {
        let n = g.firmCount
        var parent = Array(0..<n).map(Int32.init)
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        for b in 0..<n {
            for e in g.inOffsets[b]..<g.inOffsets[b + 1] {
                let ra = find(g.inSupplier[e]), rb = find(Int32(b))
                if ra != rb { if ra < rb { parent[Int(rb)] = ra } else { parent[Int(ra)] = rb } }
            }
        }
        var size = [Int](repeating: 0, count: n)
        var components = 0
        for f in 0..<n {
            let r = Int(find(Int32(f)))
            if size[r] == 0 { components += 1 }
            size[r] += 1
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

    package init(_ g: SupplyGraph) {
        let n = g.firmCount
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int32](repeating: -1, count: n)
        var stack: [Int32] = []
        var call: [(node: Int32, edge: Int)] = []
        var counter: Int32 = 0
        var components: Int32 = 0
        var nontrivial = 0, inNontrivial = 0
        for root in 0..<n where index[root] < 0 {
            call.append((Int32(root), g.outOffsets[root]))
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(Int32(root)); onStack[root] = true
            while let top = call.last {
                let v = Int(top.node)
                if top.edge < g.outOffsets[v + 1] {
                    call[call.count - 1].edge += 1
                    let w = Int(g.outBuyer[top.edge])
                    if index[w] < 0 {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(Int32(w)); onStack[w] = true
                        call.append((Int32(w), g.outOffsets[w]))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    call.removeLast()
                    if let parent = call.last { low[Int(parent.node)] = min(low[Int(parent.node)], low[v]) }
                    if low[v] == index[v] {
                        var size = 0
                        while true {
                            let w = Int(stack.removeLast())
                            onStack[w] = false
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
        self.component = component
        count = Int(components)
        nontrivialCount = nontrivial
        firmsInNontrivial = inNontrivial
    }

    /// Longest path, in links, through the condensation DAG.
    package func condensationDepth(_ g: SupplyGraph) -> Int {
        // Group firms by component; components complete sinks-first, so process 0, 1, …
        var members = [[Int32]](repeating: [], count: count)
        for f in 0..<g.firmCount { members[Int(component[f])].append(Int32(f)) }
        var depth = [Int](repeating: 0, count: count)
        var best = 0
        for c in 0..<count {
            var d = 0
            for f in members[c] {
                let f = Int(f)
                for p in g.outOffsets[f]..<g.outOffsets[f + 1] {
                    let other = Int(component[Int(g.outBuyer[p])])
                    if other != c { d = max(d, depth[other] + 1) }
                }
            }
            depth[c] = d
            best = max(best, d)
        }
        return best
    }
}
