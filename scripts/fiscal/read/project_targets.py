"""A 绩效目标表 that lists its projects down its rows and prints each project's indicators
as numbered text in one cell.

Guangzhou prints its 项目支出绩效目标表 so: 项目名称（资金使用单位） | 总计 | 财政拨款 |
财政专户拨款 | 其他资金 | 绩效目标 | 绩效指标, a row per project, the 绩效指标 cell holding
every indicator as an entry ``1、1-产出指标；11-数量指标；<三级指标>；实施周期指标值:…；
年度指标值:…。`` (numbered 1、 or 1., separated by ；, ， or ;). There are no indicator
columns for :mod:`fiscal.read.form_fields` to read by position, so the entries are read
from the text: each names its 一级 and 二级指标 after their codes (one digit, then two),
then the 三级指标 and its values; the printed numbers repeat and skip, so they tell
nothing. A row that prints a 资金使用单位 with its totals and no goal heads the projects
below it; 合计 heads none (:func:`fiscal.read.form_rows.listed_line`, the rule of every
table listing its projects down its rows). Their figures are no project's: they come back
beside the forms as :class:`~fiscal.records.ListedLine` records, amounts of the listing's table,
so every figure the table prints is kept once (a project's in its form's fund lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fiscal.numbers import clean, parse_quantity
from fiscal.read.form_fields import ReadForms
from fiscal.read.form_rows import (
    PROJECT,
    TOTAL,
    UNIT,
    FormRow,
    FormText,
    FoundForm,
    listed_line,
    listed_name,
)
from fiscal.read.templates import FORM_LABELS, FUND_LINES, LISTED_GOAL
from fiscal.records import FundLine, Indicator, ListedLine, PerformanceForm

#: The header of the column naming each project (项目名称, 项目名称（资金使用单位）).
_PROJECT = next(rule for rule in FORM_LABELS if rule.key == "project")
#: A qualifier printed after a header label: （资金使用单位）.
_QUALIFIER = re.compile(r"\([^()]*\)$")
#: The header of the column holding a project's indicators as numbered text.
_INDICATOR_TEXT = re.compile(r"^绩效指标$")
#: Where an indicator entry starts: its number (1、 / 1.), its 一级指标 after a one-digit
#: code and its 二级指标 after a two-digit one (1-产出指标；11-数量指标；), the codes left
#: off. The text up to the next entry names the 三级指标 and its values.
_ENTRY = re.compile(
    r"(?:\d{1,2}[、.])?\d-(?P<level1>[^,;；、。]+?)[,;；]\d{2}-(?P<level2>[^,;；。]+?)[,;；]"
)
#: Where the 三级指标's name ends: at the 实施周期指标值 printed before the year's value (a
#: subscript set into the label, 实施周期指标2.5值 for PM2.5, still ends it), or at the
#: 年度指标值 (the target, its colon sometimes left out) where the entry prints no other.
_PERIOD_VALUE = re.compile(r"[,;；。]?实施周期指标")
_YEAR_VALUE = re.compile(r"[,;；。]?年度指标值[:：]?")
#: Separators an entry ends in, before the next entry's number.
_END = re.compile(r"[,;；。.]+$")


@dataclass(frozen=True)
class _Columns:
    """The header cells of the table's columns: project, funds, goal and indicators."""

    project: FormText
    funds: list[tuple[str, FormText]]
    goal: FormText
    indicators: FormText


def _header(row: FormRow) -> _Columns | None:
    """The columns a header row names; None for a row that is not the header."""
    labels = [(clean(cell.text), cell) for cell in row.cells]
    project = [c for text, c in labels if _PROJECT.matches(_QUALIFIER.sub("", text))]
    goal = [c for text, c in labels if LISTED_GOAL.search(text)]
    indicators = [c for text, c in labels if _INDICATOR_TEXT.match(text)]
    if not (project and goal and indicators):
        return None
    funds = [
        (key, cell)
        for text, cell in labels
        if (key := next((rule.key for rule in FUND_LINES if rule.matches(text)), None))
    ]
    return _Columns(project[0], funds, goal[0], indicators[0])


@dataclass
class _Project:
    """A project as read so far: its form, its row, the figures it prints under the fund
    columns (to know the row where a page prints it again) and its indicators' text piece
    by piece with the page each piece is on."""

    form: PerformanceForm
    row: int
    figures: tuple[tuple[str, str], ...]
    pieces: list[tuple[int, str]]


