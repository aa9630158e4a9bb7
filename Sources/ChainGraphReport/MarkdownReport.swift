import ChainGraph

/// `report.md`: the whole report as Markdown, readable on its own.
public enum MarkdownReport {
    public static func render(_ r: ChainReport) -> String {
        let t = Labels(language: r.language)
        var md = "# \(r.title)\n\n"
        md += "\(t(.dataset)): `\(r.dataset)` · \(t(.generatedBy)) · \(t(.methodNote))\n\n"
        md += "## \(t(.overview))\n\n"
        md += table([t(.firms), t(.links), t(.chains), t(.localFirms), t(.localRevenue), t(.localRateOverall)],
                    [[Format.number(Double(r.summary.firms)), Format.number(Double(r.summary.links)), String(r.summary.chains),
                      Format.number(Double(r.summary.localFirms)), Format.number(r.summary.localRevenue), Format.percent(r.localRate?.valueRate)]])
        md += "\n## \(t(.keyMissing))\n\n"
        for section in r.chains {
            md += "**\(section.chain)** — \(t(.coverage)) \(Format.percent(section.coverage.coverage)) (\(section.coverage.present)/\(section.coverage.leaves))\n\n"
            if section.keyMissing.isEmpty { md += "- \(t(.none))\n" }
            for (i, g) in section.keyMissing.enumerated() {
                md += "\(i + 1). \(r.label(g.segment)): \(t(.importedValue)) \(Format.number(g.importedValue)), \(t(.dependents)) \(g.dependents ?? 0)"
                if !g.candidates.isEmpty { md += "; \(t(.candidates)): \(g.candidates.joined(separator: ", "))" }
                md += "\n"
            }
            md += "\n"
        }
        md += "## \(t(.tree))\n\n"
        for section in r.chains {
            md += "**\(section.chain)**\n\n"
            for node in section.tree {
                let mark = ["present": "✅", "weak": "⚠️", "missing": "❌", "absent": "▫️"][node.status] ?? ""
                let share = node.localShare.map { " (\(t(.localShare)) \(Format.percent($0)))" } ?? ""
                md += String(repeating: "  ", count: node.depth) + "- \(mark) \(node.name.isEmpty ? node.id : node.name) `\(node.id)`\(share)\n"
            }
            md += "\n"
        }
        md += "✅ \(t(.treeLegendPresent)) · ⚠️ \(t(.treeLegendWeak)) · ❌ \(t(.treeLegendMissing)) · ▫️ \(t(.treeLegendAbsent))\n\n"
        md += "## \(t(.localRateTitle))\n\n### \(t(.byChain))\n\n" + rateTable(r.localRateByChain, t, label: { $0 })
        md += "\n### \(t(.bySegment))\n\n" + rateTable(r.localRateBySegment, t, label: r.label)
        md += "\n## \(t(.leadersTitle))\n\n"
        md += table([t(.chain), t(.rank), t(.firm), t(.score), t(.revenueShare), t(.purchaseShare), t(.reachShare), t(.leader)],
                    r.leaders.map { [$0.chain, String($0.rank), $0.firm, Format.score($0.score), Format.score($0.r), Format.score($0.p),
                                     Format.score($0.u), $0.leader ? t(.yes) : ""] })
        md += "\n### \(t(.specialists))\n\n"
        md += r.specialists.isEmpty ? "\(t(.none))\n" : r.specialists.map { "- \($0.firm) (\($0.chain))" }.joined(separator: "\n") + "\n"
        md += "\n## \(t(.gapsTitle))\n\n### \(t(.missingSegments))\n\n"
        md += table([t(.chain), t(.segment), t(.importedValue), t(.dependents), t(.candidates)],
                    r.gaps.filter { $0.kind == .missingSegment }.map {
                        [$0.chain ?? "", r.label($0.segment), Format.number($0.importedValue), String($0.dependents ?? 0), $0.candidates.joined(separator: ", ")]
                    })
        md += "\n### \(t(.missingLinks))\n\n"
        md += table([t(.buyer), t(.segment), t(.importedValue), t(.candidates)],
                    r.gaps.filter { $0.kind == .missingLink }.map {
                        [$0.buyer ?? "", r.label($0.segment), Format.number($0.importedValue), $0.candidates.joined(separator: ", ")]
                    })
        md += "\n### \(t(.weakSegments))\n\n"
        md += table([t(.chain), t(.segment), t(.demand), t(.importedValue), t(.localShare)],
                    r.gaps.filter { $0.kind == .weakSegment }.map {
                        [$0.chain ?? "", r.label($0.segment), Format.number($0.value), Format.number($0.importedValue), Format.percent($0.localShare)]
                    })
        md += "\n### \(t(.singleSources))\n\n"
        md += table([t(.buyer), t(.segment), t(.supplier), t(.value), t(.supplierLocal)],
                    r.gaps.filter { $0.kind == .singleSource }.map {
                        [$0.buyer ?? "", r.label($0.segment), $0.supplier ?? "", Format.number($0.value), $0.supplierLocal == true ? t(.yes) : t(.no)]
                    })
        md += "\n## \(t(.ioTitle))\n\n"
        if let note = r.linkageNote { md += "> \(note)\n\n" }
        md += table([t(.segment), t(.output), t(.backward), t(.forward), t(.keySegment)],
                    r.linkages.map { [r.label($0.segment), Format.number($0.output), Format.score($0.backward), Format.score($0.forward), $0.key ? t(.yes) : ""] })
        return md
    }

    static func rateTable(_ rows: [LocalSupportingRate.Row], _ t: Labels, label: (String) -> String) -> String {
        table([t(.key), t(.valueRate), t(.countRate), t(.purchaseValue)],
              rows.map { [label($0.key), Format.percent($0.valueRate), Format.percent($0.countRate), Format.number($0.inputValue)] })
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.map(Format.cell).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for row in rows { out += "| " + row.map(Format.cell).joined(separator: " | ") + " |\n" }
        return out
    }
}
