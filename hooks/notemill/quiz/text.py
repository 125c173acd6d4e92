"""Text helpers: tidy a notes line for display, and normalise it for comparison."""

from __future__ import annotations

import random
import re
from functools import lru_cache

_DIGIT = re.compile(r"\d")  # any decimal digit, as the patterns' \d reads it
_ASCII_DIGITS = b"0123456789"
_ASCII_GLUE = re.compile(rb"(?<=[0-9])(?=[a-z%])")
# Bytes kept by norm; every other byte becomes a space.
_ASCII_NORM = bytes(c if c in b"0123456789abcdefghijklmnopqrstuvwxyz%$" else 32 for c in range(256))
_TRAIL = re.compile(r"(?:[\s.:;,!?…]|->|=>|→)+$")
_LEAD = re.compile(r"^(?:[\s:;,]|->|=>|→)+")
_ARROW = re.compile(r"\s*(?:→|->|=>)\s*")
# "Term: definition", "Term → definition", "Term -> definition", "Term => definition"
_TERM_SPLIT = re.compile(r"^(?P<term>[^:→\n]{1,60}?)\s*(?::\s+|:$|\s*(?:→|->|=>)\s*)(?P<rest>.*)$")
# Everyday labels that start a remark rather than name a term.
LABEL_WORDS = frozenset(
    "note notes nb example examples e.g eg for example tip tips cons pros con pro default solution solutions "
    "why how what when where who which todo ps important remember warning caution".split()
)
MAX_TERM_WORDS = 6
# The characters a line must end (or start) with for _TRAIL (or _LEAD) to strip anything:
# checking them first spares the regex on most lines.
_TRAIL_LAST = frozenset(".:;,!?…>→")
_LEAD_FIRST = frozenset(":;,-=→")


@lru_cache(maxsize=1 << 16)
def tidy(text: str) -> str:
    """One line, single spaces, no trailing punctuation or arrows."""
    text = " ".join(text.split())  # runs of whitespace (as \s reads it) to one space, none at the ends
    if text.endswith(" .") and text[-3:-2] not in _TRAIL_LAST:
        return tidy(text[:-2]) + " ."  # a lone dot is a word of its own (a command's "."), not an end stop
    if text[-1:] in _TRAIL_LAST:
        text = _TRAIL.sub("", text)
    if text[:1] in _LEAD_FIRST:
        text = _LEAD.sub("", text)
    if "→" in text or "->" in text or "=>" in text:
        text = _ARROW.sub(" → ", text)
    # A dangling opening bracket left by a cut is noise; so is a bracket around everything.
    if text.count("(") > text.count(")"):
        text = _TRAIL.sub("", text.rsplit("(", 1)[0])
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text


def has_digit(text: str) -> bool:
    r"""True when the text has a decimal digit (as the patterns' \d reads it)."""
    if text.isascii():  # most lines: a byte table is much quicker than the regex engine
        return len(text.encode().translate(None, _ASCII_DIGITS)) != len(text)
    return _DIGIT.search(text) is not None


@lru_cache(maxsize=1 << 18)  # pure: every list compares the same entries over and over
def norm(text: str) -> str:
    """Lower-case words only, for comparing two texts."""
    # The same steps on bytes, where \d is [0-9]. Only ASCII survives the last step, so every other
    # character after case folding can be one byte norm does not keep ("?"): a digit outside ASCII
    # glued to a unit is dropped with the space it would get. Much quicker than the regex engine.
    raw = text.lower().encode() if text.isascii() else text.casefold().encode("ascii", "replace")
    if len(raw.translate(None, _ASCII_DIGITS)) != len(raw):  # only a digit can glue to a unit
        raw = _ASCII_GLUE.sub(b" ", raw)
    return b" ".join(raw.translate(_ASCII_NORM).split()).decode()


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
    theirs = frozenset().union(*(_stems(o) for o in others))
    mine = _stems(name) - {""} - theirs
    return bool(mine & _stems(text))


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=1 << 14)  # pure: a list's terms are compared with each other for every question
def _stems(text: str) -> frozenset[str]:
    """The stems of the words of ``text``, camel case split ("PutItem" -> put, item)."""
    return frozenset(_stem(w) for w in _split_camel(text))


def _split_camel(text: str) -> list[str]:
    return words(_CAMEL.sub(" ", text))


# Words that say a heading introduces a list of kinds of something.
LIST_WORDS = frozenset(
    "type kind mode option tier class category strategy method component feature level role "
    "configuration setting pattern model protocol format plan stage phase".split()
)
# Head words that say "a list of kinds" without saying of what: lists under them are of many kinds.
GENERIC_HEADS = LIST_WORDS | frozenset(
    "service way thing operation example api command event detail item other note limit use case".split()
)
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten several".split())


