"""Figure: a full `mkdocs build` at each notes size: wall and CPU time, peak memory, time per stage, growth.

Each build runs in a child process (this file with ``--child``) that loads the config, wraps every plugin
event handler to time it, builds, and reports. Stages: the hooks (notemill), Material's search, mermaid2,
and "MkDocs and theme" (everything else: reading, Markdown, templates, writing, other plugins).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import CONFIG, ROOT, cpu_clock, env_for, growth, handler_module, in_process_config, time_handlers  # noqa: E402

KEY = "build_by_size"
LINEAR_100_10 = 12.0  # 100x notes in at most 12x the full-build time of 10x
PEAK_MB_100 = 600.0
STAGES = ("MkDocs and theme", "search", "mermaid2", "hooks")


def stage_of(fn, event) -> str:
    module = handler_module(fn)
    if module.startswith(("hooks/", "notemill")):
        return "hooks"
    if module.startswith("material.plugins.search"):
        return "search"
    if module.startswith("mermaid2"):
        return "mermaid2"
    return "MkDocs and theme"


def _child(site: str, out: str) -> None:
    import logging

    from mkdocs.commands.build import build

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    os.chdir(ROOT)
    start, cpu0 = time.perf_counter(), cpu_clock()
    cfg = in_process_config(Path(site), CONFIG)
    spent = time_handlers(cfg, stage_of, clock=cpu_clock)  # CPU: on a shared machine wall time is mostly waiting
    build(cfg)
    total, cpu = time.perf_counter() - start, cpu_clock() - cpu0
    stages = {s: spent.get(s, 0.0) for s in STAGES}
    stages["MkDocs and theme"] += cpu - sum(spent.values())  # the build outside any plugin
    peak_kb = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0])
    Path(out).write_text(json.dumps({
        "build_seconds": total, "stages": stages, "cpu_seconds": cpu,
        "max_rss_mb": round(peak_kb / 1024, 1),
        "worker_max_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)}))


def full_build(site: Path, notes: Path | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        start = time.perf_counter()
        run = subprocess.run([sys.executable, __file__, "--child", str(site), str(out)], cwd=ROOT,
                             env=env_for(notes), capture_output=True, text=True)
        seconds = time.perf_counter() - start
        if run.returncode != 0:
            raise RuntimeError(f"mkdocs build failed:\n{run.stderr[-3000:]}")
        result = json.loads(out.read_text())
    result["seconds"] = seconds
    return result


def measure(ctx) -> dict:
    out = {}
    for factor, path in ctx.notes.items():
        site = ctx.work / f"site-{factor}x"
        run = full_build(site, path)
        outline = json.loads((site / "outline.json").read_text(encoding="utf-8"))
        pages = list((site / "topics").glob("*.html"))
        out[f"{factor}x"] = {
            "bytes": path.stat().st_size, "topics": len(outline["topics"]),
            "seconds": round(run["seconds"], 3), "build_seconds": round(run["build_seconds"], 3),
            "cpu_seconds": round(run["cpu_seconds"], 3),
            "stage_seconds": {k: round(v, 3) for k, v in run["stages"].items()},
            "max_rss_mb": run["max_rss_mb"], "worker_max_rss_mb": run["worker_max_rss_mb"],
            "largest_topic_page_bytes": max((p.stat().st_size for p in pages), default=0),
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        }
        subprocess.run(["rm", "-rf", str(site)], check=False)
    keys = list(out)
    factors = {f"{b}/{a}": growth(out[a], out[b]) for a, b in zip(keys, keys[1:], strict=False)}
    return {"sizes": out, "growth": factors}


def targets(result: dict) -> list[dict]:
    sizes, g = result["sizes"], result["growth"]
    out = []
    ratio = g.get("100x/10x", {}).get("time")
    out.append({"target": "full build: 100x notes in at most 12x the time of 10x", "value": ratio,
                "met": None if ratio is None else ratio <= LINEAR_100_10})
    peak = sizes.get("100x", {}).get("max_rss_mb")
    out.append({"target": "full build: peak memory at 100x at most 600 MB", "value": peak,
                "met": None if peak is None else peak <= PEAK_MB_100})
    return out


def report(result: dict, ctx) -> list[str]:
    out = ["## Full builds by notes size (one run each, `mkdocs build`)", "",
           "Time is the child process's wall time (interpreter start included). CPU is the build's (the build "
           "process and its workers, imports and interpreter start left out), and the stages split it: the "
           "hooks (notemill's event handlers, the notes pipeline among them), Material's search, mermaid2, and "
           "MkDocs and the theme (the rest). Peak "
           "memory is the build process's own high-water mark (VmHWM); a worker process shares most of its "
           "pages with it, so its peak is listed apart rather than added.", "",
           "| Size | Notes | Topics | Time | CPU | " + " | ".join(f"{s} (CPU)" for s in STAGES)
           + " | Peak memory | Largest worker | Largest topic page | Site |",
           "| --- " * (9 + len(STAGES)) + "|"]
    for key, s in result["sizes"].items():
        worker = f"{s['worker_max_rss_mb']:.0f} MB" if s.get("worker_max_rss_mb") else "none"
        stages = " | ".join(f"{s['stage_seconds'][k]:.2f} s" for k in STAGES)
        out.append(f"| {key} | {s['bytes'] / 1000:,.1f} KB | {s['topics']} | {s['seconds']:.2f} s | "
                   f"{s['cpu_seconds']:.2f} s | {stages} | {s['max_rss_mb']:.0f} MB | {worker} | "
                   f"{s['largest_topic_page_bytes'] / 1000:,.1f} KB | {s['site_bytes'] / 1e6:,.1f} MB |")
    if result["growth"]:
        out += ["", "| Growth | Notes × | Time × | Time × / notes × |", "| --- | --- | --- | --- |"]
        for key, g in result["growth"].items():
            out.append(f"| {key} | {g['size']} | {g['time']} | {g['time_per_size']} |")
    return out


if __name__ == "__main__" and sys.argv[1:2] == ["--child"]:
    _child(sys.argv[2], sys.argv[3])
