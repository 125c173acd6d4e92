"""The question model: what the build asks, the answer, and where the notes say so."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

# Question types, in the order they are reported and take their turns on a page. The kinds asking about
# several lines (match, twotrue, not) come before those asking about one of them: a page asks one
# question per notes line.
TYPES = ("match", "twotrue", "term", "definition", "value", "order", "not", "choose", "compare", "topic",
         "cloze", "truefalse", "recall")
TYPE_LABELS = {
    "term": "Which term",
    "definition": "Which definition",
    "value": "Which value",
    "order": "Put in order",
    "choose": "Choose several",
    "compare": "Which one",
    "topic": "Which topic",
    "cloze": "Type the answer",
    "not": "Which is NOT",
    "truefalse": "True or false",
    "match": "Match",
    "twotrue": "Which two are true",
    "recall": "Recall",
}
SINGLE = frozenset({"term", "definition", "value", "compare", "topic", "cloze", "not", "truefalse", "recall"})
# Kinds the student grades themselves (a recall card): no score, so the mock exam leaves them out.
SELF_GRADED = frozenset({"recall"})


@dataclass(frozen=True)
class Question:
    """One self-check question.

    ``answers`` are indexes into ``options``: the one right option, the right
    options of a choose-N question, or for ``order`` the options in the right
    sequence. ``subject`` is what the question asks about (a term, a gap
    sentence, a list heading, a statement); the quality rules look it up in
    the notes to make sure no wrong option is also stated as true.
    """

    id: str
    type: str
    topic: str
    context: str
    stem: str
    options: tuple[str, ...]
    answers: tuple[int, ...]
    explanation: str
    file: str
    line: int
    anchor: str
    subject: str
    giveaways: tuple[str, ...] = ()  # besides the answers, texts the stem must not contain
    # Kind-specific parts (empty for the other kinds):
    accept: tuple[str, ...] = ()  # cloze: every typed form counted right (the answer first)
    prompts: tuple[str, ...] = ()  # match: the terms; answers[i] is the option (definition) of prompts[i]
    # (type, subject, option) a false statement was made from: the notes must not state it as true
    # (facts.stated_true), or the "false" statement is a true one.
    checks: tuple[tuple[str, str, str], ...] = ()
    also: tuple[int, ...] = ()  # other lines of the same file the question is about (twotrue, match)
    end_line: int = 0  # the last notes line the question reads (a list question reads its entries too)
    tested: tuple[int, ...] = ()  # the lines (of ``file``) whose fact the question asks for; () for ``lines``

    @property
    def lines(self) -> tuple[tuple[str, int], ...]:
        """(file, line) of every notes line the question asks about: a page asks about each once."""
        return tuple((self.file, n) for n in (self.line, *self.also))

    @property
    def tested_lines(self) -> tuple[int, ...]:
        """The notes lines this question tests, for coverage."""
        return self.tested or (self.line, *self.also)

    @property
    def last_line(self) -> int:
        return max(self.end_line, self.line, *self.also)

    @property
    def answer_texts(self) -> tuple[str, ...]:
        return tuple(self.options[i] for i in self.answers)

    @property
    def wrong_options(self) -> tuple[str, ...]:
        right = set(self.answers)
        return tuple(o for i, o in enumerate(self.options) if i not in right)

    def extra_fields(self) -> dict:
        """Kind-specific fields for the question bank's record, besides the common ones."""
        return {**({"accept": list(self.accept)} if self.accept else {}),
                **({"prompts": list(self.prompts)} if self.prompts else {})}

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "type": self.type,
            "topic": self.topic,
            "context": self.context,
            "stem": self.stem,
            "options": list(self.options),
            "answers": list(self.answers),
            "explanation": self.explanation,
            "file": self.file,
            "line": self.line,
            "end_line": self.last_line,
            "anchor": self.anchor,
            **({"accept": list(self.accept)} if self.accept else {}),
            **({"prompts": list(self.prompts)} if self.prompts else {}),
        }


@lru_cache(maxsize=1 << 12)  # pure: the quality rules ask again for each question just made
def question_id(qtype: str, topic: str, context: str, stem: str, answers: tuple[str, ...]) -> str:
    """An id from what is asked and answered, not from position or distractors,
    so a learner's progress survives edits elsewhere in the notes."""
    key = "\x1f".join((qtype, topic, context, stem, *answers))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def make_question(
    *,
    type: str,
    topic: str,
    context: str,
    stem: str,
    options: tuple[str, ...],
    answers: tuple[int, ...],
    explanation: str,
    node,
    anchor: str,
    subject: str,
    giveaways: tuple[str, ...] = (),
    end_line: int = 0,
    tested=(),
    accept: tuple[str, ...] = (),
    prompts: tuple[str, ...] = (),
    checks: tuple[tuple[str, str, str], ...] = (),
    also: tuple[int, ...] = (),
) -> Question:
    return Question(
        id=question_id(type, topic, context, stem, tuple(options[i] for i in answers)),
        type=type,
        topic=topic,
        context=context,
        stem=stem,
        options=options,
        answers=answers,
        explanation=explanation,
        file=node.source.file,
        line=node.source.line,
        anchor=anchor,
        subject=subject,
        giveaways=giveaways,
        end_line=max(end_line, node.source.last),
        tested=tuple(sorted({n.source.line for n in tested})),
        accept=accept,
        prompts=prompts,
        checks=checks,
        also=also,
    )


def last_line(node) -> int:
    """The last notes line of a node and everything under it."""
    return max(n.source.last for n in node.walk())
