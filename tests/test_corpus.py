"""The data package built from the real corpus PDFs by `dvc repro`.

The figures checked here were read by eye from the PDF pages named beside them, so a
wrong-but-consistent extraction (a shifted column, a swapped row) cannot pass. The
Shanghai Putuo reports (the layouts the extractor was built on) are held to every check;
the rest of the national corpus to the checks that hold for any layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pypdfium2 as pdfium
import pytest

from fiscal.package.validate import validate_package
from fiscal.read.templates import FORM, TEMPLATES
from fiscal.schema import ROOT, field_names, read_csv, resource
from fiscal.vocabulary import NARRATIVE_RULES

PACKAGE = ROOT / "data" / "package"
CZJ = "shpt-czj-2024-final-dept"  # 上海市普陀区财政局 2024 部门决算
SHGZB = "shpt-shgzb-2024-final-dept"  # 中共上海市普陀区委社会工作部 2024 部门决算
FINALS = (CZJ, SHGZB)
QZFB_DEPT, QZFB_UNIT = "shpt-qzfb-2025-budget-dept", "shpt-qzfb-2025-budget-unit"
SFJ_DEPT, SFJ_UNIT = "shpt-sfj-2026-budget-dept", "shpt-sfj-2026-budget-unit"
SWH = "shpt-swh-2025-budget-dept"
WLJD_2024, WLJD_2025 = "shpt-wljd-2024-budget-dept", "shpt-wljd-2025-budget-dept"
BUDGETS = (QZFB_DEPT, QZFB_UNIT, SFJ_DEPT, SFJ_UNIT, SWH, WLJD_2024, WLJD_2025)
PUTUO = FINALS + BUDGETS


def putuo(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame.report_id.isin(PUTUO)]


def load(name: str) -> pd.DataFrame:
    path = ROOT / resource(name)["path"]
    if not path.exists():
        pytest.fail(f"{path} is missing: build the package first (bash scripts/build.sh)")
    return read_csv(path)


@pytest.fixture(scope="module")
def amounts() -> pd.DataFrame:
    return load("amounts")


def one_row(
    amounts: pd.DataFrame, report: str, table: str, column: str, *, code: str = "", label: str = ""
) -> pd.Series:
    """The one amounts row at a row (by code, or by printed label) and column."""
    rows = amounts[
        (amounts.report_id == report) & (amounts.table == table) & (amounts.column == column)
    ]
    rows = rows[rows.code == code] if code else rows[rows.row_label == label]
    assert len(rows) == 1, f"{report} {table} {code or label} {column}: {len(rows)} rows"
    return rows.iloc[0]


def figure(
    amounts: pd.DataFrame, report: str, table: str, column: str, *, code: str = "", label: str = ""
) -> tuple[Decimal, int]:
    """The one amount at a row (by code, or by printed label) and column, with its page."""
    row = one_row(amounts, report, table, column, code=code, label=label)
    return Decimal(row.amount), int(row.page)


#: 元 in one of each unit a table header can print (单位：元 …); the package holds 万元.
YUAN_IN = {"元": 1, "千元": 1000, "万元": 10000, "亿元": 100000000}


def in_wan_yuan(printed: str, unit: str) -> Decimal:
    """A printed amount converted to 万元 by plain string handling, not fiscal.numbers.

    Digits, optionally grouped by three with commas, an optional decimal part and an
    optional leading minus; anything else fails the assertion rather than being guessed.
    """
    body = printed[1:] if printed.startswith("-") else printed
    whole, dot, fraction = body.partition(".")
    groups = whole.split(",")
    assert all(g.isascii() and g.isdigit() for g in groups), printed
    thousands = len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    assert len(groups) == 1 or thousands, printed
    assert not dot or (fraction.isascii() and fraction.isdigit()), printed
    value = Decimal("".join(groups) + dot + fraction) * YUAN_IN[unit] / YUAN_IN["万元"]
    return -value if printed.startswith("-") else value


# (report, table, code, label, column, amount, page) — read from the PDF by eye.
HAND_CHECKED = [
    (CZJ, "income_expenditure_summary", "", "本年收入合计", "amount", "2946.25", 6),
    (CZJ, "income_expenditure_summary", "", "八、社会保障和就业支出", "amount", "326.71", 6),
    (CZJ, "income_expenditure_summary", "", "年初结转和结余", "amount", "49.14", 7),
    (CZJ, "income", "2010602", "", "other_income", "6.19", 8),
    (CZJ, "income", "2210203", "", "fiscal_appropriation", "258.50", 9),
    (CZJ, "expenditure", "", "合计", "basic_expenditure", "2336.91", 10),
    (CZJ, "expenditure", "2010601", "", "project_expenditure", "8.37", 10),
    (CZJ, "expenditure", "2080506", "", "total", "80.38", 10),
    (CZJ, "expenditure", "2210201", "", "basic_expenditure", "187.19", 11),
    (CZJ, "appropriation_summary", "", "总计", "general_budget", "2961.68", 13),
    (CZJ, "general_budget_expenditure", "20106", "", "basic_expenditure", "1503.52", 15),
    (CZJ, "general_budget_basic_expenditure", "30102", "", "amount", "1238.58", 16),
    (CZJ, "general_budget_basic_expenditure", "302", "", "amount", "171.07", 16),
    (CZJ, "general_budget_basic_expenditure", "30213", "", "amount", "2.83", 16),
    (CZJ, "general_budget_basic_expenditure", "30239", "", "amount", "48.49", 17),
    (CZJ, "general_budget_basic_expenditure", "", "公用经费合计", "amount", "184.65", 17),
    (CZJ, "three_public", "", "", "reception_budget", "0.95", 18),
    (SHGZB, "income_expenditure_summary", "", "十九、住房保障支出", "amount", "29.42", 5),
    (SHGZB, "income_expenditure_summary", "", "本年支出合计", "amount", "307.82", 5),
    (SHGZB, "income", "2013999", "", "fiscal_appropriation", "202.24", 6),
    (SHGZB, "expenditure", "20139", "", "basic_expenditure", "62.63", 8),
    (SHGZB, "expenditure", "2101102", "", "total", "0.49", 9),
    (SHGZB, "appropriation_summary", "", "本年支出合计", "general_budget", "307.82", 11),
    (SHGZB, "general_budget_expenditure", "2080505", "", "total", "6.18", 12),
    (SHGZB, "general_budget_basic_expenditure", "30102", "", "amount", "39.72", 13),
    (SHGZB, "general_budget_basic_expenditure", "30113", "", "amount", "17.70", 13),
    (SHGZB, "general_budget_basic_expenditure", "30239", "", "amount", "2.43", 13),
    (SHGZB, "general_budget_basic_expenditure", "", "人员经费合计", "amount", "95.36", 13),
    # Budgets print 元; the package holds 万元.
    (QZFB_DEPT, "income_expenditure_summary", "", "一、财政拨款收入", "amount", "9101.677535", 8),
    (
        QZFB_DEPT,
        "income_expenditure_summary",
        "",
        "二、社会保障和就业支出",
        "amount",
        "421.377928",
        8,
    ),
    (QZFB_UNIT, "three_public", "", "", "overseas_travel_budget", "839.00", 20),
    (QZFB_UNIT, "three_public", "", "", "reception_budget", "28.50", 20),
    (QZFB_UNIT, "three_public", "", "", "operating_costs_budget", "213.28", 20),
    (SFJ_DEPT, "three_public", "", "", "total_budget", "10.81", 21),
    (SFJ_DEPT, "three_public", "", "", "vehicle_operation_budget", "9.98", 21),
    (SFJ_DEPT, "three_public", "", "", "operating_costs_budget", "217.83", 21),
    (SFJ_UNIT, "expenditure", "2040604", "", "project_expenditure", "2170.3947", 11),
    (SFJ_UNIT, "expenditure", "208", "", "basic_expenditure", "292.5857", 11),
    (SFJ_UNIT, "expenditure", "2040601", "", "project_expenditure", "6484.0547", 11),
    (SWH, "appropriation_summary", "", "五、资源勘探工业信息等支出", "general_budget", "29381", 14),
    (SWH, "appropriation_summary", "", "一、一般公共预算资金", "amount", "37151.4655", 14),
    (WLJD_2024, "general_budget_basic_expenditure", "30102", "", "total", "1662.381", 29),
    (WLJD_2024, "general_budget_basic_expenditure", "30107", "", "personnel", "1144.71", 29),
    (WLJD_2024, "general_budget_basic_expenditure", "302", "", "public", "1116.8569", 29),
    (WLJD_2025, "expenditure", "", "合计", "total", "18976.7551", 18),
    (WLJD_2025, "expenditure", "", "合计", "basic_expenditure", "10134.1746", 18),
]


@pytest.mark.parametrize(
    ("report", "table", "code", "label", "column", "value", "page"), HAND_CHECKED
)
def test_hand_checked_figures(
    amounts: pd.DataFrame,
    report: str,
    table: str,
    code: str,
    label: str,
    column: str,
    value: str,
    page: int,
) -> None:
    assert figure(amounts, report, table, column, code=code, label=label) == (Decimal(value), page)


# (report, table, code, label, column, printed text, table unit, 万元, page) — the text
# and unit as printed on the PDF page, read by eye; the 万元 figure worked out by hand.
HAND_READ_TEXTS = [
    (CZJ, "income_expenditure_summary", "", "一、一般公共预算财政拨款收入", "amount",
     "2,940.05", "万元", "2940.05", 6),
    (CZJ, "income_expenditure_summary", "", "八、其他收入", "amount", "6.20", "万元", "6.2", 6),
    (CZJ, "income_expenditure_summary", "", "十九、住房保障支出", "amount",
     "445.69", "万元", "445.69", 6),
    (SHGZB, "general_budget_basic_expenditure", "30112", "", "amount",
     "0.09", "万元", "0.09", 13),
    (SHGZB, "general_budget_basic_expenditure", "30203", "", "amount", "0.00", "万元", "0", 13),
    (SHGZB, "general_budget_basic_expenditure", "", "公用经费合计", "amount",
     "10.23", "万元", "10.23", 13),
    (QZFB_DEPT, "income_expenditure_summary", "", "一、一般公共服务支出", "amount",
     "82,096,797.42", "元", "8209.679742", 8),
    (QZFB_DEPT, "income_expenditure_summary", "", "收入总计", "amount",
     "91,016,775.35", "元", "9101.677535", 8),
    (QZFB_UNIT, "three_public", "", "", "total_budget", "867.50", "万元", "867.5", 20),
    (SFJ_DEPT, "three_public", "", "", "overseas_travel_budget", "0", "万元", "0", 21),
    (SFJ_DEPT, "three_public", "", "", "reception_budget", "0.83", "万元", "0.83", 21),
    (SFJ_UNIT, "expenditure", "2040607", "", "total", "1,160,000.00", "元", "116", 11),
    (SFJ_UNIT, "expenditure", "2040604", "", "basic_expenditure", "0.00", "元", "0", 11),
    (SFJ_UNIT, "expenditure", "2080501", "", "total", "561,240.00", "元", "56.124", 11),
    (SWH, "appropriation_summary", "", "收入总计", "amount",
     "371,514,655.00", "元", "37151.4655", 14),
    (SWH, "appropriation_summary", "", "六、商业服务业等支出", "total",
     "31,364,000.00", "元", "3136.4", 14),
    (WLJD_2024, "general_budget_basic_expenditure", "30204", "", "public",
     "30,000", "元", "3", 29),
    (WLJD_2024, "general_budget_basic_expenditure", "30112", "", "total",
     "216,087", "元", "21.6087", 29),
    (WLJD_2025, "expenditure", "", "合计", "project_expenditure",
     "88,425,805", "元", "8842.5805", 18),
]  # fmt: skip


@pytest.mark.parametrize(
    ("report", "table", "code", "label", "column", "printed", "unit", "value", "page"),
    HAND_READ_TEXTS,
)
def test_hand_read_printed_texts(
    amounts: pd.DataFrame,
    report: str,
    table: str,
    code: str,
    label: str,
    column: str,
    printed: str,
    unit: str,
    value: str,
    page: int,
) -> None:
    """The extracted text and unit are the page's, and 万元 is that text converted."""
    row = one_row(amounts, report, table, column, code=code, label=label)
    assert (row.published, row.unit, int(row.page)) == (printed, unit, page)
    assert Decimal(row.amount) == Decimal(value)
    assert in_wan_yuan(printed, unit) == Decimal(value)  # the check below uses this reading


