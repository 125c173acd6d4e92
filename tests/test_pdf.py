"""The PDF study guide, printed once per test session from the real build with headless Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from pdf_layout import read_pages

from conftest import CHROMIUM, ROOT

MEASURE = (Path(__file__).parent / "measure_figures.js").read_text(encoding="utf-8")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="session")
def guide(built_site, tmp_path_factory):
    """(pdf path, its text page by page, the site's outline) for the bundled notes."""
    out = tmp_path_factory.mktemp("pdf") / "study-guide.pdf"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "print_pdf.py"), "--site", str(built_site), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=dict(os.environ, CHROMIUM=CHROMIUM),
    )
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    outline = json.loads((built_site / "outline.json").read_text())
    return out, text.split("\f"), outline


@pytest.fixture(scope="session")
def layout(guide):
    """The guide's pages as lines with their positions and sizes."""
    return read_pages(guide[0])


def _title_lines(page):
    """Lines printed in a heading's size (a chapter's or part's title), not the body's."""
    body = sorted(line.height for line in page.lines)[len(page.lines) // 2] if page.lines else 0
    return [line for line in page.lines if line.height > 1.5 * body]


def _contents(layout):
    """[(entry text, page number printed beside it)] from the contents pages."""
    entries = []
    for page in layout[1:4]:
        if page.lines and page.lines[0].text == "Contents" or entries:
            for line in page.lines:
                m = re.match(r"^(.*\S)\s+(\d+)$", line.text)
                if m and not _title_lines(page).count(line):
                    entries.append((m.group(1), int(m.group(2))))
            if page.lines and entries and page.lines[-1].text.startswith("Answer key"):
                break
    return entries


def test_cover_contents_and_every_topic_as_a_chapter(guide, layout):
    pdf, pages, outline = guide
    topics = outline["topics"]
    cover = _flat(pages[0])
    questions = sum(t["questions"] for t in topics)
    assert f"{len(topics)} topics" in cover and f"{questions} questions" in cover
    assert re.search(r"Notes as of \d{1,2} \w+ \d{4}", cover)
    assert "Contents" in pages[1]
    # Each chapter's title is printed in a heading's size, numbered in navigation order.
    titles = [_flat(line.text) for page in layout for line in _title_lines(page)]
    for number, topic in enumerate(topics, 1):
        assert f"{number} {_flat(topic['title'])}" in titles, topic["title"]


def test_contents_give_the_page_of_every_chapter_and_part(guide, layout):
    pdf, pages, outline = guide
    entries = _contents(layout)
    chapters = [(n, t) for n, t in enumerate(outline["topics"], 1)]
    assert len(entries) >= len(chapters) + len({t["category"] for t in outline["topics"]})
    printed = dict(entries)
    for number, topic in chapters:
        entry = f"{number} {_flat(topic['title'])}"
        assert entry in printed, entry
        page = layout[printed[entry] - 1]
        assert entry in [_flat(line.text) for line in _title_lines(page)], (entry, printed[entry])
    if "Answer key" in printed:
        assert layout[printed["Answer key"] - 1].lines[0].text == "Answer key"


def test_answer_pointers_give_the_key_page(guide, layout):
    pdf, pages, outline = guide
    pointers = [(m.group(1), int(m.group(2)), page.number) for page in layout for line in page.lines
                for m in re.finditer(r"Answer (\d+\.\d+), page (\d+)", line.text)]
    questions = sum(t["questions"] for t in outline["topics"])
    assert len(pointers) == questions
    for label, target, here in pointers:
        assert target > here
        assert any(line.text.startswith(f"{label} ") for line in layout[target - 1].lines), (label, target)


def test_no_blank_page_and_no_page_under_a_third_full_but_the_cover_and_chapter_ends(layout):
    assert all(page.lines for page in layout), [p.number for p in layout if not p.lines]
    short = []
    for page in layout[1:-1]:
        following = layout[page.number].lines[0].text  # the next page's first line
        # A page may end short where the next page must start afresh: a part, the answer key.
        starts_afresh = re.match(r"^(PA ?R ?T\b|Answer key$)", following)
        if page.fill < 1 / 3 and not starts_afresh:
            short.append((page.number, round(page.fill, 2), following))
    assert short == []
    # The part openers share their page with the part's first chapter.
    openers = [p for p in layout if p.lines and re.match(r"^PA ?R ?T\b", p.lines[0].text)]
    assert openers and all(p.fill > 0.5 for p in openers)


def test_page_numbers_are_at_least_9_pt(guide, layout):
    pdf, pages, outline = guide
    reader = pypdf.PdfReader(str(pdf))
    for index in (0, len(reader.pages) // 2, len(reader.pages) - 1):
        sizes = []

        def visit(text, cm, tm, font, size, sizes=sizes):
            if text.strip().isdigit():
                sizes.append((text.strip(), abs(size * tm[3] * cm[3]), tm[5] * cm[3] + cm[5]))

        reader.pages[index].extract_text(visitor_text=visit)
        number = [size for text, size, y in sizes if text == str(index + 1) and y < 18 * 72 / 25.4]
        assert number and min(number) >= 9, (index + 1, sizes[-3:])


def test_figure_captions_share_their_figures_page(layout):
    kinds = ("Overview", "Sequence", "States", "Flow", "Failover", "Comparison")
    captions = 0
    for page in layout:
        for i, line in enumerate(page.lines):
            if line.text.split(" ", 1)[0] in kinds and "from your notes" in _flat(
                    " ".join(x.text for x in page.lines[i:i + 3])):
                captions += 1
                # Not the first line of a page: the figure it names is above it, on the same page.
                assert i > 0, (page.number, line.text)
    assert captions >= 20


FIGURE_TEXTS = """async () => {
  // Each figure of the print page as printed: its caption and the words of its labels.
  if (window.notemillMermaid) await window.notemillMermaid.drawAll();
  return [...document.querySelectorAll('figure.nm-diagram')].map((f) => {
    const labels = [...f.querySelectorAll('.nodeLabel, .edgeLabel, .nm-tree-branch, .nm-tree-leaves li, th, td')]
      .map((e) => e.innerText ?? e.textContent).filter((t) => t.trim());
    return [f.querySelector('figcaption').textContent, labels];
  });
}"""


def test_no_figure_is_split_across_pages(browser, built_site, layout):
    """Every word of a figure's labels is printed on its caption's page, above the caption; the figures
    as printed (print media) read in greyscale, nothing cut or crossed (tests/measure_figures.js)."""
    page = browser.new_page()
    try:
        page.goto((built_site / "print.html").as_uri())
        page.emulate_media(media="print")
        figures = page.evaluate(FIGURE_TEXTS)
        measured = page.evaluate(MEASURE, {"grey": True})
    finally:
        page.close()
    assert len(figures) >= 20 and sum(len(labels) for _, labels in figures) >= 200
    # As printed, in greyscale: no label cut, crossed by a line or under 4.5:1 against its background.
    assert [(f["n"], f["kind"], f["cut"], f["crossed"], f["lowContrast"]) for f in measured
            if f["cut"] or f["crossed"] or f["lowContrast"]] == []
    assert len(measured) == len(figures) and any(f["mermaid"] for f in measured)
    # A line broken after a hyphen or dash ("aws-" / "developer...", "491–" / "499") joins without a space.
    flats = [_flat(re.sub(r"([-–])\n", r"\1", "\n".join(line.text for line in p.lines))) for p in layout]
    words = lambda text: set(re.findall(r"\w+", text))  # noqa: E731
    split = []
    for caption, labels in figures:
        caption = _flat(caption).strip()
        where = [n for n, text in enumerate(flats) if caption in text]
        assert len(where) == 1, caption  # each caption printed once, whole, on one page
        above = words(flats[where[0]][:flats[where[0]].index(caption)])
        missing = set().union(*map(words, labels)) - above
        if missing:
            split.append((where[0] + 1, caption[:60], sorted(missing)[:5]))
    assert split == []


def test_short_options_print_in_two_columns(built_site, layout):
    """A question whose options are short prints them in two columns: "a." and the second column's first
    option ("c." of four, "d." of five) on one line."""
    short = (built_site / "print.html").read_text(encoding="utf-8").count("nm-print-options--short")
    assert short >= 10
    side_by_side = [line.text for p in layout for line in p.lines if re.match(r"^a\. .+ [c-z]\. \S", line.text)]
    assert len(side_by_side) == short
    # Long options stay one under another.
    assert any(re.match(r"^a\. ", line.text) and " b. " not in line.text and " c. " not in line.text
               for p in layout for line in p.lines)


def test_the_same_notes_print_the_same_bytes(guide, built_site, tmp_path):
    pdf, pages, outline = guide
    again = tmp_path / "again.pdf"
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "print_pdf.py"), "--site", str(built_site), "--out", str(again)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=dict(os.environ, CHROMIUM=CHROMIUM))
    assert result.returncode == 0, result.stderr
    assert again.read_bytes() == pdf.read_bytes()


