"""Comparisons ("A vs B", options of a "types" entry, entries alike by name or by the terms they define), as tables."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Node, Topic
from .entries import (
    FUNCTION_WORDS,
    TERM_WORDS,
    WORD,
    Place,
    cached,
    entry_line,
    entry_name,
    join_caption,
    label_key,
    make_diagram,
    make_place,
    may_have,
    option_points,
    split_term,
    sub_entries,
)
from .model import Diagram, Table

MAX_OPTIONS = 4  # columns of a side-by-side comparison

_VS = re.compile(r"\s+(?:vs\.?|versus|v\.)\s+", re.I)
_VS_WORDS = frozenset(("vs", "vs.", "versus", "v."))  # what _VS finds between spaces
_COMPARED = re.compile(r"\b(?:comparison|compared?)\s+(?:to|with)\s+(.+)$", re.I)
_OPTIONS = re.compile(
    r"\b(?:types?|kinds?|modes?|options?|strateg(?:y|ies)|tiers?|class(?:es)?|methods?|models?|variants?|flavou?rs?|"
    r"editions?|plans?)\b", re.I)
# Every match of _OPTIONS contains one of these words.
_OPTION_WORDS = ("type", "kind", "mode", "option", "strateg", "tier", "class", "method", "model", "variant",
                 "flavo", "edition", "plan")


@cached
def _names_options(name: str) -> bool:
    return may_have(name, _OPTION_WORDS) and bool(_OPTIONS.search(name))


_OPPOSITES = [frozenset(p.split("/")) for p in (
    "enabled/disabled", "on/off", "sync/async", "synchronous/asynchronous", "with/without", "read/write",
    "hot/cold", "public/private", "inbound/outbound", "push/pull", "online/offline", "static/dynamic",
    "internal/external", "stateful/stateless")]


_AFTER_OPTION = re.compile(r"^(?:\s*[:–-]\s*|\s+(?:is|are)\s+|\s+(?=if\b|when\b|for\b|has\b|have\b))", re.I)
_NOTE = re.compile(r"^notes?\s*:\s*", re.I)


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _strip_option(text: str, option: str) -> str:
    """ "Standard if you need..." in the Standard column reads "If you need..." """
    if text.casefold().startswith(option.casefold()):
        m = _AFTER_OPTION.match(text[len(option):])
        rest = text[len(option) + m.end():] if m else ""
        return _upper(rest) if rest else text
    return text


def _option_table(options: list[Node]) -> Table:
    """Columns per option; shared sub-entry terms line up as rows; identical points span."""
    names = [entry_name(o) for o in options]
    children = [sub_entries(o.children) for o in options]
    texts = [{label_key(entry_line(c)) for c in cs} for cs in children]
    shared_text = set.intersection(*texts) if texts else set()
    term_of = [{label_key(split_term(c)[0]): c for c in cs if c.children or split_term(c)[1]} for cs in children]
    counts = Counter(k for terms in term_of for k in terms if k not in shared_text)
    aspects = [k for k, n in counts.items() if n >= 2]
    rows: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
    used: set[int] = set()
    for aspect in aspects:
        cells = []
        label = ""
        for terms in term_of:
            c = terms.get(aspect)
            if c is None:
                cells.append(())
                continue
            used.add(id(c))
            label = label or split_term(c)[0]
            own = split_term(c)[1]
            cells.append(tuple(p for p in ((own,) if own else ()) + option_points(c) if p))
        rows.append((label, tuple(cells)))
    rest = []
    for name, cs in zip(names, children, strict=True):
        keep = [c for c in cs if id(c) not in used and label_key(entry_line(c)) not in shared_text]
        fake = Node("item", name, options[0].source, children=tuple(keep))
        rest.append(tuple(_strip_option(p, name) for p in option_points(fake)))
    if any(rest):
        rows.insert(0, ("", tuple(rest)))
    seen_shared = []
    for c in children[0]:
        if label_key(entry_line(c)) in shared_text and label_key(entry_line(c)) not in seen_shared:
            seen_shared.append(label_key(entry_line(c)))
            rows.append(("In all" if len(options) > 2 else "In both", ((entry_line(c),),)))
    return Table(tuple(names), tuple(rows))


@cached
def _vs_name(name: str) -> tuple[tuple[str, ...], re.Match | None]:
    """An entry name's "A vs B" parts, and its "compared to Y" match."""
    if name.isascii():
        # Most names compare nothing: in ASCII, a "vs" is a whole word and "compare" a substring.
        low = name.lower()
        if "compar" not in low and _VS_WORDS.isdisjoint(low.split()):
            return ((name.strip(),) if name.strip() else ()), None
    return tuple(p.strip() for p in _VS.split(name) if p.strip()), _COMPARED.search(name)


