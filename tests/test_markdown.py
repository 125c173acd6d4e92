"""Markdown notes: structure from the heading hierarchy, safe rendering, folders, wiki links, downstream."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import markdown
import pytest
from test_build import site_text, squash
from test_recover import same_topic
from test_render import MD

from conftest import FIXTURES, ROOT, mkdocs_build
from notemill import build_study
from notemill.diagrams import find_diagrams
from notemill.quiz.definitions import definition_of

MARKDOWN = FIXTURES / "markdown"
README = MARKDOWN / "readme" / "aws-saa-notes.md"
VAULT = MARKDOWN / "vault"
NOTION = MARKDOWN / "notion"  # a folder: its one file has spaces in its name, as Notion exports do
HOSTILE = MARKDOWN / "hostile.md"
CASES = {"readme": (README, MARKDOWN / "readme" / "aws-saa-notes.truth.json"),
         "vault": (VAULT, MARKDOWN / "vault.truth.json"),
         "notion": (NOTION, MARKDOWN / "notion.truth.json")}
MARKUP_IN_TITLE = re.compile(r"\*\*|__|`|\[|\]|\||<|>|^#|^[!?]>|\]\(")


def _study(name):
    return build_study([CASES[name][0]])


def _truth(name):
    return json.loads(CASES[name][1].read_text(encoding="utf-8"))


# ---- structure ----


@pytest.mark.parametrize("name", CASES)
def test_every_subject_is_one_topic_titled_after_its_heading(name):
    study, truth = _study(name), _truth(name)
    catalog = study.catalog
    sections = {(s.section.file, s.section.first_line): s for s in study.sections}
    assert len(study.sections) == len(truth["topics"]), [(s.section.file, s.section.first_line, s.title.text)
                                                        for s in study.sections]
    for t in truth["topics"]:
        named = sections.get((t["file"], t["first_line"]))
        assert named is not None, t
        assert same_topic(named.title.text, t["topic"], catalog), (named.title.text, t)
        assert not named.title.inferred
    titles = [topic.title for topic in study.topics]
    assert len(study.topics) == len({_key(t["topic"], catalog) for t in truth["topics"]})
    assert [t for t in titles if MARKUP_IN_TITLE.search(t)] == []
    for bad in truth["not_titles"] + truth["subsections"]:
        assert not any(squash(bad).casefold() == t.casefold() for t in titles), bad


def _key(title, catalog):
    from notemill.recover import match_heading
    return match_heading(title, catalog) or title.casefold()


@pytest.mark.parametrize("name", CASES)
def test_sub_sections_stay_inside_their_topic(name):
    study, truth = _study(name), _truth(name)
    subheadings = [n.text for s in study.sections for n in s.section.walk() if n.kind == "subheading"]
    for sub in truth["subsections"]:
        assert sub in subheadings


def test_folder_order_is_stable_and_hidden_folders_are_skipped():
    study = build_study([VAULT])
    assert study.files == ("AWS MOC.md", "Containers.md", "DynamoDB.md", "Lambda.md", "Messaging.md", "Storage.md")
    assert build_study([VAULT]).topics == study.topics


def test_file_named_note_with_front_matter_starts_at_line_one():
    study = build_study([VAULT])
    lam = next(s for s in study.sections if s.section.file == "Lambda.md")
    assert lam.section.first_line == 1 and lam.section.heading.style == "file"
    assert lam.section.nodes[0].block == "properties"


def test_formats_setting_overrides_the_extension(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("# Course\n\n## Amazon SQS\n\n**Queues**\n\n- FIFO: exactly once\n", encoding="utf-8")
    plain = build_study([notes])
    md = build_study([notes], formats={str(notes.resolve()): "markdown"})
    assert not any(s.section.markdown for s in plain.sections)
    assert [t.title for t in md.topics] == ["Amazon SQS"] and md.sections[0].section.markdown
    as_text = tmp_path / "n.md"
    as_text.write_text(notes.read_text(), encoding="utf-8")
    assert not build_study([as_text], formats={str(as_text.resolve()): "text"}).sections[0].section.markdown


def test_lost_heading_in_markdown_is_recovered(tmp_path):
    # A generic file name gives no title: the section before the first heading is named as in plain notes.
    notes = tmp_path / "README.md"
    notes.write_text("- visibility timeout 30 seconds\n- dead-letter queue for SQS messages\n- long polling of the "
                     "SQS queue\n\n## AWS Lambda\n\n- functions\n", encoding="utf-8")
    study = build_study([notes])
    first = study.sections[0]
    assert first.section.heading is None and first.title.inferred and "SQS" in first.title.text


# ---- rendering ----


def _pages(study):
    titles = {c.id: c.title for c in study.categories}
    from notemill.render import render_topic
    return {t.slug: render_topic(t, titles[t.category], (), study.links) for t in study.topics}


def _html(source: str) -> str:
    return markdown.markdown(source, extensions=[*MD, "toc", "pymdownx.details"])


def test_markdown_renders_as_written():
    study = build_study([README])
    pages = {slug: _html(src) for slug, src in _pages(study).items()}
    s3 = pages["s3"]
    assert "<strong>5 TB</strong>" in s3 and s3.count("<table>") == 1 and "<ol>" in s3
    assert '<a href="https://example.com/img/s3-replication.png">Image: S3 replication diagram</a>' in s3
    ec2 = pages["ec2"]
    assert '<img alt="local placement sketch" src="../media/' in ec2 and "<code>ssh -i key.pem" in ec2
    assert "<li>" in ec2 and "<ul>\n<li>" in pages["s3"].split("Failover")[1]  # the nested list stays nested
    iam = pages["iam"]
    assert '<div class="admonition warning">' in iam and "IAM is global" in iam
    assert re.search(r'<code[^>]*>[^<]*\{\s*(<[^>]+>)?\s*&quot;Version', iam) or '2012-10-17' in iam.split('<pre')[1]
    assert '<div class="admonition tip">' in pages["dynamodb"] and 'href="https://aws.amazon.com/dynamodb/faqs/"' in \
        pages["dynamodb"]
    for slug, page in pages.items():
        text = html.unescape(re.sub(r"<[^>]+>", "", page))
        assert "**" not in text and "](" not in text, slug


def test_callouts_become_admonitions():
    pages = {slug: _html(src) for slug, src in _pages(build_study([VAULT])).items()}
    lam = pages["lambda"]
    assert '<div class="admonition note">' in lam and "Max timeout is 15 minutes" in lam
    assert 'class="admonition warning"' not in lam  # foldable: a <details>, written "??? warning"
    assert "??? warning" in _pages(build_study([VAULT]))["lambda"]
    assert '<p class="admonition-title">How I use this vault</p>' in pages["moc"]
    notion = {slug: _html(src) for slug, src in _pages(build_study([NOTION])).items()}
    assert '<div class="admonition note">' in notion["developer-prep"]
    assert "&lt;aside&gt;" not in notion["developer-prep"]


def test_wiki_links_go_to_the_page_holding_the_topic():
    study = build_study([VAULT])
    truth = _truth("vault")
    moc = _pages(study)["moc"]
    slugs = {t.title: t.slug for t in study.topics}
    for label, topic in truth["wiki_links"].items():
        shown = label.split("#")[0]  # [[Note#Heading]] shows the note's name
        target = next(slug for title, slug in slugs.items() if same_topic(title, topic, study.catalog))
        page = moc if f"[{shown}](" in moc else "".join(_pages(study).values())
        assert re.search(rf"\[{re.escape(shown)}\]\({target}\.md(#[\w-]+)?\)", page), (label, target)
    for missing in truth["unresolved_wiki_links"]:
        assert missing in moc and f"[{missing}]" not in moc
        assert any(missing in d.message and d.level == "warning" and d.line == 10 for d in study.diagnostics)


def test_hostile_markdown_is_inert():
    study = build_study([HOSTILE])
    pages = "\n".join(_html(src) for src in _pages(study).values())
    assert "<script" not in pages and "<iframe" not in pages and "<img src=\"x\"" not in pages
    assert "onerror=" not in re.sub(r"&lt;.*?&gt;", "", pages)
    assert not re.search(r"<[a-z][^>]*\son\w+=", pages)
    assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', pages))
    assert "data:" not in " ".join(re.findall(r'(?:href|src)="([^"]*)"', pages))
    assert '<a href="https://tracker.example/pixel.gif">' in pages and "<img" not in pages
    assert "&lt;!-- an HTML comment" in pages
    assert 'class="mermaid"' not in pages  # a mermaid fence in the notes is shown as code
    assert "&#123;&#123; 7&#42;7 &#125;&#125;" in pages and "{{ secret }}" in pages  # Jinja shows as written
    for topic in study.topics:
        assert not MARKUP_IN_TITLE.search(topic.title) and "script" not in topic.title


# ---- downstream: diagrams and quizzes read the same nodes ----


def test_numbered_steps_and_option_tables_make_diagrams():
    study = build_study([README])
    found = [(t.title, d) for t in study.topics for d in find_diagrams(t)]
    for name in _truth("readme")["sequences"]:  # a sub-section's or a topic's numbered steps
        assert any(d.kind == "sequence" and name in f"{title} {d.caption}" for title, d in found), name
    comparisons = {d.caption: d.table for _, d in found if d.kind == "comparison"}
    # A blank corner compares the columns; a labelled first column compares the rows.
    assert comparisons["Storage classes › Standard vs Standard-IA vs Glacier Deep Archive"].columns == (
        "Standard", "Standard-IA", "Glacier Deep Archive")
    purchasing = comparisons["Purchasing options › On-Demand vs Reserved vs Spot"]
    assert purchasing.columns == ("On-Demand", "Reserved", "Spot")


def test_table_rows_are_definitions():
    study = build_study([README])
    truth = _truth("readme")
    terms = {d[0] for s in study.sections for n in s.section.walk() if (d := definition_of(n))}
    assert set(truth["definitions"]) <= terms
    notion = build_study([NOTION])
    terms = {d[0] for s in notion.sections for n in s.section.walk() if (d := definition_of(n))}
    assert set(_truth("notion")["definitions"]) <= terms


# ---- real builds ----


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Each fixture built on its own (the vault not strict: its unresolved wiki link warns)."""
    out = {}
    for name, (notes, _) in {**CASES, "hostile": (HOSTILE, None)}.items():
        site = tmp_path_factory.mktemp(name) / "site"
        result = mkdocs_build(site, notes=[notes], strict=name != "vault")
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        out[name] = (site, result)
    return out


