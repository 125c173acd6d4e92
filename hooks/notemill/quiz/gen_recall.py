"""Recall cards: a fact line no other question asks about, with its key words hidden, graded by the student.

The other kinds need a shape (a defined term, a value, a list of kinds) and
wrong options that are surely wrong; most lines of real notes have neither
("Invalidate cache using CreateInvalidation API", "Cheaper"). A recall card
asks them the way flashcards do: the line with its key words hidden (or, for
a short entry of a short list, the list with that entry hidden), the student
recalls them, shows the answer (the line as written) and says whether they
knew it. Nothing is offered as wrong, so a card cannot teach a wrong thing;
what it can do badly is hide a word that says little, which the choice of
words below avoids:

* a "Term: statement" line hides the statement when it is short (the term is
  the cue), else the key words of the statement;
* any other line hides its key words: a run of at most ``MAX_HIDDEN`` content
  words, preferring names (capitals inside the line, CamelCase, acronyms),
  numbers and words rare in the whole notes, never words of the breadcrumb
  above the question (they would be the cue and the answer at once), and only
  when enough of the line stays visible to say what is asked.

Cards are made only for fact lines (``coverage.is_fact_line``) that no other
question of the topic tests, so they fill the gaps rather than repeat. The
mock exam leaves them out: a self-graded answer is not a score.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from ..model import Topic
from .coverage import is_fact_line
from .facts import BLANK
from .model import Question, make_question
from .scope import Scope, anchor
from .text import _COMMON, norm, split_term, tidy

TYPES = ("recall",)  # the question types made here
MAX_HIDDEN = 3  # words hidden at most: more is reciting the line, not recalling a fact
MIN_SHOWN = 2  # content words left visible in the line (a short list entry shows its list instead)
SHORT_STATEMENT = 8  # words: a "Term: statement" line hides its whole statement up to this length
MAX_LINE = 200  # characters; a longer line is a paragraph, not a card
LIST_MAX = 8  # entries: a short entry is shown among its siblings only in a list this short
LIST_ENTRY_CHARS = 48
SHORT_ENTRY = 4  # content words: an entry this short is recalled whole, among its siblings
RARE_LINES = 2  # a long word (RARE_CHARS+) in at most this many lines of the notes is a word of the subject
RARE_CHARS = 7
_TOKEN = re.compile(r"[A-Za-z0-9$%](?:[\w$%'’+&./-]*[\w$%+])?")
_JOINER = re.compile(r"^[ \t-]*$")  # what may sit between two words of one hidden run
# Function words and the verbs of any sentence: hidden alone they ask nothing.
_FUNCTION = _COMMON | frozenset(
    "a an of to in on at by or is be it as if so no nor than up down off about after before under without "
    "within between across are were been being had did do done could would should must might shall "
    "these those both either neither other another such same very most less least much many few etc "
    "able need needs make makes made get gets got allow allows let lets provide provides support supports "
    "we our us he she his her i me my it's is not cannot don't doesn't can't won't even still already really too "
    "quite rather almost instead well way thing things stuff something anything example instance".split()
)
# A lone lower-case word after these, or before these, is mostly a verb ("to ____ with", "____ the data"):
# hidden, it asks for grammar rather than a fact.
_VERB_BEFORE = frozenset("to will can cannot must should would could may might not never always".split())
_VERB_AFTER = frozenset("a an the this that these those your my our their its it them".split())
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NAME = re.compile(r"[A-Z].*[A-Z]|[a-z][A-Z]|\d")  # an acronym, CamelCase or a number: a name or a value


def questions(topic: Topic, scope: Scope, covered: frozenset = frozenset()) -> Iterator[Question]:
    """Recall cards for the topic's fact lines not in ``covered`` ((file, line) other questions test)."""
    lines = scope.lines
    words = _words(scope)
    for place in lines.places(topic):
        node = place.node
        key = (node.source.file, node.source.line)
        if key in covered or not is_fact_line(node, place.parent, lines):
            continue
        text = lines.first(node)
        if len(text) > MAX_LINE:
            continue
        ctx = lines.context(place)  # empty for a guessed title's top lines: the page (or Review) names it
        card = _entry_card(place, text, lines, ctx) or _line_card(text, ctx, words)
        if card is None:
            continue
        stem, answer, shown = card
        yield make_question(
            type="recall",
            topic=topic.slug,
            context=ctx,
            stem=stem,
            options=(answer,),
            answers=(0,),
            explanation=text,
            node=node,
            anchor=anchor(node),
            subject=stem,
            tested=(node,),
            # The siblings an entry card shows are lines it reads: a page asks one question per line, so
            # no other card of the list (whose stem would show this answer) is on the same page.
            also=tuple(n.source.line for n in shown if n.source.file == node.source.file),
        )


