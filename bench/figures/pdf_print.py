"""Figure: `make pdf` on the bundled notes, its wall time and the PDF's pages (bench/pdf.py measures the same
on its own, with its own results file)."""

from __future__ import annotations

import re
import statistics
import subprocess
import time

from common import ROOT, env_for

KEY = "pdf"
TARGET_S = 20.0  # issue 13
PDF = ROOT / "build" / "study-guide.pdf"


def measure(ctx) -> dict:
    if ctx.quick:
        return {"skipped": "quick mode (python bench/pdf.py measures it alone)"}
    times = []
    for _ in range(ctx.repeat):
        start = time.perf_counter()
        done = subprocess.run(["make", "-s", "pdf"], cwd=ROOT, env=env_for(None), capture_output=True, text=True)
        if done.returncode != 0:
            return {"skipped": f"make pdf failed: {done.stderr.strip()[-300:]}"}
        times.append(time.perf_counter() - start)
    info = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.M)
    return {"seconds": round(statistics.median(times), 2), "runs": [round(t, 2) for t in times],
            "pages": int(pages.group(1)) if pages else None, "bytes": PDF.stat().st_size}


def targets(result: dict) -> list[dict]:
    if "skipped" in result:
        return [{"target": f"make pdf under {TARGET_S:g} s", "value": "–", "met": None}]
    return [{"target": f"make pdf under {TARGET_S:g} s", "value": f"{result['seconds']} s",
             "met": result["seconds"] < TARGET_S}]


def report(result: dict, ctx) -> list[str]:
    out = ["## `make pdf`", ""]
    if "skipped" in result:
        return out + [f"Not measured: {result['skipped']}."]
    return out + [f"Median {result['seconds']} s (runs: {', '.join(map(str, result['runs']))}), "
                  f"{result['pages']} pages, {result['bytes'] / 1e6:.1f} MB."]
