"""The tables of a dataset as Spark DataFrames of trimmed text cells (SPEC §1, §1.1).

A table (``links``, ``firms``, ``segments``) is found in the dataset folder as

* ``NAME.csv`` — one CSV file (UTF-8 with or without BOM, or GB18030; comma or tab);
* ``NAME/`` — a folder of part files as Spark writes them (``part-*.csv``, each with its header
  row, optionally compressed), or of Parquet files (``*.parquet``);
* ``NAME.parquet`` — a Parquet file or folder.

Headers are matched as the CLI matches them (``HeaderMatching.swift``): trimmed, full-width
forms folded, case-folded, a trailing bracketed unit removed (``金额（万元）``), then looked up in
the English names and the Chinese aliases of SPEC §1/§1.1, or mapped with ``--column``. The
header row is the first row (of the first 100) that names every required column; rows above it
are title rows, skipped with a note.

The reader keeps every row and tags it (``_kind``): ``data``, ``header`` (the header row of each
part file), ``title``, ``blank``, ``total`` (合计/总计/小计/Total with empty ids) and ``bad_width``
(a row with another number of fields than the header: a data error). The dataset loader counts
the tags in its one validation pass and keeps the ``data`` rows.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from pyspark.sql import Column, DataFrame, SparkSession
from pyspark.sql import functions as F

from .errors import DataError, InputMissing, UsageError
from .report import Reporter
from .storage import FileInfo, Storage

__all__ = ["FieldSpec", "TABLE_FIELDS", "TableSource", "LocatedTable", "locate_source",
           "read_table", "normalize_header", "fold_width", "trim_cell", "TOTAL_WORDS"]

HEAD_BYTES = 1 << 20          # bytes read to find the header row and the encoding
HEADER_SEARCH_ROWS = 100      # the header must be among the first rows (as in the CLI)
TOTAL_WORDS = ["合计", "总计", "小计", "total", "总合计", "共计"]


def fold_width(text: str) -> str:
    """Full-width forms (U+FF01…U+FF5E) and the ideographic space to ASCII."""
    return "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else (" " if c == "\u3000" else c)
                   for c in text)


def _trim(text: str) -> str:
    return text.strip(" \t\u3000")


def normalize_header(cell: str) -> tuple[str, str | None]:
    """A header cell as the CLI compares it: folded, trimmed, lower-cased, with a trailing
    bracketed unit removed and returned (``金额（万元）`` → (``金额``, ``万元``))."""
    s = _trim(fold_width(cell)).lower()
    for open_, close in (("(", ")"), ("[", "]"), ("【", "】"), ("〔", "〕")):
        if not s.endswith(close):
            continue
        start = s.rfind(open_)
        if start < 0:
            continue
        inner = _trim(s[start + 1:-1])
        for prefix in ("单位:", "单位："):
            if inner.startswith(prefix):
                inner = _trim(inner[len(prefix):])
        return _trim(s[:start]), inner
    return s, None


@dataclass(frozen=True)
class FieldSpec:
    """A column the loader knows: English name, accepted headers (best first), whether the
    table needs it, and whether it is money (converted between units)."""
    name: str
    aliases: tuple[str, ...]
    required: bool = False
    money: bool = False

    @property
    def headers(self) -> list[str]:
        return [self.name] + [normalize_header(a)[0] for a in self.aliases]


TABLE_FIELDS: dict[str, list[FieldSpec]] = {
    "links": [FieldSpec("supplier", ("供应商", "销方", "销方名称", "销售方"), required=True),
              FieldSpec("buyer", ("采购商", "购方", "购方名称", "购买方"), required=True),
              FieldSpec("value", ("金额", "采购金额", "交易金额", "采购额", "交易额", "价税合计", "amount"), money=True),
              FieldSpec("segment", ("环节", "所属环节", "产业环节"))],
    "firms": [FieldSpec("id", ("企业编号", "统一社会信用代码", "信用代码"), required=True),
              FieldSpec("name", ("企业名称", "名称")),
              FieldSpec("region", ("地区", "所在地区", "注册地", "地址")),
              FieldSpec("segment", ("环节", "所属环节", "产业环节")),
              FieldSpec("revenue", ("营收", "营业收入", "主营业务收入", "产值"), money=True),
              FieldSpec("tags", ("标签",)),
              FieldSpec("lat", ("纬度", "latitude")), FieldSpec("lon", ("经度", "longitude", "lng"))],
    "segments": [FieldSpec("id", ("环节编号",), required=True), FieldSpec("name", ("环节名称", "名称")),
                 FieldSpec("chain", ("产业链",), required=True), FieldSpec("parent", ("上级环节",)),
                 FieldSpec("stage", ("阶段",)), FieldSpec("inputs", ("投入环节",))],
}

# Words in an unused header that suggest a known field (SPEC §1.1: a warning).
LOOKALIKES = [("金额", "value"), ("额", "value"), ("价", "value"), ("收入", "revenue"), ("营收", "revenue"),
              ("产值", "revenue"), ("地区", "region"), ("地址", "region"), ("省", "region"), ("市", "region"),
              ("环节", "segment"), ("供应", "supplier"), ("销", "supplier"), ("采购", "buyer"), ("购", "buyer"),
              ("代码", "id"), ("编号", "id")]


@dataclass
class HeaderMatch:
    """Field name → column index (-1 absent) and the unit each header named."""
    columns: dict[str, int]
    units: dict[str, str | None]
    unused: list[tuple[int, str]]


def match_header(cells: list[str], fields: list[FieldSpec], explicit: dict[str, str]):
    """Matches one row against the fields (``HeaderMatching.match``). Returns (match or None
    when a required field is missing, duplicate (field, first column, second column) or None)."""
    columns = {f.name: -1 for f in fields}
    priority = {f.name: 1 << 30 for f in fields}
    units: dict[str, str | None] = {f.name: None for f in fields}
    used: set[int] = set()
    duplicate = None
    normalized = [normalize_header(c) for c in cells]
    for f in fields:
        header = explicit.get(f.name)
        if header is None:
            continue
        target = normalize_header(header)[0]
        k = next((i for i, (n, _u) in enumerate(normalized) if n == target), None)
        if k is None:
            k = next((i for i, c in enumerate(cells) if _trim(c) == _trim(header)), None)
        if k is not None:
            columns[f.name], priority[f.name], units[f.name] = k, -1, normalized[k][1]
            used.add(k)
    for k, (name, unit) in enumerate(normalized):
        if k in used or not name:
            continue
        for f in fields:
            if priority[f.name] < 0:
                continue
            headers = f.headers
            if name not in headers:
                continue
            p = headers.index(name)
            if p < priority[f.name]:
                columns[f.name], priority[f.name], units[f.name] = k, p, unit
            elif p == priority[f.name] and duplicate is None:
                duplicate = (f.name, columns[f.name], k)
    if any(f.required and columns[f.name] < 0 for f in fields):
        return None, duplicate
    claimed = {c for c in columns.values() if c >= 0}
    unused = [(k, _trim(cells[k])) for k in range(len(cells)) if k not in claimed and normalized[k][0]]
    return HeaderMatch(columns, units, unused), duplicate


@dataclass
class TableSource:
    """Where a table's data is: CSV or Parquet files, and the name used in messages."""
    table: str
    format: str
    files: list[FileInfo]
    display: str
    root: str