def test_page_count(guide):
    pdf, pages, outline = guide
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    parts = len({t["category"] for t in outline["topics"]})
    answer_key = 1 if any(t["questions"] for t in outline["topics"]) else 0
    # cover + contents + a page per part (at least) + the answer key
    assert count >= 2 + parts + answer_key
    assert re.search(r"^Page size:\s+594.\d+ x 841.\d+ pts \(A4\)", info, re.M)


def test_answer_key_lists_every_question(guide):
    pdf, pages, outline = guide
    questions = sum(t["questions"] for t in outline["topics"])
    if not questions:
        pytest.skip("the notes gave no quiz questions")
    text = "\n".join(pages)
    key = text[text.rindex("Answer key"):]
    # Each entry reads "<chapter>.<question> (p. <its page>) <letters>: <answer>", a match's letters
    # "1–b, 2–c", a typed answer no letters: "<label> (p. <page>) <answer>".
    letters = r"(?:[a-z](?:, [a-z])*:|\d+–[a-z](?:, \d+–[a-z])*:|(?![a-z](?:, [a-z])*:)\S)"
    entries = re.findall(r"^(\d+\.\d+)\s+\(p\.\s(\d+)\)\s+" + letters, key, re.M)
    assert len(entries) == questions
    assert len({label for label, _ in entries}) == questions
    # The page beside each answer is the page its question is on.
    for label, page in entries:
        assert re.search(rf"^{re.escape(label)} ", pages[int(page) - 1], re.M), (label, page)


