"""Opening a source document (PDF, Word, Excel), refusing one that cannot be read.

Parser failures become :class:`~fiscal.errors.DocumentError` with a reason word, so no
input, however odd, ends in a traceback.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pdfplumber
from pdfminer import pdftypes
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from fiscal.errors import (
    CORRUPT,
    ENCRYPTED,
    MISSING,
    NO_TEXT,
    NOT_OFFICE,
    NOT_PDF,
    TRUNCATED,
    DocumentError,
    detail,
    memory_limit_error,
    past_a_bound,
)
from fiscal.read.drawing import OversizedDrawing
from fiscal.read.inflate import inflate_damaged
from fiscal.read.objects import parse_objects

T = TypeVar("T")

# pdfminer recovers a damaged Flate stream in quadratic time; the same recovery, linear,
# until a release of pdfminer.six makes it so (``fiscal.read.inflate``).
pdftypes.decompress_corrupted = inflate_damaged

#: Word and Excel files are read for their performance forms (offices often publish them so).
OFFICE_SUFFIXES = (".docx", ".xlsx")


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
        if not _pages(pdf, path):
            raise DocumentError(path, CORRUPT, "PDF has no pages")
        yield pdf
    except (PdfminerException, PDFSyntaxError, PSException) as error:  # raised by page parsing
        raise parser_error(path, error) from error
    except OversizedDrawing as error:
        raise past_a_bound(path, CORRUPT, str(error)) from error
    finally:
        _close(pdf)


def _pages(pdf: pdfplumber.PDF, path: Path) -> list[Page]:
    """The pages, where their tree and boxes can be read at all: a damaged page tree or a
    MediaBox of no numbers fails as pdfplumber lists them, and the file is corrupt."""
    try:
        return pdf.pages
    except (TypeError, ValueError, KeyError, MalformedPDFException) as error:
        raise DocumentError(
            path, CORRUPT, f"damaged PDF whose pages cannot be listed ({detail(error)})"
        ) from error


def _close(pdf: pdfplumber.PDF) -> None:
    """Close a PDF, even one whose pages cannot be listed: closing lists them again, and
    must never replace the reason the file was refused with that failure."""
    try:
        pdf.close()
    except Exception:  # the pages' own failure, already reported
        pdf.stream.close()


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
    return DocumentError(path, CORRUPT, f"damaged PDF that cannot be parsed ({detail(cause)})")


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


def printed(page: Page) -> Page:
    """The page as printed: only what lies inside its box. A text layer may hold more
    than the page shows (a spreadsheet's other sheets typeset below the page, a tall row's
    text beyond the page it is cut at); none of it is printed, so none of it is read.
    A character is on the page if its middle is (one whose top just reaches into the
    box is not seen); rulings and boxes crossing the edge keep their part inside."""
    x0, top, x1, bottom = page.bbox
    parse_objects(page)

    def inside(obj: dict) -> bool:
        return x0 <= obj["x0"] and obj["x1"] <= x1 and top <= obj["top"] and obj["bottom"] <= bottom

    def seen(obj: dict) -> bool:
        middle_x, middle_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return obj["object_type"] != "char" or (x0 <= middle_x <= x1 and top <= middle_y <= bottom)

    if all(inside(obj) for objects in page.objects.values() for obj in objects):
        return page
    return page.filter(seen).crop(page.bbox)


def printed_pages(pdf: pdfplumber.PDF) -> Iterator[Page]:
    """Each page of a document as printed, in order; a page's parsed objects are let go
    once the caller has moved on to the next."""
    for page in pdf.pages:
        yield printed(page)
        page.close()


def cover_text(pdf: pdfplumber.PDF, path: Path) -> str:
    """Text of the first two pages, where covers print title, publisher and year.

    A document without any text layer is refused here: nothing can be read from a scan.
    """
    if not any(printed(page).chars for page in pdf.pages):
        raise DocumentError(
            path, NO_TEXT, "no text layer (scanned image?); it needs OCR before it can be read"
        )
    return "\f".join(printed(page).extract_text() or "" for page in pdf.pages[:2])
