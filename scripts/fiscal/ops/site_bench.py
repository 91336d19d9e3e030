"""Build time and page weight of the site for the whole corpus, printed, never asserted.

A page's weight is what a first visit downloads: its HTML, the scripts and style sheets
it links, and ECharts where the page draws a chart (site.js loads it only there). Search
is timed in headless Chromium over loopback (the network's download time comes on top).

With ``reports=N`` the site is built from a package of N reports made from the
repository's: its reports in turn, then copies under distinct ids (``<id>-x2`` …, their
publishers distinct too), every row of a report copied with it. Extraction is not run, so
the site of a thousand reports is measured in minutes; the source PDFs are not copied (a
deployment may serve them from the data remote) and are not counted.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from fiscal.ops.browser import search_timing
from fiscal.ops.scale_bench import copy_name
from fiscal.schema import CATALOGUE, DESCRIPTOR, read_csv
from fiscal.site.generate import build_site

ECHARTS = "assets/vendor/echarts.min.js"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.has_chart = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(found["src"])
        elif tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.urls.append(found["href"])
        elif "fiscal-chart" in (found.get("class") or "").split():
            self.has_chart = True


@dataclass(frozen=True)
class PageWeight:
    path: str
    html: int
    total: int


def page_weight(site: Path, page: Path) -> PageWeight:
    links = _Links()
    links.feed(page.read_text(encoding="utf-8"))
    files = {(page.parent / url.split("?")[0]).resolve() for url in links.urls}
    if links.has_chart:
        files.add((site / ECHARTS).resolve())
    html = page.stat().st_size
    total = html + sum(path.stat().st_size for path in files if path.is_file())
    return PageWeight(page.relative_to(site).as_posix(), html, total)


def _mib(size: int) -> str:
    return f"{size / 2**20:.2f} MiB"


def replicated_package(descriptor: Path, count: int, out: Path) -> Path:
    """A package of ``count`` reports in ``out``: the descriptor's reports in catalogue
    order, then copies of them round after round; returns the copy's descriptor."""
    metadata = json.loads(descriptor.read_text(encoding="utf-8"))
    frames = {
        item["name"]: read_csv(descriptor.parent / item["path"]) for item in metadata["resources"]
    }
    report_ids = list(dict.fromkeys(frames[CATALOGUE]["report_id"]))
    rounds: dict[int, list[str]] = {}
    for number in range(count):
        chosen = report_ids[number % len(report_ids)]
        rounds.setdefault(number // len(report_ids), []).append(chosen)
    catalogue = frames[CATALOGUE]
    for item in metadata["resources"]:
        frame = frames[item["name"]]
        if "report_id" in frame or "publisher_id" in frame:
            frame = pd.concat(
                [_copied(frame, catalogue, chosen, number) for number, chosen in rounds.items()],
                ignore_index=True,
            )
        target = out / item["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        frame.to_csv(target, index=False, encoding="utf-8", lineterminator="\n")
    shutil.copyfile(descriptor, out / descriptor.name)
    return out / descriptor.name


def _copied(
    frame: pd.DataFrame, catalogue: pd.DataFrame, report_ids: list[str], round_number: int
) -> pd.DataFrame:
    """The rows of these reports (in a resource by publisher, of their publishers) with
    ids and publishers renamed for their round."""
    if "report_id" in frame:
        rows = frame[frame["report_id"].isin(report_ids)].copy()
    else:
        publishers = catalogue.loc[catalogue["report_id"].isin(report_ids), "publisher_id"]
        rows = frame[frame["publisher_id"].isin(set(publishers))].copy()
    for column in ("report_id", "publisher_id", "superseded_by"):
        if column in rows:
            rows[column] = rows[column].map(lambda name: copy_name(name, round_number))
    if "file_path" in rows:  # the catalogue's key: a copy's file sits in its own directory
        names = rows["file_path"].map(lambda path: Path(path).name)
        rows["file_path"] = "data/raw/" + rows["report_id"] + "/" + names
    return rows


def run_site_benchmark(descriptor: Path = DESCRIPTOR, reports: int | None = None) -> None:
    """Print how long the build takes as ``fiscal site`` runs it (the pages, then the render
    beside the downloads no page waits for), and what pages weigh."""
    with tempfile.TemporaryDirectory(prefix="fiscal-site-") as tmp:
        docs, site = Path(tmp) / "docs", Path(tmp) / "site"
        if reports:
            descriptor = replicated_package(descriptor, reports, Path(tmp) / "package")
        start = time.perf_counter()
        build_site(descriptor, docs, site)
        built = time.perf_counter()
        pages = [page_weight(site, page) for page in sorted(site.rglob("*.html"))]
        files = [p for p in site.rglob("*") if p.is_file() and p.suffix.lower() != ".pdf"]
        downloads = sum(p.stat().st_size for p in files if "downloads" in p.parts)
        index = site / "search" / "search_index.json"
        heaviest = max(pages, key=lambda page: page.total)
        largest = max(pages, key=lambda page: page.html)
        lines = [
            f"site benchmark: {descriptor}",
            f"  pages, downloads and render   {built - start:7.2f} s",
            f"  site: {len(pages)} pages, {len(files)} files, "
            f"{_mib(sum(p.stat().st_size for p in files))} without source PDFs "
            f"({_mib(downloads)} downloads)",
            f"  search index: {_mib(index.stat().st_size) if index.exists() else '-'}",
            f"  largest page HTML: {largest.path} {_mib(largest.html)}",
            f"  heaviest first visit: {heaviest.path} {_mib(heaviest.total)} with scripts/styles",
            f"  median first visit: {_mib(sorted(p.total for p in pages)[len(pages) // 2])}",
            "  largest parts: " + _largest_parts(site, files),
            "  search in Chromium: " + _search_line(site),
        ]
        print("\n".join(lines))


#: A word every site holds (its navigation's 报告), so a first query always finds pages.
SEARCH_TERM = "报告"


def _search_line(site: Path) -> str:
    timing = search_timing(site, SEARCH_TERM)
    if timing is None:
        return "not measured (no /usr/bin/chromium)"
    loaded, answered = timing
    return f"index loaded {loaded:.1f} s after a click in the box, first query {answered:.2f} s"


def _largest_parts(site: Path, files: list[Path], shown: int = 8) -> str:
    """What the site's size is made of: its folders two deep (downloads/data …), largest
    first; files at the top count as ``/``."""
    sizes: dict[str, int] = {}
    for path in files:
        part = "/".join(path.relative_to(site).parent.parts[:2]) or "/"
        sizes[part] = sizes.get(part, 0) + path.stat().st_size
    largest = sorted(sizes.items(), key=lambda item: -item[1])[:shown]
    return ", ".join(f"{part} {_mib(size)}" for part, size in largest)
