"""The study guide's plan and chapter HTML (no browser, no MkDocs)."""

from __future__ import annotations

from types import SimpleNamespace

from conftest import FIXTURES, SEED
from notemill import build_study
from notemill.book import drop_title, plan_book, relink, roman


def _question(options, answers, qtype="term", anchor="notes-L3"):
    return SimpleNamespace(type=qtype, stem="?", context="", options=tuple(options), answers=tuple(answers),
                           explanation="because", anchor=anchor)


def test_parts_follow_categories_and_chapters_number_through_the_book():
    study = build_study([SEED])
    book = plan_book(study, "Guide", 0)
    assert [p.title for p in book.parts] == [c.title for c in study.categories if c.topics]
    assert [c.slug for c in book.chapters] == [t.slug for c in study.categories for t in c.topics]
    assert [c.number for c in book.chapters] == list(range(1, len(study.topics) + 1))
    assert [p.numeral for p in book.parts][:4] == ["I", "II", "III", "IV"][:len(book.parts)]
    assert len({c.id for c in book.chapters} | {p.id for p in book.parts}) == len(book.chapters) + len(book.parts)


def test_answer_key_letters_and_labels():
    study = build_study([SEED])
    first, second = study.topics[0].slug, study.topics[1].slug
    quizzes = {
        first: (_question(["a1", "b1", "c1"], [1]), _question(["x", "y", "z"], [2, 0], "order")),
        second: (_question(["p", "q", "r", "s"], [0, 3], "choose"),),
    }
    book = plan_book(study, "Guide", 0, quizzes)
    keys = {c.slug: c.key for c in book.chapters}
    n1 = next(c.number for c in book.chapters if c.slug == first)
    one, two = keys[first]
    assert (one.label, one.letters, one.answers, one.ordered) == (f"{n1}.1", "b", ("b1",), False)
    assert (two.letters, two.answers, two.ordered) == ("c, a", ("z", "x"), True)
    assert keys[second][0].letters == "a, d"
    assert one.question_id != one.key_id and one.source_id == f"t_{first}_notes-L3"
    assert book.question_count == 3


def test_book_date_is_the_notes_date():
    study = build_study([SEED])
    assert plan_book(study, "Guide", 1_700_000_000).date == "14 November 2023"


def test_relink_prefixes_ids_and_points_links_inside_the_book():
    chapters = {"topics/kms.html": "kms", "topics/s3.html": "s3"}
    html = ('<h1 id="kms">KMS</h1><h2 id="keys">Keys</h2><a id="notes-L4"></a>'
            '<a href="#keys">here</a> <a href="s3.html#notes-L9">S3 line</a> <a href="s3.html">S3</a> '
            '<a href="../structure.html">report</a> <a href="https://example.org/x">web</a> '
            '<div data-id="keep"></div>')
    out = relink(drop_title(html), "kms", "topics/kms.html", chapters)
    assert "<h1" not in out
    assert 'id="t_kms_keys"' in out and 'id="t_kms_notes-L4"' in out
    assert 'href="#t_kms_keys"' in out
    assert 'href="#t_s3_notes-L9"' in out and 'href="#c_s3"' in out
    assert "<span>report</span>" in out and "structure.html" not in out  # outside the book: text only
    assert 'href="https://example.org/x"' in out and 'data-id="keep"' in out


def test_roman_numerals():
    assert [roman(n) for n in (1, 4, 9, 14, 40, 90, 2024)] == ["I", "IV", "IX", "XIV", "XL", "XC", "MMXXIV"]


def test_other_notes_make_a_book_too():
    notes = sorted((FIXTURES / "notes").glob("*.txt"))
    study = build_study(notes)
    book = plan_book(study, "Guide", 0)
    assert len(book.chapters) == len(study.topics) > 0
