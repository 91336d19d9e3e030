"""The site's machine-readable side: files a program can fetch at addresses that stay put.

* ``datapackage.json`` at the site's root: the package's own descriptor with each
  resource's ``path`` turned into the site's copy of the package's CSV
  (``api/package/<name>.csv.gz``, gzip-compressed: a sixteenth of amounts.csv, which at
  a thousand reports is 150 MB as text), relative to the descriptor, so
  ``frictionless validate https://…/datapackage.json`` reads the site as it is served and
  the same command works on a copied ``build/site/`` directory.
* ``api/reports.json``: every catalogued report with the address of its JSON.
* ``api/reports/<report_id>.json``: one report's catalogue facts, its source files (with
  SHA-256, page count and where it was published), its outcome, its tables (its rows of
  ``report_tables``), its findings, and relative links to its page, workbook and PDFs.
* ``api/reports/<report_id>.amounts.csv.gz``: the report's rows of ``amounts``.
* ``api/fiscal/``: the Fiscal Data Package (see :mod:`fiscal.site.fiscal_package`).

Every CSV under ``api/`` is gzip-compressed, with no time in its header (the same package
gives the same bytes): figures compress about tenfold, and at a thousand reports the plain
files were 450 MB of the site. frictionless, pandas and R read ``.csv.gz`` as it is.

Why a report's amounts are a CSV beside its JSON rather than inside it: measured on the
corpus, the largest report (sz-ecology-2026-budget-dept) has 13,872 amounts, 4.7 MB as JSON
records against 2.4 MB as CSV, while the median report has about 310. Inlined, a client
that wants a report's tables or findings would fetch megabytes of figures first, and every
amount would be on the site twice over in its bulkiest form (21 MB of JSON for the 10.8 MB
``amounts.csv``). One rule for every report keeps clients to one code path; the JSON says
how many rows the CSV holds and the CSV's header and rows are the package's own.

The JSON is written deterministically: keys in a fixed order, lists in the package's
order, UTF-8 text as is (``ensure_ascii=False``). Values keep the package's meaning:
a blank cell is ``null``, an integer field a JSON integer, and a number field the exact
decimal string of the CSV (``"2106.66"``), never a float that could round it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from fiscal.schema import CATALOGUE
from fiscal.site.data import SitePackage, region_label, report_label, row_records
from fiscal.site.downloads import Files, package_file, write_gzipped
from fiscal.site.markup import Page, block, href, link, text
from fiscal.site.paths import (
    API_PAGE,
    DOWNLOADS_PAGE,
    FISCAL_DESCRIPTOR,
    REPORTS_API,
    SITE_DESCRIPTOR,
    package_csv_path,
    report_amounts_path,
    report_json_path,
    report_path,
)

#: The catalogue's facts of one source file rather than of the report.
FILE_FIELDS = ("part", "file_path", "sha256", "page_count", "source_url")
#: Fields every per-report resource repeats from the catalogue: given once, at the top.
REPEATED = ("report_id", "phase", "fiscal_year", "publisher_id")


def dumps(data: object) -> str:
    """The one JSON encoding of the machine files: readable, stable, UTF-8 as is."""
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def fields_of(package: SitePackage, resource: str) -> dict[str, str]:
    """A resource's fields and their types, in the descriptor's order."""
    for item in package.descriptor["resources"]:
        if item["name"] == resource:
            return {field["name"]: field["type"] for field in item["schema"]["fields"]}
    raise KeyError(resource)


def json_value(value: object, kind: str) -> object:
    """A CSV cell as JSON: blank is null, an integer an integer, anything else the text
    as stored (a ``number`` stays its exact decimal string)."""
    if value is None or value == "" or (isinstance(value, float) and pd.isna(value)):
        return None
    if kind == "integer":
        return int(str(value))
    return str(value)


def records(frame: pd.DataFrame, fields: dict[str, str], drop: tuple[str, ...] = ()) -> list[dict]:
    """Rows as JSON objects, their keys in the schema's order."""
    names = [name for name in fields if name not in drop]
    return [
        {name: json_value(row[name], fields[name]) for name in names}
        for row in row_records(frame[names])
    ]


def site_descriptor(package: SitePackage) -> dict:
    """The package's descriptor with each resource read from the site's copy of the
    package's own CSV (:func:`package_csv_path`).

    Not from the per-resource downloads: those are analysis views (report context in
    front, rows for tables printed empty), which the package's schemas do not describe.
    """
    descriptor = json.loads(json.dumps(package.descriptor))
    for resource in descriptor["resources"]:
        resource["path"] = href(SITE_DESCRIPTOR, package_csv_path(resource["name"]))
    return descriptor


