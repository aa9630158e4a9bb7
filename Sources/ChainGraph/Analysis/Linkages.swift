/// Segment input–output linkages (SPEC §3.5): Leontief (backward) and Ghosh (forward)
/// linkages of the segment-level flow matrix, solved with LAPACK.
///
/// Z[i][j] = value of links with segment i into buyers whose primary segment is j;
/// x_j = revenue of firms with primary segment j; A = Z·diag(1/x), L = (I − A)⁻¹;
/// B = diag(1/x)·Z, G = (I − B)⁻¹. Backward linkage BL_j = n·Σ_i L_ij ÷ Σ L (how much
/// segment j pulls from the rest when its demand grows); forward linkage
/// FL_i = n·Σ_j G_ij ÷ Σ G (how much segment i pushes into the rest). A key segment has
/// both above 1. Inverses come from LAPACK `dgesv` on the identity, never a hand loop.
///
/// References: W. Leontief (1936), doi:10.2307/1927837; A. Ghosh (1958),
/// doi:10.2307/2550694; P. N. Rasmussen, *Studies in Inter-Sectoral Relations* (1956).
public enum SegmentLinkages {
    /// One segment of the input–output system (SPEC §4 `linkages` columns).
    public struct Row: ResultRow, Hashable {
        /// Segment id.
        public var segment: String
        /// x_j: Σ revenue of the firms whose primary segment it is (unknown revenue as 0),
        /// in the dataset's money unit.
        public var output: Double
        /// Backward (Leontief) linkage BL_j; above 1 = pulls more than the average segment.
        public var backward: Double
        /// Forward (Ghosh) linkage FL_j; above 1 = pushes more than the average segment.
        public var forward: Double
        /// Key segment (关键环节): both linkages above 1.
        public var key: Bool

        /// `segment,output,backward,forward,key`.
        public static let columns = [
            ResultColumn("segment", .text, zh: "环节", en: "Segment"), ResultColumn("output", .money, zh: "产出", en: "Output"),
            ResultColumn("backward", .number, zh: "后向关联", en: "Backward"), ResultColumn("forward", .number, zh: "前向关联", en: "Forward"),
            ResultColumn("key", .bool, zh: "关键环节", en: "Key"),
        ]
        /// The cells in column order.
        public var cells: [ResultCell] { [.text(segment), .money(output), .number(backward), .number(forward), .bool(key)] }
    }

    /// The linkage rows and the segments left out.
    public struct Result: Sendable, Hashable {
        /// Ordered by backward linkage descending, then segment id.
        public var rows: [Row]
        /// Segments left out of the system because their output x_j is 0.
        public var zeroOutput: [String]
    }

    /// The linkages of every segment that is some firm's primary segment or some link's
    /// segment and has a positive output x_j; the others are listed in
    /// ``Result/zeroOutput``. Works without a chain tree (segments are then labels).
    ///
    /// ```swift
    /// let io = try SegmentLinkages.compute(graph)
    /// let keySegments = io.rows.filter(\.key).map(\.segment)   // 关键环节
    /// ```
    /// - Complexity: O(n + m) to build Z, O(s³) for the LAPACK solves (s segments).
    /// - Throws: ``ChainGraphError/invalidData(_:)`` when no segment has a positive output,
    ///   or when A is not productive (spectral radius ≥ 1), naming the segment with the
    ///   largest column sum; ``ChainGraphError/noResult(_:)`` when LAPACK finds I − A or
    ///   I − B singular.
    public static func compute(_ graph: SupplyGraph) throws(ChainGraphError) -> Result {
        let tree = graph.segments, firms = graph.firms
        var used = [Bool](repeating: false, count: tree.count)
        var output = [Double](repeating: 0, count: tree.count)
        for f in 0..<graph.firmCount {
            if let p = firms.primarySegment(f) { used[p] = true; output[p] += firms.revenue(f) ?? 0 }
        }
        for t in graph.linkSegment where t >= 0 { used[Int(t)] = true }
        let zeroOutput = tree.segments.indices.filter { used[$0] && output[$0] == 0 }.map { tree.segments[$0].id }
        let system = tree.segments.indices.filter { used[$0] && output[$0] > 0 }
        guard !system.isEmpty else {
            throw .invalidData("no segment has both links or firms and a positive revenue: the input–output system is empty (give firms a revenue and a primary segment)")
        }
        var position = [Int](repeating: -1, count: tree.count)
        for (k, s) in system.enumerated() { position[s] = k }
        let n = system.count
        var z = DenseMatrix(rows: n, columns: n)
        for b in 0..<graph.firmCount {
            guard let j = firms.primarySegment(b).map({ position[$0] }), j >= 0 else { continue }
            for e in graph.inOffsets[b]..<graph.inOffsets[b + 1] {
                let t = graph.linkSegment[e]
                guard t >= 0 else { continue }
                let i = position[Int(t)]
                if i >= 0 { z[i, j] += graph.value[e] }
            }
        }
        let x = system.map { output[$0] }
        var a = z, bMatrix = z
        for j in 0..<n { for i in 0..<n { a[i, j] = z[i, j] / x[j]; bMatrix[i, j] = z[i, j] / x[i] } }
        let rho = try LinearAlgebra.spectralRadius(a)
        if rho >= 1 {
            let sums = (0..<n).map { j in (0..<n).reduce(0) { $0 + a[$1, j] } }
            let worst = sums.indices.max { sums[$0] < sums[$1] }!
            throw .invalidData("the input–output system is not productive (spectral radius of A = \(rho) ≥ 1): segment \(tree.segments[system[worst]].id) buys \(sums[worst]) times its own output from the other segments; check its revenue (x) and its purchases")
        }
        var iMinusA = DenseMatrix.identity(n), iMinusB = DenseMatrix.identity(n)
        for k in iMinusA.storage.indices { iMinusA.storage[k] -= a.storage[k]; iMinusB.storage[k] -= bMatrix.storage[k] }
        let l = try LinearAlgebra.inverse(iMinusA)
        let g = try LinearAlgebra.inverse(iMinusB)
        let lTotal = l.storage.reduce(0, +), gTotal = g.storage.reduce(0, +)
        var rows: [Row] = []
        for k in 0..<n {
            let column = (0..<n).reduce(0) { $0 + l[$1, k] }
            let row = (0..<n).reduce(0) { $0 + g[k, $1] }
            let bl = Double(n) * column / lTotal, fl = Double(n) * row / gTotal
            rows.append(Row(segment: tree.segments[system[k]].id, output: x[k], backward: bl, forward: fl, key: bl > 1 && fl > 1))
        }
        rows.sort { Ranking.before($0.backward, $1.backward) ?? $0.segment.precedesInBytes($1.segment) }
        return Result(rows: rows, zeroOutput: zeroOutput)
    }
}
