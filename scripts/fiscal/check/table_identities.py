"""The accounting identities of DOMAIN.md, checked on the amounts as published.

A published figure that breaks an identity is kept as published and reported as a
finding; nothing here changes an amount. Every published amount is rounded to its
last printed digit, so a sum of n items may differ by up to n half-units, while one
figure printed in two places must agree exactly.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise, product, takewhile

from fiscal.codes import (
    economic_expense_type,
    function_class_for_name,
    parent_code,
    procurement_category,
)
from fiscal.numbers import COUNT_UNITS, PACKAGE_UNIT, UNIT_IN_YUAN, parse_amount
from fiscal.records import AmountRecord, Finding
from fiscal.vocabulary import (
    CHINESE_NUMBERING,
    LIST_NUMBERING,
    PERIODS,
    SIDES,
    SOURCE_INCONSISTENCY,
    SUMMARY_TABLES,
    THREE_PUBLIC_MEASURES,
    TOTAL_LABELS,
    VALUE_COLUMNS,
    column_name,
    key_period,
    numbering_style,
)

#: Where a year's income comes from, by source and by fund: columns of the income tables.
_OWN_SOURCES = (
    "fiscal_appropriation",
    "upper_subsidy",
    "institution_income",
    "operating_income",
    "subsidiary_remittance",
    "other_income",
    "fiscal_special_account",
    "education_fees",
    "other_special_account",
    "unit_funds",
    "other_funds",
)
_FUNDS = (
    "general_budget",
    "transfer_general_budget",
    "government_fund",
    "transfer_government_fund",
    "state_capital",
)
_INCOME_SOURCES = _OWN_SOURCES + _FUNDS
#: Money of earlier years a table by source may print beside this year's income (上年结转,
#: 上年实户资金余额): its 合计 is then the summary's 总计, not its 本年收入合计.
_EARLIER_FUNDS = {"carryover_begin", "account_balance_begin"}
#: Columns that add up to the 合计 / total column of the same row.
COMPONENT_COLUMNS = (
    *_OWN_SOURCES,
    "appropriation_carryover",
    "non_appropriation_carryover",
    "basic_expenditure",
    "project_expenditure",
    "remittance_to_upper",
    "operating_expenditure",
    "subsidy_to_subsidiaries",
    "unit_reserve",
    "account_balance_begin",
    *_FUNDS,
    "personnel",
    "public",
    # economic categories of the project-spending table
    "wages_and_benefits",
    "goods_and_services",
    "household_subsidies",
    "debt_interest",
    "capital_construction",
    "capital_expenditure",
    "enterprise_subsidies_construction",
    "enterprise_subsidies",
    "social_security_fund_subsidies",
    "other_expenditure",
)
#: Columns that split another column of the same row, where a table prints both.
COLUMN_PARTS = {
    "basic_expenditure": ("personnel", "public"),
    "fiscal_special_account": ("education_fees", "other_special_account"),
    "fiscal_appropriation": (
        "general_budget",
        "transfer_general_budget",
        "government_fund",
        "transfer_government_fund",
        "state_capital",
    ),
}


#: Tables printing economic classes by name and no code, each 类 over its 款 by name
#: (深圳's 基本支出总表), and its units' lines under the department's own.
_CLASSES_BY_NAME = ("department_basic_expenditure",)


#: Subtotals of a block of columns: 上年结转结余 over its own funds (carryover_begin_…),
#: 本年收入 over this year's sources (checked last: it takes what no other subtotal took).
#: In a table of income by source, 合计 = 上年结转结余 + 本年收入 (or its sources).
_BLOCK_TOTALS = ("carryover_begin", "income")


def _parts(whole: str, components: list[str]) -> list[str]:
    """The columns a subtotal adds up, of those a row prints."""
    if whole == "carryover_begin":
        return [c for c in components if c.startswith(f"{whole}_")]
    if whole == "income":
        return [c for c in components if c in _INCOME_SOURCES]
    return [c for c in COLUMN_PARTS[whole] if c in components]


def _tolerance(total: Term, parts: list[Term]) -> Decimal:
    """How far a printed total may be from its printed parts by rounding alone.

    A printed total and the sum of n printed items each carry their own rounding, so
    they may differ by the half-units of all n + 1 figures (n × 0.005 + 0.005 for
    figures in cents). One figure printed twice to the same precision must match
    exactly; printed to a coarser precision it may differ by the coarser half-unit.
    """
    if len(parts) > 1:
        return total.half_unit + sum((part.half_unit for part in parts), Decimal(0))
    if parts[0].half_unit == total.half_unit:
        return Decimal(0)
    return max(parts[0].half_unit, total.half_unit)


#: A summary side's line of this year's money alone: 本年收入合计, 一、本年支出合计.
_YEAR_TOTAL = re.compile(r"本年.*合计")


def _year_total(lines: list[TableRow]) -> TableRow | None:
    """The 本年收入合计 / 本年支出合计 line, or 总计 where no such line is printed."""
    year = next((r for r in lines if _YEAR_TOTAL.search(r.label)), None)
    return year or _grand_total(lines)


def _grand_total(lines: list[TableRow]) -> TableRow | None:
    """A side's grand line, this year's money and the carry-over together: 总计, or where
    the side prints this year's total apart and no 总计 (本年收入合计, 上年结转结余, then
    收入合计), the 合计 line that closes the side after it."""
    grand = next((r for r in lines if r.label.endswith("总计")), None)
    year = next((r for r in lines if _YEAR_TOTAL.search(r.label)), None)
    if grand is not None or year is None:
        return grand
    return next(
        (
            r
            for r in lines[lines.index(year) + 1 :]
            if r.label.endswith("合计") and not _YEAR_TOTAL.search(r.label) and not _detail(r.label)
        ),
        None,
    )


def _main_column(row: TableRow) -> str:
    """The column holding a summary line's whole amount."""
    return "total" if "total" in row.cells else "amount"