def test_package_validates_with_frictionless() -> None:
    report = validate_package(ROOT / "datapackage.json")
    assert report.valid, report.summary


def test_every_catalogued_report_is_extracted_and_putuo_without_failures() -> None:
    reports = load("reports")
    catalogue = load("sources")
    assert sorted(reports.report_id) == sorted(set(catalogue.report_id))
    assert set(putuo(reports).status) == {"ok"}
    assert set(putuo(reports).extraction_failures) == {"0"}
    findings = putuo(load("findings"))
    assert len(findings) > 0
    assert set(findings.kind) == {"source_inconsistency"}


def test_only_scans_are_refused() -> None:
    """Every text PDF of the corpus is read; a scan is catalogued and says it needs OCR."""
    reports = load("reports")
    refused = reports[reports.status == "failed"]
    assert set(refused.error_reason) == {"no_text_layer"}
    scans = set(load("sources").query("file_path.str.endswith('-scanned.pdf')").report_id)
    assert set(refused.report_id) == scans and len(scans) == 3


@pytest.mark.parametrize(("phase", "reports"), [("final", FINALS), ("budget", BUDGETS)])
def test_all_nine_standard_tables_are_found(phase: str, reports: tuple[str, ...]) -> None:
    tables = load("report_tables")
    # The Ministry's nine; Shanghai budgets describe projects and 政府采购 in prose, print
    # 机关运行经费 as a column of the 三公 table, and no table of every fund's appropriations.
    expected = {
        "appropriation_summary",
        "income_expenditure_summary",
        "income",
        "expenditure",
        "general_budget_expenditure",
        "general_budget_basic_expenditure",
        "government_fund",
        "state_capital",
        "three_public",
    }
    assert expected <= {t.key for t in TEMPLATES if t.phase == phase and t.layout != FORM}
    catalogue = putuo(load("sources"))
    assert set(reports) == set(catalogue[catalogue.family == phase].report_id)
    for report in reports:
        assert set(tables[tables.report_id == report].table) == expected, report


