"""The plain records that flow from reading to checking to packaging.

Readers build them, checks read them and add findings, the package turns them into
frames; none of those stages needs another's code to know a record's shape. Every
record is built with keywords, so a field added later cannot shift the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from fiscal.regions import Region
from fiscal.vocabulary import FINDING_KINDS, RULES


@dataclass(frozen=True, kw_only=True)
class DocumentFacts:
    """What the cover says about a document.

    Year, phase and scope decide how a report is extracted; publisher, title and region
    are what ``fiscal add`` proposes for the catalogue row (the catalogue stays
    authoritative: the contributor confirms or overrides them).
    """

    fiscal_year: int | None
    phase: str | None
    scope: str | None
    publisher: str | None = None
    title: str | None = None
    region: Region | None = None


@dataclass(frozen=True, kw_only=True)
class FundLine:
    """One line of a form's funds block: a fund and its figures as printed, by measure."""

    row: int
    page: int
    fund: str  # key of FUND_LINES, "" if the label is not one of them
    label: str
    by: str  # "income" / "spending" for the 按收入性质 / 按支出性质 breakdown, else ""
    values: dict[str, str]  # measure key (FUND_MEASURES, or "amount") -> printed text


@dataclass(frozen=True, kw_only=True)
class Indicator:
    """One 三级指标 row, its 一级 / 二级 labels carried down from merged cells above."""

    row: int
    page: int
    texts: dict[str, str]  # INDICATOR_COLUMNS key -> text as printed


@dataclass(frozen=True, kw_only=True)
class ListedLine:
    """A line of a form listing its projects down its rows that is no project: the 合计, or
    a budget unit's line (its name and totals over the projects listed below it). No form
    holds its figures, so they are kept as amounts of the listing's table."""

    row: int
    page: int
    name: str  # as printed: 合计, or the unit's name
    unit: bool  # a budget unit's line (else the table's 合计)
    funds: list[FundLine]  # a line per figure, keyed by the fund column it stands under


@dataclass(frozen=True, kw_only=True)
class BasicFigure:
    """A figure of a 基础数据表 with the row and column labels it sits under."""

    row: int
    page: int
    row_label: str
    column_label: str
    section: str
    text: str


@dataclass(kw_only=True)
class PerformanceForm:
    """Everything read from one form."""

    table: str
    title: str
    pages: list[int]
    details: dict[str, str] = field(default_factory=dict)  # FORM_LABELS key -> value
    goals: dict[str, str] = field(default_factory=dict)  # "goal" / "outcome" -> text
    funds: list[FundLine] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    total: dict[str, str] = field(default_factory=dict)  # "weight" / "score" -> printed
    total_page: int | None = None
    basic_data: list[BasicFigure] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class AmountRecord:
    """One printed amount and where it stands: table, page, row (label, code), column."""

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
    budget_unit: str = ""  # the 预算单位 a table listed unit by unit prints the row under
    government_economic_code: str = ""  # printed beside the row's economic or function code
    economic_code: str = ""  # the department economic code beside the row's function code
    instance: int = 1  # which printing of its table kind (tables of other kinds are many)
    file: str = ""  # the source file printing it, where a report comes as several


@dataclass(frozen=True, kw_only=True)
class TableRecord:
    """One printed table (or performance form) of a report: title, pages, unit, outcome."""

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
    file: str = ""


@dataclass(frozen=True, kw_only=True)
class Finding:
    """An identity the document breaks, a sentence its tables or its own figures contradict,
    or a table or figure that could not be read."""

    report_id: str
    table: str
    rule: str
    kind: str
    message: str
    page: int | None = None
    expected: Decimal | None = None
    found: Decimal | None = None
    tolerance: Decimal | None = None
    #: The narrative claim a finding is about (``narrative_claims.claim``): the sentence
    #: and its page on one side, the table figure and its page on the other.
    claim: int | None = None

    def __post_init__(self) -> None:
        # Every finding names a rule and a kind the vocabulary can show to readers.
        if self.rule not in RULES:
            raise ValueError(f"finding under rule {self.rule!r}, which vocabulary.RULES lacks")
        if self.kind not in FINDING_KINDS:
            raise ValueError(f"finding of kind {self.kind!r}, which vocabulary lacks")


@dataclass(frozen=True, kw_only=True)
class PrintedTitle:
    """A table title as a page prints it: over a table, or as an entry of the 目录."""

    page: int
    text: str


@dataclass(frozen=True, kw_only=True)
class ProseLine:
    """A line of running text (the narrative, 情况说明), printed outside every table frame."""

    page: int
    text: str
    file: str = ""


@dataclass(frozen=True, kw_only=True)
class Claim:
    """A figure the narrative states, what it is about, and what it was held against.

    ``measure`` says what the figure is (an amount, a change, a share …) and ``basis`` the
    period or the figure it is compared with; ``expected`` is what the tables print for it
    (``table``, ``table_page``, ``table_row``) or what the sentence's own figures give.
    """

    report_id: str
    claim: int
    page: int
    file: str
    sentence: str
    topic: str
    subject: str
    measure: str
    basis: str
    value: Decimal
    unit: str
    printed: str
    function_code: str = ""
    outcome: str = ""
    expected: Decimal | None = None
    table: str = ""
    table_page: int | None = None
    table_row: str = ""


@dataclass(frozen=True)
class SourceFile:
    """One file of a report as read: a report is one file, or a narrative volume
    (情况说明) and the volume of its tables (报表)."""

    path: Path
    sha256: str
    page_count: int


@dataclass(kw_only=True)
class Extraction:
    """Everything read from one report, from its one or several files."""

    report_id: str
    files: list[SourceFile]
    facts: DocumentFacts
    tables: list[TableRecord] = field(default_factory=list)
    amounts: list[AmountRecord] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    forms: list[PerformanceForm] = field(default_factory=list)
    #: The tables the document's 目录 lists, with the page of the 目录.
    listed: list[PrintedTitle] = field(default_factory=list)
    #: Every line printed like a table title outside the 目录, with its page.
    titles: list[PrintedTitle] = field(default_factory=list)
    #: The running text outside the tables, line by line, with its page and file.
    prose: list[ProseLine] = field(default_factory=list)


@dataclass(frozen=True, kw_only=True)
class CheckResult:
    """What the checks made of one extraction: the identities broken, and how many ran."""

    findings: list[Finding]
    checked: int
    claims: list[Claim] = field(default_factory=list)
