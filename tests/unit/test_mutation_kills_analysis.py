"""Tests that kill mutmut's survivors in helpers.analysis, on constructed documents.

Every expected amount and share is computed by hand from the figures the test prints
(万元 tables: 1.00 is 10,000 yuan), not with the code under test.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from test_columns import row
from test_mutation_kills import W, disclosure, expenditure, grid, plain, three_public_rows

from helpers.analysis import (
    across_departments,
    budget_against_final,
    function_breakdown,
    personnel_vs_operating,
    project_shares,
    three_public,
    year_over_year,
)
from helpers.model import build_disclosure
from helpers.raw import Grid, Paragraph, RawDocument


def general_budget(basic: str, project: str) -> list:
    total = f"{Decimal(basic) + Decimal(project):.2f}"
    return grid("2024年一般公共预算支出表",
                row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                row("", "合计", total, basic, project),
                row("201", "一般公共服务支出", total, basic, project))


def test_three_public_items_and_their_shares(tmp_path):
    """35 = 5 + 20 + 10 (20 = 8 + 12); 基本支出 100.00; the unnamed 其他费用 row is no item."""
    doc = disclosure(tmp_path, 2024, three_public_rows(), general_budget("100.00", "50.00"))
    frame = three_public(doc)
    got = [(r.item, plain(r.level), plain(r.amount_yuan), bool(r.is_computed))
           for r in frame.itertuples()]
    assert got == [("total", 0, 35 * W, False), ("abroad", 1, 5 * W, False),
                   ("vehicle", 1, 20 * W, False), ("vehicle_purchase", 2, 8 * W, False),
                   ("vehicle_operation", 2, 12 * W, False), ("reception", 1, 10 * W, False)]
    assert frame.share_of_three_public.tolist() == pytest.approx(
        [1.0, 5 / 35, 20 / 35, 8 / 35, 12 / 35, 10 / 35])
    assert frame.share_of_basic.tolist() == pytest.approx(
        [35 / 100, 5 / 100, 20 / 100, 8 / 100, 12 / 100, 10 / 100])
    assert frame.item_zh.tolist() == ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费",
                                      "公务用车购置费", "公务用车运行费", "公务接待费"]
    assert frame.line_name.tolist() == ["合计", "因公出国（境）费", "公务用车购置及运行费",
                                        "其中：公务用车购置费", "公务用车运行费", "公务接待费"]
    assert frame.note.isna().all() and frame.stated_yuan.isna().all()



FUNCTION_LINES = [
    row("208", "社会保障和就业支出", "5.00", "5.00", "0"),
    row("20805", "行政事业单位养老支出", "5.00", "5.00", "0"),
    row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
    row("20101", "人大事务", "10.00", "6.00", "4.00"),
    row("2010101", "行政运行", "6.00", "6.00", ""),
    row("2010102", "一般行政管理事务", "4.00", "0", "4.00"),
]


def test_function_breakdown_shares_of_total_parent_line_and_project(tmp_path):
    """合计 15 = 201 (10) + 208 (5); 项目支出 4, all of it under 2010102."""
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "15.00", "11.00", "4.00"), *FUNCTION_LINES))
    frame = function_breakdown(doc)
    got = [(plain(r.line_code), r.level, plain(r.class_code), plain(r.parent_code),
            plain(r.amount_yuan), plain(r.basic_yuan), plain(r.project_yuan), bool(r.is_computed))
           for r in frame.itertuples()]
    assert got == [
        (None, 0, None, None, 15 * W, 11 * W, 4 * W, False),
        ("201", 1, "201", None, 10 * W, 6 * W, 4 * W, False),
        ("20101", 2, "201", "201", 10 * W, 6 * W, 4 * W, False),
        ("2010101", 3, "201", "20101", 6 * W, 6 * W, None, False),
        ("2010102", 3, "201", "20101", 4 * W, Decimal(0), 4 * W, False),
        ("208", 1, "208", None, 5 * W, 5 * W, Decimal(0), False),
        ("20805", 2, "208", "208", 5 * W, 5 * W, Decimal(0), False),
    ]
    assert set(frame.table) == {"expenditure_summary"}
    assert frame.line_name.tolist() == ["合计", "一般公共服务支出", "人大事务", "行政运行",
                                        "一般行政管理事务", "社会保障和就业支出",
                                        "行政事业单位养老支出"]
    assert frame.share_of_total_expenditure.tolist() == pytest.approx(
        [1, 10 / 15, 10 / 15, 6 / 15, 4 / 15, 5 / 15, 5 / 15])
    assert frame.share_of_parent.tolist()[1:] == pytest.approx(
        [10 / 15, 10 / 10, 6 / 10, 4 / 10, 5 / 15, 5 / 5])
    assert pd.isna(frame.share_of_parent.iloc[0])
    assert frame.basic_share_of_line.tolist() == pytest.approx(
        [11 / 15, 6 / 10, 6 / 10, 6 / 6, 0, 5 / 5, 5 / 5])
    assert frame.project_share_of_line.tolist() == pytest.approx(
        [4 / 15, 4 / 10, 4 / 10, 0, 4 / 4, 0, 0])
    assert frame.share_of_project.tolist() == pytest.approx([1, 1, 1, 0, 1, 0, 0])


def test_function_breakdown_computes_a_total_not_printed(tmp_path):
    doc = disclosure(tmp_path, 2024, expenditure(*FUNCTION_LINES))
    frame = function_breakdown(doc)
    total = frame.iloc[0]
    assert (total.line_name, total.amount_yuan, total.basic_yuan, total.project_yuan,
            bool(total.is_computed)) == ("合计", 15 * W, 11 * W, 4 * W, True)
    assert not frame.is_computed.iloc[1:].any()
    assert frame.share_of_parent.tolist()[1] == pytest.approx(10 / 15)


def test_function_breakdown_of_a_general_budget_table(tmp_path):
    doc = disclosure(tmp_path, 2024, general_budget("6.00", "4.00"))
    frame = function_breakdown(doc)
    assert set(frame.table) == {"general_budget_expenditure"}
    assert [(plain(r.line_code), r.amount_yuan) for r in frame.itertuples()] == [
        (None, 10 * W), ("201", 10 * W)]


def test_function_breakdown_without_a_function_table_is_empty(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows())
    frame = function_breakdown(doc)
    assert frame.empty and "share_of_project" in frame.columns



@pytest.mark.parametrize(("printed", "total", "basic"), [
    (("15.00", "", "4.00"), "printed", "201 6.00 + 208 5.00"),
    (("", "11.00", "4.00"), "201 10.00 + 208 5.00", "printed"),
])
def test_function_breakdown_flags_a_total_row_with_a_blank_figure(tmp_path, printed, total,
                                                                   basic):
    """合计 row printed with its 合计 or its 基本支出 blank: that figure is computed (flagged)."""
    doc = disclosure(tmp_path, 2024, expenditure(row("", "合计", *printed),
                                                         *FUNCTION_LINES))
    first = function_breakdown(doc).iloc[0]
    assert (first.line_name, first.amount_yuan, first.basic_yuan, first.project_yuan,
            bool(first.is_computed)) == ("合计", 15 * W, 11 * W, 4 * W, True)


PROCUREMENT = grid("2024年政府采购预算表",
                   row("序号", "采购项目", "采购品目", "数量", "金额"),
                   row("", "合计", "", "", "30.00"),
                   row("1", "办公设备", "台式计算机", "10", "12.00"),
                   row("", "办公设备小计", "", "", "12.00"),
                   row("2", "物业服务", "物业管理服务", "1", "18.00"))


def test_project_shares_split_items_and_procurement(tmp_path):
    """基本支出 11 and 项目支出 4 of 15; the 项 2010102 holds all 4; purchases of 12 and 18."""
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "15.00", "11.00", "4.00"), *FUNCTION_LINES), PROCUREMENT)
    frame = project_shares(doc)
    got = [(r.row_kind, r.source_table, plain(r.line_code), r.line_name, r.measure,
            r.measure_zh, r.amount_yuan, plain(r.comparator), bool(r.is_bound),
            bool(r.is_headline), r.basis) for r in frame.itertuples()]
    assert got == [
        ("split", "expenditure_summary", None, "基本支出", "basic", "基本支出", 11 * W, None,
         False, True, "支出总表 合计 row"),
        ("split", "expenditure_summary", None, "项目支出", "project", "项目支出", 4 * W, None,
         False, True, "支出总表 合计 row"),
        ("function_item", "expenditure_summary", "2010102", "一般行政管理事务", "project",
         "项目支出", 4 * W, None, False, True, "支出总表 项 line, 项目支出 column"),
        ("named_project", "procurement", None, "办公设备", "total", "合计", 12 * W, "=",
         False, False, "政府采购预算表 采购 合计 (the part of the project bought by "
         "procurement)"),
        ("named_project", "procurement", None, "物业服务", "total", "合计", 18 * W, "=",
         False, False, "政府采购预算表 采购 合计 (the part of the project bought by "
         "procurement)"),
    ]
    assert frame.share_of_total_expenditure.tolist() == pytest.approx(
        [11 / 15, 4 / 15, 4 / 15, 12 / 15, 18 / 15])
    shares = frame.share_of_project.tolist()
    assert pd.isna(shares[0])
    assert shares[1:] == pytest.approx([4 / 4, 4 / 4, 12 / 4, 18 / 4])


def test_project_shares_split_computed_from_classes(tmp_path):
    doc = disclosure(tmp_path, 2024, expenditure(*FUNCTION_LINES))
    split = project_shares(doc).query("row_kind == 'split'")
    assert split.amount_yuan.tolist() == [11 * W, 4 * W]
    assert split.basis.tolist() == ["支出总表 合计 row (computed from 类 rows)"] * 2
    assert split.share_of_total_expenditure.tolist() == pytest.approx([11 / 15, 4 / 15])


def department_table(department: str, title: str, *rows: list) -> Grid:
    return Grid(title, [f"编制部门：{department}", "单位：万元"], list(rows), 1, [], line=1)


def department_year(tmp_path, department: str, year: int, stage: str, total: str, basic: str,
                    project: str, three_public_total: str | None = None,
                    admin_operating: str | None = None):
    """A 预算 or 决算 of one department-year: its 支出总表 (one 类) and maybe its 三公 table.

    The 三公 table prints its 合计, 因公出国 0.50 and 公务接待 (the rest), and 机关运行经费
    when given; with only the latter it prints no 三公 item at all.
    """
    path = tmp_path / f"{department}_{year}_{stage}.txt"
    path.write_text("示例", encoding="utf-8")
    tables = [department_table(department, f"{year}年部门支出{stage}总表",
                               row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                               row("", "合计", total, basic, project),
                               row("201", "一般公共服务支出", total, basic, project))]
    public = []
    if three_public_total:
        reception = f"{Decimal(three_public_total) - Decimal('0.50'):.2f}"
        public += [row("合计", three_public_total), row("因公出国（境）费", "0.50"),
                   row("公务接待费", reception)]
    if admin_operating:
        public.append(row("机关运行经费", admin_operating))
    if public:
        tables.append(department_table(department, f"{year}年“三公”经费{stage}表",
                                       row("项目", f"{stage}数"), *public))
    return build_disclosure(RawDocument(path, "tika_text",
                                        [Paragraph(f"{department}{year}年部门{stage}"), *tables]))


def test_across_departments_sorted_with_growth_against_the_year_before(tmp_path):
    """示例局 15.00 in 2024 after 12.00 in 2023: growth 3/12 = 0.25; 另一局 has no year before."""
    later = department_year(tmp_path, "示例局", 2024, "预算", "15.00", "11.00", "4.00", "2.00")
    other = department_year(tmp_path, "另一局", 2024, "预算", "8.00", "8.00", "0")
    earlier = department_year(tmp_path, "示例局", 2023, "预算", "12.00", "9.00", "3.00")
    frame = across_departments([later, other, earlier])
    got = [(r.department, r.year, r.stage, r.expenditure_total_yuan, r.basic_yuan,
            r.project_yuan, plain(r.three_public_yuan), plain(r.previous_year),
            plain(r.expenditure_growth), Path(r.source).name) for r in frame.itertuples()]
    assert got == [
        ("另一局", 2024, "budget", 8 * W, 8 * W, Decimal(0), None, None, None,
         "另一局_2024_预算.txt"),
        ("示例局", 2023, "budget", 12 * W, 9 * W, 3 * W, None, None, None,
         "示例局_2023_预算.txt"),
        ("示例局", 2024, "budget", 15 * W, 11 * W, 4 * W, 2 * W, 2023, pytest.approx(0.25),
         "示例局_2024_预算.txt"),
    ]
    assert frame.project_share_of_total.tolist() == pytest.approx([0, 3 / 12, 4 / 15])
    shares = frame.three_public_share_of_basic.tolist()
    assert pd.isna(shares[0]) and pd.isna(shares[1]) and shares[2] == pytest.approx(2 / 11)


def test_budget_against_final_of_a_department_year(tmp_path):
    """预算 15.00 (三公 2.00), 决算 14.00 (三公 1.50): −1.00 万元, rates 14/15 and 1.5/2."""
    budget = department_year(tmp_path, "示例局", 2024, "预算", "15.00", "11.00", "4.00", "2.00")
    final = department_year(tmp_path, "示例局", 2024, "决算", "14.00", "10.50", "3.50", "1.50")
    alone = department_year(tmp_path, "示例局", 2023, "预算", "12.00", "9.00", "3.00")
    # 另一局 prints 机关运行经费 but no 三公 item in its 决算: no 三公 total to compare
    other_budget = department_year(tmp_path, "另一局", 2024, "预算", "8.00", "8.00", "0",
                                   "1.00")
    other_final = department_year(tmp_path, "另一局", 2024, "决算", "8.00", "8.00", "0",
                                  admin_operating="3.00")
    earlier_final = department_year(tmp_path, "示例局", 2023, "决算", "11.00", "9.00", "2.00")
    # 第三局's 决算 prints its 三公 table only: no expenditure to compare
    third_budget = department_year(tmp_path, "第三局", 2024, "预算", "5.00", "5.00", "0")
    path = tmp_path / "第三局_2024_决算.txt"
    path.write_text("示例", encoding="utf-8")
    third_final = build_disclosure(RawDocument(path, "tika_text", [
        Paragraph("第三局2024年部门决算"),
        department_table("第三局", "2024年“三公”经费决算表", row("项目", "决算数"),
                         row("合计", "1.00"), row("因公出国（境）费", "1.00"))]))
    lone = department_year(tmp_path, "第四局", 2024, "预算", "1.00", "1.00", "0")
    # a department-year without its 决算 first; 2024 given before 2023
    frame = budget_against_final([lone, final, other_final, budget, other_budget, alone,
                                  earlier_final, third_final, third_budget])
    assert list(zip(frame.department, frame.year, strict=True)) == [
        ("另一局", 2024), ("示例局", 2023), ("示例局", 2024), ("第三局", 2024)]
    third = frame.iloc[3]
    assert (third.budget_expenditure_yuan, plain(third.final_expenditure_yuan),
            plain(third.expenditure_difference_yuan)) == (5 * W, None, None)
    assert pd.isna(third.expenditure_execution_rate)
    assert frame.iloc[1].expenditure_difference_yuan == -W       # 11.00 − 12.00
    other = frame.iloc[0]
    assert (other.budget_three_public_yuan, plain(other.final_three_public_yuan)) == (W, None)
    assert pd.isna(other.three_public_execution_rate)
    assert other.expenditure_difference_yuan == 0 and other.expenditure_execution_rate == 1
    r = frame.iloc[2]
    assert (r.department, r.year, Path(r.budget_file).name, Path(r.final_file).name) == (
        "示例局", 2024, "示例局_2024_预算.txt", "示例局_2024_决算.txt")
    assert (r.budget_expenditure_yuan, r.final_expenditure_yuan,
            r.expenditure_difference_yuan) == (15 * W, 14 * W, -1 * W)
    assert (r.budget_three_public_yuan, r.final_three_public_yuan) == (2 * W, Decimal("1.5") * W)
    assert r.expenditure_execution_rate == pytest.approx(14 / 15)
    assert r.three_public_execution_rate == pytest.approx(1.5 / 2)


def budget_of(tmp_path, year: int, lines: list, three_public_total: str | None = None):
    path = tmp_path / f"示例局_{year}_预算.txt"
    path.write_text("示例", encoding="utf-8")
    tables = [department_table("示例局", f"{year}年部门支出预算总表",
                               row("科目编码", "科目名称", "合计", "基本支出", "项目支出"), *lines)]
    if three_public_total:
        tables.append(department_table("示例局", f"{year}年“三公”经费预算表",
                                       row("项目", "预算数"), row("合计", three_public_total),
                                       row("因公出国（境）费", three_public_total)))
    return build_disclosure(RawDocument(path, "tika_text",
                                        [Paragraph(f"示例局{year}年部门预算"), *tables]))


def test_year_over_year_continued_new_and_dropped_lines(tmp_path):
    """2023: 201 (10 | 7 | 3) and 208 (2 | 2 | 0); 2024: 201 (10 | 6 | 4) and 212 (5 | 5 | 0).

    208 is dropped (its amounts count as 0 in 2024), 212 is new, 三公 (2.00) is new in 2024.
    """
    earlier = budget_of(tmp_path, 2023, [row("", "合计", "12.00", "9.00", "3.00"),
                                         row("201", "一般公共服务支出", "10.00", "7.00", "3.00"),
                                         row("208", "社会保障和就业支出", "2.00", "2.00", "0")])
    later = budget_of(tmp_path, 2024, [row("", "合计", "15.00", "11.00", "4.00"),
                                       row("201", "一般公共服务", "10.00", "6.00", "4.00"),
                                       row("212", "城乡社区支出", "5.00", "5.00", "0")], "2.00")
    frame = year_over_year([later, earlier])
    assert set(zip(frame.department, frame.stage, frame.year_from, frame.year_to,
                   strict=True)) == {("示例局", "budget", 2023, 2024)}
    got = [(r.table, r.line_code, plain(r.level), r.measure, r.status, plain(r.amount_from_yuan),
            plain(r.amount_to_yuan), plain(r.change_yuan)) for r in frame.itertuples()]
    es = "expenditure_summary"
    assert got == [
        ("headline", "expenditure_total", 0, "total", "continued", 12 * W, 15 * W, 3 * W),
        ("headline", "basic", 0, "basic", "continued", 9 * W, 11 * W, 2 * W),
        ("headline", "project", 0, "project", "continued", 3 * W, 4 * W, W),
        ("three_public", "total", 0, "total", "new", None, 2 * W, 2 * W),
        ("three_public", "abroad", 1, "total", "new", None, 2 * W, 2 * W),
        (es, "total", 0, "basic", "continued", 9 * W, 11 * W, 2 * W),
        (es, "total", 0, "project", "continued", 3 * W, 4 * W, W),
        (es, "total", 0, "total", "continued", 12 * W, 15 * W, 3 * W),
        (es, "201", 1, "basic", "continued", 7 * W, 6 * W, -W),
        (es, "201", 1, "project", "continued", 3 * W, 4 * W, W),
        (es, "201", 1, "total", "continued", 10 * W, 10 * W, Decimal(0)),
        (es, "208", 1, "basic", "dropped", 2 * W, None, -2 * W),
        (es, "208", 1, "project", "dropped", Decimal(0), None, Decimal(0)),
        (es, "208", 1, "total", "dropped", 2 * W, None, -2 * W),
        (es, "212", 1, "basic", "new", None, 5 * W, 5 * W),
        (es, "212", 1, "project", "new", None, Decimal(0), Decimal(0)),
        (es, "212", 1, "total", "new", None, 5 * W, 5 * W),
    ]
    nan = float("nan")
    assert frame.change_percent.tolist() == pytest.approx(
        [25.0, 2 / 9 * 100, 100 / 3, nan, nan, 2 / 9 * 100, 100 / 3, 25.0, -100 / 7, 100 / 3,
         0.0, -100.0, nan, -100.0, nan, nan, nan], nan_ok=True)
    assert [(plain(r.name_from), plain(r.name_to), bool(r.is_renamed))
            for r in frame.itertuples()][:5] == [
        ("支出合计", "支出合计", False), ("基本支出", "基本支出", False),
        ("项目支出", "项目支出", False), ("“三公”经费合计", "“三公”经费合计", False),
        ("因公出国（境）费", "因公出国（境）费", False)]
    renamed = frame[(frame.line_code == "201") & (frame.measure == "total")].iloc[0]
    assert (renamed.name_from, renamed.name_to, bool(renamed.is_renamed)) == (
        "一般公共服务支出", "一般公共服务", True)
    dropped = frame[(frame.line_code == "208") & (frame.measure == "total")].iloc[0]
    assert (dropped.name_from, plain(dropped.name_to), bool(dropped.is_renamed)) == (
        "社会保障和就业支出", None, False)
    assert set(frame.classification) == {"none", "function"}


def test_year_over_year_pairs_consecutive_years_of_one_stage(tmp_path):
    lines = [row("", "合计", "1.00", "1.00", "0"),
             row("201", "一般公共服务支出", "1.00", "1.00", "0")]
    years = [budget_of(tmp_path, year, lines) for year in (2024, 2022, 2023)]
    frame = year_over_year(years)
    assert sorted(set(zip(frame.year_from, frame.year_to, strict=True))) == [
        (2022, 2023), (2023, 2024)]
    assert year_over_year(years[:1]).empty


def test_personnel_vs_operating_of_a_table_in_blocks(tmp_path):
    """决算 基本支出 in 人员经费 | 公用经费 blocks (no 合计 column): 301 6.00 | 302 2.00 + 310 0.50.

    基本支出 = 6 + 2 + 0.5 = 8.5 (computed from the 类 rows); 310 is 公用经费 by its block;
    支出合计 15.00 from the 支出总表.
    """
    header = [row("人员经费", "", "", "公用经费", "", "", "", "", ""),
              row("科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数",
                  "科目代码", "科目名称", "决算数")]
    body = [row("301", "工资福利支出", "6.00", "302", "商品和服务支出", "2.00", "310",
                "资本性支出", "0.50"),
            row("30101", "基本工资", "6.00", "30201", "办公费", "2.00", "", "", ""),
            row("", "人员经费合计", "6.00", "", "", "公用经费合计", "", "", "2.50")]
    doc = disclosure(tmp_path, 2024,
                     grid("一般公共预算财政拨款基本支出决算表", *header, *body, header_rows=2),
                     expenditure(row("", "合计", "15.00", "11.00", "4.00"),
                                         *FUNCTION_LINES))
    frame = personnel_vs_operating(doc)
    got = [(r.row_kind, r.group, plain(r.line_code), r.amount_yuan, r.basis)
           for r in frame.itertuples()]
    half = Decimal("0.5") * W
    assert got == [
        ("total", "basic", None, Decimal("8.5") * W, "computed: sum of 类 rows"),
        ("group", "personnel", None, 6 * W, "合计 row, 人员经费 column"),
        ("class", "personnel", "301", 6 * W, "合计 column of the line"),
        ("section", "personnel", "30101", 6 * W, "合计 column of the line"),
        ("group", "public", None, Decimal("2.5") * W, "合计 row, 公用经费 column"),
        ("class", "public", "302", 2 * W, "合计 column of the line"),
        ("section", "public", "30201", 2 * W, "合计 column of the line"),
        ("class", "public", "310", half, "合计 column of the line"),
    ]
    assert frame.share_of_basic.tolist() == pytest.approx(
        [1, 6 / 8.5, 6 / 8.5, 6 / 8.5, 2.5 / 8.5, 2 / 8.5, 2 / 8.5, 0.5 / 8.5])
    assert frame.share_of_total_expenditure.tolist() == pytest.approx(
        [8.5 / 15, 6 / 15, 6 / 15, 6 / 15, 2.5 / 15, 2 / 15, 2 / 15, 0.5 / 15])
    assert frame.share_of_group.tolist()[1:] == pytest.approx(
        [1, 1, 1, 1, 2 / 2.5, 2 / 2.5, 0.5 / 2.5])


def test_a_line_printing_personnel_and_public_amounts_is_its_total(tmp_path):
    """399 其他支出 prints 合计 2.00 = 人员经费 1.00 + 公用经费 1.00: the line is 2.00."""
    basic = grid("2024年一般公共预算基本支出表",
                 row("科目编码", "科目名称", "合计", "人员经费", "公用经费"),
                 row("", "合计", "8.00", "6.00", "2.00"),
                 row("301", "工资福利支出", "6.00", "5.00", "1.00"),
                 row("399", "其他支出", "2.00", "1.00", "1.00"))
    frame = personnel_vs_operating(disclosure(tmp_path, 2024, basic))
    lines = frame[frame.row_kind == "class"]
    assert list(zip(lines.line_code, lines.group, lines.amount_yuan, strict=True)) == [
        ("301", "personnel", 6 * W), ("399", "other", 2 * W)]


# ---- personnel_vs_operating: every column of every row --------------------------------------

def personnel_rows(frame: pd.DataFrame) -> list[tuple]:
    """Return each row's labels, code, name, level, amount and basis (what a reader sees)."""
    return [(r.row_kind, r.group, r.group_zh, plain(r.line_code), r.line_name, r.level,
             plain(r.amount_yuan), r.basis) for r in frame.itertuples()]


