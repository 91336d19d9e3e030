"""Finding the standard tables in a document: titles, units, continuation pages.

A table is recognised by a title line above a ruled grid. A grid with no title above
it continues the table before it (long tables run over pages, with or without their
header repeated). A title with no grid under it is a table printed empty.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pdfplumber
from pdfplumber.table import Table

from fiscal.numbers import looks_numeric
from fiscal.read.contents import contents_run, is_contents_page, listed_titles
from fiscal.read.grid import Grid, PlacedChars, table_grid, text_lines
from fiscal.read.narrative import prose_lines
from fiscal.read.open import printed_pages
from fiscal.read.templates import (
    OTHER,
    TableTemplate,
    looks_like_title,
    match_title,
    normalise_title,
)
from fiscal.records import PrintedTitle, ProseLine

#: 单位：万元 above a table; some text layers lose the colon (单位 万元).
_UNIT = re.compile(r"单位\s*[:：]?\s*(万元|千元|亿元|元)")
_QUOTES_ONLY = re.compile(r"^[\s“”\"'‘’]*$")
#: A title's bracketed qualifier wrapped onto a line of its own.
_QUALIFIER = re.compile(r"^[（(][^（()）]{1,30}[)）]$")
#: A table printed with no figures says so: 本表无数据, or a line of its own that names
#: what there is none of (（无政府性基金支出）, 本单位无国有资本经营预算拨款).
_NO_DATA = re.compile(
    r"无数据|本表为空|空表|^[（(]无[\u4e00-\u9fff“”\"]{2,20}[)）]$"
    r"|^本(?:部门|单位)(?:\d{4}年度?)?无[\u4e00-\u9fff“”\"]{2,20}[。.]?$"
)


@dataclass
class LocatedTable:
    """One standard table of a document: its template and the page fragments of its grid."""

    template: TableTemplate
    title: str
    page_number: int
    unit: str | None
    fragments: list[Grid] = field(default_factory=list)
    note: str | None = None
    #: The columns of a table too wide for its page, printed on pages of their own under
    #: its title repeated (:func:`_prints_further_columns`).
    further: LocatedTable | None = None
    #: The lines printed between its title and its frame (部门名称：… 单位：万元).
    captions: tuple[str, ...] = ()

    @property
    def pages(self) -> list[int]:
        pages = [self.page_number] + [grid.page_number for grid in self.fragments]
        further = self.further.pages if self.further is not None else []
        return sorted(set(pages + further))

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
    """The page's text lines, top to bottom, each character in the line of its glyph
    (:func:`text_lines`); quote marks set a little off the line they belong to (“ ” of a
    wrapped “三公” title) are no line of their own."""
    return [
        _Line(line["text"], line["top"], line["bottom"])
        for line in text_lines(page)
        if not _QUOTES_ONLY.match(line["text"])
    ]


def _titles(lines: list[_Line]) -> list[tuple[_Line, TableTemplate]]:
    """Title lines, also where a title wraps onto a second line; a line printed like a
    title that names no template titles a table of another kind (read generically)."""
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
            template = match_title(joined.text) or _wrapped_other_title(line, following, joined)
            if template is not None:
                line, skip_next = joined, True
        if template is None and looks_like_title(line.text):
            template = OTHER
        if template is not None and not skip_next and _qualifies(following):
            # the qualifier may say which kind it is (…支出明细表 / （按经济分类科目分）)
            line, skip_next = _Line(line.text + following.text, line.top, following.bottom), True
            template = match_title(line.text) or OTHER
        if template is not None:
            taken = found[-1][0].bottom if found else float("-inf")
            line = _with_wrapped_head(lines, index, line, taken)
            template = match_title(line.text) or template
            found.append((line, template))
    return found


#: A line that heads no title as its first part: a sentence, a caption (单位：, 部门：), an
#: attachment or page number, a contents line.
_NO_HEAD = re.compile(r"[。；;：:，,]|^附件|^[（(]?[一二三四五六七八九十\d]+[)）、.．]?$|目录|…")


def _with_wrapped_head(lines: list[_Line], start: int, title: _Line, taken: float) -> _Line:
    """A title with the lines it wraps from above (a project's name too long for one line,
    …市级配套项 / 目绩效目标表): lines of the title's own height set tight above it, none a
    title or caption itself, that with it still read as one title."""
    height = lines[start].bottom - lines[start].top
    head: list[_Line] = []
    for above in reversed(lines[:start]):
        below = head[0] if head else lines[start]
        gap = below.top - above.bottom
        if above.top < taken or abs((above.bottom - above.top) - height) > 0.15 * height:
            break
        if not -1 <= gap <= 0.6 * height:
            break
        text = above.text.strip()
        if not text or _NO_HEAD.search(text) or looks_like_title(text) or match_title(text):
            break
        if not looks_like_title(text + "".join(h.text for h in head) + title.text):
            break
        head.insert(0, above)
    if not head:
        return title
    return _Line("".join(h.text for h in head) + title.text, head[0].top, title.bottom)


def _wrapped_other_title(line: _Line, following: _Line, joined: _Line) -> TableTemplate | None:
    """A title of a kind no template knows wrapped over two lines (…政府采购（资产配置、购买
    服务） / 预算表（不含上年结转）): neither line is a title alone, the two are."""
    if looks_like_title(line.text) or looks_like_title(following.text):
        return None
    return OTHER if looks_like_title(joined.text) else None


def _title_texts(lines: list[_Line]) -> list[str]:
    """Every line printed like a table title, also where the title wraps onto a second line
    (…培训费支 | 出预算表), whether or not a table is read under it."""
    texts = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        if looks_like_title(line.text):
            texts.append(line.text)
        elif following is not None and not looks_like_title(following.text):
            joined = line.text + following.text
            if looks_like_title(joined):
                texts.append(joined)
    return texts


def _qualifies(line: _Line | None) -> bool:
    """A title's bracketed qualifier (（按经济分类）) wrapped onto a line of its own."""
    return line is not None and bool(_QUALIFIER.match(line.text.replace(" ", "")))


