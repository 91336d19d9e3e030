"""广州's 部门预算基本支出预算表 and 部门预算项目支出及其他支出预算表 read by their kinds.

The rows below were read by eye from the corpus pages named beside them. The basic table
prints each budget unit's line (its name and totals, no code) over its economic classes,
printed by name alone (工资福利支出 …); the project table prints each unit's line over its
projects, each with its goal (绩效目标), under 总计 | 财政拨款 (合计 | 一般公共预算 | 政府性基金
预算 | 国有资本经营预算) | 财政专户拨款 | 其他资金.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from conftest import extract_corpus, figures, one_row
from fiscal.codes import economic_classes_for_names
from fiscal.schema import read_csv, resource
from fiscal.site.figures import expense_type_totals

REPORTS = ("gz-meteo-2026-budget-dept", "gz-stats-2026-budget-dept", "gz-petition-2026-budget-dept")
BASIC, PROJECTS = "department_basic_expenditure", "department_project_expenditure"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each report's one-report package, extracted once."""
    return extract_corpus(tmp_path_factory, {name: f"{name}.pdf" for name in REPORTS})


@pytest.mark.parametrize("name", REPORTS)
def test_both_tables_are_read_by_their_kinds(name: str, packages: dict[str, Path]) -> None:
    """Each report prints 表11 and 表12 under these titles: neither is read generically, and
    reading them by their kinds raises no finding (a misread fund or unit would break a
    row's 总计 or a unit's line)."""
    tables = read_csv(packages[name] / "report_tables.csv")
    titles = dict(zip(tables["table"], tables["title_printed"], strict=True))
    assert titles[BASIC] == "部门预算基本支出预算表"
    assert titles[PROJECTS] == "部门预算项目支出及其他支出预算表"
    assert "other_table" not in titles
    assert read_csv(packages[name] / "findings.csv").empty


def test_a_class_printed_by_name_takes_its_code_under_its_unit(
    packages: dict[str, Path],
) -> None:
    """gz-meteo 表11 p. 20: 广州市气象台 1,235.20, then 工资福利支出 1,104.38 and 对个人和家庭的
    补助 54.53 under it; p. 21 goes on with 广州市气象综合保障中心's 商品和服务支出 42.00 and
    资本性支出 0.50. The unit's line itself is no class: it stays in the amounts."""
    directory = packages["gz-meteo-2026-budget-dept"]
    basic = read_csv(directory / "basic_spending_economic.csv")
    basic = basic[basic["table"] == BASIC]
    observatory = "广州市气象台"
    wages = one_row(basic, budget_unit=observatory, economic_code="301")
    assert (wages["economic_name"], wages["level"], wages["page"]) == ("工资福利支出", "1", "20")
    assert (wages["expense_type"], figures(wages, "amount")) == (
        "personnel",
        [Decimal("1104.38")],
    )
    households = one_row(basic, budget_unit=observatory, economic_code="303")
    assert figures(households, "amount") == [Decimal("54.53")]
    centre = "广州市气象综合保障中心"
    goods = one_row(basic, budget_unit=centre, economic_code="302")
    assert (goods["page"], goods["expense_type"]) == ("21", "public")
    assert figures(goods, "amount") == [Decimal("42.00")]
    capital = one_row(basic, budget_unit=centre, economic_code="310")
    assert figures(capital, "amount") == [Decimal("0.50")]
    assert (basic["economic_code"] != "").all()
    amounts = read_csv(directory / "amounts.csv")
    line = one_row(amounts[amounts["table"] == BASIC], row_label=observatory, column="total")
    assert (line["code"], line["budget_unit"], line["amount"]) == ("", observatory, "1235.2")


