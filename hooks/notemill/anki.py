"""The question bank as an Anki deck: an ``.apkg`` package (written with genanki) and Anki's text format.

The build renders each card's two sides (HTML, from templates) and hands them
here with the question's id and tags. The note GUID is the question id, so a
newer deck imported over an older one updates its cards instead of adding
copies. Both files are the same bytes for the same notes: every id and time
genanki would take from the clock is derived from the deck's name and the
notes' date, and the zip entries carry that date too.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

import genanki

DECK_FILE = "notemill-deck.apkg"
TEXT_FILE = "notemill-deck.txt"
_TAG_UNSAFE = re.compile(r"[^A-Za-z0-9_:.-]+")
ZIP_EPOCH = 315532800  # 1980-01-01, the earliest time a zip entry can carry


@dataclass(frozen=True)
class Card:
    """One note of the deck: the question id (the GUID), its two sides as HTML, its tags."""

    guid: str
    front: str
    back: str
    tags: tuple[str, ...]


def tag(*parts: str) -> str:
    """An Anki tag (no spaces; ``::`` nests): ``notemill::topic::amazon-sqs``."""
    return "::".join(_TAG_UNSAFE.sub("-", p).strip("-") or "none" for p in ("notemill", *parts))


def card_tags(category: str, topic: str, kind: str) -> tuple[str, ...]:
    return (tag("category", category), tag("topic", topic), tag("type", kind))


def _stable_id(name: str, salt: str) -> int:
    # Anki ids are 63-bit integers; a hash of the deck's name keeps them from one build to the next.
    digest = hashlib.sha256(f"{salt}:{name}".encode()).digest()
    return 1 << 40 | int.from_bytes(digest[:5], "big")


def _model(deck_name: str) -> genanki.Model:
    return genanki.Model(
        _stable_id(deck_name, "model"), f"notemill question ({deck_name})",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Question", "qfmt": "{{Front}}",
                    "afmt": '{{FrontSide}}<hr id="answer">{{Back}}'}],
        css=".card { font-family: sans-serif; font-size: 18px; text-align: left; }\n"
            ".nm-anki-context { color: #666; font-size: 0.85em; }\n"
            ".nm-anki-source { color: #666; font-size: 0.85em; }\n",
    )


def write_apkg(cards: list[Card], deck_name: str, epoch: int, target: str | os.PathLike) -> None:
    """Write the ``.apkg`` (a zip holding the SQLite collection ``collection.anki2``) to ``target``.

    The collection goes from its temporary file into the zip in chunks: at 100 times the bundled notes it
    is tens of megabytes, and holding it (and the zip) in memory set the build's peak."""
    model = _model(deck_name)
    deck = genanki.Deck(_stable_id(deck_name, "deck"), deck_name)
    for card in cards:
        # Explicit sort field: genanki would otherwise sort by the (HTML) front.
        deck.add_note(genanki.Note(model=model, fields=[card.front, card.back], guid=card.guid,
                                   tags=list(card.tags)))
    package = genanki.Package(deck)
    timestamp = max(epoch, ZIP_EPOCH)
    handle, path = tempfile.mkstemp(suffix=".anki2")
    os.close(handle)
    try:
        conn = sqlite3.connect(path)
        # genanki.Package.write_to_file would take the zip entry's time from the temporary file's
        # modification time; writing the collection here lets the zip carry the notes' date.
        package.write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
        conn.commit()
        conn.close()
        when = datetime.fromtimestamp(timestamp, UTC).timetuple()[:6]
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
            for name, source in (("collection.anki2", path), ("media", None)):
                info = zipfile.ZipInfo(name, date_time=when)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                if source is None:
                    z.writestr(info, b"{}")
                    continue
                # The size known up front, as writestr would know it: the same header, the same bytes.
                info.file_size = os.path.getsize(source)
                with open(source, "rb") as src, z.open(info, "w") as dest:
                    shutil.copyfileobj(src, dest, 1 << 20)
    finally:
        os.unlink(path)


def _cell(html: str) -> str:
    # One line per note: HTML needs no newline, and a tab would end the field.
    return re.sub(r"\s*\n\s*", " ", html).replace("\t", " ").strip()


def write_text(cards: list[Card], deck_name: str, out: TextIO) -> None:
    """Anki's text import format (File > Import) into ``out``, with the header lines saying how to read it:
    tab-separated, HTML fields, column 1 the GUID, column 4 the tags."""
    head = ["#separator:tab", "#html:true", "#notetype:Basic", f"#deck:{_cell(deck_name)}",
            "#guid column:1", "#tags column:4"]
    out.write("\n".join(head) + "\n")
    for c in cards:  # a row at a time: the whole text is tens of megabytes at 100 times the bundled notes
        out.write("\t".join((c.guid, _cell(c.front), _cell(c.back), " ".join(c.tags))) + "\n")
