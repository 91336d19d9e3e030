"""The two pipeline steps the DVC stages run: extract one report, assemble the package."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .catalogue import CATALOGUE_PATH, find_source, read_catalogue
from .document import DocumentError
from .extract import Extraction, extract_document, file_sha256
from .package import (
    apply_catalogue,
    combine,
    failed_frames,
    read_report_dir,
    tidy_frames,
    write_package,
)
from .schema import CATALOGUE, ROOT, local_descriptor, read_csv, resource, resource_names


def report_id_for(path: Path) -> str:
    """A stable id for a file that is not in the catalogue, from its name or its bytes."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")
    return slug or f"file-{file_sha256(path)[:12]}"


def unregistered_source(extraction: Extraction) -> dict[str, object]:
    """A catalogue row for a file tried out with ``fiscal extract`` without registering it."""
    facts = extraction.facts
    return {
        "report_id": extraction.report_id,
        "title": extraction.path.stem,
        "publisher_id": extraction.report_id,
        "publisher": "未登记 (unregistered)",
        "fiscal_year": facts.fiscal_year,
        "family": facts.family,
        "scope": facts.scope or "department",
        "file_path": str(extraction.path),
        "sha256": extraction.sha256,
        "page_count": extraction.page_count,
    }


def extract_to_directory(
    pdf: Path,
    out: Path,
    report_id: str | None = None,
    catalogue: Path | None = None,
    record_failure: bool = False,
) -> str:
    """Extract one PDF into ``out`` as a one-report data package; return a summary line.

    Without a catalogue the facts come from the document itself (the pipeline works so,
    keeping each report's stage independent of the others' catalogue rows). With
    ``record_failure`` a document that cannot be read still yields a package whose
    reports row says why, so the pipeline publishes every other report; without it the
    :class:`DocumentError` propagates for the command line to report.
    """
    report_id = report_id or report_id_for(pdf)
    source = find_source(report_id, catalogue) if catalogue else None
    expected_year = int(source["fiscal_year"]) if source else None
    try:
        extraction = extract_document(pdf, report_id, expected_year)
    except DocumentError as error:
        if not record_failure:
            raise
        stub = source or {
            "report_id": report_id,
            "fiscal_year": None,
            "publisher_id": None,
            "family": None,
        }
        frames = failed_frames(report_id, stub, stub["family"], error)
        _write_report_dir(out, frames, pd.DataFrame([stub]))
        return f"{report_id}: FAILED {error}"
    source_row = source or unregistered_source(extraction)
    frames = tidy_frames(extraction, source_row)
    _write_report_dir(out, frames, pd.DataFrame([source_row]))
    report = frames["reports"].iloc[0]
    return (
        f"{report_id}: {report['tables_found']} tables, {report['amounts']} amounts, "
        f"{report['identity_checks']} checks, {report['source_inconsistencies']} "
        f"source inconsistencies, {report['extraction_failures']} extraction failures"
    )


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
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def assemble_package(extracted: Path, catalogue: Path = CATALOGUE_PATH) -> str:
    """Combine the per-report packages of every catalogued report into the repository's."""
    sources = read_catalogue(catalogue)
    per_report = []
    for source in sources:
        directory = extracted / source["report_id"]
        if not directory.exists():
            raise FileNotFoundError(f"{directory}: not extracted; run `dvc repro`")
        per_report.append(read_report_dir(directory))
    catalogue_frame = read_csv(catalogue)
    frames = apply_catalogue(combine(per_report), catalogue_frame)
    paths = {name: ROOT / resource(name)["path"] for name in resource_names() if name != CATALOGUE}
    write_package(frames, catalogue_frame, paths)
    reports = frames.get("reports", pd.DataFrame())
    failed = reports[reports["status"] == "failed"] if len(reports) else reports
    return (
        f"{len(sources)} reports ({len(failed)} failed), "
        f"{len(frames.get('amounts', []))} amounts, {len(frames.get('findings', []))} findings"
    )