def shares(frame: pd.DataFrame, column: str) -> list[float]:
    return [float(value) for value in frame[column]]


def test_personnel_vs_operating_every_column_of_a_printed_split(tmp_path):
    """合计 10.00 = 人员经费 7.00 (301 6.00 + 303 1.00) + 公用经费 3.00 (302: 1.00 + 2.00).

    The 支出总表 prints 支出合计 20.00, the denominator of share_of_total_expenditure.
    """
    basic = grid("2024年一般公共预算基本支出表",
                 row("科目编码", "科目名称", "合计", "人员经费", "公用经费"),
                 row("", "合计", "10.00", "7.00", "3.00"),
                 row("301", "工资福利支出", "6.00", "6.00", ""),
                 row("30101", "基本工资", "6.00", "6.00", ""),
                 row("302", "商品和服务支出", "3.00", "", "3.00"),
                 row("30201", "办公费", "1.00", "", "1.00"),
                 row("30207", "邮电费", "2.00", "", "2.00"),
                 row("303", "对个人和家庭的补助", "1.00", "1.00", ""))
    doc = disclosure(tmp_path, 2024, basic, expenditure(
        row("", "合计", "20.00", "10.00", "10.00"),
        row("201", "一般公共服务支出", "20.00", "10.00", "10.00")))
    frame = personnel_vs_operating(doc)
    assert set(zip(frame.department, frame.year, strict=True)) == {("示例局", 2024)}
    line = "合计 column of the line"
    assert personnel_rows(frame) == [
        ("total", "basic", "基本支出", None, "基本支出合计", 0, 10 * W, "合计 row, 合计 column"),
        ("group", "personnel", "人员经费", None, "人员经费", 0, 7 * W, "合计 row, 人员经费 column"),
        ("class", "personnel", "人员经费", "301", "工资福利支出", 1, 6 * W, line),
        ("section", "personnel", "人员经费", "30101", "基本工资", 2, 6 * W, line),
        ("class", "personnel", "人员经费", "303", "对个人和家庭的补助", 1, W, line),
        ("group", "public", "公用经费", None, "公用经费", 0, 3 * W, "合计 row, 公用经费 column"),
        ("class", "public", "公用经费", "302", "商品和服务支出", 1, 3 * W, line),
        ("section", "public", "公用经费", "30201", "办公费", 2, W, line),
        ("section", "public", "公用经费", "30207", "邮电费", 2, 2 * W, line),
    ]
    nan = float("nan")
    assert shares(frame, "share_of_group") == pytest.approx(
        [nan, 1, 6 / 7, 6 / 7, 1 / 7, 1, 3 / 3, 1 / 3, 2 / 3], nan_ok=True)
    assert shares(frame, "share_of_basic") == pytest.approx(
        [1, 7 / 10, 6 / 10, 6 / 10, 1 / 10, 3 / 10, 3 / 10, 1 / 10, 2 / 10])
    assert shares(frame, "share_of_total_expenditure") == pytest.approx(
        [10 / 20, 7 / 20, 6 / 20, 6 / 20, 1 / 20, 3 / 20, 3 / 20, 1 / 20, 2 / 20])


