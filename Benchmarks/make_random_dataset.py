"""Writes a random dataset for load benchmarks: firms.csv and links.csv.

    python3 Benchmarks/make_random_dataset.py OUT_DIR [--firms N] [--links M] [--seed S]

Firm ids are F0…F{N-1}; each link picks supplier and buyer uniformly at random and a value
with two decimals. Deterministic for a given seed. This is the data behind the load figures
in the README (1,000,000 firms, 10,000,000 links: 50.5 MB + 225.7 MB).
"""
import argparse
import os
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--firms", type=int, default=1_000_000)
    parser.add_argument("--links", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    with open(os.path.join(args.out, "links.csv"), "w") as f:
        f.write("supplier,buyer,value\n")
        batch = []
        for _ in range(args.links):
            batch.append(f"F{rng.randrange(args.firms)},F{rng.randrange(args.firms)},{rng.randrange(1, 100000) / 100}\n")
            if len(batch) >= 100_000:
                f.write("".join(batch))
                batch = []
        f.write("".join(batch))
    rng = random.Random(args.seed + 1)
    with open(os.path.join(args.out, "firms.csv"), "w") as f:
        f.write("id,name,region,segment,revenue\n")
        for i in range(args.firms):
            f.write(f"F{i},企业{i},湖北/武汉/区{i % 50},,{rng.randrange(1, 10**7) / 10}\n")


if __name__ == "__main__":
    main()
