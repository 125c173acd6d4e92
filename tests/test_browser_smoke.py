"""A reader in headless Chromium: home page, a topic page, the navigation."""

from __future__ import annotations

import json

from notemill.catalog import load_catalog


def h1(page) -> str:
    return page.locator("article h1").first.inner_text().strip().rstrip("¶").strip()


def test_home_topic_and_nav(page, site_url, built_site, artifacts):
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url)
    assert page.locator("h1").first.inner_text().strip()
    topics = json.loads((built_site / "outline.json").read_text())["topics"]
    first = topics[0]
    # Follow the home page's link to the first topic.
    page.locator(f"article a[href*='topics/{first['slug']}']").first.click()
    page.wait_for_load_state()
    assert h1(page) == first["title"]
    assert f"topics/{first['slug']}" in page.url
    # Follow the sidebar to a topic of another category: its group (pruned from this page's
    # navigation, so a link to the group's first page), then the topic.
    other = topics[-1]
    group = load_catalog().category_title(other["category"])
    page.locator("nav.md-nav--primary a.md-nav__link", has_text=group).first.click()
    page.wait_for_load_state()
    page.locator(f"nav.md-nav--primary a[href*='{other['slug']}']").first.click()
    page.wait_for_load_state()
    assert h1(page) == other["title"]
    # Material's footer "Next" link walks the nav.
    page.locator("a.md-footer__link--next").first.click()
    page.wait_for_load_state()
    assert page.locator("article h1").count() == 1
    page.screenshot(path=str(artifacts / "smoke-topic.png"), full_page=False)
    assert errors == []
