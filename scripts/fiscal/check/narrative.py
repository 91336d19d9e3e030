"""The watchdog's checks: what the narrative (情况说明) says against what the tables print,
and against its own figures.

Each claim of the narrative (``read/narrative``) is held to the table figure its topic
names (本年支出合计 to the summary's 本年支出合计 line or the 支出表's 合计, 类 208 to the
code's row, 公务接待费 to the 三公 table …); a claim agrees when any table printing that
figure prints it within both figures' rounding, so a sentence is never faulted for quoting
one of two tables. Within a sentence, stated changes, percentages, shares and execution
rates are recomputed from the figures stated with them; and headings, dates and
comparisons are held to the report's year. Every outcome is kept on the claim; a
disagreement is a finding with the sentence's page and the table's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from fiscal.codes import (
    PROCUREMENT_HEADINGS,
    economic_expense_type,
    function_class_for_name,
    strip_numbering,
)
from fiscal.numbers import PACKAGE_UNIT, UNIT_IN_YUAN, format_decimal, parse_amount, parse_quantity
from fiscal.read.narrative import (
    SCORE_UNIT,
    Sentence,
    claims,
    sentences,
    share_base,
    subject_of,
)
from fiscal.records import (
    AmountRecord,
    Claim,
    DocumentFacts,
    Extraction,
    Finding,
    TableRecord,
)
from fiscal.vocabulary import FUND_MEASURES, NARRATIVE, SOURCE_INCONSISTENCY

# --- the table figure a topic names ---------------------------------------------------

_SUMMARIES = ("income_expenditure_summary", "appropriation_summary")
_TOTAL_ROW = r"^(合计|总计)$"
_VALUE = r"^(amount|total)$"
_INCOME_LINES = r"^(收入总计|总计|本年收入合计|收入合计|本年收入)$"
_SPENDING_LINES = r"^(支出总计|总计|本年支出合计|支出合计|本年支出)$"


@dataclass(frozen=True)
class _Figures:
    """Where the tables print a topic's figure: table kinds, a row label (list numbering
    stripped), a column key; ``by_code`` takes the rows of the claim's function code."""

    tables: tuple[str, ...]
    rows: str
    columns: str
    by_code: bool = False


def _in(tables: str | tuple[str, ...], rows: str, columns: str) -> _Figures:
    return _Figures((tables,) if isinstance(tables, str) else tables, rows, columns)


def _three_public(item: str) -> tuple[_Figures, ...]:
    """A 三公 item's figure: the table's total row (its only row where it prints the
    department alone, its 合计 where it lists the units), or the line of a performance
    report's 基础数据表 that names it."""
    return (
        _in("three_public", r"^(合计|总计|)$", rf"^{item}_(budget|actual)$"),
        _in(_BASIC_DATA, _BASIC_DATA_LINES[item], r"^amount$"),
    )


#: A performance report's 部门整体支出绩效评价基础数据表: its 经费控制情况 lines print the
#: year's spending (决算数) and budget (预算数) beside the year before's.
_BASIC_DATA = "performance_basic_data"
_BASIC_DATA_LINES = {
    "total": r"^[“\"]?三公[”\"]?经费(合计)?$",
    "overseas_travel": r"^(因公)?出国[（(]?境?[)）]?(经)?费$",
    "vehicles": r"^公务用车购置(和|及)(运行)?(维护)?(经)?费$",
    "vehicle_purchase": r"^(其中[:：])?(公车|公务用车|公交车)购置(费)?$",
    "vehicle_operation": r"^(其中[:：])?(公车|公务用车|公交车)运行(维护)?(费)?$",
    "reception": r"^公务接待(费)?$",
    "meetings": r"^会议费$",
    "training": r"^培训费$",
}


