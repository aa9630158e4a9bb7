"""China's administrative divisions and the region normalisation of SPEC §1.1.

A region cell is turned into a canonical path (``湖北省武汉市洪山区`` → ``湖北/武汉/洪山区``)
exactly as the CLI does it (``Sources/ChainGraph/Model/Divisions/``): the same division table
(``data/divisions.tsv``, GB/T 2260 codes and names), the same canonical short names and the same
longest-match reading of place strings. This module is plain Python on the driver: a dataset
has few distinct region strings (at most tens of thousands even nationally), so the loader
normalises each distinct string once here and joins the result back (``dataset.py``).

``resolve_local`` resolves a ``--local`` argument against the regions of a dataset
(``湖北省`` → ``湖北``, ``武汉`` → ``湖北/武汉``) and ranks suggestions for an unknown one.
"""

from __future__ import annotations

import functools
import os
import pkgutil
from dataclasses import dataclass, field

__all__ = ["DivisionTable", "Normalized", "normalize", "components", "resolve_local", "LocalMatch"]

PROVINCE, PREFECTURE, COUNTY = 1, 2, 3

# The 55 minority nationalities (少数民族) and 汉, without 族 (DivisionNaming.swift).
NATIONALITIES = [
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
    "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
    "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
    "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
    "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "汉",
]

# Endings stripped from an autonomous unit's place name, longest first: every nationality
# with 族, and bare when it has two or more characters (藏, 回, 水 occur inside place names).
NATIONALITY_ENDINGS = sorted(
    [e for n in NATIONALITIES for e in ([n + "族", n] if len(n) >= 2 else [n + "族"])],
    key=len, reverse=True)

# Placeholder prefecture names of older GB/T 2260 editions; they stand for their province.
PLACEHOLDER_PREFECTURES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

# Separators between the components of a region cell.
SEPARATORS = set("/／-－ \t\u3000\r\n")


def is_municipality_like(province_name: str) -> bool:
    """A province-level unit without prefectures of its own: a municipality or a SAR."""
    return province_name.endswith("市") or province_name.endswith("特别行政区")


def dropping(suffix: str, name: str, keeping: int = 2) -> str | None:
    """``name`` without a trailing ``suffix``, or None when it does not end so or fewer than
    ``keeping`` characters would be left."""
    if not name.endswith(suffix) or len(name) - len(suffix) < keeping:
        return None
    return name[: len(name) - len(suffix)]


def stripping_nationalities(place: str) -> str:
    """``广西壮族`` → ``广西``, ``恩施土家族苗族`` → ``恩施`` (at least two characters stay)."""
    s = place
    changed = True
    while changed:
        changed = False
        for ending in NATIONALITY_ENDINGS:
            t = dropping(ending, s)
            if t is not None:
                s = t
                changed = True
                break
    return s


def province_short_name(name: str) -> str:
    """湖北省 → 湖北, 北京市 → 北京, 广西壮族自治区 → 广西, 香港特别行政区 → 香港."""
    s = dropping("特别行政区", name)
    if s is not None:
        return s
    s = dropping("自治区", name)
    if s is not None:
        return stripping_nationalities(s)
    for suffix in ("省", "市"):
        s = dropping(suffix, name)
        if s is not None:
            return s
    return name


def prefecture_short_name(name: str, province: str | None) -> str:
    """A city without 市 (武汉市 → 武汉); a placeholder (市辖区, 县) the province's name."""
    if name in PLACEHOLDER_PREFECTURES and province is not None:
        return province
    s = dropping("市", name)
    return s if s is not None else name


@dataclass(frozen=True)
class Division:
    """One row of the table: code, table name, level and canonical (short) name."""
    code: str
    name: str
    level: int
    canonical: str
    lat: float | None
    lon: float | None


