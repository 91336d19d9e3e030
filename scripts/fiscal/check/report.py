"""All the checks of one report: the tables' identities, then the performance forms'."""

from __future__ import annotations

from fiscal.check.form_identities import FormChecker
from fiscal.check.table_identities import Checker
from fiscal.records import CheckResult, Extraction


def check_extraction(extraction: Extraction) -> CheckResult:
    """Every identity the report's tables and forms should satisfy, checked once."""
    tables = Checker(extraction.report_id, extraction.amounts)
    forms = FormChecker(extraction.report_id, extraction.forms)
    findings = tables.run() + forms.run()
    return CheckResult(findings=findings, checked=tables.checked + forms.checked)