def _unit_between(lines: list[_Line], top: float, bottom: float) -> str | None:
    for line in lines:
        if top <= line.top <= bottom:
            match = _UNIT.search(line.text.replace(" ", ""))
            if match:
                return match.group(1)
    return None


@dataclass
class Layout:
    """What the pages of a document print: its tables, the tables its 目录 lists, every
    line printed like a table title elsewhere (for matching the 目录), and the running text
    outside the tables (the narrative)."""

    tables: list[LocatedTable] = field(default_factory=list)
    listed: list[PrintedTitle] = field(default_factory=list)
    titles: list[PrintedTitle] = field(default_factory=list)
    prose: list[ProseLine] = field(default_factory=list)


def locate_tables(pdf: pdfplumber.PDF, on_page: Callable[[int, int], None] | None = None) -> Layout:
    """All tables of a document in page order; ``on_page`` hears of each page."""
    layout = Layout()
    located: list[LocatedTable] = []
    current: LocatedTable | None = None
    in_contents = False
    for page in printed_pages(pdf):
        if on_page is not None:
            on_page(page.page_number, len(pdf.pages))
        lines = _lines(page)
        texts = [line.text for line in lines]
        number = page.page_number
        if is_contents_page(texts):
            layout.listed += [PrintedTitle(page=number, text=t) for t in listed_titles(texts)]
            in_contents = True
            page.close()
            continue
        in_contents = in_contents and not page.find_tables()  # a table page is no 目录
        if in_contents:  # the entries may run onto the next page, the text then begins
            run = contents_run(texts)
            layout.listed += [PrintedTitle(page=number, text=t) for t in listed_titles(texts[:run])]
            lines, in_contents = lines[run:], run == len(lines)
        frames: list[Grid] = []
        current = _locate_on_page(page, lines, current, located, layout.titles, frames)
        layout.prose += prose_lines(page, [(g.left, g.top, g.right, g.bottom) for g in frames])
        page.close()  # its grids hold their own text: the parsed objects can go
    layout.tables = [table for table in located if table.fragments or table.note]
    return layout


