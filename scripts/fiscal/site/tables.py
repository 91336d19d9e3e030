"""One printed table of one report, rebuilt from the long ``amounts`` resource.

``amounts`` keeps every figure with its row, column and page, so the table a reader
saw in the PDF comes back as rows × columns: the same grid feeds the HTML table and the
table's CSV and XLSX downloads. Two-sided summary tables come back as two grids, income
and spending, as they are printed side by side.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from fiscal.read.templates import column_title, template_for

SIDES = {"income": "收入", "expenditure": "支出"}
_SIDE_ORDER = ["", "income", "expenditure"]  # as printed: income on the left


@dataclass(frozen=True)
class Grid:
    """Rows of one table (or one side of it) with a value column per column key.

    ``rows`` has ``row``, ``page``, ``code``, ``row_label``, ``project`` and, per column
    key, the exact amount (blank where nothing was printed) and ``published:<key>``, the
    cell's printed text.
    """

    side: str
    columns: list[str]
    headings: dict[str, str]
    printed: dict[str, str]
    rows: pd.DataFrame

    @property
    def has_codes(self) -> bool:
        return bool((self.rows["code"] != "").any())

    @property
    def has_projects(self) -> bool:
        return bool((self.rows["project"] != "").any())


def table_grids(amounts: pd.DataFrame, table: str, phase: str) -> list[Grid]:
    """The grids of one report's table, from its rows of ``amounts``; empty if none."""
    subset = amounts[amounts["table"] == table]
    if subset.empty:
        return []
    template = template_for(table, phase)
    rank = {side: i for i, side in enumerate(_SIDE_ORDER)}
    sides = sorted(subset["side"].unique(), key=lambda side: (rank.get(side, len(rank)), side))
    return [_grid(subset[subset["side"] == side], side, template) for side in sides]


def _grid(amounts: pd.DataFrame, side: str, template) -> Grid:
    amounts = amounts.assign(row_number=amounts["row"].astype(int))
    order = amounts.sort_values(["row_number"], kind="stable")
    columns = list(dict.fromkeys(order["column"]))
    keys = ["row_number", "code", "row_label", "project"]
    values = amounts.pivot(index=keys, columns="column", values="amount")
    printed = amounts.pivot(index=keys, columns="column", values="published")
    printed.columns = [f"published:{column}" for column in printed.columns]
    pages = amounts.groupby(keys)["page"].agg(lambda pages: min(pages, key=int))
    rows = values[columns].join(printed).join(pages).reset_index().fillna("")
    rows = rows.rename(columns={"row_number": "row"}).sort_values("row")
    labels = amounts.groupby("column")["column_label"].agg(lambda x: " ｜ ".join(dict.fromkeys(x)))
    return Grid(
        side=side,
        columns=columns,
        headings={c: column_title(template, c) or labels[c] for c in columns},
        printed=labels.to_dict(),
        rows=rows.reset_index(drop=True),
    )


def grid_frame(grids: list[Grid]) -> pd.DataFrame:
    """The grids as one download table: Chinese headings, exact amounts, page of each row."""
    frames = []
    for grid in grids:
        frame = pd.DataFrame({"行号": grid.rows["row"]})
        if grid.side:
            frame["收支"] = SIDES.get(grid.side, grid.side)
        if grid.has_codes:
            frame["编码"] = grid.rows["code"]
        frame["名称"] = grid.rows["row_label"]
        if grid.has_projects:
            frame["项目名称"] = grid.rows["project"]
        for column in grid.columns:
            frame[f"{grid.headings[column]}（万元）"] = grid.rows[column]
        frame["页码"] = grid.rows["page"]
        frames.append(frame)
    return pd.concat(frames, ignore_index=True).fillna("") if frames else pd.DataFrame()
