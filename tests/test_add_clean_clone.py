"""The contributor's whole path on a clean clone: remove a catalogued report, add it back.

A fresh ``git clone`` of this repository gets its DVC remote pointed at this checkout's
remote, pulls one PDF, and runs ``fiscal remove`` and then ``fiscal add`` on that PDF
saved under a download name, exactly as a contributor would. The report must come back
with the same catalogue row (the publisher keeps its id) and the same figures.

The other reports' extraction outputs are copied from this checkout's build, so that
only the re-added report is extracted, and the site's JavaScript is linked from this
checkout's ``node_modules`` (a contributor has both from ``bash scripts/build.sh``).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from conftest import CORPUS
from fiscal.schema import ROOT, read_csv

#: A small budget whose publisher has another catalogued report (its id must be reused).
REPORT = "shpt-sfj-2026-budget-unit"
MINUS = "\u2212"  # the site shows negatives with a minus sign, not a hyphen


def run(clone: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run a command in the clone with the clone's own ``fiscal`` package."""
    environment = dict(os.environ)
    environment["PYTHONPATH"] = str(clone / "scripts")
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment["PATH"]])
    result = subprocess.run(
        [*map(str, args)],
        cwd=clone,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result


def fiscal(clone: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return run(clone, sys.executable, "-m", "fiscal.cli", *args)


def catalogue(clone: Path) -> dict[str, dict[str, str]]:
    rows = read_csv(clone / "data" / "sources.csv").to_dict(orient="records")
    return {row["report_id"]: row for row in rows}


def report_ids(clone: Path) -> list[str]:
    return list(catalogue(clone))


def package_rows(root: Path, name: str) -> pd.DataFrame:
    frame = read_csv(root / "data" / "package" / f"{name}.csv")
    return frame[frame.report_id == REPORT].reset_index(drop=True)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean clone with its DVC remote set to this checkout's and the one PDF pulled."""
    clone = tmp_path_factory.mktemp("clean") / "repository"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    remote = (ROOT / ".dvc" / "../../shared/dvc-remote").resolve()
    run(clone, sys.executable, "-m", "dvc", "remote", "modify", "--local", "shared", "url", remote)
    run(
        clone, sys.executable, "-m", "dvc", "pull", "--quiet", f"data/raw/{REPORT}/{REPORT}.pdf.dvc"
    )
    for report in report_ids(clone):
        if report != REPORT:
            shutil.copytree(
                ROOT / "data" / "extracted" / report, clone / "data" / "extracted" / report
            )
    (clone / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    return clone


def test_remove_then_add_back_on_a_clean_clone(clone: Path, tmp_path: Path) -> None:
    before = catalogue(clone)[REPORT]
    # This checkout's build is the package as it was before the removal.
    [report_before] = package_rows(ROOT, "reports").to_dict(orient="records")
    amounts_before = package_rows(ROOT, "amounts")
    assert len(amounts_before) == int(report_before["amounts"]) > 0
    download = tmp_path / "2026年单位预算（司法局）.pdf"
    shutil.copyfile(clone / before["file_path"], download)

    fiscal(clone, "remove", REPORT, "--yes")

    assert REPORT not in catalogue(clone)
    assert REPORT not in report_ids(clone)
    assert not (clone / f"{before['file_path']}.dvc").exists()
    assert not (clone / before["file_path"]).exists()
    assert package_rows(clone, "reports").empty
    assert package_rows(clone, "amounts").empty
    others = read_csv(clone / "data" / "package" / "reports.csv")
    assert sorted(others.report_id) == sorted(r for r in report_ids(ROOT) if r != REPORT)

    # A report this clone has neither extracted nor pulled: `add` fetches and reads it too.
    other = next(r for r in report_ids(clone) if r.startswith("shpt-") and r != REPORT)
    shutil.rmtree(clone / "data" / "extracted" / other)
    assert not any((clone / "data" / "raw" / other).glob("*.pdf"))

    added = fiscal(clone, "add", download, "--yes")

    assert (clone / "data" / "extracted" / other / "reports.csv").is_file()
    assert re.search(rf"\] {other}: \d+ tables", added.stdout), added.stdout
    assert not re.search(rf"\] {REPORT}: ", added.stdout), "the checked extraction is kept"

    assert catalogue(clone)[REPORT] == before
    assert sorted(p.stem for p in (clone / "data" / "catalogue").glob("*.csv")) == sorted(
        report_ids(clone)
    )
    assert (clone / f"{before['file_path']}.dvc").is_file()
    [report] = package_rows(clone, "reports").to_dict(orient="records")
    assert report == report_before
    assert report["status"] == "ok"
    assert_frame_equal(package_rows(clone, "amounts"), amounts_before)
    assert f"amounts extracted: {report['amounts']}" in added.stdout
    assert "package: " in added.stdout and ": valid" in added.stdout
    assert "dvc push" in added.stdout
    listed = fiscal(clone, "list").stdout
    assert any(line.split()[0] == REPORT for line in listed.splitlines()[1:])


PAIR = "js-zxbgt-2019-budget-dept"  # 江苏省政协办公厅: 情况说明 and 公开表, two files


def test_a_report_of_two_volumes_is_removed_and_added_back_as_one(clone: Path) -> None:
    before = read_csv(clone / "data" / "sources.csv")
    before = before[before.report_id == PAIR]
    reports = read_csv(ROOT / "data" / "package" / "reports.csv")
    [report_before] = reports[reports.report_id == PAIR].to_dict(orient="records")
    volumes = [CORPUS / Path(path).name for path in before.file_path]

    fiscal(clone, "remove", PAIR, "--yes")

    assert PAIR not in catalogue(clone)
    assert not (clone / "data" / "raw" / PAIR).exists()

    # Its narrative cover prints no publisher: the contributor names it, as the error asks.
    added = fiscal(clone, "add", *volumes, "--yes", "--publisher", before.publisher.iloc[0])

    after = read_csv(clone / "data" / "sources.csv")
    after = after[after.report_id == PAIR]
    columns = ["part", "file_path", "sha256", "page_count", "publisher_id", "division_code"]
    assert after[columns].to_dict(orient="records") == before[columns].to_dict(orient="records")
    for path in after.file_path:
        assert (clone / f"{path}.dvc").is_file()
        assert f"{path}.dvc" in added.stdout  # in the `git add` line
    rebuilt = read_csv(clone / "data" / "package" / "reports.csv")
    [report] = rebuilt[rebuilt.report_id == PAIR].to_dict(orient="records")
    assert report["status"] == "ok"
    assert (report["tables_found"], report["amounts"]) == (
        report_before["tables_found"],
        report_before["amounts"],
    )


def republished(pdf: Path, directory: Path) -> Path:
    """The same report saved again with an incremental update, as corrected re-posts are.

    The new revision only adds an Info dictionary, so the figures are unchanged; the bytes
    (and sha256) are new, which is what marks a re-publication.
    """
    data = pdf.read_bytes()
    startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    size = int(re.findall(rb"/Size\s+(\d+)", data)[-1])
    root = re.findall(rb"/Root\s+\d+\s+\d+\s+R", data)[-1]
    info = b"%d 0 obj\n<< /Title (corrected) >>\nendobj\n" % size
    offset = len(data) + 1
    update = b"\n" + info
    xref = offset + len(info)
    update += b"xref\n%d 1\n%010d 00000 n \n" % (size, offset)
    update += b"trailer\n<< /Size %d %s /Info %d 0 R /Prev %d >>\n" % (
        size + 1,
        root,
        size,
        startxref,
    )
    update += b"startxref\n%d\n%%%%EOF\n" % xref
    path = directory / "更正版.pdf"
    path.write_bytes(data + update)
    return path


def test_a_corrected_republication_is_a_new_version(clone: Path, tmp_path: Path) -> None:
    """Same publisher, year, family and scope with new bytes: version 2, the old one kept."""
    original = catalogue(clone)[REPORT]
    corrected = republished(clone / original["file_path"], tmp_path)

    fiscal(clone, "add", corrected, "--yes")

    rows = catalogue(clone)
    new = rows[f"{REPORT}-v2"]
    assert (new["version"], new["superseded_by"]) == ("2", "")
    assert new["publisher_id"] == original["publisher_id"]
    assert rows[REPORT]["superseded_by"] == f"{REPORT}-v2"
    assert report_ids(clone) == list(rows)
    reports = read_csv(clone / "data" / "package" / "reports.csv").set_index("report_id")
    assert reports.loc[REPORT, "superseded_by"] == f"{REPORT}-v2"
    assert reports.loc[f"{REPORT}-v2", "status"] == "ok"
    assert f"superseded by {REPORT}-v2" in fiscal(clone, "list").stdout

    fiscal(clone, "remove", f"{REPORT}-v2", "--yes")

    assert catalogue(clone)[REPORT]["superseded_by"] == ""


def shown(amount: str) -> str:
    """An amount in 万元 as the site shows it: two decimals rounded half up, with commas."""
    number = Decimal(amount)
    rounded = abs(number).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = MINUS if number < 0 and rounded else ""
    return f"{sign}{rounded:,.2f}"


class AmountCells(HTMLParser):
    """The figure cells of a report page: exact value, the printed text with the unit its
    column was printed in (what site.js makes the tooltip of), and the text shown."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[Decimal, str, str]] = []
        self._units: list[str] = []  # the current table's printed unit, by column
        self._column = 0
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self._units = []
        elif tag == "th":
            self._units.append(found.get("data-printed-unit") or "")
        elif tag == "tr":
            self._column = 0
        elif tag == "td":
            unit = self._units[self._column] if self._column < len(self._units) else ""
            self._column += 1
            if found.get("data-p"):
                printed = f"原文 {found['data-p']}（{unit}）"
                self._open = [found.get("data-sort") or "", printed, ""]

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._open is not None:
            value, printed, content = self._open
            self.cells.append((Decimal(value), printed, content.strip()))
            self._open = None


def test_the_report_has_its_page_on_the_site(clone: Path) -> None:
    """The re-added report gets its page, with its title and every figure it had before."""
    run(clone, sys.executable, "-m", "dvc", "repro", "--single-item", "site")
    source = catalogue(clone)[REPORT]
    page = clone / "build" / "site" / "reports" / f"{REPORT}.html"
    assert page.is_file()
    content = page.read_text(encoding="utf-8")
    assert f"<p>{html.escape(source['title'])}</p>" in content
    assert f"<code>{REPORT}</code>" in content
    assert f"<code>{source['sha256']}</code>" in content
    index = (clone / "build" / "site" / "reports" / "index.html").read_text(encoding="utf-8")
    assert f'href="{REPORT}.html"' in index

    amounts = package_rows(ROOT, "amounts")
    [report] = package_rows(ROOT, "reports").to_dict(orient="records")
    assert len(amounts) == int(report["amounts"]) > 0
    expected = Counter(
        (Decimal(row.amount), f"原文 {row.published}（{row.unit}）", shown(row.amount))
        for row in amounts.itertuples()
    )
    cells = AmountCells()
    cells.feed(content)
    assert Counter(cells.cells) == expected
