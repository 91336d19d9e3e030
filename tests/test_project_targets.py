"""Guangzhou's 项目支出绩效目标表 books: a project per row, its indicators numbered in one cell.

gz-data (12 pages) and gz-ecology (140 pages) print 项目名称（资金使用单位） | 总计 | 财政拨款 |
财政专户拨款 | 其他资金 | 绩效目标 | 绩效指标; a row naming a 资金使用单位 with its totals and
no goal heads the projects below it, and 合计 heads them all. Each project is a form with its
funds, goal and indicators; the figures of 合计 and the unit lines, no project's, are amounts
of the form's table: every printed figure is kept once.
The values below were read from the pages named (pdfplumber's text and tables of each page).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from conftest import CORPUS
from fiscal.read.form_rows import FormRow, FormText, FoundForm
from fiscal.read.project_targets import read_project_targets
from fiscal.read.templates import match_title
from fiscal.schema import read_csv
from fiscal.stages.extract import extract_to_directory

BOOKS = ("gz-data-2026-perf-target-project", "gz-ecology-2026-perf-target-project")


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each book extracted once into a one-report package."""
    root = tmp_path_factory.mktemp("books")
    for name in BOOKS:
        extract_to_directory(CORPUS / f"{name}.pdf", root / name, name)
    return {name: root / name for name in BOOKS}


def _project(
    out: Path, name: str, unit: str | None = None
) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """A project's form, its fund lines and its indicators, by its printed name (and the
    unit it is listed under, where units print projects of the same name)."""
    forms = read_csv(out / "performance_forms.csv")
    named = forms[forms["project"] == name]
    if unit is not None:
        named = named[named["implementing_unit"] == unit]
    [form] = named.to_dict("records")
    funds = read_csv(out / "performance_funds.csv")
    indicators = read_csv(out / "performance_indicators.csv")
    return (
        form,
        funds[funds["form"] == form["form"]],
        indicators[indicators["form"] == form["form"]],
    )


@pytest.mark.parametrize(
    ("name", "forms", "funds", "indicators"),
    [
        # 70 projects under 4 units; each prints 总计 and 财政拨款, nothing else
        ("gz-data-2026-perf-target-project", 70, 140, 404),
        # 300 projects under 35 units; 12 print 其他资金 beside 总计 and 财政拨款
        ("gz-ecology-2026-perf-target-project", 300, 612, 1771),
    ],
)
def test_each_project_of_a_book_is_a_form(
    name: str, forms: int, funds: int, indicators: int, books: dict[str, Path]
) -> None:
    """Every project row is one form, every numbered entry of its 绩效指标 cell one of its
    indicators (as many as the cell prints 年度指标值), every figure of its row a fund line;
    unit lines and 合计 are no project (two units may list projects of one name). Nothing is
    found wrong: each project's 总计 is its 财政拨款 and 其他资金."""
    out = books[name]
    read = read_csv(out / "performance_forms.csv")
    assert len(read) == forms
    assert not read.duplicated(["implementing_unit", "project"]).any()
    assert len(read_csv(out / "performance_funds.csv")) == funds
    assert len(read_csv(out / "performance_indicators.csv")) == indicators
    assert read["indicators"].astype(int).sum() == indicators
    findings = read_csv(out / "findings.csv")
    assert findings.empty, findings.to_dict(orient="records")[:3]


