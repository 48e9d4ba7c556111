"""The package works installed from its wheel, without the source tree beside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import ROOT, seed

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_wheel_installs_and_converts_and_publishes(tmp_path: Path) -> None:
    env = {
        key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    # Build from a clean copy of the tracked files: setuptools leaves build/ and *.egg-info
    # beside the sources, and a stale build/ would be packed into the wheel.
    source = tmp_path / "source"
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(source)],
        tmp_path,
        env,
    )
    wheel = next(wheels.glob("docforge-*.whl"))

    target = tmp_path / "venv"
    venv.create(target, with_pip=True)
    python = target / "bin" / "python"
    # The dependencies come from the index (or pip's cache); docforge itself only from the wheel.
    _run([str(python), "-m", "pip", "install", "-q", str(wheel)], tmp_path, env)

    work = tmp_path / "work"
    (work / "incoming").mkdir(parents=True)
    source = seed("004_61b0b8f1dd07b1cd", "docx")
    (work / "incoming" / source.name).write_bytes(source.read_bytes())
    located = _run([str(python), "-c", "import docforge, sys; print(docforge.__file__)"], work, env)
    assert str(ROOT) not in located.stdout, (
        "the test must run the installed package, not the source tree"
    )

    docforge = str(target / "bin" / "docforge")
    _run(
        [
            docforge,
            "convert",
            str(work / "incoming" / source.name),
            "-o",
            "out",
            "--to",
            "xml,html,pdf",
        ],
        work,
        env,
    )
    stem = source.stem
    assert (work / "out" / f"{stem}.html").read_text("utf-8").count("<h2") >= 3
    assert (work / "out" / f"{stem}.pdf").read_bytes().startswith(b"%PDF")
    assert (work / "out" / "report.css").stat().st_size > 0

    _run(
        [docforge, "publish", "incoming", "--site", "site", "--archive", "archive", "--no-pdf"],
        work,
        env,
    )
    assert (work / "site" / "index.html").is_file()
    assert (work / "site" / "site.css").stat().st_size > 0
