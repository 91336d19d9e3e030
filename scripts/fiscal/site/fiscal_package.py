"""The package's spending, income and 三公 figures as a Fiscal Data Package, for OpenSpending
and the other tools that read that model.

Fiscal Data Package 0.3 (OpenSpending, http://fiscal.dataprotocols.org/spec/) is a
Tabular Data Package with a ``model``: ``measures`` (columns of money, each with its
currency, a factor to the real amount, a direction — expenditure or revenue — and a
budget phase — proposed, approved, adjusted or executed) and ``dimensions`` (groups of
attributes, each attribute a column, typed as a classification — administrative,
functional or economic —, an entity, a date, a location, a fact …).

Why the model reads a fact table of its own (``api/fiscal/facts.csv.gz``) rather than the
package's resources as they are:

* In the spec a measure's phase and direction are one value for all its rows. The package
  keeps budgets (预算) and final accounts (决算) in the same resources, told apart row by
  row by ``phase``; the fact table puts each figure in the measure of its phase and
  direction (``expenditure_approved`` …), so the measures can say them.
* The tools that read the model build one cube from the package's first resource, with
  every dimension's attributes columns of it (OpenSpending's loader does). Here the four
  resources that fit become the rows of one table with the same dimensions.
* A classification's hierarchy is a chain of ``parent`` attributes, each a column of the
  fact row: a row's 类 and 款 are written beside its own code. A row of spending by
  function that is one part of its code, split over economic codes (北京's 支出总表), has
  its department economic code in the economic classification too.

Each fact is one figure of ``function_spending``, ``basic_spending_economic``,
``income_by_source`` or ``three_public`` (a cell: report, table, row, column), its value
the package's exact decimal string in 万元 (``factor`` 10000 gives yuan, ``currency`` CNY),
and its ``source`` dimension names the cell it came from. Figures at every level (类, 款
and 项; 合计 beside its parts) are kept, as printed: a sum is meaningful within one
``column`` and one level of a classification.

What maps how:

* budget phase: a published 部门预算 is the budget as approved (预算法 §14: made public after
  it is approved), a 决算 the budget as executed; in a 三公 table the 预算数 column is the
  approved budget and the 决算数 column the executed one, whichever document prints it.
* direction: spending tables are expenditure; ``income_by_source`` (收入决算表, income by
  source) and the ``income`` column of a 财政拨款收入支出决算表 are revenue. The carry-over
  balances beside them (``carryover_begin``, ``carryover_end``) are stocks, neither
  spending nor revenue of the year, and are left out.
* fiscal period: China's fiscal year is the calendar year (预算法 §18).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fiscal.codes import code_level
from fiscal.site.api import dumps
from fiscal.site.data import SitePackage, region_label, row_records
from fiscal.site.downloads import write_gzipped
from fiscal.site.markup import href
from fiscal.site.paths import FISCAL_DESCRIPTOR, FISCAL_FACTS

#: The resources the model fits, with the direction of their figures.
FITTING = {
    "function_spending": "expenditure",
    "basic_spending_economic": "expenditure",
    "income_by_source": "revenue",
    "three_public": "expenditure",
}
#: Columns whose direction is not their resource's.
COLUMN_DIRECTIONS = {("function_spending", "income"): "revenue"}
#: Balances, not flows of the year: no measure of the spec holds them.
BALANCES = {("function_spending", "carryover_begin"), ("function_spending", "carryover_end")}
#: A report's phase → the spec's budget phase of its figures.
PHASES = {"budget": "approved", "final": "executed"}
#: Columns that hold one phase whichever document prints them.
COLUMN_PHASES = {("three_public", "budget"): "approved", ("three_public", "actual"): "executed"}
DIRECTIONS = ("expenditure", "revenue")
BUDGET_PHASES = ("approved", "executed")
#: The package's unit of money: 万元, ten thousand yuan.
CURRENCY, FACTOR, UNIT = "CNY", 10000, "万元 (10,000 CNY)"
RESOURCE = "facts"

_CN = {
    "expenditure": "支出",
    "revenue": "收入",
    "approved": "预算数（批准的预算）",
    "executed": "决算数（执行结果）",
}


def measure_name(direction: str, phase: str) -> str:
    return f"{direction}_{phase}"


#: The fact table's fields before its measures: (name, type, title, description).
_PLACE = (
    ("id", "string", "Fact / 数据编号", "resource/report_id/table/row (三公: row/item)/column."),
    ("report_id", "string", "Report id / 报告编号", "See api/reports/<report_id>.json."),
    ("resource", "string", "Resource / 数据表", "The package resource the figure is in."),
    ("table", "string", "Table / 表", "Standard table the figure comes from."),
    ("row", "integer", "Row / 行号", "Row of the table the figure stands in."),
    ("page", "integer", "Page / 页码", "1-based page of the PDF the figure is printed on."),
    ("publisher_id", "string", "Publisher id / 发布单位编号", "Stable id of the publisher."),
    ("publisher", "string", "Publisher / 发布单位", "The department or unit publishing."),
    ("admin_level", "string", "Level / 行政级别", "Level of government of the publisher."),
    ("department_kind", "string", "Kind / 部门类别", "Kind of department."),
    ("division_code", "string", "Division code / 行政区划代码", "GB/T 2260 code of the region."),
    ("region", "string", "Region / 地区", "Province, city and district of the publisher."),
    ("fiscal_year", "integer", "Fiscal year / 财年", "The calendar year the budget covers."),
    ("budget_phase", "string", "Budget phase / 预算阶段", "approved (预算) or executed (决算)."),
    ("direction", "string", "Direction / 收支", "expenditure (支出) or revenue (收入)."),
    (
        "fund",
        "string",
        "Fund / 资金范围",
        "all, appropriation (every fund's appropriations), general_budget, government_fund"
        " or state_capital.",
    ),
    (
        "budget_unit",
        "string",
        "Budget unit / 预算单位",
        "The budget unit a table listing its units one after another prints the figure for;"
        " blank for the department's own figures. Sum over the units or take the"
        " department's line, never both.",
    ),
)
_CODES = (
    ("class", "类", "The 类 (3 digits)."),
    ("group", "款", "The 款 (5 digits) of a 款 or 项 row."),
    ("item", "项", "The 项 (7 digits) of a 项 row."),
)
_LINE = (
    ("expense_type", "string", "Type / 经费类型", "personnel (人员经费) or public (公用经费)."),
    ("item", "string", "三公 item / 三公项目", "The 三公 table's line."),
    ("item_name", "string", "三公 item name / 项目名称", "As the vocabulary names it."),
    ("column", "string", "Column / 栏目", "The package field the figure is in (total …)."),
    ("column_title", "string", "Column title / 栏目名称", "That field's title."),
)
#: Fields whose values are fixed words: checked by Frictionless.
_ENUMS = {
    "resource": list(FITTING),
    "budget_phase": list(BUDGET_PHASES),
    "direction": list(DIRECTIONS),
}


def _field(name: str, kind: str, title: str, description: str) -> dict:
    field: dict = {"name": name, "type": kind, "title": title, "description": description}
    if name in _ENUMS:
        field["constraints"] = {"required": True, "enum": _ENUMS[name]}
    if name == "id":
        field["constraints"] = {"required": True, "unique": True}
    return field


def fact_fields() -> list[dict]:
    """The fact table's fields, in order: the figure's place, its classifications, then
    one measure per direction and phase (a fact fills exactly one)."""
    fields = [_field(*place) for place in _PLACE]
    for kind, cn in (("function", "功能分类"), ("economic", "经济分类")):
        label = kind.title()
        for part, level, description in _CODES:
            fields.append(
                _field(f"{kind}_{part}", "string", f"{label} {part} / {cn}{level}", description)
            )
            fields.append(
                _field(
                    f"{kind}_{part}_name",
                    "string",
                    f"{label} {part} name / {level}名称",
                    "From the code list, else as the report prints it.",
                )
            )
        fields.append(
            _field(
                f"{kind}_code",
                "string",
                f"{label} code / {cn}科目编码",
                "The row's own code, at its level.",
            )
        )
        fields.append(_field(f"{kind}_name", "string", f"{label} name / 科目名称", "As printed."))
        fields.append(
            _field(f"{kind}_level", "integer", f"{label} level / 级次", "1 类, 2 款, 3 项.")
        )
    fields += [_field(*line) for line in _LINE]
    for direction in DIRECTIONS:
        for phase in BUDGET_PHASES:
            title = f"{direction.title()}, {phase} / {_CN[direction]}{_CN[phase]}"
            fields.append(
                _field(measure_name(direction, phase), "number", title, "万元.") | {"unit": UNIT}
            )
    return fields


def measure_columns(package: SitePackage, resource: str) -> list[tuple[str, str]]:
    """A fitting resource's money columns (number fields in 万元) and their titles."""
    schema = next(r for r in package.descriptor["resources"] if r["name"] == resource)["schema"]
    return [
        (field["name"], field.get("title", field["name"]))
        for field in schema["fields"]
        if field["type"] == "number"
        and "万元" in field.get("unit", "")
        and (resource, field["name"]) not in BALANCES
    ]