def _chinese_numbered(label: str) -> bool:
    return bool(CHINESE_NUMBERING.match(label))


def _unnumbered(label: str) -> bool:
    return not LIST_NUMBERING.match(label)


@dataclass(frozen=True)
class Term:
    """One published amount in an identity, with its half-unit of rounding."""

    amount: Decimal
    half_unit: Decimal
    label: str
    #: Where it is printed (a table's title and page), where not in its label.
    place: str = ""


@dataclass
class TableRow:
    table: str
    number: int
    page: int
    side: str
    code: str
    label: str
    cells: dict[str, AmountRecord] = field(default_factory=dict)
    #: The table's printed title, which a finding names it by.
    title: str = ""
    #: The 预算单位 it is printed under, in a table listed unit by unit.
    budget_unit: str = ""
    #: The government economic code it prints beside its own, splitting that code's figure.
    government_economic_code: str = ""
    #: The department economic code it prints beside its own function code, likewise.
    economic_code: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """Its code with the economic codes printed beside it: a code split over them is
        a row per part, each part's key its own."""
        return (self.code, self.government_economic_code, self.economic_code)

    @property
    def named(self) -> str:
        """The row as a finding names it: its code with the economic codes it is a part of
        (2010801｜50101｜30101), else its label."""
        return "｜".join(code for code in self.key if code) or self.label

    def term(self, column: str) -> Term:
        record = self.cells.get(column)
        name = f"{self.named} {_column(self.table, column)}".strip()
        place = f"{self.title or self.table} 第 {self.page} 页"
        if record is None or record.amount is None:
            return Term(Decimal(0), Decimal(0), name, place)
        return Term(record.amount, half_unit(record), name, place)

    @property
    def is_total(self) -> bool:
        return not self.code and self.label in TOTAL_LABELS


def _code_blocks(coded: list[TableRow]) -> list[list[TableRow]]:
    """The coded rows in runs that each print a code once: a table listed unit by unit
    (深圳 prints each 预算单位's codes under its name, 西安 under its unit line) repeats its
    codes, and each run, each unit's where the rows name their unit, has its own 类 = Σ 款.
    A code split over the economic codes printed beside it (西安: 30101 基本工资 | 50101,
    then 30101 | 50501; 北京's 支出总表: 2010801 | 50101 | 30101, then 2010801 | 50101 |
    30102 …) is one code of its run, each part a child of its 类."""
    blocks: list[list[TableRow]] = [[]]
    seen: set[tuple[str, str, str]] = set()
    for row in coded:
        if row.key in seen or (blocks[-1] and blocks[-1][-1].budget_unit != row.budget_unit):
            blocks.append([])
            seen = set()
        seen.add(row.key)
        blocks[-1].append(row)
    return blocks


