"""The study loop's build side: authors' details out of topic pages, the Anki deck, the exam settings."""

from __future__ import annotations

import html
import json
import re

from conftest import SEED
from notemill import build_study
from notemill.render import render_home, render_structure, render_topic, section_anchor


def _seed_pages():
    study = build_study([SEED])
    titles = {c.id: c.title for c in study.categories}
    return study, {t.slug: render_topic(t, titles[t.category]) for t in study.topics}


def test_topic_pages_keep_authors_details_out_and_mark_recovered_titles():
    study, pages = _seed_pages()
    slug_of = {id(s.section): t.slug for t in study.topics for s in t.sections}
    report = render_structure(study.sections, slug_of, "hint")
    recovered = [t for t in study.topics if any(s.title.inferred for s in t.sections)]
    assert len(recovered) >= 10
    for topic in study.topics:
        page = pages[topic.slug]
        head = page.split("\n- ", 1)[0]  # the page up to its first notes entry
        for detail in ("confidence", "Heading recovered", "titles file", "From your notes", ".txt, line"):
            assert detail not in page, (topic.slug, detail)
        markers = re.findall(r"\]\(\.\./structure\.md#([A-Za-z0-9-]+)\)\{\.nm-recovered", head)
        if topic in recovered:
            assert len(markers) == 1, topic.slug
            # The marker lands on the section's row in the Structure report, which keeps the details.
            assert f'<a id="{markers[0]}"></a>' in report
        else:
            assert markers == [], topic.slug
    for topic in recovered:
        named = next(s for s in topic.sections if s.title.inferred)
        row = next(line for line in report.splitlines() if f'id="{section_anchor(named.section)}"' in line)
        assert f"{named.title.confidence:.2f}" in row
    assert report.startswith("---\nsearch:\n  exclude: true\n---\n")


def test_home_page_lists_topics_without_line_ranges():
    study = build_study([SEED])
    home = render_home("Site", study.categories, {"topics": len(study.topics), "sections": 45, "lines": 1,
                                                  "inferred": 26})
    assert "Notes lines" not in home and ".txt, line" not in home and "†" not in home
    for topic in study.topics:
        assert f"](topics/{topic.slug}.md)" in home


def test_built_site_keeps_structure_report_out_of_search(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text())
    assert index["docs"], "empty search index"
    assert not [d for d in index["docs"] if d["location"].startswith("structure.html")]
    report = (built_site / "structure.html").read_text()
    ids = set(re.findall(r'id="([^"]+)"', report))
    marked = 0
    for page in (built_site / "topics").glob("*.html"):
        text = page.read_text()
        assert "confidence" not in text and "Heading recovered" not in text, page.name
        for href in re.findall(r'<a class="nm-recovered" href="([^"]+)"', text):
            marked += 1
            target, _, anchor = html.unescape(href).partition("#")
            assert target == "../structure.html" and anchor in ids, (page.name, href)
    assert marked >= 10
