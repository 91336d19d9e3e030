"""From extracted records to the tidy resources of the data package (pandas reshapes).

The long ``amounts`` table is the lossless record; every other resource is a view of
it, reshaped here, so a figure in any table can be traced to its amount row and page.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from contextlib import ExitStack
from decimal import Decimal
from pathlib import Path

import pandas as pd

from fiscal.codes import (
    code_level,
    economic_expense_type,
    function_class_for_name,
    is_code,
    is_function_code,
    parent_code,
    procurement_category,
)
from fiscal.errors import DocumentError
from fiscal.numbers import COUNT_UNITS, parse_quantity
from fiscal.ops.atomic import replacing
from fiscal.records import AmountRecord, CheckResult, Extraction, PerformanceForm
from fiscal.schema import (
    CATALOGUE,
    CODE_LISTS,
    conform,
    field_names,
    resource,
    resource_names,
    write_csv,
)
from fiscal.vocabulary import (
    CHINESE_NUMBERING,
    EXTRACTION_FAILURE,
    FORM_DETAILS,
    LABEL_PATH,
    SOURCE_INCONSISTENCY,
    SPENDING_MEASURES,
    SUMMARY_TABLES,
    THREE_PUBLIC_FUNDS,
    THREE_PUBLIC_ITEMS,
    THREE_PUBLIC_MEASURES,
    TOTAL_LABELS,
)

_FUND_BY_TABLE = {
    "expenditure": "all",
    "general_budget_expenditure": "general_budget",
    "government_fund": "government_fund",
    "state_capital": "state_capital",
    "appropriation_expenditure": "appropriation",
    "general_budget_basic_expenditure_function": "general_budget",
}
#: Tables of the basic spending alone by function code: a row's whole figure is its
#: 基本支出, so it never stands beside the general budget's whole 合计 as another total.
_BASIC_BY_FUNCTION = ("general_budget_basic_expenditure_function",)
#: The tables listing projects (``project_spending``).
_PROJECT_TABLES = ("project_expenditure", "department_project_expenditure", "carryover_expenditure")
_SUMMARY_COLUMNS = ("amount", "total", "general_budget", "government_fund", "state_capital")
Frames = dict[str, pd.DataFrame]


def _records(items: list) -> pd.DataFrame:
    """A row per record, its fields in order. The records are flat (no record inside a
    record), so their attributes are the row as they are; ``dataclasses.asdict`` deep-copied
    every value of every amount."""
    return pd.DataFrame([vars(item) for item in items])


def _context(source: dict[str, str]) -> dict[str, object]:
    """The facts every row of a report carries, from its catalogue row (decided once)."""
    return {
        "phase": source["family"],
        "fiscal_year": source["fiscal_year"],
        "publisher_id": source["publisher_id"],
    }


def _report_facts(source: dict[str, str]) -> dict[str, object]:
    """What a report's row in ``reports`` takes from its catalogue row, read or failed."""
    return {**_context(source), "superseded_by": source.get("superseded_by")}


def _wide(
    amounts: pd.DataFrame,
    tables: list[str],
    columns: tuple[str, ...] | None = None,
    coded: bool = True,
) -> pd.DataFrame:
    """One row per table row, one column per value column, for the given tables."""
    subset = amounts[amounts["table"].isin(tables)]
    if coded:
        subset = subset[subset["code"] != ""]
    if subset.empty:
        return pd.DataFrame()
    keys = [
        *("table", "row", "page", "side", "code", "row_label", "project"),
        *("budget_unit", "government_economic_code", "economic_code"),
    ]
    wide = subset.pivot(index=keys, columns="column", values="amount").reset_index()
    wide.columns.name = None
    if columns:
        wide = wide[[c for c in wide.columns if c in keys or c in columns]]
    return wide.sort_values(["table", "row"])