def _printed_ancestor(
    row: TableRow, printed: dict[tuple[str, str, str], TableRow]
) -> tuple[str, str, str] | None:
    """The row the table prints nearest above ``row``: its parent code, or where the table
    skips a level (西安 splits 30102 into 3010201 | 3010202 and prints no 30102 row) the
    level above, which the row adds up into directly. A part of a code split over economic
    codes adds up into its parent's part of the same codes where the table splits that
    code alike, else into the parent's whole row (西安's 301 holds every part of 30101)."""
    parts = row.key[1:]
    parent = parent_code(row.code)
    while parent:
        for key in ((parent, *parts), (parent, "", "")):
            if key in printed:
                return key
        parent = parent_code(parent)
    return None


def _classes(coded: list[TableRow]) -> list[TableRow]:
    """The 类 rows a table's 合计 adds up: each 类 printed whole, and the parts of a 类 the
    table prints only split over economic codes."""
    whole = {row.code for row in coded if len(row.code) == 3 and row.key[1:] == ("", "")}
    return [
        row
        for row in coded
        if len(row.code) == 3 and (row.code not in whole or row.key[1:] == ("", ""))
    ]


def half_unit(record: AmountRecord) -> Decimal:
    """Half of the last printed digit, in the package unit (a count or rate, kept as
    printed, in its own unit)."""
    printed = parse_amount(record.published)
    decimals = printed.decimals if printed else 0
    half = Decimal(5) * Decimal(10) ** (-decimals - 1)
    if record.unit not in UNIT_IN_YUAN:
        return half
    return half * UNIT_IN_YUAN[record.unit] / UNIT_IN_YUAN[PACKAGE_UNIT]


def _placed(known: str, place: str) -> str:
    """A term's place in a finding's message, where it is not the place already named."""
    return f"（{place}）" if place and place != known else ""


def _column(table: str, key: str) -> str:
    """A column as a finding names it: its standard Chinese heading, or the key itself
    (the printed header path of a table of a kind the registry does not know)."""
    return column_name(table, key) or key


def table_rows(
    amounts: Iterable[AmountRecord], titles: dict[tuple[str, int], str] | None = None
) -> dict[tuple[str, int], list[TableRow]]:
    """Amounts regrouped as the rows of each printed table (kind and printing), each
    row named by its table's printed title where ``titles`` has it."""
    tables: dict[tuple[str, int], dict[int, TableRow]] = defaultdict(dict)
    for record in amounts:
        rows = tables[record.table, record.instance]
        row = rows.get(record.row)
        if row is None:
            title = (titles or {}).get((record.table, record.instance), "")
            row = rows[record.row] = TableRow(
                record.table,
                record.row,
                record.page,
                record.side,
                record.code,
                record.row_label,
                title=title,
                budget_unit=record.budget_unit,
                government_economic_code=record.government_economic_code,
                economic_code=record.economic_code,
            )
        row.cells[record.column] = record
    return {key: [rows[n] for n in sorted(rows)] for key, rows in tables.items()}


