"""Figure: edit to page under `make serve`: edit one notes line, poll the served topic page until it shows it.

    python bench/figures/edit_to_page.py [--factor 1 --factor 10] [--repeat 3]

Runs ``mkdocs serve --dirty`` (what `make serve` runs) on a copy of the notes, waits for the first build,
then per run appends a marker to one entry line and times, from the file's write, until the topic page
holding that line (found through site/outline.json) is served with the marker in it.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import CONFIG, ROOT, env_for  # noqa: E402
from notes_gen import SEED_NOTES, generate, seed_size  # noqa: E402

KEY = "edit_to_page"
SERVE = ["serve", "--dirty"]  # as the Makefile's serve target
TARGETS = {"1x": 1.0, "10x": 2.0}  # seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return None


def _topic_of_line(outline: dict, line: int) -> str:
    for topic in outline["topics"]:
        if any(s["first_line"] <= line <= s["last_line"] for s in topic["sources"]):
            return topic["slug"]
    raise LookupError(f"no topic holds notes line {line}")


def edit_to_page(notes: Path, repeat: int, timeout: float = 300) -> dict:
    """Seconds from a one-line edit to the served page showing it (median of ``repeat``)."""
    lines = notes.read_text(encoding="utf-8").split("\n")
    editable = [i for i, line in enumerate(lines) if line.strip().startswith("•") and len(line.strip()) > 12]
    port = _free_port()
    mount = urllib.parse.urlsplit(_site_url()).path
    base = f"http://127.0.0.1:{port}{mount}"
    runs, pages = [], []
    with tempfile.TemporaryDirectory() as tmp:
        log_path = Path(tmp) / "serve.log"
        with log_path.open("w") as log:  # a file, not a pipe: serve logs a line per page and would stall on a full pipe
            proc = subprocess.Popen([sys.executable, "-m", "mkdocs", *SERVE, "-a", f"127.0.0.1:{port}",
                                     "-f", str(CONFIG)], cwd=ROOT, env=env_for(notes), stdout=log,
                                    stderr=subprocess.STDOUT)
            try:
                start = time.monotonic()
                outline = None
                while outline is None and time.monotonic() - start < timeout:
                    text = _get(base + "outline.json")
                    outline = json.loads(text) if text else None
                    if outline is None:
                        if proc.poll() is not None:
                            raise RuntimeError("mkdocs serve stopped:\n" + log_path.read_text()[-3000:])
                        time.sleep(0.2)
                if outline is None:
                    raise RuntimeError("mkdocs serve did not come up")
                first_build = time.monotonic() - start
                for n in range(repeat):
                    i = editable[(n * 97 + len(editable) // 3) % len(editable)]
                    marker = f"edited{n}x{os.getpid()}"
                    slug = _topic_of_line(outline, i + 1)
                    url = f"{base}topics/{slug}.html"
                    lines[i] += f" {marker}"
                    time.sleep(1.0)  # let serve settle, so each run starts from a quiet server
                    t0 = time.monotonic()
                    notes.write_text("\n".join(lines), encoding="utf-8")
                    while time.monotonic() - t0 < timeout:
                        page = _get(url)
                        if page and marker in page:
                            break
                        time.sleep(0.02)
                    else:
                        raise RuntimeError(f"the edit never reached {url}")
                    runs.append(time.monotonic() - t0)
                    pages.append(slug)
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    return {"seconds": round(statistics.median(runs), 3), "runs": [round(r, 3) for r in runs],
            "first_build_seconds": round(first_build, 2), "pages": pages, "command": "mkdocs " + " ".join(SERVE)}


def _site_url() -> str:
    for line in CONFIG.read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip()
    return "/"


def measure_sizes(work: Path, factors=(1, 10), repeat: int = 3) -> dict:
    """Edit-to-page on the bundled notes (1x) and on generated notes of each larger factor."""
    out = {}
    for factor in factors:
        notes = work / f"edit-{factor}x" / (SEED_NOTES.name if factor == 1 else f"notes-{factor}x.txt")
        notes.parent.mkdir(parents=True, exist_ok=True)
        notes.write_text(SEED_NOTES.read_text(encoding="utf-8") if factor == 1 else generate(seed_size() * factor),
                         encoding="utf-8")
        out[f"{factor}x"] = dict(edit_to_page(notes, repeat), bytes=notes.stat().st_size)
    return out


def measure(ctx) -> dict:
    return measure_sizes(ctx.work, tuple(f for f in ctx.factors if f <= 10), ctx.repeat)


def targets(result: dict) -> list[dict]:
    out = []
    for key, limit in TARGETS.items():
        value = result.get(key, {}).get("seconds")
        out.append({"target": f"edit to page under `make serve`, {key} notes: at most {limit:g} s", "value": value,
                    "met": None if value is None else value <= limit})
    return out


def report(result: dict, ctx) -> list[str]:
    out = ["## Edit to page under `make serve`", "",
           "`mkdocs serve --dirty` (what `make serve` runs) on a copy of the notes; per run one entry line gets a "
           "marker appended and the time runs from the file's write until the served topic page holding that "
           "line contains the marker (polled every 20 ms). It includes serve noticing the change (it polls "
           "files every 0.5 s, then waits 0.1 s for more changes) and the rebuild.", "",
           "| Notes | Size | Median | Runs | First build |", "| --- | --- | --- | --- | --- |"]
    for key, r in result.items():
        out.append(f"| {key} | {r['bytes'] / 1000:,.1f} KB | {r['seconds']:.2f} s | "
                   f"{', '.join(f'{x:.2f}' for x in r['runs'])} | {r['first_build_seconds']:.1f} s |")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, action="append", help="notes size (1 = the bundled notes); repeatable")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="notemill-edit-") as tmp:
        print(json.dumps(measure_sizes(Path(tmp), tuple(args.factor or (1, 10)), args.repeat), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
