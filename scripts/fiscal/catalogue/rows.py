"""The catalogue of source documents, ``data/sources.csv``."""

from __future__ import annotations

from pathlib import Path

from fiscal.schema import ROOT, read_csv

CATALOGUE_PATH = ROOT / "data" / "sources.csv"


class CatalogueError(Exception):
    """A catalogue operation that cannot be done, with what to do instead."""


def read_catalogue(path: Path = CATALOGUE_PATH) -> list[dict[str, str]]:
    if not path.exists():
        return []
    return read_csv(path).to_dict(orient="records")


def find_source(report_id: str, path: Path = CATALOGUE_PATH) -> dict[str, str] | None:
    return next((row for row in read_catalogue(path) if row["report_id"] == report_id), None)
