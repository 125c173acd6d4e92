"""The notes model: frozen dataclasses, each node keeping its file and line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Source:
    """Where something came from: a notes file and a 1-based line range."""

    file: str
    line: int
    end_line: int = 0

    @property
    def last(self) -> int:
        return self.end_line or self.line


@dataclass(frozen=True)
class Node:
    """One entry of a section's outline.

    ``kind`` is ``item`` (bullet), ``step`` (numbered item), ``text`` (a prose
    line or paragraph), ``code`` (a verbatim fragment) or ``subheading``.
    ``text`` is always plain text (what detectors, quizzes and search read).
    Markdown notes also set ``block`` (paragraph, item, table, row, cell, quote,
    callout, html, code, heading) and ``markup``: the node's own content as safe
    Markdown, made by ``notemill.markdown``; plain notes leave both empty. A
    Markdown table keeps its cells as plain text in ``cells``: the header on the
    table node, the whole row on each row or cell node (the quizzes read the grid).
    """

    kind: str
    text: str
    source: Source
    marker: str = ""
    children: tuple[Node, ...] = ()
    block: str = ""
    markup: str = ""
    cells: tuple[str, ...] = ()

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Heading:
    text: str
    source: Source
    style: str  # "plain", "markdown", "colon", or "file" (a Markdown note named by its file name)
    level: int = 0  # a Markdown heading's level


@dataclass(frozen=True)
class Section:
    """A run of notes under one heading, kept or lost."""

    file: str
    first_line: int  # first non-blank line: the heading when there is one
    last_line: int
    heading: Heading | None
    nodes: tuple[Node, ...]
    markdown: bool = False  # nodes carry safe Markdown (``Node.markup``) to render as written

    def walk(self):
        for node in self.nodes:
            yield from node.walk()

    @property
    def source(self) -> Source:
        return Source(self.file, self.first_line, self.last_line)


@dataclass(frozen=True)
class Title:
    """The name given to a section and how sure we are of it."""

    text: str
    inferred: bool
    confidence: float
    method: str  # "heading", "catalog", "term", "mapping"
    entry: str | None = None  # catalog entry name, when matched
    evidence: tuple[str, ...] = ()
    # What the title rests on: "heading", "mapping", or for a recovered one "named" (the section names the
    # entry), "keywords", "description" (catalog evidence alone) or "term" (the notes' own dominant term).
    basis: str = ""

    @property
    def firm(self) -> bool:
        """The title says what the section is about (not a guess): pages may be joined on it."""
        return self.basis in ("heading", "mapping", "named")


@dataclass(frozen=True)
class NamedSection:
    section: Section
    title: Title
    grab_bag: bool = False


@dataclass(frozen=True)
class SeeAlso:
    """A pointer from a topic page to a passage on another page."""

    target_slug: str
    target_title: str
    anchor: str
    text: str


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    category: str
    description: str
    sections: tuple[NamedSection, ...]
    see_also: tuple[SeeAlso, ...] = ()
    grab_bag: bool = False

    @property
    def inferred(self) -> bool:
        return all(s.title.inferred for s in self.sections)

    @property
    def confidence(self) -> float:
        return max(s.title.confidence for s in self.sections)

    @property
    def line_count(self) -> int:
        return sum(1 for s in self.sections for _ in s.section.walk())


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    topics: tuple[Topic, ...] = field(default=())
