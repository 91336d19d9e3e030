"""``fiscal add`` refuses a file it cannot make a good report of, before changing anything.

Every refusal is exit code 2 and one line naming the file and what to do; the catalogue,
params and ``data/raw`` are byte-for-byte as they were. Each case is a real file made for
it (:mod:`fixtures.bad_pdfs`, :mod:`fixtures.add_cases`) or a real corpus PDF.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fiscal.catalogue.lifecycle import Given, propose_row
from fiscal.catalogue.rows import read_catalogue
from fiscal.schema import ROOT
from fixtures.add_cases import (
    anonymous_final_pdf,
    yearless_final_pdf,
    zhuzhou_final_pdf,
)
from fixtures.bad_pdfs import (
    corrupt_pdf,
    encrypted_pdf,
    image_only_pdf,
    not_a_pdf,
    not_budget_pdf,
    truncated_pdf,
)

CORPUS = ROOT.parent / "shared" / "corpus"
GOOD_PDF = CORPUS / "shpt-shgzb-2024-final-dept.pdf"
HUNAN = ["--province", "湖南省"]


def _truncated_word_file(directory: Path) -> Path:
    path = directory / "2024年度部门整体支出绩效自评表.docx"
    path.write_bytes(b"PK\x03\x04")
    return path


# name: (make the file, extra options, the phrase the one line must carry)
CASES: dict[str, tuple[Callable[[Path], Path], list[str], str]] = {
    "missing": (lambda d: d / "never-downloaded.pdf", [], "file not found; check the path"),
    "not_pdf": (not_a_pdf, [], "not a PDF file"),
    "word_truncated": (_truncated_word_file, [], "truncated file (zip directory missing)"),
    "encrypted": (encrypted_pdf, [], "encrypted PDF that needs a password"),
    "truncated": (lambda d: truncated_pdf(d, GOOD_PDF), [], "truncated PDF"),
    "corrupt": (lambda d: corrupt_pdf(d, GOOD_PDF), [], "damaged PDF"),
    "image_only": (image_only_pdf, [], "no text layer"),
    "not_budget": (not_budget_pdf, [], "neither 预算 (budget) nor 决算 (final account)"),
    "duplicate": (lambda d: GOOD_PDF, [], "already catalogued as shpt-shgzb-2024-final-dept"),
    "no_publisher": (anonymous_final_pdf, [], "publisher not found on the cover; give it with"),
    "no_year": (yearless_final_pdf, [], "fiscal year not found on the cover; give it with --year"),
    "no_region": (zhuzhou_final_pdf, [], "no province in the publisher's name (株洲市生态环境局)"),
    "wrong_year": (
        zhuzhou_final_pdf,
        [*HUNAN, "--year", "2022"],
        "the document is for 2023, the catalogue says 2022; check --year",
    ),
}


def repository_state() -> dict[str, bytes]:
    """The files ``fiscal add`` would change."""
    files = [ROOT / "data" / "sources.csv", ROOT / "dvc.lock"]
    files += sorted(path for path in (ROOT / "data" / "raw").rglob("*") if path.is_file())
    return {str(path): path.read_bytes() for path in files}


@pytest.mark.parametrize("name", list(CASES))
def test_add_refuses_with_one_line(name: str, tmp_path: Path) -> None:
    make, options, phrase = CASES[name]
    path = make(tmp_path)
    before = repository_state()

    result = subprocess.run(
        [sys.executable, "-m", "fiscal.cli", "add", str(path), "--yes", *options],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 2, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [line for line in result.stderr.splitlines() if "…" not in line]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"error: {path}: "), errors[0]
    assert phrase in errors[0], errors[0]
    assert "Traceback" not in result.stderr
    assert repository_state() == before


def test_a_new_publisher_gets_a_proposed_id_and_region(tmp_path: Path) -> None:
    """株洲市生态环境局 with --province 湖南省: a city-level publisher with pinyin initials."""
    row = propose_row(zhuzhou_final_pdf(tmp_path), Given(province="湖南省"), read_catalogue())

    assert row["publisher_id"] == "hnzz-sthjj"
    assert row["report_id"] == "hnzz-sthjj-2023-final-dept"
    assert (row["province"], row["city"], row["district"]) == ("湖南省", "株洲市", "")
    assert row["admin_level"] == "city"
    assert row["file_path"] == "data/raw/hnzz-sthjj-2023-final-dept/hnzz-sthjj-2023-final-dept.pdf"
    assert (row["version"], row["superseded_by"]) == ("1", "")


def test_options_override_the_cover(tmp_path: Path) -> None:
    given = Given(
        province="湖南省", publisher_id="zz-sthj", title="株洲市生态环境局2023年部门决算公开"
    )
    row = propose_row(zhuzhou_final_pdf(tmp_path), given, read_catalogue())

    assert row["report_id"] == "zz-sthj-2023-final-dept"
    assert row["title"] == "株洲市生态环境局2023年部门决算公开"


def test_a_catalogued_publisher_keeps_its_id() -> None:
    """司法局's unit budget, were it new, would take the id of its department budget."""
    catalogue = [row for row in read_catalogue() if row["report_id"] != "shpt-sfj-2026-budget-unit"]
    row = propose_row(CORPUS / "shpt-sfj-2026-budget-unit.pdf", Given(), catalogue)

    assert row["publisher_id"] == "shpt-sfj"
    assert row["report_id"] == "shpt-sfj-2026-budget-unit"


def test_a_report_is_one_file_or_its_two_volumes(tmp_path: Path) -> None:
    from fiscal.catalogue.lifecycle import file_rows
    from fiscal.errors import CatalogueError

    volumes = []
    for name in ("说明.pdf", "报表.pdf", "附件.pdf"):
        volumes.append(tmp_path / name)
        volumes[-1].write_bytes(name.encode())
    row = {"report_id": "js-x-2019-budget-dept", "part": "whole", "file_path": "", "sha256": ""}

    narrative, tables = file_rows(row, volumes[:2], [])

    assert (narrative["part"], tables["part"]) == ("narrative", "tables")
    assert narrative["file_path"] == "data/raw/js-x-2019-budget-dept/js-x-2019-budget-dept.pdf"
    assert tables["file_path"] == "data/raw/js-x-2019-budget-dept/js-x-2019-budget-dept-tables.pdf"
    assert narrative["sha256"] != tables["sha256"]
    assert file_rows(row, volumes[:1], []) == [row]
    with pytest.raises(CatalogueError, match="two files"):
        file_rows(row, volumes, [])
