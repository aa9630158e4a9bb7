"""NetworkX reference values for two real supply chains of Willems (2008).

Reads ../shared/data/willems2008/NN_arcs.csv and NN_stages.csv (not committed: the data stay
in shared/), builds nx.DiGraph with every stage as a node and every arc
sourceStage -> destinationStage with value 1.0, and writes willems_NN.json here with the
measures the Swift tests compare. Chains 24 (334 stages) and 36 (1,451 stages) exercise the
dense LAPACK path and the sparse power path respectively.

Run from the repository root: python3 Tests/Fixtures/centrality/make_willems_fixtures.py
"""
import csv
import json
import os
import sys

import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "willems2008")


def graph(chain):
    g = nx.DiGraph()
    with open(os.path.join(DATA, f"{chain:02d}_stages.csv"), newline="") as f:
        for row in csv.DictReader(f):
            g.add_node(row["Stage Name"])
    with open(os.path.join(DATA, f"{chain:02d}_arcs.csv"), newline="") as f:
        for row in csv.DictReader(f):
            g.add_edge(row["sourceStage"], row["destinationStage"], value=1.0, weight=1.0)
    return g


def main():
    if not os.path.isdir(DATA):
        sys.exit(f"missing {DATA}")
    for chain in (24, 36):
        g = graph(chain)
        hubs, authorities = nx.hits(g, max_iter=100000, tol=1e-12, nstart={v: 1.0 for v in g})
        out = {
            "chain": chain,
            "networkx_version": nx.__version__,
            "n": g.number_of_nodes(),
            "m": g.number_of_edges(),
            "dag": nx.is_directed_acyclic_graph(g),
            "pagerank": nx.pagerank(g, alpha=0.85, weight="value", tol=1e-12, max_iter=10000),
            "pagerank_reverse": nx.pagerank(g.reverse(copy=True), alpha=0.85, weight="value", tol=1e-12, max_iter=10000),
            "katz": nx.katz_centrality(g, alpha=0.1, beta=1.0, normalized=True, weight="value", tol=1e-12, max_iter=100000),
            "hits_hub": hubs,
            "hits_authority": authorities,
            "betweenness": nx.betweenness_centrality(g, normalized=True),
            "closeness": nx.closeness_centrality(g),
            "harmonic": nx.harmonic_centrality(g),
        }
        with open(os.path.join(HERE, f"willems_{chain:02d}.json"), "w") as f:
            json.dump(out, f, indent=0, sort_keys=True)
            f.write("\n")
        print(f"chain {chain}: n={out['n']} m={out['m']} dag={out['dag']}")


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.environ["PYTHONHASHSEED"] = "0"  # harmonic_centrality sums over a set
        os.execv(sys.executable, [sys.executable] + sys.argv)
    main()
