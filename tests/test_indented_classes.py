"""深圳's 基本支出总表 read by the indentation of its names.

The table prints no code: the department's line stands at its cell's ruling, each unit's
(where the department has several) four spaces in, each economic 类 four spaces further
and each 类's 款 four more, their figures under 总计 | 财政拨款 (小计 | 一般公共预算拨款 | 政府性
基金预算拨款 | 国有资本经营预算拨款) | 财政专户管理资金 | 单位资金 (事业收入 | 事业单位经营收入 |
上级补助收入 | 附属单位上缴收入 | 其他收入) | 上年结余、结转. The figures below were read by
eye from the corpus pages named beside them.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from conftest import CORPUS, extract_corpus
from fiscal.check.table_identities import check_report
from fiscal.read.interpret import Row, _economic_classes_by_name
from fiscal.read.locate import locate_tables
from fiscal.read.open import open_pdf
from fiscal.records import AmountRecord
from fiscal.schema import read_csv

PETITION, WATER, ECOLOGY = (
    "sz-petition-2026-budget-dept",
    "sz-water-2026-budget-dept",
    "sz-ecology-2026-budget-dept",
)
BASIC = "department_basic_expenditure"
FUNDS = (
    "total",
    "fiscal_appropriation",
    "general_budget",
    "government_fund",
    "state_capital",
    "fiscal_special_account",
    "institution_income",
    "operating_income",
    "upper_subsidy",
    "subsidiary_remittance",
    "other_income",
    "carryover_begin",
)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each report's one-report package, extracted once."""
    return extract_corpus(tmp_path_factory, {n: f"{n}.pdf" for n in (PETITION, WATER, ECOLOGY)})


def _rows(directory: Path) -> pd.DataFrame:
    """The table's amounts, one line per printed row with its 总计."""
    amounts = read_csv(directory / "amounts.csv")
    basic = amounts[amounts["table"] == BASIC]
    return basic[basic["column"] == "total"].set_index("row_label", drop=False)


def test_a_cell_knows_where_its_name_starts() -> None:
    """sz-petition p. 21: 深圳市信访局 at the ruling, 工资福利支出 four spaces (20 points) in,
    基本工资 eight; 机关事业单位基本养老保险缴费, wrapped onto a line of its own at the ruling
    (缴 / 费), keeps its first line's place."""
    with open_pdf(CORPUS / f"{PETITION}.pdf") as pdf:
        layout = locate_tables(pdf)
    [table] = [t for t in layout.tables if t.template.key == BASIC]
    grid = table.fragments[0]
    indents = {row[0].text: row[0].indent for row in grid.rows if row[0].origin}
    department = indents["深圳市信访局"]
    assert indents["工资福利支出"] - department == pytest.approx(20, abs=1)
    assert indents["商品和服务支出"] - department == pytest.approx(20, abs=1)
    assert indents["基本工资"] - department == pytest.approx(40, abs=1)
    assert indents["机关事业单位基本养老保险缴费"] - department == pytest.approx(40, abs=1)


@pytest.mark.parametrize("name", [PETITION, WATER, ECOLOGY])
def test_the_table_is_read_by_its_kind_and_holds_as_printed(
    name: str, packages: dict[str, Path]
) -> None:
    """No 基本支出总表 is read generically any more; every row prints its twelve figures,
    each under its fund's key, and no identity of the table is broken (a 款 given to the
    wrong 类, a unit's rows to the wrong unit, or a fund misread would break one)."""
    directory = packages[name]
    tables = read_csv(directory / "report_tables.csv")
    assert tables.loc[tables["table"] == BASIC, "title_printed"].tolist() == ["基本支出总表"]
    assert (
        "基本支出总表" not in tables.loc[tables["table"] == "other_table", "title_printed"].tolist()
    )
    amounts = read_csv(directory / "amounts.csv")
    basic = amounts[amounts["table"] == BASIC]
    columns = basic.groupby("row")["column"].apply(frozenset)
    assert set(columns) == {frozenset(FUNDS)}
    findings = read_csv(directory / "findings.csv")
    assert findings[findings["table"] == BASIC].empty


