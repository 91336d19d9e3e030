"""Every classification code a corpus page prints stays on its row.

The rows below were read by eye from the PDF pages named beside them: a row whose code is
printed in part (a 款 as 11 under 款), in a cell taller than its figure's box, or in
brackets before its name keeps the code the page prints, with the figures of that row.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import CORPUS
from fiscal.read.extract import extract_document
from fiscal.records import Extraction
from fiscal.schema import read_csv
from fiscal.stages.extract import extract_to_directory
from fixtures.cross_classified import BROKEN_PART, cross_classified_pdf


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    """The corpus documents these tests read, each extracted once."""
    names = [
        "cs-police-2025-budget-dept",
        "cs-petition-2026-budget-dept",
        "js-gjfy-2019-budget-dept",
        "js-jcy-2018-budget-dept",
        "gz-petition-2026-budget-dept",
    ]
    return {name: extract_document(CORPUS / f"{name}.pdf", name) for name in names}


def rows(extraction: Extraction, table: str, column: str) -> list[tuple[str, str, Decimal, int]]:
    """Code, label, amount and page of each row of a table in one column, in printed order."""
    return [
        (a.code, a.row_label, a.amount, a.page)
        for a in extraction.amounts
        if a.table == table and a.column == column
    ]


@pytest.mark.parametrize(
    ("name", "table", "column", "page", "printed"),
    [
        # 2025年部门支出总体情况表 p. 15: 类 | 款 | 项 as 201 | | ; | 11 | ; 201 | 11 | 99 …
        (
            "cs-police-2025-budget-dept",
            "expenditure",
            "total",
            15,
            [
                ("", "合计", "68632.12"),
                ("201", "一般公共服务支出", "3.00"),
                ("20111", "纪检监察事务", "3.00"),
                ("2011199", "其他纪检监察事务支出", "3.00"),
                ("204", "公共安全支出", "68629.12"),
                ("20402", "公安", "68629.12"),
                ("2040201", "行政运行", "28398.17"),
                ("2040202", "一般行政管理事务", "36490.02"),
                ("2040219", "信息化建设", "1900.00"),
                ("2040220", "执法办案", "1740.93"),
                ("2040221", "特别业务", "100.00"),
            ],
        ),
        # 2025年一般公共预算支出情况表 p. 18 prints 204 before 201: each 款 is its own 类's
        (
            "cs-police-2025-budget-dept",
            "general_budget_expenditure",
            "total",
            18,
            [
                ("", "合计", "68632.12"),
                ("204", "公共安全支出", "68629.12"),
                ("20402", "公安", "68629.12"),
                ("2040201", "行政运行", "28398.17"),
                ("2040220", "执法办案", "1740.93"),
                ("2040202", "一般行政管理事务", "36490.02"),
                ("2040221", "特别业务", "100.00"),
                ("2040219", "信息化建设", "1900.00"),
                ("201", "一般公共服务支出", "3.00"),
                ("20111", "纪检监察事务", "3.00"),
                ("2011199", "其他纪检监察事务支出", "3.00"),
            ],
        ),
        # 2026年部门收入总体情况表 p. 13: 201 一般公共服务支出 › 40 信访事务 › 201 40 01 …
        (
            "cs-petition-2026-budget-dept",
            "income",
            "total",
            13,
            [
                ("", "合计", "1935.36"),
                ("201", "一般公共服务支出", "1935.36"),
                ("20140", "信访事务", "1935.36"),
                ("2014001", "行政运行", "1517.95"),
                ("2014004", "信访业务", "417.41"),
            ],
        ),
    ],
)
def test_a_row_printing_the_lower_parts_of_its_code_takes_the_higher_from_above(
    name: str,
    table: str,
    column: str,
    page: int,
    printed: list[tuple[str, str, str]],
    extractions: dict[str, Extraction],
) -> None:
    """A 款 row printing only its 款 part (11 under 款, the 类 cell blank) is the 款 of the
    类 printed above it; the 合计 row, which prints no part, gets no code."""
    expected = [(code, label, Decimal(amount), page) for code, label, amount in printed]
    assert rows(extractions[name], table, column) == expected


@pytest.mark.parametrize(
    ("name", "table", "page", "printed"),
    [
        # 公开07表 一般公共预算支出预算表（功能科目） p. 12: each 类's code and name in cells
        # three rulings tall, its figure in a box beside the middle one
        (
            "js-gjfy-2019-budget-dept",
            "general_budget_expenditure",
            12,
            [
                ("", "合计", "37188.34"),
                ("204", "公共安全支出", "27488.23"),
                ("20405", "法院", "27488.23"),
                ("2040501", "行政运行", "17279.29"),
                ("2040502", "一般行政管理事务", "5804.83"),
                ("2040503", "机关服务", "1400.00"),
                ("2040504", "案件审判", "1599.11"),
                ("2040505", "案件执行", "775.00"),
                ("2040599", "其他法院支出", "630.00"),
                ("208", "社会保障和就业支出", "2355.65"),
                ("20805", "行政事业单位离退休", "2355.65"),
                ("2080504", "未归口管理的行政单位离退休", "417.06"),
                ("2080505", "机关事业单位基本养老保险缴费支出", "1384.70"),
                ("2080506", "机关事业单位职业年金缴费支出", "553.89"),
                ("221", "住房保障支出", "7344.46"),
                ("22102", "住房改革支出", "7344.46"),
                ("2210201", "住房公积金", "1879.36"),
                ("2210202", "提租补贴", "5465.10"),
            ],
        ),
        # 公开11表 一般公共预算机关运行经费支出预算表 p. 15: 302 商品和服务支出 3,580.05
        (
            "js-gjfy-2019-budget-dept",
            "operating_costs",
            15,
            [
                ("", "合计", "3580.05"),
                ("302", "商品和服务支出", "3580.05"),
                ("30201", "办公费", "315.00"),
            ],
        ),
        # 公开 06 表：财政拨款基本支出预算表 pp. 16–17: 301 10,204.52, 302 2,722.57, 303 1,052.83
        (
            "js-jcy-2018-budget-dept",
            "appropriation_basic_expenditure",
            16,
            [
                ("", "合计", "13979.92"),
                ("301", "工资福利支出", "10204.52"),
                ("30101", "基本工资", "2117.68"),
            ],
        ),
        (
            "js-jcy-2018-budget-dept",
            "appropriation_basic_expenditure",
            17,
            [
                ("30299", "其他商品和服务支出", "994.54"),
                ("30211", "差旅费", "45.00"),
                ("303", "对个人和家庭的补助", "1052.83"),
                ("30301", "离休费", "428.51"),
            ],
        ),
    ],
)
def test_a_code_in_a_cell_taller_than_its_figures_box_keeps_its_figure(
    name: str,
    table: str,
    page: int,
    printed: list[tuple[str, str, str]],
    extractions: dict[str, Extraction],
) -> None:
    """A 类 whose code and name cells span the rulings of its figure's box is one row: its
    code with its figure, and no row of the figure alone under the 类's name."""
    found = [row[:3] for row in rows(extractions[name], table, "amount") if row[3] == page]
    expected = [(code, label, Decimal(amount)) for code, label, amount in printed]
    starts = [k for k in range(len(found)) if found[k : k + len(expected)] == expected]
    assert starts, found
    assert [label for code, label, _ in found if not code] in ([], ["合计"])


