import ChainGraph
import Foundation

/// `report.ipynb`: a Jupyter notebook (nbformat 4.5) that loads `report.json` with pandas and
/// re-draws each figure with matplotlib, with Markdown cells explaining each section.
public enum NotebookReport {
    struct Notebook: Encodable {
        var cells: [Cell]
        var metadata: [String: [String: String]] = [
            "kernelspec": ["display_name": "Python 3", "language": "python", "name": "python3"],
            "language_info": ["name": "python"],
        ]
        var nbformat = 4
        var nbformat_minor = 5
    }

    struct Cell: Encodable {
        var cell_type: String
        var id: String
        var metadata: [String: String] = [:]
        var source: [String]
        var outputs: [String]?
        var execution_count: Int??

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cell_type, forKey: .cell_type)
            try c.encode(id, forKey: .id)
            try c.encode(metadata, forKey: .metadata)
            try c.encode(source, forKey: .source)
            if cell_type == "code" {
                try c.encode([String](), forKey: .outputs)
                try c.encodeNil(forKey: .execution_count)
            }
        }

        enum CodingKeys: String, CodingKey { case cell_type, id, metadata, source, outputs, execution_count }
    }

    /// The notebook as nbformat 4.5 JSON.
    public static func render(_ r: ChainReport) -> String {
        let zh = r.language == .zh
        var cells: [Cell] = []
        func md(_ text: String) { cells.append(Cell(cell_type: "markdown", id: "md\(cells.count)", source: lines(text))) }
        func code(_ text: String) { cells.append(Cell(cell_type: "code", id: "code\(cells.count)", source: lines(text))) }

        md(zh ? "# \(r.title)\n\n本笔记本读取同目录下的 `report.json`（ChainGraph 生成），用 pandas 和 matplotlib 重绘报告中的每张图。指标定义见 ChainGraph 的 docs/metrics.md。"
              : "# \(r.title)\n\nThis notebook loads `report.json` (written by ChainGraph) from the same folder and re-draws every figure of the report with pandas and matplotlib. Metric definitions: ChainGraph's docs/metrics.md.")
        code("""
            import json
            import pandas as pd
            import matplotlib.pyplot as plt
            from matplotlib.ticker import PercentFormatter

            # Chinese labels need a CJK font; fall back silently when none is installed.
            plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "SimHei", "Microsoft YaHei", "DejaVu Sans"]
            plt.rcParams["axes.unicode_minus"] = False

            with open("report.json", encoding="utf-8") as f:
                report = json.load(f)
            zh = report["language"] == "zh"
            names = report["firm_names"]
            def firm(i):
                return f"{names[i]} ({i})" if i in names else i
            print(report["title"])
            print(report["verdict"])
            pd.Series(report["summary"])
            """)
        md(zh ? "## 本地配套率\n\n金额配套率 = 本地供应商供货额 ÷ 本地企业采购总额；红色虚线为 50% 目标。"
              : "## Local supporting rate (本地配套率)\n\nValue rate = purchases from local suppliers ÷ all purchases of the region's firms; the dashed line is the 50% target.")
        code("""
            fig, axes = plt.subplots(1, 2, figsize=(12, 5), gridspec_kw={"width_ratios": [1, 2]})
            target = report["meta"]["target"]
            for ax, key, title in [(axes[0], "local_rate_by_chain", "chain"), (axes[1], "local_rate_by_segment", "segment")]:
                df = pd.DataFrame(report[key])
                if df.empty:
                    continue
                df = df[df["input_value"] > 0]
                df = df.iloc[::-1]
                labels = [report["segment_names"].get(k, "") + f" ({k})" if title == "segment" else k for k in df["key"]]
                ax.barh(labels, df["value_rate"].fillna(0), color=["#43a047" if (v or 0) >= target else "#fb8c00" for v in df["value_rate"]])
                ax.axvline(target, color="#c62828", linestyle="--")
                ax.set_xlim(0, 1)
                ax.xaxis.set_major_formatter(PercentFormatter(1.0))
                ax.set_title(("分产业链" if title == "chain" else "分环节") if zh else "by " + title)
            plt.tight_layout()
            """)
        md(zh ? "## 产业链树状图\n\n颜色（见 report.json 的 `tree_styles`）：" + ChainReport.statusStyles.map(\.style.zh).joined(separator: "、") + "。"
              : "## Chain tree (产业链树状图)\n\nColours (`tree_styles` in report.json): " + ChainReport.statusStyles.map(\.style.en).joined(separator: ", ") + ".")
        code("""
            colors = {s["status"]: s["style"]["fill"] for s in report["tree_styles"]}
            for section in report["chains"]:
                nodes = section["tree"]
                children = {}
                for n in nodes:
                    if n.get("parent"):
                        children.setdefault(n["parent"], []).append(n["id"])
                x, next_leaf = {}, [0]
                def place(i):
                    kids = children.get(i, [])
                    if kids:
                        xs = [place(k) for k in kids]
                        x[i] = (min(xs) + max(xs)) / 2
                    else:
                        x[i] = next_leaf[0]
                        next_leaf[0] += 1
                    return x[i]
                for n in nodes:
                    if not n.get("parent"):
                        place(n["id"])
                fig, ax = plt.subplots(figsize=(max(6, next_leaf[0] * 1.2), 1.6 * (max(n["depth"] for n in nodes) + 1)))
                for n in nodes:
                    if n.get("parent"):
                        ax.plot([x[n["parent"]], x[n["id"]]], [-(n["depth"] - 1), -n["depth"]], color="#90a4ae", zorder=1)
                for n in nodes:
                    ax.text(x[n["id"]], -n["depth"], (n["name"] or n["id"]) + "\\n" + n["id"], ha="center", va="center", fontsize=8,
                            bbox=dict(boxstyle="round", fc=colors[n["status"]], ec="#616161"), zorder=2)
                ax.set_title(f'{section["chain"]} — coverage {section["coverage"]["coverage"] or 0:.1%}')
                ax.axis("off")
            """)
        md(zh ? "## 链主企业候选\n\n得分 = (营收 + 采购额 + 两级上游企业数) / 3，各项除以链内最大值。"
              : "## Chain leader candidates (链主)\n\nScore = (revenue + purchases + firms within two supply steps upstream) / 3, each divided by the chain's maximum.")
        code("""
            leaders = pd.DataFrame(report["leaders"])
            for chain, df in leaders.groupby("chain", sort=False):
                df = df.sort_values("rank").head(10).iloc[::-1]
                fig, ax = plt.subplots(figsize=(7, 0.35 * len(df) + 1))
                ax.barh([firm(f) for f in df["firm"]], df["score"], color=["#1e88e5" if l else "#90caf9" for l in df["leader"]])
                ax.set_title(chain + (" 链主得分" if zh else " leader score"))
            leaders.head(20)
            """)
        md(zh ? "## 精准招商清单\n\n引进候选企业（产能 = 其现有销售额）后所在产业链本地配套率的变化，按提升幅度排序。"
              : "## Targeted attraction shortlist (精准招商)\n\nThe change of each candidate's chain local rate if it opened a local plant with its current sales as capacity.")
        code("""
            shortlist = pd.DataFrame(report["shortlist"])
            if not shortlist.empty:
                top = shortlist.head(10).iloc[::-1]
                fig, ax = plt.subplots(figsize=(8, 0.4 * len(top) + 1))
                ax.barh([firm(c) + " · " + s for c, s in zip(top["candidate"], top["segment"])], top["delta"], color="#1e88e5")
                ax.xaxis.set_major_formatter(PercentFormatter(1.0))
                ax.set_title("本地配套率提升" if zh else "Change of the chain's local rate")
            shortlist.head(20)
            """)
        md(zh ? "## 产业配套半径\n\n本地企业采购额一半（90%）来自该距离以内（公里，按金额加权）。"
              : "## Supply radius (配套半径)\n\nHalf (90 %) of the region's purchase value comes from within this distance (km, value-weighted).")
        code("""
            radius = pd.DataFrame(report["radius"])
            if not radius.empty:
                fig, ax = plt.subplots(figsize=(7, 0.5 * len(radius) + 1))
                ax.barh(radius["key"], radius["p90_km"], color="#90caf9", label="p90")
                ax.barh(radius["key"], radius["median_km"], color="#1e88e5", label="median")
                ax.set_xlabel("km")
                ax.legend()
            radius
            """)
        md(zh ? "## 年度对比\n\n有上一期数据（`--before`）时：配套率变化、新增与关闭的缺链（短板长板动态表）、进入与离开的企业、链主排名变化。"
              : "## Year-over-year comparison (年度对比)\n\nWith an earlier dataset (`--before`): rate changes, gap rows opened and closed, firms entered and left, leader rank changes.")
        code("""
            comparison = pd.DataFrame(report["comparison"])
            comparison.groupby("section", sort=False).size() if not comparison.empty else "no earlier dataset"
            """)
        md(zh ? "## 缺链分析\n\n每类缺链一张表（类型与适用的列见 report.json 的 `gap_kinds`）：" + GapKind.allCases.map(\.zh).joined(separator: "、") + "。"
              : "## Chain gaps\n\nOne table per gap type (types and their columns: `gap_kinds` in report.json): " + GapKind.allCases.map(\.en).joined(separator: ", ") + ".")
        code("""
            gaps = pd.DataFrame(report["gaps"])
            lang = report["language"]
            for kind in report["gap_kinds"]:
                part = gaps[gaps["type"] == kind["type"]][kind["columns"]] if not gaps.empty else gaps
                print(kind[lang], len(part))
                display(part.head(15))
            """)
        md(zh ? "## 供需对接安排、断链情景与链主带动配套率\n\n缺失配套按本地供应商分组（对接会议程）；外地独家供应商逐一断供时的受损营收（直接与波及）；各链链主采购的本地配套率。"
              : "## Matchmaking, disruption scenarios and the leaders' local rate\n\nMissing local links grouped by the local supplier (a matchmaking agenda); revenue at risk when each outside single-source supplier is lost (direct and ripple); the local rate of each chain's leaders.")
        code("""
            for key in ["matchmaking", "disruption", "leader_rates"]:
                table = pd.DataFrame(report[key])
                print(key, len(table))
                display(table.head(15))
            """)
        md(zh ? "## 关键环节（投入产出关联）\n\n后向关联与前向关联均大于 1 的环节为关键环节。"
              : "## Key segments (input–output linkages)\n\nSegments with both backward and forward linkage above 1 are key segments.")
        code("""
            io = pd.DataFrame(report["linkages"])
            if not io.empty:
                fig, ax = plt.subplots(figsize=(6, 5))
                ax.scatter(io["backward"], io["forward"], c=["#c62828" if k else "#1e88e5" for k in io["key"]])
                for _, row in io.iterrows():
                    ax.annotate(row["segment"], (row["backward"], row["forward"]), fontsize=8)
                ax.axvline(1, color="#9e9e9e", linestyle="--")
                ax.axhline(1, color="#9e9e9e", linestyle="--")
                ax.set_xlabel("backward linkage")
                ax.set_ylabel("forward linkage")
            io
            """)
        let notebook = Notebook(cells: cells)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(notebook)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Notebook sources are lists of lines, each but the last ending in "\n".
    static func lines(_ text: String) -> [String] {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return parts.enumerated().map { i, line in i < parts.count - 1 ? line + "\n" : line }
    }
}
