"""The site's downloads: each resource as CSV (and as Excel where it fits a sheet), each
report as one Excel workbook with a sheet per table, the whole package as a zip, every
resource in one SQLite database, and the source files.

The zip is exactly the package: its own files (plain UTF-8) beside its ``datapackage.json``,
so frictionless validates it as it stands, and the SQLite database holds the package's
tables as they are. Each resource's own CSV and workbook are its analysis-ready view
(``analysis.py``): every row with its report's publisher, region, level, year, phase, scope
and unit in front, a row for each table printed without figures, and the flags that keep a
sum from counting a department's units twice; the database has the same views as SQL
views over its tables. A data sheet has one header row of field names, so it stays a plain
table for pandas, Power Query or a filter; the Chinese name, type, unit and description of
each column are on the ``数据字典`` sheet every workbook ends with (a second header row
would be read as a row of data and turn every number column into text). The CSVs keep the
field names alone too, and ``data-dictionary.csv`` gives their Chinese names.

Workbooks are written by XlsxWriter row by row, every string a string (text from a PDF that
starts with ``=`` never becomes a formula, nor a web address a link), and with fixed times.

CSVs for download carry a UTF-8 byte-order mark: without it Excel on Chinese Windows reads
them as GBK and garbles every name. A source
file is published from where the catalogue (the ``sources`` resource) says it is, under
the SHA-256 the catalogue records: the file was hashed once, when it was registered
(``fiscal add``, or ``fiscal extract`` for a one-report package), and DVC tracks it since,
so its identity is the catalogue's and the site does not hash it again.
"""

from __future__ import annotations

import gzip
import json
import math
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from fiscal.files import link_or_copy
from fiscal.site.analysis import (
    CONTEXT_TABLE,
    DICTIONARY_SHEET,
    TYPE_NAMES,
    analysis_frame,
    chinese_label,
    context_fields,
    dictionary_frame,
    dictionary_rows,
    report_context,
    view_columns,
    view_fields,
    view_sql,
)
from fiscal.site.data import SitePackage
from fiscal.site.markup import (
    Column,
    Page,
    block,
    href,
    html_cell,
    html_table,
    link,
    number_cell,
    text,
    text_cell,
)
from fiscal.site.paths import DICTIONARY, DOWNLOADS, DOWNLOADS_PAGE
from fiscal.site.tables import PrintedTable, download_columns, download_frame

