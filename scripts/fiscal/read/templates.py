"""The readers' registry of standard tables: how each is recognised and laid out.

Tables are recognised by the title printed above them and by the labels of their
header cells, never by page numbers or file names. Every province prints the same
Ministry-of-Finance tables with small variations, so a template lists patterns, not
exact strings. What a table and its columns are called is the vocabulary's: a template
or rule names a table kind or column key by its vocabulary key and holds no words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from fiscal import vocabulary
from fiscal.vocabulary import (
    CHANGE_ON_PREVIOUS,
    LIST_NUMBERING,
    OTHER_TABLE,
    PART_HEADING,
    PREVIOUS_YEAR,
    TABLE_KINDS,
    THREE_PUBLIC_FUNDS,
    Word,
    key_period,
)

CODED = "coded"  # rows keyed by a classification code, values in named columns
TWO_SIDED = "two_sided"  # income lines on the left, spending lines on the right
PANELS = "panels"  # code | name | amount repeated side by side
GRID = "grid"  # one row of values under a two-level header (the 三公 table)
FORM = "form"  # a performance form: a header block of labelled values, then indicator rows
GENERIC = "generic"  # a titled table no template knows: labels, header paths and figures


@dataclass(frozen=True)
class ColumnRule:
    """A pattern for one header label, and the key of the value column (or key part) it names.

    What the key is called is the vocabulary's entry for it, in the rule's group.
    """

    key: str
    pattern: str

    def matches(self, label: str) -> bool:
        return _compiled(self.pattern).search(label) is not None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@dataclass(frozen=True)
class TableTemplate:
    """How a table kind of the vocabulary is printed in one phase's documents."""

    key: str
    phase: str
    title_pattern: str
    layout: str
    code_kind: str
    #: Each dimension resolves one part of a column key from the header labels,
    #: deepest label first; the parts are joined with '_'.
    dimensions: tuple[tuple[ColumnRule, ...], ...]

    @cached_property
    def _title(self) -> re.Pattern[str]:
        return re.compile(self.title_pattern)

    def matches_title(self, title: str) -> bool:
        return self._title.search(title) is not None


def _rules(words: dict[str, Word], *rows: tuple[str, str]) -> tuple[ColumnRule, ...]:
    """Rules for keys of one vocabulary group: a key without an entry there fails at import,
    so the readers never produce a column the site and the data dictionary cannot name."""
    unnamed = [key for key, _ in rows if key not in words]
    if unnamed:
        raise KeyError(f"column keys without a vocabulary entry: {', '.join(unnamed)}")
    return tuple(ColumnRule(key, pattern) for key, pattern in rows)


#: Value columns shared by the coded and two-sided tables, most specific first.
VALUE_COLUMNS = _rules(
    vocabulary.VALUE_COLUMNS,
    ("fiscal_appropriation", r"^财政拨款.*(小计|合计)$"),
    # 增减(%), 增减率: a change in per cent, never money (the column's unit is %)
    ("percent", r"^(比上年)?(增减|增长|变动)(率|幅度|\s*[（(][%％][)）])$"),
    ("total", r"合计|小计|总计"),
    # 项目金额: the one figure of each line of a table of projects (西安's 专项业务经费支出表)
    ("amount", r"^(决算数|预算数|金额|决算金额|预算金额|预算|决算|项目金额)$"),
    # the one figure column of a 机关运行经费支出预算表
    ("amount", r"^机关运行经费(支出)?(预算|决算)?数?$"),
    ("transfer_general_budget", r"上级.*一般公共预算.*转移支付"),
    ("transfer_government_fund", r"上级.*基金.*转移支付"),
    ("general_budget", r"一般公共预算|^公共预算"),
    ("government_fund", r"政府性?基金"),
    ("state_capital", r"国有.{0,2}本.{0,2}营"),
    ("fiscal_special_account", r"财政专户"),
    ("education_fees", r"教育收费"),
    ("other_special_account", r"其他专户"),
    ("unit_funds", r"单位资金"),
    ("other_funds", r"^其他资金$"),
    ("non_appropriation_carryover", r"非财政拨款结[转余]|用事业基金弥补"),
    ("appropriation_carryover", r"财政拨款结转"),
    ("fiscal_appropriation", r"财政拨款"),
    ("upper_subsidy", r"上级补助"),
    ("operating_income", r"经营(服务)?收入"),
    ("institution_income", r"事业收入"),
    ("subsidiary_remittance", r"附属单位上缴"),
    ("other_income", r"其[他它]收入"),
    ("excluding_construction", r"扣除.*基建"),
    ("basic_expenditure", r"基本支出"),
    # 专项业务经费（支出）: the 项目支出 of Xi'an's 部门综合预算, beside 人员经费 and 公用经费
    ("project_expenditure", r"项目支出|^专项业务经费(支出)?$"),
    ("remittance_to_upper", r"上缴上级"),
    ("operating_expenditure", r"经营支出"),
    ("subsidy_to_subsidiaries", r"对附属单位补助"),
    ("carryover_begin", r"年初.*结转|^上年(结转|结余)"),
    ("carryover_end", r"年末.*结转|结转下年"),
    ("account_balance_begin", r"实户资金余额"),
    # 其中：专项资金列入部门预算项目, a part of the 一般公共预算拨款 beside it
    ("special_funds", r"^专项资金"),
    ("department_budget", r"^部门预算$"),
    ("unit_reserve", r"预留机动"),
    ("procurement_sme", r"预留给中小企业"),
    ("procurement_small_micro", r"预留给小型、?微型企业|预留给小微企业"),
    ("government_procurement", r"政府采购"),
    ("income", r"^本年收入$"),
    ("personnel", r"人员(经费|支出|类)"),
    ("public", r"公用(经费|支出|类)"),
    ("initial_budget", r"年初预算"),
    ("adjusted_budget", r"调整预算|全年预算"),
    ("approved_budget", r"预算批复|批复预算"),
    ("budget_received", r"预算到位|资金到位"),
    ("executed", r"实际执行|执行数"),
    ("execution_rate", r"执行率"),
    ("unspent_quota", r"指标结余"),
)

