"""The home page, the lists of reports and publishers, and each publisher's page."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from fiscal.regions import NATIONAL_CODE
from fiscal.schema import CATALOGUE
from fiscal.site import downloads
from fiscal.site.charts import Series, bar_chart
from fiscal.site.data import SitePackage, region_label, report_label, report_status
from fiscal.site.figures import SUM_OF_CLASSES, figure_cell, printed_decimal
from fiscal.site.markup import (
    Column,
    Page,
    block,
    chart,
    href,
    html_table,
    link,
    link_cell,
    number_cell,
    text,
    text_cell,
)
from fiscal.site.paths import (
    COMPARE_INDEX,
    CONTRIBUTING,
    DICTIONARY,
    DOWNLOADS_PAGE,
    HOME,
    KINDS_INDEX,
    PLACES_INDEX,
    PUBLISHERS_INDEX,
    QUALITY,
    QUERY_PAGE,
    REPORTS_INDEX,
    kind_path,
    publisher_path,
    report_path,
)
from fiscal.site.places import coverage_map, places
from fiscal.vocabulary import PHASES, SPENDING_MEASURES, TABLE_PHASES

#: The repository's first focus, led with on the home page.
ECOLOGY = "ecology"
_ECOLOGY_COMPARED = "并列比较支出、211 节能环保支出与“三公”经费"


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
            text_cell(report_status(r)),
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


def publisher_pages(package: SitePackage) -> list[Page]:
    """The index of publishers, then a page per publisher."""
    publishers = package.reports["publisher_id"].drop_duplicates()
    return [publishers_index(package)] + [publisher_page(package, p) for p in publishers]


def publisher_page(package: SitePackage, publisher_id: str) -> Page:
    """A publisher's reports over the years and its spending per year, budget beside final."""
    path = publisher_path(publisher_id)
    reports = package.reports[package.reports["publisher_id"] == publisher_id]
    name = reports["publisher"].iloc[0]
    totals = package.totals
    parts = [block(f"<h1>{text(name)}</h1>")]
    current = package.current_reports
    for scope_cn, scoped in current[current["publisher_id"] == publisher_id].groupby(
        "scope_cn", sort=False
    ):
        scope = scoped["scope"].iloc[0]
        spec = _spending_by_year(scoped, totals)
        parts += [
            f"## {scope_cn}支出 {{#spending-{scope}}}\n",
            block(
                f"<p>各年度{text(scope_cn)}口径的支出合计、基本支出与项目支出（万元）。"
                "预算与决算并列；基本支出与项目支出叠加为一根柱。</p>",
                chart(f"spending-{publisher_id}-{scope}", spec),
                _execution_table(path, scoped, totals, f"execution-{scope}"),
            ),
        ]
        three = _three_public_by_year(scoped, package.frame("three_public"))
        if three["series"]:
            parts += [
                f"## {scope_cn}“三公”经费 {{#three-public-{scope}}}\n",
                block(
                    "<p>各年度“三公”经费合计（万元）：预算文件所印预算数，决算文件所印决算数。</p>",
                    chart(f"three-public-{publisher_id}-{scope}", three),
                ),
            ]
    columns = [
        Column("报告"),
        Column("年度", numeric=True),
        Column("类别"),
        Column("口径"),
        Column("支出合计", numeric=True, tip=_PRINTED_TIP),
        Column("基本支出", numeric=True, tip=_PRINTED_TIP),
        Column("项目支出", numeric=True, tip=_PRINTED_TIP),
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
                *(figure_cell(figures.get(measure)) for measure in SPENDING_MEASURES),
            ]
        )
    parts += [
        "## 报告 {#reports}\n",
        block(html_table(columns, rows, table_id="reports"), _COMPUTED_NOTE),
    ]
    return Page(path, name, "".join(parts))