def test_a_department_of_one_unit_prints_its_classes_under_its_own_line(
    packages: dict[str, Path],
) -> None:
    """sz-petition pp. 21–22: 深圳市信访局 3,072.01 over 工资福利支出 2,522.02, 商品和服务支出
    357.43 and 对个人和家庭的补助 192.55; 基本工资 356.33 is a 款 (no code), 生活补助 8.40 on
    p. 22 another."""
    rows = _rows(packages[PETITION])
    unit = "深圳市信访局"
    line = rows.loc[unit]
    assert (line["code"], line["budget_unit"], line["amount"], line["page"]) == (
        "",
        unit,
        "3072.01",
        "21",
    )
    for label, code, amount in (
        ("工资福利支出", "301", "2522.02"),
        ("商品和服务支出", "302", "357.43"),
        ("对个人和家庭的补助", "303", "192.55"),
    ):
        assert (rows.loc[label, "code"], rows.loc[label, "amount"]) == (code, amount)
    for label, amount, page in (
        ("基本工资", "356.33", "21"),
        ("机关事业单位基本养老保险缴费", "175", "21"),
        ("生活补助", "8.4", "22"),
    ):
        item = rows.loc[label]
        assert (item["code"], item["budget_unit"], item["amount"], item["page"]) == (
            "",
            unit,
            amount,
            page,
        )
    basic = read_csv(packages[PETITION] / "basic_spending_economic.csv")
    basic = basic[basic["table"] == BASIC]
    assert sorted(zip(basic["economic_code"], basic["amount"], strict=True)) == [
        ("301", "2522.02"),
        ("302", "357.43"),
        ("303", "192.55"),
    ]


def test_a_department_of_units_prints_each_unit_over_its_classes(
    packages: dict[str, Path],
) -> None:
    """sz-water p. 95: 深圳市水务局 46,138.79, the department's own line, of no unit; 深圳市
    水务局（本级） 7,823.97 four spaces in; p. 96 its 资本性支出 40.00 over its one 款
    公务用车购置 40.00, then 深圳市水务工程质量安全监督站 1,537.19, whose 工资福利支出 is
    1,204.90 on p. 97. The units' lines add up to the department's."""
    amounts = read_csv(packages[WATER] / "amounts.csv")
    basic = amounts[(amounts["table"] == BASIC) & (amounts["column"] == "total")]
    department = basic[basic["row_label"] == "深圳市水务局"].iloc[0]
    assert (department["code"], department["budget_unit"], department["amount"]) == (
        "",
        "",
        "46138.79",
    )
    lines = basic[(basic["code"] == "") & (basic["row_label"] == basic["budget_unit"])]
    assert len(lines) == 13
    assert sum(map(Decimal, lines["amount"])) == Decimal("46138.79")
    own = "深圳市水务局(本级)"
    assert lines.set_index("row_label").loc[own, "amount"] == "7823.97"
    capital = basic[(basic["budget_unit"] == own) & (basic["code"] == "310")].iloc[0]
    below = basic[basic["row"].astype(int) == int(capital["row"]) + 1].iloc[0]
    assert (capital["amount"], capital["page"]) == ("40", "96")
    assert (below["row_label"], below["code"], below["budget_unit"], below["amount"]) == (
        "公务用车购置",
        "",
        own,
        "40",
    )
    station = "深圳市水务工程质量安全监督站"
    wages = basic[(basic["budget_unit"] == station) & (basic["code"] == "301")].iloc[0]
    assert (wages["amount"], wages["page"]) == ("1204.9", "97")