class Checker:
    """Runs every identity on one report's amounts and collects findings."""

    def __init__(
        self,
        report_id: str,
        amounts: list[AmountRecord],
        titles: dict[tuple[str, int], str] | None = None,
    ) -> None:
        self.report_id = report_id
        self.printings = table_rows(amounts, titles)
        #: The standard tables, printed once each (tables of other kinds may be many).
        self.tables = {kind: rows for (kind, n), rows in self.printings.items() if n == 1}
        self.findings: list[Finding] = []
        self.checked = 0

    def run(self) -> list[Finding]:
        for (table, _), rows in self.printings.items():
            self.hierarchy(table, rows)
            self.row_sums(table, rows)
            if table in _CLASSES_BY_NAME:
                self.items_by_name(table, rows)
        for table in SUMMARY_TABLES:
            self.two_sided(table)
        self.cross_tables()
        self.personnel_and_public()
        self.three_public()
        for (table, _), rows in self.printings.items():
            if table == "government_procurement":
                self.procurement_categories(table, rows)
        return self.findings

    # -- the comparison every rule ends in -------------------------------------------
    def compare(
        self, table: str, page: int, rule: str, total: Term, parts: list[Term], what: str
    ) -> None:
        if not parts:
            return
        self.checked += 1
        expected = sum((part.amount for part in parts), Decimal(0))
        tolerance = _tolerance(total, parts)
        if abs(expected - total.amount) <= tolerance:
            return
        places = {part.place for part in parts}
        shared = places.pop() if len(places) == 1 else total.place  # the parts' one place
        message = (
            f"{what}{_placed('', total.place)}：{total.label} 印 {total.amount}，"
            f"而{_placed(total.place, shared)} "
            + " + ".join(f"{p.label}{_placed(shared, p.place)} {p.amount}" for p in parts)
            + (f" = {expected}" if len(parts) > 1 else "")
        )
        self.inconsistency(table, page, rule, expected, total.amount, message, tolerance)

    def inconsistency(
        self,
        table: str,
        page: int,
        rule: str,
        expected: Decimal,
        found: Decimal,
        message: str,
        tolerance: Decimal | None = None,
    ) -> None:
        """Record that the document breaks a rule: the figure it prints and the expected one."""
        self.findings.append(
            Finding(
                report_id=self.report_id,
                table=table,
                page=page,
                rule=rule,
                kind=SOURCE_INCONSISTENCY,
                expected=expected,
                found=found,
                tolerance=tolerance,
                message=message,
            )
        )

    def sum_of_rows(
        self,
        table: str,
        rule: str,
        whole: TableRow,
        parts: list[TableRow],
        describe: Callable[[str], str],
        columns: Iterable[str] | None = None,
    ) -> None:
        """Column by column, a row equals the sum of other rows (a 类 of its 款, 总计 of …)."""
        for column in columns if columns is not None else list(whole.cells):
            self.compare(
                table,
                whole.page,
                rule,
                whole.term(column),
                [part.term(column) for part in parts],
                describe(column),
            )

    # -- rules -------------------------------------------------------------------------
    def hierarchy(self, table: str, rows: list[TableRow]) -> None:
        """Each 类 is the sum of its 款, each 款 of its 项; 合计 the sum of the 类."""
        coded = [row for row in rows if row.code]
        if not coded:
            return
        columns = sorted({column for row in coded for column in _added(row)})
        for block in _code_blocks(coded):
            by_key = {row.key: row for row in block}
            children: dict[tuple[str, str, str], list[TableRow]] = defaultdict(list)
            for row in block:
                parent = _printed_ancestor(row, by_key)
                if parent:
                    children[parent].append(row)
            for key, kids in children.items():
                whole = by_key[key]
                self.sum_of_rows(
                    table,
                    "hierarchy_sum",
                    whole,
                    kids,
                    lambda column, whole=whole, table=table: (
                        f"{whole.named} {_column(table, column)}"
                    ),
                    columns,
                )
        classes = _classes(coded)
        for total in (row for row in rows if row.is_total):
            self.sum_of_rows(
                table,
                "total_of_classes",
                total,
                classes,
                lambda column, table=table: f"合计 {_column(table, column)}",
                _added(total),
            )
        for opening in (row for row in rows if not row.code and row.label == row.budget_unit):
            # a unit's own row, over the rows coded under it, is that unit's 合计
            self.sum_of_rows(
                table,
                "total_of_classes",
                opening,
                [row for row in classes if row.budget_unit == opening.budget_unit],
                lambda column, unit=opening.label, table=table: f"{unit} {_column(table, column)}",
            )

    def items_by_name(self, table: str, rows: list[TableRow]) -> None:
        """A table printing its economic classes by name, each over its 款 by name and no
        code (:data:`_CLASSES_BY_NAME`): each 类 is the sum of its 款, and a department's
        own line over its units' lines is the sum of those lines.

        The reader codes a 类 and leaves a line uncoded under it only where the table's
        indentation puts that line under it, and opens a unit's rows at a line over 类
        alone: so a 类's 款 are the uncoded lines of its unit below it, up to the next
        coded line or unit's line; the department's line, of no unit and no total, stands
        over the units' lines below it, up to the next line of no unit."""
        for index, row in enumerate(rows):
            if row.code:
                items = list(
                    takewhile(
                        lambda below, unit=row.budget_unit: (
                            not below.code
                            and bool(below.budget_unit)
                            and below.budget_unit == unit
                            and below.label != below.budget_unit
                        ),
                        rows[index + 1 :],
                    )
                )
                self.sum_of_rows(
                    table,
                    "hierarchy_sum",
                    row,
                    items,
                    lambda column, whole=row: (
                        f"{whole.budget_unit} {whole.named} {_column(table, column)}".strip()
                    ),
                    _added(row),
                )
            elif not row.budget_unit and not row.is_total and row.label:
                below = list(takewhile(lambda line: bool(line.budget_unit), rows[index + 1 :]))
                units = [line for line in below if not line.code and line.label == line.budget_unit]
                self.sum_of_rows(
                    table,
                    "unit_lines_sum",
                    row,
                    units,
                    lambda column, whole=row: f"{whole.label} {_column(table, column)}",
                    _added(row),
                )

    def row_sums(self, table: str, rows: list[TableRow]) -> None:
        """合计 = 基本支出 + 项目支出 (+ the other columns); 基本支出 = 人员 + 公用 …

        A printed subtotal stands for its parts in the total: 合计 = 上年结转结余 + 本年收入
        where a table prints both blocks, each checked against the columns beneath it.
        """
        for row in rows:
            columns = self._columns(table, row.side)
            components = [c for c in COMPONENT_COLUMNS if c in columns]
            components += sorted(c for c in columns if c.startswith("carryover_begin_"))
            if any(c in columns for c in _INCOME_SOURCES):  # a table of income by source
                components += [c for c in _BLOCK_TOTALS if c in columns]
            if "carryover_end" in columns and "carryover_begin" not in columns:
                components.append("carryover_end")  # 合计 … + 结转下年资金 (not 年末 = 年初 + …)
            for whole in (*COLUMN_PARTS, *_BLOCK_TOTALS):
                printed = _parts(whole, components)
                if whole not in columns or not printed:
                    continue
                components = [c for c in components if c not in printed]
                self.compare(
                    table,
                    row.page,
                    "row_sum",
                    row.term(whole),
                    [row.term(c) for c in printed],
                    f"{row.named} 行 {_column(table, whole)}",
                )
            if "total" in row.cells:
                self.compare(
                    table,
                    row.page,
                    "row_sum",
                    row.term("total"),
                    [row.term(c) for c in components],
                    f"{row.named} 行",
                )

    def _columns(self, table: str, side: str) -> set[str]:
        return {c for row in self.tables.get(table, []) if row.side == side for c in row.cells}

    def two_sided(self, table: str) -> None:
        """本年收入合计 = Σ income lines; 总计 = 本年合计 + 结转; income 总计 = spending 总计.

        Budgets often print no 本年合计 line: there 总计 sums the 一、二、… lines directly,
        and sub-lines 1. 2. 3. add up to the line above them.
        """
        rows = self.tables.get(table)
        if not rows:
            return
        grand = {}
        for side in ("income", "expenditure"):
            lines = [row for row in rows if row.side == side]
            grand_total = _grand_total(lines)
            year_total = _year_total(lines)
            if year_total is None:
                continue
            items, position = self._year_lines(table, side, lines, year_total)
            self.sum_of_rows(
                table,
                "two_sided_year_total",
                year_total,
                items,
                lambda column, side=side: f"{SIDES[side].cn} {_column(table, column)}",
            )
            if grand_total is None:
                continue
            grand[side] = grand_total
            if grand_total is not year_total:
                between = lines[position + 1 : lines.index(grand_total)]
                additions = [r for r in between if r.label and not _detail(r.label)]
                self.sum_of_rows(
                    table,
                    "two_sided_grand_total",
                    grand_total,
                    [year_total, *additions],
                    lambda column, side=side: f"{SIDES[side].cn} {_column(table, column)}",
                )
                self._carryover_breakdown(table, between)
        if len(grand) == 2:
            income, spending = grand["income"], grand["expenditure"]
            self.compare(
                table,
                spending.page,
                "two_sided_balance",
                spending.term(_main_column(spending)),
                [income.term(_main_column(income))],
                "收入总计 = 支出总计",
            )

    def _year_lines(
        self, table: str, side: str, lines: list[TableRow], year_total: TableRow
    ) -> tuple[list[TableRow], int]:
        """The lines a side's 本年合计 adds up (checking their own sub-lines), and the
        index of the last of them or of the 本年合计, whichever comes later."""
        position = lines.index(year_total)
        items = [r for r in lines[:position] if r.label]
        if _chinese_numbered(year_total.label) and not items:
            # 一、本年支出合计 printed above its lines, 二、年终结转结余 after them
            block = list(takewhile(lambda r: not _chinese_numbered(r.label), lines[position + 1 :]))
            items = [r for r in block if r.label]
            position += len(block)
        if any(_chinese_numbered(r.label) for r in items):
            self._sub_lines(table, items)
            items = [r for r in items if _chinese_numbered(r.label)]
        elif _headed_lists(items):  # 财政拨款 above its 1. 2. 3. lines
            self._sub_lines(table, items, _unnumbered)
            items = [r for r in items if _unnumbered(r.label)]
        elif len({numbering_style(r.label) for r in items}) > 1:  # 1、 above its (1) (2)
            level = numbering_style(items[0].label)
            self._sub_lines(table, items, lambda label: numbering_style(label) == level)
            items = [r for r in items if numbering_style(r.label) == level]
        elif side == "expenditure":
            items = _class_lines_only(items)
        return items, position

    def _sub_lines(
        self, table: str, lines: list[TableRow], top: Callable[[str], bool] = _chinese_numbered
    ) -> None:
        """一、财政拨款收入 = 1. 一般公共预算 + 2. 政府性基金 + 3. 国有资本经营预算 (or the
        lines ``top`` says head their own: 财政拨款 over 1. 2. 3.).

        其中 lines between the numbered ones detail a sub-line and are passed over.
        """
        for index, row in enumerate(lines):
            if not top(row.label):
                continue
            block = list(takewhile(lambda line: not top(line.label), lines[index + 1 :]))
            numbered = [line for line in block if LIST_NUMBERING.match(line.label)]
            level = numbering_style(numbered[0].label) if numbered else ""
            subs = [line for line in numbered if numbering_style(line.label) == level]
            self.sum_of_rows(table, "sub_line_sum", row, subs, lambda _, label=row.label: label)

    def _carryover_breakdown(self, table: str, lines: list[TableRow]) -> None:
        """年初财政拨款结转和结余 = its numbered sub-lines (一般公共预算 / 基金 / 国资)."""
        for index, row in enumerate(lines):
            if LIST_NUMBERING.match(row.label) or not row.label:
                continue
            numbered = takewhile(
                lambda sub: bool(LIST_NUMBERING.match(sub.label)), lines[index + 1 :]
            )
            subs = list(numbered)
            self.sum_of_rows(
                table, "carryover_breakdown", row, subs, lambda _, label=row.label: label
            )

    def cross_tables(self) -> None:
        """The same figure printed in two tables must agree."""
        for table, column, summary, side, other_column in (
            ("expenditure", "total", "income_expenditure_summary", "expenditure", None),
            ("income", "total", "income_expenditure_summary", "income", None),
            (
                "general_budget_expenditure",
                "total",
                "appropriation_summary",
                "expenditure",
                "general_budget",
            ),
        ):
            total = self._total_row(table)
            lines = [r for r in self.tables.get(summary, []) if r.side == side]
            line = _year_total(lines)
            if total is None or line is None or not self._prints(summary, other_column):
                continue
            if "income" in total.cells and "本年" in line.label:  # 本年收入 beside 上年结转
                column = "income"
            elif _EARLIER_FUNDS & self._columns(table, ""):  # a total that adds 上年结转 …
                line = _grand_total(lines) or line
            self.compare(
                table,
                total.page,
                "cross_table_total",
                total.term(column),
                [line.term(other_column or _main_column(line))],
                f"{total.title or table} 合计 与 {line.title or summary} {line.label}",
            )
        self._class_lines("income_expenditure_summary", None, "expenditure", "total")
        self._class_lines(
            "appropriation_summary", "general_budget", "general_budget_expenditure", "total"
        )

    def _class_lines(
        self, summary_table: str, column: str | None, table: str, table_column: str
    ) -> None:
        """Each 类 line of a summary table equals the 类 row of the detailed table (the sum
        of its 类 rows where the table is listed unit by unit), or the sum of its rows where
        that table lists 项 alone (Beijing's 支出总表: a row per 项 and economic code)."""
        summary = self.tables.get(summary_table, [])
        coded = [row for row in self.tables.get(table, []) if row.code]
        rows = {row.code: row for row in coded}
        if not rows or not self._prints(summary_table, column):
            return
        flat = len({len(code) for code in rows}) == 1 and len(next(iter(rows))) > 3
        for line in summary:
            code = function_class_for_name(line.label) if line.side == "expenditure" else None
            line_column = column or _main_column(line)
            if code is None or (line_column not in line.cells and code not in rows):
                continue
            targets = [  # a table listed unit by unit prints each 类 once per unit
                row.term(table_column)
                for row in coded
                if (row.code.startswith(code) if flat else row.code == code)
            ]
            self.compare(
                summary_table,
                line.page,
                "cross_table_class",
                line.term(line_column),
                targets or [Term(Decimal(0), Decimal(0), code, f"{table} 无此行")],
                f"类 {code}",
            )

    def _prints(self, table: str, column: str | None) -> bool:
        """Whether a table prints a column at all (a summary with one 预算数 column prints
        no 一般公共预算 column: its lines add every fund, and are no general-budget figure)."""
        return column is None or any(column in row.cells for row in self.tables.get(table, []))

    def _total_row(self, table: str) -> TableRow | None:
        return next((row for row in self.tables.get(table, []) if row.is_total), None)

    def personnel_and_public(self) -> None:
        """人员经费 + 公用经费 = 基本支出; each is the sum of its economic classes."""
        rows = self.tables.get("general_budget_basic_expenditure", [])
        personnel = next((r for r in rows if "人员经费" in r.label), None)
        public = next((r for r in rows if "公用经费" in r.label), None)
        classes = [r for r in rows if len(r.code) == 3]
        for footer, kind in ((personnel, "personnel"), (public, "public")):
            if footer is None:
                continue
            parts = [
                _panel_figure(r, kind) for r in classes if economic_expense_type(r.code) == kind
            ]
            self.compare(
                "general_budget_basic_expenditure",
                footer.page,
                "expense_type_sum",
                _panel_figure(footer, kind),
                parts,
                footer.label,
            )
        spending = self._total_row("general_budget_expenditure")
        if personnel and public and spending:
            self.compare(
                "general_budget_basic_expenditure",
                personnel.page,
                "basic_equals_personnel_plus_public",
                spending.term("basic_expenditure"),
                [_panel_figure(personnel, "personnel"), _panel_figure(public, "public")],
                "基本支出 = 人员经费 + 公用经费",
            )

    def three_public(self) -> None:
        """三公 合计 = 出国 + 车辆 + 接待; 车辆 = 购置 + 运行; for budget and actual, this
        year's and last year's; 合计 = 三公 + 会议费 + 培训费 where those are printed.

        The items stand in one row, or one row each where a table prints them as rows;
        a table listing budget units prints a row of all items per unit. A table printing
        each item per fund (一般公共预算 | 政府性基金预算 | 国有资本经营预算) adds up each fund.
        """
        for merged in _item_rows(self.tables.get("three_public", [])):
            printed = {_period_measure_fund(key) for key in merged.cells}
            periods = ("", *(f"{period}_" for period in PERIODS))
            funds = sorted({fund for _, _, fund in printed})
            for period, measure, fund in product(periods, ("budget", "actual"), funds):
                if (period, measure, fund) not in printed:
                    continue
                total, overseas, vehicles, purchase, operation, reception, meetings, training = (
                    merged.term(f"{period}{item}_{measure}{fund}")
                    for item in (
                        "total",
                        "overseas_travel",
                        "vehicles",
                        "vehicle_purchase",
                        "vehicle_operation",
                        "reception",
                        "meetings",
                        "training",
                    )
                )
                what = " ".join(
                    name
                    for name in (
                        merged.label,
                        PERIODS[period[:-1]].cn if period else "",
                        THREE_PUBLIC_MEASURES[measure].cn,
                        VALUE_COLUMNS[fund[1:]].cn if fund else "",
                    )
                    if name
                )
                page = merged.page
                self.compare(
                    "three_public",
                    page,
                    "three_public_sum",
                    total,
                    [overseas, vehicles, reception],
                    f"三公 {what}",
                )
                self.compare(
                    "three_public",
                    page,
                    "three_public_vehicles",
                    vehicles,
                    [purchase, operation],
                    f"公务用车 {what}",
                )
                grand = f"{period}grand_total_{measure}{fund}"
                if grand in merged.cells:
                    self.compare(
                        "three_public",
                        page,
                        "three_public_meetings_training",
                        merged.term(grand),
                        [total, meetings, training],
                        f"合计 {what}",
                    )

    def procurement_categories(self, table: str, rows: list[TableRow]) -> None:
        """政府采购 合计 = 货物 + 工程 + 服务, in each money column, where the table heads
        its lines by category once each (a table listing its units heads each unit's)."""
        total = next((r for r in rows if procurement_category(r.label) == "total"), None)
        headings = [r for r in rows if procurement_category(r.label) not in (None, "total")]
        categories = [procurement_category(r.label) for r in headings]
        if total is None or not headings or len(set(categories)) != len(categories):
            return
        money = [key for key, record in total.cells.items() if record.unit not in COUNT_UNITS]
        self.sum_of_rows(
            table,
            "procurement_categories",
            total,
            headings,
            lambda column: f"政府采购 {_column(table, column)}",
            money,
        )


