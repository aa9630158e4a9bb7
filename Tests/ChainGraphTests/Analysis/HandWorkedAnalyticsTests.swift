import Testing
@testable import ChainGraph

/// A hand-worked chain: every expected number below is derived in the comments.
///
/// Chain EV: group G ⊃ {ore, cath}; leaves ore, cath, cell, sep, car.
/// inputs: cath ← ore; cell ← cath, sep; car ← cell.
///
///     firm  region        segment  revenue
///     M1    四川/宜宾      ore      100
///     C1    湖北/襄阳      cath     200
///     C2    湖北/武汉      cath      50
///     B1    湖北/武汉      cell    1000
///     S1    江苏/常州      sep      300
///     V1    湖北/武汉      car     5000
///     V2    广东/深圳      car     4000
///     B2    江苏/无锡      cell     600
///     V3    湖北/十堰      car      800
///
///     links (segment defaults to the supplier's): M1→C1 10, M1→C2 5, C1→B1 60, C2→B1 20,
///     S1→B1 30, B1→V1 200, B1→V2 100, C1→V2 7 (cath), B2→V3 300.
///
/// Local region 湖北: F_L = {C1, C2, B1, V1, V3}.
private let segments = """
    id,name,chain,parent,stage,inputs
    G,材料,EV,,upstream,
    ore,锂矿,EV,G,upstream,
    cath,正极,EV,G,midstream,ore
    cell,电池,EV,,midstream,cath;sep
    sep,隔膜,EV,,midstream,
    car,整车,EV,,downstream,cell

    """
private let firms = """
    id,region,segment,revenue
    M1,四川/宜宾,ore,100
    C1,湖北/襄阳,cath,200
    C2,湖北/武汉,cath,50
    B1,湖北/武汉,cell,1000
    S1,江苏/常州,sep,300
    V1,湖北/武汉,car,5000
    V2,广东/深圳,car,4000
    B2,江苏/无锡,cell,600
    V3,湖北/十堰,car,800

    """
private let links = """
    supplier,buyer,value,segment
    M1,C1,10,
    M1,C2,5,
    C1,B1,60,
    C2,B1,20,
    S1,B1,30,
    B1,V1,200,
    B1,V2,100,
    C1,V2,7,cath
    B2,V3,300,

    """

@Suite("Chain analytics on a hand-worked chain")
struct HandWorkedAnalyticsTests {
    let dir: TemporaryDirectory
    let graph: SupplyGraph
    let hubei = RegionPath("湖北")!

    init() throws {
        dir = TemporaryDirectory()
        dir.write("segments.csv", segments)
        dir.write("firms.csv", firms)
        dir.write("links.csv", links)
        graph = try load(dir.path)
    }

