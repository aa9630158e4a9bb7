#!/usr/bin/env python3
"""Generate NetworkX reference values (test fixtures) for ChainGraph centrality.

Run from the repository root:

    python3 Tests/Fixtures/centrality/make_fixtures.py

For every graph below a sub-folder Tests/Fixtures/centrality/<graph>/ is
(re)written with links.csv, firms.csv and expected.json.  See README.md in the
same folder for the layout and the exact NetworkX calls.

Everything is deterministic: graph generators use fixed seeds, HITS is given
an explicit uniform start vector (NetworkX's default start vector for HITS is
drawn from an *unseeded* RNG inside scipy's ARPACK wrapper), and the graph the
measures are computed on is rebuilt from the CSV files that were just written,
so the fixtures describe exactly what a reader of the CSV files sees.
"""

import csv
import json
import math
import os
import sys

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

PR_KW = dict(alpha=0.85, tol=1e-12, max_iter=10000)
KATZ_KW = dict(beta=1.0, normalized=True, tol=1e-12, max_iter=100000)
HITS_KW = dict(max_iter=10000, tol=1e-12, normalized=True)
EIG_KW = dict(max_iter=10000, tol=1e-12)
DAG_KATZ_ALPHA = 0.1


def fid(i):
    return f"f{i}"


# ---------------------------------------------------------------------------
# Graph builders.  Each returns (node_ids, [(supplier, buyer, value), ...]).
# ---------------------------------------------------------------------------


def build_tiny():
    # f0: source, f3: sink (it is the only node with no out-edge apart from
    # the isolated f5), f1 <-> f2: 2-cycle, f5: isolated, f0 -> f3: value 0.
    nodes = [fid(i) for i in range(6)]
    edges = [
        ("f0", "f1", 3.0),
        ("f0", "f4", 1.0),
        ("f0", "f3", 0.0),  # zero-value edge
        ("f1", "f2", 2.0),
        ("f2", "f1", 1.5),  # 2-cycle f1 <-> f2
        ("f2", "f3", 4.0),
        ("f4", "f3", 2.5),
    ]
    return nodes, edges


def build_random_dag(seed=20240601):
    rng = np.random.default_rng(seed)
    n, n_iso, target_m, n_tiers = 40, 3, 120, 6
    nodes = [fid(i) for i in range(n)]
    iso = set(int(i) for i in rng.choice(n, size=n_iso, replace=False))
    active = [i for i in range(n) if i not in iso]
    tier = {i: int(rng.integers(0, n_tiers)) for i in active}
    # make sure the lowest and highest tier are populated
    tier[active[0]] = 0
    tier[active[1]] = n_tiers - 1
    pairs = [(u, v) for u in active for v in active if tier[u] < tier[v]]
    chosen = rng.choice(len(pairs), size=target_m, replace=False)
    edge_set = {pairs[int(k)] for k in chosen}
    # every non-isolated node must have at least one edge
    touched = {u for e in edge_set for u in e}
    for i in active:
        if i not in touched:
            cands = [p for p in pairs if i in p and p not in edge_set]
            edge_set.add(cands[int(rng.integers(0, len(cands)))])
            touched.update(edge_set)
    edges = []
    for (u, v) in sorted(edge_set):
        edges.append((fid(u), fid(v), float(rng.lognormal(mean=0.0, sigma=1.0))))
    return nodes, edges


def build_random_cyclic(seed=7, n_zero=5):
    g = nx.gnm_random_graph(60, 240, directed=True, seed=seed)
    rng = np.random.default_rng(seed)
    nodes = [fid(i) for i in range(60)]
    es = sorted(g.edges())
    vals = rng.uniform(0.5, 10.0, size=len(es))
    zero_idx = set(int(k) for k in rng.choice(len(es), size=n_zero, replace=False))
    edges = []
    for k, (u, v) in enumerate(es):
        edges.append((fid(u), fid(v), 0.0 if k in zero_idx else float(vals[k])))
    return nodes, edges