_TABLE_FIGURES: dict[str, tuple[_Figures, ...]] = {
    # A budget's 收入预算 is its year's income or its total with carry-over, as the
    # publisher counts it: either line of the summary is the figure.
    "grand_total": (_in(_SUMMARIES[:1], _INCOME_LINES + "|" + _SPENDING_LINES, _VALUE),),
    "income_grand_total": (_in(_SUMMARIES[:1], _INCOME_LINES, _VALUE),),
    "expenditure_grand_total": (_in(_SUMMARIES[:1], _SPENDING_LINES, _VALUE),),
    "appropriation_grand_total": (
        _in(_SUMMARIES[1:], _INCOME_LINES + "|" + _SPENDING_LINES, _VALUE),
    ),
    "income_total": (
        _in(_SUMMARIES[:1], _INCOME_LINES, _VALUE),
        _in("income", _TOTAL_ROW, r"^total$"),
    ),
    "appropriation_income": (
        _in("income", _TOTAL_ROW, r"^fiscal_appropriation$"),
        _in(_SUMMARIES[:1], r"^(财政拨款收入|财政拨款|财政拨款（补助）收入)$", _VALUE),
    ),
    "appropriation_expenditure": (
        _in("appropriation_expenditure", _TOTAL_ROW, _VALUE),
        _in(_SUMMARIES[1:], _SPENDING_LINES, _VALUE),
    ),
    "general_budget_expenditure": (
        _in("general_budget_expenditure", _TOTAL_ROW, r"^total$"),
        _in(_SUMMARIES[1:], r"^(本年支出合计|支出合计|本年支出)$", r"^general_budget$"),
    ),
    "general_budget_basic": (
        _in("general_budget_expenditure", _TOTAL_ROW, r"^basic_expenditure$"),
        _in("general_budget_basic_expenditure", _TOTAL_ROW, _VALUE),
    ),
    "basic_expenditure": (
        _in(("expenditure", "general_budget_expenditure"), _TOTAL_ROW, r"^basic_expenditure$"),
        _in(_SUMMARIES, r"^基本支出$", _VALUE),
        _in(_BASIC_DATA, r"^(部门)?基本支出(合计)?$", r"^amount$"),
    ),
    "project_expenditure": (
        _in(("expenditure", "general_budget_expenditure"), _TOTAL_ROW, r"^project_expenditure$"),
        _in(_SUMMARIES, r"^项目支出$", _VALUE),
        _in(_BASIC_DATA, r"^(部门)?项目支出[:：]?$", r"^amount$"),
    ),
    "personnel": (
        _in(
            "general_budget_basic_expenditure", r"^人员经费(合计)?$", r"^(amount|total|personnel)$"
        ),
        _in(
            ("general_budget_basic_expenditure", "general_budget_expenditure"),
            _TOTAL_ROW,
            r"^personnel$",
        ),
        _in(_BASIC_DATA, r"^(其中[:：])?人员经费$", r"^amount$"),
    ),
    "public": (
        _in("general_budget_basic_expenditure", r"^公用经费(合计)?$", r"^(amount|total|public)$"),
        _in(
            ("general_budget_basic_expenditure", "general_budget_expenditure"),
            _TOTAL_ROW,
            r"^public$",
        ),
        _in(_BASIC_DATA, r"^(其中[:：])?(日常)?公用经费$", r"^amount$"),
    ),
    "institution_income": (
        _in("income", _TOTAL_ROW, r"^institution_income$"),
        _in(_SUMMARIES[:1], r"^事业收入$", _VALUE),
    ),
    "operating_income": (
        _in("income", _TOTAL_ROW, r"^operating_income$"),
        _in(_SUMMARIES[:1], r"^(事业单位)?经营收入$", _VALUE),
    ),
    "other_income": (
        _in("income", _TOTAL_ROW, r"^other_income$"),
        _in(_SUMMARIES[:1], r"^其他收入$", _VALUE),
    ),
    "upper_subsidy": (_in("income", _TOTAL_ROW, r"^upper_subsidy$"),),
    "subsidiary_remittance": (_in("income", _TOTAL_ROW, r"^subsidiary_remittance$"),),
    "three_public": _three_public("total"),
    "overseas_travel": _three_public("overseas_travel"),
    "vehicles": _three_public("vehicles"),
    "vehicle_purchase": _three_public("vehicle_purchase"),
    "vehicle_operation": _three_public("vehicle_operation"),
    "reception": _three_public("reception"),
    "meetings": _three_public("meetings"),
    "training": _three_public("training"),
    # 机关运行经费: a column of the 三公 table (Shanghai), a table of its own by economic code,
    # or a line of a performance report's 基础数据表
    "operating_costs": (
        _in("three_public", r"^(合计|总计|)$", r"^operating_costs_(budget|actual)$"),
        _in("operating_costs", _TOTAL_ROW, _VALUE),
        _in(_BASIC_DATA, r"^(其中[:：])?机关运行经费(支出)?$", r"^amount$"),
    ),
    "procurement": (_in("government_procurement", _TOTAL_ROW, _VALUE),),
    **{
        # a category's figure, or its general-budget part where the text lists those next
        f"procurement_{category}": (
            _in("government_procurement", heading, r"^(amount|total|general_budget)$"),
        )
        for category, heading in PROCUREMENT_HEADINGS.items()
    },
    "procurement_general_budget": (_in("government_procurement", _TOTAL_ROW, r"^general_budget$"),),
    "expenditure_total": (
        _in(_SUMMARIES[:1], _SPENDING_LINES, _VALUE),
        _in("expenditure", _TOTAL_ROW, r"^total$"),
        _in(_BASIC_DATA, r"^支出总额$", r"^amount$"),
    ),
    "function_code": (
        _Figures(
            (
                "expenditure",
                "general_budget_expenditure",
                "government_fund",
                "state_capital",
                # economic codes a text names as 款 (办公费（款）): basic spending's, the
                # whole general budget's by economic code, or the running costs' of the
                # same code
                "general_budget_basic_expenditure",
                "appropriation_basic_expenditure",
                "general_budget_expenditure_economic",
                "operating_costs",
            ),
            "",
            # a class's figure under （二）项目支出：… is that column's
            r"^(amount|total|basic_expenditure|project_expenditure)$",
            by_code=True,
        ),
        # a table no template knows (当年拨款 by class …): any of its columns
        _Figures(("other_table",), "", r".", by_code=True),
        _Figures(_SUMMARIES, "", r"^(amount|total|general_budget)$", by_code=True),
    ),
}


@dataclass(frozen=True)
class _TableFigure:
    record: AmountRecord
    tolerance: Decimal


def _half_unit(published: str, unit: str) -> Decimal:
    """Half the last printed digit of a figure, in 万元: how far rounding can take it."""
    amount = parse_amount(published)
    decimals = amount.decimals if amount is not None else 2
    half = Decimal(5) * Decimal(10) ** -(decimals + 1)
    if unit in UNIT_IN_YUAN:
        half = half * UNIT_IN_YUAN[unit] / UNIT_IN_YUAN[PACKAGE_UNIT]
    return half


def _table_figures(
    claim: Claim, amounts: list[AmountRecord], facts: DocumentFacts
) -> list[_TableFigure]:
    """Every table figure a claim can be held to, the most direct first."""
    found: list[_TableFigure] = []
    for where in _TABLE_FIGURES.get(claim.topic, ()):
        for record in amounts:
            if record.table not in where.tables or record.amount is None:
                continue
            if not re.search(where.columns, _current_column(record, claim.basis, facts)):
                continue
            label = strip_numbering(record.row_label)
            if where.by_code:
                code = record.code or (function_class_for_name(record.row_label) or "")
                if not claim.function_code or code != claim.function_code:
                    continue
            elif where.rows and not re.search(where.rows, label):
                continue
            found.append(_TableFigure(record, _half_unit(record.published, record.unit)))
    return found


#: One level of a function code path as the text names it: 检察（款）, 行政运行（01项）.
_PATH_LEVEL = re.compile(r"([^（()）]+?)[（(](\d*)([类款项])[)）]")
_LEVEL_LENGTH = {"类": 3, "款": 5, "项": 7}


def _row_name(label: str) -> str:
    """A function row's name as a text may name it: no numbering, no 支出 after a 类."""
    return strip_numbering(label).strip('“”"').removesuffix("支出")


def _function_rows(amounts: list[AmountRecord]) -> dict[str, set[str]]:
    """The names the report's own spending tables print for each function code."""
    tables = {table for where in _TABLE_FIGURES["function_code"] for table in where.tables}
    names: dict[str, set[str]] = {}
    for record in amounts:
        if record.table in tables and record.code and len(record.code) in (3, 5, 7):
            names.setdefault(record.code, set()).add(_row_name(record.row_label))
    return names


def _named_code(words: str, rows: dict[str, set[str]], branch: str) -> str:
    """The one code of the report's tables whose names are the path's (一般公共服务（类）
    统计信息事务（款）专项普查活动（项）; 行政运行（项） under the 款 the text named last,
    ``branch``), or '' where none or more than one is."""
    levels = [
        (_row_name(name), digits, _LEVEL_LENGTH[level])
        for name, digits, level in _PATH_LEVEL.findall(words)
    ]
    if not levels:
        return ""
    name, digits, length = levels[-1]
    codes = [c for c, names in rows.items() if len(c) == length and name in names]
    codes = [c for c in codes if c.endswith(digits)]
    for above, above_digits, above_length in levels[:-1]:
        prefix = {c: c[:above_length] for c in codes}
        # a level the tables print no row for is not held against
        codes = [c for c in codes if above in rows.get(prefix[c], {above})]
        codes = [c for c in codes if prefix[c].endswith(above_digits)]
    if len(levels) == 1 and branch and len(branch) < length:
        under = [c for c in codes if c.startswith(branch)]
        codes = under or codes
    return codes[0] if len(codes) == 1 else ""


