"""Value questions: a line with a value and its unit, the value blanked out.

Wrong options are of the same kind of unit and written in the answer's unit
where that gives a whole number (never 0.5 minutes against 30 seconds):
other values the notes give, and near misses (double, half, ten times).
Options are listed in increasing order, as numbers usually are.
"""

from __future__ import annotations

from ..model import Topic
from .facts import BLANK, cloze
from .model import Question, make_question
from .places import context, places
from .quantities import Quantity, display, find_quantities, in_unit
from .scope import Scope, anchor
from .text import norm, seeded, tidy, words

MAX_PER_LINE = 2
WRONG = 3
MIN_WORDS = 2  # words around the gap, so the question says what it asks
NEAR = (2, 0.5, 10, 0.1, 5, 4, 0.25)


def _near(q: Quantity) -> list[tuple[float, float]]:
    """Near misses as (lo, hi) in base units; a range keeps its lower bound."""
    out = []
    for f in NEAR:
        if q.is_range:
            hi = q.hi * f
            if hi > q.lo:
                out.append((q.lo, hi))
        else:
            out.append((q.lo * f, q.lo * f))
    return out


def _render(q: Quantity, lo: float, hi: float) -> str | None:
    a, b = in_unit(q, lo), in_unit(q, hi)
    if a is None or b is None:
        return None
    if q.kind == "percent" and b > 100:
        return None
    return display(q, lo, hi)


def _from_pool(q: Quantity, other: Quantity) -> str | None:
    if other.is_range != q.is_range:
        return None
    return _render(q, other.lo, other.hi) or display(other)


def questions(topic: Topic, scope: Scope) -> list[Question]:
    out: list[Question] = []
    for place in places(topic):
        node = place.node
        if node.kind not in ("item", "step", "text") or "\n" in node.text.strip():
            continue
        text = tidy(node.text)
        found = find_quantities(text)
        if not found or len(found) > MAX_PER_LINE:
            continue
        for q in found:
            gap = cloze(text, q.start, q.end)
            if len([w for w in words(gap.replace(BLANK, " ")) if w.isalpha()]) < MIN_WORDS:
                continue
            made = _question(topic, scope, place, text, q, gap)
            if made:
                out.append(made)
    return out


def _question(topic, scope, place, text, q, gap) -> Question | None:
    answer = display(q)
    true_keys = scope.facts.values.get(norm(gap), set())
    rnd = seeded(gap, answer)
    pool = [o for o in scope.values.get(q.kind, []) if o.key not in true_keys and o.key != q.key]
    rnd.shuffle(pool)
    candidates: list[tuple[tuple, str]] = []
    for other in pool[:2]:
        shown = _from_pool(q, other)
        if shown:
            candidates.append((other.key, shown))
    for lo, hi in _near(q):
        shown = _render(q, lo, hi)
        if shown:
            candidates.append(((q.kind, round(lo, 6), round(hi, 6)), shown))
    wrong: list[tuple[tuple, str]] = []
    seen_keys, seen_text = {q.key, *true_keys}, {norm(answer)}
    for key, shown in candidates:
        if key in seen_keys or norm(shown) in seen_text:
            continue
        seen_keys.add(key)
        seen_text.add(norm(shown))
        wrong.append(((key[1], key[2]), shown))
        if len(wrong) == WRONG:
            break
    if len(wrong) < 2:
        return None
    ranked = sorted([((q.lo, q.hi), answer), *wrong], key=lambda pair: pair[0])
    options = tuple(shown for _, shown in ranked)
    stem = f"Fill the gap: “{gap}”"
    return make_question(
        type="value",
        topic=topic.slug,
        context=context(place),
        stem=stem,
        options=options,
        answers=(options.index(answer),),
        explanation=text,
        node=place.node,
        anchor=anchor(place.node),
        subject=gap,
    )
