"""Word files that cannot be read fail alone, with one line naming the file and the cause."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.docx_builder import NAMESPACES, body_docx, with_parts

CHUNK = b"\0" * (1 << 20)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def _bomb(path: Path, members: dict[str, int]) -> None:
    """A valid document plus members of ``size`` MiB of zeros each (a few KiB compressed)."""
    path.write_bytes(body_docx("<w:p><w:r><w:t>正文</w:t></w:r></w:p>"))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, mib in members.items():
            with archive.open(name, "w", force_zip64=True) as stream:
                for _ in range(mib):
                    stream.write(CHUNK)


OLE_HEADER = bytes.fromhex("d0cf11e0a1b11ae1")
# The directory entries of an encrypted OOXML container (stream names are UTF-16).
ENCRYPTED_STREAMS = "EncryptionInfo".encode("utf-16-le").ljust(
    128, b"\0"
) + "EncryptedPackage".encode("utf-16-le").ljust(128, b"\0")

LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
)

# file name → (how to make it, words the one-line cause must contain)
CASES = {
    "not_a_zip.docx": (lambda p: p.write_bytes("这不是压缩包\n".encode() * 50), "not a zip"),
    "no_document.docx": (
        lambda p: p.write_bytes(_zip({"[Content_Types].xml": b"<Types/>"})),
        "without word/document.xml",
    ),
    "corrupt_xml.docx": (
        lambda p: p.write_bytes(
            with_parts(
                body_docx(""),
                {"word/document.xml": f"<w:document {NAMESPACES}><w:body><w:p>".encode()},
            )
        ),
        "corrupt XML",
    ),
    "encrypted.docx": (
        lambda p: p.write_bytes(OLE_HEADER + b"\0" * 504 + ENCRYPTED_STREAMS + b"\0" * 3000),
        "password-protected",
    ),
    "empty_body.docx": (lambda p: p.write_bytes(body_docx("<w:p/>")), "no text"),
    "renamed_doc.docx": (lambda p: p.write_bytes(OLE_HEADER + b"\0" * 4088), "LibreOffice"),
    "entities.docx": (
        lambda p: p.write_bytes(with_parts(body_docx(""), {"word/document.xml": LAUGHS})),
        "DOCTYPE",
    ),
    "bomb_total.docx": (
        lambda p: _bomb(
            p, {"word/media/a.bin": 70, "word/media/b.bin": 70, "word/media/c.bin": 70}
        ),
        "over the 200 MiB limit",
    ),
    "bomb_member.docx": (
        lambda p: _bomb(p, {"word/media/big.bin": 110}),
        "big.bin inflates to 110 MiB",
    ),
    "bomb_ratio.docx": (
        lambda p: _bomb(p, {"word/media/zeros.bin": 30}),
        "zeros.bin inflates to 30 MiB",
    ),
}


def docforge(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docforge.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=Path(__file__).resolve().parents[1],
    )


@pytest.fixture(scope="module")
def failures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("bad")
    paths = []
    for name, (make, _) in CASES.items():
        make(folder / name)
        paths.append(str(folder / name))
    result = docforge("convert", *paths, "-o", str(folder / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == len(CASES), result.stderr
    return {Path(p).name: line for p, line in zip(paths, lines, strict=True) if p in line}


@pytest.mark.parametrize("name", CASES)
def test_bad_word_file_fails_with_one_line(failures: dict[str, str], name: str) -> None:
    assert name in failures, f"no line names {name}: {failures}"
    assert CASES[name][1] in failures[name]


def test_old_binary_word_without_libreoffice_says_how_to_install_it(tmp_path: Path) -> None:
    legacy = tmp_path / "report.doc"
    legacy.write_bytes(OLE_HEADER + b"\0" * 4088)
    env = {**os.environ, "PATH": str(tmp_path / "no-such-bin")}
    result = docforge("convert", str(legacy), "-o", str(tmp_path / "out"), env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert (
        str(legacy) in line
        and "LibreOffice" in line
        and "apt-get install libreoffice-writer" in line
    )
