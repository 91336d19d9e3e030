"""The project tables' rows land in project_spending as printed, each with its page.

The rows below were read by eye from the corpus pages named beside them: a table of
projects by name with the unit beside each (杭州 表10), of classes of project under each
unit's line (深圳 项目支出总表), of the project part of the general budget by economic
code alone (广州 表7 一般公共预算项目支出情况表（按经济分类科目）), and of units, classes
and projects in one column (西安 表10 专项业务经费支出表).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from conftest import extract_corpus, figures, one_row
from fiscal.read.interpret import _headings
from fiscal.schema import field_names, read_csv, resource
from fiscal.stages.extract import extract_to_directory
from fixtures.unit_lines import PROJECTS, unit_lines_pdf

REPORTS = (
    "hz-meteo-2026-budget-dept",
    "sz-finance-2026-budget-dept",
    "gz-meteo-2026-budget-dept",
    "xa-finance-2026-budget-dept",
)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each report's one-report package, extracted once."""
    return extract_corpus(tmp_path_factory, {name: f"{name}.pdf" for name in REPORTS})


def test_a_project_by_name_keeps_its_unit_and_funds(packages: dict[str, Path]) -> None:
    """hz-meteo 表10 p. 24: 杭州市气象局 | 气象业务建设 | 1,097.02 | 1,002.10 | … | 94.92, and a
    unit whose name wraps over two lines beside 专业系统维护及科普 146.69 | 118.00 | 28.69;
    no code is printed, so none is given."""
    projects = read_csv(packages["hz-meteo-2026-budget-dept"] / "project_spending.csv")
    row = one_row(projects, project="气象业务建设")
    assert row["budget_unit"] == "杭州市气象局"
    assert (row["page"], row["function_code"], row["economic_code"], row["line"]) == (
        "24",
        "",
        "",
        "",
    )
    funds = ("total", "general_budget", "government_fund", "unit_funds")
    assert figures(row, *funds) == [Decimal("1097.02"), Decimal("1002.10"), None, Decimal("94.92")]
    wrapped = one_row(projects, project="专业系统维护及科普")
    assert wrapped["budget_unit"] == "杭州市气象服务中心(杭州市预警信息发布中心)"
    assert figures(wrapped, "total", "general_budget", "unit_funds") == [
        Decimal("146.69"),
        Decimal("118.00"),
        Decimal("28.69"),
    ]
    total = one_row(projects, line="合计")
    assert (total["project"], total["budget_unit"]) == ("", "")
    assert figures(total, "total", "general_budget", "unit_funds") == [
        Decimal("2131.61"),
        Decimal("2008.00"),
        Decimal("123.61"),
    ]


def test_a_class_of_projects_keeps_its_funds_and_carry_over(packages: dict[str, Path]) -> None:
    """sz-finance 项目支出总表 p. 27: 信息化服务类项目（非运维服务部分）, its name wrapped over
    two lines, 341.46 in all, none of it 一般公共预算, all of it 上年结余、结转."""
    projects = read_csv(packages["sz-finance-2026-budget-dept"] / "project_spending.csv")
    row = one_row(projects, line="信息化服务类项目(非运维服务部分)")
    assert (row["page"], row["function_code"], row["project"]) == ("27", "", "")
    assert figures(row, "total", "general_budget", "institution_income", "carryover_begin") == [
        Decimal("341.46"),
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("341.46"),
    ]
    unit = one_row(projects, line="深圳市财政局(本级)")
    assert figures(unit, "total", "general_budget", "carryover_begin") == [
        Decimal("26361.57"),
        Decimal("25964.74"),
        Decimal("396.83"),
    ]


def test_a_project_table_by_economic_code_gives_economic_codes(
    packages: dict[str, Path],
) -> None:
    """gz-meteo 表7 p. 16 prints the project part of its general budget by economic code
    alone ([30214]租赁费 592.82 under [302]商品和服务支出): the rows keep their economic codes
    and 预算 as their total, and no economic code enters the function codes."""
    directory = packages["gz-meteo-2026-budget-dept"]
    projects = read_csv(directory / "project_spending.csv")
    # its 表12 部门预算项目支出及其他支出预算表 is a project table of another kind beside it
    projects = projects[projects["table"] == "project_expenditure"]
    row = one_row(projects, economic_code="30214")
    assert (row["economic_name"], row["level"], row["function_code"], row["page"]) == (
        "租赁费",
        "2",
        "",
        "16",
    )
    assert figures(row, "total") == [Decimal("592.82")]
    assert figures(one_row(projects, line="合计"), "total") == [Decimal("1505.38")]
    assert "30214" in set(read_csv(directory / "economic_codes.csv")["code"])
    assert not any(
        code.startswith("3") for code in read_csv(directory / "function_codes.csv")["code"]
    )