def test_a_unit_printing_its_line_alone_is_a_unit(packages: dict[str, Path]) -> None:
    """sz-ecology p. 133: 一带一路环境技术交流与转移中心（深圳） prints 0.00 in every column
    and nothing under it, at the units' indentation; the next line, 深圳市生态环境局福田管理局,
    opens its own rows. Eighteen units in all under 深圳市生态环境局."""
    basic = _rows(packages[ECOLOGY])
    lines = basic[(basic["code"] == "") & (basic["row_label"] == basic["budget_unit"])]
    assert len(lines) == 18
    lone = "一带一路环境技术交流与转移中心(深圳)"
    assert (lines.loc[lone, "amount"], lines.loc[lone, "page"]) == ("0", "133")
    assert (basic["budget_unit"] == lone).sum() == 1
    futian = "深圳市生态环境局福田管理局"
    assert basic[basic["budget_unit"] == futian]["code"].tolist()[:2] == ["", "301"]
    assert basic[basic["budget_unit"] == ""]["row_label"].tolist() == ["深圳市生态环境局"]


def _records(directory: Path) -> list[AmountRecord]:
    amounts = read_csv(directory / "amounts.csv")
    basic = amounts[amounts["table"] == BASIC]
    return [
        AmountRecord(
            report_id=row["report_id"],
            table=row["table"],
            row=int(row["row"]),
            column=row["column"],
            page=int(row["page"]),
            side=row["side"],
            code=row["code"],
            row_label=row["row_label"],
            column_label=row["column_label"],
            amount=Decimal(row["amount"]),
            published=row["published"],
            unit=row["unit"],
            budget_unit=row["budget_unit"],
        )
        for row in basic.to_dict("records")
    ]


def _altered(records: list[AmountRecord], label: str, unit: str) -> list[AmountRecord]:
    """The records with one row's 总计 printed a yuan higher (0.01 万元 is in rounding)."""
    return [
        replace(r, amount=r.amount + 1, published=str(r.amount + 1))
        if (r.row_label, r.budget_unit, r.column) == (label, unit, "total") and r.amount
        else r
        for r in records
    ]


def test_a_class_is_held_to_its_items_and_a_department_to_its_units(
    packages: dict[str, Path],
) -> None:
    """A 款's 总计 printed otherwise breaks its row and its 类 (基本工资 under 深圳市水务局
    （本级）'s 工资福利支出); a unit's line printed otherwise breaks its row, its classes and
    the department's line over the units."""
    records = _records(packages[WATER])
    assert check_report(WATER, records) == []
    own = "深圳市水务局(本级)"
    item = check_report(WATER, _altered(records, "基本工资", own))
    assert sorted(f.rule for f in item) == ["hierarchy_sum", "row_sum"]
    [class_finding] = [f for f in item if f.rule == "hierarchy_sum"]
    assert f"{own} 301" in class_finding.message
    unit = check_report(WATER, _altered(records, own, own))
    assert sorted(f.rule for f in unit) == ["row_sum", "total_of_classes", "unit_lines_sum"]
    [department] = [f for f in unit if f.rule == "unit_lines_sum"]
    assert department.message.startswith("深圳市水务局 ")
    assert department.found == Decimal("46138.79")


def _lines(*printed: tuple[float, str]) -> list[Row]:
    return [Row(1, label, "", indent=indent) for indent, label in printed]


def test_levels_are_read_only_where_every_line_fits_them() -> None:
    """A 款 bearing its 类's name (其他支出 under 其他支出) is that 类's 款; a line set at a
    class's place naming no class (其它支出, misspelt) leaves the indentation unread, and the
    table is read as one printing no levels."""
    rows = _lines(
        (2.5, "某局"),
        (22.5, "工资福利支出"),
        (42.5, "基本工资"),
        (22.5, "其他支出"),
        (42.5, "其他支出"),
    )
    _economic_classes_by_name(rows)
    assert [(row.code, row.budget_unit) for row in rows] == [
        ("", "某局"),
        ("301", ""),
        ("", ""),
        ("399", ""),
        ("", ""),
    ]
    misprinted = _lines(
        (2.5, "某局"), (22.5, "工资福利支出"), (42.5, "基本工资"), (22.5, "其它支出")
    )
    _economic_classes_by_name(misprinted)
    assert [(row.code, row.budget_unit) for row in misprinted] == [
        ("", ""),
        ("301", ""),
        ("", ""),
        ("", ""),
    ]
