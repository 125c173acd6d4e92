"""What every generator may draw on: the whole study, its facts and pools of options."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..render import node_anchor
from .facts import Facts, build_facts
from .lines import Lines
from .places import titled
from .quantities import Quantity
from .reads import Reads
from .text import GENERIC_HEADS, head_word, short_roots


@dataclass
class Scope:
    study: object
    facts: Facts
    values: dict[str, dict[tuple, Quantity]] = field(default_factory=dict)  # kind -> distinct values in the notes
    # (entry, its list heading, topic slug, category, the heading's sibling group) for every entry of a
    # list of kinds; lists whose headings sit side by side under one line share a group
    entries: list[tuple[str, str, str, str, tuple]] = field(default_factory=list)
    _by_group: dict = field(default_factory=dict, repr=False)  # entries by the sibling group of their heading
    _sorted_values: dict = field(default_factory=dict, repr=False)
    cache: dict = field(default_factory=dict, repr=False)  # generators' per-build look-up tables
    _by_head: dict = field(default_factory=dict, repr=False)
    lines: Lines = field(default_factory=Lines, repr=False)  # what each line reads as, worked out once
    reads: Reads | None = field(default=None, repr=False)  # the study-wide look-ups of the topic being asked

    def read(self, fn, *args):
        """``fn(self, *args)``: a look-up of study-wide data (beyond the topic being asked), recorded in
        ``reads`` so that a rebuild can tell whether the topic's questions still hold (``quiz.reads``)."""
        result = fn(self, *args)
        if self.reads is not None:
            self.reads.note(fn, args, result)
        return result

    @contextmanager
    def recording(self, reads: Reads) -> Iterator[Reads]:
        """Record the look-ups made inside the block in ``reads``."""
        self.reads = self.facts.reads = reads
        try:
            yield reads
        finally:
            self.reads = self.facts.reads = None

    def true_values(self, gap: str) -> frozenset:
        """The values (keys and texts) the notes give for a sentence with a gap (normalised)."""
        return self.read(_true_values, gap)

    def places(self, topic) -> list:
        return self.lines.places(topic)

    def tiers(self, slug: str, heading: str, group: tuple) -> list[list[tuple]]:
        return self.read(_tiers, slug, heading, group)

    def _tiers(self, slug: str, heading: str, group: tuple) -> list[list[tuple]]:
        """Entries of the same kind as a list's, in order of preference as wrong options: the lists beside
        it (headings under the same line), then lists with the same head word ("Destinations") in the
        topic, then anywhere. A generic head word ("types", "modes") says nothing of the kind, so such a
        list takes wrong options only from the lists beside it.

        The look-up tables are built on first use.
        """
        if not self._by_head:
            for entry in self.entries:
                self._by_group.setdefault(entry[4], []).append(entry)
                self._by_head.setdefault(head_word(entry[1]), []).append(entry)
        beside = [e for e in self._by_group.get(group, []) if e[1] != heading]
        head = head_word(heading)
        if head in GENERIC_HEADS:
            return [beside]
        alike = [e for e in self._by_head.get(head, []) if e[1] != heading]
        return [beside, [e for e in alike if e[2] == slug], [e for e in alike if e[2] != slug]]

    def values_near(self, kind: str, hi: float, ratio: float) -> list[Quantity]:
        return self.read(_values_near, kind, hi, ratio)

    def _values_near(self, kind: str, hi: float, ratio: float) -> list[Quantity]:
        """Positive values of a kind within ``ratio`` of ``hi`` either way, in a fixed order.

        Values are kept sorted by size on first use, so a look-up costs a bisection, not a
        pass over every value in the notes.
        """
        if kind not in self._sorted_values:
            ranked = sorted((o for o in self.values.get(kind, {}).values() if o.lo > 0), key=lambda o: (o.hi, o.key))
            self._sorted_values[kind] = ([o.hi for o in ranked], ranked)
        his, ranked = self._sorted_values[kind]
        if hi <= 0:
            return []
        return ranked[bisect_left(his, hi / ratio) : bisect_right(his, hi * ratio)]


# Study-wide look-ups as ``Scope.read`` records them: a function of the scope and plain arguments.
def _tiers(scope: Scope, slug: str, heading: str, group: tuple) -> list[list[tuple]]:
    return scope._tiers(slug, heading, group)


def _values_near(scope: Scope, kind: str, hi: float, ratio: float) -> list[Quantity]:
    return scope._values_near(kind, hi, ratio)


def _true_values(scope: Scope, gap: str) -> frozenset:
    return frozenset(scope.facts.values.get(gap, ()))


anchor = node_anchor  # the HTML id of a notes line on its topic page


def build_scope(study) -> Scope:
    lines = Lines()
    lines.guessed = frozenset(t.slug for t in study.topics if not titled(t, study.catalog))
    scope = Scope(study, build_facts(study.topics, lines), lines=lines)
    scope.facts.common_roots = common_name_roots(study.catalog)
    for topic in study.topics:
        _, parents, digits = lines.index_lines(topic)
        for node in digits:
            for q in lines.quantities(node):
                scope.values.setdefault(q.kind, {}).setdefault(q.key, q)  # each distinct value once, as first written
        for place in lines.parents(topic):
            node = place.node
            heading = lines.label(node)
            items = lines.list_items(node) if heading and lines.list_heading(node) else None
            for text in items or ():
                scope.entries.append((text, heading, topic.slug, topic.category, sibling_group(place)))
    return scope


def sibling_group(place) -> tuple:
    """Where a line's list starts (file, line): lines side by side under one line share it."""
    first = place.siblings[0].source
    return (first.file, first.line)


COMMON_SHARE = 0.05  # a name word in more than this share of the catalog's entries tells nothing ("Amazon")


def common_name_roots(catalog) -> frozenset[str]:
    """Four-letter stems found in the names of many catalog entries (vendor and generic words)."""
    counts: dict[str, int] = {}
    for e in catalog.entries:
        for r in frozenset().union(*(short_roots(n) for n in e.names)):
            counts[r] = counts.get(r, 0) + 1
    return frozenset(r for r, n in counts.items() if n > COMMON_SHARE * len(catalog.entries))
