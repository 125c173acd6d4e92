"""Diagrams in a real browser: Mermaid's own parser over every diagram, and the
built pages drawing them with every request to another host blocked."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from test_diagrams import HOSTILE, topic_from

from conftest import ROOT, SEED
from notemill import build_study
from notemill.diagrams import count_by_kind, find_diagrams

MERMAID_JS = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _mermaid_page(browser, tmp_path):
    # The page declares UTF-8 like the site's pages: Mermaid's entity codes rely on it.
    html = tmp_path / "parse.html"
    html.write_text(f'<!doctype html><meta charset="utf-8"><script src="{MERMAID_JS.as_uri()}"></script>',
                    encoding="utf-8")
    page = browser.new_page()
    page.goto(html.as_uri())
    page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
    return page


PARSE_ALL = """async (sources) => {
  const errors = [];
  for (const [i, source] of sources.entries()) {
    try { await mermaid.parse(source); } catch (e) { errors.push([i, String(e.message || e)]); }
  }
  return errors;
}"""


def test_mermaid_parses_every_diagram_of_the_seed_and_the_hostile_notes(browser, tmp_path):
    # Overviews, comparisons, term lists and states without transitions are HTML: fewer Mermaid sources.
    seed = [d for notes in [SEED, *sorted((ROOT / "tests" / "fixtures" / "notes").glob("*.txt"))]
            for t in build_study([notes]).topics for d in find_diagrams(t) if d.mermaid]
    hostile = [d for d in find_diagrams(topic_from(HOSTILE)) if d.mermaid]
    assert len(seed) >= 5 and len(hostile) >= 3
    sources = [d.mermaid for d in seed + hostile]
    page = _mermaid_page(browser, tmp_path)
    try:
        errors = page.evaluate(PARSE_ALL, sources)
        # The parser itself rejects bad input: this is no empty check.
        assert page.evaluate(PARSE_ALL, ['flowchart TB\n  a["x"y"] --> b']) != []
        # Labels come back as the notes' text once drawn.
        sequence = next(d.mermaid for d in hostile if d.kind == "sequence")
        drawn = page.evaluate("""async (s) => {
          const div = document.createElement('div');
          div.innerHTML = (await mermaid.render('probe', s)).svg;
          document.body.append(div);
          return [div.textContent, div.querySelectorAll('script').length];
        }""", sequence)
    finally:
        page.close()
    assert errors == [], [(sources[i], e) for i, e in errors]
    text, scripts = drawn
    text = re.sub(r"\s+", "", text)  # wrapped lines lose the space at the break
    assert 'Say"hello"&<script>alert(1)</script>' in text and scripts == 0
    assert "C#;F#{braces}|pipes`tick`%%not" in text and "日本語🚀" in text


def _topic_slug(built_site: Path, word: str) -> str:
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    return next(t["slug"] for t in topics if word.casefold() in t["title"].casefold())


def _page_file(built_site: Path, slug: str) -> Path:
    """The page's own file, whether the build uses directory URLs or not."""
    for candidate in (built_site / "topics" / slug / "index.html", built_site / "topics" / f"{slug}.html"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"no page for {slug}")


