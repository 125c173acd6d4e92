"""Diagrams found in the shape and wording of the notes, as data.

Each detector reads a topic's outline and returns ``Diagram``s: Mermaid
source (or, for a comparison, a table) plus the notes lines it came from.
The rules look only at structure and ordinary words ("in this order",
"states", "vs", arrows, numbered items), never at a subject's names, so they
apply to notes nobody has seen. Thresholds keep a diagram for what a picture
shows better than the list above it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from . import mermaid as mm
from .model import Node, Topic
from .restructure import node_anchor

KINDS = ("overview", "sequence", "states", "flow", "failover", "comparison")

MIN_STEPS = 3  # an order of two is just a sentence
MAX_STEPS = 15
MIN_STATES = 3
MAX_EDGES = 12  # arrow lines per flowchart
MAX_OPTIONS = 4  # columns of a side-by-side comparison
MAX_POINTS = 8  # points per option cell
OVERVIEW_MIN_BRANCHES = 3  # top-level entries with their own sub-entries
OVERVIEW_MIN_LEAVES = 6
OVERVIEW_MAX_BRANCHES = 8  # more would shrink the text past reading
OVERVIEW_MAX_LEAVES = 3  # per branch; the rest is counted in a "+N more" leaf
TERM_WORDS = 6  # "Term: definition" when the term has at most this many words


@dataclass(frozen=True)
class Table:
    """A side-by-side comparison: one column per option, rows of points.

    Each row is (aspect, cells); a row with a single cell spans every column
    (a point the options share).
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]


@dataclass(frozen=True)
class Diagram:
    kind: str  # one of KINDS
    caption: str
    mermaid: str  # Mermaid source; empty for a table
    file: str
    first_line: int
    last_line: int
    anchor: str  # the HTML id of the first notes line it came from (render.node_anchor)
    table: Table | None = None

    @property
    def lines(self) -> str:
        if self.first_line == self.last_line:
            return f"line {self.first_line}"
        return f"lines {self.first_line}–{self.last_line}"


# --- reading entries -------------------------------------------------------

_TERM = re.compile(r"^([^:\n]{1,60}?)\s*:\s*(.*)$", re.S)
_ARROW = re.compile(r"\s*(?:→|⟶|➔|➜|⇒|=>|-+>)\s*")
_TRAILING = re.compile(r"[\s:↓↑→←]+$")
_PAREN = re.compile(r"\s*\([^)]*\)")
_WORD = re.compile(r"[\w'-]+")
_TRAILING_CHARS = ":↓↑→←"

# The detectors read the same entries many times over (as a place, as a sibling, as a child): what they
# derive from an entry's text is cached on the text.
_cached = lru_cache(maxsize=1 << 16)


def _trim(text: str) -> str:
    """``text`` without trailing whitespace, colons and arrows (``_TRAILING``)."""
    if not text or not (text[-1].isspace() or text[-1] in _TRAILING_CHARS):
        return text  # the common case, without running the regex
    return _TRAILING.sub("", text)


def _first_line(text: str) -> str:
    return text.partition("\n")[0].strip()


def _line(node: Node) -> str:
    return _first_line(node.text)


@_cached
def _term_of(text: str) -> tuple[str, str]:
    line = _first_line(text)
    m = _TERM.match(line) if ":" in line else None
    if m and len(m.group(1).split()) <= TERM_WORDS:
        return m.group(1).strip(), m.group(2).strip()
    return _trim(line), ""


def _split_term(node: Node) -> tuple[str, str]:
    """("Term", "definition") for "Term: definition"; (whole text, "") otherwise."""
    return _term_of(node.text)


@_cached
def _name_of(text: str) -> str:
    return _term_of(text)[0] or _first_line(text)


def _name(node: Node) -> str:
    return _name_of(node.text)


def _may_have(line: str, words: tuple[str, ...]) -> bool:
    """False when ``line`` surely has none of ``words``. A detector's case-blind pattern whose every match
    contains one of ``words`` needs no search on most lines: for an ASCII line (where such a pattern matches
    only ASCII case variants) plain substring tests tell, far cheaper than the search."""
    return not line.isascii() or any(map(line.lower().__contains__, words))


