"""``docforge convert`` and ``docforge validate`` as a user runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from docforge.model.xml import parse_report, validation_errors
from tests.conftest import SEED_STEMS, seed
from tests.html_structure import structure_problems


def docforge(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docforge.cli", *args], capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = docforge("convert", *(str(seed(s)) for s in SEED_STEMS), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("stem", SEED_STEMS)
def test_seed_converts_to_valid_xml_and_structured_html(converted: Path, stem: str) -> None:
    assert validation_errors(parse_report((converted / f"{stem}.xml").read_bytes())) == []
    page = (converted / f"{stem}.html").read_text(encoding="utf-8")
    assert structure_problems(page) == []


def test_validate_command_reports_each_file(converted: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text('<report xmlns="urn:docforge:report:1" version="1"><meta/></report>')
    ok = docforge("validate", str(converted / f"{SEED_STEMS[0]}.xml"))
    assert ok.returncode == 0 and "valid" in ok.stdout
    bad = docforge("validate", str(broken))
    assert bad.returncode == 1
    assert f"{broken}:" in bad.stderr and "missing element title" in bad.stderr


def test_a_bad_input_fails_alone_with_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    result = docforge("convert", str(junk), str(seed(SEED_STEMS[0])), str(empty), "-o", str(out))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and "Traceback" not in result.stderr
    assert str(junk) in lines[0] and "binary" in lines[0]
    assert str(empty) in lines[1] and "empty" in lines[1]
    assert (out / f"{SEED_STEMS[0]}.xml").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert docforge("convert", str(seed(SEED_STEMS[0]))).returncode == 2
    assert (
        docforge(
            "convert", str(seed(SEED_STEMS[0])), "-o", str(tmp_path), "--to", "docx"
        ).returncode
        == 2
    )


def test_version() -> None:
    result = docforge("--version")
    assert result.returncode == 0 and "docforge" in result.stdout
