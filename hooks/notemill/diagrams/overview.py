"""The overview of a topic: its parts and the first entries of each, as a tree (HTML, not Mermaid)."""

from __future__ import annotations

from ..model import Topic
from ..restructure import node_anchor
from .entries import entry_name, make_diagram, sub_entries
from .model import Branch, Diagram, Tree

OVERVIEW_MIN_BRANCHES = 3  # top-level entries with their own sub-entries
OVERVIEW_MIN_LEAVES = 6
OVERVIEW_MAX_BRANCHES = 8  # an overview, not a second copy of the page
OVERVIEW_MAX_LEAVES = 3  # per branch; the rest is counted in a "+N more" leaf


def overview_diagram(topic: Topic) -> Diagram | None:
    tops = [n for s in topic.sections for n in s.section.nodes if n.kind != "code"]
    branches = [n for n in tops if sub_entries(n.children)]
    leaves = sum(len(sub_entries(b.children)) for b in branches)
    if len(branches) < OVERVIEW_MIN_BRANCHES or leaves < OVERVIEW_MIN_LEAVES:
        return None
    drawn = []
    for branch in branches[:OVERVIEW_MAX_BRANCHES]:
        kids = sub_entries(branch.children)
        drawn.append(Branch(entry_name(branch), node_anchor(branch),
                            tuple(entry_name(k) for k in kids[:OVERVIEW_MAX_LEAVES]),
                            max(0, len(kids) - OVERVIEW_MAX_LEAVES)))
    tree = Tree(topic.title, tuple(drawn), max(0, len(branches) - OVERVIEW_MAX_BRANCHES))
    first = tops[0]
    caption = f"{topic.title}: overview of {len(branches)} parts of your notes"
    d = make_diagram("overview", caption, "", [first])
    # The lines of the first section it draws (a merged topic's other sections are elsewhere in the notes).
    home = next(s.section for s in topic.sections if first in s.section.nodes)
    return Diagram(d.kind, d.caption, "", d.file, home.first_line, home.last_line, d.anchor, tree=tree)