def build_sinks_and_cycles(seed=11):
    """30 nodes, several non-trivial SCCs wired as a DAG of components,
    several sinks (dangling nodes), sources and one isolated node.
    Values are integers from {1, 2, 4, 8}: their reciprocals (the
    inverse-value distances) are powers of two, so shortest-path sums are
    exact in binary floating point and path ties are exact ties regardless of
    summation order (important for weighted betweenness)."""
    rng = np.random.default_rng(seed)
    vals = [1.0, 2.0, 4.0, 8.0]
    E = {}

    def add(u, v):
        if u != v and (u, v) not in E:
            E[(u, v)] = vals[int(rng.integers(0, len(vals)))]

    # SCC A: 3-cycle 0-1-2
    for u, v in [(0, 1), (1, 2), (2, 0)]:
        add(u, v)
    # SCC B: 4 nodes 3..6, a cycle plus chords
    for u, v in [(3, 4), (4, 5), (5, 6), (6, 3), (4, 3), (5, 3)]:
        add(u, v)
    # SCC C: 5 nodes 7..11, cycle plus chord
    for u, v in [(7, 8), (8, 9), (9, 10), (10, 11), (11, 7), (9, 7)]:
        add(u, v)
    # SCC D: 2-cycle 12 <-> 13
    add(12, 13)
    add(13, 12)
    # SCC E: 3-cycle 14-15-16 plus reverse chord
    for u, v in [(14, 15), (15, 16), (16, 14), (15, 14)]:
        add(u, v)
    # sources 17, 18, 19 feed into the components
    for u, v in [(17, 0), (17, 3), (18, 7), (18, 12), (19, 14), (19, 17)]:
        add(u, v)
    # component DAG: A -> B, A -> C, B -> D, C -> D, D -> E ... and some skips
    for u, v in [(2, 3), (1, 8), (6, 12), (10, 13), (13, 15), (5, 16)]:
        add(u, v)
    # chain / sinks: 20..28 ; 29 isolated
    for u, v in [(16, 20), (15, 21), (20, 22), (21, 22), (11, 23), (23, 24),
                 (9, 25), (25, 26), (3, 27), (27, 28), (12, 28), (0, 24)]:
        add(u, v)
    nodes = [fid(i) for i in range(30)]
    edges = [(fid(u), fid(v), w) for (u, v), w in sorted(E.items())]
    return nodes, edges


def build_unweighted_star():
    # f0..f9: tier-1 suppliers -> f10 assembler -> f11, f12, f13 distributors
    # f14, f15 -> f0 and f16 -> f1: tier-2 suppliers (tree shaped).
    nodes = [fid(i) for i in range(17)]
    edges = [(fid(i), "f10", 1.0) for i in range(10)]
    edges += [("f10", "f11", 1.0), ("f10", "f12", 1.0), ("f10", "f13", 1.0)]
    edges += [("f14", "f0", 1.0), ("f15", "f0", 1.0), ("f16", "f1", 1.0)]
    return nodes, edges


GRAPHS = [
    ("tiny", build_tiny),
    ("random_dag", build_random_dag),
    ("random_cyclic", build_random_cyclic),
    ("sinks_and_cycles", build_sinks_and_cycles),
    ("unweighted_star", build_unweighted_star),
]


# ---------------------------------------------------------------------------
# I/O
# ---------------------------------------------------------------------------


def write_csvs(folder, nodes, edges):
    os.makedirs(folder, exist_ok=True)
    seen = set()
    for u, v, w in edges:
        assert u != v, "self loop"
        assert (u, v) not in seen, "duplicate edge"
        assert w >= 0 and math.isfinite(w)
        seen.add((u, v))
    with open(os.path.join(folder, "firms.csv"), "w", newline="") as f:
        f.write("id\n")
        for n in nodes:
            f.write(f"{n}\n")
    with open(os.path.join(folder, "links.csv"), "w", newline="") as f:
        f.write("supplier,buyer,value\n")
        for u, v, w in edges:
            f.write(f"{u},{v},{float(w)!r}\n")


