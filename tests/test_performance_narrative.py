"""A performance self-evaluation report's text held to its own forms.

The Hengyang and Yiyang seeds are whole 部门整体支出绩效自评报告: the report's text, then its
基础数据表 and 自评表. ``fixtures/performance_forms`` typesets both parts, so the figures the
text states (基本支出, 项目支出, 公用经费, 三公 items, 预算执行率) are checked against the
forms of the same document. The Yiyang seed disagrees with its own forms in three places;
each is read off the seed below, so the test fails if the reader or the check misses one or
invents another.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fiscal.check.narrative import check_narrative
from fiscal.read.extract import extract_document
from fixtures.performance_forms import (
    SEEDS,
    build_performance_pdf,
    read_seed_forms,
    read_seed_narrative,
)


def _report(tmp_path: Path, name: str, edit: tuple[str, str] | None = None):
    forms = read_seed_forms(SEEDS[name])
    narrative = read_seed_narrative(SEEDS[name])
    if edit is not None:
        assert any(edit[0] in paragraph for paragraph in narrative), edit[0]
        narrative = [paragraph.replace(*edit) for paragraph in narrative]
    pdf = tmp_path / f"{name}.pdf"
    build_performance_pdf(
        pdf, forms, [f"{forms[0].title[:4]}年度部门整体支出绩效自评报告"], narrative
    )
    return check_narrative(extract_document(pdf, report_id=name))


def _disagreements(check) -> list[tuple[str, Decimal, Decimal]]:
    return sorted(
        (f.rule, f.found, f.expected) for f in check.findings if f.rule == "narrative_vs_table"
    )


@pytest.fixture(scope="module")
def hengyang(tmp_path_factory: pytest.TempPathFactory):
    return _report(tmp_path_factory.mktemp("hengyang"), "hengyang")


@pytest.fixture(scope="module")
def yiyang(tmp_path_factory: pytest.TempPathFactory):
    return _report(tmp_path_factory.mktemp("yiyang"), "yiyang")


def test_the_texts_spending_is_held_to_the_basic_data_form(hengyang) -> None:
    """衡阳: 基本支出 2966.94 and 项目支出 888.43 万元, as the 基础数据表's 2022 决算数 prints."""
    held = {
        (c.topic, c.value): c.outcome
        for c in hengyang.claims
        if c.table == "performance_basic_data"
    }
    assert held == {
        ("basic_expenditure", Decimal("2966.94")): "agrees",
        ("project_expenditure", Decimal("888.43")): "agrees",
    }
    assert _disagreements(hengyang) == []


def test_an_execution_rate_of_something_else_is_not_the_budgets(hengyang) -> None:
    """排污权交易执行率100% is no 预算执行率: it is not held to the funds line."""
    rate = next(c for c in hengyang.claims if c.measure == "execution_rate")
    assert "排污权交易执行率" in rate.sentence
    assert rate.outcome != "disagrees" and rate.table == ""


def test_a_changed_figure_in_the_text_is_found_against_the_form(tmp_path: Path) -> None:
    check = _report(tmp_path, "hengyang", ("项目支出888.43万元", "项目支出898.43万元"))
    assert _disagreements(check) == [("narrative_vs_table", Decimal("898.43"), Decimal("888.43"))]
    finding = next(f for f in check.findings if f.rule == "narrative_vs_table")
    assert "898.43万元" in finding.message and "888.43" in finding.message


def test_the_yiyang_texts_own_disagreements_with_its_forms(yiyang) -> None:
    """The seed's text says 项目支出52.53万元 (its 基础数据表 prints 53.5), 公用经费完成
    202.87万元 (211.29) and 公务接待费完成0.11万元 (0.13): published so, found so."""
    assert _disagreements(yiyang) == [
        ("narrative_vs_table", Decimal("0.11"), Decimal("0.13")),
        ("narrative_vs_table", Decimal("52.53"), Decimal("53.5")),
        ("narrative_vs_table", Decimal("202.87"), Decimal("211.29")),
    ]


def test_the_budget_execution_rate_is_held_to_the_self_evaluation_form(yiyang) -> None:
    """预算执行率达到100% is the 自评表's 年度资金总额 执行率."""
    rate = next(c for c in yiyang.claims if c.measure == "execution_rate")
    assert "预算执行率达到100%" in rate.sentence
    assert (rate.table, rate.outcome, rate.expected) == (
        "department_self_evaluation",
        "agrees",
        Decimal("100"),
    )


def test_a_wrong_execution_rate_in_the_text_is_found(tmp_path: Path) -> None:
    check = _report(tmp_path, "yiyang", ("预算执行率达到100%", "预算执行率达到96%"))
    rates = [f for f in check.findings if f.found == Decimal("96")]
    assert [(f.rule, f.expected) for f in rates] == [("narrative_vs_table", Decimal("100"))]


#: A sentence a self-evaluation report states its score in, added to the seed's text (the
#: seeds give their scores on the forms alone).
SCORE_SENTENCE = "经自评，本部门2021年度整体支出绩效自评得分为{score}分，评价等级为优。"


@pytest.mark.parametrize(("score", "outcome"), [("100", "agrees"), ("95", "disagrees")])
def test_the_texts_self_evaluation_score_is_held_to_the_forms_total(
    tmp_path: Path, score: str, outcome: str
) -> None:
    """The form's 总分 is 100; a text that says 95分 is a finding, with the form's page."""
    sentence = "2021年，本单位收入支出平衡，预算执行率达到100%。"
    check = _report(tmp_path, "yiyang", (sentence, sentence + SCORE_SENTENCE.format(score=score)))
    stated = [c for c in check.claims if c.measure == "score"]
    assert [(c.value, c.unit, c.outcome, c.expected) for c in stated] == [
        (Decimal(score), "分", outcome, Decimal("100"))
    ]
    found = [
        f for f in check.findings if f.found == Decimal(score) and f.rule == "narrative_vs_table"
    ]
    assert len(found) == (outcome == "disagrees")


def test_a_figure_in_points_that_is_no_score_is_no_claim(tmp_path: Path) -> None:
    """权重 10 分 and 扣 2 分 are figures in 分 that state no score of the report."""
    sentence = "2021年，本单位收入支出平衡，预算执行率达到100%。"
    added = "产出指标权重为10分，因资料不全扣2分。"
    check = _report(tmp_path, "yiyang", (sentence, sentence + added))
    assert not [c for c in check.claims if c.unit == "分"]
