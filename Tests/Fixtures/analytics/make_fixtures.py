#!/usr/bin/env python3
"""Generate the chain-analytics test fixtures for ChainGraph.

Run from the repository root:

    python3 Tests/Fixtures/analytics/make_fixtures.py

Writes Tests/Fixtures/analytics/<dataset>/{links,firms,segments}.csv and
<dataset>/expected.json for the datasets `hand`, `cyclic_ties`, `io_colsum`,
`io_nonproductive`, `random_1` .. `random_4` (all with whatif cases, SPEC §3.7, except
the io and cyclic ones), `whatif_ties` (§3.7), `hand_next` and `random_1_next` (the
second years for `diff`, §3.8, whose cases live there) and `geo` (§3.9).  The expected
values come from reference.py (same folder), computed on the CSV files read back from
disk.  Deterministic: one `random.Random(seed)` per dataset, no iteration over
unordered sets; the cases added later to existing datasets use no rng, so the existing
files and cases stay byte-identical.  Before writing, check_robust() fails if an
expected order, threshold, tie, capacity boundary, distance threshold or quantile
boundary could be flipped by round-off, and check_pagerank() compares nx.pagerank with
the exact rational solution.
"""

from __future__ import annotations

import csv
import json
import math
import os
import random
import sys
from fractions import Fraction

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import reference as ref  # noqa: E402

LOCAL = "湖北"


# ---------------------------------------------------------------------------
# CSV writing
# ---------------------------------------------------------------------------


