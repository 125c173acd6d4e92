"""Statements for true-or-false questions: a notes line as written, and the same line made false.

A line is made false in one of two ways, both from the line's own shape:
- a definition ("Term: definition" in a list of them) gets a sibling's
  definition instead, unless the notes say that of the term too, or the two
  definitions say much the same thing, or the sibling's definition names a
  term of the list (which would give it away);
- a value with its unit gets a near miss (double, half, ten times...) in the
  same unit, and only on the side that makes the sentence false: below the
  value after "up to", "less than", "within"...; above it after "at least",
  "more than"... ("up to 512 KB" is not false when the notes say 256 KB).
Each false statement carries the (type, subject, option) it was made from, so
the quality rules can check the notes do not state it as true after all.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .facts import cloze
from .quality import alike, names_itself
from .quantities import display, in_unit
from .text import contains, echoes, norm, seeded

MIN_WORDS = 3  # words of a statement besides its value
MAX_CHARS = 160
MIN_LIST = 3
MAX_LEAD = 40  # a definition is swapped only within a list of three or more
_EXAMPLE = re.compile(r"\b(?:e\.g\b|eg\b|for example|for instance|such as)", re.I)
# The sentence reads as a bound: a false value must fall on the side the bound excludes. Between the
# cue and the value may stand an arrow, a colon, "is" or "of".
_BETWEEN = r"(?:\s|:|=|→|->|=>|\bis\b|\bof\b)*$"
_UPPER = re.compile(
    r"(?:\bup to|\bmax(?:imum)?|\bat most|\bless than|\bfewer than|\bsmaller than|\blower than|\bshorter than|"
    r"\bunder|\bbelow|\bwithin|\blimit(?:ed)? to|\bcapped at|\bno more than|\bexceed|\buntil|\bbefore|"
    r"\bbetween|<=?|≤)" + _BETWEEN,
    re.I,
)
_LOWER = re.compile(
    r"(?:\bat least|\bmin(?:imum)?|\bmore than|\bgreater than|\blarger than|\bbigger than|\bhigher than|"
    r"\blonger than|\bover|\babove|\bafter|\bno less than|>=?|≥)" + _BETWEEN,
    re.I,
)
# "cannot ... more than 60 days" is an upper bound.
_NEGATION = re.compile(r"\b(?:cannot|can't|can not|not|never|no|mustn't|won't)\b", re.I)
_NUMBER = re.compile(r"(?<![A-Za-z0-9.,])\d")  # a number's first digit ("S3" holds none)
_SMALLER = (0.5, 0.1, 0.25)
_LARGER = (2, 10, 4)


class Statement(NamedTuple):
    node: object  # the notes line it comes from
    place: object
    true: str  # the line as the notes say it
    false: str | None  # the line made false, or None when no safe way was found
    check: tuple[str, str, str] | None  # (type, subject, option) the false one was made from
    lead: str = ""  # what a value line is about when read on its own: its parent's label ("Standard")


def statements(topic, scope) -> list[Statement]:
    """Every statement the topic's lines give, in notes order (each line once)."""
    found: dict[int, Statement] = {}
    for s in _definitions(topic, scope):
        found.setdefault(id(s.node), s)
    for s in _values(topic, scope):
        found.setdefault(id(s.node), s)
    return sorted(found.values(), key=lambda s: s.node.source.line)


def _definitions(topic, scope):
    lists: dict[int, list] = {}
    for place, term, definition in scope.lines.defined(topic):
        lists.setdefault(id(place.siblings), []).append((place, term, definition))
    for pairs in lists.values():
        terms = [norm(t) for _, t, _ in pairs]
        defs = [norm(d) for _, _, d in pairs]
        pairs = [p for p in pairs if terms.count(norm(p[1])) == 1 and defs.count(norm(p[2])) == 1]
        if len(pairs) < MIN_LIST:
            continue
        names = [t for _, t, _ in pairs]
        for place, term, definition in pairs:
            true = f"{term}: {definition}"
            if len(true) > MAX_CHARS or names_itself(definition, term, [n for n in names if n != term]):
                continue  # a definition that names its own term is true at a glance
            false, check = None, None
            others = [d for p, _, d in pairs if p is not place]
            for other in _seeded(others, "tf-def", term, definition):
                if (
                    scope.facts.stated_true("definition", term, other)
                    or alike(other, definition)
                    or any(contains(other, n) or echoes(other, n) for n in names)
                ):
                    continue
                false, check = f"{term}: {other}", ("definition", term, other)
                break
            yield Statement(place.node, place, true, false, check)


def _values(topic, scope):
    lines = scope.lines
    for place in lines.with_digits(topic):
        node = place.node
        if node.kind not in ("item", "step", "text") or "\n" in node.text.strip():
            continue
        found = lines.quantities(node)
        text = lines.first(node)
        if len(found) != 1 or len(_NUMBER.findall(text)) != 1 or _EXAMPLE.search(text) or len(text) > MAX_CHARS:
            continue  # two numbers in a line: one may give the other away, or bound it
        q = found[0]
        gap = cloze(text, q.start, q.end)
        if len([w for w in norm(gap).split() if w.isalpha()]) < MIN_WORDS or q.is_range:
            continue
        false, check = None, None
        for shown in _misses(q, text[: q.start], scope, gap):
            false = f"{text[: q.start]}{shown}{text[q.end :]}"
            check = ("value", gap, shown)
            break
        parent = place.parent
        lead = lines.label(parent) if parent is not None and parent.kind != "code" else ""
        yield Statement(node, place, text, false, check, lead if 0 < len(lead) <= MAX_LEAD else "")


def _misses(q, before: str, scope, gap: str):
    """Near misses of the value in its own unit, on the side its sentence makes false, seeded."""
    upper, lower = _UPPER.search(before), _LOWER.search(before)
    if (upper or lower) and _NEGATION.search(before):
        upper, lower = lower, upper
    if upper:
        factors = _SMALLER
    elif lower:
        factors = _LARGER
    else:
        factors = _SMALLER + _LARGER
    own = norm(display(q))
    for factor in _seeded(list(factors), "tf-value", gap):
        value = q.hi * factor
        if in_unit(q, value) is None or (q.kind == "percent" and value > 100):
            continue
        shown = display(q, value, value)
        if norm(shown) == own or scope.facts.stated_true("value", gap, shown):
            continue
        yield shown


def _seeded(items: list, *seed: str) -> list:
    out = list(items)
    seeded(*seed).shuffle(out)
    return out
