import Testing
@testable import ChainGraph

@Suite("Result rows, ranking and number printing")
struct ResultsTests {
    /// SPEC §4: scores equal to 12 significant digits are tied and ordered by id. 0.1 + 0.2
    /// and 0.3 differ in the 17th digit (round-off), so "b" before "a" by raw value would be
    /// solver noise; 0.3000001 is a real difference.
    @Test("ties to 12 significant digits are ordered by id")
    func ties() {
        let scores = [0.1 + 0.2, 0.3, 0.3000001, 0.3 - 1e-13]
        let ids = ["b", "a", "z", "c"]
        #expect(Ranking.order(scores) { ids[$0] }.map { ids[$0] } == ["z", "a", "b", "c"])
        #expect(Ranking.tied(0.1 + 0.2, 0.3) && !Ranking.tied(0.3, 0.3000001))
        // UTF-8 byte order: "F10" < "F9" < "甲".
        #expect(Ranking.order([1, 1, 1]) { ["甲", "F9", "F10"][$0] } == [2, 1, 0])
        #expect(Ranking.higher(2e-300, 1e-300) && !Ranking.higher(0, 0))
    }

    @Test("money: compensated sums and 15 significant digits")
    func money() {
        // 0.1 added ten times is 0.9999999999999999 left to right; Neumaier gives 1.
        #expect(MoneySum.of(Array(repeating: 0.1, count: 10)) == 1)
        #expect(NumberFormat.money(8032217.200000001) == "8032217.2")
        #expect(NumberFormat.money(-35.700000000000045) == "-35.7")
        #expect(NumberFormat.money(17053546) == "17053546")
        #expect(NumberFormat.plain(2.0) == "2" && NumberFormat.plain(0.47099982607722757) == "0.47099982607722757")
        #expect(NumberFormat.plain(.nan) == "" && NumberFormat.money(.infinity) == "")
    }

    struct Row: ResultRow {
        var name: String
        var value: Double?
        static let columns = [ResultColumn("name", .text), ResultColumn("value", .money)]
        var cells: [ResultCell] { [.text(name), .money(value)] }
    }

    @Test("tables sort by any column, empty cells last, and cut per group")
    func tables() throws {
        let rows = [Row(name: "b", value: 2), Row(name: "a", value: nil), Row(name: "c", value: 5)]
        let table = ResultTable(rows)
        #expect(try table.sorted(by: "value").rows.map { $0[0] } == [.text("c"), .text("b"), .text("a")])
        #expect(try table.sorted(by: "value", descending: false).rows.map { $0[0] } == [.text("b"), .text("c"), .text("a")])
        #expect(try table.sorted(by: "name").rows.map { $0[0] } == [.text("a"), .text("b"), .text("c")])
        #expect(throws: ChainGraphError.unknownColumn("x", available: ["name", "value"])) { try table.sorted(by: "x") }
        var grouped = ResultTable(rows + rows, groupColumn: "name")
        grouped = grouped.top(1)
        #expect(grouped.rows.count == 3)
        #expect(table.filter(column: "name", in: ["a", "c"]).rows.count == 2)
    }
}
