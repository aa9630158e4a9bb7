"""PageRank (SPEC §3.4): ``nx.pagerank(G, alpha=0.85, weight="value")`` on the firm graph.

Every firm is a node; an edge s → b carries w(s,b) = Σ_T w(s,b,T). A firm passes ``alpha`` of
its score to its buyers in proportion to link value; a firm with no (or only zero-value)
sales is dangling and spreads its score uniformly; every firm receives (1 − alpha)/n. The
power method starts from the uniform vector and stops when the L1 change is below n × tol
(default 1e-10) — the CLI's rule, with the same update x' = alpha·(Σ_in w/S·x + d/n) +
(1 − alpha)/n, d the dangling mass of the previous iterate. Not converging within
``--max-iter`` is an error (exit 65), as in the CLI.

Each iteration is one join of the normalised edges with the scores and one aggregation by
buyer; the new scores are checkpointed, so 50 iterations do not grow the plan, and one small
aggregate per iteration returns the L1 change and the dangling mass to the driver.

Like the CLI's ``--method auto``, graphs of at most 256 firms are solved densely
((I − alpha·Mᵀ) x = (1 − alpha)/n with LAPACK through numpy): the exact solution, as the CLI
gives it. ``--method power`` forces the iteration (the distributed path) at any size.
"""

from __future__ import annotations

from pyspark.sql import DataFrame, Observation
from pyspark.sql import functions as F

from .dataset import Dataset
from .errors import DataError, UsageError
from .session import Runtime

__all__ = ["pagerank", "COLUMNS", "DENSE_CUTOVER"]

COLUMNS = [("firm", "text"), ("score", "number")]
DENSE_CUTOVER = 256


def _edges(ds: Dataset, reverse: bool, weighted: bool) -> DataFrame:
    """(src, dst, w): one edge per firm pair with a link; score flows src → dst."""
    pairs = ds.links.groupBy("supplier", "buyer").agg(F.sum("value").alias("w"))
    src, dst = ("buyer", "supplier") if reverse else ("supplier", "buyer")
    w = F.col("w") if weighted else F.lit(1.0)
    return pairs.select(F.col(src).alias("src"), F.col(dst).alias("dst"), w.alias("w"))


def pagerank(runtime: Runtime, ds: Dataset, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 10000,
             reverse: bool = False, weighted: bool = True, method: str = "auto") -> DataFrame:
    """(firm, score) for every firm."""
    if not (0 <= alpha < 1):
        raise UsageError(f"--alpha {alpha}: expected a damping factor in [0, 1)")
    if not (tol > 0):
        raise UsageError(f"--tol {tol}: expected a tolerance > 0")
    if max_iter < 1:
        raise UsageError(f"--max-iter {max_iter}: expected at least 1 iteration")
    spark = runtime.spark
    nodes = ds.firms.select(F.col("id").alias("node"))
    n = nodes.count()
    if n == 0:
        return spark.createDataFrame([], "firm string, score double")
    edges = _edges(ds, reverse, weighted)
    strength = edges.groupBy(F.col("src").alias("node")).agg(F.sum("w").alias("s"))
    if method == "dense" or (method == "auto" and n <= DENSE_CUTOVER):
        return _dense(runtime, nodes, edges, strength, n, alpha)
    # Normalised edges, partitioned by source for the join with the scores.
    norm = (edges.join(strength.withColumnRenamed("node", "src"), "src")
            .where(F.col("s") != 0).select("src", "dst", (F.col("w") / F.col("s")).alias("p")))
    shuffle = int(spark.conf.get("spark.sql.shuffle.partitions"))
    norm = runtime.checkpoint(norm.repartition(shuffle, "src"))
    dangling = (nodes.join(strength, "node", "left")
                .select("node", (F.coalesce(F.col("s"), F.lit(0.0)) == 0).alias("dangling")))
    x = runtime.checkpoint(dangling.select("node", "dangling", F.lit(1.0 / n).alias("x")).repartition(shuffle, "node"))
    d = x.where(F.col("dangling")).agg(F.sum("x")).first()[0] or 0.0
    limit = n * tol
    err = float("inf")
    for iteration in range(1, max_iter + 1):
        gathered = (norm.join(x.select(F.col("node").alias("src"), "x"), "src")
                    .groupBy(F.col("dst").alias("node")).agg(F.sum(F.col("p") * F.col("x")).alias("acc")))
        base = alpha * d / n + (1 - alpha) / n
        new = (x.join(gathered, "node", "left")
               .select("node", "dangling", F.col("x").alias("old"),
                       (F.lit(alpha) * F.coalesce(F.col("acc"), F.lit(0.0)) + F.lit(base)).alias("x")))
        # The L1 change and the new dangling mass ride along the checkpoint job (one job an
        # iteration); only these two numbers come to the driver.
        stats = Observation(f"pagerank-{iteration}")
        new = new.observe(stats, F.sum(F.abs(F.col("x") - F.col("old"))).alias("err"),
                          F.sum(F.when(F.col("dangling"), F.col("x")).otherwise(0.0)).alias("d"))
        x = runtime.checkpoint(new.drop("old"))
        err, d = stats.get["err"], stats.get["d"] or 0.0
        if err < limit:
            runtime.reporter.note(f"pagerank: converged in {iteration} iterations (L1 change {err:.3g})")
            return x.select(F.col("node").alias("firm"), F.col("x").alias("score"))
    raise DataError(f"pagerank did not converge in {max_iter} iterations (L1 change {err:.3g}); "
                    f"raise --max-iter or --tol")


def _dense(runtime: Runtime, nodes: DataFrame, edges: DataFrame, strength: DataFrame, n: int,
           alpha: float) -> DataFrame:
    """The exact solution for a small graph (at most ``DENSE_CUTOVER`` firms, so the matrix
    on the driver is at most 256 × 256)."""
    import numpy as np

    ids = [r[0] for r in nodes.orderBy("node").collect()]
    index = {f: i for i, f in enumerate(ids)}
    out = {r["node"]: r["s"] for r in strength.collect()}
    k = np.identity(n)
    for r in edges.collect():
        s = out.get(r["src"], 0.0)
        if s != 0:
            k[index[r["dst"]], index[r["src"]]] -= alpha * r["w"] / s
    p = 1.0 / n
    for f in ids:
        if out.get(f, 0.0) == 0:
            k[:, index[f]] -= alpha * p
    x = np.linalg.solve(k, np.full(n, (1 - alpha) * p))
    runtime.reporter.note(f"pagerank: solved densely ({n} firms)")
    return runtime.spark.createDataFrame([(f, float(x[index[f]])) for f in ids], "firm string, score double")
