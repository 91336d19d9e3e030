"""The findings: the table a report page and the data-quality page share, and that page,
which describes every rule the package checks and where every finding of the repository
can be filtered by rule and by report.

Rule names and descriptions are the vocabulary's (``vocabulary.RULES``): a finding whose
rule has no entry there stops the build rather than show a bare id.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import pandas as pd

from fiscal.site import downloads
from fiscal.site.data import SitePackage, report_label, report_status, row_records
from fiscal.site.markup import (
    Column,
    Page,
    amount_cell,
    block,
    format_amount,
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
from fiscal.site.paths import QUALITY, report_path
from fiscal.vocabulary import FINDING_KINDS, NARRATIVE, RULES, SEVERITIES, rule, table_title


def page_link(source: str, pdf: str | None, page: object) -> str:
    """A page number, linked to that page of the source PDF where the site carries it."""
    if not pdf or page == "":
        return number_cell(page)
    return html_cell(link(f"{href(source, pdf)}#page={page}", page), page)


def findings_table(
    source: str,
    findings: pd.DataFrame,
    package: SitePackage,
    files: downloads.Files,
    with_report: bool = False,
) -> str:
    """Findings with their table and page, the most serious first; a finding about the
    narrative links the sentence's page and the page of the table figure it was held to.
    ``with_report`` adds the report they belong to."""
    columns = [Column("编号", numeric=True, tip="全站统一编号，数据质量页按此编号列出")]
    if with_report:
        columns.append(Column("报告"))
    columns += [
        Column("程度"),
        Column("表"),
        Column("页码", numeric=True, tip="发现所在页（情况说明核对为该句所在页）"),
        Column("表格页", numeric=True, tip="情况说明核对所对照的表格数字所在页"),
        Column("规则"),
        Column("类别"),
        Column("应为", numeric=True, tip="勾稽关系或表格算出的数（万元，或 %）"),
        Column("实为", numeric=True, tip="原文印的数（万元，或 %）"),
        Column("容差", numeric=True, tip="允许的舍入误差（万元，或 %）"),
        Column("说明"),
    ]
    claims = _claims_by_finding(package, findings)
    order = {severity: index for index, severity in enumerate(SEVERITIES)}
    records = sorted(
        row_records(findings),
        key=lambda f: (order[rule(f["rule"]).severity], int(f["finding"])),
    )
    numbers = package.finding_numbers
    rows, row_ids = [], []
    for finding in records:
        report_id = finding["report_id"]
        report = package.report(report_id)
        claim = claims.get((report_id, str(finding.get("claim", ""))), {})
        number = numbers[report_id, finding["finding"]]
        row_ids.append(finding_anchor(number))
        target = f"{QUALITY}#{finding_anchor(number)}"
        cells = [html_cell(link(href(source, target), number), number)]
        if with_report:
            label = report_label(report)
            cells.append(link_cell(href(source, report_path(finding["report_id"])), label))
        cells.append(text_cell(SEVERITIES[rule(finding["rule"]).severity].cn))
        if finding["table"] == NARRATIVE:
            cells.append(text_cell("情况说明"))
            pdf = files.pdf(report_id, claim.get("file", ""))
        else:
            table_url = f"{report_path(finding['report_id'])}#{finding['table']}"
            title = table_title(finding["table"], report["family"])
            cells.append(link_cell(href(source, table_url), title))
            pdf = files.pdf(report_id, claim["file"]) if claim else None
            pdf = pdf or files.table_pdf(report_id, finding["table"])
        compared = claim.get("table", "")
        table_pdf = files.table_pdf(report_id, compared) if compared else None
        cells += [
            page_link(source, pdf, finding["page"]),
            page_link(source, table_pdf, claim.get("table_page", "")) if claim else number_cell(""),
            text_cell(rule(finding["rule"]).name_cn),
            text_cell(FINDING_KINDS[finding["kind"]].cn),
            amount_cell(finding["expected"]),
            amount_cell(finding["found"]),
            amount_cell(finding["tolerance"], exact=True),
            f"<td>{explanation(finding)}</td>",
        ]
        rows.append(cells)
    return html_table(columns, rows, table_id="findings", row_ids=row_ids, cards=True)


def finding_anchor(number: int) -> str:
    """The element id of a finding's row on the data-quality page."""
    return f"finding-{number}"


def explanation(finding: dict) -> str:
    """What a finding says, in Chinese: a narrative finding's own sentence; otherwise the
    rule's description from the registry with the figures it compared, and the checker's
    working (its terms name tables and columns by their ids) folded below."""
    entry = rule(finding["rule"])
    if finding["table"] == NARRATIVE:
        return text(finding["message"])
    said = [f"规则「{entry.name_cn}」：{entry.description_cn}"]
    if finding["expected"] and finding["found"]:
        difference = Decimal(finding["found"]) - Decimal(finding["expected"])
        said.append(
            f"应为 {format_amount(finding['expected'])}，原文为 {format_amount(finding['found'])}"
            f"，相差 {format_amount(difference)}。"
        )
    working = (
        f"<details><summary>明细</summary><small>{text(finding['message'])}</small></details>"
        if finding["message"]
        else ""
    )
    return text(" ".join(said)) + working


def _claims_by_finding(package: SitePackage, findings: pd.DataFrame) -> dict[tuple[str, str], dict]:
    """The narrative claims of the findings' reports, by report and claim number: only
    theirs, since a report's page lists its findings alone."""
    return {
        (report_id, str(claim["claim"])): claim
        for report_id in findings["report_id"].unique()
        for claim in row_records(package.of_report("narrative_claims", report_id))
    }


def quality_page(package: SitePackage, files: downloads.Files) -> Page:
    """Every finding in the repository, filterable by rule and by report."""
    findings = package.frame("findings")
    severities = {rule(r).severity for r in findings["rule"].unique()}
    selects = [
        filter_select(
            "severity",
            "程度",
            2,
            ((SEVERITIES[k].cn, SEVERITIES[k].cn) for k in SEVERITIES if k in severities),
        ),
        filter_select(
            "rule",
            "规则",
            6,
            ((rule(r).name_cn, rule(r).name_cn) for r in sorted(findings["rule"].unique())),
        ),
        filter_select(
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
            text_cell(report_status(r)),
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
            "## 校验规则 {#rules}\n",
            block(_rules_table(findings)),
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


def _rules_table(findings: pd.DataFrame) -> str:
    """Every rule of the vocabulary, in its order: what it checks and how often it failed."""
    counts = findings["rule"].value_counts()
    columns = [
        Column("规则"),
        Column("编号"),
        Column("程度"),
        Column("说明"),
        Column("发现", numeric=True, tip="全部报告中违反本规则的处数"),
    ]
    rows = [
        [
            text_cell(entry.name_cn),
            f"<td><code>{text(entry.id)}</code></td>",
            text_cell(SEVERITIES[entry.severity].cn),
            text_cell(entry.description_cn),
            number_cell(int(counts.get(entry.id, 0))),
        ]
        for entry in RULES.values()
    ]
    return html_table(columns, rows, table_id="rules")


def filter_select(name: str, label: str, column: int, options: Iterable[tuple[str, str]]) -> str:
    """A drop-down that shows only the findings whose ``column`` reads as the chosen value."""
    choices = "".join(
        f'<option value="{text(value)}">{text(shown)}</option>' for value, shown in options
    )
    return (
        f'<label>{text(label)} <select name="{text(name)}" data-filter-column="{column}">'
        f'<option value="">全部</option>{choices}</select></label>'
    )
