/// Firm attributes in columns (SPEC §1 `firms.csv`), indexed by dense firm index.
///
/// Columnar so that ten million firms stay compact and a snapshot stores each column as
/// one flat array.
public struct FirmTable: Sendable, Equatable {
    /// Firm ids and the id → index lookup.
    package var idIndex: IdInterner
    /// Display names (empty when unknown).
    public package(set) var names: StringTable
    /// Distinct region paths; firms refer to them by index.
    public package(set) var regions: [RegionPath]
    /// Region index of each firm, -1 when unknown.
    package var regionOf: [Int32]
    /// `segmentList[segmentOffsets[f]..<segmentOffsets[f+1]]` are firm f's segments,
    /// primary first.
    package var segmentOffsets: [Int]
    package var segmentList: [Int32]
    /// Revenue, NaN when unknown.
    package var revenueColumn: [Double]
    /// Distinct tag labels; firms refer to them by index.
    public package(set) var tagNames: [String]
    package var tagOffsets: [Int]
    package var tagList: [Int32]
    /// Explicit coordinates from `lat`/`lon` (SPEC §3.9): latitude and longitude of firm f at
    /// 2f and 2f+1, NaN when not given; empty when no firm has them.
    package var locationColumn: [Double]

    package init() {
        idIndex = IdInterner()
        names = StringTable()
        regions = []
        regionOf = []
        segmentOffsets = [0]
        segmentList = []
        revenueColumn = []
        tagNames = []
        tagOffsets = [0]
        tagList = []
        locationColumn = []
    }

    /// Number of firms.
    public var count: Int { idIndex.count }

    /// Firm ids in index order.
    public var ids: StringTable { idIndex.table }

    /// The id of firm `f`.
    public func id(_ f: Int) -> String { idIndex.table[f] }

    /// The index of the firm with this id.
    /// - Complexity: expected O(length of id).
    public func index(of id: String) -> Int? { idIndex.find(id).map(Int.init) }

    /// Display name of firm `f` (empty when unknown).
    public func name(_ f: Int) -> String { f < names.count ? names[f] : "" }

    /// Region of firm `f`, nil when unknown.
    public func region(_ f: Int) -> RegionPath? {
        let r = regionOf[f]
        return r < 0 ? nil : regions[Int(r)]
    }

    /// Segment indices of firm `f`, primary first.
    public func segments(_ f: Int) -> ArraySlice<Int32> { segmentList[segmentOffsets[f]..<segmentOffsets[f + 1]] }

    /// The primary segment of firm `f` (the first listed), nil when it has none.
    public func primarySegment(_ f: Int) -> Int? {
        segmentOffsets[f] < segmentOffsets[f + 1] ? Int(segmentList[segmentOffsets[f]]) : nil
    }

    /// Revenue of firm `f`, nil when unknown.
    public func revenue(_ f: Int) -> Double? {
        let r = revenueColumn[f]
        return r.isNaN ? nil : r
    }

    /// The `lat`/`lon` of firm `f` in WGS-84 degrees as given in the firms table, nil when
    /// not given (``FirmLocations`` adds division centroids for the others).
    public func coordinates(_ f: Int) -> (latitude: Double, longitude: Double)? {
        guard 2 * f + 1 < locationColumn.count, !locationColumn[2 * f].isNaN else { return nil }
        return (locationColumn[2 * f], locationColumn[2 * f + 1])
    }

    /// Whether any firm has explicit coordinates.
    public var hasCoordinates: Bool { !locationColumn.isEmpty }

    /// Tags of firm `f`.
    public func tags(_ f: Int) -> [String] { tagList[tagOffsets[f]..<tagOffsets[f + 1]].map { tagNames[Int($0)] } }
}

extension FirmTable {
    /// Column-wise equality; unknown revenues (NaN) compare equal to each other.
    public static func == (lhs: FirmTable, rhs: FirmTable) -> Bool {
        lhs.idIndex.table == rhs.idIndex.table && lhs.names == rhs.names && lhs.regions == rhs.regions
            && lhs.regionOf == rhs.regionOf && lhs.segmentOffsets == rhs.segmentOffsets && lhs.segmentList == rhs.segmentList
            && lhs.revenueColumn.map(\.bitPattern) == rhs.revenueColumn.map(\.bitPattern)
            && lhs.tagNames == rhs.tagNames && lhs.tagOffsets == rhs.tagOffsets && lhs.tagList == rhs.tagList
            && lhs.locationColumn.map(\.bitPattern) == rhs.locationColumn.map(\.bitPattern)
    }
}
