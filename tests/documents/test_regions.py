"""The multi-region corpus: every document loads, its standard tables are recognised, and
its key figures are read exactly as printed.

Expected figures come from ``tests/documents/region_figures.py``, read by hand from the PDFs with
``pdftotext`` (never from this project's readers) and checked by each document's own
arithmetic.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd
import pytest
from region_figures import REGION_FIGURES

from helpers import analysis, load_disclosure
from helpers.money import UNIT_FACTORS

pytestmark = pytest.mark.corpus

#: region_figures' kind names → this project's table kind keys (None: not a table).
KIND_ALIASES = {
    "project_expenditure_all_funds": "project_expenditure",
    "basic_expenditure_all_funds": "basic_expenditure",
    "performance_self_evaluation": "performance_evaluation",
    "special_fund_performance_targets": "performance_targets",
    "general_budget_project_economic": "general_budget_project_expenditure",
    "table_of_contents": None,
}
#: The narrative half of the Beijing disclosure holds no table: it is loaded with its pair.
NARRATIVE_ONLY = {"beijing_sjj-txt_2026_budget_dept.pdf"}
DOCUMENTS = sorted(name for name in REGION_FIGURES if name not in NARRATIVE_ONLY)

BASIC_KINDS = ("general_budget_basic_expenditure", "fiscal_grant_basic_expenditure",
               "basic_expenditure")
#: Documents whose 支出总表 prints no 类 lines (Beijing: 项 × economic class rows; Jiangsu:
#: totals only; Xi'an: rows by unit and funding source).
NO_CLASS_LINES = {"beijing_sjj-tbl_2026_budget_dept.pdf", "jiangsu_gjrmfy_2019_budget_dept.pdf",
                  "xian_qxj_2022_budget_dept.pdf", "xian_sjj_2026_budget_dept.pdf"}


@pytest.fixture(scope="module")
def disclosures(corpus_dir):
    return {name: load_disclosure(corpus_dir / "regions" / name) for name in DOCUMENTS}


def yuan(text: str | None, unit: str) -> Decimal | None:
    return None if text is None else Decimal(text) * UNIT_FACTORS[unit]



def total_line(disclosure, kind: str) -> dict:
    """Return the table's 合计 figures; side-by-side blocks print one 合计 line each."""
    lines = [line for line in disclosure.tables[kind].records() if line["level"] == 0]
    assert lines, f"{kind}: no 合计 line read"
    merged: dict = {}
    for line in lines:
        merged |= {key: value for key, value in line.items() if _blank(merged.get(key))}
    return merged


def _blank(value: object) -> bool:
    return value is None or pd.isna(value)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_standard_tables_recognised(disclosures, name):
    expected = {KIND_ALIASES.get(kind, kind) for kind, *_ in REGION_FIGURES[name]["tables"]}
    expected.discard(None)
    missing = expected - set(disclosures[name].tables)
    assert not missing, f"printed but not recognised: {sorted(missing)}"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_metadata(disclosures, name):
    meta, figures = disclosures[name].meta, REGION_FIGURES[name]
    # "深圳市民政局（本级）": the department, and the consolidation it states
    department = re.sub(r"[（(](本级|汇总)[）)]$", "", figures["department"])
    consolidation = figures["department"][len(department) + 1:-1] or None
    assert (meta.department, meta.consolidation, meta.year, meta.stage) == (
        department, consolidation, figures["year"], figures["stage"])


@pytest.mark.parametrize("name", DOCUMENTS)
def test_expenditure_summary_totals(disclosures, name):
    figures = REGION_FIGURES[name]["expenditure_summary"]
    line = total_line(disclosures[name], "expenditure_summary")
    unit = figures["unit"]
    for measure in ("total", "basic", "project"):
        if figures.get(measure) is not None and measure in line:
            assert line[measure] == yuan(figures[measure], unit), measure


@pytest.mark.parametrize("name", DOCUMENTS)
def test_expenditure_summary_classes(disclosures, name):
    figures = REGION_FIGURES[name]["expenditure_summary"]
    classes = [line for line in disclosures[name].tables["expenditure_summary"].records()
               if line["level"] == 1]
    lines = {key: line for line in classes for key in (line["line_code"], line["line_name"])}
    if name in NO_CLASS_LINES:
        assert not lines  # region_figures derives their classes from other tables
        return
    for code, class_name, total, _basic, _project in figures["classes"]:
        line = lines.get(code or class_name)
        assert line is not None, f"类 {code} {class_name} not read"
        assert line["total"] == yuan(total, figures["unit"]), (code, class_name)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_summary_totals(disclosures, name):
    figures = REGION_FIGURES[name]["income_expenditure_summary"]
    frame = disclosures[name].tables["income_expenditure_summary"].frame
    unit = figures["unit"]
    if figures.get("income_total") is not None:
        incomes = frame[frame.line_code == "income_total"]
        assert list(incomes.income) == [yuan(figures["income_total"], unit)]
    if figures.get("expenditure_total") is not None:
        spent = frame[frame.line_code == "expenditure_total"]
        measure = "expenditure" if "expenditure" in frame.columns else "total"
        assert yuan(figures["expenditure_total"], unit) in list(spent[measure])


@pytest.mark.parametrize("name", [n for n in DOCUMENTS if "basic_economic" in REGION_FIGURES[n]])
def test_basic_personnel_and_public(disclosures, name):
    figures = REGION_FIGURES[name]["basic_economic"]
    # documents without a 一般公共预算基本支出表 print it for all funds (基本支出总表)
    kind = next(kind for kind in BASIC_KINDS if kind in disclosures[name].tables)
    line = total_line(disclosures[name], kind)
    for measure in ("total", "personnel", "public"):
        if figures.get(measure) is not None:
            assert line.get(measure) == yuan(figures[measure], figures["unit"]), measure


@pytest.mark.parametrize("name", [n for n in DOCUMENTS if "three_public" in REGION_FIGURES[n]])
def test_three_public(disclosures, name):
    figures = REGION_FIGURES[name]["three_public"]
    measure = "total"
    if "final" in figures:  # a 决算: the outturn is the figure, the budget its comparison
        figures = {**figures["final"], "unit": figures["unit"]}
    lines: dict[str, dict] = {}  # one line per item and period (上年 | 当年 | 增减): merged
    for line in disclosures[name].tables["three_public"].records():
        if line["line_code"]:
            kept = lines.setdefault(line["line_code"], {})
            kept |= {key: value for key, value in line.items() if _blank(kept.get(key))}
    for item in ("total", "abroad", "reception", "vehicle_purchase", "vehicle_operation"):
        if figures.get(item) is not None:
            assert item in lines, f"三公 {item} not read"
            line = lines[item]
            # a table split by fund only (Shenzhen) prints no all-funds figure per item: its
            # 一般公共预算 column is the figure (the other funds print 0.00)
            read = line.get("general_budget") if _blank(line.get(measure)) else line[measure]
            assert read == yuan(figures[item], figures["unit"]), item


@pytest.mark.parametrize("name", [n for n in DOCUMENTS if "three_public" in REGION_FIGURES[n]])
def test_three_public_analysis_shows_the_printed_total(disclosures, name):
    """What a report shows as the 三公 total is the document's own figure (决算: outturn)."""
    figures = REGION_FIGURES[name]["three_public"]
    figures = {**figures.get("final", figures), "unit": figures["unit"]}
    shown = analysis.three_public(disclosures[name]).set_index("item").amount_yuan
    printed = yuan(figures["total"], figures["unit"])
    assert shown["total"] == (Decimal(0) if printed is None else printed)  # blank counts as 0
