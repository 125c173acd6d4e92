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
from functools import partial
from typing import NamedTuple

from ..model import Topic
from .coverage import is_fact_line
from .facts import BLANK
from .model import Question, make_question
from .scope import Scope, anchor
from .text import _COMMON, norm, short_roots, split_term, tidy

TYPES = ("recall",)  # the question types made here
MAX_HIDDEN = 3  # words hidden at most: more is reciting the line, not recalling a fact
MIN_SHOWN = 2  # content words left visible in the line (a short list entry shows its list instead)
SHORT_STATEMENT = 8  # words: a "Term: statement" line hides its whole statement up to this length
MAX_LINE = 200  # characters; a longer line is a paragraph, not a card
LIST_MAX = 8  # entries: a short entry is shown among its siblings only in a list this short
LIST_ENTRY_CHARS = 80
MAX_LIST_CHARS = 240  # the siblings a card shows, together
SHORT_ENTRY = 4  # content words: an entry this short may be recalled whole, among its siblings
WHOLE_ENTRY = 2  # content words: an entry this short is recalled whole first (its key words are all of it)
RARE_LINES = 2  # a long word (RARE_CHARS+) in at most this many lines of the notes is a word of the subject
RARE_CHARS = 7
FREQUENT = 0.04  # share of the notes' lines: a word in more is the subject's own ("Azure"), not a fact,
FREQUENT_LINES = 10  # once it is in this many lines at least (in short notes every word is "frequent")
_TOKEN = re.compile(r"[A-Za-z0-9$%](?:[\w$%'’+&./-]*[\w$%+])?")
_JOINER = re.compile(r"^[ \t-]*$")  # what may sit between two words of one hidden run
# Function words and the verbs of any sentence: hidden alone they ask nothing.
_FUNCTION = _COMMON | frozenset(
    "a an of to in on at by or is be it as if so no nor than up down off about after before under without "
    "within between across are were been being had did do done could would should must might shall "
    "these those both either neither other another such same very most less least much many few etc "
    "able need needs make makes made get gets got allow allows let lets provide provides support supports "
    "we our us he she his her i me my it's is not cannot don't doesn't can't won't even still already really too "
    "quite rather almost instead well way thing things stuff something anything example instance every "
    "through throughout whole entire several various".split()
)
# A lone lower-case word after these, or before these, is mostly a verb ("to ____ with", "you ____ to",
# "____ the data"):
# hidden, it asks for grammar rather than a fact.
_VERB_BEFORE = frozenset("to will can cannot must should would could may might not never always "
                         "i you we they he she it".split())
_VERB_AFTER = frozenset("a an the this that these those your my our their its it them".split())
_EVERYDAY_ENDINGS = ("ity", "ness", "ly")
_SENTENCE_END = re.compile(r"[.!?;]\s+$")
_AND = frozenset({"and", "or", "nor", "vs", "versus"})
_SEP = frozenset({",", "/", "&", "+", ";", "·"})
_OPENING = frozenset("([{\"'“‘")
_CLOSING = frozenset(")]}\"'”’,;:!?")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_NAME = re.compile(r"[A-Z].*[A-Z]|[a-z][A-Z]|\d")  # an acronym, CamelCase or a number: a name or a value


def questions(topic: Topic, scope: Scope, covered: frozenset = frozenset()) -> Iterator[Question]:
    """Recall cards for the topic's fact lines not in ``covered`` ((file, line) other questions test)."""
    lines = scope.lines
    worth = partial(scope.read, _worth)  # (word, first of a sentence) -> what hiding it is worth
    for place in lines.places(topic):
        node = place.node
        key = (node.source.file, node.source.line)
        if key in covered or not is_fact_line(node, place.parent, lines):
            continue
        text = lines.first(node)
        if len(text) > MAX_LINE:
            continue
        ctx = lines.context(place)  # empty for a guessed title's top lines: the page (or Review) names it
        # A short entry ("LRU") is asked among its siblings; a longer one by its key words when it has
        # some worth hiding, else whole among its siblings.
        common = scope.facts.common_roots
        if _content(text) <= WHOLE_ENTRY:
            card = _entry_card(place, text, lines, ctx) or _line_card(text, ctx, worth, common)
        else:
            card = _line_card(text, ctx, worth, common) or _entry_card(place, text, lines, ctx)
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


