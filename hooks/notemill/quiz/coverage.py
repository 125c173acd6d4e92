"""Coverage: which fact lines of a topic the question bank tests, and why the others are not asked.

A **fact line** is a line of the notes that states something a question could
check (``is_fact_line``): a bullet, numbered step or prose line (not code, not
a sub-heading) that

* is not an aside: it does not start with "e.g." / "for example" / "i.e.", is
  not wholly in brackets and is not a question to oneself (ending in "?");
* has at least two words with letters, or is an entry of a list (a one-word
  entry such as "YAML" under "Can be edited using" is a fact about the list);
* when it has lines under it, states something of its own: "Term: statement"
  (two words or more after the colon), a value with its unit, or a sentence
  (six words or more, or starting like a statement: "Can ...", "If ...") that
  does not end with a colon. A label over its lines ("Key rotation", "State
  types:") is a heading, not a fact.

A fact line is **tested** when a question of the bank asks for what it says
(``Question.tested_lines``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .definitions import reads_as_remark
from .lines import Lines
from .text import split_term, words

MIN_WORDS = 2
SENTENCE_WORDS = 6
_ASIDE = re.compile(r"^(?:e\.?g\b|i\.?e\b|for (?:example|instance)\b)", re.I)
_FACT_KINDS = frozenset({"item", "step", "text"})


def is_fact_line(node, parent, lines: Lines) -> bool:
    """Whether ``node`` (under ``parent``, None at the top) is a fact line; see the module's docstring."""
    kept = lines.kept("fact")  # asked twice per line: by the recall cards and by coverage
    said = kept.get(id(node))
    if said is None:
        said = kept[id(node)] = _is_fact_line(node, parent, lines)
    return said


def _is_fact_line(node, parent, lines: Lines) -> bool:
    if node.kind not in _FACT_KINDS:
        return False
    first = lines.first(node)
    raw = node.text.split("\n")[0].strip()
    if not first or _ASIDE.match(first) or raw.endswith("?") or (raw.startswith("(") and raw.endswith(")")):
        return False
    lettered = [w for w in words(first) if any(c.isalpha() for c in w)]
    if not lettered:
        return False
    if node.children:
        if raw.endswith(":"):
            return False  # "State types:" names what follows
        split = split_term(raw)
        if split:
            return len(words(split[1])) >= MIN_WORDS
        return bool(lines.quantities(node)) or len(lettered) >= SENTENCE_WORDS or (
            len(lettered) >= MIN_WORDS + 1 and reads_as_remark(first))
    return len(lettered) >= MIN_WORDS or parent is not None


def fact_lines(topic, lines: Lines) -> list:
    """The places of the topic's fact lines, in notes order."""
    return [p for p in lines.places(topic) if is_fact_line(p.node, p.parent, lines)]


@dataclass(frozen=True)
class Untested:
    file: str
    line: int
    text: str
    reason: str  # the rule that kept it out of the bank, in words


@dataclass(frozen=True)
class TopicCoverage:
    fact_lines: int
    tested_lines: int
    untested: tuple[Untested, ...]


def topic_coverage(topic, lines: Lines, bank: tuple, made: list, rejected: list, owner_titles: dict) -> TopicCoverage:
    """The topic's fact lines against its bank questions.

    ``made`` are the topic's own candidates (some owned by an earlier topic, ``owner_titles``: id -> that
    topic's title), ``rejected`` the (question, problems) the quality rules dropped; both say why a line
    is not tested when they read it.
    """
    tested = {(q.file, n) for q in bank for n in q.tested_lines}
    why: dict[tuple[str, int], str] = {}
    for q in made:
        if q.id in owner_titles:
            for n in q.tested_lines:
                why.setdefault((q.file, n), f"the same {q.type} question is asked on “{owner_titles[q.id]}”")
    for q, found in rejected:
        for n in q.tested_lines:
            why.setdefault((q.file, n), f"a {q.type} question was dropped: {found[0]}")
    facts = fact_lines(topic, lines)
    untested = []
    count = 0
    for p in facts:
        key = (p.node.source.file, p.node.source.line)
        if key in tested:
            count += 1
            continue
        untested.append(Untested(key[0], key[1], lines.first(p.node), why.get(key) or shape_reason(p, lines)))
    return TopicCoverage(len(facts), count, tuple(untested))


def shape_reason(place, lines: Lines) -> str:
    """Why no generator reads a fact line, from its shape."""
    return f"{_shape(place, lines)}, and a recall card found no word worth hiding ({_RECALL_SKIPS})"


_RECALL_SKIPS = "only everyday words, or words the breadcrumb shows"


def _shape(place, lines: Lines) -> str:
    node = place.node
    if lines.quantities(node):
        return "value: no question fits (an example, a threshold, more than two values, or no wrong option of its unit)"
    if lines.definition(node):
        return "term/definition: its list has no other definition to offer as a wrong option"
    if place.parent is not None and lines.list_items(place.parent):
        return "list entry: its list is not asked (heading not a list of kinds, or no wrong options of its kind)"
    if node.children:
        return "a statement over a list: no rule asks it"
    return "no rule reads this shape (a statement without a defined term, a value or a list entry)"
