"""The pipeline's ``extract`` stage: every catalogued report, each re-extracted only when
what it is read from changed, in parallel on a Dask cluster.

DVC runs this as one stage over ``data/raw`` (a stage per report stops scaling at a few
thousand: DVC's own cost grows with the number of stages). The per-report cache is here:
each report's output directory holds ``extraction.json`` with the key it was extracted
under, a SHA-256 over its source files, its catalogue rows, the extractor's code and the
reading libraries (``ops.code_closure``) and the limits. A report whose key still matches
is kept as it is; so adding, changing or removing one report re-extracts that one, and a
changed reading rule re-extracts all. The rest go to the cluster one task per report,
with the source bytes, so workers need no shared disk; each result lands atomically as it
finishes, so a run killed midway keeps what it finished and the next run redoes only the
rest. Outputs of reports no longer catalogued are removed.
"""

from __future__ import annotations

import hashlib
import json
import resource
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from fiscal.catalogue.rows import find_sources
from fiscal.errors import READER_ERROR, WORKER_LOST, DocumentError, detail
from fiscal.ops.atomic import swap_directory
from fiscal.ops.cluster import dask_client, run_here, run_tasks, scheduler_address, worker_lost
from fiscal.ops.code_closure import code_version
from fiscal.ops.limits import Limits
from fiscal.schema import DESCRIPTOR
from fiscal.stages.extract import extract_to_directory, report_files, write_failure

#: What each report's output directory says it was extracted from.
KEY_FILE = "extraction.json"
#: The module whose code (and imports) decides what an extraction holds.
EXTRACTOR = "fiscal.stages.extract"


@dataclass(frozen=True)
class ReportTask:
    """One report as it travels to a worker: its source files' bytes, in reading order,
    and its catalogue rows."""

    report_id: str
    sources: tuple[tuple[str, bytes], ...]
    catalogue: bytes
    limits: Limits


@dataclass(frozen=True)
class ReportResult:
    """An extracted report as it comes back: its output files, a summary line, the time it
    took and the peak memory of the worker's child that read it (0 where none ran)."""

    summary: str
    files: dict[str, bytes]
    seconds: float
    peak_mib: float = 0.0


@dataclass(frozen=True)
class PlannedReport:
    report_id: str
    files: list[Path]
    catalogue: Path
    key: str
    sources: list[dict]  # each file's name, size, mtime and SHA-256, stored with the output


def plan_reports(raw: Path, catalogue_dir: Path, out: Path, limits: Limits) -> list[PlannedReport]:
    """Every catalogued report (``catalogue_dir/<id>.csv``) with its files in ``raw/<id>/``
    and the key its extraction in ``out/<id>`` must have."""
    extractor = code_version(EXTRACTOR, DESCRIPTOR)
    return [
        plan_report(catalogue, raw, out, extractor, limits)
        for catalogue in sorted(catalogue_dir.glob("*.csv"))
    ]


def plan_report(
    catalogue: Path, raw: Path, out: Path, extractor: str, limits: Limits
) -> PlannedReport:
    """One report's files and key: SHA-256 over the extractor, the limits, its catalogue
    rows and each file (an absent file hashes as absent). A file's own hash is taken
    from the last extraction while its size and modification time are unchanged, as
    DVC does, so planning 10,000 reports does not re-read 10,000 PDFs."""
    report_id = catalogue.stem
    files = report_files(raw / report_id, find_sources(report_id, catalogue))
    known = {source["name"]: source for source in _stored(out / report_id).get("sources", [])}
    digest = hashlib.sha256(f"{extractor}\0{limits.seconds:g}\0{limits.memory_mb}".encode())
    digest.update(catalogue.read_bytes())
    sources = []
    for path in files:
        digest.update(path.name.encode() + b"\0")
        if not path.is_file():
            digest.update(b"absent")
            continue
        source = _source_stat(path, known.get(path.name))
        digest.update(source["sha256"].encode())
        sources.append(source)
    return PlannedReport(report_id, files, catalogue, digest.hexdigest(), sources)


def _source_stat(path: Path, known: dict | None) -> dict:
    status = path.stat()
    stat = {"name": path.name, "size": status.st_size, "mtime_ns": status.st_mtime_ns}
    if known and all(known.get(field) == value for field, value in stat.items()):
        return known
    with path.open("rb") as handle:
        return {**stat, "sha256": hashlib.file_digest(handle, "sha256").hexdigest()}


