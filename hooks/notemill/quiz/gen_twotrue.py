"""Which-two-are-true questions: four statements from one topic's lines, two as the notes say them
and two made false (statements.py says how).

The four come from four different lines in notes order, no two saying much the
same thing (two terms with one definition would tell which is false).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Topic
from .model import Question, make_question
from .quality import alike
from .scope import Scope, anchor
from .statements import statements
from .text import seeded, shuffled

TYPES = ("twotrue",)  # the question types made here
SHOWN = 4
RIGHT = 2
MAX_PER_TOPIC = 3


def _groups(found):
    """Runs of four statements with a false version, in notes order, none alike another."""
    group: list = []
    for s in found:
        if s.false is None or (group and s.node.source.file != group[0].node.source.file):
            continue
        texts = [t for g in group for t in (g.true, g.false)]
        if any(alike(s.true, t) or alike(s.false, t) for t in texts):
            continue
        group.append(s)
        if len(group) == SHOWN:
            yield group
            group = []


def _led(s, text: str) -> str:
    return f"{s.lead} › {text}" if s.lead else text


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    made = 0
    for group in _groups(statements(topic, scope)):
        rnd = seeded("twotrue", *(s.true for s in group))
        true = set(rnd.sample(range(SHOWN), RIGHT))
        # Four lines from different places: each says what it is about.
        shown = [_led(s, s.true if i in true else s.false) for i, s in enumerate(group)]
        options = shuffled(shown, "twotrue-options", *shown)
        first = group[0]
        yield make_question(
            type="twotrue",
            topic=topic.slug,
            context=topic.title,  # four lines from different places: the topic is what they share
            stem="Which two of these statements are true, according to your notes? Choose 2.",
            options=tuple(options),
            answers=tuple(sorted(options.index(shown[i]) for i in true)),
            explanation="\n".join(_led(s, s.true) for s in group),
            node=first.node,
            anchor=anchor(first.node),
            subject="\n".join(shown),
            checks=tuple(s.check for i, s in enumerate(group) if i not in true),
            also=tuple(s.node.source.line for s in group[1:]),
        )
        made += 1
        if made == MAX_PER_TOPIC:
            return
