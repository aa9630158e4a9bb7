"""本地配套率 — local supporting rate (SPEC §3.1).

For buyers B: value rate = Σ local purchases ÷ Σ purchases; count rate = distinct (supplier,
buyer) pairs with a local supplier ÷ all distinct pairs; undefined (empty) when the
denominator is 0. Groupings: ``firm``, ``segment`` (primary segment), ``chain`` (any segment
in the chain; a buyer counts in each of its chains), ``region`` (fixed: one row for R;
relative: one row per K-prefix), ``leader`` (fixed: each chain's leader candidates of §3.3).
A row exists for each group with a considered buyer; ``buyers`` counts them, with or without
purchases. Rows: value_rate descending (tie rule, undefined last), then key.

The per-buyer sums run on the link table as it is partitioned (by buyer), so they need no
shuffle; the groups then aggregate one row per buyer.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from .dataset import Dataset
from .errors import UsageError
from .formatting import tie_key
from .locality import Locality
from .session import Runtime

__all__ = ["local_rate", "per_buyer", "COLUMNS", "GROUPINGS"]

COLUMNS = [("key", "text"), ("buyers", "integer"), ("input_value", "money"), ("local_value", "money"),
           ("value_rate", "number"), ("pairs", "integer"), ("local_pairs", "integer"), ("count_rate", "number")]
GROUPINGS = ["firm", "segment", "chain", "region", "leader"]


def per_buyer(runtime: Runtime, ds: Dataset, loc: Locality) -> DataFrame:
    """One row per considered buyer: id, its firm attributes, input_value, local_value,
    pairs, local_pairs (0 for a buyer without purchases)."""
    spark = runtime.spark
    firms = loc.firm_view(spark, ds).where(F.col("considered"))
    links = loc.link_view(spark, ds)
    buyers = firms.select(F.col("id").alias("buyer"), F.col("prefix").alias("b_prefix"))
    bought = links.join(buyers, "buyer")
    if loc.is_fixed:
        is_local = F.col("s_local")
    else:
        is_local = F.coalesce(F.col("s_prefix") == F.col("b_prefix"), F.lit(False))
    pairs = (bought.groupBy("buyer", "supplier")
             .agg(F.sum("value").alias("w"), F.sum(F.when(is_local, F.col("value")).otherwise(0.0)).alias("lw"),
                  F.max(is_local).alias("local")))
    sums = (pairs.groupBy("buyer")
            .agg(F.sum("w").alias("input_value"), F.sum("lw").alias("local_value"),
                 F.count(F.lit(1)).alias("pairs"), F.sum(F.col("local").cast("long")).alias("local_pairs")))
    out = firms.join(sums, firms.id == sums.buyer, "left").drop("buyer")
    return out.select("*").fillna(0, subset=["input_value", "local_value", "pairs", "local_pairs"])


def local_rate(runtime: Runtime, ds: Dataset, loc: Locality, by: str, per_chain: int = 3) -> DataFrame:
    """The rows of ``local-rate --by BY`` with the sort key ``_order_rate`` (unformatted)."""
    if by not in GROUPINGS:
        raise UsageError(f"--by must be one of {', '.join(GROUPINGS)}, got '{by}'")
    if by in ("chain", "leader"):
        ds.require_tree(f"local-rate --by {by}")
    if by == "leader" and not loc.is_fixed:
        raise UsageError("--by leader needs --local R: leader candidates are ranked within a fixed region")
    b = per_buyer(runtime, ds, loc)
    if by == "firm":
        keyed = b.withColumn("key", F.col("id"))
    elif by == "segment":
        keyed = b.where(F.col("prim").isNotNull()).withColumn("key", F.col("prim"))
    elif by == "chain":
        keyed = b.withColumn("key", F.explode(ds.tree.chains_of(F.col("segs"))))
    elif by == "region":
        keyed = b.withColumn("key", F.lit(loc.key) if loc.is_fixed else F.col("prefix"))
    else:
        from .leaders import leaders
        top = (leaders(runtime, ds, loc, per_chain).where(F.col("leader"))
               .select(F.col("firm").alias("id"), F.col("chain").alias("key")))
        keyed = b.join(top, "id")
    groups = keyed.groupBy("key").agg(
        F.count(F.lit(1)).alias("buyers"), F.sum("input_value").alias("input_value"),
        F.sum("local_value").alias("local_value"), F.sum("pairs").alias("pairs"),
        F.sum("local_pairs").alias("local_pairs"))
    value_rate = F.when(F.col("input_value") != 0, F.col("local_value") / F.col("input_value"))
    count_rate = F.when(F.col("pairs") != 0, F.col("local_pairs") / F.col("pairs"))
    rows = groups.select("key", "buyers", "input_value", "local_value", value_rate.alias("value_rate"),
                         "pairs", "local_pairs", count_rate.alias("count_rate"))
    return rows.withColumn("_order_rate", tie_key(F.col("value_rate")))


def order(df: DataFrame):
    """SPEC §3.1 row order: value_rate descending under the tie rule, undefined last; key."""
    return [(F.col("_order_rate"), "desc_nulls_last"), (F.col("key"), "asc")]
