"""The operator's font files (site.toml ``[fonts]``) reach the PDFs a publish renders."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import seed
from tests.publish_support import publish

pytestmark = pytest.mark.slow

WENKAI = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")


def _pdf_fonts(pdf: Path) -> str:
    return subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout


def test_fonts_named_in_site_toml_set_the_published_pdf(tmp_path: Path) -> None:
    assert WENKAI.is_file(), "make install installs fonts-lxgw-wenkai"
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "report.txt").write_bytes(seed("003_d744e05eab164faf").read_bytes())
    plain = publish(incoming, tmp_path / "plain-site", tmp_path / "plain-archive")
    assert plain.returncode == 0, plain.stderr
    config = tmp_path / "site.toml"
    config.write_text(
        f'[fonts]\nbody = "{WENKAI}"\n\n[review]\nrequire = []\nhold_on_errors = false\n',
        encoding="utf-8",
    )
    configured = publish(incoming, tmp_path / "site", tmp_path / "archive", "--config", str(config))
    assert configured.returncode == 0, configured.stderr
    [plain_pdf] = (tmp_path / "plain-archive" / "pdf").rglob("*.pdf")
    [pdf] = (tmp_path / "archive" / "pdf").rglob("*.pdf")
    assert "WenKai" not in _pdf_fonts(plain_pdf)
    assert "LXGW-WenKai" in _pdf_fonts(pdf)
