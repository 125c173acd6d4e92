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
from functools import partial

from ..model import Topic
from ..terms import tokens
from .facts import BLANK, cloze
from .model import Question, make_question
from .quantities import _UNITS, display, find_quantities
from .scope import Scope, anchor
from .text import _COMMON, norm, split_term, words

TYPES = ("cloze",)  # the question types made here
MIN_WORDS = 3  # content words left around the gap, so the line still says what it asks
MAX_CHARS = 160
_API = re.compile(
    r"(?<![\w-])(?:[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*){1,}|[a-z]+(?:[A-Z][a-z0-9]+)+|--[a-z][a-z0-9-]+)(?![\w-])"
)
_EXAMPLE = re.compile(r"\b(?:e\.g\b|eg\b|for example|for instance|such as)", re.I)
_PART_OF_NAME_BEFORE = re.compile(r"(?<![.:;!?→]\s)(?<=\S\s)[A-Z][\w-]*\s$")
_PART_OF_NAME_AFTER = re.compile(r"\s*\(|\s[A-Z][\w-]*")
_NAME_LIKE = re.compile(r"[A-Z0-9]|--|[a-z]+[A-Z]")  # a name starts with a capital, or reads as code
_TRAILING_VERB = re.compile(r"^\S+\s+\S+\s+.*\b[a-z]+$")  # three words or more ending in a lower-case word
_NAVIGATION = frozenset({"related", "see also", "see", "links", "link", "tags", "tag", "source", "sources", "ref",
                         "refs", "references", "reference", "backlinks", "up", "next", "previous", "prev"})
_PREPOSITIONS = frozenset("through via in on at from by with without for to into using".split())
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}s?$")
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


def typed_right(typed: str, accept) -> bool:
    """Whether a typed answer is right: its typed_key is an accepted form's, or, for a long name without
    digits, a letter or two off (notes and students misspell; "Target Revisision"). notemill-quiz.js's
    typedRight takes the same steps."""
    key = typed_key(typed)
    if not key:
        return False
    for form in accept:
        want = typed_key(form)
        if key == want:
            return True
        if not re.search(r"\d", want) and _distance(key, want) <= _forgiven(want):
            return True
    return False


def _forgiven(want: str) -> int:
    """Letters a long name may be off by: none under 8 ("PutItem" / "GetItem"), one, two from 14."""
    return 0 if len(want) < 8 else 1 if len(want) < 14 else 2


def _distance(a: str, b: str) -> int:
    """Edit distance (letters added, dropped or changed)."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


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
        split = lines.split(node)
        if split and norm(split[0]) in _NAVIGATION:
            continue  # "Related: DynamoDB streams, Messaging" points elsewhere, it states no fact
        ctx = lines.context(place)
        for key in _keys(lines, node, text, catalog, own, partial(scope.read, _studied)):
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


def _keys(lines, node, text, catalog, own, studied):
    """The line's key terms, best first (at most one of each sort)."""
    for found in (_api(text, own), _catalog_name(text, catalog, own, studied), _defined(lines, node, text, catalog),
                  _value(lines, node, text)):
        if found is not None:
            yield found


def _api(text: str, own: set[str]):
    """An API-style name written once in the line: CamelCase, camelCase or a --cli-option."""
    found = _API.findall(text)
    if len(found) != 1 or text.count(found[0]) != 1:
        return None
    m = _API.search(text)
    if norm(m.group()) in own or _part_of_name(text, m.start(), m.end()):
        return None
    return m.start(), m.end(), "name", _forms(m.group())


def _studied(scope, title: str) -> bool:
    """Whether the study has a topic of that title (normalised)."""
    return title in scope.facts.slugs


def _catalog_name(text: str, catalog, own: set[str], studied):
    """The catalog name of another topic of the study (``studied(title)``: whether the notes have a topic of
    that normalised title), the only one in the line; every name of its entry is accepted."""
    toks = tokens(text)
    found = [(i, n, name) for i, n, name in catalog.name_index.find(toks) if norm(str(name)) not in own]
    if len(found) != 1:
        return None
    i, n, name = found[0]
    entry = catalog.by_name.get(str(name))
    if not studied(norm(str(name))):
        return None  # a name the notes have no page about may be a false friend ("RAM" the memory)
    start, last = toks[i].start, toks[i + n - 1]
    end = last.start + len(last.raw)
    written = text[start:end]
    if not written[:1].isupper() or text[start - 1 : start] in ("-", "/") or text[end : end + 1] in ("-", "/"):
        return None  # a name is written as one ("Real-time stream" names nothing; "associate-kms-key" is a word)
    if _part_of_name(text, start, end):
        return None
    if entry is None or norm(written) in own or any(norm(x) in own for x in entry.names):
        return None
    return start, end, "name", _forms(written, *entry.names)


def _part_of_name(text: str, start: int, end: int) -> bool:
    """Part of a longer name ("CodePipeline Artifact", "Amazon SageMaker"), or spelt out beside it
    ("ACM (AWS Certificate Manager)"): hiding it would ask half a name, or give it away."""
    return bool(_PART_OF_NAME_BEFORE.search(text[:start]) or _PART_OF_NAME_AFTER.match(text[end:]))


def _defined(lines, node, text: str, catalog):
    """The term of a "Term: definition" line, with and without its bracketed short form."""
    pair = lines.definition(node)
    split = split_term(text)
    if not pair or not split or not text.startswith(split[0]):
        return None
    term = split[0]
    if (not _NAME_LIKE.match(term) or find_quantities(term) or _TRAILING_VERB.search(term)
            or norm(term).split()[0] in _PREPOSITIONS):
        return None  # "created", "Default is 5 minutes", "Supported type includes", "Through CLI" name nothing
    short = [b for b in _BRACKET.findall(term) if _ACRONYM.match(b)]  # "(CMK)", never "(optional)"
    bare = _BRACKET.sub(" ", term).strip()
    entry = catalog.by_name.get(_catalog_name_of(bare, catalog) or "")
    return 0, len(term), "term", _forms(term, bare, *short, *(entry.names if entry else ()))


def _catalog_name_of(text: str, catalog) -> str | None:
    """The catalog entry a whole text names ("Amazon Personalize"), if it names one."""
    toks = tokens(text)
    found = catalog.name_index.find(toks)
    if len(found) == 1 and found[0][0] == 0 and found[0][1] == len(toks):
        return str(found[0][2])
    return None


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
