"""``fiscal`` acts on the checkout of the current directory, wherever it is installed from."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from fiscal.schema import ROOT, read_csv, repository_root


def test_the_repository_is_the_one_of_the_current_directory(tmp_path: Path) -> None:
    other = tmp_path / "other-checkout"
    (other / "data").mkdir(parents=True)
    for name in ("datapackage.json", "dvc.yaml", "params.yaml"):
        shutil.copyfile(ROOT / name, other / name)
    catalogue = read_csv(ROOT / "data" / "sources.csv")
    first = catalogue[catalogue.report_id == catalogue.report_id.iloc[0]]
    first.to_csv(other / "data" / "sources.csv", index=False)
    assert repository_root(other / "data") == other
    assert repository_root(tmp_path) is None

    listed = subprocess.run(
        [sys.executable, "-m", "fiscal.cli", "list"],
        cwd=other / "data",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()

    assert len(listed) == 2  # the header and the other checkout's one report
    assert listed[1].split()[0] == first.report_id.iloc[0]
    assert "not built" in listed[1]
