"""The one vocabulary: every stored word has an entry, and the descriptor agrees with it."""

from __future__ import annotations

import ast
import re
from decimal import Decimal

import pytest

from fiscal import errors, vocabulary
from fiscal.records import Finding
from fiscal.schema import ROOT, descriptor, resource

CHECKS = sorted((ROOT / "scripts" / "fiscal" / "check").glob("*.py"))
#: Where each comparison method of the checks takes its rule id.
RULE_ARGUMENT = {
    "compare": 2,
    "sum_of_rows": 1,
    "inconsistency": 2,
    "listed_finding": 3,
    "_finding": 1,
    "_compare_percent": 1,
    "_funds_sum": 1,
}


def rule_arguments() -> list[ast.expr]:
    """The rule argument of every comparison call in the check modules."""
    found = []
    for path in CHECKS:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if called in RULE_ARGUMENT and len(node.args) > RULE_ARGUMENT[called]:
                found.append(node.args[RULE_ARGUMENT[called]])
    return found


def rule_pattern(argument: ast.expr) -> re.Pattern[str] | None:
    """A literal rule id, or an f-string with its formatted parts as wildcards."""
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return re.compile(re.escape(argument.value))
    if isinstance(argument, ast.JoinedStr):
        parts = [
            re.escape(part.value) if isinstance(part, ast.Constant) else "[a-z]+"
            for part in argument.values
        ]
        return re.compile("".join(parts))
    return None  # passed on from a parameter: the caller's literal is checked instead


def test_every_rule_the_checks_use_has_an_entry() -> None:
    patterns = [p for p in map(rule_pattern, rule_arguments()) if p is not None]
    assert len(patterns) >= 15, "the scan found too few rule ids to be reading the checks"
    for pattern in patterns:
        assert any(pattern.fullmatch(rule) for rule in vocabulary.RULES), pattern.pattern


def test_every_rule_entry_is_used() -> None:
    patterns = [p for p in map(rule_pattern, rule_arguments()) if p is not None]
    unused = [
        rule
        for rule in vocabulary.RULES
        if rule != vocabulary.EXTRACTION and not any(p.fullmatch(rule) for p in patterns)
    ]
    assert unused == []


def test_every_rule_has_chinese_words_and_a_severity() -> None:
    for rule in vocabulary.RULES.values():
        assert re.search(r"[\u4e00-\u9fff]", rule.name_cn), rule.id
        assert re.search(r"[\u4e00-\u9fff]", rule.description_cn), rule.id
        assert rule.severity in vocabulary.SEVERITIES, rule.id
        assert rule.identity, rule.id


def test_a_finding_under_a_rule_without_an_entry_cannot_be_made() -> None:
    with pytest.raises(ValueError, match=r"vocabulary\.RULES lacks"):
        Finding(
            report_id="r",
            table="income",
            rule="hierarchy_summ",
            kind=vocabulary.SOURCE_INCONSISTENCY,
            message="a misspelt rule",
        )
    with pytest.raises(ValueError, match="kind"):
        Finding(report_id="r", table="income", rule="row_sum", kind="typo", message="m")
    finding = Finding(
        report_id="r",
        table="income",
        rule="row_sum",
        kind=vocabulary.SOURCE_INCONSISTENCY,
        message="m",
        expected=Decimal(1),
    )
    assert finding.found is None and finding.expected == Decimal(1)


def enum(resource_name: str, field_name: str) -> list[str]:
    field = next(f for f in resource(resource_name)["schema"]["fields"] if f["name"] == field_name)
    return field["constraints"]["enum"]


@pytest.mark.parametrize(
    ("resource_name", "field_name"), list(vocabulary.STORED_WORDS), ids="{0[0]}.{0[1]}".format
)
def test_the_descriptor_allows_exactly_the_vocabulary(resource_name: str, field_name: str) -> None:
    words = vocabulary.STORED_WORDS[(resource_name, field_name)]
    assert set(enum(resource_name, field_name)) == set(words)


def test_every_vocabulary_id_field_of_the_descriptor_has_its_words() -> None:
    """A descriptor field whose allowed values are vocabulary ids is named in STORED_WORDS,
    so the dictionary page can show each value's Chinese name."""
    ids = {key for words in vocabulary.STORED_WORDS.values() for key in words}
    for item in descriptor()["resources"]:
        for field in item["schema"]["fields"]:
            values = set(field.get("constraints", {}).get("enum", []))
            if (item["name"], field["name"]) in vocabulary.STORED_WORDS:
                words = vocabulary.STORED_WORDS[(item["name"], field["name"])]
                assert values == set(words), (item["name"], field["name"])
            elif field["name"] in vocabulary.FIELD_WORDS:
                assert values == set(vocabulary.FIELD_WORDS[field["name"]]), item["name"]
            elif values and values <= ids:
                assert (item["name"], field["name"]) in vocabulary.STORED_WORDS, field["name"]


def test_stored_values_have_chinese_names() -> None:
    assert vocabulary.value_name("findings", "rule", "row_sum") == "合计 = 各列之和"
    assert vocabulary.value_name("function_spending", "phase", "final") == "决算"
    assert vocabulary.value_name("amounts", "table", "expenditure", "budget") == "支出预算总表"
    assert vocabulary.value_name("amounts", "unit", "万元") is None


def test_refusal_words_are_the_errors_reasons() -> None:
    """Every reason ``errors.py`` names has Chinese words for the site and the CLI."""
    reasons = {
        value for name, value in vars(errors).items() if name.isupper() and isinstance(value, str)
    }
    assert reasons == set(vocabulary.REFUSALS) | set(vocabulary.ADD_REFUSALS)