BOM = "\ufeff"
_SQL_TYPES = {"integer": "INTEGER", "number": "REAL", "boolean": "INTEGER"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same package gives the same zip


#: A resource of more rows is offered as CSV and SQLite, and in each report's workbook, but
#: not as one worksheet: such a sheet is slow to write and to open (Excel stops at 1,048,576).
#: At 1,000 reports the whole package's workbooks were the site's largest cost, most of it
#: the three resources of 50,000 to 100,000 rows.
WORKBOOK_ROWS = 50_000
#: A resource's CSV larger than this is published gzip-compressed, its workbook beside it
#: where it has one: text compresses about tenfold, and at a thousand reports the plain
#: CSVs alone were a sixth of the site (the narrative's claims 37 MB, 3 MB compressed).
CSV_GZIP_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Sheet:
    """Where a table of a report is in the report's workbook."""

    what: str
    sheet: str


@dataclass
class Files:
    """Docs-relative paths of what was written, for the pages to link to."""

    package_zip: str = ""
    sqlite: str = ""
    #: Every download column with its Chinese name, as CSV.
    dictionary: str = ""
    #: resource → its CSV and its workbook (None for a resource too large for one sheet).
    resources: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    #: resource → the rows of its download (the package's, and one per table printed
    #: without figures).
    rows: dict[str, int] = field(default_factory=dict)
    #: report id → its workbook.
    workbooks: dict[str, str] = field(default_factory=dict)
    #: (report id, table key or "form-N") → what (本表, 指标, 资金) is on which sheet.
    sheets: dict[tuple[str, str], list[Sheet]] = field(default_factory=dict)
    #: report id → {source file name: its published copy}, in reading order.
    sources: dict[str, dict[str, str]] = field(default_factory=dict)
    #: (report id, table key) → the name of the source file that prints the table.
    table_files: dict[tuple[str, str], str] = field(default_factory=dict)

    def pdf(self, report_id: str, file: str = "") -> str | None:
        """The published source PDF whose pages links can open: the named file of the
        report, else its only (or first) file."""
        published = self.sources.get(report_id, {})
        source = published.get(file) or next(iter(published.values()), None)
        return source if source and source.endswith(".pdf") else None

    def table_pdf(self, report_id: str, table: str) -> str | None:
        """The published PDF that prints a report's table."""
        return self.pdf(report_id, self.table_files.get((report_id, table), ""))

    def add(self, other: Files) -> None:
        """Take in what another part of the build (a worker's task) wrote."""
        for name in ("package_zip", "sqlite", "dictionary"):
            setattr(self, name, getattr(other, name) or getattr(self, name))
        for name in ("resources", "rows", "workbooks", "sheets"):
            getattr(self, name).update(getattr(other, name))


def planned_files(package: SitePackage) -> Files:
    """What every page may link to before anything is written: the whole package's
    downloads (zip, SQLite, column dictionary), each report's published source files and
    the file that prints each table. The rest is recorded as written."""
    tables = package.frame("report_tables")
    name = package.descriptor.get("name", "data-package")
    return Files(
        package_zip=f"{DOWNLOADS}/{name}.zip",
        sqlite=f"{DOWNLOADS}/{name}.sqlite.gz",
        dictionary=f"{DOWNLOADS}/data-dictionary.csv",
        sources={r: _published_sources(package, r) for r in package.reports["report_id"]},
        table_files={
            (row.report_id, row.table): row.file for row in tables.itertuples() if row.file
        },
    )


#: The whole package's downloads, each written on its own (see :func:`write_download`).
ZIP, SQLITE, DICTIONARY_CSV = "zip", "sqlite", "dictionary"


def resources_by_size(package: SitePackage) -> list[str]:
    """The package's resources, largest first: a worker that takes the large ones early
    is not left with one at the end."""
    return sorted(
        (r["name"] for r in package.descriptor["resources"]),
        key=lambda name: -len(package.frame(name)),
    )


def write_download(package: SitePackage, docs: Path, part: str, files: Files) -> None:
    """One download of the whole package, where ``files`` plans it: the zip, the SQLite
    database or the column dictionary."""
    if part == ZIP:
        _write_zip(package, docs, files.package_zip)
    elif part == SQLITE:
        _write_sqlite(package, docs, files.sqlite)
    elif part == DICTIONARY_CSV:
        _write_dictionary(package, docs, files.dictionary)
    else:
        raise ValueError(f"not a download of the whole package: {part}")


def write_report_downloads(
    package: SitePackage, docs: Path, context: pd.Series, files: Files
) -> None:
    """A report's workbook and its published source files, recorded in ``files``."""
    report_id = context["report_id"]
    _write_report_workbook(package, docs, context, files)
    for name, source in _sources_at_hand(package, report_id).items():
        link_or_copy(source, _target(docs, files.sources[report_id][name]))


def _target(docs: Path, relative: str) -> Path:
    path = docs / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


#: How a typed field's text becomes a value for Excel and SQLite.
_CONVERT = {
    "integer": int,
    "number": float,  # correctly rounded from the decimal text, as Decimal → float is
    "boolean": lambda value: value == "true",
}


def _typed(frame: pd.DataFrame, fields: dict[str, str]) -> pd.DataFrame:
    """Numbers as numbers and flags as flags for Excel and SQLite (blank stays empty), the
    rest as text. Column by column in plain lists: pandas' masking costs more than the
    conversion for the many small frames of a report's workbook."""
    typed = {}
    for column in frame.columns:
        values = [None if value == "" else value for value in frame[column].tolist()]
        convert = _CONVERT.get(fields.get(column, ""))
        if convert:
            values = [None if value is None else convert(value) for value in values]
        typed[column] = values
    # object, not float64: a blank stays None (no NaN) and an integer stays one
    return pd.DataFrame(typed, index=frame.index, columns=frame.columns, dtype=object)


def _field_types(resource: dict) -> dict[str, str]:
    return _types(resource["schema"]["fields"])


def _types(fields: list[dict]) -> dict[str, str]:
    return {f["name"]: f["type"] for f in fields}


def write_workbook(sheets: dict[str, pd.DataFrame], path: Path) -> None:
    """A workbook of a sheet per frame, with fixed times in its properties and its zip
    entries, so the same package always gives the same bytes (and ``dvc repro`` the same
    site): XlsxWriter writes an in-memory workbook's entries at 1980-01-01 and both of
    its dates (created, modified) from the ``created`` property."""
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(str(path), options)
    workbook.set_properties({"created": datetime(1980, 1, 1)})
    for name, frame in sheets.items():
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, list(frame.columns))
        # by position (a heading may repeat), all columns taken out of the frame at once
        for column, values in enumerate(frame.to_numpy(dtype=object).T.tolist()):
            for row, value in enumerate(values, start=1):
                _write_cell(sheet, row, column, value)
    workbook.close()