def test_personnel_vs_operating_groups_computed_from_an_all_funds_table(tmp_path):
    """基本支出表 (all funds) printing 合计 only: 12.00 = 301 6 + 303 1 | 302 3 | 310 2.

    No group column is printed, so each group is the sum of its 类 rows; 310 is no group's
    code (其他基本支出). 支出合计 20.00 comes from the 一般公共预算支出表 (no 支出总表).
    """
    basic = grid("2024年部门基本支出预算表",
                 row("科目编码", "科目名称", "合计"),
                 row("", "合计", "12.00"),
                 row("301", "工资福利支出", "6.00"),
                 row("30101", "基本工资", "6.00"),
                 row("302", "商品和服务支出", "3.00"),
                 row("303", "对个人和家庭的补助", "1.00"),
                 row("310", "资本性支出", "2.00"))
    doc = disclosure(tmp_path, 2024, basic, general_budget("12.00", "8.00"))
    frame = personnel_vs_operating(doc)
    line = "合计 column of the line"
    assert personnel_rows(frame) == [
        ("total", "basic", "基本支出", None, "基本支出合计", 0, 12 * W,
         "合计 row, 合计 column (基本支出总表, all funds)"),
        ("group", "personnel", "人员经费", None, "人员经费", 0, 7 * W,
         "computed: sum of 301+303 类 rows"),
        ("class", "personnel", "人员经费", "301", "工资福利支出", 1, 6 * W, line),
        ("section", "personnel", "人员经费", "30101", "基本工资", 2, 6 * W, line),
        ("class", "personnel", "人员经费", "303", "对个人和家庭的补助", 1, W, line),
        ("group", "public", "公用经费", None, "公用经费", 0, 3 * W,
         "computed: sum of 302 类 rows"),
        ("class", "public", "公用经费", "302", "商品和服务支出", 1, 3 * W, line),
        ("group", "other", "其他基本支出", None, "其他基本支出", 0, 2 * W,
         "computed: sum of other 类 rows"),
        ("class", "other", "其他基本支出", "310", "资本性支出", 1, 2 * W, line),
    ]
    assert shares(frame, "share_of_basic") == pytest.approx(
        [1, 7 / 12, 6 / 12, 6 / 12, 1 / 12, 3 / 12, 3 / 12, 2 / 12, 2 / 12])
    assert shares(frame, "share_of_total_expenditure") == pytest.approx(
        [12 / 20, 7 / 20, 6 / 20, 6 / 20, 1 / 20, 3 / 20, 3 / 20, 2 / 20, 2 / 20])
    assert shares(frame, "share_of_group")[7:] == pytest.approx([1, 1])


