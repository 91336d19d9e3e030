"""The ``extract`` stage: one report read, checked and tidied into a one-report package.

In the pipeline the report's catalogue row (``data/catalogue/<id>.csv``) comes with it, so
the facts written here (year, phase, publisher, version) are final and the document's
year is checked against the row here, once; the package stage only combines reports.
A file tried out without a catalogue row is described by what its cover says.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from fiscal.catalogue.rows import find_source
from fiscal.check.report import check_extraction
from fiscal.errors import READER_ERROR, DocumentError
from fiscal.files import file_sha256
from fiscal.ops.atomic import swap_directory
from fiscal.ops.limits import Limits, run_limited
from fiscal.ops.progress import page_progress
from fiscal.package.tidy import failed_frames, tidy_frames, write_package
from fiscal.read.extract import extract_document
from fiscal.records import Extraction
from fiscal.schema import local_descriptor, read_csv, resource_names


def report_id_for(path: Path) -> str:
    """A stable id for a file that is not in the catalogue, from its name or its bytes."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or f"file-{file_sha256(path)[:12]}"


def unregistered_source(extraction: Extraction) -> dict[str, object]:
    """A catalogue row for a file tried out with ``fiscal extract`` without registering it:
    what its cover says, the publisher marked as not registered when the cover names none."""
    facts = extraction.facts
    return {
        "report_id": extraction.report_id,
        "title": facts.title or extraction.path.stem,
        "publisher_id": extraction.report_id,
        "publisher": facts.publisher or "未登记 (unregistered)",
        "fiscal_year": facts.fiscal_year,
        "family": facts.phase,
        "scope": facts.scope or "department",
        "file_path": str(extraction.path),
        "sha256": extraction.sha256,
        "page_count": extraction.page_count,
        "version": 1,
    }


def extract_to_directory(
    document: Path,
    out: Path,
    report_id: str | None = None,
    catalogue: Path | None = None,
    record_failure: bool = False,
    limits: Limits | None = None,
) -> str:
    """Extract one source file into ``out`` as a one-report data package; return a summary.

    ``catalogue`` (the pipeline passes the report's one-row ``data/catalogue/<id>.csv``,
    ``fiscal add`` the proposed row) gives the report's final facts and the year the
    document must print; without a row for the report the facts come from its cover. With
    ``record_failure`` a document that cannot be read still yields a package whose
    reports row says why, so the pipeline publishes every other report; without it the
    :class:`DocumentError` propagates for the command line to report. ``limits`` (pipeline
    use, with ``record_failure``) run the extraction in a child process that a crafted
    document cannot hang or exhaust.
    """
    report_id = report_id or report_id_for(document)
    source = find_source(report_id, catalogue) if catalogue else None
    if limits is not None and not record_failure:
        raise ValueError("limits apply to the pipeline's record-failure mode only")
    try:
        if limits is None:
            _extract(document, out, report_id, source)
        else:
            run_limited(
                lambda: _extract_or_record(document, out, report_id, source), limits, document
            )
    except DocumentError as error:
        if not record_failure:
            raise
        for leftover in out.parent.glob(f".{out.name}-*"):  # staging of a stopped child
            shutil.rmtree(leftover, ignore_errors=True)
        _record_failure(out, report_id, source, error)
    return summary_line(read_csv(out / "reports.csv").iloc[0])


def summary_line(report: pd.Series) -> str:
    """One line for a reports row: what was found, or why the document failed."""
    if report["status"] == "failed":
        return f"{report['report_id']}: FAILED {report['error_message']}"
    return (
        f"{report['report_id']}: {report['tables_found']} tables, {report['amounts']} amounts, "
        f"{report['identity_checks']} checks, {report['source_inconsistencies']} "
        f"source inconsistencies, {report['extraction_failures']} extraction failures"
    )


def _extract(document: Path, out: Path, report_id: str, source: dict | None) -> None:
    try:
        frames, source_row = _read_and_check(document, report_id, source)
    except DocumentError:
        raise
    except Exception as error:
        raise DocumentError(
            document,
            READER_ERROR,
            f"the reader failed on this file ({type(error).__name__}: {error}); please report it",
        ) from error
    _write_report_dir(out, frames, pd.DataFrame([source_row]))


def _read_and_check(
    document: Path, report_id: str, source: dict | None
) -> tuple[dict[str, pd.DataFrame], dict]:
    """Read, check and tidy one document; the catalogue row it ends with."""
    expected_year = int(source["fiscal_year"]) if source else None
    extraction = extract_document(document, report_id, expected_year, page_progress(document))
    measured = unregistered_source(extraction)
    # The catalogue row decides; what it leaves blank (a row being proposed has no page
    # count yet) is what the file itself says.
    source_row = {**measured, **{k: v for k, v in (source or {}).items() if v not in ("", None)}}
    return tidy_frames(extraction, check_extraction(extraction), source_row), source_row


def _extract_or_record(document: Path, out: Path, report_id: str, source: dict | None) -> None:
    try:
        _extract(document, out, report_id, source)
    except DocumentError as error:
        _record_failure(out, report_id, source, error)


def _record_failure(out: Path, report_id: str, source: dict | None, error: DocumentError) -> None:
    stub = source or {
        "report_id": report_id,
        "fiscal_year": None,
        "publisher_id": None,
        "family": None,
    }
    frames = failed_frames(report_id, stub, error)
    _write_report_dir(out, frames, pd.DataFrame([stub]))


def _write_report_dir(out: Path, frames: dict, catalogue: pd.DataFrame) -> None:
    """Write into a fresh directory, then swap it in: no half-written report is ever seen."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        paths = {name: staging / f"{name}.csv" for name in resource_names()}
        write_package(frames, catalogue, paths)
        names = {name: f"{name}.csv" for name in resource_names()}
        (staging / "datapackage.json").write_text(
            json.dumps(local_descriptor(names), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        swap_directory(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
