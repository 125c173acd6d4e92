"""mermaid2 adds its scripts from a stub page: the same scripts it adds parsing the whole page, nothing else."""

from __future__ import annotations

import os
import re

from mkdocs.config import load_config

from conftest import ROOT
from notemill_mermaid2_scripts import Mermaid2Scripts, mermaid2_scripts, wrap_mermaid2

PAGE = ("<!doctype html><html><head><title>t</title></head><body><article><h1>T &amp; co</h1>"
        '<pre class="mermaid" data-search-exclude><code>flowchart LR\nA --&gt; B</code></pre>'
        "<p>x<br>y</p></article><script src=\"x.js\"></script></body></html>")
SCRIPTS = re.compile(r"<script[^>]*>.*?</script>", re.S)


def _mermaid2(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setitem(os.environ, "NO_MKDOCS_2_WARNING", "1")
    cfg = load_config(str(ROOT / "mkdocs.yml"))
    plugin = cfg.plugins["mermaid2"]
    plugin.on_config(cfg)
    return cfg, plugin


def test_a_page_with_a_diagram_gets_mermaid2s_scripts_before_body_end(monkeypatch):
    cfg, plugin = _mermaid2(monkeypatch)
    page = type("Page", (), {"title": "T", "url": "topics/t.html"})()
    parsed = plugin.on_post_page(PAGE, config=cfg, page=page)  # what mermaid2 does to the whole page
    wrap_mermaid2(cfg)
    (handler,) = [h for h in cfg.plugins.events["post_page"] if isinstance(h, Mermaid2Scripts)]
    assert mermaid2_scripts(cfg) is handler
    out = handler(PAGE, config=cfg, page=page)
    added = SCRIPTS.findall(parsed)[1:]  # the page's own script first, then mermaid2's
    library = plugin.config["javascript"].rsplit("/", 1)[-1]  # notemill's loader, which fetches Mermaid
    assert len(added) == 2 and library in added[0] and "mermaidConfig" in added[1]
    assert out == PAGE.replace("</body>", "".join(added) + "</body>")  # the rest byte for byte as it was
    # Made once per folder: a page elsewhere gets the library's path from there.
    root = handler(PAGE, config=cfg, page=type("Page", (), {"title": "R", "url": "print.html"})())
    assert f'src="{plugin.config["javascript"]}"' in root and 'src="../' not in root
    assert handler(PAGE, config=cfg, page=page) == out


def test_a_page_without_a_diagram_is_left_alone(monkeypatch):
    cfg, plugin = _mermaid2(monkeypatch)
    wrap_mermaid2(cfg)
    (handler,) = [h for h in cfg.plugins.events["post_page"] if isinstance(h, Mermaid2Scripts)]
    assert mermaid2_scripts(cfg) is handler
    page = type("Page", (), {"title": "T", "url": "index.html"})()
    text = "<html><body><p>mermaid is a word here</p></body></html>"
    assert handler(text, config=cfg, page=page) == text