def _resolve_paths(check: NarrativeCheck) -> None:
    """Give a claim whose words name its function code by names alone the code those names
    have in the report's own tables: a text lists 项 under the 款 it names just before."""
    rows = _function_rows(check.extraction.amounts)
    branch = ""
    for claim in list(check.claims):
        if claim.topic != "function_code":
            continue
        code = claim.function_code or _named_code(claim.subject, rows, branch)
        if code and not claim.function_code:
            _set(check, claim, function_code=code)
        if code and len(code) < 7:
            branch = code


def _current_column(record: AmountRecord, basis: str, facts: DocumentFacts) -> str:
    """A column's key as a claim of ``basis`` reads it ('' for a column of another period):
    a 三公 table's budget column is this year's in a budget and the budget's in a final
    account, its actual column this year's in a final account; a column of the year before
    (``previous_``) or of the change on it is none of them. A 基础数据表 names its columns
    by year: the report's year's 决算数 is the year's amount, its 预算数 the budget."""
    column = record.column
    phase = facts.phase
    if record.table == _BASIC_DATA:
        year = facts.fiscal_year
        periods = {f"final_{year}": "current", f"budget_{year}": "budget"}
        return "amount" if periods.get(column) == basis else ""
    if column.startswith(("previous_", "change_")):
        return ""
    if record.table == "three_public" and column.endswith("_budget"):
        wanted = "budget" if phase == "final" else "current"
        return column if basis == wanted else ""
    return column if basis == "current" else ""


# --- checking ---------------------------------------------------------------------------


@dataclass
class NarrativeCheck:
    """The narrative of one report, its claims and what they came to."""

    extraction: Extraction
    claims: list[Claim]
    sentences: list[Sentence]
    findings: list[Finding]
    checked: int = 0
    #: The brackets the whole narrative does not pair, until a paragraph is faulted for each.
    unpaired: set[tuple[str, str]] = field(default_factory=set)


def check_narrative(extraction: Extraction) -> NarrativeCheck:
    """Read the narrative's claims and check each once."""
    found = sentences(extraction.prose)
    facts = extraction.facts
    stated = claims(
        found, extraction.report_id, facts.fiscal_year, facts.phase, facts.publisher or ""
    )
    check = NarrativeCheck(extraction, stated, found, [])
    _resolve_paths(check)
    _against_tables(check)
    _within_sentences(check)
    _against_forms(check)
    _comparatives(check)
    _years(check)
    _publisher_names(check)
    _stated_none(check)
    _vehicle_counts(check)
    _text_hygiene(check)
    check.claims = [c if c.outcome else replace(c, outcome="unmatched") for c in check.claims]
    return check


def _finding(
    check: NarrativeCheck, rule: str, claim: Claim | None, message: str, **figures
) -> None:
    check.findings.append(
        Finding(
            report_id=check.extraction.report_id,
            table=(claim.table if claim is not None and claim.table else NARRATIVE),
            rule=rule,
            kind=SOURCE_INCONSISTENCY,
            message=message,
            page=figures.pop("page", claim.page if claim is not None else None),
            claim=claim.claim if claim is not None else None,
            **figures,
        )
    )


def _set(check: NarrativeCheck, claim: Claim, **changes) -> Claim:
    updated = replace(claim, **changes)
    check.claims[check.claims.index(claim)] = updated
    return updated


def _quote(sentence: str, printed: str, width: int = 30) -> str:
    """The part of a sentence around a figure, for a finding's message."""
    at = sentence.find(printed)
    start = max(at - width, 0)
    end = min(at + len(printed) + 8, len(sentence))
    return ("…" if start else "") + sentence[start:end] + ("…" if end < len(sentence) else "")


def _against_tables(check: NarrativeCheck) -> None:
    amounts = check.extraction.amounts
    for claim in list(check.claims):
        if claim.measure != "amount" or claim.basis == "previous":
            continue
        facts = check.extraction.facts
        figures = _procurement_part(check, claim, _table_figures(claim, amounts, facts))
        figures = figures or _class_sums(claim, amounts, facts)
        empty = _printed_empty(check.extraction, claim) if not figures else None
        if empty is not None:
            _against_empty(check, claim, empty)
            continue
        if not figures:
            _set(check, claim, outcome="unmatched")
            continue
        check.checked += 1
        # a narrative total is often the sum of rounded parts: one unit of its last digit
        unit_claim = 2 * _claim_half(claim)
        agreeing = [
            f for f in figures if abs(f.record.amount - claim.value) <= f.tolerance + unit_claim
        ]
        # a total that disagrees is shown beside the line that names it (总计), else the
        # nearest figure the tables print for it
        grand = (
            [f for f in figures if "总计" in f.record.row_label] if "grand" in claim.topic else []
        )
        best = (
            agreeing[0]
            if agreeing
            else min(grand or figures, key=lambda f: abs(f.record.amount - claim.value))
        )
        row = best.record.row_label or best.record.code
        _hold(
            check,
            claim,
            best.record,
            best.tolerance + unit_claim,
            agrees=bool(agreeing),
            row=row,
            where=f"表格第 {best.record.page} 页“{row}”"
            f"{'合计为' if best.record.column == _SUMMED else '印'} "
            f"{best.record.published}（{best.record.unit}）",
        )


#: The basic-spending tables by economic code, and the column of a class's whole figure
#: (合计, 金额, 基本支出, or its expense type's panel).
_BASIC_TABLES = ("general_budget_basic_expenditure", "appropriation_basic_expenditure")
_CLASS_FIGURE = r"^(amount|total|basic_expenditure|personnel|public)$"
#: The column of a figure the check adds up from printed ones, never printed itself.
_SUMMED = "summed"