def write_csv(path: str, header: list[str], rows: list[list]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        for row in rows:
            w.writerow(["" if c is None else c for c in row])


def write_dataset(name: str, segments: list[list], firms: list[list], links: list[list],
                  firm_header: list[str] | None = None) -> str:
    folder = os.path.join(HERE, name)
    os.makedirs(folder, exist_ok=True)
    write_csv(os.path.join(folder, "segments.csv"),
              ["id", "name", "chain", "parent", "stage", "inputs"], segments)
    write_csv(os.path.join(folder, "firms.csv"),
              firm_header or ["id", "name", "region", "segment", "revenue", "tags"], firms)
    write_csv(os.path.join(folder, "links.csv"),
              ["supplier", "buyer", "value", "segment"], links)
    return folder


def num(x: float) -> str:
    """Number cell: shortest round-trip form of a value rounded to 2 decimals."""
    return repr(round(x, 2))


# ---------------------------------------------------------------------------
# Expected outputs
# ---------------------------------------------------------------------------


def standard_cases(ds: ref.Dataset, remove_ids: list[str]) -> dict:
    cases = {}

    def lr(name, by, local=None, level=None):
        args = ["--by", by] + (["--local", local] if local else ["--level", str(level)])
        cases[name] = {"args": args, "command": "local-rate",
                       "rows": ref.local_rate(ds, by, local=local, level=level)}

    for by in ("firm", "segment", "chain", "region"):
        lr(f"local_rate_{by}_local", by, local=LOCAL)
    for level in (1, 2):
        lr(f"local_rate_region_level{level}", "region", level=level)
        lr(f"local_rate_firm_level{level}", "firm", level=level)
    lr("local_rate_segment_local_city", "segment", local="湖北/武汉")

    lr("local_rate_leader_local", "leader", local=LOCAL)

    gap_cases(ds, cases)
    cases["gaps_local_weak03"] = {"args": ["--local", LOCAL, "--weak-below", "0.3"],
                                  "command": "gaps", "rows": ref.gaps(ds, LOCAL, 0.3)}
    leader_cases(ds, cases)
    cases["linkages"] = linkage_case(ds)

    sim = ref.simulate(ds, remove=remove_ids)
    cases["simulate_remove"] = {"args": ["--remove", ",".join(remove_ids)],
                                "command": "simulate", "rows": sim["rows"],
                                "totals": sim["totals"]}
    sim = ref.simulate(ds, remove_region="广东", substitution=0.2)
    cases["simulate_remove_region_sub02"] = {
        "args": ["--remove-region", "广东", "--substitution", "0.2"],
        "command": "simulate", "rows": sim["rows"], "totals": sim["totals"]}
    return cases


def gap_cases(ds: ref.Dataset, cases: dict) -> None:
    """`gaps_local` (default thresholds) and `gaps_local_strong` (--strong-above 0.5
    --weak-below 0.9: a segment whose local share is in [0.5, 0.9) and whose local
    firms sell at least as much outside as inside gives both a weak and a strong row)."""
    cases["gaps_local"] = {"args": ["--local", LOCAL], "command": "gaps",
                           "rows": ref.gaps(ds, LOCAL)}
    cases["gaps_local_strong"] = {
        "args": ["--local", LOCAL, "--strong-above", "0.5", "--weak-below", "0.9"],
        "command": "gaps", "rows": ref.gaps(ds, LOCAL, weak_below=0.9, strong_above=0.5)}


def leader_cases(ds: ref.Dataset, cases: dict) -> None:
    cases["leaders_default"] = {"args": [], "command": "leaders", "rows": ref.leaders(ds)}
    cases["leaders_per_chain2_local"] = {
        "args": ["--per-chain", "2", "--local", LOCAL], "command": "leaders",
        "rows": ref.leaders(ds, per_chain=2, local=LOCAL)}


def linkage_case(ds: ref.Dataset) -> dict:
    res = ref.linkages(ds)
    case = {"args": [], "command": "linkages"}
    if "error" in res:
        case.update(rows=[], error=res["error"], segment=res["segment"])
    else:
        case.update(rows=res["rows"], warnings=res["warnings"])
    return case


def _close(a: float, b: float) -> bool:
    """Different, but within 1e-9 relative: an order or threshold that another
    summation order could flip."""
    return a != b and abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def _stable12(x: float) -> bool:
    """Rounding to 12 significant digits does not change under a relative error of
    1e-14, about 50 ulps (so round-off elsewhere cannot split a tie)."""
    return ref.tie_key(x * (1 + 1e-14)) == ref.tie_key(x) == ref.tie_key(x * (1 - 1e-14))


def _check_sequence(where: str, keys: list[float]) -> None:
    """Neighbouring sort keys are either tied to 12 significant digits (robustly) or
    more than 1e-9 apart (relative)."""
    for a, b in zip(keys, keys[1:]):
        if ref.tie_key(a) == ref.tie_key(b):
            assert _stable12(a) and _stable12(b), f"{where}: fragile 12-digit tie {a!r} {b!r}"
        else:
            assert not abs(a - b) <= 1e-9 * max(abs(a), abs(b)), \
                f"{where}: neighbouring keys too close {a!r} {b!r}"


def check_robust(ds: ref.Dataset, cases: dict, name: str) -> None:
    """Fail when an expected output depends on round-off: orders, thresholds and the
    specialist median comparison must hold with a margin or be exact ties."""
    for case, spec in cases.items():
        rows, where = spec.get("rows", []), f"{name}/{case}"
        cmd = spec["command"]
        if cmd == "local-rate":
            _check_sequence(where, [r["value_rate"] for r in rows if r["value_rate"] is not None])
        elif cmd == "leaders":
            for chain in ds.chains:
                _check_sequence(where, [r["score"] for r in rows if r["chain"] == chain])
        elif cmd == "linkages":
            _check_sequence(where, [r["backward"] for r in rows])
        elif cmd == "simulate":
            _check_sequence(where, [r["revenue_loss"] for r in rows])
        elif cmd == "centrality" and rows and "score" in rows[0]:
            _check_sequence(where, [r["score"] for r in rows])
            check_pagerank(ds, rows, where)
        elif cmd == "gaps":
            measure = {"missing_segment": "imported_value", "missing_link": "imported_value",
                       "weak_segment": "local_share", "single_source": "value",
                       "strong_segment": "value"}
            for kind, field in measure.items():
                _check_sequence(where, [r[field] for r in rows if r["type"] == kind])
            check_gap_thresholds(ds, where, spec["args"])
        elif cmd == "whatif":
            check_whatif(ds, where, spec)
        elif cmd == "diff":
            check_diff(where, spec)
        elif cmd == "radius":
            check_radius(ds, where, spec)
        if cmd == "local-rate" and "--within-km" in spec["args"]:
            check_within(ds, where, float(spec["args"][spec["args"].index("--within-km") + 1]))
    # the specialist's revenue < median comparison
    r = ref.parse_region(LOCAL)
    for chain in ds.chains:
        cands = [f for f in ds.firms if ref.in_region(ds.firms[f].region, r)
                 and chain in {ds.segments[t].chain for t in ds.firms[f].segments}]
        known = [ds.firms[f].revenue for f in cands if ds.firms[f].revenue_known]
        if known:
            median = float(np.median(known))
            for f in cands:
                assert not _close(ds.firms[f].revenue, median), f"{name}: median {f}"


def check_gap_thresholds(ds: ref.Dataset, where: str, args: list[str]) -> None:
    weak = float(args[args.index("--weak-below") + 1]) if "--weak-below" in args else 0.5
    strong = float(args[args.index("--strong-above") + 1]) if "--strong-above" in args else 0.8
    r = ref.parse_region(LOCAL)
    loc = {f: ref.in_region(ds.firms[f].region, r) for f in ds.firms}
    for t in ds.segments:
        into = [(s, v) for (s, b, lt), v in ds.links.items() if lt == t and loc[b]]
        d, l = math.fsum(v for _s, v in into), math.fsum(v for s, v in into if loc[s])
        own = [(b, v) for (s, b, lt), v in ds.links.items() if lt == t and loc[s]]
        inside = math.fsum(v for b, v in own if loc[b])
        outside = math.fsum(v for b, v in own if not loc[b])
        assert not _close(outside, inside), f"{where}: {t} outside/inside {outside} {inside}"
        if outside == inside and outside > 0:
            assert outside.is_integer(), f"{where}: {t} inexact outside == inside"
        if d > 0:
            share = l / d
            for thr in (weak, strong):
                assert not _close(share, thr), f"{where}: {t} share {share} near {thr}"
                if share == thr:
                    assert d.is_integer() and l.is_integer(), f"{where}: {t} inexact share"


def exact_pagerank(ds: ref.Dataset) -> dict[str, Fraction]:
    """PageRank as an exact rational solution, to check nx.pagerank's answer.

    Every node gets the same base c = (1-α)/N + α·(dangling mass)/N, so PageRank is
    x = c·y with y = 1 + α·M·y (M[b][s] = w(s,b)/out(s)); c = 1/Σy.  Solved by
    Gauss-Jordan elimination over the rationals (links must have decimal values)."""
    g = ref.firm_graph(ds)
    nodes = list(g.nodes)
    n, alpha = len(nodes), Fraction(17, 20)
    at = {v: i for i, v in enumerate(nodes)}
    out = {v: sum((Fraction(str(d["value"])) for _s, _b, d in g.out_edges(v, data=True)),
                  Fraction(0)) for v in nodes}
    rows = [[Fraction(int(i == j)) for j in range(n)] + [Fraction(1)] for i in range(n)]
    for s, b, d in g.edges(data=True):
        if out[s] > 0:
            rows[at[b]][at[s]] -= alpha * Fraction(str(d["value"])) / out[s]
    for c in range(n):
        pivot = next(r for r in range(c, n) if rows[r][c] != 0)
        rows[c], rows[pivot] = rows[pivot], rows[c]
        rows[c] = [x / rows[c][c] for x in rows[c]]
        for r in range(n):
            if r != c and rows[r][c] != 0:
                f = rows[r][c]
                rows[r] = [x - f * y for x, y in zip(rows[r], rows[c])]
    y = {nodes[i]: rows[i][n] for i in range(n)}
    total = sum(y.values())
    return {v: y[v] / total for v in nodes}


def check_pagerank(ds: ref.Dataset, rows: list[dict], name: str) -> None:
    """nx.pagerank (tol 1e-12) is within 5e-10 of the exact solution, and the exact
    values give the same order under the 12-significant-digit tie rule."""
    exact = exact_pagerank(ds)
    for r in rows:
        x = float(exact[r["firm"]])
        assert abs(r["score"] - x) <= 5e-10 * x, f"{name}: pagerank {r['firm']} {r['score']} {x}"
    keys = [float(exact[r["firm"]]) for r in rows]
    _check_sequence(f"{name}/exact pagerank", keys)
    order = sorted(rows, key=lambda r: (-ref.tie_key(float(exact[r["firm"]])), ref.id_key(r["firm"])))
    assert [r["firm"] for r in order] == [r["firm"] for r in rows], f"{name}: pagerank order"


def write_expected(folder: str, cases: dict, ds: ref.Dataset | None = None,
                   sort_keys: bool = False) -> None:
    """`sort_keys` only for io_colsum / io_nonproductive, whose committed files were
    written with sorted keys (kept byte-identical)."""
    if ds is not None:
        check_robust(ds, cases, os.path.basename(folder))
    with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as fh:
        json.dump(cases, fh, ensure_ascii=False, indent=1, sort_keys=sort_keys)
        fh.write("\n")


# ---------------------------------------------------------------------------
# Robustness checks for §3.7 - §3.9
# ---------------------------------------------------------------------------


def _opt(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args else None


def _check_allocation(where: str, imports: list[tuple[str, float]], capacity: float,
                      strict: bool = True) -> None:
    """The service order (imports desc, 12-digit ties) is robust, and the greedy
    allocation cannot change under round-off.  `strict` (whatif rows, not --rank): a
    capacity that runs out exactly on a buyer is exact integral arithmetic or the last
    importer, and no remaining capacity is a round-off residue (which would serve one
    more buyer with a tiny m(b) in another summation order).  For --rank only the service
    order matters: the moved sums change by round-off only."""
    _check_sequence(f"{where}/imports", [v for _b, v in imports])
    if not strict:  # --rank: moved_value is continuous in the capacity
        return
    remaining = capacity
    values = [v for _b, v in imports] + [capacity]
    for i, (b, v) in enumerate(imports):
        if remaining <= 0:
            break
        assert not _close(remaining, v), f"{where}: capacity {remaining!r} ~ imports {v!r} of {b}"
        if strict and remaining == v and i + 1 < len(imports):
            assert all(float(x).is_integer() for x in values), f"{where}: inexact exhaustion at {b}"
        remaining -= min(remaining, v)
        if strict:
            assert remaining == 0 or remaining > 1e-9 * capacity, f"{where}: residue {remaining!r}"


def check_whatif(ds: ref.Dataset, where: str, spec: dict) -> None:
    args = spec["args"]
    local = _opt(args, "--local")
    weak = float(_opt(args, "--weak-below") or 0.5)
    is_loc = ref._local_map(ds, local)
    if "--rank" in args:
        for row in ref.gaps(ds, local, weak_below=weak):
            if row["type"] in ("missing_segment", "weak_segment"):
                imports = ref.whatif_imports(ds, is_loc, row["segment"])
                for f in row["candidates"]:
                    _check_allocation(f"{where}/{row['segment']}/{f}", imports,
                                      ds.out_value(f), strict=False)
        _check_sequence(where, [r["delta"] for r in spec["rows"] if r["delta"] is not None])
        return
    cap = _opt(args, "--capacity")
    t, capacity = ref.whatif_plant(ds, local, attract=_opt(args, "--attract"),
                                   add=_opt(args, "--add"),
                                   capacity=float(cap) if cap is not None else None)
    _check_allocation(where, ref.whatif_imports(ds, is_loc, t), capacity)
    for group in ("chain", "segment"):
        _check_sequence(where, [r["delta"] for r in spec["rows"]
                                if r["group"] == group and r["delta"] is not None])
    # the weak_segment row of T closes when the new local share reaches the threshold
    fl = [f for f in ds.firms if is_loc[f]]
    d = math.fsum(v for b in fl for _s, lt, v in ds.in_links[b] if lt == t)
    if d > 0:
        moved = [m for _b, m in ref.whatif_allocate(ref.whatif_imports(ds, is_loc, t), capacity)]
        new = math.fsum([v for b in fl for s, lt, v in ds.in_links[b]
                         if lt == t and is_loc[s]] + moved) / d
        assert not _close(new, weak), f"{where}: new share {new!r} near {weak}"
        if new == weak:
            assert d.is_integer() and all(float(m).is_integer() for m in moved), \
                f"{where}: inexact new share"


def _load_arg(arg: str) -> ref.Dataset:
    return ref.load_dataset(arg.replace("{root}", HERE))


def check_leader_order(ds: ref.Dataset, where: str, per_chain: int) -> None:
    rows = ref.leaders(ds, per_chain=per_chain, local=LOCAL)
    for chain in ds.chains:
        _check_sequence(where, [r["score"] for r in rows if r["chain"] == chain])


def check_diff(where: str, spec: dict) -> None:
    """Both years: gap rows (default thresholds) and the local leader order are robust."""
    args = spec["args"]
    k = int(_opt(args, "--per-chain") or 3)
    for side in ("--before", "--after"):
        ds = _load_arg(_opt(args, side))
        check_gap_thresholds(ds, f"{where}{side}", [])
        check_leader_order(ds, f"{where}{side}", k)


def check_within(ds: ref.Dataset, where: str, km: float) -> None:
    """No located supplier-buyer pair with a link is within 1e-9 (relative) of D."""
    loc = ref.locations(ds)
    for (s, b, _t) in ds.links:
        if loc[s] is not None and loc[b] is not None:
            d = ref.haversine_km(loc[s], loc[b])
            assert abs(d - km) > 1e-9 * km, f"{where}: {s}->{b} at {d!r} km"


def check_radius(ds: ref.Dataset, where: str, spec: dict) -> None:
    """Distinct distances of a group are far apart (or equal), no cumulative weight is
    within 1e-9 of q·total unless exactly equal with integral weights, and the medians
    are in robust order."""
    args = spec["args"]
    level = _opt(args, "--level")
    groups = ref.radius_groups(ds, _opt(args, "--by"), local=_opt(args, "--local"),
                               level=int(level) if level else None)
    for key, (_members, links) in groups.items():
        dists = sorted({d for d, _v in links})
        for a, b in zip(dists, dists[1:]):
            assert not abs(a - b) <= 1e-9 * b, f"{where}/{key}: distances {a!r} {b!r}"
        total = math.fsum(v for _d, v in links)
        weights = links if total > 0 else [(d, 1.0) for d, _v in links]
        total = math.fsum(w for _d, w in weights)
        for d in dists:
            cum = math.fsum(w for dd, w in weights if dd <= d)
            for q in (0.5, 0.9):
                assert not _close(cum, q * total), f"{where}/{key}: cum {cum!r} ~ {q}·{total!r}"
                if cum == q * total:  # only the median of integral weights: 0.5 is exact
                    assert q == 0.5 and all(float(w).is_integer() for _d, w in weights), \
                        f"{where}/{key}: inexact quantile boundary"
    _check_sequence(where, [r["median_km"] for r in spec["rows"]])


# ---------------------------------------------------------------------------
# Hand-built datasets (numbers checked by hand in README.md)
# ---------------------------------------------------------------------------


def make_hand() -> None:
    segments = [
        ["G1", "材料", "汽车", "", "upstream", ""],
        ["M1", "钢材", "汽车", "G1", "upstream", ""],
        ["M2", "芯片", "汽车", "G1", "upstream", ""],
        ["G2", "制造", "汽车", "", "midstream", ""],
        ["P1", "零部件", "汽车", "G2", "midstream", "M1;M2"],
        ["P2", "整车", "汽车", "G2", "downstream", "P1;M2"],
        ["E1", "电池", "储能", "", "midstream", "E2"],
        ["E2", "电解液", "储能", "", "upstream", ""],
    ]
    firms = [
        ["A", "甲钢铁", "湖北/武汉", "M1", "100", ""],
        ["B", "乙零部件", "湖北/襄阳", "P1", "200", ""],
        ["C", "丙汽车", "湖北/武汉/东湖高新区", "P2", "1000", "链主"],
        ["D", "丁芯片", "广东/深圳", "M2", "300", ""],
        ["E", "戊材料", "广东/深圳", "M1;M2", "50", ""],
        ["F", "己零部件", "江苏/苏州", "P1", "400", ""],
        ["H", "庚贸易", "", "", "", ""],
        ["I", "辛电池", "湖北/武汉", "E1", "10", ""],
    ]
    links = [
        ["E", "B", "10", ""],     # E's primary M1 ...
        ["E", "B", "5", "M1"],    # ... merges with the row above: E->B (M1) = 15
        ["D", "B", "20", ""],     # M2
        ["F", "C", "30", ""],     # P1
        ["B", "C", "40", "P1"],
        ["D", "C", "25", "M2"],
        ["E", "C", "5", "M2"],    # E's secondary segment
        ["H", "C", "7", ""],      # H has no segment: unknown link segment
        ["A", "C", "8", ""],      # M1
        ["C", "H", "2", ""],      # P2; C <-> H is a 2-cycle
        ["I", "D", "", "E2"],     # empty value = 1; E2 is nobody's segment
        ["B", "B", "1", ""],      # self-loop, dropped
    ]
    folder = write_dataset("hand", segments, firms, links)
    ds = ref.load_dataset(folder)
    cases = standard_cases(ds, ["D", "F"])
    hand_whatif_cases(ds, cases)
    write_expected(folder, cases, ds)


def make_io_edge_cases() -> None:
    """Two tiny datasets for §3.5 only: a productive A whose column sum exceeds 1
    (spectral radius sqrt(0.2)), and a non-productive A (spectral radius sqrt(1.6))."""
    segments = [["S1", "上游", "链", "", "upstream", ""],
                ["S2", "下游", "链", "", "downstream", "S1"]]
    firms = [["a", "甲", "湖北/武汉", "S1", "10", ""],
             ["b", "乙", "湖北/武汉", "S2", "10", ""]]
    for name, back in (("io_colsum", "1"), ("io_nonproductive", "8")):
        links = [["a", "b", "20", ""], ["b", "a", back, ""]]
        folder = write_dataset(name, segments, firms, links)
        write_expected(folder, {"linkages": linkage_case(ref.load_dataset(folder))},
                       sort_keys=True)


def make_cyclic_ties() -> None:
    """Ties, 2-cycles and descendant rules (numbers worked by hand in README.md).

    * 2-cycles F9 <-> F11 and Q <-> V: f itself never counts in u (SPEC §3.3).
    * F10, F9 and 甲 have leader scores that are equal as real numbers but are summed
      from different components (r, p, u) = (0.4, 0.2, 0.6), (0.6, 0.4, 0.2),
      (0.2, 0.4, 0.6), so the floats may differ in the last bits; Q and W tie the same
      way in the default ranking.  Ties are ordered by UTF-8 bytes: F10 < F9 < 甲.
    * 甲 is a specialist only through the descendant rule (it holds X1 and sells the
      group segment X to A); Q would be one but its revenue is unknown.
    * S1 and Y are strong segments with no local demand (local_share null); X has local
      share exactly 0.5 and sells exactly as much outside as inside.
    * missing_link (F9, X): the only candidate, 甲, holds X1, a descendant of X.
    * Chain 储能: R2 is a specialist only because the median is taken over the known
      revenues (300, 100 -> 200); counting R3's unknown revenue as 0 would give 100.
    * PageRank: F11 and F9 tie by the symmetry of their 2-cycle (each is the other's
      only supplier and only buyer); L, N10, N9, R2, R3, U and 乙 have no supplier
      and tie.
    """
    segments = [
        ["G", "材料", "光伏", "", "upstream", ""],
        ["S1", "硅料", "光伏", "G", "upstream", ""],
        ["S2", "银浆", "光伏", "G", "upstream", ""],
        ["S3", "玻璃", "光伏", "G", "upstream", ""],
        ["X", "电池组件", "光伏", "", "midstream", ""],
        ["X1", "电池片", "光伏", "X", "midstream", "S1;S2"],
        ["X2", "接线盒", "光伏", "X", "midstream", ""],
        ["Y", "电站", "光伏", "", "downstream", "X;S3"],
        ["E1", "储能电芯", "储能", "", "midstream", "E2"],
        ["E2", "电解液", "储能", "", "upstream", ""],
    ]
    firms = [
        ["A", "甲电站", "湖北/武汉", "Y", "1000", "链主"],
        ["F9", "九号电站", "湖北/襄阳", "Y", "600", ""],
        ["甲", "甲电池", "湖北/武汉/东湖高新区", "X1", "200", "专精特新"],
        ["F10", "十号硅业", "湖北/宜昌", "S1", "400", ""],
        ["Q", "银浆科技", "湖北/武汉", "S2", "", ""],
        ["L", "空壳公司", "湖北/武汉", "", "5", ""],
        ["F11", "苏州电池", "江苏/苏州", "X1", "150", ""],
        ["V", "无锡组件", "江苏/无锡", "X1;X2", "500", ""],
        ["W", "深圳电站", "广东/深圳", "Y", "200", ""],
        ["N9", "广州玻璃九", "广东/广州", "S3", "100", ""],
        ["N10", "广州玻璃十", "广东/广州", "S3", "100", ""],
        ["乙", "南京玻璃", "江苏/南京", "S3", "120", ""],
        ["U", "某玻璃厂", "", "S3", "80", ""],
        ["H", "某贸易商", "", "", "", ""],
        ["R1", "武汉储能", "湖北/武汉", "E1", "300", ""],
        ["R2", "武汉电解液", "湖北/武汉", "E2", "100", ""],
        ["R3", "襄阳储能", "湖北/襄阳", "E1", "", ""],
    ]
    links = [
        ["甲", "A", "30", "X"],   # the group segment X (甲 holds X1) ...
        ["甲", "A", "10", "X"],   # ... merges: 甲->A (X) = 40
        ["甲", "W", "40", "X"],   # X sold outside = inside = 40
        ["N9", "A", "20", ""],    # S3
        ["N10", "A", "20", ""],   # S3
        ["乙", "A", "20", "S3"],
        ["F11", "F9", "40", "X"],   # F9 imports X
        ["F9", "F11", "5", ""],   # Y; 2-cycle F9 <-> F11
        ["Q", "甲", "40", ""],    # S2
        ["Q", "V", "50", "S2"],
        ["F10", "V", "30", ""],   # S1, only outside the region
        ["H", "F10", "20", ""],   # H has no segment: unknown link segment
        ["H", "Q", "10", ""],
        ["V", "Q", "10", ""],     # X1; 2-cycle Q <-> V
        ["V", "H", "5", ""],      # X1
        ["W", "H", "5", ""],      # Y
        ["R2", "R1", "10", ""],   # E2; chain 储能 is a separate component
    ]
    folder = write_dataset("cyclic_ties", segments, firms, links)
    ds = ref.load_dataset(folder)
    cases = {}

    def lr(name, by, local=None, level=None):
        args = ["--by", by] + (["--local", local] if local else ["--level", str(level)])
        cases[name] = {"args": args, "command": "local-rate",
                       "rows": ref.local_rate(ds, by, local=local, level=level)}

    lr("local_rate_firm_local", "firm", local=LOCAL)
    lr("local_rate_segment_local", "segment", local=LOCAL)
    lr("local_rate_chain_local", "chain", local=LOCAL)
    lr("local_rate_leader_local", "leader", local=LOCAL)
    lr("local_rate_region_level1", "region", level=1)
    gap_cases(ds, cases)
    leader_cases(ds, cases)
    for measure in ("pagerank", "degree"):
        cases[f"centrality_{measure}"] = {"args": ["--measure", measure],
                                          "command": "centrality",
                                          "rows": ref.centrality(ds, measure)}
    write_expected(folder, cases, ds)


# ---------------------------------------------------------------------------
# Random datasets
# ---------------------------------------------------------------------------

GEOGRAPHY = {
    "湖北": {"武汉": ["东湖高新区", "经开区"], "襄阳": ["高新区"], "宜昌": []},
    "广东": {"深圳": ["南山区"], "广州": []},
    "江苏": {"苏州": ["工业园区"], "南京": [], "无锡": []},
}
SYLLABLES = "华中天宏安达瑞信恒泰远景博通联创鑫源腾飞嘉盛科宇"
KINDS = ["科技", "材料", "电子", "精密", "智能", "新能源", "半导体", "装备"]

# (group suffix, group name, stage, [leaf names]); a leaf name ending in '*' is a
# nested group with two leaves of its own
CHAIN_TEMPLATES = {
    "新能源汽车": ("A", [
        ("1", "原材料", "upstream", ["锂矿", "石墨", "铜铝材料"]),
        ("2", "零部件", "midstream", ["电芯", "电机", "电控*", "热管理"]),
        ("3", "整车", "downstream", ["乘用车", "充电桩"]),
    ]),
    "集成电路": ("B", [
        ("1", "材料设备", "upstream", ["硅片", "光刻胶", "刻蚀设备"]),
        ("2", "制造", "midstream", ["晶圆制造", "封装测试"]),
        ("3", "设计应用", "downstream", ["车规芯片"]),
    ]),
    "生物医药": ("C", [
        ("1", "原料药", "upstream", ["中间体", "原料药"]),
    ]),
}


def build_segments(rng: random.Random, chain_names: list[str]):
    """Segment rows plus {leaf id: stage index} and {leaf id: chain}."""
    rows, leaves = [], {}
    for chain in chain_names:
        prefix, groups = CHAIN_TEMPLATES[chain]
        for stage_idx, (gsuf, gname, stage, leaf_names) in enumerate(groups):
            gid = prefix + gsuf
            rows.append([gid, gname, chain, "", stage, ""])
            for k, lname in enumerate(leaf_names, start=1):
                lid = f"{gid}{k}"
                if lname.endswith("*"):
                    rows.append([lid, lname[:-1], chain, gid, stage, ""])
                    for kk in (1, 2):
                        sub = f"{lid}{kk}"
                        rows.append([sub, f"{lname[:-1]}{kk}", chain, lid, stage, ""])
                        leaves[sub] = (stage_idx, chain)
                else:
                    rows.append([lid, lname, chain, gid, stage, ""])
                    leaves[lid] = (stage_idx, chain)
    # inputs: leaves of stage k need 1-3 leaves of stage k-1 of the same chain,
    # and the vehicle assembly also needs one chip leaf (cross-chain input)
    leaf_ids = list(leaves)
    for row in rows:
        lid = row[0]
        if lid not in leaves:
            continue
        stage_idx, chain = leaves[lid]
        if stage_idx == 0:
            continue
        pool = [t for t in leaf_ids if leaves[t] == (stage_idx - 1, chain)]
        ins = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
        if lid == "A31" and "B31" in leaves:
            ins.append("B31")
        row[5] = ";".join(sorted(ins))
    # chain order (= order of first appearance in segments.csv) follows
    # `chain_names`, which is not alphabetical in every dataset
    return rows, leaves


def random_region(rng: random.Random, province: str) -> str:
    city = rng.choice(list(GEOGRAPHY[province]))
    parks = GEOGRAPHY[province][city]
    roll = rng.random()
    if roll < 0.1:
        return province
    if roll < 0.6 or not parks:
        return f"{province}/{city}"
    return f"{province}/{city}/{rng.choice(parks)}"


def make_random(k: int, seed: int, n_firms: int, chains: list[str], id_format: str) -> None:
    rng = random.Random(seed)
    seg_rows, leaves = build_segments(rng, chains)
    inputs = {row[0]: ref.parse_list(row[5]) for row in seg_rows}
    leaf_ids = list(leaves)

    # leaves held only by non-local firms (-> missing_segment rows) and one leaf
    # held by nobody, used only as an explicit link segment (-> linkage warning)
    needed = [t for t in leaf_ids if any(t in inputs[x] for x in leaf_ids)]
    foreign_only = set(rng.sample([t for t in needed if leaves[t][1] != "生物医药"], 2))
    nobody = rng.choice([t for t in leaf_ids if t not in foreign_only
                         and leaves[t][1] != "生物医药"])

    ids = [id_format.format(i) for i in range(1, n_firms + 1)]
    provinces = ["湖北"] * 9 + ["广东"] * 6 + ["江苏"] * 5
    firm = {}
    for fid in ids:
        province = rng.choice(provinces)
        region = random_region(rng, province)
        firm[fid] = {"region": region, "province": province, "segments": []}
    # a couple of unknown regions and two messy-but-valid region cells
    for fid in rng.sample(ids, 2):
        firm[fid]["region"], firm[fid]["province"] = "", None
    hubei = [f for f in ids if firm[f]["province"] == "湖北"]
    messy = rng.sample([f for f in hubei if "/" in firm[f]["region"]], 2)
    firm[messy[0]]["region"] = firm[messy[0]]["region"] + "/"
    firm[messy[1]]["region"] = firm[messy[1]]["region"].replace("/", " / ", 1)

    def pick_leaf(fid: str, exclude=()) -> str:
        while True:
            t = rng.choice(leaf_ids)
            if t == nobody or t in exclude:
                continue
            if leaves[t][1] == "生物医药" and firm[fid]["province"] == "湖北":
                continue  # the third chain has no local firm at all
            if t in foreign_only and firm[fid]["province"] == "湖北":
                continue
            return t

    no_segment = set(rng.sample(ids, 3))
    for fid in ids:
        if fid in no_segment:
            continue
        segs = [pick_leaf(fid)]
        if rng.random() < 0.18:
            segs.append(pick_leaf(fid, exclude=segs))
        firm[fid]["segments"] = segs
    # every leaf except `nobody` is held by someone
    spare = [f for f in ids if f not in no_segment and firm[f]["province"] != "湖北"]
    for t in leaf_ids:
        if t != nobody and not any(t in firm[f]["segments"] for f in ids):
            firm[rng.choice(spare)]["segments"].append(t)
    # one local firm also carries a group (non-leaf) segment as secondary
    g_holder = rng.choice([f for f in hubei if f not in no_segment])
    firm[g_holder]["segments"].append(rng.choice(
        [r[0] for r in seg_rows if r[0] not in leaves and r[2] != "生物医药"]))

    holders = {t: [f for f in ids if t in firm[f]["segments"]] for t in leaf_ids}

    # ---- links -------------------------------------------------------------
    isolated = rng.choice([f for f in ids if f not in no_segment])
    active = [f for f in ids if f != isolated]
    link_rows = []

    def value() -> float:
        return rng.lognormvariate(3.0, 1.0)

    def segment_cell(s: str, t: str) -> str:
        segs = firm[s]["segments"]
        if segs and segs[0] == t:
            return "" if rng.random() < 0.2 else t
        return t

    # how strongly local buyers of each segment buy from their own province
    local_pref = {t: rng.uniform(0.0, 0.9) for t in leaf_ids}
    for b in active:
        req = sorted({x for t in firm[b]["segments"] for x in inputs.get(t, [])})
        for t in req:
            if rng.random() < 0.2:
                continue
            pool = [s for s in holders.get(t, []) if s != b and s != isolated]
            if not pool:
                continue
            local_pool = [s for s in pool if firm[s]["province"] == firm[b]["province"]]
            import_pool = [s for s in pool if s not in local_pool] or pool
            for _ in range(rng.choice([1, 1, 2, 2, 3])):
                src = local_pool if local_pool and rng.random() < local_pref[t] else import_pool
                s = rng.choice(src)
                link_rows.append([s, b, num(value()), segment_cell(s, t)])
    # noise links between arbitrary firms (segment cell empty -> supplier's primary,
    # unknown for firms without segments)
    for _ in range(len(active) // 2):
        s, b = rng.sample(active, 2)
        cell = firm[s]["segments"][0] if firm[s]["segments"] and rng.random() < 0.75 else ""
        link_rows.append([s, b, num(value()), cell])
    for s in sorted(no_segment):
        for b in rng.sample(active, 2):
            if b != s:
                link_rows.append([s, b, num(value()), ""])
    # explicit links of the `nobody` segment from non-local suppliers into local buyers
    outsiders = [f for f in active if firm[f]["province"] not in ("湖北", None)]
    for b in rng.sample([f for f in hubei if f != isolated], 2):
        link_rows.append([rng.choice(outsiders), b, num(value()), nobody])
    # back links (recycling, services): cycles, some of them 2-cycles
    for row in rng.sample(link_rows, 6):
        back = firm[row[1]]["segments"]
        cell = back[-1] if back and rng.random() < 0.5 else ""
        link_rows.append([row[1], row[0], num(value() / 4), cell])
    # a local supplier selling a segment it does not hold (makes T present)
    s = rng.choice([f for f in hubei if f != isolated])
    t = rng.choice([t for t in leaf_ids if t not in foreign_only and t != nobody
                    and leaves[t][1] != "生物医药"])
    link_rows.append([s, rng.choice([f for f in active if f != s]), num(value()), t])

    # empty and zero values, duplicates, self-loops
    for row in rng.sample(link_rows, 4):
        row[2] = ""
    rng.choice(link_rows)[2] = "0"
    dups = []
    for row in rng.sample(link_rows, 6):
        dup = list(row)
        if rng.random() < 0.5:
            dup[2] = num(value())
        if dup[3] == "" and firm[dup[0]]["segments"]:
            dup[3] = firm[dup[0]]["segments"][0]  # same merged key, explicit cell
        dups.append(dup)
    link_rows.extend(dups)
    for s in rng.sample(active, 2):
        link_rows.append([s, s, num(value()), ""])
    rng.shuffle(link_rows)

    # ---- revenue: a multiple of the firm's purchases, so A is productive ---
    in_val = {f: 0.0 for f in ids}
    for s, b, v, _t in link_rows:
        if s != b:
            in_val[b] += float(v) if v else 1.0
    firm_rows = []
    no_revenue = set(rng.sample([f for f in ids if in_val[f] < 30], 4))
    for fid in ids:
        name = "".join(rng.sample(SYLLABLES, 2)) + rng.choice(KINDS) + "有限公司"
        if rng.random() < 0.05:
            name = name.replace("有限公司", "股份有限公司, 集团")  # needs CSV quoting
        revenue = "" if fid in no_revenue else num(
            in_val[fid] * rng.uniform(2.5, 6.0) + rng.lognormvariate(4.0, 1.2))
        tags = "专精特新" if rng.random() < 0.1 else ""
        firm_rows.append([fid, name, firm[fid]["region"], ";".join(firm[fid]["segments"]),
                          revenue, tags])

    folder = write_dataset(f"random_{k}", seg_rows, firm_rows, link_rows)
    ds = ref.load_dataset(folder)
    cases = standard_cases(ds, removal_targets(ds))
    random_whatif_cases(ds, cases, k)  # added after the standard cases, no rng
    write_expected(folder, cases, ds)


# ---------------------------------------------------------------------------
# What-if cases (SPEC §3.7)
# ---------------------------------------------------------------------------


def whatif_case(ds: ref.Dataset, attract: str | None = None, add: str | None = None,
                capacity: str | None = None, with_gaps: bool = True) -> dict:
    """`whatif --local 湖北 (--attract F | --add T) [--capacity V] [--gaps]`.  With --gaps
    the CLI prints {"whatif": rows, "closed_gaps": gap rows}: the case has both."""
    args = ["--local", LOCAL] + (["--attract", attract] if attract else ["--add", add])
    if capacity is not None:
        args += ["--capacity", capacity]
    rows, closed = ref.whatif(ds, LOCAL, attract=attract, add=add,
                              capacity=float(capacity) if capacity is not None else None)
    case = {"command": "whatif", "args": args, "rows": rows}
    if with_gaps:
        args.append("--gaps")
        case["closed_gaps"] = closed
    return case


def rank_case(ds: ref.Dataset) -> dict:
    return {"command": "whatif", "args": ["--local", LOCAL, "--rank"],
            "rows": ref.whatif_rank(ds, LOCAL)}


def hand_whatif_cases(ds: ref.Dataset, cases: dict) -> None:
    """`hand`: D (M2, out-value 45) against M2 imports C 30 + B 20 = 50, so the default
    capacity bites (B gets 15); --capacity 25 serves C only; E (M1, out 20) exceeds the
    M1 imports (B 15); F (P1, out 30) exactly meets C's 30; --add M1 --capacity 10 closes
    the weak M1 row (18/23 ≥ 0.5) and B's missing link."""
    cases["whatif_attract_D"] = whatif_case(ds, attract="D")
    cases["whatif_attract_D_capacity25"] = whatif_case(ds, attract="D", capacity="25")
    cases["whatif_attract_E"] = whatif_case(ds, attract="E")
    cases["whatif_attract_F_plain"] = whatif_case(ds, attract="F", with_gaps=False)
    cases["whatif_add_M1_capacity10"] = whatif_case(ds, add="M1", capacity="10")
    cases["whatif_rank"] = rank_case(ds)


def _robust_whatif(ds: ref.Dataset, case: dict) -> bool:
    try:
        check_whatif(ds, "probe", case)
    except AssertionError:
        return False
    return True


def random_whatif_cases(ds: ref.Dataset, cases: dict, k: int) -> None:
    """Deterministic choices (firm ids in UTF-8 order, no rng), each the first one whose
    expected rows are robust (check_whatif):
    * whatif_attract: an outside firm whose default capacity (its total out-value) is
      smaller than the imports of its primary segment, so the capacity bites;
    * whatif_attract_capacity: another outside firm with --capacity 0.55 x the imports of
      its segment (a segment with at least 2 importing buyers: one is served partly);
    * whatif_attract_exceeds: an outside firm whose out-value exceeds all the imports;
    * whatif_add_weak: --add T --capacity V on the first weak segment with imports, V =
      0.6 (odd k) or 0.15 (even k) x its imports (so the weak row closes or stays);
    * whatif_rank."""
    is_loc = ref._local_map(ds, LOCAL)

    def imports(t):
        return ref.whatif_imports(ds, is_loc, t)

    def total(t):
        return math.fsum(v for _b, v in imports(t))

    outside = [f for f in sorted(ds.firms, key=ref.id_key)
               if not is_loc[f] and ds.firms[f].region and ds.firms[f].primary
               and total(ds.firms[f].primary) > 0]
    used: set[str] = set()

    def pick(name, accept, make):
        for f in outside:
            if f in used or not accept(f):
                continue
            case = make(f)
            if _robust_whatif(ds, case):
                used.add(f)
                cases[name] = case
                return
        raise AssertionError(f"random_{k}: no robust {name}")

    pick("whatif_attract",
         lambda f: ds.out_value(f) < total(ds.firms[f].primary),
         lambda f: whatif_case(ds, attract=f))
    pick("whatif_attract_capacity",
         lambda f: len(imports(ds.firms[f].primary)) >= 2,
         lambda f: whatif_case(ds, attract=f,
                               capacity=num(0.55 * total(ds.firms[f].primary))))
    pick("whatif_attract_exceeds",
         lambda f: ds.out_value(f) > total(ds.firms[f].primary),
         lambda f: whatif_case(ds, attract=f))

    factor = 0.6 if k % 2 else 0.15
    for row in ref.gaps(ds, LOCAL):
        if row["type"] != "weak_segment" or total(row["segment"]) <= 0:
            continue
        case = whatif_case(ds, add=row["segment"], capacity=num(factor * total(row["segment"])))
        if _robust_whatif(ds, case):
            cases["whatif_add_weak"] = case
            break
    else:
        raise AssertionError(f"random_{k}: no robust whatif_add_weak")
    cases["whatif_rank"] = rank_case(ds)


def make_whatif_ties() -> None:
    """Ties and double counting for §3.7 (integral values, worked by hand in README.md).

    Chain 汽车: G{S1, S2}, P (inputs S1;S2).  Chain 储能: E (inputs S1), E2.  Local (湖北):
    X (P;E, in both chains), Y (P), Z (E), K (S2), M (E2).  Outside: O1, O2 (S1), O3 (S2).
    X and Y both import exactly 40 of S1; O2's capacity 40 serves only X (id order).
    Chains 汽车 {X,Y,K} and 储能 {X,Z,M} both have input 120, with local 10 and 40:
    moving 40 to X gives both a delta of 1/3 as real numbers, 50/120 − 10/120 =
    0.33333333333333337 and 80/120 − 40/120 = 0.3333333333333333 as floats; they tie
    to 12 digits, so 储能 comes first (ids by UTF-8 bytes), not 汽车 (raw floats)."""
    segments = [
        ["G", "材料", "汽车", "", "upstream", ""],
        ["S1", "钢材", "汽车", "G", "upstream", ""],
        ["S2", "芯片", "汽车", "G", "upstream", ""],
        ["P", "零部件", "汽车", "", "midstream", "S1;S2"],
        ["E", "电池", "储能", "", "midstream", "S1"],
        ["E2", "电解液", "储能", "", "upstream", ""],
    ]
    firms = [
        ["X", "双链总成", "湖北/武汉", "P;E", "500", ""],
        ["Y", "襄阳零部件", "湖北/襄阳", "P", "300", ""],
        ["Z", "宜昌电池", "湖北/宜昌", "E", "200", ""],
        ["K", "武汉芯片", "湖北/武汉", "S2", "100", ""],
        ["M", "武汉电解液", "湖北/武汉", "E2", "90", ""],
        ["O1", "深圳钢材", "广东/深圳", "S1", "400", ""],
        ["O2", "苏州钢材", "江苏/苏州", "S1", "300", ""],
        ["O3", "广州芯片", "广东/广州", "S2", "250", ""],
    ]
    links = [
        ["O1", "X", "40", ""],    # S1: X and Y import exactly 40 each
        ["O2", "Y", "40", ""],
        ["O1", "Z", "10", ""],    # S1
        ["O3", "X", "30", ""],    # S2: X has no local S2 -> missing_link (X, S2)
        ["K", "Y", "10", ""],     # S2 local: S2 share 10/40 -> weak
        ["M", "Z", "40", ""],     # E2 local
        ["O3", "O2", "25", ""],   # O3 sells outside too: out-value 55 > imports 30
    ]
    folder = write_dataset("whatif_ties", segments, firms, links)
    ds = ref.load_dataset(folder)
    cases = {}
    for by in ("chain", "segment"):
        cases[f"local_rate_{by}_local"] = {"args": ["--by", by, "--local", LOCAL],
                                           "command": "local-rate",
                                           "rows": ref.local_rate(ds, by, local=LOCAL)}
    cases["gaps_local"] = {"args": ["--local", LOCAL], "command": "gaps",
                           "rows": ref.gaps(ds, LOCAL)}
    cases["whatif_attract_O2"] = whatif_case(ds, attract="O2")
    cases["whatif_attract_O2_capacity60"] = whatif_case(ds, attract="O2", capacity="60")
    cases["whatif_attract_O1"] = whatif_case(ds, attract="O1")
    cases["whatif_attract_O3"] = whatif_case(ds, attract="O3")
    cases["whatif_add_S2_capacity15"] = whatif_case(ds, add="S2", capacity="15")
    cases["whatif_add_S2_capacity10"] = whatif_case(ds, add="S2", capacity="10")
    cases["whatif_add_S2_capacity5"] = whatif_case(ds, add="S2", capacity="5")
    cases["whatif_add_S1_capacity0"] = whatif_case(ds, add="S1", capacity="0")
    cases["whatif_rank"] = rank_case(ds)
    write_expected(folder, cases, ds)


# ---------------------------------------------------------------------------
# Year-over-year datasets (SPEC §3.8)
# ---------------------------------------------------------------------------


def diff_case(before: str, after: str, per_chain: int | None = None) -> dict:
    """`diff --before {root}/A --after {root}/B --local 湖北 [--per-chain K]` (raw_args:
    the test replaces {root} with the fixtures folder and adds no --dataset)."""
    args = ["--before", "{root}/" + before, "--after", "{root}/" + after, "--local", LOCAL]
    if per_chain is not None:
        args += ["--per-chain", str(per_chain)]
    rows = ref.diff(ref.load_dataset(os.path.join(HERE, before)),
                    ref.load_dataset(os.path.join(HERE, after)), LOCAL,
                    per_chain=per_chain or 3)
    return {"command": "diff", "raw_args": True, "args": args, "rows": rows}


def _diff_features(rows: list[dict], where: str) -> None:
    """The second-year variants must exercise every section."""
    sections = {r["section"] for r in rows}
    for s in ref.DIFF_SECTIONS:
        assert s in sections, f"{where}: no {s} row"
    keys = {(r["section"], r["key"].split(":")[0]) for r in rows}
    assert ("gap_closed", "missing_segment") in keys, f"{where}: no missing_segment closes"
    assert ("gap_opened", "single_source") in keys, f"{where}: no single_source opens"
    assert any(r["section"] == "leader" and r["delta"] not in (None, 0) for r in rows), \
        f"{where}: no leader changes rank"


def make_hand_next() -> None:
    """`hand` one year later (worked by hand in README.md): D moves into 湖北 (经开区), so
    M2 becomes present, grows (revenue 1200, buys 30 of M1 from E) and ranks 2nd in 汽车
    before B; I leaves the dataset; J (湖北/荆州, M1, revenue unknown) and L
    (湖北/武汉, 光伏 Y1) enter, K (江苏/无锡, Y2) is new outside; the new chain 光伏 exists
    only in this year; F stops selling P1 to C, so (C, P1) has the single source B; H (no
    segment) sells to B too (unknown link segment)."""
    segments = [
        ["G1", "材料", "汽车", "", "upstream", ""],
        ["M1", "钢材", "汽车", "G1", "upstream", ""],
        ["M2", "芯片", "汽车", "G1", "upstream", ""],
        ["G2", "制造", "汽车", "", "midstream", ""],
        ["P1", "零部件", "汽车", "G2", "midstream", "M1;M2"],
        ["P2", "整车", "汽车", "G2", "downstream", "P1;M2"],
        ["E1", "电池", "储能", "", "midstream", "E2"],
        ["E2", "电解液", "储能", "", "upstream", ""],
        ["GY", "光伏", "光伏", "", "midstream", ""],
        ["Y1", "电池片", "光伏", "GY", "midstream", "Y2"],
        ["Y2", "硅片", "光伏", "GY", "upstream", ""],
    ]
    firms = [
        ["A", "甲钢铁", "湖北/武汉", "M1", "110", ""],
        ["B", "乙零部件", "湖北/襄阳", "P1", "200", ""],
        ["C", "丙汽车", "湖北/武汉/东湖高新区", "P2", "1100", "链主"],
        ["D", "丁芯片", "湖北/武汉/经开区", "M2", "1200", ""],
        ["E", "戊材料", "广东/深圳", "M1;M2", "50", ""],
        ["F", "己零部件", "江苏/苏州", "P1", "400", ""],
        ["H", "庚贸易", "", "", "", ""],
        ["J", "荆州钢材", "湖北/荆州", "M1", "", ""],
        ["K", "无锡硅片", "江苏/无锡", "Y2", "80", ""],
        ["L", "武汉光伏", "湖北/武汉", "Y1", "60", ""],
    ]
    links = [
        ["E", "B", "15", ""],     # M1
        ["D", "B", "20", ""],     # M2, now a local single source
        ["B", "C", "45", "P1"],   # (C, P1): B only -> single_source opens
        ["D", "C", "25", "M2"],
        ["E", "C", "5", "M2"],
        ["H", "C", "7", ""],      # unknown link segment
        ["H", "B", "3", ""],      # unknown link segment
        ["A", "C", "8", ""],      # M1
        ["J", "B", "4", ""],      # M1: B gets local M1
        ["C", "H", "2", ""],      # P2
        ["K", "L", "9", ""],      # Y2 import
        ["F", "E", "6", ""],      # P1 outside the region
        ["E", "D", "30", ""],     # M1: D now buys (single source E) and overtakes B
    ]
    folder = write_dataset("hand_next", segments, firms, links)
    ds = ref.load_dataset(folder)
    cases = {"diff_hand": diff_case("hand", "hand_next"),
             "diff_hand_reverse": diff_case("hand_next", "hand"),
             "diff_hand_per_chain2": diff_case("hand", "hand_next", per_chain=2)}
    _diff_features(cases["diff_hand"]["rows"], "hand_next")
    write_expected(folder, cases, ds)


def _read_rows(folder: str, name: str) -> tuple[list[str], list[list[str]]]:
    with open(os.path.join(folder, name), newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def make_random_next(base: str, seed: int) -> None:
    """`<base>_next`: the random dataset one year later, built from its CSV rows with its
    own `random.Random(seed)` and choices guided by the reference (deterministic):
    a local and an outside firm leave (with their links); a local firm moves out to
    广东/深圳 and an outside firm moves in to 湖北/武汉/经开区 (none of them among the top
    4 local candidates of a chain); N01 (湖北/武汉) enters with the segment of the first
    missing_segment row with dependents and sells it to them (the row closes); N02
    (湖北/襄阳, revenue unknown) enters and becomes the single source of a segment for a
    local buyer that did not buy it; N03 (江苏/南京) enters; the 3rd local candidate of a
    chain gets 1.25-3x its revenue, the first bump that changes a rank in the top 3;
    a firm without segment sells to two local buyers (unknown link segment); about 15 %
    of the values change and 5 % of the link rows go."""
    rng = random.Random(seed)
    folder_a = os.path.join(HERE, base)
    ds = ref.load_dataset(folder_a)
    _sh, seg_rows = _read_rows(folder_a, "segments.csv")
    _fh, firm_rows = _read_rows(folder_a, "firms.csv")
    _lh, link_rows = _read_rows(folder_a, "links.csv")
    is_loc = ref._local_map(ds, LOCAL)
    by_id = {row[0]: row for row in firm_rows}
    ids = [row[0] for row in firm_rows]
    local = [f for f in ids if is_loc[f] and ds.firms[f].segments]
    outside = [f for f in ids if not is_loc[f] and ds.firms[f].region and ds.firms[f].segments]

    gap_rows = ref.gaps(ds, LOCAL)
    missing = next(r for r in gap_rows if r["type"] == "missing_segment" and r["dependents"] > 0)
    lead = ref.leaders(ds, local=LOCAL)
    leaders_now = {r["firm"] for r in lead if r["rank"] <= 4}

    # who leaves and who moves (none of the top 4 local candidates of a chain)
    spare_local = [f for f in local if f not in leaders_now]
    leave_local, move_out = rng.sample(spare_local, 2)
    leave_out, move_in = rng.sample(outside, 2)
    gone = {leave_local, leave_out}
    by_id[move_out][2] = "广东/深圳"
    by_id[move_in][2] = "湖北/武汉/经开区"
    firm_rows = [row for row in firm_rows if row[0] not in gone]
    link_rows = [row for row in link_rows if row[0] not in gone and row[1] not in gone]

    # value changes and dropped rows
    kept = []
    for row in link_rows:
        roll = rng.random()
        if roll < 0.05:
            continue
        if roll < 0.20 and row[2] not in ("", "0"):
            row = [row[0], row[1], num(float(row[2]) * rng.uniform(0.7, 1.4)), row[3]]
        kept.append(row)
    link_rows = kept

    # entering firms
    leaves = [t for t in ds.segments if ds.is_leaf(t) and ds.segments[t].chain in ds.chains[:2]]
    t_new = missing["segment"]
    dependents = [b for b in ids if is_loc[b] and b not in gone and b != move_out
                  and t_new in ds.required(b)]
    firm_rows.append(["N01", "新进入企业", "湖北/武汉", t_new, num(rng.uniform(300, 900)), "专精特新"])
    for b in dependents:
        link_rows.append(["N01", b, num(rng.lognormvariate(3.0, 1.0)), ""])
    buyers = [b for b in ids if is_loc[b] and b not in gone and b != move_out]
    bought = {(b, t) for (_s, b, t) in ds.links}
    t2, b2 = next((t, b) for t in leaves for b in buyers
                  if t != t_new and (b, t) not in bought)
    firm_rows.append(["N02", "襄阳新厂", "湖北/襄阳", t2, "", ""])
    link_rows.append(["N02", b2, num(rng.lognormvariate(3.0, 1.0)), t2])
    t3 = rng.choice(leaves)
    firm_rows.append(["N03", "南京新厂", "江苏/南京", t3, num(rng.uniform(100, 400)), ""])
    link_rows.append(["N03", rng.choice(buyers), num(rng.lognormvariate(3.0, 1.0)), ""])
    # unknown link segments: a firm without segment sells to two local buyers
    noseg = next(f for f in ids if not ds.firms[f].segments and f not in gone)
    for b in rng.sample([b for b in buyers if b != noseg], 2):
        link_rows.append([noseg, b, num(rng.lognormvariate(2.0, 1.0)), ""])

    # a leader rank change: the first (chain, multiplier) whose revenue bump for the
    # chain's 3rd local candidate moves a firm that is in the top 3 in both years
    name = base + "_next"
    revenue = {row[0]: row[4] for row in firm_rows}
    for chain in ds.chains:
        third = next(r["firm"] for r in lead if r["chain"] == chain and r["rank"] == 3)
        for factor in (1.25, 1.5, 2.0, 3.0):
            for row in firm_rows:
                row[4] = revenue[row[0]]
                if row[0] == third and row[4]:
                    row[4] = num(float(row[4]) * factor)
            folder = write_dataset(name, seg_rows, firm_rows, link_rows)
            rows = diff_case(base, name)["rows"]
            if any(r["section"] == "leader" and r["delta"] not in (None, 0) for r in rows):
                break
        else:
            continue
        break
    ds_b = ref.load_dataset(folder)
    cases = {"diff": diff_case(base, name),
             "diff_reverse": diff_case(name, base),
             "diff_per_chain2": diff_case(base, name, per_chain=2)}
    _diff_features(cases["diff"]["rows"], name)
    entered = {r["key"] for r in cases["diff"]["rows"] if r["section"] == "firm_entered"}
    left = {r["key"] for r in cases["diff"]["rows"] if r["section"] == "firm_left"}
    assert move_in in entered and move_out in left and leave_local in left, name
    write_expected(folder, cases, ds_b)


# ---------------------------------------------------------------------------
# Supply radius dataset (SPEC §3.9)
# ---------------------------------------------------------------------------

# cities and county-level units (exact table names) of two provinces; 经开区 and
# 东湖高新区 are parks the division table does not know (they resolve to 武汉)
GEO = {
    "湖北": {"武汉": ["洪山区", "江夏区", "东西湖区", "经开区", "东湖高新区"],
             "襄阳": ["樊城区", "襄州区"], "宜昌": ["西陵区", "夷陵区"],
             "荆州": ["沙市区"], "鄂州": ["鄂城区"]},
    "湖南": {"长沙": ["岳麓区", "雨花区", "开福区"], "株洲": ["天元区", "荷塘区"],
             "湘潭": ["雨湖区", "岳塘区"]},
}
UNKNOWN_PARKS = {"经开区", "东湖高新区"}


def make_geo(seed: int = 909, n_firms: int = 90) -> None:
    """`geo`: two provinces with several cities.  About 70 % of the firms have lat/lon
    (near their county or city centre) besides a region, about 20 % only a region (their
    location is the centre of the deepest division: a county, a city for 经开区 /
    东湖高新区 or a city-only region, the province for the two province-only regions),
    and the rest (at least 4) have neither (empty region, no lat/lon).  Links follow the chain inputs with a preference
    for suppliers of the same city; about 5 % have value 0, and buyer G_ZERO's located
    in-links all have value 0 (its radius uses counts; an unlocated supplier sells it a
    positive value)."""
    rng = random.Random(seed)
    seg_rows, leaves = build_segments(rng, ["新能源汽车", "集成电路"])
    inputs = {row[0]: ref.parse_list(row[5]) for row in seg_rows}
    leaf_ids = list(leaves)
    ids = [f"G{i:03d}" for i in range(1, n_firms + 1)] + ["G_ZERO"]
    firm = {}
    for fid in ids:
        province = "湖北" if rng.random() < 0.6 else "湖南"
        city = rng.choice(list(GEO[province]))
        county = rng.choice(GEO[province][city])
        roll = rng.random()
        if roll < 0.08:
            region = province
        elif roll < 0.3:
            region = f"{province}/{city}"
        else:
            region = f"{province}/{city}/{county}"
        centre = ref.resolve_division(ref.parse_region(f"{province}/{city}/{county}"))
        kind = rng.random()
        if fid == "G_ZERO":
            kind, region = 0.0, "湖北/武汉/洪山区"
            centre = ref.resolve_division(ref.parse_region(region))
        if kind < 0.72:
            spread = 0.04 if county not in UNKNOWN_PARKS else 0.1
            lat = f"{centre.lat + rng.gauss(0, spread):.5f}"
            lon = f"{centre.lon + rng.gauss(0, spread):.5f}"
        elif kind < 0.95:
            lat = lon = ""
        else:
            lat = lon = ""
            region = ""
        segs = [rng.choice(leaf_ids)]
        if rng.random() < 0.15:
            segs.append(rng.choice([t for t in leaf_ids if t != segs[0]]))
        firm[fid] = {"region": region, "city": (province, city), "lat": lat, "lon": lon,
                     "segments": segs}
    # at least 4 firms without any location
    nowhere = [f for f in ids if firm[f]["region"] == ""]
    for fid in [f for f in ids if f not in nowhere and f != "G_ZERO"][: max(0, 4 - len(nowhere))]:
        firm[fid]["region"] = firm[fid]["lat"] = firm[fid]["lon"] = ""
    # two region-only firms with a province-only region (located at the province's point)
    for fid in [f for f in ids if firm[f]["region"].count("/") == 1 and not firm[f]["lat"]][:2]:
        firm[fid]["region"] = firm[fid]["region"].split("/")[0]
    firm["G_ZERO"]["segments"] = [next(t for t in leaf_ids if inputs[t])]

    holders = {t: [f for f in ids if t in firm[f]["segments"]] for t in leaf_ids}
    link_rows = []
    for b in ids:
        req = sorted({x for t in firm[b]["segments"] for x in inputs.get(t, [])})
        for t in req:
            pool = [s for s in holders.get(t, []) if s != b]
            if not pool or (b != "G_ZERO" and rng.random() < 0.15):
                continue
            near = [s for s in pool if firm[s]["city"] == firm[b]["city"]]
            for _ in range(rng.choice([1, 1, 2, 3])):
                s = rng.choice(near if near and rng.random() < 0.6 else pool)
                value = "0" if rng.random() < 0.05 else num(rng.lognormvariate(3.0, 1.0))
                link_rows.append([s, b, value, t])
    # noise links between arbitrary firms (supplier's primary segment)
    for _ in range(n_firms // 3):
        s, b = rng.sample(ids, 2)
        link_rows.append([s, b, num(rng.lognormvariate(2.5, 1.0)), ""])
    # G_ZERO: every located in-link has value 0, one unlocated supplier sells it 12.5
    located = {f for f in ids if firm[f]["lat"] or firm[f]["region"]}
    for row in link_rows:
        if row[1] == "G_ZERO":
            row[2] = "0"
    zero_sources = [row[0] for row in link_rows if row[1] == "G_ZERO" and row[0] in located]
    if len(zero_sources) < 2:
        for s in [f for f in ids if f in located and f != "G_ZERO"][:2]:
            link_rows.append([s, "G_ZERO", "0", ""])
    link_rows.append([next(f for f in ids if f not in located), "G_ZERO", "12.5", ""])

    in_val = {f: 0.0 for f in ids}
    for s, b, v, _t in link_rows:
        in_val[b] += float(v)
    firm_rows = []
    for fid in ids:
        name = "".join(rng.sample(SYLLABLES, 2)) + rng.choice(KINDS) + "有限公司"
        revenue = num(in_val[fid] * rng.uniform(2.5, 6.0) + rng.lognormvariate(4.0, 1.2))
        f = firm[fid]
        firm_rows.append([fid, name, f["region"], ";".join(f["segments"]), revenue, "",
                          f["lat"], f["lon"]])
    folder = write_dataset("geo", seg_rows, firm_rows, link_rows,
                           firm_header=["id", "name", "region", "segment", "revenue", "tags",
                                        "lat", "lon"])
    ds = ref.load_dataset(folder)
    for f in ds.firms:  # every region resolves unambiguously to a division with a point
        if ds.firms[f].region:
            d = ref.resolve_division(ds.firms[f].region)
            assert d is not None and d.lat is not None, f
    cases = {}

    def within(name, km, by):
        cases[name] = {"args": ["--within-km", km, "--by", by], "command": "local-rate",
                       "rows": ref.local_rate_within(ds, float(km), by)}

    for by in ("firm", "segment", "chain", "region"):
        within(f"local_rate_within50_{by}", "50", by)
    within("local_rate_within300_chain", "300", "chain")
    for by in ("firm", "segment", "chain"):
        cases[f"radius_{by}_local"] = {"args": ["--by", by, "--local", LOCAL],
                                       "command": "radius",
                                       "rows": ref.radius(ds, by, local=LOCAL)}
    cases["radius_chain_level1"] = {"args": ["--by", "chain", "--level", "1"],
                                    "command": "radius",
                                    "rows": ref.radius(ds, "chain", level=1)}
    cases["local_rate_region_level3"] = {"args": ["--by", "region", "--level", "3"],
                                         "command": "local-rate",
                                         "rows": ref.local_rate(ds, "region", level=3)}
    write_expected(folder, cases, ds)


def removal_targets(ds: ref.Dataset) -> list[str]:
    """The two firms with the largest out-value: the non-local one and the local one."""
    out = sorted(ds.firms, key=lambda f: (-ds.out_value(f), f))
    r = ref.parse_region(LOCAL)
    first_local = next(f for f in out if ref.in_region(ds.firms[f].region, r))
    first_other = next(f for f in out if not ref.in_region(ds.firms[f].region, r))
    return [first_local, first_other]


def main() -> None:
    make_hand()
    make_io_edge_cases()
    make_cyclic_ties()
    make_random(1, 101, 40, ["新能源汽车", "集成电路"], "F{:03d}")
    make_random(2, 202, 70, ["集成电路", "新能源汽车", "生物医药"], "F{:03d}")
    make_random(3, 303, 95, ["新能源汽车", "集成电路", "生物医药"], "f{}")
    make_random(4, 404, 120, ["新能源汽车", "集成电路"], "Q{:03d}")
    make_whatif_ties()
    make_hand_next()
    make_random_next("random_1", 111)
    make_geo()


if __name__ == "__main__":
    main()
