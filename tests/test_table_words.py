"""Table kinds and column words: the readers recognise only tables and columns the
vocabulary names, and every name a page shows comes from the vocabulary."""

from __future__ import annotations

import pytest

from fiscal import vocabulary
from fiscal.codes import PROCUREMENT_HEADINGS, procurement_category
from fiscal.read import templates
from fiscal.read.templates import OTHER, TEMPLATES
from fiscal.vocabulary import TABLE_KINDS, column_name, table_title


def test_every_template_prints_a_kind_the_vocabulary_titles_in_its_phase() -> None:
    # Tables of kinds no template knows are read generically, as the one other kind.
    assert {template.key for template in TEMPLATES} | {OTHER.key} == set(TABLE_KINDS)
    for template in TEMPLATES:
        assert template.phase in TABLE_KINDS[template.key].titles, template.key
    assert set(TABLE_KINDS[OTHER.key].titles) == set(vocabulary.PHASES)


def test_a_column_rule_without_a_vocabulary_entry_fails() -> None:
    with pytest.raises(KeyError, match="no_such_column"):
        templates._rules(vocabulary.VALUE_COLUMNS, ("no_such_column", r"x"))


def test_a_template_of_a_phase_the_vocabulary_does_not_title_fails() -> None:
    with pytest.raises(KeyError, match="purchased_services"):
        templates._template("purchased_services", "final", r"x", templates.GENERIC)


@pytest.mark.parametrize(
    ("table", "key", "name"),
    [
        ("three_public", "vehicle_purchase_actual", "公务用车购置费 决算数"),
        ("three_public", "reception_budget", "公务接待费 预算数"),
        ("three_public", "budget_general_budget", "预算数 一般公共预算"),  # items as rows
        ("expenditure", "basic_expenditure", "基本支出"),
        ("project_expenditure", "total", "项目支出合计"),
        ("three_public", "no_such_column", None),
    ],
)
def test_column_keys_are_named_by_their_table_kind(table: str, key: str, name: str | None) -> None:
    assert column_name(table, key) == name


def test_a_kind_printed_in_another_phase_keeps_its_own_title() -> None:
    assert table_title("expenditure", "budget") == "支出预算总表"
    assert table_title("expenditure", "final") == "支出决算表"
    assert table_title("performance_targets", "final") == "项目支出绩效目标表"


@pytest.mark.parametrize(
    ("label", "category"),
    [
        ("合 计", "total"),
        ("一、货物A", "goods"),
        ("A-货物", "goods"),
        ("A", "goods"),
        ("二、工程B", "works"),
        ("服务类", "services"),
        ("C", "services"),
        ("PC服务器", None),  # an item under its category
        ("接待中心安保服务", None),  # a project
        ("Ａ类物业", None),
    ],
)
def test_a_procurement_line_heads_the_category_its_words_name(
    label: str, category: str | None
) -> None:
    assert procurement_category(label) == category


def test_every_procurement_category_is_a_word_of_the_vocabulary() -> None:
    assert {*PROCUREMENT_HEADINGS, "total"} == set(vocabulary.PROCUREMENT_CATEGORIES)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("公开 11 表：一般公共预算机关运行经费支出预算表", "operating_costs"),
        ("2026年部门“三公”经费和机关运行经费预算表", "three_public"),
        ("预算10表 政府采购预算明细表", "government_procurement"),
        ("部门综合预算政府采购（资产配置、购买服务）预算表", "government_procurement"),
        ("十二、政府采购支出预算表", "government_procurement"),
        # every fund's appropriations, beside the one-fund tables
        ("公开05表 财政拨款支出预算表（功能科目）", "appropriation_expenditure"),
        ("江苏省高级人民法院部门财政拨款支出预算表", "appropriation_expenditure"),
        ("财政拨款基本支出预算表（经济科目）", "appropriation_basic_expenditure"),
        ("财政拨款政府性基金支出预算表", "government_fund"),
        ("一般公共预算财政拨款基本支出决算表", "general_budget_basic_expenditure"),
        # final accounts of provinces that add tables or 明细 to the Ministry's nine
        ("一般公共预算财政拨款基本支出决算明细表", "general_budget_basic_expenditure"),
        ("一般公共预算财政拨款支出决算明细表", "general_budget_expenditure"),
        ("一般公共预算财政拨款项目支出决算表", "project_expenditure"),
        ("政府采购支出决算表", "government_procurement"),
        ("一般公共预算财政拨款机关运行经费支出决算表", "operating_costs"),
        ("支出决算表", "expenditure"),
        ("国有资产占用情况表", "state_assets"),
        # a budget's general-budget tables titled by its appropriations
        ("部门一般公共预算财政拨款基本支出预算表", "general_budget_basic_expenditure"),
        ("一般公共预算财政拨款支出预算表", "general_budget_expenditure"),
        ("一般公共预算财政拨款支出预算表（按经济分类）", "general_budget_expenditure_economic"),
        # the whole general budget by economic code, however a province titles it; its
        # basic part alone, or the budget by function code, is another kind
        ("八、2026 年度一般公共预算支出经济分类情况表", "general_budget_expenditure_economic"),
        ("表8 一般公共预算支出表（按经济分类）", "general_budget_expenditure_economic"),
        (
            "部门综合预算一般公共预算支出明细表（按支出经济分类科目）",
            "general_budget_expenditure_economic",
        ),
        ("九、2026 年度一般公共预算基本支出经济分类情况表", "general_budget_basic_expenditure"),
        ("一般公共预算支出表（按功能分类）", "general_budget_expenditure"),
        # a line per meeting or training; the 三公 table beside them is the 三公 kind
        ("会议费明细表", "meeting_details"),
        ("培训费明细表", "training_details"),
        ("一般公共预算拨款“三公”经费及会议费、培训费支出预算表", "three_public"),
        # a line per service bought, by the levels of the guiding catalogue; the 政府采购 table
        # that names 购买服务 among what it buys stays procurement
        ("预算11表 财政拨款政府购买服务明细表", "purchased_services"),
        ("部门综合预算政府采购（资产配置、购买服务）预算表", "government_procurement"),
    ],
)
def test_the_tables_provinces_add_are_known_by_title(title: str, kind: str) -> None:
    template = templates.match_title(title)
    assert template is not None and template.key == kind
