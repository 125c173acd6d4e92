"""The quality rules every question must pass; a question that fails one is not asked."""

from __future__ import annotations

import re

from .facts import Facts
from .model import SINGLE, TYPES, Question, question_id
from .text import contains, echoes, norm

_ANCHOR = re.compile(r"^[a-z0-9-]+-L\d+$")
MIN_OPTIONS = 3
MAX_OPTIONS = 6
MAX_ORDER = 8


def problems(q: Question, facts: Facts) -> list[str]:
    """Every rule the question breaks, in words; empty when it is fit to ask."""
    found = []
    if q.type not in TYPES:
        found.append(f"unknown type {q.type!r}")
    if q.id != question_id(q.type, q.topic, q.context, q.stem, q.answer_texts):
        found.append("id is not the hash of the question's content")
    keys = [norm(o) for o in q.options]
    if any(not k for k in keys):
        found.append("an option is empty")
    if len(set(keys)) != len(keys):
        found.append("duplicate options")
    most = MAX_ORDER if q.type == "order" else MAX_OPTIONS
    fewest = 2 if q.type in ("compare", "term", "definition") else MIN_OPTIONS  # two alike things can be told apart
    if not fewest <= len(q.options) <= most:
        found.append(f"{len(q.options)} options")
    if any(not 0 <= i < len(q.options) for i in q.answers):
        found.append("an answer is not one of the options")
    elif q.type in SINGLE and len(q.answers) != 1:
        found.append("a single-answer question needs exactly one answer")
    elif q.type == "order" and sorted(q.answers) != list(range(len(q.options))):
        found.append("the order does not use every option once")
    elif q.type == "order" and list(q.answers) == list(range(len(q.options))):
        found.append("the options are shown already in order")
    elif q.type == "choose" and not 1 < len(q.answers) < len(q.options):
        found.append("a choose-N question needs several right and at least one wrong option")
    shown = f"{q.context} {q.stem}"
    if q.type != "order":
        for text in (*q.answer_texts, *q.giveaways):
            if contains(shown, text):
                found.append(f"the stem gives the answer away ({text!r})")
        if q.type == "definition" and echoes(q.answer_texts[0], q.subject, q.wrong_options):
            found.append("the right option repeats the term asked about")
        if q.type == "term" and echoes(q.subject, q.answer_texts[0], q.wrong_options):
            found.append("the description repeats the term asked for")
        if q.type in ("term", "definition") and any(contains(w, q.subject) for w in q.wrong_options):
            found.append("a wrong option contains what is asked about")
        for wrong in q.wrong_options:
            if q.type == "value" and contains(shown, wrong):
                found.append(f"the stem shows the wrong option {wrong!r}")
            if facts.stated_true(q.type, q.subject, wrong):
                found.append(f"the notes state the wrong option {wrong!r} as true")
    if not q.explanation.strip():
        found.append("no explanation")
    if not _ANCHOR.match(q.anchor) or not q.file or q.line < 1:
        found.append("no link to the notes line")
    if not q.stem.strip() or "\n" in q.stem:
        found.append("stem is empty or spans lines")
    return found
