"""Atomic writes: a file is replaced only once its new content is complete.

An interrupted run (Ctrl-C, a killed CI job, a full disk) must leave the previous good
catalogue, params or package in place, never a half-written one. Everything writes
through :func:`replacing`: a temporary file in the same directory (so the final
``os.replace`` is one atomic rename on the same file system).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it when the block completes.

    If the block raises, the temporary file is removed and ``path`` is left as it was.
    Several ``replacing`` blocks in one ``ExitStack`` replace a set of files only once
    every one of them has been written.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    # mkstemp makes the file private; the replacement keeps the mode a plain write would give.
    temporary.chmod(path.stat().st_mode if path.exists() else 0o644)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def swap_directory(staging: Path, target: Path) -> None:
    """Put a fully written ``staging`` directory in place of ``target``.

    Directories cannot be replaced in one rename, so the old one is renamed aside first:
    at no moment does ``target`` hold a mix of old and new files.
    """
    aside = target.with_name(f".{target.name}.old")
    shutil.rmtree(aside, ignore_errors=True)
    if target.exists():
        target.rename(aside)
    staging.rename(target)
    shutil.rmtree(aside, ignore_errors=True)