def test_personnel_vs_operating_a_group_with_no_line_is_not_printed(tmp_path):
    """财政拨款基本支出表 of 302 only (3.00): 人员经费 has neither a column nor a 类 row.

    Its 项-coded line 3020101 is below the 款: only 类 and 款 lines are listed.
    """
    basic = grid("2024年财政拨款基本支出预算表",
                 row("科目编码", "科目名称", "合计"),
                 row("", "合计", "3.00"),
                 row("302", "商品和服务支出", "3.00"),
                 row("30201", "办公费", "3.00"),
                 row("3020101", "日常办公", "3.00"))
    frame = personnel_vs_operating(disclosure(tmp_path, 2024, basic))
    line = "合计 column of the line"
    assert personnel_rows(frame) == [
        ("total", "basic", "基本支出", None, "基本支出合计", 0, 3 * W,
         "合计 row, 合计 column (财政拨款基本支出表)"),
        ("group", "personnel", "人员经费", None, "人员经费", 0, None, "not printed"),
        ("group", "public", "公用经费", None, "公用经费", 0, 3 * W,
         "computed: sum of 302 类 rows"),
        ("class", "public", "公用经费", "302", "商品和服务支出", 1, 3 * W, line),
        ("section", "public", "公用经费", "30201", "办公费", 2, 3 * W, line),
    ]
    nan = float("nan")
    assert shares(frame, "share_of_basic") == pytest.approx([1, nan, 1, 1, 1], nan_ok=True)
    assert shares(frame, "share_of_group") == pytest.approx([nan, nan, 1, 1, 1], nan_ok=True)
    # no 支出总表 or 一般公共预算支出表: no denominator
    assert frame.share_of_total_expenditure.isna().all()


def test_personnel_vs_operating_without_class_rows_has_no_basic_total(tmp_path):
    """A table of 款 rows whose 合计 row prints the groups (7.00 | 3.00) but no 合计.

    No 类 row to add up: 基本支出 stays unknown (not 0); the groups are as printed.
    """
    basic = grid("2024年一般公共预算基本支出表",
                 row("科目编码", "科目名称", "合计", "人员经费", "公用经费"),
                 row("", "合计", "", "7.00", "3.00"),
                 row("30101", "基本工资", "7.00", "7.00", ""),
                 row("30201", "办公费", "3.00", "", "3.00"))
    frame = personnel_vs_operating(disclosure(tmp_path, 2024, basic))
    line = "合计 column of the line"
    assert personnel_rows(frame) == [
        ("total", "basic", "基本支出", None, "基本支出合计", 0, None, "computed: sum of 类 rows"),
        ("group", "personnel", "人员经费", None, "人员经费", 0, 7 * W, "合计 row, 人员经费 column"),
        ("section", "personnel", "人员经费", "30101", "基本工资", 2, 7 * W, line),
        ("group", "public", "公用经费", None, "公用经费", 0, 3 * W, "合计 row, 公用经费 column"),
        ("section", "public", "公用经费", "30201", "办公费", 2, 3 * W, line),
    ]
    assert frame.share_of_basic.isna().all()
    assert shares(frame, "share_of_group")[1:] == pytest.approx([1, 1, 1, 1])


