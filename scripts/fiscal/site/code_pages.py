"""A page per classification code: every report's figure for one function code (类 / 款 /
项, GB/T 支出功能分类) or one economic code (支出经济分类), across publishers and years.

A reader who asks "who spends what on 2110301" starts from the code, not the document:
each row is one printed figure with its report, table and PDF page, and links to the row
on the report page. Filters narrow by year, phase, region and table. The pages stay few
as reports grow: their number is bounded by the code lists, not by the reports.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from fiscal.site import downloads
from fiscal.site.data import SitePackage, region_label, report_label, row_records
from fiscal.site.markup import (
    Column,
    Deferred,
    Page,
    amount_cell,
    block,
    href,
    html_table,
    link,
    link_cell,
    number_cell,
    row_dom_id,
    table_dom_id,
    text,
    text_cell,
)
from fiscal.site.paths import (
    CODES_INDEX,
    economic_code_path,
    function_code_path,
    publisher_path,
    report_path,
)
from fiscal.site.places import CENTRAL
from fiscal.site.quality import filter_select, page_link
from fiscal.vocabulary import EXPENSE_TYPES, SPENDING_MEASURES, table_title

#: A code page is found by its code; a word (三公) should find the pages about it first.
SEARCH_BOOST = 0.05
#: 类 / 款 / 项 by a code's level in the code lists.
LEVELS = {"1": "类", "2": "款", "3": "项"}
#: The columns every code page begins with: the report and where it sits.
_REPORT_COLUMNS = [
    Column("报告"),
    Column("发布单位"),
    Column("地区"),
    Column("年度", numeric=True),
    Column("类别"),
    Column("表"),
]


def code_pages(package: SitePackage, files: downloads.Files) -> list[Page]:
    """The index of codes, then a page per function code and per economic code held."""
    current = package.current_reports
    # each report's facts as a plain record: a page per code looks one up for every row
    reports = dict(zip(current["report_id"], row_records(current), strict=True))
    spending = package.frame("function_spending")
    spending = spending[spending["report_id"].isin(reports)]
    economic = package.frame("basic_spending_economic")
    economic = economic[economic["report_id"].isin(reports)]
    function_codes = _held(package.frame("function_codes"), spending["function_code"])
    economic_codes = _held(package.frame("economic_codes"), economic["economic_code"])
    pages = [codes_index(function_codes, economic_codes, spending, economic)]
    by_code = dict(iter(spending.groupby("function_code", sort=False)))
    for code in function_codes.itertuples():
        rows = by_code[code.code]
        pages.append(function_code_page(code, function_codes, rows, reports, files))
    by_code = dict(iter(economic.groupby("economic_code", sort=False)))
    for code in economic_codes.itertuples():
        rows = by_code[code.code]
        pages.append(economic_code_page(code, economic_codes, rows, reports, files))
    return pages


def _held(code_list: pd.DataFrame, used: pd.Series) -> pd.DataFrame:
    """The code list's entries some report prints, in code order."""
    return code_list[code_list["code"].isin(set(used))].sort_values("code")


def _code_label(code) -> str:
    return f"{code.code} {code.name}"


def codes_index(
    function_codes: pd.DataFrame,
    economic_codes: pd.DataFrame,
    spending: pd.DataFrame,
    economic: pd.DataFrame,
) -> Page:
    """Both code lists as the reports use them, with how many reports print each code."""
    parts = [
        block(
            "<h1>科目</h1>",
            "<p>按支出功能分类科目（类、款、项）和支出经济分类科目查看：每个科目一页，列出各报告"
            "所印该科目的数字及其所在页。也可在站内搜索中直接输入科目编码（如 2110301）。</p>",
        ),
        "## 支出功能分类 {#function}\n",
        block(_codes_table(function_codes, spending, "function_code", function_code_path)),
        "## 支出经济分类 {#economic}\n",
        block(_codes_table(economic_codes, economic, "economic_code", economic_code_path)),
    ]
    return Page(CODES_INDEX, "科目", "".join(parts))


def _codes_table(codes: pd.DataFrame, rows: pd.DataFrame, column: str, path_of) -> str:
    counts = rows.groupby(column)["report_id"].nunique()
    columns = [Column("编码"), Column("名称"), Column("级次"), Column("报告", numeric=True)]
    body = [
        [
            link_cell(href(CODES_INDEX, path_of(code.code)), code.code),
            text_cell(code.name, f"name lv{code.level}"),
            text_cell(LEVELS.get(code.level, "")),
            number_cell(int(counts.get(code.code, 0))),
        ]
        for code in codes.itertuples()
    ]
    return html_table(columns, body, table_id=column.replace("_", "-"))


def _trail(source: str, code, codes: pd.DataFrame, path_of) -> str:
    """The code's parents (类 › 款) and children, linked."""
    by_code = codes.set_index("code")
    parents, parent = [], code.parent
    while parent and parent in by_code.index:
        parents.insert(
            0, link(href(source, path_of(parent)), f"{parent} {by_code.at[parent, 'name']}")
        )
        parent = by_code.at[parent, "parent"]
    home = link(href(source, CODES_INDEX), "科目")
    trail = " › ".join([home, *parents, text(_code_label(code))])
    children = codes[codes["parent"] == code.code]
    below = "、".join(
        link(href(source, path_of(child.code)), _code_label(child))
        for child in children.itertuples()
    )
    return f'<p class="fiscal-trail">{trail}</p>' + (f"<p>下级科目：{below}</p>" if below else "")


