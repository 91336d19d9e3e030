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

from fiscal.schema import ROOT

PACKAGE = ROOT / "scripts" / "fiscal"
#: The module each stage's command runs (``fiscal.cli`` parses every command's options).
ENTRIES = {
    "catalogue": "fiscal.catalogue.rows",
    "extract": "fiscal.stages.extract",
    "package": "fiscal.stages.package",
    "site": "fiscal.site.generate",
}


def module_file(module: str) -> Path:
    path = ROOT / "scripts" / Path(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def imported_modules(path: Path, top_level_only: bool = False) -> set[str]:
    """The ``fiscal`` modules a file imports (``from fiscal.x import y`` may name a module y)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fiscal"):
            found.add(node.module)
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                if module_file(candidate).exists():
                    found.add(candidate)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("fiscal")}
    return found


def closure(entry: str) -> set[Path]:
    """Every source file the entry module runs, with the command line's own module."""
    files = {module_file("fiscal.cli")}
    pending = [entry, *imported_modules(module_file("fiscal.cli"), top_level_only=True)]
    seen: set[str] = set()
    while pending:
        module = pending.pop()
        if module in seen:
            continue
        seen.add(module)
        path = module_file(module)
        files.add(path)
        parts = module.split(".")
        pending += [".".join(parts[:i]) for i in range(2, len(parts))]  # parent packages
        pending += sorted(imported_modules(path))
    return {path for path in files if path.name != "__init__.py"}


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


def test_each_report_stage_depends_on_its_own_catalogue_row() -> None:
    """A change to one catalogue row re-extracts that report only."""
    deps = stage_deps("extract")
    assert "data/catalogue/${key}.csv" in deps
    assert "data/sources.csv" not in deps
    stage = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    assert "--catalogue data/catalogue/${key}.csv" in stage["extract"]["do"]["cmd"]
    assert stage["catalogue"]["outs"] == ["data/catalogue"]
