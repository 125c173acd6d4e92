"""Reading a topic's entries, shared by every kind of diagram: names, terms, comparable keys,
each entry's place in the outline, and the Diagram built from the entries it drew."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from .. import mermaid as mm
from ..model import Node, Topic
from ..restructure import node_anchor
from .model import Diagram, Table

MAX_POINTS = 8  # points per option cell
TERM_WORDS = 6  # "Term: definition" when the term has at most this many words

_TERM = re.compile(r"^([^:\n]{1,60}?)\s*:\s*(.*)$", re.S)
TRAILING = re.compile(r"[\s:↓↑→←]+$")
_PAREN = re.compile(r"\s*\([^)]*\)")
WORD = re.compile(r"[\w'-]+")
_TRAILING_CHARS = ":↓↑→←"
FUNCTION_WORDS = frozenset(
    "a an the and or but than then be is are was were to of for from by in on at as into with must can "
    "will should would could more less not no if".split())

# The detectors read the same entries many times over (as a place, as a sibling, as a child): what they
# derive from an entry's text is cached on the text.
cached = lru_cache(maxsize=1 << 16)


def trim(text: str) -> str:
    """``text`` without trailing whitespace, colons and arrows (``TRAILING``)."""
    if not text or not (text[-1].isspace() or text[-1] in _TRAILING_CHARS):
        return text  # the common case, without running the regex
    return TRAILING.sub("", text)


def first_line(text: str) -> str:
    return text.partition("\n")[0].strip()


def entry_line(node: Node) -> str:
    return first_line(node.text)


@cached
def term_of(text: str) -> tuple[str, str]:
    line = first_line(text)
    m = _TERM.match(line) if ":" in line else None
    if m and len(m.group(1).split()) <= TERM_WORDS:
        return m.group(1).strip(), m.group(2).strip()
    return trim(line), ""


def split_term(node: Node) -> tuple[str, str]:
    """("Term", "definition") for "Term: definition"; (whole text, "") otherwise."""
    return term_of(node.text)


@cached
def name_of(text: str) -> str:
    return term_of(text)[0] or first_line(text)


def entry_name(node: Node) -> str:
    if node.block == "table":  # a Markdown table's line is its header row: its first cell, if a name, names it
        first = node.cells[0] if node.cells else ""
        return name_of(first) if any(c.isalpha() for c in first) else ""
    return name_of(node.text)


def may_have(line: str, words: tuple[str, ...]) -> bool:
    """False when ``line`` surely has none of ``words``. A detector's case-blind pattern whose every match
    contains one of ``words`` needs no search on most lines: for an ASCII line (where such a pattern matches
    only ASCII case variants) plain substring tests tell, far cheaper than the search."""
    return not line.isascii() or any(map(line.lower().__contains__, words))


def sub_entries(node_children: tuple[Node, ...]) -> list[Node]:
    if not node_children:
        return []
    return [c for c in node_children if c.kind in ("item", "step")]


def last_line(node: Node) -> int:
    return max(n.source.last for n in subtree([node]))


def subtree(nodes: list[Node] | tuple[Node, ...]) -> list[Node]:
    """The nodes and everything under them, in no particular order (Node.walk's nested generators cost
    a step per level for every node)."""
    out = list(nodes)
    for node in out:  # grows as it goes
        out.extend(node.children)
    return out


def folded_words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@cached
def label_key(text: str) -> str:
    """A comparable form of a short label: no parentheses, case or plural."""
    if "(" in text:
        text = _PAREN.sub("", text)
    if text.isascii():
        # Lowering ASCII first finds the same words (casefolding some other letters can split a word).
        return " ".join([w[:-1] if len(w) > 3 and w[-1] == "s" and w[-2] != "s" else w
                         for w in WORD.findall(text.lower())])
    return " ".join([singular(w) for w in folded_words(text)])


def option_points(node: Node, limit: int = MAX_POINTS) -> tuple[str, ...]:
    """An option's sub-entries as short lines, grandchildren folded in."""
    out = []
    for child in node.children[:limit]:
        text = entry_line(child)
        below = "; ".join(entry_line(g) for g in child.children[:4])
        out.append(mm.shorten(f"{TRAILING.sub('', text)}: {below}" if below else text, 200))
    if len(node.children) > limit:
        out.append(f"(+{len(node.children) - limit} more in the notes)")
    return tuple(out)


