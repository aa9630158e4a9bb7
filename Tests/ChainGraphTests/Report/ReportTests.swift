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

    /// What an official signs off: the summary's verdict against the target with the gap in
    /// points and 亿元, firms by name, the unit, the shortlist, the 年度对比 and the radius —
    /// each equal to the library's own rows.
    @Test("the report names firms, states the verdict and unit, and carries the shortlist, comparison and radius")
    func officialReport() throws {
        let earlier = try load("\(repositoryRoot)/datasets/nev")
        let graph = try load("\(repositoryRoot)/datasets/nev-2025")
        let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
        let meta = ChainReport.Meta(year: "2025", source: "测试", generated: "2026-01-01", target: 0.5)
        let r = try ChainReport.build(context, dataset: "nev-2025", unit: "万元", meta: meta, before: (earlier, "nev"))
        #expect(r.title == "2025年 湖北 新能源汽车、智能网联 产业链缺链补链报告")
        let rate = try #require(r.localRate?.valueRate)
        let verdict = try #require(r.verdict)
        #expect(verdict.rate == rate && verdict.met == (rate >= 0.5))
        #expect(abs(verdict.gapPoints - (0.5 - rate) * 100) < 1e-12)
        #expect(r.shortlist == (try WhatIf.rank(context)))
        #expect(r.comparison == (try YearOverYear.compare(before: earlier, after: graph, region: RegionPath("湖北")!)))
        #expect(r.radius == (try SupplyRadius.compute(context, by: .chain)))
        #expect(r.leaderRates == (try LocalSupportingRate.compute(context, by: .leader)))
        // The story of the second year shows up: the 招商 success closed S10.
        #expect(r.comparison.contains { $0.section == .gapClosed && $0.key == "missing_segment:新能源汽车:S10::" })
        // Every renderer names the top leader by name, states the unit and the verdict.
        let top = try #require(r.leaders.first { $0.rank == 1 })
        let name = graph.firms.name(graph.firms.index(of: top.firm)!)
        let md = MarkdownReport.render(r), html = HTMLReport.render(r), json = try ReportWriter.json(r)
        for text in [md, html, json] { #expect(text.contains(name)) }
        for text in [md, html] {
            #expect(text.contains("万元") && text.contains("亿元"))
            #expect(text.contains(verdict.met ? "达标" : "未达标"))
            #expect(text.contains("精准招商清单") && text.contains("年度对比") && text.contains("产业配套半径"))
        }
        #expect(html.contains("@page{size:A4"))
        #expect(md.contains("---: |"))  // numbers right-aligned
    }

    @Test("the model: key missing segments per chain, tree statuses, English labels")
    func model() throws {
        let graph = try load("\(repositoryRoot)/datasets/nev")
        let context = try RegionContext(graph, locality: .fixed(RegionPath("湖北")!))
        let report = try ChainReport.build(context, language: .en, dataset: "nev")
        #expect(report.title == "Chain-gap report: 湖北 (新能源汽车, 智能网联)")
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
