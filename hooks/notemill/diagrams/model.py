"""What a diagram is: Mermaid source or a table, and the notes lines it came from."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("overview", "sequence", "states", "flow", "failover", "comparison")


@dataclass(frozen=True)
class Table:
    """A side-by-side comparison: one column per option, rows of points.

    Each row is (aspect, cells); a row with a single cell spans every column
    (a point the options share).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]


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

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}–{self.last_line}"
