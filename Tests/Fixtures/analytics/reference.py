"""Independent Python reference implementation of ChainGraph's chain analytics.

Implements SPEC.md (the contract) sections 1 (data model), 2 (locality),
3.1 (local supporting rate), 3.2 (gaps), 3.3 (chain leaders), 3.4 (the `degree` and
`pagerank` centralities only), 3.5 (input-output linkages), 3.6 (disruption
simulation), 3.7 (what-if attraction), 3.8 (year-over-year diff) and 3.9 (supply
radius), with the column names and the tie rule of section 4.  For 3.9 the division
table (codes, names, centre points) is read from the data text bundled with the Swift
sources (DivisionTable+Data.swift); the lookup itself is implemented here.
Where SPEC is silent it follows the interpretation decisions listed in README.md
(same folder); comments below say "README" where such a decision is applied.

Only the Python standard library and numpy are used (plus networkx, imported lazily,
for `centrality --measure pagerank`).  numpy.linalg is used for the Leontief / Ghosh
inverses on purpose: it is the independent check of the LAPACK code in the Swift
implementation.  Money sums use math.fsum (exactly rounded), as SPEC §4 asks for
compensated or exact summation.

Every public metric function takes a `Dataset` and returns plain Python data
(lists of dicts with exactly the SPEC column names, in output order), so the
results can be dumped to JSON directly.
"""

from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass, field

import numpy as np

__all__ = [
    "Dataset",
    "load_dataset",
    "parse_region",
    "local_rate",
    "gaps",
    "leaders",
    "linkages",
    "simulate",
    "centrality",
    "whatif",
    "whatif_rank",
    "diff",
    "coverage",
    "local_rate_within",
    "radius",
    "tie_key",
    "id_key",
]


# ---------------------------------------------------------------------------
# SPEC §4 - ordering rules
# ---------------------------------------------------------------------------


def tie_key(x: float) -> float:
    """SPEC §4: scores equal to 12 significant digits count as tied.  Sorting uses
    the score rounded to 12 significant digits, then the id."""
    return float(f"{x:.12g}")


def id_key(s: str) -> bytes:
    """SPEC §3.2: ids compare by their UTF-8 bytes everywhere (for valid strings this
    is the same as Python's code-point order; spelled out to be explicit)."""
    return s.encode("utf-8")


# ---------------------------------------------------------------------------
# SPEC §1 - data model and loading
# ---------------------------------------------------------------------------


def parse_region(text: str | None) -> tuple[str, ...]:
    """Region path -> tuple of components (README: split on '/', strip, drop empty).

    The empty tuple is the unknown region."""
    if not text:
        return ()
    return tuple(part.strip() for part in text.split("/") if part.strip())


def parse_list(text: str | None) -> list[str]:
    """';'-separated list (segments of a firm, inputs of a segment)."""
    if not text:
        return []
    return [part.strip() for part in text.split(";") if part.strip()]


def parse_number(text: str | None, default: float) -> float:
    if text is None or text.strip() == "":
        return default
    return float(text)


@dataclass
class Firm:
    id: str
    name: str = ""
    region: tuple[str, ...] = ()
    segments: list[str] = field(default_factory=list)  # first = primary segment
    revenue: float = 0.0  # README: missing revenue = 0 (leaders' r, x_j, losses)
    revenue_known: bool = False  # SPEC §3.3 specialist: revenue must be known
    lat: float | None = None  # SPEC §3.9: plant location (WGS-84), both or neither used
    lon: float | None = None

    @property
    def primary(self) -> str | None:
        return self.segments[0] if self.segments else None


@dataclass
class Segment:
    id: str
    name: str
    chain: str
    parent: str | None
    inputs: list[str]


@dataclass
class Dataset:
    firms: dict[str, Firm]  # in firms.csv order (then firms only named in links)
    segments: dict[str, Segment]  # in segments.csv order
    chains: list[str]  # order of first appearance in segments.csv
    # merged links: (supplier, buyer, link segment or None) -> summed value,
    # in order of first appearance in links.csv
    links: dict[tuple[str, str, str | None], float]
    self_loops: int = 0

    # --- derived structures, built by _index() -------------------------------
    children: dict[str, list[str]] = field(default_factory=dict)
    in_links: dict[str, list[tuple[str, str | None, float]]] = field(default_factory=dict)
    out_links: dict[str, list[tuple[str, str | None, float]]] = field(default_factory=dict)

    def _index(self) -> None:
        self.children = {sid: [] for sid in self.segments}
        for seg in self.segments.values():
            if seg.parent is not None:
                self.children[seg.parent].append(seg.id)
        self.in_links = {fid: [] for fid in self.firms}
        self.out_links = {fid: [] for fid in self.firms}
        for (s, b, t), v in self.links.items():
            self.in_links[b].append((s, t, v))
            self.out_links[s].append((b, t, v))

    # --- segment tree helpers --------------------------------------------------
    def is_leaf(self, sid: str) -> bool:
        return not self.children[sid]

    def subtree(self, sid: str) -> set[str]:
        """T together with all its descendants."""
        out, stack = set(), [sid]
        while stack:
            x = stack.pop()
            out.add(x)
            stack.extend(self.children[x])
        return out

    def chain_of(self, sid: str | None) -> str | None:
        return self.segments[sid].chain if sid is not None else None

    def firm_chains(self, fid: str) -> list[str]:
        """Chains of any of the firm's segments, in chain order."""
        mine = {self.segments[s].chain for s in self.firms[fid].segments}
        return [c for c in self.chains if c in mine]

    def required(self, fid: str) -> set[str]:
        """SPEC §3: required(b) = union of inputs(S) over S in seg(b)."""
        req: set[str] = set()
        for s in self.firms[fid].segments:
            req.update(self.segments[s].inputs)
        return req

    def in_value(self, fid: str) -> float:
        return math.fsum(v for _, _, v in self.in_links[fid])

    def out_value(self, fid: str) -> float:
        return math.fsum(v for _, _, v in self.out_links[fid])


