#!/usr/bin/env python3
"""Workbooks for Tests/ChainGraphTests/Excel/XLSXReaderTests.swift (SPEC §1.1, §5).

    python3 Tests/Fixtures/xlsx/make_fixtures.py            # rewrite the committed fixtures
    python3 Tests/Fixtures/xlsx/make_fixtures.py --big OUT.xlsx [ROWS]
                                                             # a large links workbook for timing

Two sources, on purpose:
- openpyxl (pip install openpyxl) writes `openpyxl.xlsx` the way a Python exporter does
  (shared strings, title rows, Chinese headers, numbers, a formula). openpyxl computes no
  formula results, so its formula cell has no cached value and reads as empty.
- Everything else is written here by hand, XML and zip bytes alike, to cover what Excel,
  WPS and other writers produce and what a hostile file may contain: rich-text runs,
  phonetic runs, inline strings, cells out of column order, rows with gaps, rows and cells
  without `r`, booleans, `#N/A`, formulas with cached values, entities and `_x000D_`,
  namespace prefixes, odd relationship targets, a zip bomb, truncated and non-zip files.

The expected CSV for every fixture is written out in the Swift tests.
"""
import datetime
import os
import re
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_TYPE = REL_NS + "/worksheet"
SST_TYPE = REL_NS + "/sharedStrings"
OFFICE_DOC_TYPE = REL_NS + "/officeDocument"


# ---------------------------------------------------------------------------------------
# A minimal zip writer, so that sizes, CRCs and methods can be set exactly (and wrongly).

