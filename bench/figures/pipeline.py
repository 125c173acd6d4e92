"""Figure: the notes pipeline alone (notes to page Markdown, no MkDocs) at each size, with and without workers."""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import statistics
import time
from pathlib import Path

from common import MB, growth, median_run

from notemill import build_study
from notemill.enrich import enrich
from notemill.outline import outline
from notemill.render import render_home, render_structure, render_topic
from notemill.workers import AUTO

KEY = "pipeline"
LINEAR = 120.0  # 100x notes in under 120x the time of 1x

ENRICH = "enrich (diagrams, questions, topic pages)"


def run_pipeline(path: Path, enriching: bool = True, workers: int = AUTO) -> dict:
    """build_study, then the enrich step (diagrams, questions and each topic page's Markdown), then the
    other pages and the outline: what a build derives from the notes before MkDocs renders anything, as
    the hooks do it. Without ``enriching``, topic pages plain. Returns per-stage seconds and counts."""
    result, study = _pipeline(path, enriching, workers)
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

        median, runs, _ = median_run(once, repeat)
        last = results[-1]
        stage_medians = {k: round(statistics.median(r["times"][k] for r in results), 4) for k in last["times"]}
        sizes[key] = {
            "bytes": size, "seconds": round(median, 4), "runs": runs, "mb_per_s": round(size / MB / median, 3),
            "cpu_seconds": round(statistics.median(cpu), 4),
            "stage_seconds": stage_medians, "topics": last["topics"], "sections": last["sections"],
            "recovered_headings": last["inferred"], "naming_methods": last["methods"],
        }
    factors = {}
    keys = [k for k in sizes if "workers" not in k]
    for a, b in zip(keys, keys[1:], strict=False):
        factors[f"{b}/{a}"] = growth(sizes[a], sizes[b])
    if len(keys) > 2:
        factors[f"{keys[-1]}/{keys[0]}"] = growth(sizes[keys[0]], sizes[keys[-1]])
    return {"stages": ["build_study (parse, recover, restructure)", ENRICH if enriching else "topic pages",
                       "other pages, outline"],
            "sizes": sizes, "growth": factors}


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


def measure(ctx) -> dict:
    return bench_pipeline(ctx.notes, ctx.repeat)


def targets(result: dict) -> list[dict]:
    sizes = result["sizes"]
    if not ("1x" in sizes and "100x" in sizes):
        return [{"target": "pipeline: 100x notes in under 120x the time of 1x", "value": None, "met": None}]
    g = sizes["100x"]["seconds"] / sizes["1x"]["seconds"]
    c = sizes["100x"]["cpu_seconds"] / sizes["1x"]["cpu_seconds"]
    return [{"target": "pipeline: 100x notes in under 120x the time of 1x", "value": round(g, 2), "met": g < LINEAR},
            {"target": "same, in CPU time (this process and its workers; less sensitive to other load)",
             "value": round(c, 2), "met": c < LINEAR}]


def report(result: dict, ctx) -> list[str]:
    out = ["## Pipeline alone (notes to page Markdown, no MkDocs)", "",
           f"Stages that ran: {', '.join(result['stages'])}.", "",
           "Sizes run with the default `workers: 0` (one process per core once the notes have 400 sections or "
           "topics); the last row is the largest size again in one process. CPU is this process and its workers. "
           "(The 3 s target for 100x was retired by issue 15: the pipeline is under 5% of a full build.)", "",
           "| Size | Notes | Sections | Topics | Recovered | Median | CPU | MB/s | Per stage |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for key, s in result["sizes"].items():
        stages = ", ".join(f"{k} {v:.3f} s" for k, v in s["stage_seconds"].items())
        out.append(f"| {key} | {s['bytes'] / 1000:,.1f} KB | {s['sections']} | {s['topics']} | "
                   f"{s['recovered_headings']} | {s['seconds']:.3f} s | {s['cpu_seconds']:.3f} s | "
                   f"{s['mb_per_s']:.2f} | {stages} |")
    if result["growth"]:
        out += ["", "| Growth | Size × | Time × | Time × / size × |", "| --- | --- | --- | --- |"]
        for key, g in result["growth"].items():
            out.append(f"| {key} | {g['size']} | {g['time']} | {g['time_per_size']} |")
    return out
