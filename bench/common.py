"""What every figure of the benchmark shares: paths, medians, the machine's speed, a timed `mkdocs build`."""

from __future__ import annotations

import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
HOOKS = ROOT / "hooks"
CONFIG = ROOT / "mkdocs.yml"
MB = 1_000_000
for p in (HOOKS, BENCH):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))


def median_run(fn, repeat: int) -> tuple[float, list[float], object]:
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), [round(r, 4) for r in runs], result


REFERENCE_LOOP = 3 * 10**7


def machine_speed(repeat: int = 3) -> float:
    """CPU seconds of a fixed pure-Python loop (median of ``repeat``): the same code measures about 10%
    apart on this kind of shared machine from one hour to the next, and this says which hour a run had."""
    runs = []
    for _ in range(repeat):
        start = time.process_time()
        sum(range(REFERENCE_LOOP))
        runs.append(time.process_time() - start)
    return round(statistics.median(runs), 4)


def env_for(notes: Path | None = None) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("NOTES", None)
    if notes is not None:
        env["NOTES"] = str(notes)
    return env


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "hooks"], cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
        return out.stdout.strip() + ("+local hooks changes" if dirty else "")
    except OSError:
        return "unknown"


def growth(a: dict, b: dict) -> dict:
    size, t = b["bytes"] / a["bytes"], b["seconds"] / a["seconds"]
    return {"size": round(size, 2), "time": round(t, 2), "time_per_size": round(t / size, 3)}


# ``mkdocs`` run by a Python that, on exit, writes the peak resident memory of its own address space
# (VmHWM, reset when the process image is replaced) and the largest of its finished children (its workers).
# The child's ru_maxrss from wait4 would not do: it counts the benchmark's own memory from before the exec.
_PEAK_MKDOCS = """
import atexit, os, resource, sys
def report():
    status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    open(os.environ["NOTEMILL_PEAK_FILE"], "w").write(f"{status} {workers}")
atexit.register(report)
sys.argv[0] = "mkdocs"
from mkdocs.__main__ import cli
cli()
"""


def mkdocs_build(site: Path, config: Path = CONFIG, notes: Path | None = None, strict: bool = True) -> dict:
    """One real ``mkdocs build`` in a child process: wall time and the build process's peak memory
    (and its largest worker's, which shares most pages with it)."""
    cmd = [sys.executable, "-c", _PEAK_MKDOCS, "build", "-q", "-d", str(site), "-f", str(config)]
    if strict:
        cmd.insert(4, "--strict")
    with tempfile.TemporaryFile() as log_file, tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=dict(env_for(notes), NOTEMILL_PEAK_FILE=str(peak_file)),
                              stdout=log_file, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - start
        log_file.seek(0)
        output = log_file.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise RuntimeError(f"mkdocs build failed ({' '.join(cmd[3:])}):\n{output[-3000:]}")
        own_kb, workers_kb = map(int, peak_file.read_text().split())
    return {"seconds": seconds, "max_rss_mb": round(own_kb / 1024, 1), "worker_max_rss_mb": round(workers_kb / 1024, 1)}


def in_process_config(site: Path, config: Path = CONFIG, **overrides):
    from mkdocs.config import load_config

    return load_config(str(config), site_dir=str(site), **overrides)


def handler_module(fn) -> str:
    """The top module of a plugin's event handler ("material", "mermaid2", "hooks/notemill_hooks", ...)."""
    return getattr(fn, "__module__", None) or "?"


def cpu_clock() -> float:
    """CPU seconds of this process and its finished children (the pipeline's workers)."""
    return sum(os.times()[:4])


def time_handlers(cfg, label, clock=time.perf_counter) -> dict[str, float]:
    """Wrap every plugin event handler of ``cfg`` to add its seconds (by ``clock``) to the returned dict under
    ``label(handler, event)``. A wrapper keeps the handler's ``__self__``: the hooks find mermaid2's by it."""
    spent: dict[str, float] = {}
    for event, handlers in cfg.plugins.events.items():
        for i, fn in enumerate(handlers):
            name = label(fn, event)

            def timed(*args, _fn=fn, _name=name, **kwargs):
                start = clock()
                try:
                    return _fn(*args, **kwargs)
                finally:
                    spent[_name] = spent.get(_name, 0.0) + clock() - start

            if hasattr(fn, "__self__"):
                timed.__self__ = fn.__self__
            handlers[i] = timed
    return spent
