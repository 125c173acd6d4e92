"""Inline Markdown (markdown-it tokens) to plain text and to safe Markdown.

The safe Markdown is rebuilt from the parsed tokens, never copied from the
notes: every character of the student's text goes through ``render.escape``
(HTML entities), so raw HTML, ``{{ }}`` and attribute lists show literally;
only what the parser recognised as emphasis, code, links and images is
written back as markup. Links keep http(s) and mailto targets; other schemes
are text. A remote image becomes a link to it (the site loads nothing from
another host); a local image beside the notes becomes a file of the site.
Wiki links and links to other notes become placeholders that rendering
resolves once every topic has its page (``links``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from ..errors import Diagnostic
from ..render import escape
from .media import IMAGE_EXT, Vault

# Placeholders in safe Markdown: private-use characters, escaped wherever the notes hold them. A link
# written as a path to a file (FILE_REF) may point outside the notes; a wiki link (REF) names a note.
REF, SEP, END, FILE_REF = "\ue000", "\ue001", "\ue002", "\ue003"
_PRIVATE = re.compile("[\ue000-\ue003]")
_WIKI = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
_IMAGE_EXT = IMAGE_EXT
_NOTES_EXT = (".md", ".markdown", ".txt")
_SAFE_SCHEMES = ("http", "https", "mailto")
MEDIA_DIR = "media"


@dataclass
class Context:
    """What inline conversion needs from the file it reads, and what it finds."""

    file: str
    base: Path | None  # the notes file's folder, for local images
    line: int = 0
    vault: Vault | None = None  # the notes folder it belongs to (images are found anywhere inside it)
    media: dict[str, Path] = field(default_factory=dict)  # site path -> local file
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.diagnostics.append(Diagnostic("warning", self.file, self.line, message))


def text_md(text: str) -> str:
    """Student text as Markdown that shows exactly that text."""
    return escape(_PRIVATE.sub(lambda m: f"&#{ord(m.group())};", text))


def ref(target: str, heading: str, label_md: str, start: str = REF) -> str:
    """A link to the page holding ``target`` (a note, heading or topic), resolved at render time."""
    return f"{start}{_PRIVATE.sub('', target)}{SEP}{_PRIVATE.sub('', heading)}{SEP}{label_md}{END}"


def convert(tokens, ctx: Context) -> tuple[str, str]:
    """(plain text, safe Markdown) of an inline token list."""
    plain: list[str] = []
    md: list[str] = []
    stack: list[tuple[str, int, int, str]] = []  # open link: (href, plain start, md start, kind)
    for tok in tokens:
        t = tok.type
        if t == "text":
            _text(tok.content, plain, md, ctx)
        elif t == "softbreak":
            plain.append("\n")
            md.append("\n")
        elif t == "hardbreak":
            plain.append("\n")
            md.append("<br>\n")
        elif t == "code_inline":
            plain.append(tok.content)
            md.append(_code_span(tok.content))
        elif t in ("strong_open", "em_open", "s_open"):
            md.append({"strong_open": "<strong>", "em_open": "<em>", "s_open": "<del>"}[t])
        elif t in ("strong_close", "em_close", "s_close"):
            md.append({"strong_close": "</strong>", "em_close": "</em>", "s_close": "</del>"}[t])
        elif t == "link_open":
            stack.append((tok.attrs.get("href", ""), len(plain), len(md), tok.markup))
        elif t == "link_close" and stack:
            href, p0, m0, _ = stack.pop()
            inner_plain = "".join(plain[p0:])
            inner_md = "".join(md[m0:])
            del md[m0:]
            md.append(_link(href, inner_plain, inner_md, ctx))
        elif t == "image":
            alt = "".join(c.content for c in (tok.children or ())) or tok.content
            plain.append(alt)
            md.append(_image(str(tok.attrs.get("src", "")), alt, ctx))
        elif t == "html_inline":
            plain.append(tok.content)
            md.append(text_md(tok.content))  # raw HTML shows as written
        else:  # any other token: its text, shown literally
            plain.append(tok.content)
            md.append(text_md(tok.content))
    return "".join(plain), "".join(md)


def _text(content: str, plain: list[str], md: list[str], ctx: Context) -> None:
    pos = 0
    for m in _WIKI.finditer(content):
        if m.start() > pos:
            plain.append(content[pos:m.start()])
            md.append(text_md(content[pos:m.start()]))
        embed, inner = m.group(1), m.group(2)
        target, _, label = inner.partition("|")
        target, _, heading = target.partition("#")
        target, heading = target.strip(), heading.strip().lstrip("^")
        shown = label.strip() or target or heading
        if embed and target.lower().endswith(_IMAGE_EXT):
            # "![[a.png|300]]" or "|640x480" sets Obsidian's display size: not a description
            alt = ("" if re.fullmatch(r"\s*\d+(?:x\d+)?\s*", label) else label.strip()) or Path(target).stem
            plain.append(alt)
            md.append(_image(target, alt, ctx))
        else:
            plain.append(shown)
            md.append(ref(target, heading, text_md(shown)))
        pos = m.end()
    if pos < len(content):
        plain.append(content[pos:])
        md.append(text_md(content[pos:]))


def _code_span(code: str) -> str:
    longest = max((len(r) for r in re.findall(r"`+", code)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if code.startswith("`") or code.endswith("`") else ""
    return f"{fence}{pad}{code}{pad}{fence}"


def _url(href: str) -> str:
    """An absolute URL that cannot break out of Markdown link syntax."""
    return quote(href, safe=":/?#@!$&*+,;=%-._~")


def _link(href: str, inner_plain: str, inner_md: str, ctx: Context) -> str:
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if scheme in _SAFE_SCHEMES:
        return f"[{inner_md}]({_url(href)})"
    if scheme or href.startswith("//"):
        return inner_md  # javascript:, data:, file: ... : the words stay, the link goes
    path = unquote(parts.path)
    if not path and parts.fragment:  # "#iam": a heading of these notes
        return ref("", unquote(parts.fragment), inner_md)
    if path.lower().endswith(_NOTES_EXT):  # another notes file
        return ref(Path(path).stem, unquote(parts.fragment), inner_md, FILE_REF)
    if path.lower().endswith(_IMAGE_EXT):
        site = _local_media(path, ctx)
        if site:
            return f"[{inner_md}](../{site})"
    ctx.diagnostics.append(Diagnostic(
        "info", ctx.file, ctx.line, f"link to “{href}” is not a page of the site; its text is kept without the link"))
    return inner_md


def _image(src: str, alt: str, ctx: Context) -> str:
    shown = text_md(alt) if alt.strip() else "image"
    parts = urlsplit(src)
    if parts.scheme.lower() in ("http", "https") or src.startswith("//"):
        url = src if parts.scheme else "https:" + src
        return f"[Image: {shown}]({_url(url)})"  # a link, never a request to another host
    if parts.scheme:
        return f"Image: {shown}"
    site = _local_media(unquote(parts.path), ctx)
    if site is None:
        return f"Image: {shown}"
    return f"![{text_md(alt)}](../{site})"


def _local_media(path: str, ctx: Context) -> str | None:
    """Copy a local image of the notes folder into the site (``media.Vault.find`` says which file a
    reference means); None (with a warning) when there is none."""
    if ctx.base is None:
        return None
    if ctx.vault is None:
        ctx.vault = Vault(ctx.base)
    found, problem = ctx.vault.find(path, ctx.base)
    if problem:
        ctx.warn(problem)
    if found is None:
        return None
    digest = hashlib.sha1(found.read_bytes()).hexdigest()[:10]  # same image, same name: builds stay the same
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", found.name)
    site = f"{MEDIA_DIR}/{digest}-{name}"
    ctx.media[site] = found
    return site


_MARKUP_EDGES = re.compile(r"^[\s#>*_`~!?=|:\[\]-]+|[\s#*_`~|:\[\]]+$")


def title_of(plain: str) -> str:
    """A heading's plain text fit for a title: no markup characters at its ends, one line."""
    text = " ".join(re.sub(r"<[^>]*>", " ", plain).split())  # raw HTML shows in the text, never in a title
    return _MARKUP_EDGES.sub("", text).strip() or text
