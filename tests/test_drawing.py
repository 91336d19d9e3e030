"""A page's drawing instructions are inflated within a bound before they are interpreted.

``fiscal.read.drawing`` inflates a page's content streams and the forms they place, a
piece at a time, and refuses the page as soon as they pass ``LIMIT_MB``; what it inflates
whole it hands to pdfminer, which must then see exactly the bytes it would have decoded.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.pdftypes import resolve1
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen.canvas import Canvas

from fiscal.read.drawing import LIMIT_MB, OversizedDrawing, check_drawing
from fiscal.schema import ROOT
from fixtures.crafted_pdfs import one_page_pdf

CORPUS = ROOT.parent / "shared" / "corpus"
#: Documents of different producers (Word, WPS, Excel exports), some with form XObjects.
DOCUMENTS = [
    "shpt-czj-2024-final-dept.pdf",
    "gz-ecology-2026-perf-target-project.pdf",
    "js-gjfy-2017-budget-dept.pdf",
    "cq-commerce-2026-budget-dept.pdf",
]


def _form(content: bytes, resources: bytes = b"") -> bytes:
    compressed = zlib.compress(content)
    return (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << %s >> "
        b"/Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream"
        % (resources, len(compressed), compressed)
    )


def _page_placing(form: bytes) -> pdfplumber.PDF:
    """A page whose content places form ``5 0 obj`` as ``/F0``."""
    return pdfplumber.open(
        io.BytesIO(
            one_page_pdf(
                zlib.compress(b"q /F0 Do Q"),
                resources=b"/XObject << /F0 5 0 R >>",
                more=(form,),
            )
        )
    )


def test_a_form_that_inflates_past_the_limit_is_refused() -> None:
    with (
        _page_placing(_form(b" " * (LIMIT_MB + 1) * 2**20)) as pdf,
        pytest.raises(OversizedDrawing, match=f"page 1's .* past {LIMIT_MB} MB"),
    ):
        check_drawing(pdf.pages[0])


def test_a_form_that_places_itself_is_counted_once() -> None:
    looping = _form(b"BT ET q /F0 Do Q " * 1000, resources=b"/XObject << /F0 5 0 R >>")
    with _page_placing(looping) as pdf:
        check_drawing(pdf.pages[0])
        assert pdf.pages[0].chars == []  # pdfminer refuses the circle itself


def _empty_password_pdf(directory: Path) -> Path:
    """Text under an empty user password: opened without one, deciphered stream by stream."""
    path = directory / "open-but-encrypted.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1, encrypt=StandardEncryption(""))
    canvas.drawString(72, 760, "Budget 2024, encrypted with an empty password")
    canvas.rect(72, 600, 300, 100)
    canvas.save()
    return path


def _decoded_by_pdfminer(path: Path) -> list[list[bytes]]:
    with pdfplumber.open(path) as pdf:
        return [[resolve1(s).get_data() for s in page.page_obj.contents] for page in pdf.pages]


@pytest.mark.parametrize("name", [*DOCUMENTS, "encrypted"])
def test_what_is_inflated_here_is_what_pdfminer_would_decode(name: str, tmp_path: Path) -> None:
    path = _empty_password_pdf(tmp_path) if name == "encrypted" else CORPUS / name
    with pdfplumber.open(path) as pdf:
        kept = []
        for page in pdf.pages:
            check_drawing(page)
            streams = [resolve1(s) for s in page.page_obj.contents]
            kept.append([s.data for s in streams])
    assert all(data is not None for page in kept for data in page)  # inflated here, once
    assert kept == _decoded_by_pdfminer(path)
