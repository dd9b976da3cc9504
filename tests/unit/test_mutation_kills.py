"""Wrong answers the core must not give: each test kills a mutation the suite once let live.

Every expected value is computed by hand from a constructed grid written here (the figures
are in the test, not taken from the code under test). The mutations they were written for
are listed in issue 18 and applied one by one by tests/unit/test_mutation_sample.py; ``make
mutation`` runs mutmut over the whole core (see pyproject's ``[tool.mutmut]``).
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from test_columns import row

from helpers import check
from helpers.analysis import personnel_vs_operating, year_over_year
from helpers.anomalies import Anomaly
from helpers.codes import read_split_code
from helpers.model import build_disclosure
from helpers.money import (
    AmountParseError,
    AmountRangeError,
    amount_or_zero,
    as_amount,
    find_unit,
    format_wan,
    parse_amount,
    printed_precision,
    round_wan,
    to_wan,
)
from helpers.normalize import (
    Table,
    merge_tables,
    normalize_grid,
    reconcile,
    rounding_tolerance,
)
from helpers.raw import Cell, Grid, Paragraph, RawDocument

# The output-path helper lives in the report package (moved there by issue 14).
from helpers.reports.outputs import safe_output_path


def grid(title: str, *rows: list[Cell], unit: str = "万元", header_rows: int = 1) -> Grid:
    return Grid(title, ["编制部门：示例局", f"单位：{unit}"], list(rows), header_rows, [], line=1)


def disclosure(tmp_path: Path, year: int, *blocks, fmt: str = "tika_text"):
    """Build 示例局's ``year`` budget of ``blocks`` (grids and paragraphs, in order)."""
    path = tmp_path / f"example_{year}.txt"
    path.write_text("示例", encoding="utf-8")
    return build_disclosure(RawDocument(path, fmt,
                                        [Paragraph(f"示例局{year}年部门预算"), *blocks]))


def records(amounts) -> list[tuple]:
    """Return the amount records as (line code or None, measure, amount in yuan)."""
    return [(None if pd.isna(code) else code, measure, amount)
            for code, measure, amount in zip(amounts.line_code, amounts.measure,
                                             amounts.amount_yuan, strict=True)]


EXPENDITURE_HEADER = row("科目编码", "科目名称", "合计", "基本支出", "项目支出")
W = Decimal(10000)  # yuan per 万元


# ---- a printed 0 is an amount of 0.00 (DESIGN: "a printed 0 is 0.00") -----------------------

def test_printed_zeros_are_amounts_and_blanks_are_not(tmp_path):
    """Nine cells print a figure, two of them a zero ("0", "0.00"); one cell is blank."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年部门支出预算总表", EXPENDITURE_HEADER,
        row("", "合计", "15.00", "11.00", "4.00"),
        row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
        row("208", "社会保障和就业支出", "5.00", "5.00", "0"),
        row("212", "城乡社区支出", "0.00", "0.00", "")))
    rows = [r for r in records(doc.amounts) if r[0] != "total"]
    assert rows == [
        (None, "total", 15 * W), (None, "basic", 11 * W), (None, "project", 4 * W),
        ("201", "total", 10 * W), ("201", "basic", 6 * W), ("201", "project", 4 * W),
        ("208", "total", 5 * W), ("208", "basic", 5 * W), ("208", "project", Decimal(0)),
        ("212", "total", Decimal(0)), ("212", "basic", Decimal(0)),
    ]


def test_printed_zeros_of_a_side_by_side_summary(tmp_path):
    """收支总表: income and expenditure sides; "0.00" on each side is an amount."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年部门收支预算总表",
        row("收入项目", "预算数", "支出项目", "预算数"),
        row("一、一般公共预算拨款收入", "12.00", "一、一般公共服务支出", "12.00"),
        row("二、政府性基金预算拨款收入", "0.00", "二、城乡社区支出", "0.00"),
        row("收入总计", "12.00", "支出总计", "12.00")))
    amounts = doc.amounts[doc.amounts.table == "income_expenditure_summary"]
    assert sorted(amounts.amount_yuan.tolist()) == [0, 0, 12 * W, 12 * W, 12 * W, 12 * W]


def test_printed_zeros_of_a_three_public_row_of_item_columns(tmp_path):
    """三公 as one row of item columns: the two printed zeros are items of 0.00."""
    doc = disclosure(tmp_path, 2024, grid(
        "部门“三公”经费和机关运行经费预算表",
        row("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费小计", "购置费",
            "运行费", "机关运行经费预算数"),
        row("20.00", "0", "5.00", "15.00", "0", "15.00", "80.00")))
    items = dict(zip(doc.amounts.line_code, doc.amounts.amount_yuan, strict=True))
    assert items == {"total": 20 * W, "abroad": Decimal(0), "reception": 5 * W,
                     "vehicle": 15 * W, "vehicle_purchase": Decimal(0),
                     "vehicle_operation": 15 * W, "admin_operating": 80 * W}


def _side_by_side_final_table():
    """Normalize a 决算 基本支出 table in 人员经费 | 公用经费 blocks (310 prints 0.00)."""
    header = [row("人员经费", "", "", "公用经费", "", "", "", "", ""),
              row("科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数",
                  "科目代码", "科目名称", "决算数")]
    body = [row("301", "工资福利支出", "6.00", "302", "商品和服务支出", "2.00", "310",
                "资本性支出", "0.00"),
            row("", "人员经费合计", "6.00", "", "", "公用经费合计", "", "", "2.00")]
    result = normalize_grid(grid("一般公共预算财政拨款基本支出决算表", *header, *body,
                                 header_rows=2), "t.txt")
    return result


def test_printed_zeros_of_side_by_side_blocks():
    """决算 基本支出 in 人员经费 | 公用经费 blocks: the 310 line prints 0.00."""
    result = _side_by_side_final_table()
    amounts = sorted((r["line_code"] or "", r["amount_yuan"]) for r in result.amounts)
    assert amounts == [("", 2 * W), ("", 6 * W), ("301", 6 * W), ("302", 2 * W),
                       ("310", Decimal(0))]


# ---- split codes: a garbled 类 is repaired only under a matching parent ---------------------

def test_garbled_class_is_taken_from_a_parent_whose_section_matches():
    reading = read_split_code(["7", "11", "02"], parent="21011")
    assert (reading.code, reading.level, reading.repaired) == ("2101102", 3, True)
    assert reading.printed == "7"


def test_garbled_class_under_a_parent_of_another_section_is_not_read():
    reading = read_split_code(["7", "12", "01"], parent="21011")
    assert (reading.code, reading.level, reading.repaired) == (None, 0, False)
    assert "no matching parent" in reading.note


def test_garbled_class_without_a_parent_or_at_class_level_is_not_read():
    assert read_split_code(["7", "11"], parent=None).code is None
    assert read_split_code(["7"], parent="210").code is None
    # a 款 line's parent is its 类: the garbled 类 is the parent's
    assert read_split_code(["21", "01"], parent="210").code == "21001"


def test_split_code_guards_on_a_constructed_grid():
    """Under 210 11, "7 11 02" is 2101102 (repaired); "7 12 01" is not 2101201 (reported)."""
    result = normalize_grid(grid(
        "支出总表", row("类", "款", "项", "科目名称", "合计"),
        row("210", "", "", "卫生健康支出", "6.00"),
        row("", "11", "", "行政事业单位医疗", "6.00"),
        row("7", "11", "02", "事业单位医疗", "4.00"),
        row("7", "12", "01", "其他卫生健康支出", "2.00")), "t.txt")
    frame = result.table.frame
    assert frame.line_code.tolist()[:3] == ["210", "21011", "2101102"]
    assert frame.line_code.isna().tolist() == [False, False, False, True]
    kinds = [(a.kind, a.row, a.text) for a in result.anomalies]
    assert ("repaired_code", 3, "7") in kinds
    assert ("malformed_code", 4, "7") in kinds


@pytest.mark.parametrize(("parts", "code", "level", "note"), [
    (["208", "5", "5"], "2080505", 3, "款/项 5 read as 05; 款/项 5 read as 05"),
    (["201", "", ""], "201", 1, ""),
    (["201", "03", ""], "20103", 2, ""),
    (["", "", ""], None, 0, ""),              # no code printed: nothing to report
    (["2 01", "03", ""], "20103", 2, ""),       # digits a PDF split apart
    (["201 03", "", ""], "20103", 2, ""),       # two parts in the class cell, the rest blank
    (["210\n11  02", "", ""], "2101102", 3, ""),  # parts wrapped over lines, spaces doubled
    # what cannot be read says why (the reader reports it as a malformed_code anomaly)
    (["201", "", "01"], None, 0, "code '201  01' skips a level"),
    (["201", "103", ""], None, 0, "code '201 103 ' has an overlong part"),
    (["20a", "01", ""], None, 0, "code '20a 01 ' is not numeric"),
    (["", "01", "01"], None, 0, "code ' 01 01' is not numeric"),
    (["210 11 02 01", "", ""], None, 0, "code '210 11 02 01  ' has too many parts"),
    (["210 11", "", "02"], None, 0, "code '210 11  02' skips a level"),  # not spread
    (["210 11", "02", ""], None, 0, "类 code '21011' is not three digits"),  # nor here
])
def test_split_code_readings(parts, code, level, note):
    reading = read_split_code(parts)
    assert (reading.code, reading.level, reading.note) == (code, level, note)
    assert reading.repaired == (parts[1] == "5")
    assert reading.printed == ("5 5" if reading.repaired else "")  # the parts as printed


# ---- rounding tolerance at its boundary ---------------------------------------------------

def test_rounding_tolerance_is_half_a_printed_unit_per_figure():
    # 3 addends and their total printed to 0.01 万元 (100 yuan): 4 × 50 = 200 yuan
    assert rounding_tolerance(Decimal(100), 3) == Decimal(200)
    assert rounding_tolerance(Decimal("0.01"), 1) == Decimal("0.01")
    assert rounding_tolerance(None, 5) == 0


@pytest.mark.parametrize(("printed_total", "severity"), [
    ("0.300000", None),       # the three lines add up exactly
    ("0.300001", "info"),     # one fen off: inside (tolerance 4 × ½ fen = 2 fen)
    ("0.300002", "info"),     # two fen: at the boundary, rounding explains it
    ("0.300003", "error"),    # three fen: one fen outside
    ("0.299997", "error"),
])
def test_rounding_tolerance_boundary_one_fen_inside_and_outside(tmp_path, printed_total,
                                                                severity):
    """A 万元 table printed to six decimals: one printed unit is one fen (0.000001 万元)."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年部门支出预算总表", row("科目编码", "科目名称", "合计"),
        row("", "合计", printed_total),
        row("201", "一般公共服务支出", "0.100000"),
        row("205", "教育支出", "0.100000"),
        row("208", "社会保障和就业支出", "0.100000")))
    findings = check(doc)
    w01 = findings[findings.rule_id == "W01"]
    if severity is None:
        assert w01.empty
        return
    assert w01.severity.tolist() == [severity]
    difference = Decimal(printed_total) * W - Decimal(3000)
    assert w01.difference_yuan.tolist() == [difference]


def test_tables_in_yuan_are_compared_to_the_fen(tmp_path):
    """元 tables print exact amounts: one fen off is an error, not rounding."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年部门支出预算总表", EXPENDITURE_HEADER,
        row("", "合计", "150,000.01", "110,000.00", "40,000.01"),
        row("201", "一般公共服务支出", "100,000.00", "60,000.00", "40,000.00"),
        row("208", "社会保障和就业支出", "50,000.00", "50,000.00", ""), unit="元"))
    findings = check(doc)
    w01 = findings[findings.rule_id == "W01"]
    assert w01.severity.tolist() == ["error", "error"]  # 合计 and 项目支出 columns
    assert w01.difference_yuan.tolist() == [Decimal("0.01"), Decimal("0.01")]


