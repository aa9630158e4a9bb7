"""The chain tree (产业链树状图, ``segments.csv``) on the driver (SPEC §1).

The segment table is configuration-sized (tens to hundreds of segments, however large the
graph), so it is read whole on the driver, in file order (chains are ordered by first
appearance, and leaders are listed in chain order), validated as the CLI validates it
(duplicate ids, unknown parents or inputs, a parent in another chain, parent cycles), and
handed to Spark as small DataFrames that joins broadcast: segment → chain, segment →
ancestors, segment → inputs.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from .errors import DataError
from .report import Reporter
from .storage import Storage
from .tables import (HEAD_BYTES, TABLE_FIELDS, TOTAL_WORDS, TableSource, _decode_head, _locate_in_text,
                     _trim, fold_width)

__all__ = ["SegmentTree", "read_segments"]

SMALL_TABLE_LIMIT = 256 << 20  # segments.csv larger than this is surely not a chain tree
STAGES = {"upstream", "midstream", "downstream", "上游", "中游", "下游"}


@dataclass
class SegmentTree:
    """Segments in file order with chain, parent, inputs; derived children and ancestors."""
    ids: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    chain: dict[str, str] = field(default_factory=dict)
    parent: dict[str, str | None] = field(default_factory=dict)
    inputs: dict[str, list[str]] = field(default_factory=dict)
    chains: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.children: dict[str, list[str]] = {}

    def finish(self) -> None:
        """Builds the children lists once the segments are known and valid."""
        self.children = {s: [] for s in self.ids}
        for s in self.ids:
            p = self.parent[s]
            if p is not None:
                self.children[p].append(s)

    def is_leaf(self, s: str) -> bool:
        return not self.children[s]

    def ancestors(self, s: str) -> list[str]:
        """``s`` and every segment above it."""
        out = []
        x: str | None = s
        while x is not None:
            out.append(x)
            x = self.parent[x]
        return out

    def subtree(self, s: str) -> set[str]:
        """``s`` and every segment below it."""
        out, stack = set(), [s]
        while stack:
            x = stack.pop()
            out.add(x)
            stack.extend(self.children[x])
        return out

    def chain_order(self) -> dict[str, int]:
        """Chain → its position in file order."""
        return {c: i for i, c in enumerate(self.chains)}

    def by_name(self) -> dict[str, list[str]]:
        """Segment name → ids with that name (for references by name, SPEC §1.1)."""
        out: dict[str, list[str]] = {}
        for s in self.ids:
            name = self.names.get(s) or ""
            if name:
                out.setdefault(name, []).append(s)
        return out

    # --- literal maps and small DataFrames for Spark ---------------------------------------
    def chain_map(self) -> Column:
        """segment → chain, as a literal map (a few hundred entries)."""
        return F.create_map(*[F.lit(x) for s in self.ids for x in (s, self.chain[s])])

    def chains_of(self, segs: Column) -> Column:
        """The distinct chains of a firm's segments (SPEC §3.1 `chain`, §3.3 candidates)."""
        m = self.chain_map()
        return F.array_distinct(F.filter(F.transform(segs, lambda s: F.element_at(m, s)), lambda c: c.isNotNull()))

    def chain_ord(self, chain: Column) -> Column:
        """The chain's position in file order."""
        m = F.create_map(*[F.lit(x) for i, c in enumerate(self.chains) for x in (c, i)])
        return F.element_at(m, chain)

    def segment_frame(self, spark: SparkSession) -> DataFrame:
        """(segment, chain, chain_ord, is_leaf, seg_ord) for every segment."""
        order = self.chain_order()
        rows = [(s, self.chain[s], order[self.chain[s]], self.is_leaf(s), i) for i, s in enumerate(self.ids)]
        return spark.createDataFrame(rows, "segment string, chain string, chain_ord int, is_leaf boolean, seg_ord int")

    def ancestor_frame(self, spark: SparkSession) -> DataFrame:
        """(segment, ancestor) for every segment and each of its ancestors, itself included:
        a firm holding ``segment`` holds ``ancestor`` "or a descendant" (SPEC §3.2)."""
        rows = [(s, a) for s in self.ids for a in self.ancestors(s)]
        return spark.createDataFrame(rows, "segment string, ancestor string")

    def inputs_frame(self, spark: SparkSession) -> DataFrame:
        """(segment, input) for every input of every segment (SPEC §3: inputs(S))."""
        rows = [(s, i) for s in self.ids for i in self.inputs[s]]
        return spark.createDataFrame(rows, "segment string, input string")

    def reference_frame(self, spark: SparkSession) -> DataFrame:
        """(key, segment, by_name, ambiguous): how a firm's or link's segment cell resolves —
        an id to itself, a segment name to its one id (a note), a shared name to nothing (an
        error)."""
        ids = set(self.ids)
        rows = [(s, s, False, False) for s in self.ids]
        for name, owners in self.by_name().items():
            if name in ids:
                continue
            rows.append((name, owners[0] if len(owners) == 1 else None, True, len(owners) > 1))
        return spark.createDataFrame(rows, "key string, segment string, by_name boolean, ambiguous boolean")


