import ChainGraph

/// `report.md`: the whole report as Markdown, readable on its own.
public enum MarkdownReport {
    /// The report as Markdown.
    public static func render(_ r: ChainReport) -> String {
        let t = Labels(language: r.language)
        func table(_ rows: ResultTable, only: [String]? = nil) -> String {
            let rt = ReportTable(rows, only: only, report: r, labels: t)
            return TableRenderer.markdown(header: rt.header, rows: rt.rows)
        }
        var md = "# \(r.title)\n\n"
        md += "\(t(.dataset)): `\(r.dataset)` · \(t(.generatedBy)) · \(t.unitNote(r.unit))\n\n"
        md += "## \(t(.overview))\n\n"
        md += TableRenderer.markdown(
            header: [t(.firms), t(.links), t(.chains), t(.localFirms), t(.localRevenue), t(.localRateOverall)],
            rows: [[HumanFormat.number(Double(r.summary.firms)), HumanFormat.number(Double(r.summary.links)), String(r.summary.chains),
                    HumanFormat.number(Double(r.summary.localFirms)), HumanFormat.number(r.summary.localRevenue),
                    HumanFormat.percent(r.localRate?.valueRate)]])
        md += "\n## \(t(.keyMissing))\n\n"
        for section in r.chains {
            md += "**\(section.chain)** — \(t(.coverage)) \(HumanFormat.percent(section.coverage.coverage)) (\(section.coverage.present)/\(section.coverage.leaves))\n\n"
            if section.keyMissing.isEmpty { md += "- \(t(.none))\n" }
            for (i, g) in section.keyMissing.enumerated() {
                md += "\(i + 1). \(r.label(g.segment)): \(t(.importedValue)) \(HumanFormat.number(g.importedValue)), \(t(.dependents)) \(g.dependents ?? 0)"
                if !g.candidates.isEmpty { md += "; \(t(.candidates)): \(g.candidates.joined(separator: ", "))" }
                md += "\n"
            }
            md += "\n"
        }
        md += "## \(t(.tree))\n\n"
        for section in r.chains {
            md += "**\(section.chain)**\n\n"
            for node in section.tree {
                let share = node.localShare.map { " (\(HumanFormat.percent($0)))" } ?? ""
                md += String(repeating: "  ", count: node.depth) + "- \(ChainReport.style(node.status).mark) \(node.name.isEmpty ? node.id : node.name) `\(node.id)`\(share)\n"
            }
            md += "\n"
        }
        md += ChainReport.statusStyles.map { "\($0.style.mark) \(t.pick($0.style.zh, $0.style.en))" }.joined(separator: " · ") + "\n\n"
        let rateColumns = ["key", "value_rate", "count_rate", "input_value"]
        md += "## \(t(.localRateTitle))\n\n### \(t(.byChain))\n\n" + table(ResultTable(r.localRateByChain), only: rateColumns)
        var bySegment = ResultTable(r.localRateBySegment)
        bySegment.columns[0].name = "segment"  // keys are segment ids: show their names
        md += "\n### \(t(.bySegment))\n\n" + table(bySegment, only: ["segment"] + rateColumns.dropFirst())
        md += "\n## \(t(.leadersTitle))\n\n" + table(ResultTable(r.leaders), only: ["chain", "rank", "firm", "score", "r", "p", "u", "leader"])
        md += "\n### \(t(.specialists))\n\n"
        md += r.specialists.isEmpty ? "\(t(.none))\n" : r.specialists.map { "- \($0.firm) (\($0.chain))" }.joined(separator: "\n") + "\n"
        md += "\n## \(t(.gapsTitle))\n\n"
        for (kind, rows) in GapSections.tables(r) {
            md += "### \(t.pick(kind.zh, kind.en))\n\n"
            let rt = GapSections.reportTable(kind, rows, r, t)
            md += rt.rows.isEmpty ? "\(t(.none))\n\n" : TableRenderer.markdown(header: rt.header, rows: rt.rows) + "\n"
        }
        md += "## \(t(.ioTitle))\n\n"
        if let note = r.linkageNote { md += "> \(note)\n\n" }
        md += table(ResultTable(r.linkages))
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
