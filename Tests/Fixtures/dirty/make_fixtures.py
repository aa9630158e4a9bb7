"""Writes the analyst-data fixtures of SPEC §1.1: one clean dataset and the same data as
analysts' tools write it (title rows, Chinese headers with units, thousands separators,
full-width digits, currency signs, total rows, identical duplicate rows, names instead of
ids, tab-separated GB18030 invoice extracts, place strings instead of region paths, an
.xlsx workbook). Every dirty variant must give exactly the clean dataset's answers
(Tests/ChainGraphTests/IO/AnalystDataTests.swift).

Run from the repository root:  python3 Tests/Fixtures/dirty/make_fixtures.py
Needs openpyxl (pip install openpyxl) for the workbook.
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))

SEGMENTS = [  # id, name, chain, parent, stage, inputs
    ("S1", "正极材料", "新能源汽车", "", "upstream", ""),
    ("S2", "动力电池", "新能源汽车", "", "midstream", "S1"),
    ("S3", "整车制造", "新能源汽车", "", "downstream", "S2"),
]
# id, name, clean region path, region as a registry writes it, segment, revenue in 万元
FIRMS = [
    ("F01", "武汉正极科技有限公司", "湖北/武汉/洪山区", "湖北省武汉市洪山区", "S1", 1250),
    ("F02", "襄阳锂电材料股份有限公司", "湖北/襄阳/樊城区", "湖北省襄阳市樊城区", "S1", 830.5),
    ("F03", "武汉动力电池有限公司", "湖北/武汉/东湖高新区", "湖北省武汉市东湖高新区", "S2", 5600),
    ("F04", "深圳电芯科技有限公司", "广东/深圳/南山区", "广东省深圳市南山区", "S2", 7300),
    ("F05", "东风新能源汽车有限公司", "湖北/武汉/蔡甸区", "湖北省武汉市蔡甸区", "S3", 32000),
    ("F06", "宜宾锂业有限公司", "四川/宜宾/翠屏区", "四川省宜宾市翠屏区", "S1", 2400),
    ("F07", "十堰汽车股份有限公司", "湖北/十堰/张湾区", "湖北省十堰市张湾区", "S3", 15800),
    ("F08", "北京电池研究院有限公司", "北京/北京/海淀区", "北京市海淀区", "S2", 960),
]
# supplier, buyer, value in 万元 (exact in 元: every value × 10000 is an integer)
LINKS = [
    ("F01", "F03", 320.5), ("F02", "F03", 180), ("F06", "F03", 410.25), ("F01", "F04", 95),
    ("F03", "F05", 2100), ("F04", "F05", 640), ("F03", "F07", 880.75), ("F08", "F07", 150),
    ("F06", "F04", 530), ("F02", "F08", 44.5), ("F04", "F07", 1200), ("F01", "F08", 12.25),
]


def write(path, rows, encoding="utf-8", delimiter=","):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding=encoding) as fh:
        csv.writer(fh, delimiter=delimiter, lineterminator="\r\n" if encoding != "utf-8" else "\n").writerows(rows)


def num(x):
    return repr(x) if x != int(x) else str(int(x))


def thousands(x):
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


def clean():
    d = os.path.join(HERE, "clean")
    write(f"{d}/segments.csv", [("id", "name", "chain", "parent", "stage", "inputs")] + SEGMENTS)
    write(f"{d}/firms.csv", [("id", "name", "region", "segment", "revenue")] + [(f[0], f[1], f[2], f[4], num(f[5])) for f in FIRMS])
    write(f"{d}/links.csv", [("supplier", "buyer", "value")] + [(s, b, num(v)) for s, b, v in LINKS])


def registry_rows():
    """firms as an enterprise-registry export: title, blank row, Chinese headers with a
    unit, place strings, revenue in 亿元, a duplicate identical row and a total row."""
    rows = [("2024年XX市新能源汽车产业链企业名单",), (), ("企业编号", "企业名称", "所在地区", "所属环节", "营业收入（亿元）", "备注")]
    for f in FIRMS:
        rows.append((f[0], f[1], f[3], f[4], num(round(f[5] / 10000, 8)), ""))
    rows.insert(5, rows[4])  # an identical duplicate row, as a double paste leaves it
    rows.append(("合计", "", "", "", num(round(sum(f[5] for f in FIRMS) / 10000, 8)), ""))
    return rows


def purchase_rows():
    """links in 元 with thousands separators, segment names instead of ids, a total row."""
    rows = [("采购明细表（单位：元）",), ("供应商", "采购商", "采购金额（元）", "所属环节")]
    seg_name = {s[0]: s[1] for s in SEGMENTS}
    prim = {f[0]: f[4] for f in FIRMS}
    for s, b, v in LINKS:
        rows.append((s, b, thousands(v * 10000), seg_name[prim[s]]))
    rows.append(("合计", "", thousands(sum(v for _, _, v in LINKS) * 10000), ""))
    return rows


def title_units():
    d = os.path.join(HERE, "title_units")
    write(f"{d}/segments.csv", [("环节编号", "环节名称", "产业链", "上级环节", "阶段", "投入环节")] + SEGMENTS)
    write(f"{d}/firms.csv", registry_rows())
    write(f"{d}/links.csv", purchase_rows())


def invoice_tsv():
    """A tax-invoice extract: seller/buyer names, 价税合计 with ¥ and full-width digits,
    tab-separated, GB18030 — the way WPS/Excel save it on a Chinese Windows machine."""
    d = os.path.join(HERE, "invoice_tsv")
    write(f"{d}/segments.csv", [("id", "name", "chain", "parent", "stage", "inputs")] + SEGMENTS, encoding="gb18030")
    write(f"{d}/firms.csv", [("企业编号", "企业名称", "地区", "环节", "营收")] +
          [(f[0] + "\u3000", f[1], f[3].replace("省", "省 ").replace("市", "市-", 1), f[4], num(f[5])) for f in FIRMS], encoding="gb18030")
    name = {f[0]: f[1] for f in FIRMS}
    rows = [("销方名称", "购方名称", "价税合计")]
    for i, (s, b, v) in enumerate(LINKS):
        amount = f"¥{thousands(v)}" if i % 2 == 0 else fullwidth(num(v))
        rows.append((name[s], name[b], amount))
    write(f"{d}/links.tsv", rows, encoding="gb18030", delimiter="\t")


def workbook():
    """One workbook with sheets 企业 / 供应关系 / 环节 (SPEC §1.1), written by openpyxl."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "供应关系"
    for row in purchase_rows():
        ws.append(list(row))
    ws2 = wb.create_sheet("企业")
    for row in registry_rows():
        ws2.append([float(c) if i == 4 and c.replace(".", "").isdigit() else c for i, c in enumerate(row)])
    ws3 = wb.create_sheet("环节")
    for row in [("环节编号", "环节名称", "产业链", "上级环节", "阶段", "投入环节")] + SEGMENTS:
        ws3.append(list(row))
    path = os.path.join(HERE, "workbook", "产业链数据.xlsx")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    wb.save(path)


def errors():
    """Cells that must stay errors, each named by its place (SPEC §1.1)."""
    d = os.path.join(HERE, "errors")
    write(f"{d}/firms.csv", [("id", "name", "region", "revenue")] + [
        ("A", "甲公司", "湖北/武汉", "100"), ("B", "乙公司", "湖北/武汉", "#N/A"), ("C", "同名公司", "广东/深圳", "5"),
        ("D", "同名公司", "广东/广州", "6"), ("B2", "乙二公司", "湖北/武汉", "(35.5)")])
    write(f"{d}/links.csv", [("supplier", "buyer", "value")] + [
        ("A", "B", "#N/A"), ("C", "A", "(1,234.56)"), ("同名公司", "A", "3"), ("Z", "A", "4"), ("A", "D", "abc")])


if __name__ == "__main__":
    clean()
    title_units()
    invoice_tsv()
    errors()
    workbook()
    print("wrote", ", ".join(sorted(os.listdir(HERE))))
