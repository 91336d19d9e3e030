"""Reading a located table: header labels to columns, grid rows to labelled amounts.

The header of a fiscal form is a stack of merged cells; each column's labels, top to
bottom, say what it holds. Body rows are read by the role of their columns: code parts
(one column or 类 | 款 | 项), the name, helper 行次 columns that are dropped, and values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from itertools import pairwise

from fiscal.codes import (
    economic_classes_for_names,
    function_class_for_name,
    is_classified_code,
    is_code,
    normalise_code,
)
from fiscal.numbers import UnreadableAmount, is_blank, looks_numeric, parse_amount
from fiscal.read.grid import Cell, Grid
from fiscal.read.locate import LocatedTable
from fiscal.read.templates import (
    CODED,
    GENERIC,
    GRID,
    LISTED_GOAL,
    PANELS,
    TWO_SIDED,
    TableTemplate,
    grand_total,
    period_prefix,
    printed_years,
    relative_year,
    resolve_column,
    resolve_item,
    resolve_item_column,
    row_total,
)
from fiscal.vocabulary import LABEL_PATH, LIST_NUMBERING, TOTAL_LABELS, numbering_style

CODE = "code"
NAME = "name"
PROJECT = "project"
VALUE = "value"
HELPER = "helper"
#: A column naming the year each row's figures are of (年度: 2025年 | 2026年 | 增减变化金额).
PERIOD = "period"
#: A column of the goal of each project a table lists down its rows (绩效目标): words beside
#: the figures, none of them, that tell a project's line from its unit's.
GOAL = "goal"
UNKNOWN = "unknown"

_CODE_PARTS = ("类", "款", "项")
_NAME_LABEL = re.compile(
    r"科目名称|^项目$|名称$|^(功能|经济)分类$|内容$|科目([(（][^()（）]*[)）])?$|^支出用途$|^预算单位$"
    r"|项目类别([(（][^()（）]*[)）])?$"
)
#: The name column of a summary's side, headed by the side alone: 收入 | 金额 | 支出 | 金额.
_SIDE_LABEL = re.compile(r"^(收\s*入|支\s*出)(项目)?$")
#: A header line that is no column's label: the unit or publisher printed inside the frame.
_CAPTION = re.compile(
    r"单位[:：]\s*(千|万|亿)?元|^(部门|单位|预算单位|编制单位)(名称)?[:：]|部门[:：]"
)
#: 三公 tables that print these beside 三公 have a 合计 of all (:func:`grand_total`).
_MEETINGS = re.compile(r"会议费|培训费")
#: A name column of budget units (one row per unit), not of 三公 items.
_UNIT_NAME_LABEL = re.compile(r"单位|部门")
#: The column of the budget units a table lists its rows under (:func:`_lists_units`).
_BUDGET_UNIT_LABEL = re.compile(r"^(预算)?单位(名称)?$|^部门(名称)?$")
_PROJECT_LABEL = re.compile(r"^(预算)?项目名称$")
#: A name column of budget units and the projects under them, a line each (西安's
#: 专项业务经费支出表: 单位（项目）名称), read by :func:`_projects_by_their_sums`.
_UNITS_AND_PROJECTS_LABEL = re.compile(r"^(单位|部门)[（(]项目[)）]名称$")
#: The header of a column printing each row's year (:data:`PERIOD`).
_PERIOD_LABEL = re.compile(r"^年度$")
#: A name cell that prints the row's code before its name: 201 一般公共服务支出, the code in
#: brackets, [20140]信访事务, or joined to the name by a dash, 2010801-行政运行; the name is
#: what follows the code and whatever stands between the two. A cell's text has lost its
#: spaces (:func:`grid.cell_text`), so 201 一般公共服务支出 reads 201一般公共服务支出:
#: whether leading digits are a code is for :func:`_coded_label` to say.
_CODED_LABEL = re.compile(r"^[\[［【]?(\d{3}(?:\d{2}){0,2})[\]］】]?[\s\-－—–]*(\D.*)$")
_CODE_LABEL = re.compile(r"编码|代码")
#: A column of 政府预算支出经济分类 codes (501 …), printed beside the department's economic
#: codes (302 …) by some tables (西安: 部门经济科目编码 | … | 政府经济科目编码).
_GOVERNMENT_ECONOMIC_LABEL = re.compile(r"政府(预算)?(支出)?经济")
GOVERNMENT_ECONOMIC = "government_economic_code"
#: A name column headed by the classification its cells print (支出功能分类科目,
#: 政府支出经济分类科目, 部门支出经济分类科目, 经济分类科目): a table that prints two or more
#: of them classifies each row by all of them (北京's 支出总表: 2010801-行政运行 |
#: 50101-工资奖金津补贴 | 30101-基本工资), each cell a code and its name.
_FUNCTION_CLASS_LABEL = re.compile(r"功能(分类)?科目$|功能分类$")
_ECONOMIC_CLASS_LABEL = re.compile(r"经济(分类)?科目$|经济分类$")
FUNCTION = "function"
#: The department economic code (部门支出经济分类, 301 …) of a row whose own code is its
#: function code, in a table that classifies each row by function and economy together.
ECONOMIC = "economic_code"
#: A column of the unit each row's figure counts in (指标值 27 | 计量单位 座).
_MEASURE_UNIT_LABEL = re.compile(r"(计量|度量)单位$")
#: A column of the codes of the budget units a table lists (单位编码 116 | 西安市财政局,
#: 预算单位代码 125001 | 西安市安全生产监督管理局).
_UNIT_CODE_LABEL = re.compile(r"^(预算)?(单位|部门)(编码|代码)$")
#: Columns that number lines or units, dropped: 行次, 序号, and a unit's code beside its
#: name (单位编码), which is no classification code (its digits are the row's
#: ``unit_code``); and a column of the reasons for a figure (超支或结余资金原因及处理),
#: remarks (备注), a project's description (项目简介) or the nature of its funds (资金性质:
#: 一般公共预算支出, as the table's title and codes already say), words beside the figures
#: and none of them.
_HELPER_LABEL = re.compile(
    rf"行次|栏次|^序号$|{_UNIT_CODE_LABEL.pattern}|原因|^备注$|^项目简介$|^资金性质$"
)


@dataclass(frozen=True)
class Column:
    index: int
    role: str
    key: str
    label: str
    side: str = ""
    panel: int = 0


@dataclass
class Row:
    """One logical row: a label or code with the printed values of its cells."""

    page: int
    label: str
    code: str
    side: str = ""
    panel: int = 0
    project: str = ""
    values: list[tuple[Column, str]] = field(default_factory=list)
    #: The digits printed in each of the row's 类 | 款 | 项 columns, '' where it prints none;
    #: empty where its table prints each code whole in one column.
    code_parts: tuple[str, ...] = ()
    #: The 预算单位 the row is listed under, in a table listed unit by unit.
    budget_unit: str = ""
    #: The digits the row prints in its one code column that make no classification code
    #: of 3, 5 or 7 digits: a budget unit's code (125001), a 款 printed as its own two
    #: digits under its 类 (05 under 208).
    uncoded_digits: str = ""
    #: The digits the row prints in a column of the units' codes (单位编码).
    unit_code: str = ""
    #: The government economic code printed beside the row's own (department economic or
    #: function) code.
    government_economic_code: str = ""
    #: The department economic code printed beside the row's own function code.
    economic_code: str = ""
    #: The unit a 计量单位 cell prints for one figure of the row, and that figure's column.
    measure_unit: str = ""
    measured_column: int | None = None
    #: The year the row's figures are of, as its 年度 cell prints it (2025年, 增减变化金额).
    period: str = ""
    #: The row prints a goal in its table's 绩效目标 column: a project's line.
    prints_goal: bool = False
    #: How far right of its name cell's ruling the row's name starts (:attr:`Cell.indent`),
    #: None where it prints no name: the level of a name in a table telling levels by
    #: indentation alone (:func:`_economic_classes_by_name`).
    indent: float | None = None


@dataclass
class Interpretation:
    rows: list[Row]
    problems: list[str]
    #: The header has columns its kind's template cannot name, or no value column: the
    #: table prints its kind in a layout no template knows.
    unknown_layout: bool = False

    @property
    def clashing(self) -> bool:
        """Two printed columns of a row read as one measure (a layout no template knows)."""
        for row in self.rows:
            keys = [column.key for column, _ in row.values if column.key]
            if len(keys) != len(set(keys)):
                return True
        return False


#: What a column-number row prints over its label columns (** | 1 | 2 …, 甲 | 乙 | 1 …).
_PLACEHOLDER = re.compile(r"^([*＊]+|[甲乙丙丁])$")


def _is_helper_row(cells: list[Cell]) -> bool:
    """栏次 rows and rows that only number the columns 1, 2, 3 …, or only mark them (** |
    ** | ** over a table that numbers none of its columns, 西安's 专项业务经费支出表)."""
    texts = [cell.text for cell in cells if cell.origin and cell.text]
    if any("栏次" in text for text in texts):
        return True
    numbers = [text for text in texts if not _PLACEHOLDER.match(text)]
    if len(texts) > 1 and not numbers:
        return True
    enough = 1 if len(numbers) < len(texts) else 3  # ** | 1 numbers a one-column table
    texts = numbers
    if len(texts) >= enough and all(text.isdigit() for text in texts):
        return [int(text) for text in texts] == list(
            range(int(texts[0]), int(texts[0]) + len(texts))
        )
    return False


def _is_data_row(cells: list[Cell]) -> bool:
    """A row with a code, a number, a numbered line label, or a lone 合计 label.

    A 合计 in a row of other labels is a column header, not the total row.
    """
    texts = [cell.text for cell in cells if cell.origin and cell.text not in _CODE_PARTS]
    for text in texts:
        if is_code(text) or (looks_numeric(text) and not is_blank(text)):
            return True
        if LIST_NUMBERING.search(text):
            return True
    labels = [text for text in texts if not is_blank(text)]
    return len(labels) == 1 and labels[0] in TOTAL_LABELS


def _header_rows(grid: Grid) -> tuple[list[int], list[int]]:
    """Indexes of header rows and of data rows (helper rows belong to neither)."""
    header, data = [], []
    seen_data = False
    for index, cells in enumerate(grid.rows):
        if _is_helper_row(cells):
            continue
        seen_data = seen_data or _is_data_row(cells)
        (data if seen_data else header).append(index)
    return header, data


def _is_caption_row(cells: list[Cell]) -> bool:
    """A header row that prints the unit or the publisher (单位：万元, 部门名称：…)."""
    return any(_CAPTION.search(cell.text) for cell in cells if cell.origin and cell.text)


def _spans(grid: Grid, rows: list[int]) -> dict[tuple[int, int], tuple[int, int]]:
    """The first and last column each header cell covers."""
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for i in rows:
        for j, cell in enumerate(grid.rows[i]):
            first, _ = spans.get(cell.anchor, (j, j))
            spans[cell.anchor] = (first, j)
    return spans


def _column_labels(grid: Grid, header: list[int], data: list[int]) -> list[list[str]]:
    """Each column's header labels, top to bottom. A caption row (单位：万元, 部门名称：…) and
    whatever its cells cover below it are no labels."""
    captions = {i for i in header if _is_caption_row(grid.rows[i])}
    header = [i for i in header if i not in captions]
    spans = _spans(grid, header)
    labels: list[list[str]] = []
    deepest: list[tuple[int, int] | None] = []
    for j in range(grid.width):
        seen: set[tuple[int, int]] = set()
        column: list[str] = []
        above: tuple[int, int] | None = None
        for i in header:
            cell = grid.rows[i][j]
            if cell.text and cell.anchor not in seen and cell.anchor[0] not in captions:
                seen.add(cell.anchor)
                single = spans[cell.anchor] == (j, j)
                if above is not None and single and spans[above] == spans[cell.anchor]:
                    column[-1] += cell.text  # one label wrapped over two cells: 公务接 | 待费
                else:
                    column.append(cell.text)
                above = cell.anchor
        labels.append(column)
        deepest.append(above)
    labels = _under_their_middle(grid, labels, deepest, spans)
    for j, column in enumerate(labels):
        for i in data[:1]:
            if grid.rows[i][j].text in _CODE_PARTS:
                column.append(grid.rows[i][j].text)
    return labels


def _under_their_middle(
    grid: Grid,
    labels: list[list[str]],
    deepest: list[tuple[int, int] | None],
    spans: dict[tuple[int, int], tuple[int, int]],
) -> list[list[str]]:
    """The labels of each column as those of the column under the middle of its deepest
    label's cell, where that column has the same cell with labels above it.

    A frame whose cells are each drawn with their own rulings sets a child's ruling a hair
    left of its parent's (小计 starting at 144.6 under “三公”经费 starting at 150.0): the sliver
    between the two is a column under the child and no parent, whose 小计 would be nobody's.
    A label belongs to the columns under it as its parents see it: at its middle."""
    bounds = grid.column_bounds
    placed: list[list[str]] = []
    for j, column in enumerate(labels):
        anchor = deepest[j]
        owner = j
        if anchor is not None and bounds:
            first, last = spans[anchor]
            middle = (bounds[first][0] + bounds[last][1]) / 2
            owner = next((k for k in range(first, last + 1) if middle < bounds[k][1]), j)
        wider = labels[owner]
        same_cell = deepest[owner] == anchor and len(wider) > len(column)
        placed.append(list(wider) if same_cell and wider[-len(column) :] == column else column)
    return placed


def _role(
    template: TableTemplate, labels: list[str], current_year: int | None = None
) -> tuple[str, str]:
    if any(_HELPER_LABEL.search(label) for label in labels):
        return HELPER, ""
    for label in labels:
        if label in _CODE_PARTS:
            return CODE, label
    if any(_CODE_LABEL.search(label) for label in labels):
        government = any(_GOVERNMENT_ECONOMIC_LABEL.search(label) for label in labels)
        return CODE, GOVERNMENT_ECONOMIC if government else CODE
    named = _named_by_label(template, labels[-1]) if labels else None
    if named:
        return named, ""
    years = [relative_year(label, current_year) for label in labels]
    key = resolve_column(template, years) if labels else None
    if key:
        return VALUE, key
    if template.layout != GENERIC and any(_NAME_LABEL.search(label) for label in labels):
        return NAME, ""  # (a generic table's columns are named by what they hold)
    return UNKNOWN, ""


def _named_by_label(template: TableTemplate, label: str) -> str | None:
    """The role a column's deepest label gives it where that label names what its cells
    print: projects, each row's year (a 三公 table's 年度), or the rows' names."""
    if _PROJECT_LABEL.search(label):
        return NAME if template.layout == TWO_SIDED else PROJECT  # a summary's lines
    if template.layout == GRID and _PERIOD_LABEL.match(label):
        return PERIOD
    if template.layout == CODED and LISTED_GOAL.match(label):
        return GOAL
    if _NAME_LABEL.search(label) or (template.layout == TWO_SIDED and _SIDE_LABEL.match(label)):
        return NAME
    return None


def _names_items(labels: str) -> bool:
    """A name column of 三公 items (项目), not of the budget units a table lists."""
    last = labels.split(LABEL_PATH)[-1]
    return bool(_NAME_LABEL.search(last)) and not _UNIT_NAME_LABEL.search(last)


def _items_as_rows(template: TableTemplate, labels: list[list[str]]) -> bool:
    """A GRID table (三公) printed with its items down a name column instead of across."""
    return template.layout == GRID and any(
        column and _names_items(LABEL_PATH.join(column)) for column in labels
    )


def column_model(template: TableTemplate, grid: Grid) -> list[Column]:
    """Columns of a grid from its header rows: role, key, side and panel of each."""
    header, data = _header_rows(grid)
    labels = _column_labels(grid, header, data)
    if _items_as_rows(template, labels):
        return [
            Column(j, NAME, "", LABEL_PATH.join(column))
            if column and _NAME_LABEL.search(column[-1])
            else _item_value_column(template, j, column)
            for j, column in enumerate(labels)
        ]
    columns = []
    names_seen = 0
    panel = 0
    previous_role = ""
    current_year = max(printed_years(labels), default=None)
    slivers = _slivers(grid) if template.layout != GENERIC else set()
    for j, column_labels in enumerate(labels):
        role, key = (HELPER, "") if j in slivers else _role(template, column_labels, current_year)
        if role == NAME:
            names_seen += 1
        if role in (CODE, NAME) and previous_role in (VALUE, UNKNOWN):
            panel += 1
        side = ""
        if template.layout == TWO_SIDED:
            side = "income" if names_seen <= 1 else "expenditure"
        label = LABEL_PATH.join(column_labels)
        columns.append(Column(j, role, key, label, side, panel))
        if role != HELPER:
            previous_role = role
    body = [grid.rows[i] for i in data]
    columns = [
        replace(column, role=CODE, key=CODE)
        if column.role == UNKNOWN and _nested_codes(_texts(column, body))
        else column
        for column in columns
    ]
    columns = _generic_columns(columns, body) if template.layout == GENERIC else columns
    columns = _boxes_beside(columns, body)
    if template.layout == GENERIC:
        return columns
    keys = row_total([column.key for column in columns])
    columns = _block_totals(
        template, [replace(c, key=k) for c, k in zip(columns, keys, strict=True)]
    )
    if template.layout == GRID and any(_MEETINGS.search(c.label) for c in columns):
        columns = [
            replace(c, key=grand_total(c.key))
            if c.label.split(LABEL_PATH)[-1] in TOTAL_LABELS
            else c
            for c in columns
        ]
    return columns


def _block_totals(template: TableTemplate, columns: list[Column]) -> list[Column]:
    """A 合计 under a block's label (财政拨款 / 合计) beside a 总计 headed by nothing above it
    is the block's subtotal, keyed as its block (``fiscal_appropriation``): the 总计 is the
    row's whole, and the two would otherwise read as one measure."""
    if not any(c.key == "total" and LABEL_PATH not in c.label for c in columns):
        return columns
    blocks = []
    for column in columns:
        labels = column.label.split(LABEL_PATH)
        block = resolve_column(template, labels[:-1]) if len(labels) > 1 else None
        if column.key == "total" and labels[-1] in TOTAL_LABELS and block not in (None, "total"):
            column = replace(column, key=block)
        blocks.append(column)
    return blocks


def _slivers(grid: Grid) -> set[int]:
    """Columns that print nothing of their own on the first page: no cell that starts in
    one holds a word or a figure. A frame whose cells are drawn each with their own rulings
    leaves slivers between two rulings a hair apart (收入 over 项目名称 | ▯ | ▯ | 金额); under a
    label of the cells around them they would be columns of that label (a second 收入
    name column, and the income side read as spending)."""
    own = {cell.anchor[1] for row in grid.rows for cell in row if cell.origin and cell.text}
    return set(range(grid.width)) - own


def _generic_columns(columns: list[Column], body: list[list[Cell]]) -> list[Column]:
    """The columns of a table of a kind no template knows, from what they hold: those
    whose cells hold words more than numbers (项目, 单位, 指标 …) label the rows; the
    others hold figures, and neighbours under one header (金额 over two ruled columns,
    some rows printed in each) are one column, keyed by the first."""
    named: list[Column] = []
    for column in columns:
        if column.role == UNKNOWN:
            column = _generic_column(column, named[-1] if named else None, body)
        named.append(column)
    return named


def _generic_column(column: Column, before: Column | None, body: list[list[Cell]]) -> Column:
    """A column no header label names: row labels, or figures, of the column before it
    where both stand under one label or their boxes are printed apart."""
    texts = _texts(column, body)
    words = sum(not looks_numeric(text) and not is_code(text) for text in texts)
    if words * 2 > len(texts):
        return replace(column, role=NAME)
    if (
        before is not None
        and before.role == UNKNOWN
        and (
            before.label == column.label
            or (not (before.label and column.label) and _apart(before, column, body))
        )
    ):
        return replace(column, key=before.key)
    return replace(column, key=f"column_{column.index}")


def _boxes_beside(columns: list[Column], body: list[list[Cell]]) -> list[Column]:
    """An unlabelled column beside a value column, never filled in the same row, is that
    column (:func:`_apart`): a table of a known kind whose 款 figures stand in boxes
    beside the 类 figures under 金额."""
    joined = []
    for j, column in enumerate(columns):
        if column.role == UNKNOWN and not column.label:
            beside = [columns[k] for k in (j - 1, j + 1) if 0 <= k < len(columns)]
            value = next((c for c in beside if c.role == VALUE and _apart(c, column, body)), None)
            if value is not None:
                column = replace(column, role=VALUE, key=value.key)
        joined.append(column)
    return joined


def _apart(one: Column, other: Column, body: list[list[Cell]]) -> bool:
    """Two neighbouring columns, one with no header label of its own, that never both hold
    a figure in one row: one printed column whose cells are boxes drawn a little apart
    (金额 over the 类 rows' figures, its 款 rows' figures in the box beside), not two."""

    def filled(column: Column) -> set[int]:
        return {
            i
            for i, row in enumerate(body)
            if row[column.index].origin and not is_blank(row[column.index].text)
        }

    return not filled(one) & filled(other)


def _texts(column: Column, body: list[list[Cell]]) -> list[str]:
    """What a column's own cells of the body print."""
    texts = [row[column.index].text for row in body if row[column.index].origin]
    return [text for text in texts if not is_blank(text)]


def _nested_codes(texts: list[str]) -> bool:
    """A column of classification codes, told by what it holds where no header label says
    so (a frame of cells drawn each in its own box, its header apart from its columns):
    every text a code, of more than one level, each 款 or 项 under a 类 or 款 printed
    above it (204 › 20404 › 2040401). No column of figures nests like that."""
    if len(texts) < 3 or not all(is_code(text) for text in texts):
        return False
    seen: list[str] = []
    for text in texts:
        if len(text) > 3 and not any(text.startswith(above) for above in seen):
            return False
        seen.append(text)
    return len({len(text) for text in texts}) > 1


def _item_value_column(template: TableTemplate, j: int, labels: list[str]) -> Column:
    key = resolve_item_column(template, labels)
    return Column(j, VALUE if key else UNKNOWN, key or "", LABEL_PATH.join(labels))


def _header_texts(grid: Grid, header: list[int]) -> set[str]:
    return {cell.text for i in header for cell in grid.rows[i] if cell.text}


def _repeated_header(cells: list[Cell], header_texts: set[str]) -> bool:
    """A continuation page that repeats the header rows of the first page."""
    texts = {cell.text for cell in cells if cell.text} - set(_CODE_PARTS)
    return bool(texts) and texts <= header_texts


def interpret(table: LocatedTable) -> Interpretation:
    """Logical rows of a located table, in reading order, and any problems met."""
    if not table.fragments:
        return Interpretation([], [])
    fragments = _header_whole(table.fragments)
    model = column_model(table.template, fragments[0])
    pages = _body_pages(fragments)
    model, pages, apart = _with_further_columns(table, model, pages)
    body, footers = _read_pages(table.template, model, pages)
    order = {"income": 0, "expenditure": 1}
    body.sort(key=lambda row: (row.panel, order.get(row.side, 0)))  # stable: keeps page order
    if table.template.layout == TWO_SIDED:
        body = _join_names_cut_by_the_page(body)
    else:
        body = _merge_label_only_rows(_join_rows_cut_by_the_page(body))
    uncoded = table.template.layout == CODED and not any(c.role == CODE for c in model)
    if uncoded and table.template.code_kind == "economic":
        _economic_classes_by_name(body)
    if any(c.role == GOAL for c in model):
        _projects_by_goal(body)
    _unit_lines(body)
    _carry_budget_units(body)
    if any(
        _UNITS_AND_PROJECTS_LABEL.match(column.label.split(LABEL_PATH)[-1])
        for column in model
        if column.role == NAME
    ):
        _projects_by_their_sums(body)
    _rows_of_their_year(body)
    _classes_own_items(body)
    if uncoded and table.template.code_kind == "function":
        _classes_by_name(body)
    if table.template.layout == GENERIC:  # no template says what its columns should be
        return Interpretation(body + footers, apart)
    header = _header_problems(model, fragments[0].page_number)
    return Interpretation(body + footers, header + apart, unknown_layout=bool(header))


def _header_whole(fragments: list[Grid]) -> list[Grid]:
    """A table's page grids with its header whole in the first: a table that starts at the
    foot of a page may print there only the top of its header (收入 | 支出, or only its
    caption row 部门：… 单位：万元) and the rest over the next page's first figures; the two
    are then one grid, the first page's rows laid out on the next page's columns above it."""
    first, *rest = fragments
    if not rest or _header_rows(first)[1] or not _header_rows(rest[0])[1]:
        return fragments
    top = first.aligned_to(rest[0])
    below = [
        [replace(cell, anchor=(cell.anchor[0] + len(top.rows), cell.anchor[1])) for cell in row]
        for row in rest[0].rows
    ]
    whole = replace(
        rest[0], rows=top.rows + below, top=first.top, row_tops=first.row_tops + rest[0].row_tops
    )
    return [whole, *rest[1:]]


_Page = tuple[int, list[list[Cell]]]  # a page number and the body rows a table prints there


def _body_pages(fragments: list[Grid]) -> list[_Page]:
    """The body rows of every page of a table, in page order, on the first page's columns
    (column-number rows are none)."""
    first = fragments[0]
    header, data = _header_rows(first)
    header_texts = _header_texts(first, header)
    return [
        (
            grid.page_number,
            [
                cells
                for cells in _body_cells(grid, first, data, header_texts)
                if not _is_helper_row(cells)
            ],
        )
        for grid in fragments
    ]


def _with_further_columns(
    table: LocatedTable, model: list[Column], pages: list[_Page]
) -> tuple[list[Column], list[_Page], list[str]]:
    """The columns and rows of a table with the columns it prints apart, and any problem.

    A table too wide for its page prints its last columns on pages of their own, in the
    order of the pages they go on (sh-data 收入预算总表: 其他收入 on p. 10 beside the rows of
    p. 8): row by row, a page of further columns goes on the rows of the page it stands
    beside. A page whose rows are not as many is not laid beside it, and said so."""
    problems: list[str] = []
    further = table.further
    while further is not None and further.fragments:
        fragments = _header_whole(further.fragments)
        offset = len(model)
        beside = [
            replace(column, index=column.index + offset, side=model[-1].side, panel=model[-1].panel)
            for column in column_model(table.template, fragments[0])
        ]
        blank = [Cell("", False, (-1, -1))] * len(beside)
        extra = _body_pages(fragments)
        joined: list[_Page] = []
        for k, (page, rows) in enumerate(pages):
            extra_page, extra_rows = extra[k] if k < len(extra) else (page, [])
            if len(extra_rows) == len(rows):
                joined.append(
                    (page, [cells + more for cells, more in zip(rows, extra_rows, strict=True)])
                )
                continue
            if extra_rows:
                problems.append(
                    f"page {extra_page}: {len(extra_rows)} rows of further columns beside "
                    f"the {len(rows)} of page {page}; not read"
                )
            joined.append((page, [cells + blank for cells in rows]))
        problems += [
            f"page {page}: further columns beside no page of the table; not read"
            for page, rows in extra[len(pages) :]
            if rows
        ]
        model, pages, further = model + beside, joined, further.further
    return model, pages, problems


def _read_pages(
    template: TableTemplate, model: list[Column], pages: list[_Page]
) -> tuple[list[Row], list[Row]]:
    """The rows of every page of a table, in page order, read by the first page's columns;
    the footer lines of a PANELS table (labels without codes) apart from its body rows."""
    body: list[Row] = []
    footers: list[Row] = []
    printed_above: dict[tuple[str, int], tuple[str, ...]] = {}
    for page, rows in pages:
        for cells in _rows_under_one_label(model, rows):
            for row in _read_row(template, model, cells, page):
                _take_higher_parts(row, printed_above)
                is_footer = template.layout == PANELS and not row.code and row.label
                (footers if is_footer else body).append(row)
    return body, footers


def _rows_under_one_label(model: list[Column], rows: list[list[Cell]]) -> list[list[Cell]]:
    """The grid rows of one page, each row that stands under the code and name cells of the
    row above joined to that row.

    A frame may draw a row's code and name in cells three rulings tall and its figure in a
    box that starts on a ruling between them (204 | 公共安全支出 in one grid row, its 27,488.23
    in the next): read grid row by grid row, the code would stand in a row with no figure
    and the figure in a row with no code. The grid rows those cells cover are all one row."""
    labels = [column.index for column in model if column.role in (CODE, NAME)]
    joined: list[list[Cell]] = []
    for cells in rows:
        if joined and labels and _under_the_labels_above(labels, joined[-1], cells):
            joined[-1] = [
                cell if cell.origin and cell.text else kept
                for kept, cell in zip(joined[-1], cells, strict=True)
            ]
            continue
        joined.append(cells)
    return joined


def _under_the_labels_above(labels: list[int], above: list[Cell], cells: list[Cell]) -> bool:
    """Every code and name cell of the row is one of the row above, and the row prints no
    figure where the row above prints one (two figures of one column are two rows)."""
    printed = {j for j, cell in enumerate(above) if cell.origin and cell.text}
    return all(
        not cells[j].origin and cells[j].anchor == above[j].anchor for j in labels
    ) and not any(cell.origin and cell.text and j in printed for j, cell in enumerate(cells))


def _take_higher_parts(row: Row, printed_above: dict[tuple[str, int], tuple[str, ...]]) -> None:
    """Complete a code printed over 类 | 款 | 项 columns whose higher parts the row leaves
    blank, and remember the row's parts for the rows below it.

    A table may print a 款 row's code as its 款 part alone (11 under 款, the 类 201 printed
    only in the 类 row above it, 201 | 11 | 99 in its 项 rows): the row is 20111 by its place
    under that 类. The blank parts are those of the nearest row above, on the same side and
    panel, that printed them; a row that prints no part gets no code, and neither does one
    whose higher parts no row above printed."""
    parts = row.code_parts
    printed = [k for k, part in enumerate(parts) if part]
    if not printed:
        return
    place = (row.side, row.panel)
    first = printed[0]
    if not row.code and first:
        higher = printed_above.get(place, ())[:first]
        whole = (*higher, *parts[first:])
        code = normalise_code(list(whole))
        if len(higher) == first and all(higher) and is_code(code):
            row.code, parts = code, whole
    if row.code:
        printed_above[place] = parts


def _classes_by_name(rows: list[Row]) -> None:
    """A table of spending by function that prints names and no codes (Hangzhou's 表5):
    a row named as a 类 of the national classification (交通运输支出) takes its code, so
    its figures reach the tidy resources by code; a 款 or 项 has no name of its own in the
    classification and stays uncoded."""
    for row in rows:
        if not row.code and row.side != "income":
            row.code = function_class_for_name(row.label) or ""


def _economic_classes_by_name(rows: list[Row]) -> None:
    """A table of spending by economic class that prints names and no codes (广州's
    部门预算基本支出预算表, 深圳's 基本支出总表): a row named exactly as a 类 of the
    classification the table's names are of takes its code (:func:`economic_classes_for_names`).

    Where the names print their levels by indentation, the levels say which line is what
    (:func:`_levels_by_indentation`). Where they print none, every other named line, no
    total, that stands over such a row is a budget unit's line and opens its rows (广州市气象台
    1,235.20 over 工资福利支出 1,104.38 …) until the next; where one does not (a table
    printing 款 by name too, or a name misspelt), no line is a unit's and each stays as
    printed, with no code."""
    codes = economic_classes_for_names([row.label for row in rows if not row.code])
    if _levels_by_indentation(rows, codes):
        return
    for row in rows:
        row.code = row.code or codes.get(row.label, "")
    named = [
        (row, below)
        for row, below in pairwise([*rows, None])
        if not row.code and row.label not in ("", *TOTAL_LABELS)
    ]
    if all(below is not None and below.code for _, below in named):
        for row, _ in named:
            row.budget_unit = row.label


#: How far apart (in points) the starts of two names may stand at one level of indentation:
#: a level is a space or more further in (5 points at 10 points), a hair is the same place.
_SAME_INDENT = 1.0


def _levels_by_indentation(rows: list[Row], codes: dict[str, str]) -> bool:
    """Read a table of economic classes by name whose lines print their level by their
    indentation alone (深圳's 基本支出总表: the department at the ruling, each unit four
    spaces in, its 类 four more, each 类's 款 four more; a department of one unit prints
    its 类 right under its own line). A line's parent is the nearest line above set further
    left. A line named as a 类 whose parent is no 类 is that 类 and takes its code; a line
    under a 类 is its 款 and keeps its name, no code (a 款 may bear its 类's name: 其他支出
    under 其他支出); a line over 类 is a budget unit's and opens its rows, as is a line of
    nothing under its department's (a unit printing its 0.00 alone); a line over units'
    lines is the department's, of no unit.

    Whether the table is read so: every named line, no total, prints its indentation,
    at more than one level, and each is one of these; else (a flat list, a misprinted
    level, a name of no 类 where a 类 stands) nothing is set and False is returned."""
    lines = [row for row in rows if row.label not in ("", *TOTAL_LABELS)]
    if not lines or any(row.indent is None or row.code for row in lines):
        return False
    parents = _indent_parents([row.indent or 0.0 for row in lines])
    if all(parent is None for parent in parents):
        return False
    children: dict[int, list[int]] = {}
    for index, parent in enumerate(parents):
        if parent is not None:
            children.setdefault(parent, []).append(index)
    classes: set[int] = set()
    for index, row in enumerate(lines):
        if row.label in codes and parents[index] not in classes:
            classes.add(index)
    units = {  # a unit printing nothing but its own line of 0.00 stands under its department
        index
        for index, parent in enumerate(parents)
        if index not in classes
        and parent not in classes
        and (index in children or parent is not None)
        and all(child in classes for child in children.get(index, []))
    }
    departments = {
        index
        for index in children
        if parents[index] is None and all(child in units for child in children[index])
    }
    items = {index for index, parent in enumerate(parents) if parent in classes}
    if classes | units | departments | (items - set(children)) != set(range(len(lines))):
        return False
    for index in classes:
        lines[index].code = codes[lines[index].label]
    for index in units:
        lines[index].budget_unit = lines[index].label
    return True


def _indent_parents(indents: list[float]) -> list[int | None]:
    """Each line's parent by indentation: the nearest line above set further left."""
    parents: list[int | None] = []
    open_lines: list[int] = []  # the lines above that a line further in stands under
    for index, indent in enumerate(indents):
        while open_lines and indents[open_lines[-1]] >= indent - _SAME_INDENT:
            open_lines.pop()
        parents.append(open_lines[-1] if open_lines else None)
        open_lines.append(index)
    return parents


def _projects_by_goal(rows: list[Row]) -> None:
    """A table listing its projects under each unit's line, with a goal (绩效目标) beside
    each project (广州's 部门预算项目支出及其他支出预算表), by the rule of every such listing
    (:func:`fiscal.read.form_rows.listed_line`): a line printing a goal is a project's; a
    named line printing none, no total, with a project's line below it, is the line of the
    unit those projects are of, and opens its rows until the next."""
    for row, below in pairwise([*rows, None]):
        if row.prints_goal:
            row.project = row.project or row.label
        elif row.label not in ("", *TOTAL_LABELS) and below is not None and below.prints_goal:
            row.budget_unit = row.label


def _body_cells(
    grid: Grid, first: Grid, data: list[int], header_texts: set[str]
) -> list[list[Cell]]:
    """The body rows of one page of a table on the columns of its first page: the data rows
    of the first page, and the rows of a later page below any header it repeats."""
    if grid is first:
        return [first.rows[i] for i in data]
    if grid.width != first.width:
        grid = grid.aligned_to(first)
    rows = grid.rows
    while rows and _repeated_header(rows[0], header_texts):
        rows = rows[1:]
    return rows


def _header_problems(model: list[Column], page: int) -> list[str]:
    """Header columns no template knows, and a header with no value column at all."""
    unknown = [c.label for c in model if c.role == UNKNOWN and c.label]
    problems = [f"page {page}: column not recognised: {label}" for label in unknown]
    if not any(column.role == VALUE for column in model):
        problems.append(f"page {page}: no value column recognised in the header")
    return _unique(problems)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _read_row(
    template: TableTemplate, model: list[Column], cells: list[Cell], page: int
) -> list[Row]:
    if template.layout == TWO_SIDED:  # each side, and each panel of a side (功能 | 经济分类)
        groups = [
            [c for c in model if (c.side, c.panel) == part]
            for part in dict.fromkeys((c.side, c.panel) for c in model)
        ]
    elif template.layout == PANELS:
        groups = [[c for c in model if c.panel == p] for p in sorted({c.panel for c in model})]
        if not any(_code_of(group, cells)[0] for group in groups):
            return _pair_labels_and_values(model, cells, page)
    elif template.layout == GENERIC:
        groups = _side_by_side(model)
    else:
        groups = [model]
    rows = []
    for group in groups:
        row = _read_group(group, cells, page, every_name=template.layout == GENERIC)
        if row is not None and (row.values or row.label or row.code):
            rows.append(row)
    if template.layout == GRID and any(
        column.role == NAME and _names_items(column.label) for column in model
    ):
        for row in rows:
            item = resolve_item(template, row.label)
            if item is not None:
                row.values = [(replace(c, key=f"{item}_{c.key}"), text) for c, text in row.values]
    return rows


def _code_columns(columns: list[Column]) -> tuple[list[Column], Column | None]:
    """The columns of a row's own code, and apart from them a column of government
    economic codes printed beside the department's (which is the row's own code only in a
    table that prints no other)."""
    coded = [c for c in columns if c.role == CODE]
    own = [c for c in coded if c.key != GOVERNMENT_ECONOMIC]
    beside = next((c for c in coded if c.key == GOVERNMENT_ECONOMIC), None)
    return (own, beside) if own else (coded, None)


def _code_of(columns: list[Column], cells: list[Cell]) -> tuple[str, str]:
    """The code of a row and any non-code text printed in its code cells (e.g. 合计)."""
    own, _ = _code_columns(columns)
    parts = [cells[c.index].text for c in own if cells[c.index].origin]
    parts = [part for part in parts if part not in _CODE_PARTS]
    joined = normalise_code(parts)
    if joined and is_code(joined):
        return joined, ""
    return "", "".join(part for part in parts if not part.isdigit())


def _code_parts(columns: list[Column], cells: list[Cell]) -> tuple[str, ...]:
    """The digits a row prints in each of its 类 | 款 | 项 columns ('' in a blank one or one
    that prints words, 合计); none where the code is printed whole in one column."""
    split = [c for c in columns if c.role == CODE and c.key in _CODE_PARTS]
    if len(split) < 2:
        return ()
    texts = [
        re.sub(r"\s+", "", cells[c.index].text) if cells[c.index].origin else "" for c in split
    ]
    return tuple(text if text.isdigit() else "" for text in texts)


def _read_group(
    columns: list[Column], cells: list[Cell], page: int, every_name: bool = False
) -> Row | None:
    """A row of one group of columns: its code, its label, its project and its figures.

    A table of a known kind names its row in its first name column. A generic table may
    print a path over several name columns under one header (指导性目录 一级 | 二级 | 三级),
    each a level the row belongs to, so with ``every_name`` its label is that path."""
    code, stray = _code_of(columns, cells)
    units = [c for c in columns if _lists_units(c, columns)]
    unit = next((cells[c.index].text for c in units if cells[c.index].text), "")
    unit = "" if unit in TOTAL_LABELS else unit
    period = next((cells[c.index].text for c in columns if c.role == PERIOD), "")
    named: Cell | None = None
    if every_name:
        label = _name_path(columns, cells) or stray
    else:  # a row printing its unit beside its own name is named by the latter
        names = [cells[c.index] for c in columns if c.role == NAME and c not in units]
        named = next((cell for cell in names if cell.text), None)
        label = (named.text if named else "") or period or unit or stray
    classified = _classified(columns, cells) if not code else {}
    if classified:  # 2010801-行政运行 | 50101-工资奖金津补贴 | 30101-基本工资
        code, label = classified[next(iter(classified))]
    coded_label = _coded_label(label) if not code else None
    if coded_label:  # code and name printed in one cell: "201 一般公共服务支出", "[201]…"
        code, label = coded_label
    side = columns[0].side if columns else ""
    panel = columns[0].panel if columns else 0
    project = next((cells[c.index].text for c in columns if c.role == PROJECT), "")
    if project in TOTAL_LABELS and not label:  # 合计 printed in the project column
        label, project = project, ""
    row = Row(page, label, code, side, panel, project, code_parts=_code_parts(columns, cells))
    row.budget_unit = unit
    row.period = period
    row.prints_goal = any(cells[c.index].text for c in columns if c.role == GOAL)
    row.indent = named.indent if named is not None else None
    row.uncoded_digits = "" if code else _uncoded_digits(columns, cells)
    row.unit_code = _unit_code(columns, cells)
    row.measure_unit, row.measured_column = _measure_unit(columns, cells)
    row.government_economic_code, row.economic_code = _beside(columns, cells, classified)
    for column in columns:
        cell = cells[column.index]
        if column.role in (VALUE, UNKNOWN) and cell.origin and not is_blank(cell.text):
            if column.role == UNKNOWN and not looks_numeric(cell.text):
                continue
            row.values.append((_spanned(columns, cells, column), cell.text))
    return row


def _beside(
    columns: list[Column], cells: list[Cell], classified: dict[str, tuple[str, str]]
) -> tuple[str, str]:
    """The government and the department economic codes a row prints beside its own code:
    in a column of government codes beside the department's (西安), or in the cells of a
    table classifying its rows by several classifications (:func:`_classified`), where a
    department economic code is one beside the row's own only when that is a function code."""
    government = economic = ""
    _, beside = _code_columns(columns)
    if beside is not None and cells[beside.index].origin and is_code(cells[beside.index].text):
        government = cells[beside.index].text
    if GOVERNMENT_ECONOMIC in classified:
        government = classified[GOVERNMENT_ECONOMIC][0]
    if ECONOMIC in classified and next(iter(classified)) == FUNCTION:
        economic = classified[ECONOMIC][0]
    return government, economic


def _classification(column: Column) -> str:
    """The classification a name column's own header label names: function, government
    economic or (department) economic; '' for any other column."""
    if column.role != NAME:
        return ""
    label = column.label.split(LABEL_PATH)[-1]
    if _FUNCTION_CLASS_LABEL.search(label):
        return FUNCTION
    if _ECONOMIC_CLASS_LABEL.search(label):
        return GOVERNMENT_ECONOMIC if _GOVERNMENT_ECONOMIC_LABEL.search(label) else ECONOMIC
    return ""


def _classified(columns: list[Column], cells: list[Cell]) -> dict[str, tuple[str, str]]:
    """The code and name a row prints under each classification, in a table classifying
    its rows by two or more (支出功能分类科目 | 政府支出经济分类科目 | 部门支出经济分类科目,
    or the two economic ones alone), its own first: the function code where the table
    prints one, else the department's economic code, with the government's beside it (as
    西安 prints 部门经济科目编码 | … | 政府经济科目编码). Empty for a row whose own
    classification prints no code (合计), and in a table of one classification, whose
    name cell is read as any other."""
    headed: dict[str, Column] = {}
    for column in columns:
        kind = _classification(column)
        if kind:
            headed.setdefault(kind, column)
    if len(headed) < 2:
        return {}
    printed = {}
    for kind in (FUNCTION, ECONOMIC, GOVERNMENT_ECONOMIC):
        coded = _coded_label(cells[headed[kind].index].text) if kind in headed else None
        if coded:
            printed[kind] = coded
    own = next(kind for kind in (FUNCTION, ECONOMIC, GOVERNMENT_ECONOMIC) if kind in headed)
    return printed if own in printed else {}


def _coded_label(text: str) -> tuple[str, str] | None:
    """The code and name a cell prints as one (:data:`_CODED_LABEL`), where the digits are
    a code of the classifications (2xx, 3xx, 5xx): a name that begins with another number
    (95128助老服务热线, a hotline) is still a name."""
    match = _CODED_LABEL.match(text)
    if match is None or not is_classified_code(match[1]):
        return None
    return match[1], match[2]


def _uncoded_digits(columns: list[Column], cells: list[Cell]) -> str:
    """The digits a row prints in its table's one code column where they make no
    classification code (125001, 05); none in a table that splits its codes over 类 | 款 |
    项 columns, whose parts :func:`_take_higher_parts` completes."""
    own, _ = _code_columns(columns)
    if len(own) != 1 or own[0].key in _CODE_PARTS or not cells[own[0].index].origin:
        return ""
    text = re.sub(r"\s+", "", cells[own[0].index].text)
    return text if text.isdigit() and not is_code(text) else ""


def _unit_code(columns: list[Column], cells: list[Cell]) -> str:
    """The digits a row prints in a column of the budget units' codes (单位编码)."""
    texts = (
        re.sub(r"\s+", "", cells[c.index].text)
        for c in columns
        if c.role == HELPER
        and cells[c.index].origin
        and _UNIT_CODE_LABEL.match(c.label.split(LABEL_PATH)[-1])
    )
    return next((text for text in texts if text.isdigit()), "")


def _measure_unit(columns: list[Column], cells: list[Cell]) -> tuple[str, int | None]:
    """The unit a row's 计量单位 cell prints (座, 万人次, 个数) and the column of the figure it
    qualifies: the figure column just before it (指标值 27 | 计量单位 座), or just after."""
    for position, column in enumerate(columns):
        if not _MEASURE_UNIT_LABEL.search(column.label.split(LABEL_PATH)[-1]):
            continue
        text = cells[column.index].text.strip()
        beside = [columns[p] for p in (position - 1, position + 1) if 0 <= p < len(columns)]
        figure = next((c for c in beside if c.role in (VALUE, UNKNOWN)), None)
        if text and figure is not None and not looks_numeric(text):
            return text, figure.index
    return "", None


def _lists_units(column: Column, columns: list[Column]) -> bool:
    """A column of the budget units (预算单位, 单位名称) a table lists its rows under,
    beside the columns that name or code each row (深圳's 预算单位 | 科目编码 | 科目名称,
    杭州's 单位名称 | 项目名称): not the one name column of a table whose rows are units."""
    return (
        column.role == NAME
        and bool(_BUDGET_UNIT_LABEL.match(column.label.split(LABEL_PATH)[-1]))
        and any(
            other is not column and other.role in (CODE, NAME, PROJECT, PERIOD) for other in columns
        )
    )


def _carry_budget_units(rows: list[Row]) -> None:
    """Each row under the budget unit printed on it or, in a table that prints a unit's
    name once above its rows (深圳), on the row that opened its block; a total row belongs
    to no unit. A report listed unit by unit repeats its codes once per unit, and the
    unit is what tells those rows apart."""
    unit = ""
    for row in rows:
        if row.budget_unit:
            unit = row.budget_unit
        elif row.label not in TOTAL_LABELS or row.code:
            row.budget_unit = unit


def _rows_of_their_year(rows: list[Row]) -> None:
    """Each row's figures keyed by the year its 年度 cell prints (深圳's 三公 table: a unit's
    2025年, 2026年 and 增减变化金额 rows under one header): the report's year is the latest
    the column prints, an earlier one is the previous year's and a change is the change's,
    as where the header prints the years over the columns (``previous_total_budget``)."""
    current = max(printed_years([[row.period for row in rows]]), default=None)
    for row in rows:
        prefix = period_prefix(relative_year(row.period, current)) if row.period else ""
        row.values = [
            (replace(column, key=prefix + column.key), text) for column, text in row.values
        ]


def _unit_number(row: Row) -> str:
    """The code of the budget unit a row prints, or of the department over its units: in
    a column of units' codes, or where the row's own code stands."""
    return row.unit_code or row.uncoded_digits or row.code


def _opens_unit(row: Row) -> bool:
    """A unit line: a name and its figures beside a budget unit's code (125001 西安市安全生产
    宣传教育中心 461.80) where the row's classification code stands, or in a column of
    units' codes, and no classification code of its own. A unit's code is its
    department's (125) followed by digits: longer than a 类 and no code of 5 or 7 digits."""
    number = row.unit_code or row.uncoded_digits
    return (
        not row.code
        and not any(row.code_parts)
        and len(number) > 3
        and not is_code(number)
        and bool(row.values)
        and row.label not in ("", *TOTAL_LABELS)
    )


def _unit_lines(rows: list[Row]) -> None:
    """The units a table lists its rows under by a line of their own (西安's 表5: 125001
    西安市安全生产监督管理局 2,080.32 …, its 208 / 20805 / 2080505 rows below it, then 125002
    … with its own): each unit line is its unit's row, and the rows below it belong to
    it until the next (:func:`_carry_budget_units`), so the codes the table repeats once
    per unit are told apart by their unit.

    The units of one table share their department's code (125001, 125002 … of 125); a
    line printing that code alone above them is the department's own row, of no unit and
    no classification code. A table whose rows are all units (收入总表: one line per unit)
    lists nothing under them, and a table that names each row's unit in a column of its
    own (深圳's 预算单位) is read by that column."""
    if any(row.budget_unit for row in rows):
        return
    units = [row for row in rows if _opens_unit(row)]
    departments = {_unit_number(row)[:3] for row in units}
    if len(departments) != 1:
        return
    first = rows.index(units[0])
    [department] = departments
    heads = [row for row in rows[:first] if _unit_number(row) == department]
    lines = {id(row) for row in units + heads}
    under = [row for row in rows[first:] if id(row) not in lines]
    if not any(row.code or row.label not in TOTAL_LABELS for row in under):
        return
    for row in units:
        row.budget_unit = row.label
    for row in heads:
        row.code = ""


def _projects_by_their_sums(rows: list[Row]) -> None:
    """The projects of a table naming its units and their projects in one column (西安's
    专项业务经费支出表: 116001 西安市财政局, then 通用项目, 委托咨询业务, 财政委托业务 …): the
    lines under a unit's line nest only by their figures, a class of project (通用项目) over
    its groups, a group over its projects, each the sum of the lines it heads, with no code
    or indentation to tell them. A line that heads none is a project (its ``project`` its
    name); the others stay lines of the table.

    Which lines head which is read from the sums alone where they add up one way only: every
    line under the unit's, the unit's figure. Where they add up no way (a misprinted
    subtotal), or more than one (a line of 0.00, a project equal to the next ones' sum),
    the unit's lines are left as printed, none of them a project, rather than guessed."""
    opening = [
        index
        for index, row in enumerate(rows)
        if row.budget_unit and row.label == row.budget_unit and _opens_unit(row)
    ]
    for first, end in zip(opening, [*opening[1:], len(rows)], strict=True):
        block = rows[first + 1 : end]
        figures = [_whole_figure(row) for row in [rows[first], *block]]
        if not block or any(figure is None for figure in figures):
            continue
        heads = _headings([f for f in figures[1:] if f is not None], figures[0])
        if heads is None:
            continue
        for index, row in enumerate(block):
            if index not in heads:
                row.project = row.label


def _whole_figure(row: Row) -> Decimal | None:
    """A row's whole figure (its 合计 or its one 金额), None where it prints none readable."""
    text = next((text for c, text in row.values if c.key in ("total", "amount")), "")
    try:
        amount = parse_amount(text)
    except UnreadableAmount:
        return None
    return amount.value if amount is not None else None


_Ways = frozenset[tuple[int, frozenset[int]]]
#: More ways than this for a unit's lines to nest is no one reading: lines of 0.00 nest in
#: every way, and counting each of twenty of them took minutes.
_MAX_WAYS = 64


class _TooManyWays(Exception):
    """The lines nest in more ways than one reading could be told from."""


def _headings(figures: list[Decimal], whole: Decimal | None) -> frozenset[int] | None:
    """The lines that head others, where lines of these figures, each the sum of the run of
    lines below it that it heads, add up to ``whole`` one way only; None where they add up
    to it no way, or two ways that differ in which lines head others."""
    end = len(figures)

    @cache
    def node(i: int) -> _Ways:
        """The ways line i and the lines it heads end: alone, or over a run adding to it."""
        alone = (i + 1, frozenset[int]())
        headed = {(j, heads | {i}) for j, heads in run(i + 1, figures[i]) if j > i + 1}
        return frozenset({alone, *headed})

    @cache
    def run(i: int, remaining: Decimal) -> _Ways:
        """The ways a run of lines from line i adds up to ``remaining``, and where it ends."""
        ways = {(i, frozenset[int]())} if remaining == 0 else set()
        if i < end and 0 <= figures[i] <= remaining:
            for j, heads in node(i):
                ways |= {(k, heads | more) for k, more in run(j, remaining - figures[i])}
        if len(ways) > _MAX_WAYS:
            raise _TooManyWays
        return frozenset(ways)

    if whole is None:
        return None
    try:
        readings = {heads for j, heads in run(0, whole) if j == end}
    except (RecursionError, _TooManyWays):  # more than can be followed: left as printed
        return None
    return readings.pop() if len(readings) == 1 else None


def _classes_own_items(rows: list[Row]) -> None:
    """A 款 printed as its own two digits in a table that prints every other code whole
    (西安's 表5: 208 社会保障和就业支出, then 05 行政事业单位离退休 over 2080505 and 2080506,
    then 99 其他社会保障和就业支出 over 2089901): the digits are the 款 of the 类 above,
    the one of the nearest code printed above (the 类 itself, or a 项 of its last 款), so
    05 under 208 is 20805. Where the next code printed below is a code of the same 类 it
    must be under that 款 (2080505 under 20805), or the digits are left as printed (a 款
    printing no 项 is followed by the next 款's digits, or by another 类); a unit line or a
    total between them and any code above leaves them too."""
    if any(any(row.code_parts) for row in rows) or not any(row.code for row in rows):
        return
    above = ""
    for index, row in enumerate(rows):
        if row.code:
            above = row.code
            continue
        if _opens_unit(row) or row.label in TOTAL_LABELS:
            above = ""
            continue
        if len(row.uncoded_digits) != 2 or len(above) < 3:
            continue
        whole = above[:3] + row.uncoded_digits
        below = next(
            (r.code for r in rows[index + 1 :] if r.code or r.uncoded_digits or r.unit_code), ""
        )
        if is_code(whole) and (below[:3] != whole[:3] or below.startswith(whole)):
            row.code = above = whole


def _name_path(columns: list[Column], cells: list[Cell]) -> str:
    """The row's first name, and after it the names of the name columns that stand beside
    its column under one header label (指导性目录 over 一级 | 二级 | 三级): one path of levels.
    A name column under a header of its own (时间, 绩效目标), or past a column of figures (a
    panel of its own), says something else of the row and stays out; a name whose cell is
    merged across the levels (合计) is read once."""
    first = next((c for c in columns if c.role == NAME and cells[c.index].text), None)
    if first is None:
        return ""
    parent = _parent(first.label)
    texts = {cells[first.index].anchor: cells[first.index].text}
    for column in columns[columns.index(first) + 1 :]:
        if column.role == HELPER:
            continue
        if not parent or column.role != NAME or _parent(column.label) != parent:
            break
        cell = cells[column.index]
        if cell.text:
            texts.setdefault(cell.anchor, cell.text)
    return LABEL_PATH.join(texts.values())


def _parent(label: str) -> str:
    """The header labels over a column's own: 指导性目录 for 指导性目录 / 一级."""
    return label.rpartition(LABEL_PATH)[0]


def _spanned(columns: list[Column], cells: list[Cell], column: Column) -> Column:
    """The column a figure belongs to: its own, or where its own names nothing, the named
    figure column its cell spans into (a box drawn from a hair left of 总计's column)."""
    if column.role != UNKNOWN:
        return column
    anchor = cells[column.index].anchor
    return next(
        (
            c
            for c in columns
            if c.index > column.index and c.role == VALUE and cells[c.index].anchor == anchor
        ),
        column,
    )


def _side_by_side(model: list[Column]) -> list[list[Column]]:
    """The panels a table of no known kind prints side by side, each the same columns over
    again (项目 | 预算数 | 支出功能分类科目 | 预算数 | …, 西安's 政府性基金收支表): a figure is
    named by its own panel's names, not by the first panel's. Columns that do not repeat
    so (项目名称 | 金额 | 单位名称, or a 政府采购预算表's 专项名称 | 经济科目 | 采购物品名称 |
    数量 | 金额) are one row's names and figures."""
    panels = [[c for c in model if c.panel == p] for p in sorted({c.panel for c in model})]
    shapes = {_panel_shape(panel) for panel in panels}
    if len(panels) > 1 and len(shapes) == 1:
        [shape] = shapes
        if (NAME, "") in shape and any(label for _, label in shape):
            return panels
    return [model]


def _panel_shape(panel: list[Column]) -> tuple[tuple[str, str], ...]:
    """A panel's columns as they repeat: each one's role, and a figure's own header label."""
    return tuple(
        (NAME, "") if column.role == NAME else ("figure", column.label.split(LABEL_PATH)[-1])
        for column in panel
        if column.role != HELPER
    )


def _pair_labels_and_values(model: list[Column], cells: list[Cell], page: int) -> list[Row]:
    """Footer lines such as 人员经费合计 | 2,152.26 | 公用经费合计 | 184.65."""
    rows: list[Row] = []
    for column in model:
        cell = cells[column.index]
        if not cell.origin or is_blank(cell.text):
            continue
        if looks_numeric(cell.text) and column.role in (VALUE, UNKNOWN):
            if rows and not rows[-1].values:
                rows[-1].values.append((column, cell.text))
        elif not looks_numeric(cell.text):
            rows.append(Row(page, cell.text, ""))
    return [row for row in rows if row.values]


def _join_rows_cut_by_the_page(rows: list[Row]) -> list[Row]:
    """Join a row the foot of a page cut in two: its label and each cell's text go on at
    the top of the next page (杭州市机动 | 14,549.64 | … | 12,437.3 on one page, 车驾驶员
    考试 / 服务中心 | 6 on the next: 12,437.36), each piece the end of its cell's text."""
    joined: list[Row] = []
    for row in rows:
        if joined and _finishes_the_row_above(joined[-1], row):
            above = joined[-1]
            tails = {column.index: text for column, text in row.values}
            above.label += row.label
            above.values = [(c, text + tails.get(c.index, "")) for c, text in above.values]
            above.prints_goal = above.prints_goal or row.prints_goal
            continue
        joined.append(row)
    return joined


def _finishes_the_row_above(above: Row, row: Row) -> bool:
    """The first row of a page finishes the last row of the page before: it prints no code
    and no total (a row of its own would print both, or at least its total), a label that
    goes on from the label above, and figures only in cells the row above prints a figure
    in, each of which, with its piece, still reads as one figure."""
    printed = {column.index: text for column, text in above.values}
    return (
        row.page == above.page + 1
        and not row.code
        and bool(row.label and above.label)
        and any(column.key == "total" for column, _ in above.values)
        and bool(row.values)
        and all(
            column.key != "total"
            and column.index in printed
            and _one_figure(printed[column.index] + text)
            for column, text in row.values
        )
    )


def _join_names_cut_by_the_page(rows: list[Row]) -> list[Row]:
    """A summary's numbered line whose name the page cut (江苏: 八、社会保障和就 | 1,608.51 at
    the foot of one page, 业支出 atop the next): the piece opens its side's lines on the next
    page with no code, no figure and no numbering of its own, between two lines numbered
    alike, so it ends the name above rather than printing a line of its own. The rows come
    sorted by panel and side, each's lines together in page order."""
    joined: list[Row] = []
    for index, row in enumerate(rows):
        above = joined[-1] if joined else None
        below = rows[index + 1] if index + 1 < len(rows) else None
        if (
            above is not None
            and below is not None
            and (above.side, above.panel) == (row.side, row.panel) == (below.side, below.panel)
            and row.page == above.page + 1
            and row.label
            and not (row.code or row.values or LIST_NUMBERING.match(row.label))
            and numbering_style(above.label)
            and numbering_style(above.label) == numbering_style(below.label)
        ):
            above.label += row.label
            continue
        joined.append(row)
    return joined


def _one_figure(text: str) -> bool:
    """The text reads as one printed figure (12,437.36; not 1,2345, nor two numbers)."""
    try:
        return parse_amount(text) is not None
    except UnreadableAmount:
        return False


#: A note printed in a table's frame below its rows (注：项目类别指基本支出或项目支出…).
_NOTE = re.compile(r"^注[:：]")


def _merge_label_only_rows(rows: list[Row]) -> list[Row]:
    """Join names that wrapped into rows of their own back onto their row; a row of
    figures with neither name nor code takes the name printed alone below it (合计 in the
    middle of the rows its figure's tall box spans). A note (注：…) is no part of a name."""
    merged: list[Row] = []
    pending = ""
    for row in rows:
        if _NOTE.match(row.label) and not (row.code or row.values):
            continue
        nameless = bool(merged) and not (merged[-1].label or merged[-1].code)
        if nameless and row.label and not (row.code or row.values) and merged[-1].values:
            merged[-1].label, merged[-1].indent = row.label, row.indent
            continue
        if row.label and not row.code and not row.values and row.label not in TOTAL_LABELS:
            if merged and merged[-1].code and merged[-1].side == row.side:
                merged[-1].label += row.label
            else:
                pending += row.label
            continue
        if pending and not row.label:
            row.label = pending
        pending = ""
        merged.append(row)
    return merged
