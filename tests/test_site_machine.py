"""The site's machine-readable side: its own datapackage.json (valid from disk and over
HTTP), a JSON per report whose figures are the package's, the Fiscal Data Package, a
sitemap that lists every page, and a 404 page that works under a sub-path."""

from __future__ import annotations

import functools
import gzip
import json
import re
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import pandas as pd
import pytest
import yaml
from datapackage import Profile
from datapackage.exceptions import ValidationError
from frictionless import Package

from fiscal.schema import ROOT, read_csv, resource
from fiscal.site import fiscal_package
from fiscal.site.api import write_api, write_package_copy, write_report_api
from fiscal.site.data import load_package
from fiscal.site.downloads import Files
from fiscal.site.generate import build_site
from fiscal.site.paths import (
    FISCAL_DESCRIPTOR,
    FISCAL_FACTS,
    REPORTS_API,
    SITE_DESCRIPTOR,
    report_amounts_path,
    report_json_path,
)

#: A small report (one file, a final account with a 三公 table) for a site of one report.
SMALL_REPORT = "shpt-czj-2024-final-dept"
SUB_PATH = "sub"


def package_frame(name: str) -> pd.DataFrame:
    return read_csv(ROOT / resource(name)["path"])


def configured_site_url() -> str:
    """The default ``site_url`` of mkdocs.yml (the file has Python tags YAML can't load)."""
    found = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert found, "mkdocs.yml sets no site_url: sitemap.xml would list no pages"
    return found[1]


def as_cell(value: object) -> str:
    """A JSON value as the CSV cell it came from (null is blank)."""
    assert not isinstance(value, float), f"a float in the JSON: {value!r}"
    return "" if value is None else str(value)


def floats(data: object) -> list[float]:
    """Every float anywhere in a JSON document (there should be none)."""
    if isinstance(data, float):
        return [data]
    if isinstance(data, dict):
        return [f for value in data.values() for f in floats(value)]
    if isinstance(data, list):
        return [f for value in data for f in floats(value)]
    return []


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# --- the site's datapackage.json ---------------------------------------------------------


def test_site_descriptor_points_at_the_packages_own_csvs(corpus_site: Path) -> None:
    """The site's descriptor reads the package's files as they are (not the analysis
    views of the downloads, which its schemas do not describe)."""
    descriptor = load_json(corpus_site / SITE_DESCRIPTOR)
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in descriptor["resources"]] == [r["name"] for r in package["resources"]]
    for item, own in zip(descriptor["resources"], package["resources"], strict=True):
        assert item["path"] == f"api/package/{item['name']}.csv.gz"
        source = ROOT / own["path"]
        if source.exists():
            served = gzip.decompress((corpus_site / item["path"]).read_bytes())
            assert served == source.read_bytes()


def test_site_descriptor_validates_from_disk(corpus_site: Path) -> None:
    report = Package(str(corpus_site / SITE_DESCRIPTOR)).validate()
    assert report.valid, report.flatten(["title", "message"])[:20]
    rows = {task.name: task.stats.get("rows") for task in report.tasks}
    assert rows["amounts"] == len(package_frame("amounts")) > 0


def test_site_descriptor_validates_over_http(corpus_site: Path) -> None:
    """As a reader would run it on the published site: every resource fetched by URL."""
    with serve_site(corpus_site) as (url, requested):
        report = Package(f"{url}{SITE_DESCRIPTOR}").validate()
    assert report.valid, report.flatten(["title", "message"])[:20]
    resources = load_json(corpus_site / SITE_DESCRIPTOR)["resources"]
    assert len(report.tasks) == len(resources)
    assert {f"/{item['path']}" for item in resources} <= set(requested)


# --- a JSON per report -------------------------------------------------------------------