def _articles(site: Path) -> dict[str, str]:
    out = {}
    for page in sorted((site / "topics").glob("*.html")):
        text = page.read_text(encoding="utf-8")
        out[page.stem] = text[text.find("<article"):text.find("</article>")]
    return out


@pytest.mark.parametrize("name", CASES)
def test_built_site_keeps_every_line_tables_and_no_markup(built, name):
    site, result = built[name]
    notes = CASES[name][0]
    study = build_study([notes])
    text, scripts, handlers = site_text(site)
    # An image's description is its alt text.
    text += " ".join(html.unescape(a) for p in site.rglob("*.html")
                     for a in re.findall(r'alt="([^"]*)"', p.read_text(encoding="utf-8")))
    # A table's header line shows as its cells (its rows' entries are the rows themselves).
    shown = [(n, squash(n.text.replace(" | ", " ")) if n.block == "table" else squash(n.text))
             for s in study.sections for n in s.section.walk() if n.block not in ("row", "cell")]
    missing = [f"{n.source.file}:{n.source.line}: {n.text[:60]}" for n, t in shown if t and t not in text]
    assert missing == []
    articles = _articles(site)
    tables = sum(len(re.findall(r"<table>", a.split('class="nm-diagrams')[0])) for a in articles.values())
    assert tables == _truth(name)["tables"]
    for slug, article in articles.items():
        visible = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<(pre|code)\b.*?</\1>", "", article, flags=re.S)))
        assert "**" not in visible and "](" not in visible, slug
        title = re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink", article, re.S).group(1)
        assert not MARKUP_IN_TITLE.search(html.unescape(title)), title
    structure = (site / "structure.html").read_text(encoding="utf-8")
    assert all(f"{s.section.file}, line" in html.unescape(structure) for s in study.sections)
    assert "heading “" in html.unescape(structure)


