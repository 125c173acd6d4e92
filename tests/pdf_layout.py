"""What is printed where in a PDF, read back with pdftotext -bbox: lines of words per page, with sizes."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4
TOP, BOTTOM = 16 * MM, 18 * MM  # the @page margins of docs/assets/notemill-print.css
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class Line:
    text: str
    top: float
    bottom: float
    left: float

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Page:
    number: int  # from 1
    height: float
    lines: tuple[Line, ...]  # the body, top to bottom, the footer left out
    footer: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def fill(self) -> float:
        """How far down the printable area the body reaches, 0 (empty) to 1 (full)."""
        if not self.lines:
            return 0.0
        return (max(line.bottom for line in self.lines) - TOP) / (self.height - TOP - BOTTOM)


def read_pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for n, (_, height, body) in enumerate(_PAGE.findall(xml), 1):
        height = float(height)
        words = [(float(y0), float(y1), float(x0), html.unescape(t)) for x0, y0, _, y1, t in _WORD.findall(body)]
        lines: list[list] = []
        for y0, y1, x0, t in sorted(words, key=lambda w: (round(w[0]), w[2])):
            if lines and abs(lines[-1][0] - y0) < 2.5:
                lines[-1][3].append((x0, t))
                lines[-1][1] = max(lines[-1][1], y1)
            else:
                lines.append([y0, y1, x0, [(x0, t)]])
        made = [Line(" ".join(t for _, t in sorted(ws)), y0, y1, min(x for x, _ in ws)) for y0, y1, _, ws in lines]
        body_lines = tuple(line for line in made if line.top < height - BOTTOM)
        footer = tuple(line for line in made if line.top >= height - BOTTOM)
        pages.append(Page(n, height, body_lines, footer))
    return pages
