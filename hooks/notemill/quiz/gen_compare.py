"""Comparison questions: which of two to four related things a statement is about.

Related things are the entries of a short list that each have notes of
their own ("Standard" / "FIFO" under "Queue type"), or sibling entries
whose names share a head word ("Local Secondary Index" / "Global
Secondary Index"). A statement made about more than one of them asks
nothing and is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Topic
from .definitions import reads_as_remark
from .model import Question, make_question
from .scope import Scope, anchor
from .text import contains, in_seeded_order, names_answer, norm, same_claim, split_term, words

_BRACKETED = re.compile(r"\([^)]*\)")
MIN_GROUP = 2
MAX_GROUP = 4  # options shown: the answer and up to three other entries
MAX_STATEMENT_CHARS = 120
MIN_STATEMENT_WORDS = 4  # "No performance impact" says too little to tell entries apart
PLAIN_LABEL_WORDS = 3
DANGLING = frozenset("or and of to with for by the a an using use like than is are either be can".split())


def _leaves(node) -> list:
    """The one-line statements under an entry: its leaf lines, and those under a plain label of its own
    ("Local Secondary Index" › "Attribute projections" › "Can get ..."). Lines under a named sub-entry
    ("GetItem:", "--starting-token:") or a comparison ("Comparison to ElastiCache") are about that."""
    out = []
    for c in node.children:
        if c.kind not in ("item", "text") or "\n" in c.text:
            continue
        if not c.children:
            out.append(c)
        elif _plain_label(c.text):
            out.extend(g for g in c.children if g.kind in ("item", "text") and not g.children and "\n" not in g.text)
    return out


def _plain_label(text: str) -> bool:
    ws = words(text)
    return (0 < len(ws) <= PLAIN_LABEL_WORDS and ":" not in text and not split_term(text)
            and not any(w in ("vs", "versus") or w.startswith("compar") for w in ws))


def _groups(topic: Topic, lines, catalog_names: frozenset[str]):
    """(places of the compared entries) for each set of two or more named entries side by side, each with
    notes of its own and of one kind: "Standard" / "FIFO" under "Queue type", "Local Secondary Index
    (LSI)" / "Global Secondary Index", the features listed under a service. An entry that heads a list of
    names ("Common operations") is a container, not a thing; names the catalog knows (services) are not
    compared with other entries (a service against "Throttle" is told apart by its kind alone)."""
    item_label = lines.item_label
    lists: dict[int, list] = {}
    for place in lines.places(topic):
        lists.setdefault(id(place.siblings), []).append(place)
    for members in lists.values():
        named = [
            p
            for p in members
            if p.node.children and _leaves(p.node) and item_label(p.node) and not reads_as_remark(item_label(p.node))
            and not _container(p.node, lines)  # an entry over a list of names is a container, not a thing
            and not _cut_off(item_label(p.node))
        ]
        kinds: dict[bool, list] = {}
        for p in named:
            kinds.setdefault(norm(item_label(p.node)) in catalog_names, []).append(p)
        for group in kinds.values():
            if len(group) >= MIN_GROUP:
                yield group


def _cut_off(label: str) -> bool:
    """ "Primary key (required) can be either": a line cut before its end, not a name."""
    ws = words(label)
    return len(ws) >= 3 and ws[-1] in DANGLING


def _container(node, lines) -> bool:
    """An entry that lists named things ("APIs" over "PutItem: ..." and "GetItem" with its notes)."""
    items = lines.list_items(node)
    if items and (lines.list_heading(node) or all(len(i.split()) <= PLAIN_LABEL_WORDS for i in items)):
        return True  # a list of kinds, or of short names ("Shard Splitting", "Merge shard"): not statements
    named = sum(1 for c in node.children if lines.definition(c) or (c.children and lines.item_label(c)))
    return named >= 2


def _catalog_names(scope: Scope) -> frozenset[str]:
    """Every name and alias of the catalog, normalised (once per build)."""
    if "catalog_names" not in scope.cache:
        scope.cache["catalog_names"] = frozenset(norm(n) for e in scope.study.catalog.entries for n in e.names)
    return scope.cache["catalog_names"]


TYPES = ("compare",)  # the question types made here


def questions(topic: Topic, scope: Scope) -> Iterator[Question]:
    lines = scope.lines
    for group in _groups(topic, lines, _catalog_names(scope)):
        if all(lines.definition(p.node) and not lines.split(p.node)[1] for p in group):
            continue  # one line each under a bare "Name:": the term questions ask these
        names = [lines.item_label(p.node) for p in group]
        if len({norm(n) for n in names}) != len(names):
            continue
        said = {name: [lines.first(leaf) for leaf in _leaves(p.node)] for p, name in zip(group, names, strict=True)}
        for p, name in zip(group, names, strict=True):
            for leaf in _leaves(p.node):
                statement = lines.first(leaf)
                ws = words(statement)
                if len(ws) < MIN_STATEMENT_WORDS or len(statement) > MAX_STATEMENT_CHARS:
                    continue
                if ws[-1] in DANGLING or split_term(statement):
                    continue  # a cut-off line, or a definition of its own
                if any(contains(statement, n) for n in names):
                    continue
                if any(norm(t) == norm(statement) or same_claim(statement, t)
                       for n in names if n != name for t in said[n]):
                    continue  # another entry is said to do the same (in these or other words): no contrast
                others = [n for n in names if n != name and not scope.facts.stated_true("compare", statement, n)]
                others = list(in_seeded_order(others, "compare", statement))[: MAX_GROUP - 1]
                if not others:
                    continue
                if names_answer(name, others, statement):
                    continue  # a word of the answer's name that no other option has gives it away
                options = [n for n in names if n == name or n in others]  # in the notes' order
                yield make_question(
                    type="compare",
                    topic=topic.slug,
                    context=lines.context(p),
                    stem=f"Which one do your notes describe with “{statement}”?",
                    options=tuple(options),
                    answers=(options.index(name),),
                    explanation=f"{name}: {statement}",
                    node=leaf,
                    anchor=anchor(leaf),
                    subject=statement,
                )
