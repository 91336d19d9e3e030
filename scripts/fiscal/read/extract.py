"""Extracting one document: every amount of every standard table, with provenance.

The result is plain records (one per printed amount) that keep the report, table,
page, row label, classification code and column, plus the printed text, so every
figure in the package can be traced back to the PDF.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields, replace
from decimal import Decimal
from pathlib import Path

from fiscal.errors import NOT_BUDGET, WRONG_YEAR, DocumentError, detail
from fiscal.files import file_sha256
from fiscal.numbers import (
    PACKAGE_UNIT,
    UNIT_IN_YUAN,
    UnreadableAmount,
    label_unit,
    parse_amount,
    parse_quantity,
)
from fiscal.read.cover import read_facts
from fiscal.read.form_fields import BASIC_DATA, ReadForms, read_forms
from fiscal.read.form_rows import (
    FoundForm,
    OfficeDocument,
    grid_rows,
    read_docx,
    read_xlsx,
    with_department,
)
from fiscal.read.interpret import Interpretation, interpret
from fiscal.read.locate import LocatedTable, locate_tables
from fiscal.read.open import cover_text, open_office, open_pdf
from fiscal.read.project_targets import read_project_targets
from fiscal.read.templates import FORM, OTHER, basic_data_column, normalise_title
from fiscal.records import (
    AmountRecord,
    BasicFigure,
    DocumentFacts,
    Extraction,
    Finding,
    FundLine,
    ListedLine,
    PrintedTitle,
    ProseLine,
    SourceFile,
    TableRecord,
)
from fiscal.vocabulary import (
    EXTRACTION,
    EXTRACTION_FAILURE,
    UNIT_ASSUMED,
    UNIT_UNKNOWN,
    UNREADABLE,
)


@dataclass(frozen=True)
class _Contents:
    """What a reader found in a file: its cover facts, size, tables and forms."""

    facts: DocumentFacts
    page_count: int
    tables: list[LocatedTable]
    #: Each form with what reading it gave, None where it is still to read (:func:`_add_form`).
    forms: list[tuple[FoundForm, ReadForms | None]]
    listed: list[PrintedTitle] = field(default_factory=list)
    titles: list[PrintedTitle] = field(default_factory=list)
    prose: list[ProseLine] = field(default_factory=list)


def _read_pdf(path: Path, on_page: Callable[[int, int], None] | None = None) -> _Contents:
    with open_pdf(path) as pdf:
        cover = cover_text(pdf, path)
        layout = locate_tables(pdf, on_page)
        page_count = len(pdf.pages)
    forms: list[tuple[FoundForm, ReadForms | None]] = []
    tables: list[LocatedTable] = []
    for table in layout.tables:
        if table.template.layout != FORM:
            tables.append(table)
            continue
        if not table.fragments:
            continue
        found = FoundForm(
            table.template,
            table.title.strip(),
            grid_rows(table.fragments),
            table.page_number,
            table.captions,
        )
        try:
            reading: ReadForms | None = _read_form(found)
        except Exception:  # read again under the document's guard, the failure is a finding
            reading = None
        if reading is None or _reads_as_forms(reading):
            forms.append((found, reading))
            continue
        if table.says_no_data:  # a form printed blank, saying it has no data: a form still
            forms.append((replace(found, no_data=table.note or ""), None))
            continue
        # Titled like a form, printed as a table whose rows read as no form (Guangzhou's
        # 项目支出绩效目标表 without its indicators' text: one row per project, amounts in
        # columns): read as a table, every figure in amounts.
        tables.append(replace(table, template=OTHER))
    return _Contents(
        read_facts(cover), page_count, tables, forms, layout.listed, layout.titles, layout.prose
    )


def _reads_as_forms(reading: ReadForms) -> bool:
    """Forms read as such: indicators, funds or basic data. A table titled like a form
    (Guangzhou's 项目支出绩效目标表: one row per project, amounts in columns) gives none."""
    return any(form.indicators or form.funds or form.basic_data for form in reading.forms)


def _read_form(found: FoundForm) -> ReadForms:
    """A form as printed, or, where it is titled like a form and printed as a table whose
    rows give each project's goal and indicators as numbered text, a form per project (its
    合计 and unit lines the figures of the form's table)."""
    targets = read_project_targets(found)
    return targets if targets.forms else read_forms(found)


def _office_reader(reader: Callable[[Path], OfficeDocument]) -> Callable[[Path], _Contents]:
    def read(path: Path) -> _Contents:
        document = open_office(path, reader)
        titles = "\n".join(form.title for form in document.forms)
        forms = [(found, None) for found in document.forms]
        return _Contents(read_facts(document.cover + titles), document.parts, [], forms)

    return read


#: How each kind of file is read; anything else is tried as a PDF (and refused if not one).
READERS: dict[str, Callable[[Path], _Contents]] = {
    ".docx": _office_reader(read_docx),
    ".xlsx": _office_reader(read_xlsx),
}


#: The kinds of file a report's directory may hold as its sources.
SOURCE_SUFFIXES = (".pdf", *READERS)


def read_contents(path: Path, on_page: Callable[[int, int], None] | None = None) -> _Contents:
    """Read a file with the reader for its type; ``on_page`` hears of each PDF page."""
    reader = READERS.get(path.suffix.lower())
    return reader(path) if reader else _read_pdf(path, on_page)


def read_cover(path: Path) -> DocumentFacts:
    """What a file's cover says (year, phase, scope, publisher, title, region): for a
    PDF its first pages alone, as the full read takes them (no table is located)."""
    if path.suffix.lower() in READERS:
        return read_contents(path).facts
    with open_pdf(path) as pdf:
        return read_facts(cover_text(pdf, path))


def extract_document(
    paths: Path | Sequence[Path],
    report_id: str,
    expected_year: int | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> Extraction:
    """Read every standard table and performance form of one report: a file (PDF, or
    Word / Excel performance forms), or the several files it comes as (a narrative volume
    and its tables); raise :class:`DocumentError` if it can't be read.

    The files are read as one document, in the order given: its facts (the year checked
    against ``expected_year`` among them) are the first file's that states each, a table
    kind printed in two of them is kept from the first, and each table and amount names
    the file it is in.
    ``on_page(page_number, page_count)`` is called as each PDF page is read, for progress.
    """
    files = [paths] if isinstance(paths, Path) else list(paths)
    read = [(path, read_contents(path, on_page)) for path in files]
    facts = _merged_facts([contents.facts for _, contents in read])
    if expected_year is not None and facts.fiscal_year not in (None, expected_year):
        stating = next(path for path, c in read if c.facts.fiscal_year == facts.fiscal_year)
        raise DocumentError(
            stating,
            WRONG_YEAR,
            f"the document is for {facts.fiscal_year}, the catalogue says {expected_year}",
        )
    if not any(contents.tables or contents.forms for _, contents in read) and facts.phase is None:
        # A narrative volume (情况说明) whose tables come in another file says on its cover
        # what it is and is kept, with no tables; anything else is no budget document.
        raise DocumentError(
            files[0],
            NOT_BUDGET,
            "no standard budget, final-account or performance table found; not a budget document?",
        )
    extraction = Extraction(
        report_id=report_id,
        files=[SourceFile(path, file_sha256(path), contents.page_count) for path, contents in read],
        facts=facts,
        listed=_listed_once([contents.listed for _, contents in read]),
        titles=[title for _, contents in read for title in contents.titles],
        prose=[replace(line, file=path.name) for path, contents in read for line in contents.prose],
    )
    tables = [(path.name, table) for path, contents in read for table in contents.tables]
    document_unit = _document_unit([table for _, table in tables])
    printings: Counter[str] = Counter()
    for file, located in tables:
        table, reading = _read_by_layout(located)
        if printings[table.template.key] and table.template is not OTHER:
            extraction.findings.append(
                _failure(report_id, table, f"table printed twice; kept the first ({table.title})")
            )
            continue
        printings[table.template.key] += 1
        unit = table.unit or document_unit
        if table.unit is None and document_unit is None:
            extraction.findings.append(_failure(report_id, table, _UNIT_UNKNOWN))
        n = printings[table.template.key]
        _guarded(
            extraction,
            table.template.key,
            table.page_number,
            table.title.strip(),
            lambda table=table, reading=reading, unit=unit, n=n, file=file: _add_table(
                extraction, table, reading, unit, n, file
            ),
        )
    instances: Counter[str] = Counter()
    for path, contents in read:
        for found, reading in contents.forms:
            _guarded(
                extraction,
                found.template.key,
                found.pages[0],
                found.title,
                lambda found=found, reading=reading, file=path.name: _add_form(
                    extraction, found, reading, instances, file
                ),
            )
    return extraction


def _listed_once(contents: list[list[PrintedTitle]]) -> list[PrintedTitle]:
    """The tables a report's 目录 list: a table the narrative volume's 目录 and the tables
    volume's both list is one entry, the first file's."""
    entries: list[PrintedTitle] = []
    seen: set[str] = set()
    for listed in contents:
        keys = {normalise_title(entry.text) for entry in listed}
        entries += [entry for entry in listed if normalise_title(entry.text) not in seen]
        seen |= keys
    return entries


def _merged_facts(facts: list[DocumentFacts]) -> DocumentFacts:
    """A report's facts from its files' covers: each fact from the first file that
    states it (the narrative volume's cover, then its tables')."""

    def first(name: str) -> object:
        return next((value for one in facts if (value := getattr(one, name)) is not None), None)

    return DocumentFacts(**{name: first(name) for name in _FACT_FIELDS})


_FACT_FIELDS = tuple(item.name for item in fields(DocumentFacts))


def _guarded(
    extraction: Extraction, table: str, page: int, title: str, read: Callable[[], None]
) -> None:
    """Read one table or form; if it fails, say so in a finding and leave no half of it.

    Whatever one table does, the rest of the document is still read: a reading error
    becomes an ``extraction_failure`` naming the table, its page and the reason.
    """
    kept = [len(part) for part in _parts(extraction)]
    try:
        read()
    except DocumentError:
        raise
    except Exception as error:
        for part, length in zip(_parts(extraction), kept, strict=True):
            del part[length:]
        message = f"{title}: could not be read ({detail(error)})"
        extraction.findings.append(_reading_problem(extraction.report_id, table, page, message))


def _parts(extraction: Extraction) -> tuple[list, ...]:
    """What reading one table or form adds to: its amounts, records, forms and findings."""
    return extraction.amounts, extraction.tables, extraction.forms, extraction.findings


_UNIT_UNKNOWN = "no amount unit printed for any table; figures kept as printed, not converted"


def _add_form(
    extraction: Extraction,
    found: FoundForm,
    reading: ReadForms | None,
    instances: Counter[str],
    file: str,
) -> None:
    """Add one printed performance form as read (one record per project where it lists
    several, in indicator rows or as numbered text), reading it here where it is still to
    read; 基础数据表 figures, and the figures of a listing's lines that are no project (合计,
    a unit's line), become amounts. A form printed blank that says it has no data is a
    table with none."""
    read = reading
    if read is None:
        read = ReadForms([], []) if found.no_data else _read_form(found)
    forms = with_department(found, read.forms)
    instances[found.template.key] += 1
    extraction.forms += forms
    before = len(extraction.amounts)
    for line in read.lines:
        extraction.amounts += [
            _listed_figure(extraction, found, line, fund, instances[found.template.key], file)
            for fund in line.funds
        ]
    rows = len(read.lines)
    for form in forms:
        for problem in form.problems:
            message = f"{form.title}: {problem}"
            extraction.findings.append(
                _reading_problem(extraction.report_id, form.table, form.pages[0], message)
            )
        for figure in form.basic_data:
            extraction.amounts.append(_basic_figure(extraction, figure, before, file))
        rows += len(form.indicators) + len(form.funds) + len({f.row for f in form.basic_data})
    printed = {page for form in forms for page in form.pages}
    pages = sorted(printed | {line.page for line in read.lines}) or found.pages
    extraction.tables.append(
        TableRecord(
            report_id=extraction.report_id,
            table=found.template.key,
            title_printed=found.title,
            first_page=pages[0],
            last_page=pages[-1],
            unit=PACKAGE_UNIT,
            status="extracted" if rows else ("no_data" if found.no_data else "empty"),
            rows=rows,
            amounts=len(extraction.amounts) - before,
            note=found.no_data,
            instance=instances[found.template.key],
            file=file,
        )
    )


def _listed_figure(
    extraction: Extraction,
    found: FoundForm,
    line: ListedLine,
    fund: FundLine,
    instance: int,
    file: str,
) -> AmountRecord:
    """A figure of a listing's line that is no project (合计, a unit's line) as an amount of
    the listing's table, in 万元 as the form's fund lines are; a unit's line is the unit's."""
    text = fund.values["amount"]
    quantity = parse_quantity(text)
    return AmountRecord(
        report_id=extraction.report_id,
        table=found.template.key,
        row=line.row,
        column=fund.fund,
        page=line.page,
        side="",
        code="",
        row_label=line.name,
        column_label=fund.label,
        amount=quantity.value if quantity is not None else None,
        published=text,
        unit=PACKAGE_UNIT,
        budget_unit=line.name if line.unit else "",
        instance=instance,
        file=file,
    )


def _basic_figure(
    extraction: Extraction, figure: BasicFigure, offset: int, file: str
) -> AmountRecord:
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
        report_id=extraction.report_id,
        table=BASIC_DATA,
        row=offset + figure.row,
        column=column,
        page=figure.page,
        side="",
        code="",
        row_label=figure.row_label,
        column_label=figure.column_label,
        amount=quantity.value if quantity is not None else None,
        published=figure.text,
        unit=unit,
        file=file,
    )


def _document_unit(located: list[LocatedTable]) -> str | None:
    """The unit most tables of the document print, for a table that prints none."""
    units = Counter(table.unit for table in located if table.unit)
    return units.most_common(1)[0][0] if units else None


def _reading_problem(report_id: str, table: str, page: int, message: str) -> Finding:
    """A table, form or figure that could not be read: an ``extraction_failure``."""
    return Finding(
        report_id=report_id,
        table=table,
        page=page,
        rule=EXTRACTION,
        kind=EXTRACTION_FAILURE,
        message=message,
    )


def _failure(report_id: str, table: LocatedTable, message: str, page: int | None = None) -> Finding:
    return _reading_problem(report_id, table.template.key, page or table.page_number, message)


def _without_unit(text: str, unit: str | None) -> str:
    """A figure without the unit its column counts in, where it prints it after each
    figure (95.79% under 执行率)."""
    signs = ("%", "％") if unit == "%" else (unit,) if unit and unit not in UNIT_IN_YUAN else ()
    stripped = text.strip()
    return next((stripped[: -len(sign)] for sign in signs if stripped.endswith(sign)), text)


def _figure(text: str, unit: str | None) -> tuple[Decimal | None, str]:
    """A printed figure in the package's unit (万元; counts, rates and other measures as
    printed), with its flag where no unit says what it is; UnreadableAmount if it is no
    number."""
    printed = parse_amount(_without_unit(text, unit))
    if printed is None:
        return None, ""
    if not unit:
        return None, UNIT_UNKNOWN
    return (printed.in_unit(unit) if unit in UNIT_IN_YUAN else printed.value), ""


def _read_by_layout(table: LocatedTable) -> tuple[LocatedTable, Interpretation | None]:
    """A table read by its kind's template, or generically where it prints its kind in a
    layout no template knows (columns the template cannot name, or two read as one): every
    figure is then kept under its header path, as for a table of a kind no template knows,
    rather than half read. None where the reading fails: read again under
    :func:`_guarded`, it becomes that table's finding."""
    try:
        reading = interpret(table)
        if table.template is OTHER or not (reading.unknown_layout or reading.clashing):
            return table, reading
        generic = replace(table, template=OTHER)
        return generic, interpret(generic)
    except Exception:
        return table, None


def _add_table(
    extraction: Extraction,
    table: LocatedTable,
    reading: Interpretation | None,
    unit: str | None,
    instance: int,
    file: str,
) -> None:
    report_id = extraction.report_id
    reading = reading or interpret(table)
    for problem in reading.problems:
        extraction.findings.append(_failure(report_id, table, problem))
    count = 0
    clashes: dict[int, str] = {}
    for number, row in enumerate(reading.rows, start=1):
        keys: set[str] = set()
        for column, text in row.values:
            key = column.key or f"column_{column.index}"
            if key in keys:  # two printed columns never merge into one measure
                clashes.setdefault(column.index, f"{column.label!r} reads as {key}")
                key = f"column_{column.index}"
            keys.add(key)
            column_unit = label_unit(column.label)
            if column.index == row.measured_column:  # 指标值 27 | 计量单位 座
                column_unit = row.measure_unit
            figure_unit = column_unit or unit
            try:
                amount, flag = _figure(text, figure_unit)
                if amount is not None and not column_unit and table.unit is None:
                    flag = UNIT_ASSUMED  # the table prints none: the document's unit
            except UnreadableAmount:
                amount, flag = None, UNREADABLE
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
                    report_id=report_id,
                    table=table.template.key,
                    row=number,
                    column=key,
                    page=row.page,
                    side=row.side,
                    code=row.code,
                    row_label=row.label,
                    column_label=column.label,
                    amount=amount,
                    published=text,
                    unit=figure_unit or "",
                    flag=flag,
                    project=row.project,
                    budget_unit=row.budget_unit,
                    government_economic_code=row.government_economic_code,
                    economic_code=row.economic_code,
                    instance=instance,
                    file=file,
                )
            )
            count += 1
    for index, clash in clashes.items():
        message = f"column {clash}, like a column before it in the same row; kept as column_{index}"
        extraction.findings.append(_failure(report_id, table, message))
    status = "extracted" if count else ("no_data" if table.says_no_data else "empty")
    extraction.tables.append(
        TableRecord(
            report_id=report_id,
            table=table.template.key,
            title_printed=table.title.strip(),
            first_page=table.pages[0],
            last_page=table.pages[-1],
            unit=unit or "",
            status=status,
            rows=len(reading.rows),
            amounts=count,
            note=table.note or "",
            instance=instance,
            file=file,
        )
    )
