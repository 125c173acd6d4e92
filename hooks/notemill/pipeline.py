"""From notes files to a Study: parse, name, restructure. No MkDocs here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .catalog import Catalog, load_catalog
from .errors import Diagnostic, NotesError
from .markdown import MARKDOWN_SUFFIXES, parse_markdown
from .markdown.links import link_targets
from .memory import no_cycle_collection
from .model import Category, NamedSection, Section, Title, Topic
from .parse import parse_notes
from .recover import (
    Reading,
    catalog_fit,
    decide_title,
    document_frequencies,
    dominant_term,
    match_heading,
    read_section,
    term_title,
)
from .render import MAX_DEPTH
from .restructure import build_topics, is_grab_bag, topics_named
from .textio import decode_notes
from .workers import AUTO, map_items


@dataclass(frozen=True)
class Study:
    """Everything the site is built from, derived from the notes alone."""

    files: tuple[str, ...]
    sections: tuple[NamedSection, ...]
    categories: tuple[Category, ...]
    topics: tuple[Topic, ...]
    diagnostics: tuple[Diagnostic, ...]
    catalog: Catalog
    # Per notes file, the share of its sections whose subject is a catalog entry (``recover.catalog_fit``).
    catalog_fit: tuple[tuple[str, float], ...] = ()
    # Markdown notes: (target, heading) of each link to other notes -> the page holding it
    links: dict = field(default_factory=dict)
    media: tuple[tuple[str, Path], ...] = ()  # local images of Markdown notes: (site path, file)

    @property
    def line_count(self) -> int:
        return sum(1 for s in self.sections for _ in s.section.walk())


def display_names(paths: list[Path]) -> list[str]:
    """Short names for the notes files: the file name, or more of the path where two share one."""
    shared = Counter(p.name for p in paths)  # counted first: every file of a shared name gets its folder
    return ["/".join(p.parts[-2:]) if shared[p.name] > 1 else p.name for p in paths]


NOTES_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)


def expand_notes(paths: list[Path]) -> list[Path]:
    """Files as given; a folder gives every notes file inside it (.txt, .md, .markdown), hidden folders such
    as ``.obsidian`` left out, in the order of their paths inside it (the same on every machine)."""
    out: list[Path] = []
    for path in paths:
        if not path.is_dir():
            out.append(path)
            continue
        found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in NOTES_SUFFIXES
                 and not any(part.startswith(".") for part in p.relative_to(path).parts)]
        if not found:
            raise NotesError(str(path), 0, "this folder holds no notes files",
                             "Put .md or .txt notes in it, or name the notes files themselves")
        out += sorted(found, key=lambda p: (p.relative_to(path).as_posix().casefold(), p.relative_to(path).as_posix()))
    return out


def is_markdown(path: Path, formats: dict[str, str] | None = None) -> bool:
    """Markdown by its extension, unless the settings say otherwise for this file."""
    chosen = (formats or {}).get(str(path.resolve()))
    return chosen == "markdown" if chosen else path.suffix.lower() in MARKDOWN_SUFFIXES


def load_titles(path: Path) -> list[tuple[str, int, str]]:
    """A user's titles file: a YAML list of {file, line, title}."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise NotesError(str(path), 0, f"cannot read the titles file ({type(err).__name__})",
                         "It must be a UTF-8 YAML list of entries with file, line and title") from None
    if not isinstance(data, list):
        raise NotesError(str(path), 0, "the titles file must be a YAML list",
                         "Write entries as '- {file: notes.txt, line: 12, title: My title}'")
    out = []
    for n, entry in enumerate(data, 1):
        ok = isinstance(entry, dict) and set(entry) == {"file", "line", "title"} and isinstance(entry["line"], int)
        if not ok:
            raise NotesError(str(path), 0, f"entry {n} of the titles file is not {{file, line, title}}",
                             "Give each entry exactly: file (the notes file name), line (a number), title")
        out.append((str(entry["file"]), int(entry["line"]), str(entry["title"])))
    return out


def _depth(nodes, depth=0) -> tuple[int, int]:
    """(deepest level, line where it is) of an outline."""
    best = (depth, nodes[0].source.line) if nodes else (depth, 0)
    for node in nodes:
        if node.children:
            best = max(best, _depth(node.children, depth + 1), key=lambda b: b[0])
    return best


