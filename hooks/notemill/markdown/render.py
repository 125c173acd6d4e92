"""Markdown notes' nodes to a topic page's Markdown, laid out as the student wrote them.

Every node's ``markup`` is already safe (``inline``); this module only lays
blocks out for Python-Markdown: four spaces per list level (notes nest by
two), admonitions for callouts, a blank line between blocks, an anchor per
entry for the quiz and diagram links, and the links between pages.
"""

from __future__ import annotations

import re

from ..model import Node
from ..restructure import node_anchor
from .inline import text_md

# Callout names (GitHub, Obsidian, docsify) to Material's admonition types.
_TYPES = {
    "note": "note", "abstract": "abstract", "summary": "abstract", "tldr": "abstract", "info": "info",
    "todo": "info", "tip": "tip", "hint": "tip", "important": "tip", "success": "success", "check": "success",
    "done": "success", "question": "question", "help": "question", "faq": "question", "warning": "warning",
    "caution": "warning", "attention": "warning", "failure": "failure", "fail": "failure", "missing": "failure",
    "danger": "danger", "error": "danger", "bug": "bug", "example": "example", "quote": "quote", "cite": "quote",
}
PAD = "    "


def admonition(kind: str, fold: str, title: str, body_md: str) -> str:
    """A Material admonition; a foldable Obsidian callout ("-" closed, "+" open) a collapsible one."""
    head = {"-": "???", "+": "???+"}.get(fold, "!!!")
    kind = _TYPES.get(kind.lower(), "note")
    # The title is read as Markdown too: entities keep it text (and a quote cannot end it).
    title = text_md(" ".join(title.replace('"', "\u201d").split()))
    line = f'{head} {kind} "{title}"' if title else f"{head} {kind}"
    body = "\n".join(PAD + row if row.strip() else "" for row in body_md.split("\n")) if body_md.strip() else ""
    return line + ("\n" + body if body else "")


def fence(code: str, lang: str) -> str:
    longest = max((len(r) for r in re.findall(r"`+", code)), default=0)
    mark = "`" * max(3, longest + 1)
    return "\n".join([f"{mark}{lang}", *code.split("\n"), mark])


def table_md(head: list[str], rows: list[list[str]]) -> str:
    width = max([len(head)] + [len(r) for r in rows])
    # A blank header cell (a comparison's corner) still names its column for screen readers (axe's
    # empty-table-header): a name seen by them only, left out of search.
    head = [cell if cell.strip() else f'<span class="nm-vh" data-search-exclude>Column {k}</span>'
            for k, cell in enumerate(head + [""] * (width - len(head)), 1)]

    def row(cells: list[str]) -> str:
        cells = [c.replace("\n", " ") for c in cells] + [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    return "\n".join([row(head), "| " + " | ".join(["---"] * width) + " |", *[row(r) for r in rows]])


def _indent(text: str, pad: str) -> str:
    return "\n".join(pad + row if row.strip() else "" for row in text.split("\n"))


def _anchor(node: Node, anchors: bool) -> str:
    return f'<a id="{node_anchor(node)}"></a>' if anchors else ""


def blocks_md(nodes, anchors: bool = True, depth: int = 0, heading_level: int = 2, previous: str = "") -> list[str]:
    """The Markdown lines of a run of nodes; list items nest four spaces a level (a list right under an
    item, with no blank line, keeps the list tight)."""
    out: list[str] = []
    pad = PAD * depth
    last_kind = ""
    for node in nodes:
        b = node.block
        if b == "item":
            if last_kind and last_kind != node.kind:
                # A bullet list right after a numbered one (or the reverse) is another list; Python-Markdown
                # would continue the first, so a comment stands between them.
                out += ["", "<!-- -->", ""]
            elif previous != "item":
                out.append("")
            last_kind = node.kind
            mark = f"{node.marker[:-1] or '1'}." if node.kind == "step" else "-"
            text = _indent(node.markup, pad + PAD).lstrip() if node.markup else ""
            out.append(f"{pad}{mark} {_anchor(node, anchors)}{text}".rstrip())
            kids = list(node.children)
            if kids:
                out.extend(blocks_md(kids, anchors, depth + 1, heading_level, previous="item"))
            previous = "item" if not kids or kids[-1].block == "item" else "block"
            continue
        out.append("")
        last_kind = ""
        if b == "heading":
            level = min(6, heading_level)
            out.append(f"{pad}{'#' * level} {node.markup} {{#{node_anchor(node)}}}")
            out.append("")
            out.extend(blocks_md(node.children, anchors, depth, heading_level + 1))
        elif b in ("paragraph", "html"):
            out.append(_indent(_anchor(node, anchors) + node.markup, pad))
            if node.children:
                out.extend(blocks_md(node.children, anchors, depth, heading_level))
        elif b == "code":
            out.append(_indent(node.markup, pad))
        elif b in ("callout", "quote", "table", "properties"):
            first = _anchor(node, anchors)
            if first and b == "quote":
                out.append(_indent(first, pad))
                out.append("")
            out.append(_indent(node.markup, pad))
        else:  # a node from plain notes inside Markdown should never happen; show its text
            out.append(_indent(node.markup or node.text, pad))
        out.append("")
        previous = b
        if b == "paragraph" and node.children and node.children[-1].block == "item":
            last_kind = node.children[-1].kind  # the list under a paragraph ends where a next list may start
    return out


_REF = re.compile("[\ue000\ue003]([^\ue001\ue002]*)\ue001([^\ue001\ue002]*)\ue001([^\ue002]*)\ue002")


def resolve_links(markdown: str, links: dict[tuple[str, str], str]) -> str:
    """Links to other notes: a link to the page holding the target, or the plain label."""
    def one(m: re.Match) -> str:
        url = links.get((m.group(1), m.group(2)))
        return f"[{m.group(3)}]({url})" if url else m.group(3)

    return _REF.sub(one, markdown) if "\ue000" in markdown or "\ue003" in markdown else markdown
