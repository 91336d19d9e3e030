"""The ``extract`` stage: one report read, checked and tidied into a one-report package.

In the pipeline the report's catalogue rows (``data/catalogue/<id>.csv``, one per source
file) come with it, so the facts written here (year, phase, publisher, version) are final
and the document's year is checked against them here, once; the package stage only
combines reports. A file tried out without a catalogue row is described by its cover.

A report is one file or several (a narrative volume and the volume of its tables): the
pipeline passes the report's directory ``data/raw/<id>/``, read in the catalogue's order.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from fiscal.catalogue.rows import find_sources
from fiscal.check.report import check_extraction
from fiscal.errors import NOT_BUDGET, READER_ERROR, DocumentError, detail, memory_limit_error
from fiscal.files import file_sha256
from fiscal.ops.atomic import swap_directory
from fiscal.ops.limits import Limits, run_limited
from fiscal.ops.progress import page_progress
from fiscal.package.tidy import failed_frames, tidy_frames, write_package
from fiscal.read.extract import SOURCE_SUFFIXES, extract_document
from fiscal.records import Extraction
from fiscal.regions import division_code
from fiscal.schema import local_descriptor, read_csv, resource_names
from fiscal.vocabulary import department_kind, source_part


def report_id_for(path: Path) -> str:
    """A stable id for a file that is not in the catalogue, from its name or its bytes."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or f"file-{file_sha256(path)[:12]}"


def unregistered_source(extraction: Extraction, index: int) -> dict[str, object]:
    """A catalogue row for a file of a report tried out with ``fiscal extract`` without
    registering it: what its cover says (publisher, region and its division code, the kind
    of department), the publisher marked as not registered when the cover names none."""
    facts, file = extraction.facts, extraction.files[index]
    region = facts.region
    return {
        "report_id": extraction.report_id,
        "title": facts.title or file.path.stem,
        "publisher_id": extraction.report_id,
        "publisher": facts.publisher or "未登记 (unregistered)",
        **(
            {
                "province": region.province,
                "city": region.city,
                "district": region.district,
                "division_code": division_code(region.province, region.city, region.district),
                "admin_level": region.admin_level,
            }
            if region
            else {}
        ),
        "department_kind": department_kind(facts.publisher or ""),
        "fiscal_year": facts.fiscal_year,
        "family": facts.phase,
        "scope": facts.scope or "department",
        "part": source_part(index, len(extraction.files)),
        "file_path": str(file.path),
        "sha256": file.sha256,
        "page_count": file.page_count,
        "version": 1,
    }


def report_files(document: Path | Sequence[Path], sources: list[dict]) -> list[Path]:
    """The files a report is read from, in order: the files given; in a report's directory
    the files its catalogue rows list, or else every source file in it by name."""
    if not isinstance(document, Path):
        return list(document)
    if not document.is_dir():
        return [document]
    if sources:
        return [document / Path(row["file_path"]).name for row in sources]
    return sorted(
        path
        for path in document.iterdir()
        if path.is_file() and path.suffix.lower() in SOURCE_SUFFIXES
    )


def extract_to_directory(
    document: Path | Sequence[Path],
    out: Path,
    report_id: str | None = None,
    catalogue: Path | None = None,
    record_failure: bool = False,
    limits: Limits | None = None,
) -> str:
    """Extract one report (a source file, its several files, or its directory) into
    ``out`` as a one-report data package; return a summary.

    ``catalogue`` (the pipeline passes the report's ``data/catalogue/<id>.csv``, ``fiscal
    add`` the proposed rows) gives the report's final facts and the year the document
    must print; without rows for the report the facts come from its cover. With
    ``record_failure`` a document that cannot be read still yields a package whose
    reports row says why, so the pipeline publishes every other report; without it the
    :class:`DocumentError` propagates for the command line to report. ``limits`` (pipeline
    use, with ``record_failure``) run the extraction in a child process that a crafted
    document cannot hang or exhaust.
    """
    if report_id is None and isinstance(document, Path) and document.is_dir():
        report_id = report_id_for(document)  # a report's directory is named by its id
    sources = find_sources(report_id, catalogue) if catalogue and report_id else []
    files = report_files(document, sources)
    report_id = report_id or report_id_for(files[0] if files else Path("report"))
    if limits is not None and not record_failure:
        raise ValueError("limits apply to the pipeline's record-failure mode only")
    try:
        if not files:
            raise DocumentError(Path(document), NOT_BUDGET, "no source file in this directory")
        if limits is None:
            _extract(files, out, report_id, sources)
        else:
            run_limited(
                lambda: _extract_or_record(files, out, report_id, sources), limits, files[0]
            )
    except DocumentError as error:
        if not record_failure:
            raise
        for leftover in out.parent.glob(f".{out.name}-*"):  # staging of a stopped child
            shutil.rmtree(leftover, ignore_errors=True)
        write_failure(out, report_id, sources, error)
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


def _extract(files: list[Path], out: Path, report_id: str, sources: list[dict]) -> None:
    try:
        frames, source_rows = _read_and_check(files, report_id, sources)
    except DocumentError:
        raise
    except MemoryError as error:  # the limit reached wherever the reading was
        raise memory_limit_error(files[0]) from error
    except Exception as error:
        raise DocumentError(
            files[0],
            READER_ERROR,
            f"the reader failed on this file ({detail(error)}); please report it",
        ) from error
    _write_report_dir(out, frames, pd.DataFrame(source_rows))


def _read_and_check(
    files: list[Path], report_id: str, sources: list[dict]
) -> tuple[dict[str, pd.DataFrame], list[dict]]:
    """Read, check and tidy one report; the catalogue rows it ends with, one per file."""
    expected_year = int(sources[0]["fiscal_year"]) if sources else None
    extraction = extract_document(files, report_id, expected_year, page_progress(files[0]))
    rows = []
    for index in range(len(extraction.files)):
        measured = unregistered_source(extraction, index)
        source = sources[index] if index < len(sources) else {}
        # The catalogue row decides; what it leaves blank (a row being proposed has no
        # page count yet) is what the file itself says.
        rows.append({**measured, **{k: v for k, v in source.items() if v not in ("", None)}})
    return tidy_frames(extraction, check_extraction(extraction), rows[0]), rows


def _extract_or_record(files: list[Path], out: Path, report_id: str, sources: list[dict]) -> None:
    try:
        _extract(files, out, report_id, sources)
    except DocumentError as error:
        write_failure(out, report_id, sources, error)


def write_failure(out: Path, report_id: str, sources: list[dict], error: DocumentError) -> None:
    """Write the one-report package of a report that could not be read: why, nothing else."""
    stubs = sources or [
        {"report_id": report_id, "fiscal_year": None, "publisher_id": None, "family": None}
    ]
    frames = failed_frames(report_id, stubs[0], error)
    _write_report_dir(out, frames, pd.DataFrame(stubs))


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
