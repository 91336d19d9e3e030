"""``fiscal bench --scale N``: the whole pipeline on a throwaway repository of N reports.

The repository is this checkout's pipeline (code, schema, ``dvc.yaml``, site sources) with
a catalogue of N reports made from the real ones: the catalogued reports in turn, and
after the first round copies under distinct ids (``<id>-x2`` …, their publishers distinct
too), their files hard-linked. Everything printed is measured in that one run; nothing is
asserted, since the figures belong to the machine:

- extraction over all cores (``fiscal extract-all``) beside plain pdfplumber
  ``extract_tables()`` in one process over the same pages (each distinct file read once
  before our run and once after, the mean counted as often as the file is copied): a
  throughput ratio; and, for scale, what all cores give plain pdfplumber itself (the same
  files in one process per core, balanced by their one-process times): the most any
  extraction as costly per page can reach here;
- a no-op ``dvc repro``;
- adding one report (its file and catalogue row, then ``dvc repro`` to the site) beside
  that report's own extraction time plus the site build;
- the site's build time and size (the source PDFs are not counted: a deployment may serve
  them from the data remote), and the peak memory of a worker.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from fiscal.catalogue.rows import read_catalogue
from fiscal.files import link_or_copy
from fiscal.ops.bench import PDFPLUMBER, run_child
from fiscal.ops.limits import Limits
from fiscal.schema import CATALOGUE, CATALOGUE_PATH, ROOT, write_csv

#: What the pipeline reads besides the catalogue and the files (``dvc.yaml``'s deps).
PIPELINE_FILES = [
    "dvc.yaml", "params.yaml", "datapackage.json", "mkdocs.yml", "CONTRIBUTING.md",
    "package.json", "package-lock.json",
]  # fmt: skip
PIPELINE_DIRECTORIES = ["scripts/fiscal", "site"]


@dataclass(frozen=True)
class Timed:
    seconds: float
    stdout: str


def run_scale_benchmark(reports: int, keep: Path | None = None) -> None:
    """Build the N-report repository (in ``keep`` if given, else a temporary directory
    removed afterwards), run the pipeline in it and print the figures."""
    if reports < 1:
        raise ValueError(f"--scale needs at least one report, not {reports}")
    if keep:
        keep.mkdir(parents=True, exist_ok=False)
        _measure(keep, reports)
        return
    with tempfile.TemporaryDirectory(prefix="fiscal-scale-") as scratch:
        _measure(Path(scratch), reports)


def _measure(repository: Path, count: int) -> None:
    rows = read_catalogue(CATALOGUE_PATH)
    scaffold(repository)
    catalogue, added = scaled_catalogue(rows, count)
    _write_reports(repository, catalogue)
    _run(repository, "fiscal", "split-catalogue", "--out", "data/catalogue")
    limits = Limits.from_params(repository / "params.yaml")
    pdfs = _distinct_pdfs(catalogue)
    before = _plain_seconds(pdfs)
    extracted = _run(
        repository, "fiscal", "extract-all", "data/raw", "--catalogue", "data/catalogue",
        "--out", "data/extracted", "--time-limit", f"{limits.seconds:g}",
        "--memory-limit", str(limits.memory_mb),
    )  # fmt: skip
    after = _plain_seconds(pdfs)
    baseline = {name: (before[name] + after[name]) / 2 for name in before}
    ratio, pages = _throughput(catalogue, extracted.seconds, baseline)
    ceiling = _on_all_cores(pdfs, baseline)
    peak = float(re.search(r"peak (\d+) MiB", extracted.stdout)[1])
    _run(repository, sys.executable, "-m", "dvc", "repro", "package")
    site = _run(repository, sys.executable, "-m", "dvc", "repro")
    noop = _run(repository, sys.executable, "-m", "dvc", "repro")
    size, files = _site_size(repository / "build" / "site")
    _write_reports(repository, [*catalogue, *added], only=added)
    add = _run(repository, sys.executable, "-m", "dvc", "repro")
    own = _own_seconds(add.stdout, added[0]["report_id"])
    add_ratio = add.seconds / (own + site.seconds)
    lines = [
        f"scale benchmark: {count} reports in {repository}",
        f"  extract {pages} pages on all cores: {extracted.seconds:.1f} s "
        f"({pages / extracted.seconds:.1f} pages/s), {ratio:.2f}x plain pdfplumber",
        f"  plain pdfplumber in one process over the same pages: "
        f"{_copied_seconds(catalogue, before):.1f} s before our run, "
        f"{_copied_seconds(catalogue, after):.1f} s after (their mean is its time)",
        f"  plain pdfplumber on all {os.cpu_count() or 1} cores: {ceiling:.2f}x itself in "
        "one process",
        f"  peak memory of a worker: {peak:.0f} MiB",
        f"  site: {site.seconds:.1f} s, {size / 2**20:.0f} MiB in {files} files (no PDFs)",
        f"  no-op dvc repro: {noop.seconds:.1f} s",
        f"  add one report: {add.seconds:.1f} s (its extraction {own:.1f} s + site "
        f"{site.seconds:.1f} s)",
        f"scale {count}: extract {ratio:.2f}x pdfplumber, noop {noop.seconds:.1f} s, "
        f"add-one {add_ratio:.2f}x, site {site.seconds:.1f} s, {size / 2**20:.0f} MiB",
    ]
    print("\n".join(lines))


def scaffold(repository: Path) -> None:
    """The pipeline's own files, copied from this checkout, and a DVC project."""
    for name in PIPELINE_FILES:
        shutil.copy2(ROOT / name, repository / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in PIPELINE_DIRECTORIES:
        shutil.copytree(ROOT / name, repository / name, ignore=ignore)
    if (ROOT / "node_modules").is_dir():
        (repository / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    _run(repository, sys.executable, "-m", "dvc", "init", "--no-scm", "--quiet")


def scaled_catalogue(
    rows: list[dict[str, str]], count: int
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The catalogue rows of ``count`` reports, and of the one the benchmark adds after."""
    report_ids = list(dict.fromkeys(row["report_id"] for row in rows))
    chosen = [_copy_id(report_ids, number) for number in range(count + 1)]
    present = {copy for copy, _, _ in chosen[:count]}
    scaled = []
    for copy, original, round_number in chosen:
        for row in (row for row in rows if row["report_id"] == original):
            superseding = copy_name(row["superseded_by"], round_number)
            scaled.append(
                {
                    **row,
                    "report_id": copy,
                    "publisher_id": copy_name(row["publisher_id"], round_number),
                    "file_path": f"data/raw/{copy}/{Path(row['file_path']).name}",
                    "superseded_by": superseding if superseding in present else "",
                    "_original": row["file_path"],
                }
            )
    last = chosen[-1][0]
    return [r for r in scaled if r["report_id"] != last], [
        r for r in scaled if r["report_id"] == last
    ]


def _copy_id(report_ids: list[str], number: int) -> tuple[str, str, int]:
    original = report_ids[number % len(report_ids)]
    round_number = number // len(report_ids)
    return copy_name(original, round_number), original, round_number


def copy_name(name: str, round_number: int) -> str:
    return f"{name}-x{round_number + 1}" if name and round_number else name


def _write_reports(
    repository: Path, rows: list[dict[str, str]], only: list[dict[str, str]] | None = None
) -> None:
    """The catalogue (all ``rows``) and the files of ``only`` (default: all), hard-linked."""
    for row in only if only is not None else rows:
        target = repository / row["file_path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(ROOT / row["_original"], target)
    frame = pd.DataFrame([{k: v for k, v in row.items() if k != "_original"} for row in rows])
    write_csv(CATALOGUE, frame, repository / "data" / "sources.csv")


def _distinct_pdfs(catalogue: list[dict[str, str]]) -> list[Path]:
    """The corpus PDFs the copies are made of, each once."""
    originals = sorted({ROOT / row["_original"] for row in catalogue})
    return [path for path in originals if path.suffix.lower() == ".pdf"]


def _plain_seconds(pdfs: list[Path]) -> dict[str, float]:
    """Plain pdfplumber ``extract_tables()`` in one process: each file's seconds. Taken
    before and after our run, so a machine that speeds up or slows down meanwhile (this
    one drifts by a tenth or more over half an hour) biases the ratio neither way."""
    return {document.name: document.seconds for document in run_child(PDFPLUMBER, pdfs).documents}


def _copied_seconds(catalogue: list[dict[str, str]], seconds: dict[str, float]) -> float:
    """One-process seconds over every copy: each file's time, counted as often as copied."""
    return sum(seconds.get(Path(row["_original"]).name, 0.0) for row in catalogue)


def _throughput(
    catalogue: list[dict[str, str]], seconds: float, baseline: dict[str, float]
) -> tuple[float, int]:
    """Plain pdfplumber's time for the same pages over ours, and the page count."""
    pages = sum(int(row["page_count"] or 0) for row in catalogue)
    return (_copied_seconds(catalogue, baseline) / seconds if seconds else 0.0), pages


def _on_all_cores(pdfs: list[Path], baseline: dict[str, float]) -> float:
    """Plain pdfplumber over the same files in one process per core at once, each
    process given an equal share of the one-process time (largest file first to the
    least loaded): the one-process time over this wall time."""
    cores = os.cpu_count() or 1
    shares: list[list[Path]] = [[] for _ in range(cores)]
    loads = [0.0] * cores
    for path in sorted(pdfs, key=lambda path: -baseline.get(path.name, 0.0)):
        least = loads.index(min(loads))
        shares[least].append(path)
        loads[least] += baseline.get(path.name, 0.0)
    began = time.perf_counter()
    with ThreadPoolExecutor(cores) as pool:
        list(pool.map(lambda share: run_child(PDFPLUMBER, share), [s for s in shares if s]))
    wall = time.perf_counter() - began
    return sum(baseline.values()) / wall if wall else 0.0


def _own_seconds(stdout: str, report_id: str) -> float:
    """The added report's extraction time as its worker measured it (its progress line)."""
    found = re.search(rf"\] {re.escape(report_id)}: .*\(([\d.]+) s\)", stdout)
    return float(found[1]) if found else 0.0


def _site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix.lower() != ".pdf"]
    return sum(p.stat().st_size for p in files), len(files)


def _run(repository: Path, *command: str) -> Timed:
    """Run a command in the repository with this environment's tools; time it."""
    environment = dict(os.environ, DVC_NO_ANALYTICS="1")
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment["PATH"]])
    began = time.perf_counter()
    result = subprocess.run(
        command, cwd=repository, env=environment, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {repository}:\n{result.stderr[-3000:]}")
    return Timed(seconds, result.stdout)
