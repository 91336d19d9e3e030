"""A report's page: catalogue facts, source file, citation, spending treemap, every table
it prints (figures with page links, performance forms) with downloads, and its findings.

Headings that Markdown renders (and the table of contents lists) use only the site's own
vocabulary; every text from the package goes into escaped raw HTML blocks.
"""

from __future__ import annotations

import pandas as pd

from fiscal.codes import code_level
from fiscal.numbers import COUNT_UNITS
from fiscal.site import downloads
from fiscal.site.charts import function_treemap
from fiscal.site.data import SitePackage, region_label, report_label, report_status, row_records
from fiscal.site.figures import spending_by_code
from fiscal.site.form_tables import form_html
from fiscal.site.markup import (
    Column,
    Deferred,
    Page,
    amount_cell,
    block,
    chart,
    href,
    html_table,
    link,
    number_cell,
    row_dom_id,
    safe_json,
    text,
    text_cell,
)
from fiscal.site.paths import publisher_path, report_path
from fiscal.site.quality import findings_table, page_link
from fiscal.site.tables import ROW_HEADINGS, PrintedTable
from fiscal.vocabulary import (
    ADMIN_LEVELS,
    CLAIM_MEASURES,
    CLAIM_OUTCOMES,
    DEPARTMENT_KINDS,
    NARRATIVE_TOPICS,
    OTHER_TABLE,
    REFUSALS,
    SOURCE_PARTS,
    TABLE_STATUSES,
    Word,
    table_title,
)


