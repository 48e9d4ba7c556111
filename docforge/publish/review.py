"""Review before going live: why a new version waits for an editor, under the site's policy."""

from __future__ import annotations

from docforge.publish.config import ReviewPolicy
from docforge.publish.job import ArchivedConversion

HOLD_ALL = "hold-all"
WITHDRAWN = "withdrawn"
FIGURE_ERRORS = "figure-errors"


def missing_reason(field: str) -> str:
    return f"missing-{field}"


def hold_reasons(
    result: ArchivedConversion, policy: ReviewPolicy, withdrawn: bool = False
) -> tuple[str, ...]:
    """Every reason the version is held, as codes (``missing-year``, ``figure-errors:5``…);
    empty when the policy lets it go live by itself."""
    reasons = [missing_reason(name) for name in result.missing if name in policy.require]
    if policy.hold_on_errors and result.figure_errors:
        reasons.append(f"{FIGURE_ERRORS}:{result.figure_errors}")
    if withdrawn:
        reasons.append(WITHDRAWN)
    if policy.hold_all and not reasons:
        reasons.append(HOLD_ALL)
    return tuple(reasons)
