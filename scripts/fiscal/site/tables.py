"""One printed table of one report, as it was printed, from the long ``amounts`` resource.

``amounts`` keeps every figure with its row, column, page and printed text, so the table
a reader saw in the PDF comes back as rows × columns: the same table feeds the HTML
table and the table's CSV and XLSX downloads. Two-sided summary tables come back as two
tables, income and spending, as they are printed side by side.

The package's wide resources (function_spending, income_by_source, basic_spending_economic,
project_spending, summary_lines, three_public) are views for analysis, not the printed
tables: the coded ones keep only rows with a code (no 合计 row) and only the columns of
their schema, most have no row number, three_public gives one page per table, and none
keeps a cell's printed text or a column's printed heading. Built from them, a report page
would lose figures, so it is built from ``amounts``, the record they are all views of.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from fiscal.numbers import COUNT_UNITS, PACKAGE_UNIT
from fiscal.vocabulary import SIDES, column_name

_SIDE_ORDER = ["", "income", "expenditure"]  # as printed: income on the left
#: The economic codes a row prints beside its own code, which tell apart the parts of a
#: code split over them (西安: 30101 | 50101, 30101 | 50501; 北京's 支出总表: 2010801 |
#: 50101 | 30101 …): shown beside the row's name where a table prints any.
QUALIFIERS = ("government_economic_code", "economic_code")


@dataclass(frozen=True)
class PrintedTable:
    """Rows of one printed table (or one side of it) with a value per column key.

    Each of ``rows``, in printed order, has ``row``, ``page``, ``code``, ``row_label``,
    ``project``, the economic codes of :data:`QUALIFIERS` and, per column key, the exact
    amount (blank where nothing was printed) and ``published:<key>``, the cell's printed
    text. Rows are plain records: a report's page and workbook read each table once, and a
    frame per table cost more to build and read back than the table has cells.
    """

    side: str
    columns: list[str]
    headings: dict[str, str]
    printed: dict[str, str]
    units: dict[str, str]  # 万元, or what a column counts (人, 辆, % …)
    rows: list[dict[str, str]]

    @cached_property
    def has_codes(self) -> bool:
        return any(row["code"] for row in self.rows)

    @cached_property
    def has_projects(self) -> bool:
        return any(row["project"] for row in self.rows)

    @cached_property
    def qualifiers(self) -> list[str]:
        """The economic codes beside its rows' own codes the table prints, in order."""
        return [key for key in QUALIFIERS if any(row[key] for row in self.rows)]

    @property
    def side_cn(self) -> str:
        """The side's Chinese name (收入 / 支出); blank for a one-sided table."""
        return SIDES[self.side].cn if self.side else ""


#: The ``amounts`` fields a printed table is made from.
_CELL_FIELDS = ("table", "side", "row", "code", "row_label", "project", *QUALIFIERS)
_CELL_FIELDS += ("column", "column_label", "unit", "amount", "published", "page")
_ROW_FIELDS = ("code", "row_label", "project", *QUALIFIERS)


def every_printed_table(amounts: pd.DataFrame) -> dict[tuple[str, int], list[PrintedTable]]:
    """Each printed table of a report's amounts by (table kind, printing; tables of other
    kinds are numbered in page order), in that order, one per side: the amounts read
    once, column by column, and grouped, not filtered once per table."""
    cells = {
        name: amounts[name].tolist() if name in amounts else [""] * len(amounts)
        for name in _CELL_FIELDS
    }
    printings = _printing(amounts)
    groups: dict[tuple[str, int], dict[str, list[int]]] = {}
    for index, (table, printing, side) in enumerate(
        zip(cells["table"], printings, cells["side"], strict=True)
    ):
        groups.setdefault((table, printing), {}).setdefault(side, []).append(index)
    rank = {side: i for i, side in enumerate(_SIDE_ORDER)}
    return {
        key: [
            _printed_table(cells, sides[side], side, key[0])
            for side in sorted(sides, key=lambda side: (rank.get(side, len(rank)), side))
        ]
        for key, sides in sorted(groups.items())
    }


