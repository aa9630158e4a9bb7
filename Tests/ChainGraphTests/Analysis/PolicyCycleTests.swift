import Foundation
import Testing
@testable import ChainGraph

/// What-if attraction (SPEC §3.7), the year-over-year comparison (§3.8) and the supply radius
/// (§3.9) on small hand-worked chains; every expected number is derived in the comments.
///
/// Chain EV: leaves cell (inputs sep), sep, car (inputs cell). Chain X: leaf pack (inputs cell).
///
///     firm  region   segments   links in (value, segment = supplier's primary)
///     V1    湖北      car        O1 60, O2 20            imports(V1, cell) = 80
///     V2    湖北      car;pack   O1 80, L1 20 (local)    imports(V2, cell) = 80
///     L1    湖北      cell       S1 50 (sep)             imports(L1, sep) = 50
///     O1    江苏      cell       O2 5
///     O2    广东      cell
///     S1    江苏      sep
///
/// F_L = {V1, V2, L1}: inputs 80 + 100 + 50 = 230, local 20. V2 is in both chains.
private let segments = """
    id,name,chain,parent,stage,inputs
    cell,电芯,EV,,midstream,sep
    sep,隔膜,EV,,upstream,
    car,整车,EV,,downstream,cell
    pack,储能,X,,downstream,cell

    """
private let firms = """
    id,region,segment,revenue
    V1,湖北/武汉,car,500
    V2,湖北/襄阳,car;pack,400
    L1,湖北/武汉,cell,100
    O1,江苏/常州,cell,300
    O2,广东/深圳,cell,200
    S1,江苏/常州,sep,50

    """
private let links = """
    supplier,buyer,value
    O1,V1,60
    O2,V1,20
    O1,V2,80
    L1,V2,20
    S1,L1,50
    O2,O1,5

    """

@Suite("What-if, year-over-year and supply radius on hand-worked chains")
struct PolicyCycleTests {
    let dir = TemporaryDirectory()
    let graph: SupplyGraph
    let context: RegionContext

    init() throws {
        dir.write("segments.csv", segments)
        dir.write("firms.csv", firms)
        dir.write("links.csv", links)
        graph = try DatasetLoader().load(path: dir.path)
        context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
    }

    /// A cell plant of capacity 100. imports(V1, cell) = imports(V2, cell) = 80 tie, so V1
    /// (id order) is served first: m(V1) = 80, m(V2) = 20.
    /// - region: 230 in, 20 → 120 local: 20/230 → 120/230, delta 100/230, moved 100.
    /// - chain EV (V1, V2, L1): the same sums as the region. chain X (V2 only): 100 in,
    ///   20 → 40: 0.2 → 0.4, delta 0.2, moved 20. EV's delta is larger, so EV first.
    /// - segment car (primary segment of V1 and V2): 180 in, 20 → 120, delta 100/180.
    /// Closed gaps: missing_link (V1, cell) (V1 served; V2 buys cell locally already), and
    /// weak_segment cell: D = 180, L = 20 → (20 + 100)/180 = 0.667 ≥ 0.5.
    @Test func plantWithTiedImporters() throws {
        let plant = try WhatIf.plant(segment: "cell", capacity: 100, in: context)
        let outcome = try WhatIf.simulate(context, plant: plant)
        #expect(outcome.moves.map { graph.firms.id($0.buyer) } == ["V1", "V2"])
        #expect(outcome.moves.map(\.value) == [80, 20])
        #expect(outcome.rows.map { "\($0.group):\($0.key)" } == ["region:湖北", "chain:EV", "chain:X", "segment:car"])
        let region = outcome.rows[0]
        #expect(region.inputValue == 230 && region.localValueBefore == 20 && region.localValueAfter == 120 && region.movedValue == 100)
        #expect(region.valueRateBefore == 20.0 / 230 && region.valueRateAfter == 120.0 / 230)
        #expect(abs(region.delta! - 100.0 / 230) < 1e-15)
        let x = outcome.rows[2]
        #expect(x.inputValue == 100 && x.localValueAfter == 40 && x.movedValue == 20 && abs(x.delta! - 0.2) < 1e-15)
        let car = outcome.rows[3]
        #expect(car.inputValue == 180 && car.localValueAfter == 120 && abs(car.delta! - 100.0 / 180) < 1e-15)
        #expect(outcome.closedGaps.map { "\($0.kind.rawValue):\($0.buyer ?? "")" } == ["missing_link:V1", "weak_segment:"])
    }

