"""The corpus site in a real browser (Debian's headless Chromium): the figures a reader sees,
sorting, charts, downloads and Chinese search."""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest

from fiscal.schema import ROOT, read_csv, resource
from fixtures.browser import search, watched_page

#: Every table on the page: id, then per body row its id and its cells: text shown, sort
#: key, element id, tooltip and link.
READ_TABLES = """() => [...document.querySelectorAll('article table[data-fiscal]')].map(t => ({
  id: t.id,
  headings: [...t.tHead.rows[0].cells].map(c => c.textContent.trim()),
  rows: [...t.tBodies[0].rows].map(r => [...r.cells].map(c => ({
    text: c.textContent.trim(), sort: c.getAttribute('data-sort'), id: c.id, title: c.title,
    link: c.querySelector('a') ? c.querySelector('a').getAttribute('href') : null, row: r.id
  })))
}))"""


def load(name: str) -> pd.DataFrame:
    return read_csv(ROOT / resource(name)["path"])


@pytest.fixture
def page(browser) -> Iterator:
    with watched_page(browser) as tab:
        yield tab


def shown_amount(text: str) -> Decimal:
    """A figure as the page prints it ('−1,234.50') read back as a number."""
    assert re.fullmatch(r"−?\d{1,3}(,\d{3})*\.\d{2}", text), text
    return Decimal(text.replace(",", "").replace("−", "-"))


def ok_reports() -> list[str]:
    """Reports read with figures (a narrative volume alone, or forms only, print none)."""
    reports = load("reports")
    read = (reports["status"] == "ok") & (reports["amounts"].astype(int) > 0)
    return list(reports.loc[read, "report_id"])


@pytest.mark.parametrize("report_id", ok_reports())
def test_report_page_shows_every_amount_in_its_row_with_its_page(
    page, site_url: str, report_id: str
) -> None:
    page.goto(f"{site_url}reports/{report_id}.html")
    tables = {table["id"]: table for table in page.evaluate(READ_TABLES)}
    amounts = load("amounts")
    amounts = amounts[amounts["report_id"] == report_id]
    assert len(amounts) > 0
    rows_of = {
        table_id: {row[0]["text"]: row for row in table["rows"]}
        for table_id, table in tables.items()
    }
    for figure in amounts.to_dict(orient="records"):
        printing = "" if figure["instance"] in ("", "1") else f"-{figure['instance']}"
        side = f"-{figure['side']}" if figure["side"] else ""
        table_id = f"table-{figure['table']}{printing}{side}"
        page_column = tables[table_id]["headings"].index("页码")
        row = rows_of[table_id][figure["row"]]
        assert row[page_column]["text"] == figure["page"], figure
        if not figure["amount"]:
            continue
        assert row[0]["link"] == f"#{row[0]['row']}", figure  # the row number links its row
        exact = Decimal(figure["amount"])
        # the figure's own link: its row's and its column's
        [cell] = [c for c in row if c["id"] == f"{c['row']}-{figure['column']}"]
        assert Decimal(cell["sort"]) == exact, figure
        rounded = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert shown_amount(cell["text"]) == rounded, figure
        assert f"原文 {figure['published']}（{figure['unit']}）" in cell["title"], figure
        assert ("精确值" in cell["title"]) == (rounded != exact), figure


def test_clicking_a_heading_sorts_by_value_with_missing_below_every_number(
    page, site_url: str
) -> None:
    page.goto(f"{site_url}compare/function-classes.html")
    table = page.locator("table#table-function-classes")
    heading = table.locator("thead th").nth(1)

    def column() -> list[Decimal | None]:
        cells = table.locator("tbody tr td:nth-child(2)").evaluate_all(
            "cells => cells.map(c => c.getAttribute('data-sort'))"
        )
        return [Decimal(value) if value else None for value in cells]

    before = column()
    assert any(value is None for value in before) and any(value for value in before)
    tip = table.get_attribute("data-missing-tip")
    assert tip and table.locator("td.missing").first.get_attribute("title") == tip
    heading.click()
    ascending = column()
    numbers = [value for value in ascending if value is not None]
    assert ascending == [None] * (len(ascending) - len(numbers)) + sorted(numbers)
    heading.click()
    assert column() == list(reversed(ascending))


@pytest.mark.parametrize(
    "path",
    [f"reports/{ok_reports()[0]}.html", "compare/three-public.html"],
)
def test_chart_renders_as_svg(page, site_url: str, path: str) -> None:
    page.goto(f"{site_url}{path}")
    svg = page.locator(".fiscal-chart svg").first
    svg.wait_for()
    box = svg.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100
    assert svg.locator("path").count() > 3  # bars or treemap rectangles


def test_coverage_map_draws_china_and_links_each_province(page, site_url: str) -> None:
    sources = load("sources").drop_duplicates("report_id")
    page.goto(f"{site_url}places/index.html")
    svg = page.locator(".fiscal-chart svg").first
    svg.wait_for()
    assert svg.locator("path").count() > 30  # the provinces' outlines
    provinces = set(sources.province) - {""}
    rows = page.locator("table#table-places tbody tr")
    assert rows.count() == len(provinces) + 1  # and the central departments
    shown = {rows.nth(i).locator("td").first.text_content().strip() for i in range(rows.count())}
    assert shown == provinces | {"中央"}
    page.locator("table#table-places a", has_text="上海市").click()
    page.wait_for_url("**/places/310000.html")
    assert page.locator("table#table-places a", has_text="普陀区").count() == 1