def test_a_projects_indicators_are_read_from_its_numbered_text(books: dict[str, Path]) -> None:
    """gz-data p. 2 政府网站与政务新媒体提升业务项目 (325.23): seven entries
    ``N、<一级>；<二级>；<三级>；实施周期指标值:…；年度指标值:…`` wrapped over 13 lines;
    the target is the 年度指标值, read into comparator, number and unit where it is one."""
    out = books["gz-data-2026-perf-target-project"]
    form, funds, indicators = _project(out, "政府网站与政务新媒体提升业务项目")
    assert (form["first_page"], form["last_page"], form["indicators"]) == ("2", "2", "7")
    assert form["implementing_unit"] == "广州市政务服务和数据管理局"
    assert form["goal"].startswith("政府网站是政府信息公开的核心平台,政务新媒体在政务公开")
    assert form["goal"].endswith("使我市政府网站和政务新媒体运营管理水平走在全省前列。")
    assert list(zip(funds["fund"], funds["fund_label"], funds["amount"], strict=True)) == [
        ("total", "总计", "325.23"),
        ("current_appropriation", "财政拨款", "325.23"),
    ]
    assert set(funds["page"]) == {"2"}
    printed = list(
        zip(
            indicators["level1"],
            indicators["level2"],
            indicators["level3"],
            indicators["target"],
            strict=True,
        )
    )
    assert printed == [
        ("产出指标", "数量指标", "全市政府网站和政务新媒体常态化监测覆盖率(%)", "100%"),
        ("产出指标", "质量指标", "全市政府网站和政务新媒体问题整改完成率", "100%"),
        ("产出指标", "时效指标", "群众发现网站错误解决及时率", "100%"),
        ("效益指标", "经济效益", "服务成果转化", "≥1"),
        (
            "效益指标",
            "社会效益",
            "全市政府网站和政务新媒体运行水平",
            "广州市政府网站和政务新媒体在全省评估中位于优秀档次",
        ),
        ("满意度指标", "服务对象满意度", "国办“政府找错”平台问题答复率", "100%"),
        ("成本指标", "经济成本指标", "服务成本", "≤15万元"),
    ]
    cost = indicators.iloc[-1]
    assert (cost["target_comparator"], cost["target_value"], cost["target_unit"]) == (
        "≤",
        "15",
        "万元",
    )
    words = indicators.iloc[4]
    assert (words["target_comparator"], words["target_value"]) == ("", "")


def test_a_code_printed_spaced_out_and_a_target_in_words(books: dict[str, Path]) -> None:
    """gz-data p. 2 其他运行经费 prints its fourth entry's 二级指标 as ``4 1 - 经 济 成本指标``
    and its target as a rule, ``≤《广东省律师服务收费标准》建议律师费``: no number."""
    _, _, indicators = _project(books["gz-data-2026-perf-target-project"], "其他运行经费")
    assert list(indicators["level3"]) == [
        "聘请会计师事务所对我局开展资产清查次数",
        "地块处置后的社会满意度.",
        "群众满意度.",
        "诉讼费用",
    ]
    fees = indicators.iloc[-1]
    assert (fees["level1"], fees["level2"]) == ("成本指标", "经济成本指标")
    assert fees["target"] == "≤《广东省律师服务收费标准》建议律师费"
    assert fees["target_value"] == ""


def test_a_unit_line_heads_the_projects_below_it(books: dict[str, Path]) -> None:
    """gz-data's unit lines: 广州市政务服务和数据管理局 (p. 1, 16,926.32), 广州市数字政府运营
    中心 (p. 4, 67,756.88), 广州市政务服务中心 (p. 10, 834.36), 广州市市长专线电话受理中心
    (p. 11, 729.07); each project is the unit's above it, and the units' 总计 are their
    projects' added up (within rounding). Every page prints 部门名称：广州市政务服务和数据管理局
    above the frame: every project's department."""
    out = books["gz-data-2026-perf-target-project"]
    forms = read_csv(out / "performance_forms.csv")
    assert forms["implementing_unit"].value_counts().to_dict() == {
        "广州市数字政府运营中心": 37,
        "广州市政务服务和数据管理局": 21,
        "广州市政务服务中心": 7,
        "广州市市长专线电话受理中心": 5,
    }
    # 机构运行辅助经费 is the first project under p. 4's unit line, and again under p. 10's
    form, _, _ = _project(out, "机构运行辅助经费", "广州市数字政府运营中心")
    assert form["first_page"] == "4"
    form, _, _ = _project(out, "机构运行辅助经费", "广州市政务服务中心")
    assert form["first_page"] == "10"
    assert set(forms["department"]) == {"广州市政务服务和数据管理局"}  # 部门名称： above the frame
    funds = read_csv(out / "performance_funds.csv")
    totals = funds[funds["fund"] == "total"].merge(forms, on="form")
    added = totals.groupby("implementing_unit")["amount"].agg(lambda x: sum(map(float, x)))
    assert round(added["广州市市长专线电话受理中心"], 2) == 729.08  # printed 729.07


