"""States: entries named "... state" or a list called "states", as a state diagram."""

from __future__ import annotations

import re

from .. import mermaid as mm
from .entries import Place, entry_line, entry_name, join_caption, make_diagram, may_have, split_term
from .model import Diagram, Table

MIN_STATES = 3

_STATES = re.compile(r"\bstates\b", re.I)
_STATE = re.compile(r"\bstate\b", re.I)
_SET = re.compile(r"\b(?:types?|kinds?|machines?|lifecycle|list)\b", re.I)
_TERMINAL = re.compile(r"\b(?:stops?|ends?|finish(?:es)?|terminat\w*|complet\w*|exits?)\b", re.I)
_MOVE = re.compile(r"(?:\b(?:to|then|into|becomes?|moves?|goes|go|next|back)\b|→|->)", re.I)
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
    states: list[tuple[str, str]] = []  # (state, its description)
    for child in items:
        term, desc = split_term(child)
        if not desc and child.children:
            desc = "; ".join(entry_line(g) for g in child.children[:3])
        states += [(state, desc) for state in _state_names(term, suffix)]
    caption = join_caption(place.path[-1], name) + f": {len(states)} states"
    moves = _transitions(states)
    if not moves:
        # The notes list states without saying how one leads to another: boxes with no arrows
        # between them would draw an order the notes do not state. A table of states says what they do.
        table = Table(("Description",), tuple((s, ((d,) if d else (),)) for s, d in states), corner="State")
        return make_diagram("states", caption, "", [node], table)
    out = ["stateDiagram-v2", "  direction LR"]
    for n, (state, desc) in enumerate(states, 1):
        out.append(f"  state {mm.label(state, limit=mm.NO_LIMIT)} as s{n}")
        if desc:
            for part in mm.wrap(mm.clean(desc), 36):
                out.append(f"  s{n} : {mm.plain(part, limit=mm.NO_LIMIT)}")
    out += [f"  s{a} --> s{b}" for a, b in moves]
    out += [f"  s{n} --> [*]" for n, (_, desc) in enumerate(states, 1)
            if desc and _TERMINAL.search(desc) and not any(a == n for a, _ in moves)]
    return make_diagram("states", caption, out, [node])


def _transitions(states: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """(from, to), numbered from 1, where a state's description names another state after a word of
    moving on ("goes to Paid", "then Delivered", "→ Cancelled")."""
    found = []
    for a, (_, desc) in enumerate(states, 1):
        if not desc or not _MOVE.search(desc):
            continue
        for b, (other, _) in enumerate(states, 1):
            if b != a and re.search(_MOVE.pattern + r"\W+(?:\w+\W+){0,2}?" + re.escape(other) + r"\b", desc, re.I):
                found.append((a, b))
    return found

