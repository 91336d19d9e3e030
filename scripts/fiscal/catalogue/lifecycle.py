"""The catalogue's life cycle: adding, re-publishing, removing and listing reports.

A report is three things kept in step: its rows in ``data/sources.csv`` (one per source
file), its files in ``data/raw/<id>/`` each tracked by a ``.dvc`` file, and its figures
in the package. ``fiscal add`` and ``fiscal remove`` change all three together, each file
written atomically, and refuse a file before touching any of them when it cannot become
a good report. The file ``fiscal add`` checks is extracted by the pipeline's own task, and
that extraction is the one the pipeline keeps: a report is read once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
from pypinyin import Style, lazy_pinyin

from fiscal.catalogue.rows import read_catalogue
from fiscal.errors import (
    DUPLICATE,
    NO_PUBLISHER,
    NO_REGION,
    NO_YEAR,
    NOT_BUDGET,
    WRONG_YEAR,
    CatalogueError,
    DocumentError,
)
from fiscal.files import file_sha256
from fiscal.ops.atomic import replacing
from fiscal.ops.limits import Limits
from fiscal.ops.progress import log
from fiscal.package.validate import validate_package
from fiscal.read.cover import compose_title
from fiscal.read.extract import read_cover
from fiscal.read.open import check_exists
from fiscal.regions import Region, division_code, parse_region
from fiscal.schema import CATALOGUE, ROOT, field_names, read_csv, write_csv
from fiscal.stages.extract_all import ReportTask, adopt_extraction, extract_task
from fiscal.vocabulary import SCOPE_IN_ID, department_kind, source_part

T = TypeVar("T")
#: What makes two files the same report: a re-publication shares these, with new bytes.
_REPORT_KEYS = ("publisher_id", "fiscal_year", "family", "scope")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_REGION_SUFFIX = re.compile(r"(特别行政区|自治区|自治州|自治县|省|市|地区|区|县|盟|旗)$")
_PUBLISHER_PREFIX = re.compile(r"^(中共|中国共产党)")
_GOVERNMENT_PREFIX = re.compile(r"^(委|人民政府|政府)")


@dataclass(frozen=True)
class Given:
    """What the contributor states on the command line; it overrides the cover."""

    publisher: str | None = None
    publisher_id: str | None = None
    year: int | None = None
    family: str | None = None
    scope: str | None = None
    title: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    level: str | None = None
    department_kind: str | None = None
    source_url: str | None = None


@dataclass(frozen=True)
class Repository:
    """Where the catalogue's four places are, in one checkout."""

    root: Path = ROOT

    @property
    def catalogue(self) -> Path:
        return self.root / "data" / "sources.csv"

    @property
    def params(self) -> Path:
        return self.root / "params.yaml"

    def raw_directory(self, report_id: str) -> Path:
        return self.root / "data" / "raw" / report_id

    def raw_file(self, report_id: str, suffix: str = ".pdf") -> Path:
        return self.raw_directory(report_id) / f"{report_id}{suffix}"

    def extracted(self, report_id: str) -> Path:
        return self.root / "data" / "extracted" / report_id

    @property
    def package(self) -> Path:
        return self.root / "data" / "package"


# --- proposing a row -----------------------------------------------------------------


