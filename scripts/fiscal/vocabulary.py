"""The one vocabulary: every word the package stores, with what readers are shown for it.

Readers, checks, the package and the site all take their words from here, so a phase,
a scope, a status, a measure, a performance-form field or a rule id means one thing
everywhere and always has a Chinese name to show. Storing the English ids keeps the
CSVs stable; the site and the data dictionary show the Chinese beside or instead of them.
A test fails when a rule or a field is used without an entry here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    """A stored id and its names: Chinese for readers, English for the descriptor."""

    key: str
    cn: str
    en: str


def _words(*rows: tuple[str, str, str]) -> dict[str, Word]:
    return {key: Word(key, cn, en) for key, cn, en in rows}


# --- documents ------------------------------------------------------------------------

#: A report's phase (the ``family`` column of the catalogue): which kind of disclosure it is.
PHASES = _words(
    ("budget", "预算", "budget"),
    ("final", "决算", "final accounts"),
    ("performance", "绩效", "performance"),
)
#: How a document's title names its phase (…部门决算, …单位预算, …部门绩效自评).
DOCUMENT_KINDS = {"budget": "预算", "final": "决算", "performance": "绩效自评"}
#: Phases that print the standard tables (performance reports print forms only).
TABLE_PHASES = ("budget", "final")
#: A report's scope: the department with its units (部门), or one unit (单位).
SCOPES = _words(
    ("department", "部门", "department"),
    ("unit", "单位", "unit"),
)
#: The part of a report id that names its scope (``shpt-czj-2024-final-dept``).
SCOPE_IN_ID = {"department": "dept", "unit": "unit"}

#: What a source file is to its report: the whole disclosure, or one of its two volumes
#: (given and catalogued in this order: the narrative, then its tables).
SOURCE_PARTS = _words(
    ("whole", "全文", "whole document"),
    ("narrative", "情况说明", "narrative volume"),
    ("tables", "报表", "tables volume"),
)


def source_part(index: int, count: int) -> str:
    """What the file at ``index`` of a report's ``count`` files is to it."""
    if count == 1:
        return "whole"
    return "narrative" if index == 0 else "tables"


#: Governments' levels, the catalogue's ``admin_level``.
ADMIN_LEVELS = _words(
    ("central", "中央", "central"),
    ("province", "省级", "province"),
    ("city", "市级", "city"),
    ("district", "区县级", "district or county"),
)

#: Kinds of department, told by the publisher's name (first match wins, so a 公安局's
#: 交通警察支队 is police, a 党委's 社会工作部 is social work, not the party office).
DEPARTMENT_KINDS = _words(
    ("ecology", "生态环境", "ecology and environment"),
    ("finance", "财政", "finance"),
    ("police", "公安", "public security"),
    ("audit", "审计", "audit"),
    ("petition", "信访", "letters and calls"),
    ("statistics", "统计", "statistics"),
    ("meteorology", "气象", "meteorology"),
    ("water", "水利水务", "water"),
    ("transport", "交通运输", "transport"),
    ("commerce", "商务", "commerce"),
    ("civil_affairs", "民政", "civil affairs"),
    ("medical_insurance", "医疗保障", "medical insurance"),
    ("education", "教育", "education"),
    ("veterans", "退役军人", "veterans affairs"),
    ("data", "政务服务和数据", "government services and data"),
    ("development", "发展和改革", "development and reform"),
    ("emergency", "应急管理", "emergency management"),
    ("natural_resources", "自然资源", "natural resources and planning"),
    ("state_assets", "国有资产监管", "state-owned assets"),
    ("market_regulation", "市场监管", "market regulation"),
    ("court", "法院", "courts"),
    ("procuratorate", "检察院", "procuratorates"),
    ("social_work", "社会工作", "social work"),
    ("justice", "司法", "justice"),
    ("congress", "人大", "people's congress"),
    ("cppcc", "政协", "CPPCC"),
    ("party_office", "党委办公厅", "party committee office"),
    ("subdistrict", "街道乡镇", "subdistrict or township"),
    ("government_office", "政府办公厅", "government office"),
    ("other", "其他", "other"),
)
_DEPARTMENT_NAMES = {
    "ecology": r"生态环境|环境保护|环保|减污降碳",
    "finance": r"财政",
    "police": r"公安|警察",
    "audit": r"审计",
    "petition": r"信访",
    "statistics": r"统计",
    "meteorology": r"气象",
    "water": r"水利|水务",
    "transport": r"交通运输|轨道交通|交通局",
    "commerce": r"商务",
    "civil_affairs": r"(?<!人)民政|福利彩票",
    "medical_insurance": r"医疗保障|医保",
    "education": r"教育",
    "veterans": r"退役军人",
    "data": r"政务服务|数据",
    "development": r"发展和改革|发展改革|发改",
    "emergency": r"应急管理",
    "natural_resources": r"自然资源|国土",
    "state_assets": r"国有资产|国资",
    "market_regulation": r"市场监督|市场监管",
    "court": r"法院",
    "procuratorate": r"检察院",
    "social_work": r"社会工作",
    "justice": r"司法",
    "congress": r"人大|人民代表大会",
    "cppcc": r"政协|政治协商",
    "party_office": r"[省市区县州]委办公",
    "subdistrict": r"街道办事处|[乡镇]人民政府",
    "government_office": r"政府办公",
}


def department_kind(publisher: str) -> str:
    """The kind of department a publisher's name says it is (``other`` when none)."""
    return next(
        (kind for kind, names in _DEPARTMENT_NAMES.items() if re.search(names, publisher)),
        "other",
    )


# --- outcomes -------------------------------------------------------------------------