def _locate_on_page(
    page: pdfplumber.page.Page,
    lines: list[_Line],
    current: LocatedTable | None,
    located: list[LocatedTable],
    printed: list[PrintedTitle],
    frames: list[Grid],
) -> LocatedTable | None:
    """Read one page: the tables it starts go to ``located``, the grids that continue
    ``current`` to that table, its title lines to ``printed``, every grid to ``frames``;
    returns the table still open at the foot of the page."""
    titles = _titles(lines)
    printed += [PrintedTitle(page=page.page_number, text=text) for text in _title_texts(lines)]
    if not titles and current is None:
        return None  # nothing to start and nothing to continue: no need to find the grids
    grids = _ruled_grids(page, titles)
    blank = [grid for grid in grids if not _prints(grid)]
    grids = [grid for grid in grids if _prints(grid)]
    frames += grids
    if current is not None:
        _take_spilled_frames(current, blank, grids, titles)
    if not grids and not titles:
        return None
    above = 0.0
    for found in grids:
        titled, grid = _titles_over(found, titles, lines, above)
        if _repeats_title(current, titled, grid):
            titled = []
        if current is not None and _prints_further_columns(current, titled, grid):
            current.further = LocatedTable(current.template, current.title, grid.page_number, None)
            current = current.further
            current.fragments.append(grid)
        elif titled:
            opened = _open_tables(titled, grid, lines, page.page_number)
            located.extend(opened)
            current = opened[-1]
        else:
            current = _continued(current, grid)
        above = grid.bottom
    empty = _empty_tables(titles, lines, above, page)
    located.extend(empty)
    current = empty[-1] if empty else current
    if current is not None:
        current.note = _note_below(lines, above) or current.note
    return current


def _ruled_grids(page: pdfplumber.page.Page, titles: list[_Title]) -> list[Grid]:
    """The page's ruled grids, those printed blank too, top to bottom, each cut where a
    title stands in a banner across its frame (:func:`_banner_cuts`). A part is built from
    its own cells, so its columns are the rulings of its own rows: the foot of a table whose
    frame runs on into the next table's title box (js-rdbgt p. 9: 收支预算总表's last three
    rows, then 收入预算总表 under its title) keeps the columns it prints, not a union of
    both tables' rulings that lines up with neither the page before nor the one after."""
    lines = _unclosed_frames(page)
    tables = page.find_tables({"explicit_horizontal_lines": lines} if lines else None)
    placed = PlacedChars.of(page) if tables else None
    grids = []
    for table in tables:
        grid = table_grid(table, page.page_number, placed)
        cuts = _banner_cuts(grid, titles)
        if cuts:
            bands = zip([float("-inf"), *cuts], [*cuts, float("inf")], strict=True)
            parts = [
                [c for c in table.cells if top - 1 <= c[1] < bottom - 1] for top, bottom in bands
            ]
            grids += [table_grid(Table(page, cells), page.page_number, placed) for cells in parts]
        else:
            grids.append(grid)
    return sorted(grids, key=lambda grid: grid.top)


def _prints(grid: Grid) -> bool:
    """A grid with any text in its cells; one without is a frame printed blank."""
    return any(cell.text for row in grid.rows for cell in row)


#: How far (in points) a blank frame's rulings may stand from the open table's and still
#: be the same rulings.
_SAME_RULING = 2.0


def _take_spilled_frames(
    current: LocatedTable, blank: list[Grid], grids: list[Grid], titles: list[_Title]
) -> None:
    """A blank frame that opens a later page, ruled on exactly the columns of the table
    open from the page before, is that table's rows spilled over with nothing in them: a
    spreadsheet printed past its last row (shpt-czj's 财政拨款收入支出决算总表: one empty
    row atop p. 14) or a column too wide for its pages (sh-data's 其他收入: p. 11 its
    blank cells below those of p. 10). It is the table's page, with no figure; a blank frame
    under a title, or below anything the page prints, is none of its."""
    if not current.fragments:
        return
    last = current.fragments[-1]
    opening = min([grid.top for grid in grids] + [line.top for line, _ in titles], default=None)
    for grid in blank:
        if opening is not None and grid.top >= opening:
            break
        if grid.page_number > last.page_number and _same_rulings(last, grid):
            current.fragments.append(grid)


