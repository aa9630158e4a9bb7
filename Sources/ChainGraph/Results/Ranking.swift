/// The row order of ranked results (SPEC §4): score descending, then id by UTF-8 bytes.
///
/// Scores equal to 12 significant digits count as tied, so round-off of a solver (dense
/// LAPACK or power iteration, one thread or two) never reorders tied firms.
public enum Ranking {
    /// Significant digits at which two scores count as equal.
    public static let tieDigits = 12

    /// True when `a` ranks before `b` by score alone (false when they are tied).
    @inline(__always)
    public static func higher(_ a: Double, _ b: Double) -> Bool {
        if a == b { return false }
        // Numbers more than 2e-11 apart (relative) can never round to the same 12 digits,
        // and rounding is monotonic, so the raw comparison already gives the order.
        let scale = max(abs(a), abs(b))
        if abs(a - b) > 2e-11 * scale || !a.isFinite || !b.isFinite { return a > b }
        let ra = NumberFormat.roundedToSignificantDigits(a, tieDigits)
        let rb = NumberFormat.roundedToSignificantDigits(b, tieDigits)
        return ra > rb
    }

    /// The descending order of two sort keys under the tie rule: true when `a` comes
    /// first, false when `b` does, nil when they are tied (then a later key decides).
    /// Every float sort key of ChainGraph's rows goes through this, so an independent
    /// implementation that sums in another order gets the same row order.
    @inline(__always)
    public static func before(_ a: Double, _ b: Double) -> Bool? {
        if higher(a, b) { return true }
        if higher(b, a) { return false }
        return nil
    }

    /// ``before(_:_:)`` for keys that may be undefined (an empty cell): defined keys in
    /// descending order under the tie rule, undefined ones last; nil when tied or both
    /// undefined (then a later key decides).
    public static func beforeUndefinedLast(_ a: Double?, _ b: Double?) -> Bool? {
        switch (a, b) {
        case let (x?, y?): before(x, y)
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): nil
        }
    }

    /// True when `a` and `b` are equal to 12 significant digits.
    public static func tied(_ a: Double, _ b: Double) -> Bool { !higher(a, b) && !higher(b, a) }

    /// Indices of `scores` ordered by score descending (ties to 12 digits) then by `id`.
    /// - Complexity: O(n log n).
    public static func order(_ scores: [Double], id: (Int) -> String) -> [Int] {
        scores.indices.sorted { a, b in
            if higher(scores[a], scores[b]) { return true }
            if higher(scores[b], scores[a]) { return false }
            return id(a).utf8.lexicographicallyPrecedes(id(b).utf8)
        }
    }

    /// Firm indices ordered by score (ties to 12 digits), then firm id.
    public static func firms(_ graph: SupplyGraph, by scores: [Double]) -> [Int] {
        order(scores, id: graph.firms.id)
    }
}

extension String {
    /// UTF-8 byte order, the id order of SPEC §3.2.
    @inline(__always)
    package func precedesInBytes(_ other: String) -> Bool { utf8.lexicographicallyPrecedes(other.utf8) }
}
