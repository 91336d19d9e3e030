"""The built site's files: downloads that match the package, a dictionary generated from the
descriptor, and nothing loaded from another host."""

from __future__ import annotations

import html
import io
import re
import sqlite3
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from conftest import download_frame, download_text
from fiscal.numbers import COUNT_UNITS
from fiscal.package.validate import validate_package
from fiscal.schema import ROOT, descriptor, read_csv, resource, resource_names
from fiscal.site.analysis import CONTEXT_TABLE, DICTIONARY_SHEET
from fiscal.site.data import SitePackage
from fiscal.site.downloads import FORM_SHEETS, REPORT_SHEET, WORKBOOK_ROWS, write_workbook
from fiscal.vocabulary import RULES

BOM = "\ufeff"
NAME = descriptor()["name"]


def package_csv(name: str) -> Path:
    return ROOT / resource(name)["path"]


def catalogue() -> pd.DataFrame:
    sources = read_csv(package_csv("sources"))
    assert sources.report_id.nunique() == len(read_csv(package_csv("reports"))) > 0
    return sources


def site_pages(site: Path) -> list[Path]:
    """Every HTML page of the site, checked to include each report's and publisher's page."""
    pages = sorted(site.rglob("*.html"))
    sources = catalogue()
    expected = {"index.html", "reports/index.html", "data/dictionary.html"}
    expected |= {f"reports/{report}.html" for report in sources.report_id}
    expected |= {f"publishers/{publisher}.html" for publisher in sources.publisher_id}
    assert expected <= {page.relative_to(site).as_posix() for page in pages}
    return pages


@pytest.mark.parametrize("name", resource_names())
def test_every_resource_downloads_as_csv_with_bom_and_as_xlsx(corpus_site: Path, name: str) -> None:
    """Each download holds the package's rows and values (an analysis view adds columns in
    front and a row per table printed without figures); as Excel too where it fits a sheet
    that opens quickly (WORKBOOK_ROWS)."""
    downloaded = download_frame(corpus_site, name)
    expected = read_csv(package_csv(name))
    figures = downloaded
    if "table_status" in downloaded.columns:
        figures = downloaded[downloaded.table_status == "extracted"].reset_index(drop=True)
    assert figures[list(expected.columns)].equals(expected)
    if list(downloaded.columns) == list(expected.columns):
        text = download_text(corpus_site, name)
        assert text[1:] == package_csv(name).read_text("utf-8")
    workbook = corpus_site / "downloads" / "data" / f"{name}.xlsx"
    assert workbook.is_file() == (len(downloaded) <= WORKBOOK_ROWS)
    if workbook.is_file():
        sheet = pd.read_excel(workbook, dtype=str)
        assert list(sheet.columns) == list(downloaded.columns)
        assert len(sheet) == len(downloaded)


def test_excel_downloads_carry_no_build_time(corpus_site: Path) -> None:
    """The same package gives the same workbooks, whenever the site is built."""
    workbooks = sorted((corpus_site / "downloads").rglob("*.xlsx"))
    assert len(workbooks) > 50
    for workbook in workbooks:
        with zipfile.ZipFile(workbook) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            core = archive.read("docProps/core.xml").decode("utf-8")
        stamps = re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core)
        assert stamps == ["1980-01-01T00:00:00Z"] * 2, workbook


