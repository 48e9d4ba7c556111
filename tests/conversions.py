"""Real conversions shared by the test workers of one run: each input converted once per run.

Several test modules convert the same real PDFs (the corpus batch, the standard tables, the
checks on real reports), each a real conversion of several seconds. The first test to need
one converts it with ``convert_file`` (what ``docforge convert --to xml`` runs for each
input) and leaves the XML in a folder of this pytest run; the others, on any xdist worker,
read those bytes. A worker holds a file lock on the input's entry while it converts, so two
workers never convert the same input at once. The key is the input's digest and the
installed package's digest, and the folder is new for each run: nothing outlives the run.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from docforge.convert import convert_file
from docforge.publish.site import package_digest


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder all workers of this run share: the parent of each xdist worker's own."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "conversions"
    folder.mkdir(exist_ok=True)
    return folder


def _key(pdf: Path) -> str:
    digest = hashlib.sha256(pdf.read_bytes())
    digest.update(package_digest().encode())
    return digest.hexdigest()


@contextmanager
def _locked(folder: Path, key: str) -> Iterator[Path]:
    """The entry's path, held by this process alone until the block ends."""
    with (folder / f"{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield folder / f"{key}.xml"
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def converted_xml(folder: Path, pdf: Path) -> bytes:
    """The XML ``docforge convert --to xml`` writes for ``pdf``, converted at most once per run."""
    with _locked(folder, _key(pdf)) as entry:
        if not entry.exists():
            work = folder / f"{entry.stem}.work"
            work.mkdir(exist_ok=True)
            convert_file(pdf, work, ("xml",))
            (work / f"{pdf.stem}.xml").rename(entry)
            shutil.rmtree(work)
        return entry.read_bytes()


def keep_converted(folder: Path, pdf: Path, xml: Path) -> None:
    """Offer the XML a batch ``docforge convert`` wrote for ``pdf`` to later tests of the run."""
    with _locked(folder, _key(pdf)) as entry:
        if not entry.exists():
            shutil.copyfile(xml, entry)
