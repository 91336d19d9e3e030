"""The catalogue of source documents, ``data/sources.csv``, and its one-row files.

The pipeline's ``catalogue`` stage writes each report's row to ``data/catalogue/<id>.csv``
(same schema, one row), and each report's extract stage depends on its own row only: a
change to one report's catalogue facts re-extracts that report and no other.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from fiscal.errors import CatalogueError
from fiscal.ops.atomic import swap_directory
from fiscal.schema import CATALOGUE, CATALOGUE_PATH, ROOT, read_csv, write_csv

ROWS_PATH = ROOT / "data" / "catalogue"


def read_catalogue(path: Path = CATALOGUE_PATH) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return read_csv(path).to_dict(orient="records")


def find_sources(report_id: str, path: Path = CATALOGUE_PATH) -> list[dict[str, str]]:
    """A report's catalogue rows: one per source file, in the order they are read."""
    return [row for row in read_catalogue(path) if row["report_id"] == report_id]


#: What a report's files share: the report's facts, stated once per file row.
REPORT_FIELDS = (
    "title", "publisher_id", "publisher", "province", "city", "district", "division_code",
    "admin_level", "department_kind", "fiscal_year", "family", "scope", "version",
    "superseded_by",
)  # fmt: skip


def split_catalogue(catalogue: Path = CATALOGUE_PATH, out: Path = ROWS_PATH) -> str:
    """Write each report's catalogue rows (one per source file) to ``out/<report_id>.csv``,
    replacing ``out`` whole; refuse a file listed twice or a report whose files disagree
    on the report's facts."""
    frame = read_csv(catalogue)
    if frame["file_path"].duplicated().any():
        duplicated = sorted(set(frame.loc[frame["file_path"].duplicated(), "file_path"]))
        raise CatalogueError(f"{catalogue}: files listed twice: {', '.join(duplicated)}")
    shared = [name for name in REPORT_FIELDS if name in frame.columns]
    disagreeing = [
        str(report_id)
        for report_id, rows in frame.groupby("report_id", sort=False)
        if len(rows[shared].astype(str).drop_duplicates()) > 1
    ]
    if disagreeing:
        raise CatalogueError(
            f"{catalogue}: the files of {', '.join(disagreeing)} disagree on the report's "
            f"facts ({', '.join(shared)} must be the same on each file's row)"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for report_id, rows in frame.groupby("report_id", sort=False):
            write_csv(CATALOGUE, rows, staging / f"{report_id}.csv")
        swap_directory(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    reports = frame["report_id"].nunique()
    return f"{reports} reports ({len(frame)} source files) in {out}"