#: Economic categories of the project-spending table (一般公共预算项目支出情况表).
PROJECT_COLUMNS = _rules(
    vocabulary.PROJECT_COLUMNS,
    ("total", r"合计"),
    ("capital_construction", r"资本性支出.*基本建设"),
    ("capital_expenditure", r"资本性支出"),
    ("enterprise_subsidies_construction", r"对企业补助.*基本建设"),
    ("enterprise_subsidies", r"对企业补助"),
    ("wages_and_benefits", r"工资福利"),
    ("goods_and_services", r"商品和服务"),
    ("household_subsidies", r"对个人和家庭"),
    ("debt_interest", r"债务利息"),
    ("social_security_fund_subsidies", r"社会保障基金"),
    ("other_expenditure", r"其他支出"),
)

THREE_PUBLIC_ITEMS = _rules(
    vocabulary.THREE_PUBLIC_ITEMS,
    ("operating_costs", r"机关运行经费"),
    # 合计 (总计 where the items stand across the header: 总计 | 因公出国(境)费 | …), or a
    # label naming the 三公经费 and no one item (…“三公”经费预算, 三公经费预（决）算数)
    ("total", r"^(合计|总计)$|^(?!.*(出国|公务用车|接待|会议|培训)).*三公.*经费"),
    ("overseas_travel", r"出国"),
    ("vehicles", r"购置及运行"),
    ("vehicle_purchase", r"购置经?费?$"),  # 公务用车购置费 / 公务用车购置经费
    ("vehicle_operation", r"运行(维护)?(经?费)?$"),  # …运行费 / …运行维护费 / …运行维护
    ("reception", r"接待"),
    ("meetings", r"会议费"),
    ("training", r"培训费"),
)
THREE_PUBLIC_MEASURES = _rules(
    vocabulary.THREE_PUBLIC_MEASURES,
    ("budget", r"预算"),
    ("actual", r"决算|实际"),
)

