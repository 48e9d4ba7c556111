"""Errors that refuse one input with a one-line, human-readable cause."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """An input that cannot be converted; ``str()`` is the one line the user sees."""

    def __init__(self, path: Path | str, cause: str) -> None:
        self.path = Path(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")


def fail_line(error: BaseException, path: Path) -> str:
    """The one line a user sees for an input that failed; never a traceback."""
    if isinstance(error, InputError):
        return f"docforge: {error}"
    return f"docforge: {path}: internal error ({type(error).__name__}: {error})"
