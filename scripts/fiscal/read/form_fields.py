"""Reading a performance form (绩效自评表, 绩效目标表, 基础数据表) from its positioned rows.

A form has a header block of labelled values (project, department, funds, goals) above an
indicator grid (一级 / 二级 / 三级指标 with target, actual, points and score) that may
run over pages. Columns are found by their header labels and cells are assigned to them by
position, so merged labels, wrapped rows and page breaks do not shift a value into the
wrong column. Everything is kept as printed; numbers are parsed beside the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from fiscal.numbers import clean, looks_numeric, parse_quantity
from fiscal.read.form_rows import (
    TOTAL,
    UNIT,
    FormRow,
    FormText,
    FoundForm,
    listed_line,
    listed_name,
)
from fiscal.read.templates import (
    FORM_LABELS,
    FUND_LINES,
    FUND_MEASURES,
    INDICATOR_COLUMNS,
    LISTED_GOAL,
    ColumnRule,
)
from fiscal.records import BasicFigure, FundLine, Indicator, ListedLine, PerformanceForm
from fiscal.vocabulary import LABEL_PATH

BASIC_DATA = "performance_basic_data"
_TOTAL = re.compile(r"^总分")
_GOAL = re.compile(r"预期目标")
_OUTCOME = re.compile(r"实际完成情况")
_OVERALL_GOAL = re.compile(r"(项目)?(年度)?总体目标$|^(当年)?整体绩效目标$|^当年绩效目标$")
#: A heading that names a goal (整体绩效目标, 部门整体支出年度绩效目标): no goal's text.
_GOAL_HEADING = re.compile(r"(绩效|总体)目标$")
_BY_INCOME = re.compile(r"按收入性质")
_BY_SPENDING = re.compile(r"按支出性质")
_INLINE_FIGURE = re.compile(r"(?:其中[:：])?([^:：\d]+?)[:：](-?\d[\d,]*(?:\.\d+)?)?")
_SPENDING_NATURE = ("basic_expenditure", "project_expenditure")
_DIGIT = re.compile(r"\d")


def _match(rules: tuple[ColumnRule, ...], text: str) -> str | None:
    return next((rule.key for rule in rules if rule.matches(clean(text))), None)


def _columns(
    cells: tuple[FormText, ...], rules: tuple[ColumnRule, ...]
) -> list[tuple[str, FormText]]:
    """Header cells that name a column, with the column's key, left to right. Where two
    cells name one column, the cell of the earlier rule is taken, else the leftmost."""
    taken: dict[str, tuple[int, int]] = {}  # key -> (its rule, its cell's place)
    for place, cell in enumerate(cells):
        text = clean(cell.text)
        rule = next((n for n, rule in enumerate(rules) if rule.matches(text)), None)
        if rule is None:
            continue
        key = rules[rule].key
        if key not in taken or rule < taken[key][0]:
            taken[key] = (rule, place)
    placed = sorted((place, key) for key, (_, place) in taken.items())
    return [(key, cells[place]) for place, key in placed]


def _column_of(columns: list[tuple[str, FormText]], cell: FormText) -> str | None:
    """The column whose header spans the cell's centre; where merged headers overlap
    (指标性质 over columns 1–2, 指标值 over 2–3), the one centred nearest the cell."""
    covering = [
        (abs(header.centre - cell.centre), key)
        for key, header in columns
        if header.covers(cell.centre)
    ]
    return min(covering)[1] if covering else None


def read_form(found: FoundForm) -> PerformanceForm:
    """Read one form found in a document."""
    form = PerformanceForm(table=found.template.key, title=found.title, pages=found.pages)
    if found.template.key == BASIC_DATA:
        form.basic_data = _basic_data(found.rows)
        return form
    rows = found.rows
    start = _indicator_header(rows)
    if start is None:
        form.problems.append("no indicator header (一级指标 … 三级指标) found")
        start = len(rows)
    _header_block(form, rows[:start])
    if start < len(rows):
        _indicators(form, rows[start], rows[start + 1 :])
    return form


def _heads_indicators(row: FormRow) -> bool:
    """A row labelling the indicator columns (一级指标 | 二级指标 | 三级指标 | 指标值 …)."""
    return len(_columns(row.cells, INDICATOR_COLUMNS)) >= 4


def _indicator_header(rows: list[FormRow]) -> int | None:
    """Where a form's indicator grid starts: its first row labelling the indicator columns."""
    return next((i for i, row in enumerate(rows) if _heads_indicators(row)), None)


