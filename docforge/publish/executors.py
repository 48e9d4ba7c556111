"""Where a publish run's work units run: in this process, a local process pool, or Dask.

Every executor takes pure work units (bytes in, results out, nothing written) and yields
their results in input order, so versions of one report are numbered the same way
whichever executor ran them. At most ``window`` units are in flight, so the driver's
memory stays bounded however many documents a run holds. A unit whose worker is lost
comes back as :class:`WorkerLost`; Dask first runs it again on another worker.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from docforge.workers import die_with_parent

DASK_LOCAL = "dask-local"
DASK_PREFIX = "dask://"


@dataclass(frozen=True)
class WorkerLost:
    """A unit that no worker could finish (its process died, out of memory or crashed)."""

    cause: str


@dataclass(frozen=True)
class Outcome:
    """One unit's result and the worker that produced it (for per-worker progress)."""

    item: Any
    worker: str
    result: Any


class Executor(Protocol):
    name: str

    def run(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Outcome]: ...

    def close(self) -> None: ...


def labelled(fn: Callable[[Any], Any], item: Any) -> tuple[str, Any]:
    """Run ``fn(item)`` and say which worker ran it: the Dask worker's name, else the process."""
    worker = None
    if "distributed" in sys.modules:
        from distributed import get_worker

        with contextlib.suppress(ValueError):
            worker = f"worker {get_worker().name}"
    return worker or f"pid {os.getpid()}", fn(item)


class InlineExecutor:
    """Runs each unit in this process: one job, or one document."""

    name = "inline"

    def run(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Outcome]:
        for item in items:
            worker, result = labelled(fn, item)
            yield Outcome(item, worker, result)

    def close(self) -> None:
        pass


def _ordered(
    submit: Callable[[Any], Any], wait: Callable[[Any], Outcome], items: Iterable[Any], window: int
) -> Iterator[Outcome]:
    """Keep ``window`` units in flight; yield each result when its turn comes."""
    pending: deque[tuple[Any, Any]] = deque()
    source = iter(items)
    exhausted = False
    while pending or not exhausted:
        while not exhausted and len(pending) < window:
            try:
                item = next(source)
            except StopIteration:
                exhausted = True
                break
            pending.append((item, submit(item)))
        if pending:
            item, future = pending.popleft()
            yield wait(item, future)


class PoolExecutor:
    """The default: a local process pool over ``jobs`` cores; no Dask needed."""

    name = "local"

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool = ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent)
        self.broken = False

    def run(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Outcome]:
        def submit(item: Any) -> Future | None:
            if self.broken:
                return None
            try:
                return self.pool.submit(labelled, fn, item)
            except BrokenProcessPool:
                self.broken = True
                return None

        def wait(item: Any, future: Future | None) -> Outcome:
            if future is not None:
                try:
                    worker, result = future.result()
                    return Outcome(item, worker, result)
                except BrokenProcessPool:
                    self.broken = True
            return Outcome(
                item, "pool", WorkerLost("the conversion process died (out of memory or crashed)")
            )

        return _ordered(submit, wait, items, 2 * self.jobs)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskExecutor:
    """Runs units as Dask tasks on a cluster the operator runs (``dask://HOST:PORT``) or on a
    ``distributed.LocalCluster`` of worker processes started for this run (``dask-local``).

    A task whose worker dies is rescheduled by the scheduler on another worker (up to its
    ``allowed-failures``); only then does it come back as :class:`WorkerLost`.
    """

    def __init__(self, address: str | None, jobs: int) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if address is None:
            self.cluster = LocalCluster(
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            self.client = Client(self.cluster)
            self.name = f"dask-local ({jobs} workers)"
        else:
            self.client = Client(address, timeout=30)
            self.name = f"dask {address}"

    def _slots(self) -> int:
        threads = sum(self.client.nthreads().values())
        return max(2, 2 * threads)

    def run(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Outcome]:
        def submit(item: Any) -> Any:
            return self.client.submit(labelled, fn, item, pure=False, retries=1)

        def wait(item: Any, future: Any) -> Outcome:
            try:
                worker, result = future.result()
            except Exception as error:  # KilledWorker, lost connection: the unit failed
                return Outcome(
                    item,
                    "dask",
                    WorkerLost(f"no Dask worker could finish it ({type(error).__name__}: {error})"),
                )
            finally:
                future.release()
            return Outcome(item, worker, result)

        return _ordered(submit, wait, items, self._slots())

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def check_executor(spec: str) -> str | None:
    """Why ``--executor spec`` cannot work here, or None: Dask is only needed when named."""
    if spec in ("", "local"):
        return None
    if spec != DASK_LOCAL and not spec.startswith((DASK_PREFIX, "tcp://")):
        return "choose local, dask-local or dask://HOST:PORT"
    try:
        import distributed  # noqa: F401
    except ImportError:
        return "Dask is not installed (pip install 'dask[distributed]')"
    return None


def make_executor(spec: str | None, jobs: int, units: int) -> Executor:
    """The executor ``--executor`` names: ``local`` (default), ``dask-local`` or ``dask://…``."""
    if spec in (None, "", "local"):
        if jobs <= 1 or units <= 1:
            return InlineExecutor()
        return PoolExecutor(min(jobs, units))
    if spec == DASK_LOCAL:
        return DaskExecutor(None, jobs)
    if spec.startswith(DASK_PREFIX):
        return DaskExecutor(spec.removeprefix(DASK_PREFIX), jobs)
    if spec.startswith("tcp://"):
        return DaskExecutor(spec, jobs)
    raise ValueError(f"unknown executor '{spec}' (local, dask-local or dask://HOST:PORT)")
