"""Budget against actual: figures of one publisher, year and code line up across documents."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from fiscal.package.tidy import budget_vs_actual
from fiscal.schema import CATALOGUE, ROOT, field_names, read_csv, resource


def spending_row(
    report: str,
    phase: str,
    code: str,
    total: str,
    basic: str = "",
    project: str = "",
    unit: str = "",
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
        "budget_unit": unit,
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
                # a budget listed unit by unit: a unit's row is no department figure
                spending_row("sthjj-2024-budget", "budget", "21101", "30.00", unit="监测站"),
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


def test_a_part_of_a_code_split_over_economic_codes_is_compared_with_none() -> None:
    """A budget whose 支出总表 classifies each row by function and economy too (2010801 |
    50101 | 30101 …) prints parts of its codes, none of them the code's figure: only the
    code printed whole is joined to the final's."""
    part = {"government_economic_code": "50101", "economic_code": "30101"}
    frames = {
        "function_spending": pd.DataFrame(
            [
                {**spending_row("sthjj-2024-budget", "budget", "2110101", "60.00"), **part},
                spending_row("sthjj-2024-budget", "budget", "21101", "100.00"),
                spending_row("sthjj-2024-final", "final", "2110101", "58.00"),
                spending_row("sthjj-2024-final", "final", "21101", "95.50"),
            ]
        )
    }
    catalogue = pd.DataFrame(
        {
            "report_id": ["sthjj-2024-budget", "sthjj-2024-final"],
            "scope": ["department", "department"],
        }
    )
    joined = budget_vs_actual(frames, catalogue)
    assert joined[["function_code", "budget_total", "final_total"]].values.tolist() == [
        ["21101", "100.00", "95.50"]
    ]


FINAL = "shpt-czj-2024-final-dept"  # a corpus final account (上海市普陀区财政局 2024)
BUDGET = f"{FINAL}-as-budget"  # a copy of it relabelled as that publisher's budget
UNBUDGETED = "221"  # a class the relabelled budget leaves out


def corpus_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus's function_spending and catalogue as the package stage reads them."""
    spending = read_csv(ROOT / resource("function_spending")["path"])
    catalogue = read_csv(ROOT / resource(CATALOGUE)["path"])
    assert FINAL in set(spending.report_id) and FINAL in set(catalogue.report_id)
    return spending, catalogue


def doubled(value: str) -> str:
    return "" if value == "" else str(Decimal(value) * 2)


def relabelled_budget(
    spending: pd.DataFrame, catalogue: pd.DataFrame, **row: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus plus a budget made of the final's figures doubled, without one class.

    ``row`` changes the budget's catalogue row (its scope, say) to test what must not join.
    """
    final = spending[spending.report_id == FINAL]
    budget = final[~final.function_code.str.startswith(UNBUDGETED)].copy()
    budget["report_id"] = BUDGET
    budget["phase"] = "budget"
    for column in ("total", "basic_expenditure", "project_expenditure"):
        budget[column] = budget[column].map(doubled)
    source = catalogue[catalogue.report_id == FINAL].copy()
    source = source.assign(report_id=BUDGET, family="budget", **row)
    return pd.concat([spending, budget]), pd.concat([catalogue, source])


def test_a_corpus_final_joins_its_budget_by_fund_and_code() -> None:
    spending, catalogue = corpus_frames()
    spending, catalogue = relabelled_budget(spending, catalogue)

    joined = budget_vs_actual({"function_spending": spending}, catalogue)

    final = spending[spending.report_id == FINAL]
    budgeted = final[~final.function_code.str.startswith(UNBUDGETED)]
    assert len(final) > len(budgeted) > 0
    assert list(joined.columns) == field_names("budget_vs_actual")
    assert len(joined) == len(budgeted)
    assert set(joined.budget_report_id) == {BUDGET}
    assert set(joined.final_report_id) == {FINAL}  # no other corpus report is joined
    assert set(zip(joined.fund, joined.function_code, strict=True)) == set(
        zip(budgeted.fund, budgeted.function_code, strict=True)
    )
    by_key = budgeted.set_index(["fund", "function_code"])
    for row in joined.itertuples():
        printed = by_key.loc[(row.fund, row.function_code)]
        assert (row.publisher_id, row.fiscal_year, row.scope) == (
            printed.publisher_id,
            printed.fiscal_year,
            "department",
        )
        assert (row.function_name, row.level) == (printed.function_name, printed.level)
        for column in ("total", "basic_expenditure", "project_expenditure"):
            assert getattr(row, f"final_{column}") == printed[column]
            assert getattr(row, f"budget_{column}") == doubled(printed[column])
        total = Decimal(printed.total)
        assert row.difference == -total  # spent half the budget: final − budget = −final
        assert row.execution_rate == (Decimal("50.00") if total else None)


@pytest.mark.parametrize(
    "change",
    [{"scope": "unit"}, {"fiscal_year": "2025"}, {"superseded_by": "shpt-czj-2024-budget-v2"}],
    ids=["other-scope", "other-year", "superseded"],
)
def test_a_corpus_final_does_not_join_another_scope_year_or_a_superseded_budget(
    change: dict[str, str],
) -> None:
    spending, catalogue = corpus_frames()
    spending, catalogue = relabelled_budget(spending, catalogue, **change)
    if "fiscal_year" in change:  # the package takes the year from the catalogue
        spending.loc[spending.report_id == BUDGET, "fiscal_year"] = change["fiscal_year"]
    assert budget_vs_actual({"function_spending": spending}, catalogue).empty
