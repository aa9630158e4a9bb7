/// Turns a region cell as analysts write it into a canonical region path (SPEC §1.1).
///
/// Accepted forms, all giving `湖北/武汉/洪山区`:
/// - a path separated by `/`, `／`, `-`, `－` or spaces: `湖北省/武汉市/洪山区`, `湖北-武汉-洪山区`;
///   normalised component by component, and a component the table does not know is kept
///   verbatim (`湖北/武汉/东湖高新区`), as is everything after it;
/// - a place string without separators: `湖北省武汉市洪山区`, `湖北武汉洪山区`; at each level the
///   longest name matches (with or without 省/市/自治区/区/县), and the text left after the match
///   becomes one finer component (`湖北省武汉市东湖高新区` → `湖北/武汉/东湖高新区`);
/// - a six-digit GB/T 2260 code: `420111`; a county code the table lacks (renamed since, as in
///   old credit codes) gives its prefecture plus the code: `330185` → `浙江/杭州/330185`.
///
/// Levels may be skipped: the table fills in the parents (`武汉洪山区`, `洪山区` → the full
/// path), but a name without its parents resolves only when it is unique in the table, so
/// `南山区` alone (深圳 or 鹤岗) stays verbatim while `广东/南山区` and `深圳南山区` resolve.
/// A municipality repeats itself at prefecture level: `北京市朝阳区` → `北京/北京/朝阳区`.
///
/// ```swift
/// RegionNormalizer.normalize("湖北省武汉市东湖高新区").components  // ["湖北", "武汉", "东湖高新区"]
/// RegionNormalizer.normalize("420111").code                      // "420111"
/// RegionNormalizer.normalize("火星基地").recognized               // false
/// ```
/// - Complexity: O(n · L) dictionary look-ups for a cell of n characters, L the longest
///   division name (15); call it once per distinct region string.
public enum RegionNormalizer {
    /// The result of normalising one region cell.
    public struct Normalized: Sendable, Hashable {
        /// The canonical path components (`["湖北", "武汉", "洪山区"]`); the cell's components
        /// verbatim when nothing was recognised; empty for a blank cell.
        public var components: [String]
        /// True when the cell names a division of the table (then `code` is set). False cells
        /// are kept verbatim; the loader warns about them (SPEC §1.1).
        public var recognized: Bool
        /// The deepest division matched (for its centroid, SPEC §3.9), nil when none.
        public var code: String?
        /// True when the cell did not name the province and the table supplied the parents
        /// (`武汉` → `湖北/武汉`, `420111` → `湖北/武汉/洪山区`).
        public var addedParents: Bool
        /// When matching stopped at a name several divisions share (`南山区`), their codes in
        /// code order; empty otherwise.
        public var candidates: [String]

        /// A result from its fields.
        public init(components: [String], recognized: Bool, code: String?, addedParents: Bool = false,
                    candidates: [String] = []) {
            self.components = components
            self.recognized = recognized
            self.code = code
            self.addedParents = addedParents
            self.candidates = candidates
        }
    }

    /// Normalises one region cell to a canonical path (SPEC §1.1); see the type's documentation
    /// for the accepted forms.
    ///
    /// `table` is the division table to match against, by default the one shipped with the
    /// library.
    ///
    /// ```swift
    /// RegionNormalizer.normalize("广西壮族自治区南宁市").components  // ["广西", "南宁"]
    /// RegionNormalizer.normalize("湖北-武汉-经开区").components     // ["湖北", "武汉", "经开区"]
    /// ```
    /// - Complexity: O(n · L) look-ups for n characters (see the type).
    public static func normalize(_ text: String, table: DivisionTable = .shared) -> Normalized {
        RegionMatcher(table: table).normalize(text)
    }

    /// Splits a cell into trimmed, non-empty components at `/`, `／`, `-`, `－`, spaces, tabs
    /// and ideographic spaces.
    static func components(of text: String) -> [String] {
        text.split(whereSeparator: { "/／-－ \t\u{3000}\r\n".contains($0) }).map(String.init)
    }
}

/// The matching behind ``RegionNormalizer``: a place string against the names of one table.
struct RegionMatcher {
    let table: DivisionTable
    typealias Normalized = RegionNormalizer.Normalized