def propose_row(path: Path, given: Given, catalogue: list[dict[str, str]]) -> dict[str, str]:
    """The catalogue row for a new file: its cover's facts, overridden by ``given``.

    Raises :class:`DocumentError` naming the file and the option to give when a field
    can be neither read nor was given; refuses a file already catalogued (same bytes).
    """
    sha256 = _new_file(path, catalogue)
    facts = read_cover(path)
    family = _required(path, given.family or facts.phase, NOT_BUDGET, "family")
    publisher = _required(path, given.publisher or facts.publisher, NO_PUBLISHER, "publisher")
    year = _required(path, given.year or facts.fiscal_year, NO_YEAR, "year")
    scope = _required(path, given.scope or facts.scope, NOT_BUDGET, "scope")
    region = _region(path, given, publisher, facts.region)
    publisher_id = given.publisher_id or _publisher_id(publisher, region, catalogue)
    if not _ID.match(publisher_id):
        raise CatalogueError(
            f"--publisher-id {publisher_id!r}: use lower-case letters, digits and hyphens"
        )
    cover_unchanged = not (given.publisher or given.year or given.family or given.scope)
    title = given.title or (facts.title if cover_unchanged and facts.title else None)
    row = {
        "title": title or compose_title(publisher, year, family, scope),
        "publisher_id": publisher_id,
        "publisher": publisher,
        "province": region.province,
        "city": region.city,
        "district": region.district,
        "division_code": division_code(region.province, region.city, region.district),
        "admin_level": given.level or region.admin_level,
        "department_kind": given.department_kind or department_kind(publisher),
        "fiscal_year": str(year),
        "family": family,
        "scope": scope,
        "sha256": sha256,
        "source_url": given.source_url or "",
    }
    return _versioned(row, path.suffix.lower() or ".pdf", catalogue)


def _new_file(path: Path, catalogue: list[dict[str, str]]) -> str:
    """The SHA-256 of a file to add; refuses a missing file or one already catalogued."""
    check_exists(path)
    sha256 = file_sha256(path)
    same = next((row for row in catalogue if row["sha256"] == sha256), None)
    if same:
        raise DocumentError(
            path, DUPLICATE, f"already catalogued as {same['report_id']}; nothing to add"
        )
    return sha256


_HINTS = {
    "publisher": "publisher not found on the cover; give it with --publisher NAME",
    "year": "fiscal year not found on the cover; give it with --year YYYY",
    "family": "the cover says neither 预算 (budget) nor 决算 (final account): not a budget "
    "document? If it is one, give --family budget|final|performance",
    "scope": "the cover says neither 部门 nor 单位; give --scope department|unit",
}


def _required(path: Path, value: T | None, reason: str, name: str) -> T:
    if value is None:
        raise DocumentError(path, reason, _HINTS[name])
    return value


def _region(path: Path, given: Given, publisher: str, on_cover: Region | None) -> Region:
    """The region read from the publisher's name (after a given province) or the cover.

    ``--city`` and ``--district`` override what was read; a name without a province
    ("株洲市生态环境局") needs ``--province``.
    """
    name = _PUBLISHER_PREFIX.sub("", publisher)
    if given.province:
        read = parse_region(given.province + name.removeprefix(given.province))
    else:
        read = parse_region(name) or on_cover
    if read is None:
        raise DocumentError(
            path,
            NO_REGION,
            f"no province in the publisher's name ({publisher}); give --province "
            "(and --city, --district where there is one)",
        )
    return Region(
        read.province,
        read.city if given.city is None else given.city,
        read.district if given.district is None else given.district,
    )


def _publisher_id(publisher: str, region: Region, catalogue: list[dict[str, str]]) -> str:
    """The publisher's catalogued id (one id across years and documents), else a new one.

    A new id is the pinyin initials of the region and of the department's own name:
    上海市普陀区司法局 -> ``shpt-sfj``.
    """
    known = next((row["publisher_id"] for row in catalogue if row["publisher"] == publisher), None)
    if known:
        return known
    places = [part for part in (region.province, region.city, region.district) if part]
    own = _PUBLISHER_PREFIX.sub("", publisher)
    for place in places:
        own = own.removeprefix(place)
    own = _GOVERNMENT_PREFIX.sub("", own) or own
    stems = "".join(_REGION_SUFFIX.sub("", place) for place in places)
    return f"{_initials(stems)}-{_initials(own)}".strip("-")


def _initials(text: str) -> str:
    letters = lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore")
    return re.sub(r"[^a-z0-9]", "", "".join(letters).lower())


def _versioned(row: dict[str, str], suffix: str, catalogue: list[dict[str, str]]) -> dict:
    """Give the row its id and version: a re-publication is the next version of a report."""
    scope = SCOPE_IN_ID[row["scope"]]
    base = f"{row['publisher_id']}-{row['fiscal_year']}-{row['family']}-{scope}"
    group = [other for other in catalogue if _same_report(other, row)]
    version = max((int(other["version"] or 1) for other in group), default=0) + 1
    report_id = base if version == 1 else f"{base}-v{version}"
    return {
        "report_id": report_id,
        **row,
        "part": "whole",
        "file_path": f"data/raw/{report_id}/{report_id}{suffix}",
        "version": str(version),
        "superseded_by": "",
    }


