"""Runs ChainGraph and its peers on the same graphs in the same run and prints a Markdown
report (the source of docs/benchmarks.md).

    python3 Benchmarks/peers.py --chaingraph .build/release/chaingraph --work /tmp/cgbench \
        [--firms 1000000] [--links 10200000] [--seed 1] [--graphs random,heavy[,generated]] [--load-repeat 3]

Graphs (the two random models are written by Benchmarks/make_random_dataset.py as CSV folders,
firms.csv + links.csv, and read by the peers from links.csv; self-loops dropped and duplicates
summed — ChainGraph's own merge rules):
  random     n firms, m links with uniform random endpoints;
  heavy      heavy-tailed out-degrees and popularity (Zipf-like, hubs spread over the ids), the
             shape of real invoice data and of issue 13's hidden graph;
  generated  `chaingraph generate --firms n --links-per-firm m/n` (the synthetic multi-chain),
             read by the peers through `chaingraph export --format mtx`.

Peers: scipy (CSR, NetworkX's `_pagerank_scipy` loop, one thread — including its Python `sum`
over the dangling firms' scores, which is what makes it slower on graphs with many sinks),
python-graphblas (SuiteSparse:GraphBLAS, all cores), NetworKit (PageRank, EstimateBetweenness)
and python-igraph (graph build and PRPACK PageRank). Loading the CSV folders: the whole
`chaingraph summary` process against DuckDB and polars (Benchmarks/load_peers.py), best of
`--load-repeat`, interleaved. Peers that are not installed are skipped.
Per-iteration times are medians over repeated sweeps; ChainGraph's come from `chaingraph bench`.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
import scipy.io
import scipy.sparse as sp

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import load_peers  # noqa: E402  (Benchmarks/load_peers.py: whole-process loading, DuckDB and polars)


def timed(fn, repeat=3):
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2], result


def dataset_graph(model, n, m, seed, folder):
    """Writes the `model` dataset folder (Benchmarks/make_random_dataset.py: firms.csv and
    links.csv) unless present, and returns its merged graph as a scipy CSR matrix (self-loops
    dropped, parallel rows summed — ChainGraph's merge rules)."""
    if not os.path.exists(os.path.join(folder, "links.csv")):
        subprocess.run([sys.executable, os.path.join(HERE, "make_random_dataset.py"), folder, "--model", model,
                        "--firms", str(n), "--links", str(m), "--seed", str(seed)], check=True)
    import polars as pl
    links = pl.read_csv(os.path.join(folder, "links.csv"), schema_overrides={"supplier": pl.String, "buyer": pl.String})
    src = links["supplier"].str.slice(1).cast(pl.Int64).to_numpy()
    dst = links["buyer"].str.slice(1).cast(pl.Int64).to_numpy()
    val = links["value"].cast(pl.Float64).to_numpy()
    keep = src != dst
    a = sp.coo_matrix((val[keep], (src[keep], dst[keep])), shape=(n, n)).tocsr()
    a.sum_duplicates()
    return a


def pagerank_scipy_iterations(a, iterations=20, alpha=0.85):
    """NetworkX's _pagerank_scipy loop: x = alpha (x A + dangling) + (1 - alpha) p."""
    n = a.shape[0]
    s = np.asarray(a.sum(axis=1)).ravel()
    s[s != 0] = 1.0 / s[s != 0]
    q = sp.diags(s) @ a
    q = q.tocsr()
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    dangling = np.where(s == 0)[0]
    t0 = time.perf_counter()
    for _ in range(iterations):
        x = alpha * (x @ q + sum(x[dangling]) * p) + (1 - alpha) * p
    return (time.perf_counter() - t0) / iterations, q


def pagerank_scipy_tight(q, alpha=0.85, tol=1e-13):
    n = q.shape[0]
    s = np.asarray(q.sum(axis=1)).ravel()
    dangling = np.where(s == 0)[0]
    x = np.repeat(1.0 / n, n)
    p = x.copy()
    for _ in range(10000):
        last = x
        x = alpha * (x @ q + sum(x[dangling]) * p) + (1 - alpha) * p
        if np.abs(x - last).sum() < n * tol:
            return x
    raise RuntimeError("scipy reference did not converge")


def graphblas_iterations(a, iterations=20, alpha=0.85):
    import graphblas as gb
    n = a.shape[0]
    coo = a.tocoo()
    s = np.asarray(a.sum(axis=1)).ravel()
    inv = np.where(s != 0, 1.0 / np.where(s != 0, s, 1), 0)
    m = gb.Matrix.from_coo(coo.row, coo.col, coo.data * inv[coo.row], nrows=n, ncols=n)
    x = gb.Vector.from_dense(np.repeat(1.0 / n, n))
    dangling_mask = s == 0
    t0 = time.perf_counter()
    for _ in range(iterations):
        dsum = float(x.to_dense()[dangling_mask].sum()) if dangling_mask.any() else 0.0
        y = x.vxm(m, gb.semiring.plus_times).new()
        x = gb.Vector.from_dense(alpha * (y.to_dense(fill_value=0.0) + dsum / n) + (1 - alpha) / n)
    return (time.perf_counter() - t0) / iterations


def networkit_runs(a, samples=20):
    import networkit as nk
    n = a.shape[0]
    coo = a.tocoo()
    t0 = time.perf_counter()
    g = nk.GraphFromCoo(coo, n=n, directed=True)
    build = time.perf_counter() - t0
    nk.setNumberOfThreads(os.cpu_count())
    pr = nk.centrality.PageRank(g, damp=0.85, tol=1e-10)
    t0 = time.perf_counter()
    pr.run()
    total = time.perf_counter() - t0
    iterations = pr.numberOfIterations()
    eb = nk.centrality.EstimateBetweenness(nk.graphtools.toUnweighted(g), samples, normalized=True, parallel=True)
    t0 = time.perf_counter()
    eb.run()
    per_source = (time.perf_counter() - t0) / samples
    return build, total / max(1, iterations), iterations, per_source


def igraph_runs(a):
    import igraph as ig
    coo = a.tocoo()
    t0 = time.perf_counter()
    g = ig.Graph(n=a.shape[0], edges=list(zip(coo.row.tolist(), coo.col.tolist())), directed=True)
    g.es["weight"] = coo.data.tolist()
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    g.pagerank(weights="weight", damping=0.85)
    return build, time.perf_counter() - t0


def chaingraph_bench(binary, dataset, measure, extra=()):
    out = subprocess.run([binary, "bench", "--dataset", dataset, "--measure", measure, "-q", *extra],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def memory_bandwidth_gbs():
    a = np.ones(50_000_000)
    b = np.empty_like(a)
    t, _ = timed(lambda: np.copyto(b, a), repeat=5)
    return 2 * a.nbytes / t / 1e9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--chaingraph", required=True)
    ap.add_argument("--work", default="/tmp/cgbench")
    ap.add_argument("--firms", type=int, default=1_000_000)
    ap.add_argument("--links", type=int, default=10_200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--graphs", default="random,heavy",
                    help="comma-separated: random (uniform), heavy (heavy-tailed degrees and popularity), generated (the synthetic multi-chain)")
    ap.add_argument("--load-repeat", type=int, default=3, help="best of N for the CSV loading comparison (0: skip it)")
    ap.add_argument("--peer", help=argparse.SUPPRESS)
    ap.add_argument("--npz", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.peer:
        a = sp.load_npz(args.npz).tocsr()
        if args.peer == "graphblas":
            print(json.dumps({"graphblas_ms": graphblas_iterations(a) * 1000}))
        elif args.peer == "networkit":
            build, per_iter, iters, per_source = networkit_runs(a)
            print(json.dumps({"networkit_ms": per_iter * 1000, "networkit_iterations": iters, "networkit_bc_s": per_source,
                              "networkit_build_s": build}))
        else:
            build, total = igraph_runs(a)
            print(json.dumps({"igraph_build_s": build, "igraph_pagerank_s": total}))
        return
    cg = args.chaingraph
    rows = []
    bandwidth = memory_bandwidth_gbs()
    for name in args.graphs.split(","):
        folder = os.path.join(args.work, name)
        snapshot = folder + ".cgs"
        load = None
        if name in ("random", "heavy"):
            a = dataset_graph("uniform" if name == "random" else name, args.firms, args.links, args.seed, folder)
            if args.load_repeat > 0:
                load = {"chaingraph": [], "duckdb": [], "polars": []}
                for _ in range(args.load_repeat):   # interleaved, best of N
                    load["chaingraph"].append(load_peers.run_chaingraph(cg, folder))
                    load["duckdb"].append(load_peers.run_peer("duckdb", folder))
                    load["polars"].append(load_peers.run_peer("polars", folder))
                load = {k: min(v) for k, v in load.items()}
            if not os.path.exists(snapshot):
                subprocess.run([cg, "convert", "--dataset", folder, "--output", snapshot, "-q"], check=True)
        else:
            if not os.path.exists(snapshot):
                subprocess.run([cg, "generate", "--firms", str(args.firms), "--links-per-firm", str(args.links / args.firms),
                                "--seed", str(args.seed), "--snapshot", snapshot, "-q"], check=True)
            subprocess.run([cg, "export", "--format", "mtx", "--dataset", snapshot, "--output", folder + ".mtx", "-q"], check=True)
            a = scipy.io.mmread(folder + ".mtx").tocsr()
        n, m = a.shape[0], a.nnz
        ours = chaingraph_bench(cg, snapshot, "pagerank", ["--repeat", "5"])
        ours1 = subprocess.run([cg, "bench", "--dataset", snapshot, "--measure", "pagerank", "-q", "--repeat", "5"],
                               check=True, capture_output=True, text=True, env={**os.environ, "CHAINGRAPH_THREADS": "1"}).stdout
        ours1 = json.loads(ours1)
        bc = chaingraph_bench(cg, snapshot, "betweenness", ["--samples", "10", "--repeat", "1"])
        scipy_iter, q = pagerank_scipy_iterations(a)
        mixed = chaingraph_bench(cg, snapshot, "pagerank", ["--repeat", "5", "--precision", "mixed"])
        # Accuracy: ChainGraph to tight tolerance against scipy fp64 to tight tolerance.
        ref = pagerank_scipy_tight(q)

        def ours_vector(precision):
            csv = subprocess.run([cg, "centrality", "--measure", "pagerank", "--tol", "1e-13", "--method", "power", "--precision", precision,
                                  "--dataset", snapshot, "--format", "csv", "-q"], check=True, capture_output=True, text=True).stdout.splitlines()[1:]
            x = np.zeros(n)
            for line in csv:
                firm, score = line.split(",")
                x[int(firm[1:])] = float(score)
            return x
        l1 = float(np.abs(ours_vector("double") - ref).sum())
        l1_mixed = float(np.abs(ours_vector("mixed") - ref).sum())
        row = {"graph": name, "n": n, "m": m, "chaingraph_ms": ours["per_iteration_ms"], "chaingraph_1t_ms": ours1["per_iteration_ms"],
               "iterations": ours["iterations"], "scipy_ms": scipy_iter * 1000, "l1_vs_scipy": l1,
               "chaingraph_mixed_ms": mixed["per_iteration_ms"], "l1_mixed_vs_scipy": l1_mixed, "setup_s": ours["setup_s"],
               "chaingraph_bc_s": bc["per_iteration_ms"] / 1000, "load_s": ours["load_s"], "rss_mb": ours["peak_rss_mb"],
               "csv_load": load}
        # Bytes a pull sweep must move: CSR (4 B index + 8 B value per link, 8 B offset per firm),
        # the gathered input and written output vectors; the gather is at least 8 B per link
        # when nothing is cached, so this is a floor, not an estimate.
        bytes_moved = m * 12 + n * 8 * 4
        row["floor_ms"] = bytes_moved / (bandwidth * 1e9) * 1000
        # Each peer runs in its own process: a peer that is missing or crashes is reported,
        # not fatal, and cannot disturb the others' timings.
        npz = folder + ".npz"
        sp.save_npz(npz, a)
        row.update(graphblas_ms=None, networkit_ms=None, networkit_bc_s=None, igraph_build_s=None, igraph_pagerank_s=None)
        for peer in ("graphblas", "networkit", "igraph"):
            done = subprocess.run([sys.executable, __file__, "--peer", peer, "--npz", npz, "--chaingraph", cg], capture_output=True, text=True)
            if done.returncode == 0 and done.stdout.strip():
                row.update(json.loads(done.stdout.strip().splitlines()[-1]))
            else:
                print(f"{peer} skipped (exit {done.returncode}): {done.stderr.strip()[-300:]}", file=sys.stderr)
        rows.append(row)
        print(json.dumps(row), file=sys.stderr)

    def f(v, digits=1):
        return "–" if v is None else f"{v:.{digits}f}"
    print(f"Measured memory bandwidth (numpy copy): {bandwidth:.1f} GB/s\n")
    print("| graph | firms | links | ChainGraph fp64 ms/iter (2 threads) | 1 thread | mixed fp32/fp64 ms/iter | scipy ms/iter | fp64 ratio to scipy | GraphBLAS ms/iter | NetworKit ms/iter | bandwidth floor ms | L1 vs scipy, fp64 | L1 vs scipy, mixed |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['graph']} | {r['n']:,} | {r['m']:,} | {f(r['chaingraph_ms'])} | {f(r['chaingraph_1t_ms'])} | {f(r['chaingraph_mixed_ms'])} | {f(r['scipy_ms'])} | "
              f"{r['chaingraph_ms'] / r['scipy_ms']:.2f} | {f(r.get('graphblas_ms'))} | {f(r.get('networkit_ms'))} | {f(r['floor_ms'])} | "
              f"{r['l1_vs_scipy']:.1e} | {r['l1_mixed_vs_scipy']:.1e} |")
    print()
    print("| graph | CSV MB | ChainGraph `summary` s (whole process) | DuckDB load s | polars read s | ChainGraph / DuckDB |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        if r["csv_load"]:
            size = sum(os.path.getsize(os.path.join(args.work, r["graph"], f)) for f in ("firms.csv", "links.csv")) / 1e6
            c = r["csv_load"]
            print(f"| {r['graph']} | {size:.0f} | {c['chaingraph']:.2f} | {c['duckdb']:.2f} | {c['polars']:.2f} | {c['chaingraph'] / c['duckdb']:.2f} |")
    print()
    print("| graph | ChainGraph sampled betweenness s/source | NetworKit EstimateBetweenness s/source | igraph build s | igraph PageRank s (PRPACK) | ChainGraph snapshot load s | peak RSS MB |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['graph']} | {f(r['chaingraph_bc_s'], 3)} | {f(r.get('networkit_bc_s'), 3)} | {f(r.get('igraph_build_s'))} | "
              f"{f(r.get('igraph_pagerank_s'))} | {f(r['load_s'], 2)} | {f(r['rss_mb'], 0)} |")


if __name__ == "__main__":
    main()
