"""Tokens and phrase look-up shared by heading recovery and cross-linking.

Text is cut into word tokens once; phrases are matched by looking token
n-grams up in a dictionary, so the cost grows with the notes, not with the
size of the catalog.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_TOKEN = r"[A-Za-z0-9](?:[A-Za-z0-9@+/_]*[A-Za-z0-9])?(?:\.[A-Za-z0-9]+)*"
# A token and what stands before it: a token starts at any letter or digit, so the gap has none.
_GAP_TOKEN = re.compile(rf"([^A-Za-z0-9]*)({_TOKEN})")
# Joining words never decide a match: "Site-to-Site VPN" meets "Site-Site VPN".
_SKIP = frozenset("a an the of to and or for in on with".split())
MAX_PHRASE = 5
_BREAK = re.compile(r"[^\w\s-]")  # punctuation between two words ends a phrase


class Token(NamedTuple):  # a tuple: made for every word of the notes, several times over
    norm: str
    raw: str
    start: int  # offset in the text
    joined: bool = True  # nothing but spaces, hyphens or joining words since the previous token


@lru_cache(maxsize=65536)  # a pure function of one word: the cache holds no build state
def normalise_word(word: str) -> str:
    """Lower-case and fold simple plurals, so "Queues" meets "queue"."""
    w = word.lower()
    if len(w) > 4 and w.isalpha() and w.endswith("s") and not w.endswith(("ss", "is", "us")):
        w = w[:-1]
    return w


def tokens(text: str) -> list[Token]:
    """Word tokens of a text; hyphens split words, joining words are dropped."""
    out = []
    end = 0
    broken = False  # punctuation since the last token kept
    # Each word with the gap before it: offsets follow from the lengths, and most gaps are one space.
    for gap, raw in _GAP_TOKEN.findall(text):
        start = end + len(gap)
        end = start + len(raw)
        if gap != " " and not broken and _BREAK.search(gap):
            broken = True
        norm = normalise_word(raw)
        if norm not in _SKIP:
            out.append(Token(norm, raw, start, not broken))
            broken = False
    return out


@lru_cache(maxsize=65536)  # a pure function of the phrase; evidence phrases repeat across sections
def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokens(phrase))


def is_plain_word(form: str) -> bool:
    """A one-word name that is also an everyday word ("Config", "Connect", "Batch").

    Acronyms (SQS), inner capitals (DynamoDB) and digits (S3) are distinctive;
    a plain word only counts when written capitalised mid-sentence.
    """
    if " " in form.strip() or not form.isalpha():
        return False
    return form[1:].islower() or form.islower()


class PhraseIndex:
    """Map token sequences to values; find every occurrence in a text."""

    def __init__(self) -> None:
        self._phrases: dict[tuple[str, ...], list[tuple[object, bool]]] = {}
        self._firsts: set[str] = set()  # first words of the phrases: most tokens start none
        self._longest = 1

    def add(self, phrase: str, value: object, plain: bool | None = None) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        if plain is None:
            plain = is_plain_word(phrase)
        bucket = self._phrases.setdefault(key, [])
        self._firsts.add(key[0])
        if (value, plain) not in bucket:
            bucket.append((value, plain))
        self._longest = max(self._longest, min(len(key), MAX_PHRASE))

    def find(self, toks: list[Token], overlapping: bool = False) -> list[tuple[int, int, object]]:
        """(first token index, token count, value) for each match, the longest at each position.

        Matches do not overlap unless asked: a heading is checked for every name it holds.
        """
        found = []
        n = len(toks)
        norms = [t.norm for t in toks]
        firsts = self._firsts
        after = 0  # the first token not inside a match already taken
        # Most tokens start no phrase: visit only those that do.
        for i in [i for i, norm in enumerate(norms) if norm in firsts]:
            if i < after:
                continue
            matched = 0
            # Phrases here run over joined tokens only: the longest size worth a look-up.
            reach, limit = 1, min(self._longest, n - i)
            while reach < limit and toks[i + reach].joined:
                reach += 1
            for size in range(reach, 0, -1):
                key = tuple(norms[i : i + size])
                bucket = self._phrases.get(key)
                if not bucket:
                    continue
                for value, plain in bucket:
                    if plain and not _capitalised_mid_sentence(toks, i):
                        continue
                    found.append((i, size, value))
                    matched = size
                if matched:
                    break
            after = i + (1 if overlapping else (matched or 1))
        return found


def _capitalised_mid_sentence(toks: list[Token], i: int) -> bool:
    raw = toks[i].raw
    return raw[:1].isupper() and i > 0


_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_SUFFIXES = ("isation", "ization", "ation", "ition", "ment", "ness", "ings", "ing", "ies", "ied", "ize", "ise",
             "ive", "ers", "er", "ed", "es", "ry", "ly", "s", "y", "e")
STOPWORDS = frozenset(
    """a an and are as at be been but by can could do does for from has have how if in into is it its of on or
    our so than that the their them then there these they this those to too up us use used using via was we were
    what when where which while who will with within without you your not no all any more most other some only also
    just like get make need very much many same own way thing stuff etc aws amazon""".split()
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem, so "registry" meets "register" and "visualisation" meets "visualize"."""
    w = word.lower()
    for _ in range(2):
        for suffix in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[: -len(suffix)]
                break
        else:
            break
    return w


def stems(text: str) -> list[str]:
    return [stem(w) for w in _WORDS.findall(text) if w.lower() not in STOPWORDS]
