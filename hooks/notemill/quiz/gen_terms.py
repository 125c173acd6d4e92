"""Term and definition questions from "Term: definition" lists, both ways.

Wrong options are the other terms (or definitions) of the same list: a
list of three or more definitions is needed, so a lone definition asks
nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Topic
from .model import Question, make_question
from .quality import problems
from .scope import Scope, anchor
from .text import echoes, norm, seeded, shuffled, split_term

MIN_LIST = 2  # an "X vs Y" pair
MIN_OPTIONS = 3
MAX_OPTIONS = 4


def _lists(topic: Topic, lines):
    seen: dict[int, list] = {}
    for place, term, definition in lines.defined(topic):
        seen.setdefault(id(place.siblings), []).append((place, term, definition))
    return list(seen.values())


def _unique(pairs):
    """Drop terms (or definitions) written twice in one list: which one would be right?"""
    terms = [norm(t) for _, t, _ in pairs]
    defs = [norm(d) for _, _, d in pairs]
    return [p for p in pairs if terms.count(norm(p[1])) == 1 and defs.count(norm(p[2])) == 1]


def _closest(candidates: list[str], target: str, n: int, *seed: str) -> list[str]:
    """Up to n options nearest in length to the answer, so form does not give it away."""
    def gap(c: str) -> int:
        return abs(len(c) - len(target))

    # The shuffle only orders options as near as each other; when none are, it changes nothing.
    if len({gap(c) for c in candidates}) < len(candidates):
        candidates = shuffled(candidates, *seed)
    return sorted(candidates, key=gap)[:n]


TYPES = ("term", "definition")  # the question types made here


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    last: Question | None = None  # the question made before, for the mirror check
    for pairs in _lists(topic, scope.lines):
        pairs = _unique(pairs)
        parent = pairs[0][0].parent if pairs else None
        if pairs and pairs[0][0].node.block == "cell":
            continue  # the cells of a table comparing things: gen_table asks them, naming the column
        paired = parent is not None and " vs " in f" {norm(scope.lines.label(parent))} "
        if len(pairs) < (MIN_LIST if paired else MIN_OPTIONS):
            continue  # two things tell each other apart only when the notes set them against each other
        # Two things, one question: the second would mirror the first.
        mirror = len(pairs) == 2
        for place, term, definition in pairs:
            if mirror and last and last.explanation in {f"{t}: {d}" for _, t, d in pairs}:
                break
            others = [(t, d) for p, t, d in pairs if p is not place]
            echo = echoes(definition, term, [t for t, _ in others])
            ask_term = seeded(term, definition).random() < 0.6
            ctx = scope.lines.context(place)
            explanation = f"{term}: {definition}"
            made = None
            for direction in ("term", "definition") if ask_term else ("definition", "term"):
                if direction == "term" and not echo:
                    wrong = [
                        t
                        for t, _ in others
                        if not scope.facts.stated_true("term", definition, t) and not echoes(t, definition)
                    ]
                    wrong = _closest(wrong, term, MAX_OPTIONS - 1, term)
                    stem = f"According to your notes, which term matches this description: “{definition}”?"
                    made = _choice("term", topic, ctx, stem, term, wrong, explanation, place, definition)
                elif direction == "definition" and not echo:
                    wrong = [d for _, d in others if not scope.facts.stated_true("definition", term, d)]
                    wrong = _closest(wrong, definition, MAX_OPTIONS - 1, definition)
                    stem = f"According to your notes, which description matches “{term}”?"
                    made = _choice("definition", topic, ctx, stem, definition, wrong, explanation, place, term)
                if made and not (mirror and problems(made, scope.facts)):
                    yield made
                    last = made
                    break


def _defining(node) -> tuple:
    """The lines that say what a term is: its own, and the one line under a bare "Term:"."""
    split = split_term(node.text)
    return (node, node.children[0]) if split and not split[1] and len(node.children) == 1 else (node,)


def _choice(qtype, topic, ctx, stem, answer, wrong, explanation, place, subject) -> Question | None:
    if len(wrong) < MIN_LIST - 1:
        return None
    options = shuffled([answer, *wrong], qtype, answer, stem)
    return make_question(
        type=qtype,
        topic=topic.slug,
        context=ctx,
        stem=stem,
        options=tuple(options),
        answers=(options.index(answer),),
        explanation=explanation,
        node=place.node,
        anchor=anchor(place.node),
        subject=subject,
        tested=_defining(place.node),
    )
