"""Safe HTML for the site: escaped text, amounts the Chinese way, sortable tables, chart data.

Text in the package comes from PDFs (row labels, printed titles) or from hand-made
catalogue rows, and is untrusted either way. Pages are Markdown files whose generated
parts are raw HTML blocks, because Markdown leaves a raw HTML block alone: escaped text
inside it can neither become markup nor Markdown (``**x**``, ``[x](javascript:…)``).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

MISSING = "—"
#: The tooltip of a missing figure: given once per table (``data-missing-tip``), and put
#: on each such cell by site.js, rather than repeated in every cell (a tenth of a page of
#: figures).
MISSING_TIP = "未列示：原表此格为空或印作“—”（不是 0）"
MINUS = "−"  # U+2212, the typographic minus: a negative can't pass for a dash or hyphen
#: Page titles end in <title>, the navigation and the footer, where the theme inserts them
#: unescaped (and ``striptags`` would unescape entities), so they carry no markup characters.
_TITLE_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀"})


def text(value: object) -> str:
    """Escaped text for HTML content or attributes; line breaks become spaces."""
    return html.escape(" ".join(str(value).split()), quote=True)


def page_title(value: object) -> str:
    """A page title with no character the theme could read as markup."""
    return " ".join(str(value).split()).translate(_TITLE_SAFE)


def md_text(value: object) -> str:
    """Text for a Markdown heading: no markup characters, Markdown punctuation escaped.

    The table of contents copies heading text into the navigation unescaped, so the text
    gets the title treatment first; backslashes then keep ``*``, ``[`` … literal.
    """
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~:])", r"\\\1", page_title(value))


def front_matter(title: str, search_boost: float | None = None) -> str:
    """YAML front matter naming the page; JSON strings are valid YAML scalars."""
    boost = f"search:\n  boost: {search_boost}\n" if search_boost is not None else ""
    return f"---\ntitle: {json.dumps(page_title(title), ensure_ascii=False)}\n{boost}---\n\n"


def safe_json(data: object) -> str:
    """JSON to embed in a <script> element: no '<', '>' or '&' that could end it."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        encoded = encoded.replace(char, escape)
    return encoded


@lru_cache(maxsize=4096)
def href(source: str, target: str) -> str:
    """Relative URL from one docs file to another (pages end in .html: no directory URLs).
    Remembered: a page links the same few files (its PDF, its workbook) from every row."""
    target, _, anchor = target.partition("#")
    if target.endswith(".md"):
        target = target[: -len(".md")] + ".html"
    url = posixpath.relpath(target, posixpath.dirname(source) or ".")
    return f"{url}#{anchor}" if anchor else url


def link(url: str, label: object) -> str:
    return f'<a href="{text(url)}">{text(label)}</a>'


def format_amount(value: str | Decimal, decimals: int | None = 2) -> str:
    """'2940.05' → '2,940.05'; '-3' → '−3.00'; '8209.679742' → '8,209.68' (half up).

    ``decimals=None`` shows the exact value, with at least two decimals.
    """
    number = Decimal(value)
    if decimals is None:
        exponent = number.as_tuple().exponent
        decimals = max(2, -exponent if isinstance(exponent, int) else 0)
    shown = abs(number).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    body = f"{shown:,.{decimals}f}"
    return f"{MINUS}{body}" if number < 0 and shown else body


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes in the docs directory, its title and its Markdown."""

    path: str
    title: str
    body: str
    #: Material's per-page search weight; below 1 for pages that list figures of many
    #: documents, so a word finds the pages about it before every table that holds it.
    search_boost: float | None = None
    #: The HTML of the body's :class:`Deferred` markers, in their order.
    deferred: tuple[str, ...] = field(default=(), repr=False)

    def render(self) -> str:
        return front_matter(self.title, self.search_boost) + self.body


#: A page's marker for its N-th deferred fragment, which site/hooks.py replaces.
DEFERRED_MARK = '<div data-fiscal-deferred="{}"></div>'
DEFERRED = re.compile(r'<div data-fiscal-deferred="(\d+)"></div>')


class Deferred:
    """HTML that neither Markdown nor the search index reads: a page's tables of figures.

    Markdown parses a raw HTML block tag by tag, and the search plugin indexes every cell;
    with the tables of a thousand reports in the pages that was most of the site's build
    and an index too large to load. The page's Markdown holds a marker (an empty element:
    Python-Markdown moves an HTML comment past the next heading), and the rendered page
    gets the fragment back after MkDocs.
    Headings, report facts and prose stay in the Markdown, so search still finds every
    report, table title, code and publisher.
    """

    def __init__(self) -> None:
        self.fragments: list[str] = []

    def __call__(self, *parts: str) -> str:
        self.fragments.append(_one_line(parts))
        return DEFERRED_MARK.format(len(self.fragments) - 1)


def restore_deferred(output: str, fragments: Sequence[str]) -> str:
    """A rendered page with each marker replaced by its fragment."""
    return DEFERRED.sub(lambda found: fragments[int(found[1])], output)


@dataclass(frozen=True)
class Column:
    """A table heading; numeric columns sort by value and align right."""

    label: str
    numeric: bool = False
    tip: str = ""
    #: What the column's figures count (万元, 人, % …), for a figure's citation.
    unit: str = ""
    #: A printed table's column: its figures' key, each figure's link being its row's
    #: and this key (:func:`row_dom_id`), and the unit they were printed in. site.js
    #: puts both on the cells, so a page of 13,000 figures does not repeat them in each.
    key: str = ""
    printed_unit: str = ""
    #: The column of row numbers, each a link to its row (put on by site.js).
    row_links: bool = False


def text_cell(value: object, css: str = "") -> str:
    css_attr = f' class="{text(css)}"' if css else ""
    return f"<td{css_attr}>{text(value)}</td>"


def html_cell(content: str, sort_key: object = None, css: str = "") -> str:
    """A cell of ready-made (escaped) HTML, such as a link; sorted by ``sort_key``, or
    without one by the text it shows. A cell with a sort key aligns as a number unless
    it is a ``label`` (site.css)."""
    css_attr = f' class="{text(css)}"' if css else ""
    sort_attr = f' data-sort="{text(sort_key)}"' if sort_key is not None else ""
    return f"<td{css_attr}{sort_attr}>{content}</td>"


def link_cell(url: str, label: object) -> str:
    """A linked name (a report, a publisher): sorted by the name it shows (no sort key
    repeating it), kept readably wide."""
    return html_cell(link(url, label), css="label")


def number_cell(value: object) -> str:
    """A count or page number: right-aligned, as is every cell with a numeric sort key
    (site.css), so the tables of figures need no class on each."""
    shown = "" if value is None or value == "" else str(value)
    return f'<td data-sort="{text(shown)}">{text(shown)}</td>'


def amount_cell(value: object, printed: str = "", exact: bool = False, computed: str = "") -> str:
    """An amount in 万元 to two decimals, its exact value in ``data-sort`` and the text the
    document prints in ``data-p``: site.js makes the tooltip of both where rounding
    shortened the figure or a printed text is given (a page of figures would otherwise
    say 精确值 … 万元；原文 … in every cell). Missing shows an em dash, negatives a red
    minus. ``computed`` says how the site summed a figure the document does not print
    (the cell is marked, site.css)."""
    if value is None or str(value) == "":
        return f'<td class="missing" data-sort="">{MISSING}</td>'
    number = Decimal(str(value))
    shown = format_amount(number, None if exact else 2)
    tip = f' title="{text(computed)}"' if computed else ""
    printed_attr = f' data-p="{text(printed)}"' if printed else ""
    css = " ".join(name for name, on in (("negative", number < 0), ("computed", computed)) if on)
    css_attr = f' class="{css}"' if css else ""
    return f'<td{css_attr} data-sort="{number:f}"{printed_attr}{tip}>{shown}</td>'


def table_dom_id(table_id: str) -> str:
    """The element id of a table: prefixed, so it never collides with a heading's anchor."""
    return f"table-{table_id}"


