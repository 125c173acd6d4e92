"""Ordered steps: numbered entries, or a list its entry calls an order ("steps", "process"), as a top-down chain."""

from __future__ import annotations

import re

from .. import mermaid as mm
from ..model import Node
from .entries import Place, cached, entry_line, entry_name, join_caption, make_diagram, may_have, trim
from .model import Diagram

MIN_STEPS = 3  # an order of two is just a sentence
MAX_STEPS = 15

_ORDER_CUE = re.compile(
    r"\b(?:in (?:this|that|the following|the same|the) order|order(?:ed)?|steps|step by step|"
    r"process(?:es)?|procedures?|sequence|life ?cycle|phases?|stages?|workflow)\b", re.I)
_ALTERNATIVES = re.compile(r"\b(?:options?|alternatives?|ways?|choices?|types?|kinds?|either)\b", re.I)
_NUMBER = re.compile(r"^\(?(\d+|[a-z])[.)]?$", re.I)
# Every match of _ORDER_CUE, and of _ALTERNATIVES, contains one of these words.
_ORDER_WORDS = ("order", "step", "process", "procedure", "sequence", "cycle", "phase", "stage", "workflow")
_ALTERNATIVE_WORDS = ("option", "alternative", "way", "choice", "type", "kind", "either")


@cached
def _cues(name: str) -> tuple[bool, bool]:
    """Whether an entry's name cues an order, and whether it names alternatives."""
    return (may_have(name, _ORDER_WORDS) and bool(_ORDER_CUE.search(name)),
            may_have(name, _ALTERNATIVE_WORDS) and bool(_ALTERNATIVES.search(name)))


def _numbered(items: list[Node]) -> bool:
    """Three or more numbered entries counting up from the first."""
    steps = [n for n in items if n.kind == "step" and _NUMBER.match(n.marker)]
    if len(steps) < MIN_STEPS or len(steps) * 3 < len(items) * 2:
        return False
    keys = [_NUMBER.match(s.marker).group(1).casefold() for s in steps]
    values = [int(k) if k.isdigit() else ord(k) for k in keys]
    return all(b == a + 1 for a, b in zip(values, values[1:], strict=False))


def sequence_diagram(place: Place) -> Diagram | None:
    node = place.node
    items = place.items
    if len(items) < MIN_STEPS:
        return None  # too short to be numbered steps or a cued list
    if len(items) > MAX_STEPS:
        return None
    name = entry_name(node) or place.path[-1]  # an unnamed list (a table numbered "#"): its heading's
    cue, alternatives = _cues(name)
    if alternatives:
        return None  # options to choose from, not steps
    ordered = _numbered(items)
    # A cue word only orders a plain list: steps with whole outlines under them are topics, not steps.
    cued = (cue and sum(1 for i in items if not i.children) * 3 >= len(items) * 2
            and all(len(i.children) <= 3 for i in items))
    if not (ordered or cued):
        return None
    out = ["flowchart TB"]
    for i, step in enumerate(items, 1):
        # A step's own notes go inside its box, under it: boxes beside the chain would read as steps.
        text = mm.text(trim(entry_line(step)), limit=mm.NO_LIMIT)
        notes = [mm.text("· " + entry_line(n), width=34, limit=mm.NO_LIMIT) for n in step.children[:2]]
        if len(step.children) > 2:
            notes.append(mm.text(f"· +{len(step.children) - 2} more"))
        out.append(f'  s{i}["{"<br/>".join([text] + notes)}"]')
    out += [f"  s{i} --> s{i + 1}" for i in range(1, len(items))]
    context = place.path[-1] if len(name.split()) <= 2 and len(place.path) > 1 else ""
    caption = join_caption(context, name) + f": {len(items)} steps in order"
    return make_diagram("sequence", caption, out, [node])

