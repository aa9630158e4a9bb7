"""Checks a `chaingraph report` folder: the notebook validates against nbformat 4, the HTML
is self-contained with its SVG charts, the JSON carries the numbers the CLI prints.

    python3 Tests/python/check_report.py .build/debug/chaingraph
"""
import csv
import io
import json
import re
import subprocess
import sys
import tempfile

import nbformat


def main():
    binary = sys.argv[1]
    passed = 0
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([binary, "report", "--local", "湖北", "--out", out, "-q"], check=True)
        nb = nbformat.read(f"{out}/report.ipynb", as_version=4)
        nbformat.validate(nb)
        assert nb.nbformat == 4 and len(nb.cells) >= 8
        assert any("report.json" in "".join(c.source) for c in nb.cells if c.cell_type == "code")
        passed += 1

        html = open(f"{out}/report.html", encoding="utf-8").read()
        assert html.count("<svg") >= 4, "SVG charts missing"
        external = [u for u in re.findall(r'(?:src|href)="([^"]+)"', html) if not u.startswith("#")]
        assert not external, f"external references: {external}"
        assert "<script" not in html
        passed += 1

        report = json.load(open(f"{out}/report.json", encoding="utf-8"))
        gaps_cli = list(csv.DictReader(io.StringIO(subprocess.run(
            [binary, "gaps", "--local", "湖北", "--format", "csv", "-q"], check=True, capture_output=True, text=True).stdout)))
        assert len(report["gaps"]) == len(gaps_cli)
        for a, b in zip(report["gaps"], gaps_cli):
            assert a["type"] == b["type"] and a["segment"] == b["segment"]
            if b["imported_value"]:
                assert abs(a["imported_value"] - float(b["imported_value"])) <= 1e-9 * max(1, abs(a["imported_value"]))
        for section in report["chains"]:
            assert 0 < len(section["tree"]) and len(section["key_missing"]) <= 5
        passed += 1

        md = open(f"{out}/report.md", encoding="utf-8").read()
        assert md.startswith("# ") and "## " in md
        passed += 1

        # Execute the notebook next to its report.json: every figure must be re-drawn.
        from nbclient import NotebookClient
        import os
        os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"  # figures as inline PNGs
        NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": out}}).execute()
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
        images = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
        assert not errors, errors
        assert images >= 4, f"only {images} figures"
        print(f"notebook executed: {images} figures, no errors")
        passed += 1
    print(f"report: notebook valid (nbformat {nbformat.__version__}), HTML self-contained, JSON consistent with the CLI")
    print(f"{passed} passed, 0 failed")


if __name__ == "__main__":
    main()