def test_every_report_has_its_json_listed_in_the_index(corpus_site: Path) -> None:
    reports = package_frame("reports")
    index = load_json(corpus_site / REPORTS_API)
    listed = [entry["report_id"] for entry in index["reports"]]
    assert sorted(listed) == sorted(reports["report_id"]) and len(listed) > 50
    for entry in index["reports"]:
        document = corpus_site / Path(REPORTS_API).parent / entry["json"]
        assert document == corpus_site / report_json_path(entry["report_id"])
        assert load_json(document)["report_id"] == entry["report_id"]
        assert (corpus_site / "api" / entry["page"]).resolve().is_file()
    assert (corpus_site / "api" / index["datapackage"]).resolve() == corpus_site / SITE_DESCRIPTOR
    fiscal = (corpus_site / "api" / index["fiscal_datapackage"]).resolve()
    assert fiscal == corpus_site / FISCAL_DESCRIPTOR


def test_report_json_holds_the_catalogue_and_outcome_as_the_package_does(
    corpus_site: Path,
) -> None:
    sources, reports = package_frame("sources"), package_frame("reports").set_index("report_id")
    for report_id, files in sources.groupby("report_id", sort=False):
        document = load_json(corpus_site / report_json_path(report_id))
        assert floats(document) == []
        first = files.iloc[0]
        for name, value in document["catalogue"].items():
            assert as_cell(value) == first[name], (report_id, name)
        assert {"publisher", "division_code", "fiscal_year", "family", "scope", "title"} <= set(
            document["catalogue"]
        )
        assert [f["sha256"] for f in document["source_files"]] == list(files["sha256"])
        assert [as_cell(f["page_count"]) for f in document["source_files"]] == list(
            files["page_count"]
        )
        assert [as_cell(f["source_url"]) for f in document["source_files"]] == list(
            files["source_url"]
        )
        for name, value in document["outcome"].items():
            assert as_cell(value) == reports.loc[report_id, name], (report_id, name)
        base = (corpus_site / report_json_path(report_id)).parent
        for source in document["source_files"]:
            published = (base / source["url"]).resolve()
            assert published.read_bytes() == (ROOT / source["file_path"]).read_bytes()
        for name, link in document["links"].items():
            assert link is None or (base / link).resolve().is_file(), (report_id, name)
        assert document["links"]["page"] == f"../../reports/{report_id}.html"


def test_report_json_figures_equal_the_package_csv(corpus_site: Path) -> None:
    """Tables, findings (expected / found amounts) and amounts, cell for cell as text."""
    tables, findings = package_frame("report_tables"), package_frame("findings")
    amounts = package_frame("amounts")
    checked = {"tables": 0, "findings": 0, "amounts": 0}
    for report_id in package_frame("reports")["report_id"]:
        document = load_json(corpus_site / report_json_path(report_id))
        for key, frame in (("tables", tables), ("findings", findings)):
            expected = frame[frame["report_id"] == report_id].drop(columns="report_id")
            got = [{k: as_cell(v) for k, v in row.items()} for row in document[key]]
            assert got == expected.to_dict(orient="records"), (report_id, key)
            checked[key] += len(got)
        rows = amounts[amounts["report_id"] == report_id]
        assert document["amounts"]["rows"] == len(rows)
        if len(rows):
            csv = corpus_site / report_amounts_path(report_id)
            assert document["amounts"]["csv"] == csv.name
            assert read_csv(csv).equals(rows.reset_index(drop=True)), report_id
            checked["amounts"] += len(rows)
    assert checked["amounts"] == len(amounts)
    assert checked["findings"] == len(findings) > 0 and checked["tables"] == len(tables)


def test_machine_files_are_the_same_bytes_every_time(tmp_path: Path) -> None:
    """Deterministic: the same package gives the same JSON, byte for byte, UTF-8 as is."""
    package = load_package(ROOT / "datapackage.json")
    csvs = {r["name"]: (f"downloads/data/{r['name']}.csv", None) for r in package.descriptor[
        "resources"]}  # fmt: skip
    for run in ("a", "b"):
        write_api(package, tmp_path / run)
        for name in package.frames:
            write_package_copy(package, tmp_path / run, name)
        for report_id in package.reports["report_id"]:
            write_report_api(package, tmp_path / run, report_id, Files(resources=csvs))
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    assert first == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    for relative in first:
        if (tmp_path / "a" / relative).is_file():
            one = (tmp_path / "a" / relative).read_bytes()
            assert one == (tmp_path / "b" / relative).read_bytes(), relative
    index = (tmp_path / "a" / REPORTS_API).read_text(encoding="utf-8")
    assert "\\u" not in index and package.reports["publisher"].iloc[0] in index


