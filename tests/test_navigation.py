"""A page's navigation stays bounded however many topics there are: large categories are split into groups."""

from __future__ import annotations

import statistics
import sys
from types import SimpleNamespace

from conftest import ROOT, mkdocs_build
from notemill.navigation import GROUP, NavGroup, NavLink, grouped, site_navigation

sys.path.insert(0, str(ROOT / "bench"))
import notes_gen  # noqa: E402


def _links(n: int) -> list[NavLink]:
    return [NavLink(f"Topic {i:05d}", f"topics/t{i}.md") for i in range(n)]


def _widest_open_branch(items) -> int:
    """The most entries a page shows: every level of the path down to the page, each level's entries."""
    groups = [i for i in items if isinstance(i, NavGroup)]
    return len(items) + max((_widest_open_branch(g.children) for g in groups), default=0)


def _leaves(items) -> list[NavLink]:
    out = []
    for i in items:
        out += [i] if isinstance(i, NavLink) else _leaves(i.children)
    return out


def test_small_categories_are_listed_as_they_are():
    assert grouped(_links(GROUP)) == tuple(_links(GROUP))


def test_large_categories_are_grouped_in_order_with_bounded_levels():
    for n in (GROUP + 1, 100, 2_000, 20_000):
        tree = grouped(_links(n))
        assert _leaves(tree) == _links(n)  # every topic once, in order
        levels = 1
        while GROUP ** levels < n:
            levels += 1
        assert _widest_open_branch(tree) <= GROUP * levels, n
        assert all(len(g.children) >= 2 for g in tree if isinstance(g, NavGroup))
    first = grouped(_links(30), size=15)[0]
    assert first.title == "Topic 00000 – Topic 00014"  # named after its first and last topic


def test_site_navigation_keeps_category_order_and_titles():
    cats = [SimpleNamespace(title="B <cat>", topics=[SimpleNamespace(title="x", slug="x")]),
            SimpleNamespace(title="A", topics=[])]
    nav = site_navigation(cats)
    assert [c.title for c in nav] == ["B <cat>", "A"]
    assert nav[0].children == (NavLink("x", "topics/x.md"),)


def _nav_bytes(site) -> list[int]:
    """Bytes of each topic page's primary navigation, its own table of contents left out."""
    out = []
    for page in (site / "topics").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        start = text.find('<nav class="md-nav md-nav--primary"')
        end = text.find("md-sidebar--secondary", start)
        nav = text[start:end]
        toc = nav.find('<nav class="md-nav md-nav--secondary"')
        if toc >= 0:  # the page's own headings, nested in the navigation under its link
            close = nav.find("</nav>", toc)
            nav = nav[:toc] + nav[close:]
        out.append(len(nav))
    return out


def test_page_navigation_stays_the_same_size_at_eight_times_the_notes(tmp_path):
    sizes = {}
    for factor in (1, 8):
        notes = tmp_path / f"notes-{factor}x.txt"
        notes.write_text(notes_gen.generate(notes_gen.seed_size() * factor), encoding="utf-8")
        site = tmp_path / f"site-{factor}x"
        result = mkdocs_build(site, notes=[notes])
        assert result.returncode == 0, result.stderr[-3000:]
        sizes[factor] = _nav_bytes(site)
    small, large = sizes[1], sizes[8]
    assert len(large) > 4 * len(small)  # many more topics...
    # ...and the same navigation per page (a flat list per category made the largest 3x bigger here).
    assert max(large) < 1.6 * max(small), (max(small), max(large))
    assert statistics.median(large) < 1.6 * statistics.median(small), (statistics.median(small),
                                                                        statistics.median(large))