def write_zip(path, entries, zip64=False):
    """entries: list of dicts with name, data (bytes) and optional method (0 or 8),
    declared_size (uncompressed size written to the headers), crc, cut (keep only that many
    bytes of the deflate stream, sizes consistent: a stream that ends too early).
    zip64: write every central directory size and offset as 0xFFFFFFFF with the true values
    in a ZIP64 extra field, and a ZIP64 end record and locator (APPNOTE 4.3.14, 4.5.3)."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e["name"].encode()
        data = e["data"]
        method = e.get("method", 8)
        if method == 8:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            payload = c.compress(data) + c.flush()
            if "cut" in e:  # keep only the first bytes of the deflate stream
                payload = payload[: e["cut"]]
        else:
            payload = data
        crc = e.get("crc", zlib.crc32(data) & 0xFFFFFFFF)
        size = e.get("declared_size", len(data))
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, method, 0, 0x21,
                           crc, len(payload), size, len(name), 0) + name + payload
        if zip64:
            extra = struct.pack("<HHQQQ", 0x0001, 24, size, len(payload), offset)
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0x0800, method, 0, 0x21,
                                   crc, 0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra), 0, 0, 0, 0,
                                   0xFFFFFFFF) + name + extra
        else:
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, method, 0, 0x21,
                                   crc, len(payload), size, len(name), 0, 0, 0, 0, 0, offset) + name
    cd_offset = len(out)
    out += central
    if zip64:
        end64 = len(out)
        out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(entries), len(entries),
                           len(central), cd_offset)
        out += struct.pack("<IIQI", 0x07064B50, 0, end64, 1)
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    else:
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                           len(central), cd_offset, 0)
    with open(path, "wb") as f:
        f.write(out)


def content_types(sheet_parts, with_sst=True):
    overrides = "".join(
        f'<Override PartName="/{p}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for p in sheet_parts)
    sst = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
           'spreadsheetml.sharedStrings+xml"/>') if with_sst else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.sheet.main+xml"/>' + overrides + sst + '</Types>').encode()


ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             f'<Relationships xmlns="{PKG_REL_NS}">'
             f'<Relationship Id="rId1" Type="{OFFICE_DOC_TYPE}" Target="xl/workbook.xml"/>'
             '</Relationships>').encode()


def workbook(sheets, prefix=""):
    """sheets: list of (name_xml, rid, extra_attributes)."""
    p = prefix + ":" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    items = "".join(f'<{p}sheet name="{n}" sheetId="{k + 1}" r:id="{rid}"{extra}/>'
                    for k, (n, rid, extra) in enumerate(sheets))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<{p}workbook {xmlns} xmlns:r="{REL_NS}"><{p}bookViews><{p}workbookView/></{p}bookViews>'
            f'<{p}sheets>{items}</{p}sheets></{p}workbook>').encode()


def workbook_rels(rels):
    """rels: list of (rid, type, target)."""
    items = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{tg}"/>' for i, t, tg in rels)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL_NS}">{items}</Relationships>').encode()


def worksheet(sheet_data, prefix=""):
    p = prefix + ":" if prefix else ""
    xmlns = f'xmlns:{prefix}="{MAIN_NS}"' if prefix else f'xmlns="{MAIN_NS}"'
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<{p}worksheet {xmlns} xmlns:r="{REL_NS}"><{p}dimension ref="A1:E9"/>'
            f'<{p}sheetViews><{p}sheetView workbookViewId="0"/></{p}sheetViews>'
            f'<{p}sheetFormatPr defaultRowHeight="15"/>'
            f'<{p}sheetData>{sheet_data}</{p}sheetData>'
            f'<{p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
            f'</{p}worksheet>').encode()


def shared_strings(items):
    body = "".join(f"<si>{i}</si>" for i in items)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst xmlns="{MAIN_NS}" count="{len(items)}" uniqueCount="{len(items)}">{body}</sst>').encode()


def simple_book(path, sheet_data, strings=None, name="Sheet1", data=None, **zip_options):
    """One sheet, optional shared strings; `data` replaces the whole sheet XML and
    zip_options (declared_size, crc, method) apply to the sheet's zip entry."""
    parts = [
        {"name": "[Content_Types].xml", "data": content_types(["xl/worksheets/sheet1.xml"], strings is not None)},
        {"name": "_rels/.rels", "data": ROOT_RELS},
        {"name": "xl/workbook.xml", "data": workbook([(name, "rId1", "")])},
    ]
    rels = [("rId1", WORKSHEET_TYPE, "worksheets/sheet1.xml")]
    if strings is not None:
        rels.append(("rId2", SST_TYPE, "sharedStrings.xml"))
        parts.append({"name": "xl/sharedStrings.xml", "data": shared_strings(strings)})
    parts.append({"name": "xl/_rels/workbook.xml.rels", "data": workbook_rels(rels)})
    sheet = {"name": "xl/worksheets/sheet1.xml", "data": data if data is not None else worksheet(sheet_data)}
    sheet.update(zip_options)
    parts.append(sheet)
    write_zip(path, parts)


# ---------------------------------------------------------------------------------------
# Fixtures

def make_openpyxl(path):
    import openpyxl
    wb = openpyxl.Workbook()
    links = wb.active
    links.title = "供应关系"
    links.append(["2024年XX市新能源汽车产业链企业名单"])
    links.append([])
    links.append(["供应商", "采购商", "金额（万元）", "备注"])
    links.append(["F001", "F002", 1234.5, "电池, 电芯"])
    links.append(["F002", "F003", 0.001, None])
    links.append(["F003", "F001", 42, '说 "重要"'])
    links.append(["F004", "F001", True, " 前后空格 "])
    firms = wb.create_sheet("企业")
    firms.append(["企业编号", "企业名称", "营收", "两倍营收"])
    firms.append(["F001", "宁德时代", 100, "=C2*2"])
    firms.append(["F002", "比亚迪", 250.25, "=C3*2"])
    hidden = wb.create_sheet("说明")
    hidden.sheet_state = "hidden"
    hidden["B2"] = "内部使用"
    wb.properties.created = datetime.datetime(2024, 1, 1)
    wb.save(path)
    # Fixed member times and dates, so that running the script again rewrites identical bytes.
    import zipfile
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            info.date_time = (2024, 1, 1, 0, 0, 0)
            if info.filename == "docProps/core.xml":  # openpyxl stamps `modified` at save time
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", data)
            z.writestr(info, data)


