"""A ruled table as a grid of cells that knows which cells are merged.

pdfplumber reports a merged cell once, at its top-left corner, and ``None`` for the
positions it covers. Header labels of Chinese fiscal forms span rows and columns, so
each position here points back to the cell that covers it.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace
from itertools import pairwise

from pdfplumber import utils
from pdfplumber.page import Page
from pdfplumber.table import Table

from fiscal.numbers import clean


@dataclass(frozen=True)
class Cell:
    """The cell covering one grid position; ``origin`` is False where a merge covers it."""

    text: str
    origin: bool
    anchor: tuple[int, int]
    #: How far right of the cell's left ruling its text starts, in points (:func:`_indent`):
    #: a table that prints no code may tell a name's level by it alone (深圳's 基本支出总表:
    #: a unit, its 类 and each 类's 款 set in four spaces further each).
    indent: float = 0.0


@dataclass(frozen=True)
class Grid:
    """Rows of cells plus the x-centre of every column, for aligning page fragments."""

    page_number: int
    rows: list[list[Cell]]
    column_centres: list[float]
    top: float
    bottom: float
    row_tops: tuple[float, ...] = ()
    column_bounds: tuple[tuple[float, float], ...] = ()

    @property
    def width(self) -> int:
        return len(self.column_centres)

    def below(self, y: float) -> Grid:
        """The rows that start at or below ``y``: for forms whose ruled frame encloses
        the title and unit lines above the real header."""
        return self._cut([top >= y - 1 for top in self.row_tops], y, self.bottom)

    def _cut(self, kept: list[bool], top: float, bottom: float) -> Grid:
        keep = [i for i, wanted in enumerate(kept) if wanted]
        return Grid(
            self.page_number,
            [self.rows[i] for i in keep],
            self.column_centres,
            top,
            bottom,
            tuple(self.row_tops[i] for i in keep),
            self.column_bounds,
        )

    @property
    def left(self) -> float:
        return self.column_bounds[0][0]

    @property
    def right(self) -> float:
        return self.column_bounds[-1][1]

    @property
    def column_middles(self) -> list[float]:
        """The middle of each column between its left ruling and the next column's."""
        lefts = [x0 for x0, _ in self.column_bounds]
        return [
            (x0 + min(x1, following)) / 2
            for (x0, x1), following in zip(self.column_bounds, [*lefts[1:], math.inf], strict=True)
        ]

    def aligned_to(self, reference: Grid) -> Grid:
        """This grid's cells laid out on the reference grid's columns.

        A continuation page may merge cells its first page keeps apart (a lone 合计 row
        whose label spans the code and name columns); each reference column takes the
        cell under its middle, and only the first column a cell reaches holds its text. A
        reference column's middle is taken between its own ruling and the next column's:
        every cell starting in it may run on further (a caption's box over 金额 adds a
        ruling no cell below ends at), and its centre would then stand in the next column.
        """
        owners = [
            next(
                (k for k, (x0, x1) in enumerate(self.column_bounds) if x0 - 1 <= x <= x1 + 1), None
            )
            for x in reference.column_middles
        ]
        rows = []
        for cells in self.rows:
            row, seen = [], set()
            for owner in owners:
                if owner is None:
                    row.append(Cell("", False, (-1, -1)))
                    continue
                cell = cells[owner]
                # a merged cell whose first column no reference column takes (a sliver
                # between two rulings a hair apart) is held by the first one it reaches
                held = cell.origin or cell.anchor[1] not in owners
                row.append(replace(cell, origin=held and cell.anchor not in seen))
                seen.add(cell.anchor)
            rows.append(row)
        return Grid(
            self.page_number,
            rows,
            reference.column_centres,
            self.top,
            self.bottom,
            self.row_tops,
            reference.column_bounds,
        )


def cell_text(text: str | None) -> str:
    """Cell text with wrapped lines joined; Chinese labels carry no meaningful spaces."""
    return clean(text)


#: How far apart two characters of one printed string may stand (in points): closer than
#: the padding that keeps the texts of two neighbouring cells apart.
_RUN_GAP = 1.0


def _same_line(previous: dict, char: dict) -> bool:
    return abs(char["top"] - previous["top"]) <= 1


