"""Interrupted writes leave the previous good state: catalogue, params and package files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from fiscal.ops.atomic import replacing, swap_directory
from fiscal.package import tidy as package
from fiscal.schema import resource_names


class Interrupted(Exception):
    """Stands for Ctrl-C or a killed job in the middle of a write."""


def test_an_interrupted_write_keeps_the_old_file(tmp_path: Path) -> None:
    catalogue = tmp_path / "sources.csv"
    catalogue.write_text("report_id\nold\n", encoding="utf-8")

    with pytest.raises(Interrupted), replacing(catalogue) as staged:
        staged.write_text("report_id\nnew\n", encoding="utf-8")
        raise Interrupted

    assert catalogue.read_text(encoding="utf-8") == "report_id\nold\n"
    assert list(tmp_path.iterdir()) == [catalogue]


def test_a_completed_write_replaces_the_file_with_its_mode(tmp_path: Path) -> None:
    params = tmp_path / "params.yaml"
    params.write_text("reports: []\n", encoding="utf-8")
    params.chmod(0o640)

    with replacing(params) as staged:
        staged.write_text("reports: [a]\n", encoding="utf-8")

    assert params.read_text(encoding="utf-8") == "reports: [a]\n"
    assert params.stat().st_mode & 0o777 == 0o640
    assert list(tmp_path.iterdir()) == [params]


def test_a_package_interrupted_midway_keeps_every_old_resource(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The resources are replaced together or not at all: no mix of old and new CSVs."""
    names = [name for name in resource_names() if name != "sources"]
    paths = {name: tmp_path / f"{name}.csv" for name in names}
    for path in paths.values():
        path.write_text("old\n", encoding="utf-8")
    written: list[str] = []
    real_write_csv = package.write_csv

    def write_then_fail(name: str, frame: pd.DataFrame, path: Path) -> None:
        if len(written) == 3:
            raise Interrupted
        written.append(name)
        real_write_csv(name, frame, path)

    monkeypatch.setattr(package, "write_csv", write_then_fail)
    with pytest.raises(Interrupted):
        package.write_package({}, pd.DataFrame(), paths)

    assert len(written) == 3
    assert {path.read_text(encoding="utf-8") for path in paths.values()} == {"old\n"}
    assert sorted(tmp_path.iterdir()) == sorted(paths.values())


def test_a_directory_swap_leaves_only_the_new_directory(tmp_path: Path) -> None:
    target, staging = tmp_path / "report", tmp_path / ".report-staging"
    target.mkdir()
    (target / "old.csv").write_text("old\n", encoding="utf-8")
    staging.mkdir()
    (staging / "new.csv").write_text("new\n", encoding="utf-8")

    swap_directory(staging, target)

    assert [path.name for path in tmp_path.iterdir()] == ["report"]
    assert [path.name for path in target.iterdir()] == ["new.csv"]
