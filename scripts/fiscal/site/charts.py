"""Chart data for the pages: plain specs that ``site.js`` turns into ECharts options.

A spec holds only names and numbers (万元); how a chart looks is the script's business,
so the same spec renders alike on every page. Names may come from PDFs: the script
draws them as SVG text (ECharts sets text content, never HTML) and its tooltips use
rich text, not HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pandas as pd

from fiscal.codes import parent_code

UNIT = "万元"


@dataclass(frozen=True)
class Series:
    """One series of a bar chart; series sharing a ``stack`` are stacked."""

    name: str
    values: Sequence[Decimal | None]
    stack: str = ""


def _number(value: Decimal | str | None) -> float | None:
    """Charts need floats; a missing figure stays missing (a gap, not a zero bar)."""
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    return float(value)


def bar_chart(
    categories: Sequence[str], series: Sequence[Series], *, horizontal: bool = False
) -> dict:
    """Bars per category; stacked where series share a stack name. A series with no
    figure at all is left out: a legend entry with no bars reads as a figure of zero."""
    drawn = [(s, [_number(v) for v in s.values]) for s in series]
    return {
        "type": "bar",
        "unit": UNIT,
        "horizontal": horizontal,
        "categories": list(categories),
        "series": [
            {"name": s.name, "stack": s.stack, "data": data}
            for s, data in drawn
            if any(value is not None for value in data)
        ],
    }


def function_treemap(spending: pd.DataFrame) -> dict | None:
    """Treemap of one report's spending by function code: 类 › 款 › 项, sized by 合计.

    ``spending`` is the report's ``function_spending`` rows of one table and fund.
    """
    nodes: dict[str, dict] = {}
    roots: list[dict] = []
    for code, name, total in sorted(
        zip(spending["function_code"], spending["function_name"], spending["total"], strict=True)
    ):
        value = _number(total)
        parent = parent_code(code)
        if value is None or value <= 0 or (parent is not None and parent not in nodes):
            continue  # a treemap can't size a blank or negative figure, nor what it contains
        nodes[code] = {"name": f"{code} {name}", "value": value, "children": []}
        (nodes[parent]["children"] if parent else roots).append(nodes[code])
    for node in nodes.values():
        if not node["children"]:
            del node["children"]
    return {"type": "treemap", "unit": UNIT, "data": roots} if roots else None
