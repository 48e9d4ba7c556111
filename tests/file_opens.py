"""Which files of a folder a process opens, as the kernel reports it (Linux inotify).

A witness that works for any user, root included (root reads a ``chmod 000`` file, so
permissions cannot show that a file was left alone), and that changes nothing about the
files watched: no mode, time or content is touched.
"""

from __future__ import annotations

import ctypes
import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

IN_OPEN = 0x20
IN_ISDIR = 0x40000000
_EVENT = struct.Struct("iIII")


@contextmanager
def opened_files(folder: Path) -> Iterator[list[str]]:
    """Names of the regular files in ``folder`` that were opened while the block ran, filled
    in when it ends (directories, whose listing opens them, are left out)."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.inotify_init1(os.O_NONBLOCK)
    if fd < 0 or libc.inotify_add_watch(fd, os.fsencode(folder), IN_OPEN) < 0:
        raise OSError(ctypes.get_errno(), "inotify is not available")
    names: list[str] = []
    try:
        yield names
        names.extend(_events(fd))
    finally:
        os.close(fd)


def _events(fd: int) -> Iterator[str]:
    while True:
        try:
            data = os.read(fd, 1 << 16)
        except BlockingIOError:
            return
        offset = 0
        while offset < len(data):
            _, mask, _, length = _EVENT.unpack_from(data, offset)
            name = data[offset + _EVENT.size : offset + _EVENT.size + length].rstrip(b"\0")
            offset += _EVENT.size + length
            if not mask & IN_ISDIR:
                yield os.fsdecode(name)