def read_graph(folder):
    """Rebuild G from the CSV files: nodes in firms.csv order, then edges in
    links.csv order (node/edge insertion order only affects rounding)."""
    G = nx.DiGraph()
    with open(os.path.join(folder, "firms.csv"), newline="") as f:
        for row in csv.DictReader(f):
            G.add_node(row["id"])
    with open(os.path.join(folder, "links.csv"), newline="") as f:
        for row in csv.DictReader(f):
            u, v, w = row["supplier"], row["buyer"], float(row["value"])
            assert u in G and v in G
            G.add_edge(u, v, value=w)
    return G


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def fdict(d, nodes):
    return {n: float(d[n]) for n in nodes}


def spectral_radius(G, weight):
    """Max |eigenvalue| of the adjacency matrix (weight=None -> 0/1 matrix).

    Computed block-wise over the strongly connected components of the graph
    restricted to edges with non-zero weight (the spectrum of A is the union
    of the spectra of its SCC diagonal blocks).  Acyclic structure therefore
    gives exactly 0.0 instead of the O(eps^(1/k)) noise a dense eigensolver
    returns for nilpotent matrices.  Cross-checked against the dense
    eigenvalues of nx.to_numpy_array(G, weight=weight)."""
    H = nx.DiGraph()
    H.add_nodes_from(G)
    for u, v, d in G.edges(data=True):
        w = 1.0 if weight is None else d[weight]
        if w != 0:
            H.add_edge(u, v, w=w)
    lam = 0.0
    for comp in nx.strongly_connected_components(H):
        if len(comp) < 2:
            continue
        sub = nx.to_numpy_array(H, nodelist=sorted(comp), weight="w")
        lam = max(lam, float(np.max(np.abs(np.linalg.eigvals(sub)))))
    dense = float(np.max(np.abs(np.linalg.eigvals(nx.to_numpy_array(G, weight=weight)))))
    # dense eigvals of a (partly) nilpotent matrix are only accurate to ~eps^(1/k)
    assert abs(dense - lam) < 1e-6 * max(1.0, lam) or lam == 0.0 and dense < 1e-3, (dense, lam)
    return lam


def katz_alpha(lam):
    return DAG_KATZ_ALPHA if lam == 0.0 else 0.5 / lam


def hits_checks(G, nodes, h, a):
    """Cross-check nx.hits against (1) a dense SVD and (2) plain power
    iteration a <- A^T h, h <- A a.  Returns diagnostics."""
    A = nx.to_numpy_array(G, nodelist=nodes, weight="value")
    s = np.linalg.svd(A, compute_uv=False)
    _, _, Vt = np.linalg.svd(A)
    a_svd = np.abs(Vt[0])
    h_svd = A @ a_svd
    a_svd /= a_svd.sum()
    h_svd /= h_svd.sum()
    # power iteration
    hp = np.ones(len(nodes))
    for _ in range(200000):
        ap = A.T @ hp
        ap /= ap.max()
        hn = A @ ap
        hn /= hn.max()
        if np.abs(hn - hp).sum() < 1e-15 * len(nodes):
            hp = hn
            break
        hp = hn
    ap = A.T @ hp
    hp = hp / hp.sum()
    ap = ap / ap.sum()
    hv = np.array([h[n] for n in nodes])
    av = np.array([a[n] for n in nodes])
    return {
        "top_singular_values": [float(x) for x in s[:3]],
        "max_abs_diff_vs_dense_svd": float(max(np.abs(hv - h_svd).max(), np.abs(av - a_svd).max())),
        "max_abs_diff_vs_power_iteration": float(max(np.abs(hv - hp).max(), np.abs(av - ap).max())),
    }


