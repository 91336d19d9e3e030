"""Another province's layout: the Zhuzhou final account typeset from the seed's figures.

Hunan prints 公开01–09表 with 行次 columns and a 栏次 row, a three-panel basic-spending
table and a 12-column 三公 table whose header puts 预算数/决算数 on top. Every figure of
the seed must come back, in the right table, row and column.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from fiscal.check.table_identities import check_report
from fiscal.numbers import clean, looks_numeric, parse_amount
from fiscal.read.extract import extract_document
from fiscal.read.templates import match_title
from fiscal.records import Extraction
from fixtures.lookup import amount_at
from fixtures.zhuzhou_final import SeedTable, build_zhuzhou_final_pdf


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[SeedTable], Extraction]:
    path = tmp_path_factory.mktemp("zhuzhou") / "zhuzhou-sthjj-2023-final-dept.pdf"
    tables = build_zhuzhou_final_pdf(path)
    return tables, extract_document(path, "zhuzhou-sthjj-2023-final-dept", expected_year=2023)


def seed_figures(table: SeedTable) -> Counter[Decimal]:
    """Every amount of a seed table, leaving out the 行次 helper column."""
    helper = {j for row in table.header_rows for j, text in enumerate(row) if "行次" in clean(text)}
    figures: Counter[Decimal] = Counter()
    for row in table.body_rows:
        for j, text in enumerate(row):
            if j not in helper and looks_numeric(text):
                amount = parse_amount(text)
                if amount is not None and not _is_code(text):
                    figures[amount.value] += 1
    return figures


def _is_code(text: str) -> bool:
    return "." not in text and len(clean(text)) in (3, 5, 7) and clean(text) != "0"


def test_every_seed_figure_is_extracted_into_its_table(built) -> None:
    tables, extraction = built
    assert [f for f in extraction.findings if f.kind == "extraction_failure"] == []
    for table in tables:
        template = match_title(table.title)
        assert template is not None, table.title
        extracted = Counter(a.amount for a in extraction.amounts if a.table == template.key)
        assert extracted == seed_figures(table), table.title


def test_all_nine_tables_found_across_pages(built) -> None:
    _, extraction = built
    pages = {t.table: (t.first_page, t.last_page) for t in extraction.tables}
    assert len(pages) == 9
    assert pages["income"] == (4, 5)  # continued with the header repeated
    assert pages["expenditure"] == (6, 7)  # continued without a header


@pytest.mark.parametrize(
    ("table", "column", "code", "label", "value"),
    [
        ("income_expenditure_summary", "amount", "", "十、节能环保支出", "5450.72"),
        ("income", "total", "21103", "", "1993.19"),  # printed "1993. 19"
        ("expenditure", "basic_expenditure", "2110199", "", "0.9"),
        ("expenditure", "project_expenditure", "2110199", "", "149.08"),
        ("appropriation_summary", "general_budget", "", "本年支出合计", "7070.08"),
        ("general_budget_expenditure", "project_expenditure", "2110399", "", "505.85"),
        ("general_budget_basic_expenditure", "amount", "30226", "", "158.73"),
        ("general_budget_basic_expenditure", "amount", "31002", "", "22.43"),
        ("general_budget_basic_expenditure", "amount", "", "公用经费合计", "1189.47"),
        ("three_public", "vehicle_operation_actual", "", "", "41.98"),
        ("three_public", "reception_budget", "", "", "5.46"),
        ("three_public", "vehicles_budget", "", "", "47.44"),
    ],
)
def test_figures_land_in_the_right_row_and_column(built, table, column, code, label, value):
    _, extraction = built
    assert amount_at(extraction, table, column, code=code, label=label) == Decimal(value)


def test_identities_hold_within_rounding_except_the_printed_error(built) -> None:
    """Rounding (人员 + 公用 = 4789.11 vs 基本支出 4789.12) is tolerated; a real error is not.

    The seed's 三公 table prints 公务用车购置及运行费 小计 as 47.44 (the 合计) where 购置
    + 运行 = 41.98, in both the 预算数 and 决算数 halves: the checker must report both
    broken sums of each half, as published, and nothing else.
    """
    _, extraction = built
    findings = check_report(extraction.report_id, extraction.amounts)
    assert sorted((f.table, f.rule, f.found, f.expected) for f in findings) == [
        ("three_public", "three_public_sum", Decimal("47.44"), Decimal("52.90")),
        ("three_public", "three_public_sum", Decimal("47.44"), Decimal("52.90")),
        ("three_public", "three_public_vehicles", Decimal("47.44"), Decimal("41.98")),
        ("three_public", "three_public_vehicles", Decimal("47.44"), Decimal("41.98")),
    ]
    assert all(f.kind == "source_inconsistency" and f.page == 11 for f in findings)


def test_year_comes_from_the_cover(built) -> None:
    _, extraction = built
    assert extraction.facts.fiscal_year == 2023
    assert extraction.facts.phase == "final"


def test_the_national_template_is_read_as_nine_empty_tables(corpus: Path) -> None:
    extraction = extract_document(corpus / "template-2024-final-dept.pdf", "template")
    assert len(extraction.tables) == 9
    assert extraction.amounts == []
    assert extraction.findings == []
    assert {t.status for t in extraction.tables} <= {"empty", "no_data"}
