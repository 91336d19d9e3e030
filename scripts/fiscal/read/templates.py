"""The one registry of standard tables: how each is titled, laid out and labelled.

Tables are recognised by the title printed above them and by the labels of their
header cells, never by page numbers or file names. Every province prints the same
Ministry-of-Finance tables with small variations, so a template lists patterns, not
exact strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fiscal.vocabulary import LIST_NUMBERING

CODED = "coded"  # rows keyed by a classification code, values in named columns
TWO_SIDED = "two_sided"  # income lines on the left, spending lines on the right
PANELS = "panels"  # code | name | amount repeated side by side
GRID = "grid"  # one row of values under a two-level header (the 三公 table)
FORM = "form"  # a performance form: a header block of labelled values, then indicator rows


@dataclass(frozen=True)
class ColumnRule:
    """A value column: its key in the data and a pattern for one header label."""

    key: str
    pattern: str
    label_en: str
    label_cn: str

    def matches(self, label: str) -> bool:
        return re.search(self.pattern, label) is not None


@dataclass(frozen=True)
class TableTemplate:
    key: str
    phase: str
    title_cn: str
    title_en: str
    title_pattern: str
    layout: str
    code_kind: str = ""
    #: Each dimension resolves one part of a column key from the header labels,
    #: deepest label first; the parts are joined with '_'.
    dimensions: tuple[tuple[ColumnRule, ...], ...] = field(default=())

    def matches_title(self, title: str) -> bool:
        return re.search(self.title_pattern, title) is not None


def _rules(*rows: tuple[str, str, str, str]) -> tuple[ColumnRule, ...]:
    return tuple(ColumnRule(*row) for row in rows)


#: Value columns shared by the coded and two-sided tables, most specific first.
VALUE_COLUMNS = _rules(
    ("fiscal_appropriation", r"^财政拨款.*(小计|合计)$", "fiscal appropriation", "财政拨款收入"),
    ("total", r"合计|小计|总计", "total", "合计"),
    ("amount", r"^(决算数|预算数|金额|决算金额|预算金额)$", "amount", "金额"),
    (
        "transfer_general_budget",
        r"上级.*一般公共预算.*转移支付",
        "general-budget transfers from higher level",
        "上级一般公共预算安排的转移支付",
    ),
    (
        "transfer_government_fund",
        r"上级.*基金.*转移支付",
        "government-fund transfers from higher level",
        "上级政府性基金安排的转移支付",
    ),
    ("general_budget", r"一般公共预算", "general public budget", "一般公共预算"),
    ("government_fund", r"政府性?基金", "government funds budget", "政府性基金预算"),
    (
        "state_capital",
        r"国有.{0,2}本.{0,2}营",
        "state capital operations budget",
        "国有资本经营预算",
    ),
    ("fiscal_special_account", r"财政专户", "fiscal special account", "财政专户核拨"),
    ("unit_funds", r"单位资金", "unit's own funds", "单位资金"),
    (
        "non_appropriation_carryover",
        r"非财政拨款结转",
        "non-appropriation carry-over",
        "非财政拨款结转结余",
    ),
    ("appropriation_carryover", r"财政拨款结转", "appropriation carry-over", "财政拨款结转"),
    ("fiscal_appropriation", r"财政拨款", "fiscal appropriation", "财政拨款收入"),
    ("upper_subsidy", r"上级补助", "subsidy from higher level", "上级补助收入"),
    ("operating_income", r"经营收入", "operating income", "经营收入"),
    ("institution_income", r"事业收入", "public-institution income", "事业收入"),
    ("subsidiary_remittance", r"附属单位上缴", "remittance from subsidiaries", "附属单位上缴收入"),
    ("other_income", r"其他收入", "other income", "其他收入"),
    ("basic_expenditure", r"基本支出", "basic expenditure", "基本支出"),
    ("project_expenditure", r"项目支出", "project expenditure", "项目支出"),
    ("remittance_to_upper", r"上缴上级", "remittance to higher level", "上缴上级支出"),
    ("operating_expenditure", r"经营支出", "operating expenditure", "经营支出"),
    ("subsidy_to_subsidiaries", r"对附属单位补助", "subsidy to subsidiaries", "对附属单位补助支出"),
    ("carryover_begin", r"年初.*结转", "carry-over at start of year", "年初结转和结余"),
    ("carryover_end", r"年末.*结转", "carry-over at end of year", "年末结转和结余"),
    ("income", r"^本年收入$", "income of the year", "本年收入"),
    ("personnel", r"人员经费", "personnel costs", "人员经费"),
    ("public", r"公用经费", "public costs", "公用经费"),
    ("initial_budget", r"年初预算", "initial budget", "年初预算数"),
    ("adjusted_budget", r"调整预算|全年预算", "adjusted budget", "全年预算数"),
)

#: Economic categories of the project-spending table (一般公共预算项目支出情况表).
PROJECT_COLUMNS = _rules(
    ("total", r"合计", "total", "项目支出合计"),
    (
        "capital_construction",
        r"资本性支出.*基本建设",
        "capital expenditure (construction)",
        "资本性支出（基本建设）",
    ),
    ("capital_expenditure", r"资本性支出", "capital expenditure", "资本性支出"),
    (
        "enterprise_subsidies_construction",
        r"对企业补助.*基本建设",
        "subsidies to enterprises (construction)",
        "对企业补助（基本建设）",
    ),
    ("enterprise_subsidies", r"对企业补助", "subsidies to enterprises", "对企业补助"),
    ("wages_and_benefits", r"工资福利", "wages and benefits", "工资福利支出"),
    ("goods_and_services", r"商品和服务", "goods and services", "商品和服务支出"),
    ("household_subsidies", r"对个人和家庭", "subsidies to households", "对个人和家庭的补助"),
    ("debt_interest", r"债务利息", "debt interest", "债务利息及费用支出"),
    (
        "social_security_fund_subsidies",
        r"社会保障基金",
        "subsidies to social security funds",
        "对社会保障基金补助",
    ),
    ("other_expenditure", r"其他支出", "other expenditure", "其他支出"),
)

THREE_PUBLIC_ITEMS = _rules(
    ("operating_costs", r"机关运行经费", "government running costs", "机关运行经费"),
    ("total", r"^合计$|三公.*经费$", "total", "合计"),
    ("overseas_travel", r"出国", "overseas travel", "因公出国（境）费"),
    ("vehicles", r"购置及运行|^小计$", "official vehicles", "公务用车购置及运行费"),
    ("vehicle_purchase", r"购置费$", "vehicle purchase", "公务用车购置费"),
    ("vehicle_operation", r"运行(维护)?费$", "vehicle operation", "公务用车运行费"),
    ("reception", r"接待", "official reception", "公务接待费"),
)
THREE_PUBLIC_MEASURES = _rules(
    ("budget", r"预算", "budget", "预算数"),
    ("actual", r"决算|实际", "actual", "决算数"),
)

#: Columns of the indicator grid of a performance form (自评表 and 绩效目标表).
INDICATOR_COLUMNS = _rules(
    ("level1", r"一级指标", "Level-1 indicator", "一级指标"),
    ("level2", r"二级指标", "Level-2 indicator", "二级指标"),
    ("level3", r"三级指标", "Level-3 indicator", "三级指标"),
    ("target_basis", r"设置依据", "Basis of the target", "指标值设置依据"),
    ("previous_value", r"上年完成值", "Last year's value", "上年完成值"),
    ("scoring_rule", r"赋分规则", "Scoring rule", "指标赋分规则"),
    ("evidence", r"佐证", "Evidence", "佐证资料"),
    ("actual", r"实际完成值", "Actual value", "实际完成值"),
    ("target", r"指标值", "Target", "年度指标值"),
    ("weight", r"分值|权重", "Points", "分值"),
    ("score", r"得分", "Score", "得分"),
    ("deviation_reason", r"偏差原因", "Reason for deviation", "偏差原因分析及改进措施"),
)
#: Columns of the 项目资金 / 年度预算申请 block of a self-evaluation form.
FUND_MEASURES = _rules(
    ("initial_budget", r"年初预算", "Budget at the start of the year", "年初预算数"),
    ("full_year_budget", r"全年预算", "Budget for the whole year", "全年预算数"),
    ("executed", r"全年执行|执行数", "Spent in the year", "全年执行数"),
    ("execution_rate", r"执行率", "Execution rate (%)", "执行率"),
    ("weight", r"分值", "Points", "分值"),
    ("score", r"得分", "Score", "得分"),
)
#: Fund lines of a performance form, most specific first.
FUND_LINES = _rules(
    ("total", r"年度资金总额|年度预算总额|资金总额", "Total funds", "年度资金总额"),
    (
        "current_appropriation",
        r"当年财政拨款|财政拨款",
        "Appropriation of the year",
        "当年财政拨款",
    ),
    ("carryover", r"上年结转", "Carried over from last year", "上年结转资金"),
    ("general_budget", r"一般公共预算", "General public budget", "一般公共预算"),
    ("government_fund", r"政府性基金", "Government funds", "政府性基金拨款"),
    ("special_account", r"专户", "Special-account non-tax income", "纳入专户管理的非税收入拨款"),
    ("basic_expenditure", r"基本支出", "Basic expenditure", "基本支出"),
    ("project_expenditure", r"项目支出", "Project expenditure", "项目支出"),
    ("other", r"其他资金", "Other funds", "其他资金"),
)
#: Columns of the 部门整体支出绩效评价基础数据表; ``{year}`` keys take the year printed.
BASIC_DATA_COLUMNS = _rules(
    ("authorised_staff", r"编制数", "Authorised staff", "编制数"),
    ("actual_staff", r"实际在职人数", "Staff in post", "实际在职人数"),
    ("floor_area_control_rate", r"规模控制率", "Floor-area control rate", "规模控制率"),
    ("investment_control_rate", r"投资概算控制率", "Investment control rate", "投资概算控制率"),
    ("staff_control_rate", r"^控制率", "Staff control rate", "控制率"),
    ("approved_floor_area", r"批复规模", "Approved floor area", "批复规模"),
    ("actual_floor_area", r"实际规模", "Actual floor area", "实际规模"),
    ("budgeted_investment", r"预算投资", "Budgeted investment", "预算投资"),
    ("actual_investment", r"实际投资", "Actual investment", "实际投资"),
    ("final_{year}", r"(\d{4})年?决算", "Final account of the year", "决算数"),
    ("budget_{year}", r"(\d{4})年?预算", "Budget of the year", "预算数"),
)


def basic_data_column(label: str) -> str | None:
    """The column key of a 基础数据表 header label, with its year where it names one."""
    for rule in BASIC_DATA_COLUMNS:
        match = re.search(rule.pattern, label)
        if match:
            return rule.key.format(year=match.group(1)) if "{year}" in rule.key else rule.key
    return None


#: Header-block labels of a performance form and what they name.
FORM_LABELS = _rules(
    ("project", r"^项目(支出)?名称$", "Project", "项目名称"),
    (
        "department",
        r"预算(部门|单位)|部门(（单位）|\(单位\))?名称|主管部门",
        "Department",
        "预算部门",
    ),
    ("implementing_unit", r"^实施单位$", "Implementing unit", "实施单位"),
    ("manager", r"项目负责人", "Project manager", "项目负责人"),
)

TEMPLATES: tuple[TableTemplate, ...] = (
    TableTemplate(
        "performance_targets",
        "budget",
        "项目支出绩效目标表",
        "Performance targets of a project",
        r"项目支出绩效目标表",
        FORM,
    ),
    TableTemplate(
        "project_self_evaluation",
        "performance",
        "项目支出绩效自评表",
        "Performance self-evaluation of a project",
        r"项目支出绩效自评表",
        FORM,
    ),
    TableTemplate(
        "department_self_evaluation",
        "performance",
        "部门整体支出绩效自评表",
        "Performance self-evaluation of a department's whole spending",
        r"整体支出绩效自评表",
        FORM,
    ),
    TableTemplate(
        "performance_basic_data",
        "performance",
        "部门整体支出绩效评价基础数据表",
        "Basic data for the performance evaluation of a department",
        r"整体支出绩效评价基础(数据)?表",
        FORM,
    ),
    TableTemplate(
        "appropriation_summary",
        "final",
        "财政拨款收入支出决算总表",
        "Summary of fiscal appropriation income and expenditure",
        r"财政拨款收入支出决算总表",
        TWO_SIDED,
        "function",
        (VALUE_COLUMNS,),
    ),
    TableTemplate(
        "income_expenditure_summary",
        "final",
        "收入支出决算总表",
        "Summary of income and expenditure",
        r"(?<!财政拨款)收入支出决算总表",
        TWO_SIDED,
        "function",
        (VALUE_COLUMNS,),
    ),
    TableTemplate(
        "income",
        "final",
        "收入决算表",
        "Income by function",
        r"(?<!支出)收入决算表",
        CODED,
        "function",
        (VALUE_COLUMNS,),
    ),
    TableTemplate(
        "general_budget_basic_expenditure",
        "final",
        "一般公共预算财政拨款基本支出决算表",
        "General public budget basic expenditure by economic classification",
        r"一般公共预算财政拨款基本支出决算表",
        PANELS,
        "economic",
        (VALUE_COLUMNS,),
    ),
    TableTemplate(
        "general_budget_expenditure",
        "final",
        "一般公共预算财政拨款支出决算表",
        "General public budget expenditure by function",
        r"一般公共预算财政拨款支出决算表",
        CODED,
        "function",
        (VALUE_COLUMNS,),
    ),
    TableTemplate(
        "three_public",
        "final",
        "一般公共预算财政拨款“三公”经费支出决算表",
        'Budget and actual "three public" costs',
        r"三公.*经费支出决算表",
        GRID,
        "",
        (THREE_PUBLIC_ITEMS, THREE_PUBLIC_MEASURES),
    ),
    TableTemplate(
        "government_fund",
        "final",
        "政府性基金预算财政拨款收入支出决算表",
        "Government funds budget appropriations",
        r"政府性基金预算财政拨款(收入)?支出决算表",
        CODED,
        "function",
        (VALUE_COLUMNS,),
    ),
    TableTemplate(
        "state_capital",
        "final",
        "国有资本经营预算财政拨款支出决算表",
        "State capital operations budget appropriations",
        r"国有资本经营预算财政拨款(收入)?支出决算表",
        CODED,
        "function",
        (VALUE_COLUMNS,),
    ),
    TableTemplate(
        "expenditure",
        "final",
        "支出决算表",
        "Expenditure by function",
        r"(?<![款本入费])支出决算表",
        CODED,
        "function",
        (VALUE_COLUMNS,),
    ),
    # Budgets (预算): Shanghai prints 部门…预算表 1–9, Xinjiang 表1–表10 …总体情况表.
    *(
        TableTemplate(key, "budget", title_cn, title_en, pattern, layout, code_kind, dimensions)
        for key, title_cn, title_en, pattern, layout, code_kind, dimensions in (
            (
                "appropriation_summary",
                "财政拨款收支预算总表",
                "Summary of fiscal appropriation income and expenditure (budget)",
                r"财政拨款收支(预算)?(总|总体情况)表",
                TWO_SIDED,
                "function",
                (VALUE_COLUMNS,),
            ),
            (
                "income_expenditure_summary",
                "收支预算总表",
                "Summary of income and expenditure (budget)",
                r"(?<!财政拨款)收支(预算)?(总|总体情况)表",
                TWO_SIDED,
                "function",
                (VALUE_COLUMNS,),
            ),
            (
                "income",
                "收入预算总表",
                "Income by function (budget)",
                r"收入(预算)?(总|总体情况)表",
                CODED,
                "function",
                (VALUE_COLUMNS,),
            ),
            (
                "general_budget_basic_expenditure",
                "一般公共预算基本支出经济分类预算表",
                "General public budget basic expenditure by economic classification (budget)",
                r"一般公共预算基本支出.*(预算|情况)表",
                CODED,
                "economic",
                (VALUE_COLUMNS,),
            ),
            (
                "general_budget_expenditure",
                "一般公共预算支出功能分类预算表",
                "General public budget expenditure by function (budget)",
                r"一般公共预算(当年拨款)?支出(功能分类预算|情况)表",
                CODED,
                "function",
                (VALUE_COLUMNS,),
            ),
            (
                "government_fund",
                "政府性基金预算支出功能分类预算表",
                "Government funds budget expenditure (budget)",
                r"政府性基金预算支出.*(预算|情况)表",
                CODED,
                "function",
                (VALUE_COLUMNS,),
            ),
            (
                "state_capital",
                "国有资本经营预算支出功能分类预算表",
                "State capital operations budget expenditure (budget)",
                r"国有资本经营预算支出.*(预算|情况)表",
                CODED,
                "function",
                (VALUE_COLUMNS,),
            ),
            (
                "three_public",
                "“三公”经费和机关运行经费预算表",
                'Budget of "three public" costs and running costs',
                r"三公.*经费.*(预算|情况)表",
                GRID,
                "",
                (THREE_PUBLIC_ITEMS, THREE_PUBLIC_MEASURES),
            ),
            (
                "project_expenditure",
                "一般公共预算项目支出情况表",
                "Project spending by project and economic category (budget)",
                r"项目支出(情况|预算)表",
                CODED,
                "function",
                (PROJECT_COLUMNS,),
            ),
            (
                "expenditure",
                "支出预算总表",
                "Expenditure by function (budget)",
                r"(?<![款本])支出(预算)?(总|总体情况)表",
                CODED,
                "function",
                (VALUE_COLUMNS,),
            ),
        )
    ),
)


#: A line that is a table title: short, no sentence punctuation.
_MAX_TITLE_LENGTH = 60


def normalise_title(line: str) -> str:
    """Title text without spaces, quotes or list numbering, for pattern matching."""
    text = re.sub(r"[\s“”\"'‘’「」]", "", line)
    return LIST_NUMBERING.sub("", text)


def looks_like_title(line: str) -> bool:
    """A short line naming a table (…表), whether or not the registry knows the table."""
    title = normalise_title(line)
    return (
        bool(title)
        and len(title) <= _MAX_TITLE_LENGTH
        and title.endswith("表")
        and not (re.search(r"[。；，：:]|…{2,}|\.{4,}", title))
    )


def match_title(line: str) -> TableTemplate | None:
    """The template a printed line titles, or None if the line is not a table title."""
    title = normalise_title(line)
    if not title or len(title) > _MAX_TITLE_LENGTH or re.search(r"[。；，]|…{2,}|\.{4,}", title):
        return None
    for template in TEMPLATES:
        if template.matches_title(title):
            return template
    return None


def resolve_column(template: TableTemplate, labels: list[str]) -> str | None:
    """The column key for a value column's header labels (top to bottom), or None."""
    parts = []
    for rules in template.dimensions:
        part = next(
            (rule.key for label in reversed(labels) for rule in rules if rule.matches(label)),
            None,
        )
        if part is None:
            return None
        parts.append(part)
    return "_".join(parts)