def _line_card(text: str, ctx: str, words) -> tuple[str, str, tuple] | None:
    """The line with its key words hidden: (stem, hidden words, no other lines)."""
    split = split_term(text)
    if split and text.startswith(split[0]):
        term, statement = split
        statement = statement[1:-1].strip() if statement[:1] == "(" and statement[-1:] == ")" else statement
        offset = text.find(statement, len(term)) if statement else -1
        if offset < 0:
            return None  # the statement is not the line's tail as written: no clean place for the gap
        if 0 < _content(statement) and len(norm(statement).split()) <= SHORT_STATEMENT and _content(term):
            if not _shares(statement, ctx):
                stem = _stem(text, offset, offset + len(statement))
                return (stem, statement, ()) if stem else None
        span = _best_span(text, ctx, words, start=offset)
    else:
        span = _best_span(text, ctx, words)
    stem = _stem(text, *span) if span else None
    return (stem, text[span[0]:span[1]], ()) if stem else None


def _entry_card(place, text: str, lines, ctx: str) -> tuple[str, str, tuple] | None:
    """A short entry of a short list, hidden among its siblings: (stem, the entry, the siblings shown)."""
    siblings = [s for s in place.siblings if s.kind in ("item", "step")]
    if place.parent is None or not 2 <= len(siblings) <= LIST_MAX or _content(text) > SHORT_ENTRY:
        return None
    shown = [lines.first(s) for s in siblings]
    if any(not s or len(s) > LIST_ENTRY_CHARS for s in shown) or len({norm(s) for s in shown}) != len(shown):
        return None
    if _shares(text, " ".join([ctx, *(s for s, n in zip(shown, siblings, strict=True) if n is not place.node)])):
        return None  # a word of the entry in its siblings or the breadcrumb gives it away
    parts = [BLANK if n is place.node else s for s, n in zip(shown, siblings, strict=True)]
    others = tuple(n for n in siblings if n is not place.node)
    return f"Recall the missing entry: “{' · '.join(parts)}”", text, others


def _stem(text: str, start: int, end: int) -> str | None:
    gap = tidy(text[:start] + BLANK + text[end:])
    return f"Recall the missing words: “{gap}”" if BLANK in gap else None


class _Token(NamedTuple):
    start: int
    end: int
    word: str
    content: bool
    roots: frozenset
    value: float  # what hiding it is worth (terms, names, rarity)
    named: bool  # a name, a value, a term of the notes or a rare word: worth asking on its own


def _best_span(text: str, ctx: str, words, start: int = 0) -> tuple[int, int] | None:
    """(start, end) of the run of content words to hide, or None when no run is worth asking.

    A run is a whole phrase ("Put the new load ____ in" would hide half of "load balancer"), holds a
    term of the notes or a name or value, and leaves ``MIN_SHOWN`` content words of the line visible."""
    tokens = _tokens(text, words)
    cue = {_root(w) for w in norm(_CAMEL.sub(" ", ctx)).split()}  # "ValidateService" says "service"
    shown_words = sum(t.content for t in tokens)

    def joined(i: int) -> bool:  # tokens i and i + 1 are content words of one phrase
        # A verb before "the" ends the phrase before it ("The TCP/IP model squeezes the layers").
        return (tokens[i].content and tokens[i + 1].content
                and bool(_JOINER.match(text[tokens[i].end:tokens[i + 1].start]))
                and not _verb_before_object(tokens, i + 1))

    best, best_score = None, 0.0
    for last, token in enumerate(tokens):
        if token.start < start or not token.content or (last + 1 < len(tokens) and joined(last)):
            continue  # a phrase is hidden whole, from its last word
        first = last
        while first > 0 and joined(first - 1):
            first -= 1
        # A phrase longer than MAX_HIDDEN words keeps its first words as the cue (English puts the head
        # of a phrase last: "Next step read CodePipeline ____").
        first = max(first, last - MAX_HIDDEN + 1)
        run = tokens[first:last + 1]
        if (tokens[first].start < start or shown_words - len(run) < MIN_SHOWN
                or (first == last and _verb_like(tokens, first)) or any(t.roots & cue for t in run)):
            continue  # a verb alone, too little left to read, or the breadcrumb shows it
        score = _score(run, first == 0)
        if score > best_score and not _appears_elsewhere(text, run[0].start, run[-1].end):
            best, best_score = (run[0].start, run[-1].end), score
    return best


