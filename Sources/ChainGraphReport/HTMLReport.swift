import ChainGraph

/// `report.html`: one self-contained page — inline CSS and SVG, no scripts, no network
/// requests — that an analyst can e-mail to a 链长 office.
public enum HTMLReport {
    /// The report as one HTML document: overview cards, key missing segments, the chain
    /// trees coloured by local status, local-rate bars, gap, leader and linkage tables.
    public static func render(_ r: ChainReport) -> String {
        let t = Labels(language: r.language)
        var h = """
            <!DOCTYPE html>
            <html lang="\(r.language == .zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(TextEscaping.xml(r.title))</title>
            <style>\(css)</style>
            </head>
            <body>
            <h1>\(TextEscaping.xml(r.title))</h1>
            <p class="meta">\(ReportText.metaLine(r, t, code: { "<code>\(TextEscaping.xml($0))</code>" }))</p>

            """
        h += "<section class=\"summary\"><h2>\(t(.summaryTitle))</h2><ul>"
        for item in ReportSummary.items(r, t) {
            h += "<li><b>\(TextEscaping.xml(item.label))</b>\(t.pick("：", ": "))\(TextEscaping.xml(item.text))</li>"
        }
        h += "</ul></section>\n"
        h += "<section><h2>\(t(.overview))</h2><div class=\"cards\">"
        for (label, value) in [(t(.firms), HumanFormat.number(Double(r.summary.firms))), (t(.links), HumanFormat.number(Double(r.summary.links))),
                               (t(.localFirms), HumanFormat.number(Double(r.summary.localFirms))), (t(.localRevenue), t.money(r.summary.localRevenue, r.unit)),
                               (t(.localRateOverall), HumanFormat.percent(r.localRate?.valueRate))] {
            h += "<div class=\"card\"><div class=\"v\">\(TextEscaping.xml(value))</div><div class=\"l\">\(TextEscaping.xml(label))</div></div>"
        }
        h += "</div></section>\n"

        h += "<section><h2>\(t(.keyMissing))</h2>"
        for section in r.chains {
            h += "<h3>\(TextEscaping.xml(section.chain)) <span class=\"pill\">\(t(.coverage)) \(HumanFormat.percent(section.coverage.coverage))</span></h3><ol class=\"missing\">"
            if section.keyMissing.isEmpty { h += "<li>\(t(.none))</li>" }
            for g in section.keyMissing {
                h += "<li><b>\(TextEscaping.xml(r.label(g.segment)))</b> — \(t(.importedValue)) \(TextEscaping.xml(t.money(g.importedValue ?? 0, r.unit))), \(t(.dependents)) \(g.dependents ?? 0)"
                if !g.candidates.isEmpty {
                    h += "<br><span class=\"cand\">\(t(.candidates)): \(TextEscaping.xml(g.candidates.map { ReportText.profile($0, r, t) }.joined(separator: "; ")))</span>"
                }
                h += "</li>"
            }
            h += "</ol>"
        }
        h += "</section>\n"

        h += "<section><h2>\(t(.tree))</h2>" + legend(t)
        for section in r.chains {
            h += "<h3>\(TextEscaping.xml(section.chain))</h3><div class=\"tree-wrap\">" + treeSVG(section, t) + "</div>"
        }
        h += "<p class=\"note-plain\">\(TextEscaping.xml(t(.segmentShareNote)))</p></section>\n"

        h += "<section><h2>\(t(.localRateTitle))</h2><h3>\(t(.byChain))</h3>"
        h += barsSVG(r.localRateByChain.map { ($0.key, $0.valueRate) }, target: t(.target))
        h += "<h3>\(t(.leaderRateTitle))</h3>"
        h += barsSVG(r.leaderRates.map { ($0.key, $0.valueRate) }, target: t(.target))
        h += "<h3>\(t(.bySegment))</h3>"
        h += barsSVG(r.localRateBySegment.filter { $0.inputValue > 0 }.map { (r.label($0.key), $0.valueRate) }, target: t(.target))
        h += "</section>\n"

        h += "<section><h2>\(t(.shortlistTitle))</h2><p>\(TextEscaping.xml(t(.shortlistNote)))</p>"
        h += ReportText.capped(ResultTable(r.shortlist), file: "shortlist.csv", r, t) { table(ReportTable($0, report: r, labels: t)) }
        h += "</section>\n"
        if !r.comparison.isEmpty {
            h += "<section><h2>\(t(.comparisonTitle))</h2><p>\(TextEscaping.xml(t(.comparisonNote))) (\(TextEscaping.xml(r.comparedWith ?? "")) → \(TextEscaping.xml(r.dataset)))</p>"
            h += ReportText.capped(ResultTable(r.comparison), file: "comparison.csv", r, t) { table(ReportTable($0, report: r, labels: t)) }
            h += "</section>\n"
        }
        h += "<section><h2>\(t(.radiusTitle))</h2><p>\(TextEscaping.xml(t(.radiusNote)))</p>"
        h += table(ReportTable(ResultTable(r.radius), report: r, labels: t)) + "</section>\n"

        h += "<section><h2>\(t(.leadersTitle))</h2>"
        var leaders = ReportText.leaderTable(r, t)
        for (i, row) in r.leaders.enumerated() {
            leaders.rows[i][3] = scoreBar(row.score)
            leaders.rows[i][leaders.rows[i].count - 1] = row.leader ? "★" : ""
        }
        leaders.rawColumns = [3]
        h += table(leaders) + "<p class=\"note-plain\">\(TextEscaping.xml(ReportText.leaderNote(t)))</p>"
        h += "<h3>\(t(.specialists))</h3><p>"
        h += r.specialists.isEmpty ? t(.none) : r.specialists.map { TextEscaping.xml("\(r.firmLabel($0.firm)) (\($0.chain))") }.joined(separator: " · ")
        h += "</p></section>\n"

        h += "<section><h2>\(t(.gapsTitle))</h2>"
        let sections = GapSections.tables(r)
        var balanceShown = false
        for (kind, rows) in sections {
            if GapSections.isBalance(kind) {
                // 短板 and 长板 side by side: the seed's 短板长板 table.
                guard !balanceShown else { continue }
                balanceShown = true
                h += "<h3>\(t(.balanceTitle))</h3><div class=\"pair\">"
                for (k, rs) in sections where GapSections.isBalance(k) {
                    h += "<div class=\"gap-\(k.rawValue)\"><h4>\(TextEscaping.xml(t.pick(k.zh, k.en)))</h4>" + table(GapSections.reportTable(k, rs, r, t)) + "</div>"
                }
                h += "</div>"
                continue
            }
            h += "<div class=\"gap-\(kind.rawValue)\"><h3>\(TextEscaping.xml(t.pick(kind.zh, kind.en)))</h3>"
                + table(GapSections.reportTable(kind, Array(rows.prefix(ReportText.rowCap)), r, t))
                + (rows.count > ReportText.rowCap ? "<p class=\"more\">\(TextEscaping.xml(ReportText.more(rows.count - ReportText.rowCap, "gaps.csv", t)))</p>" : "") + "</div>"
        }
        h += "</section>\n"

        h += "<section><h2>\(t(.matchTitle))</h2><p>\(TextEscaping.xml(t(.matchNote)))</p>"
        h += ReportText.capped(ResultTable(r.matchmaking), file: "matchmaking.csv", r, t) { table(ReportTable($0, report: r, labels: t)) } + "</section>\n"
        h += "<section><h2>\(t(.disruptionTitle))</h2><p>\(TextEscaping.xml(t(.disruptionNote)))</p>"
        h += table(ReportTable(ResultTable(r.disruption), report: r, labels: t)) + "</section>\n"
        h += "<section><h2>\(t(.ioTitle))</h2><p>\(TextEscaping.xml(t(.ioNote)))</p>"
        if let note = r.linkageNote { h += "<p class=\"note\">\(TextEscaping.xml(note))</p>" }
        h += table(ReportText.ioTable(r, t))
        h += "</section>\n</body>\n</html>\n"
        return h
    }