def _line_card(text: str, ctx: str, worth, common: frozenset) -> tuple[str, str, tuple] | None:
    """The line with its key words hidden: (stem, hidden words, no other lines)."""
    split = split_term(text)
    if split and text.startswith(split[0]):
        term, statement = split
        statement = statement[1:-1].strip() if statement[:1] == "(" and statement[-1:] == ")" else statement
        offset = text.find(statement, len(term)) if statement else -1
        if offset < 0:
            return None  # the statement is not the line's tail as written: no clean place for the gap
        if 0 < _content(statement) and len(norm(statement).split()) <= SHORT_STATEMENT and _content(term):
            # "Choice state: make a choice" says its statement in its term: hide words of it instead.
            if not _shares(statement, ctx) and not _told(text, offset, offset + len(statement), common):
                stem = _stem(text, offset, offset + len(statement))
                return (stem, statement, ()) if stem else None
        span = _best_span(text, ctx, worth, common, start=offset)
    else:
        span = _best_span(text, ctx, worth, common)
    stem = _stem(text, *span) if span else None
    return (stem, text[span[0]:span[1]], ()) if stem else None


def _entry_card(place, text: str, lines, ctx: str) -> tuple[str, str, tuple] | None:
    """A short entry of a short list, hidden among its siblings: (stem, the entry, the siblings shown).
    An entry alone under its line is asked with that line as the cue ("Conditional Writes: ____")."""
    siblings = [s for s in place.siblings if s.kind in ("item", "step")]
    if place.parent is None or not 1 <= len(siblings) <= LIST_MAX or _content(text) > SHORT_ENTRY:
        return None
    if _content(text) > WHOLE_ENTRY and lines.split(place.node):
        return None  # a "Term: statement" entry is asked by its statement (a line card), never whole
    if len(siblings) == 1:
        label = lines.label(place.parent)
        if not label or len(label) > LIST_ENTRY_CHARS or _shares(text, f"{ctx} {label}"):
            return None
        return f"Recall the missing entry: “{label}: {BLANK}”", text, ()
    shown = [lines.first(s) for s in siblings]
    if (any(not s or len(s) > LIST_ENTRY_CHARS for s in shown) or len({norm(s) for s in shown}) != len(shown)
            or sum(map(len, shown)) > MAX_LIST_CHARS):
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
    first: bool  # the first word of the line or of a sentence in it (its capital says nothing)


def _best_span(text: str, ctx: str, worth, common: frozenset, start: int = 0) -> tuple[int, int] | None:
    """(start, end) of the run of content words to hide, or None when no run is worth asking.

    A run is a whole phrase ("Put the new load ____ in" would hide half of "load balancer"), holds a
    term of the notes or a name or value, and leaves ``MIN_SHOWN`` content words of the line visible."""
    tokens = _tokens(text, worth)
    # "ValidateService" says "service" and "validateservice"; "CloudFront caching" says "cache"
    cue = {_root(w) for w in f"{norm(ctx)} {norm(_CAMEL.sub(' ', ctx))}".split()}
    cue_stems = _stems(ctx)
    shown_words = sum(t.content for t in tokens)

    def joined(i: int) -> bool:  # tokens i and i + 1 are content words of one phrase
        # A verb before "the" ends the phrase before it ("The TCP/IP model squeezes the layers").
        # So does a verb after "you" or "to" ("If you want CloudWatch alarm": hide "CloudWatch alarm").
        return (tokens[i].content and tokens[i + 1].content
                and bool(_JOINER.match(text[tokens[i].end:tokens[i + 1].start]))
                and not _verb_before_object(tokens, i + 1) and not _after_verb_cue(tokens, i))

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
                or (first == last and _verb_like(tokens, first)) or any(t.roots & cue for t in run)
                or _coordinated(text, tokens, first, last) or _inside_word(text, run[0].start, run[-1].end)):
            continue  # a verb alone, too little left to read, the breadcrumb or a sibling shows it
        if _stems(text[run[0].start:run[-1].end]) & cue_stems:
            continue
        score = _score(run, tokens[first].first)
        if score > best_score and not _told(text, run[0].start, run[-1].end, common):
            best, best_score = (run[0].start, run[-1].end), score
    return best


def _tokens(text: str, worth) -> list[_Token]:
    out = []
    for m in _TOKEN.finditer(text):
        w = m.group()
        first = not out or _SENTENCE_END.search(text[:m.start()]) is not None
        out.append(_Token(m.start(), m.end(), w, *worth(w, first), first))
    return out


def _worth(scope: Scope, w: str, first: bool) -> tuple[bool, frozenset, float, bool]:
    """What hiding a word is worth, which depends on the whole notes (how often each word is written)."""
    words = _words(scope)
    memo = words[4]  # words repeat across a build's lines
    known = memo.get((w, first))
    if known is None:
        known = memo[(w, first)] = _word_worth(w, first, words)
    return known