class Place(NamedTuple):
    node: Node
    path: tuple[str, ...]  # names of the entries above it, outermost first
    siblings: tuple[Node, ...]  # the node's parent's children (itself included)
    index: int  # the node's position among its siblings
    items: list[Node] | tuple[()]  # the node's listed sub-entries (sub_entries), read by every detector


def make_place(node: Node, path: tuple[str, ...], siblings: tuple[Node, ...], index: int = 0) -> Place:
    return Place(node, path, siblings, index, sub_entries(node.children))


def topic_places(topic: Topic) -> list[Place]:
    """Every entry of the topic in notes order; walked once and shared by the detectors."""
    out: list[Place] = []
    for named in topic.sections:
        _walk_places(named.section.nodes, (topic.title,), out)
    return out


def _walk_places(nodes: tuple[Node, ...], path: tuple[str, ...], out: list[Place]) -> None:
    # A module function, not a closure calling itself: that would be a reference cycle keeping every
    # place alive until the next cycle collection (paused during a build).
    for i, node in enumerate(nodes):
        out.append(make_place(node, path, nodes, i))
        if node.children:
            _walk_places(node.children, path + (entry_name(node),), out)


class Lines:
    """The first lines of a topic's entries as one text. The few entries whose line has a given word are
    found with one search of the text per word, not a test per entry (most entries have none)."""

    def __init__(self, places: list[Place]):
        self.nodes = [p.node for p in places]
        self.lines = [first_line(n.text) for n in self.nodes]
        self.text = "\n".join(self.lines)
        self.starts = list(accumulate([len(line) + 1 for line in self.lines], initial=0))
        # Lowered for the case-blind searches; only ASCII, where lowering keeps every line where it was.
        self.lowered = self.text.lower() if self.text.isascii() else None

    def having(self, words: tuple[str, ...], fold: bool = False) -> set[int]:
        """ids of the entries whose line contains one of ``words`` (``fold``: may contain, as may_have tells)."""
        text = self.text
        if fold:
            if self.lowered is None:
                return {id(n) for n, line in zip(self.nodes, self.lines, strict=True) if may_have(line, words)}
            text = self.lowered
        found = set()
        for word in words:  # no word has a newline, so each hit is inside one line
            at = text.find(word)
            while at >= 0:
                k = bisect_right(self.starts, at) - 1
                found.add(id(self.nodes[k]))
                at = text.find(word, self.starts[k + 1])
        return found


def join_caption(*parts: str) -> str:
    parts = [mm.shorten(trim(p), 70) for p in parts if p and p.strip()]
    return " › ".join(dict.fromkeys(parts))


def make_diagram(kind: str, caption: str, source: list[str] | str, nodes: list[Node], table: Table | None = None):
    first = nodes[0]
    text = "\n".join(source) + "\n" if isinstance(source, list) else source
    return Diagram(kind, caption, text, first.source.file, first.source.line,
                   max(last_line(n) for n in nodes), node_anchor(first), table)



def section_places(topic: Topic) -> list[Place]:
    """Each section as one entry: its heading (a "Steps:" line at the margin) introduces its entries."""
    out = []
    for named in topic.sections:
        s = named.section
        if s.nodes:
            text = s.heading.text if s.heading else topic.title
            source = s.heading.source if s.heading else s.nodes[0].source
            root = Node("item", text, source, children=s.nodes)
            out.append(make_place(root, (topic.title,), (root,)))
    return out
