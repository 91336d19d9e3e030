"""Per-document limits: a crafted PDF fails alone, within its time and memory budget, or is
refused before it reaches them.

The pipeline runs each report as ``fiscal extract --record-failure`` would, with the limits
of ``params.yaml`` (``fiscal extract-all`` passes them to every report's task);
here they are set small, so that the crafted files breach them quickly while a real
report still extracts within them.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from fiscal.ops.limits import Limits, run_limited
from fiscal.package.tidy import read_reports
from fiscal.schema import ROOT, read_csv
from fiscal.stages import extract as extract_stage
from fixtures.crafted_pdfs import bomb_pdf, hungry_pdf, slow_pdf

CORPUS = ROOT.parent / "shared" / "corpus"
GOOD_ID = "shpt-shgzb-2024-final-dept"
#: Small enough for the crafted files to breach, large enough for a real report.
SECONDS, MEMORY_MB = 20, 600


def extract(pdf: Path, out: Path, seconds: float, memory_mb: int) -> str:
    """Run the pipeline's command for one report; it must always exit 0."""
    limits = ["--time-limit", str(seconds), "--memory-limit", str(memory_mb)]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fiscal.cli",
            "extract",
            pdf,
            "--out",
            out,
            "--record-failure",
            *limits,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real report extracted under the test limits, as the pipeline leaves it."""
    root = tmp_path_factory.mktemp("extracted")
    extract(CORPUS / f"{GOOD_ID}.pdf", root / GOOD_ID, SECONDS, MEMORY_MB)
    return root


def test_a_real_report_extracts_within_the_limits(extracted: Path) -> None:
    [report] = read_csv(extracted / GOOD_ID / "reports.csv").to_dict(orient="records")
    assert report["status"] == "ok"
    assert int(report["amounts"]) > 100


@pytest.mark.parametrize(
    ("make", "seconds", "memory_mb", "reason", "phrase"),
    [
        (slow_pdf, 3, 2048, "time_limit", "took longer than 3 s"),
        (hungry_pdf, 600, 400, "memory_limit", "needs more memory than the per-document limit"),
        # Under a memory limit its 768 MB of instructions would breach, the bomb is refused
        # as it inflates, before anything interprets it.
        (bomb_pdf, 60, 400, "corrupt", "page 1's drawing instructions inflate past 64 MB"),
    ],
    ids=["slow", "hungry", "bomb"],
)
def test_a_crafted_pdf_fails_alone(
    make: Callable[[Path], Path],
    seconds: float,
    memory_mb: int,
    reason: str,
    phrase: str,
    extracted: Path,
    tmp_path: Path,
) -> None:
    pdf = make(tmp_path)
    out = extracted / pdf.stem
    good_before = {p.name: p.read_bytes() for p in (extracted / GOOD_ID).iterdir()}

    summary = extract(pdf, out, seconds, memory_mb)

    [report] = read_csv(out / "reports.csv").to_dict(orient="records")
    assert (report["status"], report["error_reason"]) == ("failed", reason)
    assert phrase in report["error_message"] and report["error_message"].startswith(f"{pdf.name}: ")
    assert phrase in summary
    assert not [p.name for p in extracted.iterdir() if p.name.startswith(".")]
    assert {p.name: p.read_bytes() for p in (extracted / GOOD_ID).iterdir()} == good_before
    published = read_reports([extracted / GOOD_ID, out])
    statuses = dict(zip(published["reports"].report_id, published["reports"].status, strict=True))
    assert statuses == {GOOD_ID: "ok", pdf.stem: "failed"}
    assert set(published["amounts"].report_id) == {GOOD_ID}
    shutil.rmtree(out)


def test_the_pipeline_passes_the_limits_of_params() -> None:
    """The limits live in params.yaml and reach every report's command through dvc.yaml."""
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    command = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]["extract"]
    assert set(params["limits"]) == {"seconds", "memory_mb"}
    assert "--time-limit ${limits.seconds}" in command["cmd"]
    assert "--memory-limit ${limits.memory_mb}" in command["cmd"]


def test_running_out_of_memory_anywhere_in_the_reading_is_the_memory_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory runs out where the reading happens to be (inflating a stream, building a
    table); wherever that is, the report failed on the memory limit, not on a reader bug."""

    def exhausted(*_: object) -> None:
        raise MemoryError("Unable to allocate output buffer.")

    monkeypatch.setattr(extract_stage, "extract_document", exhausted)
    out = tmp_path / GOOD_ID
    extract_stage.extract_to_directory(CORPUS / f"{GOOD_ID}.pdf", out, record_failure=True)
    [report] = read_csv(out / "reports.csv").to_dict(orient="records")
    assert report["error_reason"] == "memory_limit"
    assert "limits.memory_mb in params.yaml" in report["error_message"]


def _start_limited_sleep(pid_file: Path) -> None:
    """A worker's part: a document's limited child that records its pid and sleeps."""

    def sleep() -> None:
        pid_file.write_text(str(os.getpid()))
        time.sleep(600)

    run_limited(sleep, Limits(600, 2048), pid_file)


def _ended(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    try:
        return "\nState:\tZ" in status.read_text()  # a zombie has ended, unreaped
    except FileNotFoundError:
        return True


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_a_documents_child_ends_with_the_worker_that_started_it(tmp_path: Path) -> None:
    """A worker killed mid-document (its nanny replaces it, a run is stopped) takes the
    document's child with it: no orphan reads on past the limits with no one to stop it."""
    pid_file = tmp_path / "child.pid"
    worker = multiprocessing.get_context("fork").Process(
        target=_start_limited_sleep, args=(pid_file,)
    )
    worker.start()
    deadline = time.monotonic() + 30
    while not pid_file.is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int(pid_file.read_text())
    assert not _ended(child)

    os.kill(worker.pid, signal.SIGKILL)
    worker.join()
    deadline = time.monotonic() + 30
    while not _ended(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    ended = _ended(child)
    if not ended:  # the orphan this test is about: do not leave it sleeping
        os.kill(child, signal.SIGKILL)
    assert ended
