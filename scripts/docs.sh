#!/usr/bin/env bash
# Builds the DocC documentation of the ChainGraph, ChainGraphReport and ChainGraphExcel libraries with the
# Swift-DocC plugin (swiftlang/swift-docc-plugin, declared in Package.swift) and fails on any
# DocC warning — a broken ``symbol`` link, an unknown <doc:article>, a parameter list that
# misses or invents a parameter — so broken links never land.
#   bash scripts/docs.sh [TARGET…]        (default: ChainGraph ChainGraphReport ChainGraphExcel, in that order)
# Archives: .build-docs/docc/TARGET.doccarchive (static hosting). To browse one locally:
#   swift package --disable-sandbox preview-documentation --target TARGET
#
# Warnings are errors, but applied here rather than with DocC's --warnings-as-errors: that flag
# leaves no archive behind, and ChainGraphReport's pages link into ChainGraph's archive (a later
# target gets every earlier one as a --dependency). In ChainGraphReport, write such a link with
# its module, ``/ChainGraph/RegionContext``; a bare ``RegionContext`` does not resolve there.
# Every DocC diagnostic is printed as `file:line:column: severity: message`.
# Builds in its own scratch folder (CHAINGRAPH_DOCS_SCRATCH, default .build-docs) so the
# regular .build/ is untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
scratch=${CHAINGRAPH_DOCS_SCRATCH:-.build-docs}
[ $# -gt 0 ] || set -- ChainGraph ChainGraphReport ChainGraphExcel
out="$PWD/$scratch/docc"
mkdir -p "$out"
failed=()
dependencies=()
for target in "$@"; do
    log="$out/$target.log"
    diagnostics="$out/$target.diagnostics.json"
    archive="$out/$target.doccarchive"
    rm -rf "$diagnostics" "$archive"
    echo "docs: $target" >&2
    status=0
    swift package --scratch-path "$scratch" --allow-writing-to-directory "$out" \
        generate-documentation --target "$target" \
        --enable-experimental-external-link-support "${dependencies[@]}" \
        --diagnostics-file "$diagnostics" --output-path "$archive" >"$log" 2>&1 || status=$?
    # DocC's own diagnostics (not the compiler's), one line each, with relative paths.
    count=$(python3 - "$diagnostics" "$PWD" <<'PY'
import json, os, sys
try:
    diagnostics = json.load(open(sys.argv[1])).get("diagnostics", [])
except FileNotFoundError:
    diagnostics = []
def where(d):
    path = d.get("source", "").removeprefix("file://")
    path = os.path.relpath(path, sys.argv[2]) if path else "?"
    start = (d.get("range") or {}).get("start", {})
    return path, start.get("line", 0), start.get("column", 0)
for d in sorted(diagnostics, key=lambda d: (where(d), d.get("summary", ""))):
    path, line, column = where(d)
    print(f"{path}:{line}:{column}: {d.get('severity', '?')}: {d.get('summary', '')}", file=sys.stderr)
print(len(diagnostics))
PY
)
    if [ "$status" -eq 0 ] && [ "$count" -eq 0 ]; then
        echo "docs: $target built without warnings → $scratch/docc/$target.doccarchive" >&2
    else
        if [ "$status" -ne 0 ]; then
            grep -E "error:" "$log" | grep -v "DeprecatedDeclaration" | sort -u | tail -n 20 >&2 || tail -n 40 "$log" >&2
            echo "docs: $target: the plugin exited with status $status" >&2
        fi
        echo "docs: $target FAILED with $count DocC diagnostics (full log: $scratch/docc/$target.log)" >&2
        failed+=("$target")
    fi
    [ -d "$archive" ] && dependencies+=(--dependency "$archive")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "docs: DocC warnings or errors in ${failed[*]}" >&2
    exit 1
fi
echo "docs: $# DocC catalogs built without warnings"
