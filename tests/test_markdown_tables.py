"""Questions from Markdown tables: term | meaning rows are definitions, tables comparing things ask
"which of these has <attribute> = <value>" (gen_table)."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import FIXTURES
from notemill import build_study
from notemill.quiz import candidates, gen_table, gen_terms, problems
from notemill.quiz.scope import build_scope
from notemill.render import node_anchor

# Another subject than the bundled notes: no rule may name one.
CELLS = """# Cell biology

## Organelles

Parts of a cell, compared.

| Organelle | Membrane | Main job | | Count |
| --- | --- | --- | --- | --- |
| Mitochondrion | double | makes ATP by respiration | kidney shaped | 2 |
| Ribosome | none | builds proteins from mRNA | tiny dots | 3 |
| Lysosome | single | breaks down worn-out parts | round sacs | 2 |
| Vacuole | single |  | large space | 1 |

## Microscopes

| | Light microscope | Electron microscope |
| --- | --- | --- |
| Image | coloured, of living cells | black and white, of dead cells |
| Best resolution | 200 nm | 0.2 nm |
| Cheap | ✓ | ✗ |
| Magnification | x1500 | x1500 |

## Practical steps

| # | Step | Time |
| --- | --- | --- |
| 1 | put the sample on the slide | one minute |
| 2 | add a drop of stain | two minutes |
| 3 | lower the cover slip | ten seconds |
| 4 | look at it under low power first | five minutes |

## Stains