def _hierarchy(kind: str, record: dict[str, str], names: dict[str, str]) -> dict[str, str]:
    """A row's code with the 类 and 款 it falls under (GB classification codes of 3, 5 and 7
    digits), each named from the code list, else as the report prints it. A row of spending
    by function split over economic codes has its department economic code beside its own
    (``function_spending.economic_code``): named from the code list, at that code's level."""
    code = record[f"{kind}_code"]
    parts = {"class": code[:3], "group": code[:5] if len(code) >= 5 else ""}
    parts["item"] = code if len(code) == 7 else ""
    row = {f"{kind}_{part}": value for part, value in parts.items()}
    row |= {f"{kind}_{part}_name": names.get(value, "") for part, value in parts.items()}
    own = f"{kind}_name" in record  # else a code beside the row's own
    return row | {
        f"{kind}_code": code,
        f"{kind}_name": record[f"{kind}_name"] if own else names.get(code, ""),
        f"{kind}_level": record["level"] if own else str(code_level(code)),
    }


def _code_names(package: SitePackage, kind: str) -> dict[str, dict[str, str]]:
    """Report id → code → name: the code list's name, else the one the report prints (for a
    code the list lacks); every code of the list for every report."""
    listed = package.frame(f"{kind}_codes")
    standard = dict(zip(listed["code"], listed["name"], strict=True))
    names: dict[str, dict[str, str]] = {}
    for resource in FITTING:
        frame = package.frame(resource)
        if {f"{kind}_code", f"{kind}_name"} <= set(frame.columns):
            rows = frame[["report_id", f"{kind}_code", f"{kind}_name"]].values
            for report_id, code, name in rows:
                names.setdefault(report_id, dict(standard)).setdefault(code, name)
    return names


