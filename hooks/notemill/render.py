"""Markdown for topic pages, the home page and the structure report.

Notes are plain text: every character Markdown or HTML could act on is
written as an HTML entity, so ``<script>``, ``*``, ``_``, ``|`` and ``{{ }}``
show literally. Code fragments go into fenced blocks, verbatim.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import NamedSection, Node, Topic
from .restructure import node_anchor

MAX_DEPTH = 10  # deeper nesting is shown at this level (a warning says where)
HEADING_CHARS = 90
_ENTITIES = {c: f"&#{ord(c)};" for c in "*_`[]|{}#~^=\\"}
_ENTITIES.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SPECIAL = re.compile("[" + re.escape("".join(_ENTITIES)) + "]")
_LEADING = re.compile(r"^([^\S\n]*)(?:([-+])|(\d+)([.)]))", re.M)  # at the start of any line
_TERM = re.compile(r"^([^:\n]{1,48}?)\s*:\s+(?=\S)")


def escape(text: str) -> str:
    """Plain text to Markdown that renders as exactly that text."""
    out = _SPECIAL.sub(_entity, text) if _SPECIAL.search(text) else text  # most text has nothing to escape
    # A line starting "- " or "1. " would open a list.
    return _LEADING.sub(_escape_lead, out)


def _entity(m: re.Match) -> str:
    return _ENTITIES[m.group()]


def _escape_lead(m: re.Match) -> str:
    if m.group(2):
        return f"{m.group(1)}&#{ord(m.group(2))};"
    return f"{m.group(1)}{m.group(3)}&#{ord(m.group(4))};"


def _inline(node: Node) -> str:
    """An entry's text, its defined term in bold when it reads "Term: definition"."""
    text = node.text
    m = _TERM.match(text)
    if m and len(m.group(1).split()) <= 5 and node.kind in ("item", "step"):
        # Only the term is marked up; the text around it stays exactly as written.
        body = f"<strong>{escape(m.group(1))}</strong>{escape(text[len(m.group(1)):])}"
    else:
        body = escape(text)
    if node.kind == "step":
        body = f"{escape(node.marker)} {body}"
    return body


