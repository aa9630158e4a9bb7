"""空白环节 / 缺失配套 / 短板 / 卡脖子 / 长板 — chain gaps in a fixed region (SPEC §3.2).

Five row types, in this order: ``missing_segment``, ``missing_link``, ``weak_segment``,
``single_source``, ``strong_segment``; within a type the order of SPEC §3.2 (12-digit ties,
ids by UTF-8 bytes). Columns
``type,chain,segment,buyer,supplier,value,imported_value,dependents,local_share,supplier_local,candidates``.

Segment-level figures (present(T), demand D(T), local supply L(T), local output O(T),
dependents) have one value per segment of the chain tree, so they are aggregated in Spark and
brought to the driver (segment-sized), where the missing, weak and strong rules are applied.
Buyer-level rows (missing_link, single_source) stay DataFrames: there can be as many as local
buyers × their inputs. Candidate lists are ranked in Spark and kept to the top 5 (6 for
missing_link, which drops the buyer itself) per segment.

imported_value is Σ of the links from non-local suppliers, which is D − L exactly (and exactly
0 when every supplier is local), whatever order Spark sums in.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .dataset import Dataset
from .errors import UsageError
from .formatting import tie_key
from .locality import Locality
from .ranking import rank_within
from .session import Runtime

__all__ = ["gaps", "COLUMNS", "TYPES"]

COLUMNS = [("type", "text"), ("chain", "text"), ("segment", "text"), ("buyer", "text"), ("supplier", "text"),
           ("value", "money"), ("imported_value", "money"), ("dependents", "integer"), ("local_share", "number"),
           ("supplier_local", "bool"), ("candidates", "list")]
TYPES = ["missing_segment", "missing_link", "weak_segment", "single_source", "strong_segment"]

SCHEMA = ("type string, chain string, segment string, buyer string, supplier string, value double, "
          "imported_value double, dependents long, local_share double, supplier_local boolean, "
          "candidates array<string>")


def _segment_holders(firms: DataFrame, ancestors: DataFrame) -> DataFrame:
    """(id, target): firm ``id`` has segment ``target`` or a descendant of it."""
    return (firms.select("id", F.explode("segs").alias("segment")).join(ancestors, "segment")
            .select("id", F.col("ancestor").alias("target")).distinct())


def _top_candidates(runtime: Runtime, holders: DataFrame, order: list, keep: int) -> DataFrame:
    """(target, candidates): each target's first ``keep`` holders in ``order``."""
    ranked = rank_within(holders, "target", order).where(F.col("rank") <= keep)
    return (ranked.groupBy("target")
            .agg(F.array_sort(F.collect_list(F.struct("rank", "id"))).alias("_c"))
            .select("target", F.transform("_c", lambda x: x["id"]).alias("candidates")))


