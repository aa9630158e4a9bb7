#!/usr/bin/env bash
# Runs the whole Swift test suite under AddressSanitizer and ThreadSanitizer, each in its own
# build folder (.build-asan, .build-tsan), so the regular build is untouched.
#   bash scripts/sanitizers.sh [address|thread|all]     (default: all)
# Takes a few minutes per sanitizer on 2 cores; not part of scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
which=${1:-all}
run() {
    echo "sanitizer: $1" >&2
    SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0" \
        swift test --sanitize="$1" --scratch-path ".build-$2" > ".build-$2.log" 2>&1 || { tail -n 60 ".build-$2.log" >&2; return 1; }
    grep -E "Test run with|Executed .* tests" ".build-$2.log" | tail -n 2
}
case "$which" in
    address) run address asan ;;
    thread) run thread tsan ;;
    all) run address asan; run thread tsan ;;
    *) echo "usage: $0 [address|thread|all]" >&2; exit 64 ;;
esac
