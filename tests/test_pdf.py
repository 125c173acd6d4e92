"""The PDF study guide, printed once per test session from the real build with headless Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pypdf
import pytest

from conftest import CHROMIUM, ROOT


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


def test_cover_contents_and_every_topic_as_a_chapter_on_its_own_page(guide):
    pdf, pages, outline = guide
    topics = outline["topics"]
    cover = _flat(pages[0])
    questions = sum(t["questions"] for t in topics)
    assert f"{len(topics)} topics" in cover and f"{questions} questions" in cover
    assert re.search(r"Notes as of \d{1,2} \w+ \d{4}", cover)
    assert "Contents" in pages[1]
    # Each chapter opens a page: "<number> <title>" is that page's first line
    # (chapters are numbered in navigation order, as outline.json lists topics).
    openings = {_flat(p).strip()[:120] for p in pages}
    for number, topic in enumerate(outline["topics"], 1):
        assert any(o.startswith(f"{number} {_flat(topic['title'])}") for o in openings), topic["title"]


def test_page_count(guide):
    pdf, pages, outline = guide
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    parts = len({t["category"] for t in outline["topics"]})
    answer_key = 1 if any(t["questions"] for t in outline["topics"]) else 0
    # cover + contents + a page per part + a page per chapter (at least) + the answer key
    assert count >= 2 + parts + len(outline["topics"]) + answer_key
    assert re.search(r"^Page size:\s+594.\d+ x 841.\d+ pts \(A4\)", info, re.M)


def test_answer_key_lists_every_question(guide):
    pdf, pages, outline = guide
    questions = sum(t["questions"] for t in outline["topics"])
    if not questions:
        pytest.skip("the notes gave no quiz questions")
    text = "\n".join(pages)
    key = text[text.rindex("Answer key"):]
    # Each entry reads "<chapter>.<question> <letters>: <answer>", a match "<label> 1–b, 2–c: <pairs>", a
    # typed answer "<label> <answer>" (no letter).
    entries = re.findall(r"^(\d+\.\d+)\s+([a-z](?:, [a-z])*:|\d+–[a-z](?:, \d+–[a-z])*:|(?![a-z](?:, [a-z])*:)\S)",
                         key, re.M)
    assert len(entries) == questions
    assert len({label for label, _ in entries}) == questions


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


def test_internal_links_jump_inside_the_pdf(guide):
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
        assert _flat(pages[index]).strip().split(" ", 1)[1].startswith(_flat(topic["title"])), topic["title"]
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
