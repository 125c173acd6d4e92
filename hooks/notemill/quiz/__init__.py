"""Self-check questions made from the notes by rules over their shape.

No language model, no network, no randomness but what the notes' own text
seeds: every build of the same notes asks the same questions. Each family
of questions is a module (``gen_*``); ``quality`` holds the rules every
question must pass.
"""

from __future__ import annotations

from collections import Counter, deque
from typing import NamedTuple

from ..memory import no_cycle_collection
from ..workers import AUTO, map_items
from . import (
    gen_choose,
    gen_cloze,
    gen_compare,
    gen_match,
    gen_not,
    gen_order,
    gen_terms,
    gen_topics,
    gen_truefalse,
    gen_twotrue,
    gen_values,
)
from .model import TYPE_LABELS, TYPES, Question
from .quality import problems
from .scope import build_scope

GENERATORS = (gen_terms, gen_values, gen_order, gen_choose, gen_compare, gen_topics,
              gen_cloze, gen_not, gen_truefalse, gen_match, gen_twotrue)
MAX_PER_TOPIC = 25

__all__ = ["MAX_PER_TOPIC", "TYPES", "TYPE_LABELS", "Capped", "Question", "build_quizzes", "build_scope",
           "candidates", "capped", "problems", "select", "summary"]


def _cap(questions: list[Question], limit: int) -> list[Question]:
    """At most ``limit`` questions, taking each type in turn so no family crowds out the rest."""
    if len(questions) <= limit:
        return questions
    by_type: dict[str, list[Question]] = {}
    for q in questions:
        by_type.setdefault(q.type, []).append(q)
    chosen: list[Question] = []
    lines: set[tuple[str, int]] = set()  # one question per notes line, as capped
    while len(chosen) < limit and any(by_type.values()):
        for t in TYPES:
            while by_type.get(t) and not lines.isdisjoint(by_type[t][0].lines):
                by_type[t].pop(0)
            if by_type.get(t) and len(chosen) < limit:
                q = by_type[t].pop(0)
                chosen.append(q)
                lines.update(q.lines)
    return chosen


class Capped(NamedTuple):
    """A topic's questions as its cap leaves them, and whether they are all it has (nothing left unmade)."""

    questions: list[Question]
    complete: bool


def build_quizzes(study, limit: int = MAX_PER_TOPIC, workers: int = AUTO) -> dict[str, tuple[Question, ...]]:
    """Questions per topic slug, in notes order; only questions that pass every quality rule."""
    with no_cycle_collection():
        scope = build_scope(study)
        made = map_items(lambda topic: capped(topic, scope, limit), study.topics, workers)
        return select(study.topics, made, limit, lambda topic: candidates(topic, scope))


def candidates(topic, scope) -> list[Question]:
    """Every question the generators make from one topic that passes the quality rules, in their order."""
    return [q for gen in GENERATORS for q in gen.questions(topic, scope) if not problems(q, scope.facts)]


def capped(topic, scope, limit: int = MAX_PER_TOPIC) -> Capped:
    """What the cap keeps of the topic's candidates (each id once, as ``select`` asks it), made lazily.

    The cap takes each type in turn, so it never reads past the first ``limit`` questions of a type,
    and on a long topic far fewer: each type's questions are made only as the turns ask for them.
    A large topic can have hundreds of candidates for its 25 places.
    """
    facts = scope.facts
    streams = [iter(gen.questions(topic, scope)) for gen in GENERATORS]
    source = {qtype: streams[i] for i, gen in enumerate(GENERATORS) for qtype in gen.TYPES}
    waiting: dict[str, deque[Question]] = {qtype: deque() for qtype in TYPES}
    ended: set = set()  # the streams made to the end
    ids: set[str] = set()  # a question made twice in one topic is asked once

    def next_of(qtype: str) -> Question | None:
        stream = source.get(qtype)
        if stream is None:
            return None  # a type no generator makes (yet)
        while not waiting[qtype]:
            if stream in ended:
                return None
            q = next(stream, None)
            if q is None:
                ended.add(stream)
            elif q.id not in ids and not problems(q, facts):
                ids.add(q.id)
                waiting[q.type].append(q)  # a stream of two types keeps the other's for its turn
        return waiting[qtype].popleft()

    chosen: list[Question] = []
    lines: set[tuple[str, int]] = set()  # one question per notes line on a page: a second would give it away
    more = True
    while more and len(chosen) < limit:
        more = False
        for qtype in TYPES:
            if len(chosen) >= limit:
                break
            q = next_of(qtype)
            while q is not None and not lines.isdisjoint(q.lines):
                q = next_of(qtype)
            if q is not None:
                chosen.append(q)
                lines.update(q.lines)
                more = True
    complete = len(ended) == len(streams) and not any(waiting.values())
    return Capped(chosen, complete)


def select(topics, made: list[Capped], limit: int = MAX_PER_TOPIC, remake=None) -> dict[str, tuple[Question, ...]]:
    """Each topic's questions (``made`` by ``capped``, in topic order): one question per id across the
    study, asked by the first topic that has it; at most ``limit`` per topic, each type in turn; in
    notes order.

    A topic whose capped questions include one an earlier topic asks takes the next of its own
    instead: ``remake(topic)`` makes all of its candidates again (rare: the same line in two topics).
    """
    out: dict[str, tuple[Question, ...]] = {}
    seen: set[str] = set()
    for topic, (questions, complete) in zip(topics, made, strict=True):
        chosen = [q for q in questions if q.id not in seen]
        if len(chosen) < len(questions) and not complete:
            if remake is None:
                raise ValueError("select needs remake for a topic whose capped questions were asked before")
            chosen = _cap(_unasked(remake(topic), seen), limit)
        seen.update(q.id for q in chosen)
        chosen.sort(key=lambda q: (q.file, q.line, TYPES.index(q.type)))
        if chosen:
            out[topic.slug] = tuple(chosen)
    return out


def _unasked(questions: list[Question], seen: set[str]) -> list[Question]:
    """The questions whose id is not in ``seen``, each id once (its first question)."""
    out, ids = [], set(seen)
    for q in questions:
        if q.id not in ids:
            ids.add(q.id)
            out.append(q)
    return out


def summary(quizzes: dict[str, tuple[Question, ...]]) -> tuple[int, int, Counter]:
    """(questions, topics with questions, count per type)."""
    types = Counter(q.type for qs in quizzes.values() for q in qs)
    return sum(types.values()), len(quizzes), types