def _header_block(form: PerformanceForm, rows: list[FormRow]) -> None:
    """The rows above the indicator grid: labelled values, goals and the funds block, its
    lines printed beside their figures, under measure columns, or as headings over them."""
    measures: list[tuple[str, FormText]] = []
    breakdown = False
    goal_columns: list[tuple[str, FormText]] = []
    fund_heads: list[FormRow] = []
    for number, row in enumerate(rows, start=1):
        cells = row.cells
        if len(_columns(cells, FUND_MEASURES)) >= 3:
            measures = _columns(cells, FUND_MEASURES)
            continue
        if fund_heads and _stands_under_funds(fund_heads[0], row):
            fund_heads = _headed_funds(form, fund_heads, row, number)
            continue
        fund_heads = [row] if not measures and _heads_funds(row) else []
        if fund_heads:
            continue
        if any(_BY_INCOME.search(c.text) or _BY_SPENDING.search(c.text) for c in cells):
            breakdown, measures = True, []
        goal_heads = _goal_heads(cells)
        if goal_heads:
            goal_columns = goal_heads
            measures, breakdown = [], False
            continue
        if goal_columns:
            form.goals.update(_goals_under(goal_columns, row))
            goal_columns = []
            continue
        _labelled_values(form, row)
        if measures:
            _measured_fund(form, row, number, measures)
        else:
            _paired_funds(form, row, number, breakdown)


def _goal_heads(cells: tuple[FormText, ...]) -> list[tuple[str, FormText]]:
    """Headings printed over the goal texts of the row below: 预期目标 beside 实际完成情况
    (a self-evaluation), or a goal's label alone across the form (当年整体绩效目标)."""
    texts = [clean(cell.text) for cell in cells]
    if any(_GOAL.search(t) for t in texts) and any(_OUTCOME.search(t) for t in texts):
        goals = [("goal", cell) for cell in cells if _GOAL.search(cell.text)]
        return goals + [("outcome", cell) for cell in cells if _OUTCOME.search(cell.text)]
    if len(cells) == 1 and _OVERALL_GOAL.search(texts[0]):
        return [("goal", cells[0])]
    return []


def _goals_under(goal_columns: list[tuple[str, FormText]], row: FormRow) -> dict[str, str]:
    """The goal texts of a row, by the heading they stand under."""
    return {key: cell.text for cell in row.cells if (key := _column_of(goal_columns, cell))}


def _labelled_values(form: PerformanceForm, row: FormRow) -> None:
    """Label cells followed by their value: 项目名称 | …, 项目总体目标 | …; a goal's label
    followed by another heading (printed twice, a label merged down the form's left before
    the row's own; or over the headings of the indicator columns) labels no text there."""
    cells = row.cells
    for label_cell, value_cell in pairwise(cells):
        label, value = clean(label_cell.text), value_cell.text
        key = _match(FORM_LABELS, label)
        if key is not None and _match(FORM_LABELS, value) is None:
            form.details.setdefault(key, value)
        elif _OVERALL_GOAL.search(label) and not _GOAL_HEADING.search(clean(value)):
            form.goals.setdefault("goal", value)


def _fund_label(text: str) -> str:
    return re.sub(r"^其中[:：]|[:：]$", "", clean(text))


