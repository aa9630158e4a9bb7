import Foundation
import Testing
@testable import ChainGraph
@testable import ChainGraphReport

@Suite("Chain-gap report")
struct ReportTests {
    @Test("notebooks-export/ is up to date (regenerate with scripts/export-notebooks.sh)")
    func exportIsFresh() throws {
        let dir = TemporaryDirectory()
        let r = try runCLI(["report", "--local", "湖北", "--out", dir.path, "--dataset-name", "datasets/nev", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        for name in ReportWriter.files {
            let fresh = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/\(name)"))
            let committed = try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/notebooks-export/\(name)"))
            #expect(fresh == committed, "notebooks-export/\(name) is stale: run bash scripts/export-notebooks.sh")
        }
    }

    @Test("the model: key missing segments per chain, tree statuses, English labels")
    func model() throws {
        let graph = try load("\(repositoryRoot)/datasets/nev")
        let report = try ChainReport.build(graph, region: RegionPath("湖北")!, language: .en, dataset: "nev")
        #expect(report.title == "Chain-gap report: 湖北")
        for section in report.chains {
            #expect(section.keyMissing.count <= 5)
            #expect(section.keyMissing.allSatisfy { $0.kind == .missingSegment && $0.chain == section.chain })
            let missingLeaves = section.tree.filter { $0.status == "missing" }.map(\.id)
            #expect(Set(missingLeaves) == Set(section.coverage.missing))
        }
        #expect(report.gaps == (try ChainGaps.compute(graph, region: RegionPath("湖北")!)))
        let html = HTMLReport.render(report)
        #expect(html.contains("Missing segments") && html.contains("<svg"))
        #expect(MarkdownReport.render(report).contains("## Chain gaps"))
    }

    @Test("output errors: --out naming a file is exit 73; a dataset without segments.csv is exit 66")
    func errors() throws {
        let dir = TemporaryDirectory()
        let file = dir.write("occupied", "x")
        #expect(try runCLI(["report", "--local", "湖北", "--out", file]).status == 73)
        dir.write("data/links.csv", "supplier,buyer\na,b\n")
        let r = try runCLI(["report", "--local", "湖北", "--out", "\(dir.path)/out", "--dataset", "\(dir.path)/data"])
        #expect(r.status == 66)
        #expect(!FileManager.default.fileExists(atPath: "\(dir.path)/out/report.html"))
    }
}