def _class_sums(
    claim: Claim, amounts: list[AmountRecord], facts: DocumentFacts
) -> list[_TableFigure]:
    """人员经费 or 公用经费 where no table prints a line of it: the basic-spending table's
    classes of that expense type added up (301 + 303), one figure per printed table,
    labelled as the check's sum and within the sum of their roundings."""
    if claim.topic not in ("personnel", "public"):
        return []
    classes: dict[tuple[str, int], dict[int, AmountRecord]] = {}
    for record in amounts:
        if (
            record.table in _BASIC_TABLES
            and len(record.code) == 3
            and record.amount is not None
            and economic_expense_type(record.code) == claim.topic
            and re.search(_CLASS_FIGURE, _current_column(record, claim.basis, facts))
        ):
            classes.setdefault((record.table, record.instance), {}).setdefault(record.row, record)
    figures = []
    for rows in classes.values():
        parts = list(rows.values())
        total = sum((part.amount for part in parts), Decimal(0))
        label = "、".join(part.code for part in parts) + " 类之和"
        summed = replace(
            parts[0],
            row_label=label,
            code="",
            column=_SUMMED,
            amount=total,
            published=format_decimal(total),
        )
        tolerance = sum((_half_unit(p.published, p.unit) for p in parts), Decimal(0))
        figures.append(_TableFigure(summed, tolerance))
    return figures


#: The categories of 政府采购 a text lists after its total, or after its general-budget part.
_PROCUREMENT_PARTS = frozenset(f"procurement_{category}" for category in PROCUREMENT_HEADINGS)


def _procurement_part(
    check: NarrativeCheck, claim: Claim, figures: list[_TableFigure]
) -> list[_TableFigure]:
    """A category's figures of the column the sentence lists it under: after 其中一般公共预算
    拨款政府采购 X, the categories that follow are the general budget's part; before it,
    the whole."""
    if claim.topic not in _PROCUREMENT_PARTS:
        return figures
    of_fund = any(
        c.topic == "procurement_general_budget"
        and c.sentence == claim.sentence
        and c.claim < claim.claim
        for c in check.claims
    )
    return [f for f in figures if (f.record.column == "general_budget") == of_fund]


#: Topics whose table a document may print with no figure in it (本表无数据): there the
#: year's figure the text states is nothing.
_EMPTY_TABLES = {
    "government_fund_expenditure": "government_fund",
    "state_capital_expenditure": "state_capital",
    **{item: "three_public" for item in (*_BASIC_DATA_LINES, "three_public")},
}


def _printed_empty(extraction: Extraction, claim: Claim) -> TableRecord | None:
    """The table of a claim's topic, where the document prints it and every printing is
    empty or says it has no data; None where it prints figures or is not printed."""
    kind = _EMPTY_TABLES.get(claim.topic)
    if kind is None or claim.basis != "current":
        return None
    printed = [table for table in extraction.tables if table.table == kind]
    empty = all(table.status in ("no_data", "empty") for table in printed)
    return printed[0] if printed and empty else None


def _against_empty(check: NarrativeCheck, claim: Claim, table: TableRecord) -> None:
    """A figure the text states of a table printed empty: nothing agrees, a figure is a
    finding (the text and the table cannot both be right)."""
    check.checked += 1
    agrees = claim.value == 0
    claim = _set(
        check,
        claim,
        outcome="agrees" if agrees else "disagrees",
        expected=Decimal(0),
        table=table.table,
        table_page=table.first_page,
        table_row="",
    )
    if not agrees:
        printed = "注明无数据" if table.status == "no_data" else "为空表"
        _finding(
            check,
            "narrative_vs_empty_table",
            claim,
            f"说明第 {claim.page} 页称“{_quote(claim.sentence, claim.printed)}”，"
            f"而第 {table.first_page} 页《{table.title_printed}》{printed}",
            expected=Decimal(0),
            found=claim.value,
            tolerance=Decimal(0),
        )


def _hold(
    check: NarrativeCheck,
    claim: Claim,
    record: AmountRecord,
    tolerance: Decimal,
    *,
    agrees: bool,
    row: str,
    where: str,
) -> None:
    """Keep on the claim the figure it was held to; where they disagree, a finding that
    quotes the sentence and says ``where`` the figure is printed."""
    claim = _set(
        check,
        claim,
        outcome="agrees" if agrees else "disagrees",
        expected=record.amount,
        table=record.table,
        table_page=record.page,
        table_row=row,
    )
    if not agrees:
        _finding(
            check,
            "narrative_vs_table",
            claim,
            f"说明第 {claim.page} 页称“{_quote(claim.sentence, claim.printed)}”，{where}",
            expected=record.amount,
            found=claim.value,
            tolerance=tolerance,
        )


# --- a performance report's text against its forms ----------------------------------------

#: What a performance report's text says of the funds line (年度资金总额) of its
#: 部门整体支出绩效自评表: the words just before a figure name the form's column.
_FORM_COLUMN_WORDS = (
    ("initial_budget", re.compile(r"年初预算(?:数)?(?:为|是|安排)?$")),
    ("full_year_budget", re.compile(r"(?:全年|调整后?)预算(?:数)?(?:为|是)?$")),
    (
        "executed",
        re.compile(r"(?:全年)?(?:执行数|实际执行|实际支出|支出完成|执行)(?:数)?(?:为|是|了)?$"),
    ),
)
#: Topics that say no more than that a figure is a total: the funds line may be theirs.
_FUNDS_TOPICS = frozenset({"other", "expenditure_total", "expenditure_grand_total", "grand_total"})
_SELF_EVALUATION = "department_self_evaluation"
#: The form's 总分 row, which the text's 自评得分 states.
_TOTAL_SCORE = "total_score"
#: The funds-line columns a text states (the rest, 分值 and 得分, are the form's scoring).
_FUNDS_COLUMNS = (*(column for column, _ in _FORM_COLUMN_WORDS), "execution_rate")
_FUNDS_UNITS = {"execution_rate": "%", _TOTAL_SCORE: SCORE_UNIT}


def _funds_line(extraction: Extraction) -> dict[str, AmountRecord]:
    """The figures a text can state of the report's 部门整体支出绩效自评表, where it prints
    one such form: the 年度资金总额 line's budgets, spending and 执行率, and the 总分 as
    ``total_score``."""
    forms = [form for form in extraction.forms if form.table == _SELF_EVALUATION]
    if len(forms) != 1:
        return {}
    form = forms[0]
    printed = [
        (column, line.label, FUND_MEASURES[column].cn, text, line.page, line.row)
        for line in form.funds
        if line.fund == "total"
        for column, text in line.values.items()
        if column in _FUNDS_COLUMNS
    ]
    if form.total.get("score") and form.total_page is not None:
        printed.append((_TOTAL_SCORE, "总分", "得分", form.total["score"], form.total_page, 0))
    figures = {}
    for column, label, heading, text, page, row in printed:
        quantity = parse_quantity(text)
        if quantity is None:
            continue
        figures[column] = AmountRecord(
            report_id=extraction.report_id,
            table=_SELF_EVALUATION,
            row=row,
            column=column,
            page=page,
            side="",
            code="",
            row_label=label,
            column_label=heading,
            amount=quantity.value,
            published=text,
            unit=_FUNDS_UNITS.get(column, PACKAGE_UNIT),
        )
    return figures