def _paired_funds(form: PerformanceForm, row: FormRow, number: int, breakdown: bool) -> None:
    """Funds printed as label | figure cells (年度预算总额: | 71.00 | 其中:财政拨款 | 71.00 …)
    or as 'label：figure' inside a cell (资金总额：2559.05, 其中：基本支出：1976.87). Below
    按收入性质分 / 按支出性质分 each line is marked as the income or spending breakdown
    it belongs to: the spending side lists 基本支出 and 项目支出, the income side the rest."""
    cells = row.cells
    pairs = [
        (_fund_label(label.text), clean(value.text))
        for label, value in pairwise(cells)
        if _match(FUND_LINES, _fund_label(label.text)) and parse_quantity(value.text)
    ]
    if not pairs:
        for cell in cells:
            for match in _INLINE_FIGURE.finditer(clean(cell.text)):
                pairs.append((match[1], match[2] or ""))
    for label, figure in pairs:
        fund = _match(FUND_LINES, label) or ""
        by = ""
        if _BY_INCOME.search(label) or (breakdown and fund and fund not in _SPENDING_NATURE):
            by = "income"
        elif _BY_SPENDING.search(label) or (breakdown and fund in _SPENDING_NATURE):
            by = "spending"
        if figure and (fund or by):
            values = {"amount": figure}
            form.funds.append(
                FundLine(row=number, page=row.page, fund=fund, label=label, by=by, values=values)
            )


def _heads_funds(row: FormRow) -> bool:
    """A row of headings naming two or more fund lines, over their figures in a row below:
    labels alone, no figure in any cell (其中：一般公共预算：1112.51 is a line of its own)."""
    return not any(_DIGIT.search(c.text) for c in row.cells) and (
        sum(bool(_match(FUND_LINES, c.text)) for c in row.cells) >= 2
    )


def _stands_under_funds(head: FormRow, row: FormRow) -> bool:
    """Every cell of the row stands under a fund line the heading row names."""
    funds = [cell for cell in head.cells if _match(FUND_LINES, cell.text)]
    return all(any(fund.covers(cell.centre) for fund in funds) for cell in row.cells)


def _headed_funds(
    form: PerformanceForm, heads: list[FormRow], row: FormRow, number: int
) -> list[FormRow]:
    """A funds block that names its lines over one row of figures (总体资金情况: 预算支出总额 |
    财政拨款 合计 / 基本支出 / 项目支出 | 其他资金 …): a row of headings under the first
    goes on with them (the headings still open are returned); in the row of figures, each
    figure is a line, labelled by the path of headings above it and keyed by the deepest
    heading that names a fund line (合计 names none: its fund's). 基本支出 and 项目支出 under
    a fund split it by nature of spending."""
    if not _has_figure(row):
        return [*heads, row]
    for cell in row.cells:
        if parse_quantity(cell.text) is None:
            continue
        path = [clean(h.text) for head in heads for h in head.cells if h.covers(cell.centre)]
        fund = next((key for label in reversed(path) if (key := _match(FUND_LINES, label))), "")
        by = "spending" if fund in _SPENDING_NATURE else ""
        values = {"amount": clean(cell.text)}
        form.funds.append(
            FundLine(
                row=number,
                page=row.page,
                fund=fund,
                label=LABEL_PATH.join(path),
                by=by,
                values=values,
            )
        )
    return []


def _measured_fund(
    form: PerformanceForm, row: FormRow, number: int, measures: list[tuple[str, FormText]]
) -> None:
    """A fund line under 年初预算数 / 全年预算数 / …: its label left of the figures."""
    left = min(header.x0 for _, header in measures)
    labels = [c for c in row.cells if c.centre < left]
    values = {}
    for cell in row.cells:
        key = _column_of(measures, cell)
        if key is not None and cell not in labels:
            values[key] = clean(cell.text)
    if not labels:
        return
    label = _fund_label(labels[-1].text)
    fund = _match(FUND_LINES, label)
    if fund is not None:
        form.funds.append(
            FundLine(row=number, page=row.page, fund=fund, label=label, by="", values=values)
        )


