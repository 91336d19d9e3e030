"""Comparison pages across publishers: spending by function class, “三公” costs, and
人员经费 against 公用经费 — the tables readers compare most.

One row per report, so budgets and final accounts, departments and units sit side by
side and sort by any column; each figure links back to its report page.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from fiscal.codes import FUNCTION_CLASSES
from fiscal.site.charts import Series, bar_chart
from fiscal.site.data import SitePackage, report_label, row_records
from fiscal.site.figures import (
    Figure,
    class_totals,
    code_figure,
    expense_type_totals,
    figure_cell,
    printed_decimal,
)
from fiscal.site.markup import (
    Column,
    Page,
    amount_cell,
    block,
    chart,
    href,
    html_table,
    link,
    link_cell,
    number_cell,
    text,
)
from fiscal.site.paths import (
    COMPARE_INDEX,
    FUNCTION_CLASSES_PAGE,
    PERSONNEL_PAGE,
    THREE_PUBLIC_PAGE,
    report_path,
)
from fiscal.vocabulary import EXPENSE_TYPES, THREE_PUBLIC_ITEMS, THREE_PUBLIC_MEASURES

_CLASS_NAMES = {code: name for name, code in FUNCTION_CLASSES.items()}


def _report_cell(source: str, report: pd.Series) -> str:
    label = report_label(report)
    return link_cell(href(source, report_path(report["report_id"])), label)


def _extracted(package: SitePackage) -> pd.DataFrame:
    return package.current_reports.sort_values(["publisher_id", "fiscal_year"])


def compare_pages(package: SitePackage) -> list[Page]:
    return [
        _index(),
        function_classes_page(package),
        three_public_page(package),
        personnel_public_page(package),
    ]


def _index() -> Page:
    items = [
        (
            FUNCTION_CLASSES_PAGE,
            "按功能分类的支出",
            "各报告在每个类级科目（如 节能环保支出、教育支出）上的支出",
        ),
        (
            THREE_PUBLIC_PAGE,
            "“三公”经费",
            "因公出国（境）费、公务用车购置及运行费、公务接待费，预算与决算",
        ),
        (
            PERSONNEL_PAGE,
            "人员经费与公用经费",
            "一般公共预算基本支出中的人员经费与公用经费及其占比",
        ),
    ]
    rows = "".join(
        f"<li>{link(href(COMPARE_INDEX, path), title)}：{text(about)}</li>"
        for path, title, about in items
    )
    return Page(COMPARE_INDEX, "对比", block("<h1>跨单位对比</h1>", f"<ul>{rows}</ul>"))


def _value(figure: Figure | None) -> Decimal | None:
    return figure.value if figure else None


def function_classes_page(package: SitePackage) -> Page:
    """Spending of every report by function class (类), all funds."""
    reports = _extracted(package)
    totals = class_totals(package.frame("function_spending"))
    by_report = {
        report_id: {
            code: code_figure(total, summed)
            for code, total, summed in zip(
                rows["function_code"], rows["total"], rows["summed"], strict=True
            )
        }
        for report_id, rows in totals.groupby("report_id")
    }
    names = _CLASS_NAMES | {
        code: name
        for code, name in zip(totals["function_code"], totals["function_name"], strict=True)
        if code not in _CLASS_NAMES
    }
    present = sorted(set(totals["function_code"]))
    absent = [code for code in sorted(_CLASS_NAMES) if code not in present]
    columns = [Column("报告")] + [Column(f"{code} {names[code]}", numeric=True) for code in present]
    rows = [
        [_report_cell(FUNCTION_CLASSES_PAGE, r)]
        + [figure_cell(by_report.get(r["report_id"], {}).get(code)) for code in present]
        for _, r in reports.iterrows()
    ]
    labels = [report_label(r) for _, r in reports.iterrows()]
    series = [
        Series(
            f"{code} {names[code]}",
            [_value(by_report.get(r["report_id"], {}).get(code)) for _, r in reports.iterrows()],
            stack="classes",
        )
        for code in present
    ]
    absent_text = "、".join(f"{code} {_CLASS_NAMES[code]}" for code in absent)
    intro = (
        "<p>各报告全部资金支出表（支出决算表 / 支出预算总表）中每个类级科目的合计数（万元）。"
        "点击列标题排序；“—”表示该报告没有这一类支出。</p>"
    )
    return _comparison_page(
        FUNCTION_CLASSES_PAGE,
        "按功能分类的支出",
        intro,
        ("compare-classes", labels, series),
        ("function-classes", columns, rows),
        f"<p>本库报告均无下列类级科目的支出：{text(absent_text)}。</p>" if absent else "",
    )


def _comparison_page(
    path: str,
    title: str,
    intro: str,
    bars: tuple[str, list[str], list[Series]],
    table: tuple[str, list[Column], list[list[str]]],
    after: str = "",
) -> Page:
    """A comparison page: its heading and what it shows, a horizontal bar chart of one bar
    per report, then the table of the figures behind it."""
    chart_id, labels, series = bars
    table_id, columns, rows = table
    body = block(
        f"<h1>{text(title)}</h1>",
        intro,
        chart(
            chart_id,
            bar_chart(labels, series, horizontal=True),
            height=max(320, 48 * len(labels) + 120),
        ),
        html_table(columns, rows, table_id=table_id),
        after,
    )
    return Page(path, title, body)


def three_public_page(package: SitePackage) -> Page:
    """“三公” costs and running costs of every report, budget and actual."""
    reports = _extracted(package)
    three = package.frame("three_public")
    figures: dict[tuple[str, str, str], object] = {}
    for row in row_records(three):  # a table listing units prints its department first
        for measure in THREE_PUBLIC_MEASURES:
            figures.setdefault((row["report_id"], row["item"], measure), row[measure])
    keys = [
        (item.key, measure.key, f"{item.cn} {measure.cn}")
        for item in THREE_PUBLIC_ITEMS.values()
        for measure in THREE_PUBLIC_MEASURES.values()
        if any(figures.get((r, item.key, measure.key)) for r in reports["report_id"])
    ]
    columns = [Column("报告")] + [Column(label, numeric=True) for _, _, label in keys]
    rows = [
        [_report_cell(THREE_PUBLIC_PAGE, r)]
        + [amount_cell(figures.get((r["report_id"], item, measure))) for item, measure, _ in keys]
        for _, r in reports.iterrows()
    ]
    labels = [report_label(r) for _, r in reports.iterrows()]
    series = [
        Series(
            f"“三公”经费合计 {measure.cn}",
            [printed_decimal(figures.get((r, "total", measure.key))) for r in reports["report_id"]],
        )
        for measure in THREE_PUBLIC_MEASURES.values()
    ]
    intro = (
        "<p>一般公共预算财政拨款“三公”经费（因公出国（境）费、公务用车购置及运行费、公务接待费）"
        "及机关运行经费（万元）。预算文件只有预算数；决算文件同时列出预算数与决算数。"
        "“—”表示原表未列示该项。</p>"
    )
    return _comparison_page(
        THREE_PUBLIC_PAGE,
        "“三公”经费",
        intro,
        ("compare-three-public", labels, series),
        ("three-public", columns, rows),
    )


#: 人员经费 and 公用经费 are the site's sums of the economic classes, and say so.
_ECONOMIC_SUM = "本站计算：基本支出经济分类各类级科目之和"


def personnel_public_page(package: SitePackage) -> Page:
    """人员经费 and 公用经费 of the general-budget basic spending, with the personnel share."""
    reports = _extracted(package)
    totals = expense_type_totals(package.frame("basic_spending_economic"))
    personnel_cn, public_cn = EXPENSE_TYPES["personnel"].cn, EXPENSE_TYPES["public"].cn
    columns = [
        Column("报告"),
        Column(personnel_cn, numeric=True),
        Column(public_cn, numeric=True),
        Column("基本支出", numeric=True, tip=f"{personnel_cn} + {public_cn}"),
        Column(f"{personnel_cn}占比（%）", numeric=True),
    ]
    rows, personnel, public = [], [], []
    for _, r in reports.iterrows():
        figures = totals.get(r["report_id"], {})
        people, office = figures.get("personnel"), figures.get("public")
        both = (people or 0) + (office or 0) if people is not None or office is not None else None
        share = (people or 0) / both * 100 if both else None
        rows.append(
            [
                _report_cell(PERSONNEL_PAGE, r),
                amount_cell(people, computed=_ECONOMIC_SUM),
                amount_cell(office, computed=_ECONOMIC_SUM),
                amount_cell(both, computed=_ECONOMIC_SUM),
                number_cell("" if share is None else f"{share:.1f}"),
            ]
        )
        personnel.append(people)
        public.append(office)
    labels = [report_label(r) for _, r in reports.iterrows()]
    series = [
        Series(personnel_cn, personnel, stack="basic"),
        Series(public_cn, public, stack="basic"),
    ]
    intro = (
        "<p>一般公共预算财政拨款基本支出按经济分类归为人员经费（工资福利支出、对个人和家庭的补助）"
        "与公用经费（商品和服务支出、资本性支出等），按类级科目合计（万元）。</p>"
    )
    return _comparison_page(
        PERSONNEL_PAGE,
        "人员经费与公用经费",
        intro,
        ("compare-personnel", labels, series),
        ("personnel-public", columns, rows),
    )