    static func legend(_ t: Labels) -> String {
        var s = "<p class=\"legend\">"
        for entry in ChainReport.statusStyles {
            let c = entry.style
            s += "<span><svg width=\"14\" height=\"14\"><rect x=\"1\" y=\"1\" width=\"12\" height=\"12\" rx=\"3\" fill=\"\(c.fill)\" stroke=\"\(c.stroke)\"/></svg> \(TextEscaping.xml(t.pick(c.zh, c.en)))</span>"
        }
        return s + "</p>"
    }

    /// The chain tree drawn as an indented outline, one row per segment (parents above
    /// their children, elbow connectors), so a chain of any width fits an A4 page: each
    /// segment's box is coloured by its local status and shows its id, the local share of
    /// the region's demand for it and the number of local firms having it.
    static func treeSVG(_ section: ChainReport.ChainSection, _ t: Labels) -> String {
        let nodes = section.tree
        guard !nodes.isEmpty else { return "" }
        let rowH = 30.0, indent = 26.0, boxW = 330.0, boxH = 24.0, width = 760.0
        let height = Double(nodes.count) * rowH + 6
        var row: [String: Int] = [:]
        for (i, n) in nodes.enumerated() { row[n.id] = i }
        var s = "<svg class=\"tree\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(TextEscaping.xml(section.chain))\">"
        for (i, n) in nodes.enumerated() {
            guard let p = n.parent, let pi = row[p] else { continue }
            let px = 4 + Double(nodes[pi].depth) * indent + 10, py = Double(pi) * rowH + 3 + boxH
            let cx = 4 + Double(n.depth) * indent, cy = Double(i) * rowH + 3 + boxH / 2
            s += "<path d=\"M\(fmt(px)) \(fmt(py)) V\(fmt(cy)) H\(fmt(cx))\" fill=\"none\" stroke=\"#90a4ae\"/>"
        }
        for (i, n) in nodes.enumerated() {
            let x = 4 + Double(n.depth) * indent, y = Double(i) * rowH + 3
            let c = ChainReport.style(n.status)
            let name = n.name.isEmpty ? n.id : n.name
            let share = n.localShare.map { HumanFormat.percent($0) } ?? "–"
            let facts = t.pick("本地占比 \(share) · 本地企业 \(n.localFirms) 家", "local share \(share) · \(n.localFirms) local firms")
            s += "<g><title>\(TextEscaping.xml("\(name) (\(n.id)) \(facts)"))</title>"
            s += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(boxW))\" height=\"\(fmt(boxH))\" rx=\"5\" fill=\"\(c.fill)\" stroke=\"\(c.stroke)\" stroke-width=\"1.3\"/>"
            s += "<text x=\"\(fmt(x + 8))\" y=\"\(fmt(y + 16))\" class=\"n\">\(TextEscaping.xml(String(name.prefix(18)) + "  " + n.id))</text>"
            s += "<text x=\"\(fmt(x + boxW + 10))\" y=\"\(fmt(y + 16))\" class=\"i\">\(TextEscaping.xml(facts))</text></g>"
        }
        return s + "</svg>"
    }

    /// Horizontal bars of rates with the 50 % target line; undefined rates show "–".
    static func barsSVG(_ items: [(String, Double?)], target: String) -> String {
        let labelW = 230.0, barW = 420.0, rowH = 22.0, top = 22.0
        let height = top + Double(items.count) * rowH + 8
        var s = "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(labelW + barW + 70))\" height=\"\(Int(height))\" role=\"img\">"
        for (i, (label, rate)) in items.enumerated() {
            let y = top + Double(i) * rowH
            s += "<text x=\"\(fmt(labelW - 6))\" y=\"\(fmt(y + 15))\" text-anchor=\"end\" class=\"l\">\(TextEscaping.xml(String(label.prefix(24))))</text>"
            s += "<rect x=\"\(fmt(labelW))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(barW))\" height=\"\(fmt(rowH - 6))\" fill=\"#f1f3f4\"/>"
            if let rate {
                let color = rate >= 0.5 ? "#43a047" : "#fb8c00"
                s += "<rect x=\"\(fmt(labelW))\" y=\"\(fmt(y + 3))\" width=\"\(fmt(barW * min(1, max(0, rate))))\" height=\"\(fmt(rowH - 6))\" fill=\"\(color)\"/>"
            }
            s += "<text x=\"\(fmt(labelW + barW + 6))\" y=\"\(fmt(y + 15))\" class=\"v\">\(HumanFormat.percent(rate))</text>"
        }
        let tx = labelW + barW * 0.5
        s += "<line x1=\"\(fmt(tx))\" y1=\"\(fmt(top - 4))\" x2=\"\(fmt(tx))\" y2=\"\(fmt(height - 4))\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>"
        s += "<text x=\"\(fmt(tx))\" y=\"\(fmt(top - 8))\" text-anchor=\"middle\" class=\"t\">\(TextEscaping.xml(target))</text>"
        return s + "</svg>"
    }

    static func scoreBar(_ v: Double) -> String {
        "<svg width=\"60\" height=\"10\"><rect width=\"60\" height=\"10\" fill=\"#eceff1\"/><rect width=\"\(fmt(60 * v))\" height=\"10\" fill=\"#1e88e5\"/></svg> " + HumanFormat.score(v)
    }

    /// A table; its raw columns hold HTML already.
    static func table(_ t: ReportTable) -> String {
        var s = "<div class=\"scroll\"><table><thead><tr>" + t.header.map { "<th>\(TextEscaping.xml($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in t.rows {
            s += "<tr>" + row.enumerated().map { k, v in
                "<td\(t.numericColumns.contains(k) ? " class=\"num\"" : "")>\(t.rawColumns.contains(k) ? v : TextEscaping.xml(v))</td>"
            }.joined() + "</tr>"
        }
        if t.rows.isEmpty { s += "<tr><td colspan=\"\(t.header.count)\">–</td></tr>" }
        return s + "</tbody></table></div>"
    }

    static func fmt(_ v: Double) -> String { NumberFormat.plain(v == v.rounded() ? v : (v * 10).rounded() / 10) }

    static let css = """
        body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;margin:24px auto;max-width:1100px;color:#212121;padding:0 16px}
        h1{font-size:26px;margin-bottom:4px}h2{border-bottom:2px solid #1e88e5;padding-bottom:4px;margin-top:32px}
        .meta{color:#616161;font-size:13px}.cards{display:flex;flex-wrap:wrap;gap:12px}
        .card{background:#f5f7fa;border-radius:8px;padding:12px 16px;min-width:150px}.card .v{font-size:22px;font-weight:600}
        .card .l{color:#616161;font-size:13px}.pill{background:#e3f2fd;color:#1565c0;border-radius:10px;padding:2px 8px;font-size:13px}
        .scroll{overflow-x:auto}table{border-collapse:collapse;font-size:13px;margin:8px 0}
        th,td{border-bottom:1px solid #e0e0e0;padding:4px 10px;text-align:left}th{background:#fafafa}
        .missing li{margin:4px 0}.cand{color:#616161;font-size:13px}.legend span{margin-right:14px;font-size:13px}
        svg text.n{font-size:12px;fill:#212121}svg text.i{font-size:10px;fill:#616161}svg text.l,svg text.v,svg text.t{font-size:12px;fill:#424242}
        .note{color:#b71c1c}.note-plain,.more{color:#616161;font-size:13px}td.num{text-align:right;font-variant-numeric:tabular-nums}
        .summary ul{background:#fffde7;border-left:4px solid #f9a825;padding:10px 10px 10px 28px}.summary li{margin:4px 0}
        .tree-wrap svg{max-width:100%;height:auto}
        @page{size:A4;margin:14mm}@media print{body{max-width:none;margin:0}.scroll{overflow:visible}section{break-inside:auto}h2{break-after:avoid}.summary{break-after:page}}.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}h4{margin:8px 0 4px}
        """
}
