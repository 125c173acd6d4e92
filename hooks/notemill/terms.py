"""Tokens and phrase look-up shared by heading recovery and cross-linking.

Text is cut into word tokens once; phrases are matched by looking token
n-grams up in a dictionary, so the cost grows with the notes, not with the
size of the catalog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9@+/_]*[A-Za-z0-9])?(?:\.[A-Za-z0-9]+)*")
# Joining words never decide a match: "Site-to-Site VPN" meets "Site-Site VPN".
_SKIP = frozenset("a an the of to and or for in on with".split())
MAX_PHRASE = 5


@dataclass(frozen=True)
class Token:
    norm: str
    raw: str
    start: int  # offset in the text


def normalise_word(word: str) -> str:
    """Lower-case and fold simple plurals, so "Queues" meets "queue"."""
    w = word.lower()
    if len(w) > 4 and w.isalpha() and w.endswith("s") and not w.endswith(("ss", "is", "us")):
        w = w[:-1]
    return w


def tokens(text: str) -> list[Token]:
    """Word tokens of a text; hyphens split words, joining words are dropped."""
    out = []
    for m in _TOKEN.finditer(text):
        norm = normalise_word(m.group())
        if norm not in _SKIP:
            out.append(Token(norm, m.group(), m.start()))
    return out


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
        self._longest = 1

    def add(self, phrase: str, value: object, plain: bool | None = None) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        if plain is None:
            plain = is_plain_word(phrase)
        bucket = self._phrases.setdefault(key, [])
        if (value, plain) not in bucket:
            bucket.append((value, plain))
        self._longest = max(self._longest, min(len(key), MAX_PHRASE))

    def find(self, toks: list[Token]) -> list[tuple[int, int, object]]:
        """(first token index, token count, value) for each match, longest match first at a position."""
        found = []
        i, n = 0, len(toks)
        while i < n:
            matched = 0
            for size in range(min(self._longest, n - i), 0, -1):
                key = tuple(t.norm for t in toks[i : i + size])
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
            i += matched or 1
        return found


def _capitalised_mid_sentence(toks: list[Token], i: int) -> bool:
    raw = toks[i].raw
    return raw[:1].isupper() and i > 0
