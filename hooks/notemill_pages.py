"""Generated pages kept on disk, so that `mkdocs serve --dirty` rebuilds only what an edit changed.

In a dirty build MkDocs rebuilds a page only when its source file is newer than its output
(``File.is_modified``), and a page made with ``content=`` counts as modified every time. So each generated
page is written to a cache folder that belongs to one site folder, and rewritten only when something the
page shows changed: its Markdown, the data its slots render (``SLOT_INPUTS``), or what every page shows
(the navigation, the site's address, the PDF link, the theme and Markdown settings, the theme overrides).
A page holding a slot whose inputs are not known here, or with a template of its own (the study guide),
is rebuilt every time. A clean build reads the same files and rebuilds everything.

What a skipped page would have given the rest of the build comes from the same cache, written when the
page was last rendered: its search entries (Material's search keeps only the rebuilt pages in a dirty
build) and its HTML before the slots (the study guide assembles every topic's). A page whose cached parts
are missing is rewritten, hence rebuilt.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import posixpath
import re
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

import jinja2
from mkdocs.structure.files import File

CACHE_ROOT = Path(tempfile.gettempdir()) / "notemill-pages"
STALE_SECONDS = 3600  # a cache whose site folder is gone is removed after this long unused
_SLOT = re.compile(r"<!-- notemill:([a-z-]+) -->")
# Settings that change every page's HTML (the notes files are read by the hooks: their effect is in the Markdown).
_CONFIG_KEYS = ("site_name", "site_url", "site_description", "site_author", "copyright", "repo_url", "repo_name",
                "edit_uri", "use_directory_urls", "extra", "extra_css", "extra_javascript", "markdown_extensions",
                "mdx_configs", "nav")


def _slug(src: str) -> str:
    return posixpath.splitext(posixpath.basename(src))[0]


def _topic_inputs(state, src):
    slug = _slug(src)
    topic = state.topics_by_slug.get(slug)
    return (topic.title if topic else slug, state.diagrams.get(slug), state.quizzes.get(slug))


def _progress_inputs(state, src):
    return [(t.slug, t.title, [q.id for q in state.quizzes.get(t.slug, ())]) for t in state.study.topics]


# Slot name -> function(state, src) giving what that slot renders on page src (its repr is fingerprinted).
# Add a line here with each new slot; until then a page holding it is rebuilt every time.
def _coverage_inputs(state, src):
    return [(t.slug, t.title, state.coverage.get(t.slug), len(state.bank.get(t.slug, ()))) for t in state.study.topics]


def _study_inputs(state, src):
    """What the home panel, Review, Exam and the Progress page's study part render: every topic's bank ids
    and fact lines, by category (the exam settings are in ``extra``, which every page's digest holds)."""
    return ([(c.id, c.title) for c in state.study.categories],
            [(t.slug, t.title, t.category, [q.id for q in state.bank.get(t.slug, ())],
              getattr(state.coverage.get(t.slug), "fact_lines", 0)) for t in state.study.topics])


SLOT_INPUTS = {"diagrams": _topic_inputs, "quiz": _topic_inputs, "progress": _progress_inputs,
               "coverage": _coverage_inputs, "home": _study_inputs, "review": _study_inputs,
               "exam": _study_inputs, "study-progress": _study_inputs}


def _digest(*parts) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _plain(value):
    """Settings as JSON, a function by its name: a repr would hold its address, new in every process."""
    if isinstance(value, functools.partial):
        return [value.func, list(value.args), value.keywords]
    if isinstance(value, Mapping):
        return dict(value)
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    text = str(value)
    return type(value).__qualname__ if " at 0x" in text else text


def _settings(config) -> str:
    return json.dumps([[k, config.get(k)] for k in _CONFIG_KEYS] + [sorted(dict(config.theme).items())],
                      sort_keys=True, default=_plain)


def _theme_inputs(config) -> list:
    """The overrides' files (name, size, change time): templates shape every page."""
    out = []
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for folder, _dirs, names in sorted(os.walk(custom)):
            for name in sorted(names):
                st = os.stat(os.path.join(folder, name))
                out.append((os.path.relpath(os.path.join(folder, name), custom), st.st_size, st.st_mtime_ns))
    return out


def templates_stamp(config) -> str:
    """A digest of the theme overrides' files (names, sizes, change times)."""
    return _digest(_theme_inputs(config))


class PageCache:
    """The cache folder of one site folder: ``pages/`` (the Markdown MkDocs reads), ``html/`` (a page's
    HTML before its slots), ``search/`` (its search entries), ``inputs.json`` (each page's fingerprint)."""

    def __init__(self, config):
        site = os.path.realpath(config.site_dir)
        key = hashlib.sha256(f"{site}\0{config.config_file_path}".encode()).hexdigest()[:20]
        self.root = CACHE_ROOT / key
        self.site_dir = site
        self.root.mkdir(parents=True, exist_ok=True)
        (self.root / "site_dir.txt").write_text(site, encoding="utf-8")
        _prune(self.root)

    def path(self, kind: str, src: str, suffix: str = "") -> Path:
        return self.root / kind / (src + suffix)

    def add_pages(self, config, state, files) -> None:
        """Append a File per generated page to ``files``: cached on disk when its inputs are known, else in memory."""
        common = _digest(_settings(config), state.pdf, _theme_inputs(config))
        manifest_path = self.root / "inputs.json"
        try:
            before = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            before = {}
        after = {}
        for src, markdown in state.pages.items():
            slots = _SLOT.findall(markdown)
            if markdown.startswith("---") and "\ntemplate:" in markdown.split("\n---", 1)[0] \
                    or any(s not in SLOT_INPUTS for s in slots):
                files.append(File.generated(config, src, content=markdown))
                continue
            inputs = _digest(common, src, markdown, [(s, SLOT_INPUTS[s](state, src)) for s in slots])
            path = self.path("pages", src)
            if before.get(src) != inputs or not path.is_file() or not self.has_rendered(src):
                self._write(path, markdown.encode("utf-8"), config, src)
            after[src] = inputs
            files.append(File.generated(config, src, abs_src_path=str(path)))
        for gone in before.keys() - after.keys():
            # A page the notes no longer make: a dirty build would leave its old output in the site.
            dest = File(gone, None, config.site_dir, config.use_directory_urls).abs_dest_path
            if os.path.isfile(dest):
                os.remove(dest)
        tmp = manifest_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(after, sort_keys=True), encoding="utf-8")
        os.replace(tmp, manifest_path)

    def _write(self, path: Path, data: bytes, config, src: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        # Newer than the page's last output even on a file system with coarse times: MkDocs compares the two.
        dest = File(src, None, config.site_dir, config.use_directory_urls).abs_dest_path
        if os.path.exists(dest):
            out_ns = os.stat(dest).st_mtime_ns
            if os.stat(path).st_mtime_ns <= out_ns:
                os.utime(path, ns=(out_ns + 1000, out_ns + 1000))

    def has_rendered(self, src: str) -> bool:
        return self.path("html", src, ".html").is_file() and self.path("search", src, ".json").is_file()

    def save_html(self, src: str, html_text: str) -> None:
        _write_text(self.path("html", src, ".html"), html_text)

    def load_html(self, src: str) -> str:
        return self.path("html", src, ".html").read_text(encoding="utf-8")

    def save_search(self, src: str, entries: list) -> None:
        _write_text(self.path("search", src, ".json"), json.dumps(entries, ensure_ascii=False))

    def load_search(self, src: str) -> list | None:
        """The page's entries as last rendered; None when the cache lost them (a page of docs/ whose
        cache folder was removed: it is indexed again once it changes or serve restarts)."""
        try:
            return json.loads(self.path("search", src, ".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _prune(current: Path) -> None:
    """Remove caches of site folders that no longer exist (each `mkdocs serve` builds into a new one)."""
    now = time.time()
    for folder in CACHE_ROOT.iterdir():
        if folder == current:
            continue
        try:
            site = (folder / "site_dir.txt").read_text(encoding="utf-8")
            if os.path.isdir(site) or now - (folder / "site_dir.txt").stat().st_mtime < STALE_SECONDS:
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)


def compiled_templates(env):
    """Keep the theme's compiled templates on disk: each build makes a new Jinja environment, and compiling
    Material's templates again was a third of a rebuild after an edit. Jinja checks each against its source."""
    folder = CACHE_ROOT / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))
    return env


def search_plugin(config):
    """Material's search plugin, whose index a dirty build must complete; None with another search."""
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(getattr(plugin, "search_index", None), "entries"):
            return plugin
    return None
