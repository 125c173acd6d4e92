"""From notes files to a Study: parse, name, restructure. No MkDocs here."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .catalog import BUILTIN, Catalog, load_catalog
from .errors import Diagnostic, NotesError, shorten
from .markdown import MARKDOWN_SUFFIXES, parse_markdown
from .markdown.links import link_targets
from .markdown.media import Vault
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
from .reuse import REUSE, file_stamp
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


MAX_TITLE = 120  # characters of a page title; the full heading stays on its page


def display_names(paths: list[Path]) -> list[str]:
    """Short names for the notes files: the file name, or as many of its folders as tell it apart."""
    parts = [Path(p).resolve().parts for p in paths]
    names = []
    for i, mine in enumerate(parts):
        k = 1
        while k < len(mine) and any(other[-k:] == mine[-k:] for j, other in enumerate(parts) if j != i):
            k += 1
        names.append("/".join(mine[-k:]))
    return names


NOTES_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)


def expand_notes(paths: list[Path]) -> list[Path]:
    """Files as given; a folder gives every notes file inside it (.txt, .md, .markdown), hidden folders such
    as ``.obsidian`` left out, in the order of their paths inside it (the same on every machine)."""
    return [file for file, _ in notes_with_roots(paths)]


def notes_with_roots(paths: list[Path]) -> list[tuple[Path, Path]]:
    """expand_notes, each file with its notes folder: the folder named, or a named file's own folder
    (a Markdown note's images are found anywhere inside it, as Obsidian finds them in its vault)."""
    out: list[tuple[Path, Path]] = []
    for path in paths:
        if not path.is_dir():
            out.append((path, path.parent))
            continue
        found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in NOTES_SUFFIXES
                 and not any(part.startswith(".") for part in p.relative_to(path).parts)]
        if not found:
            raise NotesError(str(path), 0, "this folder holds no notes files",
                             "Put .md or .txt notes in it, or name the notes files themselves")
        out += [(p, path) for p in sorted(
            found, key=lambda p: (p.relative_to(path).as_posix().casefold(), p.relative_to(path).as_posix()))]
    return out


def is_markdown(path: Path, formats: dict[str, str] | None = None) -> bool:
    """Markdown by its extension, unless the settings say otherwise for this file."""
    chosen = (formats or {}).get(str(path.resolve()))
    return chosen == "markdown" if chosen else path.suffix.lower() in MARKDOWN_SUFFIXES


