"""Browsing by place and by kind of department: province → city → district, and every
department of one kind (all ecology bureaus) side by side.

A place is a GB/T 2260 division the catalogue names (its ``division_code`` and the codes
of the divisions above it); the map of China colours each province by the reports it
holds. Figures compared side by side stay honest: each row is one report, named with its
publisher, scope (部门 / 单位) and year, in 万元; a 部门 and its own 单位 are never added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from fiscal.regions import NATIONAL_CODE, division_code
from fiscal.site.data import SitePackage, region_label, report_label, report_status
from fiscal.site.figures import (
    Figure,
    code_figure,
    figure_cell,
    printed_decimal,
    spending_by_code,
)
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
from fiscal.site.paths import KINDS_INDEX, PLACES_INDEX, kind_path, place_path, publisher_path
from fiscal.site.paths import report_path as report_page_path
from fiscal.vocabulary import ADMIN_LEVELS, DEPARTMENT_KINDS

#: The name the map's GeoJSON gives a province: its own name without 省 / 市 / 自治区.
_PROVINCE_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
CENTRAL = "中央"


@dataclass
class Place:
    """A division with reports: its name, level, parent and the reports under it."""

    code: str
    name: str
    level: str
    parent: str | None
    children: list[str] = field(default_factory=list)
    report_ids: list[str] = field(default_factory=list)


def _chain(report: pd.Series) -> list[tuple[str, str, str]]:
    """The divisions a report sits in, from the province down: (code, name, level)."""
    province, city, district = report["province"], report["city"], report["district"]
    if not province:
        return [(NATIONAL_CODE, CENTRAL, "central")]
    chain = [(division_code(province), province, "province")]
    if city:
        chain.append((division_code(province, city), city, "city"))
    if district:
        code = report["division_code"] or division_code(province, city, district)
        chain.append((code, district, "district"))
    unique: list[tuple[str, str, str]] = []
    for division in chain:  # a name the code list lacks shares its parent's code: one place
        if not unique or unique[-1][0] != division[0]:
            unique.append(division)
    return unique


def places(reports: pd.DataFrame) -> dict[str, Place]:
    """Every division that holds a report, with its parent and children."""
    found: dict[str, Place] = {}
    for _, report in reports.iterrows():
        parent = None
        for code, name, level in _chain(report):
            place = found.setdefault(code, Place(code, name, level, parent))
            if parent and code not in found[parent].children:
                found[parent].children.append(code)
            place.report_ids.append(report["report_id"])
            parent = code
    return found


def _map_name(province: str) -> str:
    return _PROVINCE_SUFFIX.sub("", province)


def coverage_map(tree: dict[str, Place], source: str) -> dict:
    """A map of China: each province with reports, coloured by how many, linked to its page."""
    provinces = [p for p in tree.values() if p.level == "province"]
    return {
        "type": "map",
        "unit": "份报告",
        "data": [{"name": _map_name(p.name), "value": len(p.report_ids)} for p in provinces],
        "links": {_map_name(p.name): href(source, place_path(p.code)) for p in provinces},
    }


def places_index(package: SitePackage, tree: dict[str, Place]) -> Page:
    """The map and the provinces (and the central departments) with what they hold."""
    top = sorted((p for p in tree.values() if p.parent is None), key=lambda p: p.code)
    body = block(
        "<h1>地区</h1>",
        f"<p>收录 {len(top)} 个省级地区（含中央部门）的报告。点击地图或下表进入各地区。</p>",
        chart("coverage-map", coverage_map(tree, PLACES_INDEX), height=480),
        _places_table(PLACES_INDEX, top, package.reports),
    )
    return Page(PLACES_INDEX, "地区", body)


def _places_table(source: str, listed: list[Place], reports: pd.DataFrame) -> str:
    columns = [
        Column("地区"),
        Column("区划代码"),
        Column("层级"),
        Column("发布单位", numeric=True),
        Column("报告", numeric=True),
        Column("年度"),
    ]
    rows = []
    for place in listed:
        held = reports[reports["report_id"].isin(place.report_ids)]
        rows.append(
            [
                link_cell(href(source, place_path(place.code)), place.name),
                text_cell(place.code),
                text_cell(ADMIN_LEVELS[place.level].cn),
                number_cell(held["publisher_id"].nunique()),
                number_cell(len(held)),
                text_cell("、".join(sorted(held["fiscal_year"].unique()))),
            ]
        )
    return html_table(columns, rows, table_id="places")


def place_page(
    package: SitePackage, place: Place, tree: dict[str, Place], totals: dict[str, dict]
) -> Page:
    """A division: where it sits, the divisions below it, and its publishers' reports."""
    path = place_path(place.code)
    trail, parent = [], place.parent
    while parent:
        trail.insert(0, link(href(path, place_path(parent)), tree[parent].name))
        parent = tree[parent].parent
    trail.insert(0, link(href(path, PLACES_INDEX), "全部地区"))
    reports = package.reports[package.reports["report_id"].isin(place.report_ids)]
    parts = [
        block(
            f"<h1>{text(place.name)}</h1>",
            f'<p class="fiscal-trail">{" › ".join(trail)}</p>',
            f"<p>区划代码 {text(place.code)} · {text(ADMIN_LEVELS[place.level].cn)} · "
            f"{reports['publisher_id'].nunique()} 个发布单位，{len(reports)} 份报告。</p>",
        )
    ]
    if place.children:
        children = sorted((tree[code] for code in place.children), key=lambda p: p.code)
        parts += ["## 下辖地区 {#places}\n", block(_places_table(path, children, reports))]
    parts += ["## 报告 {#reports}\n", block(reports_table(path, reports, totals))]
    return Page(path, place.name, "".join(parts))


