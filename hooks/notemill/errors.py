"""Problems found in the notes, reported with file, line and a fix."""

from __future__ import annotations

from dataclasses import dataclass

MAX_MESSAGE = 600  # characters of one log line: a 5 MB heading quoted in a message would flood the log


def shorten(text: str, limit: int) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, an ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


@dataclass(frozen=True)
class Diagnostic:
    """A warning or note about the input; the hook decides how to log it."""

    level: str  # "warning" or "info"
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {shorten(self.message, MAX_MESSAGE)}"


class NotesError(Exception):
    """Input that cannot be turned into a site; the message says how to fix it."""

    def __init__(self, file: str, line: int, message: str, fix: str) -> None:
        self.file, self.line, self.message, self.fix = file, line, message, fix
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}. {fix}")