def _parse_rows(storage: Storage, source: TableSource, explicit: dict[str, str], encoding: str,
                reporter: Reporter):
    """Rows of a CSV segment table on the driver: (display, line, {field: cell or None})."""
    fields = TABLE_FIELDS["segments"]
    located = None
    rows = []
    for n, f in enumerate(source.files):
        data = storage.read_all(f.path, SMALL_TABLE_LIMIT + 1)
        if len(data) > SMALL_TABLE_LIMIT:
            raise DataError(f"{source.display}: larger than {SMALL_TABLE_LIMIT >> 20} MB; a chain tree has "
                            f"tens to thousands of segments")
        text, charset = _decode_head(data, False, encoding)
        if text.startswith("\ufeff"):
            text = text[1:]
        if located is None:
            located = _locate_in_text(source, text, False, charset, explicit, reporter)
        display = source.display if len(source.files) == 1 else f"{source.display}{f.name}"
        reader = csv.reader(io.StringIO(text), delimiter=located.sep)
        width = len(located.header)
        skip = located.header_line if n == 0 else 0
        previous_line = 0
        for k, cells in enumerate(reader):
            line = previous_line + 1
            previous_line = reader.line_num
            if k < skip:
                continue
            trimmed = [_trim(c) for c in cells]
            if not any(trimmed):
                continue
            if n > 0 and k == 0 and trimmed == [_trim(c) for c in located.header]:
                continue
            if len(cells) != width:
                column = len(cells) + 1 if len(cells) < width else width + 1
                raise DataError(f"{display}:{line}:{column}: expected {width} fields as in the header, "
                                f"found {len(cells)}")
            first = next(c for c in trimmed if c)
            word = fold_width(first).replace(" ", "").replace("\t", "").lower()
            id_cell = trimmed[located.match.columns["id"]]
            if word in TOTAL_WORDS and (not id_cell or id_cell == first):
                reporter.problem("note", "total_row", f"{display}:{line}: skipped a total row")
                continue
            row = {fld.name: (trimmed[located.match.columns[fld.name]] or None)
                   if located.match.columns[fld.name] >= 0 else None for fld in fields}
            rows.append((display, line, row, located))
    return rows


def _parquet_rows(spark: SparkSession, source: TableSource, explicit: dict[str, str], reporter: Reporter):
    from pyspark.sql import functions as F
    from .tables import read_table
    rows = []
    for f in source.files:
        one = TableSource(source.table, "parquet", [f], f"{source.display}{f.name}" if len(source.files) > 1
                          else source.display, source.root)
        df, located = read_table(spark, None, one, explicit, "auto", reporter)
        ordered = df.select("*", F.monotonically_increasing_id().alias("_order")).orderBy("_order")
        for k, r in enumerate(ordered.collect()):
            if r["_kind"] != "data":
                continue
            rows.append((one.display, k + 1, {fld.name: r[fld.name] for fld in TABLE_FIELDS["segments"]}, located))
    return rows


