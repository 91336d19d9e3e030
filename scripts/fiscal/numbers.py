"""The one number parser: printed amounts to exact decimals.

Amounts in the documents are printed with thousands separators (``2,940.05``), stray
spaces (``1993. 19``), blanks or dashes for "none". Floats would drift when summed and
written back, so every amount is a :class:`decimal.Decimal` from the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_BLANKS = {"", "-", "—", "–", "－", "——", "/", "…", "……"}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－（）", "0123456789.,-()")
_NUMBER = re.compile(r"^\(?-?\d+(\.\d+)?\)?$")

#: How many 元 are in one of each printed unit; the package stores 万元.
UNIT_IN_YUAN: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}
PACKAGE_UNIT = "万元"


#: Units a column header may print for what it counts rather than pays (（辆）, 人数, 执行率;
#: （台，套）, the measure of equipment, counted in 台 or 套 alike).
COUNT_UNITS = (
    *("人", "辆", "台", "套", "台（套）", "个", "项", "次", "户", "家", "件", "亩", "吨"),
    *("㎡", "%"),
)
_LABEL_UNIT = re.compile(
    r"[（(]\s*(?:单位\s*[:：]\s*)?(亿元|千元|万元|元|人|辆|台\s*[，,、/]?\s*套|台|套|个|项|次|户|"
    r"家|件|亩|吨|㎡|平方米|m2|%|％)\s*[)）]"
)
#: A 数量 column counts items of several kinds (台, 套, 项 …): 个 is the measure word of any.
_LABEL_COUNT = {"人数": "人", "数量": "个", "率": "%", "比例": "%", "比重": "%", "面积": "㎡"}


def label_unit(label: str) -> str | None:
    """The unit a column's header labels print for its figures: （万元）, （辆）, 人数, 执行率;
    None where they print none (the table's unit holds)."""
    matches = list(_LABEL_UNIT.finditer(label))
    if matches:  # the deepest label's unit wins
        unit = matches[-1].group(1)
        if unit.startswith("台") and unit.endswith("套"):
            return "台（套）"
        return {"平方米": "㎡", "m2": "㎡", "％": "%"}.get(unit, unit)
    deepest = label.rsplit("/", 1)[-1].strip()
    return next((unit for word, unit in _LABEL_COUNT.items() if deepest.endswith(word)), None)


class UnreadableAmount(ValueError):
    """A cell meant to hold an amount holds text that is not a number."""


@dataclass(frozen=True)
class Amount:
    """An amount as printed: its exact value and how many decimals were printed."""

    value: Decimal
    decimals: int

    def in_unit(self, unit: str) -> Decimal:
        """The value converted from ``unit`` to the package unit (万元), exactly."""
        return self.value * UNIT_IN_YUAN[unit] / UNIT_IN_YUAN[PACKAGE_UNIT]


def clean(text: str | None) -> str:
    """Cell text with line breaks and spaces removed and full-width digits folded."""
    if text is None:
        return ""
    return re.sub(r"\s+", "", text).translate(_FULLWIDTH)


def is_blank(text: str | None) -> bool:
    """True for cells that publish no amount: empty, or a dash meaning 'none'."""
    return clean(text) in _BLANKS


def looks_numeric(text: str | None) -> bool:
    """True if the cell reads as a number (separators and stray spaces allowed)."""
    return bool(_NUMBER.match(clean(text).replace(",", "")))


def parse_amount(text: str | None) -> Amount | None:
    """Parse a printed amount; ``None`` for a blank; :class:`UnreadableAmount` otherwise.

    ``(12.50)`` and ``-12.50`` are negatives. A thousands separator must separate
    groups of three digits, so ``1,23.4`` is refused rather than read as 123.4.
    """
    raw = clean(text)
    if raw in _BLANKS:
        return None
    body = raw
    negative = False
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1]
    if body.startswith("-"):
        negative, body = not negative, body[1:]
    if "," in body and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", body):
        raise UnreadableAmount(f"not a number: {text!r}")
    body = body.replace(",", "")
    if not re.fullmatch(r"\d+(\.\d+)?", body):
        raise UnreadableAmount(f"not a number: {text!r}")
    try:
        value = Decimal(body)
    except InvalidOperation as error:  # pragma: no cover - the regex above guards this
        raise UnreadableAmount(f"not a number: {text!r}") from error
    decimals = len(body.split(".")[1]) if "." in body else 0
    return Amount(-value if negative else value, decimals)


@dataclass(frozen=True)
class Quantity:
    """A figure printed with an optional comparator and unit: ``≥95%``, ``=1 台``, ``10分``."""

    comparator: str  # "", "=", "≥", "≤", ">" or "<"
    value: Decimal
    unit: str


_COMPARATORS = {">=": "≥", "≧": "≥", "<=": "≤", "≦": "≤", "＝": "=", "＞": ">", "＜": "<"}
_QUANTITY = re.compile(r"(≥|≤|=|>|<)?(-?\d+(?:\.\d+)?)([^\d.、，。,:：;；()（）]{0,8})")


def parse_quantity(text: str | None) -> Quantity | None:
    """A performance indicator value or score as comparator, number and unit; None where
    the text is not one number (``有效改善``, ``2024年12月``, a sentence)."""
    raw = clean(text).replace(",", "")
    for printed, canonical in _COMPARATORS.items():
        raw = raw.replace(printed, canonical)
    match = _QUANTITY.fullmatch(raw)
    if match is None:
        return None
    comparator, number, unit = match.groups()
    return Quantity(comparator or "", Decimal(number), unit)


def format_decimal(value: Decimal) -> str:
    """Plain positional notation with no exponent and no trailing zeros beyond need."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text
