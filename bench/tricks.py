"""What the core's speed tricks save of a full build (issue 15, item 3): each one switched off in turn.

    python bench/tricks.py [--factors 1,10] [--repeat 3]

Every build is ``mkdocs build`` in a child process that switches one trick off before MkDocs loads the hooks,
and reports its CPU time (the build process and its workers: less sensitive than wall time to other work on
a shared machine) and wall time. Variants run interleaved, round after round, so drift hits all alike.

- ``caches``: every ``functools.cache``/``lru_cache`` in ``hooks/notemill`` replaced by the plain function;
- ``workers``: ``workers: 1`` (no forked worker processes; they start at 400 sections or topics).

Byte tables and lazy generators cannot be switched off from outside; their share is bounded by the
pipeline's (the ``pipeline`` figure of ``bench/run.py``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import CONFIG, HOOKS, ROOT, env_for, in_process_config  # noqa: E402
from notes_gen import generate, seed_size  # noqa: E402

VARIANTS = ("baseline", "caches", "workers")


def _notemill_modules():
    import notemill

    for info in pkgutil.walk_packages(notemill.__path__, "notemill."):
        yield importlib.import_module(info.name)


def _without_caches() -> int:
    """Replace each cached function (module level or in a class) by the function it wraps; returns how many."""
    count = 0
    import notemill

    for module in [notemill, *_notemill_modules()]:
        owners = [module] + [v for v in vars(module).values()
                             if isinstance(v, type) and v.__module__ == module.__name__]
        for owner in owners:
            for name, value in list(vars(owner).items()):
                inner = getattr(value, "__wrapped__", None)
                if inner is not None and hasattr(value, "cache_info"):
                    setattr(owner, name, inner)
                    count += 1
    return count


def _child(variant: str, site: str, out: str) -> None:
    import logging

    from mkdocs.commands.build import build

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.chdir(ROOT)
    sys.path.insert(0, str(HOOKS))
    # Every variant imports the whole core before the clock starts: switching a trick off imports it, and
    # a baseline that imported it inside the timed build would be charged for the imports alone.
    for _ in _notemill_modules():
        pass
    unwrapped = 0
    if variant == "caches":
        unwrapped = _without_caches()
    cpu0, start = os.times(), time.perf_counter()
    cfg = in_process_config(Path(site), CONFIG)
    if variant == "workers":
        cfg.extra["notemill"]["workers"] = 1
    build(cfg)
    cpu1 = os.times()
    Path(out).write_text(json.dumps({"seconds": time.perf_counter() - start, "unwrapped": unwrapped,
                                     "cpu_seconds": sum(cpu1[:4]) - sum(cpu0[:4])}))


def run(variant: str, site: Path, notes: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        proc = subprocess.run([sys.executable, __file__, "--child", variant, str(site), str(out)], cwd=ROOT,
                              env=env_for(notes), capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-3000:])
        return json.loads(out.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factors", default="1,10")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="notemill-tricks-") as tmp:
        work = Path(tmp)
        for factor in map(int, args.factors.split(",")):
            notes = work / f"notes-{factor}x.txt"
            notes.write_text(generate(seed_size() * factor), encoding="utf-8")
            runs = {v: [] for v in VARIANTS}
            run("baseline", work / "warm", notes)  # byte-compiled imports, files in the page cache
            for _ in range(args.repeat):
                for v in VARIANTS:
                    runs[v].append(run(v, work / f"site-{v}", notes))
            base = statistics.median(r["cpu_seconds"] for r in runs["baseline"])
            results[f"{factor}x"] = {v: {
                "cpu_seconds": round(statistics.median(r["cpu_seconds"] for r in rs), 3),
                "seconds": round(statistics.median(r["seconds"] for r in rs), 3),
                "cpu_runs": [round(r["cpu_seconds"], 3) for r in rs],
                "cpu_vs_baseline": round(statistics.median(r["cpu_seconds"] for r in rs) / base - 1, 4),
                "unwrapped": rs[0]["unwrapped"]} for v, rs in runs.items()}
            print(json.dumps({f"{factor}x": results[f"{factor}x"]}), file=sys.stderr, flush=True)
    print(json.dumps({"load_average": os.getloadavg(), "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(*sys.argv[2:5])
    else:
        sys.exit(main())
