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
from fiscal.check.report import check_extraction
from fiscal.check.table_identities import Checker
from fiscal.read.extract import extract_document
from fiscal.records import Extraction
from fiscal.schema import read_csv
from fiscal.stages.extract import extract_to_directory
from fiscal.vocabulary import SOURCE_INCONSISTENCY
from fixtures.cross_classified import BROKEN_PART, cross_classified_pdf
from fixtures.unit_lines import DEPARTMENT, INCOME, PROJECTS, SPENDING, UNITS, unit_lines_pdf


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
    economic code ([302]商品和服务支出 730.00): they keep their codes in the amounts and in
    project_spending as economic codes, and the function codes never take 302 for one."""
    name = "gz-petition-2026-budget-dept"
    extract_to_directory(CORPUS / f"{name}.pdf", tmp_path, name)
    amounts = read_csv(tmp_path / "amounts.csv")
    projects = amounts[amounts["table"] == "project_expenditure"]
    assert projects[["code", "row_label", "published"]].values.tolist()[:2] == [
        ["", "合计", "739.30"],
        ["302", "商品和服务支出", "730.00"],
    ]
    spending = read_csv(tmp_path / "project_spending.csv")
    # 表12 部门预算项目支出及其他支出预算表 lists every fund's projects beside it, by name
    spending = spending[spending["table"] == "project_expenditure"]
    assert spending[["economic_code", "function_code", "total"]].values.tolist()[:2] == [
        ["", "", "739.3"],
        ["302", "", "730"],
    ]
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


EMERGENCY = "xa-emergency-2019-budget-dept"
SAFETY_BUREAU = "西安市安全生产监督管理局"
PUBLICITY_CENTRE = "西安市安全生产宣传教育中心"


@pytest.fixture(scope="module")
def emergency() -> Extraction:
    """xa-emergency's tables volume: its 表5–表8 list four units' rows, unit after unit."""
    return extract_document(CORPUS / f"{EMERGENCY}-tables.pdf", EMERGENCY)


def unit_rows(
    extraction: Extraction, table: str, column: str, instance: int = 1
) -> list[tuple[str, str, str, Decimal, int]]:
    """Code, label, budget unit, amount and page of each row of a table in one column."""
    return [
        (a.code, a.row_label, a.budget_unit, a.amount, a.page)
        for a in extraction.amounts
        if a.table == table and a.column == column and a.instance == instance
    ]


def test_a_unit_line_opens_its_units_rows_and_a_two_digit_code_is_its_classes(
    emergency: Extraction,
) -> None:
    """表5 一般公共预算支出明细表（按支出功能分类科目） p. 7 prints 125001 西安市安全生产监督
    管理局 2,080.32 where the rows print their codes, then that unit's rows, its 款 as their
    own two digits (05 行政事业单位离退休 113.28 under 208), then 125002 … with its own: each
    row is its unit's, and 05 under 208 is 20805."""
    found = unit_rows(emergency, "general_budget_expenditure", "total")
    bureau, centre = SAFETY_BUREAU, PUBLICITY_CENTRE
    printed = [
        ("", "合计", "", "3643.37"),
        ("", bureau, bureau, "2080.32"),
        ("208", "社会保障和就业支出", bureau, "115.11"),
        ("20805", "行政事业单位离退休", bureau, "113.28"),
        ("2080505", "机关事业单位基本养老保险缴费支出", bureau, "81.23"),
        ("2080506", "机关事业单位职业年金缴费支出", bureau, "32.05"),
        ("20899", "其他社会保障和就业支出", bureau, "1.83"),
        ("2089901", "其他社会保障和就业支出", bureau, "1.83"),
        ("210", "卫生健康支出", bureau, "15.86"),
        ("21011", "行政事业单位医疗", bureau, "15.86"),
        ("2101101", "行政单位医疗", bureau, "15.86"),
        ("221", "住房保障支出", bureau, "87.86"),
        ("22102", "住房改革支出", bureau, "87.86"),
        ("2210201", "住房公积金", bureau, "87.86"),
        ("224", "灾害防治及应急管理支出", bureau, "1861.49"),
        ("22401", "应急管理事务", bureau, "1861.49"),
        ("2240101", "行政运行", bureau, "853.04"),
        ("2240106", "安全监管", bureau, "1008.45"),
        ("", centre, centre, "461.80"),
        ("208", "社会保障和就业支出", centre, "22.62"),
    ]
    assert found[: len(printed)] == [(*row[:3], Decimal(row[3]), 7) for row in printed]
    # pp. 8–9: the centre's 20805 22.12, then the two other units' lines and rows
    assert ("20805", "行政事业单位离退休", centre, Decimal("22.12"), 8) in found
    lines = [(label, amount, page) for code, label, unit, amount, page in found if label == unit]
    assert lines == [
        (bureau, Decimal("2080.32"), 7),
        (centre, Decimal("461.80"), 7),
        ("西安市安全生产执法监察支队", Decimal("830.27"), 8),
        ("西安市安全生产应急救援中心", Decimal("270.98"), 9),
    ]
    assert [label for code, label, unit, *_ in found if not unit] == ["合计"]


