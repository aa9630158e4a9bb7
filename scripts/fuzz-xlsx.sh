#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer + AddressSanitizer) of the .xlsx reader, ChainGraphExcel
# (SPEC §1.1, §5: no workbook may crash or hang it). Fuzz/XLSXFuzzTarget.swift says what the
# targets do.
#   bash scripts/fuzz-xlsx.sh TARGET [RUNS]    TARGET: xlsx | xlsx-xml (default RUNS 1000000)
#   bash scripts/fuzz-xlsx.sh all 20000        both targets, briefly
# Unlike scripts/fuzz.sh (one module of the ChainGraph sources), this builds three modules
# with swiftc, all instrumented: ZIPFoundation (from the sources SwiftPM resolves), ChainGraph,
# and ChainGraphExcel together with the fuzz entry point, so its internals are reachable.
# Seeds come from Fuzz/corpus/TARGET (committed); new inputs go to a scratch copy. A crash
# leaves crash-* files in Fuzz/findings/ and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-xlsx}
runs=${2:-1000000}
out=.build-fuzz-xlsx
bin=$out/chaingraph-fuzz-xlsx
mkdir -p "$out/modules" Fuzz/findings
[ -d "$out/checkouts/ZIPFoundation" ] || swift package resolve --scratch-path "$out" > "$out/resolve.log" 2>&1 \
    || { cat "$out/resolve.log" >&2; exit 1; }
zf=$out/checkouts/ZIPFoundation
flags=(-sanitize=fuzzer,address -parse-as-library -O -package-name chaingraph -I "$out/modules"
       -Xcc -fmodule-map-file="$zf/Sources/CZLib/module.modulemap"
       -Xcc -fmodule-map-file=Sources/CLinearAlgebra/module.modulemap)
for f in $(pkg-config --cflags openblas); do flags+=(-Xcc "$f"); done
# Rebuilds a module when it is missing or a source is newer than it.
stale() { local product=$1; shift; [ ! -e "$product" ] || [ -n "$(find -L "$@" -newer "$product" -name '*.swift' | head -1)" ]; }
build() { "$@" >> "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }; }
: > "$out/build.log"
if stale "$out/libZIPFoundation.a" "$zf/Sources/ZIPFoundation"; then
    echo "fuzz-xlsx: building ZIPFoundation" >&2
    build swiftc "${flags[@]}" -module-name ZIPFoundation -Xcc -D_GNU_SOURCE=1 \
        -emit-module -emit-module-path "$out/modules/ZIPFoundation.swiftmodule" -emit-library -static \
        -o "$out/libZIPFoundation.a" $(find "$zf/Sources/ZIPFoundation" -name '*.swift' | sort)
fi
if stale "$out/libChainGraph.a" Sources/ChainGraph; then
    echo "fuzz-xlsx: building ChainGraph" >&2
    build swiftc "${flags[@]}" -module-name ChainGraph \
        -emit-module -emit-module-path "$out/modules/ChainGraph.swiftmodule" -emit-library -static \
        -o "$out/libChainGraph.a" $(find -L Sources/ChainGraph -name '*.swift' | sort)
fi
if stale "$bin" Sources/ChainGraphExcel Fuzz/XLSXFuzzTarget.swift || [ "$out/libChainGraph.a" -nt "$bin" ]; then
    echo "fuzz-xlsx: building $bin" >&2
    build swiftc "${flags[@]}" -module-name ChainGraphExcel \
        $(find -L Sources/ChainGraphExcel -name '*.swift' | sort) Fuzz/XLSXFuzzTarget.swift \
        -L "$out" -lZIPFoundation -lChainGraph $(pkg-config --libs openblas) -llapacke -lz -o "$bin"
fi
run_one() {
    local t=$1
    local work=$out/corpus-$t
    rm -rf "$work" && mkdir -p "$work" && cp Fuzz/corpus/"$t"/* "$work"/
    echo "fuzz-xlsx: target $t, $runs runs" >&2
    SWIFT_BACKTRACE=enable=no CHAINGRAPH_FUZZ_TARGET=$t "$bin" "$work" -runs="$runs" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix=Fuzz/findings/"$t"- -print_final_stats=1 2>&1 \
        | grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done|ERROR|SUMMARY|Precondition|Fatal" || true
    [ -z "$(ls Fuzz/findings/"$t"-* 2>/dev/null)" ] || { echo "fuzz-xlsx: $t found a crash, see Fuzz/findings/" >&2; return 1; }
}
if [ "$target" = all ]; then
    for t in xlsx xlsx-xml; do run_one "$t"; done
    echo "fuzz-xlsx: xlsx and xlsx-xml targets ran $runs executions each without a crash"
    echo "2 passed, 0 failed"
else
    run_one "$target"
    echo "1 passed, 0 failed"
fi
