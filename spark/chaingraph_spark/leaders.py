"""链主 — chain leaders and 专精特新 specialists (SPEC §3.3).

Within chain C (candidates: firms with any segment in C; with ``--local R`` only those in R):
r = revenue ÷ max revenue (unknown = 0), p = in-value ÷ max in-value, u = number of distinct
firms other than f with a supply path of length 1 or 2 into f ÷ max (f itself never counts,
even on a 2-cycle); maxima over the chain's candidates, a component whose maximum is 0 is 0.
score = (r + p + u) ÷ 3; ranks by score (ties to 12 significant digits) then id; the top k
are leader candidates. ``specialist`` (only with ``--local``): revenue known and below the
median of the chain's known candidate revenues, and the only local firm having some segment T
of C (T or a descendant) that it supplies, with positive value, to a local buyer.

u is the distinct count of the union of one- and two-step suppliers: the two-step pairs come
from one join of the supplier pairs with themselves (on the middle firm), restricted to the
candidates first, then deduplicated per firm. Its volume is Σ_x indeg(x)·outdeg(x) — the
figure that sizes this command on a cluster (docs/benchmarks.md).
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

__all__ = ["leaders", "COLUMNS"]

COLUMNS = [("chain", "text"), ("rank", "integer"), ("firm", "text"), ("score", "number"), ("r", "number"),
           ("p", "number"), ("u", "number"), ("leader", "bool"), ("specialist", "bool")]


def _reach(ds: Dataset, targets: DataFrame) -> DataFrame:
    """(firm, reach): distinct firms other than the firm with a path of length 1 or 2 into
    it, for the firms in ``targets`` (column ``id``)."""
    pairs = ds.links.select("supplier", "buyer").distinct()
    into = pairs.join(targets.select(F.col("id").alias("buyer")).distinct(), "buyer", "left_semi")
    one = into.select(F.col("supplier").alias("up"), F.col("buyer").alias("firm"))
    two = (into.select(F.col("supplier").alias("mid"), F.col("buyer").alias("firm"))
           .join(pairs.select(F.col("supplier").alias("up"), F.col("buyer").alias("mid")), "mid")
           .select("up", "firm"))
    both = one.unionByName(two).where(F.col("up") != F.col("firm"))
    return both.groupBy("firm").agg(F.count_distinct("up").alias("reach"))


def leaders(runtime: Runtime, ds: Dataset, loc: Locality | None, per_chain: int = 3) -> DataFrame:
    """Every candidate of every chain with rank, components and flags, plus ``chain_ord``."""
    tree = ds.require_tree("the leader ranking")
    if per_chain < 1:
        raise UsageError(f"--per-chain must be at least 1, got {per_chain}")
    spark = runtime.spark
    firms = loc.firm_view(spark, ds) if loc is not None else ds.firms.withColumn("is_local", F.lit(False))
    candidates = firms.select("id", "revenue", "segs", "is_local",
                              F.explode(tree.chains_of(F.col("segs"))).alias("chain"))
    if loc is not None:
        candidates = candidates.where(F.col("is_local"))
    in_value = ds.links.groupBy(F.col("buyer").alias("id")).agg(F.sum("value").alias("in_value"))
    reach = _reach(ds, candidates).withColumnRenamed("firm", "id")
    c = (candidates.join(in_value, "id", "left").join(reach, "id", "left")
         .select("id", "chain", "revenue", F.coalesce(F.col("revenue"), F.lit(0.0)).alias("rev0"),
                 F.coalesce(F.col("in_value"), F.lit(0.0)).alias("in_value"),
                 F.coalesce(F.col("reach"), F.lit(0)).cast("double").alias("reach")))
    maxima = c.groupBy("chain").agg(F.max("rev0").alias("max_r"), F.max("in_value").alias("max_p"),
                                    F.max("reach").alias("max_u"))
    c = c.join(F.broadcast(maxima), "chain")

    def scaled(x, m):
        return F.when(F.col(m) > 0, F.col(x) / F.col(m)).otherwise(F.lit(0.0))

    c = c.select("id", "chain", "revenue", scaled("rev0", "max_r").alias("r"), scaled("in_value", "max_p").alias("p"),
                 scaled("reach", "max_u").alias("u"))
    c = c.withColumn("score", (F.col("r") + F.col("p") + F.col("u")) / 3)
    ranked = rank_within(c.withColumn("_tie", tie_key(F.col("score"))), "chain",
                         [F.col("_tie").desc(), F.col("id").asc()]).drop("_tie")
    ranked = ranked.withColumn("leader", F.col("rank") <= per_chain)
    if loc is None:
        ranked = ranked.withColumn("specialist", F.lit(None).cast("boolean"))
    else:
        ranked = _with_specialists(runtime, ds, loc, ranked, firms)
    return ranked.select(F.col("chain"), "rank", F.col("id").alias("firm"), "score", "r", "p", "u", "leader",
                         "specialist", tree.chain_ord(F.col("chain")).alias("chain_ord"))


def _with_specialists(runtime: Runtime, ds: Dataset, loc: Locality, ranked: DataFrame,
                      firms: DataFrame) -> DataFrame:
    spark = runtime.spark
    tree = ds.tree
    # Median of the known revenues of each chain's candidates (numpy's median).
    known = ranked.where(F.col("revenue").isNotNull()).select("chain", "id", "revenue")
    by_revenue = rank_within(known, "chain", [F.col("revenue").asc(), F.col("id").asc()])
    counts = known.groupBy("chain").agg(F.count(F.lit(1)).alias("n"))
    middle = (by_revenue.join(F.broadcast(counts), "chain")
              .where((F.col("rank") == F.floor((F.col("n") + 1) / 2)) | (F.col("rank") == F.floor(F.col("n") / 2) + 1))
              .groupBy("chain").agg(((F.min("revenue") + F.max("revenue")) / 2).alias("median")))
    # Segments (of any level) held by exactly one local firm: T or a descendant in its set.
    ancestors = F.broadcast(tree.ancestor_frame(spark))
    local_firms = firms.where(F.col("is_local")).select("id", F.explode("segs").alias("segment"))
    holders = (local_firms.join(ancestors, "segment").select("id", F.col("ancestor").alias("segment")).distinct()
               .groupBy("segment").agg(F.count(F.lit(1)).alias("holders"), F.min("id").alias("holder"))
               .where(F.col("holders") == 1))
    # …that the holder supplies with positive value, link segment exactly T, to a local buyer.
    local_ids = firms.where(F.col("is_local")).select(F.col("id").alias("buyer"))
    sales = (ds.links.where(F.col("value") > 0).join(local_ids, "buyer", "left_semi")
             .select(F.col("supplier").alias("holder"), "segment").distinct())
    sole = (holders.join(sales, ["holder", "segment"])
            .join(F.broadcast(tree.segment_frame(spark).select("segment", "chain")), "segment")
            .select(F.col("holder").alias("id"), "chain").distinct().withColumn("sole", F.lit(True)))
    out = (ranked.join(F.broadcast(middle), "chain", "left").join(sole, ["id", "chain"], "left"))
    specialist = (F.col("revenue").isNotNull() & F.col("median").isNotNull() & (F.col("revenue") < F.col("median"))
                  & F.coalesce(F.col("sole"), F.lit(False)))
    return out.withColumn("specialist", specialist).drop("median", "sole")
