"""Parse raw notes text into sections of nested nodes.

The notes are pasted outlines: bullets nested by indentation, numbered
steps, prose, code fragments and headings, some of which were lost in the
copy. Sections are split at headings and at runs of two or more blank lines
followed by a line at the section's top indentation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .errors import Diagnostic
from .model import Heading, Node, Section, Source

TAB_WIDTH = 4

_BULLET = re.compile(r"^(?P<marker>[-*+•●○▪◦‣∙·◆◇■□►▸➢➤✓✔–—])(?:[ \t]+(?P<text>.*))?$")
_NUMBER = re.compile(
    r"^(?P<marker>\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)]|\([a-z]\)|(?:ii|iii|iv|vi|vii|viii|ix)[.)])[ \t]+(?P<text>\S.*)$"
)
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*#*[ \t]*$")
_CODE_START = re.compile(
    r"""^(?:[{}\[\]]|"[^"]*"\s*:|'[^']*'\s*:|<[?!/]?[A-Za-z]|\$\s|\#!|```|~~~|(?:def|class|import|function|const|let|var|SELECT|INSERT|UPDATE)\b)"""
)
_CLI = re.compile(r"^[a-z][\w.-]*\s.*\s--?[a-z][\w-]*(?:[\s=]|$)")  # "aws eks update-kubeconfig --name x"
_YAML_KEY = re.compile(r"^[A-Za-z_][\w.-]*:\s*(?:[|>]-?)?\s*$")
_YAML_PAIR = re.compile(r"^\s+[\w.-]+:\s|^\s+-\s")
_WORD = re.compile(r"[A-Za-z][\w'’/-]*")
_STOPWORDS = frozenset(
    "a an and as at by for from in into of on or the to vs via with without about".split()
)
MAX_HEADING_CHARS = 80
MAX_HEADING_WORDS = 10


@dataclass
class _Line:
    number: int
    raw: str
    indent: int
    kind: str  # item, step, text, code, heading
    text: str
    marker: str = ""
    level: int = 0  # markdown heading level, 0 for other headings
    blank_before: int = 0


@dataclass
class _Build:
    kind: str
    text: str
    line: int
    end: int
    indent: int
    marker: str = ""
    children: list[_Build] = field(default_factory=list)

    def freeze(self, file: str) -> Node:
        return Node(
            kind=self.kind,
            text=self.text,
            source=Source(file, self.line, self.end if self.end != self.line else 0),
            marker=self.marker,
            children=tuple(c.freeze(file) for c in self.children),
        )


def _indent_of(raw: str) -> tuple[int, str]:
    stripped = raw.lstrip(" \t\u00a0\u3000")
    lead = raw[: len(raw) - len(stripped)]
    return len(lead.replace("\u00a0", " ").replace("\u3000", " ").expandtabs(TAB_WIDTH)), stripped


