"""Tables read only generically before are read by their kind, and a number that begins a
name is no code.

The figures below were read by eye from the PDF pages named beside them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import extract_corpus
from fiscal.schema import read_csv


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each corpus document these tests read as its one-report package, extracted once."""
    files = {
        "central-xfj-2026-budget-dept": "central-xfj-2026-budget-dept.pdf",
        "xa-emergency-2019-budget-dept": "xa-emergency-2019-budget-dept-tables.pdf",
        "xa-transport-2022-budget-dept": "xa-transport-2022-budget-dept.pdf",
    }
    return extract_corpus(tmp_path_factory, files)


def _row(frame: pd.DataFrame, table: str, code: str, **where: str) -> pd.Series:
    rows = frame[(frame["table"] == table) & (frame["function_code"] == code)]
    for column, value in where.items():
        rows = rows[rows[column] == value]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_the_centres_general_budget_table_comparing_two_years_is_read_by_its_kind(
    packages: dict[str, Path],
) -> None:
    """国家信访局's 一般公共预算支出表 (部门公开表5, p. 10) prints 2025年执行数 | 2026年预算数
    (年初预算数 小计 | 基本支出 | 项目支出) | 2026年预算数比2025年执行数 增减额 | 增减(%), twice:
    201 一般公共服务支出 33,586.67 | 10,044.47 | 13,144.37 | 6,668.44 | 6,475.93 | 13,144.37 |
    -20,442.30 | -60.86% | 3,099.90 | 30.86%. The budget is the row's total, the percentages
    are kept as such, and its 类 / 款 / 项 add up, so no finding comes of the table."""
    directory = packages["central-xfj-2026-budget-dept"]
    tables = read_csv(directory / "report_tables.csv")
    assert "一般公共预算支出表" in set(
        tables[tables["table"] == "general_budget_expenditure"]["title_printed"]
    )
    assert "other_table" not in set(tables["table"])
    row = _row(read_csv(directory / "function_spending.csv"), "general_budget_expenditure", "201")
    assert (row["fund"], row["page"]) == ("general_budget", "10")
    assert (row["total"], row["basic_expenditure"], row["project_expenditure"]) == (
        "13144.37",
        "6668.44",
        "6475.93",
    )
    amounts = read_csv(directory / "amounts.csv")
    first = amounts[(amounts["table"] == "general_budget_expenditure") & (amounts["code"] == "201")]
    figures = {
        column: (published, unit)
        for column, published, unit in first[["column", "published", "unit"]].values.tolist()
    }
    assert figures["change_amount"] == ("-20,442.30", "万元")
    assert figures["change_percent"] == ("-60.86%", "%")
    assert figures["change_excluding_construction_percent"] == ("30.86%", "%")
    findings = read_csv(directory / "findings.csv")
    assert findings[findings["table"] == "general_budget_expenditure"].empty


def test_the_basic_spending_by_function_code_fills_function_spending(
    packages: dict[str, Path],
) -> None:
    """西安应急's 表7 2019年部门综合预算一般公共预算基本支出明细表（按支出功能分类科目） (p. 16,
    万元) prints 功能科目编码 | 功能科目名称 | 合计 | 人员经费支出 | 公用经费支出: 125001
    西安市安全生产监督管理局 1,071.87, then 224 灾害防治及应急管理支出 853.04 | 786.21 | 66.83,
    its 款 as 01. The rows are the general budget's basic spending by function, each under its
    unit, the 款 under its 类 (22401)."""
    directory = packages["xa-emergency-2019-budget-dept"]
    spending = read_csv(directory / "function_spending.csv")
    table = "general_budget_basic_expenditure_function"
    unit = "西安市安全生产监督管理局"
    for code in ("224", "22401"):
        row = _row(spending, table, code, budget_unit=unit)
        assert (row["fund"], row["page"], row["total"]) == ("general_budget", "16", "")
        assert (row["basic_expenditure"], row["personnel"], row["public"]) == (
            "853.04",
            "786.21",
            "66.83",
        )


def test_a_number_that_begins_a_name_is_no_code(packages: dict[str, Path]) -> None:
    """西安交通's 专项业务经费支出表 (p. 56) lists a project 95128助老服务热线 100.00, and its
    政府采购预算表 (p. 71) the same name: 95128 is a hotline's number glued to the name, in
    a column that prints no codes, so the row keeps its whole name and no code."""
    amounts = read_csv(packages["xa-transport-2022-budget-dept"] / "amounts.csv")
    hotline = amounts[amounts["row_label"].str.contains("助老服务热线", na=False)]
    assert set(hotline["page"]) >= {"56", "71"}
    assert set(hotline["row_label"]) == {"95128助老服务热线"}
    assert set(hotline["code"]) == {""}
    coded = amounts[amounts["code"] != ""]
    assert coded["code"].str[0].isin(list("235")).all()
