"""The MkDocs side of the diagrams: find them, check the Mermaid library, render them.

mkdocs-mermaid2-plugin wires Mermaid in (custom-loader mode, the superfences
``fence_mermaid_custom`` entry in mkdocs.yml): to each page holding a
``<pre class="mermaid"><code>`` it adds a ``<script>`` for its ``javascript:``
file, notemill's small loader ``assets/javascripts/notemill-mermaid.js``, and
its ``arguments:`` as ``window.mermaidConfig``. The loader fetches the library
when a diagram comes near the viewport and draws it (not Material, which would
draw every diagram at load, shrunk to the column). The library is npm's UMD
``mermaid.min.js``: ``docs/assets/javascripts/mermaid.min.js`` is a symbolic
link into ``node_modules`` that ``make`` creates (git ignores it), so the build
copies it into the site and nothing is fetched from a CDN.

A page mermaid2 never sees (one written in ``on_post_build``) loads the
loader with ``script_tag(page_url)``.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import AnchorLink

from notemill.diagrams import count_by_kind

MERMAID_JS = "assets/javascripts/mermaid.min.js"  # site path, under docs/ as a link
LOADER_JS = "assets/javascripts/notemill-mermaid.js"  # mermaid2's javascript: it fetches MERMAID_JS beside it
MERMAID_SOURCE = "node_modules/mermaid/dist/mermaid.min.js"
TEMPLATE = "partials/notemill/diagram.html"


def mermaid_enabled(config) -> bool:
    return "mermaid2" in config.plugins


def check_library(config) -> None:
    """The link under docs/ must reach the installed library, or the site would ship a broken file."""
    root = Path(config.config_file_path).parent
    link = Path(config.docs_dir) / MERMAID_JS
    target = root / MERMAID_SOURCE
    if not target.is_file():
        raise PluginError(f"{MERMAID_SOURCE} is missing: run 'make site' (or 'npm ci') to install Mermaid")
    if not link.is_file() or link.resolve() != target.resolve():
        raise PluginError(f"docs/{MERMAID_JS} must be a symbolic link to {MERMAID_SOURCE} "
                          f"(re-create it: ln -sf ../../../{MERMAID_SOURCE} docs/{MERMAID_JS})")


def diagrams_for_build(config, enriched, log) -> dict[str, tuple]:
    """{topic slug: diagrams}, topics without any left out; one log line with the count per kind."""
    found = enriched.diagrams
    every = [d for ds in found.values() for d in ds]
    if any(d.mermaid for d in every):
        check_library(config)
    kinds = ", ".join(f"{n} {kind}" for kind, n in count_by_kind(every).items()) or "none"
    log.info(f"diagrams: {len(every)} on {len(found)} topic pages ({kinds})")
    if enriched.dropped:
        # Without mermaid2 nothing would load the local library and Material would fetch one from a CDN.
        log.warning(f"{enriched.dropped} Mermaid diagrams left out: add the mermaid2 plugin to mkdocs.yml to draw them")
    return found


def heading_id(slug: str) -> str:
    return f"{slug}-diagrams"


def render_diagrams(state, page) -> str:
    """The "diagrams" slot of a topic page: its diagrams through the theme's template."""
    slug = posixpath.splitext(posixpath.basename(page.file.src_uri))[0]
    diagrams = state.diagrams.get(slug, ())
    if not diagrams:
        return ""
    _add_to_toc(page, heading_id(slug))
    return state.env.get_template(TEMPLATE).render(diagrams=diagrams, heading_id=heading_id(slug))


def _add_to_toc(page, anchor: str) -> None:
    """The slot is filled after Markdown made the table of contents: list the section there too."""
    items = page.toc.items
    if any(item.id == anchor for item in items):
        return
    at = next((i for i, item in enumerate(items) if item.title == "See also"), len(items))
    items.insert(at, AnchorLink("Diagrams", anchor, 2))


def script_tag(page_url: str) -> str:
    """``<script>`` loading notemill's Mermaid loader from a page at ``page_url`` (site-relative)."""
    base = posixpath.dirname(page_url) or "."
    return f'<script src="{posixpath.relpath(LOADER_JS, base)}"></script>'
