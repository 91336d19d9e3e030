"""The site's pages about reports and publishers, the home page and the data-quality page.

Headings that Markdown renders (and the table of contents lists) use only the site's own
vocabulary; every text from the package goes into escaped raw HTML blocks.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..codes import code_level
from ..templates import template_for
from . import downloads
from .charts import Series, bar_chart, function_treemap
from .data import (
    FINDING_KINDS,
    STATUSES,
    TABLE_STATUSES,
    SitePackage,
    report_label,
)
from .figures import report_totals, spending_rows
from .markup import (
    Column,
    Page,
    amount_cell,
    block,
    chart,
    href,
    html_cell,
    html_table,
    link,
    link_cell,
    number_cell,
    table_dom_id,
    text,
    text_cell,
)
from .performance import form_html
from .tables import SIDES, Grid, table_grids

#: What each identity rule of checks.py (and the extraction) checks, for readers.
RULES = {
    "hierarchy_sum": "上级科目 = 下级科目之和",
    "row_sum": "合计 = 各列之和",
    "sub_line_sum": "小计 = 分项之和",
    "carryover_breakdown": "结转结余 = 分项之和",
    "total_of_classes": "合计 = 各类之和",
    "two_sided_year_total": "本年收入合计 = 本年支出合计",
    "two_sided_grand_total": "收入总计 = 支出总计",
    "two_sided_balance": "收支总表两侧平衡",
    "cross_table_class": "两表同一类级科目一致",
    "cross_table_total": "两表合计一致",
    "three_public_sum": "“三公”合计 = 各项之和",
    "three_public_vehicles": "公务用车 = 购置费 + 运行费",
    "basic_equals_personnel_plus_public": "基本支出 = 人员经费 + 公用经费",
    "expense_type_sum": "人员经费、公用经费 = 所属经济科目之和",
    "extraction": "表格读取",
}
REPORTS_INDEX = "reports/index.md"
PUBLISHERS_INDEX = "publishers/index.md"
QUALITY = "data/quality.md"


def report_path(report_id: str) -> str:
    return f"reports/{report_id}.md"


def publisher_path(publisher_id: str) -> str:
    return f"publishers/{publisher_id}.md"


def rule_name(rule: str) -> str:
    return RULES.get(rule, rule)


def page_link(source: str, pdf: str | None, page: object) -> str:
    """A page number, linked to that page of the source PDF where the site carries it."""
    if not pdf or page == "":
        return number_cell(page)
    return html_cell(link(f"{href(source, pdf)}#page={page}", page), page, css="num")


# -- one report ---------------------------------------------------------------------------


def report_page(package: SitePackage, report_id: str, files: downloads.Files) -> Page:
    """Metadata, source file, citation, spending treemap, every table and the findings."""
    path = report_path(report_id)
    report = package.report(report_id)
    parts = [
        block(f"<h1>{text(report_label(report))}</h1>", f"<p>{text(report['title'])}</p>"),
        block(_report_facts(path, report_id, report, files.sources.get(report_id))),
        "## 如何引用 {#cite}\n",
        block(_citation(report, report_id)),
    ]
    if report.get("superseded_by"):
        newer = report["superseded_by"]
        parts.append(
            block(
                '<p class="fiscal-failed">本报告已由更正后的版本取代：'
                f"{link(href(path, report_path(newer)), newer)}。数字保留在此以供核对。</p>"
            )
        )
    if report["status"] != "ok":
        parts.append(
            block(
                f'<p class="fiscal-failed">未能提取：{text(report["error_reason"])} — '
                f"{text(report['error_message'])}</p>"
            )
        )
    spending = spending_rows(package.frame("function_spending"))
    treemap = function_treemap(spending[spending["report_id"] == report_id])
    if treemap:
        parts += [
            "## 支出结构 {#structure}\n",
            block(
                "<p>按支出功能分类（类 › 款 › 项）的全部资金支出，面积与合计数成正比。</p>",
                chart(f"treemap-{report_id}", treemap, height=420),
            ),
        ]
    parts += _tables_html(package, report_id, report["family"], files)
    findings = package.frame("findings")
    parts += [
        "## 校验发现 {#findings}\n",
        block(
            _findings_section(path, findings[findings["report_id"] == report_id], package, files)
        ),
    ]
    return Page(path, report_label(report), "".join(parts))


def _tables_html(
    package: SitePackage, report_id: str, phase: str, files: downloads.Files
) -> list[str]:
    """Each table the report prints, in page order: its facts, its figures and, for a
    performance form, its header, funds and indicators. A table printed more than once
    (one form per project) is numbered; the first printing keeps the plain anchor."""
    path = report_path(report_id)
    pdf = files.pdf(report_id)
    amounts = _of_report(package, "amounts", report_id)
    tables = _of_report(package, "report_tables", report_id)
    forms = _of_report(package, "performance_forms", report_id)
    funds = _of_report(package, "performance_funds", report_id)
    indicators = _of_report(package, "performance_indicators", report_id)
    printings = tables["table"].value_counts()
    order = tables.assign(
        page=tables["first_page"].astype(int),
        number=tables["instance"].replace("", "1").astype(int),
    ).sort_values(["page", "number"])
    parts = []
    for table in order.itertuples():
        title = template_for(table.table, phase).title_cn
        anchor = table.table if table.number == 1 else f"{table.table}-{table.number}"
        if printings[table.table] > 1:
            title = f"{title}（{table.number}）"
        html = [_table_facts(path, table, pdf, files)]
        if table.number == 1:
            grids = table_grids(amounts, table.table, phase)
            html += [
                _grid_html(path, grid, pdf, f"{table.table}-{grid.side}".strip("-"), table.unit)
                for grid in grids
            ]
        same = forms[forms["table"] == table.table].sort_values("form", key=lambda f: f.astype(int))
        if len(same) >= table.number:
            form = same.iloc[table.number - 1].to_dict()
            number = form["form"]
            html.append(
                form_html(
                    form,
                    funds[funds["form"] == number],
                    indicators[indicators["form"] == number],
                    lambda page: page_link(path, pdf, page),
                )
            )
        parts += [f"## {title} {{#{anchor}}}\n", block(*html)]
    return parts


def _of_report(package: SitePackage, name: str, report_id: str) -> pd.DataFrame:
    frame = package.frame(name)
    return frame[frame["report_id"] == report_id]


def _findings_section(
    source: str, findings: pd.DataFrame, package: SitePackage, files: downloads.Files
) -> str:
    if findings.empty:
        return "<p>本报告没有违反勾稽关系的数字，也没有读取问题。</p>"
    return (
        "<p>原文自身不平（原文不一致）或读取有疑问（提取问题）的地方。数字按原文保留，未作改动。</p>"
        + findings_table(source, findings, package, files)
    )


def _report_facts(path: str, report_id: str, report: pd.Series, original: str | None) -> str:
    region = " ".join(
        part for part in (report["province"], report["city"], report["district"]) if part
    )
    kind = original.rsplit(".", 1)[-1].upper() if original else ""
    source = link(href(path, original), f"下载原文件（{kind}）") if original else "本站未收录原文件"
    url = report["source_url"]
    rows = [
        ("发布单位", link(href(path, publisher_path(report["publisher_id"])), report["publisher"])),
        ("报告编号", f"<code>{text(report_id)}</code>"),
        ("年度", text(report["fiscal_year"])),
        ("类别", f"{text(report['phase_cn'])}（{text(report['scope_cn'])}）"),
        ("地区", text(region or "—")),
        ("页数", text(report["page_count"])),
        ("原始文件", source),
        (
            "来源网址",
            link(url, url) if url.startswith(("https://", "http://")) else text(url or "—"),
        ),
        ("SHA-256", f"<code>{text(report['sha256'])}</code>"),
        ("提取状态", text(STATUSES.get(report["status"], report["status"]))),
        ("识别的表", text(report["tables_found"])),
        ("金额个数", text(report["amounts"])),
        (
            "勾稽校验",
            f"{text(report['identity_checks'])} 项，原文不一致 "
            f"{text(report['source_inconsistencies'])} 处，提取问题 "
            f"{text(report['extraction_failures'])} 处",
        ),
    ]
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    return f'<table class="fiscal-facts"><tbody>{body}</tbody></table>'


def _citation(report: pd.Series, report_id: str) -> str:
    """A citation that names the document, the page to be added and this data set."""
    return (
        '<p class="fiscal-cite">'
        f"{text(report['publisher'])}：《{text(report['title'])}》，"
        f"{text(report['fiscal_year'])} 年{text(report['phase_cn'])}，第 N 页。"
        f"数据引自“政府部门预决算公开数据”（报告编号 {text(report_id)}，"
        f"原文件 SHA-256 {text(report['sha256'][:12])}…），CC BY 4.0。</p>"
        "<p>把 N 换成表格中“页码”一列的页码；每个数字都可以在原文件该页核对。</p>"
    )


def _table_facts(path: str, table, pdf: str | None, files: downloads.Files) -> str:
    pages = (
        f"第 {table.first_page} 页"
        if table.first_page == table.last_page
        else (f"第 {table.first_page}–{table.last_page} 页")
    )
    pages = link(f"{href(path, pdf)}#page={table.first_page}", pages) if pdf else text(pages)
    facts = [
        f"原标题：{text(table.title_printed)}",
        pages,
        f"原表单位：{text(table.unit)}（本站统一为万元）",
        text(TABLE_STATUSES.get(table.status, table.status)),
    ]
    note = f'<p class="fiscal-note">{text(table.note)}</p>' if table.note else ""
    key = (table.report_id, table.table)
    download = ""
    if key in files.tables:
        csv, xlsx = files.tables[key]
        download = (
            f'<p class="fiscal-downloads">下载本表：{link(href(path, csv), "CSV")} · '
            f"{link(href(path, xlsx), 'Excel')}</p>"
        )
    return f'<p class="fiscal-table-facts">{" · ".join(facts)}</p>{note}{download}'


def _grid_html(path: str, grid: Grid, pdf: str | None, table_id: str, unit: str) -> str:
    columns = [Column("行", numeric=True, tip="原表中的行序")]
    if grid.has_codes:
        columns.append(Column("编码"))
    columns.append(Column("名称"))
    if grid.has_projects:
        columns.append(Column("项目名称"))
    columns += [
        Column(grid.headings[key], numeric=True, tip=f"原文列名：{grid.printed[key]}")
        for key in grid.columns
    ]
    columns.append(Column("页码", numeric=True))
    rows = []
    for row in grid.rows.to_dict(orient="records"):
        level = f"name lv{code_level(row['code'])}" if row["code"] else "name"
        cells = [number_cell(row["row"])]
        if grid.has_codes:
            cells.append(text_cell(row["code"]))
        cells.append(text_cell(row["row_label"], level))
        if grid.has_projects:
            cells.append(text_cell(row["project"]))
        cells += [
            amount_cell(row[key], f"{row[f'published:{key}']}（{unit}）" if row[key] else "")
            for key in grid.columns
        ]
        cells.append(page_link(path, pdf, row["page"]))
        rows.append(cells)
    return html_table(columns, rows, table_id=table_id, caption=SIDES.get(grid.side, ""))


def findings_table(
    source: str,
    findings: pd.DataFrame,
    package: SitePackage,
    files: downloads.Files,
    with_report: bool = False,
) -> str:
    """Findings with their table and page; ``with_report`` adds the report they belong to."""
    columns = [Column("序号", numeric=True)]
    if with_report:
        columns.append(Column("报告"))
    columns += [
        Column("表"),
        Column("页码", numeric=True),
        Column("规则"),
        Column("类别"),
        Column("应为", numeric=True, tip="勾稽关系算出的数（万元）"),
        Column("实为", numeric=True, tip="原文印的数（万元）"),
        Column("容差", numeric=True, tip="允许的舍入误差（万元）"),
        Column("说明"),
    ]
    rows = []
    for finding in findings.to_dict(orient="records"):
        report = package.report(finding["report_id"])
        cells = [number_cell(finding["finding"])]
        if with_report:
            label = report_label(report)
            cells.append(link_cell(href(source, report_path(finding["report_id"])), label))
        table_title = template_for(finding["table"], report["family"]).title_cn
        table_url = f"{report_path(finding['report_id'])}#{finding['table']}"
        cells += [
            link_cell(href(source, table_url), table_title),
            page_link(source, files.pdf(finding["report_id"]), finding["page"]),
            text_cell(rule_name(finding["rule"])),
            text_cell(FINDING_KINDS.get(finding["kind"], finding["kind"])),
            amount_cell(finding["expected"]),
            amount_cell(finding["found"]),
            amount_cell(finding["tolerance"], exact=True),
            text_cell(finding["message"]),
        ]
        rows.append(cells)
    return html_table(columns, rows, table_id="findings")


# -- lists of reports and publishers -------------------------------------------------------


def reports_index(package: SitePackage) -> Page:
    columns = [
        Column("报告"),
        Column("年度", numeric=True),
        Column("类别"),
        Column("口径"),
        Column("状态"),
        Column("表", numeric=True),
        Column("金额", numeric=True),
        Column("原文不一致", numeric=True),
        Column("提取问题", numeric=True),
    ]
    rows = [
        [
            link_cell(href(REPORTS_INDEX, report_path(r["report_id"])), report_label(r)),
            number_cell(r["fiscal_year"]),
            text_cell(r["phase_cn"]),
            text_cell(r["scope_cn"]),
            text_cell(STATUSES.get(r["status"], r["status"])),
            number_cell(r["tables_found"]),
            number_cell(r["amounts"]),
            number_cell(r["source_inconsistencies"]),
            number_cell(r["extraction_failures"]),
        ]
        for _, r in package.reports.iterrows()
    ]
    body = block(
        "<h1>全部报告</h1>",
        f"<p>共 {len(rows)} 份预算、决算公开文件。</p>",
        html_table(columns, rows, table_id="reports"),
    )
    return Page(REPORTS_INDEX, "报告", body)


def publisher_page(package: SitePackage, publisher_id: str) -> Page:
    """A publisher's reports over the years and its spending per year, budget beside final."""
    path = publisher_path(publisher_id)
    reports = package.reports[package.reports["publisher_id"] == publisher_id]
    name = reports["publisher"].iloc[0]
    totals = report_totals(package.frame("function_spending"))
    parts = [block(f"<h1>{text(name)}</h1>")]
    current = package.current_reports
    for scope_cn, scoped in current[current["publisher_id"] == publisher_id].groupby(
        "scope_cn", sort=False
    ):
        spec = _spending_by_year(scoped, totals)
        parts += [
            f"## {scope_cn}支出 {{#spending-{scoped['scope'].iloc[0]}}}\n",
            block(
                f"<p>各年度{text(scope_cn)}口径的支出合计、基本支出与项目支出（万元）。"
                "预算与决算并列；基本支出与项目支出叠加为一根柱。</p>",
                chart(f"spending-{publisher_id}-{scoped['scope'].iloc[0]}", spec),
            ),
        ]
    columns = [
        Column("报告"),
        Column("年度", numeric=True),
        Column("类别"),
        Column("口径"),
        Column("支出合计", numeric=True, tip="全部资金支出表各类级科目之和（万元）"),
        Column("基本支出", numeric=True),
        Column("项目支出", numeric=True),
    ]
    rows = []
    for _, r in reports.sort_values(["fiscal_year", "family"]).iterrows():
        figures = totals.get(r["report_id"], {})
        rows.append(
            [
                link_cell(href(path, report_path(r["report_id"])), r["title"]),
                number_cell(r["fiscal_year"]),
                text_cell(r["phase_cn"]),
                text_cell(r["scope_cn"]),
                *(
                    amount_cell(figures.get(m))
                    for m in ("total", "basic_expenditure", "project_expenditure")
                ),
            ]
        )
    parts += ["## 报告 {#reports}\n", block(html_table(columns, rows, table_id="reports"))]
    return Page(path, name, "".join(parts))


