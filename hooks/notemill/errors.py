"""Problems found in the notes, reported with file, line and a fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Diagnostic:
    """A warning or note about the input; the hook decides how to log it."""

    level: str  # "warning" or "info"
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class NotesError(Exception):
    """Input that cannot be turned into a site; the message says how to fix it."""

    def __init__(self, file: str, line: int, message: str, fix: str) -> None:
        self.file, self.line, self.message, self.fix = file, line, message, fix
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}. {fix}")
