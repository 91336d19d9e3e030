"""Build the site: write the pages and downloads into a docs directory, and render it.

The docs directory is made afresh each time from four sources: the hand-written assets of
``site/`` (in git), CONTRIBUTING.md, the JavaScript installed from the npm registry
(``npm ci``, into ``node_modules/``), and the pages generated from the data package.
MkDocs then renders it with the navigation computed here, since the list of reports and
publishers comes from the package; the downloads no page waits for (the SQLite database,
the zip, the resources' workbooks …) are written on the other workers meanwhile.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.pool import Pool
from pathlib import Path

import dask
from mkdocs.commands.build import build
from mkdocs.config import load_config

from fiscal.files import link_or_copy
from fiscal.schema import ROOT
from fiscal.site import hooks
from fiscal.site.analysis import report_context
from fiscal.site.api import api_page, write_api, write_package_copy, write_report_api
from fiscal.site.code_pages import code_pages
from fiscal.site.compare import compare_pages
from fiscal.site.data import SitePackage, load_package
from fiscal.site.dictionary import dictionary_page
from fiscal.site.downloads import (
    DICTIONARY_CSV,
    SQLITE,
    ZIP,
    Files,
    downloads_page,
    planned_files,
    resources_by_size,
    write_download,
    write_report_downloads,
    write_resource_csv,
    write_resource_workbook,
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
#: before them: workers write their pages beside the reports' (:func:`write_pages`).
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
        "报告": [reports_index(package)],  # each report's page: write_pages
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


@dataclass(frozen=True)
class _Workers:
    """The processes the build's tasks run on (none: they run here, one after another)."""

    pool: Pool | None
    count: int

    def compute(self, tasks: list[tuple]) -> tuple:
        """Run :func:`_write_part` on each task, on the processes with Dask's
        multiprocessing scheduler."""
        delayed = [dask.delayed(_write_part)(*task) for task in tasks]
        if self.pool is None:
            return dask.compute(*delayed, scheduler="synchronous")
        return dask.compute(*delayed, scheduler="processes", pool=self.pool)

    def start(self, function: Callable[..., None], *args: object) -> Callable[[], None]:
        """Start ``function(*args)`` on one process, ahead of any task computed after;
        return what waits for it to end (raising what it raised). Here, it runs now."""
        if self.pool is None:
            function(*args)
            return lambda: None
        started = self.pool.apply_async(function, args)
        return lambda: started.get()


@contextmanager
def _build(
    descriptor: Path, docs: Path, workers: int | None
) -> Iterator[tuple[SitePackage, Files, _Workers]]:
    """A fresh docs directory (the hand-written assets, the JavaScript), the package, what
    the pages may link to, and ``workers`` processes (by default every core) forked with
    :data:`_FOR_WORKERS` set, which they inherit rather than each being sent a copy."""
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(HAND_WRITTEN, docs)
    copy_vendor_assets(docs)
    package = load_package(descriptor)
    files = planned_files(package)
    package.prepare_for_workers()
    _FOR_WORKERS.update(
        package=package,
        files=files,
        context=report_context(package).set_index("report_id", drop=False),
    )
    workers = max(1, workers or os.cpu_count() or 1)
    try:
        if workers == 1:
            yield package, files, _Workers(None, 1)
        else:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                yield package, files, _Workers(pool, workers)
    finally:
        _FOR_WORKERS.clear()


