"""Build the site: write the pages and downloads into a docs directory, then render it.

The docs directory is made afresh each time from four sources: the hand-written assets of
``site/`` (in git), CONTRIBUTING.md, the JavaScript installed from the npm registry
(``npm ci``, into ``node_modules/``), and the pages generated from the data package.
MkDocs then renders it with the navigation computed here, since the list of reports and
publishers comes from the package.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import dask
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fiscal.schema import ROOT
from fiscal.site import hooks
from fiscal.site.analysis import report_context
from fiscal.site.api import api_page, write_api, write_package_copy, write_report_api
from fiscal.site.code_pages import code_pages
from fiscal.site.compare import compare_pages
from fiscal.site.data import SitePackage, load_package
from fiscal.site.dictionary import dictionary_page
from fiscal.site.downloads import (
    Files,
    download_parts,
    downloads_page,
    planned_files,
    write_download,
    write_report_downloads,
)
from fiscal.site.fiscal_package import write_fiscal_package
from fiscal.site.markup import Page, page_title
from fiscal.site.pages import home_page, publisher_pages, reports_index
from fiscal.site.paths import CONTRIBUTING, deferred_path
from fiscal.site.places import kind_pages, place_pages
from fiscal.site.quality import quality_page
from fiscal.site.query import query_page
from fiscal.site.report import report_page

HAND_WRITTEN = ROOT / "site"
#: How to add a report is written once, for the repository; the site shows the same file.
CONTRIBUTING_MD = ROOT / "CONTRIBUTING.md"
MKDOCS_CONFIG = ROOT / "mkdocs.yml"
NODE_MODULES = ROOT / "node_modules"
#: Files served from assets/vendor/, each with the licence it ships under.
VENDOR = {
    "echarts.min.js": "echarts/dist/echarts.min.js",
    "echarts.LICENSE.txt": "echarts/LICENSE",
    "tablesort.min.js": "tablesort/dist/tablesort.min.js",
    "tablesort.LICENSE.txt": "tablesort/LICENCE",
    "china-geojson.package.json": "china-geojson/package.json",  # its licence: MIT
    # SQLite for the SQL page: the engine's JavaScript and its WebAssembly, fetched beside it
    "sql-wasm.js": "sql.js/dist/sql-wasm.js",
    "sql-wasm.wasm": "sql.js/dist/sql-wasm.wasm",
    # the same engine with its WebAssembly inside the script: a page opened from disk
    # (file://) can load a script but cannot fetch the .wasm
    "sql-wasm-inline.js": "sql.js/dist/sql-wasm-inline.js",
    "sql.js.LICENSE.txt": "sql.js/LICENSE",
}
#: The map of China (GeoJSON of the provinces, MIT), served as a script that hands it to
#: site.js: a page opened from disk (file://) may load scripts but not fetch JSON.
CHINA_GEOJSON = "china-geojson/src/geojson/china.json"


def copy_vendor_assets(docs: Path) -> None:
    target = docs / "assets" / "vendor"
    target.mkdir(parents=True, exist_ok=True)
    for name, source in VENDOR.items():
        path = NODE_MODULES / source
        if not path.exists():
            raise FileNotFoundError(f"{path}: JavaScript not installed; run `npm ci`")
        shutil.copyfile(path, target / name)
    geojson = (NODE_MODULES / CHINA_GEOJSON).read_text(encoding="utf-8")
    (target / "china-geo.js").write_text(f"window.FISCAL_CHINA_GEO = {geojson};\n", "utf-8")


#: Sections of a page per report, place, kind, publisher or code: the navigation lists
#: their index alone. The navigation is repeated in every page, so a line per report would
#: make every page grow with the repository (70 KB a page at 76 reports); each index lists
#: its pages instead.
INDEX_ONLY = ("报告", "地区", "部门类别", "发布单位", "科目")


#: The navigation's sections, in order.
SECTIONS = ("首页", "报告", "地区", "部门类别", "发布单位", "对比", "科目", "数据", "参与贡献")
#: Sections that read the package and where sources are published, nothing written
#: before them: workers write their pages beside the reports' (:func:`write_in_parallel`).
PARALLEL_SECTIONS: dict[str, Callable[[SitePackage, Files], list[Page]]] = {
    "地区": lambda package, files: place_pages(package),
    "部门类别": lambda package, files: kind_pages(package),
    "发布单位": lambda package, files: publisher_pages(package),
    "对比": lambda package, files: compare_pages(package),
    "科目": code_pages,
}


def generate_pages(package: SitePackage, files: Files) -> dict[str, list[Page]]:
    """The pages that link to what the parallel parts wrote (the downloads), by section."""
    return {
        "首页": [home_page(package, files)],
        "报告": [reports_index(package)],  # each report's page: write_in_parallel
        "数据": [
            downloads_page(package, files),
            dictionary_page(package, files),
            quality_page(package, files),
            query_page(package, files),
            api_page(),
        ],
    }


def navigation(sections: dict[str, list[tuple[str, str]]]) -> list:
    """MkDocs nav from each section's (path, title) pages: a section's first page is its
    index (navigation.indexes)."""
    nav: list = []
    for section, pages in sections.items():
        if len(pages) == 1 or section in INDEX_ONLY:
            nav.append({section: pages[0][0]})
        else:
            nav.append({section: [pages[0][0]] + [{page_title(t): p} for p, t in pages[1:]]})
    return nav


def write_docs(descriptor: Path, docs: Path, workers: int | None = None) -> list:
    """Write the docs directory from scratch; return the navigation.

    The whole package's downloads, its Fiscal Data Package, the sections that need
    nothing written before them, and each report's page, workbook and JSON are written in
    parallel (:func:`write_in_parallel`, on ``workers`` processes, by default every core);
    the pages that link to the downloads follow.
    """
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(HAND_WRITTEN, docs)
    copy_vendor_assets(docs)
    package = load_package(descriptor)
    files = planned_files(package)
    written = write_in_parallel(package, docs, files, workers)
    write_api(package, docs)
    sections = generate_pages(package, files)
    contributing = Page(CONTRIBUTING, "参与贡献", CONTRIBUTING_MD.read_text(encoding="utf-8"))
    sections["参与贡献"] = [contributing]
    for pages in sections.values():
        for page in pages:
            write_page(docs, page)
    written |= {name: [(p.path, p.title) for p in pages] for name, pages in sections.items()}
    return navigation({name: written[name] for name in SECTIONS})


#: What the workers read: set before they fork, so they inherit it rather than each
#: being sent a copy (the package of a thousand reports is over a gigabyte).
_FOR_WORKERS: dict = {}
#: Reports per task, several tasks per worker: a report of 13,000 amounts takes a hundred
#: times a small one's time, and small tasks keep the workers busy to the end.
_TASKS_PER_WORKER = 4
#: The part of the build a task writes: the whole package's downloads (one part), the
#: Fiscal Data Package, a section's pages, or a chunk of reports.
_DOWNLOAD, _FISCAL, _SECTION, _REPORTS = "download", "fiscal", "section", "reports"


def write_in_parallel(
    package: SitePackage, docs: Path, files: Files, workers: int | None = None
) -> dict[str, list[tuple[str, str]]]:
    """Every part of the build that needs no other part, as Dask tasks on worker
    processes (its multiprocessing scheduler, forked): each download of the whole
    package, the Fiscal Data Package, the pages of :data:`PARALLEL_SECTIONS`, and each
    report's workbook, source files, JSON and page. What they wrote is recorded into
    ``files`` in a fixed order; returns the (path, title) of each section's pages."""
    report_ids = list(package.reports["report_id"])
    workers = max(1, workers or os.cpu_count() or 1)
    package.prepare_for_workers()
    _FOR_WORKERS.update(
        package=package,
        docs=docs,
        files=files,
        context=report_context(package).set_index("report_id", drop=False),
    )
    size = max(1, -(-len(report_ids) // (workers * _TASKS_PER_WORKER)))
    parts = [(_DOWNLOAD, part) for part in download_parts(package)] + [(_FISCAL, None)]
    parts += [(_SECTION, section) for section in PARALLEL_SECTIONS]
    parts += [(_REPORTS, report_ids[i : i + size]) for i in range(0, len(report_ids), size)]
    tasks = [dask.delayed(_write_part)(kind, what) for kind, what in parts]
    try:
        with dask.config.set({"multiprocessing.context": "fork"}):
            scheduler = "processes" if workers > 1 else "synchronous"
            written = dask.compute(*tasks, scheduler=scheduler, num_workers=workers)
    finally:
        _FOR_WORKERS.clear()
    sections = {}
    for part, pages in written:
        files.add(part)
        sections |= pages
    return sections


def _write_part(
    kind: str, what: str | list[str] | None
) -> tuple[Files, dict[str, list[tuple[str, str]]]]:
    """One task of :func:`write_in_parallel`; returns what it wrote, and the (path,
    title) of a section's pages."""
    package, docs = _FOR_WORKERS["package"], _FOR_WORKERS["docs"]
    if kind == _DOWNLOAD:
        if what in package.frames:  # a resource: its downloads, and its copy for the API
            write_package_copy(package, docs, what)
        return write_download(package, docs, what), {}
    if kind == _FISCAL:
        write_fiscal_package(package, docs)
        return Files(), {}
    if kind == _SECTION:
        pages = PARALLEL_SECTIONS[what](package, _FOR_WORKERS["files"])
        for page in pages:
            write_page(docs, page)
        return Files(), {what: [(page.path, page.title) for page in pages]}
    planned = _FOR_WORKERS["files"]
    files = Files(sources=planned.sources, table_files=planned.table_files)
    for report_id in what:
        write_report_downloads(package, docs, _FOR_WORKERS["context"].loc[report_id], files)
        write_report_api(package, docs, report_id, files)
        write_page(docs, report_page(package, report_id, files))
    return Files(workbooks=files.workbooks, sheets=files.sheets), {}


def write_page(docs: Path, page: Page) -> None:
    """A page's Markdown, and beside it (out of MkDocs' sight) its deferred HTML."""
    path = docs / page.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page.render(), encoding="utf-8")
    if page.deferred:
        deferred = docs / deferred_path(page.path)
        deferred.parent.mkdir(parents=True, exist_ok=True)
        deferred.write_text(json.dumps(page.deferred, ensure_ascii=False), encoding="utf-8")


def render(
    docs: Path, out: Path, nav: list, config: Path = MKDOCS_CONFIG, site_url: str | None = None
) -> None:
    """Render with MkDocs in strict mode; links are relative .html files, as generated.

    ``site_url`` is where the site is published (``site.url`` of params.yaml), overriding
    mkdocs.yml's: MkDocs writes the sitemap's addresses from it, and Material's 404.html
    (served for any missing address, at any depth) links its styles, scripts and navigation
    by that address's path, so a site published under a sub-path needs it to say so.
    The render's hooks (``site/hooks.py``) put back each page's deferred tables.
    """
    published = (
        {"site_url": site_url if site_url.endswith("/") else site_url + "/"} if site_url else {}
    )
    settings = load_config(
        str(config),
        docs_dir=str(docs.resolve()),
        site_dir=str(out.resolve()),
        nav=nav,
        use_directory_urls=False,
        strict=True,
        hooks=[hooks.__file__],
        **published,
    )
    logging.getLogger("jieba").setLevel(logging.WARNING)  # loaded with the search plugin
    build(settings)


def build_site(
    descriptor: Path,
    docs: Path,
    out: Path,
    config: Path = MKDOCS_CONFIG,
    site_url: str | None = None,
) -> str:
    nav = write_docs(descriptor, docs)
    render(docs, out, nav, config, site_url)
    pages = sum(1 for _ in out.rglob("*.html"))
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    return f"{out}: {pages} pages, {size / 2**20:.1f} MiB"
