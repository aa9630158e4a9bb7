"""Writing result rows: CSV part files in the CLI's columns and number forms (SPEC §4, §8).

The rows are sorted in Spark (a range-partitioned sort, so part files are in order: reading
``part-00000…``, ``part-00001…`` one after the other gives the rows in the CLI's order) and
written the way Spark writes CSV: one or more part files, each with the header row, RFC 4180
quoting (a quote doubled), empty cells for fields that do not apply, ``\\n`` line ends.

The directory is written atomically, as the CLI writes ``--output FILE``: into a temporary
sibling, renamed into place when complete. An existing ``--output`` is replaced only when it
is an earlier Spark output (part files and ``_SUCCESS`` only) or empty; anything else is left
alone and is an error (exit 73). A failed run leaves no partial output.
"""

from __future__ import annotations

import uuid

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from .errors import OutputError, UsageError
from .formatting import NUMBER_KINDS, render
from .ranking import rank_within
from .session import Runtime

__all__ = ["emit", "sort_columns"]

NUMERIC = ("integer",) + NUMBER_KINDS


def sort_columns(columns: list[tuple[str, str]], spec: str) -> list[tuple[Column, str]]:
    """``--sort COLUMN[:asc|:desc]`` as the CLI does it: numbers descending and text, lists
    and booleans ascending by default, empty cells last; exact values (no tie rule)."""
    name, _, direction = spec.partition(":")
    kinds = dict(columns)
    if name not in kinds:
        raise UsageError(f"--sort: unknown column '{name}'; columns are: {', '.join(kinds)}")
    if direction not in ("", "asc", "desc"):
        raise UsageError(f"--sort takes COLUMN, COLUMN:asc or COLUMN:desc, got '{spec}'")
    kind = kinds[name]
    down = direction == "desc" if direction else kind in NUMERIC
    if kind in NUMERIC:
        key = F.col(name).cast("double")
    elif kind == "list":
        key = F.array_join(F.col(name), ";")
    elif kind == "bool":
        key = F.when(F.col(name).isNull(), F.lit(None).cast("string")).when(F.col(name), "true").otherwise("false")
    else:
        key = F.col(name)
    return [(key, "desc_nulls_last" if down else "asc_nulls_last")]


def sort_orders(keys: list[tuple[Column, str]]) -> list[Column]:
    """Sort expressions from (expression, direction) pairs."""
    return [getattr(expr, direction)() for expr, direction in keys]


def _is_spark_output(runtime: Runtime, path: str) -> bool:
    for f in runtime.storage.list(path):
        name = f.name
        if f.is_dir or not (name.startswith(("part-", "_SUCCESS", "._SUCCESS", ".part-", "_committed", "_started"))):
            return False
    return True


def emit(runtime: Runtime, rows: DataFrame, columns: list[tuple[str, str]], order: list[tuple[Column, str]],
         output: str, top: int | None = None, group: str | None = None, sort: str | None = None) -> None:
    """Sorts by ``order`` ((expression, direction) pairs on the unformatted rows), limits
    (``--top``: the first K rows, or K per ``group``), renders and writes."""
    if sort:
        order = sort_columns(columns, sort) + order
    if top is not None and group is not None:
        rows = rank_within(rows, group, sort_orders(order), name="_in_group").where(F.col("_in_group") <= top)
    # The sort keys are taken before the cells become text (a rank 10 sorts after 9).
    keyed = rows.select("*", *[expr.alias(f"_sort{i}") for i, (expr, _d) in enumerate(order)])
    rendered = render(keyed, columns)
    ordered = rendered.orderBy(*sort_orders([(F.col(f"_sort{i}"), d) for i, (_e, d) in enumerate(order)]))
    if top is not None and group is None:
        ordered = ordered.limit(top)
    names = [name for name, _ in columns]
    final = ordered.select(*[F.when(F.col(n) == "", F.lit(None).cast("string")).otherwise(F.col(n)).alias(n)
                             for n in names])
    target = output.rstrip("/") or output
    storage = runtime.storage
    if storage.exists(target):
        if not storage.is_dir(target):
            raise OutputError(f"{target}: exists and is a file; --output names a directory the part files go to")
        if not _is_spark_output(runtime, target):
            raise OutputError(f"{target}: exists and holds other files than an earlier Spark output; choose another "
                              f"--output or remove it")
    temporary = f"{target}.tmp-{uuid.uuid4().hex[:12]}"
    try:
        (final.write.mode("errorifexists").option("header", True).option("quote", '"').option("escape", '"')
         .option("ignoreLeadingWhiteSpace", False).option("ignoreTrailingWhiteSpace", False)
         .option("lineSep", "\n").option("encoding", "UTF-8").csv(temporary))
        if storage.exists(target):
            storage.delete(target)
        if not storage.rename(temporary, target):
            raise OutputError(f"{target}: cannot rename the finished output into place")
    except OutputError:
        storage.delete(temporary)
        raise
    except Exception as error:
        storage.delete(temporary)
        if _is_write_failure(error):
            raise OutputError(f"{target}: cannot be created ({_first_line(error)})") from error
        raise


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _is_write_failure(error: Exception) -> bool:
    text = str(error)
    return any(s in text for s in ("Permission denied", "AccessDeniedException", "Mkdirs failed",
                                   "FileAlreadyExistsException", "PATH_ALREADY_EXISTS", "Not a directory",
                                   "No space left"))
