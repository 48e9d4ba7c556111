"""``convert -j N``: the same files from a process pool as from one process, failures named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from tests.conftest import SEED_STEMS, seed
from tests.publish_support import subprocess_env

pytestmark = pytest.mark.slow  # whole conversions in subprocesses


def convert(outdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docforge.cli", "convert", "-o", str(outdir), *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=subprocess_env(),
    )


def test_a_pool_writes_what_one_process_writes_in_input_order(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    inputs = [str(seed(stem, "docx")) for stem in SEED_STEMS[:3]] + [str(broken)]
    one = convert(tmp_path / "one", *inputs)
    pool = convert(tmp_path / "pool", "-j", "2", *inputs)
    assert one.returncode == pool.returncode == 1
    assert one.stdout.replace("/one", "") == pool.stdout.replace("/pool", "")
    assert [line.split(":")[0] for line in pool.stdout.splitlines()] == inputs[:3]
    assert pool.stderr.strip().splitlines() == one.stderr.strip().splitlines()
    assert "broken.docx" in pool.stderr
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "pool").iterdir())
    for name in names:
        assert (tmp_path / "pool" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), (
            name
        )


def _pages_text(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def test_a_pool_renders_the_pdfs_one_process_renders(tmp_path: Path) -> None:
    """The pool imports the renderer before it forks and starts the biggest file first; the
    PDFs (but for their creation dates) and the order of the lines stay those of one process."""
    inputs = [str(seed(stem, "docx")) for stem in SEED_STEMS[:3]]
    one = convert(tmp_path / "one", "--to", "pdf", *inputs)
    pool = convert(tmp_path / "pool", "--to", "pdf", "-j", "2", *inputs)
    assert one.returncode == pool.returncode == 0, pool.stderr
    assert [line.split(":")[0] for line in pool.stdout.splitlines()] == inputs
    for source in inputs:
        name = f"{Path(source).stem}.pdf"
        assert _pages_text(tmp_path / "pool" / name) == _pages_text(tmp_path / "one" / name)
