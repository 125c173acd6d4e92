"""Put-in-order questions from numbered lists and lists said to be in order."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Topic
from .model import Question, last_line, make_question
from .scope import Scope, anchor
from .text import shuffled

TYPES = ("order",)  # the question types made here


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    lines = scope.lines
    for place in lines.parents(topic):
        steps = lines.steps(place.node)
        if not steps:
            continue
        # A list whose line names nothing (a table numbered "#") is named by the line or topic it is under.
        heading = lines.label(place.node) or (lines.label(place.parent) if place.parent else topic.title)
        options = shuffled(steps, "order", *steps)
        if options == steps:
            options = options[1:] + options[:1]
        stem = f"Put these in the order your notes give for “{heading}”."  # whole: a cut heading reads wrong
        yield make_question(
            type="order",
            topic=topic.slug,
            context=lines.context(place),
            stem=stem,
            options=tuple(options),
            answers=tuple(options.index(s) for s in steps),
            explanation=f"{heading}: " + " → ".join(steps),
            node=place.node,
            anchor=anchor(place.node),
            subject=heading,
            end_line=last_line(place.node),
            tested=(place.node, *(c for c in place.node.children if c.kind != "code")),
        )