def _place(resource: str, record: dict[str, str], report: dict[str, str]) -> dict[str, str]:
    """Where a row of a fitting resource is: its report, publisher, year, table and line."""
    return {
        "report_id": record["report_id"],
        "resource": resource,
        "table": record["table"],
        "row": record.get("row", ""),
        "page": record["page"],
        "publisher_id": record["publisher_id"],
        "publisher": report["publisher"],
        "admin_level": report["admin_level"],
        "department_kind": report["department_kind"],
        "division_code": report["division_code"],
        "region": region_label(report),
        "fiscal_year": record["fiscal_year"],
        "fund": record.get("fund", ""),
        "budget_unit": record.get("budget_unit", ""),
        "expense_type": record.get("expense_type", ""),
        "item": record.get("item", ""),
        "item_name": record.get("item_name", ""),
    }


def facts(package: SitePackage) -> pd.DataFrame:
    """One row per figure of the fitting resources, in the package's order (resource, row,
    column), every value the package's text."""
    reports = package.reports.set_index("report_id").to_dict(orient="index")
    names = {kind: _code_names(package, kind) for kind in ("function", "economic")}
    rows: list[dict[str, str]] = []
    for resource, resource_direction in FITTING.items():
        measures = measure_columns(package, resource)
        for record in row_records(package.frame(resource)):
            base = _place(resource, record, reports[record["report_id"]])
            for kind in ("function", "economic"):
                if record.get(f"{kind}_code"):
                    base |= _hierarchy(kind, record, names[kind][record["report_id"]])
            # a 三公 table prints its items across one row, or each unit's in a row of its own
            place = [base["row"], base["item"]] if base["item"] else [base["row"]]
            key = "/".join([resource, record["report_id"], record["table"], *place])
            for column, title in measures:
                if record[column] == "":
                    continue
                direction = COLUMN_DIRECTIONS.get((resource, column), resource_direction)
                phase = COLUMN_PHASES.get((resource, column)) or PHASES[record["phase"]]
                rows.append(
                    base
                    | {
                        "id": f"{key}/{column}",
                        "budget_phase": phase,
                        "direction": direction,
                        "column": column,
                        "column_title": title,
                        measure_name(direction, phase): record[column],
                    }
                )
    columns = [field["name"] for field in fact_fields()]
    return pd.DataFrame(rows, columns=columns, dtype=object).fillna("")


