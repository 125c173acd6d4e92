"""Less for mkdocs-mermaid2-plugin to parse: it adds its scripts to a stub, not to the whole page.

In custom-loader mode (ours) mermaid2's ``on_post_page`` does one thing to a page holding a diagram: it
appends two ``<script>`` tags (the local library, then ``window.mermaidConfig``) to ``<body>``. To do so
it parses the whole page with BeautifulSoup and serialises it again, which was 30 of the 53 s of a
profiled build of 10x notes, and most of a rebuild after an edit (the study guide holds every diagram).
Its handler is wrapped: it gets a stub page with the same URL and a diagram, and what it appends there is
put before the page's own ``</body>``. The page's bytes are otherwise left as MkDocs made them.
In any other mode mermaid2 changes the diagrams' markup itself, and runs unwrapped.
"""

from __future__ import annotations

import functools
import posixpath
import re

STUB_BODY = '<pre class="mermaid"><code></code></pre>'
STUB = f"<!DOCTYPE html><html><head></head><body>{STUB_BODY}</body></html>"
# What mermaid2 looks for in this mode (its selector "pre.mermaid code").
_DIAGRAM = re.compile(r"""<pre\b[^>]*\bclass=["'](?:[^"']*\s)?mermaid[\s"'][^>]*>\s*<code\b""")


def wrap_mermaid2(config) -> None:
    plugin = config.plugins.get("mermaid2")
    if plugin is None:
        return
    handlers = config.plugins.events["post_page"]
    for i, handler in enumerate(handlers):
        if getattr(handler, "__self__", None) is plugin:
            # What mermaid2 adds depends only on the page's folder (the library's relative path): made once
            # per folder and build (its jsbeautifier pass over its settings is most of its cost per page).
            handlers[i] = functools.partial(_on_post_page, handler, {})


def _on_post_page(mermaid2_post_page, made: dict, output, **kwargs):
    end = output.rfind("</body>")
    # The mode is known once mermaid2 has seen the config (its on_config).
    if "mermaid" not in output or end < 0 or not getattr(mermaid2_post_page.__self__, "activate_custom_loader", False):
        return mermaid2_post_page(output, **kwargs)
    if not _DIAGRAM.search(output):
        return output  # no diagram: mermaid2 would return the page with nothing added (after its parse)
    folder = posixpath.dirname(kwargs["page"].url)
    if folder not in made:
        stub = mermaid2_post_page(STUB, **kwargs)
        at, close = stub.find(STUB_BODY), stub.rfind("</body>")
        made[folder] = stub[at + len(STUB_BODY):close] if 0 <= at < close else None
    if made[folder] is None:
        return mermaid2_post_page(output, **kwargs)  # not the mermaid2 this was written for: let it parse
    return output[:end] + made[folder] + output[end:]
