"""Xinjiang's budget layout: the Kizilsu unit budget typeset from the seed's figures.

表1–表10 …总体情况表 / …情况表 with 类 | 款 | 项 code columns, a project table by project
name and economic category, and 项目支出绩效目标表 forms. The seed lacks 表3 and 表5.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from fiscal.numbers import clean, parse_amount
from fiscal.package.tidy import performance_frames
from fiscal.read.extract import extract_document
from fiscal.read.templates import match_title
from fiscal.records import Extraction
from fixtures.kizilsu_budget import FORM_TITLE, build_kizilsu_budget_pdf
from fixtures.lookup import amount_at
from fixtures.zhuzhou_final import SeedTable

_AMOUNT = re.compile(r"^\d[\d,]*\.\d+$")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[SeedTable], Extraction]:
    path = tmp_path_factory.mktemp("kizilsu") / "kizilsu-sthjj-2024-budget-unit.pdf"
    tables = build_kizilsu_budget_pdf(path)
    return tables, extract_document(path, "kizilsu-sthjj-2024-budget-unit", expected_year=2024)


def seed_figures(table: SeedTable) -> Counter[Decimal]:
    """Every amount of a seed table (amounts print decimals; codes and weights do not)."""
    figures: Counter[Decimal] = Counter()
    for row in table.body_rows:
        for text in row:
            if _AMOUNT.match(clean(text)):
                amount = parse_amount(text)
                assert amount is not None
                figures[amount.value] += 1
    return figures


def extracted(extraction: Extraction, key: str) -> Counter[Decimal]:
    return Counter(a.amount for a in extraction.amounts if a.table == key)


def seed_table(tables: list[SeedTable], number: str) -> SeedTable:
    return next(t for t in tables if t.number == number)


@pytest.mark.parametrize("number", ["表1", "表2", "表4", "表6", "表7", "表8", "表9", "表10"])
def test_tables_of_this_layout_are_read_completely(built, number: str) -> None:
    tables, extraction = built
    table = seed_table(tables, number)
    template = match_title(table.title)
    assert template is not None and template.phase == "budget"
    assert extracted(extraction, template.key) == seed_figures(table)
    assert not [f for f in extraction.findings if f.table == template.key]


@pytest.mark.parametrize(
    ("table", "column", "code", "label", "value"),
    [
        # 表1: the spending side prints code and name in one cell
        ("income_expenditure_summary", "amount", "211", "节能环保支出", "706.23"),
        ("income_expenditure_summary", "amount", "", "二、上年结转结余", "35.90"),
        # 表2: 财政拨款(补助)小计, 单位资金 and carry-over columns
        ("income", "fiscal_appropriation", "2110199", "", "220.07"),
        ("income", "general_budget", "2110199", "", "220.07"),
        ("income", "appropriation_carryover", "2110199", "", "35.90"),
        ("income", "total", "2110199", "", "255.97"),
        # 表4: garbled 国有本营经预算 header still maps to its column
        ("appropriation_summary", "general_budget", "208", "社会保障和就业支出", "56.04"),
        # 表10: 三公 items printed as rows, funds as columns
        ("three_public", "vehicle_operation_budget", "", "公务用车运行费", "22.50"),
        ("three_public", "reception_budget_general_budget", "", "公务接待费", "2.00"),
    ],
)
def test_figures_land_in_the_right_row_and_column(built, table, column, code, label, value):
    _, extraction = built
    assert amount_at(extraction, table, column, code=code, label=label) == Decimal(value)


def test_projects_keep_their_names(built) -> None:
    _, extraction = built
    projects = {
        (a.project, a.column): a.amount
        for a in extraction.amounts
        if a.table == "project_expenditure" and a.project
    }
    assert projects[("生态环境综合执法设备购置", "capital_construction")] == Decimal("6.70")
    assert projects[("2024年环保业务经费", "total")] == Decimal("71.00")
    assert len({project for project, _ in projects}) == 3


def test_basic_spending_splits_personnel_and_public(built) -> None:
    _, extraction = built
    total = {
        a.column: a.amount
        for a in extraction.amounts
        if a.table == "general_budget_basic_expenditure" and a.row_label == "合计"
    }
    assert total == {
        "total": Decimal("630.37"),
        "personnel": Decimal("594.98"),
        "public": Decimal("35.39"),
    }


def test_unknown_tables_are_not_swallowed_as_continuations(built) -> None:
    """The project table (表7) and the 绩效目标表 forms follow known tables on later pages;
    they must end those tables, not be appended to them."""
    _, extraction = built
    pages = {t.table: (t.first_page, t.last_page) for t in extraction.tables}
    assert pages["general_budget_basic_expenditure"] == (7, 8)
    assert pages["three_public"] == (12, 12)


_TARGET_COLUMNS = (
    "level1",
    "level2",
    "level3",
    "target",
    "target_basis",
    "previous_value",
    "weight",
    "scoring_rule",
    "evidence",
)


def _seed_indicators(table: SeedTable) -> list[dict[str, str]]:
    """The seed form's indicator rows, 一级 / 二级 carried down where the form merges them."""
    rows, carried = [], {}
    for row in table.body_rows:
        texts = {key: clean(text) for key, text in zip(_TARGET_COLUMNS, row, strict=True) if text}
        for level in ("level1", "level2"):
            carried[level] = texts.get(level) or carried[level]
            texts[level] = carried[level]
        rows.append(texts)
    return rows


def _after(rows: list[list[str]], label: str) -> str:
    """The first filled cell after the one that reads ``label`` in a seed header row."""
    for row in rows:
        cells = [clean(text) for text in row if clean(text)]
        for i, text in enumerate(cells[:-1]):
            if text.startswith(label):
                return cells[i + 1]
    raise AssertionError(f"no {label} in the seed header")


def test_performance_target_forms_are_read_row_by_row(built) -> None:
    """Every 项目支出绩效目标表: project, funds and each indicator with all its columns,
    rows that wrap over a page break joined back, merged 一级 / 二级 labels carried down."""
    tables, extraction = built
    seeds = [table for table in tables if table.title == FORM_TITLE]
    assert [form.table for form in extraction.forms] == ["performance_targets"] * len(seeds)
    for seed, form in zip(seeds, extraction.forms, strict=True):
        assert form.details["project"] == _after(seed.header_rows, "项目名称")
        assert form.details["manager"] == _after(seed.header_rows, "项目负责人")
        total = next(line for line in form.funds if line.fund == "total")
        assert total.values["amount"] == _after(seed.header_rows, "年度预算总额")
        assert form.goals["goal"] == _after(seed.header_rows, "项目总体目标")
        assert [i.texts for i in form.indicators] == _seed_indicators(seed)
    assert not [f for f in extraction.findings if f.table == "performance_targets"]


def test_performance_targets_parse_comparator_number_and_unit(built) -> None:
    _, extraction = built
    targets = {i.texts["level3"]: i.texts["target"] for f in extraction.forms for i in f.indicators}
    frames = performance_frames(extraction.forms)["performance_indicators"]
    row = frames[frames["level3"] == "开展环评项目审批数量(个)"].iloc[0]
    assert (row["target_comparator"], row["target_value"], row["target_unit"]) == (
        "≥",
        Decimal("53"),
        "个",
    )
    drone = frames[frames["level3"] == "购买无人机(万元)"].iloc[0]
    assert (drone["target_comparator"], drone["target_value"], drone["target_unit"]) == (
        "=",
        Decimal("2.10"),
        "万元",
    )
    assert targets["改善生态环境"] == "有效改善"
    assert frames[frames["level3"] == "改善生态环境"]["target_value"].isna().all()
