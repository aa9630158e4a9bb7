#!/usr/bin/env bash
# Regenerates notebooks-export/: the chain-gap report of the bundled dataset for 湖北
# (report.ipynb, report.html, report.md and the report.json the notebook loads).
# The report's arguments are in notebooks-export/ARGS (one line, shell words without
# quotes), which the freshness test (ReportTests) reads too, so both always agree.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product chaingraph >&2
.build/debug/chaingraph report $(cat notebooks-export/ARGS) --out notebooks-export -q
echo "notebooks-export/ regenerated" >&2