def _indicators(form: PerformanceForm, header: FormRow, rows: list[FormRow]) -> None:
    """Indicator rows down to 总分. A row that goes on over a page break (its first part
    at the foot of one page, the rest at the top of the next with no labels or figures,
    maybe under the header printed again) is joined back into one indicator."""
    columns = _columns(header.cells, INDICATOR_COLUMNS)
    carried: dict[str, str] = {}
    previous_page = header.page
    for number, row in enumerate(rows, start=1):
        if any(_TOTAL.match(clean(cell.text)) for cell in row.cells):
            _total(form, row, columns)
            break
        if _heads_indicators(row):  # the header printed again over a continuation page
            continue
        texts = _target(_texts_by_column(columns, row))
        new_page = row.page != previous_page
        previous_page = row.page
        if not texts:
            continue
        if new_page and form.indicators and _is_remainder(texts):
            _join_remainder(form, texts)
            continue
        _carry_labels(texts, carried)
        form.indicators.append(Indicator(row=number, page=row.page, texts=texts))


def _texts_by_column(columns: list[tuple[str, FormText]], row: FormRow) -> dict[str, str]:
    """A row's texts by the indicator column they stand under; cells under one header
    join, left to right."""
    texts: dict[str, str] = {}
    for cell in row.cells:
        key = _column_of(columns, cell)
        if key is not None:
            texts[key] = texts.get(key, "") + cell.text
    return texts


def _target(texts: dict[str, str]) -> dict[str, str]:
    """A row's texts with the comparator and unit columns folded into the target they
    qualify (≥ | 27 | 座 → ≥27座), so the target reads as one quantity; 定性 / 定量 say
    what kind of target it is and are no comparator."""
    comparator = clean(texts.pop("target_comparator", ""))
    unit = clean(texts.pop("target_unit", ""))
    target = texts.get("target", "")
    if not target:
        return texts
    if comparator and comparator not in ("定性", "定量"):
        target = comparator + target
    if unit and parse_quantity(target) is not None and not target.endswith(unit):
        target += unit
    texts["target"] = target
    return texts


def _join_remainder(form: PerformanceForm, texts: dict[str, str]) -> None:
    """Join the rest of an indicator, carried over a page break, onto the indicator it ends."""
    last = form.indicators[-1]
    joined = dict(last.texts)
    for key, text in texts.items():
        joined[key] = joined.get(key, "") + text
    form.indicators[-1] = Indicator(row=last.row, page=last.page, texts=joined)


#: An indicator whose 一级 and 二级 are printed before its name in one cell (北京's 绩效指标:
#: 产出指标数量指标出具数据分析报告): the framework's 一级 (产出 / 效益 / 满意度 / 成本指标),
#: then the shortest run that ends in 指标, its 二级 (数量指标, 经济成本指标, 服务对象满意度指标).
_JOINED_LEVELS = re.compile(r"^(产出指标|效益指标|满意度指标|成本指标)(\S{2,8}?指标)(\S.*)$", re.S)


def _carry_labels(texts: dict[str, str], carried: dict[str, str]) -> None:
    """一级 and 二级 labels are printed once, merged over the rows they head: fill them into
    the rows that leave them blank. A new 一级 label starts a block with no 二级 label yet.
    A row that prints neither apart but both before its name in one cell has them split off
    (:data:`_JOINED_LEVELS`)."""
    joined = _JOINED_LEVELS.match(texts.get("level3", ""))
    if joined and not (texts.get("level1") or texts.get("level2")):
        texts["level1"], texts["level2"], texts["level3"] = joined.groups()
    for level in ("level1", "level2"):
        if texts.get(level):
            carried[level] = texts[level]
            if level == "level1":
                carried.pop("level2", None)
        elif level in carried:
            texts[level] = carried[level]


