"""The 目录 against the tables printed: each table the contents list is printed.

A listed table is matched to a table read from the document by its title: the same, a
title of the same standard kind, the listed title inside the printed one or the other
way round (printed titles add years, publishers and qualifiers), or nearly the same
words. A listed table that no page prints under its title is the document's own
inconsistency; one whose title a page does print, but that was not read as a table, is
a reading problem.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from difflib import SequenceMatcher

from fiscal.read.templates import looks_like_title, match_title, normalise_title
from fiscal.records import Finding, PrintedTitle, TableRecord
from fiscal.vocabulary import EXTRACTION, EXTRACTION_FAILURE, OTHER_TABLE, SOURCE_INCONSISTENCY

#: How much of a listed title a printed one must repeat to name it in other words.
_ALIKE = 0.75

#: A listed and a printed title (as keys) that name one table, from the surest to the
#: loosest; every entry is tried at each level before the next, so that a loose match
#: never takes a table that names another entry exactly.
_Match = Callable[[str, str | None, str, str], bool]


def _key(title: str) -> str:
    """A title without spacing, year or numbering, and its brackets marked alike."""
    text = re.sub(r"[（(]", "(", re.sub(r"[）)]", ")", normalise_title(title)))
    return re.sub(r"^\d{4}年度?", "", re.sub(r"[：:《》<>\-—]", "", text))


def _unqualified(key: str) -> str:
    return re.sub(r"\([^()]*\)", "", key)


def _contains(listed: str, printed: str) -> bool:
    """The printed title repeats the listed one (adding a year, publisher, qualifier)."""
    return bool(listed) and listed in printed


def _alike(listed: str, printed: str) -> bool:
    """Most of the shorter title's words, in order, in the other one, once the words both
    begin with (a publisher's name) and bracketed qualifiers are set aside:
    政府性基金(财政拨款)支出预算表, …培训费表（不含上年结转）; titles of the same words
    whose qualifiers say one thing in two ways (（按支出功能分类科目）, （按功能科目分）)."""
    listed, printed = _unqualified(listed), _unqualified(printed)
    if listed and listed == printed:
        return True
    common = next(
        (i for i, (a, b) in enumerate(zip(listed, printed, strict=False)) if a != b),
        min(len(listed), len(printed)),
    )
    listed, printed = listed[common:], printed[common:]
    blocks = SequenceMatcher(None, listed, printed, autojunk=False).get_matching_blocks()
    shorter = min(len(listed), len(printed))
    return shorter > 0 and sum(block.size for block in blocks) >= _ALIKE * shorter


_MATCHES: tuple[_Match, ...] = (
    lambda listed, kind, title, table: listed == title,
    lambda listed, kind, title, table: kind is not None and kind == table,
    lambda listed, kind, title, table: _contains(listed, title) or _contains(title, listed),
    lambda listed, kind, title, table: _alike(listed, title),
)


def contents_findings(
    report_id: str,
    listed: list[PrintedTitle],
    tables: list[TableRecord],
    titles: list[PrintedTitle],
) -> tuple[list[Finding], int]:
    """Findings for the listed tables not read, and how many listed tables were checked."""
    left = [(_key(table.title_printed), table.table) for table in tables]
    wanted = {index: (_key(entry.text), _kind(entry)) for index, entry in enumerate(listed)}
    for matches in _MATCHES:
        shared = _shared_kinds(wanted)
        for index, (key, kind) in list(wanted.items()):
            kind = None if kind in shared else kind
            hit = next((i for i, (t, k) in enumerate(left) if matches(key, kind, t, k)), None)
            if hit is not None:
                del left[hit], wanted[index]  # one printed table answers one entry
    findings = []
    for index, (key, _) in sorted(wanted.items()):
        entry = listed[index]
        printed = next(
            (t for t in titles if looks_like_title(t.text) and _contains(key, _key(t.text))),
            None,
        )
        if printed is None:
            message = f"目录列出“{entry.text}”，文件中未印此表"
            findings.append(
                listed_finding(report_id, entry, entry.page, "contents_listed", message)
            )
        else:
            message = (
                f"目录列出“{entry.text}”，第 {printed.page} 页印有其标题（{printed.text}），"
                "但该处未读出表格"
            )
            findings.append(listed_finding(report_id, entry, printed.page, EXTRACTION, message))
    return findings, len(listed)


def _shared_kinds(wanted: dict[int, tuple[str, str | None]]) -> set[str]:
    """The kinds two entries still unmatched name: a kind tells them apart from the tables
    of other kinds, not from each other (项目支出绩效目标表, 部门整体支出绩效目标表 and
    专项转移支付绩效目标表 are all 绩效目标表), so their titles' words must."""
    kinds = Counter(kind for _, kind in wanted.values() if kind is not None)
    return {kind for kind, count in kinds.items() if count > 1}


def _kind(entry: PrintedTitle) -> str | None:
    """The standard table kind a listed title names, if any."""
    template = match_title(entry.text)
    return template.key if template else None


def listed_finding(
    report_id: str, entry: PrintedTitle, page: int, rule: str, message: str
) -> Finding:
    """A finding about a listed table, under the kind its title names (if any)."""
    return Finding(
        report_id=report_id,
        table=_kind(entry) or OTHER_TABLE,
        page=page,
        rule=rule,
        kind=EXTRACTION_FAILURE if rule == EXTRACTION else SOURCE_INCONSISTENCY,
        message=message,
    )
