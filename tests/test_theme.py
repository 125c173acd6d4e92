"""The theme's parts notemill sets: the header's repository link, the light/dark palette."""

from __future__ import annotations

import pytest
import yaml
from mkdocs.theme import Theme

from conftest import ROOT


def _source_link(repo_url: str | None) -> str:
    env = Theme(name="material", custom_dir=str(ROOT / "overrides")).get_env()
    config = {"repo_url": repo_url, "repo_name": "notes", "theme": {"icon": {}}}
    return env.get_template("partials/source.html").render(config=config, lang={"t": lambda key: key})


@pytest.mark.parametrize("url", ["https://github.com/example/notemill", "https://example.com/notes",
                                 "https://git.example.org/me/notes", None, ""])
def test_no_repository_link_for_the_placeholder_or_none(url):
    assert "md-source" not in _source_link(url)


@pytest.mark.parametrize("url", ["https://github.com/someone/notes", "https://gitlab.com/examples/notes",
                                 "https://codeberg.org/me/example"])
def test_a_real_repository_is_linked(url):
    html = _source_link(url)
    assert 'class="md-source"' in html and f'href="{url}"' in html


def test_built_pages_have_no_link_to_the_shipped_placeholder(built_site):
    shipped = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["repo_url"]
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert shipped not in page and 'class="md-source"' not in page


def test_the_palette_offers_light_dark_and_the_systems_choice():
    palette = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["theme"]["palette"]
    schemes = [p.get("scheme") for p in palette]
    assert schemes == [None, "default", "slate"] and all(p["toggle"]["name"] for p in palette)
