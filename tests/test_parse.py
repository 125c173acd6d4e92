"""Parser: sections, headings, nesting and code on the seed and on each input variant."""

from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, SEED
from notemill.errors import NotesError
from notemill.parse import is_title_like, parse_notes
from notemill.textio import decode_notes

TRUTH = FIXTURES / "notes" / "aws-developer-associate.truth.json"


def parse(text: str, name: str = "n.txt"):
    sections, _ = parse_notes(text, name)
    return sections


def lines_of(section):
    return [(n.kind, n.text) for n in section.walk()]


TRUTHS = sorted((FIXTURES / "notes").glob("*.truth.json"))


@pytest.mark.parametrize("truth_path", TRUTHS, ids=lambda p: p.name.split(".")[0])
def test_sections_match_truth(truth_path):
    """Seed and unseen notes: every section found, at its first line, heading kept or lost."""
    truth = json.loads(truth_path.read_text())
    notes = SEED if truth_path == TRUTH else truth_path.with_name(truth_path.name.replace(".truth.json", ".txt"))
    text, _ = decode_notes(notes.read_bytes(), notes.name)
    sections = parse(text)
    assert [s.first_line for s in sections] == [t["first_line"] for t in truth]
    assert [s.heading is not None for s in sections] == [t["heading_present"] for t in truth]


def test_seed_every_nonblank_line_is_in_one_node():
    text = SEED.read_text(encoding="utf-8")
    sections = parse(text)
    covered = set()
    for s in sections:
        if s.heading:
            covered.add(s.heading.source.line)
        for node in s.walk():
            covered.update(range(node.source.line, node.source.last + 1))
    wanted = {i for i, line in enumerate(text.split("\n"), 1) if line.strip()}
    assert wanted - covered == set()


def test_nesting_by_indentation():
    (s,) = parse("Topic\n\n  • a\n    • b\n      • c\n    • d\n  • e\n")
    assert s.heading.text == "Topic"
    a, e = s.nodes
    assert [c.text for c in a.children] == ["b", "d"]
    assert a.children[0].children[0].text == "c"
    assert e.text == "e" and e.source.line == 7


def test_two_blank_lines_start_a_section_without_heading():
    sections = parse("Alpha\n\n  • one\n\n\n  • two\n  • three\n")
    assert [s.heading.text if s.heading else None for s in sections] == ["Alpha", None]
    assert sections[1].first_line == 6


def test_blank_lines_before_deeper_indentation_continue_the_section():
    sections = parse("  • APIs\n    • Get\n\n    • For writes\n\n      • Put\n")
    assert len(sections) == 1
    assert [n.text for n in sections[0].walk()] == ["APIs", "Get", "For writes", "Put"]


def test_stray_lowercase_line_after_lost_heading_is_prose_not_heading():
    sections = parse("  • x\n\n\nML powered service\n\n  • Reviewer: code review\n")
    assert sections[1].heading is None
    assert sections[1].nodes[0].kind == "text"
    assert sections[1].first_line == 4


def test_json_fragment_at_column_zero_is_code_under_its_bullet():
    text = '  • Deny if\n"Condition": {\n\t"Bool": {\n\t\t"aws:SecureTransport": "false"\n  • Next\n'
    (s,) = parse(text)
    deny, nxt = s.nodes
    assert deny.children[0].kind == "code"
    assert deny.children[0].text.count("\n") == 2
    assert nxt.text == "Next"


def test_numbered_items_keep_their_marker():
    (s,) = parse("  • process\n    1. Describe\n    2. Upload\n")
    steps = s.nodes[0].children
    assert [(n.kind, n.marker, n.text) for n in steps] == [("step", "1.", "Describe"), ("step", "2.", "Upload")]


@pytest.mark.parametrize("heading", ["# Lambda", "## Lambda", "Lambda:", "Lambda"])
def test_heading_styles(heading):
    (s,) = parse(f"{heading}\n\n- cold starts\n")
    assert s.heading.text == "Lambda"


def test_deeper_markdown_headings_become_subheadings():
    (s,) = parse("# Lambda\n\n- a\n\n### Limits\n\n- b\n")
    assert [n.kind for n in s.nodes] == ["item", "subheading", "item"]


def test_title_like():
    assert is_title_like("Security group")
    assert is_title_like("NAT Gateway or Nat Instance")
    assert not is_title_like("ML powered service")


def test_wrapped_prose_lines_join_one_paragraph():
    (s,) = parse("Some prose that wraps\nover two lines.\n")
    assert lines_of(s) == [("text", "Some prose that wraps\nover two lines.")]


# --- input variants (fixtures written for each copy-paste format) ---

VARIANTS = FIXTURES / "variants"


def variant(name: str):
    data = (VARIANTS / name).read_bytes()
    text, diags = decode_notes(data, name)
    sections, more = parse_notes(text, name)
    return text, sections, diags + more


def test_crlf_and_bom_are_normalised():
    text, sections, _ = variant("crlf.txt")
    assert "\r" not in text and sections
    text, sections, _ = variant("bom.txt")
    assert not text.startswith("\ufeff") and sections


def test_tabs_nest_like_spaces():
    _, sections, _ = variant("tabs.txt")
    assert any(n.children for s in sections for n in s.walk())


def test_every_bullet_style_is_a_bullet():
    _, sections, _ = variant("bullets.txt")
    markers = {n.marker for s in sections for n in s.walk() if n.kind == "item"}
    assert {"-", "*", "•", "●", "○", "▪", "◦"} <= markers


def test_latin1_is_read_with_a_warning_naming_the_line():
    text, _, diags = variant("latin1.txt")
    assert "Café notes" in text
    (warning,) = [d for d in diags if d.level == "warning"]
    assert warning.file == "latin1.txt" and warning.line >= 1 and "UTF-8" in warning.message


def test_binary_file_is_a_clear_error():
    with pytest.raises(NotesError) as err:
        decode_notes((VARIANTS / "binary.bin").read_bytes(), "binary.bin")
    assert "binary.bin:" in str(err.value) and "plain text" in str(err.value)


@pytest.mark.parametrize("name", ["empty.txt", "whitespace_only.txt"])
def test_empty_notes_have_no_sections(name):
    _, sections, _ = variant(name)
    assert sections == []


def test_deep_nesting_is_kept():
    _, sections, _ = variant("deep_nesting.txt")
    depth, nodes = 0, sections[0].nodes
    while nodes:
        depth += 1
        nodes = nodes[0].children
    assert depth >= 50


def test_five_megabytes_parse_linearly():
    block = SEED.read_text(encoding="utf-8")
    text = (block + "\n\n\n") * (5_000_000 // len(block.encode()) + 1)
    sections = parse(text)
    assert len(sections) >= 45 * 130
