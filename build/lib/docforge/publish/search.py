"""Site-wide search: a static Pagefind index over the built report pages (Chinese segmented)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

# Only the latest page of each report is indexed, so a search finds each report once.
INDEXED_PAGES = "reports/*/index.html"


def search_available() -> bool:
    """Pagefind ships its binary in a PyPI package; the extended one segments Chinese."""
    return importlib.util.find_spec("pagefind") is not None


def index_site(build: Path) -> None:
    """Write ``pagefind/`` into the build; raises RuntimeError with Pagefind's message."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(build), "--glob", INDEXED_PAGES, "--silent"],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0 or not (build / "pagefind" / "pagefind-ui.js").is_file():
        message = (result.stderr or result.stdout).strip().splitlines()
        raise RuntimeError(f"Pagefind failed: {message[-1] if message else result.returncode}")
