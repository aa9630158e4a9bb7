import Foundation
import Testing
@testable import ChainGraph

/// Writes a random dataset folder: quoted names with commas and quotes, Chinese text,
/// duplicate rows, self-loops, empty values and segments, firms without links.
func writeRandomDataset(seed: UInt64, firms n: Int, links m: Int, into dir: TemporaryDirectory) {
    var rng = SplitMix64(seed: seed)
    let provinces = ["湖北/武汉/东湖高新区", "湖北/襄阳", "广东/深圳/坪山区", "江苏/常州", ""]
    var segments = "id,name,chain,parent,stage,inputs\n"
    segments += "root,\"整车, 总装\",NEV,,downstream,\n"
    for k in 0..<6 { segments += "s\(k),环节\(k),NEV,\(k % 2 == 0 ? "root" : ""),\(["upstream", "中游", ""][k % 3]),\(k > 0 ? "s\(k - 1)" : "")\n" }
    dir.write("segments.csv", segments)
    var firms = "id,name,region,segment,revenue,tags\n"
    for f in 0..<n {
        let name = f % 7 == 0 ? "\"Firm \"\"\(f)\"\", Ltd\"" : "企业\(f)"
        let segs = f % 5 == 0 ? "" : (f % 3 == 0 ? "s\(f % 6);s\((f + 1) % 6)" : "s\(f % 6)")
        let revenue = f % 9 == 0 ? "" : String(Double(Int.random(in: 0...1_000_000, using: &rng)) / 8)
        firms += "F\(f),\(name),\(provinces.randomElement(using: &rng)!),\(segs),\(revenue),\(f % 4 == 0 ? "专精特新" : "")\n"
    }
    dir.write("firms.csv", firms)
    var links = "supplier,buyer,value,segment\r\n"
    for _ in 0..<m {
        let s = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
        let value = Int.random(in: 0..<10, using: &rng) == 0 ? "" : String(Double(Int.random(in: 0...10_000, using: &rng)) / 16)
        let seg = Int.random(in: 0..<3, using: &rng) == 0 ? "" : "s\(Int.random(in: 0..<6, using: &rng))"
        links += "F\(s),F\(b),\(value),\(seg)\r\n"
    }
    dir.write("links.csv", links)
}

@Suite("Snapshots")
struct SnapshotTests {
    @Test("random datasets round-trip CSV → graph → snapshot → graph identically", arguments: [(11, 40, 300), (12, 200, 3000), (13, 1, 0)])
    func roundTrip(seed: UInt64, firms: Int, links: Int) throws {
        let dir = TemporaryDirectory()
        writeRandomDataset(seed: seed, firms: firms, links: links, into: dir)
        let graph = try load(dir.path)
        let file = "\(dir.path)/graph.cgs"
        try Snapshot.write(graph, to: file)
        #expect(Snapshot.isSnapshot(path: file))
        let again = try load(file)
        #expect(again == graph)
        #expect(GraphSummary(again) == GraphSummary(graph))
        #expect(again.firms.index(of: "F0") == graph.firms.index(of: "F0"))
        // Writing is atomic: no temporary file is left beside the snapshot.
        #expect(dir.listing == ["firms.csv", "graph.cgs", "links.csv", "segments.csv"])
    }

    @Test("truncated, damaged or foreign files are data errors, never crashes")
    func corruption() throws {
        let dir = TemporaryDirectory()
        writeRandomDataset(seed: 5, firms: 30, links: 100, into: dir)
        let file = "\(dir.path)/g.cgs"
        try Snapshot.write(try load(dir.path), to: file)
        let good = try Array(Data(contentsOf: URL(fileURLWithPath: file)))
        var cases: [(String, [UInt8])] = [
            ("empty", []),
            ("magic only", Array(good[0..<8])),
            ("truncated header", Array(good[0..<30])),
            ("truncated payload", Array(good[0..<(good.count - 9)])),
            ("trailing bytes", good + [0]),
        ]
        var rng = SplitMix64(seed: 99)
        for k in 0..<40 {
            var damaged = good
            let at = Int.random(in: 8..<good.count, using: &rng)
            damaged[at] ^= UInt8.random(in: 1...255, using: &rng)
            cases.append(("flipped byte \(k) at \(at)", damaged))
        }
        var wrongVersion = good
        wrongVersion[8] = 99
        cases.append(("version", wrongVersion))
        for (label, bytes) in cases {
            let path = dir.write("bad.cgs", bytes: bytes)
            do {
                _ = try Snapshot.read(path: path)
                Issue.record("\(label): accepted a damaged snapshot")
            } catch {
                #expect(error.exitCode == 65, "\(label): \(error)")
                #expect(error.description.contains("bad.cgs"), "\(label): \(error)")
            }
        }
    }
}