def _same_report(one: dict[str, str], other: dict[str, str]) -> bool:
    return all(one[key] == other[key] for key in _REPORT_KEYS)


# --- adding --------------------------------------------------------------------------


@dataclass(frozen=True)
class Added:
    """What ``fiscal add`` did, for the summary it prints."""

    row: dict[str, str]
    superseded: list[str]
    report: dict[str, str]
    findings: pd.DataFrame
    tables: pd.DataFrame
    package_valid: bool
    validation: str
    #: The report's files as catalogued (``data/raw/<id>/…``).
    file_paths: list[str]


def add_report(
    paths: Path | Sequence[Path],
    given: Given,
    confirm: Callable[[list[dict[str, str]]], bool],
    repository: Repository | None = None,
) -> Added:
    """Catalogue one report (one file, or a narrative volume then its tables volume),
    extract it and rebuild the package; see the module docstring."""
    files = [paths] if isinstance(paths, Path) else list(paths)
    repository = repository or Repository()
    catalogue = read_catalogue(repository.catalogue)
    rows = file_rows(propose_row(files[0], given, catalogue), files, catalogue)
    row = rows[0]
    if not confirm(rows):
        raise CatalogueError(f"{files[0]}: not added (nothing was changed)")
    log(f"checking {', '.join(map(str, files))} as the pipeline will read it…")
    checked = _check_extraction(files, rows, Limits.from_params(repository.params))
    for file_row, pages in zip(rows, checked.page_counts, strict=True):
        file_row["page_count"] = pages
    for file, file_row in zip(files, rows, strict=True):
        raw = repository.root / file_row["file_path"]
        with replacing(raw) as staged:
            shutil.copyfile(file, staged)
        _dvc(repository, "add", "--quiet", raw.relative_to(repository.root))
    superseded = []
    for other in catalogue:
        if _same_report(other, row) and not other["superseded_by"]:
            other["superseded_by"] = row["report_id"]
            superseded.append(other["report_id"])
    superseded = list(dict.fromkeys(superseded))
    _write_catalogue(repository, [*catalogue, *rows])
    log("rebuilding the package (dvc repro)…")
    _reproduce(repository, (row["report_id"], checked.files))
    validation = validate_package(repository.root / "datapackage.json")
    return Added(
        row,
        superseded,
        _package_rows(repository, "reports", row["report_id"]).iloc[0].to_dict(),
        _package_rows(repository, "findings", row["report_id"]),
        _package_rows(repository, "report_tables", row["report_id"]),
        validation.valid,
        validation.summary,
        [file_row["file_path"] for file_row in rows],
    )


#: How a volume's file is named in ``data/raw/<id>/`` after the report id.
_VOLUME_SUFFIX = {"narrative": "", "tables": "-tables"}


def file_rows(
    row: dict[str, str], files: list[Path], catalogue: list[dict[str, str]]
) -> list[dict[str, str]]:
    """The catalogue rows of a report's files: the one file whole, or a narrative volume
    (情况说明) and its tables volume (报表), each with its own path and checksum."""
    if len(files) == 1:
        return [row]
    if len(files) > len(_VOLUME_SUFFIX):
        raise CatalogueError(
            "a report is one file, or its narrative volume and its tables volume (two files)"
        )
    rows = []
    for index, file in enumerate(files):
        part = source_part(index, len(files))
        suffix = _VOLUME_SUFFIX[part]
        sha256 = _new_file(file, catalogue)
        name = f"{row['report_id']}{suffix}{file.suffix.lower() or '.pdf'}"
        rows.append(
            {
                **row,
                "part": part,
                "file_path": f"data/raw/{row['report_id']}/{name}",
                "sha256": sha256,
            }
        )
    return rows


