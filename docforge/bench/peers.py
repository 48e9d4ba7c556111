"""The tools a user would pick instead of docforge, run on the same files.

Each peer is a command line found on PATH; a missing one is skipped with a note. pandoc and
pdftotext take one file per call, so the batch is a shell loop measured as one step;
LibreOffice converts the whole batch in one call, as a user would run it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docforge.bench.measure import Measurement, run_measured


@dataclass(frozen=True)
class Peer:
    name: str
    executable: str
    version_args: tuple[str, ...]

    def available(self) -> bool:
        return shutil.which(self.executable) is not None

    def version(self) -> str:
        if not self.available():
            return "not installed"
        result = subprocess.run(
            [self.executable, *self.version_args], capture_output=True, text=True, timeout=60
        )
        lines = (result.stdout or result.stderr).strip().splitlines()
        return lines[0] if lines else "unknown version"


PANDOC = Peer("pandoc", "pandoc", ("--version",))
SOFFICE = Peer("soffice", "soffice", ("--version",))
PDFTOTEXT = Peer("pdftotext", "pdftotext", ("-v",))
PEERS = (PANDOC, SOFFICE, PDFTOTEXT)


def _each_file(command: str, files: Sequence[Path], outdir: Path) -> Measurement:
    """``command`` (with ``"$f"`` and ``"$out"``) once per file, all in one measured shell."""
    outdir.mkdir(parents=True, exist_ok=True)
    script = f'out="$1"; shift; for f in "$@"; do {command} || exit 1; done'
    return run_measured(["sh", "-c", script, "sh", outdir, *files])


def pandoc_html(files: Sequence[Path], outdir: Path) -> Measurement:
    return _each_file(
        'pandoc "$f" --standalone --metadata title=report -o "$out/$(basename "$f").html"',
        files,
        outdir,
    )


def pdftotext_text(files: Sequence[Path], outdir: Path) -> Measurement:
    return _each_file('pdftotext "$f" "$out/$(basename "$f").txt"', files, outdir)


def soffice_pdf(files: Sequence[Path], outdir: Path, profile: Path) -> Measurement:
    """The whole batch in one ``soffice`` call, with a profile of its own (a first start
    creates it, so the benchmark warms it up once before measuring)."""
    outdir.mkdir(parents=True, exist_ok=True)
    return run_measured(
        [
            SOFFICE.executable,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            outdir,
            *files,
        ]
    )