def _attribute(source: str, **more: str) -> dict:
    return {"source": source, **more}


def _classification(kind: str, classification: str) -> dict:
    """A code dimension whose hierarchy is 类 → 款 → 项, keyed by the row's own code."""
    return {
        "dimensionType": "classification",
        "classificationType": classification,
        "attributes": {
            "class": _attribute(f"{kind}_class"),
            "class_name": _attribute(f"{kind}_class_name", labelfor="class"),
            "group": _attribute(f"{kind}_group", parent="class"),
            "group_name": _attribute(f"{kind}_group_name", labelfor="group"),
            "item": _attribute(f"{kind}_item", parent="group"),
            "item_name": _attribute(f"{kind}_item_name", labelfor="item"),
            "code": _attribute(f"{kind}_code"),
            "name": _attribute(f"{kind}_name", labelfor="code"),
            "level": _attribute(f"{kind}_level"),
        },
        "primaryKey": "code",
    }


def model() -> dict:
    """The spec's ``model``: a measure per direction and phase, and the dimensions."""
    measures = {}
    for direction in DIRECTIONS:
        for phase in BUDGET_PHASES:
            name = measure_name(direction, phase)
            measures[name] = {
                "source": name,
                "resource": RESOURCE,
                "currency": CURRENCY,
                "factor": FACTOR,
                "direction": direction,
                "phase": phase,
                "title": f"{_CN[direction]}{_CN[phase]}（万元）",
            }
    economic = _classification("economic", "economic")
    economic["attributes"]["expense_type"] = _attribute("expense_type")
    dimensions = {
        "administrator": {
            "dimensionType": "classification",
            "classificationType": "administrative",
            "description": "The publishing department or unit (发布单位).",
            "attributes": {
                "code": _attribute("publisher_id"),
                "title": _attribute("publisher", labelfor="code"),
                "locationCode": _attribute("division_code"),
                "level": _attribute("admin_level"),
                "kind": _attribute("department_kind"),
            },
            "primaryKey": "code",
        },
        "location": {
            "dimensionType": "location",
            "description": "The publisher's region; codeList GB/T 2260.",
            "attributes": {
                "code": _attribute("division_code"),
                "title": _attribute("region", labelfor="code"),
            },
            "primaryKey": "code",
        },
        "fiscal-period": {
            "dimensionType": "datetime",
            "attributes": {"year": _attribute("fiscal_year")},
            "primaryKey": "year",
        },
        "budget-phase": {
            "dimensionType": "other",
            "attributes": {"phase": _attribute("budget_phase")},
            "primaryKey": "phase",
        },
        "direction": {
            "dimensionType": "other",
            "attributes": {"direction": _attribute("direction")},
            "primaryKey": "direction",
        },
        "functional-classification": _classification("function", "functional"),
        "economic-classification": economic,
        "account": {
            "dimensionType": "entity",
            "description": "The fund spent from (资金范围).",
            "attributes": {"id": _attribute("fund")},
            "primaryKey": "id",
        },
        "budget-unit": {
            "dimensionType": "entity",
            "description": "The budget unit (预算单位) a table listing its units prints the"
            " figure for; blank for the department's own: sum within one.",
            "attributes": {"name": _attribute("budget_unit")},
            "primaryKey": "name",
        },
        "three-public-item": {
            "dimensionType": "other",
            "attributes": {
                "code": _attribute("item"),
                "title": _attribute("item_name", labelfor="code"),
            },
            "primaryKey": "code",
        },
        "column": {
            "dimensionType": "other",
            "description": "The printed column (合计, 基本支出 …): sum within one.",
            "attributes": {
                "code": _attribute("column"),
                "title": _attribute("column_title", labelfor="code"),
            },
            "primaryKey": "code",
        },
        "source": {
            "dimensionType": "fact",
            "attributes": {
                "id": _attribute("id"),
                "report": _attribute("report_id"),
                "resource": _attribute("resource"),
                "table": _attribute("table"),
                "row": _attribute("row"),
                "page": _attribute("page"),
            },
            "primaryKey": "id",
        },
    }
    for dimension in dimensions.values():
        for attribute in dimension["attributes"].values():
            attribute["resource"] = RESOURCE
    return {"measures": measures, "dimensions": dimensions}


