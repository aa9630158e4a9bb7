import Glibc
import Dispatch

/// Betweenness centrality (SPEC §3.4): `nx.betweenness_centrality(G, normalized=True)`.
///
/// The share of shortest supply routes between other firms that pass through a firm: a
/// high score marks a broker or transit point — a distributor, a module maker between
/// materials and assembly — whose loss would lengthen or cut many supply routes.
///
/// Brandes' algorithm from every firm (or from a seeded sample of K firms), normalised by
/// 1 / ((n − 1)(n − 2)) for directed graphs (no scaling when n ≤ 2). Distances are hops or
/// 1 / value (``PathLength``).
///
/// Sampling: K sources are drawn uniformly without replacement with a SplitMix64 generator
/// seeded by `seed`; scores are scaled by n / K (as NetworkX's `k=` option). Each source
/// contributes a value in [0, n / (n − 1)] per firm, so by Hoeffding's inequality (valid
/// for sampling without replacement) and a union bound over the n firms, every estimate is
/// within ε = n/(n−1) · sqrt(ln(2n/δ) / (2K)) of the exact score with probability ≥ 1 − δ;
/// ``Result/errorBound`` reports ε for δ = 0.05.
///
/// Sources are processed in a fixed number of blocks whose partial sums are added in block
/// order, so results are identical for any thread count.
///
/// Reference: U. Brandes, *A faster algorithm for betweenness centrality*, J. Math.
/// Sociology 25 (2001), doi:10.1080/0022250X.2001.9990249.
///
/// ```swift
/// let exact = try Betweenness.compute(graph)
/// let estimate = try Betweenness.compute(graph, samples: 500, seed: 1)   // ± estimate.errorBound!
/// ```
public enum Betweenness {
    /// Betweenness scores and, for a sampled run, their error bound.
    public struct Result: Sendable, Hashable {
        /// Normalised betweenness per firm, in firm index order.
        public var scores: [Double]
        /// Sources used: all firms, or the sample size.
        public var sources: Int
        /// For a sampled run: ε such that every score is within ±ε of the exact value with
        /// probability ≥ 95 %. Nil for an exact run.
        public var errorBound: Double?
    }

    /// Betweenness of every firm, exact or from a sample of sources.
    /// - Parameters:
    ///   - graph: the supply graph.
    ///   - length: hop count, or 1/value (zero-value links not traversable).
    ///   - reversed: run on the reversed graph (exact scores equal the unreversed ones;
    ///     sampled estimates differ, since sampled sources become targets).
    ///   - samples: number of sampled sources K ≥ 1; nil, or K ≥ n, gives the exact result.
    ///   - seed: seed of the source sample.
    /// - Throws: ``ChainGraphError/invalidParameter(_:value:expected:)`` for K < 1.
    /// - Complexity: O(K · m) for hops (O(K · m log n) for 1/value), K = sources.
    public static func compute(_ graph: SupplyGraph, length: PathLength = .hops, reversed: Bool = false,
                               samples: Int? = nil, seed: UInt64 = 0) throws(ChainGraphError) -> Result {
        let g = WeightedDigraph(graph, reversed: reversed)
        let n = g.nodeCount
        var sources = Array(0..<n)
        if let k = samples {
            guard k >= 1 else { throw .invalidParameter(.samples, value: String(k), expected: "at least 1 source") }
            if k < n {
                var rng = SplitMix64(seed: seed)
                for i in 0..<k { sources.swapAt(i, i + Int(rng.next() % UInt64(n - i))) }
                sources = Array(sources[0..<k]).sorted()
            }
        }
        let k = sources.count
        let chosen = sources
        let blocks = max(1, min(8, k))
        var partial = [[Double]](repeating: [], count: blocks)
        partial.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out  // one slot per block
            DispatchQueue.concurrentPerform(iterations: blocks) { b in
                var acc = [Double](repeating: 0, count: n)
                var ws = PathWorkspace(nodeCount: n)
                for i in (k * b / blocks)..<(k * (b + 1) / blocks) {
                    accumulate(g, source: chosen[i], length: length, workspace: &ws, into: &acc)
                }
                out[b] = acc
            }
        }
        var scores = [Double](repeating: 0, count: n)
        for block in partial { for v in 0..<n { scores[v] += block[v] } }
        if n > 2 {
            var scale = 1 / (Double(n - 1) * Double(n - 2))
            if k < n { scale *= Double(n) / Double(k) }
            for v in 0..<n { scores[v] *= scale }
        }
        var bound: Double?
        if k < n, n > 2 {
            bound = Double(n) / Double(n - 1) * (log(2 * Double(n) / 0.05) / (2 * Double(k))).squareRoot()
        }
        return Result(scores: scores, sources: k, errorBound: bound)
    }

    /// Adds source `s`'s dependencies δ_s(v) to `acc` (Brandes' accumulation).
    static func accumulate(_ g: WeightedDigraph, source s: Int, length: PathLength, workspace ws: inout PathWorkspace,
                           into acc: inout [Double]) {
        ws.search(g, from: s, forward: true, length: length, countPaths: true)
        let order = ws.order
        CSRView.incoming(g) { csr in
            withKernelBuffers(ws.dist, ws.sigma, &ws.delta, &acc) { d, sg, delta, a in
                for i in stride(from: order.count - 1, through: 0, by: -1) {
                    let w = Int(order[i])
                    let coefficient = (1 + delta[w]) / sg[w]
                    let dw = d[w]
                    for e in csr.offsets[w]..<csr.offsets[w + 1] {
                        let v = Int(csr.columns[e])
                        let dv = d[v]
                        guard dv < .infinity else { continue }
                        let onPath: Bool
                        switch length {
                        case .hops: onPath = dv + 1 == dw
                        case .inverseValue: onPath = csr.weights[e] > 0 && dv + 1 / csr.weights[e] == dw
                        }
                        if onPath { delta[v] += sg[v] * coefficient }
                    }
                    if w != s { a[w] += delta[w] }
                }
            }
        }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, seedable, platform-independent generator,
/// so sampled results are the same on every machine.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    package init(seed: UInt64) { state = seed }
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