def resolve_item(template: TableTemplate, label: str) -> str | None:
    """The item of a row, where a GRID table prints its items as rows (e.g. Xinjiang's 三公)."""
    return next((rule.key for rule in template.dimensions[0] if rule.matches(label)), None)


def resolve_item_column(template: TableTemplate, labels: list[str]) -> str | None:
    """The measure (and fund) of a value column of a GRID table with items as rows.

    The measure comes from the labels (预算数 / 决算数) or else from the phase; a fund
    column (一般公共预算, 政府性基金 …) adds the fund to the key.
    """
    measures = template.dimensions[1]
    measure = next(
        (rule.key for label in reversed(labels) for rule in measures if rule.matches(label)),
        "budget" if template.phase == "budget" else "actual",
    )
    fund = next(
        (rule.key for label in reversed(labels) for rule in VALUE_COLUMNS if rule.matches(label)),
        None,
    )
    if fund is None:
        return None
    return measure if fund == "total" else f"{measure}_{fund}"


def template_for(key: str, phase: str) -> TableTemplate:
    """The registry's template of a table key for a phase, else the key's in another phase
    (a performance form printed inside a budget is still that form)."""
    templates = [t for t in TEMPLATES if t.key == key]
    return next((t for t in templates if t.phase == phase), templates[0])


def column_title(template: TableTemplate, key: str) -> str | None:
    """The standard Chinese heading of a column key, e.g. 'reception_budget' → '公务接待费 预算数'.

    A key joins one rule key per dimension (see :func:`resolve_column`); tables that print
    items as rows add a fund from the value columns. None for a key the registry can't name.
    """
    titles, rest = [], key
    for rules in (*template.dimensions, VALUE_COLUMNS):
        fits = [rule for rule in rules if rest == rule.key or rest.startswith(f"{rule.key}_")]
        if fits:
            rule = max(fits, key=lambda rule: len(rule.key))
            titles.append(rule.label_cn)
            rest = rest[len(rule.key) + 1 :]
        if not rest:
            return " ".join(titles)
    return None