def _vs(place: Place) -> Diagram | None:
    node = place.node
    items = place.items
    if not items:
        return None
    name = entry_name(node)
    parts, m = _vs_name(name)
    if len(parts) >= 2:
        options = parts
    elif m:
        # "Comparison to Y": the options are the subjects the sub-entries start with.
        firsts = [WORD.findall(entry_line(c))[:1] for c in items]
        options = list(dict.fromkeys(f[0] for f in firsts if f))
        if not any(o.casefold().startswith(m.group(1).split()[0].casefold()[:4]) for o in options):
            return None
    else:
        return None
    if not 2 <= len(options) <= MAX_OPTIONS or any(len(o.split()) > 5 for o in options):
        return None
    cells: list[list[str]] = [[] for _ in options]
    notes: list[str] = []
    for child in items:
        text = entry_line(child)
        hit = [i for i, o in enumerate(options) if text.casefold().startswith(o.casefold().split()[0])]
        if len(hit) == 1:
            cells[hit[0]].append(_strip_option(text, options[hit[0]]))
        else:
            notes.append(text)
    if sum(1 for c in cells if c) < 2:
        return None
    rows = [("", tuple(tuple(c) for c in cells))] + [("Note", ((_upper(_NOTE.sub("", n)),),)) for n in notes]
    table = Table(tuple(_upper(o) for o in options), tuple(rows))
    return make_diagram("comparison", join_caption(place.path[-1], name), "", [node], table)


def _head(node: Node) -> tuple[str, ...]:
    return _head_of(entry_name(node))


@cached
def _head_of(name: str) -> tuple[str, ...]:
    return () if "," in name else tuple(label_key(name).split())  # a clause, not a name


