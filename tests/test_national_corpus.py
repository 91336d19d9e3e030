"""Every document of the national corpus through ``fiscal extract``: never a traceback.

The corpus (``../shared/corpus``, described by its ``CATALOGUE.tsv``) holds documents of
ten publishers' templates. Each is extracted once, two at a time, by the command a
contributor runs; a text PDF must become a report (its unreadable tables as findings,
never a crash), and a scan must be refused with one clear line.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from conftest import CORPUS, figures, one_row
from fiscal.read.templates import normalise_title
from fiscal.schema import ROOT, read_csv, resource
from fiscal.vocabulary import NARRATIVE_RULES

FISCAL = [sys.executable, "-m", "fiscal.cli"]
#: Every table each corpus document prints, read by hand from the documents (their 目录,
#: page footers and page images), independent of the reader.
PRINTED_TABLES = Path(__file__).parent / "data" / "printed_tables.tsv"


def catalogue() -> dict[str, str]:
    """Each corpus file and what its catalogue line says it is."""
    with (CORPUS / "CATALOGUE.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row["what"] for row in csv.DictReader(handle, delimiter="\t")}


FILES = sorted(path.name for path in CORPUS.glob("*.pdf"))


def scanned(name: str) -> bool:
    """What the corpus catalogue says: a scan with no text layer (扫描PDF)."""
    return "扫描" in catalogue().get(name, "")


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    out: Path


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("national")

    def extract(name: str) -> tuple[str, Outcome]:
        out = root / Path(name).stem
        done = subprocess.run(
            [*FISCAL, "extract", str(CORPUS / name), "--out", str(out)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        return name, Outcome(done.returncode, done.stdout, done.stderr, out)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(extract, FILES))


def test_the_corpus_is_all_here() -> None:
    assert len(FILES) >= 86
    assert set(catalogue()) <= set(FILES)
    assert sum(map(scanned, FILES)) == 3


@pytest.mark.parametrize("name", FILES)
def test_no_document_ends_in_a_traceback(name: str, outcomes: dict[str, Outcome]) -> None:
    outcome = outcomes[name]
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    if scanned(name):  # no text layer: refused with one line until OCR exists
        assert outcome.returncode == 2
        assert outcome.stderr.splitlines() == [
            f"error: {CORPUS / name}: no text layer (scanned image?); "
            "it needs OCR before it can be read"
        ]
        return
    assert outcome.returncode == 0, outcome.stderr
    [report] = read_csv(outcome.out / "reports.csv").to_dict(orient="records")
    assert report["status"] == "ok"


@pytest.mark.parametrize("name", [name for name in FILES if not scanned(name)])
def test_every_table_of_a_document_is_read_or_named(
    name: str, outcomes: dict[str, Outcome]
) -> None:
    """No table fails as a whole: a table that could not be read would be a finding that
    names it, its page and the reason, and there is none on the corpus."""
    findings = read_csv(outcomes[name].out / "findings.csv")
    failed = findings[findings["message"].str.contains("could not be read")]
    assert failed.empty, failed.to_dict(orient="records")[:3]


#: A classification code as printed: 3, 5 or 7 digits, no separator, no decimals.
CODE_TEXT = re.compile(r"\d{3}(?:\d{2}){0,2}")


@pytest.mark.parametrize("name", [name for name in FILES if not scanned(name)])
def test_no_column_of_codes_is_read_as_amounts(name: str, outcomes: dict[str, Outcome]) -> None:
    """A table's code column (204 › 20404 › 2040401) holds codes, not figures, even where
    its header stands apart from it (a frame of cells drawn each in its own box)."""
    amounts = read_csv(outcomes[name].out / "amounts.csv")
    columns = amounts.groupby(["table", "instance", "column"])["published"]
    coded = [
        key
        for key, printed in columns
        if len(printed) >= 3
        and printed.map(lambda text: bool(CODE_TEXT.fullmatch(text))).all()
        and printed.str.len().nunique() > 1
    ]
    assert coded == []


def printed_tables() -> dict[str, list[dict[str, str]]]:
    """The titled tables each document prints, by file, from the hand-read list."""
    with PRINTED_TABLES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    tables: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if row["title"] and row["first_page"]:
            tables.setdefault(row["file"], []).append(row)
    return tables


def _title(text: str) -> str:
    return re.sub(r"[\s“”\"'‘’「」（）()：:]", "", text)


def _matches(
    printed: list[dict[str, str]], found: list[dict[str, str]]
) -> list[tuple[dict[str, str], dict[str, str] | None]]:
    """Each printed table with the found table that starts on its page under its title."""
    left = list(found)
    pairs: list[tuple[dict[str, str], dict[str, str] | None]] = []
    for row in printed:
        title = _title(row["title"])
        hit = next(
            (
                f
                for f in left
                if str(f["first_page"]) == row["first_page"]
                and (title in _title(f["title_printed"]) or _title(f["title_printed"]) in title)
            ),
            None,
        )
        if hit is not None:
            left.remove(hit)
        pairs.append((row, hit))
    return pairs


def missing_tables(printed: list[dict[str, str]], found: list[dict[str, str]]) -> list[str]:
    """Printed tables with no found table that starts on their page under their title."""
    return [
        f"p{row['first_page']} {row['title']}" for row, hit in _matches(printed, found) if not hit
    ]


def short_tables(printed: list[dict[str, str]], found: list[dict[str, str]]) -> list[str]:
    """Printed tables found on their first page but not read to their last."""
    return [
        f"p{row['first_page']}-{row['last_page']} {row['title']} read to p{hit['last_page']}"
        for row, hit in _matches(printed, found)
        if hit is not None and row["last_page"] and int(hit["last_page"]) < int(row["last_page"])
    ]


def test_the_hand_read_list_covers_the_corpus() -> None:
    listed = {row for row in printed_tables()}
    text_pdfs = {name for name in FILES if not scanned(name)}
    assert len(listed) >= 70
    assert listed <= text_pdfs
    assert sum(len(tables) for tables in printed_tables().values()) >= 800


@pytest.mark.parametrize("name", sorted(printed_tables()))
def test_every_printed_table_is_found(name: str, outcomes: dict[str, Outcome]) -> None:
    found = read_csv(outcomes[name].out / "report_tables.csv").to_dict(orient="records")
    assert missing_tables(printed_tables()[name], found) == []


@pytest.mark.parametrize("name", sorted(printed_tables()))
def test_every_found_table_is_read_to_its_last_page(
    name: str, outcomes: dict[str, Outcome]
) -> None:
    """A table over several pages is read on all of them: continuation pages repeat no
    title and often no header, and their frame may differ from the first page's."""
    found = read_csv(outcomes[name].out / "report_tables.csv").to_dict(orient="records")
    assert short_tables(printed_tables()[name], found) == []


def listed_not_printed() -> dict[str, list[str]]:
    """The tables each document's 目录 lists and the document does not print, by hand."""
    with PRINTED_TABLES.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    listed: dict[str, list[str]] = {}
    for row in rows:
        if row["title"] and not row["first_page"] and row["in_contents"] == "yes":
            listed.setdefault(row["file"], []).append(_title(row["title"]))
    return listed


_LISTED = re.compile(r"^目录列出“(.+)”，文件中未印此表$")


@pytest.mark.parametrize("name", [name for name in FILES if not scanned(name)])
def test_a_table_the_contents_list_and_the_document_does_not_print_is_a_finding(
    name: str, outcomes: dict[str, Outcome]
) -> None:
    """Exactly the listed tables no page prints (the narrative volumes' tables, printed
    in another file) are ``contents_listed`` findings; a table printed but not read
    would be a reading problem, never this finding."""
    findings = read_csv(outcomes[name].out / "findings.csv")
    said = findings[findings["rule"] == "contents_listed"]
    assert set(said["kind"]) <= {"source_inconsistency"}
    titles = [_title(normalise_title(_LISTED.match(m).group(1))) for m in said["message"]]
    assert sorted(titles) == sorted(listed_not_printed().get(name, []))


def _figures(outcome: Outcome, table: str, row_label: str) -> dict[str, tuple[str, int]]:
    """The figures of a table's first row of that label: column key → (printed, page)."""
    amounts = read_csv(outcome.out / "amounts.csv")
    rows = amounts[(amounts["table"] == table) & (amounts["row_label"] == row_label)]
    first = rows[rows["row"] == rows["row"].min()]
    return {a["column"]: (a["published"], int(a["page"])) for a in first.to_dict("records")}


def _findings(outcome: Outcome, table: str) -> list[str]:
    findings = read_csv(outcome.out / "findings.csv")
    return list(findings[findings["table"] == table]["message"])


def _form(outcome: Outcome, title: str, page: str) -> tuple[dict, pd.DataFrame, pd.DataFrame]:
    """The form of that title starting on that page, with its fund lines and indicators."""
    forms = read_csv(outcome.out / "performance_forms.csv")
    [form] = forms[
        forms["title_printed"].str.contains(title) & (forms["first_page"] == page)
    ].to_dict("records")
    funds = read_csv(outcome.out / "performance_funds.csv")
    indicators = read_csv(outcome.out / "performance_indicators.csv")
    return (
        form,
        funds[funds["form"] == form["form"]],
        indicators[indicators["form"] == form["form"]],
    )


def _lines(frame: pd.DataFrame, *columns: str) -> list[tuple[str, ...]]:
    return list(frame[list(columns)].itertuples(index=False, name=None))


def _targets(indicators: pd.DataFrame) -> dict[str, tuple[str, str, str, str]]:
    """Each indicator's comparator, number, unit and points, by its name."""
    columns = ["level3", "target_comparator", "target_value", "target_unit", "points"]
    return {name: tuple(rest) for name, *rest in indicators[columns].itertuples(index=False)}


def test_a_three_public_table_with_meetings_and_training_has_a_grand_total(
    outcomes: dict[str, Outcome],
) -> None:
    """Jiangsu's 公开09表 prints 合计 | “三公”经费 (小计 …) | 会议费 | 培训费: the 合计 adds all
    three, the 三公 小计 is the 三公 total, and both identities hold (read from page 20)."""
    outcome = outcomes["js-jcy-2019-budget-dept.pdf"]
    amounts = read_csv(outcome.out / "amounts.csv")
    row = amounts[amounts["table"] == "three_public"]
    figures = dict(zip(row["column"], row["published"], strict=True))
    assert figures == {
        "grand_total_budget": "1276.7",
        "total_budget": "418.26",
        "overseas_travel_budget": "80",
        "vehicles_budget": "237",
        "vehicle_operation_budget": "237",
        "reception_budget": "101.26",
        "meetings_budget": "158.44",
        "training_budget": "700",
    }
    assert _findings(outcome, "three_public") == []
    [three] = read_csv(outcome.out / "three_public.csv").query("item == 'total'").to_dict("records")
    assert str(three["budget"]) == "418.26"


def test_last_years_and_the_change_are_never_read_as_this_years(
    outcomes: dict[str, Outcome],
) -> None:
    """Xi'an's 表13 prints 上年 | 当年 | 增减变化情况, each over 合计, the 三公 items, 会议费
    and 培训费, one row per unit with its 单位编码 (in 元, page 43)."""
    outcome = outcomes["xa-finance-2026-budget-dept.pdf"]
    figures = _figures(outcome, "three_public", "合计")
    assert figures["previous_grand_total_budget"] == ("2,480,000.00", 43)
    assert figures["previous_total_budget"] == ("265,000.00", 43)
    assert figures["grand_total_budget"] == ("2,083,436.00", 43)
    assert figures["total_budget"] == ("219,000.00", 43)
    assert figures["change_total_budget"] == ("-46,000.00", 43)
    assert figures["meetings_budget"] == ("461,836.00", 43)
    assert "116" not in {published for published, _ in figures.values()}  # the unit's code
    # Each unit's row is checked on its own; the 合计 row adds up in every period.
    assert _findings(outcome, "three_public") == []


def test_a_block_of_carry_over_columns_is_kept_apart_from_this_years_income(
    outcomes: dict[str, Outcome],
) -> None:
    """Hangzhou's 表2 prints 总计 | 本年收入 (小计, 一般公共预算 …) | 上年结转结余 (小计,
    一般公共预算 …), over a row of column numbers (** 1 2 3 …) that is no data (page 21)."""
    outcome = outcomes["hz-police-2026-budget-dept.pdf"]
    figures = _figures(outcome, "income", "合计")
    assert figures["total"] == ("404,415.23", 21)
    assert figures["income"] == ("400,391.78", 21)
    assert figures["general_budget"] == ("366,195.79", 21)
    assert figures["carryover_begin"] == ("4,023.45", 21)
    assert figures["carryover_begin_general_budget"] == ("4,023.45", 21)
    amounts = read_csv(outcome.out / "amounts.csv")
    assert "**" not in set(amounts["row_label"])
    # 合计 = 本年收入 + 上年结转结余, each equal to its columns; and 本年收入 is the
    # summary's 本年收入合计.
    assert not [m for m in _findings(outcome, "income") if "合计" in m]


