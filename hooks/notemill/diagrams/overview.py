"""The overview of a topic: its parts and their first entries."""

from __future__ import annotations

from .. import mermaid as mm
from ..model import Topic
from .entries import entry_name, make_diagram, sub_entries
from .model import Diagram

OVERVIEW_MIN_BRANCHES = 3  # top-level entries with their own sub-entries
OVERVIEW_MIN_LEAVES = 6
OVERVIEW_MAX_BRANCHES = 8  # more would shrink the text past reading
OVERVIEW_MAX_LEAVES = 3  # per branch; the rest is counted in a "+N more" leaf


def overview_diagram(topic: Topic) -> Diagram | None:
    tops = [n for s in topic.sections for n in s.section.nodes if n.kind != "code"]
    branches = [n for n in tops if sub_entries(n.children)]
    leaves = sum(len(sub_entries(b.children)) for b in branches)
    if len(branches) < OVERVIEW_MIN_BRANCHES or leaves < OVERVIEW_MIN_LEAVES:
        return None
    out = ["mindmap", f"  root(({mm.label(topic.title, width=20, limit=60)}))"]
    n = 0
    for branch in branches[:OVERVIEW_MAX_BRANCHES]:
        n += 1
        out.append(f"    b{n}[{mm.label(entry_name(branch), width=22, limit=44)}]")
        kids = sub_entries(branch.children)
        for k, kid in enumerate(kids[:OVERVIEW_MAX_LEAVES], 1):
            out.append(f"      b{n}k{k}({mm.label(entry_name(kid), width=22, limit=44)})")
        if len(kids) > OVERVIEW_MAX_LEAVES:
            out.append(f"      b{n}more({mm.label(f'+{len(kids) - OVERVIEW_MAX_LEAVES} more')})")
    if len(branches) > OVERVIEW_MAX_BRANCHES:
        out.append(f"    more({mm.label(f'+{len(branches) - OVERVIEW_MAX_BRANCHES} more sections')})")
    first = tops[0]
    caption = f"{topic.title}: overview of {len(branches)} parts of your notes"
    d = make_diagram("overview", caption, out, [first])
    # The lines of the first section it draws (a merged topic's other sections are elsewhere in the notes).
    home = next(s.section for s in topic.sections if first in s.section.nodes)
    return Diagram(d.kind, d.caption, d.mermaid, d.file, home.first_line, home.last_line, d.anchor)