#: Columns of the indicator grid of a performance form (自评表 and 绩效目标表). Where two
#: labels of a header name one column, the earlier rule's label is taken: a 绩效指标 names
#: the indicators (Beijing's 活动 | 绩效指标 | 指标性质 | 指标值 | 度量单位) only where no
#: 指标名称 does (Chongqing prints 绩效指标 as a label merged down the left of the grid).
INDICATOR_COLUMNS = _rules(
    vocabulary.INDICATOR_FIELDS,
    ("activity", r"^活动$"),
    ("level1", r"一级指标"),
    ("level2", r"二级指标"),
    ("level3", r"三级指标|^指标内容$|^指标名称$"),
    ("target_basis", r"设置依据"),
    ("previous_value", r"上年完成值"),
    ("scoring_rule", r"赋分规则"),
    ("evidence", r"佐证"),
    ("actual", r"实际完成值"),
    ("target_comparator", r"指标性质|指标值类型"),
    ("target", r"指标值"),
    ("target_unit", r"度量单位|计量单位"),
    ("weight", r"分值|权重"),
    ("score", r"得分"),
    ("deviation_reason", r"偏差原因"),
    ("level3", r"^绩效指标$"),
)
#: Columns of the 项目资金 / 年度预算申请 block of a self-evaluation form.
FUND_MEASURES = _rules(
    vocabulary.FUND_MEASURES,
    ("initial_budget", r"年初预算"),
    ("full_year_budget", r"全年预算"),
    ("executed", r"全年执行|执行数"),
    ("execution_rate", r"执行率"),
    ("weight", r"分值"),
    ("score", r"得分"),
)
#: Fund lines of a performance form, most specific first.
FUND_LINES = _rules(
    vocabulary.FUND_LINES,
    (
        "total",
        r"年度资金总额|年度预算总额|资金总额|项目总额|年度金额|预算支出总额|^当年预算$|^总计|^金额$",
    ),
    ("current_appropriation", r"当年财政拨款|财政拨款|财政资金"),
    ("carryover", r"上年结转"),
    ("general_budget", r"一般公共预算"),
    ("government_fund", r"政府性基金"),
    ("special_account", r"专户"),
    ("basic_expenditure", r"基本支出"),
    ("project_expenditure", r"项目支出"),
    ("other", r"其他资金"),
    ("municipal_spending", r"^市级支出$"),
    ("district_subsidies", r"^补助区县$"),
)
#: Columns of the 部门整体支出绩效评价基础数据表; ``{year}`` keys take the year printed.
BASIC_DATA_COLUMNS = _rules(
    vocabulary.BASIC_DATA_FIELDS,
    ("authorised_staff", r"编制数"),
    ("actual_staff", r"实际在职人数"),
    ("floor_area_control_rate", r"规模控制率"),
    ("investment_control_rate", r"投资概算控制率"),
    ("staff_control_rate", r"^控制率"),
    ("approved_floor_area", r"批复规模"),
    ("actual_floor_area", r"实际规模"),
    ("budgeted_investment", r"预算投资"),
    ("actual_investment", r"实际投资"),
    ("final_{year}", r"(\d{4})年?决算"),
    ("budget_{year}", r"(\d{4})年?预算"),
)


def basic_data_column(label: str) -> str | None:
    """The column key of a 基础数据表 header label, with its year where it names one."""
    for rule in BASIC_DATA_COLUMNS:
        match = re.search(rule.pattern, label)
        if match:
            return rule.key.format(year=match.group(1)) if "{year}" in rule.key else rule.key
    return None


#: The header of a column giving the goal of each project a form lists down its rows.
LISTED_GOAL = re.compile(r"^(项目)?(年度|当年)?(绩效|总体)目标$")
#: Header-block labels of a performance form and what they name.
FORM_LABELS = _rules(
    vocabulary.FORM_DETAILS,
    ("project", r"^项目(支出)?名称$"),
    ("department", r"预算(部门|单位)|部门(（单位）|\(单位\))?名称|主管部门"),
    ("implementing_unit", r"^实施单位$"),
    ("manager", r"项目负责人"),
)

#: The rules of each column group a table kind of the vocabulary names.
_DIMENSIONS = {
    "value": VALUE_COLUMNS,
    # A 项目支出表 prints its projects' economic categories, or the funds that pay for them.
    "project": PROJECT_COLUMNS + VALUE_COLUMNS,
    "three_public_item": THREE_PUBLIC_ITEMS,
    "three_public_measure": THREE_PUBLIC_MEASURES,
}


def _template(
    key: str, phase: str, title_pattern: str, layout: str, code_kind: str = ""
) -> TableTemplate:
    """A table kind's printing in a phase; a kind or phase the vocabulary has no title
    for fails at import, as does a column group without rules."""
    kind = TABLE_KINDS[key]
    if phase not in kind.titles:
        raise KeyError(f"table {key}: the vocabulary has no {phase} title")
    dimensions = tuple(_DIMENSIONS[group] for group in kind.columns)
    return TableTemplate(key, phase, title_pattern, layout, code_kind, dimensions)


