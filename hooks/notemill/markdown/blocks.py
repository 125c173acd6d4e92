"""Markdown blocks (markdown-it tokens) to the notes model's nodes.

Each block becomes the node the detectors and quiz generators already read:
a list item is an ``item`` (a numbered one a ``step`` with its number as
marker), a paragraph ``text``, a fenced block ``code``. A short paragraph
over a list ("Invocation types:", a bold line) holds that list as its
children, as an entry over its sub-entries does in plain notes. A table is a
``text`` node whose rows are ``item`` children: "term: meaning" for two
columns, else the row's first cell over "column: cell" entries, which is the
shape of a comparison. Quotes and callouts keep their content as prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from ..model import Node, Source
from ..restructure import node_anchor
from .inline import Context, convert, text_md, title_of
from .render import admonition, fence, table_md

PARSER = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
MAX_LEAD_WORDS = 10  # a paragraph this short over a list reads as that list's label
_CALLOUT = re.compile(r"^\[!(?P<type>[A-Za-z-]+)\](?P<fold>[+-]?)[ \t]*")
_DOCSIFY = {"?>": "tip", "!>": "warning"}
_LANG = re.compile(r"^[A-Za-z0-9_+#.-]{1,20}$")


@dataclass
class Mark:
    """A heading line of the document (structure, not content)."""

    level: int
    plain: str
    md: str
    line: int


@dataclass
class _B:
    kind: str
    text: str
    line: int
    end: int
    block: str
    markup: str = ""
    marker: str = ""
    children: list[_B] = field(default_factory=list)
    cells: tuple[str, ...] = ()

    def freeze(self, file: str) -> Node:
        return Node(self.kind, self.text, Source(file, self.line, self.end if self.end > self.line else 0),
                    self.marker, tuple(c.freeze(file) for c in self.children), self.block, self.markup,
                    self.cells)


def _lines(tok) -> tuple[int, int]:
    start, end = tok.map or (0, 1)
    return start + 1, max(start + 1, end)


def _close(tokens, i: int) -> int:
    """Index of the token closing the one opened at ``i``."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1


def read_blocks(tokens, ctx: Context, top: bool = True) -> list[_B | Mark]:
    """The blocks of a token run; headings are ``Mark`` at the top level, bold text inside containers."""
    out: list[_B | Mark] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        t = tok.type
        if t == "heading_open":
            line, _ = _lines(tok)
            ctx.line = line
            plain, md = convert(tokens[i + 1].children or [], ctx)
            if top:
                out.append(Mark(int(tok.tag[1]), title_of(plain), md, line))
            else:
                out.append(_B("text", plain, line, line, "paragraph", f"<strong>{md}</strong>"))
            i = _close(tokens, i) + 1
            continue
        if t == "paragraph_open":
            out.append(_paragraph(tok, tokens[i + 1], ctx))
            i = _close(tokens, i) + 1
            continue
        if t in ("bullet_list_open", "ordered_list_open"):
            j = _close(tokens, i)
            items = _list(tokens[i + 1:j], ctx, ordered=t == "ordered_list_open")
            lead = out[-1] if out else None
            if isinstance(lead, _B) and _leads_list(lead):
                lead.children.extend(items)
                lead.end = max(lead.end, items[-1].end if items else lead.end)
            else:
                out.extend(items)
            i = j + 1
            continue
        if t == "blockquote_open":
            j = _close(tokens, i)
            out.append(_quote(tok, tokens[i + 1:j], ctx))
            i = j + 1
            continue
        if t in ("fence", "code_block"):
            line, end = _lines(tok)
            lang = tok.info.split()[0] if tok.info.strip() else ""
            lang = lang if _LANG.match(lang) and lang.lower() != "mermaid" else "text"
            code = tok.content.rstrip("\n")
            out.append(_B("code", code, line, end, "code", fence(code, lang or "text")))
            i += 1
            continue
        if t == "table_open":
            j = _close(tokens, i)
            out.append(_table(tok, tokens[i + 1:j], ctx))
            i = j + 1
            continue
        if t == "html_block":
            i = _html(tokens, i, ctx, out)
            continue
        i += 1  # hr: a divider carries no notes
    return out


def _paragraph(tok, inline, ctx: Context) -> _B:
    line, end = _lines(tok)
    ctx.line = line
    children = list(inline.children or [])
    first = children[0] if children else None
    if first is not None and first.type == "text" and first.content[:2] in _DOCSIFY \
            and first.content[2:3] in (" ", ""):
        kind = _DOCSIFY[first.content[:2]]  # docsify's "?> tip" and "!> warning"
        first = first.copy(content=first.content[2:].lstrip())
        plain, md = convert([first, *children[1:]], ctx)
        return _B("text", plain, line, end, "callout", admonition(kind, "", "", md), marker=kind)
    plain, md = convert(children, ctx)
    return _B("text", plain, line, end, "paragraph", md)


