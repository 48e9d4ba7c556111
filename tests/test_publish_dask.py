"""Publishing through a real Dask cluster gives what the local process pool gives, even when a
worker is killed in the middle of a task; with a PostgreSQL catalog too."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.publish_support import (
    archive_files,
    archive_problems,
    catalog_snapshot,
    digest_scan,
    publish,
    publish_command,
    site_contents,
    site_problems,
    subprocess_env,
)

pytestmark = pytest.mark.slow  # real servers, clusters and whole publishes

SAMPLE = FIXTURES / "incoming"


@pytest.fixture(scope="module")
def local_run(tmp_path_factory) -> Path:
    """The reference: the sample published by the default local process pool."""
    folder = tmp_path_factory.mktemp("local")
    result = publish(SAMPLE, folder / "site", folder / "archive", "--no-pdf", "-j", "2")
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def cluster():
    """A real ``distributed.LocalCluster`` with two worker processes (each under a nanny,
    which starts a new worker when one is killed)."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield cluster, client


def assert_same_as_local(folder: Path, local: Path, catalog: Path | str) -> None:
    assert site_problems(folder / "site") == [] and archive_problems(folder / "archive") == []
    assert catalog_snapshot(catalog) == catalog_snapshot(local / "archive" / "catalog.sqlite")
    assert archive_files(folder / "archive") == archive_files(local / "archive")
    assert site_contents(folder / "site") == site_contents(local / "site")


def kill_a_busy_worker(client, process: subprocess.Popen, timeout: float = 120) -> bool:
    """SIGKILL the process of a worker that holds a task of the run; False if the run ended
    before any worker was seen busy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        busy = [address for address, keys in client.processing().items() if keys]
        if busy:
            pids = client.run(os.getpid, workers=busy[:1])
            if pids:
                os.kill(next(iter(pids.values())), signal.SIGKILL)
                return True
        time.sleep(0.005)
    return False


def test_dask_cluster_with_a_killed_worker_and_postgres_catalog_equals_a_local_run(
    tmp_path: Path, local_run: Path, cluster, postgres
) -> None:
    local_cluster, client = cluster
    url = postgres.new_database()
    command = publish_command(
        SAMPLE,
        tmp_path / "site",
        tmp_path / "archive",
        "--no-pdf",
        "--executor",
        f"dask://{local_cluster.scheduler_address}",
        "--catalog",
        url,
    )
    process = subprocess.Popen(
        command, env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    killed = kill_a_busy_worker(client, process)
    stdout, stderr = process.communicate(timeout=600)
    assert killed, "the run ended before a worker could be killed in it"
    assert process.returncode == 0, stderr
    # The summary counts the documents each Dask worker converted (and failed).
    assert re.search(r"^dask .*worker \S+: \d+ ✓ \d+ ✗", stdout, re.M), stdout
    assert_same_as_local(tmp_path, local_run, url)
    client.wait_for_workers(
        2, timeout=300
    )  # the nanny replaced the killed worker (slow under load)


def test_dask_local_executor_equals_a_local_run(tmp_path: Path, local_run: Path) -> None:
    result = publish(
        SAMPLE,
        tmp_path / "site",
        tmp_path / "archive",
        "--no-pdf",
        "--executor",
        "dask-local",
        "-j",
        "2",
    )
    assert result.returncode == 0, result.stderr
    assert "dask-local (2 workers): worker" in result.stdout  # tasks done/failed per worker
    assert_same_as_local(tmp_path, local_run, tmp_path / "archive" / "catalog.sqlite")
    files = len(list(SAMPLE.iterdir()))
    assert digest_scan(tmp_path / "archive") == (files, files)  # the driver's digest cache


def test_an_unknown_executor_is_a_usage_error(tmp_path: Path) -> None:
    result = publish(SAMPLE, tmp_path / "site", tmp_path / "archive", "--executor", "spark://x")
    assert result.returncode == 2 and "--executor spark://x" in result.stderr
