#!/usr/bin/env bash
# One command from a fresh clone to a full test run: installs OpenBLAS/LAPACKE (and the
# Python readers the checks use) if missing, runs the Swift test suite (unit tests,
# NetworkX and Python-reference fixtures, end-to-end CLI tests), then reads exports and the
# report back with NetworkX, scipy and nbformat, and renders the report in headless
# Chromium when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
python3 Tests/python/check_exports.py .build/debug/chaingraph
python3 Tests/python/check_report.py .build/debug/chaingraph
if command -v chromium >/dev/null; then
    bash scripts/browser-check.sh notebooks-export/report.html
else
    echo "browser check skipped: chromium is not installed (apt-get install chromium fonts-noto-cjk)"
fi
# A short coverage-guided fuzz run of every input path (scripts/fuzz.sh; long runs: see docs/reliability.md).
bash scripts/fuzz.sh all 20000
