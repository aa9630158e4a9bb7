"""``python3 -m chaingraph_spark COMMAND --dataset D [options] --output DIR`` (SPEC §8).

Commands and options follow the CLI's (``chaingraph COMMAND --help``):

* ``local-rate --by firm|segment|chain|region|leader (--local R | --level K) [--per-chain K]``
* ``gaps --local R [--weak-below X] [--strong-above X] [--type T …]``
* ``leaders [--per-chain K] [--local R]``
* ``centrality --measure pagerank [--alpha A] [--tol T] [--max-iter N] [--reverse]
  [--weight value|none] [--method auto|power|dense]``

with the dataset options (``--encoding``, ``--unit``, ``--column FIELD=HEADER``,
``--add-unknown-firms``, ``-q``) and the row options (``--sort``, ``--top``). Output is always
CSV part files in DIR. Errors print ``chaingraph_spark: error: …`` and exit with the codes of
SPEC §5: 64 usage, 65 bad data, 66 missing input, 70 internal, 73 output.
"""

from __future__ import annotations

import argparse
import sys
import time

from .errors import ChainGraphSparkError, EX_SOFTWARE, EX_USAGE, InputMissing, UsageError
from .report import PREFIX, Reporter

__all__ = ["main", "build_parser", "run"]

COMMANDS = ["local-rate", "gaps", "leaders", "centrality"]
UNSUPPORTED_MEASURES = ["degree", "katz", "hits", "eigenvector", "betweenness", "closeness", "harmonic"]


class _Parser(argparse.ArgumentParser):
    """argparse with the CLI's usage errors: ``chaingraph_spark: error: …``, exit 64."""

    def error(self, message: str):
        raise UsageError(message)