@pytest.mark.parametrize(
    ("table", "column", "page", "printed"),
    [
        # 表5 一般公共预算支出情况表（按功能分类科目） p. 11
        (
            "general_budget_expenditure",
            "general_budget",
            11,
            [
                ("", "合计", "3944.08"),
                ("201", "一般公共服务支出", "2570.71"),
                ("20140", "信访事务", "2570.71"),
                ("2014001", "行政运行", "1859.41"),
            ],
        ),
        # 表6 一般公共预算基本支出情况表（按经济分类科目） p. 12
        (
            "general_budget_basic_expenditure",
            "amount",
            12,
            [
                ("", "合计", "3204.78"),
                ("301", "工资福利支出", "2577.42"),
                ("30101", "基本工资", "374.86"),
            ],
        ),
        # 表7 一般公共预算项目支出情况表（按经济分类科目） p. 14
        (
            "project_expenditure",
            "amount",
            14,
            [
                ("", "合计", "739.30"),
                ("302", "商品和服务支出", "730.00"),
                ("30201", "办公费", "9.02"),
            ],
        ),
    ],
)
def test_a_code_printed_in_brackets_before_its_name_is_the_rows_code(
    table: str,
    column: str,
    page: int,
    printed: list[tuple[str, str, str]],
    extractions: dict[str, Extraction],
) -> None:
    """gz-petition prints each row's code in its name cell as [201]一般公共服务支出: the row's
    code is 201 and its name 一般公共服务支出, and every row of the table but 合计 is coded."""
    found = rows(extractions["gz-petition-2026-budget-dept"], table, column)
    expected = [(code, label, Decimal(amount), page) for code, label, amount in printed]
    assert found[: len(expected)] == expected
    assert [label for code, label, *_ in found if not code] == ["合计"]