def report_page(package: SitePackage, report_id: str, files: downloads.Files) -> Page:
    """Metadata, source file, citation, spending treemap, every table and the findings."""
    path = report_path(report_id)
    report = package.report(report_id)
    later = Deferred()
    parts = [
        block(f"<h1>{text(report_label(report))}</h1>", f"<p>{text(report['title'])}</p>"),
        block(_report_facts(path, report_id, report, package.source_files(report_id), files)),
        # The same words on every report page: what search finds of a report is its facts
        "## 如何引用 {#cite data-search-exclude}\n",
        block(
            _citation(path, report, report_id, str(package.descriptor.get("version", "")), files)
        ),
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
        reason = _word(REFUSALS, report["error_reason"])
        parts.append(
            block(
                f'<p class="fiscal-failed">未能提取：{text(reason)} — '
                f"{text(report['error_message'])}</p>"
            )
        )
    treemap = function_treemap(spending_by_code(package.of_report("function_spending", report_id)))
    if treemap:
        parts += [
            "## 支出结构 {#structure}\n",
            block(
                "<p>按支出功能分类（类 › 款 › 项）的全部资金支出，面积与合计数成正比。</p>",
                chart(f"treemap-{report_id}", treemap, height=420),
            ),
        ]
    parts += _tables_html(package, report_id, report["family"], files, later)
    findings = package.of_report("findings", report_id)
    parts += [
        "## 校验发现 {#findings}\n",
        block(later(_findings_section(path, findings, package, files))),
    ]
    claims = package.of_report("narrative_claims", report_id)
    if not claims.empty:
        claims_html = _claims_section(path, claims, files)
        parts += ["## 情况说明核对 {#narrative}\n", block(later(claims_html))]
    return Page(path, report_label(report), "".join(parts), deferred=tuple(later.fragments))


def _claims_section(source: str, claims: pd.DataFrame, files: downloads.Files) -> str:
    """The figures the narrative states that were held to a table or to the sentence's own
    figures, with both pages; the rest are counted (they are in the download)."""
    outcomes = claims["outcome"].value_counts()
    summary = "，".join(
        f"{word.cn} {int(outcomes.get(key, 0))} 个" for key, word in CLAIM_OUTCOMES.items()
    )
    columns = [
        Column("序号", numeric=True),
        Column("页码", numeric=True),
        Column("原句"),
        Column("事项"),
        Column("类别"),
        Column("所述", numeric=True, tip="说明所述的数（万元或 %）"),
        Column("对照", numeric=True, tip="表格所印或句中数字算出的数（万元或 %）"),
        Column("表格页", numeric=True),
        Column("结果"),
    ]
    rows = []
    checked = claims[claims["outcome"] != "unmatched"]
    for claim in row_records(checked):
        report_id = claim["report_id"]
        table_pdf = files.table_pdf(report_id, claim["table"]) if claim["table"] else None
        rows.append(
            [
                number_cell(claim["claim"]),
                page_link(source, files.pdf(report_id, claim["file"]), claim["page"]),
                text_cell(claim["sentence"]),
                text_cell(claim["subject"] or _word(NARRATIVE_TOPICS, claim["topic"])),
                text_cell(_word(CLAIM_MEASURES, claim["measure"])),
                text_cell(claim["printed"], css="num"),  # a figure of the text, not a table's
                text_cell(claim["expected"], css="num"),
                page_link(source, table_pdf, claim["table_page"]),
                text_cell(_word(CLAIM_OUTCOMES, claim["outcome"])),
            ]
        )
    intro = (
        f"<p>情况说明共述 {len(claims)} 个数字：{text(summary)}。下表列出已与表格或句中数字"
        "核对的数字；全部数字见 <code>narrative_claims</code> 下载。</p>"
    )
    return intro + (html_table(columns, rows, table_id="narrative-claims") if rows else "")


def _tables_html(
    package: SitePackage, report_id: str, phase: str, files: downloads.Files, later: Deferred
) -> list[str]:
    """Each table the report prints, in page order: its facts, its figures and, for a
    performance form, its header, funds and indicators. A table printed more than once
    (one form per project) is numbered; the first printing keeps the plain anchor. The
    figures are deferred: the title and facts are what search finds."""
    path = report_path(report_id)
    tables = package.of_report("report_tables", report_id)
    forms = package.of_report("performance_forms", report_id)
    funds = package.of_report("performance_funds", report_id)
    indicators = package.of_report("performance_indicators", report_id)
    printed_of = package.printed_tables(report_id)
    printings = tables["table"].value_counts()
    order = tables.assign(
        page=tables["first_page"].astype(int),
        number=tables["instance"].replace("", "1").astype(int),
    ).sort_values(["page", "number"])
    forms_of = _forms_of_printings(order, forms)
    funds_of = _records_by_form(funds)
    indicators_of = _records_by_form(indicators)
    parts = []
    for table in order.itertuples():
        pdf = files.pdf(report_id, table.file)
        anchor = table.table if table.number == 1 else f"{table.table}-{table.number}"
        if table.table == OTHER_TABLE:  # no standard title: the one printed
            title = table.title_printed
        else:
            title = table_title(table.table, phase)
            if printings[table.table] > 1:
                title = f"{title}（{table.number}）"
        # an ordered set: every form of a printing is on the same sheets
        sheets = dict.fromkeys(files.sheets.get((report_id, anchor), []))
        html = [
            _printed_table_html(
                path, printed, pdf, f"{anchor}-{printed.side}".strip("-"), table.unit
            )
            for printed in printed_of.get((table.table, table.number), [])
        ]
        for form in forms_of.get((table.table, table.number), []):
            number = form["form"]
            sheets.update(dict.fromkeys(files.sheets.get((report_id, f"form-{number}"), [])))
            html.append(
                form_html(
                    form,
                    funds_of.get(number, []),
                    indicators_of.get(number, []),
                    lambda page, pdf=pdf: page_link(path, pdf, page),
                )
            )
        facts = _table_facts(path, table, pdf, files.workbooks.get(report_id), list(sheets))
        parts += [f"## {title} {{#{anchor}}}\n", block(facts, later(*html) if html else "")]
    return parts


def _records_by_form(rows: pd.DataFrame) -> dict[str, list[dict]]:
    """A form resource's rows as records, by form, in order."""
    grouped: dict[str, list[dict]] = {}
    for row in row_records(rows):
        grouped.setdefault(row["form"], []).append(row)
    return grouped


def _forms_of_printings(
    printings: pd.DataFrame, forms: pd.DataFrame
) -> dict[tuple[str, int], list[dict]]:
    """The forms each printing of a form's kind gives, in order: its next form, and the
    forms after it that start within its pages before the next printing starts (a table
    listing its projects down its rows is a form per project); a form printed blank (本表
    无数据) gives none."""
    given: dict[tuple[str, int], list[dict]] = {}
    for kind, same in forms.groupby("table"):
        queue = row_records(same.sort_values("form", key=lambda f: f.astype(int)))
        mine = printings[(printings["table"] == kind) & (printings["status"] != "no_data")]
        mine = mine.sort_values("number")
        starts = [*mine["page"].tolist()[1:], None]
        for printing, following in zip(mine.itertuples(), starts, strict=True):
            taken = given.setdefault((str(kind), printing.number), [])
            while queue and (
                not taken
                or (
                    int(queue[0]["first_page"]) <= int(printing.last_page)
                    and (following is None or int(queue[0]["first_page"]) < following)
                )
            ):
                taken.append(queue.pop(0))
    return given


def _word(words: dict[str, Word], key: str) -> str:
    """A stored id's Chinese name; a dash where the catalogue leaves it blank."""
    return words[key].cn if key in words else (key or "—")


def _findings_section(
    source: str, findings: pd.DataFrame, package: SitePackage, files: downloads.Files
) -> str:
    if findings.empty:
        return "<p>本报告没有违反勾稽关系的数字，也没有读取问题。</p>"
    return (
        "<p>原文自身不平（原文不一致）或读取有疑问（提取问题）的地方。数字按原文保留，未作改动。</p>"
        + findings_table(source, findings, package, files)
    )


def _report_facts(
    path: str, report_id: str, report: pd.Series, sources: pd.DataFrame, files: downloads.Files
) -> str:
    region = region_label(report)
    published = files.sources.get(report_id, {})
    originals = []
    for source in sources.itertuples():
        name = source.file_path.rsplit("/", 1)[-1]
        kind = name.rsplit(".", 1)[-1].upper()
        part = SOURCE_PARTS[source.part].cn if source.part in SOURCE_PARTS else ""
        what = f"下载{part if len(sources) > 1 else '原文件'}（{kind}，{source.page_count} 页）"
        copy = published.get(name)
        fact = link(href(path, copy), what) if copy else f"{text(name)}（本站未收录原文件）"
        originals.append(f"{fact}<br><small>SHA-256 <code>{text(source.sha256)}</code></small>")
    url = report["source_url"]
    rows = [
        ("发布单位", link(href(path, publisher_path(report["publisher_id"])), report["publisher"])),
        ("报告编号", f"<code>{text(report_id)}</code>"),
        ("年度", text(report["fiscal_year"])),
        ("类别", f"{text(report['phase_cn'])}（{text(report['scope_cn'])}）"),
        ("地区", text(region or "—")),
        ("区划代码", text(report["division_code"] or "—")),
        ("层级", text(ADMIN_LEVELS[report["admin_level"]].cn if report["admin_level"] else "—")),
        (
            "部门类别",
            text(
                DEPARTMENT_KINDS[report["department_kind"]].cn if report["department_kind"] else "—"
            ),
        ),
        ("页数", text(report["page_count"])),
        ("原始文件", "<br>".join(originals) or "本站未收录原文件"),
        (
            "数据下载",
            link(href(path, files.workbooks[report_id]), "Excel 工作簿（每表一个工作表）")
            if report_id in files.workbooks
            else "—",
        ),
        (
            "来源网址",
            link(url, url) if url.startswith(("https://", "http://")) else text(url or "—"),
        ),
        ("提取状态", text(report_status(report))),
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


#: The data set's name as a citation gives it.
DATASET = "政府部门预决算公开数据"


def _citation(
    path: str, report: pd.Series, report_id: str, version: str, files: downloads.Files
) -> str:
    """The report's citation, and what site.js needs to complete it for one figure.

    Clicking a figure (or opening a figure's link) gives a citation that is whole when
    copied: publisher, title, year and phase, table, row, column, figure, page, the
    document's address (the publisher's where the catalogue has it, else this site's copy,
    at the page), the access date, the package version and the figure's own link.
    """
    url = report["source_url"] if report["source_url"].startswith(("https://", "http://")) else ""
    pdf = files.pdf(report_id)
    facts = {
        "publisher": report["publisher"],
        "title": report["title"],
        "year": report["fiscal_year"],
        "phase": f"{report['phase_cn']}（{report['scope_cn']}）",
        "report_id": report_id,
        "source_url": url,
        "copy": href(path, pdf) if pdf else "",
        "dataset": DATASET,
        "version": version,
        "licence": "CC BY 4.0",
    }
    where = f"原文网址：{text(url)}" if url else "原文网址：未登记（可用本站所存原文件核对）"
    return (
        '<div class="fiscal-cite" id="citation">'
        f'<p class="fiscal-cite-text">{text(report["publisher"])}：《{text(report["title"])}》，'
        f"{text(report['fiscal_year'])} 年度{text(facts['phase'])}。{where}。"
        f"数据引自“{DATASET}”，版本 {text(version)}，报告编号 {text(report_id)}，CC BY 4.0。</p>"
        '<p class="fiscal-cite-hint">点击表中任一数字，即得该数字的完整引用：表名、行、列、'
        "页码、原文件链接、访问日期与本数字的固定链接；每行的行号也是该行的固定链接。</p>"
        '<p><button type="button" class="md-button" data-copy-citation>复制引用</button></p>'
        "</div>"
        f'<script type="application/json" id="fiscal-citation">{safe_json(facts)}</script>'
    )


def _table_facts(
    path: str, table, pdf: str | None, workbook: str | None, sheets: list[downloads.Sheet]
) -> str:
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
        text(TABLE_STATUSES[table.status].cn),
    ]
    note = f'<p class="fiscal-note">{text(table.note)}</p>' if table.note else ""
    where = "；".join(f"{text(sheet.what)}：工作表 {text(sheet.sheet)}" for sheet in sheets)
    download = (
        f'<p class="fiscal-downloads">下载：{link(href(path, workbook), "本报告 Excel 工作簿")}'
        f"（{where}）</p>"
        if workbook and sheets
        else ""
    )
    return f'<p class="fiscal-table-facts">{" · ".join(facts)}</p>{note}{download}'


def _printed_table_html(
    path: str, printed: PrintedTable, pdf: str | None, table_id: str, unit: str
) -> str:
    columns = [Column("行", numeric=True, tip="原表中的行序", row_links=True)]
    if printed.has_codes:
        columns.append(Column("编码"))
    columns.append(Column("名称"))
    columns += [Column(ROW_HEADINGS[key]) for key in printed.qualifiers]
    if printed.has_projects:
        columns.append(Column("项目名称"))
    columns += [
        Column(
            printed.headings[key],
            numeric=True,
            tip=f"原文列名：{printed.printed[key]}",
            unit=printed.units[key],
            key=key,
            printed_unit=_printed_unit(printed.units[key], unit),
        )
        for key in printed.columns
    ]
    columns.append(Column("页码", numeric=True))
    rows, row_ids = [], []
    for row in printed.rows:
        level = f"name lv{code_level(row['code'])}" if row["code"] else "name"
        row_id = row_dom_id(table_id, row["row"])
        row_ids.append(row_id)
        cells = [number_cell(row["row"])]  # site.js links it to its row: the address to cite
        if printed.has_codes:
            cells.append(text_cell(row["code"]))
        cells.append(text_cell(row["row_label"], level))
        cells += [text_cell(row[key]) for key in printed.qualifiers]
        if printed.has_projects:
            cells.append(text_cell(row["project"]))
        cells += [
            amount_cell(row[key], row[f"published:{key}"] if row[key] else "")
            for key in printed.columns
        ]
        cells.append(page_link(path, pdf, row["page"]))
        rows.append(cells)
    return html_table(columns, rows, table_id=table_id, caption=printed.side_cn, row_ids=row_ids)


def _printed_unit(column_unit: str, table_unit: str) -> str:
    """The unit a cell was printed in: what its column counts, else its table's unit."""
    return column_unit if column_unit in COUNT_UNITS else table_unit
