"""Per-document time and memory limits, so one crafted PDF cannot stop the pipeline.

The extraction of one document runs in a forked child with an address-space limit
(``RLIMIT_AS``) and a wall-clock timeout. A breach becomes a :class:`DocumentError`
with reason ``time_limit`` or ``memory_limit``: that report fails alone, the others
are published.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import resource
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML  # DVC's own YAML reader

from fiscal.errors import CORRUPT, TIME_LIMIT, DocumentError, memory_limit_error, past_a_bound

#: Exit code of a child that ran out of memory (any other failure exits 1).
_OUT_OF_MEMORY = 75
#: Linux's ``prctl`` option: the signal a process gets when its parent ends.
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    """How long and how much memory one document may take (``limits`` in params.yaml)."""

    seconds: float
    memory_mb: int

    @classmethod
    def from_params(cls, params: Path) -> Limits:
        """The limits a repository's ``params.yaml`` sets, as the extract stage gets them."""
        limits = YAML(typ="safe").load(params.read_text(encoding="utf-8"))["limits"]
        return cls(float(limits["seconds"]), int(limits["memory_mb"]))


def run_limited(task: Callable[[], object], limits: Limits, path: Path) -> None:
    """Run ``task`` for the document at ``path`` in a child process within ``limits``.

    The child is forked, so ``task`` needs no pickling; whatever it produces must be
    written to disk (as ``fiscal extract`` writes its output directory).
    """
    child = multiprocessing.get_context("fork").Process(
        target=_run_in_child, args=(task, limits.memory_mb, os.getpid())
    )
    child.start()
    child.join(limits.seconds)
    if child.is_alive():
        child.kill()
        child.join()
        raise past_a_bound(
            path,
            TIME_LIMIT,
            f"extraction took longer than {limits.seconds:g} s (limits.seconds in params.yaml)",
        )
    if child.exitcode == _OUT_OF_MEMORY:
        raise memory_limit_error(path)
    if child.exitcode != 0:
        raise DocumentError(
            path,
            CORRUPT,
            f"the extractor stopped with exit code {child.exitcode}; report the file",
        )


def _run_in_child(task: Callable[[], object], memory_mb: int, parent: int) -> None:
    _die_with(parent)
    # What the child inherits (the modules imported: pandas, pdfminer, a Dask worker's
    # own) outlives the reading; frozen, the collector's full passes walk only what the
    # reading makes, not the hundreds of thousands of inherited objects each time (the
    # reading of a report took 5–7% less, and fewer inherited pages are copied).
    gc.freeze()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 2**20, hard))
    try:
        task()
    except MemoryError:
        os._exit(_OUT_OF_MEMORY)


def _die_with(parent: int) -> None:
    """End this child when the process that started it ends (a worker killed mid-document,
    a run stopped): only the parent's timeout stops a child, so an orphan would read on,
    past every limit, with no one to take its result."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(1)
