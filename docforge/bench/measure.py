"""Run one measured step as a subprocess: its wall time, its CPU time and its peak resident
memory.

The peak RSS comes from GNU time, which forks the command from its own small image: a
process started straight from the benchmark would inherit the benchmark's high-water mark
at exec, and report that instead of its own.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = "/usr/bin/time"


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_rss: int | None
    returncode: int
    stdout: str
    stderr: str
    cpu_seconds: float | None = None  # user + system, the step and the processes it waited for

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def failure_line(self) -> str:
        """The last line the step printed on stderr, for the table's notes."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return lines[-1] if lines else f"exit status {self.returncode}"


def run_measured(
    command: Sequence[str | Path], cwd: Path | None = None, env: dict[str, str] | None = None
) -> Measurement:
    """Run ``command`` to its end. GNU time's maximum and CPU time cover the command and the
    processes it waited for (a publish's worker pool, the pandoc calls of a shell loop); without
    GNU time both are unknown (``None``)."""
    args = [str(c) for c in command]
    with tempfile.TemporaryDirectory(prefix="docforge-bench-") as tmp:
        rss_file = Path(tmp) / "maxrss"
        if shutil.which(GNU_TIME):
            args = [GNU_TIME, "-f", "%U %S %M", "-o", str(rss_file), *args]
        started = time.perf_counter()
        result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        peak, cpu = _usage(rss_file)
    return Measurement(seconds, peak, result.returncode, result.stdout, result.stderr, cpu)


def _usage(path: Path) -> tuple[int | None, float | None]:
    """(peak RSS in bytes, user + system seconds) from GNU time's last line (a failed command
    has a status line before it)."""
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return None, None
    fields = lines[-1].split() if lines else []
    if len(fields) != 3 or not fields[2].isdigit():
        return None, None
    try:
        cpu = float(fields[0]) + float(fields[1])
    except ValueError:
        cpu = None
    return int(fields[2]) * 1024, cpu
