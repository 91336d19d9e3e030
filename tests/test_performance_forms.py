"""Performance forms (绩效) read from PDF, Word and Excel files typeset from four seeds.

Zhuzhou, Yueyang, Hengyang and Yiyang publish 基础数据表, 部门整体支出绩效自评表 and
项目支出绩效自评表 with merged labels, wrapped text and forms that run over pages. Each
seed's forms are generated in all three formats and must read back the same: every
indicator row with all its columns, the funds block, the 总分 row, the basic-data figures.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CORPUS
from fiscal.check.form_identities import FormChecker
from fiscal.errors import DocumentError
from fiscal.numbers import clean
from fiscal.read.extract import extract_document
from fiscal.records import Extraction
from fixtures.performance_forms import (
    SEEDS,
    SeedForm,
    build_performance_docx,
    build_performance_pdf,
    build_performance_xlsx,
    read_seed_forms,
)

FORMATS = ("pdf", "docx", "xlsx")
#: Seed column labels -> indicator fields of the package.
INDICATOR_FIELDS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "level3",
    "年度指标值": "target",
    "实际完成值": "actual",
    "分值": "weight",
    "得分": "score",
    "偏差原因分析及改进措施": "deviation_reason",
}
HEADER_FIELDS = {
    "项目支出名称": "project",
    "主管部门": "department",
    "实施单位": "implementing_unit",
    "预算部门": "department",
    "部门名称": "department",
    "市级预算部门名称": "department",
    "市级预算部门（单位）名称": "department",
}
#: Identities the seeds' own figures break, confirmed by reading the seed texts:
#: Zhuzhou 执法支队 prints 执行率 94.61% = 执行数 / 年初预算数 where 全年预算数 = 执行数;
#: Yueyang prints 总分 98 under 分值 where the points add up to 100; two Hengyang projects
#: print 执行率 100% for 26.36 / 27 and 24.64 / 25.30; Yiyang's income lines add up to
#: 1252.51 (一般公共预算 1112.51 + 专户 140) against a total of 1112.51.
SEED_FINDINGS = {
    "zhuzhou": [("department_self_evaluation", "execution_rate")],
    "yueyang": [("project_self_evaluation", "total_weight")],
    "hengyang": [("project_self_evaluation", "execution_rate")] * 2,
    "yiyang": [("department_self_evaluation", "fund_income_breakdown")],
}


def build(name: str, fmt: str, directory: Path) -> tuple[list[SeedForm], Path]:
    forms = read_seed_forms(SEEDS[name])
    path = directory / f"{name}-perf.{fmt}"
    cover = [f"{forms[0].title[:4]}年度部门整体支出绩效自评报告"]
    if fmt == "pdf":
        build_performance_pdf(path, forms, cover)
    elif fmt == "docx":
        build_performance_docx(path, forms, cover)
    else:
        build_performance_xlsx(path, forms)
    return forms, path


@pytest.fixture(scope="module", params=[(n, f) for n in sorted(SEEDS) for f in FORMATS])
def read_back(request, tmp_path_factory) -> tuple[str, str, list[SeedForm], Extraction]:
    name, fmt = request.param
    forms, path = build(name, fmt, tmp_path_factory.mktemp(f"{name}-{fmt}"))
    return name, fmt, forms, extract_document(path, f"{name}-perf")


def _squeeze(text: str) -> str:
    """Printed text without whitespace; the PDF's CJK font has no ² glyph (m² prints as m)."""
    return clean(text).replace("²", "")


def test_every_form_is_found_with_its_kind(read_back) -> None:
    _, _, forms, extraction = read_back
    assert [form.table for form in extraction.forms] == [form.kind for form in forms]
    assert extraction.facts.phase == "performance"


def test_indicators_are_read_row_by_row(read_back) -> None:
    _, _, forms, extraction = read_back
    for seed, form in zip(forms, extraction.forms, strict=True):
        expected = [
            {INDICATOR_FIELDS[k]: _squeeze(v) for k, v in row.items() if k in INDICATOR_FIELDS}
            for row in seed.indicators
        ]
        got = [{k: _squeeze(v) for k, v in i.texts.items() if v} for i in form.indicators]
        assert got == expected, seed.title


def test_totals_funds_and_header(read_back) -> None:
    _, _, forms, extraction = read_back
    for seed, form in zip(forms, extraction.forms, strict=True):
        keys = {"分值": "weight", "得分": "score"}
        assert form.total == {keys[k]: clean(v) for k, v in seed.total.items()}, seed.title
        expected_funds = [
            (clean(line["fund"]).removeprefix("其中："), clean(line.get("amount", "")))
            for line in seed.funds
        ]
        got_funds = [(line.label, line.values.get("amount", "")) for line in form.funds]
        assert got_funds == expected_funds, seed.title
        for label, value in seed.header.items():
            if label in HEADER_FIELDS:
                assert form.details[HEADER_FIELDS[label]] == clean(value)
        for label, key in (("预期目标", "goal"), ("实际完成情况", "outcome")):
            if label in seed.goals:
                assert _squeeze(form.goals[key]) == _squeeze(seed.goals[label])