def test_entries_numbered_wrongly_and_separated_by_commas_are_each_an_indicator(
    books: dict[str, Path],
) -> None:
    """gz-ecology p. 1 广州市镇（街）园区环保监督检查员经费（越秀区） numbers its six entries
    1. 2、 3、 1、 2、 3、, separates the levels with ， and the entries with ； or ;."""
    out = books["gz-ecology-2026-perf-target-project"]
    form, funds, indicators = _project(out, "广州市镇(街)园区环保监督检查员经费(越秀区)")
    assert (form["implementing_unit"], form["first_page"]) == ("广州市生态环境局", "1")
    assert dict(zip(funds["fund"], funds["amount"], strict=True)) == {
        "total": "238",
        "current_appropriation": "238",
    }
    printed = zip(indicators["level2"], indicators["level3"], indicators["target"], strict=True)
    assert list(printed) == [
        ("数量指标", "项目专职环保员数量", "≦核定人数"),
        ("质量指标", "环境应急事件响应率", "100%"),
        ("质量指标", "专职环保员队伍管理规范化", "是"),
        ("时效指标", "项目资金支付及时率", "100%"),
        ("社会效益", "环保信访投诉办结率", "≥90%"),
        ("社会效益", "辖区内污染源巡查率", "≥80%"),
    ]


def test_other_funds_and_a_target_printed_without_its_colon(books: dict[str, Path]) -> None:
    """gz-ecology p. 29 广州市生态环境科技协同创新中心 is paid from 其他资金 alone (总计 13.40,
    财政拨款 0.00); p. 45 宣教中心房屋维护维修经费 prints ``年度指标值》90%``: kept as printed."""
    out = books["gz-ecology-2026-perf-target-project"]
    form, funds, _ = _project(out, "广州市生态环境科技协同创新中心")
    assert form["implementing_unit"] == "广州市环境技术中心(广州市美丽城市建设中心)"
    assert list(zip(funds["fund"], funds["fund_label"], funds["amount"], strict=True)) == [
        ("total", "总计：", "13.4"),
        ("current_appropriation", "财政拨款", "0"),
        ("other", "其他资金", "13.4"),
    ]
    _, _, indicators = _project(out, "宣教中心房屋维护维修经费")
    rate = indicators[indicators["level3"] == "合同进度执行率"].iloc[0]
    assert (rate["target"], rate["target_value"]) == ("》90%", "")