#: What became of a report in the pipeline (``reports.status``).
REPORT_STATUSES = _words(
    ("ok", "已提取", "extracted"),
    ("failed", "提取失败", "failed"),
)
#: What was found of a printed table (``report_tables.status``).
TABLE_STATUSES = _words(
    ("extracted", "已提取", "extracted"),
    ("no_data", "注明无数据", "printed as having no data"),
    ("empty", "空表", "empty"),
)
EXTRACTION_FAILURE = "extraction_failure"
SOURCE_INCONSISTENCY = "source_inconsistency"
#: The two kinds of finding: the document contradicts itself, or a figure could not be read.
FINDING_KINDS = _words(
    (SOURCE_INCONSISTENCY, "原文不一致", "the document contradicts itself"),
    (EXTRACTION_FAILURE, "提取问题", "a table or figure could not be read"),
)
#: Why the pipeline could not read a document (``reports.error_reason``).
REFUSALS = _words(
    ("missing", "文件不存在", "file not found"),
    ("not_pdf", "不是 PDF 文件", "not a PDF file"),
    ("encrypted", "文件加密", "encrypted"),
    ("truncated", "文件不完整", "truncated"),
    ("no_text_layer", "扫描件，需要 OCR", "no text layer"),
    ("not_a_budget_document", "不是预决算文件", "not a budget document"),
    ("wrong_year", "年度与目录不符", "wrong year"),
    ("corrupt", "文件损坏", "damaged"),
    ("not_office", "不是 Word / Excel 文件", "not an Office file"),
    ("time_limit", "超出时间限制", "time limit exceeded"),
    ("memory_limit", "超出内存限制", "memory limit exceeded"),
    ("worker_lost", "处理进程中断", "the worker extracting it died"),
    ("reader_error", "读取程序出错", "the reader failed on this file (a bug to report)"),
)
#: Why ``fiscal add`` refused a file before cataloguing it (never stored in the package).
ADD_REFUSALS = _words(
    ("year_not_found", "未找到年度", "year not found"),
    ("publisher_not_found", "未找到发布单位", "publisher not found"),
    ("region_not_found", "未找到地区", "region not found"),
    ("duplicate", "已收录", "already catalogued"),
)

#: What is uncertain about an amount (``amounts.flag``): stored without a value (its
#: printed text kept), or read in the unit of the document where its table prints none.
UNREADABLE = "unreadable"
UNIT_UNKNOWN = "unit_unknown"
UNIT_ASSUMED = "unit_assumed"
AMOUNT_FLAGS = _words(
    (UNREADABLE, "无法识别", "the cell could not be read as a number"),
    (UNIT_UNKNOWN, "未注明单位", "no amount unit printed: not converted to 万元"),
    (UNIT_ASSUMED, "单位按全文", "no unit printed for the table: read in the document's unit"),
)

# --- measures -------------------------------------------------------------------------

#: The labels of a printed table's grand-total row or column (a total row has no code).
TOTAL_LABELS = ("合计", "总计")
#: What joins the labels of a path: a column's header labels, top to bottom (预算金额 / 合计),
#: and a row's names over the name columns that stand under one header (一级 / 二级 / 三级).
LABEL_PATH = " / "

#: The three spending measures every budget and final account prints by function code.
SPENDING_MEASURES = _words(
    ("total", "合计", "total"),
    ("basic_expenditure", "基本支出", "basic expenditure"),
    ("project_expenditure", "项目支出", "project expenditure"),
)

# --- performance forms ----------------------------------------------------------------

#: Header-block fields of a performance form.
FORM_DETAILS = _words(
    ("project", "项目名称", "Project"),
    ("department", "预算部门", "Department"),
    ("implementing_unit", "实施单位", "Implementing unit"),
    ("manager", "项目负责人", "Project manager"),
)
#: The header block's two texts: the goal set for the year, and what was achieved.
FORM_GOALS = _words(
    ("goal", "年度总体目标", "Overall goal of the year"),
    ("outcome", "实际完成情况", "What was achieved"),
)
#: Columns of a form's indicator grid (自评表 and 绩效目标表). A target may be printed in
#: three columns (指标性质 | 指标值 | 计量单位: ≥ | 27 | 座), read together as one target.
INDICATOR_FIELDS = _words(
    ("activity", "活动", "Activity"),
    ("level1", "一级指标", "Level-1 indicator"),
    ("level2", "二级指标", "Level-2 indicator"),
    ("level3", "三级指标", "Level-3 indicator"),
    ("target_basis", "指标值设置依据", "Basis of the target"),
    ("previous_value", "上年完成值", "Last year's value"),
    ("scoring_rule", "指标赋分规则", "Scoring rule"),
    ("evidence", "佐证资料", "Evidence"),
    ("actual", "实际完成值", "Actual value"),
    ("target_comparator", "指标性质", "Comparator of the target"),
    ("target", "年度指标值", "Target"),
    ("target_unit", "计量单位", "Unit of the target"),
    ("weight", "分值", "Points"),
    ("score", "得分", "Score"),
    ("deviation_reason", "偏差原因分析及改进措施", "Reason for deviation"),
)
#: Columns of a form's funds block.
FUND_MEASURES = _words(
    ("initial_budget", "年初预算数", "Budget at the start of the year"),
    ("full_year_budget", "全年预算数", "Budget for the whole year"),
    ("executed", "全年执行数", "Spent in the year"),
    ("execution_rate", "执行率", "Execution rate (%)"),
    ("weight", "分值", "Points"),
    ("score", "得分", "Score"),
    ("amount", "金额", "Amount"),  # a fund printed as label：figure, under no measure heading
)
#: Lines of a form's funds block.
FUND_LINES = _words(
    ("total", "年度资金总额", "Total funds"),
    ("current_appropriation", "当年财政拨款", "Appropriation of the year"),
    ("carryover", "上年结转资金", "Carried over from last year"),
    ("general_budget", "一般公共预算", "General public budget"),
    ("government_fund", "政府性基金拨款", "Government funds"),
    ("special_account", "纳入专户管理的非税收入拨款", "Special-account non-tax income"),
    ("basic_expenditure", "基本支出", "Basic expenditure"),
    ("project_expenditure", "项目支出", "Project expenditure"),
    ("other", "其他资金", "Other funds"),
    ("municipal_spending", "市级支出", "Spent at the municipal level"),
    ("district_subsidies", "补助区县", "Subsidies to districts and counties"),
)
#: The sources a form's 年度资金总额 is the sum of.
FUND_SOURCES = ("current_appropriation", "carryover", "other")
#: The levels a form's 当年预算 is spent at, which add up to it (重庆: 市级支出 + 补助区县).
FUND_LEVELS = ("municipal_spending", "district_subsidies")
#: The two groupings of a funds block's breakdown lines.
FUND_BREAKDOWNS = _words(
    ("income", "按收入性质", "by nature of income"),
    ("spending", "按支出性质", "by nature of spending"),
)

