/// What a `--local` region argument names among the regions of a dataset (SPEC §1.1, §2).
public enum LocalRegionMatch: Sendable, Hashable {
    /// The argument, normalised, is a region of the dataset or a prefix of one
    /// (`湖北省` → `湖北`, `湖北/武汉` → `湖北/武汉`).
    case region(RegionPath)
    /// The argument names a region below province level without its parents, and exactly one
    /// region of the dataset fits (`武汉` → `湖北/武汉`, `东湖高新区` → `湖北/武汉/东湖高新区`).
    /// SPEC §1.1 asks for a note saying so.
    case expanded(RegionPath)
    /// Several regions of the dataset fit (`朝阳区`: `北京/北京/朝阳区` and `吉林/长春/朝阳区`);
    /// all of them, closest first.
    case ambiguous([RegionPath])
    /// No region of the dataset fits. `suggestions` holds every region of the dataset and all
    /// their prefixes, closest first ("did you mean 湖北/武汉?"): the caller decides how many to
    /// show and must say when it shows fewer.
    case unknown(suggestions: [RegionPath])
}

extension RegionNormalizer {
    /// Resolves a `--local` argument against the (normalised) region paths of a dataset
    /// (SPEC §1.1).
    ///
    /// 1. The argument is normalised (``normalize(_:table:)``); when the dataset has that region, or
    ///    a region inside it, the result is ``LocalRegionMatch/region(_:)``, or
    ///    ``LocalRegionMatch/expanded(_:)`` when the table supplied the parents (`武汉`).
    /// 2. Otherwise the regions of the dataset (and their prefixes) whose last components are
    ///    the argument's components are looked up, so names the table does not know or finds
    ///    ambiguous (`东湖高新区`, `南山区`) resolve when the dataset has exactly one such region.
    /// 3. Otherwise every region of the dataset is ranked by closeness: most leading components
    ///    shared with the normalised argument, then the smallest edit distance between the
    ///    names (also compared without a trailing 省/市/区/县), then the shallowest, then in
    ///    path order. The list is never cut.
    ///
    /// ```swift
    /// let regions = [RegionPath("湖北/武汉/洪山区")!, RegionPath("湖南/长沙")!]
    /// RegionNormalizer.resolveLocal("湖北省", among: regions)  // .region(湖北)
    /// RegionNormalizer.resolveLocal("洪山区", among: regions)  // .expanded(湖北/武汉/洪山区)
    /// RegionNormalizer.resolveLocal("湖西", among: regions)    // .unknown([湖北, 湖南, …])
    /// ```
    /// - Complexity: O(R · d) to collect the R regions' prefixes of depth up to d, plus
    ///   O(P log P) edit-distance ranking of the P prefixes when nothing fits.
    public static func resolveLocal(_ argument: String, among regions: some Sequence<RegionPath>,
                                    table: DivisionTable = .shared) -> LocalRegionMatch {
        var prefixes: Set<[String]> = []
        for r in regions {
            for k in stride(from: r.components.count, through: 1, by: -1) {
                if !prefixes.insert(Array(r.components.prefix(k))).inserted { break }
            }
        }
        let n = normalize(argument, table: table)
        let raw = Self.components(of: argument)
        if !n.components.isEmpty, prefixes.contains(n.components) {
            let path = RegionPath(components: n.components)
            return n.recognized && n.addedParents ? .expanded(path) : .region(path)
        }

        var probes: [[String]] = []
        for p in [raw, n.components] where !p.isEmpty && !probes.contains(p) { probes.append(p) }
        let fitting = prefixes.filter { p in probes.contains { p.count > $0.count && p.suffix($0.count).elementsEqual($0) } }
        let ranked = rank(Array(fitting), against: n.components, raw: raw)
        if ranked.count == 1 { return .expanded(ranked[0]) }
        if ranked.count > 1 { return .ambiguous(ranked) }
        return .unknown(suggestions: rank(Array(prefixes), against: n.components, raw: raw))
    }

    /// Orders region paths by closeness to an argument (see ``resolveLocal(_:among:table:)``).
    static func rank(_ paths: [[String]], against normalized: [String], raw: [String]) -> [RegionPath] {
        let names = Set([raw.last, normalized.last].compactMap { $0 })
        func shared(_ p: [String]) -> Int {
            zip(p, normalized).prefix { $0 == $1 }.count
        }
        func distance(_ p: [String]) -> Int {
            guard let last = p.last else { return .max }
            return names.map { q in
                min(Self.editDistance(q, last), Self.editDistance(Self.stem(q), Self.stem(last)))
            }.min() ?? .max
        }
        return paths
            .map { (path: $0, shared: shared($0), distance: distance($0)) }
            .sorted {
                if $0.shared != $1.shared { return $0.shared > $1.shared }
                if $0.distance != $1.distance { return $0.distance < $1.distance }
                if $0.path.count != $1.path.count { return $0.path.count < $1.path.count }
                return $0.path.lexicographicallyPrecedes($1.path)
            }
            .map { RegionPath(components: $0.path) }
    }

    /// A name without one trailing 省, 市, 区 or 县 (when something is left).
    static func stem(_ name: String) -> String {
        guard name.count > 1, let last = name.last, "省市区县".contains(last) else { return name }
        return String(name.dropLast())
    }

    /// Levenshtein distance between two strings, by Character.
    /// - Complexity: O(|a| · |b|).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
