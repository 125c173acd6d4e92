"""Rendering: notes text stays plain text; generated Markdown matches the golden files."""

from __future__ import annotations

import os

import markdown
import pytest

from conftest import FIXTURES, SEED
from notemill import build_study
from notemill.render import escape, render_topic

GOLDEN = FIXTURES.parent / "golden"
MD = ["attr_list", "md_in_html", "tables", "admonition", "pymdownx.superfences"]


def html_of(text: str) -> str:
    return markdown.markdown(escape(text), extensions=MD)


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "*stars* and _under_ and __dunder__",
    "a | b | c",
    "`code` and ``more``",
    "{{ config.site_name }} {% raw %}",
    "[link](javascript:alert(1))",
    "&amp; stays &amp;",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "---",
    "-->",
    "\\ backslash \\*",
    "$1 per month ~~tilde~~ ^caret^ ==mark==",
])
def test_escaped_text_renders_literally(text):
    out = html_of(text)
    assert "<script" not in out and "<img" not in out and "<em>" not in out and "<strong>" not in out
    assert "<code>" not in out and "<a " not in out and "<h1" not in out and "<li>" not in out and "<hr" not in out
    import html as h
    import re
    assert h.unescape(re.sub(r"<[^>]+>", "", out)).strip() == text


def _render_all(path):
    study = build_study([path])
    titles = {c.id: c.title for c in study.categories}
    pages = [f"<!-- page: topics/{t.slug}.md -->\n" + render_topic(t, titles[t.category]) for t in study.topics]
    return "\n".join(pages)


GOLDEN_NOTES = [SEED] + sorted((FIXTURES / "variants").glob("*.txt")) + sorted((FIXTURES / "notes").glob("*.txt"))


@pytest.mark.parametrize("path", GOLDEN_NOTES, ids=lambda p: p.name)
def test_generated_markdown_matches_golden(path):
    """Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change."""
    golden = GOLDEN / (path.stem + ".md")
    actual = _render_all(path)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"no golden file {golden.name}: run UPDATE_GOLDEN=1 pytest tests/test_render.py"
    assert actual == golden.read_text(encoding="utf-8")