# --- the narrative -------------------------------------------------------------------

#: The ``table`` of a finding about the narrative's own text (a year, a placeholder, a
#: percentage its own figures contradict), not about any table.
NARRATIVE = "narrative"
#: What a figure of the narrative (情况说明) is about: the totals, sources and classes the
#: tables print, told by the words before it (``narrative_claims.topic``).
NARRATIVE_TOPICS = _words(
    ("grand_total", "收支总计", "income and expenditure grand total"),
    ("income_grand_total", "收入总计", "income grand total"),
    ("expenditure_grand_total", "支出总计", "expenditure grand total"),
    ("appropriation_grand_total", "财政拨款收支总计", "appropriation grand total"),
    ("income_total", "本年收入合计", "income of the year"),
    ("expenditure_total", "本年支出合计", "expenditure of the year"),
    ("appropriation_income", "财政拨款收入", "fiscal appropriation income"),
    ("appropriation_expenditure", "财政拨款支出", "fiscal appropriation expenditure"),
    ("general_budget_expenditure", "一般公共预算财政拨款支出", "general budget expenditure"),
    ("general_budget_basic", "一般公共预算财政拨款基本支出", "general budget basic expenditure"),
    ("government_fund_expenditure", "政府性基金预算财政拨款支出", "government fund expenditure"),
    ("state_capital_expenditure", "国有资本经营预算财政拨款支出", "state capital expenditure"),
    ("institution_income", "事业收入", "institution income"),
    ("operating_income", "经营收入", "operating income"),
    ("other_income", "其他收入", "other income"),
    ("upper_subsidy", "上级补助收入", "subsidy from the level above"),
    ("subsidiary_remittance", "附属单位上缴收入", "remittance from subsidiaries"),
    ("basic_expenditure", "基本支出", "basic expenditure"),
    ("project_expenditure", "项目支出", "project expenditure"),
    ("personnel", "人员经费", "personnel costs"),
    ("public", "公用经费", "public costs"),
    ("function_code", "功能分类科目", "a function code (类 / 款 / 项)"),
    ("three_public", "“三公”经费", "三公 costs"),
    ("overseas_travel", "因公出国（境）费", "overseas travel"),
    ("vehicles", "公务用车购置及运行费", "official vehicles"),
    ("vehicle_purchase", "公务用车购置费", "vehicle purchase"),
    ("vehicle_operation", "公务用车运行费", "vehicle operation"),
    ("reception", "公务接待费", "official reception"),
    ("meetings", "会议费", "meetings"),
    ("training", "培训费", "training"),
    ("operating_costs", "机关运行经费", "running costs of the organs"),
    ("procurement", "政府采购", "government procurement"),
    ("procurement_goods", "政府采购货物", "government procurement of goods"),
    ("procurement_works", "政府采购工程", "government procurement of works"),
    ("procurement_services", "政府采购服务", "government procurement of services"),
    (
        "procurement_general_budget",
        "一般公共预算拨款政府采购",
        "government procurement paid from the general public budget",
    ),
    ("other", "其他", "other"),
)
#: What a stated figure is (``narrative_claims.measure``).
CLAIM_MEASURES = _words(
    ("amount", "金额", "an amount"),
    ("change", "增减额", "a change on the figure compared with"),
    ("change_percent", "增减幅度", "a change in per cent of the figure compared with"),
    ("share", "占比", "a share of a total"),
    ("execution_rate", "完成预算比例", "spent in per cent of the budget"),
    ("score", "自评得分", "a performance self-evaluation's score"),
)
#: The period an amount is of, or the figure a change is compared with (``basis``).
CLAIM_BASES = _words(
    ("current", "本年", "this year"),
    ("previous", "上年", "the year before"),
    ("budget", "预算", "the budget"),
)
#: What a claim came to (``narrative_claims.outcome``).
CLAIM_OUTCOMES = _words(
    ("agrees", "一致", "agrees"),
    ("disagrees", "不一致", "disagrees"),
    ("unmatched", "无可比数", "nothing to compare with"),
)
#: How much a finding matters (``vocabulary.Rule.severity``), the most serious first.
SEVERITIES = _words(
    ("error", "错误", "figures may be missing"),
    ("warning", "不一致", "figures or words disagree"),
    ("notice", "提示", "text hygiene"),
)


# --- rules ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A check the package runs: its id, Chinese name and description, what it tests."""

    id: str
    name_cn: str
    description_cn: str
    severity: str  # a key of SEVERITIES
    identity: str


def _rules(*rows: tuple[str, str, str, str, str]) -> dict[str, Rule]:
    return {row[0]: Rule(*row) for row in rows}