@pytest.mark.parametrize("word", ["CodeDeploy", "CloudFront"])
@pytest.mark.parametrize("scheme", ["http", "file"])
def test_diagram_pages_draw_with_no_other_host(browser, built_site, site_url, artifacts, word, scheme):
    slug = _topic_slug(built_site, word)
    path = _page_file(built_site, slug)
    html = path.read_text(encoding="utf-8")
    expected = html.count('<pre class="mermaid"')
    assert expected >= 1
    # mermaid2 adds the small loader, never the 3.5 MB library itself.
    assert re.search(r'<script src="[./]*assets/javascripts/notemill-mermaid\.js"', html)
    assert "mermaid.min.js" not in html
    url = path.as_uri() if scheme == "file" else site_url + path.relative_to(built_site).as_posix()
    local = urlparse(site_url).netloc

    context = browser.new_context(viewport={"width": 1200, "height": 900})
    outside: list[str] = []
    fetched: list[str] = []

    def guard(route):
        target = urlparse(route.request.url)
        if target.scheme in ("file", "data", "blob") or target.netloc == local:
            fetched.append(target.path)
            return route.continue_()
        outside.append(route.request.url)
        return route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(url, wait_until="load")
        # Nothing near the viewport yet (the diagrams come after the overview and the notes): no library.
        page.wait_for_timeout(300)
        far = page.evaluate("""() => [...document.querySelectorAll('.nm-mermaid')].every(
            b => b.getBoundingClientRect().top > 2 * innerHeight)""")
        if far:
            assert not any(p.endswith("mermaid.min.js") for p in fetched), fetched
            assert page.locator(".nm-mermaid[data-state=waiting] .nm-mermaid-placeholder").count() == expected
        # No raw source on screen, drawn or not.
        assert all(not e.is_visible() for e in page.locator(".nm-mermaid pre").all())
        page.locator(".nm-mermaid").first.scroll_into_view_if_needed()
        page.wait_for_function("document.querySelectorAll('.nm-mermaid[data-state=drawn] svg').length >= 1",
                               timeout=20000)
        page.evaluate("window.notemillMermaid.drawAll()")
        page.wait_for_function(f"document.querySelectorAll('.nm-mermaid[data-state=drawn] svg').length === {expected}",
                               timeout=20000)
        assert any(p.endswith("mermaid.min.js") for p in fetched)
        heights = [b["height"] for b in (page.locator(".nm-mermaid-canvas svg").nth(i).bounding_box()
                                         for i in range(expected))]
        assert all(h > 60 for h in heights), heights
        assert "Syntax error" not in page.content()
        if scheme == "http":  # the figures' own markup passes axe-core's checks
            page.add_script_tag(path=str(AXE_JS))
            violations = page.evaluate("""async () => (await axe.run(document.querySelector('section.nm-diagrams')))
                .violations.map(v => [v.id, v.nodes.length])""")
            assert violations == []
        page.add_style_tag(content=".md-header { display: none }")  # the fixed header would cover the shot
        page.locator("section.nm-diagrams").screenshot(path=str(artifacts / f"diagrams-{slug}-{scheme}.png"))
    finally:
        context.close()
    assert outside == []
    assert errors == []


MEASURE = (Path(__file__).parent / "measure_figures.js").read_text(encoding="utf-8")
MIN_LABEL_PX = {390: 12, 1280: 14}