TEMPLATES: tuple[TableTemplate, ...] = (
    # A budget's 项目支出绩效表 lists its projects with their goals (杭州 表11): their targets.
    _template("performance_targets", "budget", r"绩效目标(申报)?表|项目支出绩效表", FORM),
    _template("project_self_evaluation", "performance", r"项目支出绩效自评表", FORM),
    _template("department_self_evaluation", "performance", r"整体支出绩效自评表", FORM),
    _template("performance_basic_data", "performance", r"整体支出绩效评价基础(数据)?表", FORM),
    # Final accounts (决算).
    _template("appropriation_summary", "final", r"财政拨款收入支出决算总表", TWO_SIDED, "function"),
    _template(
        "income_expenditure_summary",
        "final",
        r"(?<!财政拨款)收入支出决算总表",
        TWO_SIDED,
        "function",
    ),
    _template("income", "final", r"(?<!支出)收入决算表", CODED, "function"),
    _template(
        "general_budget_basic_expenditure",
        "final",
        r"一般公共预算财政拨款基本支出决算(明细)?表",
        PANELS,
        "economic",
    ),
    _template(
        "general_budget_expenditure",
        "final",
        r"一般公共预算财政拨款支出决算(明细)?表",
        CODED,
        "function",
    ),
    # 一般公共预算财政拨款项目支出决算表: the projects' spending, printed beside the basic
    # spending's table by provinces that add it.
    _template("project_expenditure", "final", r"项目支出决算(明细)?表", CODED, "function"),
    _template("three_public", "final", r"三公.*经费支出决算表", GRID),
    _template(
        "government_fund", "final", r"政府性基金预算财政拨款(收入)?支出决算表", CODED, "function"
    ),
    _template(
        "state_capital", "final", r"国有资本经营预算财政拨款(收入)?支出决算表", CODED, "function"
    ),
    # 支出决算表, not the 决算 of a part of it that a kind below reads (政府采购支出决算表,
    # 机关运行经费支出决算表).
    _template(
        "expenditure",
        "final",
        r"^(?!.*(政府采购|机关运行)).*(?<![款本入费目])支出决算表",
        CODED,
        "function",
    ),
    # Budgets (预算): Shanghai prints 部门…预算表 1–9, Xinjiang 表1–表10 …总体情况表.
    _template(
        "appropriation_summary",
        "budget",
        r"财政拨款收支(预算)?(总|总体情况)表",
        TWO_SIDED,
        "function",
    ),
    _template(
        "income_expenditure_summary",
        "budget",
        # 政府性基金收支总表 sums one fund (read as a table of another kind), not the whole
        r"(?<!财政拨款)(?<!基金)(?<!基金预算)收支(预算)?(总|总体情况)表",
        TWO_SIDED,
        "function",
    ),
    # 政府性基金收支(总)表: the summary of one fund, printed like the whole's (收入 | 预算数 |
    # 支出 by function, by the department's and the government's economic class | 预算数).
    _template(
        "government_fund_summary",
        "budget",
        r"政府性基金(预算)?收支(预算)?(总)?表",
        TWO_SIDED,
        "function",
    ),
    _template("income", "budget", r"收入(预算)?(总|总体情况)表", CODED, "function"),
    # 一般公共预算基本支出（预算 / 情况 / 明细）表, by economic code; one by function code
    # (…明细表（按支出功能分类科目）) is another kind.
    _template(
        "general_budget_basic_expenditure",
        "budget",
        r"一般公共预算(财政)?(拨款)?基本支出(?!.*功能).*表",
        CODED,
        "economic",
    ),
    # 一般公共预算基本支出明细表（按支出功能分类科目）, （按功能科目分）: the basic spending by
    # function code, 合计 | 人员经费 | 公用经费 beside each code.
    _template(
        "general_budget_basic_expenditure_function",
        "budget",
        r"一般公共预算(财政)?(拨款)?基本支出(?=.*功能).*表",
        CODED,
        "function",
    ),
    # 一般公共预算（当年）（拨款）支出（预算 / 情况 / 明细 / 功能分类预算）表, with or without
    # （按功能分类）; one by economic code (…（按经济分类）, …经济分类情况表) is another kind.
    _template(
        "general_budget_expenditure",
        "budget",
        r"一般公共预算(当年)?(财政)?(拨款)?支出(?!.*经济)(功能分类预算|情况|预算|明细)?表",
        CODED,
        "function",
    ),
    # 一般公共预算支出经济分类情况表, 一般公共预算支出表（按经济分类）: the whole general
    # budget (basic and project spending) by economic code; the basic part alone
    # (一般公共预算基本支出…) is the kind above.
    _template(
        "general_budget_expenditure_economic",
        "budget",
        r"一般公共预算(当年)?(财政)?(拨款)?支出(?=.*表).*经济分类",
        CODED,
        "economic",
    ),
    # 政府性基金预算支出表, 政府性基金预算（财政）拨款支出预算表, 财政拨款政府性基金支出预算表.
    _template(
        "government_fund",
        "budget",
        r"政府性基金(预算)?(财政)?(拨款)?支出.*(预算|情况)?表",
        CODED,
        "function",
    ),
    _template(
        "state_capital",
        "budget",
        r"国有资本经营(预算)?(财政)?(拨款)?支出.*(预算|情况)?表",
        CODED,
        "function",
    ),
    _template("three_public", "budget", r"三公.*经费.*(预算|情况|培训费|支出)表", GRID),
    # 财政拨款支出预算表（功能科目） and 财政拨款基本支出预算表（经济科目）: every fund's
    # appropriations (Jiangsu), beside the one-fund tables above.
    _template(
        "appropriation_expenditure",
        "budget",
        r"^(?!.*(一般公共预算|基金|国有资本|基本支出|项目支出|三公)).*财政拨款支出(预算)?表",
        CODED,
        "function",
    ),
    _template(
        "appropriation_basic_expenditure",
        "budget",
        r"^(?!.*(一般公共预算|基金|国有资本)).*财政拨款基本支出(预算)?表",
        CODED,
        "economic",
    ),
    # 部门预算基本支出预算表, 基本支出总表: the basic spending of every fund (总计 | 财政拨款 … |
    # 财政专户拨款 | 其他资金, or 单位资金's sources) by budget unit, each unit's line over its
    # economic classes printed by name (and their 款, set further in); one of the general
    # budget or of the appropriations alone is a kind above.
    _template(
        "department_basic_expenditure",
        "budget",
        r"^(?!.*(一般公共预算|财政拨款|基金|国有资本|功能)).*基本支出(预算|总)表",
        CODED,
        "economic",
    ),
    # 一般公共预算机关运行经费支出预算表, by economic code; the 三公 table that adds a
    # 机关运行经费 column (“三公”经费和机关运行经费预算表) is the 三公 kind.
    _template(
        "operating_costs",
        "budget",
        r"^(?!.*三公).*机关运行经费(支出)?(预算|决算|情况|明细)?表",
        CODED,
        "economic",
    ),
    # 政府采购（支出）预算（明细）表, 政府采购（资产配置、购买服务）预算表: lines of the
    # procurement catalogue or projects, with codes of any kind or none, so read as printed
    # (every label and header path kept), its figures keyed where a header names them.
    _template("government_procurement", "budget", r"政府采购.*表", GENERIC),
    # 会议费明细表, 培训费明细表: a line per meeting or training (its name, when, how many
    # attend, 金额, 备注), no code and no total, so read as printed with 金额 keyed; the 三公
    # table that adds 会议费 and 培训费 columns is the 三公 kind.
    _template("meeting_details", "budget", r"^(?!.*三公).*会议费(预算)?明细表", GENERIC),
    _template("training_details", "budget", r"^(?!.*三公).*培训费(预算)?明细表", GENERIC),
    # (财政拨款)政府购买服务(预算)明细表: a line per service bought, named by the levels of
    # the guiding catalogue (指导性目录 一级 | 二级 | 三级) and, where printed, its project or
    # unit, with 预算金额 keyed; a generic row keeps every level as its label's path.
    _template("purchased_services", "budget", r"政府购买服务.*明细表", GENERIC),
    # 国有资产占用情况表: what the department holds (车辆 by kind, 单价50万元以上通用设备,
    # 房屋 …) by unit or by item, each column in what it counts (辆, 台（套）, ㎡, 万元), so read
    # as printed, every figure under its row's name and its column's header path.
    _template("state_assets", "budget", r"国有资产占用(情况)?(统计)?表", GENERIC),
    # 部门预算项目支出及其他支出预算表: every fund's projects (总计 | 财政拨款 … | 其他资金 |
    # 绩效目标), each under its unit's line, printed beside a 项目支出表 of the general budget.
    _template(
        "department_project_expenditure",
        "budget",
        r"项目支出及其他支出(预算)?表",
        CODED,
        "function",
    ),
    # (上年)结转资金支出表: the appropriations carried over from last year and spent this
    # year, a line per project (预算单位 | 预算项目名称 | 金额 | its function and government
    # economic codes | 项目类别 | 资金性质), read before any other kind of 支出表.
    _template(
        "carryover_expenditure",
        "budget",
        r"结转资金支出(预算)?表",
        CODED,
        "function",
    ),
    # 专项业务经费支出表: 西安's 部门综合预算 calls its project spending 专项业务经费, and lists
    # each unit's classes of project and projects by name under 单位（项目）名称.
    _template(
        "project_expenditure",
        "budget",
        r"项目支出(情况|预算|总)表|专项业务经费支出表",
        CODED,
        "function",
    ),
    _template(
        "expenditure", "budget", r"(?<![款本目])支出(预算)?(总|总体情况)表", CODED, "function"
    ),
)