def test_built_readme_copies_the_local_image_and_links_remote_ones(built):
    site, _ = built["readme"]
    media = list((site / "media").glob("*-placement.png"))
    assert len(media) == 1 and media[0].read_bytes().startswith(b"\x89PNG")
    ec2 = (site / "topics" / "ec2.html").read_text(encoding="utf-8")
    assert f'src="../media/{media[0].name}"' in ec2
    assert f'src="media/{media[0].name}"' in (site / "print.html").read_text(encoding="utf-8")  # the study guide
    assert not re.search(r'<img[^>]+src="(https?:)?//', "".join(_articles(site).values()))


def test_built_readme_asks_which_one_from_its_comparison_tables(built):
    site, _ = built["readme"]
    bank = json.loads((site / "questions.json").read_text(encoding="utf-8"))
    bank = bank["questions"] if isinstance(bank, dict) else bank
    table = [q for q in bank if q["stem"].startswith("According to your notes, which of these has")]
    assert len(table) >= 6
    shown = 0
    for page in (site / "topics").glob("*.html"):
        for item in re.findall(r'<li class="nm-q".*?</details>', page.read_text(encoding="utf-8"), re.S):
            if "which of these has" not in item:
                continue
            shown += 1
            options = [html.unescape(o) for o in re.findall(r'<label class="nm-option"><input type="radio"[^>]*>'
                                                            r" <span>(.*?)</span>", item)]
            right = int(re.search(r'data-answers="(\d+)"', item).group(1))
            # Without JavaScript the answer is in the <details>.
            assert html.unescape(re.search(r'class="nm-answer-text">(.*?)</span>', item).group(1)) == options[right]
    assert shown >= 1
    printed = html.unescape((site / "print.html").read_text(encoding="utf-8"))
    assert "which of these has Min storage duration = “30 days”?" in printed  # with its answer key entry


