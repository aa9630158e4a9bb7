"""A dataset (SPEC §1) loaded into Spark: the firm table and the merged link table.

Loading follows the CLI's rules (``AnalystTableLoader.swift``, ``SupplyGraphBuilder.swift``):

* firms: ids trimmed; a row identical to an earlier one dropped (warning), a second row for
  the same id with other content an error; regions normalised to canonical paths with the
  division table (``divisions.py``), or taken from a credit-code id when empty; segment lists
  resolved by id or unique segment name; revenues parsed as amounts.
* links: supplier and buyer resolved to firm ids (or a firm's unique name, with a note;
  ``--add-unknown-firms`` adds firms that only links name); the value parsed as an amount
  (empty = 1, with a warning); an empty link segment defaults to the supplier's primary
  segment; self-loops dropped and counted; parallel links with the same (supplier, buyer,
  segment) merged by summing their values.
* money: when a header or cell names a unit, every amount is converted to the dataset unit
  (``--unit``, default 万元).

Everything happens inside Spark: the link rows are joined with the firm keys on the supplier
(for the default segment and the supplier's region), repartitioned by buyer and merged, so
the merged table comes out partitioned by buyer for the per-buyer aggregations. The checks
ride along as ``Observation`` metrics of the same job: one pass over the link rows both
builds the merged table and counts every problem. Only distinct region strings (places, not
firms) and the small segment table come to the driver.

Regions are stored as small integers (``region``), indices into ``Dataset.regions`` (the
canonical paths), so the link table carries 4 bytes per link for the supplier's region.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyspark.sql import Column, DataFrame, Observation, SparkSession
from pyspark.sql import functions as F

from . import divisions
from .amounts import convert, parse_amount, unit_of
from .errors import DataError, InputMissing, UsageError
from .report import Reporter
from .segments import SegmentTree, read_segments
from .session import size_partitions
from .storage import Storage
from .tables import TABLE_FIELDS, locate_source, read_table

__all__ = ["LoadOptions", "Dataset", "load_dataset"]

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
CREDIT_FORM = r"^[0-9A-HJ-NP-RTUW-Y]{2}[0-9]{6}[0-9A-HJ-NP-RTUW-Y]{10}$"
REGION_DRIVER_LIMIT = 2_000_000  # distinct region strings normalised on the driver


@dataclass
class LoadOptions:
    """The dataset options shared by every command (as the CLI's ``DatasetOptions``)."""
    dataset: str
    encoding: str = "auto"
    unit: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    add_unknown_firms: bool = False


@dataclass
class Dataset:
    """The loaded dataset.

    ``firms``: id, region (int index into ``regions``, null = unknown), segs (array of segment
    ids, primary first), prim, revenue (double, null = unknown). ``links``: supplier, buyer,
    segment (null = unknown), value, s_region (the supplier's region index) — merged, one row per
    (supplier, buyer, segment), partitioned by buyer. ``tree`` is the chain tree or None.
    """
    firms: DataFrame
    links: DataFrame
    tree: SegmentTree | None
    regions: list[tuple[str, ...]]
    unit: str | None

    def require_tree(self, analysis: str) -> SegmentTree:
        """The chain tree, or the CLI's exit-66 error naming the analysis that needs it."""
        if self.tree is None:
            raise InputMissing(f"segments.csv: {analysis} needs the chain tree (产业链树状图): add segments.csv "
                               f"to the dataset")
        return self.tree

    def region_frame(self, spark: SparkSession) -> DataFrame:
        """(region, path, depth) for every region index (small, broadcast in joins)."""
        rows = [(i, "/".join(p), len(p)) for i, p in enumerate(self.regions)]
        return spark.createDataFrame(rows, "region int, path string, depth int")


def _split_list(c: Column) -> Column:
    """A ``;``-separated list (also ``；``): trimmed items, empty ones dropped."""
    items = F.split(F.regexp_replace(c, "；", ";"), ";")
    return F.filter(F.transform(items, lambda x: F.btrim(x, F.lit(" \t\u3000"))), lambda x: x != "")


def _metric(o: Observation, name: str):
    return o.get.get(name)


def _resolve_segments(tree: SegmentTree | None) -> tuple[Column, Column, Column, Column]:
    """Literal maps for segment references: (id map, names-as-keys, ambiguous names,
    whether a tree exists) — a few hundred entries, so no join is needed."""
    if tree is None:
        return None, None, None, None
    ids = set(tree.ids)
    mapping = {s: s for s in tree.ids}
    by_name, ambiguous = [], []
    for name, owners in tree.by_name().items():
        if name in ids:
            continue
        if len(owners) == 1:
            mapping[name] = owners[0]
            by_name.append(name)
        else:
            ambiguous.append(name)
    kv = [F.lit(x) for k, v in mapping.items() for x in (k, v)]
    return (F.create_map(*kv), F.array(*[F.lit(n) for n in by_name]) if by_name else F.array().cast("array<string>"),
            F.array(*[F.lit(n) for n in ambiguous]) if ambiguous else F.array().cast("array<string>"), True)


def _credit_check(idc: Column) -> Column:
    """The GB 32100-2015 check character the first 17 characters of a credit code call for."""
    total = None
    for i, w in enumerate(CREDIT_WEIGHTS):
        term = (F.instr(F.lit(CREDIT_ALPHABET), idc.substr(i + 1, 1)) - 1) * w
        total = term if total is None else total + term
    value = (F.lit(31) - total % 31) % 31
    return F.lit(CREDIT_ALPHABET).substr(value + 1, F.lit(1))


class _Loader:
    """One load: the options, the reporter and what the tables turned out to hold."""

    def __init__(self, spark: SparkSession, options: LoadOptions, reporter: Reporter):
        self.spark = spark
        self.options = options
        self.reporter = reporter
        self.storage = Storage(spark)
        self.target_unit = options.unit or "万元"

    # --- the folder -------------------------------------------------------------------
    def sources(self):
        d = self.options.dataset
        if not self.storage.exists(d):
            raise InputMissing(f"{d}: No such file or directory")
        if not self.storage.is_dir(d):
            lower = d.lower()
            if lower.endswith((".xlsx", ".xls")):
                raise InputMissing(f"{d}: the Spark package reads dataset folders of CSV or Parquet tables, not "
                                   f"workbooks; save the sheets as links.csv, firms.csv and segments.csv")
            raise InputMissing(f"{d}: not a dataset folder (the Spark package reads folders with links.csv or a "
                               f"links/ folder of part files, not snapshots)")
        links = locate_source(self.storage, d, "links", required=True)
        firms = locate_source(self.storage, d, "firms", required=False)
        segments = locate_source(self.storage, d, "segments", required=False)
        return links, firms, segments

    # --- money ----------------------------------------------------------------------------
    def money(self, num: Column, cell_unit: Column, header_unit: str | None) -> Column:
        """An amount in the dataset unit: a cell's own unit, else its header's, converted to
        the target unit; a bare number under a header without unit is used as given."""
        out = num
        for u in ("元", "千元", "万元", "百万元", "亿元"):
            out = F.when(cell_unit == u, convert(num, u, self.target_unit)).otherwise(out)
        if header_unit is not None:
            out = F.when(cell_unit.isNull(), convert(num, header_unit, self.target_unit)).otherwise(out)
        return out

    def header_unit(self, located, fieldname: str, display: str) -> str | None:
        text = located.match.units.get(fieldname)
        if text is None or text == "":
            return None
        unit = unit_of(text)
        if unit is None:
            self.reporter.problem("warning", "unknown_unit", f"{display}: the {fieldname} header names \"{text}\", "
                                                             f"which is not a money unit (元, 千元, 万元, 百万元, 亿元); "
                                                             f"numbers used as given")
        return unit

    # --- firms ----------------------------------------------------------------------------
    def firms(self, source, tree: SegmentTree | None):
        """The firm rows, parsed and checked; returns (DataFrame, observation, header unit,
        display) — the DataFrame is not yet materialised."""
        df, located = read_table(self.spark, self.storage, source, self.options.columns, self.options.encoding,
                                 self.reporter)
        display = source.display
        revenue_unit = self.header_unit(located, "revenue", display)
        df = parse_amount(df, "revenue", "rev")
        seg_map, by_name, ambiguous, has_tree = _resolve_segments(tree)
        items = _split_list(F.coalesce(F.col("segment"), F.lit("")))
        df = df.withColumn("seg_items", items)
        if has_tree:
            resolved = F.transform(F.col("seg_items"), lambda x: F.element_at(seg_map, x))
            unknown = F.filter(F.col("seg_items"), lambda x: ~F.map_contains_key(seg_map, x) & ~F.array_contains(ambiguous, x))
            ambiguous_items = F.filter(F.col("seg_items"), lambda x: F.array_contains(ambiguous, x))
            named = F.size(F.filter(F.col("seg_items"), lambda x: F.array_contains(by_name, x)))
            df = df.select("*", F.array_distinct(F.filter(resolved, lambda x: x.isNotNull())).alias("segs"),
                           unknown.alias("seg_unknown"), ambiguous_items.alias("seg_ambiguous"), named.alias("seg_named"))
        else:
            df = df.select("*", F.array_distinct(F.col("seg_items")).alias("segs"),
                           F.array().cast("array<string>").alias("seg_unknown"),
                           F.array().cast("array<string>").alias("seg_ambiguous"), F.lit(0).alias("seg_named"))
        # Regions: the region cell, else a valid credit code's registration division.
        idc = F.col("id")
        credit = idc.rlike(CREDIT_FORM)
        check_ok = credit & (idc.substr(18, 1) == _credit_check(idc))
        df = df.select("*", credit.alias("credit"), check_ok.alias("credit_ok"))
        region_key = (F.when(F.col("region").isNotNull(), F.col("region"))
                      .when(F.col("credit_ok"), F.concat(F.lit("\u0001"), idc.substr(3, 6))))
        df = df.withColumn("region_key", region_key)
        lat_ok = self.coordinates_ok()
        data = F.col("_kind") == "data"
        obs = Observation("firms")
        df = df.observe(
            obs,
            F.count(F.when(F.col("_kind") == "bad_width", 1)).alias("bad_width"),
            F.min(F.col("_raw")).alias("bad_width_example"),
            F.count(F.when(F.col("_kind") == "total", 1)).alias("totals"),
            F.count(F.when(data & F.col("id").isNull(), 1)).alias("empty_ids"),
            F.count(F.when(data & F.col("rev_kind").isin("negative", "accounting"), 1)).alias("negative"),
            F.min(F.when(data & F.col("rev_kind").isin("negative", "accounting"), F.col("revenue"))).alias("negative_example"),
            F.count(F.when(data & (F.col("rev_kind") == "invalid"), 1)).alias("invalid"),
            F.min(F.when(data & (F.col("rev_kind") == "invalid"), F.col("revenue"))).alias("invalid_example"),
            F.count(F.when(data & (F.col("rev_kind") == "unknown"), 1)).alias("unknown"),
            F.min(F.when(data & (F.col("rev_kind") == "unknown"), F.col("revenue"))).alias("unknown_example"),
            F.count(F.when(data & F.col("rev_unit").isNotNull(), 1)).alias("cell_units"),
            F.sum(F.when(data, F.size("seg_unknown")).otherwise(0)).alias("seg_unknown"),
            F.min(F.when(data & (F.size("seg_unknown") > 0), F.get(F.col("seg_unknown"), 0))).alias("seg_unknown_example"),
            F.sum(F.when(data, F.size("seg_ambiguous")).otherwise(0)).alias("seg_ambiguous"),
            F.min(F.when(data & (F.size("seg_ambiguous") > 0), F.get(F.col("seg_ambiguous"), 0))).alias("seg_ambiguous_example"),
            F.sum(F.when(data, F.col("seg_named")).otherwise(0)).alias("seg_named"),
            F.count(F.when(data & F.col("credit") & ~F.col("credit_ok"), 1)).alias("bad_credit"),
            F.min(F.when(data & F.col("credit") & ~F.col("credit_ok"), F.col("id"))).alias("bad_credit_example"),
            F.count(F.when(data & F.col("region").isNull() & F.col("credit_ok"), 1)).alias("credit_regions"),
            F.count(F.when(data & ~lat_ok, 1)).alias("bad_location"),
            F.min(F.when(data & ~lat_ok, F.col("id"))).alias("bad_location_example"),
        )
        revenue = F.when(F.col("rev_kind") == "value", self.money(F.col("rev_num"), F.col("rev_unit"), revenue_unit))
        content = F.struct(*[F.col(f.name) for f in TABLE_FIELDS["firms"]])
        rows = df.where(data & F.col("id").isNotNull()).select(
            "id", "name", "region_key", "segs", revenue.alias("revenue"), content.alias("content"))
        return rows, obs, revenue_unit, display

    def coordinates_ok(self) -> Column:
        """lat/lon both empty, or both numbers within range (SPEC §3.9 rows are checked
        as the CLI checks them, although the Spark commands do not use locations)."""
        lat, lon = F.col("lat"), F.col("lon")
        la = F.regexp_replace(lat, r"[ \t]", "").try_cast("double")
        lo = F.regexp_replace(lon, r"[ \t]", "").try_cast("double")
        both_empty = lat.isNull() & lon.isNull()
        valid = la.isNotNull() & lo.isNotNull() & (F.abs(la) <= 90) & (F.abs(lo) <= 180)
        return both_empty | valid

    def check_firms(self, obs: Observation, display: str) -> None:
        m = obs.get
        _raise_first_error(m, display, [
            ("bad_width", _bad_width),
            ("empty_ids", lambda m: f"{m['empty_ids']} row(s) with an empty firm id"),
            ("negative", lambda m: _negative(m, "revenue", "cell(s)")),
            ("invalid", lambda m: _invalid(m, "revenue")),
            ("seg_unknown", lambda m: _segment_unknown(m, "cell item(s)")),
            ("seg_ambiguous", _segment_ambiguous),
            ("bad_location", lambda m: f"firm {m['bad_location_example']}: lat and lon must both be given, as degrees "
                                       f"within [-90, 90] and [-180, 180], or both be empty ({m['bad_location']} row(s))"),
        ])
        if m["totals"]:
            self.reporter.problem("note", "total_row", f"{display}: skipped {m['totals']} total row(s)")
        if m["unknown"]:
            self.reporter.problem("warning", "unknown_value", f"{display}: {m['unknown']} revenue cell(s) are unknown "
                                                              f"(e.g. {m['unknown_example']}); read as empty")
        if m["seg_named"]:
            self.reporter.problem("note", "name_for_id", f"{display}: {m['seg_named']} segment cell item(s) named a "
                                                         f"segment by its unique name and were resolved to its id")
        if m["bad_credit"]:
            self.reporter.problem("warning", "credit_code_check",
                                  f"{display}: {m['bad_credit']} id(s) have the form of a unified social credit code "
                                  f"but a wrong check character (e.g. {m['bad_credit_example']})")

    # --- regions ----------------------------------------------------------------------------
    def regions(self, firm_rows: DataFrame, display: str):
        """Normalises the distinct region strings on the driver; returns (mapping DataFrame
        region_key → region index, the canonical paths)."""
        keys = firm_rows.select("region_key").where(F.col("region_key").isNotNull()).distinct()
        count = keys.count()
        if count > REGION_DRIVER_LIMIT:
            raise DataError(f"{display}: {count} distinct region cells; the Spark package normalises distinct "
                            f"regions on the driver (at most {REGION_DRIVER_LIMIT}); a region column holding full "
                            f"addresses should be reduced to province/city/district first")
        paths: list[tuple[str, ...]] = []
        index: dict[tuple[str, ...], int] = {}
        mapping = []
        unknown_examples = []
        unknown = 0
        credit_unrecognized = 0
        for (key,) in keys.collect():
            from_code = key.startswith("\u0001")
            text = key[1:] if from_code else key
            n = divisions.normalize(text)
            if from_code and not n.recognized:
                credit_unrecognized += 1
                continue
            if not n.recognized and n.components:
                unknown += 1
                if len(unknown_examples) < 3:
                    unknown_examples.append(f"\"{text}\" kept as {n.path}")
            comps = tuple(n.components)
            if not comps:
                continue
            if comps not in index:
                index[comps] = len(paths)
                paths.append(comps)
            mapping.append((key, index[comps]))
        if unknown:
            self.reporter.problem("warning", "unknown_region",
                                  f"{display}: {unknown} region(s) are not in the division table and were kept as "
                                  f"written ({'; '.join(unknown_examples)})")
        frame = self.spark.createDataFrame(mapping, "region_key string, region int")
        return frame, paths

    # --- links ------------------------------------------------------------------------------
    def link_rows(self, source, tree: SegmentTree | None):
        df, located = read_table(self.spark, self.storage, source, self.options.columns, self.options.encoding,
                                 self.reporter)
        display = source.display
        has_value = located.match.columns["value"] >= 0
        if not has_value:
            self.reporter.problem("warning", "no_value_column", f"{display}: no value column (金额): every link counts 1")
        value_unit = self.header_unit(located, "value", display)
        df = parse_amount(df, "value", "val")
        seg_map, by_name, ambiguous, has_tree = _resolve_segments(tree)
        seg = F.col("segment")
        if has_tree:
            resolved = F.element_at(seg_map, seg)
            seg_unknown = seg.isNotNull() & resolved.isNull() & ~F.array_contains(ambiguous, seg)
            seg_ambiguous = seg.isNotNull() & F.array_contains(ambiguous, seg)
            seg_named = seg.isNotNull() & F.array_contains(by_name, seg)
        else:
            resolved, seg_unknown, seg_ambiguous, seg_named = seg, F.lit(False), F.lit(False), F.lit(False)
        df = df.select("*", resolved.alias("seg_id"), seg_unknown.alias("seg_unknown"),
                       seg_ambiguous.alias("seg_ambiguous"), seg_named.alias("seg_named"))
        data = F.col("_kind") == "data"
        kind = F.col("val_kind")
        obs = Observation("links")
        df = df.observe(
            obs,
            F.count(F.when(data, 1)).alias("rows"),
            F.count(F.when(F.col("_kind") == "bad_width", 1)).alias("bad_width"),
            F.min(F.col("_raw")).alias("bad_width_example"),
            F.count(F.when(F.col("_kind") == "total", 1)).alias("totals"),
            F.count(F.when(data & F.col("supplier").isNull(), 1)).alias("empty_supplier"),
            F.count(F.when(data & F.col("buyer").isNull(), 1)).alias("empty_buyer"),
            F.count(F.when(data & kind.isin("negative", "accounting"), 1)).alias("negative"),
            F.min(F.when(data & kind.isin("negative", "accounting"), F.col("value"))).alias("negative_example"),
            F.count(F.when(data & (kind == "invalid"), 1)).alias("invalid"),
            F.min(F.when(data & (kind == "invalid"), F.col("value"))).alias("invalid_example"),
            F.count(F.when(data & (kind == "unknown"), 1)).alias("unknown"),
            F.min(F.when(data & (kind == "unknown"), F.col("value"))).alias("unknown_example"),
            F.count(F.when(data & (kind == "empty"), 1)).alias("empty_values"),
            F.count(F.when(data & F.col("val_unit").isNotNull(), 1)).alias("cell_units"),
            F.count(F.when(data & F.col("seg_unknown"), 1)).alias("seg_unknown"),
            F.min(F.when(data & F.col("seg_unknown"), seg)).alias("seg_unknown_example"),
            F.count(F.when(data & F.col("seg_ambiguous"), 1)).alias("seg_ambiguous"),
            F.min(F.when(data & F.col("seg_ambiguous"), seg)).alias("seg_ambiguous_example"),
            F.count(F.when(data & F.col("seg_named"), 1)).alias("seg_named"),
        )
        value = (F.when(kind == "empty", F.lit(1.0))
                 .otherwise(self.money(F.col("val_num"), F.col("val_unit"), value_unit)) if has_value else F.lit(1.0))
        rows = df.where(data & F.col("supplier").isNotNull() & F.col("buyer").isNotNull()
                        & ((kind == "value") | (kind == "empty")) & ~F.col("seg_unknown") & ~F.col("seg_ambiguous"))
        rows = rows.select("supplier", "buyer", value.alias("value"), F.col("seg_id").alias("segment"))
        return rows, obs, value_unit, display

    def check_links(self, m: dict, display: str) -> None:
        _raise_first_error(m, display, [
            ("bad_width", _bad_width),
            ("empty_supplier", lambda m: f"{m['empty_supplier']} row(s) with an empty supplier id"),
            ("empty_buyer", lambda m: f"{m['empty_buyer']} row(s) with an empty buyer id"),
            ("unknown", lambda m: f"unknown value ({m['unknown_example']}): the true amount is unknown; fill it in or "
                                  f"remove the row ({m['unknown']} cell(s))"),
            ("negative", lambda m: _negative(m, "value", "cell(s)")),
            ("invalid", lambda m: _invalid(m, "value")),
            ("seg_unknown", lambda m: _segment_unknown(m, "row(s)")),
            ("seg_ambiguous", _segment_ambiguous),
        ])
        if m["totals"]:
            self.reporter.problem("note", "total_row", f"{display}: skipped {m['totals']} total row(s)")
        if m["empty_values"]:
            self.reporter.problem("warning", "empty_value", f"{display}: {m['empty_values']} empty value cell(s) counted as 1")
        if m["seg_named"]:
            self.reporter.problem("note", "name_for_id", f"{display}: {m['seg_named']} segment cell(s) named a segment "
                                                         f"by its unique name and were resolved to its id")


def _firm_keys(firms: DataFrame, with_names: bool) -> DataFrame:
    """How a supplier/buyer cell resolves (SPEC §1.1 "Names for ids"): key → firm id with
    ``how`` = ``id`` or ``name`` (a firm's unique name that is no id), or ``ambiguous``
    (several firms share the name; id null)."""
    ids = firms.select(F.col("id").alias("key"), F.col("id").alias("fid"), F.lit("id").alias("how"),
                       "prim", "region")
    if not with_names:
        return ids
    names = (firms.where(F.col("name").isNotNull())
             .groupBy(F.col("name").alias("key"))
             .agg(F.count(F.lit(1)).alias("n"), F.min("id").alias("fid"), F.first("prim").alias("prim"),
                  F.first("region").alias("region"))
             .join(firms.select(F.col("id").alias("key")), "key", "left_anti"))
    names = names.select("key", F.when(F.col("n") == 1, F.col("fid")).alias("fid"),
                         F.when(F.col("n") == 1, F.lit("name")).otherwise(F.lit("ambiguous")).alias("how"),
                         F.when(F.col("n") == 1, F.col("prim")).alias("prim"),
                         F.when(F.col("n") == 1, F.col("region")).alias("region"))
    return ids.unionByName(names)


# Datasets loaded in this process, by session, options and file fingerprint: a notebook or a
# test that runs several commands on one dataset loads it once (its tables stay materialised).
_LOADED: dict[tuple, tuple[Dataset, list]] = {}
_LOADED_LIMIT = 4


def load_dataset(spark: SparkSession, options: LoadOptions, reporter: Reporter, freeze=None) -> Dataset:
    """Loads and checks a dataset; prints the load report (one line) unless quiet.

    ``freeze`` materialises a DataFrame and cuts its lineage (``Runtime.checkpoint``; by
    default a local checkpoint): the firm and link tables are frozen once loaded, so every
    analysis plans against two small leaves instead of the whole parsing pipeline.

    Raises ``InputMissing`` (66) for a missing folder or table, ``DataError`` (65) for what the
    CLI rejects as bad data. A dataset already loaded in this process with the same options
    and unchanged files is reused (its load report is printed again).
    """
    loader = _Loader(spark, options, reporter)
    sources = loader.sources()
    fingerprint = tuple((f.path, f.size, f.modified) for src in sources if src is not None for f in src.files)
    key = (id(spark), loader.storage.qualified(options.dataset), options.encoding, options.unit,
           tuple(sorted(options.columns.items())), options.add_unknown_firms, fingerprint)
    if key in _LOADED:
        dataset, problems = _LOADED[key]
        reporter.problems = list(problems)
        reporter.flush_load_report()
        return dataset
    freeze = freeze or (lambda df: df.localCheckpoint(eager=True))
    dataset = _load(spark, loader, options, reporter, sources, freeze)
    if len(_LOADED) >= _LOADED_LIMIT:
        _LOADED.pop(next(iter(_LOADED)))
    _LOADED[key] = (dataset, list(reporter.problems))
    reporter.flush_load_report()
    return dataset


def _load(spark: SparkSession, loader: "_Loader", options: LoadOptions, reporter: Reporter, sources, freeze) -> Dataset:
    links_source, firms_source, segments_source = sources
    size_partitions(spark, sum(f.size for src in (links_source, firms_source) if src is not None for f in src.files))
    tree = None
    if segments_source is not None:
        with reporter.phase("read segments"):
            tree = read_segments(spark, loader.storage, segments_source, options.columns, options.encoding, reporter)

    firm_units = 0
    revenue_unit = None
    has_names = False
    if firms_source is not None:
        rows, fobs, revenue_unit, fdisplay = loader.firms(firms_source, tree)
        # One row per id: identical duplicates dropped (warning), differing ones an error.
        with reporter.phase("read firms"):
            grouped = freeze(rows.groupBy("id").agg(
                F.count(F.lit(1)).alias("copies"), F.count_distinct(F.col("content")).alias("versions"),
                F.first("name").alias("name"), F.first("region_key").alias("region_key"),
                F.first("segs").alias("segs"), F.first("revenue").alias("revenue")))
            dup = grouped.agg(F.count(F.when(F.col("versions") > 1, 1)).alias("conflicts"),
                              F.min(F.when(F.col("versions") > 1, F.col("id"))).alias("conflict_example"),
                              F.sum(F.col("copies") - 1).alias("dropped"),
                              F.count(F.when(F.col("name").isNotNull(), 1)).alias("named")).first()
        loader.check_firms(fobs, fdisplay)
        firm_units = fobs.get["cell_units"]
        if dup["conflicts"]:
            raise DataError(f"{fdisplay}: duplicate firm id \"{dup['conflict_example']}\" with different content "
                            f"({dup['conflicts']} id(s))")
        if dup["dropped"]:
            reporter.problem("warning", "duplicate_row", f"{fdisplay}: dropped {dup['dropped']} firm row(s) identical "
                                                         f"to an earlier one")
        has_names = bool(dup["named"])
        credit_regions = fobs.get["credit_regions"]
        with reporter.phase("normalise regions"):
            mapping, paths = loader.regions(grouped, fdisplay)
        if credit_regions:
            reporter.problem("note", "region_from_credit_code",
                             f"{fdisplay}: {credit_regions} firm(s) without a region took it from their credit "
                             f"code's registration division")
        firms = (grouped.join(F.broadcast(mapping), "region_key", "left")
                 .select("id", "name", "region", "segs", F.get(F.col("segs"), 0).alias("prim"), "revenue"))
    else:
        paths = []
        firms = None

    link_rows, lobs, value_unit, ldisplay = loader.link_rows(links_source, tree)
    if firms is not None:
        with reporter.phase("firm table"):
            firms = freeze(firms)
        keys = _firm_keys(firms, has_names)
        s_keys = keys.select(F.col("key").alias("supplier"), F.col("fid").alias("s_id"), F.col("how").alias("s_how"),
                             F.col("prim").alias("s_prim"), F.col("region").alias("s_region"))
        joined = link_rows.join(s_keys, "supplier", "left")
    else:
        joined = link_rows.select("*", F.col("supplier").alias("s_id"), F.lit("id").alias("s_how"),
                                  F.lit(None).cast("string").alias("s_prim"), F.lit(None).cast("int").alias("s_region"))
    add = options.add_unknown_firms
    s_known = F.col("s_how").isin("id", "name")
    s_id = F.when(s_known, F.col("s_id")).when(F.col("s_how").isNull() & F.lit(add), F.col("supplier"))
    sobs = Observation("suppliers")
    joined = joined.observe(
        sobs,
        F.count(F.when(F.col("s_how").isNull(), 1)).alias("unknown_suppliers"),
        F.min(F.when(F.col("s_how").isNull(), F.col("supplier"))).alias("unknown_supplier_example"),
        F.count(F.when(F.col("s_how") == "ambiguous", 1)).alias("ambiguous_suppliers"),
        F.min(F.when(F.col("s_how") == "ambiguous", F.col("supplier"))).alias("ambiguous_supplier_example"),
        F.count(F.when(F.col("s_how") == "name", 1)).alias("supplier_names"))
    joined = joined.select("buyer", s_id.alias("s_id"), "value", "s_region",
                           F.coalesce(F.col("segment"), F.col("s_prim")).alias("segment"))
    merged = (joined.where(F.col("s_id").isNotNull()).repartition("buyer")
              .groupBy("buyer", "s_id", "segment")
              .agg(F.sum("value").alias("value"), F.count(F.lit(1)).alias("rows"), F.first("s_region").alias("s_region")))
    if firms is not None:
        b_keys = keys.select(F.col("key").alias("buyer"), F.col("fid").alias("b_id"), F.col("how").alias("b_how"))
        merged = merged.join(b_keys, "buyer", "left")
    else:
        merged = merged.select("*", F.col("buyer").alias("b_id"), F.lit("id").alias("b_how"))
    b_known = F.col("b_how").isin("id", "name")
    b_id = F.when(b_known, F.col("b_id")).when(F.col("b_how").isNull() & F.lit(add), F.col("buyer"))
    merged = merged.select(F.col("s_id").alias("supplier"), b_id.alias("b_id"), "b_how", "buyer", "segment", "value",
                           "rows", "s_region")
    mobs = Observation("merged")
    merged = merged.observe(
        mobs,
        F.count(F.when(F.col("b_how").isNull(), 1)).alias("unknown_buyers"),
        F.min(F.when(F.col("b_how").isNull(), F.col("buyer"))).alias("unknown_buyer_example"),
        F.count(F.when(F.col("b_how") == "ambiguous", 1)).alias("ambiguous_buyers"),
        F.min(F.when(F.col("b_how") == "ambiguous", F.col("buyer"))).alias("ambiguous_buyer_example"),
        F.sum(F.when(F.col("b_how") == "name", F.col("rows"))).alias("buyer_names"),
        F.sum(F.when(F.col("supplier") == F.col("b_id"), F.col("rows"))).alias("self_loops"),
        F.sum(F.when(F.col("b_id").isNotNull() & (F.col("supplier") != F.col("b_id")), F.col("rows"))).alias("kept_rows"),
        F.count(F.when(F.col("b_id").isNotNull() & (F.col("supplier") != F.col("b_id")), 1)).alias("links"),
    )
    with reporter.phase("read and merge links"):
        links = freeze(merged.where(F.col("b_id").isNotNull() & (F.col("supplier") != F.col("b_id")))
                       .select("supplier", "b_id", "segment", "value", "s_region"))
    m = {**lobs.get, **sobs.get, **mobs.get}
    loader.check_links(lobs.get, ldisplay)
    unknown = m["unknown_suppliers"] + m["unknown_buyers"]
    if m["ambiguous_suppliers"] or m["ambiguous_buyers"]:
        name = m["ambiguous_supplier_example"] or m["ambiguous_buyer_example"]
        raise DataError(f"{ldisplay}: \"{name}\" is the name of several firms; use the id")
    if not add and unknown:
        example = m["unknown_supplier_example"] or m["unknown_buyer_example"]
        raise DataError(f"{ldisplay}: unknown firm \"{example}\" (not in firms; firms that only links name can be "
                        f"added with unknown region; {unknown} supplier/buyer cell(s) name no firm) — add them "
                        f"with --add-unknown-firms")
    supplier_names = m["supplier_names"] or 0
    buyer_names = m["buyer_names"] or 0
    if buyer_names:
        # A buyer named by its firm name: merge again on the resolved id (rare; one more shuffle).
        links = (merged.where(F.col("b_id").isNotNull() & (F.col("supplier") != F.col("b_id")))
                 .repartition("b_id").groupBy("b_id", "supplier", "segment")
                 .agg(F.sum("value").alias("value"), F.first("s_region").alias("s_region")))
        links = freeze(links)
    links = links.select("supplier", F.col("b_id").alias("buyer"), "segment", "value", "s_region")
    if supplier_names or buyer_names:
        reporter.problem("note", "name_for_id", f"{ldisplay}: {supplier_names + buyer_names} supplier/buyer cell(s) "
                                                f"named a firm by its unique name and were resolved to its id")

    added = 0
    if firms is None:
        ids = links.select(F.col("supplier").alias("id")).union(links.select(F.col("buyer").alias("id"))).distinct()
        firms = ids.select("id", F.lit(None).cast("string").alias("name"), F.lit(None).cast("int").alias("region"),
                           F.array().cast("array<string>").alias("segs"), F.lit(None).cast("string").alias("prim"),
                           F.lit(None).cast("double").alias("revenue"))
        firms = freeze(firms)
    elif add and unknown:
        firms_before = firms.count()
        new_ids = (links.select(F.col("supplier").alias("id")).union(links.select(F.col("buyer").alias("id")))
                   .distinct().join(firms.select("id"), "id", "left_anti"))
        extra = new_ids.select("id", F.lit(None).cast("string").alias("name"), F.lit(None).cast("int").alias("region"),
                               F.array().cast("array<string>").alias("segs"), F.lit(None).cast("string").alias("prim"),
                               F.lit(None).cast("double").alias("revenue"))
        firms = freeze(firms.unionByName(extra))
        added = firms.count() - firms_before
        reporter.problem("warning", "unknown_firms_added",
                         f"{ldisplay}: added {added} firm(s) that links name but firms lacks, with unknown region")

    # Units: once any header or cell names one, every amount is in the dataset unit.
    named = value_unit is not None or revenue_unit is not None or m["cell_units"] or firm_units
    unit = (options.unit or "万元") if named else options.unit
    merged_rows = (m["kept_rows"] or 0) - m["links"]
    if merged_rows:
        reporter.problem("note", "merged_links", f"{ldisplay}: merged {merged_rows} parallel link row(s) with the same "
                                                 f"supplier, buyer and segment (values summed)")
    if m["self_loops"]:
        reporter.problem("warning", "self_loops", f"{ldisplay}: dropped {m['self_loops']} self-loop link(s) "
                                                  f"(supplier == buyer)")
    if named:
        reporter.problem("note", "unit_converted", f"amounts are in {unit} (a header or cell named a money unit; "
                                                   f"others converted to it)")
    return Dataset(firms=firms, links=links, tree=tree, regions=paths, unit=unit)


# --- the data errors both tables check, first failing check wins (the CLI's order) -----------
def _raise_first_error(m: dict, display: str, checks) -> None:
    """Raises the DataError of the first check whose count in the observed metrics ``m`` is
    not zero."""
    for key, message in checks:
        if m[key]:
            raise DataError(f"{display}: {message(m)}")


def _bad_width(m: dict) -> str:
    return f"{m['bad_width']} row(s) do not have the header's number of fields (first: {m['bad_width_example']!r})"


def _negative(m: dict, column: str, items: str) -> str:
    return f"{column} must not be negative: \"{m['negative_example']}\" ({m['negative']} {items})"


def _invalid(m: dict, column: str) -> str:
    return f"{column} is not a number: \"{m['invalid_example']}\" ({m['invalid']} cell(s))"


def _segment_unknown(m: dict, items: str) -> str:
    return f"unknown segment \"{m['seg_unknown_example']}\" (not in segments; {m['seg_unknown']} {items})"


def _segment_ambiguous(m: dict) -> str:
    return f"\"{m['seg_ambiguous_example']}\" is the name of several segments; use the id"
