"""Government revenue and expenditure classification codes (政府收支分类科目).

Function codes (支出功能分类) nest as 类 (3 digits) › 款 (5) › 项 (7); economic codes
(支出经济分类) as 类 (3) › 款 (5). Documents print them as one column or split over
类 | 款 | 项 columns; both reduce to the same digit string here.
"""

from __future__ import annotations

import re
import unicodedata

from fiscal.vocabulary import LIST_NUMBERING

#: Function classes (类) by name, as printed on the spending side of the summary tables.
FUNCTION_CLASSES: dict[str, str] = {
    "一般公共服务支出": "201",
    "外交支出": "202",
    "国防支出": "203",
    "公共安全支出": "204",
    "教育支出": "205",
    "科学技术支出": "206",
    "文化旅游体育与传媒支出": "207",
    "社会保障和就业支出": "208",
    "卫生健康支出": "210",
    "节能环保支出": "211",
    "城乡社区支出": "212",
    "农林水支出": "213",
    "交通运输支出": "214",
    "资源勘探工业信息等支出": "215",
    "商业服务业等支出": "216",
    "金融支出": "217",
    "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220",
    "住房保障支出": "221",
    "粮油物资储备支出": "222",
    "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224",
    "预备费": "227",
    "其他支出": "229",
    "债务还本支出": "231",
    "债务付息支出": "232",
    "债务发行费用支出": "233",
    "抗疫特别国债安排的支出": "234",
}

#: The 类 of the two economic classifications by name: the department's (部门预算支出经济分类,
#: 3xx) and the government's (政府预算支出经济分类, 5xx). Some names stand in both under
#: different codes (对个人和家庭的补助: 303 and 509, 其他支出: 399 and 599).
DEPARTMENT_ECONOMIC_CLASSES: dict[str, str] = {
    "工资福利支出": "301",
    "商品和服务支出": "302",
    "对个人和家庭的补助": "303",
    "债务利息及费用支出": "307",
    "资本性支出（基本建设）": "309",
    "资本性支出": "310",
    "对企业补助（基本建设）": "311",
    "对企业补助": "312",
    "对社会保障基金补助": "313",
    "其他支出": "399",
}
GOVERNMENT_ECONOMIC_CLASSES: dict[str, str] = {
    "机关工资福利支出": "501",
    "机关商品和服务支出": "502",
    "机关资本性支出（一）": "503",
    "机关资本性支出（二）": "504",
    "对事业单位经常性补助": "505",
    "对事业单位资本性补助": "506",
    "对企业补助": "507",
    "对企业资本性支出": "508",
    "对个人和家庭的补助": "509",
    "对社会保障基金补助": "510",
    "债务利息及费用支出": "511",
    "债务还本支出": "512",
    "转移性支出": "513",
    "预备费及预留": "514",
    "其他支出": "599",
}

#: Economic classes whose basic spending counts as 人员经费; the rest is 公用经费.
PERSONNEL_ECONOMIC_CLASSES = frozenset({"301", "303", "501", "509"})

_LEVEL_BY_LENGTH = {3: 1, 5: 2, 7: 3}


def normalise_code(parts: list[str]) -> str:
    """Join printed code parts (``['201', '06', '01']`` or ``['2010601']``) into digits.

    Split 款 and 项 parts are two digits; some tables drop the leading zero
    (``301 | 2`` for 30102), which is restored here.
    """
    digits = [re.sub(r"\s+", "", part) for part in parts if part]
    if len(digits) > 1:
        digits = digits[:1] + [d.zfill(2) if len(d) == 1 else d for d in digits[1:]]
    return "".join(digits)


def is_code(text: str) -> bool:
    """True for a well-formed classification code of 3, 5 or 7 digits."""
    return bool(re.fullmatch(r"\d{3}(\d{2}){0,2}", text))


def is_function_code(code: str) -> bool:
    """True for a code of the spending function classification (支出功能分类), whose 类 are
    the 2xx codes (201 一般公共服务支出 … 234); the economic classification's are 3xx
    (部门预算经济分类) and 5xx (政府预算经济分类)."""
    return is_code(code) and code.startswith("2")


def is_classified_code(code: str) -> bool:
    """True for a code of a 类 the classifications hold: function 2xx, department economic
    3xx or government economic 5xx; digits of another start (95128, a hotline) are none."""
    return is_code(code) and code[0] in "235"


def code_level(code: str) -> int:
    """1 for 类, 2 for 款, 3 for 项."""
    return _LEVEL_BY_LENGTH[len(code)]


def parent_code(code: str) -> str | None:
    """The enclosing code one level up, or None for a 类."""
    return code[:-2] if len(code) > 3 else None


def function_class_for_name(label: str) -> str | None:
    """The 类 code of a spending line of a summary table, e.g. '八、社会保障和就业支出' → 208."""
    return FUNCTION_CLASSES.get(strip_numbering(label))


def _economic_name(label: str) -> str:
    """A printed name as the classifications spell it: no numbering or spaces, and brackets
    of either width alike (a cell's text reads 资本性支出(基本建设))."""
    return unicodedata.normalize("NFKC", strip_numbering(label))


def economic_classes_for_names(labels: list[str]) -> dict[str, str]:
    """The 类 codes of a table's rows that print economic classes by name and no code.

    A name takes a code only where it is exactly a 类 of one classification: the table's
    names decide which (工资福利支出 is the department's, 机关工资福利支出 the
    government's), and a name both classifications hold (对个人和家庭的补助) takes the code
    of the one the table's other names are of; where no name tells them apart, or names of
    both are printed, no name takes a code. A name of no 类 (a 款, a unit, a misspelling)
    is left without one."""
    classifications = [
        {_economic_name(name): code for name, code in classes.items()}
        for classes in (DEPARTMENT_ECONOMIC_CLASSES, GOVERNMENT_ECONOMIC_CLASSES)
    ]
    names = {_economic_name(label) for label in labels}
    telling = [
        classes
        for classes, other in zip(classifications, reversed(classifications), strict=True)
        if any(name in classes and name not in other for name in names)
    ]
    if len(telling) != 1:
        return {}
    [classes] = telling
    return {
        label: classes[_economic_name(label)]
        for label in labels
        if _economic_name(label) in classes
    }


def strip_numbering(label: str) -> str:
    """Drop list numbering and spaces: '二十、粮油物资储备支出' → '粮油物资储备支出'."""
    text = re.sub(r"\s+", "", label)
    return LIST_NUMBERING.sub("", text)


def economic_expense_type(code: str) -> str:
    """'personnel' (人员经费) or 'public' (公用经费) for a basic-spending economic code."""
    return "personnel" if code[:3] in PERSONNEL_ECONOMIC_CLASSES else "public"


#: The lines of a 政府采购预算表 that head its goods, works and services, numbering and
#: spaces stripped: 一、货物A, A-货物, 货物类, or the catalogue's bare letter (A, B, C).
PROCUREMENT_HEADINGS = {
    category: rf"^(?:政府采购)?{word}类?(?:采购)?{letter}?$|^{letter}(?:[-－—]{word}类?)?$"
    for category, word, letter in (
        ("goods", "货物", "A"),
        ("works", "工程", "B"),
        ("services", "服务", "C"),
    )
}


def procurement_category(label: str) -> str | None:
    """The category a line of a 政府采购预算表 heads ('一、货物A' → 'goods'), 'total' for
    its 合计, None for a line under them (an item or a project)."""
    text = strip_numbering(label)
    if text in ("合计", "总计"):
        return "total"
    return next((c for c, p in PROCUREMENT_HEADINGS.items() if re.match(p, text)), None)
