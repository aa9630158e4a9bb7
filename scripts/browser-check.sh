#!/usr/bin/env bash
# Renders a report.html in headless Chromium (Debian package `chromium`) to a PNG and checks
# that the page is not blank and that its SVG charts are there.
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
print("1 passed, 0 failed")
PY