def test_personnel_vs_operating_a_line_belongs_to_the_block_it_is_printed_in(tmp_path):
    """决算 blocks: 399 其他支出 1.00 printed in the 人员经费 block is 人员经费, not by code.

    人员经费 = 301 6.00 + 399 1.00 = 7.00; 公用经费 = 302 2.00; 基本支出 = 9.00 (类 rows).
    """
    header = [row("人员经费", "", "", "公用经费", "", ""),
              row("科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数")]
    body = [row("301", "工资福利支出", "6.00", "302", "商品和服务支出", "2.00"),
            row("399", "其他支出", "1.00", "", "", ""),
            row("", "人员经费合计", "7.00", "", "公用经费合计", "2.00")]
    doc = disclosure(tmp_path, 2024,
                     grid("一般公共预算财政拨款基本支出决算表", *header, *body, header_rows=2))
    frame = personnel_vs_operating(doc)
    assert [(r.row_kind, r.group, plain(r.line_code), r.amount_yuan)
            for r in frame.itertuples()] == [
        ("total", "basic", None, 9 * W), ("group", "personnel", None, 7 * W),
        ("class", "personnel", "301", 6 * W), ("class", "personnel", "399", W),
        ("group", "public", None, 2 * W), ("class", "public", "302", 2 * W)]


def test_personnel_vs_operating_a_line_printed_as_public_is_public(tmp_path):
    """合计 10.00 = 人员经费 7.00 + 公用经费 3.00, and 公用经费 3.00 = 302 2.00 + 310 1.00.

    The table prints 310 资本性支出 in its 公用经费 column (as hangzhou_sfj_2026 and
    shanghai-putuo_swwyh_2025 do): it is 公用经费, and no group is counted twice (grouped by
    its code, 310 was 其他基本支出 too: the groups made 110 % of 基本支出).
    """
    basic = grid("2024年一般公共预算基本支出表",
                 row("科目编码", "科目名称", "合计", "人员经费", "公用经费"),
                 row("", "合计", "10.00", "7.00", "3.00"),
                 row("301", "工资福利支出", "7.00", "7.00", ""),
                 row("302", "商品和服务支出", "2.00", "", "2.00"),
                 row("310", "资本性支出", "1.00", "", "1.00"))
    frame = personnel_vs_operating(disclosure(tmp_path, 2024, basic))
    assert [(r.row_kind, r.group, plain(r.line_code), r.amount_yuan)
            for r in frame.itertuples()] == [
        ("total", "basic", None, 10 * W), ("group", "personnel", None, 7 * W),
        ("class", "personnel", "301", 7 * W), ("group", "public", None, 3 * W),
        ("class", "public", "302", 2 * W), ("class", "public", "310", W)]
    groups = frame[frame.row_kind == "group"]
    assert sum(groups.share_of_basic) == pytest.approx(1)


# ---- project_shares: the projects a document names ------------------------------------------

TARGET_HEADER = row("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据")


def target_table(title: str, *indicators: list) -> Grid:
    """A Hebei 绩效目标表: one project, its goal, the header, then its indicator rows."""
    return grid(title, row("绩效目标", "保障项目实施"), TARGET_HEADER, *indicators)


def target_form(project: str, *funds: list) -> Grid:
    """A Shanghai 财政项目支出绩效目标填报表: 项目名称, then labelled fund fields (万元)."""
    return grid("财政项目支出绩效目标填报表", row("项目名称", project, "", ""), *funds)


NAMED_PROJECTS = (
    # 网络运维 first: the frame keeps the document's order, not the names' sorted order
    target_table("1、网络运维绩效目标表",
                 row("产出指标", "数量指标", "运维次数", "运维次数", "≥12次", "合同"),
                 row("", "成本指标", "运维费", "运维费", "≤8 万元", "合同"),  # spaced as printed
                 row("", "成本指标", "耗材费", "耗材费", "≥2万元", "预算")),
    target_table("2、办公设备购置绩效目标表",
                 row("产出指标", "成本指标", "设备费", "设备费", "≤5万元", "配置标准")),
    target_form("社区服务", row("项目资金总额", "30.00", "年度资金申请总额", "20.00"),
                row("当年财政拨款", "15.00", "", "")),
    target_form("养老服务", row("项目资金总额", "12.00", "", ""),
                row("当年财政拨款", "10.00", "", "")),
    grid("2024年政府采购预算表",
         row("序号", "采购项目", "采购品目", "预算资金", "金额"),
         row("", "合计", "", "", "30.00"),
         row("1", "办公设备", "台式计算机", "20.00", "12.00"),
         row("2", "物业服务", "物业管理服务", "", "18.00")),
)


def named_rows(frame: pd.DataFrame) -> list[tuple]:
    return [(r.row_kind, r.source_table, plain(r.line_code), r.line_name, r.measure,
             r.measure_zh, r.amount_yuan, plain(r.comparator), bool(r.is_headline), r.basis)
            for r in frame.itertuples()]


def test_project_shares_named_by_targets_forms_and_procurement(tmp_path):
    """网络运维 成本指标 ≤8 + ≥2 = 10 (mixed); 办公设备购置 ≤5; forms as printed; 采购 20 | 12, 18.

    A form's headline is its 年度资金申请总额, else its 当年财政拨款 (养老服务 prints no
    request). Without a function table there is no 支出合计 or 项目支出: every share is NaN.
    """
    frame = project_shares(disclosure(tmp_path, 2024, *NAMED_PROJECTS))
    named, targets, form = "named_project", "performance_targets", "绩效目标填报表"
    bought = "政府采购预算表 采购 合计 (the part of the project bought by procurement)"
    assert named_rows(frame) == [
        (named, targets, None, "网络运维", "cost_target", "成本指标", 10 * W, "mixed", True,
         "绩效目标表 成本指标 ≤8万元、≥2万元 (sum of 2; a bound on cost, not spending)"),
        (named, targets, None, "办公设备购置", "cost_target", "成本指标", 5 * W, "≤", True,
         "绩效目标表 成本指标 ≤5万元 (sum of 1; a bound on cost, not spending)"),
        (named, targets, None, "社区服务", "annual_request", "年度资金申请总额", 20 * W, "=",
         True, f"{form} 年度资金申请总额"),
        (named, targets, None, "社区服务", "current_grant", "当年财政拨款", 15 * W, "=", False,
         f"{form} 当年财政拨款"),
        (named, targets, None, "社区服务", "project_total", "项目资金总额", 30 * W, "=", False,
         f"{form} 项目资金总额"),
        (named, targets, None, "养老服务", "current_grant", "当年财政拨款", 10 * W, "=", True,
         f"{form} 当年财政拨款"),
        (named, targets, None, "养老服务", "project_total", "项目资金总额", 12 * W, "=", False,
         f"{form} 项目资金总额"),
        (named, "procurement", None, "办公设备", "project_budget", "项目预算资金", 20 * W, "=",
         True, "政府采购预算表 项目预算资金 (the project's budget)"),
        (named, "procurement", None, "办公设备", "total", "合计", 12 * W, "=", False, bought),
        (named, "procurement", None, "物业服务", "total", "合计", 18 * W, "=", False, bought),
    ]
    # a single bound is a bound; "=" (a form's or a purchase's printed funds) is spending
    assert [bool(bound) for bound in frame.is_bound][1:] == [True] + [False] * 8
    assert frame.share_of_total_expenditure.isna().all() and frame.share_of_project.isna().all()


def test_project_shares_a_sum_of_mixed_bounds_is_no_spending(tmp_path):
    """网络运维 prints 成本指标 ≤8万元 and ≥2万元: neither is spending, nor is their sum."""
    frame = project_shares(disclosure(tmp_path, 2024, *NAMED_PROJECTS[:1]))
    assert [(r.line_name, r.comparator, bool(r.is_bound)) for r in frame.itertuples()] == [
        ("网络运维", "mixed", True)]


def test_project_shares_skips_an_item_of_no_project_spending(tmp_path):
    """2010101 prints 项目支出 0: it is no project item; 2010102 holds all 4.00 of 项目支出."""
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "15.00", "11.00", "4.00"),
        row("201", "一般公共服务支出", "15.00", "11.00", "4.00"),
        row("20101", "人大事务", "15.00", "11.00", "4.00"),
        row("2010101", "行政运行", "11.00", "11.00", "0"),
        row("2010102", "一般行政管理事务", "4.00", "0", "4.00")))
    items = project_shares(doc).query("row_kind == 'function_item'")
    assert list(zip(items.line_code, items.amount_yuan, strict=True)) == [("2010102", 4 * W)]
    assert items.share_of_project.tolist() == pytest.approx([4 / 4])
    assert items.share_of_total_expenditure.tolist() == pytest.approx([4 / 15])


