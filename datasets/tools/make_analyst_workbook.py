"""Writes datasets/nev-analyst/湖北新能源汽车产业链.xlsx: the bundled NEV data (datasets/nev)
as an analyst's workbook would hold it (SPEC §1.1) — title rows, Chinese headers with
units, revenues in 亿元 and purchase values in 元 with thousands separators, place strings
for regions (湖北省武汉市东湖高新区), a few firms identified by their unified social credit
code (统一社会信用代码, valid check characters), suppliers and buyers named by firm name in
the purchase sheet, total rows at the bottom. It must give the same answers as datasets/nev
(checked by Tests/ChainGraphTests/IO/AnalystDataTests.swift).

SYNTHETIC DATA, like datasets/nev: the firms and credit codes are made up.
Run from the repository root:  python3 datasets/tools/make_analyst_workbook.py  (needs openpyxl)
"""
import csv
import os

import openpyxl

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
PROVINCE = {"湖北": "湖北省", "广东": "广东省", "江苏": "江苏省", "浙江": "浙江省", "安徽": "安徽省", "湖南": "湖南省",
            "江西": "江西省", "福建": "福建省", "四川": "四川省", "青海": "青海省", "上海": "上海市"}
DIVISION = {"湖北/武汉": "420100", "湖北/襄阳": "420600", "湖北/宜昌": "420500", "湖北/十堰": "420300"}


def credit_code(division, serial):
    """A well-formed unified social credit code (GB 32100-2015) with a valid check character."""
    body = "91" + division + f"{serial:09d}"[:9].replace("I", "1")
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS))
    return body + ALPHABET[(31 - total % 31) % 31]


def place(region):
    parts = region.split("/")
    if parts[0] == "上海":
        return "上海市" + "".join(parts[2:])
    text = PROVINCE.get(parts[0], parts[0]) + (parts[1] + "市" if len(parts) > 1 else "") + "".join(parts[2:])
    return text


def main():
    with open(os.path.join(ROOT, "nev", "firms.csv"), encoding="utf-8") as fh:
        firms = list(csv.DictReader(fh))
    with open(os.path.join(ROOT, "nev", "links.csv"), encoding="utf-8") as fh:
        links = list(csv.DictReader(fh))
    with open(os.path.join(ROOT, "nev", "segments.csv"), encoding="utf-8") as fh:
        segments = list(csv.DictReader(fh))
    names = {}
    ids = {}
    counts = {}
    for f in firms:
        counts[f["name"]] = counts.get(f["name"], 0) + 1
    for i, f in enumerate(firms):
        prefix = "/".join(f["region"].split("/")[:2])
        # Every 7th 湖北 firm is listed by its credit code (its region stays in the sheet).
        ids[f["id"]] = credit_code(DIVISION[prefix], 100000 + i) if prefix in DIVISION and i % 7 == 0 else f["id"]
        names[f["id"]] = f["name"] if counts[f["name"]] == 1 else ids[f["id"]]
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "企业"
    sheet.append(["2024年湖北省新能源汽车产业链企业名单（示例数据，非真实企业）"])
    sheet.append([])
    sheet.append(["企业编号", "企业名称", "所在地区", "所属环节", "营业收入（亿元）", "标签"])
    for f in firms:
        revenue = f["revenue"]
        sheet.append([ids[f["id"]], f["name"], place(f["region"]) if f["region"] else "", f["segment"],
                      float(revenue) / 10000 if revenue else None, f["tags"]])
    links_sheet = wb.create_sheet("供应关系")
    links_sheet.append(["供应关系明细（金额单位：元）"])
    links_sheet.append(["供应商", "采购商", "采购金额（元）", "所属环节"])
    # Deliberate dirt of an invoice extract, none of which changes an answer: the first link
    # worth at least 2 万元 is split into two rows (merged back by summing), and one
    # self-invoice row (supplier = buyer) is added (dropped and counted).
    split = next(i for i, link in enumerate(links) if link["value"] and float(link["value"]) >= 2)
    for i, link in enumerate(links):
        value = link["value"]
        yuan = round(float(value) * 10000) if value else None
        parts = [yuan - 10000, 10000] if i == split else [yuan]
        for part in parts:
            links_sheet.append([names[link["supplier"]], names[link["buyer"]],
                                f"{part:,}" if part is not None else "", link["segment"]])
    first = links[0]
    links_sheet.append([names[first["buyer"]], names[first["buyer"]], "5,000", first["segment"]])
    links_sheet.append(["合计", "", None, ""])
    seg_sheet = wb.create_sheet("环节")
    seg_sheet.append(["环节编号", "环节名称", "产业链", "上级环节", "阶段", "投入环节"])
    for s in segments:
        seg_sheet.append([s["id"], s["name"], s["chain"], s["parent"], s["stage"], s["inputs"]])
    out = os.path.join(ROOT, "nev-analyst")
    os.makedirs(out, exist_ok=True)
    wb.save(os.path.join(out, "湖北新能源汽车产业链.xlsx"))
    print("wrote datasets/nev-analyst/湖北新能源汽车产业链.xlsx")


if __name__ == "__main__":
    main()