def _write_cell(sheet: Worksheet, row: int, column: int, value: object) -> None:
    """One cell by its type, a blank left unwritten: the package's frames are typed
    already (:func:`_typed`), and XlsxWriter's guessing by ``write_row`` cost more than
    the writing in a workbook of tens of thousands of cells."""
    if value is None or value == "" or _is_nan(value):
        return
    if isinstance(value, str):
        sheet.write_string(row, column, value)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    else:
        sheet.write_number(row, column, value)


def _is_nan(value: object) -> bool:
    """A float column's blank (a workbook cell left empty)."""
    return isinstance(value, float) and math.isnan(value)


def write_resource_csv(package: SitePackage, docs: Path, name: str, files: Files) -> None:
    """A resource's CSV, recorded in ``files`` with the workbook it will have (see
    :func:`write_resource_workbook`): its analysis-ready view, or for a resource without
    one (the catalogue, the code lists) the package's file as it is. A resource too large
    for a sheet has no workbook and its CSV is gzip-compressed: a reader who cannot open it
    in Excel reads it with a program, and at a thousand reports ``amounts`` is 250 MB as
    text and 20 MB compressed. A CSV larger than :data:`CSV_GZIP_BYTES` is compressed too,
    its workbook the download to open in Excel."""
    resource = package.resource(name)
    csv, xlsx = f"{DOWNLOADS}/data/{name}.csv", _resource_workbook(name)
    frame = analysis_frame(package, name)
    files.rows[name] = len(frame)
    source = package.base / resource["path"]
    if view_columns(package, name) is None and source.exists():
        content = source.read_text(encoding="utf-8")
    else:
        content = frame.to_csv(index=False, lineterminator="\n")
    data = (BOM + content).encode("utf-8")
    if len(frame) > WORKBOOK_ROWS or len(data) > CSV_GZIP_BYTES:
        write_gzipped(docs, csv + ".gz", data)
        csv += ".gz"
    else:
        _target(docs, csv).write_bytes(data)
    files.resources[name] = (csv, None if len(frame) > WORKBOOK_ROWS else xlsx)


def write_resource_workbook(package: SitePackage, docs: Path, name: str) -> None:
    """A resource's workbook, as :func:`write_resource_csv` recorded it: the rows of its
    CSV, typed, and the 数据字典 of its columns."""
    fields = view_fields(package, name)
    sheets = {name: _typed(analysis_frame(package, name), _types(fields))}
    sheets[DICTIONARY_SHEET] = dictionary_frame(dictionary_rows(name, fields))
    write_workbook(sheets, _target(docs, _resource_workbook(name)))


def _resource_workbook(name: str) -> str:
    return f"{DOWNLOADS}/data/{name}.xlsx"


def _write_dictionary(package: SitePackage, docs: Path, relative: str) -> None:
    """Every column of every resource's download with its Chinese name, type, unit and
    description: the CSVs' one header row is field names, and this says what they are."""
    rows = [
        {
            "resource": resource["name"],
            "field": field["name"],
            "title_cn": chinese_label(field),
            "type": field["type"],
            "unit": field.get("unit", ""),
            "in_package": "true" if field in resource["schema"]["fields"] else "false",
            "description": field.get("description", ""),
        }
        for resource in package.descriptor["resources"]
        for field in view_fields(package, resource["name"])
    ]
    content = pd.DataFrame(rows).to_csv(index=False, lineterminator="\n")
    _target(docs, relative).write_text(BOM + content, encoding="utf-8")


def _sheet_name(name: str, taken: set[str]) -> str:
    """An Excel sheet name (at most 31 characters), distinct within its workbook."""
    candidate, number = name[:31], 1
    while candidate in taken:
        number += 1
        candidate = f"{name[: 31 - len(str(number)) - 1]}~{number}"
    taken.add(candidate)
    return candidate


