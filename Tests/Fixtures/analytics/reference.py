"""Independent Python reference implementation of ChainGraph's chain analytics.

Implements SPEC.md (the contract) sections 1 (data model), 2 (locality),
3.1 (local supporting rate), 3.2 (gaps), 3.3 (chain leaders), 3.4 (the `degree` and
`pagerank` centralities only), 3.5 (input-output linkages) and 3.6 (disruption
simulation), with the column names and the tie rule of section 4.
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