def _leads_list(b: _B) -> bool:
    """A short one-line paragraph, bold line or "Label:" reads as the label of the list under it."""
    if b.block != "paragraph" or b.children or "\n" in b.text.strip():
        return False
    text = b.text.strip()
    bold = b.markup.startswith("<strong>") and b.markup.endswith("</strong>")
    return bool(text) and (text.endswith(":") or bold or
                           (len(text.split()) <= MAX_LEAD_WORDS and text[-1] not in ".!?"))


def _list(tokens, ctx: Context, ordered: bool) -> list[_B]:
    items = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type != "list_item_open":
            i += 1
            continue
        j = _close(tokens, i)
        line, end = _lines(tok)
        inner = [b for b in read_blocks(tokens[i + 1:j], ctx, top=False) if isinstance(b, _B)]
        marker = f"{tok.info}{tok.markup}" if ordered else tok.markup
        kind = "step" if ordered else "item"
        if inner and inner[0].block == "paragraph":
            head = inner.pop(0)
            node = _B(kind, head.text, line, end, "item", head.markup, marker, head.children + inner)
        else:
            node = _B(kind, "", line, end, "item", "", marker, inner)
        if node.children:
            node.end = max(node.end, max(c.end for c in node.children))
        items.append(node)
        i = j + 1
    return items


def _quote(tok, tokens, ctx: Context) -> _B:
    line, end = _lines(tok)
    kind, fold, title = "", "", ""
    # GitHub's and Obsidian's callouts: "> [!NOTE]", "> [!tip]- Title".
    if len(tokens) > 1 and tokens[0].type == "paragraph_open":
        children = list(tokens[1].children or [])
        if children and children[0].type == "text":
            m = _CALLOUT.match(children[0].content)
            if m:
                kind, fold = m.group("type").lower(), m.group("fold")
                rest = children[0].content[m.end():]
                cut = next((k for k, c in enumerate(children) if c.type in ("softbreak", "hardbreak")), len(children))
                title_tokens = ([children[0].copy(content=rest)] if rest else []) + children[1:cut]
                ctx.line = line
                title = convert(title_tokens, ctx)[0].strip()
                body = children[cut + 1:]
                tokens = list(tokens)
                tokens[1] = tokens[1].copy(children=body)
                if not body:
                    tokens = tokens[3:]  # the callout's first line was all there was of that paragraph
    inner = [b for b in read_blocks(tokens, ctx, top=False) if isinstance(b, _B)]
    from .render import blocks_md  # the quote's content is laid out like any other run of blocks

    body_md = "\n".join(blocks_md([b.freeze(ctx.file) for b in inner], anchors=False)).strip("\n")
    plain = "\n".join(p for p in ([title] if title else []) + [_plain(b) for b in inner] if p)
    if kind:
        return _B("text", plain, line, end, "callout", admonition(kind, fold, title, body_md), marker=kind)
    quoted = "\n".join(f"> {row}" if row else ">" for row in body_md.split("\n"))
    return _B("text", plain, line, end, "quote", quoted)


def _plain(b: _B) -> str:
    return "\n".join([b.text] + [_plain(c) for c in b.children if c.block not in ("row", "cell")]).strip()


