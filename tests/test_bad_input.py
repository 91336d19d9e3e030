"""What a contributor and the pipeline see when a source file cannot be read.

``fiscal extract`` must refuse a bad file with exit code 2 and one line naming the file and
the reason, and must not leave a half-written output directory behind. With
``--record-failure`` a catalogued bad file becomes one ``failed`` report instead, and the
reports already extracted beside it stay exactly as they were.

The CLI runs as a subprocess, as the DVC stages and contributors run it, so a traceback or
a stray line on stderr fails the test just as it would confuse a person.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from fiscal.errors import detail
from fixtures.bad_pdfs import (
    USER_PASSWORD,
    corrupt_pdf,
    damaged_page_box_pdf,
    encrypted_pdf,
    image_only_pdf,
    not_a_pdf,
    not_budget_pdf,
    truncated_pdf,
    wrong_year_case,
)

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GOOD_PDF = CORPUS / "shpt-shgzb-2024-final-dept.pdf"
GOOD_ID = "shpt-shgzb-2024-final-dept"
BAD_ID = "bad-input-report"

#: The catalogue columns, from the ``sources`` resource of the repository's descriptor.
CATALOGUE_FIELDS = [
    field["name"]
    for resource in json.loads(
        (Path(__file__).resolve().parents[1] / "datapackage.json").read_text(encoding="utf-8")
    )["resources"]
    if resource["name"] == "sources"
    for field in resource["schema"]["fields"]
]


# pdfplumber wraps every parser error in its own PdfminerException, which open_pdf does not
# catch, so these files crash the CLI with a traceback (exit 1) instead of exiting 2.
@dataclass(frozen=True)
class BadCase:
    """A way to make a bad file, and what the CLI must say about it.

    ``reason`` is written out as text rather than imported from ``fiscal.errors``: the
    codes are published in ``reports.csv``, so renaming one must fail a test.
    """

    make: Callable[[Path], Path]
    reason: str
    phrase: str
    catalogued_year: int = 2024


def _missing(directory: Path) -> Path:
    """A catalogued file that was never downloaded (or was moved)."""
    return directory / "never-downloaded.pdf"


def _wrong_year(directory: Path) -> Path:
    """The real PDF itself: nothing is wrong with the file, only with its catalogue row."""
    return wrong_year_case(CORPUS).pdf


WRONG_YEAR = wrong_year_case(CORPUS)

CASES = {
    "missing": BadCase(_missing, "missing", "file not found"),
    "not_pdf": BadCase(not_a_pdf, "not_pdf", "not a PDF file"),
    "truncated": BadCase(
        lambda directory: truncated_pdf(directory, GOOD_PDF), "truncated", "truncated PDF"
    ),
    "encrypted": BadCase(encrypted_pdf, "encrypted", "encrypted PDF that needs a password"),
    "corrupt": BadCase(
        lambda directory: corrupt_pdf(directory, GOOD_PDF), "corrupt", "damaged PDF"
    ),
    "damaged_pages": BadCase(
        lambda directory: damaged_page_box_pdf(directory, GOOD_PDF),
        "corrupt",
        "damaged PDF",  # not the reader's failure: closing it listed its pages again
    ),
    "image_only": BadCase(image_only_pdf, "no_text_layer", "no text layer"),
    "not_budget": BadCase(
        not_budget_pdf, "not_a_budget_document", "no standard budget, final-account"
    ),
    "wrong_year": BadCase(
        _wrong_year,
        "wrong_year",
        f"the document is for {WRONG_YEAR.printed_year}, "
        f"the catalogue says {WRONG_YEAR.catalogued_year}",
        catalogued_year=WRONG_YEAR.catalogued_year,
    ),
}

CASE_PARAMS = [name for name in CASES]


def run_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``fiscal`` as a separate process, exactly as a contributor or DVC stage does."""
    return subprocess.run(
        [sys.executable, "-m", "fiscal.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def catalogue_row(pdf: Path, report_id: str, fiscal_year: int) -> dict[str, object]:
    """A minimal valid catalogue row for ``pdf`` (page_count 1 where it cannot be read)."""
    data = pdf.read_bytes() if pdf.is_file() else b""
    return {
        "report_id": report_id,
        "title": f"{fiscal_year}年度部门决算",
        "publisher_id": "test-publisher",
        "publisher": "测试单位",
        "province": "上海市",
        "city": "",
        "district": "普陀区",
        "admin_level": "district",
        "fiscal_year": fiscal_year,
        "family": "final",
        "scope": "department",
        "file_path": str(pdf),
        "sha256": hashlib.sha256(data).hexdigest(),
        "page_count": 1,
        "source_url": "",
    }


def write_catalogue(path: Path, rows: list[dict[str, object]]) -> Path:
    """Write a catalogue CSV with the descriptor's columns, so tests never read data/sources.csv."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CATALOGUE_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` with its bytes, to prove nothing was touched."""
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An ``extracted/`` directory holding one good report, as the pipeline leaves it.

    Extracting the real PDF takes about a second, so it is done once for the module; the
    tests write their failed reports beside it and check it is byte-for-byte unchanged.
    """
    root = tmp_path_factory.mktemp("extracted")
    catalogue = write_catalogue(
        tmp_path_factory.mktemp("catalogue") / "sources.csv",
        [catalogue_row(GOOD_PDF, GOOD_ID, 2024)],
    )
    good = root / GOOD_ID
    result = run_cli(
        "extract", GOOD_PDF, "--out", good, "--report-id", GOOD_ID, "--catalogue", catalogue
    )
    assert result.returncode == 0, result.stderr
    assert (good / "reports.csv").is_file()
    return root


def read_reports(directory: Path) -> list[dict[str, str]]:
    with (directory / "reports.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("name", CASE_PARAMS)
def test_bad_file_is_refused_with_one_line(name: str, tmp_path: Path) -> None:
    """A contributor gets exit 2 and one line naming the file and what to do, no traceback."""
    case = CASES[name]
    pdf = case.make(tmp_path)
    catalogue = write_catalogue(
        tmp_path / "sources.csv", [catalogue_row(pdf, BAD_ID, case.catalogued_year)]
    )
    work = tmp_path / "work"
    work.mkdir()
    out = work / "out"

    result = run_cli("extract", pdf, "--out", out, "--report-id", BAD_ID, "--catalogue", catalogue)

    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {pdf}: "), lines[0]
    assert case.phrase in lines[0], lines[0]
    assert result.stdout == ""
    assert list(work.iterdir()) == [], "a refused file must leave no output or staging dir"


def test_uncatalogued_bad_file_is_refused(tmp_path: Path) -> None:
    """A file tried out without a catalogue row (no year to compare) is still refused."""
    pdf = not_budget_pdf(tmp_path)
    out = tmp_path / "out"

    result = run_cli(
        "extract", pdf, "--out", out, "--catalogue", write_catalogue(tmp_path / "empty.csv", [])
    )

    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"error: {pdf}: no standard budget, final-account or performance table found; "
        "not a budget document?"
    ]
    assert not out.exists()


def test_record_failure_without_catalogue_row(tmp_path: Path) -> None:
    """A report stage run without a catalogue still publishes its failure, so the build goes on."""
    pdf = image_only_pdf(tmp_path)
    out = tmp_path / "out"

    result = run_cli("extract", pdf, "--out", out, "--report-id", BAD_ID, "--record-failure")

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    [report] = read_reports(out)
    assert (report["report_id"], report["status"]) == (BAD_ID, "failed")
    assert report["error_reason"] == "no_text_layer"
    assert (out / "datapackage.json").is_file()


@pytest.mark.parametrize("name", CASE_PARAMS)
def test_record_failure_publishes_a_failed_report(
    name: str, tmp_path: Path, extracted: Path
) -> None:
    """In the pipeline one bad file becomes one failed report; the good report is untouched."""
    case = CASES[name]
    pdf = case.make(tmp_path)
    catalogue = write_catalogue(
        tmp_path / "sources.csv", [catalogue_row(pdf, BAD_ID, case.catalogued_year)]
    )
    out = extracted / f"{BAD_ID}-{name}"
    before = snapshot(extracted / GOOD_ID)

    result = run_cli(
        "extract",
        pdf,
        "--out",
        out,
        "--report-id",
        BAD_ID,
        "--catalogue",
        catalogue,
        "--record-failure",
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    reports = read_reports(out)
    assert len(reports) == 1
    assert reports[0]["report_id"] == BAD_ID
    assert reports[0]["status"] == "failed"
    assert reports[0]["error_reason"] == case.reason
    assert case.phrase in reports[0]["error_message"]
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert (out / resource["path"]).is_file(), resource["path"]
    assert snapshot(extracted / GOOD_ID) == before
    assert [path.name for path in extracted.iterdir() if path.name.startswith(".")] == []


def test_encrypted_fixture_is_a_real_budget_pdf_behind_a_password(tmp_path: Path) -> None:
    """The encrypted case must fail for the password, not because the file is garbage."""
    pdf = encrypted_pdf(tmp_path)

    with pytest.raises(PdfminerException) as refused:
        pdfplumber.open(pdf).close()
    with pdfplumber.open(pdf, password=USER_PASSWORD) as opened:
        page_count = len(opened.pages)

    assert isinstance(refused.value.args[0], PDFPasswordIncorrect)
    assert page_count == 2


def test_image_only_fixture_has_images_and_no_text(tmp_path: Path) -> None:
    """The scan case must reach the text-layer check: a parsable PDF with pictures only."""
    with pdfplumber.open(image_only_pdf(tmp_path)) as pdf:
        pages = [(len(page.chars), len(page.images)) for page in pdf.pages]

    assert len(pages) > 1
    assert all(chars == 0 and images == 1 for chars, images in pages)


def test_not_budget_fixture_has_text_and_a_ruled_table(tmp_path: Path) -> None:
    """The notice must get past the text and grid checks, so only table recognition refuses it."""
    with pdfplumber.open(not_budget_pdf(tmp_path)) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        tables = page.extract_tables()

    assert "2024年" in text
    assert len(tables) == 1
    assert tables[0][0] == ["序号", "姓名", "所在科室", "职务"]


@pytest.mark.parametrize(
    "make",
    [encrypted_pdf, image_only_pdf, not_a_pdf, not_budget_pdf],
    ids=lambda make: make.__name__,
)
def test_fixtures_are_deterministic(make: Callable[[Path], Path], tmp_path: Path) -> None:
    """A failing run can be reproduced from its file only if every run writes the same bytes."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()

    assert make(first).read_bytes() == make(second).read_bytes()


def test_a_refusal_quotes_an_exceptions_text_on_one_short_line() -> None:
    """A damaged stream makes pdfminer raise with a dump of its tokens (2,000 characters of
    /b'Tj' /b'ET' …): the refusal names the exception and quotes its start, on one line."""
    dump = "Invalid dictionary construct: [" + ", /b'Tj'\n" * 300 + "]"
    quoted = detail(ValueError(dump))
    assert quoted.startswith("ValueError: Invalid dictionary construct: [")
    assert len(quoted) < 200 and "\n" not in quoted and quoted.endswith("…")
    assert detail(KeyError("x")) == "KeyError: 'x'"