@dataclass
class LocatedTable:
    """A table with its header found: the source, the match, the header width and cells, the
    title rows above it, and the CSV reading options chosen."""
    source: TableSource
    match: HeaderMatch
    header: list[str]
    header_line: int
    titles: list[tuple[list[str], str]] = field(default_factory=list)
    sep: str = ","
    encoding: str = "UTF-8"
    multiline: bool = False


CSV_SUFFIXES = (".csv", ".csv.gz", ".csv.bz2", ".csv.deflate", ".csv.zst", ".csv.lz4", ".tsv", ".txt")


def _data_files(files: list[FileInfo]) -> list[FileInfo]:
    return [f for f in files if not f.is_dir and not f.name.startswith(("_", ".")) and f.size > 0]


def locate_source(storage: Storage, dataset: str, table: str, required: bool) -> TableSource | None:
    """Finds ``table`` in the dataset folder (see the module docstring). ``None`` when it is
    absent and not required; workbooks are refused with the reason."""
    base = dataset.rstrip("/")
    for suffix in (".xlsx", ".xls"):
        if storage.exists(f"{base}/{table}{suffix}"):
            raise InputMissing(f"{base}/{table}{suffix}: the Spark package reads CSV and Parquet tables, not "
                               f"workbooks; save the sheet as {table}.csv (UTF-8 or GB18030) first")
    csv_file = f"{base}/{table}.csv"
    if storage.exists(csv_file) and not storage.is_dir(csv_file):
        return TableSource(table, "csv", [storage.info(csv_file)], f"{table}.csv", base)
    for folder, name in ((f"{base}/{table}", f"{table}/"), (f"{base}/{table}.parquet", f"{table}.parquet"),
                         (csv_file, f"{table}.csv/")):
        if not storage.exists(folder):
            continue
        if not storage.is_dir(folder):
            return TableSource(table, "parquet", [storage.info(folder)], name, base)
        files = _data_files(storage.list(folder))
        if not files:
            raise InputMissing(f"{base}/{name}: the folder holds no data files (part-*.csv or *.parquet)")
        parquet = [f for f in files if f.name.endswith(".parquet")]
        if parquet and len(parquet) == len(files):
            return TableSource(table, "parquet", parquet, name, base)
        if parquet or name.endswith(".parquet"):
            if len(parquet) != len(files):
                odd = next(f.name for f in files if not f.name.endswith(".parquet"))
                raise InputMissing(f"{base}/{name}: mixes Parquet files with other files ({odd})")
        texts = [f for f in files if f.name.startswith("part-") or f.name.endswith(CSV_SUFFIXES)]
        if len(texts) != len(files):
            odd = next(f.name for f in files if f not in texts)
            raise InputMissing(f"{base}/{name}: {odd} is neither a CSV part file (part-*, *.csv) nor Parquet")
        return TableSource(table, "csv", texts, name, base)
    if required:
        raise InputMissing(f"{base}/{table}.csv: No such file or directory (a dataset needs {table}.csv, "
                           f"a {table}/ folder of part files, or {table}.parquet)")
    return None


