"""What mkdocs-mermaid2-plugin costs the build: the site built with and without it.

    python bench/mermaid2_cost.py [--repeat 3]

Runs are interleaved (with, without, with, ...) so a busy machine weighs on
both; prints the median wall and CPU seconds of each. Without mermaid2 the
build leaves the Mermaid diagrams out (and says so in a warning), which costs
it nothing measurable: the difference is mermaid2 parsing each page that has
a diagram with BeautifulSoup.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "  - mermaid2:\n      javascript: assets/javascripts/mermaid.min.js\n"


def build(config: Path, site: Path) -> tuple[float, float]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("NOTES", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if PLUGIN not in text:
        sys.exit("mkdocs.yml has no mermaid2 entry in the expected form; nothing to compare")
    # The variant sits beside mkdocs.yml so its relative paths (docs, hooks, notes) resolve the same.
    without = ROOT / ".mkdocs-without-mermaid2.yml"
    without.write_text(text.replace(PLUGIN, ""), encoding="utf-8")
    runs: dict[str, list[tuple[float, float]]] = {"with mermaid2": [], "without mermaid2": []}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.repeat):
                runs["with mermaid2"].append(build(ROOT / "mkdocs.yml", Path(tmp) / "a"))
                runs["without mermaid2"].append(build(without, Path(tmp) / "b"))
    finally:
        without.unlink(missing_ok=True)
    for name, values in runs.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(f"{name:17} wall {wall:.2f} s  cpu {cpu:.2f} s  (median of {len(values)})")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
