"""What the build reads off each notes line, worked out once per build.

Facts, scope and every generator look at the same lines the same ways (the
tidy first line, its label, its definition, its values); a memo keyed by the
node keeps that to one pass per line however many readers there are. It
lives in the build's scope, so nothing outlasts the build.
"""

from __future__ import annotations

from .definitions import definition_of, item_label, list_items, steps_of
from .places import context, label, places
from .quantities import find_quantities
from .text import is_list_heading, norm, tidy

_MISSING = object()


class Lines:
    """Per-build memo of line shapes, keyed by node identity.

    The places of every topic walked here are kept, so the nodes (and their
    ids) stay alive as long as the memo does.
    """

    def __init__(self) -> None:
        self._places: dict[int, tuple] = {}
        self._first: dict[int, str] = {}
        self._norm_first: dict[int, str] = {}
        self._label: dict[int, str] = {}
        self._definition: dict[int, tuple[str, str] | None] = {}
        self._item_label: dict[int, str | None] = {}
        self._quantities: dict[int, list] = {}
        self._list_heading: dict[int, bool] = {}
        self._steps: dict[int, list[str] | None] = {}
        self._list_items: dict[int, list[str] | None] = {}

    def places(self, topic) -> list:
        """Every line of the topic with where it sits (places.places), walked once."""
        hit = self._places.get(id(topic))
        if hit is None or hit[0] is not topic:
            hit = self._places[id(topic)] = (topic, list(places(topic)))
        return hit[1]

    def first(self, node) -> str:
        """The node's first line, tidied."""
        text = self._first.get(id(node))
        if text is None:
            text = self._first[id(node)] = tidy(node.text.split("\n")[0])
        return text

    def norm_first(self, node) -> str:
        text = self._norm_first.get(id(node))
        if text is None:
            text = self._norm_first[id(node)] = norm(self.first(node))
        return text

    def label(self, node) -> str:
        text = self._label.get(id(node))
        if text is None:
            text = self._label[id(node)] = label(node)
        return text

    def definition(self, node) -> tuple[str, str] | None:
        pair = self._definition.get(id(node), _MISSING)
        if pair is _MISSING:
            pair = self._definition[id(node)] = definition_of(node)
        return pair

    def item_label(self, node) -> str | None:
        text = self._item_label.get(id(node), _MISSING)
        if text is _MISSING:
            text = self._item_label[id(node)] = item_label(node)
        return text

    def quantities(self, node) -> list:
        """The values in the node's tidy first line."""
        found = self._quantities.get(id(node))
        if found is None:
            found = self._quantities[id(node)] = find_quantities(self.first(node))
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
