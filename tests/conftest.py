"""Shared test set-up: paths to the corpus and the built package, and fixture builders."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(TESTS))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real PDFs beside the repository (CI clones with ../shared next to it)."""
    if not CORPUS.is_dir():
        pytest.fail(f"{CORPUS} is missing: clone the repository with shared/ beside it")
    return CORPUS