def _spending_by_year(reports: pd.DataFrame, totals: dict) -> dict:
    """Per year: each phase's total as a bar, and its basic + project stacked beside it."""
    years = sorted(reports["fiscal_year"].unique(), key=int)
    series = []
    for phase, phase_cn in (("budget", "预算"), ("final", "决算")):
        by_year = {
            r["fiscal_year"]: totals.get(r["report_id"], {})
            for _, r in reports[reports["family"] == phase].iterrows()
        }
        if not by_year:
            continue
        series += [
            Series(f"{phase_cn}·支出合计", [by_year.get(y, {}).get("total") for y in years]),
            Series(
                f"{phase_cn}·基本支出",
                [by_year.get(y, {}).get("basic_expenditure") for y in years],
                stack=phase,
            ),
            Series(
                f"{phase_cn}·项目支出",
                [by_year.get(y, {}).get("project_expenditure") for y in years],
                stack=phase,
            ),
        ]
    return bar_chart([f"{y} 年" for y in years], series)


def publishers_index(package: SitePackage) -> Page:
    reports = package.reports
    columns = [Column("发布单位"), Column("地区"), Column("报告", numeric=True), Column("年度")]
    rows = []
    for publisher_id, group in reports.groupby("publisher_id"):
        first = group.iloc[0]
        name = first["publisher"]
        region = " ".join(p for p in (first["province"], first["city"], first["district"]) if p)
        years = "、".join(sorted(group["fiscal_year"].unique()))
        rows.append(
            [
                link_cell(href(PUBLISHERS_INDEX, publisher_path(publisher_id)), name),
                text_cell(region),
                number_cell(len(group)),
                text_cell(years),
            ]
        )
    body = block(
        "<h1>发布单位</h1>",
        f"<p>共 {len(rows)} 个发布单位。</p>",
        html_table(columns, rows, table_id="publishers"),
    )
    return Page(PUBLISHERS_INDEX, "发布单位", body)


