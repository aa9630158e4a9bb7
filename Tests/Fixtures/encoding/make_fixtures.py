"""Writes the encoding fixtures: one small dataset saved three ways.

- gb18030/: GB18030 bytes, CRLF line ends, Chinese header aliases (as Excel on Chinese
  Windows writes "CSV (逗号分隔)").
- utf8_bom/: the same text in UTF-8 with a byte-order mark and CRLF ("CSV UTF-8").
- expected.json: what the loader must read from both.

Run from the repository root: python3 Tests/Fixtures/encoding/make_fixtures.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

FIRMS = [
    ["企业编号", "企业名称", "地区", "环节", "营收", "标签"],
    ["F1", "武汉光谷锂电科技有限公司", "湖北/武汉/东湖高新区", "电芯", "1200.5", "专精特新;高新技术企业"],
    ["F2", "襄阳正极材料股份公司", "湖北/襄阳/高新区", "正极", "800", ""],
    ["F3", "宜宾锂矿开发有限公司", "四川/宜宾/三江新区", "锂矿", "", "上市公司"],
    ["F4", "“引号”测试, 含逗号", "广东/深圳/坪山区", "整车", "50000", ""],
]
LINKS = [
    ["供应商", "采购商", "金额", "环节"],
    ["F3", "F2", "300", "锂矿"],
    ["F2", "F1", "450.25", ""],
    ["F1", "F4", "900", "电芯"],
]


def csv_line(row):
    out = []
    for field in row:
        if any(c in field for c in ',"\r\n'):
            field = '"' + field.replace('"', '""') + '"'
        out.append(field)
    return ",".join(out)


def write(folder, encoding, bom):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    for name, rows in (("firms.csv", FIRMS), ("links.csv", LINKS)):
        text = "\r\n".join(csv_line(r) for r in rows) + "\r\n"
        data = text.encode(encoding)
        if bom:
            data = b"\xef\xbb\xbf" + data
        with open(os.path.join(HERE, folder, name), "wb") as f:
            f.write(data)


write("gb18030", "gb18030", bom=False)
write("utf8_bom", "utf-8", bom=True)
expected = {
    "firm_ids": [r[0] for r in FIRMS[1:]],
    "firm_names": [r[1] for r in FIRMS[1:]],
    "regions": [r[2] for r in FIRMS[1:]],
    "links": [[r[0], r[1], float(r[2])] for r in LINKS[1:]],
}
with open(os.path.join(HERE, "expected.json"), "w", encoding="utf-8") as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
