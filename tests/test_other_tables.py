"""A titled table of a kind the registry does not know is still read, generically: its
printed title, unit, row labels with their codes, each column's header path and every
figure with its page, so that no printed figure is lost."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import CORPUS
from fiscal.check.report import check_extraction
from fiscal.check.table_identities import check_report
from fiscal.read.extract import extract_document
from fiscal.read.templates import looks_like_title
from fiscal.records import AmountRecord
from fiscal.schema import read_csv
from fiscal.site.tables import download_frame, every_printed_table
from fiscal.vocabulary import EXTRACTION_FAILURE, OTHER_TABLE, SOURCE_INCONSISTENCY
from fixtures.other_tables import (
    ASSETS,
    LISTED,
    MEASURED_TARGETS,
    PANELS,
    PURCHASE_TITLE,
    PURCHASES,
    RUNNING_COSTS,
    RUNNING_TITLE,
    contents_pdf,
    measured_targets_pdf,
    other_tables_pdf,
    side_by_side_pdf,
    spilled_frame_pdf,
    state_assets_pdf,
)

FISCAL = [sys.executable, "-m", "fiscal.cli"]


def test_titles_with_qualifiers_and_numbers_are_titles_and_a_lone_number_is_not() -> None:
    assert looks_like_title("财政拨款支出预算表（功能科目）")
    assert looks_like_title("公开05表 财政拨款支出预算表（功能科目）")
    assert looks_like_title(
        "2022年部门综合预算一般公共预算支出明细表（按支出功能分类科目-不含上年结转）"
    )
    assert not looks_like_title("表4")
    assert not looks_like_title("公开01表")
    assert not looks_like_title("一般公共预算支出表（续）")
    assert not looks_like_title("续表")
    assert not looks_like_title("部门预算报表见附件2。")


def test_tables_of_other_kinds_keep_title_pages_labels_and_every_figure(tmp_path: Path) -> None:
    case = other_tables_pdf(tmp_path)
    extraction = extract_document(case.pdf, "water")

    tables = [t for t in extraction.tables if t.table == OTHER_TABLE]
    assert [(t.title_printed, t.first_page, t.last_page, t.unit, t.instance) for t in tables] == [
        (PURCHASE_TITLE, 2, 3, "元", 1),
        (RUNNING_TITLE, 4, 4, "万元", 2),
    ]
    purchases = [a for a in extraction.amounts if a.instance == 1]
    # Every printed figure, on its page, under its row label and its column's header path.
    assert len(purchases) == 3 * len(PURCHASES)
    assert {a.page for a in purchases} == {2, 3}
    by_cell = {(a.row_label, a.column_label): a for a in purchases}
    drone = by_cell["无人机", "预算金额 / 合计"]
    assert (drone.published, drone.amount, drone.unit, drone.page, drone.project) == (
        "45,500.00",
        Decimal("4.55"),
        "元",
        3,
        "监测能力建设",
    )
    count = by_cell["无人机", "数量(台)"]  # a count is kept as printed, in its own unit
    assert (count.amount, count.unit) == (Decimal("1"), "台")
    assert by_cell["无人机", "预算金额 / 财政拨款"].column != drone.column

    running = [a for a in extraction.amounts if a.instance == 2]
    assert [(a.code, a.row_label, a.published) for a in running] == RUNNING_COSTS
    assert {a.page for a in running} == {4}


@pytest.mark.parametrize(
    ("spill", "pages"),
    [("same_rulings", (2, 3)), ("other_rulings", (2, 2)), ("under_a_title", (2, 2))],
)
def test_a_blank_frame_on_the_tables_rulings_atop_the_next_page_is_its_last_page(
    tmp_path: Path, spill: str, pages: tuple[int, int]
) -> None:
    """Rows a table spills onto the next page with nothing in them (a spreadsheet printed
    past its last row) are its page, and add no figure; a blank frame ruled on other columns,
    or under a title of its own, is none of the table's."""
    extraction = extract_document(spilled_frame_pdf(tmp_path, spill), "water")

    running = next(t for t in extraction.tables if t.title_printed == RUNNING_TITLE)
    assert (running.first_page, running.last_page) == pages
    figures = [a for a in extraction.amounts if a.table == running.table]
    assert [(a.code, a.row_label, a.published, a.page) for a in figures] == [
        (*cost, 2) for cost in RUNNING_COSTS
    ]