def row_dom_id(table_id: str, row: object) -> str:
    """The element id of a printed table's row, by the row's number in the printed table:
    the same row keeps its link as long as the document is read the same way. A figure's
    id is its row's and its column's key (``…-r3-total``), put on by site.js."""
    return f"{table_dom_id(table_id)}-r{row}"


def _heading(column: Column) -> str:
    method = ' data-sort-method="amount"' if column.numeric else ""
    tip = f' title="{text(column.tip)}"' if column.tip else ""
    unit = f' data-unit="{text(column.unit)}"' if column.unit else ""
    key = f' data-key="{text(column.key)}"' if column.key else ""
    printed = f' data-printed-unit="{text(column.printed_unit)}"' if column.printed_unit else ""
    links = " data-row-links" if column.row_links else ""
    return f"<th{method}{tip}{unit}{key}{printed}{links}>{text(column.label)}</th>"


def html_table(
    columns: Sequence[Column],
    rows: Iterable[Sequence[str]],
    *,
    table_id: str = "",
    caption: str = "",
    row_ids: Sequence[str] = (),
    cards: bool = False,
) -> str:
    """A sortable table (site.js adds a search box to long ones); cells are made above.

    ``row_ids`` gives rows an element id each, so a row has a link of its own. Cells are
    separated by a space: the search index takes a page's text as it stands, and cells
    written back to back would run together ("201一般公共服务支出293.27293.27"), so no
    code or figure could be found.

    ``cards`` is for a table of many columns read row by row (findings): on a phone each
    row becomes a card whose cells carry their column's name (site.css), where a wide
    table would make the reader scroll sideways through every row.
    """
    head = " ".join(_heading(column) for column in columns)
    ids = iter(row_ids)
    labels = [column.label for column in columns]
    body = " ".join(
        f"<tr{_id_attr(next(ids, ''))}>"
        f"{' '.join(_labelled(cells, labels) if cards else cells)}</tr>"
        for cells in rows
    )
    id_attr = f' id="{text(table_dom_id(table_id))}"' if table_id else ""
    caption_html = f"<caption>{text(caption)}</caption>" if caption else ""
    cards_attr = " data-cards" if cards else ""
    tip = f' data-missing-tip="{text(MISSING_TIP)}"'
    return (
        f'<div class="fiscal-table"><table{id_attr} data-fiscal{cards_attr}{tip}>'
        f"{caption_html}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _labelled(cells: Sequence[str], labels: Sequence[str]) -> list[str]:
    """Cells with their column's name as ``data-label``, which a card shows beside them."""
    return [
        cell.replace("<td", f'<td data-label="{text(label)}"', 1)
        for cell, label in zip(cells, labels, strict=True)
    ]


def _id_attr(element_id: str) -> str:
    return f' id="{text(element_id)}"' if element_id else ""


def block(*parts: str) -> str:
    """One raw HTML block for a Markdown page: one line, blank lines around it."""
    return "\n\n" + _one_line(parts) + "\n\n"


def _one_line(parts: Sequence[str]) -> str:
    """HTML parts as one line: a line break inside a raw block would end it in Markdown."""
    return "".join(part.replace("\n", " ") for part in parts)


#: Charts taller than this (a bar per report) keep their height on a phone (site.css).
TALL_CHART = 420


def chart(chart_id: str, spec: dict, height: int = 360) -> str:
    """A chart container and its data; site.js draws it with ECharts."""
    tall = " data-tall" if height > TALL_CHART else ""
    return (
        f'<div class="fiscal-chart" data-chart="{text(chart_id)}"{tall}'
        f' style="height:{height}px"></div>'
        f'<script type="application/json" id="{text(chart_id)}">{safe_json(spec)}</script>'
    )
