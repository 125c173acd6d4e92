"""Arrows in the notes ("A → B → C", runs of "term → result" lines), as a left-to-right flowchart."""

from __future__ import annotations

import re

from .. import mermaid as mm
from ..model import Node
from .entries import (
    FUNCTION_WORDS,
    Lines,
    Place,
    cached,
    first_line,
    folded_words,
    join_caption,
    label_key,
    make_diagram,
)
from .model import Diagram, Table

_ARROW = re.compile(r"\s*(?:→|⟶|➔|➜|⇒|=>|-+>)\s*")
_NUMERIC = re.compile(r"^[\d\s.,%/+-]*$")


ARROW_MARKS = (">", "→", "⟶", "➔", "➜", "⇒")  # every _ARROW has one of these
_ARROW_CHARS = re.compile("[" + "".join(ARROW_MARKS) + "]")
_ARROW_KINDS = frozenset(("item", "step", "text"))


@cached
def _arrows_of(text: str) -> tuple[str, ...]:
    line = first_line(text)
    if not _ARROW_CHARS.search(line):
        return ()
    parts = tuple(p.strip() for p in _ARROW.split(line))
    return parts if len(parts) > 1 and all(parts) else ()


def _arrow_parts(node: Node) -> tuple[str, ...]:
    return _arrows_of(node.text) if node.kind in _ARROW_KINDS else ()


@cached
def _term_like(side: str) -> bool:
    words = folded_words(side)
    return 0 < len(words) <= 5 and words[-1] not in FUNCTION_WORDS and not _NUMERIC.match(side)


def _flow_lines(edges: list[tuple[str, ...]]) -> list[str]:
    ids: dict[str, str] = {}
    out = ["flowchart LR"]
    for chain in edges:
        for part in chain:
            key = label_key(part) or part
            if key not in ids:
                ids[key] = f"n{len(ids) + 1}"
                out.append(f"  {ids[key]}[{mm.label(part, limit=mm.NO_LIMIT)}]")
        out += [f"  {ids[label_key(a) or a]} --> {ids[label_key(b) or b]}"
                for a, b in zip(chain, chain[1:], strict=False)]
    return out


def flow_diagrams(places: list[Place], lines: Lines) -> list[Diagram]:
    found = []
    seen: set[int] = set()
    arrowed = lines.having(ARROW_MARKS)
    for place in places:
        node = place.node
        if id(node) not in arrowed:
            continue
        parts = _arrow_parts(node)
        if not parts:
            continue
        if len(parts) >= 3 and not any(_NUMERIC.match(p) for p in parts):
            found.append(make_diagram("flow", join_caption(place.path[-1], " → ".join(parts)), _flow_lines([parts]),
                                  [node]))
            continue
        if id(node) in seen:
            continue
        # A run of sibling lines "A → B": a mapping worth drawing when two or more read as term → result.
        run = []
        for sib in place.siblings[place.index:]:
            sp = _arrow_parts(sib)
            if len(sp) != 2 or not _term_like(sp[0]) or _NUMERIC.match(sp[1]):
                break
            run.append((sib, sp))
        for sib, _ in run:
            seen.add(id(sib))
        if len(run) >= 2:
            # Terms and what each leads to read down a table: as boxes and arrows they made a figure
            # four times as tall, with one arrow per row and nothing flowing on.
            table = Table((), tuple((a, ((b,),)) for _, (a, b) in run))
            found.append(make_diagram("flow", join_caption(*place.path[-2:]) + f": {len(run)} arrows", "",
                                      [n for n, _ in run], table))
    return found

