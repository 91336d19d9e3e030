"""What ``fiscal add`` proposes from a cover: it must match the hand-made catalogue rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscal.catalogue.rows import read_catalogue
from fiscal.errors import DocumentError
from fiscal.read.extract import read_cover
from fiscal.regions import Region, parse_region
from fixtures.performance_forms import (
    SEEDS,
    build_performance_docx,
    build_performance_pdf,
    read_seed_forms,
)
from fixtures.zhuzhou_final import build_zhuzhou_final_pdf

CATALOGUED = read_catalogue()
#: The rows written by hand from the Shanghai Putuo covers (the others were proposed).
HAND_WRITTEN = [row for row in CATALOGUED if row["report_id"].startswith("shpt-")]
#: Every file with a cover: a whole report or a narrative volume (a tables volume has none).
COVERED = [row for row in CATALOGUED if row["part"] != "tables"]


@pytest.mark.parametrize("row", COVERED, ids=[row["report_id"] for row in COVERED])
def test_every_cover_says_the_catalogued_year_phase_and_scope(
    row: dict[str, str], corpus: Path
) -> None:
    path = corpus / Path(row["file_path"]).name
    if path.stem.endswith("-scanned"):  # no text layer: refused until OCR exists
        with pytest.raises(DocumentError, match="needs OCR"):
            read_cover(path)
        return
    facts = read_cover(path)
    assert str(facts.fiscal_year) == row["fiscal_year"]
    assert facts.phase == row["family"]
    assert facts.scope in (row["scope"], None)


@pytest.mark.parametrize("row", HAND_WRITTEN, ids=[row["report_id"] for row in HAND_WRITTEN])
def test_cover_facts_match_the_catalogue(row: dict[str, str], corpus: Path) -> None:
    """Every hand-written row: the cover must propose the same."""
    facts = read_cover(corpus / Path(row["file_path"]).name)

    assert facts.region is not None
    proposed = {
        "title": facts.title,
        "publisher": facts.publisher,
        "province": facts.region.province,
        "city": facts.region.city,
        "district": facts.region.district,
        "admin_level": facts.region.admin_level,
        "fiscal_year": str(facts.fiscal_year),
        "family": facts.phase,
        "scope": facts.scope,
    }
    assert proposed == {key: row[key] for key in proposed}


def test_final_account_cover_from_another_province(tmp_path: Path) -> None:
    """Hunan prints "2023年度 / 株洲市生态环境局部门决算": publisher after the year, no province."""
    pdf = tmp_path / "cover.pdf"
    build_zhuzhou_final_pdf(pdf)

    facts = read_cover(pdf)

    assert (facts.fiscal_year, facts.phase, facts.scope) == (2023, "final", "department")
    assert facts.publisher == "株洲市生态环境局"
    assert facts.title == "株洲市生态环境局2023年度部门决算"
    assert facts.region is None  # the cover names no province: the contributor must give it


@pytest.mark.parametrize(
    ("name", "region", "level"),
    [
        ("上海市普陀区司法局", Region("上海市", "", "普陀区"), "district"),
        ("中共上海市普陀区委社会工作部", Region("上海市", "", "普陀区"), "district"),
        ("湖南省株洲市生态环境局", Region("湖南省", "株洲市", ""), "city"),
        (
            "湖南省岳阳市经济技术开发区财政局",
            Region("湖南省", "岳阳市", "经济技术开发区"),
            "district",
        ),
        (
            "新疆维吾尔自治区克孜勒苏柯尔克孜自治州生态环境局",
            Region("新疆维吾尔自治区", "克孜勒苏柯尔克孜自治州", ""),
            "city",
        ),
        ("湖南省财政厅", Region("湖南省", "", ""), "province"),
    ],
)
def test_region_from_a_publisher_name(name: str, region: Region, level: str) -> None:
    assert parse_region(name) == region
    assert region.admin_level == level


def test_a_name_without_a_province_has_no_region() -> None:
    assert parse_region("克孜勒苏柯尔克孜自治州生态环境局") is None


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_performance_report_cover(fmt: str, tmp_path: Path) -> None:
    """A self-evaluation report names its publisher before 部门（单位）整体支出绩效自评报告."""
    forms = read_seed_forms(SEEDS["yueyang"])
    path = tmp_path / f"yueyang.{fmt}"
    cover = ["2024年度", "岳阳市生态环境局岳阳经济技术开发区分局部门（单位）整体支出绩效自评报告"]
    (build_performance_pdf if fmt == "pdf" else build_performance_docx)(path, forms, cover)
    facts = read_cover(path)
    assert (facts.fiscal_year, facts.phase, facts.scope) == (2024, "performance", "department")
    assert facts.publisher == "岳阳市生态环境局岳阳经济技术开发区分局"


TEXT_COVERED = [row for row in COVERED if not Path(row["file_path"]).stem.endswith("-scanned")]


def test_a_proposed_publisher_is_the_name_the_cover_prints(corpus: Path) -> None:
    """What ``fiscal add`` proposes as the publisher is the name alone: never text run on
    from a contents page printed on the cover (…部门综合预算目录第一部分…), nor the scope
    after it (（本级）, （汇总）, 北京市教育委员会部门 2026年部门预算). Where the cover names one,
    it is the catalogued name, or that name as the cover prints it without 中共."""
    proposed = {
        row["report_id"]: (read_cover(corpus / Path(row["file_path"]).name).publisher, row)
        for row in TEXT_COVERED
    }
    named = {key: (name, row) for key, (name, row) in proposed.items() if name is not None}
    assert len(named) >= 0.9 * len(TEXT_COVERED)
    for name, row in named.values():
        assert name == row["publisher"] or row["publisher"] == f"中共{name}", (name, row)
