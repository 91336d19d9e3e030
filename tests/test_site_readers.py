"""The site for its readers, in a real browser and in the built files: a journalist cites
one figure with its page, a researcher finds every report's figure for a code, a watchdog
follows a finding from any page to the one list, and every page shows the printed totals."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from fiscal.schema import ROOT, read_csv, resource
from fiscal.site.markup import format_amount
from fixtures.browser import search, watched_page

PHONE = {"width": 390, "height": 844}


def load(name: str) -> pd.DataFrame:
    return read_csv(ROOT / resource(name)["path"])


@pytest.fixture
def context(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


@pytest.fixture
def page(browser) -> Iterator:
    """A fresh page that may use the clipboard, as a reader copying a citation does."""
    with watched_page(browser, permissions=["clipboard-read", "clipboard-write"]) as tab:
        yield tab


def environment_figure() -> pd.Series:
    """An all-funds spending row of 211 节能环保 as the package has it (a report's first)."""
    spending = load("function_spending")
    rows = spending[
        (spending["table"] == "expenditure")
        & (spending["fund"] == "all")
        & (spending["function_code"] == "211")
        & (spending["total"] != "")
    ]
    assert not rows.empty, "no report prints 211 in its spending table"
    return rows.iloc[0]


def test_the_journalists_copied_citation_is_complete(page, site_url: str) -> None:
    """Click 211 节能环保's total on the report page, copy: the citation names publisher,
    title, year, table, row, figure, page, the PDF at that page, the version and the
    figure's own link, which opens on the same citation."""
    row = environment_figure()
    report = load("reports").set_index("report_id").loc[row["report_id"]]
    sources = load("sources").set_index("report_id").loc[[row["report_id"]]].iloc[0]
    page.goto(f"{site_url}reports/{row['report_id']}.html")
    cell = page.locator(f"#table-expenditure-r{row['row']}-total")
    assert cell.text_content() == format_amount(row["total"])
    cell.click()
    page.locator("#fiscal-cite-panel [data-copy-citation]").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = [
        sources["publisher"],
        f"《{sources['title']}》",
        f"{report['fiscal_year']} 年度",
        "211 节能环保支出",
        f"{format_amount(row['total'])} 万元",
        f"第 {row['page']} 页",
        f".pdf#page={row['page']}",
        f"版本 {load_version()}",
        f"reports/{row['report_id']}.html#table-expenditure-r{row['row']}-total",
        "访问日期 20",
    ]
    assert [part for part in expected if part not in copied] == [], copied
    permalink = re.search(r"http\S+#table-expenditure-r\d+-total", copied).group(0)
    page.goto(permalink)
    panel = page.locator("#fiscal-cite-panel .fiscal-cite-text")
    assert panel.text_content().split("访问日期")[0] == copied.split("访问日期")[0]


def load_version() -> str:
    return json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))["version"]


@pytest.mark.parametrize(("code", "kind"), [("2120101", "function"), ("30217", "economic")])
def test_search_finds_a_code_first_on_its_page(page, site_url: str, code: str, kind: str) -> None:
    page.goto(site_url)
    links = search(page, code)
    assert links[0].split("?")[0] == f"{site_url}codes/{kind}/{code}.html"


def test_search_snippets_keep_cells_apart(corpus_site: Path) -> None:
    """A table's cells are words apart in the index: a code never runs into the row number
    before it or the figures after it ("14512120101行政运行1,660.32…")."""
    index = (corpus_site / "search" / "search_index.json").read_text(encoding="utf-8")
    around = re.findall(r"(.)2120101(.)", index)
    assert around
    assert [pair for pair in around if pair[0].isdigit() or pair[1].isdigit()] == []


