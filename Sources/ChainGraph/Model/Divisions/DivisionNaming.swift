/// A division a name may denote, as found in the alias index.
struct AliasTarget: Sendable, Hashable {
    /// Index into `DivisionTable.divisions`.
    let index: Int
    /// A derived short form (`洪山` for 洪山区, `恩施` for 恩施土家族苗族自治州) rather than a
    /// table or canonical name: it loses ties to a full name, and at county level it only
    /// counts at the end of the text (so `东湖高新区` is not read as 南昌 东湖区 + 高新区).
    let weak: Bool
}

/// The naming rules of SPEC §1.1: canonical short names and the names a place string may use.
enum DivisionNaming {
    /// The 55 minority nationalities (少数民族) and 汉, without 族. Autonomous units are named
    /// place + nationalities + 自治区/州/县/旗; stripping them gives the place.
    static let nationalities: [String] = [
        "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
        "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
        "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
        "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
        "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "汉",
    ]

    /// The endings `strippingNationalities` removes, longest first: every nationality with 族,
    /// and bare when it has two or more characters (one-character bare names such as 藏, 回
    /// and 水 occur inside place names).
    static let nationalityEndings: [String] = nationalities
        .flatMap { $0.unicodeScalars.count >= 2 ? [$0 + "族", $0] : [$0 + "族"] }
        .sorted { $0.unicodeScalars.count > $1.unicodeScalars.count }

    /// Placeholder prefecture names of older GB/T 2260 editions (市辖区, 县 under a
    /// municipality; 省直辖县级行政区划); they stand for their province.
    static let placeholderPrefectures: Set<String> = ["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]

    /// True for a province-level unit without prefectures of its own: a municipality (直辖市,
    /// name ending in 市) or a special administrative region.
    static func isMunicipalityLike(_ provinceName: String) -> Bool {
        endsWith(provinceName, "市") || endsWith(provinceName, "特别行政区")
    }

    /// `name` ends with `suffix`, compared by UTF-8 bytes: the table's names are NFC and
    /// byte comparison avoids the grapheme machinery of `hasSuffix` (building the alias
    /// index calls this tens of thousands of times).
    static func endsWith(_ name: String, _ suffix: String) -> Bool {
        let n = name.utf8, s = suffix.utf8
        return n.count >= s.count && n.suffix(s.count).elementsEqual(s)
    }

    /// `name` without a trailing `suffix`, or nil when it does not end so or fewer than
    /// `minimum` characters would be left.
    static func dropping(_ suffix: String, from name: String, keeping minimum: Int = 2) -> String? {
        guard endsWith(name, suffix),
              name.unicodeScalars.count - suffix.unicodeScalars.count >= minimum else { return nil }
        return String(decoding: name.utf8.dropLast(suffix.utf8.count), as: UTF8.self)
    }

    /// The place part of an autonomous unit's name without 自治区/州/县/旗:
    /// `广西壮族` → `广西`, `新疆维吾尔` → `新疆`, `恩施土家族苗族` → `恩施`,
    /// `巴音郭楞蒙古` → `巴音郭楞`. At least two characters stay (`内蒙古` is not `内` + 蒙古).
    static func strippingNationalities(_ place: String) -> String {
        var s = place
        var changed = true
        while changed {
            changed = false
            for ending in nationalityEndings {
                if let t = dropping(ending, from: s) {
                    s = t
                    changed = true
                    break
                }
            }
        }
        return s
    }

    /// The canonical name of a province (SPEC §1.1): 湖北省 → 湖北, 北京市 → 北京,
    /// 广西壮族自治区 → 广西, 内蒙古自治区 → 内蒙古, 香港特别行政区 → 香港.
    static func provinceShortName(_ name: String) -> String {
        if let s = dropping("特别行政区", from: name) { return s }
        if let s = dropping("自治区", from: name) { return strippingNationalities(s) }
        return dropping("省", from: name) ?? dropping("市", from: name) ?? name
    }

    /// The canonical name at prefecture level: a city without 市 (武汉市 → 武汉), a placeholder
    /// (市辖区, 县) the province's name, any other unit as in the table.
    static func prefectureShortName(_ name: String, province: String?) -> String {
        if placeholderPrefectures.contains(name), let province { return province }
        return dropping("市", from: name) ?? name
    }

    /// The names by which a place string may denote a division, with whether each is weak
    /// (see ``AliasTarget/weak``).
    static func aliases(of d: Division, isOrphanCounty: Bool, pathSlot: String?) -> [(String, Bool)] {
        var out: [(String, Bool)] = [(d.name, false), (d.canonicalName, false)]
        let autonomous = ["自治区", "自治州", "自治县", "自治旗"].first { endsWith(d.name, $0) }
        switch d.level {
        case .province:
            if let a = autonomous, let place = dropping(a, from: d.name) { out.append((place, true)) }  // 广西壮族
        case .prefecture:
            if autonomous != nil, let place = dropping("自治州", from: d.name) {
                let stem = strippingNationalities(place)
                out += [(stem, true), (stem + "州", false)]  // 恩施, 恩施州
            }
            for suffix in ["地区", "盟", "新区"] {
                if let stem = dropping(suffix, from: d.name) { out.append((stem, true)) }  // 阿克苏, 兴安, 雄安
            }
        case .county:
            if let slot = pathSlot, isOrphanCounty { out.append((slot, false)) }  // 仙桃 for 仙桃市
            if let a = autonomous, let place = dropping(a, from: d.name) {
                let stem = strippingNationalities(place)
                out += [(stem, true), (stem + String(a.unicodeScalars.last!), true)]  // 长阳, 长阳县
            } else if let stem = dropping("新区", from: d.name) ?? dropping("林区", from: d.name)
                        ?? ["区", "县", "市", "旗"].lazy.compactMap({ dropping($0, from: d.name) }).first {
                out.append((stem, true))  // 洪山, 浦东, 神农架
            }
        }
        return out
    }

    /// Builds the alias → divisions index. A municipality's prefecture rows (110100 北京市,
    /// 500100/500200 重庆市) get no aliases of their own: their names denote the municipality,
    /// so `重庆市` is one place rather than an ambiguity.
    static func aliasIndex(divisions: [Division], parentIndex: [Int], paths: [[String]])
        -> ([String: [AliasTarget]], Int) {
        var index: [String: [AliasTarget]] = [:]
        index.reserveCapacity(divisions.count * 4)
        var longest = 0
        for (i, d) in divisions.enumerated() {
            let p = parentIndex[i]
            if d.level == .prefecture, p >= 0, isMunicipalityLike(divisions[p].name) { continue }
            // 省直辖县级 (仙桃市) answers to its prefecture-level short name too; a SAR's
            // districts do not (their prefecture slot is the SAR itself).
            let orphan = d.level == .county && p >= 0 && divisions[p].level == .province
                && !isMunicipalityLike(divisions[p].name)
            let slot = paths[i].count == 3 ? paths[i][1] : nil
            var seen: Set<String> = []
            // A name listed both strong and weak counts as strong: strong ones come first.
            for (alias, weak) in aliases(of: d, isOrphanCounty: orphan, pathSlot: slot)
            where !alias.isEmpty && seen.insert(alias).inserted {
                index[alias, default: []].append(AliasTarget(index: i, weak: weak))
                longest = max(longest, alias.unicodeScalars.count)
            }
        }
        return (index, longest)
    }
}
