"""Local images of Markdown notes: which file an image reference means, as Obsidian reads it.

A reference is looked for beside the note (``img/a.png``), then from the top
of the notes folder (Obsidian's "absolute path in vault"), then, as Obsidian
does for a bare name (``![[a.png]]``), anywhere in the notes folder by its
name or the end of its path. Several images of that name: the one nearest
the note (fewest folders between them), then the shortest path, then the
path in alphabetical order, with a warning saying how to choose another.
Nothing outside the notes folder is ever read.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

MAX_FILES = 50_000
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp")


class Vault:
    """The notes folder a note belongs to, with its images indexed on first need."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._images: list[PurePosixPath] | None = None

    def images(self) -> list[PurePosixPath]:
        """Every image file inside the folder (hidden folders such as ``.obsidian`` or ``.git`` not even
        entered), as paths relative to it, in a fixed order. A folder of more than ``MAX_FILES`` files (notes
        named inside a large tree) is searched up to that many, in name order, so a build stays quick."""
        if self._images is None:
            found: list[PurePosixPath] = []
            seen = 0
            for folder, dirs, files in os.walk(self.root):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                rel = PurePosixPath(Path(folder).relative_to(self.root).as_posix())
                for name in sorted(files):
                    seen += 1
                    if name.lower().endswith(IMAGE_EXT) and not name.startswith("."):
                        found.append(rel / name)
                if seen > MAX_FILES:
                    break
            self._images = sorted(found, key=lambda p: (str(p).casefold(), str(p)))
        return self._images

    def inside(self, path: Path) -> bool:
        return self.root == path or self.root in path.parents

    def find(self, target: str, note_dir: Path) -> tuple[Path | None, str]:
        """(the image file meant, a warning to give or ""). None when no image of the folder fits."""
        if not target.lower().endswith(IMAGE_EXT):
            return None, (f"image “{target}” is not an image file ({', '.join(IMAGE_EXT)}); its description is "
                          "shown instead")
        note_dir = note_dir.resolve()
        for base in (note_dir, self.root):
            found = (base / target).resolve()
            if found.is_file() and self.inside(found):
                return found, ""
        want = PurePosixPath(target.replace("\\", "/").lstrip("/")).parts
        want = tuple(p.casefold() for p in want if p not in ("", ".", ".."))
        if not want:
            return None, f"image “{target}” names no file; its description is shown instead"
        matches = [p for p in self.images() if tuple(x.casefold() for x in p.parts[-len(want):]) == want
                   and self.inside((self.root / Path(*p.parts)).resolve())]  # a link out of the folder: not it
        if not matches:
            return None, (f"image “{target}” is not in the notes folder ({self.root.name}/, hidden folders left out); "
                          "its description is shown instead. Put the image inside the notes folder or correct its name")
        here = _relative_parts(note_dir, self.root)
        matches.sort(key=lambda p: (_steps(here, p.parts[:-1]), len(p.parts), str(p).casefold(), str(p)))
        chosen = matches[0]
        warning = ""
        if len(matches) > 1:
            others = ", ".join(str(p) for p in matches[1:4]) + (", ..." if len(matches) > 4 else "")
            warning = (f"image “{target}” names {len(matches)} images in the notes folder; showing {chosen}, the "
                       f"nearest to this note (not {others}). Write the image's path to choose: "
                       f"![[{matches[1]}]]")
        return (self.root / Path(*chosen.parts)).resolve(), warning


def _relative_parts(folder: Path, root: Path) -> tuple[str, ...]:
    try:
        return folder.relative_to(root).parts
    except ValueError:
        return ()


def _steps(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Folders to walk from folder ``a`` to folder ``b`` (up to their common folder, then down)."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return (len(a) - common) + (len(b) - common)