def _fence(code: str, indent: str) -> list[str]:
    longest = max((len(r) for r in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    lines = [f"{indent}{fence}text"]
    lines += [f"{indent}{line}" if line.strip() else "" for line in code.split("\n")]
    lines.append(f"{indent}{fence}")
    return lines


def _list(nodes: tuple[Node, ...], depth: int, out: list[str], base: int = 0) -> None:
    """``depth`` is the list's nesting; ``base`` the notes levels above the list (a heading made of an entry)."""
    pad = "    " * min(depth, MAX_DEPTH - 1 - base)
    for node in nodes:
        if node.kind == "code":
            out.append("")
            out.extend(_fence(node.text, pad))
            out.append("")
            continue
        anchor = f'<a id="{node_anchor(node)}"></a>'
        text = _inline(node).replace("\n", "\n" + pad + "  ")
        if node.kind == "subheading":
            out.extend(["", f"### {escape(node.text)}", ""])
        else:
            out.append(f"{pad}- {anchor}{text}")
        _list(node.children, depth + 1, out, base)


def _body(nodes: tuple[Node, ...], out: list[str], level: int = 2) -> None:
    """Top-level entries with their own outline become headings, for the page's table of contents."""
    run: list[Node] = []

    def flush(base: int = 0) -> None:
        if run:
            out.append("")
            _list(tuple(run), 0, out, base)
            out.append("")
            run.clear()

    for node in nodes:
        short = "\n" not in node.text and len(node.text) <= HEADING_CHARS
        if node.kind in ("item", "step") and node.children and short:
            flush()
            # A heading needs no trailing colon; the line-by-line text is otherwise unchanged.
            title = _inline(replace(node, text=node.text.rstrip().rstrip(":").rstrip() or node.text))
            out.extend(["", f"{'#' * level} {title} {{#{node_anchor(node)}}}", ""])
            run.extend(node.children)
            flush(base=1)
        else:
            run.append(node)
    flush()


def lines_label(named: NamedSection) -> str:
    s = named.section
    span = f"line {s.first_line}" if s.first_line == s.last_line else f"lines {s.first_line}–{s.last_line}"
    return f"{s.file}, {span}"


STRUCTURE_PAGE = "structure.md"


def section_anchor(section) -> str:
    """The id of a section's row in the Structure report (its first line's anchor, prefixed)."""
    return "section-" + node_anchor(Node("text", "", section.source))


# Where a recovered title came from, as the page says it.
_SOURCE = {"named": "the topic catalog, a topic this section names",
           "keywords": "the topic catalog's keywords for it",
           "description": "the topic catalog's description of it"}


def render_topic(topic: Topic, category_title: str, slots: tuple[str, ...] = (), links=None) -> str:
    """A topic page. ``slots`` are placeholders the build fills with template output; ``links`` resolves
    Markdown notes' links to other notes (``Study.links``).

    Authors' details (notes line ranges, how a title was recovered and with what confidence) stay in the
    Structure report; a recovered title gets only a small marker linking to its row there."""
    out = [f"# {escape(topic.title)}", ""]
    meta = f'<span class="nm-category">{escape(category_title)}</span>'
    inferred = [s for s in topic.sections if s.title.inferred]
    if inferred:
        meta += (f" · [title recovered](../{STRUCTURE_PAGE}#{section_anchor(inferred[0].section)})"
                 '{.nm-recovered title="Your notes had no heading here: the Structure report says how this title '
                 'was chosen and how to rename it"}')
    several = len(topic.sections) > 1
    heading = topic.sections[0].section.heading
    if not several and heading and heading.text != topic.title and not topic.sections[0].section.markdown:
        # The page is named after the catalog or a titles file: the heading as written still reaches the page.
        meta += f" · your heading: “{escape(heading.text)}”"
    out += [meta, "{: .nm-meta }", ""]
    for i, named in enumerate(topic.sections, 1):
        if several:
            heading = named.section.heading
            name = heading.text if heading and heading.text != topic.title else f"{topic.title}, part {i}"
            out += ["", f"## {escape(name)}", ""]
        if named.section.markdown:
            from .markdown import blocks_md, resolve_links  # Markdown notes are laid out as written

            out.append(resolve_links("\n".join(blocks_md(named.section.nodes, heading_level=3 if several else 2)),
                                     links or {}))
        else:
            _body(named.section.nodes, out, level=3 if several else 2)
    for slot in slots:
        out += ["", f"<!-- notemill:{slot} -->", ""]
    if topic.see_also:
        out += ["", "## See also", ""]
        for link in topic.see_also:
            out.append(f"- [{escape(link.target_title)}]({link.target_slug}.md#{link.anchor}): {escape(link.text)}")
    return _tidy(out)


def render_home(site_name: str, categories, stats: dict[str, int], slots: tuple[str, ...] = ()) -> str:
    """The home page: what to study, by category. How the notes were read is the Structure report's business."""
    out = [f"# {escape(site_name)}", ""]
    out.append(f"{stats['topics']} topics from your notes, each with its notes as a page, diagrams and a self-check.")
    for slot in slots:
        out += ["", f"<!-- notemill:{slot} -->", ""]
    out += ["", "## Topics", ""]
    for category in categories:
        out += ["", f"### {escape(category.title)}", ""]
        out += [f"- [{escape(t.title)}](topics/{t.slug}.md)" for t in category.topics]
    out += ["", f"For authors: the [Structure report]({STRUCTURE_PAGE}) shows how the {stats['sections']} sections "
            f"of the notes were found and named ({stats['inferred']} headings recovered) and how to rename them."]
    return _tidy(out)


_METHOD = {
    "heading": "kept heading",
    "catalog": "catalog match",
    "term": "dominant term",
    "mapping": "your titles file",
}


def render_structure(sections: tuple[NamedSection, ...], slug_of: dict[int, str], titles_hint: str) -> str:
    inferred = [s for s in sections if s.title.inferred]
    # For authors: kept out of the site search, where its tables of titles outranked the topics themselves.
    out = ["---", "search:", "  exclude: true", "---", "# Structure report", ""]
    out.append(
        f"{len(sections)} sections found; {len(inferred)} had no heading and were named by the build. "
        "Check the recovered headings below; to rename a section, add an entry to your titles file:"
    )
    out += ["", "```yaml", titles_hint, "```", ""]
    for heading, rows in (("Recovered headings", inferred), ("All sections", sections)):
        out += ["", f"## {heading}", "", _TABLE_HEAD, "| --- | --- | --- | --- | --- |"]
        # Only the recovered rows carry an id: a topic page's "title recovered" marker links there.
        out += [_row(s, slug_of, anchor=rows is inferred) for s in rows]
    out += _merges(sections, slug_of)
    return _tidy(out)


_WHY = {
    "heading": "kept heading “{heading}”",
    "mapping": "your titles file",
    "named": "recovered; the section names it ({clue})",
}


def _merges(sections: tuple[NamedSection, ...], slug_of: dict[int, str]) -> list[str]:
    """Why sections share a page: each one's title says the topic (guesses never join)."""
    pages: dict[str, list[NamedSection]] = {}
    for s in sections:
        pages.setdefault(slug_of[id(s.section)], []).append(s)
    joined = {slug: members for slug, members in pages.items() if len(members) > 1}
    if not joined:
        return []
    out = ["", "## Sections joined on one page", "",
           "Sections share a page only when each one's title says the topic: a kept heading, your titles file, "
           "or a recovered title the section itself names. A title guessed from keywords keeps its own page.", ""]
    for slug, members in joined.items():
        title = members[0].title.entry or members[0].title.text
        why = "; ".join(
            f"{escape(lines_label(m))}: " + escape(_WHY.get(m.title.basis, m.title.basis).format(
                heading=m.section.heading.text if m.section.heading else "",
                clue=", ".join(m.title.evidence[:2])))
            for m in members)
        out.append(f"- [{escape(title)}](topics/{slug}.md): {why}")
    return out


# How a catalog title was supported: the section names the topic, or only its keywords or description match.
_BASIS = {"named": "named in the section", "keywords": "keywords", "description": "description"}

_TABLE_HEAD = "| Notes | Title given | How | Confidence | Clues |"


def _row(s: NamedSection, slug_of: dict[int, str], anchor: bool = False) -> str:
    link = f"[{escape(s.title.text)}](topics/{slug_of[id(s.section)]}.md)"
    clues = ", ".join(s.title.evidence[:4])
    if s.section.heading and s.title.method == "heading":
        clues = f"heading “{s.section.heading.text}”"
        if s.section.heading.style == "file":
            clues = f"file name “{s.section.file}”"
        elif s.section.heading.level:
            clues = f"{'#' * s.section.heading.level} heading “{s.section.heading.text}”"
    how = _METHOD[s.title.method] + (f" ({_BASIS[s.title.basis]})" if s.title.basis in _BASIS else "") + (
        " (grab-bag)" if s.grab_bag else "")
    mark = f'<a id="{section_anchor(s.section)}"></a>' if anchor else ""
    return f"| {mark}{escape(lines_label(s))} | {link} | {how} | {s.title.confidence:.2f} | {escape(clues)} |"


def _tidy(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip() + "\n"