def read_segments(spark: SparkSession, storage: Storage, source: TableSource, explicit: dict[str, str],
                  encoding: str, reporter: Reporter) -> SegmentTree:
    """Reads and validates the chain tree (``SegmentTree.validated`` of the CLI)."""
    if source.format == "parquet":
        rows = _parquet_rows(spark, source, explicit, reporter)
    else:
        rows = _parse_rows(storage, source, explicit, encoding, reporter)
    tree = SegmentTree()
    where: dict[str, tuple[str, int, dict]] = {}

    def loc(display, line, located, fieldname):
        column = located.match.columns.get(fieldname, -1) + 1 if located is not None and located.match else 0
        return f"{display}:{line}:{column}" if line else display

    definitions = []
    for display, line, row, located in rows:
        sid = row["id"]
        if not sid:
            raise DataError(f"{loc(display, line, located, 'id')}: empty segment id")
        if not row["chain"]:
            raise DataError(f"{loc(display, line, located, 'chain')}: empty chain (every segment must belong to a chain)")
        stage = row.get("stage")
        if stage and stage.lower() not in STAGES:
            raise DataError(f"{loc(display, line, located, 'stage')}: stage must be upstream, midstream or downstream "
                            f"(上游/中游/下游), got \"{stage}\"")
        inputs = [_trim(x) for x in (row.get("inputs") or "").replace("；", ";").split(";") if _trim(x)]
        definitions.append((display, line, located, sid, row.get("name") or "", row["chain"], row.get("parent"), inputs))

    ids = {d[3] for d in definitions}
    by_name: dict[str, list[str]] = {}
    for d in definitions:
        if d[4]:
            by_name.setdefault(d[4], []).append(d[3])

    def resolve(text, display, line, located, fieldname):
        if text in ids:
            return text
        owners = by_name.get(text)
        if owners is None:
            return text
        if len(owners) == 1:
            reporter.problem("note", "name_for_id", f"{loc(display, line, located, fieldname)}: segment \"{text}\" "
                                                    f"resolved by name to {owners[0]}")
            return owners[0]
        raise DataError(f"{loc(display, line, located, fieldname)}: \"{text}\" is the name of {len(owners)} segments: "
                        f"{', '.join(owners)}; use the id")

    for display, line, located, sid, name, chain, parent, inputs in definitions:
        if sid in where:
            raise DataError(f"{loc(display, line, located, 'id')}: duplicate segment id \"{sid}\" "
                            f"(first defined on line {where[sid][1]})")
        where[sid] = (display, line, located)
        tree.ids.append(sid)
        tree.names[sid] = name
        tree.chain[sid] = chain
        if chain not in tree.chains:
            tree.chains.append(chain)
        tree.parent[sid] = resolve(parent, display, line, located, "parent") if parent else None
        resolved = []
        for x in inputs:
            r = resolve(x, display, line, located, "inputs")
            if r not in resolved:
                resolved.append(r)
        tree.inputs[sid] = resolved
    for sid in tree.ids:
        display, line, located = where[sid]
        p = tree.parent[sid]
        if p is not None:
            if p not in where:
                raise DataError(f"{loc(display, line, located, 'parent')}: unknown parent segment \"{p}\"")
            if tree.chain[p] != tree.chain[sid]:
                raise DataError(f"{loc(display, line, located, 'parent')}: parent segment \"{p}\" belongs to chain "
                                f"\"{tree.chain[p]}\", not \"{tree.chain[sid]}\"")
        for x in tree.inputs[sid]:
            if x not in where:
                raise DataError(f"{loc(display, line, located, 'inputs')}: unknown input segment \"{x}\"")
    # Parent cycles: walk up from every segment; report the cycle at its first row.
    state = {s: 0 for s in tree.ids}
    position = {s: i for i, s in enumerate(tree.ids)}
    for start in tree.ids:
        if state[start]:
            continue
        path = []
        s = start
        while s is not None and state[s] == 0:
            state[s] = 1
            path.append(s)
            s = tree.parent[s]
        if s is not None and state[s] == 1:
            cycle = path[path.index(s):]
            first = min(cycle, key=lambda x: position[x])
            display, line, located = where[first]
            names = " → ".join(cycle + [s])
            raise DataError(f"{loc(display, line, located, 'parent')}: parent cycle: {names}")
        for x in path:
            state[x] = 2
    tree.finish()
    return tree