#: What the totals beside a report are, in the heading's tooltip.
_PRINTED_TIP = "全部资金支出表（支出决算表 / 支出预算总表）所印合计行（万元）"
#: How the execution rate is computed.
_RATE_TIP = "本站计算：决算支出合计 ÷ 预算支出合计 × 100"
#: The note under a table whose totals may include the site's own sums.
_COMPUTED_NOTE = (
    '<p class="fiscal-note">金额为原表所印合计；标 <span class="computed-mark">＊</span> 者'
    f"原表未印合计行，{SUM_OF_CLASSES[3:]}。</p>"
)


def _execution_table(source: str, reports: pd.DataFrame, totals: dict, table_id: str) -> str:
    """Per year: the budget's and the final account's 支出合计 side by side, and the
    execution rate (决算 ÷ 预算), which the site computes and marks as computed."""
    by_year: dict[str, dict[str, pd.Series]] = {}
    for _, report in reports.iterrows():
        by_year.setdefault(report["fiscal_year"], {})[report["family"]] = report
    columns = [
        Column("年度", numeric=True),
        Column("预算 支出合计", numeric=True, tip=_PRINTED_TIP),
        Column("决算 支出合计", numeric=True, tip=_PRINTED_TIP),
        Column("执行率（%）", numeric=True, tip=_RATE_TIP),
    ]
    rows = []
    for year in sorted(by_year, key=int):
        phases = by_year[year]
        budget, final = (
            totals.get(phases[phase]["report_id"], {}).get("total") if phase in phases else None
            for phase in ("budget", "final")
        )
        rate = (
            final.value / budget.value * 100
            if budget and final and budget.value and final.value is not None
            else None
        )
        rows.append(
            [
                number_cell(year),
                figure_cell(budget),
                figure_cell(final),
                _rate_cell(rate),
            ]
        )
    if not any(len(phases) > 1 for phases in by_year.values()):
        return ""
    return "<p>预算与决算对照：</p>" + html_table(columns, rows, table_id=table_id)


def _rate_cell(rate: Decimal | None) -> str:
    """An execution rate in per cent, marked as the site's own figure; blank if none."""
    if rate is None:
        return number_cell("")
    shown = f"{rate:.2f}"
    return f'<td class="computed" data-sort="{shown}" title="{text(_RATE_TIP)}">{shown}</td>'


def _three_public_by_year(reports: pd.DataFrame, three_public: pd.DataFrame) -> dict:
    """Per year: each phase's printed 三公 total (the budget's 预算数, the final's 决算数)."""
    years = sorted(reports["fiscal_year"].unique(), key=int)
    totals = three_public[three_public["item"] == "total"].drop_duplicates("report_id")
    totals = totals.set_index("report_id")
    series = []
    for phase in TABLE_PHASES:
        measure = "actual" if phase == "final" else "budget"
        by_year = {
            r["fiscal_year"]: printed_decimal(totals[measure].get(r["report_id"]))
            for _, r in reports[reports["family"] == phase].iterrows()
        }
        series.append(Series(f"{PHASES[phase].cn}·“三公”经费", [by_year.get(y) for y in years]))
    return bar_chart([f"{y} 年" for y in years], series)