#: The rule of a table or figure that could not be read.
EXTRACTION = "extraction"
#: Every rule a finding can name, in the order the quality page lists them.
RULES = _rules(
    (
        EXTRACTION,
        "表格读取",
        "表格或数字无法读取，相关数字可能缺失。",
        "error",
        "every printed table and figure is read",
    ),
    (
        "contents_listed",
        "目录所列表格均已印出",
        "目录列出的每张表都印在文件中。",
        "warning",
        "every table the 目录 lists is printed",
    ),
    (
        "hierarchy_sum",
        "上级科目 = 下级科目之和",
        "类 = 所属款之和，款 = 所属项之和。",
        "warning",
        "class = Σ its sections, section = Σ its items",
    ),
    (
        "row_sum",
        "合计 = 各列之和",
        "一行的合计等于其各组成列之和（如 基本支出 + 项目支出）。",
        "warning",
        "a row's total = Σ its component columns",
    ),
    (
        "sub_line_sum",
        "小计 = 分项之和",
        "汇总表中带编号的行等于其下分项之和。",
        "warning",
        "a numbered line of a summary = Σ its sub-lines",
    ),
    (
        "carryover_breakdown",
        "结转结余 = 分项之和",
        "年初（年末）结转和结余等于其分项之和。",
        "warning",
        "carry-over = Σ its breakdown",
    ),
    (
        "total_of_classes",
        "合计 = 各类之和",
        "表的合计行等于各类级科目之和。",
        "warning",
        "a table's total = Σ its classes",
    ),
    (
        "unit_lines_sum",
        "部门 = 所属单位之和",
        "按单位列示的表中，部门自己的一行等于其下各单位行之和。",
        "warning",
        "a department's line = Σ its units' lines",
    ),
    (
        "two_sided_year_total",
        "本年收入合计 = 各收入项之和",
        "收支总表一侧的本年合计等于该侧各行之和。",
        "warning",
        "a side's year total = Σ its lines",
    ),
    (
        "two_sided_grand_total",
        "总计 = 本年合计 + 结转",
        "收支总表一侧的总计等于本年合计加结转结余等。",
        "warning",
        "a side's grand total = year total + carry-over lines",
    ),
    (
        "two_sided_balance",
        "收入总计 = 支出总计",
        "收支总表两侧的总计相等。",
        "warning",
        "income grand total = expenditure grand total",
    ),
    (
        "cross_table_class",
        "两表同一类级科目一致",
        "同一类级科目在两张表中印的数相同。",
        "warning",
        "a class printed in two tables has one figure",
    ),
    (
        "cross_table_total",
        "两表合计一致",
        "同一合计在两张表中印的数相同。",
        "warning",
        "a total printed in two tables has one figure",
    ),
    (
        "three_public_sum",
        "“三公”合计 = 各项之和",
        "“三公”经费合计等于因公出国（境）费、公务用车购置及运行费、公务接待费之和。",
        "warning",
        "三公 total = overseas travel + vehicles + reception",
    ),
    (
        "three_public_vehicles",
        "公务用车 = 购置费 + 运行费",
        "公务用车购置及运行费等于购置费与运行费之和。",
        "warning",
        "vehicles = purchase + operation",
    ),
    (
        "three_public_meetings_training",
        "合计 = “三公” + 会议费 + 培训费",
        "印有会议费、培训费的“三公”表中，合计等于“三公”经费、会议费与培训费之和。",
        "warning",
        "total = 三公 + meetings + training",
    ),
    (
        "procurement_categories",
        "政府采购合计 = 货物 + 工程 + 服务",
        "政府采购预算表的合计等于其货物、工程、服务各类之和（逐列）。",
        "warning",
        "procurement total = goods + works + services",
    ),
    (
        "basic_equals_personnel_plus_public",
        "基本支出 = 人员经费 + 公用经费",
        "基本支出等于人员经费与公用经费之和。",
        "warning",
        "basic expenditure = personnel + public costs",
    ),
    (
        "expense_type_sum",
        "人员经费、公用经费 = 所属经济科目之和",
        "人员经费、公用经费分别等于所属经济分类科目之和。",
        "warning",
        "personnel (public) costs = Σ their economic codes",
    ),
    (
        "score_within_points",
        "得分 ≤ 分值",
        "绩效表每项指标的得分不超过其分值。",
        "warning",
        "an indicator's score ≤ its points",
    ),
    (
        "total_weight",
        "总分分值 = 各项分值之和",
        "绩效表总分一行的分值等于各项指标（及资金一行）的分值之和。",
        "warning",
        "总分 points = Σ indicator points (+ the funds line's)",
    ),
    (
        "total_score",
        "总分得分 = 各项得分之和",
        "绩效表总分一行的得分等于各项指标（及资金一行）的得分之和。",
        "warning",
        "总分 score = Σ indicator scores (+ the funds line's)",
    ),
    (
        "execution_rate",
        "执行率 = 全年执行数 ÷ 全年预算数",
        "绩效表印的执行率等于全年执行数除以全年预算数（在三者的舍入误差内）。",
        "warning",
        "execution rate = executed / full-year budget",
    ),
    (
        "fund_sources",
        "资金总额 = 各来源之和",
        "年度资金总额等于当年财政拨款、上年结转与其他资金之和。",
        "warning",
        "total funds = appropriation + carry-over + other",
    ),
    (
        "fund_levels",
        "当年预算 = 市级支出 + 补助区县",
        "当年预算等于市级支出与补助区县之和。",
        "warning",
        "the year's budget = spent at the municipal level + subsidies to districts",
    ),
    (
        "fund_income_breakdown",
        "按收入性质各项之和 = 全年预算数",
        "按收入性质分列的资金之和等于全年预算数。",
        "warning",
        "Σ lines by nature of income = full-year budget",
    ),
    (
        "fund_spending_breakdown",
        "按支出性质各项之和 = 全年执行数",
        "按支出性质分列的资金之和等于全年执行数。",
        "warning",
        "Σ lines by nature of spending = executed",
    ),
    (
        "narrative_vs_table",
        "说明数 = 表格数",
        "情况说明所述金额与表格所印金额一致（总计、收入来源、类级科目、基本/项目支出、“三公”、机关运行经费等）。",
        "warning",
        "an amount the narrative states = the table's figure for it",
    ),
    (
        "narrative_vs_empty_table",
        "说明数与空表相符",
        "表格印为空表或注明无数据时，情况说明不称其有数（如政府性基金、国有资本经营预算支出，“三公”经费）；说明称无此项支出时，表格也不印数。",
        "warning",
        "the narrative states no figure for a table printed empty, nor none for a table "
        "that prints figures",
    ),
    (
        "narrative_direction",
        "增减用词与数字相符",
        "“增加 / 减少 / 大于 / 小于”等用词与数字的增减方向相符，同一句的增减额与增减幅度方向一致。",
        "warning",
        "increase / decrease words agree with the sign of the change",
    ),
    (
        "narrative_change",
        "增减额 = 本年 − 上年",
        "所述增减额等于本年数与上年（预算）数之差。",
        "warning",
        "stated change = this year − the figure compared with",
    ),
    (
        "narrative_percent",
        "增减幅度 = 增减额 ÷ 上年",
        "所述增减百分比等于增减额除以上年（预算）数。",
        "warning",
        "stated percent change = change ÷ the figure compared with",
    ),
    (
        "narrative_share",
        "占比 = 部分 ÷ 总额",
        "所述占比等于该项金额除以所占的总额。",
        "warning",
        "stated share = part ÷ the total it is a share of",
    ),
    (
        "narrative_execution",
        "完成预算比例 = 决算 ÷ 预算",
        "所述完成（年初）预算的百分比等于决算数除以预算数。",
        "warning",
        "stated execution rate = spent ÷ budgeted",
    ),
    (
        "narrative_parts",
        "其中各项之和 = 总数",
        "说明所列“其中”各项（如各类车辆数）之和不超过总数；列至“其他”时等于总数。",
        "warning",
        "the parts a text lists after 其中 add up to its total",
    ),
    (
        "narrative_year",
        "年份与报告年度相符",
        "标题、表名、比较年份和“截至某年某月某日”与报告年度相符（不是上年文件的遗留）。",
        "warning",
        "headings, titles, comparisons and dates name the report's year",
    ),
    (
        "publisher_name",
        "表头单位与封面一致",
        "各表表头所印的编制单位（部门名称、单位名称等）与封面的发布单位一致；说明中列出的所属单位除外。",
        "warning",
        "each table header names the cover's publisher (or a unit the text lists)",
    ),
    (
        "placeholder_text",
        "无占位文字",
        "正文没有“XX局”“××”“待填写”之类未替换的占位文字。",
        "warning",
        "no placeholder left in the text",
    ),
    (
        "doubled_punctuation",
        "无重复标点",
        "正文没有“。。”“，，”之类重复的标点。",
        "notice",
        "no doubled punctuation",
    ),
    (
        "unmatched_brackets",
        "括号成对",
        "一句中的括号左右成对。",
        "notice",
        "brackets come in pairs",
    ),
)
#: The rules that hold the narrative (情况说明) to the tables and to its own figures.
NARRATIVE_RULES = (
    "narrative_vs_table",
    "narrative_vs_empty_table",
    "narrative_direction",
    "narrative_change",
    "narrative_percent",
    "narrative_share",
    "narrative_execution",
    "narrative_parts",
    "narrative_year",
    "publisher_name",
    "placeholder_text",
    "doubled_punctuation",
    "unmatched_brackets",
)


