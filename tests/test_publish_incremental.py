"""A publish renders only the reports that are new or changed; the others' pages are carried
over from the published build, and the site is the same as one built from scratch."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.publish_support import PUBLISH_ALL, publish, site_contents, site_problems

pytestmark = pytest.mark.slow  # four whole publishes

FIRST = ("000_3920c4ed8e26362b.txt", "003_d744e05eab164faf.txt")
LATER = "005_budget_tables.txt"


def _incoming(folder: Path, names: tuple[str, ...]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(FIXTURES / "incoming" / name, folder / name)
    return folder


def _pages(site: Path) -> dict[str, list[str]]:
    """The HTML pages of each report, by slug, as the published build's manifest lists them."""
    manifest = json.loads((site.resolve() / "build.json").read_text(encoding="utf-8"))
    return {
        slug: [name for name in entry["files"] if name.endswith(".html")]
        for slug, entry in manifest["pages"].items()
    }


def _inodes(site: Path, names: list[str]) -> dict[str, int]:
    return {name: (site.resolve() / name).stat().st_ino for name in names}


def test_a_new_report_renders_alone_and_the_site_equals_a_fresh_build(tmp_path: Path) -> None:
    incoming = _incoming(tmp_path / "incoming", FIRST)
    site, archive = tmp_path / "site", tmp_path / "archive"
    assert publish(incoming, site, archive, "--no-pdf", *PUBLISH_ALL).returncode == 0
    before = _pages(site)
    assert len(before) == 2 and all(before.values())
    kept = {slug: _inodes(site, pages) for slug, pages in before.items()}
    index_before = (site.resolve() / "index.html").stat().st_ino

    _incoming(incoming, (LATER,))
    result = publish(incoming, site, archive, "--no-pdf", *PUBLISH_ALL)
    assert result.returncode == 0, result.stderr
    after = _pages(site)
    assert set(after) > set(before) and len(after) == 3
    for slug, inodes in kept.items():
        assert _inodes(site, after[slug]) == inodes, f"{slug}: its pages were rendered again"
    new = next(slug for slug in after if slug not in before)
    assert not set(_inodes(site, after[new]).values()) & {
        ino for inodes in kept.values() for ino in inodes.values()
    }
    assert (site.resolve() / "index.html").stat().st_ino != index_before

    fresh = tmp_path / "fresh"
    all_incoming = _incoming(fresh / "incoming", (*FIRST, LATER))
    result = publish(all_incoming, fresh / "site", fresh / "archive", "--no-pdf", *PUBLISH_ALL)
    assert result.returncode == 0, result.stderr
    assert site_problems(site) == []
    assert site_contents(site) == site_contents(fresh / "site")


def test_changed_settings_render_every_report_again(tmp_path: Path) -> None:
    incoming = _incoming(tmp_path / "incoming", FIRST)
    site, archive = tmp_path / "site", tmp_path / "archive"
    assert publish(incoming, site, archive, "--no-pdf", *PUBLISH_ALL).returncode == 0
    before = _pages(site)
    kept = {ino for slug, pages in before.items() for ino in _inodes(site, pages).values()}

    settings = tmp_path / "site.toml"
    settings.write_text(
        'name = "某某市政务公开专栏"\n'
        + (FIXTURES / "portal" / "publish_all.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = publish(incoming, site, archive, "--no-pdf", "--config", str(settings))
    assert result.returncode == 0, result.stderr
    after = _pages(site)
    assert after == before
    pages = [name for names in after.values() for name in names]
    assert not set(_inodes(site, pages).values()) & kept
    assert all(
        "某某市政务公开专栏" in (site.resolve() / name).read_text(encoding="utf-8")
        for name in pages
    )
