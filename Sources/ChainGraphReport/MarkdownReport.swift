import ChainGraph

/// `report.md`: the whole report as Markdown, readable on its own.
public enum MarkdownReport {
    /// The report as Markdown.
    public static func render(_ r: ChainReport) -> String {
        let t = Labels(language: r.language)
        func table(_ rows: ResultTable, only: [String]? = nil) -> String {
            let rt = ReportTable(rows, only: only, report: r, labels: t)
            return TableRenderer.markdown(header: rt.header, rows: rt.rows, rightAligned: rt.numericColumns)
        }
        var md = "# \(r.title)\n\n"
        md += ReportText.metaLine(r, t, code: { "`\($0)`" }) + "\n\n"
        md += "## \(t(.summaryTitle))\n\n"
        for item in ReportSummary.items(r, t) { md += "- **\(item.label)**\(t.pick("：", ": "))\(item.text)\n" }
        md += "\n## \(t(.overview))\n\n"
        md += TableRenderer.markdown(
            header: [t(.firms), t(.links), t(.chains), t(.localFirms), t(.localRevenue), t(.localRateOverall)],
            rows: [[HumanFormat.number(Double(r.summary.firms)), HumanFormat.number(Double(r.summary.links)), String(r.summary.chains),
                    HumanFormat.number(Double(r.summary.localFirms)), t.money(r.summary.localRevenue, r.unit),
                    HumanFormat.percent(r.localRate?.valueRate)]])
        md += "\n## \(t(.keyMissing))\n\n"
        for section in r.chains {
            md += "**\(section.chain)** — \(t(.coverage)) \(HumanFormat.percent(section.coverage.coverage)) (\(section.coverage.present)/\(section.coverage.leaves))\n\n"
            if section.keyMissing.isEmpty { md += "- \(t(.none))\n" }
            for (i, g) in section.keyMissing.enumerated() {
                md += "\(i + 1). \(r.label(g.segment)): \(t(.importedValue)) \(t.money(g.importedValue ?? 0, r.unit)), \(t(.dependents)) \(g.dependents ?? 0)"
                if !g.candidates.isEmpty { md += "; \(t(.candidates)): \(g.candidates.map { ReportText.profile($0, r, t) }.joined(separator: "; "))" }
                md += "\n"
            }
            md += "\n"
        }
        md += "## \(t(.tree))\n\n"
        for section in r.chains {
            md += "**\(section.chain)**\n\n"
            for node in section.tree {
                let share = node.localShare.map { " (\(HumanFormat.percent($0)))" } ?? ""
                let firms = node.localFirms > 0 ? t.pick(" · 本地企业 \(node.localFirms) 家", " · \(node.localFirms) local firms") : ""
                md += String(repeating: "  ", count: node.depth) + "- \(ChainReport.style(node.status).mark) \(node.name.isEmpty ? node.id : node.name) `\(node.id)`\(share)\(firms)\n"
            }
            md += "\n"
        }
        md += ChainReport.statusStyles.map { "\($0.style.mark) \(t.pick($0.style.zh, $0.style.en))" }.joined(separator: " · ") + "\n\n"
        md += "> \(t(.segmentShareNote))\n\n"
        let rateColumns = ["key", "value_rate", "count_rate", "input_value"]
        md += "## \(t(.localRateTitle))\n\n### \(t(.byChain))\n\n" + table(ResultTable(r.localRateByChain), only: rateColumns)
        md += "\n### \(t(.leaderRateTitle))\n\n" + table(ResultTable(r.leaderRates), only: rateColumns)
        // Segments whose buyers bought nothing have no rate to show.
        var bySegment = ResultTable(r.localRateBySegment.filter { $0.inputValue > 0 })
        bySegment.columns[0].name = "segment"  // keys are segment ids: show their names
        md += "\n### \(t(.bySegment))\n\n" + table(bySegment, only: ["segment"] + rateColumns.dropFirst())
        md += "\n## \(t(.shortlistTitle))\n\n\(t(.shortlistNote))\n\n"
        md += ReportText.capped(ResultTable(r.shortlist), file: "shortlist.csv", r, t) { table($0) }
        if !r.comparison.isEmpty {
            md += "\n## \(t(.comparisonTitle))\n\n\(t(.comparisonNote)) (\(r.comparedWith ?? "") → \(r.dataset))\n\n"
            md += ReportText.capped(ResultTable(r.comparison), file: "comparison.csv", r, t) { table($0) }
        }
        md += "\n## \(t(.radiusTitle))\n\n\(t(.radiusNote))\n\n" + table(ResultTable(r.radius))
        let leaders = ReportText.leaderTable(r, t)
        md += "\n## \(t(.leadersTitle))\n\n" + TableRenderer.markdown(header: leaders.header, rows: leaders.rows, rightAligned: leaders.numericColumns)
        md += "\n\(ReportText.leaderNote(t))\n"
        md += "\n### \(t(.specialists))\n\n"
        md += r.specialists.isEmpty ? "\(t(.none))\n" : r.specialists.map { "- \(r.firmLabel($0.firm)) (\($0.chain))" }.joined(separator: "\n") + "\n"
        md += "\n## \(t(.gapsTitle))\n\n"
        for (kind, rows) in GapSections.tables(r) {
            md += "### \(t.pick(kind.zh, kind.en))\n\n"
            let rt = GapSections.reportTable(kind, Array(rows.prefix(ReportText.rowCap)), r, t)
            md += rt.rows.isEmpty ? "\(t(.none))\n\n" : TableRenderer.markdown(header: rt.header, rows: rt.rows, rightAligned: rt.numericColumns) + "\n"
            if rows.count > ReportText.rowCap { md += ReportText.more(rows.count - ReportText.rowCap, "gaps.csv", t) + "\n\n" }
        }
        md += "## \(t(.matchTitle))\n\n\(t(.matchNote))\n\n"
        md += ReportText.capped(ResultTable(r.matchmaking), file: "matchmaking.csv", r, t) { table($0) }
        md += "\n## \(t(.disruptionTitle))\n\n\(t(.disruptionNote))\n\n" + table(ResultTable(r.disruption))
        md += "\n## \(t(.ioTitle))\n\n\(t(.ioNote))\n\n"
        if let note = r.linkageNote { md += "> \(note)\n\n" }
        let io = ReportText.ioTable(r, t)
        md += TableRenderer.markdown(header: io.header, rows: io.rows, rightAligned: io.numericColumns)
        return md
    }
}

/// The gap tables of the report, one per ``GapKind``, in SPEC §3.2 order, each with only
/// the columns that apply to its kind (the kind's `type` column and chain are implied).
enum GapSections {
    static func tables(_ r: ChainReport) -> [(GapKind, [ChainGaps.Row])] {
        GapKind.allCases.map { kind in (kind, r.gaps.filter { $0.kind == kind }) }
    }

    static func reportTable(_ kind: GapKind, _ rows: [ChainGaps.Row], _ r: ChainReport, _ t: Labels) -> ReportTable {
        let columns = ChainGaps.Row.columns.map(\.name).filter { $0 != "type" && kind.applicableColumns.contains($0) }
        return ReportTable(ResultTable(rows), only: columns, report: r, labels: t) { column in
            kind.label(for: column.name).map { t.pick($0.zh, $0.en) }
        }
    }

    /// Kinds shown side by side as the 短板/长板 table: those that describe a segment's
    /// local balance rather than a firm.
    static func isBalance(_ kind: GapKind) -> Bool { !kind.applicableColumns.contains("buyer") && kind.applicableColumns.contains("local_share") }
}
