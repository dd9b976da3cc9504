"""Format equivalence: a generated disclosure loads to the same frames from every format.

Tika text, DOCX, XLSX and PDF renderings of one synthetic document must give the identical
``amounts`` frame (ignoring ``source``), the same table set, the same narrative figures and
the same 支出主要内容 items (ignoring page/line locations), and the same findings.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from helpers import check, load_disclosure
from helpers.synth import DEFECTS, FORMATS, STYLES, generate, write_synthetic

from conftest import examples

FORMAT_NAMES = {"txt": "tika_text"}
LOCATIONS = ["page", "line"]


def load_all(synthetic) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        return {fmt: load_disclosure(path)
                for fmt, path in write_synthetic(synthetic, Path(folder), FORMATS).items()}


#: The generator's key figures (in 元) and where each format must print them.
FIGURE_CELLS = {
    "total": ("expenditure_summary", "total", None),
    "basic": ("expenditure_summary", "basic", None),
    "project": ("expenditure_summary", "project", None),
    "personnel": ("general_budget_basic_expenditure", "personnel", None),
    "public": ("general_budget_basic_expenditure", "public", None),
    "three_public": ("three_public", "total", "total"),
}


def assert_generator_figures(disclosure, synthetic) -> None:
    """Assert the key totals read equal the figures the document was generated from.

    The generator's own figures, not another format's reading: a misreading that every
    reader shared would pass the comparison between formats but not this one.
    """
    amounts = disclosure.amounts
    for key, (table, measure, code) in FIGURE_CELLS.items():
        where = (amounts.table == table) & (amounts.measure == measure)
        where &= (amounts.level == 0) if code is None else (amounts.line_code == code)
        assert amounts[where].amount_yuan.tolist() == [synthetic.figures[key]], \
            (disclosure.meta.format, key)


def assert_equivalent(loaded: dict, synthetic) -> None:
    reference = loaded["txt"]
    for fmt, disclosure in loaded.items():
        if not synthetic.defects:  # a planted defect changes what is printed
            assert_generator_figures(disclosure, synthetic)
        assert disclosure.meta.format == FORMAT_NAMES.get(fmt, fmt)
        assert (disclosure.meta.department, disclosure.meta.year) == (
            synthetic.department, synthetic.year)
        assert disclosure.amounts.drop(columns="source").equals(
            reference.amounts.drop(columns="source")), fmt
        assert sorted(disclosure.tables) == sorted(reference.tables), fmt
        assert disclosure.narrative.figures.drop(columns=LOCATIONS).equals(
            reference.narrative.figures.drop(columns=LOCATIONS)), fmt
        assert disclosure.narrative.spending_items.drop(columns=LOCATIONS).equals(
            reference.narrative.spending_items.drop(columns=LOCATIONS)), fmt
        assert len(disclosure.anomaly_list) == len(reference.anomaly_list), fmt


@given(seed=st.integers(min_value=0, max_value=10**6), style=st.sampled_from(STYLES),
       year=st.integers(min_value=2021, max_value=2026))
@examples(0.2)  # four formats written and read per example: 8 in CI, 400 long
def test_every_format_loads_to_the_same_frames(seed, style, year):
    synthetic = generate(seed, year=year, style=style, index=seed % 3)
    loaded = load_all(synthetic)
    assert_equivalent(loaded, synthetic)
    assert loaded["txt"].anomaly_list == []


def test_defects_are_found_in_every_format():
    for style in STYLES:
        synthetic = generate(31, style=style, defects=tuple(DEFECTS))
        loaded = load_all(synthetic)
        assert_equivalent(loaded, synthetic)
        for fmt, disclosure in loaded.items():
            findings = check(disclosure)
            found = set(findings[findings.severity != "info"].rule_id)
            for defect in synthetic.defects:
                assert defect.rule_id in found, (style, fmt, defect.kind)
