"""Benchmark `make pdf`: wall time (median of --repeat runs), page count and size of the PDF.

    python bench/pdf.py              # 3 runs; writes bench/pdf_results.md
    python bench/pdf.py --repeat 1

Target (issue 5): under 20 s on the 2-core reference machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PDF = ROOT / "build" / "study-guide.pdf"
TARGET_S = 20.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path, default=BENCH / "pdf_results.md")
    args = ap.parse_args(argv)
    times = []
    for _ in range(args.repeat):
        start = time.monotonic()
        subprocess.run(["make", "-s", "pdf"], cwd=ROOT, check=True, capture_output=True,
                       env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        times.append(time.monotonic() - start)
    info = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    median = statistics.median(times)
    load = os.getloadavg()[0]
    lines = [
        "# `make pdf` benchmark",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, load average {load:.1f} at the end; "
        f"Python {platform.python_version()}.",
        "",
        "| Figure | Value | Target |",
        "| --- | --- | --- |",
        f"| `make pdf` wall time, median of {len(times)} | {median:.1f} s "
        f"(runs: {', '.join(f'{t:.1f}' for t in times)}) "
        f"| < {TARGET_S:.0f} s: {'met' if median < TARGET_S else 'MISSED'} |",
        f"| pages | {pages} | |",
        f"| size | {PDF.stat().st_size / 1e6:.1f} MB | |",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0 if median < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
