"""Ranks within groups under the tie rule of SPEC §4 (a leader's rank in its chain, the first
five 招商 candidates of a segment, ``--top K`` per row type).

A rank is ``row_number()`` over a window partitioned by the group and ordered by the sort
keys; callers pass keys already rounded to 12 significant digits (``formatting.tie_key``) and
end with a unique id, so the order is total and equal to the CLI's. Each group is ranked by
one task: chains, segments and row types are many and none holds more than a share of the
firms, so this stays balanced at national scale (a chain of 10^7 candidates is one sort of a
few hundred megabytes, which Spark spills to disk as needed).
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

__all__ = ["rank_within"]


def rank_within(df: DataFrame, group: str, order: list[Column], name: str = "rank") -> DataFrame:
    """``df`` with column ``name``: the 1-based position of each row within its ``group`` by
    the sort expressions ``order``."""
    return df.withColumn(name, F.row_number().over(Window.partitionBy(group).orderBy(*order)))
