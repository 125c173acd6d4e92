"""What the notes state, indexed so a question can check that no wrong option is also true."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .lines import Lines
from .quantities import display, find_quantities
from .reads import Reads
from .text import SAME_CLAIM, norm, roots, same_claim, tidy

BLANK = "____"


def cloze(text: str, start: int, end: int) -> str:
    return tidy(text[:start] + BLANK + text[end:])


@lru_cache(maxsize=1 << 14)  # pure: the same few value options are checked for question after question
def option_quantity(option: str):
    """The quantity an option names ("400 KB", "25 items"), or None."""
    found = find_quantities(option) or find_quantities("up to " + option)
    return found[0] if len(found) == 1 else None


@dataclass
class Facts:
    """The study-wide indexes are built in one pass over the notes; what only some questions look up
    (the entries under a list heading, the lines of a topic) is read on first look-up, the same
    whichever question asks first."""

    read: Lines = field(default_factory=Lines, repr=False)  # the build's line memo
    definitions: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # term -> definitions
    values: dict[str, set] = field(default_factory=lambda: defaultdict(set))  # gap sentence -> values and texts
    slugs: dict[str, str] = field(default_factory=dict)  # topic title -> slug
    headed: dict[str, list] = field(default_factory=dict)  # list heading -> the nodes it heads
    topics: dict[str, list] = field(default_factory=dict)  # slug -> its topics
    _members: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _lines: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _roots: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)
    # Four-letter word stems in the names of many catalog entries ("amaz", "aws"): they point at no answer.
    common_roots: frozenset[str] = frozenset()
    reads: Reads | None = field(default=None, repr=False)  # where the look-ups of the topic being asked go

    def stated_true(self, qtype: str, subject: str, option: str) -> bool:
        """True when the notes state ``option`` as a right answer to a question about ``subject``."""
        found = self._stated(qtype, subject, option)
        if self.reads is not None:
            self.reads.note(_stated_true, (qtype, subject, option), found)
        return found

    def _stated(self, qtype: str, subject: str, option: str) -> bool:
        s, o = norm(subject), norm(option)
        if qtype == "term":
            return s in self.definitions.get(o, ())
        if qtype == "definition":
            return o in self.definitions.get(s, ())
        if qtype == "choose":
            return o in self.members(s)
        if qtype == "compare":
            # o is a heading over a line that reads s, or says as much in other words
            members = self.members(o)
            return s in members or any(same_claim(s, m) for m in members)
        if qtype == "value":
            q = option_quantity(option)
            known = self.values.get(s, ())
            return o in known or (q is not None and q.key in known)
        if qtype == "topic":
            slug = self.slugs.get(o)
            return slug is not None and any(self.claims(slug, part) for part in subject.split("\n"))
        return False

    def members(self, heading: str) -> set[str]:
        """The entries (normalised, as written and as named) listed under a heading of that name."""
        found = self._members.get(heading)
        if found is None:
            read, found = self.read, set()
            for node in self.headed.get(heading, ()):
                for child in node.children:
                    # The entry as written and as named (often the same text, normalised once).
                    text = read.first(child)
                    if text:
                        found.add(read.norm_first(child))
                    named = read.item_label(child)
                    if named:
                        found.add(read.norm_first(child) if named == text else norm(named))
            self._members[heading] = found
        return found

    def claims(self, slug: str, text: str) -> bool:
        """Whether a topic's notes hold the line ``text`` or one that says much the same (same_claim)."""
        if self.has_line(slug, norm(text)):
            return True
        by_root = self._roots.get(slug)
        if by_root is None:  # the topic's lines by word stem, so only lines sharing one are compared
            by_root = self._roots[slug] = {}
            for line in self._lines[slug]:
                for r in roots(line):
                    by_root.setdefault(r, []).append(line)
        # Only a line sharing enough stems can say the same: count the shared ones through the index.
        mine = roots(text)
        shared: dict[str, int] = {}
        for r in mine:
            for line in by_root.get(r, ()):
                shared[line] = shared.get(line, 0) + 1
        return any(n >= SAME_CLAIM * min(len(mine), len(roots(line))) and same_claim(text, line)
                   for line, n in shared.items())

    def has_line(self, slug: str, line: str) -> bool:
        """Whether a topic's notes hold a line that reads ``line`` (normalised)."""
        found = self._lines.get(slug)
        if found is None:  # a topic's lines, read on the first question that asks about it
            read = self.read
            found = self._lines[slug] = {read.norm_first(node) for topic in self.topics.get(slug, ())
                                         for node in read.nodes(topic)}
        return line in found


def _stated_true(scope, qtype: str, subject: str, option: str) -> bool:
    return scope.facts.stated_true(qtype, subject, option)


def build_facts(topics, lines: Lines | None = None) -> Facts:
    lines = lines or Lines()
    facts = Facts(lines)
    first, label = lines.first, lines.label
    for topic in topics:
        slug = topic.slug
        facts.slugs[norm(topic.title)] = slug
        facts.topics.setdefault(slug, []).append(topic)
        defining, parents, digits = lines.index_lines(topic)
        for _, term, definition in defining:
            facts.definitions[norm(term)].add(norm(definition))
        for node in parents:
            facts.headed.setdefault(norm(label(node)), []).append(node)
        for node in digits:
            for q in lines.quantities(node):
                text = first(node)
                gap = norm(cloze(text, q.start, q.end))
                facts.values[gap].add(q.key)
                facts.values[gap].add(norm(display(q)))
    return facts
