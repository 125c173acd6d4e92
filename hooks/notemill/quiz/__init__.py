"""Self-check questions made from the notes by rules over their shape.

No language model, no network, no randomness but what the notes' own text
seeds: every build of the same notes asks the same questions. Each family
of questions is a module (``gen_*``); ``quality`` holds the rules every
question must pass.
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

__all__ = ["MAX_PER_TOPIC", "TYPES", "TYPE_LABELS", "Question", "build_quizzes", "build_scope", "candidates",
           "problems", "select", "summary"]


def _cap(questions: list[Question], limit: int) -> list[Question]:
    """At most ``limit`` questions, taking each type in turn so no family crowds out the rest."""
    if len(questions) <= limit:
        return questions
    by_type: dict[str, list[Question]] = {}
    for q in questions:
        by_type.setdefault(q.type, []).append(q)
    chosen: list[Question] = []
    while len(chosen) < limit:
        for t in TYPES:
            if by_type.get(t) and len(chosen) < limit:
                chosen.append(by_type[t].pop(0))
    return chosen


def build_quizzes(study, limit: int = MAX_PER_TOPIC, workers: int = AUTO) -> dict[str, tuple[Question, ...]]:
    """Questions per topic slug, in notes order; only questions that pass every quality rule."""
    with no_cycle_collection():
        scope = build_scope(study)
        made = map_items(lambda topic: candidates(topic, scope), study.topics, workers)
        return select(study.topics, made, limit)


def candidates(topic, scope) -> list[Question]:
    """Every question the generators make from one topic that passes the quality rules, in their order."""
    return [q for gen in GENERATORS for q in gen.questions(topic, scope) if not problems(q, scope.facts)]


def select(topics, made: list[list[Question]], limit: int = MAX_PER_TOPIC) -> dict[str, tuple[Question, ...]]:
    """Each topic's questions (``made``, in topic order): one question per id across the study, at most
    ``limit`` per topic, in notes order."""
    out: dict[str, tuple[Question, ...]] = {}
    seen: set[str] = set()
    for topic, questions in zip(topics, made, strict=True):
        chosen: list[Question] = []
        for q in questions:
            if q.id not in seen:
                seen.add(q.id)
                chosen.append(q)
        chosen = _cap(chosen, limit)
        chosen.sort(key=lambda q: (q.file, q.line, TYPES.index(q.type)))
        if chosen:
            out[topic.slug] = tuple(chosen)
    return out


def summary(quizzes: dict[str, tuple[Question, ...]]) -> tuple[int, int, Counter]:
    """(questions, topics with questions, count per type)."""
    types = Counter(q.type for qs in quizzes.values() for q in qs)
    return sum(types.values()), len(quizzes), types
