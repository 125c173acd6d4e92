"""Put-in-order questions from numbered lists and lists said to be in order."""

from __future__ import annotations

import re

from ..model import Topic
from .model import Question, make_question
from .places import context, label, places
from .scope import Scope, anchor
from .text import norm, shuffled, tidy

MIN_STEPS = 3
MAX_STEPS = 8
MAX_STEP_CHARS = 140
MAX_HEADING_CHARS = 70
# A heading that says its list is a sequence (plain English, any subject).
_SEQUENCE = re.compile(
    r"\b(?:in (?:this|that|the following) order|order|sequence|steps?|process|lifecycle|stages?)\b", re.I
)


def steps_of(node) -> list[str] | None:
    children = [c for c in node.children if c.kind != "code"]
    numbered = len(children) >= MIN_STEPS and all(c.kind == "step" for c in children)
    said = (
        len(children) >= MIN_STEPS
        and all(c.kind in ("item", "step") for c in children)
        and _SEQUENCE.search(node.text.split("\n")[0] or "")
    )
    if not (numbered or said) or len(children) > MAX_STEPS:
        return None
    steps = [tidy(c.text.split("\n")[0]) for c in children]
    if any(not s or len(s) > MAX_STEP_CHARS for s in steps) or len({norm(s) for s in steps}) != len(steps):
        return None
    return steps


def questions(topic: Topic, scope: Scope) -> list[Question]:
    out: list[Question] = []
    for place in places(topic):
        steps = steps_of(place.node)
        if not steps:
            continue
        heading = label(place.node)
        options = shuffled(steps, "order", *steps)
        if options == steps:
            options = options[1:] + options[:1]
        stem = (
            f"Put these in the order your notes give for “{heading}”."
            if len(heading) <= MAX_HEADING_CHARS
            else f"Put these in the order your notes give for “{heading[:MAX_HEADING_CHARS].rsplit(' ', 1)[0]}…”."
        )
        out.append(
            make_question(
                type="order",
                topic=topic.slug,
                context=context(place),
                stem=stem,
                options=tuple(options),
                answers=tuple(options.index(s) for s in steps),
                explanation=f"{heading}: " + " → ".join(steps),
                node=place.node,
                anchor=anchor(place.node),
                subject=heading,
            )
        )
    return out