def test_a_project_table_by_economic_code_gives_no_function_codes(tmp_path: Path) -> None:
    """gz-petition's 表7 一般公共预算项目支出情况表（按经济分类科目） (p. 14) prints its rows by
    economic code ([302]商品和服务支出 730.00): they keep their codes in the amounts, and
    neither spending by function nor the function codes take 302 for a function."""
    name = "gz-petition-2026-budget-dept"
    extract_to_directory(CORPUS / f"{name}.pdf", tmp_path, name)
    amounts = read_csv(tmp_path / "amounts.csv")
    projects = amounts[amounts["table"] == "project_expenditure"]
    assert projects[["code", "row_label", "published"]].values.tolist()[:2] == [
        ["", "合计", "739.30"],
        ["302", "商品和服务支出", "730.00"],
    ]
    assert read_csv(tmp_path / "project_spending.csv").empty
    codes = read_csv(tmp_path / "function_codes.csv")["code"]
    assert "2014001" in set(codes)
    assert not [code for code in codes if not code.startswith("2")]


def test_a_row_classified_by_function_and_economy_keeps_all_three_codes(tmp_path: Path) -> None:
    """bj-audit's 预算03表 支出总表 (p. 3) prints a column per classification, each cell a code
    joined to its name by a dash: 2010801-行政运行 | 50101-工资奖金津补贴 | 30101-基本工资
    3,138.093600, … 2010801-行政运行 | 50999-其他对个人和家庭的补助 | 30399-其他对个人和家庭的补助
    1,210.176000, then 2010804-审计业务 | 50201-办公经费 | 3021101-差旅费 38.160000 (项目支出).
    Each row is one part of its function code, told apart by the government and department
    economic codes beside it, and the 64 parts add up to the printed 合计 32,852.053832.
    Its 预算06表 (p. 6) prints 50101-工资奖金津补贴 | 30101-基本工资 3,138.093600 and later
    50501-工资福利支出 | 30101-基本工资 232.983600: the department's code is the row's own, as
    西安 prints it, with the government's beside it, and 301 is 人员经费."""
    name = "bj-audit-2026-budget-dept"
    extract_to_directory(CORPUS / f"{name}-tables.pdf", tmp_path, name)
    spending = read_csv(tmp_path / "function_spending.csv")
    spending = spending[spending["table"] == "expenditure"]
    fields = ["function_code", "function_name", "government_economic_code", "economic_code"]
    fields += ["total", "basic_expenditure", "project_expenditure", "page"]
    assert spending[fields].values.tolist()[:2] == [
        ["2010801", "行政运行", "50101", "30101", "3138.0936", "3138.0936", "", "3"],
        ["2010801", "行政运行", "50101", "30102", "6513.561676", "6513.561676", "", "3"],
    ]
    assert spending[fields].values.tolist()[23:25] == [
        ["2010801", "行政运行", "50999", "30399", "1210.176", "1210.176", "", "3"],
        ["2010804", "审计业务", "50201", "3021101", "38.16", "", "38.16", "3"],
    ]
    parts = ["function_code", "government_economic_code", "economic_code"]
    assert len(spending) == 64 and not spending.duplicated(parts).any()
    assert sum(map(Decimal, spending["total"])) == Decimal("32852.053832")
    assert not spending["function_name"].str.startswith("-").any()
    amounts = read_csv(tmp_path / "amounts.csv")
    first = amounts[(amounts["table"] == "expenditure") & (amounts["row"] == "1")]
    assert first[["code", "row_label", *parts[1:], "column", "published"]].values.tolist() == [
        ["2010801", "行政运行", "50101", "30101", "total", "3,138.093600"],
        ["2010801", "行政运行", "50101", "30101", "basic_expenditure", "3,138.093600"],
    ]
    basic = read_csv(tmp_path / "basic_spending_economic.csv")
    wages = basic[basic["economic_code"] == "30101"]
    assert wages[
        ["economic_name", "government_economic_code", "economic_code", "expense_type", "amount"]
    ].values.tolist() == [
        ["基本工资", "50101", "30101", "personnel", "3138.0936"],
        ["基本工资", "50501", "30101", "personnel", "232.9836"],
    ]
    assert not basic["economic_code"].str.startswith("5").any()
    assert read_csv(tmp_path / "findings.csv").empty