def _items(node_children: tuple[Node, ...]) -> list[Node]:
    if not node_children:
        return []
    return [c for c in node_children if c.kind in ("item", "step")]


def _last_line(node: Node) -> int:
    return max(n.source.last for n in _subtree([node]))


def _subtree(nodes: list[Node] | tuple[Node, ...]) -> list[Node]:
    """The nodes and everything under them, in no particular order (Node.walk's nested generators cost
    a step per level for every node)."""
    out = list(nodes)
    for node in out:  # grows as it goes
        out.extend(node.children)
    return out


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@_cached
def _key(text: str) -> str:
    """A comparable form of a short label: no parentheses, case or plural."""
    if "(" in text:
        text = _PAREN.sub("", text)
    if text.isascii():
        # Lowering ASCII first finds the same words (casefolding some other letters can split a word).
        return " ".join([w[:-1] if len(w) > 3 and w[-1] == "s" and w[-2] != "s" else w
                         for w in _WORD.findall(text.lower())])
    return " ".join([_singular(w) for w in _words(text)])


def _points(node: Node, limit: int = MAX_POINTS) -> tuple[str, ...]:
    """An option's sub-entries as short lines, grandchildren folded in."""
    out = []
    for child in node.children[:limit]:
        text = _line(child)
        below = "; ".join(_line(g) for g in child.children[:4])
        out.append(mm.shorten(f"{_TRAILING.sub('', text)}: {below}" if below else text, 200))
    if len(node.children) > limit:
        out.append(f"(+{len(node.children) - limit} more in the notes)")
    return tuple(out)


class _Place(NamedTuple):
    node: Node
    path: tuple[str, ...]  # names of the entries above it, outermost first
    siblings: tuple[Node, ...]  # the node's parent's children (itself included)
    index: int  # the node's position among its siblings
    items: list[Node] | tuple[()]  # the node's listed sub-entries (_items), read by every detector


def _place(node: Node, path: tuple[str, ...], siblings: tuple[Node, ...], index: int = 0) -> _Place:
    return _Place(node, path, siblings, index, _items(node.children))


def _places(topic: Topic) -> list[_Place]:
    """Every entry of the topic in notes order; walked once and shared by the detectors."""
    out: list[_Place] = []
    for named in topic.sections:
        _walk_places(named.section.nodes, (topic.title,), out)
    return out


def _walk_places(nodes: tuple[Node, ...], path: tuple[str, ...], out: list[_Place]) -> None:
    # A module function, not a closure calling itself: that would be a reference cycle keeping every
    # place alive until the next cycle collection (paused during a build).
    for i, node in enumerate(nodes):
        out.append(_place(node, path, nodes, i))
        if node.children:
            _walk_places(node.children, path + (_name(node),), out)


class _Lines:
    """The first lines of a topic's entries as one text. The few entries whose line has a given word are
    found with one search of the text per word, not a test per entry (most entries have none)."""

    def __init__(self, places: list[_Place]):
        self.nodes = [p.node for p in places]
        self.lines = [_first_line(n.text) for n in self.nodes]
        self.text = "\n".join(self.lines)
        self.starts = list(accumulate([len(line) + 1 for line in self.lines], initial=0))
        # Lowered for the case-blind searches; only ASCII, where lowering keeps every line where it was.
        self.lowered = self.text.lower() if self.text.isascii() else None

    def having(self, words: tuple[str, ...], fold: bool = False) -> set[int]:
        """ids of the entries whose line contains one of ``words`` (``fold``: may contain, as _may_have tells)."""
        text = self.text
        if fold:
            if self.lowered is None:
                return {id(n) for n, line in zip(self.nodes, self.lines, strict=True) if _may_have(line, words)}
            text = self.lowered
        found = set()
        for word in words:  # no word has a newline, so each hit is inside one line
            at = text.find(word)
            while at >= 0:
                k = bisect_right(self.starts, at) - 1
                found.add(id(self.nodes[k]))
                at = text.find(word, self.starts[k + 1])
        return found