def test_no_data_tables_are_recorded_with_their_note() -> None:
    tables = load("report_tables").set_index(["report_id", "table"])
    row = tables.loc[(CZJ, "government_fund")]
    assert row.status == "no_data" and "无数据" in row.note
    assert tables.loc[(SHGZB, "three_public")].status == "no_data"


def expected_amounts() -> int:
    """How many amounts the package should hold: the sum of its reports' counts."""
    count = sum(int(n) for n in load("reports").amounts)
    assert count > 0
    return count


def test_every_amount_is_its_printed_text_in_wan_yuan(amounts: pd.DataFrame) -> None:
    assert len(amounts) == expected_amounts()
    wrong = [
        (row.report_id, row.table, row.page, row.published, row.unit, row.amount)
        for row in amounts.itertuples()
        if row.amount
        and row.unit in YUAN_IN  # counts (人, 辆, ㎡) and rates (%) stay as printed
        and in_wan_yuan(row.published, row.unit) != Decimal(row.amount)
    ]
    assert wrong == []


@pytest.fixture(scope="module")
def pdf_pages() -> Iterator[dict[str, pdfium.PdfDocument]]:
    """Each catalogued PDF opened with PDFium, a different engine from the extractor's."""
    sources = putuo(load("sources"))
    documents = {
        row.report_id: pdfium.PdfDocument(ROOT / row.file_path) for row in sources.itertuples()
    }
    yield documents
    for document in documents.values():
        document.close()


