#!/usr/bin/env bash
# Renders a report.html in headless Chromium (Debian package `chromium`) to a PNG and checks
# that the page is not blank and that its SVG charts are there; then prints it to PDF (A4, as
# an official would) and reads the pages back with poppler (pdfinfo, pdftotext): A4 pages,
# the title and summary on page 1, and every segment id of the chain trees present in the
# text, so no tree is cut off at the page edge.
#   bash scripts/browser-check.sh [report.html] [out.png]
# Default: notebooks-export/report.html → docs/report-screenshot.png is NOT overwritten
# unless given explicitly.
set -euo pipefail
cd "$(dirname "$0")/.."
html=${1:-notebooks-export/report.html}
png=${2:-$(mktemp --suffix=.png)}
command -v chromium >/dev/null || { echo "browser check: chromium is not installed (apt-get install chromium fonts-noto-cjk)" >&2; exit 2; }
grep -q "<svg" "$html" || { echo "browser check: no SVG in $html" >&2; exit 1; }
timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2400 \
    --screenshot="$png" "file://$(realpath "$html")" >/dev/null 2>&1
python3 - "$png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, width, height, chunks = 8, 0, 0, b""
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        chunks += body
    pos += 12 + length
raw = zlib.decompress(chunks)
# Count distinct byte values over the decoded scanlines: a blank page has almost none.
distinct = len(set(raw[:2_000_000]))
nonwhite = sum(1 for b in raw[:2_000_000] if b < 200)
assert width >= 800 and height >= 800, (width, height)
assert distinct > 50 and nonwhite > 10_000, f"page looks blank ({distinct} values, {nonwhite} dark bytes)"
print(f"browser check: {sys.argv[1]} {width}x{height}, {distinct} distinct values, not blank")
PY
pdf=$(mktemp --suffix=.pdf)
timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$pdf" \
    "file://$(realpath "$html")" >/dev/null 2>&1
command -v pdftotext >/dev/null || { echo "browser check: pdftotext is not installed (apt-get install poppler-utils)" >&2; exit 2; }
python3 - "$pdf" "$html" <<'PY'
import re, subprocess, sys
pdf, html = sys.argv[1], sys.argv[2]
info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
# The report asks for A4 (595 x 842 pt) with @page; Chromium would print US Letter otherwise.
assert abs(w - 595) <= 2 and abs(h - 842) <= 2, f"pages are not A4: {w} x {h} pt"
text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
first = text.split("\f")[0]
page = open(html, encoding="utf-8").read()
title = re.search(r"<h1>(.*?)</h1>", page).group(1)
assert title.split()[0] in first, "title missing from page 1"
ids = set(re.findall(r'<text x="[\d.]+" y="[\d.]+" class="n">[^<]*?\s(S\w+)</text>', page))
missing = sorted(i for i in ids if i not in text)
assert ids and not missing, f"tree segments cut off in print: {missing[:10]}"
print(f"browser check: printed {pages} page(s) of {w:.0f} x {h:.0f} pt; title on page 1; all {len(ids)} tree segments in the text")
print("1 passed, 0 failed")
PY