    func normalize(_ text: String) -> Normalized {
        let raw = RegionNormalizer.components(of: text)
        guard !raw.isEmpty else { return Normalized(components: [], recognized: false, code: nil) }
        var parts = raw
        // A leading country name is no region level.
        for country in ["中华人民共和国", "中国"] {
            if parts[0] == country, parts.count > 1 { parts.removeFirst(); break }
            if parts[0].hasPrefix(country), parts[0].count > country.count {
                parts[0] = String(parts[0].dropFirst(country.count)); break
            }
        }

        var state = MatchState(index: nil, repeated: false)
        var first: Int?
        var tail: [String] = []
        var candidates: [String] = []
        for part in parts {
            if !tail.isEmpty { tail.append(part); continue }
            if DivisionLevel(code: part) != nil {
                // A code: the division itself; for a county code the table lacks (a county since
                // renamed or merged, as in old credit codes) its prefecture plus the code. Other
                // unknown codes stay verbatim rather than being guessed from two digits.
                let ancestors = [part, String(part.prefix(4)) + "00"]
                let known = ancestors.lazy.compactMap { table.index(of: $0) }
                    .first { state.index == nil || table.isStrictDescendant($0, of: state.index!) }
                if let i = known {
                    state = MatchState(index: i, repeated: false)
                    first = first ?? i
                    if table.divisions[i].code != part { tail.append(part) }
                } else {
                    tail.append(part)
                }
                continue
            }
            let scalars = Array(part.unicodeScalars)
            switch bestMatch(scalars, from: state) {
            case .none:
                tail.append(part)
            case .ambiguous(let indices):
                candidates = indices.map { table.divisions[$0].code }
                tail.append(part)
            case .matched(let m):
                state = MatchState(index: m.last, repeated: m.repeated)
                first = first ?? m.first
                if m.consumed < scalars.count {
                    var rest = String.UnicodeScalarView()
                    rest.append(contentsOf: scalars[m.consumed...])
                    tail.append(String(rest))
                }
            }
        }

        guard let i = state.index, let firstIndex = first else {
            return Normalized(components: raw, recognized: false, code: nil, candidates: candidates)
        }
        let d = table.divisions[i]
        var path = table.paths[i]
        var code = d.code
        if state.repeated && d.level == .province {
            // 北京/北京: the municipality at prefecture level; its one prefecture row when the
            // table has exactly one (110100), else the municipality itself.
            path.append(d.canonicalName)
            if table.childIndices[i].count == 1 { code = table.divisions[table.childIndices[i][0]].code }
        }
        return Normalized(components: path + tail, recognized: true, code: code,
                          addedParents: table.divisions[firstIndex].level != .province,
                          candidates: candidates)
    }

    /// Where matching stands: the deepest division so far, and whether its level has been
    /// repeated already (北京/北京, 仙桃/仙桃市).
    struct MatchState {
        var index: Int?
        var repeated: Bool
    }

    /// One way to read a prefix of the text as a chain of divisions.
    struct ChainMatch {
        var first: Int
        var last: Int
        var repeated: Bool
        var consumed: Int
        var weak: Int
    }

    enum MatchOutcome {
        case none
        case matched(ChainMatch)
        case ambiguous([Int])
    }

    /// True when a division may be named twice in a row: a municipality or SAR (its own
    /// prefecture level) and a county-level unit under a province (its prefecture slot).
    func canRepeat(_ i: Int) -> Bool {
        let d = table.divisions[i]
        let p = table.parentIndex[i]
        switch d.level {
        case .province: return DivisionNaming.isMunicipalityLike(d.name)
        case .prefecture: return false
        case .county:
            return p >= 0 && table.divisions[p].level == .province
                && !DivisionNaming.isMunicipalityLike(table.divisions[p].name)
        }
    }

    /// The best reading of `s` as a chain of divisions starting below `start`: the one that
    /// consumes the most characters, then uses the fewest weak names; among equally good
    /// readings that end in different divisions, the one that contains all the others (恩施 is
    /// the prefecture, not also 恩施市), else the text is ambiguous.
    func bestMatch(_ s: [Unicode.Scalar], from start: MatchState) -> MatchOutcome {
        var results: [ChainMatch] = []
        explore(s, at: 0, state: start, first: nil, weak: 0, into: &results)
        guard let top = results.max(by: { ($0.consumed, -$0.weak) < ($1.consumed, -$1.weak) }) else { return .none }
        let best = results.filter { $0.consumed == top.consumed && $0.weak == top.weak }
        let lasts = Set(best.map(\.last)).sorted()
        if lasts.count == 1 { return .matched(best.first { !$0.repeated } ?? best[0]) }
        if let outer = lasts.first(where: { o in lasts.allSatisfy { $0 == o || table.isStrictDescendant($0, of: o) } }) {
            return .matched(best.first { $0.last == outer && !$0.repeated } ?? best.first { $0.last == outer }!)
        }
        return .ambiguous(lasts)
    }

    /// Depth-first search over the ways to continue a chain at `pos`; every non-empty chain
    /// is recorded.
    private func explore(_ s: [Unicode.Scalar], at pos: Int, state: MatchState, first: Int?, weak: Int,
                         into results: inout [ChainMatch]) {
        if let last = state.index, let first {
            results.append(ChainMatch(first: first, last: last, repeated: state.repeated, consumed: pos, weak: weak))
        }
        guard pos < s.count else { return }
        var key = String.UnicodeScalarView()
        for end in (pos + 1)...min(s.count, pos + table.maxAliasLength) {
            key.append(s[end - 1])
            guard let targets = table.aliases[String(key)] else { continue }
            for t in targets {
                // A weak county name (洪山 for 洪山区) only at the end of the text.
                if t.weak, end != s.count, table.divisions[t.index].level == .county { continue }
                let w = weak + (t.weak ? 1 : 0)
                if let current = state.index {
                    if t.index == current {
                        if !state.repeated, canRepeat(current) {
                            explore(s, at: end, state: MatchState(index: current, repeated: true),
                                    first: first ?? current, weak: w, into: &results)
                        }
                        continue
                    }
                    guard table.isStrictDescendant(t.index, of: current) else { continue }
                }
                explore(s, at: end, state: MatchState(index: t.index, repeated: false),
                        first: first ?? t.index, weak: w, into: &results)
            }
        }
    }
}