def head_word(text: str) -> str:
    """The last word of a heading, singular ("Write types" -> "type", "Strategies" -> "strategy")."""
    ws = words(text)
    if not ws:
        return ""
    w = ws[-1]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and len(w) > 3 and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def is_list_heading(text: str) -> bool:
    """A heading that introduces kinds of something: "State types", "Has two modes", "Queue Type".

    Not a name ("Placement Groups": every word capitalised, no count, no word of kinds) and not a
    comparison that names its entries ("Standard vs Express")."""
    ws = words(text)
    if not ws or "=" in text or len(ws) > 8 or "vs" in ws or "versus" in ws:
        return False
    last = ws[-1]
    written = text.split()[-1] if text.split() else ""
    acronyms = len(written) > 2 and written.endswith("s") and written[:-1].isupper()  # "APIs", "SDKs"
    plural = acronyms or (len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is")))
    counted = any(w.isdigit() or w in NUMBER_WORDS for w in ws[:-1])
    kinds = head_word(text) in LIST_WORDS
    titled = [w for w in text.split() if w[:1].isalpha()]
    if len(titled) >= 2 and all(w[:1].isupper() for w in titled) and not (counted or kinds):
        return False  # a proper name ("CloudWatch Events"), not a list of kinds
    return plural or kinds or (counted and plural)


def split_term(text: str) -> tuple[str, str] | None:
    """("Term", "definition") when a line reads like a definition, else None.

    The definition may be empty when the line ends with a colon (its
    children then say what the term is).
    """
    text = text.strip()
    if "\n" in text or not (":" in text or "→" in text or "->" in text or "=>" in text):
        return None  # one line, with a colon or an arrow: else no term
    m = _TERM_SPLIT.match(text)
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
    The swaps are kept aside instead of made in a copy of the list, so a
    draw of a few from a long list costs a few steps, not a copy.
    """
    if not isinstance(items, list | tuple):
        items = list(items)
    if not items:
        return  # nothing to draw: no need to seed a generator
    randrange = seeded(*seed).randrange
    moved: dict[int, int] = {}  # position -> index in items of what the swaps left there
    for i in range(len(items) - 1, -1, -1):
        j = randrange(i + 1)
        yield items[moved.get(j, j)]
        moved[j] = moved.get(i, i)


def shuffled(items: list, *seed: str) -> list:
    """The items as seeded(*seed).shuffle orders them."""
    out = list(items)
    if len(out) > 1:  # one item or none: nothing to shuffle, no need to seed a generator
        seeded(*seed).shuffle(out)
    return out


def root(word: str) -> str:
    """A word's stem for comparing claims: no plural "s", its first five letters ("queues" -> "queue",
    "APIs" -> "api"); empty for short and everyday words."""
    if word.endswith("s") and len(word) > 3 and not word.endswith("ss"):
        word = word[:-1]
    return word[:5] if len(word) >= 3 and word not in _COMMON else ""


@lru_cache(maxsize=1 << 17)  # pure: every line of a topic is compared with the questions made from it
def roots(text: str) -> frozenset[str]:
    """The content-word stems of a text, camel case split."""
    return frozenset(root(w) for w in _split_camel(text)) - {""}


SAME_CLAIM = 0.6


def names_answer(name: str, others, text: str) -> bool:
    """Whether ``text`` holds a word of the answer's ``name`` that none of the ``others`` (the wrong
    options) has: such a word points at the answer ("fault injection" -> Fault Injection Service)."""
    mine = roots(name) - frozenset().union(*(roots(o) for o in others))
    return bool(mine & roots(text))


def same_claim(a: str, b: str) -> bool:
    """True when two lines say about the same thing in other words: most content-word stems of the
    shorter are in the other ("Fully managed Serverless" / "Similar to X but fully serverless"), and
    they are not the same sentence with words swapped (that is a contrast)."""
    ra, rb = roots(a), roots(b)
    if not ra or not rb:
        return False
    only_a, only_b = ra - rb, rb - ra
    if only_a and only_b and len(only_a) == len(only_b):
        return False  # words swapped one for one ("another sort key" / "another partition key"): a contrast
    shared = len(ra & rb)
    return shared >= 1 and shared >= SAME_CLAIM * min(len(ra), len(rb))


@lru_cache(maxsize=1 << 14)
def short_roots(text: str) -> frozenset[str]:
    """Four-letter stems of a text's content words, camel case split ("Cloning" and "clone" share
    "clon"): looser than ``roots``, for telling whether a sentence holds a word of a short answer."""
    out = set()
    for w in _split_camel(text):
        if w.endswith("s") and len(w) > 3:
            w = w[:-1]
        if len(w) >= 3 and w not in _COMMON:
            out.add(w[:4])
    return frozenset(out)
