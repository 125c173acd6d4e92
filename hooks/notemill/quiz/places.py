"""Where each notes line sits: its topic, its ancestors and its sibling list."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Node, Topic
from .text import split_term, tidy

CONTEXT_LEVELS = 2
CONTEXT_CHARS = 60


class Place(NamedTuple):
    node: Node
    ancestors: tuple[Node, ...]  # outermost first
    siblings: tuple[Node, ...]  # the list the node is in, itself included
    topic: Topic

    @property
    def parent(self) -> Node | None:
        return self.ancestors[-1] if self.ancestors else None


def places(topic: Topic) -> list[Place]:
    """Every line of a topic's notes with where it sits, in notes order."""
    out: list[Place] = []
    for named in topic.sections:
        _walk(named.section.nodes, (), topic, out)
    return out


def _walk(nodes, ancestors, topic, out: list[Place]) -> None:
    # Not a closure calling itself: that is a reference cycle, kept until the next cycle collection.
    for node in nodes:
        out.append(Place(node, ancestors, nodes, topic))
        if node.children:
            _walk(node.children, (*ancestors, node), topic, out)


def label(node: Node) -> str:
    """A short name for a line: its term when it reads "Term: ...", else the line itself; a table's is its
    first header cell ("Option", "Policy type"), not its whole header row."""
    if node.block == "table":
        return table_label(node)
    text = node.text.split("\n")[0]
    split = split_term(text)
    return tidy(split[0] if split else text)


def table_label(node: Node) -> str:
    """A table's first header cell when it names something ("Option"); "#" or a blank corner names nothing."""
    first = node.cells[0] if node.cells else ""
    return first if any(c.isalpha() for c in first) else ""


CONFIDENT = 0.7  # heading-recovery confidence needed to show (or quiz a reader on) a recovered name


def titled(topic, catalog) -> bool:
    """Whether the topic's name is one a reader knows: a heading of the notes, the titles file, or a
    confident catalog match; else it is the build's guess."""
    if any(s.title.method in ("heading", "mapping") for s in topic.sections):
        return True
    return topic.title in catalog.by_name and topic.confidence >= CONFIDENT


def context(place: Place, levels: int = CONTEXT_LEVELS, label_of=label, guessed: bool = False) -> str:
    """Topic › nearest ancestors, the breadcrumb shown above a question; a ``guessed`` topic name is left
    out (the breadcrumb starts at the list heading)."""
    parts = [] if guessed else [place.topic.title]
    for node in place.ancestors[-levels:]:
        if node.kind == "code":
            continue
        text = label_of(node)
        if text and len(text) <= CONTEXT_CHARS:
            parts.append(text)
    return " › ".join(parts)