def describe(added: Added) -> str:
    """The summary a contributor reads: what was found, what failed and where, what next."""
    row, report = added.row, added.report
    lines = [f"added {row['report_id']} (version {row['version']}): {row['title']}"]
    lines += [f"  supersedes {old} (kept, marked superseded)" for old in added.superseded]
    if report["status"] == "failed":
        lines.append(f"  FAILED: {report['error_message']}")
    checks, failed = int(report["identity_checks"]), int(report["source_inconsistencies"])
    lines += [
        f"  tables found: {report['tables_found']}",
        f"  amounts extracted: {report['amounts']}",
        f"  identity checks: {checks - failed} passed, {failed} failed",
    ]
    converted = added.tables[added.tables["unit"] == "元"]["table"].tolist()
    if converted:
        lines.append(f"  printed in 元, converted to 万元: {', '.join(converted)}")
    for finding in added.findings.itertuples():
        kind = "failed" if finding.kind == "source_inconsistency" else "not read"
        where = f"{finding.table} p{finding.page} {finding.rule}"
        lines.append(f"    {kind}: {where}: {finding.message}")
    lines.append("  package: " + added.validation.splitlines()[0])
    trackers = " ".join(f"{path}.dvc" for path in added.file_paths)
    ignore = f"{Path(added.file_paths[0]).parent}/.gitignore"
    lines += [
        "next steps:",
        f"  git add data/sources.csv dvc.lock {trackers} {ignore}",
        f'  git commit -m "Add {row["report_id"]}"',
        "  dvc push            # uploads the file to the data remote",
        "  then open a pull request (CONTRIBUTING.md says what the reviewers check)",
    ]
    return "\n".join(lines)


@dataclass(frozen=True)
class _Checked:
    """A file ``fiscal add`` extracted before cataloguing it: the output and page counts."""

    files: dict[str, bytes]
    page_counts: list[int]


def _check_extraction(files: list[Path], rows: list[dict[str, str]], limits: Limits) -> _Checked:
    """Extract exactly as the pipeline will (its own task, the files under their catalogued
    names, the proposed rows); refuse a failure (a wrong year among them).

    Nothing in the repository has been touched yet, so a refused file leaves no trace.
    """
    report_id = rows[0]["report_id"]
    names = [Path(row["file_path"]).name for row in rows]
    with tempfile.TemporaryDirectory(prefix="fiscal-add-") as scratch:
        catalogue = Path(scratch) / "rows.csv"
        write_csv(CATALOGUE, pd.DataFrame(rows), catalogue)
        sources = tuple((name, file.read_bytes()) for name, file in zip(names, files, strict=True))
        result = extract_task(ReportTask(report_id, sources, catalogue.read_bytes(), limits))
        out = Path(scratch) / report_id
        out.mkdir()
        for name, content in result.files.items():
            (out / name).write_bytes(content)
        report = read_csv(out / "reports.csv").iloc[0]
        if report["status"] == "failed":
            named = zip(names, files, strict=True)
            name, path = next(
                ((n, f) for n, f in named if report["error_message"].startswith(f"{n}: ")),
                (names[0], files[0]),
            )
            message = report["error_message"].removeprefix(f"{name}: ")
            hint = "; check --year" if report["error_reason"] == WRONG_YEAR else ""
            raise DocumentError(path, report["error_reason"], message + hint)
        pages = [int(count) for count in read_csv(out / "sources.csv")["page_count"]]
    return _Checked(result.files, pages)


def _reproduce(repository: Repository, checked: tuple[str, dict[str, bytes]] | None = None) -> None:
    """Bring the package in step with the catalogue (the catalogue, extract and package
    stages).

    The extraction ``fiscal add`` checked is put in place first, so the pipeline keeps it
    instead of reading the file again; the pipeline then re-extracts what else changed
    (a report it supersedes) and what this checkout has not extracted yet (a fresh clone
    has nothing), whose sources are pulled from the DVC remote first.
    """
    _dvc(repository, "repro", "--single-item", "catalogue")
    if checked:
        report_id, files = checked
        adopt_extraction(
            report_id, files, repository.root / "data", Limits.from_params(repository.params)
        )
    catalogue = read_catalogue(repository.catalogue)
    trackers = [
        f"{row['file_path']}.dvc"
        for row in catalogue
        if not repository.extracted(row["report_id"]).is_dir()
        and not (repository.root / row["file_path"]).exists()
    ]
    if trackers:
        log(f"pulling {len(trackers)} source files of reports not extracted in this checkout…")
        _dvc(repository, "pull", "--quiet", *trackers)
    # Stage by stage: a checkout that pulled only some sources has the others' .dvc files
    # without their data, which a walk up the pipeline from `package` would refuse.
    for stage in ("extract", "package"):
        _dvc(repository, "repro", "--single-item", stage)


