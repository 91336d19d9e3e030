"""A column's meaning comes from its whole header path, as provinces print it: a period
above it (上年 / 当年 / 增减变化情况, or two printed years), a block (上年结转结余 | 本年收入),
a 小计 that is its parent's, 会议费 and 培训费 beside 三公 — never last year's figure read as
this year's, and never a clash left between two columns of one row."""

from __future__ import annotations

import pytest

from fiscal.read.templates import match_title, printed_years, relative_year, resolve_column
from fiscal.vocabulary import column_name


def _resolve(title: str, *path: str) -> str | None:
    template = match_title(title)
    assert template is not None, title
    return resolve_column(template, list(path))


BUDGET_THREE_PUBLIC = "“三公”经费预算表"
INCOME = "2026年市级部门收入预算总表"


@pytest.mark.parametrize(
    ("path", "key"),
    [
        (("当年", "一般公共预算拨款安排的“三公”经费预算", "小计"), "total_budget"),
        (("上年", "一般公共预算拨款安排的“三公”经费预算", "小计"), "previous_total_budget"),
        (
            ("增减变化情况", "一般公共预算拨款安排的“三公”经费预算", "公务接待费"),
            "change_reception_budget",
        ),
        (("“三公”经费", "公务用车购置及运行维护费", "小计"), "vehicles_budget"),
        (("“三公”经费", "公务用车购置及运行维护费", "公务用车购置费"), "vehicle_purchase_budget"),
        (("“三公”经费", "小计"), "total_budget"),
        (("“三公”经费", "公务用车购置及运行维护费", "公务用车购置经费"), "vehicle_purchase_budget"),
        (("“三公”经费", "公务用车购置及运行维护", "公务用车运行维护"), "vehicle_operation_budget"),
        (("上年预算数", "因公出国(境)费"), "previous_overseas_travel_budget"),
        (("会议费",), "meetings_budget"),
        (("培训费",), "training_budget"),
    ],
)
def test_three_public_columns_take_period_item_and_measure(path: tuple[str, ...], key: str) -> None:
    assert _resolve(BUDGET_THREE_PUBLIC, *path) == key


@pytest.mark.parametrize(
    ("path", "key"),
    [
        (("本年收入", "小计"), "income"),
        (("本年收入", "一般公共预算"), "general_budget"),
        (("上年结转结余", "小计"), "carryover_begin"),
        (("上年结转结余", "一般公共预算"), "carryover_begin_general_budget"),
        (("上年结余、结转",), "carryover_begin"),
        (("部门预算", "一般公共预算拨款", "小计"), "general_budget"),
        (("部门预算", "一般公共预算拨款", "其中：专项资金列入部门预算项目"), "special_funds"),
        (("部门预算", "上年实户资金余额"), "account_balance_begin"),
        (("部门预算", "使用非财政拨款结余"), "non_appropriation_carryover"),
        (("合计",), "total"),
        (("预算",), "amount"),
    ],
)
def test_income_columns_under_a_block_are_the_blocks(path: tuple[str, ...], key: str) -> None:
    assert _resolve(INCOME, *path) == key


def test_a_key_of_another_period_or_block_has_a_chinese_name() -> None:
    assert column_name("three_public", "previous_total_budget") == "上年 合计 预算数"
    assert column_name("three_public", "change_training_budget") == "增减 培训费 预算数"
    assert column_name("income", "carryover_begin_general_budget") == "年初结转和结余 一般公共预算"


@pytest.mark.parametrize(
    ("path", "key"),
    [
        (("本级财政拨款", "金额"), "fiscal_appropriation"),
        (("本级财政拨款", "其中:经费拨款"), "fiscal_appropriation_of_which"),
        (("其它收入",), "other_income"),
        (("事业单位经营服务收入",), "operating_income"),
    ],
)
def test_an_amount_under_a_label_is_the_labels_and_a_part_of_it_is_apart(
    path: tuple[str, ...], key: str
) -> None:
    assert _resolve(INCOME, *path) == key


@pytest.mark.parametrize(
    ("path", "key"),
    [
        (("其中", "事业单位经营支出"), "of_which_operating_expenditure"),
        (("其中", "上缴上级支出"), "of_which_remittance_to_upper"),
        (("基本支出", "日常公用支出"), "public"),
        (("单位预留机动经费",), "unit_reserve"),
        (("结转下年资金",), "carryover_end"),
        (("2026年预算数", "基本支出", "小计"), "basic_expenditure"),
    ],
)
def test_spending_columns_under_a_header_of_parts_are_parts(
    path: tuple[str, ...], key: str
) -> None:
    assert _resolve("部门支出预算总表", *path) == key


def test_of_two_printed_years_the_latest_is_the_reports() -> None:
    years = printed_years([["2025年", "合计"], ["2026年", "合计"], ["增减变化情况", "合计"]])
    current = max(years)
    assert (current, relative_year("2025年", current), relative_year("2026年预算数", current)) == (
        2026,
        "上年",
        "本年预算数",
    )
    assert _resolve(BUDGET_THREE_PUBLIC, relative_year("2025年", current), "合计") == (
        "previous_total_budget"
    )