# --- the Fiscal Data Package -------------------------------------------------------------

#: What the Fiscal Data Package 0.3 spec requires of a descriptor and its model, and the
#: words it allows.
FDP_REQUIRED = ("name", "title", "resources", "model")
PHASES = {"proposed", "approved", "adjusted", "executed"}
DIRECTIONS = {"expenditure", "revenue"}
DIMENSION_TYPES = {"datetime", "entity", "classification", "activity", "fact", "location", "other"}
CLASSIFICATION_TYPES = {"functional", "administrative", "economic"}


@pytest.fixture(scope="module")
def fiscal(corpus_site: Path) -> dict:
    return load_json(corpus_site / FISCAL_DESCRIPTOR)


def test_fiscal_package_loads_and_validates_with_frictionless(corpus_site: Path) -> None:
    package = Package(str(corpus_site / FISCAL_DESCRIPTOR))
    assert package.custom["model"]["measures"], "frictionless dropped the model"
    report = package.validate()
    assert report.valid, report.flatten(["title", "message"])[:20]
    assert report.tasks[0].stats["rows"] == len(read_csv(corpus_site / FISCAL_FACTS)) > 10_000


def test_fiscal_package_is_valid_under_the_official_profile(fiscal: dict) -> None:
    """The spec's own JSON Schema, as the Frictionless reference library ships it, accepts
    the descriptor; the same check refuses it without its model, so it is not vacuous."""
    official = Profile("fiscal-data-package")
    assert official.validate(fiscal)
    without_model = {key: value for key, value in fiscal.items() if key != "model"}
    with pytest.raises(ValidationError) as refused:
        official.validate(without_model)
    assert ["'model' is a required property" in str(error) for error in refused.value.errors] == [
        True
    ]


def test_fiscal_model_has_what_the_spec_requires(fiscal: dict) -> None:
    assert all(fiscal.get(key) for key in FDP_REQUIRED)
    assert fiscal["profiles"] == {"fiscal": "*", "tabular": "*"}
    model = fiscal["model"]
    assert model["measures"] and model["dimensions"]
    for name, measure in model["measures"].items():
        assert measure["source"] and re.fullmatch(r"[A-Z]{3}", measure["currency"]), name
        assert measure["currency"] == "CNY" and measure["factor"] == 10000
        assert measure["direction"] in DIRECTIONS and measure["phase"] in PHASES
    for name, dimension in model["dimensions"].items():
        attributes = dimension["attributes"]
        assert attributes, name
        keys = dimension["primaryKey"]
        assert set([keys] if isinstance(keys, str) else keys) <= set(attributes), name
        assert dimension.get("dimensionType", "other") in DIMENSION_TYPES
        if "classificationType" in dimension:
            assert dimension["classificationType"] in CLASSIFICATION_TYPES
            assert "code" in attributes, f"{name}: a classification needs a code attribute"
        for attribute in attributes.values():
            assert "source" in attribute or "constant" in attribute
            for link in ("parent", "labelfor"):
                assert attribute.get(link, next(iter(attributes))) in attributes
    kinds = {d.get("classificationType") for d in model["dimensions"].values()}
    assert kinds >= CLASSIFICATION_TYPES
    assert {"datetime", "location"} <= {d["dimensionType"] for d in model["dimensions"].values()}
    phases = {(m["direction"], m["phase"]) for m in model["measures"].values()}
    assert phases == {(d, p) for d in DIRECTIONS for p in ("approved", "executed")}


def test_every_field_the_model_names_is_in_its_resource(fiscal: dict) -> None:
    schemas = {r["name"]: {f["name"] for f in r["schema"]["fields"]} for r in fiscal["resources"]}
    first = fiscal["resources"][0]["name"]
    model = fiscal["model"]
    named = [(m.get("resource", first), m["source"]) for m in model["measures"].values()]
    for dimension in model["dimensions"].values():
        named += [(a.get("resource", first), a["source"]) for a in dimension["attributes"].values()]
    assert len(named) > 30
    missing = [(where, source) for where, source in named if source not in schemas[where]]
    assert missing == []


