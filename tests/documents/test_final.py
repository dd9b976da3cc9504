"""Final accounts (决算): the 决算 rules on the two real 决算 and minimal alterations of them,
and budget execution against hand-computed values.

Expected figures are read by hand from the PDFs (pdftotext), never from our reader:
国家信访局 2024 (central_xfj) p7 公开01表, p24 the 三公 paragraph, p23 the 项 paragraphs;
上海市普陀区财政局 2024 (shanghai-putuo_czj) p18 三公 table, p22 the 项 paragraphs.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pandas as pd
import pytest

from builders import edit_text, set_cell
from helpers import check, load_disclosure
from helpers.execution import budget_execution, execution_statements
from helpers.model import build_disclosure
from helpers.raw import RawDocument
from helpers.readers import read_document

from conftest import CORPUS_DIR

CENTRAL = CORPUS_DIR / "regions" / "central_xfj_2024_final_dept.pdf"
PUTUO = CORPUS_DIR / "regions" / "shanghai-putuo_czj_2024_final_dept.pdf"
DEMO_BUDGET = CORPUS_DIR.parent / "demo" / "example_bureau_2024_budget.txt"


@pytest.fixture(scope="module")
def central_raw() -> RawDocument:
    return read_document(CENTRAL)


def flagged(raw: RawDocument) -> set[tuple[str, str]]:
    findings = check(build_disclosure(raw))
    return {(f.rule_id, f.severity) for f in findings.itertuples() if f.severity != "info"}


@pytest.mark.parametrize("path", [CENTRAL, PUTUO], ids=["central", "putuo"])
def test_real_final_accounts_have_no_error_or_warning(path):
    # read by hand: both balance (国家信访局 20,451.35 + 1,615.24 = 22,066.59 万元), every
    # stated rate agrees with its figures, and the 三公 gap has its reason; the differences
    # left are of one fen and rounding explains them (info)
    findings = check(load_disclosure(path))
    assert set(findings.severity) <= {"info"}
    assert {"F01", "F02", "F03"} & set(findings.rule_id) <= {"F01"}  # F01 info: one fen


def test_final_rules_apply_to_final_accounts_only():
    findings = check(load_disclosure(DEMO_BUDGET))
    assert not {"F01", "F02", "F03"} & set(findings.rule_id)


def test_f01_balance_broken_by_the_opening_balance(central_raw):
    raw = copy.deepcopy(central_raw)
    set_cell("收入支出决算总表", "年初结转和结余", 2, "1,715.24")(raw)
    findings = check(build_disclosure(raw))
    f01 = findings[(findings.rule_id == "F01") & (findings.severity == "error")]
    assert len(f01) == 1
    assert f01.iloc[0].expected_yuan == Decimal("221665900.00")  # 20,451.35 + 1,715.24 万元
    assert f01.iloc[0].printed_yuan == Decimal("220665900.00")


def test_f02_three_public_gap_without_reason(central_raw):
    raw = copy.deepcopy(central_raw)
    edit_text("“三公”经费支出决算数小于预算数的主要原因是2024年度国家信访局认真贯彻落实中央八项"
              "规定精神和习惯过紧日子要求，从严控制“三公”经费开支，因而减少支出。", "")(raw)
    assert ("F02", "warning") in flagged(raw)
    findings = check(build_disclosure(raw))
    names = set(findings[findings.rule_id == "F02"].message_zh.str.extract(r"“三公”经费“(.+?)”")[0])
    # 合计 76.43 → 46.21, 出国 30.00 → 4.69, 车辆 40.63 → 40.61, 接待 5.80 → 0.90 万元
    assert names == {"合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车运行维护费",
                     "公务接待费"}


@pytest.mark.parametrize("old, new", [
    ("完成预算的60.46%", "完成预算的66.46%"),  # the total: 46.21 / 76.43 = 60.46 %
    ("完成预算的15.63%", "完成预算的25.63%"),  # 出国: 4.69 / 30.00 (the table's 预算数)
])
def test_f03_stated_rate_against_its_figures(central_raw, old, new):
    raw = copy.deepcopy(central_raw)
    edit_text(old, new)(raw)
    assert ("F03", "error") in flagged(raw)


@pytest.mark.parametrize("stated, severities", [
    ("15.64", set()),  # 4.69 / 30.00 万元, each ± 0.005: 15.614 %–15.653 % — rounding allows it
    ("15.66", {"info"}),  # one digit beyond what rounding allows: truncation, not blamed
])
def test_f03_a_rate_within_rounding(central_raw, stated, severities):
    raw = copy.deepcopy(central_raw)
    edit_text("完成预算的15.63%", f"完成预算的{stated}%")(raw)
    findings = check(build_disclosure(raw))
    assert set(findings[findings.rule_id == "F03"].severity) == severities


def test_statements_of_the_central_narrative():
    statements = execution_statements(load_disclosure(CENTRAL))
    first = next(s for s in statements if s.names and s.names[2] == "行政运行")
    assert first.names == ("一般公共服务", "信访事务", "行政运行")
    assert (first.budget_yuan, first.outturn_yuan, first.rate_percent) == (
        Decimal("57173200"), Decimal("57576300"), Decimal("100.71"))
    assert first.reason.startswith("决算数大于预算数的主要原因是")
    total = next(s for s in statements if s.three_public == "total")
    assert (total.budget_yuan, total.outturn_yuan, total.rate_percent) == (
        Decimal("764300"), Decimal("462100"), Decimal("60.46"))


def test_budget_execution_of_central():
    execution = budget_execution(load_disclosure(CENTRAL)).set_index(["part", "line_name"])
    running = execution.loc[("function", "行政运行")]
    # p23: 年初预算 5,717.32 万元, 决算 5,757.63 万元
    assert running.budget_yuan == Decimal("57173200.00")
    assert running.outturn_yuan == Decimal("57576300.00")
    assert running.difference_yuan == Decimal("403100.00")
    assert running.budget_source == "决算说明文字"
    assert running.execution_rate == pytest.approx(57576300 / 57173200)
    assert not running.outside_band and running.reason_stated
    general = execution.loc[("function", "一般行政管理事务")]  # 590.53 → 4.70: 0.8 %
    assert general.outside_band and general.reason_stated
    reception = execution.loc[("three_public", "公务接待费")]  # table: 5.80 → 0.90 万元
    assert (reception.budget_yuan, reception.outturn_yuan) == (Decimal("58000.00"),
                                                               Decimal("9000.00"))
    assert reception.difference_yuan == Decimal("-49000.00")
    assert reception.budget_source == "决算表预算数"
    assert reception.outside_band and reception.reason_stated  # the 三公 total's reason
    # 类 lines: the narrative gives no budget and no budget document was given
    assert pd.isna(execution.loc[("function", "教育支出")].budget_yuan)


def test_budget_execution_blank_outturn_beside_a_budget_is_nothing_spent():
    # 普陀区财政局 p18: 公务接待费 预算数 0.95, 决算数 blank; the text: 决算为0.00万元
    execution = budget_execution(load_disclosure(PUTUO)).set_index(["part", "line_code"])
    reception = execution.loc[("three_public", "reception")]
    assert (reception.budget_yuan, reception.outturn_yuan) == (Decimal("9500.00"), Decimal(0))
    assert reception.execution_rate == 0 and reception.outside_band


def test_budget_execution_takes_missing_budgets_from_the_budget_document():
    budget = load_disclosure(DEMO_BUDGET)  # 2024; its 一般公共预算支出表 prints 201 = 380.00万元
    execution = budget_execution(load_disclosure(CENTRAL), budget)
    line = execution[(execution.part == "function") & (execution.line_code == "201")].iloc[0]
    assert line.budget_yuan == Decimal("3800000.00")
    assert line.budget_source == "当年预算文件"
    assert line.difference_yuan == Decimal("98468200.00") - Decimal("3800000.00")


def test_budget_execution_refuses_a_budget_as_the_final():
    with pytest.raises(ValueError, match="决算"):
        budget_execution(load_disclosure(DEMO_BUDGET))


def test_budget_execution_refuses_a_budget_of_another_year():
    import dataclasses
    budget = load_disclosure(DEMO_BUDGET)
    budget = dataclasses.replace(budget, meta=dataclasses.replace(budget.meta, year=2023))
    with pytest.raises(ValueError, match="2023 budget"):
        budget_execution(load_disclosure(CENTRAL), budget)


def test_y01_says_a_change_against_another_base_was_not_verified():
    # 国家信访局 p25: "2024年度机关运行经费支出2266.65万元，比2023年度决算数增加318.58万元";
    # given a 2023 预算 as the previous document, that statement cannot be checked with it
    previous = load_disclosure(CORPUS_DIR / "shanghai"
                               / "wanli_subdistrict_2023_department_budget.pdf")
    findings = check(load_disclosure(CENTRAL), previous=previous)
    y01 = findings[findings.rule_id == "Y01"]
    assert list(y01.severity) == ["info"]
    assert "2023年决算" in y01.iloc[0].message_zh and "2023年预算" in y01.iloc[0].message_zh


@pytest.mark.parametrize("clause, budget", [
    # the rate names its budget: 全年 (adjusted), not 年初
    ("年初预算为100.00万元，全年预算为120.00万元，支出决算为114.00万元，完成全年预算的95.00%",
     Decimal("1200000")),
    ("年初预算为100.00万元，支出决算为95.00万元，完成年初预算的95.00%", Decimal("1000000")),
    # two budgets and a rate that names neither: no budget is guessed
    ("年初预算为100.00万元，全年预算为120.00万元，支出决算为114.00万元，完成预算的95.00%", None),
    # the rate is against the full-year budget, which the clause does not state
    ("年初预算为100.00万元，支出决算为114.00万元，完成全年预算的95.00%", None),
])
def test_a_stated_rate_is_measured_against_the_budget_it_names(clause, budget):
    from helpers.execution import _paragraph_statements
    (statement,) = _paragraph_statements(clause, page=1, line=None)
    assert statement.budget_yuan == budget


def test_self_evaluation_forms_funds_and_scores():
    # p32 (pdftotext): 年度资金总额： 493.76  536.2  413.57  10.0  77.13%  7.7 … 总分 100 94.7
    forms = load_disclosure(CENTRAL).tables["performance_evaluation"].frame
    assert list(forms.project_name) == ["信访干部培训专项", "信访研究宣传立法专项", "资产运行维护",
                                        "信息化运行维护"]
    research = forms.set_index("project_name").loc["信访研究宣传立法专项"]
    assert (research.budget_initial_yuan, research.budget_full_yuan, research.executed_yuan) == (
        Decimal("4937600.00"), Decimal("5362000.00"), Decimal("4135700.00"))
    assert (research.execution_rate_printed, research.funds_score) == ("77.13%", 7.7)
    assert (research.total_weight, research.total_score) == (100, 94.7)


def test_f04_self_evaluation_rate_against_its_figures(central_raw):
    assert "F04" not in {rule for rule, _ in flagged(central_raw)}
    raw = copy.deepcopy(central_raw)
    # 413.57 / 536.2 is 77.13 %
    set_cell("信访研究宣传立法专项项目绩效自评表", "年度资金总额：", 9, "87.13%")(raw)
    assert ("F04", "error") in flagged(raw)


def test_budget_against_final_pairs_a_department_year():
    import dataclasses

    from helpers.analysis import budget_against_final
    final = load_disclosure(CENTRAL)
    budget = load_disclosure(DEMO_BUDGET)  # a constructed pair: the demo budget as 信访局's
    budget = dataclasses.replace(budget, meta=dataclasses.replace(
        budget.meta, department=final.meta.department, year=final.meta.year))
    other = load_disclosure(PUTUO)  # no budget beside it: no row
    (row,) = budget_against_final([final, budget, other]).itertuples()
    # demo 支出总表 合计 500.00万元, 三公 合计 20.00; 信访局 支出决算表 合计 14,572.53, 三公 46.21
    assert (row.budget_expenditure_yuan, row.final_expenditure_yuan) == (
        Decimal("5000000.00"), Decimal("145725300.00"))
    assert row.expenditure_difference_yuan == Decimal("140725300.00")
    assert row.expenditure_execution_rate == pytest.approx(145725300 / 5000000)
    assert (row.budget_three_public_yuan, row.final_three_public_yuan) == (
        Decimal("200000.00"), Decimal("462100.00"))


def test_year_over_year_never_pairs_a_final_with_a_budget():
    import dataclasses

    from helpers.analysis import year_over_year
    final = load_disclosure(CENTRAL)  # 2024 决算
    budget = load_disclosure(DEMO_BUDGET)
    earlier = dataclasses.replace(budget, meta=dataclasses.replace(
        budget.meta, department=final.meta.department, year=2023))
    later = dataclasses.replace(budget, meta=dataclasses.replace(
        budget.meta, department=final.meta.department, year=2025))
    assert year_over_year([earlier, final]).empty  # a 2023 预算 and a 2024 决算: no pair
    pairs = year_over_year([later, final, earlier])  # the two 预算 pair, the 决算 stays out
    assert set(zip(pairs.stage, pairs.year_from, pairs.year_to, strict=True)) == {
        ("budget", 2023, 2025)}


def test_a_budget_pairs_with_last_year_s_budget_never_with_a_final():
    from types import SimpleNamespace

    from helpers.corpus import pair_previous

    def doc(year, stage):
        return SimpleNamespace(meta=SimpleNamespace(department="甲局", year=year, stage=stage))
    final23, budget23, budget24, final24 = (doc(2023, "final"), doc(2023, "budget"),
                                            doc(2024, "budget"), doc(2024, "final"))
    pairs = dict((id(a), b) for a, b in pair_previous([final23, budget24, budget23, final24]))
    assert pairs[id(budget24)] is budget23 and pairs[id(final24)] is final23
    assert pairs[id(budget23)] is None and pairs[id(final23)] is None


def test_f02_a_reason_in_a_paragraph_of_its_own_counts(central_raw):
    # the reason moved out of the paragraph of figures into one of its own: still a reason
    from helpers.raw import Paragraph
    raw = copy.deepcopy(central_raw)
    reason = ("“三公”经费支出决算数小于预算数的主要原因是2024年度国家信访局认真贯彻落实中央八项"
              "规定精神和习惯过紧日子要求，从严控制“三公”经费开支，因而减少支出。")
    index = next(i for i, b in enumerate(raw.blocks)
                 if isinstance(b, Paragraph) and reason in b.text)
    block = raw.blocks[index]
    block.text = block.text.replace(reason, "")
    raw.blocks.insert(index + 1, Paragraph(reason, page=block.page, line=block.line))
    assert "F02" not in {rule for rule, _ in flagged(raw)}