def tidy_frames(extraction: Extraction, checks: CheckResult, source: dict[str, str]) -> Frames:
    """All per-report resources of one checked extraction, with its catalogue facts."""
    amounts = _records(extraction.amounts)
    if amounts.empty:
        amounts = pd.DataFrame(columns=[f.name for f in dataclasses.fields(AmountRecord)])
    context = _context(source)
    findings = extraction.findings + checks.findings
    frames: Frames = {
        "amounts": amounts,
        "report_tables": _records(extraction.tables),
        "findings": _findings_frame(findings),
        "narrative_claims": _records(checks.claims),
        **performance_frames(extraction.forms),
    }
    views = {
        "function_spending": _function_spending(amounts),
        "income_by_source": _by_function_code(amounts, "income"),
        "basic_spending_economic": _basic_spending_economic(amounts),
        "project_spending": _project_spending(amounts),
        "spending_economic": _by_economic_code(amounts, ["general_budget_expenditure_economic"]),
        "operating_costs": _by_economic_code(amounts, ["operating_costs"]),
        "procurement": _procurement(amounts),
        "meetings_and_training": _meetings_and_training(amounts),
        "purchased_services": _purchased_services(amounts),
        "state_assets": _state_assets(amounts),
        "summary_lines": _summary_lines(amounts),
    }
    frames.update({name: frame for name, frame in views.items() if not frame.empty})
    frames["three_public"] = _three_public(amounts)
    _add_context(frames, context)
    frames["reports"] = _report_row(extraction, source, checks.checked, findings)
    for frame in frames.values():
        if "report_id" not in frame.columns or frame.empty:
            frame["report_id"] = extraction.report_id
    return frames


def _function_spending(amounts: pd.DataFrame) -> pd.DataFrame:
    """Spending by function code of every fund's expenditure table, each row marked with
    the fund its table covers; a table that prints one 金额 column gives it as the total.

    A table that classifies each row by function and economy together (北京's 支出总表:
    2010801-行政运行 | 50101-工资奖金津补贴 | 30101-基本工资) gives a row per part of a function
    code, its government and department economic codes beside it: the rows stay here, by
    function code, rather than in the economic resources, whose rows are the general
    budget's (spending_economic) or its basic spending's (basic_spending_economic) by
    economic code alone, where this table is every fund's spending, basic and project.

    The general budget's basic spending by function code (合计 | 人员经费 | 公用经费) gives its
    合计 as the row's basic_expenditure, beside its 人员 and 公用 parts: a part of the
    general budget's spending, never its whole."""
    spending = _wide(amounts, list(_FUND_BY_TABLE))
    if spending.empty:
        return spending
    spending["fund"] = spending["table"].map(_FUND_BY_TABLE)
    _whole_figure(spending, "total", "amount")
    basic = spending["table"].isin(_BASIC_BY_FUNCTION)
    if basic.any() and "total" in spending.columns:
        spending["basic_expenditure"] = spending.get("basic_expenditure")
        spending.loc[basic, "basic_expenditure"] = spending.loc[basic, "total"]
        spending.loc[basic, "total"] = None
    return _coded(_with_figures(spending, "function_spending"), "function_code", "function_name")


def _with_figures(wide: pd.DataFrame, name: str) -> pd.DataFrame:
    """The rows that print a figure of the resource: a row printing only last year's figure
    and the change on it (the centre's 210 卫生健康支出: 2025年执行数 218.91, its 2026 budget
    blank) has none of the year's, and stays in the amounts alone."""
    figures = [
        field["name"]
        for field in resource(name)["schema"]["fields"]
        if field["type"] == "number" and field["name"] in wide.columns
    ]
    return wide.dropna(subset=figures, how="all") if figures else wide


def _whole_figure(frame: pd.DataFrame, key: str, other: str) -> None:
    """A row's whole figure under ``key``: tables print it as 合计 (``total``) or, with one
    figure column, as 金额 (``amount``); the other column fills it where it is blank, so
    rows of tables of both layouts in one frame each keep theirs."""
    if other not in frame.columns:
        return
    frame[key] = frame[key].fillna(frame[other]) if key in frame.columns else frame[other]


