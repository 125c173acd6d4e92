"""Self-check questions made from the notes by rules over their shape.

No language model, no network, no randomness but what the notes' own text
seeds: every build of the same notes asks the same questions. Each family
of questions is a module (``gen_*``); ``quality`` holds the rules every
question must pass. The question bank holds every question that passes;
a topic page shows at most ``MAX_PER_TOPIC`` of its own.
"""

from __future__ import annotations

from collections import Counter
from typing import NamedTuple

from ..workers import AUTO, map_items
from . import (
    gen_choose,
    gen_cloze,
    gen_compare,
    gen_match,
    gen_not,
    gen_order,
    gen_recall,
    gen_table,
    gen_terms,
    gen_topics,
    gen_truefalse,
    gen_twotrue,
    gen_values,
)
from .coverage import TopicCoverage, topic_coverage
from .model import SELF_GRADED, TYPE_LABELS, TYPES, Question
from .quality import problems
from .reads import Reads
from .scope import build_scope

GENERATORS = (gen_terms, gen_values, gen_order, gen_choose, gen_compare, gen_topics,
              gen_cloze, gen_not, gen_truefalse, gen_match, gen_twotrue)
GENERATORS += (gen_table,)  # Markdown tables comparing things: "which of these has <attribute> = <value>"
MAX_PER_TOPIC = 25

__all__ = [
    "MAX_PER_TOPIC", "SELF_GRADED", "TYPES", "TYPE_LABELS", "Question", "Quizzes", "TopicCoverage", "assemble",
    "bank_of", "build_bank", "build_quizzes", "build_scope", "candidates", "coverage_totals", "notes_order", "problems",
    "quiz_stage", "screened", "screened_reading", "shown", "study_coverage", "summary",
]


def _cap(questions: list[Question], limit: int) -> list[Question]:
    """At most ``limit`` questions, taking each type in turn so no family crowds out the rest, and one
    per notes line."""
    by_type: dict[str, list[Question]] = {}
    for q in questions:
        by_type.setdefault(q.type, []).append(q)
    order = [t for t in TYPES if t in by_type] + [t for t in by_type if t not in TYPES]
    chosen: list[Question] = []
    lines: set[tuple[str, int]] = set()  # one question per notes line on a page: a second would give it away
    while len(chosen) < limit and any(by_type.values()):
        for t in order:
            while by_type[t] and not lines.isdisjoint(by_type[t][0].lines):
                by_type[t].pop(0)
            if by_type[t] and len(chosen) < limit:
                q = by_type[t].pop(0)
                chosen.append(q)
                lines.update(q.lines)
    return chosen


def build_quizzes(study, limit: int = MAX_PER_TOPIC, workers: int = AUTO) -> dict[str, tuple[Question, ...]]:
    """The questions each topic page shows (at most ``limit``), per topic slug, in notes order."""
    return shown(build_bank(study, workers), limit)


def build_bank(study, workers: int = AUTO) -> dict[str, tuple[Question, ...]]:
    """Every question of each topic that passes the quality rules, each id once across the study."""
    return quiz_stage(study, workers=workers).bank


class Quizzes(NamedTuple):
    bank: dict[str, tuple[Question, ...]]  # topic slug -> every question it owns
    shown: dict[str, tuple[Question, ...]]  # topic slug -> what its page shows
    coverage: dict[str, TopicCoverage]  # topic slug -> its fact lines and tested lines


def quiz_stage(study, limit: int = MAX_PER_TOPIC, workers: int = AUTO) -> Quizzes:
    """The bank, the pages' questions and coverage, as a build makes them (the enrich step shares the
    same work with the topic pages)."""
    scope = build_scope(study)
    return assemble(study.topics, scope, map_items(lambda topic: screened(topic, scope), study.topics, workers), limit)


def assemble(topics, scope, made: list[tuple[list[Question], list]], limit: int = MAX_PER_TOPIC) -> Quizzes:
    """The bank, pages and coverage from each topic's ``screened`` questions (in topic order)."""
    passed = [p for p, _ in made]
    bank = bank_of(topics, passed)
    return Quizzes(bank, shown(bank, limit), study_coverage(topics, scope.lines, bank, passed, [d for _, d in made]))


