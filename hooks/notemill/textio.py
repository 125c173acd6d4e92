"""Reading notes files: bytes to text, with clear errors for what is not text."""

from __future__ import annotations

from .errors import Diagnostic, NotesError

_FIX_ENCODING = "Save the notes as plain text in UTF-8 (in most editors: Save As, Encoding: UTF-8)"


def decode_notes(data: bytes, file: str) -> tuple[str, list[Diagnostic]]:
    """Decode a notes file; newlines become ``\\n``. Raises NotesError on binary data."""
    diagnostics: list[Diagnostic] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        diagnostics.append(Diagnostic("info", file, 1, "read as UTF-16 (byte order mark found)"))
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            line = data.count(b"\n", 0, nul) + 1
            raise NotesError(
                file, line, "this looks like a binary file, not text notes (NUL byte found)",
                "Export the document as plain text (.txt) and point the notes setting at that file",
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            try:
                text = data.decode("cp1252")
                used = "Windows-1252"
            except UnicodeDecodeError:
                text = data.decode("latin-1")
                used = "Latin-1"
            diagnostics.append(Diagnostic(
                "warning", file, line,
                f"not valid UTF-8 (byte 0x{data[err.start]:02x}); read the whole file as {used}. "
                f"{_FIX_ENCODING} to silence this warning",
            ))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, diagnostics
