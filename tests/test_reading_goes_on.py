"""A document is read to its end: one table that fails, a unit never printed or a volume
without tables are said in findings and flags, never a crash or a lost report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fiscal.read import extract as reader
from fiscal.read.extract import extract_document
from fiscal.schema import read_csv
from fiscal.vocabulary import EXTRACTION_FAILURE, UNIT_UNKNOWN
from fixtures.add_cases import unitless_final_pdf, zhuzhou_final_pdf
from fixtures.bad_pdfs import narrative_budget_pdf

FISCAL = [sys.executable, "-m", "fiscal.cli"]


def extract_cli(path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*FISCAL, "extract", str(path), "--out", str(out)], capture_output=True, text=True
    )


def test_a_table_that_fails_is_a_finding_and_the_others_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = zhuzhou_final_pdf(tmp_path)
    whole = extract_document(pdf, "zhuzhou")
    read_tables = {table.table for table in whole.tables}
    assert {"income", "expenditure"} <= read_tables
    real = reader.interpret

    def failing(table):  # the 收入决算表 reader hits a bug; every other table reads as before
        if table.template.key == "income":
            raise RuntimeError("a cell the reader did not expect")
        return real(table)

    monkeypatch.setattr(reader, "interpret", failing)
    partial = extract_document(pdf, "zhuzhou")

    assert {table.table for table in partial.tables} == read_tables - {"income"}
    assert not [a for a in partial.amounts if a.table == "income"]
    others = [a for a in whole.amounts if a.table != "income"]
    assert partial.amounts == others
    [failure] = [f for f in partial.findings if "could not be read" in f.message]
    income = next(table for table in whole.tables if table.table == "income")
    assert (failure.table, failure.page, failure.kind) == (
        "income",
        income.first_page,
        EXTRACTION_FAILURE,
    )
    assert "RuntimeError: a cell the reader did not expect" in failure.message


def test_a_document_that_prints_no_unit_keeps_its_figures_unconverted(tmp_path: Path) -> None:
    pdf = unitless_final_pdf(tmp_path)
    result = extract_cli(pdf, tmp_path / "out")

    assert result.returncode == 0, result.stderr
    amounts = read_csv(tmp_path / "out" / "amounts.csv")
    money = amounts[amounts["table"] != "performance_basic_data"]
    assert len(money) > 100
    assert set(money["flag"]) == {UNIT_UNKNOWN}
    assert set(money["amount"]) == {""}, "a figure without a unit is never guessed into 万元"
    assert set(money["unit"]) == {""}
    assert (money["published"] != "").all()
    tables = read_csv(tmp_path / "out" / "report_tables.csv")
    findings = read_csv(tmp_path / "out" / "findings.csv")
    flagged = findings[findings["message"].str.startswith("no amount unit printed")]
    assert set(flagged["table"]) == set(tables["table"])
    [report] = read_csv(tmp_path / "out" / "reports.csv").to_dict(orient="records")
    assert report["status"] == "ok"


def test_a_narrative_volume_is_a_report_without_tables(tmp_path: Path) -> None:
    pdf = narrative_budget_pdf(tmp_path)
    result = extract_cli(pdf, tmp_path / "out")

    assert result.returncode == 0, result.stderr
    [report] = read_csv(tmp_path / "out" / "reports.csv").to_dict(orient="records")
    assert (report["status"], report["phase"], report["tables_found"]) == ("ok", "budget", "0")
    assert read_csv(tmp_path / "out" / "amounts.csv").empty