def test_a_table_classified_by_function_and_economy_is_read_by_its_header(
    tmp_path: Path,
) -> None:
    """A 支出总表 of any publisher whose header prints 支出功能分类科目 | 政府支出经济分类科目 |
    部门支出经济分类科目 gives each row its function code and name (no dash) with both
    economic codes beside it; a 类 and a 款 printed whole are held to all the parts below
    them (no finding where they add up); a 基本支出 table printing the two economic
    classifications alone keeps the department's code as the row's own."""
    case = cross_classified_pdf(tmp_path)
    extract_to_directory(case.pdf, tmp_path / "out", "cross")
    spending = read_csv(tmp_path / "out" / "function_spending.csv")
    fields = ["function_code", "function_name", "level", "government_economic_code"]
    fields += ["economic_code", "total"]
    assert spending[fields].values.tolist() == [
        ["201", "一般公共服务支出", "1", "", "", "300"],
        ["20108", "审计事务", "2", "", "", "300"],
        ["2010801", "行政运行", "3", "50101", "30101", "120"],
        ["2010801", "行政运行", "3", "50101", "30102", "60"],
        ["2010801", "行政运行", "3", "50201", "30201", "40"],
        ["2010804", "审计业务", "3", "50201", "30211", "30"],
        ["2010804", "审计业务", "3", "50205", "30226", "50"],
    ]
    basic = read_csv(tmp_path / "out" / "basic_spending_economic.csv")
    assert basic[
        ["economic_code", "economic_name", "government_economic_code"]
    ].values.tolist() == [
        ["30101", "基本工资", "50101"],
        ["30102", "津贴补贴", "50101"],
        ["30201", "办公费", "50201"],
    ]
    report = read_csv(tmp_path / "out" / "reports.csv").iloc[0]
    assert int(report["identity_checks"]) > 0
    assert read_csv(tmp_path / "out" / "findings.csv").empty


def test_a_kuan_is_held_to_every_economic_part_of_its_items(tmp_path: Path) -> None:
    """The same table with one part (2010804 | 50205 | 30226) printed 5.00 too high: its 款
    20108 (300.00, 项目支出 80.00) no longer adds up, and the finding names each part by its
    codes; the 类 201, equal to its 款 as printed, and every row's own sum stay clean."""
    case = cross_classified_pdf(tmp_path, broken=True)
    extract_to_directory(case.pdf, tmp_path / "out", "cross")
    findings = read_csv(tmp_path / "out" / "findings.csv")
    assert findings[["rule", "page", "found", "expected"]].values.tolist() == [
        ["hierarchy_sum", "2", "80", "85"],
        ["hierarchy_sum", "2", "300", "305"],
    ]
    assert all("｜".join(BROKEN_PART) in message for message in findings["message"])
