"""Frictionless validation of a data package, summarised in one line per problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from frictionless import Package


@dataclass(frozen=True)
class ValidationReport:
    valid: bool
    summary: str


def validate_package(descriptor: Path) -> ValidationReport:
    package = Package(str(descriptor))
    report = package.validate()
    lines = []
    for task in report.tasks:
        for error in task.errors[:20]:
            lines.append(f"{task.name}: {error.message}")
    rows = sum(task.stats.get("rows") or 0 for task in report.tasks)
    verdict = "valid" if report.valid else "INVALID"
    head = f"{descriptor}: {verdict}, {len(report.tasks)} resources, {rows} rows"
    return ValidationReport(report.valid, "\n".join([head, *lines]))