#: A table of a kind no template knows, read generically wherever a title heads a grid.
OTHER = TableTemplate(OTHER_TABLE, "", "", GENERIC, "", ())

#: A line that is a table title: short, no sentence punctuation.
_MAX_TITLE_LENGTH = 60
_MIN_TITLE_LENGTH = 4  # 收入总表
#: What a title may print after its 表: qualifiers in brackets (（功能科目）, （一级项目）,
#: （按经济分类）) and a table number (公开01表, 表3). A run of digits is taken whole
#: (possessive): taken one or two digits at a time, a line ending in a long run of digits
#: and then a letter tried every split of the run before failing (87 ms for 25 digits).
_TITLE_TAIL = re.compile(r"(?:[（(][^（()）]{1,30}[)）]|[-—－]?\s*+\d++)+$")
#: A narrative heading about a table (七、政府性基金支出预算表情况说明) names it, but titles
#: no table.
_EXPLAINS_TABLE = re.compile(r"表(?:的)?(?:情况)?说明")
#: A title repeated over a continuation page: 续表, …表（续）, …表（续一）.
_CONTINUED = re.compile(r"^续表|[（(]续[一二三四五六七八九十\d]*[)）]$")


#: The number a table prints before its title: 表5, 附表1, 公开05表：, 预算01表.
_TABLE_NUMBER = re.compile(
    r"^(?:(?:公开|预算|决算)\s*\d{1,2}\s*表|附?表\s*\d{1,2}(?=\D|$))\s*[:：、.]?"
)


