"""The run-wide conversions of tests/conversions.py: the bytes ``docforge convert`` writes, made once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED_STEMS, seed
from tests.conversions import converted_xml, keep_converted


def test_a_shared_conversion_is_what_docforge_convert_writes_and_is_made_once(
    tmp_path: Path,
) -> None:
    pdf = seed(SEED_STEMS[0], "pdf")
    folder = tmp_path / "shared"
    folder.mkdir()
    made = converted_xml(folder, pdf)
    subprocess.run(
        [sys.executable, "-m", "docforge.cli", "convert", str(pdf), "-o", str(tmp_path / "out")]
        + ["--to", "xml"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert made == (tmp_path / "out" / f"{pdf.stem}.xml").read_bytes()
    [entry] = folder.glob("*.xml")
    entry.write_bytes(b"kept")  # a second request reads the entry instead of converting again
    assert converted_xml(folder, pdf) == b"kept"
    keep_converted(folder, pdf, tmp_path / "out" / f"{pdf.stem}.xml")  # never overwrites
    assert entry.read_bytes() == b"kept"
