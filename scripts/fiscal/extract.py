"""Extracting one document: every amount of every standard table, with provenance.

The result is plain records (one per printed amount) that keep the report, table,
page, row label, classification code and column, plus the printed text, so every
figure in the package can be traced back to the PDF.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .document import (
    NOT_BUDGET,
    UNKNOWN_UNIT,
    WRONG_YEAR,
    DocumentError,
    DocumentFacts,
    cover_text,
    open_office,
    open_pdf,
    read_facts,
)
from .forms import FoundForm, OfficeDocument, grid_rows, read_docx, read_xlsx
from .interpret import interpret
from .locate import LocatedTable, locate_tables
from .numbers import PACKAGE_UNIT, UnreadableAmount, parse_amount, parse_quantity
from .performance import BASIC_DATA, BasicFigure, PerformanceForm, read_form
from .templates import FORM, basic_data_column

EXTRACTION_FAILURE = "extraction_failure"
SOURCE_INCONSISTENCY = "source_inconsistency"


@dataclass(frozen=True)
class AmountRecord:
    report_id: str
    table: str
    row: int
    column: str
    page: int
    side: str
    code: str
    row_label: str
    column_label: str
    amount: Decimal | None
    published: str
    unit: str
    flag: str = ""
    project: str = ""


@dataclass(frozen=True)
class TableRecord:
    report_id: str
    table: str
    title_printed: str
    first_page: int
    last_page: int
    unit: str
    status: str
    rows: int
    amounts: int
    note: str
    instance: int = 1


@dataclass(frozen=True)
class Finding:
    report_id: str
    table: str
    page: int | None
    rule: str
    kind: str
    expected: Decimal | None
    found: Decimal | None
    tolerance: Decimal | None
    message: str


@dataclass
class Extraction:
    """Everything read from one document."""

    report_id: str
    path: Path
    sha256: str
    page_count: int
    facts: DocumentFacts
    tables: list[TableRecord] = field(default_factory=list)
    amounts: list[AmountRecord] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    forms: list[PerformanceForm] = field(default_factory=list)

    @property
    def phase(self) -> str:
        return self.facts.family or ""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class _Contents:
    """What a reader found in a file: its cover facts, size, tables and forms."""

    facts: DocumentFacts
    page_count: int
    tables: list[LocatedTable]
    forms: list[FoundForm]


def _read_pdf(path: Path, on_page: Callable[[int, int], None] | None = None) -> _Contents:
    with open_pdf(path) as pdf:
        cover = cover_text(pdf, path)
        located = locate_tables(pdf, on_page)
        page_count = len(pdf.pages)
    forms = [
        FoundForm(table.template, table.title.strip(), grid_rows(table.fragments))
        for table in located
        if table.template.layout == FORM and table.fragments
    ]
    tables = [table for table in located if table.template.layout != FORM]
    return _Contents(read_facts(cover), page_count, tables, forms)


def _office_reader(reader: Callable[[Path], OfficeDocument]) -> Callable[[Path], _Contents]:
    def read(path: Path) -> _Contents:
        document = open_office(path, reader)
        titles = "\n".join(form.title for form in document.forms)
        return _Contents(read_facts(document.cover + titles), document.parts, [], document.forms)

    return read


#: How each kind of file is read; anything else is tried as a PDF (and refused if not one).
READERS: dict[str, Callable[[Path], _Contents]] = {
    ".docx": _office_reader(read_docx),
    ".xlsx": _office_reader(read_xlsx),
}


def read_contents(path: Path, on_page: Callable[[int, int], None] | None = None) -> _Contents:
    """Read a file with the reader for its type; ``on_page`` hears of each PDF page."""
    reader = READERS.get(path.suffix.lower())
    return reader(path) if reader else _read_pdf(path, on_page)


def read_cover(path: Path) -> DocumentFacts:
    """What a file's cover says (year, family, scope, publisher, title, region)."""
    return read_contents(path).facts