class DivisionTable:
    """The division table with parents, canonical paths and the alias index of place names."""

    def __init__(self, rows: list[tuple[int, str, float | None, float | None]]):
        rows = sorted(rows)
        self.index_by_code = {code: i for i, (code, _n, _a, _o) in enumerate(rows)}

        def level(code: int) -> int:
            return PROVINCE if code % 10000 == 0 else PREFECTURE if code % 100 == 0 else COUNTY

        n = len(rows)
        self.parent = [-1] * n
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, (code, _name, _lat, _lon) in enumerate(rows):
            lv = level(code)
            if lv == PREFECTURE:
                p = self.index_by_code.get(code // 10000 * 10000)
            elif lv == COUNTY:
                p = self.index_by_code.get(code // 100 * 100)
                if p is None:
                    p = self.index_by_code.get(code // 10000 * 10000)
            else:
                p = None
            if p is not None:
                self.parent[i] = p
                self.children[p].append(i)

        canonical = [""] * n
        self.paths: list[list[str]] = [[] for _ in range(n)]
        self.divisions: list[Division] = []
        for i, (code, name, lat, lon) in enumerate(rows):
            lv = level(code)
            p = self.parent[i]
            if lv == PROVINCE:
                canonical[i] = province_short_name(name)
                self.paths[i] = [canonical[i]]
            elif lv == PREFECTURE:
                canonical[i] = prefecture_short_name(name, canonical[p] if p >= 0 else None)
                self.paths[i] = (self.paths[p] if p >= 0 else []) + [canonical[i]]
            else:
                canonical[i] = name
                if p >= 0 and self.parent[p] >= 0:
                    self.paths[i] = self.paths[p] + [name]
                elif p >= 0:
                    # Directly under its province: the prefecture level is the municipality or
                    # SAR again, or else the unit's own short name (湖北/仙桃/仙桃市).
                    slot = canonical[p] if is_municipality_like(rows[p][1]) else prefecture_short_name(name, None)
                    self.paths[i] = [canonical[p], slot, name]
                else:
                    self.paths[i] = [name]
            self.divisions.append(Division(f"{code:06d}", name, lv, canonical[i],
                                           lat if lon is not None else None,
                                           lon if lat is not None else None))
        self.aliases, self.max_alias_length = self._alias_index()

    @staticmethod
    @functools.lru_cache(maxsize=1)
    def shared() -> "DivisionTable":
        """The table shipped with the package (``data/divisions.tsv``), parsed once."""
        # pkgutil reads package data from a directory or from a zip (--py-files).
        text = pkgutil.get_data(__package__, "data/divisions.tsv").decode("utf-8")
        rows = []
        for line in text.splitlines():
            fields = line.split("\t")
            code = fields[0]
            if len(fields) < 2 or len(code) != 6 or not code.isdigit():
                continue
            lat, lon = (float(fields[k]) if k < len(fields) and fields[k] else None for k in (2, 3))
            rows.append((int(code), fields[1], lat, lon))
        return DivisionTable(rows)

    def index_of(self, code: str) -> int | None:
        """Index of the division with this six-digit code, None when unknown."""
        if len(code) != 6 or not (code.isascii() and code.isdigit()):
            return None
        return self.index_by_code.get(int(code))

    def is_strict_descendant(self, i: int, ancestor: int) -> bool:
        """True when division ``i`` lies strictly inside division ``ancestor``."""
        p = self.parent[i]
        while p >= 0:
            if p == ancestor:
                return True
            p = self.parent[p]
        return False

    def _aliases_of(self, i: int, orphan: bool, slot: str | None) -> list[tuple[str, bool]]:
        """The names by which a place string may denote division ``i``, with whether each
        is weak (a derived short form that loses ties and, for counties, counts only at the
        end of the text)."""
        d = self.divisions[i]
        out = [(d.name, False), (d.canonical, False)]
        autonomous = next((a for a in ("自治区", "自治州", "自治县", "自治旗") if d.name.endswith(a)), None)
        if d.level == PROVINCE:
            if autonomous is not None:
                place = dropping(autonomous, d.name)
                if place is not None:
                    out.append((place, True))
        elif d.level == PREFECTURE:
            if autonomous is not None:
                place = dropping("自治州", d.name)
                if place is not None:
                    stem = stripping_nationalities(place)
                    out += [(stem, True), (stem + "州", False)]
            for suffix in ("地区", "盟", "新区"):
                stem = dropping(suffix, d.name)
                if stem is not None:
                    out.append((stem, True))
        else:
            if slot is not None and orphan:
                out.append((slot, False))
            place = dropping(autonomous, d.name) if autonomous is not None else None
            if autonomous is not None and place is not None:
                stem = stripping_nationalities(place)
                out += [(stem, True), (stem + autonomous[-1], True)]
            else:
                stem = dropping("新区", d.name)
                if stem is None:
                    stem = dropping("林区", d.name)
                if stem is None:
                    for suffix in ("区", "县", "市", "旗"):
                        stem = dropping(suffix, d.name)
                        if stem is not None:
                            break
                if stem is not None:
                    out.append((stem, True))
        return out

    def _alias_index(self) -> tuple[dict[str, list[tuple[int, bool]]], int]:
        """Alias → [(division index, weak)]. A municipality's prefecture rows get no aliases
        of their own: their names denote the municipality."""
        index: dict[str, list[tuple[int, bool]]] = {}
        longest = 0
        for i, d in enumerate(self.divisions):
            p = self.parent[i]
            if d.level == PREFECTURE and p >= 0 and is_municipality_like(self.divisions[p].name):
                continue
            orphan = (d.level == COUNTY and p >= 0 and self.divisions[p].level == PROVINCE
                      and not is_municipality_like(self.divisions[p].name))
            slot = self.paths[i][1] if len(self.paths[i]) == 3 else None
            seen: set[str] = set()
            for alias, weak in self._aliases_of(i, orphan, slot):
                if not alias or alias in seen:
                    continue
                seen.add(alias)
                index.setdefault(alias, []).append((i, weak))
                longest = max(longest, len(alias))
        return index, longest


@dataclass
class Normalized:
    """One normalised region cell: canonical components (the cell's own components when
    nothing was recognised), whether the table knew it, the deepest division matched, whether
    the table supplied the parents, and the candidates of an ambiguous name."""
    components: list[str]
    recognized: bool
    code: str | None
    added_parents: bool = False
    candidates: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        """The components joined by ``/``."""
        return "/".join(self.components)


def components(text: str) -> list[str]:
    """Splits a cell at ``/``, ``／``, ``-``, ``－``, spaces, tabs and ideographic spaces."""
    out, current = [], []
    for ch in text:
        if ch in SEPARATORS:
            if current:
                out.append("".join(current))
                current = []
        else:
            current.append(ch)
    if current:
        out.append("".join(current))
    return out


@dataclass
class _Chain:
    first: int
    last: int
    repeated: bool
    consumed: int
    weak: int


class _Matcher:
    """The longest-match reading of place strings (RegionNormalizer.swift, RegionMatcher)."""

    def __init__(self, table: DivisionTable):
        self.t = table

    def can_repeat(self, i: int) -> bool:
        """A municipality or SAR (its own prefecture level) and a county under a province."""
        d = self.t.divisions[i]
        p = self.t.parent[i]
        if d.level == PROVINCE:
            return is_municipality_like(d.name)
        if d.level == PREFECTURE:
            return False
        return (p >= 0 and self.t.divisions[p].level == PROVINCE
                and not is_municipality_like(self.t.divisions[p].name))

    def explore(self, s: str, pos: int, index: int | None, repeated: bool, first: int | None,
                weak: int, results: list[_Chain]) -> None:
        if index is not None and first is not None:
            results.append(_Chain(first, index, repeated, pos, weak))
        if pos >= len(s):
            return
        t = self.t
        for end in range(pos + 1, min(len(s), pos + t.max_alias_length) + 1):
            targets = t.aliases.get(s[pos:end])
            if targets is None:
                continue
            for ti, tweak in targets:
                if tweak and end != len(s) and t.divisions[ti].level == COUNTY:
                    continue
                w = weak + (1 if tweak else 0)
                if index is not None:
                    if ti == index:
                        if not repeated and self.can_repeat(index):
                            self.explore(s, end, index, True, first if first is not None else index, w, results)
                        continue
                    if not t.is_strict_descendant(ti, index):
                        continue
                self.explore(s, end, ti, False, first if first is not None else ti, w, results)

    def best_match(self, s: str, index: int | None, repeated: bool):
        """("none", None) | ("matched", chain) | ("ambiguous", [indices])."""
        results: list[_Chain] = []
        self.explore(s, 0, index, repeated, None, 0, results)
        if not results:
            return "none", None
        top = results[0]
        for r in results[1:]:
            if (top.consumed, -top.weak) < (r.consumed, -r.weak):
                top = r
        best = [r for r in results if r.consumed == top.consumed and r.weak == top.weak]
        lasts = sorted({r.last for r in best})
        if len(lasts) == 1:
            return "matched", next((r for r in best if not r.repeated), best[0])
        for o in lasts:
            if all(x == o or self.t.is_strict_descendant(x, o) for x in lasts):
                chosen = next((r for r in best if r.last == o and not r.repeated), None)
                if chosen is None:
                    chosen = next(r for r in best if r.last == o)
                return "matched", chosen
        return "ambiguous", lasts

    def normalize(self, text: str) -> Normalized:
        t = self.t
        raw = components(text)
        if not raw:
            return Normalized([], False, None)
        parts = list(raw)
        for country in ("中华人民共和国", "中国"):
            if parts[0] == country and len(parts) > 1:
                parts.pop(0)
                break
            if parts[0].startswith(country) and len(parts[0]) > len(country):
                parts[0] = parts[0][len(country):]
                break

        index: int | None = None
        repeated = False
        first: int | None = None
        tail: list[str] = []
        candidates: list[str] = []
        for part in parts:
            if tail:
                tail.append(part)
                continue
            if len(part) == 6 and part.isascii() and part.isdigit():
                # A code: the division itself; for a county code the table lacks, its
                # prefecture plus the code. Other unknown codes stay verbatim.
                known = None
                for code in (part, part[:4] + "00"):
                    i = t.index_of(code)
                    if i is not None and (index is None or t.is_strict_descendant(i, index)):
                        known = i
                        break
                if known is not None:
                    index, repeated = known, False
                    first = known if first is None else first
                    if t.divisions[known].code != part:
                        tail.append(part)
                else:
                    tail.append(part)
                continue
            kind, m = self.best_match(part, index, repeated)
            if kind == "none":
                tail.append(part)
            elif kind == "ambiguous":
                candidates = [t.divisions[i].code for i in m]
                tail.append(part)
            else:
                index, repeated = m.last, m.repeated
                first = m.first if first is None else first
                if m.consumed < len(part):
                    tail.append(part[m.consumed:])

        if index is None or first is None:
            return Normalized(raw, False, None, candidates=candidates)
        d = t.divisions[index]
        path = list(t.paths[index])
        code = d.code
        if repeated and d.level == PROVINCE:
            path.append(d.canonical)
            if len(t.children[index]) == 1:
                code = t.divisions[t.children[index][0]].code
        return Normalized(path + tail, True, code, t.divisions[first].level != PROVINCE, candidates)


@functools.lru_cache(maxsize=1 << 16)
def normalize(text: str) -> Normalized:
    """Normalises one region cell with the shipped table (SPEC §1.1); cached per string."""
    return _Matcher(DivisionTable.shared()).normalize(text)


@dataclass
class LocalMatch:
    """What a ``--local`` argument names among a dataset's regions: ``kind`` is ``region``
    (as given or normalised), ``expanded`` (parents supplied), ``ambiguous`` or ``unknown``;
    ``paths`` holds the region, the candidates or the ranked suggestions."""
    kind: str
    paths: list[tuple[str, ...]]


def _stem(name: str) -> str:
    """A name without one trailing 省, 市, 区 or 县 (when something is left)."""
    if len(name) > 1 and name[-1] in "省市区县":
        return name[:-1]
    return name


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance by character."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (0 if a[i - 1] == b[j - 1] else 1))
        previous = current
    return previous[len(b)]


def _rank(paths: list[tuple[str, ...]], normalized: list[str], raw: list[str]) -> list[tuple[str, ...]]:
    """Orders region paths by closeness to an argument: most leading components shared with
    the normalised argument, then the smallest edit distance of the last names (also without
    a trailing 省/市/区/县), then the shallowest, then in path order."""
    names = {x for x in (raw[-1] if raw else None, normalized[-1] if normalized else None) if x is not None}

    def shared(p):
        k = 0
        for a, b in zip(p, normalized):
            if a != b:
                break
            k += 1
        return k

    def distance(p):
        if not p or not names:
            return 1 << 62
        last = p[-1]
        return min(min(_edit_distance(q, last), _edit_distance(_stem(q), _stem(last))) for q in names)

    return sorted(paths, key=lambda p: (-shared(p), distance(p), len(p), p))


def resolve_local(argument: str, regions) -> LocalMatch:
    """Resolves a ``--local`` argument against the normalised region paths of a dataset
    (each a tuple of components), as the CLI's ``RegionNormalizer.resolveLocal`` does."""
    prefixes: set[tuple[str, ...]] = set()
    for r in regions:
        for k in range(len(r), 0, -1):
            p = tuple(r[:k])
            if p in prefixes:
                break
            prefixes.add(p)
    n = normalize(argument)
    raw = components(argument)
    if n.components and tuple(n.components) in prefixes:
        kind = "expanded" if n.recognized and n.added_parents else "region"
        return LocalMatch(kind, [tuple(n.components)])
    probes: list[list[str]] = []
    for p in (raw, n.components):
        if p and p not in probes:
            probes.append(p)
    fitting = [p for p in prefixes
               if any(len(p) > len(q) and list(p[len(p) - len(q):]) == q for q in probes)]
    ranked = _rank(fitting, n.components, raw)
    if len(ranked) == 1:
        return LocalMatch("expanded", ranked)
    if len(ranked) > 1:
        return LocalMatch("ambiguous", ranked)
    return LocalMatch("unknown", _rank(list(prefixes), n.components, raw))
