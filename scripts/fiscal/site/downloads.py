"""The site's downloads: each resource as CSV (and as Excel where it fits a sheet), each
report as one Excel workbook with a sheet per table, the whole package as a zip, every
resource in one SQLite database, and the source files.

Workbooks are written by XlsxWriter row by row, every string a string (text from a PDF that
starts with ``=`` never becomes a formula, nor a web address a link), and with fixed times.

CSVs for download carry a UTF-8 byte-order mark: without it Excel on Chinese Windows reads
them as GBK and garbles every name. The zip keeps the package's own files (plain UTF-8)
beside its ``datapackage.json``, so frictionless validates it as it stands. A source
file is published from where the catalogue (the ``sources`` resource) says it is, under
the SHA-256 the catalogue records: the file was hashed once, when it was registered
(``fiscal add``, or ``fiscal extract`` for a one-report package), and DVC tracks it since,
so its identity is the catalogue's and the site does not hash it again.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import xlsxwriter

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
from fiscal.site.tables import download_frame

BOM = "\ufeff"
_SQL_TYPES = {"integer": "INTEGER", "number": "REAL"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same package gives the same zip


#: A resource of more rows is offered as CSV and SQLite, and in each report's workbook, but
#: not as one worksheet: such a sheet is slow to write and to open (Excel stops at 1,048,576).
WORKBOOK_ROWS = 100_000


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
    #: resource → its CSV and its workbook (None for a resource too large for one sheet).
    resources: dict[str, tuple[str, str | None]] = field(default_factory=dict)
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


def write_downloads(package: SitePackage, docs: Path) -> Files:
    files = Files()
    name = package.descriptor.get("name", "data-package")
    files.package_zip = _write_zip(package, docs, f"{DOWNLOADS}/{name}.zip")
    files.sqlite = _write_sqlite(package, docs, f"{DOWNLOADS}/{name}.sqlite")
    for resource in package.descriptor["resources"]:
        files.resources[resource["name"]] = _write_resource(package, docs, resource)
    for report in package.reports.itertuples():
        _write_report_workbook(package, docs, report.report_id, files)
        files.sources[report.report_id] = _copy_sources(package, docs, report.report_id)
    tables = package.frame("report_tables")
    files.table_files = {
        (row.report_id, row.table): row.file for row in tables.itertuples() if row.file
    }
    return files


def _target(docs: Path, relative: str) -> Path:
    path = docs / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _typed(frame: pd.DataFrame, fields: dict[str, str]) -> pd.DataFrame:
    """Numbers as numbers for Excel and SQLite (blank stays empty), the rest as text."""
    typed = frame.astype(object).where(frame != "", None)
    convert = {"integer": int, "number": lambda v: float(Decimal(v))}
    for column, kind in fields.items():
        if kind in convert:
            values = [None if v is None else convert[kind](v) for v in typed[column]]
            # object, not float64: a blank stays None (no NaN) and an integer stays one
            typed[column] = pd.Series(values, index=typed.index, dtype=object)
    return typed


def _field_types(resource: dict) -> dict[str, str]:
    return {f["name"]: f["type"] for f in resource["schema"]["fields"]}


def write_workbook(sheets: dict[str, pd.DataFrame], path: Path) -> None:
    """A workbook of a sheet per frame, with fixed times in its properties and its zip
    entries, so the same package always gives the same bytes (and ``dvc repro`` the same
    site)."""
    written = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    workbook = xlsxwriter.Workbook(written, options)
    workbook.set_properties({"created": datetime(1980, 1, 1)})
    for name, frame in sheets.items():
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, list(frame.columns))
        for number, row in enumerate(frame.itertuples(index=False, name=None), start=1):
            sheet.write_row(number, 0, [None if _is_nan(value) else value for value in row])
    workbook.close()
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = _XLSX_STAMP.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", data)
            archive.writestr(zipfile.ZipInfo(info.filename, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)


def _is_nan(value: object) -> bool:
    """A float column's blank (a workbook cell left empty)."""
    return isinstance(value, float) and math.isnan(value)


#: When a workbook says it was created and modified (``docProps/core.xml``).
_XLSX_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _write_resource(package: SitePackage, docs: Path, resource: dict) -> tuple[str, str | None]:
    name = resource["name"]
    csv, xlsx = f"{DOWNLOADS}/data/{name}.csv", f"{DOWNLOADS}/data/{name}.xlsx"
    frame = package.frame(name)
    source = package.base / resource["path"]
    content = source.read_text(encoding="utf-8") if source.exists() else frame.to_csv(index=False)
    _target(docs, csv).write_text(BOM + content, encoding="utf-8")
    if len(frame) > WORKBOOK_ROWS:
        return csv, None
    write_workbook({name: _typed(frame, _field_types(resource))}, _target(docs, xlsx))
    return csv, xlsx


def _sheet_name(name: str, taken: set[str]) -> str:
    """An Excel sheet name (at most 31 characters), distinct within its workbook."""
    candidate, number = name[:31], 1
    while candidate in taken:
        number += 1
        candidate = f"{name[: 31 - len(str(number)) - 1]}~{number}"
    taken.add(candidate)
    return candidate