def test_a_coded_table_of_another_kind_is_checked_like_any_coded_table(tmp_path: Path) -> None:
    sound = other_tables_pdf(tmp_path)
    result = check_extraction(extract_document(sound.pdf, "water"))
    assert result.checked >= 2
    assert not [f for f in result.findings if f.kind == SOURCE_INCONSISTENCY]

    broken = other_tables_pdf(tmp_path, broken_code="301")
    [finding] = [
        f
        for f in check_extraction(extract_document(broken.pdf, "water")).findings
        if f.kind == SOURCE_INCONSISTENCY
    ]
    assert (finding.table, finding.rule, finding.page) == (OTHER_TABLE, "hierarchy_sum", 4)
    assert (finding.found, finding.expected) == (Decimal("86.20"), Decimal("85.20"))


def test_each_table_the_contents_list_is_printed_or_a_finding_says_so(tmp_path: Path) -> None:
    extraction = extract_document(contents_pdf(tmp_path), "water")
    assert [entry.text for entry in extraction.listed] == LISTED
    assert [t.title_printed for t in extraction.tables] == [PURCHASE_TITLE]

    findings = check_extraction(extraction).findings
    listed = [(f.rule, f.kind, f.page) for f in findings if "目录" in f.message]
    assert listed == [
        ("extraction", EXTRACTION_FAILURE, 4),  # its title is printed, no table read under it
        ("contents_listed", SOURCE_INCONSISTENCY, 2),  # printed nowhere: the 目录's page
    ]


