"""The DVC pipeline: each stage depends on exactly the code it runs.

A stage's code is what its entry module imports, followed through every ``fiscal``
import; ``dvc.yaml`` must list all of it (or DVC would skip a stage whose code changed)
and nothing more (or a change to the site would re-extract every document).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import yaml

from fiscal.ops.code_closure import closure
from fiscal.schema import ROOT

PACKAGE = ROOT / "scripts" / "fiscal"
#: The module each stage's command runs (``fiscal.cli`` parses every command's options).
ENTRIES = {
    "catalogue": "fiscal.catalogue.rows",
    "extract": "fiscal.stages.extract_all",
    "package": "fiscal.stages.package",
    "site": "fiscal.site.generate",
}


def stage_deps(name: str) -> list[str]:
    stage = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"][name]
    return (stage.get("do") or stage)["deps"]


def code_files(dep: str) -> set[Path]:
    path = ROOT / dep
    files = set(path.rglob("*.py")) if path.is_dir() else {path}
    return {file for file in files if file.name != "__init__.py"}


def test_package_markers_hold_no_code() -> None:
    """Subpackages' ``__init__.py`` only say what their folder is for, so no stage lists them."""
    for marker in PACKAGE.glob("*/__init__.py"):
        body = ast.parse(marker.read_text(encoding="utf-8")).body
        assert len(body) <= 1 and all(isinstance(node, ast.Expr) for node in body), marker


@pytest.mark.parametrize("stage", list(ENTRIES))
def test_a_stage_depends_on_all_the_code_it_runs(stage: str) -> None:
    code_deps = [dep for dep in stage_deps(stage) if dep.startswith("scripts/")]
    listed = set().union(*(code_files(dep) for dep in code_deps))
    needed = closure(ENTRIES[stage])
    missing = sorted(str(path.relative_to(ROOT)) for path in needed - listed)
    assert not missing, f"{stage}: dvc.yaml misses {missing}"


@pytest.mark.parametrize("stage", list(ENTRIES))
def test_a_stage_depends_on_no_code_it_does_not_run(stage: str) -> None:
    needed = closure(ENTRIES[stage])
    for dep in stage_deps(stage):
        if dep.startswith("scripts/"):
            extra = sorted(str(path.relative_to(ROOT)) for path in code_files(dep) - needed)
            assert not extra, f"{stage}: {dep} brings in code the stage never runs: {extra}"


def test_the_site_is_built_from_the_package_alone() -> None:
    """The site stage reads the package and its own code; no reader or check is among it."""
    site = {str(path.relative_to(PACKAGE)) for path in closure(ENTRIES["site"])}
    assert not {path for path in site if path.startswith(("read/", "check/", "stages/"))}
    assert "data/package" in stage_deps("site")
    extract = {str(path.relative_to(PACKAGE)) for path in closure(ENTRIES["extract"])}
    assert not {path for path in extract if path.startswith("site/")}


def test_one_extract_stage_reads_every_report_and_keeps_what_it_extracted() -> None:
    """One stage over data/raw and the rows of each report (not the whole catalogue); its
    outputs persist, so the stage's per-report keys, not DVC deleting them, decide what
    is re-extracted."""
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    extract = stages["extract"]
    assert {"data/raw", "data/catalogue"} <= set(extract["deps"])
    assert "data/sources.csv" not in extract["deps"]
    assert extract["outs"] == [{"data/extracted": {"persist": True}}]
    assert "--catalogue data/catalogue " in extract["cmd"]
    assert stages["catalogue"]["outs"] == ["data/catalogue"]
