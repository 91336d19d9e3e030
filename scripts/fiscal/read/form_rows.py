"""Performance forms (绩效表) as rows of positioned cell texts, whatever file they came in.

Offices publish these forms as PDF, Word or Excel. Each reader here turns its format
into the same plain rows: the text of every cell that starts in a row, with the span of
columns it covers (PDF points, or grid columns of a Word table or worksheet). Reading
the form (``performance.py``) then works on positions, so it neither knows nor cares
which format the figures came from, and a form whose pages have different column rulings
(a header block above an indicator grid) still lines up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fiscal.numbers import clean, parse_quantity
from fiscal.read.grid import Grid, cell_text
from fiscal.read.templates import FORM, TableTemplate, match_title
from fiscal.records import PerformanceForm
from fiscal.vocabulary import TOTAL_LABELS


@dataclass(frozen=True)
class FormText:
    """The text of one cell and the horizontal span it covers."""

    text: str
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    def covers(self, x: float) -> bool:
        return self.x0 <= x <= self.x1


@dataclass(frozen=True)
class FormRow:
    """The cells that start in one printed row; ``page`` is the PDF page, or the number of
    the worksheet or Word table the row is in."""

    cells: tuple[FormText, ...]
    page: int
    #: The spans of the grid cells that start in this row, blank ones too: where a merged
    #: cell opens, though its text may stand on the next page (PDF grids only).
    opened: tuple[tuple[float, float], ...] = ()

    def under(self, header: FormText | None) -> str:
        """The text of the row's cells under a header (none: no text), left to right."""
        if header is None:
            return ""
        return "".join(cell.text for cell in self.cells if header.covers(cell.centre))


#: What a line of a table listing its projects down its rows is (:func:`listed_line`).
PROJECT, UNIT, TOTAL, NOTHING = "project", "unit", "total", ""


def listed_line(
    rows: list[FormRow], index: int, name: str, project: FormText, content: bool
) -> str:
    """What the row ``index`` of a table listing its projects down its rows is, the one rule
    for every such table: ``project`` where it prints a goal or an indicator (``content``)
    or has rows of its own below it (its cells merged over rows whose text may stand on the
    next page); else a line on its own that prints a ``name`` (:func:`listed_name`) is no
    project: ``total`` (合计, 总计: the table's figures) or ``unit`` (a budget unit's name and
    totals over the projects listed below it, which it is the implementing unit of); a row
    naming nothing is ``nothing``."""
    if content:
        return PROJECT
    if not name:
        return NOTHING
    row = rows[index]
    following = next((other for other in rows[index + 1 :] if other.cells), None)
    if following is not None and (following.page != row.page or not _opens(following, project)):
        return PROJECT
    return TOTAL if name.rstrip(":：") in TOTAL_LABELS else UNIT


def listed_name(row: FormRow, project: FormText, figures: bool) -> str:
    """The name a line of a listing prints under its project column, or, where it prints
    none there but prints ``figures`` under the fund columns (合计 under the code column),
    its first label."""
    name = clean(row.under(project))
    if name or not figures:
        return name
    labels = [cell for cell in row.cells if parse_quantity(cell.text) is None]
    return clean(labels[0].text) if labels else ""


def _opens(row: FormRow, column: FormText) -> bool:
    """A cell of the row starts under the column (its text maybe on the next page)."""
    return bool(row.under(column)) or any(x0 <= column.centre <= x1 for x0, x1 in row.opened)


@dataclass(frozen=True)
class FoundForm:
    """A performance form of a document: its template, printed title and rows."""

    template: TableTemplate
    title: str
    rows: list[FormRow]
    #: Where the title is printed: the form's page even when no row of it could be read.
    title_page: int = 1
    #: The lines printed between the title and the frame (部门名称：长沙市信访局 单位：万元).
    captions: tuple[str, ...] = ()
    #: The note of a form printed blank that says it has no data (故此表无数据): no form.
    no_data: str = ""

    @property
    def pages(self) -> list[int]:
        return sorted({row.page for row in self.rows}) or [self.title_page]

    @property
    def department(self) -> str:
        """The department a caption above the frame names, whose forms these are: 部门名称,
        单位名称, 预算部门 / 预算单位 or (资金)主管部门, up to the unit printed beside it."""
        for caption in self.captions:
            match = _DEPARTMENT_CAPTION.search(caption)
            if match and len(name := clean(match["name"])) > 1:
                return name
        return ""


#: A caption naming the department: its label, maybe a colon, the name up to the unit
#: printed beside it (单位：万元) or the line's end.
_DEPARTMENT_CAPTION = re.compile(
    r"^(?:部门(?:（单位）|\(单位\))?名称|单位名称|预算(?:部门|单位)|(?:资金)?主管部门)\s*[:：]?"
    r"\s*(?P<name>[^\s:：].*?)\s*(?=(?:金额)?单位\s*[:：]|$)"
)


