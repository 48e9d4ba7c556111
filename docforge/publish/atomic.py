"""Writes that a crash can never leave half done: temp file + rename, and a symlink switch."""

from __future__ import annotations

import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docforge.errors import InputError
from docforge.files import write_atomic


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


def check_site_target(site: Path) -> None:
    """Refuse to replace anything at ``site`` but an earlier published site or an empty folder.

    The site is a symlink to a build; a real folder there may hold someone's
    files, which publishing must never delete.
    """
    if site.is_symlink() or not site.exists():
        return
    if not site.is_dir() or any(site.iterdir()):
        raise InputError(
            site,
            "exists and is not a site made by 'docforge publish'; "
            "move it away or choose another --site",
        )


@contextmanager
def exclusive_lock(path: Path) -> Iterator[None]:
    """One publish at a time per archive; the lock dies with its process, even on kill -9."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                path.parent, "another 'docforge publish' is using this archive"
            ) from None
        yield


def switch_site(site: Path, build: Path) -> None:
    """Point ``site`` at a complete build in one atomic step (a symlink replaced by rename)."""
    if site.is_dir() and not site.is_symlink():
        site.rmdir()
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
