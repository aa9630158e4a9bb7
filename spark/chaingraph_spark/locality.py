"""Locality (SPEC §2): who is local, and which buyers are considered.

* fixed (``--local R``): supplier s is local for buyer b iff s is in R; the buyers considered
  are the firms in R. ``R`` is resolved as the CLI resolves it (``湖北省`` → ``湖北``, ``武汉`` →
  ``湖北/武汉`` when unique), with the same usage errors for an unknown or ambiguous region.
* relative (``--level K``): s is local for b iff both region paths have at least K components
  and the first K are equal; the buyers considered have at least K components.

A firm with an unknown region is never local and never a considered buyer. Locality is a
property of the (few) distinct regions, so it is computed on the driver per region index and
joined to firms and links as a small broadcast table.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from . import divisions
from .dataset import Dataset
from .errors import UsageError
from .report import Reporter

__all__ = ["Locality", "fixed", "relative", "parse_region_argument"]


def parse_region_argument(text: str) -> tuple[str, ...]:
    """``--local`` as the CLI parses it (``RegionPath``): split at ``/``, trimmed, empty
    components dropped; a blank argument is a usage error."""
    parts = tuple(p.strip(" \t\u3000") for p in text.split("/") if p.strip(" \t\u3000"))
    if not parts:
        raise UsageError(f"The value '{text}' is invalid for '--local <R>'")
    return parts


@dataclass
class Locality:
    """A resolved locality: ``region`` (fixed mode) or ``level`` (relative mode), and per
    region index whether it is in R (fixed) or its K-prefix (relative)."""
    region: tuple[str, ...] | None
    level: int | None
    local_regions: list[int]
    prefixes: dict[int, str]
    count: int

    @property
    def is_fixed(self) -> bool:
        return self.region is not None

    @property
    def key(self) -> str:
        """R as text (the key of the fixed-mode region row)."""
        return "/".join(self.region or ())

    def region_info(self, spark: SparkSession) -> DataFrame:
        """(region, is_local, prefix) per region index: small, broadcast in joins."""
        local = set(self.local_regions)
        rows = [(i, i in local, self.prefixes.get(i)) for i in range(self.count)]
        return spark.createDataFrame(rows, "region int, is_local boolean, prefix string")

    def firm_view(self, spark: SparkSession, dataset: Dataset) -> DataFrame:
        """Firms with ``is_local`` (fixed: in R), ``prefix`` (relative: K-prefix or null) and
        ``considered`` (a buyer of SPEC §2)."""
        info = F.broadcast(self.region_info(spark))
        f = dataset.firms.join(info, "region", "left")
        is_local = F.coalesce(F.col("is_local"), F.lit(False))
        considered = is_local if self.is_fixed else F.col("prefix").isNotNull()
        return f.select(*[c for c in dataset.firms.columns], is_local.alias("is_local"), "prefix",
                        considered.alias("considered"))

    def link_view(self, spark: SparkSession, dataset: Dataset) -> DataFrame:
        """Links with the supplier's locality: ``s_local`` (fixed) or ``s_prefix``."""
        info = F.broadcast(self.region_info(spark).select(
            F.col("region").alias("s_region"), F.col("is_local").alias("s_local"), F.col("prefix").alias("s_prefix")))
        links = dataset.links.join(info, "s_region", "left")
        return links.select("supplier", "buyer", "segment", "value",
                            F.coalesce(F.col("s_local"), F.lit(False)).alias("s_local"), "s_prefix")


def fixed(argument: str, dataset: Dataset, reporter: Reporter, quiet: bool = False) -> Locality:
    """``--local R`` resolved against the dataset's regions (SPEC §1.1, §2)."""
    parts = parse_region_argument(argument)
    text = "/".join(parts)
    regions = dataset.regions
    match = divisions.resolve_local(text, regions)
    if match.kind == "unknown":
        if not regions:
            raise UsageError(f"--local {text} matches no firm: no firm of this dataset has a region "
                             f"(add a region column to firms.csv)")
        available = match.paths
        closest = ["/".join(p) for p in available[:8]]
        tops = sorted({p[0] for p in available})
        message = f"--local {text} matches no firm; did you mean {closest[0]}?"
        if len(closest) > 1:
            message += f" Closest regions: {', '.join(closest)}"
            message += (f" ({len(closest)} of {len(available)} regions and prefixes)." if len(available) > len(closest)
                        else ".")
        raise UsageError(message + f" Top-level regions in this dataset ({len(tops)}): {', '.join(tops)}")
    if match.kind == "ambiguous":
        candidates = ", ".join("/".join(p) for p in match.paths)
        raise UsageError(f"--local {text} fits {len(match.paths)} regions of this dataset: {candidates}; "
                         f"give the full path")
    region = match.paths[0]
    if match.kind == "expanded" or region != parts:
        reporter.note(f"--local {text} is {'/'.join(region)}")
    local = [i for i, p in enumerate(regions) if p[:len(region)] == region]
    return Locality(region, None, local, {}, len(regions))


def relative(level: int, dataset: Dataset) -> Locality:
    """``--level K`` (SPEC §2); a usage error when no firm's path has K components."""
    if level < 1:
        raise UsageError(f"--level must be a number of region components ≥ 1 (1 = province), got {level}")
    regions = dataset.regions
    prefixes = {i: "/".join(p[:level]) for i, p in enumerate(regions) if len(p) >= level}
    if not prefixes:
        deepest = max((len(p) for p in regions), default=0)
        raise UsageError(f"--level {level}: no firm has a region path with {level} or more components (the deepest "
                         f"has {deepest}); use --level {max(1, deepest)} or less")
    return Locality(None, level, [], prefixes, len(regions))
