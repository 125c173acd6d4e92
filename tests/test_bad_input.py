"""Bad input, as people really have it (issue 16): real ``mkdocs build --strict`` runs over the fixtures in
``tests/fixtures/variants/``. Each case checks the message (file, line or entry, and the fix), the exit code,
and that every line of the notes reaches the site readable."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
from datetime import UTC, datetime

import pytest
from test_build import VARIANTS, _config_with, missing_lines, site_text

from conftest import ROOT, mkdocs_build
from notemill.errors import NotesError
from notemill.textio import decode_notes

# Files whose problems are warnings: built together into one site with --strict, as `make site` does.
WARNED = [VARIANTS / n for n in (
    "enc_utf8_stray_latin1.txt", "enc_cp1252_undefined.txt", "enc_utf32_bom.txt", "enc_utf16_nobom.txt",
    "enc_utf16_odd.txt", "enc_utf16_surrogate.txt", "enc_stray_nul.txt", "latin1.txt", "empty.txt",
    "nesting_10.txt", "nesting_11.txt", "nesting_12.txt", "long_token.txt", "footer_titles.txt", "bullets.txt",
)]


@pytest.fixture(scope="module")
def warned(tmp_path_factory):
    site = tmp_path_factory.mktemp("warned") / "site"
    # bullets.txt twice: once as listed, once by another spelling of the same path.
    twice = VARIANTS / ".." / "variants" / "bullets.txt"
    result = mkdocs_build(site, notes=WARNED + [twice])
    return site, result


def test_notes_problems_build_the_site_with_strict(warned):
    site, result = warned
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Aborted" not in result.stdout + result.stderr
    assert re.search(r"INFO .*\d+ problems in the notes \(warnings above\); the site is built", result.stderr)
    assert (site / "index.html").exists()


def test_every_line_of_every_encoding_reaches_the_site_readable(warned):
    site, _ = warned
    assert missing_lines(WARNED, site) == []
    text, _, _ = site_text(site)
    # Nothing of the usual mojibake: the UTF-8 bullet read as Windows-1252, NUL, UTF-16 read byte by byte.
    for garbled in ("â€¢", "â€œ", "Ã©", "\x00", "A\x00m"):
        assert garbled not in text


# (fixture, the warning it must give: file, line and what to do)
MESSAGES = [
    ("enc_utf8_stray_latin1.txt",
     r"WARNING .*enc_utf8_stray_latin1\.txt:7: line 7: not valid UTF-8 \(bytes 0xe9\); the bytes that are not "
     r"UTF-8 were read as Windows-1252 .* and the rest of the file as UTF-8\. Check those lines on the site\. "
     r"Save the notes as plain text in UTF-8"),
    ("enc_cp1252_undefined.txt",
     r"WARNING .*enc_cp1252_undefined\.txt:3: lines 3, 4, 5, 6, 7, 11, 12 \(7 in all\): not valid UTF-8 .*; on line "
     r"5 a byte Windows-1252 leaves undefined is shown as \ufffd\. Check those lines on the site\."),
    ("enc_utf32_bom.txt", r"INFO .*enc_utf32_bom\.txt:1: read as UTF-32 \(byte order mark found\)"),
    ("enc_utf16_nobom.txt",
     r"INFO .*enc_utf16_nobom\.txt:1: read as UTF-16 \(no byte order mark, but its zero bytes fall as in UTF-16"),
    ("enc_utf16_odd.txt",
     r"WARNING .*enc_utf16_odd\.txt:13: line 13: not valid UTF-16 \(a cut-off last character or a broken "
     r"surrogate pair\), shown as \ufffd; the rest of the file is read as UTF-16\. Save the notes as plain text"),
    ("enc_utf16_surrogate.txt", r"WARNING .*enc_utf16_surrogate\.txt:6: line 6: not valid UTF-16"),
    ("enc_stray_nul.txt",
     r"WARNING .*enc_stray_nul\.txt:4: line 4: control characters \(U\+0000\) that text does not show were "
     r"removed; the rest of each line is kept\. Remove them"),
    ("latin1.txt", r"WARNING .*latin1\.txt:\d+: lines? [\d, ]+.*not valid UTF-8"),
    ("empty.txt", r"WARNING .*empty\.txt: has no notes in it \(empty or blank\); it adds no topic"),
    ("nesting_11.txt",
     r"WARNING .*nesting_11\.txt:13: notes nested 11 levels deep; levels past 10 are shown at level 10\. "
     r"Indent less"),
    ("nesting_12.txt", r"WARNING .*nesting_12\.txt:14: notes nested 12 levels deep"),
    ("long_token.txt",
     r"WARNING .*long_token\.txt:1: the title of this section is longer than 120 characters; the page is titled "
     r"“[a-z]{100,119}…” and the full line is shown on the page\."),
    ("bullets.txt",
     r"WARNING .*bullets\.txt: is listed more than once; it is read once\. "
     r"Remove the repeated path"),
]


@pytest.mark.parametrize("name,pattern", MESSAGES, ids=[m[0] for m in MESSAGES])
def test_each_problem_is_named_with_its_line_and_fix(warned, name, pattern):
    _, result = warned
    assert re.search(pattern, result.stderr), result.stderr


def test_no_warning_for_what_is_fine(warned):
    _, result = warned
    assert not re.search(r"WARNING .*(nesting_10|enc_utf32_bom|enc_utf16_nobom|footer_titles)\.txt", result.stderr)


def test_a_file_listed_twice_is_read_once(warned):
    site, _ = warned
    data = json.loads((site / "outline.json").read_text())
    sources = [s["file"] for t in data["topics"] for s in t["sources"]]
    assert sources.count("bullets.txt") == len(set((t["slug"], s["first_line"]) for t in data["topics"]
                                                   for s in t["sources"] if s["file"] == "bullets.txt"))
    page = (site / "structure.html").read_text(encoding="utf-8")  # the notes files are named for authors there
    ids = re.findall(r'id="(bullets-L\d+)"', "".join(p.read_text() for p in (site / "topics").glob("*.html")))
    assert ids and len(ids) == len(set(ids)), "an anchor appears twice"
    assert "bullets.txt" in page


def test_titles_and_log_lines_are_capped(warned):
    site, result = warned
    data = json.loads((site / "outline.json").read_text())
    assert max(len(t["title"]) for t in data["topics"]) <= 120
    assert max(len(line) for line in result.stderr.splitlines()) < 1000
    # The whole 20,000-character token is still on a page.
    assert missing_lines([VARIANTS / "long_token.txt"], site) == []


def test_nesting_is_shown_at_most_ten_levels_deep(warned):
    site, _ = warned
    data = json.loads((site / "outline.json").read_text())
    (topic,) = [t for t in data["topics"] if t["title"] == "Nested 12 levels"]
    page = (site / "topics" / f"{topic['slug']}.html").read_text(encoding="utf-8")
    article = page[page.index("<article"):page.index("</article>")]
    depth = deepest = 0
    for tag in re.findall(r"</?ul\b", article):
        depth += 1 if tag == "<ul" else -1
        deepest = max(deepest, depth)
    assert deepest == 9  # level 1 is the page's section heading, levels 2-10 are lists; 11 and 12 show at 10
    assert "level 12 of 12" in page


def test_footer_labels_are_escaped_once(warned):
    site, _ = warned
    labels = set()
    for page in (site / "topics").glob("*.html"):
        for label in re.findall(r'class="md-footer__link[^"]*" aria-label="([^"]*)"', page.read_text()):
            labels.add(html.unescape(label))
    assert "Next: Don't Panic & Relax" in labels or "Previous: Don't Panic & Relax" in labels
    assert any('Quotes "and" <Tags> Here' in label for label in labels)
    assert not any("&amp;" in label or "&#x27;" in label for label in labels)
    # Nowhere else either: a title escaped twice shows its entities.
    twice = [p.name for p in site.rglob("*.html") if re.search(r"&amp;(?:amp|#x27|#39|quot|lt|gt);", p.read_text())]
    assert twice == []


def test_sitemap_carries_the_notes_date_not_the_build_date(tmp_path):
    notes = tmp_path / "dated.txt"
    shutil.copy(VARIANTS / "bullets.txt", notes)
    when = datetime(2021, 3, 4, 12, tzinfo=UTC).timestamp()
    os.utime(notes, (when, when))
    result = mkdocs_build(tmp_path / "site", notes=[notes])
    assert result.returncode == 0, result.stderr
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text()
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {"2021-03-04"}


# Problems that stop the build: the exit code is 1 and the message names the file, line or entry, and the fix.
STOPS = [
    ("binary_nonul.bin", None,
     r"binary_nonul\.bin:\d+: this looks like a binary file, not text notes \(\d+ of its \d+ characters are "
     r"control codes.*\)\. Export the document as plain text \(\.txt\)"),
    ("binary.bin", None, r"binary\.bin:\d+: this looks like a binary file.*NUL bytes among them"),
    ("bullets.txt", "    titles: tests/fixtures/variants/titles_bad_yaml.yml\n",
     r"titles_bad_yaml\.yml:6: the titles file is not valid YAML \(expected ',' or '\]', but got ':', in what "
     r"line 5 opens\)\. Fix the YAML there"),
    ("bullets.txt", "    catalog: tests/fixtures/variants/catalog_string_topics.yml\n",
     r"catalog_string_topics\.yml:2: topics entry 1 is str 'Amazon SQS', not a mapping\. Each topic is a mapping"),
    ("bullets.txt", "    catalog: tests/fixtures/variants/catalog_string_categories.yml\n",
     r"catalog_string_categories\.yml:2: categories entry 1 is 'queues', not an id with a title\. Write '- \{id:"),
    ("bullets.txt", "    catalog: tests/fixtures/variants/catalog_alias_string.yml\n",
     r"catalog_alias_string\.yml:2: topics entry 1 \('Widget Store'\) has aliases: 'WS', a single text, not a "
     r"list\. Write a list: 'aliases: \[WS\]'"),
    ("bullets.txt", "    catalog: tests/fixtures/variants/catalog_bad_parent.yml\n",
     r"catalog_bad_parent\.yml:2: topics entry 1 \('Widget Store'\) has parent 'Widget Warehouse', which is no "
     r"topic of the catalog\. Write the parent's name exactly"),
]


@pytest.mark.parametrize("notes,setting,pattern", STOPS, ids=[s[2][:30] for s in STOPS])
def test_what_cannot_be_built_stops_with_a_message(tmp_path, notes, setting, pattern):
    config = _config_with(tmp_path, f"    notes: [tests/fixtures/variants/{notes}]\n" + (setting or ""))
    try:
        result = mkdocs_build(tmp_path / "site", config=config)
    finally:
        config.unlink()
    assert result.returncode == 1
    assert re.search(pattern, result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_same_name_in_two_folders(tmp_path):
    same = VARIANTS / "same_name"
    config = _config_with(tmp_path, "    notes: [tests/fixtures/variants/same_name/a/notes.txt, "
                                    "tests/fixtures/variants/same_name/b/notes.txt]\n"
                                    "    titles: tests/fixtures/variants/same_name/titles.yml\n")
    try:
        result = mkdocs_build(tmp_path / "site", config=config)
    finally:
        config.unlink()
    assert result.returncode == 0, result.stderr
    assert re.search(r"WARNING .*titles\.yml:3: file: notes\.txt matches 2 notes files \(a/notes\.txt, "
                     r"b/notes\.txt\); this title is not used\. Write the file as the Structure report names it",
                     result.stderr), result.stderr
    data = json.loads((tmp_path / "site" / "outline.json").read_text())
    title_of = {(s["file"], s["first_line"]): t["title"] for t in data["topics"] for s in t["sources"]}
    assert title_of[("a/notes.txt", 6)] == "Renamed In A" and title_of[("b/notes.txt", 6)] == "Renamed In B"
    assert {f for f, _ in title_of} == {"a/notes.txt", "b/notes.txt"}
    assert "Which One" not in title_of.values()
    pages = "".join(p.read_text() for p in (tmp_path / "site" / "topics").glob("*.html"))
    assert 'id="a-notes-L3"' in pages and 'id="b-notes-L3"' in pages  # each line's anchor names its folder
    assert missing_lines([same / "a" / "notes.txt", same / "b" / "notes.txt"], tmp_path / "site") == []


def test_titles_file_problems_are_warnings_naming_the_entry_line(tmp_path):
    config = _config_with(tmp_path, "    notes: [tests/fixtures/variants/bullets.txt]\n"
                                    "    titles: tests/fixtures/variants/titles_problems.yml\n")
    try:
        result = mkdocs_build(tmp_path / "site", config=config)
    finally:
        config.unlink()
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert re.search(r"titles_problems\.yml:1: entry 1 has an empty title; it is not used", err), err
    assert re.search(r"titles_problems\.yml:4: entry 2 has an empty title; it is not used", err)
    assert re.search(r"titles_problems\.yml:7: entry 3 has line: True, not a line number; it is not used", err)
    assert re.search(r"titles_problems\.yml:13: entry 5 renames the same section as the entry on line 10; "
                     r"the later entry is used", err)
    assert re.search(r"titles_problems\.yml:16: entry 6 has file, title, not file, line and title", err)
    data = json.loads((tmp_path / "site" / "outline.json").read_text())
    titles = {t["title"] for t in data["topics"]}
    assert "Second Title" in titles and "None" not in titles and "Line True" not in titles
    assert missing_lines([VARIANTS / "bullets.txt"], tmp_path / "site") == []


@pytest.mark.parametrize("notes,pattern", [
    (f"{VARIANTS}/with space.txt",
     r"no such notes file: .*with, .*space\.txt\. A path with spaces must be quoted inside NOTES"),
    (f"'{VARIANTS}/with space.txt", r"NOTES: cannot split .* into paths \(No closing quotation\)\. Close the quote"),
], ids=["unquoted-space", "open-quote"])
def test_notes_variable_mistakes_say_what_to_write(tmp_path, notes, pattern):
    result = mkdocs_build(tmp_path / "site", extra_env={"NOTES": notes})
    assert result.returncode == 1
    assert re.search(pattern, result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_a_quoted_path_with_spaces_builds(tmp_path):
    result = mkdocs_build(tmp_path / "site", notes=[VARIANTS / "with space.txt"])
    assert result.returncode == 0, result.stderr
    assert missing_lines([VARIANTS / "with space.txt"], tmp_path / "site") == []



def test_strict_still_stops_on_the_projects_own_problems(tmp_path):
    """--strict keeps guarding the project: a page in docs/ that the notes' pages replace aborts it, while the
    same build without --strict goes through with the warning."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, symlinks=True)
    mermaid = docs / "assets" / "javascripts" / "mermaid.min.js"  # a link into node_modules, as make makes it
    mermaid.unlink()
    mermaid.symlink_to(ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js")
    (docs / "index.md").write_text("# A hand-written home page\n", encoding="utf-8")
    config = _config_with(tmp_path, "    notes: [tests/fixtures/variants/bullets.txt]\n")
    config.write_text(config.read_text() + f"docs_dir: {docs}\n")
    try:
        strict = mkdocs_build(tmp_path / "a", config=config)
        plain = mkdocs_build(tmp_path / "b", config=config, strict=False)
    finally:
        config.unlink()
    assert re.search(r"WARNING .*docs/index\.md is replaced by the page generated from the notes", strict.stderr)
    assert strict.returncode == 1 and "Aborted with 1 warnings in strict mode!" in strict.stdout + strict.stderr
    assert plain.returncode == 0, plain.stderr


@pytest.mark.parametrize("text", [
    "Клетка\n\n  • Митохондрии: синтез АТФ, 2 мембраны\n  • Рибосомы 70S и 80S\n",
    "Κύτταρο\n\n  • Μιτοχόνδρια: σύνθεση ATP, 2 μεμβράνες\n  • Ριβοσώματα\n",
    "细胞\n\n  • 线粒体：合成ATP\n  • 核糖体\n",
], ids=["russian", "greek", "chinese"])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_a_mark_in_other_scripts(text, codec):
    decoded, diagnostics = decode_notes(text.encode(codec), "n.txt")
    assert decoded == text
    assert [d.level for d in diagnostics] == ["info"]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_wide_text_without_a_mark_cut_one_byte_short(codec):
    text = "Amazon SQS\n\n  • queue one\n  • two\n"
    decoded, diagnostics = decode_notes(text.encode(codec) + b"x", "n.txt")
    assert decoded == text + "\ufffd"
    assert str(diagnostics[1]).startswith("n.txt:5: line 5: not valid UTF-16")


def test_random_bytes_without_nul_are_refused():
    data = (VARIANTS / "binary_nonul.bin").read_bytes()
    assert b"\x00" not in data
    with pytest.raises(NotesError, match=r"binary_nonul\.bin:\d+: this looks like a binary file"):
        decode_notes(data, "binary_nonul.bin")
