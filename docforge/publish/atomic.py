"""Writes that a crash can never leave half done: temp file + rename, and a symlink switch."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a reader sees the old file or the new one, never a part.

    The data is flushed to disk before the rename, so after a power loss or
    ``kill -9`` the name points at complete content.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_once(path: Path, data: bytes) -> None:
    """Write a content-addressed file unless it is already there (its name is its content)."""
    if not path.exists():
        write_atomic(path, data)


def builds_dir(site: Path) -> Path:
    """Where complete and in-progress site builds live, beside the ``site`` link."""
    return site.parent / f".{site.name}.builds"


def new_build_dir(site: Path) -> Path:
    """A fresh, empty folder for the next site build."""
    folder = builds_dir(site) / f"build-{uuid.uuid4().hex[:12]}"
    folder.mkdir(parents=True)
    return folder


def current_build(site: Path) -> Path | None:
    """The build the public ``site`` link points at, if any."""
    if site.is_symlink():
        target = site.resolve()
        return target if target.is_dir() else None
    return site if site.is_dir() else None


def switch_site(site: Path, build: Path) -> None:
    """Point ``site`` at a complete build in one atomic step (a symlink replaced by rename).

    A plain folder left at ``site`` by an older docforge is moved into the
    builds folder first; that is the only moment without a site, and it
    happens once.
    """
    if site.exists() and not site.is_symlink():
        site.rename(builds_dir(site) / f"legacy-{uuid.uuid4().hex[:12]}")
    link = site.with_name(f".{site.name}.{uuid.uuid4().hex}.link")
    link.symlink_to(os.path.relpath(build, site.parent), target_is_directory=True)
    os.replace(link, site)


def remove_stale_builds(site: Path) -> None:
    """Delete every build but the published one: unfinished builds of killed runs, old sites."""
    folder = builds_dir(site)
    if not folder.is_dir():
        return
    keep = current_build(site)
    for entry in folder.iterdir():
        if keep is None or entry.resolve() != keep:
            shutil.rmtree(entry, ignore_errors=True)
    for stray in site.parent.glob(f".{site.name}.*.link"):
        stray.unlink(missing_ok=True)