def _by_economic_code(amounts: pd.DataFrame, kinds: list[str]) -> pd.DataFrame:
    """The rows of these table kinds by economic code, each with its whole figure: a
    table of one 预算数 or 金额 column gives it as the row's ``amount``.

    ``spending_economic`` is the whole general budget (basic and project spending
    together) by what it buys, with 基本 / 项目支出 or 人员 / 公用 / 专项业务经费 beside it
    where printed; ``operating_costs`` the 机关运行经费 budget, a part of 公用经费."""
    wide = _wide(amounts, kinds)
    if wide.empty:
        return wide
    # a row's own code is its economic code here: amounts' economic_code beside a function
    # code is no field of these resources
    wide = _coded(wide.drop(columns="economic_code"), "economic_code", "economic_name")
    _whole_figure(wide, "amount", "total")
    return wide


def _basic_spending_economic(amounts: pd.DataFrame) -> pd.DataFrame:
    """Basic spending of the general budget (or of every fund's appropriations, or of every
    fund by budget unit, where a province prints that table) by economic code, each code
    marked 人员经费 or 公用经费 by its expense type; a table's rows stay apart by ``table``, so
    one report's tables are never added together."""
    kinds = [
        "general_budget_basic_expenditure",
        "appropriation_basic_expenditure",
        "department_basic_expenditure",
    ]
    basic = _by_economic_code(amounts, kinds)
    if basic.empty:
        return basic
    basic["expense_type"] = basic["economic_code"].map(economic_expense_type)
    # budgets print 合计 | 人员经费 | 公用经费, or one column headed 基本支出 (Jiangsu); a
    # final account of two panels prints a code's figure in its expense type's 金额
    for whole in ("basic_expenditure", "personnel", "public"):
        _whole_figure(basic, "amount", whole)
    return basic


def _printed_lines(amounts: pd.DataFrame, kinds: list[str]) -> pd.DataFrame:
    """The rows of these table kinds as printed, with no code to key them: each its
    ``line`` (the printed name) and its whole figure as ``amount``."""
    wide = _wide(amounts, kinds, coded=False)
    if wide.empty:
        return wide
    _whole_figure(wide, "amount", "total")
    return wide.rename(columns={"row_label": "line"})


def _procurement(amounts: pd.DataFrame) -> pd.DataFrame:
    """The lines of a 政府采购预算表 as printed, each with the category printed above it,
    its quantity where a 数量 column counts it, and its figure and funds in 万元."""
    wide = _printed_lines(amounts, ["government_procurement"])
    if wide.empty:
        return wide
    categories, current = [], None
    for line in wide["line"]:
        category = procurement_category(line)
        current = category if category and category != "total" else current
        categories.append(category or current)
    wide["category"] = categories
    wide["quantity"] = _counts(amounts, wide)
    return wide


def _counts(amounts: pd.DataFrame, wide: pd.DataFrame) -> pd.Series:
    """Each wide row's count (a 数量 or 人数 column, in 台, 人 …), which amounts keeps as a
    figure of its own unit beside the row's money, so a row takes it by table and row."""
    counted = amounts[amounts["unit"].isin(COUNT_UNITS)].drop_duplicates(["table", "row"])
    counts = {
        (table, row): amount
        for table, row, amount in zip(
            counted["table"], counted["row"], counted["amount"], strict=True
        )
    }
    return pd.Series(
        [counts.get(key) for key in zip(wide["table"], wide["row"], strict=True)],
        index=wide.index,
        dtype=object,
    )


def _meetings_and_training(amounts: pd.DataFrame) -> pd.DataFrame:
    """The meetings and trainings a budget plans, a line each as its 会议费 / 培训费明细表
    prints it: the name, how many attend (人数) and its 金额; the tables print no total,
    so the lines are the whole of what the text's 会议费 and 培训费 figures spend."""
    wide = _printed_lines(amounts, ["meeting_details", "training_details"])
    if wide.empty:
        return wide
    wide["participants"] = _counts(amounts, wide)
    return wide


