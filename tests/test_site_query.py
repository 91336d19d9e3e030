"""The SQL page in a real browser (Debian's headless Chromium): SQLite running in the page over
the published database, its example queries answering with the package's own figures, errors
shown as text, results as CSV, and the same page working from disk with the downloaded file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from fiscal.schema import ROOT, descriptor, read_csv, resource
from fiscal.site.figures import spending_rows
from fiscal.site.generate import NODE_MODULES, VENDOR
from fixtures.browser import watched_page

QUERY = "data/query.html"
#: Published gzip-compressed; the page inflates it, fetched or chosen from disk.
DATABASE = f"downloads/{descriptor()['name']}.sqlite.gz"
#: The examples the issue asked for, by their buttons' keys.
REQUIRED_EXAMPLES = {"three-public", "energy-by-year", "energy-by-department", "findings-by-rule"}
#: The result table as the reader sees it: headings, then each row's cells as text.
READ_RESULT = """() => {
  const table = document.querySelector('#fiscal-query .fiscal-query-result table');
  if (!table) return null;
  return {
    headings: [...table.tHead.rows[0].cells].map(c => c.textContent),
    rows: [...table.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent)),
  };
}"""


def load(name: str) -> pd.DataFrame:
    return read_csv(ROOT / resource(name)["path"])


def current_report_ids() -> set[str]:
    """The reports the comparison pages (and the example queries) use."""
    catalogue = load("sources").drop_duplicates("report_id")
    reports = load("reports").merge(
        catalogue[["report_id", "superseded_by"]], on="report_id", suffixes=("_run", "")
    )
    current = reports[(reports["status"] == "ok") & (reports["superseded_by"] == "")]
    return set(current["report_id"])


def shown(value: str) -> Decimal | None:
    """A cell as the page shows it: a number, or NULL (the package's blank)."""
    return None if value == "NULL" else Decimal(value)


def printed(value: str) -> Decimal | None:
    return Decimal(value) if value else None


@pytest.fixture
def page(browser) -> Iterator:
    with watched_page(browser, accept_downloads=True) as tab:
        yield tab


@pytest.fixture
def disk_page(browser) -> Iterator:
    """A page for file:// URLs, where the theme's search cannot load its index (the
    README says so): that error is the theme's, any other fails the test."""
    with watched_page(browser, ignored="search/search_index.js", accept_downloads=True) as tab:
        yield tab


def open_ready(page, url: str) -> None:
    """Open the SQL page and wait until the database is loaded into it."""
    page.goto(url)
    page.wait_for_selector("#fiscal-query[data-ready]", state="attached", timeout=60000)


def run_example(page, key: str) -> dict:
    """Click an example button; return the result table once it is shown."""
    page.locator("#fiscal-query .fiscal-query-result").evaluate("e => e.replaceChildren()")
    page.click(f'[data-example="{key}"]')
    page.wait_for_selector("#fiscal-query .fiscal-query-result table", timeout=15000)
    return page.evaluate(READ_RESULT)


def records(result: dict) -> list[dict[str, str]]:
    return [dict(zip(result["headings"], row, strict=True)) for row in result["rows"]]


def test_every_example_query_returns_rows(page, site_url: str) -> None:
    open_ready(page, site_url + QUERY)
    assert "已载入数据库" in page.locator(".fiscal-query-status").text_content()
    keys = page.locator("[data-example]").evaluate_all("bs => bs.map(b => b.dataset.example)")
    assert set(keys) >= REQUIRED_EXAMPLES
    for key in keys:
        result = run_example(page, key)
        assert len(result["rows"]) > 0, key
        count = page.locator(".fiscal-query-count").text_content()
        assert count == f"共 {len(result['rows'])} 行", key
        assert page.locator(".fiscal-query-error").is_hidden()


def test_three_public_example_agrees_with_the_package(page, site_url: str) -> None:
    open_ready(page, site_url + QUERY)
    rows = records(run_example(page, "three-public"))
    three = load("three_public")
    totals = three[three["item"] == "total"].sort_values("row", key=lambda r: r.astype(int))
    totals = totals.drop_duplicates("report_id").set_index("report_id")  # the department's
    expected = set(totals.index) & current_report_ids()
    assert {row["报告编号"] for row in rows} == expected
    names = load("sources").drop_duplicates("report_id").set_index("report_id")["publisher"]
    for row in rows:
        report_id = row["报告编号"]
        assert row["部门"] == names[report_id]
        assert row["年度"] == totals.loc[report_id, "fiscal_year"]
        assert shown(row["预算数"]) == printed(totals.loc[report_id, "budget"]), report_id
        assert shown(row["决算数"]) == printed(totals.loc[report_id, "actual"]), report_id


def test_energy_example_sums_the_211_rows_the_site_totals(page, site_url: str) -> None:
    """Class 211 of the all-funds spending table, summed per report as figures.py sums."""
    open_ready(page, site_url + QUERY)
    rows = records(run_example(page, "energy-by-department"))
    classes = spending_rows(load("function_spending"))
    classes = classes[(classes["level"] == "1") & (classes["function_code"] == "211")]
    classes = classes[classes["report_id"].isin(current_report_ids())]
    expected = {
        report_id: sum((Decimal(v) for v in group["total"] if v), Decimal(0))
        for report_id, group in classes.groupby("report_id")
    }
    assert {row["报告编号"]: shown(row["支出合计"]) for row in rows} == expected
    by_year = records(run_example(page, "energy-by-year"))
    assert sum(shown(row["支出合计"]) for row in by_year) == sum(expected.values())


def test_findings_example_counts_every_finding(page, site_url: str) -> None:
    open_ready(page, site_url + QUERY)
    rows = records(run_example(page, "findings-by-rule"))
    counts = load("findings")["rule"].value_counts()
    assert {row["规则"]: int(row["发现数"]) for row in rows} == counts.to_dict()
    assert all(row["规则名称"] != "NULL" for row in rows)


def test_a_bad_query_shows_its_error_as_text(page, site_url: str) -> None:
    open_ready(page, site_url + QUERY)
    run_example(page, "findings-by-rule")
    page.fill(".fiscal-query-sql", "SELEC * FROM reports")
    page.click('[data-action="run"]')
    error = page.locator(".fiscal-query-error")
    assert error.is_visible()
    assert "syntax error" in error.text_content()
    assert page.evaluate(READ_RESULT) is None  # the last result is gone with it
    assert page.locator('[data-action="csv"]').is_disabled()
    page.fill(".fiscal-query-sql", "SELECT * FROM no_such_table")
    page.keyboard.press("Control+Enter")
    assert "no such table" in error.text_content()


def test_values_from_the_database_stay_text(page, site_url: str) -> None:
    open_ready(page, site_url + QUERY)
    markup = "<img src=x onerror=alert(1)><b>粗体</b>"
    page.fill(".fiscal-query-sql", f"SELECT '{markup}' AS \"<i>列</i>\"")
    page.click('[data-action="run"]')
    result = page.evaluate(READ_RESULT)
    assert result == {"headings": ["<i>列</i>"], "rows": [[markup]]}
    assert page.locator("#fiscal-query img, #fiscal-query b, #fiscal-query i").count() == 0


def download_csv(page) -> list[list[str]]:
    with page.expect_download() as info:
        page.click('[data-action="csv"]')
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def test_csv_download_holds_the_result(page, site_url: str) -> None:
    open_ready(page, site_url + QUERY)
    result = run_example(page, "three-public")
    lines = download_csv(page)
    assert lines[0] == result["headings"]
    cells = [["" if cell == "NULL" else cell for cell in row] for row in result["rows"]]
    assert lines[1:] == cells
    page.fill(
        ".fiscal-query-sql",
        "SELECT 'a,b' AS 逗号, 'say \"hi\"' AS 引号,"
        " 'one' || char(10) || 'two' AS 换行, NULL AS 空",
    )
    page.click('[data-action="run"]')
    assert download_csv(page) == [
        ["逗号", "引号", "换行", "空"],
        ["a,b", 'say "hi"', "one\ntwo", ""],
    ]


def test_page_opened_from_disk_reads_the_chosen_file(disk_page, corpus_site: Path) -> None:
    """A file:// page may not fetch: it asks for the downloaded database, then answers."""
    disk_page.goto((corpus_site / QUERY).as_uri())
    chooser = disk_page.locator(".fiscal-query-file")
    chooser.wait_for(state="visible", timeout=30000)
    assert "选择下载的 SQLite 文件" in chooser.text_content()
    disk_page.click('[data-example="findings-by-rule"]')  # before the file: it waits for one
    assert "请先选择" in disk_page.locator(".fiscal-query-status").text_content()
    disk_page.set_input_files(".fiscal-query-file input", corpus_site / DATABASE)
    disk_page.wait_for_selector("#fiscal-query[data-ready]", state="attached", timeout=60000)
    disk_page.wait_for_selector("#fiscal-query .fiscal-query-result table", timeout=15000)
    rows = records(disk_page.evaluate(READ_RESULT))
    assert sum(int(row["发现数"]) for row in rows) == len(load("findings"))


def test_sql_js_is_vendored_and_only_the_sql_page_loads_it(corpus_site: Path) -> None:
    vendored = {name: source for name, source in VENDOR.items() if source.startswith("sql.js/")}
    assert {"sql-wasm.js", "sql-wasm.wasm", "sql.js.LICENSE.txt"} <= set(vendored)
    for name, source in vendored.items():
        served = corpus_site / "assets" / "vendor" / name
        assert served.read_bytes() == (NODE_MODULES / source).read_bytes(), name
    loading = {
        page.relative_to(corpus_site).as_posix()
        for page in corpus_site.rglob("*.html")
        if "assets/query.js" in page.read_text(encoding="utf-8")
    }
    assert loading == {QUERY}