def test_a_table_that_prints_no_unit_is_read_in_the_documents_unit_and_flagged(
    outcomes: dict[str, Outcome],
) -> None:
    """Shanghai's 收入预算总表 (pages 8–9) prints 编制单位 but no unit, where every other
    table of the document prints 单位：元: its figures are read in 元, each flagged."""
    outcome = outcomes["sh-data-2026-budget-unit.pdf"]
    amounts = read_csv(outcome.out / "amounts.csv")
    income = amounts[amounts["table"] == "income"]
    assert set(income["page"]) == {"8", "9"}
    assert set(income["flag"]) == {"unit_assumed"}
    assert set(income["unit"]) == {"元"}
    total = income[(income["row_label"] == "合计") & (income["column"] == "total")]
    assert list(zip(total["published"], total["amount"], strict=True)) == [
        ("471,452,100", "47145.21")
    ]
    summary = amounts[amounts["table"] == "income_expenditure_summary"]
    assert set(summary["flag"]) == {""}  # a table that prints its unit is not flagged
    findings = read_csv(outcome.out / "findings.csv")
    assert not findings["message"].str.contains("unit").any()


def test_the_columns_a_wide_table_prints_on_pages_of_their_own_are_its_own(
    outcomes: dict[str, Outcome],
) -> None:
    """sh-data's 收入预算总表 prints 合计 | 财政拨款收入 | 事业收入 | 事业单位经营收入 beside its
    codes on pp. 8–9 and its last column, 其他收入 (blank in every row), under its title
    again on p. 10 and its lower cells alone on p. 11: one table, not a second printing."""
    outcome = outcomes["sh-data-2026-budget-unit.pdf"]
    tables = read_csv(outcome.out / "report_tables.csv")
    income = tables[tables["table"] == "income"]
    assert list(zip(income["first_page"], income["last_page"], strict=True)) == [("8", "11")]
    assert _findings(outcome, "income") == []
    figures = _figures(outcome, "income", "一般公共服务支出")
    assert figures == {
        "total": ("463,892,324", 8),
        "fiscal_appropriation": ("463,892,324", 8),
    }


def test_a_summary_that_lists_spending_by_function_and_by_use_reads_both_panels(
    outcomes: dict[str, Outcome],
) -> None:
    """Jiangsu's 收支预算总表 prints 收入 (项目名称 | 金额) beside two spending panels,
    功能分类 and 支出用途, each 项目名称 | 金额, under a caption cell (部门：… 单位：万元)
    inside the frame; its 支出预算总表 adds 单位预留机动经费 to 基本 and 项目支出 (pages 1, 3)."""
    outcome = outcomes["js-swbgt-2019-budget-dept-tables.pdf"]
    amounts = read_csv(outcome.out / "amounts.csv")
    summary = amounts[amounts["table"] == "income_expenditure_summary"]
    lines = dict(
        zip(summary["row_label"] + " " + summary["side"], summary["published"], strict=False)
    )
    assert lines["一、财政拨款 income"] == "27,664.22"
    assert lines["一、一般公共服务支出 expenditure"] == "22,395.50"
    assert lines["一、基本支出 expenditure"] == "11,700.63"
    assert lines["三、单位预留机动经费 expenditure"] == "2,938.21"
    spending = _figures(outcome, "expenditure", "")
    assert {key: published for key, (published, _) in spending.items()} == {
        "total": "27,664.22",
        "basic_expenditure": "11,700.63",
        "project_expenditure": "13,025.38",
        "unit_reserve": "2,938.21",
    }
    findings = read_csv(outcome.out / "findings.csv")
    assert findings.empty, findings.to_dict(orient="records")[:3]


#: Documents read against their pages with every table's identities holding: no reading
#: problem, no identity broken (xa-emergency's broken ones are confirmed below).
READ_AND_CONSISTENT = (
    "cq-meteo-2026-budget-dept.pdf",
    "xa-devreform-2019-budget-dept.pdf",
    "xa-ecology-2022-budget-dept.pdf",
    "xa-finance-2026-budget-dept.pdf",
    "xa-petition-2026-budget-dept.pdf",
    "xa-transport-2022-budget-dept.pdf",
)


@pytest.mark.parametrize("name", [*READ_AND_CONSISTENT, "xa-emergency-2019-budget-dept-tables.pdf"])
def test_a_verified_document_has_no_reading_problem(
    name: str, outcomes: dict[str, Outcome]
) -> None:
    findings = read_csv(outcomes[name].out / "findings.csv")
    failures = findings[findings["kind"] == "extraction_failure"]
    assert failures.empty, failures.to_dict(orient="records")[:3]
    if name in READ_AND_CONSISTENT:  # the narrative's findings are tested on their own
        tables = findings[~findings["rule"].isin(NARRATIVE_RULES)]
        assert tables.empty, tables.to_dict(orient="records")[:3]


def test_xian_columns_of_earlier_money_and_of_the_department_budget_are_named(
    outcomes: dict[str, Outcome],
) -> None:
    """Xi'an's 收入总表 prints 总计 | 部门预算 (合计, 一般公共预算拨款 (小计, 其中：专项资金
    列入部门预算项目) … 上年结转, 上年实户资金余额) | 其他收入 (xa-emergency p. 4, in 万元)."""
    outcome = outcomes["xa-emergency-2019-budget-dept-tables.pdf"]
    figures = _figures(outcome, "income", "合计")
    assert {key: published for key, (published, _) in figures.items()} == {
        "total": "3,695.91",
        "department_budget": "3,695.91",
        "general_budget": "3,643.37",
        "carryover_begin": "11.61",
        "account_balance_begin": "40.93",
    }
    finance = _figures(outcomes["xa-finance-2026-budget-dept.pdf"], "income", "合计")
    assert finance["total"] == ("303,312,586.17", 26)  # 部门预算 over every column: its 合计
    assert finance["special_funds"] == ("170,160,000.00", 26)


def test_a_label_printed_past_its_cells_ruling_stays_in_its_cell(
    outcomes: dict[str, Outcome],
) -> None:
    """xa-emergency's 收支总表 (p. 3), a spreadsheet's print: 3、机关资本性支出（一 | ）104.31
    and a centred 部门预算支出经济分类科目（按大类） reaching back over 预算数."""
    outcome = outcomes["xa-emergency-2019-budget-dept-tables.pdf"]
    amounts = read_csv(outcome.out / "amounts.csv")
    summary = amounts[amounts["table"] == "income_expenditure_summary"]
    lines = dict(zip(summary["row_label"], summary["published"], strict=False))
    assert lines["3、机关资本性支出(一)"] == "104.31"
    assert lines["1、人员经费和公用经费支出"] == "2,022.39"
    assert lines["5、对事业单位经常性补助"] == "730.29"


def test_a_figure_is_in_the_row_of_its_baseline_whatever_its_fonts_box(
    outcomes: dict[str, Outcome],
) -> None:
    """cq-meteo's 表六 (pp. 14–15) prints its figures in a font whose box lies a line below
    the glyphs: each code keeps its own name, and the last row of p. 14 is read."""
    outcome = outcomes["cq-meteo-2026-budget-dept.pdf"]
    amounts = read_csv(outcome.out / "amounts.csv")
    basic = amounts[
        (amounts["table"] == "general_budget_basic_expenditure") & (amounts["column"] == "total")
    ]
    rows = {
        code: (label, published)
        for code, label, published in basic[["code", "row_label", "published"]].values
    }
    assert rows["301"] == ("工资福利支出", "5,293.75")
    assert rows["30113"] == ("住房公积金", "39.70")
    assert rows["303"] == ("对个人和家庭的补助", "14.30")


def test_a_figure_in_a_font_that_declares_its_glyphs_too_wide_stays_in_its_cell(
    outcomes: dict[str, Outcome],
) -> None:
    """cq-commerce's digits are set every 4.7 points in boxes 9.2 wide, each figure's last
    box reaching over the ruling to the next cell's first (表二, p. 9); its commas' boxes
    stand a line above their digits (表十一, p. 26). Each cell reads as printed."""
    outcome = outcomes["cq-commerce-2026-budget-dept.pdf"]
    figures = _figures(outcome, "income", "合计")
    assert figures["total"] == ("174,900.64", 9)
    assert figures["general_budget"] == ("101,833.84", 9)
    assert figures["government_fund"] == ("41,534.73", 9)
    assert figures["fiscal_special_account"] == ("22,070.82", 9)
    _, funds, _ = _form(outcome, "市级重点专项资金绩效目标表", "26")
    assert _lines(funds, "fund_label", "amount", "page") == [
        ("当年预算", "46794", "26"),
        ("市级支出", "40624", "26"),
        ("补助区县", "6170", "26"),
    ]
    findings = read_csv(outcome.out / "findings.csv")
    assert findings.empty, findings.to_dict(orient="records")[:3]


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("gz-ecology-2026-budget-dept.pdf", 11),
        ("gz-gov-office-2026-budget-dept.pdf", 7),
        ("gz-meteo-2026-budget-dept.pdf", 7),
        ("gz-petition-2026-budget-dept.pdf", 7),
        ("gz-stats-2026-budget-dept.pdf", 8),
    ],
)
def test_the_parts_of_the_special_account_income_are_columns_of_their_own(
    name: str, page: int, outcomes: dict[str, Outcome]
) -> None:
    """Guangzhou's 表2 收入总体情况表 prints 财政专户拨款收入 over 教育收费 | 其他专户收入拨款,
    beside 财政拨款收入 (一般公共预算 …) and 其他资金收入 (事业收入 …): each its own column."""
    outcome = outcomes[name]
    figures = _figures(outcome, "income", "合计")
    assert figures["education_fees"] == ("0.00", page)
    assert figures["other_special_account"] == ("0.00", page)
    assert _findings(outcome, "income") == []
    if name == "gz-ecology-2026-budget-dept.pdf":
        assert figures["total"] == ("89,421.55", 11)
        assert figures["general_budget"] == ("83,443.78", 11)
        assert figures["institution_income"] == ("51.56", 11)
        assert figures["other_income"] == ("1,526.22", 11)