def _spending_by_year(reports: pd.DataFrame, totals: dict) -> dict:
    """Per year: each phase's total as a bar, and its basic + project stacked beside it."""
    years = sorted(reports["fiscal_year"].unique(), key=int)
    series = []
    for phase in TABLE_PHASES:
        phase_cn = PHASES[phase].cn
        by_year = {
            r["fiscal_year"]: {
                measure: figure.value for measure, figure in totals.get(r["report_id"], {}).items()
            }
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
        region = region_label(first)
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


def home_page(package: SitePackage, files: downloads.Files, newest: int = 5) -> Page:
    """What the repository holds, the newest additions, how to cite and download."""
    reports = package.reports
    amounts = package.frame("amounts")
    years = sorted(reports["fiscal_year"].unique(), key=int)
    span = f"{years[0]}–{years[-1]}" if len(years) > 1 else "".join(years)
    counts = reports["phase_cn"].value_counts()
    phases = "、".join(f"{phase} {count} 份" for phase, count in counts.items())
    checks = pd.to_numeric(reports["identity_checks"], errors="coerce").fillna(0).sum()
    tree = places(reports)
    provinces = sum(place.parent is None and place.level == "province" for place in tree.values())
    central = "，另有中央部门" if NATIONAL_CODE in tree else ""
    files_count = len(package.frame(CATALOGUE))
    stats = [
        ("报告", f"{len(reports)} 份，{files_count} 个文件（{phases}）"),
        ("发布单位", f"{reports['publisher_id'].nunique()} 个"),
        ("地区", f"{provinces} 个省级地区{central}"),
        ("年度", span),
        ("金额", f"{len(amounts):,} 个，均注明页码"),
        ("勾稽校验", f"{checks:,.0f} 项，发现 {len(package.frame('findings'))} 处问题"),
    ]
    facts = "".join(f"<tr><th>{label}</th><td>{text(value)}</td></tr>" for label, value in stats)
    # The catalogue grows by appending, so its last rows are the latest additions.
    latest = reports.iloc[::-1].head(newest)
    newest_items = "".join(
        f"<li>{link(href(HOME, report_path(r['report_id'])), report_label(r))}"
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
    ecology = reports[reports["department_kind"] == ECOLOGY].sort_values(
        ["province", "city", "fiscal_year"]
    )
    ecology_items = "".join(
        f"<li>{link(href(HOME, report_path(r['report_id'])), report_label(r))}"
        f"（{text(report_status(r))}）</li>"
        for _, r in ecology.iterrows()
    )
    links = [
        (PLACES_INDEX, "地区", "按省、市、区县浏览发布单位与报告，附覆盖地图"),
        (KINDS_INDEX, "部门类别", "同类部门并列：生态环境、财政、公安……"),
        (REPORTS_INDEX, "全部报告", "每份报告的表格、页码、原文件与校验发现"),
        (PUBLISHERS_INDEX, "发布单位", "各单位历年的报告与支出"),
        (COMPARE_INDEX, "对比", "按功能分类支出、“三公”经费、人员经费与公用经费"),
        (DOWNLOADS_PAGE, "下载", "CSV（Excel 可直接打开）、Excel、SQLite 与完整数据包"),
        (DICTIONARY, "数据字典", "每个数据表、字段、类型、单位与约束"),
        (QUALITY, "数据质量", "全部校验发现，可按规则与报告筛选"),
        (QUERY_PAGE, "SQL 查询", "在浏览器中用 SQL 查询全部数据，结果可下载为 CSV"),
        (CONTRIBUTING, "参与贡献", "如何添加一份报告"),
    ]
    sections = "".join(
        f"<li>{link(href(HOME, target), title)}：{text(about)}</li>"
        for target, title, about in links
    )
    body = "".join(
        [
            block(intro),
            "## 生态环境部门 {#ecology}\n",
            block(
                f"<p>本库首先关注生态环境部门：{ecology['publisher_id'].nunique()} 个部门的 "
                f"{len(ecology)} 份报告。"
                f"{link(href(HOME, kind_path(ECOLOGY)), _ECOLOGY_COMPARED)}。</p>",
                f"<ul>{ecology_items}</ul>",
            ),
            "## 收录范围 {#coverage}\n",
            block(
                f'<table class="fiscal-facts"><tbody>{facts}</tbody></table>',
                chart("home-coverage-map", coverage_map(tree, HOME), height=420),
            ),
            "## 最新加入 {#newest}\n",
            block(f"<ul>{newest_items}</ul>"),
            "## 如何引用 {#cite}\n",
            block(
                "<p>引用某个数字时，请写明原文件（发布单位、标题、页码）和本数据集："
                f"“政府部门预决算公开数据”，版本 {text(package.descriptor.get('version', ''))}，"
                "CC BY 4.0。每份报告的页面都给出了可直接使用的引用格式。</p>"
            ),
            "## 下载 {#download}\n",
            block(downloads.package_links(HOME, files)),
            "## 浏览 {#browse}\n",
            block(f"<ul>{sections}</ul>"),
        ]
    )
    return Page(HOME, "首页", body)
