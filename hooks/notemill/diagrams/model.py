"""What a diagram is: Mermaid source, a table or a tree, and the notes lines it came from."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("overview", "sequence", "states", "flow", "failover", "comparison")


@dataclass(frozen=True)
class Table:
    """A side-by-side comparison: one column per option, rows of points.

    Each row is (aspect, cells); a row with a single cell spans every column
    (a point the options share).
    """

    columns: tuple[str, ...]  # none: a table of row headers and their cells, without a header row
    rows: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    corner: str = ""  # the header above the row headers ("State")


@dataclass(frozen=True)
class Branch:
    """One part of a topic in its overview: the entry's name, the first of its sub-entries, how many more."""

    name: str
    anchor: str  # the HTML id of the entry's notes line
    leaves: tuple[str, ...]
    more: int


@dataclass(frozen=True)
class Tree:
    """A topic's overview as a left-to-right tree: its title, its parts, and how many parts are left out.
    Drawn as HTML, not Mermaid: every name whole, at the page's text size, wrapping on a phone."""

    root: str
    branches: tuple[Branch, ...]
    more: int


@dataclass(frozen=True)
class Diagram:
    kind: str  # one of KINDS
    caption: str
    mermaid: str  # Mermaid source; empty for a table
    file: str
    first_line: int
    last_line: int
    anchor: str  # the HTML id of the first notes line it came from (render.node_anchor)
    table: Table | None = None
    tree: Tree | None = None

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}–{self.last_line}"
