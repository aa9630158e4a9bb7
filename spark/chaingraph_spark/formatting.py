"""Number forms of SPEC §4 as Spark column expressions (no Python UDFs).

The CLI prints numbers in shortest round-trip form, integral values below 10^15 without a
fraction (``2``, not ``2.0``), and money rounded to 15 significant digits (``8032217.2``,
never ``8032217.200000001``). Spark's ``CAST(double AS STRING)`` is Java's
``Double.toString`` (``1.7053546E7``, ``1.0E-5``), so :func:`render` takes the digits apart
and writes them as Swift and Python do (``17053546``, ``1e-05``, ``1.5e+16``,
``1000000000000000.0``).

The digits come from Java's ``%.16e``, which formats the shortest digits Java finds for the
double (``FloatingDecimal``). On JDK 17 those are the shortest for nearly every double; for the
rare exceptions (``1e23`` reads ``9.999999999999999E22``, the subnormal ``5e-324`` reads
``4.9E-324``) the text still reads back as the same double: equal numbers, spelled longer.

The text is built in three projections (Java text, then digits and exponent, then the
cells), so each expensive piece is computed once per cell and the generated code stays small.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

__all__ = ["render", "tie_key", "rounded_15", "NUMBER_KINDS"]

# Column kinds of a result schema (as the CLI's ResultColumn kinds).
NUMBER_KINDS = ("number", "money")


def rounded_15(x: Column) -> Column:
    """``x`` rounded to 15 significant digits (``%.14e`` read back); null stays null."""
    return F.when(x.isNull(), F.lit(None).cast("double")).otherwise(
        F.format_string("%.14e", x).try_cast("double"))


def tie_key(x: Column) -> Column:
    """SPEC §4 tie rule: the score rounded to 12 significant digits, so scores equal to 12
    digits compare equal and a later key (the id) decides."""
    return F.when(x.isNull(), F.lit(None).cast("double")).otherwise(
        F.format_string("%.11e", x).try_cast("double"))


def _finite(x: Column) -> Column:
    return x.isNotNull() & ~F.isnan(x) & (F.abs(x) != F.lit(float("inf")))


def _number_text(x: Column, sig: Column, point: Column) -> Column:
    """The CLI's text of double ``x`` from its significant digits ``sig`` (no leading or
    trailing zeros) and the decimal exponent ``point`` of the first digit."""
    n = F.length(sig)
    sign = F.when(x < 0, F.lit("-")).otherwise(F.lit(""))
    zeros_after = F.repeat(F.lit("0"), F.greatest(point + 1 - n, F.lit(0)))
    integral = F.concat(sign, sig, zeros_after)
    # Fixed notation for decimal exponents -4 … 15 (Python repr), at least one decimal.
    whole = F.when(point >= 0, F.concat(sig.substr(F.lit(1), point + 1), zeros_after)).otherwise(F.lit("0"))
    fraction = F.when(point >= 0, sig.substr(point + 2, F.lit(1000))).otherwise(
        F.concat(F.repeat(F.lit("0"), F.greatest(-point - 1, F.lit(0))), sig))
    fixed = F.concat(sign, whole, F.lit("."), F.when(fraction == "", F.lit("0")).otherwise(fraction))
    # Scientific notation elsewhere: 1e-05, 1.5e+16, 1e+300.
    exponent = F.concat(F.when(point < 0, F.lit("-")).otherwise(F.lit("+")),
                        F.when(F.abs(point) < 10, F.concat(F.lit("0"), F.abs(point).cast("string")))
                        .otherwise(F.abs(point).cast("string")))
    mantissa = F.when(n > 1, F.concat(sig.substr(1, 1), F.lit("."), sig.substr(2, 1000))).otherwise(sig)
    scientific = F.concat(sign, mantissa, F.lit("e"), exponent)
    return (F.when(~_finite(x), F.lit(None).cast("string"))
            .when(sig == "", F.lit("0"))
            .when((F.rint(x) == x) & (F.abs(x) < F.lit(1e15)), integral)
            .when((point >= -4) & (point < 16), fixed)
            .otherwise(scientific))


def render(df: DataFrame, columns: list[tuple[str, str]]) -> DataFrame:
    """Converts the result columns of ``df`` to the CLI's CSV text (SPEC §4), keeping any
    other columns (sort keys) as they are.

    ``columns`` lists (name, kind): ``text`` as is, ``integer`` a count, ``number`` shortest
    round-trip, ``money`` rounded to 15 significant digits first, ``bool`` true/false, ``list``
    an array joined with ``;``. Null stays null, which the CSV writer leaves empty.
    """
    numbers = [name for name, kind in columns if kind in NUMBER_KINDS]
    kinds = dict(columns)
    value = {n: (rounded_15(F.col(n)) if kinds[n] == "money" else F.col(n).cast("double")) for n in numbers}
    stage1 = df.select("*", *[value[n].alias(f"__v_{n}") for n in numbers])
    stage1 = stage1.select("*", *[F.format_string("%.16e", F.abs(F.col(f"__v_{n}"))).alias(f"__e_{n}")
                                  for n in numbers])
    stage2 = stage1.select("*", *[
        c for n in numbers for c in (
            F.regexp_replace(F.concat(F.col(f"__e_{n}").substr(1, 1), F.col(f"__e_{n}").substr(3, 16)),
                             "0+$", "").alias(f"__s_{n}"),
            F.substring_index(F.col(f"__e_{n}"), "e", -1).try_cast("int").alias(f"__p_{n}"))])
    out = []
    for name in df.columns:
        kind = kinds.get(name)
        if kind in NUMBER_KINDS:
            out.append(_number_text(F.col(f"__v_{name}"), F.col(f"__s_{name}"), F.col(f"__p_{name}")).alias(name))
        elif kind == "integer":
            out.append(F.col(name).cast("long").cast("string").alias(name))
        elif kind == "bool":
            out.append(F.when(F.col(name).isNull(), F.lit(None).cast("string"))
                       .when(F.col(name), F.lit("true")).otherwise(F.lit("false")).alias(name))
        elif kind == "list":
            out.append(F.when(F.col(name).isNull() | (F.size(F.col(name)) == 0), F.lit(None).cast("string"))
                       .otherwise(F.array_join(F.col(name), ";")).alias(name))
        else:
            out.append(F.col(name))
    return stage2.select(*out)