# ---- shares against their hand-computed denominators ---------------------------------------

def budget_2024() -> list[Grid]:
    """支出总表 total 14.50 万元; 基本支出 12.00 = 人员经费 9.00 (301, 303) + 公用经费 3.00."""
    return [
        grid("2024年部门支出预算总表", EXPENDITURE_HEADER,
             row("", "合计", "14.50", "12.00", "2.50"),
             row("201", "一般公共服务支出", "12.50", "10.00", "2.50"),
             row("208", "社会保障和就业支出", "2.00", "2.00", "")),
        grid("2024年一般公共预算基本支出预算表",
             row("科目编码", "科目名称", "合计", "人员经费", "公用经费"),
             row("", "合计", "12.00", "9.00", "3.00"),
             row("301", "工资福利支出", "8.00", "8.00", ""),
             row("30101", "基本工资", "8.00", "8.00", ""),
             row("302", "商品和服务支出", "3.00", "", "3.00"),
             row("303", "对个人和家庭的补助", "1.00", "1.00", "")),
    ]


def test_each_share_against_its_own_denominator(tmp_path):
    split = personnel_vs_operating(disclosure(tmp_path, 2024, *budget_2024()))
    shares = {(kind, group, code): (float(amount), group_share, basic_share, total_share)
              for kind, group, code, amount, group_share, basic_share, total_share in zip(
                  split.row_kind, split.group, split.line_code.fillna(""), split.amount_yuan,
                  split.share_of_group, split.share_of_basic, split.share_of_total_expenditure,
                  strict=True)}

    def expect(key, amount, of_group, of_basic, of_total):
        got = shares[key]
        assert got[0] == amount
        for value, fraction in zip(got[1:], (of_group, of_basic, of_total), strict=True):
            if fraction is None:
                assert value != value  # NaN: no group above the total
            else:
                assert value == pytest.approx(float(fraction), abs=1e-12)

    # denominators: 基本支出 120000, 人员经费 90000, 公用经费 30000, 支出总表 合计 145000
    expect(("total", "basic", ""), 120000, None, Fraction(1), Fraction(120, 145))
    expect(("group", "personnel", ""), 90000, Fraction(1), Fraction(90, 120), Fraction(90, 145))
    expect(("group", "public", ""), 30000, Fraction(1), Fraction(30, 120), Fraction(30, 145))
    expect(("class", "personnel", "301"), 80000, Fraction(80, 90), Fraction(80, 120),
           Fraction(80, 145))
    expect(("section", "personnel", "30101"), 80000, Fraction(80, 90), Fraction(80, 120),
           Fraction(80, 145))
    expect(("class", "personnel", "303"), 10000, Fraction(10, 90), Fraction(10, 120),
           Fraction(10, 145))
    expect(("class", "public", "302"), 30000, Fraction(1), Fraction(30, 120),
           Fraction(30, 145))
    assert len(split) == 7


# ---- year over year, without the corpus ----------------------------------------------------

def test_year_over_year_change_is_later_minus_earlier(tmp_path):
    earlier = disclosure(tmp_path, 2023, grid(
        "2023年部门支出预算总表", EXPENDITURE_HEADER,
        row("", "合计", "15.00", "11.00", "4.00"),
        row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
        row("208", "社会保障和就业支出", "5.00", "5.00", "")))
    later = disclosure(tmp_path, 2024, *budget_2024())
    for pair in ([earlier, later], [later, earlier]):  # the order given does not matter
        changes = year_over_year(pair)
        lines = changes[(changes.table == "expenditure_summary") & (changes.measure == "total")]
        by_code = {code: (amount_from, amount_to, change, percent)
                   for code, amount_from, amount_to, change, percent in zip(
                       lines.line_code, lines.amount_from_yuan, lines.amount_to_yuan,
                       lines.change_yuan, lines.change_percent, strict=True)}
        assert by_code["201"][:3] == (10 * W, Decimal("12.5") * W, Decimal("2.5") * W)
        assert by_code["201"][3] == pytest.approx(25.0)
        assert by_code["208"][:3] == (5 * W, 2 * W, -3 * W)
        assert by_code["208"][3] == pytest.approx(-60.0)
        assert by_code["total"][:3] == (15 * W, Decimal("14.5") * W, Decimal("-0.5") * W)
        assert set(changes.year_from) == {2023} and set(changes.year_to) == {2024}


# ---- money: nothing finer than a fen -------------------------------------------------------

@pytest.mark.parametrize(("text", "unit"), [
    ("0.001", "元"), ("12.345", "元"), ("1.0000001", "万元"), ("0.00000000001", "亿元"),
    ("1.234567", "千元"),
])
def test_amounts_finer_than_a_fen_are_refused(text, unit):
    with pytest.raises(AmountParseError, match="finer than one fen"):
        parse_amount(text, unit)


@pytest.mark.parametrize(("text", "unit", "yuan"), [
    ("1.000001", "万元", "10000.01"), ("12.340", "元", "12.34"), ("1.23456", "千元", "1234.56"),
    ("0.0000000001", "亿元", "0.01"), ("-3.5", "万元", "-35000.00"),
    ("１，２３４．５", "元", "1234.50"),
    ("0", "万元", "0.00"), ("156,211,123", "元", "156211123.00"),
])
def test_amounts_exact_to_the_fen(text, unit, yuan):
    value = parse_amount(text, unit)
    assert value == Decimal(yuan) and str(value) == yuan  # two places, exactly


@pytest.mark.parametrize("text", ["万元", "1,23", "12,3456", "1.2.3", "--1", "1e3", "0x10"])
def test_text_that_is_not_an_amount_is_refused(text):
    with pytest.raises(AmountParseError, match=f"^{re.escape(f'not an amount: {text!r}')}$"):
        parse_amount(text, "元")


@pytest.mark.parametrize("text", ["4, 651.67", "1\u3000234.5", "80 9"])
def test_a_space_inside_a_number_is_refused(text):
    """"80 9" in a cell that printed 8.09 is not 809 (helpers.money)."""
    message = f"not an amount inside the number: {text!r}"
    with pytest.raises(AmountParseError, match=f"^{re.escape(message)}$"):
        parse_amount(text, "元")


def test_an_unknown_unit_is_refused_by_name():
    with pytest.raises(AmountParseError, match=r"^not an amount in 美元: '12'$"):
        parse_amount("12", "美元")


@pytest.mark.parametrize("text", [None, "", "   ", "\u3000"])
def test_a_blank_cell_is_no_amount(text):
    assert parse_amount(text, "万元") is None


def test_the_default_unit_is_the_yuan():
    assert parse_amount("12.5") == Decimal("12.50")
    assert printed_precision("1.5") == Decimal("0.1")


@pytest.mark.parametrize(("text", "unit", "yuan"), [
    ("876.75", "万元", "100"), ("1,295.78", "万元", "100"), ("25", "万元", "10000"),
    ("156,211,123", "元", "1"), ("0.000001", "万元", "0.01"), ("３．５", "千元", "100"),
])
def test_printed_precision_is_one_unit_of_the_last_digit(text, unit, yuan):
    assert printed_precision(text, unit) == Decimal(yuan)


@pytest.mark.parametrize(("value", "amount"), [
    (None, None), (pd.NA, None), (float("nan"), None), (Decimal("1.50"), Decimal("1.50")),
    (3, Decimal(3)), (12.5, Decimal("12.5")), ("7.10", Decimal("7.10")),
])
def test_a_frame_cell_as_an_exact_amount(value, amount):
    assert as_amount(value) == amount if amount is not None else as_amount(value) is None
    assert amount_or_zero(value) == (Decimal(0) if amount is None else amount)


@pytest.mark.parametrize(("captions", "unit"), [
    (["单位：万元"], "万元"), (["金额单位： 万 元"], "万元"), (["单 位:元"], "元"),
    (["编制部门：示例局", "单位：千元"], "千元"), (["预算年度：2024"], None),
])
def test_the_unit_a_caption_declares(captions, unit):
    assert find_unit(captions) == unit
    assert find_unit(captions, default="元") == (unit or "元")


# ---- output paths: a symlink out of --out is refused ---------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symlinks not supported")
def test_symlinked_folder_cannot_carry_a_write_out_of_out(tmp_path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "department").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError, match="leaves"):
        safe_output_path(out, "department/report.html")
    assert safe_output_path(out, "index.html") == out.resolve() / "index.html"
    (out / "ok").mkdir()
    assert safe_output_path(out, "ok/report.html") == out.resolve() / "ok" / "report.html"


# ---- normalize: every line, level, amount and location of constructed tables ---------------

def plain(value: object) -> object:
    return None if pd.isna(value) else value


def frame_rows(table, *columns: str) -> list[tuple]:
    """Return the table's frame as tuples of ``columns`` (NA as None)."""
    frame = table.frame
    return [tuple(plain(value) for value in values)
            for values in zip(*(frame[c] for c in columns), strict=True)]


# ---- 三公 with one row per item (Hebei) --------------------------------------------------

def three_public_rows() -> Grid:
    return grid("2024年“三公”经费预算表",
                row("序号", "项目", "预算数"),
                row("", "合计", "35.00"),
                row("一、", "因公出国（境）费", "5.00"),
                row("二、", "公务用车购置及运行费", "20.00"),
                row("", "其中：公务用车购置费", "8.00"),
                row("", "公务用车运行费", "12.00"),
                row("三、", "公务接待费", "10.00"),
                row("", "", ""),
                row("", "其他费用", "0"))


def test_three_public_item_rows_keys_levels_and_amounts():
    result = normalize_grid(three_public_rows(), "t.txt")
    table = result.table
    assert table.kind == "three_public"
    assert frame_rows(table, "line_code", "line_name", "level", "total", "row") == [
        ("total", "合计", 0, 35 * W, 1),
        ("abroad", "因公出国（境）费", 1, 5 * W, 2),
        ("vehicle", "公务用车购置及运行费", 1, 20 * W, 3),
        ("vehicle_purchase", "其中：公务用车购置费", 2, 8 * W, 4),
        ("vehicle_operation", "公务用车运行费", 2, 12 * W, 5),
        ("reception", "公务接待费", 1, 10 * W, 6),
        (None, "其他费用", 2, Decimal(0), 8),       # row 7 is blank: skipped, not renumbered
    ]
    assert [(a["line_code"], a["level"], a["measure"], a["amount_yuan"], a["source"])
            for a in result.amounts] == [
        ("total", 0, "total", 35 * W, "t.txt:L1:three_public:r1:total"),
        ("abroad", 1, "total", 5 * W, "t.txt:L1:three_public:r2:total"),
        ("vehicle", 1, "total", 20 * W, "t.txt:L1:three_public:r3:total"),
        ("vehicle_purchase", 2, "total", 8 * W, "t.txt:L1:three_public:r4:total"),
        ("vehicle_operation", 2, "total", 12 * W, "t.txt:L1:three_public:r5:total"),
        ("reception", 1, "total", 10 * W, "t.txt:L1:three_public:r6:total"),
        (None, 2, "total", Decimal(0), "t.txt:L1:three_public:r8:total"),
    ]
    assert result.anomalies == []
    assert table.unreliable is None


