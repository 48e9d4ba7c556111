"""A new site build's folder that remembers every file written into it.

A report's pages are written by one call (in this process or a pool worker); the list
of what it wrote is what lets the next build carry those pages over unchanged.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SiteFolder:
    root: Path
    written: list[str] = field(default_factory=list)

    def write(self, name: str, data: str | bytes) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.written.append(name)

    def link(self, source: Path, name: str) -> None:
        """``source`` at ``name``: a hard link where the file system allows (archive files and
        pages carried over cost no space), else a copy."""
        target = self.root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        self.written.append(name)
