"""The 目录 (table of contents): which tables a document says it prints.

A contents page is headed 目录 (or 报表目录); its entries are numbered lines, often with dot leaders
and a page number. The entries that name a table (…表) are the tables the document
promises; part headings (第二部分 …) and the names of a whole set of tables
(2019年度部门预算表, …预算公开表) are not tables.
"""

from __future__ import annotations

import re

from fiscal.read.templates import looks_like_title, normalise_title
from fiscal.vocabulary import LIST_NUMBERING, PART_HEADING

#: 目录, or the 目录 of a set of tables (报表目录: 西安's tables part prints its own, after
#: the 目录 of the whole document).
_HEADING = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}表)?目\s*录$")
#: How far down a page the 目录 heading may stand (under a publisher and title line).
_HEADING_LINES = 6
#: Dot leaders and the page number an entry ends in.
_LEADER = re.compile(r"[\s.…·．。\-—]*(?:\d+|[-—]\s*\d+\s*[-—])?\s*$")
#: A page number printed at the foot of a page: 2, - 2 -, —2—.
_FOLIO = re.compile(r"^[\s\-—–]*\d+[\s\-—–]*$")
_NUMBERED_TABLE = re.compile(r"^附?表\s*\d")
#: What a contents grid prints after an entry's title: 是 / 否 / 不涉及 (published or not).
_CONTENTS_COLUMNS = re.compile(r"(?<=表)(?:\s+[^\s表]{1,4})+$")
#: The name of a whole set of tables, not of one.
_COLLECTIVE = re.compile(r"(部门|单位)(预算|决算)(公开)?报?表$|公开表$|(预算|决算)报表$")


def is_contents_page(lines: list[str]) -> bool:
    """A page headed 目录."""
    return any(_HEADING.match(line.strip()) for line in lines[:_HEADING_LINES])


def contents_run(lines: list[str]) -> int:
    """How many lines at the top of the page after a contents page go on with its entries
    (numbered, or ending in a page number); 0 if the page does not start with one. The
    rest of the page is the document's own text."""
    run = 0
    for index, line in enumerate(lines):
        text = line.strip()
        if _FOLIO.match(text) or _is_entry(text):
            run = index + 1
        elif not (run and _completes(lines[index - 1], text)):
            break
    return run


def _is_entry(line: str) -> bool:
    """A numbered line (一、 / 表5 / 第二部分) or one ending in dot leaders and a page number."""
    numbered = LIST_NUMBERING.match(line) or PART_HEADING.match(line) or _NUMBERED_TABLE.match(line)
    return bool(numbered) or bool(re.search(r"[.…·]{3,}\s*\d+\s*$", line))


def _completes(previous: str, line: str) -> bool:
    """A line that ends an entry wrapped from the line before (…培训费支 | 出预算表)."""
    return (
        not _is_entry(line.strip())
        and not looks_like_title(previous)
        and looks_like_title(previous.strip() + line)
    )


def listed_titles(lines: list[str]) -> list[str]:
    """The table titles the entries of a contents page (or of the run of entries that
    goes on over the next page) name, in order."""
    headings = [i for i, line in enumerate(lines) if _HEADING.match(line.strip())]
    start = headings[0] + 1 if headings else 0
    titles: list[str] = []
    previous = ""
    for line in lines[start:]:
        entry = _CONTENTS_COLUMNS.sub("", _LEADER.sub("", line).strip())
        if previous and _completes(previous, entry):
            entry = previous + entry
        previous = entry
        name = normalise_title(entry)
        if PART_HEADING.match(name) or _COLLECTIVE.search(name) or not looks_like_title(entry):
            continue
        titles.append(entry)
    return titles