def _by_function_code(amounts: pd.DataFrame, table: str) -> pd.DataFrame:
    """A coded table by function code, one column per printed column: the 收入决算表
    (income by source); a row coded otherwise is no figure of a function."""
    wide = _wide(amounts, [table])
    if wide.empty:
        return wide
    wide = wide[wide["code"].map(is_function_code)]
    return _coded(wide, "function_code", "function_name")


def _project_spending(amounts: pd.DataFrame) -> pd.DataFrame:
    """Every printed row of the project tables, coded or not: a 项目支出表 lists its
    projects by name (项目名称, with the 单位名称 that spends on each), by class of project
    under each unit's line (支出项目类别), by function code, or by economic code alone
    (一般公共预算项目支出情况表（按经济分类科目）: [302]商品和服务支出), a 部门预算项目支出及
    其他支出预算表 lists every fund's projects under each unit's line, a 财政拨款结转资金支出表
    the projects that spend last year's appropriations (each with its function code and the
    government economic code beside it), and a performance evaluation's 项目支出情况表 prints
    each project's budget and what was spent of it.

    A row's code goes to ``function_code`` or ``economic_code`` by its classification, so
    302 never enters the function codes; a row printing no code keeps its printed name as
    ``line`` (合计, a unit's or a class's line), unless that name is only the unit beside
    its project (``budget_unit``) or the project itself (a listing that names its projects
    and its units' lines in one column, 西安's 单位（项目）名称 units, classes and projects).
    A table of one 预算 column gives it as the ``total``."""
    wide = _wide(amounts, list(_PROJECT_TABLES), coded=False)
    if wide.empty:
        return wide
    codes = wide["code"]
    function = codes.map(is_function_code)
    economic = codes.map(is_code) & ~function
    wide["function_code"] = codes.where(function)
    wide["function_name"] = wide["row_label"].where(function)
    wide["economic_code"] = codes.where(economic)
    wide["economic_name"] = wide["row_label"].where(economic)
    wide["level"] = [code_level(code) if is_code(code) else None for code in codes]
    named = (wide["row_label"] == wide["budget_unit"]) | (wide["row_label"] == wide["project"])
    wide["line"] = wide["row_label"].where((codes == "") & ~(named & (wide["project"] != "")))
    _whole_figure(wide, "total", "amount")
    return wide


#: The levels of the guiding catalogue (指导性目录) a 政府购买服务明细表 names each line by.
_CATALOGUE_LEVELS = ("level_1", "level_2", "level_3")


def _purchased_services(amounts: pd.DataFrame) -> pd.DataFrame:
    """The services a budget buys, a line each as its 政府购买服务明细表 prints it: the line's
    path in the guiding catalogue (the reader keeps the names of its level columns as the
    label's path, 一级 / 二级 / 三级), each level apart, its project or unit where printed
    and its 预算金额; the 合计 line is kept as printed, with no level."""
    wide = _printed_lines(amounts, ["purchased_services"])
    if wide.empty:
        return wide
    levels = [[] if line in TOTAL_LABELS else line.split(LABEL_PATH) for line in wide["line"]]
    for depth, name in enumerate(_CATALOGUE_LEVELS):
        wide[name] = [path[depth] if depth < len(path) else None for path in levels]
    return wide


def _state_assets(amounts: pd.DataFrame) -> pd.DataFrame:
    """What a 国有资产占用情况表 says the department holds, a figure a row: the line it is
    printed on (合计, a unit, or an item such as 房屋), the column's header path naming what
    it counts (车辆（辆） / 一般公务用车), and the figure in the unit that column prints (辆,
    台（套）, ㎡), or in 万元 where it prints the table's money unit. Templates differ in what
    they list down and across, so the figures stay long, each with its own names."""
    held = amounts[amounts["table"] == "state_assets"]
    if held.empty:
        return pd.DataFrame()
    return held.rename(columns={"row_label": "line", "column_label": "item"})