def _added(row: TableRow) -> list[str]:
    """The columns of a row whose figures add up over rows: a change in per cent (增减(%))
    of a 类 is no sum of its 款's."""
    return [column for column, record in row.cells.items() if record.unit != "%"]


def _panel_figure(row: TableRow, kind: str) -> Term:
    """A row's figure in the panel of its expense type (人员经费 / 公用经费): the panel's
    金额 / 决算数 column, or the column named by the panel itself where its header prints
    the panel over its 金额 (人员经费 / 金额 | 公用经费 / 金额, read as personnel / public)."""
    return row.term(kind if kind in row.cells else "amount")


#: A line that details the line above it (其中：财政拨款资金结转 under 上年结转).
_OF_WHICH_LINE = re.compile(r"^其中")


def _detail(label: str) -> bool:
    """A numbered sub-line or a 其中 line: part of a line above it, not an addition."""
    return bool(LIST_NUMBERING.match(label) or _OF_WHICH_LINE.match(label))


def _headed_lists(items: list[TableRow]) -> bool:
    """Lines 1. 2. 3. printed under a line with no number of its own."""
    return any(
        _unnumbered(head.label) and not _unnumbered(line.label) for head, line in pairwise(items)
    )


def _class_lines_only(items: list[TableRow]) -> list[TableRow]:
    """The 类 lines of a spending side that also lists its 款 and 项 by name (no codes):
    the year's total adds up the classes alone."""
    classes = [row for row in items if function_class_for_name(row.label)]
    return classes if classes and len(classes) < len(items) else items