def test_fiscal_facts_are_the_package_figures_each_once(corpus_site: Path) -> None:
    """Every money cell of the fitting resources is one fact, its value the same text, in
    the measure of its phase and direction; and nothing else is."""
    facts = read_csv(corpus_site / FISCAL_FACTS)
    measures = [c for c in facts.columns if c.startswith(("expenditure_", "revenue_"))]
    assert ((facts[measures] != "").sum(axis=1) == 1).all()
    value = facts[measures].apply(lambda row: "".join(row), axis=1)
    got = dict(zip(facts["id"], value, strict=True))
    assert len(got) == len(facts)
    expected = {}
    for name in fiscal_package.FITTING:
        frame = package_frame(name)
        fields = resource(name)["schema"]["fields"]
        money = [f["name"] for f in fields if f["type"] == "number" and "万元" in f.get("unit", "")]
        money = [c for c in money if (name, c) not in fiscal_package.BALANCES]
        for row in frame.to_dict(orient="records"):
            place = f"{row['row']}/{row['item']}" if row.get("item") else row["row"]
            for column in money:
                if row[column]:
                    key = f"{name}/{row['report_id']}/{row['table']}/{place}/{column}"
                    expected[key] = row[column]
    assert got == expected and len(got) > 10_000
    phases = facts.set_index("id")
    final = package_frame("reports").query("phase == 'final'")["report_id"]
    spending = phases[(phases["resource"] == "function_spending")]
    assert set(spending.loc[spending["report_id"].isin(final), "budget_phase"]) == {"executed"}
    assert set(spending.loc[~spending["report_id"].isin(final), "budget_phase"]) == {"approved"}
    three = phases[phases["resource"] == "three_public"]
    assert set(three.loc[three["column"] == "actual", "budget_phase"]) == {"executed"}
    assert set(phases.loc[phases["resource"] == "income_by_source", "direction"]) == {"revenue"}


def test_fiscal_facts_say_the_budget_unit_of_a_units_figure(corpus_site: Path) -> None:
    """A table listing its budget units prints a code once per unit: each fact says whose
    figure it is, so no sum adds the department's line to its units'."""
    facts = read_csv(corpus_site / FISCAL_FACTS)
    for name in ("function_spending", "three_public"):
        frame = package_frame(name)
        units = frame[frame["budget_unit"] != ""]
        assert len(units) > 0, name
        shown = facts[(facts["resource"] == name) & (facts["budget_unit"] != "")]
        pairs = set(zip(shown["report_id"], shown["budget_unit"], strict=True))
        assert pairs and pairs <= set(zip(units["report_id"], units["budget_unit"], strict=True))


def test_fiscal_facts_carry_the_function_hierarchy_of_the_code_list(corpus_site: Path) -> None:
    facts = read_csv(corpus_site / FISCAL_FACTS)
    codes = package_frame("function_codes")
    parents = dict(zip(codes["code"], codes["parent"], strict=True))
    coded = facts[facts["function_code"] != ""]
    assert len(coded) > 10_000
    for row in coded.drop_duplicates("function_code").to_dict(orient="records"):
        code, level = row["function_code"], int(row["function_level"])
        chain = [code]
        while parents.get(chain[-1]):
            chain.append(parents[chain[-1]])
        assert len(chain) == level, code
        levels = ["function_class", "function_group", "function_item"][:level]
        assert [row[name] for name in levels] == chain[::-1], code
        assert row["function_class_name"], code


# --- sitemap and 404 ---------------------------------------------------------------------


def sitemap_locations(site: Path) -> list[str]:
    tree = ElementTree.parse(site / "sitemap.xml")
    return [loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]


def test_sitemap_lists_every_page(corpus_site: Path) -> None:
    """One <loc> per generated page, at the configured address (404.html is no page)."""
    base = configured_site_url()
    pages = sorted(p.relative_to(corpus_site).as_posix() for p in corpus_site.rglob("*.html"))
    expected = [base + page for page in pages if page != "404.html"]
    locations = sitemap_locations(corpus_site)
    assert len(locations) == len(set(locations))
    assert sorted(locations) == expected and len(expected) > 150


