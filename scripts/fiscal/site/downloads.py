"""The site's downloads: each resource and each report table as CSV and XLSX, the whole
package as a zip, every resource in one SQLite database, and the source files.

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
import re
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

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
)
from fiscal.site.paths import DICTIONARY, DOWNLOADS, DOWNLOADS_PAGE
from fiscal.site.tables import download_frame, printed_tables, printings

BOM = "\ufeff"
_SQL_TYPES = {"integer": "INTEGER", "number": "REAL"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same package gives the same zip


@dataclass(frozen=True)
class Download:
    what: str
    csv: str
    xlsx: str


@dataclass
class Files:
    """Docs-relative paths of what was written, for the pages to link to."""

    package_zip: str = ""
    sqlite: str = ""
    resources: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: (report id, table key or "form-N") → what (本表, 指标, 资金), CSV, XLSX.
    tables: dict[tuple[str, str], list[Download]] = field(default_factory=dict)
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
        files.tables.update(_write_report_tables(package, docs, report.report_id))
        files.tables.update(_write_form_tables(package, docs, report.report_id))
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
    for column, kind in fields.items():
        if kind == "integer":
            typed[column] = [None if v is None else int(v) for v in typed[column]]
        elif kind == "number":
            typed[column] = [None if v is None else float(Decimal(v)) for v in typed[column]]
    return typed


def _field_types(resource: dict) -> dict[str, str]:
    return {f["name"]: f["type"] for f in resource["schema"]["fields"]}


def _write_xlsx(frame: pd.DataFrame, path: Path, sheet: str) -> None:
    """Write a workbook with fixed times, in its properties and its zip entries, so the
    same package always gives the same bytes (and ``dvc repro`` the same site)."""
    written = io.BytesIO()
    with pd.ExcelWriter(written, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    with zipfile.ZipFile(written) as source, zipfile.ZipFile(path, "w") as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = _XLSX_STAMP.sub(rb"\g<1>1980-01-01T00:00:00Z\g<2>", data)
            archive.writestr(zipfile.ZipInfo(info.filename, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)


#: When openpyxl says a workbook was created and modified (``docProps/core.xml``).
_XLSX_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _write_resource(package: SitePackage, docs: Path, resource: dict) -> tuple[str, str]:
    name = resource["name"]
    csv, xlsx = f"{DOWNLOADS}/data/{name}.csv", f"{DOWNLOADS}/data/{name}.xlsx"
    frame = package.frame(name)
    source = package.base / resource["path"]
    content = source.read_text(encoding="utf-8") if source.exists() else frame.to_csv(index=False)
    _target(docs, csv).write_text(BOM + content, encoding="utf-8")
    _write_xlsx(_typed(frame, _field_types(resource)), _target(docs, xlsx), name)
    return csv, xlsx


def _write_table(docs: Path, frame: pd.DataFrame, kinds: dict[str, str], stem: str) -> tuple:
    """One table as CSV (with BOM) and XLSX; return their paths."""
    csv, xlsx = f"{stem}.csv", f"{stem}.xlsx"
    frame.to_csv(_target(docs, csv), index=False, encoding="utf-8-sig", lineterminator="\n")
    _write_xlsx(_typed(frame, kinds), _target(docs, xlsx), stem.rsplit("/", 1)[-1])
    return csv, xlsx


def _write_report_tables(
    package: SitePackage, docs: Path, report_id: str
) -> dict[tuple[str, str], list[Download]]:
    """Each extracted table of a report as the site shows it: rows × columns, with pages."""
    amounts = package.frame("amounts")
    amounts = amounts[amounts["report_id"] == report_id]
    written = {}
    for table, number in printings(amounts):
        tables = printed_tables(amounts, table, number)
        frame = download_frame(tables)
        units = {unit for printed in tables for unit in printed.units.values()}
        kinds = {c: "number" for c in frame.columns if c.endswith(tuple(f"（{u}）" for u in units))}
        kinds |= {"行号": "integer", "页码": "integer"}
        name = table if number == 1 else f"{table}-{number}"
        stem = f"{DOWNLOADS}/reports/{report_id}/{name}"
        written[(report_id, name)] = [Download("本表", *_write_table(docs, frame, kinds, stem))]
    return written


def _write_form_tables(
    package: SitePackage, docs: Path, report_id: str
) -> dict[tuple[str, str], list[Download]]:
    """Each performance form's indicators and funds, as the package holds them."""
    written: dict[tuple[str, str], list[Download]] = {}
    for name, what in (("performance_indicators", "指标"), ("performance_funds", "资金")):
        rows = package.frame(name)
        kinds = _field_types(next(r for r in package.descriptor["resources"] if r["name"] == name))
        for form, frame in rows[rows["report_id"] == report_id].groupby("form"):
            stem = f"{DOWNLOADS}/reports/{report_id}/form-{form}-{name.split('_')[1]}"
            files = _write_table(docs, frame, kinds, stem)
            written.setdefault((report_id, f"form-{form}"), []).append(Download(what, *files))
    return written


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
        f"<li>{link(href(source, DOWNLOADS_PAGE), '逐表下载')}：每个数据表的 CSV 与 Excel</li>"
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
                    link(href(DOWNLOADS_PAGE, dictionary), resource.get("title", name)), name
                ),
                f"<td>{text(resource.get('description', ''))}</td>",
                number_cell(len(package.frame(name))),
                html_cell(link(href(DOWNLOADS_PAGE, csv), f"{name}.csv")),
                html_cell(link(href(DOWNLOADS_PAGE, xlsx), f"{name}.xlsx")),
            ]
        )
    body = block(
        "<h1>下载</h1>",
        "<p>CSV 为带 BOM 的 UTF-8 编码，中文版 Excel 可直接打开；金额单位为万元，"
        "空白表示原文未列示。每份报告页面另有逐表下载。</p>",
        package_links(DOWNLOADS_PAGE, files),
        html_table(columns, rows, table_id="downloads"),
    )
    return Page(DOWNLOADS_PAGE, "下载", body)