def rule(rule_id: str) -> Rule:
    """The registry entry of a rule; a KeyError names a rule used without an entry."""
    return RULES[rule_id]


# --- tables ---------------------------------------------------------------------------
#
# The words of the standard tables: what each kind of table is titled, and what each of
# its column keys is called. The readers' templates (read/templates.py) hold only the
# patterns that recognise them and take every key from here, so a table or column is
# never read that the site and the data dictionary cannot name.

#: Value columns of the coded and two-sided tables; a 三公 column may add one as its fund.
VALUE_COLUMNS = _words(
    ("fiscal_appropriation", "财政拨款收入", "fiscal appropriation"),
    ("total", "合计", "total"),
    ("amount", "金额", "amount"),
    # a change in per cent (增减(%)), of the row's figure or of the measure above it
    ("percent", "百分比（%）", "per cent"),
    (
        "transfer_general_budget",
        "上级一般公共预算安排的转移支付",
        "general-budget transfers from higher level",
    ),
    (
        "transfer_government_fund",
        "上级政府性基金安排的转移支付",
        "government-fund transfers from higher level",
    ),
    ("general_budget", "一般公共预算", "general public budget"),
    ("government_fund", "政府性基金预算", "government funds budget"),
    ("state_capital", "国有资本经营预算", "state capital operations budget"),
    ("fiscal_special_account", "财政专户核拨", "fiscal special account"),
    # the parts of 财政专户拨款收入 where a table prints them under it
    ("education_fees", "教育收费", "education fees, through the fiscal special account"),
    ("other_special_account", "其他专户收入拨款", "other special-account income"),
    ("unit_funds", "单位资金", "unit's own funds"),
    # 广州's 部门预算 tables: what neither an appropriation nor the fiscal special account pays
    ("other_funds", "其他资金", "other funds"),
    ("non_appropriation_carryover", "非财政拨款结转结余", "non-appropriation carry-over"),
    ("appropriation_carryover", "财政拨款结转", "appropriation carry-over"),
    ("upper_subsidy", "上级补助收入", "subsidy from higher level"),
    ("operating_income", "经营收入", "operating income"),
    ("institution_income", "事业收入", "public-institution income"),
    ("subsidiary_remittance", "附属单位上缴收入", "remittance from subsidiaries"),
    ("other_income", "其他收入", "other income"),
    ("basic_expenditure", "基本支出", "basic expenditure"),
    ("project_expenditure", "项目支出", "project expenditure"),
    # Beijing's and the centre's 扣除基建项目后预算数 beside the whole: a part, never a total
    (
        "excluding_construction",
        "扣除基建投资后",
        "net of capital construction investment",
    ),
    ("remittance_to_upper", "上缴上级支出", "remittance to higher level"),
    ("operating_expenditure", "经营支出", "operating expenditure"),
    ("subsidy_to_subsidiaries", "对附属单位补助支出", "subsidy to subsidiaries"),
    ("carryover_begin", "年初结转和结余", "carry-over at start of year"),
    ("carryover_end", "年末结转和结余", "carry-over at end of year"),
    (
        "department_budget",
        "部门预算合计",
        "department budget: the funds of the department's own budget, beside others",
    ),
    (
        "special_funds",
        "专项资金列入部门预算的项目",
        "special funds placed in the department budget's projects",
    ),
    (
        "account_balance_begin",
        "上年实户资金余额",
        "balance left in the units' own bank accounts from last year",
    ),
    ("unit_reserve", "单位预留机动经费", "unit's reserve for contingencies"),
    ("government_procurement", "政府采购项目", "government procurement"),
    (
        "procurement_sme",
        "政府采购项目中预留给中小企业的资金",
        "procurement reserved for small and medium enterprises",
    ),
    (
        "procurement_small_micro",
        "政府采购项目中预留给小型、微型企业的资金",
        "procurement reserved for small and micro enterprises",
    ),
    ("income", "本年收入", "income of the year"),
    ("personnel", "人员经费", "personnel costs"),
    ("public", "公用经费", "public costs"),
    ("initial_budget", "年初预算数", "initial budget"),
    ("adjusted_budget", "全年预算数", "adjusted budget"),
    # a performance evaluation's 项目支出情况表: each project's budget and how it was spent
    ("approved_budget", "预算批复数", "approved budget"),
    ("budget_received", "预算到位数", "budget funds received"),
    ("executed", "实际执行数", "spent"),
    ("execution_rate", "执行率", "execution rate (%)"),
    ("unspent_quota", "指标结余", "budget quota left unspent"),
)
#: Economic categories of the project-spending table (一般公共预算项目支出情况表).
PROJECT_COLUMNS = _words(
    ("total", "项目支出合计", "total"),
    ("capital_construction", "资本性支出（基本建设）", "capital expenditure (construction)"),
    ("capital_expenditure", "资本性支出", "capital expenditure"),
    (
        "enterprise_subsidies_construction",
        "对企业补助（基本建设）",
        "subsidies to enterprises (construction)",
    ),
    ("enterprise_subsidies", "对企业补助", "subsidies to enterprises"),
    ("wages_and_benefits", "工资福利支出", "wages and benefits"),
    ("goods_and_services", "商品和服务支出", "goods and services"),
    ("household_subsidies", "对个人和家庭的补助", "subsidies to households"),
    ("debt_interest", "债务利息及费用支出", "debt interest"),
    (
        "social_security_fund_subsidies",
        "对社会保障基金补助",
        "subsidies to social security funds",
    ),
    ("other_expenditure", "其他支出", "other expenditure"),
)
#: Items of the 三公 table, in the order the package lists them (``three_public.item``).
THREE_PUBLIC_ITEMS = _words(
    ("operating_costs", "机关运行经费", "government running costs"),
    ("total", "合计", "total"),
    ("overseas_travel", "因公出国（境）费", "overseas travel"),
    ("vehicles", "公务用车购置及运行费", "official vehicles"),
    ("vehicle_purchase", "公务用车购置费", "vehicle purchase"),
    ("vehicle_operation", "公务用车运行费", "vehicle operation"),
    ("reception", "公务接待费", "official reception"),
    ("meetings", "会议费", "meetings"),
    ("training", "培训费", "training"),
    ("grand_total", "“三公”经费、会议费、培训费合计", "三公, meetings and training"),
)
#: What a line of a 政府采购预算表 buys (``procurement.category``): its 合计, or the goods,
#: works or services of the government procurement catalogue (品目 A, B, C) under which
#: it is printed.
PROCUREMENT_CATEGORIES = _words(
    ("total", "合计", "total"),
    ("goods", "货物", "goods"),
    ("works", "工程", "works"),
    ("services", "服务", "services"),
)
#: The two figures the 三公 table gives each item.
THREE_PUBLIC_MEASURES = _words(
    ("budget", "预算数", "budget"),
    ("actual", "决算数", "actual"),
)
#: The funds a 三公 table may print each item's figure in, beside or instead of its whole
#: (深圳: 因公出国(境)费 / 一般公共预算 | 政府性基金预算 | 国有资本经营预算).
THREE_PUBLIC_FUNDS = ("general_budget", "government_fund", "state_capital")
#: Figures of the 部门整体支出绩效评价基础数据表; a ``{year}`` key takes the year printed.
BASIC_DATA_FIELDS = _words(
    ("authorised_staff", "编制数", "Authorised staff"),
    ("actual_staff", "实际在职人数", "Staff in post"),
    ("floor_area_control_rate", "规模控制率", "Floor-area control rate"),
    ("investment_control_rate", "投资概算控制率", "Investment control rate"),
    ("staff_control_rate", "控制率", "Staff control rate"),
    ("approved_floor_area", "批复规模", "Approved floor area"),
    ("actual_floor_area", "实际规模", "Actual floor area"),
    ("budgeted_investment", "预算投资", "Budgeted investment"),
    ("actual_investment", "实际投资", "Actual investment"),
    ("final_{year}", "决算数", "Final account of the year"),
    ("budget_{year}", "预算数", "Budget of the year"),
)
#: The year a column's figures are of, where its header says it is not the report's own
#: (上年 / 2025年 beside 2026年, 增减变化情况): a key prefix, so last year's 合计 is never
#: read as this year's.
PREVIOUS_YEAR = "previous"
CHANGE_ON_PREVIOUS = "change"
PERIODS = _words(
    (PREVIOUS_YEAR, "上年", "previous year"),
    (CHANGE_ON_PREVIOUS, "增减", "change on the previous year"),
)