def _same_rulings(grid: Grid, other: Grid) -> bool:
    """Two grids ruled into the same columns, each ruling where the other's is."""
    return grid.width == other.width and all(
        abs(a - b) <= _SAME_RULING
        for bounds, others in zip(grid.column_bounds, other.column_bounds, strict=True)
        for a, b in zip(bounds, others, strict=True)
    )


def _banner_cuts(grid: Grid, titles: list[_Title]) -> list[float]:
    """Where a grid is two tables: a title standing in a row of one cell across the frame,
    below rows of cells. A page whose rulings run on from the foot of one table into the
    next table's title box and header (Jiangsu's 30312 提租补贴 row, then
    财政拨款政府性基金支出预算表) is two tables, not one table whose title is a row."""
    cuts = []
    body_above = False  # a row of cells, not a banner (表11, a sheet's name) over the title
    for index, top in enumerate(grid.row_tops):
        row = grid.rows[index]
        bottom = grid.row_tops[index + 1] if index + 1 < len(grid.row_tops) else grid.bottom
        banner = len({cell.anchor for cell in row}) == 1
        if banner and body_above and any(top <= line.top < bottom for line, _ in titles):
            cuts.append(top)
            body_above = False
        body_above = body_above or sum(1 for cell in row if cell.origin and cell.text) >= 2
    return cuts


#: How many rulings ending together make a frame's foot or top where no line is drawn.
_FRAME_RULINGS = 3
#: The shortest stroke that is a line across, not the end of a ruling drawn as a thin box.
_LINE_ACROSS = 2.0
#: How far apart (in points) the ends of rulings and a line across may be and still meet.
_MEET = 2.0


def _unclosed_frames(page: pdfplumber.page.Page) -> list[dict]:
    """The lines a frame lacks at the top or foot of some of its rulings: a form whose
    一级指标 column runs on over pages draws that column's rulings down the page with no
    line across their top or foot (the merged cell goes on), so its header and left
    columns would be no cells. Rulings that end where no line across meets them are
    joined there to the line drawn at that height, or, three or more ending together
    with none drawn, to one another."""
    edges = page.edges
    across = _Sorted(
        [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] >= _LINE_ACROSS], "top"
    )
    rulings = _Sorted(
        [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 1], "x0"
    )
    ends: list[tuple[float, float]] = []  # (height, x) of each ruling's end that meets no line
    for edge in rulings.items:
        x = edge["x0"]
        for y, direction in ((edge["top"], -1), (edge["bottom"], 1)):
            if not any(_meets(line, x, y) for line in across.near(y, _MEET)) and not any(
                _goes_on(other, x, y, direction) for other in rulings.near(x, 1)
            ):
                ends.append((y, x))
    lines = []
    for group in _by_height(ends):
        y = group[0][0]
        drawn = [line for line in across.near(y, _MEET) if abs(line["top"] - y) <= _MEET]
        xs = [x for _, x in group]
        if not drawn and len({round(x) for x in xs}) < _FRAME_RULINGS:
            continue
        left = min(xs + [line["x0"] for line in drawn])
        right = max(xs + [line["x1"] for line in drawn])
        line = {"x0": left, "x1": right, "top": y, "bottom": y}
        lines.append({"object_type": "line", "width": right - left, "height": 0, **line})
    return lines


class _Sorted:
    """Edges in order of one coordinate, so those near a value are found by bisection:
    a page of a few thousand rulings asked about each ruling's ends would otherwise compare
    every pair (the quadratic that dominated reading a densely ruled page)."""

    def __init__(self, edges: list[dict], key: str) -> None:
        self.items = sorted(edges, key=lambda edge: edge[key])
        self._keys = [edge[key] for edge in self.items]

    def near(self, value: float, reach: float) -> list[dict]:
        """The edges whose coordinate is within ``reach`` of ``value`` (and a hair more,
        so the callers' own tests of distance decide the edge cases)."""
        reach += 0.01
        low = bisect.bisect_left(self._keys, value - reach)
        return self.items[low : bisect.bisect_right(self._keys, value + reach, lo=low)]


