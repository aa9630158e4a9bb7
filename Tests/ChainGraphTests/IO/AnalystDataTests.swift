import Foundation
import Testing

/// SPEC §1.1: data as analysts have it gives exactly the clean data's answers, and what
/// cannot be repaired is an error naming the cell. Fixtures: Tests/Fixtures/dirty
/// (make_fixtures.py writes the clean dataset and each dirty variant of it).
@Suite("Analysts' files: the same answers as the clean data")
struct AnalystDataTests {
    static let root = "\(repositoryRoot)/Tests/Fixtures/dirty"
    static let commands: [[String]] = [
        ["local-rate", "--by", "chain", "--local", "湖北"], ["local-rate", "--by", "firm", "--local", "湖北"],
        ["local-rate", "--by", "region", "--level", "2"], ["gaps", "--local", "湖北"], ["leaders", "--local", "湖北"],
        ["centrality", "--measure", "degree"],
    ]

    /// Two JSON values equal up to 1e-9 relative for numbers (unit conversions round in the
    /// last bit: 0.08305 亿元 is 830.4999999999999 万元).
    static func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (x as [Any], y as [Any]): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (x as [String: Any], y as [String: Any]): return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0]!, y[$0]!) }
        case let (x as NSNumber, y as NSNumber):
            if String(cString: x.objCType) == "c" || String(cString: y.objCType) == "c" { return x == y }
            return abs(x.doubleValue - y.doubleValue) <= 1e-9 * max(1, abs(y.doubleValue))
        case let (x as String, y as String): return x == y
        case (is NSNull, is NSNull): return true
        default: return false
        }
    }

    @Test("dirty variants answer like the clean dataset", arguments: ["title_units", "invoice_tsv", "workbook/产业链数据.xlsx"])
    func equivalence(variant: String) throws {
        for command in Self.commands {
            let clean = try runCLI(command + ["--dataset", "\(Self.root)/clean", "--format", "json", "-q"])
            let dirty = try runCLI(command + ["--dataset", "\(Self.root)/\(variant)", "--format", "json"])
            #expect(clean.status == 0 && dirty.status == 0, "\(variant) \(command): \(dirty.stderr)")
            guard clean.status == 0 && dirty.status == 0 else { continue }
            let a = try JSONSerialization.jsonObject(with: Data(dirty.stdout.utf8))
            let b = try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8))
            #expect(Self.same(a, b), "\(variant) \(command):\n\(dirty.stdout)\nclean:\n\(clean.stdout)")
        }
    }

    @Test("what was repaired is said on stderr, in one line")
    func notes() throws {
        let r = try runCLI(["summary", "--dataset", "\(Self.root)/title_units"])
        #expect(r.status == 0, "\(r.stderr)")
        for phrase in ["skipped 1 row(s) above the header", "skipped a total row", "dropped a firm row identical to line",
                       "converted", "to 万元", "resolved by name"] {
            #expect(r.stderr.contains(phrase), "\(phrase) in \(r.stderr)")
        }
        let quiet = try runCLI(["summary", "--dataset", "\(Self.root)/title_units", "-q"])
        #expect(quiet.stderr.isEmpty)
    }

    @Test("check lists every problem in one pass with places and codes; exit 65 on errors")
    func check() throws {
        let r = try runCLI(["check", "--dataset", "\(Self.root)/errors", "--format", "json"])
        #expect(r.status == 65, "\(r.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        func has(_ code: String, _ file: String, _ line: Int, _ column: Int, _ words: String) -> Bool {
            rows.contains { ($0["code"] as? String) == code && ($0["file"] as? String)?.hasSuffix(file) == true
                && ($0["line"] as? Int) == line && ($0["column"] as? Int) == column && (($0["message"] as? String) ?? "").contains(words) }
        }
        #expect(has("unknown_value", "firms.csv", 3, 4, "#N/A from a failed lookup"), "\(rows)")   // revenue: a warning
        #expect(has("negative_amount", "firms.csv", 6, 4, "negative amount in accounting notation"), "\(rows)")
        #expect(has("unknown_value", "links.csv", 2, 3, "unknown value (#N/A from a failed lookup)"), "\(rows)")
        #expect(has("negative_amount", "links.csv", 3, 3, "negative amount in accounting notation"), "\(rows)")
        #expect(has("ambiguous_name", "links.csv", 4, 1, "C, D"), "\(rows)")
        #expect(has("unknown_firm", "links.csv", 5, 1, "--add-unknown-firms"), "\(rows)")
        #expect(has("not_a_number", "links.csv", 6, 3, "\"abc\""), "\(rows)")
        #expect(rows.first { ($0["line"] as? Int) == 3 && ($0["code"] as? String) == "unknown_value" && ($0["file"] as? String)?.hasSuffix("firms.csv") == true }?["severity"] as? String == "warning")
        // Every other command stops at the first error, naming the cell.
        let run = try runCLI(["summary", "--dataset", "\(Self.root)/errors"])
        #expect(run.status == 65 && run.stderr.contains("errors/firms.csv:6:4: revenue must not be negative: \"(35.5)\""), "\(run.stderr)")
        let clean = try runCLI(["check", "--dataset", "\(Self.root)/clean"])
        #expect(clean.status == 0 && clean.stderr.contains("0 error(s)"), "\(clean.stderr)")
    }

    @Test("unknown suppliers of a tax extract: an error, or added with --add-unknown-firms")
    func unknownFirms() throws {
        let dir = TemporaryDirectory()
        dir.write("firms.csv", "id,name,region\nA,甲,湖北/武汉\nB,乙,湖北/武汉\n")
        dir.write("links.csv", "销方名称,购方名称,价税合计\n外省供应商,乙,\"1,000\"\n甲,乙,500\n")
        let strict = try runCLI(["summary", "--dataset", dir.path])
        #expect(strict.status == 65 && strict.stderr.contains("links.csv:2:1: unknown firm \"外省供应商\""), "\(strict.stderr)")
        let added = try runCLI(["local-rate", "--by", "region", "--local", "湖北", "--dataset", dir.path, "--add-unknown-firms", "--format", "json"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stderr.contains("added 1 firm(s)"), "\(added.stderr)")
        #expect(added.stdout.contains("\"input_value\": 1500") && added.stdout.contains("\"local_value\": 500"), "\(added.stdout)")
    }

    /// The worst case: a value column headed 金额（万元） was silently ignored and
    /// every link counted 1. Now the header matches (unit stripped), and a links table with
    /// no value column at all says that every link counts 1.
    @Test("a value header with a unit is read; a missing value column is a warning")
    func valueHeader() throws {
        let dir = TemporaryDirectory()
        dir.write("links.csv", "supplier,buyer,金额（万元）\na,b,3.5\nb,c,1.5\n")
        let r = try runCLI(["summary", "--dataset", dir.path, "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(rows.first { $0["metric"] as? String == "total_value" }?["value"] as? Double == 5, "\(r.stdout)")
        dir.write("links.csv", "supplier,buyer\na,b\nb,c\n")
        let none = try runCLI(["summary", "--dataset", dir.path])
        #expect(none.stderr.contains("no value column (金额): every link counts 1"), "\(none.stderr)")
    }
}

/// The bundled analyst workbook (datasets/nev-analyst, written from datasets/nev by
/// datasets/tools/make_analyst_workbook.py) answers like the clean CSV dataset: the same
/// local rates by chain and segment, the same counts.
@Suite("The bundled analyst workbook")
struct AnalystWorkbookTests {
    @Test("datasets/nev-analyst gives datasets/nev's local rates")
    func sameRates() throws {
        let book = "\(repositoryRoot)/datasets/nev-analyst/湖北新能源汽车产业链.xlsx"
        for by in ["chain", "segment", "region"] {
            let clean = try runCLI(["local-rate", "--by", by, "--local", "湖北", "--format", "json", "-q"])
            let dirty = try runCLI(["local-rate", "--by", by, "--local", "湖北省", "--format", "json", "--dataset", book])
            #expect(dirty.status == 0, "\(dirty.stderr)")
            let a = try JSONSerialization.jsonObject(with: Data(dirty.stdout.utf8))
            let b = try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8))
            #expect(AnalystDataTests.same(a, b), "--by \(by):\n\(dirty.stdout)\nclean:\n\(clean.stdout)")
        }
        let check = try runCLI(["check", "--dataset", book, "--format", "csv"])
        #expect(check.status == 0, "\(check.stderr)")
        for code in ["title_rows", "total_row", "unit_converted", "name_for_id"] { #expect(check.stdout.contains(code), "\(code)") }
        #expect(check.stderr.contains("money in 万元"), "\(check.stderr)")
    }
}
