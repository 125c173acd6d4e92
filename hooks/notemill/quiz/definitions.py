"""The shapes of notes lines the generators read: definitions, lists, names."""

from __future__ import annotations

import re

from ..model import Node
from .quantities import find_quantities
from .text import LABEL_WORDS, norm, split_term, tidy, words

MAX_DEFINITION_CHARS = 140
MAX_TERM_WORDS = 4  # besides a bracketed part: "Customer Managed Keys (CMK)"
MAX_ITEM_WORDS = 6
MAX_ITEM_CHARS = 50
MIN_STEPS = 4  # three steps are often common sense, and a short list is rarely a real sequence
MAX_STEPS = 8
MAX_STEP_CHARS = 140
# A heading that says its list is a sequence (plain English, any subject).
_SEQUENCE = re.compile(
    r"\b(?:in (?:this|that|the following) order|order|sequence|steps?|process|lifecycle|stages?)\b", re.I
)


def definition_of(node: Node) -> tuple[str, str] | None:
    """(term, definition) for "Term: definition" or a "Term:" whose one child says what it is."""
    if node.kind not in ("item", "step"):
        return None
    return definition_from(node, split_term(node.text))


_BRACKETED = re.compile(r"\([^)]*\)")


def definition_from(node: Node, split: tuple[str, str] | None) -> tuple[str, str] | None:
    """definition_of for an item or step whose text ``split_term`` has already read as ``split``."""
    if split is None:
        return None
    term, definition = split
    if len(_BRACKETED.sub(" ", term).split()) > MAX_TERM_WORDS or reads_as_remark(term):
        return None  # a remark ("Lots of X in active cells: ..."), not a name
    raw = node.text.strip()
    if raw.endswith(")") and raw[len(raw) - len(raw.lstrip()) :].split(":", 1)[-1].strip().startswith("("):
        return None  # "Name: (an aside)" says nothing about what the name is
    if not definition:
        leaves = [c for c in node.children if c.kind in ("item", "text") and not c.children]
        if len(node.children) != 1 or len(leaves) != 1:
            return None
        definition = tidy(leaves[0].text)
    if "\n" in definition or len(definition) > MAX_DEFINITION_CHARS or len(words(definition)) < 2:
        return None
    found = find_quantities(definition)
    if found:
        rest = definition
        for q in reversed(found):
            rest = rest[: q.start] + rest[q.end :]
        if len([w for w in words(rest) if w.isalpha()]) < 3:
            return None  # a value, not a definition: the value questions ask about it
    return term, definition


_REMARK_START = frozenset(
    "if when for to can cannot can't use using the a an by with only also not no must should will it this "
    "these there do does don't need needs have has is are".split()
)
STATEMENT_WORDS = 4


def reads_as_remark(text: str) -> bool:
    """An entry that says something ("message persists until deleted") rather than names something."""
    first = text.split()[0].lower() if text.split() else ""
    return first in _REMARK_START or (len(text.split()) >= STATEMENT_WORDS and text[:1].islower())


def list_items(node: Node, steps_of, label_of=None) -> list[str] | None:
    """The entries of a list of names under ``node``, or None when it is not one."""
    children = [c for c in node.children if c.kind != "code"]
    if not 2 <= len(children) <= 8 or steps_of(node):
        return None
    items = [(label_of or item_label)(c) for c in children]
    if any(i is None for i in items) or len({i.casefold() for i in items}) != len(items):
        return None
    if any(reads_as_remark(i) for i in items):
        return None
    return items


def item_label(node: Node) -> str | None:
    """A list entry as a short option: its term, or the whole entry when short."""
    if node.kind not in ("item", "step") or "\n" in node.text:
        return None
    return item_label_from(node, split_term(node.text))


def item_label_from(node: Node, split: tuple[str, str] | None) -> str | None:
    """item_label for a one-line item or step whose text ``split_term`` has already read as ``split``."""
    text = split[0] if split else tidy(node.text)
    # "Lazy Loading / Cache-aside / Lazy population": one name with its other names; the slashes are no words
    if not text or len(text) > MAX_ITEM_CHARS or len([w for w in text.split() if w != "/"]) > MAX_ITEM_WORDS:
        return None
    if "(" in text and ")" not in text:
        return None
    if find_quantities(text) or find_quantities("up to " + text):
        return None  # a value, not a name
    return text


def steps_of(node) -> list[str] | None:
    if len(node.children) < MIN_STEPS:
        return None  # too short to order, however it reads
    children = [c for c in node.children if c.kind != "code"]
    if not MIN_STEPS <= len(children) <= MAX_STEPS:
        return None
    numbered = all(c.kind == "step" for c in children)
    said = numbered or (
        all(c.kind in ("item", "step") for c in children) and _SEQUENCE.search(node.text.split("\n")[0] or "")
    )
    if not said:  # neither numbered nor said to be in order
        return None
    steps = [tidy(c.text.split("\n")[0]) for c in children]
    if any(not s or len(s) > MAX_STEP_CHARS for s in steps) or len({norm(s) for s in steps}) != len(steps):
        return None
    if any(_BRANCH.match(s) or _is_remark_label(s) for s in steps):
        return None  # "On success: ..." / "On error: ..." are branches, "Note: ..." a remark: no sequence
    return steps


# A step that starts a branch rather than follows the one before.
_BRANCH = re.compile(r"^(?:on|if|when|else|otherwise|unless|in case)\b", re.I)


def _is_remark_label(text: str) -> bool:
    """ "Note: ...", "Tip - ...", "e.g. ...": a remark about the steps, not one of them."""
    head = re.split(r"[:\-–→]", text, maxsplit=1)[0]
    return norm(head) in LABEL_WORDS
