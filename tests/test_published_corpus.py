"""The national corpus as published: every file a report (or part of one), pairs joined,
places and kinds of department, from the package ``dvc repro`` built and its site."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import CORPUS
from fiscal.regions import division_code
from fiscal.schema import ROOT, read_csv, resource
from fiscal.vocabulary import department_kind


def load(name: str) -> pd.DataFrame:
    path = ROOT / resource(name)["path"]
    if not path.exists():
        pytest.fail(f"{path} is missing: build the package first (bash scripts/build.sh)")
    return read_csv(path)


def corpus_files() -> list[Path]:
    """The corpus PDFs that are reports: all but the national template (a test fixture)."""
    return sorted(p for p in CORPUS.glob("*.pdf") if not p.name.startswith("template"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_corpus_file_is_a_report_or_part_of_one() -> None:
    sources = load("sources")
    by_hash = dict(zip(sources.sha256, sources.report_id, strict=True))
    missing = [path.name for path in corpus_files() if sha256(path) not in by_hash]
    assert missing == []
    assert len(sources) == len(corpus_files()) >= 85
    assert set(load("reports").report_id) == set(sources.report_id)


def test_a_narrative_and_its_tables_volume_are_one_report() -> None:
    """Each ``-tables`` file beside its narrative volume in the corpus is joined to it:
    one report, two files, its tables read from the tables volume."""
    sources = load("sources")
    names = {path.name for path in corpus_files()}
    pairs = [
        name
        for name in names
        if name.endswith("-tables.pdf") and name.replace("-tables", "") in names
    ]
    assert len(pairs) == 9
    tables = load("report_tables")
    for tables_file in pairs:
        rows = sources[sources.file_path.str.endswith("/" + tables_file)]
        report_id = rows.report_id.iloc[0]
        files = sources[sources.report_id == report_id]
        assert list(files.part) == ["narrative", "tables"], report_id
        assert Path(files.file_path.iloc[0]).name == tables_file.replace("-tables", "")
        printed = tables[tables.report_id == report_id]
        assert len(printed) >= 5, report_id
        assert set(printed.file) == {tables_file}, report_id


def test_a_publisher_has_one_id_across_years_phases_and_files() -> None:
    sources = load("sources")
    assert (sources.groupby("publisher").publisher_id.nunique() == 1).all()
    assert (sources.groupby("publisher_id").publisher.nunique() == 1).all()
    procuratorate = sources[sources.publisher == "江苏省人民检察院"]
    assert sorted(set(procuratorate.fiscal_year)) == ["2017", "2018", "2019"]


def test_every_report_has_its_division_code_level_and_kind() -> None:
    """Codes come from the GB/T 2260 list by the catalogue's names; kinds from the
    publisher's name unless the catalogue says otherwise (a bureau's own centre)."""
    sources = load("sources")
    for row in sources.itertuples():
        assert row.division_code == division_code(row.province, row.city, row.district), row
        assert row.admin_level in {"central", "province", "city", "district"}
    assert set(sources[sources.admin_level == "central"].division_code) == {"100000"}
    by_name = sources.publisher.map(department_kind)
    overridden = sources[by_name != sources.department_kind]
    assert set(overridden.publisher) <= {"上海市减污降碳管理运行技术中心"}
    ecology = sources[sources.department_kind == "ecology"]
    assert ecology.publisher_id.nunique() >= 6


def test_place_pages_hold_their_reports(corpus_site: Path) -> None:
    sources = load("sources").drop_duplicates("report_id")
    index = (corpus_site / "places" / "index.html").read_text("utf-8")
    for province in set(sources.province) - {""}:
        assert f">{province}</a>" in index, province
    assert ">中央</a>" in index
    putuo = (corpus_site / "places" / "310107.html").read_text("utf-8")
    for report_id in sources[sources.division_code == "310107"].report_id:
        assert f"../reports/{report_id}.html" in putuo
    shanghai = (corpus_site / "places" / "310000.html").read_text("utf-8")
    assert 'href="310107.html"' in shanghai  # the district below the city


def test_the_ecology_page_lists_every_ecology_report(corpus_site: Path) -> None:
    sources = load("sources").drop_duplicates("report_id")
    page = (corpus_site / "kinds" / "ecology.html").read_text("utf-8")
    page = page[page.index('id="table-kind-reports"') :]
    page = page[: page.index("</table>")]
    ecology = sources[sources.department_kind == "ecology"]
    for report_id in ecology.report_id:
        assert f"../reports/{report_id}.html" in page, report_id
    others = sources[sources.department_kind != "ecology"]
    assert not any(f"../reports/{r}.html" in page for r in others.report_id)
    home = (corpus_site / "index.html").read_text("utf-8")
    assert home.index("生态环境部门") < home.index("收录范围")


def test_a_table_names_each_of_its_sheets_once(corpus_site: Path) -> None:
    """A printing that lists many projects (one form each) names the sheets of its forms'
    indicators and funds once, not once per form."""
    repeated, listings = [], 0
    for page in sorted((corpus_site / "reports").glob("*.html")):
        for line in re.findall(r'<p class="fiscal-downloads">(.*?)</p>', page.read_text("utf-8")):
            sheets = re.findall(r"工作表 ([\w-]+)", line)
            listings += "performance_indicators" in sheets
            if len(sheets) != len(set(sheets)):
                repeated.append(f"{page.name}: {sheets}")
    assert listings > 0
    assert repeated == []