def test_built_vault_links_and_warns_once(built):
    site, result = built["vault"]
    assert len(re.findall(r"WARNING .*AWS MOC\.md:10: link to “Step Functions”", result.stderr)) == 1
    moc = (site / "topics" / "moc.html").read_text(encoding="utf-8")
    assert 'href="lambda.html"' in moc and 'href="s3.html"' in moc


def test_built_hostile_markdown_never_executes(built):
    site, _ = built["hostile"]
    text, scripts, handlers = site_text(site)
    assert handlers == []
    assert not any("alert(" in s for s in scripts)
    assert "{{ 7*7 }}" in text and "49" not in text
    assert '<script>alert("title")' in text or "Hostile notes" not in text
    for article in _articles(site).values():
        assert "javascript:" not in " ".join(re.findall(r'href="([^"]*)"', article))
    # A table comparing things asks about its raw HTML cells as text, never as markup.
    bank = json.loads((site / "questions.json").read_text(encoding="utf-8"))
    bank = bank["questions"] if isinstance(bank, dict) else bank
    assert any("Trap = “<script>alert(21)</script>”" in q["stem"] for q in bank)
    pages = " ".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "<script>alert(21)" not in pages and "onerror=alert(20)>" not in pages


def test_bundled_notes_untouched_by_markdown_support():
    # The seed is plain text: no node carries Markdown, so its pages are the golden ones (test_render).
    study = build_study([ROOT / "notes" / "aws-developer-associate.txt"])
    assert not any(s.section.markdown or any(n.block for n in s.section.walk()) for s in study.sections)


def test_a_bullet_list_after_a_numbered_one_stays_its_own_list():
    page = _html(_pages(build_study([NOTION]))["x-ray"])
    steps = page.split("<ol>")[1].split("</ol>")[0]
    assert "Instrument the code" in steps and "Toggle: sampling rules" not in steps
    assert re.search(r"</ol>\s*<!-- -->\s*<ul>\s*<li>.*Toggle: sampling rules", page, re.S)


