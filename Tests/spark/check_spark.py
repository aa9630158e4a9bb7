#!/usr/bin/env python3
"""Equivalence test: the Spark package (``spark/``, SPEC §8) against the ``chaingraph`` CLI.

    python3 Tests/spark/check_spark.py PATH_TO_CHAINGRAPH [--master local[2]] [--keep DIR]

Runs every Spark command in local mode on several datasets and compares each output row and
column with the CLI's CSV output on the same data: text, counts and flags exactly, numbers
within 1e-9 relative (SPEC §8). The datasets:

* ``nev`` — the bundled example (datasets/nev), as it is;
* ``cyclic_ties`` — the hand-worked fixture of Tests/Fixtures/analytics (2-cycles, scores equal
  as reals but not as floats, ids whose UTF-8 order is not the natural one, strong segments
  without local demand);
* ``gen_messy`` — ``chaingraph generate`` output made messy as analysts' files are: firms
  without region, firms without segment whose links have an unknown segment, added 2-cycles,
  self-loops, duplicate and parallel rows, empty and zero values, numbers with thousands
  separators and currency signs, region cells written as place strings (湖北省武汉市…), links
  naming a firm by its name, a title row and a total row;
* ``gen_parts`` — another generated chain with Chinese headers and a money unit in the header
  (金额（元）, converted to 万元 by both), read by Spark as a folder of part files
  (``links/part-*.csv``) and Parquet firms, by the CLI as the same rows in CSV files.

Every local-rate grouping in fixed (``--local``) and relative (``--level``) mode, gaps with
default and custom thresholds, leaders with and without a region, PageRank (also reversed and
by the power method), the row options (``--top``, ``--sort``, ``--type``), and the exit codes
of bad options, missing inputs and bad data are checked. One command also runs through
``python3 -m chaingraph_spark`` as a separate process. Exit status 0 when everything matches.

The Spark commands share one local Spark session (``main(argv, spark=…)``, the same entry
point as the command line), so each dataset is loaded once; on 2 cores the whole check takes
a few minutes.
"""

from __future__ import annotations

import argparse
import csv
import glob
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "spark"))

TOLERANCE = 1e-9


# --------------------------------------------------------------------------------------------
# Datasets
# --------------------------------------------------------------------------------------------

