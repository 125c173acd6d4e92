"""States: entries named "... state" or a list called "states", as a state diagram."""

from __future__ import annotations

import re

from .. import mermaid as mm
from .entries import Place, entry_line, entry_name, join_caption, make_diagram, may_have, split_term
from .model import Diagram

MIN_STATES = 3

_STATES = re.compile(r"\bstates\b", re.I)
_STATE = re.compile(r"\bstate\b", re.I)
_SET = re.compile(r"\b(?:types?|kinds?|machines?|lifecycle|list)\b", re.I)
_TERMINAL = re.compile(r"\b(?:stops?|ends?|finish(?:es)?|terminat\w*|complet\w*|exits?)\b", re.I)
_OR = re.compile(r"\s+or\s+|\s*/\s*", re.I)


def _edits(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _state_names(term: str, suffix: str) -> list[str]:
    words = term.split()
    # "Task state", and a misspelt "Fail rate" among "... state" siblings.
    if len(words) > 1 and suffix and _edits(words[-1].casefold(), suffix) <= 2:
        words = words[:-1]
    name = " ".join(words)
    parts = [p.strip() for p in _OR.split(name) if p.strip()]
    if len(parts) > 1 and all(len(p.split()) <= 2 for p in parts):
        return parts
    return [name]


def states_diagram(place: Place) -> Diagram | None:
    node = place.node
    items = place.items
    if len(items) < MIN_STATES:
        return None
    name = entry_name(node)
    if not may_have(name, ("state",)) or not _STATE.search(name) and not _STATES.search(name):
        return None
    named_state = sum(1 for c in items if _STATE.search(entry_name(c)))
    if not (_STATES.search(name) or _SET.search(name) or named_state * 2 >= len(items)):
        return None
    suffix = "state" if named_state * 2 >= len(items) else ""
    out = ["stateDiagram-v2", "  direction LR"]
    n = 0
    for child in items:
        term, desc = split_term(child)
        if not desc and child.children:
            desc = "; ".join(entry_line(g) for g in child.children[:3])
        for state in _state_names(term, suffix):
            n += 1
            out.append(f"  state {mm.label(state, limit=60)} as s{n}")
            if desc:
                for part in mm.wrap(mm.shorten(desc, 120), 36):
                    out.append(f"  s{n} : {mm.plain(part)}")
            if desc and _TERMINAL.search(desc):
                out.append(f"  s{n} --> [*]")
    return make_diagram("states", join_caption(place.path[-1], name) + f": {n} states", out, [node])