def test_the_economic_and_project_tables_list_their_rows_under_their_units(
    emergency: Extraction,
) -> None:
    """表6 (按支出经济分类科目, pp. 10–15) prints the same unit lines over its economic codes
    (30101 基本工资 237.03 | 50101 for the bureau, 68.47 | 50501 for the centre); 表10
    专项业务经费支出表 (pp. 25–28) prints the department's 125 line above its units' 125001 …
    lines, each over its projects."""
    economic = unit_rows(emergency, "general_budget_expenditure_economic", "total")
    wages = [(unit, amount, page) for code, _, unit, amount, page in economic if code == "30101"]
    assert wages[:2] == [
        (SAFETY_BUREAU, Decimal("237.03"), 10),
        (PUBLICITY_CENTRE, Decimal("68.47"), 11),
    ]
    projects = unit_rows(emergency, "project_expenditure", "amount")
    assert projects[:4] == [
        ("", "合计", "", Decimal("1620.98"), 25),
        ("", SAFETY_BUREAU, "", Decimal("1620.98"), 25),  # 125: the department's own line
        ("", SAFETY_BUREAU, SAFETY_BUREAU, Decimal("1008.45"), 25),  # 125001: its unit's
        (
            "",
            "安全生产业务费(含聘请专家费用、许可证发放、标准化建设、隐患排查经费、"
            "安全发展城市、文化建设经费)",
            SAFETY_BUREAU,
            Decimal("642.50"),
            25,
        ),
    ]
    assert ("", "安全生产执法宣传经费", PUBLICITY_CENTRE, Decimal("15.00"), 26) in projects


def test_each_units_line_and_classes_are_checked_on_their_own(emergency: Extraction) -> None:
    """The unit lines of 表5–表8 equal the 类 rows under them, and each unit's 类 ⊃ 款 ⊃ 项
    hold (checked unit by unit): the report's only broken identities are its 三公 table's."""
    result = check_extraction(emergency)
    broken = {f.table for f in result.findings if f.kind == SOURCE_INCONSISTENCY}
    assert broken == {"three_public"}
    spending = Checker(
        EMERGENCY, [a for a in emergency.amounts if a.table == "general_budget_expenditure"]
    )
    assert not spending.run()
    # in each of its 4 columns: 合计 and the 4 units' lines over their 类 (5), each unit's
    # 4 类 over their 款 and 5 款 over their 项 (4 × 9); and each row's 合计 (64 in all)
    assert spending.checked == 4 * 5 + 4 * 4 * 9 + 64


def test_a_generated_budget_lists_its_rows_under_each_units_line(tmp_path: Path) -> None:
    """By structure, not by publisher: a code of the department's digits and more
    (408001) with a name and figures opens a unit, whose rows follow until the next; two
    digits under a 类 are its 款, one printing no 项 too (the 水文站's 03 before its 99); a
    table of units alone, one line each, is left as it is."""
    extraction = extract_document(unit_lines_pdf(tmp_path), "water")
    found = unit_rows(extraction, "general_budget_expenditure", "total")
    units = {"408001": UNITS[0][1], "408002": UNITS[1][1]}
    expected, unit = [], ""
    for code, name, total, *_ in SPENDING:
        unit = units.get(code, unit)
        whole = {"03": "21303", "02": "22102", "99": "21399"}.get(code, code)
        expected.append(("" if code in units else whole, name, unit, Decimal(total), 2))
    assert found == expected

    income = unit_rows(extraction, "income", "total")
    assert [(label, unit) for _, label, unit, *_ in income] == [
        (label, "") for _, label, *_ in INCOME
    ]

    projects = unit_rows(extraction, "project_expenditure", "amount")
    assert [(code, label, unit) for code, label, unit, *_ in projects] == [
        ("", "合计", ""),
        ("", DEPARTMENT[1], ""),
        *[("", label, UNITS[0][1]) for _, label, _ in PROJECTS[2:]],
    ]
    result = check_extraction(extraction)
    assert not [f for f in result.findings if f.kind == SOURCE_INCONSISTENCY]

    extract_to_directory(unit_lines_pdf(tmp_path), tmp_path / "out", "water")
    spending = read_csv(tmp_path / "out" / "function_spending.csv")
    by_unit = spending[spending["function_code"] == "21303"]
    assert by_unit[["budget_unit", "level", "total"]].values.tolist() == [
        [UNITS[0][1], "2", "260"],
        [UNITS[1][1], "2", "70"],
    ]


@pytest.mark.parametrize(
    ("broken", "findings"),
    [
        # the 水文站's line printed 81.00 over its 213 of 80.00
        (("408002", 1, "81.00"), [("total_of_classes", "81.00", "80.00", "青山县水文站")]),
        # the 水务局's 03 水利 printed 261.00: over its 项 (140 + 120), under its 213 (260)
        (
            ("03", 1, "261.00"),
            [
                ("hierarchy_sum", "260.00", "261.00", "213"),
                ("hierarchy_sum", "261.00", "260.00", "21303"),
            ],
        ),
    ],
)
def test_a_units_line_and_its_classes_are_held_to_the_rows_under_it(
    tmp_path: Path, broken: tuple[str, int, str], findings: list[tuple[str, str, str, str]]
) -> None:
    """A unit's line is its 类 rows' total, and its 类 ⊃ 款 ⊃ 项 add up within the unit: a
    figure printed off is found in its own unit, whatever the other unit prints."""
    extraction = extract_document(unit_lines_pdf(tmp_path, broken), "water")
    found = sorted(
        (f.rule, str(f.found), str(f.expected), f.message.split()[0])
        for f in check_extraction(extraction).findings
        if f.kind == SOURCE_INCONSISTENCY and f.rule != "row_sum"  # (合计 ≠ its columns too)
    )
    assert found == findings
