#!/usr/bin/env bash
# One command from a fresh clone to a full test run. Installs what is missing (OpenBLAS and
# LAPACKE: scripts/setup.sh; the Python readers, Chromium and CJK fonts: scripts/setup-tests.sh),
# builds and runs the Swift test suite (unit tests, NetworkX and Python-reference fixtures,
# end-to-end CLI tests), then runs every other check, none optional:
#   - exports and the report read back with NetworkX, scipy and nbformat/nbclient;
#   - the report rendered in headless Chromium (scripts/browser-check.sh);
#   - `chaingraph serve`: every API endpoint against the CLI, bad parameters, traversal and
#     malformed requests, loopback only, a load test, and the page driven in headless
#     Chromium (Tests/serve/check_serve.py);
#   - the DocC catalogs built with warnings as errors (scripts/docs.sh);
#   - the example package Examples/ChainStudy built and run on datasets/nev;
#   - the Spark package (spark/) in local mode, every row compared with the CLI's
#     (Tests/spark/check_spark.py; a few minutes);
#   - a short coverage-guided fuzz run of every input path (scripts/fuzz.sh, and
#     scripts/fuzz-xlsx.sh for the workbook reader);
#   - documentation coverage of the public API (scripts/check_doc_coverage.py).
# A failing check does not stop the others; the run ends with "checks: N passed, M failed"
# and exits 1 when any failed. About 30 minutes on 2 cores from a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/setup-tests.sh

# The Swift build and test suite: the checks below use its build, so a failure here ends the run.
swift build --build-tests
swift test --skip-build

passed=0
failed=()
# check NAME COMMAND…: runs one check, records its result, and goes on.
check() {
    local name=$1
    shift
    echo "== check: $name" >&2
    if "$@"; then
        passed=$((passed + 1))
    else
        echo "== check FAILED: $name" >&2
        failed+=("$name")
    fi
}

# Builds Examples/ChainStudy (its own package, which links ChainGraph by path) and runs it on
# the bundled dataset from the repository root: it must exit 0 and print something.
example() {
    local bin out
    swift build --package-path Examples/ChainStudy || return 1
    bin=$(swift build --package-path Examples/ChainStudy --show-bin-path) || return 1
    out=$("$bin/ChainStudy" datasets/nev) || { echo "example: ChainStudy exited with an error" >&2; return 1; }
    [ -n "$out" ] || { echo "example: ChainStudy printed nothing" >&2; return 1; }
    printf '%s\n' "$out"
}

check "exports read back (NetworkX, scipy)" python3 Tests/python/check_exports.py .build/debug/chaingraph
check "report read back and notebook executed" python3 Tests/python/check_report.py .build/debug/chaingraph
check "report rendered in headless Chromium" bash scripts/browser-check.sh notebooks-export/report.html
check "chain map server (API = CLI, safety, load, browser)" python3 Tests/serve/check_serve.py .build/debug/chaingraph
check "DocC catalogs without warnings" bash scripts/docs.sh
check "example package Examples/ChainStudy" example
check "Spark package equals the CLI" python3 Tests/spark/check_spark.py .build/debug/chaingraph
# A short coverage-guided fuzz run of every input path (scripts/fuzz.sh; long runs: see docs/reliability.md).
check "fuzzing (20000 runs per target)" bash scripts/fuzz.sh all 20000
check "fuzzing the xlsx reader (20000 runs per target)" bash scripts/fuzz-xlsx.sh all 20000
check "documentation coverage of the public API" python3 scripts/check_doc_coverage.py

if [ ${#failed[@]} -gt 0 ]; then
    printf 'failed check: %s\n' "${failed[@]}" >&2
fi
echo "checks: $passed passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
