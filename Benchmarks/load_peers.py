#!/usr/bin/env python3
"""Loading a CSV dataset folder: ChainGraph against DuckDB and polars, side by side (issue 13).

    python3 Benchmarks/load_peers.py --chaingraph .build/release/chaingraph DIR [DIR …] [--repeat 3] [--baseline OTHER_BINARY]

For each dataset folder (firms.csv, links.csv, optional segments.csv) it times, best of
`--repeat` runs, each in a fresh process:
  - chaingraph: the whole `chaingraph summary --dataset DIR -q` process (parse, intern ids,
    merge parallel links, build both CSR directions, then the summary);
  - duckdb: `create table … as select * from read_csv(…)` for firms.csv and links.csv in one
    in-memory connection (all cores), the comparison issue 13 names;
  - polars: `pl.read_csv` of both files (all cores).
It prints one JSON object per dataset with the seconds and the ratio chaingraph / duckdb.
With `--baseline OTHER_BINARY` (say, a build of an earlier commit) that binary is timed too,
interleaved, and the ratio chaingraph / baseline is added: a before/after of a change.
Runs are interleaved (chaingraph, duckdb, polars, chaingraph, …) so machine noise hits all
three alike. Needs `pip install duckdb polars`; never a dependency of the Swift tool.
"""
import argparse
import json
import os
import subprocess
import sys
import time

PEER = r"""
import sys, time
kind, folder = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if kind == "duckdb":
    import duckdb
    con = duckdb.connect()
    con.execute("set enable_progress_bar = false")
    for table in ("firms", "links"):
        con.execute(f"create table {table} as select * from read_csv('{folder}/{table}.csv')")
    rows = con.execute("select count(*) from links").fetchone()[0]
else:
    import polars as pl
    firms = pl.read_csv(f"{folder}/firms.csv")
    links = pl.read_csv(f"{folder}/links.csv")
    rows = links.height
print(time.perf_counter() - start, rows)
"""


def run_peer(kind, folder):
    """Seconds of the load inside a fresh Python process (interpreter start not counted)."""
    out = subprocess.run([sys.executable, "-c", PEER, kind, folder], check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1].split()[0])


def run_chaingraph(binary, folder):
    """Seconds of the whole chaingraph process."""
    start = time.perf_counter()
    subprocess.run([binary, "summary", "--dataset", folder, "-q"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chaingraph", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline", help="a second chaingraph binary to time alongside (before/after)")
    ap.add_argument("datasets", nargs="+")
    args = ap.parse_args()
    for folder in args.datasets:
        folder = os.path.abspath(folder)
        times = {"chaingraph": [], "duckdb": [], "polars": []}
        if args.baseline:
            times["baseline"] = []
        for _ in range(args.repeat):
            if args.baseline:
                times["baseline"].append(run_chaingraph(args.baseline, folder))
            times["chaingraph"].append(run_chaingraph(args.chaingraph, folder))
            times["duckdb"].append(run_peer("duckdb", folder))
            times["polars"].append(run_peer("polars", folder))
        best = {k: min(v) for k, v in times.items()}
        size = sum(os.path.getsize(os.path.join(folder, f)) for f in ("firms.csv", "links.csv"))
        print(json.dumps({"dataset": folder, "csv_mb": round(size / 1e6, 1),
                          **{f"{k}_s": round(v, 3) for k, v in best.items()},
                          "chaingraph_over_duckdb": round(best["chaingraph"] / best["duckdb"], 2),
                          **({"chaingraph_over_baseline": round(best["chaingraph"] / best["baseline"], 2)} if args.baseline else {}),
                          "all_runs": {k: [round(x, 3) for x in v] for k, v in times.items()}}))


if __name__ == "__main__":
    main()
