"""Which-topic questions: a topic's opening lines, with the topic's name hidden.

Wrong options are other topics of the same category (from the notes, then
from the topic catalog), never one the lines name or one whose notes hold
the same lines.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import GENERAL
from ..model import Topic
from ..terms import tokens
from .model import Question, make_question
from .scope import Scope, anchor
from .text import contains, in_seeded_order, is_list_heading, shuffled, tidy, words

MIN_WORDS = 2
MAX_SHOWN_CHARS = 160
MAX_WORDS = 25
MAX_LINES = 2
WRONG = 3
CONFIDENT = 0.7  # heading-recovery confidence needed to quiz a reader on a recovered name
MAX_QUESTIONS = 2  # per topic, each from its own lines
MIN_MORE_WORDS = 6


def _names(scope: Scope, title: str) -> tuple[str, ...]:
    entry = scope.study.catalog.by_name.get(title)
    return entry.names if entry else (title,)


def _nameable(topic: Topic, catalog) -> bool:
    """A topic whose name a reader can know: from the catalog or a heading in the notes, not a guess."""
    if topic.grab_bag:
        return False
    if any(s.title.method in ("heading", "mapping") for s in topic.sections):
        return True
    # A recovered name is the build's guess: ask about it only when the guess is a confident one.
    return topic.title in catalog.by_name and topic.confidence >= CONFIDENT


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
    catalog = scope.study.catalog
    if not _nameable(topic, catalog):
        return
    own = _names(scope, topic.title)
    lines = []
    for named in topic.sections:
        for node in named.section.nodes:
            text = _shown(node)
            if not text or topic.title in _named_in(scope, text) or any(contains(text, name) for name in own):
                continue
            lines.append((node, text))
            if len(lines) == MAX_LINES * MAX_QUESTIONS:
                break  # no question reads further
        if lines:
            break  # one section's lines: a topic merged from several may be misnamed in one of them
    for start in range(0, min(len(lines), MAX_LINES * MAX_QUESTIONS), MAX_LINES):
        chunk = lines[start : start + MAX_LINES]
        if start and sum(len(words(text)) for _, text in chunk) < MIN_MORE_WORDS:
            break  # a second question needs lines that say enough to tell topics apart
        made = _question(topic, scope, chunk, own)
        if made:
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
    # In order of preference, each in a content-seeded order.
    for tier in (_without(have, topic.title), *rest):
        for title in in_seeded_order(tier, topic.slug, shown):
            if len(ordered) == WRONG:
                break
            if title in seen or title in named or any(contains(shown, n) for n in _names(scope, title)):
                continue
            seen.add(title)
            if not scope.facts.stated_true("topic", shown, title):
                ordered.append(title)
    wrong = ordered[:WRONG]
    if len(wrong) < 2:
        return None
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
    )