def normalise_title(line: str) -> str:
    """Title text without spaces, quotes, list numbering or table number, for matching."""
    text = _TABLE_NUMBER.sub("", LIST_NUMBERING.sub("", line.strip()).strip())
    return LIST_NUMBERING.sub("", re.sub(r"[\s“”\"'‘’「」]", "", text))


def looks_like_title(line: str) -> bool:
    """A short line naming a table (…表, maybe with a bracketed qualifier), whether or not
    the registry knows the table; a title repeated over a continuation page is none."""
    title = normalise_title(line)
    if not title or len(title) > _MAX_TITLE_LENGTH or _CONTINUED.search(title):
        return False
    if PART_HEADING.match(title):
        return False
    named = _TITLE_TAIL.sub("", title)
    return (
        named.endswith("表")
        and len(re.sub(r"\d", "", named)) >= _MIN_TITLE_LENGTH  # not a lone 表4 / 公开01表
        and not re.search(r"[。；，：:]|…{2,}|\.{4,}", title)
    )


def match_title(line: str) -> TableTemplate | None:
    """The template a printed line titles, or None if the line is not a table title."""
    title = normalise_title(line)
    if not title or len(title) > _MAX_TITLE_LENGTH or re.search(r"[。；，]|…{2,}|\.{4,}", title):
        return None
    if _EXPLAINS_TABLE.search(title):
        return None
    for template in TEMPLATES:
        if template.matches_title(title):
            return template
    return None