def page_text(documents: dict[str, pdfium.PdfDocument], report: str, page: int) -> str:
    textpage = documents[report][page - 1].get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()


def test_every_printed_text_is_a_word_on_its_page(
    amounts: pd.DataFrame, pdf_pages: dict[str, pdfium.PdfDocument]
) -> None:
    assert len(amounts) == expected_amounts()
    missing = []
    for (report, page), rows in putuo(amounts).groupby(["report_id", "page"]):
        words = set(page_text(pdf_pages, report, int(page)).split())
        missing += [(report, page, text) for text in rows.published if text not in words]
    assert missing == []


def test_each_tables_unit_is_the_one_printed_on_its_first_page(
    amounts: pd.DataFrame, pdf_pages: dict[str, pdfium.PdfDocument]
) -> None:
    tables, amounts = putuo(load("report_tables")), putuo(amounts)
    assert set(zip(amounts.report_id, amounts.table, strict=True)) <= set(
        zip(tables.report_id, tables.table, strict=True)
    )
    assert len(tables) > 0
    for table in tables.itertuples():
        text = page_text(pdf_pages, table.report_id, int(table.first_page))
        printed = re.findall(r"单位\s*[:：]\s*(千元|万元|亿元|元)", text)
        assert printed == [table.unit], (table.report_id, table.table, printed)
    units = tables.set_index(["report_id", "table"]).unit
    keys = zip(amounts.report_id, amounts.table, strict=True)
    assert list(amounts.unit) == [units[key] for key in keys]


