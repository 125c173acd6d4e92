"""`make serve` rebuilds only what an edit changed (`mkdocs serve --dirty` over the hooks' page cache, and
the values the previous build in the same process made from unchanged inputs), and the site it serves is then
byte for byte the site a clean build makes of the same notes."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEED, mkdocs_build

# What `mkdocs serve --dirty` does on each change, in one process: load the config again and build into the
# same site folder, only pages whose source is newer than their output (its builder, without the served
# site_url, so that the site compares with `mkdocs build`'s). One build per line read.
_SERVE_BUILDS = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
started = False
for _ in sys.stdin:
    config = load_config("mkdocs.yml", site_dir=sys.argv[1])
    if not started:
        config.plugins.on_startup(command="serve", dirty=True)
        started = True
    build(config, dirty=True)
    print("built", flush=True)
"""


class Serve:
    """Dirty builds of one site folder, as `mkdocs serve --dirty` (one process) or `mkdocs build --dirty`."""

    def __init__(self, site: Path, notes: Path, one_process: bool, log: Path):
        self.site, self.one_process = site, one_process
        self.env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTES=str(notes))
        self.log = log.open("w")  # a file, not a pipe: a full pipe would stall the builds
        self.proc = subprocess.Popen([sys.executable, "-c", _SERVE_BUILDS, str(site)], cwd=ROOT, env=self.env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                     text=True) if one_process else None

    def build(self) -> None:
        if self.proc is None:
            run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "-d", str(self.site)],
                                 cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600)
            assert run.returncode == 0, run.stderr[-3000:]
            return
        self.proc.stdin.write("build\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline() == "built\n", Path(self.log.name).read_text()[-3000:]

    def close(self) -> None:
        if self.proc is not None:
            self.proc.stdin.close()
            self.proc.wait(timeout=60)
        self.log.close()


def _differences(a: Path, b: Path) -> list[str]:
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    out = [f"only in the clean build: {p}" for p in sorted(files_a - files_b)]
    out += [f"only in the incremental build: {p}" for p in sorted(files_b - files_a)]
    out += [f"differs: {p}" for p in sorted(files_a & files_b) if not filecmp.cmp(a / p, b / p, shallow=False)]
    return out


def _written_since(site: Path, moment: float) -> set[str]:
    return {str(p.relative_to(site)) for p in site.rglob("*.html") if p.stat().st_mtime > moment}


@pytest.mark.parametrize("one_process", [True, False], ids=["serve", "build-dirty"])
def test_incremental_rebuilds_match_a_clean_build(tmp_path, one_process):
    notes = tmp_path / "notes.txt"
    lines = SEED.read_text(encoding="utf-8").split("\n")
    notes.write_text("\n".join(lines), encoding="utf-8")
    served = tmp_path / "served"
    serve = Serve(served, notes, one_process, tmp_path / "builds.log")
    try:
        _edits_match_clean_builds(tmp_path, notes, lines, served, serve)
    finally:
        serve.close()


def _edits_match_clean_builds(tmp_path, notes, lines, served, serve):
    serve.build()

    # 1. One line's text changes: its topic page and the study guide are rebuilt, every other page is kept.
    i = next(n for n, line in enumerate(lines) if "Envelope Encryption" in line)
    lines[i] += " (edited)"
    notes.write_text("\n".join(lines), encoding="utf-8")
    moment = time.time()
    time.sleep(0.05)
    serve.build()
    rebuilt = _written_since(served, moment)
    assert "topics/kms.html" in rebuilt and "print.html" in rebuilt, rebuilt
    # Besides its topic page, only the pages that list every question (home, Review, Exam, Progress) or the
    # whole study (print, 404) may be rebuilt: the edited line's questions have new ids.
    topics = {p for p in rebuilt if p.startswith("topics/")}
    assert topics == {"topics/kms.html"}, f"an edit to one line rebuilt other topics: {sorted(rebuilt)}"
    assert len(rebuilt) <= 8, f"an edit to one line rebuilt {len(rebuilt)} pages: {sorted(rebuilt)}"
    assert "(edited)" in (served / "search" / "search_index.json").read_text(encoding="utf-8")
    clean = tmp_path / "clean"
    assert mkdocs_build(clean, notes=[notes]).returncode == 0
    assert not _differences(clean, served)

    # 2. A new section (a new topic in the navigation: every page changes) and a section gone.
    start = next(n for n, line in enumerate(lines) if line.strip() == "Exponential Backoff")
    end = next(n for n in range(start + 1, len(lines)) if lines[n].strip() and not lines[n].startswith(" ")
               and lines[n - 1].strip() == "")
    kept = lines[:start] + lines[end:] + ["", "", "Zebra Fixtures", "", "  • stripes: black and white", ""]
    notes.write_text("\n".join(kept), encoding="utf-8")
    serve.build()
    assert (served / "topics" / "zebra-fixtures.html").is_file()
    assert not (served / "topics" / "exponential-backoff.html").exists()
    clean2 = tmp_path / "clean2"
    assert mkdocs_build(clean2, notes=[notes]).returncode == 0
    assert not _differences(clean2, served)