def _form_column(claim: Claim) -> str | None:
    """The funds-line column a claim states: its execution rate, or the budget or spending
    its words name; None for a figure of anything else."""
    clause = re.split(r"[，；：,;:。]", claim.sentence[: claim.sentence.find(claim.printed)])[-1]
    if claim.measure == "execution_rate":  # 预算执行率, not 排污权交易执行率
        return "execution_rate" if "预算" in clause else None
    if claim.measure == "score":
        return _TOTAL_SCORE
    if claim.measure != "amount" or claim.topic not in _FUNDS_TOPICS or "收入" in clause:
        return None
    return next((column for column, words in _FORM_COLUMN_WORDS if words.search(clause)), None)


def _against_forms(check: NarrativeCheck) -> None:
    """A performance report's 年初预算数, 全年预算数, 全年执行数 and 预算执行率 held to the
    funds line of its 部门整体支出绩效自评表, and its 自评得分 to the form's 总分, where no
    table figure or figure of the sentence settled them."""
    line = _funds_line(check.extraction)
    if not line:
        return
    for claim in list(check.claims):
        if claim.outcome not in ("", "unmatched") or claim.basis == "previous":
            continue
        record = line.get(_form_column(claim) or "")
        if record is None or record.amount is None:
            continue
        check.checked += 1
        digits = re.sub(r"[^\d.,-]", "", record.published)  # 100% → 100: the form's unit
        tolerance = _half_unit(digits, "") + 2 * _claim_half(claim)
        _hold(
            check,
            claim,
            record,
            tolerance,
            agrees=abs(record.amount - claim.value) <= tolerance,
            row=f"{record.row_label} {record.column_label}",
            where=f"自评表第 {record.page} 页“{record.row_label}”的“{record.column_label}”印 "
            f"{record.published}",
        )


def _claim_unit(printed: str) -> str:
    return next(unit for unit in ("亿元", "千元", "万元", "元") if printed.endswith(unit))


def _claim_half(claim: Claim) -> Decimal:
    """Half the last printed digit of a claim's figure, in its stored unit (万元, % or 分)."""
    digits = re.sub(r"[^\d.,]", "", claim.printed)
    if claim.unit in ("%", SCORE_UNIT):
        return _half_unit(digits, "")
    return _half_unit(digits, _claim_unit(claim.printed))


def _claims_by_sentence(claims: list[Claim]) -> dict[tuple[int, str], list[Claim]]:
    """The claims of each sentence (by its page and text), in the order stated."""
    grouped: dict[tuple[int, str], list[Claim]] = {}
    for claim in claims:
        grouped.setdefault((claim.page, claim.sentence), []).append(claim)
    return grouped


def _within_sentences(check: NarrativeCheck) -> None:
    """Changes, percentages, shares and execution rates recomputed from the figures the
    sentence (or, for the figure compared with, the sentences just before) states."""
    recent: list[Claim] = []  # amounts stated so far, latest last
    for group in _claims_by_sentence(check.claims).values():
        for index, claim in enumerate(group):
            earlier = group[:index]
            if claim.measure == "share":
                _share(check, claim, earlier, recent)
            elif claim.measure in ("change", "change_percent"):
                _change(check, claim, earlier, recent)
            elif claim.measure == "execution_rate":
                _execution(check, claim, earlier)
            if claim.measure == "amount":
                recent.append(claim)
        recent = recent[-40:]


def _same_subject(a: Claim, b: Claim) -> bool:
    return a.topic == b.topic and a.function_code == b.function_code and a.topic != "other"


def _latest(claims: Iterable[Claim], **wanted) -> Claim | None:
    return next(
        (c for c in reversed(list(claims)) if all(getattr(c, k) == v for k, v in wanted.items())),
        None,
    )


def _percent_tolerance(claim: Claim, part: Claim, whole: Claim) -> Decimal:
    """A stated percentage's rounding, and how far the rounding of the two amounts it is
    computed from can move it."""
    printed = _claim_half(claim) * 2
    part_half, whole_half = _claim_half(part), _claim_half(whole)
    if whole.value == 0:
        return printed
    spread = (part_half + abs(part.value) * whole_half / abs(whole.value)) / abs(whole.value)
    return printed + 100 * spread


def _compare_percent(
    check: NarrativeCheck, rule: str, claim: Claim, expected: Decimal, tolerance: Decimal, how: str
) -> None:
    expected = expected.quantize(Decimal("0.01"))
    tolerance = tolerance.quantize(Decimal("0.0001"))
    agrees = abs(claim.value - expected) <= tolerance
    claim = _set(check, claim, outcome="agrees" if agrees else "disagrees", expected=expected)
    check.checked += 1
    if not agrees:
        _finding(
            check,
            rule,
            claim,
            f"说明第 {claim.page} 页称“{_quote(claim.sentence, claim.printed)}”，按 {how} 应为 "
            f"{format_decimal(expected)}%",
            expected=expected,
            found=claim.value,
            tolerance=tolerance,
        )


#: Topics a share may be of without naming them: the totals a sentence opens with.
_TOTALS = frozenset(
    {
        "grand_total",
        "income_grand_total",
        "expenditure_grand_total",
        "appropriation_grand_total",
        "income_total",
        "expenditure_total",
        "appropriation_income",
        "appropriation_expenditure",
        "general_budget_expenditure",
        "general_budget_basic",
        "basic_expenditure",
        "three_public",
        "procurement",
    }
)


#: Figures listed side by side as the parts of one whole: none is a share of another.
_SIBLING_GROUPS = (
    frozenset({"basic_expenditure", "project_expenditure"}),
    frozenset({"personnel", "public"}),
    frozenset(
        {
            "appropriation_income",
            "institution_income",
            "operating_income",
            "other_income",
            "upper_subsidy",
            "subsidiary_remittance",
        }
    ),
    frozenset(
        {"overseas_travel", "vehicles", "vehicle_purchase", "vehicle_operation", "reception"}
    ),
    frozenset({"function_code"}),
    frozenset({"procurement_goods", "procurement_works", "procurement_services"}),
)


def _siblings(a: Claim, b: Claim) -> bool:
    return a.topic == b.topic or any(a.topic in g and b.topic in g for g in _SIBLING_GROUPS)


