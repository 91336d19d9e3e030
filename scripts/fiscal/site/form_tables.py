"""Performance forms (绩效目标表, 绩效自评表) on a report page: each form's header block, its
funds block and its indicators, from the performance_* resources.

A form's columns differ by kind (targets have 指标值设置依据, self-evaluations 得分 and
偏差原因), so a column is shown only where the form prints something in it.
"""

from __future__ import annotations

import pandas as pd

from fiscal.site.markup import Column, amount_cell, html_table, number_cell, text, text_cell

#: Fund-line figures: (field, heading, is an amount in 万元).
FUND_COLUMNS = (
    ("initial_budget", "年初预算数", True),
    ("full_year_budget", "全年预算数", True),
    ("executed", "全年执行数", True),
    ("amount", "金额", True),
    ("execution_rate", "执行率（%）", False),
    ("points", "分值", False),
    ("score", "得分", False),
)
BREAKDOWNS = {"income": "按收入性质", "spending": "按支出性质"}
INDICATOR_TEXTS = (
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("level3", "三级指标"),
    ("target", "年度指标值"),
    ("actual", "实际完成值"),
)
INDICATOR_NUMBERS = (("points", "分值"), ("score", "得分"))
INDICATOR_NOTES = (
    ("deviation_reason", "偏差原因分析及改进措施"),
    ("target_basis", "指标值设置依据"),
    ("previous_value", "上年完成值"),
    ("scoring_rule", "指标赋分规则"),
    ("evidence", "佐证资料"),
)
FORM_FACTS = (
    ("project", "项目名称"),
    ("department", "预算部门"),
    ("implementing_unit", "实施单位"),
    ("manager", "项目负责人"),
    ("goal", "年度总体目标"),
    ("outcome", "实际完成情况"),
)


def _printed(frame: pd.DataFrame, columns: tuple) -> list:
    """The columns this form fills in at least once."""
    return [column for column in columns if (frame[column[0]] != "").any()]


def form_html(form: dict, funds: pd.DataFrame, indicators: pd.DataFrame, page_cell) -> str:
    """One form: its header facts and total, then its funds and indicators tables.

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
    if not funds.empty:
        figures = _printed(funds, FUND_COLUMNS)
        columns = [Column("资金"), Column("分类")]
        columns += [Column(label, numeric=True) for _, label, _ in figures]
        columns.append(Column("页码", numeric=True))
        body = [
            [
                text_cell(line["fund_label"]),
                text_cell(BREAKDOWNS.get(line["breakdown"], line["breakdown"])),
                *(
                    amount_cell(line[key]) if in_wan else number_cell(line[key])
                    for key, _, in_wan in figures
                ),
                page_cell(line["page"]),
            ]
            for line in funds.to_dict(orient="records")
        ]
        parts.append(html_table(columns, body, table_id=f"{form_id}-funds", caption="资金"))
    if not indicators.empty:
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
            for row in indicators.to_dict(orient="records")
        ]
        parts.append(
            html_table(columns, body, table_id=f"{form_id}-indicators", caption="绩效指标")
        )
    return "".join(parts)
