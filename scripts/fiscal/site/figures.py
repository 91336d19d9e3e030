"""The sums the site shows that the package does not store, each from one stated rule.

Totals come from the all-funds spending table (支出决算表 / 支出预算总表) as the sum of its
function classes (类), so every report is totalled alike; a document whose printed 合计
disagrees with its classes says so in its findings. Sums are exact decimals.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from fiscal.vocabulary import EXPENSE_TYPES, SPENDING_MEASURES

SPENDING_TABLE = "expenditure"  # all funds: the widest view of a report's spending


def printed_decimal(value: str | None) -> Decimal | None:
    """A figure as the package prints it (blank = not printed) as an exact decimal."""
    return Decimal(value) if value else None


def _sum(values: pd.Series) -> Decimal | None:
    """Exact sum of the printed figures; None when none was printed (not zero)."""
    printed = [Decimal(value) for value in values if value != ""]
    return sum(printed, Decimal(0)) if printed else None


def spending_rows(function_spending: pd.DataFrame) -> pd.DataFrame:
    """The all-funds spending table's rows, the basis of every total on the site."""
    frame = function_spending
    return frame[(frame["table"] == SPENDING_TABLE) & (frame["fund"] == "all")]


def report_totals(function_spending: pd.DataFrame) -> dict[str, dict[str, Decimal | None]]:
    """Per report: total, basic and project spending, each the sum over function classes."""
    classes = spending_rows(function_spending)
    classes = classes[classes["level"] == "1"]
    return {
        report_id: {measure: _sum(rows[measure]) for measure in SPENDING_MEASURES}
        for report_id, rows in classes.groupby("report_id")
    }


def class_totals(function_spending: pd.DataFrame) -> pd.DataFrame:
    """Spending per report and function class (类): report_id, function_code, total."""
    classes = spending_rows(function_spending)
    classes = classes[classes["level"] == "1"]
    return classes[["report_id", "function_code", "function_name", "total"]]


def expense_type_totals(basic: pd.DataFrame) -> dict[str, dict[str, Decimal | None]]:
    """Per report: 人员经费 and 公用经费 as sums of the basic-spending economic classes (类)."""
    classes = basic[basic["level"] == "1"]
    return {
        report_id: {
            kind: _sum(rows.loc[rows["expense_type"] == kind, "amount"]) for kind in EXPENSE_TYPES
        }
        for report_id, rows in classes.groupby("report_id")
    }
