"""Errors that refuse one input with a one-line, human-readable cause."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """An input that cannot be converted; ``str()`` is the one line the user sees."""

    def __init__(self, path: Path | str, cause: str) -> None:
        self.path = Path(path)
        self.cause = cause
        super().__init__(f"{self.path}: {cause}")
