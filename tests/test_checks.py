"""The identity rules on generated amounts: each catches its own kind of error."""

from __future__ import annotations

from decimal import Decimal

from fiscal.check.table_identities import check_report
from fiscal.records import AmountRecord

REPORT = "generated"


def record(
    table: str,
    row: int,
    column: str,
    published: str,
    *,
    code: str = "",
    label: str = "",
    side: str = "",
    page: int = 3,
    unit: str = "万元",
) -> AmountRecord:
    value = Decimal(published.replace(",", ""))
    if unit == "元":
        value = value / 10000
    return AmountRecord(
        report_id=REPORT,
        table=table,
        row=row,
        column=column,
        page=page,
        side=side,
        code=code,
        row_label=label,
        column_label=column,
        amount=value,
        published=published,
        unit=unit,
    )


def spending(rows: list[tuple[str, str, str, str]], unit: str = "万元") -> list[AmountRecord]:
    """支出决算表 rows of (code or 合计, total, basic, project)."""
    amounts = []
    for number, (code, total, basic, project) in enumerate(rows, start=1):
        key = {"label": "合计"} if code == "合计" else {"code": code}
        for column, text in (
            ("total", total),
            ("basic_expenditure", basic),
            ("project_expenditure", project),
        ):
            if text:
                amounts.append(record("expenditure", number, column, text, unit=unit, **key))
    return amounts


def rules(findings) -> list[tuple[str, str]]:
    return sorted((f.rule, f.message.split("：")[0].split("（")[0]) for f in findings)


def test_consistent_table_has_no_findings() -> None:
    amounts = spending(
        [
            ("合计", "30.00", "20.00", "10.00"),
            ("211", "30.00", "20.00", "10.00"),
            ("21101", "30.00", "20.00", "10.00"),
            ("2110101", "20.00", "20.00", ""),
            ("2110102", "10.00", "", "10.00"),
        ]
    )
    assert check_report(REPORT, amounts) == []


def test_hierarchy_and_row_sum_errors_are_found_and_kept_as_published() -> None:
    amounts = spending(
        [
            ("合计", "30.00", "20.00", "10.00"),
            ("211", "30.00", "20.00", "10.00"),
            ("21101", "30.00", "20.00", "10.00"),
            ("2110101", "20.00", "20.00", ""),
            ("2110102", "11.00", "", "10.00"),  # typo: 11.00 where 10.00 adds up
        ]
    )
    findings = check_report(REPORT, amounts)
    assert rules(findings) == [
        ("hierarchy_sum", "21101 合计"),
        ("row_sum", "2110102 行"),
    ]
    hierarchy = next(f for f in findings if f.rule == "hierarchy_sum")
    assert (hierarchy.found, hierarchy.expected) == (Decimal("30.00"), Decimal("31.00"))
    assert hierarchy.page == 3 and hierarchy.table == "expenditure"
    assert hierarchy.kind == "source_inconsistency"


def test_rounding_tolerance_grows_with_the_number_of_items() -> None:
    # Three items and their total, each rounded to 0.01, may disagree by up to 0.02.
    children = [
        ("2110101", "0.34", "0.34", ""),
        ("2110102", "0.34", "0.34", ""),
        ("2110103", "0.34", "0.34", ""),
    ]
    ok = spending([("21101", "1.01", "1.01", ""), *children])
    assert check_report(REPORT, ok) == []
    assert check_report(REPORT, spending([("21101", "1.04", "1.04", ""), *children])) == []
    off = spending([("21101", "1.05", "1.05", ""), *children])
    assert {f.rule for f in check_report(REPORT, off)} == {"hierarchy_sum"}


def test_a_total_printed_to_fewer_decimals_carries_its_own_rounding() -> None:
    # A 合计 printed as whole yuan (22,118,861) over items in fen (… .34) is rounding.
    amounts = spending(
        [("204", "22,118,861", "22,118,861", ""), ("20406", "22,118,861.34", "22,118,861.34", "")],
        unit="元",
    )
    assert check_report(REPORT, amounts) == []
    amounts = spending(
        [("204", "22,118,862", "22,118,862", ""), ("20406", "22,118,861.34", "22,118,861.34", "")],
        unit="元",
    )
    assert {f.rule for f in check_report(REPORT, amounts)} == {"hierarchy_sum"}


def test_tolerance_follows_the_printed_unit() -> None:
    # In 元 a whole-yuan table may be off by half a yuan per item, not half a cent of 万元.
    amounts = spending(
        [
            ("211", "300,001", "300,001", ""),
            ("21101", "100,000", "100,000", ""),
            ("21102", "200,000", "200,000", ""),
        ],
        unit="元",
    )
    assert check_report(REPORT, amounts) == []


