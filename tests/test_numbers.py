"""The one number parser: printed amounts as exact decimals, blanks, and refusals."""

from decimal import Decimal

import pytest

from fiscal.numbers import UnreadableAmount, format_decimal, parse_amount


@pytest.mark.parametrize(
    ("text", "value", "decimals"),
    [
        ("2,940.05", "2940.05", 2),
        ("1993. 19", "1993.19", 2),  # stray space inside the number (Zhuzhou)
        ("156,211,123", "156211123", 0),  # budgets in 元 print whole numbers
        ("0.9", "0.9", 1),
        ("(12.50)", "-12.50", 2),
        ("-3.00", "-3.00", 2),
        ("２，９４０．０５", "2940.05", 2),  # full-width digits
        ("1,238.58\n", "1238.58", 2),
    ],
)
def test_reads_printed_amounts_exactly(text: str, value: str, decimals: int) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == Decimal(value)
    assert amount.decimals == decimals


@pytest.mark.parametrize("text", ["", "  ", "-", "—", "－", None])
def test_blank_and_dash_publish_no_amount(text: str | None) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["1,23.4", "12a", "XXX", "3.5%", "1.2.3"])
def test_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(UnreadableAmount):
        parse_amount(text)


def test_unit_conversion_is_exact() -> None:
    amount = parse_amount("156,211,123")
    assert amount is not None
    assert amount.in_unit("元") == Decimal("15621.1123")
    assert format_decimal(amount.in_unit("元")) == "15621.1123"


def test_formatting_never_uses_exponents() -> None:
    assert format_decimal(Decimal("100.00")) == "100"
    assert format_decimal(Decimal("0.000")) == "0"
    assert format_decimal(Decimal("1E+3")) == "1000"
