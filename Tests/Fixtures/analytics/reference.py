"""Independent Python reference implementation of ChainGraph's chain analytics.

Implements /work/shared/SPEC.md (the contract) sections 1 (data model), 2 (locality),
3.1 (local supporting rate), 3.2 (gaps), 3.3 (chain leaders), 3.5 (input-output
linkages) and 3.6 (disruption simulation), with the column names of section 4.
Where SPEC is silent it follows the interpretation decisions listed in README.md
(same folder); comments below say "README" where such a decision is applied.

Only the Python standard library and numpy are used.  numpy.linalg is used for the
Leontief / Ghosh inverses on purpose: it is the independent check of the LAPACK code
in the Swift implementation.

Every public metric function takes a `Dataset` and returns plain Python data
(lists of dicts with exactly the SPEC column names, in output order), so the
results can be dumped to JSON directly.
"""

from __future__ import annotations

import csv
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
]


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
    revenue: float = 0.0  # README: missing revenue = 0 everywhere

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
        return sum(v for _, _, v in self.in_links[fid])

    def out_value(self, fid: str) -> float:
        return sum(v for _, _, v in self.out_links[fid])


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
            )

    links: dict[tuple[str, str, str | None], float] = {}
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
        links[key] = links.get(key, 0.0) + value  # SPEC §1: parallel links merge by sum

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
               level: int | None = None) -> list[dict]:
    loc = Locality(ds, local, level)
    buyers = [b for b in ds.firms if loc.considered(b)]

    # group key -> buyers, in first-seen order (final order comes from sorting)
    groups: dict[str, list[str]] = {}

    def add(key, b):
        groups.setdefault(key, []).append(b)

    for b in buyers:
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
        input_value = local_value = 0.0
        pairs = local_pairs = 0
        for b in members:
            suppliers: set[str] = set()
            for s, _t, v in ds.in_links[b]:  # unknown-segment links count as well
                input_value += v
                if loc.is_local(s, b):
                    local_value += v
                suppliers.add(s)
            pairs += len(suppliers)
            local_pairs += sum(1 for s in suppliers if loc.is_local(s, b))
        rows.append({
            "key": key,
            "buyers": len(members),
            "input_value": input_value,
            "local_value": local_value,
            "value_rate": _rate(local_value, input_value),
            "pairs": pairs,
            "local_pairs": local_pairs,
            "count_rate": _rate(local_pairs, pairs),
        })
    # README: value_rate desc, null last, then key asc
    rows.sort(key=lambda r: (r["value_rate"] is None,
                             -(r["value_rate"] or 0.0), r["key"]))
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


