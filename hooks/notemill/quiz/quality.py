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
    qtype, options, answers = q.type, q.options, q.answers
    answer_texts = q.answer_texts  # each read once: the rules below look at them several times
    if qtype not in TYPES:
        found.append(f"unknown type {qtype!r}")
    if q.id != question_id(qtype, q.topic, q.context, q.stem, answer_texts):
        found.append("id is not the hash of the question's content")
    keys = [norm(o) for o in options]
    if not all(keys):
        found.append("an option is empty")
    if len(set(keys)) != len(keys):
        found.append("duplicate options")
    n = len(options)
    most = MAX_ORDER if qtype == "order" else MAX_OPTIONS
    # Two things can be told apart when the notes compare them ("X vs Y"); else a guess is even odds.
    paired = qtype == "compare" or (qtype in ("term", "definition") and " vs " in f" {norm(q.context)} ")
    fewest = 2 if paired else MIN_OPTIONS
    if not fewest <= n <= most:
        found.append(f"{n} options")
    if any(not 0 <= i < n for i in answers):
        found.append("an answer is not one of the options")
    elif qtype in SINGLE and len(answers) != 1:
        found.append("a single-answer question needs exactly one answer")
    elif qtype == "order" and sorted(answers) != list(range(n)):
        found.append("the order does not use every option once")
    elif qtype == "order" and list(answers) == list(range(n)):
        found.append("the options are shown already in order")
    elif qtype == "choose" and not 1 < len(answers) < n:
        found.append("a choose-N question needs several right and at least one wrong option")
    if qtype != "order":
        # contains(shown, text) for each text, with the shown text normalised once
        shown = f" {norm(f'{q.context} {q.stem}')} "
        context = f" {norm(q.context)} "
        # A breadcrumb that names every option ("Standard vs FIFO") points at none of them.
        names_all = qtype != "value" and all(f" {norm(o)} " in context for o in options)
        for text in (*answer_texts, *q.giveaways):
            t = norm(text)
            if t and f" {t} " in shown and not (names_all and f" {t} " not in f" {norm(q.stem)} "):
                found.append(f"the stem gives the answer away ({text!r})")
        wrong_options = q.wrong_options
        subject = q.subject
        if qtype == "definition" and echoes(answer_texts[0], subject, wrong_options):
            found.append("the right option repeats the term asked about")
        if qtype == "term" and echoes(subject, answer_texts[0], wrong_options):
            found.append("the description repeats the term asked for")
        if qtype in ("term", "definition") and any(contains(w, subject) for w in wrong_options):
            found.append("a wrong option contains what is asked about")
        for wrong in wrong_options:
            if qtype == "value":
                t = norm(wrong)
                if t and f" {t} " in shown:
                    found.append(f"the stem shows the wrong option {wrong!r}")
            if facts.stated_true(qtype, subject, wrong):
                found.append(f"the notes state the wrong option {wrong!r} as true")
    if not q.explanation.strip():
        found.append("no explanation")
    if not _ANCHOR.match(q.anchor) or not q.file or q.line < 1:
        found.append("no link to the notes line")
    stem = q.stem
    if not stem.strip() or "\n" in stem:
        found.append("stem is empty or spans lines")
    return found
