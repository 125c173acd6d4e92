"""The quality rules every question must pass; a question that fails one is not asked."""

from __future__ import annotations

import re

from .facts import BLANK, Facts
from .model import SINGLE, TYPES, Question, question_id
from .text import _stems, contains, echoes, has_digit, norm, short_roots

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
    fewest, most = _option_range(qtype)
    if qtype in ("term", "definition") and " vs " not in f" {norm(q.context)} ":
        fewest = MIN_OPTIONS  # two things can be told apart when the notes compare them ("X vs Y"); else a guess
    if not fewest <= n <= most:
        found.append(f"{n} options")
    found.extend(_kind_problems(q, facts))
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
        names_all = (qtype not in ("value", "cloze", "truefalse", "recall")
                     and all(f" {norm(o)} " in context for o in options))
        # The answer of a true-or-false question is a word a statement may hold.
        told = () if qtype == "truefalse" else answer_texts
        for text in (*told, *q.accept, *q.giveaways):
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


def _option_range(qtype: str) -> tuple[int, int]:
    """How many options a question of a type may have."""
    if qtype == "order":
        return 3, MAX_ORDER
    if qtype in ("compare", "term", "definition"):
        return 2, MAX_OPTIONS  # two alike things can be told apart
    ranges = {"cloze": (1, 1), "recall": (1, 1), "truefalse": (2, 2), "match": (MIN_MATCH, MAX_MATCH)}
    return ranges.get(qtype, (MIN_OPTIONS, MAX_OPTIONS))


MIN_MATCH = 3
MAX_MATCH = 5
ALIKE = 0.5  # share of content-word stems two texts have in common to say much the same thing


def alike(a: str, b: str) -> bool:
    """True when two texts say much the same thing: half the content-word stems of the shorter are in the
    other ("Fully managed serverless" / "fully serverless"). A false statement made by swapping one for the
    other could be true."""
    sa, sb = _stems(a) - {""}, _stems(b) - {""}
    if not sa or not sb:
        return norm(a) == norm(b)
    return len(sa & sb) / min(len(sa), len(sb)) >= ALIKE


def _kind_problems(q: Question, facts: Facts) -> list[str]:
    """The rules of the typed-answer, true-or-false, matching and which-two kinds."""
    found = []
    if q.type == "cloze" and (not q.accept or norm(q.accept[0]) != norm(q.options[0])):
        found.append("a typed answer needs its accepted forms, the answer first")
    elif (q.type == "cloze" and not has_digit(q.options[0])) or q.type == "recall":
        # "____: Allow to clone ..." for "Cloning", "Console or ____ (AWS Certificate Manager)" for "ACM": a
        # word of the answer, in any form, left in the sentence gives it away.
        told = frozenset().union(*(short_roots(a) for a in (q.accept or q.options))) - facts.common_roots
        if told & short_roots(q.stem.replace(BLANK, " ")):
            found.append("the sentence holds a word of the typed answer")
    if q.type == "truefalse" and tuple(q.options) != ("True", "False"):
        found.append("a true-or-false question has the options True and False")
    if q.type == "twotrue" and len(q.answers) != 2:
        found.append("a which-two-are-true question needs two right statements")
    if q.type == "match":
        if len(q.prompts) != len(q.options) or sorted(q.answers) != list(range(len(q.options))):
            found.append("a matching question pairs each term with one description")
        elif list(q.answers) == list(range(len(q.options))):
            found.append("the descriptions are shown in the terms' order")
        else:
            for term, i in zip(q.prompts, q.answers, strict=True):
                if names_itself(q.options[i], term, [p for p in q.prompts if p != term]):
                    found.append(f"the description of {term!r} names it")
    for check in q.checks:
        if facts.stated_true(*check):
            found.append(f"the false statement is stated as true ({check[2]!r})")
    return found


def names_itself(definition: str, term: str, others) -> bool:
    """True when a definition repeats its term, or a word of it no other term has ("Amazon Translate":
    "Translate duh"), so it matches its term at a glance."""
    if echoes(definition, term, others):
        return True
    theirs = {w for o in others for w in norm(o).split()}
    own = {w for w in norm(term).split() if len(w) >= 3 and w not in theirs}
    return bool(own & set(norm(definition).split()))
