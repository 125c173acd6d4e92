"""Outputs written a piece at a time (so the build never holds a second copy of them) are the bytes the
whole-text write gave."""

from __future__ import annotations

import io
import json
import logging
from types import SimpleNamespace

from notemill_study import _script_json

from notemill.quiz.bank import write_json, write_script
from notemill_book import _SLICE, BOOK_PAGE, quiet_book_notice, write_book_page

# Text that escaping and encoding treat specially: markup, a line separator, an astral character and a lone
# surrogate (UTF-8 cannot encode it: MkDocs writes it as a character reference).
AWKWARD = "a </script> <b>&amp; \u2028 \u2029 é → 😀 \ud800 {{ x }} | * _"


def test_the_study_guide_page_is_written_as_mkdocs_would_write_it(tmp_path):
    output = "\n<!doctype html>" + AWKWARD * (2 * _SLICE // len(AWKWARD) + 3) + "</html>\n"
    assert len(output) > 2 * _SLICE  # more than one slice, cut anywhere in the text
    page = SimpleNamespace(file=SimpleNamespace(abs_dest_path=str(tmp_path / "site" / "print.html")))
    assert write_book_page(output, page) == ""  # MkDocs writes nothing more
    assert (tmp_path / "site" / "print.html").read_bytes() == output.encode("utf-8", errors="xmlcharrefreplace")
    # mermaid2's scripts, which it would have put before the page's last </body> (the text may hold others)
    output = output.replace("</html>", "</body></body></html>")
    write_book_page(output, page, "<script>m()</script>")
    expected = output[:output.rfind("</body>")] + "<script>m()</script>" + output[output.rfind("</body>"):]
    assert (tmp_path / "site" / "print.html").read_bytes() == expected.encode("utf-8", errors="xmlcharrefreplace")


def test_only_the_study_guide_pages_empty_notice_is_dropped():
    quiet_book_notice()
    quiet_book_notice()  # `mkdocs serve` configures each rebuild: one filter still
    logger = logging.getLogger("mkdocs.commands.build")
    assert sum(type(f).__name__ == "_BookWritten" for f in logger.filters) == 1

    def passes(message: str) -> bool:
        return logger.filter(logging.LogRecord(logger.name, logging.INFO, __file__, 1, message, None, None))

    assert not passes(f"Page skipped: '{BOOK_PAGE}'. Generated empty output.")
    assert passes("Page skipped: 'notes.md'. Generated empty output.")  # an author's empty page is still told


def test_question_markup_entries_are_json_that_cannot_close_a_script():
    text = _script_json(AWKWARD.replace("\ud800", ""))
    assert json.loads(text) == AWKWARD.replace("\ud800", "")
    assert "</" not in text and "\u2028" not in text and "\u2029" not in text


def test_bank_files_written_line_by_line_hold_the_records():
    items = [{"id": "a1", "stem": AWKWARD.replace("\ud800", ""), "answers": [0]},
             {"id": "b2", "stem": "", "answers": []}]
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in items]
    for given in (lines, []):
        as_json, as_script = io.StringIO(), io.StringIO()
        write_json(given, as_json)
        write_script(given, as_script)
        expected = items if given else []
        assert json.loads(as_json.getvalue()) == expected
        rows = [f"{line}," for line in given[:-1]] + given[-1:]
        assert as_json.getvalue().split("\n")[1:-2] == (rows or [""])  # one record per line
        prefix = "window.notemillQuestions = "
        script = as_script.getvalue()
        assert script.startswith(prefix) and script.endswith(";\n")
        assert json.loads(script[len(prefix):-2]) == expected
        assert not any(c in script[len(prefix):] for c in "<>&\u2028\u2029")
