"""A page's objects, made faster than pdfplumber makes them, are the very same dicts.

``fiscal.read.objects.parse_objects`` replaces pdfplumber's conversion of each layout
object; everything read downstream (tables, text, rulings) starts from its dicts, so they
must equal pdfplumber's own, key for key and in the same order, on real pages of several
producers and on a drawn page that takes every branch (text, a filled box, a dashed line,
a curve, colour spaces, a MediaBox that does not start at 0 0).
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pdfplumber
import pytest

from fiscal.read.objects import parse_objects
from fixtures.crafted_pdfs import one_page_pdf

#: Corpus documents of different producers and layouts (Word, WPS, Excel, typeset forms).
PRODUCERS = [
    "shpt-czj-2024-final-dept.pdf",
    "bj-edu-2026-budget-dept-tables.pdf",
    "gz-ecology-2026-budget-dept.pdf",
    "js-gjfy-2017-budget-dept.pdf",
    "xa-ecology-2022-budget-dept.pdf",
    "cq-commerce-2026-budget-dept.pdf",
    "cs-police-2025-budget-dept.pdf",
    "fz-commerce-2026-budget-dept.pdf",
    "hz-transport-2026-budget-dept.pdf",
]

DRAWN_PAGE = b"""BT /F1 12 Tf 120 800 Td (Budget 2024 \\(final\\)) Tj ET
/DeviceRGB cs 1 0 0 sc 150 700 200 50 re f
0 0 1 RG 2 w [3 2] 0 d 150 650 m 350 650 l S
[] 0 d 150 600 m 200 640 250 560 300 600 c S
/DeviceGray CS 0.5 G 110 550 m 400 550 l S
BT /F1 9 Tf 0 1 -1 0 500 700 Tm (upright no more) Tj ET
"""
FONT = b"/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>"


def assert_same_objects(path: Path, every: int = 1) -> int:
    """Each ``every``-th page's objects, ours against pdfplumber's; how many compared."""
    compared = 0
    with pdfplumber.open(path) as ours, pdfplumber.open(path) as theirs:
        for number in range(0, len(ours.pages), every):
            mine, plumbers = parse_objects(ours.pages[number]), theirs.pages[number].objects
            assert list(mine) == list(plumbers), (path.name, number + 1)
            for kind, objects in plumbers.items():
                assert mine[kind] == objects, (path.name, number + 1, kind)
                assert [list(obj) for obj in mine[kind]] == [list(obj) for obj in objects]
                compared += len(objects)
    return compared


@pytest.mark.parametrize("name", PRODUCERS)
def test_corpus_pages_give_pdfplumbers_objects(corpus: Path, name: str) -> None:
    assert assert_same_objects(corpus / name, every=4) > 1000


def test_a_drawn_page_gives_pdfplumbers_objects(tmp_path: Path) -> None:
    path = tmp_path / "drawn.pdf"
    path.write_bytes(
        one_page_pdf(zlib.compress(DRAWN_PAGE), mediabox=b"100 100 695 942", resources=FONT)
    )
    assert assert_same_objects(path) > 30
    with pdfplumber.open(path) as pdf:
        objects = parse_objects(pdf.pages[0])
    assert {"char", "rect", "line", "curve"} <= set(objects)
    # pdfminer places it at 20 in a MediaBox starting at x 100; pdfplumber adds the 100 back
    assert objects["char"][0]["x0"] == pytest.approx(120)
    assert "".join(char["text"] for char in objects["char"][:19]) == "Budget 2024 (final)"


def test_a_page_is_parsed_once(corpus: Path) -> None:
    with pdfplumber.open(corpus / PRODUCERS[0]) as pdf:
        page = pdf.pages[0]
        assert parse_objects(page) is page.objects is parse_objects(page)
