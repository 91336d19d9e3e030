"""Budget against actual: figures of one publisher, year and code line up across documents."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from fiscal.package.tidy import budget_vs_actual


def spending_row(
    report: str, phase: str, code: str, total: str, basic: str = "", project: str = ""
) -> dict[str, str]:
    return {
        "report_id": report,
        "phase": phase,
        "fiscal_year": "2024",
        "publisher_id": "sthjj",
        "table": "expenditure",
        "fund": "all",
        "function_code": code,
        "function_name": "环境保护管理事务",
        "level": "2",
        "total": total,
        "basic_expenditure": basic,
        "project_expenditure": project,
        "page": "9",
    }


def test_budget_and_final_of_the_same_year_are_joined_by_code() -> None:
    frames = {
        "function_spending": pd.DataFrame(
            [
                spending_row("sthjj-2024-budget", "budget", "21101", "100.00", "80.00", "20.00"),
                spending_row("sthjj-2024-final", "final", "21101", "95.50", "80.00", "15.50"),
                spending_row(
                    "sthjj-2024-final", "final", "21103", "12.00", "", "12.00"
                ),  # unbudgeted
            ]
        )
    }
    catalogue = pd.DataFrame(
        {
            "report_id": ["sthjj-2024-budget", "sthjj-2024-final"],
            "scope": ["department", "department"],
        }
    )
    (row,) = budget_vs_actual(frames, catalogue).to_dict(orient="records")
    assert row["function_code"] == "21101"
    assert (row["budget_report_id"], row["final_report_id"]) == (
        "sthjj-2024-budget",
        "sthjj-2024-final",
    )
    assert (row["budget_total"], row["final_total"]) == ("100.00", "95.50")
    assert row["difference"] == Decimal("-4.50")
    assert row["execution_rate"] == Decimal("95.50")


def test_scopes_and_years_are_not_mixed() -> None:
    frames = {
        "function_spending": pd.DataFrame(
            [
                spending_row("b-unit", "budget", "21101", "100.00"),
                spending_row("f-dept", "final", "21101", "95.50"),
                {**spending_row("b-2025", "budget", "21101", "90.00"), "fiscal_year": "2025"},
            ]
        )
    }
    catalogue = pd.DataFrame(
        {"report_id": ["b-unit", "f-dept", "b-2025"], "scope": ["unit", "department", "department"]}
    )
    assert budget_vs_actual(frames, catalogue).empty