@pytest.fixture(scope="module")
def small_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus package cut down to one report: a site that builds in seconds."""
    directory = tmp_path_factory.mktemp("small-package")
    descriptor = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    for item in descriptor["resources"]:
        frame = read_csv(ROOT / item["path"])
        if "report_id" in frame.columns:
            frame = frame[frame["report_id"] == SMALL_REPORT]
        item["path"] = f"{item['name']}.csv"
        frame.to_csv(directory / item["path"], index=False, lineterminator="\n")
    (directory / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False))
    return directory / "datapackage.json"


@pytest.fixture(scope="module")
def sub_path_site(small_package: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built for https://example.org/sub/; returns the directory holding ``sub/``."""
    root = tmp_path_factory.mktemp("sub-path")
    url = f"https://example.org/{SUB_PATH}"  # no slash: one is added
    build_site(small_package, root / "docs", root / SUB_PATH, site_url=url)
    return root


def test_site_url_is_the_one_given(sub_path_site: Path) -> None:
    site = sub_path_site / SUB_PATH
    locations = sitemap_locations(site)
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert len(locations) == len(pages) > 5
    assert all(loc.startswith(f"https://example.org/{SUB_PATH}/") for loc in locations)


def test_the_pipeline_publishes_the_site_at_the_url_of_params() -> None:
    """``site.url`` of params.yaml reaches the site stage's command, so changing it
    rebuilds the site; its default is mkdocs.yml's, which a site built by hand takes."""
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    stage = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]["site"]
    assert "--site-url ${site.url}" in stage["cmd"]
    assert params["site"]["url"] == configured_site_url()


class _SiteHandler(SimpleHTTPRequestHandler):
    """A static host like GitHub Pages: a missing path gets the site's 404.html with
    status 404 (the fixture server of tests/fixtures/browser.py answers a bare 404). It
    notes each path asked for."""

    not_found: Path | None = None
    requested: list[str]

    def send_error(self, code: int, message: str | None = None, explain: str | None = None):
        if code != 404 or self.not_found is None:
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def do_GET(self) -> None:
        self.requested.append(urlsplit(self.path).path)
        super().do_GET()

    def copyfile(self, source: BinaryIO, outputfile: BinaryIO) -> None:
        """A reader may stop once it has what it needs (Frictionless reads a sample)."""
        with suppress(BrokenPipeError, ConnectionResetError):
            super().copyfile(source, outputfile)

    def log_message(self, format: str, *args: object) -> None:
        """Keep request lines out of the test output."""


@contextmanager
def serve_site(directory: Path, not_found: Path | None = None) -> Iterator[tuple[str, list[str]]]:
    """Serve ``directory`` on a free loopback port; yield its URL and the paths requested."""
    requested: list[str] = []
    handler = type("Handler", (_SiteHandler,), {"not_found": not_found, "requested": requested})
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", requested
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and found.get("rel") in ("stylesheet", "icon") and found.get("href"):
            self.styles.append(found["href"])
        elif tag == "script" and found.get("src"):
            self.scripts.append(found["src"])
        elif tag == "a" and found.get("href") and not found["href"].startswith("#"):
            self.anchors.append(found["href"])


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            response.read()  # all of it, or the server finds its pipe broken
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_404_page_under_a_sub_path_loads_its_styles_scripts_and_links(sub_path_site: Path) -> None:
    site = sub_path_site / SUB_PATH
    with serve_site(sub_path_site, not_found=site / "404.html") as (url, _):
        missing = f"{url}{SUB_PATH}/reports/no-such-report.html"
        try:
            urllib.request.urlopen(missing)
            raise AssertionError("a missing page was found")
        except urllib.error.HTTPError as error:
            assert error.code == 404
            page = error.read().decode("utf-8")
        parser = _Links()
        parser.feed(page)
        assert any(".css" in href for href in parser.styles), parser.styles
        assert any("bundle" in src for src in parser.scripts), parser.scripts
        own = [a for a in parser.anchors if not urlsplit(a).scheme]  # not the theme's credit
        assert len(own) > 5
        for reference in parser.styles + parser.scripts + own:
            target = urljoin(missing, reference)
            assert urlsplit(target).path.startswith(f"/{SUB_PATH}/"), reference
            assert status(target) == 200, reference
