"""Xinjiang's budget layout: the Kizilsu unit budget typeset from the seed's figures.

表1–表10 …总体情况表 / …情况表 with 类 | 款 | 项 code columns, a project table by project
name and economic category, and 项目支出绩效目标表 forms. The seed lacks 表3 and 表5.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest

from fiscal.extract import Extraction, extract_document
from fiscal.numbers import clean, parse_amount
from fiscal.templates import match_title
from fixtures.kizilsu_budget import build_kizilsu_budget_pdf
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
