import Testing
@testable import ChainGraph

/// ``NumericIdIndex`` must answer exactly what the hash table answers, for every byte
/// sequence: it is a faster route to the same firm index, never a fuzzy match.
@Suite("Numeric id index")
struct NumericIdIndexTests {
    private func find(_ index: NumericIdIndex, _ key: String) -> Int32 {
        var k = key
        return k.withUTF8 { index.find($0) }
    }

    /// Every key gets the hash table's answer (-1 for "not an id").
    private func expectSameAsHash(_ ids: [String], probes: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var interner = IdInterner()
        for id in ids { _ = interner.insert(id) }
        let index = try #require(NumericIdIndex(interner.table), sourceLocation: sourceLocation)
        for key in ids + probes {
            #expect(find(index, key) == (interner.find(key) ?? -1), "key \(key)", sourceLocation: sourceLocation)
        }
    }

    @Test("ids in file order: F0 … F{n-1} and F1 … Fn resolve by subtraction")
    func inOrder() throws {
        try expectSameAsHash((0..<500).map { "F\($0)" }, probes: ["F500", "F-1", "F", "G1", "F01", "F1 ", "f1", "F00", "F1234567890", ""])
        try expectSameAsHash((1...500).map { "F\($0)" }, probes: ["F0", "F501", "F001"])
    }

    @Test("fixed width with leading zeros: F0007 is an id, F7 is not")
    func fixedWidth() throws {
        let ids = [7, 3, 100, 42, 999].map { "F" + String(repeating: "0", count: 4 - String($0).count) + String($0) }
        try expectSameAsHash(ids, probes: ["F7", "F07", "F00007", "F0008", "F9999", "F0999", "X0007", "F000a"])
    }

    @Test("varying widths without leading zeros, shuffled")
    func shuffled() throws {
        var rng = SplitMix64(seed: 3)
        let ids = (0..<300).map { "企业\($0 * 3 + 1)" }.shuffled(using: &rng)
        try expectSameAsHash(ids, probes: ["企业0", "企业01", "企业2", "企业898", "企业", "企"])
    }

    @Test("ids that are not one prefix plus a number, or too sparse, get no index")
    func declines() {
        func index(_ ids: [String]) -> NumericIdIndex? {
            var interner = IdInterner()
            for id in ids { _ = interner.insert(id) }
            return NumericIdIndex(interner.table)
        }
        #expect(index([]) == nil)
        #expect(index(["F1", "G2"]) == nil)            // two prefixes
        #expect(index(["F1", "F2x"]) == nil)           // not only digits after the prefix
        #expect(index(["F1", "F01"]) == nil)           // varying widths with a leading zero
        #expect(index(["F1", "F9999999"]) == nil)      // too sparse for a dense table
        #expect(index(["F1234567890"]) == nil)         // more than 9 digits
        #expect(index(["ABC"]) == nil)                 // no number at all
        #expect(index(["1", "2", "3"]) != nil)         // an empty prefix is fine
    }

    @Test("a dataset loads to the same graph with numeric and with arbitrary ids")
    func sameGraph() throws {
        var rng = SplitMix64(seed: 9)
        let order = (0..<200).shuffled(using: &rng)
        var links = "supplier,buyer,value\n"
        for _ in 0..<3000 {
            links += "F\(Int.random(in: 0..<200, using: &rng)),F\(Int.random(in: 0..<200, using: &rng)),\(Int.random(in: 1...99, using: &rng))\n"
        }
        let numeric = TemporaryDirectory(), named = TemporaryDirectory()
        numeric.write("links.csv", links)
        numeric.write("firms.csv", "id\n" + order.map { "F\($0)\n" }.joined())
        // The same firms with an extra non-numeric id: the hash path.
        named.write("links.csv", links)
        named.write("firms.csv", "id\n" + order.map { "F\($0)\n" }.joined() + "X\n")
        var loader = DatasetLoader()
        loader.parallelChunkBytes = 0
        let a = try loader.load(path: numeric.path), b = try loader.load(path: named.path)
        #expect(a.inSupplier == b.inSupplier && a.inOffsets == Array(b.inOffsets.dropLast()) && a.value == b.value)
        // An id that is not in firms.csv is still an error with its location.
        numeric.write("links.csv", "supplier,buyer,value\nF1,F2,3\nF1,F0200,4\n")
        do {
            _ = try loader.load(path: numeric.path)
            Issue.record("expected an unknown-firm error")
        } catch {
            guard case let .data(location, message) = error else { Issue.record("\(error)"); return }
            #expect(location == ChainGraph.SourceLocation(file: "\(numeric.path)/links.csv", line: 3, column: 2))
            #expect(message.hasPrefix("unknown firm \"F0200\""))
        }
    }
}
