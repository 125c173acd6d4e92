"""Value questions: a line with a value and its unit, the value blanked out.

Wrong options are of the same kind of unit and written in the answer's unit
where that gives a whole number (never 0.5 minutes against 30 seconds):
other values the notes give, and near misses (double, half, ten times).
Options are listed in increasing order, as numbers usually are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import islice

from ..model import Topic
from .facts import cloze
from .model import Question, make_question
from .quantities import Quantity, display, find_quantities, in_unit, natural
from .scope import Scope, anchor
from .text import in_seeded_order, norm, tidy

MAX_PER_LINE = 2
WRONG = 3
MIN_WORDS = 2  # words around the gap, so the question says what it asks
NEAR = (2, 0.5)
FAR = (10, 0.1, 4, 0.25)
# Round numbers people write limits in, per kind of unit; a value's neighbours here are its nearest misses.
ROUND = {
    "size": (1, 2, 4, 8, 10, 16, 32, 64, 100, 128, 256, 500, 512, 1000, 1024),
    "time": (1, 2, 3, 5, 7, 10, 12, 14, 15, 20, 24, 30, 45, 48, 60, 90, 120, 180, 300, 365, 600, 900, 3600),
    "percent": (1, 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 95, 99, 100),
    "": (1, 2, 3, 5, 10, 15, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000),
}
MAX_RATIO = 64
# Words that make a value a threshold just before it: "less than 10 ms", "within 30 seconds", "> 500".
_THRESHOLD = re.compile(
    r"(?:\b(?:less|more|fewer|greater|smaller|larger|bigger|higher|lower|longer|shorter|other)\s+than"
    r"|\b(?:within|under|over|above|below|beyond|exceeds?|exceeding|exceeded)|[<>≤≥])\s*(?:about\s+|around\s+)?$",
    re.I,
)
_EXAMPLE = re.compile(r"\b(?:e\.g\b|eg\b|for example|for instance|such as)", re.I)


def _neighbours(value: float, kind: str) -> list[float]:
    series = ROUND.get(kind.split("/")[0], ROUND[""])
    below = [r for r in series if r < value]
    above = [r for r in series if r > value]
    return ([below[-1]] if below else []) + ([above[0]] if above else [])


def _near(q: Quantity) -> list[tuple[float, float]]:
    """Near misses as (lo, hi) in base units: double, half, the round numbers either side, then further.
    A range keeps its lower bound and misses on its upper one."""
    top = q.hi / q.factor
    scales = [f * top for f in NEAR] + _neighbours(top, q.kind) + [f * top for f in FAR]
    out = []
    for v in scales:
        hi = v * q.factor
        if q.is_range:
            if hi > q.lo:
                out.append((q.lo, hi))
        else:
            out.append((hi, hi))
    return out


def _render(q: Quantity, lo: float, hi: float) -> str | None:
    a, b = in_unit(q, lo), in_unit(q, hi)
    if a is None or b is None:
        return None
    if q.kind == "percent" and b > 100:
        return None
    return natural(q, lo, hi)


def _from_pool(q: Quantity, other: Quantity) -> str | None:
    if other.is_range != q.is_range:
        return None
    return _render(q, other.lo, other.hi) or display(other)


TYPES = ("value",)  # the question types made here


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    lines = scope.lines
    for place in lines.with_digits(topic):
        node = place.node
        if node.kind not in ("item", "step", "text") or "\n" in node.text.strip():
            continue
        if "\n" not in node.text:
            # One line: its tidy text and values are the first line's, already worked out.
            found = lines.quantities(node)
            if not found:
                continue  # most lines: no value, and no need to look further
            text = lines.first(node)
        else:  # one line between blank ends
            text = tidy(node.text)
            found = find_quantities(text)
        if _EXAMPLE.search(text):
            continue  # a value given as an example is not a fact to learn
        if not found or len(found) > MAX_PER_LINE:
            continue
        for q in found:
            if _THRESHOLD.search(text, 0, q.start):
                continue  # "less than ____": a wrong option on one side makes a true sentence too
            gap = cloze(text, q.start, q.end)
            # norm keeps no underscore, so the gap's words are those around the blank (and norm(gap) is
            # asked again for the question)
            if len([w for w in norm(gap).split() if w.isalpha()]) < MIN_WORDS:
                continue
            made = _question(topic, scope, place, text, q, gap)
            if made:
                yield made
                break  # one question per line: a second would show the first one's answer on the same page


def _candidates(q: Quantity, pool):
    """(key, shown, norm(shown)) wrong options in order of preference: two values from the notes, then
    near misses.

    Drawn lazily: a question stops reading once it has enough.
    """
    for other in islice(pool, 2):
        shown = _from_pool(q, other)
        if shown:
            yield other.key, shown, norm(shown)
    kind, unit, factor = q.kind, q.unit, q.factor
    for lo, hi in _misses(kind, q.lo, q.hi, factor):
        found = _miss(kind, lo, hi, unit, factor)
        if found:
            yield found


@lru_cache(maxsize=1 << 13)  # pure: the same values recur across the notes
def _misses(kind: str, lo: float, hi: float, factor: float) -> tuple[tuple[float, float], ...]:
    """_near of a value (which reads neither its place nor its unit)."""
    return tuple(_near(Quantity(0, 0, kind, lo, hi, "", factor)))


@lru_cache(maxsize=1 << 14)
def _miss(kind: str, lo: float, hi: float, unit: str, factor: float) -> tuple[tuple, str, str] | None:
    """(key, shown, norm(shown)) of a near miss (lo, hi) of a value written in ``unit``; None when it does
    not read well there."""
    shown = _render(Quantity(0, 0, kind, lo, hi, unit, factor), lo, hi)
    return ((kind, round(lo, 6), round(hi, 6)), shown, norm(shown)) if shown else None


@lru_cache(maxsize=1 << 13)
def _answer(kind: str, lo: float, hi: float, unit: str, factor: float) -> str:
    """display of a value (which reads neither its place nor whether it is a rate but through kind and unit)."""
    return natural(Quantity(0, 0, kind, lo, hi, unit, factor))


def _question(topic, scope, place, text, q, gap) -> Question | None:
    answer = _answer(q.kind, q.lo, q.hi, q.unit, q.factor)
    n_gap = norm(gap)
    true_keys = scope.true_values(n_gap)
    own = q.key
    # Other values of about the same size read as real alternatives; 16 MB against 4 KB does not.
    near = scope.values_near(q.kind, q.hi, MAX_RATIO) if q.lo > 0 else []
    pool = (o for o in in_seeded_order(near, gap, answer) if o.key not in true_keys and o.key != own)
    wrong: list[tuple[tuple, str]] = []
    seen_keys, seen_text = {own, *true_keys}, {norm(answer)}
    padded_gap = f" {n_gap} "
    for key, shown, n_shown in _candidates(q, pool):
        if key in seen_keys or n_shown in seen_text or (n_shown and f" {n_shown} " in padded_gap):
            continue  # a wrong option the sentence itself shows reads as a trick
        seen_keys.add(key)
        seen_text.add(n_shown)
        wrong.append(((key[1], key[2]), shown))
        if len(wrong) == WRONG:
            break
    if len(wrong) < 2:
        return None
    ranked = sorted([((q.lo, q.hi), answer), *wrong], key=lambda pair: pair[0])
    options = tuple(shown for _, shown in ranked)
    stem = f"Fill the gap, according to your notes: “{gap}”"
    return make_question(
        type="value",
        topic=topic.slug,
        context=scope.lines.context(place),
        stem=stem,
        options=options,
        answers=(options.index(answer),),
        explanation=text,
        node=place.node,
        anchor=anchor(place.node),
        subject=gap,
    )