def test_search_finds_a_report_by_its_facts_not_its_citation_boilerplate(
    corpus_site: Path,
) -> None:
    """Each report page's facts are in the index, its 如何引用 section (the same words on
    every page) is not."""
    docs = json.loads((corpus_site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    locations = {doc["location"] for doc in docs}
    pages = sorted((corpus_site / "reports").glob("*.html"))
    reports = [f"reports/{page.name}" for page in pages if page.name != "index.html"]
    assert reports
    assert [report for report in reports if report not in locations] == []
    assert [report for report in reports if f"{report}#cite" in locations] == []


def code_page_rows(corpus_site: Path, kind: str, code: str) -> list[str]:
    html = (corpus_site / "codes" / kind / f"{code}.html").read_text(encoding="utf-8")
    body = html.split('id="table-code-figures"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>", 1)[1])


def test_a_function_code_page_lists_every_reports_printed_figure(corpus_site: Path) -> None:
    """Every current report's all-funds 211 row is on the 211 page, with its total."""
    spending = load("function_spending")
    reports, sources = load("reports"), load("sources")
    replaced = set(sources.loc[sources["superseded_by"] != "", "report_id"])
    current = set(reports.loc[reports["status"] == "ok", "report_id"]) - replaced
    rows = spending[(spending["function_code"] == "211") & spending["report_id"].isin(current)]
    shown = code_page_rows(corpus_site, "function", "211")
    assert len(shown) == len(rows)
    text = " ".join(shown)
    for row in rows.itertuples():
        assert f"reports/{row.report_id}.html#table-{row.table}-r{row.row}" in text
        if row.total:
            assert f'data-sort="{Decimal(row.total)}"' in text


def test_every_row_link_of_a_code_page_lands_on_its_row(corpus_site: Path) -> None:
    """The link from a code page to a report opens that report's row (the id exists)."""
    ids: dict[str, set[str]] = {}
    missing = []
    for path in sorted((corpus_site / "codes").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        for report, anchor in re.findall(r'href="\.\./\.\./reports/([^"#]+)#([^"]+)"', html):
            if report not in ids:
                target = (corpus_site / "reports" / report).read_text(encoding="utf-8")
                ids[report] = set(re.findall(r' id="([^"]+)"', target))
            if anchor not in ids[report]:
                missing.append((path.name, report, anchor))
    assert ids, "no code page links a report row"
    assert missing == []


def printed_totals() -> dict[str, Decimal]:
    """Each report's printed 合计 row of its all-funds spending table, 本年支出合计 column."""
    amounts = load("amounts")
    rows = amounts[
        (amounts["table"] == "expenditure")
        & (amounts["code"] == "")
        & amounts["row_label"].isin(["合计", "总计"])
        & (amounts["column"] == "total")
        & (amounts["amount"] != "")
    ]
    return {r.report_id: Decimal(r.amount) for r in rows.drop_duplicates("report_id").itertuples()}


def test_publisher_pages_show_the_printed_totals(corpus_site: Path) -> None:
    """A publisher page's 支出合计 is the 合计 the document prints, and a total the site had
    to sum is marked as computed."""
    totals = printed_totals()
    reports = load("reports")
    checked = 0
    for publisher_id, group in reports.groupby("publisher_id"):
        html = (corpus_site / "publishers" / f"{publisher_id}.html").read_text(encoding="utf-8")
        table = html.split('id="table-reports"', 1)[1].split("</table>", 1)[0]
        for row in re.findall(r"<tr>(.*?)</tr>", table):
            report = re.search(r'href="\.\./reports/([^"]+)\.html"', row)
            if not report or report.group(1) not in set(group["report_id"]):
                continue
            cells = re.findall(r"<td[^>]*>.*?</td>", row)
            total_cell = cells[4]
            if report.group(1) in totals:
                assert f'data-sort="{totals[report.group(1)]}"' in total_cell, total_cell
                assert "computed" not in total_cell
                checked += 1
            elif 'data-sort=""' not in total_cell:
                assert "computed" in total_cell, total_cell
    assert checked >= 20


def test_kind_pages_show_the_same_printed_totals(corpus_site: Path) -> None:
    """The 部门类别 pages show each report's printed 支出合计, as the publisher pages do."""
    totals = printed_totals()
    checked = 0
    for path in sorted((corpus_site / "kinds").glob("*.html")):
        html = path.read_text(encoding="utf-8")
        if 'id="table-kind-reports"' not in html:
            continue
        table = html.split('id="table-kind-reports"', 1)[1].split("</table>", 1)[0]
        for row in re.findall(r"<tr>(.*?)</tr>", table):
            report = re.search(r'href="\.\./reports/([^"]+)\.html"', row)
            if report and report.group(1) in totals:
                total_cell = re.findall(r"<td[^>]*>.*?</td>", row)[5]
                assert f'data-sort="{totals[report.group(1)]}"' in total_cell, total_cell
                checked += 1
    assert checked >= 20


def test_a_class_printed_once_per_unit_is_compared_as_their_sum(corpus_site: Path) -> None:
    """A spending table listed unit by unit prints a 类 once per budget unit: the
    comparison page shows the report's class as the exact sum of those rows, marked as
    the site's sum, and the report's treemap holds each class once."""
    spending = load("function_spending")
    classes = spending[
        (spending["table"] == "expenditure")
        & (spending["fund"] == "all")
        & (spending["level"] == "1")
        & (spending["total"] != "")
    ]
    repeated = classes[classes.duplicated(["report_id", "function_code"], keep=False)]
    assert not repeated.empty, "no report prints a class once per unit"
    html = (corpus_site / "compare" / "function-classes.html").read_text(encoding="utf-8")
    header = re.findall(r"<th[^>]*>(.*?)</th>", html.split("</thead>", 1)[0])
    checked = 0
    for (report_id, code), rows in repeated.groupby(["report_id", "function_code"]):
        row = re.search(rf'<tr><td[^>]*><a href="\.\./reports/{report_id}\.html".*?</tr>', html)
        cells = re.findall(r"<td[^>]*>.*?</td>", row.group(0))
        column = next(i for i, label in enumerate(header) if label.startswith(f"{code} "))
        total = sum((Decimal(value) for value in rows["total"]), Decimal(0))
        assert f'data-sort="{total}"' in cells[column] and "computed" in cells[column]
        page = (corpus_site / "reports" / f"{report_id}.html").read_text(encoding="utf-8")
        treemap = json.loads(re.search(r'id="treemap-[^"]+">(.*?)</script>', page).group(1))
        names = [node["name"] for node in treemap["data"]]
        assert len(names) == len(set(names)) and f"{code} {rows.iloc[0]['function_name']}" in names
        checked += 1
    assert checked >= 5


def test_findings_are_numbered_once_across_the_site(corpus_site: Path) -> None:
    findings = load("findings")
    quality = (corpus_site / "data" / "quality.html").read_text(encoding="utf-8")
    numbers = [int(n) for n in re.findall(r'<tr id="finding-(\d+)"', quality)]
    assert sorted(numbers) == list(range(1, len(findings) + 1))
    report_id = findings["report_id"].iloc[-1]
    report = (corpus_site / "reports" / f"{report_id}.html").read_text(encoding="utf-8")
    linked = re.findall(r'href="\.\./data/quality\.html#finding-(\d+)"', report)
    own = (findings["report_id"] == report_id).sum()
    assert len(linked) == own
    assert int(max(linked, key=int)) == len(findings)


def test_identity_findings_explain_themselves_in_chinese(corpus_site: Path) -> None:
    quality = (corpus_site / "data" / "quality.html").read_text(encoding="utf-8")
    table = quality.split('id="table-findings"', 1)[1].split("</table>", 1)[0]
    for row in re.findall(r"<tr id=\"finding-\d+\">(.*?)</tr>", table):
        explanation = re.findall(r"<td[^>]*>(.*?)</td>", row)[-1]
        said = explanation.split("<details>")[0]
        assert said and not re.search(r"[A-Za-z]{4,}", said), said


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "data/quality.html",
        "codes/function/211.html",
        "codes/index.html",
        "compare/three-public.html",
        "reports/shpt-czj-2024-final-dept.html",
        "data/query.html",
    ],
)
def test_no_element_overflows_a_phone(context, site_url: str, path: str) -> None:
    tab = context.new_page()
    tab.set_viewport_size(PHONE)
    tab.goto(site_url + path)
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width


def test_findings_read_as_cards_on_a_phone(context, site_url: str) -> None:
    """On a phone a finding is a card: no table heading, one line per field, each line
    naming its column, and the card no wider than the screen."""
    tab = context.new_page()
    tab.set_viewport_size(PHONE)
    tab.goto(site_url + "data/quality.html")
    assert not tab.locator("#table-findings thead").is_visible()
    card = tab.locator("#table-findings tbody tr").first
    box = card.bounding_box()
    assert box["width"] <= PHONE["width"]
    cells = card.locator("td")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1, "cells side by side"
    label = cells.nth(0).evaluate("cell => getComputedStyle(cell, '::before').content")
    assert label.strip('"') == "编号"
    tab.set_viewport_size({"width": 1280, "height": 900})
    assert tab.locator("#table-findings thead").is_visible()


def test_a_chart_of_a_bar_per_report_keeps_a_row_per_report_on_a_phone(
    context, site_url: str
) -> None:
    """On a phone the comparison chart is not squeezed to a fixed height: each report's
    bar keeps the room its label needs."""
    tab = context.new_page()
    tab.set_viewport_size(PHONE)
    tab.goto(site_url + "compare/three-public.html")
    holder = tab.locator(".fiscal-chart").first
    holder.locator("svg").wait_for()
    reports = tab.locator("#table-three-public tbody tr").count()
    assert holder.bounding_box()["height"] >= 40 * reports


@pytest.mark.parametrize(
    "report_id",
    [
        "gz-data-2026-perf-target-project",
        "bj-finance-2026-budget-dept",
        "cs-petition-2026-budget-dept",
    ],
)
def test_every_form_a_printed_table_gives_is_on_the_report_page(
    corpus_site: Path, report_id: str
) -> None:
    """A table listing its projects down its rows is a form per project (gz-data's book: 70
    projects on 12 pages; bj-finance's 预算12表; cs-petition's 项目支出绩效目标表 pp. 22–29, then
    its 部门整体支出绩效目标表): the report page shows each project's indicators, not the
    first project's alone."""
    indicators = read_csv(ROOT / resource("performance_indicators")["path"])
    expected = set(indicators.loc[indicators["report_id"] == report_id, "form"])
    html = (corpus_site / "reports" / f"{report_id}.html").read_text(encoding="utf-8")
    shown = set(re.findall(r'id="table-form-(\d+)-indicators"', html))
    assert shown == expected and len(expected) > 1