def test_basic_data_figures_become_amounts_with_provenance(read_back) -> None:
    _, _, forms, extraction = read_back
    expected = sorted(
        (_squeeze(row), _squeeze(column), clean(text))
        for form in forms
        for row, column, text in form.basic_data
    )
    amounts = [a for a in extraction.amounts if a.table == "performance_basic_data"]
    assert sorted((a.row_label, _squeeze(a.column_label), a.published) for a in amounts) == expected
    assert all(a.page >= 1 for a in amounts)
    staff = [a for a in amounts if a.column == "authorised_staff"]
    assert staff and all(a.unit == "人" for a in staff)


def test_fund_execution_figures_are_parsed(tmp_path: Path) -> None:
    _, path = build("yueyang", "pdf", tmp_path)
    extraction = extract_document(path, "yueyang-perf")
    department = next(f for f in extraction.forms if f.table == "department_self_evaluation")
    total = next(line for line in department.funds if line.fund == "total")
    assert total.values == {
        "initial_budget": "404.17",
        "full_year_budget": "633.83",
        "executed": "566.28",
        "weight": "10",
        "execution_rate": "89.34%",
        "score": "8.93",
    }


def test_identities_broken_by_the_seed_are_findings(read_back) -> None:
    name, _, _, extraction = read_back
    checker = FormChecker(extraction.report_id, extraction.forms)
    found = [(f.table, f.rule) for f in checker.run()]
    assert sorted(found) == sorted(SEED_FINDINGS[name])
    assert checker.checked > 2 * len(found)


def test_a_score_above_its_points_is_a_finding(tmp_path: Path) -> None:
    _, path = build("yueyang", "xlsx", tmp_path)
    extraction = extract_document(path, "yueyang-perf")
    project = next(f for f in extraction.forms if f.table == "project_self_evaluation")
    first = project.indicators[0]
    project.indicators[0] = dataclasses.replace(first, texts={**first.texts, "score": "12"})
    rules = [f.rule for f in FormChecker("yueyang-perf", extraction.forms).run()]
    assert "score_within_points" in rules


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_files_make_a_valid_package(fmt: str, tmp_path: Path) -> None:
    _, path = build("yueyang", fmt, tmp_path)
    out = tmp_path / "out"
    fiscal = [sys.executable, "-m", "fiscal.cli"]
    done = subprocess.run([*fiscal, "extract", str(path), "--out", str(out)], capture_output=True)
    assert done.returncode == 0, done.stderr
    descriptor = str(out / "datapackage.json")
    valid = subprocess.run([*fiscal, "validate", descriptor], capture_output=True)
    assert valid.returncode == 0, valid.stdout
    indicators = (out / "performance_indicators.csv").read_text(encoding="utf-8")
    assert "城区空气质量优良率,≥85%,≥,85,%,82.7%,,82.7,%,10,8" in indicators


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "encrypted"),
        (b"<html>not a workbook</html>", "not_office"),
    ],
)
def test_unreadable_office_files_are_refused(content: bytes, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as error:
        extract_document(path, "form")
    assert error.value.reason == reason


def test_truncated_office_file_is_refused(tmp_path: Path) -> None:
    _, path = build("yiyang", "docx", tmp_path)
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(DocumentError) as error:
        extract_document(path, "form")
    assert error.value.reason == "truncated"


def test_a_years_budget_is_the_sum_of_the_levels_it_is_spent_at() -> None:
    """cq-commerce p. 26: a project's 当年预算 46,794 is 市级支出 40,624 + 补助区县 6,170 (重庆
    prints where a project's money is spent beside its whole); checked, it agrees, and a 市级支出
    read one unit less breaks it."""
    extraction = extract_document(CORPUS / "cq-commerce-2026-budget-dept.pdf", "cq-commerce")
    levels = [f for f in extraction.forms if any(x.fund == "district_subsidies" for x in f.funds)]
    form = levels[0]
    assert {line.fund: line.values["amount"] for line in form.funds} == {
        "total": "46,794.00",
        "municipal_spending": "40,624.00",
        "district_subsidies": "6,170.00",
    }
    checker = FormChecker("cq-commerce", [form])
    assert checker.run() == []
    assert checker.checked >= 1
    funds = [
        dataclasses.replace(line, values={"amount": "40,623.00"})
        if line.fund == "municipal_spending"
        else line
        for line in form.funds
    ]
    broken = FormChecker("cq-commerce", [dataclasses.replace(form, funds=funds)]).run()
    assert [(finding.rule, finding.page) for finding in broken] == [("fund_levels", 26)]
