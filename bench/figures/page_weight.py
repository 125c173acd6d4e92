"""Figure: page weight, what a reader downloads (HTML and the CSS and JavaScript it references), and the
search index, on the site built from the bundled notes."""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from common import gzip_size, mkdocs_build

KEY = "page_weight"

class _Refs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.inline: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and a.get("href") and {"stylesheet", "preload", "modulepreload"} & set(
                (a.get("rel") or "").split()):
            (self.js if a["href"].split("?")[0].endswith((".js", ".mjs")) else self.css).append(a["href"])
        elif tag == "script":
            if a.get("src"):
                self.js.append(a["src"])
            else:
                self._in_script = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline.append(data)


def _site_file(site: Path, page_url: str, ref: str) -> Path | None:
    url = urldefrag(urljoin(page_url, ref))[0].split("?")[0]
    if urlsplit(url).scheme not in ("", "file") or urlsplit(url).netloc:
        return None
    path = site / urlsplit(url).path.lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    return path


def page_weight(site: Path, rel: str) -> dict:
    """Bytes of the page's HTML and of the CSS and JavaScript it references (as served, and gzipped)."""
    page = site / rel
    text = page.read_text(encoding="utf-8")
    refs = _Refs()
    refs.feed(text)
    base = "/" + rel
    out = {"page": rel, "html": len(text.encode()), "css": 0, "js": 0, "files": [], "external": []}
    gz = gzip_size(text.encode())
    for kind, urls in (("css", refs.css), ("js", refs.js)):
        for ref in dict.fromkeys(urls):
            path = _site_file(site, base, ref)
            if path is None:
                out["external"].append(ref)
                continue
            data = path.read_bytes()
            out[kind] += len(data)
            gz += gzip_size(data)
            out["files"].append(str(path.relative_to(site)))
    out["total"] = out["html"] + out["css"] + out["js"]
    out["total_gzip"] = gz
    inline = "\n".join(refs.inline)
    out["loads_mermaid"] = any("mermaid" in f.lower() for f in out["files"]) or bool(
        re.search(r"""(?:src|import)\s*[=(]?\s*["'][^"']*mermaid""", inline))
    return out


def _topic_path(site: Path, slug: str) -> str:
    for rel in (f"topics/{slug}/index.html", f"topics/{slug}.html"):
        if (site / rel).is_file():
            return rel
    raise FileNotFoundError(f"no page for topic {slug} in {site}")


def bench_weight(site: Path) -> dict:
    data = json.loads((site / "outline.json").read_text(encoding="utf-8"))
    plain = next((t for t in data["topics"] if not t.get("diagrams")), None)
    drawn = max(data["topics"], key=lambda t: t.get("diagrams", 0), default=None)
    result = {
        "home": page_weight(site, "index.html"),
        "topic_without_diagrams": page_weight(site, _topic_path(site, plain["slug"])) if plain else None,
        "topic_with_diagrams": page_weight(site, _topic_path(site, drawn["slug"]))
        if drawn and drawn.get("diagrams") else None,
    }
    index = {}
    for rel in ("search/search_index.json", "search/search_index.js"):
        if (site / rel).is_file():
            raw = (site / rel).read_bytes()
            index[rel] = {"bytes": len(raw), "gzip": gzip_size(raw)}
    result["search_index"] = index
    return result


def measure(ctx) -> dict:
    site = ctx.work / "site-weight"
    mkdocs_build(site)
    return bench_weight(site)


def targets(result: dict) -> list[dict]:
    plain = result["topic_without_diagrams"]
    return [{"target": "a page without diagrams loads no Mermaid code", "value": plain["loads_mermaid"] is False,
             "met": plain["loads_mermaid"] is False}]


def _kb(n: int | None) -> str:
    return "–" if n is None else f"{n / 1000:,.1f} KB"


def report(result: dict, ctx) -> list[str]:
    out = ["## Page weight (what a reader downloads: HTML + referenced CSS and JavaScript)", "",
           "| Page | HTML | CSS | JS | Total | Gzipped | Loads Mermaid |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for key, w in result.items():
        if key == "search_index":
            continue
        if w is None:
            out.append(f"| {key.replace('_', ' ')} | – | – | – | – | – | (no such page in this build) |")
            continue
        out.append(f"| {key.replace('_', ' ')} (`{w['page']}`) | {_kb(w['html'])} | {_kb(w['css'])} | {_kb(w['js'])} "
                   f"| {_kb(w['total'])} | {_kb(w['total_gzip'])} | {'yes' if w['loads_mermaid'] else 'no'} |")
    for rel, s in result["search_index"].items():
        out.append(f"\nSearch index `{rel}`: {_kb(s['bytes'])} ({_kb(s['gzip'])} gzipped).")
    return out
