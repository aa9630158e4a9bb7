#!/usr/bin/env bash
# One command from a fresh clone to a result: installs OpenBLAS/LAPACKE if missing, builds
# chaingraph in release mode, and runs it with the given arguments (default: `summary` on
# the bundled dataset datasets/nev).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product chaingraph >&2
if [ $# -eq 0 ]; then set -- summary; fi
exec .build/release/chaingraph "$@"
