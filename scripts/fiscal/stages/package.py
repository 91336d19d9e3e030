"""The ``package`` stage: the per-report packages of every catalogued report, combined.

Each report's facts were decided by its extract stage from its catalogue row; this stage
only puts the reports together and writes the repository's package.
"""

from __future__ import annotations

from pathlib import Path

from fiscal.catalogue.rows import read_catalogue
from fiscal.package.tidy import join_reports
from fiscal.schema import CATALOGUE, CATALOGUE_PATH, ROOT, read_csv, resource, resource_names


def assemble_package(extracted: Path, catalogue: Path = CATALOGUE_PATH) -> str:
    """Combine the per-report packages of every catalogued report into the repository's."""
    report_ids = list(dict.fromkeys(row["report_id"] for row in read_catalogue(catalogue)))
    directories = [extracted / report_id for report_id in report_ids]
    for directory in directories:
        if not directory.exists():
            raise FileNotFoundError(f"{directory}: not extracted; run `dvc repro`")
    paths = {name: ROOT / resource(name)["path"] for name in resource_names() if name != CATALOGUE}
    reports = join_reports(directories, read_csv(catalogue), paths)["reports"]
    counts = reports[["amounts", "source_inconsistencies", "extraction_failures"]]
    amounts, inconsistencies, failures = counts.replace("", "0").astype(int).sum()
    failed = int((reports["status"] == "failed").sum())
    return (
        f"{len(report_ids)} reports ({failed} failed), {amounts} amounts, "
        f"{inconsistencies + failures} findings"
    )
