"""Mermaid source text from arbitrary note text: labels that always parse.

Every character Mermaid's grammars could act on is written as one of
Mermaid's entity codes (``#quot;``, ``#35;``...), which Mermaid turns back
into the character when it draws. Labels are quoted, wrapped with ``<br/>``
at word boundaries and cut at a fixed length so a long note stays readable.
"""

from __future__ import annotations

import re
import unicodedata

WRAP = 28  # characters per line of a node label
MAX_CHARS = 140  # longer labels are cut with an ellipsis
ELLIPSIS = "…"
NO_LIMIT = 10_000  # a label drawn whole (wrapped, never cut): a diagram a student reads shows every word

# Characters that end a quoted string, open markup or an entity, break a
# statement or form an arrow; written as Mermaid entity codes.
_CODES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    ";": "#59;",
    "`": "#96;",
    "%": "#37;",
    "\\": "#92;",
    "{": "#123;",
    "}": "#125;",
    "[": "#91;",
    "]": "#93;",
    "(": "#40;",
    ")": "#41;",
    "|": "#124;",
    ":": "#58;",
    "-": "#45;",
    "=": "#61;",
    "~": "#126;",
    "*": "#42;",
    "_": "#95;",
    "$": "#36;",
}
_SPECIAL = re.compile("[" + re.escape("".join(_CODES)) + "]")
_ENCODE = str.maketrans(_CODES)
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """One line of plain text: whitespace collapsed, control characters dropped."""
    if text.isprintable():
        # No control character, and the only whitespace is " " (every other kind is unprintable):
        # nothing to drop, and only runs of spaces to collapse.
        return (_SPACE.sub(" ", text) if "  " in text else text).strip()
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\t\n")
    return _SPACE.sub(" ", text).strip()


def shorten(text: str, limit: int = MAX_CHARS) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + ELLIPSIS


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Words grouped into lines of about ``width`` characters; a longer word is split."""
    if len(text) <= width and text[:1] != " ":
        # Fits on one line (the loop below would only drop leading spaces).
        return [text] if text else []
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def encode(text: str) -> str:
    """Text with every Mermaid-significant character written as an entity code."""
    # Most text has none of them: the search is cheaper than translating character by character.
    return text.translate(_ENCODE) if _SPECIAL.search(text) else text


def text(value: str, width: int = WRAP, limit: int = MAX_CHARS) -> str:
    """Label content (unquoted): shortened, wrapped, encoded. Never empty."""
    value = shorten(value, limit) or ELLIPSIS
    return "<br/>".join(map(encode, wrap(value, width)))


def label(value: str, width: int = WRAP, limit: int = MAX_CHARS) -> str:
    """A quoted label for a node, edge or state name: ``"..."``."""
    return f'"{text(value, width, limit)}"'


def plain(value: str, limit: int = MAX_CHARS) -> str:
    """Encoded text on one line (a state description, a mindmap node)."""
    return encode(shorten(value, limit) or ELLIPSIS)