def _alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two option names: same head noun with different modifiers, or a shared stem with opposite endings."""
    if not a or not b or a == b or len(a) > TERM_WORDS or len(b) > TERM_WORDS:
        return False
    if any(not w.isalpha() for w in a + b if w[:1].isdigit()) or not a[-1].isalpha() or len(a[-1]) < 3 \
            or a[-1] in FUNCTION_WORDS:
        return False  # "1 read = 4 KB" and "1 write = 1 KB" are figures, not options
    if a[-1] == b[-1] and a[:-1] != b[:-1]:
        return True
    return a[:-1] == b[:-1] and frozenset((a[-1], b[-1])) in _OPPOSITES


def _option_groups(place: Place) -> list[list[Node]]:
    """Sibling entries compared by their sub-entries: children of a "types/modes/options" entry, or
    consecutive siblings named alike (Local/Global ... Index, ... enabled/disabled)."""
    node = place.node
    items = place.items
    if len(items) < 2:
        return []  # nothing to compare
    groups = []
    if (place.path and len(items) <= MAX_OPTIONS and sum(1 for i in items if i.children) >= 2
            and _names_options(entry_name(node)) and len(entry_name(node).split()) <= TERM_WORDS
            and all(len(entry_name(i).split()) <= TERM_WORDS for i in items)):
        return [items]
    run: list[Node] = []
    for item in [*items, None]:
        if item is not None and item.children and run and _alike(_head(run[-1]), _head(item)) \
                and _alike(_head(run[0]), _head(item)):
            run.append(item)
            continue
        if 2 <= len(run) <= MAX_OPTIONS:
            groups.append(run)
        run = [item] if item is not None and item.children else []
    return groups


def _pivots(place: Place) -> list[tuple[list[Node], list[str]]]:
    """Sibling entries that each define the same two or more terms: the terms are the options,
    the entries the aspects they are compared on (AWS/customer managed key under "types" and "rotation")."""
    defining = []  # (entry, its sub-entries that define a term), when two or more do
    for item in place.items:
        if item.children:
            terms = [c for c in sub_entries(item.children) if c.children or split_term(c)[1]]
            if len(terms) >= 2:
                defining.append((item, terms))
    if len(defining) < 2:
        return []  # usual: no two entries to line up, so no term keys to work out
    keyed = []
    for item, terms in defining:
        keys = frozenset(label_key(split_term(c)[0]) for c in terms)
        if len(keys) >= 2:
            keyed.append((item, keys))
    by_keys: dict[frozenset, list] = {}
    for item, terms in keyed:
        for other, oterms in keyed:
            shared = terms & oterms
            if other is not item and len(shared) >= 2:
                by_keys.setdefault(shared, [])
                if item not in by_keys[shared]:
                    by_keys[shared].append(item)
    out = []
    taken: set[int] = set()
    for shared, items in sorted(by_keys.items(), key=lambda kv: -len(kv[1])):
        items = [i for i in items if id(i) not in taken]
        if len(items) >= 2 and 2 <= len(shared) <= MAX_OPTIONS:
            taken.update(id(i) for i in items)
            order = [k for k in (label_key(split_term(c)[0]) for c in sub_entries(items[0].children)) if k in shared]
            out.append((items, order))
    return out


def _pivot_table(items: list[Node], order: list[str]) -> Table:
    columns = []
    for k in order:
        c = next(c for c in sub_entries(items[0].children) if label_key(split_term(c)[0]) == k)
        columns.append(split_term(c)[0])
    rows = []
    for item in items:
        cells = []
        for k in order:
            c = next(c for c in sub_entries(item.children) if label_key(split_term(c)[0]) == k)
            own = split_term(c)[1]
            cells.append(tuple(p for p in ((own,) if own else ()) + option_points(c) if p))
        rows.append((entry_name(item), tuple(cells)))
    return Table(tuple(columns), tuple(rows))


def comparison_diagrams(topic: Topic, places: list[Place]) -> list[Diagram]:
    found = []
    used: set[int] = set()
    # The page itself as a comparison root; its caption names the topic.
    tops = [make_place(Node("item", topic.title, n.section.nodes[0].source, children=n.section.nodes),
                       (topic.title,), ())
            for n in topic.sections if n.section.nodes]
    for place in tops + places:
        if len(place.items) < 2 or id(place.node) in used:
            continue  # a comparison sets two or more sub-entries side by side
        d = _vs(place)
        if d:
            found.append(d)
            used.add(id(place.node))
            continue
        for items, order in _pivots(place):
            table = _pivot_table(items, order)
            found.append(make_diagram("comparison", join_caption(place.path[-1] if place.path else topic.title,
                                                         " vs ".join(table.columns)), "", items, table))
            used.update(id(i) for i in items)
        for group in _option_groups(place):
            if any(id(g) in used for g in group):
                continue
            used.update(id(g) for g in group)
            title = entry_name(place.node) if _names_options(entry_name(place.node)) else ""
            names = " vs ".join(entry_name(g) for g in group)
            caption = join_caption(title or (place.path[-1] if place.path else ""), names)
            found.append(make_diagram("comparison", caption, "", group, _option_table(group)))
    return found

