"""A Markdown notes file to sections: its heading hierarchy is its structure.

The document's title is a heading that opens the file with no other heading
at its level or above (else the file's name). When the title names one
subject (a catalog topic) the file is that topic and every heading in it is
a sub-section. Otherwise the shallowest level under the title divides the
file into subjects: each heading at that level starts a section, deeper ones
are sub-sections holding what follows them. What comes before the first
subject is a section named by the title. Paragraphs, bold lines, callouts
and list items never start a section.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import Diagnostic
from ..model import Heading, Node, Section, Source
from .blocks import _B, Mark, parse_blocks
from .inline import Context
from .media import Vault
from .render import fence

# File names that say nothing about their content: the section they name is recovered instead.
GENERIC_NAMES = frozenset("readme index notes note untitled home main draft scratch".split())
_NOTION_ID = re.compile(r"\s+[0-9a-f]{32}$")  # Notion's export appends the page id to each file name


def file_title(stem: str) -> str | None:
    """The title a file name gives a note, or None when the name is generic."""
    title = " ".join(_NOTION_ID.sub("", stem).replace("_", " ").split())
    return None if not title or title.casefold() in GENERIC_NAMES else title


def _front_matter(lines: list[str], file: str) -> tuple[Node | None, int]:
    """YAML front matter (Obsidian properties) as a code block, and the lines it takes."""
    if not lines or lines[0].strip() != "---":
        return None, 0
    for k in range(1, min(len(lines), 200)):
        if lines[k].strip() in ("---", "..."):
            body = "\n".join(lines[1:k])
            node = Node("code", body, Source(file, 1, k + 1), block="properties", markup=fence(body, "yaml"))
            return node, k + 1
    return None, 0


def parse_markdown(
    text: str, file: str, base: Path | None, is_subject: Callable[[str], bool], stem: str,
    vault: Vault | None = None,
) -> tuple[list[Section], list[Diagnostic], dict[str, Path]]:
    """Sections of a Markdown notes file, what it says about itself, and its local images (found in
    ``vault``, the notes folder it belongs to; by default its own folder)."""
    lines = text.split("\n")
    properties, skip = _front_matter(lines, file)
    ctx = Context(file, base, vault=vault)
    items = parse_blocks("\n" * skip + "\n".join(lines[skip:]), ctx)  # blank lines keep the numbering
    diagnostics = ctx.diagnostics

    marks = [m for m in items if isinstance(m, Mark)]
    title: Mark | None = None
    if items and isinstance(items[0], Mark) and not any(m.level <= items[0].level for m in marks[1:]):
        title = items.pop(0)
        marks = marks[1:]
    name = title.plain if title else file_title(stem)
    single = bool(name) and is_subject(name)
    level = 0 if single or not marks else min(m.level for m in marks)

    sections: list[Section] = []
    heading: Heading | None = None
    if title is not None:
        heading = Heading(title.plain, Source(file, title.line), "markdown", title.level)
    nodes: list[_B | Node] = [properties] if properties else []
    stack: list[tuple[int, _B]] = []
    first = title.line if title else (1 if properties else 0)

    def close() -> None:
        if not nodes:
            if title is not None and heading is not None and heading.source.line == title.line:
                diagnostics.append(Diagnostic(
                    "info", file, title.line,
                    f"title “{title.plain}” has no notes of its own; the headings under it make the topics"))
            elif heading is not None:  # a subject heading with nothing under it: an empty page, as in plain notes
                sections.append(Section(file, heading.source.line, heading.source.line, heading, (), markdown=True))
            return
        head = heading
        if head is None and name:
            head = Heading(name, Source(file, first), "file")
        frozen = tuple(n if isinstance(n, Node) else n.freeze(file) for n in nodes)
        last = max(_last(n) for n in frozen)
        sections.append(Section(file, first or frozen[0].source.line, last, head, frozen, markdown=True))

    contents = _tables_of_contents(items, level)
    for item in items:
        if isinstance(item, Mark) and item.level == level and id(item) not in contents:
            close()
            heading = Heading(item.plain, Source(file, item.line), "markdown", item.level)
            nodes, stack, first = [], [], item.line
            continue
        if isinstance(item, Mark):  # a sub-section: it holds what follows it, up to a heading as high
            node = _B("subheading", item.plain, item.line, item.line, "heading", item.md, "#" * item.level)
            while stack and stack[-1][0] >= item.level:
                stack.pop()
            (stack[-1][1].children if stack else nodes).append(node)
            stack.append((item.level, node))
            continue
        (stack[-1][1].children if stack else nodes).append(item)
        if not first:
            first = item.line
    close()
    return sections, diagnostics, ctx.media


_ONLY_LINK = re.compile("^[\ue000\ue003][^\ue002]*\ue002$")


def _tables_of_contents(items: list, level: int) -> set[int]:
    """Subject headings over nothing but links ("## Table of Contents"): a part of what comes before, not a
    subject of its own."""
    found = set()
    for i, item in enumerate(items):
        if not isinstance(item, Mark) or item.level != level:
            continue
        body = []
        for other in items[i + 1:]:
            if isinstance(other, Mark) and other.level <= level:
                break
            body.append(other)
        entries = [n for b in body if isinstance(b, _B) for n in _walk(b)]
        if entries and all(isinstance(b, _B) for b in body) and all(
                n.block == "item" and _ONLY_LINK.match(n.markup) for n in entries):
            found.add(id(item))
    return found


def _walk(b: _B):
    yield b
    for c in b.children:
        yield from _walk(c)


def _last(node: Node) -> int:
    return max([node.source.last] + [_last(c) for c in node.children])
