"""Markdown notes: parsed with markdown-it, kept as the notes model, rendered back as safe Markdown."""

from .document import file_title, parse_markdown
from .render import blocks_md, resolve_links

MARKDOWN_SUFFIXES = (".md", ".markdown")

__all__ = ["MARKDOWN_SUFFIXES", "blocks_md", "file_title", "parse_markdown", "resolve_links"]
