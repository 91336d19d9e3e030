"""Tasks run in parallel on Dask: a local cluster of worker processes on every core by
default, or any Dask cluster by its scheduler's address.

The same tasks go to either, so a province on a laptop and the country on many machines
run one code path. Tasks are submitted a window at a time (twice the cluster's threads):
a task's input (a report's source files) is read only when it is about to run, so memory
stays flat however many tasks there are. A task that raises, or whose worker dies (Dask
retries it once on another worker), is handed back as that task's failure; the others
go on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

import dask

if TYPE_CHECKING:
    from distributed import Client, Future

Task = TypeVar("Task")
Result = TypeVar("Result")

#: A worker must be allowed child processes: each document is read in a forked child that
#: its time and memory limits can kill (``ops.limits``). Workers of a cluster started by
#: hand need the same setting: ``DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker ADDRESS``.
WORKER_CONFIG = {
    "distributed.worker.daemon": False,
    # A document that kills its worker is tried on one more, then recorded as failed.
    "distributed.scheduler.allowed-failures": 1,
    # One task at a time per worker thread, none queued behind it: a worker that dies
    # takes down only the document it was reading, not others waiting on it.
    "distributed.scheduler.worker-saturation": 1.0,
    # The worker's own sampling profiler (a stack sample every 10 ms, for the dashboard
    # this cluster does not serve) took a worker's core 1.5% of the time.
    "distributed.worker.profile.enabled": False,
}


#: How long to try a scheduler named by address before saying it cannot be reached.
CONNECT_SECONDS = 10


class ClusterError(Exception):
    """The Dask scheduler named cannot be reached: said in one line, with what to do."""


def scheduler_address(scheduler: str | None = None) -> str | None:
    """The Dask scheduler named: ``scheduler``, else Dask's own ``scheduler-address``
    setting (e.g. ``DASK_SCHEDULER_ADDRESS``); None for a local cluster."""
    return scheduler or dask.config.get("scheduler-address", None)


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler`` (or Dask's own ``scheduler-address``
    setting, e.g. ``DASK_SCHEDULER_ADDRESS``), else of a local cluster with ``workers``
    single-threaded processes (default: one per core)."""
    # distributed is imported by the runs that use it: a run with nothing or one report
    # to extract does not pay its import (a third of a second)
    from distributed import Client, LocalCluster

    with dask.config.set(WORKER_CONFIG):
        address = scheduler_address(scheduler)
        if address:
            try:
                client = Client(address, timeout=CONNECT_SECONDS)
            except OSError as error:
                raise ClusterError(
                    f"cannot reach the Dask scheduler at {address} ({error}); start it "
                    "(`dask scheduler`) or leave out --scheduler and DASK_SCHEDULER_ADDRESS "
                    "to run on this machine"
                ) from error
            with client:
                yield client
            return
        with (
            LocalCluster(
                n_workers=workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                # Each document has its own memory limit; the workers' own is not needed.
                memory_limit=0,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client


def run_here(
    work: Callable[[Task], Result],
    tasks: Iterable[Task],
    done: Callable[[Task, Result | None, BaseException | None], None],
) -> None:
    """Run ``work`` on each task in this process, as :func:`run_tasks` does on a cluster:
    for a run of one task, which a local cluster's start (seconds of spawning and
    importing) would only delay. ``work`` keeps its own limits (a document is read in a
    forked child either way)."""
    for task in tasks:
        try:
            result = work(task)
        except Exception as error:  # the task's own failure: this task's, as on a worker
            done(task, None, error)
        else:
            done(task, result, None)


def run_tasks(
    client: Client,
    work: Callable[[Task], Result],
    tasks: Iterable[Task],
    key: Callable[[Task], str],
    done: Callable[[Task, Result | None, BaseException | None], None],
) -> None:
    """Run ``work`` on each task on the cluster; call ``done(task, result, error)`` here,
    in this process, as each finishes (in the order they finish)."""
    from distributed import as_completed

    pending = iter(tasks)
    window = 2 * max(sum(client.nthreads().values()), 1)
    running: dict[str, Task] = {}

    def submit(task: Task) -> Future:
        future = client.submit(work, task, key=key(task), pure=False)
        running[future.key] = task
        return future

    finished = as_completed([submit(task) for task in islice(pending, window)])
    for future in finished:
        task = running.pop(future.key)
        try:
            result = future.result()
        except Exception as error:  # the task's own failure or a lost worker: this task's
            done(task, None, error)
        else:
            done(task, result, None)
        future.release()
        following = next(pending, None)
        if following is not None:
            finished.add(submit(following))


def worker_lost(error: BaseException | None) -> bool:
    """The task failed because the workers running it died, not by its own error (no
    worker ran it where distributed was never imported)."""
    if error is None or "distributed" not in sys.modules:
        return False
    from distributed import KilledWorker

    return isinstance(error, KilledWorker)
