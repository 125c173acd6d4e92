"""Which-topic questions: a topic's opening lines, with the topic's name hidden.

Wrong options are other topics of the same category (from the notes, then
from the topic catalog), never one the lines name or one whose notes hold
the same lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from ..catalog import GENERAL
from ..model import Topic
from ..terms import tokens
from .model import Question, last_line, make_question
from .places import titled
from .scope import Scope, anchor
from .text import contains, in_seeded_order, is_list_heading, roots, shuffled, tidy, words

MIN_WORDS = 2
MAX_SHOWN_CHARS = 160
MAX_WORDS = 25
MAX_LINES = 2
WRONG = 3
MAX_QUESTIONS = 3  # per topic: which-topic questions test where a line belongs, a few are enough
MIN_ALONE_WORDS = 6  # a line shorter than this is asked with the next one
MIN_MORE_WORDS = 4  # words a question's lines need between them


def _names(scope: Scope, title: str) -> tuple[str, ...]:
    """A topic's names: its catalog entry's, or its title (once per build)."""
    cache = scope.cache.setdefault("names", {})
    if title not in cache:
        entry = scope.study.catalog.by_name.get(title)
        cache[title] = entry.names if entry else (title,)
    return cache[title]


def _nameable(topic: Topic, catalog) -> bool:
    """A topic whose name a reader can know: from the catalog or a heading in the notes, not a guess."""
    # A recovered name is the build's guess: ask about it only when the guess is a confident one.
    return not topic.grab_bag and titled(topic, catalog)


VENDOR_SHARE = 0.05  # a name word in more than this share of the catalog's entries tells nothing ("Amazon")


def _common_roots(scope: Scope) -> frozenset[str]:
    """Word stems found in the names of many catalog entries (vendor and generic words), once per build."""
    if "common_roots" not in scope.cache:
        entries = scope.study.catalog.entries
        counts: dict[str, int] = {}
        for e in entries:
            for r in frozenset().union(*(roots(n) for n in e.names)):
                counts[r] = counts.get(r, 0) + 1
        scope.cache["common_roots"] = frozenset(r for r, n in counts.items() if n > VENDOR_SHARE * len(entries))
    return scope.cache["common_roots"]


def _telling_roots(scope: Scope, names: tuple[str, ...]) -> frozenset[str]:
    """The stems of a topic's names that point at it ("queue" for Simple Queue Service)."""
    return frozenset().union(*(roots(n) for n in names)) - _common_roots(scope)


def _title_roots(scope: Scope, category: str) -> dict[str, int]:
    """How many titles of a category's wrong-option tiers have each word stem (once per category)."""
    cache = scope.cache.setdefault("title_roots", {})
    if category not in cache:
        counts: dict[str, int] = {}
        for title in {t for tier in _tiers(scope, category) for t in tier}:
            for r in roots(title):
                counts[r] = counts.get(r, 0) + 1
        cache[category] = counts
    return cache[category]


def _name_roots(scope: Scope, title: str) -> frozenset[str]:
    """The word stems of every name of a topic (once per build)."""
    cache = scope.cache.setdefault("name_roots", {})
    if title not in cache:
        cache[title] = frozenset().union(*(roots(n) for n in _names(scope, title)))
    return cache[title]


def _sharing(scope: Scope, tier: list[str], wanted: frozenset[str]) -> list[str]:
    """The titles of a tier whose names share a stem with ``wanted``, in the tier's order."""
    if not wanted:
        return []
    index = scope.cache.setdefault("tier_roots", {})
    key = id(tier)
    if key not in index:
        by_root: dict[str, list[int]] = {}
        for i, t in enumerate(tier):
            for r in _name_roots(scope, t):
                by_root.setdefault(r, []).append(i)
        index[key] = (tier, by_root)  # the tier is kept, so its id is not reused
    found = scope.cache.setdefault("sharing", {})
    if (key, wanted) not in found:  # each question of a topic asks again
        by_root = index[key][1]
        found[key, wanted] = [tier[i] for i in sorted({i for r in wanted for i in by_root.get(r, ())})]
    return found[key, wanted]


def _related(scope: Scope, a: str, b: str) -> bool:
    """Whether two catalog entries are a parent and its sub-entry, or two sub-entries of one parent."""
    by_name = scope.study.catalog.by_name
    ea, eb = by_name.get(a), by_name.get(b)
    if ea is None or eb is None:
        return False
    return ea.parent == b or eb.parent == a or (ea.parent is not None and ea.parent == eb.parent)


def _named_in(scope: Scope, text: str) -> set[str]:
    """Catalog names the text mentions (looked up once per text: a question reads its lines again)."""
    named = scope.cache.setdefault("named_in", {})
    if text not in named:
        named[text] = {str(v) for _, _, v in scope.study.catalog.name_index.find(tokens(text))}
    return named[text]


def _nameable_by_category(scope: Scope) -> dict[str, list[str]]:
    """Titles of the topics a question may offer, per category, worked out once per build."""
    if "topics" not in scope.cache:
        by_category: dict[str, list[str]] = {}
        for t in scope.study.topics:
            if _nameable(t, scope.study.catalog):
                by_category.setdefault(t.category, []).append(t.title)
        scope.cache["topics"] = by_category
    return scope.cache["topics"]


