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

#: 单位：万元 above a table; some text layers lose the colon (单位 万元).
_UNIT = re.compile(r"单位\s*[:：]?\s*(万元|千元|亿元|元)")
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


_Title = tuple[_Line, TableTemplate]  # a title line and the table it names


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
        current = _locate_on_page(page, current, located)
    return [table for table in located if table.fragments or table.note]


def _locate_on_page(
    page: pdfplumber.page.Page, current: LocatedTable | None, located: list[LocatedTable]
) -> LocatedTable | None:
    """Read one page: the tables it starts go to ``located``, the grids that continue
    ``current`` to that table; returns the table still open at the foot of the page."""
    lines = _lines(page)
    titles = _titles(lines)
    if not titles and current is None:
        return None  # nothing to start and nothing to continue: no need to find the grids
    grids = _ruled_grids(page)
    if not grids and not titles:
        return None
    unknown = _unknown_titles(lines, titles)
    above = 0.0
    for found in grids:
        titled, grid = _titles_over(found, titles, lines, above)
        if titled:
            opened = _open_tables(titled, grid, lines, page.page_number)
            located.extend(opened)
            current = opened[-1]
        else:
            current = _continued(current, grid, unknown, above)
        above = grid.bottom
    empty = _empty_tables(titles, lines, above, page)
    located.extend(empty)
    current = empty[-1] if empty else current
    if current is not None:
        current.note = _note_below(lines, above) or current.note
    return current


def _ruled_grids(page: pdfplumber.page.Page) -> list[Grid]:
    """The page's ruled grids that hold any text, top to bottom."""
    grids = [table_grid(table, page.page_number) for table in page.find_tables()]
    grids = [grid for grid in grids if any(c.text for row in grid.rows for c in row)]
    return sorted(grids, key=lambda grid: grid.top)


def _unknown_titles(lines: list[_Line], titles: list[_Title]) -> list[_Line]:
    """Lines printed like a table title that name no table of the registry."""
    known = {id(line) for line, _ in titles}
    return [line for line in lines if looks_like_title(line.text) and id(line) not in known]


def _titles_over(
    grid: Grid, titles: list[_Title], lines: list[_Line], above: float
) -> tuple[list[_Title], Grid]:
    """The titles between the grid above and this grid, and the grid. Failing those, a lone
    title inside the grid's frame, with the grid cut to start at its header below the title
    (a contents page lists many titles inside one frame, and is no table)."""
    titled = [(line, t) for line, t in titles if above <= line.top < grid.top]
    inside = [(line, t) for line, t in titles if grid.top <= line.top < grid.bottom]
    if not titled and len(inside) == 1:
        return inside[:1], grid.below(_header_start(lines, inside[0][0], grid))
    return titled, grid


def _open_tables(
    titled: list[_Title], grid: Grid, lines: list[_Line], page_number: int
) -> list[LocatedTable]:
    """The tables titled over a grid: the last title's table starts with the grid; any titles
    before it head tables printed with no grid under them."""
    opened = [LocatedTable(t, line.text, page_number, None) for line, t in titled[:-1]]
    line, template = titled[-1]
    unit = _unit_between(lines, line.top, grid.top) or _unit_between(lines, 0, grid.top)
    return [*opened, LocatedTable(template, line.text, page_number, unit, [grid])]


def _continued(
    current: LocatedTable | None, grid: Grid, unknown: list[_Line], above: float
) -> LocatedTable | None:
    """The table an untitled grid continues, with the grid added to it; None if the grid
    follows the title of a table the registry does not know, or does not line up."""
    if any(above <= line.top < grid.top for line in unknown):
        return None
    if current is None or not _continues(current, grid):
        return None
    current.fragments.append(grid)
    return current


def _empty_tables(
    titles: list[_Title], lines: list[_Line], above: float, page: pdfplumber.page.Page
) -> list[LocatedTable]:
    """Tables titled below the last grid of a page: printed empty, or their grid starts on
    the next page."""
    return [
        LocatedTable(
            template, line.text, page.page_number, _unit_between(lines, line.top, page.height)
        )
        for line, template in titles
        if line.top >= above
    ]


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
