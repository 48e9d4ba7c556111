"""One long-lived LibreOffice serving a batch of conversions, restarted when it dies.

``soffice --convert-to`` pays LibreOffice's start-up (seconds) for every file.
Here one headless LibreOffice, listening on a pipe and driven through
``python3-uno`` by ``office_worker.py``, serves every conversion of the
process. A conversion that runs past its time-out kills the office (the
worker and ``soffice`` are one process group); the next conversion starts a
fresh one. Each conversion works in its own temporary folder, removed after.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

WORKER = Path(__file__).with_name("office_worker.py")
START_SECONDS = 120
CONVERT_SECONDS = 120
DOCX_FILTER = "MS Word 2007 XML"
WORD97_FILTER = "MS Word 97"
UNO_PYTHONS = ("/usr/bin/python3", "python3")
INSTALL_HINT = "apt-get install libreoffice-writer-nogui python3-uno"


class OfficeError(Exception):
    """A conversion failed; the message is one line."""


def uno_python() -> str | None:
    """A Python interpreter that can import LibreOffice's ``uno`` module, if any."""
    candidates = [os.environ.get("DOCFORGE_UNO_PYTHON", ""), *UNO_PYTHONS]
    for candidate in candidates:
        found = shutil.which(candidate) if candidate else None
        if (
            found
            and subprocess.run(
                [found, "-c", "import uno"], capture_output=True, timeout=30, check=False
            ).returncode
            == 0
        ):
            return found
    return None


def available() -> bool:
    return shutil.which("soffice") is not None and uno_python() is not None


class OfficeServer:
    """The batch's LibreOffice: started on first use, restarted after a crash or time-out."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._profile: tempfile.TemporaryDirectory | None = None
        self._lock = threading.Lock()
        self.starts = 0

    def _start(self) -> subprocess.Popen:
        python = uno_python()
        if shutil.which("soffice") is None or python is None:
            raise OfficeError(f"reading it needs LibreOffice ({INSTALL_HINT})")
        self._profile = tempfile.TemporaryDirectory(prefix="docforge-office-")
        process = subprocess.Popen(
            [python, str(WORKER), self._profile.name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        self._process = process
        self.starts += 1
        self._reply(START_SECONDS, "start")
        return process

    def _reply(self, timeout: float, doing: str) -> dict:
        process = self._process
        assert process is not None and process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], timeout)
        line = process.stdout.readline() if ready else ""
        if not line:
            self.stop()
            if not ready:
                raise OfficeError(
                    f"LibreOffice did not {doing} within {timeout:.0f} s (stopped; "
                    f"it is restarted for the next file)"
                )
            raise OfficeError(
                f"LibreOffice crashed during {doing} (it is restarted for the next file)"
            )
        return json.loads(line)

    def convert(
        self,
        source: Path,
        target: Path,
        filter_name: str = DOCX_FILTER,
        timeout: float = CONVERT_SECONDS,
        password: str = "",
    ) -> None:
        """Write ``source`` converted by LibreOffice's ``filter_name`` export filter to ``target``."""
        with self._lock:
            process = self._process
            if process is None or process.poll() is not None:
                self.stop()
                process = self._start()
            assert process.stdin is not None
            request = {
                "source": str(source.resolve()),
                "target": str(target.resolve()),
                "filter": filter_name,
                "password": password,
            }
            try:
                process.stdin.write(json.dumps(request) + "\n")
                process.stdin.flush()
            except BrokenPipeError:
                self.stop()
                raise OfficeError(
                    "LibreOffice crashed (it is restarted for the next file)"
                ) from None
            reply = self._reply(timeout, "convert the file")
            if reply.get("dead"):
                self.stop()
        if not reply.get("ok"):
            raise OfficeError(str(reply.get("error") or "LibreOffice could not convert the file"))
        if not target.is_file():
            raise OfficeError("LibreOffice wrote no output")

    @property
    def pid(self) -> int | None:
        """The worker's process id (its process group holds LibreOffice too), while it runs."""
        return (
            self._process.pid
            if self._process is not None and self._process.poll() is None
            else None
        )

    def stop(self) -> None:
        """End the worker and its LibreOffice (one process group), and remove the profile."""
        process, self._process = self._process, None
        if process is not None:
            if process.poll() is None:
                try:
                    process.stdin.close()
                    process.wait(10)
                except (OSError, subprocess.TimeoutExpired):
                    pass
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if self._profile is not None:
            self._profile.cleanup()
            self._profile = None


_SERVER: OfficeServer | None = None


def server() -> OfficeServer:
    """This process's LibreOffice server (stopped when the process exits)."""
    global _SERVER
    if _SERVER is None:
        _SERVER = OfficeServer()
        atexit.register(_SERVER.stop)
    return _SERVER


def convert_bytes(
    data: bytes,
    suffix: str,
    filter_name: str = DOCX_FILTER,
    target_suffix: str = ".docx",
    timeout: float = CONVERT_SECONDS,
) -> tuple[bytes, float]:
    """The file in ``data`` converted by LibreOffice, and the seconds it took; temp files removed."""
    with tempfile.TemporaryDirectory(prefix="docforge-convert-") as tmp:
        source = Path(tmp) / f"input{suffix}"
        target = Path(tmp) / f"output{target_suffix}"
        source.write_bytes(data)
        started = time.perf_counter()
        server().convert(source, target, filter_name, timeout)
        return target.read_bytes(), time.perf_counter() - started
