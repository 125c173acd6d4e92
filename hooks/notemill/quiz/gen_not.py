"""Which-is-NOT questions: three entries of a list of kinds and one outsider of the same kind.

The outsider is an entry of another list of kinds in the same topic (the
notes list it, but elsewhere: "Single Instance" among the "Update options"),
else of a list on another topic whose heading names the same, specific kind
("... events"; never "types", "modes", "options": any list has those). It is
never an entry the notes list under a heading of this name, never one that
says much the same as an entry, never an entry of a list nested under this
one's entries or holding this list. No fitting outsider: no question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Topic
from ..terms import tokens
from .model import Question, make_question
from .quality import alike
from .scope import Scope, anchor
from .text import LIST_WORDS, contains, norm, seeded, shuffled, words

MIN_ITEMS = 3
SHOWN = 3  # entries of the list shown with the outsider


def _shape(scope, entry: str) -> str:
    """What kind of word an entry is, as far as its form tells: a catalog name ("RedShift"), a code name
    ("distinctInstance", "SSE-KMS") or plain words ("Rolling with additional batch"). An outsider of
    another shape than the list's entries gives itself away."""
    found = scope.study.catalog.name_index.find(tokens(entry))
    if found and sum(count for _, count, _ in found) == len(tokens(entry)):
        return "catalog"
    if " " not in entry.strip() and _CODE.search(entry):
        return "code"
    return "words"


_CODE = re.compile(r"[a-z][A-Z]|[A-Z]{2}|[_\-]\w|\d")


def _below(node, found: set) -> set:
    """The ids of every line under ``node`` (a module function: a closure calling itself is a cycle)."""
    for child in node.children:
        found.add(id(child))
        _below(child, found)
    return found


def _head(heading: str) -> str:
    """The kind a heading names: its last word, singular ("Consumers" -> "consumer")."""
    w = words(heading)
    last = w[-1] if w else ""
    return last[:-1] if len(last) > 3 and last.endswith("s") and not last.endswith("ss") else last


def _lists(topic: Topic, lines):
    """(place, heading, entries) of each list of kinds in the topic."""
    for place in lines.parents(topic):
        heading = lines.label(place.node)
        if not heading or not lines.list_heading(place.node) or "." in heading:
            continue
        items = lines.list_items(place.node)
        if items:
            yield place, heading, items


TYPES = ("not",)  # the question types made here


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    lines = scope.lines
    own = list(_lists(topic, lines))
    asked: set[tuple[str, ...]] = set()
    for place, heading, items in own:
        if len(items) < MIN_ITEMS or tuple(items) in asked:
            continue
        asked.add(tuple(items))
        outsider = _outsider(topic, scope, place, heading, items, own)
        if outsider is None:
            continue
        shown = seeded("not", heading, *items).sample(items, SHOWN) if len(items) > SHOWN else list(items)
        shown.sort(key=items.index)
        options = shuffled([*shown, outsider[0]], "not-options", heading, *items)
        yield make_question(
            type="not",
            topic=topic.slug,
            context=lines.context(place),
            stem=f"Which of these is NOT listed under “{heading}” in your notes?",
            options=tuple(options),
            answers=(options.index(outsider[0]),),
            explanation=f"{heading}: " + "; ".join(items) + f"\n{outsider[1]}: … {outsider[0]} …",
            node=place.node,
            anchor=anchor(place.node),
            subject=heading,
            checks=(("choose", heading, outsider[0]),),
        )


def _far_entries(scope, slug: str, kind: str) -> list[tuple[str, str]]:
    """(heading, entry) of every list of that kind ("Destinations") in the other topics."""
    return [(e[1], e[0]) for e in scope.entries if e[2] != slug and _head(e[1]) == kind]


def _outsider(topic, scope, place, heading, items, own) -> tuple[str, str] | None:
    """(entry, its heading) of the same kind from elsewhere, or None."""
    listed = {norm(i) for i in items}
    width = sum(len(i.split()) for i in items) / len(items)
    above = {id(n) for n in place.ancestors}
    under = _below(place.node, set())

    shapes = [_shape(scope, i) for i in items]
    shape = max(set(shapes), key=shapes.count)

    def fits(entry: str) -> bool:
        return (
            norm(entry) not in listed
            and _shape(scope, entry) == shape
            and abs(len(entry.split()) - width) <= 1.5
            and not contains(heading, entry)
            and not any(alike(entry, i) for i in items)
            and not scope.facts.stated_true("choose", heading, entry)
        )

    # Lists of the same topic that neither hold this one nor sit under its entries.
    near = [(h, e) for p, h, es in own
            if p is not place and id(p.node) not in above and id(p.node) not in under
            and norm(h) not in listed and norm(heading) not in {norm(x) for x in es} for e in es]
    kind = _head(heading)
    far = []
    if kind and kind not in LIST_WORDS and not kind.isdigit():
        far = scope.read(_far_entries, topic.slug, kind)
    for tier in (near, far):
        for h, entry in shuffled(tier, "not-outsider", heading, *items):
            if fits(entry):
                return entry, h
    return None