def candidates(topic, scope) -> list[Question]:
    """Every question the generators make from one topic that passes the quality rules, in their order."""
    return screened(topic, scope)[0]


def screened(topic, scope) -> tuple[list[Question], list[tuple[Question, list[str]]]]:
    """(the candidates, the questions the quality rules dropped with the rules they break)."""
    passed, dropped = [], []
    for gen in GENERATORS:
        _screen(gen.questions(topic, scope), scope, passed, dropped)
    # Recall cards last: they ask the fact lines no other question of the topic tests. A "which topic"
    # question does not count: it asks what the lines are about, not what they say, and no page shows it.
    covered = frozenset((q.file, n) for q in passed if q.type != "topic" for n in q.tested_lines)
    _screen(gen_recall.questions(topic, scope, covered), scope, passed, dropped)
    return passed, dropped


def screened_reading(topic, scope) -> tuple[tuple[list[Question], list], Reads]:
    """``screened``, and what it looked up of the rest of the study (``quiz.reads``)."""
    with scope.recording(Reads()) as reads:
        return screened(topic, scope), reads


def _screen(questions, scope, passed: list, dropped: list) -> None:
    for q in questions:
        found = problems(q, scope.facts)
        if found:
            dropped.append((q, found))
        else:
            passed.append(q)


def bank_of(topics, made: list[list[Question]]) -> dict[str, tuple[Question, ...]]:
    """The question bank from each topic's candidates (in topic order): a question (the same id) belongs
    to the first topic that makes it, so it is asked once on the site; each topic's in notes order.
    Topics without a question are left out."""
    out: dict[str, tuple[Question, ...]] = {}
    seen: set[str] = set()
    for topic, questions in zip(topics, made, strict=True):
        kept = []
        for q in questions:
            if q.id not in seen:
                seen.add(q.id)
                kept.append(q)
        if kept:
            kept.sort(key=notes_order)
            out[topic.slug] = tuple(kept)
    return out


def shown(bank: dict[str, tuple[Question, ...]], limit: int = MAX_PER_TOPIC) -> dict[str, tuple[Question, ...]]:
    """What each topic page shows of its bank: at most ``limit``, each type in turn, in notes order.

    A "which topic" question stays off its own page (and chapter): the page's title is its answer. Review,
    the mock exam and the deck ask it where nothing names the topic."""
    pages = {slug: [q for q in qs if q.type != "topic"] for slug, qs in bank.items()}
    return {slug: tuple(sorted(_cap(qs, limit), key=notes_order)) for slug, qs in pages.items() if qs}


def notes_order(q: Question) -> tuple:
    """Where a question sits in the notes; the type breaks ties, so the order is the same every build."""
    return (q.file, q.line, TYPES.index(q.type) if q.type in TYPES else len(TYPES), q.type, q.id)


def summary(quizzes: dict[str, tuple[Question, ...]]) -> tuple[int, int, Counter]:
    """(questions, topics with questions, count per type)."""
    types = Counter(q.type for qs in quizzes.values() for q in qs)
    return sum(types.values()), len(quizzes), types


def study_coverage(topics, lines, bank: dict[str, tuple[Question, ...]], made: list[list[Question]],
                   dropped: list[list]) -> dict[str, TopicCoverage]:
    """Each topic's coverage (``coverage.topic_coverage``) from its candidates ``made`` and ``dropped``
    (in topic order) and the bank built from them."""
    owner = {q.id: slug for slug, qs in bank.items() for q in qs}
    titles = {t.slug: t.title for t in topics}
    out = {}
    for topic, own, lost in zip(topics, made, dropped, strict=True):
        elsewhere = {q.id: titles[owner[q.id]] for q in own if owner.get(q.id, topic.slug) != topic.slug}
        out[topic.slug] = topic_coverage(topic, lines, bank.get(topic.slug, ()), own, lost, elsewhere)
    return out


def coverage_totals(cover: dict[str, TopicCoverage]) -> tuple[int, int]:
    """(fact lines, tested lines) over the study."""
    return sum(c.fact_lines for c in cover.values()), sum(c.tested_lines for c in cover.values())