def key_period(key: str) -> str:
    """The period prefix of a column key ('previous_' of 'previous_total'); '' for the
    report's own year."""
    return next((f"{p}_" for p in PERIODS if key.startswith(f"{p}_")), "")


#: The column groups a table kind's column keys are joined from, by the name kinds use.
COLUMN_GROUPS = {
    "value": VALUE_COLUMNS,
    "project": PROJECT_COLUMNS,
    "three_public_item": THREE_PUBLIC_ITEMS,
    "three_public_measure": THREE_PUBLIC_MEASURES,
}
#: The two sides of a summary table (``amounts.side``), income printed on the left.
SIDES = _words(
    ("income", "收入", "income"),
    ("expenditure", "支出", "expenditure"),
)
#: What a basic-spending economic code pays for (``expense_type``).
EXPENSE_TYPES = _words(
    ("personnel", "人员经费", "personnel costs"),
    ("public", "公用经费", "public costs"),
)


@dataclass(frozen=True)
class Title:
    """A table's title as the Ministry of Finance's template prints it, and in English."""

    cn: str
    en: str


@dataclass(frozen=True)
class TableKind:
    """A standard table (the package's ``table``): its title in each phase's documents,
    and the column groups its column keys join, one word of each group in order."""

    key: str
    titles: dict[str, Title]
    columns: tuple[str, ...]

    def title(self, phase: str) -> Title:
        """The title in a phase's documents; a kind printed in another phase's document
        (a performance form inside a budget) keeps its first title."""
        return self.titles.get(phase) or next(iter(self.titles.values()))


