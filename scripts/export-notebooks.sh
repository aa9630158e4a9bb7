#!/usr/bin/env bash
# Regenerates notebooks-export/: the chain-gap report of the bundled dataset for 湖北
# (report.ipynb, report.html, report.md and the report.json the notebook loads).
# A test (ReportTests) fails when these files are stale.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product chaingraph >&2
.build/debug/chaingraph report --local 湖北 --out notebooks-export --dataset-name datasets/nev -q
echo "notebooks-export/ regenerated" >&2
