"""Opening a source document, and saying clearly why one cannot be read.

Every failure is a :class:`DocumentError` whose message names the file and the reason
in one line, so a contributor knows what to do and the pipeline can mark one report
failed while the others are still published.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import PdfminerException

T = TypeVar("T")

#: Reasons a document is refused; each is a stable word for the reports resource.
MISSING = "missing"
NOT_PDF = "not_pdf"
ENCRYPTED = "encrypted"
TRUNCATED = "truncated"
NO_TEXT = "no_text_layer"
NOT_BUDGET = "not_a_budget_document"
WRONG_YEAR = "wrong_year"
UNKNOWN_UNIT = "unknown_unit"
CORRUPT = "corrupt"
NOT_OFFICE = "not_office"

#: Word and Excel files are read for their performance forms (offices often publish them so).
OFFICE_SUFFIXES = (".docx", ".xlsx")


class DocumentError(Exception):
    """A source document that cannot be extracted, with a reason and a hint."""

    def __init__(self, path: Path | str, reason: str, message: str) -> None:
        super().__init__(message)
        self.path = str(path)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def check_file(path: Path) -> None:
    """Refuse missing, non-PDF and truncated files before any parser sees them."""
    if not path.is_file():
        raise DocumentError(path, MISSING, "file not found; check the path")
    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 4096))
        tail = handle.read()
    if b"%PDF-" not in head:
        raise DocumentError(path, NOT_PDF, "not a PDF file (no %PDF header); export it as PDF")
    if b"%%EOF" not in tail:
        raise DocumentError(
            path, TRUNCATED, "truncated PDF (no end-of-file marker); download it again"
        )


@contextmanager
def open_pdf(path: Path) -> Iterator[pdfplumber.PDF]:
    """Open a PDF for extraction, turning parser failures into :class:`DocumentError`."""
    check_file(path)
    try:
        pdf = pdfplumber.open(path)
    except (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError) as error:
        raise parser_error(path, error) from error
    try:
        if not pdf.pages:
            raise DocumentError(path, CORRUPT, "PDF has no pages")
        yield pdf
    except (PdfminerException, PDFSyntaxError, PSException) as error:  # raised by page parsing
        raise parser_error(path, error) from error
    finally:
        pdf.close()


def parser_error(path: Path, error: Exception) -> DocumentError:
    """The :class:`DocumentError` for an exception raised while parsing a PDF.

    pdfplumber wraps whatever pdfminer raises in PdfminerException; its cause says why.
    """
    cause = error.args[0] if isinstance(error, PdfminerException) and error.args else error
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return DocumentError(
            path,
            ENCRYPTED,
            "encrypted PDF that needs a password; ask the publisher for an open copy",
        )
    detail = str(cause) or type(cause).__name__
    return DocumentError(path, CORRUPT, f"damaged PDF that cannot be parsed ({detail})")


def open_office(path: Path, reader: Callable[[Path], T]) -> T:
    """Read a .docx / .xlsx file with ``reader``, turning failures into :class:`DocumentError`.

    Both are zip archives; a password-protected one is an OLE compound file instead, as is
    an old .doc / .xls saved under the new name.
    """
    if not path.is_file():
        raise DocumentError(path, MISSING, "file not found; check the path")
    data = path.read_bytes()
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError(
            path,
            ENCRYPTED,
            "password-protected or old-format (.doc / .xls) Office file; "
            f"save it as {path.suffix} without a password",
        )
    if not data.startswith(b"PK"):
        raise DocumentError(
            path, NOT_OFFICE, f"not a {path.suffix} file (no zip header); save it again as one"
        )
    if b"PK\x05\x06" not in data[-65536:]:
        raise DocumentError(
            path, TRUNCATED, "truncated file (zip directory missing); download it again"
        )
    try:
        return reader(path)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise DocumentError(
            path, CORRUPT, f"damaged {path.suffix} file that cannot be read ({error})"
        ) from error


@dataclass(frozen=True)
class DocumentFacts:
    """What the first pages say about a document: year, family and scope."""

    fiscal_year: int | None
    family: str | None
    scope: str | None


_YEAR = re.compile(r"(20\d{2})\s*年")


def read_facts(first_pages_text: str) -> DocumentFacts:
    """Fiscal year, family (final / budget / performance) and scope (部门 / 单位) from the cover."""
    text = re.sub(r"\s+", "", first_pages_text)
    year_match = _YEAR.search(text) or re.search(r"(20\d{2})", text)
    family = None
    standard = re.search(r"(部门|单位)(决算|预算)", text)
    if re.search(r"绩效(自评|评价|目标)", text) and not standard:
        family = "performance"
    elif "决算" in text:
        family = "final"
    elif "预算" in text:
        family = "budget"
    scopes = {
        "部门决算": "department",
        "部门预算": "department",
        "单位决算": "unit",
        "单位预算": "unit",
    }
    found = sorted((text.find(word), value) for word, value in scopes.items() if word in text)
    scope = found[0][1] if found else None
    return DocumentFacts(int(year_match.group(1)) if year_match else None, family, scope)
