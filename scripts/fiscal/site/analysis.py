"""Analysis-ready views of the package's resources, for the site's per-resource downloads.

The package is normalised: a ``three_public`` row names its report and publisher id, and
only the catalogue (``sources``) says who the publisher is, where, at which level and in
which scope; a table printed with 本表无数据 is a ``report_tables`` row and no figures. A
researcher who opens one CSV in a spreadsheet sees none of that, so the downloads join it
back. The package itself (its CSVs, the zip, the SQLite base tables) stays as it is: a view
only adds columns and rows, and its resource columns are the package's values unchanged.

What a view of a per-report resource adds, first:

- the report's context from the catalogue: publisher id and name, province / city /
  district, division code, government level, kind of department, year, phase, scope and
  the corrected version that replaces it (``superseded_by``);
- ``overlaps_units`` and ``department_report_id``, so a sum can avoid counting twice (see
  :func:`report_context`);
- ``amount_unit`` where the rows are a printed table's figures: 万元, or what a column counts;
- ``table_status`` and ``table_note`` where the resource is a view of printed tables: a
  table printed with no figures (``no_data``: 本表无数据, 无“三公”经费; ``empty``: printed
  blank) gets one row of its own with no figures, while a report that prints no such table
  has no row, so "none spent" and "not published" no longer look the same.

The Chinese name of every column comes from its descriptor title (``English / 中文``);
the columns a view adds are described here, next to the code that fills them.
"""

from __future__ import annotations

import math

import pandas as pd

from fiscal.numbers import COUNT_UNITS
from fiscal.schema import CATALOGUE
from fiscal.site.data import SitePackage

#: The catalogue's facts a view of a per-report resource carries, in this order (the
#: catalogue's ``family`` is the ``phase`` of every other resource).
CATALOGUE_CONTEXT = (
    "publisher_id",
    "publisher",
    "province",
    "city",
    "district",
    "division_code",
    "admin_level",
    "department_kind",
    "fiscal_year",
    "phase",
    "scope",
    "superseded_by",
)
#: What a resource keyed by publisher (not by report) can take from the catalogue.
PUBLISHER_CONTEXT = CATALOGUE_CONTEXT[:8]
OVERLAPS = "overlaps_units"
DEPARTMENT_REPORT = "department_report_id"
AMOUNT_UNIT = "amount_unit"
TABLE_STATUS = "table_status"
TABLE_NOTE = "table_note"
#: Statuses of a printed table without figures (``report_tables.status``).
NO_FIGURES = ("no_data", "empty")
EXTRACTED = "extracted"