def test_three_public_item_rows_numbered_in_the_name_without_a_number_column():
    result = normalize_grid(grid(
        "2024年“三公”经费预算表",
        row("项目", "预算数"),
        row("“三公”经费合计", "6.00"),
        row("一、因公出国（境）费", "1.00"),
        row("二、公务接待费", "2.00"),
        row("（一）其他", "3.00"),
        row("机关运行经费", "40.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "level", "total") == [
        ("total", 0, 6 * W), ("abroad", 1, W), ("reception", 1, 2 * W),
        (None, 2, 3 * W), ("admin_operating", 1, 40 * W)]


def test_a_table_of_no_known_kind_keeps_every_cell():
    cells = [[Cell("项目", page=3, line=1), Cell("说明", page=3, line=1)],
             [Cell("人数", page=4, line=2), Cell("12", page=4, line=2)]]
    result = normalize_grid(grid("2024年部门情况说明", *cells), "u.txt")
    assert result.table.kind == "unrecognized" and result.amounts == []
    assert frame_rows(result.table, "row", "column", "text", "page", "line") == [
        (1, 1, "项目", 3, 1), (1, 2, "说明", 3, 1), (2, 1, "人数", 4, 2), (2, 2, "12", 4, 2)]
    kept = normalize_grid(Grid("2024年部门情况说明", ["编制部门：示例局", "单位：万元"],
                               cells, 1, ["注：人数为年末数。"], page=3, line=1), "u.txt").table
    assert (kept.unit, kept.notes, kept.captions, kept.page, kept.line) == (
        "万元", ["注：人数为年末数。"], ["编制部门：示例局", "单位：万元"], 3, 1)
    empty = normalize_grid(Grid("2024年部门情况说明", [], [], 0, [], line=1), "u.txt")
    assert empty.table.frame.columns.tolist() == ["row", "column", "text", "page", "line"]
    assert empty.table.frame.empty
    assert result.table.title == "2024年部门情况说明" and result.table.line == 1
    assert result.anomalies == [Anomaly(
        "unrecognized_table", "table matches no known kind: '2024年部门情况说明'", file="u.txt",
        page=None, line=1, table="unrecognized")]


def test_a_title_its_header_does_not_confirm_is_unrecognized():
    result = normalize_grid(grid("2024年“三公”经费预算表", row("甲", "乙"), row("人数", "12")),
                            "u.txt")
    assert result.table.kind == "unrecognized"
    assert len(result.table.frame) == 4
    assert result.anomalies == [Anomaly(
        "unrecognized_table", "the title reads as “三公”经费表 but the header has none of "
        "因公出国/公务接待/公务用车/三公: '2024年“三公”经费预算表'", file="u.txt", line=1,
        table="three_public")]


def test_procurement_records_levels_and_texts():
    """合计 and …总额 are level 0, a 小计 level 1, each purchase level 2."""
    result = normalize_grid(grid(
        "2024年政府采购预算表",
        row("序号", "采购项目", "采购品目", "数量", "金额"),
        row("", "合 计", "", "", "30.00"),
        row("1", "办公设备", "台式计算机", "10", "12.00"),
        row("2", "办公设备", "打印机", "2", "3.00"),
        row("", "办公设备小计", "", "", "15.00"),
        row("", "", "", "", ""),
        row("3", "物业服务", "物业管理服务", "1", "15.00"),
        row("", "采购预算总额", "", "", "30.00")), "t.txt")
    assert frame_rows(result.table, "line_name", "level", "total", "item_name", "quantity",
                      "row") == [
        ("合计", 0, 30 * W, "", "", 1),
        ("办公设备", 2, 12 * W, "台式计算机", "10", 2),
        ("办公设备", 2, 3 * W, "打印机", "2", 3),
        ("办公设备小计", 1, 15 * W, "", "", 4),
        ("物业服务", 2, 15 * W, "物业管理服务", "1", 6),
        ("采购预算总额", 0, 30 * W, "", "", 7)]
    assert [(a["level"], a["amount_yuan"], a["source"]) for a in result.amounts] == [
        (0, 30 * W, "t.txt:L1:procurement:r1:total"), (2, 12 * W, "t.txt:L1:procurement:r2:total"),
        (2, 3 * W, "t.txt:L1:procurement:r3:total"), (1, 15 * W, "t.txt:L1:procurement:r4:total"),
        (2, 15 * W, "t.txt:L1:procurement:r6:total"), (0, 30 * W, "t.txt:L1:procurement:r7:total")]
    assert result.anomalies == []


def test_cells_that_are_not_amounts_are_anomalies_at_their_cell():
    """On page 2: text, a placeholder and a figure beyond the largest amount held."""
    cells = [Cell("", page=2), Cell("合计", page=2), Cell("abc", page=2), Cell("XX", page=2),
             Cell("1000000000000000000", page=2)]
    table = grid("2024年部门支出预算总表", EXPENDITURE_HEADER, cells,
                 row("201", "一般公共服务支出", "10.00", "6.00", "4.00"))
    table.page = 1  # the table starts on page 1; this row is printed on page 2
    anomalies = normalize_grid(table, "t.pdf").anomalies
    where = {"file": "t.pdf", "page": 2, "line": None, "table": "expenditure_summary", "row": 1}
    assert anomalies[:3] == [
        Anomaly("text_in_number", "not an amount: 'abc'; not read as a number", **where,
                column="total", text="abc"),
        Anomaly("placeholder", "not an amount: 'XX'; not read as a number", **where,
                column="basic", text="XX"),
        Anomaly("amount_out_of_range", "'1000000000000000000' 万元 is beyond "
                "9,999,999,999,999,999.99 yuan (the largest amount held); not read as a number",
                **where, column="project", text="1000000000000000000")]
    assert [(a.kind, a.page, a.line, a.table, a.column) for a in anomalies[3:]] == [
        ("table_unreadable", 1, 1, "expenditure_summary", None)]


def test_amounts_of_a_table_whose_unit_is_unknown_are_anomalies():
    table = Grid("2024年部门支出预算总表", ["编制部门：示例局"], [
        EXPENDITURE_HEADER, row("201", "一般公共服务支出", "10.00", "", "4.00")], 1, [], line=1)
    result = normalize_grid(table, "t.txt")
    assert result.table.unit is None and result.amounts == []
    where = {"file": "t.txt", "line": 1, "table": "expenditure_summary", "row": 1}
    assert result.anomalies == [
        Anomaly("metadata", "amount in a table whose unit is unknown", **where, column="total",
                text="10.00"),
        Anomaly("metadata", "amount in a table whose unit is unknown", **where,
                column="project", text="4.00")]


def test_a_blank_class_or_section_is_the_group_printed_above():
    """类 printed once per class, 款 once per section: blanks below are the group's code.

    " | 05 | " after 20801's lines is 20805 (its own 款, not the last one read);
    " | 06 | 01" printed whole under 20805 is 2080601 (its 款 as printed).
    """
    result = normalize_grid(grid(
        "支出总表", row("类", "款", "项", "科目名称", "合计"),
        row("208", "", "", "社会保障和就业支出", "10.00"),
        row("", "01", "", "行政事业单位养老支出", "6.00"),
        row("", "", "01", "行政单位离退休", "6.00"),
        row("", "05", "", "抚恤", "3.00"),
        row("", "", "02", "伤残抚恤", "3.00"),
        row("", "06", "01", "退役安置", "1.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "level") == [
        ("208", 1), ("20801", 2), ("2080101", 3), ("20805", 2), ("2080502", 3),
        ("2080601", 3)]
    assert result.anomalies == []


def test_three_public_item_rows_unnumbered_items_and_numbered_others():
    """An item is level 1 by its key or by its 一、 numbering (in a 序号 cell or its name)."""
    unnumbered = normalize_grid(grid(
        "2024年“三公”经费预算表",
        row("项目", "预算数"),
        row("因公出国（境）费", "1.00"),
        row("公务用车购置及运行费", "2.00"),
        row("公务接待费", "3.00"),
        row("行政经费", "4.00"),
        row("机关运行经费", "5.00"),
        row("四、其他费用", "6.00"),
        row("培训费", "7.00")), "t.txt")
    assert frame_rows(unnumbered.table, "line_code", "level", "total") == [
        ("abroad", 1, W), ("vehicle", 1, 2 * W), ("reception", 1, 3 * W),
        ("administrative", 1, 4 * W), ("admin_operating", 1, 5 * W), (None, 1, 6 * W),
        ("training", 2, 7 * W)]
    numbered = normalize_grid(grid(
        "2024年“三公”经费预算表",
        row("序号", "项目", "预算数"),
        row("四、", "其他费用", "6.00"),
        row("", "会议费", "7.00")), "t.txt")
    assert frame_rows(numbered.table, "line_code", "line_name", "level") == [
        (None, "其他费用", 1), ("meeting", "会议费", 2)]


def test_side_by_side_blocks_every_line_and_the_spanning_total():
    """"公用经费合计" printed in block 2, its amount in block 3: one line, in block 3's place."""
    result = _side_by_side_final_table()
    assert result.table.layout == "header"
    assert frame_rows(result.table, "line_code", "line_name", "level", "personnel", "public",
                      "row") == [
        ("301", "工资福利支出", 1, 6 * W, None, 1),
        (None, "人员经费合计", 0, 6 * W, None, 2),
        ("302", "商品和服务支出", 1, None, 2 * W, 1),
        ("310", "资本性支出", 1, None, Decimal(0), 1),
        (None, "公用经费合计", 0, None, 2 * W, 2)]
    assert result.anomalies == []


def test_blocks_whose_header_says_only_final_take_their_measure_from_their_total_row():
    result = normalize_grid(grid(
        "一般公共预算财政拨款基本支出决算表",
        row("科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数"),
        row("301", "工资福利支出", "6.00", "302", "商品和服务支出", "2.00"),
        row("30101", "基本工资", "6.00", "30201", "办公费", "2.00"),
        row("", "人员 经费 合计", "6.00", "", "公用经费合计", "2.00")), "t.txt")
    assert result.table.layout == "header"
    assert result.table.column_roles == ("code", "name", "personnel", "code", "name", "public")
    assert frame_rows(result.table, "line_code", "level", "personnel", "public") == [
        ("301", 1, 6 * W, None), ("30101", 2, 6 * W, None), (None, 0, 6 * W, None),
        ("302", 1, None, 2 * W), ("30201", 2, None, 2 * W), (None, 0, None, 2 * W)]


# ---- reconcile: when a table's own totals say it was misread ---------------------------------

def expenditure(*lines: list[Cell], header: list[Cell] | None = None, notes=(),
                unit: str = "万元") -> Grid:
    """Return a 2024 支出总表 of ``lines`` (合计 | 基本支出 | 项目支出 unless ``header``)."""
    table = grid("2024年部门支出预算总表", header or EXPENDITURE_HEADER, *lines, unit=unit)
    table.notes = list(notes)
    return table


def test_a_table_off_in_two_measures_is_unreliable():
    """合计 16 | 12 | 4 over 201 (10 | 6 | 4) + 208 (5 | 5 | 0): 合计 and 基本支出 off by 1.00."""
    result = normalize_grid(expenditure(row("", "合计", "16.00", "12.00", "4.00"),
                                        row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
                                        row("208", "社会保障和就业支出", "5.00", "5.00", "0")),
                            "t.txt")
    reason = ("合计列：合计行 160,000.00 元 ≠ 明细之和 150,000.00 元; "
              "基本支出列：合计行 120,000.00 元 ≠ 明细之和 110,000.00 元")
    assert result.table.unreliable == reason
    assert result.anomalies == [Anomaly(
        "table_unreadable", f"2024年部门支出预算总表: {reason}; its figures are kept but not "
        "checked", file="t.txt", line=1, table="expenditure_summary")]


def test_a_table_off_in_one_of_its_measures_is_left_to_the_checks():
    result = normalize_grid(expenditure(row("", "合计", "15.00", "11.00", "5.00"),
                                        row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
                                        row("208", "社会保障和就业支出", "5.00", "5.00", "0")),
                            "t.txt")
    assert result.table.unreliable is None and result.anomalies == []


TOTAL_ONLY = row("科目编码", "科目名称", "合计")


@pytest.mark.parametrize(("printed", "reason"), [
    ("15.07", None),                                      # 0.07 / 15.07 = 0.46 %: a misprint
    ("15.08", "合计列：合计行 150,800.00 元 ≠ 明细之和 150,000.00 元"),  # 0.08 / 15.08 = 0.53 %
    ("14.92", "合计列：合计行 149,200.00 元 ≠ 明细之和 150,000.00 元"),  # 0.08 / 14.92 = 0.54 %
    ("15.01", None),                                      # within rounding of two figures
])
def test_a_table_of_one_measure_is_unreliable_beyond_half_a_percent(printed, reason):
    result = normalize_grid(expenditure(row("", "合计", printed),
                                        row("201", "一般公共服务支出", "10.00"),
                                        row("208", "社会保障和就业支出", "5.00"),
                                        header=TOTAL_ONLY), "t.txt")
    assert result.table.unreliable == reason


def test_a_blank_total_against_printed_lines_is_off():
    result = normalize_grid(expenditure(row("", "合计", "", "", ""),
                                        row("201", "一般公共服务支出", "10.00", "6.00", "4.00")),
                            "t.txt")
    assert result.table.unreliable == (
        "合计列：合计行 空白 ≠ 明细之和 100,000.00 元; 基本支出列：合计行 空白 ≠ 明细之和 "
        "60,000.00 元; 项目支出列：合计行 空白 ≠ 明细之和 40,000.00 元")


@pytest.mark.parametrize(("lines", "reason"), [
    # no 类 rows: the 款 rows are the parts
    ([row("20101", "人大事务", "6.00"), row("20102", "政协事务", "4.00")], None),
    ([row("20101", "人大事务", "6.00"), row("20102", "政协事务", "5.00")],
     "合计列：合计行 100,000.00 元 ≠ 明细之和 110,000.00 元"),
    # 款 and 项 rows without their 类: no level is the parts, nothing is compared
    ([row("20101", "人大事务", "6.00"), row("2010101", "行政运行", "5.00")], None),
])
def test_a_table_without_classes_compares_its_only_level(lines, reason):
    result = normalize_grid(expenditure(row("", "合计", "10.00"), *lines, header=TOTAL_ONLY),
                            "t.txt")
    assert result.table.unreliable == reason


def test_a_table_with_two_totals_is_not_reconciled():
    result = normalize_grid(expenditure(row("", "合计", "99.00"),
                                        row("201", "一般公共服务支出", "10.00"),
                                        row("", "总计", "99.00"), header=TOTAL_ONLY), "t.txt")
    assert result.table.unreliable is None


def test_a_table_continued_elsewhere_is_reconciled_as_a_whole():
    first = normalize_grid(expenditure(row("", "合计", "15.00", "11.00", "4.00"),
                                       row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
                                       notes=["注：第一部分"]), "t.txt").table
    rest = normalize_grid(expenditure(row("208", "社会保障和就业支出", "5.0", "5.0", "0"),
                                      notes=["注：第二部分"]), "t.txt").table
    assert first.unreliable is not None and first.precision_yuan == 100
    assert rest.precision_yuan == 1000
    merged = merge_tables(first, rest)
    assert merged.unreliable is None
    assert merged.frame.line_code.tolist()[1:] == ["201", "208"]
    assert merged.notes == ["注：第一部分", "注：第二部分"]
    assert merged.precision_yuan == 100
    # the parts themselves are unchanged
    assert len(first.frame) == 2 and first.unreliable is not None


def test_a_column_of_amounts_under_an_unknown_label_is_reported_and_kept_as_text():
    result = normalize_grid(expenditure(
        row("201", "一般公共服务支出", "10.00", "6.00", "4.00", "3.00"),
        header=row("科目编码", "科目名称", "合计", "基本支出", "项目支出", "备用栏")), "t.txt")
    assert result.table.column_roles == ("code", "name", "total", "basic", "project",
                                         "text:备用栏")
    assert frame_rows(result.table, "备用栏") == [("3.00",)]
    assert len(result.amounts) == 3
    assert result.anomalies == [Anomaly(
        "unmapped_column", "column 6 (备用栏) holds amounts but its header names no known "
        "measure; kept as text", file="t.txt", line=1, table="expenditure_summary",
        column="备用栏", text="科目编码")]


EMPTY_NOTE = "注：本部门无政府性基金预算收入，也无使用政府性基金安排的支出。"


def test_a_note_saying_the_table_is_empty_beside_figures_is_reported():
    result = normalize_grid(expenditure(row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
                                        notes=[EMPTY_NOTE]), "t.txt")
    assert result.anomalies == [Anomaly(
        "empty_note_with_figures", "the note says the table is empty, yet it prints 3 "
        f"amounts: {EMPTY_NOTE}", file="t.txt", line=1, table="expenditure_summary")]
    empty = normalize_grid(expenditure(row("", "合计", "", "", ""), notes=[EMPTY_NOTE]), "t.txt")
    assert empty.anomalies == [] and empty.amounts == []


@pytest.mark.parametrize(("unread", "reason"), [
    (3, None),                                   # three is not "more than three"
    (4, "4 amount cells are not numbers"),
])
def test_a_table_of_many_cells_that_are_not_numbers_is_unreliable(unread, reason):
    texts = ["见附表"] * unread + ["1.00"] * (6 - unread)
    result = normalize_grid(expenditure(row("201", "一般公共服务支出", *texts[:3]),
                                        row("208", "社会保障和就业支出", *texts[3:])), "t.txt")
    assert result.table.unreliable == reason
    kinds = [a.kind for a in result.anomalies]
    assert kinds == ["text_in_number"] * unread + (["table_unreadable"] if reason else [])


@pytest.mark.parametrize(("printed", "level"), [
    ("15.00", 0),      # 15.00 = 10.00 + 5.00
    ("15.01", 0),      # within rounding of two figures printed to 0.01 万元 (±0.01)
    ("15.02", None),   # beyond it: not the table's total
])
def test_an_unnamed_first_row_that_sums_the_classes_is_the_total(printed, level):
    result = normalize_grid(expenditure(row("", "深圳市民政局（本级）", printed, printed, "0"),
                                        row("201", "一般公共服务支出", "10.00", "10.00", "0"),
                                        row("208", "社会保障和就业支出", "5.00", "5.00", "0")),
                            "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level") == [
        (None, "深圳市民政局（本级）", level), ("201", "一般公共服务支出", 1),
        ("208", "社会保障和就业支出", 1)]
    # the amount records take the line's final level
    assert [a["level"] for a in result.amounts[:3]] == [level] * 3


def test_procurement_records_named_by_a_name_column_located_at_their_name():
    name_cell = Cell("办公设备采购", line=8)
    result = normalize_grid(grid(
        "2024年政府采购预算表",
        row("序号", "项目名称", "采购品目", "金额"),
        [Cell("1", line=7), name_cell, Cell("台式计算机", line=7), Cell("12.00", line=7)],
        row("", "小计", "", "12.00"),
        row("", "合计", "", "12.00")), "t.txt")
    assert result.table.column_roles[:2] == ("seq", "name")
    assert frame_rows(result.table, "line_name", "level", "total", "line") == [
        ("办公设备采购", 2, 12 * W, 8), ("小计", 1, 12 * W, 1), ("合计", 0, 12 * W, 1)]
    assert [(a["line_name"], a["classification"], a["level"]) for a in result.amounts] == [
        ("办公设备采购", "none", 2), ("小计", "none", 1), ("合计", "none", 0)]


ITEM_COLUMNS = ("合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费小计", "购置费",
                "运行费")
ITEM_KEYS = ["total", "abroad", "reception", "vehicle", "vehicle_purchase", "vehicle_operation"]


def test_three_public_item_columns_by_year_read_the_latest_year_as_the_items():
    """Shenzhen prints 2026 then 2025: the 2026 row gives the items, 2025 named lines."""
    result = normalize_grid(grid(
        "2026年“三公”经费预算表", row("年度", *ITEM_COLUMNS),
        row("2026 年", "12.00", "2.00", "3.00", "7.00", "2.00", "5.00"),
        row("2025年", "10.00", "1.00", "2.00", "7.00", "3.00", "4.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level", "total", "row") == [
        *[(key, label, level, amount * W, 1) for key, label, level, amount in zip(
            ITEM_KEYS, ITEM_COLUMNS, [0, 1, 1, 1, 2, 2], [12, 2, 3, 7, 2, 5], strict=True)],
        *[(None, f"2025年：{label}", None, amount * W, 2) for label, amount in zip(
            ITEM_COLUMNS, [10, 1, 2, 7, 3, 4], strict=True)]]
    assert frame_rows(result.table, "年度")[0] == ("2026 年",)


def test_three_public_item_columns_by_unit_read_the_total_row_as_the_items():
    result = normalize_grid(grid(
        "2026年“三公”经费预算表", row("单位名称", *ITEM_COLUMNS),
        row("示例局本级", "10.00", "1.00", "2.00", "7.00", "3.00", "4.00"),
        row("示例局下属中心", "2.00", "1.00", "1.00", "0", "0", "0"),
        row("合 计", "12.00", "2.00", "3.00", "7.00", "3.00", "4.00")), "t.txt")
    frame = result.table.frame
    assert frame.line_code.tolist()[12:] == ITEM_KEYS
    assert frame.line_code.isna().tolist()[:12] == [True] * 12
    assert frame.line_name.tolist()[6:8] == ["示例局下属中心：合计",
                                             "示例局下属中心：因公出国(境)费"]
    assert frame.row.tolist() == [1] * 6 + [2] * 6 + [3] * 6
    assert [a["source"] for a in result.amounts][12:14] == [
        "t.txt:L1:three_public:r3:total@total", "t.txt:L1:three_public:r3:abroad@total"]


def test_summary_sides_levels_and_sources():
    """其中：/（1）/1. lines are level 2; 总计 level 0; the blank row 4 keeps its number."""
    result = normalize_grid(grid(
        "2024年部门收支预算总表",
        row("收入项目", "预算数", "支出项目", "预算数"),
        row("一、一般公共预算拨款收入", "12.00", "一、一般公共服务支出", "10.00"),
        row("其中：教育收费", "1.00", "二、城乡社区支出", "5.00"),
        row("二、事业收入", "3.00", "（1）行政运行", "4.00"),
        row("", "", "", ""),
        row("1.上年结转", "0", "", ""),
        row("收 入 总 计", "15.00", "支 出 总 计", "15.00")), "t.txt")
    assert result.table.column_roles == ("income_item", "income", "expenditure_item",
                                         "expenditure")
    assert frame_rows(result.table, "line_code", "line_name", "level", "income", "expenditure",
                      "row") == [
        ("general_budget", "一、一般公共预算拨款收入", 1, 12 * W, None, 1),
        ("201", "一、一般公共服务支出", 1, None, 10 * W, 1),
        (None, "其中：教育收费", 2, W, None, 2),
        ("212", "二、城乡社区支出", 1, None, 5 * W, 2),
        ("business_income", "二、事业收入", 1, 3 * W, None, 3),
        (None, "（1）行政运行", 2, None, 4 * W, 3),
        ("carryover", "1.上年结转", 2, Decimal(0), None, 5),
        ("income_total", "收入总计", 0, 15 * W, None, 6),
        ("expenditure_total", "支出总计", 0, None, 15 * W, 6)]
    where = "t.txt:L1:income_expenditure_summary"
    assert [a["source"] for a in result.amounts] == [
        f"{where}:r1:income", f"{where}:r1:expenditure", f"{where}:r2:income",
        f"{where}:r2:expenditure", f"{where}:r3:income", f"{where}:r3:expenditure",
        f"{where}:r5:income", f"{where}:r6:income", f"{where}:r6:expenditure"]


def test_three_public_item_columns_name_other_rows_by_all_their_labels():
    result = normalize_grid(grid(
        "2026年“三公”经费预算表", row("单位编码", "单位名称", *ITEM_COLUMNS),
        row("101001", "示例局本级", "10.00", "1.00", "2.00", "7.00", "3.00", "4.00"),
        row("", "合计", "10.00", "1.00", "2.00", "7.00", "3.00", "4.00")), "t.txt")
    assert result.table.frame.line_name.tolist()[:2] == ["101001 示例局本级：合计",
                                                        "101001 示例局本级：因公出国(境)费"]
    assert result.table.frame.line_code.tolist()[6:] == ITEM_KEYS


SUMMARY_HEADER = row("收入项目", "预算数", "支出项目", "预算数")


def test_summary_totals_named_unnamed_and_bare():
    """An expenditure 总计 printed without its name beside 收入总计 is the expenditure total;
    a bare 合计 closes its own side; classification is "function" for a 类 code only."""
    named = normalize_grid(grid(
        "2024年部门收支预算总表", SUMMARY_HEADER,
        row("一般公共预算拨款收入", "10.00", "一般公共服务支出", "10.00"),
        row("本年收入合计", "10.00", "本年支出合计", "10.00"),
        row("收入总计", "10.00", "", "10.00")), "t.txt")
    assert frame_rows(named.table, "line_code", "line_name", "level", "row") == [
        ("general_budget", "一般公共预算拨款收入", 1, 1), ("201", "一般公共服务支出", 1, 1),
        ("income_subtotal", "本年收入合计", 0, 2), ("expenditure_subtotal", "本年支出合计", 0, 2),
        ("income_total", "收入总计", 0, 3), ("expenditure_total", "", 0, 3)]
    assert [a["classification"] for a in named.amounts] == ["none", "function"] + ["none"] * 4
    bare = normalize_grid(grid(
        "2024年部门收支预算总表", SUMMARY_HEADER,
        row("一般公共预算拨款收入", "10.00", "一般公共服务支出", "10.00"),
        row("合 计", "10.00", "合 计", "10.00")), "t.txt")
    assert frame_rows(bare.table, "line_code", "line_name", "level") == [
        ("general_budget", "一般公共预算拨款收入", 1), ("201", "一般公共服务支出", 1),
        ("income_total", "合计", 0), ("expenditure_total", "合计", 0)]


def test_a_summary_cell_that_is_not_a_number_is_an_anomaly_at_its_row_and_side():
    result = normalize_grid(grid(
        "2024年部门收支预算总表", SUMMARY_HEADER,
        row("一般公共预算拨款收入", "10.00", "一般公共服务支出", "10.00"),
        row("事业收入", "见说明", "城乡社区支出", "——")), "t.txt")
    assert [(a.kind, a.row, a.column, a.text) for a in result.anomalies] == [
        ("text_in_number", 2, "income", "见说明"), ("text_in_number", 2, "expenditure", "——")]


def test_item_columns_by_unit_whose_amounts_look_like_years():
    """A 元 table: amounts 2025 and 2026 are figures, not years; the 合计 row gives the items."""
    columns = ("合计", "因公出国(境)费", "公务接待费")
    result = normalize_grid(grid(
        "2026年“三公”经费预算表", row("单位名称", *columns),
        row("示例局本级", "2025", "1000", "1025"),
        row("示例局下属中心", "2026", "26", "2000"),
        row("合计", "4051", "1026", "3025"), unit="元"), "t.txt")
    frame = result.table.frame
    assert frame.line_code.tolist()[6:] == ["total", "abroad", "reception"]
    assert frame.total.tolist()[6:] == [Decimal(4051), Decimal(1026), Decimal(3025)]


def test_item_rows_are_located_at_their_name_and_classified_none():
    result = normalize_grid(grid(
        "2024年“三公”经费预算表", row("序号", "项目", "预算数"),
        [Cell("一、", line=7), Cell("因公出国（境）费", line=8), Cell("1.00", line=7)]), "t.txt")
    assert frame_rows(result.table, "line_code", "line") == [("abroad", 8)]
    assert [a["classification"] for a in result.amounts] == ["none"]


# ---- helpers.normalize.Table: the look-ups the rules make ----------------------------------

def _lines_table() -> Table:
    frame = pd.DataFrame({
        "line_code": ["", "201", "201", "205", None],
        "line_name": ["合计", "一般公共服务支出", "一般公共服务支出（续）", "教育支出", "附注"],
        "total": [Decimal("300"), None, Decimal("120"), Decimal("180"), None]})
    return Table("expenditure_summary", "支出总表", "元", [], frame)


def test_table_records_are_the_frame_rows_cached_until_the_frame_is_replaced():
    table = _lines_table()
    first = table.records()
    assert [line["line_name"] for line in first] == [
        "合计", "一般公共服务支出", "一般公共服务支出（续）", "教育支出", "附注"]
    assert table.records() is first  # no second to_dict while the frame is the same
    table.frame = table.frame.iloc[1:2]
    assert table.records() == [{"line_code": "201", "line_name": "一般公共服务支出",
                                "total": None}]


def test_table_first_lines_index_the_first_line_printing_the_measure():
    table = _lines_table()
    index = table.first_lines(("line_code",), "total")
    # 201's first row prints no total: the line that does (its continuation) is indexed;
    # the 附注 row prints none and is not indexed at all
    assert {code: line["line_name"] for (code,), line in index.items()} == {
        "": "合计", "201": "一般公共服务支出（续）", "205": "教育支出"}
    assert table.first_lines(("line_code",), "total") is index
    by_name = table.first_lines(("line_code", "line_name"), "total")
    assert sorted(by_name) == [("", "合计"), ("201", "一般公共服务支出（续）"),
                               ("205", "教育支出")]
    table.frame = table.frame.iloc[3:]
    assert list(table.first_lines(("line_code",), "total")) == [("205",)]


def test_table_first_lines_skip_a_line_whose_key_cannot_be_hashed():
    frame = pd.DataFrame({"line_code": [["201"], "205"], "total": [Decimal(1), Decimal(2)]})
    table = Table("expenditure_summary", "支出总表", "元", [], frame)
    assert list(table.first_lines(("line_code",), "total")) == [("205",)]


# ---- helpers.normalize: codes read from the code columns -----------------------------------

def _anomaly_records(result) -> list[tuple]:
    return [(a.kind, a.message, a.page, a.line, a.row, a.column, a.text)
            for a in result.anomalies]


def test_a_template_placeholder_code_is_no_code_and_no_anomaly():
    result = normalize_grid(grid(
        "支出总表", row("类", "款", "项", "科目名称", "合计"),
        row("XX", "", "", "XX支出", "1.00"),
        row("……", "", "", "……", "2.00"),
        row("X", "X", "X", "X项目", "3.00"),
        row("…", "X", "", "X项目", "4.00"),
        row("201", "XX", "", "不是占位", "5.00")), "t.txt")
    assert result.table.frame.line_code.isna().all()
    assert result.table.frame.level.isna().all()  # neither a 合计 nor a 类
    # a code with a placeholder in one cell only is read, and cannot be
    assert _anomaly_records(result) == [
        ("malformed_code", "code '201 XX ' is not numeric", None, 1, 5, "line_code", "201")]


def test_a_repaired_code_is_reported_at_its_row_with_the_classification_and_the_repair():
    result = normalize_grid(grid(
        "支出总表", row("类", "款", "项", "科目名称", "合计"),
        row("201", "", "", "一般公共服务支出", "3.00"),
        [Cell("201", page=2, line=5), Cell("1", page=2, line=6), Cell("", page=2),
         Cell("人大事务", page=2), Cell("3.00", page=2)]), "t.txt")
    assert result.table.frame.line_code.tolist() == ["201", "20101"]
    assert _anomaly_records(result) == [
        ("repaired_code", "function code 款/项 1 read as 01", 2, 5, 2, "line_code", "1")]


def test_an_unreadable_whole_code_is_reported_with_why_at_its_cell():
    result = normalize_grid(grid(
        "支出总表", row("科目编码", "科目名称", "合计"),
        row("", "合计", "3.00"),
        [Cell("2011", page=4, line=9), Cell("一般", page=4), Cell("3.00", page=4)]), "t.txt")
    assert result.table.frame.line_code.isna().tolist() == [True, True]
    assert _anomaly_records(result) == [
        ("malformed_code", "code '2011' has 4 digits", 4, 9, 2, "line_code", "2011")]


def test_a_code_fused_with_its_name_in_one_column():
    result = normalize_grid(grid(
        "支出总表", row("功能分类科目", "合计"),
        row("合计", "3.00"), row("201-一般公共服务支出", "3.00"),
        row("2010101 行政运行", "3.00")), "t.txt")
    frame = result.table.frame
    assert list(zip(frame.line_code.fillna(""), frame.line_name, frame.level, strict=True)) == [
        ("", "合计", 0), ("201", "一般公共服务支出", 1), ("2010101", "行政运行", 3)]


def test_a_separate_name_column_names_the_line_a_fused_column_codes():
    result = normalize_grid(grid(
        "支出总表", row("功能分类科目", "科目名称", "合计"),
        row("", "合计", "3.00"), row("201-一般公共服务支出", "一般公共服务", "3.00"),
        row("20101 人大事务", " ", "3.00")), "t.txt")
    frame = result.table.frame
    assert list(zip(frame.line_code.fillna(""), frame.line_name, strict=True)) == [
        ("", "合计"), ("201", "一般公共服务"), ("20101", "人大事务")]


def test_a_name_column_with_codes_in_front_when_no_code_column_is_printed():
    result = normalize_grid(grid(
        "支出总表", row("科目名称", "合计"),
        row("合计", "3.00"), row("201 一般公共服务支出", "3.00"), row("20101人大事务", "3.00"),
        row("机关服务", "0")), "t.txt")
    frame = result.table.frame
    assert list(zip(frame.line_code.fillna(""), frame.line_name, strict=True)) == [
        ("", "合计"), ("201", "一般公共服务支出"), ("20101", "人大事务"), ("", "机关服务")]


# ---- helpers.normalize: how a line of a classification table is named and levelled ---------

def test_a_total_printed_in_a_code_column_names_the_total_line():
    """Shanghai prints "合 计" in the code column and leaves the name blank."""
    result = normalize_grid(grid(
        "支出总表", row("科目编码", "科目名称", "合计"),
        row("合 计", "", "3.00"), row("201", "一般公共服务支出", "3.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level") == [
        (None, "合计", 0), ("201", "一般公共服务支出", 1)]
    assert [(a["line_name"], a["classification"]) for a in result.amounts] == [
        ("合计", "function"), ("一般公共服务支出", "function")]
    assert result.anomalies == []


def test_code_column_labels_printed_over_the_total_row_are_not_a_code():
    result = normalize_grid(grid(
        "支出总表", row("类", "款", "项", "科目名称", "合计"),
        row("类", "款", "项", "合 计", "3.00"), row("201", "", "", "一般公共服务支出", "3.00")),
        "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level") == [
        (None, "合计", 0), ("201", "一般公共服务支出", 1)]
    assert result.anomalies == []


def test_a_unit_row_without_a_line_name_is_that_units_total():
    result = normalize_grid(grid(
        "支出总表", row("单位名称", "科目编码", "科目名称", "合计"),
        row("合计", "", "", "5.00"),
        row("示例局本级", "", "", "3.00"), row("", "201", "一般公共服务支出", "3.00"),
        row("示例中心", "", "", "2.00"), row("", "201", "一般公共服务支出", "2.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level", "unit") == [
        (None, "合计", 0, "合计"), (None, "示例局本级", 0, "示例局本级"),
        ("201", "一般公共服务支出", 1, ""), (None, "示例中心", 0, "示例中心"),
        ("201", "一般公共服务支出", 1, "")]


def test_a_table_of_totals_alone_is_one_total_line():
    """Jiangsu's 支出预算总表 prints one row of totals and no name column."""
    result = normalize_grid(grid(
        "支出总表", row("合计", "基本支出", "项目支出"), row("3.00", "1.00", "2.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level", "total", "basic",
                      "project") == [(None, "", 0, 3 * W, W, 2 * W)]


def test_codes_in_front_of_names_give_the_lines_their_levels():
    result = normalize_grid(grid(
        "支出总表", row("科目名称", "合计"),
        row("合计", "3.00"), row("201 一般公共服务支出", "3.00"), row("20101人大事务", "3.00"),
        row("2010101 行政运行", "3.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "level") == [
        (None, 0), ("201", 1), ("20101", 2), ("2010101", 3)]


def test_summary_totals_printed_as_totals_in_words_of_their_own():
    """"收入总额" / "支出总额" (no 合计 or 总计 in them) are the summary's totals."""
    result = normalize_grid(grid(
        "2024年部门收支预算总表", SUMMARY_HEADER,
        row("一般公共预算拨款收入", "10.00", "一般公共服务支出", "10.00"),
        row("收入总额", "10.00", "支出总额", "10.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "level") == [
        ("general_budget", 1), ("201", 1), ("income_total", 0), ("expenditure_total", 0)]


def test_a_spaced_total_among_item_rows_is_level_zero():
    result = normalize_grid(grid(
        "2024年“三公”经费预算表", row("项目", "预算数"),
        row("合  计", "3.00"), row("因公出国（境）费", "1.00"), row("公务接待费", "2.00")),
        "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level") == [
        ("total", "合计", 0), ("abroad", "因公出国（境）费", 1), ("reception", "公务接待费", 1)]


def test_joined_parts_take_the_finest_precision_and_a_fresh_index():
    coarse = normalize_grid(expenditure(row("208", "社会保障和就业支出", "5.0", "5.0", "0")),
                            "t.txt").table
    fine = normalize_grid(expenditure(row("", "合计", "15.00", "11.00", "4.00"),
                                      row("201", "一般公共服务支出", "10.00", "6.00", "4.00")),
                          "t.txt").table
    merged = merge_tables(coarse, fine)
    assert (coarse.precision_yuan, fine.precision_yuan, merged.precision_yuan) == (1000, 100, 100)
    assert merged.frame.index.tolist() == [0, 1, 2]
    assert merged.frame.line_code.isna().tolist() == [False, True, False]


def test_a_part_with_unreadable_amount_cells_makes_the_joined_table_unreliable():
    """Four cells of text among five figures: the first part is unreliable, and so is the whole
    (its own reason), though the lines that were read add up."""
    garbled = normalize_grid(expenditure(
        row("", "合计", "10.00", "见附表", "见附表"),
        row("201", "一般公共服务支出", "10.00", "见附表", "见附表")), "t.txt").table
    assert garbled.unreliable == "4 amount cells are not numbers"
    rest = normalize_grid(expenditure(row("208", "社会保障和就业支出", "0", "0", "0")),
                          "t.txt").table
    assert merge_tables(rest, garbled).unreliable == "4 amount cells are not numbers"
    assert merge_tables(rest, rest).unreliable is None


# ---- helpers.normalize.normalize_grid: what a table carries besides its lines --------------

def _self_evaluation_form(page: int) -> Grid:
    return Grid("信访干部培训专项项目绩效自评表", ["单位：万元"], [
        row("项目名称", "信访干部培训专项"),
        row("", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
        row("年度资金总额", "", "10.00", "12.00", "9.00", "10", "75.00%", "7.5"),
        row("总分", "", "", "", "", "100", "", "90")], 0, [], page=page)


def test_a_self_evaluation_form_is_read_into_its_funds_and_scores():
    result = normalize_grid(_self_evaluation_form(page=7), "f.pdf")
    table = result.table
    assert (table.kind, table.title, table.unit, table.page, table.line, table.precision_yuan,
            table.captions, table.unreliable) == (
        "performance_evaluation", "信访干部培训专项项目绩效自评表", "万元", 7, None, 100,
        ["单位：万元"], None)
    assert table.frame.iloc[0][["project_name", "budget_initial_yuan", "budget_full_yuan",
                                "executed_yuan", "funds_weight", "execution_rate_printed",
                                "funds_score", "total_weight", "total_score"]].tolist() == [
        "信访干部培训专项", 10 * W, 12 * W, 9 * W, 10.0, "75.00%", 7.5, 100.0, 90.0]
    assert [(a["measure"], a["amount_yuan"]) for a in result.amounts] == [
        ("budget_initial", 10 * W), ("budget_full", 12 * W), ("executed", 9 * W)]
    # the two rows it does not read are kept, cell by cell
    assert [(a.kind, a.row, a.text) for a in result.anomalies] == [
        ("unparsed_row", 1, "项目名称"), ("unparsed_row", 1, "信访干部培训专项"),
        *[("unparsed_row", 2, text) for text in ("年初预算数", "全年预算数", "全年执行数",
                                                  "分值", "执行率", "得分")]]


def test_a_target_form_keeps_its_title_line_and_the_documents_unit():
    form = Grid("示例项目绩效目标表", [], [
        row("绩效目标", "完成培训"),
        row("一级指标", "二级指标", "三级指标", "指标内容", "指标值", "指标值确定依据"),
        row("产出指标", "数量指标", "培训人次", "培训", "≥100人次", "计划")], 0, [], line=12)
    table = normalize_grid(form, "t.txt", default_unit="万元").table
    assert (table.kind, table.unit, table.page, table.line) == (
        "performance_targets", "万元", None, 12)
    assert table.frame.project_name.tolist() == ["示例项目"]


def test_a_table_without_its_own_unit_takes_the_documents():
    table = Grid("2024年部门支出预算总表", ["编制部门：示例局"], [
        EXPENDITURE_HEADER, row("201", "一般公共服务支出", "1.50", "1.50", "0")], 1, [], line=3)
    result = normalize_grid(table, "t.txt", default_unit="万元")
    assert result.table.unit == "万元"
    assert [a["amount_yuan"] for a in result.amounts] == [15000, 15000, 0]
    in_yuan = normalize_grid(table, "t.txt", default_unit="元")
    assert [a["amount_yuan"] for a in in_yuan.amounts] == [Decimal("1.50"), Decimal("1.50"), 0]
    unknown = normalize_grid(table, "t.txt")
    assert unknown.table.unit is None and unknown.amounts == []


def test_the_unit_printed_in_the_header_rows_is_the_tables():
    """"单位：" and "元" printed in two cells of a header row (a PDF's words apart)."""
    table = Grid("2024年部门支出预算总表", [], [
        row("单位：", "元", "", "", ""), EXPENDITURE_HEADER,
        row("201", "一般公共服务支出", "150", "150", "0")], 2, [], line=3)
    assert normalize_grid(table, "t.txt", default_unit="万元").table.unit == "元"


@pytest.mark.parametrize(("title", "captions", "measures"), [
    ("2024年“三公”经费支出表", [], ("total", "text")),
    ("2024年“三公”经费支出决算表", [], ("budget", "total")),
    ("2024年“三公”经费支出表", ["2024年度部门决算"], ("budget", "total")),
])
def test_budget_columns_of_a_final_accounts_table_are_the_budget(title, captions, measures):
    """In a 决算 (by its title or a caption) 预算数 is the budget beside the outturn."""
    table = grid(title, row("合计", "合计", "公务接待费", "公务接待费"),
                 row("预算数", "决算数", "预算数", "决算数"),
                 row("3.00", "2.00", "3.00", "2.00"), header_rows=2)
    table.captions += captions
    read = normalize_grid(table, "t.txt").table
    roles, frame = read.column_roles, read.frame
    if measures[1] == "text":  # a budget's 预算数 and 决算数 both read as its total
        assert roles == ("item:total@total", "text:item:total@total#2",
                         "item:reception@total", "text:item:reception@total#4")
        # the second of each is kept as text, under its own column
        assert [column for column in frame.columns if "#" in column] == [
            "item:total@total#2", "item:reception@total#4"]
        assert frame["item:total@total#2"].tolist()[:2] == ["2.00", "2.00"]
    else:
        assert roles == ("item:total@budget", "item:total@total", "item:reception@budget",
                         "item:reception@total")


# ---- helpers.normalize: layouts other than one line per row --------------------------------

def test_side_by_side_blocks_name_each_repeated_measure_by_its_column():
    """公用经费 is printed in columns 6 and 9 of row 1: each amount names its own column."""
    result = _side_by_side_final_table()
    assert result.table.layout == "header"
    assert result.table.column_roles == ("code", "name", "personnel", "code", "name", "public",
                                         "code", "name", "public")
    where = "t.txt:L1:general_budget_basic_expenditure"
    assert [a["source"] for a in result.amounts] == [
        f"{where}:r1:personnel", f"{where}:r2:personnel", f"{where}:r1:public@c6",
        f"{where}:r1:public@c9", f"{where}:r2:public"]


def test_the_basic_column_of_a_basic_expenditure_table_is_its_total():
    result = normalize_grid(grid(
        "一般公共预算基本支出表", row("科目编码", "科目名称", "基本支出", "人员经费", "公用经费"),
        row("301", "工资福利支出", "3.00", "3.00", ""),
        row("302", "商品和服务支出", "1.00", "", "1.00")), "t.txt")
    assert (result.table.column_roles, result.table.layout) == (
        ("code", "name", "total", "personnel", "public"), "header")
    other = normalize_grid(grid(
        "2024年部门支出预算总表", row("科目编码", "科目名称", "基本支出", "项目支出"),
        row("201", "一般公共服务支出", "3.00", "1.00")), "t.txt")
    assert other.table.column_roles == ("code", "name", "basic", "project")


def test_a_lines_table_printed_in_two_halves_is_read_by_side():
    result = normalize_grid(grid(
        "2024年部门支出预算总表", row("科目名称", "合计", "科目名称", "合计"),
        row("一般公共服务支出", "3.00", "教育支出", "1.00"),
        row("合计", "3.00", "合计", "1.00")), "t.txt")
    assert (result.table.column_roles, result.table.layout) == (
        ("income_item", "income", "expenditure_item", "expenditure"), "header")
    assert frame_rows(result.table, "line_code", "level") == [
        ("201", 1), ("205", 1), ("income_total", 0), ("expenditure_total", 0)]


def test_the_codes_of_a_record_are_its_text():
    result = normalize_grid(grid(
        "2024年政府采购预算表", row("类", "款", "项", "采购项目", "采购品目", "数量", "金额"),
        row("201", "01", "01", "办公设备", "台式计算机", "10", "12.00")), "t.txt")
    assert (result.table.column_roles, result.table.layout) == (
        ("text:code_class", "text:code_section", "text:code_item", "text:采购项目",
         "text:item_name", "text:quantity", "total"), "header")
    assert frame_rows(result.table, "code_class", "code_section", "code_item") == [
        ("201", "01", "01")]


def test_a_unit_column_beside_a_fused_code_column_is_the_unit():
    result = normalize_grid(grid(
        "支出总表", row("单位名称", "功能分类科目", "合计"),
        row("示例局本级", "", "3.00"), row("", "201-一般公共服务支出", "3.00")), "t.txt")
    assert result.table.column_roles == ("text:unit", "code_name", "total")
    assert frame_rows(result.table, "line_code", "line_name", "level") == [
        (None, "示例局本级", 0), ("201", "一般公共服务支出", 1)]


def test_a_short_row_is_padded_at_its_last_printed_cell():
    """The 合计 row prints two of six items (its cells on pages 4, 5, 6): the four items it
    leaves out are blank lines located at its last printed cell."""
    result = normalize_grid(grid(
        "2026年“三公”经费预算表", row("单位名称", *ITEM_COLUMNS),
        row("示例局本级", "10.00", "1.00", "2.00", "7.00", "3.00", "4.00"),
        [Cell("合计", page=4, line=40), Cell("10.00", page=5, line=50),
         Cell("1.00", page=6, line=60)]), "t.txt")
    assert frame_rows(result.table, "line_code", "page", "line", "total")[6:] == [
        ("total", 5, 50, 10 * W), ("abroad", 6, 60, W), ("reception", 6, 60, None),
        ("vehicle", 6, 60, None), ("vehicle_purchase", 6, 60, None),
        ("vehicle_operation", 6, 60, None)]
    assert result.anomalies == []


# ---- helpers.normalize: the header (or the item column) confirms the title's kind ---------

def _kind_read(*rows: list[Cell], title: str = "2024年“三公”经费预算表") -> str:
    return normalize_grid(grid(title, *rows), "t.txt").table.kind


UNIT_ROWS = (row("示例局", "1.00", "2.00"), row("示例中心", "1.00", "2.00"))


@pytest.mark.parametrize(("header", "expected"), [
    (row("单位名称", "因公出国(境)费", "乙"), "three_public"),
    (row("单位名称", "因 公 出 国(境)费", "乙"), "three_public"),  # spaced out in a cell
    (row("单位名称", "公务", "接待费"), "three_public"),            # one word over two cells
    (row("单位名称", "甲", "乙"), "unrecognized"),
])
def test_the_header_words_confirm_a_three_public_table(header, expected):
    assert _kind_read(header, *UNIT_ROWS) == expected


def test_the_item_column_confirms_a_three_public_table_in_its_first_twelve_rows():
    header = row("单位名称", "甲", "乙")
    units = [row(f"示例单位{i}", "1.00", "2.00") for i in range(1, 12)]
    assert _kind_read(header, *units, row("因公出国（境）费", "1.00", "2.00")) == "three_public"
    assert _kind_read(header, *units, row("示例单位12", "1.00", "2.00"),
                      row("因公出国（境）费", "1.00", "2.00")) == "unrecognized"
    # beyond the first two rows only the first column counts
    assert _kind_read(header, *UNIT_ROWS, row("示例单位3", "公务接待", "1.00")) == "unrecognized"
    assert _kind_read(header, row("示例局", "公务接待", "2.00")) == "three_public"


def test_a_lines_table_is_confirmed_by_its_header_alone():
    assert _kind_read(row("科目名称", "数额"), row("合计", "3.00"),
                      row("一般公共服务支出", "3.00"), title="2024年部门支出预算总表") \
        == "unrecognized"


# ---- helpers.normalize.reconcile: what is compared, and what is not ------------------------

def test_a_total_off_its_classes_though_equal_to_all_its_lines_is_unreliable():
    """合计 16 | 10 prints Σ of every line (类 8 | 5 and 款 8 | 5), not Σ类 (8 | 5)."""
    result = normalize_grid(expenditure(
        row("", "合计", "16.00", "10.00", "6.00"),
        row("201", "一般公共服务支出", "8.00", "5.00", "3.00"),
        row("20101", "人大事务", "8.00", "5.00", "3.00")), "t.txt")
    assert result.table.unreliable == (
        "合计列：合计行 160,000.00 元 ≠ 明细之和 80,000.00 元; 基本支出列：合计行 "
        "100,000.00 元 ≠ 明细之和 50,000.00 元; 项目支出列：合计行 60,000.00 元 ≠ 明细之和 "
        "30,000.00 元")


def test_a_measure_printed_in_the_total_alone_is_compared():
    """项目支出 4.00 in the 合计 row and in no line, with 合计 itself off: two measures off."""
    result = normalize_grid(expenditure(
        row("", "合计", "11.00", "6.00", "4.00"),
        row("201", "一般公共服务支出", "10.00", "6.00", "")), "t.txt")
    assert result.table.unreliable == (
        "合计列：合计行 110,000.00 元 ≠ 明细之和 100,000.00 元; 项目支出列：合计行 "
        "40,000.00 元 ≠ 明细之和 0.00 元")


def test_a_measure_blank_everywhere_is_skipped_and_the_next_compared():
    result = normalize_grid(expenditure(
        row("", "合计", "", "7.00", "5.00"),
        row("201", "一般公共服务支出", "", "6.00", "4.00")), "t.txt")
    assert result.table.unreliable == (
        "基本支出列：合计行 70,000.00 元 ≠ 明细之和 60,000.00 元; 项目支出列：合计行 "
        "50,000.00 元 ≠ 明细之和 40,000.00 元")


def test_a_blank_total_counts_as_zero_against_its_lines():
    """In 元, one line and its 合计 allow 1.00 of rounding: a blank 合计 over a line of 2 is
    off by 2.00 (it would be within rounding were the blank read as 1)."""
    result = normalize_grid(grid("2024年部门支出预算总表", EXPENDITURE_HEADER,
                                 row("", "合计", "", "6", "6"),
                                 row("201", "一般公共服务支出", "2", "4", "4"), unit="元"),
                            "t.txt")
    assert result.table.unreliable == (
        "合计列：合计行 空白 ≠ 明细之和 2.00 元; 基本支出列：合计行 6.00 元 ≠ 明细之和 4.00 元; "
        "项目支出列：合计行 6.00 元 ≠ 明细之和 4.00 元")


def test_tables_of_other_shapes_are_not_reconciled():
    """A summary's sides and an unrecognized grid are left to the checks."""
    summary = normalize_grid(grid(
        "2024年部门收支预算总表", SUMMARY_HEADER,
        row("一般公共预算拨款收入", "10.00", "一般公共服务支出", "10.00"),
        row("收入总计", "99.00", "支出总计", "1.00")), "t.txt").table
    assert reconcile(summary) is None
    unknown = normalize_grid(grid("附表", row("甲", "乙"), row("合计", "9.00"),
                                  row("一", "1.00")), "t.txt").table
    assert unknown.kind == "unrecognized" and reconcile(unknown) is None


# ---- helpers.normalize: a 合计 name merged over two side-by-side blocks ---------------------

FINAL_BASIC = "一般公共预算财政拨款基本支出决算表"
BLOCKS_HEADER = [row("人员经费", "", "", "公用经费", "", "", "", "", ""),
                 row("科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数",
                     "科目代码", "科目名称", "决算数")]
BLOCKS_FIRST_ROW = row("301", "工资福利支出", "6.00", "302", "商品和服务支出", "2.00", "310",
                       "资本性支出", "0.00")


def _block_lines(header: list[list[Cell]], *body: list[Cell]) -> list[tuple]:
    table = normalize_grid(grid(FINAL_BASIC, *header, *body, header_rows=len(header)),
                           "t.txt").table
    return frame_rows(table, "line_code", "line_name", "level", "row", "personnel", "public")


def test_a_spaced_out_total_name_goes_to_the_block_holding_its_amount():
    assert _block_lines(BLOCKS_HEADER, BLOCKS_FIRST_ROW, row(
        "", "人员经费合计", "6.00", "", "", "公 用 经 费 合 计", "", "", "2.00"))[3:] == [
        ("310", "资本性支出", 1, 1, None, Decimal(0)), (None, "公用经费合计", 0, 2, None, 2 * W)]


def test_the_last_blocks_name_never_goes_to_the_first_block():
    assert _block_lines(BLOCKS_HEADER, BLOCKS_FIRST_ROW,
                        row("", "", "6.00", "", "", "", "", "合计", "")) == [
        ("301", "工资福利支出", 1, 1, 6 * W, None), (None, "", None, 2, 6 * W, None),
        ("302", "商品和服务支出", 1, 1, None, 2 * W), ("310", "资本性支出", 1, 1, None, Decimal(0)),
        (None, "合计", 0, 2, None, None)]


def test_blocks_of_codes_fused_with_names():
    header = [row("人员经费", "", "公用经费", "", "", ""),
              row("经济分类科目", "决算数", "经济分类科目", "决算数", "经济分类科目", "决算数")]
    assert _block_lines(header, row("301 工资福利支出", "6.00", "302 商品和服务支出", "2.00",
                                    "310 资本性支出", "0.00"),
                        row("人员经费合计", "6.00", "公用经费合计", "", "", "2.00")) == [
        ("301", "工资福利支出", 1, 1, 6 * W, None), (None, "人员经费合计", 0, 2, 6 * W, None),
        ("302", "商品和服务支出", 1, 1, None, 2 * W), ("310", "资本性支出", 1, 1, None, Decimal(0)),
        (None, "公用经费合计", 0, 2, None, 2 * W)]


def test_a_block_without_a_name_column():
    header = [row("人员经费", "", "公用经费", "", ""),
              row("科目代码", "决算数", "科目代码", "科目名称", "决算数")]
    assert _block_lines(header, row("301", "6.00", "302", "商品和服务支出", "2.00"),
                        row("合计", "6.00", "", "", "")) == [
        ("301", "", 1, 1, 6 * W, None), (None, "合计", 0, 2, 6 * W, None),
        ("302", "商品和服务支出", 1, 1, None, 2 * W)]


# ---- helpers.normalize: a summary total merged over two expenditure sides (Jiangsu) --------

JIANGSU_SUMMARY = row("收入项目", "预算数", "支出功能分类", "预算数", "支出经济分类", "预算数")
JIANGSU_FIRST_ROW = row("一般公共预算拨款收入", "10.00", "一般公共服务支出", "10.00",
                        "工资福利支出", "10.00")


def test_a_total_merged_over_two_sides_goes_to_the_side_holding_its_amount():
    """"支 出 合 计" lands in the first expenditure side's amount column, 10.00 in the second's."""
    result = normalize_grid(grid("2024年部门收支预算总表", JIANGSU_SUMMARY, JIANGSU_FIRST_ROW,
                                 row("收入合计", "10.00", "", "支 出 合 计", "", "10.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level", "income", "expenditure",
                      "row")[3:] == [("income_total", "收入合计", 0, 10 * W, None, 2),
                                     ("expenditure_total", "支出合计", 0, None, 10 * W, 2)]
    assert result.anomalies == []


def test_a_total_never_replaces_a_name_the_next_side_prints():
    result = normalize_grid(grid("2024年部门收支预算总表", JIANGSU_SUMMARY, JIANGSU_FIRST_ROW,
                                 row("", "", "", "小计", "工资福利支出", "5.00")), "t.txt")
    assert frame_rows(result.table, "line_name", "expenditure", "row")[3:] == [
        ("", None, 2), ("工资福利支出", 5 * W, 2)]
    assert [(a.kind, a.row, a.text) for a in result.anomalies] == [("text_in_number", 2, "小计")]


def test_item_columns_of_two_measures_make_one_line_per_item():
    """A 决算 三公 table: each item's 预算数 and 决算数 columns fill one line; a group's 小计
    is labelled by its group; a cell of words is an anomaly at its row and measure."""
    result = normalize_grid(grid(
        "2024年“三公”经费支出决算表",
        row("单位名称", "公务用车购置及运行费", "", "", "公务用车购置及运行费", "", "",
            "公务接待费", "公务接待费"),
        row("", "小计", "购置费", "运行费", "小计", "购置费", "运行费", "预算数", "决算数"),
        row("", "预算数", "预算数", "预算数", "决算数", "决算数", "决算数", "", ""),
        row("合计", "3.00", "1.00", "2.00", "2.50", "1.00", "1.50", "1.00", "见说明"),
        header_rows=3), "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level", "budget", "total") == [
        ("vehicle", "公务用车购置及运行费", 1, 3 * W, Decimal(25000)),
        ("vehicle_purchase", "购置费", 2, W, W),
        ("vehicle_operation", "运行费", 2, 2 * W, Decimal(15000)),
        ("reception", "公务接待费", 1, W, None)]
    assert [(a["line_code"], a["measure"], a["classification"]) for a in result.amounts] == [
        ("vehicle", "budget", "none"), ("vehicle_purchase", "budget", "none"),
        ("vehicle_operation", "budget", "none"), ("vehicle", "total", "none"),
        ("vehicle_purchase", "total", "none"), ("vehicle_operation", "total", "none"),
        ("reception", "budget", "none")]
    assert [(a.kind, a.row, a.column, a.text) for a in result.anomalies] == [
        ("text_in_number", 1, "total", "见说明")]


def test_a_record_without_any_text_column_is_a_nameless_line_at_its_first_cell():
    result = normalize_grid(grid("2024年政府采购预算表", row("金额"),
                                 [Cell("30.00", page=3, line=4)]), "t.txt")
    assert result.table.frame.to_dict("records") == [{
        "line_code": None, "line_name": "", "level": 2, "total": 30 * W, "row": 1, "page": 3,
        "line": 4}]
    assert [a["source"] for a in result.amounts] == ["t.txt:p3:procurement:r1:total"]


def test_every_amount_of_a_row_of_repeated_measures_names_its_column():
    """Two 公用经费 blocks, one row: both amounts would share one source without the column."""
    result = normalize_grid(grid(
        "一般公共预算财政拨款基本支出决算表", row("公用经费", "", "", "", "", ""),
        row("科目代码", "科目名称", "决算数", "科目代码", "科目名称", "决算数"),
        row("302", "商品和服务支出", "2.00", "310", "资本性支出", "1.00"), header_rows=2), "t.txt")
    where = "t.txt:L1:general_budget_basic_expenditure"
    assert [a["source"] for a in result.amounts] == [f"{where}:r1:public@c3",
                                                     f"{where}:r1:public@c6"]


def test_a_table_joined_from_parts_with_blank_cells_and_unlevelled_lines():
    """The joined table is reconciled from its frame, where blanks and levels are NA."""
    first = normalize_grid(expenditure(row("", "合计", "15.00", "11.00", "4.00"),
                                       row("201", "一般公共服务支出", "10.00", "6.00", "4.00")),
                           "t.txt").table
    rest = normalize_grid(expenditure(row("208", "社会保障和就业支出", "5.00", "5.00", ""),
                                      row("", "机关服务", "", "", "")), "t.txt").table
    merged = merge_tables(first, rest)
    assert merged.unreliable is None
    assert frame_rows(merged, "line_code", "level", "project") == [
        (None, 0, 4 * W), ("201", 1, 4 * W), ("208", 1, None), (None, None, None)]
    off = normalize_grid(expenditure(row("208", "社会保障和就业支出", "6.00", "6.00", ""),
                                     row("", "机关服务", "", "", "")), "t.txt").table
    assert merge_tables(first, off).unreliable == (
        "合计列：合计行 150,000.00 元 ≠ 明细之和 160,000.00 元; 基本支出列：合计行 110,000.00 元 ≠ "
        "明细之和 120,000.00 元")


def test_an_empty_row_of_no_cells_is_skipped():
    result = normalize_grid(grid("支出总表", row("科目编码", "科目名称", "合计"), [],
                                 row("201", "一般公共服务支出", "3.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "row") == [("201", 2)]


def test_a_two_part_split_code_takes_its_blank_class_from_the_line_above():
    result = normalize_grid(grid("支出总表", row("类", "款", "科目名称", "合计"),
                                 row("201", "", "一般公共服务支出", "3.00"),
                                 row("", "01", "人大事务", "3.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "level") == [("201", 1), ("20101", 2)]
    assert result.anomalies == []


def test_a_tables_precision_is_its_finest_printed_figure():
    result = normalize_grid(expenditure(row("201", "一般公共服务支出", "10.00", "10.0", "0"),
                                        row("208", "社会保障和就业支出", "5.0", "5", "0")),
                            "t.txt")
    assert result.table.precision_yuan == 100  # 0.01 万元, though printed first and last


def test_a_spaced_out_subtotal_of_a_summary_is_level_zero():
    result = normalize_grid(grid(
        "2024年部门收支预算总表", SUMMARY_HEADER,
        row("一般公共预算拨款收入", "10.00", "一般公共服务支出", "10.00"),
        row("本 年 收 入 合 计", "10.00", "本年支出合计", "10.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "line_name", "level")[2:] == [
        ("income_subtotal", "本年收入合计", 0), ("expenditure_subtotal", "本年支出合计", 0)]


def test_an_unnamed_first_row_is_the_total_only_where_no_total_is_printed():
    """One class line: a first row of 10.01 over 10.00 is within rounding (0.01 万元 for two
    figures), 10.02 is not; a document that prints its 合计 keeps the first row as read;
    a table of one class line is not its own total."""
    def levels(*rows: list[Cell]) -> list:
        table = normalize_grid(expenditure(*rows, header=TOTAL_ONLY), "t.txt").table
        return frame_rows(table, "level")
    assert levels(row("", "示例局", "10.01"), row("201", "一般公共服务支出", "10.00")) == [
        (0,), (1,)]
    assert levels(row("", "示例局", "10.02"), row("201", "一般公共服务支出", "10.00")) == [
        (None,), (1,)]
    assert levels(row("", "示例局", "10.00"), row("201", "一般公共服务支出", "10.00"),
                  row("", "合计", "10.00")) == [(None,), (1,), (0,)]
    assert levels(row("201", "一般公共服务支出", "10.00")) == [(1,)]


# ---- helpers.money: the bounds of an amount, and 万元 for display ---------------------------

def test_the_largest_amount_held_and_one_fen_beyond():
    largest = Decimal("9999999999999999.99")  # eighteen digits, two after the point
    assert parse_amount("9,999,999,999,999,999.99") == largest
    assert parse_amount("-9999999999999999.99") == -largest
    with pytest.raises(AmountRangeError) as raised:
        parse_amount("10000000000000000.00")
    assert str(raised.value) == ("'10000000000000000.00' 元 is beyond 9,999,999,999,999,999.99 "
                                 "yuan (the largest amount held)")


def test_a_figure_of_more_than_forty_digits_is_refused_before_it_is_converted():
    with pytest.raises(AmountRangeError) as forty:
        parse_amount("1" * 40)
    assert str(forty.value).endswith("元 is beyond 9,999,999,999,999,999.99 yuan (the largest "
                                     "amount held)")
    seventy = "1" * 70
    with pytest.raises(AmountRangeError) as raised:
        parse_amount(seventy)
    assert str(raised.value) == (
        f"70 digits: beyond 9,999,999,999,999,999.99 yuan: '{'1' * 60}'")


@pytest.mark.parametrize(("yuan", "wan", "rounded", "shown"), [
    (Decimal("123456"), Decimal("12.3456"), Decimal("12.35"), "12.35"),
    (Decimal("12250"), Decimal("1.225"), Decimal("1.23"), "1.23"),        # half up, not even
    (Decimal("-12250"), Decimal("-1.225"), Decimal("-1.23"), "-1.23"),    # half away from 0
    (Decimal("123456789012"), Decimal("12345678.9012"), Decimal("12345678.90"),
     "12,345,678.90"),
])
def test_yuan_in_wan_exact_rounded_and_shown(yuan, wan, rounded, shown):
    assert to_wan(yuan) == wan
    assert round_wan(yuan) == rounded and round_wan(int(yuan)) == rounded
    assert format_wan(yuan) == shown


def test_a_float_is_read_as_its_shortest_decimal_text():
    assert round_wan(12349.5) == Decimal("1.23")  # 1.23495 万元 (not a binary fraction)
    assert round_wan("12350") == Decimal("1.24")


def test_unread_cells_are_weighed_against_a_third_of_the_amounts_read():
    """Four cells of words beside fourteen figures read (a third: four) leave the table
    reliable; the same four beside eight figures (still more than three) do not."""
    def lines(count: int) -> list[list[Cell]]:
        return [row(f"2{index:02d}", f"第{index}类支出", "1.00", "1.00", "0")
                for index, _ in enumerate(range(count), start=1)]
    garbled = row("299", "其他支出", "见附表", "见附表", "见附表")
    many = normalize_grid(expenditure(*lines(4), garbled, row("298", "甲", "见附表", "0", "0")),
                          "t.txt")
    assert (len(many.amounts), many.table.unreliable) == (14, None)
    few = normalize_grid(expenditure(*lines(2), garbled, row("298", "甲", "见附表", "0", "0")),
                         "t.txt")
    assert (len(few.amounts), few.table.unreliable) == (8, "4 amount cells are not numbers")


def test_the_reconciliation_boundaries_are_within():
    """One 类 line and its 合计 allow 0.01 万元 of rounding: 0.01 off in two columns is within;
    a single column 0.5 % off (20.00 against 20.10) is within too, beyond it is not."""
    within = normalize_grid(expenditure(row("", "合计", "10.01", "10.01", "0"),
                                        row("201", "一般公共服务支出", "10.00", "10.00", "0")),
                            "t.txt")
    assert within.table.unreliable is None
    half_percent = normalize_grid(expenditure(row("", "合计", "20.00"),
                                              row("201", "一般公共服务支出", "20.10"),
                                              header=TOTAL_ONLY), "t.txt")
    assert half_percent.table.unreliable is None
    beyond = normalize_grid(expenditure(row("", "合计", "20.00"),
                                        row("201", "一般公共服务支出", "20.11"),
                                        header=TOTAL_ONLY), "t.txt")
    assert beyond.table.unreliable == "合计列：合计行 200,000.00 元 ≠ 明细之和 201,100.00 元"


def test_the_total_of_three_public_meetings_and_training_printed_as_a_row():
    """"三公经费、会议费、培训费合计" is that total, not 会议费 (the row matched 会议费 first)."""
    result = normalize_grid(grid(
        "2024年“三公”经费、会议费、培训费预算表", row("项目", "预算数"),
        row("“三公”经费、会议费、培训费合计", "6.00"), row("“三公”经费合计", "3.00"),
        row("会议费", "2.00"), row("培训费", "1.00")), "t.txt")
    assert frame_rows(result.table, "line_code", "total") == [
        ("total_with_meetings", 6 * W), ("total", 3 * W), ("meeting", 2 * W),
        ("training", W)]
