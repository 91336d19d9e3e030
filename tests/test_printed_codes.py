"""Every classification code a corpus page prints stays on its row.

The rows below were read by eye from the PDF pages named beside them: a row whose code is
printed in part (a 款 as 11 under 款), in a cell taller than its figure's box, or in
brackets before its name keeps the code the page prints, with the figures of that row.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import CORPUS
from fiscal.read.extract import extract_document
from fiscal.records import Extraction


@pytest.fixture(scope="module")
def extractions() -> dict[str, Extraction]:
    """The corpus documents these tests read, each extracted once."""
    names = ["cs-police-2025-budget-dept", "cs-petition-2026-budget-dept"]
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
