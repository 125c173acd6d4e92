"""Markdown notes in Chromium: from file:// with remote images in the notes, nothing asked of another host;
axe-core finds no serious or critical violation; screenshots at phone and desktop widths."""

from __future__ import annotations

import pytest
from test_offline import Watch
from test_quiz_browser import AXE

from conftest import FIXTURES, mkdocs_build

MARKDOWN = FIXTURES / "markdown"
PAGES = ["topics/s3.html", "topics/iam.html", "topics/ec2.html", "topics/moc.html", "topics/lambda.html",
         "topics/cognito.html", "topics/sqs-vs-sns.html"]
# Minor in axe's terms, but a blank header cell (a comparison table's corner) names no column to a screen
# reader: checked whatever its impact.
ALWAYS = ("empty-table-header",)


@pytest.fixture(scope="module")
def md_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("markdown") / "site"
    notes = [MARKDOWN / "readme" / "aws-saa-notes.md", MARKDOWN / "vault", MARKDOWN / "notion"]
    result = mkdocs_build(site, notes=notes, strict=False)  # the vault's unresolved wiki link warns
    assert result.returncode == 0, result.stderr
    return site


def test_markdown_pages_from_file_ask_no_other_host_and_pass_axe(browser, md_site):
    context = browser.new_context()
    watch = Watch(context)
    for path in PAGES:
        page = watch.attach(context.new_page(), path)
        page.goto((md_site / path).as_uri())
        page.wait_for_load_state("load")
        assert page.locator("article h1").count() == 1, path
        page.close()
    # The notes link remote images (https://example.com/..., http://example.com/...): shown as links only.
    assert watch.outside == []
    assert watch.errors == []
    context.close()
    # axe-core reads the stylesheets itself (a request file:// refuses): checked apart from the errors above.
    context = browser.new_context()
    for path in PAGES:
        page = context.new_page()
        page.goto((md_site / path).as_uri())
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("axe.run(document.querySelector('article')).then(r => r.violations)")
        bad = [(v["id"], v["impact"], len(v["nodes"])) for v in violations
               if v["impact"] in ("serious", "critical") or v["id"] in ALWAYS]
        assert bad == [], (path, bad)
        page.close()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_markdown_pages_screenshots(browser, md_site, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    for path in ("topics/s3.html", "topics/lambda.html", "topics/cognito.html"):
        page.goto((md_site / path).as_uri())
        page.wait_for_load_state("load")
        # Tables scroll inside their wrapper on a phone rather than widening the page.
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, (path, width, overflow)
        name = path.split("/")[-1].removesuffix(".html")
        page.screenshot(path=str(artifacts / f"markdown-{name}-{width}.png"), full_page=True)
    context.close()


def test_a_table_question_is_answered_by_keyboard(browser, md_site):
    """A "which of these has <attribute> = <value>" question from a comparison table: reach its options with
    Tab, choose with the arrow keys, check with Enter; the feedback says right for the table's row."""
    page = browser.new_page()
    page.goto((md_site / "topics" / "s3.html").as_uri())
    question = page.locator("li.nm-q", has_text="which of these has").first
    right = int(question.get_attribute("data-answers"))
    radios = question.locator("input[type=radio]")
    radios.nth(0).focus()  # Tab order is the page's; start from the question's first option
    for _ in range(right):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert radios.nth(right).is_checked()
    page.keyboard.press("Tab")  # to "Check answer"
    assert page.evaluate("document.activeElement.classList.contains('nm-check')")
    page.keyboard.press("Enter")
    assert question.locator(".nm-feedback").inner_text().startswith("Right")
    page.close()
