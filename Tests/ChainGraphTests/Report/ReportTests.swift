import Foundation
import Testing
@testable import ChainGraph
@testable import ChainGraphReport

@Suite("Chain-gap report")
struct ReportTests {
    @Test("notebooks-export/ is up to date (regenerate with scripts/export-notebooks.sh)")
    func exportIsFresh() throws {
        let dir = TemporaryDirectory()
        let args = try String(contentsOfFile: "\(repositoryRoot)/notebooks-export/ARGS", encoding: .utf8).split(whereSeparator: \.isWhitespace).map(String.init)
        let r = try runCLI(["report"] + args + ["--out", dir.path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let committed = try FileManager.default.contentsOfDirectory(atPath: "\(repositoryRoot)/notebooks-export").filter { $0 != "README.md" && $0 != "ARGS" }.sorted()
        #expect(written == committed, "notebooks-export/ has other files than the report writes: run bash scripts/export-notebooks.sh")
        for name in written {
            let fresh = try Data(contentsOf: URL(fileURLWithPath: "\(dir.path)/\(name)"))
            let committed = try Data(contentsOf: URL(fileURLWithPath: "\(repositoryRoot)/notebooks-export/\(name)"))
            #expect(fresh == committed, "notebooks-export/\(name) is stale: run bash scripts/export-notebooks.sh")
        }
    }

    @Test("the model: key missing segments per chain, tree statuses, English labels")
    func model() throws {
        let graph = try load("\(repositoryRoot)/datasets/nev")
        let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
        let report = try ChainReport.build(context, language: .en, dataset: "nev")
        #expect(report.title == "Chain-gap report: 湖北")
        for section in report.chains {
            #expect(section.keyMissing.count <= 5)
            #expect(section.keyMissing.allSatisfy { $0.kind == .missingSegment && $0.chain == section.chain })
            let missingLeaves = section.tree.filter { $0.status == "missing" }.map(\.id)
            #expect(Set(missingLeaves) == Set(section.coverage.missing))
        }
        #expect(report.gaps == (try ChainGaps.compute(context)))
        // Tree statuses agree with the gap rows: every weak row's segment is coloured weak
        // unless it is also strong; every strong row's segment strong.
        let status = Dictionary(report.chains.flatMap(\.tree).map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
        for row in report.gaps where row.kind == .weakSegment { #expect(status[row.segment] == "weak_segment") }
        // 长板: S20 (正极材料) is sold mostly outside 湖北 and covers 89.6 % of local demand;
        // the tree colours it as a strong segment and the HTML shows it beside the 短板.
        #expect(report.gaps.filter { $0.kind == .strongSegment }.map(\.segment) == ["S20"])
        #expect(status["S20"] == "strong_segment")
        let html = HTMLReport.render(report)
        #expect(html.contains("<svg"))
        let markdown = MarkdownReport.render(report)
        #expect(markdown.contains("## Chain gaps"))
        // Every gap kind has its section in every renderer, driven by GapKind.allCases.
        for kind in GapKind.allCases {
            #expect(html.contains("gap-\(kind.rawValue)"), "HTML section for \(kind.rawValue)")
            #expect(markdown.contains("### \(kind.en)"), "Markdown section for \(kind.rawValue)")
        }
        #expect(html.contains("<div class=\"pair\"><div class=\"gap-weak_segment\">"))
        let json = try ReportWriter.json(report)
        #expect(json.contains("\"gap_kinds\"") && json.contains("\"tree_styles\""))
        #expect(NotebookReport.render(report).contains("report[\\\"gap_kinds\\\"]"))
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
