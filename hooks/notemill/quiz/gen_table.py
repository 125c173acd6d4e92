"""Which-one questions from tables that compare things over attributes.

A Markdown table of three or more columns compares things. With a labelled
first column ("Option | Discount | Use when") each row is one thing and each
other column an attribute; with a blank corner ("| | SQS | SNS |") each
column is a thing and each row an attribute. A value that no other thing has
in its attribute tells that thing apart: "which of these has Discount = “up to
72%”?", the other things the wrong options. A value shared, empty, without a
letter ("99.9%", "✓", "-") or under an empty header asks nothing and is
skipped: it would teach a wrong thing or a guess. Two-column tables are
term/meaning pairs, asked by ``gen_terms``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Node, Topic
from .model import Question, make_question
from .scope import Scope, anchor
from .text import contains, in_seeded_order, names_answer, norm, same_claim

MIN_COLUMNS = 3  # a name and two attributes, or a blank corner and two things
MAX_OPTIONS = 4  # the answer and up to three other things
MAX_VALUE_CHARS = 120
MAX_NAME_CHARS = 50
_LETTER = re.compile(r"[^\W\d_]")  # a value or name with no letter is a number or a mark, not a fact


class _Grid:
    """A comparison table read off its nodes: things, attributes, each thing's value of each attribute
    and the node of the notes line that states it."""

    def __init__(self, table: Node) -> None:
        header = table.cells
        rows: dict[int, Node] = {}  # notes line -> a node of that row (all carry the whole row)
        for node in table.walk():
            if node.block in ("row", "cell") and node.cells:
                rows.setdefault(node.source.line, node)
        self.things: list[str] = []
        self.attributes: list[str] = []
        self.cell: dict[tuple[int, int], tuple[str, Node]] = {}  # (thing, attribute) -> (value, its line)
        ordered = [rows[n] for n in sorted(rows)]
        if header[0]:  # a labelled first column: a row per thing
            self.things = [r.cells[0] for r in ordered]
            self.attributes = list(header[1:])
            for i, r in enumerate(ordered):
                for k, value in enumerate(r.cells[1:len(header)]):
                    self.cell[(i, k)] = (value, r)
        else:  # a blank corner: a column per thing, a row per attribute
            self.things = list(header[1:])
            self.attributes = [r.cells[0] for r in ordered]
            for k, r in enumerate(ordered):
                for i, value in enumerate(r.cells[1:len(header)]):
                    self.cell[(i, k)] = (value, r)

    def usable(self) -> bool:
        """Things that can be options: each named, with a letter, short, and told apart by name."""
        names = [norm(t) for t in self.things]
        return (len(self.things) >= 2 and all(names) and len(set(names)) == len(names)
                and all(_LETTER.search(t) and len(t) <= MAX_NAME_CHARS for t in self.things))


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _distinct(value: str, others: list[str]) -> bool:
    """No other thing's value is the same, holds it, is held by it, or says much the same (values of
    different numbers, "30 days" / "180 days", are different however alike their words)."""
    return all(norm(value) != norm(o) and not contains(o, value) and not contains(value, o)
               and (_NUMBER.findall(value) != _NUMBER.findall(o) or not same_claim(value, o)) for o in others)


TYPES = ("compare",)  # the question types made here (the "Which one" kind)


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    lines = scope.lines
    for place in lines.places(topic):
        table = place.node
        if table.block != "table" or len(table.cells) < MIN_COLUMNS:
            continue
        grid = _Grid(table)
        if not grid.usable():
            continue
        context = lines.context(place)
        for k, attribute in enumerate(grid.attributes):
            if not _LETTER.search(attribute) or len(attribute) > MAX_NAME_CHARS:
                continue  # an empty or numbered header names nothing to ask about
            stated = {i: grid.cell[(i, k)] for i in range(len(grid.things)) if grid.cell.get((i, k), ("",))[0]}
            asked = False
            order = list(stated)
            if len(order) == 2:  # which of the two is asked about, by the notes' text: not always the first
                order = list(in_seeded_order(order, "table", attribute, *(v for v, _ in stated.values())))
            for i in order:
                value, row = stated[i]
                if asked and len(stated) == 2:
                    break  # of two things, a second question would mirror the first
                if not _LETTER.search(value) or len(value) > MAX_VALUE_CHARS:
                    continue
                if not _distinct(value, [v for j, (v, _) in stated.items() if j != i]):
                    continue  # another thing has it too: "which one" has no single answer
                name = grid.things[i]
                # Only things the table gives a value for are wrong options: of a blank cell nothing is known.
                others = [grid.things[j] for j in stated if j != i]
                if any(contains(value, t) for t in (name, *others)):
                    continue  # the value names an option
                others = list(in_seeded_order(others, "table", attribute, value))[: MAX_OPTIONS - 1]
                if names_answer(name, others, value):
                    continue  # a word of the answer's name that no other option has gives it away
                options = [t for t in grid.things if t == name or t in others]  # in the table's order
                asked = True
                yield make_question(
                    type="compare",
                    topic=topic.slug,
                    context=context,
                    stem=f"According to your notes, which of these has {attribute} = “{value}”?",
                    options=tuple(options),
                    answers=(options.index(name),),
                    explanation=f"{name} — {attribute}: {value}",
                    node=row,
                    anchor=anchor(row),
                    subject=value,
                    tested=(row,),
                )