@pytest.mark.parametrize("setting,expected", [
    ("    notes: [tests/fixtures/markdown/notion]\n    formats: {tests/fixtures/markdown/nope.md: markdown}\n",
     "extra.notemill.formats: no notes file 'tests/fixtures/markdown/nope.md'"),
    ("    notes: [tests/fixtures/markdown/hostile.md]\n    formats: {tests/fixtures/markdown/hostile.md: html}\n",
     "extra.notemill.formats"),
])
def test_bad_formats_setting_names_the_setting(tmp_path, setting, expected):
    from test_build import _config_with
    config = _config_with(tmp_path, setting)
    try:
        result = mkdocs_build(tmp_path / "site", config=config)
    finally:
        config.unlink()
    assert result.returncode != 0 and expected in result.stderr and "Traceback" not in result.stderr


def test_a_folder_in_the_settings_and_a_format_override_build(tmp_path):
    from test_build import _config_with
    notes = ROOT / f".test-notes-{tmp_path.name}.txt"  # Markdown in a .txt file, said so in the settings
    notes.write_text("# Extra\n\n## Amazon SNS\n\n| Term | Meaning |\n| --- | --- |\n| topic | a channel |\n",
                     encoding="utf-8")
    config = _config_with(tmp_path, f"    notes: [tests/fixtures/markdown/notion, {notes.name}]\n"
                                    f"    formats: {{{notes.name}: markdown}}\n")
    try:
        result = mkdocs_build(tmp_path / "site", config=config)
    finally:
        config.unlink()
        notes.unlink()
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "topics" / "x-ray.html").is_file()
    sns = (tmp_path / "site" / "topics" / "sns.html").read_text(encoding="utf-8")
    assert "<table>" in sns and "| Term |" not in sns


def test_a_table_of_contents_is_not_a_grab_bag():
    # The README's list of links to its own headings points at topics; it does not collect notes on them.
    study = build_study([README])
    intro = next(s for s in study.sections if s.section.first_line == 1)
    assert not intro.grab_bag and all(not t.see_also for t in study.topics)
    assert _pages(study)["solutions-architect-associate-my-notes"].count("](iam.md)") == 1


def test_a_contents_heading_is_part_of_the_title_section_and_links_to_files_outside_only_inform(tmp_path):
    notes = tmp_path / "queues.md"
    notes.write_text("# Queues and topics\n\n## Table of Contents\n\n- [Queues and topics](#queues-and-topics)\n"
                     "  - [SQS](#sqs)\n  - [SNS](#sns)\n\n## SQS\n\n- pull\n\n## SNS\n\n- push\n\n"
                     "[Back](../README.md)\n", encoding="utf-8")
    study = build_study([notes])
    assert [(s.section.first_line, s.title.text) for s in study.sections] == [
        (1, "Queues and topics"), (9, "Amazon SQS"), (13, "Amazon SNS")]
    assert study.links[("", "sqs")] == "sqs.md" and study.links[("", "queues-and-topics")].startswith("queues")
    back = [d for d in study.diagnostics if "README" in d.message]
    assert len(back) == 1 and back[0].level == "info" and back[0].line == 17


def test_files_of_one_name_in_a_folder_are_told_apart():
    from notemill.pipeline import display_names
    assert display_names([Path("v/README.md"), Path("v/Scripts/README.md"), Path("v/S3.md")]) == [
        "v/README.md", "Scripts/README.md", "S3.md"]


def test_details_toggles_fold_and_stay_inert(tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text("## Amazon SQS\n\n<details>\n  <summary>Why <b>pull</b>?</summary>\n\n- consumers poll\n"
                     "- **long** polling\n\n</details>\n\n<details>\nnever closed\n", encoding="utf-8")
    page = _html(_pages(build_study([notes]))["sqs"])
    assert '<details class="note">' in page and "<summary>Why pull?</summary>" in page
    assert "<strong>long</strong>" in page and "&lt;details&gt;" in page  # the unclosed one shows as text
    hostile = _html("".join(_pages(build_study([HOSTILE])).values()))
    assert "<summary>Toggle</summary>" in hostile and "<script" not in hostile and "onerror=" not in \
        re.sub(r"&lt;.*?&gt;", "", hostile)