def read_table(path: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of a CSV file (title rows above the header skipped)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    k = next(i for i, r in enumerate(rows) if {"id", "企业编号", "supplier", "供应商"} & set(r))
    return rows[k], rows[k + 1:]


def write_table(path: str, header: list[str], rows: list[list[str]], before: list[list[str]] = ()) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        for r in before:
            w.writerow(r)
        w.writerow(header)
        w.writerows(rows)


def generate(cli: str, folder: str, firms: int, links_per_firm: float, seed: int, local_share: float) -> None:
    subprocess.run([cli, "generate", "--firms", str(firms), "--links-per-firm", str(links_per_firm), "--seed",
                    str(seed), "--local-share", str(local_share), "--out", folder, "--quiet"], check=True)


def place_string(region: str) -> str:
    """湖北/武汉/东湖高新区 → 湖北省武汉市东湖高新区 (a municipality keeps 市 once: 上海市张江)."""
    parts = region.split("/")
    if len(parts) >= 2 and parts[0] == parts[1]:
        return parts[0] + "市" + "".join(parts[2:])
    out = parts[0] + ("省" if parts[0] not in ("广西", "内蒙古", "新疆", "西藏", "宁夏") else "")
    if len(parts) >= 2:
        out += parts[1] + "市"
    return out + "".join(parts[2:])


def make_messy(cli: str, folder: str) -> None:
    """A generated dataset with the irregularities analysts' files have (see the docstring)."""
    generate(cli, folder, firms=400, links_per_firm=5, seed=7, local_share=0.5)
    rng = random.Random(7)
    fh, firms = read_table(os.path.join(folder, "firms.csv"))
    lh, links = read_table(os.path.join(folder, "links.csv"))
    col = {name: i for i, name in enumerate(fh)}
    ids = [f[col["id"]] for f in firms]
    # Firms without region, firms without segment, regions as place strings.
    for f in rng.sample(firms, 25):
        f[col["region"]] = ""
    segmentless = rng.sample([f for f in firms if f[col["region"]]], 12)
    for f in segmentless:
        f[col["segment"]] = ""
    for f in rng.sample([f for f in firms if f[col["region"]].count("/") >= 1], 40):
        f[col["region"]] = place_string(f[col["region"]])
    names = {f[col["id"]]: f[col["name"]] for f in firms}
    new_links = []
    # Links from segment-less suppliers with an empty segment cell: unknown link segment.
    for f in segmentless:
        for _ in range(3):
            new_links.append([f[col["id"]], rng.choice(ids), f"{rng.uniform(1, 5000):.2f}", ""])
    # 2-cycles: the buyer also sells to its supplier.
    for s, b, v, t in rng.sample(links, 30):
        if s != b:
            new_links.append([b, s, f"{rng.uniform(1, 900):.1f}", ""])
    # Self-loops, duplicate rows, empty and zero values, number forms, names for ids.
    for s, b, v, t in rng.sample(links, 3):
        new_links.append([s, s, v, t])
    new_links += [list(r) for r in rng.sample(links, 15)]
    for r in rng.sample(links, 10):
        r[2] = ""
    for r in rng.sample(links, 6):
        r[2] = "0"
    for r in rng.sample(links, 8):
        v = float(r[2] or 0)
        r[2] = f"{v:,.2f}" if v >= 1000 else f"¥{v:.2f}"
    for r in rng.sample(links, 5):
        r[0] = names[r[0]]
    for r in rng.sample(links, 5):
        r[1] = names[r[1]]
    links = links + new_links
    rng.shuffle(links)
    links.append(["合计", "", "", ""])
    write_table(os.path.join(folder, "firms.csv"), fh, firms, before=[["2025年新能源汽车产业链企业名单", "", "", "", "", ""]])
    write_table(os.path.join(folder, "links.csv"), lh, links)


def make_parts(cli: str, csv_folder: str, spark_folder: str, spark) -> None:
    """Chinese headers and a unit; Spark reads links as part files and firms as Parquet."""
    generate(cli, csv_folder, firms=250, links_per_firm=6, seed=21, local_share=0.6)  # ≤ 256: PageRank auto is dense
    rng = random.Random(21)
    fh, firms = read_table(os.path.join(csv_folder, "firms.csv"))
    lh, links = read_table(os.path.join(csv_folder, "links.csv"))
    for f in rng.sample(firms, 15):
        f[2] = ""
    for r in links:
        r[2] = f"{float(r[2]) * 10000:.2f}"  # now in 元
    for s, b, v, t in rng.sample(links, 20):
        links.append([b, s, f"{rng.uniform(100, 90000):.2f}", ""])
    zh_links = ["供应商", "采购商", "金额（元）", "环节"]
    zh_firms = ["企业编号", "企业名称", "地区", "所属环节", "营收（万元）", "标签"]
    write_table(os.path.join(csv_folder, "links.csv"), zh_links, links)
    write_table(os.path.join(csv_folder, "firms.csv"), zh_firms, firms)
    os.makedirs(os.path.join(spark_folder, "links"))
    half = len(links) // 2
    for k, part in enumerate((links[:half], links[half:])):
        write_table(os.path.join(spark_folder, "links", f"part-{k:05d}.csv"), zh_links, part)
    shutil.copy(os.path.join(csv_folder, "segments.csv"), os.path.join(spark_folder, "segments.csv"))
    frame = spark.createDataFrame(firms, ", ".join(f"`{h}` string" for h in zh_firms))
    frame.coalesce(1).write.parquet(os.path.join(spark_folder, "firms"))


def region_choices(folder: str) -> tuple[str, str]:
    """The province with most firms and its city with most firms (canonical names)."""
    sys.path.insert(0, os.path.join(ROOT, "spark"))
    from chaingraph_spark.divisions import normalize
    header, rows = read_table(os.path.join(folder, "firms.csv"))
    k = next(i for i, h in enumerate(header) if h in ("region", "地区"))
    counts: dict[tuple, int] = {}
    for r in rows:
        comps = normalize(r[k]).components if r[k] else []
        for depth in (1, 2):
            if len(comps) >= depth:
                counts[tuple(comps[:depth])] = counts.get(tuple(comps[:depth]), 0) + 1
    province = max((p for p in counts if len(p) == 1), key=lambda p: (counts[p], p))
    city = max((p for p in counts if len(p) == 2 and p[0] == province[0]), key=lambda p: (counts[p], p))
    return province[0], "/".join(city)


# --------------------------------------------------------------------------------------------
# Running and comparing
# --------------------------------------------------------------------------------------------

def cli_run(cli: str, args: list[str]) -> tuple[int, list[list[str]], str]:
    out = subprocess.run([cli] + args + ["--format", "csv", "-q"], capture_output=True, text=True)
    rows = list(csv.reader(io.StringIO(out.stdout))) if out.returncode == 0 else []
    return out.returncode, rows, out.stderr


def spark_rows(folder: str) -> list[list[str]]:
    """The rows of a Spark CSV output directory: part files in name order, each with a header."""
    header, rows = None, []
    for path in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(path, encoding="utf-8", newline="") as fh:
            part = list(csv.reader(fh))
        if not part:
            continue
        if header is not None and part[0] != header:
            raise AssertionError(f"{path}: header {part[0]} differs from {header}")
        header = part[0]
        rows += part[1:]
    return ([header] if header else []) + rows


def as_number(text: str):
    try:
        return float(text)
    except ValueError:
        return None


def compare(expected: list[list[str]], actual: list[list[str]]) -> tuple[list[str], bool]:
    """Differences (empty when equal within tolerance) and whether the text is identical."""
    problems = []
    if not expected or not actual:
        return [f"no output (CLI {len(expected)} lines, Spark {len(actual)} lines)"], False
    if expected[0] != actual[0]:
        return [f"header: CLI {expected[0]} vs Spark {actual[0]}"], False
    if len(expected) != len(actual):
        problems.append(f"row count: CLI {len(expected) - 1}, Spark {len(actual) - 1}")
    header = expected[0]
    for i, (a, b) in enumerate(zip(expected[1:], actual[1:]), start=1):
        for name, x, y in zip(header, a, b):
            if x == y:
                continue
            fx, fy = as_number(x), as_number(y)
            if fx is not None and fy is not None and abs(fx - fy) <= TOLERANCE * max(abs(fx), abs(fy)):
                continue
            problems.append(f"row {i} ({a[0]}, {a[1] if len(a) > 1 else ''}) {name}: CLI {x!r}, Spark {y!r}")
    return problems, expected == actual


class Check:
    """Runs cases and tallies the results."""

    def __init__(self, cli: str, spark, workdir: str):
        self.cli = cli
        self.spark = spark
        self.workdir = workdir
        self.failures: list[str] = []
        self.cases = 0
        self.identical = 0
        self.counter = 0

    def spark_main(self, argv: list[str]) -> tuple[int, str]:
        from chaingraph_spark.cli import main
        err = io.StringIO()
        code = main(argv, spark=self.spark, stderr=err)
        return code, err.getvalue()

    def rows(self, name: str, cli_dataset: str, spark_dataset: str, args: list[str]) -> None:
        """One output case: the same command on both, every row and column compared."""
        self.cases += 1
        self.counter += 1
        out = os.path.join(self.workdir, "out", f"{self.counter:03d}")
        started = time.time()
        code, err = self.spark_main(args + ["--dataset", spark_dataset, "--output", out])
        seconds = time.time() - started
        cli_code, expected, cli_err = cli_run(self.cli, args + ["--dataset", cli_dataset])
        label = f"{name}: {' '.join(args)}"
        if cli_code != 0:
            self.failures.append(f"{label}: the CLI failed ({cli_code}): {cli_err.strip()}")
            print(f"FAIL {label} (CLI exit {cli_code})")
            return
        if code != 0:
            self.failures.append(f"{label}: Spark exit {code}: {err.strip()}")
            print(f"FAIL {label} (Spark exit {code}: {err.strip().splitlines()[-1] if err.strip() else ''})")
            return
        problems, identical = compare(expected, spark_rows(out))
        if problems:
            self.failures.append(f"{label}: " + "; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)"
                                                                          if len(problems) > 5 else ""))
            print(f"FAIL {label}")
            for p in problems[:5]:
                print(f"     {p}")
            return
        self.identical += identical
        print(f"ok   {label}  [{len(expected) - 1} rows, {'identical text' if identical else 'numbers within 1e-9'}, "
              f"{seconds:.1f} s]")

    def exit_code(self, name: str, cli_args: list[str], spark_args: list[str]) -> None:
        """An error case: Spark must exit with the CLI's code (SPEC §5)."""
        self.cases += 1
        self.counter += 1
        out = os.path.join(self.workdir, "out", f"{self.counter:03d}")
        code, err = self.spark_main(spark_args + ["--output", out])
        cli_code, _rows, cli_err = cli_run(self.cli, cli_args)
        label = f"{name}: exit code of {' '.join(spark_args)}"
        if code != cli_code or not err.startswith("chaingraph_spark: error:"):
            self.failures.append(f"{label}: CLI {cli_code}, Spark {code} ({err.strip()})")
            print(f"FAIL {label}: CLI {cli_code}, Spark {code}: {err.strip()}")
        elif os.path.exists(out):
            self.failures.append(f"{label}: a failed run left {out}")
            print(f"FAIL {label}: output left behind")
        else:
            print(f"ok   {label} = {code}  ({err.strip().splitlines()[-1][:110]})")

    def process(self, name: str, expected: list[list[str]], env: dict, argv: list[str], out: str) -> None:
        """A command run as its own process (a fresh JVM) writing to ``out``: exit 0 and the
        CLI's rows."""
        self.cases += 1
        started = time.time()
        proc = subprocess.run(argv + ["--output", out], capture_output=True, text=True, env=env)
        problems, _same = (compare(expected, spark_rows(out)) if proc.returncode == 0
                           else ([f"exit {proc.returncode}: {proc.stderr[-500:]}"], False))
        if problems:
            self.failures.append(f"{name}: " + "; ".join(problems[:5]))
            print(f"FAIL {name}")
        else:
            print(f"ok   {name}  [{len(expected) - 1} rows, {time.time() - started:.1f} s]")


