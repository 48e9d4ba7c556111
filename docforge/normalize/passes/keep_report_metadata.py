"""Pass: read the report's metadata once, keep it on the draft, and name each field that is missing."""

from __future__ import annotations

from docforge.normalize.metadata import FROM_PAGE_MESSAGES, MISSING_MESSAGES, read_report_metadata
from docforge.normalize.pipeline import Draft


def keep_report_metadata(draft: Draft) -> Draft:
    """Pass: the draft's metadata, with a warning for each field the publisher must fill in.

    It runs last, on the finished block stream, so the title and body it reads are the
    ones the XML will hold; the XML builder then writes ``draft.metadata`` as it is.
    """
    info = read_report_metadata(draft)
    return draft.evolve(
        metadata=info,
        warnings=draft.warnings
        + tuple((f"metadata-missing-{name}", MISSING_MESSAGES[name]) for name in info.missing())
        + tuple(
            (f"metadata-from-page-{name}", FROM_PAGE_MESSAGES[name]) for name in info.from_page
        ),
    )
