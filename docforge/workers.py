"""Worker processes of a batch (convert -j, publish's local pool)."""

from __future__ import annotations

import contextlib
import sys


def die_with_parent() -> None:
    """Make a pool worker exit when its parent is killed, instead of lingering (Linux only)."""
    if sys.platform != "linux":
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