def read_project_targets(found: FoundForm) -> ReadForms:
    """A form per project of a table listing its projects with their goals and their
    indicators as numbered text, and its lines that are no project (合计, a unit's line)
    with their figures; nothing where the table is not one (or no cell of its indicator
    column reads as numbered indicators)."""
    columns = next((c for row in found.rows if (c := _header(row)) is not None), None)
    if columns is None:
        return ReadForms([], [])
    projects: list[_Project] = []
    lines: list[ListedLine] = []
    unit = ""
    previous_page = None
    body = [
        (number, row)
        for number, row in enumerate(found.rows, start=1)
        if row.cells and _header(row) is None
    ]
    rows = [row for _, row in body]
    for index, (number, row) in enumerate(body):
        new_page, previous_page = row.page != previous_page, row.page
        figures = tuple(
            (key, clean(cell.text))
            for key, header in columns.funds
            for cell in row.cells
            if header.covers(cell.centre) and parse_quantity(cell.text) is not None
        )
        name = clean(row.under(columns.project))
        goal, text = row.under(columns.goal), row.under(columns.indicators)
        label = listed_name(row, columns.project, bool(figures))
        line = listed_line(rows, index, label, columns.project, bool(goal or text))
        if line == UNIT:  # a unit's line over its projects
            unit = label
        if line in (TOTAL, UNIT) and figures:
            funds = _funds(columns, row, number, figures)
            lines.append(
                ListedLine(row=number, page=row.page, name=label, unit=line == UNIT, funds=funds)
            )
        if line != PROJECT:  # that, the 合计, or a row naming nothing
            continue
        if new_page and projects and _goes_on(projects[-1], name, figures):
            project = projects[-1]
            project.form.goals["goal"] += goal
            project.form.pages.append(row.page)
        else:
            project = _Project(_form(found, row, name, unit), number, figures, [])
            project.form.funds = _funds(columns, row, number, figures)
            project.form.goals["goal"] = goal
            projects.append(project)
        project.pieces.append((row.page, text))
    for project in projects:
        _indicators(project)
    if not any(project.form.indicators for project in projects):
        return ReadForms([], [])
    return ReadForms([project.form for project in projects], lines)


def _goes_on(project: _Project, name: str, figures: tuple[tuple[str, str], ...]) -> bool:
    """A row at the top of a page goes on with the project at the foot of the page before:
    it names none (its cells left blank), or prints that project's name and figures again."""
    return (not name and not figures) or (
        name == project.form.details["project"] and figures == project.figures
    )


def _form(found: FoundForm, row: FormRow, name: str, unit: str) -> PerformanceForm:
    """A project's form: its name and the unit it is listed under."""
    form = PerformanceForm(table=found.template.key, title=found.title, pages=[row.page])
    form.details["project"] = name
    if unit:
        form.details["implementing_unit"] = unit
    return form


def _funds(
    columns: _Columns, row: FormRow, number: int, figures: tuple[tuple[str, str], ...]
) -> list[FundLine]:
    """A fund line for each figure the project's row prints, labelled by its column."""
    labels = {key: clean(header.text) for key, header in columns.funds}
    return [
        FundLine(
            row=number, page=row.page, fund=key, label=labels[key], by="", values={"amount": figure}
        )
        for key, figure in figures
    ]


def _indicators(project: _Project) -> None:
    """The project's indicators from the entries of its text, each on the page its entry
    starts on; text that reads as no entry is a problem of the form."""
    text = "".join(piece for _, piece in project.pieces)
    starts, offset = [], 0
    for page, piece in project.pieces:
        starts.append((offset, page))
        offset += len(piece)
    entries = list(_ENTRY.finditer(text))
    unread = text[: entries[0].start()] if entries else text
    if unread:
        project.form.problems.append(f"绩效指标 text read as no numbered indicator: {unread[:40]}")
    for entry, following in zip(entries, [*entries[1:], None], strict=True):
        rest = text[entry.end() : following.start() if following else len(text)]
        page = next(page for start, page in reversed(starts) if start <= entry.start())
        project.form.indicators.append(
            Indicator(row=project.row, page=page, texts=_texts(entry, rest))
        )


def _texts(entry: re.Match[str], rest: str) -> dict[str, str]:
    """An entry's 一级 and 二级指标 (their codes left off), its 三级指标 as printed and its
    target, the 年度指标值 as printed; the 实施周期指标值 has no field of its own and is left."""
    year = _YEAR_VALUE.search(rest)
    period = _PERIOD_VALUE.search(rest)
    ends = [match.start() for match in (period, year) if match is not None]
    texts = {
        "level1": entry["level1"],
        "level2": entry["level2"],
        "level3": rest[: min(ends, default=len(rest))],
    }
    if year is not None:
        texts["target"] = _END.sub("", rest[year.end() :])
    return texts
