"""What a document's cover says: year, phase, scope, publisher, title and region."""

from __future__ import annotations

import re

from fiscal.records import DocumentFacts
from fiscal.regions import parse_region
from fiscal.vocabulary import DOCUMENT_KINDS, SCOPES

_YEAR = re.compile(r"(20\d{2})\s*年")
#: "预算主管部门：X" / "预算单位：X" on budget covers ("部门名称 X" on a form's first page,
#: "部 门：X" under the title of a tables volume).
_NAMED_PUBLISHER = re.compile(
    r"(?:预算主管部门|预算单位|部门名称|单位名称|部\s*门(?=\s*[：:]))(?:\s*[：:]\s*|\s+)(\S+)"
)
#: The publisher printed before "(YYYY年度)部门决算" on final-account covers, or before
#: "部门（单位）整体支出绩效自评报告" on performance reports.
_DOCUMENT_KIND = re.compile(r"(部门|单位)(?:[（(]单位[)）])?(?:综合)?(决算|预算|整体支出)")
#: What a cover prints after the publisher's name that is no part of it: the scope of the
#: figures (（本级）, （汇总）) or the word 部门 / 单位 before the year (北京市教育委员会部门
#: 2026年部门预算).
_NAME_TAIL = re.compile(r"(?:[（(](?:本级|汇总|本部)[)）]|(?<=\S{4})(?:部门|单位))$")
#: A publisher's name holds no list (一、二、) and no 目录: text run on from a contents
#: page printed on the cover is no name.
_NOT_A_NAME = re.compile(r"[、，。；]|目录")
_YEAR_WORDS = re.compile(r"(20\d{2})?年度?")
#: A printed heading line such as "上海市普陀区2025年区级部门预算" (region or publisher first).
_HEADING = re.compile(r"\S{2,}?20\d{2}年\S*?(?:预算|决算)")
#: The word a cover prints for each scope (部门 / 单位).
_SCOPE_WORDS = {word.cn: scope for scope, word in SCOPES.items()}


def read_facts(first_pages_text: str) -> DocumentFacts:
    """Year, phase (final / budget / performance), scope, publisher, title and region.

    Pages are separated by form feeds; publisher and title come from the first page only,
    since a contents page repeats them inside longer lines ("第二部分 …部门决算表").
    """
    text = re.sub(r"\s+", "", first_pages_text)
    cover = first_pages_text.split("\f")[0]
    year = _cover_year(cover)
    if year is None:
        year_match = _YEAR.search(text) or re.search(r"(20\d{2})", text)
        year = int(year_match.group(1)) if year_match else None
    phase = None
    standard = re.search(r"(部门|单位)(决算|预算)", text)
    performance = _PERFORMANCE.search(text)
    if performance and (not standard or _PERFORMANCE.search(_first_line(cover))):
        # a performance document, even where its forms name the 部门预算 they are for
        phase = "performance"
    elif "决算" in text:
        phase = "final"
    elif "预算" in text:
        phase = "budget"
    kinds = [match for match in _DOCUMENT_KIND.finditer(text)]
    scope = _SCOPE_WORDS[kinds[0].group(1)] if kinds else None
    publisher = _publisher(cover)
    heading = _heading(cover)
    title = None
    if heading and publisher:
        title = heading if publisher in heading else f"{heading}（{publisher}）"
    elif publisher and year and phase and scope:
        title = compose_title(publisher, year, phase, scope)
    region = parse_region(publisher or "") or parse_region(heading or "")
    return DocumentFacts(
        fiscal_year=year,
        phase=phase,
        scope=scope,
        publisher=publisher,
        title=title,
        region=region,
    )


_PERFORMANCE = re.compile(r"绩效(自评|评价|目标)")


def _first_line(cover: str) -> str:
    """The cover's first printed line: its title."""
    return next((line for line in cover.splitlines() if line.strip()), "")


def _cover_year(cover: str) -> int | None:
    """The year the cover prints: before its 年, or set apart on a line of its own
    (重庆市气象局 | 年部门预算情况说明 | 2026: the year typeset as a separate, larger line).
    None when the cover prints neither, so the next page's text decides."""
    printed = _YEAR.search(re.sub(r"\s+", "", cover))
    if printed:
        return int(printed.group(1))
    alone = next((m for line in cover.splitlines() if (m := _LONE_YEAR.fullmatch(line))), None)
    return int(alone.group(1)) if alone else None


_LONE_YEAR = re.compile(r"\s*(20\d{2})\s*")


def compose_title(publisher: str, year: int, phase: str, scope: str) -> str:
    """The usual title of a document whose cover prints none on one line."""
    return f"{publisher}{year}年度{SCOPES[scope].cn}{DOCUMENT_KINDS[phase]}"


def _heading(cover: str) -> str | None:
    """The first cover line that prints a region or publisher, a year and the document kind."""
    for line in cover.splitlines():
        match = _HEADING.match(re.sub(r"\s+", "", line))
        if match:
            return match.group(0)
    return None


def _publisher(cover: str) -> str | None:
    """The publishing department: named after a label, or printed before the document kind."""
    named = _NAMED_PUBLISHER.search(cover)
    if named:
        return _name(named.group(1))
    text = _YEAR_WORDS.sub("", re.sub(r"\s+", "", cover))
    kind = _DOCUMENT_KIND.search(text)
    if not kind or kind.start() < 2:
        return None
    return _name(text[: kind.start()])


def _name(printed: str) -> str | None:
    """A publisher's name as the cover prints it, without what follows the name."""
    name = _NAME_TAIL.sub("", printed)
    return None if not name or _NOT_A_NAME.search(name) else name
