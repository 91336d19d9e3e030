"""The performance-form fixtures agree with their seeds and with their own typeset grids.

The reader's tests compare extracted values against ``SeedForm``; these tests only make sure
those expectations are sound: every form of a seed is found, and every expected figure is a
cell the documents actually print.
"""

from __future__ import annotations

import re

import pytest

from fixtures.performance_forms import SEEDS, SeedForm, read_seed_forms

FORM_ENDINGS = ("绩效自评表", "基础数据表", "基础表")
TITLE_START = re.compile(r"\d{4}年|[^\d-]")


def printed_titles(name: str) -> int:
    """Lines that are only a form title: not an entry of the report's 附件 list, which starts
    with its number ("1." or "- 附件："), while a title may start with its year."""
    lines = SEEDS[name].read_text(encoding="utf-8").splitlines()
    squeezed = ("".join(line.split()) for line in lines)
    return sum(1 for line in squeezed if line.endswith(FORM_ENDINGS) and TITLE_START.match(line))


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_form_of_the_seed_is_read(name: str) -> None:
    forms = read_seed_forms(SEEDS[name])
    assert len(forms) == printed_titles(name)
    assert all(form.cells for form in forms)


def expected_texts(form: SeedForm) -> list[str]:
    texts = [v for fund in form.funds for k, v in fund.items() if k not in ("fund", "by")]
    texts += [v for row in form.indicators for v in row.values()]
    return texts + list(form.total.values())


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_expected_values_are_printed_cells(name: str) -> None:
    for form in read_seed_forms(SEEDS[name]):
        cells = {cell.text for cell in form.cells}
        nature = "".join(cell.text for cell in form.cells if "：" in cell.text)
        for fund in form.funds:
            if "amount" in fund:
                assert f"{fund['fund']}：" in nature and fund["amount"] in nature, fund
        missing = [text for text in expected_texts(form) if text not in cells]
        missing = [text for text in missing if not any(f"：{text}" in cell for cell in cells)]
        assert not missing, (form.title, missing)
