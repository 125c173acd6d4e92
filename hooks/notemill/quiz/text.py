"""Text helpers: tidy a notes line for display, and normalise it for comparison."""

from __future__ import annotations

import random
import re
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_TRAIL = re.compile(r"(?:[\s.:;,!?…]|->|=>|→)+$")
_LEAD = re.compile(r"^(?:[\s:;,]|->|=>|→)+")
_ARROW = re.compile(r"\s*(?:→|->|=>)\s*")
_UNIT_GLUE = re.compile(r"(?<=\d)(?=[a-z%])")
_NORM = re.compile(r"[^0-9a-z%$]+")
# "Term: definition", "Term → definition", "Term -> definition", "Term => definition"
_TERM_SPLIT = re.compile(r"^(?P<term>[^:→\n]{1,60}?)\s*(?::\s+|:$|\s*(?:→|->|=>)\s*)(?P<rest>.*)$")
# Everyday labels that start a remark rather than name a term.
LABEL_WORDS = frozenset(
    "note notes nb example examples e.g eg for example tip tips cons pros con pro default solution solutions "
    "why how what when where who which todo ps important remember warning caution".split()
)
MAX_TERM_WORDS = 6


@lru_cache(maxsize=1 << 16)
def tidy(text: str) -> str:
    """One line, single spaces, no trailing punctuation or arrows."""
    text = _SPACE.sub(" ", text).strip()
    text = _LEAD.sub("", _TRAIL.sub("", text))
    text = _ARROW.sub(" → ", text)
    # A dangling opening bracket left by a cut is noise; so is a bracket around everything.
    if text.count("(") > text.count(")"):
        text = _TRAIL.sub("", text.rsplit("(", 1)[0])
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text


@lru_cache(maxsize=1 << 16)  # pure: every list compares the same entries over and over
def norm(text: str) -> str:
    """Lower-case words only, for comparing two texts."""
    return _NORM.sub(" ", _UNIT_GLUE.sub(" ", text.casefold())).strip()


def contains(haystack: str, needle: str) -> bool:
    """True when ``needle`` occurs in ``haystack`` as whole words (normalised)."""
    n = norm(needle)
    if not n:
        return False
    return f" {n} " in f" {norm(haystack)} "


def words(text: str) -> list[str]:
    return norm(text).split()


_COMMON = frozenset(
    "with from that this your have only more than when into over also each using used will "
    "what they them then there their does like just some the and for you can are not use has "
    "its all any one two new old out was but may per via who how why own set".split()
)


def _stem(word: str) -> str:
    return word[:5] if len(word) >= 3 and word not in _COMMON else ""


def echoes(text: str, name: str, others: tuple[str, ...] | list[str] = ()) -> bool:
    """True when ``text`` repeats a word of ``name``, even in another form ("produce" / "Producer").

    Words ``name`` shares with the ``others`` (the other options) point to
    none of them, so they do not count.
    """
    if contains(text, name):
        return True
    theirs = {_stem(w) for o in others for w in _split_camel(o)}
    mine = {_stem(w) for w in _split_camel(name)} - {""} - theirs
    return bool(mine & {_stem(w) for w in _split_camel(text)})


def _split_camel(text: str) -> list[str]:
    return words(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text))


# Words that say a heading introduces a list of kinds of something.
LIST_WORDS = frozenset(
    "type kind mode option tier class category strategy method component feature level role".split()
)
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten several".split())


def is_list_heading(text: str) -> bool:
    """A heading that introduces kinds of something: "State types", "Has two modes", "Queue Type"."""
    ws = words(text)
    if not ws or "=" in text or len(ws) > 8:
        return False
    last = ws[-1]
    plural = len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is"))
    counted = any(w.isdigit() or w in NUMBER_WORDS for w in ws[:-1])
    return plural or last in LIST_WORDS or (counted and plural)


def split_term(text: str) -> tuple[str, str] | None:
    """("Term", "definition") when a line reads like a definition, else None.

    The definition may be empty when the line ends with a colon (its
    children then say what the term is).
    """
    if "\n" in text.strip():
        return None
    m = _TERM_SPLIT.match(text.strip())
    if not m:
        return None
    term, rest = tidy(m.group("term")), tidy(m.group("rest"))
    n = len(term.split())
    if not term or n > MAX_TERM_WORDS or norm(term) in LABEL_WORDS or norm(term.split()[0]) in {"for", "if", "when"}:
        return None
    if term[-1:] in "(,":
        return None
    return term, rest


def seeded(*parts: str) -> random.Random:
    """A random generator seeded by content, so every build asks the same."""
    return random.Random("\x1f".join(parts))


def in_seeded_order(items, *seed: str):
    """The items in a content-seeded random order, drawn one at a time.

    A caller that needs only the first few that fit stops early instead of
    shuffling a long list for every question (a partial Fisher-Yates shuffle).
    """
    rnd = seeded(*seed)
    pool = list(items)
    for i in range(len(pool) - 1, -1, -1):
        j = rnd.randrange(i + 1)
        pool[i], pool[j] = pool[j], pool[i]
        yield pool[i]


def shuffled(items: list, *seed: str) -> list:
    out = list(items)
    seeded(*seed).shuffle(out)
    return out