@pytest.mark.parametrize("color", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_every_figure_is_readable_at_phone_and_desktop_width(browser, built_site, artifacts, width, color):
    """Every diagram of the bundled site: labels at least 12 px (phone) / 14 px (desktop), none cut,
    no line through a label (a node's, an edge's, a tree's) or through a node it does not join, text contrast
    4.5:1, no figure wider than the page (wide ones scroll)."""
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    pages = [t["slug"] for t in topics if t["diagrams"]]
    assert len(pages) >= 10
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=color)
    page = context.new_page()
    problems, figures, kinds, down = [], 0, set(), []
    try:
        for slug in pages:
            page.goto(_page_file(built_site, slug).as_uri())
            for f in page.evaluate(MEASURE):
                figures += 1
                kinds.add(f["kind"])
                where = f"{slug} figure {f['n'] + 1} ({f['kind']})"
                if not f["drawn"] or f["labels"] == 0:
                    problems.append(f"{where}: not drawn")
                if (f["mermaid"] or f["kind"] == "overview") and f["lines"] == 0:
                    problems.append(f"{where}: no line measured")
                if f["smallest"] < MIN_LABEL_PX[width]:
                    problems.append(f"{where}: label at {f['smallest']} px")
                problems += [f"{where}: cut label {t!r}" for t in f["cut"]]
                problems += [f"{where}: line through {t!r}" for t in f["crossed"]]
                problems += [f"{where}: contrast {c} for {t!r}" for t, c in f["lowContrast"]]
                if f["overflowsPage"]:
                    problems.append(f"{where}: wider than the page")
                if f["mermaid"] and f["scrolls"] != f["hint"]:
                    problems.append(f"{where}: scrolls {f['scrolls']}, says so {f['hint']}")
                if f["direction"] == "down":
                    down.append(f["kind"])
            if slug in ("cloudfront", "step-functions", "saa-stuff"):
                page.add_style_tag(content=".md-header { display: none }")
                page.locator("section.nm-diagrams").screenshot(
                    path=str(artifacts / f"figures-{slug}-{width}-{color}.png"))
        assert problems == [], problems
        assert figures >= 30 and {"overview", "comparison", "sequence", "failover"} <= kinds
        # The failover decision, left to right in its source, is wider than a phone: drawn top-down there,
        # as written on a desktop.
        assert ("failover" in down) == (width == 390), down
        # The measure itself catches what it is there to catch: a diagram shrunk to fit, a label cut off.
        page.goto(_page_file(built_site, _topic_slug(built_site, "CodeDeploy")).as_uri())
        page.add_style_tag(content=".nm-mermaid-canvas svg { width: 120px !important; }"
                                   ".nm-tree-branch { display: block; white-space: nowrap; overflow: hidden;"
                                   " max-width: 3em; }")
        bad = page.evaluate(MEASURE)
        assert min(f["smallest"] for f in bad if f["kind"] == "sequence") < MIN_LABEL_PX[width]
        assert any(f["cut"] for f in bad if f["kind"] == "overview")
        # ... and a line through a label or a box, in a drawn Mermaid diagram and in a tree: the failover's
        # "yes" moved onto the other answer's edge, a box onto the longest edge it does not join, a tree's connector
        # lengthened into its branch's name.
        page.goto(_page_file(built_site, _topic_slug(built_site, "CloudFront")).as_uri())
        page.evaluate("window.notemillMermaid.drawAll()")
        moved = page.evaluate("""() => {
          const svg = document.querySelector('.nm-diagram--failover svg');
          const edges = [...svg.querySelectorAll('path.flowchart-link')];
          const mid = (p) => {
            const q = p.getPointAtLength(p.getTotalLength() / 2);
            return `translate(${q.x}, ${q.y})`;
          };
          const label = [...svg.querySelectorAll('g.edgeLabel')].find((g) => g.textContent.trim());
          const own = label.querySelector('[data-id]').dataset.id;
          label.setAttribute('transform', mid(edges.find((e) => e.dataset.id !== own)));
          const longest = edges.reduce((a, b) => (b.getTotalLength() > a.getTotalLength() ? b : a));
          const ends = longest.dataset.id.split('_');  // L_from_to_n
          const node = [...svg.querySelectorAll('g.node')].find(
            (g) => !ends.includes(g.id.replace(/^.*-flowchart-/, '').replace(/-\\d+$/, '')));
          node.setAttribute('transform', mid(longest));
          return [label.textContent.trim(), node.textContent.trim()];
        }""")
        page.add_style_tag(content=".md-typeset .nm-tree-branches > li::before { width: 6rem; }")
        bad = {f["kind"]: f["crossed"] for f in page.evaluate(MEASURE)}
        assert any(t.startswith(f"{moved[0]} (by ") for t in bad["failover"]), bad
        assert any(t.startswith(f"box of {moved[1]} (by ") for t in bad["failover"]), bad
        assert any("(by connector of " in t for t in bad["overview"]), bad
    finally:
        context.close()


