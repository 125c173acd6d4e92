"""Merge named sections into topics, group them by category, cross-link grab-bags."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from functools import lru_cache

from .catalog import GENERAL, Catalog
from .model import Category, NamedSection, Node, Section, SeeAlso, Title, Topic
from .terms import tokens

GRAB_BAG_TOPICS = 3  # a non-catalog section naming this many topics collects odds and ends
_PREFIX = re.compile(r"^(?:AWS|Amazon)\s+", re.I)


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", _PREFIX.sub("", text)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:60].rstrip("-") or "topic"


def node_anchor(node: Node) -> str:
    """A stable anchor for a notes line: the file's stem and the line number."""
    return f"{_file_anchor(node.source.file)}-L{node.source.line}"


@lru_cache(maxsize=256)  # a pure function of a file name; every line of a file asks it
def _file_anchor(file: str) -> str:
    return slugify(file.rsplit("/", 1)[-1].rsplit(".", 1)[0]) or "notes"


def _walk_depth(nodes: tuple[Node, ...], depth: int = 0, limit: int = 2):
    for node in nodes:
        yield node, depth
        if depth < limit:
            yield from _walk_depth(node.children, depth + 1, limit)


_ONLY_LINK = re.compile("^[\ue000\ue003][^\ue002]*\ue002$")  # a Markdown entry that is one link to another page


def _entries_named(node: Node, catalog: Catalog) -> list[str]:
    if node.markup and _ONLY_LINK.match(node.markup):
        return []  # a table of contents' line points at a topic; it says nothing about it
    return [str(v) for _, _, v in catalog.name_index.find(tokens(node.text))]


def topics_named(section: Section, catalog: Catalog) -> int:
    """How many catalog topics the section's first two levels name."""
    return len({e for node, _ in _walk_depth(section.nodes, limit=1) for e in _entries_named(node, catalog)})


def is_grab_bag(section: Section, title: Title, catalog: Catalog, named: int | None = None) -> bool:
    """A section no catalog entry names that itself names several topics: odds and ends (``named``: its
    ``topics_named``, when known)."""
    if title.entry:
        return False
    return (topics_named(section, catalog) if named is None else named) >= GRAB_BAG_TOPICS


def page_key(title: Title, section: Section) -> str:
    """Sections share a page when their titles say the same topic: a kept heading, a user title, or a recovered
    title the section itself names. A title inferred from keywords or a frequent term is a guess, and two
    guesses landing on one name are still two sections: each keeps its own page."""
    if title.firm:
        return title.entry or title.text.casefold()
    return f"{section.file}\0{section.first_line}"


def build_topics(named: list[NamedSection], catalog: Catalog) -> tuple[list[Category], list[Topic]]:
    """One topic per distinct title or catalog entry, in category then title order (sections come with
    their grab-bag flag: ``is_grab_bag``)."""
    groups: dict[str, list[NamedSection]] = defaultdict(list)
    order: list[str] = []
    for item in named:
        key = page_key(item.title, item.section)
        if key not in groups:
            order.append(key)
        groups[key].append(item)

    slugs: set[str] = set()
    drafts: list[dict] = []
    for key in order:
        members = groups[key]
        title = members[0].title
        entry = catalog.by_name.get(title.entry) if title.entry else None
        grab = any(m.grab_bag for m in members)
        slug = slugify(entry.short if entry else title.text)
        base, n = slug, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        slugs.add(slug)
        drafts.append(dict(
            slug=slug,
            title=entry.name if entry else title.text,
            category=entry.category if entry else GENERAL,
            description=entry.description if entry else "",
            sections=tuple(members),
            grab_bag=grab,
            entry=entry.name if entry else None,
        ))

    by_entry = {d["entry"]: d for d in drafts if d["entry"]}
    links: dict[str, list[SeeAlso]] = defaultdict(list)
    for draft in drafts:
        if not draft["grab_bag"]:
            continue
        for member in draft["sections"]:
            for node, _ in _walk_depth(member.section.nodes):
                for name in dict.fromkeys(_entries_named(node, catalog)):
                    target = by_entry.get(name)
                    if target is None or target is draft:
                        continue
                    link = SeeAlso(draft["slug"], draft["title"], node_anchor(node), node.text.split("\n")[0])
                    if link not in links[target["slug"]]:
                        links[target["slug"]].append(link)

    topics = [
        Topic(d["slug"], d["title"], d["category"], d["description"], d["sections"],
              tuple(links.get(d["slug"], ())), d["grab_bag"])
        for d in drafts
    ]
    rank = {cid: i for i, (cid, _) in enumerate(catalog.categories)}
    topics.sort(key=lambda t: (rank.get(t.category, len(rank)), _PREFIX.sub("", t.title).casefold(), t.slug))
    categories = []
    for cid, ctitle in catalog.categories:
        members = tuple(t for t in topics if t.category == cid)
        if members:
            categories.append(Category(cid, ctitle, members))
    return categories, topics
