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
            handlers[i] = Mermaid2Scripts(handler)


def mermaid2_scripts(config) -> Mermaid2Scripts | None:
    """This build's wrapped mermaid2 handler, if there is one."""
    return next((h for h in config.plugins.events["post_page"] if isinstance(h, Mermaid2Scripts)), None)


class Mermaid2Scripts:
    """mermaid2's ``on_post_page``, made to add its scripts without parsing the page."""

    def __init__(self, handler) -> None:
        self.handler = handler
        # What mermaid2 adds depends only on the page's folder (the library's relative path): made once
        # per folder and build (its jsbeautifier pass over its settings is most of its cost per page).
        self.made: dict[str, str | None] = {}

    def __call__(self, output: str, **kwargs) -> str:
        scripts = self.scripts_for(output, **kwargs)
        if scripts is None:
            return self.handler(output, **kwargs)  # only mermaid2's own parse will do
        if not scripts:
            return output
        end = output.rfind("</body>")
        return output[:end] + scripts + output[end:]

    def scripts_for(self, output: str, **kwargs) -> str | None:
        """What mermaid2 would put before the page's ``</body>``: "" for a page without a diagram, None
        when it must see the whole page (another mode, a page without ``</body>``, another mermaid2)."""
        if "mermaid" not in output:
            return ""
        # The mode is known once mermaid2 has seen the config (its on_config).
        if not getattr(self.handler.__self__, "activate_custom_loader", False) or "</body>" not in output:
            return None
        if not _DIAGRAM.search(output):
            return ""  # no diagram: mermaid2 would return the page with nothing added (after its parse)
        folder = posixpath.dirname(kwargs["page"].url)
        if folder not in self.made:
            stub = self.handler(STUB, **kwargs)
            at, close = stub.find(STUB_BODY), stub.rfind("</body>")
            self.made[folder] = stub[at + len(STUB_BODY):close] if 0 <= at < close else None
        return self.made[folder]