def _decode_head(data: bytes, truncated: bool, encoding: str) -> tuple[str, str]:
    """Decodes the first bytes of a CSV file; returns (text, Spark charset name)."""
    if encoding in ("utf-8", "utf8"):
        return data.decode("utf-8", errors="replace"), "UTF-8"
    if encoding in ("gb18030", "gbk", "gb2312"):
        return data.decode("gb18030", errors="replace"), "GB18030"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as e:
        if truncated and e.start >= len(data) - 3:
            return data[:e.start].decode("utf-8"), "UTF-8"
        return data.decode("gb18030", errors="replace"), "GB18030"


def _gzip_like(name: str) -> bool:
    return name.endswith((".gz", ".bz2", ".deflate", ".zst", ".lz4"))


def _locate_csv(storage: Storage, source: TableSource, explicit: dict[str, str], encoding: str,
                reporter: Reporter) -> LocatedTable:
    first = source.files[0]
    fields = TABLE_FIELDS[source.table]
    if _gzip_like(first.name):
        # Compressed part files: their first rows are read through Spark below.
        raise _CompressedHead()
    data = storage.read_head(first.path, HEAD_BYTES)
    truncated = len(data) >= HEAD_BYTES
    text, charset = _decode_head(data, truncated, encoding)
    if text.startswith("\ufeff"):
        text = text[1:]
    return _locate_in_text(source, text, truncated, charset, explicit, reporter)


class _CompressedHead(Exception):
    pass


def _locate_in_text(source: TableSource, text: str, truncated: bool, charset: str,
                    explicit: dict[str, str], reporter: Reporter) -> LocatedTable:
    fields = TABLE_FIELDS[source.table]
    lines = text.splitlines(keepends=True)
    if truncated and lines:
        lines = lines[:-1]
    for sep in (",", "\t"):
        rows = list(csv.reader(io.StringIO("".join(lines[: HEADER_SEARCH_ROWS * 4])), delimiter=sep))
        raw_lines = [l.rstrip("\r\n") for l in lines]
        for i, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
            match, duplicate = match_header(cells, fields, explicit)
            if match is None:
                continue
            where = f"{source.display}"
            if duplicate is not None:
                name, a, b = duplicate
                raise DataError(f"{where}:{i + 1}:{b + 1}: column {name} appears twice in the header "
                                f"(also column {a + 1})")
            multiline = any("\n" in c or "\r" in c for row in rows for c in row)
            titles = [(r, raw_lines[k] if k < len(raw_lines) else "") for k, r in enumerate(rows[:i])]
            located = LocatedTable(source, match, cells, i + 1, titles, sep, charset, multiline)
            _note_header(located, reporter)
            return located
    first_row = next(iter(csv.reader(io.StringIO(lines[0] if lines else ""))), [])
    names = ", ".join(f"\"{f.name}\" ({f.aliases[0] if f.aliases else f.name})" for f in fields if f.required)
    if not first_row:
        raise DataError(f"{source.display}:1:0: file is empty; expected a header row with at least: {names}")
    raise DataError(f"{source.display}:1:0: no header row names every required column {names}; first row is: "
                    f"{','.join(first_row)}; map another header with --column FIELD=HEADER")


