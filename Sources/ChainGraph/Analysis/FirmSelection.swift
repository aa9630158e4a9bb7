/// A selection of firms named by an analyst: firm ids, every firm having a segment (or one
/// below it), or every firm in a region. Used for PageRank personalisation and disruption.
///
/// ```swift
/// let seeds = try FirmSelection.resolve([.segment("S40"), .firm("F0001")], in: graph)
/// ```
public enum FirmSelection {
    /// One item of a selection.
    public enum Item: Sendable, Hashable, CustomStringConvertible {
        /// One firm by id.
        case firm(String)
        /// Firms having the segment or a segment below it (the segment's subtree).
        case segment(String)
        /// Firms in the region (SPEC §2 "in region R").
        case region(RegionPath)

        /// Parses `ID`, `segment:ID` or `region:PATH`; nil for an empty item.
        public init?(parsing text: String) {
            let item = text.trimmingSpaces()
            if item.hasPrefix("segment:") {
                let id = String(item.dropFirst("segment:".count)).trimmingSpaces()
                guard !id.isEmpty else { return nil }
                self = .segment(id)
            } else if item.hasPrefix("region:") {
                guard let region = RegionPath(String(item.dropFirst("region:".count))) else { return nil }
                self = .region(region)
            } else {
                guard !item.isEmpty else { return nil }
                self = .firm(item)
            }
        }

        /// `ID`, `segment:ID` or `region:PATH`.
        public var description: String {
            switch self {
            case .firm(let id): id
            case .segment(let id): "segment:\(id)"
            case .region(let r): "region:\(r)"
            }
        }
    }

    /// The firm indices of the items, in item order (a firm may repeat).
    /// - Throws: ``ChainGraphError/unknownFirm(_:)``, ``ChainGraphError/unknownSegment(_:)``,
    ///   ``ChainGraphError/emptySelection(_:)`` for a segment or region without firms or an
    ///   empty list.
    /// - Complexity: O(items · n · segments per firm · depth) for segment and region items.
    public static func resolve(_ items: [Item], in graph: SupplyGraph) throws(ChainGraphError) -> [Int] {
        var result: [Int] = []
        for item in items {
            switch item {
            case .firm(let id):
                guard let f = graph.firms.index(of: id) else { throw .unknownFirm(id) }
                result.append(f)
            case .segment(let id):
                guard let s = graph.segments.index(of: id) else { throw .unknownSegment(id) }
                let firms = (0..<graph.firmCount).filter { f in graph.firms.segments(f).contains { graph.segments.isDescendant(Int($0), of: s) } }
                guard !firms.isEmpty else { throw .emptySelection(item.description) }
                result += firms
            case .region(let region):
                let firms = (0..<graph.firmCount).filter { graph.firms.region($0)?.isWithin(region) == true }
                guard !firms.isEmpty else { throw .emptySelection(item.description) }
                result += firms
            }
        }
        guard !result.isEmpty else { throw .emptySelection("an empty list") }
        return result
    }

    /// A personalization vector: weight 1 on each selected firm, 0 elsewhere.
    public static func indicator(_ firms: [Int], count: Int) -> [Double] {
        var p = [Double](repeating: 0, count: count)
        for f in firms { p[f] = 1 }
        return p
    }
}