def _word_worth(w: str, first: bool, words) -> tuple[bool, frozenset, float, bool]:
    vocabulary, rarity, rare, frequent, _ = words
    found = norm(w).split()
    if frequent(found) and not any(c.isdigit() for c in w):  # a value is a value however often it is written
        return _is_content(w), frozenset(_root(x) for x in found), 0.0, False
    roots = frozenset(_root(x) for x in found)
    # A capital inside the line starts a name ("Machine Learning"); at its start, only a second one.
    name = bool(_NAME.search(w[1:])) if first else w[:1].isupper() or bool(_NAME.search(w))
    term = bool(roots & vocabulary)
    return _is_content(w), roots, 2.0 * term + 1.5 * name + 0.3 * rarity(found), name or term or rare(w, found)


def _coordinated(text: str, tokens, first: int, last: int) -> bool:
    """Whether the run is one item of "X and Y", "X, Y", "X / Y": the items shown say what the hidden one
    is ("RCU and ____" is WCU), so the card asks for nothing."""
    if first >= 1 and tokens[first - 1].content is False and tokens[first - 1].word.lower() in _AND:
        if first >= 2 and tokens[first - 2].content:
            return True
    elif first >= 1 and tokens[first - 1].content and text[tokens[first - 1].end:tokens[first].start].strip() in _SEP:
        return True
    if last + 1 < len(tokens):
        after = tokens[last + 1]
        if after.word.lower() in _AND and last + 2 < len(tokens) and tokens[last + 2].content:
            return True
        if after.content and text[tokens[last].end:after.start].strip() in _SEP:
            return True
    return False


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether the gap would start or end inside a word (".____" of ".fifo", "package.____")."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if after == "." and (end + 1 >= len(text) or text[end + 1].isspace()):
        after = " "  # a full stop
    return not (before.isspace() or before in _OPENING) or not (after.isspace() or after in _CLOSING)


def _verb_before_object(tokens, i: int) -> bool:
    return tokens[i].word.islower() and i + 1 < len(tokens) and norm(tokens[i + 1].word) in _VERB_AFTER


def _after_verb_cue(tokens, i: int) -> bool:
    """A lower-case word after "to", "can", "you", "it's"...: mostly a verb."""
    if i == 0 or not tokens[i].word.islower():
        return False
    before = norm(tokens[i - 1].word).split()
    return bool(before) and before[0] in _VERB_BEFORE


def _verb_like(tokens, i: int) -> bool:
    """A lone word that reads as a verb or a remark: after "to", before "the", ending in -ed, or a
    note's first word ("Put the new load balancer in", "Good for testing")."""
    word = tokens[i].word
    if tokens[i].first and word[1:].islower():
        return True
    if not word.islower():
        return False
    after = norm(tokens[i + 1].word) if i + 1 < len(tokens) else ""
    return _after_verb_cue(tokens, i) or after in _VERB_AFTER or word.endswith("ed")


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

    def frequent(found: list[str]) -> bool:
        n = counts.get(_root(found[0]), 0) if found else 0
        return n >= FREQUENT_LINES and n > FREQUENT * total

    def rare(word: str, found: list[str]) -> bool:
        # Not a quality or a manner ("ability", "functionality", "explicitly"): those are everyday words.
        return (len(word) >= RARE_CHARS and bool(found) and not found[0].endswith(_EVERYDAY_ENDINGS)
                and counts.get(_root(found[0]), 0) <= RARE_LINES)
    return vocabulary, rarity, rare, frequent, memo


_SUFFIXES = ("ing", "ed", "es", "s", "e")


def _stems(text: str) -> set[str]:
    """Word stems with a light suffix cut, camel case split: "caching" and "cache" meet ("cach"), "storage"
    and "store" do not."""
    out = set()
    for w in norm(_CAMEL.sub(" ", text)).split():
        for suffix in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 4:
                w = w[:-len(suffix)]
                break
        if w not in _FUNCTION:
            out.add(w[:6])
    return out


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


def _told(text: str, start: int, end: int, common: frozenset) -> bool:
    """Whether the rest of the line holds a word of the hidden words, in any form (the quality rules'
    test: such a card is dropped, so a phrase that passes is looked for instead)."""
    rest = f"{text[:start]} {text[end:]}"
    if f" {norm(text[start:end])} " in f" {norm(rest)} ":
        return True  # said again word for word ("5" in "Default is 5 minutes ... within ____ minutes")
    return bool((short_roots(text[start:end]) - common) & short_roots(rest))