def _kind(key: str, columns: tuple[str, ...], **titles: tuple[str, str]) -> TableKind:
    """A kind titled per phase (keyword = phase); a column group without words fails here."""
    unknown = [group for group in columns if group not in COLUMN_GROUPS]
    if unknown:
        raise KeyError(f"table {key}: no column group {', '.join(unknown)}")
    return TableKind(key, {phase: Title(*title) for phase, title in titles.items()}, columns)


_VALUE = ("value",)
#: A titled table of a kind no template knows: read generically (title, unit, row labels
#: with their codes, each column's header path), so that no printed figure is lost.
OTHER_TABLE = "other_table"
#: The two-sided summaries (收入 | 支出 side by side): of all funds, of the appropriations,
#: of the government funds alone; their lines are ``summary_lines``.
SUMMARY_TABLES = ("income_expenditure_summary", "appropriation_summary", "government_fund_summary")
_OTHER_TITLE = ("其他表格", "A printed table of a kind the registry does not know")
#: Every table kind the readers recognise; a kind's first title is its fallback.
TABLE_KINDS = {
    kind.key: kind
    for kind in (
        _kind(
            "performance_targets",
            (),
            budget=("项目支出绩效目标表", "Performance targets of a project"),
        ),
        _kind(
            "project_self_evaluation",
            (),
            performance=("项目支出绩效自评表", "Performance self-evaluation of a project"),
        ),
        _kind(
            "department_self_evaluation",
            (),
            performance=(
                "部门整体支出绩效自评表",
                "Performance self-evaluation of a department's whole spending",
            ),
        ),
        _kind(
            "performance_basic_data",
            (),
            performance=(
                "部门整体支出绩效评价基础数据表",
                "Basic data for the performance evaluation of a department",
            ),
        ),
        _kind(
            "appropriation_summary",
            _VALUE,
            final=(
                "财政拨款收入支出决算总表",
                "Summary of fiscal appropriation income and expenditure",
            ),
            budget=(
                "财政拨款收支预算总表",
                "Summary of fiscal appropriation income and expenditure (budget)",
            ),
        ),
        _kind(
            "income_expenditure_summary",
            _VALUE,
            final=("收入支出决算总表", "Summary of income and expenditure"),
            budget=("收支预算总表", "Summary of income and expenditure (budget)"),
        ),
        _kind(
            "government_fund_summary",
            _VALUE,
            budget=(
                "政府性基金收支表",
                "Summary of government fund income and expenditure (budget)",
            ),
        ),
        _kind(
            "income",
            _VALUE,
            final=("收入决算表", "Income by function"),
            budget=("收入预算总表", "Income by function (budget)"),
        ),
        _kind(
            "general_budget_basic_expenditure",
            _VALUE,
            final=(
                "一般公共预算财政拨款基本支出决算表",
                "General public budget basic expenditure by economic classification",
            ),
            budget=(
                "一般公共预算基本支出经济分类预算表",
                "General public budget basic expenditure by economic classification (budget)",
            ),
        ),
        _kind(
            "general_budget_basic_expenditure_function",
            _VALUE,
            budget=(
                "一般公共预算基本支出功能分类预算表",
                "General public budget basic expenditure by function (budget)",
            ),
        ),
        _kind(
            "general_budget_expenditure",
            _VALUE,
            final=(
                "一般公共预算财政拨款支出决算表",
                "General public budget expenditure by function",
            ),
            budget=(
                "一般公共预算支出功能分类预算表",
                "General public budget expenditure by function (budget)",
            ),
        ),
        _kind(
            "general_budget_expenditure_economic",
            _VALUE,
            budget=(
                "一般公共预算支出经济分类预算表",
                "General public budget expenditure by economic classification (budget)",
            ),
        ),
        _kind(
            "three_public",
            ("three_public_item", "three_public_measure"),
            final=(
                "一般公共预算财政拨款“三公”经费支出决算表",
                'Budget and actual "three public" costs',
            ),
            budget=(
                "“三公”经费和机关运行经费预算表",
                'Budget of "three public" costs and running costs',
            ),
        ),
        _kind(
            "government_fund",
            _VALUE,
            final=(
                "政府性基金预算财政拨款收入支出决算表",
                "Government funds budget appropriations",
            ),
            budget=(
                "政府性基金预算支出功能分类预算表",
                "Government funds budget expenditure (budget)",
            ),
        ),
        _kind(
            "state_capital",
            _VALUE,
            final=(
                "国有资本经营预算财政拨款支出决算表",
                "State capital operations budget appropriations",
            ),
            budget=(
                "国有资本经营预算支出功能分类预算表",
                "State capital operations budget expenditure (budget)",
            ),
        ),
        _kind(
            "expenditure",
            _VALUE,
            final=("支出决算表", "Expenditure by function"),
            budget=("支出预算总表", "Expenditure by function (budget)"),
        ),
        _kind(
            "appropriation_expenditure",
            _VALUE,
            budget=(
                "财政拨款支出预算表",
                "Fiscal appropriation expenditure by function (budget)",
            ),
        ),
        _kind(
            "appropriation_basic_expenditure",
            _VALUE,
            budget=(
                "财政拨款基本支出预算表",
                "Fiscal appropriation basic expenditure by economic classification (budget)",
            ),
        ),
        _kind(
            "department_basic_expenditure",
            _VALUE,
            budget=(
                "部门预算基本支出预算表",
                "Basic expenditure of every fund by budget unit and economic class (budget)",
            ),
        ),
        _kind(
            "operating_costs",
            _VALUE,
            budget=(
                "一般公共预算机关运行经费支出预算表",
                "Running costs of the organs by economic classification (budget)",
            ),
        ),
        _kind(
            "government_procurement",
            _VALUE,
            budget=("政府采购预算表", "Government procurement (budget)"),
        ),
        _kind(
            "meeting_details",
            _VALUE,
            budget=("会议费明细表", "Meetings budgeted, one line each (budget)"),
        ),
        _kind(
            "training_details",
            _VALUE,
            budget=("培训费明细表", "Trainings budgeted, one line each (budget)"),
        ),
        _kind(
            "purchased_services",
            _VALUE,
            budget=(
                "政府购买服务明细表",
                "Services the government buys, a line each by the guiding catalogue (budget)",
            ),
        ),
        _kind(
            "project_expenditure",
            ("project",),
            budget=(
                "一般公共预算项目支出情况表",
                "Project spending by project and economic category (budget)",
            ),
            final=(
                "一般公共预算财政拨款项目支出决算表",
                "Project spending of general-budget appropriations",
            ),
        ),
        _kind(
            "department_project_expenditure",
            ("project",),
            budget=(
                "部门预算项目支出及其他支出预算表",
                "Project spending of every fund by budget unit and project (budget)",
            ),
        ),
        _kind(
            "carryover_expenditure",
            ("project",),
            budget=(
                "财政拨款结转资金支出表",
                "Spending of appropriations carried over, by budget unit and project (budget)",
            ),
        ),
        _kind(
            "state_assets",
            _VALUE,
            budget=(
                "国有资产占用情况表",
                "State-owned assets held: vehicles, large equipment, … (budget)",
            ),
            final=("国有资产占用情况表", "State-owned assets held: vehicles, large equipment, …"),
        ),
        _kind(
            OTHER_TABLE,
            (),
            **{phase: _OTHER_TITLE for phase in PHASES},
        ),
    )
}


