#!/usr/bin/env python3
"""Documentation coverage of the public API: which public declarations of the ChainGraph,
ChainGraphReport and ChainGraphExcel libraries have no `///` doc comment.

    python3 scripts/check_doc_coverage.py [--scratch-path .build] [--output FILE]
    python3 scripts/check_doc_coverage.py --symbol-graph-dir DIR     (already extracted graphs)

It builds the library targets (`swift build --target …`, a no-op after the test build), extracts their symbol graphs with `swift symbolgraph-extract
-minimum-access-level public`, and counts every public or open symbol without a doc comment.
Not counted, because nobody can or should write a comment for them:
  - members a type gets from a protocol extension (default implementations such as
    Equatable's `!=` or RawRepresentable's `encode(to:)`): their identifier contains
    `::SYNTHESIZED::`;
  - declarations the compiler writes (memberwise and Codable initialisers, `init(rawValue:)`):
    they have no source location;
  - implementations of a requirement of another module's protocol (`==`, `hash(into:)`,
    `description`, `startIndex`, …) that inherit that protocol's documentation; they are
    counted apart as "inherited";
  - names starting with an underscore, which DocC hides.
Prints one line per undocumented declaration (file:line: kind path), writes the same list to
--output (default SCRATCH/doc-coverage.txt), and exits 1 when any declaration is undocumented.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["ChainGraph", "ChainGraphReport", "ChainGraphExcel", "ChainGraphServer"]


def run(cmd, log=None):
    """Runs a command from the repository root; on failure prints its output and exits 2."""
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if log is not None:
        log.write(f"$ {shlex.join(cmd)}\n{proc.stdout}\n")
    if proc.returncode != 0:
        tail = "\n".join(proc.stdout.splitlines()[-40:])
        sys.exit(f"doc coverage: `{shlex.join(cmd)}` failed (exit {proc.returncode}):\n{tail}")
    return proc.stdout


def extract(scratch: Path, modules) -> Path:
    """Builds the library targets in `scratch` and extracts their public symbol graphs."""
    out = scratch / "doc-coverage" / "symbolgraph"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.symbols.json"):
        old.unlink()
    with open(scratch / "doc-coverage" / "build.log", "w") as log:
        for module in modules:
            run(["swift", "build", "--scratch-path", str(scratch), "--target", module], log)
        bin_path = Path(run(["swift", "build", "--scratch-path", str(scratch), "--show-bin-path"], log).strip().splitlines()[-1])
        target = json.loads(run(["swiftc", "-print-target-info"], log))["target"]["triple"]
        blas = run(["pkg-config", "--cflags-only-I", "openblas"], log).split()
        # The C modules the libraries import directly or through their dependencies need
        # their module maps: ours, ZIPFoundation's zlib, and (ChainGraphServer) SwiftNIO's
        # and swift-atomics' shims — the ones SwiftPM generates beside the build products
        # and the ones the packages ship in an include folder.
        czlib = scratch / "checkouts" / "ZIPFoundation" / "Sources" / "CZLib" / "module.modulemap"
        module_maps = [ROOT / "Sources/CLinearAlgebra/module.modulemap"] + ([czlib] if czlib.exists() else [])
        module_maps += sorted(bin_path.glob("*.build/module.modulemap"))
        module_maps += sorted(scratch.glob("checkouts/*/Sources/*/include/module.modulemap"))
        for module in modules:
            run(["swift-symbolgraph-extract", "-module-name", module, "-target", target,
                 "-I", str(bin_path / "Modules"),
                 *[a for m in module_maps for a in ("-Xcc", f"-fmodule-map-file={m}")],
                 *[a for flag in blas for a in ("-Xcc", flag)],
                 "-minimum-access-level", "public", "-output-dir", str(out)], log)
    return out


def has_text(doc) -> bool:
    return doc is not None and any(line.get("text", "").strip() for line in doc.get("lines", []))


def location(symbol) -> str:
    loc = symbol["location"]
    path = loc["uri"].removeprefix("file://")
    try:
        path = os.path.relpath(path, ROOT)
    except ValueError:
        pass
    return f"{path}:{loc['position']['line'] + 1}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scratch-path", default=".build", help="SwiftPM build folder (default: .build)")
    parser.add_argument("--symbol-graph-dir", help="use the *.symbols.json files in this folder instead of building")
    parser.add_argument("--output", help="write the list here too (default: SCRATCH/doc-coverage.txt)")
    parser.add_argument("--modules", nargs="+", default=MODULES, help="modules to check (default: %(default)s)")
    args = parser.parse_args()

    scratch = (ROOT / args.scratch_path).resolve()
    graphs = Path(args.symbol_graph_dir) if args.symbol_graph_dir else extract(scratch, args.modules)

    lines, summary = [], []
    total_missing = total_counted = total_inherited = 0
    for module in args.modules:
        # MODULE.symbols.json, plus MODULE@Other.symbols.json for public members the module
        # adds to other modules' types.
        files = sorted(graphs.glob(f"{module}.symbols.json")) + sorted(graphs.glob(f"{module}@*.symbols.json"))
        if not files:
            sys.exit(f"doc coverage: no symbol graph for {module} in {graphs}")
        counted = inherited = 0
        missing = []
        for file in files:
            for symbol in json.load(open(file))["symbols"]:
                if symbol.get("accessLevel") not in ("public", "open"):
                    continue
                if "::SYNTHESIZED::" in symbol["identifier"]["precise"] or "location" not in symbol:
                    continue
                if symbol["kind"]["identifier"] == "swift.extension":
                    continue
                if any(part.startswith("_") for part in symbol["pathComponents"]):
                    continue
                doc = symbol.get("docComment")
                if has_text(doc) and doc.get("module", module) != module:
                    inherited += 1
                    continue
                counted += 1
                if not has_text(doc):
                    kind = symbol["kind"]["identifier"].removeprefix("swift.")
                    missing.append((location(symbol), kind, "/".join([module, *symbol["pathComponents"]])))
        missing.sort(key=lambda m: (m[0].rsplit(":", 1)[0], int(m[0].rsplit(":", 1)[1])))
        lines += [f"{loc}: {kind} {path}" for loc, kind, path in missing]
        kinds = {}
        for _, kind, _ in missing:
            kinds[kind] = kinds.get(kind, 0) + 1
        by_kind = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
        summary.append(f"{module}: {counted - len(missing)} of {counted} public declarations documented, "
                       f"{len(missing)} undocumented ({by_kind or 'none'}); "
                       f"{inherited} more inherit a protocol's documentation")
        total_missing += len(missing)
        total_counted += counted
        total_inherited += inherited

    closing = f"doc coverage: {total_missing} of {total_counted} public declarations have no /// doc comment"
    output = Path(args.output) if args.output else scratch / "doc-coverage.txt"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(lines + [""] + summary + [closing]) + "\n")
    for line in lines + summary:
        print(line)
    print(closing + (f" (list: {os.path.relpath(output, ROOT)})" if total_missing else ""))
    return 1 if total_missing else 0


if __name__ == "__main__":
    sys.exit(main())
