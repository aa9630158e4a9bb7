import Foundation
import Testing
@testable import ChainGraph

/// Reference values from NetworkX 3.6.1, made by Tests/Fixtures/centrality/make_fixtures.py
/// (see its README for every call). Five graphs: hand-made `tiny` (sink, source, 2-cycle,
/// isolated firm, zero-value link), a random DAG, a random cyclic graph with zero-value
/// links, several SCCs with sinks, and an all-ones star.
struct CentralityFixture: CustomTestStringConvertible, Sendable {
    let name: String
    var testDescription: String { name }

    static let all = ["tiny", "random_dag", "random_cyclic", "sinks_and_cycles", "unweighted_star"].map(CentralityFixture.init)

    var folder: String { "\(repositoryRoot)/Tests/Fixtures/centrality/\(name)" }

    func load() throws -> (SupplyGraph, [String: Any]) {
        let graph = try DatasetLoader().load(path: folder)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/expected.json"))) as! [String: Any]
        return (graph, json)
    }
}

/// Expects `actual` (indexed by firm) to match the JSON object `key` of `expected`.
func expectMatches(_ actual: [Double], _ expected: [String: Any], _ key: String, graph: SupplyGraph,
                   relative: Double = 1e-6, absolute: Double = 1e-10, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let reference = expected[key] as? [String: Double] else {
        Issue.record("fixture has no values for \(key)", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.count == reference.count, "\(key): count", sourceLocation: sourceLocation)
    var worst = (firm: "", got: 0.0, want: 0.0, excess: 0.0)
    for (id, want) in reference {
        guard let f = graph.firms.index(of: id) else { Issue.record("\(key): firm \(id) missing"); continue }
        let got = actual[f]
        let allowed = max(absolute, relative * abs(want))
        let excess = abs(got - want) - allowed
        if excess > worst.excess { worst = (id, got, want, excess) }
    }
    #expect(worst.excess <= 0, "\(key): firm \(worst.firm) got \(worst.got), NetworkX \(worst.want)", sourceLocation: sourceLocation)
}

@Suite("Centrality against NetworkX")
struct NetworkXFixtureTests {
    @Test("degree and strength", arguments: CentralityFixture.all)
    func degree(_ fixture: CentralityFixture) throws {
        let (g, expected) = try fixture.load()
        let d = DegreeCentrality(g)
        expectMatches(d.inDegree.map(Double.init), expected, "in_degree", graph: g, relative: 0, absolute: 0)
        expectMatches(d.outDegree.map(Double.init), expected, "out_degree", graph: g, relative: 0, absolute: 0)
        expectMatches(d.inValue, expected, "in_value", graph: g, relative: 1e-12)
        expectMatches(d.outValue, expected, "out_value", graph: g, relative: 1e-12)
    }

    @Test("PageRank: power and dense, weighted, unweighted, reversed, personalised",
          arguments: CentralityFixture.all, [SolveMethod.power, .dense])
    func pagerank(_ fixture: CentralityFixture, method: SolveMethod) throws {
        let (g, expected) = try fixture.load()
        let tight = Convergence(tolerance: 1e-13)
        let pr = try PageRank.compute(g, convergence: tight, method: method)
        expectMatches(pr.scores, expected, "pagerank", graph: g)
        #expect(abs(pr.scores.reduce(0, +) - 1) < 1e-12)
        #expect(pr.method == (method == .dense ? "dense" : "power"))
        #expect(pr.residual < 1e-9)
        expectMatches(try PageRank.compute(g, strength: .none, convergence: tight, method: method).scores, expected, "pagerank_noweight", graph: g)
        expectMatches(try PageRank.compute(g, reversed: true, convergence: tight, method: method).scores, expected, "pagerank_reverse", graph: g)
        var p = [Double](repeating: 0, count: g.firmCount)
        for id in expected["personalization_nodes"] as! [String] { p[g.firms.index(of: id)!] = 1 }
        expectMatches(try PageRank.compute(g, personalization: p, convergence: tight, method: method).scores,
                      expected, "pagerank_personalized", graph: g)
    }

    @Test("personalised PageRank for many seed sets at once equals separate runs", arguments: CentralityFixture.all)
    func blockPersonalized(_ fixture: CentralityFixture) throws {
        let (g, expected) = try fixture.load()
        let seeds = (expected["personalization_nodes"] as! [String]).map { g.firms.index(of: $0)! }
        let sets = [seeds, [seeds[0]], [g.firmCount - 1], Array(0..<g.firmCount)]
        let tight = Convergence(tolerance: 1e-13)
        let block = try PageRank.personalized(g, seedSets: sets, convergence: tight)
        expectMatches(block[0].scores, expected, "pagerank_personalized", graph: g)
        expectMatches(block[3].scores, expected, "pagerank", graph: g)
        for (j, set) in sets.enumerated() {
            var p = [Double](repeating: 0, count: g.firmCount)
            for s in set { p[s] = 1 }
            let single = try PageRank.compute(g, personalization: p, convergence: tight, method: .power)
            #expect(block[j].iterations == single.iterations)
            #expect(zip(block[j].scores, single.scores).allSatisfy { abs($0 - $1) <= 1e-15 })
        }
    }

    @Test("Katz: power and dense, weighted and unweighted", arguments: CentralityFixture.all, [SolveMethod.power, .dense])
    func katz(_ fixture: CentralityFixture, method: SolveMethod) throws {
        let (g, expected) = try fixture.load()
        let tight = Convergence(tolerance: 1e-14, maxIterations: 100_000)
        let k = try Katz.compute(g, alpha: expected["katz_alpha"] as! Double, convergence: tight, method: method)
        expectMatches(k.scores, expected, "katz", graph: g)
        let u = try Katz.compute(g, alpha: expected["katz_noweight_alpha"] as! Double, strength: .none, convergence: tight, method: method)
        expectMatches(u.scores, expected, "katz_noweight", graph: g)
    }

    @Test("Katz with alpha ≥ 1/λ_max says it cannot converge and gives 1/λ_max", arguments: CentralityFixture.all, [SolveMethod.power, .dense])
    func katzDivergence(_ fixture: CentralityFixture, method: SolveMethod) throws {
        let (g, expected) = try fixture.load()
        let lambda = expected["lambda_max_value"] as! Double
        guard lambda > 0 else { return }  // DAGs: Katz converges for every alpha
        do {
            _ = try Katz.compute(g, alpha: 1.5 / lambda, convergence: Convergence(maxIterations: 5000), method: method)
            Issue.record("expected divergence")
        } catch {
            #expect(error.exitCode == 65)
            guard case .divergentAlpha(_, let limit, _) = error else { Issue.record("\(error)"); return }
            #expect(error.description.contains("1/λ_max"))
            // 1/λ_max is right to 4 digits (power-iteration estimate for large graphs).
            #expect(abs(limit * lambda - 1) < 1e-4, "\(error)")
        }
    }

    @Test("HITS: power and dense", arguments: CentralityFixture.all, [SolveMethod.power, .dense])
    func hits(_ fixture: CentralityFixture, method: SolveMethod) throws {
        let (g, expected) = try fixture.load()
        let h = try HITS.compute(g, convergence: Convergence(tolerance: 1e-14, maxIterations: 100_000), method: method)
        expectMatches(h.hubs, expected, "hits_hub", graph: g, absolute: 1e-9)
        expectMatches(h.authorities, expected, "hits_authority", graph: g, absolute: 1e-9)
        #expect(abs(h.hubs.reduce(0, +) - 1) < 1e-12 && abs(h.authorities.reduce(0, +) - 1) < 1e-12)
    }

    @Test("eigenvector: matches on cyclic graphs, refuses on DAGs", arguments: CentralityFixture.all)
    func eigenvector(_ fixture: CentralityFixture) throws {
        let (g, expected) = try fixture.load()
        if expected["eigenvector"] is NSNull || expected["dag"] as! Bool {
            do {
                _ = try EigenvectorCentrality.compute(g)
                Issue.record("eigenvector centrality should not exist on a DAG")
            } catch {
                #expect(error.description.contains("does not exist"))
                #expect(error.description.contains("katz") && error.description.contains("pagerank"))
            }
        } else {
            let e = try EigenvectorCentrality.compute(g, convergence: Convergence(tolerance: 1e-13, maxIterations: 100_000))
            expectMatches(e.scores, expected, "eigenvector", graph: g, absolute: 1e-9)
        }
    }

    @Test("betweenness, closeness, harmonic: hops and 1/value", arguments: CentralityFixture.all)
    func paths(_ fixture: CentralityFixture) throws {
        let (g, expected) = try fixture.load()
        expectMatches(try Betweenness.compute(g).scores, expected, "betweenness", graph: g, relative: 1e-12, absolute: 1e-14)
        expectMatches(Closeness.closeness(g).scores, expected, "closeness", graph: g, relative: 1e-12, absolute: 1e-14)
        expectMatches(Closeness.harmonic(g).scores, expected, "harmonic", graph: g, relative: 1e-12, absolute: 1e-14)
        guard expected["betweenness_inverse_value"] is [String: Double] else { return }
        expectMatches(try Betweenness.compute(g, length: .inverseValue).scores, expected, "betweenness_inverse_value", graph: g, relative: 1e-12, absolute: 1e-14)
        expectMatches(Closeness.closeness(g, length: .inverseValue).scores, expected, "closeness_inverse_value", graph: g, relative: 1e-12, absolute: 1e-14)
        expectMatches(Closeness.harmonic(g, length: .inverseValue).scores, expected, "harmonic_inverse_value", graph: g, relative: 1e-12, absolute: 1e-14)
    }

    @Test("sampling every source reproduces exact betweenness; a sample is seeded and bounded", arguments: CentralityFixture.all)
    func sampledBetweenness(_ fixture: CentralityFixture) throws {
        let (g, expected) = try fixture.load()
        let all = try Betweenness.compute(g, samples: g.firmCount, seed: 3)
        expectMatches(all.scores, expected, "betweenness", graph: g, relative: 1e-12, absolute: 1e-14)
        #expect(all.errorBound == nil)
        let k = max(1, g.firmCount / 3)
        let a = try Betweenness.compute(g, samples: k, seed: 42), b = try Betweenness.compute(g, samples: k, seed: 42)
        #expect(a == b)
        #expect(a.sources == k)
        let bound = try #require(a.errorBound)
        let exact = try Betweenness.compute(g).scores
        #expect(zip(a.scores, exact).allSatisfy { abs($0 - $1) <= bound })
    }
}
