"""The per-resource downloads are analysis-ready: each row names its report's publisher,
scope, region, level, year, phase and unit; a table printed without figures has a row that
says so; a department whose units' reports are also present is flagged; every workbook has
a 数据字典 of Chinese names. Expectations come from the package's own CSVs, not from the
site's code."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from conftest import download_frame
from fiscal.schema import DESCRIPTOR, ROOT, descriptor, read_csv, resource, resource_names
from fiscal.site.analysis import DICTIONARY_COLUMNS, DICTIONARY_SHEET, report_context
from fiscal.site.data import load_package
from fiscal.site.downloads import (
    FORM_SHEETS,
    REPORT_SHEET,
    Files,
    _write_report_workbook,
    write_resource_csv,
    write_resource_workbook,
)

NAME = descriptor()["name"]
#: What the researcher asked every row of the 三公 download to say.
CONTEXT = (
    "publisher_id",
    "publisher",
    "province",
    "division_code",
    "admin_level",
    "fiscal_year",
    "phase",
    "scope",
    "amount_unit",
)


def package(name: str) -> pd.DataFrame:
    return read_csv(ROOT / resource(name)["path"])


def reports() -> pd.DataFrame:
    """A row per catalogued report (its first file's facts) with its extraction status."""
    sources = package("sources").drop_duplicates("report_id")
    status = package("reports").set_index("report_id")["status"]
    return sources.assign(status=sources["report_id"].map(status).fillna("failed"))


def chinese(title: str) -> str:
    return title.split(" / ", 1)[1] if " / " in title else title


def test_three_public_download_names_publisher_scope_region_level_year_phase_and_unit(
    corpus_site: Path,
) -> None:
    view = download_frame(corpus_site, "three_public")
    assert len(view) > 0
    for column in CONTEXT:
        # a central department (国家信访局) belongs to no province: its level says so
        rows = view[view["admin_level"] != "central"] if column == "province" else view
        assert (rows[column] != "").all(), column
    assert "central" in set(view["admin_level"])
    assert list(view.columns).index("amount_unit") < list(view.columns).index("item")
    facts = reports().set_index("report_id")
    for column in ("publisher", "scope", "province", "city", "district", "admin_level"):
        assert list(view[column]) == list(view["report_id"].map(facts[column])), column
    assert list(view["phase"]) == list(view["report_id"].map(facts["family"]))
    assert set(view["amount_unit"]) == {"万元"}
    printed = package("three_public")
    figures = view[view["table_status"] == "extracted"].reset_index(drop=True)
    assert figures[list(printed.columns)].equals(printed)
    for measure in ("budget", "actual"):
        total = sum(Decimal(v) for v in figures[measure] if v)
        assert total == sum(Decimal(v) for v in printed[measure] if v) > 0


def test_a_three_public_table_printed_without_figures_has_a_row_saying_so(
    corpus_site: Path,
) -> None:
    """本表无数据 (no spending) is a row without figures; a report that prints no 三公 table
    (not published) has no row at all."""
    tables = package("report_tables")
    tables = tables[tables["table"] == "three_public"]
    without = tables[tables["status"].isin(["no_data", "empty"])]
    assert (without["status"] == "no_data").any()
    view = download_frame(corpus_site, "three_public")
    for table in without.itertuples():
        rows = view[(view["report_id"] == table.report_id) & (view["table_status"] != "extracted")]
        assert len(rows) == 1, table.report_id
        row = rows.iloc[0]
        assert row["table_status"] == table.status
        assert row["table_note"] == table.note
        assert row["budget"] == row["actual"] == row["item"] == ""
        assert row["publisher"] and row["scope"] and row["amount_unit"] == "万元"
    read = reports()
    never = set(read.loc[read["status"] == "ok", "report_id"]) - set(tables["report_id"])
    assert never and not never & set(view["report_id"])


def expected_departments() -> tuple[set[str], dict[str, str]]:
    """The rule, from the catalogue: a unit-scope report belongs to a department-scope report
    of the same year and phase with its publisher id, or whose publisher name its own name
    begins with (the nearest: same id, then the longest name); both extracted."""
    read = reports()
    read = read[read["status"] == "ok"]
    departments = read[read["scope"] == "department"].to_dict(orient="records")
    overlapping, department_of = set(), {}
    for unit in read[read["scope"] == "unit"].to_dict(orient="records"):
        parents = [
            d
            for d in departments
            if (d["fiscal_year"], d["family"]) == (unit["fiscal_year"], unit["family"])
            and (
                d["publisher_id"] == unit["publisher_id"]
                or unit["publisher"].startswith(d["publisher"])
            )
        ]
        overlapping |= {d["report_id"] for d in parents}
        if parents:
            nearest = min(
                parents,
                key=lambda d: (d["publisher_id"] != unit["publisher_id"], -len(d["publisher"])),
            )
            department_of[unit["report_id"]] = nearest["report_id"]
    return overlapping, department_of


@pytest.mark.parametrize("name", ["three_public", "function_spending", "reports", "amounts"])
def test_a_department_whose_units_are_present_is_flagged(corpus_site: Path, name: str) -> None:
    overlapping, department_of = expected_departments()
    assert overlapping and department_of  # the corpus has departments with their units
    view = download_frame(corpus_site, name)
    flagged = view["report_id"].isin(overlapping).map({True: "true", False: "false"})
    assert list(view["overlaps_units"]) == list(flagged)
    assert list(view["department_report_id"]) == list(
        view["report_id"].map(department_of).fillna("")
    )
    assert set(view.loc[view["overlaps_units"] == "true", "scope"]) <= {"department"}
    assert set(view.loc[view["department_report_id"] != "", "scope"]) <= {"unit"}


def test_dropping_units_of_present_departments_counts_each_figure_once(corpus_site: Path) -> None:
    """A unit's 三公 figures are inside its department's: the sum the flags allow leaves out
    exactly the units' rows whose department is in the download."""
    view = download_frame(corpus_site, "three_public")
    totals = view[(view["item"] == "total") & (view["budget"] != "")]
    kept = totals[totals["department_report_id"] == ""]
    units = totals[totals["department_report_id"] != ""]
    assert len(units) > 0
    assert set(units["department_report_id"]) <= set(kept["report_id"])


def _workbooks(site: Path) -> list[Path]:
    found = sorted((site / "downloads").rglob("*.xlsx"))
    assert len(found) > 50
    return found


def test_every_workbook_ends_with_a_chinese_data_dictionary(corpus_site: Path) -> None:
    """Each sheet's columns are listed on 数据字典 with their Chinese names; a resource's
    columns with the descriptor's Chinese titles."""
    titles = {
        (r["name"], f["name"]): chinese(f["title"])
        for r in descriptor()["resources"]
        for f in r["schema"]["fields"]
    }
    for path in _workbooks(corpus_site):
        sheets = pd.read_excel(path, sheet_name=None, dtype=str, keep_default_na=False)
        assert list(sheets)[-1] == DICTIONARY_SHEET, path
        dictionary = sheets.pop(DICTIONARY_SHEET)
        assert tuple(dictionary.columns) == DICTIONARY_COLUMNS
        assert (dictionary["中文名"] != "").all() and (dictionary["类型"] != "").all(), path
        for sheet, frame in sheets.items():
            lines = dictionary[dictionary["工作表"] == sheet]
            if sheet == REPORT_SHEET:
                assert list(lines["字段"]) == list(frame["字段"]), path
            elif path.parent.name == "data" or sheet in FORM_SHEETS:
                assert list(lines["字段"]) == list(frame.columns), (path, sheet)
                for field, label in zip(lines["字段"], lines["中文名"], strict=True):
                    assert label == titles.get((sheet, field), label), (path, field)
            else:  # a printed table: its Chinese headings, each under its amounts field
                assert list(lines["中文名"]) == list(frame.columns), (path, sheet)
    three_public = pd.read_excel(
        corpus_site / "downloads" / "data" / "three_public.xlsx", sheet_name=DICTIONARY_SHEET
    )
    labels = dict(zip(three_public["字段"], three_public["中文名"], strict=True))
    assert labels["publisher"] == "发布单位" and labels["scope"] == "口径"
    assert labels["overlaps_units"] == "含下属单位报告" and labels["budget"] == "预算数"


def test_a_report_workbook_opens_with_the_report(corpus_site: Path) -> None:
    facts = reports().set_index("report_id")
    path = next((corpus_site / "downloads" / "reports").glob("*.xlsx"))
    about = pd.read_excel(path, sheet_name=REPORT_SHEET, dtype=str, keep_default_na=False)
    values = dict(zip(about["字段"], about["值"], strict=True))
    report = facts.loc[path.stem]
    assert values["publisher"] == report["publisher"] and values["scope"] == report["scope"]
    assert values["phase"] == report["family"] and values["province"] == report["province"]


def test_the_data_dictionary_csv_names_every_download_column(corpus_site: Path) -> None:
    dictionary = pd.read_csv(
        corpus_site / "downloads" / "data-dictionary.csv", dtype=str, keep_default_na=False
    )
    assert dictionary.columns[0] == "resource"  # no byte-order mark left in the header
    for name in resource_names():
        listed = dictionary.loc[dictionary["resource"] == name, "field"]
        assert list(listed) == list(download_frame(corpus_site, name).columns), name
    assert (dictionary["title_cn"] != "").all()
    page = (corpus_site / "data" / "dictionary.html").read_text(encoding="utf-8")
    for field in ("overlaps_units", "department_report_id", "table_status", "amount_unit"):
        assert f"<code>{field}</code>" in page


def _normalised(value: object) -> object:
    """A cell as CSV text and as SQLite value compare: blank is None, flags 1 / 0, numbers
    by value."""
    if value is None or value == "":
        return None
    if value in ("true", "false"):
        return int(value == "true")
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return str(value)


def test_sqlite_views_give_the_csv_downloads(corpus_site: Path, corpus_database: Path) -> None:
    database = sqlite3.connect(corpus_database)
    try:
        views = {
            row[0] for row in database.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
        }
        assert "three_public_view" in views and "amounts_view" in views
        for view in sorted(views):
            name = view.removesuffix("_view")
            csv = download_frame(corpus_site, name)
            cursor = database.execute(f'SELECT * FROM "{view}"')
            assert [c[0] for c in cursor.description] == list(csv.columns), view
            stored = sorted((tuple(map(_normalised, row)) for row in cursor.fetchall()), key=repr)
            expected = sorted(
                (tuple(map(_normalised, row)) for row in csv.itertuples(index=False)), key=repr
            )
            assert stored == expected, view
    finally:
        database.close()


def test_the_same_package_gives_the_same_download_bytes(tmp_path: Path) -> None:
    loaded = load_package(DESCRIPTOR)
    context = report_context(loaded).set_index("report_id", drop=False)
    report_id = package("three_public")["report_id"].iloc[0]
    written = []
    for run in ("one", "two"):
        docs = tmp_path / run
        files = Files()
        for name in ("three_public", "reports"):
            write_resource_csv(loaded, docs, name, files)
            write_resource_workbook(loaded, docs, name)
        _write_report_workbook(loaded, docs, context.loc[report_id], files)
        written.append({p.relative_to(docs): p.read_bytes() for p in docs.rglob("*.*")})
        shutil.rmtree(docs)
    assert len(written[0]) == 5 and written[0] == written[1]