def reports_table(source: str, reports: pd.DataFrame, totals: dict[str, dict]) -> str:
    """Reports with their publisher, kind, year, phase and scope, and their spending
    (``totals``: :func:`figures.report_totals`)."""
    columns = [
        Column("发布单位"),
        Column("部门类别"),
        Column("报告"),
        Column("年度", numeric=True),
        Column("口径"),
        Column("状态"),
        Column("支出合计", numeric=True, tip="支出表所印合计（万元）；标＊者为本站计算"),
    ]
    rows = []
    ordered = reports.sort_values(["publisher", "fiscal_year", "family", "scope"])
    for _, report in ordered.iterrows():
        kind = report["department_kind"]
        rows.append(
            [
                link_cell(
                    href(source, publisher_path(report["publisher_id"])), report["publisher"]
                ),
                link_cell(href(source, kind_path(kind)), DEPARTMENT_KINDS[kind].cn)
                if kind in DEPARTMENT_KINDS
                else text_cell(""),
                link_cell(
                    href(source, report_page_path(report["report_id"])), report_label(report)
                ),
                number_cell(report["fiscal_year"]),
                text_cell(report["scope_cn"]),
                text_cell(report_status(report)),
                figure_cell(totals.get(report["report_id"], {}).get("total")),
            ]
        )
    return html_table(columns, rows, table_id="place-reports")


def place_pages(package: SitePackage) -> list[Page]:
    """The index, then every division's page, provinces first."""
    tree = places(package.reports)
    totals = package.totals
    ordered = sorted(tree.values(), key=lambda p: (p.code[:2], p.code))
    pages = [place_page(package, place, tree, totals) for place in ordered]
    return [places_index(package, tree), *pages]


# --- kinds of department ---------------------------------------------------------------

#: The function class an ecology bureau's money is mostly for: 211 节能环保支出.
ENVIRONMENT_CLASS = "211"


def kind_figures(package: SitePackage) -> dict[str, dict[str, Figure]]:
    """Per extracted report: total, basic and project spending (as printed, else summed
    and marked), its 211 节能环保 row, and the printed 三公 total of its phase."""
    spending = package.frame("function_spending")
    totals = package.totals
    classes = spending_by_code(spending)
    environment = classes[classes["function_code"] == ENVIRONMENT_CLASS].set_index("report_id")
    three_public = package.frame("three_public")
    three_public = three_public[three_public["item"] == "total"].drop_duplicates("report_id")
    three_public = three_public.set_index("report_id")
    figures = {}
    for _, report in package.current_reports.iterrows():
        report_id = report["report_id"]
        measure = "actual" if report["family"] == "final" else "budget"
        three = three_public[measure].get(report_id) if measure in three_public else None
        figures[report_id] = {
            **totals.get(report_id, {}),
            "environment": _environment(environment, report_id),
            "three_public": Figure(printed_decimal(three)),
        }
    return figures


