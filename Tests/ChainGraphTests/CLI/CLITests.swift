import Foundation
import Testing

@Suite("chaingraph command line")
struct CLITests {
    @Test("summary on the bundled dataset (no --dataset), CSV when piped")
    func summaryBundled() throws {
        let r = try runCLI(["summary"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "metric,value")
        #expect(lines.contains { $0.hasPrefix("firms,") })
        #expect(lines.contains { $0.hasPrefix("depth,") })
    }

    @Test("summary as JSON is an array of objects")
    func summaryJSON() throws {
        let r = try runCLI(["summary", "--format", "json"])
        #expect(r.status == 0)
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [[String: Any]]
        #expect(rows.contains { $0["metric"] as? String == "firms" })
    }

    @Test("a data error: exit 65, FILE:LINE:COLUMN on stderr, no output file left")
    func dataError() throws {
        let dir = TemporaryDirectory()
        dir.write("data/links.csv", "supplier,buyer,value\na,b,1\nb,c,-2\n")
        let r = try runCLI(["summary", "--dataset", "\(dir.path)/data", "--output", "\(dir.path)/out.csv"])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("chaingraph: error: \(dir.path)/data/links.csv:3:3: value must not be negative"), "\(r.stderr)")
        #expect(dir.listing == ["data"])
    }

    @Test("--dataset naming links.csv loads its folder")
    func csvPath() throws {
        let viaFile = try runCLI(["summary", "--dataset", "datasets/nev/links.csv", "-q"])
        #expect(viaFile.status == 0)
        #expect(viaFile.stdout == (try runCLI(["summary", "--dataset", "datasets/nev", "-q"])).stdout)
    }

    @Test("missing dataset: exit 66")
    func missingInput() throws {
        let r = try runCLI(["summary", "--dataset", "/nonexistent/folder"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("chaingraph: error: /nonexistent/folder"))
    }

    @Test("usage errors: exit 64")
    func usage() throws {
        #expect(try runCLI(["summary", "--format", "xml"]).status == 64)
        #expect(try runCLI(["summary", "--encoding", "latin9"]).status == 64)
        #expect(try runCLI(["no-such-command"]).status == 64)
        #expect(try runCLI(["convert"]).status == 64)
    }

    @Test("unwritable output: exit 73")
    func unwritable() throws {
        let r = try runCLI(["summary", "--output", "/nonexistent/dir/out.csv"])
        #expect(r.status == 73, "\(r.stderr)")
    }

    @Test("convert then load the snapshot: same summary; a damaged snapshot is exit 65")
    func convert() throws {
        let dir = TemporaryDirectory()
        let snapshot = "\(dir.path)/nev.cgs"
        #expect(try runCLI(["convert", "--output", snapshot]).status == 0)
        let fromCSV = try runCLI(["summary"]), fromSnapshot = try runCLI(["summary", "--dataset", snapshot])
        #expect(fromSnapshot.status == 0)
        #expect(fromSnapshot.stdout == fromCSV.stdout)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: snapshot))
        bytes[bytes.count / 2] ^= 0x55
        try bytes.write(to: URL(fileURLWithPath: snapshot))
        let damaged = try runCLI(["summary", "--dataset", snapshot])
        #expect(damaged.status == 65)
        #expect(damaged.stderr.contains("checksum"))
    }

    @Test("--output writes atomically and --help teaches with examples")
    func outputAndHelp() throws {
        let dir = TemporaryDirectory()
        #expect(try runCLI(["summary", "--output", "\(dir.path)/s.csv"]).status == 0)
        #expect(dir.listing == ["s.csv"])
        for command in ["summary", "convert"] {
            let help = try runCLI([command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Example"), "\(command) --help")
        }
    }
}
