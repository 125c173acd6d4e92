"""Name every section: keep its heading, or recover a lost one.

A kept heading is matched to the catalog so that "Secret Manager" and
"AWS Secrets Manager" become one topic. A lost heading is scored against the
catalog (names weigh most, then distinctive keywords); with no convincing
catalog match, the section's own dominant term names it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .catalog import Catalog
from .model import Section, Title
from .terms import Token, tokens

NAME_WEIGHT = 3.0
KEYWORD_WEIGHT = 1.5
LEAD_BONUS = 1.5  # the first lines usually say what the section is about
LEAD_LINES = 3
ENUMERATION = 3  # a line naming this many topics lists them, it is not about them
MIN_SCORE = 3.0  # one name, or two keywords
_PAREN = re.compile(r"\(([^()]*)\)")
_TERM_HEAD = re.compile(r"^([^:]{2,40}?)\s*:\s")
_STOP = frozenset(
    """a an and are as at be been but by can could do does doesn't don't each for from has have how if in
    into is it its it's of on one or our so such than that the their them then there these they this those to
    too up us use used using via was we were what when where which while who will with within without you your
    not no yes all any more most other some only also just like get gets got make makes need needs very much
    many same own way ways thing things stuff etc e.g i.e eg ie vs default set first new old""".split()
)


@dataclass(frozen=True)
class Mapping:
    """A user's rename of one section, found by file name and first line."""

    file: str
    line: int
    title: str


def _lines(section: Section) -> list[str]:
    return [node.text for node in section.walk()]


def score_catalog(section: Section, catalog: Catalog) -> list[tuple[float, str, tuple[str, ...]]]:
    """Scores of catalog entries for a section, best first, with the evidence."""
    scores: Counter[str] = Counter()
    evidence: dict[str, list[str]] = {}
    seen_keywords: Counter[tuple[str, str]] = Counter()
    for index, text in enumerate(_lines(section)):
        toks = tokens(text)
        lead = LEAD_BONUS if index < LEAD_LINES else 1.0
        named = catalog.name_index.find(toks)
        distinct = {value for _, _, value in named}
        share = 1.0 / len(distinct) if len(distinct) >= ENUMERATION else 1.0
        for start, size, value in named:
            scores[value] += NAME_WEIGHT * lead * share
            evidence.setdefault(value, []).append(_span(toks, start, size))
        for start, size, value in catalog.keyword_index.find(toks):
            phrase = _span(toks, start, size)
            seen_keywords[(value, phrase.lower())] += 1
            # A keyword counts fully once; repeats add a little.
            gain = KEYWORD_WEIGHT if seen_keywords[(value, phrase.lower())] == 1 else 0.25
            scores[value] += gain * lead
            evidence.setdefault(value, []).append(phrase)
    # A family of features ("Data Streams", "Firehose") points at its parent.
    for name, score in list(scores.items()):
        parent = catalog.by_name[name].parent
        if parent and parent in catalog.by_name:
            scores[parent] += 0.6 * score
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(score, name, tuple(dict.fromkeys(evidence.get(name, ())))) for name, score in ranked]


def _span(toks: list[Token], start: int, size: int) -> str:
    return " ".join(t.raw for t in toks[start : start + size])


def match_heading(text: str, catalog: Catalog) -> str | None:
    """The catalog entry a kept heading names, if it mostly consists of that name."""
    candidates = [text, _PAREN.sub(" ", text)] + _PAREN.findall(text)
    for candidate in candidates:
        toks = tokens(candidate)
        if not toks:
            continue
        found = catalog.name_index.find(toks)
        if not found:
            continue
        start, size, value = max(found, key=lambda f: (f[1], -f[0]))
        if size * 2 >= len(toks):
            return str(value)
    return None


def dominant_term(section: Section, document_frequency: Counter[str], sections: int) -> tuple[str, float]:
    """The term a section is most about, as written in the notes, and a confidence."""
    counts: Counter[str] = Counter()
    surface: dict[str, Counter[str]] = {}
    for index, text in enumerate(_lines(section)):
        weight = 2.0 if index == 0 else 1.0
        head = _TERM_HEAD.match(text)
        for term, raw in _candidate_terms(text):
            bonus = 1.0 if head and raw == head.group(1) else 0.0
            counts[term] += weight + bonus
            surface.setdefault(term, Counter())[raw] += 1
    if not counts:
        return "", 0.0

    def weight(term: str) -> float:
        idf = math.log((1 + sections) / (1 + document_frequency.get(term, 0))) + 1
        length = 1.0 + 0.3 * (term.count(" "))
        return counts[term] * idf * length

    best = max(sorted(counts), key=weight)
    runner = max((weight(t) for t in counts if t != best), default=0.0)
    raw = surface[best].most_common(1)[0][0]
    title = raw[:1].upper() + raw[1:]
    confidence = round(min(0.6, 0.3 + 0.3 * (1 - runner / weight(best))), 2)
    return title, confidence


def _candidate_terms(text: str) -> list[tuple[str, str]]:
    words = [t for t in re.findall(r"[A-Za-z][A-Za-z0-9'’-]*", text)]
    out = []
    for size in (1, 2):
        for i in range(len(words) - size + 1):
            gram = words[i : i + size]
            if any(w.lower() in _STOP or len(w) < 3 for w in gram):
                continue
            raw = " ".join(gram)
            out.append((" ".join(w.lower().rstrip("s") for w in gram), raw))
    return out


def document_frequencies(sections: list[Section]) -> Counter[str]:
    df: Counter[str] = Counter()
    for section in sections:
        terms = {term for text in _lines(section) for term, _ in _candidate_terms(text)}
        df.update(terms)
    return df


def name_section(
    section: Section,
    catalog: Catalog,
    df: Counter[str],
    section_count: int,
    mappings: dict[tuple[str, int], str],
) -> Title:
    mapped = mappings.get((section.file, section.first_line))
    if mapped:
        entry = match_heading(mapped, catalog)
        return Title(mapped, inferred=False, confidence=1.0, method="mapping", entry=entry)
    if section.heading is not None:
        entry = match_heading(section.heading.text, catalog)
        if entry:
            return Title(entry, inferred=False, confidence=1.0, method="heading", entry=entry,
                         evidence=(section.heading.text,))
        return Title(section.heading.text, inferred=False, confidence=1.0, method="heading")
    ranked = score_catalog(section, catalog)
    if ranked and ranked[0][0] >= MIN_SCORE:
        top, name, evidence = ranked[0]
        second = ranked[1][0] if len(ranked) > 1 else 0.0
        confidence = round((top / (top + second)) * min(1.0, top / 6.0), 2)
        return Title(name, inferred=True, confidence=confidence, method="catalog", entry=name,
                     evidence=evidence[:5])
    term, confidence = dominant_term(section, df, section_count)
    if not term:
        term = f"Notes from line {section.first_line}"
    return Title(term, inferred=True, confidence=confidence, method="term", evidence=(term,))
