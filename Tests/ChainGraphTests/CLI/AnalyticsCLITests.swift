import Foundation
import Testing

@Suite("chaingraph analytics commands")
struct AnalyticsCLITests {
    @Test("every analytics command runs on the bundled dataset with SPEC columns", arguments: [
        (["local-rate", "--by", "segment", "--local", "湖北"], "key,buyers,input_value,local_value,value_rate,pairs,local_pairs,count_rate"),
        (["local-rate", "--by", "region", "--level", "2"], "key,buyers,input_value,local_value,value_rate,pairs,local_pairs,count_rate"),
        (["gaps", "--local", "湖北"], "type,chain,segment,buyer,supplier,value,imported_value,dependents,local_share,supplier_local,candidates"),
        (["leaders", "--local", "湖北"], "chain,rank,firm,score,r,p,u,leader,specialist"),
        (["linkages"], "segment,output,backward,forward,key"),
        (["simulate", "--remove", "F0276"], "firm,capacity,revenue_loss"),
        (["coverage", "--local", "湖北"], "chain,leaves,present,coverage,missing"),
    ])
    func bundled(_ args: [String], header: String) throws {
        let r = try runCLI(args + ["-q"])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        #expect(r.stdout.hasPrefix(header + "\n"), "\(args)")
        #expect(r.stdout.split(separator: "\n").count > 1)
    }

    @Test("impossible requests: unknown region or firm (64), no chain tree (66)")
    func errors() throws {
        let noRegion = try runCLI(["gaps", "--local", "西藏"])
        #expect(noRegion.status == 64 && noRegion.stderr.contains("matches no firm"), "\(noRegion.stderr)")
        #expect(try runCLI(["local-rate", "--by", "firm"]).status == 64)  // neither --local nor --level
        #expect(try runCLI(["local-rate", "--by", "firm", "--local", "湖北", "--level", "1"]).status == 64)
        #expect(try runCLI(["simulate", "--remove", "NOPE"]).status == 64)
        #expect(try runCLI(["simulate", "--remove", "F0001", "--substitution", "2"]).status == 64)
        let dir = TemporaryDirectory()
        dir.write("links.csv", "supplier,buyer\na,b\n")
        for command in [["gaps", "--local", "湖北"], ["leaders"], ["coverage", "--local", "x"]] {
            let r = try runCLI(command + ["--dataset", dir.path])
            #expect(r.status == 66, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("segments.csv"))
        }
    }
}