def test_listed_tables_of_one_kind_are_told_apart_by_their_titles(tmp_path: Path) -> None:
    """bj-finance's narrative volume lists 十二、项目支出绩效目标表, 十三、部门整体支出绩效目标表
    and 十四、专项转移支付绩效目标表, all titled like performance targets; its tables volume
    prints them as 预算12表 (pp. 17–43), 预算13表 (pp. 44–47) and 预算14表 (p. 48). Each entry
    is the table its words name, not the first of the kind left."""
    files = [
        CORPUS / "bj-finance-2026-budget-dept.pdf",
        CORPUS / "bj-finance-2026-budget-dept-tables.pdf",
    ]
    out = tmp_path / "bj-finance"
    done = subprocess.run(
        [*FISCAL, "extract", *map(str, files), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    findings = read_csv(out / "findings.csv")
    assert findings.empty, findings.to_dict(orient="records")[:3]
    tables = read_csv(out / "report_tables.csv")
    transfers = tables[tables["title_printed"].str.contains("专项转移支付绩效目标表")]
    assert list(zip(transfers["table"], transfers["first_page"], strict=True)) == [
        ("performance_targets", "48")
    ]
    indicators = read_csv(out / "performance_indicators.csv")
    targets = indicators[indicators["page"] == "48"]
    assert dict(zip(targets["level3"], targets["target"], strict=True)) == {
        "本年度创业担保贷款发放额": "≥50亿元",
        "创业担保贷款回收率": "≥90%",
        "担保基金放大倍数": "≥2倍",
        "创业担保贷款利率上限": "上限LPR+50BPs",
        "金融机构网点覆盖率": "≥60%",
        "申报创业担保贷款贴息个人满意度": "≥80%",
        "申报创业担保贷款贴息小微企业满意度": "≥80%",
    }


def test_a_project_table_of_a_performance_evaluation_reads_budget_and_execution(
    outcomes: dict[str, Outcome],
) -> None:
    """cs-sasac's 项目支出情况表 (pp. 7–9) prints per project 预算批复 | 预算到位 | 实际执行 |
    执行率 | 指标结余 and the reasons for what was left (words, no figure)."""
    outcome = outcomes["cs-sasac-2020-perf-eval-project.pdf"]
    figures = _figures(outcome, "project_expenditure", "合计")
    assert figures == {
        "approved_budget": ("13,237.00", 7),
        "budget_received": ("13,237.00", 7),
        "executed": ("12,679.21", 7),
        "execution_rate": ("95.79%", 7),
        "unspent_quota": ("557.79", 7),
    }
    amounts = read_csv(outcome.out / "amounts.csv")
    emergency = amounts[amounts["project"] == "应急资金"]
    assert dict(zip(emergency["column"], emergency["published"], strict=True)) == {
        "approved_budget": "280.00",
        "budget_received": "70.00",
        "executed": "70.00",
        "execution_rate": "25.00%",
        "unspent_quota": "210.00",
    }
    assert set(emergency["page"]) == {"9"}
    rates = amounts[amounts["column"] == "execution_rate"]
    assert set(rates["unit"]) == {"%"}
    assert "95.79" in set(rates["amount"])
    findings = read_csv(outcome.out / "findings.csv")
    assert findings.empty, findings.to_dict(orient="records")[:3]


@pytest.mark.parametrize(
    ("name", "page", "printed"),
    [
        # 部门名称：… inside the frame, its cell merged down beside “三公”经费 (公开09表)
        (
            "js-gjfy-2019-budget-dept.pdf",
            14,
            ("2,382.02", "513.75", "160.00", "266.80", "266.80", "86.95", "271.02", "1,597.25"),
        ),
        # 小计's cell ruled a hair left of “三公”经费's (公开09表)
        (
            "js-jcy-2018-budget-dept.pdf",
            19,
            ("1,384.74", "484.30", "100.00", "267.80", "267.80", "116.50", "200.44", "700.00"),
        ),
    ],
)
def test_a_three_public_header_drawn_with_captions_and_slivers_reads_every_column(
    name: str, page: int, printed: tuple[str, ...], outcomes: dict[str, Outcome]
) -> None:
    """Jiangsu's 三公 tables print 合计 | “三公”经费 (小计 | 因公出国（境）费 | 公务用车购置及运行
    维护费 (小计 | 购置费 | 运行维护费) | 公务接待费) | 会议费 | 培训费, one row of figures."""
    outcome = outcomes[name]
    figures = _figures(outcome, "three_public", "")
    keys = (
        "grand_total_budget",
        "total_budget",
        "overseas_travel_budget",
        "vehicles_budget",
        "vehicle_operation_budget",
        "reception_budget",
        "meetings_budget",
        "training_budget",
    )
    assert figures == {key: (value, page) for key, value in zip(keys, printed, strict=True)}
    assert _findings(outcome, "three_public") == []


def test_a_table_whose_header_goes_on_over_the_next_page_is_read_by_its_whole_header(
    outcomes: dict[str, Outcome],
) -> None:
    """js-gjfy-2018's 财政拨款收支预算总表 starts at the foot of p. 10 with 收入 | 支出 alone and
    prints 支出用途, 项目名称 | 金额 and its lines on p. 11; js-rdbgt-2017's 财政拨款基本支出
    预算表 prints its title and 部门：… 单位：万元 on p. 12, its 科目编码 | 科目名称 | 金额
    header and figures from p. 13 on."""
    summary = read_csv(outcomes["js-gjfy-2018-budget-dept.pdf"].out / "amounts.csv")
    summary = summary[summary["table"] == "appropriation_summary"]
    lines = {
        (row["side"], row["row_label"]): (row["published"], row["page"])
        for row in summary.to_dict("records")
    }
    assert lines == {
        ("income", "一、一般公共预算"): ("33,172.15", "11"),
        ("income", "收入合计"): ("33,172.15", "11"),
        ("expenditure", "一、基本支出"): ("18,570.82", "11"),
        ("expenditure", "二、项目支出"): ("11,343.27", "11"),
        ("expenditure", "三、单位预留机动经费"): ("3,258.06", "11"),
        ("expenditure", "支出合计"): ("33,172.15", "11"),
    }
    amounts = read_csv(outcomes["js-rdbgt-2017-budget-dept.pdf"].out / "amounts.csv")
    basic = amounts[
        amounts["page"].isin(["13", "14"]) & (amounts["table"] == "appropriation_basic_expenditure")
    ]
    rows = {(row["code"], row["row_label"]): row["published"] for row in basic.to_dict("records")}
    assert rows[("", "合计")] == "7,666.68"
    assert rows[("301", "工资福利支出")] == "2,928.98"
    assert rows[("30311", "住房公积金")] == "494.22"
    assert set(basic["column_label"]) == {"金额"}


def test_a_form_whose_left_columns_run_on_over_pages_is_read_on_every_page(
    outcomes: dict[str, Outcome],
) -> None:
    """xa-emergency's 附表14 (pp. 33–38) and 附表15 (pp. 39–45) draw their left columns'
    rulings down each page with no line across their top or foot; the indicators of both
    forms are read on every page, and 表11's title is the one its frame prints (p. 29), not
    the sheet name above it."""
    outcome = outcomes["xa-emergency-2019-budget-dept-tables.pdf"]
    indicators = read_csv(outcome.out / "performance_indicators.csv")
    pages = indicators.groupby("form")["page"].agg(lambda page: sorted(set(page)))
    assert pages.to_dict() == {
        "1": ["34", "35", "36", "37", "38"],
        "2": ["40", "41", "42", "43", "44", "45"],
    }
    assert indicators.groupby("form").size().to_dict() == {"1": 107, "2": 100}
    tables = read_csv(outcome.out / "report_tables.csv")
    assert "2019年部门综合预算财政拨款结转资金支出表" in set(tables["title_printed"])


def test_a_list_of_carried_over_projects_is_project_spending(
    outcomes: dict[str, Outcome],
) -> None:
    """xa-emergency 表11 p. 29 (财政拨款结转资金支出表) lists the two projects that spend last
    year's appropriations: unit code and name, project, 金额, function code and name,
    government economic code and name, 项目类别 and 资金性质 (words, not lines). Each is a
    project_spending row keeping its unit, its project's whole name (wrapped over three
    lines in its cell), both codes and its figure; the four other 西安 printings of the kind
    are blank forms, read as such."""
    outcome = outcomes["xa-emergency-2019-budget-dept-tables.pdf"]
    projects = read_csv(outcome.out / "project_spending.csv")
    carried = projects[projects["table"] == "carryover_expenditure"]
    fields = ["budget_unit", "function_code", "function_name", "government_economic_code"]
    upgrade = one_row(carried, project="拨付2017年度省级工业转型升级资金")
    assert [upgrade[name] for name in fields] == [
        "西安市安全生产监督管理局",
        "2150510",
        "工业和信息产业支持",
        "50299",
    ]
    assert (figures(upgrade, "total"), upgrade["page"]) == ([Decimal("9.00")], "29")
    safety = one_row(carried, project="省级安全生产专项")
    assert (safety["function_code"], safety["function_name"]) == ("2150605", "安全监管监察专项")
    assert figures(safety, "total") == [Decimal("2.61")]
    assert len(carried) == 2
    for name in (
        "xa-ecology-2022-budget-dept.pdf",
        "xa-finance-2026-budget-dept.pdf",
        "xa-petition-2026-budget-dept.pdf",
        "xa-transport-2022-budget-dept.pdf",
    ):
        tables = read_csv(outcomes[name].out / "report_tables.csv")
        blank = one_row(tables, table="carryover_expenditure")
        assert (blank["amounts"], blank["status"]) == ("0", "empty"), name


def test_a_form_listing_its_projects_down_its_rows_is_a_form_per_project(
    outcomes: dict[str, Outcome],
) -> None:
    """bj-finance's 预算12表 项目支出绩效目标表 (pp. 17–43) lists its projects down the rows:
    项目名称, 项目总额 and 其中 财政资金 / 其他资金, 绩效目标 merged over each project's
    indicator rows. Each project is a form of its own with its funds and goal; a target's
    绩效指标性质 and 绩效度量单位 are read with its value (≥ | 98 | % → ≥98%)."""
    outcome = outcomes["bj-finance-2026-budget-dept-tables.pdf"]
    forms = read_csv(outcome.out / "performance_forms.csv")
    listed = forms[forms["title_printed"] == "预算12表 项目支出绩效目标表"]
    first = listed.iloc[0]
    assert first["project"].startswith("11000022T000000455794")
    assert first["goal"].startswith("按时、保质完成2026年各项评审工作任务")
    assert (first["first_page"], first["indicators"]) == ("17", "10")
    funds = read_csv(outcome.out / "performance_funds.csv")
    own = funds[funds["form"] == first["form"]]
    assert dict(zip(own["fund"], own["amount"], strict=True)) == {
        "total": "839",
        "current_appropriation": "839",
    }
    indicators = read_csv(outcome.out / "performance_indicators.csv")
    mine = indicators[indicators["form"] == first["form"]]
    rate = mine[mine["level3"] == "评审报告出具质量合格率"].iloc[0]
    assert (rate["target_comparator"], rate["target_value"], rate["target_unit"]) == (
        "≥",
        "98",
        "%",
    )
    # every project's 项目总额 is kept, and every indicator of the table is some project's
    assert len(listed) > 30
    assert listed["indicators"].astype(int).sum() == len(
        indicators[indicators["form"].isin(listed["form"])]
    )


def test_a_listed_project_that_goes_on_over_a_page_is_one_form(
    outcomes: dict[str, Outcome],
) -> None:
    """cs-police's 2025年项目支出绩效目标表 (pp. 23–50) prints each project's 单位（项目）名称
    and 资金总额 again at the top of every page it goes on to: 大型警保卫及基础设施安全保护
    工作经费 (428.69) runs over pp. 23–25 and is one form, not three."""
    outcome = outcomes["cs-police-2025-budget-dept.pdf"]
    forms = read_csv(outcome.out / "performance_forms.csv")
    guard = forms[forms["project"] == "大型警保卫及基础设施安全保护工作经费"]
    assert len(guard) == 1
    assert (guard.iloc[0]["first_page"], guard.iloc[0]["last_page"]) == ("23", "25")
    assert forms["project"].duplicated().sum() == 0


def test_a_listings_total_and_unit_lines_are_no_projects(
    outcomes: dict[str, Outcome],
) -> None:
    """cs-petition's 2026年项目支出绩效目标表 (pp. 22–29) lists 合计 | | 417.41, then the unit's
    line 126001 | 长沙市信访局 | 417.41 (no goal, no indicator), then the unit's projects, and
    ends in 注：已剔除涉密部分 under the last; above the frame it prints 部门名称：长沙市信访局.
    合计, the unit's line and the note are no form; the unit is each project's implementing
    unit, the caption every form's department (the 部门整体 form's on p. 30 too)."""
    outcome = outcomes["cs-petition-2026-budget-dept.pdf"]
    forms = read_csv(outcome.out / "performance_forms.csv")
    listed = forms[forms["title_printed"] == "2026年项目支出绩效目标表"]
    assert list(listed["project"]) == [
        "基层及其他信访业务工作经费专项",
        "人民来访接待中心及特护期运行专项",
        "人民来访接待中心业务专项",
        "信访业务工作专项",
    ]
    assert set(listed["implementing_unit"]) == {"长沙市信访局"}
    assert set(forms["department"]) == {"长沙市信访局"}
    form, funds, _ = _form(outcome, "项目支出绩效目标表", "22")
    assert (form["project"], form["last_page"], form["indicators"]) == (
        "基层及其他信访业务工作经费专项",
        "23",
        "16",
    )
    assert _lines(funds, "fund", "amount") == [("total", "35.78")]
    assert form["goal"].startswith("根据年终考核及综合评价情况,分档次将信访工作经费调拨至各区县")
    assert "417.41" not in set(read_csv(outcome.out / "performance_funds.csv")["amount"])
    police = read_csv(outcomes["cs-police-2025-budget-dept.pdf"].out / "performance_forms.csv")
    assert not police["project"].isin(["合计", "长沙市公安局"]).any()
    assert set(police["department"]) == {"长沙市公安局"}


def test_a_listings_total_and_unit_lines_keep_their_figures_as_amounts(
    outcomes: dict[str, Outcome],
) -> None:
    """The 合计 and the unit's line of a listing (cs-petition p. 22: 合计 | | 417.41 and
    126001 | 长沙市信访局 | 417.41; cs-police p. 23: 40,233.95 twice) are no project, and
    their figures are amounts of the listing's table under its 资金总额 column, the unit's line
    the unit's own; the table's record counts them."""
    for name, title, page, unit, total in (
        (
            "cs-petition-2026-budget-dept.pdf",
            "2026年项目支出绩效目标表",
            "22",
            "长沙市信访局",
            "417.41",
        ),
        (
            "cs-police-2025-budget-dept.pdf",
            "2025年项目支出绩效目标表",
            "23",
            "长沙市公安局",
            "40,233.95",
        ),
    ):
        outcome = outcomes[name]
        amounts = read_csv(outcome.out / "amounts.csv")
        lines = amounts[amounts["table"] == "performance_targets"]
        assert _lines(lines, "page", "row_label", "budget_unit", "column", "published", "unit") == [
            (page, "合计", "", "total", total, "万元"),
            (page, unit, unit, "total", total, "万元"),
        ]
        assert set(lines["column_label"]) == {"资金总额"}
        tables = read_csv(outcome.out / "report_tables.csv")
        [listing] = tables[tables["title_printed"] == title].to_dict("records")
        assert (listing["table"], listing["instance"], listing["amounts"]) == (
            "performance_targets",
            lines["instance"].iloc[0],
            "2",
        )


def test_a_form_printed_blank_saying_it_has_no_data_is_its_kind_with_none(
    outcomes: dict[str, Outcome],
) -> None:
    """Chongqing's 表十一 2026年市级重点专项资金绩效目标表（一级项目） is printed blank by a
    department with no such fund (cq-gov-office p. 23, cq-meteo p. 21: 项目名称 | 主管部门,
    当年预算 …, 指标名称 | 指标性质 … and 备注：本单位主管无市级财力安排的重点专项资金，故此表
    无数据): it is a 绩效目标表 printed with no data, which gives no form."""
    for name, page in (
        ("cq-gov-office-2026-budget-dept.pdf", "23"),
        ("cq-meteo-2026-budget-dept.pdf", "21"),
    ):
        outcome = outcomes[name]
        tables = read_csv(outcome.out / "report_tables.csv")
        [blank] = tables[tables["title_printed"].str.contains("重点专项资金")].to_dict("records")
        assert (blank["table"], blank["first_page"], blank["status"], blank["rows"]) == (
            "performance_targets",
            page,
            "no_data",
            "0",
        )
        assert "故此表无数据" in blank["note"]
        forms = read_csv(outcome.out / "performance_forms.csv")
        assert not (forms["first_page"] == page).any()
        assert forms["title_printed"].str.contains("一般性项目").any()


def test_a_project_table_of_goals_is_a_target_form_per_project(
    outcomes: dict[str, Outcome],
) -> None:
    """hz-police's 表11：2026年市级部门项目支出绩效表 (pp. 34–37) lists 单位名称 | 项目名称 |
    金额 | 绩效目标, a row per project and no indicator grid: each project is a target form,
    its 单位名称 its implementing unit and its 金额 its fund line, none left in amounts; a goal
    the foot of p. 34 cuts (交警保障与支撑: …不满足杭 | 州市相关规范要求…) goes on at p. 35."""
    outcome = outcomes["hz-police-2026-budget-dept.pdf"]
    tables = read_csv(outcome.out / "report_tables.csv")
    [table] = tables[tables["title_printed"].str.contains("项目支出绩效表")].to_dict("records")
    assert (table["table"], table["rows"], table["amounts"]) == ("performance_targets", "33", "0")
    forms = read_csv(outcome.out / "performance_forms.csv")
    listed = forms[forms["title_printed"] == table["title_printed"]]
    assert len(listed) == 33
    assert set(listed["department"]) == {"杭州市公安局"}
    [cut] = listed[listed["project"] == "交警保障与支撑"].to_dict("records")
    assert (cut["implementing_unit"], cut["first_page"], cut["last_page"]) == (
        "杭州市公安局交通管理支队",
        "34",
        "35",
    )
    assert cut["goal"].startswith("对主城区(含上城、西湖、拱墅、西湖景区、城市高架道路)")
    assert "不满足杭州市相关规范要求的设施" in cut["goal"]
    assert cut["goal"].endswith("为道路交通顺畅、有序、安全运行提供基础保障。")
    funds = read_csv(outcome.out / "performance_funds.csv")
    assert _lines(funds[funds["form"] == cut["form"]], "page", "fund", "fund_label", "amount") == [
        ("34", "total", "金额", "16304.29")
    ]
    assert len(funds[funds["form"].isin(listed["form"])]) == 33


def test_digits_set_a_little_below_their_line_are_read_in_their_place(
    outcomes: dict[str, Outcome],
) -> None:
    """cq-commerce sets its digits in a font whose boxes stand a line below the glyphs and
    draws them a little below the Chinese text: p. 25 prints 2026年部门整体绩效目标表 (its
    “2026” boxed 16 points under the rest), 单位名称：重庆市商务委员会 above the frame (its
    colon boxed under the line) and a goal whose every figure is in such a font."""
    outcome = outcomes["cq-commerce-2026-budget-dept.pdf"]
    forms = read_csv(outcome.out / "performance_forms.csv")
    assert list(zip(forms["title_printed"], forms["department"], strict=True)) == [
        ("2026年部门整体绩效目标表", "重庆市商务委员会"),
        ("2026年市级重点专项资金绩效目标表 (一级项目)", "重庆市商务委员会"),
        ("2026年市级一般性项目绩效目标表 (一级项目)", "重庆市商务委员会"),
    ]
    assert forms.iloc[0]["goal"].startswith(
        "2026年,全市商务经济发展稳中向好。社会消费品零售总额同比增长5%及以上"
        "(以政府工作报告为准),外贸进出口总值8000亿元及以上"
    )
    tables = read_csv(outcome.out / "report_tables.csv")
    assert set(tables["title_printed"].str[:5]) == {"2026年"}
    assert "2026年财政拨款 “三公”经费支出情况表" in set(tables["title_printed"])
    meteo = read_csv(outcomes["cq-meteo-2026-budget-dept.pdf"].out / "performance_forms.csv")
    assert list(zip(meteo["title_printed"], meteo["department"], strict=True)) == [
        ("2026年部门整体绩效目标表", "重庆市气象局"),
        ("2026年市级一般性项目绩效目标表 (一级项目)", "重庆市气象局"),
    ]


def test_a_department_target_form_by_activity_is_a_form_with_its_funds_block(
    outcomes: dict[str, Outcome],
) -> None:
    """bj-audit's 预算13表 部门整体支出绩效目标表 (pp. 20–21) prints its funds as headings over
    one row of figures (预算支出总额 | 财政拨款 合计 / 基本支出 / 项目支出 | 其他资金 …), then
    an indicator grid 活动 | 绩效指标 | 指标性质 | 指标值 | 度量单位. It is a form: every figure
    of the funds block a fund line, each indicator's target its comparator, number and unit
    (出具数据分析报告 ＝ 4 份, no longer 4 万元 of 其他资金), and the funds add up. 绩效指标
    prints each indicator's 一级 and 二级 before its name in one cell (产出指标数量指标出具数据分析
    报告): they are its levels, split off its name."""
    outcome = outcomes["bj-audit-2026-budget-dept-tables.pdf"]
    form, funds, indicators = _form(outcome, "部门整体支出绩效目标表", "20")
    assert (form["department"], form["last_page"], form["indicators"]) == (
        "北京市审计局",
        "21",
        "32",
    )
    assert form["goal"].startswith("坚持以习近平新时代中国特色社会主义思想为指导")
    assert _lines(funds, "fund_label", "fund", "breakdown", "amount") == [
        ("预算支出总额", "total", "", "32852.053832"),
        ("财政拨款 / 合计", "current_appropriation", "", "32801.936639"),
        ("财政拨款 / 基本支出", "basic_expenditure", "spending", "25218.537585"),
        ("财政拨款 / 项目支出", "project_expenditure", "spending", "7583.399054"),
        ("其他资金 / 合计", "other", "", "50.117193"),
        ("其他资金 / 项目支出", "project_expenditure", "spending", "50.117193"),
    ]
    targets = _targets(indicators)
    assert targets["出具数据分析报告"] == ("=", "4", "份", "")
    assert targets["市内公务餐费控制标准"] == ("≤", "50", "元", "")
    assert targets["支持审计项目计划制定"] == ("", "", "", "")
    by_name = indicators.set_index("level3")
    levels = ["level1", "level2", "activity", "page", "target"]
    assert tuple(by_name.loc["出具数据分析报告", levels]) == (
        "产出指标",
        "数量指标",
        "审计业务",
        "20",
        "＝4份",
    )
    assert tuple(by_name.loc["市内公务餐费控制标准", ["level1", "level2"]]) == (
        "成本指标",
        "经济成本指标",
    )
    assert tuple(by_name.loc["支持审计项目计划制定", ["level2", "page", "target"]]) == (
        "社会效益指标",
        "21",
        "优",
    )
    assert (indicators["level1"] != "").all()
    tables = read_csv(outcome.out / "report_tables.csv")
    assert "部门整体支出绩效目标表" not in "".join(
        tables[tables["table"] == "other_table"]["title_printed"]
    )
    amounts = read_csv(outcome.out / "amounts.csv")
    assert amounts[amounts["page"].isin(["20", "21"])].empty
    findings = read_csv(outcome.out / "findings.csv")
    assert findings[findings["table"] == "performance_targets"].empty


def test_a_funds_block_of_headings_keeps_each_of_its_figures(
    outcomes: dict[str, Outcome],
) -> None:
    """bj-edu's 预算13表 (p. 97) fills all seven figures of its funds block, 其他资金's
    基本支出 too; the 基本支出 and 项目支出 of both funds add up to 预算支出总额."""
    outcome = outcomes["bj-edu-2026-budget-dept-tables.pdf"]
    form, funds, indicators = _form(outcome, "部门整体支出绩效目标表", "97")
    assert form["department"] == "北京市教育委员会"
    assert dict(zip(funds["fund_label"], funds["amount"], strict=True)) == {
        "预算支出总额": "3923076.626242",
        "财政拨款 / 合计": "2772971.067972",
        "财政拨款 / 基本支出": "1826717.166571",
        "财政拨款 / 项目支出": "946253.901401",
        "其他资金 / 合计": "1150105.55827",
        "其他资金 / 基本支出": "1092548.616932",
        "其他资金 / 项目支出": "57556.941338",
    }
    assert set(funds["page"]) == {"97"}
    spending = funds[funds["breakdown"] == "spending"]["amount"].map(Decimal)
    assert sum(spending) == Decimal("3923076.626242")
    assert _targets(indicators)["北京实验室建设"] == ("≥", "7", "个", "")
    assert set(indicators["activity"]) >= {"教育事业发展", "科技创新服务能力建设"}


def test_a_target_form_with_a_merged_indicator_label_names_its_indicators(
    outcomes: dict[str, Outcome],
) -> None:
    """cq-water prints 绩效指标 as a label merged down the left of its grid, beside
    指标名称 | 指标性质 | 指标值 | 计量单位 | 指标权重(%) | 是否核心: the indicators are named
    by 指标名称, their targets read with comparator and unit, 指标权重 as points. The
    department form (表十, p. 30) prints its goal under its label; a project form (表十一,
    p. 31) prints 项目名称, 主管部门 and 当年预算 split into 市级支出 and 补助区县."""
    outcome = outcomes["cq-water-2026-budget-dept.pdf"]
    department, funds, indicators = _form(outcome, "部门整体绩效目标表", "30")
    assert department["goal"].startswith("完善全市水网建设布局,以市级水网为牵引")
    assert funds.empty
    targets = _targets(indicators)
    assert list(targets)[:2] == ["续建大中型水库", "农村饮水项目受益人口"]
    assert targets["续建大中型水库"] == ("≥", "27", "座", "20")
    assert targets["农村饮水项目受益人口"] == ("≥", "150", "万人次", "20")
    project, funds, indicators = _form(outcome, "市级重点专项资金绩效目标表", "31")
    assert (project["project"], project["department"]) == ("水库移民后期扶持", "重庆市水利局")
    assert project["goal"].startswith("年度资金实施项目覆盖区县30个以上")
    assert _lines(funds, "fund", "fund_label", "amount", "page") == [
        ("total", "当年预算", "12700", "31"),
        ("district_subsidies", "补助区县", "12700", "31"),
    ]
    assert _targets(indicators)["实施项目数量"] == ("≥", "86", "个数", "20")
    assert len(indicators) == 6
    second, funds, _ = _form(outcome, "市级重点专项资金绩效目标表", "32")
    assert second["project"] == "重庆市水利专项资金"
    assert dict(zip(funds["fund"], funds["amount"], strict=True)) == {
        "total": "152992.83",
        "municipal_spending": "152992.83",
    }
    listed, funds, indicators = _form(outcome, "市级一般性项目绩效目标表", "33")
    assert listed["project"] == "水利行业业务经费"
    assert listed["goal"].startswith("按照相关管理办法推进项目实施")
    assert _lines(funds, "fund", "amount") == [("current_appropriation", "14299.16")]
    assert _targets(indicators)["水质检验对象数量"] == ("≥", "3060", "个次", "10")
    amounts = read_csv(outcome.out / "amounts.csv")
    assert amounts[amounts["page"].isin(["30", "31", "32", "33"])].empty


def test_a_target_form_that_prints_its_header_again_on_the_next_page_goes_on(
    outcomes: dict[str, Outcome],
) -> None:
    """cq-commerce's 表十一 (pp. 26–27) prints its indicator header again over p. 27: the
    form goes on there, the header no indicator. Its 指标性质 and 指标值 headers overlap in
    the grid (merged over a column they share); each figure is the column's it is centred
    under."""
    outcome = outcomes["cq-commerce-2026-budget-dept.pdf"]
    form, _, indicators = _form(outcome, "市级重点专项资金绩效目标表", "26")
    assert (form["project"], form["last_page"], form["indicators"]) == (
        "市商务发展专项",
        "27",
        "12",
    )
    targets = _targets(indicators)
    assert "指标名称" not in targets
    assert targets["重要商品储备数量"] == ("≥", "7500", "吨", "10")
    assert targets["年度预算执行率"] == ("=", "100", "%", "10")
    assert list(indicators["page"])[-3:] == ["27", "27", "27"]


def test_a_comparator_column_and_an_overlapping_header_read_into_the_target(
    outcomes: dict[str, Outcome],
) -> None:
    """cs-petition's 部门整体支出绩效目标表 (pp. 30–32) prints 指标值类型 (≤, ≥, 定性) beside
    指标值 and 计量单位, and its header again over each page: the target is ≤1517.95万元, not
    the comparator alone, and the repeated header is no indicator. xa-finance's 三级指标
    header spans the 指标值 column too (p. 54): 办公费等（万元） targets ≤52."""
    petition = outcomes["cs-petition-2026-budget-dept.pdf"]
    form, _, indicators = _form(petition, "部门整体支出绩效目标表", "30")
    assert form["goal"] == ""  # its 整体绩效目标 heading stands over the indicator headings
    targets = _targets(indicators)
    assert targets["基本支出不超预算(不含年中调整数)"] == ("≤", "1517.95", "万元", "")
    assert targets["信访事项按期答复率"] == ("≥", "95", "%", "")
    assert "三级指标" not in targets
    assert len(indicators) == 25
    finance = outcomes["xa-finance-2026-budget-dept.pdf"]
    indicators = read_csv(finance.out / "performance_indicators.csv")
    assert _targets(indicators[indicators["page"] == "54"])["办公费等(万元)"] == (
        "≤",
        "52",
        "",
        "4",
    )


def test_a_basic_spending_table_of_two_panels_is_checked_in_each_panels_column(
    outcomes: dict[str, Outcome],
) -> None:
    """fs-metro's 一般公共预算财政拨款基本支出决算表 (pp. 17–20) prints two blocks side by
    side, 人员经费 / 金额 | 公用经费 / 金额, and closes them with 人员经费合计 649.20 and
    公用经费合计 97.19 (p. 20), which add to the 基本支出 746.39 of p. 15; each footer is its
    classes' sum (301 + 303; 302 + 307 + 310 + 399)."""
    outcome = outcomes["fs-metro-2019-final-dept.pdf"]
    table = "general_budget_basic_expenditure"
    assert _figures(outcome, table, "人员经费合计") == {"personnel": ("649.20", 20)}
    assert _figures(outcome, table, "公用经费合计") == {"public": ("97.19", 20)}
    assert _figures(outcome, table, "商品和服务支出") == {"public": ("94.65", 17)}
    assert _figures(outcome, table, "资本性支出") == {"public": ("2.54", 19)}
    spending = _figures(outcome, "general_budget_expenditure", "合计")
    assert spending["basic_expenditure"] == ("746.39", 15)
    assert _findings(outcome, table) == []


def test_an_income_table_with_its_carry_over_is_the_summarys_income_total(
    outcomes: dict[str, Outcome],
) -> None:
    """fz-civil's 收支预算总表 (p. 12) prints 本年收入合计 2219.92, 上年结转结余 30.00, then
    收入合计 2249.92, and no 总计; its 收入预算总表 (p. 13) prints 合计 2249.92 = 一般公共
    预算拨款收入 2144.92 + 政府性基金 75.00 + 上年结转结余 30.00: the 收入合计."""
    outcome = outcomes["fz-civil-2026-budget-unit.pdf"]
    income = _figures(outcome, "income", "合计")
    assert income["total"] == ("2249.92", 13)
    assert income["general_budget"] == ("2144.92", 13)
    assert income["government_fund"] == ("75.00", 13)
    assert income["carryover_begin"] == ("30.00", 13)
    summary = "income_expenditure_summary"
    assert _figures(outcome, summary, "本年收入合计") == {"amount": ("2219.92", 12)}
    assert _figures(outcome, summary, "上年结转结余") == {"amount": ("30.00", 12)}
    assert _figures(outcome, summary, "收入合计") == {"amount": ("2249.92", 12)}
    assert _findings(outcome, "income") == []
    assert _findings(outcome, summary) == []


def test_text_outside_the_page_box_is_not_read(outcomes: dict[str, Outcome]) -> None:
    """js-rdbgt-2017's p. 11 (a 595.3 × 841.9 page) prints 财政拨款支出预算表 alone, to
    2210202 提租补贴 1,018.01; its text layer holds other tables below the page (y 841–2700),
    never shown, of which the 财政拨款基本支出预算表 is printed from p. 12 on."""
    outcome = outcomes["js-rdbgt-2017-budget-dept.pdf"]
    amounts = read_csv(outcome.out / "amounts.csv")
    page = amounts[(amounts["table"] == "appropriation_expenditure") & (amounts["page"] == "11")]
    assert list(page["row_label"] + " " + page["published"])[-3:] == [
        "住房改革支出 1,512.23",
        "住房公积金 494.22",
        "提租补贴 1,018.01",
    ]
    assert list(page[page["row_label"] == "合计"]["published"]) == ["13,649.07"]
    assert len(page) == 19
    tables = read_csv(outcome.out / "report_tables.csv")
    assert list(tables[tables["first_page"] == "11"]["title_printed"]) == ["财政拨款支出预算表"]
    findings = read_csv(outcome.out / "findings.csv")
    assert findings[findings["page"] == "11"].empty


def test_a_summary_line_whose_name_the_page_cut_is_one_line(
    outcomes: dict[str, Outcome],
) -> None:
    """js-rdbgt-2017's 收支预算总表 prints 八、社会保障和就 | 1,608.51 at the foot of p. 7 and
    业支出 atop p. 8, above 九、医疗卫生与计划生育支出: one line, 208's, whose figure agrees
    with the 类 printed in the detailed table (no finding), and no line of its own for 业支出."""
    outcome = outcomes["js-rdbgt-2017-budget-dept.pdf"]
    lines = read_csv(outcome.out / "summary_lines.csv")
    social = one_row(lines, line="八、社会保障和就业支出")
    assert (social["function_class"], social["amount"], social["page"]) == ("208", "1608.51", "7")
    assert not lines["line"].str.endswith("社会保障和就").any()
    findings = read_csv(outcome.out / "findings.csv")
    assert findings[findings["table"] == "income_expenditure_summary"].empty


def test_a_frame_that_runs_into_the_next_tables_title_is_two_tables(
    outcomes: dict[str, Outcome],
) -> None:
    """js-rdbgt-2017's p. 15 prints the last row of the 财政拨款基本支出预算表 (30312 提租补贴
    1,018.01), then, in the same ruled frame, the title box of the 财政拨款政府性基金支出预算表,
    its header and an empty 合计 row, and below the frame （无政府性基金支出）."""
    outcome = outcomes["js-rdbgt-2017-budget-dept.pdf"]
    tables = read_csv(outcome.out / "report_tables.csv")
    fund = tables[tables["title_printed"] == "财政拨款政府性基金支出预算表"]
    assert fund[["table", "first_page", "last_page", "status"]].values.tolist() == [
        ["government_fund", "15", "15", "no_data"]
    ]
    assert list(fund["note"]) == ["(无政府性基金支出）"]
    basic = tables[tables["title_printed"] == "财政拨款基本支出预算表"]
    assert list(basic["last_page"]) == ["15"]
    amounts = read_csv(outcome.out / "amounts.csv")
    last = amounts[amounts["page"] == "15"]
    assert list(last["row_label"] + " " + last["published"] + " " + last["table"]) == [
        "提租补贴 1,018.01 appropriation_basic_expenditure"
    ]
    findings = read_csv(outcome.out / "findings.csv")
    assert findings[findings["kind"] == "extraction_failure"].empty


def test_the_foot_of_a_table_ruled_on_into_the_next_tables_title_is_its_last_page(
    outcomes: dict[str, Outcome],
) -> None:
    """js-rdbgt-2017's p. 9 prints the last rows of the 收支预算总表 (小计, 上年结转资金 |
    结转下年资金, 收入合计 13,649.07 | 支出合计 13,649.07) in a frame ruled on into the
    title box of the 收入预算总表, whose lines go on atop p. 10 above the 支出预算总表: the
    foot keeps the columns it prints and each table is read to its last page."""
    outcome = outcomes["js-rdbgt-2017-budget-dept.pdf"]
    tables = read_csv(outcome.out / "report_tables.csv")
    pages = {t["title_printed"]: (t["first_page"], t["last_page"]) for _, t in tables.iterrows()}
    assert [pages[title] for title in ("收支预算总表", "收入预算总表", "支出预算总表")] == [
        ("7", "9"),
        ("9", "10"),
        ("10", "10"),
    ]
    amounts = read_csv(outcome.out / "amounts.csv")
    summary = amounts[amounts["table"] == "income_expenditure_summary"]
    foot = summary[summary["page"] == "9"]
    assert sorted(zip(foot["side"], foot["row_label"], foot["published"], strict=True)) == [
        ("expenditure", "支出合计", "13,649.07"),
        ("income", "收入合计", "13,649.07"),
    ]
    assert set(amounts[amounts["table"] == "income"]["page"]) == {"9"}  # p. 10 prints none
    assert _findings(outcome, "income_expenditure_summary") == []
    assert _findings(outcome, "income") == []


def test_a_figure_in_a_column_a_caption_box_splits_is_read_on_the_next_page(
    outcomes: dict[str, Outcome],
) -> None:
    """js-rdbgt-2017's 收支预算总表 boxes its 单位：万元 caption from x 266.8 over the
    spending side's 金额 (276–355.2), so p. 7's frame has a ruling there that no cell below
    ends at. p. 8 prints 十八、住房保障支出 | 1,512.23 in that 金额 column: laid onto p. 7's
    columns, the figure is the 金额's, not the sliver's beside it (which dropped it)."""
    outcome = outcomes["js-rdbgt-2017-budget-dept.pdf"]
    amounts = read_csv(outcome.out / "amounts.csv")
    summary = amounts[amounts["table"] == "income_expenditure_summary"]
    spending = summary[(summary["page"] == "8") & (summary["side"] == "expenditure")]
    assert ("十八、住房保障支出", "1,512.23") in set(
        zip(spending["row_label"], spending["published"], strict=True)
    )


@pytest.mark.parametrize(
    ("name", "title", "pages"),
    [
        # the column too wide for pp. 8–9, 其他收入, printed alone on p. 10, its blank lower
        # cells alone on p. 11
        ("sh-data-2026-budget-unit.pdf", "2026年预算单位收入预算总表", ("8", "11")),
        # pp. 12–13 end with 总计; p. 14 rules one empty row on the table's seven columns
        ("shpt-czj-2024-final-dept.pdf", "财政拨款收入支出决算总表", ("12", "14")),
    ],
)
def test_a_blank_frame_a_table_spills_onto_its_next_page_is_its_last_page(
    name: str, title: str, pages: tuple[str, str], outcomes: dict[str, Outcome]
) -> None:
    """A page that prints nothing but empty ruled cells on exactly the columns of the table
    open from the page before is that table's last page; it adds no figure."""
    outcome = outcomes[name]
    tables = read_csv(outcome.out / "report_tables.csv")
    [table] = tables[tables["title_printed"] == title].to_dict(orient="records")
    assert (table["first_page"], table["last_page"]) == pages
    amounts = read_csv(outcome.out / "amounts.csv")
    assert amounts[amounts["page"] == pages[1]].empty
    assert set(tables["first_page"]) & {pages[1]} == set()


@pytest.mark.parametrize(
    ("name", "page", "printed"),
    [
        # fz-commerce prints its 三公 budget with the items down the rows (合计, 1、因公出国
        # (境)费用 …) and one 预算数 column: each item's figure is its budget
        (
            "fz-commerce-2026-budget-dept.pdf",
            "24",
            {
                "total_budget": "84.10",
                "overseas_travel_budget": "70.00",
                "reception_budget": "6.10",
                "vehicles_budget": "8.00",
                "vehicle_purchase_budget": "0.00",
                "vehicle_operation_budget": "8.00",
            },
        ),
        # Beijing's 预算09表 titles it …“三公”经费支出表, as the central department does:
        # 223.799250 = 127.737000 + 11.642250 + 84.420000; 84.420000 = 44.920000 + 39.500000
        (
            "bj-finance-2026-budget-dept-tables.pdf",
            "14",
            {
                "total_budget": "223.799250",
                "overseas_travel_budget": "127.737000",
                "reception_budget": "11.642250",
                "vehicles_budget": "84.420000",
                "vehicle_purchase_budget": "44.920000",
                "vehicle_operation_budget": "39.500000",
            },
        ),
    ],
)
def test_a_budgets_three_public_table_fills_three_public(
    name: str, page: str, printed: dict[str, str], outcomes: dict[str, Outcome]
) -> None:
    """A budget's 三公 table, however it is titled and laid out, gives each item's budget."""
    amounts = read_csv(outcomes[name].out / "amounts.csv")
    rows = amounts[amounts["table"] == "three_public"]
    assert dict(zip(rows["column"], rows["published"], strict=True)) == printed
    assert set(rows["page"]) == {page}


def test_a_three_public_table_of_years_funds_and_units_fills_three_public(
    outcomes: dict[str, Outcome],
) -> None:
    """sz-petition's 财政拨款“三公”经费支出表 (p. 31) prints 预算单位 | 年度 | each item per
    fund (一般公共预算 | 政府性基金预算 | 国有资本经营预算), a unit's rows one per year
    (2025年 / 2026年 / 增减变化金额): each row's figures are of the year its 年度 cell
    prints, each column's of its item and fund, every row the unit's; the 2026 figures fill
    three_public, the unit beside them, and the identities hold per year and fund."""
    outcome = outcomes["sz-petition-2026-budget-dept.pdf"]
    tables = read_csv(outcome.out / "report_tables.csv")
    titled = tables[tables["title_printed"].str.contains("三公")]
    assert list(titled["table"]) == ["three_public"]
    amounts = read_csv(outcome.out / "amounts.csv")
    rows = amounts[amounts["table"] == "three_public"]
    assert set(rows["page"]) == {"31"} and set(rows["budget_unit"]) == {"深圳市信访局"}
    figures = dict(zip(rows["column"], rows["published"], strict=True))
    assert figures["previous_total_budget_general_budget"] == "5.58"
    assert figures["reception_budget_general_budget"] == "2.98"
    assert figures["vehicle_operation_budget_general_budget"] == "2.60"
    assert figures["change_total_budget_general_budget"] == "0.00"
    assert len(figures) == 3 * 6 * 3  # three years, six items, three funds: none lost
    three = read_csv(outcome.out / "three_public.csv").set_index("item")
    assert three.loc["reception", "budget_general_budget"] == "2.98"
    assert three.loc["total", "budget_unit"] == "深圳市信访局"
    assert three.loc["total", "page"] == "31"
    assert _findings(outcome, "three_public") == []
    findings = read_csv(outcome.out / "findings.csv")
    assert findings[findings["kind"] == "extraction_failure"].empty


@pytest.mark.parametrize(
    ("name", "title", "kind"),
    [
        (
            "sz-petition-2026-budget-dept.pdf",
            "一般公共预算支出表（按功能分类）",
            "general_budget_expenditure",
        ),
        (
            "fz-commerce-2026-budget-dept.pdf",
            "2026 年度一般公共预算拨款支出预算表",
            "general_budget_expenditure",
        ),
        (
            "js-gjfy-2019-budget-dept.pdf",
            "一般公共预算支出预算表（功能科目）",
            "general_budget_expenditure",
        ),
        (
            "bj-finance-2026-budget-dept-tables.pdf",
            "预算06表 一般公共预算基本支出表",
            "general_budget_basic_expenditure",
        ),
        # beside a 备注 column of remarks, which holds no figure
        (
            "xa-finance-2026-budget-dept.pdf",
            "部门综合预算一般公共预算基本支出明细表（按支出经济分类科目）",
            "general_budget_basic_expenditure",
        ),
        # 专项业务经费支出 is the 项目支出 of Xi'an's 部门综合预算
        (
            "xa-finance-2026-budget-dept.pdf",
            "部门综合预算一般公共预算支出明细表（按支出功能分类科目）",
            "general_budget_expenditure",
        ),
        # the qualifier on a line of its own below the title says which kind it is
        (
            "xa-transport-2022-budget-dept.pdf",
            "2022年部门综合预算一般公共预算支出明细表（按功能科目分）",
            "general_budget_expenditure",
        ),
        (
            "xa-transport-2022-budget-dept.pdf",
            "2022年部门综合预算一般公共预算支出明细表（按经济分类科目分）",
            "general_budget_expenditure_economic",
        ),
        # Beijing's 预算05表 prints 扣除基建项目后预算数 beside 项目支出总数: a part of it
        (
            "bj-audit-2026-budget-dept-tables.pdf",
            "预算05表 一般公共预算支出表",
            "general_budget_expenditure",
        ),
        # by economic code: the whole general budget's kind of its own
        (
            "sz-petition-2026-budget-dept.pdf",
            "一般公共预算支出表（按经济分类）",
            "general_budget_expenditure_economic",
        ),
        (
            "fz-civil-2026-budget-unit.pdf",
            "2026 年度一般公共预算支出经济分类情况表",
            "general_budget_expenditure_economic",
        ),
        # basic spending by function code: a kind of its own
        (
            "xa-finance-2026-budget-dept.pdf",
            "部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
            "general_budget_basic_expenditure_function",
        ),
        # the centre's 部门公开表5 compares 2026年预算数 with 2025年执行数 (增减额 | 增减(%))
        (
            "central-xfj-2026-budget-dept.pdf",
            "一般公共预算支出表",
            "general_budget_expenditure",
        ),
    ],
)
def test_the_general_budget_tables_are_known_by_their_national_titles(
    name: str, title: str, kind: str, outcomes: dict[str, Outcome]
) -> None:
    """The 一般公共预算 spending tables as provinces title them, with or without 预算, 情况,
    明细, 拨款 or a （按功能分类） qualifier, fill the tidy resources, and so do those by
    economic code; basic spending by function code is a kind of its own."""
    tables = read_csv(outcomes[name].out / "report_tables.csv")
    assert tables.loc[tables["title_printed"] == title, "table"].tolist() == [kind]


def test_a_summary_of_one_column_is_no_general_budget_figure(
    outcomes: dict[str, Outcome],
) -> None:
    """fz-commerce's 财政拨款收支预算总表 (p. 15) prints one 预算数 column: its 类 lines add
    the 一般公共预算 and the 政府性基金 (212 城乡社区支出 1800.00 is fund money), so they are
    not held to the 一般公共预算拨款支出预算表 (p. 16), which prints general-budget 类 only."""
    findings = read_csv(outcomes["fz-commerce-2026-budget-dept.pdf"].out / "findings.csv")
    assert findings[findings["rule"].isin(["cross_table_class", "cross_table_total"])].empty
    spending = read_csv(outcomes["fz-commerce-2026-budget-dept.pdf"].out / "function_spending.csv")
    general = spending[spending["table"] == "general_budget_expenditure"]
    assert "216" in set(general["function_code"])


def test_a_title_wrapped_over_lines_is_read_whole(outcomes: dict[str, Outcome]) -> None:
    """fz-civil prints a project's 绩效目标表 title over two or three lines when its name is
    long (p. 34: 革命“五老”人员定期生活和医疗补助市级配套项 / 目绩效目标表; p. 47 over three
    lines): the title is all of them, not its last line."""
    tables = read_csv(outcomes["fz-civil-2026-budget-unit.pdf"].out / "report_tables.csv")
    titles = dict(zip(tables["first_page"], tables["title_printed"], strict=True))
    assert titles["34"] == "革命“五老”人员定期生活和医疗补助市级配套项目绩效目标表"
    assert titles["47"] == (
        "提前下达2026年中央财政困难群众救助补助资金"
        "（支持困难失能老年人等群体基本养老服务救助方向）项目绩效目标表"
    )
    # a title of one line keeps its own, whatever stands above it
    assert titles["12"] == "2026 年度收支预算总表"


def test_a_spending_table_that_prints_names_alone_gives_its_classes_their_codes(
    outcomes: dict[str, Outcome],
) -> None:
    """hz-meteo's 表3 支出预算总表 (p. 17) prints 功能分类科目名称 and no code: its 类 rows
    (自然资源海洋气象等支出 5,371.48) take the national 类 code by name, its 款 and 项 none,
    and 基本支出 printed only as 人员支出 + 日常公用支出 is not summed into one."""
    outcome = outcomes["hz-meteo-2026-budget-dept.pdf"]
    spending = read_csv(outcome.out / "function_spending.csv")
    rows = spending[spending["table"] == "expenditure"]
    assert set(rows["function_code"]) == {"206", "208", "210", "220"}
    row = rows[rows["function_code"] == "220"].iloc[0]
    assert (row["total"], row["project_expenditure"], row["page"]) == ("5371.48", "2103.61", "17")
    assert row["basic_expenditure"] == ""


def test_a_row_the_page_foot_cuts_in_two_is_one_row(outcomes: dict[str, Outcome]) -> None:
    """hz-police's 收入预算总表 prints 杭州市机动 | 14,549.64 | 14,549.64 | 12,437.3 | 2,112.28
    at the foot of p. 21 and 车驾驶员考试 / 服务中心 | 6 (under 事业收入) at the top of p. 22:
    one unit, whose 事业收入 is 12,437.36 (+ 2,112.28 = 14,549.64)."""
    outcome = outcomes["hz-police-2026-budget-dept.pdf"]
    figures = _figures(outcome, "income", "杭州市机动车驾驶员考试服务中心")
    assert figures == {
        "total": ("14,549.64", 21),
        "income": ("14,549.64", 21),
        "institution_income": ("12,437.36", 21),
        "other_income": ("2,112.28", 21),
    }
    amounts = read_csv(outcome.out / "amounts.csv")
    assert "车驾驶员考试服务中心" not in set(amounts["row_label"])
    assert _findings(outcome, "income") == []


#: Identity findings read against the PDF and confirmed as printed (file, table, page,
#: rule, the printed figure, what the identity expects, what the page shows).
CONFIRMED_FINDINGS = Path(__file__).parent / "data" / "confirmed_findings.tsv"


def confirmed_findings() -> dict[str, list[tuple[str, str, str, str]]]:
    with CONFIRMED_FINDINGS.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    confirmed: dict[str, list[tuple[str, str, str, str]]] = {}
    for row in rows:
        key = (row["table"], row["page"], row["rule"], row["printed"])
        confirmed.setdefault(row["file"], []).append(key)
    return {name: sorted(keys) for name, keys in confirmed.items()}


@pytest.mark.parametrize("name", sorted(confirmed_findings()))
def test_the_identity_findings_of_a_verified_document_are_those_confirmed(
    name: str, outcomes: dict[str, Outcome]
) -> None:
    """Every identity a verified document breaks is one the PDF prints broken, and each
    such is still reported: a misread cell would add a finding here, a lost one remove it."""
    findings = read_csv(outcomes[name].out / "findings.csv")
    reported = findings[
        (findings["kind"] == "source_inconsistency")
        & (findings["rule"] != "contents_listed")
        & ~findings["rule"].isin(NARRATIVE_RULES)
    ]
    found = sorted(
        (f["table"], f["page"], f["rule"], str(Decimal(f["found"])))
        for f in reported.to_dict(orient="records")
    )
    assert found == confirmed_findings()[name]


#: Narrative findings read against the PDF and confirmed as printed (file, rule, page, the
#: figure as printed, what the page shows): the sentence says what its tables or its own
#: figures contradict, or names a year, a placeholder or punctuation as printed.
CONFIRMED_NARRATIVE = Path(__file__).parent / "data" / "confirmed_narrative_findings.tsv"


def confirmed_narrative() -> dict[str, list[tuple[str, str, str]]]:
    with CONFIRMED_NARRATIVE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    confirmed: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        confirmed.setdefault(row["file"], []).append((row["rule"], row["page"], row["found"]))
    return {name: sorted(keys) for name, keys in confirmed.items()}


@pytest.mark.parametrize("name", sorted(confirmed_narrative()))
def test_the_narrative_findings_of_a_verified_document_are_those_confirmed(
    name: str, outcomes: dict[str, Outcome]
) -> None:
    """Every narrative finding of a document read against its pages is one the PDF prints
    (a misread sentence would add one here, a lost check remove one); a document confirmed
    with no finding is listed with the rule ``none``."""
    findings = read_csv(outcomes[name].out / "findings.csv")
    narrative = findings[findings["rule"].isin(NARRATIVE_RULES)]
    found = sorted(
        (f["rule"], f["page"], str(Decimal(f["found"])) if f["found"] else "")
        for f in narrative.to_dict(orient="records")
    )
    expected = [key for key in confirmed_narrative()[name] if key[0] != "none"]
    assert found == expected


@pytest.mark.parametrize(
    ("name", "named", "code", "page"),
    [
        # 1．法院（款）行政运行（项）支出17,279.29万元, in the text on the 一般公共预算: 2040501
        # on 公开07表 一般公共预算支出预算表 (p.12; 公开05表 p.10 prints it too)
        ("js-gjfy-2019-budget-dept.pdf", "法院（款）行政运行（项）", "2040501", 12),
        # 行政单位离退休（项）929.97万元, under 行政事业单位养老支出（款）named before it
        ("central-xfj-2026-budget-dept.pdf", "行政单位离退休（项）", "2080501", 7),
        # 检察（款）…1．行政运行（项）支出 10,883.36, on 公开07表 一般公共预算支出预算表
        # (p.17) as on 公开05表 (p.15), frames of cells drawn each in its own box: their codes
        # are a column of codes, their 款 figures and 类 figures one column
        ("js-jcy-2018-budget-dept.pdf", "行政运行（项）", "2040401", 17),
    ],
)
def test_a_function_named_without_its_class_is_held_to_the_row_of_that_name(
    name: str, named: str, code: str, page: int, outcomes: dict[str, Outcome]
) -> None:
    """A text that names a 款 and 项 by name (and a 项 under the 款 it named last) states the
    figure of the row its tables print under those names."""
    claims = read_csv(outcomes[name].out / "narrative_claims.csv")
    held = claims[(claims["subject"] == named) & (claims["measure"] == "amount")]
    assert held[["function_code", "outcome", "table_page"]].values.tolist() == [
        [code, "agrees", str(page)]
    ]


def test_running_costs_printed_by_economic_code_fill_their_resource(
    outcomes: dict[str, Outcome],
) -> None:
    """js-jcy-2018's 公开11表 一般公共预算机关运行经费支出预算表 (p. 20) prints 合计 2,722.57, the
    class 302 and its 款 (30201 办公费 130.00 … 30211 差旅费 45.00) under 机关运行经费支出;
    the text's 机关运行经费 2,722.57 (p. 29) is held to its 合计."""
    outcome = outcomes["js-jcy-2018-budget-dept.pdf"]
    tables = read_csv(outcome.out / "report_tables.csv")
    titled = tables[tables["title_printed"].str.contains("机关运行经费")]
    assert titled[["table", "first_page"]].values.tolist() == [["operating_costs", "20"]]
    costs = read_csv(outcome.out / "operating_costs.csv")
    by_code = dict(zip(costs["economic_code"], costs["amount"], strict=True))
    assert (by_code["30201"], by_code["30231"], by_code["30211"]) == ("130", "267.8", "45")
    assert by_code["302"] == "2722.57"  # its code and name cells taller than its figure's box
    assert len(costs) == 15 and set(costs["level"]) == {"1", "2"}
    claims = read_csv(outcome.out / "narrative_claims.csv")
    running = claims[(claims["topic"] == "operating_costs") & (claims["measure"] == "amount")]
    assert running[["value", "outcome", "table", "table_page"]].values.tolist() == [
        ["2722.57", "agrees", "operating_costs", "20"]
    ]


def test_procurement_lines_keep_their_category_and_funds(outcomes: dict[str, Outcome]) -> None:
    """cq-water's 政府采购预算明细表 (p. 29) prints 合计 11,884.37 and the lines A, B, C with
    their funds; the text (p. 7) states the total, each category, the general budget's part
    11,307.34 and then that part's categories, and every one is the table's."""
    outcome = outcomes["cq-water-2026-budget-dept.pdf"]
    lines = read_csv(outcome.out / "procurement.csv")
    assert lines[["line", "category", "amount", "general_budget"]].values.tolist() == [
        ["合计", "total", "11884.37", "11307.34"],
        ["A", "goods", "2703.49", "2703.19"],
        ["B", "works", "239.56", "239.56"],
        ["C", "services", "8941.32", "8364.59"],
    ]
    claims = read_csv(outcome.out / "narrative_claims.csv")
    stated = claims[claims["topic"].str.startswith("procurement")]
    assert stated[["topic", "value", "outcome"]].values.tolist() == [
        ["procurement", "11884.37", "agrees"],
        ["procurement_goods", "2703.49", "agrees"],
        ["procurement_works", "239.56", "agrees"],
        ["procurement_services", "8941.32", "agrees"],
        ["procurement_general_budget", "11307.34", "agrees"],
        ["procurement_goods", "2703.19", "agrees"],
        ["procurement_works", "239.56", "agrees"],
        ["procurement_services", "8364.59", "agrees"],
    ]


def test_a_general_budget_part_the_table_leaves_blank_is_no_finding(
    outcomes: dict[str, Outcome],
) -> None:
    """cq-meteo's text gives its general budget's procurement as 0 in each category; its
    table prints no 一般公共预算 column figure at all (事业收入 47, 其他收入 900): nothing to
    compare, never the category's whole figure."""
    outcome = outcomes["cq-meteo-2026-budget-dept.pdf"]
    claims = read_csv(outcome.out / "narrative_claims.csv")
    parts = claims[claims["topic"].isin(["procurement_goods", "procurement_services"])]
    assert parts[["value", "outcome"]].values.tolist() == [
        ["47", "agrees"],  # printed 4 7 万元
        ["900", "agrees"],
        ["0", "unmatched"],
        ["0", "unmatched"],
    ]
    findings = read_csv(outcome.out / "findings.csv")
    assert findings[findings["table"] == "government_procurement"].empty


def test_a_procurement_figure_in_a_box_wider_than_its_column_is_that_columns(
    outcomes: dict[str, Outcome],
) -> None:
    """js-jcy-2018's 政府采购支出预算表 draws each cell in its own box: 合计 3,096.24 stands
    under 总计, each line's figure in a box starting a hair left of it. Every line's figure
    is the 总计's, none a nameless column."""
    outcome = outcomes["js-jcy-2018-budget-dept.pdf"]
    lines = read_csv(outcome.out / "procurement.csv")
    assert lines[["line", "category", "amount"]].values.tolist()[:4] == [
        ["合计", "total", "3096.24"],
        ["一、货物A", "goods", "268"],
        ["网络、电子检务、实验室、机要通道、档案数字化系统运行维护费", "goods", "60"],
        ["PC服务器", "goods", "40"],
    ]
    amounts = read_csv(outcome.out / "amounts.csv")
    assert set(amounts[amounts["table"] == "government_procurement"]["column"]) == {"total"}


def test_a_quantity_column_counts_and_is_no_money(outcomes: dict[str, Outcome]) -> None:
    """xa-petition's 政府采购（资产配置、购买服务）预算表 (p. 31, 金额 in 元) prints 数量 6 and
    预算金额 3,786,500.00 on its 合计: six items, not 0.0006 万元."""
    outcome = outcomes["xa-petition-2026-budget-dept.pdf"]
    lines = read_csv(outcome.out / "procurement.csv")
    total = lines[lines["category"] == "total"]
    assert total[["quantity", "amount"]].values.tolist() == [["6", "378.65"]]
    amounts = read_csv(outcome.out / "amounts.csv")
    counted = amounts[(amounts["column_label"] == "数量") & (amounts["row_label"] == "合计")]
    assert counted[["amount", "unit"]].values.tolist() == [["6", "个"]]


def test_a_reports_directory_is_read_as_the_report_of_its_name(tmp_path: Path) -> None:
    """``fiscal extract DIR --catalogue ROWS`` without ``--report-id``: the directory of a
    report (``data/raw/<report_id>/``) names it, so its catalogue rows give its files, in
    their order, and its facts; the report is not named after its first file."""
    report = "bj-finance-2026-budget-dept"
    directory = tmp_path / report
    directory.mkdir()
    for name in (f"{report}.pdf", f"{report}-tables.pdf"):
        (directory / name).symlink_to(CORPUS / name)
    rows = read_csv(ROOT / "data" / "sources.csv")
    catalogue = tmp_path / "rows.csv"
    rows[rows["report_id"] == report].to_csv(catalogue, index=False)
    out = tmp_path / "out"
    done = subprocess.run(
        [*FISCAL, "extract", str(directory), "--out", str(out), "--catalogue", str(catalogue)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    reports = read_csv(out / "reports.csv")
    assert reports[["report_id", "publisher_id"]].values.tolist() == [[report, "bj-finance"]]
    tables = read_csv(out / "report_tables.csv")
    assert set(tables["file"]) == {f"{report}-tables.pdf"}  # the narrative volume prints none
    claims = read_csv(out / "narrative_claims.csv")
    assert set(claims["file"]) == {f"{report}.pdf"}


def test_every_funds_appropriations_fill_spending_by_function_and_by_economic_code(
    outcomes: dict[str, Outcome],
) -> None:
    """js-gjfy-2019's 公开05表 财政拨款支出预算表（功能科目） (p. 10) prints 合计 37,188.34 in its
    code column, in the middle of the rows its figure's box spans, and 2040501 行政运行
    17,279.29; 公开06表 财政拨款基本支出预算表（经济科目）
    (p. 11) 合计 21,968.00 and 30101 基本工资 2,827.41. They are every fund's appropriations:
    function_spending rows of fund ``appropriation``, and basic spending by economic code."""
    outcome = outcomes["js-gjfy-2019-budget-dept.pdf"]
    assert _figures(outcome, "appropriation_expenditure", "合计") == {"amount": ("37,188.34", 10)}
    spending = read_csv(outcome.out / "function_spending.csv")
    appropriation = spending[spending["fund"] == "appropriation"]
    by_code = dict(zip(appropriation["function_code"], appropriation["total"], strict=True))
    assert (by_code["204"], by_code["2040501"]) == ("27488.23", "17279.29")
    # the one 金额 column of 公开07表 一般公共预算支出预算表 (p. 12) is its rows' total too
    general = spending[
        (spending["fund"] == "general_budget") & (spending["function_code"] == "2040501")
    ]
    assert general[["total", "page"]].values.tolist() == [["17279.29", "12"]]
    assert _figures(outcome, "appropriation_basic_expenditure", "合计") == {
        "amount": ("21,968.00", 11)
    }
    basic = read_csv(outcome.out / "basic_spending_economic.csv")
    row = basic[basic["economic_code"] == "30101"]
    assert row[["table", "amount", "expense_type"]].values.tolist() == [
        ["appropriation_basic_expenditure", "2827.41", "personnel"],
        # 公开08表 一般公共预算基本支出预算表 (p. 13), one column headed 基本支出
        ["general_budget_basic_expenditure", "2827.41", "personnel"],
    ]
    findings = read_csv(outcome.out / "findings.csv")
    assert findings.empty, findings.to_dict(orient="records")[:3]


def test_every_tidy_spending_row_keeps_its_figure(outcomes: dict[str, Outcome]) -> None:
    """A row of function_spending or basic_spending_economic with no figure is a figure
    lost between amounts and the tidy resource: a table of one 金额 column (Jiangsu's
    一般公共预算支出预算表), one headed 基本支出, or a final account's two panels (人员经费 /
    金额 | 公用经费 / 金额, fs-metro) each give the row its figure."""
    empty: dict[str, int] = {}
    for name, outcome in outcomes.items():
        for name_of in ("function_spending", "basic_spending_economic"):
            path = outcome.out / f"{name_of}.csv"
            if not path.exists():
                continue
            rows = read_csv(path)
            figures = [f["name"] for f in resource(name_of)["schema"]["fields"]]
            figures = [f for f in figures if f in rows.columns and _is_figure(name_of, f)]
            unread = (rows[figures] == "").all(axis=1).sum()
            if unread:
                empty[f"{name} {name_of}"] = int(unread)
    assert empty == {}


def _is_figure(name: str, field: str) -> bool:
    return (
        next(f for f in resource(name)["schema"]["fields"] if f["name"] == field)["type"]
        == "number"
    )


def test_personnel_and_public_costs_are_held_to_the_classes_they_add_up(
    outcomes: dict[str, Outcome],
) -> None:
    """fz-commerce's text gives 人员经费 3551.21 and 公用经费 310.04 (p. 28); its 一般公共预算
    基本支出经济分类情况表 (p. 21) prints no line of either, only its classes: 301 + 303 and
    302 + 310 add up to them, a sum the check labels as its own."""
    claims = read_csv(outcomes["fz-commerce-2026-budget-dept.pdf"].out / "narrative_claims.csv")
    costs = claims[claims["topic"].isin(["personnel", "public"]) & (claims["measure"] == "amount")]
    assert costs[["value", "outcome", "table_page", "table_row"]].values.tolist() == [
        ["3551.21", "agrees", "21", "301、303 类之和"],
        ["310.04", "agrees", "21", "302、310 类之和"],
    ]


def test_general_budget_spending_by_economic_code_fills_its_resource(
    outcomes: dict[str, Outcome],
) -> None:
    """fz-civil's 2026 年度一般公共预算支出经济分类情况表 (p. 19) prints one 预算数 column: 合计
    2144.92, 301 工资福利支出 1122.98, 302 776.33, 303 239.31, 310 资本性支出 6.30, and the
    classes it leaves blank (307, 309, 311 …); fz-medins's (p. 17) 313 对社会保障基金补助
    333405.00. sz-petition's 一般公共预算支出表（按经济分类） (p. 28) prints 支出总计 | 基本支出 |
    项目支出: 30201 办公费 76.00 = 21.00 + 55.00. Each is a row of spending_economic, its
    classes adding up to its 合计, and a class printed blank is no row."""
    outcome = outcomes["fz-civil-2026-budget-unit.pdf"]
    assert _figures(outcome, "general_budget_expenditure_economic", "合计") == {
        "amount": ("2144.92", 19)
    }
    spending = read_csv(outcome.out / "spending_economic.csv")
    assert spending[["economic_code", "amount", "page"]].values.tolist() == [
        ["301", "1122.98", "19"],
        ["302", "776.33", "19"],
        ["303", "239.31", "19"],
        ["310", "6.3", "19"],
    ]
    assert not _findings(outcome, "general_budget_expenditure_economic")
    medins = read_csv(outcomes["fz-medins-2026-budget-dept.pdf"].out / "spending_economic.csv")
    assert medins.loc[medins["economic_code"] == "313", "amount"].tolist() == ["333405"]
    petition = outcomes["sz-petition-2026-budget-dept.pdf"]
    rows = read_csv(petition.out / "spending_economic.csv")
    office = rows[rows["economic_code"] == "30201"]
    assert office[
        ["amount", "basic_expenditure", "project_expenditure", "page"]
    ].values.tolist() == [["76", "21", "55", "28"]]
    assert not _findings(petition, "general_budget_expenditure_economic")


def test_a_listed_title_qualified_in_other_words_names_its_printed_table(
    outcomes: dict[str, Outcome],
) -> None:
    """xa-transport's 目录 (p. 26) lists 表7 …一般公共预算基本支出明细表（按支出功能分类科目）;
    p. 44 prints it as …（按功能科目分）. The same words with their qualifier said in other
    words name one table, even once 表6 beside it is matched by its kind."""
    findings = read_csv(outcomes["xa-transport-2022-budget-dept.pdf"].out / "findings.csv")
    assert findings[findings["rule"] == "contents_listed"].empty


def test_meetings_and_trainings_are_read_a_line_each(outcomes: dict[str, Outcome]) -> None:
    """xa-finance prints its 会议费明细表 under its text (title p. 18, lines p. 19: 1 决算汇审会
    125 人 23.00 … 11 专项债券项目评审 480 人 9.60) and its 培训费明细表 over pp. 19–20 (10
    财政干部培训 120 人 36.56); no total, but the text (p. 18) states 会议费 46.18 and 培训费
    140.26 万元, which the lines add up to within their roundings. xa-petition's 培训费明细表
    (pp. 14–15) lists four, 21.98 万元 as its text says."""
    outcome = outcomes["xa-finance-2026-budget-dept.pdf"]
    lines = read_csv(outcome.out / "meetings_and_training.csv")
    meetings = lines[lines["table"] == "meeting_details"]
    assert meetings[["line", "participants", "amount", "page"]].values.tolist()[0] == [
        "决算汇审会",
        "125",
        "23",
        "19",
    ]
    assert meetings[["participants", "amount"]].values.tolist()[-1] == ["480", "9.6"]
    training = lines[lines["table"] == "training_details"]
    assert training.loc[training["line"] == "财政干部培训", ["amount", "page"]].values.tolist() == [
        ["36.56", "20"]
    ]
    assert abs(sum(map(Decimal, meetings["amount"])) - Decimal("46.18")) <= Decimal("0.06")
    assert sum(map(Decimal, training["amount"])) == Decimal("140.26")
    petition = read_csv(
        outcomes["xa-petition-2026-budget-dept.pdf"].out / "meetings_and_training.csv"
    )
    assert list(petition["table"]) == ["training_details"] * 4
    assert sum(map(Decimal, petition["amount"])) == Decimal("21.98")


def test_a_generic_row_keeps_every_level_of_its_name(outcomes: dict[str, Outcome]) -> None:
    """bj-audit's 财政拨款政府购买服务明细表 (p. 11) names each line over three columns under
    指导性目录 (一级 | 二级 | 三级): 02-政府履职辅助性服务 | 0210-信息化服务 | 网络接入服务
    21.920400; the row's label is the path of all three, not 一级 alone, and 合计 (merged
    over the levels) is read once."""
    amounts = read_csv(outcomes["bj-audit-2026-budget-dept-tables.pdf"].out / "amounts.csv")
    page = amounts[amounts["page"] == "11"]
    assert page[["row_label", "amount"]].values.tolist()[0] == ["合计", "3756.18028"]
    assert ["02-政府履职辅助性服务 / 0210-信息化服务 / 网络接入服务", "21.9204"] in page[
        ["row_label", "amount"]
    ].values.tolist()


def test_purchased_services_are_read_a_line_each_by_catalogue_level(
    outcomes: dict[str, Outcome],
) -> None:
    """bj-audit's 财政拨款政府购买服务明细表 (p. 11): 合计 3,756.180280, then 23 lines by
    指导性目录 一级 | 二级 | 三级, 02-政府履职辅助性服务 | 0210-信息化服务 | 网络接入服务 21.920400
    and last 0212-其他辅助性服务 | 档案管理服务 40.000000; the lines add up to 合计. bj-edu's
    runs over pp. 34–36 (合计 6,417.914372; last 0211-后勤服务 | 维修保养服务 7.068000 on
    p. 36), a 三级 name wrapped in its cell read whole."""
    audit = read_csv(
        outcomes["bj-audit-2026-budget-dept-tables.pdf"].out / "purchased_services.csv"
    )
    assert audit[["line", "level_1", "amount", "page"]].values.tolist()[0] == [
        "合计",
        "",
        "3756.18028",
        "11",
    ]
    assert len(audit) == 24
    network = audit[audit["level_3"] == "网络接入服务"]
    assert network[["level_1", "level_2", "amount"]].values.tolist() == [
        ["02-政府履职辅助性服务", "0210-信息化服务", "21.9204"]
    ]
    assert audit[["level_2", "level_3", "amount"]].values.tolist()[-1] == [
        "0212-其他辅助性服务",
        "档案管理服务",
        "40",
    ]
    assert "其他适合通过市场化方式提供的信息化服务" in set(audit["level_3"])
    assert sum(map(Decimal, audit["amount"][1:])) == Decimal("3756.18028")
    edu = read_csv(outcomes["bj-edu-2026-budget-dept-tables.pdf"].out / "purchased_services.csv")
    assert edu[["level_2", "level_3", "amount", "page"]].values.tolist()[-1] == [
        "0211-后勤服务",
        "维修保养服务",
        "7.068",
        "36",
    ]
    assert sum(map(Decimal, edu["amount"][1:])) == Decimal(edu["amount"][0])


def test_a_table_listed_unit_by_unit_keeps_each_rows_budget_unit(
    outcomes: dict[str, Outcome],
) -> None:
    """sz-ecology's 一般公共预算支出表（按经济分类） (pp. 189–231) prints the department's row
    (深圳市生态环境局 166,180.74), then each 预算单位's name in the column 预算单位 with the rows
    coded under it: 深圳市生态环境局（本级） 63,051.28 and its 301 工资福利支出 6,192.08 (p. 189)
    … 深圳市生态环境局深汕管理局 3,371.61 and its 301 676.26 (p. 229). Each coded row names its
    unit, so a code printed once per unit is one row per unit. A column of item names whose
    label says 部门 (Shanghai's 部门经济分类科目名称, Xi'an's 部门经济科目名称) lists no
    units (Xi'an's unit lines, 116001 西安市财政局 over its projects, do); Hangzhou's 项目支出表
    prints each project's 单位名称 beside its 项目名称."""
    ecology = outcomes["sz-ecology-2026-budget-dept.pdf"]
    spending = read_csv(ecology.out / "spending_economic.csv")
    wages = spending[spending["economic_code"] == "301"]
    assert len(wages) == 17 and wages["budget_unit"].is_unique
    assert wages.iloc[[0, -1]][["budget_unit", "amount", "page"]].values.tolist() == [
        ["深圳市生态环境局(本级)", "6192.08", "189"],
        ["深圳市生态环境局深汕管理局", "676.26", "229"],
    ]
    assert (spending["budget_unit"] != "").all()
    assert not spending.duplicated(["budget_unit", "economic_code"]).any()
    amounts = read_csv(ecology.out / "amounts.csv")
    opening = amounts[
        (amounts["table"] == "general_budget_expenditure_economic")
        & (amounts["code"] == "")
        & (amounts["column"] == "total")
    ]
    assert opening[["row_label", "budget_unit", "amount"]].values.tolist()[:2] == [
        ["深圳市生态环境局", "深圳市生态环境局", "166180.74"],
        ["深圳市生态环境局(本级)", "深圳市生态环境局(本级)", "63051.28"],
    ]
    functions = read_csv(ecology.out / "function_spending.csv")
    assert (functions["budget_unit"] != "").all()
    assert not functions.duplicated(["table", "budget_unit", "function_code"]).any()
    audit = read_csv(outcomes["sh-audit-2026-budget-unit.pdf"].out / "amounts.csv")
    assert (audit["budget_unit"] == "").all()
    finance = outcomes["xa-finance-2026-budget-dept.pdf"].out
    assert (read_csv(finance / "spending_economic.csv")["budget_unit"] == "").all()
    # its 专项业务经费支出表 (pp. 38–39) alone lists rows under its units' lines (116001
    # 西安市财政局 190,709,936.00 over its projects; 116 西安市财政局 above is the department's)
    listed = read_csv(finance / "amounts.csv").query("budget_unit != ''")
    assert set(zip(listed["table"], listed["page"], strict=True)) == {
        ("project_expenditure", "38"),
        ("project_expenditure", "39"),
    }
    assert listed[["row_label", "budget_unit", "published"]].values.tolist()[:2] == [
        ["西安市财政局", "西安市财政局", "190,709,936.00"],
        ["通用项目", "西安市财政局", "18,640,800.00"],
    ]
    police = read_csv(outcomes["hz-police-2026-budget-dept.pdf"].out / "amounts.csv")
    project = police[(police["table"] == "project_expenditure") & (police["column"] == "total")]
    assert project[["budget_unit", "project", "amount", "page"]].values.tolist()[1] == [
        "杭州市公安局",
        "执法办案",
        "6192.04",
        "32",
    ]


def test_a_department_code_split_over_government_codes_is_a_row_per_part(
    outcomes: dict[str, Outcome],
) -> None:
    """xa-ecology's 表6 (p. 35, in 元) prints 部门经济科目编码 | 名称 | 政府经济科目编码 | 名称:
    301 工资福利支出 188,127,801.81, then 30101 基本工资 | 50101 27,802,467.00 and 30101 基本工资
    | 50501 16,205,820.00. Each 款 keeps its own code, the government code beside it tells
    its parts apart, and the 类 is held to all of them (no finding: they add up)."""
    outcome = outcomes["xa-ecology-2022-budget-dept.pdf"]
    spending = read_csv(outcome.out / "spending_economic.csv")
    first = spending[spending["page"] == "35"].head(3)
    assert first[["economic_code", "government_economic_code", "amount"]].values.tolist() == [
        ["301", "", "18812.780181"],
        ["30101", "50101", "2780.2467"],
        ["30101", "50501", "1620.582"],
    ]
    assert not spending.duplicated(["table", "economic_code", "government_economic_code"]).any()
    assert not _findings(outcome, "general_budget_expenditure_economic")
    basic = read_csv(outcome.out / "basic_spending_economic.csv")
    assert (basic["economic_code"].str.len() == 5).sum() > 40


def test_a_row_classified_by_function_and_economy_is_a_row_per_part(
    outcomes: dict[str, Outcome],
) -> None:
    """The 支出总表 of bj-audit (p. 3), bj-edu (pp. 4–19), bj-finance (pp. 4–6) and
    bj-veterans (pp. 3–4) print 支出功能分类科目 | 政府支出经济分类科目 | 部门支出经济分类科目,
    each cell code-name (2010801-行政运行 | 50101-工资奖金津补贴 | 30101-基本工资): no two rows
    of one table share all three codes, every row keeps both economic codes beside its
    function code, and no name anywhere keeps the dash that joined it to its code."""
    for name in (
        "bj-audit-2026-budget-dept-tables.pdf",
        "bj-edu-2026-budget-dept-tables.pdf",
        "bj-finance-2026-budget-dept-tables.pdf",
        "bj-veterans-2026-budget-dept-tables.pdf",
    ):
        spending = read_csv(outcomes[name].out / "function_spending.csv")
        spending = spending[spending["table"] == "expenditure"]
        parts = ["function_code", "government_economic_code", "economic_code"]
        assert len(spending) > 60 and not spending.duplicated(parts).any(), name
        assert (spending["government_economic_code"].str.startswith("5")).all(), name
        assert (spending["economic_code"].str.startswith("3")).all(), name
        basic = read_csv(outcomes[name].out / "basic_spending_economic.csv")
        assert (basic["economic_code"].str.startswith("3")).all(), name
        assert (basic["government_economic_code"].str.startswith("5")).all(), name
    for name, outcome in outcomes.items():
        if (outcome.out / "amounts.csv").exists():
            labels = read_csv(outcome.out / "amounts.csv")
            coded = labels[labels["code"] != ""]
            assert not coded["row_label"].str.match(r"^[-－—–]").any(), name
