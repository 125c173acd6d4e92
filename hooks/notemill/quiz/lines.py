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

    The places of every topic walked here are kept, so the nodes (and their
    ids) stay alive as long as the memo does.
    """

    def __init__(self) -> None:
        self._places: dict[int, tuple] = {}
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

    def _walked(self, topic) -> dict:
        hit = self._places.get(id(topic))
        if hit is None or hit[0] is not topic:
            walked = list(places(topic))
            self._read(walked)
            hit = self._places[id(topic)] = (topic, {"all": walked})
        return hit[1]

    def _read(self, walked: list) -> None:
        """What every reader needs of every line, in one pass: its tidy first line (as is and
        normalised), its term split and its definition. The rest is worked out on first use."""
        firsts, norms, splits, definitions = self._first, self._norm_first, self._split, self._definition
        for place in walked:
            node = place.node
            key, text = id(node), node.text
            firsts[key] = first = _tidy(text.split("\n")[0])
            norms[key] = _norm(first)
            splits[key] = split = split_term(text)
            ok = split is not None and node.kind in ("item", "step")
            definitions[key] = definition_from(node, split) if ok else None

    def places(self, topic) -> list:
        """Every line of the topic with where it sits (places.places), walked once."""
        return self._walked(topic)["all"]

    def parents(self, topic) -> list:
        """The places whose line has lines under it (lists, steps, headings of definitions)."""
        walked = self._walked(topic)
        if "parents" not in walked:
            walked["parents"] = [p for p in walked["all"] if p.node.children]
        return walked["parents"]

    def with_digits(self, topic) -> list:
        """The places whose text has a digit: the only ones that can give a value."""
        walked = self._walked(topic)
        if "digits" not in walked:
            walked["digits"] = [p for p in walked["all"] if has_digit(p.node.text)]
        return walked["digits"]

    def defined(self, topic) -> list:
        """(place, term, definition) for the lines that define a term."""
        walked = self._walked(topic)
        if "defined" not in walked:
            pairs = ((p, self.definition(p.node)) for p in walked["all"])
            walked["defined"] = [(p, *pair) for p, pair in pairs if pair]
        return walked["defined"]

    def first(self, node) -> str:
        """The node's first line, tidied."""
        text = self._first.get(id(node))
        if text is None:
            text = self._first[id(node)] = _tidy(node.text.split("\n")[0])
        return text

    def norm_first(self, node) -> str:
        text = self._norm_first.get(id(node))
        if text is None:
            text = self._norm_first[id(node)] = _norm(self.first(node))
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
        return context(place, label_of=self.label)
