"""What the build reads off each notes line, worked out once per build.

Facts, scope and every generator look at the same lines the same ways (the
tidy first line, its label, its definition, its values); a memo keyed by the
node keeps that to one pass per line however many readers there are. It
lives in the build's scope, so nothing outlasts the build.
"""

from __future__ import annotations

from .definitions import definition_from, item_label_from, list_items, steps_of
from .places import context, places
from .quantities import find_quantities
from .text import has_digit, is_list_heading, norm, split_term, tidy

_MISSING = object()
# Each line is read once here, so the text helpers' own caches would only be filled, never hit.
_tidy, _norm = tidy.__wrapped__, norm.__wrapped__


class Lines:
    """Per-build memo of line shapes, keyed by node identity.

    The topics read here are kept, so the nodes (and their ids) stay alive as
    long as the memo does. The study-wide indexes read only the lines they
    need (index_lines); the rest is worked out when a generator asks, so in
    worker processes each topic's lines are read where its questions are made.
    """

    def __init__(self) -> None:
        self.guessed: frozenset[str] = frozenset()  # slugs of topics whose title is the build's guess
        self._topics: dict[int, tuple] = {}
        self._first: dict[int, str] = {}
        self._norm_first: dict[int, str] = {}
        self._split: dict[int, tuple[str, str] | None] = {}
        self._label: dict[int, str] = {}
        self._definition: dict[int, tuple[str, str] | None] = {}
        self._item_label: dict[int, str | None] = {}
        self._quantities: dict[int, list] = {}
        self._list_heading: dict[int, bool] = {}
        self._steps: dict[int, list[str] | None] = {}
        self._list_items: dict[int, list[str] | None] = {}
        self._kept: dict[str, dict] = {}

    def kept(self, kind: str) -> dict:
        """A memo for a shape other modules work out (node id -> what it is), one per ``kind``."""
        return self._kept.setdefault(kind, {})

    def _topic(self, topic) -> dict:
        """What is kept of one topic (its lines, and the lists made of them on first use)."""
        hit = self._topics.get(id(topic))
        if hit is None or hit[0] is not topic:
            hit = self._topics[id(topic)] = (topic, {})
        return hit[1]

    def nodes(self, topic) -> list:
        """Every line of the topic in notes order (the places' nodes, without walking places)."""
        kept = self._topic(topic)
        if "nodes" not in kept:
            found: list = []
            for named in topic.sections:
                _walk(named.section.nodes, found)
            kept["nodes"] = found
        return kept["nodes"]

    def index_lines(self, topic) -> tuple[list, list, list]:
        """(defining nodes, nodes with lines under them, nodes with a digit): the lines the
        study-wide indexes read, found in one pass; a defining node's term split and definition
        are worked out here."""
        kept = self._topic(topic)
        if "index" not in kept:
            splits, definitions = self._split, self._definition
            defining, parents, digits = [], [], []
            for node in self.nodes(topic):
                text = node.text
                if node.kind in ("item", "step"):
                    key = id(node)
                    split = splits.get(key, _MISSING)
                    if split is _MISSING:
                        split = splits[key] = split_term(text)
                    pair = definitions.get(key, _MISSING)
                    if pair is _MISSING:
                        pair = definitions[key] = definition_from(node, split) if split else None
                    if pair:
                        defining.append((node, *pair))
                if node.children:
                    parents.append(node)
                if has_digit(text):
                    digits.append(node)
            kept["index"] = (defining, parents, digits)
        return kept["index"]

    def places(self, topic) -> list:
        """Every line of the topic with where it sits (places.places), walked once."""
        kept = self._topic(topic)
        if "all" not in kept:
            kept["all"] = places(topic)
        return kept["all"]

    def parents(self, topic) -> list:
        """The places whose line has lines under it (lists, steps, headings of definitions)."""
        kept = self._topic(topic)
        if "parents" not in kept:
            kept["parents"] = [p for p in self.places(topic) if p.node.children]
        return kept["parents"]

    def with_digits(self, topic) -> list:
        """The places whose text has a digit: the only ones that can give a value."""
        kept = self._topic(topic)
        if "digits" not in kept:
            kept["digits"] = [p for p in self.places(topic) if has_digit(p.node.text)]
        return kept["digits"]

    def defined(self, topic) -> list:
        """(place, term, definition) for the lines that define a term."""
        kept = self._topic(topic)
        if "defined" not in kept:
            pairs = ((p, self.definition(p.node)) for p in self.places(topic))
            kept["defined"] = [(p, *pair) for p, pair in pairs if pair]
        return kept["defined"]

    def first(self, node) -> str:
        """The node's first line, tidied."""
        text = self._first.get(id(node))
        if text is None:
            text = self._first[id(node)] = _tidy(node.text.split("\n")[0])
        return text

    def norm_first(self, node) -> str:
        """norm of the node's tidy first line."""
        text = self._norm_first.get(id(node))
        if text is None:
            first = node.text.split("\n")[0]
            # What tidy removes norm drops too (spaces, end punctuation, arrows, brackets), except the
            # text after a dangling "(": only then does norm need the tidy line.
            text = _norm(first) if first.count("(") <= first.count(")") else _norm(self.first(node))
            self._norm_first[id(node)] = text
        return text

    def split(self, node) -> tuple[str, str] | None:
        """split_term of the node's whole text."""
        pair = self._split.get(id(node), _MISSING)
        if pair is _MISSING:
            pair = self._split[id(node)] = split_term(node.text)
        return pair

    def label(self, node) -> str:
        """places.label: the term of "Term: ..." or the first line; a one-line node's split is shared."""
        text = self._label.get(id(node))
        if text is None:
            first = node.text.split("\n")[0]
            split = self.split(node) if first == node.text else split_term(first)
            text = self._label[id(node)] = tidy(split[0]) if split else self.first(node)
        return text

    def definition(self, node) -> tuple[str, str] | None:
        pair = self._definition.get(id(node), _MISSING)
        if pair is _MISSING:
            ok = node.kind in ("item", "step")
            pair = self._definition[id(node)] = definition_from(node, self.split(node)) if ok else None
        return pair

    def item_label(self, node) -> str | None:
        text = self._item_label.get(id(node), _MISSING)
        if text is _MISSING:
            ok = node.kind in ("item", "step") and "\n" not in node.text
            text = self._item_label[id(node)] = item_label_from(node, self.split(node)) if ok else None
        return text

    def quantities(self, node) -> list | tuple:
        """The values in the node's tidy first line (one shared empty tuple for the many lines without)."""
        found = self._quantities.get(id(node))
        if found is None:
            found = self._quantities[id(node)] = find_quantities(self.first(node)) or ()
        return found

    def list_heading(self, node) -> bool:
        """Whether the node's label introduces kinds of something."""
        said = self._list_heading.get(id(node))
        if said is None:
            said = self._list_heading[id(node)] = is_list_heading(self.label(node))
        return said

    def steps(self, node) -> list[str] | None:
        found = self._steps.get(id(node), _MISSING)
        if found is _MISSING:
            found = self._steps[id(node)] = steps_of(node)
        return found

    def list_items(self, node) -> list[str] | None:
        found = self._list_items.get(id(node), _MISSING)
        if found is _MISSING:
            found = self._list_items[id(node)] = list_items(node, self.steps, self.item_label)
        return found

    def context(self, place) -> str:
        return context(place, label_of=self.label, guessed=place.topic.slug in self.guessed)


def _walk(nodes, found: list) -> None:
    # Not a closure calling itself: that is a reference cycle, kept until the next cycle collection.
    for node in nodes:
        found.append(node)
        if node.children:
            _walk(node.children, found)