def test_units_classes_and_projects_in_one_column_are_told_apart_by_their_sums(
    packages: dict[str, Path],
) -> None:
    """xa-finance 表10 部门综合预算专项业务经费支出表 pp. 38–39 (元): under 116001 西安市财政局
    19,070.9936 万元, 通用项目 1,864.08 heads 购买服务（审计、绩效、ppp项目评价） 500.77,
    which heads 财政检查 188.70 and 绩效管理 312.07; on p. 39 the 罚没公物管理中心's 通用项目
    30.00 heads 办公场所租赁 30.00, which heads 库房租赁 30.00. The projects are the lines
    that head none, each under its unit; the unit, class and group lines stay lines."""
    projects = read_csv(packages["xa-finance-2026-budget-dept"] / "project_spending.csv")
    finance, custody = "西安市财政局", "西安市罚没公物管理中心"
    for line, unit, total, page in [
        ("合计", "", "22420.4336", "38"),
        (finance, finance, "19070.9936", "38"),
        ("通用项目", finance, "1864.08", "38"),
        ("购买服务(审计、绩效、ppp项目评价)", finance, "500.77", "38"),
        ("办公场所租赁", custody, "30", "39"),
    ]:
        row = one_row(projects, line=line, budget_unit=unit)
        assert (row["project"], row["page"], figures(row, "total")) == (
            "",
            page,
            [Decimal(total)],
        )
    for project, unit, total, page in [
        ("财政检查", finance, "188.7", "38"),
        ("绩效管理", finance, "312.07", "38"),
        ("库房租赁", custody, "30", "39"),
    ]:
        row = one_row(projects, project=project)
        assert (row["line"], row["budget_unit"], row["page"]) == ("", unit, page)
        assert figures(row, "total") == [Decimal(total)]
    # every project adds up to its unit's line, as the table prints it
    for unit, rows in projects[projects["budget_unit"] != ""].groupby("budget_unit"):
        own = rows[rows["line"] == unit]["total"].map(Decimal).sum()
        assert rows[rows["project"] != ""]["total"].map(Decimal).sum() == own, unit


@pytest.mark.parametrize(
    ("printed", "projects"),
    [
        # as printed: 专用项目 over 河道维护 (40 + 30) and 水利工程维护 50
        (PROJECTS, {"河道清淤", "堤防巡查", "水利工程维护"}),
        # 河道维护 misprinted 71.00: the lines add up no way, so none is said to be a project
        ([*PROJECTS[:4], ("", "河道维护", "71.00"), *PROJECTS[5:]], set()),
        # 60 | 60 | 60 under 120: 专用项目 over 河道维护, or 河道维护 over 河道清淤; either way
        (
            [
                *PROJECTS[:3],
                *[("", name, "60.00") for name in ("专用项目", "河道维护", "河道清淤")],
            ],
            set(),
        ),
    ],
)
def test_a_line_heading_lines_that_add_up_to_it_one_way_only_is_no_project(
    tmp_path: Path, printed: list[tuple[str, str, str]], projects: set[str]
) -> None:
    """By structure, not by publisher: a generated 专项业务经费支出表 whose lines nest only by
    their figures. A line heading a run of lines adding up to it is a class or group, one
    heading none a project, where the unit's lines add up so one way only; otherwise each
    stays a line as printed, and every figure is kept."""
    extract_to_directory(unit_lines_pdf(tmp_path, projects=printed), tmp_path / "out", "water")
    rows = read_csv(tmp_path / "out" / "project_spending.csv")
    assert set(rows["project"]) - {""} == projects
    named = [project or line for project, line in zip(rows["project"], rows["line"], strict=True)]
    assert named == [label for _, label, _ in printed]
    assert [Decimal(total) for total in rows["total"]] == [
        Decimal(figure) for *_, figure in printed
    ]


def test_lines_that_nest_in_too_many_ways_are_left_as_printed_at_once() -> None:
    """Twenty-two lines of 0.00 under a unit of 0.00 nest in millions of ways (counting them
    took hours); past a few dozen ways they are no one reading and stay lines, while a unit
    whose lines nest one way keeps its reading."""
    assert _headings([Decimal(0)] * 22, Decimal(0)) is None
    assert _headings([Decimal(20), Decimal(5), Decimal(15), Decimal(10)], Decimal(30)) == {0}


@pytest.mark.parametrize("name", REPORTS)
def test_every_printed_figure_of_a_project_table_is_in_oneone_row(
    name: str, packages: dict[str, Path]
) -> None:
    """Each figure amounts holds of a project table is its project_spending row's, under its
    column (a one-column 预算 as the total), once: none lost, none doubled."""
    amounts = read_csv(packages[name] / "amounts.csv")
    amounts = amounts[amounts["table"] == "project_expenditure"]
    projects = read_csv(packages[name] / "project_spending.csv")
    projects = projects[projects["table"] == "project_expenditure"].set_index("row")
    assert not amounts.empty
    assert set(amounts["column"].replace("amount", "total")) <= set(field_names("project_spending"))
    for row, column, amount, page in zip(
        amounts["row"], amounts["column"], amounts["amount"], amounts["page"], strict=True
    ):
        field = "total" if column == "amount" else column
        assert (projects.at[row, field], projects.at[row, "page"]) == (amount, page)
    fields = resource("project_spending")["schema"]["fields"]
    figures = [field["name"] for field in fields if field["type"] == "number"]
    assert projects[figures].ne("").sum().sum() == len(amounts)