def near_ties(G, weight):
    """Count shortest-path 'near ties' (|d[u] + w - d[v]| tiny but non-zero)
    that could make a floating-point path count differ between
    implementations that sum edge lengths in different orders."""
    count = 0
    for s in G:
        d = nx.single_source_dijkstra_path_length(G, s, weight=weight)
        for u in d:
            for v, data in G[u].items():
                if v in d:
                    diff = abs(d[u] + data[weight] - d[v])
                    if 0 < diff < 1e-9 * max(1.0, d[v]):
                        count += 1
    return count


# ---------------------------------------------------------------------------
# Main computation
# ---------------------------------------------------------------------------


def compute(G):
    nodes = list(G)  # firms.csv order
    out = {
        "networkx_version": nx.__version__,
        "numpy_version": np.__version__,
        "n": G.number_of_nodes(),
        "m": G.number_of_edges(),
        "dag": bool(nx.is_directed_acyclic_graph(G)),
        "node_order": nodes,
        "zero_value_edges": sum(1 for *_, d in G.edges(data=True) if d["value"] == 0),
    }

    out["in_degree"] = {n: float(G.in_degree(n)) for n in nodes}
    out["out_degree"] = {n: float(G.out_degree(n)) for n in nodes}
    out["in_value"] = {n: float(G.in_degree(n, weight="value")) for n in nodes}
    out["out_value"] = {n: float(G.out_degree(n, weight="value")) for n in nodes}

    # PageRank ------------------------------------------------------------
    out["pagerank"] = fdict(nx.pagerank(G, weight="value", **PR_KW), nodes)
    R = G.reverse(copy=True)
    out["pagerank_reverse"] = fdict(nx.pagerank(R, weight="value", **PR_KW), nodes)
    pers_nodes = sorted(nodes)[:2]  # plain string sort: f0, f1, f10, ...
    out["personalization_nodes"] = pers_nodes
    out["pagerank_personalized"] = fdict(
        nx.pagerank(G, weight="value", personalization={p: 1.0 for p in pers_nodes}, **PR_KW), nodes)
    out["pagerank_noweight"] = fdict(nx.pagerank(G, weight=None, **PR_KW), nodes)

    # Katz ------------------------------------------------------------------
    lam_v = spectral_radius(G, "value")
    lam_n = spectral_radius(G, None)
    out["lambda_max_value"] = lam_v
    out["lambda_max_none"] = lam_n
    out["katz_alpha"] = katz_alpha(lam_v)
    out["katz_noweight_alpha"] = katz_alpha(lam_n)
    out["katz"] = fdict(nx.katz_centrality(G, alpha=out["katz_alpha"], weight="value", **KATZ_KW), nodes)
    out["katz_noweight"] = fdict(
        nx.katz_centrality(G, alpha=out["katz_noweight_alpha"], weight=None, **KATZ_KW), nodes)

    # HITS ------------------------------------------------------------------
    H = nx.DiGraph()
    H.add_nodes_from(nodes)
    H.add_edges_from((u, v, {"weight": d["value"]}) for u, v, d in G.edges(data=True))
    nstart = {n: 1.0 for n in nodes}
    h, a = nx.hits(H, nstart=nstart, **HITS_KW)
    out["hits_hub"] = fdict(h, nodes)
    out["hits_authority"] = fdict(a, nodes)
    out["hits_method"] = ("nx.hits(H, max_iter=10000, tol=1e-12, normalized=True, "
                          "nstart={every node: 1.0}) where H has weight=value "
                          "(scipy.sparse.linalg.svds / ARPACK)")
    out["hits_diagnostics"] = hits_checks(G, nodes, h, a)

    # Eigenvector -------------------------------------------------------------
    try:
        ev = nx.eigenvector_centrality(G, weight="value", **EIG_KW)
        out["eigenvector"] = fdict(ev, nodes)
        out["eigenvector_error"] = None
    except nx.PowerIterationFailedConvergence as exc:
        out["eigenvector"] = None
        msg = exc.args[-1] if exc.args and isinstance(exc.args[-1], str) else str(exc)
        out["eigenvector_error"] = f"{type(exc).__name__}: {msg}"

    # Shortest-path based ---------------------------------------------------------
    out["betweenness"] = fdict(nx.betweenness_centrality(G, normalized=True), nodes)
    out["closeness"] = fdict(nx.closeness_centrality(G), nodes)
    out["harmonic"] = fdict(nx.harmonic_centrality(G), nodes)

    if out["zero_value_edges"] == 0:
        for u, v, d in G.edges(data=True):
            d["dist"] = 1.0 / d["value"]
        out["betweenness_inverse_value"] = fdict(
            nx.betweenness_centrality(G, normalized=True, weight="dist"), nodes)
        out["closeness_inverse_value"] = fdict(nx.closeness_centrality(G, distance="dist"), nodes)
        out["harmonic_inverse_value"] = fdict(nx.harmonic_centrality(G, distance="dist"), nodes)
        out["inverse_value_note"] = "dist = 1.0 / value on every edge"
        out["inverse_value_near_ties"] = near_ties(G, "dist")
    else:
        out["betweenness_inverse_value"] = None
        out["closeness_inverse_value"] = None
        out["harmonic_inverse_value"] = None
        out["inverse_value_note"] = (
            "null: graph has zero-value edges, for which dist = 1/value is undefined")
        out["inverse_value_near_ties"] = None
    return out