# ---- across_departments: where the total comes from, growth without a base ----------------

def unit_budget(tmp_path, year: int, *grids: Grid):
    """A 单位预算 (scope "unit") of 示例局 for ``year``, printing ``grids``."""
    path = tmp_path / f"示例局_{year}_单位预算.txt"
    path.write_text("示例", encoding="utf-8")
    return build_disclosure(RawDocument(path, "tika_text",
                                        [Paragraph(f"示例局{year}年单位预算"), *grids]))


def test_across_departments_total_from_the_general_budget_and_no_growth_without_a_base(
        tmp_path):
    """2024 prints its 一般公共预算支出表 only (支出合计 10.00 = 6.00 + 4.00, no 支出总表).

    2023 prints a 三公 table only: it is the year before but has no 支出合计, so there is no
    growth to compute; it serves as a base only and gets no row of its own.
    """
    later = unit_budget(tmp_path, 2024, general_budget("6.00", "4.00"))
    earlier = unit_budget(tmp_path, 2023, grid("2023年“三公”经费预算表", row("项目", "预算数"),
                                               row("合计", "1.00"),
                                               row("因公出国（境）费", "1.00")))
    frame = across_departments([later], earlier=[earlier])
    got = [(r.department, r.year, r.stage, r.scope, plain(r.expenditure_total_yuan),
            plain(r.basic_yuan), plain(r.project_yuan), plain(r.personnel_yuan),
            plain(r.public_yuan), plain(r.three_public_yuan), plain(r.admin_operating_yuan),
            plain(r.previous_year), plain(r.expenditure_growth), Path(r.source).name)
           for r in frame.itertuples()]
    assert got == [("示例局", 2024, "budget", "unit", 10 * W, None, None, None, None, None,
                    None, 2023, None, "示例局_2024_单位预算.txt")]
    assert frame[["personnel_share_of_basic", "project_share_of_total",
                  "three_public_share_of_basic"]].isna().all().all()


# ---- year_over_year: the 支出主要内容 items beside the 项 lines they name --------------------

def general_budget_of(tmp_path, year: int, lines: list, narrative: str = ""):
    """示例局's 预算 of ``year``: a 一般公共预算支出表 (合计 column) and maybe an overview."""
    path = tmp_path / f"示例局_{year}_预算.txt"
    path.write_text("示例", encoding="utf-8")
    blocks = [Paragraph(f"示例局{year}年部门预算")]
    if narrative:
        blocks += [Paragraph("一、收支预算总体情况"), Paragraph(narrative)]
    table = grid(f"{year}年一般公共预算支出表", row("科目编码", "科目名称", "合计"), *lines)
    return build_disclosure(RawDocument(path, "tika_text", [*blocks, table]))


#: 201 holds 人大事务 and a 款 共同事务 whose 行政运行 (2019901) has a twin under 208
#: (2089901): the 款 + 项 names alone cannot tell them apart.
ITEM_LINES = [
    row("", "合计", "13.00"),
    row("201", "一般公共服务支出", "11.00"),
    row("20101", "人大事务", "10.00"),
    row("2010101", "行政运行", "6.00"),
    row("2010102", "一般行政管理事务", "4.00"),
    row("20199", "共同事务", "1.00"),
    row("2019901", "行政运行", "1.00"),
    row("208", "社会保障和就业支出", "2.00"),
    row("20899", "共同事务", "2.00"),
    row("2089901", "行政运行", "2.00"),
]

SPENDING_ITEMS = "\n".join([
    "财政拨款支出主要内容如下：",
    # by its full path; its 预算安排 (6.50) is not its head amount (6.00): 预算安排 counts
    "1.“一般公共服务支出（类）人大事务（款）行政运行（项）”6.00万元，主要用于机关运行。"
    "2023年当年预算执行数为5.00万元，2024年预算安排6.50万元，比2023年预算执行数增加30.00%。",
    # its 类 printed under an older name: found by its 款 + 项 names, which are unique;
    # no 预算安排 printed: its head amount (4.00) is this year's
    "2.“一般公共服务（类）人大事务（款）一般行政管理事务（项）”4.00万元，主要用于履职。"
    "2023年当年预算执行数为5.00万元，比2023年预算执行数减少20.00%。",
    # by its full path although its 款 + 项 names have a twin
    "3.“社会保障和就业支出（类）共同事务（款）行政运行（项）”2.00万元，主要用于机关运行。"
    "2023年当年预算执行数为2.00万元，2024年预算安排2.00万元，比2023年预算执行数持平。",
    # an older 类 name and a twin: which 行政运行 is meant cannot be told, so neither
    "4.“公共服务（类）共同事务（款）行政运行（项）”1.00万元，主要用于机关运行。"
    "2023年当年预算执行数为3.00万元，2024年预算安排1.00万元，比2023年预算执行数减少66.67%。",
    # the same line again: the first statement stands
    "5.“一般公共服务支出（类）人大事务（款）行政运行（项）”6.00万元，主要用于机关运行。"
    "2023年当年预算执行数为4.00万元，2024年预算安排6.00万元，比2023年预算执行数增加50.00%。",
    # a line the table does not print
    "6.“农林水支出（类）农业农村（款）病虫害控制（项）”3.00万元，主要用于防治。"
    "2023年当年预算执行数为3.00万元，2024年预算安排3.00万元，比2023年预算执行数持平。",
    # a prior amount finer than a fen is no amount, and no change is stated: nothing to
    # subtract, no direction, no percent
    "7.“一般公共服务支出（类）共同事务（款）行政运行（项）”1.00万元，主要用于机关运行。"
    "2023年当年预算执行数为0.1234567万元。",
])


def test_year_over_year_states_each_item_beside_the_line_it_names(tmp_path):
    """Items 1–3 and 7 are stated on 2010101, 2010102, 2089901 and 2019901; item 4 names no
    single line, item 5 repeats item 1, item 6 names a line not printed.

    2023 printed 201 as "一、一般公共服务支出": the numbering is no rename.
    Stated change = 2024 预算安排 (else the head amount) − 2023 执行数 (万元):
    6.50 − 5 = 1.50, 4 − 5 = −1, 2 − 2 = 0.
    """
    earlier = general_budget_of(tmp_path, 2023, [
        row("", "合计", "13.00"), row("201", "一、一般公共服务支出", "11.00"), *ITEM_LINES[2:]])
    later = general_budget_of(tmp_path, 2024, ITEM_LINES, SPENDING_ITEMS)
    frame = year_over_year([earlier, later])
    lines = frame[frame.table == "general_budget_expenditure"]
    assert set(lines.measure) == {"total"}
    got = [(r.line_code, r.name_from, r.name_to, bool(r.is_renamed), plain(r.stated_source),
            plain(r.stated_base_year), plain(r.stated_direction), plain(r.stated_prior_yuan),
            plain(r.stated_change_yuan), plain(r.stated_change_percent))
           for r in lines.itertuples()]
    none = (None,) * 6
    assert got == [
        ("total", "合计", "合计", False, *none),
        ("201", "一、一般公共服务支出", "一般公共服务支出", False, *none),
        ("20101", "人大事务", "人大事务", False, *none),
        ("2010101", "行政运行", "行政运行", False, "支出主要内容 item 1", 2023, "increase",
         5 * W, Decimal("1.5") * W, 30.0),
        ("2010102", "一般行政管理事务", "一般行政管理事务", False, "支出主要内容 item 2", 2023,
         "decrease", 5 * W, -W, -20.0),
        ("20199", "共同事务", "共同事务", False, *none),
        ("2019901", "行政运行", "行政运行", False, "支出主要内容 item 7", 2023, None, None,
         None, None),
        ("208", "社会保障和就业支出", "社会保障和就业支出", False, *none),
        ("20899", "共同事务", "共同事务", False, *none),
        ("2089901", "行政运行", "行政运行", False, "支出主要内容 item 3", 2023, "flat",
         2 * W, Decimal(0), 0.0),
    ]


# ---- three_public and year_over_year beside the narrative's own figures ---------------------

def budget_with_narrative(tmp_path, year: int, tables: list[Grid],
                          paragraphs: tuple[str, ...] = ()):
    path = tmp_path / f"示例局_{year}_预算.txt"
    path.write_text("示例", encoding="utf-8")
    blocks = [Paragraph(f"示例局{year}年部门预算"), *map(Paragraph, paragraphs)]
    return build_disclosure(RawDocument(path, "tika_text", [*blocks, *tables]))


def summary_of(year: int, total: str, basic: str, project: str) -> Grid:
    return grid(f"{year}年部门支出预算总表",
                row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                row("", "合计", total, basic, project),
                row("201", "一般公共服务支出", total, basic, project))


