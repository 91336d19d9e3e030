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

from .regions import Region, parse_region

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
TIME_LIMIT = "time_limit"
MEMORY_LIMIT = "memory_limit"
#: Reasons ``fiscal add`` refuses a file before it is catalogued.
NO_YEAR = "year_not_found"
NO_PUBLISHER = "publisher_not_found"
NO_REGION = "region_not_found"


class DocumentError(Exception):
    """A source document that cannot be extracted, with a reason and a hint."""

    def __init__(self, path: Path | str, reason: str, message: str) -> None:
        super().__init__(message)
        self.path = str(path)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def check_exists(path: Path) -> None:
    if not path.is_file():
        raise DocumentError(path, MISSING, "file not found; check the path")


def check_file(path: Path) -> None:
    """Refuse missing, non-PDF and truncated files before any parser sees them."""
    check_exists(path)
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
    if isinstance(cause, MemoryError):
        return memory_limit_error(path)
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


def cover_text(pdf: pdfplumber.PDF, path: Path) -> str:
    """Text of the first two pages, where covers print title, publisher and year.

    A document without any text layer is refused here: nothing can be read from a scan.
    """
    if not any(page.chars for page in pdf.pages):
        raise DocumentError(
            path, NO_TEXT, "no text layer (scanned image?); it needs OCR before it can be read"
        )
    return "\f".join(page.extract_text() or "" for page in pdf.pages[:2])


def memory_limit_error(path: Path) -> DocumentError:
    """The document needed more memory than the per-document limit (``params.yaml``)."""
    return DocumentError(
        path,
        MEMORY_LIMIT,
        "needs more memory than the per-document limit (limits.memory_mb in params.yaml); "
        "a crafted or damaged file? Open it in a PDF viewer and report it",
    )


@dataclass(frozen=True)
class DocumentFacts:
    """What the cover says about a document.

    Year, family and scope decide how a report is extracted; publisher, title and region
    are what ``fiscal add`` proposes for the catalogue row (the catalogue stays
    authoritative: the contributor confirms or overrides them).
    """

    fiscal_year: int | None
    family: str | None
    scope: str | None
    publisher: str | None = None
    title: str | None = None
    region: Region | None = None


_YEAR = re.compile(r"(20\d{2})\s*年")
#: "预算主管部门：X" / "预算单位：X" on budget covers.
_NAMED_PUBLISHER = re.compile(r"(?:预算主管部门|预算单位|部门名称|单位名称)\s*[：:]\s*(\S+)")
#: The publisher printed before "(YYYY年度)部门决算" on final-account covers, or before
#: "部门（单位）整体支出绩效自评报告" on performance reports.
_DOCUMENT_KIND = re.compile(r"(部门|单位)(?:[（(]单位[)）])?(决算|预算|整体支出)")
_YEAR_WORDS = re.compile(r"(20\d{2})?年度?")
#: A printed heading line such as "上海市普陀区2025年区级部门预算" (region or publisher first).
_HEADING = re.compile(r"\S{2,}?20\d{2}年\S*?(?:预算|决算)")
_SCOPE_WORDS = {"部门": "department", "单位": "unit"}


def read_facts(first_pages_text: str) -> DocumentFacts:
    """Year, family (final / budget / performance), scope, publisher, title and region.

    Pages are separated by form feeds; publisher and title come from the first page only,
    since a contents page repeats them inside longer lines ("第二部分 …部门决算表").
    """
    text = re.sub(r"\s+", "", first_pages_text)
    year_match = _YEAR.search(text) or re.search(r"(20\d{2})", text)
    year = int(year_match.group(1)) if year_match else None
    family = None
    standard = re.search(r"(部门|单位)(决算|预算)", text)
    if re.search(r"绩效(自评|评价|目标)", text) and not standard:
        family = "performance"
    elif "决算" in text:
        family = "final"
    elif "预算" in text:
        family = "budget"
    kinds = [match for match in _DOCUMENT_KIND.finditer(text)]
    scope = _SCOPE_WORDS[kinds[0].group(1)] if kinds else None
    cover = first_pages_text.split("\f")[0]
    publisher = _publisher(cover)
    heading = _heading(cover)
    title = None
    if heading and publisher:
        title = heading if publisher in heading else f"{heading}（{publisher}）"
    elif publisher and year and family and scope:
        title = compose_title(publisher, year, family, scope)
    region = parse_region(publisher or "") or parse_region(heading or "")
    return DocumentFacts(year, family, scope, publisher, title, region)


def compose_title(publisher: str, year: int, family: str, scope: str) -> str:
    """The usual title of a document whose cover prints none on one line."""
    kind = {"final": "决算", "budget": "预算", "performance": "绩效自评"}[family]
    scope_word = next(word for word, value in _SCOPE_WORDS.items() if value == scope)
    return f"{publisher}{year}年度{scope_word}{kind}"


def _heading(cover: str) -> str | None:
    """The first cover line that prints a region or publisher, a year and the document kind."""
    for line in cover.splitlines():
        match = _HEADING.match(re.sub(r"\s+", "", line))
        if match:
            return match.group(0)
    return None


def _publisher(cover: str) -> str | None:
    """The publishing department: named after a label, or printed before the document kind."""
    named = _NAMED_PUBLISHER.search(cover)
    if named:
        return named.group(1)
    text = _YEAR_WORDS.sub("", re.sub(r"\s+", "", cover))
    kind = _DOCUMENT_KIND.search(text)
    if not kind or kind.start() < 2:
        return None
    return text[: kind.start()]
