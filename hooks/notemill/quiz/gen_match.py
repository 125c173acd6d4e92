"""Matching questions: three to five terms of a "Term: definition" list, each to its definition.

The definitions are lettered in a seeded order (never the terms' order) and
each term gets a select of letters, so the question is one keyboard-operable
form. A definition that names its own term is left out (it matches itself at
a glance); a list longer than five is asked in parts of three to five.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Topic
from .model import Question, make_question
from .quality import MAX_MATCH, MIN_MATCH, names_itself
from .scope import Scope, anchor
from .text import norm, seeded

TYPES = ("match",)  # the question types made here


def _lists(topic: Topic, lines):
    found: dict[int, list] = {}
    for place, term, definition in lines.defined(topic):
        found.setdefault(id(place.siblings), []).append((place, term, definition))
    return list(found.values())


def _parts(pairs: list) -> list[list]:
    """The list in consecutive parts of MIN_MATCH..MAX_MATCH pairs (7 -> 4 + 3)."""
    n = len(pairs)
    if n < MIN_MATCH:
        return []
    count = -(-n // MAX_MATCH)
    size, extra = divmod(n, count)
    out, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        out.append(pairs[start:end])
        start = end
    return [p for p in out if len(p) >= MIN_MATCH]


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    lines = scope.lines
    for pairs in _lists(topic, lines):
        terms = [norm(t) for _, t, _ in pairs]
        defs = [norm(d) for _, _, d in pairs]
        names = [t for _, t, _ in pairs]
        pairs = [
            p for p in pairs
            if terms.count(norm(p[1])) == 1 and defs.count(norm(p[2])) == 1
            and not names_itself(p[2], p[1], [n for n in names if n != p[1]])
        ]
        for part in _parts(pairs):
            prompts = tuple(t for _, t, _ in part)
            definitions = [d for _, _, d in part]
            order = list(range(len(part)))
            seeded("match", *prompts).shuffle(order)
            if order == sorted(order):
                order = order[1:] + order[:1]  # never the terms' own order
            options = tuple(definitions[i] for i in order)
            place = part[0][0]
            parent = place.parent
            heading = lines.label(parent) if parent is not None else ""
            stem = (f"Match each term listed under “{heading}” to its description in your notes."
                    if heading else "Match each term to its description in your notes.")
            node = parent if parent is not None and parent.kind != "code" else place.node  # the list's line
            yield make_question(
                type="match",
                topic=topic.slug,
                context=lines.context(place),
                stem=stem,
                options=options,
                answers=tuple(order.index(i) for i in range(len(part))),
                explanation="\n".join(f"{t}: {d}" for _, t, d in part),
                node=node,
                anchor=anchor(node),
                subject=heading,
                prompts=prompts,
                also=tuple(p.node.source.line for p, _, _ in part if p.node is not node),
            )