    /// Capacity 80 serves V1 only, so chain X (only V2) gets no row; the weak cell segment
    /// closes, (20 + 80)/180 = 0.556 ≥ 0.5.
    @Test func capacityLimitsTheGroups() throws {
        let outcome = try WhatIf.simulate(context, plant: try WhatIf.plant(segment: "cell", capacity: 80, in: context))
        #expect(outcome.rows.map { "\($0.group):\($0.key)" } == ["region:湖北", "chain:EV", "segment:car"])
        #expect(outcome.rows[0].localValueAfter == 100)
        #expect(outcome.closedGaps.map(\.kind) == [.missingLink, .weakSegment])
        // Capacity 60: (20 + 60)/180 = 0.444 < 0.5, so the weak row stays open.
        let small = try WhatIf.simulate(context, plant: try WhatIf.plant(segment: "cell", capacity: 60, in: context))
        #expect(small.closedGaps.map(\.kind) == [.missingLink])
        #expect(small.moves.map(\.value) == [60])
    }

    /// The report's 供需对接 table and 断链 scenario on the hand chain.
    /// - Gaps: the only missing_link is (V1, cell) — V1 buys cell only from outside, cell is
    ///   present (L1) — with partner L1, so the meeting has one table: L1 → [V1], 80. (L1's
    ///   sep is not present, so it is no missing_link.)
    /// - The only outside single source is S1 → L1 (sep, 50). Losing S1 stops L1 (its only
    ///   input: loss 100) and cuts V2's cell supply to 80/100 (loss 400 · 0.2 = 80); V1 buys
    ///   cell from O1 and O2 and keeps running. Direct loss 50 (S1's revenue), ripple 180,
    ///   2 local firms, local revenue at risk 180.
    @Test func matchmakingAndScenarios() throws {
        let gaps = try ChainGaps.compute(context)
        #expect(Matchmaking.rows(from: gaps) == [Matchmaking.Row(supplier: "L1", chain: "EV", segment: "cell", buyers: ["V1"], importedValue: 80)])
        let scenarios = try DisruptionSimulation.singleSourceScenarios(context, gaps: gaps)
        #expect(scenarios.map(\.supplier) == ["S1"])
        let s = try #require(scenarios.first)
        #expect(s.singleSourceValue == 50 && s.localFirmsAffected == 2)
        #expect(abs(s.localRevenueAtRisk - 180) < 1e-9 && abs(s.rippleLoss - 180) < 1e-9)
        #expect(s.directLoss == 50 && abs(s.revenueAtRisk - 230) < 1e-9)
    }

    /// A capacity equal to the imports it serves is used up exactly: 1250.5 − 473.8 − 454.7 −
    /// 322.0 leaves 5.7e-14 by plain subtraction, which would "serve" the next buyer a crumb
    /// (and close its missing_link row). The compensated remainder is 0.
    @Test func capacityUsedUpExactly() {
        let imports = [WhatIf.Move(buyer: 0, value: 473.8), WhatIf.Move(buyer: 1, value: 454.7),
                       WhatIf.Move(buyer: 2, value: 322.0), WhatIf.Move(buyer: 3, value: 10)]
        #expect(1250.5 - 473.8 - 454.7 - 322.0 > 0)  // the round-off this test is about
        #expect(WhatIf.allocate(imports, capacity: 1250.5).map(\.buyer) == [0, 1, 2])
        #expect(WhatIf.allocate(imports, capacity: 0).isEmpty)
        #expect(WhatIf.allocate(imports, capacity: 500).map(\.value) == [473.8, 500 - 473.8])
    }