def _summary_lines(amounts: pd.DataFrame) -> pd.DataFrame:
    """The lines of the two-sided summary tables, which print names and no codes; an
    expenditure line gets the function class its name stands for, to compare it by code."""
    summary = _wide(amounts, list(SUMMARY_TABLES), _SUMMARY_COLUMNS, coded=False)
    if summary.empty:
        return summary
    summary = summary.rename(columns={"row_label": "line"})
    summary["function_class"] = [
        function_class_for_name(line) if side == "expenditure" else None
        for line, side in zip(summary["line"], summary["side"], strict=True)
    ]
    return summary


def _add_context(frames: Frames, context: dict[str, object]) -> None:
    """Phase, year and publisher on every view of the amounts and on the performance
    resources; the amounts, tables and findings rows are keyed by report alone."""
    for name, frame in frames.items():
        if (
            name not in ("amounts", "report_tables", "findings", "narrative_claims")
            and not frame.empty
        ):
            for key, value in context.items():
                frame[key] = value


def _report_row(
    extraction: Extraction, source: dict[str, str], checked: int, findings: list
) -> pd.DataFrame:
    """The reports row of a report that was read: what was found and what was wrong."""
    return pd.DataFrame(
        [
            {
                "report_id": extraction.report_id,
                **_report_facts(source),
                "status": "ok",
                "tables_found": len(extraction.tables),
                "amounts": len(extraction.amounts),
                "identity_checks": checked,
                "source_inconsistencies": sum(f.kind == SOURCE_INCONSISTENCY for f in findings),
                "extraction_failures": sum(f.kind == EXTRACTION_FAILURE for f in findings),
            }
        ]
    )


def _number(text: str | None) -> Decimal | None:
    quantity = parse_quantity(text)
    return quantity.value if quantity is not None else None


def _quantity_columns(prefix: str, text: str | None) -> dict[str, object]:
    """A printed target or actual value, and its comparator, number and unit if it is one."""
    quantity = parse_quantity(text)
    return {
        prefix: text or None,
        f"{prefix}_comparator": quantity.comparator if quantity else None,
        f"{prefix}_value": quantity.value if quantity else None,
        f"{prefix}_unit": quantity.unit if quantity else None,
    }


_TEXT_COLUMNS = (
    "activity",
    "level1",
    "level2",
    "level3",
    "deviation_reason",
    "target_basis",
    "previous_value",
    "scoring_rule",
    "evidence",
)


def performance_frames(forms: list[PerformanceForm]) -> Frames:
    """The performance forms of one report: forms, their fund lines, their indicators."""
    form_rows, fund_rows, indicator_rows = [], [], []
    for number, form in enumerate(forms, start=1):
        form_rows.append(
            {
                "form": number,
                "table": form.table,
                "title_printed": form.title,
                "first_page": form.pages[0],
                "last_page": form.pages[-1],
                **{key: form.details.get(key) for key in FORM_DETAILS},
                "goal": form.goals.get("goal"),
                "outcome": form.goals.get("outcome"),
                "total_points": _number(form.total.get("weight")),
                "total_score": _number(form.total.get("score")),
                "indicators": len(form.indicators),
            }
        )
        for line_number, line in enumerate(form.funds, start=1):
            fund_rows.append(
                {
                    "form": number,
                    "line": line_number,
                    "page": line.page,
                    "fund": line.fund or None,
                    "fund_label": line.label,
                    "breakdown": line.by or None,
                    **{key: _number(text) for key, text in line.values.items()},
                }
            )
        for indicator_number, indicator in enumerate(form.indicators, start=1):
            texts = indicator.texts
            indicator_rows.append(
                {
                    "form": number,
                    "indicator": indicator_number,
                    "page": indicator.page,
                    **{key: texts.get(key) for key in _TEXT_COLUMNS},
                    **_quantity_columns("target", texts.get("target")),
                    **_quantity_columns("actual", texts.get("actual")),
                    "points": _number(texts.get("weight")),
                    "score": _number(texts.get("score")),
                }
            )
    frames = {
        "performance_forms": pd.DataFrame(form_rows),
        "performance_funds": pd.DataFrame(fund_rows).rename(columns={"weight": "points"}),
        "performance_indicators": pd.DataFrame(indicator_rows),
    }
    return {name: frame for name, frame in frames.items() if not frame.empty}


