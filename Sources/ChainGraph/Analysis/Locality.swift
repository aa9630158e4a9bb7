/// Which suppliers count as local for which buyers (SPEC §2).
public enum Locality: Sendable, Hashable, CustomStringConvertible {
    /// Fixed region R: supplier s is local for every buyer iff s is in R; the buyers
    /// considered are the firms in R.
    case fixed(RegionPath)
    /// Relative level K: s is local for b iff both region paths have at least K
    /// components and agree on the first K; the buyers considered are firms with at least
    /// K components.
    case relative(level: Int)

    /// `region R` or `level K`.
    public var description: String {
        switch self {
        case .fixed(let r): "region \(r)"
        case .relative(let k): "level \(k)"
        }
    }
}
