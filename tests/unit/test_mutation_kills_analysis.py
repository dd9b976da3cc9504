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
from test_mutation_kills import W, disclosure, grid, three_public_rows

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


def plain(value: object) -> object:
    return None if pd.isna(value) else value


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


def expenditure_summary(*lines: list) -> list:
    return grid("2024年部门支出预算总表",
                row("科目编码", "科目名称", "合计", "基本支出", "项目支出"), *lines)


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
    doc = disclosure(tmp_path, 2024, expenditure_summary(
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
    doc = disclosure(tmp_path, 2024, expenditure_summary(*FUNCTION_LINES))
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


PROCUREMENT = grid("2024年政府采购预算表",
                   row("序号", "采购项目", "采购品目", "数量", "金额"),
                   row("", "合计", "", "", "30.00"),
                   row("1", "办公设备", "台式计算机", "10", "12.00"),
                   row("", "办公设备小计", "", "", "12.00"),
                   row("2", "物业服务", "物业管理服务", "1", "18.00"))


def test_project_shares_split_items_and_procurement(tmp_path):
    """基本支出 11 and 项目支出 4 of 15; the 项 2010102 holds all 4; purchases of 12 and 18."""
    doc = disclosure(tmp_path, 2024, expenditure_summary(
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
    doc = disclosure(tmp_path, 2024, expenditure_summary(*FUNCTION_LINES))
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
                     expenditure_summary(row("", "合计", "15.00", "11.00", "4.00"),
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
