"""Golden files: compare, or — with ``DOCFORGE_REGEN_GOLDEN=1`` on a developer's machine — rewrite
them for review.

Regenerating only writes the new text; the developer reads ``git diff`` line by line before
committing it. CI never regenerates: with ``CI`` set the switch is refused, so a golden file can
never be made to agree with a regression by the run that should catch it.
"""

from __future__ import annotations

import os
from pathlib import Path

REGEN_ENV = "DOCFORGE_REGEN_GOLDEN"


def regenerating() -> bool:
    if os.environ.get(REGEN_ENV) != "1":
        return False
    if os.environ.get("CI"):
        raise RuntimeError(
            f"{REGEN_ENV}=1 is refused in CI: golden files are rewritten only for review"
        )
    return True


def assert_matches_golden(produced: str, golden: Path) -> None:
    """``produced`` equals the golden file line by line; rewritten instead when regenerating."""
    if regenerating():
        if not golden.is_file() or golden.read_text(encoding="utf-8") != produced:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_text(produced, encoding="utf-8")
        return
    assert golden.is_file(), (
        f"no golden file {golden}: write it (DOCFORGE_REGEN_GOLDEN=1) and review it"
    )
    assert produced.splitlines() == golden.read_text(encoding="utf-8").splitlines()