def gaps(runtime: Runtime, ds: Dataset, loc: Locality, weak_below: float = 0.5, strong_above: float = 0.8,
         types: list[str] | None = None) -> DataFrame:
    """The gap rows with their sort keys ``_t, _k1, _k2, _s1, _s2`` (ascending)."""
    tree = ds.require_tree("gaps")
    if not loc.is_fixed:
        raise UsageError("gaps needs a fixed region (--local R)")
    spark = runtime.spark
    firms = runtime.checkpoint(loc.firm_view(spark, ds))
    local_ids = firms.where(F.col("is_local")).select(F.col("id").alias("buyer"), F.lit(True).alias("b_local"))
    links = runtime.checkpoint(loc.link_view(spark, ds).join(local_ids, "buyer", "left")
                               .withColumn("b_local", F.coalesce(F.col("b_local"), F.lit(False))))
    ancestors = F.broadcast(tree.ancestor_frame(spark))
    inputs = F.broadcast(tree.inputs_frame(spark))
    chain_of = tree.chain

    # present(T) and the chains with local firms (segment-sized, on the driver).
    held = {r[0] for r in firms.where(F.col("is_local")).select(F.explode("segs")).distinct().collect()}
    linked = {r[0] for r in links.where(F.col("s_local") & F.col("segment").isNotNull())
              .select("segment").distinct().collect()}
    present = {t for t in tree.ids if (tree.subtree(t) & held) or t in linked}
    local_chains = {chain_of[t] for t in held}

    # Per (local buyer, segment): supply, local supply, imports, suppliers.
    bt = (links.where(F.col("b_local") & F.col("segment").isNotNull())
          .groupBy("buyer", "segment")
          .agg(F.sum("value").alias("supply"),
               F.sum(F.when(F.col("s_local"), F.col("value")).otherwise(0.0)).alias("local_supply"),
               F.sum(F.when(~F.col("s_local"), F.col("value")).otherwise(0.0)).alias("imported"),
               F.count(F.lit(1)).alias("suppliers"), F.min("supplier").alias("supplier"),
               F.max("s_local").alias("supplier_local")))
    bt = runtime.checkpoint(bt)
    demand = {r["segment"]: (r["d"], r["l"], r["i"]) for r in bt.groupBy("segment").agg(
        F.sum("supply").alias("d"), F.sum("local_supply").alias("l"), F.sum("imported").alias("i")).collect()}
    output = {r["segment"]: (r["o"], r["inside"], r["outside"]) for r in links
              .where(F.col("s_local") & F.col("segment").isNotNull()).groupBy("segment")
              .agg(F.sum("value").alias("o"), F.sum(F.when(F.col("b_local"), F.col("value")).otherwise(0.0)).alias("inside"),
                   F.sum(F.when(~F.col("b_local"), F.col("value")).otherwise(0.0)).alias("outside")).collect()}
    required = (firms.where(F.col("is_local")).select("id", F.explode("segs").alias("segment"))
                .join(inputs, "segment").select(F.col("id").alias("buyer"), F.col("input").alias("segment")).distinct())
    required = runtime.checkpoint(required)
    dependents = {r["segment"]: r["n"] for r in required.groupBy("segment").agg(F.count(F.lit(1)).alias("n")).collect()}

    # Segment-level rows (driver).
    segment_rows = []
    outside_targets = set()
    for t in tree.ids:
        d, l, i = demand.get(t, (0.0, 0.0, 0.0))
        if chain_of[t] in local_chains and tree.is_leaf(t) and t not in present:
            segment_rows.append(("missing_segment", chain_of[t], t, None, None, None, d, dependents.get(t, 0), None,
                                 None, None))
            outside_targets.add(t)
        if t in present and d > 0 and l / d < weak_below:
            segment_rows.append(("weak_segment", chain_of[t], t, None, None, d, i, None, l / d, None, None))
            outside_targets.add(t)
        o, inside, outside = output.get(t, (0.0, 0.0, 0.0))
        if t in present and o > 0 and outside >= inside and (d == 0 or l / d >= strong_above):
            segment_rows.append(("strong_segment", chain_of[t], t, None, None, o, i, None, (l / d) if d > 0 else None,
                                 None, None))
    segment_frame = spark.createDataFrame(segment_rows, SCHEMA)

    # 招商 candidates: non-local firms with a known region having T (or a descendant), by the
    # value of all their links into F_L, then revenue (unknown = 0), then id.
    if outside_targets:
        to_local = (links.where(F.col("b_local")).groupBy(F.col("supplier").alias("id"))
                    .agg(F.sum("value").alias("to_local")))
        outside = firms.where(~F.col("is_local") & F.col("region").isNotNull())
        holders = (_segment_holders(outside, ancestors).where(F.col("target").isin(sorted(outside_targets)))
                   .join(outside.select("id", "revenue"), "id").join(to_local, "id", "left")
                   .select("id", "target", tie_key(F.coalesce(F.col("to_local"), F.lit(0.0))).alias("_a"),
                           tie_key(F.coalesce(F.col("revenue"), F.lit(0.0))).alias("_b")))
        outside_candidates = _top_candidates(runtime, holders, [F.col("_a").desc(), F.col("_b").desc(),
                                                               F.col("id").asc()], 5)
        segment_frame = (segment_frame.drop("candidates")
                         .join(F.broadcast(outside_candidates.withColumnRenamed("target", "segment")), "segment", "left")
                         .withColumn("candidates", F.when(F.col("type").isin("missing_segment", "weak_segment"),
                                                          F.coalesce(F.col("candidates"),
                                                                     F.array().cast("array<string>"))))
                         .select(*[c for c in segment_frame.columns]))

    # missing_link: b local, T in required(b), present(T), localsupply(b,T) = 0.
    present_list = sorted(present)
    missing = (required.where(F.col("segment").isin(present_list) if present_list else F.lit(False))
               .join(bt.select("buyer", "segment", "supply", "local_supply"), ["buyer", "segment"], "left")
               .where(F.coalesce(F.col("local_supply"), F.lit(0.0)) == 0)
               .select("buyer", "segment", F.coalesce(F.col("supply"), F.lit(0.0)).alias("imported_value")))
    out_value = ds.links.groupBy(F.col("supplier").alias("id")).agg(F.sum("value").alias("out_value"))
    local_holders = (_segment_holders(firms.where(F.col("is_local")), ancestors)
                     .where(F.col("target").isin(present_list) if present_list else F.lit(False))
                     .join(out_value, "id", "left")
                     .select("id", "target", tie_key(F.coalesce(F.col("out_value"), F.lit(0.0))).alias("_a")))
    local_candidates = _top_candidates(runtime, local_holders, [F.col("_a").desc(), F.col("id").asc()], 6)
    chain_map = tree.chain_map()
    missing_links = (missing.join(F.broadcast(local_candidates.withColumnRenamed("target", "segment")), "segment", "left")
                     .select(F.lit("missing_link").alias("type"), F.element_at(chain_map, F.col("segment")).alias("chain"),
                             "segment", "buyer", F.lit(None).cast("string").alias("supplier"),
                             F.lit(None).cast("double").alias("value"), "imported_value",
                             F.lit(None).cast("long").alias("dependents"), F.lit(None).cast("double").alias("local_share"),
                             F.lit(None).cast("boolean").alias("supplier_local"),
                             F.slice(F.filter(F.coalesce(F.col("candidates"), F.array().cast("array<string>")),
                                              lambda x: x != F.col("buyer")), 1, 5).alias("candidates")))

    # single_source: supply(b,T) > 0 with exactly one supplier.
    single = (bt.where((F.col("supply") > 0) & (F.col("suppliers") == 1))
              .select(F.lit("single_source").alias("type"), F.element_at(chain_map, F.col("segment")).alias("chain"),
                      "segment", "buyer", "supplier", F.col("supply").alias("value"),
                      F.lit(None).cast("double").alias("imported_value"), F.lit(None).cast("long").alias("dependents"),
                      F.lit(None).cast("double").alias("local_share"), "supplier_local",
                      F.lit(None).cast("array<string>").alias("candidates")))

    rows = segment_frame.unionByName(missing_links).unionByName(single)
    if types:
        rows = rows.where(F.col("type").isin(types))
    t = F.col("type")
    order_type = F.element_at(F.create_map(*[F.lit(x) for i, name in enumerate(TYPES) for x in (name, i)]), t)
    k1 = (F.when(t.isin("missing_segment", "missing_link"), -tie_key(F.col("imported_value")))
          .when(t == "weak_segment", tie_key(F.col("local_share")))
          .otherwise(-tie_key(F.col("value"))))
    k2 = F.when(t == "missing_segment", -F.col("dependents").cast("double")).otherwise(F.lit(0.0))
    s1 = F.when(t.isin("missing_link", "single_source"), F.col("buyer")).otherwise(F.col("segment"))
    s2 = F.when(t.isin("missing_link", "single_source"), F.col("segment")).otherwise(F.lit(""))
    return rows.select("*", order_type.alias("_t"), k1.alias("_k1"), k2.alias("_k2"), s1.alias("_s1"), s2.alias("_s2"))


def order(df: DataFrame):
    """SPEC §3.2 row order: by type, then the type's own keys."""
    return [(F.col(c), "asc") for c in ("_t", "_k1", "_k2", "_s1", "_s2")]
