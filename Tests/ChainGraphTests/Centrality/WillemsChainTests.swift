import Foundation
import Testing
@testable import ChainGraph

/// Two real company supply chains from Willems (2008), doi:10.1287/msom.1070.0176, read from
/// ../shared/data/willems2008 (never copied into the project). Reference values:
/// Tests/Fixtures/centrality/make_willems_fixtures.py (NetworkX 3.6.1).
@Suite("Centrality on real Willems (2008) chains")
struct WillemsChainTests {
    static let folder = "\(sharedDataRoot)/willems2008"
    static var available: Bool { FileManager.default.fileExists(atPath: "\(folder)/24_arcs.csv") }

    /// Writes chain NN as a ChainGraph dataset (stages → firms, arcs → links of value 1).
    func dataset(_ chain: Int, into dir: TemporaryDirectory) throws {
        let name = String(format: "%02d", chain)
        let stages = try String(contentsOfFile: "\(Self.folder)/\(name)_stages.csv", encoding: .utf8)
        let arcs = try String(contentsOfFile: "\(Self.folder)/\(name)_arcs.csv", encoding: .utf8)
        let ids = stages.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[0] }
        dir.write("firms.csv", "id\n" + ids.map { "\($0)\n" }.joined())
        let rows = arcs.split(whereSeparator: \.isNewline).dropFirst()
        dir.write("links.csv", "supplier,buyer\n" + rows.map { "\($0)\n" }.joined())
    }

    @Test("PageRank, Katz, HITS, betweenness, closeness and harmonic match NetworkX", .enabled(if: available, "../shared/data/willems2008 is absent"),
          arguments: [24, 36])
    func matches(chain: Int) throws {
        let dir = TemporaryDirectory()
        try dataset(chain, into: dir)
        let g = try load(dir.path)
        let path = "\(repositoryRoot)/Tests/Fixtures/centrality/willems_\(String(format: "%02d", chain)).json"
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        #expect(g.firmCount == expected["n"] as! Int && g.linkCount == expected["m"] as! Int)
        let tight = Convergence(tolerance: 1e-13, maxIterations: 100_000)
        expectMatches(try PageRank.compute(g, convergence: tight).scores, expected, "pagerank", graph: g)
        expectMatches(try PageRank.compute(g, convergence: tight, method: .power).scores, expected, "pagerank", graph: g)
        if g.firmCount < 1000 {
            expectMatches(try PageRank.compute(g, method: .dense).scores, expected, "pagerank", graph: g)
            expectMatches(try Katz.compute(g, alpha: 0.1, method: .dense).scores, expected, "katz", graph: g)
            let dense = try HITS.compute(g, method: .dense)
            expectMatches(dense.authorities, expected, "hits_authority", graph: g, absolute: 1e-9)
        }
        expectMatches(try PageRank.compute(g, reversed: true, convergence: tight).scores, expected, "pagerank_reverse", graph: g)
        expectMatches(try Katz.compute(g, alpha: 0.1, convergence: tight).scores, expected, "katz", graph: g)
        let h = try HITS.compute(g, convergence: tight)
        expectMatches(h.hubs, expected, "hits_hub", graph: g, absolute: 1e-9)
        expectMatches(h.authorities, expected, "hits_authority", graph: g, absolute: 1e-9)
        expectMatches(try Betweenness.compute(g).scores, expected, "betweenness", graph: g, relative: 1e-12, absolute: 1e-14)
        expectMatches(Closeness.closeness(g).scores, expected, "closeness", graph: g, relative: 1e-12, absolute: 1e-14)
        expectMatches(Closeness.harmonic(g).scores, expected, "harmonic", graph: g, relative: 1e-12, absolute: 1e-14)
        // Acyclic real chains: eigenvector centrality does not exist, and says so.
        #expect(throws: ChainGraphError.self) { try EigenvectorCentrality.compute(g) }
    }
}