def test_ecology_page_lists_every_ecology_report_in_a_row(page, site_url: str) -> None:
    sources = load("sources").drop_duplicates("report_id")
    ecology = sources[sources.department_kind == "ecology"]
    page.goto(f"{site_url}kinds/ecology.html")
    rows = page.locator("table#table-kind-reports tbody tr")
    assert rows.count() == len(ecology) >= 8
    publishers = {
        rows.nth(i).locator("td").first.text_content().strip() for i in range(rows.count())
    }
    assert publishers == set(ecology.publisher)


def test_publisher_chart_sets_budget_beside_final(page, site_url: str) -> None:
    reports = load("reports")
    publisher = reports.loc[reports["status"] == "ok", "publisher_id"].iloc[0]
    page.goto(f"{site_url}publishers/{publisher}.html")
    page.locator(".fiscal-chart svg").first.wait_for()
    legend = page.locator(".fiscal-chart svg").first.text_content()
    phases = set(reports.loc[reports["publisher_id"] == publisher, "phase"])
    for phase, name in (("budget", "预算"), ("final", "决算")):
        assert (f"{name}·基本支出" in legend) == (phase in phases)


def test_table_download_link_returns_the_workbook_with_the_table(page, site_url: str) -> None:
    report_id = ok_reports()[0]
    page.goto(f"{site_url}reports/{report_id}.html")
    downloads = page.locator(".fiscal-downloads").first
    url = page.evaluate("a => a.href", downloads.locator("a").element_handle())
    sheet = re.search(r"工作表 (\S+?)）", downloads.inner_text())[1]
    response = page.request.get(url)
    assert response.ok and url.endswith(f"/{report_id}.xlsx")
    frame = pd.read_excel(io.BytesIO(response.body()), sheet_name=sheet, dtype=object)
    table = sheet.split("-")[0]
    amounts = load("amounts")
    amounts = amounts[(amounts["report_id"] == report_id) & (amounts["table"] == table)]
    downloaded = {round(float(v), 6) for c in frame.columns for v in frame[c] if _number(v)}
    assert {round(float(a), 6) for a in amounts["amount"] if a} <= downloaded


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not pd.isna(value)


def test_resource_download_link_returns_the_package_rows_with_a_bom(page, site_url: str) -> None:
    """The CSV a reader downloads is the package's rows with their reports' context in front
    (gzip-compressed where it is large, as the link's name says)."""
    page.goto(f"{site_url}data/downloads.html")
    link = page.locator("a", has_text="amounts.csv").first
    href = page.evaluate("a => a.href", link.element_handle())
    body = page.request.get(href).body()
    body = gzip.decompress(body) if href.endswith(".gz") else body
    assert body.startswith(b"\xef\xbb\xbf")
    downloaded = pd.read_csv(
        io.BytesIO(body), dtype=str, keep_default_na=False, encoding="utf-8-sig"
    )
    amounts = load("amounts")
    figures = downloaded[downloaded["table_status"] == "extracted"].reset_index(drop=True)
    assert figures[list(amounts.columns)].equals(amounts)
    assert (downloaded["publisher"] != "").all()


def test_quality_page_filters_findings_by_rule(page, site_url: str) -> None:
    findings = load("findings")
    page.goto(f"{site_url}data/quality.html")
    rows = page.locator("table#table-findings tbody tr")
    assert rows.count() == len(findings)
    select = page.locator('select[name="rule"]')
    options = select.locator("option").all_text_contents()[1:]
    select.select_option(label=options[0])
    visible = page.locator("table#table-findings tbody tr:not([hidden])")
    assert 0 < visible.count() <= len(findings)
    assert set(visible.locator("td:nth-child(7)").all_text_contents()) == {options[0]}


def pages_containing(site: Path, term: str) -> set[str]:
    """Site paths of the pages whose article text holds the term."""
    found = set()
    for path in site.rglob("*.html"):
        article = re.search(r"<article.*?</article>", path.read_text("utf-8"), re.S)
        if article and term in re.sub(r"<[^>]+>", "", article[0]):
            found.add(path.relative_to(site).as_posix())
    return found


@pytest.mark.parametrize(
    ("term", "comparison"),
    [("三公", "compare/three-public.html"), ("节能环保", "compare/function-classes.html")],
)
def test_search_finds_chinese_terms(
    page, site_url: str, corpus_site: Path, term: str, comparison: str
) -> None:
    """Only pages that hold the term are found, among them the comparison page for it."""
    expected = pages_containing(corpus_site, term)
    assert expected, f"no page of the corpus site mentions {term}"
    page.goto(site_url)
    found = {re.sub(r"[?#].*$", "", href).removeprefix(site_url) for href in search(page, term)}
    assert comparison in found and found <= expected, (found, expected)