def test_a_project_keeps_its_unit_and_every_fund(packages: dict[str, Path]) -> None:
    """gz-stats 表12 p. 21: 上级拨入专项调查经费 50.00 in all, none of it appropriated, all of
    it 其他资金, under 广州市统计局 1,075.05 | 1,025.05 | … | 50.00; 合计 1,082.05 of which
    财政拨款 1,032.05 and 其他资金 50.00."""
    projects = read_csv(packages["gz-stats-2026-budget-dept"] / "project_spending.csv")
    projects = projects[projects["table"] == PROJECTS]
    funds = ("total", "fiscal_appropriation", "general_budget", "other_funds")
    row = one_row(projects, project="上级拨入专项调查经费")
    assert (row["budget_unit"], row["line"], row["page"], row["function_code"]) == (
        "广州市统计局",
        "",
        "21",
        "",
    )
    assert figures(row, *funds) == [
        Decimal("50.00"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("50.00"),
    ]
    unit = one_row(projects, line="广州市统计局")
    assert (unit["project"], unit["budget_unit"]) == ("", "广州市统计局")
    assert figures(unit, *funds) == [
        Decimal("1075.05"),
        Decimal("1025.05"),
        Decimal("1025.05"),
        Decimal("50.00"),
    ]
    total = one_row(projects, line="合计")
    assert (total["project"], total["budget_unit"]) == ("", "")
    assert figures(total, *funds) == [
        Decimal("1082.05"),
        Decimal("1032.05"),
        Decimal("1032.05"),
        Decimal("50.00"),
    ]


@pytest.mark.parametrize("name", REPORTS)
@pytest.mark.parametrize("table", [BASIC, PROJECTS])
def test_each_unit_is_read_with_its_own_rows(
    name: str, table: str, packages: dict[str, Path]
) -> None:
    """Every row below a unit's line is that unit's: each unit's printed 总计 is its rows'
    sum and the units' lines add up to 合计, within the rounding of the figures added (a
    row given to the wrong unit, or a unit's line read as a row, breaks both)."""
    amounts = read_csv(packages[name] / "amounts.csv")
    totals = amounts[(amounts["table"] == table) & (amounts["column"] == "total")]
    lines = totals[totals["row_label"] == totals["budget_unit"]]
    rows = totals[(totals["row_label"] != totals["budget_unit"]) & (totals["row_label"] != "合计")]
    assert not lines.empty and (rows["budget_unit"] != "").all()
    assert set(rows["budget_unit"]) == set(lines["budget_unit"])
    for unit, unit_rows in rows.groupby("budget_unit"):
        printed = Decimal(one_row(lines, budget_unit=unit)["amount"])
        added = sum(Decimal(figure) for figure in unit_rows["amount"])
        assert abs(printed - added) <= Decimal("0.005") * len(unit_rows), unit
    whole = Decimal(one_row(totals, row_label="合计")["amount"])
    added = sum(Decimal(figure) for figure in lines["amount"])
    assert abs(whole - added) <= Decimal("0.005") * len(lines)


@pytest.mark.parametrize("name", REPORTS)
def test_every_printed_figure_of_both_tables_is_in_one_row(
    name: str, packages: dict[str, Path]
) -> None:
    """Each figure of the project table is its project_spending row's, under its column,
    once; each class's 总计 in the basic table is its basic_spending_economic row's amount."""
    directory = packages[name]
    amounts = read_csv(directory / "amounts.csv")
    listed = amounts[amounts["table"] == PROJECTS]
    projects = read_csv(directory / "project_spending.csv")
    projects = projects[projects["table"] == PROJECTS].set_index("row")
    assert not listed.empty
    for row, column, amount, page in zip(
        listed["row"], listed["column"], listed["amount"], listed["page"], strict=True
    ):
        assert (projects.at[row, column], projects.at[row, "page"]) == (amount, page)
    fields = resource("project_spending")["schema"]["fields"]
    figures = [field["name"] for field in fields if field["type"] == "number"]
    assert projects[figures].ne("").sum().sum() == len(listed)
    classes = amounts[(amounts["table"] == BASIC) & (amounts["code"] != "")]
    classes = classes[classes["column"] == "total"]
    basic = read_csv(directory / "basic_spending_economic.csv")
    basic = basic[basic["table"] == BASIC]
    assert sorted(zip(classes["row"], classes["amount"], strict=True)) == sorted(
        zip(basic["row"], basic["amount"], strict=True)
    )


def test_a_name_takes_a_class_code_only_exactly_and_unambiguously() -> None:
    """A name is one classification's 类 or none: a name both classifications hold takes
    the code of the one the table's other names are of, and none where nothing tells."""
    department = [
        "合计",
        "某局(本级)",
        "工资福利支出",
        "对个人和家庭的补助",
        "资本性支出(基本建设)",
    ]
    assert economic_classes_for_names(department) == {
        "工资福利支出": "301",
        "对个人和家庭的补助": "303",
        "资本性支出(基本建设)": "309",
    }
    government = ["机关工资福利支出", "对个人和家庭的补助", "其他支出"]
    assert economic_classes_for_names(government) == {
        "机关工资福利支出": "501",
        "对个人和家庭的补助": "509",
        "其他支出": "599",
    }
    assert economic_classes_for_names(["对个人和家庭的补助", "其他支出"]) == {}
    assert economic_classes_for_names(["工资福利支出", "机关商品和服务支出"]) == {}
    # a 款, a misspelling and a class with its numbering: only the last is a 类
    named = economic_classes_for_names(["基本工资", "其它支出", "一、商品和服务支出"])
    assert named == {"一、商品和服务支出": "302"}


def test_a_report_printing_two_basic_tables_has_its_expense_types_once() -> None:
    """The site's 人员经费 and 公用经费 are the general budget's classes where a report also
    prints every fund's basic spending by unit, never the two tables added up."""
    rows = [
        ("r", "general_budget_basic_expenditure", "301", "personnel", "10.00"),
        ("r", "general_budget_basic_expenditure", "302", "public", "2.00"),
        ("r", "department_basic_expenditure", "301", "personnel", "10.00"),
        ("r", "department_basic_expenditure", "302", "public", "2.00"),
        ("s", "department_basic_expenditure", "301", "personnel", "7.00"),
    ]
    basic = pd.DataFrame(
        rows, columns=["report_id", "table", "economic_code", "expense_type", "amount"]
    ).assign(level="1")
    totals = expense_type_totals(basic)
    assert totals["r"] == {"personnel": Decimal("10.00"), "public": Decimal("2.00")}
    assert totals["s"] == {"personnel": Decimal("7.00"), "public": None}