#: The first sheet of a report's workbook: the report's context, which the resources'
#: downloads put on every row (here once, for the whole workbook).
REPORT_SHEET = "报告"


#: The form resources a report's workbook gives a sheet each, and what the sheet holds; a
#: printed table of a form's kind (a listing's 合计, performance_targets) is a sheet too.
FORM_SHEETS = {"performance_indicators": "指标", "performance_funds": "资金"}


def _write_report_workbook(
    package: SitePackage, docs: Path, context: pd.Series, files: Files
) -> None:
    """The report's workbook: the report (who, where, which year, phase and scope), each
    printed table as the site shows it (rows × columns, with the page of each row), then
    its performance forms' indicators and funds, and the 数据字典 of every sheet."""
    report_id = context["report_id"]
    sheets: dict[str, pd.DataFrame] = {}
    dictionary: list[tuple[str, ...]] = []
    for (table, number), printed in package.printed_tables(report_id).items():
        frame = download_frame(printed)
        units = {unit for one in printed for unit in one.units.values()}
        kinds = {c: "number" for c in frame.columns if c.endswith(tuple(f"（{u}）" for u in units))}
        kinds |= {"行号": "integer", "页码": "integer"}
        anchor = table if number == 1 else f"{table}-{number}"
        name = _sheet_name(anchor, set(sheets) | {REPORT_SHEET, DICTIONARY_SHEET})
        sheets[name] = _typed(frame, kinds)
        dictionary += _printed_dictionary(package, name, printed)
        files.sheets[(report_id, anchor)] = [Sheet("本表", name)]
    for resource, what in FORM_SHEETS.items():
        rows = package.of_report(resource, report_id)
        if rows.empty:
            continue
        name = _sheet_name(resource, set(sheets))
        fields = package.resource(resource)["schema"]["fields"]
        sheets[name] = _typed(rows, _types(fields))
        dictionary += dictionary_rows(name, fields)
        for form in rows["form"].drop_duplicates():
            files.sheets.setdefault((report_id, f"form-{form}"), []).append(Sheet(what, name))
    if sheets:
        fields = context_fields(package)
        about = pd.DataFrame(
            {
                "字段": [field["name"] for field in fields],
                "中文名": [chinese_label(field) for field in fields],
                "值": [context[field["name"]] for field in fields],
            }
        )
        dictionary = dictionary_rows(REPORT_SHEET, fields) + dictionary
        workbook = {REPORT_SHEET: about, **sheets, DICTIONARY_SHEET: dictionary_frame(dictionary)}
        relative = f"{DOWNLOADS}/reports/{report_id}.xlsx"
        write_workbook(workbook, _target(docs, relative))
        files.workbooks[report_id] = relative


def _printed_dictionary(
    package: SitePackage, sheet: str, printed: list[PrintedTable]
) -> list[tuple[str, ...]]:
    """The 数据字典 lines of a printed table's sheet: each column's heading as its Chinese
    name, under the ``amounts`` field (row number, code, name, page) or column key (a
    figure) it comes from, a figure's unit and the heading as printed."""
    amounts = {f["name"]: f for f in package.resource("amounts")["schema"]["fields"]}
    lines: dict[str, tuple[str, ...]] = {}
    for side in printed:
        for column in download_columns(side):
            if column.figure:
                kind, about = "数值", f"amounts.column = {column.key}；原文列标题：{column.printed}"
            else:
                field = amounts[column.key]
                kind, about = TYPE_NAMES[field["type"]], field["description"]
            line = (sheet, column.key, column.heading, kind, column.unit, about)
            lines.setdefault(column.heading, line)
    return list(lines.values())


def _sources_at_hand(package: SitePackage, report_id: str) -> dict[str, Path]:
    """The report's source files (PDF, Word or Excel) the catalogue names, by file name,
    those at hand (a one-report package may point at a file that has since moved)."""
    paths = (package.base / file_path for file_path in package.source_files(report_id)["file_path"])
    return {path.name: path for path in paths if path.is_file()}


def _published_sources(package: SitePackage, report_id: str) -> dict[str, str]:
    """Where the site publishes each of the report's source files at hand."""
    return {
        name: f"{DOWNLOADS}/source/{report_id}/{name}"
        for name in _sources_at_hand(package, report_id)
    }