def _note_header(t: LocatedTable, reporter: Reporter) -> None:
    """Notes about the header row: skipped title rows, unused and look-alike columns."""
    fields = TABLE_FIELDS[t.source.table]
    if t.titles:
        shown = ", ".join(f"\"{next((c for c in cells if _trim(c)), '')}\"" for cells, _raw in t.titles)
        reporter.problem("note", "title_rows", f"{t.source.display}: skipped {len(t.titles)} row(s) above the "
                                               f"header: {shown}")
    for column, header in t.match.unused:
        name = normalize_header(header)[0]
        like = next((fld for word, fld in LOOKALIKES if word in name), None)
        spec = next((f for f in fields if f.name == like), None)
        if spec is not None and (t.match.columns[spec.name] < 0 or spec.money):
            reporter.problem("warning", "lookalike_column",
                             f"{t.source.display}: column \"{header}\" is not used but looks like {like}; "
                             f"map it to {like} if it is (--column FIELD=HEADER)")
        else:
            reporter.problem("note", "unused_column", f"{t.source.display}: column \"{header}\" is not used")


def trim_cell(c: Column) -> Column:
    """A cell without surrounding spaces, tabs and ideographic spaces; empty → null."""
    t = F.btrim(c, F.lit(" \t\u3000"))
    return F.when(t == "", F.lit(None).cast("string")).otherwise(t)


def _fold_width_col(c: Column) -> Column:
    src = "".join(chr(u) for u in range(0xFF01, 0xFF5F)) + "\u3000"
    dst = "".join(chr(u - 0xFEE0) for u in range(0xFF01, 0xFF5F)) + " "
    return F.translate(c, src, dst)


def read_table(spark: SparkSession, storage: Storage, source: TableSource, explicit: dict[str, str],
               encoding: str, reporter: Reporter) -> tuple[DataFrame, LocatedTable]:
    """Reads a located table: a DataFrame with one trimmed text column per known field
    (null when the table lacks it or the cell is empty), ``_kind`` (see the module
    docstring) and ``_raw`` (the text of a row with the wrong number of fields)."""
    fields = TABLE_FIELDS[source.table]
    if source.format == "parquet":
        return _read_parquet(spark, source, explicit, reporter)
    try:
        located = _locate_csv(storage, source, explicit, encoding, reporter)
    except _CompressedHead:
        located = _locate_compressed(spark, source, explicit, encoding, reporter)
    width = len(located.header)
    schema = ", ".join(f"c{i} string" for i in range(width)) + ", _corrupt string"
    reader = (spark.read.schema(schema).option("header", False).option("mode", "PERMISSIVE")
              .option("columnNameOfCorruptRecord", "_corrupt").option("sep", located.sep)
              .option("quote", '"').option("escape", '"').option("encoding", located.encoding)
              .option("multiLine", located.multiline))
    raw = reader.csv([f.path for f in source.files])
    # First the trimmed cells, then the row kind from them (two projections keep the plan small).
    trimmed = raw.select(*[trim_cell(F.col(f"c{i}")).alias(f"t{i}") for i in range(width)], "_corrupt")
    cells = [F.col(f"t{i}") for i in range(width)]
    header_cells = [_trim(c) or None for c in located.header]
    is_header = F.lit(True)
    for i, h in enumerate(header_cells):
        is_header = is_header & (cells[i].eqNullSafe(F.lit(h)) if i > 0 else
                                 F.regexp_replace(cells[0], "^\ufeff", "").eqNullSafe(F.lit(h)))
    corrupt = F.regexp_replace(F.col("_corrupt"), "^\ufeff", "")
    is_title = F.lit(False)
    for title_cells, title_raw in located.titles:
        if len(title_cells) != width:
            is_title = is_title | corrupt.eqNullSafe(F.lit(title_raw))
            continue
        same = F.lit(True)
        for i in range(width):
            same = same & cells[i].eqNullSafe(F.lit(_trim(title_cells[i]) or None))
        is_title = is_title | same
    blank = F.lit(True)
    for c in cells:
        blank = blank & c.isNull()
    first_cell = F.coalesce(*cells)
    total_word = F.lower(F.regexp_replace(_fold_width_col(first_cell), "[ \t\u3000]", "")).isin(TOTAL_WORDS)
    id_fields = ["supplier", "buyer"] if source.table == "links" else ["id"]
    ids_empty = F.lit(True)
    for name in id_fields:
        k = located.match.columns[name]
        ids_empty = ids_empty & (cells[k].isNull() | (cells[k] == first_cell))
    kind = (F.when(is_title, F.lit("title"))
            .when(is_header & F.col("_corrupt").isNull(), F.lit("header"))
            .when(F.col("_corrupt").isNotNull(), F.lit("bad_width"))
            .when(blank, F.lit("blank"))
            .when(total_word & ids_empty, F.lit("total"))
            .otherwise(F.lit("data")))
    out = [(cells[located.match.columns[f.name]] if located.match.columns[f.name] >= 0
            else F.lit(None).cast("string")).alias(f.name) for f in fields]
    df = trimmed.select(*out, kind.alias("_kind"), F.col("_corrupt").alias("_raw"))
    return df, located


