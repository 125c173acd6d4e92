"""Reading notes files: bytes to text, with clear messages for what is not text.

What is valid is read as valid: a file with a byte order mark is read in that
encoding; UTF-16 or UTF-32 without one is recognised by where its zero bytes
fall; everything else is read as UTF-8, and only the bytes that are not UTF-8
(a pasted Latin-1 "é", a whole Windows-1252 file) are read as Windows-1252,
so one stray byte never re-reads the rest of the file. Every line read in a
fallback is named in one warning per file. A file of mostly control bytes is
refused as binary; a stray control byte (a NUL) in text is dropped, with a
warning naming the line.
"""

from __future__ import annotations

import codecs
import re

from .errors import Diagnostic, NotesError

_FIX_ENCODING = "Save the notes as plain text in UTF-8 (in most editors: Save As, Encoding: UTF-8)"
_FIX_BINARY = "Export the document as plain text (.txt) and point the notes setting at that file"
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Control characters that have no place in text (tab and newline do); C1 too, which only a
# wrong guess of encoding produces.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# What binary data is full of and text never has (tab, newline, form feed and ESC are left out).
_BINARY = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")
_NEWLINES = re.compile(rb"\r\n|\r|\n")
BINARY_SHARE = 0.05  # more control bytes than this: binary (text has almost none, random data 13%)
MAX_LISTED = 12  # line numbers listed in one warning; the count says how many in all


