#!/usr/bin/env bash
# One command from a fresh clone to a full test run: installs OpenBLAS/LAPACKE if missing,
# then runs the Swift test suite (unit tests, NetworkX fixtures, end-to-end CLI tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build --build-tests
swift test --skip-build