def _coded(wide: pd.DataFrame, code: str, name: str) -> pd.DataFrame:
    wide = wide.rename(columns={"code": code, "row_label": name})
    wide["level"] = wide[code].map(code_level)
    return wide


def _three_public(amounts: pd.DataFrame) -> pd.DataFrame:
    """This year's figure of each 三公 item, budget and actual, and per fund where the
    table prints the item per fund (``budget_general_budget`` …); a table listing its
    budget units (深圳: a unit's 2025年 | 2026年 | 增减变化金额 rows) gives a row per unit and
    item, the unit's name beside it. ``row`` is the amounts row of the item's figures."""
    subset = amounts[amounts["table"] == "three_public"]
    units = subset["budget_unit"].fillna("")
    measures = [
        f"{measure}{fund}"
        for measure in THREE_PUBLIC_MEASURES
        for fund in ("", *(f"_{fund}" for fund in THREE_PUBLIC_FUNDS))
    ]
    rows = []
    for unit in dict.fromkeys(units):
        by_column = dict(tuple(subset[units == unit].groupby("column", sort=False)))
        for item in THREE_PUBLIC_ITEMS.values():
            figures, found = {}, []
            for measure in measures:
                match = by_column.get(f"{item.key}_{measure}")
                figures[measure] = match["amount"].iloc[0] if match is not None else None
                if match is not None:
                    found.append(match)
            if all(value is None for value in figures.values()):
                continue
            first = pd.concat(found).sort_values("row").iloc[0]
            rows.append(
                {
                    "table": "three_public",
                    "row": int(first["row"]),
                    "budget_unit": unit or None,
                    "item": item.key,
                    "item_name": item.cn,
                    **figures,
                    "page": int(first["page"]),
                }
            )
    return pd.DataFrame(rows)


def _findings_frame(findings: list) -> pd.DataFrame:
    frame = _records(findings)
    if not frame.empty:
        frame.insert(1, "finding", range(1, len(frame) + 1))
    return frame


def failed_frames(report_id: str, source: dict[str, str], error: DocumentError) -> Frames:
    """A report that could not be read: one reports row saying why, and nothing else."""
    return {
        "reports": pd.DataFrame(
            [
                {
                    "report_id": report_id,
                    **_report_facts(source),
                    "status": "failed",
                    "error_reason": error.reason,
                    # The file by its name: where a worker kept its copy is no part of the data.
                    "error_message": f"{Path(error.path).name}: {error.message}",
                    "tables_found": 0,
                    "amounts": 0,
                    "identity_checks": 0,
                    "source_inconsistencies": 0,
                    "extraction_failures": 0,
                }
            ]
        )
    }


#: Where each code list takes its codes from: (list, resource, code field, name field);
#: summary_lines' 类 lines too (:func:`code_lists`).
_CODED_RESOURCES = (
    ("function_codes", "function_spending", "function_code", "function_name"),
    ("function_codes", "income_by_source", "function_code", "function_name"),
    ("function_codes", "project_spending", "function_code", "function_name"),
    ("economic_codes", "basic_spending_economic", "economic_code", "economic_name"),
    ("economic_codes", "spending_economic", "economic_code", "economic_name"),
    ("economic_codes", "operating_costs", "economic_code", "economic_name"),
    ("economic_codes", "project_spending", "economic_code", "economic_name"),
)
#: The resources the repository's package derives from all reports' rows together, and
#: the reports' resources they are derived from (with ``reports`` for the stage's summary).
_DERIVED = (*CODE_LISTS, "budget_vs_actual")
_DERIVED_FROM = tuple(
    dict.fromkeys([*(source for _, source, _, _ in _CODED_RESOURCES), "summary_lines", "reports"])
)


