"""A ruled table as a grid of cells that knows which cells are merged.

pdfplumber reports a merged cell once, at its top-left corner, and ``None`` for the
positions it covers. Header labels of Chinese fiscal forms span rows and columns, so
each position here points back to the cell that covers it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pdfplumber.table import Table

from .numbers import clean


@dataclass(frozen=True)
class Cell:
    """The cell covering one grid position; ``origin`` is False where a merge covers it."""

    text: str
    origin: bool
    anchor: tuple[int, int]


@dataclass(frozen=True)
class Grid:
    """Rows of cells plus the x-centre of every column, for aligning page fragments."""

    page_number: int
    rows: list[list[Cell]]
    column_centres: list[float]
    top: float
    bottom: float

    @property
    def width(self) -> int:
        return len(self.column_centres)


def cell_text(text: str | None) -> str:
    """Cell text with wrapped lines joined; Chinese labels carry no meaningful spaces."""
    return clean(text)


def table_grid(table: Table, page_number: int) -> Grid:
    """Build a :class:`Grid` from a pdfplumber table found by its ruling lines."""
    texts = table.extract()
    anchors: dict[tuple[float, ...], tuple[int, int]] = {}
    for i, row in enumerate(table.rows):
        for j, bbox in enumerate(row.cells):
            if bbox is not None:
                anchors.setdefault(tuple(bbox), (i, j))
    columns = [((c.bbox[0] + c.bbox[2]) / 2) for c in table.columns]
    centres = [_narrowest_centre(table, j, columns[j]) for j in range(len(columns))]
    rows: list[list[Cell]] = []
    for i, row in enumerate(table.rows):
        y = (row.bbox[1] + row.bbox[3]) / 2
        cells = []
        for j, bbox in enumerate(row.cells):
            if bbox is not None:
                cells.append(Cell(cell_text(texts[i][j]), True, (i, j)))
                continue
            anchor = _covering_anchor(anchors, centres[j], y)
            text = cell_text(texts[anchor[0]][anchor[1]]) if anchor else ""
            cells.append(Cell(text, False, anchor or (i, j)))
        rows.append(cells)
    return Grid(page_number, rows, centres, table.bbox[1], table.bbox[3])


def _narrowest_centre(table: Table, j: int, default: float) -> float:
    """Centre of column j measured on its narrowest cell (merged cells are wider)."""
    boxes = [row.cells[j] for row in table.rows if row.cells[j] is not None]
    if not boxes:
        return default
    x0, _, x1, _ = min(boxes, key=lambda box: box[2] - box[0])
    return (x0 + x1) / 2


def _covering_anchor(
    anchors: dict[tuple[float, ...], tuple[int, int]], x: float, y: float
) -> tuple[int, int] | None:
    covering = [
        (box, anchor)
        for box, anchor in anchors.items()
        if box[0] <= x <= box[2] and box[1] <= y <= box[3]
    ]
    if not covering:
        return None
    _box, anchor = min(
        covering, key=lambda item: (item[0][2] - item[0][0]) * (item[0][3] - item[0][1])
    )
    return anchor