#: The measure of a 三公 figure's key and the fund it may end with: overseas_travel_budget,
#: overseas_travel_budget_general_budget.
_THREE_PUBLIC_MEASURE = re.compile(r"_(budget|actual)((?:_[a-z]+)*)$")


def _period_measure_fund(key: str) -> tuple[str, str, str]:
    """The period, measure and fund (``_general_budget``; '' for the item's whole figure)
    of a 三公 figure's key."""
    period = key_period(key)
    match = _THREE_PUBLIC_MEASURE.search(key)
    return (period, match[1], match[2]) if match else (period, "", "")


def _item_rows(rows: list[TableRow]) -> list[TableRow]:
    """The rows of a 三公 table as one row of items each: rows printing one item each are
    merged, as are a unit's rows of one year each (2025年 | 2026年 | 增减变化金额); a row that
    prints items already seen (the next unit's) starts another, named by its unit where the
    table lists units, else by its label."""
    merged: list[TableRow] = []
    for row in rows:
        if not merged or merged[-1].cells.keys() & row.cells.keys():
            label = row.budget_unit or row.label
            merged.append(
                TableRow("three_public", row.number, row.page, "", "", label, title=row.title)
            )
        merged[-1].cells.update(row.cells)
    if len(merged) == 1:
        merged[0].label = ""
    return merged


def check_report(report_id: str, amounts: list[AmountRecord]) -> list[Finding]:
    """All identity findings for one report's amounts."""
    return Checker(report_id, amounts).run()
