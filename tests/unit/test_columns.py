"""Table recognition and column mapping on constructed grids (no documents needed).

Every expectation here is written by hand from how the templates print their tables: the
title variants are the printed titles of the multi-region corpus and the seed; the header
layouts reproduce the Hebei text export (short merged rows), the paged formats (merged
labels in their first column) and the national 决算 template (side-by-side blocks).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from helpers.catalog import KINDS_BY_KEY, compact_label, match_kind, measure_of
from helpers.codes import class_code_of_name, split_fused_code
from helpers.columns import (
    column_paths,
    is_column_number_row,
    is_label_row,
    map_columns,
    split_header,
)
from helpers.normalize import normalize_grid
from helpers.raw import Cell, Grid


def row(*texts: str) -> list[Cell]:
    return [Cell(text, line=1) for text in texts]


@pytest.mark.parametrize(("title", "kind"), [
    ("预算01表 收支总表", "income_expenditure_summary"),
    ("表1：2026年市级部门收支预算总表", "income_expenditure_summary"),
    ("2024年预算单位财务收支预算总表", "income_expenditure_summary"),
    ("年部门收支总体情况表", "income_expenditure_summary"),
    ("2022年部门综合预算收支总表", "income_expenditure_summary"),
    ("收入支出决算总表", "income_expenditure_summary"),
    ("四、财政拨款收支预算总表", "fiscal_grant_summary"),
    ("财政拨款收入支出决算总表", "fiscal_grant_summary"),
    ("部门预算收入总表", "income_summary"),
    ("收入决算表", "income_summary"),
    ("本年支出总体情况表", "expenditure_summary"),
    ("公开03表 支出总表", "expenditure_summary"),
    ("公开05表 财政拨款支出表（功能科目）", "fiscal_grant_expenditure"),
    ("公开06表 财政拨款基本支出表（经济科目）", "fiscal_grant_basic_expenditure"),
    ("部门预算一般公共预算财政拨款基本支出表", "general_budget_basic_expenditure"),
    ("2026年度一般公共预算基本支出经济分类情况表", "general_budget_basic_expenditure"),
    ("表7 部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）",
     "general_budget_basic_functional"),
    ("八、一般公共预算支出经济分类情况表", "general_budget_economic"),
    ("表7 一般公共预算项目支出情况表（按经济分类科目）", "general_budget_project_expenditure"),
    ("2023年部门一般公共预算支出功能分类预算表", "general_budget_expenditure"),
    ("部门预算政府基金预算财政拨款支出表", "gov_fund_expenditure"),
    ("表9 2022年部门综合预算政府性基金收支表（不含上年结转）", "gov_fund_expenditure"),
    ("国有资本经营预算财政拨款支出决算表", "state_capital_expenditure"),
    ("财政拨款安排的行政经费及“三公”经费预算表", "three_public"),
    ("一般公共预算“三公”经费、会议费、培训费支出表", "three_public"),
    ("一般公共预算机关运行经费支出预算表", "admin_operating"),
    ("部门预算基本支出预算表", "basic_expenditure"),
    ("部门预算项目支出及其他支出预算表", "project_expenditure"),
    ("部门综合预算专项业务经费支出表", "project_expenditure"),
    ("部门综合预算政府采购（资产配置、购买服务）预算表", "procurement"),
    ("部门政府采购预算", "procurement"),
    ("预算11表 财政拨款政府购买服务明细表", "purchase_services"),
    ("会议费明细表", "meeting_training"),
    ("部门固定资产占用情况表", "assets"),
    ("部门机构设置情况", "institutions"),
    ("1、法律顾问经费（含村、社区法律顾问）绩效目标表", "performance_targets"),
    ("表十一 2026年市级重点专项资金绩效目标表 (一级项目)", "performance_targets"),
    ("预算13表 部门整体支出绩效目标表", "department_performance_targets"),
    ("信访干部培训专项项目绩效自评表", "performance_evaluation"),
    ("部门综合预算财政拨款上年结转资金支出表", "carryover_expenditure"),
])
def test_title_words_name_the_kind(title, kind):
    assert match_kind(title).key == kind


@pytest.mark.parametrize("title", [
    "目录一、部门主要职责", "第二部分 2026年部门预算表", "表2：综合评价得分情况表",
    "预算编制范围的单位详细情况见下表:", "一、部门主要职责", "",
])
def test_contents_sentences_and_part_headings_name_no_table(title):
    assert match_kind(title) is None


def test_a_list_of_the_tables_is_contents_not_a_budget_table():
    assert match_kind("报表目录").key == match_kind("目 录").key == "contents"


def test_every_rule_names_a_kind():
    from helpers.catalog import TITLE_RULES

    assert all(key in KINDS_BY_KEY for _, key in TITLE_RULES)


@pytest.mark.parametrize(("path", "measure"), [
    (["合计"], "total"),
    (["基本支出", "小计"], "basic"),
    (["本年收入", "小计"], "income_subtotal"),
    (["财政拨款", "小计"], "fiscal_grant"),
    (["上年结转结余", "小计"], "carryover"),
    (["上年结转结余", "一般公共预算资金"], "carryover_general_budget"),
    (["上年结转结余", "单位资金"], "carryover_unit_funds"),
    (["本年收入", "一般公共预算资金"], "general_budget"),
    (["人员经费", "决算数"], "personnel"),
    (["日常公用支出"], "public"),
    (["人员支出"], "personnel"),
    (["其中：基本支出"], "basic"),
    (["其中：专项资金列入部门预算项目"], "special_funds"),
    (["2026年预算数"], "total"),
    (["金额1"], "total"),
    (["事业单位经营收入"], "operating_income"),
    (["对附属单位补助支出"], "subsidy_affiliated"),
    (["年初结转和结余"], "opening_balance"),
    (["预留中小微企业份额"], "sme_reserved"),
    (["绩效目标"], None),
])
def test_header_labels_name_measures(path, measure):
    assert measure_of([compact_label(label) for label in path]) == measure


def test_column_number_and_label_rows():
    assert is_column_number_row(row("栏次", "1", "2", "3"))
    assert is_column_number_row(row("**", "1", "2", "3"))
    assert is_column_number_row(row("1", "2", "3", "4", "5"))
    assert not is_column_number_row(row("1", "", "合计", "1295.78"))
    assert not is_column_number_row(row("201", "一般公共服务支出", "2,106.66"))
    assert is_label_row(row("", "合计", "小计", "一般公共预算资金", "事业收入"))
    assert not is_label_row(row("合计", "32,852.05", "32,380.09", "15.00"))
    assert not is_label_row(row("一、一般公共预算资金", "", "一、一般公共服务支出", ""))


def test_short_merged_rows_of_a_text_export_spread_over_their_columns():
    # Hebei 收入总表: the merged row has one cell per merged cell, 5 cells over 13 columns
    header = [row("序号", "功能分类科目", "合计", "本年收入", "上年结转"),
              row("", "科目编码", "科目名称", "", "小计", "财政拨款 收入", "财政专户 收入",
                  "事业收入", "经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", ""),
              row("栏次", *[str(n) for n in range(1, 13)])]
    paths = column_paths(header, 13)
    assert paths[0] == ["序号"]
    assert paths[1] == ["功能分类科目", "科目编码"]
    assert paths[3] == ["合计"]
    assert paths[4] == ["本年收入", "小计"]
    assert paths[11] == ["本年收入", "其他收入"]
    assert paths[12] == ["上年结转"]


def test_two_merged_groups_side_by_side_are_split_at_their_repeated_label():
    header = [row("序号", "收入", "支出"), row("", "项  目", "预算数", "项  目", "预算数")]
    assert column_paths(header, 5) == [
        ["序号"], ["收入", "项  目"], ["收入", "预算数"], ["支出", "项  目"], ["支出", "预算数"]]


def test_merged_groups_split_where_structure_turns_into_amounts():
    header = [row("序号", "支出部门经济分类科目", "一般公共预算基本支出"),
              row("", "科目编码", "科目名称", "合计", "人员经费", "公用经费")]
    paths = column_paths(header, 6)
    assert paths[2] == ["支出部门经济分类科目", "科目名称"]
    assert paths[3] == ["一般公共预算基本支出", "合计"]


def test_left_packed_merged_row_is_read_as_short():
    # a DOCX written without spans pads the merged row with blanks at the end
    header = [row("序号", "功能分类科目", "合计", "基本支出", "项目支出", ""),
              row("", "科目编码", "科目名称", "", "", "")]
    assert column_paths(header, 6)[3:] == [["合计"], ["基本支出"], ["项目支出"]]


def test_paged_merged_label_carries_over_the_columns_it_spans():
    header = [row("功能分类科目", "", "预算数", "", "", ""),
              row("", "", "", "基本支出", "", "项目支出"),
              row("科目编码", "科目名称", "合计", "小计", "人员经费", "项目支出总数")]
    paths = column_paths(header, 6)
    assert paths[1] == ["功能分类科目", "科目名称"]
    assert paths[4] == ["预算数", "基本支出", "人员经费"]
    kind = KINDS_BY_KEY["general_budget_expenditure"]
    body = [row("2010801", "行政运行", "4,952.85", "4,697.04", "4,032.02", "255.81")]
    roles = map_columns(kind, header, body, 6).roles
    assert roles == ["code", "name", "total", "basic", "personnel", "project"]


def test_three_public_columns_of_a_final_account_split_budget_and_outturn():
    header = [row("合计", "", "因公出国（境）费", "", "公务接待费", ""),
              row("预算数", "决算数", "预算数", "决算数", "预算数", "决算数")]
    body = [row("0.95", "0.50", "", "", "0.95", "0.50")]
    roles = map_columns(KINDS_BY_KEY["three_public"], header, body, 6, is_final=True).roles
    assert roles == ["item:total@budget", "item:total@total", "item:abroad@budget",
                     "item:abroad@total", "item:reception@budget", "item:reception@total"]


def test_three_public_groups_by_year_are_last_years_and_this_years():
    header = [row("2025年预算数", "", "2026年预算数", ""),
              row("合计", "公务接待费", "合计", "公务接待费")]
    body = [row("14.30", "1.80", "14.30", "1.80")]
    roles = map_columns(KINDS_BY_KEY["three_public"], header, body, 4).roles
    assert roles == ["item:total@previous_year", "item:reception@previous_year",
                     "item:total@total", "item:reception@total"]


def test_fused_codes_and_class_names():
    assert split_fused_code("2010801-行政运行") == ("2010801", "行政运行")
    assert split_fused_code("[301]工资福利支出") == ("301", "工资福利支出")
    assert split_fused_code("2026年信息化运维项目") == (None, "2026年信息化运维项目")
    assert class_code_of_name("一、一般公共服务支出", "function") == "201"
    assert class_code_of_name("医疗卫生与计划生育支出", "function") == "210"
    assert class_code_of_name("商品和服务支出", "economic") == "302"
    assert class_code_of_name("行政运行", "function") is None


def grid(title: str, *rows: list[Cell], header_rows: int = 1) -> Grid:
    return Grid(title, ["单位：万元"], list(rows), header_rows, [], line=1)


def test_table_that_adds_up_is_reliable_and_one_misprinted_total_is_left_to_the_checks():
    header = row("科目编码", "科目名称", "合计", "基本支出", "项目支出")
    lines = [row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
             row("208", "社会保障和就业支出", "5.00", "5.00", "")]
    good = normalize_grid(grid("支出总表", header, row("", "合计", "15.00", "11.00", "4.00"),
                               *lines), "t.txt")
    assert good.table.unreliable is None
    one_off = normalize_grid(grid("支出总表", header, row("", "合计", "15.01", "11.00", "4.00"),
                                  *lines), "t.txt")
    assert one_off.table.unreliable is None  # the document's misprint: a finding, not hidden


def test_table_whose_totals_fail_in_several_columns_is_unreliable():
    header = row("科目编码", "科目名称", "合计", "基本支出", "项目支出")
    result = normalize_grid(grid("支出总表", header, row("", "合计", "25.00", "16.00", "9.00"),
                                 row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
                                 row("208", "社会保障和就业支出", "5.00", "5.00", "")), "t.txt")
    assert "合计" in result.table.unreliable
    assert [a.kind for a in result.anomalies] == ["table_unreadable"]
    assert result.anomalies[0].table == "expenditure_summary"


def test_split_codes_inherit_the_class_printed_once_per_group():
    header = row("类", "款", "项", "科目名称", "合计")
    result = normalize_grid(grid("支出总表", header,
                                 row("208", "", "", "社会保障和就业支出", "3.00"),
                                 row("", "05", "", "行政事业单位养老支出", "3.00"),
                                 row("", "", "05", "机关事业单位基本养老保险缴费支出", "3.00")),
                            "t.txt")
    assert list(result.table.frame.line_code) == ["208", "20805", "2080505"]
    assert list(result.table.frame.level) == [1, 2, 3]
    assert not result.anomalies


def test_side_by_side_blocks_of_the_final_accounts_basic_table():
    header = [row("人员经费", "", "", "公用经费", "", "", "", "", ""),
              row("科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数",
                  "科目代码", "科目名称", "决算数")]
    body = [row("301", "工资福利支出", "6.00", "302", "商品和服务支出", "2.00", "310",
                "资本性支出", "0.50"),
            row("", "人员经费合计", "6.00", "", "", "公用经费合计", "", "", "2.50")]
    result = normalize_grid(grid("一般公共预算财政拨款基本支出决算表", *header, *body,
                                 header_rows=2), "t.txt")
    frame = result.table.frame
    totals = frame[frame.level == 0]
    assert list(totals.line_name) == ["人员经费合计", "公用经费合计"]
    assert totals.personnel.dropna().tolist() == [Decimal("60000.00")]
    assert totals.public.dropna().tolist() == [Decimal("25000.00")]
    assert not [a for a in result.anomalies if a.kind == "text_in_number"]


def test_code_labels_printed_beside_the_total_row_are_header():
    rows = [row("项目", "", "", "", ""), row("", "", "", "科目名称", "本年支出合计"),
            row("类", "款", "项", "合计", "2,940.05"),
            row("201", "", "", "一般公共服务支出", "2,106.66")]
    header, body = split_header(Grid("支出决算表", [], rows, 2, []))
    assert [cell.text for cell in header[-1]] == ["类", "款", "项", "", ""]
    assert [cell.text for cell in body[0]] == ["", "", "", "合计", "2,940.05"]


@pytest.mark.parametrize(("header", "kind"), [
    ("序号 单位名称 拟变动情况", "institutions"),
    ("序号 单位名称 备注", "institutions"),
    ("一级指标 分值 得分 得分率", "performance_evaluation"),
    ("二级预算单位名称 一级项目名称 预算数（万元） 绩效目标", "performance_targets"),
    ("科目编码 科目名称 合计", None),
])
def test_header_words_name_a_title_less_grid(header, kind):
    from helpers.catalog import header_kind

    found = header_kind(header)
    assert (found.key if found else None) == kind


def test_a_table_continued_apart_is_reconciled_as_a_whole(tmp_path):
    from pathlib import Path

    from helpers.model import build_disclosure
    from helpers.raw import RawDocument

    header = row("科目编码", "科目名称", "合计", "基本支出", "项目支出")
    first = grid("部门支出总表", header, row("", "合计", "15.00", "11.00", "4.00"),
                 row("201", "一般公共服务支出", "10.00", "6.00", "4.00"))
    rest = grid("部门支出总表", header, row("208", "社会保障和就业支出", "5.00", "5.00", ""))
    alone = normalize_grid(first, "t.txt")
    assert alone.table.unreliable  # its 合计 sums lines printed in the other part
    path = tmp_path / "t.txt"
    path.write_text("示例", encoding="utf-8")
    disclosure = build_disclosure(RawDocument(Path(path), "tika_text", [first, rest]))
    assert disclosure.tables["expenditure_summary"].unreliable is None
    assert "table_unreadable" not in set(disclosure.anomalies.kind)
    assert len(disclosure.tables["expenditure_summary"].frame) == 3


def test_unit_code_and_name_columns_are_not_classification():
    header = [row("部门代码", "部门名称", "合计", "一般公共预算")]
    body = [row("", "合计", "4,651.67", "4,651.67"),
            row("024", "苏州市审计局", "4,651.67", "4,651.67")]
    result = normalize_grid(grid("公开02表 收入总表", *header, *body), "t.txt")
    frame = result.table.frame
    assert list(frame.line_name) == ["合计", "苏州市审计局"]
    assert frame.line_code.isna().all()
    assert frame.level.iloc[0] == 0 and frame.level.isna().iloc[1]
    assert not [a for a in result.anomalies if a.kind == "malformed_code"]


def test_a_first_row_that_sums_the_classes_is_the_total():
    # 深圳 基本支出总表: the unit's own row stands where others print 合计
    header = row("支出项目类别", "总计")
    result = normalize_grid(grid("基本支出总表", header, row("深圳市民政局（本级）", "10.01"),
                                 row("工资福利支出", "6.00"), row("商品和服务支出", "4.00")),
                            "t.txt")
    frame = result.table.frame
    assert frame.level.iloc[0] == 0  # 10.01 = 6.00 + 4.00 within the rounding of 2 figures
    assert list(frame.line_code.iloc[1:]) == ["301", "302"]
    three = normalize_grid(grid("基本支出总表", header, row("某单位", "10.10"),
                                row("工资福利支出", "6.00"), row("商品和服务支出", "4.00")),
                           "t.txt")
    assert three.table.frame.level.isna().iloc[0]  # 0.10 off: not a total, left unnamed


def test_a_total_merged_over_two_summary_sides_goes_to_the_side_with_its_figure():
    header = row("项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额")
    body = [row("一、财政拨款", "10.00", "一、一般公共服务支出", "10.00", "一、基本支出", "10.00"),
            row("收入合计", "10.00", "", "支出合计", "", "10.00")]
    result = normalize_grid(grid("公开01表 收支预算总表", header, *body), "t.txt")
    frame = result.table.frame
    totals = frame[frame.line_code.isin(["income_total", "expenditure_total"])]
    assert list(totals.line_code) == ["income_total", "expenditure_total"]
    assert totals.income.iloc[0] == totals.expenditure.iloc[1] == Decimal("100000.00")
    assert not [a for a in result.anomalies if a.kind == "text_in_number"]
