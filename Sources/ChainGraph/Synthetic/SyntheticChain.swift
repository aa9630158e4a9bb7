import Dispatch
import Glibc

/// Deterministic synthetic supply chains at any scale (SPEC §6).
///
/// Structure: firms spread over the built-in chains (新能源汽车, 集成电路, 光伏) and their leaf
/// segments; every link goes from a firm of an input segment to a firm whose segment needs
/// it (tiers upstream → downstream follow `inputs`); revenue and attractiveness are
/// heavy-tailed (Pareto), so degree is heavy-tailed too; buyers prefer suppliers in their
/// own province with probability `localShare`; the first firms of each chain are its
/// leaders (assemblers with very large revenue and attractiveness).
///
/// Determinism: firm f draws from a generator seeded by (seed, f) and link block k from one
/// seeded by (seed, k), so the output is identical for any number of threads. Links are
/// produced in blocks of 2²⁰ and streamed, so memory grows with the firms, not the links.
///
/// ```swift
/// let graph = try SyntheticChain(firms: 100_000, linksPerFirm: 10, seed: 7).makeGraph()
/// ```
public struct SyntheticChain: Sendable {
    /// Number of firms, ids `F0`, `F1`, ….
    public var firms: Int
    /// Target links per firm: firms × linksPerFirm link draws, of which self-loops and draws
    /// without a supplier are skipped, and parallel draws merge when building a graph.
    public var linksPerFirm: Double
    /// Seed of every generator: the same seed gives the same dataset on any machine and
    /// thread count.
    public var seed: UInt64
    /// Probability that a buyer picks its supplier among firms of its own province.
    public var localShare: Double
    /// Leader firms per chain.
    public var leadersPerChain: Int

    /// A generator configuration; parameters are checked when generating.
    public init(firms: Int, linksPerFirm: Double = 10, seed: UInt64 = 1, localShare: Double = 0.4, leadersPerChain: Int = 3) {
        self.firms = firms
        self.linksPerFirm = linksPerFirm
        self.seed = seed
        self.localShare = localShare
        self.leadersPerChain = leadersPerChain
    }

    static let blockLinks = 1 << 20

    /// The generated firms, kept in columns.
    package struct Firms: Sendable {
        var segment: [Int32]       // primary leaf (index into `leaves`)
        var second: [Int32]        // second leaf or -1
        var province: [Int16]
        var city: [Int16]
        var park: [Int16]          // -1: region without park level
        var revenue: [Double]
        var weight: [Double]       // attractiveness as a supplier or buyer
    }

    /// Leaf segments: (chain, id, name, inputs as leaf indices, tier weight).
    package struct Leaf: Sendable { var chain: Int; var id: String; var inputs: [Int32]; var share: Double }

    package static func leaves() -> [Leaf] {
        var out: [Leaf] = []
        var index: [String: Int] = [:]
        for (c, chain) in BuiltInChains.all.enumerated() {
            let parents = Set(chain.segments.compactMap(\.parent))
            for s in chain.segments where !parents.contains(s.id) {
                index[s.id] = out.count
                let share = s.stage == .upstream ? 1.0 : (s.stage == .midstream ? 1.4 : 0.6)
                out.append(Leaf(chain: c, id: s.id, inputs: [], share: share))
            }
            for s in chain.segments where !parents.contains(s.id) {
                out[index[s.id]!].inputs = s.inputs.map { Int32(index[$0]!) }
            }
        }
        return out
    }

    static let chainWeights = [0.5, 0.3, 0.2]
    static let provinceWeights = [3.0, 3.0, 2.5, 2.0, 1.5, 1.5, 1.0, 1.0, 1.0, 0.8, 0.6, 0.3]

