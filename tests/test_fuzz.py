"""Damaged and crafted PDFs through the extract stage: each is extracted or refused with a
one-line reason within its limits, no worker hangs, and an intact report beside them is
extracted as if they were not there.

A small fixed sample of the mutator's cases (``fixtures/mutated_pdfs.py``, two of each
kind); the full run over 500 is ``python tests/fixtures/mutated_pdfs.py OUT 500`` followed
by ``fiscal extract-all OUT/raw --catalogue OUT/catalogue --out OUT/extracted …``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import CORPUS
from fiscal.ops.limits import Limits
from fiscal.schema import read_csv
from fiscal.stages.extract import extract_to_directory
from fiscal.stages.extract_all import KEY_FILE, extract_reports
from fiscal.vocabulary import REFUSALS
from fixtures.mutated_pdfs import KINDS, mutation_cases, write_layout
from test_extract_all import layout

#: Small real documents of four templates to damage.
SOURCES = [
    "shpt-qzfb-2025-budget-unit.pdf",
    "js-swbgt-2018-budget-dept-tables.pdf",
    "gz-data-2026-perf-target-dept.pdf",
    "hz-meteo-2026-budget-dept.pdf",
]
INTACT = "shpt-shgzb-2024-final-dept"
LIMITS = Limits(30, 1024)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], float]:
    root = tmp_path_factory.mktemp("fuzz")
    raw, catalogue, out = layout(root, [INTACT])
    cases = mutation_cases([CORPUS / name for name in SOURCES], 2 * len(KINDS), seed=7)
    ids = write_layout(root, cases)
    began = time.perf_counter()
    extract_reports(raw, catalogue, out, LIMITS, workers=2)
    return out, ids, time.perf_counter() - began


def test_every_mutated_pdf_is_extracted_or_refused_with_one_line(fuzzed) -> None:
    out, ids, _ = fuzzed
    outcomes = set()
    for report_id in ids:
        [report] = read_csv(out / report_id / "reports.csv").to_dict(orient="records")
        assert (out / report_id / KEY_FILE).is_file()
        if report["status"] == "failed":
            assert report["error_reason"] in REFUSALS, report
            message = report["error_message"]
            assert message and "\n" not in message and "Traceback" not in message
            assert message.startswith(f"{report_id}.pdf: ")
        outcomes.add(report["error_reason"] or "ok")
    # The sample reaches the limits as well as the readers' refusals.
    assert {"time_limit", "memory_limit"} & outcomes, outcomes


def test_no_worker_hangs_past_the_limits(fuzzed) -> None:
    _, ids, seconds = fuzzed
    # Two workers, each document within its time limit, plus the cluster's start.
    assert seconds < (len(ids) + 1) / 2 * LIMITS.seconds + 60


def test_an_intact_report_beside_them_is_untouched(fuzzed, tmp_path: Path) -> None:
    out, _, _ = fuzzed
    raw = out.parent / "raw"
    alone = tmp_path / INTACT
    extract_to_directory(raw / INTACT, alone, INTACT, out.parent / "catalogue" / f"{INTACT}.csv")
    produced = {p.name: p.read_bytes() for p in (out / INTACT).iterdir() if p.name != KEY_FILE}
    assert produced == {p.name: p.read_bytes() for p in alone.iterdir()}
