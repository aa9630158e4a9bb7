/// Which suppliers count as local for which buyers (SPEC §2).
public enum Locality: Sendable, Hashable, CustomStringConvertible {
    /// Fixed region R: supplier s is local for every buyer iff s is in R; the buyers
    /// considered are the firms in R.
    case fixed(RegionPath)
    /// Relative level K: s is local for b iff both region paths have at least K
    /// components and agree on the first K; the buyers considered are firms with at least
    /// K components.
    case relative(level: Int)
    /// Supply radius D km (SPEC §3.9): s is local for b iff both are located
    /// (``FirmLocations``) and their great-circle distance is at most D; the buyers
    /// considered are the located firms.
    case withinKm(Double)

    /// `region R`, `level K` or `within D km`.
    public var description: String {
        switch self {
        case .fixed(let r): "region \(r)"
        case .relative(let k): "level \(k)"
        case .withinKm(let d): "within \(NumberFormat.plain(d)) km"
        }
    }
}