def _caption(*parts: str) -> str:
    parts = [mm.shorten(_trim(p), 70) for p in parts if p and p.strip()]
    return " › ".join(dict.fromkeys(parts))


def _diagram(kind: str, caption: str, source: list[str] | str, nodes: list[Node], table: Table | None = None):
    first = nodes[0]
    text = "\n".join(source) + "\n" if isinstance(source, list) else source
    return Diagram(kind, caption, text, first.source.file, first.source.line,
                   max(_last_line(n) for n in nodes), node_anchor(first), table)


# --- ordered sequences -----------------------------------------------------

_ORDER_CUE = re.compile(
    r"\b(?:in (?:this|that|the following|the same|the) order|order(?:ed)?|steps|step by step|"
    r"process(?:es)?|procedures?|sequence|life ?cycle|phases?|stages?|workflow)\b", re.I)
_ALTERNATIVES = re.compile(r"\b(?:options?|alternatives?|ways?|choices?|types?|kinds?|either)\b", re.I)
_NUMBER = re.compile(r"^\(?(\d+|[a-z])[.)]?$", re.I)
# Every match of _ORDER_CUE, and of _ALTERNATIVES, contains one of these words.
_ORDER_WORDS = ("order", "step", "process", "procedure", "sequence", "cycle", "phase", "stage", "workflow")
_ALTERNATIVE_WORDS = ("option", "alternative", "way", "choice", "type", "kind", "either")


@_cached
def _cues(name: str) -> tuple[bool, bool]:
    """Whether an entry's name cues an order, and whether it names alternatives."""
    return (_may_have(name, _ORDER_WORDS) and bool(_ORDER_CUE.search(name)),
            _may_have(name, _ALTERNATIVE_WORDS) and bool(_ALTERNATIVES.search(name)))


def _numbered(items: list[Node]) -> bool:
    """Three or more numbered entries counting up from the first."""
    steps = [n for n in items if n.kind == "step" and _NUMBER.match(n.marker)]
    if len(steps) < MIN_STEPS or len(steps) * 3 < len(items) * 2:
        return False
    keys = [_NUMBER.match(s.marker).group(1).casefold() for s in steps]
    values = [int(k) if k.isdigit() else ord(k) for k in keys]
    return all(b == a + 1 for a, b in zip(values, values[1:], strict=False))


def _sequence(place: _Place) -> Diagram | None:
    node = place.node
    items = place.items
    if len(items) < MIN_STEPS:
        return None  # too short to be numbered steps or a cued list
    if len(items) > MAX_STEPS:
        return None
    name = _name(node)
    cue, alternatives = _cues(name)
    if alternatives:
        return None  # options to choose from, not steps
    ordered = _numbered(items)
    # A cue word only orders a plain list: steps with whole outlines under them are topics, not steps.
    cued = (cue and sum(1 for i in items if not i.children) * 3 >= len(items) * 2
            and all(len(i.children) <= 3 for i in items))
    if not (ordered or cued):
        return None
    out = ["flowchart TB"]
    for i, step in enumerate(items, 1):
        # A step's own notes go inside its box, under it: boxes beside the chain would read as steps.
        text = mm.text(_trim(_line(step)), limit=110)
        notes = [mm.text("· " + _line(n), width=34, limit=70) for n in step.children[:2]]
        if len(step.children) > 2:
            notes.append(mm.text(f"· +{len(step.children) - 2} more"))
        out.append(f'  s{i}["{"<br/>".join([text] + notes)}"]')
    out += [f"  s{i} --> s{i + 1}" for i in range(1, len(items))]
    context = place.path[-1] if len(name.split()) <= 2 and len(place.path) > 1 else ""
    caption = _caption(context, name) + f": {len(items)} steps in order"
    return _diagram("sequence", caption, out, [node])


