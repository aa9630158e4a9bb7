import Foundation
import Testing

@Suite("chaingraph centrality")
struct CentralityCLITests {
    let tiny = "\(repositoryRoot)/Tests/Fixtures/centrality/tiny"

    /// Parses `firm,score` CSV into ordered pairs.
    func rows(_ csv: String) -> [(String, Double)] {
        csv.split(separator: "\n").dropFirst().map { line in
            let parts = line.split(separator: ",")
            return (String(parts[0]), Double(parts[1])!)
        }
    }

    @Test("pagerank CSV: NetworkX values, sorted by score then id, --top")
    func pagerank() throws {
        let r = try runCLI(["centrality", "--measure", "pagerank", "--dataset", tiny])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("firm,score\n"))
        let expected = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(tiny)/expected.json"))) as! [String: Any]
        let reference = expected["pagerank"] as! [String: Double]
        let got = rows(r.stdout)
        #expect(got.count == reference.count)
        for (firm, score) in got { #expect(abs(score - reference[firm]!) < 1e-9, "\(firm)") }
        #expect(zip(got, got.dropFirst()).allSatisfy { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) })
        let top = try runCLI(["centrality", "--measure", "pagerank", "--dataset", tiny, "--top", "2"])
        #expect(rows(top.stdout).map(\.0) == got.prefix(2).map(\.0))
    }

    @Test("column sets of degree and hits")
    func columns() throws {
        #expect(try runCLI(["centrality", "--measure", "degree", "--dataset", tiny]).stdout.hasPrefix("firm,in_degree,out_degree,in_value,out_value\n"))
        #expect(try runCLI(["centrality", "--measure", "hits", "--dataset", tiny]).stdout.hasPrefix("firm,hub,authority\n"))
        #expect(try runCLI(["centrality", "--measure", "pagerank", "--personalize-each", "f0,f1", "--dataset", tiny]).stdout.hasPrefix("seed,firm,score\n"))
    }

    @Test("strength and length cannot be confused: usage errors (64)")
    func usage() throws {
        for args in [["--measure", "betweenness", "--weight", "value"], ["--measure", "pagerank", "--distance", "hops"],
                     ["--measure", "katz", "--samples", "3"], ["--measure", "closeness", "--personalize", "f0"],
                     ["--measure", "pagerank", "--weight", "heavy"], ["--measure", "pagerank", "--personalize", "nobody"],
                     ["--measure", "centrality-of-love"]] {
            let r = try runCLI(["centrality", "--dataset", tiny] + args)
            #expect(r.status == 64, "\(args): \(r.stderr)")
        }
    }

    @Test("no result is an error (65) with guidance, not zeros")
    func noResult() throws {
        let dag = try runCLI(["centrality", "--measure", "eigenvector", "--dataset", "\(repositoryRoot)/Tests/Fixtures/centrality/random_dag"])
        #expect(dag.status == 65)
        #expect(dag.stdout.isEmpty)
        #expect(dag.stderr.contains("does not exist") && dag.stderr.contains("katz"))
        let katz = try runCLI(["centrality", "--measure", "katz", "--alpha", "0.9", "--dataset", tiny])
        #expect(katz.status == 65)
        #expect(katz.stderr.contains("1/λ_max = 0.577"), "\(katz.stderr)")
        let slow = try runCLI(["centrality", "--measure", "pagerank", "--method", "power", "--max-iter", "2", "--dataset", tiny])
        #expect(slow.status == 65 && slow.stderr.contains("did not converge"))
    }

    @Test("sampled betweenness states its error bound")
    func sampled() throws {
        let r = try runCLI(["centrality", "--measure", "betweenness", "--samples", "3", "--seed", "9", "--dataset", tiny])
        #expect(r.status == 0)
        #expect(r.stderr.contains("estimated from 3 of 6 source firms (seed 9)") && r.stderr.contains("95%"))
    }

    @Test("results are byte-identical with 1 and 2 threads")
    func determinism() throws {
        let dir = TemporaryDirectory()
        var rng = SplitMix64(seed: 77)
        var bytes = Array("supplier,buyer,value\n".utf8)
        bytes.reserveCapacity(1 << 20)
        for _ in 0..<25_000 {
            for (k, n) in [Int.random(in: 0..<9_000, using: &rng), Int.random(in: 0..<9_000, using: &rng), Int.random(in: 1...999, using: &rng)].enumerated() {
                if k < 2 { bytes.append(UInt8(ascii: "f")) }
                bytes += Array(String(n).utf8)
                bytes.append(k < 2 ? UInt8(ascii: ",") : UInt8(ascii: "\n"))
            }
        }
        dir.write("links.csv", bytes: bytes)
        for args in [["--measure", "pagerank"], ["--measure", "katz", "--alpha", "0.0005"], ["--measure", "hits"],
                     ["--measure", "betweenness", "--samples", "12", "--seed", "5"], ["--measure", "degree"],
                     ["--measure", "pagerank", "--personalize-each", "f1,f2,f3", "--top", "50"]] {
            let one = try runCLI(["centrality", "--dataset", dir.path, "-q"] + args, environment: ["CHAINGRAPH_THREADS": "1"])
            let two = try runCLI(["centrality", "--dataset", dir.path, "-q"] + args, environment: ["CHAINGRAPH_THREADS": "2"])
            #expect(one.status == 0, "\(args): \(one.stderr)")
            #expect(one.stdout == two.stdout, "\(args)")
        }
    }
}