def table_title(table: str, phase: str) -> str:
    """The standard Chinese title of a table kind in a phase's documents."""
    return TABLE_KINDS[table].title(phase).cn


def column_name(table: str, key: str) -> str | None:
    """The standard Chinese heading of a table's column key: 'reception_budget' of the 三公
    table → '公务接待费 预算数'.

    A key joins one word per column group of the kind (the readers resolve each part from
    a header label); a table that prints its items as rows adds a fund from the value
    columns, and a key of another year starts with its period ('previous_total' → '上年 合计').
    None for a key the vocabulary can't name, which keeps its printed heading.
    """
    names, rest = [], key
    period = key_period(key)
    if period:
        names, rest = [PERIODS[period[:-1]].cn], key[len(period) :]
    for group in (*TABLE_KINDS[table].columns, "value"):
        fits = [
            word
            for word in COLUMN_GROUPS[group].values()
            if rest == word.key or rest.startswith(f"{word.key}_")
        ]
        if fits:
            word = max(fits, key=lambda word: len(word.key))
            names.append(word.cn)
            rest = rest[len(word.key) + 1 :]
        if not rest:
            return " ".join(names)
    return None


# --- stored values --------------------------------------------------------------------

#: Where a finding is: a table, or the narrative's own text.
FINDING_PLACES: dict[str, object] = {
    **TABLE_KINDS,
    NARRATIVE: Word(NARRATIVE, "情况说明", "the narrative"),
}
#: Fields that store the same vocabulary ids in every resource that has them.
FIELD_WORDS: dict[str, dict] = {"phase": PHASES, "table": TABLE_KINDS}
#: The words of each other field whose stored values are vocabulary ids, by (resource,
#: field); the catalogue's ``family`` is the phase.
STORED_WORDS: dict[tuple[str, str], dict] = {
    ("sources", "family"): PHASES,
    ("sources", "scope"): SCOPES,
    ("sources", "part"): SOURCE_PARTS,
    ("sources", "admin_level"): ADMIN_LEVELS,
    ("sources", "department_kind"): DEPARTMENT_KINDS,
    ("reports", "status"): REPORT_STATUSES,
    ("reports", "error_reason"): REFUSALS,
    ("report_tables", "status"): TABLE_STATUSES,
    ("amounts", "side"): SIDES,
    ("amounts", "flag"): AMOUNT_FLAGS,
    ("findings", "kind"): FINDING_KINDS,
    ("findings", "rule"): RULES,
    ("findings", "table"): FINDING_PLACES,
    ("narrative_claims", "topic"): NARRATIVE_TOPICS,
    ("narrative_claims", "measure"): CLAIM_MEASURES,
    ("narrative_claims", "basis"): CLAIM_BASES,
    ("narrative_claims", "outcome"): CLAIM_OUTCOMES,
    ("three_public", "item"): THREE_PUBLIC_ITEMS,
    ("summary_lines", "side"): SIDES,
    ("basic_spending_economic", "expense_type"): EXPENSE_TYPES,
    ("procurement", "category"): PROCUREMENT_CATEGORIES,
    ("economic_codes", "expense_type"): EXPENSE_TYPES,
    ("performance_funds", "fund"): FUND_LINES,
    ("performance_funds", "breakdown"): FUND_BREAKDOWNS,
    ("budget_vs_actual", "scope"): SCOPES,
}


def value_name(resource: str, field: str, value: str, phase: str = "final") -> str | None:
    """The Chinese name of a stored value, or None where the field stores no vocabulary id."""
    words = STORED_WORDS.get((resource, field)) or FIELD_WORDS.get(field)
    if words is None or value not in words:
        return None
    entry = words[value]
    if isinstance(entry, TableKind):
        return entry.title(phase).cn
    return entry.name_cn if isinstance(entry, Rule) else entry.cn


# --- printed labels -------------------------------------------------------------------

#: The Chinese-numeral numbering (一、二、…) that marks the main lines of a summary table.
#: A part heading of a document (第二部分 2019年度部门预算表), which titles no table.
PART_HEADING = re.compile(r"^第[一二三四五六七八九十\d]+部分")
CHINESE_NUMBERING = re.compile(r"^[一二三四五六七八九十]+、")
#: Any list numbering that starts a printed label: 一、 / 1. / 1、 / （一） / (1); a
#: decimal figure (1.5) is not numbering.
LIST_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\d+[.．、](?!\d)|[（(][一二三四五六七八九十\d]+[)）])"
)


def numbering_style(label: str) -> str:
    """The level a line's list number marks: 一、 and 二、 alike, 1、 and 1. one level, (1) and
    （一） others; '' for a line printing none."""
    number = LIST_NUMBERING.match(label)
    text = number.group(0) if number else ""
    return re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "1", text)).replace("．", ".")