def _section_places(topic: Topic) -> list[_Place]:
    """Each section as one entry: its heading (a "Steps:" line at the margin) introduces its entries."""
    out = []
    for named in topic.sections:
        s = named.section
        if s.nodes:
            text = s.heading.text if s.heading else topic.title
            source = s.heading.source if s.heading else s.nodes[0].source
            root = Node("item", text, source, children=s.nodes)
            out.append(_place(root, (topic.title,), (root,)))
    return out


# --- states ----------------------------------------------------------------

_STATES = re.compile(r"\bstates\b", re.I)
_STATE = re.compile(r"\bstate\b", re.I)
_SET = re.compile(r"\b(?:types?|kinds?|machines?|lifecycle|list)\b", re.I)
_TERMINAL = re.compile(r"\b(?:stops?|ends?|finish(?:es)?|terminat\w*|complet\w*|exits?)\b", re.I)
_OR = re.compile(r"\s+or\s+|\s*/\s*", re.I)


def _edits(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _state_names(term: str, suffix: str) -> list[str]:
    words = term.split()
    # "Task state", and a misspelt "Fail rate" among "... state" siblings.
    if len(words) > 1 and suffix and _edits(words[-1].casefold(), suffix) <= 2:
        words = words[:-1]
    name = " ".join(words)
    parts = [p.strip() for p in _OR.split(name) if p.strip()]
    if len(parts) > 1 and all(len(p.split()) <= 2 for p in parts):
        return parts
    return [name]


def _states(place: _Place) -> Diagram | None:
    node = place.node
    items = place.items
    if len(items) < MIN_STATES:
        return None
    name = _name(node)
    if not _may_have(name, ("state",)) or not _STATE.search(name) and not _STATES.search(name):
        return None
    named_state = sum(1 for c in items if _STATE.search(_name(c)))
    if not (_STATES.search(name) or _SET.search(name) or named_state * 2 >= len(items)):
        return None
    suffix = "state" if named_state * 2 >= len(items) else ""
    out = ["stateDiagram-v2", "  direction LR"]
    n = 0
    for child in items:
        term, desc = _split_term(child)
        if not desc and child.children:
            desc = "; ".join(_line(g) for g in child.children[:3])
        for state in _state_names(term, suffix):
            n += 1
            out.append(f"  state {mm.label(state, limit=60)} as s{n}")
            if desc:
                for part in mm.wrap(mm.shorten(desc, 120), 36):
                    out.append(f"  s{n} : {mm.plain(part)}")
            if desc and _TERMINAL.search(desc):
                out.append(f"  s{n} --> [*]")
    return _diagram("states", _caption(place.path[-1], name) + f": {n} states", out, [node])


# --- arrows ----------------------------------------------------------------

_FUNCTION_WORDS = frozenset(
    "a an the and or but than then be is are was were to of for from by in on at as into with must can "
    "will should would could more less not no if".split())
_NUMERIC = re.compile(r"^[\d\s.,%/+-]*$")


_ARROW_MARKS = (">", "→", "⟶", "➔", "➜", "⇒")  # every _ARROW has one of these
_ARROW_CHARS = re.compile("[" + "".join(_ARROW_MARKS) + "]")
_ARROW_KINDS = frozenset(("item", "step", "text"))


@_cached
def _arrows_of(text: str) -> tuple[str, ...]:
    line = _first_line(text)
    if not _ARROW_CHARS.search(line):
        return ()
    parts = tuple(p.strip() for p in _ARROW.split(line))
    return parts if len(parts) > 1 and all(parts) else ()


def _arrow_parts(node: Node) -> tuple[str, ...]:
    return _arrows_of(node.text) if node.kind in _ARROW_KINDS else ()


@_cached
def _term_like(side: str) -> bool:
    words = _words(side)
    return 0 < len(words) <= 5 and words[-1] not in _FUNCTION_WORDS and not _NUMERIC.match(side)


def _flow_lines(edges: list[tuple[str, ...]]) -> list[str]:
    ids: dict[str, str] = {}
    out = ["flowchart LR"]
    for chain in edges:
        for part in chain:
            key = _key(part) or part
            if key not in ids:
                ids[key] = f"n{len(ids) + 1}"
                out.append(f"  {ids[key]}[{mm.label(part, limit=110)}]")
        out += [f"  {ids[_key(a) or a]} --> {ids[_key(b) or b]}" for a, b in zip(chain, chain[1:], strict=False)]
    return out


def _flows(places: list[_Place], lines: _Lines) -> list[Diagram]:
    found = []
    seen: set[int] = set()
    arrowed = lines.having(_ARROW_MARKS)
    for place in places:
        node = place.node
        if id(node) not in arrowed:
            continue
        parts = _arrow_parts(node)
        if not parts:
            continue
        if len(parts) >= 3 and not any(_NUMERIC.match(p) for p in parts):
            found.append(_diagram("flow", _caption(place.path[-1], " → ".join(parts)), _flow_lines([parts]),
                                  [node]))
            continue
        if id(node) in seen:
            continue
        # A run of sibling lines "A → B": a mapping worth drawing when two or more read as term → result.
        run = []
        for sib in place.siblings[place.index:]:
            sp = _arrow_parts(sib)
            if len(sp) != 2 or not _term_like(sp[0]) or _NUMERIC.match(sp[1]):
                break
            run.append((sib, sp))
        for sib, _ in run:
            seen.add(id(sib))
        for i in range(0, len(run), MAX_EDGES):
            chunk = run[i:i + MAX_EDGES]
            if len(chunk) < 2:
                continue
            found.append(_diagram("flow", _caption(*place.path[-2:]) + f": {len(chunk)} arrows",
                                  _flow_lines([e for _, e in chunk]), [n for n, _ in chunk]))
    return found


# --- primary / secondary failover ------------------------------------------

_PRIMARY = re.compile(r"\b(primary|master|active|main)\b", re.I)
_BACKUP = re.compile(r"\b(secondary|standby|stand-by|backup|replica|passive|fallback)\b", re.I)
_FAIL = re.compile(r"\b(?:fail\w*|down|unavailable|unhealthy|outage)\b", re.I)


# Every match of the patterns above contains one of these words.
_PRIMARY_WORDS = ("primary", "master", "active", "main")
_BACKUP_WORDS = ("secondary", "standby", "stand-by", "backup", "replica", "passive", "fallback")
_FAIL_WORDS = ("fail", "down", "unavailable", "unhealthy", "outage")


@_cached
def _backup_of(text: str) -> str:
    """The first backup role word of an entry's line, "" for none."""
    line = _first_line(text)
    b = _BACKUP.search(line) if _may_have(line, _BACKUP_WORDS) else None
    return b.group(1) if b else ""


@_cached
def _primary_of(text: str) -> tuple[str, bool]:
    """The first primary role word of an entry's line ("" for none), and whether the line names a failure."""
    line = _first_line(text)
    p = _PRIMARY.search(line) if _may_have(line, _PRIMARY_WORDS) else None
    return p.group(1) if p else "", _may_have(line, _FAIL_WORDS) and bool(_FAIL.search(line))


def _failover(place: _Place) -> Diagram | None:
    node = place.node
    # The sub-entries first: they name the roles ("one master and one standby"), the entry names the whole.
    # A role word never spans two lines, so the first one in the lines read in that order is the block's first.
    block = node.children + (node,) if node.children else (node,)
    for entry in block:
        backup = _backup_of(entry.text)
        if backup:
            break
    else:
        return None  # most entries: the backup word is the rarest
    primary = ""
    fail = False
    for entry in block:
        p, f = _primary_of(entry.text)
        primary, fail = primary or p, fail or f
    if not (primary and fail):
        return None
    primary, backup = primary.capitalize(), backup.capitalize()
    owner = _name(node) if node.children else place.path[-1]
    out = [
        "flowchart LR",
        f"  g([{mm.label(owner, limit=60)}]) --> q{{{mm.label(primary + ' available?')}}}",
        f"  q -->|{mm.label('yes')}| p[{mm.label(primary)}]",
        f"  q -->|{mm.label('no: fail over')}| s[{mm.label(backup)}]",
    ]
    return _diagram("failover", _caption(place.path[-1], owner) + f": {primary.lower()} → {backup.lower()} failover",
                    out, [node])


# --- comparisons -----------------------------------------------------------

_VS = re.compile(r"\s+(?:vs\.?|versus|v\.)\s+", re.I)
_VS_WORDS = frozenset(("vs", "vs.", "versus", "v."))  # what _VS finds between spaces
_COMPARED = re.compile(r"\b(?:comparison|compared?)\s+(?:to|with)\s+(.+)$", re.I)
_OPTIONS = re.compile(
    r"\b(?:types?|kinds?|modes?|options?|strateg(?:y|ies)|tiers?|class(?:es)?|methods?|models?|variants?|flavou?rs?|"
    r"editions?|plans?)\b", re.I)
# Every match of _OPTIONS contains one of these words.
_OPTION_WORDS = ("type", "kind", "mode", "option", "strateg", "tier", "class", "method", "model", "variant",
                 "flavo", "edition", "plan")


@_cached
def _names_options(name: str) -> bool:
    return _may_have(name, _OPTION_WORDS) and bool(_OPTIONS.search(name))


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
    names = [_name(o) for o in options]
    children = [_items(o.children) for o in options]
    texts = [{_key(_line(c)) for c in cs} for cs in children]
    shared_text = set.intersection(*texts) if texts else set()
    term_of = [{_key(_split_term(c)[0]): c for c in cs if c.children or _split_term(c)[1]} for cs in children]
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
            label = label or _split_term(c)[0]
            own = _split_term(c)[1]
            cells.append(tuple(p for p in ((own,) if own else ()) + _points(c) if p))
        rows.append((label, tuple(cells)))
    rest = []
    for name, cs in zip(names, children, strict=True):
        keep = [c for c in cs if id(c) not in used and _key(_line(c)) not in shared_text]
        fake = Node("item", name, options[0].source, children=tuple(keep))
        rest.append(tuple(_strip_option(p, name) for p in _points(fake)))
    if any(rest):
        rows.insert(0, ("", tuple(rest)))
    seen_shared = []
    for c in children[0]:
        if _key(_line(c)) in shared_text and _key(_line(c)) not in seen_shared:
            seen_shared.append(_key(_line(c)))
            rows.append(("In all" if len(options) > 2 else "In both", ((_line(c),),)))
    return Table(tuple(names), tuple(rows))


@_cached
def _vs_name(name: str) -> tuple[tuple[str, ...], re.Match | None]:
    """An entry name's "A vs B" parts, and its "compared to Y" match."""
    if name.isascii():
        # Most names compare nothing: in ASCII, a "vs" is a whole word and "compare" a substring.
        low = name.lower()
        if "compar" not in low and _VS_WORDS.isdisjoint(low.split()):
            return ((name.strip(),) if name.strip() else ()), None
    return tuple(p.strip() for p in _VS.split(name) if p.strip()), _COMPARED.search(name)


def _vs(place: _Place) -> Diagram | None:
    node = place.node
    items = place.items
    if not items:
        return None
    name = _name(node)
    parts, m = _vs_name(name)
    if len(parts) >= 2:
        options = parts
    elif m:
        # "Comparison to Y": the options are the subjects the sub-entries start with.
        firsts = [_WORD.findall(_line(c))[:1] for c in items]
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
        text = _line(child)
        hit = [i for i, o in enumerate(options) if text.casefold().startswith(o.casefold().split()[0])]
        if len(hit) == 1:
            cells[hit[0]].append(_strip_option(text, options[hit[0]]))
        else:
            notes.append(text)
    if sum(1 for c in cells if c) < 2:
        return None
    rows = [("", tuple(tuple(c) for c in cells))] + [("Note", ((_upper(_NOTE.sub("", n)),),)) for n in notes]
    table = Table(tuple(_upper(o) for o in options), tuple(rows))
    return _diagram("comparison", _caption(place.path[-1], name), "", [node], table)


def _head(node: Node) -> tuple[str, ...]:
    return _head_of(_name(node))


@_cached
def _head_of(name: str) -> tuple[str, ...]:
    return () if "," in name else tuple(_key(name).split())  # a clause, not a name


def _alike(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two option names: same head noun with different modifiers, or a shared stem with opposite endings."""
    if not a or not b or a == b or len(a) > TERM_WORDS or len(b) > TERM_WORDS:
        return False
    if any(not w.isalpha() for w in a + b if w[:1].isdigit()) or not a[-1].isalpha() or len(a[-1]) < 3 \
            or a[-1] in _FUNCTION_WORDS:
        return False  # "1 read = 4 KB" and "1 write = 1 KB" are figures, not options
    if a[-1] == b[-1] and a[:-1] != b[:-1]:
        return True
    return a[:-1] == b[:-1] and frozenset((a[-1], b[-1])) in _OPPOSITES


def _option_groups(place: _Place) -> list[list[Node]]:
    """Sibling entries compared by their sub-entries: children of a "types/modes/options" entry, or
    consecutive siblings named alike (Local/Global ... Index, ... enabled/disabled)."""
    node = place.node
    items = place.items
    if len(items) < 2:
        return []  # nothing to compare
    groups = []
    if (place.path and len(items) <= MAX_OPTIONS and sum(1 for i in items if i.children) >= 2
            and _names_options(_name(node)) and len(_name(node).split()) <= TERM_WORDS
            and all(len(_name(i).split()) <= TERM_WORDS for i in items)):
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


def _pivots(place: _Place) -> list[tuple[list[Node], list[str]]]:
    """Sibling entries that each define the same two or more terms: the terms are the options,
    the entries the aspects they are compared on (AWS/customer managed key under "types" and "rotation")."""
    defining = []  # (entry, its sub-entries that define a term), when two or more do
    for item in place.items:
        if item.children:
            terms = [c for c in _items(item.children) if c.children or _split_term(c)[1]]
            if len(terms) >= 2:
                defining.append((item, terms))
    if len(defining) < 2:
        return []  # usual: no two entries to line up, so no term keys to work out
    keyed = []
    for item, terms in defining:
        keys = frozenset(_key(_split_term(c)[0]) for c in terms)
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
            order = [k for k in (_key(_split_term(c)[0]) for c in _items(items[0].children)) if k in shared]
            out.append((items, order))
    return out


def _pivot_table(items: list[Node], order: list[str]) -> Table:
    columns = []
    for k in order:
        c = next(c for c in _items(items[0].children) if _key(_split_term(c)[0]) == k)
        columns.append(_split_term(c)[0])
    rows = []
    for item in items:
        cells = []
        for k in order:
            c = next(c for c in _items(item.children) if _key(_split_term(c)[0]) == k)
            own = _split_term(c)[1]
            cells.append(tuple(p for p in ((own,) if own else ()) + _points(c) if p))
        rows.append((_name(item), tuple(cells)))
    return Table(tuple(columns), tuple(rows))


def _comparisons(topic: Topic, places: list[_Place]) -> list[Diagram]:
    found = []
    used: set[int] = set()
    # The page itself as a comparison root; its caption names the topic.
    tops = [_place(Node("item", topic.title, n.section.nodes[0].source, children=n.section.nodes), (topic.title,), ())
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
            found.append(_diagram("comparison", _caption(place.path[-1] if place.path else topic.title,
                                                         " vs ".join(table.columns)), "", items, table))
            used.update(id(i) for i in items)
        for group in _option_groups(place):
            if any(id(g) in used for g in group):
                continue
            used.update(id(g) for g in group)
            title = _name(place.node) if _names_options(_name(place.node)) else ""
            names = " vs ".join(_name(g) for g in group)
            found.append(_diagram("comparison", _caption(title or (place.path[-1] if place.path else ""), names),
                                  "", group, _option_table(group)))
    return found


# --- overview --------------------------------------------------------------


def _overview(topic: Topic) -> Diagram | None:
    tops = [n for s in topic.sections for n in s.section.nodes if n.kind != "code"]
    branches = [n for n in tops if _items(n.children)]
    leaves = sum(len(_items(b.children)) for b in branches)
    if len(branches) < OVERVIEW_MIN_BRANCHES or leaves < OVERVIEW_MIN_LEAVES:
        return None
    out = ["mindmap", f"  root(({mm.label(topic.title, width=20, limit=60)}))"]
    n = 0
    for branch in branches[:OVERVIEW_MAX_BRANCHES]:
        n += 1
        out.append(f"    b{n}[{mm.label(_name(branch), width=22, limit=44)}]")
        kids = _items(branch.children)
        for k, kid in enumerate(kids[:OVERVIEW_MAX_LEAVES], 1):
            out.append(f"      b{n}k{k}({mm.label(_name(kid), width=22, limit=44)})")
        if len(kids) > OVERVIEW_MAX_LEAVES:
            out.append(f"      b{n}more({mm.label(f'+{len(kids) - OVERVIEW_MAX_LEAVES} more')})")
    if len(branches) > OVERVIEW_MAX_BRANCHES:
        out.append(f"    more({mm.label(f'+{len(branches) - OVERVIEW_MAX_BRANCHES} more sections')})")
    first = tops[0]
    caption = f"{topic.title}: overview of {len(branches)} parts of your notes"
    d = _diagram("overview", caption, out, [first])
    # The lines of the first section it draws (a merged topic's other sections are elsewhere in the notes).
    home = next(s.section for s in topic.sections if first in s.section.nodes)
    return Diagram(d.kind, d.caption, d.mermaid, d.file, home.first_line, home.last_line, d.anchor)


# --- all of it -------------------------------------------------------------


def _block_has(node: Node, ids: set[int]) -> bool:
    """Whether the entry or one of its sub-entries is among ``ids``."""
    return id(node) in ids or bool(node.children) and not ids.isdisjoint(map(id, node.children))


def find_diagrams(topic: Topic) -> tuple[Diagram, ...]:
    """Every diagram the topic's notes show, the overview first, then in notes order."""
    found: list[Diagram] = []
    taken: set[int] = set()  # a node drawn once, by the first rule that claims it
    places = _places(topic)
    every = _section_places(topic) + places
    lines = _Lines(every)
    # A failover needs a backup role, a primary role and a failure in its lines; few entries have all three.
    backups = lines.having(_BACKUP_WORDS, fold=True)
    primaries, fails = ((lines.having(_PRIMARY_WORDS, fold=True), lines.having(_FAIL_WORDS, fold=True)) if backups
                        else (set(), set()))
    for place in every:
        node = place.node
        if id(node) in taken:
            continue
        # The first rule that draws an entry claims it. Most entries have too few sub-entries for
        # states or steps, and no backup word in their lines for a failover.
        d = None
        if len(place.items) >= min(MIN_STATES, MIN_STEPS):
            d = _states(place) or _sequence(place)
        if d is None and _block_has(node, backups) and _block_has(node, primaries) and _block_has(node, fails):
            d = _failover(place)
        if d:
            found.append(d)
            # What the diagram drew: the entry and its listed sub-entries (a prose child stays free).
            taken.add(id(node))
            taken.update(map(id, _subtree(place.items)))
    found += _flows(places, lines)
    found += _comparisons(topic, places)
    order = {k: i for i, k in enumerate(KINDS)}
    found.sort(key=lambda d: (d.kind != "overview", d.file, d.first_line, order[d.kind]))
    overview = _overview(topic)
    return ((overview,) if overview else ()) + tuple(found)


def count_by_kind(diagrams) -> dict[str, int]:
    """{kind: count} in KINDS order, kinds with none left out."""
    counts = Counter(d.kind for d in diagrams)
    return {k: counts[k] for k in KINDS if counts[k]}