def _write_report_workbook(package: SitePackage, docs: Path, report_id: str, files: Files) -> None:
    """The report's workbook: each printed table as the site shows it (rows × columns, with
    the page of each row), then its performance forms' indicators and funds."""
    sheets: dict[str, pd.DataFrame] = {}
    for (table, number), printed in package.printed_tables(report_id).items():
        frame = download_frame(printed)
        units = {unit for one in printed for unit in one.units.values()}
        kinds = {c: "number" for c in frame.columns if c.endswith(tuple(f"（{u}）" for u in units))}
        kinds |= {"行号": "integer", "页码": "integer"}
        anchor = table if number == 1 else f"{table}-{number}"
        name = _sheet_name(anchor, set(sheets))
        sheets[name] = _typed(frame, kinds)
        files.sheets[(report_id, anchor)] = [Sheet("本表", name)]
    for resource, what in (("performance_indicators", "指标"), ("performance_funds", "资金")):
        rows = package.of_report(resource, report_id)
        if rows.empty:
            continue
        name = _sheet_name(resource, set(sheets))
        kinds = _field_types(
            next(r for r in package.descriptor["resources"] if r["name"] == resource)
        )
        sheets[name] = _typed(rows, kinds)
        for form in rows["form"].drop_duplicates():
            files.sheets.setdefault((report_id, f"form-{form}"), []).append(Sheet(what, name))
    if sheets:
        relative = f"{DOWNLOADS}/reports/{report_id}.xlsx"
        write_workbook(sheets, _target(docs, relative))
        files.workbooks[report_id] = relative


def _copy_sources(package: SitePackage, docs: Path, report_id: str) -> dict[str, str]:
    """Publish the report's source files (PDF, Word or Excel) the catalogue names, those
    at hand (a one-report package may point at a file that has since moved)."""
    published = {}
    for file_path in package.source_files(report_id)["file_path"]:
        source = package.base / file_path
        if source.is_file():
            target = f"{DOWNLOADS}/source/{report_id}/{source.name}"
            shutil.copyfile(source, _target(docs, target))
            published[source.name] = target
    return published


def _write_zip(package: SitePackage, docs: Path, relative: str) -> str:
    """The package's CSVs under ``data/`` and a descriptor pointing at them."""
    descriptor = json.loads(json.dumps(package.descriptor))
    with zipfile.ZipFile(_target(docs, relative), "w", zipfile.ZIP_DEFLATED) as archive:
        for resource in descriptor["resources"]:
            source = package.base / resource["path"]
            resource["path"] = f"data/{resource['name']}.csv"
            content = (
                source.read_bytes()
                if source.exists()
                else package.frame(resource["name"]).to_csv(index=False).encode("utf-8")
            )
            archive.writestr(zipfile.ZipInfo(resource["path"], _ZIP_TIME), content)
        text_descriptor = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
        archive.writestr(zipfile.ZipInfo("datapackage.json", _ZIP_TIME), text_descriptor)
    return relative


def _write_sqlite(package: SitePackage, docs: Path, relative: str) -> str:
    """One table per resource, typed from the schema, with its primary key."""
    path = _target(docs, relative)
    path.unlink(missing_ok=True)
    with sqlite3.connect(path) as database:
        for resource in package.descriptor["resources"]:
            types = _field_types(resource)
            columns = [f'"{name}" {_SQL_TYPES.get(kind, "TEXT")}' for name, kind in types.items()]
            key = resource["schema"].get("primaryKey")
            if key:
                keys = [key] if isinstance(key, str) else key
                quoted = ", ".join(f'"{k}"' for k in keys)
                columns.append(f"PRIMARY KEY ({quoted})")
            database.execute(f'CREATE TABLE "{resource["name"]}" ({", ".join(columns)})')
            frame = _typed(package.frame(resource["name"]), types)[list(types)]
            marks = ", ".join("?" * len(types))
            database.executemany(
                f'INSERT INTO "{resource["name"]}" VALUES ({marks})',
                frame.itertuples(index=False, name=None),
            )
    database.close()
    return relative


def package_links(source: str, files: Files) -> str:
    """Links to the whole package (zip) and the SQLite database, and to the downloads page."""
    return (
        "<ul>"
        f"<li>{link(href(source, files.package_zip), '完整数据包（zip）')}："
        "全部 CSV 与 datapackage.json（Frictionless 数据包，可直接校验）</li>"
        f"<li>{link(href(source, files.sqlite), 'SQLite 数据库')}：全部数据表，可用 SQL 查询</li>"
        f"<li>{link(href(source, DOWNLOADS_PAGE), '逐表下载')}：每个数据表的 CSV（与 Excel）；"
        "每份报告的 Excel 工作簿在其报告页</li>"
        "</ul>"
    )


#: Said where a resource has no workbook of its own (more than WORKBOOK_ROWS rows).
_TOO_LARGE = f"超过 {WORKBOOK_ROWS:,} 行：请用 CSV、SQLite 或各报告的工作簿"


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
                    link(href(DOWNLOADS_PAGE, dictionary), resource.get("title", name)), name
                ),
                f"<td>{text(resource.get('description', ''))}</td>",
                number_cell(len(package.frame(name))),
                html_cell(link(href(DOWNLOADS_PAGE, csv), f"{name}.csv")),
                html_cell(link(href(DOWNLOADS_PAGE, xlsx), f"{name}.xlsx"))
                if xlsx
                else text_cell(_TOO_LARGE),
            ]
        )
    body = block(
        "<h1>下载</h1>",
        "<p>CSV 为带 BOM 的 UTF-8 编码，中文版 Excel 可直接打开；金额单位为万元，"
        "空白表示原文未列示。每份报告页面另有该报告的 Excel 工作簿（每表一个工作表）。</p>",
        package_links(DOWNLOADS_PAGE, files),
        html_table(columns, rows, table_id="downloads"),
    )
    return Page(DOWNLOADS_PAGE, "下载", body)