def is_title_like(text: str) -> bool:
    """True when most words are capitalised, as in a heading ("Security group")."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _STOPWORDS]
    if not words:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals * 2 >= len(words)


def _heading_shaped(text: str) -> bool:
    if not text or len(text) > MAX_HEADING_CHARS:
        return False
    if len(text.split()) > MAX_HEADING_WORDS:
        return False
    if text[-1] in ".,;!?\"'`)]}>" and not text.endswith(")"):
        return False
    return not _CODE_START.match(text) and not text.endswith((",", "{", "["))


class _Lines:
    """Classify every line once, looking ahead where a heading needs it."""

    def __init__(self, text: str) -> None:
        self.raw = text.split("\n")
        if self.raw and self.raw[-1] == "":
            self.raw.pop()
        self.parsed: list[tuple[int, str]] = [_indent_of(r.rstrip()) for r in self.raw]

    def next_nonblank(self, index: int) -> int | None:
        for j in range(index + 1, len(self.raw)):
            if self.parsed[j][1]:
                return j
        return None

    def classify(self, index: int, blank_run: int, in_code: bool) -> _Line:
        indent, body = self.parsed[index]
        number = index + 1
        if in_code and (indent > 0 or _CODE_START.match(body)) and not _BULLET.match(body):
            return _Line(number, self.raw[index], indent, "code", self.raw[index].rstrip())
        m = _BULLET.match(body)
        if m:
            return _Line(number, self.raw[index], indent, "item", (m.group("text") or "").strip(), m.group("marker"))
        m = _NUMBER.match(body)
        if m:
            return _Line(number, self.raw[index], indent, "step", m.group("text").strip(), m.group("marker"))
        if indent == 0:
            m = _MD_HEADING.match(body)
            if m and m.group("text"):
                return _Line(number, self.raw[index], 0, "heading", m.group("text"), level=len(m.group("hashes")))
            if self._starts_code(index, body):
                return _Line(number, self.raw[index], 0, "code", self.raw[index].rstrip())
            if self._is_heading(index, body, blank_run):
                title = body[:-1].strip() if body.endswith(":") else body
                return _Line(number, self.raw[index], 0, "heading", title)
        return _Line(number, self.raw[index], indent, "text", body)

    def _starts_code(self, index: int, body: str) -> bool:
        if _CODE_START.match(body) or _CLI.match(body):
            return True
        if _YAML_KEY.match(body):
            nxt = index + 1
            return nxt < len(self.raw) and bool(_YAML_PAIR.match(self.raw[nxt])) and not _BULLET.match(
                self.parsed[nxt][1]
            )
        return False

    def _is_heading(self, index: int, body: str, blank_run: int) -> bool:
        colon = body.endswith(":")
        text = body[:-1].strip() if colon else body
        if not _heading_shaped(text) or (colon and len(text.split()) > 8):
            return False
        nxt = self.next_nonblank(index)
        if nxt is None:
            return True
        directly_after = nxt == index + 1
        n_indent, n_body = self.parsed[nxt]
        followed_by_outline = n_indent > 0 or bool(_BULLET.match(n_body) or _NUMBER.match(n_body))
        if directly_after and not colon and not followed_by_outline:
            return False  # first line of a prose paragraph
        if colon:
            return True
        if blank_run == 0:
            return False  # a heading stands apart; this line sits inside an outline
        # After a lost heading the copy can leave a stray column-0 phrase
        # ("ML powered service"): not title-like after two blank lines is prose.
        return is_title_like(text) or blank_run < 2


def parse_notes(text: str, file: str) -> tuple[list[Section], list[Diagnostic]]:
    """Split notes text into sections; every non-blank line lands in one node."""
    lines = _Lines(text)
    diagnostics: list[Diagnostic] = []
    classified: list[_Line | None] = []
    blank_run = 1  # a file's first line may be its title, like a line after one blank
    in_code = False
    for i in range(len(lines.raw)):
        if not lines.parsed[i][1]:
            classified.append(None)
            blank_run += 1
            in_code = False
            continue
        line = lines.classify(i, blank_run, in_code)
        in_code = line.kind == "code"
        classified.append(line)
        line.blank_before = blank_run
        blank_run = 0

    md_levels = [c.level for c in classified if c and c.kind == "heading" and c.level]
    top_md = min(md_levels) if md_levels else 0

    groups: list[tuple[_Line | None, list[_Line]]] = []
    heading: _Line | None = None
    body: list[_Line] = []
    started = False
    for line in classified:
        if line is None:
            continue
        blank_before = line.blank_before
        if line.kind == "heading" and line.level > top_md and top_md and heading is not None:
            line.kind = "subheading"
        if line.kind == "heading":
            if started:
                groups.append((heading, body))
            heading, body, started = line, [], True
            continue
        if started and body and blank_before >= 2 and line.indent <= _base_indent(body):
            groups.append((heading, body))
            heading, body = None, []
        started = True
        body.append(line)
    if started:
        groups.append((heading, body))

    sections = [_make_section(file, h, b, diagnostics) for h, b in groups]
    return sections, diagnostics


def _base_indent(body: list[_Line]) -> int:
    """The indentation of a section's top-level outline (a stray prose line may sit left of it)."""
    for line in body:
        if line.kind in ("item", "step"):
            return line.indent
    return body[0].indent


def _make_section(file: str, heading: _Line | None, body: list[_Line], diagnostics: list[Diagnostic]) -> Section:
    roots: list[_Build] = []
    stack: list[_Build] = []
    previous: _Line | None = None
    last_item: _Build | None = None
    for line in body:
        if line.kind == "code":
            if previous is not None and previous.kind == "code" and last_item is not None and last_item.kind == "code":
                last_item.text += "\n" + line.raw.rstrip()
                last_item.end = line.number
                previous = line
                continue
            node = _Build("code", line.raw.rstrip(), line.number, line.number, line.indent)
            # A fragment pasted right under a bullet belongs to that bullet.
            if previous is not None and previous.kind in ("item", "step", "text") and stack:
                stack[-1].children.append(node)
            else:
                roots.append(node)
            last_item = node
            previous = line
            continue
        if (
            line.kind == "text"
            and previous is not None
            and previous.kind in ("item", "step", "text")
            and previous.number == line.number - 1
            and last_item is not None
            and last_item.kind != "code"
            and (
                line.indent > last_item.indent
                or (line.kind == previous.kind == "text" and line.indent == last_item.indent)
            )
        ):
            # A wrapped line continues the entry above it.
            last_item.text += "\n" + line.text
            last_item.end = line.number
            previous = line
            continue
        kind = "subheading" if line.kind == "subheading" else line.kind
        node = _Build(kind, line.text, line.number, line.number, line.indent, line.marker)
        while stack and stack[-1].indent >= line.indent:
            stack.pop()
        if kind == "subheading":
            stack.clear()
        if stack:
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)
        last_item = node
        previous = line
    first = heading.number if heading else (body[0].number if body else 0)
    last = body[-1].number if body else first
    head = None
    if heading is not None:
        style = "markdown" if heading.level else ("colon" if heading.raw.rstrip().endswith(":") else "plain")
        head = Heading(heading.text, Source(file, heading.number), style)
    return Section(file, first, last, head, tuple(r.freeze(file) for r in roots))