def sanity(name, out):
    nodes = out["node_order"]
    for key in ["pagerank", "pagerank_reverse", "pagerank_personalized", "pagerank_noweight",
                "hits_hub", "hits_authority"]:
        s = sum(out[key].values())
        assert abs(s - 1.0) < 1e-9, (name, key, s)
        assert min(out[key].values()) >= -1e-12, (name, key)
    for key in ["katz", "katz_noweight"] + (["eigenvector"] if out["eigenvector"] else []):
        norm = math.sqrt(sum(x * x for x in out[key].values()))
        assert abs(norm - 1.0) < 1e-9, (name, key, norm)
    assert sum(out["in_degree"].values()) == out["m"] == sum(out["out_degree"].values())
    assert abs(sum(out["in_value"].values()) - sum(out["out_value"].values())) < 1e-9
    d = out["hits_diagnostics"]
    assert d["max_abs_diff_vs_dense_svd"] < 1e-9, (name, d)
    assert len(nodes) == out["n"]


def main():
    # nx.harmonic_centrality iterates over a Python set of nodes, so its
    # floating-point summation order (last-bit rounding) depends on string
    # hash randomisation.  Pin the hash seed so reruns are byte-identical.
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)
    summary = []
    for name, builder in GRAPHS:
        folder = os.path.join(HERE, name)
        nodes, edges = builder()
        write_csvs(folder, nodes, edges)
        G = read_graph(folder)
        out = compute(G)
        sanity(name, out)
        with open(os.path.join(folder, "expected.json"), "w") as f:
            json.dump(out, f, indent=1, allow_nan=False)
            f.write("\n")
        iso = sum(1 for n in G if G.degree(n) == 0)
        summary.append(
            f"{name:17s} n={out['n']:3d} m={out['m']:4d} dag={out['dag']!s:5s} isolated={iso} "
            f"zero_edges={out['zero_value_edges']} sccs>1={sum(1 for c in nx.strongly_connected_components(G) if len(c) > 1)} "
            f"lam_v={out['lambda_max_value']:.6g} lam_n={out['lambda_max_none']:.6g} "
            f"eig={'ok' if out['eigenvector'] else out['eigenvector_error']} "
            f"hits_sv={[round(x, 4) for x in out['hits_diagnostics']['top_singular_values']]} "
            f"hits_vs_power={out['hits_diagnostics']['max_abs_diff_vs_power_iteration']:.2e} "
            f"near_ties={out['inverse_value_near_ties']}")
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