def test_package_zip_is_a_valid_data_package(corpus_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(corpus_site / "downloads" / f"{NAME}.zip") as archive:
        archive.extractall(tmp_path)
        stored = [i.filename for i in archive.infolist() if i.compress_type != zipfile.ZIP_DEFLATED]
    assert stored == []  # compressed: amounts.csv alone shrinks about sixfold
    report = validate_package(tmp_path / "datapackage.json")
    assert report.valid, report.summary
    names = resource_names()
    assert len(names) == len(descriptor()["resources"]) > 0
    assert sorted(path.stem for path in (tmp_path / "data").glob("*.csv")) == sorted(names)
    for name in names:
        assert (tmp_path / "data" / f"{name}.csv").read_bytes() == package_csv(name).read_bytes()


def test_sqlite_holds_every_resource_typed_with_its_key(corpus_database: Path) -> None:
    database = sqlite3.connect(corpus_database)
    try:
        tables = database.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        names = resource_names()
        assert len(names) > 0
        assert sorted(row[0] for row in tables) == sorted([*names, CONTEXT_TABLE])
        for name in names:
            rows = database.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            assert rows == len(read_csv(package_csv(name))), name
            key = resource(name)["schema"].get("primaryKey", [])
            columns = database.execute(f'PRAGMA table_info("{name}")').fetchall()
            in_key = sorted((c for c in columns if c[5]), key=lambda c: c[5])  # key position
            assert [c[1] for c in in_key] == key, name
        amounts = read_csv(package_csv("amounts"))
        expected = sum(Decimal(a) for a in amounts["amount"] if a)
        total = database.execute("SELECT SUM(amount), typeof(MAX(amount)) FROM amounts").fetchone()
        assert total[1] == "real"
        assert abs(Decimal(str(total[0])) - expected) < Decimal("0.01")
    finally:
        database.close()


def test_each_report_downloads_as_one_workbook_with_a_sheet_per_table(corpus_site: Path) -> None:
    amounts = read_csv(package_csv("amounts"))
    tables = read_csv(package_csv("report_tables"))
    extracted = tables[(tables.status == "extracted") & (tables.amounts.astype(int) > 0)]
    keys = ["report_id", "table", "instance"]
    assert len(extracted) > 0
    assert set(amounts.groupby(keys).groups) == set(
        extracted[keys].itertuples(index=False, name=None)
    )
    units = tuple(f"（{unit}）" for unit in ("万元", *COUNT_UNITS))  # counts keep theirs
    for report_id, rows in amounts.groupby("report_id"):
        path = corpus_site / "downloads" / "reports" / f"{report_id}.xlsx"
        sheets = pd.read_excel(path, sheet_name=None, dtype=object)
        names = list(sheets)
        assert (names[0], names[-1]) == (REPORT_SHEET, DICTIONARY_SHEET), path
        kept = {n: f for n, f in sheets.items() if n not in (REPORT_SHEET, DICTIONARY_SHEET)}
        printed = {n: f for n, f in kept.items() if n not in FORM_SHEETS}
        assert len(printed) == len(rows.groupby(["table", "instance"])), path
        downloaded = sorted(
            round(float(v), 6)
            for frame in printed.values()
            for column in frame.columns
            if column.endswith(units)
            for v in frame[column]
            if not pd.isna(v)
        )
        assert downloaded == sorted(round(float(a), 6) for a in rows["amount"] if a), path
    assert not list((corpus_site / "downloads" / "reports").rglob("*.csv"))


def test_a_part_of_a_code_shows_the_economic_codes_beside_it(corpus_site: Path) -> None:
    """bj-audit's 支出总表 (p. 3) prints 2010801-行政运行 | 50101-工资奖金津补贴 | 30101-基本工资
    3,138.093600 and 23 more parts of 2010801: the report page's table and its workbook
    sheet show both economic codes beside each row's code, the code page of 2010801 names
    them beside the table of each part, and the page of economic code 30101 names the
    government code of each of its parts (50101, 50501 in 预算06表) and no other."""
    page = (corpus_site / "reports" / "bj-audit-2026-budget-dept.html").read_text("utf-8")
    cells = [
        html.unescape(re.sub(r"<[^>]+>", "", cell))
        for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", page)
    ]
    headings = ["编码", "名称", "政府经济科目编码", "部门经济科目编码", "合计"]
    assert any(cells[i : i + 5] == headings for i in range(len(cells)))
    assert any(
        cells[i : i + 4] == ["2010801", "行政运行", "50101", "30101"] for i in range(len(cells))
    )
    workbook = corpus_site / "downloads" / "reports" / "bj-audit-2026-budget-dept.xlsx"
    sheet = pd.read_excel(workbook, sheet_name="expenditure", dtype=str)
    first = sheet.iloc[0]
    assert (first["编码"], first["政府经济科目编码"], first["部门经济科目编码"]) == (
        "2010801",
        "50101",
        "30101",
    )
    function = (corpus_site / "codes" / "function" / "2010801.html").read_text("utf-8")
    assert "（政府经济科目 50101）（部门经济科目 30101）" in function
    economic = (corpus_site / "codes" / "economic" / "30101.html").read_text("utf-8")
    assert "（政府经济科目 50501）" in economic and "部门经济科目" not in economic


def test_text_from_a_pdf_stays_text_in_a_workbook(tmp_path: Path) -> None:
    """A cell that starts with = is no formula, a web address no link (PDF text is untrusted)."""
    path = tmp_path / "book.xlsx"
    cells = ['=HYPERLINK("http://evil.example","x")', "https://evil.example/a", "+1", "326.71"]
    write_workbook({"表": pd.DataFrame({"名称": cells, "金额": [1.5, None, 2, 3]})}, path)
    sheet = load_workbook(path)["表"]
    assert [cell.value for cell in sheet["A"][1:]] == cells
    assert {cell.data_type for cell in sheet["A"]} == {"s"}
    assert not sheet._hyperlinks
    assert [cell.value for cell in sheet["B"][1:]] == [1.5, None, 2, 3]


class _Resources(HTMLParser):
    """Every URL a page makes the browser load: scripts, styles, icons, images, frames."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and found.get("src"):
            self.urls.append(found["src"])
        if tag == "link" and found.get("href") and found.get("rel") != "canonical":
            self.urls.append(found["href"])


def test_pages_load_nothing_from_another_host(corpus_site: Path) -> None:
    pages = site_pages(corpus_site)
    for page in pages:
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        assert any(url.split("?")[0].endswith(".css") for url in parser.urls), page
        external = [u for u in parser.urls if u.startswith(("http:", "https:", "//"))]
        assert external == [], page
    sheets = sorted(corpus_site.rglob("*.css"))
    assert corpus_site / "assets" / "site.css" in sheets
    for sheet in sheets:
        content = sheet.read_text(encoding="utf-8")
        assert "url(http" not in content and "url(//" not in content, sheet
        assert "@import" not in content, sheet


def test_dictionary_lists_every_resource_and_field_of_the_descriptor(corpus_site: Path) -> None:
    page = (corpus_site / "data" / "dictionary.html").read_text(encoding="utf-8")
    resources = descriptor()["resources"]
    assert len(resources) > 0
    for item in resources:
        assert f'id="{item["name"]}"' in page
        assert len(item["schema"]["fields"]) > 0, item["name"]
        for field in item["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in page, (item["name"], field["name"])


def test_every_catalogued_report_has_a_page_with_its_source_file(corpus_site: Path) -> None:
    sources = catalogue()
    pages = {page.stem for page in (corpus_site / "reports").glob("*.html")} - {"index"}
    assert pages == set(sources.report_id)
    for source in sources.to_dict(orient="records"):
        page = (corpus_site / "reports" / f"{source['report_id']}.html").read_text("utf-8")
        assert source["sha256"] in page
        name = Path(source["file_path"]).name
        published = corpus_site / "downloads" / "source" / source["report_id"] / name
        assert published.read_bytes() == (ROOT / source["file_path"]).read_bytes()
        assert f'href="../downloads/source/{source["report_id"]}/{name}"' in page


def test_files_published_as_they_are_are_linked_from_the_docs_not_copied(
    corpus_site: Path,
) -> None:
    """MkDocs would copy every download and source PDF into the site (a gigabyte at a
    thousand reports); each is the docs' very file, and nothing hidden is published."""
    docs = corpus_site.parent / "docs"
    published = [
        *(corpus_site / "downloads").rglob("*.pdf"),
        *(corpus_site / "downloads").rglob("*.xlsx"),
        *(corpus_site / "assets" / "vendor").rglob("*.js"),
    ]
    assert len(published) > 100
    for path in published:
        assert path.samefile(docs / path.relative_to(corpus_site)), path
    assert (docs / ".deferred").is_dir() and not (corpus_site / ".deferred").exists()


def test_source_files_are_published_as_links_to_the_sources(corpus_site: Path) -> None:
    """Half a gigabyte at a thousand reports, each a file whose hash DVC already has."""
    if corpus_site.stat().st_dev != ROOT.stat().st_dev:
        pytest.skip("the site is built on another file system than the sources: copied")
    for source in catalogue().to_dict(orient="records"):
        name = Path(source["file_path"]).name
        published = corpus_site / "downloads" / "source" / source["report_id"] / name
        assert published.samefile(ROOT / source["file_path"]), published


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids += [value for name, value in attrs if name == "id" and value]


def test_anchors_and_element_ids_are_unique_on_every_page(corpus_site: Path) -> None:
    for page in site_pages(corpus_site):
        parser = _Ids()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.ids, page
        duplicates = {i for i in parser.ids if parser.ids.count(i) > 1}
        assert duplicates == set(), page


def test_quality_page_describes_every_rule_of_the_vocabulary(corpus_site: Path) -> None:
    page = (corpus_site / "data" / "quality.html").read_text(encoding="utf-8")
    rules = re.search(r'<table id="table-rules".*?</table>', page, re.S)
    assert rules, "the quality page has no table of rules"
    for rule in RULES.values():
        assert f"<td>{html.escape(rule.name_cn)}</td>" in rules[0], rule.id
        assert f"<code>{rule.id}</code>" in rules[0]
        assert f"<td>{html.escape(rule.description_cn)}</td>" in rules[0], rule.id


def test_the_sites_stylesheet_closes_every_rule() -> None:
    """A rule left open swallows every rule after it, silently: the browser drops them all
    (the SQL page's and the phone layouts once went so)."""
    css = re.sub(
        r"/\*.*?\*/", "", (ROOT / "site" / "assets" / "site.css").read_text("utf-8"), flags=re.S
    )
    depth = 0
    for char in css:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0
    for block in re.findall(r"\{([^{}]*)\}", css):
        declarations = [d for d in block.split(";") if d.strip()]
        assert all(":" in d for d in declarations), block


def test_a_download_too_large_for_a_sheet_is_compressed_and_has_no_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past WORKBOOK_ROWS a resource has no workbook, and its CSV (the same view, with its
    byte-order mark) is gzip-compressed; the downloads page links what was written."""
    import gzip

    from fiscal.site import downloads
    from fiscal.site.data import load_package

    package = load_package(ROOT / "datapackage.json")
    amounts = read_csv(package_csv("amounts"))
    monkeypatch.setattr(downloads, "WORKBOOK_ROWS", len(amounts) - 1)
    files = downloads.Files(package_zip="p.zip", sqlite="p.sqlite.gz", dictionary="d.csv")
    downloads.write_resource_csv(package, tmp_path, "amounts", files)
    written = files.resources["amounts"]
    assert written == ("downloads/data/amounts.csv.gz", None)
    content = gzip.decompress((tmp_path / written[0]).read_bytes()).decode("utf-8")
    assert content.startswith(BOM)
    frame = pd.read_csv(io.StringIO(content[1:]), dtype=str, keep_default_na=False)
    figures = frame[frame["table_status"] == "extracted"].reset_index(drop=True)
    assert len(frame) > len(amounts) - 1 and figures[list(amounts.columns)].equals(amounts)
    assert not (tmp_path / "downloads" / "data" / "amounts.xlsx").exists()
    files.resources = {name: (f"{name}.csv", None) for name in resource_names()}
    files.resources["amounts"] = written
    page = downloads.downloads_page(package, files).body
    assert ">amounts.csv.gz</a>" in page


def test_a_large_csv_download_is_compressed_beside_its_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV past CSV_GZIP_BYTES is published gzip-compressed, the same bytes inside, and
    the resource keeps its workbook (it fits a sheet) for a reader who opens it in Excel;
    one under the size stays plain."""
    import gzip

    from fiscal.site import downloads
    from fiscal.site.data import load_package

    package = load_package(ROOT / "datapackage.json")
    plain = _written_resource(package, tmp_path / "plain", "reports")
    assert plain == ("downloads/data/reports.csv", "downloads/data/reports.xlsx")
    text = (tmp_path / "plain" / plain[0]).read_bytes()
    monkeypatch.setattr(downloads, "CSV_GZIP_BYTES", len(text) - 1)
    packed = _written_resource(package, tmp_path / "packed", "reports")
    assert packed == ("downloads/data/reports.csv.gz", "downloads/data/reports.xlsx")
    assert gzip.decompress((tmp_path / "packed" / packed[0]).read_bytes()) == text
    assert (tmp_path / "packed" / packed[1]).is_file()
    assert not (tmp_path / "packed" / "downloads" / "data" / "reports.csv").exists()


def _written_resource(package: SitePackage, docs: Path, name: str) -> tuple[str, str | None]:
    """A resource's CSV and its workbook, as the site writes them; their paths."""
    from fiscal.site import downloads

    files = downloads.Files()
    downloads.write_resource_csv(package, docs, name, files)
    downloads.write_resource_workbook(package, docs, name)
    return files.resources[name]


def test_the_site_is_the_same_built_on_one_worker_or_several(tmp_path: Path) -> None:
    """The parts written in parallel (each report's, each whole-package download) land in
    the same files, byte for byte, whichever worker wrote them and in whatever order; and
    the downloads written while the render ran are in the docs and the site once it ends,
    with nothing left of where they were written apart."""
    import filecmp

    from fiscal.ops.site_bench import replicated_package
    from fiscal.site.generate import build_site

    package = replicated_package(ROOT / "datapackage.json", 8, tmp_path / "package")
    for n in (1, 3):
        build_site(package, tmp_path / f"docs{n}", tmp_path / f"site{n}", workers=n)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "docs1", "docs3", "package", "site1", "site3",
    ]  # fmt: skip
    for tree in ("docs", "site"):
        written = [
            sorted(
                p.relative_to(tmp_path / f"{tree}{n}") for p in (tmp_path / f"{tree}{n}").rglob("*")
            )
            for n in (1, 3)
        ]
        assert written[0] == written[1]
        different = [
            p
            for p in written[0]
            if (tmp_path / f"{tree}1" / p).is_file()
            and not filecmp.cmp(tmp_path / f"{tree}1" / p, tmp_path / f"{tree}3" / p, shallow=False)
        ]
        assert different == []
    site = tmp_path / "site3"
    name = descriptor()["name"]
    for late in (f"{name}.sqlite.gz", f"{name}.zip", "data/reports.xlsx", "data-dictionary.csv"):
        assert (site / "downloads" / late).is_file()
        assert (site / "downloads" / late).samefile(tmp_path / "docs3" / "downloads" / late)
    assert any((site / "reports").glob("*.html"))