def report_document(package: SitePackage, report_id: str, files: Files) -> dict:
    """Everything the site knows of one report, as the JSON at :func:`report_json_path`."""
    path = report_json_path(report_id)
    report = package.report(report_id)
    catalogue_fields = fields_of(package, CATALOGUE)
    outcome_fields = fields_of(package, "reports")
    rows = records(package.source_files(report_id), catalogue_fields)
    # The files of a report agree on its facts (data.SitePackage.reports): the first's.
    catalogue = {name: value for name, value in rows[0].items() if name not in FILE_FIELDS}
    published = files.sources.get(report_id, {})
    sources = []
    for row in rows:
        name = Path(str(row["file_path"])).name
        copy = published.get(name)
        entry = {key: row[key] for key in FILE_FIELDS}
        sources.append({**entry, "url": href(path, copy) if copy else None})
    outcome = {
        name: json_value(report.get(name, ""), kind)
        for name, kind in outcome_fields.items()
        if name not in REPEATED
    }
    amounts = package.of_report("amounts", report_id)
    workbook = files.workbooks.get(report_id)
    pdf = files.pdf(report_id)
    return {
        "report_id": report_id,
        "label": report_label(report),
        "region": region_label(report) or None,
        "catalogue": catalogue,
        "source_files": sources,
        "outcome": outcome,
        "tables": records(
            package.of_report("report_tables", report_id),
            fields_of(package, "report_tables"),
            drop=("report_id",),
        ),
        "findings": records(
            package.of_report("findings", report_id),
            fields_of(package, "findings"),
            drop=("report_id",),
        ),
        "amounts": {
            "rows": len(amounts),
            "csv": href(path, report_amounts_path(report_id)) if len(amounts) else None,
            "resource": "amounts",
        },
        "links": {
            "page": href(path, report_path(report_id)),
            "workbook": href(path, workbook) if workbook else None,
            "pdf": href(path, pdf) if pdf else None,
            "reports": href(path, REPORTS_API),
            "datapackage": href(path, SITE_DESCRIPTOR),
        },
    }


def reports_index(package: SitePackage) -> dict:
    """Every catalogued report, in the catalogue's order, with the address of its JSON."""
    listed = []
    for report in row_records(package.reports):
        report_id = report["report_id"]
        listed.append(
            {
                "report_id": report_id,
                "label": report_label(pd.Series(report)),
                "publisher_id": report["publisher_id"],
                "publisher": report["publisher"],
                "division_code": report["division_code"] or None,
                "fiscal_year": json_value(report["fiscal_year"], "integer"),
                "family": report["family"] or None,
                "scope": report["scope"] or None,
                "status": report["status"],
                "superseded_by": report["superseded_by"] or None,
                "json": href(REPORTS_API, report_json_path(report_id)),
                "page": href(REPORTS_API, report_path(report_id)),
            }
        )
    return {
        "datapackage": href(REPORTS_API, SITE_DESCRIPTOR),
        "fiscal_datapackage": href(REPORTS_API, FISCAL_DESCRIPTOR),
        "reports": listed,
    }


def _write(docs: Path, relative: str, content: str) -> None:
    path = docs / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def write_api(package: SitePackage, docs: Path) -> None:
    """Write the site descriptor and the reports index; each resource's copy is
    :func:`write_package_copy`'s, each report's JSON and amounts :func:`write_report_api`'s."""
    _write(docs, SITE_DESCRIPTOR, dumps(site_descriptor(package)))
    _write(docs, REPORTS_API, dumps(reports_index(package)))


def write_package_copy(package: SitePackage, docs: Path, name: str) -> None:
    """A resource's CSV as the package holds it, where the site descriptor reads it."""
    write_gzipped(docs, package_csv_path(name), package_file(package, package.resource(name)))


def write_report_api(package: SitePackage, docs: Path, report_id: str, files: Files) -> None:
    """A report's JSON and, if it has any, its amounts as CSV."""
    _write(docs, report_json_path(report_id), dumps(report_document(package, report_id, files)))
    amounts = package.of_report("amounts", report_id)
    if len(amounts):
        # The package's rows as read (every cell its text): the same bytes per row.
        fields = list(fields_of(package, "amounts"))
        csv = amounts[fields].to_csv(index=False, lineterminator="\n").encode("utf-8")
        write_gzipped(docs, report_amounts_path(report_id), csv)


def api_page() -> Page:
    """The addresses of the machine-readable files, for readers who write programs."""
    rows = [
        (SITE_DESCRIPTOR, "数据包描述文件（Frictionless）：各资源指向本站的 CSV 下载，可直接校验"),
        (REPORTS_API, "全部报告的列表，每份报告附其 JSON 地址"),
        (
            report_json_path("<report_id>"),
            "一份报告：目录信息、源文件（SHA-256、页数、来源网址）、"
            "提取结果、表格、检查发现，以及报告页、工作簿与 PDF 的链接",
        ),
        (report_amounts_path("<report_id>"), "该报告的全部金额（amounts 资源中该报告的行）"),
        (
            FISCAL_DESCRIPTOR,
            "财政数据包（OpenSpending Fiscal Data Package）：功能分类支出、"
            "经济分类基本支出、收入与“三公”经费，含 model（度量与维度）",
        ),
    ]
    items = "".join(
        f"<li><code>{text(path)}</code>"
        + (f"（{link(href(API_PAGE, path), '打开')}）" if "<" not in path else "")
        + f"：{text(what)}</li>"
        for path, what in rows
    )
    body = block(
        "<h1>机器可读接口</h1>",
        "<p>以下文件的地址保持不变，供程序读取。JSON 中金额为与数据包 CSV 完全相同的十进制字符串"
        "（单位万元），空白为 null；CSV 均为 gzip 压缩（.csv.gz，pandas、R 与 frictionless "
        "可直接读取）；链接均为相对地址，整站复制或解压后仍可使用。</p>",
        f"<ul>{items}</ul>",
        "<p>Machine-readable files at stable addresses: the data package descriptor, "
        "a JSON document per report with its amounts as CSV, and a Fiscal Data Package. "
        f"See also {link(href(API_PAGE, DOWNLOADS_PAGE), '下载 / downloads')}.</p>",
    )
    return Page(API_PAGE, "机器可读接口", body)
