"""A PDF whose cells carry <script>, {{ }}, Markdown and HTML, and a catalogue row that does
too: the site built from its package shows every payload as text and runs none of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fiscal.cli import main
from fiscal.schema import read_csv
from fixtures.browser import search, serve
from fixtures.hostile_final import (
    HOSTILE_NAMES,
    HOSTILE_PUBLISHER,
    HOSTILE_TITLE,
    REPORT_ID,
    build_hostile_report,
)

#: What script would find if a payload had become markup rather than text.
INJECTED = """() => ({
  handlers: document.querySelectorAll('[onerror], [onload]:not(body)').length,
  scriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
  images: [...document.images].filter(i => /\\/x$/.test(i.src)).length,
  bold: [...document.querySelectorAll('article strong, article b, article em')]
    .filter(e => e.textContent.includes('bold')).length,
  scripts: [...document.scripts]
    .filter(s => s.type !== 'application/json' && s.textContent.includes('alert(1)')).length,
})"""
CLEAN = {"handlers": 0, "scriptLinks": 0, "images": 0, "bold": 0, "scripts": 0}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(package directory, built site) for the hostile report, made with the CLI."""
    directory = tmp_path_factory.mktemp("hostile")
    pdf, catalogue = build_hostile_report(directory)
    package = directory / "package"
    extract = ["extract", str(pdf), "--report-id", REPORT_ID, "--catalogue", str(catalogue)]
    assert main([*extract, "--out", str(package)]) == 0
    site = directory / "site"
    descriptor = str(package / "datapackage.json")
    assert main(["site", "--package", descriptor, "--docs", str(directory / "docs"),
                 "--out", str(site)]) == 0  # fmt: skip
    return package, site


@pytest.fixture(scope="module")
def site_url(hostile: tuple[Path, Path]) -> Iterator[str]:
    with serve(hostile[1]) as url:
        yield url


@pytest.fixture
def page(browser):
    """A page that records any dialog (alert) and script error instead of letting it pass."""
    context = browser.new_context()
    tab = context.new_page()
    tab.events = []
    tab.on("dialog", lambda dialog: (tab.events.append(dialog.message), dialog.dismiss()))
    tab.on("pageerror", lambda error: tab.events.append(str(error)))
    yield tab
    context.close()


def hostile_labels(package: Path) -> set[str]:
    amounts = read_csv(package / "amounts.csv")
    return set(amounts.loc[amounts["code"].isin(HOSTILE_NAMES), "row_label"])


def test_the_payloads_reach_the_package(hostile: tuple[Path, Path]) -> None:
    """Else the rest proves nothing: the extractor keeps each payload (spaces aside)."""
    squeezed = {"".join(label.split()) for label in HOSTILE_NAMES.values()}
    assert hostile_labels(hostile[0]) == squeezed


def test_every_page_renders_payloads_as_text_and_runs_none(
    page, site_url: str, hostile: tuple[Path, Path]
) -> None:
    pages = sorted(p.relative_to(hostile[1]).as_posix() for p in hostile[1].rglob("*.html"))
    assert f"reports/{REPORT_ID}.html" in pages
    for path in pages:
        page.goto(f"{site_url}{path}")
        if page.locator(".fiscal-chart").count():
            page.locator(".fiscal-chart svg").first.wait_for()
        assert page.evaluate(INJECTED) == CLEAN, path
        assert "<" not in page.title() and ">" not in page.title(), path
    assert page.events == []


def test_report_page_shows_each_payload_literally(
    page, site_url: str, hostile: tuple[Path, Path]
) -> None:
    page.goto(f"{site_url}reports/{REPORT_ID}.html")
    article = page.locator("article").inner_text()
    for label in hostile_labels(hostile[0]):
        assert label in article
    assert HOSTILE_TITLE in article
    assert page.locator("article h1").inner_text().startswith(HOSTILE_PUBLISHER)
    assert "{{ 7*7 }}" in article  # the catalogue's province, not rendered as a template
    assert page.locator(".fiscal-chart svg").first.text_content()  # the treemap drew names
    assert page.events == []


def test_search_shows_payloads_as_text(page, site_url: str) -> None:
    page.goto(site_url)
    assert search(page, "script")
    assert page.evaluate(INJECTED) == CLEAN
    assert page.events == []
