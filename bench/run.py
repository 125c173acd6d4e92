"""Benchmark notemill: what the hooks cost and how the cost grows with the notes.

    python bench/run.py            # full run: 1x, 10x, 100x notes; writes bench/results.{md,json}
    python bench/run.py --quick    # 1x only, one repeat (CI proves the benchmark works)
    python bench/run.py --profile  # cProfile of the pipeline on the largest size, top functions

Every figure is the median of ``--repeat`` runs unless it says otherwise.
Timing targets live here, not in the tests.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import gc
import gzip
import html.parser
import io
import json
import logging
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
HOOKS = ROOT / "hooks"
CONFIG = ROOT / "mkdocs.yml"
for p in (HOOKS, BENCH):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import notes_gen  # noqa: E402

from notemill import build_study  # noqa: E402
from notemill.enrich import enrich  # noqa: E402
from notemill.memory import no_cycle_collection  # noqa: E402
from notemill.outline import outline  # noqa: E402
from notemill.render import render_home, render_structure, render_topic  # noqa: E402
from notemill.workers import AUTO  # noqa: E402

FACTORS = (1, 10, 100)
MB = 1_000_000
TARGETS = {
    "linear": 120.0,  # 100x notes in under 120x the time of 1x
    "seconds_100x": 3.0,  # 3.7 MB of notes through the pipeline
    "overhead": 1.25,  # full build of the seed / plain build of the same pages
}


# -- helpers ---------------------------------------------------------------

def _median_run(fn, repeat: int) -> tuple[float, list[float], object]:
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


def _env(notes: Path | None = None) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("NOTES", None)
    if notes is not None:
        env["NOTES"] = str(notes)
    return env


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def _git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "hooks"], cwd=ROOT, capture_output=True,
                               text=True).stdout.strip()
        return out.stdout.strip() + ("+local hooks changes" if dirty else "")
    except OSError:
        return "unknown"


# -- the pipeline alone ------------------------------------------------------

ENRICH = "enrich (diagrams, questions, topic pages)"


def run_pipeline(path: Path, enriching: bool = True, workers: int = AUTO) -> dict:
    """build_study, then the enrich step (diagrams, questions and each topic page's Markdown), then the
    other pages and the outline: what a build derives from the notes before MkDocs renders anything, as
    the hooks do it. Without ``enriching``, topic pages plain. Returns per-stage seconds and counts."""
    with no_cycle_collection():  # as the hooks run it: one pause for the whole pipeline
        result, study = _pipeline(path, enriching, workers)
        t = time.perf_counter()
    # The first collection after the pause (as soon as the collector is back) walks every object made
    # during it, the study still alive as in a build: it is part of the pipeline's cost.
    gc.collect(0)
    result["times"]["collector"] = time.perf_counter() - t
    del study
    return result


def _pipeline(path: Path, enriching: bool, workers: int) -> tuple[dict, object]:
    times = {}
    t = time.perf_counter()
    study = build_study([path], workers=workers)
    times["build_study"] = time.perf_counter() - t
    t = time.perf_counter()
    if enriching:
        pages = list(enrich(study, workers=workers).pages.values())
        times[ENRICH] = time.perf_counter() - t
    else:
        titles = {c.id: c.title for c in study.categories}
        pages = [render_topic(topic, titles[topic.category]) for topic in study.topics]
        times["topic pages"] = time.perf_counter() - t
    t = time.perf_counter()
    inferred = sum(1 for s in study.sections if s.title.inferred)
    pages.append(render_home("bench", study.categories, {"topics": len(study.topics), "sections": len(study.sections),
                                                         "lines": study.line_count, "inferred": inferred}))
    slug_of = {id(s.section): t.slug for t in study.topics for s in t.sections}
    pages.append(render_structure(study.sections, slug_of, "hint"))
    outline(study)
    times["other pages, outline"] = time.perf_counter() - t
    return {"times": times, "topics": len(study.topics), "sections": len(study.sections), "inferred": inferred,
            "methods": sorted({s.title.method for s in study.sections}), "markdown_bytes": sum(map(len, pages))}, study


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the worker processes)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def bench_pipeline(notes: dict[int, Path], repeat: int, enriching: bool = True, one_process: bool = True) -> dict:
    """Each size with the default workers (one per core on large notes); with ``one_process`` the largest
    size again with ``workers: 1``."""
    sizes = {}
    run_pipeline(next(iter(notes.values())), enriching)  # warm-up: imports, catalog file in the page cache
    runs_to_do = [(f"{factor}x", path, AUTO) for factor, path in notes.items()]
    if one_process:
        factor, path = max(notes.items())
        runs_to_do.append((f"{factor}x, workers: 1", path, 1))
    for key, path, workers in runs_to_do:
        size = path.stat().st_size
        results, cpu = [], []

        def once(path=path, results=results, cpu=cpu, workers=workers):
            start = _cpu()
            results.append(run_pipeline(path, enriching, workers))
            cpu.append(_cpu() - start)

        median, runs, _ = _median_run(once, repeat)
        last = results[-1]
        stage_medians = {k: round(statistics.median(r["times"][k] for r in results), 4) for k in last["times"]}
        sizes[key] = {
            "bytes": size, "seconds": round(median, 4), "runs": runs, "mb_per_s": round(size / MB / median, 3),
            "cpu_seconds": round(statistics.median(cpu), 4),
            "stage_seconds": stage_medians, "topics": last["topics"], "sections": last["sections"],
            "recovered_headings": last["inferred"], "naming_methods": last["methods"],
        }
    growth = {}
    keys = [k for k in sizes if "workers" not in k]
    for a, b in zip(keys, keys[1:], strict=False):
        growth[f"{b}/{a}"] = _growth(sizes[a], sizes[b])
    if len(keys) > 2:
        growth[f"{keys[-1]}/{keys[0]}"] = _growth(sizes[keys[0]], sizes[keys[-1]])
    return {"stages": ["build_study (parse, recover, restructure)", ENRICH if enriching else "topic pages",
                       "other pages, outline", "collector (the first cycle collection after the pipeline)"],
            "sizes": sizes, "growth": growth}


def _growth(a: dict, b: dict) -> dict:
    size, t = b["bytes"] / a["bytes"], b["seconds"] / a["seconds"]
    return {"size": round(size, 2), "time": round(t, 2), "time_per_size": round(t / size, 3)}


def profile_pipeline(path: Path, top: int = 30, enriching: bool = True) -> str:
    # In this process: the profiler does not see workers.
    run_pipeline(path, enriching, workers=1)
    prof = cProfile.Profile()
    prof.enable()
    run_pipeline(path, enriching, workers=1)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# -- full build against a plain build of the same pages -----------------------

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


def _mkdocs_build(site: Path, config: Path, notes: Path | None = None, strict: bool = True) -> dict:
    """One real ``mkdocs build`` in a child process: wall time and the build process's peak memory
    (and its largest worker's, which shares most pages with it)."""
    cmd = [sys.executable, "-c", _PEAK_MKDOCS, "build", "-q", "-d", str(site), "-f", str(config)]
    if strict:
        cmd.insert(4, "--strict")
    with tempfile.TemporaryFile() as log_file, tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=dict(_env(notes), NOTEMILL_PEAK_FILE=str(peak_file)),
                              stdout=log_file, stderr=subprocess.STDOUT)
        seconds = time.perf_counter() - start
        log_file.seek(0)
        output = log_file.read().decode("utf-8", "replace")
        if proc.returncode != 0:
            raise RuntimeError(f"mkdocs build failed ({' '.join(cmd[3:])}):\n{output[-3000:]}")
        own_kb, workers_kb = map(int, peak_file.read_text().split())
    return {"seconds": seconds, "max_rss_mb": round(own_kb / 1024, 1), "worker_max_rss_mb": round(workers_kb / 1024, 1)}


def _in_process_config(site: Path, config: Path = CONFIG, **overrides):
    from mkdocs.config import load_config

    return load_config(str(config), site_dir=str(site), **overrides)


_TEMPLATE_LINE = re.compile(rb"^template:.*\n", re.M)
_SLOT = re.compile(r"<!-- notemill:([a-z-]+) -->")
HOOKS_KEY = "hooks/notemill_hooks.py"  # the hooks file as mkdocs.yml names it


def _filled_pages(work: Path) -> dict[str, bytes]:
    """Each generated page as a reader gets it, written as ordinary Markdown: the hooks' Markdown with every
    slot replaced by the HTML the hooks put there, and the study guide's body (which the hooks assemble in
    a template) as HTML. One in-process full build, with the slot renderers recorded."""
    from mkdocs.commands.build import build

    cfg = _in_process_config(work / "capture-site")
    hooks = cfg.plugins[HOOKS_KEY]
    renderers = dict(hooks.SLOT_RENDERERS)
    filled: dict[tuple[str, str], str] = {}

    def recording(name, render):
        def record(state, page):
            filled[(page.file.src_uri, name)] = out = render(state, page)
            return out
        return record

    hooks.SLOT_RENDERERS.update({name: recording(name, fn) for name, fn in renderers.items()})
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        build(cfg)
    finally:
        hooks.SLOT_RENDERERS.update(renderers)
        os.chdir(cwd)
    pages = {}
    for src, markdown_text in cfg.notemill_state.pages.items():
        # Blank lines around the HTML: Markdown passes it through as a raw block.
        text = _SLOT.sub(lambda m, src=src: "\n\n" + filled.get((src, m.group(1)), "") + "\n\n", markdown_text)
        pages[src] = text.encode("utf-8")
    book = (work / "capture-site" / "print.html").read_text(encoding="utf-8")
    start, end = book.find('<div class="nm-book"'), book.rfind("</article>")
    if start < 0 or end < start:
        raise RuntimeError("the study guide page has no body to copy: has overrides/notemill/print.html changed?")
    head = _TEMPLATE_LINE.sub(b"", pages[hooks.BOOK_PAGE], count=1)
    pages[hooks.BOOK_PAGE] = head + b"\n" + book[start:end].strip().encode("utf-8") + b"\n"
    return pages


def write_plain_project(work: Path, filled: bool = True) -> tuple[Path, int]:
    """The pages and assets the hooks give MkDocs, written once as ordinary docs, with the project's
    mkdocs.yml minus the hooks (its plugins, mermaid2 among them, stay). With ``filled`` the pages hold
    what the hooks add to them (diagrams, quizzes, the study guide); without, their slots stay empty
    comments. Returns the plain config and the number of pages."""
    from mkdocs.structure.files import get_files

    final = _filled_pages(work) if filled else {}
    cfg = _in_process_config(work / "unused-site")
    cfg = cfg.plugins.on_config(cfg)
    files = get_files(cfg)
    env = cfg.theme.get_env()
    files.add_files_from_theme(env, cfg)
    files = cfg.plugins.on_files(files, config=cfg)
    theme_dirs = [str(Path(d).resolve()) for d in cfg.theme.dirs]
    docs = work / "docs"
    pages = 0
    for f in files:
        src = f.abs_src_path and str(Path(f.abs_src_path).resolve())
        if f.generated_by is None and src and any(src.startswith(d + os.sep) for d in theme_dirs):
            continue  # comes with the theme in the plain build too
        out = docs / f.src_uri
        out.parent.mkdir(parents=True, exist_ok=True)
        data = final.get(f.src_uri, f.content_bytes)
        if f.src_uri.endswith(".md"):
            pages += 1
            # A page template fed by the hooks (the print page) cannot render without them:
            # the plain build gives that page the theme's default template.
            data = _TEMPLATE_LINE.sub(b"", data, count=1) if data.startswith(b"---") else data
        out.write_bytes(data)

    # The project's config, inherited, with the hooks taken out and the written pages as docs_dir.
    raw = {"INHERIT": str(CONFIG), "docs_dir": str(docs), "hooks": [], "watch": [], "nav": cfg.nav}
    theme = cfg.theme
    custom = [d for d in theme.dirs if Path(d).resolve().is_relative_to(ROOT)]
    if custom:
        raw["theme"] = {"name": theme.name, "custom_dir": str(Path(custom[0]).resolve())}
    plain = work / "mkdocs.yml"
    plain.write_text(json.dumps(raw, indent=1), encoding="utf-8")  # JSON is YAML
    return plain, pages


def bench_build(work: Path, repeat: int, warm: bool = True) -> dict:
    plain_config, pages = write_plain_project(work / "plain")
    empty_config, _ = write_plain_project(work / "plain-empty", filled=False)
    full, plain, empty = [], [], []
    site_full, site_plain, site_empty = work / "site-full", work / "site-plain", work / "site-plain-empty"
    if warm:  # byte-compiled imports, files in the page cache
        _mkdocs_build(site_full, CONFIG)
        _mkdocs_build(site_plain, plain_config)
        _mkdocs_build(site_empty, empty_config)
    for _ in range(repeat):  # interleaved, so drift in the machine's load hits all alike
        full.append(_mkdocs_build(site_full, CONFIG)["seconds"])
        plain.append(_mkdocs_build(site_plain, plain_config)["seconds"])
        empty.append(_mkdocs_build(site_empty, empty_config)["seconds"])
    f, p, e = statistics.median(full), statistics.median(plain), statistics.median(empty)

    # The same builds in-process, where the interpreter start and imports no longer count.
    from mkdocs.commands.build import build

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        if warm:
            build(_in_process_config(work / "site-full-ip"))
            build(_in_process_config(work / "site-plain-ip", plain_config))
        full_ip, plain_ip = [], []
        for _ in range(repeat):
            full_ip.append(_median_run(lambda: build(_in_process_config(work / "site-full-ip")), 1)[0])
            plain_ip.append(_median_run(lambda: build(_in_process_config(work / "site-plain-ip", plain_config)), 1)[0])
    finally:
        os.chdir(cwd)
    fi, pi = statistics.median(full_ip), statistics.median(plain_ip)
    os.chdir(ROOT)
    try:
        events_full = _event_times(work / "site-full-ip", CONFIG, repeat)
        events_plain = _event_times(work / "site-plain-ip", plain_config, repeat)
    finally:
        os.chdir(cwd)
    return {
        "pages": pages,
        "full_seconds": round(f, 3), "plain_seconds": round(p, 3), "ratio": round(f / p, 3),
        "full_runs": [round(x, 3) for x in full], "plain_runs": [round(x, 3) for x in plain],
        # The same pages with their slots left empty: no diagrams, so mermaid2 has no page to work on.
        "plain_empty_seconds": round(e, 3), "ratio_empty": round(f / e, 3),
        "plain_empty_runs": [round(x, 3) for x in empty],
        "in_process": {"full_seconds": round(fi, 3), "plain_seconds": round(pi, 3), "ratio": round(fi / pi, 3),
                       "full_runs": [round(x, 3) for x in full_ip], "plain_runs": [round(x, 3) for x in plain_ip]},
        "events_full": events_full, "events_plain": events_plain,
        "site": site_full,
    }


def _event_times(site: Path, config: Path, repeat: int) -> dict[str, float]:
    """Median seconds spent in each plugin's (and the hooks') event handlers over in-process builds;
    "mkdocs, Markdown, theme" is the rest of the build."""
    from mkdocs.commands.build import build

    totals: list[dict[str, float]] = []
    for _ in range(repeat):
        cfg = _in_process_config(site, config)
        spent: dict[str, float] = {}
        for event, handlers in cfg.plugins.events.items():
            for i, fn in enumerate(handlers):
                label = f"{getattr(fn, '__module__', '?').split('.')[0].replace('hooks/', '')} {event}"

                def timed(*args, _fn=fn, _label=label, _spent=spent, **kwargs):
                    start = time.perf_counter()
                    try:
                        return _fn(*args, **kwargs)
                    finally:
                        _spent[_label] = _spent.get(_label, 0.0) + time.perf_counter() - start

                handlers[i] = timed
        start = time.perf_counter()
        build(cfg)
        total = time.perf_counter() - start
        spent["mkdocs, Markdown, theme (the rest)"] = total - sum(spent.values())
        spent["total"] = total
        totals.append(spent)
    keys = sorted({k for t in totals for k in t}, key=lambda k: -statistics.median(t.get(k, 0.0) for t in totals))
    return {k: round(statistics.median(t.get(k, 0.0) for t in totals), 3) for k in keys}


# -- rebuild after a one-line edit, the way `mkdocs serve` does it -------------

def bench_rebuild(work: Path, repeat: int) -> dict:
    """Copy the seed, build once, then per run: edit one notes line and rebuild with a fresh config
    (serve's builder: load_config + build with its serve URL, into its temp site)."""
    from mkdocs.commands.build import build

    notes = work / "rebuild-notes" / notes_gen.SEED_NOTES.name
    notes.parent.mkdir(parents=True)
    shutil.copyfile(notes_gen.SEED_NOTES, notes)
    lines = notes.read_text(encoding="utf-8").split("\n")
    editable = [i for i, line in enumerate(lines) if line.strip().startswith("•")]
    site = work / "site-serve"
    serve_url = "http://127.0.0.1:8000/"
    old, cwd = os.environ.get("NOTES"), os.getcwd()
    os.environ["NOTES"] = str(notes)
    os.chdir(ROOT)
    try:
        build(_in_process_config(site), serve_url=serve_url)
        runs = []
        for n in range(repeat):
            i = editable[(n * 37) % len(editable)]
            lines[i] += f" (edited {n})"
            notes.write_text("\n".join(lines), encoding="utf-8")
            start = time.perf_counter()
            build(_in_process_config(site), serve_url=serve_url)
            runs.append(time.perf_counter() - start)
    finally:
        os.chdir(cwd)
        if old is None:
            os.environ.pop("NOTES", None)
        else:
            os.environ["NOTES"] = old
    return {"seconds": round(statistics.median(runs), 3), "runs": [round(r, 3) for r in runs]}


# -- page weight -----------------------------------------------------------

class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and {"stylesheet", "preload", "modulepreload"} & set(
                (a.get("rel") or "").split()):
            (self.js if a["href"].split("?")[0].endswith((".js", ".mjs")) else self.css).append(a["href"])
        elif tag == "script":
            if a.get("src"):
                self.js.append(a["src"])
            else:
                self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline.append(data)


def _site_file(site: Path, page_url: str, ref: str) -> Path | None:
    url = urldefrag(urljoin(page_url, ref))[0].split("?")[0]
    if urlsplit(url).scheme not in ("", "file") or urlsplit(url).netloc:
        return None
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path


def page_weight(site: Path, rel: str) -> dict:
    """Bytes of the page's HTML and of the CSS and JavaScript it references (as served, and gzipped)."""
    page = site / rel
    text = page.read_text(encoding="utf-8")
    refs = _Refs()
    refs.feed(text)
    base = "/" + rel
    out = {"page": rel, "html": len(text.encode()), "css": 0, "js": 0, "files": [], "external": []}
    gz = _gzip_size(text.encode())
    for kind, urls in (("css", refs.css), ("js", refs.js)):
        for ref in dict.fromkeys(urls):
            path = _site_file(site, base, ref)
            if path is None:
                out["external"].append(ref)
                continue
            data = path.read_bytes()
            out[kind] += len(data)
            gz += _gzip_size(data)
            out["files"].append(str(path.relative_to(site)))
    out["total"] = out["html"] + out["css"] + out["js"]
    out["total_gzip"] = gz
    inline = "\n".join(refs.inline)
    out["loads_mermaid"] = any("mermaid" in f.lower() for f in out["files"]) or bool(
        re.search(r"""(?:src|import)\s*[=(]?\s*["'][^"']*mermaid""", inline))
    return out


def _topic_path(site: Path, slug: str) -> str:
    for rel in (f"topics/{slug}/index.html", f"topics/{slug}.html"):
        if (site / rel).is_file():
            return rel
    raise FileNotFoundError(f"no page for topic {slug} in {site}")


def bench_weight(site: Path) -> dict:
    data = json.loads((site / "outline.json").read_text(encoding="utf-8"))
    plain = next((t for t in data["topics"] if not t.get("diagrams")), None)
    drawn = max(data["topics"], key=lambda t: t.get("diagrams", 0), default=None)
    result = {
        "home": page_weight(site, "index.html"),
        "topic_without_diagrams": page_weight(site, _topic_path(site, plain["slug"])) if plain else None,
        "topic_with_diagrams": page_weight(site, _topic_path(site, drawn["slug"]))
        if drawn and drawn.get("diagrams") else None,
    }
    index = {}
    for rel in ("search/search_index.json", "search/search_index.js"):
        if (site / rel).is_file():
            raw = (site / rel).read_bytes()
            index[rel] = {"bytes": len(raw), "gzip": _gzip_size(raw)}
    result["search_index"] = index
    return result


# -- peak memory and time of full builds at each size ----------------------------

def bench_sizes(work: Path, notes: dict[int, Path]) -> dict:
    out = {}
    for factor, path in notes.items():
        run = _mkdocs_build(work / f"site-{factor}x", CONFIG, notes=path, strict=False)
        outline_data = json.loads((work / f"site-{factor}x" / "outline.json").read_text(encoding="utf-8"))
        out[f"{factor}x"] = {"bytes": path.stat().st_size, "seconds": round(run["seconds"], 3),
                             "max_rss_mb": run["max_rss_mb"], "worker_max_rss_mb": run["worker_max_rss_mb"],
                             "topics": len(outline_data["topics"])}
        shutil.rmtree(work / f"site-{factor}x", ignore_errors=True)
    return out


# -- report ----------------------------------------------------------------

def targets(results: dict) -> list[dict]:
    sizes = results["pipeline"]["sizes"]
    out = []
    if "1x" in sizes and "100x" in sizes:
        g = sizes["100x"]["seconds"] / sizes["1x"]["seconds"]
        out.append({"target": "pipeline: 100x notes in under 120x the time of 1x", "value": round(g, 2),
                    "met": g < TARGETS["linear"]})
        c = sizes["100x"]["cpu_seconds"] / sizes["1x"]["cpu_seconds"]
        out.append({"target": "same, in CPU time (this process and its workers; less sensitive to other load)",
                    "value": round(c, 2), "met": c < TARGETS["linear"]})
        s = sizes["100x"]["seconds"]
        out.append({"target": f"pipeline: {sizes['100x']['bytes'] / MB:.1f} MB of notes in under 3 s",
                    "value": s, "met": s < TARGETS["seconds_100x"]})
        if "100x, workers: 1" in sizes:
            s1 = sizes["100x, workers: 1"]["seconds"]
            out.append({"target": "same, in one process (workers: 1)", "value": s1,
                        "met": s1 < TARGETS["seconds_100x"]})
    else:
        out.append({"target": "pipeline: 100x notes in under 120x the time of 1x", "value": None, "met": None})
        out.append({"target": "pipeline: 3.7 MB of notes in under 3 s", "value": None, "met": None})
    r = results["build"]["ratio"]
    out.append({"target": "full build of the seed at most 1.25x the plain build (mkdocs build)", "value": r,
                "met": r <= TARGETS["overhead"]})
    re_ = results["build"]["ratio_empty"]
    out.append({"target": "same, against plain pages with empty slots (mermaid2 idle there)", "value": re_,
                "met": re_ <= TARGETS["overhead"]})
    ri = results["build"]["in_process"]["ratio"]
    out.append({"target": "same, in-process (no interpreter start or imports)", "value": ri,
                "met": ri <= TARGETS["overhead"]})
    plain = results["page_weight"]["topic_without_diagrams"]
    out.append({"target": "a page without diagrams loads no Mermaid code", "value": plain["loads_mermaid"] is False,
                "met": plain["loads_mermaid"] is False})
    return out


def _kb(n: int | None) -> str:
    return "–" if n is None else f"{n / 1000:,.1f} KB"


def markdown(results: dict) -> str:
    m = results["meta"]
    out = [
        "# notemill benchmark results", "",
        f"Run {m['date']} on {m['machine']} ({m['cpus']} CPUs), Python {m['python']}, commit {m['commit']}, "
        f"mode `{m['mode']}`, {m['repeat']} repeat(s), medians of wall time (CPU time of this process and its "
        "workers beside it). "
        f"Command: `{m['command']}`. Load average (1, 5, 15 min) at start {m['load_average_at_start']}, "
        f"at end {m['load_average_at_end']}: other work on the machine inflates wall times. "
        f"Machine speed: a fixed pure-Python loop (`sum(range({REFERENCE_LOOP:,}))`) took "
        f"{m['reference_loop_seconds_at_start']} s of CPU at the start and {m['reference_loop_seconds_at_end']} s "
        "at the end (lower is faster; compare runs by it: the same code measures about 10% apart from one hour "
        "to the next on this shared machine).", "",
        "## Pipeline alone (notes to page Markdown, no MkDocs)", "",
        f"Stages that ran: {', '.join(results['pipeline']['stages'])}.", "",
        "Sizes run with the default `workers: 0` (one process per core once the notes have 400 sections or "
        "topics); the last row is the largest size again in one process. CPU is this process and its workers.", "",
        "| Size | Notes | Sections | Topics | Recovered | Median | CPU | MB/s | Per stage |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key, s in results["pipeline"]["sizes"].items():
        stages = ", ".join(f"{k} {v:.3f} s" for k, v in s["stage_seconds"].items())
        out.append(f"| {key} | {_kb(s['bytes'])} | {s['sections']} | {s['topics']} | {s['recovered_headings']} | "
                   f"{s['seconds']:.3f} s | {s['cpu_seconds']:.3f} s | {s['mb_per_s']:.2f} | {stages} |")
    if results["pipeline"]["growth"]:
        out += ["", "| Growth | Size × | Time × | Time × / size × |", "| --- | --- | --- | --- |"]
        for key, g in results["pipeline"]["growth"].items():
            out.append(f"| {key} | {g['size']} | {g['time']} | {g['time_per_size']} |")
    b = results["build"]
    ip = b["in_process"]
    out += [
        "", "## Full build of the seed against a plain MkDocs + Material build of the same pages", "",
        f"{b['pages']} Markdown pages, written once from what the hooks generate (each slot replaced by the "
        "HTML the hooks put there: diagrams, quizzes, the study guide's chapters), built as ordinary docs with "
        "the project's mkdocs.yml minus the hooks: Material, search, offline and mermaid2 run in both builds. "
        "The last row is the earlier measure, the same pages with their slots left empty: without diagrams "
        "mermaid2 skips every page, so that ratio also counts mermaid2's work on the diagrams.", "",
        "| Build | Full (hooks) | Plain | Ratio |", "| --- | --- | --- | --- |",
        f"| `mkdocs build --strict` (child process) | {b['full_seconds']:.3f} s | {b['plain_seconds']:.3f} s | "
        f"{b['ratio']:.3f} |",
        f"| in-process `build(load_config())` | {ip['full_seconds']:.3f} s | {ip['plain_seconds']:.3f} s | "
        f"{ip['ratio']:.3f} |",
        f"| child process, plain pages with empty slots | {b['full_seconds']:.3f} s | "
        f"{b['plain_empty_seconds']:.3f} s | {b['ratio_empty']:.3f} |",
        "", "Where the in-process time goes (median seconds per plugin event handler; the rest is MkDocs, "
        "Markdown and the theme):", "",
        "| Part | Full | Plain |", "| --- | --- | --- |",
        *[f"| {k} | {v:.3f} | {b['events_plain'].get(k, 0.0):.3f} |" for k, v in b["events_full"].items()
          if v >= 0.005 or b["events_plain"].get(k, 0.0) >= 0.005],
        "", "## Rebuild after editing one notes line (as `mkdocs serve` does)", "",
        f"Median {results['rebuild']['seconds']:.3f} s (runs: {', '.join(map(str, results['rebuild']['runs']))}).",
        "", "## Page weight (what a reader downloads: HTML + referenced CSS and JavaScript)", "",
        "| Page | HTML | CSS | JS | Total | Gzipped | Loads Mermaid |", "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for key, w in results["page_weight"].items():
        if key == "search_index":
            continue
        if w is None:
            out.append(f"| {key.replace('_', ' ')} | – | – | – | – | – | (no such page in this build) |")
            continue
        out.append(f"| {key.replace('_', ' ')} (`{w['page']}`) | {_kb(w['html'])} | {_kb(w['css'])} | {_kb(w['js'])} "
                   f"| {_kb(w['total'])} | {_kb(w['total_gzip'])} | {'yes' if w['loads_mermaid'] else 'no'} |")
    for rel, s in results["page_weight"]["search_index"].items():
        out.append(f"\nSearch index `{rel}`: {_kb(s['bytes'])} ({_kb(s['gzip'])} gzipped).")
    out += ["", "## Full builds by notes size (one run each, `mkdocs build`)", "",
            "Peak memory is the build process's own high-water mark (VmHWM); a worker process, where the "
            "notes are large enough for workers, shares most of its pages with the build process, so its "
            "peak is listed apart rather than added.", "",
            "| Size | Notes | Topics | Time | Peak memory (build process) | Largest worker |",
            "| --- | --- | --- | --- | --- | --- |"]
    for key, s in results["build_by_size"].items():
        worker = f"{s['worker_max_rss_mb']:.0f} MB" if s.get("worker_max_rss_mb") else "none"
        out.append(f"| {key} | {_kb(s['bytes'])} | {s['topics']} | {s['seconds']:.2f} s | {s['max_rss_mb']:.0f} MB "
                   f"| {worker} |")
    out += ["", "## Targets", "", "| Target | Value | Met |", "| --- | --- | --- |"]
    for t in results["targets"]:
        met = "not measured" if t["met"] is None else ("yes" if t["met"] else "**no**")
        out.append(f"| {t['target']} | {t['value']} | {met} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark notemill; writes results.md and results.json.")
    parser.add_argument("--quick", action="store_true", help="1x notes only, one repeat")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median); default 3")
    parser.add_argument("--out", type=Path, default=BENCH, help="where results.md and results.json go")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the pipeline and stop")
    parser.add_argument("--core-only", action="store_true",
                        help="with --pipeline-only or --profile: leave out the enrich steps (diagrams, quizzes)")
    parser.add_argument("--pipeline-only", action="store_true",
                        help="measure the pipeline alone, print its figures as JSON and stop (writes nothing)")
    args = parser.parse_args(argv)
    factors = (1,) if args.quick else FACTORS
    repeat = 1 if args.quick else args.repeat
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="notemill-bench-") as tmp:
        work = Path(tmp)
        base = notes_gen.seed_size()
        notes = {}
        for factor in factors:
            notes[factor] = work / f"notes-{factor}x.txt"
            notes[factor].write_text(notes_gen.generate(base * factor), encoding="utf-8")
        if args.profile:
            print(profile_pipeline(notes[max(factors)], enriching=not args.core_only))
            return 0
        if args.pipeline_only:
            print(json.dumps(bench_pipeline(notes, repeat, enriching=not args.core_only), indent=1))
            return 0
        results: dict = {"meta": {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": platform.machine() + " " + platform.system(), "cpus": os.cpu_count(),
            "python": platform.python_version(), "commit": _git_commit(),
            "mode": "quick" if args.quick else "full", "repeat": repeat,
            "command": "python bench/run.py" + (" --quick" if args.quick else f" --repeat {repeat}"),
            "seed_notes_bytes": base, "generator_seed": notes_gen.SEED,
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "reference_loop_seconds_at_start": machine_speed(),
        }}
        print(f"pipeline at {', '.join(f'{f}x' for f in factors)} ...", file=sys.stderr)
        results["pipeline"] = bench_pipeline(notes, repeat)
        print("full vs plain build of the seed ...", file=sys.stderr)
        build = bench_build(work, repeat, warm=not args.quick)
        site = build.pop("site")
        results["build"] = build
        print("rebuild after a one-line edit ...", file=sys.stderr)
        results["rebuild"] = bench_rebuild(work, repeat)
        results["page_weight"] = bench_weight(site)
        print("full builds by size (peak memory) ...", file=sys.stderr)
        results["build_by_size"] = bench_sizes(work, notes)
        results["targets"] = targets(results)
        results["meta"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        results["meta"]["reference_loop_seconds_at_end"] = machine_speed()

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
