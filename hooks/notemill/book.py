"""The study guide as one printable page: its plan (parts, chapters, answer key) and chapter HTML.

Categories become parts and topics chapters, numbered in navigation order.
Each topic page's HTML is reused as its chapter: its ids get a chapter
prefix so that 40 pages can share one document, and its links to other
topic pages become links inside the document. Book ids never collide:
chapter ``c_<slug>``, chapter content ``t_<slug>_<id>``, the rest ``b_...``
(slugs hold only ``a-z0-9-``).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from .pipeline import Study

LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True)
class KeyEntry:
    """One answer of the answer key: ``3.2 b``."""

    label: str
    question_id: str  # the question's id in the book
    key_id: str  # this entry's id in the book
    letters: str
    answers: tuple[str, ...]
    ordered: bool  # the answer is a sequence, not a choice
    explanation: str
    source_id: str | None  # the notes line that answers it, in the book


@dataclass(frozen=True)
class Chapter:
    number: int
    slug: str
    title: str
    questions: tuple  # the topic's quiz questions, as its page has them
    key: tuple[KeyEntry, ...]
    diagrams: int

    @property
    def id(self) -> str:
        return f"c_{self.slug}"


@dataclass(frozen=True)
class Part:
    number: int
    numeral: str
    title: str
    chapters: tuple[Chapter, ...]

    @property
    def id(self) -> str:
        return f"b_part{self.number}"


@dataclass(frozen=True)
class Book:
    title: str
    epoch: int  # the notes' date, in seconds: the cover's and the PDF's date
    files: tuple[str, ...]
    parts: tuple[Part, ...]

    @property
    def date(self) -> str:
        when = datetime.fromtimestamp(self.epoch, UTC)
        return f"{when.day} {when:%B %Y}"

    @property
    def chapters(self) -> tuple[Chapter, ...]:
        return tuple(c for p in self.parts for c in p.chapters)

    @property
    def question_count(self) -> int:
        return sum(len(c.questions) for c in self.chapters)

    @property
    def diagram_count(self) -> int:
        return sum(c.diagrams for c in self.chapters)


def roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += digits
            n -= value
    return out


def question_anchor(slug: str, n: int) -> str:
    return f"b_q_{slug}_{n}"


def _key_entry(chapter: int, slug: str, n: int, question) -> KeyEntry:
    answers = tuple(question.answers)
    letters = ", ".join(LETTERS[i] for i in answers)
    texts = tuple(question.options[i] for i in answers)
    if question.type in ("cloze", "recall"):  # typed or recalled: the answer has no letter
        letters = ""
    elif question.type == "match":  # each term with its letter
        letters = ", ".join(f"{row}–{LETTERS[i]}" for row, i in enumerate(answers, 1))
        texts = tuple(f"{p} → {question.options[i]}" for p, i in zip(question.prompts, answers, strict=True))
    return KeyEntry(
        label=f"{chapter}.{n}",
        question_id=question_anchor(slug, n),
        key_id=f"b_k_{slug}_{n}",
        letters=letters,
        answers=texts,
        ordered=question.type == "order",
        explanation="" if question.type == "match" else question.explanation,  # a match's pairs are its lines
        source_id=f"t_{slug}_{question.anchor}" if getattr(question, "anchor", "") else None,
    )


def plan_book(study: Study, title: str, epoch: int, quizzes: dict | None = None,
              diagrams: dict | None = None) -> Book:
    """The book's structure: one part per category, one chapter per topic, in navigation order.

    ``epoch`` dates the book: the notes' date rather than the build's, so the
    same notes give the same book.
    """
    quizzes = quizzes or {}
    diagrams = diagrams or {}
    parts, number = [], 0
    for p, category in enumerate((c for c in study.categories if c.topics), 1):
        chapters = []
        for topic in category.topics:
            number += 1
            questions = tuple(quizzes.get(topic.slug) or ())
            key = tuple(_key_entry(number, topic.slug, n, q) for n, q in enumerate(questions, 1))
            chapters.append(Chapter(number, topic.slug, topic.title, questions, key,
                                    len(diagrams.get(topic.slug) or ())))
        parts.append(Part(p, roman(p), category.title, tuple(chapters)))
    return Book(title, epoch, study.files, tuple(parts))


_ATTR = re.compile(r'(?<=\s)(id|href)="([^"]*)"')
_LINK = re.compile(r'<a\b[^>]*\shref="(?!#|[a-z][a-z0-9+.-]*:)([^"]*)"[^>]*>(.*?)</a>', re.S | re.I)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:", re.I)
_TITLE = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S | re.I)
_SRC = re.compile(r'(?<=\s)src="(?![a-z][a-z0-9+.-]*:|/|#)([^"]*)"', re.I)


def drop_title(html: str) -> str:
    """A page's HTML without its title: the book prints its own, numbered."""
    return _TITLE.sub("", html, count=1)


def relink(html: str, slug: str, page_url: str, chapters: dict[str, str]) -> str:
    """HTML of topic page ``slug`` as part of chapter ``slug`` of the book.

    Links in ``html`` are relative to ``page_url``; ``chapters`` maps each
    topic page URL to its slug. Ids get the chapter's prefix, links to topic
    pages point inside the book, links to pages outside the book keep their
    text and lose the link.
    """
    base = posixpath.dirname(page_url)

    def target(href: str) -> str | None:
        path, _, frag = href.partition("#")
        if not path:
            return f"#t_{slug}_{frag}" if frag else None
        other = chapters.get(posixpath.normpath(posixpath.join(base, path)))
        if other is None:
            return None
        return f"#t_{other}_{frag}" if frag else f"#c_{other}"

    html = _LINK.sub(lambda m: m.group(0) if target(m.group(1)) else f"<span>{m.group(2)}</span>", html)

    def attr(m: re.Match) -> str:
        name, value = m.groups()
        if name == "id":
            return f'id="t_{slug}_{value}"'
        if _SCHEME.match(value):
            return m.group(0)
        return f'href="{target(value) or value}"'

    # Images of Markdown notes (site/media/) are relative to the topic page; the book is at the site's root.
    html = _SRC.sub(lambda m: f'src="{posixpath.normpath(posixpath.join(base, m.group(1)))}"', html)
    return _ATTR.sub(attr, html)
