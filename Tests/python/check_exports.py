"""Reads `chaingraph export` output back with the tools users have: NetworkX (GraphML,
GEXF), scipy (Matrix Market) and the csv module (edge list), and checks it against the
dataset's own numbers. Run by scripts/test.sh:

    python3 Tests/python/check_exports.py .build/debug/chaingraph
"""
import csv
import io
import subprocess
import sys
import tempfile

import networkx as nx
import scipy.io


def run(binary, *args):
    return subprocess.run([binary, *args, "-q"], check=True, capture_output=True, text=True).stdout


def main():
    binary = sys.argv[1]
    edges = list(csv.DictReader(io.StringIO(run(binary, "export", "--format", "edgelist"))))
    summary = dict(csv.reader(io.StringIO(run(binary, "summary", "--format", "csv"))))
    firms, links = int(summary["firms"]), int(summary["links"])
    assert len(edges) == links, (len(edges), links)
    total = sum(float(e["value"]) for e in edges)
    assert abs(total - float(summary["total_value"])) <= 1e-6 * total, total
    pairs = {}
    for e in edges:
        pairs[(e["supplier"], e["buyer"])] = pairs.get((e["supplier"], e["buyer"]), 0.0) + float(e["value"])

    with tempfile.TemporaryDirectory() as tmp:
        run(binary, "export", "--format", "graphml", "--output", f"{tmp}/g.graphml")
        g = nx.read_graphml(f"{tmp}/g.graphml")
        assert g.is_directed() and g.number_of_nodes() == firms, g
        assert g.number_of_edges() == links
        s, b = next(iter(pairs))
        got = sum(d["value"] for d in (g.get_edge_data(s, b).values() if g.is_multigraph() else [g.get_edge_data(s, b)]))
        assert abs(got - pairs[(s, b)]) < 1e-9, (got, pairs[(s, b)])
        assert any("region" in d for _, d in g.nodes(data=True))

        run(binary, "export", "--format", "gexf", "--output", f"{tmp}/g.gexf")
        h = nx.read_gexf(f"{tmp}/g.gexf")
        assert h.number_of_nodes() == firms and h.number_of_edges() == links, h

        run(binary, "export", "--format", "mtx", "--output", f"{tmp}/g.mtx")
        m = scipy.io.mmread(f"{tmp}/g.mtx").tocsr()
        assert m.shape == (firms, firms), m.shape
        assert m.nnz == len(pairs), (m.nnz, len(pairs))
        assert abs(m.sum() - total) <= 1e-6 * total
    print(f"exports: graphml, gexf, mtx and edgelist read back ({firms} firms, {links} links)")
    print("4 passed, 0 failed")


if __name__ == "__main__":
    main()
