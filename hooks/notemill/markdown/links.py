"""Links between Markdown notes: ``[[wiki links]]``, ``[x](other.md)`` and ``[x](#heading)``.

A target is a notes file (by its name), a heading (a topic's or a
sub-section's) or a topic (by its title or a catalog name); the link goes to
the page holding it, at the sub-section when it names one. A target nothing
holds stays plain text, with one warning naming the file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Diagnostic
from ..recover import match_heading
from ..restructure import node_anchor
from .document import file_title

_REF = re.compile("([\ue000\ue003])([^\ue001\ue002]*)\ue001([^\ue001\ue002]*)\ue001")


def key(text: str) -> str:
    """One spelling for a heading, a file name or a GitHub-style anchor ("Amazon S3" = "amazon-s3")."""
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-")


def link_targets(topics, catalog) -> tuple[dict[tuple[str, str], str], list[Diagnostic]]:
    files: dict[str, list] = {}  # file key -> (topic slug, section) in notes order
    headings: dict[str, tuple[str, str]] = {}  # heading key -> (slug, anchor or "")
    by_file_heading: dict[tuple[str, str], tuple[str, str]] = {}
    titles: dict[str, str] = {}
    entries: dict[str, str] = {}
    refs: list[tuple[str, int, str, str, bool]] = []  # (file, line, target, heading, written as a file path)
    for topic in topics:
        titles.setdefault(key(topic.title), topic.slug)
        for named in topic.sections:
            s = named.section
            if named.title.entry:
                entries.setdefault(named.title.entry, topic.slug)
            if not s.markdown:
                continue
            stem = Path(s.file).stem
            for k in {key(stem), key(file_title(stem) or stem)}:
                files.setdefault(k, []).append((topic.slug, s))
            if s.heading is not None:
                headings.setdefault(key(s.heading.text), (topic.slug, ""))
                by_file_heading.setdefault((key(stem), key(s.heading.text)), (topic.slug, ""))
            for node in s.walk():
                if node.kind == "subheading":
                    anchor = node_anchor(node)
                    headings.setdefault(key(node.text), (topic.slug, anchor))
                    by_file_heading.setdefault((key(stem), key(node.text)), (topic.slug, anchor))
                if "\ue000" in node.markup or "\ue003" in node.markup:
                    refs += [(s.file, node.source.line, m.group(2), m.group(3), m.group(1) == "\ue003")
                             for m in _REF.finditer(node.markup)]

    def find(target: str, heading: str) -> tuple[str, str] | None:
        if not target:
            return headings.get(key(heading))
        if key(target) in files:
            if heading:
                hit = by_file_heading.get((key(target), key(heading)))
                if hit:
                    return hit
            return min(files[key(target)], key=lambda hit: hit[1].first_line)[0], ""  # the note's first part
        hit = headings.get(key(target))
        if hit is None and key(target) in titles:
            hit = (titles[key(target)], "")
        if hit is None:
            entry = match_heading(target, catalog)
            hit = (entries[entry], "") if entry in entries else None
        return hit

    links: dict[tuple[str, str], str] = {}
    diagnostics: list[Diagnostic] = []
    warned: set[tuple[str, str, str]] = set()
    for file, line, target, heading, path in refs:
        if (target, heading) in links:
            continue
        hit = find(target, heading)
        if hit is None:
            if (file, target, heading) not in warned:
                warned.add((file, target, heading))
                shown = f"{target}#{heading}" if heading else target or heading
                # A path to a file that is not notes ("../README.md") is simply outside the site: no fix needed.
                diagnostics.append(Diagnostic(
                    "info" if path else "warning", file, line,
                    f"link to “{shown}” names no note, heading or topic of these notes; it is shown as plain text"))
            continue
        slug, anchor = hit
        links[(target, heading)] = f"{slug}.md" + (f"#{anchor}" if anchor else "")
    return links, diagnostics
