"""The study loop's build side: authors' details out of topic pages, the Anki deck, the exam settings."""

from __future__ import annotations

import html
import json
import os
import re
import tempfile

import pytest

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


# ---- the Anki deck ----

def _collection(apkg: bytes):
    import io
    import sqlite3
    import tempfile
    import zipfile

    with zipfile.ZipFile(io.BytesIO(apkg)) as z:
        assert "collection.anki2" in z.namelist()
        data = z.read("collection.anki2")
    assert data.startswith(b"SQLite format 3\x00")
    path = tempfile.mkstemp(suffix=".anki2")[1]
    with open(path, "wb") as f:
        f.write(data)
    return sqlite3.connect(path)


def _apkg(cards, name: str, epoch: int) -> bytes:
    """The package ``write_apkg`` writes, as bytes (each call its own file)."""
    from notemill.anki import write_apkg

    handle, path = tempfile.mkstemp(suffix=".apkg")
    os.close(handle)
    try:
        write_apkg(cards, name, epoch, path)
        with open(path, "rb") as f:
            return f.read()
    finally:
        os.unlink(path)


def test_apkg_is_a_sqlite_collection_with_question_ids_as_guids_and_the_same_bytes_twice():
    from notemill.anki import Card, card_tags

    cards = [Card(f"id{i:03d}", f"<p>front {i} &lt;script&gt;</p>", f"<p>back {i}</p>",
                  card_tags("Security & identity", f"topic-{i % 3}", "value")) for i in range(40)]
    first = _apkg(cards, "My notes", 1_700_000_000)
    assert _apkg(cards, "My notes", 1_700_000_000) == first
    db = _collection(first)
    rows = db.execute("select guid, tags, flds from notes order by id").fetchall()
    assert [r[0] for r in rows] == [c.guid for c in cards]
    assert db.execute("select count(*) from cards").fetchone()[0] == len(cards)
    tags = rows[0][1].split()
    assert tags == ["notemill::category::Security-identity", "notemill::topic::topic-0", "notemill::type::value"]
    assert rows[0][2] == "<p>front 0 &lt;script&gt;</p>\x1f<p>back 0</p>"
    # A changed note changes the package; a later notes date gives later modification times.
    assert _apkg(cards[:-1], "My notes", 1_700_000_000) != first
    later = _collection(_apkg(cards, "My notes", 1_800_000_000))
    assert later.execute("select min(mod) from notes").fetchone()[0] == 1_800_000_000


def _text_rows(text: str):
    head = [line for line in text.splitlines() if line.startswith("#")]
    rows = [line.split("\t") for line in text.splitlines() if not line.startswith("#")]
    return dict(h[1:].split(":", 1) for h in head), rows


def test_built_deck_holds_every_bank_question(built_site):
    bank = json.loads((built_site / "questions.json").read_text())
    apkg = (built_site / "notemill-deck.apkg").read_bytes()
    db = _collection(apkg)
    guids = [g for (g,) in db.execute("select guid from notes order by id")]
    assert guids == [q["id"] for q in bank] and len(set(guids)) == len(bank) > 100
    by_id = {q["id"]: q for q in bank}
    for guid, tags, flds in db.execute("select guid, tags, flds from notes"):
        q = by_id[guid]
        front, back = flds.split("\x1f")
        assert f"notemill::topic::{q['topic']}" in tags.split()
        assert f"notemill::category::{q['category']}" in tags.split()
        assert q["stem"] in html.unescape(re.sub(r"<[^>]+>", "", front))
        assert f"{html.escape(q['file'])}, line {q['line']}" in back and "Answer" in back
        assert "<script" not in front + back
    header, rows = _text_rows((built_site / "notemill-deck.txt").read_text(encoding="utf-8"))
    assert header["separator"] == "tab" and header["html"] == "true"
    assert header["guid column"] == "1" and header["tags column"] == "4"
    assert [r[0] for r in rows] == guids and all(len(r) == 4 for r in rows)


def test_real_deck_writes_the_same_bytes_twice(built_site):
    """The site's own cards (read back from its deck) written again: the same bytes each time, and the same
    notes as the site's deck (genanki's ids and times come from the notes' date, not the clock)."""
    from notemill.anki import Card

    db = _collection((built_site / "notemill-deck.apkg").read_bytes())
    cards = [Card(guid, *flds.split("\x1f"), tuple(tags.split()))
             for guid, tags, flds in db.execute("select guid, tags, flds from notes order by id")]
    epoch = db.execute("select min(mod) from notes").fetchone()[0]
    deck_name = db.execute("select decks from col").fetchone()[0]
    name = next(d["name"] for d in json.loads(deck_name).values() if d["name"] != "Default")
    once = _apkg(cards, name, epoch)
    assert _apkg(cards, name, epoch) == once
    assert once == (built_site / "notemill-deck.apkg").read_bytes()


