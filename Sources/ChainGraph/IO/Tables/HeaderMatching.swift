/// A column the loader knows, with every header that names it (SPEC §1 and §1.1 aliases).
package struct FieldSpec: Sendable {
    /// The English field name (also the `--column FIELD=HEADER` key).
    package var name: String
    /// Accepted headers after normalisation, best first (the English name, then the aliases).
    package var headers: [String]
    /// The file cannot be read without it.
    package var required: Bool
    /// A money column: values and revenues are converted between units.
    package var isMoney: Bool

    package init(_ name: String, _ aliases: [String], required: Bool = false, money: Bool = false) {
        self.name = name
        headers = [name] + aliases.map { HeaderMatching.normalize($0).name }
        self.required = required
        isMoney = money
    }
}

/// The three tables of a dataset and their fields.
package enum TableKind: String, Sendable, CaseIterable {
    case links, firms, segments

    /// Sheet names that hold this table in a single workbook (SPEC §1.1).
    package var sheetNames: [String] {
        switch self {
        case .links: ["links", "供应关系"]
        case .firms: ["firms", "企业"]
        case .segments: ["segments", "环节"]
        }
    }

    package var fields: [FieldSpec] {
        switch self {
        case .links:
            [FieldSpec("supplier", ["供应商", "销方", "销方名称", "销售方"], required: true),
             FieldSpec("buyer", ["采购商", "购方", "购方名称", "购买方"], required: true),
             FieldSpec("value", ["金额", "采购金额", "交易金额", "采购额", "交易额", "价税合计", "amount"], money: true),
             FieldSpec("segment", ["环节", "所属环节", "产业环节"])]
        case .firms:
            [FieldSpec("id", ["企业编号", "统一社会信用代码", "信用代码"], required: true),
             FieldSpec("name", ["企业名称", "名称"]),
             FieldSpec("region", ["地区", "所在地区", "注册地", "地址"]),
             FieldSpec("segment", ["环节", "所属环节", "产业环节"]),
             FieldSpec("revenue", ["营收", "营业收入", "主营业务收入", "产值"], money: true),
             FieldSpec("tags", ["标签"]),
             FieldSpec("lat", ["纬度", "latitude"]), FieldSpec("lon", ["经度", "longitude", "lng"])]
        case .segments:
            [FieldSpec("id", ["环节编号"], required: true), FieldSpec("name", ["环节名称", "名称"]),
             FieldSpec("chain", ["产业链"], required: true), FieldSpec("parent", ["上级环节"]),
             FieldSpec("stage", ["阶段"]), FieldSpec("inputs", ["投入环节"])]
        }
    }
}

/// Header rows as analysts' files have them (SPEC §1.1 "Header row", "Aliases").
package enum HeaderMatching {
    /// A header cell after normalisation: trimmed (also U+3000), full-width forms folded,
    /// lower-cased, a trailing bracketed unit removed and returned.
    package static func normalize(_ cell: String) -> (name: String, unit: String?) {
        var s = AmountParser.foldWidth(cell).trimmingSpaces().lowercased()
        var unit: String?
        for (open, close) in [("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕")] where s.hasSuffix(close) {
            guard let start = s.lastIndex(of: Character(open)) else { continue }
            var inner = String(s[s.index(after: start)..<s.index(before: s.endIndex)]).trimmingSpaces()
            for prefix in ["单位:", "单位："] where inner.hasPrefix(prefix) { inner = String(inner.dropFirst(prefix.count)).trimmingSpaces() }
            unit = inner
            s = String(s[..<start]).trimmingSpaces()
            break
        }
        return (s, unit)
    }

    /// Words in a header that suggest a known field the file did not map (SPEC §1.1: a
    /// column that resembles a known field is a warning).
    static let lookalikes: [(word: String, field: String)] = [
        ("金额", "value"), ("额", "value"), ("价", "value"), ("收入", "revenue"), ("营收", "revenue"), ("产值", "revenue"),
        ("地区", "region"), ("地址", "region"), ("省", "region"), ("市", "region"), ("环节", "segment"), ("供应", "supplier"),
        ("销", "supplier"), ("采购", "buyer"), ("购", "buyer"), ("代码", "id"), ("编号", "id"),
    ]

    /// The result of matching one header row.
    package struct Match: Sendable {
        /// Field index → column index (0-based), -1 when absent.
        package var columns: [Int]
        /// Field index → the unit its header named, if any.
        package var units: [String?]
        /// Columns no field uses, with their header text.
        package var unused: [(column: Int, header: String)]
    }

    /// Matches `cells` against `fields`; `explicit` maps a field name to a header text
    /// (`--column FIELD=HEADER`). Nil when a required field is missing; `duplicate` set
    /// when two columns claim the same field at the same priority.
    package static func match(_ cells: [String], fields: [FieldSpec], explicit: [String: String]) -> (Match?, duplicate: (field: Int, columns: (Int, Int))?) {
        var columns = [Int](repeating: -1, count: fields.count)
        var priority = [Int](repeating: Int.max, count: fields.count)
        var units = [String?](repeating: nil, count: fields.count)
        var used = Set<Int>()
        var duplicate: (Int, (Int, Int))?
        let normalized = cells.map(normalize)
        for (f, field) in fields.enumerated() {
            if let header = explicit[field.name] {
                let target = normalize(header).name
                if let k = normalized.firstIndex(where: { $0.name == target }) ?? cells.firstIndex(where: { $0.trimmingSpaces() == header.trimmingSpaces() }) {
                    columns[f] = k; priority[f] = -1; units[f] = normalized[k].unit; used.insert(k)
                }
            }
        }
        for (k, cell) in normalized.enumerated() where !used.contains(k) && !cell.name.isEmpty {
            for (f, field) in fields.enumerated() where priority[f] >= 0 {
                guard let p = field.headers.firstIndex(of: cell.name) else { continue }
                if p < priority[f] {
                    columns[f] = k; priority[f] = p; units[f] = cell.unit
                } else if p == priority[f] && duplicate == nil {
                    duplicate = (f, (columns[f], k))
                }
            }
        }
        for (f, field) in fields.enumerated() where field.required && columns[f] < 0 { return (nil, duplicate) }
        let claimed = Set(columns.filter { $0 >= 0 })
        let unused = cells.indices.filter { !claimed.contains($0) && !normalized[$0].name.isEmpty }.map { ($0, cells[$0].trimmingSpaces()) }
        return (Match(columns: columns, units: units, unused: unused), duplicate)
    }
}
