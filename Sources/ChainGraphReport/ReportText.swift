import ChainGraph

/// Prose pieces shared by the Markdown and HTML renderers: the title line, firm profiles,
/// and long tables cut to their top rows with a pointer to the CSV file beside the report.
enum ReportText {
    /// Rows a report table shows before it points to the full CSV file.
    static let rowCap = 20

    /// "数据集 … · 数据来源 … · 生成日期 … · 金额单位 …"; `code` formats the dataset name.
    static func metaLine(_ r: ChainReport, _ t: Labels, code: (String) -> String) -> String {
        var parts = ["\(t(.dataset)): \(code(r.dataset))"]
        if let source = r.meta.source { parts.append("\(t(.source)): \(source)") }
        if !r.meta.generated.isEmpty { parts.append("\(t(.generatedOn)): \(r.meta.generated)") }
        parts.append(t(.generatedBy))
        parts.append(t.unitNote(r.unit))
        return parts.joined(separator: " · ")
    }

    /// A 招商 target as an official reads it: name (id), city, revenue, tags and what it
    /// already sells to the region.
    static func profile(_ id: String, _ r: ChainReport, _ t: Labels) -> String {
        guard let p = r.firmProfiles[id] else { return r.firmLabel(id) }
        var facts: [String] = []
        if let region = p.region { facts.append(region) }
        if let revenue = p.revenue { facts.append(t.pick("营收 ", "revenue ") + t.money(revenue, r.unit)) }
        if !p.tags.isEmpty { facts.append(p.tags.joined(separator: "/")) }
        if p.salesToRegion > 0 { facts.append(t.pick("已向本地供货 ", "already sells ") + t.money(p.salesToRegion, r.unit) + t.pick("", " to the region")) }
        return r.firmLabel(id) + (facts.isEmpty ? "" : t.pick("（", " (") + facts.joined(separator: t.pick("，", ", ")) + t.pick("）", ")"))
    }

    /// "其余 N 行见 FILE" / "N more rows in FILE".
    static func more(_ n: Int, _ file: String, _ t: Labels) -> String {
        t.pick("其余 \(n) 行见 \(file)", "\(n) more rows in \(file)")
    }

    /// The first ``rowCap`` rows rendered by `render`, then the count of the rest.
    static func capped(_ table: ResultTable, file: String, _ r: ChainReport, _ t: Labels, render: (ResultTable) -> String) -> String {
        guard table.rows.count > rowCap else { return render(table) }
        var top = table
        top.rows = Array(table.rows.prefix(rowCap))
        return render(top) + "\n" + more(table.rows.count - rowCap, file, t) + "\n"
    }

    /// The leader ranking for people: rank, firm, the score and its scaled components, and
    /// beside them the real revenue and purchases they come from.
    static func leaderTable(_ r: ChainReport, _ t: Labels) -> ReportTable {
        var table = ReportTable(ResultTable(r.leaders), only: ["chain", "rank", "firm", "score", "r", "p", "u", "leader"], report: r, labels: t)
        table.header.insert(contentsOf: [t.pick("营收", "Revenue"), t.pick("采购额", "Purchases")], at: 4)
        for (i, row) in r.leaders.enumerated() {
            let p = r.firmProfiles[row.firm]
            table.rows[i].insert(contentsOf: [p?.revenue.map { t.money($0, r.unit) } ?? "–", p.map { t.money($0.purchases, r.unit) } ?? "–"], at: 4)
        }
        table.numericColumns = [1, 3, 4, 5, 6, 7, 8]  // rank, score, revenue, purchases, r, p, u
        return table
    }

    /// How the leader score is made, under the leader table.
    static func leaderNote(_ t: Labels) -> String {
        t.pick("得分 = (r + p + u) ÷ 3：r = 营收 ÷ 链内最大营收，p = 采购额 ÷ 最大采购额，u = 一、二级上游企业数 ÷ 最大值；★ 为前 3 名链主候选。",
               "score = (r + p + u) ÷ 3: r = revenue ÷ the chain's largest, p = purchases ÷ the largest, u = first- and second-tier suppliers ÷ the largest; ★ marks the top 3 leader candidates.")
    }

    /// The input–output table with what each segment means for the region: its status in
    /// the region's chain tree (present, 短板, 长板, 空白) and the local share of the region's
    /// demand for it.
    static func ioTable(_ r: ChainReport, _ t: Labels) -> ReportTable {
        var table = ReportTable(ResultTable(r.linkages), report: r, labels: t)
        let nodes = Dictionary(r.chains.flatMap(\.tree).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        table.header.append(t.pick("本地情况", "In the region"))
        for (i, row) in r.linkages.enumerated() {
            guard let node = nodes[row.segment] else { table.rows[i].append("–"); continue }
            let style = ChainReport.style(node.status)
            table.rows[i].append(t.pick(style.zh, style.en) + (node.localShare.map { t.pick("，本地占比 ", ", local share ") + HumanFormat.percent($0) } ?? ""))
        }
        return table
    }
}
