"""Shared test set-up: paths to the corpus and the built package, and fixture builders."""

from __future__ import annotations

import gzip
import io
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
sys.path.insert(0, str(TESTS))


def extract_corpus(
    tmp_path_factory: pytest.TempPathFactory, files: dict[str, str]
) -> dict[str, Path]:
    """Each corpus file (``{report id: file name}``) extracted into its one-report
    package, for a module's tests to read."""
    from fiscal.stages.extract import extract_to_directory

    directories = {}
    for name, file in files.items():
        directory = tmp_path_factory.mktemp(name)
        extract_to_directory(CORPUS / file, directory, name)
        directories[name] = directory
    return directories


def one_row(frame: pd.DataFrame, **printed: str) -> dict[str, str]:
    """The one row whose fields are as printed."""
    match = frame
    for name, value in printed.items():
        match = match[match[name] == value]
    assert len(match) == 1, printed
    return match.iloc[0].to_dict()


def download_text(site: Path, name: str) -> str:
    """A resource's CSV download as published (plain, or gzip-compressed past a size), its
    text with the byte-order mark it starts with."""
    plain = site / "downloads" / "data" / f"{name}.csv"
    data = (
        plain.read_bytes() if plain.exists() else gzip.decompress(Path(f"{plain}.gz").read_bytes())
    )
    return data.decode("utf-8")


def download_frame(site: Path, name: str) -> pd.DataFrame:
    """A resource's CSV download as strings, checked to start with a byte-order mark."""
    text = download_text(site, name)
    assert text.startswith("\ufeff")
    return pd.read_csv(io.StringIO(text[1:]), dtype=str, keep_default_na=False)


def figures(row: dict[str, str], *fields: str) -> list[Decimal | None]:
    """A row's figures as decimals, None where blank."""
    return [Decimal(row[name]) if row[name] else None for name in fields]


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real PDFs beside the repository (CI clones with ../shared next to it)."""
    if not CORPUS.is_dir():
        pytest.fail(f"{CORPUS} is missing: clone the repository with shared/ beside it")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the repository's package (``dvc repro`` made it) into a tmp dir."""
    from fiscal.schema import DESCRIPTOR, resource
    from fiscal.site.generate import build_site

    if not (ROOT / resource("amounts")["path"]).exists():
        pytest.fail("the data package is missing: build it first (bash scripts/build.sh)")
    directory = tmp_path_factory.mktemp("corpus-site")
    build_site(DESCRIPTOR, directory / "docs", directory / "site")
    return directory / "site"


@pytest.fixture(scope="session")
def corpus_database(corpus_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's SQLite database as a reader has it after unpacking the download."""
    import gzip
    import shutil

    from fiscal.schema import descriptor

    packed = corpus_site / "downloads" / f"{descriptor()['name']}.sqlite.gz"
    path = tmp_path_factory.mktemp("database") / packed.stem
    with gzip.open(packed, "rb") as source, path.open("wb") as target:
        shutil.copyfileobj(source, target)
    return path


@pytest.fixture(scope="module")
def site_url(corpus_site: Path) -> Iterator[str]:
    """The corpus site served on a loopback port, for the browser tests."""
    from fixtures.browser import serve

    with serve(corpus_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright (scripts/test.sh installs it)."""
    from playwright.sync_api import sync_playwright

    from fixtures.browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
