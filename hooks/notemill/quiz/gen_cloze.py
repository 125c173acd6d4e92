"""Typed-answer (cloze) questions: a fact line with one key term hidden, typed by the student.

The key term is, in order of preference, an API-style name ("PutItem",
"ReceiveMessageWaitTimeSeconds", "--page-size"), a catalog name of another
topic ("SNS" on the SQS page, every catalog alias accepted), the term a
"Term: definition" line defines (with and without its bracketed short form),
or a value with its unit ("256 KB", written any usual way). One per line. The
browser counts an answer right whatever its case, spacing, punctuation and
plural (typed_key, the same steps as notemill-quiz.js's typedKey).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from ..model import Topic
from ..terms import tokens
from .facts import BLANK, cloze
from .model import Question, make_question
from .quantities import _UNITS, display
from .scope import Scope, anchor
from .text import _COMMON, norm, split_term, words

TYPES = ("cloze",)  # the question types made here
MIN_WORDS = 3  # content words left around the gap, so the line still says what it asks
MAX_CHARS = 160
_API = re.compile(
    r"(?<![\w-])(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*){1,}|[a-z]+(?:[A-Z][a-z0-9]+)+|--[a-z][a-z0-9-]+)(?![\w-])"
)
_EXAMPLE = re.compile(r"\b(?:e\.g\b|eg\b|for example|for instance|such as)", re.I)
_BRACKET = re.compile(r"\s*\(([^)]*)\)\s*")


def typed_key(text: str) -> str:
    """What of a typed answer counts: no case, spacing, punctuation or plural ("Dead-letter queues" ==
    "deadletter queue"). notemill-quiz.js's typedKey takes the same steps."""
    return "".join(typed_words(text))


def typed_words(text: str) -> list[str]:
    """The words of typed_key, before they are joined."""
    s = unicodedata.normalize("NFKC", text).lower()
    s = re.sub(r"[\u2018\u2019'`\u201c\u201d\"]", "", s)
    s = re.sub(r"(\d),(?=\d{3}\b)", r"\1", s)
    s = re.sub(r"[^a-z0-9%$.]+", " ", s)
    s = re.sub(r"\.(?!\d)", " ", s).strip()
    return [_singular(w) for w in s.split()]


def _singular(word: str) -> str:
    if re.search(r"\d", word) or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ss", "us", "is")):
        return word
    if re.search(r"(x|ch|sh|ss)es$", word):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _forms(*texts: str) -> tuple[str, ...]:
    """The accepted forms, each typed key once, the first as written."""
    out, keys = [], set()
    for t in texts:
        t = t.strip()
        k = typed_key(t)
        if t and k and k not in keys:
            keys.add(k)
            out.append(t)
    return tuple(out)


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    lines = scope.lines
    catalog = scope.study.catalog
    own_entry = catalog.by_name.get(topic.title)
    own = {norm(n) for n in (own_entry.names if own_entry else (topic.title,))}
    for place in lines.places(topic):
        node = place.node
        if node.kind not in ("item", "step", "text") or "\n" in node.text.strip():
            continue
        text = lines.first(node)
        if len(text) > MAX_CHARS or _EXAMPLE.search(text) or len(words(text)) < MIN_WORDS + 1:
            continue
        ctx = lines.context(place)
        for key in _keys(lines, node, text, catalog, own):
            start, end, what, accept = key
            gap = cloze(text, start, end)
            left = [w for w in norm(gap).split() if w.isalpha() and len(w) >= 3 and w not in _COMMON]
            shown = f" {' '.join(typed_words(f'{ctx} {gap.replace(BLANK, chr(32))}'))} "
            if len(left) >= MIN_WORDS and not any(f" {' '.join(typed_words(a))} " in shown for a in accept):
                break  # else the line says the answer again, or too little is left to say what is asked
        else:
            continue
        yield make_question(
            type="cloze",
            topic=topic.slug,
            context=ctx,
            stem=f"Type the missing {what}: “{gap}”",
            options=(accept[0],),
            answers=(0,),
            explanation=text,
            node=node,
            anchor=anchor(node),
            subject=gap,
            accept=accept,
        )


def _keys(lines, node, text, catalog, own):
    """The line's key terms, best first (at most one of each sort)."""
    for found in (_api(text, own), _catalog_name(text, catalog, own), _defined(lines, node, text),
                  _value(lines, node, text)):
        if found is not None:
            yield found


def _api(text: str, own: set[str]):
    """An API-style name written once in the line: CamelCase, camelCase or a --cli-option."""
    found = _API.findall(text)
    if len(found) != 1 or text.count(found[0]) != 1:
        return None
    m = _API.search(text)
    if norm(m.group()) in own:
        return None
    return m.start(), m.end(), "name", _forms(m.group())


def _catalog_name(text: str, catalog, own: set[str]):
    """A catalog name of another topic, the only one in the line; every name of its entry is accepted."""
    toks = tokens(text)
    found = [(i, n, name) for i, n, name in catalog.name_index.find(toks) if norm(str(name)) not in own]
    if len(found) != 1:
        return None
    i, n, name = found[0]
    entry = catalog.by_name.get(str(name))
    start, last = toks[i].start, toks[i + n - 1]
    end = last.start + len(last.raw)
    written = text[start:end]
    if not written[:1].isupper() or text[start - 1 : start] in ("-", "/") or text[end : end + 1] in ("-", "/"):
        return None  # a name is written as one ("Real-time stream" names nothing; "associate-kms-key" is a word)
    if entry is None or norm(written) in own or any(norm(x) in own for x in entry.names):
        return None
    return start, end, "name", _forms(written, *entry.names)


def _defined(lines, node, text: str):
    """The term of a "Term: definition" line, with and without its bracketed short form."""
    pair = lines.definition(node)
    split = split_term(text)
    if not pair or not split or not text.startswith(split[0]):
        return None
    term = split[0]
    short = _BRACKET.findall(term)
    bare = _BRACKET.sub(" ", term).strip()
    return 0, len(term), "term", _forms(term, bare, *short)


def _value(lines, node, text: str):
    """The one value with a unit in the line, in every usual spelling of its unit."""
    found = lines.quantities(node)
    if len(found) != 1 or not found[0].unit or found[0].is_range:
        return None  # a range is two answers; a count's noun is not a unit
    q = found[0]
    written = text[q.start:q.end]
    m = re.search(r"\d[\d.,]*", written)
    if m is None:
        return None
    number = m.group()
    spellings = [] if q.rate else [s for s, (kind, *_, factor) in _UNITS.items()
                                   if kind == q.kind and factor == q.factor]
    return q.start, q.end, "value", _forms(written, display(q), *(f"{number} {s}" for s in spellings))