def _is_remainder(texts: dict[str, str]) -> bool:
    """No labels, no target and no points: only wrapped text carried over a page break."""
    return not any(texts.get(key) for key in ("level1", "level2", "target", "weight", "score"))


def _total(form: PerformanceForm, row: FormRow, columns: list[tuple[str, FormText]]) -> None:
    """The 总分 row: its points and score by the columns they are printed under, or, where
    no figure stands under either, the last figure as the score."""
    form.total_page = row.page
    figures = [c for c in row.cells if parse_quantity(c.text) is not None]
    for cell in figures:
        key = _column_of(columns, cell)
        if key in ("weight", "score"):
            form.total[key] = clean(cell.text)
    if not form.total and figures:
        form.total["score"] = clean(figures[-1].text)


def _is_figure(text: str) -> bool:
    """A figure of the 基础数据表: a number or a percentage (labels like 2023年决算数 are not)."""
    return looks_numeric(text.rstrip("%％"))


def _basic_data(rows: list[FormRow]) -> list[BasicFigure]:
    """Figures of the 基础数据表 under the column labels of the header row above them.

    A header row names a section (财政供养人员情况, 经费控制情况 …) in its first cell and
    the columns after it; each row below gives a line label and figures by column.
    """
    figures: list[BasicFigure] = []
    section, columns = "", []
    for number, row in enumerate(rows, start=1):
        cells = row.cells
        numeric = [c for c in cells if _is_figure(c.text)]
        if len(cells) >= 3 and not numeric:
            section, columns = clean(cells[0].text), [(clean(c.text), c) for c in cells[1:]]
            continue
        labels = [c for c in cells if c not in numeric]
        label = clean(labels[0].text) if labels else section
        for cell in numeric:
            column = _column_of(columns, cell)
            if column is not None:
                figures.append(
                    BasicFigure(
                        row=number,
                        page=row.page,
                        row_label=label,
                        column_label=column,
                        section=section,
                        text=clean(cell.text),
                    )
                )
    return figures


# --- a form listing its projects down its rows ----------------------------------------

#: The header of a column naming each listed project (项目名称, 单位（项目）名称).
_LISTED_PROJECT = re.compile(r"项目名称$|[（(]项目[)）]名称$")
#: The header of a column naming each listed project's unit, its implementing unit.
_LISTED_UNIT = re.compile(r"^(预算|实施)?单位名称$")
#: Header cells that only group the columns beneath them (其中：, 绩效指标).
_GROUPING = re.compile(r"^(其中[:：]?|绩效指标|预算金额.*|资金.*[（(]万元[)）])$")


@dataclass(frozen=True)
class _Listing:
    """The columns of a form that lists projects, and where its first project starts."""

    project: FormText
    unit: FormText | None
    funds: list[tuple[str, FormText]]
    goal: FormText | None
    indicators: list[tuple[str, FormText]]
    body: int


@dataclass(frozen=True)
class ReadForms:
    """What a printed form gives: its forms, and the lines of a listing that are no
    project's (合计, a unit's line), whose figures no form holds."""

    forms: list[PerformanceForm]
    lines: list[ListedLine]


def read_forms(found: FoundForm) -> ReadForms:
    """The forms a printed form holds: one, or one per project where the form lists its
    projects down its rows (a 项目名称 column beside 一级 … 三级指标, the project's name,
    funds and goal merged over its indicators' rows; or beside its funds and goal alone),
    with the listing's lines that are no project."""
    listing = _listing(found.rows)
    if listing is None:
        return ReadForms([read_form(found)], [])
    return _listed_forms(found, listing)


def _has_figure(row: FormRow) -> bool:
    return any(parse_quantity(cell.text) is not None for cell in row.cells)


