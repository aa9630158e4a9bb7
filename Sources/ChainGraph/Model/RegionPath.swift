/// A region as a path from coarse to fine: `湖北/武汉/东湖高新区` (SPEC §1).
///
/// Components are trimmed; empty components (`湖北//武汉/`) are dropped, so equal places
/// compare equal however they were typed.
/// Paths compare as they are written: no administrative-division table is consulted here,
/// so `湖北省` and `湖北` are different regions.
///
/// ```swift
/// let wuhan = RegionPath("湖北/武汉/东湖高新区")!
/// wuhan.isWithin(RegionPath("湖北")!)   // true
/// wuhan.prefix(2)                       // 湖北/武汉
/// ```
public struct RegionPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The components, coarse to fine (province, city, district or park, …).
    public let components: [String]

    /// A path from components taken as given: not trimmed, and empty components are kept.
    /// Use ``init(_:)`` to parse user text.
    public init(components: [String]) {
        self.components = components
    }

    /// Parses `a/b/c`. Returns nil for an empty or blank string (unknown region).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: true)
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
        guard !parts.isEmpty else { return nil }
        components = parts
    }

    /// The components joined by `/`: `湖北/武汉`.
    public var description: String { components.joined(separator: "/") }

    /// True when this region equals `other` or lies inside it (`湖北/武汉` is within `湖北`).
    public func isWithin(_ other: RegionPath) -> Bool {
        components.count >= other.components.count && components.starts(with: other.components)
    }

    /// The first `k` components, or nil when the path is shorter (SPEC §2 relative mode).
    public func prefix(_ k: Int) -> RegionPath? {
        components.count >= k ? RegionPath(components: Array(components.prefix(k))) : nil
    }

    /// Component-wise lexicographic order (a parent sorts before its children).
    public static func < (lhs: RegionPath, rhs: RegionPath) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and ideographic spaces.
    package func trimmingSpaces() -> String {
        // Fast path (most cells): neither end byte can belong to a space, a tab or U+3000
        // (UTF-8 E3 80 80), so the string is returned as is, without scanning or copying.
        let string = String(self)  // free for a String; Substrings are copied once
        let bytes = string.utf8
        guard let f = bytes.first, let l = bytes.last else { return string }
        if f != 0x20 && f != 0x09 && f != 0xE3 && l != 0x20 && l != 0x09 && l != 0x80 { return string }
        let scalars = string.unicodeScalars
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Splits a `;`-separated list (also accepting the full-width `；`), trimming items and
    /// dropping empty ones.
    package func listItems() -> [String] {
        split(whereSeparator: { $0 == ";" || $0 == "；" }).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }
}
