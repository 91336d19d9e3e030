"""The totals the site shows beside a report, each printed where the document prints it.

A report's total, basic and project spending come from its all-funds spending table
(支出决算表 / 支出预算总表): its printed 合计 row where there is one, so every page shows
the figure the PDF shows. Only where no 合计 row is printed does the site sum the
function classes (类), and the figure says so (:attr:`Figure.note`): a sum of rounded
parts can differ from the printed total by a cent, and must never pass for it. Sums are
exact decimals.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from fiscal.site.markup import amount_cell
from fiscal.vocabulary import EXPENSE_TYPES, SPENDING_MEASURES, TOTAL_LABELS

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


#: What a computed total says of itself, on the page and in its tooltip.
SUM_OF_CLASSES = "本站计算：原表未印合计行，为各类级科目之和"
#: What a code's figure summed over the rows that print it says of itself.
SUM_OF_PARTS = "本站计算：原表按预算单位或经济分类分行列示此科目，此为各行之和"


def spending_by_code(function_spending: pd.DataFrame) -> pd.DataFrame:
    """The all-funds spending table, one row per report and function code.

    A table listed unit by unit prints a code once per budget unit, and a table classified
    by function and economy together prints it once per economic class: the report's
    figure for the code is then the exact sum of those rows, and ``summed`` says so.
    Codes keep the order of their first printing.
    """
    rows = spending_rows(function_spending)
    keys = ["report_id", "function_code"]
    repeated = rows.duplicated(keys, keep=False)
    single = rows[~repeated].assign(summed=False)
    if not repeated.any():
        return single
    parts = rows[repeated]
    measures = [column for column in SPENDING_MEASURES if column in parts]
    summed = parts.groupby(keys, sort=False).agg(
        {"function_name": "first", "level": "first", "row": "first"}
        | {measure: lambda values: _text(_sum(values)) for measure in measures}
    )
    combined = pd.concat([single, summed.reset_index().assign(summed=True)])
    order = rows.drop_duplicates(keys)[keys].reset_index(drop=True).reset_index()
    return combined.merge(order, on=keys).sort_values("index").drop(columns="index").fillna("")


def code_figure(total: str, summed: bool) -> Figure:
    """A code's figure from :func:`spending_by_code`: as printed, or its rows' sum, marked."""
    return Figure(printed_decimal(total), SUM_OF_PARTS if summed else "")


def _text(value: Decimal | None) -> str:
    """A sum back in the package's form: blank where nothing was printed."""
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Figure:
    """A figure beside a report: the printed one, or the site's sum, whose ``note`` says
    how the site computed it (blank for a printed figure)."""

    value: Decimal | None
    note: str = ""


def figure_cell(figure: Figure | None) -> str:
    """A table cell for a figure, marked where the site computed it."""
    if figure is None:
        return amount_cell(None)
    return amount_cell(figure.value, computed=figure.note)


def printed_totals(amounts: pd.DataFrame) -> dict[str, dict[str, Decimal]]:
    """Per report: the spending table's printed 合计 row, by measure (first printing)."""
    rows = amounts[
        (amounts["table"] == SPENDING_TABLE)
        & (amounts["code"] == "")
        & amounts["row_label"].isin(TOTAL_LABELS)
        & amounts["column"].isin(SPENDING_MEASURES)
        & (amounts["amount"] != "")
        & amounts["instance"].isin(["", "1"])
    ]
    first = rows.drop_duplicates(["report_id", "column"])
    totals: dict[str, dict[str, Decimal]] = {}
    for report_id, column, amount in zip(
        first["report_id"], first["column"], first["amount"], strict=True
    ):
        totals.setdefault(report_id, {})[column] = Decimal(amount)
    return totals


def report_totals(
    amounts: pd.DataFrame, function_spending: pd.DataFrame
) -> dict[str, dict[str, Figure]]:
    """Per report: total, basic and project spending, each as printed in the spending
    table's 合计 row, else summed over the function classes (and marked computed)."""
    printed = printed_totals(amounts)
    classes = spending_rows(function_spending)
    classes = classes[classes["level"] == "1"]
    totals: dict[str, dict[str, Figure]] = {}
    for report_id, rows in classes.groupby("report_id"):
        own = printed.get(report_id, {})
        totals[report_id] = {
            measure: Figure(own[measure])
            if measure in own
            else Figure(_sum(rows[measure]), SUM_OF_CLASSES)
            for measure in SPENDING_MEASURES
        }
    for report_id, own in printed.items():
        if report_id not in totals:
            totals[report_id] = {measure: Figure(own.get(measure)) for measure in SPENDING_MEASURES}
    return totals


def class_totals(function_spending: pd.DataFrame) -> pd.DataFrame:
    """Spending per report and function class (类): report_id, function_code, total, and
    whether the site summed it (:func:`spending_by_code`)."""
    classes = spending_by_code(function_spending)
    classes = classes[classes["level"] == "1"]
    return classes[["report_id", "function_code", "function_name", "total", "summed"]]


#: The basic-spending tables of basic_spending_economic, the general budget's first: a
#: report printing two (江苏's general budget beside its appropriations, 广州's beside every
#: fund's by unit) prints the same spending twice.
BASIC_TABLES = (
    "general_budget_basic_expenditure",
    "appropriation_basic_expenditure",
    "department_basic_expenditure",
)


def expense_type_totals(basic: pd.DataFrame) -> dict[str, dict[str, Decimal | None]]:
    """Per report: 人员经费 and 公用经费 as sums of the basic-spending economic classes (类)
    of one table, the first of :data:`BASIC_TABLES` it prints, never of two added up."""
    classes = basic[basic["level"] == "1"]
    totals = {}
    for report_id, rows in classes.groupby("report_id"):
        table = min(rows["table"], key=BASIC_TABLES.index)
        rows = rows[rows["table"] == table]
        totals[report_id] = {
            kind: _sum(rows.loc[rows["expense_type"] == kind, "amount"]) for kind in EXPENSE_TYPES
        }
    return totals