def extract_document(
    path: Path,
    report_id: str,
    expected_year: int | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> Extraction:
    """Read every standard table and performance form of one file (PDF, or Word / Excel
    performance forms); raise :class:`DocumentError` if it can't be read.

    ``on_page(page_number, page_count)`` is called as each PDF page is read, for progress.
    """
    contents = read_contents(path, on_page)
    facts = contents.facts
    if expected_year is not None and facts.fiscal_year not in (None, expected_year):
        raise DocumentError(
            path,
            WRONG_YEAR,
            f"the document is for {facts.fiscal_year}, the catalogue says {expected_year}",
        )
    if not contents.tables and not contents.forms:
        raise DocumentError(
            path,
            NOT_BUDGET,
            "no standard budget, final-account or performance table found; not a budget document?",
        )
    extraction = Extraction(report_id, path, file_sha256(path), contents.page_count, facts)
    tables = contents.tables
    document_unit = _document_unit(path, tables) if tables else PACKAGE_UNIT
    seen: set[str] = set()
    for table in tables:
        if table.template.key in seen:
            extraction.findings.append(
                _failure(report_id, table, f"table printed twice; kept the first ({table.title})")
            )
            continue
        seen.add(table.template.key)
        _add_table(extraction, table, table.unit or document_unit)
    add_forms(extraction, contents.forms)
    return extraction


def add_forms(extraction: Extraction, forms: list[FoundForm]) -> None:
    """Read the performance forms of a document; 基础数据表 figures become amounts."""
    instances: Counter[str] = Counter()
    for found in forms:
        form = read_form(found)
        instances[form.table] += 1
        extraction.forms.append(form)
        for problem in form.problems:
            extraction.findings.append(
                Finding(
                    extraction.report_id,
                    form.table,
                    form.pages[0],
                    "extraction",
                    EXTRACTION_FAILURE,
                    None,
                    None,
                    None,
                    f"{form.title}: {problem}",
                )
            )
        before = len(extraction.amounts)
        for figure in form.basic_data:
            extraction.amounts.append(_basic_figure(extraction, figure, before))
        count = len(extraction.amounts) - before
        rows = len(form.indicators) + len(form.funds) + len({f.row for f in form.basic_data})
        extraction.tables.append(
            TableRecord(
                extraction.report_id,
                form.table,
                form.title,
                form.pages[0],
                form.pages[-1],
                PACKAGE_UNIT,
                "extracted" if rows else "empty",
                rows,
                count,
                "",
                instances[form.table],
            )
        )


def _basic_figure(extraction: Extraction, figure: BasicFigure, offset: int) -> AmountRecord:
    """A 基础数据表 figure as an amount: 万元 for money, 人 for staff, % for rates."""
    quantity = parse_quantity(figure.text)
    labels = figure.section + figure.column_label
    if (quantity is not None and quantity.unit == "%") or figure.column_label.endswith("率"):
        unit = "%"
    elif "人" in figure.section:
        unit = "人"
    elif re.search(r"㎡|m2|m²|平方米", labels):
        unit = "㎡"
    else:
        unit = PACKAGE_UNIT
    column = basic_data_column(figure.column_label) or "value"
    return AmountRecord(
        extraction.report_id,
        BASIC_DATA,
        offset + figure.row,
        column,
        figure.page,
        "",
        "",
        figure.row_label,
        figure.column_label,
        quantity.value if quantity is not None else None,
        figure.text,
        unit,
    )


def _document_unit(path: Path, located: list[LocatedTable]) -> str:
    units = Counter(table.unit for table in located if table.unit)
    if not units:
        raise DocumentError(
            path, UNKNOWN_UNIT, "no amount unit (单位：万元 or 元) printed above any table"
        )
    return units.most_common(1)[0][0]


def _failure(report_id: str, table: LocatedTable, message: str, page: int | None = None) -> Finding:
    return Finding(
        report_id,
        table.template.key,
        page or table.page_number,
        "extraction",
        EXTRACTION_FAILURE,
        None,
        None,
        None,
        message,
    )


def _add_table(extraction: Extraction, table: LocatedTable, unit: str) -> None:
    report_id = extraction.report_id
    reading = interpret(table)
    for problem in reading.problems:
        extraction.findings.append(_failure(report_id, table, problem))
    count = 0
    for number, row in enumerate(reading.rows, start=1):
        for column, text in row.values:
            try:
                printed = parse_amount(text)
                amount, flag = (printed.in_unit(unit) if printed else None), ""
            except UnreadableAmount:
                amount, flag = None, "unreadable"
                extraction.findings.append(
                    _failure(
                        report_id,
                        table,
                        f"unreadable amount {text!r} in row {row.label or row.code}",
                        row.page,
                    )
                )
            if amount is None and not flag:
                continue
            extraction.amounts.append(
                AmountRecord(
                    report_id,
                    table.template.key,
                    number,
                    column.key or f"column_{column.index}",
                    row.page,
                    row.side,
                    row.code,
                    row.label,
                    column.label,
                    amount,
                    text,
                    unit,
                    flag,
                    row.project,
                )
            )
            count += 1
    status = "extracted" if count else ("no_data" if table.says_no_data else "empty")
    extraction.tables.append(
        TableRecord(
            report_id,
            table.template.key,
            table.title.strip(),
            table.pages[0],
            table.pages[-1],
            unit,
            status,
            len(reading.rows),
            count,
            table.note or "",
        )
    )
