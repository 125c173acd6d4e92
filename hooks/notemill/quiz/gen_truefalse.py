"""True-or-false questions: a notes line as written, or made false (statements.py says how).

Whether a line is asked true or false is seeded by its text, so about half
are each; a line with no safe false version is asked true only when the
seed says so, never made false some other way.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Topic
from .model import Question, make_question
from .scope import Scope, anchor
from .statements import statements
from .text import seeded

TYPES = ("truefalse",)  # the question types made here
OPTIONS = ("True", "False")
SHARE_FALSE = 0.5


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    for s in statements(topic, scope):
        ask_false = seeded("truefalse", s.true).random() < SHARE_FALSE
        if ask_false and s.false is None:
            continue
        shown = s.false if ask_false else s.true
        yield make_question(
            type="truefalse",
            topic=topic.slug,
            context=scope.lines.context(s.place),
            stem=f"According to your notes, is this true? “{shown}”",
            options=OPTIONS,
            answers=(1 if ask_false else 0,),
            explanation=s.true,
            node=s.node,
            anchor=anchor(s.node),
            subject=shown,
            checks=(s.check,) if ask_false else (),
        )
