"""Looking at the incoming folder: only regular files are taken, and a file that cannot be
read is one failure line while the others go on (bad input never stops a batch)."""

from __future__ import annotations

import os
from pathlib import Path

from docforge.publish.incoming_digests import IncomingDigests
from docforge.publish.run import incoming_files, scan_incoming


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_only_regular_supported_files_are_listed(tmp_path: Path) -> None:
    """A named pipe would block the run that opens it; links, hidden files and the archive
    inside the incoming folder are not sources either."""
    incoming = tmp_path / "incoming"
    report = _write(incoming, "2024/财政局.txt", "一、概况\n")
    other = _write(incoming, "b.docx", "x")
    _write(incoming, ".hidden.txt", "x")
    _write(incoming, "notes.xyz", "x")
    _write(incoming, "archive/old.txt", "x")
    os.mkfifo(incoming / "pipe.txt")
    (incoming / "link.txt").symlink_to(report)
    (incoming / "linked").symlink_to(incoming / "2024", target_is_directory=True)
    assert incoming_files(incoming, skip=(incoming / "archive",)) == [report, other]


def test_a_file_gone_since_the_listing_is_one_failure_and_the_rest_are_scanned(
    tmp_path: Path,
) -> None:
    incoming = tmp_path / "incoming"
    kept = _write(incoming, "a.txt", "一、概况\n")
    gone = _write(incoming, "b.txt", "二、收支\n")
    published = _write(incoming, "c.txt", "三、绩效\n")
    paths = incoming_files(incoming)
    gone.unlink()
    with IncomingDigests(tmp_path / "digests.sqlite", incoming) as digests:
        known = {digests.digest(published)}
        scan = scan_incoming(paths, digests.digest, known)
    assert [path for path, _ in scan.new] == [kept]
    assert scan.unchanged == 1
    [failure] = scan.unreadable
    assert failure.path == gone
    assert failure.cause.startswith(f"{gone}: cannot read file (")
    assert "\n" not in failure.cause
