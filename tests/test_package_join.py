"""The package stage joins the reports' rows as their extraction wrote them.

It parses only what it derives (the code lists, budget_vs_actual); every other resource is
each report's lines under one header. That must be the very file that parsing every
report's rows and writing them again gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fiscal.package.tidy import join_reports, read_reports, write_package
from fiscal.schema import CATALOGUE, ROOT, read_csv, resource_names

EXTRACTED = ROOT / "data" / "extracted"
#: Budgets printing function and economic codes (the code lists come from all of them), a
#: final account, a performance evaluation with forms, and a refused scan (a failed report).
REPORTS = [
    "shpt-wljd-2025-budget-dept",
    "gz-petition-2026-budget-dept",
    "shpt-czj-2024-final-dept",
    "cs-sasac-2020-perf-eval-project",
    "bj-data-2026-budget-dept",
]


def _paths(directory: Path) -> dict[str, Path]:
    return {name: directory / f"{name}.csv" for name in resource_names() if name != CATALOGUE}


@pytest.fixture
def directories() -> list[Path]:
    found = [EXTRACTED / report_id for report_id in REPORTS]
    missing = [path.name for path in found if not path.is_dir()]
    assert not missing, f"not extracted (run `bash scripts/build.sh`): {missing}"
    return found


def test_joined_rows_are_the_rows_parsed_and_written_again(
    directories: list[Path], tmp_path: Path
) -> None:
    catalogue = read_csv(ROOT / "data" / "sources.csv")
    joined, written = _paths(tmp_path / "joined"), _paths(tmp_path / "written")
    reports = join_reports(directories, catalogue, joined)["reports"]
    write_package(read_reports(directories), catalogue, written)

    assert list(reports["report_id"]) == REPORTS
    assert set(read_csv(joined["amounts"])["report_id"]) == set(REPORTS) - {REPORTS[-1]}
    assert len(read_csv(joined["economic_codes"])) > 0
    for name, path in joined.items():
        assert path.read_bytes() == written[name].read_bytes(), name


def test_a_report_written_under_another_schema_is_refused(
    directories: list[Path], tmp_path: Path
) -> None:
    stale = tmp_path / "stale"
    stale.mkdir()
    (stale / "amounts.csv").write_text("report_id,amount\nx,1\n", encoding="utf-8")
    catalogue = read_csv(ROOT / "data" / "sources.csv")
    with pytest.raises(FileNotFoundError, match="written under another schema"):
        join_reports([*directories, stale], catalogue, _paths(tmp_path / "out"))
    assert not (tmp_path / "out" / "amounts.csv").exists()
