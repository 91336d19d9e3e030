"""A 项目支出绩效目标表 listing its projects down its rows, typeset at test time
(:mod:`fixtures.listed_targets`): which of its lines are projects, whose department they
are, and a title whose year is set in another font a little below its line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pdfplumber
import pytest

from fiscal.read.extract import extract_document
from fiscal.records import Extraction
from fixtures.listed_targets import (
    DEPARTMENT,
    PROJECTS,
    TITLE,
    TOTAL,
    YEAR,
    listed_targets_pdf,
)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return listed_targets_pdf(tmp_path_factory.mktemp("listed"))


@pytest.fixture(scope="module")
def read(printed: Path) -> Extraction:
    return extract_document(printed, "listed-2026-budget-dept")


def test_the_total_and_a_units_line_are_no_projects(read: Extraction) -> None:
    """合计 and each unit's line (code, name, total; no goal, no indicator) are no form;
    each project is, the unit's line above it its implementing unit, with its own total,
    goal and indicators; the note under the last project is none either."""
    assert [form.details["project"] for form in read.forms] == [p.name for p in PROJECTS]
    for form, project in zip(read.forms, PROJECTS, strict=True):
        assert form.details["implementing_unit"] == project.unit[1]
        assert [(line.fund, line.values["amount"]) for line in form.funds] == [
            ("total", project.total)
        ]
        assert form.goals == {"goal": project.goal}
        printed = [
            tuple(indicator.texts[key] for key in ("level1", "level2", "level3", "target"))
            for indicator in form.indicators
        ]
        assert printed == list(project.indicators)
    figures = [line.values["amount"] for form in read.forms for line in form.funds]
    assert TOTAL not in figures


def test_the_totals_of_no_project_are_amounts_of_the_listing(read: Extraction) -> None:
    """The figures of 合计 and of each unit's line are in no form: they are amounts of the
    listing's table (a unit's line is that unit's), in 万元, counted in its table record."""
    lines = [amount for amount in read.amounts if amount.table == "performance_targets"]
    expected = [("合计", "", TOTAL)] + [(p.unit[1], p.unit[1], p.unit[2]) for p in PROJECTS]
    assert [(a.row_label, a.budget_unit, a.published) for a in lines] == expected
    assert {(a.column, a.column_label, a.unit, a.page) for a in lines} == {
        ("total", "资金总额", "万元", 2)
    }
    assert [a.amount for a in lines] == [Decimal(text) for _, _, text in expected]
    [table] = read.tables
    assert (table.table, table.amounts) == ("performance_targets", len(expected))


def test_every_form_takes_the_department_printed_above_the_frame(read: Extraction) -> None:
    """部门名称：青山县水务局 above the frame names the department of every form under it."""
    assert {form.details["department"] for form in read.forms} == {DEPARTMENT}


def test_a_year_set_a_little_below_its_line_is_read_in_its_title(
    printed: Path, read: Extraction
) -> None:
    """The year's font boxes it further below the line than its glyph is drawn: read by its
    box the title splits (“年项目支出绩效目标表” over “2026”); read by its glyph it is one."""
    with pdfplumber.open(printed) as pdf:
        lines = [line["text"] for line in pdf.pages[1].extract_text_lines()]
    assert TITLE in lines and YEAR in lines  # the split the reader must not make
    assert {form.title for form in read.forms} == {YEAR + TITLE}
    assert [table.title_printed for table in read.tables] == [YEAR + TITLE]
