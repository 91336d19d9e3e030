"""Performance forms (绩效目标表, 绩效自评表) on a report page: each form's header block, its
funds block and its indicators, from the performance_* resources.

A form's columns differ by kind (targets have 指标值设置依据, self-evaluations 得分 and
偏差原因), so a column is shown only where the form prints something in it.
"""

from __future__ import annotations

from fiscal.site.markup import Column, amount_cell, html_table, number_cell, text, text_cell
from fiscal.vocabulary import (
    FORM_DETAILS,
    FORM_GOALS,
    FUND_BREAKDOWNS,
    FUND_MEASURES,
    INDICATOR_FIELDS,
    Word,
)


def _headings(words: dict[str, Word], *keys: str) -> tuple[tuple[str, str], ...]:
    """(field, heading) for fields the package stores under the vocabulary's key."""
    return tuple((key, words[key].cn) for key in keys)


#: Fund-line figures: (field, heading, is an amount in 万元). The package stores a line's
#: 分值 (``weight`` as read) as ``points``; a rate is not in 万元, so its heading says %.
FUND_COLUMNS = (
    ("initial_budget", FUND_MEASURES["initial_budget"].cn, True),
    ("full_year_budget", FUND_MEASURES["full_year_budget"].cn, True),
    ("executed", FUND_MEASURES["executed"].cn, True),
    ("amount", FUND_MEASURES["amount"].cn, True),
    ("execution_rate", f"{FUND_MEASURES['execution_rate'].cn}（%）", False),
    ("points", FUND_MEASURES["weight"].cn, False),
    ("score", FUND_MEASURES["score"].cn, False),
)
INDICATOR_TEXTS = _headings(
    INDICATOR_FIELDS, "activity", "level1", "level2", "level3", "target", "actual"
)
#: An indicator's 分值 (``weight`` as read) is stored as ``points``.
INDICATOR_NUMBERS = (
    ("points", INDICATOR_FIELDS["weight"].cn),
    ("score", INDICATOR_FIELDS["score"].cn),
)
INDICATOR_NOTES = _headings(
    INDICATOR_FIELDS,
    "deviation_reason",
    "target_basis",
    "previous_value",
    "scoring_rule",
    "evidence",
)
FORM_FACTS = tuple((key, word.cn) for key, word in (FORM_DETAILS | FORM_GOALS).items())


def _printed(rows: list[dict], columns: tuple) -> list:
    """The columns this form fills in at least once."""
    return [column for column in columns if any(row[column[0]] for row in rows)]


def form_html(form: dict, funds: list[dict], indicators: list[dict], page_cell) -> str:
    """One form: its header facts and total, then its funds and indicators tables (rows
    as records: a report page holds hundreds of forms, too many for a frame each).

    ``page_cell`` renders a page number (linked into the source file where there is one).
    """
    facts = [(label, form[key]) for key, label in FORM_FACTS if form[key]]
    if form["total_points"] or form["total_score"]:
        facts.append(
            ("总分", f"分值 {form['total_points'] or '—'}，得分 {form['total_score'] or '—'}")
        )
    rows = "".join(
        f"<tr><th>{text(label)}</th><td>{text(value)}</td></tr>" for label, value in facts
    )
    parts = [f'<table class="fiscal-facts"><tbody>{rows}</tbody></table>'] if rows else []
    form_id = f"form-{form['form']}"
    if funds:
        figures = _printed(funds, FUND_COLUMNS)
        columns = [Column("资金"), Column("分类")]
        columns += [Column(label, numeric=True) for _, label, _ in figures]
        columns.append(Column("页码", numeric=True))
        body = [
            [
                text_cell(line["fund_label"]),
                text_cell(FUND_BREAKDOWNS[line["breakdown"]].cn if line["breakdown"] else ""),
                *(
                    amount_cell(line[key]) if in_wan else number_cell(line[key])
                    for key, _, in_wan in figures
                ),
                page_cell(line["page"]),
            ]
            for line in funds
        ]
        parts.append(html_table(columns, body, table_id=f"{form_id}-funds", caption="资金"))
    if indicators:
        texts = _printed(indicators, INDICATOR_TEXTS)
        numbers = _printed(indicators, INDICATOR_NUMBERS)
        notes = _printed(indicators, INDICATOR_NOTES)
        columns = [Column(label) for _, label in texts]
        columns += [Column(label, numeric=True) for _, label in numbers]
        columns += [Column(label) for _, label in notes]
        columns.append(Column("页码", numeric=True))
        body = [
            [
                *(text_cell(row[key]) for key, _ in texts),
                *(number_cell(row[key]) for key, _ in numbers),
                *(text_cell(row[key]) for key, _ in notes),
                page_cell(row["page"]),
            ]
            for row in indicators
        ]
        parts.append(
            html_table(columns, body, table_id=f"{form_id}-indicators", caption="绩效指标")
        )
    return "".join(parts)