def gaps(ds: Dataset, local: str, weak_below: float = 0.5) -> list[dict]:
    r = parse_region(local)
    is_loc = {f: in_region(ds.firms[f].region, r) for f in ds.firms}
    fl = [f for f in ds.firms if is_loc[f]]

    # supply(b,T), localsupply(b,T) and the distinct suppliers of (b,T), for b in F_L.
    # Links with unknown segment never appear as a segment T.
    supply: dict[tuple[str, str], float] = {}
    local_supply: dict[tuple[str, str], float] = {}
    sources: dict[tuple[str, str], set[str]] = {}
    for b in fl:
        for s, t, v in ds.in_links[b]:
            if t is None:
                continue
            supply[(b, t)] = supply.get((b, t), 0.0) + v
            local_supply.setdefault((b, t), 0.0)
            if is_loc[s]:
                local_supply[(b, t)] += v
            sources.setdefault((b, t), set()).add(s)

    # present(T): a local firm has T or a descendant of T, or a local supplier
    # has a merged link (to any buyer) whose segment is T.
    held_locally = {t for f in fl for t in ds.firms[f].segments}
    linked_locally = {t for (s, _b, t) in ds.links if is_loc[s] and t is not None}

    def present(t: str) -> bool:
        return bool(ds.subtree(t) & held_locally) or t in linked_locally

    required = {b: ds.required(b) for b in fl}

    # value each firm supplies to F_L (all its links, any segment)
    to_local = {f: 0.0 for f in ds.firms}
    for (s, b, _t), v in ds.links.items():
        if is_loc[b]:
            to_local[s] += v

    rows_ms, rows_ml, rows_weak, rows_single = [], [], [], []

    # missing_segment: leaves of chains with >= 1 local firm, present(T) false
    local_chains = {ds.segments[t].chain for f in fl for t in ds.firms[f].segments}
    for t, seg in ds.segments.items():
        if seg.chain not in local_chains or not ds.is_leaf(t) or present(t):
            continue
        sub = ds.subtree(t)
        cands = [f for f in ds.firms
                 if not is_loc[f] and sub & set(ds.firms[f].segments)]
        cands.sort(key=lambda f: (-to_local[f], -ds.firms[f].revenue, f))
        rows_ms.append(_gap_row(
            type="missing_segment", chain=seg.chain, segment=t,
            imported_value=sum(supply.get((b, t), 0.0) for b in fl),
            dependents=sum(1 for b in fl if t in required[b]),
            candidates=cands[:5]))
    rows_ms.sort(key=lambda x: (-x["imported_value"], -x["dependents"], x["segment"]))

    # missing_link: (b,T), T in required(b), present(T), localsupply(b,T) = 0
    out_value = {f: ds.out_value(f) for f in ds.firms}
    for b in fl:
        for t in sorted(required[b]):
            if not present(t) or local_supply.get((b, t), 0.0) != 0:
                continue
            cands = [f for f in fl if f != b and t in ds.firms[f].segments]
            cands.sort(key=lambda f: (-out_value[f], f))
            rows_ml.append(_gap_row(
                type="missing_link", chain=ds.chain_of(t), segment=t, buyer=b,
                imported_value=supply.get((b, t), 0.0), candidates=cands[:5]))
    rows_ml.sort(key=lambda x: (-x["imported_value"], x["buyer"], x["segment"]))

    # weak_segment: present(T), D > 0, local share strictly below the threshold
    for t, seg in ds.segments.items():
        if not present(t):
            continue
        demand = sum(supply.get((b, t), 0.0) for b in fl)
        if demand <= 0:
            continue
        loc_sum = sum(local_supply.get((b, t), 0.0) for b in fl)
        share = loc_sum / demand
        if share < weak_below:
            rows_weak.append(_gap_row(
                type="weak_segment", chain=seg.chain, segment=t, value=demand,
                imported_value=demand - loc_sum, local_share=share))
    rows_weak.sort(key=lambda x: (x["local_share"], x["segment"]))

    # single_source: supply(b,T) > 0 with exactly one distinct supplier
    for (b, t), v in supply.items():
        if v > 0 and len(sources[(b, t)]) == 1:
            (s,) = sources[(b, t)]
            rows_single.append(_gap_row(
                type="single_source", chain=ds.chain_of(t), segment=t, buyer=b,
                supplier=s, value=v, supplier_local=is_loc[s]))
    rows_single.sort(key=lambda x: (-x["value"], x["buyer"], x["segment"]))

    return rows_ms + rows_ml + rows_weak + rows_single


# ---------------------------------------------------------------------------
# SPEC §3.3 - chain leaders (链主) and specialists
# ---------------------------------------------------------------------------


def leaders(ds: Dataset, per_chain: int = 3, local: str | None = None) -> list[dict]:
    r = parse_region(local) if local is not None else None
    is_loc = {f: r is not None and in_region(ds.firms[f].region, r) for f in ds.firms}

    preds = {f: {s for s, _t, _v in ds.in_links[f]} for f in ds.firms}
    # README: literally preds(f) ∪ preds(preds(f)); contains f only via a 2-cycle
    upstream2 = {}
    for f in ds.firms:
        reach = set(preds[f])
        for x in preds[f]:
            reach |= preds[x]
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

        rr = normalise({f: ds.firms[f].revenue for f in cands})
        pp = normalise({f: in_val[f] for f in cands})
        uu = normalise({f: float(upstream2[f]) for f in cands})
        score = {f: (rr[f] + pp[f] + uu[f]) / 3 for f in cands}
        ranked = sorted(cands, key=lambda f: (-score[f], f))

        if r is not None:
            median = float(np.median([ds.firms[f].revenue for f in cands]))

        for rank, f in enumerate(ranked, start=1):
            specialist = None
            if r is not None:
                specialist = ds.firms[f].revenue < median and _sole_local_supplier(ds, f, is_loc)
            rows.append({
                "chain": chain, "rank": rank, "firm": f, "score": score[f],
                "r": rr[f], "p": pp[f], "u": uu[f],
                "leader": rank <= per_chain, "specialist": specialist,
            })
    return rows


def _sole_local_supplier(ds: Dataset, f: str, is_loc: dict[str, bool]) -> bool:
    """Some T in seg(f): f has a merged link of segment T to a local buyer and no
    OTHER local firm has T in its segment set (SPEC §3.3 `specialist`)."""
    for t in ds.firms[f].segments:
        sells_locally = any(bt == t and is_loc[b] for b, bt, _v in ds.out_links[f])
        if not sells_locally:
            continue
        others = any(is_loc[g] and g != f and t in ds.firms[g].segments for g in ds.firms)
        if not others:
            return True
    return False


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
    rows.sort(key=lambda r: (-r["backward"], r["segment"]))
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
    rows.sort(key=lambda r: (-r["revenue_loss"], r["firm"]))

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