def fiscal_descriptor(package: SitePackage, frame: pd.DataFrame) -> dict:
    """The Fiscal Data Package's descriptor, its one resource the fact table beside it."""
    source = package.descriptor
    years = sorted({int(year) for year in frame["fiscal_year"] if year})
    descriptor = {
        "profile": "tabular-data-package",
        "profiles": {"fiscal": "*", "tabular": "*"},
        "name": f"{source.get('name', 'data-package')}-fiscal",
        "title": f"{source.get('title', '')} — Fiscal Data Package".strip(" —"),
        "description": (
            "Spending by function and by economic class, income by source and 三公 costs "
            "of the data package, one row per printed figure, modelled as an OpenSpending "
            "Fiscal Data Package. Amounts in 万元 (factor 10000 to CNY). Figures of every "
            "level and column are kept as printed: sum within one column and one level."
        ),
        **{key: source[key] for key in ("version", "licenses") if key in source},
        "countryCode": "CN",
        "granularity": "aggregated",
        "resources": [
            {
                "name": RESOURCE,
                "path": href(FISCAL_DESCRIPTOR, FISCAL_FACTS),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": "Figures / 数据",
                "description": "One row per figure of " + ", ".join(FITTING) + ".",
                "schema": {"fields": fact_fields(), "primaryKey": ["id"]},
            }
        ],
        "model": model(),
    }
    if years:
        descriptor["fiscalPeriod"] = {"start": f"{years[0]}-01-01", "end": f"{years[-1]}-12-31"}
    return descriptor


def write_fiscal_package(package: SitePackage, docs: Path) -> None:
    """Write the fact table (UTF-8, no byte-order mark: it is for programs; gzip-compressed
    as every CSV under ``api/``) and its descriptor."""
    frame = facts(package)
    csv = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
    write_gzipped(docs, FISCAL_FACTS, csv)
    descriptor = fiscal_descriptor(package, frame)
    (docs / FISCAL_DESCRIPTOR).write_text(dumps(descriptor), encoding="utf-8")
