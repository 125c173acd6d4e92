"""The built site from file:// with every other host cut off: pages, search, no outside request."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
from print_pdf import DIAGRAMS_DRAWN, DRAW_ALL  # noqa: E402  (the PDF waits for diagrams the same way)

# Query -> the name the right topic's title carries (the answer a student expects).
QUERIES = {
    "visibility timeout": "SQS",
    "appspec": "CodeDeploy",
    "RCU": "DynamoDB",
    "FIFO": "SQS",
    "envelope encryption": "KMS",
}


CRAWL_BATCH = 6


class Watch:
    """What pages of one browser context asked for or complained about."""

    def __init__(self, context):
        self.outside: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if re.match(r"(file|data|blob|about):", url):
            route.continue_()
        else:  # another host: record it and cut it off
            self.outside.append(url)
            route.abort()

    def attach(self, page, label: str):
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{label}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{label}: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"{label}: failed {r.url}"))
        return page


@pytest.fixture(scope="module")
def offline(browser):
    context = browser.new_context()
    watch = Watch(context)
    yield context, watch
    context.close()


def _pages(site: Path) -> list[Path]:
    # 404.html is served by the host for a missing URL, with root-relative
    # asset paths from site_url; it is checked over HTTP below.
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_every_page_loads_from_file_with_no_outside_request(offline, built_site, artifacts):
    context, watch = offline
    pages = _pages(built_site)
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    assert len(pages) >= len(topics) + 2  # home, structure report, one page per topic
    # A few pages load side by side: each runs in its own renderer process.
    for start in range(0, len(pages), CRAWL_BATCH):
        batch = []
        for path in pages[start:start + CRAWL_BATCH]:
            label = str(path.relative_to(built_site))
            page = watch.attach(context.new_page(), label)
            page.goto(path.as_uri(), wait_until="commit")
            batch.append((label, page))
        for label, page in batch:
            page.wait_for_load_state("load")
            assert page.locator("h1").count() >= 1, label
            # Diagrams are drawn (all of them, not only those near the viewport): none is left waiting.
            page.evaluate(DRAW_ALL)
            page.wait_for_function(DIAGRAMS_DRAWN, timeout=30_000)
            page.close()
    assert watch.outside == []
    assert watch.errors == []


def test_navigation_works_from_file(offline, built_site):
    context, watch = offline
    page = watch.attach(context.new_page(), "nav")
    page.goto((built_site / "index.html").as_uri())
    first = json.loads((built_site / "outline.json").read_text())["topics"][0]
    page.locator(f"article a[href$='topics/{first['slug']}.html']").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"topics/{first['slug']}.html")
    assert page.locator("article h1").inner_text().strip().rstrip("¶") == first["title"]
    # The footer's "Next" link walks the navigation to another page.
    page.locator("a.md-footer__link--next").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and not page.url.endswith(f"{first['slug']}.html")
    page.close()
    assert watch.outside == [] and watch.errors == []


def test_quiz_answers_from_file(offline, built_site):
    context, watch = offline
    topic = next((t for t in json.loads((built_site / "outline.json").read_text())["topics"] if t["questions"]), None)
    if topic is None:
        pytest.skip("no topic has a quiz")
    page = watch.attach(context.new_page(), "quiz")
    page.goto((built_site / "topics" / f"{topic['slug']}.html").as_uri())
    # A question answered by choosing (a recall card has no options; an order question is dragged).
    question = page.locator(".nm-q:not([data-type=order]):has(.nm-options input)").first
    for answer in question.get_attribute("data-answers").split():
        question.locator(f".nm-options input[value='{answer}']").check()
    question.locator(".nm-check").click()
    assert question.locator(".nm-feedback").inner_text().strip()
    page.close()
    assert watch.outside == [] and watch.errors == []


def test_index_holds_topics_not_quiz_answers_or_the_print_page(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    locations = {d["location"].split("#")[0] for d in docs}
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    assert {f"topics/{t['slug']}.html" for t in topics} <= locations
    assert not any(loc.startswith("print.html") for loc in locations)  # the whole book again: excluded
    text = " ".join(d["text"] for d in docs)
    assert "Check answer" not in text and "Show the answer and its source" not in text
    # The offline index is a script the pages load from file://.
    assert (built_site / "search" / "search_index.js").read_text().startswith("var __index =")


def test_404_page_works_where_hosted(browser, built_site, tmp_path):
    """The host serves 404.html for any missing URL under site_url: its links are absolute for that reason."""
    import http.server
    import threading
    from functools import partial
    from urllib.parse import urlsplit

    import yaml

    config = yaml.load((Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    prefix = urlsplit(config["site_url"]).path  # e.g. /notemill/
    root = tmp_path / "host"
    (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    (root / prefix.strip("/")).symlink_to(built_site, target_is_directory=True)
    not_found = (built_site / "404.html").read_bytes()

    class Host(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(not_found)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Host, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    failed, errors = [], []
    try:
        page = context.new_page()
        page.on("requestfailed", lambda r: failed.append(r.url))
        page.on("response", lambda r: r.status >= 400 and r.request.resource_type != "document"
                and failed.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        base = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
        response = page.goto(base + "no/such/deep/page.html")
        assert response.status == 404
        assert "404" in page.locator("article h1").inner_text()
        # The theme's stylesheet applied and its navigation leads home.
        assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") in ("sticky", "fixed")
        page.locator("a.md-header__button.md-logo").click()
        page.wait_for_load_state()
        assert page.url == base + "index.html"
    finally:
        context.close()
        server.shutdown()
    assert failed == [] and errors == []


def _wait_for_index(page) -> None:
    # The index loads in a worker; until then the results say "Initializing search".
    page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent.trim() "
                           "&& !/initializing/i.test(document.querySelector('.md-search-result__meta').textContent)",
                           timeout=15_000)


def _search(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    _wait_for_index(page)
    box.press_sequentially(query, delay=20)  # typed: the theme searches on key events
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    return page.eval_on_selector_all(".md-search-result__item > .md-search-result__link",
                                     "els => els.map(e => e.href)")


@pytest.mark.parametrize("query", QUERIES)
def test_search_from_file_finds_the_right_topic_first(offline, built_site, query):
    context, watch = offline
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    want = [t["slug"] for t in topics if re.search(rf"\b{re.escape(QUERIES[query])}\b", t["title"], re.I)]
    assert len(want) == 1, f"expected one topic titled with {QUERIES[query]}, got {want}"
    page = watch.attach(context.new_page(), f"search {query}")
    page.goto((built_site / "index.html").as_uri())
    links = _search(page, query)
    page.close()
    assert links, f"no result for {query!r}"
    assert re.search(rf"/topics/{want[0]}\.html([?#]|$)", links[0]), f"{query!r}: first result {links[0]}"
    assert watch.outside == [] and watch.errors == []


def test_every_topic_title_finds_its_page_first(offline, built_site):
    """Titles, kept or recovered, are what a student types first."""
    context, watch = offline
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    page = watch.attach(context.new_page(), "title search")
    page.goto((built_site / "index.html").as_uri())
    box = page.locator("input.md-search__input")
    box.click()
    _wait_for_index(page)
    misses = []
    for topic in topics:
        for text in ("", topic["title"]):  # clear first, so the results seen are this query's
            box.fill(text)
            box.press("End")  # the theme searches on key events
            page.wait_for_function("n => (document.querySelectorAll('.md-search-result__item').length > 0) === n",
                                   arg=bool(text))
        first = page.eval_on_selector(".md-search-result__item > .md-search-result__link", "e => e.href")
        if not re.search(rf"/topics/{topic['slug']}\.html([?#]|$)", first):
            misses.append((topic["title"], first))
    page.close()
    assert misses == []
    assert watch.outside == [] and watch.errors == []