def test_the_site_shows_each_printing_with_its_own_rows_and_units(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [*FISCAL, "extract", str(other_tables_pdf(tmp_path).pdf), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    printed = every_printed_table(read_csv(out / "amounts.csv"))

    [running] = printed[(OTHER_TABLE, 2)]
    assert [(row["code"], row["row_label"]) for row in running.rows] == [
        (code, name) for code, name, _ in RUNNING_COSTS
    ]
    [purchases] = printed[(OTHER_TABLE, 1)]
    assert len(purchases.rows) == len(PURCHASES)
    frame = download_frame([purchases])
    assert "数量(台)（台）" in frame.columns  # a count keeps its unit in the heading
    assert "预算金额 / 合计（万元）" in frame.columns
    assert list(frame["预算金额 / 合计（万元）"])[-1] == "12"


def test_a_coded_count_column_is_checked_in_its_own_unit() -> None:
    """A coded table of another kind may count (辆, 台) beside its money: its 类 = Σ 款 holds
    in the count's own unit, to half its last printed digit."""

    def count(row: int, code: str, printed: str) -> AmountRecord:
        return AmountRecord(
            report_id="assets",
            table=OTHER_TABLE,
            row=row,
            column="column_2",
            page=3,
            side="",
            code=code,
            row_label=code,
            column_label="数量(辆)",
            amount=Decimal(printed),
            published=printed,
            unit="辆",
            instance=1,
        )

    sound = [count(1, "201", "5"), count(2, "20101", "2"), count(3, "20102", "3")]
    assert check_report("assets", sound) == []
    [finding] = check_report("assets", [count(1, "201", "8"), *sound[1:]])
    assert (finding.rule, finding.found, finding.expected) == ("hierarchy_sum", 8, 5)
    assert finding.tolerance is not None and finding.tolerance < 3  # in 辆, not converted


def test_a_figure_beside_its_own_unit_counts_in_that_unit(tmp_path: Path) -> None:
    """指标值 12 | 计量单位 座 is 12 座, not 12 万元 of the table's unit; 1.2 亿元 is money, in
    万元 like every amount; the weight beside them is a percentage by its header."""
    extraction = extract_document(measured_targets_pdf(tmp_path), "water")
    figures = {(a.row_label, a.column_label): a for a in extraction.amounts}
    assert len(figures) == 2 * len(MEASURED_TARGETS)
    read = [
        (name, figures[name, "指标值"].amount, figures[name, "指标值"].unit, weight)
        for name, _, _, weight in MEASURED_TARGETS
    ]
    assert read == [
        ("新建水质自动监测站", Decimal("12"), "座", "30"),
        ("农村供水受益人口", Decimal("150"), "万人次", "30"),
        ("带动社会投资", Decimal("12000"), "亿元", "40"),
    ]
    weights = [figures[name, "指标权重(%)"] for name, *_ in MEASURED_TARGETS]
    assert {(w.unit, w.flag) for w in weights} == {("%", "")}
    assert [w.published for w in weights] == [weight for *_, weight in MEASURED_TARGETS]


@pytest.mark.parametrize(
    ("name", "cover", "contents"),
    [("xa-finance-2026-budget-dept", 23, 24), ("xa-petition-2026-budget-dept", 17, 18)],
)
def test_a_tables_part_opened_by_a_cover_and_its_own_contents_prints_no_table_there(
    name: str, cover: int, contents: int
) -> None:
    """西安's tables part opens with a cover (第五部分：部门预算公开报表 / 2026年部门综合预算
    公开报表 / 部门名称：… / 保密审查情况：…: the name of the set of tables, no frame, no unit)
    and a contents page of its own headed 报表目录 (a ruled list: 报表 | 报表名称 | 是否空表 |
    表格为空的理由, 表1–表16). The 报表目录 is the document's list of its tables, so the cover's
    line opens no table with that list as its frame; each table the list names is printed."""
    extraction = extract_document(CORPUS / f"{name}.pdf", name)
    pages = {
        page for table in extraction.tables for page in range(table.first_page, table.last_page + 1)
    }
    assert not {cover, contents} & pages
    assert not [t.title_printed for t in extraction.tables if "公开报表" in t.title_printed]
    listed = [entry for entry in extraction.listed if entry.page == contents]
    assert len(listed) == 16
    assert listed[0].text.endswith("部门综合预算收支总表")
    assert listed[-1].text.endswith("专项资金总体绩效目标表")
    findings = check_extraction(extraction).findings
    assert not [f for f in findings if f.rule == "contents_listed"]


def test_panels_printed_side_by_side_name_their_own_figures(tmp_path: Path) -> None:
    """A table of no known kind printing the same columns over again side by side (资金来源
    项目 | 金额, 资金去向 项目 | 金额, as 西安's 政府性基金收支表 prints four): a figure is
    named by its own panel's line (一、一般公共服务支出 80.00), not by the first panel's
    line of its row (一、财政拨款), and each panel's 合计 keeps its own figure."""
    pdf = side_by_side_pdf(tmp_path)
    extraction = extract_document(pdf, pdf.stem)
    named = [
        (amount.row_label, amount.published)
        for amount in extraction.amounts
        if amount.table == OTHER_TABLE
    ]
    income = [(name, figure) for name, figure, *_ in PANELS]
    spending = [(name, figure) for *_, name, figure in PANELS]
    assert named == income + spending


@pytest.mark.parametrize(
    ("name", "figures"),
    [("xa-ecology-2022-budget-dept", 53), ("xa-finance-2026-budget-dept", 0)],
)
def test_a_summary_of_one_fund_is_read_by_its_kind(name: str, figures: int) -> None:
    """西安's 政府性基金收支表 sums one fund as 表1 sums all: 收入 | 预算数 beside 支出 by
    function, by the department's and by the government's economic class. It is the
    government-fund summary kind, its lines on their sides (xa-ecology p. 45: 本年收入合计
    on the income side, each panel's 本年支出合计 on the spending side), its blank printing
    (xa-finance p. 37) that kind with no figure."""
    extraction = extract_document(CORPUS / f"{name}.pdf", name)
    [table] = [t for t in extraction.tables if t.table == "government_fund_summary"]
    amounts = [a for a in extraction.amounts if a.table == "government_fund_summary"]
    assert len(amounts) == figures
    if figures:
        sides = {(a.row_label, a.side) for a in amounts}
        assert ("本年收入合计", "income") in sides
        assert ("一、科学技术支出", "expenditure") in sides
        assert [a.row_label for a in amounts].count("本年支出合计") == 3
    on_its_page = {t.table for t in extraction.tables if t.first_page == table.first_page}
    assert OTHER_TABLE not in on_its_page


@pytest.mark.parametrize(("unit", "worth"), [("万元", "1234.56"), ("元", "0.123456")])
def test_state_assets_keep_each_count_in_its_own_unit(
    unit: str, worth: str, tmp_path: Path
) -> None:
    """A 国有资产占用情况表 counts vehicles (辆) and large equipment (台，套) beside the assets'
    worth in the table's money unit: each figure is a state_assets row under its line and its
    column's header path, a count as printed whatever the table's unit, money in 万元."""
    pdf = state_assets_pdf(tmp_path, unit)
    out = tmp_path / "out"
    done = subprocess.run(
        [*FISCAL, "extract", str(pdf), "--out", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    held = read_csv(out / "state_assets.csv")
    assert len(held) == len(ASSETS) * (len(ASSETS[0]) - 1)
    figures = {
        (line, item): (amount, printed)
        for line, item, amount, printed in held[["line", "item", "amount", "unit"]].values
    }
    assert figures[("合计", "车辆(辆) / 执法执勤用车")] == ("4", "辆")
    assert figures[("青山县水务局(本级)", "大型设备(台,套) / 通用设备")] == ("2", "台（套）")
    assert figures[("青山县水利工程管理站", "大型设备(台,套) / 专用设备")] == ("0", "台（套）")
    assert figures[("合计", "资产总额")] == (worth, unit)
    assert set(held["page"]) == {"2"}
    tables = read_csv(out / "report_tables.csv")
    assert list(tables["table"]) == ["state_assets"]