def test_amounts_lie_on_their_tables_pages_in_their_tables_file(amounts: pd.DataFrame) -> None:
    keys = ["report_id", "table", "instance"]
    tables = load("report_tables")
    assert len(amounts) == expected_amounts()
    placed = amounts.merge(tables, on=keys, how="left", suffixes=("", "_table"))
    assert placed.first_page.notna().all()
    pages = placed.page.astype(int)
    outside = placed[
        (pages < placed.first_page.astype(int)) | (pages > placed.last_page.astype(int))
    ]
    assert outside.empty, outside[[*keys, "page"]].head()
    assert (placed.file == placed.file_table).all()
    files = {Path(path).name for path in load("sources").file_path}
    assert set(amounts.file) <= files


def test_wrapped_names_are_joined(amounts: pd.DataFrame) -> None:
    labels = set(amounts[amounts.report_id == CZJ].row_label)
    assert "机关事业单位基本养老保险缴费支出" in labels  # printed over two lines, p8 and p10


def test_tidy_spending_matches_the_long_table(amounts: pd.DataFrame) -> None:
    spending = load("function_spending")
    row = spending[
        (spending.report_id == CZJ)
        & (spending.table == "expenditure")
        & (spending.function_code == "2010601")
    ].iloc[0]
    assert (row.total, row.basic_expenditure, row.project_expenditure) == (
        "1511.89",
        "1503.52",
        "8.37",
    )
    assert row.fund == "all" and row.level == "3" and row.publisher_id == "shpt-czj"


def test_basic_spending_is_split_into_personnel_and_public() -> None:
    basic = load("basic_spending_economic")
    czj = basic[(basic.report_id == CZJ) & (basic.level == "1")]
    totals = czj.groupby("expense_type").amount.apply(lambda s: sum(map(Decimal, s)))
    assert totals.to_dict() == {"personnel": Decimal("2152.26"), "public": Decimal("184.65")}


def test_code_lists_have_levels_and_parents() -> None:
    codes = load("function_codes").set_index("code")
    assert codes.loc["2080505", "parent"] == "20805"
    assert codes.loc["20805", "parent"] == "208"
    assert codes.loc["208", "level"] == "1"
    economic = load("economic_codes").set_index("code")
    assert economic.loc["30239", "expense_type"] == "public"
    assert economic.loc["30113", "expense_type"] == "personnel"


