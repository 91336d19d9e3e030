"""A built site served on 127.0.0.1 and opened in Debian's headless Chromium via Playwright:
for the site benchmark's search timing and for the browser tests.

The browser is the system's /usr/bin/chromium, never one Playwright downloads; the
flags keep it from reaching the network on its own (updates, sync, QUIC probes).
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: True once Material's search worker has loaded the index (the box then invites typing).
SEARCH_READY = """() => {
  const config = JSON.parse(document.getElementById('__config').textContent);
  const meta = document.querySelector('.md-search-result__meta');
  return meta && meta.textContent.trim() === config.translations['search.result.placeholder'];
}"""


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep request lines out of the output."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on a free loopback port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def search_timing(site: Path, term: str) -> tuple[float, float] | None:
    """Seconds from a click in the home page's search box until the index is loaded, and
    from typing ``term`` until the first result shows; None without Chromium."""
    if not CHROMIUM.exists():
        return None
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url)
            box = page.locator("input.md-search__input")
            began = time.perf_counter()
            box.click()
            page.wait_for_function(SEARCH_READY, timeout=600_000)
            loaded = time.perf_counter() - began
            began = time.perf_counter()
            box.fill(term)
            box.press("End")  # Material reads the box on keyup
            page.locator(".md-search-result__item > a").first.wait_for(timeout=120_000)
            return loaded, time.perf_counter() - began
        finally:
            browser.close()