def _printing(amounts: pd.DataFrame) -> list[int]:
    """Which printing of its kind each amount comes from (1 in packages that predate it)."""
    if "instance" not in amounts:
        return [1] * len(amounts)
    return [int(value) if value else 1 for value in amounts["instance"].tolist()]


def _printed_table(
    cells: dict[str, list[str]], indices: list[int], side: str, table: str
) -> PrintedTable:
    """The cells (``indices`` into ``cells``) of one side of one printing as rows ×
    columns, in one pass over them: a table has tens to thousands of cells, and pandas'
    pivots and grouped lambdas cost more per table than the table has cells."""
    labels: dict[str, dict[str, None]] = {}  # a column's headings, in the amounts' order
    units: dict[str, str] = {}
    for index in indices:
        column, unit = cells["column"][index], cells["unit"][index]
        labels.setdefault(column, {})[cells["column_label"][index]] = None
        if units.get(column) not in COUNT_UNITS:
            units[column] = unit if unit in COUNT_UNITS else PACKAGE_UNIT
    rows: dict[int, dict[str, str]] = {}
    in_row_order: dict[str, None] = {}
    for index in sorted(indices, key=lambda index: int(cells["row"][index])):
        number = int(cells["row"][index])
        line = rows.get(number)
        if line is None:
            line = rows[number] = {"row": number, **{f: cells[f][index] for f in _ROW_FIELDS}}
        column, page = cells["column"][index], cells["page"][index]
        line[column] = cells["amount"][index]
        line[f"published:{column}"] = cells["published"][index]
        line["page"] = min(line.get("page", page), page, key=int)
        in_row_order[column] = None
    columns = list(in_row_order)
    for line in rows.values():
        for column in columns:
            if column not in line:
                line[column] = line[f"published:{column}"] = ""
    printed = {column: " ｜ ".join(labels[column]) for column in sorted(columns)}
    return PrintedTable(
        side=side,
        columns=columns,
        headings={c: column_name(table, c) or printed[c] for c in columns},
        printed=printed,
        units={column: units[column] for column in sorted(columns)},
        rows=list(rows.values()),
    )


#: The download's heading of each of a printed table's own columns, and the ``amounts``
#: field it comes from.
ROW_HEADINGS = {
    "row": "行号",
    "side": "收支",
    "code": "编码",
    "row_label": "名称",
    "government_economic_code": "政府经济科目编码",
    "economic_code": "部门经济科目编码",
    "project": "项目名称",
    "page": "页码",
}


@dataclass(frozen=True)
class DownloadColumn:
    """A column of a printed table's download: its heading, the ``amounts`` field (row
    columns) or column key (figures) it holds, and for a figure its unit and the heading
    as printed."""

    heading: str
    key: str
    figure: bool = False
    unit: str = ""
    printed: str = ""


def download_columns(printed: PrintedTable) -> list[DownloadColumn]:
    """The columns of one printed table (or side) in its download, in order: row number,
    side, code, name, the economic codes beside the code, project, a column per printed
    column (its heading with its unit), page."""
    keys = ["row", *(["side"] if printed.side else []), *(["code"] if printed.has_codes else [])]
    keys += ["row_label", *printed.qualifiers, *(["project"] if printed.has_projects else [])]
    columns = [DownloadColumn(ROW_HEADINGS[key], key) for key in keys]
    headings = [printed.headings[column] for column in printed.columns]
    for column, heading in zip(printed.columns, headings, strict=True):
        if headings.count(heading) > 1:  # two printed columns of one heading stay two
            heading = f"{heading} [{column}]"
        unit = printed.units[column]
        columns.append(
            DownloadColumn(
                f"{heading}（{unit}）", column, True, unit, printed.printed.get(column, "")
            )
        )
    return [*columns, DownloadColumn(ROW_HEADINGS["page"], "page")]


def download_frame(tables: list[PrintedTable]) -> pd.DataFrame:
    """The printed tables as one download: Chinese headings, exact amounts, page of each row."""
    records = []
    for printed in tables:
        columns = download_columns(printed)
        for row in printed.rows:
            records.append(
                {
                    column.heading: printed.side_cn
                    if column.key == "side" and not column.figure
                    else row[column.key]
                    for column in columns
                }
            )
    return pd.DataFrame(records).fillna("")