def test_two_sided_totals_and_balance() -> None:
    summary = "income_expenditure_summary"
    amounts = [
        record(summary, 1, "amount", "100.00", label="一、一般公共预算财政拨款收入", side="income"),
        record(summary, 2, "amount", "100.00", label="本年收入合计", side="income"),
        record(summary, 3, "amount", "5.00", label="年初结转和结余", side="income"),
        record(summary, 4, "amount", "105.00", label="总计", side="income"),
        record(summary, 5, "amount", "90.00", label="一、一般公共服务支出", side="expenditure"),
        record(summary, 6, "amount", "90.00", label="本年支出合计", side="expenditure"),
        record(summary, 7, "amount", "15.00", label="年末结转和结余", side="expenditure"),
        record(summary, 8, "amount", "106.00", label="总计", side="expenditure"),
    ]
    assert rules(check_report(REPORT, amounts)) == [
        ("two_sided_balance", "收入总计 = 支出总计"),
        ("two_sided_grand_total", "支出 金额"),
    ]


def test_summary_class_line_must_match_the_detailed_table() -> None:
    amounts = [
        record(
            "income_expenditure_summary",
            1,
            "amount",
            "326.71",
            label="八、社会保障和就业支出",
            side="expenditure",
            page=6,
        ),
        *spending([("208", "326.72", "326.72", "")]),
    ]
    (finding,) = check_report(REPORT, amounts)
    assert finding.rule == "cross_table_class"
    assert finding.table == "income_expenditure_summary" and finding.page == 6
    assert (finding.found, finding.expected, finding.tolerance) == (
        Decimal("326.71"),
        Decimal("326.72"),
        Decimal(0),
    )


def test_three_public_and_personnel_public_split() -> None:
    tp = "three_public"
    basic = "general_budget_basic_expenditure"
    amounts = [
        record(tp, 1, "total_actual", "10.00"),
        record(tp, 1, "overseas_travel_actual", "2.00"),
        record(tp, 1, "vehicles_actual", "5.00"),
        record(tp, 1, "vehicle_purchase_actual", "1.00"),
        record(tp, 1, "vehicle_operation_actual", "4.00"),
        record(tp, 1, "reception_actual", "2.00"),  # 2 + 5 + 2 = 9, not 10
        record(basic, 1, "amount", "50.00", code="301"),
        record(basic, 2, "amount", "30.00", code="302"),
        record(basic, 3, "amount", "50.00", label="人员经费合计"),
        record(basic, 4, "amount", "31.00", label="公用经费合计"),  # not 30
    ]
    assert sorted(f.rule for f in check_report(REPORT, amounts)) == [
        "expense_type_sum",
        "three_public_sum",
    ]


def test_personnel_and_public_in_columns_named_by_their_panel() -> None:
    """A 基本支出 table printed as 人员经费 / 金额 | 公用经费 / 金额 holds each panel's figures
    under the panel's name: its footers and classes are checked there, not read as 0."""
    basic = "general_budget_basic_expenditure"
    amounts = [
        record(basic, 1, "personnel", "50.00", code="301"),
        record(basic, 2, "public", "30.00", code="302"),
        record(basic, 3, "personnel", "50.00", label="人员经费合计"),
        record(basic, 4, "public", "31.00", label="公用经费合计"),  # not 30
        record("general_budget_expenditure", 1, "basic_expenditure", "80.00", label="合计"),
    ]
    assert rules(check_report(REPORT, amounts)) == [
        ("basic_equals_personnel_plus_public", "基本支出 = 人员经费 + 公用经费"),
        ("expense_type_sum", "公用经费合计"),
    ]


def test_a_summary_closed_by_its_income_total_after_the_carry_over() -> None:
    """本年收入合计, 上年结转结余, then 收入合计 (no 总计): the 收入合计 is the side's grand
    line, this year's total and the carry-over together, and the income table's 合计 that
    adds its 上年结转结余 column is that line."""
    summary = "income_expenditure_summary"

    def amounts(grand: str) -> list[AmountRecord]:
        income = {"label": "合计"}
        return [
            record(summary, 1, "amount", "100.00", label="一、一般公共预算拨款收入", side="income"),
            record(summary, 2, "amount", "100.00", label="本年收入合计", side="income"),
            record(summary, 3, "amount", "5.00", label="上年结转结余", side="income"),
            record(summary, 4, "amount", grand, label="收入合计", side="income"),
            record("income", 1, "total", "105.00", **income),
            record("income", 1, "general_budget", "100.00", **income),
            record("income", 1, "carryover_begin", "5.00", **income),
        ]

    assert check_report(REPORT, amounts("105.00")) == []
    assert rules(check_report(REPORT, amounts("106.00"))) == [
        ("cross_table_total", "income 合计 与 income_expenditure_summary 收入合计"),
        ("two_sided_grand_total", "收入 金额"),
    ]
