"""The identities of performance forms, checked on the figures as published.

Scores add up (Σ 得分 of the indicators and the funds line = 总分), an indicator scores
no more than its points, 执行率 = 全年执行数 / 全年预算数, and the funds total is the sum of
its sources. A violation is a source-inconsistency finding like any other; tolerances come
from the printed precision, as in :mod:`checks`.
"""

from __future__ import annotations

from decimal import Decimal

from fiscal.check.table_identities import Checker, Term
from fiscal.numbers import parse_quantity
from fiscal.records import Finding, FundLine, PerformanceForm
from fiscal.vocabulary import FUND_LEVELS, FUND_MEASURES, FUND_SOURCES

#: The funds-block columns in which 年度资金总额 is the sum of its sources.
_MEASURES = ("initial_budget", "full_year_budget", "executed", "amount")


def _figure(text: str | None, label: str, counted: bool = False) -> Term | None:
    """A printed figure (万元, % or points) as a term with the half-unit of its last digit.

    ``counted`` figures (points and scores) are exact where printed as whole numbers: a
    form awards 6 points, not 6 ± 0.5; a fractional score (8.93 = 10 × 89.34 %) is rounded.
    """
    quantity = parse_quantity(text)
    if quantity is None:
        return None
    exponent = quantity.value.as_tuple().exponent
    digits = exponent if isinstance(exponent, int) else 0
    half_unit = Decimal(0) if counted and digits >= 0 else Decimal(5) * Decimal(10) ** (digits - 1)
    return Term(quantity.value, half_unit, label)


class FormChecker(Checker):
    """Runs the performance-form identities of one report."""

    def __init__(self, report_id: str, forms: list[PerformanceForm]) -> None:
        super().__init__(report_id, [])
        self.forms = forms

    def run(self) -> list[Finding]:
        for form in self.forms:
            self.scores(form)
            self.execution_rates(form)
            self.fund_sources(form)
        return self.findings

    def _funds_sum(
        self, form: PerformanceForm, rule: str, total: FundLine, funds: tuple[str, ...], what: str
    ) -> None:
        """The funds total = Σ the lines of these funds, in each column that breaks it down."""
        sources = [line for line in form.funds if line.fund in funds and not line.by]
        for whole_line, parts_lines in _fund_blocks(form.funds, total, sources):
            for measure in _MEASURES:
                whole = _figure(
                    whole_line.values.get(measure),
                    f"{whole_line.label} {FUND_MEASURES[measure].cn}",
                )
                parts = _terms(parts_lines, measure)
                if whole is not None and parts:
                    self.compare(
                        form.table, whole_line.page, rule, whole, parts, f"{form.title} {what}"
                    )

    def scores(self, form: PerformanceForm) -> None:
        """得分 ≤ 分值 for each indicator; the 总分 row is the sum of the scored lines."""
        weights, scores = [], []
        for indicator in form.indicators:
            name = f"{indicator.texts.get('level3', '')}（第 {indicator.page} 页）"
            weight = _figure(indicator.texts.get("weight"), f"{name} 分值", counted=True)
            score = _figure(indicator.texts.get("score"), f"{name} 得分", counted=True)
            weights += [weight] if weight else []
            scores += [score] if score else []
            if weight and score:
                self.checked += 1
                if score.amount > weight.amount:
                    self.inconsistency(
                        form.table,
                        indicator.page,
                        "score_within_points",
                        weight.amount,
                        score.amount,
                        f"{form.title}：{name} 得分 {score.amount}，超过分值 {weight.amount}",
                    )
        funds = next((line for line in form.funds if line.fund == "total"), None)
        page = form.total_page or form.pages[-1]
        for key, terms, name in (("weight", weights, "分值"), ("score", scores, "得分")):
            total = _figure(form.total.get(key), f"总分 {name}（第 {page} 页）", counted=True)
            fund_term = _figure(funds.values.get(key), f"资金 {name}", True) if funds else None
            if total is None or not terms:
                continue
            if fund_term is None and funds is not None and "weight" in funds.values:
                continue  # the funds line earns points but prints no score: cannot add up
            parts = [*terms, *([fund_term] if fund_term else [])]
            self.compare(form.table, page, f"total_{key}", total, parts, f"{form.title} 总分")

    def execution_rates(self, form: PerformanceForm) -> None:
        """执行率 = 全年执行数 / 全年预算数, within the rounding of all three figures."""
        for line in form.funds:
            rate = _figure(line.values.get("execution_rate"), "执行率")
            executed = _figure(line.values.get("executed"), "全年执行数")
            budget = _figure(line.values.get("full_year_budget"), "全年预算数")
            if not (rate and executed and budget) or budget.amount == 0:
                continue
            self.checked += 1
            expected = executed.amount / budget.amount * 100
            spread = (executed.half_unit / executed.amount if executed.amount else 0) + (
                budget.half_unit / budget.amount
            )
            tolerance = rate.half_unit + expected * spread
            if abs(expected - rate.amount) > tolerance:
                self.inconsistency(
                    form.table,
                    line.page,
                    "execution_rate",
                    expected.quantize(Decimal("0.01")),
                    rate.amount,
                    f"{form.title}：{line.label} 印执行率 {rate.amount}%，而 "
                    f"{executed.amount} ÷ {budget.amount} = {expected:.2f}%",
                    tolerance,
                )

    def fund_sources(self, form: PerformanceForm) -> None:
        """年度资金总额 = 当年财政拨款 + 上年结转 + 其他资金, and 当年预算 = 市级支出 + 补助区县,
        in each column that breaks it down; the 按收入性质 lines add up to 全年预算数 and the
        按支出性质 lines to 全年执行数 (to the one 资金总额 figure where the form prints no
        columns)."""
        total = next((line for line in form.funds if line.fund == "total" and not line.by), None)
        if total is None:
            return
        self._funds_sum(form, "fund_sources", total, FUND_SOURCES, "资金来源")
        self._funds_sum(form, "fund_levels", total, FUND_LEVELS, "市级与区县")
        for by, measure in (("income", "full_year_budget"), ("spending", "executed")):
            printed = total.values.get(measure, total.values.get("amount"))
            whole = _figure(printed, f"{total.label} {FUND_MEASURES[measure].cn}")
            parts = _terms([line for line in form.funds if line.by == by and line.fund], "amount")
            if whole is not None and parts:
                self.compare(
                    form.table, total.page, f"fund_{by}_breakdown", whole, parts, form.title
                )


def _fund_blocks(
    funds: list[FundLine], total: FundLine, sources: list[FundLine]
) -> list[tuple[FundLine, list[FundLine]]]:
    """Each funds total with the sources it adds up. A form that prints its funds block
    twice side by side (实施期资金总额 | 年度资金总额, each over its own 其中：财政拨款 and
    其他资金) has a row of totals: the n-th total adds the n-th source of each row below."""
    totals = [line for line in funds if line.row == total.row and line.fund == "total"]
    if len(totals) == 1:
        return [(total, sources)]
    placed: list[tuple[int, FundLine]] = []  # (its place in its row, the line)
    seen: dict[int, int] = {}
    for line in funds:
        placed.append((seen.get(line.row, 0), line))
        seen[line.row] = seen.get(line.row, 0) + 1
    return [
        (whole, [line for place, line in placed if place == column and line in sources])
        for column, whole in enumerate(totals)
    ]


def _terms(lines: list[FundLine], measure: str) -> list[Term]:
    terms = [
        _figure(line.values.get(measure), f"{line.label}（第 {line.page} 页）") for line in lines
    ]
    return [term for term in terms if term is not None]