def make_handmade(path):
    # Shared strings: plain, rich text runs, a phonetic run that must be left out, entities,
    # _x000D_ (CR) and a literal _x escaped as _x005F_.
    strings = [
        "<t>supplier</t>",                                                     # 0
        "<t>buyer</t>",                                                        # 1
        "<t>value</t>",                                                        # 2
        '<r><rPr><b/></rPr><t>宁德</t></r><r><t xml:space="preserve">时代 </t></r><r><t>新能源</t></r>',  # 3
        '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>',  # 4
        "<t>R&amp;D &lt;研发&gt; &quot;q&quot; &apos;a&apos; &#20013;&#x6587;</t>",  # 5
        "<t>line1_x000D_\nline2</t>",                                          # 6
        "<t>_x005F_x000D_ stays</t>",                                          # 7
        "<t>a,b</t>",                                                          # 8
        "<t>emoji _xD83D__xDE00_</t>",                                         # 9
    ]
    sheet1 = (
        # Row 1: cells out of column order, shared strings.
        '<row r="1" spans="1:3"><c r="C1" t="s"><v>2</v></c><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        # Row 2: a missing cell (B2), numbers as stored, a formula with its cached value.
        '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="C2"><v>1234.5</v></c>'
        '<c r="D2"><f>C2*2</f><v>2469</v></c><c r="E2"><v>1E-3</v></c></row>'
        # Rows 3 and 4 are missing; row 5: inline string, boolean, error, formula string.
        '<row r="5"><c r="A5" t="inlineStr"><is><t>inline &amp; 内联</t></is></c>'
        '<c r="B5" t="b"><v>1</v></c><c r="C5" t="e"><f>NA()</f><v>#N/A</v></c>'
        '<c r="D5" t="str"><f>A5&amp;"x"</f><v>inline &amp; 内联x</v></c><c r="E5" t="b"><v>0</v></c></row>'
        # Row 6 without r, cells without r (sequential), quoting cases.
        '<row><c t="s"><v>4</v></c><c t="s"><v>5</v></c><c t="s"><v>8</v></c></row>'
        # Row 7: a styled empty cell (no value) and a line break.
        '<row r="7"><c r="A7" s="0"/><c r="B7" t="s"><v>6</v></c></row>'
        # Row 8: a self-closing row (empty), row 9: escapes.
        '<row r="8" ht="20" customHeight="1"/>'
        '<row r="9"><c r="A9" t="s"><v>7</v></c><c r="B9" t="s"><v>9</v></c>'
        '<c r="C9" t="inlineStr"><is><r><t>rich</t></r><r><t> inline</t></r></is></c>'
        '<c r="D9"><v></v></c></row>'
    )
    # Sheet 2 (absolute target), listed first in the workbook; sheet 3 with `..` in its target.
    sheet2 = '<row r="2"><c r="B2"><v>7</v></c></row>'
    sheet3 = '<row r="1"><c r="A1" t="inlineStr"><is><t>third</t></is></c></row>'
    write_zip(path, [
        {"name": "[Content_Types].xml", "data": content_types(
            ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"])},
        {"name": "_rels/.rels", "data": ROOT_RELS},
        {"name": "xl/workbook.xml", "data": workbook([
            ("second", "rId2", ""), ("R&amp;D 数据", "rId1", ""), ("third", "rId3", ' state="hidden"')])},
        {"name": "xl/_rels/workbook.xml.rels", "data": workbook_rels([
            ("rId1", WORKSHEET_TYPE, "worksheets/sheet1.xml"),
            ("rId2", WORKSHEET_TYPE, "/xl/worksheets/sheet2.xml"),
            ("rId3", WORKSHEET_TYPE, "./worksheets/../worksheets/sheet3.xml"),
            ("rId4", SST_TYPE, "sharedStrings.xml"),
            ("rId5", REL_NS + "/styles", "styles.xml")])},
        {"name": "xl/sharedStrings.xml", "data": shared_strings(strings)},
        {"name": "xl/worksheets/sheet1.xml", "data": worksheet(sheet1)},
        {"name": "xl/worksheets/sheet2.xml", "data": worksheet(sheet2), "method": 0},
        {"name": "xl/worksheets/sheet3.xml", "data": worksheet(sheet3)},
    ])


def make_linebreak(path):
    # A links sheet whose row 3 holds a note with a line break: the bad value in row 4 must
    # still be reported at sheet row 4 (the CSV the reader writes has an extra line there).
    def row(r, cells):
        return f'<row r="{r}">' + "".join(
            f'<c r="{chr(65 + k)}{r}" t="inlineStr"><is><t xml:space="preserve">{v}</t></is></c>'
            for k, v in enumerate(cells)) + "</row>"
    sheet = (row(1, ["supplier", "buyer", "value", "note"]) + row(2, ["F1", "F2", "10", "ok"])
             + row(3, ["F2", "F3", "5", "first line\nsecond line"]) + row(4, ["F3", "F1", "abc", "bad value"]))
    simple_book(path, None, name="links", data=worksheet(sheet))


def make_prefixed(path):
    """The Open XML SDK style: every element with an `x:` prefix, a chart sheet to skip."""
    data = ('<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c>'
            '<x:c r="B1" t="inlineStr"><x:is><x:t>name</x:t></x:is></x:c></x:row>'
            '<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row>')
    write_zip(path, [
        {"name": "[Content_Types].xml", "data": content_types(["xl/worksheets/sheet1.xml"], False)},
        {"name": "_rels/.rels", "data": ROOT_RELS},
        {"name": "xl/workbook.xml", "data": workbook([("chart", "rId9", ""), ("firms", "rId1", "")], prefix="x")},
        {"name": "xl/_rels/workbook.xml.rels", "data": workbook_rels([
            ("rId1", WORKSHEET_TYPE, "worksheets/sheet1.xml"),
            ("rId9", REL_NS + "/chartsheet", "chartsheets/sheet1.xml")])},
        {"name": "xl/worksheets/sheet1.xml", "data": worksheet(data, prefix="x")},
    ])


def make_zip64(path):
    """The two-row links sheet in a ZIP64 archive (as zip tools write archives over 4 GiB)."""
    data = ('<row r="1"><c r="A1" t="inlineStr"><is><t>supplier</t></is></c><c r="B1" t="inlineStr"><is><t>buyer</t></is></c></row>'
            '<row r="2"><c r="A2" t="inlineStr"><is><t>F1</t></is></c><c r="B2" t="inlineStr"><is><t>F2</t></is></c></row>')
    write_zip(path, [
        {"name": "_rels/.rels", "data": ROOT_RELS},
        {"name": "xl/workbook.xml", "data": workbook([("links", "rId1", "")])},
        {"name": "xl/_rels/workbook.xml.rels", "data": workbook_rels([("rId1", WORKSHEET_TYPE, "worksheets/sheet1.xml")])},
        {"name": "xl/worksheets/sheet1.xml", "data": worksheet(data)},
    ], zip64=True)


def make_bombs():
    big = b" " * (8 << 20)  # 8 MiB of spaces deflate to about 8 KiB
    sheet = worksheet('<row r="1"><c r="A1"><v>1</v></c></row>')
    padded = sheet.replace(b"<sheetData>", b"<sheetData>" + big)
    # Declares 4 GiB - 1: rejected by the declared size before anything is inflated.
    simple_book(os.path.join(HERE, "bomb_declared.xlsx"), '<row r="1"><c r="A1"><v>1</v></c></row>',
                declared_size=0xFFFFFFFF)
    # A lying header: declares 1000 bytes, inflates to 8 MiB.
    simple_book(os.path.join(HERE, "bomb_lying.xlsx"), "", declared_size=1000, data=padded)
    # An honest 8 MiB sheet: fine by default, rejected under a 1 MiB limit.
    simple_book(os.path.join(HERE, "bomb_honest.xlsx"), "", data=padded)
    # Over 1 MiB, so read on a second thread: a lying header caught mid-stream, a CRC error
    # found at the end, and a bad cell before the padding (the scanning side fails first and
    # stops the inflating thread, whose CRC error is never reached).
    simple_book(os.path.join(HERE, "bomb_lying_threaded.xlsx"), "", declared_size=2 << 20, data=padded)
    simple_book(os.path.join(HERE, "bad_crc_threaded.xlsx"), "", data=padded, crc=0x12345678)
    early = worksheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2" t="s"><v>9</v></c></row>'
                      + " " * (8 << 20))
    simple_book(os.path.join(HERE, "bad_cell_threaded.xlsx"), "", name="links", data=early, crc=0x12345678)
    # A sparse sheet whose padded CSV would need 1,048,576 rows × 16,384 columns of commas.
    simple_book(os.path.join(HERE, "sparse_far.xlsx"),
                '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>')


def make_broken():
    with open(os.path.join(HERE, "handmade.xlsx"), "rb") as f:
        whole = f.read()
    with open(os.path.join(HERE, "truncated.xlsx"), "wb") as f:
        f.write(whole[: len(whole) // 2])
    with open(os.path.join(HERE, "not_a_zip.xlsx"), "wb") as f:
        f.write("supplier,buyer,value\nF001,F002,3\n".encode())
    with open(os.path.join(HERE, "ole2.xlsx"), "wb") as f:
        f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))
    # A zip that is no workbook (a Word-like package).
    write_zip(os.path.join(HERE, "not_a_workbook.xlsx"), [
        {"name": "[Content_Types].xml", "data": b"<Types/>"},
        {"name": "word/document.xml", "data": b"<document/>"}])
    # A flipped byte in the compressed sheet: CRC mismatch or corrupt deflate data.
    simple_book(os.path.join(HERE, "bad_crc.xlsx"), '<row r="1"><c r="A1"><v>1</v></c></row>', crc=0x12345678)
    # A deflate stream cut short, with every size in the zip consistent with the cut.
    simple_book(os.path.join(HERE, "cut_deflate.xlsx"), "".join(
        f'<row r="{r}"><c r="A{r}"><v>{r * 7919 % 1000}</v></c></row>' for r in range(1, 2000)), cut=300)
    # Cell-level problems, each with a known place.
    simple_book(os.path.join(HERE, "bad_shared_index.xlsx"),
                '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"/><c r="B2" t="s"><v>7</v></c></row>',
                strings=["<t>only</t>"], name="links")
    simple_book(os.path.join(HERE, "bad_xml.xlsx"),
                '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1 &bogus; 2</v></c></row>', name="links")
    simple_book(os.path.join(HERE, "bad_reference.xlsx"),
                '<row r="3"><c r="A3"><v>1</v></c><c r="XFE3"><v>2</v></c></row>', name="links")
    simple_book(os.path.join(HERE, "bad_row.xlsx"),
                '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048577"><c><v>2</v></c></row>', name="links")
    simple_book(os.path.join(HERE, "doctype.xlsx"), "", name="links",
                data=b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><worksheet xmlns="' + MAIN_NS.encode()
                + b'"><sheetData><row><c><v>&lol;</v></c></row></sheetData></worksheet>')
    simple_book(os.path.join(HERE, "empty.xlsx"), "")


def make_big(path, rows):
    """A links workbook laid out as Excel writes it: ids as shared strings, values as numbers."""
    firms = max(1000, rows // 10)
    strings = ["<t>supplier</t>", "<t>buyer</t>", "<t>value</t>", "<t>segment</t>"]
    strings += [f"<t>F{k:07d}</t>" for k in range(firms)]
    strings += [f"<t>环节{k:03d}</t>" for k in range(200)]
    seg0 = 4 + firms
    pieces = ['<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
              '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>']
    for r in range(2, rows + 2):
        s = 4 + (r * 7919) % firms
        b = 4 + (r * 104729) % firms
        v = (r * 37 % 100000) / 100
        g = seg0 + r % 200
        pieces.append(f'<row r="{r}" spans="1:4"><c r="A{r}" t="s"><v>{s}</v></c><c r="B{r}" t="s"><v>{b}</v></c>'
                      f'<c r="C{r}"><v>{v}</v></c><c r="D{r}" t="s"><v>{g}</v></c></row>')
    sheet = worksheet("".join(pieces))
    parts = [
        {"name": "[Content_Types].xml", "data": content_types(["xl/worksheets/sheet1.xml"])},
        {"name": "_rels/.rels", "data": ROOT_RELS},
        {"name": "xl/workbook.xml", "data": workbook([("links", "rId1", "")])},
        {"name": "xl/_rels/workbook.xml.rels", "data": workbook_rels([
            ("rId1", WORKSHEET_TYPE, "worksheets/sheet1.xml"), ("rId2", SST_TYPE, "sharedStrings.xml")])},
        {"name": "xl/sharedStrings.xml", "data": shared_strings(strings)},
        {"name": "xl/worksheets/sheet1.xml", "data": sheet},
    ]
    write_zip(path, parts)


def make_fuzz_seeds():
    """Seeds for scripts/fuzz-xlsx.sh: small workbooks (target xlsx), and the XML parts of
    handmade.xlsx and prefixed.xlsx joined by "\n=====\n" after a chunk-size byte (xlsx-xml)."""
    import shutil
    import zipfile
    corpus = os.path.join(HERE, "..", "..", "..", "Fuzz", "corpus")
    os.makedirs(os.path.join(corpus, "xlsx"), exist_ok=True)
    os.makedirs(os.path.join(corpus, "xlsx-xml"), exist_ok=True)
    for name in ["handmade.xlsx", "prefixed.xlsx", "openpyxl.xlsx", "empty.xlsx", "bad_shared_index.xlsx",
                 "cut_deflate.xlsx", "sparse_far.xlsx"]:
        shutil.copy(os.path.join(HERE, name), os.path.join(corpus, "xlsx", name))
    # A 2 MiB sheet: over the 1 MiB at which a part is inflated on a second thread, under
    # the fuzz target's 4 MiB limit.
    simple_book(os.path.join(corpus, "xlsx", "threaded.xlsx"), "", strings=["<t>a</t>"], data=worksheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + " " * (2 << 20) + '<row r="3"><c r="B3"><v>2</v></c></row>'))
    for k, (book, sheet) in enumerate([("handmade.xlsx", "xl/worksheets/sheet1.xml"),
                                       ("prefixed.xlsx", "xl/worksheets/sheet1.xml")]):
        z = zipfile.ZipFile(os.path.join(HERE, book))
        names = z.namelist()
        sst = z.read("xl/sharedStrings.xml") if "xl/sharedStrings.xml" in names else b"<sst/>"
        parts = [sst, z.read(sheet), z.read("xl/workbook.xml"), z.read("xl/_rels/workbook.xml.rels")]
        for chunk in (0, 5, 200):
            with open(os.path.join(corpus, "xlsx-xml", f"seed-{k}-{chunk}"), "wb") as f:
                f.write(bytes([chunk]) + b"\n=====\n".join(parts))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--big":
        make_big(sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000)
        return
    make_openpyxl(os.path.join(HERE, "openpyxl.xlsx"))
    make_handmade(os.path.join(HERE, "handmade.xlsx"))
    make_prefixed(os.path.join(HERE, "prefixed.xlsx"))
    make_linebreak(os.path.join(HERE, "linebreak_location.xlsx"))
    make_zip64(os.path.join(HERE, "zip64.xlsx"))
    make_bombs()
    make_broken()
    make_fuzz_seeds()


if __name__ == "__main__":
    main()