def unique_paths(paths: list[Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Each notes file once: a file listed twice would show every line twice, with the same anchors."""
    seen: dict[Path, Path] = {}
    diagnostics = []
    for p in paths:
        key = Path(p).resolve()
        if key in seen:
            diagnostics.append(Diagnostic(
                "warning", str(p), 0,
                "is listed more than once; it is read once. "
                "Remove the repeated path from extra.notemill.notes in mkdocs.yml or from NOTES"))
            continue
        seen[key] = p
    return list(seen.values()), diagnostics


def _entry_lines(text: str) -> list[int]:
    """The line where each entry of a YAML list starts (safe_load forgets them)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    if isinstance(node, yaml.SequenceNode):
        return [item.start_mark.line + 1 for item in node.value]
    return []


def load_titles(path: Path) -> tuple[list[tuple[str, int, str, int]], list[Diagnostic]]:
    """A user's titles file: a YAML list of {file, line, title}.

    Returns (file, line, title, entry line) for every usable entry; an entry that cannot be used is a
    warning naming its line, and the site builds without it."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) else "not UTF-8"
        raise NotesError(where, 0, f"cannot read the titles file ({reason})",
                         "It must be a UTF-8 YAML list of entries with file, line and title") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or "invalid YAML"
        context = getattr(err, "context_mark", None)
        if context is not None and mark is not None and context.line != mark.line:
            problem += f", in what line {context.line + 1} opens"  # an unclosed bracket or quote
        raise NotesError(where, mark.line + 1 if mark else 0, f"the titles file is not valid YAML ({problem})",
                         "Fix the YAML there; each entry reads '- {file: notes.txt, line: 12, title: My title}'") \
            from None
    if data is None:
        return [], [Diagnostic("warning", where, 0, "the titles file is empty; no section is renamed")]
    if not isinstance(data, list):
        raise NotesError(where, 1, "the titles file must be a YAML list",
                         "Write entries as '- {file: notes.txt, line: 12, title: My title}'")
    lines = _entry_lines(text)
    out, diagnostics = [], []
    first_at: dict[tuple[str, int], int] = {}
    for n, entry in enumerate(data, 1):
        at = lines[n - 1] if n <= len(lines) else 0

        def skip(problem: str, fix: str, at=at, n=n) -> None:
            diagnostics.append(Diagnostic("warning", where, at, f"entry {n} {problem}; it is not used. {fix}"))

        if not isinstance(entry, dict) or set(entry) != {"file", "line", "title"}:
            keys = ", ".join(map(str, entry)) if isinstance(entry, dict) else type(entry).__name__
            skip(f"has {keys or 'nothing'}, not file, line and title",
                 "Give each entry exactly: file (the notes file name), line (a number), title")
            continue
        line, title = entry["line"], entry["title"]
        if isinstance(line, bool) or not isinstance(line, int) or line < 1:
            skip(f"has line: {line!r}, not a line number", "Write the section's first line as a number (line: 12)")
            continue
        if title is None or not str(title).strip():
            skip("has an empty title", "Write the title to use (title: My title), or remove the entry")
            continue
        if isinstance(title, (dict, list)):
            skip("has a title that is not text", "Write the title as text (title: My title)")
            continue
        title = " ".join(str(title).split())
        if len(title) > MAX_TITLE:
            diagnostics.append(Diagnostic("warning", where, at, f"entry {n}: title cut to {MAX_TITLE} characters"))
            title = shorten(title, MAX_TITLE)
        key = (str(entry["file"]), line)
        if key in first_at:
            diagnostics.append(Diagnostic(
                "warning", where, at,
                f"entry {n} renames the same section as the entry on line {first_at[key]}; the later entry is used. "
                "Remove one of them"))
        first_at[key] = at
        out.append((str(entry["file"]), line, title, at))
    return out, diagnostics


def _which_file(file: str, names: list[str], paths: list[Path]) -> list[str]:
    """The notes files a titles entry's ``file`` names: its display name, or the end of its path."""
    want = Path(file).parts
    exact = [n for n in names if n == file]
    if exact:
        return exact
    return [n for n, p in zip(names, paths, strict=True) if Path(p).resolve().parts[-len(want):] == want]


def _depth(nodes, depth=1) -> tuple[int, int]:
    """(deepest level, counting the top level as 1, and a line where it is) of an outline."""
    best = (depth, nodes[0].source.line) if nodes else (0, 0)
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
    return _build_study(paths, catalog_path, titles_path, workers, formats)


def _build_study(paths: list[Path], catalog_path: Path | None, titles_path: Path | None, workers: int,
                 formats: dict[str, str] | None) -> Study:
    # The catalog as in the last build (`mkdocs serve`) while its files are unchanged; a file that cannot be
    # read is loaded again, to report it.
    stamps = (file_stamp(BUILTIN), file_stamp(catalog_path) if catalog_path else ())
    catalog_key = ("catalog", *stamps) if None not in stamps else ("catalog", object())
    catalog = REUSE.get(catalog_key, lambda: load_catalog(catalog_path))
    # A file named twice, or named and inside a folder also named, is read once.
    with_roots = notes_with_roots(paths)
    paths, diagnostics = unique_paths([p for p, _ in with_roots])
    vaults: dict[Path, Vault] = {}  # one per notes folder: its images are indexed once
    root_of: dict[Path, Vault] = {}
    for p, root in reversed(with_roots):  # a file named twice belongs to the first folder naming it
        root_of[p.resolve()] = vaults.setdefault(root.resolve(), Vault(root))
    sections: list[Section] = []
    media: dict[str, Path] = {}
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
                text, name, path.parent, lambda title: match_heading(title, catalog) is not None, path.stem,
                root_of[path.resolve()])
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
                    f"heading “{shorten(section.heading.text, 80)}” has no notes under it; it gets an empty page"))
            deepest, line = _depth(section.nodes)
            if deepest > MAX_DEPTH:
                diagnostics.append(Diagnostic(
                    "warning", name, line,
                    f"notes nested {deepest} levels deep; levels past {MAX_DEPTH} are shown at level {MAX_DEPTH}. "
                    "Indent less to keep the structure"))

    mappings: dict[tuple[str, int], str] = {}
    if titles_path is not None:
        where = str(titles_path)
        known = {(s.file, s.first_line) for s in sections}
        entries, found = load_titles(titles_path)
        diagnostics += found
        for file, line, title, at in entries:
            files = _which_file(file, names, paths)
            if len(files) > 1:
                diagnostics.append(Diagnostic(
                    "warning", where, at,
                    f"file: {file} matches {len(files)} notes files ({', '.join(files)}); this title is not used. "
                    "Write the file as the Structure report names it"))
                continue
            if not files:
                diagnostics.append(Diagnostic(
                    "warning", where, at,
                    f"file: {file} is none of the notes files ({', '.join(names)}); this title is not used. "
                    "Write the file as the Structure report names it"))
                continue
            if (files[0], line) not in known:
                diagnostics.append(Diagnostic(
                    "warning", where, at,
                    f"no section starts at {files[0]} line {line}; this title is not used. "
                    "The Structure report lists each section's first line"))
                continue
            mappings[(files[0], line)] = title

    df = document_frequencies(sections)

    def read(section: Section) -> Reading:  # a worker sends back only what it found
        return read_section(section, catalog, mappings)

    # A section reads the same as in the last build (`mkdocs serve`) when it and the catalog are the same.
    todo, merge = REUSE.split(sections, lambda s: ("read", catalog_key, s, mappings.get((s.file, s.first_line))))
    readings = merge(map_items(read, todo, workers))
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
        if len(title.text) > MAX_TITLE:  # one unbroken token, or a pasted paragraph as a heading
            diagnostics.append(Diagnostic(
                "warning", section.file, section.first_line,
                f"the title of this section is longer than {MAX_TITLE} characters; the page is titled "
                f"“{shorten(title.text, MAX_TITLE)}” and the full line is shown on the page. Give it a shorter "
                "heading, or a title in your titles file"))
        if len(title.text) > MAX_TITLE or any(len(e) > MAX_TITLE for e in title.evidence):  # clues are quoted too
            title = replace(title, text=shorten(title.text, MAX_TITLE),
                            evidence=tuple(shorten(e, MAX_TITLE) for e in title.evidence))
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
