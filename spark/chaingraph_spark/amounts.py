"""Amounts as analysts write them (SPEC §1.1 "Numbers", "Money units"), parsed with Spark SQL
expressions: the rules of the CLI's ``AmountParser`` and ``NumberParser``, cell by cell.

Accepted: surrounding spaces; full-width digits, signs and points; thousands separators
(``1,234.5``); a leading currency sign (``¥``, ``￥``, ``RMB``, ``CNY``); scientific notation;
a unit suffix (元, 千元, 万元, 百万元, 亿元, bare 万/亿); an accounting dash alone is 0.
The outcome of each cell is a kind — ``value``, ``empty``, ``unknown`` (an Excel error value or
placeholder such as ``#N/A``), ``negative``, ``accounting`` (a negative amount written
``(1234.56)``) or ``invalid`` — with the number and the unit its cell named.

``MoneyUnit`` gives yuan per unit; conversion multiplies or divides by an exact integer ratio,
as the CLI does, so 1234.56 元 is 0.123456 万元 to the last digit.
"""

from __future__ import annotations

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

__all__ = ["parse_amount", "UNITS", "unit_of", "convert"]

# Yuan per unit, and the spellings a header or a cell suffix may use.
UNITS = {"元": 1.0, "千元": 1e3, "万元": 1e4, "百万元": 1e6, "亿元": 1e8}
UNIT_SPELLINGS = {"元": "元", "yuan": "元", "cny": "元", "rmb": "元", "人民币元": "元", "千元": "千元",
                  "万元": "万元", "万": "万元", "百万元": "百万元", "百万": "百万元", "亿元": "亿元", "亿": "亿元"}
CELL_SUFFIXES = ["百万元", "亿元", "万元", "千元", "元", "百万", "万", "亿"]
PLACEHOLDERS = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "N/A", "NULL"]
NUMBER = r"^\+?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$"
THOUSANDS = r"^[^,]{1,3}(,[0-9]{3}([.eE][^,]*)?)+$"


def unit_of(text: str | None) -> str | None:
    """The canonical unit (元 … 亿元) a header or option names, None when it names none."""
    if text is None:
        return None
    return UNIT_SPELLINGS.get(text.strip(" \t\u3000").lower())


def convert(x: Column, source: str, target: str) -> Column:
    """``x`` in unit ``source`` expressed in ``target`` (exact integer ratios, as the CLI)."""
    a, b = UNITS[source], UNITS[target]
    if a == b:
        return x
    return x * F.lit(a / b) if a > b else x / F.lit(b / a)


def _fold(c: Column) -> Column:
    src = "".join(chr(u) for u in range(0xFF01, 0xFF5F)) + "\u3000"
    dst = "".join(chr(u - 0xFEE0) for u in range(0xFF01, 0xFF5F)) + " "
    return F.translate(c, src, dst)


def _trim(c: Column) -> Column:
    return F.btrim(c, F.lit(" \t\u3000"))


def parse_amount(df: DataFrame, column: str, prefix: str) -> DataFrame:
    """Adds ``{prefix}_kind``, ``{prefix}_num`` (double) and ``{prefix}_unit`` (the unit a cell
    suffix named) for the text column ``column``. Built in a few projections so each step is
    computed once per cell."""
    raw = F.col(column)
    s = f"__{prefix}_s"
    df = df.withColumn(s, _trim(_fold(raw)))
    t = F.col(s)
    accounting = t.startswith("(") & t.endswith(")")
    body = F.when(accounting, _trim(t.substr(F.lit(2), F.length(t) - 2))).otherwise(t)
    for sign in ("¥", "￥", "RMB", "CNY"):  # in this order, each at most once, as the CLI
        body = F.regexp_replace(body, f"^{sign}[ \t\u3000]*", "")
    a = f"__{prefix}_a"
    b = f"__{prefix}_b"
    df = df.withColumn(a, accounting).withColumn(b, body)
    body = F.col(b)
    unit = F.lit(None).cast("string")
    stripped = body
    for suffix in reversed(CELL_SUFFIXES):
        hit = body.endswith(suffix)
        unit = F.when(hit, F.lit(UNIT_SPELLINGS[suffix])).otherwise(unit)
        stripped = F.when(hit, _trim(body.substr(F.lit(1), F.length(body) - len(suffix)))).otherwise(stripped)
    u, r = f"{prefix}_unit", f"__{prefix}_r"
    df = df.withColumn(u, unit).withColumn(r, stripped)
    rest = F.col(r)
    negative = F.col(a) | rest.startswith("-")
    rest = F.when(rest.startswith("-"), rest.substr(2, 1 << 20)).otherwise(rest)
    rest = F.when(rest.startswith("+"), rest.substr(2, 1 << 20)).otherwise(rest)
    n, g = f"__{prefix}_n", f"__{prefix}_g"
    df = df.withColumn(g, negative).withColumn(n, rest)
    rest = F.col(n)
    has_commas = rest.contains(",")
    commas_ok = rest.rlike(THOUSANDS)
    digits = F.regexp_replace(rest, ",", "")
    # NumberParser: "-0" is zero; another leading minus (after the sign above) is negative.
    inner_negative = digits.startswith("-")
    unsigned = F.when(inner_negative, digits.substr(2, 1 << 20)).otherwise(digits)
    grammar = unsigned.rlike(NUMBER)
    number = unsigned.try_cast("double")
    finite = number.isNotNull() & (F.abs(number) != F.lit(float("inf")))
    upper = F.upper(t)
    kind = (F.when(raw.isNull() | (t == ""), F.lit("empty"))
            .when(upper.isin(PLACEHOLDERS) | t.startswith("#"), F.lit("unknown"))
            .when(t.isin("-", "—", "–"), F.lit("value"))
            .when(has_commas & ~commas_ok, F.lit("invalid"))
            .when(~grammar | ~finite, F.lit("invalid"))
            .when((F.col(g) | inner_negative) & (number != 0),
                  F.when(raw.contains("(") | raw.contains("（"), F.lit("accounting")).otherwise(F.lit("negative")))
            .otherwise(F.lit("value")))
    value = F.when(t.isin("-", "—", "–"), F.lit(0.0)).otherwise(F.abs(number))
    k = f"{prefix}_kind"
    df = df.withColumn(k, kind)
    df = df.withColumn(f"{prefix}_num", F.when(F.col(k) == "value", value).otherwise(F.lit(None).cast("double")))
    return df.drop(s, a, b, r, n, g)