#: The columns a view adds that no resource has, described as the descriptor describes
#: its own (title ``English / 中文``, description in both languages).
ADDED_FIELDS: dict[str, dict] = {
    OVERLAPS: {
        "name": OVERLAPS,
        "type": "boolean",
        "title": "Overlaps its units' reports / 含下属单位报告",
        "description": (
            "true on the rows of a department-scope (部门) report when the package also "
            "holds, extracted, a unit-scope (单位) report of one of its units for the same "
            "year and phase: the department's figures include the unit's, so a sum over "
            "both counts the unit twice. A unit is the department's when it has the same "
            "publisher id, or a publisher name that begins with the department's name. "
            "部门口径报告：本数据包另有其下属单位（同一发布单位编号，或名称以本部门名称开头）"
            "同年度、同阶段的单位口径报告时为 true，两者相加会重复计算。"
        ),
    },
    DEPARTMENT_REPORT: {
        "name": DEPARTMENT_REPORT,
        "type": "string",
        "title": "Department report / 所属部门报告",
        "description": (
            "On the rows of a unit-scope report: the department's report of the same year "
            "and phase whose figures include this unit's (the nearest department: the one "
            "with the same publisher id, else the longest name the unit's name begins "
            "with). To sum without counting twice, leave out the rows where it is set. "
            "单位口径报告：包含本单位数字的部门报告编号；求和时剔除此列非空的行即不重复。"
        ),
    },
    AMOUNT_UNIT: {
        "name": AMOUNT_UNIT,
        "type": "string",
        "title": "Amount unit / 金额单位",
        "description": (
            "Unit of the row's amounts: 万元 (converted from the unit printed), or what a "
            "column counts (人, 辆, % …). Blank where the document prints no unit. "
            "本行金额的单位：万元（已由原文单位换算），或计数单位。"
        ),
    },
    TABLE_STATUS: {
        "name": TABLE_STATUS,
        "type": "string",
        "title": "Table status / 表状态",
        "description": (
            "extracted: a row of figures as printed; no_data: the report prints this table "
            "with a note that it has none (本表无数据), and this one row without figures "
            "stands for it; empty: the table is printed blank. A report that prints no such "
            "table has no row at all. 已提取 / 注明无数据（本行代表该表，无数字）/ 空表；"
            "报告未印此表则无行。"
        ),
        "constraints": {"enum": [EXTRACTED, *NO_FIGURES]},
    },
    TABLE_NOTE: {
        "name": TABLE_NOTE,
        "type": "string",
        "title": "Table note / 表注",
        "description": (
            "On a no_data row: the note printed with the table (本表无数据 …). "
            "注明无数据的行：原文表注。"
        ),
    },
}


#: Each descriptor type in Chinese, for the dictionary page and each workbook's 数据字典.
TYPE_NAMES = {
    "string": "文本",
    "integer": "整数",
    "number": "数值",
    "boolean": "布尔",
    "date": "日期",
}
#: The sheet every workbook ends with, and its columns: the Chinese names a data sheet's
#: single header row of field names leaves out.
DICTIONARY_SHEET = "数据字典"
DICTIONARY_COLUMNS = ("工作表", "字段", "中文名", "类型", "单位", "说明")


def chinese_label(field: dict) -> str:
    """A field's Chinese name: the part of its title after ``English / ``."""
    title = field.get("title", field["name"])
    return title.split(" / ", 1)[1] if " / " in title else title


def dictionary_rows(sheet: str, fields: list[dict]) -> list[tuple[str, ...]]:
    """A sheet's lines in a 数据字典: each field with its Chinese name, type, unit and
    description, in the sheet's column order."""
    return [
        (
            sheet,
            field["name"],
            chinese_label(field),
            TYPE_NAMES.get(field["type"], field["type"]),
            field.get("unit", ""),
            field.get("description", ""),
        )
        for field in fields
    ]