def _package_rows(repository: Repository, name: str, report_id: str) -> pd.DataFrame:
    frame = read_csv(repository.package / f"{name}.csv")
    return frame[frame["report_id"] == report_id].reset_index(drop=True)


# --- removing and listing ------------------------------------------------------------


def remove_report(report_id: str, repository: Repository | None = None) -> dict[str, str]:
    """Take a report out of the catalogue, DVC and the package; return its row.

    The file stays in the DVC remote (other clones may still need it). A version that
    this report had superseded becomes the current one again.
    """
    repository = repository or Repository()
    catalogue = read_catalogue(repository.catalogue)
    rows = [other for other in catalogue if other["report_id"] == report_id]
    if not rows:
        raise CatalogueError(f"{report_id}: no such report in the catalogue; see `fiscal list`")
    row = rows[0]
    remaining = [other for other in catalogue if other["report_id"] != report_id]
    for other in remaining:
        if other["superseded_by"] == report_id:
            other["superseded_by"] = row["superseded_by"]
    for file in rows:
        raw = repository.root / file["file_path"]
        tracker = raw.with_name(f"{raw.name}.dvc")
        if tracker.exists():
            _dvc(repository, "remove", tracker.relative_to(repository.root))
        raw.unlink(missing_ok=True)
    shutil.rmtree(repository.raw_directory(report_id), ignore_errors=True)
    shutil.rmtree(repository.extracted(report_id), ignore_errors=True)
    _write_catalogue(repository, remaining)
    log("rebuilding the package (dvc repro)…")
    _reproduce(repository)
    return row


def list_reports(repository: Repository | None = None) -> pd.DataFrame:
    """The catalogue as a table: id, year, family, scope, version, status, publisher.

    Status is the package's (ok / failed: reason) where it has been built, and says
    which version supersedes a report.
    """
    repository = repository or Repository()
    catalogue = read_csv(repository.catalogue)
    reports_path = repository.package / "reports.csv"
    built = read_csv(reports_path).set_index("report_id") if reports_path.exists() else None
    statuses = []
    for row in catalogue.itertuples():
        if built is None or row.report_id not in built.index:
            status = "not built"
        elif built.loc[row.report_id, "status"] == "failed":
            status = f"failed: {built.loc[row.report_id, 'error_reason']}"
        else:
            status = "ok"
        if row.superseded_by:
            status += f", superseded by {row.superseded_by}"
        statuses.append(status)
    table = catalogue[["report_id", "fiscal_year", "family", "scope", "version", "publisher"]]
    return table.assign(status=statuses)[
        ["report_id", "fiscal_year", "family", "scope", "version", "status", "publisher"]
    ]


# --- the files -------------------------------------------------------------------------


def _write_catalogue(repository: Repository, rows: list[dict[str, str]]) -> None:
    frame = pd.DataFrame(rows, columns=field_names(CATALOGUE))
    with replacing(repository.catalogue) as staged:
        write_csv(CATALOGUE, frame, staged)


def _dvc(repository: Repository, *args: str | Path) -> None:
    """Run DVC in the repository, with this environment's ``fiscal`` on the PATH."""
    environment = dict(os.environ)
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    command = [sys.executable, "-m", "dvc", *map(str, args)]
    result = subprocess.run(command, cwd=repository.root, env=environment, check=False)
    if result.returncode != 0:
        raise CatalogueError(
            f"`dvc {' '.join(map(str, args))}` failed (exit {result.returncode}); see above"
        )
