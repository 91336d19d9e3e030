"""Why a source document cannot be read, or a catalogue change cannot be made.

Every failure is a :class:`DocumentError` whose message names the file and the reason
in one line, so a contributor knows what to do and the pipeline can mark one report
failed while the others are still published. The reason words and their Chinese names
are the vocabulary's ``REFUSALS``.
"""

from __future__ import annotations

from pathlib import Path

#: Reasons a document is refused; each is a key of ``vocabulary.REFUSALS``.
MISSING = "missing"
NOT_PDF = "not_pdf"
ENCRYPTED = "encrypted"
TRUNCATED = "truncated"
NO_TEXT = "no_text_layer"
NOT_BUDGET = "not_a_budget_document"
WRONG_YEAR = "wrong_year"
CORRUPT = "corrupt"
NOT_OFFICE = "not_office"
TIME_LIMIT = "time_limit"
#: A fault of the reader itself on this file, never the file's: a bug to report.
READER_ERROR = "reader_error"
MEMORY_LIMIT = "memory_limit"
#: The worker process extracting the file died (twice, on two workers).
WORKER_LOST = "worker_lost"
#: Reasons ``fiscal add`` refuses a file before it is catalogued.
NO_YEAR = "year_not_found"
NO_PUBLISHER = "publisher_not_found"
NO_REGION = "region_not_found"
DUPLICATE = "duplicate"


#: How much of an exception's own text a refusal quotes: enough to say what broke, never
#: a damaged file's dump of its tokens.
_DETAIL_LENGTH = 160


def detail(error: BaseException) -> str:
    """What an exception says, on one line and cut short: ``KeyError: 'x'``."""
    text = " ".join(str(error).split()) or "no message"
    if len(text) > _DETAIL_LENGTH:
        text = text[: _DETAIL_LENGTH - 1] + "…"
    return f"{type(error).__name__}: {text}"


class DocumentError(Exception):
    """A source document that cannot be extracted, with a reason and a hint."""

    def __init__(self, path: Path | str, reason: str, message: str) -> None:
        super().__init__(message)
        self.path = str(path)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def past_a_bound(path: Path, reason: str, what: str) -> DocumentError:
    """A document whose reading went past one of its bounds (time, memory, a page's
    drawing): ``what`` it did, and what its reader can do, said alike for every bound."""
    return DocumentError(
        path, reason, f"{what}; a crafted or damaged file? Open it in a PDF viewer and report it"
    )


def memory_limit_error(path: Path) -> DocumentError:
    """The document needed more memory than the per-document limit (``params.yaml``)."""
    return past_a_bound(
        path,
        MEMORY_LIMIT,
        "needs more memory than the per-document limit (limits.memory_mb in params.yaml)",
    )


class CatalogueError(Exception):
    """A catalogue operation that cannot be done, with what to do instead."""