def _share(check: NarrativeCheck, claim: Claim, earlier: list[Claim], recent: list[Claim]) -> None:
    """A share is of the total it names (占本年支出合计的: any figure of that total the
    narrative or the tables state), or, naming none, of a figure stated before it. It
    agrees with any such whole, and is faulted only where one figure alone can be it: the
    one total it names, or the one larger figure of its own sentence."""
    part = _latest(earlier, measure="amount")
    if part is None or part.value <= 0 or part.topic == "other":
        return  # a coverage figure (涉及资金 …) is no part of a total the tables print
    base_topic = subject_of(share_base(claim))
    if base_topic is not None and base_topic != "other":
        wholes = [
            c.value
            for c in [*recent, *earlier]
            if c.topic == base_topic and c.measure == "amount" and c.basis == "current"
        ]
        named = replace(part, topic=base_topic, function_code="", basis="current")
        amounts = check.extraction.amounts
        wholes += [f.record.amount for f in _table_figures(named, amounts, check.extraction.facts)]
        decisive = len(set(wholes)) == 1
    else:
        local = [
            c.value
            for c in earlier
            if c.measure == "amount"
            and c is not part
            and c.basis == part.basis
            and c.value >= part.value
            and not _siblings(c, part)  # 项目支出 is no share of 基本支出 beside it
            and c.topic != "other"
        ]
        wholes = local + [
            c.value
            for c in recent
            if c.topic in _TOTALS and c.basis == part.basis and c.value >= part.value
        ]
        decisive = len(set(local)) == 1
    results = []
    for whole in dict.fromkeys(value for value in wholes if value > 0):
        expected = (part.value / whole * 100).quantize(Decimal("0.01"))
        tolerance = _percent_tolerance(
            claim, part, replace(part, value=whole, printed=_printed_like(whole))
        )
        results.append((abs(claim.value - expected) <= tolerance, expected, tolerance, whole))
    agreeing = [result for result in results if result[0]]
    if agreeing or (decisive and results):
        _, expected, tolerance, whole = (agreeing or results)[0]
        how = f"{format_decimal(part.value)} ÷ {format_decimal(whole)}"
        _compare_percent(check, "narrative_share", claim, expected, tolerance, how)


def _printed_like(value: Decimal) -> str:
    """A figure printed to two decimals in 万元, for the rounding of a whole the tables give."""
    return f"{value:.2f}万元"


def _change(check: NarrativeCheck, claim: Claim, earlier: list[Claim], recent: list[Claim]) -> None:
    # Within its sentence a change is on the figures stated before it, named or not;
    # from the sentences before, only on a figure of the same named subject.
    here = [c for c in earlier if c.topic == claim.topic and c.function_code == claim.function_code]
    before = [c for c in recent if _same_subject(c, claim)]
    current = _latest([*before, *here], measure="amount", basis="current")
    compared = _latest(here, measure="amount", basis=claim.basis)
    change = _latest(here, measure="change")
    if (
        claim.measure == "change_percent"
        and change is not None
        and (change.value > 0) != (claim.value > 0)
        and change.value
        and claim.value
    ):
        _finding(
            check,
            "narrative_direction",
            claim,
            f"说明第 {claim.page} 页同一句中增减额与增减幅度方向相反："
            f"“{_quote(claim.sentence, claim.printed, 40)}”",
            expected=change.value,
            found=claim.value,
        )
        _set(check, claim, outcome="disagrees")
        return
    if current is None:
        return
    if compared is not None:
        difference = current.value - compared.value
        if difference and claim.value and (difference > 0) != (claim.value > 0):
            _finding(
                check,
                "narrative_direction",
                claim,
                f"说明第 {claim.page} 页称“{_quote(claim.sentence, claim.printed, 40)}”，"
                f"而所述两数 {format_decimal(current.value)} 与 "
                f"{format_decimal(compared.value)} 的增减方向相反",
                expected=difference,
                found=claim.value,
            )
            _set(check, claim, outcome="disagrees")
            return
        if claim.measure == "change":
            tolerance = _claim_half(claim) + _claim_half(current) + _claim_half(compared)
            agrees = abs(claim.value - difference) <= tolerance
            _set(check, claim, outcome="agrees" if agrees else "disagrees", expected=difference)
            check.checked += 1
            if not agrees:
                _finding(
                    check,
                    "narrative_change",
                    claim,
                    f"说明第 {claim.page} 页称“{_quote(claim.sentence, claim.printed)}”，按 "
                    f"{format_decimal(current.value)} − {format_decimal(compared.value)} 应为 "
                    f"{format_decimal(difference)} 万元",
                    expected=difference,
                    found=claim.value,
                    tolerance=tolerance,
                )
            return
        if compared.value:
            then, now = format_decimal(compared.value), format_decimal(current.value)
            how = f"({now} − {then}) ÷ {then}"
            tolerance = _percent_tolerance(claim, current, compared)
            _compare_percent(
                check, "narrative_percent", claim, difference / compared.value * 100, tolerance, how
            )
        return
    if claim.measure == "change_percent" and change is not None:
        base = current.value - change.value
        if base > 0:
            by, now = format_decimal(change.value), format_decimal(current.value)
            off = f"− {by}" if change.value > 0 else f"+ {format_decimal(-change.value)}"
            how = f"{by} ÷ ({now} {off})"
            whole = replace(current, value=base)
            tolerance = (
                _percent_tolerance(claim, change, whole)
                + _percent_tolerance(claim, current, whole)
                - _claim_half(claim) * 2
            )
            _compare_percent(
                check, "narrative_percent", claim, change.value / base * 100, tolerance, how
            )


def _execution(check: NarrativeCheck, claim: Claim, earlier: list[Claim]) -> None:
    spent = _latest(earlier, measure="amount", basis="current")
    budget = _latest(earlier, measure="amount", basis="budget")
    if spent is None or budget is None or not budget.value or spent.topic != budget.topic:
        return
    how = f"{format_decimal(spent.value)} ÷ {format_decimal(budget.value)}"
    tolerance = _percent_tolerance(claim, spent, budget)
    _compare_percent(
        check, "narrative_execution", claim, spent.value / budget.value * 100, tolerance, how
    )


#: 决算数大于 / 小于 / 等于（年初）预算数: a comparison the two figures before it can settle.
_COMPARATIVE = re.compile(
    r"决算数?(?:比|较)?(?:年初)?(?:预算数?)?(大于|小于|高于|低于|多于|少于)(?:年初)?预算"
)