def with_department(found: FoundForm, forms: list[PerformanceForm]) -> list[PerformanceForm]:
    """The forms of a printing, each given the department its caption names where the form
    prints none of its own (主管部门 in its header block is the form's)."""
    department = found.department
    for form in forms:
        if department and not form.details.get("department"):
            form.details["department"] = department
    return forms


def form_template(title: str) -> TableTemplate | None:
    """The performance-form template a title names, or None."""
    template = match_title(title)
    return template if template is not None and template.layout == FORM else None


def grid_rows(fragments: list[Grid]) -> list[FormRow]:
    """The rows of a PDF form's ruled grids; a merged cell counts in the row it starts in."""
    rows = []
    for grid in fragments:
        for cells in grid.rows:
            texts, opened = [], []
            for j, cell in enumerate(cells):
                if not cell.origin:
                    continue
                last = max(k for k, other in enumerate(cells) if other.anchor == cell.anchor)
                x0, x1 = grid.column_bounds[j][0], grid.column_bounds[last][1]
                opened.append((x0, x1))
                if cell.text:
                    texts.append(FormText(cell.text, x0, x1))
            rows.append(FormRow(tuple(texts), grid.page_number, tuple(opened)))
    return rows


def _split_by_titles(
    tables: Iterable[tuple[str | None, list[FormRow]]],
) -> list[FoundForm]:
    """Forms from (title above, rows) pairs: a grid with no title continues the form before
    it; a title row inside a grid (Excel sheets often put it there) starts a new form."""
    forms: list[FoundForm] = []
    for title, rows in tables:
        template = form_template(title) if title else None
        if template is not None:
            forms.append(FoundForm(template, title or "", []))
        for row in rows:
            only = row.cells[0].text if len(row.cells) == 1 else ""
            inner = form_template(only) if only else None
            if inner is not None:
                forms.append(FoundForm(inner, only, []))
            elif forms:
                forms[-1].rows.append(row)
    return [form for form in forms if form.rows]


@dataclass(frozen=True)
class OfficeDocument:
    """The forms of a Word or Excel file, the text its facts are read from, and how many
    tables or worksheets it has (its 'pages')."""

    forms: list[FoundForm]
    cover: str
    parts: int


def read_docx(path: Path) -> OfficeDocument:
    """Forms of a Word document: each table with the form title printed above it."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks = list(document.iter_inner_content())
    paragraphs = [cell_text(block.text) for block in blocks if isinstance(block, Paragraph)]

    def tables() -> Iterator[tuple[str | None, list[FormRow]]]:
        title: str | None = None
        number = 0
        for block in blocks:
            if isinstance(block, Paragraph):
                text = cell_text(block.text)
                if form_template(text) is not None:  # not a (2022年度) or 单位 line below it
                    title = text
            elif isinstance(block, Table):
                number += 1
                yield title, _docx_rows(block, number)
                title = None

    forms = _split_by_titles(tables())
    return OfficeDocument(forms, "\n".join(paragraphs[:40]), len(document.tables))


def _docx_rows(table: object, number: int) -> list[FormRow]:
    """Rows of a Word table; python-docx repeats a merged cell under every grid column and
    every row it spans, so a cell counts only where it first appears."""
    rows = []
    emitted: list[object] = []  # the cells' XML elements, kept alive so identity holds
    for row in table.rows:  # type: ignore[attr-defined]
        texts = []
        cells = row.cells
        for j, cell in enumerate(cells):
            element = cell._tc
            if any(seen is element for seen in emitted) or element.vMerge == "continue":
                continue
            emitted.append(element)
            span = sum(1 for other in cells if other._tc is element)
            text = cell_text(cell.text)
            if text:
                texts.append(FormText(text, j, j + span - 1))
        rows.append(FormRow(tuple(texts), number))
    return rows


def read_xlsx(path: Path) -> OfficeDocument:
    """Forms of an Excel workbook: one or more per worksheet, titled by a row of one cell."""
    import openpyxl

    workbook = openpyxl.load_workbook(path, data_only=True)
    sheets = [_sheet_rows(sheet, n) for n, sheet in enumerate(workbook.worksheets, start=1)]
    forms = _split_by_titles((None, rows) for rows in sheets)
    cover = "\n".join(cell.text for rows in sheets for row in rows[:3] for cell in row.cells)
    return OfficeDocument(forms, cover, len(sheets))


def _sheet_rows(sheet: object, number: int) -> list[FormRow]:
    """Rows of a worksheet; a merged range holds its value in its top-left cell only."""
    spans: dict[tuple[int, int], int] = {}
    for merged in sheet.merged_cells.ranges:  # type: ignore[attr-defined]
        spans[(merged.min_row, merged.min_col)] = merged.max_col - merged.min_col
    rows = []
    for row in sheet.iter_rows():  # type: ignore[attr-defined]
        texts = []
        for cell in row:
            if cell.value is None or not hasattr(cell, "column"):
                continue
            text = cell_text(str(cell.value))
            if text:
                span = spans.get((cell.row, cell.column), 0)
                texts.append(FormText(text, cell.column, cell.column + span))
        if texts:
            rows.append(FormRow(tuple(texts), number))
    return rows
