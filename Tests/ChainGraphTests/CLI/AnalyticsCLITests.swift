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
        (["whatif", "--local", "湖北", "--attract", "F0305"],
         "group,key,input_value,local_value_before,local_value_after,value_rate_before,value_rate_after,delta,moved_value"),
        (["whatif", "--local", "湖北", "--rank"], "chain,segment,candidate,capacity,moved_value,value_rate_before,value_rate_after,delta"),
        (["diff", "--before", "datasets/nev", "--after", "datasets/nev-2025", "--local", "湖北"], "section,key,before,after,delta"),
        (["radius", "--by", "chain", "--local", "湖北"], "key,buyers,located_value,median_km,p90_km"),
        (["local-rate", "--by", "chain", "--within-km", "100"], "key,buyers,input_value,local_value,value_rate,pairs,local_pairs,count_rate"),
    ])
    func bundled(_ args: [String], header: String) throws {
        let r = try runCLI(args + ["-q"])
        #expect(r.status == 0, "\(args): \(r.stderr)")
        #expect(r.stdout.hasPrefix(header + "\n"), "\(args)")
        #expect(r.stdout.split(separator: "\n").count > 1)
    }

    /// The policy-cycle commands refuse what SPEC §3.7–§3.9 does not define, naming the flag.
    @Test("whatif, diff and radius usage errors are exit 64 with the flag named")
    func policyCycleErrors() throws {
        let none = try runCLI(["whatif", "--local", "湖北"])
        #expect(none.status == 64 && none.stderr.contains("--attract"), "\(none.stderr)")
        let inside = try runCLI(["whatif", "--local", "湖北", "--attract", "F0001"])
        #expect(inside.status == 64 && inside.stderr.contains("already in 湖北"), "\(inside.stderr)")
        let negative = try runCLI(["whatif", "--local", "湖北", "--add", "S10", "--capacity", "-5"])
        #expect(negative.status == 64 && negative.stderr.contains("--capacity"), "\(negative.stderr)")
        #expect(try runCLI(["whatif", "--local", "湖北", "--add", "S10"]).status == 64)   // no capacity
        #expect(try runCLI(["whatif", "--local", "湖北", "--add", "NOPE", "--capacity", "1"]).status == 64)
        #expect(try runCLI(["diff", "--local", "湖北"]).status == 64)                    // no --before
        #expect(try runCLI(["local-rate", "--by", "chain", "--within-km", "50", "--local", "湖北"]).status == 64)
        #expect(try runCLI(["local-rate", "--by", "leader", "--within-km", "50"]).status == 64)
        #expect(try runCLI(["radius", "--by", "chain"]).status == 64)                    // neither --local nor --level
        // --gaps in JSON is one object with both tables.
        let both = try runCLI(["whatif", "--local", "湖北", "--attract", "F0305", "--gaps", "--format", "json", "-q"])
        let object = try JSONSerialization.jsonObject(with: Data(both.stdout.utf8)) as? [String: Any]
        #expect(object?["whatif"] is [Any] && object?["closed_gaps"] is [Any], "\(both.stdout)")
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
