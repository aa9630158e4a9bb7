import Testing
@testable import ChainGraph

@Suite("Builder and CSR storage")
struct SupplyGraphBuilderTests {
    /// Hand-worked: a → b twice (3 + 4 = 7, segment x), a → b once with segment y (kept
    /// apart), c → c dropped, b → c 2, d isolated.
    @Test("merging parallel links, keeping segment-distinct links, dropping self-loops")
    func merging() throws {
        var builder = SupplyGraphBuilder()
        builder.addSegment(SegmentDefinition(id: "x", chain: "K"))
        builder.addSegment(SegmentDefinition(id: "y", chain: "K"))
        for id in ["a", "b", "c", "d"] { try builder.addFirm(id: id, segments: id == "a" ? ["x"] : []) }
        try builder.addLink(supplier: "a", buyer: "b", value: 3)          // default segment: a's primary, x
        try builder.addLink(supplier: "a", buyer: "b", value: 4, segment: "x")
        try builder.addLink(supplier: "a", buyer: "b", value: 1, segment: "y")
        try builder.addLink(supplier: "c", buyer: "c", value: 9)
        try builder.addLink(supplier: "b", buyer: "c", value: 2)
        let g = try builder.build()
        #expect(g.buildStats == BuildStats(linkRows: 5, mergedLinks: 1, droppedSelfLoops: 1))
        #expect(g.linkCount == 3)
        #expect(g.purchases(of: 1).map(\.value) == [7, 1])
        #expect(g.purchases(of: 1).map(\.segment) == [0, 1])
        #expect(g.sales(of: 0).map(\.buyer) == [1, 1])
        #expect(g.sales(of: 1) == [SupplyGraph.Link(supplier: 1, buyer: 2, value: 2, segment: nil)])
        #expect(g.inLinkCount(3) == 0 && g.outLinkCount(3) == 0)
        #expect(g.link(2) == SupplyGraph.Link(supplier: 1, buyer: 2, value: 2, segment: nil))
        // 24 bytes per link plus two (n + 1)-entry offset arrays.
        #expect(g.linkStorageBytes == 3 * 24 + 2 * 5 * 8)
    }

    @Test("errors: duplicate firm, negative value, unknown firm or segment, parent cycle")
    func errors() throws {
        var builder = SupplyGraphBuilder()
        try builder.addFirm(id: "a")
        #expect(throws: ChainGraphError.invalidData("duplicate firm id \"a\"")) { try builder.addFirm(id: "a") }
        #expect(throws: ChainGraphError.self) { try builder.addLink(supplier: "a", buyer: "b", value: -1) }
        #expect(throws: ChainGraphError.self) { try builder.addLink(supplier: "a", buyer: "b", value: .nan) }
        try builder.addLink(supplier: "a", buyer: "zz")
        #expect(throws: ChainGraphError.self) { try builder.build() }

        var cyclic = SupplyGraphBuilder()
        cyclic.addSegment(SegmentDefinition(id: "p", chain: "K", parent: "q"))
        cyclic.addSegment(SegmentDefinition(id: "q", chain: "K", parent: "p"))
        #expect(throws: ChainGraphError.self) { try cyclic.build() }
    }

    @Test("without declared firms, links name them")
    func implicitFirms() throws {
        var builder = SupplyGraphBuilder()
        try builder.addLink(supplier: "s", buyer: "t", value: 2, segment: "lbl")
        let g = try builder.build()
        #expect(Array(g.firms.ids) == ["s", "t"])
        #expect(g.segments.segments.map(\.id) == ["lbl"])
        #expect(g.firms.revenue(0) == nil && g.firms.region(0) == nil)
    }

    /// The in- and out-directions hold the same links, each sorted, on random graphs.
    @Test("CSR directions agree on random graphs", arguments: [1, 2, 3])
    func csrConsistency(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var builder = SupplyGraphBuilder()
        let n = 50
        var expected: [String: Double] = [:]  // "s>b>seg" → merged value, the independent model
        for _ in 0..<400 {
            let s = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
            let v = Double(Int.random(in: 0...100, using: &rng)) / 4
            let seg = ["u", "v", "w"].randomElement(using: &rng)!
            try builder.addLink(supplier: "f\(s)", buyer: "f\(b)", value: v, segment: seg)
            if s != b { expected["f\(s)>f\(b)>\(seg)", default: 0] += v }
        }
        let g = try builder.build()
        var seen: [String: Double] = [:]
        for b in 0..<g.firmCount {
            let purchases = g.purchases(of: b)
            #expect(purchases.map { [$0.supplier, $0.segment!] } == purchases.map { [$0.supplier, $0.segment!] }.sorted { $0.lexicographicallyPrecedes($1) })
            for l in purchases { seen["\(g.firms.id(l.supplier))>\(g.firms.id(b))>\(g.segments.segments[l.segment!].id)"] = l.value }
        }
        #expect(seen == expected)
        var fromOut: [SupplyGraph.Link] = []
        for s in 0..<g.firmCount {
            let sales = g.sales(of: s)
            #expect(sales.allSatisfy { $0.supplier == s })
            #expect(sales.map(\.buyer) == sales.map(\.buyer).sorted())
            fromOut += sales
        }
        let fromIn = (0..<g.firmCount).flatMap { g.purchases(of: $0) }
        #expect(Set(fromOut) == Set(fromIn) && fromOut.count == fromIn.count)
    }
}