    @inline(__always)
    static func pick(_ weights: [Double], _ u: Double) -> Int {
        let total = weights.reduce(0, +)
        var x = u * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    static func uniform(_ rng: inout SplitMix64) -> Double { Double(rng.next() >> 11) * 0x1p-53 }

    package func makeFirms(_ leaves: [Leaf]) -> Firms {
        let n = firms
        var f = Firms(segment: .init(repeating: 0, count: n), second: .init(repeating: -1, count: n), province: .init(repeating: 0, count: n),
                      city: .init(repeating: 0, count: n), park: .init(repeating: -1, count: n), revenue: .init(repeating: 0, count: n),
                      weight: .init(repeating: 0, count: n))
        let leavesByChain = (0..<BuiltInChains.all.count).map { c in leaves.indices.filter { leaves[$0].chain == c } }
        let downstream = leavesByChain.map { ids in ids.filter { id in !leaves.contains { $0.inputs.contains(Int32(id)) } } }
        let leaderCount = leadersPerChain * BuiltInChains.all.count
        let seed = self.seed
        f.segment.withUnsafeMutableBufferPointer { segment in
        f.second.withUnsafeMutableBufferPointer { second in
        f.province.withUnsafeMutableBufferPointer { province in
        f.city.withUnsafeMutableBufferPointer { city in
        f.park.withUnsafeMutableBufferPointer { park in
        f.revenue.withUnsafeMutableBufferPointer { revenue in
        f.weight.withUnsafeMutableBufferPointer { weight in
            // Each firm draws from its own generator: any chunking gives the same firms.
            nonisolated(unsafe) let (segment, second, province, city, park, revenue, weight) = (segment, second, province, city, park, revenue, weight)
            ParallelKernels.forEachChunk(n) { range in
                for i in range {
                    var rng = SplitMix64(seed: seed ^ (UInt64(i) &* 0x9E37_79B9_7F4A_7C15) ^ 0xF1F1)
                    let isLeader = i < leaderCount
                    let chain = isLeader ? i % BuiltInChains.all.count : Self.pick(Self.chainWeights, Self.uniform(&rng))
                    let candidates = isLeader ? downstream[chain] : leavesByChain[chain]
                    let leaf = candidates[Self.pick(candidates.map { leaves[$0].share }, Self.uniform(&rng))]
                    segment[i] = Int32(leaf)
                    if !isLeader && Self.uniform(&rng) < 0.1 {
                        let other = leavesByChain[chain][Int(rng.next() % UInt64(leavesByChain[chain].count))]
                        if other != leaf { second[i] = Int32(other) }
                    }
                    let p = Self.pick(Self.provinceWeights, Self.uniform(&rng))
                    province[i] = Int16(p)
                    let cities = BuiltInChains.regions[p].cities
                    let c = Int(rng.next() % UInt64(cities.count))
                    city[i] = Int16(c)
                    if Self.uniform(&rng) < 0.7 { park[i] = Int16(Int(rng.next() % UInt64(cities[c].1.count))) }
                    // Pareto(1.2) revenue in 万元; attractiveness grows with size.
                    let u = max(1e-12, Self.uniform(&rng))
                    var rev = 500 * pow(u, -1 / 1.2)
                    if isLeader { rev = max(rev, 5_000_000 * (1 + Self.uniform(&rng))) }
                    revenue[i] = min(rev, 5e7).rounded()
                    weight[i] = revenue[i].squareRoot() * (isLeader ? 5 : 1)
                }
            }
        }}}}}}}
        return f
    }

    /// Checks the parameters of both outputs (CSV and in-memory graph).
    /// - Throws: ``ChainGraphError/invalidParameter(_:value:expected:)``.
    func validate() throws(ChainGraphError) {
        guard firms >= 2 else { throw .invalidParameter(.firms, value: String(firms), expected: "at least 2") }
        guard linksPerFirm > 0 && linksPerFirm <= 1000 else { throw .invalidParameter(.linksPerFirm, value: "\(linksPerFirm)", expected: "a number in (0, 1000]") }
        guard localShare >= 0 && localShare <= 1 else { throw .invalidParameter(.localShare, value: "\(localShare)", expected: "a share in [0, 1]") }
    }

    /// Writes firms.csv, links.csv and segments.csv into `folder` (created if missing), each
    /// atomically. Returns the number of link rows written. Revenues and values are in 万元.
    /// - Throws: ``ChainGraphError/invalidParameter(_:value:expected:)`` for fewer than 2
    ///   firms, links per firm outside (0, 1000], or a local share outside [0, 1];
    ///   ``ChainGraphError/outputFailed(path:reason:)`` when a file cannot be written.
    public func writeDataset(to folder: String, progress: ((String) -> Void)? = nil) throws(ChainGraphError) -> Int {
        try validate()
        if mkdir(folder, 0o755) != 0 && errno != EEXIST { throw .outputFailed(path: folder, reason: systemMessage(errno)) }
        let leaves = Self.leaves()
        try writeSegments(to: "\(folder)/segments.csv")
        let f = makeFirms(leaves)
        try writeFirms(f, leaves, to: "\(folder)/firms.csv")
        progress?("firms written")
        let links = try AtomicFileWriter(path: "\(folder)/links.csv")
        try links.write("supplier,buyer,value,segment\n")
        var total = 0
        try generateLinks(f, leaves, progress: progress) { (block: LinkBlock) throws(ChainGraphError) in
            var out: [UInt8] = []
            out.reserveCapacity(block.supplier.count * 28)
            for k in block.supplier.indices {
                out.append(UInt8(ascii: "F")); appendInt(&out, Int(block.supplier[k])); out.append(UInt8(ascii: ","))
                out.append(UInt8(ascii: "F")); appendInt(&out, Int(block.buyer[k])); out.append(UInt8(ascii: ","))
                appendCents(&out, block.cents[k]); out.append(UInt8(ascii: ","))
                out += Array(leaves[Int(block.segment[k])].id.utf8)
                out.append(UInt8(ascii: "\n"))
            }
            total += block.supplier.count
            try links.write(out)
        }
        try links.commit()
        return total
    }

    /// Builds the graph directly in memory (for `--snapshot`), without CSV: the same firms,
    /// segments, regions, revenues and links as ``writeDataset(to:progress:)``, but firms
    /// have no names or tags. Unlike `writeDataset`, it does not check the parameters.
    /// - Throws: ``ChainGraphError/invalidParameter(_:value:expected:)`` when no firm can
    ///   buy (too few firms).
    public func makeGraph(progress: ((String) -> Void)? = nil) throws(ChainGraphError) -> SupplyGraph {
        try validate()
        let leaves = Self.leaves()
        let f = makeFirms(leaves)
        var table = FirmTable()
        for i in 0..<firms {
            _ = table.idIndex.insert("F\(i)")
        }
        let regionPaths = regionTable()
        table.regions = regionPaths.paths
        table.names = StringTable()
        for i in 0..<firms {
            table.regionOf.append(Int32(regionPaths.index(f.province[i], f.city[i], f.park[i])))
            table.segmentList.append(f.segment[i] + Int32(0))
            if f.second[i] >= 0 { table.segmentList.append(f.second[i]) }
            table.segmentOffsets.append(table.segmentList.count)
            table.revenueColumn.append(f.revenue[i])
        }
        table.padToCount()
        // Segment indices in the tree: the tree lists groups too, so map leaf → tree index.
        let tree = try segmentTree()
        let leafToTree = leaves.map { Int32(tree.index(of: $0.id)!) }
        for k in table.segmentList.indices { table.segmentList[k] = leafToTree[Int(table.segmentList[k])] }
        var rows = LinkRows()
        rows.supplier.reserveCapacity(Int(Double(firms) * linksPerFirm))
        try generateLinks(f, leaves, progress: progress) { (block: LinkBlock) throws(ChainGraphError) in
            for k in block.supplier.indices {
                rows.append(supplier: block.supplier[k], buyer: block.buyer[k], segment: leafToTree[Int(block.segment[k])],
                            value: Double(block.cents[k]) / 100)
            }
        }
        return LinkAssembler.assemble(firms: table, segments: tree, rows: rows)
    }

    package func segmentTree() throws(ChainGraphError) -> SegmentTree {
        var defs: [SegmentDefinition] = []
        for (chain, segments) in BuiltInChains.all {
            for s in segments { defs.append(SegmentDefinition(id: s.id, name: s.name, chain: chain, parent: s.parent, stage: s.stage, inputs: s.inputs)) }
        }
        return try SegmentTree.validated(defs, sources: Array(repeating: nil, count: defs.count))
    }

    struct RegionTable {
        var paths: [RegionPath] = []
        var offsets: [[Int]] = []  // [province][city] → first index (city level), parks follow
        func index(_ p: Int16, _ c: Int16, _ park: Int16) -> Int { offsets[Int(p)][Int(c)] + Int(park) + 1 }
    }

    func regionTable() -> RegionTable {
        var t = RegionTable()
        for (province, cities) in BuiltInChains.regions {
            var row: [Int] = []
            for (city, parks) in cities {
                row.append(t.paths.count)
                t.paths.append(RegionPath(components: [province, city]))
                for park in parks { t.paths.append(RegionPath(components: [province, city, park])) }
            }
            t.offsets.append(row)
        }
        return t
    }

    func writeSegments(to path: String) throws(ChainGraphError) {
        var text = "id,name,chain,parent,stage,inputs\n"
        for (chain, segments) in BuiltInChains.all {
            for s in segments { text += "\(s.id),\(s.name),\(chain),\(s.parent ?? ""),\(s.stage.rawValue),\(s.inputs.joined(separator: ";"))\n" }
        }
        let w = try AtomicFileWriter(path: path)
        try w.write(text)
        try w.commit()
    }

    func writeFirms(_ f: Firms, _ leaves: [Leaf], to path: String) throws(ChainGraphError) {
        let w = try AtomicFileWriter(path: path)
        try w.write("id,name,region,segment,revenue,tags\n")
        let regions = regionTable()
        let regionBytes = regions.paths.map { Array($0.description.utf8) }
        let leafBytes = leaves.map { Array($0.id.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 21)
        for i in 0..<firms {
            out.append(UInt8(ascii: "F")); appendInt(&out, i); out.append(UInt8(ascii: ","))
            out += Array("企业".utf8); appendInt(&out, i); out.append(UInt8(ascii: ","))
            out += regionBytes[regions.index(f.province[i], f.city[i], f.park[i])]; out.append(UInt8(ascii: ","))
            out += leafBytes[Int(f.segment[i])]
            if f.second[i] >= 0 { out.append(UInt8(ascii: ";")); out += leafBytes[Int(f.second[i])] }
            out.append(UInt8(ascii: ","))
            appendInt(&out, Int(f.revenue[i])); out.append(UInt8(ascii: ","))
            if i < leadersPerChain * BuiltInChains.all.count { out += Array("链主;上市公司".utf8) } else if f.revenue[i] < 2000 && i % 7 == 0 { out += Array("专精特新".utf8) }
            out.append(UInt8(ascii: "\n"))
            if out.count > 1 << 21 { try w.write(out); out.removeAll(keepingCapacity: true) }
        }
        try w.write(out)
        try w.commit()
    }

    struct LinkBlock { var supplier: [Int32] = [], buyer: [Int32] = [], segment: [Int32] = [], cents: [Int64] = [] }

    /// Generates the links block by block (each block from its own seeded generator), two
    /// blocks per core at a time, handing them to `sink` in block order.
    func generateLinks(_ f: Firms, _ leaves: [Leaf], progress: ((String) -> Void)?,
                       sink: (LinkBlock) throws(ChainGraphError) -> Void) throws(ChainGraphError) {
        let n = firms
        // Suppliers of each leaf, grouped by province, with cumulative weights for sampling.
        var orderBuild = Array(0..<n)
        orderBuild.sort { (f.segment[$0], f.province[$0], $0) < (f.segment[$1], f.province[$1], $1) }
        let order = orderBuild
        var cumulativeBuild = [Double](repeating: 0, count: n)
        var acc = 0.0
        for (k, i) in order.enumerated() { acc += f.weight[i]; cumulativeBuild[k] = acc }
        let cumulative = cumulativeBuild
        var segmentStart = [Int](repeating: n, count: leaves.count + 1)
        var provinceStart = [[Int]](repeating: [Int](repeating: 0, count: BuiltInChains.regions.count + 1), count: leaves.count)
        segmentStart[leaves.count] = n
        var k = 0
        for s in 0..<leaves.count {
            segmentStart[s] = k
            for p in 0...BuiltInChains.regions.count {
                provinceStart[s][p] = k
                if p < BuiltInChains.regions.count { while k < n && f.segment[order[k]] == s && f.province[order[k]] == p { k += 1 } }
            }
        }
        let segmentStarts = segmentStart, provinceStarts = provinceStart
        // Buyers: firms whose primary segment has inputs, by attractiveness.
        let buyers = (0..<n).filter { !leaves[Int(f.segment[$0])].inputs.isEmpty }
        guard !buyers.isEmpty else { throw .invalidParameter(.firms, value: "\(firms)", expected: "enough firms to form supply links") }
        var buyerCumulativeBuild = [Double](repeating: 0, count: buyers.count)
        acc = 0
        for (j, b) in buyers.enumerated() { acc += f.weight[b]; buyerCumulativeBuild[j] = acc }
        let buyerCumulative = buyerCumulativeBuild
        let totalLinks = Int(Double(n) * linksPerFirm)
        let blocks = (totalLinks + Self.blockLinks - 1) / Self.blockLinks
        let threads = max(1, Parallelism.threads)
        let seed = self.seed, localShare = self.localShare, linksPerFirm = self.linksPerFirm
        var next = 0
        while next < blocks {
            let batch = min(blocks - next, 2 * threads)
            var produced = [LinkBlock](repeating: LinkBlock(), count: batch)
            let first = next
            produced.withUnsafeMutableBufferPointer { out in
                nonisolated(unsafe) let out = out  // one slot per block
                DispatchQueue.concurrentPerform(iterations: batch) { j in
                    let blockIndex = first + j
                    var rng = SplitMix64(seed: seed &* 0xD1B5_4A32_D192_ED03 ^ UInt64(blockIndex) &* 0x9E37_79B9_7F4A_7C15)
                    let count = min(Self.blockLinks, totalLinks - blockIndex * Self.blockLinks)
                    var block = LinkBlock()
                    block.supplier.reserveCapacity(count); block.buyer.reserveCapacity(count)
                    block.segment.reserveCapacity(count); block.cents.reserveCapacity(count)
                    for _ in 0..<count {
                        // Buyer by attractiveness.
                        let target = Self.uniform(&rng) * buyerCumulative[buyerCumulative.count - 1]
                        var a = 0, z = buyerCumulative.count - 1
                        while a < z { let m = (a + z) / 2; if buyerCumulative[m] <= target { a = m + 1 } else { z = m } }
                        let b = buyers[a]
                        let inputs = leaves[Int(f.segment[b])].inputs
                        let t = Int(inputs[Int(rng.next() % UInt64(inputs.count))])
                        let p = Int(f.province[b])
                        var lo = segmentStarts[t], hi = segmentStarts[t + 1]
                        if Self.uniform(&rng) < localShare && provinceStarts[t][p + 1] > provinceStarts[t][p] {
                            lo = provinceStarts[t][p]; hi = provinceStarts[t][p + 1]
                        }
                        let u = Self.uniform(&rng)
                        guard hi > lo else { continue }
                        let s = order[Self.sample(cumulative, lo, hi, u)]
                        if s == b { continue }
                        // Lognormal value around the buyer's spend per link.
                        let z1 = max(1e-12, Self.uniform(&rng)), z2 = Self.uniform(&rng)
                        let normal = (-2 * log(z1)).squareRoot() * cos(2 * Double.pi * z2)
                        let value = max(0.01, f.revenue[b] * 0.6 / linksPerFirm * exp(0.9 * normal - 0.405))
                        block.supplier.append(Int32(s)); block.buyer.append(Int32(b)); block.segment.append(Int32(t))
                        block.cents.append(Int64((value * 100).rounded()))
                    }
                    out[j] = block
                }
            }
            for block in produced { try sink(block) }
            next += batch
            progress?("links: \(min(next * Self.blockLinks, totalLinks)) of \(totalLinks)")
        }
    }
}

extension SyntheticChain {
    /// Index in [lo, hi) drawn in proportion to the weights whose running sums are `cumulative`.
    @inline(__always)
    static func sample(_ cumulative: [Double], _ lo: Int, _ hi: Int, _ u: Double) -> Int {
        let base = lo > 0 ? cumulative[lo - 1] : 0
        let target = base + u * (cumulative[hi - 1] - base)
        var a = lo, b = hi - 1
        while a < b { let m = (a + b) / 2; if cumulative[m] <= target { a = m + 1 } else { b = m } }
        return a
    }
}

@inline(__always)
func appendInt(_ out: inout [UInt8], _ value: Int) {
    if value == 0 { out.append(UInt8(ascii: "0")); return }
    var v = value
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
        (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var n = 0
    withUnsafeMutableBytes(of: &digits) { d in
        while v > 0 { d[n] = UInt8(v % 10) + 48; v /= 10; n += 1 }
        for k in stride(from: n - 1, through: 0, by: -1) { out.append(d[k]) }
    }
}

/// 12345 cents → "123.45"; 100 → "1".
@inline(__always)
func appendCents(_ out: inout [UInt8], _ cents: Int64) {
    appendInt(&out, Int(cents / 100))
    let rest = Int(cents % 100)
    if rest != 0 {
        out.append(UInt8(ascii: "."))
        out.append(UInt8(rest / 10) + 48)
        if rest % 10 != 0 { out.append(UInt8(rest % 10) + 48) }
    }
}
