"""Pass: name each metadata field that cannot be read, so the publisher fills it in."""

from __future__ import annotations

from docforge.normalize.metadata import FROM_PAGE_MESSAGES, MISSING_MESSAGES, read_report_metadata
from docforge.normalize.pipeline import Draft


def note_missing_metadata(draft: Draft) -> Draft:
    """Pass: a warning for each metadata field that cannot be read, so the publisher fills it in."""
    info = read_report_metadata(draft)
    return draft.evolve(
        warnings=draft.warnings
        + tuple((f"metadata-missing-{name}", MISSING_MESSAGES[name]) for name in info.missing())
        + tuple((f"metadata-from-page-{name}", FROM_PAGE_MESSAGES[name]) for name in info.from_page)
    )