def write_pages(package: SitePackage, docs: Path, files: Files, processes: _Workers) -> list:
    """Every page, and what pages link to that only writing tells (each resource's CSV,
    plain or compressed; each report's workbook and its sheets); return the navigation.

    Each resource's CSV, the pages of :data:`PARALLEL_SECTIONS`, and each report's
    workbook, JSON and page are Dask tasks on the workers; what they wrote is recorded
    into ``files`` in a fixed order, and the pages that link to the downloads follow."""
    report_ids = list(package.reports["report_id"])
    size = max(1, -(-len(report_ids) // (processes.count * _TASKS_PER_WORKER)))
    parts = [(_CSV, name) for name in resources_by_size(package)]
    parts += [(_SECTION, section) for section in PARALLEL_SECTIONS]
    parts += [(_REPORTS, report_ids[i : i + size]) for i in range(0, len(report_ids), size)]
    written: dict[str, list[tuple[str, str]]] = {}
    for part, pages in processes.compute([(kind, what, docs) for kind, what in parts]):
        files.add(part)
        written |= pages
    write_api(package, docs)
    sections = generate_pages(package, files)
    contributing = Page(CONTRIBUTING, "参与贡献", CONTRIBUTING_MD.read_text(encoding="utf-8"))
    sections["参与贡献"] = [contributing]
    for pages in sections.values():
        for page in pages:
            write_page(docs, page)
    written |= {name: [(p.path, p.title) for p in pages] for name, pages in sections.items()}
    return navigation({name: written[name] for name in SECTIONS})


def _late_tasks(package: SitePackage, files: Files, root: Path) -> list[tuple]:
    """The downloads no page waits for, written under ``root``, largest first: the SQLite
    database, each resource's workbook (where it fits a sheet), the Fiscal Data Package,
    the zip, each resource's copy for the API, the column dictionary."""
    workbooks = [name for name in resources_by_size(package) if files.resources[name][1]]
    parts = [(_DOWNLOAD, SQLITE), *[(_WORKBOOK, name) for name in workbooks]]
    parts += [(_FISCAL, None), (_DOWNLOAD, ZIP)]
    parts += [(_COPY, name) for name in package.frames] + [(_DOWNLOAD, DICTIONARY_CSV)]
    return [(kind, what, root) for kind, what in parts]


#: What the workers read: set before they fork, so they inherit it rather than each
#: being sent a copy (the package of a thousand reports is over a gigabyte).
_FOR_WORKERS: dict = {}
#: Reports per task, several tasks per worker: a report of 13,000 amounts takes a hundred
#: times a small one's time, and small tasks keep the workers busy to the end.
_TASKS_PER_WORKER = 4
#: The part of the build a task writes: a resource's CSV, a section's pages, a chunk of
#: reports (their workbooks, JSON and pages); then those no page waits for: a download of
#: the whole package, a resource's workbook, a resource's copy for the API, the Fiscal
#: Data Package.
_CSV, _SECTION, _REPORTS = "csv", "section", "reports"
_DOWNLOAD, _WORKBOOK, _COPY, _FISCAL = "download", "workbook", "copy", "fiscal"


def _write_part(
    kind: str, what: str | list[str] | None, root: Path
) -> tuple[Files, dict[str, list[tuple[str, str]]]]:
    """One task: write its part under ``root``; return what it wrote, and the (path,
    title) of a section's pages."""
    package, files = _FOR_WORKERS["package"], _FOR_WORKERS["files"]
    wrote = Files()
    if kind == _CSV:
        write_resource_csv(package, root, what, wrote)
    elif kind == _SECTION:
        pages = PARALLEL_SECTIONS[what](package, files)
        for page in pages:
            write_page(root, page)
        return wrote, {what: [(page.path, page.title) for page in pages]}
    elif kind == _REPORTS:
        wrote = Files(sources=files.sources, table_files=files.table_files)
        for report_id in what:
            write_report_downloads(package, root, _FOR_WORKERS["context"].loc[report_id], wrote)
            write_report_api(package, root, report_id, wrote)
            write_page(root, report_page(package, report_id, wrote))
        wrote = Files(workbooks=wrote.workbooks, sheets=wrote.sheets)
    elif kind == _DOWNLOAD:
        write_download(package, root, what, files)
    elif kind == _WORKBOOK:
        write_resource_workbook(package, root, what)
    elif kind == _COPY:
        write_package_copy(package, root, what)
    else:
        write_fiscal_package(package, root)
    return wrote, {}


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
    workers: int | None = None,
) -> str:
    """Write the pages, then render them on one worker while the others write the
    downloads no page waits for (the render reads none of them, and at a thousand reports
    each takes about a quarter of the build); those are written apart and put in the docs
    and the site once both are done, so the render never sees a file half-written."""
    with _build(descriptor, docs, workers) as (package, files, processes):
        nav = write_pages(package, docs, files, processes)
        late = Path(tempfile.mkdtemp(prefix=f".{docs.name}-late-", dir=docs.parent))
        try:
            rendered = processes.start(render, docs, out, nav, config, site_url)
            processes.compute(_late_tasks(package, files, late))
            rendered()
            _publish_late(late, docs, out)
        finally:
            shutil.rmtree(late, ignore_errors=True)
    pages = sum(1 for _ in out.rglob("*.html"))
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    return f"{out}: {pages} pages, {size / 2**20:.1f} MiB"


def _publish_late(late: Path, docs: Path, out: Path) -> None:
    """Move what was written under ``late`` to its place in the docs, and link it into the
    site as the render links every file it does not render (``hooks.on_files``)."""
    for path in sorted(late.rglob("*")):
        if path.is_dir():
            continue
        relative = path.relative_to(late)
        for directory in (docs, out):
            (directory / relative).parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, docs / relative)
        link_or_copy(docs / relative, out / relative)