def _add_common(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("dataset")
    g.add_argument("--dataset", required=True, metavar="DIR",
                   help="Dataset folder: links (required), firms and segments as NAME.csv, a NAME/ folder of part "
                        "files, or NAME.parquet; any path Spark reads (hdfs://, s3a://, file:).")
    g.add_argument("--encoding", default="auto", metavar="NAME",
                   help="Text encoding of the CSV files: auto, utf-8 or gb18030 (also gbk). auto reads UTF-8 and "
                        "falls back to GB18030 when the first bytes are not valid UTF-8.")
    g.add_argument("--unit", metavar="UNIT", help="Money unit of the dataset: 元, 千元, 万元, 百万元 or 亿元. When a "
                                                   "header or cell names a unit, every amount is converted to it "
                                                   "(default 万元).")
    g.add_argument("--column", action="append", default=[], metavar="FIELD=HEADER",
                   help="Map a header no alias covers to a field, e.g. --column value=发票金额 (repeatable).")
    g.add_argument("--add-unknown-firms", action="store_true",
                   help="Add firms that links name but firms lacks, with unknown region; their count is a warning.")
    g.add_argument("-q", "--quiet", action="store_true", help="No notes or warnings on stderr (errors are printed).")
    o = p.add_argument_group("output")
    o.add_argument("-o", "--output", required=True, metavar="DIR",
                   help="Directory for the CSV part files (written atomically: a temporary directory renamed into "
                        "place).")
    o.add_argument("--format", default="csv", metavar="FORMAT", help="Output format: csv (the only one).")
    o.add_argument("--sort", metavar="COLUMN[:asc|:desc]",
                   help="Sort rows by this column (numbers descending, text ascending), empty cells last.")
    o.add_argument("--top", type=int, metavar="K", help="Only the first K rows (gaps: K per type; leaders: K per chain).")
    s = p.add_argument_group("spark")
    s.add_argument("--checkpoint-dir", metavar="DIR",
                   help="Reliable checkpoints (PageRank iterations, rankings) in this directory, e.g. on HDFS; "
                        "without it checkpoints are local to the executors.")
    s.add_argument("--master", metavar="URL", help="Spark master when not run by spark-submit (default local[*]).")
    s.add_argument("--driver-memory", metavar="SIZE", help="Driver memory when not run by spark-submit (e.g. 2g).")


def _region(p: argparse.ArgumentParser, required_help: str) -> None:
    p.add_argument("--local", metavar="R", help=required_help)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = _Parser(prog="python3 -m chaingraph_spark",
                     description="ChainGraph's analyses on Spark (SPEC §8): the CLI's definitions, columns and "
                                 "number forms, on a cluster or with local[*].")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    lr = sub.add_parser("local-rate", help="Local supporting rate (本地配套率).")
    _add_common(lr)
    _region(lr, "Fixed locality: firms in region R are local; the buyers considered are the firms in R.")
    lr.add_argument("--level", type=int, metavar="K",
                    help="Relative locality: a supplier is local for a buyer when their regions agree on the first K "
                         "components (1 = same province).")
    lr.add_argument("--by", default="segment", metavar="GROUPING",
                    help="firm, segment (primary segment), chain, region, or leader (default segment).")
    lr.add_argument("--per-chain", type=int, default=3, metavar="K", help="--by leader: leader candidates per chain.")
    lr.add_argument("--within-km", type=float, metavar="D", help=argparse.SUPPRESS)
    gp = sub.add_parser("gaps", help="Chain gaps: 空白环节, 缺失配套, 短板, 卡脖子 and 长板 rows.")
    _add_common(gp)
    _region(gp, "The region R, e.g. 湖北 or 湖北/武汉: its firms are the local firms F_L.")
    gp.add_argument("--weak-below", type=float, default=0.5, metavar="SHARE", help="Weak (短板) below this local share.")
    gp.add_argument("--strong-above", type=float, default=0.8, metavar="SHARE",
                    help="Strong (长板) at or above this local share.")
    gp.add_argument("--type", action="append", default=[], metavar="TYPE",
                    help="Only rows of this type (repeatable): missing_segment, missing_link, weak_segment, "
                         "single_source, strong_segment.")
    ld = sub.add_parser("leaders", help="Chain leader (链主) ranking per chain, with 专精特新 specialist candidates.")
    _add_common(ld)
    _region(ld, "Only firms of R are candidates, and the specialist flag is computed.")
    ld.add_argument("--per-chain", type=int, default=3, metavar="K", help="Leader candidates per chain (default 3).")
    ce = sub.add_parser("centrality", help="PageRank of every firm.")
    _add_common(ce)
    ce.add_argument("--measure", required=True, metavar="MEASURE", help="pagerank (the measure the Spark package runs).")
    ce.add_argument("--alpha", type=float, default=0.85, help="Damping (default 0.85).")
    ce.add_argument("--tol", type=float, default=1e-10, help="Stop when the L1 change is below firms × tol.")
    ce.add_argument("--max-iter", type=int, default=10000, help="Iteration limit; not converging is an error.")
    ce.add_argument("--reverse", action="store_true", help="Run on the reversed graph: ranks key suppliers.")
    ce.add_argument("--weight", default="value", metavar="value|none", help="Edge strength: value (default) or none.")
    ce.add_argument("--method", default="auto", metavar="auto|power|dense",
                    help="auto: dense solve up to 256 firms (as the CLI), power iteration above.")
    ce.add_argument("--personalize", help=argparse.SUPPRESS)
    return parser


def _validate(args) -> None:
    if args.format != "csv":
        raise UsageError(f"--format {args.format}: the Spark package writes CSV part files only")
    if args.top is not None and args.top < 0:
        raise UsageError(f"--top must be a non-negative number of rows, got {args.top}")
    if args.encoding.lower() not in ("auto", "utf-8", "utf8", "gb18030", "gbk", "gb2312"):
        raise UsageError(f"unknown --encoding '{args.encoding}'; use auto, utf-8 or gb18030")
    for mapping in args.column:
        if "=" not in mapping or mapping.startswith("=") or mapping.endswith("="):
            raise UsageError(f"--column takes FIELD=HEADER, e.g. --column value=发票金额; got '{mapping}'")
    if args.unit is not None:
        from .amounts import unit_of
        if unit_of(args.unit) is None:
            raise UsageError(f"--unit {args.unit}: expected 元, 千元, 万元, 百万元 or 亿元")
    if args.command == "local-rate":
        if args.within_km is not None:
            raise UsageError("--within-km (distance locality, SPEC §3.9) is not available in the Spark package; use "
                             "the chaingraph CLI, or --local R / --level K")
        if args.local is not None and args.level is not None:
            raise UsageError("use either --local R or --level K, not both")
        if args.local is None and args.level is None:
            raise UsageError("give --local R (a fixed region) or --level K (same first K region components)")
        if args.level is not None and args.level < 1:
            raise UsageError(f"--level must be a number of region components ≥ 1 (1 = province), got {args.level}")
        if args.by not in ("firm", "segment", "chain", "region", "leader"):
            raise UsageError(f"--by must be firm, segment, chain, region or leader, got '{args.by}'")
        if args.by == "leader" and args.local is None:
            raise UsageError("--by leader needs --local R: leader candidates are ranked within a fixed region")
        if args.per_chain < 1:
            raise UsageError(f"--per-chain must be at least 1, got {args.per_chain}")
    if args.command == "gaps":
        if args.local is None:
            raise UsageError("gaps needs --local R (e.g. --local 湖北)")
        from .gaps import TYPES
        for t in args.type:
            if t not in TYPES:
                raise UsageError(f"--type {t}: expected one of {', '.join(TYPES)}")
    if args.command == "leaders" and args.per_chain < 1:
        raise UsageError(f"--per-chain must be at least 1, got {args.per_chain}")
    if args.command == "centrality":
        if args.measure in UNSUPPORTED_MEASURES:
            raise UsageError(f"--measure {args.measure}: the Spark package runs pagerank only; use the chaingraph CLI "
                             f"for {args.measure}")
        if args.measure != "pagerank":
            raise UsageError(f"--measure {args.measure}: unknown measure (the Spark package runs pagerank)")
        if args.personalize:
            raise UsageError("--personalize is not available in the Spark package; use the chaingraph CLI")
        if args.weight not in ("value", "none"):
            raise UsageError(f"--weight must be value or none, got '{args.weight}'")
        if args.method not in ("auto", "power", "dense"):
            raise UsageError(f"--method must be auto, power or dense, got '{args.method}'")


def run(args, spark=None, stderr=None) -> None:
    """Runs one parsed command (the session is created unless given; tests pass theirs)."""
    from .dataset import LoadOptions, load_dataset
    from .session import Runtime, configure, create_session

    _validate(args)
    reporter = Reporter(quiet=args.quiet, stream=stderr)
    if spark is None:
        spark = create_session(master=args.master, driver_memory=args.driver_memory)
    configure(spark)
    runtime = Runtime(spark, reporter, args.checkpoint_dir)
    columns = dict(m.split("=", 1) for m in args.column)
    columns = {k.strip().lower(): v.strip() for k, v in columns.items()}
    from .amounts import unit_of
    options = LoadOptions(dataset=args.dataset, encoding=args.encoding.lower(), unit=unit_of(args.unit),
                          columns=columns, add_unknown_firms=args.add_unknown_firms)
    started = time.time()
    ds = load_dataset(spark, options, reporter, runtime.checkpoint)
    from .output import emit
    if args.command == "local-rate":
        from . import local_rate as lr
        from .locality import fixed, relative
        if args.by in ("chain", "leader"):
            ds.require_tree(f"local-rate --by {args.by}")
        loc = fixed(args.local, ds, reporter) if args.local is not None else relative(args.level, ds)
        rows = lr.local_rate(runtime, ds, loc, args.by, args.per_chain)
        emit(runtime, rows, lr.COLUMNS, lr.order(rows), args.output, top=args.top, sort=args.sort)
    elif args.command == "gaps":
        from . import gaps as gp
        from .locality import fixed
        ds.require_tree("gaps")
        loc = fixed(args.local, ds, reporter)
        rows = gp.gaps(runtime, ds, loc, args.weak_below, args.strong_above, args.type or None)
        emit(runtime, rows, gp.COLUMNS, gp.order(rows), args.output, top=args.top, group="_t", sort=args.sort)
    elif args.command == "leaders":
        from . import leaders as ld
        from .locality import fixed
        from pyspark.sql import functions as F
        ds.require_tree("the leader ranking")
        loc = fixed(args.local, ds, reporter) if args.local is not None else None
        rows = ld.leaders(runtime, ds, loc, args.per_chain)
        emit(runtime, rows, ld.COLUMNS, [(F.col("chain_ord"), "asc"), (F.col("rank"), "asc")], args.output,
             top=args.top, group="chain_ord", sort=args.sort)
    else:
        from . import pagerank as pr
        from .formatting import tie_key
        from pyspark.sql import functions as F
        rows = pr.pagerank(runtime, ds, args.alpha, args.tol, args.max_iter, args.reverse, args.weight == "value",
                           args.method)
        rows = rows.withColumn("_tie", tie_key(F.col("score")))
        emit(runtime, rows, pr.COLUMNS, [(F.col("_tie"), "desc"), (F.col("firm"), "asc")], args.output, top=args.top,
             sort=args.sort)
    reporter.note(f"wrote {args.output} in {time.time() - started:.1f} s")


def main(argv: list[str] | None = None, spark=None, stderr=None) -> int:
    """Parses ``argv``, runs the command, and returns the exit code (SPEC §5)."""
    err = stderr if stderr is not None else sys.stderr
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if not argv or argv[0] in ("-h", "--help"):
            parser.print_help(file=sys.stdout)
            return 0 if argv else EX_USAGE
        args = parser.parse_args(argv)
        if args.command is None:
            raise UsageError(f"give a command: {', '.join(COMMANDS)}")
        run(args, spark=spark, stderr=err)
        return 0
    except ChainGraphSparkError as error:
        print(f"{PREFIX}: error: {error.message}", file=err, flush=True)
        return error.exit_code
    except SystemExit as exit_:
        return int(exit_.code or 0)
    except Exception as error:  # the JVM or Python failed in a way the package does not foresee
        text = str(error).strip().splitlines()
        print(f"{PREFIX}: error: internal error: {type(error).__name__}: {text[0] if text else ''}", file=err,
              flush=True)
        return EX_SOFTWARE
