import Foundation
import Testing

/// The options every row-producing command shares (`--sort`, `--top`, `--type`, the region
/// group), money printing (SPEC §4) and the `chaingraph: error:` form of argument errors.
@Suite("chaingraph row options, money printing and argument errors")
struct RowOptionsCLITests {
    /// SPEC §4's own example: the 新能源汽车 chain's local purchases in 湖北 sum to
    /// 8032217.2 (a naive left-to-right sum prints 8032217.200000001); integral sums print
    /// without a fraction (17053546, not 17053546.0).
    @Test("money sums print as a spreadsheet shows them")
    func money() throws {
        let r = try runCLI(["local-rate", "--by", "chain", "--local", "湖北", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("新能源汽车,81,17053546,8032217.2,"), "\(r.stdout)")
        #expect(!r.stdout.contains("00000000"), "\(r.stdout)")
        let json = try runCLI(["local-rate", "--by", "chain", "--local", "湖北", "--format", "json", "-q"])
        #expect(json.stdout.contains("\"local_value\": 8032217.2,"), "\(json.stdout)")
    }

    @Test("--sort works on any column; --top cuts after sorting")
    func sortAndTop() throws {
        let r = try runCLI(["local-rate", "--by", "firm", "--local", "湖北", "--sort", "input_value", "--top", "5", "--format", "json", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        let values = rows.map { $0["input_value"] as! Double }
        #expect(rows.count == 5 && values == values.sorted(by: >), "\(values)")
        let all = try runCLI(["local-rate", "--by", "firm", "--local", "湖北", "--format", "json", "-q"])
        let every = (try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as! [[String: Any]]).map { $0["input_value"] as! Double }
        #expect(values.first == every.max(), "the biggest buyer comes first")
        let up = try runCLI(["local-rate", "--by", "firm", "--local", "湖北", "--sort", "key:desc", "--top", "2", "-q"])
        let keys = up.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(keys.count == 2 && keys[0] > keys[1], "\(keys)")
        let bad = try runCLI(["local-rate", "--by", "firm", "--local", "湖北", "--sort", "nonsense", "-q"])
        #expect(bad.status == 64 && bad.stderr.hasPrefix("chaingraph: error: --sort: unknown column 'nonsense'"), "\(bad.stderr)")
    }

    @Test("gaps --top keeps K rows of each type; --type filters")
    func gapsTopPerType() throws {
        let r = try runCLI(["gaps", "--local", "湖北", "--top", "1", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let types = r.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[0]) }
        #expect(types == ["missing_segment", "missing_link", "weak_segment", "single_source", "strong_segment"], "\(types)")
        let only = try runCLI(["gaps", "--local", "湖北", "--type", "strong_segment", "--type", "weak_segment", "-q"])
        let kinds = Set(only.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[0]) })
        #expect(kinds == ["weak_segment", "strong_segment"])
        #expect(try runCLI(["gaps", "--local", "湖北", "--type", "bogus"]).status == 64)
    }

    @Test("export --local keeps the region's links with their outside suppliers and buyers")
    func exportScoped() throws {
        let r = try runCLI(["export", "--format", "edgelist", "--local", "湖北", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let firms = try String(contentsOfFile: "\(repositoryRoot)/datasets/nev/firms.csv", encoding: .utf8)
        let hubei = Set(firms.split(separator: "\n").filter { $0.contains(",湖北") }.map { String($0.split(separator: ",")[0]) })
        let links = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(!links.isEmpty && links.allSatisfy { hubei.contains($0[0]) || hubei.contains($0[1]) })
        let whole = try runCLI(["export", "--format", "edgelist", "-q"])
        #expect(links.count < whole.stdout.split(separator: "\n").count - 1)
        let chain = try runCLI(["export", "--format", "edgelist", "--local", "湖北", "--chain", "智能网联", "-q"])
        #expect(chain.status == 0 && chain.stdout.split(separator: "\n").count - 1 < links.count)
        #expect(try runCLI(["export", "--format", "gexf", "--chain", "no-such-chain"]).status == 64)
    }

    @Test("argument errors say what is wrong, in the chaingraph: error: form")
    func argumentErrors() throws {
        let level = try runCLI(["local-rate", "--by", "firm", "--level", "-1"])
        #expect(level.status == 64)
        #expect(level.stderr.hasPrefix("chaingraph: error: --level must be a number of region components ≥ 1"), "\(level.stderr)")
        let top = try runCLI(["gaps", "--local", "湖北", "--top", "-3"])
        #expect(top.status == 64 && top.stderr.contains("--top must be a non-negative number of rows, got -3"), "\(top.stderr)")
        let unknown = try runCLI(["summary", "--frobnicate"])
        #expect(unknown.status == 64 && unknown.stderr.hasPrefix("chaingraph: error: "), "\(unknown.stderr)")
        let region = try runCLI(["gaps", "--local", "火星", "-q"])
        #expect(region.status == 64)
        // Every top-level region is listed, none dropped silently.
        #expect(region.stderr.contains("Top-level regions in this dataset (11): 上海, 四川, 安徽, 广东, 江苏, 江西, 浙江, 湖北, 湖南, 福建, 青海"), "\(region.stderr)")
        #expect(region.stderr.contains("did you mean"), "\(region.stderr)")
        // Regions as analysts type them: 湖北省 is 湖北; 武汉 is unique below province level.
        let province = try runCLI(["local-rate", "--by", "region", "--local", "湖北省"])
        #expect(province.status == 0 && province.stdout.contains("\n湖北,"), "\(province.stderr)")
        let city = try runCLI(["local-rate", "--by", "region", "--local", "武汉"])
        #expect(city.status == 0 && city.stdout.contains("\n湖北/武汉,") && city.stderr.contains("--local 武汉 is 湖北/武汉"), "\(city.stderr)")
        let typo = try runCLI(["gaps", "--local", "湖北/武漢", "-q"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean 湖北/武汉?"), "\(typo.stderr)")
        let weak = try runCLI(["gaps", "--local", "湖北", "--weak-below", "2"])
        #expect(weak.status == 64 && weak.stderr.contains("--weak-below 2.0: expected a share in [0, 1]"), "\(weak.stderr)")
    }

    @Test("terminal tables: firm names beside ids, no e-notation, shares as percentages; CSV unchanged")
    func humanTables() throws {
        let table = try runCLI(["gaps", "--local", "湖北", "--type", "single_source", "--top", "1", "--format", "table", "-q"])
        #expect(table.stdout.contains("buyer_name") && table.stdout.contains("十堰琨驰新能源汽车股份有限公司"), "\(table.stdout)")
        #expect(table.stdout.contains("386,221.9") && !table.stdout.contains("e+"), "\(table.stdout)")
        let rates = try runCLI(["local-rate", "--by", "chain", "--local", "湖北", "--format", "table", "-q"])
        #expect(rates.stdout.contains("47.1%") && rates.stdout.contains("17,053,546"), "\(rates.stdout)")
        let csv = try runCLI(["gaps", "--local", "湖北", "--type", "single_source", "--top", "1", "-q"])
        #expect(!csv.stdout.contains("buyer_name") && csv.stdout.contains("386221.9"), "\(csv.stdout)")
    }

    @Test("a command lists only the options it uses")
    func helpIsHonest() throws {
        let report = try runCLI(["report", "--help"])
        #expect(report.status == 0)
        #expect(!report.stdout.contains("--output") && !report.stdout.contains("--level") && !report.stdout.contains("--sort"))
        #expect(report.stdout.contains("--strong-above") && report.stdout.contains("--local"))
        let gaps = try runCLI(["gaps", "--help"])
        #expect(!gaps.stdout.contains("--level"))
        for kind in ["missing_segment", "missing_link", "weak_segment", "single_source", "strong_segment"] {
            #expect(gaps.stdout.contains(kind), "gaps --help explains \(kind)")
        }
        let centrality = try runCLI(["centrality", "--measure", "betweenness", "--alpha", "0.5"])
        #expect(centrality.status == 64 && centrality.stderr.contains("--alpha applies to pagerank, katz, not betweenness"), "\(centrality.stderr)")
    }

    /// SPEC §3.4: without --alpha Katz uses 0.85/λ_max. On the bundled data λ_max =
    /// 51556.08899560655 (numpy.linalg.eigvals of the value-weighted adjacency matrix), and
    /// nx.katz_centrality(G, alpha=0.85/λ_max, weight="value") ranks F0021 (0.678357516),
    /// F0022 (0.526164612), F0187 (0.232232163) first.
    @Test("Katz without --alpha uses 0.85/λ_max and says so")
    func katzDefault() throws {
        let r = try runCLI(["centrality", "--measure", "katz", "--top", "3", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("alpha = 0.85/λ_max") && r.stderr.contains("λ_max = 51556.1"), "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        let expected: [(String, Double)] = [("F0021", 0.6783575161053533), ("F0022", 0.5261646118186268), ("F0187", 0.23223216275334385)]
        for (row, (firm, score)) in zip(rows, expected) {
            #expect(row["firm"] as? String == firm)
            #expect(abs((row["score"] as! Double) - score) < 1e-8)
        }
    }
}