# Confirmed by reading the PDFs:
# - czj: the summary table (p6) and the appropriation summary (p12) print 社会保障和就业
#   支出 as 326.71 while 支出决算表 (p10) and 一般公共预算财政拨款支出决算表 (p15) print
#   class 208 as 326.72.
# - sfj unit budget: 支出预算总表 (p11) and 一般公共预算支出功能分类预算表 (p14) print
#   2040601 行政运行 with 项目支出 64,840,547.00 (the 204 06 class total) beside a 合计 of
#   14,348,853.34 that is all 基本支出: the row does not add up, nor does 20406 司法.
CONFIRMED_INCONSISTENCIES = {
    (CZJ, "income_expenditure_summary", 6, "cross_table_class"),
    (CZJ, "appropriation_summary", 12, "cross_table_class"),
    (SFJ_UNIT, "expenditure", 11, "hierarchy_sum"),
    (SFJ_UNIT, "expenditure", 11, "row_sum"),
    (SFJ_UNIT, "general_budget_expenditure", 14, "hierarchy_sum"),
    (SFJ_UNIT, "general_budget_expenditure", 14, "row_sum"),
}


def test_source_inconsistencies_are_the_confirmed_ones() -> None:
    findings = putuo(load("findings"))
    findings = findings[~findings.rule.isin(NARRATIVE_RULES)]  # confirmed in test_narrative
    found = {(f.report_id, f.table, int(f.page), f.rule) for f in findings.itertuples()}
    assert found == CONFIRMED_INCONSISTENCIES
    messages = " ".join(findings.message)
    assert "326.71" in messages and "326.72" in messages
    assert "2040601 项目支出 6484.0547" in messages


def test_catalogue_matches_the_files_and_the_pipeline() -> None:
    catalogue = load("sources")
    ids = set(catalogue.report_id)
    assert {path.name for path in (ROOT / "data" / "raw").iterdir() if path.is_dir()} == ids
    assert len(catalogue) == len(list((ROOT / "data" / "raw").glob("*/*.dvc"))) > 0
    for row in catalogue.itertuples():
        dvc_file = ROOT / f"{row.file_path}.dvc"
        assert dvc_file.exists(), f"{row.file_path} is not DVC-tracked"
        assert Path(row.file_path).parent == Path("data/raw") / row.report_id
        assert row.admin_level and row.publisher and row.department_kind
        assert re.fullmatch(r"\d{6}", row.division_code), row
        assert row.province or row.admin_level == "central"


def test_one_publisher_lines_up_across_years() -> None:
    """万里街道's 2024 and 2025 budgets share a publisher id, so years compare by code."""
    spending = load("function_spending")
    wljd = spending[(spending.publisher_id == "shpt-wljd") & (spending.table == "expenditure")]
    by_year = wljd.pivot(index="function_code", columns="fiscal_year", values="total")
    assert by_year.loc["2120101"].to_dict() == {"2024": "1660.3248", "2025": "1788.7739"}
    assert set(spending[spending.report_id == WLJD_2025].phase) == {"budget"}


def test_budget_vs_actual_is_empty_because_no_year_has_both() -> None:
    """No corpus publisher has a budget and a final account of the same year and scope.

    tests/test_budget_vs_actual.py joins real corpus figures where both exist.
    """
    sources = load("sources")
    current = sources[sources.superseded_by == ""]
    keys = ["publisher_id", "fiscal_year", "scope"]
    budgets = set(current[current.family == "budget"][keys].itertuples(index=False))
    finals = set(current[current.family == "final"][keys].itertuples(index=False))
    assert budgets and finals
    assert budgets & finals == set()
    frame = load("budget_vs_actual")
    assert list(frame.columns) == field_names("budget_vs_actual")
    assert set(frame[keys].itertuples(index=False)) == budgets & finals
    assert frame.empty
