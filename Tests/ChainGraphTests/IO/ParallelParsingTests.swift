import Foundation
import Testing
@testable import ChainGraph

/// Parsing `links.csv` in parallel chunks must give exactly the graph (and the errors) of
/// a single pass, whatever the number of chunks.
@Suite("Parallel link parsing")
struct ParallelParsingTests {
    private func loader(threads: Int) -> DatasetLoader {
        var l = DatasetLoader()
        l.threads = threads
        l.parallelChunkBytes = 0
        return l
    }

    /// Quote-free links (the parallel path), with and without firms.csv / segments.csv.
    private func writeDataset(_ dir: TemporaryDirectory, withFirms: Bool, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var links = "supplier,buyer,value,segment\n"
        for _ in 0..<2000 {
            let s = Int.random(in: 0..<150, using: &rng), b = Int.random(in: 0..<150, using: &rng)
            let seg = withFirms ? ["", "s0", "s1"].randomElement(using: &rng)! : ["", "x", "y", "z\(b % 7)"].randomElement(using: &rng)!
            links += "F\(s),F\(b),\(Int.random(in: 0...9, using: &rng) == 0 ? "" : String(Int.random(in: 1...500, using: &rng))),\(seg)\n"
        }
        dir.write("links.csv", links)
        if withFirms {
            dir.write("segments.csv", "id,chain\ns0,K\ns1,K\n")
            dir.write("firms.csv", "id,segment\n" + (0..<150).map { "F\($0),s\($0 % 2)\n" }.joined())
        }
    }

    @Test("1 chunk and many chunks build identical graphs", arguments: [true, false])
    func identical(withFirms: Bool) throws {
        let dir = TemporaryDirectory()
        writeDataset(dir, withFirms: withFirms, seed: withFirms ? 1 : 2)
        let single = try loader(threads: 1).load(path: dir.path)
        for threads in [2, 3, 7, 64] {
            let other = try loader(threads: threads).load(path: dir.path)
            // Compared as a Bool: a failing graph comparison would print both graphs whole.
            let same = other == single
            #expect(same, "threads \(threads)")
        }
    }

    @Test("an error in a later chunk reports its file line; the earliest error wins")
    func errorLines() throws {
        let dir = TemporaryDirectory()
        var links = "supplier,buyer,value\n"
        for i in 0..<3000 { links += "F\(i % 100),F\((i + 1) % 100),\(i == 2500 ? "-4" : "1")\n" }
        dir.write("links.csv", links)
        dir.write("firms.csv", "id\n" + (0..<100).map { "F\($0)\n" }.joined())
        for threads in [1, 2, 5] {
            do {
                _ = try loader(threads: threads).load(path: dir.path)
                Issue.record("expected an error")
            } catch {
                #expect(error == .data(SourceLocation(file: "\(dir.path)/links.csv", line: 2502, column: 3), "value must not be negative: \"-4\""))
            }
        }
        // Two errors: the one earlier in the file is reported, also across chunks.
        links = links.replacingOccurrences(of: "F10,F11,1\n", with: "F10,NOPE,1\n")
        dir.write("links.csv", links)
        for threads in [1, 2, 5] {
            do {
                _ = try loader(threads: threads).load(path: dir.path)
                Issue.record("expected an error")
            } catch {
                guard case let .data(location, message) = error else { Issue.record("\(error)"); continue }
                #expect(location.line == 12 && location.column == 2, "\(error)")
                #expect(message.contains("NOPE"))
            }
        }
    }
}