@pytest.mark.parametrize(
    ("name", "figures", "units", "total"),
    [
        # 75 lines of 总计 and 财政拨款: 合计, 4 units, 70 projects
        ("gz-data-2026-perf-target-project", 150, 4, ("86,246.64", "86,246.64")),
        # 336 lines: 合计 and 35 units (10 of them, and 合计, printing 其他资金), 300 projects
        ("gz-ecology-2026-perf-target-project", 695, 35, ("37,367.86", "35,790.09", "1,577.77")),
    ],
)
def test_every_figure_of_a_book_is_kept_once(
    name: str, figures: int, units: int, total: tuple, books: dict[str, Path]
) -> None:
    """A project's figures are its form's fund lines; the figures of 合计 and of each unit's
    line (no project's) are amounts of the form's table, on their page, a unit's line the
    unit's, and the units are those the projects below them name. No figure is in both, and
    none is missed: the book prints ``figures`` in all. The book is one table, read once."""
    out = books[name]
    amounts = read_csv(out / "amounts.csv")
    funds = read_csv(out / "performance_funds.csv")
    forms = read_csv(out / "performance_forms.csv")
    assert len(amounts) + len(funds) == figures
    assert set(amounts["table"]) == {"performance_targets"}
    total_line = amounts[amounts["budget_unit"] == ""]
    assert set(total_line["row_label"]) in ({"合计"}, {"合计："})
    assert (total_line["page"] == "1").all()
    assert tuple(total_line["published"]) == total
    unit_lines = amounts[amounts["budget_unit"] != ""]
    assert (unit_lines["budget_unit"] == unit_lines["row_label"]).all()
    assert set(unit_lines["budget_unit"]) == set(forms["implementing_unit"])
    assert unit_lines["budget_unit"].nunique() == units
    assert amounts["row"].nunique() == units + 1
    assert not set(amounts["row_label"]) & set(forms["project"])
    tables = read_csv(out / "report_tables.csv")
    assert list(zip(tables["table"], tables["amounts"], strict=True)) == [
        ("performance_targets", str(len(amounts))),
    ]


def test_a_project_going_on_over_a_page_is_one_form() -> None:
    """A project at the foot of a page goes on at the top of the next with its name and
    figures left blank: one form, its goal and entries joined, each indicator on the page
    its entry starts on. The texts are gz-data p. 1's 政务信息化项目管理经费, cut inside its
    third entry."""
    header = FormRow(
        tuple(
            FormText(text, x0, x1)
            for text, x0, x1 in (
                ("项目名称(资金使用单位)", 66, 143),
                ("总计", 143, 189),
                ("财政拨款", 189, 234),
                ("财政专户拨款", 234, 268),
                ("其他资金", 268, 302),
                ("绩效目标", 302, 515),
                ("绩效指标", 515, 800),
            )
        ),
        1,
    )
    foot = FormRow(
        (
            FormText("政务信息化项目管理经费", 66, 143),
            FormText("365.50", 143, 189),
            FormText("365.50", 189, 234),
            FormText("完成2026年度约400个全市信息化项目的立项、备案、验收工作,", 302, 515),
            FormText(
                "1、1-产出指标；11-数量指标；立项\\终验审核数量值；实施周期指标值:≥400个；"
                "年度指标值:≥400个。2、2-效益指标；21-经济效益；发布政务信息化项目管理规范"
                "文件；实施周期指标值:2份；年度指标值:2份。3、2-效益指标；22-社会效益；新增",
                515,
                800,
            ),
        ),
        1,
    )
    top = FormRow(
        (
            FormText("推广系统效能评估体系应用。", 302, 515),
            FormText(
                "系统效能评估数；实施周期指标值:≥400个；年度指标值:≥400个。4、4-成本指标；"
                "41-经济成本指标；项目概算平均核减率；实施周期指标值:≥5%；年度指标值:≥5%。",
                515,
                800,
            ),
        ),
        2,
    )
    template = match_title("项目支出绩效目标表（含转移支付项目）")
    assert template is not None
    found = FoundForm(template, "项目支出绩效目标表", [header, foot, replace(header, page=2), top])
    [form] = read_project_targets(found).forms
    assert form.pages == [1, 2]
    assert (
        form.goals["goal"]
        == "完成2026年度约400个全市信息化项目的立项、备案、验收工作,推广系统效能评估体系应用。"
    )
    assert [(i.texts["level3"], i.texts["target"], i.page) for i in form.indicators] == [
        ("立项\\终验审核数量值", "≥400个", 1),
        ("发布政务信息化项目管理规范文件", "2份", 1),
        ("新增系统效能评估数", "≥400个", 1),
        ("项目概算平均核减率", "≥5%", 2),
    ]
    assert [(line.fund, line.values["amount"]) for line in form.funds] == [
        ("total", "365.50"),
        ("current_appropriation", "365.50"),
    ]