def three_public_of(year: int, *rows: list) -> Grid:
    return grid(f"{year}年“三公”经费预算表", row("项目", "预算数"), *rows)


#: The 2024 narrative: 支出 15.00 (+3.00, 25 %), 三公 15.00 (+15.38 %, no amount),
#: 公务用车 0 (flat), 公务接待 10.00 (+2.00, 25 %), 机关运行经费 12.00 (+1.00);
#: 因公出国 is not stated.
NARRATIVE_2024 = (
    "一、收支预算总体情况",
    "2024年部门支出预算15.00万元，比2023年预算增加3.00万元，增长25.00%。",
    "二、2024年“三公”经费预算情况说明",
    "2024年“三公”经费预算15.00万元，比2023年预算增长15.38%。其中：公务用车购置及运行费"
    "0万元，与2023年预算持平；公务接待费10.00万元，比2023年预算增加2.00万元，增长25.00%。",
    "三、机关运行经费预算情况",
    "2024年机关运行经费预算12.00万元，比2023年预算增加1.00万元。",
)


def budget_2024(tmp_path, vehicle: str):
    """2024: 支出总表 15.00 (基本 11.00); a 三公 table without 合计: 出国 5, 公务用车, 接待 10."""
    return budget_with_narrative(tmp_path, 2024, [
        summary_of(2024, "15.00", "11.00", "4.00"),
        three_public_of(2024, row("因公出国（境）费", "5.00"), row("公务用车购置及运行费", vehicle),
                        row("公务接待费", "10.00"))], NARRATIVE_2024)


def test_three_public_beside_the_narratives_figures(tmp_path):
    """三公 total computed 5 + 0 + 10 = 15.00 (as stated); 公务用车 printed blank, stated 0.

    Stated prior = stated − signed change: 0 − 0 = 0, 10 − 2 = 8, 12 − 1 = 11; the total's
    change is stated as a percent only (+15.38 %): no change amount, no prior.
    机关运行经费 is stated in the narrative only; 公务用车购置费 / 运行费 nowhere: no rows.
    """
    frame = three_public(budget_2024(tmp_path, ""))
    got = [(r.item, r.item_zh, r.item_en, plain(r.line_name), plain(r.level),
            plain(r.amount_yuan), bool(r.is_computed), plain(r.stated_yuan),
            plain(r.matches_stated), plain(r.stated_base_year), plain(r.stated_direction),
            plain(r.stated_change_yuan), plain(r.stated_prior_yuan), plain(r.note))
           for r in frame.itertuples()]
    assert got == [
        ("total", "“三公”经费合计", '"three public" total', None, 0, 15 * W, True, 15 * W, True,
         2023, "increase", None, None,
         "total not printed in the table: computed from 因公出国 + 公务用车 + 公务接待"),
        ("abroad", "因公出国（境）费", "official travel abroad", "因公出国（境）费", 1, 5 * W,
         False, None, None, None, None, None, None, None),
        ("vehicle", "公务用车购置及运行费", "official vehicles", "公务用车购置及运行费", 1, None,
         False, Decimal(0), True, 2023, "flat", Decimal(0), Decimal(0), "blank in the table"),
        ("reception", "公务接待费", "official reception", "公务接待费", 1, 10 * W, False, 10 * W,
         True, 2023, "increase", 2 * W, 8 * W, None),
        ("admin_operating", "机关运行经费", "administrative operating costs", None, None, None,
         False, 12 * W, None, 2023, "increase", W, 11 * W,
         "not in the 三公 table; stated in the narrative only"),
    ]
    nan = float("nan")
    assert shares(frame, "share_of_three_public") == pytest.approx(
        [1, 5 / 15, nan, 10 / 15, nan], nan_ok=True)
    assert shares(frame, "share_of_basic") == pytest.approx(
        [15 / 11, 5 / 11, nan, 10 / 11, nan], nan_ok=True)
    assert shares(frame, "stated_change_percent") == pytest.approx(
        [15.38, nan, nan, 25.0, nan], nan_ok=True)


def test_year_over_year_headline_and_three_public_beside_the_narrative(tmp_path):
    """2023 → 2024: 支出 12 → 15 (stated +3, 25 %); 三公 13 → 15 (computed; stated +15.38 %).

    2023 prints 公务用车购置费 blank (no amount either year: no row) and 公务用车运行费 0.00
    (not printed in 2024: dropped); 因公出国 5 → 5 is stated nowhere.
    """
    earlier = budget_with_narrative(tmp_path, 2023, [
        summary_of(2023, "12.00", "9.00", "3.00"),
        three_public_of(2023, row("合计", "13.00"), row("因公出国（境）费", "5.00"),
                        row("公务用车购置及运行费", "0.00"), row("其中：公务用车购置费", ""),
                        row("公务用车运行费", "0.00"), row("公务接待费", "8.00"))])
    frame = year_over_year([earlier, budget_2024(tmp_path, "0.00")])
    rows = frame[frame.table.isin(["headline", "three_public"])]
    got = [(r.table, r.line_code, r.level, r.name_to, r.status, plain(r.amount_from_yuan),
            plain(r.amount_to_yuan), plain(r.change_yuan), plain(r.stated_source),
            plain(r.stated_base_year), plain(r.stated_direction), plain(r.stated_change_yuan),
            plain(r.stated_prior_yuan)) for r in rows.itertuples()]
    none = (None,) * 5
    assert got == [
        ("headline", "expenditure_total", 0, "支出合计", "continued", 12 * W, 15 * W, 3 * W,
         "narrative figure expenditure_total", 2023, "increase", 3 * W, 12 * W),
        ("headline", "basic", 0, "基本支出", "continued", 9 * W, 11 * W, 2 * W, *none),
        ("headline", "project", 0, "项目支出", "continued", 3 * W, 4 * W, W, *none),
        ("three_public", "total", 0, "“三公”经费合计", "continued", 13 * W, 15 * W, 2 * W,
         "narrative figure three_public_total", 2023, "increase", None, None),
        ("three_public", "abroad", 1, "因公出国（境）费", "continued", 5 * W, 5 * W, Decimal(0),
         *none),
        ("three_public", "vehicle", 1, "公务用车购置及运行费", "continued", Decimal(0), Decimal(0),
         Decimal(0), "narrative figure three_public_vehicle", 2023, "flat", Decimal(0),
         Decimal(0)),
        ("three_public", "vehicle_operation", 1, "公务用车运行费", "dropped", Decimal(0), None,
         Decimal(0), *none),
        ("three_public", "reception", 1, "公务接待费", "continued", 8 * W, 10 * W, 2 * W,
         "narrative figure three_public_reception", 2023, "increase", 2 * W, 8 * W),
    ]
    nan = float("nan")
    assert shares(rows, "stated_change_percent") == pytest.approx(
        [25.0, nan, nan, 15.38, nan, nan, nan, 25.0], nan_ok=True)


# ---- three_public tables without a 合计; function_breakdown totals computed -----------------

def test_three_public_a_row_the_vocabulary_does_not_name_is_not_the_total(tmp_path):
    """No 合计 printed: the total is 出国 5.00 + 接待 10.00 = 15.00, not "一、其他费用" 1.00."""
    frame = three_public(disclosure(tmp_path, 2024, three_public_of(
        2024, row("因公出国（境）费", "5.00"), row("一、其他费用", "1.00"),
        row("公务接待费", "10.00"))))
    assert [(r.item, r.amount_yuan, bool(r.is_computed)) for r in frame.itertuples()] == [
        ("total", 15 * W, True), ("abroad", 5 * W, False), ("reception", 10 * W, False)]


def test_three_public_item_columns_keep_a_units_row_out(tmp_path):
    """Items as columns: the 合计 row gives the items; 示例局本级's row is not counted again."""
    frame = three_public(disclosure(tmp_path, 2024, grid(
        "2024年“三公”经费预算表", row("单位", "合计", "因公出国（境）费", "公务接待费"),
        row("合计", "3.00", "1.00", "2.00"), row("示例局本级", "3.00", "1.00", "2.00"))))
    assert [(r.item, r.level, r.amount_yuan, bool(r.is_computed))
            for r in frame.itertuples()] == [
        ("total", 0, 3 * W, False), ("abroad", 1, W, False), ("reception", 1, 2 * W, False)]