def _cp1252_byte(byte: int) -> str:
    """One byte that is not UTF-8, read as Windows-1252; the five bytes it leaves undefined as U+FFFD."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return "\ufffd"


_FALLBACK = {b: _cp1252_byte(b) for b in range(0x80, 0x100)}
_UNDEFINED = frozenset(b for b, c in _FALLBACK.items() if c == "\ufffd")


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:MAX_LISTED])
    more = f" and {len(numbers) - MAX_LISTED} more" if len(numbers) > MAX_LISTED else ""
    return f"line {shown}" if len(numbers) == 1 else f"lines {shown}{more} ({len(numbers)} in all)"


def _no_bom_wide(data: bytes) -> tuple[str, str] | None:
    """(codec, name) when the zero bytes fall where UTF-32 or UTF-16 text without a byte order mark puts them.

    Spaces, digits, punctuation and newlines, in any script, are code units whose high bytes are zero and whose
    low byte is not; binary data has its zeros anywhere. Text with almost none of those needs its byte order
    mark. A file cut short by a byte or two is still recognised (the decoder then names the cut line)."""
    if len(data) < 4 or data.count(0) * 10 < len(data):
        return None
    for width, name in ((4, "UTF-32"), (2, "UTF-16")):
        whole = data[:len(data) - len(data) % width]
        units = len(whole) // width
        for order, low in (("le", 0), ("be", width - 1)):
            low_zeros = whole[low::width].count(0)
            high_zeros = min(whole[i::width].count(0) for i in range(width) if i != low)
            if low_zeros * 50 <= units and high_zeros * 5 >= units:
                return f"{name.lower()}-{order}", name
    return None


def _line_at(data: bytes, start: int, codec: str, unit: int) -> int:
    """The 1-based line (as the parser counts them) of the byte offset ``start`` of wide text."""
    before = data[:start - start % unit].decode(codec, errors="replace")
    return before.count("\n") + before.count("\r") - before.count("\r\n") + 1


def _decode_wide(data: bytes, codec: str, name: str, file: str, why: str,
                 diagnostics: list[Diagnostic]) -> str:
    bad: list[int] = []  # byte offsets of what the codec rejects (a cut-off last unit, a lone surrogate)

    def record(err: UnicodeDecodeError) -> tuple[str, int]:
        bad.append(err.start)
        return "\ufffd", err.end

    codecs.register_error("notemill-record", record)
    text = data.decode(codec, errors="notemill-record")
    diagnostics.append(Diagnostic("info", file, 1, f"read as {name} ({why})"))
    if bad:
        unit = 4 if name == "UTF-32" else 2
        lines = sorted({_line_at(data, start, codec, unit) for start in bad[:MAX_LISTED * 4]})
        diagnostics.append(Diagnostic(
            "warning", file, lines[0],
            f"{_lines(lines)}: not valid {name} (a cut-off last character or a broken surrogate pair), "
            f"shown as \ufffd; the rest of the file is read as {name}. {_FIX_ENCODING}"))
    return text


def _decode_bytes(data: bytes, file: str, diagnostics: list[Diagnostic]) -> str:
    """UTF-8, line by line; in a line that is not UTF-8 only the bad bytes are read as Windows-1252."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    parts: list[str] = []
    fallback: list[int] = []
    undefined: list[int] = []
    rejected: list[int] = []  # the bytes UTF-8 rejected in the current line
    seen: set[int] = set()

    def cp1252(err: UnicodeDecodeError) -> tuple[str, int]:
        # Only the bytes UTF-8 rejects take the fallback; the valid sequences around them stay UTF-8.
        bad = err.object[err.start:err.end]
        rejected.extend(bad)
        return "".join(_FALLBACK.get(b, "\ufffd") for b in bad), err.end

    codecs.register_error("notemill-cp1252", cp1252)
    pieces = _NEWLINES.split(data)
    for number, piece in enumerate(pieces, 1):
        try:
            parts.append(piece.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        rejected.clear()
        parts.append(piece.decode("utf-8", errors="notemill-cp1252"))
        fallback.append(number)
        seen.update(rejected)
        if not _UNDEFINED.isdisjoint(rejected):
            undefined.append(number)
    bytes_seen = [f"0x{b:02x}" for b in sorted(seen)]
    message = (f"{_lines(fallback)}: not valid UTF-8 (bytes {', '.join(bytes_seen[:8])}); the bytes that are not "
               "UTF-8 were read as Windows-1252 (é, £, “ ”, •) and the rest of the file as UTF-8")
    if undefined:
        message += f"; on {_lines(undefined)} a byte Windows-1252 leaves undefined is shown as \ufffd"
    diagnostics.append(Diagnostic("warning", file, fallback[0],
                                  f"{message}. Check those lines on the site. {_FIX_ENCODING}"))
    return "\n".join(parts)


def decode_notes(data: bytes, file: str) -> tuple[str, list[Diagnostic]]:
    """Decode a notes file; newlines become ``\\n``. Raises NotesError on binary data."""
    diagnostics: list[Diagnostic] = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if name == "UTF-8":
                text = _decode_bytes(body, file, diagnostics)
            else:
                text = _decode_wide(body, codec, name, file, "byte order mark found", diagnostics)
            break
    else:
        wide = _no_bom_wide(data)
        if wide:
            text = _decode_wide(data, *wide, file, f"no byte order mark, but its zero bytes fall as in {wide[1]} "
                                "text", diagnostics)
        else:
            text = _decode_bytes(data, file, diagnostics)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    junk = _BINARY.findall(text)
    if len(junk) > max(2, BINARY_SHARE * len(text)):
        line = text.count("\n", 0, _BINARY.search(text).start()) + 1
        raise NotesError(
            file, line,
            f"this looks like a binary file, not text notes ({len(junk)} of its {len(text)} characters are control "
            "codes or bytes no text encoding gives" + (", NUL bytes among them)" if "\x00" in text else ")"),
            _FIX_BINARY,
        )
    if _CONTROL.search(text):
        lines = text.split("\n")
        found = [n for n, line in enumerate(lines, 1) if _CONTROL.search(line)]
        codes = sorted({f"U+{ord(c):04X}" for n in found[:MAX_LISTED] for c in _CONTROL.findall(lines[n - 1])})
        text = "\n".join(_CONTROL.sub("", line) if _CONTROL.search(line) else line for line in lines)
        diagnostics.append(Diagnostic(
            "warning", file, found[0],
            f"{_lines(found)}: control characters ({', '.join(codes[:8])}) that text does not show were removed; "
            "the rest of each line is kept. Remove them from the notes (a NUL often comes with a copy out of a PDF "
            "or a word processor) to silence this warning"))
    return text, diagnostics