def _tokens(text: str, words) -> list[_Token]:
    memo = words[3]  # (word, first in its line) -> what it is worth; words repeat across a build's lines
    out = []
    for i, m in enumerate(_TOKEN.finditer(text)):
        w = m.group()
        known = memo.get((w, i == 0))
        if known is None:
            known = memo[(w, i == 0)] = _word_worth(w, i == 0, words)
        out.append(_Token(m.start(), m.end(), w, *known))
    return out


def _word_worth(w: str, first: bool, words) -> tuple[bool, frozenset, float, bool]:
    vocabulary, rarity, rare, _ = words
    found = norm(w).split()
    roots = frozenset(_root(x) for x in found)
    # A capital inside the line starts a name ("Machine Learning"); at its start, only a second one.
    name = bool(_NAME.search(w[1:])) if first else w[:1].isupper() or bool(_NAME.search(w))
    term = bool(roots & vocabulary)
    return _is_content(w), roots, 2.0 * term + 1.5 * name + 0.3 * rarity(found), name or term or rare(w, found)


def _verb_before_object(tokens, i: int) -> bool:
    return tokens[i].word.islower() and i + 1 < len(tokens) and norm(tokens[i + 1].word) in _VERB_AFTER


def _verb_like(tokens, i: int) -> bool:
    """A lone word that reads as a verb or a remark: after "to", before "the", ending in -ed, or a
    note's first word ("Put the new load balancer in", "Good for testing")."""
    word = tokens[i].word
    if i == 0 and word[1:].islower():
        return True
    if not word.islower():
        return False
    before = norm(tokens[i - 1].word) if i > 0 else ""
    after = norm(tokens[i + 1].word) if i + 1 < len(tokens) else ""
    return before in _VERB_BEFORE or after in _VERB_AFTER or word.endswith("ed")


def _score(run, at_start: bool) -> float:
    """How much a run of words is worth hiding: terms of the notes, names and values; 0 for none."""
    if not any(t.named for t in run):
        return 0.0  # everyday words ("related", "act", "whole"): hidden, they ask nothing of the notes
    score = sum(t.value for t in run)
    if at_start and not _NAME.search(run[0].word):
        score -= 1.0  # the first word of a note is mostly its verb ("Provide", "Create")
    return score / (1 + 0.5 * (len(run) - 1))  # a longer run must earn its extra words


def _words(scope: Scope):
    """(the notes' terms, word -> how rare it is, word -> whether it is a rare long word), built once per
    build.

    The terms are the words of what the notes name: headings and labels of lines with lines under them,
    the terms of "Term: definition" lines and topic titles. Rarity is the log of lines per line holding
    the word."""
    table = scope.cache.get("recall_words")
    if table is None:
        counts: Counter = Counter()
        vocabulary: set[str] = set()
        total = 0
        lines = scope.lines
        for topic in scope.study.topics:
            vocabulary.update(_root(w) for w in norm(topic.title).split())
            for place in lines.places(topic):
                node = place.node
                first = lines.first(node)
                total += 1
                counts.update({_root(w) for w in norm(first).split()})
                split = lines.split(node)
                named = split[0] if split else first if node.children else ""
                vocabulary.update(_root(w) for w in norm(named).split() if w not in _FUNCTION)
        table = scope.cache["recall_words"] = (frozenset(vocabulary), counts, max(total, 1), {})
    vocabulary, counts, total, memo = table

    def rarity(found: list[str]) -> float:  # found: the word's norm, split
        return math.log(total / (1 + counts.get(_root(found[0]), 0))) if found else 0.0

    def rare(word: str, found: list[str]) -> bool:
        return len(word) >= RARE_CHARS and bool(found) and counts.get(_root(found[0]), 0) <= RARE_LINES
    return vocabulary, rarity, rare, memo


def _root(word: str) -> str:
    return word[:6] if len(word) > 6 else word.rstrip("s") if len(word) > 3 else word


def _is_content(word: str) -> bool:
    w = norm(word)
    if "'" in word or "’" in word:  # "it's", "don't", "haven't": a function word and its contraction
        if w.endswith("n t"):
            return False
        w = w.split()[0] if w else w
    return bool(w) and w not in _FUNCTION and (len(w) >= 2 or w.isdigit())


def _content(text: str) -> int:
    return sum(1 for m in _TOKEN.finditer(text) if _is_content(m.group()))


def _shares(text: str, other: str) -> bool:
    """Whether a content word of ``text`` (by its root) is in ``other``."""
    mine = {_root(w) for w in norm(text).split() if w not in _FUNCTION}
    return bool(mine & {_root(w) for w in norm(other).split()})


def _appears_elsewhere(text: str, start: int, end: int) -> bool:
    rest = f" {norm(text[:start])} {norm(text[end:])} "
    return f" {norm(text[start:end])} " in rest