def _tiers(scope: Scope, category: str) -> list[list[str]]:
    """Wrong-option candidates of a category, in order of preference, each without repeats (once per build).

    Topics with pages in the same category, then catalog entries of that category;
    the catch-all category may borrow any named topic.
    """
    tiers = scope.cache.setdefault("topic_tiers", {})
    if category not in tiers:
        catalog = scope.study.catalog
        by_category = _nameable_by_category(scope)
        have = by_category.get(category, [])
        listed = [e.name for e in catalog.entries if e.category == category] if category != GENERAL else []
        found = [have, listed]
        if category == GENERAL:
            found.append([title for c, titles in by_category.items() if c != GENERAL for title in titles])
        tiers[category] = [list(dict.fromkeys(tier)) for tier in found]
    return tiers[category]


def _without(items: list[str], item: str) -> list[str]:
    """``items`` (no repeats) without ``item``."""
    try:
        i = items.index(item)
    except ValueError:
        return items
    return items[:i] + items[i + 1 :]


TYPES = ("topic",)  # the question types made here


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    """One question per top-level line of the topic's first section (a short line goes with the next)."""
    catalog = scope.study.catalog
    if not _nameable(topic, catalog):
        return
    # Every wrong option below comes from the study's nameable titles (through per-build memos, which
    # would hide the look-up from a later topic): recorded here, once per topic, as what it reads.
    scope.read(_nameable_by_category)
    own = _names(scope, topic.title)
    # Words of the name that no likely wrong option shares point at the answer; the strict check is
    # made again once the wrong options are chosen.
    counts = _title_roots(scope, topic.category)
    mine = roots(topic.title)
    telling = frozenset(r for r in _telling_roots(scope, own) if counts.get(r, 0) - (r in mine) <= 0)
    lines = []
    for named in topic.sections:
        for node in named.section.nodes:
            text = _shown(node)
            if not text or topic.title in _named_in(scope, text) or any(contains(text, name) for name in own):
                continue
            if telling & roots(text):
                continue  # "fault injection" points at Fault Injection Service: the line gives the answer away
            lines.append((node, text))
        if lines:
            break  # one section's lines: a topic merged from several may be misnamed in one of them
    i = asked = 0
    while i < len(lines) and asked < MAX_QUESTIONS:
        chunk = lines[i : i + 1]
        if len(words(chunk[0][1])) < MIN_ALONE_WORDS and i + 1 < len(lines):
            chunk = lines[i : i + MAX_LINES]  # a short line says too little to tell topics apart alone
        if i and sum(len(words(text)) for _, text in chunk) < MIN_MORE_WORDS:
            break  # a later question needs lines that say enough to tell topics apart
        i += len(chunk)
        made = _question(topic, scope, chunk, own)
        if made:
            asked += 1
            yield made


def _shown(node) -> str | None:
    """A top-level line as shown in the question, with its short list when it has one."""
    text = tidy(node.text.split("\n")[0])
    if node.kind not in ("item", "text") or not MIN_WORDS <= len(words(text)) <= MAX_WORDS:
        return None
    if node.children:
        if is_list_heading(text) or any(c.children or c.kind == "code" for c in node.children):
            return None
        text = f"{text}: " + "; ".join(tidy(c.text.split("\n")[0]) for c in node.children)
    return text if len(text) <= MAX_SHOWN_CHARS else None


def _question(topic: Topic, scope: Scope, lines, own) -> Question | None:
    shown = "\n".join(text for _, text in lines)
    named = set().union(*(_named_in(scope, text) for _, text in lines))
    have, *rest = _tiers(scope, topic.category)
    ordered = []
    seen = {topic.title}
    # In order of preference, each in a content-seeded order; in each tier the topics whose names share a
    # word with the answer's come first, so that word points at none of them.
    mine = _telling_roots(scope, own)
    for whole in (have, *rest):
        tier = _without(whole, topic.title)
        alike = [t for t in _sharing(scope, whole, mine) if t != topic.title]  # the tiers' index is kept per tier
        for title in chain(in_seeded_order(alike, topic.slug, shown), in_seeded_order(tier, topic.slug, shown)):
            if len(ordered) == WRONG:
                break
            if title in seen or title in named or any(contains(shown, n) for n in _names(scope, title)):
                continue
            if _related(scope, topic.title, title):
                continue  # a sub-entry of the answer (or its parent) is true of the same lines
            seen.add(title)
            if not scope.facts.stated_true("topic", shown, title):
                ordered.append(title)
    wrong = ordered[:WRONG]
    if len(wrong) < 2:
        return None
    theirs = frozenset().union(*(_name_roots(scope, title) for title in wrong))
    if (_telling_roots(scope, own) - theirs) & roots(shown):
        return None  # a word of the answer's name that no wrong option shares gives it away
    options = shuffled([topic.title, *wrong], "topic", topic.slug, shown)
    quoted = " ".join(f"“{text}”" for _, text in lines)
    stem = f"Which topic do these lines from your notes describe? {quoted}"
    node = lines[0][0]
    return make_question(
        type="topic",
        topic=topic.slug,
        context=scope.study.catalog.category_title(topic.category),
        stem=stem,
        options=tuple(options),
        answers=(options.index(topic.title),),
        explanation=shown,
        node=node,
        anchor=anchor(node),
        subject=shown,
        giveaways=own,
        also=tuple(n.source.line for n, _ in lines[1:]),  # it shows these lines too
        end_line=last_line(lines[-1][0]),
        tested=[n for node, _ in lines for n in node.walk()],
    )