def dictionary_frame(rows: list[tuple[str, ...]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(DICTIONARY_COLUMNS))


def _fields(resource: dict) -> list[dict]:
    return resource["schema"]["fields"]


def _field_names(resource: dict) -> list[str]:
    return [field["name"] for field in _fields(resource)]


def _by_report(resource: dict) -> bool:
    """A resource of rows of reports (a view joins their context), not the catalogue."""
    return resource["name"] != CATALOGUE and "report_id" in _field_names(resource)


def _by_publisher(resource: dict) -> bool:
    """A resource keyed by publisher rather than by report (``budget_vs_actual``)."""
    names = _field_names(resource)
    return "report_id" not in names and "publisher_id" in names and resource["name"] != CATALOGUE


def _of_tables(resource: dict) -> bool:
    """A resource whose rows are printed tables' rows: its key names the table."""
    key = resource["schema"].get("primaryKey", [])
    return "table" in ([key] if isinstance(key, str) else key)


def amount_unit(resource: dict) -> str | None:
    """The one unit a table resource's number fields declare (万元), or None: a resource of
    no printed table's figures, or one mixing units (万元 and %), gets no unit column; its
    fields' units are in the data dictionary."""
    if not _of_tables(resource):
        return None
    units = {f.get("unit") for f in _fields(resource) if f["type"] == "number"}
    if len(units) != 1 or None in units:
        return None
    return units.pop().split(" (")[0]


def _status_view(resource: dict) -> bool:
    """A view of printed tables that a table without figures gets a row in (not the list
    of tables itself, which says each table's status already)."""
    return _of_tables(resource) and "status" not in _field_names(resource)


def view_columns(package: SitePackage, name: str) -> list[str] | None:
    """The columns of a resource's view, context first; None for a resource without one
    (the catalogue, the code lists), whose download is the package's file."""
    resource = package.resource(name)
    own = _field_names(resource)
    if _by_report(resource):
        added = ["report_id", *CATALOGUE_CONTEXT, OVERLAPS, DEPARTMENT_REPORT]
        if amount_unit(resource):
            added.append(AMOUNT_UNIT)
        if _status_view(resource):
            added += [TABLE_STATUS, TABLE_NOTE]
    elif _by_publisher(resource):
        added = list(PUBLISHER_CONTEXT)
    else:
        return None
    return added + [column for column in own if column not in added]


def view_fields(package: SitePackage, name: str) -> list[dict]:
    """The fields of a resource's download, each as the descriptor defines it: the
    resource's own, the catalogue's for its context, and :data:`ADDED_FIELDS`."""
    resource = package.resource(name)
    columns = view_columns(package, name)
    if columns is None:
        return _fields(resource)
    defined = {f["name"]: f for f in _fields(package.resource("reports"))}
    defined |= {f["name"]: f for f in _fields(package.resource(CATALOGUE))}
    defined |= ADDED_FIELDS | {f["name"]: f for f in _fields(resource)}
    unit = amount_unit(resource)
    if unit:
        defined[AMOUNT_UNIT] = {**ADDED_FIELDS[AMOUNT_UNIT], "unit": unit}
    return [defined[column] for column in columns]


def _department_of(unit: dict, departments: list[dict]) -> list[dict]:
    """The department reports (of the unit's year and phase) that include a unit report's
    figures: the same publisher id or a name the unit's name begins with; nearest first
    (the same id, then the longest name), the current version before a superseded one."""
    found = [
        department
        for department in departments
        if department["publisher_id"] == unit["publisher_id"]
        or (department["publisher"] and unit["publisher"].startswith(department["publisher"]))
    ]
    return sorted(
        found,
        key=lambda department: (
            department["publisher_id"] != unit["publisher_id"],
            -len(department["publisher"]),
            department["superseded_by"] != "",
            -_version(department["version"]),
            department["report_id"],
        ),
    )


def _version(printed: object) -> float:
    """A catalogue version as a number (1 where it is blank or not a number)."""
    try:
        number = float(printed)
    except (TypeError, ValueError):
        return 1.0
    return 1.0 if math.isnan(number) else number


def report_context(package: SitePackage) -> pd.DataFrame:
    """One row per catalogued report: its catalogue facts and its place among reports.

    The catalogue records no parent of a unit, so the relation is read from what it does
    record. A department-scope (部门) report's figures consolidate its units'; a unit-scope
    (单位) report of the same year and phase is one of them when it has the department's
    publisher id (a department publishing its own office's 单位预算, as Shanghai's do) or a
    publisher name that begins with the department's (福州市公安局 → 福州市公安局文职人员
    管理中心: the name carries the region, so no division code is compared, and a district
    office of a city department stays the city department's). Only extracted reports
    count: a report without figures in the package doubles nothing. A department report
    nested in another department's is not a unit and is not flagged.
    """
    reports = package.reports
    context = reports[["report_id", *CATALOGUE_CONTEXT]].copy()
    context["phase"] = reports["family"]
    extracted = reports[reports["status"] == "ok"]
    departments: dict[tuple[str, str], list[dict]] = {}
    for department in extracted[extracted["scope"] == "department"].to_dict("records"):
        year_and_phase = (department["fiscal_year"], department["family"])
        departments.setdefault(year_and_phase, []).append(department)
    overlapping: set[str] = set()
    department_of: dict[str, str] = {}
    for unit in extracted[extracted["scope"] == "unit"].to_dict("records"):
        found = _department_of(unit, departments.get((unit["fiscal_year"], unit["family"]), []))
        overlapping |= {department["report_id"] for department in found}
        if found:
            department_of[unit["report_id"]] = found[0]["report_id"]
    context[OVERLAPS] = context["report_id"].isin(overlapping).map({True: "true", False: "false"})
    context[DEPARTMENT_REPORT] = [department_of.get(report, "") for report in context["report_id"]]
    return context.reset_index(drop=True)


def _publishers(context: pd.DataFrame) -> pd.DataFrame:
    """Each publisher's facts as its latest year's report gives them."""
    year = pd.to_numeric(context["fiscal_year"], errors="coerce")
    latest = context.assign(_year=year).sort_values("_year", kind="stable")
    return latest.drop_duplicates("publisher_id", keep="last")[list(PUBLISHER_CONTEXT)]


def _row_units(frame: pd.DataFrame, unit: str) -> pd.Series:
    """Each row's amount unit: a printed count unit stays (人, 辆, %), a money unit is the
    package's (amounts are converted), and no printed unit is none."""
    if "unit" not in frame.columns:
        return pd.Series(unit, index=frame.index)
    printed = frame["unit"]
    return printed.where(printed.isin(COUNT_UNITS) | (printed == ""), unit)


def _no_figure_rows(package: SitePackage, frame: pd.DataFrame) -> pd.DataFrame:
    """A row for each printed table of a kind the resource holds that has no figures in
    it (no_data, empty): the table's own columns where the resource has them, its first
    page as the row's page."""
    tables = package.frame("report_tables")
    tables = tables[tables["status"].isin(NO_FIGURES) & tables["table"].isin(frame["table"])]
    keys = [k for k in ("report_id", "table", "instance") if k in frame.columns]
    present = set(frame[keys].itertuples(index=False, name=None))
    printed = pd.Series(list(tables[keys].itertuples(index=False, name=None)), dtype=object)
    tables = tables.loc[~printed.isin(present).to_numpy()]
    shared = [c for c in ("report_id", "table", "instance", "unit", "file") if c in frame.columns]
    rows = tables[shared].copy()
    if "page" in frame.columns:
        rows["page"] = tables["first_page"]
    rows[TABLE_STATUS] = tables["status"]
    rows[TABLE_NOTE] = tables["note"]
    return rows


def analysis_frame(package: SitePackage, name: str) -> pd.DataFrame:
    """A resource as its download gives it: the package's rows (in the package's order,
    values unchanged) with their context joined in front, then a row for each table
    printed without figures. A resource without a view is the package's frame."""
    frame = package.frame(name)
    columns = view_columns(package, name)
    if columns is None:
        return frame
    resource = package.resource(name)
    context = report_context(package)
    if _by_publisher(resource):
        joined = frame.merge(_publishers(context), on="publisher_id", how="left")
        return joined[columns].fillna("")
    rows = frame
    if _status_view(resource):
        figures = frame.assign(**{TABLE_STATUS: EXTRACTED, TABLE_NOTE: ""})
        without = _no_figure_rows(package, frame)
        rows = pd.concat([figures, without], ignore_index=True).fillna("")
    own = [c for c in rows.columns if c not in CATALOGUE_CONTEXT or c == "report_id"]
    joined = rows[own].merge(context, on="report_id", how="left", validate="many_to_one")
    unit = amount_unit(resource)
    if unit:
        joined[AMOUNT_UNIT] = _row_units(joined, unit)
    return joined.reindex(columns=columns).fillna("")


#: The table of :func:`report_context` in the SQLite download, which its views join.
CONTEXT_TABLE = "report_context"


def context_fields(package: SitePackage) -> list[dict]:
    """The fields of :func:`report_context`, as the views describe them."""
    fields = {f["name"]: f for f in view_fields(package, "reports")}
    return [fields[name] for name in ("report_id", *CATALOGUE_CONTEXT, OVERLAPS, DEPARTMENT_REPORT)]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _unit_sql(row: str, resource: dict) -> str:
    """:func:`_row_units` in SQL, on the rows of ``row`` (blank is NULL in the database)."""
    unit = amount_unit(resource)
    if "unit" not in _field_names(resource):
        return f"'{unit}'"
    counts = ", ".join(f"'{count}'" for count in COUNT_UNITS)
    printed = f"{row}.unit"
    kept = f"{printed} IS NULL OR {printed} IN ({counts})"
    return f"CASE WHEN {kept} THEN {printed} ELSE '{unit}' END"


def view_sql(package: SitePackage, name: str) -> str | None:
    """``CREATE VIEW <name>_view``: :func:`analysis_frame` in SQL over the package's tables
    and :data:`CONTEXT_TABLE`, so a database user gets the download's rows (in no set
    order) without the database holding the package twice. None where there is no view."""
    columns = view_columns(package, name)
    if columns is None:
        return None
    resource = package.resource(name)
    table, view = _quoted(name), _quoted(f"{name}_view")
    if _by_publisher(resource):
        facts = ", ".join(_quoted(c) for c in PUBLISHER_CONTEXT)
        latest = (
            f"SELECT {facts}, MAX(CAST(fiscal_year AS INTEGER)) FROM {CONTEXT_TABLE} "
            "GROUP BY publisher_id"
        )
        picked = [
            f"{'p' if c in PUBLISHER_CONTEXT[1:] else 't'}.{_quoted(c)} AS {_quoted(c)}"
            for c in columns
        ]
        return (
            f"CREATE VIEW {view} AS SELECT {', '.join(picked)} FROM {table} AS t "
            f"LEFT JOIN ({latest}) AS p ON p.publisher_id = t.publisher_id"
        )
    context = {*CATALOGUE_CONTEXT, OVERLAPS, DEPARTMENT_REPORT}

    def pick(column: str, row: str, status: bool) -> str:
        return f"{value(column, row, status)} AS {_quoted(column)}"

    def value(column: str, row: str, status: bool) -> str:
        if column in context:
            return f"c.{_quoted(column)}"
        fixed = {
            AMOUNT_UNIT: _unit_sql(row, resource),
            TABLE_STATUS: f"{row}.status" if status else f"'{EXTRACTED}'",
            TABLE_NOTE: f"{row}.note" if status else "NULL",
        }
        if column in fixed:
            return fixed[column]
        if not status or column in ("report_id", "table", "instance", "unit", "file"):
            return f"{row}.{_quoted(column)}"
        return f"{row}.first_page" if column == "page" else "NULL"

    join = f"LEFT JOIN {CONTEXT_TABLE} AS c ON c.report_id = {{row}}.report_id"
    figures = (
        f"SELECT {', '.join(pick(c, 't', False) for c in columns)} FROM {table} AS t "
        + join.format(row="t")
    )
    if not _status_view(resource):
        return f"CREATE VIEW {view} AS {figures}"
    keys = [k for k in ("report_id", "table", "instance") if k in columns]
    same = " AND ".join(f"t.{_quoted(k)} = s.{_quoted(k)}" for k in keys)
    statuses = ", ".join(f"'{status}'" for status in NO_FIGURES)
    without = (
        f"SELECT {', '.join(pick(c, 's', True) for c in columns)} FROM report_tables AS s "
        + join.format(row="s")
        + f' WHERE s.status IN ({statuses}) AND s."table" IN (SELECT "table" FROM {table})'
        + f" AND NOT EXISTS (SELECT 1 FROM {table} AS t WHERE {same})"
    )
    return f"CREATE VIEW {view} AS {figures} UNION ALL {without}"
