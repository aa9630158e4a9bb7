import Foundation
import Testing

/// Every command gives byte-identical output with 1 and 2 threads and across runs.
@Suite("Determinism across threads and runs")
struct DeterminismTests {
    static let commands: [[String]] = [
        ["summary"], ["centrality", "--measure", "pagerank"], ["centrality", "--measure", "katz", "--alpha", "1e-9"],
        ["centrality", "--measure", "hits"], ["centrality", "--measure", "betweenness", "--samples", "5", "--seed", "3"],
        ["centrality", "--measure", "degree"], ["local-rate", "--by", "segment", "--local", "湖北"],
        ["local-rate", "--by", "region", "--level", "2"], ["coverage", "--local", "湖北"], ["gaps", "--local", "湖北"],
        ["leaders", "--local", "湖北"], ["linkages"], ["simulate", "--remove", "F0,F1,F2", "--substitution", "0.1"],
        ["export", "--format", "graphml"], ["export", "--format", "mtx"],
    ]

    @Test("generate, analyses, exports and report: 1 thread = 2 threads = a second run")
    func identical() throws {
        let dir = TemporaryDirectory()
        var datasets: [String: String] = [:]
        for threads in ["1", "2"] {
            let out = "\(dir.path)/gen\(threads)"
            let r = try runCLI(["generate", "--firms", "12000", "--links-per-firm", "4", "--seed", "9", "--out", out, "-q"],
                               environment: ["CHAINGRAPH_THREADS": threads])
            #expect(r.status == 0, "\(r.stderr)")
            datasets[threads] = out
        }
        for name in ["firms.csv", "links.csv", "segments.csv"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(datasets["1"]!)/\(name)"))
            let b = try Data(contentsOf: URL(fileURLWithPath: "\(datasets["2"]!)/\(name)"))
            #expect(a == b, "generate: \(name) differs between 1 and 2 threads")
        }
        let dataset = datasets["1"]!
        for command in Self.commands {
            let one = try runCLI(command + ["--dataset", dataset, "-q"], environment: ["CHAINGRAPH_THREADS": "1"])
            let two = try runCLI(command + ["--dataset", dataset, "-q"], environment: ["CHAINGRAPH_THREADS": "2"])
            let again = try runCLI(command + ["--dataset", dataset, "-q"], environment: ["CHAINGRAPH_THREADS": "2"])
            #expect(one.status == 0, "\(command): \(one.stderr)")
            #expect(one.stdout == two.stdout && two.stdout == again.stdout, "\(command)")
        }
        for threads in ["1", "2"] {
            let r = try runCLI(["report", "--local", "湖北", "--out", "\(dir.path)/report\(threads)", "--dataset", dataset, "-q"],
                               environment: ["CHAINGRAPH_THREADS": threads])
            #expect(r.status == 0)
        }
        for name in ["report.md", "report.html", "report.json", "report.ipynb"] {
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/report1/\(name)"))
            let b = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/report2/\(name)"))
            #expect(a == b, "report: \(name)")
        }
    }
}
