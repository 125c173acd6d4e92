"""The benchmark works: its notes generator and one quick run (timing targets live in bench/, not here)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import notes_gen  # noqa: E402

from notemill import build_study  # noqa: E402


def test_generator_is_deterministic_and_grows_by_appending():
    small = notes_gen.generate(20_000)
    assert small == notes_gen.generate(20_000)
    assert notes_gen.generate(60_000).startswith(small)
    assert notes_gen.generate(20_000, seed=7) != small


def test_generated_notes_give_every_stage_work(tmp_path):
    size = notes_gen.seed_size()
    text = notes_gen.generate(size)
    assert size <= len(text.encode()) < size * 1.1
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    study = build_study([path])
    methods = {s.title.method for s in study.sections}
    # Kept headings, headings recovered from the catalog and from the section's own terms.
    assert {"heading", "catalog", "term"} <= methods, methods
    kinds = {n.kind for s in study.sections for n in s.section.walk()}
    assert {"item", "step"} <= kinds, kinds
    assert len(study.topics) >= 30
    assert not [d for d in study.diagnostics if d.level == "warning"]


def _figures(results: dict) -> list[float]:
    p = results["pipeline"]["sizes"]["1x"]
    b = results["build"]
    w = results["page_weight"]
    full = results["build_by_size"]["sizes"]["1x"]
    return [p["seconds"], p["mb_per_s"], b["full_seconds"], b["plain_seconds"], b["ratio"],
            b["in_process"]["ratio"], results["edit_to_page"]["1x"]["seconds"], w["home"]["total"],
            w["topic_without_diagrams"]["total"], full["max_rss_mb"], full["seconds"], full["cpu_seconds"],
            *full["stage_seconds"].values()]


def test_quick_benchmark_writes_every_figure(tmp_path):
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--quick", "--out", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert results["meta"]["mode"] == "quick"
    meta = results["meta"]
    assert 0 < meta["reference_loop_seconds_at_start"] < 30 and 0 < meta["reference_loop_seconds_at_end"] < 30
    assert all(isinstance(x, (int, float)) and x > 0 for x in _figures(results)), _figures(results)
    sizes = results["pipeline"]["sizes"]
    assert list(sizes) == ["1x", "1x, workers: 1"] and sizes["1x"]["bytes"] >= results["meta"]["seed_notes_bytes"]
    assert results["pipeline"]["stages"][0].startswith("build_study")
    # Sane, not tight: the plain build cannot be ten times slower or faster than the full one.
    assert 0.1 < results["build"]["ratio"] < 10
    assert results["build"]["pages"] >= 3  # home, structure report, topics
    weight = results["page_weight"]
    assert weight["home"]["html"] > 1000 and weight["home"]["css"] > 1000 and weight["home"]["js"] > 1000
    assert weight["home"]["external"] == []
    assert weight["search_index"] and all(v["bytes"] > 1000 for v in weight["search_index"].values())
    full = results["build_by_size"]["sizes"]["1x"]
    assert 20 < full["max_rss_mb"] < 4000
    # The stages split the build's CPU: MkDocs and the theme, search, mermaid2, the hooks; together all of it.
    assert set(full["stage_seconds"]) == {"MkDocs and theme", "search", "mermaid2", "hooks"}
    assert abs(sum(full["stage_seconds"].values()) - full["cpu_seconds"]) < 0.05 * full["cpu_seconds"] + 0.01
    assert all(v >= 0 for v in full["stage_seconds"].values())
    assert full["seconds"] >= full["build_seconds"]
    edit = results["edit_to_page"]["1x"]
    assert edit["runs"] and edit["command"] == "mkdocs serve --dirty"
    assert {t["target"] for t in results["targets"]} and all("met" in t for t in results["targets"])
    md = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| 1x |" in md and "Targets" in md
