#!/usr/bin/env bash
# How cost grows with size: generate → convert → pagerank → gaps for 10^3…10^7 firms at
# 10 links per firm (10^4…10^8 links), with wall time and peak RSS of every step.
#   bash Benchmarks/scale.sh [WORK_DIR] [MAX_EXPONENT]     (default /tmp/cgscale, 7)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/cgscale}
max=${2:-7}
bin=.build/release/chaingraph
swift build -c release --product chaingraph >&2
mkdir -p "$work"
echo "| firms | links | step | wall s | peak RSS MB |"
echo "|---|---|---|---|---|"
step() {  # name, command...
    local name=$1; shift
    local out
    out=$( { /usr/bin/time -f "%e %M" "$@" > "$work/step.out"; } 2>&1 | tail -1)
    echo "| $firms | $links | $name | ${out% *} | $(( ${out#* } / 1024 )) |"
}
for e in $(seq 3 "$max"); do
    firms=$((10 ** e)); links=$((firms * 10))
    dir="$work/gen$e"
    step generate "$bin" generate --firms "$firms" --links-per-firm 10 --seed 1 --out "$dir" -q
    step convert "$bin" convert --dataset "$dir" --output "$dir.cgs" -q
    step pagerank "$bin" centrality --measure pagerank --dataset "$dir.cgs" --top 10 -q
    step gaps "$bin" gaps --local 湖北 --dataset "$dir.cgs" --top 10 -q
    rm -rf "$dir"
done
