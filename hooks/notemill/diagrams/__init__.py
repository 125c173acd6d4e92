"""Diagrams found in the shape and wording of the notes, as data.

Each detector reads a topic's outline and returns ``Diagram``s: Mermaid
source (or, for a comparison, a table) plus the notes lines it came from.
The rules look only at structure and ordinary words ("in this order",
"states", "vs", arrows, numbered items), never at a subject's names, so they
apply to notes nobody has seen. Thresholds keep a diagram for what a picture
shows better than the list above it.
"""

from __future__ import annotations

from collections import Counter

from ..model import Node, Topic
from .comparison import comparison_diagrams
from .entries import Lines, section_places, subtree, topic_places
from .failover import BACKUP_WORDS, FAIL_WORDS, PRIMARY_WORDS, failover_diagram
from .flow import flow_diagrams
from .model import KINDS, Diagram, Table
from .overview import overview_diagram
from .sequence import MIN_STEPS, sequence_diagram
from .states import MIN_STATES, states_diagram

__all__ = ["KINDS", "Diagram", "Table", "count_by_kind", "find_diagrams"]


def _block_has(node: Node, ids: set[int]) -> bool:
    """Whether the entry or one of its sub-entries is among ``ids``."""
    return id(node) in ids or bool(node.children) and not ids.isdisjoint(map(id, node.children))


def find_diagrams(topic: Topic) -> tuple[Diagram, ...]:
    """Every diagram the topic's notes show, the overview first, then in notes order."""
    found: list[Diagram] = []
    taken: set[int] = set()  # a node drawn once, by the first rule that claims it
    places = topic_places(topic)
    every = section_places(topic) + places
    lines = Lines(every)
    # A failover needs a backup role, a primary role and a failure in its lines; few entries have all three.
    backups = lines.having(BACKUP_WORDS, fold=True)
    primaries, fails = ((lines.having(PRIMARY_WORDS, fold=True), lines.having(FAIL_WORDS, fold=True)) if backups
                        else (set(), set()))
    for place in every:
        node = place.node
        if id(node) in taken:
            continue
        # The first rule that draws an entry claims it. Most entries have too few sub-entries for
        # states or steps, and no backup word in their lines for a failover.
        d = None
        if len(place.items) >= min(MIN_STATES, MIN_STEPS):
            d = states_diagram(place) or sequence_diagram(place)
        if d is None and _block_has(node, backups) and _block_has(node, primaries) and _block_has(node, fails):
            d = failover_diagram(place)
        if d:
            found.append(d)
            # What the diagram drew: the entry and its listed sub-entries (a prose child stays free).
            taken.add(id(node))
            taken.update(map(id, subtree(place.items)))
    found += flow_diagrams(places, lines)
    found += comparison_diagrams(topic, places)
    order = {k: i for i, k in enumerate(KINDS)}
    found.sort(key=lambda d: (d.kind != "overview", d.file, d.first_line, order[d.kind]))
    overview = overview_diagram(topic)
    return ((overview,) if overview else ()) + tuple(found)


def count_by_kind(diagrams) -> dict[str, int]:
    """{kind: count} in KINDS order, kinds with none left out."""
    counts = Counter(d.kind for d in diagrams)
    return {k: counts[k] for k in KINDS if counts[k]}

