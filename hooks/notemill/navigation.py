"""The site's navigation as data: categories, and within a large category groups of at most ``GROUP`` entries.

Every page carries the open branch of the navigation (Material's ``navigation.prune``): the categories, and
the entries of its own category. With a flat list per category a page grows with its category, and the
site with the square of the topics. Split into groups of at most ``GROUP`` (and groups of groups, when there
are more than ``GROUP`` groups), a page carries at most ``GROUP`` entries per level of a tree whose depth
grows with the logarithm of the topics.
"""

from __future__ import annotations

from dataclasses import dataclass

GROUP = 12  # entries per level: a category with this many topics or fewer is listed as it is


@dataclass(frozen=True)
class NavLink:
    title: str
    path: str  # the page's source path, e.g. "topics/s3.md"


@dataclass(frozen=True)
class NavGroup:
    title: str
    children: tuple  # of NavLink or NavGroup


def _first(item) -> str:
    return item.title if isinstance(item, NavLink) else _first(item.children[0])


def _last(item) -> str:
    return item.title if isinstance(item, NavLink) else _last(item.children[-1])


def grouped(items: list, size: int = GROUP) -> tuple:
    """``items`` as they are when there are at most ``size``; else in consecutive groups of at most
    ``size``, named after their first and last topic, grouped again until one level holds at most ``size``."""
    items = list(items)
    while len(items) > size:
        count = -(-len(items) // size)  # groups needed
        per = -(-len(items) // count)  # spread evenly: no group of one at the end
        items = [NavGroup(f"{_first(chunk[0])} – {_last(chunk[-1])}", tuple(chunk))
                 for chunk in (items[i:i + per] for i in range(0, len(items), per))]
    return tuple(items)


def site_navigation(categories, size: int = GROUP) -> tuple[NavGroup, ...]:
    """One group per category (in the study's order), its topics in their order, grouped when too many."""
    return tuple(NavGroup(c.title, grouped([NavLink(t.title, f"topics/{t.slug}.md") for t in c.topics], size))
                 for c in categories)
