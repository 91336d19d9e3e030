"""Finding the standard tables in a document: titles, units, continuation pages.

A table is recognised by a title line above a ruled grid. A grid with no title above
it continues the table before it (long tables run over pages, with or without their
header repeated). A title with no grid under it is a table printed empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pdfplumber

from fiscal.read.grid import Grid, table_grid
from fiscal.read.templates import TableTemplate, looks_like_title, match_title

_UNIT = re.compile(r"单位\s*[:：]\s*(万元|千元|亿元|元)")
_NO_DATA = re.compile(r"无数据|本表为空|空表")


@dataclass
class LocatedTable:
    """One standard table of a document: its template and the page fragments of its grid."""

    template: TableTemplate
    title: str
    page_number: int
    unit: str | None
    fragments: list[Grid] = field(default_factory=list)
    note: str | None = None

    @property
    def pages(self) -> list[int]:
        pages = [self.page_number] + [grid.page_number for grid in self.fragments]
        return sorted(set(pages))

    @property
    def says_no_data(self) -> bool:
        return bool(self.note and _NO_DATA.search(self.note))


@dataclass(frozen=True)
class _Line:
    text: str
    top: float
    bottom: float


def _lines(page: pdfplumber.page.Page) -> list[_Line]:
    return [
        _Line(line["text"], line["top"], line["bottom"])
        for line in page.extract_text_lines(return_chars=False)
    ]


def _titles(lines: list[_Line]) -> list[tuple[_Line, TableTemplate]]:
    """Title lines, also where a title wraps onto a second line."""
    found = []
    skip_next = False
    for index, line in enumerate(lines):
        if skip_next:
            skip_next = False
            continue
        template = match_title(line.text)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if template is None and following is not None and match_title(following.text) is None:
            joined = _Line(line.text + following.text, line.top, following.bottom)
            template = match_title(joined.text)
            if template is not None:
                line, skip_next = joined, True
        if template is not None:
            found.append((line, template))
    return found


def _unit_between(lines: list[_Line], top: float, bottom: float) -> str | None:
    for line in lines:
        if top <= line.top <= bottom:
            match = _UNIT.search(line.text.replace(" ", ""))
            if match:
                return match.group(1)
    return None


def locate_tables(
    pdf: pdfplumber.PDF, on_page: Callable[[int, int], None] | None = None
) -> list[LocatedTable]:
    """All standard tables of a document in page order; ``on_page`` hears of each page."""
    located: list[LocatedTable] = []
    current: LocatedTable | None = None
    for page in pdf.pages:
        if on_page is not None:
            on_page(page.page_number, len(pdf.pages))
        lines = _lines(page)
        titles = _titles(lines)
        known = {id(line) for line, _ in titles}
        others = [line for line in lines if looks_like_title(line.text) and id(line) not in known]
        if not titles and current is None:
            continue
        grids = [table_grid(table, page.page_number) for table in page.find_tables()]
        grids = [grid for grid in grids if any(c.text for row in grid.rows for c in row)]
        grids.sort(key=lambda grid: grid.top)
        if not grids and not titles:
            current = None
            continue
        above = 0.0
        for index, grid in enumerate(grids):
            titled = [(line, t) for line, t in titles if above <= line.top < grid.top]
            inside = [(line, t) for line, t in titles if grid.top <= line.top < grid.bottom]
            if not titled and len(inside) == 1:  # a contents page lists many titles
                titled = inside[:1]
                grid = grids[index] = grid.below(_header_start(lines, inside[0][0], grid))
            if titled:
                for line, template in titled[:-1]:  # titles printed with no grid under them
                    located.append(LocatedTable(template, line.text, page.page_number, None))
                line, template = titled[-1]
                unit = _unit_between(lines, line.top, grid.top) or _unit_between(lines, 0, grid.top)
                current = LocatedTable(template, line.text, page.page_number, unit, [grid])
                located.append(current)
            elif any(above <= line.top < grid.top for line in others):
                current = None  # a table the registry does not know: not a continuation
            elif current is not None and _continues(current, grid):
                current.fragments.append(grid)
            else:
                current = None
            above = grid.bottom
        for line, template in titles:
            if line.top >= above:
                unit = _unit_between(lines, line.top, page.height)
                current = LocatedTable(template, line.text, page.page_number, unit)
                located.append(current)
        if current is not None:
            note = _note_below(lines, above)
            if note:
                current.note = note
    return [table for table in located if table.fragments or table.note]


def _header_start(lines: list[_Line], title: _Line, grid: Grid) -> float:
    """Where the header of a grid starts whose frame also encloses title and unit lines."""
    start = title.bottom
    for line in lines:
        if title.bottom <= line.top < grid.bottom and _UNIT.search(line.text.replace(" ", "")):
            start = max(start, line.bottom)
            break
    return start


def _continues(table: LocatedTable, grid: Grid) -> bool:
    """True if an untitled grid lines up with the table before it: same columns, or the
    same outer edges (a last page whose lone 合计 row merges the label columns)."""
    if not table.fragments:
        return True
    last = table.fragments[-1]
    if last.width == grid.width:
        pairs = zip(last.column_centres, grid.column_centres, strict=True)
        return all(abs(a - b) < 20 for a, b in pairs)
    return abs(last.left - grid.left) < 5 and abs(last.right - grid.right) < 5


def _note_below(lines: list[_Line], top: float) -> str | None:
    for line in lines:
        if line.top >= top and _NO_DATA.search(line.text):
            return line.text.strip()
    return None