def _table(tok, tokens, ctx: Context) -> _B:
    line, end = _lines(tok)
    head: list[tuple[str, str]] = []
    rows: list[tuple[int, list[tuple[str, str]]]] = []
    current: list[tuple[str, str]] | None = None
    in_head = False
    for t in tokens:
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            current = []
            if not in_head:
                rows.append((_lines(t)[0] if t.map else line, current))
        elif t.type == "inline" and current is not None:
            ctx.line = rows[-1][0] if rows and not in_head else line
            current.append(convert(t.children or [], ctx))
            if in_head:
                head = current
    header_plain = [p for p, _ in head]
    # Each row starts with its line's anchor, so a question or diagram can link to the row.
    anchored = [[f'<a id="{node_anchor(Node("item", "", Source(ctx.file, n)))}"></a>' + (cells[0][1] if cells else "")]
                + [m for _, m in cells[1:]] for n, cells in rows]
    header = tuple(" ".join(p.split()) for p in header_plain)
    node = _B("text", " | ".join(header_plain), line, end, "table", table_md([m for _, m in head], anchored),
              cells=header)
    table = [(n, [" ".join(p.split()) for p, _ in cells]) for n, cells in rows]
    table = [(n, texts) for n, texts in table if any(texts)]
    if len(header_plain) >= 2 and _numbered(table):
        # A first column numbering the rows ("# | Step | Time", 1, 2, 3...): the rows are steps in that order,
        # as a numbered list is; the other columns are each step's text and its details.
        for row_line, texts in table:
            rest = [(name, value) for name, value in zip(header_plain[1:], texts[1:], strict=False) if value]
            if not rest:
                continue
            step = _B("step", rest[0][1], row_line, row_line, "row", marker=f"{texts[0]}.", cells=tuple(texts))
            for name, value in rest[1:]:
                step.children.append(_B("item", f"{name}: {value}" if name else value, row_line, row_line, "cell",
                                        cells=tuple(texts)))
            node.children.append(step)
        return node
    if len(header_plain) >= 3 and header_plain[0].strip():
        # A labelled first column ("Option | Discount | Use when"): each row is one of the things compared,
        # so each column lists them, as options are listed under each point they are compared on.
        for k, name in enumerate(header_plain[1:], 1):
            column = _B("item", name, line, line, "cell")
            for n, texts in table:
                if k < len(texts) and texts[k]:
                    column.children.append(_B("item", f"{texts[0]}: {texts[k]}" if texts[0] else texts[k], n, n,
                                              "cell", cells=tuple(texts)))
            if column.children:
                node.children.append(column)
        return node
    for row_line, texts in table:
        if len(texts) == 2:  # "term | meaning": a definition
            row = _B("item", f"{texts[0]}: {texts[1]}" if texts[0] and texts[1] else texts[0] or texts[1],
                     row_line, row_line, "row", cells=tuple(texts))
        else:  # a blank corner: the columns are the things compared, each row one point of comparison
            row = _B("item", texts[0], row_line, row_line, "row", cells=tuple(texts))
            for name, value in zip(header_plain[1:], texts[1:], strict=False):
                if value:
                    row.children.append(_B("item", f"{name}: {value}" if name else value, row_line, row_line,
                                           "cell"))
        node.children.append(row)
    return node


_ROW_NUMBER = re.compile(r"^(\d{1,3})[.)]?$")


def _numbered(table: list[tuple[int, list[str]]]) -> bool:
    """Whether the first column counts the rows 1, 2, 3... (or from 0): a year or a value column does not."""
    numbers = [_ROW_NUMBER.match(texts[0]) for _, texts in table]
    if len(numbers) < 2 or not all(numbers):
        return False
    counted = [int(m.group(1)) for m in numbers]
    return counted == list(range(counted[0], counted[0] + len(counted))) and counted[0] in (0, 1)


_CONTAINER = re.compile(r"(?i)^\s*<(aside|details)(?:\s[^>]*)?>\s*")
_SUMMARY = re.compile(r"(?is)^\s*<summary(?:\s[^>]*)?>(.*?)</summary>\s*")


def _html(tokens, i: int, ctx: Context, out: list) -> int:
    """Raw HTML shows as text, but for two containers whose content is Markdown: Notion's ``<aside>``
    callout becomes a note, a ``<details>`` toggle (GitHub, Notion) a folded one titled by its summary."""
    tok = tokens[i]
    line, end = _lines(tok)
    content = tok.content.rstrip("\n")
    m = _CONTAINER.match(content)
    if m:
        tag = m.group(1).lower()
        close = re.compile(rf"(?i)\s*</{tag}>\s*$")
        inner_text = content[m.end():]
        title = ""
        if tag == "details":
            summary = _SUMMARY.match(inner_text)
            if summary:
                title = " ".join(re.sub(r"<[^>]*>", "", summary.group(1)).split())
                inner_text = inner_text[summary.end():]
        closed = bool(close.search(inner_text))
        inner_text = close.sub("", inner_text)
        j = i + 1
        body_tokens = []
        while not closed and j < len(tokens):
            if tokens[j].type == "html_block" and close.fullmatch(tokens[j].content):
                end = _lines(tokens[j])[1]
                closed = True
                j += 1
                break
            body_tokens.append(tokens[j])
            j += 1
        if closed:
            first = PARSER.parse(inner_text)
            for t in first:  # the text after the opening tag keeps its own line numbers
                if t.map:
                    t.map = [t.map[0] + line, t.map[1] + line]
            blocks = [b for b in read_blocks(first + body_tokens, ctx, top=False) if isinstance(b, _B)]
            from .render import blocks_md

            body_md = "\n".join(blocks_md([b.freeze(ctx.file) for b in blocks], anchors=False)).strip("\n")
            plain = "\n".join(p for p in [title] + [_plain(b) for b in blocks] if p)
            fold = "-" if tag == "details" else ""
            out.append(_B("text", plain, line, end, "callout", admonition("note", fold, title, body_md),
                          marker="note"))
            return j
    shown = "\n".join(text_md(row) for row in content.split("\n"))
    out.append(_B("text", content, line, end, "html", shown))
    return i + 1


def parse_blocks(text: str, ctx: Context) -> list[_B | Mark]:
    return read_blocks(PARSER.parse(text), ctx)
