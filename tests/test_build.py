"""Real ``mkdocs build --strict`` runs: every notes line reaches the site, nothing executes."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SEED, mkdocs_build

_MARKER = re.compile(r"^\s*(?:[-*+•●○▪◦‣∙·◆◇■□►▸➢➤✓✔–—](?:\s+|$)|#{1,6}\s+)")
VARIANTS = FIXTURES / "variants"
# The files in other encodings are built by tests/test_bad_input.py, against their .expected text.
TEXT_FIXTURES = sorted(p for p in (FIXTURES / "notes").glob("*.txt")) + sorted(
    p for p in VARIANTS.glob("*.txt") if p.name != "latin1.txt" and not p.with_suffix(".expected").exists()
)


class _Text(HTMLParser):
    """Visible text of a page's article, plus any script or event handler found anywhere."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.depth, self.scripts, self.handlers = [], 0, [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag == "script":
            self._in_script = True
        self.handlers += [(tag, k) for k, _ in attrs if k.startswith("on")]

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        elif self.depth:
            self.parts.append(data)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def site_text(site: Path) -> tuple[str, list[str], list]:
    texts, scripts, handlers = [], [], []
    for page in sorted(site.rglob("*.html")):
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        texts.append(squash("".join(parser.parts)))
        scripts += parser.scripts
        handlers += parser.handlers
    return "\n".join(texts), scripts, handlers


def missing_lines(notes: list[Path], site: Path) -> list[str]:
    text, _, _ = site_text(site)
    missing = []
    for path in notes:
        # A file in another encoding has beside it, in UTF-8, what its lines must read.
        expected = path.with_suffix(".expected")
        raw = (expected if expected.exists() else path).read_bytes().decode("utf-8-sig", errors="replace")
        raw = raw.replace("\r\n", "\n")
        for number, line in enumerate(raw.split("\n"), 1):
            content = squash(_MARKER.sub("", line)).rstrip(":").strip()
            if content and content not in text:
                missing.append(f"{path.name}:{number}: {content[:80]}")
    return missing


def test_seed_builds_and_every_line_reaches_the_site(built_site):
    assert missing_lines([SEED], built_site) == []


def test_outline_json(built_site):
    data = json.loads((built_site / "outline.json").read_text())
    topics = data["topics"]
    assert len({t["slug"] for t in topics}) == len(topics) >= 35
    for t in topics:
        assert set(t) >= {"title", "slug", "category", "inferred", "confidence", "sources", "diagrams", "questions"}
        for s in t["sources"]:
            assert 1 <= s["first_line"] <= s["last_line"]
    firsts = sorted(s["first_line"] for t in topics for s in t["sources"])
    truth = json.loads((FIXTURES / "notes" / "aws-developer-associate.truth.json").read_text())
    assert firsts == [t["first_line"] for t in truth]


def test_every_topic_has_a_page_in_the_nav(built_site):
    data = json.loads((built_site / "outline.json").read_text())
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for t in data["topics"]:
        assert f"topics/{t['slug']}" in home


def test_fixtures_build_merged_into_one_site_with_every_line(tmp_path):
    """Every input variant in one site, with --strict as `make site` builds: the odd ones (empty, 50 levels
    deep) warn, naming file and line, and the site is built."""
    site = tmp_path / "site"
    result = mkdocs_build(site, notes=TEXT_FIXTURES)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(r"WARNING .*deep_nesting\.txt:\d+: notes nested \d+ levels deep", result.stderr)
    assert re.search(r"WARNING .*empty\.txt: has no notes in it", result.stderr)
    assert missing_lines(TEXT_FIXTURES, site) == []


def test_hostile_notes_show_literally_and_never_execute(tmp_path):
    site = tmp_path / "site"
    hostile = VARIANTS / "hostile.txt"
    result = mkdocs_build(site, notes=[hostile])
    assert result.returncode == 0, result.stderr
    text, scripts, handlers = site_text(site)
    assert "<script>alert(1)</script>" in text
    assert not any("alert(1)" in s for s in scripts)
    assert handlers == []
    assert "javascript:alert" not in " ".join(
        re.findall(r'href="([^"]*)"', " ".join(p.read_text() for p in site.rglob("*.html"))))