def _environment(classes: pd.DataFrame, report_id: str) -> Figure:
    """A report's 211 row, as printed or summed over the rows that print it."""
    if report_id not in classes.index:
        return Figure(None)
    row = classes.loc[report_id]
    return code_figure(row["total"], row["summed"])


def kinds_index(package: SitePackage) -> Page:
    """Every kind of department with its publishers and reports; ecology first."""
    reports = package.reports
    columns = [Column("部门类别"), Column("发布单位", numeric=True), Column("报告", numeric=True)]
    rows = []
    for kind in _kinds_held(reports):
        held = reports[reports["department_kind"] == kind]
        rows.append(
            [
                link_cell(href(KINDS_INDEX, kind_path(kind)), DEPARTMENT_KINDS[kind].cn),
                number_cell(held["publisher_id"].nunique()),
                number_cell(len(held)),
            ]
        )
    body = block(
        "<h1>部门类别</h1>",
        "<p>按部门类别浏览：同类部门的报告并列，便于比较。</p>",
        html_table(columns, rows, table_id="kinds"),
    )
    return Page(KINDS_INDEX, "部门类别", body)


def _kinds_held(reports: pd.DataFrame) -> list[str]:
    held = set(reports["department_kind"])
    return [kind for kind in DEPARTMENT_KINDS if kind in held]


def kind_page(package: SitePackage, kind: str, figures: dict[str, dict[str, Figure]]) -> Page:
    """All departments of one kind side by side, one row per report."""
    path = kind_path(kind)
    name = DEPARTMENT_KINDS[kind].cn
    reports = package.reports[package.reports["department_kind"] == kind]
    columns = [
        Column("发布单位"),
        Column("地区"),
        Column("报告"),
        Column("年度", numeric=True),
        Column("口径"),
        Column("支出合计", numeric=True, tip="支出表所印合计（万元）；标＊者为本站计算"),
        Column("基本支出", numeric=True, tip="支出表所印合计（万元）；标＊者为本站计算"),
        Column("项目支出", numeric=True, tip="支出表所印合计（万元）；标＊者为本站计算"),
        Column("211 节能环保", numeric=True, tip="支出表 211 类一行，原文所印（万元）"),
        Column("“三公”经费", numeric=True, tip="“三公”经费表合计，原文所印（万元）"),
        Column("状态"),
    ]
    rows = []
    ordered = reports.sort_values(["province", "city", "publisher", "fiscal_year", "family"])
    for _, report in ordered.iterrows():
        report_id = report["report_id"]
        values = figures.get(report_id, {})
        rows.append(
            [
                link_cell(href(path, publisher_path(report["publisher_id"])), report["publisher"]),
                text_cell(region_label(report) or CENTRAL),
                link_cell(href(path, report_page_path(report_id)), report_label(report)),
                number_cell(report["fiscal_year"]),
                text_cell(report["scope_cn"]),
                *(
                    figure_cell(values.get(measure))
                    for measure in (
                        "total",
                        "basic_expenditure",
                        "project_expenditure",
                        "environment",
                        "three_public",
                    )
                ),
                text_cell(report_status(report)),
            ]
        )
    body = block(
        f"<h1>{text(name)}</h1>",
        f"<p>{reports['publisher_id'].nunique()} 个{text(name)}部门的 {len(reports)} 份报告，"
        "每行一份报告，金额统一为万元。部门（汇总）口径已含其所属单位，"
        "部门与单位的数字不可相加；预算与决算只在同一单位、同一年度内对照。</p>",
        html_table(columns, rows, table_id="kind-reports"),
    )
    return Page(path, name, body)


def kind_pages(package: SitePackage) -> list[Page]:
    figures = kind_figures(package)
    kinds = _kinds_held(package.reports)
    return [kinds_index(package)] + [kind_page(package, kind, figures) for kind in kinds]
