import Foundation
import Testing

/// End-to-end comparison of `chaingraph <command> --format json` with an independent Python
/// implementation of SPEC §2–§3.6 (Tests/Fixtures/analytics/reference.py, expected outputs
/// written by make_fixtures.py): a hand-derived dataset, four random ones and two IO edge
/// cases, 16 cases each — rows, order, empty cells and every field.
struct AnalyticsCase: CustomTestStringConvertible, Sendable {
    let dataset: String
    let name: String
    var testDescription: String { "\(dataset)/\(name)" }

    static let root = "\(repositoryRoot)/Tests/Fixtures/analytics"

    static let all: [AnalyticsCase] = {
        let datasets = (try? FileManager.default.contentsOfDirectory(atPath: root))?.filter {
            FileManager.default.fileExists(atPath: "\(root)/\($0)/expected.json")
        }.sorted() ?? []
        return datasets.flatMap { dataset -> [AnalyticsCase] in
            let json = try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(root)/\(dataset)/expected.json"))) as! [String: Any]
            return json.keys.sorted().map { AnalyticsCase(dataset: dataset, name: $0) }
        }
    }()

    var spec: [String: Any] {
        let json = try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Self.root)/\(dataset)/expected.json"))) as! [String: Any]
        return json[name] as! [String: Any]
    }
}

/// Compares two JSON values: numbers to 1e-9 relative, `;`-joined candidates with lists.
private func same(_ got: Any?, _ want: Any?) -> Bool {
    switch (got, want) {
    case (nil, nil), (is NSNull, is NSNull), (nil, is NSNull), (is NSNull, nil): return true
    case let (g as String, w as [Any]): return (g.isEmpty ? [] : g.split(separator: ";").map(String.init)) == (w as? [String])
    case let (g as NSNumber, w as NSNumber):
        // JSON booleans decode as NSNumber with objCType "c"; a bool never equals a number.
        let gBool = String(cString: g.objCType) == "c", wBool = String(cString: w.objCType) == "c"
        if gBool || wBool { return gBool == wBool && g.boolValue == w.boolValue }
        let a = g.doubleValue, b = w.doubleValue
        return abs(a - b) <= max(1e-12, 1e-9 * abs(b))
    case let (g as String, w as String): return g == w
    default: return false
    }
}

@Suite("Chain analytics against the independent Python reference")
struct ReferenceAnalyticsTests {
    @Test("CLI JSON matches the reference", arguments: AnalyticsCase.all)
    func matches(_ c: AnalyticsCase) throws {
        let spec = c.spec
        let command = spec["command"] as! String
        let args = spec["args"] as! [String]
        let dataset = "\(AnalyticsCase.root)/\(c.dataset)"
        // `raw_args` cases (diff) name their datasets themselves, under {root}.
        let r = spec["raw_args"] as? Bool == true
            ? try runCLI([command, "--format", "json"] + args.map { $0.replacingOccurrences(of: "{root}", with: AnalyticsCase.root) })
            : try runCLI([command, "--dataset", dataset, "--format", "json"] + args)
        if let segment = spec["segment"] as? String {  // an expected error (non-productive IO system)
            #expect(r.status == 65, "\(r.stderr)")
            #expect(r.stderr.contains("segment \(segment)"), "\(r.stderr)")
            return
        }
        #expect(r.status == 0, "\(r.stderr)")
        let output = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        // `whatif --gaps` prints {"whatif": rows, "closed_gaps": rows}.
        var tables: [(name: String, got: [[String: Any]], want: [[String: Any]])] = []
        if let object = output as? [String: Any] {
            tables.append(("whatif", object["whatif"] as? [[String: Any]] ?? [], spec["rows"] as! [[String: Any]]))
            tables.append(("closed_gaps", object["closed_gaps"] as? [[String: Any]] ?? [], spec["closed_gaps"] as? [[String: Any]] ?? []))
        } else {
            tables.append(("rows", output as! [[String: Any]], spec["rows"] as! [[String: Any]]))
        }
        for (name, got, want) in tables {
            #expect(got.count == want.count, "\(name): row count")
            for (i, (g, w)) in zip(got, want).enumerated() {
                #expect(Set(g.keys) == Set(w.keys), "\(name) row \(i) columns")
                for (key, value) in w where !same(g[key], value) {
                    Issue.record("\(name) row \(i) \(key): got \(g[key] ?? "nil"), reference \(value) — row \(w)")
                }
            }
        }
        if let warnings = spec["warnings"] as? [String], !warnings.isEmpty {
            #expect(r.stderr.contains(warnings.joined(separator: ", ")), "\(r.stderr)")
        }
        if let totals = spec["totals"] as? [String: Any] {
            let risk = totals["revenue_at_risk"] as! Double
            let byChain = try runCLI([command, "--dataset", dataset, "--format", "json", "--by", "chain", "-q"] + args)
            let chains = try JSONSerialization.jsonObject(with: Data(byChain.stdout.utf8)) as! [[String: Any]]
            for (chain, loss) in totals["chain_loss"] as! [String: Double] {
                let row = chains.first { $0["key"] as? String == chain }
                #expect(same(row?["revenue_loss"], loss), "chain \(chain)")
            }
            let byRegion = try runCLI([command, "--dataset", dataset, "--format", "json", "--by", "region", "-q"] + args)
            let regions = try JSONSerialization.jsonObject(with: Data(byRegion.stdout.utf8)) as! [[String: Any]]
            for (region, loss) in totals["region_loss"] as! [String: Double] where loss > 0 {
                let row = regions.first { $0["key"] as? String == region }
                #expect(same(row?["revenue_loss"], loss), "region \(region)")
            }
            let total = regions.reduce(0.0) { $0 + ($1["revenue_loss"] as! Double) }
            #expect(abs(total - risk) <= 1e-9 * max(1, risk))
        }
    }
}
