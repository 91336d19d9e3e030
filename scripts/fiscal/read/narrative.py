"""The narrative of a disclosure (情况说明): its running text as sentences, and every
figure a sentence states, with what it is about, as a claim the tables can be held to.

Every 预算 and 决算 disclosure restates its tables in prose: 本年收入合计 X 万元，其中：财政拨款
收入 Y 万元，占 Z%; 比上年增加 C 万元，增长 P%; 年初预算为 B 万元，支出决算为 F 万元，完成年初
预算的 R%. The words before a figure say what it is: the topic (收入合计, 基本支出, 类 208,
公务接待费 …), whether it is an amount, a change, a share or an execution rate, and the
period or the figure it is compared with. Nothing here judges a claim; ``check/narrative``
does, against the tables and against the sentence's own figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pdfplumber

from fiscal.codes import FUNCTION_CLASSES
from fiscal.numbers import PACKAGE_UNIT, UNIT_IN_YUAN, parse_amount
from fiscal.read.grid import glyph_middle
from fiscal.read.templates import looks_like_title
from fiscal.records import Claim, ProseLine
from fiscal.vocabulary import THREE_PUBLIC_ITEMS

Frame = tuple[float, float, float, float]  # x0, top, x1, bottom of a table's ruling

# --- lines --------------------------------------------------------------------------


#: Two characters stand on one line when their glyphs' middles are closer than this share
#: of their size: figures set in another font (Times digits in a FangSong text) sit a few
#: points off the line in their boxes, not in their glyphs.
_SAME_LINE = 0.45
#: A gap wider than this share of the size between two characters is a space.
_SPACE = 0.6


def prose_lines(page: pdfplumber.page.Page, frames: Iterable[Frame]) -> list[ProseLine]:
    """The page's lines of running text: every upright character outside the table frames,
    in lines by the middles of their glyphs (not by their boxes), top to bottom."""
    frames = list(frames)
    chars = [char for char in page.chars if char.get("upright", True) and not _inside(char, frames)]
    lines: list[list[dict]] = []
    middles: list[float] = []
    for char in sorted(chars, key=glyph_middle):
        middle = glyph_middle(char)
        if lines and middle - middles[-1] <= _SAME_LINE * max(char["size"], 1.0):
            lines[-1].append(char)
            continue
        lines.append([char])
        middles.append(middle)
    texts = (_line_text(sorted(line, key=lambda char: char["x0"])) for line in lines)
    return [ProseLine(page=page.page_number, text=text) for text in texts if text]


def _inside(char: dict, frames: list[Frame]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return any(
        x0 - 1 <= x <= x1 + 1 and top - 1 <= y <= bottom + 1 for x0, top, x1, bottom in frames
    )


def _line_text(chars: list[dict]) -> str:
    parts: list[str] = []
    previous: dict | None = None
    for char in chars:
        if previous is not None and char["x0"] - previous["x1"] > _SPACE * char["size"]:
            parts.append(" ")
        parts.append(char["text"])
        previous = char
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    # Chinese carries no spaces: a justified line's gaps between characters are none.
    return re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", text)


# --- sentences ----------------------------------------------------------------------


@dataclass(frozen=True)
class Sentence:
    """A sentence of the narrative (or a heading, which ends where its line ends)."""

    page: int
    file: str
    text: str
    heading: bool


#: A line that opens a section or an item of a list: 第三部分, 一、, （一）, 1、, 1., ①.
_OPENS = re.compile(
    r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|"
    r"[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．.](?!\d)|[①-⑳])"
)
#: A page number, a running head of dashes: no text.
_FOLIO = re.compile(r"^[-—–\s\d第页/共]*$")
_SENTENCE_END = re.compile(r"(?<=[。！？])")
#: The longest line that is a heading when it ends without a full stop.
_HEADING_LENGTH = 40


def _widest(lines: list[ProseLine]) -> dict[tuple[str, int], int]:
    """The length of each page's longest line: the text's full width."""
    widest: dict[tuple[str, int], int] = {}
    for line in lines:
        key = (line.file, line.page)
        widest[key] = max(widest.get(key, 0), len(line.text.strip()))
    return widest


def sentences(lines: Iterable[ProseLine]) -> list[Sentence]:
    """The narrative's sentences in reading order, each with the page it begins on; a
    sentence runs on over lines and pages until its full stop, a heading ends at its line."""
    found: list[Sentence] = []
    text, page, file = "", 0, ""

    def close() -> None:
        nonlocal text
        for piece in _SENTENCE_END.split(text):
            if piece.strip():
                found.append(Sentence(page, file, piece.strip(), heading=False))
        text = ""

    lines = list(lines)
    widest = _widest(lines)
    for line in lines:
        words = line.text.strip()
        if not words or _FOLIO.match(words):
            continue
        if _OPENS.match(words) or looks_like_title(words):
            close()
            # a heading ends short of the text's full width (an item wrapped onto the next
            # line is no heading: 5、社会保障和就业支出（类）…行政单位离退休 / （项）。)
            short = len(words) < 0.8 * widest[(line.file, line.page)]
            # …and says no more: a run-in heading (（1）政策依据：为贯彻…) opens a paragraph
            run_in = re.search(r"[。；，,]|[:：].", words)
            if short and len(words) <= _HEADING_LENGTH and not run_in:
                found.append(Sentence(line.page, line.file, words, heading=True))
                continue
        if not text:
            page, file = line.page, line.file
        elif text.endswith(("。", "！", "？")):
            close()
            page, file = line.page, line.file
        text += _SPACED_FIGURE.sub(lambda figure: re.sub(r"\s", "", figure.group(0)), words)
    close()
    return found


#: A figure set with a space between its characters (1 4 , 7 7 0. 6 2 万元, 9 4 7 万元): one
#: figure, never its last digits alone.
_SPACED_FIGURE = re.compile(
    r"(?<![\d.,])\d(?:\s?[\d.,])*\s[\d.,](?:\s?[\d.,])*(?=\s*(?:亿元|千元|万元|元|%|％))"
)


# --- claims -------------------------------------------------------------------------

#: A figure with its unit: 2,940.05 万元, 7070.08万元, 99.79%.
_FIGURE = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|千元|万元|元|%|％|分)"
)
#: The words before a score a performance report gives itself: 自评得分为 95 分, 综合得分 …;
#: any other figure in 分 (权重 10 分, 扣 2 分) is no claim.
_SCORE = re.compile(r"(?:自评|综合|评价|总)(?:得分|分数|评分)(?:为|是|达到?)?$|^得分(?:为|是)?$")
#: The unit of a score.
SCORE_UNIT = "分"
#: Words after an amount that make it a threshold or a count of something else, no figure
#: of the tables: 单价 100 万元（含）以上, 50 万元以下.
_THRESHOLD_AFTER = re.compile(r"^[（(]?含[)）]?以上|^以上|^以下|^及以上|^（含）")
_THRESHOLD_BEFORE = re.compile(r"(单价|超过|不足|低于|高于|约|近|逾|达到?|累计)$")
_CLAUSE = re.compile(r"[，；：,;:。]")
#: Words of a clause that name no subject of their own: a clause of these alone (支出决算为,
#: 比上年增加, 占) speaks of the subject before it.
_FILLER = re.compile(
    r"其中|主要用于|年初预算|全年预算|调整预算|预算数|预算安排|预算|决算数|决算|支出|执行数|完成|"
    r"实际|安排|共计|合计|累计|总额|金额|当年|本年|全年|上年|年度|\d{4}年度?|相比|比|较|与|为|是|"
    r"达|共|计|约|了|的|占|数|增加|减少|增长|下降|降低|上升|提高|同比|[增降]幅度?|增长率|科目|"
    r"[“”\"（）()\s]"
)
#: A change and its direction: 增加 / 增长 / 上升 … (+), 减少 / 下降 / 降低 … (−); not an
#: addition (新增, 追加) nor an adjustment of the budget in the year (调增, 调减).
_UP = ("增加", "增长", "上升", "提高", "上涨", "增")
_DOWN = ("减少", "下降", "降低", "节约", "下浮", "减")
_CHANGE = re.compile(rf"(?<![新调追])({'|'.join(_UP + _DOWN)})了?(?:约)?$")
#: A change word before what changed: 增加基本支出 844.15 万元, 减少了项目支出 ….
#: A rate of change named as such: 降幅 9.1%, 增幅为 5%, 下降幅度达 3%, 增长率为 2%.
_CHANGE_RATE = re.compile(
    r"(增长|上升|下降|减少|增|涨|降|减)(?:幅度?|率|比例)(?:为|是|达到?)?了?(?:约)?$"
)
_CHANGE_OF = re.compile(rf"(?<![新调追])(?:{'|'.join(_UP + _DOWN)})了?(?:[^，；。\d]{{2,10}})$")
_SHARE = re.compile(r"占([^，；。]*?)的?(?:比[重例])?(?:为)?$")
_EXECUTION = re.compile(
    r"(?:完成|执行)了?(?:年初|全年|调整)?预算(?:数)?的?(?:比例)?(?:为)?$"
    r"|为(?:年初|全年|调整)?预算(?:数)?的$|执行率(?:为|达到?|是)?$"
)
_BUDGET_BASIS = re.compile(r"(年初预算|预算数|调整预算|全年预算)(?:数)?(?:为|是|安排)?$")
_PREVIOUS = re.compile(r"上年|上一年|上年度")
_AGAINST_BUDGET = re.compile(r"(?:比|较|与)(?:年初|调整|全年)?预算")


@dataclass(frozen=True)
class _Topic:
    key: str
    pattern: re.Pattern[str]


def _topic(key: str, pattern: str) -> _Topic:
    return _Topic(key, re.compile(pattern))


#: The words that name what a figure is about, the most specific first (a sentence's
#: 一般公共预算财政拨款基本支出 is that, not 基本支出).
_TOPICS = (
    _topic(
        "appropriation_grand_total",
        r"财政拨款收[入、]?[、和与及]?支[出]?(?:预算)?总计|财政拨款收支总(?:计|预算)",
    ),
    _topic("grand_total", r"收[入、]?[、和与及]?支[出]?(?:预算)?总计|收支总计|收支总预算"),
    _topic("income_grand_total", r"收入(?:预算)?总计|收入总预算"),
    _topic("expenditure_grand_total", r"支出(?:预算)?总计|支出总预算"),
    _topic("three_public", r"三公[”\"]?经费"),
    _topic("overseas_travel", r"因公出国[（(]境[)）]费?"),
    _topic("vehicles", r"公务用车购置及运行(?:维护)?费?"),
    _topic("vehicle_purchase", r"公务用车购置费?"),
    _topic("vehicle_operation", r"公务用车运行(?:维护)?费?"),
    _topic("reception", r"公务接待费?"),
    _topic("meetings", r"会议费"),
    _topic("training", r"培训费"),
    _topic("operating_costs", r"机关运行经费"),
    # the parts of 政府采购 a text lists after its total: by category, and the general budget's
    _topic("procurement_goods", r"政府采购货物|货物类?(?:政府)?采购"),
    _topic("procurement_works", r"政府采购工程|工程类?(?:政府)?采购"),
    _topic("procurement_services", r"政府采购服务|服务类?(?:政府)?采购"),
    _topic("procurement_general_budget", r"一般公共预算(?:财政)?(?:拨款)?(?:安排的)?政府采购"),
    _topic("procurement", r"政府采购"),
    _topic("general_budget_basic", r"一般公共预算(?:财政)?(?:拨款)?基本支出"),
    _topic("general_budget_expenditure", r"一般公共预算(?:财政)?拨款(?:支出)?"),
    _topic("government_fund_expenditure", r"政府性基金(?:预算)?(?:财政)?拨款(?:支出)?"),
    _topic("state_capital_expenditure", r"国有资本经营(?:预算)?(?:财政)?拨款(?:支出)?"),
    _topic("appropriation_income", r"财政拨款收入"),
    _topic("appropriation_expenditure", r"财政拨款支出"),
    _topic("institution_income", r"事业收入"),
    _topic("operating_income", r"经营收入"),
    _topic("upper_subsidy", r"上级补助收入"),
    _topic("subsidiary_remittance", r"附属单位上缴收入"),
    _topic("other_income", r"其他收入"),
    _topic("personnel", r"人员经费"),
    _topic("public", r"公用经费"),
    _topic("basic_expenditure", r"基本支出"),
    _topic("project_expenditure", r"项目支出"),
    _topic("income_total", r"本年收入(?:合计)?|收入合计|收入预算"),
    _topic("expenditure_total", r"本年支出(?:合计)?|支出合计|支出预算"),
)
#: Names of a fund or a total that qualify a more specific name printed beside them.
_GENERIC = frozenset(
    {
        "appropriation_income",
        "appropriation_expenditure",
        "general_budget_expenditure",
        "government_fund_expenditure",
        "state_capital_expenditure",
        "income_total",
        "expenditure_total",
        "income_grand_total",
        "expenditure_grand_total",
    }
)
#: A function code as the narrative names it: 节能环保（类）支出, 社会保障和就业支出（类）,
#: 公共安全支出（204类）司法（06款）行政运行（01项）, 一般公共服务支出（类）财政事务（款）.
_CODE_PATH = re.compile(
    r"([\u4e00-\u9fff]{2,20}?)(?:支出)?[（(](\d{3})?类[)）](?:支出)?"
    r"(?:[\u4e00-\u9fff、]{1,20}?[（(](\d{2})?款[)）])?"
    r"(?:[\u4e00-\u9fff、]{1,20}?[（(](\d{2})?项[)）])?"
)
#: A 款 and / or 项 named without their 类 (法院（款）行政运行（项）, 1．行政运行（项）支出,
#: 检察（款）：): a function code the tables' names must tell (the check resolves it).
_BRANCH_PATH = re.compile(
    r"[\u4e00-\u9fff、]{1,20}?[（(]\d{0,2}款[)）](?:[\u4e00-\u9fff、]{1,20}?[（(]\d{0,2}项[)）])?"
    r"|[\u4e00-\u9fff、]{1,20}?[（(]\d{0,2}项[)）]"
)
_CLASS_NAMES = {name.removesuffix("支出"): code for name, code in FUNCTION_CLASSES.items()}
#: A 类 by its full name (一般公共服务支出), as a list of spending by class prints it.
#: only as a whole name: after a list's punctuation or its opening words, not as the end
#: of another (其他成人教育支出 is no 教育支出).
_CLASS_NAME = re.compile(
    r"(?:(?<=^)|(?<=[、，；：:,])|(?<=包括)|(?<=其中)|(?<=用于))(?:"
    + "|".join(sorted(FUNCTION_CLASSES, key=len, reverse=True))
    + ")"
)
#: A code printed in brackets right before the figure: 其他成人教育支出（2050499）406.33 万元.
_CODE_BEFORE = re.compile(r"[（(](\d{3}(?:\d{2}){0,2})[)）]$")


def _class_code(name: str) -> str:
    """The 类 code a name ends with (主要用于以下方面一般公共服务 → 201), or ''."""
    name = name.removesuffix("支出")
    return next((_CLASS_NAMES[name[i:]] for i in range(len(name)) if name[i:] in _CLASS_NAMES), "")


def _function_code(match: re.Match[str]) -> str:
    """The code a path names: its 类, or its 款 / 项 where their digits are printed;
    '' where it names a 款 or 项 by name alone (the tables' names would have to tell)."""
    code = match.group(2) or _class_code(match.group(1))
    text = match.group(0)
    for digits, level in ((match.group(3), "款"), (match.group(4), "项")):
        if level in text:
            if not digits or not code:
                return ""
            code += digits
    return code


@dataclass(frozen=True)
class _Subject:
    topic: str
    words: str
    function_code: str = ""


#: A title quoted in the text (《…支出预算表》) names no subject, nor a remark in brackets.
_TITLE = re.compile(r"《[^》]*》")
_ASIDE = re.compile(r"[（(][^）)]*[）)]")
#: The bracket of a function code path: （类）, （204类）, （06款）, （01项）.
_LEVEL_MARK = re.compile(r"[（(]\d*[类款项][)）]")
#: An economic or function 款 / 项 named without its 类 (会议费（款）, 检察（款）): no topic.
_ITEM_ALONE = re.compile(r"[（(]\d*[款项][)）]")
#: Totals a clause names only after the words of its subject (财政专户管理资金收入预算总计,
#: 政府性基金支出预算): other words before them make the figure another's.
_TOTAL_TOPICS = frozenset(
    {
        "grand_total",
        "income_grand_total",
        "expenditure_grand_total",
        "income_total",
        "expenditure_total",
    }
)
_LEADING = re.compile(r"\d{4}年度?|^[\d.．、（()）\s]*|此外|其中|本部门|本单位|部门|单位|[:：]")


def _blank(match: re.Match[str]) -> str:
    return "·" * len(match.group(0))


#: A figure of coverage (涉及资金 …, of the projects with performance targets) is no total.
_COVERAGE = re.compile(r"涉及|覆盖|项目\d+个")


_Mention = tuple[int, int, int, _Subject]  # start, end, specificity order, subject


def _mentions(masked: str) -> list[_Mention]:
    """Every name of a topic or a function code path in the text, by where it ends."""
    found: list[_Mention] = []
    paths = []
    for match in _CODE_PATH.finditer(masked):
        subject = _Subject("function_code", match.group(0), _function_code(match))
        found.append((match.start(), match.end(), -1, subject))
        paths.append(match.span())
    for match in _BRANCH_PATH.finditer(masked):
        if not any(start <= match.start() < end for start, end in paths):
            found.append((match.start(), match.end(), -1, _Subject("function_code", match[0])))
    for match in _CLASS_NAME.finditer(masked):  # a 类 named without its （类）
        subject = _Subject("function_code", match.group(0), FUNCTION_CLASSES[match.group(0)])
        found.append((match.start(), match.end(), -1, subject))
    for order, topic in enumerate(_TOPICS):
        for match in topic.pattern.finditer(masked):
            found.append((match.start(), match.end(), order, _Subject(topic.key, match.group(0))))
    return sorted(found, key=lambda mention: mention[1])


def _head(chain: list[_Mention]) -> _Mention:
    """The name a chain of names is about: the specific name latest in it, at its longest;
    where it names only funds and totals, the first at its longest."""
    specific = [m for m in chain if m[3].topic not in _GENERIC]
    if specific:
        return max(specific, key=lambda m: (m[1], m[1] - m[0], -m[2]))
    start = min(mention[0] for mention in chain)
    return min((m for m in chain if m[0] == start), key=lambda m: (m[0] - m[1], m[2]))


def _subject_in(text: str, publisher: str = "") -> _Subject | None:
    """What the words before a figure name it as. Names printed one after the other are one
    subject (“三公”经费财政拨款支出 is 三公, 基本支出预算 is 基本支出, 一般公共预算拨款政府采购 is
    政府采购, 一般公共预算财政拨款支出 that); a subject with other words after it before the
    figure (…财政拨款运行经费), a 款 named without its 类 (会议费（款）) or a total after other
    words (财政专户管理资金收入预算总计) is something else."""
    if code := _CODE_BEFORE.search(text):
        return _Subject("function_code", code.group(0), code.group(1))
    masked = _TITLE.sub(_blank, text)
    masked = _ASIDE.sub(
        lambda aside: aside.group(0) if _LEVEL_MARK.fullmatch(aside.group(0)) else _blank(aside),
        masked,
    )
    mentions = _mentions(masked)
    if not mentions:
        return None
    chain = [mentions[-1]]
    for mention in reversed(mentions[:-1]):
        if mention[1] >= min(m[0] for m in chain) - 2:  # touching or overlapping the chain
            chain.append(mention)
    head = _head(chain)[3]
    start, end = min(m[0] for m in chain), max(m[1] for m in chain)
    leading = _LEADING.sub(
        "", masked[:start].replace(publisher, "") if publisher else masked[:start]
    )
    other = (
        _FILLER.sub("", masked[end:].replace("·", ""))
        or _COVERAGE.search(text)
        or (head.topic != "function_code" and _ITEM_ALONE.search(text))
        or (head.topic in _TOTAL_TOPICS and _FILLER.sub("", leading.replace("·", "")))
    )
    return _Subject("other", "") if other else head


def _next_subject(
    subject: _Subject | None, clause: str, text: str, publisher: str
) -> _Subject | None:
    """What a figure is about: what its clause names; where the clause names nothing but
    says no more than 支出决算为 or 比上年增加, the subject before it (or, the sentence's
    first, what the sentence names before it); a 三公 item listed among the running costs
    (机关运行经费…其中：会议费) is an economic item, no 三公 figure."""
    named = _subject_in(clause, publisher)
    if named is not None:
        subject = named
    elif subject is None:
        subject = _subject_in(text[-40:], publisher)
    elif _FILLER.sub("", clause):
        subject = None
    if subject is not None and subject.topic in _ITEMS and _RUNNING_COSTS.search(text):
        return _Subject("other", "")
    if subject is not None and subject.topic in _TOTAL_TOPICS and _ITEM_ALONE.search(text):
        # 检察（款）：2018年预算支出合计 … is the 款's
        paths = [m[3] for m in _mentions(text) if m[3].topic == "function_code"]
        return paths[-1] if paths else _Subject("other", "")
    return subject


def claims(
    found: Iterable[Sentence],
    report_id: str,
    fiscal_year: int | None,
    phase: str | None,
    publisher: str = "",
) -> list[Claim]:
    """Every figure the sentences state, numbered through the report."""
    stated: list[Claim] = []
    carried: _Subject | None = None
    for sentence in found:
        if sentence.heading:
            carried = None
            continue
        # 与上年相比，减少 69.90 万元 speaks of what the sentence before was about
        opening = carried if _COMPARISON_OPENS.match(sentence.text) else None
        more, carried = _sentence_claims(
            sentence, report_id, (fiscal_year, phase, publisher), len(stated), opening
        )
        stated += more
    return stated


#: A sentence that opens by comparing (与上年相比，…) continues the one before it.
_COMPARISON_OPENS = re.compile(r"^(与|比|较|同)(上年|上一年|\d{4}年)度?(相比|比较)?[，,]")
#: The 三公 items, and the words of a sentence that lists them as economic items of the
#: running costs instead (机关运行经费…其中：办公费…会议费、培训费、公务接待费).
_ITEMS = frozenset(THREE_PUBLIC_ITEMS) - {"total", "grand_total", "operating_costs"}
_RUNNING_COSTS = re.compile(r"^(?!.*三公).*(机关运行经费|公用经费|商品和服务支出)")


def _sentence_claims(
    sentence: Sentence,
    report_id: str,
    facts: tuple[int | None, str | None, str],
    offset: int,
    subject: _Subject | None,
) -> tuple[list[Claim], _Subject | None]:
    """The sentence's claims, and what its last figure was about. ``subject`` is what the
    sentence speaks of before it names anything (the sentence before's, for one that
    opens by comparing)."""
    text = sentence.text
    fiscal_year, phase, publisher = facts
    result: list[Claim] = []
    last_end = 0
    for match in _FIGURE.finditer(text):
        before = re.sub(r"\s+", "", text[last_end : match.start()])
        clause = _CLAUSE.split(before)[-1]
        last_end = match.end()
        after = text[match.end() : match.end() + 8]
        # 执行率达到 100% states the rate; 达到 100 万元 is a threshold
        threshold = _THRESHOLD_BEFORE.search(clause) and not _EXECUTION.search(clause)
        if _THRESHOLD_AFTER.search(after) or threshold:
            continue
        amount = parse_amount(match.group(1))
        if amount is None:
            continue
        unit = match.group(2).replace("％", "%")
        measure, basis = _measure(clause, before, unit, fiscal_year, phase)
        if measure is None:
            continue
        if measure != "share":  # 占本年支出合计的 names the base, not the subject
            subject = _next_subject(subject, clause, text[: match.start()], publisher)
        value = amount.value
        if unit in UNIT_IN_YUAN:
            value = value * UNIT_IN_YUAN[unit] / UNIT_IN_YUAN[PACKAGE_UNIT]
            unit = PACKAGE_UNIT
        if measure in ("change", "change_percent") and _direction(clause) in _DOWN:
            value = -value
        about = subject or _Subject("other", "")
        result.append(
            Claim(
                report_id=report_id,
                claim=offset + len(result) + 1,
                page=sentence.page,
                file=sentence.file,
                sentence=text,
                topic=about.topic,
                subject=about.words,
                measure=measure,
                basis=basis,
                value=value,
                unit=unit,
                printed=match.group(0),
                function_code=about.function_code,
            )
        )
    return result, subject


#: Phases whose text reports the year as spent, beside its budget: final accounts, and
#: performance self-evaluations of the same year.
_EXECUTED_PHASES = ("final", "performance")


def _measure(
    clause: str, before: str, unit: str, fiscal_year: int | None, phase: str | None
) -> tuple[str | None, str]:
    """What a figure is, from the words of its clause before it: an amount (of this year,
    the year before or the budget), a change, a share, an execution rate or a
    self-evaluation's score; None for a percentage or points of no kind the checks know.
    A change is on the year before unless a final account compares it with the budget
    (比年初预算数减少 …)."""
    executed = phase in _EXECUTED_PHASES
    against_budget = executed and _AGAINST_BUDGET.search(before) and not _PREVIOUS.search(before)
    compared = "budget" if against_budget else "previous"
    if unit == SCORE_UNIT:
        return ("score", "current") if _SCORE.search(clause) else (None, "")
    if unit in ("%", "％"):
        if _EXECUTION.search(clause):
            return "execution_rate", "budget"
        if _SHARE.search(clause):
            return "share", "current"
        if _CHANGE.search(clause) or _CHANGE_RATE.search(clause):
            return "change_percent", compared
        return None, ""
    if _CHANGE.search(clause) or _CHANGE_OF.search(clause):
        return "change", compared
    if executed and _BUDGET_BASIS.search(clause):
        return "amount", "budget"
    previous_year = f"{fiscal_year - 1}年" if fiscal_year else None
    if _PREVIOUS.search(clause) or (previous_year and previous_year in clause):
        return "amount", "previous"
    return "amount", "current"


def _direction(clause: str) -> str:
    """The change word of a clause: at its end, before what changed, or the word of a
    rate of change (降幅 → 减少)."""
    match = _CHANGE.search(clause) or _CHANGE_OF.search(clause)
    if match is None:
        rate = _CHANGE_RATE.search(clause).group(1)
        return _DOWN[0] if rate in (*_DOWN, "降") else _UP[0]
    return re.match(rf"{'|'.join(_UP + _DOWN)}", match.group(0)).group(0)


def share_base(claim: Claim) -> str:
    """What a share says it is a share of (占本年支出合计的 → 本年支出合计), or ''."""
    match = _SHARE.search(claim.sentence[: claim.sentence.find(claim.printed)])
    return match.group(1) if match else ""


def subject_of(words: str) -> str | None:
    """The topic some words name (a share's base), or None."""
    named = _subject_in(words)
    return named.topic if named else None