def test_three_public_items_split_by_fund_are_the_sum_of_their_funds(tmp_path):
    """No all-funds column: 合计 = 3.00 + 1.00; 接待 = 2.00 + 1.00; 公务用车 prints no fund.

    机关运行经费 (5.00, printed) is no part of the 三公 total: it has no share of it.
    """
    frame = three_public(disclosure(tmp_path, 2024, grid(
        "2024年“三公”经费预算表", row("项目", "一般公共预算", "政府性基金", "国有资本经营预算"),
        row("合计", "3.00", "1.00", ""), row("因公出国（境）费", "1.00", "", ""),
        row("公务用车购置及运行费", "", "", ""), row("公务接待费", "2.00", "1.00", ""),
        row("机关运行经费", "5.00", "", ""))))
    assert [(r.item, plain(r.amount_yuan), plain(r.note)) for r in frame.itertuples()] == [
        ("total", 4 * W, None), ("abroad", W, None), ("vehicle", None, "blank in the table"),
        ("reception", 3 * W, None), ("admin_operating", 5 * W, None)]
    nan = float("nan")
    assert shares(frame, "share_of_three_public") == pytest.approx(
        [1, 1 / 4, nan, 3 / 4, nan], nan_ok=True)


def test_function_breakdown_total_computed_from_class_rows_not_sections(tmp_path):
    """No 合计 row; 208 prints no 款: 合计 = 类 201 10.00 + 208 5.00 = 15.00 (款 alone: 10.00).

    项目支出 is blank on every line: its total is unknown, not 0.
    """
    doc = disclosure(tmp_path, 2024, expenditure(
        row("201", "一般公共服务支出", "10.00", "10.00", ""),
        row("20101", "人大事务", "10.00", "10.00", ""),
        row("208", "社会保障和就业支出", "5.00", "5.00", "")))
    frame = function_breakdown(doc)
    total = frame.iloc[0]
    assert (total.amount_yuan, total.basic_yuan, plain(total.project_yuan),
            bool(total.is_computed)) == (15 * W, 15 * W, None, True)
    assert frame.share_of_total_expenditure.tolist() == pytest.approx([1, 10 / 15, 10 / 15,
                                                                       5 / 15])
    assert frame.share_of_project.isna().all()


def test_function_breakdown_shares_of_a_zero_project_total_are_undefined(tmp_path):
    """项目支出 printed 0 in total: a share of it is undefined (NaN), not an error or 0."""
    frame = function_breakdown(disclosure(tmp_path, 2024, general_budget("10.00", "0")))
    assert [(plain(r.line_code), r.project_yuan) for r in frame.itertuples()] == [
        (None, Decimal(0)), ("201", Decimal(0))]
    assert frame.share_of_project.isna().all()
    assert frame.project_share_of_line.tolist() == [0.0, 0.0]


# ---- year_over_year: pairs, statuses, names and which table carries the items ---------------

def test_year_over_year_pairs_budgets_then_finals(tmp_path):
    """预算 2023 → 2024 first, then 决算 2023 → 2024; a 预算 is never paired with a 决算."""
    docs = [department_year(tmp_path, "示例局", year, stage, total, total, "0")
            for stage in ("决算", "预算") for year, total in ((2024, "15.00"), (2023, "12.00"))]
    frame = year_over_year(docs)
    assert list(dict.fromkeys(zip(frame.stage, frame.year_from, frame.year_to,
                                  strict=True))) == [("budget", 2023, 2024),
                                                     ("final", 2023, 2024)]
    total = frame[(frame.table == "headline") & (frame.line_code == "expenditure_total")]
    assert total.change_yuan.tolist() == [3 * W, 3 * W]


def test_year_over_year_blank_cells_of_a_line_printed_both_years(tmp_path):
    """201 prints 基本支出 10.00 | 项目支出 blank in 2023, blank | 10.00 in 2024.

    The line is printed both years, so both measures continue: 0 − 10 and 10 − 0.
    2024 also prints its 基本支出 table (人员经费 4.00), which 2023 does not: a new headline.
    The department renamed itself: the later name is shown.
    """
    earlier = department_year(tmp_path, "示例局", 2023, "预算", "10.00", "10.00", "")
    path = tmp_path / "示例新局_2024_预算.txt"
    path.write_text("示例", encoding="utf-8")
    later = build_disclosure(RawDocument(path, "tika_text", [
        Paragraph("示例新局2024年部门预算"),
        department_table("示例新局", "2024年部门支出预算总表",
                         row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                         row("", "合计", "10.00", "", "10.00"),
                         row("201", "一般公共服务支出", "10.00", "", "10.00")),
        department_table("示例新局", "2024年一般公共预算基本支出表",
                         row("科目编码", "科目名称", "合计", "人员经费", "公用经费"),
                         row("", "合计", "4.00", "4.00", ""),
                         row("301", "工资福利支出", "4.00", "4.00", ""))]))
    frame = year_over_year([earlier, later])
    assert set(frame.department) == {"示例新局"}
    lines = frame[(frame.table == "expenditure_summary") & (frame.line_code == "201")]
    assert [(r.measure, r.status, plain(r.amount_from_yuan), plain(r.amount_to_yuan),
             r.change_yuan) for r in lines.itertuples()] == [
        ("basic", "continued", 10 * W, None, -10 * W),
        ("project", "continued", None, 10 * W, 10 * W),
        ("total", "continued", 10 * W, 10 * W, Decimal(0))]
    personnel = frame[(frame.table == "headline") & (frame.line_code == "personnel")]
    assert [(r.status, plain(r.amount_from_yuan), r.amount_to_yuan, r.change_yuan)
            for r in personnel.itertuples()] == [("new", None, 4 * W, 4 * W)]


ITEM_BUDGET_LINES = [
    row("", "合计", "10.00", "6.00", "4.00"),
    row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
    row("20101", "人大事务", "10.00", "6.00", "4.00"),
    row("2010101", "行政运行", "6.00", "6.00", "0"),
    row("2010102", "一般行政管理事务", "4.00", "0", "4.00"),
]
ONE_ITEM = ("财政拨款支出主要内容如下：\n1.“一般公共服务支出（类）人大事务（款）行政运行（项）”"
            "6.00万元，主要用于机关运行。2023年当年预算执行数为5.00万元，2024年预算安排6.00万元，"
            "比2023年预算执行数增加20.00%。")


@pytest.mark.parametrize(("general_budget_printed", "item_table"), [
    (False, "expenditure_summary"), (True, "general_budget_expenditure")])
def test_year_over_year_an_item_is_stated_on_the_total_of_one_table(tmp_path,
                                                                    general_budget_printed,
                                                                    item_table):
    """The item stands beside 2010101's 合计 in the 一般公共预算支出表 where one is printed,
    else in the 支出总表; never beside its 基本支出 / 项目支出, nor in the other table."""
    def budget(year: int, narrative: tuple[str, ...]):
        tables = [grid(f"{year}年部门支出预算总表",
                       row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                       *ITEM_BUDGET_LINES)]
        if general_budget_printed:
            tables.append(grid(f"{year}年一般公共预算支出表",
                               row("科目编码", "科目名称", "合计"),
                               *(line[:3] for line in ITEM_BUDGET_LINES)))
        return budget_with_narrative(tmp_path, year, tables, narrative)

    frame = year_over_year([budget(2023, ()),
                            budget(2024, ("一、收支预算总体情况", ONE_ITEM))])
    stated = frame[frame.stated_source.notna()]
    assert [(r.table, r.line_code, r.measure, r.stated_source, r.stated_prior_yuan,
             r.stated_change_yuan) for r in stated.itertuples()] == [
        (item_table, "2010101", "total", "支出主要内容 item 1", 5 * W, W)]


def test_year_over_year_of_a_three_public_item_beyond_the_vocabulary(tmp_path):
    """会议费 printed in both years' 三公 tables (1.00 → 1.50): an item and a row of its own."""
    def budget(year: int, meetings: str):
        return budget_with_narrative(tmp_path, year, [three_public_of(
            year, row("合计", "2.00"), row("因公出国（境）费", "2.00"),
            row("会议费", meetings))])

    later = budget(2024, "1.50")
    items = three_public(later)
    assert [(r.item, r.item_zh, plain(r.item_en), r.amount_yuan) for r in items.itertuples()] == [
        ("total", "“三公”经费合计", '"three public" total', 2 * W),
        ("abroad", "因公出国（境）费", "official travel abroad", 2 * W),
        ("meeting", "会议费", None, Decimal("1.5") * W)]  # named as printed
    frame = year_over_year([budget(2023, "1.00"), later])
    rows = frame[frame.table == "three_public"]
    assert [(r.line_code, r.level, r.status, r.amount_from_yuan, r.amount_to_yuan,
             r.change_yuan) for r in rows.itertuples()] == [
        ("total", 0, "continued", 2 * W, 2 * W, Decimal(0)),
        ("abroad", 1, "continued", 2 * W, 2 * W, Decimal(0)),
        ("meeting", 1, "continued", W, Decimal("1.5") * W, Decimal("0.5") * W)]