STATES_WITH_TRANSITIONS = """Orders
  - Order states
    - Pending state: waiting for payment, then goes to Paid
    - Paid state: money received; moves to Delivered or back to Pending
    - Cancelled or Delivered stae: ends the order
"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_mermaid_diagram_of_other_notes_is_readable(browser, built_site, tmp_path, artifacts, width):
    """The Mermaid diagrams of the other subjects' notes (and hostile ones, and a state diagram), drawn by the
    site's own loader and stylesheets on one page: the same measure as the bundled site's figures."""
    drawn = [(f"{notes.stem}: {t.title}", d)
             for notes in sorted((ROOT / "tests" / "fixtures" / "notes").glob("*.txt"))
             for t in build_study([notes]).topics for d in find_diagrams(t) if d.mermaid]
    drawn += [("hostile", d) for d in find_diagrams(topic_from(HOSTILE)) if d.mermaid]
    drawn += [("states", d) for d in find_diagrams(topic_from(STATES_WITH_TRANSITIONS)) if d.mermaid]
    assert len(drawn) >= 20 and {"flow", "sequence", "failover", "states"} <= {d.kind for _, d in drawn}
    # A diagram page of the built site with its figures swapped for these (same markup as diagram.html).
    for entry in built_site.iterdir():
        if entry.name != "topics":
            (tmp_path / entry.name).symlink_to(entry)
    (tmp_path / "topics").mkdir()
    host = _page_file(built_site, _topic_slug(built_site, "CodeDeploy")).read_text(encoding="utf-8")
    figures = "".join(
        f'<figure class="nm-diagram nm-diagram--{d.kind}"><div class="nm-mermaid" data-state="waiting">'
        f'<p class="nm-mermaid-placeholder">Diagram</p><pre class="mermaid" hidden><code>{html.escape(d.mermaid)}'
        f"</code></pre></div><figcaption>{html.escape(name)}</figcaption></figure>" for name, d in drawn)
    start, end = host.index('<section class="nm-diagrams">'), host.index("</section>", host.index("nm-diagrams"))
    probe = tmp_path / "topics" / "probe.html"
    probe.write_text(host[:start] + f'<section class="nm-diagrams">{figures}' + host[end:], encoding="utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(probe.as_uri())
        measured = page.evaluate(MEASURE)
        page.add_style_tag(content=".md-header { display: none }")
        page.locator("section.nm-diagrams").screenshot(path=str(artifacts / f"figures-other-notes-{width}.png"))
    finally:
        context.close()
    assert len(measured) == len(drawn)
    problems = []
    for f in measured:
        where = f"{drawn[f['n']][0]} ({f['kind']})"
        if not f["drawn"] or not f["mermaid"] or f["lines"] == 0:
            problems.append(f"{where}: not drawn")
        if f["smallest"] < MIN_LABEL_PX[width]:
            problems.append(f"{where}: label at {f['smallest']} px")
        problems += [f"{where}: cut {t!r}" for t in f["cut"]]
        problems += [f"{where}: line through {t!r}" for t in f["crossed"]]
        problems += [f"{where}: contrast {c} for {t!r}" for t, c in f["lowContrast"]]
        if f["overflowsPage"] or f["scrolls"] != f["hint"]:
            problems.append(f"{where}: wider than the page, or scrolls {f['scrolls']} and says so {f['hint']}")
    assert problems == []
    # Chains too wide for the column are drawn top-down; none is left scrolling on a desktop.
    if width == 1280:
        assert not any(f["scrolls"] for f in measured)


def test_outline_counts_diagrams_and_only_diagram_pages_load_mermaid(built_site):
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    with_script = 0
    for t in topics:
        html = _page_file(built_site, t["slug"]).read_text(encoding="utf-8")
        assert html.count('<figure class="nm-diagram') == t["diagrams"], t["slug"]
        has_mermaid = '<pre class="mermaid"' in html
        assert ("notemill-mermaid.js" in html) == has_mermaid, t["slug"]
        assert "mermaid.min.js" not in html  # the loader fetches it when a diagram comes near
        with_script += has_mermaid
        assert "unpkg.com" not in html and "cdn.jsdelivr" not in html
    assert sum(t["diagrams"] for t in topics) >= 10 and with_script >= 3
    # The diagrams the issue names, on their pages.
    for word in ("CodeDeploy", "Step Functions", "Elastic Beanstalk"):
        assert next(t["diagrams"] for t in topics if word in t["title"]) >= 2, word
    # Mermaid source stays out of the search index.
    index = next(built_site.glob("search/search_index.js*"), None) or built_site / "search" / "search_index.json"
    assert "flowchart TB" not in index.read_text(encoding="utf-8")


def test_hostile_notes_build_strict_with_one_log_line_and_escaped_markup(tmp_path):
    notes = tmp_path / "hostile.txt"
    notes.write_text(HOSTILE, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NOTES=str(notes))
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    logged = [line for line in result.stderr.splitlines() if "notemill: diagrams:" in line]
    assert len(logged) == 1, result.stderr
    study = build_study([notes])
    every = [d for t in study.topics for d in find_diagrams(t)]
    kinds = ", ".join(f"{n} {kind}" for kind, n in count_by_kind(every).items())
    assert logged[0].endswith(f"diagrams: {len(every)} on {sum(1 for t in study.topics if find_diagrams(t))} "
                              f"topic pages ({kinds})")
    pages = [p.read_text(encoding="utf-8") for p in site.rglob("*.html") if "nm-diagram" in p.read_text("utf-8")]
    assert pages
    assert not any("<script>alert(1)</script>" in html for html in pages)
    # The sequence's label reaches the page as escaped Mermaid source.
    assert any("alert#40;1#41;#lt;/script#gt;" in html for html in pages)