| Stain | What it shows |
| --- | --- |
| Iodine | starch turns blue-black |
| Methylene blue | the nucleus of animal cells |
| Crystal violet | the walls of gram-positive bacteria |
"""


def _study(tmp_path: Path, text: str = CELLS):
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "biology.md"
    path.write_text(text, encoding="utf-8")
    return build_study([path])


def _asked(study, gen, strict: bool = True):
    """The questions a generator makes; ``strict``: each passes the quality rules, else those that do."""
    scope = build_scope(study)
    out = [q for topic in study.topics for q in gen.questions(topic, scope)]
    if not strict:
        return [q for q in out if not problems(q, scope.facts)]
    for q in out:
        assert problems(q, scope.facts) == [], (q, problems(q, scope.facts))
    return out


def _stem(q) -> tuple[str, str]:
    m = re.fullmatch(r"According to your notes, which of these has (.+) = “(.+)”\?", q.stem)
    assert m, q.stem
    return m.group(1), m.group(2)


def test_a_labelled_first_column_asks_which_row_has_a_value_unique_in_its_column(tmp_path):
    qs = [q for q in _asked(_study(tmp_path), gen_table) if "Organelles" in q.context]
    asked = {_stem(q): q for q in qs}
    double = asked[("Membrane", "double")]
    assert double.answer_texts == ("Mitochondrion",)
    assert set(double.wrong_options) <= {"Ribosome", "Lysosome", "Vacuole"} and len(double.options) == 4
    assert ("Membrane", "none") in asked  # a word value, unique in its column
    # "single" is two rows' value: asking would make one of the two right answers wrong.
    assert not any(v == "single" for _, v in asked)
    # A blank cell says nothing of that row: it is not offered as a wrong option.
    jobs = [q for (a, _), q in asked.items() if a == "Main job"]
    assert len(jobs) == 3 and all("Vacuole" not in q.options for q in jobs)
    # Neither the column with an empty header nor the numbers-only column is asked about.
    assert {a for a, _ in asked} == {"Membrane", "Main job"}
    # Each question points at the row that states it.
    for q in qs:
        line = CELLS.split("\n")[q.line - 1]
        assert line.startswith(f"| {q.answer_texts[0]} |") and q.anchor == node_anchor_for(q)
        assert q.explanation.startswith(q.answer_texts[0])


def node_anchor_for(q) -> str:
    from notemill.model import Node, Source
    return node_anchor(Node("item", "", Source(q.file, q.line)))


def test_a_blank_corner_compares_the_columns_and_asks_once_of_two(tmp_path):
    qs = [q for q in _asked(_study(tmp_path), gen_table) if "Microscopes" in q.context or "Microscope" in q.stem]
    asked = {_stem(q): q for q in qs}
    # Two things: one question per row (the other value would mirror it); marks (✓ ✗) and shared values ask
    # nothing.
    assert {a for a, _ in asked} == {"Image", "Best resolution"}
    for q in qs:
        assert set(q.options) == {"Light microscope", "Electron microscope"}
    image = next(q for (a, _), q in asked.items() if a == "Image")
    value = _stem(image)[1]
    assert image.answer_texts == (("Light microscope",) if value.startswith("coloured") else ("Electron microscope",))


def test_no_question_from_numbered_rows_or_two_column_tables(tmp_path):
    qs = _asked(_study(tmp_path), gen_table)
    assert not any("Step" in _stem(q)[0] or "Time" in _stem(q)[0] for q in qs)  # rows named 1, 2, 3
    assert not any("Iodine" in q.options for q in qs)  # term | meaning: gen_terms asks it


def test_numbered_rows_are_steps_and_no_question_answers_a_row_number(tmp_path):
    study = _study(tmp_path)
    table = next(n for s in study.sections for n in s.section.walk() if n.block == "table" and n.cells[0] == "#")
    assert [(c.kind, c.marker, c.text) for c in table.children][:2] == [
        ("step", "1.", "put the sample on the slide"), ("step", "2.", "add a drop of stain")]
    scope = build_scope(study)
    made = [q for topic in study.topics for q in candidates(topic, scope) if "Practical steps" in q.context]
    # Years are no row numbers: a year column keeps its rows as "term: meaning" entries.
    years = _study(tmp_path / "y", "# History\n\n## Launches\n\n| Year | Launch |\n| --- | --- |\n"
                   "| 2006 | the first storage service |\n| 2008 | the first content network |\n")
    rows = [n for s in years.sections for n in s.section.walk() if n.block == "row"]
    assert [(n.kind, n.text) for n in rows] == [("item", "2006: the first storage service"),
                                               ("item", "2008: the first content network")]
    order = next(q for q in made if q.type == "order")
    assert order.stem == "Put these in the order your notes give for “Practical steps”."  # not for “#”
    assert not any(re.fullmatch(r"[\d.]+", t) for q in made for t in (*q.options, *q.accept))


def test_term_meaning_rows_feed_the_term_and_definition_questions(tmp_path):
    qs = _asked(_study(tmp_path), gen_terms, strict=False)
    stains = {"Iodine", "Methylene blue", "Crystal violet"}
    rows = [q for q in qs if stains & {q.subject, *q.options}]
    assert len(rows) >= 2, [q.stem for q in qs]
    assert all(q.type in ("term", "definition") and q.explanation.split(":")[0] in stains for q in rows)
    # A table's breadcrumb names it by its first header cell, not its whole header row.
    assert all("|" not in q.context for q in qs)
    # The columns of a comparison table are asked by gen_table (naming the column), not as terms.
    assert not any("Mitochondrion" in q.options or q.subject == "Mitochondrion" for q in qs)


def test_table_questions_reach_the_bank_and_vary_the_answer(tmp_path):
    study = _study(tmp_path)
    scope = build_scope(study)
    made = [q for topic in study.topics for q in candidates(topic, scope) if q.stem.startswith(
        "According to your notes, which of these has")]
    assert len(made) >= 6
    assert len({q.answers[0] for q in made}) > 1  # the answer is not always the first option
    assert len({q.id for q in made}) == len(made)


def test_the_markdown_fixtures_ask_which_one_from_their_comparison_tables():
    readme = build_study([FIXTURES / "markdown" / "readme" / "aws-saa-notes.md"])
    qs = _asked(readme, gen_table)
    stems = {_stem(q): q.answer_texts[0] for q in qs}
    assert stems[("Min storage duration", "30 days")] == "Standard-IA"  # a blank corner: columns compared
    assert stems[("Discount", "up to 72%")] == "Reserved"  # a labelled first column: rows compared
    assert not any(a == "Availability" for a, _ in stems)  # numbers only, or shared
    assert not any(a == "Retrieval" and v == "instant" for a, v in stems)  # shared by two


def test_numbered_rows_draw_a_sequence_named_by_their_heading(tmp_path):
    from notemill.diagrams import find_diagrams
    study = _study(tmp_path)
    found = {(t.title, d.kind, d.caption) for t in study.topics for d in find_diagrams(t)}
    assert ("Practical steps", "sequence", "Practical steps: 4 steps in order") in found
    assert not any("|" in caption or "#" in caption for _, _, caption in found)
