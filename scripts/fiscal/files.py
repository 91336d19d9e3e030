"""File identity and placement: the one place that hashes a source file, and that puts a
file's bytes in a second place."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def link_or_copy(source: Path, target: Path) -> None:
    """Put ``source``'s bytes at ``target``: a hard link, or a copy on another file system.
    A thousand reports' source files are half a gigabyte, and a link is the same file
    whose hash DVC already knows. Whatever was at ``target`` is removed first, so nothing
    is ever written through a link into the source."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
