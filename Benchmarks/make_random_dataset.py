"""Writes a random dataset for load and kernel benchmarks: firms.csv and links.csv.

    python3 Benchmarks/make_random_dataset.py OUT_DIR [--model uniform|heavy] [--firms N] [--links M] [--seed S]

Firm ids are F0…F{N-1}. Two graph models:
  uniform  each link picks supplier and buyer uniformly at random (the README's load figures:
           1,000,000 firms, 10,000,000 links);
  heavy    heavy-tailed out-degrees and popularity, as real invoice data: the supplier of a
           link is drawn with probability ∝ rank^-0.8 and the buyer ∝ rank^-0.9 (Zipf-like),
           the ranks shuffled so hubs are spread over the id range rather than at F0, F1, ….
           The largest buyer gets a few percent of all links, most firms a handful.
Values have two decimals. Self-loops and repeated pairs are written as drawn (ChainGraph drops
and merges them; the peers load the rows as they are). Deterministic for a given seed; needs
numpy and polars (`pip install numpy polars`), never a dependency of the Swift tool.
"""
import argparse
import os

import numpy as np
import polars as pl


def endpoints(model, n, m, rng):
    """Supplier and buyer indices of m links."""
    if model == "uniform":
        return rng.integers(0, n, m), rng.integers(0, n, m)
    ends = []
    for exponent in (0.8, 0.9):
        weights = np.arange(1, n + 1, dtype=np.float64) ** -exponent
        cumulative = np.cumsum(weights)
        ranks = np.searchsorted(cumulative, rng.random(m) * cumulative[-1], side="right")
        ends.append(rng.permutation(n)[np.minimum(ranks, n - 1)])
    return ends[0], ends[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--model", choices=["uniform", "heavy"], default="uniform")
    parser.add_argument("--firms", type=int, default=1_000_000)
    parser.add_argument("--links", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    n, m = args.firms, args.links
    supplier, buyer = endpoints(args.model, n, m, rng)
    cents = rng.integers(1, 100_000, m)
    with open(os.path.join(args.out, "links.csv"), "wb") as f:
        f.write(b"supplier,buyer,value\n")
        step = 2_000_000
        for start in range(0, m, step):
            frame = pl.DataFrame({"s": supplier[start:start + step], "b": buyer[start:start + step], "c": cents[start:start + step]})
            frame.select(
                ("F" + pl.col("s").cast(pl.String)).alias("supplier"),
                ("F" + pl.col("b").cast(pl.String)).alias("buyer"),
                (pl.col("c") // 100).cast(pl.String) + "." + (pl.col("c") % 100).cast(pl.String).str.zfill(2),
            ).write_csv(f, include_header=False)
    index = np.arange(n)
    revenue = rng.integers(1, 10**7, n)
    pl.DataFrame({"i": index, "r": revenue}).select(
        ("F" + pl.col("i").cast(pl.String)).alias("id"),
        ("企业" + pl.col("i").cast(pl.String)).alias("name"),
        ("湖北/武汉/区" + (pl.col("i") % 50).cast(pl.String)).alias("region"),
        pl.lit(None, dtype=pl.String).alias("segment"),
        ((pl.col("r") // 10).cast(pl.String) + "." + (pl.col("r") % 10).cast(pl.String)).alias("revenue"),
    ).write_csv(os.path.join(args.out, "firms.csv"))


if __name__ == "__main__":
    main()
