"""The catalogue of source documents, ``data/sources.csv``, and its one-row files.

The pipeline's ``catalogue`` stage writes each report's row to ``data/catalogue/<id>.csv``
(same schema, one row), and each report's extract stage depends on its own row only: a
change to one report's catalogue facts re-extracts that report and no other.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pandas as pd

from fiscal.errors import CatalogueError
from fiscal.ops.atomic import swap_directory
from fiscal.schema import CATALOGUE, CATALOGUE_PATH, ROOT, read_csv, write_csv

ROWS_PATH = ROOT / "data" / "catalogue"


def read_catalogue(path: Path = CATALOGUE_PATH) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return read_csv(path).to_dict(orient="records")


def find_source(report_id: str, path: Path = CATALOGUE_PATH) -> dict[str, str] | None:
    return next((row for row in read_catalogue(path) if row["report_id"] == report_id), None)


def split_catalogue(catalogue: Path = CATALOGUE_PATH, out: Path = ROWS_PATH) -> str:
    """Write every catalogue row to ``out/<report_id>.csv``, replacing ``out`` whole."""
    frame = read_csv(catalogue)
    if frame["report_id"].duplicated().any():
        duplicated = sorted(set(frame.loc[frame["report_id"].duplicated(), "report_id"]))
        raise CatalogueError(f"{catalogue}: report ids listed twice: {', '.join(duplicated)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for _, row in frame.iterrows():
            write_csv(CATALOGUE, pd.DataFrame([row]), staging / f"{row['report_id']}.csv")
        swap_directory(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return f"{len(frame)} catalogue rows in {out}"