# -- home and data quality -------------------------------------------------------------------


def home_page(package: SitePackage, files: downloads.Files, newest: int = 5) -> Page:
    """What the repository holds, the newest additions, how to cite and download."""
    reports = package.reports
    amounts = package.frame("amounts")
    years = sorted(reports["fiscal_year"].unique(), key=int)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(years)
    counts = reports["phase_cn"].value_counts()
    phases = "、".join(f"{phase} {count} 份" for phase, count in counts.items())
    checks = pd.to_numeric(reports["identity_checks"], errors="coerce").fillna(0).sum()
    stats = [
        ("报告", f"{len(reports)} 份（{phases}）"),
        ("发布单位", f"{reports['publisher_id'].nunique()} 个"),
        ("年度", span),
        ("金额", f"{len(amounts):,} 个，均注明页码"),
        ("勾稽校验", f"{checks:,.0f} 项，发现 {len(package.frame('findings'))} 处问题"),
    ]
    facts = "".join(f"<tr><th>{label}</th><td>{text(value)}</td></tr>" for label, value in stats)
    # The catalogue grows by appending, so its last rows are the latest additions.
    latest = reports.iloc[::-1].head(newest)
    newest_items = "".join(
        f"<li>{link(href('index.md', report_path(r['report_id'])), report_label(r))}"
        f"：{text(r['title'])}</li>"
        for _, r in latest.iterrows()
    )
    intro = (
        "<h1>政府部门预决算公开数据</h1>"
        "<p>本站把政府部门公开的预算、决算文件（PDF）中的标准表格整理为经过校验的开放数据。"
        "每一个数字都注明来源文件和页码，原文自身不平的地方逐条列出，不作改动。</p>"
        "<p>Chinese government budgets and final accounts as validated open data: every "
        "figure with its source document and page.</p>"
    )
    links = [
        (REPORTS_INDEX, "全部报告", "每份报告的表格、页码、原文件与校验发现"),
        (PUBLISHERS_INDEX, "发布单位", "各单位历年的报告与支出"),
        ("compare/index.md", "对比", "按功能分类支出、“三公”经费、人员经费与公用经费"),
        (downloads.DOWNLOADS_PAGE, "下载", "CSV（Excel 可直接打开）、Excel、SQLite 与完整数据包"),
        ("data/dictionary.md", "数据字典", "每个数据表、字段、类型、单位与约束"),
        (QUALITY, "数据质量", "全部校验发现，可按规则与报告筛选"),
        ("contributing.md", "参与贡献", "如何添加一份报告"),
    ]
    sections = "".join(
        f"<li>{link(href('index.md', target), title)}：{text(about)}</li>"
        for target, title, about in links
    )
    body = "".join(
        [
            block(intro),
            "## 收录范围 {#coverage}\n",
            block(f'<table class="fiscal-facts"><tbody>{facts}</tbody></table>'),
            "## 最新加入 {#newest}\n",
            block(f"<ul>{newest_items}</ul>"),
            "## 如何引用 {#cite}\n",
            block(
                "<p>引用某个数字时，请写明原文件（发布单位、标题、页码）和本数据集："
                f"“政府部门预决算公开数据”，版本 {text(package.descriptor.get('version', ''))}，"
                "CC BY 4.0。每份报告的页面都给出了可直接使用的引用格式。</p>"
            ),
            "## 下载 {#download}\n",
            block(downloads.package_links("index.md", files)),
            "## 浏览 {#browse}\n",
            block(f"<ul>{sections}</ul>"),
        ]
    )
    return Page("index.md", "首页", body)