def _locate_compressed(spark: SparkSession, source: TableSource, explicit: dict[str, str], encoding: str,
                       reporter: Reporter) -> LocatedTable:
    """The header of a compressed part file, from its first lines read through Spark."""
    charset = "GB18030" if encoding in ("gb18030", "gbk", "gb2312") else "UTF-8"
    lines = [r.value for r in spark.read.option("encoding", charset).text(source.files[0].path)
             .limit(HEADER_SEARCH_ROWS).collect()]
    text = "\n".join(lines) + "\n"
    if text.startswith("\ufeff"):
        text = text[1:]
    return _locate_in_text(source, text, False, charset, explicit, reporter)


def _read_parquet(spark: SparkSession, source: TableSource, explicit: dict[str, str],
                  reporter: Reporter) -> tuple[DataFrame, LocatedTable]:
    fields = TABLE_FIELDS[source.table]
    raw = spark.read.parquet(*[f.path for f in source.files])
    names = raw.columns
    match, duplicate = match_header(names, fields, explicit)
    if duplicate is not None:
        name, a, b = duplicate
        raise DataError(f"{source.display}: column {name} appears twice (columns {names[a]} and {names[b]})")
    if match is None:
        required = ", ".join(f"\"{f.name}\"" for f in fields if f.required)
        raise DataError(f"{source.display}: no column names every required field {required}; columns are: "
                        f"{', '.join(names)}; map another name with --column FIELD=HEADER")
    located = LocatedTable(source, match, names, 0)
    _note_header(located, reporter)
    out = [(trim_cell(F.col(f"`{names[match.columns[f.name]]}`").cast("string")) if match.columns[f.name] >= 0
            else F.lit(None).cast("string")).alias(f.name) for f in fields]
    cells = [c for c in out]
    id_fields = ["supplier", "buyer"] if source.table == "links" else ["id"]
    first = F.coalesce(*[trim_cell(F.col(f"`{n}`").cast("string")) for n in names])
    total_word = F.lower(F.regexp_replace(_fold_width_col(first), r"[ \t\u3000]", "")).isin(TOTAL_WORDS)
    ids_empty = F.lit(True)
    for name in id_fields:
        c = trim_cell(F.col(f"`{names[match.columns[name]]}`").cast("string"))
        ids_empty = ids_empty & (c.isNull() | (c == first))
    blank = F.lit(True)
    for n in names:
        blank = blank & trim_cell(F.col(f"`{n}`").cast("string")).isNull()
    kind = F.when(blank, F.lit("blank")).when(total_word & ids_empty, F.lit("total")).otherwise(F.lit("data"))
    df = raw.select(*cells, kind.alias("_kind"), F.lit(None).cast("string").alias("_raw"))
    return df, located
