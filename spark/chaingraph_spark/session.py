"""The Spark session and the run-time services every command shares.

``python3 -m chaingraph_spark`` runs on whatever master Spark is given: ``spark-submit
--master …`` or ``PYSPARK_SUBMIT_ARGS``/``spark-defaults.conf``; with none, ``local[*]``. The
session is configured for the package's needs only: UTC (no time zones involved), the CSV
parser's column pruning off (so a row with too many or too few fields is always seen as such),
and a checkpoint directory when ``--checkpoint-dir`` is given.

``Runtime.checkpoint`` cuts a DataFrame's lineage: a reliable checkpoint in the checkpoint
directory when one is configured (what a cluster needs: it survives a lost executor), else a
local checkpoint on the executors.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pyspark.sql import DataFrame, SparkSession

from .report import Reporter
from .storage import Storage

__all__ = ["Runtime", "create_session", "configure", "size_partitions"]


def create_session(app_name: str = "chaingraph_spark", master: str | None = None,
                   driver_memory: str | None = None) -> SparkSession:
    """The active session, or a new one (``local[*]`` unless a master is configured)."""
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = SparkSession.builder.appName(app_name)
    configured = master or os.environ.get("CHAINGRAPH_SPARK_MASTER")
    if configured:
        builder = builder.master(configured)
    elif "--master" not in os.environ.get("PYSPARK_SUBMIT_ARGS", "") and not os.environ.get("SPARK_MASTER"):
        builder = builder.master("local[*]")
    if driver_memory:
        builder = builder.config("spark.driver.memory", driver_memory)
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    return spark


def configure(spark: SparkSession) -> None:
    """Session settings the package relies on (runtime SQL settings only): the CSV parser sees
    every column (so a row with too many or too few fields is always flagged), and persisted
    tables keep their partitioning (the link table stays partitioned by buyer)."""
    spark.conf.set("spark.sql.csv.parser.columnPruning.enabled", "false")
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    spark.conf.set("spark.sql.optimizer.canChangeCachedPlanOutputPartitioning", "false")


def size_partitions(spark: SparkSession, input_bytes: int) -> None:
    """Unless ``spark.sql.shuffle.partitions`` was set explicitly (``--conf`` or
    spark-defaults), sizes it from the input: one partition per 64 MB of table files, at
    least the number of cores, at most Spark's default of 200. Cluster runs on large data set
    it explicitly (README, sizing)."""
    if spark.sparkContext.getConf().contains("spark.sql.shuffle.partitions"):
        return
    cores = spark.sparkContext.defaultParallelism
    partitions = max(cores, min(200, -(-input_bytes // (64 << 20))))
    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))


@dataclass
class Runtime:
    """What a command needs besides its options: the session, file access, the reporter and
    where to checkpoint."""
    spark: SparkSession
    reporter: Reporter
    checkpoint_dir: str | None = None

    def __post_init__(self):
        self.storage = Storage(self.spark)
        if self.checkpoint_dir:
            self.spark.sparkContext.setCheckpointDir(self.checkpoint_dir)

    def checkpoint(self, df: DataFrame) -> DataFrame:
        """``df`` materialised with its lineage cut (reliable when a checkpoint directory is
        configured, local otherwise)."""
        if self.checkpoint_dir:
            return df.checkpoint(eager=True)
        return df.localCheckpoint(eager=True)
