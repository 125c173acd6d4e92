"""Benchmark notemill: what a build costs, how the cost grows with the notes, how fast an edit shows.

    python bench/run.py            # full run: 1x, 10x, 100x notes; writes bench/results.{md,json}
    python bench/run.py --quick    # 1x only, one repeat (CI proves the benchmark works)
    python bench/run.py --profile  # cProfile of the pipeline on the largest size, top functions
    python bench/run.py --only edit_to_page,build_by_size   # some figures only

One module per figure in ``bench/figures/``, each with ``KEY`` (its name in results.json),
``measure(ctx) -> dict``, ``report(result, ctx) -> list of Markdown lines`` and optionally
``targets(result) -> list of {target, value, met}``. Adding a figure is one line in ``FIGURES``.
Every figure is the median of ``--repeat`` runs unless it says otherwise; timing targets live here,
not in the tests.
"""

from __future__ import annotations

import argparse
import datetime
import json
import logging
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import notes_gen
from common import BENCH, REFERENCE_LOOP, git_commit, machine_speed
from figures import edit_to_page, full_builds, interactive, page_weight, pdf_print, pipeline, plain_build

FACTORS = (1, 10, 100)
# In the order they run and are reported.
FIGURES = [pipeline, plain_build, edit_to_page, page_weight, full_builds, interactive, pdf_print]


@dataclass
class Context:
    work: Path  # a temporary folder for sites and notes
    notes: dict[int, Path]  # factor -> synthetic notes of that many times the bundled notes' size
    factors: tuple[int, ...]
    repeat: int
    quick: bool


def markdown(results: dict) -> str:
    m = results["meta"]
    out = [
        "# notemill benchmark results", "",
        f"Run {m['date']} on {m['machine']} ({m['cpus']} CPUs), Python {m['python']}, commit {m['commit']}, "
        f"mode `{m['mode']}`, {m['repeat']} repeat(s), medians of wall time (CPU time beside it where given). "
        f"Command: `{m['command']}`. Load average (1, 5, 15 min) at start {m['load_average_at_start']}, "
        f"at end {m['load_average_at_end']}: other work on the machine inflates wall times. "
        f"Machine speed: a fixed pure-Python loop (`sum(range({REFERENCE_LOOP:,}))`) took "
        f"{m['reference_loop_seconds_at_start']} s of CPU at the start and {m['reference_loop_seconds_at_end']} s "
        "at the end (lower is faster; compare runs by it: the same code measures about 10% apart from one hour "
        "to the next on this shared machine).", "",
    ]
    ctx = None
    for figure in FIGURES:
        if figure.KEY in results:
            out += figure.report(results[figure.KEY], ctx) + [""]
    out += ["## Targets", "", "| Target | Value | Met |", "| --- | --- | --- |"]
    for t in results["targets"]:
        met = "not measured" if t["met"] is None else ("yes" if t["met"] else "**no**")
        out.append(f"| {t['target']} | {t['value']} | {met} |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark notemill; writes results.md and results.json.")
    parser.add_argument("--quick", action="store_true", help="1x notes only, one repeat")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median); default 3")
    parser.add_argument("--out", type=Path, default=BENCH, help="where results.md and results.json go")
    parser.add_argument("--only", help="comma-separated figure keys: " + ", ".join(f.KEY for f in FIGURES))
    parser.add_argument("--factors", help="comma-separated notes sizes instead of 1,10,100 (e.g. 1,10)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the pipeline and stop")
    parser.add_argument("--core-only", action="store_true",
                        help="with --pipeline-only or --profile: leave out the enrich steps (diagrams, quizzes)")
    parser.add_argument("--pipeline-only", action="store_true",
                        help="measure the pipeline alone, print its figures as JSON and stop (writes nothing)")
    args = parser.parse_args(argv)
    factors = (1,) if args.quick else tuple(int(f) for f in args.factors.split(",")) if args.factors else FACTORS
    repeat = 1 if args.quick else args.repeat
    wanted = set(args.only.split(",")) if args.only else {f.KEY for f in FIGURES}
    unknown = wanted - {f.KEY for f in FIGURES}
    if unknown:
        parser.error(f"no figure {', '.join(sorted(unknown))}; figures: {', '.join(f.KEY for f in FIGURES)}")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)

    with tempfile.TemporaryDirectory(prefix="notemill-bench-") as tmp:
        work = Path(tmp)
        base = notes_gen.seed_size()
        notes = {}
        for factor in factors:
            notes[factor] = work / f"notes-{factor}x.txt"
            notes[factor].write_text(notes_gen.generate(base * factor), encoding="utf-8")
        if args.profile:
            print(pipeline.profile_pipeline(notes[max(factors)], enriching=not args.core_only))
            return 0
        if args.pipeline_only:
            print(json.dumps(pipeline.bench_pipeline(notes, repeat, enriching=not args.core_only), indent=1))
            return 0
        ctx = Context(work, notes, factors, repeat, args.quick)
        command = "python bench/run.py" + (" --quick" if args.quick else f" --repeat {repeat}")
        if args.only:
            command += f" --only {args.only}"
        if args.factors:
            command += f" --factors {args.factors}"
        results: dict = {"meta": {
            "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": platform.machine() + " " + platform.system(), "cpus": os.cpu_count(),
            "python": platform.python_version(), "commit": git_commit(),
            "mode": "quick" if args.quick else "full", "repeat": repeat, "command": command,
            "seed_notes_bytes": base, "generator_seed": notes_gen.SEED,
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "reference_loop_seconds_at_start": machine_speed(),
        }}
        results["targets"] = []
        for figure in FIGURES:
            if figure.KEY not in wanted:
                continue
            print(f"{figure.KEY} ...", file=sys.stderr)
            results[figure.KEY] = figure.measure(ctx)
            if hasattr(figure, "targets"):
                results["targets"] += figure.targets(results[figure.KEY])
            _write(args.out, results, partial=True)  # a run cut short keeps the figures it has
        results["meta"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
        results["meta"]["reference_loop_seconds_at_end"] = machine_speed()
    _write(args.out, results)
    print(markdown(results))
    return 0


def _write(out: Path, results: dict, partial: bool = False) -> None:
    if partial:
        results = dict(results, meta=dict(results["meta"], load_average_at_end="(run not finished)",
                                           reference_loop_seconds_at_end="(run not finished)"))
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
