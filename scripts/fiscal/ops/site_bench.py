"""Build time and page weight of the site for the whole corpus, printed, never asserted.

A page's weight is what a first visit downloads: its HTML, the scripts and style sheets
it links, and ECharts where the page draws a chart (site.js loads it only there).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from fiscal.schema import DESCRIPTOR
from fiscal.site.generate import render, write_docs

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


def run_site_benchmark(descriptor: Path = DESCRIPTOR) -> None:
    """Print how long generating and rendering take, and what pages weigh."""
    with tempfile.TemporaryDirectory(prefix="fiscal-site-") as tmp:
        docs, site = Path(tmp) / "docs", Path(tmp) / "site"
        start = time.perf_counter()
        nav = write_docs(descriptor, docs)
        generated = time.perf_counter()
        render(docs, site, nav)
        rendered = time.perf_counter()
        pages = [page_weight(site, page) for page in sorted(site.rglob("*.html"))]
        files = [path for path in site.rglob("*") if path.is_file()]
        downloads = sum(p.stat().st_size for p in files if "downloads" in p.parts)
        index = site / "search" / "search_index.json"
        heaviest = max(pages, key=lambda page: page.total)
        largest = max(pages, key=lambda page: page.html)
        lines = [
            f"site benchmark: {descriptor}",
            f"  generate pages and downloads  {generated - start:7.2f} s",
            f"  render with MkDocs            {rendered - generated:7.2f} s",
            f"  site: {len(pages)} pages, {len(files)} files, "
            f"{_mib(sum(p.stat().st_size for p in files))} ({_mib(downloads)} downloads)",
            f"  search index: {_mib(index.stat().st_size) if index.exists() else '-'}",
            f"  largest page HTML: {largest.path} {_mib(largest.html)}",
            f"  heaviest first visit: {heaviest.path} {_mib(heaviest.total)} with scripts/styles",
            f"  median first visit: {_mib(sorted(p.total for p in pages)[len(pages) // 2])}",
        ]
        print("\n".join(lines))