def code_lists(frames: Frames) -> Frames:
    """Function and economic code lists from every code the reports print."""
    lists: Frames = {}
    for name, source, code_column, name_column in _CODED_RESOURCES:
        frame = frames.get(source)
        if frame is None or frame.empty:
            continue
        pairs = frame[[code_column, name_column]].set_axis(["code", "name"], axis=1)
        # a project table's rows print a function code, an economic code or none
        pairs = pairs[pairs["code"].fillna("") != ""]
        lists[name] = pd.concat([lists.get(name, pd.DataFrame()), pairs])
    summary = frames.get("summary_lines")
    if summary is not None and not summary.empty:
        classes = summary[summary["function_class"].fillna("") != ""]
        pairs = pd.DataFrame(
            {
                "code": classes["function_class"],
                "name": [CHINESE_NUMBERING.sub("", x) for x in classes["line"]],
            }
        )
        lists["function_codes"] = pd.concat([lists.get("function_codes", pd.DataFrame()), pairs])
    result: Frames = {}
    for name, pairs in lists.items():
        pairs = pairs[pairs["name"] != ""]
        chosen = (
            pairs.groupby(["code", "name"])
            .size()
            .reset_index(name="n")
            .sort_values(["code", "n", "name"], ascending=[True, False, True])
            .drop_duplicates("code")
        )
        codes = _with_ancestors(chosen[["code", "name"]])
        codes["level"] = codes["code"].map(code_level)
        codes["parent"] = codes["code"].map(parent_code)
        if name == "economic_codes":
            codes["expense_type"] = codes["code"].map(economic_expense_type)
        result[name] = codes.sort_values("code").reset_index(drop=True)
    return result


def _with_ancestors(codes: pd.DataFrame) -> pd.DataFrame:
    """Add parents that no report prints, so every parent reference resolves."""
    known = dict(zip(codes["code"], codes["name"], strict=True))
    for code in list(known):
        parent = parent_code(code)
        while parent and parent not in known:
            known[parent] = ""
            parent = parent_code(parent)
    frame = pd.DataFrame(sorted(known.items()), columns=["code", "name"])
    frame.loc[frame["name"] == "", "name"] = "（未列示）"
    return frame