def build_study(
    paths: list[Path],
    catalog_path: Path | None = None,
    titles_path: Path | None = None,
    workers: int = AUTO,
    formats: dict[str, str] | None = None,
) -> Study:
    """``formats``: resolved notes path -> "markdown" or "text", overriding the extension."""
    with no_cycle_collection():
        return _build_study(paths, catalog_path, titles_path, workers, formats)


def _build_study(paths: list[Path], catalog_path: Path | None, titles_path: Path | None, workers: int,
                 formats: dict[str, str] | None) -> Study:
    catalog = load_catalog(catalog_path)
    diagnostics: list[Diagnostic] = []
    sections: list[Section] = []
    media: dict[str, Path] = {}
    paths = expand_notes(paths)
    names = display_names(paths)
    for path, name in zip(paths, names, strict=True):
        try:
            data = path.read_bytes()
        except OSError as err:
            raise NotesError(str(path), 0, f"cannot read the notes file ({err.strerror})",
                             "Check the path in mkdocs.yml (extra.notemill.notes) or in NOTES") from None
        text, found = decode_notes(data, name)
        diagnostics += found
        if is_markdown(path, formats):
            parsed, found, images = parse_markdown(
                text, name, path.parent, lambda title: match_heading(title, catalog) is not None, path.stem)
            media.update(images)
        else:
            parsed, found = parse_notes(text, name)
        diagnostics += found
        if not parsed:
            diagnostics.append(Diagnostic("warning", name, 0, "has no notes in it (empty or blank); it adds no topic"))
        sections += parsed
        for section in parsed:
            if section.heading and not section.nodes:
                diagnostics.append(Diagnostic(
                    "info", name, section.first_line,
                    f"heading “{section.heading.text}” has no notes under it; it gets an empty page"))
            deepest, line = _depth(section.nodes)
            if deepest > MAX_DEPTH:
                diagnostics.append(Diagnostic(
                    "warning", name, line,
                    f"notes nested {deepest} levels deep; levels past {MAX_DEPTH} are shown at level {MAX_DEPTH}. "
                    "Indent less to keep the structure"))

    mappings: dict[tuple[str, int], str] = {}
    if titles_path is not None:
        known = {(s.file, s.first_line) for s in sections}
        for file, line, title in load_titles(titles_path):
            key = (Path(file).name if (Path(file).name, line) in known else file, line)
            if key not in known:
                diagnostics.append(Diagnostic(
                    "warning", str(titles_path), 0,
                    f"no section starts at {file} line {line}; this title is not used. "
                    "The Structure report lists each section's first line"))
            mappings[key] = title

    df = document_frequencies(sections)

    def read(section: Section) -> Reading:  # a worker sends back only what it found
        return read_section(section, catalog, mappings)

    readings = map_items(read, sections, workers)
    # A file's fit decides how far keyword evidence is trusted in it: all its sections are read first.
    by_file: dict[str, list[Reading]] = {name: [] for name in names}
    for section, reading in zip(sections, readings, strict=True):
        by_file[section.file].append(reading)
    fits = {file: catalog_fit(found) for file, found in by_file.items()}
    titles = [decide_title(reading, fits[section.file]) for section, reading in zip(sections, readings, strict=True)]

    # Sections with no catalog entry: their own term where the catalog gave no title, and whether they are
    # grab-bags (a section titled after an entry never is).
    open_items = [(section, title) for section, title in zip(sections, titles, strict=True)
                  if title is None or not title.entry]

    def finish(item: tuple[Section, Title | None]) -> tuple[Title, int]:
        section, title = item
        title = title or term_title(*dominant_term(section, df, len(sections)), section.first_line)
        return title, topics_named(section, catalog)

    finished = iter(map_items(finish, open_items, workers))
    named = []
    for section, title in zip(sections, titles, strict=True):
        count = 0
        if title is None or not title.entry:
            title, count = next(finished)
        named.append(NamedSection(section, title, grab_bag=is_grab_bag(section, title, catalog, count)))
    categories, topics = build_topics(named, catalog)
    by_id = {id(s.section): s for t in topics for s in t.sections}
    named_sections = tuple(by_id[id(s)] for s in sections)
    for s in named_sections:
        if s.title.inferred:
            diagnostics.append(Diagnostic(
                "info", s.section.file, s.section.first_line,
                f"heading recovered: “{s.title.text}” ({s.title.method}, confidence {s.title.confidence:.2f})"))
    links, found = link_targets(topics, catalog)
    diagnostics += found
    return Study(tuple(names), named_sections, tuple(categories), tuple(topics), tuple(diagnostics), catalog,
                 tuple(fits.items()), links, tuple(sorted(media.items())))