def quality_page(package: SitePackage, files: downloads.Files) -> Page:
    """Every finding in the repository, filterable by rule and by report."""
    findings = package.frame("findings")
    selects = [
        _filter_select(
            "rule",
            "规则",
            4,
            ((rule_name(r), rule_name(r)) for r in sorted(findings["rule"].unique())),
        ),
        _filter_select(
            "report",
            "报告",
            1,
            (
                (report_label(package.report(r)), report_label(package.report(r)))
                for r in sorted(findings["report_id"].unique())
            ),
        ),
    ]
    reports = package.reports
    summary_columns = [
        Column("报告"),
        Column("状态"),
        Column("勾稽校验", numeric=True),
        Column("原文不一致", numeric=True),
        Column("提取问题", numeric=True),
        Column("说明"),
    ]
    summary_rows = [
        [
            link_cell(href(QUALITY, report_path(r["report_id"])), report_label(r)),
            text_cell(STATUSES.get(r["status"], r["status"])),
            number_cell(r["identity_checks"]),
            number_cell(r["source_inconsistencies"]),
            number_cell(r["extraction_failures"]),
            text_cell(r["error_message"]),
        ]
        for _, r in reports.iterrows()
    ]
    body = "".join(
        [
            block(
                "<h1>数据质量</h1>",
                "<p>每份报告都按会计勾稽关系逐项校验：上级科目等于下级科目之和、合计等于各列之和、"
                "收支总表两侧平衡、不同表的同一数字一致、“三公”合计等于各项之和、基本支出等于"
                "人员经费加公用经费。原文不一致指原文件自身不平；提取问题指表格读取有疑问。"
                "数字一律按原文保留。</p>",
            ),
            "## 各报告概况 {#reports}\n",
            block(html_table(summary_columns, summary_rows, table_id="report-quality")),
            "## 全部校验发现 {#findings}\n",
            block(
                f'<div class="fiscal-filters" data-filter-table="{table_dom_id("findings")}">',
                *selects,
                "</div>",
                findings_table(QUALITY, findings, package, files, with_report=True)
                if not findings.empty
                else "<p>没有发现问题。</p>",
            ),
        ]
    )
    return Page(QUALITY, "数据质量", body)


def _filter_select(name: str, label: str, column: int, options: Iterable[tuple[str, str]]) -> str:
    """A drop-down that shows only the findings whose ``column`` reads as the chosen value."""
    choices = "".join(
        f'<option value="{text(value)}">{text(shown)}</option>' for value, shown in options
    )
    return (
        f'<label>{text(label)} <select name="{text(name)}" data-filter-column="{column}">'
        f'<option value="">全部</option>{choices}</select></label>'
    )