#: A header label that says which year the columns beneath it are of: 上年 / 本年 / 当年,
#: alone or before the measure (上年预算数, 本年预算); a printed year is read as one of
#: these first (:func:`relative_year`).
_PERIOD_LABEL = re.compile(r"^(上年|本年|当年)度?((?:预算|决算|执行)?数?)$")
#: A header label over the change on the previous year; 增减额 / 增减数 name the change's
#: amount where no label above them names the measure.
_CHANGE_LABEL = re.compile(r"^(比上年)?(增减|变动|增减变[化动])(金?额|数|情况)?$")
#: A header label comparing one year's figure with another's (2026年预算数比2025年执行数):
#: the columns beneath it are the change between them, and a qualifier in brackets
#: ((扣除中央基建投资)) names the measure that changes.
_COMPARISON_LABEL = re.compile(
    r"^(?:本年|上年|\d{4}年)\S*?比(?:上年|\d{4}年)[^（(]*(?:[（(]([^（()）]+)[)）])?$"
)
#: In a budget, 年初预算数 is the budget the document sets itself (a final account prints
#: it beside what was spent): its figure, the 预算数 of the columns beside it.
_OWN_BUDGET_LABEL = re.compile(r"^年初预算数?$")
_OWN_BUDGET = "预算数"
#: The label a change's amount (增减额) reads as: the measure of the columns it compares.
_MEASURE_LABEL = "金额"
_PRINTED_YEAR = re.compile(r"^(\d{4})年度?((?:预算|决算|执行)?数?)$")
#: Value columns that head a block of columns of their own kind: the 一般公共预算 under
#: 上年结转结余 is last year's carry-over, not this year's income.
_BLOCKS = ("carryover_begin", "carryover_end")
#: Value columns that head a block of the row's funds beside others (部门预算 beside 其他收入
#: under 总计): a 合计 under one is the block's, not the row's (:func:`row_total`).
_PART_BLOCKS = ("department_budget",)
#: Keys that qualify the measure of the label above them: 增减(%) under 扣除基建投资 is
#: that figure's change in per cent, not the row's.
_QUALIFIERS = ("percent",)
#: Keys that say nothing of a column's own meaning.
_MEASURE_ONLY = ("total", "amount")
#: A 小计 or 金额 under another label is that label's figure (一般公共预算拨款 / 小计,
#: “三公”经费 / 小计, 本级财政拨款 / 金额); a 合计 keeps its own key.
_SUBTOTAL = re.compile(r"^(小计|金额)$")
#: A column of part of the one it stands under (本级财政拨款 / 其中：经费拨款): its own key
#: where its words name one, else the parent's with ``_of_which`` — never a part of the
#: row's total.
_OF_WHICH = re.compile(r"^其中[:：]?")
#: A header 其中 over columns of its own (合计 | 基本支出 | 项目支出 | 其中: 事业单位经营支出 |
#: 上缴上级支出 …): each is ``of_which_`` its key, a part of another column, not of 合计.
_OF_WHICH_HEADER = re.compile(r"^其中[:：]?$")


def printed_years(labels: list[list[str]]) -> list[int]:
    """The years header labels print (2025年 | 2026年预算数), to tell the report's own."""
    matches = (_PRINTED_YEAR.match(label) for column in labels for label in column)
    return [int(match.group(1)) for match in matches if match]


def relative_year(label: str, current_year: int | None) -> str:
    """A printed year as 本年 or 上年: the latest year a header prints is the report's."""
    match = _PRINTED_YEAR.match(label)
    if match is None or current_year is None:
        return label
    return ("本年" if int(match.group(1)) == current_year else "上年") + match.group(2)


def _period(labels: list[str]) -> tuple[str, list[str]]:
    """The key prefix of a column of another year, and its labels without the period."""
    prefix, kept = "", []
    for label in labels:
        period = _PERIOD_LABEL.match(label)
        if period is not None:
            prefix = f"{PREVIOUS_YEAR}_" if period.group(1) == "上年" else prefix
            label = period.group(2)
        elif (comparison := _COMPARISON_LABEL.match(label)) is not None:
            prefix, label = f"{CHANGE_ON_PREVIOUS}_", comparison.group(1) or ""
        elif (change := _CHANGE_LABEL.match(label)) is not None:
            prefix = f"{CHANGE_ON_PREVIOUS}_"
            label = _MEASURE_LABEL if change.group(3) in ("额", "数") and not kept else ""
        if label:
            kept.append(label)
    return prefix, kept