def test_binary_notes_stop_the_build_with_file_and_fix(tmp_path):
    result = mkdocs_build(tmp_path / "site", notes=[VARIANTS / "binary.bin"])
    assert result.returncode != 0
    assert re.search(r"binary\.bin:\d+: this looks like a binary file", result.stderr), result.stderr
    assert "plain text" in result.stderr
    assert "Traceback" not in result.stderr


def test_latin1_notes_warn_and_build_even_with_strict(tmp_path):
    """A problem in the notes is a warning and the site is built, with --strict too (README: bad input)."""
    strict = mkdocs_build(tmp_path / "a", notes=[VARIANTS / "latin1.txt"])
    assert strict.returncode == 0, strict.stderr
    assert re.search(r"WARNING .*latin1\.txt:\d+: lines? [\d, ]+.*not valid UTF-8", strict.stderr), strict.stderr
    assert "Traceback" not in strict.stderr and "Aborted" not in strict.stdout + strict.stderr


def test_missing_notes_file_names_the_variable(tmp_path):
    result = mkdocs_build(tmp_path / "site", notes=[tmp_path / "nope.txt"])
    assert result.returncode != 0 and "NOTES" in result.stderr and "nope.txt" in result.stderr
    assert "Traceback" not in result.stderr


def _config_with(tmp_path: Path, notemill: str) -> Path:
    text = (ROOT / "mkdocs.yml").read_text()
    text = re.sub(r"  notemill:\n(?:    .*\n|\n)*", "  notemill:\n" + notemill, text, count=1)
    config = ROOT / f".test-mkdocs-{tmp_path.name}.yml"
    config.write_text(text)
    return config


@pytest.mark.parametrize("setting,expected", [
    ("    notes: [notes/aws-developer-associate.txt]\n    colour: blue\n", "extra.notemill.colour"),
    ("    notes: [notes/does-not-exist.txt]\n", "does-not-exist.txt"),
    ("    notes: [notes/aws-developer-associate.txt]\n    titles: no-titles.yml\n", "extra.notemill.titles"),
    ("    notes: [notes/aws-developer-associate.txt]\n    workers: -2\n", "extra.notemill.workers"),
    ("    notes: [notes/aws-developer-associate.txt]\n    workers: many\n", "extra.notemill.workers"),
    ("    notes: [notes/aws-developer-associate.txt]\n    workers: true\n",
     "extra.notemill.workers: True is not a count; use 0 (one per core) or more"),
    ("    notes: []\n", "extra.notemill.notes: the list is empty, so the site would have no notes; list at least"),
])
def test_bad_settings_name_the_setting(tmp_path, setting, expected):
    config = _config_with(tmp_path, setting)
    try:
        result = mkdocs_build(tmp_path / "site", config=config)
    finally:
        config.unlink()
    assert result.returncode != 0
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_titles_file_renames_a_section(tmp_path):
    titles = ROOT / f".test-titles-{tmp_path.name}.yml"
    titles.write_text("- file: aws-developer-associate.txt\n  line: 829\n  title: Subnets\n")
    config = _config_with(tmp_path, f"    notes: [notes/aws-developer-associate.txt]\n    titles: {titles.name}\n")
    try:
        result = mkdocs_build(tmp_path / "site", config=config)
    finally:
        config.unlink()
        titles.unlink()
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "site" / "outline.json").read_text())
    (topic,) = [t for t in data["topics"] if any(s["first_line"] == 829 for s in t["sources"])]
    assert topic["title"] == "Subnets" and topic["inferred"] is False


def test_build_is_deterministic(built_site, tmp_path):
    again = tmp_path / "site"
    assert mkdocs_build(again).returncode == 0
    differ = [str(p.relative_to(built_site)) for p in built_site.rglob("*") if p.is_file()
              and not p.name.endswith(".gz") and p.read_bytes() != (again / p.relative_to(built_site)).read_bytes()]
    assert differ == []


def test_html_escaping_of_titles_in_nav(tmp_path):
    notes = tmp_path / "n.txt"
    notes.write_text("Tags <b>bold</b> </title><script>x()</script> Stuff\n\n  • item one\n", encoding="utf-8")
    site = tmp_path / "site"
    assert mkdocs_build(site, notes=[notes]).returncode == 0
    html = "".join(p.read_text() for p in site.rglob("*.html"))
    assert "<b>bold</b>" not in html and "<script>x()" not in html
    assert "Tags &lt;b&gt;bold&lt;/b&gt;" in html
