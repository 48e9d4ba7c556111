"""``kill -9`` during a publish of many documents never harms the site or the archive."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import SEED_STEMS, seed
from tests.publish_support import (
    PUBLISH_ALL,
    archive_problems,
    catalog_rows,
    catalog_versions,
    publish,
    publish_command,
    site_problems,
    site_versions,
    subprocess_env,
)

pytestmark = pytest.mark.slow

DOCUMENTS = 30
TRIALS = 5


def variant(index: int) -> str:
    """A seed report made into another report (a year of its own) or a corrected version of one."""
    stem = SEED_STEMS[index % len(SEED_STEMS)]
    text = seed(stem).read_text(encoding="utf-8")
    year = 1990 + index % 20
    for original in ("2020年度", "2021年度", "2022年度"):
        text = text.replace(original, f"{year}年度")
    return text + f"\n\n本稿为第{index + 1}稿。\n"


def killed_publish(incoming: Path, site: Path, archive: Path, delay: float) -> int | None:
    """Start a publish, ``kill -9`` it after ``delay`` s; its status if it ended first.

    Only the publish process itself is killed, as an operator would; whatever
    is left of its group afterwards is cleaned up before the checks.
    """
    process = subprocess.Popen(
        publish_command(incoming, site, archive, "--no-pdf", *PUBLISH_ALL),
        env=subprocess_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(delay)
    status = process.poll()
    if status is None:
        process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    return status


def test_kill_at_random_moments_then_rerun_finishes(tmp_path: Path) -> None:
    incoming, site, archive = tmp_path / "incoming", tmp_path / "site", tmp_path / "archive"
    incoming.mkdir()
    rng = random.Random()
    per_trial = DOCUMENTS // TRIALS
    delays = []
    for trial in range(TRIALS):
        for index in range(trial * per_trial, (trial + 1) * per_trial):
            (incoming / f"report-{index:02d}.txt").write_text(variant(index), encoding="utf-8")
        before_site = site_versions(site) if site.exists() else set()
        before_catalog = catalog_versions(archive)
        delay = rng.uniform(0.2, 1.3)
        delays.append(round(delay, 2))
        killed_publish(incoming, site, archive, delay)

        assert archive_problems(archive) == [], delays
        assert site_problems(site) == [], delays
        after_catalog = catalog_versions(archive)
        assert before_catalog <= after_catalog, delays
        if before_site:
            assert before_site <= site_versions(site) <= after_catalog, delays

    final = publish(incoming, site, archive, "--no-pdf", *PUBLISH_ALL)
    assert final.returncode == 0, final.stderr
    assert catalog_rows(archive, "SELECT COUNT(*) FROM sources") == [(DOCUMENTS,)]
    assert site_versions(site) == catalog_versions(archive)
    assert len(site_versions(site)) == DOCUMENTS
    assert archive_problems(archive) == [] and site_problems(site) == []
    assert not [p for p in tmp_path.glob(".site.*") if p.name != ".site.builds"], (
        "stray links left behind"
    )
    assert len(list((tmp_path / ".site.builds").iterdir())) == 1, "unfinished builds left behind"
    again = publish(incoming, site, archive, "--no-pdf", *PUBLISH_ALL)
    assert "（网站无变化）" in again.stdout
    assert catalog_rows(archive, "SELECT converted FROM runs ORDER BY id DESC LIMIT 1") == [(0,)]