def _pitches(chars: list[dict]) -> dict[tuple[str, float], float]:
    """How far apart each font whose boxes overlap draws its characters: the font's width.

    A font may declare its glyphs about twice as wide as it draws them (cq-commerce's
    digits: boxes 9.2 points wide, set every 4.7), so each box reaches over the next
    character, and the last one of a figure over the ruling, edge to edge with the first
    of the next cell's (174,900.6|4101,833.8|4…). Where most characters of a font on a
    line start inside the box of the one before, its boxes say nothing of where a string
    ends; the step from one character to the next (the median) is how wide it draws them.
    """
    steps: dict[tuple[str, float], list[float]] = {}
    overlaps: dict[tuple[str, float], int] = {}
    for previous, char in pairwise(chars):
        font = (char["fontname"], char["size"])
        step = char["x0"] - previous["x0"]
        if font != (previous["fontname"], previous["size"]) or not _same_line(previous, char):
            continue
        if 0 < step <= char["size"]:
            steps.setdefault(font, []).append(step)
            overlaps[font] = overlaps.get(font, 0) + (char["x0"] < previous["x1"] - _RUN_GAP)
    return {
        font: sorted(found)[len(found) // 2]
        for font, found in steps.items()
        if overlaps[font] * 2 > len(found)
    }


def _run_centres(chars: list[dict]) -> list[float]:
    """The x-centre of the printed string each character belongs to.

    A spreadsheet exported to PDF prints a label too long for its cell across the ruling
    into its neighbour (…机关资本性支出（一 | ）104.31, a centred 部门预算支出经济分类科目
    reaching back over 预算数). A string is drawn in one go, its characters edge to edge, so
    it belongs to the cell that holds its middle, whichever cells its ends reach. A
    character of a font whose boxes overlap (:func:`_pitches`) stands alone, by the middle
    of the width it is drawn at.
    """
    pitches = _pitches(chars)
    centres: list[float] = []
    start = 0
    for index, char in enumerate([*chars, None]):
        previous = chars[index - 1] if index else None
        if previous is not None and (
            char is None
            or not char["text"].strip()
            or not previous["text"].strip()
            or not _same_line(previous, char)
            or (char["fontname"], char["size"]) in pitches
            or (previous["fontname"], previous["size"]) in pitches
            or not -_RUN_GAP <= char["x0"] - previous["x1"] <= _RUN_GAP
        ):
            run = chars[start:index]
            pitch = pitches.get((run[0]["fontname"], run[0]["size"]))  # a run of one
            right = run[0]["x0"] + pitch if pitch is not None else run[-1]["x1"]
            centres += [(run[0]["x0"] + right) / 2] * len(run)
            start = index
    return centres


#: Where an upright glyph's middle stands above its baseline, as a share of its size: about
#: half its ascent, as a font's box centres it (an ascent of 0.88 and a descent of 0.12).
_MIDDLE_ABOVE_BASELINE = 0.38


def glyph_middle(char: dict) -> float:
    """The height of a character's middle on the page, measured from its baseline.

    A font may declare a wrong descent, and its box then lies a whole line below the glyph
    (cq-meteo's digits: box 240.6–250.9, beside names of 231.1–241.4 on the same baseline),
    so each figure falls into the row below its name and the last row below the frame. The
    baseline is where the glyph is drawn; a rotated character keeps its box's middle.
    """
    a, b, c, d, _, f = char["matrix"]
    if b or c or a <= 0 or d <= 0:
        return (char["top"] + char["bottom"]) / 2
    baseline = char["top"] + (char["y1"] - f)
    return baseline - _MIDDLE_ABOVE_BASELINE * char["size"]


def _on_its_glyph(char: dict, middle: float) -> dict:
    """The character with its box set around its glyph's middle, so that the lines of a
    cell's text are told by where the glyphs are drawn: a comma whose font's box stands a
    line above the digits beside it (cq-commerce 表十一: ',' over '46794.00') is in their line."""
    half = char["size"] / 2
    return {**char, "top": middle - half, "bottom": middle + half}


def text_lines(page: Page) -> list[dict]:
    """The page's lines of text as pdfplumber's ``extract_text_lines`` reads them (text,
    top, bottom), except that a character stands in the line of its glyph, not of its
    font's box: figures set in another font whose boxes lie far below the text they are
    printed in (cq-commerce's titles: “2026” boxed 16 points under “年部门整体绩效目标表”,
    drawn 2.4 points under it) are read in their place, ``2026年部门整体绩效目标表``."""
    chars = [_on_its_glyph(char, glyph_middle(char)) for char in page.chars]
    if not chars:
        return []
    textmap = utils.chars_to_textmap(
        chars, layout_bbox=page.bbox, layout_width=page.width, layout_height=page.height
    )
    return textmap.extract_text_lines(return_chars=False)


@dataclass(frozen=True)
class PlacedChars:
    """A page's characters where :func:`_cell_texts` places them, in order of height:
    each with its string's centre (:func:`_run_centres`), its glyph's middle
    (:func:`glyph_middle`) and its place in the page's order. Worked out once per page
    for all of its tables, so a row finds its characters by bisection, not by a pass over
    every character of the page."""

    middles: list[float]
    items: list[tuple[int, float, dict]]  # (order on the page, string centre, character)

    @classmethod
    def of(cls, page: Page) -> PlacedChars:
        chars = page.chars
        centres = _run_centres(chars)
        placed = sorted(
            (glyph_middle(char), index, centre, char)
            for index, (centre, char) in enumerate(zip(centres, chars, strict=True))
        )
        return cls(
            [middle for middle, *_ in placed],
            [(order, centre, _on_its_glyph(char, y)) for y, order, centre, char in placed],
        )

    def in_band(self, top: float, bottom: float) -> list[tuple[int, float, float, dict]]:
        """The characters whose glyph's middle is at or below ``top`` and above ``bottom``,
        in the page's order: (order, string centre, middle, character)."""
        low = bisect.bisect_left(self.middles, top)
        high = bisect.bisect_left(self.middles, bottom, lo=low)
        band = [(*self.items[i][:2], self.middles[i], self.items[i][2]) for i in range(low, high)]
        return sorted(band, key=lambda item: item[0])


def _indent(chars: list[dict], left: float) -> float:
    """How far right of ``left`` (its cell's ruling) a cell's text starts: the first
    printed character of its first line, spaces passed over. A level set in leading spaces
    and one set by where the text is drawn read alike; a name wrapped onto a line of its
    own below (…养老保险缴 / 费, the rest at the ruling) keeps its first line's place."""
    printed = [char for char in chars if char["text"].strip()]
    if not printed:
        return 0.0
    top = min(char["top"] for char in printed)
    first_line = [char for char in printed if char["top"] - top <= char["size"] / 2]
    return min(char["x0"] for char in first_line) - left


def _cell_texts(table: Table, placed: PlacedChars) -> list[list[tuple[str, float] | None]]:
    """The text of each cell, as pdfplumber's ``Table.extract`` reads it, except that a
    character belongs to the cell that holds the middle of its string (:func:`_run_centres`),
    to the row and the line of its baseline (:func:`glyph_middle`); and where that text
    starts in the cell (:func:`_indent`)."""
    texts: list[list[tuple[str, float] | None]] = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        in_row = [item for item in placed.in_band(top, bottom) if x0 <= item[1] < x1]
        cells: list[tuple[str, float] | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            inside = [
                char
                for _, x, y, char in in_row
                if cell[0] <= x < cell[2] and cell[1] <= y < cell[3]
            ]
            cells.append(
                (utils.extract_text(inside), _indent(inside, cell[0])) if inside else ("", 0.0)
            )
        texts.append(cells)
    return texts


def table_grid(table: Table, page_number: int, placed: PlacedChars | None = None) -> Grid:
    """Build a :class:`Grid` from a pdfplumber table found by its ruling lines; ``placed``
    is its page's characters, where the caller reads several tables of one page."""
    texts = _cell_texts(table, placed or PlacedChars.of(table.page))
    anchors: dict[tuple[float, ...], tuple[int, int]] = {}
    for i, row in enumerate(table.rows):
        for j, bbox in enumerate(row.cells):
            if bbox is not None:
                anchors.setdefault(tuple(bbox), (i, j))
    bounds = [_narrowest_bounds(table, j, c.bbox) for j, c in enumerate(table.columns)]
    centres = [(x0 + x1) / 2 for x0, x1 in bounds]
    rows: list[list[Cell]] = []
    for i, row in enumerate(table.rows):
        # A row's band ends at its shortest cell: taller ones are merged downwards.
        bottom = min((box[3] for box in row.cells if box is not None), default=row.bbox[3])
        y = (row.bbox[1] + bottom) / 2
        cells = []
        for j, bbox in enumerate(row.cells):
            if bbox is not None:
                text, indent = texts[i][j] or ("", 0.0)
                cells.append(Cell(cell_text(text), True, (i, j), indent))
                continue
            anchor = _covering_anchor(anchors, centres[j], y, (i, j))
            text, indent = (texts[anchor[0]][anchor[1]] or ("", 0.0)) if anchor else ("", 0.0)
            cells.append(Cell(cell_text(text), False, anchor or (i, j), indent))
        rows.append(cells)
    tops = tuple(row.bbox[1] for row in table.rows)
    return Grid(page_number, rows, centres, table.bbox[1], table.bbox[3], tops, tuple(bounds))


def _narrowest_bounds(table: Table, j: int, default: tuple[float, ...]) -> tuple[float, float]:
    """Left and right of column j measured on its narrowest cell (merged cells are wider)."""
    boxes = [row.cells[j] for row in table.rows if row.cells[j] is not None]
    x0, _, x1, _ = min(boxes, key=lambda box: box[2] - box[0]) if boxes else default
    return x0, x1


def _covering_anchor(
    anchors: dict[tuple[float, ...], tuple[int, int]],
    x: float,
    y: float,
    position: tuple[int, int],
) -> tuple[int, int] | None:
    """The smallest cell containing the point that starts above and left of ``position``.

    Cell boxes drawn as separate rectangles may overlap by a hair; a merged cell always
    starts at or before the positions it covers, which rules the overlaps out.
    """
    covering = [
        (box, anchor)
        for box, anchor in anchors.items()
        if box[0] <= x <= box[2]
        and box[1] <= y <= box[3]
        and anchor[0] <= position[0]
        and anchor[1] <= position[1]
    ]
    if not covering:
        return None
    _box, anchor = min(
        covering, key=lambda item: (item[0][2] - item[0][0]) * (item[0][3] - item[0][1])
    )
    return anchor
