"""The narrative checks on generated documents: a clean twin with no finding, and one
injected error per rule, each found once and by its own rule alone.

The tables are the Zhuzhou 2023 final account typeset by ``fixtures/zhuzhou_final``; the
narrative (第三部分) is written here from the same figures, so the clean twin agrees with
its tables to the cent, and each variant changes one sentence the way real documents go
wrong (a stale total, 增加 where the figure fell, last year's heading …).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fiscal.check.narrative import check_narrative
from fiscal.read.extract import extract_document
from fiscal.read.narrative import ProseLine, claims, sentences
from fiscal.vocabulary import NARRATIVE_RULES
from fixtures.zhuzhou_final import build_zhuzhou_final_pdf

#: 第三部分 of a document whose every figure agrees with its tables and with itself.
CLEAN = [
    "一、收入支出决算总体情况说明",
    "2023年度收、支总计7070.08万元。与上年相比，减少69.90万元，减少1.0%。",
    "二、收入决算情况说明",
    "本年收入合计7070.08万元，其中：财政拨款收入7070.08万元，占100%。",
    "三、支出决算情况说明",
    "本年支出合计7070.08万元，其中：基本支出4789.12万元，占67.7%；项目支出2280.96万元，占32.3%。",
    "四、一般公共预算财政拨款支出决算情况说明",
    "一般公共预算财政拨款支出年初预算为5984.55万元，支出决算为7070.08万元，完成年初预算的118.1%。"
    "决算数大于年初预算数的主要原因是年中追加专项资金。",
    "五、机关运行经费支出情况说明",
    "2023年度机关运行经费支出1189.47万元，比上年决算数1150.96万元增加38.51万元，增长3.3%。"
    "截至2023年12月31日，本部门共有车辆12辆（其中执法执勤用车10辆）。",
    "六、政府性基金预算财政拨款支出决算情况说明",
    "2023年度政府性基金预算财政拨款支出0万元。",
    "七、国有资产占用情况说明",
    "年末共有车辆12辆，其中：执法执勤用车10辆、其他用车2辆。",
]

#: One error per rule: (rule, the clean text, what the document prints instead).
INJECTED = [
    ("narrative_vs_table", "本年支出合计7070.08万元", "本年支出合计7007.08万元"),
    # the 政府性基金 table says 本表无数据
    ("narrative_vs_empty_table", "财政拨款支出0万元", "财政拨款支出12.00万元"),
    ("narrative_direction", "减少69.90万元，减少1.0%", "增加69.90万元，减少1.0%"),
    ("narrative_change", "增加38.51万元", "增加36.51万元"),
    ("narrative_percent", "减少69.90万元，减少1.0%", "减少69.90万元，减少3.0%"),
    ("narrative_share", "占67.7%", "占76.7%"),
    ("narrative_execution", "完成年初预算的118.1%", "完成年初预算的108.1%"),
    ("narrative_parts", "其他用车2辆", "其他用车3辆"),
    ("narrative_year", "截至2023年12月31日", "截至2022年12月31日"),
    ("placeholder_text", "本部门共有车辆", "XX局共有车辆"),
    ("doubled_punctuation", "主要原因是年中追加专项资金。", "主要原因是年中追加专项资金。。"),
    ("unmatched_brackets", "（其中执法执勤用车10辆）", "（其中执法执勤用车10辆"),
]


def _narrative_findings(path: Path) -> tuple[list, list]:
    extraction = extract_document(path, "zhuzhou-narrative")
    check = check_narrative(extraction)
    return check.claims, check.findings


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list]:
    path = tmp_path_factory.mktemp("narrative") / "clean.pdf"
    build_zhuzhou_final_pdf(path, narrative=CLEAN)
    return _narrative_findings(path)


def test_the_clean_twin_has_no_narrative_finding(clean: tuple[list, list]) -> None:
    stated, findings = clean
    assert findings == []
    assert {c.outcome for c in stated} <= {"agrees", "unmatched"}


def test_the_clean_twins_figures_are_held_to_their_tables(clean: tuple[list, list]) -> None:
    stated, _ = clean
    held = {(c.topic, c.measure, c.printed): (c.outcome, c.table) for c in stated}
    assert held[("expenditure_total", "amount", "7070.08万元")] == (
        "agrees",
        "income_expenditure_summary",
    )
    assert held[("basic_expenditure", "amount", "4789.12万元")][0] == "agrees"
    assert held[("project_expenditure", "amount", "2280.96万元")][0] == "agrees"
    assert held[("basic_expenditure", "share", "67.7%")] == ("agrees", "")
    assert held[("government_fund_expenditure", "amount", "0万元")] == ("agrees", "government_fund")
    assert held[("general_budget_expenditure", "execution_rate", "118.1%")] == ("agrees", "")
    assert held[("operating_costs", "change", "38.51万元")] == ("agrees", "")
    assert held[("grand_total", "change_percent", "1.0%")] == ("agrees", "")
    decrease = next(c for c in stated if c.printed == "69.90万元")
    assert decrease.value == Decimal("-69.90") and decrease.basis == "previous"


@pytest.mark.parametrize(("rule", "clean_text", "printed"), INJECTED, ids=[r for r, *_ in INJECTED])
def test_an_injected_error_is_found_once_by_its_rule(
    rule: str, clean_text: str, printed: str, tmp_path: Path
) -> None:
    narrative = [text.replace(clean_text, printed) for text in CLEAN]
    assert narrative != CLEAN
    path = tmp_path / f"{rule}.pdf"
    build_zhuzhou_final_pdf(path, narrative=narrative)
    _, findings = _narrative_findings(path)
    assert [f.rule for f in findings] == [rule], [f.message for f in findings]
    assert findings[0].page is not None


#: A table headed with another department's name, as a table copied from its document is.
OTHER_DEPARTMENT = "株洲市财政局"


def test_a_table_headed_with_another_publisher_is_found_once(tmp_path: Path) -> None:
    path = tmp_path / "publisher.pdf"
    build_zhuzhou_final_pdf(
        path, narrative=CLEAN, headed={2: OTHER_DEPARTMENT, 3: OTHER_DEPARTMENT}
    )
    extraction = extract_document(path, "zhuzhou-narrative")
    findings = check_narrative(extraction).findings
    assert [f.rule for f in findings] == ["publisher_name"], [f.message for f in findings]
    [finding] = findings
    assert f"部门：{OTHER_DEPARTMENT}" in finding.message and "共 2 页" in finding.message
    third = sorted(extraction.tables, key=lambda table: table.first_page)[2]
    assert finding.page == third.first_page  # the first page that names it


def test_a_unit_the_text_lists_may_head_a_departments_table(tmp_path: Path) -> None:
    unit = "株洲市生态环境监测中心"
    narrative = [*CLEAN, f"本部门预算单位包括：部门本级和{unit}。"]
    path = tmp_path / "unit.pdf"
    build_zhuzhou_final_pdf(path, narrative=narrative, headed={2: unit})
    _, findings = _narrative_findings(path)
    assert findings == []


def test_every_narrative_rule_has_an_injected_case() -> None:
    injected = {rule for rule, *_ in INJECTED} | {"publisher_name"}
    assert injected == set(NARRATIVE_RULES)


def test_sentences_run_over_lines_and_pages_and_end_at_headings() -> None:
    lines = [
        ProseLine(page=3, text="一、收入决算情况说明"),
        ProseLine(page=3, text="本年收入合计2,946.25万元，其中：财政拨款收入"),
        ProseLine(page=4, text="2,940.05万元，占99.79%；其他收入6.2万元，占0.21%。"),
    ]
    found = sentences(lines)
    assert [(s.page, s.heading) for s in found] == [(3, True), (3, False)]
    stated = claims(found, "r", 2024, "final")
    assert [(c.topic, c.measure, c.value) for c in stated] == [
        ("income_total", "amount", Decimal("2946.25")),
        ("appropriation_income", "amount", Decimal("2940.05")),
        ("appropriation_income", "share", Decimal("99.79")),
        ("other_income", "amount", Decimal("6.2")),
        ("other_income", "share", Decimal("0.21")),
    ]


@pytest.mark.parametrize(
    ("text", "topic", "code"),
    [
        ("“三公”经费财政拨款支出年初预算为0.95万元。", "three_public", ""),
        ("基本支出预算数为15,844.04万元。", "basic_expenditure", ""),
        ("其中一般公共预算拨款政府采购11307.34万元。", "procurement_general_budget", ""),
        ("政府采购货物预算2703.49万元、", "procurement_goods", ""),
        ("一般公共预算财政拨款基本支出2336.91万元。", "general_budget_basic", ""),
        (
            "公共安全支出（204类）司法（06款）行政运行（01项）1672.67万元。",
            "function_code",
            "2040601",
        ),
        ("社会保障和就业支出（类）326.72万元。", "function_code", "208"),
        # a 款 / 项 named without its 类: the report's tables tell the code (the check)
        ("1．法院（款）行政运行（项）支出11786.92万元。", "function_code", ""),
        ("检察（款）：2018年预算支出合计16,444.36万元。", "function_code", ""),
        (
            "“一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”科目43.83万元。",
            "function_code",
            "",
        ),
        ("2026年一般公共预算财政拨款运行经费2115.63万元。", "other", ""),
        ("涉及一般公共预算财政拨款94823.35万元。", "other", ""),
    ],
)
def test_what_a_figure_is_about_is_told_by_the_words_before_it(
    text: str, topic: str, code: str
) -> None:
    stated = claims(sentences([ProseLine(page=1, text=text)]), "r", 2026, "budget")
    assert [(c.topic, c.function_code) for c in stated] == [(topic, code)]


def test_a_threshold_or_a_date_is_no_claim() -> None:
    text = "截至2024年12月31日，共有车辆3辆；单价100万元（含）以上设备2台（套）。"
    assert claims(sentences([ProseLine(page=1, text=text)]), "r", 2024, "final") == []


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("与上年相比减少184.96万元，降幅9.1%。", Decimal("-9.1")),
        ("比上年增加40万元，增幅为0.72%。", Decimal("0.72")),
        ("比上年减少3,309.98万元，下降幅度为54.9%。", Decimal("-54.9")),
        ("比上年增加1,341.22万元，增长率为57.83%。", Decimal("57.83")),
    ],
)
def test_a_rate_of_change_named_as_such_is_a_stated_percent(text: str, percent: Decimal) -> None:
    stated = claims(sentences([ProseLine(page=1, text=text)]), "r", 2018, "budget")
    assert [(c.measure, c.value) for c in stated][-1] == ("change_percent", percent)
    change = stated[-2]
    assert change.measure == "change" and (change.value > 0) == (percent > 0)


def test_a_figure_set_with_spaces_between_its_characters_is_one_figure() -> None:
    """cq-meteo's text sets some figures letter by letter (收入预算总数 1 4 , 7 7 0. 6 2 万元):
    one figure, not its last digits alone (6 2 → a claim of 2 万元); a year or a count
    before a figure stays apart from it."""
    text = "收入预算总数 1 4 , 7 7 0. 6 2 万元，政府采购预算总额 9 4 7 万元，2026年 5 万元。"
    stated = claims(sentences([ProseLine(page=1, text=text)]), "r", 2026, "budget")
    assert [c.value for c in stated] == [Decimal("14770.62"), Decimal("947"), Decimal("5")]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # sz-ecology p. 71: every kind named, to 其他用车: 5 + 6 + 0 + 57 + 57 = 125
        (
            "共有车辆125辆，其中：机要通信用车5辆、应急保障用车6辆、执法执勤用车0辆、"
            "特种专业技术用车57辆、其他用车57辆；单价100万元以上设备182台（套）。",
            [],
        ),
        (
            "共有车辆125辆，其中：机要通信用车5辆、应急保障用车6辆、执法执勤用车0辆、"
            "特种专业技术用车57辆、其他用车58辆。",
            ["narrative_parts"],
        ),
        # a list that stops short of 其他 may name only some kinds
        ("共有车辆125辆，其中：机要通信用车5辆、应急保障用车6辆。", []),
        # …but never more than there are
        ("共有车辆12辆，其中：机要通信用车5辆、应急保障用车8辆。", ["narrative_parts"]),
        # the same page prints its breakdown twice over: each 其中 lists once
        (
            "计划购置车辆9辆、162万元，其中：使用财政拨款预算购置车辆8辆、使用单位资金购置车辆1辆，"
            "其中：使用财政拨款预算购置车辆8辆、使用单位资金购置车辆1辆。",
            [],
        ),
    ],
)
def test_the_vehicles_a_text_lists_add_up_to_those_it_states(
    sentence: str, found: list[str], tmp_path: Path
) -> None:
    findings = _findings_with(sentence, tmp_path)
    assert [f.rule for f in findings] == found, [f.message for f in findings]


def _findings_with(sentence: str, directory: Path) -> list:
    """The narrative findings of the clean twin with one sentence added to its text."""
    path = directory / "added.pdf"
    build_zhuzhou_final_pdf(path, narrative=[*CLEAN, sentence])
    return _narrative_findings(path)[1]


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        # the 三公 table prints its 合计 47.44 (决算数)
        ("本年度无“三公”经费支出。", ["narrative_vs_empty_table"]),
        # the 政府性基金 table says 本表无数据: the text agrees with it
        ("本部门本年度没有使用政府性基金预算拨款安排的支出。", []),
    ],
)
def test_a_text_that_says_none_is_held_to_the_table_that_would_print_it(
    sentence: str, found: list[str], tmp_path: Path
) -> None:
    findings = _findings_with(sentence, tmp_path)
    assert [f.rule for f in findings] == found, [f.message for f in findings]
    assert all("47.44" in f.message for f in findings)