def _stored(directory: Path) -> dict:
    """What a report's output says it was extracted from (nothing if unreadable)."""
    try:
        stored = json.loads((directory / KEY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return stored if isinstance(stored, dict) else {}


def extract_reports(
    raw: Path,
    catalogue_dir: Path,
    out: Path,
    limits: Limits,
    scheduler: str | None = None,
    workers: int | None = None,
) -> str:
    """Bring ``out`` in step with the catalogue; print a line per report extracted and
    return the run's summary."""
    began = time.perf_counter()
    planned = plan_reports(raw, catalogue_dir, out, limits)
    _remove_stale(out, {report.report_id for report in planned})
    due = _largest_first([report for report in planned if _is_due(report, out)])
    if not due:
        return f"all {len(planned)} reports up to date; nothing extracted"
    finished: list[str] = []
    peaks: list[float] = [0.0]
    by_id = {report.report_id: report for report in due}

    def land(task: ReportTask, result: ReportResult | None, error: BaseException | None) -> None:
        report = by_id[task.report_id]
        if worker_lost(error):  # recorded, but tried again by the next run
            report = replace(report, key="")
        result = result or _failed_result(task, error)
        land_report(out, report, result.files)
        finished.append(task.report_id)
        peaks.append(result.peak_mib)
        print(f"[{len(finished)}/{len(due)}] {result.summary} ({result.seconds:.1f} s)", flush=True)

    if len(due) == 1 and not scheduler_address(scheduler):  # adding or changing one report
        where = "in this process"
        run_here(extract_task, _tasks(due, limits), land)
    else:
        with dask_client(scheduler, workers) as client:
            where = f"on {sum(client.nthreads().values())} workers"
            run_tasks(client, extract_task, _tasks(due, limits), _task_key, land)
    seconds = time.perf_counter() - began
    return (
        f"extracted {len(finished)} of {len(planned)} reports "
        f"({len(planned) - len(due)} up to date) in {seconds:.1f} s {where}, "
        f"peak {max(peaks):.0f} MiB per worker"
    )


def _largest_first(due: list[PlannedReport]) -> list[PlannedReport]:
    """The largest reports (by their files' bytes) first: a 241-page report started last
    would leave the other workers idle while it alone runs, started first it runs beside
    the small ones."""
    return sorted(due, key=lambda report: -sum(source["size"] for source in report.sources))


def _is_due(report: PlannedReport, out: Path) -> bool:
    """Due unless its extraction is under the same key, or its sources are not here
    (a checkout that did not pull them) and it was extracted before."""
    directory = out / report.report_id
    if not directory.is_dir():
        return True
    absent = not all(path.is_file() for path in report.files)
    return not absent and _stored(directory).get("key") != report.key


def _remove_stale(out: Path, catalogued: set[str]) -> None:
    """Reports taken out of the catalogue, and staging left by a run that was killed."""
    if not out.is_dir():
        return
    for directory in out.iterdir():
        if directory.name.startswith(".") or directory.name not in catalogued:
            shutil.rmtree(directory, ignore_errors=True)


def _tasks(due: list[PlannedReport], limits: Limits) -> Iterator[ReportTask]:
    """Each report's task, its files read only when the task is submitted."""
    for report in due:
        yield ReportTask(
            report.report_id,
            tuple((path.name, path.read_bytes()) for path in report.files if path.is_file()),
            report.catalogue.read_bytes(),
            limits,
        )


def _task_key(task: ReportTask) -> str:
    return f"extract-{task.report_id}"


def extract_task(task: ReportTask) -> ReportResult:
    """On a worker: write the report's files to a scratch directory, extract it there
    (within its limits, a failure recorded), hand back the output files."""
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fiscal-extract-") as scratch:
        directory = Path(scratch) / task.report_id
        directory.mkdir()
        for name, content in task.sources:
            (directory / name).write_bytes(content)
        catalogue = Path(scratch) / f"{task.report_id}.csv"
        catalogue.write_bytes(task.catalogue)
        output = Path(scratch) / "out" / task.report_id
        summary = extract_to_directory(
            directory, output, task.report_id, catalogue, record_failure=True, limits=task.limits
        )
        files = {path.name: path.read_bytes() for path in sorted(output.iterdir())}
    # The largest child this worker has waited for: its reports' peak, imports included.
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return ReportResult(summary, files, time.perf_counter() - began, peak_mib)


def _failed_result(task: ReportTask, error: BaseException | None) -> ReportResult:
    """The report's failure when its task did not come back: its worker died, or the
    task itself failed outside the extraction (which records its own failures)."""
    name = task.sources[0][0] if task.sources else task.report_id
    if worker_lost(error):
        failure = DocumentError(
            name, WORKER_LOST, "the worker extracting this file died twice; report the file"
        )
    else:
        failure = DocumentError(name, READER_ERROR, f"the extraction task failed ({detail(error)})")
    with tempfile.TemporaryDirectory(prefix="fiscal-failed-") as scratch:
        catalogue = Path(scratch) / "catalogue.csv"
        catalogue.write_bytes(task.catalogue)
        output = Path(scratch) / task.report_id
        write_failure(output, task.report_id, find_sources(task.report_id, catalogue), failure)
        files = {path.name: path.read_bytes() for path in sorted(output.iterdir())}
    return ReportResult(f"{task.report_id}: FAILED {failure.message}", files, 0.0)


def adopt_extraction(report_id: str, files: dict[str, bytes], data: Path, limits: Limits) -> None:
    """Put in place a report extracted by :func:`extract_task` outside the pipeline
    (``fiscal add`` checks a file so), under the key the pipeline will find for it in
    ``data/extracted``: the pipeline keeps it instead of reading the file again."""
    extractor = code_version(EXTRACTOR, DESCRIPTOR)
    catalogue = data / "catalogue" / f"{report_id}.csv"
    out = data / "extracted"
    land_report(out, plan_report(catalogue, data / "raw", out, extractor, limits), files)


def land_report(out: Path, report: PlannedReport, files: dict[str, bytes]) -> None:
    """Put a report's files and what it was extracted from in ``out/<id>`` in one swap."""
    directory = out / report.report_id
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}-", dir=out))
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
        stored = {"key": report.key, "sources": report.sources}
        (staging / KEY_FILE).write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")
        swap_directory(staging, directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
