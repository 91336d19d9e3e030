"""The one place that knows the schema: ``datapackage.json`` at the repository root.

Code never lists a resource's fields itself; it asks the descriptor, so the CSVs, the
validation and the data dictionary cannot drift apart.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd

from fiscal.numbers import format_decimal


def repository_root(start: Path) -> Path | None:
    """The checkout a directory is in: the nearest one holding the descriptor and a
    pipeline (``datapackage.json`` beside ``dvc.yaml``)."""
    for directory in (start, *start.parents):
        if (directory / "datapackage.json").is_file() and (directory / "dvc.yaml").is_file():
            return directory
    return None


#: The repository ``fiscal`` acts on: the one of the current directory, so a command
#: installed from one checkout never writes into it when run in another; outside any
#: checkout, the one the code comes from.
ROOT = repository_root(Path.cwd().resolve()) or Path(__file__).resolve().parents[2]
DESCRIPTOR = ROOT / "datapackage.json"

#: Resources computed across all reports rather than per report.
CATALOGUE = "sources"
CATALOGUE_PATH = ROOT / "data" / "sources.csv"
CODE_LISTS = ("function_codes", "economic_codes")


@cache
def descriptor() -> dict:
    return json.loads(DESCRIPTOR.read_text(encoding="utf-8"))


def resource(name: str) -> dict:
    for item in descriptor()["resources"]:
        if item["name"] == name:
            return item
    raise KeyError(f"no resource {name!r} in {DESCRIPTOR}")


def resource_names() -> list[str]:
    return [item["name"] for item in descriptor()["resources"]]


def field_names(name: str) -> list[str]:
    return [field["name"] for field in resource(name)["schema"]["fields"]]


def conform(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with exactly the resource's fields, in order; absent fields empty."""
    frame = frame.copy()
    for column in field_names(name):
        if column not in frame.columns:
            frame[column] = None
    return frame[field_names(name)]


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, Decimal):
        return format_decimal(value)
    return str(value)


def _integer_cell(value: object) -> str:
    """An integer field's value: a column with blanks reaches here as floats (7.0)."""
    if isinstance(value, float) and not pd.isna(value) and value.is_integer():
        return str(int(value))
    return _cell(value)


def write_csv(name: str, frame: pd.DataFrame, path: Path) -> None:
    """Write a resource as UTF-8 CSV; decimals stay exact, integers stay integers, missing
    values are blank."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not len(frame):  # most of a report's resources: the header alone
        path.write_text(",".join(field_names(name)) + "\n", encoding="utf-8")
        return
    text = conform(name, frame)  # a copy, whose columns become their text
    integers = {f["name"] for f in resource(name)["schema"]["fields"] if f["type"] == "integer"}
    for column in text.columns:
        if column in integers:
            text[column] = text[column].map(_integer_cell)
        elif pd.api.types.infer_dtype(text[column], skipna=False) != "string":
            text[column] = text[column].map(_cell)  # a column of text is written as it is
    text.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def read_csv(path: Path) -> pd.DataFrame:
    """Read a resource CSV as text, so that amounts stay exact strings."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def local_descriptor(directory_names: dict[str, str]) -> dict:
    """A copy of the descriptor whose resource paths point at files in one directory."""
    copy = json.loads(json.dumps(descriptor()))
    for item in copy["resources"]:
        item["path"] = directory_names[item["name"]]
    return copy
