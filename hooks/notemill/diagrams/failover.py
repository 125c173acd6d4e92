"""A primary, a backup and a failure named in one block, as a failover decision."""

from __future__ import annotations

import re

from .. import mermaid as mm
from .entries import Place, cached, entry_name, first_line, join_caption, make_diagram, may_have
from .model import Diagram

_PRIMARY = re.compile(r"\b(primary|master|active|main)\b", re.I)
_BACKUP = re.compile(r"\b(secondary|standby|stand-by|backup|replica|passive|fallback)\b", re.I)
_FAIL = re.compile(r"\b(?:fail\w*|down|unavailable|unhealthy|outage)\b", re.I)


# Every match of the patterns above contains one of these words.
PRIMARY_WORDS = ("primary", "master", "active", "main")
BACKUP_WORDS = ("secondary", "standby", "stand-by", "backup", "replica", "passive", "fallback")
FAIL_WORDS = ("fail", "down", "unavailable", "unhealthy", "outage")


@cached
def _backup_of(text: str) -> str:
    """The first backup role word of an entry's line, "" for none."""
    line = first_line(text)
    b = _BACKUP.search(line) if may_have(line, BACKUP_WORDS) else None
    return b.group(1) if b else ""


@cached
def _primary_of(text: str) -> tuple[str, bool]:
    """The first primary role word of an entry's line ("" for none), and whether the line names a failure."""
    line = first_line(text)
    p = _PRIMARY.search(line) if may_have(line, PRIMARY_WORDS) else None
    return p.group(1) if p else "", may_have(line, FAIL_WORDS) and bool(_FAIL.search(line))


def failover_diagram(place: Place) -> Diagram | None:
    node = place.node
    # The sub-entries first: they name the roles ("one master and one standby"), the entry names the whole.
    # A role word never spans two lines, so the first one in the lines read in that order is the block's first.
    block = node.children + (node,) if node.children else (node,)
    for entry in block:
        backup = _backup_of(entry.text)
        if backup:
            break
    else:
        return None  # most entries: the backup word is the rarest
    primary = ""
    fail = False
    for entry in block:
        p, f = _primary_of(entry.text)
        primary, fail = primary or p, fail or f
    if not (primary and fail):
        return None
    primary, backup = primary.capitalize(), backup.capitalize()
    owner = entry_name(node) if node.children else place.path[-1]
    out = [
        "flowchart LR",
        f"  g([{mm.label(owner, limit=mm.NO_LIMIT)}]) --> q{{{mm.label(primary + ' available?')}}}",
        f"  q -->|{mm.label('yes')}| p[{mm.label(primary)}]",
        f"  q -->|{mm.label('no: fail over')}| s[{mm.label(backup)}]",
    ]
    caption = join_caption(place.path[-1], owner) + f": {primary.lower()} → {backup.lower()} failover"
    return make_diagram("failover", caption, out, [node])