def write_gzipped(docs: Path, relative: str, content: bytes) -> None:
    """Write ``content`` gzip-compressed, with no time in its header: the same content
    gives the same bytes."""
    _target(docs, relative).write_bytes(gzip.compress(content, compresslevel=6, mtime=0))


def package_file(package: SitePackage, resource: dict) -> bytes:
    """A resource's CSV exactly as the package holds it (plain UTF-8, no byte-order mark);
    a resource with no file is written from its (empty) frame."""
    source = package.base / resource["path"]
    if source.exists():
        return source.read_bytes()
    return package.frame(resource["name"]).to_csv(index=False).encode("utf-8")


def _write_zip(package: SitePackage, docs: Path, relative: str) -> None:
    """The package's CSVs under ``data/`` and a descriptor pointing at them, compressed
    (an entry given as a ``ZipInfo`` is stored as is unless told otherwise)."""
    descriptor = json.loads(json.dumps(package.descriptor))
    with zipfile.ZipFile(_target(docs, relative), "w") as archive:
        for resource in descriptor["resources"]:
            content = package_file(package, resource)
            resource["path"] = f"data/{resource['name']}.csv"
            info = zipfile.ZipInfo(resource["path"], _ZIP_TIME)
            archive.writestr(info, content, zipfile.ZIP_DEFLATED)
        text_descriptor = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
        info = zipfile.ZipInfo("datapackage.json", _ZIP_TIME)
        archive.writestr(info, text_descriptor, zipfile.ZIP_DEFLATED)


def _write_sqlite(package: SitePackage, docs: Path, relative: str) -> None:
    """One table per resource, typed from the schema, with its primary key; the reports'
    context (:data:`CONTEXT_TABLE`) and a ``<name>_view`` per resource with a view, the
    rows of its CSV download. Published gzip-compressed (``relative`` ends ``.gz``), an
    eighth of its size: the SQL page inflates it in the browser."""
    path = _target(docs, relative.removesuffix(".gz"))
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as database:
        for resource in package.descriptor["resources"]:
            frame = package.frame(resource["name"])
            _sql_table(database, resource["name"], resource["schema"], frame)
        schema = {"fields": context_fields(package), "primaryKey": ["report_id"]}
        _sql_table(database, CONTEXT_TABLE, schema, report_context(package))
        for resource in package.descriptor["resources"]:
            view = view_sql(package, resource["name"])
            if view:
                database.execute(view)
    database.close()
    with path.open("rb") as plain, gzip.GzipFile(f"{path}.gz", "wb", 6, mtime=0) as packed:
        shutil.copyfileobj(plain, packed, 2**20)
    path.unlink()


def _sql_table(database: sqlite3.Connection, name: str, schema: dict, frame: pd.DataFrame) -> None:
    types = _types(schema["fields"])
    columns = [f'"{column}" {_SQL_TYPES.get(kind, "TEXT")}' for column, kind in types.items()]
    key = schema.get("primaryKey")
    if key:
        keys = [key] if isinstance(key, str) else key
        quoted = ", ".join(f'"{k}"' for k in keys)
        columns.append(f"PRIMARY KEY ({quoted})")
    database.execute(f'CREATE TABLE "{name}" ({", ".join(columns)})')
    rows = _typed(frame, types)[list(types)]
    marks = ", ".join("?" * len(types))
    database.executemany(
        f'INSERT INTO "{name}" VALUES ({marks})', rows.itertuples(index=False, name=None)
    )


def package_links(source: str, files: Files) -> str:
    """Links to the whole package (zip) and the SQLite database, and to the downloads page."""
    return (
        "<ul>"
        f"<li>{link(href(source, files.package_zip), '完整数据包（zip）')}："
        "全部 CSV 与 datapackage.json（Frictionless 数据包，可直接校验）</li>"
        f"<li>{link(href(source, files.sqlite), 'SQLite 数据库')}（gzip 压缩，解压后使用）："
        "全部数据表，可用 SQL 查询；"
        f"另有 {CONTEXT_TABLE} 表（每份报告的发布单位、地区、口径等）与各表的 "
        "<code>&lt;表名&gt;_view</code> 视图（与逐表下载的 CSV 相同）</li>"
        f"<li>{link(href(source, DOWNLOADS_PAGE), '逐表下载')}：每个数据表的 CSV（与 Excel），"
        "便于分析：每行附报告的发布单位、地区、层级、年度、阶段、口径与金额单位；"
        "每份报告的 Excel 工作簿在其报告页</li>"
        "</ul>"
    )