def _listing(rows: list[FormRow]) -> _Listing | None:
    """The listing's columns, from the indicator header row and the header rows beside it
    (the row above where the indicator labels stand under a merged 绩效指标, the row below
    where 其中 splits the funds), or, where no indicator grid is printed, from a row naming
    the project, fund and goal columns together (单位名称 | 项目名称 | 金额 | 绩效目标: a
    header block of one project names no two of them in one row); None for a form of one
    project."""
    start = _indicator_header(rows)
    if start is None:
        start = next((i for i, row in enumerate(rows) if _heads_listing(row)), None)
        if start is None:
            return None
        header, indicators = [start], []
    else:
        header = [
            i
            for i in range(max(0, start - 1), min(len(rows), start + 2))
            if not _has_figure(rows[i])
        ]
        indicators = _columns(rows[start].cells, INDICATOR_COLUMNS)
    cells = [cell for i in header for cell in rows[i].cells]
    projects = [c for c in cells if _LISTED_PROJECT.search(clean(c.text))]
    units = [c for c in cells if _LISTED_UNIT.search(clean(c.text))]
    goals = [c for c in cells if LISTED_GOAL.search(clean(c.text))]
    funds = _columns(tuple(cells), FUND_LINES)
    if not projects or not (funds or goals):
        return None
    return _Listing(
        project=projects[0],
        unit=units[0] if units else None,
        funds=funds,
        goal=goals[0] if goals else None,
        indicators=indicators,
        body=max(header) + 1,
    )


def _heads_listing(row: FormRow) -> bool:
    """A row of labels naming a listing's project, fund and goal columns together."""
    texts = [clean(cell.text) for cell in row.cells]
    return (
        not _has_figure(row)
        and any(_LISTED_PROJECT.search(text) for text in texts)
        and any(LISTED_GOAL.search(text) for text in texts)
        and any(_match(FUND_LINES, text) for text in texts)
    )


def _repeats_header(row: FormRow) -> bool:
    """A header row printed again at the top of a continuation page: the indicator labels,
    or a row of labels naming the project column, or only fund and grouping labels."""
    if _has_figure(row):
        return False
    texts = [clean(cell.text) for cell in row.cells]
    return (
        _heads_indicators(row)
        or any(_LISTED_PROJECT.search(text) for text in texts)
        or all(_match(FUND_LINES, text) or _GROUPING.match(text) for text in texts)
    )


def _entry(listing: _Listing, row: FormRow) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The project a row names and the figures it prints under the fund columns."""
    figures = tuple(
        (key, clean(cell.text))
        for cell in row.cells
        if (key := _column_of(listing.funds, cell)) and parse_quantity(cell.text) is not None
    )
    return listed_name(row, listing.project, bool(figures)), figures


def _listed_funds(listing: _Listing, row: FormRow, number: int, entry: tuple) -> list[FundLine]:
    """A fund line for each figure a listed line prints, labelled by its column."""
    labels = {key: clean(header.text) for key, header in listing.funds}
    return [
        FundLine(
            row=number, page=row.page, fund=key, label=labels[key], by="", values={"amount": figure}
        )
        for key, figure in entry[1]
    ]


def _listed_form(
    found: FoundForm, listing: _Listing, row: FormRow, number: int, entry: tuple, unit: str
) -> PerformanceForm:
    """A listed project's form: its name, its implementing unit (printed in its row's unit
    column, else the unit's line above it) and its funds."""
    form = PerformanceForm(table=found.template.key, title=found.title, pages=[])
    form.details["project"] = entry[0]
    unit = clean(row.under(listing.unit)) or unit
    if unit:
        form.details["implementing_unit"] = unit
    form.funds = _listed_funds(listing, row, number, entry)
    return form


def _opens_project(listing: _Listing, row: FormRow, entry: tuple) -> bool:
    """Whether a row opens a project's merged cells: it names one or gives its figures, or
    a cell starts under the project column though its text stands on the next page."""
    centre = listing.project.centre
    return any(entry) or any(x0 <= centre <= x1 for x0, x1 in row.opened)


