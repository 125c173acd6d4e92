"""Self-check questions made from the notes by rules over their shape.

No language model, no network, no randomness but what the notes' own text
seeds: every build of the same notes asks the same questions. Each family
of questions is a module (``gen_*``); ``quality`` holds the rules every
question must pass. The question bank holds every question that passes;
a topic page shows at most ``MAX_PER_TOPIC`` of its own.
"""

from __future__ import annotations

from collections import Counter

from ..memory import no_cycle_collection
from ..workers import AUTO, map_items
from . import gen_choose, gen_compare, gen_order, gen_terms, gen_topics, gen_values
from .model import TYPE_LABELS, TYPES, Question
from .quality import problems
from .scope import build_scope

GENERATORS = (gen_terms, gen_values, gen_order, gen_choose, gen_compare, gen_topics)
MAX_PER_TOPIC = 25

__all__ = ["MAX_PER_TOPIC", "TYPES", "TYPE_LABELS", "Question", "bank_of", "build_bank", "build_quizzes",
           "build_scope", "candidates", "notes_order", "problems", "shown", "summary"]


def _cap(questions: list[Question], limit: int) -> list[Question]:
    """At most ``limit`` questions, taking each type in turn so no family crowds out the rest."""
    if len(questions) <= limit:
        return questions
    by_type: dict[str, list[Question]] = {}
    for q in questions:
        by_type.setdefault(q.type, []).append(q)
    order = [t for t in TYPES if t in by_type] + [t for t in by_type if t not in TYPES]
    chosen: list[Question] = []
    while len(chosen) < limit:
        for t in order:
            if by_type[t] and len(chosen) < limit:
                chosen.append(by_type[t].pop(0))
    return chosen


def build_quizzes(study, limit: int = MAX_PER_TOPIC, workers: int = AUTO) -> dict[str, tuple[Question, ...]]:
    """The questions each topic page shows (at most ``limit``), per topic slug, in notes order."""
    return shown(build_bank(study, workers), limit)


def build_bank(study, workers: int = AUTO) -> dict[str, tuple[Question, ...]]:
    """Every question of each topic that passes the quality rules, each id once across the study."""
    with no_cycle_collection():
        scope = build_scope(study)
        return bank_of(study.topics, map_items(lambda topic: candidates(topic, scope), study.topics, workers))


def candidates(topic, scope) -> list[Question]:
    """Every question the generators make from one topic that passes the quality rules, in their order."""
    return [q for gen in GENERATORS for q in gen.questions(topic, scope) if not problems(q, scope.facts)]


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
    """What each topic page shows of its bank: at most ``limit``, each type in turn, in notes order."""
    return {slug: tuple(sorted(_cap(list(qs), limit), key=notes_order)) for slug, qs in bank.items()}


def notes_order(q: Question) -> tuple:
    """Where a question sits in the notes; the type breaks ties, so the order is the same every build."""
    return (q.file, q.line, TYPES.index(q.type) if q.type in TYPES else len(TYPES), q.type, q.id)


def summary(quizzes: dict[str, tuple[Question, ...]]) -> tuple[int, int, Counter]:
    """(questions, topics with questions, count per type)."""
    types = Counter(q.type for qs in quizzes.values() for q in qs)
    return sum(types.values()), len(quizzes), types
