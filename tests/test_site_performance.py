"""Performance forms on a report page, in the browser: each form's funds and indicators as
the package holds them, one numbered section per project form."""

from __future__ import annotations

import io
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from fiscal.cli import main
from fiscal.schema import read_csv
from fixtures.browser import serve
from fixtures.performance_forms import SEEDS, build_performance_pdf, read_seed_forms

REPORT_ID = "hengyang-sthjj-2022-perf"
#: Each body row of a table as its cells' text.
ROWS = "t => [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.textContent.trim()))"


@pytest.fixture(scope="module")
def performance(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(package directory, built site) of a performance report typeset from a seed."""
    directory = tmp_path_factory.mktemp("performance")
    forms = read_seed_forms(SEEDS["hengyang"])
    pdf = directory / f"{REPORT_ID}.pdf"
    build_performance_pdf(pdf, forms, [f"{forms[0].title[:4]}年度部门整体支出绩效自评报告"])
    package = directory / "package"
    assert main(["extract", str(pdf), "--report-id", REPORT_ID, "--out", str(package)]) == 0
    site = directory / "site"
    descriptor = str(package / "datapackage.json")
    assert main(["site", "--package", descriptor, "--docs", str(directory / "docs"),
                 "--out", str(site)]) == 0  # fmt: skip
    return package, site


@pytest.fixture(scope="module")
def report_page(browser, performance: tuple[Path, Path]) -> Iterator:
    with serve(performance[1]) as url:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}reports/{REPORT_ID}.html")
        yield page
        context.close()


def test_each_form_shows_its_indicators(report_page, performance: tuple[Path, Path]) -> None:
    indicators = read_csv(performance[0] / "performance_indicators.csv")
    assert len(indicators) > 0
    for form, rows in indicators.groupby("form"):
        shown = report_page.locator(f"#table-form-{form}-indicators").evaluate(ROWS)
        assert len(shown) == len(rows)
        for cells, row in zip(shown, rows.to_dict(orient="records"), strict=True):
            for field in ("level3", "target", "actual", "points", "score", "page"):
                if row[field]:
                    assert row[field] in cells, (form, field, row[field], cells)


def test_each_form_shows_its_funds_in_wan_yuan(report_page, performance) -> None:
    funds = read_csv(performance[0] / "performance_funds.csv")
    assert len(funds) > 0
    for form, rows in funds.groupby("form"):
        shown = report_page.locator(f"#table-form-{form}-funds").evaluate(ROWS)
        for cells, row in zip(shown, rows.to_dict(orient="records"), strict=True):
            assert cells[0] == row["fund_label"]
            figures = {Decimal(c.replace(",", "")) for c in cells[2:-1] if c not in ("", "—")}
            for field in ("initial_budget", "full_year_budget", "executed", "amount"):
                if row[field]:
                    assert Decimal(row[field]).quantize(Decimal("0.01")) in figures


def test_forms_printed_per_project_are_numbered_sections(report_page, performance) -> None:
    tables = read_csv(performance[0] / "report_tables.csv")
    projects = tables[tables["table"] == "project_self_evaluation"]
    assert len(projects) > 1
    headings = report_page.locator("article h2").all_inner_texts()
    for instance in projects["instance"]:
        assert any(f"项目支出绩效自评表（{instance}）" in h for h in headings)


def test_each_form_downloads_its_indicators_and_funds(report_page, performance) -> None:
    """In the report's workbook: a sheet of indicators and one of funds, by form."""
    [url] = set(
        report_page.locator(".fiscal-downloads a").evaluate_all("links => links.map(a => a.href)")
    )
    body = report_page.request.get(url).body()
    sheets = pd.read_excel(io.BytesIO(body), sheet_name=None, dtype=str)
    for name in ("performance_indicators", "performance_funds"):
        rows = read_csv(performance[0] / f"{name}.csv")
        downloaded = sheets[name]
        assert len(downloaded) == len(rows) > 0
        for form, expected in rows.groupby("form"):
            assert (downloaded["form"] == form).sum() == len(expected)


def test_a_form_printed_blank_gives_none_of_the_forms_after_it() -> None:
    """A 绩效目标表 printed blank with 本表无数据 (Chongqing's 表十一 on p. 23, before 表十二 on
    p. 24) is a printing of the kind that gives no form: the form read on p. 24 is the next
    printing's, not the blank one's."""
    from fiscal.site.report import _forms_of_printings

    printings = pd.DataFrame(
        {
            "table": ["performance_targets"] * 3,
            "number": [1, 2, 3],
            "page": [22, 23, 24],
            "last_page": ["22", "23", "24"],
            "status": ["extracted", "no_data", "extracted"],
        }
    )
    forms = pd.DataFrame(
        {"table": ["performance_targets"] * 2, "form": ["1", "2"], "first_page": ["22", "24"]}
    )
    given = _forms_of_printings(printings, forms)
    assert {key: [form["form"] for form in taken] for key, taken in given.items()} == {
        ("performance_targets", 1): ["1"],
        ("performance_targets", 3): ["2"],
    }