def _listed_forms(found: FoundForm, listing: _Listing) -> ReadForms:
    """A form per listed project. A row opening the project column's cells starts one,
    unless it is a line of no project (:func:`listed_line`: 合计, or a unit's line, the
    implementing unit of the projects below it); at the top of a page, a project's cells
    open again: a blank one, or one repeating the name and figures of the project before,
    goes on with it, and one whose text the page before left blank names that project. A
    project that gathers nothing (no name, figure, goal or indicator: a note printed in
    the first column under the table's last project) is none. The lines of no project
    are returned beside the forms, their figures keyed by fund column."""
    forms: list[PerformanceForm] = []
    lines: list[ListedLine] = []
    entries: list[tuple] = []
    pages: list[set[int]] = []
    carried: dict[str, str] = {}
    unit = ""
    taking = False  # whether the rows go to the last project (none after 合计 or a unit)
    previous_page = None
    body = [
        (number, row)
        for number, row in enumerate(found.rows[listing.body :], start=1)
        if row.cells and not _repeats_header(row)
    ]
    rows = [row for _, row in body]
    for index, (number, row) in enumerate(body):
        new_page, previous_page = row.page != previous_page, row.page
        entry = _entry(listing, row)
        if _opens_project(listing, row, entry):
            content = bool(row.under(listing.goal) or _texts_by_column(listing.indicators, row))
            line = listed_line(rows, index, entry[0], listing.project, content)
            if line in (TOTAL, UNIT):
                unit = entry[0] if line == UNIT else unit
                funds = _listed_funds(listing, row, number, entry)
                if funds:
                    lines.append(
                        ListedLine(
                            row=number, page=row.page, name=entry[0], unit=line == UNIT, funds=funds
                        )
                    )
                taking = False
                continue
            form = _listed_form(found, listing, row, number, entry, unit)
            goes_on = new_page and forms and taking
            if goes_on and any(entry) and not any(entries[-1]):
                forms[-1].details, forms[-1].funds = form.details, form.funds
                entries[-1] = entry
            elif not goes_on or (any(entry) and entries[-1] != entry):
                forms.append(form)
                entries.append(entry)
                pages.append(set())
                carried = {}
            taking = True
        if taking:
            pages[-1].add(row.page)
            _listed_row(forms[-1], listing, row, number, new_page, carried)
    for form, seen in zip(forms, pages, strict=True):
        form.pages = sorted(seen)
    kept = [form for form in forms if form.details["project"] or _gathered(form)]
    return ReadForms(kept, lines) if kept else ReadForms([read_form(found)], [])


def _gathered(form: PerformanceForm) -> bool:
    return bool(form.funds or any(form.goals.values()) or form.indicators)


def _listed_row(
    form: PerformanceForm,
    listing: _Listing,
    row: FormRow,
    number: int,
    new_page: bool,
    carried: dict[str, str],
) -> None:
    """A listed project's goal and indicator from one of its rows. At a page's top its goal
    is printed again (the text the page before holds, maybe cut short: the longer is kept)
    or goes on where the foot of the page before cut it (joined)."""
    goal = row.under(listing.goal)
    earlier = form.goals.get("goal", "")
    if goal and new_page and earlier:
        again = goal.startswith(earlier) or earlier.startswith(goal)
        form.goals["goal"] = max(earlier, goal, key=len) if again else earlier + goal
    elif goal:
        form.goals.setdefault("goal", goal)
    texts = _target(_texts_by_column(listing.indicators, row))
    if not texts:
        return
    if new_page and form.indicators and _is_remainder(texts):
        _join_remainder(form, texts)
        return
    _carry_labels(texts, carried)
    form.indicators.append(Indicator(row=number, page=row.page, texts=texts))