#: Said where a resource has no workbook of its own (more than WORKBOOK_ROWS rows).
_TOO_LARGE = f"超过 {WORKBOOK_ROWS:,} 行：请用 CSV（gzip 压缩）、SQLite 或各报告的工作簿"


def _about_views(files: Files) -> str:
    """What the per-resource downloads add to the package's rows, and how to sum them."""
    columns = f"{DICTIONARY}#download-columns"
    return (
        "<p>逐表下载是便于分析的视图，数据包本身（zip 与 SQLite 的数据表）保持原样。"
        "每行在原有字段之前附上所属报告的背景：发布单位编号与名称（publisher_id、publisher）、"
        "省市区县与行政区划代码、政府层级（admin_level）、部门类别、年度（fiscal_year）、"
        "阶段（phase：预算 / 决算 / 绩效）、口径（scope：部门 / 单位）、被替代版本，"
        "以及表中数字的金额单位（amount_unit：万元，计数列为人、辆、% 等）。</p>"
        "<ul>"
        "<li>原文注明“本表无数据”的表（如无“三公”经费）在相应下载中有一行 "
        "<code>table_status = no_data</code>（印为空表的为 <code>empty</code>），不含数字，"
        "<code>table_note</code> 为原文表注；报告未印该表则没有行。"
        "由此“没有支出”与“未公开”可以区分。</li>"
        "<li>部门口径报告的数字包含其下属单位。若本数据包另有其单位同年度、同阶段的单位口径报告"
        "（同一发布单位编号，或单位名称以部门名称开头），部门报告各行 "
        "<code>overlaps_units = true</code>，单位报告各行的 <code>department_report_id</code> "
        "为该部门报告编号。求和时剔除 department_report_id 非空的行，即不重复计算。</li>"
        "<li>CSV 只有一行英文字段名表头，便于程序读取；每个 Excel 工作簿最后一页“数据字典”"
        "列出各列的中文名、类型、单位与说明，全部下载列的中文名另见 "
        f"{link(href(DOWNLOADS_PAGE, files.dictionary), 'data-dictionary.csv')} 与"
        f"{link(href(DOWNLOADS_PAGE, columns), '数据字典页')}。</li>"
        "</ul>"
    )


def downloads_page(package: SitePackage, files: Files) -> Page:
    """Every resource with its description, row count and files."""
    columns = [
        Column("数据表"),
        Column("说明"),
        Column("行数", numeric=True),
        Column("CSV"),
        Column("Excel"),
    ]
    rows = []
    for resource in package.descriptor["resources"]:
        name = resource["name"]
        csv, xlsx = files.resources[name]
        dictionary = f"{DICTIONARY}#{name}"
        rows.append(
            [
                html_cell(
                    link(href(DOWNLOADS_PAGE, dictionary), resource.get("title", name)),
                    name,
                    css="label",
                ),
                f"<td>{text(resource.get('description', ''))}</td>",
                number_cell(files.rows.get(name, len(package.frame(name)))),
                html_cell(link(href(DOWNLOADS_PAGE, csv), csv.rsplit("/", 1)[-1])),
                html_cell(link(href(DOWNLOADS_PAGE, xlsx), f"{name}.xlsx"))
                if xlsx
                else text_cell(_TOO_LARGE),
            ]
        )
    body = block(
        "<h1>下载</h1>",
        "<p>CSV 为带 BOM 的 UTF-8 编码，中文版 Excel 可直接打开"
        f"（超过 {CSV_GZIP_BYTES // 1024 // 1024} MB 的 CSV 为 gzip 压缩，"
        "解压后使用，或用 Excel 文件）；"
        "金额单位为万元，"
        "空白表示原文未列示。每份报告页面另有该报告的 Excel 工作簿（首页为报告信息，"
        "每表一个工作表，末页为数据字典）。</p>",
        _about_views(files),
        package_links(DOWNLOADS_PAGE, files),
        html_table(columns, rows, table_id="downloads"),
    )
    return Page(DOWNLOADS_PAGE, "下载", body)
