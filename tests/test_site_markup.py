"""The site's markup helpers: numbers the Chinese way, escaping, safe titles and JSON."""

from __future__ import annotations

import json
import re

import pytest

from fiscal.site.markup import (
    MISSING,
    amount_cell,
    format_amount,
    href,
    md_text,
    page_title,
    safe_json,
    text,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "{{ 7*7 }}",
    "**bold**",
    "[x](javascript:alert(1))",
    '<img src=x onerror="alert(1)">',
    "a & b ' \" `",
]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2940.05", "2,940.05"),
        ("1234567.5", "1,234,567.50"),
        ("10", "10.00"),
        ("0", "0.00"),
        ("-1234.5", "−1,234.50"),
        ("8209.679742", "8,209.68"),
        ("0.125", "0.13"),  # half up, as accounts round
    ],
)
def test_amounts_in_wan_yuan_with_separators_and_two_decimals(value: str, shown: str) -> None:
    assert format_amount(value) == shown


def test_exact_amounts_keep_every_decimal() -> None:
    assert format_amount("6484.0547", None) == "6,484.0547"
    assert format_amount("-0.0000035", None) == "−0.0000035"


def test_negative_missing_and_zero_cells_look_different() -> None:
    negative, missing, zero = amount_cell("-3"), amount_cell(""), amount_cell("0")
    assert "−3.00" in negative and "negative" in negative
    assert f">{MISSING}<" in missing and 'class="missing"' in missing
    assert 'data-sort=""' in missing and "title=" not in missing  # the table's tip (site.js)
    assert ">0.00<" in zero and "missing" not in zero and "negative" not in zero


def test_rounded_cell_keeps_the_exact_value_and_the_printed_text_for_its_tooltip() -> None:
    """site.js makes the tooltip (精确值 8,209.679742 万元；原文 82,096,797.42（元）) of
    these two and of the column's printed unit."""
    cell = amount_cell("8209.679742", "82,096,797.42")
    assert ">8,209.68<" in cell
    assert 'data-sort="8209.679742"' in cell and 'data-p="82,096,797.42"' in cell
    assert 'data-sort="100"' in amount_cell("1E+2")  # a plain decimal, never an exponent


@pytest.mark.parametrize("hostile", HOSTILE)
def test_text_is_escaped_for_content_and_attributes(hostile: str) -> None:
    escaped = text(hostile)
    assert not re.search(r"[<>\"']", escaped)
    assert "&lt;" in escaped or "<" not in hostile


@pytest.mark.parametrize("hostile", HOSTILE)
def test_titles_carry_no_markup_characters(hostile: str) -> None:
    """The theme inserts page titles unescaped (and striptags unescapes entities)."""
    assert not re.search(r"[<>&\"'`]", page_title(hostile))
    assert not re.search(r"[<>&\"'`]", md_text(hostile).replace("\\", ""))


def test_markdown_punctuation_in_headings_is_escaped() -> None:
    assert md_text("**bold** [x](y)") == r"\*\*bold\*\* \[x\]\(y\)"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_json_for_a_script_element_cannot_close_it(hostile: str) -> None:
    encoded = safe_json({"name": hostile, "data": [hostile]})
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert json.loads(encoded) == {"name": hostile, "data": [hostile]}


def test_links_are_relative_html_files() -> None:
    assert href("reports/a.md", "publishers/b.md") == "../publishers/b.html"
    assert href("index.md", "reports/a.md#findings") == "reports/a.html#findings"
    assert href("data/quality.md", "downloads/source/a.pdf") == "../downloads/source/a.pdf"


def test_deferred_html_comes_back_where_markdown_left_its_marker() -> None:
    """Markdown and the search index see markers; the rendered page gets the tables back,
    each where its marker was, headings around them in place."""
    import markdown

    from fiscal.site.markup import Deferred, block, restore_deferred

    later = Deferred()
    body = "".join(
        [
            "## 一 {#one}\n",
            block("<p>facts</p>", later("<table><tr><td>1</td></tr></table>")),
            "## 二 {#two}\n",
            block(later("<table>\n<tr><td>**2**</td></tr></table>")),
        ]
    )
    rendered = markdown.markdown(body, extensions=["attr_list"])
    assert "<td>" not in rendered
    html = restore_deferred(rendered, later.fragments)
    assert html.index("一") < html.index("<td>1</td>") < html.index("二") < html.index("**2**")
    assert "<strong>" not in html
