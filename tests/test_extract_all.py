"""The pipeline's extract stage on a local Dask cluster: every report extracted as
``fiscal extract`` would, only what changed re-extracted, one bad document or one dead
worker failing alone, and a run killed midway losing nothing.

Each test builds a throwaway repository layout (``raw/<id>/``, ``catalogue/<id>.csv``)
from real corpus PDFs and the repository's own catalogue rows.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from distributed import KilledWorker

from conftest import CORPUS
from fiscal.catalogue.rows import read_catalogue
from fiscal.ops.cluster import dask_client, run_tasks
from fiscal.ops.limits import Limits
from fiscal.schema import CATALOGUE, CATALOGUE_PATH, read_csv, write_csv
from fiscal.stages.extract import extract_to_directory
from fiscal.stages.extract_all import KEY_FILE, _largest_first, extract_reports, plan_reports
from fixtures.crafted_pdfs import slow_pdf

#: Three small reports of three provinces: a final account, a budget, a two-volume budget.
REPORTS = ["shpt-shgzb-2024-final-dept", "sh-lottery-2026-budget-unit", "js-zxbgt-2019-budget-dept"]
LIMITS = Limits(120, 2048)


def layout(root: Path, report_ids: list[str]) -> tuple[Path, Path, Path]:
    """``raw/<id>/`` with the corpus files, ``catalogue/<id>.csv`` with their rows."""
    raw, catalogue, out = root / "raw", root / "catalogue", root / "extracted"
    rows = read_catalogue(CATALOGUE_PATH)
    for report_id in report_ids:
        own = [row for row in rows if row["report_id"] == report_id]
        add_report(raw, catalogue, own, [CORPUS / Path(row["file_path"]).name for row in own])
    return raw, catalogue, out


def add_report(raw: Path, catalogue: Path, rows: list[dict], files: list[Path]) -> None:
    report_id = rows[0]["report_id"]
    (raw / report_id).mkdir(parents=True)
    for row, file in zip(rows, files, strict=True):
        shutil.copyfile(file, raw / report_id / Path(row["file_path"]).name)
    catalogue.mkdir(exist_ok=True)
    write_csv(CATALOGUE, pd.DataFrame(rows), catalogue / f"{report_id}.csv")


def outputs(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.name != KEY_FILE}


def landed(out: Path) -> dict[str, int]:
    """Each report's key file and the inode it has (a re-landed report gets a new one)."""
    return {path.parent.name: path.stat().st_ino for path in sorted(out.glob(f"*/{KEY_FILE}"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, str]:
    raw, catalogue, out = layout(tmp_path_factory.mktemp("repository"), REPORTS)
    summary = extract_reports(raw, catalogue, out, LIMITS, workers=2)
    return raw, catalogue, out, summary


def test_every_report_lands_as_fiscal_extract_writes_it(built, tmp_path: Path) -> None:
    raw, catalogue, out, summary = built
    assert summary.startswith(f"extracted {len(REPORTS)} of {len(REPORTS)} reports")
    assert "on 2 workers" in summary
    for report_id in REPORTS:
        alone = tmp_path / report_id
        extract_to_directory(raw / report_id, alone, report_id, catalogue / f"{report_id}.csv")
        assert outputs(out / report_id) == outputs(alone), report_id
        assert read_csv(out / report_id / "reports.csv").status.tolist() == ["ok"]
    assert not [path for path in out.iterdir() if path.name.startswith(".")]


def test_the_largest_reports_are_sent_first(tmp_path: Path) -> None:
    """Submitted largest first, a big report runs beside the small ones, not alone last."""
    raw, catalogue, out = layout(tmp_path, REPORTS)
    sizes = {report: sum(p.stat().st_size for p in (raw / report).iterdir()) for report in REPORTS}
    planned = _largest_first(plan_reports(raw, catalogue, out, LIMITS))
    assert [report.report_id for report in planned] == sorted(REPORTS, key=lambda r: -sizes[r])
    assert len(set(sizes.values())) == len(REPORTS)


def test_only_what_changed_is_extracted_again(built) -> None:
    raw, catalogue, out, _ = built
    before = landed(out)

    assert extract_reports(raw, catalogue, out, LIMITS, workers=1).startswith(
        f"all {len(REPORTS)} reports up to date"
    )
    assert landed(out) == before

    changed, removed = REPORTS[0], REPORTS[1]
    rows = read_csv(catalogue / f"{changed}.csv")
    write_csv(
        CATALOGUE, rows.assign(source_url="https://example.org/r.pdf"), catalogue / f"{changed}.csv"
    )
    (catalogue / f"{removed}.csv").unlink()
    summary = extract_reports(raw, catalogue, out, LIMITS, workers=1)

    assert summary.startswith(f"extracted 1 of {len(REPORTS) - 1} reports")
    after = landed(out)
    assert removed not in after and not (out / removed).exists()
    assert after[changed] != before[changed]
    assert after[REPORTS[2]] == before[REPORTS[2]]


def test_a_crafted_pdf_fails_alone_within_its_limit(tmp_path: Path) -> None:
    raw, catalogue, out = layout(tmp_path, REPORTS[:1])
    [row] = [row for row in read_catalogue(CATALOGUE_PATH) if row["report_id"] == REPORTS[0]]
    crafted = {**row, "report_id": "crafted-2024-final-dept", "file_path": "data/raw/x/slow.pdf"}
    add_report(raw, catalogue, [crafted], [slow_pdf(tmp_path)])

    extract_reports(raw, catalogue, out, Limits(20, 2048), workers=2)

    [failed] = read_csv(out / "crafted-2024-final-dept" / "reports.csv").to_dict("records")
    assert (failed["status"], failed["error_reason"]) == ("failed", "time_limit")
    assert failed["error_message"].startswith("slow.pdf: extraction took longer than 20 s")
    assert read_csv(out / REPORTS[0] / "reports.csv").status.tolist() == ["ok"]


def test_one_report_due_is_read_without_a_cluster_within_its_limit(tmp_path: Path) -> None:
    """Adding one report starts no cluster (its start would cost more than the report
    takes), and the report is still read in a child its limits stop."""
    raw, catalogue, out = layout(tmp_path, [])
    [row] = [row for row in read_catalogue(CATALOGUE_PATH) if row["report_id"] == REPORTS[0]]
    crafted = {**row, "report_id": "crafted-2024-final-dept", "file_path": "data/raw/x/slow.pdf"}
    add_report(raw, catalogue, [crafted], [slow_pdf(tmp_path)])

    summary = extract_reports(raw, catalogue, out, Limits(5, 2048))

    assert summary.startswith("extracted 1 of 1 reports (0 up to date)")
    assert "in this process" in summary
    [failed] = read_csv(out / "crafted-2024-final-dept" / "reports.csv").to_dict("records")
    assert (failed["status"], failed["error_reason"]) == ("failed", "time_limit")


def _die_on_odd(number: int) -> int:
    if number % 2:
        os._exit(3)  # the worker process itself dies, as a segfault in a C library would
    return number * 10


def test_a_task_whose_worker_dies_is_that_tasks_failure_alone() -> None:
    results: dict[int, object] = {}

    def done(task: int, result: int | None, error: BaseException | None) -> None:
        results[task] = error if error is not None else result

    with dask_client(workers=2) as client:
        run_tasks(client, _die_on_odd, range(6), lambda n: f"task-{n}", done)

    assert {n: results[n] for n in (0, 2, 4)} == {0: 0, 2: 20, 4: 40}
    assert all(isinstance(results[n], KilledWorker) for n in (1, 3, 5))


def test_a_run_killed_midway_loses_nothing_and_redoes_only_the_rest(tmp_path: Path) -> None:
    """SIGKILL to the client, its scheduler and its worker once the first report landed."""
    raw, catalogue, out = layout(tmp_path, REPORTS)
    command = [
        sys.executable, "-m", "fiscal.cli", "extract-all", raw, "--catalogue", catalogue,
        "--out", out, "--workers", "1", "--time-limit", "120", "--memory-limit", "2048",
    ]  # fmt: skip
    run = subprocess.Popen(list(map(str, command)), start_new_session=True)
    deadline = time.monotonic() + 300
    while not landed(out) and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    first = landed(out)
    assert 1 <= len(first) < len(REPORTS), "kill the run while reports are left"

    summary = extract_reports(raw, catalogue, out, LIMITS, workers=1)

    assert summary.startswith(f"extracted {len(REPORTS) - len(first)} of {len(REPORTS)}")
    after = landed(out)
    assert set(after) == set(REPORTS)
    assert {report: after[report] for report in first} == first
    assert not [path for path in out.iterdir() if path.name.startswith(".")]
    for report_id in REPORTS:
        stored = json.loads((out / report_id / KEY_FILE).read_text(encoding="utf-8"))
        assert len(stored["key"]) == 64
        assert read_csv(out / report_id / "reports.csv").status.tolist() == ["ok"]


def test_a_scheduler_that_cannot_be_reached_is_one_line(tmp_path: Path) -> None:
    raw, catalogue, out = layout(tmp_path, REPORTS[:1])
    command = [
        sys.executable, "-m", "fiscal.cli", "extract-all", raw, "--catalogue", catalogue,
        "--out", out, "--scheduler", "tcp://127.0.0.1:9", "--time-limit", "60",
        "--memory-limit", "1024",
    ]  # fmt: skip
    result = subprocess.run(list(map(str, command)), capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in line
    assert not out.exists()
