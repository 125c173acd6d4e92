"""Choose-N questions from enumerations: which N of these are listed under a heading.

All-or-nothing, N stated. Wrong options are entries of lists on other
topics of the same category, of a similar length, never an entry the
notes list under a heading of the same name.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Topic
from .model import Question, last_line, make_question
from .scope import Scope, anchor, sibling_group
from .text import contains, in_seeded_order, norm, seeded, shuffled

MIN_ITEMS = 2
MAX_ITEMS = 8
MAX_RIGHT = 3
WRONG = 2
STATEMENT_WORDS = 4


TYPES = ("choose",)  # the question types made here


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    asked: set[tuple[str, tuple[str, ...]]] = set()
    lines = scope.lines
    for place in lines.parents(topic):  # a list has entries
        heading = lines.label(place.node)
        if not heading or not lines.list_heading(place.node) or "." in heading:
            continue
        items = lines.list_items(place.node)
        if not items:
            continue
        if (heading, tuple(items)) in asked:
            continue  # the same list pasted twice asks the same question
        asked.add((heading, tuple(items)))
        children = [c for c in place.node.children if c.kind != "code"]  # the entries, as list_items reads them
        listed = {norm(i) for i in items}
        rnd = seeded("choose", heading, *items)
        n = min(len(items), MAX_RIGHT)
        right = rnd.sample(items, n) if len(items) > n else list(items)
        right.sort(key=items.index)
        width = sum(len(i.split()) for i in items) / len(items)

        def fits(entry, listed=listed, width=width, heading=heading, topic=topic):
            return (
                norm(entry[0]) not in listed
                and not (entry[2] == topic.slug and norm(entry[1]) in listed)  # nested under an answer
                and abs(len(entry[0].split()) - width) <= 1.5
                and not scope.facts.stated_true("choose", heading, entry[0])
                and not contains(heading, entry[0])
            )

        # Wrong options of the same kind only (scope.tiers): a wrong option of another kind is found
        # out without knowing the list. Tiers are read in turn until enough options are found.
        unique: dict[str, str] = {}
        for tier in scope.tiers(topic.slug, heading, sibling_group(place)):
            for entry in in_seeded_order(tier, heading, *items):
                if fits(entry):
                    unique.setdefault(norm(entry[0]), entry[0])
                    if len(unique) >= WRONG:
                        break
            if len(unique) >= WRONG:
                break
        wrong = list(unique.values())[:WRONG]
        if len(wrong) < WRONG:
            continue
        options = shuffled(right + wrong, "options", heading, *items)
        stem = f"Which {n} of these do your notes list under “{heading}”? Choose {n}."
        yield make_question(
            type="choose",
            topic=topic.slug,
            context=lines.context(place),
            stem=stem,
            options=tuple(options),
            answers=tuple(sorted(options.index(r) for r in right)),
            explanation=f"{heading}: " + "; ".join(items),
            node=place.node,
            anchor=anchor(place.node),
            subject=heading,
            end_line=last_line(place.node),
            tested=(place.node, *(c for c, i in zip(children, items, strict=True) if i in right)),
        )
