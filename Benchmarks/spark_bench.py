#!/usr/bin/env python3
"""The Spark package (spark/, SPEC §8) against the chaingraph CLI on generated chains.

    python3 Benchmarks/spark_bench.py --chaingraph .build/release/chaingraph \\
        --links 1000000 --links 10000000 --workdir /tmp/spark-bench [--master local[2]] [--driver-memory 12g]

For each size it generates a dataset (`chaingraph generate --firms N/10 --links-per-firm 10
--seed 1`), then times each command on the CLI (`/usr/bin/time -v`: wall time and peak RSS)
and on Spark in one local session (so JVM start-up is paid once and reported apart), checks
that both give the same number of rows, and reads the Spark stages' input, shuffle-write and
shuffle-read bytes from the session's REST API (`/api/v1/applications/…/stages`) to give
per-link figures for sizing a cluster. Prints a Markdown table and writes it to
WORKDIR/results.md.

PageRank on Spark runs `--max-iter` iterations at most (default: all, to convergence); with
`--pagerank-iterations K` it is timed for K iterations (it then fails to converge, exit 65,
which is expected) and reported per iteration, marked as such.
"""

from __future__ import annotations

import argparse
import csv
import glob
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "spark"))


def largest_province(folder: str) -> str:
    counts: dict[str, int] = {}
    with open(os.path.join(folder, "firms.csv"), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            p = (row.get("region") or "").split("/")[0]
            if p:
                counts[p] = counts.get(p, 0) + 1
    return max(counts, key=counts.get)


def run_cli(cli: str, args: list[str]) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MB, output rows, stderr)."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", cli, *args, "--format", "csv", "--quiet"], capture_output=True, text=True)
    wall = time.perf_counter() - start
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    if p.returncode != 0:
        raise RuntimeError(f"CLI {' '.join(args)}: exit {p.returncode}: {p.stderr[-800:]}")
    return wall, int(rss.group(1)) / 1024 if rss else float("nan"), max(0, len(p.stdout.splitlines()) - 1), p.stderr


def stage_bytes(spark) -> dict[str, int]:
    """Input, shuffle-write and shuffle-read bytes of every completed stage so far."""
    url = spark.sparkContext.uiWebUrl
    app = spark.sparkContext.applicationId
    with urllib.request.urlopen(f"{url}/api/v1/applications/{app}/stages?status=complete") as r:
        stages = json.load(r)
    return {"input": sum(s.get("inputBytes", 0) for s in stages),
            "shuffle_write": sum(s.get("shuffleWriteBytes", 0) for s in stages),
            "shuffle_read": sum(s.get("shuffleReadBytes", 0) for s in stages)}


def spark_rows(folder: str) -> int:
    n = 0
    for part in glob.glob(os.path.join(folder, "part-*")):
        with open(part, encoding="utf-8") as fh:
            n += max(0, len(fh.read().splitlines()) - 1)
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chaingraph", required=True)
    ap.add_argument("--links", type=int, action="append", required=True, help="link rows (repeatable)")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--driver-memory", default="12g")
    ap.add_argument("--pagerank-iterations", type=int, help="time PageRank on Spark for this many iterations only")
    args = ap.parse_args()
    cli = os.path.abspath(args.chaingraph)
    os.makedirs(args.workdir, exist_ok=True)

    from pyspark.sql import SparkSession
    from chaingraph_spark.cli import main as spark_main

    t0 = time.perf_counter()
    spark = (SparkSession.builder.master(args.master).appName("chaingraph_spark bench")
             .config("spark.driver.memory", args.driver_memory).config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - t0
    lines = [f"Spark session start-up (JVM, local): {startup:.1f} s; master {args.master}, driver memory {args.driver_memory}; "
             f"load average at start {os.getloadavg()[0]:.2f}", "",
             "| links | command | CLI s | CLI peak RSS MB | Spark s | Spark ÷ CLI | rows equal | input B/link | shuffle write B/link | shuffle read B/link |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for links in args.links:
        firms = links // 10
        data = os.path.join(args.workdir, f"gen-{links}")
        if not os.path.exists(os.path.join(data, "links.csv")):
            subprocess.run([cli, "generate", "--firms", str(firms), "--links-per-firm", "10", "--seed", "1", "--out", data, "--quiet"], check=True)
        rows = sum(1 for _ in open(os.path.join(data, "links.csv"), "rb")) - 1
        region = largest_province(data)
        commands = [["local-rate", "--by", "firm", "--local", region], ["local-rate", "--by", "segment", "--level", "1"],
                    ["gaps", "--local", region], ["leaders"], ["centrality", "--measure", "pagerank"]]
        for command in commands:
            cli_s, rss, cli_rows, cli_err = run_cli(cli, [*command, "--dataset", data])
            out = os.path.join(args.workdir, "out", f"{links}-{'-'.join(command)}")
            argv = [*command, "--dataset", data, "--output", out, "--quiet"]
            partial = command[0] == "centrality" and args.pagerank_iterations
            if partial:
                argv += ["--max-iter", str(args.pagerank_iterations)]
            before = stage_bytes(spark)
            start = time.perf_counter()
            err = io.StringIO()
            code = spark_main(argv, spark=spark, stderr=err)
            spark_s = time.perf_counter() - start
            after = stage_bytes(spark)
            moved = {k: (after[k] - before[k]) / rows for k in after}
            if partial:
                equal = f"{args.pagerank_iterations} iterations (exit {code})"
                label = f"{' '.join(command)} (per iteration: {spark_s / args.pagerank_iterations:.1f} s)"
            else:
                if code != 0:
                    raise RuntimeError(f"Spark {' '.join(command)}: exit {code}: {err.getvalue()[-800:]}")
                equal = "yes" if spark_rows(out) == cli_rows else f"no ({spark_rows(out)} vs {cli_rows})"
                label = " ".join(command)
            line = (f"| {rows:,} | {label} | {cli_s:.1f} | {rss:.0f} | {spark_s:.1f} | {spark_s / cli_s:.1f} | {equal} | "
                    f"{moved['input']:.0f} | {moved['shuffle_write']:.0f} | {moved['shuffle_read']:.0f} |")
            print(line, flush=True)
            lines.append(line)
        lines.append("")
    lines.append(f"load average at end {os.getloadavg()[0]:.2f}")
    spark.stop()
    text = "\n".join(lines) + "\n"
    with open(os.path.join(args.workdir, "results.md"), "w", encoding="utf-8") as fh:
        fh.write(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
