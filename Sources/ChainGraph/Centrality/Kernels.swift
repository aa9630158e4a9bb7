/// The inner kernels of the centrality measures on their own, for the kernel benchmark
/// suite (Benchmarks/Kernels): a regression in one of them shows as a number there before
/// it hides inside a whole measure. Each runs the production code path.
@_spi(Benchmarks) public enum Kernels {
    /// The pull view PageRank, Katz and eigenvector centrality iterate over: in-links
    /// merged per (supplier, buyer), weighted by value.
    public struct PullGraph: Sendable {
        let digraph: WeightedDigraph

        /// Builds the view (the `setup` part of a PageRank run).
        public init(_ graph: SupplyGraph) { digraph = WeightedDigraph(graph, pullOnly: true) }

        /// Number of firms.
        public var nodeCount: Int { digraph.nodeCount }
    }

    /// One sparse matrix–vector product y = Aᵀx over the in-links (one PageRank sweep's
    /// memory traffic), on all cores.
    /// - Precondition: `x` and `y` have ``PullGraph/nodeCount`` elements.
    public static func pullMultiply(_ g: PullGraph, _ x: [Double], into y: inout [Double]) {
        precondition(x.count == g.nodeCount && y.count == g.nodeCount, "vectors must have one entry per firm")
        x.withUnsafeBufferPointer { xb in y.withUnsafeMutableBufferPointer { ParallelKernels.pullMultiply(g.digraph, xb, into: $0) } }
    }

    /// A reusable breadth-first search over supplier → buyer links, with shortest-path
    /// counting (the first half of one betweenness source).
    public struct BreadthFirst {
        let digraph: WeightedDigraph
        var workspace: PathWorkspace

        /// Prepares searches over `graph`.
        public init(_ graph: SupplyGraph) {
            digraph = WeightedDigraph(graph)
            workspace = PathWorkspace(nodeCount: graph.firmCount)
        }

        /// Searches from firm `source`; returns how many firms it reached.
        public mutating func search(from source: Int) -> Int {
            workspace.search(digraph, from: source, forward: true, length: .hops, countPaths: true)
            return workspace.order.count
        }
    }
}