def _meets(line: dict, x: float, y: float) -> bool:
    """A line across passes through (or ends at) the point."""
    return abs(line["top"] - y) <= _MEET and line["x0"] - 1 <= x <= line["x1"] + 1


def _goes_on(ruling: dict, x: float, y: float, direction: int) -> bool:
    """A ruling drawn in pieces (a merged cell's side, one piece per row) goes on past y,
    downwards (1) or upwards (-1), at x."""
    start = ruling["top"] if direction > 0 else ruling["bottom"]
    end = ruling["bottom"] if direction > 0 else ruling["top"]
    return abs(ruling["x0"] - x) <= 1 and abs(start - y) <= _MEET and (end - y) * direction > _MEET


def _by_height(ends: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """Ends of rulings at one height (within a point or two), lowest first."""
    groups: list[list[tuple[float, float]]] = []
    for end in sorted(ends):
        if groups and end[0] - groups[-1][0][0] <= _MEET:
            groups[-1].append(end)
        else:
            groups.append([end])
    return groups


def _titles_over(
    grid: Grid, titles: list[_Title], lines: list[_Line], above: float
) -> tuple[list[_Title], Grid]:
    """The titles between the grid above and this grid, and the grid. Failing those, a lone
    title inside the grid's frame, with the grid cut to start at its header below the title
    (a contents page lists many titles inside one frame, and is no table). A frame that
    heads itself with its title is titled by it, whatever line of no template's kind stands
    over it (a spreadsheet's sheet name, 表11-财拨结转支出表), or a heading of the part that
    names the kind of the tables it holds (1.项目支出绩效目标表 over 办公楼物业项目绩效目标表)."""
    titled = [(line, t) for line, t in titles if above <= line.top < grid.top]
    inside = [(line, t) for line, t in titles if grid.top <= line.top < grid.bottom]
    inside = [(line, t) for line, t in inside if t is not OTHER or _heads_frame(line, grid, lines)]
    if len(inside) == 1 and (
        not titled
        or (
            all(t is OTHER or t is inside[0][1] for _, t in titled)
            and _heads_frame(inside[0][0], grid, lines)
        )
    ):
        return inside[:1], grid.below(_header_start(lines, inside[0][0], grid))
    return titled, grid


def _heads_frame(title: _Line, grid: Grid, lines: list[_Line]) -> bool:
    """A title of another kind inside a frame stands in its first row, or is the first
    text the frame holds (after a lone table number): a cell's text may end in 表 too."""
    first_row_end = grid.row_tops[1] if len(grid.row_tops) > 1 else grid.bottom
    if title.top < first_row_end:
        return True
    return not any(
        grid.top <= line.top < title.top and normalise_title(line.text) for line in lines
    )


def _open_tables(
    titled: list[_Title], grid: Grid, lines: list[_Line], page_number: int
) -> list[LocatedTable]:
    """The tables titled over a grid: the last title's table starts with the grid; any titles
    before it head tables printed with no grid under them."""
    opened = [LocatedTable(t, line.text, page_number, None) for line, t in titled[:-1]]
    line, template = titled[-1]
    unit = (
        _unit_between(lines, line.top, grid.top)
        or _unit_between(lines, 0, grid.top)
        or _unit_in_header(grid)
    )
    captions = tuple(text.text for text in lines if line.bottom <= text.top < grid.top)
    return [
        *opened,
        LocatedTable(template, line.text, page_number, unit, [grid], captions=captions),
    ]


#: How many rows of a grid's top may print its unit (单位：万元 in a header cell).
_UNIT_ROWS = 3


def _unit_in_header(grid: Grid) -> str | None:
    """A unit printed in the frame's first rows: in one cell, across a row, or down a
    column whose cells split it (单位：万 | 元)."""
    top = grid.rows[:_UNIT_ROWS]
    rows = ["".join(cell.text for cell in row if cell.origin) for row in top]
    columns = [
        "".join(row[j].text for row in top if row[j].origin) for j in range(grid.width) if top
    ]
    match = next((m for text in rows + columns if (m := _UNIT.search(text))), None)
    return match.group(1) if match else None


def _same_title(printed: str, title: str) -> bool:
    """Two printings of one title: the same words, whatever year digits the page's edge
    leaves of them (sh-data p. 10 prints “26年预算单位收入预算总表”, its “20” past the box)."""

    def words(text: str) -> str:
        return re.sub(r"^\d*年度?", "", normalise_title(text))

    return words(printed) == words(title)


def _repeats_title(current: LocatedTable | None, titled: list[_Title], grid: Grid) -> bool:
    """A grid under the title of the table open from an earlier page, lined up with it and
    starting with the same header row: the title and header are repeated over each page
    of one long table, which goes on. (A form printed once per project repeats its title
    over a header block naming another project: a new printing.)"""
    if current is None or len(titled) != 1 or not current.fragments:
        return False
    line, template = titled[0]
    return (
        template is current.template
        and _same_title(line.text, current.title)
        and grid.page_number > current.fragments[-1].page_number
        and _continues(current, grid)
        and _same_header(grid, current.fragments[0])
    )


def _prints_further_columns(current: LocatedTable, titled: list[_Title], grid: Grid) -> bool:
    """A grid under the title of the table open from an earlier page that prints none of
    its words and no row labels: the columns that did not fit its pages, printed on pages
    of their own after them (a spreadsheet printed down, then over: sh-data's 收入预算总表
    prints 其他收入 alone on p. 10, beside the rows of p. 8)."""
    if len(titled) != 1 or not current.fragments:
        return False
    line, template = titled[0]
    first = current.fragments[0]
    texts = [cell.text for row in grid.rows for cell in row if cell.origin and cell.text]
    figures = [looks_numeric(text) for text in texts]
    below_first_figure = figures[figures.index(True) :] if True in figures else []
    return (
        template is current.template
        and _same_title(line.text, current.title)
        and grid.page_number > current.fragments[-1].page_number
        and not _continues(current, grid)
        and not set(texts) & {cell.text for row in first.rows for cell in row}
        and all(below_first_figure)
    )


def _same_header(grid: Grid, first: Grid) -> bool:
    """The rows above the first figures of both grids print the same words."""
    for row, first_row in zip(grid.rows, first.rows, strict=False):
        texts = [cell.text for cell in row if cell.origin]
        first_texts = [cell.text for cell in first_row if cell.origin]
        if any(looks_numeric(text) for text in texts + first_texts):
            return True
        if texts != first_texts:
            return False
    return True


def _continued(current: LocatedTable | None, grid: Grid) -> LocatedTable | None:
    """The table an untitled grid continues, with the grid added to it; None if there is
    none or the grid does not line up with it."""
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
    """True if an untitled grid lines up with the table before it: same columns, the
    same outer edges (a last page whose lone 合计 row merges the label columns), or
    columns that are all the table's (a first page whose frame adds an empty margin
    column around its title)."""
    if not table.fragments:
        return True
    last = table.fragments[-1]
    if last.width == grid.width:
        pairs = zip(last.column_centres, grid.column_centres, strict=True)
        return all(abs(a - b) < 20 for a, b in pairs)
    if abs(last.left - grid.left) < 5 and abs(last.right - grid.right) < 5:
        return True
    narrower, wider = sorted((last, grid), key=lambda g: g.width)
    return narrower.width >= 3 and all(
        any(abs(a - b) < 5 for b in wider.column_centres) for a in narrower.column_centres
    )


def _note_below(lines: list[_Line], top: float) -> str | None:
    for line in lines:
        if line.top >= top and _NO_DATA.search(line.text):
            return line.text.strip()
    return None