def _comparatives(check: NarrativeCheck) -> None:
    """决算数小于预算数 said of a budget and a spent figure stated just before it."""
    previous: list[Claim] = []
    by_text = _claims_by_sentence(check.claims)
    for sentence in check.sentences:
        stated = by_text.get((sentence.page, sentence.text), [])
        match = _COMPARATIVE.search(sentence.text)
        pool = [*previous, *stated]
        if match:
            spent = _latest(pool, measure="amount", basis="current")
            budget = _latest(pool, measure="amount", basis="budget")
            if spent is not None and budget is not None:
                check.checked += 1
                more = match.group(1) in ("大于", "高于", "多于")
                holds = spent.value > budget.value if more else spent.value < budget.value
                if not holds:
                    _finding(
                        check,
                        "narrative_direction",
                        spent,
                        f"说明第 {sentence.page} 页称“{match.group(0)}”，而决算数 "
                        f"{format_decimal(spent.value)}、预算数 {format_decimal(budget.value)}",
                        page=sentence.page,
                        expected=budget.value,
                        found=spent.value,
                    )
        if stated:
            previous = stated


# --- years, placeholders, hygiene ------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_YEAR_RANGE = re.compile(r"\d{4}\s*[-—–~至到]\s*\d{4}")
_AS_OF = re.compile(r"截[至止](?:到)?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_COMPARED_YEAR = re.compile(r"(?:比|较|与|同)\s*(\d{4})\s*年")
_PLACEHOLDER = re.compile(r"[XＸ]{2,}|[×*＊]{2,}|待填写|待补充|某某")
_DOUBLED = re.compile(r"([。，、；：！？])\1|[，、；：][。]|。[，、；：]")
#: Bracket pairs; a full-width bracket may close a half-width one (县（市) pairs).
_BRACKETS = (("（(", "）)"), ("【", "】"), ("《", "》"))
#: The longest section whose brackets are checked: longer is text run together, no prose.
_LONGEST_SECTION = 1200


def _years(check: NarrativeCheck) -> None:
    """Headings and table titles name the report's year; a comparison is with an earlier
    year; an “as of” date is the year's end (a final account) or the year before (a budget)."""
    year = check.extraction.facts.fiscal_year
    phase = check.extraction.facts.phase
    if year is None:
        return
    headings = [(s.page, s.text) for s in check.sentences if s.heading]
    titles = [(t.page, t.text) for t in check.extraction.titles]
    for page, text in [*headings, *titles]:
        if _YEAR_RANGE.search(text):
            continue
        for match in _YEAR.finditer(text):
            check.checked += 1
            if int(match.group(1)) != year:
                _finding(
                    check,
                    "narrative_year",
                    None,
                    f"第 {page} 页标题“{text}”写 {match.group(1)} 年，报告年度为 {year} 年",
                    page=page,
                )
    _sentence_years(check, year, phase)


def _sentence_years(check: NarrativeCheck, year: int, phase: str | None) -> None:
    """An “as of” date at the year's end (the year before's for a budget); a comparison
    with an earlier year."""
    for sentence in check.sentences:
        for match in _AS_OF.finditer(sentence.text):
            check.checked += 1
            # a final account's date is its year's end, a budget's in the year before, a
            # performance evaluation's in the year after (when it is written)
            allowed = {"final": {year}, "budget": {year - 1, year}}.get(phase, {year, year + 1})
            if int(match.group(1)) not in allowed:
                _finding(
                    check,
                    "narrative_year",
                    None,
                    f"第 {sentence.page} 页称“{match.group(0)}”，报告年度为 {year} 年",
                    page=sentence.page,
                )
        plain = re.sub(r"《[^》]*》", "", sentence.text)  # a title quoted names its own years
        compared = {int(match.group(1)): match for match in _COMPARED_YEAR.finditer(plain)}
        for compared_year, match in compared.items():
            check.checked += 1
            if compared_year >= year:
                _finding(
                    check,
                    "narrative_year",
                    None,
                    f"第 {sentence.page} 页与 {match.group(1)} 年比较"
                    f"（“{_quote(plain, match.group(0))}”），"
                    f"而报告年度为 {year} 年，应与上年比较",
                    page=sentence.page,
                )


#: A table's header line naming whose table it is (编制单位：X, 部门名称：X, 单位名称：X …),
#: the name running up to a space or the unit printed after it on the line (…局单位：万元).
_NAMED_IN_HEADER = re.compile(
    r"(?:^|\s)(编制单位|编制部门|部门名称|单位名称|预算单位|预算部门|主管部门|填报单位|部门)"
    r"\s*[：:]\s*([^\s：:，。；、]{3,}?)(?=\s|(?:金额)?单位\s*[：:]|$)"
)
#: What a name may carry besides the organisation: the scope of its figures.
_SCOPE_NOTE = re.compile(r"[（(](?:本级|汇总|本部|机关)[)）]")
#: The short forms official names take (中共江苏省委办公厅 is 中国共产党江苏省委员会办公厅).
_SHORT_FORMS = (
    ("中国共产党", "中共"),
    ("常务委员会", "常委会"),
    ("委员会", "委"),
    ("人民代表大会", "人大"),
    ("中国人民政治协商会议", "政协"),
    ("政治协商会议", "政协"),
)


def _organisation(name: str) -> str:
    name = _SCOPE_NOTE.sub("", name)
    for long, short in _SHORT_FORMS:
        name = name.replace(long, short)
    return name


def _same_publisher(name: str, publisher: str) -> bool:
    """One organisation, named in full or in part (a header line cut short, 江苏省人大, or
    a region left off), in its long or short form, with or without the scope of its
    figures (（本级）)."""
    name, publisher = _organisation(name), _organisation(publisher)
    return name in publisher or publisher in name


def _publisher_names(check: NarrativeCheck) -> None:
    """Each table header's publisher (编制单位：X …) is the cover's, or, where the cover
    names none, the one most headers print. A department's table may name one of its units:
    a name its running text also prints (预算单位构成 lists them) is such a unit, not a
    name left from another department's document."""
    printed: dict[str, list[tuple[int, str]]] = {}
    text: list[str] = []
    for line in check.extraction.prose:
        named = list(_NAMED_IN_HEADER.finditer(line.text))
        if not named:
            text.append(line.text)
        for match in named:
            printed.setdefault(match.group(2), []).append((line.page, match.group(1)))
    if not printed:
        return
    publisher = check.extraction.facts.publisher or max(printed, key=lambda n: len(printed[n]))
    for name, places in printed.items():
        check.checked += 1
        if _same_publisher(name, publisher) or any(name in line for line in text):
            continue
        page, label = places[0]
        _finding(
            check,
            "publisher_name",
            None,
            f"第 {page} 页表头“{label}：{name}”与封面的发布单位“{publisher}”不同"
            f"（共 {len({p for p, _ in places})} 页如此）",
            page=page,
        )


#: A text saying the report has none of a fund's spending or of 三公 (本部门没有使用政府性
#: 基金预算拨款安排的支出, 本单位无“三公”经费支出), and the table that would print it.
_NONE_STATED = re.compile(
    r"(?:没有|无)(?:使用)?(?P<what>政府性基金|国有资本经营|[“\"]?三公[”\"]?经费)"
    r"(?:预算)?(?:财政)?(?:拨款)?(?:安排的)?(?:预算)?(?:支出|收支)?"
)
_NONE_TABLES = {"政府性基金": "government_fund", "国有资本经营": "state_capital"}
#: The columns of this year's spending in those tables (not carry-over or income).
_SPENT = r"^(total|amount|basic_expenditure|project_expenditure|[a-z_]+_(budget|actual))$"


def _stated_none(check: NarrativeCheck) -> None:
    """A text that says there is none of a fund's spending or of 三公 where that table
    prints a figure other than nought for the year: the text and the table cannot both
    be right (the reverse of a table printed empty while the text gives figures)."""
    facts = check.extraction.facts
    for sentence in check.sentences:
        for match in _NONE_STATED.finditer(sentence.text):
            table = _NONE_TABLES.get(match.group("what"), "three_public")
            printed = next(
                (
                    record
                    for record in check.extraction.amounts
                    if record.table == table
                    and record.amount
                    and re.search(_SPENT, _current_column(record, "current", facts))
                ),
                None,
            )
            check.checked += 1
            if printed is None:
                continue
            title = next(
                (t.title_printed for t in check.extraction.tables if t.table == table), table
            )
            where = printed.row_label or printed.code or printed.column_label
            _finding(
                check,
                "narrative_vs_empty_table",
                None,
                f"说明第 {sentence.page} 页称“{_quote(sentence.text, match.group(0))}”，"
                f"而第 {printed.page} 页《{title}》“{where}”"
                f"印 {printed.published}（{printed.unit}）",
                page=sentence.page,
                expected=printed.amount,
                found=Decimal(0),
                tolerance=Decimal(0),
            )


#: A number of vehicles the text states: 共有车辆16辆, 执法执勤用车 6 辆.
_VEHICLES = re.compile(r"(\d+)\s*辆")


def _vehicle_counts(check: NarrativeCheck) -> None:
    """共有车辆 N 辆，其中：a 辆、b 辆…: the kinds a text lists never add up to more than
    the vehicles it states, and add up to them where the list runs to 其他 (every kind
    named); a list of one kind, or one that stops short of 其他, may name only some."""
    for sentence in check.sentences:
        head, said, rest = sentence.text.partition("其中")
        rest = rest.split("其中")[0]  # a second 其中 lists again, or lists another's parts
        totals = _VEHICLES.findall(head)
        parts = list(_VEHICLES.finditer(rest))
        if not (said and totals and len(parts) > 1):
            continue
        check.checked += 1
        total = Decimal(totals[-1])
        added = sum((Decimal(part.group(1)) for part in parts), Decimal(0))
        complete = "其他" in rest[: parts[-1].start()]
        if added == total or (added < total and not complete):
            continue
        listed = "、".join(f"{part.group(1)}辆" for part in parts)
        _finding(
            check,
            "narrative_parts",
            None,
            f"第 {sentence.page} 页称共有车辆 {total} 辆，其中所列 {listed} 合计 {added} 辆："
            f"“{_quote(sentence.text, parts[0].group(0))}”",
            page=sentence.page,
            expected=added,
            found=total,
            tolerance=Decimal(0),
        )


def _text_hygiene(check: NarrativeCheck) -> None:
    """Placeholders left in the text; doubled punctuation and brackets that do not pair,
    within a section (a heading and its paragraph: a bracket may close after a full stop
    inside it, or in the paragraph under a heading that opens it). Brackets are faulted
    only where the whole narrative's do not pair either."""
    everything = "".join(sentence.text for sentence in check.sentences)
    check.unpaired = {pair for pair in _BRACKETS if _unpaired(everything, pair)}
    section: list[Sentence] = []
    for sentence in [*check.sentences, None]:
        if sentence is None or sentence.heading:
            _paragraph(check, section)
            section = [sentence] if sentence is not None else []
            continue
        section.append(sentence)
        text = sentence.text
        check.checked += 1
        if match := _PLACEHOLDER.search(text):
            _finding(
                check,
                "placeholder_text",
                None,
                f"第 {sentence.page} 页有占位文字“{match.group(0)}”："
                f"“{_quote(text, match.group(0))}”",
                page=sentence.page,
            )


def _unpaired(text: str, pair: tuple[str, str]) -> bool:
    opening, closing = pair
    return sum(map(text.count, opening)) != sum(map(text.count, closing))


def _page_at(paragraph: list[Sentence], offset: int) -> int:
    """The page of the sentence holding a paragraph's character ``offset``."""
    for sentence in paragraph:
        if offset < len(sentence.text):
            return sentence.page
        offset -= len(sentence.text)
    return paragraph[-1].page


def _paragraph(check: NarrativeCheck, paragraph: list[Sentence]) -> None:
    """Doubled punctuation (which may fall across the split into sentences: 。。) and
    brackets that do not pair, in one paragraph."""
    if not paragraph:
        return
    text = "".join(sentence.text for sentence in paragraph)
    if match := _DOUBLED.search(text):
        _finding(
            check,
            "doubled_punctuation",
            None,
            f"第 {_page_at(paragraph, match.start())} 页标点重复：“{_quote(text, match.group(0))}”",
            page=_page_at(paragraph, match.start()),
        )
    digits = sum(char.isdigit() for char in text)
    if len(text) > _LONGEST_SECTION or digits > 0.45 * len(text):
        return  # a page of figures or a cover run together: no prose to hold to pairs
    for opening, closing in _BRACKETS:
        if _unpaired(text, (opening, closing)) and (opening, closing) in check.unpaired:
            check.unpaired.discard((opening, closing))  # once a document, where it starts
            first = paragraph[0]
            _finding(
                check,
                "unmatched_brackets",
                None,
                f"第 {first.page} 页一段中括号不成对（{opening[0]} "
                f"{sum(map(text.count, opening))} 个，{closing[0]} "
                f"{sum(map(text.count, closing))} 个）：“{text[:80]}…”",
                page=first.page,
            )
            return