    /// --attract: the plant's segment is the firm's primary one and its capacity the firm's
    /// total sales (O1: 60 + 80 = 140). A firm in the region cannot be attracted.
    @Test func attractingAFirm() throws {
        let plant = try WhatIf.plant(attracting: "O1", in: context)
        #expect(plant.segment == graph.segments.index(of: "cell") && plant.capacity == 140)
        #expect(throws: ChainGraphError.self) { try WhatIf.plant(attracting: "L1", in: context) }
        #expect(throws: ChainGraphError.self) { try WhatIf.plant(attracting: "nobody", in: context) }
        #expect(throws: ChainGraphError.self) { try WhatIf.plant(segment: "cell", capacity: -1, in: context) }
    }

    /// Gap rows: missing_segment sep (candidate S1, sells 50 into F_L, capacity 50) and
    /// weak_segment cell (candidates O1: 140 into F_L, capacity 140; O2: 20, capacity 20 + 5).
    /// EV rates from 20/230: O1 moves 80 + 60 = 140 → delta 140/230; S1 moves 50 to L1 →
    /// 50/230; O2 moves 25 to V1 → 25/230.
    @Test func shortlist() throws {
        let rows = try WhatIf.rank(context)
        #expect(rows.map { "\($0.segment):\($0.candidate)" } == ["cell:O1", "sep:S1", "cell:O2"])
        #expect(rows.map(\.capacity) == [140, 50, 25])
        #expect(rows.map(\.movedValue) == [140, 50, 25])
        for (row, moved) in zip(rows, [140.0, 50, 25]) {
            #expect(row.chain == "EV" && abs(row.delta! - moved / 230) < 1e-15)
        }
    }

    /// The next year: O2 closes, a local separator maker N1 (no revenue given) replaces S1
    /// as L1's supplier, and two links disappear (O2→V1, O2→O1).
    /// - summary: firms 6 → 6, links 6 → 4, local firms 3 → 4, total value 235 → 210,
    ///   value rate 20/230 → (20 + 50)/210; coverage EV 2/3 → 1 (sep present), X 1 → 1.
    /// - firm_entered N1 (revenue unknown: empty); nothing left R.
    /// - gaps: missing_segment sep closes, and L1's single source of sep changes from S1
    ///   (closed) to N1 (opened); V1 now buys cell only from O1 (single_source opened).
    ///   missing_link (V1, cell) and weak cell stay, with new values, so they are not listed.
    @Test func yearOverYear() throws {
        let next = TemporaryDirectory()
        next.write("segments.csv", segments)
        next.write("firms.csv", firms.replacingOccurrences(of: "O2,广东/深圳,cell,200\n", with: "N1,湖北/武汉,sep,\n"))
        next.write("links.csv", "supplier,buyer,value\nO1,V1,60\nO1,V2,80\nL1,V2,20\nN1,L1,50\n")
        let after = try DatasetLoader().load(path: next.path)
        let rows = try YearOverYear.compare(before: graph, after: after, region: RegionPath("湖北")!)
        func row(_ section: YearOverYear.Section, _ key: String) -> YearOverYear.Row? { rows.first { $0.section == section && $0.key == key } }
        #expect(row(.summary, "links")?.cells[4] == .integer(-2))
        #expect(row(.summary, "local_firms")?.after == .count(4))
        #expect(row(.summary, "total_value")?.cells[4] == .money(-25))
        #expect(row(.summary, "value_rate")?.after == .share(70.0 / 210))
        #expect(row(.summary, "coverage:EV")?.before == .share(2.0 / 3) && row(.summary, "coverage:EV")?.after == .share(1))
        #expect(rows.filter { $0.section == .firmEntered }.map(\.key) == ["N1"])
        #expect(row(.firmEntered, "N1")?.after == nil)
        #expect(rows.filter { $0.section == .firmLeft }.isEmpty)
        #expect(rows.filter { $0.section == .gapOpened }.map(\.key) == ["single_source:EV:cell:V1:O1", "single_source:EV:sep:L1:N1"])
        #expect(rows.filter { $0.section == .gapClosed }.map(\.key) == ["missing_segment:EV:sep::", "single_source:EV:sep:L1:S1"])
        #expect(row(.gapClosed, "missing_segment:EV:sep::")?.before == .money(50))
        // Sections in SPEC order.
        #expect(rows.map(\.section) == rows.map(\.section).sorted())
    }

