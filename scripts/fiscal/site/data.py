"""The data package as the site reads it: the resources of one descriptor, as text frames.

The site is built from any package ``fiscal`` writes — the repository's, or the
one-report package of ``fiscal extract`` — so paths resolve against the descriptor's
own directory and the field list comes from that descriptor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from fiscal.schema import CATALOGUE, read_csv
from fiscal.site.figures import Figure, report_totals
from fiscal.site.tables import PrintedTable, every_printed_table
from fiscal.vocabulary import PHASES, REFUSALS, REPORT_STATUSES, SCOPES, Word


def _chinese_names(values: pd.Series, words: dict[str, Word]) -> pd.Series:
    """The vocabulary's Chinese names for stored ids, so the site never shows a bare id.

    A fact the catalogue leaves blank (the phase of a refused document that was never
    registered) stays blank.
    """
    return values.map({key: word.cn for key, word in words.items()}).fillna(values)


@dataclass(frozen=True)
class SitePackage:
    """Every resource of a descriptor as string frames (blank = missing), plus its metadata."""

    descriptor_path: Path
    descriptor: dict
    frames: dict[str, pd.DataFrame]
    #: resource name → {report id: its rows}: grouped once, not filtered once per page.
    _by_report: dict[str, dict[str, pd.DataFrame]] = field(
        default_factory=dict, compare=False, repr=False
    )
    #: report id → its printed tables (see :meth:`printed_tables`).
    _printed: dict[str, dict[tuple[str, int], list[PrintedTable]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def base(self) -> Path:
        return self.descriptor_path.parent

    def frame(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def resource(self, name: str) -> dict:
        """A resource's entry in the descriptor (its path, title and schema)."""
        return next(item for item in self.descriptor["resources"] if item["name"] == name)

    @cached_property
    def reports(self) -> pd.DataFrame:
        """One row per catalogued report: catalogue facts joined with its extraction outcome.

        The catalogue has a row per source file; a report's facts are its first file's
        (they agree on every file) and its page count is its files' together.
        """
        files = self.frame(CATALOGUE)
        catalogue = files.drop_duplicates("report_id").drop(columns=["page_count"])
        pages = files.assign(pages=pd.to_numeric(files["page_count"], errors="coerce"))
        total = pages.groupby("report_id", sort=False)["pages"].sum(min_count=1)
        catalogue = catalogue.assign(
            page_count=catalogue["report_id"]
            .map(total)
            .map(lambda n: "" if pd.isna(n) else str(int(n)))
        )
        outcome = self.frame("reports")
        shared = [c for c in outcome.columns if c in catalogue.columns and c != "report_id"]
        reports = catalogue.merge(outcome.drop(columns=shared), on="report_id", how="left")
        reports["status"] = reports["status"].fillna("failed")
        reports["phase_cn"] = _chinese_names(reports["family"], PHASES)
        reports["scope_cn"] = _chinese_names(reports["scope"], SCOPES)
        return reports.fillna("")

    @cached_property
    def totals(self) -> dict[str, dict[str, Figure]]:
        """Each report's total, basic and project spending (:func:`figures.report_totals`),
        made once for every page that shows them."""
        return report_totals(self.frame("amounts"), self.frame("function_spending"))

    @cached_property
    def finding_numbers(self) -> dict[tuple[str, str], int]:
        """One number per finding across the site, in the package's order (report by
        report, as the catalogue lists them): the same finding has the same number on every
        page. Made once, not once per page that lists findings."""
        findings = self.frame("findings")
        keys = zip(findings["report_id"], findings["finding"], strict=True)
        return {key: number for number, key in enumerate(keys, start=1)}

    @property
    def current_reports(self) -> pd.DataFrame:
        """Extracted reports that no corrected version replaces: the ones to compare."""
        reports = self.reports
        return reports[(reports["status"] == "ok") & (reports["superseded_by"] == "")]

    @cached_property
    def _reports_by_id(self) -> pd.DataFrame:
        return self.reports.set_index("report_id")

    def report(self, report_id: str) -> pd.Series:
        return self._reports_by_id.loc[report_id]

    def of_report(self, name: str, report_id: str) -> pd.DataFrame:
        """A resource's rows of one report, in the resource's order."""
        if name not in self._by_report:
            frame = self.frame(name)
            self._by_report[name] = dict(iter(frame.groupby("report_id", sort=False)))
        found = self._by_report[name].get(report_id)
        return found if found is not None else self.frame(name).iloc[0:0]

    def prepare_for_workers(self) -> None:
        """Make now, once, what every report's outputs read: the reports' facts and each
        resource's rows grouped by report. Worker processes forked after this share them
        rather than each grouping a thousand reports' rows again."""
        for name, frame in self.frames.items():
            if "report_id" in frame:
                self.of_report(name, "")
        for cached in ("_reports_by_id", "totals", "finding_numbers"):
            getattr(self, cached)

    def printed_tables(self, report_id: str) -> dict[tuple[str, int], list[PrintedTable]]:
        """Each printed table of a report as the site shows it, by (table kind, printing):
        made once, for its page and its workbook alike."""
        if report_id not in self._printed:
            self._printed[report_id] = every_printed_table(self.of_report("amounts", report_id))
        return self._printed[report_id]

    def source_files(self, report_id: str) -> pd.DataFrame:
        """The report's catalogue rows, one per source file, in reading order."""
        return self.of_report(CATALOGUE, report_id)


def row_records(frame: pd.DataFrame) -> list[dict]:
    """A frame's rows as records, read column by column: four times as fast as
    ``to_dict(orient="records")``, which boxes every value, on the many small frames a
    report's page, workbook and JSON read."""
    columns = list(frame.columns)
    values = zip(*(frame[column].tolist() for column in columns), strict=True)
    return [dict(zip(columns, row, strict=True)) for row in values]


def region_label(report: pd.Series | dict) -> str:
    """Where a report's publisher sits, as the catalogue names it: 广东省 深圳市 盐田区."""
    return " ".join(
        part for part in (report["province"], report["city"], report["district"]) if part
    )


def report_status(report: pd.Series | dict) -> str:
    """A report's outcome in Chinese; a refused one says why (扫描件，需要 OCR)."""
    if report["status"] == "failed" and report.get("error_reason") in REFUSALS:
        return f"未提取：{REFUSALS[report['error_reason']].cn}"
    return REPORT_STATUSES[report["status"]].cn


def report_label(report: pd.Series | dict) -> str:
    """How the site names a report: publisher, year, phase and scope."""
    phase = f"{report['phase_cn']}（{report['scope_cn']}）"
    return f"{report['publisher']} {report['fiscal_year']} 年{phase}"


def load_package(descriptor_path: Path) -> SitePackage:
    """Read every resource the descriptor lists; a resource with no file is an empty frame."""
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    frames = {}
    for item in descriptor["resources"]:
        path = descriptor_path.parent / item["path"]
        fields = [field["name"] for field in item["schema"]["fields"]]
        frames[item["name"]] = read_csv(path) if path.exists() else pd.DataFrame(columns=fields)
    return SitePackage(descriptor_path.resolve(), descriptor, frames)
