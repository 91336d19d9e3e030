"""Progress: a per-page bar on a terminal, only whole lines when stderr is not one."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pdfplumber

from fiscal.schema import ROOT

PDF = ROOT.parent / "shared" / "corpus" / "shpt-shgzb-2024-final-dept.pdf"


def extract(out: Path, stderr: int) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "fiscal.cli", "extract", str(PDF), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=stderr,
        timeout=300,
        check=True,
    )


def test_a_terminal_sees_every_page_on_one_updating_line(tmp_path: Path) -> None:
    with pdfplumber.open(PDF) as pdf:
        pages = len(pdf.pages)
    controller, terminal = pty.openpty()
    try:
        extract(tmp_path / "out", terminal)
        os.close(terminal)
        shown = b""
        while chunk := _read(controller):
            shown += chunk
    finally:
        os.close(controller)

    text = shown.decode("utf-8")
    assert "\n" not in text.strip(), "the bar rewrites one line"
    ticks = [part for part in text.split("\r") if "page " in part]
    assert [tick.rsplit("page ", 1)[1] for tick in ticks] == [
        f"{page}/{pages}" for page in range(1, pages + 1)
    ]
    assert text.endswith("\r\x1b[K"), "the bar is cleared before the summary"


def _read(descriptor: int) -> bytes:
    try:
        return os.read(descriptor, 65536)
    except OSError:  # the terminal was closed: everything has been read
        return b""


def test_a_log_gets_no_bar(tmp_path: Path) -> None:
    result = extract(tmp_path / "out", subprocess.PIPE)

    assert result.stderr == b""
    assert result.stdout.decode("utf-8").count("\n") == 1  # the one summary line