def _report_cells(source: str, report: dict, row: dict) -> list[str]:
    """The report of a figure's row, linked to that row of its printed table, and the
    table with what else tells the row apart: the budget unit it is printed under, and
    the economic codes a part of a code is printed beside (the government's beside a
    department economic code; both beside a function code split over economic codes)."""
    table, phase = row["table"], row["phase"]
    government = row.get("government_economic_code") or ""
    # beside a function code; an economic code page's row is of its own economic code
    economic = (row.get("economic_code") or "") if "function_code" in row else ""
    qualifiers = [
        row.get("budget_unit") or "",
        f"政府经济科目 {government}" if government else "",
        f"部门经济科目 {economic}" if economic else "",
    ]
    anchor = f"{report_path(row['report_id'])}#{row_dom_id(table, row['row'])}"
    return [
        link_cell(href(source, anchor), report_label(report)),
        link_cell(href(source, publisher_path(report["publisher_id"])), report["publisher"]),
        text_cell(region_label(report) or CENTRAL),
        number_cell(report["fiscal_year"]),
        text_cell(report["phase_cn"]),
        text_cell(table_title(table, phase) + "".join(f"（{q}）" for q in qualifiers if q)),
    ]


def _filters(table_id: str, reports: dict[str, dict], used: Iterable[str]) -> str:
    """Drop-downs for region, year and phase over the reports a page lists (the columns
    of :data:`_REPORT_COLUMNS`)."""
    held = [reports[report_id] for report_id in sorted(set(used))]
    regions = sorted({region_label(r) or CENTRAL for r in held})
    years = sorted({r["fiscal_year"] for r in held}, key=int)
    phases = list(dict.fromkeys(r["phase_cn"] for r in held))
    selects = [
        filter_select("region", "地区", 2, ((r, r) for r in regions)),
        filter_select("year", "年度", 3, ((y, y) for y in years)),
        filter_select("phase", "类别", 4, ((p, p) for p in phases)),
    ]
    return (
        f'<div class="fiscal-filters" data-filter-table="{table_dom_id(table_id)}">'
        + "".join(selects)
        + "</div>"
    )


def _code_page(
    code,
    codes: pd.DataFrame,
    rows: pd.DataFrame,
    reports: dict[str, dict],
    files: downloads.Files,
    classification: tuple[str, object],
    figures: tuple[list[Column], object],
) -> Page:
    """A code's page: its trail, then a row per printed figure, oldest year first.

    ``classification`` is the code list's name and its page paths; ``figures`` the
    columns after the report's and the function that gives a row's cells for them.
    """
    (name, path_of), (columns, cells) = classification, figures
    path = path_of(code.code)
    ordered = rows.assign(year=rows["fiscal_year"].astype(int)).sort_values(
        ["year", "publisher_id", "phase", "table"]
    )
    body = [
        [
            *_report_cells(path, reports[row["report_id"]], row),
            *cells(row),
            page_link(path, files.table_pdf(row["report_id"], row["table"]), row["page"]),
        ]
        for row in row_records(ordered)
    ]
    level = LEVELS.get(code.level, "")
    later = Deferred()
    parts = [
        block(
            f"<h1>{text(_code_label(code))}</h1>",
            _trail(path, code, codes, path_of),
            f"<p>{text(name)}{text(level)}级科目。{rows['report_id'].nunique()} 份报告印有本科目，"
            f"共 {len(rows)} 行；金额为原表所印（万元），点击报告名直达原表该行。</p>",
        ),
        "## 各报告数字 {#figures}\n",
        block(
            later(
                _filters("code-figures", reports, rows["report_id"]),
                html_table(
                    [*_REPORT_COLUMNS, *columns, Column("页码", numeric=True)],
                    body,
                    table_id="code-figures",
                ),
            )
        ),
    ]
    return Page(
        path,
        _code_label(code),
        "".join(parts),
        search_boost=SEARCH_BOOST,
        deferred=tuple(later.fragments),
    )


def function_code_page(
    code,
    codes: pd.DataFrame,
    rows: pd.DataFrame,
    reports: dict[str, dict],
    files: downloads.Files,
) -> Page:
    """Every printed figure of one function code: total, basic and project spending."""
    columns = [Column(word.cn, numeric=True, unit="万元") for word in SPENDING_MEASURES.values()]
    return _code_page(
        code,
        codes,
        rows,
        reports,
        files,
        ("支出功能分类", function_code_path),
        (columns, lambda row: [amount_cell(row[measure]) for measure in SPENDING_MEASURES]),
    )


def _expense_type(row: dict) -> str:
    kind = row["expense_type"]
    return EXPENSE_TYPES[kind].cn if kind in EXPENSE_TYPES else ""


def economic_code_page(
    code,
    codes: pd.DataFrame,
    rows: pd.DataFrame,
    reports: dict[str, dict],
    files: downloads.Files,
) -> Page:
    """Every printed figure of one economic code of basic spending."""
    columns = [Column("经费类型"), Column("金额", numeric=True, unit="万元")]
    return _code_page(
        code,
        codes,
        rows,
        reports,
        files,
        ("支出经济分类（基本支出）", economic_code_path),
        (columns, lambda row: [text_cell(_expense_type(row)), amount_cell(row["amount"])]),
    )
