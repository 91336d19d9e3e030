"""Progress of a long run: an updating bar on a terminal, plain lines in logs.

On a terminal a document's pages tick by on one line that is rewritten in place; when
stderr is a log file or a CI console, only whole lines are written (one per step of
``fiscal add``), so logs stay readable and a refused file still gets its one-line error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

_BAR_WIDTH = 30


def page_progress(path: Path) -> Callable[[int, int], None] | None:
    """A per-page bar for ``path`` on stderr if it is a terminal, else None."""
    if not sys.stderr.isatty():
        return None

    def show(page: int, count: int) -> None:
        done = _BAR_WIDTH * page // count
        bar = "#" * done + "." * (_BAR_WIDTH - done)
        sys.stderr.write(f"\r{path.name} [{bar}] page {page}/{count}")
        if page == count:
            sys.stderr.write("\r\x1b[K")  # clear the bar: the summary line follows
        sys.stderr.flush()

    return show


def log(message: str) -> None:
    """One plain progress line on stderr (stdout carries the results)."""
    print(message, file=sys.stderr, flush=True)