def _read_csv(path: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 (optionally BOM) CSV as (line number, {lower-case header: cell})."""
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh)
        header = [h.strip().lower() for h in next(reader)]
        rows = []
        for row in reader:
            if not row:
                continue
            rows.append((reader.line_num, dict(zip(header, row))))
        return rows


def load_dataset(folder: str) -> Dataset:
    """Read links.csv, firms.csv and segments.csv of a dataset folder (SPEC §1)."""
    segments: dict[str, Segment] = {}
    chains: list[str] = []
    seg_path = os.path.join(folder, "segments.csv")
    if os.path.exists(seg_path):
        for _, row in _read_csv(seg_path):
            sid = row["id"].strip()
            chain = row["chain"].strip()
            parent = row.get("parent", "").strip() or None
            segments[sid] = Segment(sid, row.get("name", ""), chain, parent,
                                    parse_list(row.get("inputs")))
            if chain not in chains:
                chains.append(chain)

    firms: dict[str, Firm] = {}
    firm_path = os.path.join(folder, "firms.csv")
    if os.path.exists(firm_path):
        for _, row in _read_csv(firm_path):
            fid = row["id"].strip()
            firms[fid] = Firm(
                id=fid,
                name=row.get("name", ""),
                region=parse_region(row.get("region")),
                segments=parse_list(row.get("segment")),
                revenue=parse_number(row.get("revenue"), 0.0),
                revenue_known=bool((row.get("revenue") or "").strip()),
                lat=parse_number(row.get("lat"), None),
                lon=parse_number(row.get("lon"), None),
            )

    parts: dict[tuple[str, str, str | None], list[float]] = {}
    self_loops = 0
    for _, row in _read_csv(os.path.join(folder, "links.csv")):
        s, b = row["supplier"].strip(), row["buyer"].strip()
        for fid in (s, b):  # SPEC §1: without firms.csv, firms are those named in links
            firms.setdefault(fid, Firm(fid))
        if s == b:  # SPEC §1: self-loops are dropped
            self_loops += 1
            continue
        value = parse_number(row.get("value"), 1.0)  # SPEC §1: default value 1
        # SPEC §1: default link segment = supplier's primary segment (None if it has none)
        seg = (row.get("segment") or "").strip() or firms[s].primary
        key = (s, b, seg)
        parts.setdefault(key, []).append(value)  # SPEC §1: parallel links merge by sum
    links = {key: math.fsum(values) for key, values in parts.items()}

    ds = Dataset(firms=firms, segments=segments, chains=chains, links=links,
                 self_loops=self_loops)
    ds._index()
    return ds


# ---------------------------------------------------------------------------
# SPEC §2 - locality
# ---------------------------------------------------------------------------


def in_region(region: tuple[str, ...], r: tuple[str, ...]) -> bool:
    """SPEC §2: region path equals R or starts with R/ (componentwise, README).

    Unknown-region firms are never in any region."""
    return len(region) > 0 and region[: len(r)] == r and len(region) >= len(r)


class Locality:
    """Fixed mode (--local R) or relative mode (--level K), SPEC §2."""

    def __init__(self, ds: Dataset, local: str | None = None, level: int | None = None):
        if (local is None) == (level is None):
            raise ValueError("exactly one of local / level")
        self.ds = ds
        self.r = parse_region(local) if local is not None else None
        self.k = level

    def is_local(self, s: str, b: str) -> bool:
        rs, rb = self.ds.firms[s].region, self.ds.firms[b].region
        if self.r is not None:
            return in_region(rs, self.r)
        k = self.k
        return len(rs) >= k and len(rb) >= k and rs[:k] == rb[:k]

    def considered(self, b: str) -> bool:
        rb = self.ds.firms[b].region
        if self.r is not None:
            return in_region(rb, self.r)
        return len(rb) >= self.k


def local_firms(ds: Dataset, local: str) -> list[str]:
    """F_L in firm order."""
    r = parse_region(local)
    return [f for f in ds.firms if in_region(ds.firms[f].region, r)]


# ---------------------------------------------------------------------------
# SPEC §3.1 - local supporting rate (本地配套率)
# ---------------------------------------------------------------------------


def _rate(num, den):
    return num / den if den != 0 else None


def local_rate(ds: Dataset, by: str, local: str | None = None,
               level: int | None = None, per_chain: int = 3) -> list[dict]:
    """SPEC §3.1.  `by` is firm, segment, chain, region or leader (fixed mode only:
    one group per chain C, its leader candidates of §3.3 with --local R)."""
    loc = Locality(ds, local, level)
    buyers = [b for b in ds.firms if loc.considered(b)]

    # group key -> buyers, in first-seen order (final order comes from sorting)
    groups: dict[str, list[str]] = {}

    def add(key, b):
        groups.setdefault(key, []).append(b)

    if by == "leader":
        if loc.r is None:
            raise ValueError("--by leader needs --local R")
        for row in leaders(ds, per_chain=per_chain, local=local):
            if row["leader"]:  # local candidates only, so every one is considered
                add(row["chain"], row["firm"])
    for b in buyers if by != "leader" else []:
        firm = ds.firms[b]
        if by == "firm":
            add(b, b)
        elif by == "segment":  # buyers without a primary segment are in no row
            if firm.primary is not None:
                add(firm.primary, b)
        elif by == "chain":  # a buyer is in every chain of any of its segments
            for c in ds.firm_chains(b):
                add(c, b)
        elif by == "region":
            if loc.r is not None:
                add("/".join(loc.r), b)
            else:
                add("/".join(firm.region[: loc.k]), b)
        else:
            raise ValueError(by)

    rows = []
    for key, members in groups.items():
        values, local_values = [], []
        pairs = local_pairs = 0
        for b in members:
            suppliers: set[str] = set()
            for s, _t, v in ds.in_links[b]:  # unknown-segment links count as well
                values.append(v)
                if loc.is_local(s, b):
                    local_values.append(v)
                suppliers.add(s)  # a zero-value link is still a pair
            pairs += len(suppliers)
            local_pairs += sum(1 for s in suppliers if loc.is_local(s, b))
        input_value, local_value = math.fsum(values), math.fsum(local_values)
        rows.append({
            "key": key,
            "buyers": len(members),  # with or without purchases
            "input_value": input_value,
            "local_value": local_value,
            "value_rate": _rate(local_value, input_value),
            "pairs": pairs,
            "local_pairs": local_pairs,
            "count_rate": _rate(local_pairs, pairs),
        })
    # SPEC §3.1: value_rate desc, undefined last, then key (12-digit ties, SPEC §4)
    rows.sort(key=lambda r: (r["value_rate"] is None,
                             -tie_key(r["value_rate"] or 0.0), id_key(r["key"])))
    return rows


# ---------------------------------------------------------------------------
# SPEC §3.2 - gaps (fixed mode)
# ---------------------------------------------------------------------------

GAP_COLUMNS = ["type", "chain", "segment", "buyer", "supplier", "value", "imported_value",
               "dependents", "local_share", "supplier_local", "candidates"]


def _gap_row(**fields) -> dict:
    row = {c: None for c in GAP_COLUMNS}
    row.update(fields)
    return row


def gaps(ds: Dataset, local: str, weak_below: float = 0.5,
         strong_above: float = 0.8) -> list[dict]:
    r = parse_region(local)
    is_loc = {f: in_region(ds.firms[f].region, r) for f in ds.firms}
    fl = [f for f in ds.firms if is_loc[f]]

    # supply(b,T), localsupply(b,T) and the distinct suppliers of (b,T), for b in F_L.
    # T exactly (no descendants).  Links with unknown segment never appear as a T.
    supply_parts: dict[tuple[str, str], list[float]] = {}
    local_parts: dict[tuple[str, str], list[float]] = {}
    sources: dict[tuple[str, str], set[str]] = {}
    for b in fl:
        for s, t, v in ds.in_links[b]:
            if t is None:
                continue
            supply_parts.setdefault((b, t), []).append(v)
            local_parts.setdefault((b, t), [])
            if is_loc[s]:
                local_parts[(b, t)].append(v)
            sources.setdefault((b, t), set()).add(s)  # a zero-value link is a supplier
    supply = {k: math.fsum(v) for k, v in supply_parts.items()}
    local_supply = {k: math.fsum(v) for k, v in local_parts.items()}

    # present(T): a local firm has T or a descendant of T, or a local supplier
    # has a merged link (to any buyer, any value, 0 included) whose segment is T.
    held_locally = {t for f in fl for t in ds.firms[f].segments}
    linked_locally = {t for (s, _b, t) in ds.links if is_loc[s] and t is not None}

    def present(t: str) -> bool:
        return bool(ds.subtree(t) & held_locally) or t in linked_locally

    def demand(t: str) -> tuple[float, float]:
        """D(T) = Σ_{b∈F_L} supply(b,T) and L(T) = Σ_{b∈F_L} localsupply(b,T)."""
        d = math.fsum(v for b in fl for v in supply_parts.get((b, t), []))
        loc = math.fsum(v for b in fl for v in local_parts.get((b, t), []))
        return d, loc

    required = {b: ds.required(b) for b in fl}

    # value each firm supplies to F_L (all its links, any segment)
    to_local = {f: math.fsum(v for b, _t, v in ds.out_links[f] if is_loc[b])
                for f in ds.firms}
    out_value = {f: ds.out_value(f) for f in ds.firms}

    def outside_candidates(t: str) -> list[str]:
        """招商 targets (missing_segment and weak_segment): up to 5 non-local firms with
        a known region having T or a descendant of T; by value into F_L desc, revenue
        desc (unknown = 0), id."""
        sub = ds.subtree(t)
        cands = [f for f in ds.firms
                 if not is_loc[f] and ds.firms[f].region
                 and sub & set(ds.firms[f].segments)]
        cands.sort(key=lambda f: (-tie_key(to_local[f]), -tie_key(ds.firms[f].revenue),
                                  id_key(f)))
        return cands[:5]

    def local_candidates(t: str, b: str) -> list[str]:
        """对接 candidates (missing_link): up to 5 local firms other than b having T or
        a descendant of T; by total out-value desc, id."""
        sub = ds.subtree(t)
        cands = [f for f in fl if f != b and sub & set(ds.firms[f].segments)]
        cands.sort(key=lambda f: (-tie_key(out_value[f]), id_key(f)))
        return cands[:5]

    rows_ms, rows_ml, rows_weak, rows_single, rows_strong = [], [], [], [], []

    # missing_segment: leaves of chains with >= 1 local firm, present(T) false
    local_chains = {ds.segments[t].chain for f in fl for t in ds.firms[f].segments}
    for t, seg in ds.segments.items():
        if seg.chain not in local_chains or not ds.is_leaf(t) or present(t):
            continue
        rows_ms.append(_gap_row(
            type="missing_segment", chain=seg.chain, segment=t,
            imported_value=demand(t)[0],
            dependents=sum(1 for b in fl if t in required[b]),
            candidates=outside_candidates(t)))
    rows_ms.sort(key=lambda x: (-tie_key(x["imported_value"]), -x["dependents"],
                                id_key(x["segment"])))

    # missing_link: (b,T), T in required(b), present(T), localsupply(b,T) = 0
    for b in fl:
        for t in sorted(required[b], key=id_key):
            if not present(t) or local_supply.get((b, t), 0.0) != 0:
                continue
            rows_ml.append(_gap_row(
                type="missing_link", chain=ds.chain_of(t), segment=t, buyer=b,
                imported_value=supply.get((b, t), 0.0), candidates=local_candidates(t, b)))
    rows_ml.sort(key=lambda x: (-tie_key(x["imported_value"]), id_key(x["buyer"]),
                                id_key(x["segment"])))

    # weak_segment: present(T), D > 0, local share strictly below the threshold
    for t, seg in ds.segments.items():
        if not present(t):
            continue
        d, loc = demand(t)
        if d <= 0:
            continue
        share = loc / d
        if share < weak_below:
            rows_weak.append(_gap_row(
                type="weak_segment", chain=seg.chain, segment=t, value=d,
                imported_value=d - loc, local_share=share,
                candidates=outside_candidates(t)))
    rows_weak.sort(key=lambda x: (tie_key(x["local_share"]), id_key(x["segment"])))

    # single_source: supply(b,T) > 0 with exactly one distinct supplier
    for (b, t), v in supply.items():
        if v > 0 and len(sources[(b, t)]) == 1:
            (s,) = sources[(b, t)]
            rows_single.append(_gap_row(
                type="single_source", chain=ds.chain_of(t), segment=t, buyer=b,
                supplier=s, value=v, supplier_local=is_loc[s]))
    rows_single.sort(key=lambda x: (-tie_key(x["value"]), id_key(x["buyer"]),
                                    id_key(x["segment"])))

    # strong_segment: present(T), local output O(T) > 0, sold outside >= sold inside,
    # and local share >= strong_above when D(T) > 0
    for t, seg in ds.segments.items():
        if not present(t):
            continue
        own = [(b, v) for (s, b, lt), v in ds.links.items() if lt == t and is_loc[s]]
        output = math.fsum(v for _b, v in own)
        inside = math.fsum(v for b, v in own if is_loc[b])
        outside = math.fsum(v for b, v in own if not is_loc[b])
        if not (output > 0 and outside >= inside):
            continue
        d, loc = demand(t)  # loc == inside
        share = loc / d if d > 0 else None
        if share is not None and share < strong_above:
            continue
        rows_strong.append(_gap_row(
            type="strong_segment", chain=seg.chain, segment=t, value=output,
            imported_value=d - loc, local_share=share))
    rows_strong.sort(key=lambda x: (-tie_key(x["value"]), id_key(x["segment"])))

    return rows_ms + rows_ml + rows_weak + rows_single + rows_strong


# ---------------------------------------------------------------------------
# SPEC §3.3 - chain leaders (链主) and specialists
# ---------------------------------------------------------------------------


def leaders(ds: Dataset, per_chain: int = 3, local: str | None = None) -> list[dict]:
    r = parse_region(local) if local is not None else None
    is_loc = {f: r is not None and in_region(ds.firms[f].region, r) for f in ds.firms}

    # u: distinct firms other than f with a path of length 1 or 2 into f (a zero-value
    # link is a path); f itself never counts, even on a 2-cycle f -> x -> f
    preds = {f: {s for s, _t, _v in ds.in_links[f]} for f in ds.firms}
    upstream2 = {}
    for f in ds.firms:
        reach = set(preds[f])
        for x in preds[f]:
            reach |= preds[x]
        reach.discard(f)
        upstream2[f] = len(reach)
    in_val = {f: ds.in_value(f) for f in ds.firms}

    rows = []
    for chain in ds.chains:
        cands = [f for f in ds.firms
                 if chain in {ds.segments[t].chain for t in ds.firms[f].segments}
                 and (r is None or is_loc[f])]
        if not cands:
            continue

        def normalise(values: dict[str, float]) -> dict[str, float]:
            m = max(values.values())
            return {f: (v / m if m > 0 else 0.0) for f, v in values.items()}

        rr = normalise({f: ds.firms[f].revenue for f in cands})  # unknown revenue = 0
        pp = normalise({f: in_val[f] for f in cands})
        uu = normalise({f: float(upstream2[f]) for f in cands})
        score = {f: (rr[f] + pp[f] + uu[f]) / 3 for f in cands}
        # SPEC §3.3/§4: score desc, scores equal to 12 significant digits tie, then id
        ranked = sorted(cands, key=lambda f: (-tie_key(score[f]), id_key(f)))

        if r is not None:
            known = [ds.firms[f].revenue for f in cands if ds.firms[f].revenue_known]
            median = float(np.median(known)) if known else None

        for rank, f in enumerate(ranked, start=1):
            specialist = None
            if r is not None:
                firm = ds.firms[f]
                specialist = (firm.revenue_known and median is not None
                              and firm.revenue < median
                              and _sole_local_supplier(ds, f, chain, is_loc))
            rows.append({
                "chain": chain, "rank": rank, "firm": f, "score": score[f],
                "r": rr[f], "p": pp[f], "u": uu[f],
                "leader": rank <= per_chain, "specialist": specialist,
            })
    return rows


def sole_local_segments(ds: Dataset, f: str, chain: str, is_loc: dict[str, bool]) -> list[str]:
    """Segments T of `chain` (SPEC §3.3 `specialist`) such that f is the only local firm
    having T (T or a descendant of T in its segment set) and f has a merged link with
    link segment exactly T and positive value to a local buyer.  In segments.csv order."""
    out = []
    for t, seg in ds.segments.items():
        if seg.chain != chain:
            continue
        sub = ds.subtree(t)
        holders = [g for g in ds.firms if is_loc[g] and sub & set(ds.firms[g].segments)]
        if holders != [f]:
            continue
        if any(bt == t and v > 0 and is_loc[b] for b, bt, v in ds.out_links[f]):
            out.append(t)
    return out


def _sole_local_supplier(ds: Dataset, f: str, chain: str, is_loc: dict[str, bool]) -> bool:
    return bool(sole_local_segments(ds, f, chain, is_loc))


# ---------------------------------------------------------------------------
# SPEC §3.5 - segment input-output linkages
# ---------------------------------------------------------------------------


def linkages(ds: Dataset) -> dict:
    """Returns {"rows": [...], "warnings": [segment ids left out]} or, for a
    non-productive A, {"error": message, "segment": id}."""
    used = {f.primary for f in ds.firms.values() if f.primary is not None}
    used |= {t for (_s, _b, t) in ds.links if t is not None}
    candidates = [t for t in ds.segments if t in used]  # segments.csv order

    output = {t: 0.0 for t in candidates}
    for f in ds.firms.values():
        if f.primary is not None:
            output[f.primary] += f.revenue
    system = [t for t in candidates if output[t] > 0]
    warnings = [t for t in candidates if output[t] == 0]

    idx = {t: i for i, t in enumerate(system)}
    n = len(system)
    z = np.zeros((n, n))
    for (s, b, t), v in ds.links.items():
        j = ds.firms[b].primary
        if t in idx and j in idx:
            z[idx[t], idx[j]] += v
    x = np.array([output[t] for t in system])

    a = z / x[np.newaxis, :]  # A = Z diag(1/x)
    if n > 0 and max(abs(np.linalg.eigvals(a))) >= 1:
        col = a.sum(axis=0)
        worst = system[int(np.argmax(col))]  # first maximum in system order
        return {"error": f"non-productive input-output matrix (spectral radius >= 1); "
                         f"largest column sum in segment {worst}",
                "segment": worst}
    b_mat = z / x[:, np.newaxis]  # B = diag(1/x) Z
    eye = np.eye(n)
    leontief = np.linalg.inv(eye - a)
    ghosh = np.linalg.inv(eye - b_mat)
    backward = n * leontief.sum(axis=0) / leontief.sum()
    forward = n * ghosh.sum(axis=1) / ghosh.sum()

    rows = [{
        "segment": t,
        "output": float(x[i]),
        "backward": float(backward[i]),
        "forward": float(forward[i]),
        "key": bool(backward[i] > 1 and forward[i] > 1),
    } for i, t in enumerate(system)]
    rows.sort(key=lambda r: (-tie_key(r["backward"]), id_key(r["segment"])))
    return {"rows": rows, "warnings": warnings}


# ---------------------------------------------------------------------------
# SPEC §3.6 - disruption (断链) simulation
# ---------------------------------------------------------------------------


def simulate(ds: Dataset, remove: list[str] | None = None,
             remove_region: str | None = None, substitution: float = 0.0,
             tol: float = 1e-12, max_sweeps: int = 100000) -> dict:
    """Returns {"rows": [...], "totals": {...}, "sweeps": n}."""
    if remove_region is not None:
        r = parse_region(remove_region)
        removed = {f for f in ds.firms if in_region(ds.firms[f].region, r)}
    else:
        removed = set(remove or [])

    # input groups of every buyer: link segment -> [(supplier, value)];
    # unknown segment (None) is one group of its own
    groups: dict[str, list[tuple[float, list[tuple[str, float]]]]] = {}
    for b in ds.firms:
        by_seg: dict[str | None, list[tuple[str, float]]] = {}
        for s, t, v in ds.in_links[b]:
            by_seg.setdefault(t, []).append((s, v))
        groups[b] = [(sum(v for _, v in g), g) for g in by_seg.values()]
        groups[b] = [(tot, g) for tot, g in groups[b] if tot > 0]

    cap = {f: (0.0 if f in removed else 1.0) for f in ds.firms}
    sweeps = 0
    while sweeps < max_sweeps:  # Jacobi sweeps
        sweeps += 1
        new = {}
        for b in ds.firms:
            if b in removed or not groups[b]:
                new[b] = cap[b]
                continue
            worst = min(sum(v * cap[s] for s, v in g) / tot + substitution
                        for tot, g in groups[b])
            new[b] = min(1.0, worst)
        change = max(abs(new[f] - cap[f]) for f in ds.firms)
        cap = new
        if change < tol:
            break

    loss = {f: ds.firms[f].revenue * (1.0 - cap[f]) for f in ds.firms}
    rows = [{"firm": f, "capacity": cap[f], "revenue_loss": loss[f]}
            for f in ds.firms if cap[f] < 1.0 - 1e-12]
    rows.sort(key=lambda r: (-tie_key(r["revenue_loss"]), id_key(r["firm"])))

    chain_loss = {c: 0.0 for c in ds.chains}
    provinces = []
    for f in ds.firms.values():
        p = f.region[0] if f.region else ""
        if p not in provinces:
            provinces.append(p)
    region_loss = {p: 0.0 for p in sorted(provinces)}
    for f in ds.firms:
        for c in ds.firm_chains(f):
            chain_loss[c] += loss[f]
        region = ds.firms[f].region
        region_loss[region[0] if region else ""] += loss[f]
    totals = {
        "revenue_at_risk": sum(loss[f] for f in ds.firms),
        "chain_loss": chain_loss,
        "region_loss": region_loss,
    }
    return {"rows": rows, "totals": totals, "sweeps": sweeps}


# ---------------------------------------------------------------------------
# SPEC §3.4 - centrality (degree and pagerank only)
# ---------------------------------------------------------------------------


def firm_graph(ds: Dataset):
    """The directed firm graph of SPEC §3.4: every firm is a node; one edge s -> b per
    pair with at least one merged link, attribute `value` = w(s,b) = Σ_T w(s,b,T)."""
    import networkx as nx

    pair_parts: dict[tuple[str, str], list[float]] = {}
    for (s, b, _t), v in ds.links.items():
        pair_parts.setdefault((s, b), []).append(v)
    g = nx.DiGraph()
    g.add_nodes_from(ds.firms)
    for (s, b), values in pair_parts.items():
        g.add_edge(s, b, value=math.fsum(values))
    return g


def centrality(ds: Dataset, measure: str) -> list[dict]:
    """`centrality --measure degree|pagerank` rows, ordered as SPEC §4 says: primary
    score (in_degree for degree) descending, 12-significant-digit ties, then id."""
    import networkx as nx

    g = firm_graph(ds)
    if measure == "degree":
        rows = [{
            "firm": f,
            "in_degree": g.in_degree(f),
            "out_degree": g.out_degree(f),
            "in_value": math.fsum(d["value"] for _s, _b, d in g.in_edges(f, data=True)),
            "out_value": math.fsum(d["value"] for _s, _b, d in g.out_edges(f, data=True)),
        } for f in ds.firms]
        rows.sort(key=lambda r: (-r["in_degree"], id_key(r["firm"])))
        return rows
    if measure == "pagerank":
        pr = nx.pagerank(g, alpha=0.85, weight="value", tol=1e-12, max_iter=10000)
        rows = [{"firm": f, "score": float(pr[f])} for f in ds.firms]
        rows.sort(key=lambda r: (-tie_key(r["score"]), id_key(r["firm"])))
        return rows
    raise ValueError(measure)


# ---------------------------------------------------------------------------
# SPEC §3.7 - what-if attraction (招商 simulation)
# ---------------------------------------------------------------------------

WHATIF_COLUMNS = ["group", "key", "input_value", "local_value_before", "local_value_after",
                  "value_rate_before", "value_rate_after", "delta", "moved_value"]
RANK_COLUMNS = ["chain", "segment", "candidate", "capacity", "moved_value",
                "value_rate_before", "value_rate_after", "delta"]


def _local_map(ds: Dataset, local: str) -> dict[str, bool]:
    """SPEC §2 fixed mode: firm -> in R."""
    r = parse_region(local)
    return {f: in_region(ds.firms[f].region, r) for f in ds.firms}


def whatif_imports(ds: Dataset, is_loc: dict[str, bool], t: str) -> list[tuple[str, float]]:
    """SPEC §3.7: imports(b,T) = Σ w over the merged links into b with link segment exactly
    T from suppliers not in F_L, for the local buyers b with imports(b,T) > 0, in service
    order: imports descending (12-significant-digit ties, SPEC §4), then id (UTF-8)."""
    out = []
    for b in ds.firms:
        if not is_loc[b]:
            continue
        v = math.fsum(val for s, lt, val in ds.in_links[b] if lt == t and not is_loc[s])
        if v > 0:
            out.append((b, v))
    out.sort(key=lambda x: (-tie_key(x[1]), id_key(x[0])))
    return out


def whatif_allocate(imports: list[tuple[str, float]], capacity: float) -> list[tuple[str, float]]:
    """SPEC §3.7 greedy service: each buyer in order moves m(b) = min(remaining, imports).
    Only buyers with m(b) > 0 are returned (in service order).
    The remaining capacity is capacity - fsum(allocated), and it is used up once the
    allocated total equals the capacity to 12 significant digits (SPEC §4's tie rule), so
    round-off never serves a buyer a crumb such as 1e-13."""
    moves = []
    for b, v in imports:
        allocated = math.fsum(m for _, m in moves)
        remaining = math.fsum([capacity, -allocated])
        if remaining <= 0 or tie_key(capacity) == tie_key(allocated):
            break
        m = min(remaining, v)
        moves.append((b, m))
    return moves


def _whatif_row(group: str, key: str, base: dict | None, moved: list[float]) -> dict:
    """One §3.7 row from the §3.1 row of the group (None: no considered buyer) and the
    moves m(b) of the group's buyers."""
    input_value = base["input_value"] if base else 0.0
    before = base["local_value"] if base else 0.0
    moved_value = math.fsum(moved)
    after = math.fsum([before] + list(moved))
    rate_before = _rate(before, input_value)
    rate_after = _rate(after, input_value)
    return {
        "group": group, "key": key, "input_value": input_value,
        "local_value_before": before, "local_value_after": after,
        "value_rate_before": rate_before, "value_rate_after": rate_after,
        "delta": None if rate_before is None else rate_after - rate_before,
        "moved_value": moved_value,
    }


def _by_delta(row: dict):
    """SPEC §3.7 order within a group: delta desc (12-digit ties, undefined last), key."""
    d = row["delta"]
    return (d is None, -tie_key(d) if d is not None else 0.0, id_key(row["key"]))


def whatif_plant(ds: Dataset, local: str, attract: str | None = None, add: str | None = None,
                 capacity: float | None = None) -> tuple[str, float]:
    """SPEC §3.7: the plant's segment T and capacity V.  `--attract F`: T = prim(F), V =
    --capacity or F's total out-value Σ_b w(F,b) over all its merged links (all segments).
    Usage errors (ValueError): unknown F, F inside R or without known region, F without a
    segment, negative capacity, neither/both of attract and add."""
    if (attract is None) == (add is None):
        raise ValueError("exactly one of attract / add")
    is_loc = _local_map(ds, local)
    if attract is not None:
        if attract not in ds.firms:
            raise ValueError(f"unknown firm {attract}")
        firm = ds.firms[attract]
        if not firm.region or is_loc[attract] or firm.primary is None:
            raise ValueError(f"firm {attract} cannot be attracted")
        t = firm.primary
        v = capacity if capacity is not None else ds.out_value(attract)
    else:
        if add not in ds.segments or capacity is None:
            raise ValueError("--add T needs a known segment and --capacity")
        t, v = add, capacity
    if not (v >= 0):
        raise ValueError("negative capacity")
    return t, v


def whatif(ds: Dataset, local: str, attract: str | None = None, add: str | None = None,
           capacity: float | None = None, weak_below: float = 0.5) -> tuple[list[dict], list[dict]]:
    """SPEC §3.7 `whatif --local R (--attract F | --add T --capacity V) [--gaps]`.

    Returns (rows, closed_gaps).  rows: the region row (always), then one `chain` row per
    chain of a served buyer (a buyer with m(b) > 0; a buyer counts in every chain of any of
    its segments) and one `segment` row per primary segment of a served buyer.  The input
    and local-before sums are the §3.1 sums over ALL considered buyers of the group (fixed
    mode, R); local_value_after = before + Σ m(b) over the group's buyers; delta = rate
    after − rate before (None when the input is 0).  Order: group (region, chain,
    segment), then delta desc (12-digit ties, undefined last), then key.

    closed_gaps: the §3.2 rows (gaps(ds, R, weak_below), default strong threshold) that
    the plant closes, in §3.2 order: the missing_segment row of T (T becomes present, even
    with nothing moved), the missing_link rows (b,T) of the served buyers, and the
    weak_segment row of T when (L + Σ m) / D ≥ weak_below."""
    t, cap = whatif_plant(ds, local, attract, add, capacity)
    is_loc = _local_map(ds, local)
    moves = whatif_allocate(whatif_imports(ds, is_loc, t), cap)

    region_key = "/".join(parse_region(local))
    base_region = {r["key"]: r for r in local_rate(ds, "region", local=local)}
    base_chain = {r["key"]: r for r in local_rate(ds, "chain", local=local)}
    base_segment = {r["key"]: r for r in local_rate(ds, "segment", local=local)}

    chain_moves: dict[str, list[float]] = {}
    segment_moves: dict[str, list[float]] = {}
    for b, m in moves:
        for c in ds.firm_chains(b):
            chain_moves.setdefault(c, []).append(m)
        p = ds.firms[b].primary
        if p is not None:
            segment_moves.setdefault(p, []).append(m)

    rows = [_whatif_row("region", region_key, base_region.get(region_key),
                        [m for _b, m in moves])]
    chain_rows = [_whatif_row("chain", c, base_chain.get(c), ms) for c, ms in chain_moves.items()]
    segment_rows = [_whatif_row("segment", s, base_segment.get(s), ms)
                    for s, ms in segment_moves.items()]
    rows += sorted(chain_rows, key=_by_delta) + sorted(segment_rows, key=_by_delta)

    served = {b for b, _m in moves}
    fl = [f for f in ds.firms if is_loc[f]]
    demand = math.fsum(v for b in fl for _s, lt, v in ds.in_links[b] if lt == t)
    local_supply = [v for b in fl for s, lt, v in ds.in_links[b] if lt == t and is_loc[s]]
    new_local = math.fsum(local_supply + [m for _b, m in moves])
    closed = []
    for row in gaps(ds, local, weak_below=weak_below):
        if row["segment"] != t:
            continue
        if row["type"] == "missing_segment":
            closed.append(row)
        elif row["type"] == "missing_link" and row["buyer"] in served:
            closed.append(row)
        elif row["type"] == "weak_segment" and demand > 0 and new_local / demand >= weak_below:
            closed.append(row)
    return rows, closed


def whatif_rank(ds: Dataset, local: str, weak_below: float = 0.5) -> list[dict]:
    """SPEC §3.7 `whatif --local R --rank` (the 精准招商 shortlist).

    Every candidate F of every missing_segment and weak_segment row of gaps(ds, R,
    weak_below), in §3.2 row order, a (T, F) pair once: a plant of the row's segment T with
    capacity F's total out-value.  The greedy service runs over ALL local buyers importing
    T (service order of §3.7); moved_value sums the moves to buyers in the chain C of T
    (buyers with any segment in C), and the rates are C's §3.1 chain row before and after
    those moves (None/None/None when C has no considered buyer or no input).  Order: delta
    desc (12-digit ties, undefined last), then chain, segment, candidate (UTF-8)."""
    is_loc = _local_map(ds, local)
    base_chain = {r["key"]: r for r in local_rate(ds, "chain", local=local)}
    seen: set[tuple[str, str]] = set()
    out = []
    for row in gaps(ds, local, weak_below=weak_below):
        if row["type"] not in ("missing_segment", "weak_segment"):
            continue
        t = row["segment"]
        chain = ds.segments[t].chain
        imports = whatif_imports(ds, is_loc, t)
        for f in row["candidates"]:
            if (t, f) in seen:
                continue
            seen.add((t, f))
            cap = ds.out_value(f)
            moved = [m for b, m in whatif_allocate(imports, cap) if chain in ds.firm_chains(b)]
            r = _whatif_row("chain", chain, base_chain.get(chain), moved)
            out.append({
                "chain": chain, "segment": t, "candidate": f, "capacity": cap,
                "moved_value": r["moved_value"], "value_rate_before": r["value_rate_before"],
                "value_rate_after": r["value_rate_after"], "delta": r["delta"],
            })
    out.sort(key=lambda x: (x["delta"] is None,
                            -tie_key(x["delta"]) if x["delta"] is not None else 0.0,
                            id_key(x["chain"]), id_key(x["segment"]), id_key(x["candidate"])))
    return out


# ---------------------------------------------------------------------------
# SPEC §3.8 - year-over-year comparison (链主一年一评)
# ---------------------------------------------------------------------------

DIFF_COLUMNS = ["section", "key", "before", "after", "delta"]
DIFF_SECTIONS = ["summary", "local_rate", "firm_entered", "firm_left", "gap_opened",
                 "gap_closed", "leader"]
# SPEC §3.8: the measure of a gap row in gap_opened / gap_closed
GAP_MEASURE = {"missing_segment": "imported_value", "missing_link": "imported_value",
               "weak_segment": "local_share", "single_source": "value",
               "strong_segment": "value"}


def present_segments(ds: Dataset, is_loc: dict[str, bool]) -> set[str]:
    """SPEC §3 present(T): some local firm has T or a descendant of T in its segment set,
    or some local supplier has a merged link (any buyer, any value) of segment T."""
    held = {t for f in ds.firms if is_loc[f] for t in ds.firms[f].segments}
    linked = {t for (s, _b, t) in ds.links if is_loc[s] and t is not None}
    return {t for t in ds.segments if ds.subtree(t) & held or t in linked}


def coverage(ds: Dataset, local: str) -> dict[str, float]:
    """SPEC §3.1 segment coverage of each chain C (segments.csv order): the share of C's
    leaf segments T with present(T); 0 for a chain with no local firm (SPEC §3.8; README:
    a local firm of C is one with any segment, group or leaf, of C)."""
    is_loc = _local_map(ds, local)
    present = present_segments(ds, is_loc)
    local_chains = {ds.segments[t].chain for f in ds.firms if is_loc[f]
                    for t in ds.firms[f].segments}
    out = {}
    for c in ds.chains:
        leaves = [t for t, seg in ds.segments.items() if seg.chain == c and ds.is_leaf(t)]
        if c not in local_chains or not leaves:
            out[c] = 0.0
        else:
            out[c] = sum(1 for t in leaves if t in present) / len(leaves)
    return out


def gap_key(row: dict) -> str:
    """SPEC §3.8: `type:chain:segment:buyer:supplier`, parts that do not apply empty."""
    return ":".join(row[c] or "" for c in ("type", "chain", "segment", "buyer", "supplier"))


def _diff_delta(before, after):
    """after − before when both are numbers (money compensated), else None."""
    if before is None or after is None:
        return None
    if isinstance(before, int) and isinstance(after, int):
        return after - before
    return math.fsum([after, -before])


def diff(ds_a: Dataset, ds_b: Dataset, local: str, per_chain: int = 3) -> list[dict]:
    """SPEC §3.8 `diff --before A --after B --local R`: rows section,key,before,after,delta.

    * summary, in this order: firms (all firms of the dataset), links (merged links),
      local_firms (|F_L|), total_value (Σ of all merged link values), value_rate (the
      §3.1 region row of R; None when its input is 0), then coverage:C for the union of
      both years' chains sorted by UTF-8 bytes (0 for a chain without local firm; None on
      a side whose segments.csv lacks the chain).
    * local_rate: chain:C and segment:S value rates of §3.1 (fixed mode, R) for the union
      of both years' groups (None on the side without the group or with input 0).
    * firm_entered / firm_left: F_L(B) minus F_L(A) / F_L(A) minus F_L(B); before/after =
      revenue on the side where the firm is local (None where not local or unknown).
    * gap_opened / gap_closed: §3.2 rows (default thresholds) only in B / only in A,
      matched by gap_key(); before/after = the row's measure (GAP_MEASURE).
    * leader: C:F for every firm in the top k of chain C in either year (leaders(ds,
      per_chain=k, local=R)); before/after = rank when in the top k, else None.
    Every section but summary is ordered by key (UTF-8 bytes); delta = after − before
    when both are numbers, else None."""
    rows: list[dict] = []

    def add(section, key, before, after):
        rows.append({"section": section, "key": key, "before": before, "after": after,
                     "delta": _diff_delta(before, after)})

    # --- summary -------------------------------------------------------------
    def summary(ds):
        is_loc = _local_map(ds, local)
        region = local_rate(ds, "region", local=local)
        return {
            "firms": len(ds.firms),
            "links": len(ds.links),
            "local_firms": sum(1 for f in ds.firms if is_loc[f]),
            "total_value": math.fsum(ds.links.values()),
            "value_rate": region[0]["value_rate"] if region else None,
        }

    sa, sb = summary(ds_a), summary(ds_b)
    for k in ("firms", "links", "local_firms", "total_value", "value_rate"):
        add("summary", k, sa[k], sb[k])
    ca, cb = coverage(ds_a, local), coverage(ds_b, local)
    for c in sorted(set(ca) | set(cb), key=id_key):
        add("summary", f"coverage:{c}", ca.get(c), cb.get(c))

    def keyed(section, before: dict, after: dict):
        for k in sorted(set(before) | set(after), key=id_key):
            add(section, k, before.get(k), after.get(k))

    # --- local_rate ----------------------------------------------------------
    def rates(ds):
        out = {}
        for by in ("chain", "segment"):
            for r in local_rate(ds, by, local=local):
                out[f"{by}:{r['key']}"] = r["value_rate"]
        return out

    keyed("local_rate", rates(ds_a), rates(ds_b))

    # --- firm_entered / firm_left -------------------------------------------
    def local_revenue(ds):
        is_loc = _local_map(ds, local)
        return {f: (ds.firms[f].revenue if ds.firms[f].revenue_known else None)
                for f in ds.firms if is_loc[f]}

    la, lb = local_revenue(ds_a), local_revenue(ds_b)
    for f in sorted(set(lb) - set(la), key=id_key):
        add("firm_entered", f, None, lb[f])
    for f in sorted(set(la) - set(lb), key=id_key):
        add("firm_left", f, la[f], None)

    # --- gap_opened / gap_closed --------------------------------------------
    def gap_rows(ds):
        return {gap_key(r): r[GAP_MEASURE[r["type"]]] for r in gaps(ds, local)}

    ga, gb = gap_rows(ds_a), gap_rows(ds_b)
    for k in sorted(set(gb) - set(ga), key=id_key):
        add("gap_opened", k, None, gb[k])
    for k in sorted(set(ga) - set(gb), key=id_key):
        add("gap_closed", k, ga[k], None)

    # --- leader --------------------------------------------------------------
    def top(ds):
        return {f"{r['chain']}:{r['firm']}": r["rank"]
                for r in leaders(ds, per_chain=per_chain, local=local) if r["rank"] <= per_chain}

    keyed("leader", top(ds_a), top(ds_b))
    return rows


# ---------------------------------------------------------------------------
# SPEC §3.9 - supply radius (配套半径)
# ---------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0088
DIVISION_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                             "Sources", "ChainGraph", "Model", "Divisions",
                             "DivisionTable+Data.swift")


@dataclass
class Division:
    code: str
    name: str
    short: str  # the canonical (short) name of SPEC §1.1
    lat: float | None
    lon: float | None
    children: list[str] = field(default_factory=list)


_DIVISIONS: dict[str, Division] | None = None


def _province_short(name: str) -> str:
    """SPEC §1.1 short province name for the plain cases the fixtures use: without
    特别行政区 / 自治区 (ethnic words are not stripped here: only 湖北 and 湖南 are used),
    省 or 市."""
    for suffix in ("特别行政区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def divisions() -> dict[str, Division]:
    """The division table (code -> Division), parsed from the text bundled with the Swift
    sources (lines `code<TAB>name<TAB>lat<TAB>lon`, lat/lon may be empty).  Parents by
    code: a prefecture's province is PP0000; a county's parent is its prefecture PPCC00
    when the table has it, else its province."""
    global _DIVISIONS
    if _DIVISIONS is not None:
        return _DIVISIONS
    table: dict[str, Division] = {}
    with open(DIVISION_DATA, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or len(parts[0]) != 6 or not parts[0].isdigit():
                continue
            lat = float(parts[2]) if len(parts) > 3 and parts[2] and parts[3] else None
            lon = float(parts[3]) if lat is not None else None
            table[parts[0]] = Division(parts[0], parts[1], parts[1], lat, lon)
    for code in sorted(table):
        d = table[code]
        if code.endswith("0000"):
            d.short = _province_short(d.name)
            continue
        if code.endswith("00"):
            parent = code[:2] + "0000"
            if d.name.endswith("市") and len(d.name) >= 3:
                d.short = d.name[:-1]
        else:
            parent = code[:4] + "00" if code[:4] + "00" in table else code[:2] + "0000"
        if parent in table:
            table[parent].children.append(code)
    _DIVISIONS = table
    return table


def resolve_division(region: tuple[str, ...]) -> Division | None:
    """The deepest division a slash path resolves to: the first component is a province
    (its table name or short name), each further component a child of the division so
    far (table or short name); the first component that is no such child stops the
    descent (`湖北/武汉/经开区` -> 武汉).  None when the province is unknown."""
    table = divisions()
    current: Division | None = None
    pool = [c for c in table if c.endswith("0000")]
    for comp in region:
        hits = [table[c] for c in pool if comp in (table[c].name, table[c].short)]
        if len(hits) != 1:
            break
        current = hits[0]
        pool = current.children
    return current


def firm_location(ds: Dataset, f: str) -> tuple[float, float] | None:
    """SPEC §3.9: (lat, lon) from firms.csv when both are given, else the centre point of
    the deepest division the region resolves to (None when that division has no point),
    else None (unknown)."""
    firm = ds.firms[f]
    if firm.lat is not None and firm.lon is not None:
        return firm.lat, firm.lon
    d = resolve_division(firm.region)
    if d is None or d.lat is None or d.lon is None:
        return None
    return d.lat, d.lon


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance, haversine formula, R = 6371.0088 km (SPEC §3.9)."""
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def locations(ds: Dataset) -> dict[str, tuple[float, float] | None]:
    return {f: firm_location(ds, f) for f in ds.firms}


def local_rate_within(ds: Dataset, km: float, by: str) -> list[dict]:
    """SPEC §3.9 `local-rate --within-km D --by firm|segment|chain|region`: s is local for
    b iff both are located and dist(s,b) ≤ D; considered buyers are the located firms
    (links from unlocated suppliers count in the totals, never as local).  Groupings as in
    §3.1; `region` gives one row per top-level region component of the buyers (a located
    buyer with an unknown region would be in no region row; the fixtures have none).
    Columns and order as local_rate."""
    loc = locations(ds)
    buyers = [b for b in ds.firms if loc[b] is not None]

    def is_local(s, b):
        return loc[s] is not None and loc[b] is not None and haversine_km(loc[s], loc[b]) <= km

    groups: dict[str, list[str]] = {}
    for b in buyers:
        firm = ds.firms[b]
        if by == "firm":
            keys = [b]
        elif by == "segment":
            keys = [firm.primary] if firm.primary is not None else []
        elif by == "chain":
            keys = ds.firm_chains(b)
        elif by == "region":
            keys = [firm.region[0]] if firm.region else []
        else:
            raise ValueError(by)
        for k in keys:
            groups.setdefault(k, []).append(b)

    rows = []
    for key, members in groups.items():
        values, local_values = [], []
        pairs = local_pairs = 0
        for b in members:
            suppliers: set[str] = set()
            for s, _t, v in ds.in_links[b]:
                values.append(v)
                if is_local(s, b):
                    local_values.append(v)
                suppliers.add(s)
            pairs += len(suppliers)
            local_pairs += sum(1 for s in suppliers if is_local(s, b))
        input_value, local_value = math.fsum(values), math.fsum(local_values)
        rows.append({
            "key": key, "buyers": len(members), "input_value": input_value,
            "local_value": local_value, "value_rate": _rate(local_value, input_value),
            "pairs": pairs, "local_pairs": local_pairs, "count_rate": _rate(local_pairs, pairs),
        })
    rows.sort(key=lambda r: (r["value_rate"] is None,
                             -tie_key(r["value_rate"] or 0.0), id_key(r["key"])))
    return rows


RADIUS_COLUMNS = ["key", "buyers", "located_value", "median_km", "p90_km"]


def weighted_quantile(links: list[tuple[float, float]], q: float) -> float:
    """SPEC §3.9: the smallest distance d with Σ value of links with dist ≤ d ≥ q·Σ value
    over `links` = [(dist, value)]; when every value is 0, counts instead of values."""
    total = math.fsum(v for _d, v in links)
    weights = [(d, v) for d, v in links] if total > 0 else [(d, 1.0) for d, _v in links]
    total = math.fsum(w for _d, w in weights)
    for d in sorted({d for d, _w in weights}):
        if math.fsum(w for dd, w in weights if dd <= d) >= q * total:
            return d
    raise AssertionError("unreachable")


def radius_groups(ds: Dataset, by: str, local: str | None = None,
                  level: int | None = None) -> dict[str, tuple[set[str], list[tuple[float, float]]]]:
    """Group key -> (buyers with a located link, [(dist, value)] of the located links into
    the group's considered buyers)."""
    loc_mode = Locality(ds, local, level)
    loc = locations(ds)
    groups: dict[str, tuple[set[str], list[tuple[float, float]]]] = {}
    for b in ds.firms:
        if not loc_mode.considered(b) or loc[b] is None:
            continue
        located = [(haversine_km(loc[s], loc[b]), v) for s, _t, v in ds.in_links[b]
                   if loc[s] is not None]
        if not located:
            continue
        firm = ds.firms[b]
        if by == "firm":
            keys = [b]
        elif by == "segment":
            keys = [firm.primary] if firm.primary is not None else []
        elif by == "chain":
            keys = ds.firm_chains(b)
        else:
            raise ValueError(by)
        for k in keys:
            g = groups.setdefault(k, (set(), []))
            g[0].add(b)
            g[1].extend(located)
    return groups


def radius(ds: Dataset, by: str, local: str | None = None, level: int | None = None) -> list[dict]:
    """SPEC §3.9 `radius --by firm|segment|chain (--local R | --level K)`: over the merged
    links into the considered buyers (SPEC §2) with both ends located, one row per group
    with at least one such link: key, buyers (considered buyers of the group with such a
    link), located_value (Σ value of those links), median_km and p90_km (value-weighted
    quantiles, weighted_quantile).  Ordered by median_km ascending (12-digit ties), key."""
    rows = []
    for key, (members, links) in radius_groups(ds, by, local, level).items():
        rows.append({
            "key": key, "buyers": len(members),
            "located_value": math.fsum(v for _d, v in links),
            "median_km": weighted_quantile(links, 0.5),
            "p90_km": weighted_quantile(links, 0.9),
        })
    rows.sort(key=lambda r: (tie_key(r["median_km"]), id_key(r["key"])))
    return rows
