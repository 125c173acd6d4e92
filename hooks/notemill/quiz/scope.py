"""What every generator may draw on: the whole study, its facts and pools of options."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..render import node_anchor
from .facts import Facts, build_facts
from .places import places
from .quantities import Quantity, find_quantities
from .text import tidy


@dataclass
class Scope:
    study: object
    facts: Facts
    values: dict[str, list[Quantity]] = field(default_factory=dict)  # kind -> every value in the notes
    entries: list[tuple[str, str, str]] = field(default_factory=list)  # (list entry, topic slug, category)

    def category_of(self, slug: str) -> str:
        return next((t.category for t in self.study.topics if t.slug == slug), "")


def anchor(node) -> str:
    return node_anchor(node)


def build_scope(study) -> Scope:
    from .definitions import item_label

    scope = Scope(study, build_facts(study.topics))
    for topic in study.topics:
        for place in places(topic):
            for q in find_quantities(tidy(place.node.text.split("\n")[0])):
                scope.values.setdefault(q.kind, []).append(q)
            if place.node.children:
                for child in place.node.children:
                    text = item_label(child)
                    if text:
                        scope.entries.append((text, topic.slug, topic.category))
    return scope