def test_diagrams_print_as_vector_text(guide):
    pdf, pages, outline = guide
    drawn = [t for t in outline["topics"] if t["diagrams"]]
    if not drawn:
        pytest.skip("the notes gave no diagram")
    text = "\n".join(pages)
    # Labels of the CodeDeploy lifecycle diagram are text in the PDF, not pixels.
    if any(t["slug"] == "codedeploy" and t["diagrams"] for t in outline["topics"]):
        assert "ApplicationStop" in text and "ValidateService" in text
    assert "mindmap" not in text and "flowchart" not in text  # no diagram left as its source


def test_no_web_furniture(guide):
    pdf, pages, outline = guide
    text = _flat("\n".join(pages))
    for furniture in ("Type to start searching", "Initializing search", "Check answer",
                      "Show the answer and its source", "Table of contents", "Download the study guide"):
        assert furniture not in text


def test_internal_links_jump_inside_the_pdf(guide, layout):
    pdf, pages, outline = guide
    reader = pypdf.PdfReader(str(pdf))
    dests = reader.named_destinations
    page_of = {id(p.indirect_reference.get_object()): i for i, p in enumerate(reader.pages)}
    links, outside = [], []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            if "/Dest" in annot:
                links.append(str(annot["/Dest"]))
            elif "/A" in annot and annot["/A"].get("/S") == "/URI":
                outside.append(str(annot["/A"]["/URI"]))
    assert not [u for u in outside if u.startswith("file:")], "links to the site's files do not work in a PDF"
    missing = [d for d in links if d not in dests]
    assert links and missing == []
    # The contents link every chapter to the page its title opens.
    for topic in outline["topics"]:
        dest = dests[f"/c_{topic['slug']}"]
        index = page_of[id(dest.page.get_object())]
        titles = [_flat(line.text) for line in _title_lines(layout[index])]
        assert any(t.split(" ", 1)[-1] == _flat(topic["title"]) for t in titles), topic["title"]
    assert reader.outline, "the PDF has bookmarks"


def test_no_dark_backgrounds(guide, tmp_path):
    """Every page is mostly white: rendered in grey at low resolution, few dark pixels."""
    pdf, pages, outline = guide
    subprocess.run(["pdftoppm", "-r", "12", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    images = sorted(tmp_path.glob("p*.pgm"))
    assert len(images) == len(pypdf.PdfReader(str(pdf)).pages)
    worst = 0.0
    for image in images:
        data = image.read_bytes()
        # Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
        fields = data.split(maxsplit=4)
        pixels = fields[4]
        dark = sum(1 for b in pixels if b < 80) / len(pixels)
        worst = max(worst, dark)
    assert worst < 0.15


def test_sections_are_numbered_in_their_chapter(guide, built_site):
    pdf, pages, outline = guide
    text = "\n".join(pages)
    for number, topic in enumerate(outline["topics"], 1):
        page_html = (built_site / "topics" / f"{topic['slug']}.html").read_text(encoding="utf-8")
        article = page_html[page_html.index("<article"):page_html.index("</article>")]
        if "<h2" in article.replace('class="nm-quiz-title"', ""):
            assert re.search(rf"^{number}\.1\s+\S", text, re.M), topic["title"]


def test_without_a_browser_the_command_says_how_to_install_one(built_site, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "print_pdf.py"), "--site", str(built_site), "--out",
         str(tmp_path / "x.pdf")],
        capture_output=True, text=True, env={"PATH": str(empty), "CHROMIUM": str(tmp_path / "no-chromium")},
    )
    assert result.returncode == 2
    assert "apt-get install -y chromium" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_single_page_prints_without_web_furniture(page, built_site, tmp_path):
    topic = json.loads((built_site / "outline.json").read_text())["topics"][0]
    page.goto((built_site / "topics" / f"{topic['slug']}.html").as_uri())
    page.emulate_media(media="print")
    out = tmp_path / "page.pdf"
    page.pdf(path=str(out), prefer_css_page_size=True, print_background=True)
    text = _flat(subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True,
                                check=True).stdout)
    assert text.strip().startswith(_flat(topic["title"]))  # no header or navigation before the title
    for furniture in ("Table of contents", "Back to top", "Check answer", "Self-check"):
        assert furniture not in text
