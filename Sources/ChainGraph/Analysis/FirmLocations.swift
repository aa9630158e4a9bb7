import Glibc

/// Where each firm is (SPEC §3.9): its `lat`/`lon` from the firms table when given, else the
/// centre point of the deepest administrative division its region resolves to (the bundled
/// GB/T 2260 table), else unknown — also when that division has no point in the table (a few
/// recent districts), as SPEC reads literally.
///
/// ```swift
/// let here = FirmLocations(graph)
/// if here.isLocated(a), here.isLocated(b) { print(here.distance(a, b), "km") }
/// ```
public struct FirmLocations: Sendable {
    /// Latitude per firm in WGS-84 degrees, NaN when unknown.
    public let latitude: [Double]
    /// Longitude per firm in WGS-84 degrees, NaN when unknown.
    public let longitude: [Double]
    /// Firms located by their own coordinates.
    public let explicitCount: Int
    /// Firms located by their region's division centre.
    public let centroidCount: Int

    /// The mean Earth radius of SPEC §3.9 (IUGG), in km.
    public static let earthRadiusKm = 6371.0088

    /// Locates every firm of `graph`.
    /// - Complexity: O(n) plus one region look-up per distinct region path.
    public init(_ graph: SupplyGraph, divisions: DivisionTable = .shared) {
        let firms = graph.firms, n = graph.firmCount
        let regionPoint: [(latitude: Double, longitude: Double)?] = firms.regions.map { path in
            RegionNormalizer.normalize(path.description, table: divisions).code
                .flatMap { divisions.centroid(of: $0) }
        }
        var lat = [Double](repeating: .nan, count: n), lon = lat
        var explicit = 0, centroid = 0
        for f in 0..<n {
            if let c = firms.coordinates(f) {
                (lat[f], lon[f]) = c
                explicit += 1
            } else if firms.regionOf[f] >= 0, let p = regionPoint[Int(firms.regionOf[f])] {
                (lat[f], lon[f]) = p
                centroid += 1
            }
        }
        latitude = lat
        longitude = lon
        explicitCount = explicit
        centroidCount = centroid
    }

    /// Whether firm `f` has a location.
    @inline(__always)
    public func isLocated(_ f: Int) -> Bool { !latitude[f].isNaN }

    /// Great-circle distance between two located firms in km (NaN when either is unknown).
    @inline(__always)
    public func distance(_ a: Int, _ b: Int) -> Double {
        Self.haversine(latitude[a], longitude[a], latitude[b], longitude[b])
    }

    /// Haversine distance in km between two points given in degrees, R = 6371.0088 km.
    public static func haversine(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dPhi = (lat2 - lat1) * rad, dLambda = (lon2 - lon1) * rad
        let s1 = sin(dPhi / 2), s2 = sin(dLambda / 2)
        let a = s1 * s1 + cos(lat1 * rad) * cos(lat2 * rad) * s2 * s2
        return 2 * earthRadiusKm * asin(min(1, a.squareRoot()))
    }
}
