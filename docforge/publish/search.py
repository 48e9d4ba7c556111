"""Site-wide search: a static Pagefind index over the built report pages (Chinese segmented)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Words of context Pagefind's UI shows around a hit (its default, 30, is about 15 Chinese
# characters: too short to hold the sentence with the figure a reader searched for).
EXCERPT_LENGTH = 60


def search_available() -> bool:
    """Pagefind ships its binary in a PyPI package; the extended one segments Chinese."""
    return importlib.util.find_spec("pagefind") is not None


def index_site(build: Path, pages: list[str]) -> None:
    """Write ``pagefind/`` into the build, indexing only ``pages`` (the current page of each
    public report: not earlier versions, withdrawal notices, redirects or the editor's pages).

    Pagefind indexes a folder, so the pages are linked into a scratch folder at the same
    relative paths (their URLs in the index stay right) and the index is written into the build.
    Raises RuntimeError with Pagefind's message.
    """
    with tempfile.TemporaryDirectory(dir=build.parent, prefix=".search-") as scratch:
        for page in pages:
            target = Path(scratch) / page
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(build / page, target)
            except OSError:
                shutil.copyfile(build / page, target)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                scratch,
                "--output-path",
                str(build / "pagefind"),
                "--silent",
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if result.returncode != 0 or not (build / "pagefind" / "pagefind-ui.js").is_file():
        message = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(f"Pagefind failed: {message[-1] if message else result.returncode}")
