"""Per-document limits: a crafted PDF fails alone, within its time and memory budget.

The pipeline runs each report as ``fiscal extract --record-failure`` would, with the limits
of ``params.yaml`` (``fiscal extract-all`` passes them to every report's task);
here they are set small, so that the crafted files breach them quickly while a real
report still extracts within them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from fiscal.package.tidy import read_reports
from fiscal.schema import ROOT, read_csv
from fixtures.crafted_pdfs import bomb_pdf, slow_pdf

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
        (bomb_pdf, 600, 400, "memory_limit", "needs more memory than the per-document limit"),
    ],
    ids=["slow", "bomb"],
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