    /// A new park: R has no firm in the earlier year. It compares as an empty year (0 local
    /// firms, an empty rate, coverage 0) instead of failing, and every local firm entered.
    @Test func yearOverYearIntoAnEmptyRegion() throws {
        let empty = TemporaryDirectory()
        empty.write("segments.csv", segments)
        empty.write("firms.csv", firms.replacingOccurrences(of: "湖北/武汉", with: "江苏/苏州").replacingOccurrences(of: "湖北/襄阳", with: "江苏/无锡"))
        empty.write("links.csv", links)
        let before = try DatasetLoader().load(path: empty.path)
        let rows = try YearOverYear.compare(before: before, after: graph, region: RegionPath("湖北")!)
        func row(_ section: YearOverYear.Section, _ key: String) -> YearOverYear.Row? { rows.first { $0.section == section && $0.key == key } }
        #expect(row(.summary, "local_firms")?.before == .count(0) && row(.summary, "local_firms")?.after == .count(3))
        #expect(row(.summary, "value_rate")?.before == nil && row(.summary, "value_rate")?.after == .share(20.0 / 230))
        #expect(row(.summary, "coverage:EV")?.before == .share(0))
        #expect(rows.filter { $0.section == .firmEntered }.map(\.key) == ["L1", "V1", "V2"])
        // Neither year has a firm in R: an error.
        #expect(throws: ChainGraphError.self) { try YearOverYear.compare(before: before, after: before, region: RegionPath("湖北")!) }
    }

    /// Radius: C (31°N 114°E) buys 30 from A (30°N 114°E, 1° of latitude = 6371.0088·π/180 =
    /// 111.195 km away) and 10 from B (30°N 115°E, ≈ 147 km). Median: 30 of 40 lies at
    /// A's distance (≥ 20), so 111.195; p90 (36) needs B. Values 0: counts, median = A, p90 = B.
    /// Within 120 km A is local for C and B is not: rate 30/40.
    @Test func radiusAndDistanceLocality() throws {
        let geo = TemporaryDirectory()
        geo.write("firms.csv", "id,region,segment,lat,lon\nA,湖北/武汉,,30,114\nB,江西/九江,,30,115\nC,湖北/武汉,,31,114\nD,火星基地,,,\n")
        geo.write("links.csv", "supplier,buyer,value\nA,C,30\nB,C,10\nD,C,5\n")
        let g = try DatasetLoader().load(path: geo.path)
        let ctx = try RegionContext(g, locality: .fixed(RegionPath("湖北")!))
        let rows = try SupplyRadius.compute(ctx, by: .firm)
        let ab = FirmLocations.haversine(30, 115, 31, 114)
        #expect(rows.map(\.key) == ["C"])
        #expect(rows[0].buyers == 1 && rows[0].locatedValue == 40)
        #expect(abs(rows[0].medianKm - 6371.0088 * Double.pi / 180) < 1e-9)
        #expect(rows[0].p90Km == ab && ab > 140 && ab < 150)
        let within = try LocalSupportingRate.compute(RegionContext(g, locality: .withinKm(120)), by: .firm)
        let c = try #require(within.first { $0.key == "C" })
        // D is not located: its 5 count in C's total, never as local.
        #expect(c.inputValue == 45 && c.localValue == 30)

        geo.write("links.csv", "supplier,buyer,value\nA,C,0\nB,C,0\n")
        let zero = try SupplyRadius.compute(RegionContext(DatasetLoader().load(path: geo.path), locality: .fixed(RegionPath("湖北")!)), by: .firm)
        #expect(abs(zero[0].medianKm - 6371.0088 * Double.pi / 180) < 1e-9 && zero[0].p90Km == ab)
    }
}