def same_division_table() -> list[str]:
    """The Spark package ships a copy of the CLI's division table (so that ``pip install
    ./spark`` is self-contained); its data lines must equal the Swift file's."""
    import re
    def lines(path):
        with open(os.path.join(ROOT, path), encoding="utf-8") as fh:
            return [l for l in fh.read().splitlines() if re.match(r"^\d{6}\t", l)]
    swift = lines("Sources/ChainGraph/Model/Divisions/DivisionTable+Data.swift")
    copy = lines("spark/chaingraph_spark/data/divisions.tsv")
    if swift == copy:
        return []
    differing = next((a, b) for a, b in zip(swift + [""] * len(copy), copy + [""] * len(swift)) if a != b)
    return [f"spark/chaingraph_spark/data/divisions.tsv differs from DivisionTable+Data.swift "
            f"({len(copy)} vs {len(swift)} rows; first difference {differing}); copy the data lines over"]


def standard_cases(check: Check, name: str, cli_ds: str, spark_ds: str, region: str, city: str) -> None:
    for by in ("firm", "segment", "chain", "region", "leader"):
        check.rows(name, cli_ds, spark_ds, ["local-rate", "--by", by, "--local", region])
    for by in ("firm", "segment", "chain", "region"):
        check.rows(name, cli_ds, spark_ds, ["local-rate", "--by", by, "--level", "1"])
    check.rows(name, cli_ds, spark_ds, ["local-rate", "--by", "region", "--level", "2"])
    check.rows(name, cli_ds, spark_ds, ["local-rate", "--by", "firm", "--level", "2"])
    check.rows(name, cli_ds, spark_ds, ["local-rate", "--by", "segment", "--local", city])
    check.rows(name, cli_ds, spark_ds, ["gaps", "--local", region])
    check.rows(name, cli_ds, spark_ds, ["gaps", "--local", region, "--weak-below", "0.9", "--strong-above", "0.5"])
    check.rows(name, cli_ds, spark_ds, ["leaders"])
    check.rows(name, cli_ds, spark_ds, ["leaders", "--per-chain", "2", "--local", region])
    check.rows(name, cli_ds, spark_ds, ["centrality", "--measure", "pagerank"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chaingraph", help="path to the chaingraph binary (the reference)")
    parser.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    parser.add_argument("--keep", help="keep datasets and outputs in this folder")
    args = parser.parse_args()
    cli = os.path.abspath(args.chaingraph)
    if not os.access(cli, os.X_OK):
        print(f"check_spark: {cli} is not an executable chaingraph binary", file=sys.stderr)
        return 2
    started = time.time()
    workdir = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="chaingraph-spark-check-")
    os.makedirs(workdir, exist_ok=True)

    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master(args.master).appName("chaingraph_spark check")
             .config("spark.driver.memory", "2g").config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    check = Check(cli, spark, workdir)
    check.cases += 1
    check.failures += same_division_table()
    print(("FAIL" if check.failures else "ok  ") + " the package's division table equals the CLI's")
    try:
        nev = os.path.join(ROOT, "datasets", "nev")
        ties = os.path.join(ROOT, "Tests", "Fixtures", "analytics", "cyclic_ties")
        messy = os.path.join(workdir, "gen_messy")
        parts_csv = os.path.join(workdir, "gen_parts_csv")
        parts_spark = os.path.join(workdir, "gen_parts_spark")
        for d in (messy, parts_csv, parts_spark):
            shutil.rmtree(d, ignore_errors=True)
        make_messy(cli, messy)
        make_parts(cli, parts_csv, parts_spark, spark)

        print("== nev (bundled)")
        standard_cases(check, "nev", nev, nev, "湖北", "湖北/武汉")
        check.rows("nev", nev, nev, ["centrality", "--measure", "pagerank", "--reverse"])
        check.rows("nev", nev, nev, ["gaps", "--local", "湖北省", "--top", "3"])
        check.rows("nev", nev, nev, ["gaps", "--local", "武汉", "--type", "weak_segment", "--type", "single_source"])
        check.rows("nev", nev, nev, ["leaders", "--local", "湖北", "--top", "2"])
        check.rows("nev", nev, nev, ["local-rate", "--by", "firm", "--local", "湖北", "--sort", "input_value", "--top", "7"])
        check.rows("nev", nev, nev, ["local-rate", "--by", "leader", "--local", "湖北", "--per-chain", "5"])

        print("== cyclic_ties (hand-worked fixture)")
        standard_cases(check, "cyclic_ties", ties, ties, "湖北", "湖北/武汉")
        check.rows("cyclic_ties", ties, ties, ["centrality", "--measure", "pagerank", "--method", "power"])

        print("== gen_messy (generated, made messy)")
        region, city = region_choices(messy)
        standard_cases(check, "gen_messy", messy, messy, region, city)

        print("== gen_parts (part files and Parquet for Spark, CSV for the CLI)")
        region, city = region_choices(parts_csv)
        standard_cases(check, "gen_parts", parts_csv, parts_spark, region, city)
        check.rows("gen_parts", parts_csv, parts_spark, ["centrality", "--measure", "pagerank", "--method", "power",
                                                         "--weight", "none"])

        print("== errors (exit codes of SPEC §5)")
        noseg = os.path.join(workdir, "noseg")
        os.makedirs(noseg, exist_ok=True)
        for f in ("firms.csv", "links.csv"):
            shutil.copy(os.path.join(nev, f), noseg)
        bad = os.path.join(workdir, "unknown_firm")
        os.makedirs(bad, exist_ok=True)
        shutil.copy(os.path.join(nev, "firms.csv"), bad)
        shutil.copy(os.path.join(nev, "segments.csv"), bad)
        with open(os.path.join(nev, "links.csv"), encoding="utf-8") as fh:
            text = fh.read()
        with open(os.path.join(bad, "links.csv"), "w", encoding="utf-8") as fh:
            fh.write(text + "F0001,NOBODY,5,S30\n")
        negative = os.path.join(workdir, "negative_value")
        os.makedirs(negative, exist_ok=True)
        with open(os.path.join(negative, "links.csv"), "w", encoding="utf-8") as fh:
            fh.write("supplier,buyer,value\nA,B,5\nB,C,-3\n")
        missing = os.path.join(workdir, "no_such_dataset")
        cases = [
            ("missing dataset", ["local-rate", "--by", "firm", "--level", "1", "--dataset", missing]),
            ("gaps without --local", ["gaps", "--dataset", nev]),
            ("unknown region", ["gaps", "--local", "火星", "--dataset", nev]),
            ("--level 0", ["local-rate", "--by", "firm", "--level", "0", "--dataset", nev]),
            ("--by leader with --level", ["local-rate", "--by", "leader", "--level", "1", "--dataset", nev]),
            ("no chain tree (gaps)", ["gaps", "--local", "湖北", "--dataset", noseg]),
            ("no chain tree (leaders)", ["leaders", "--dataset", noseg]),
            ("no chain tree (--by chain)", ["local-rate", "--by", "chain", "--local", "湖北", "--dataset", noseg]),
            ("unknown firm in links", ["leaders", "--dataset", bad]),
            ("negative value", ["local-rate", "--by", "firm", "--level", "1", "--dataset", negative]),
        ]
        for name, argv in cases:
            check.exit_code(name, argv, argv)
        check.rows("nev (no chain tree)", noseg, noseg, ["local-rate", "--by", "segment", "--local", "湖北"])
        check.rows("unknown firm added", bad, bad, ["local-rate", "--by", "region", "--level", "1",
                                                   "--add-unknown-firms"])

        print("== python3 -m chaingraph_spark and spark-submit (separate processes)")
        cli_code, expected, _e = cli_run(cli, ["local-rate", "--by", "chain", "--local", "湖北", "--dataset", nev])
        env = dict(os.environ, PYTHONPATH=os.path.join(ROOT, "spark") + os.pathsep + os.environ.get("PYTHONPATH", ""))
        command = ["local-rate", "--by", "chain", "--local", "湖北", "--dataset", nev]
        check.process("python3 -m chaingraph_spark", expected, env,
                      [sys.executable, "-m", "chaingraph_spark", *command, "--master", args.master,
                       "--driver-memory", "1g"], os.path.join(workdir, "out", "module"))
        # The package as `pip install ./spark` installs it (into a scratch target), run by
        # spark-submit through spark/submit.py: the README's commands.
        # pip builds in the source folder (build/, *.egg-info), so it builds a copy.
        source = os.path.join(workdir, "spark-source")
        shutil.copytree(os.path.join(ROOT, "spark"), source,
                        ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
        target = os.path.join(workdir, "installed")
        pip = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", target, source],
                             capture_output=True, text=True)
        check.cases += 1
        if pip.returncode != 0:
            check.failures.append("pip install ./spark: " + pip.stderr[-500:])
            print("FAIL pip install ./spark")
        else:
            print("ok   pip install ./spark")
            submit = shutil.which("spark-submit")
            # The entry file alone in a folder, so the package comes from the installed target.
            entry = os.path.join(workdir, "entry", "submit.py")
            os.makedirs(os.path.dirname(entry), exist_ok=True)
            shutil.copy(os.path.join(ROOT, "spark", "submit.py"), entry)
            installed = dict(os.environ, PYTHONPATH=target)
            check.process("spark-submit spark/submit.py (installed package)", expected, installed,
                          [submit or "spark-submit", "--master", args.master, "--driver-memory", "1g",
                           entry, *command], os.path.join(workdir, "out", "submit"))
    finally:
        spark.stop()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print(f"\n{check.cases} cases, {len(check.failures)} failed, {check.identical} outputs identical to the CLI's text; "
          f"{time.time() - started:.0f} s")
    for f in check.failures:
        print(f"  failed: {f}")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