# ---- the mock exam's draw and settings ----

def test_exam_quotas_follow_facts_and_respect_the_bank():
    from notemill.exam import quotas

    q = quotas({"a": 10, "b": 30, "c": 60}, {"a": 50, "b": 50, "c": 50}, 20)
    assert q == {"a": 2, "b": 6, "c": 12}
    # A topic cannot give more than its bank; the rest goes to the others by weight.
    q = quotas({"a": 10, "b": 30, "c": 60}, {"a": 50, "b": 50, "c": 5}, 20)
    assert q["c"] == 5 and sum(q.values()) == 20 and q["b"] > q["a"]
    # Fewer questions than asked: every question; no question, no share.
    assert quotas({"a": 1, "b": 1}, {"a": 2, "b": 0}, 65) == {"a": 2}
    assert quotas({}, {}, 65) == {}
    # The same weights give the same quotas (ties by name).
    assert quotas({"x": 1, "y": 1, "z": 1}, {"x": 9, "y": 9, "z": 9}, 4) == {"x": 2, "y": 1, "z": 1}


def test_exam_settings_are_validated(tmp_path):
    from mkdocs.exceptions import PluginError

    import notemill_settings

    class Config:
        config_file_path = str(SEED.parent.parent / "mkdocs.yml")

        def __init__(self, exam):
            self.extra = {"notemill": {"notes": ["notes/aws-developer-associate.txt"], **exam}}

    ok = notemill_settings.load_settings(Config({"exam": {"count": 10}}))
    assert (ok.exam.count, ok.exam.minutes, ok.exam.pass_mark) == (10, 130, 70)
    empty = notemill_settings.load_settings(Config({"exam": None}))
    assert (empty.exam.count, empty.exam.minutes, empty.exam.pass_mark) == (65, 130, 70)
    for exam, named in (({"exam": {"count": 0}}, "exam.count"), ({"exam": {"pass_mark": 120}}, "exam.pass_mark"),
                        ({"exam": {"minutes": "long"}}, "exam.minutes"), ({"exam": {"seconds": 5}}, "exam.seconds"),
                        ({"exam": {"pass_mark": True}}, "exam.pass_mark"), ({"exam": [65]}, "exam")):
        try:
            notemill_settings.load_settings(Config(exam))
        except PluginError as err:
            assert f"extra.notemill.{named}:" in str(err) and "Sub-option" not in str(err)
        else:
            raise AssertionError(f"{exam} accepted")


# Each bad setting as written in mkdocs.yml -> what the build must say (the setting, then the fix).
BAD_EXAM = [
    ("{count: many}", ["extra.notemill.exam.count: \"many\" is not a number of questions", "whole number",
                       "default 65"]),
    ("{count: 20, minuts: 30}", ["extra.notemill.exam.minuts: no such setting (did you mean 'minutes'?)",
                                 "count, minutes, pass_mark"]),
    ("{pass_mark: 150}", ["extra.notemill.exam.pass_mark: 150 is out of range", "use 1 to 100", "default 70"]),
    ("{pass_mark: true}", ["extra.notemill.exam.pass_mark: true is not a percentage"]),
    ("60", ["extra.notemill.exam: 60 is not a set of settings", "exam: {count: 65, minutes: 130, pass_mark: 70}"]),
]


@pytest.mark.parametrize("exam, said", BAD_EXAM, ids=[b[0] for b in BAD_EXAM])
def test_a_real_build_with_bad_exam_settings_stops_with_a_clear_message(tmp_path, exam, said):
    from conftest import ROOT, mkdocs_build  # noqa: I001

    text = (ROOT / "mkdocs.yml").read_text()
    assert "  notemill:\n" in text
    config = ROOT / f".test-mkdocs-bad-exam-{tmp_path.name}.yml"
    config.write_text(text.replace("  notemill:\n", f"  notemill:\n    exam: {exam}\n", 1))
    try:
        result = mkdocs_build(tmp_path / "site", config=config)
    finally:
        config.unlink()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Sub-option" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1, result.stderr  # said once
    for part in said:
        assert part in errors[0], errors[0]
    assert not (tmp_path / "site" / "exam.html").exists()
