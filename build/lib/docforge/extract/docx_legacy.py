"""Old binary Word files (``.doc``, ``.wps``) through LibreOffice, when it is installed.

The binary formats are not worth a parser of our own: LibreOffice converts
them to DOCX faithfully, and the DOCX reader does the rest. LibreOffice is
optional, so its absence is a clear one-line error, not a crash.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from docforge.errors import InputError

CONVERT_TIMEOUT_SECONDS = 120
INSTALL_HINT = "apt-get install libreoffice-writer"


def convert_legacy_word(path: Path, data: bytes) -> bytes:
    """The DOCX bytes LibreOffice makes of a ``.doc``/``.wps`` file."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise InputError(path, f"old binary Word file ({path.suffix or 'no suffix'}): reading it needs "
                               f"LibreOffice ({INSTALL_HINT})")
    with tempfile.TemporaryDirectory(prefix="docforge-legacy-") as tmp:
        work = Path(tmp)
        source = work / f"input{path.suffix.lower()}"
        source.write_bytes(data)
        command = [soffice, f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
                   "--norestore", "--convert-to", "docx", "--outdir", str(work / "out"), str(source)]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(path, f"LibreOffice did not convert the file within {CONVERT_TIMEOUT_SECONDS} s") from None
        except OSError as exc:
            raise InputError(path, f"cannot run LibreOffice ({exc})") from None
        converted = work / "out" / "input.docx"
        if not converted.is_file():
            raise InputError(path, "LibreOffice could not convert the file (damaged or password-protected?)")
        return converted.read_bytes()
