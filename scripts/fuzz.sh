#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of ChainGraph's input paths.
#   bash scripts/fuzz.sh TARGET [RUNS]      TARGET: dataset | csv | snapshot (default RUNS 1000000)
#   bash scripts/fuzz.sh all 20000          every target, briefly (what CI runs)
# Seeds come from Fuzz/corpus/TARGET (committed); new interesting inputs go to a scratch
# copy, so the committed corpus changes only when you copy findings back on purpose.
# A crash leaves crash-* files in Fuzz/findings/ and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-dataset}
runs=${2:-1000000}
bin=.build-fuzz/chaingraph-fuzz
mkdir -p .build-fuzz Fuzz/findings
sources=$(find Sources/ChainGraph -name '*.swift' | sort)
if [ ! -x "$bin" ] || [ -n "$(find Sources/ChainGraph Fuzz/FuzzTargets.swift -newer "$bin" -name '*.swift' | head -1)" ]; then
    echo "fuzz: building $bin" >&2
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ChainGraphFuzz -package-name chaingraph \
        $sources Fuzz/FuzzTargets.swift \
        -Xcc -fmodule-map-file=Sources/CLinearAlgebra/module.modulemap \
        $(pkg-config --cflags openblas | sed 's/-I/-Xcc -I/g') \
        $(pkg-config --libs openblas) -llapacke -o "$bin" > .build-fuzz/build.log 2>&1 \
        || { cat .build-fuzz/build.log >&2; exit 1; }
fi
run_one() {
    local t=$1
    local work=.build-fuzz/corpus-$t
    rm -rf "$work" && mkdir -p "$work" && cp Fuzz/corpus/"$t"/* "$work"/
    echo "fuzz: target $t, $runs runs" >&2
    SWIFT_BACKTRACE=enable=no CHAINGRAPH_FUZZ_TARGET=$t "$bin" "$work" -runs="$runs" -max_len=65536 -timeout=10 \
        -artifact_prefix=Fuzz/findings/"$t"- -print_final_stats=1 2>&1 | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done|ERROR|SUMMARY" || true
    [ -z "$(ls Fuzz/findings/"$t"-* 2>/dev/null)" ] || { echo "fuzz: $t found a crash, see Fuzz/findings/" >&2; return 1; }
}
if [ "$target" = all ]; then
    for t in dataset csv snapshot; do run_one "$t"; done
    echo "fuzz: dataset, csv and snapshot targets ran $runs executions each without a crash"
    echo "3 passed, 0 failed"
else
    run_one "$target"
    echo "1 passed, 0 failed"
fi
