"""notemill: turn raw study notes into a structured study site.

A pure core with no MkDocs import: ``parse`` reads notes into a model,
``recover`` names sections whose heading was lost, ``restructure`` merges
sections into topics, and ``render`` writes Markdown. The MkDocs hook file
next to this package only translates build events into these calls.
"""

from .errors import Diagnostic, NotesError
from .pipeline import Study, build_study

__all__ = ["Diagnostic", "NotesError", "Study", "build_study"]
