"""Speed and peak memory of our extraction beside plain pdfplumber on the same PDFs.

Plain ``page.extract_tables()`` over every page is the floor any pdfplumber-based
extractor pays, so the ratio says what our locating and reading costs on top of it.
Each method runs in its own fresh interpreter (``python -m fiscal.ops.bench --child ...``)
that imports only what that method needs, so its peak memory is its own. Numbers are
printed, never asserted: they depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from fiscal.errors import detail

DEFAULT_PDFS = Path(__file__).resolve().parents[3] / "data" / "raw"
FISCAL = "fiscal"
PDFPLUMBER = "pdfplumber"
HEADER = "method       seconds  pages/s  peak MiB  amounts  tables"  # as method_line() pads


@dataclass(frozen=True)
class DocumentRun:
    """One PDF read by one method; ``failure`` is why it could not be read."""

    name: str
    seconds: float
    pages: int = 0
    amounts: int | None = None
    tables: int | None = None
    failure: str | None = None


@dataclass(frozen=True)
class MethodRun:
    """One method over all PDFs, as measured inside its own child process."""

    method: str
    seconds: float
    peak_mib: float
    documents: list[DocumentRun]

    @property
    def pages(self) -> int:
        return sum(document.pages for document in self.documents)

    @property
    def amounts(self) -> int | None:
        return _total(document.amounts for document in self.documents)

    @property
    def tables(self) -> int | None:
        return _total(document.tables for document in self.documents)


def _total(counts: Iterable[int | None]) -> int | None:
    """Sum the counts a method reports; ``None`` when it reports none (pdfplumber)."""
    known = [count for count in counts if count is not None]
    return sum(known) if known else None


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB.

    ``VmHWM`` belongs to the address space and starts afresh at exec, whereas Linux
    carries ``ru_maxrss`` across fork+exec, so a child's ``ru_maxrss`` is never below its
    parent's peak. ``ru_maxrss`` (KiB on Linux) is only the fallback where /proc is missing.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_fiscal(paths: list[Path]) -> MethodRun:
    """Run our extraction; a :class:`DocumentError` is one failed PDF, not the end."""
    from fiscal.errors import DocumentError
    from fiscal.read.extract import extract_document

    documents = []
    start = time.perf_counter()
    for path in paths:
        began = time.perf_counter()
        try:
            extraction = extract_document(path, report_id=path.stem)
        except DocumentError as error:
            failure = f"{error.reason}: {error.message}"
            documents.append(DocumentRun(path.name, time.perf_counter() - began, failure=failure))
            continue
        seconds = time.perf_counter() - began
        amounts, tables = len(extraction.amounts), len(extraction.tables)
        pages = sum(file.page_count for file in extraction.files)
        documents.append(DocumentRun(path.name, seconds, pages, amounts, tables))
    return MethodRun(FISCAL, time.perf_counter() - start, peak_rss_mib(), documents)


def measure_pdfplumber(paths: list[Path]) -> MethodRun:
    """Run plain ``extract_tables()`` over every page, the same pages fiscal reads."""
    import pdfplumber

    documents = []
    start = time.perf_counter()
    for path in paths:
        began = time.perf_counter()
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_tables()
                pages = len(pdf.pages)
        except Exception as error:  # plain pdfplumber names no errors of its own
            failure = detail(error)
            documents.append(DocumentRun(path.name, time.perf_counter() - began, failure=failure))
            continue
        documents.append(DocumentRun(path.name, time.perf_counter() - began, pages))
    return MethodRun(PDFPLUMBER, time.perf_counter() - start, peak_rss_mib(), documents)


MEASURES: dict[str, Callable[[list[Path]], MethodRun]] = {
    FISCAL: measure_fiscal,
    PDFPLUMBER: measure_pdfplumber,
}


def run_child(method: str, paths: list[Path]) -> MethodRun:
    """Measure one method in a fresh interpreter; its result is the last stdout line."""
    command = [sys.executable, "-m", "fiscal.ops.bench", "--child", method, *map(str, paths)]
    completed = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    data = json.loads(completed.stdout.splitlines()[-1])
    documents = [DocumentRun(**document) for document in data.pop("documents")]
    return MethodRun(**data, documents=documents)


def combine(runs: list[MethodRun]) -> MethodRun:
    """Median seconds (overall and per PDF) and the highest peak over repeated runs."""
    per_document = zip(*(run.documents for run in runs), strict=True)
    documents = [
        replace(repeats[0], seconds=statistics.median(doc.seconds for doc in repeats))
        for repeats in per_document
    ]
    return MethodRun(
        runs[0].method,
        statistics.median(run.seconds for run in runs),
        max(run.peak_mib for run in runs),
        documents,
    )


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def _ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.2f}x" if denominator else "n/a"


def method_line(run: MethodRun, pages: int) -> str:
    """One row of the summary table; pages/s counts every page the method was given."""
    rate = pages / run.seconds if run.seconds else 0.0
    return (
        f"{run.method:<10} {run.seconds:>9.2f} {rate:>8.1f} {run.peak_mib:>9.1f}"
        f" {_count(run.amounts):>8} {_count(run.tables):>7}"
    )


def document_line(document: DocumentRun, baseline: DocumentRun, width: int) -> str:
    """One fiscal PDF beside pdfplumber's time on it, so the PDFs where the reading costs
    most show; pages come from pdfplumber, which also counts failed PDFs."""
    head = (
        f"  {document.name:<{width}} {baseline.pages:>4} pages {document.seconds:>7.2f} s"
        f" ({_ratio(document.seconds, baseline.seconds)} of {baseline.seconds:.2f} s)"
    )
    if document.failure:
        return f"{head}  FAILED {document.failure}"
    return f"{head} {document.amounts:>6} amounts {document.tables:>3} tables"


def report(fiscal: MethodRun, plumber: MethodRun, repeat: int) -> list[str]:
    """The printed benchmark: summary table, ratio, then fiscal per PDF."""
    pages = plumber.pages
    width = max(len(document.name) for document in fiscal.documents)
    lines = [
        f"benchmark: {len(fiscal.documents)} PDFs, {pages} pages, repeat {repeat}",
        HEADER,
        method_line(fiscal, pages),
        method_line(plumber, pages),
        f"ratio (fiscal / pdfplumber): time {_ratio(fiscal.seconds, plumber.seconds)},"
        f" peak memory {_ratio(fiscal.peak_mib, plumber.peak_mib)}",
        f"fiscal per PDF ({sum(1 for d in fiscal.documents if d.failure)} failed):",
    ]
    lines += [
        document_line(document, baseline, width)
        for document, baseline in zip(fiscal.documents, plumber.documents, strict=True)
    ]
    lines += [
        f"pdfplumber FAILED {document.name}: {document.failure}"
        for document in plumber.documents
        if document.failure
    ]
    return lines


def run_benchmark(pdfs: list[Path], repeat: int = 1) -> None:
    """Print fiscal's speed and peak memory beside plain pdfplumber's, as a ratio.

    Runs alternate between the methods so drift in machine load falls on both alike.
    """
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, not {repeat}")
    paths = list(pdfs) or sorted(DEFAULT_PDFS.glob("*.pdf"))
    if not paths:
        print(f"no PDFs to benchmark in {DEFAULT_PDFS}; run `dvc pull` or name PDFs")
        return
    runs: dict[str, list[MethodRun]] = {FISCAL: [], PDFPLUMBER: []}
    for _ in range(repeat):
        for method, method_runs in runs.items():
            method_runs.append(run_child(method, paths))
    print("\n".join(report(combine(runs[FISCAL]), combine(runs[PDFPLUMBER]), repeat)))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m fiscal.ops.bench", description=__doc__)
    parser.add_argument("pdfs", type=Path, nargs="*")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", choices=sorted(MEASURES), help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    arguments = _arguments()
    if arguments.child:
        print(json.dumps(asdict(MEASURES[arguments.child](arguments.pdfs))))
    else:
        run_benchmark(arguments.pdfs, arguments.repeat)
