"""All the checks of one report: the tables' identities, the performance forms', the
目录 against the tables printed, and the narrative against the tables and itself."""

from __future__ import annotations

from fiscal.check.contents import contents_findings
from fiscal.check.form_identities import FormChecker
from fiscal.check.narrative import check_narrative
from fiscal.check.table_identities import Checker
from fiscal.records import CheckResult, Extraction


def check_extraction(extraction: Extraction) -> CheckResult:
    """Every identity the report's tables and forms should satisfy, checked once."""
    titles = {(t.table, t.instance): t.title_printed for t in extraction.tables}
    tables = Checker(extraction.report_id, extraction.amounts, titles)
    forms = FormChecker(extraction.report_id, extraction.forms)
    listed, contents_checked = contents_findings(
        extraction.report_id, extraction.listed, extraction.tables, extraction.titles
    )
    narrative = check_narrative(extraction)
    findings = tables.run() + forms.run() + listed + narrative.findings
    checked = tables.checked + forms.checked + contents_checked + narrative.checked
    return CheckResult(findings=findings, checked=checked, claims=narrative.claims)