    /// C1 buys 10 from M1 (non-local): rate 0. C2: 5, rate 0. B1: 60 + 20 local of 110 →
    /// 80/110 = 0.72727…, pairs 2 of 3. V1: 200 of 200 local → 1. V3: 300 from B2 → 0.
    /// Order: V1 (1), B1, then the zeros by id: C1, C2, V3.
    @Test("local rate by firm and region")
    func localRate() throws {
        let rows = try LocalSupportingRate.compute(RegionContext(graph, locality: .fixed(hubei)), by: .firm)
        #expect(rows.map(\.key) == ["V1", "B1", "C1", "C2", "V3"])
        let b1 = rows[1]
        #expect(b1.inputValue == 110 && b1.localValue == 80 && b1.pairs == 3 && b1.localPairs == 2)
        #expect(b1.valueRate == 80.0 / 110 && b1.countRate == 2.0 / 3)
        // Region 湖北: inputs 10 + 5 + 110 + 200 + 300 = 625, local 280; pairs 7, local 3.
        let region = try LocalSupportingRate.compute(RegionContext(graph, locality: .fixed(hubei)), by: .region)
        #expect(region == [LocalSupportingRate.Row(key: "湖北", buyers: 5, inputValue: 625, localValue: 280, valueRate: 280.0 / 625,
                                                   pairs: 7, localPairs: 3, countRate: 3.0 / 7)])
        // --level 1: every firm is considered; 四川 and 广东, 江苏 buyers: M1 (no inputs, undefined
        // rates), V2 (107 from B1 and C1 in 湖北 → 0), S1/B2 (no inputs).
        let level = try LocalSupportingRate.compute(RegionContext(graph, locality: .relative(level: 1)), by: .region)
        #expect(level.map(\.key) == ["湖北", "广东", "四川", "江苏"])
        #expect(level[1].valueRate == 0 && level[2].valueRate == nil && level[3].countRate == nil)
    }

    /// present = {G, cath, cell, car} (local firms' segments and ancestors; local sales of
    /// cath and cell). Missing leaves: ore and sep.
    /// - sep: dependents {B1} = 1, imported = supply(B1, sep) = 30, candidate S1 (sells 30 to F_L).
    /// - ore: dependents {C1, C2} = 2, imported = 10 + 5 = 15, candidate M1.
    /// missing_link: V3 needs cell (present) and buys 300 of it, none locally → candidate B1.
    /// weak: cell has D = 200 (V1) + 300 (V3) = 500, local 200 → 0.4 < 0.5; cath: 80 of 80 → 1.
    /// Its 招商 candidates follow the missing-segment rule: outside firms with a known region
    /// having cell — B2 (sells 300 into the region).
    /// single sources: (V3, cell, B2, 300), (V1, cell, B1, 200, local), (B1, sep, S1, 30),
    /// (C1, ore, M1, 10), (C2, ore, M1, 5).
    /// strong: cath has local output O = 60 + 20 + 7 = 87 but sells only 7 outside (< 80
    /// inside); cell sells 100 outside, 200 inside: no 长板 at all.
    @Test("gaps: every row type with its fields and order")
    func gaps() throws {
        let context = try RegionContext(graph, locality: .fixed(hubei))
        let rows = try ChainGaps.compute(context)
        typealias R = ChainGaps.Row
        #expect(rows == [
            R(kind: .missingSegment, chain: "EV", segment: "sep", importedValue: 30, dependents: 1, candidates: ["S1"]),
            R(kind: .missingSegment, chain: "EV", segment: "ore", importedValue: 15, dependents: 2, candidates: ["M1"]),
            R(kind: .missingLink, chain: "EV", segment: "cell", buyer: "V3", importedValue: 300, candidates: ["B1"]),
            R(kind: .weakSegment, chain: "EV", segment: "cell", value: 500, importedValue: 300, localShare: 0.4, candidates: ["B2"]),
            R(kind: .singleSource, chain: "EV", segment: "cell", buyer: "V3", supplier: "B2", value: 300, supplierLocal: false),
            R(kind: .singleSource, chain: "EV", segment: "cell", buyer: "V1", supplier: "B1", value: 200, supplierLocal: true),
            R(kind: .singleSource, chain: "EV", segment: "sep", buyer: "B1", supplier: "S1", value: 30, supplierLocal: false),
            R(kind: .singleSource, chain: "EV", segment: "ore", buyer: "C1", supplier: "M1", value: 10, supplierLocal: false),
            R(kind: .singleSource, chain: "EV", segment: "ore", buyer: "C2", supplier: "M1", value: 5, supplierLocal: false),
        ])
        // At 0.3 the 0.4 share is no longer weak.
        #expect(try ChainGaps.compute(context, thresholds: .init(weakBelow: 0.3)).allSatisfy { $0.kind != .weakSegment })
        // Coverage: 3 of 5 leaves (cath, cell, car).
        #expect(try SegmentCoverage.compute(context).first?.coverage == 0.6)
    }

    /// The same chain with C1 selling 100 of cath to V2 (广东) instead of 7: cath's local
    /// output O = 60 + 20 + 100 = 180, 100 sold outside ≥ 80 inside, and local demand
    /// D = 80 is covered 80/80 = 1 ≥ 0.8 → one 长板 row: value 180, imported 0, share 1.
    /// At --strong-above 1 it stays (1 ≥ 1); cell (100 outside < 200 inside) never qualifies.
    /// With --weak-below 0.45 --strong-above 0.3, cell is weak (0.4) and not strong.
    @Test("strong segments (长板): sold mostly outside and covering local demand")
    func strongSegments() throws {
        let io = TemporaryDirectory()
        io.write("segments.csv", segments)
        io.write("firms.csv", firms)
        io.write("links.csv", links.replacing("C1,V2,7,cath", with: "C1,V2,100,cath"))
        let context = try RegionContext(try load(io.path), locality: .fixed(hubei))
        let strong = try ChainGaps.compute(context).filter { $0.kind == .strongSegment }
        #expect(strong == [ChainGaps.Row(kind: .strongSegment, chain: "EV", segment: "cath", value: 180, importedValue: 0, localShare: 1)])
        #expect(try ChainGaps.compute(context, thresholds: .init(strongAbove: 1)).filter { $0.kind == .strongSegment }.count == 1)
        let both = try ChainGaps.compute(context, thresholds: .init(weakBelow: 0.45, strongAbove: 0.3))
        #expect(both.filter { $0.kind == .weakSegment }.map(\.segment) == ["cell"])
        #expect(both.filter { $0.kind == .strongSegment }.map(\.segment) == ["cath"])
        // The cells of a strong row: only its columns apply.
        let cells = strong[0].cells
        #expect(cells[ChainGaps.Row.columns.firstIndex { $0.name == "candidates" }!] == .empty)
        #expect(cells[ChainGaps.Row.columns.firstIndex { $0.name == "value" }!] == .money(180))
    }

    /// Max revenue 5000, max in-value 300 (V3), max reach 5 (V2: B1, C1, C2, S1, M1).
    /// V1: (1 + 200/300 + 4/5)/3 = 0.82222; V2: (0.8 + 107/300 + 1)/3 = 0.71889;
    /// B1: (0.2 + 110/300 + 0.8)/3 = 0.45556; V3: (0.16 + 1 + 0.2)/3 = 0.45333;
    /// C1: (0.04 + 10/300 + 0.2)/3 = 0.09111; C2: (0.01 + 5/300 + 0.2)/3 = 0.07556;
    /// B2: 0.12/3 = 0.04; S1: 0.06/3 = 0.02; M1: 0.02/3 = 0.00667.
    @Test("leader scores and ranks")
    func leaders() throws {
        let rows = try ChainLeaders.compute(graph)
        #expect(rows.map(\.firm) == ["V1", "V2", "B1", "V3", "C1", "C2", "B2", "S1", "M1"])
        #expect(rows.map(\.leader) == [true, true, true, false, false, false, false, false, false])
        #expect(abs(rows[0].score - (1 + 200.0 / 300 + 0.8) / 3) < 1e-15)
        #expect(rows[1].u == 1 && rows[1].r == 0.8 && rows[1].p == 107.0 / 300)
        #expect(rows.allSatisfy { $0.specialist == nil })
        // Local candidates only (maxima 5000, 300, reach 4 for V1 and B1):
        // V1 (1 + 2/3 + 1)/3 = .889, B1 (.2 + 11/30 + 1)/3 = .522, V3 (.16 + 1 + .25)/3 = .47,
        // C1 (.04 + 1/30 + .25)/3 = .108, C2 (.01 + 1/60 + .25)/3 = .092. Median revenue of
        // {200, 50, 1000, 5000, 800} is 800; C1 and C2 are below it but share cath, so neither
        // is a sole local supplier.
        let local = try ChainLeaders.compute(graph, perChain: 2, within: RegionContext(graph, locality: .fixed(hubei)))
        #expect(local.map(\.firm) == ["V1", "B1", "V3", "C1", "C2"])
        #expect(abs(local[1].score - (0.2 + 110.0 / 300 + 1) / 3) < 1e-15)
        #expect(local.allSatisfy { $0.specialist == false })
        #expect(local.filter(\.leader).count == 2)
    }

    /// Removing S1: B1 loses all of its sep input → 0; V1 and V2 get cell only from B1 → 0.
    /// Losses 5000 (V1), 4000 (V2), 1000 (B1), 300 (S1) = 10,300.
    /// With σ = 0.5: B1 = min(1, 1 + .5, 0 + .5) = 0.5; V1 = V2 = min(1, .5 + .5) = 1.
    @Test("disruption fixed point with and without substitution")
    func simulate() throws {
        let s1 = graph.firms.index(of: "S1")!
        let hard = try DisruptionSimulation.run(graph, removing: [s1])
        #expect(hard.affected.map { graph.firms.id($0) } == ["V1", "V2", "B1", "S1"])
        #expect(hard.revenueAtRisk == 10_300)
        // Direct loss: the removed S1 (300); ripple: V1 5000 + V2 4000 + B1 1000.
        #expect(hard.directLoss == 300 && hard.rippleLoss == 10_000)
        #expect(hard.lossByChain.map(\.revenueLoss) == [10_300])
        let soft = try DisruptionSimulation.run(graph, removing: [s1], substitution: 0.5)
        #expect(soft.affected.map { graph.firms.id($0) } == ["B1", "S1"])
        #expect(soft.capacity[graph.firms.index(of: "B1")!] == 0.5 && soft.revenueAtRisk == 800)
        #expect(soft.lossByRegion.map(\.key) == ["湖北", "江苏"])
    }

    /// Two segments a, b; firms A1 (a, revenue 100), B1 (b, 200); A1→B1 50 (a), B1→A1 20 (b).
    /// Z = [[0, 50], [20, 0]], x = (100, 200), A = [[0, .25], [.2, 0]], L = [[1, .25], [.2, 1]] / .95:
    /// column sums 1.2/.95, 1.25/.95, total 2.45/.95 → BL = (2·1.2/2.45, 2·1.25/2.45) = (0.97959, 1.02041).
    /// B = [[0, .5], [.1, 0]], G = [[1, .5], [.1, 1]] / .95: row sums 1.5, 1.1 (/.95), total 2.6 →
    /// FL = (2·1.5/2.6, 2·1.1/2.6) = (1.15385, 0.84615). No key segment; b first (higher BL).
    @Test("IO linkages on a two-segment economy, and a non-productive one")
    func linkages() throws {
        let io = TemporaryDirectory()
        io.write("segments.csv", "id,chain\na,X\nb,X\n")
        io.write("firms.csv", "id,segment,revenue\nA1,a,100\nB1,b,200\n")
        io.write("links.csv", "supplier,buyer,value\nA1,B1,50\nB1,A1,20\n")
        let result = try SegmentLinkages.compute(try load(io.path))
        #expect(result.rows.map(\.segment) == ["b", "a"])
        #expect(abs(result.rows[0].backward - 2 * 1.25 / 2.45) < 1e-12 && abs(result.rows[1].backward - 2 * 1.2 / 2.45) < 1e-12)
        #expect(abs(result.rows[0].forward - 2 * 1.1 / 2.6) < 1e-12 && abs(result.rows[1].forward - 2 * 1.5 / 2.6) < 1e-12)
        #expect(result.rows.allSatisfy { !$0.key } && result.zeroOutput.isEmpty)
        // A1→B1 1000: A = [[0, 5], [.2, 0]], spectral radius √(5 · .2) = 1 → not productive;
        // column b (sum 5) is the culprit.
        io.write("links.csv", "supplier,buyer,value\nA1,B1,1000\nB1,A1,20\n")
        do {
            _ = try SegmentLinkages.compute(try load(io.path))
            Issue.record("expected a non-productive system error")
        } catch {
            #expect(error.exitCode == 65)
            #expect(error.description.contains("not productive") && error.description.contains("segment b"))
        }
    }

    @Test("impossible requests are usage errors")
    func errors() {
        #expect(throws: ChainGraphError.regionMatchesNoFirm(RegionPath("西藏")!, available: ["广东", "四川", "江苏", "湖北"].map { RegionPath($0)! }.sorted())) {
            try RegionContext(graph, locality: .fixed(RegionPath("西藏")!))
        }
        #expect(throws: ChainGraphError.noRegionAtLevel(9, deepest: 2)) { try RegionContext(graph, locality: .relative(level: 9)) }
        #expect(throws: ChainGraphError.invalidParameter(.level, value: "0", expected: "a level of at least 1")) {
            try RegionContext(graph, locality: .relative(level: 0))
        }
        #expect(throws: ChainGraphError.self) { try DisruptionSimulation.run(graph, removing: [0], substitution: 2) }
    }
}