def _part(rules: tuple[ColumnRule, ...], labels: list[str]) -> str | None:
    """One key part from the labels, deepest first: a 小计 under a label of its own
    meaning is that label's, and a column under a block label is the block's."""
    for depth in range(len(labels) - 1, -1, -1):
        of_which = _OF_WHICH.match(labels[depth])
        label = labels[depth][of_which.end() :] if of_which else labels[depth]
        key = next((rule.key for rule in rules if rule.matches(label)), None)
        if key is None and not of_which:
            continue
        parent = _part(rules, labels[:depth]) if depth else None
        if key is None:
            return f"{parent}_of_which" if parent else None
        if parent is None or parent == key or parent in _MEASURE_ONLY:
            return key
        if _SUBTOTAL.search(labels[depth]) or (parent in _PART_BLOCKS and key == "total"):
            return parent
        if (parent in _BLOCKS and key not in _MEASURE_ONLY) or key in _QUALIFIERS:
            return f"{parent}_{key}"
        return key
    return None


def phase_measure(template: TableTemplate) -> str:
    """What a 三公 figure is where its header names no measure: the phase's own."""
    return "budget" if template.phase == "budget" else "actual"


def period_prefix(label: str) -> str:
    """The key prefix of figures a label says are of another year than the report's
    (上年, 增减变化金额): a row's year printed in a column of its own, as read by
    :func:`relative_year`."""
    return _period([label])[0]


def resolve_column(template: TableTemplate, labels: list[str]) -> str | None:
    """The column key for a value column's header labels (top to bottom), or None.

    A column of last year (上年, or the earlier of two printed years) or of the change on
    it (增减变化情况) takes the period's prefix: ``previous_total``, ``change_total``.
    """
    if template.phase == "budget":
        labels = [_OWN_BUDGET if _OWN_BUDGET_LABEL.match(label) else label for label in labels]
    prefix, labels = _period(labels)
    if any(_OF_WHICH_HEADER.match(label) for label in labels[:-1]):  # 其中 over its items
        labels = [label for label in labels if not _OF_WHICH_HEADER.match(label)]
        prefix += "of_which_"
    parts = []
    for rules in template.dimensions:
        part = _part(rules, labels)
        if part is None and rules is THREE_PUBLIC_MEASURES:
            part = phase_measure(template)
        if part is None:
            return None
        parts.append(part)
    fund = _item_fund(template, labels)
    return prefix + "_".join(parts + fund) if parts else None


def _item_fund(template: TableTemplate, labels: list[str]) -> list[str]:
    """The fund of a 三公 item's column where the table prints each item per fund (因公出国
    (境)费 / 一般公共预算 | 政府性基金预算 | 国有资本经营预算): its deepest label, below the
    item's, names the fund, which the key ends with as in a table printing its items as rows
    (``overseas_travel_budget_general_budget``), so one item's funds are no clash."""
    if template.layout != GRID or len(labels) < 2:
        return []
    fund = next((rule.key for rule in VALUE_COLUMNS if rule.matches(labels[-1])), None)
    return [fund] if fund in THREE_PUBLIC_FUNDS else []


def row_total(keys: list[str]) -> list[str]:
    """The keys of a table's columns with its block total read as the row's total where the
    table prints no other: a 部门预算 header over every column is the table's, not a part."""
    if "total" in keys:
        return keys
    return ["total" if key in _PART_BLOCKS else key for key in keys]


def grand_total(key: str) -> str:
    """A bare 合计 of a 三公 table that also prints 会议费 and 培训费 adds them too: it is
    the grand total, and the 三公 subtotal beside it is the item total."""
    period = key_period(key)
    rest = key[len(period) :]
    return f"{period}grand_{rest}" if rest.startswith("total_") else key


def resolve_item(template: TableTemplate, label: str) -> str | None:
    """The item of a row, where a GRID table prints its items as rows (e.g. Xinjiang's 三公)."""
    return next((rule.key for rule in template.dimensions[0] if rule.matches(label)), None)


def resolve_item_column(template: TableTemplate, labels: list[str]) -> str | None:
    """The measure (and fund) of a value column of a GRID table with items as rows.

    The measure comes from the labels (预算数 / 决算数) or else from the phase; a fund
    column (一般公共预算, 政府性基金 …) adds the fund to the key. A lone amount column
    (预算数, 金额) is the item's whole figure, as a 合计 column is.
    """
    measures = template.dimensions[1]
    measure = next(
        (rule.key for label in reversed(labels) for rule in measures if rule.matches(label)),
        phase_measure(template),
    )
    fund = next(
        (rule.key for label in reversed(labels) for rule in VALUE_COLUMNS if rule.matches(label)),
        None,
    )
    if fund is None:
        return None
    return measure if fund in ("total", "amount") else f"{measure}_{fund}"
