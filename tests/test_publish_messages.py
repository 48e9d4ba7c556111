"""What an editor reads on the terminal: Chinese by default, English with ``--lang en``; every file
with its outcome; the held and failed ones with reason and remedy; no line cut at 80 columns."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT
from tests.publish_support import subprocess_env

SAMPLE = FIXTURES / "incoming"
# Three English words in a row make a sentence; the commands the remedies name are not sentences.
ENGLISH_SENTENCE = re.compile(r"[A-Za-z]{2,}(?:[ ,]+[A-Za-z]{2,}){2,}")
COMMAND = re.compile(r"docforge (?:review (?:approve|reject|list)|withdraw|publish|archive \w+)")


def run_publish(base: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Publish the sample plus three files that cannot be converted, as a narrow terminal would."""
    incoming = base / "incoming"
    shutil.copytree(SAMPLE, incoming)
    (incoming / "empty.txt").write_bytes(b"")
    (incoming / "broken.pdf").write_bytes(os.urandom(2048))
    (incoming / "broken.docx").write_bytes(b"PK\x03\x04" + os.urandom(2048))
    command = [
        sys.executable,
        "-m",
        "docforge.cli",
        "publish",
        str(incoming),
        "--site",
        str(base / "site"),
        "--archive",
        str(base / "archive"),
        "--no-pdf",
        "--config",
        str(FIXTURES / "site.toml"),
        *extra,
    ]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**subprocess_env(), "COLUMNS": "80", "LANG": "C.UTF-8"},
    )


@pytest.fixture(scope="module")
def chinese(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    return run_publish(tmp_path_factory.mktemp("zh"))


def test_publish_says_nothing_in_english(chinese: subprocess.CompletedProcess[str]) -> None:
    assert chinese.returncode == 1, chinese.stderr
    output = chinese.stdout + chinese.stderr
    sentences = [
        m.group(0)
        for line in output.splitlines()
        for m in ENGLISH_SENTENCE.finditer(COMMAND.sub("", line))
    ]
    assert sentences == [], sentences
    assert "Traceback" not in output


def test_every_file_is_listed_with_its_outcome(chinese: subprocess.CompletedProcess[str]) -> None:
    lines = chinese.stdout.splitlines()
    for path in sorted(SAMPLE.iterdir()):
        [line] = [line for line in lines if f"incoming/{path.name}" in line]
        assert line.startswith(("已上线", "待审核")), line
        if line.startswith("已上线"):
            assert re.search(
                r"→  http://localhost:8000/20\d\d/[a-z0-9-]+/[a-z0-9-]+/（第1版）$", line
            ), line
    held = [i for i, line in enumerate(lines) if line.startswith("待审核  ")]
    assert len(held) == 2  # seed 004 with its slips; the tables sample lacks required 决算 tables
    for index in held:
        assert "数字核对发现 5 处错误" in lines[index]
        assert "处理办法" in lines[index + 1] and "docforge review approve" in lines[index + 1]
    for name in ("empty.txt", "broken.pdf", "broken.docx"):
        [index] = [i for i, line in enumerate(lines) if line.startswith("失败") and name in line]
        assert "处理办法" in lines[index + 1]
    assert any(
        line.startswith("共 9 个文件：新上线 4 份，待审核 2 份，失败 3 个") for line in lines
    )
    refusals = chinese.stderr.splitlines()
    assert len(refusals) == 3 and all(line.startswith("docforge: ") for line in refusals)
    assert any("不是PDF文件" in line or "PDF文件" in line for line in refusals), refusals
    assert any("空文件" in line for line in refusals), refusals


def test_long_lines_are_not_cut_at_80_columns(chinese: subprocess.CompletedProcess[str]) -> None:
    long_lines = [line for line in chinese.stdout.splitlines() if len(line) > 80]
    assert long_lines, "nothing long enough to be cut"
    assert not any(line.endswith("…") for line in chinese.stdout.splitlines())


def test_english_on_request(tmp_path: Path) -> None:
    result = run_publish(tmp_path, "--lang", "en")
    assert result.returncode == 1
    assert "publish summary" in result.stdout and "held" in result.stdout
    assert re.search(r"publish finished in [0-9.]+s \(site rebuilt\)", result.stdout)
    assert not re.search(r"[\u4e00-\u9fff]", result.stderr)


def test_make_publish_treats_failed_files_as_reported_not_as_an_error() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\npublish: install\n", 1)[1].split("\n\n", 1)[0]
    assert "--config $(SITE_CONFIG)" in recipe and "[ $$status -le 1 ]" in recipe
    result = subprocess.run(["make", "-n", "publish"], capture_output=True, text=True, cwd=ROOT)
    assert "--config fixtures/site.toml" in result.stdout or "--config site.toml" in result.stdout
