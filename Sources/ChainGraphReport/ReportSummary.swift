import ChainGraph

/// The report's one-page summary as labelled lines, shared by the Markdown and HTML
/// renderers: the 本地配套率 verdict, the leaders' rate, the key missing segments with named
/// 招商 targets, the 链主, the 卡脖子 links, the best 招商 candidates and, with an earlier
/// year, what changed.
struct ReportSummary {
    struct Item {
        var label: String
        var text: String
    }

    static func items(_ r: ChainReport, _ t: Labels) -> [Item] {
        var items: [Item] = []
        if let v = r.verdict {
            let status = v.met ? t(.met) : t(.notMet)
            var text = "\(HumanFormat.percent(v.rate))（\(t.pick("目标", "target")) \(HumanFormat.percent(v.target))）\(status)"
            if t.language == .en { text = "\(HumanFormat.percent(v.rate)) (target \(HumanFormat.percent(v.target))): \(status)" }
            if !v.met {
                text += t.pick("，差 \(HumanFormat.fixed(v.gapPoints, 1)) 个百分点，约需 \(t.money(v.missingValue, r.unit)) 外购转为本地采购",
                               ", \(HumanFormat.fixed(v.gapPoints, 1)) points short: about \(t.money(v.missingValue, r.unit)) of imports would have to be bought locally")
            }
            items.append(Item(label: t(.localRateOverall), text: text))
        }
        if !r.leaderRates.isEmpty {
            items.append(Item(label: t(.leaderRateTitle), text: r.leaderRates.map { row in
                "\(row.key) \(HumanFormat.percent(row.valueRate))" + t.pick("（", " (") + ((row.valueRate ?? 0) >= r.meta.target ? t(.met) : t(.notMet)) + t.pick("）", ")")
            }.joined(separator: t.pick("；", "; "))))
        }
        for section in r.chains where !section.keyMissing.isEmpty {
            let parts = section.keyMissing.prefix(5).map { g -> String in
                let targets = g.candidates.prefix(2).map(r.firmLabel).joined(separator: t.pick("、", ", "))
                return r.label(g.segment) + (targets.isEmpty ? "" : " → \(targets)")
            }
            items.append(Item(label: "\(section.chain) \(t(.keyMissing))", text: parts.joined(separator: t.pick("；", "; "))))
        }
        let leaders = r.leaders.filter { $0.rank == 1 }
        if !leaders.isEmpty {
            items.append(Item(label: t(.leaderOf), text: leaders.map { "\($0.chain): \(r.firmLabel($0.firm))" }.joined(separator: t.pick("；", "; "))))
        }
        let chokes = r.gaps.filter { $0.kind == .singleSource && $0.supplierLocal == false }.prefix(3)
        if !chokes.isEmpty {
            items.append(Item(label: t(.chokeTitle), text: chokes.map { g in
                "\(r.firmLabel(g.buyer ?? "")) ← \(r.firmLabel(g.supplier ?? ""))" + t.pick("（", " (") + r.label(g.segment) + t.pick("，", ", ")
                    + t.money(g.value ?? 0, r.unit) + t.pick("）", ")")
            }.joined(separator: t.pick("；", "; "))))
        }
        for c in r.shortlist.prefix(3) {
            items.append(Item(label: t(.shortlistTitle), text: t.pick(
                "引进 \(r.firmLabel(c.candidate))（\(r.label(c.segment))）可使\(c.chain)本地配套率由 \(HumanFormat.percent(c.valueRateBefore)) 升至 \(HumanFormat.percent(c.valueRateAfter))",
                "attracting \(r.firmLabel(c.candidate)) (\(r.label(c.segment))) raises the \(c.chain) chain's local rate from \(HumanFormat.percent(c.valueRateBefore)) to \(HumanFormat.percent(c.valueRateAfter))")))
        }
        if !r.comparison.isEmpty {
            let opened = r.comparison.filter { $0.section == .gapOpened }.count
            let closed = r.comparison.filter { $0.section == .gapClosed }.count
            let entered = r.comparison.filter { $0.section == .firmEntered }.count
            let left = r.comparison.filter { $0.section == .firmLeft }.count
            var text = t.pick("新增缺链 \(opened) 项、关闭 \(closed) 项；本地企业进入 \(entered) 家、离开 \(left) 家",
                              "\(opened) gap rows opened, \(closed) closed; \(entered) firms entered the region, \(left) left")
            if let rate = r.comparison.first(where: { $0.section == .summary && $0.key == "value_rate" }),
               case .share(let a)? = rate.before, case .share(let b)? = rate.after {
                text = t.pick("本地配套率 \(HumanFormat.percent(a)) → \(HumanFormat.percent(b))；", "local rate \(HumanFormat.percent(a)) → \(HumanFormat.percent(b)); ") + text
            }
            items.append(Item(label: t(.comparisonTitle), text: text))
        }
        return items
    }
}

extension Labels {
    /// Money for people: 万元 amounts of 1 亿元 or more in 亿元, smaller ones in 万元; 元
    /// amounts likewise; other units as given.
    func money(_ v: Double, _ unit: String?) -> String {
        let tenThousands: Double? = switch unit {
        case "万元": v
        case "元": v / 1e4
        case "千元": v / 10
        case "百万元": v * 100
        case "亿元": v * 1e4
        default: nil
        }
        guard let w = tenThousands else { return HumanFormat.number(v) + (unit.map { " \($0)" } ?? "") }
        if abs(w) >= 1e4 { return HumanFormat.grouped(w / 1e4, decimals: 2) + " 亿元" }
        return HumanFormat.grouped(w, decimals: 1) + " 万元"
    }
}