def budget_vs_actual(frames: Frames, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Budget and final figures of the same publisher, year, scope, fund, budget unit
    (blank for the department's own rows) and function code.

    Both sides come from function_spending, so each figure keeps its report and page
    there; the execution rate is final / budget, rounded to 0.01 %. A row that is one part
    of its function code, split over the economic codes beside it, is no function code's
    figure and is compared with none.
    """
    spending = frames.get("function_spending")
    if spending is None or spending.empty:
        return pd.DataFrame()
    catalogue = conform(CATALOGUE, catalogue)
    current = catalogue[catalogue["superseded_by"].fillna("") == ""]  # corrections replace
    scope = current.drop_duplicates("report_id").set_index("report_id")["scope"]
    spending = spending[spending["report_id"].isin(scope.index)]
    spending = spending.assign(scope=spending["report_id"].map(scope))
    spending = spending.assign(budget_unit=spending["budget_unit"].fillna(""))
    # a part of a function code split over economic codes is not that code's figure
    codes = ["government_economic_code", "economic_code"]
    parts = spending.reindex(columns=codes, fill_value="").astype(object).fillna("")
    spending = spending[(parts == "").all(axis=1)]
    keys = ["publisher_id", "fiscal_year", "scope", "fund", "budget_unit", "function_code"]
    sides = {}
    for phase in ("budget", "final"):
        side = spending[spending["phase"] == phase]
        # A table that prints no 基本支出 / 项目支出 column leaves those figures empty.
        side = side.reindex(
            columns=[*keys, "function_name", "level", "report_id", *SPENDING_MEASURES]
        )
        sides[phase] = side.rename(
            columns={"report_id": f"{phase}_report_id"}
            | {column: f"{phase}_{column}" for column in SPENDING_MEASURES}
        )
    joined = sides["budget"].merge(
        sides["final"].drop(columns=["function_name", "level"]), on=keys, how="inner"
    )
    if joined.empty:
        return joined
    budget = joined["budget_total"].map(_decimal)
    final = joined["final_total"].map(_decimal)
    joined["difference"] = [f - b for b, f in zip(budget, final, strict=True)]
    joined["execution_rate"] = [
        (f / b * 100).quantize(Decimal("0.01")) if b else None
        for b, f in zip(budget, final, strict=True)
    ]
    return joined.sort_values(keys).reset_index(drop=True)


def _decimal(value: object) -> Decimal:
    return Decimal(0) if value in (None, "") or pd.isna(value) else Decimal(str(value))


def write_package(frames: Frames, catalogue: pd.DataFrame, paths: dict[str, Path]) -> None:
    """Write the resources named in ``paths``, replacing old files only once all are written."""
    frames = {**frames, **code_lists(frames), CATALOGUE: catalogue}
    frames["budget_vs_actual"] = budget_vs_actual(frames, catalogue)
    with ExitStack() as files:
        for name in resource_names():
            if name in paths:
                staged = files.enter_context(replacing(paths[name]))
                write_csv(name, frames.get(name, pd.DataFrame()), staged)


def join_reports(
    directories: list[Path], catalogue: pd.DataFrame, paths: dict[str, Path]
) -> Frames:
    """Write the repository's package (the resources named in ``paths``) from the one-report
    packages in ``directories``, in their order, replacing old files only once all are
    written; return the resources read (the reports' summary among them).

    A report's rows go in as its extraction wrote them: the files of one resource are the
    same schema's lines, so they are joined under one header, never parsed and written
    again (at a thousand reports, the amounts' 800,000 rows read and written took most of
    the stage). Only what the package derives from all reports together is computed: the
    code lists from every code printed, budget_vs_actual across each publisher's documents.
    """
    read = read_reports(directories, _DERIVED_FROM)
    derived = {**code_lists(read), CATALOGUE: catalogue}
    derived["budget_vs_actual"] = budget_vs_actual(read, catalogue)
    with ExitStack() as files:
        for name in resource_names():
            if name not in paths:
                continue
            staged = files.enter_context(replacing(paths[name]))
            if name in (CATALOGUE, *_DERIVED):
                write_csv(name, derived.get(name, pd.DataFrame()), staged)
                continue
            with staged.open("w", encoding="utf-8", newline="") as handle:
                handle.write(_header(name) + "\n")
                handle.writelines(_report_lines(name, directories))
    return read


def read_reports(directories: list[Path], names: tuple[str, ...] | None = None) -> Frames:
    """Each resource's rows (of ``names``, default all) of the reports ``fiscal extract``
    wrote into ``directories``, in their order: their lines joined and parsed once, since
    parsing a thousand reports' twenty small files one by one cost far more."""
    frames: Frames = {}
    for name in names or [n for n in resource_names() if n not in (CATALOGUE, *CODE_LISTS)]:
        lines = list(_report_lines(name, directories))
        if lines:
            text = io.StringIO(_header(name) + "\n" + "".join(lines))
            frames[name] = pd.read_csv(text, dtype=str, keep_default_na=False)
    return frames


def _header(name: str) -> str:
    return ",".join(field_names(name))


def _report_lines(name: str, directories: list[Path]) -> Iterator[str]:
    """Each report's rows of one resource as written, without its header. Every file
    prints the schema's header (the extractor's key covers the schema); one that does not
    was written by another version of the schema."""
    header = _header(name)
    for directory in directories:
        path = directory / f"{name}.csv"
        if not path.exists():
            continue
        first, _, rows = path.read_text(encoding="utf-8").partition("\n")
        if first != header:
            raise FileNotFoundError(f"{path}: written under another schema; run `dvc repro`")
        if rows.strip():
            yield rows if rows.endswith("\n") else rows + "\n"
