"""Tests that kill mutmut's survivors in helpers.checks (text rules), on constructed documents.

Every expected finding is worked out by hand from the figures the test prints (万元: 1.00
is 10,000 yuan), not with the code under test.

The documents: a title line (line 1, "示例局2024年部门预算" or "…部门决算"), the grids
(printed at line 1, so a cell's location reads ``example_2024.txt:L1:<table>:r<row>:<col>``),
then the narrative, paragraph i at line 100 + i (``example_2024.txt:L<line>:narrative``).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from test_columns import row
from test_mutation_kills import W, grid, plain
from test_mutation_kills import three_public_rows as hebei_three_public

from helpers import check
from helpers.checks.text import _base_stage
from helpers.model import build_disclosure
from helpers.raw import Heading, Paragraph, RawDocument

F = "example_2024.txt"
OVERVIEW = Heading("二、部门预算安排的总体情况")
THREE_PUBLIC = Heading("四、“三公”经费预算情况")
ADMIN = Heading("三、机关运行经费安排情况")
PROCUREMENT_HEADING = Heading("六、政府采购情况")


def document(tmp_path, year: int, texts: list, *grids, stage: str = "预算"):
    """Return a disclosure: title, ``grids``, then ``texts`` (text i at line 100 + i).

    A text is a paragraph's text, a :class:`Heading` (placed at its line like a paragraph
    unless it has a page or line of its own) or any other block, kept as it is.
    """
    path = tmp_path / f"example_{year}.txt"
    path.write_text("示例", encoding="utf-8")
    blocks = [Paragraph(f"示例局{year}年部门{stage}", line=1), *grids]
    blocks += [Paragraph(text, line=100 + i) if isinstance(text, str)
               else Heading(text.text, line=100 + i) if isinstance(text, Heading) and
               text.line is None and text.page is None else text
               for i, text in enumerate(texts)]
    return build_disclosure(RawDocument(path, "tika_text", blocks))


def found(doc, rule_id: str, previous=None) -> list[tuple]:
    """Return a rule's whole findings: severity, messages, yuan, locations."""
    frame = check(doc, previous=previous)
    return [(r.severity, r.message_zh, r.message_en, plain(r.expected_yuan),
             plain(r.printed_yuan), plain(r.difference_yuan), r.locations)
            for r in frame.itertuples() if r.rule_id == rule_id]



def groups(doc, rule_id: str) -> set[str]:
    frame = check(doc)
    return set(frame[frame.rule_id == rule_id].group)


def summary(year: int = 2024, general: str = "12.00", fund: str = "3.00",
            total: str = "15.00", unit: str = "万元"):
    """收支总表: rows 1 一般公共预算, 2 政府性基金, 3 总计 (收入 | 支出 alike)."""
    rows = [row("收入项目", "预算数", "支出项目", "预算数"),
            row("一、一般公共预算拨款收入", general, "一、一般公共服务支出", general),
            row("二、政府性基金预算拨款收入", fund, "二、城乡社区支出", fund),
            row("收入总计", total, "支出总计", total)]
    return grid(f"{year}年部门收支预算总表", *rows, unit=unit)


SUMMARY_INCOME = f"{F}:L1:income_expenditure_summary:r3:income"


# ---- Y01: a stated change against the previous year's document ---------------------------

def two_years(tmp_path, sentence: str, income_2024: str = "15.00", income_2023: str = "12.00",
              stage: str = "预算", previous_stage: str = "预算"):
    """2024 states ``sentence`` in its overview; 2023 prints 收入总计 ``income_2023``."""
    before = document(tmp_path, 2023, [], summary(2023, income_2023, "0", income_2023),
                      stage=previous_stage)
    now = document(tmp_path, 2024, [OVERVIEW, sentence],
                   summary(2024, income_2024, "0", income_2024), stage=stage)
    return now, before


Y01_WHERE = f"{F}:L101:narrative; {SUMMARY_INCOME}; example_2023.txt:" \
    "income_expenditure_summary:r3:income"


def test_y01_a_change_both_documents_confirm_has_no_finding(tmp_path):
    """15.00 − 12.00 = 3.00 stated as 增加3.00万元; 支出预算 states no change at all, and
    基本支出's change has no table figure to be checked against."""
    now, before = two_years(tmp_path, "收入预算15.00万元，比2023年预算增加3.00万元。支出预算"
                                      "15.00万元。基本支出11.00万元，比2023年预算增加1.00万元。")
    assert found(now, "Y01", before) == []


@pytest.mark.parametrize(("stated", "printed"), [
    ("增加2.00万元", 2 * W), ("减少3.00万元", -3 * W), ("持平", Decimal(0)),
])
def test_y01_a_change_the_documents_do_not_confirm(tmp_path, stated, printed):
    """The documents give +3.00 (15.00 − 12.00); the text says otherwise."""
    now, before = two_years(tmp_path, f"收入预算15.00万元，比2023年预算{stated}。")
    diff = printed - 3 * W
    assert found(now, "Y01", before) == [(
        "error", f"“收入预算”比2023年的变化与两年文件不符：应为 3.00 万元，列示 "
        f"{printed / W:.2f} 万元，差 {diff / W:.2f} 万元",
        f"income_total: the stated change against 2023 does not match the two documents: "
        f"expected 3.00, printed {printed / W:.2f} (万元), difference {diff / W:.2f}",
        3 * W, printed, diff, Y01_WHERE)]


def test_y01_flat_states_no_change_whatever_number_follows(tmp_path):
    """"持平3.00万元" says no change: 0 is compared with the documents' +3.00."""
    now, before = two_years(tmp_path, "收入预算15.00万元，比2023年预算持平3.00万元。")
    assert [f[:1] + f[3:6] for f in found(now, "Y01", before)] == [
        ("error", 3 * W, Decimal(0), -3 * W)]


@pytest.mark.parametrize(("stated", "severity"), [
    ("3.0", None), ("3.1", "info"), ("2.9", "error"), ("3.2", "error"),
])
def test_y01_a_change_stated_to_0_1_wan_is_compared_at_that_digit(tmp_path, stated, severity):
    """15.04 − 12.00 = 3.04 万元 = 30,400 元: "3.0" is it rounded; 3.1 is 600 元 off, within
    the 1,000 元 of one printed digit; 2.9 (1,400 元) and 3.2 (1,600 元) are not."""
    now, before = two_years(tmp_path, f"收入预算15.04万元，比2023年预算增加{stated}万元。",
                            income_2024="15.04")
    got = found(now, "Y01", before)
    if severity is None:
        assert got == []
        return
    printed = Decimal(stated) * W
    diff = printed - 30400
    note_zh = "（在四舍五入误差范围内）" if severity == "info" else ""
    note_en = " (within rounding)" if severity == "info" else ""
    assert got == [(
        severity, f"“收入预算”比2023年的变化与两年文件不符：应为 3.04 万元，列示 {stated}0 万元，"
        f"差 {diff / W:.2f} 万元{note_zh}",
        "income_total: the stated change against 2023 does not match the two documents: "
        f"expected 3.04, printed {stated}0 (万元), difference {diff / W:.2f}{note_en}",
        Decimal(30400), printed, diff, Y01_WHERE)]


@pytest.mark.parametrize(("base", "year", "stage_zh", "stage_en"), [
    ("比2022年预算", 2022, "预算", "budget"),
    ("比2023年度决算数", 2023, "决算", "final"),
    ("比2023年的决算", 2023, "决算", "final"),
])
def test_y01_a_change_against_another_base_is_not_verified(tmp_path, base, year, stage_zh,
                                                           stage_en):
    now, before = two_years(tmp_path, f"收入预算15.00万元，{base}增加3.00万元。")
    assert found(now, "Y01", before) == [(
        "info", f"未核对：“收入预算”与{year}年{stage_zh}比较，而提供的对比文件是2023年预算",
        f"not verified: income_total is stated against the {year} {stage_en}, but the "
        "document given is the 2023 budget", None, None, None, f"{F}:L101:narrative")]


def test_y01_a_final_account_against_a_budget_names_both_stages(tmp_path):
    """A 决算 stating "比2023年增加" measures against its own stage: the 2023 决算."""
    now, before = two_years(tmp_path, "收入预算15.00万元，比2023年增加3.00万元。",
                            stage="决算")
    assert now.meta.stage == "final"
    assert found(now, "Y01", before) == [(
        "info", "未核对：“收入预算”与2023年决算比较，而提供的对比文件是2023年预算",
        "not verified: income_total is stated against the 2023 final, but the document "
        "given is the 2023 budget", None, None, None, f"{F}:L101:narrative")]


def test_y01_a_final_account_against_the_previous_final_account(tmp_path):
    """决算 against 决算: 15.00 − 12.00 = 3.00, stated 2.00."""
    now, before = two_years(tmp_path, "收入预算15.00万元，比2023年决算增加2.00万元。",
                            stage="决算", previous_stage="决算")
    assert [f[:1] + f[3:] for f in found(now, "Y01", before)] == [
        ("error", 3 * W, 2 * W, -W, Y01_WHERE)]


def test_y01_a_change_without_a_base_year_or_a_table_is_not_compared(tmp_path):
    """"比上年" names no year; a 2023 without its 收支总表 gives no figure to compare."""
    now, before = two_years(tmp_path, "收入预算15.00万元，比上年增加2.00万元。")
    assert found(now, "Y01", before) == []
    bare = document(tmp_path, 2023, [], procurement(2023))
    now = document(tmp_path, 2024, [OVERVIEW, "收入预算15.00万元，比2023年预算增加2.00万元。"],
                   summary(2024, "15.00", "0", "15.00"))
    assert found(now, "Y01", bare) == []


@pytest.mark.parametrize(("sentence", "own", "stage"), [
    ("比2023年度决算数增加", "budget", "final"),
    ("比2023年 度 决算数增加", "budget", "final"),
    ("比上年预算减少", "final", "budget"),
    ("比上一年的决算减少", "budget", "final"),
    ("比2023年增加", "final", "final"),
    ("比2023年增加", "budget", "budget"),
    ("比2023年执行数增加", "budget", "budget"),
    (None, "final", "final"),
])
def test_base_stage_is_the_stage_the_sentence_names(sentence, own, stage):
    assert _base_stage(sentence, own) == stage


# ---- T01: the overview's totals against the 收支总表 --------------------------------------

@pytest.mark.parametrize(("stated", "severity"), [
    ("15.00", None), ("15.01", "info"), ("14.99", "info"), ("15.02", "error"),
])
def test_t01_income_total_at_the_printed_digit(tmp_path, stated, severity):
    """收入总计 15.00 万元; stated to 0.01 万元, one digit (100 元) off is rounding."""
    doc = document(tmp_path, 2024, [OVERVIEW, f"收入预算{stated}万元。"], summary())
    got = found(doc, "T01")
    if severity is None:
        assert got == []
        return
    printed = Decimal(stated) * W
    diff = printed - 15 * W
    note_zh = "（在四舍五入误差范围内）" if severity == "info" else ""
    note_en = " (within rounding)" if severity == "info" else ""
    assert got == [(
        severity, f"文字说明“收入预算”与表格不一致：应为 15.00 万元，列示 {stated} 万元，"
        f"差 {diff / W:.2f} 万元{note_zh}",
        f"text figure income_total != table: expected 15.00, printed {stated} (万元), "
        f"difference {diff / W:.2f}{note_en}",
        15 * W, printed, diff, f"{F}:L101:narrative; {SUMMARY_INCOME}")]
    assert groups(doc, "T01") == {"text_vs_table"}


def test_t01_a_figure_stated_to_the_yuan_is_compared_at_the_yuan(tmp_path):
    """150,001 元 against 15.00 万元: stated to the 元, one 元 off is rounding, two are not."""
    doc = document(tmp_path, 2024, [OVERVIEW, "收入预算150001元。"], summary())
    assert found(doc, "T01") == [(
        "info", "文字说明“收入预算”与表格不一致：应为 15.00 万元，列示 15.0001 万元，"
        "差 0.0001 万元（在四舍五入误差范围内）",
        "text figure income_total != table: expected 15.00, printed 15.0001 (万元), "
        "difference 0.0001 (within rounding)", 15 * W, Decimal(150001), Decimal(1),
        f"{F}:L101:narrative; {SUMMARY_INCOME}")]
    doc = document(tmp_path, 2024, [OVERVIEW, "收入预算150002元。"], summary())
    assert [f[:1] + f[3:6] for f in found(doc, "T01")] == [
        ("error", 15 * W, Decimal(150002), Decimal(2))]


# ---- T04 / T05 / T06 / T07: 三公, 机关运行经费, 政府采购 and their stated parts ------------

HEBEI_TEXT = ("“三公”经费预算35.00万元，其中：因公出国（境）费5.00万元，公务用车购置及运行费"
              "20.00万元（其中：公务用车购置费8.00万元，公务用车运行费12.00万元），公务接待费"
              "10.00万元。")


def test_t04_t07_three_public_text_that_agrees_with_its_table(tmp_path):
    """35 = 5 + 20 + 10, 20 = 8 + 12, each as the 三公 table prints it."""
    doc = document(tmp_path, 2024, [THREE_PUBLIC, HEBEI_TEXT], hebei_three_public())
    assert found(doc, "T04") == []
    assert found(doc, "T07") == []


def test_t04_an_item_stated_otherwise_than_its_table_row(tmp_path):
    """公务接待费 stated 11.00 against row 6's 10.00; the total 36.00 ≠ 5 + 20 + 11 = 36? no:
    the parts 5 + 20 + 11 = 36 and the total 35: T07 finds the text's own sum off."""
    text = HEBEI_TEXT.replace("公务接待费10.00", "公务接待费11.00")
    doc = document(tmp_path, 2024, [THREE_PUBLIC, text], hebei_three_public())
    tp = f"{F}:L1:three_public"
    assert found(doc, "T04") == [(
        "error", "文字说明“公务接待费”与表格不一致：应为 10.00 万元，列示 11.00 万元，差 1.00 万元",
        "text figure three_public_reception != table: expected 10.00, printed 11.00 (万元), "
        "difference 1.00", 10 * W, 11 * W, W, f"{F}:L101:narrative; {tp}:r6:total")]
    assert found(doc, "T07") == [(
        "error", "文字所列“三公”经费预算与其分项之和不一致：应为 36.00 万元，列示 35.00 万元，"
        "差 -1.00 万元",
        "stated three_public_total != the sum of its stated parts: expected 36.00, printed "
        "35.00 (万元), difference -1.00", 36 * W, 35 * W, -W, f"{F}:L101:narrative")]


def test_t04_a_label_that_does_not_name_its_item_is_not_compared(tmp_path):
    """"运行经费" is keyed 公务用车运行费 by the word 运行, but names no 车: info, printed 1.00."""
    doc = document(tmp_path, 2024, [THREE_PUBLIC, "“三公”经费预算35.00万元。运行经费1.00万元。"
                                                  "公务接待费11.00万元。"], hebei_three_public())
    assert found(doc, "T04") == [(
        "error", "文字说明“公务接待费”与表格不一致：应为 10.00 万元，列示 11.00 万元，差 1.00 万元",
        "text figure three_public_reception != table: expected 10.00, printed 11.00 (万元), "
        "difference 1.00", 10 * W, 11 * W, W, f"{F}:L101:narrative; {F}:L1:three_public:r6:total"),
        ("info", "文字说明“运行经费”未能确认为three_public_vehicle_operation，未与表格核对",
         "text figure '运行经费' read as three_public_vehicle_operation without naming it: "
         "not compared", None, W, None, f"{F}:L101:narrative")]


def test_t04_an_item_the_table_does_not_print_is_not_compared(tmp_path):
    """The Shanghai 三公 table prints no 公务用车 line; 接待 3.00 against its 2.00 is still read."""
    text = "公务用车购置及运行费3.00万元，公务接待费3.00万元。"
    doc = document(tmp_path, 2024, [THREE_PUBLIC, text], SHANGHAI_THREE_PUBLIC)
    assert [f[:1] + f[3:] for f in found(doc, "T04")] == [
        ("error", 2 * W, 3 * W, W, f"{F}:L101:narrative; {F}:L1:three_public:r2:total")]


SHANGHAI_THREE_PUBLIC = grid("2024年“三公”经费预算表", row("项目", "预算数"),
                             row("因公出国（境）费", "1.00"), row("公务接待费", "2.00"),
                             row("机关运行经费", "40.00"))


@pytest.mark.parametrize(("text", "printed", "severity"), [
    ("机关运行经费预算40.00万元。", None, None),
    ("机关运行经费预算40.02万元。", Decimal("400200"), "error"),
    ("本部门无机关运行经费。", Decimal(0), "error"),
])
def test_t05_admin_operating_costs_against_the_three_public_table(tmp_path, text, printed,
                                                                  severity):
    """The 三公 table prints 机关运行经费 40.00 (row 3); "无机关运行经费" states 0 exactly."""
    doc = document(tmp_path, 2024, [ADMIN, text], SHANGHAI_THREE_PUBLIC)
    got = found(doc, "T05")
    if severity is None:
        assert got == []
        return
    label = "机关运行经费预算" if printed else "无机关运行经费。"
    diff = printed - 40 * W
    assert got == [(
        "error", f"文字说明“{label}”与表格不一致：应为 40.00 万元，列示 {printed / W:.2f} 万元，"
        f"差 {diff / W:.2f} 万元",
        f"text figure admin_operating_total != table: expected 40.00, printed "
        f"{printed / W:.2f} (万元), difference {diff / W:.2f}", 40 * W, printed, diff,
        f"{F}:L101:narrative; {F}:L1:three_public:r3:total")]


def procurement(year: int = 2024):
    """政府采购预算表: 合计 30.00 (row 1) = 12.00 + 18.00."""
    return grid(f"{year}年政府采购预算表",
                row("序号", "采购项目", "采购品目", "数量", "金额"),
                row("", "合计", "", "", "30.00"),
                row("1", "办公设备", "台式计算机", "10", "12.00"),
                row("2", "物业服务", "物业管理服务", "1", "18.00"))


PROCUREMENT = procurement()


@pytest.mark.parametrize(("total", "goods", "t06", "t07"), [
    ("30.00", "12.00", None, None),
    ("31.00", "13.00", "error", None),     # the text adds up, the table does not agree
    ("30.00", "12.01", None, "info"),      # 12.01 + 0 + 18 = 30.01: 100 元 ≤ 150 元
    ("30.00", "12.02", None, "error"),     # 200 元 > 150 元
])
def test_t06_t07_procurement_total_and_its_stated_parts(tmp_path, total, goods, t06, t07):
    """Table 合计 30.00; parts 货物 + 工程 0.00 + 服务 18.00, each to 0.01 万元: the three
    parts' rounding explains up to 3 × 50 = 150 元."""
    text = (f"政府采购预算{total}万元，其中：货物预算{goods}万元，"
            "工程预算0.00万元，服务预算18.00万元。")
    doc = document(tmp_path, 2024, [PROCUREMENT_HEADING, text], PROCUREMENT)
    assert [f[0] for f in found(doc, "T06")] == ([t06] if t06 else [])
    parts = Decimal(goods) * W + 18 * W
    got = found(doc, "T07")
    if t07 is None:
        assert got == []
        return
    diff = Decimal(total) * W - parts
    note_zh = "（在四舍五入误差范围内）" if t07 == "info" else ""
    note_en = " (within rounding)" if t07 == "info" else ""
    assert got == [(
        t07, f"文字所列政府采购预算与其分项之和不一致：应为 {parts / W:.2f} 万元，"
             f"列示 {total} 万元，"
        f"差 {diff / W:.2f} 万元{note_zh}",
        f"stated procurement_total != the sum of its stated parts: expected {parts / W:.2f}, "
        f"printed {total} (万元), difference {diff / W:.2f}{note_en}", parts,
        Decimal(total) * W, diff, f"{F}:L101:narrative")]


def test_t06_procurement_stated_otherwise_than_its_table(tmp_path):
    doc = document(tmp_path, 2024, [PROCUREMENT_HEADING, "政府采购预算31.00万元。"], PROCUREMENT)
    assert found(doc, "T06") == [(
        "error", "文字说明“政府采购预算”与表格不一致：应为 30.00 万元，"
                 "列示 31.00 万元，差 1.00 万元",
        "text figure procurement_total != table: expected 30.00, printed 31.00 (万元), "
        "difference 1.00", 30 * W, 31 * W, W,
        f"{F}:L101:narrative; {F}:L1:procurement:r1:total")]


@pytest.mark.parametrize(("total", "severity"), [
    ("80.00", None), ("80.015", "info"), ("79.985", "info"), ("80.0151", "error"),
    ("80.015001", "error"), ("81.00", "error"),
])
def test_t07_admin_operating_items_listed_after_their_total(tmp_path, total, severity):
    """30.00 + 10.00 + 40.00 = 80.00; three items to 0.01 万元 explain 3 × 50 = 150 元."""
    text = (f"机关运行经费安排支出{total}万元，办公费30.00万元，邮电费10.00万元，"
            "其他商品和服务支出40.00万元。")
    doc = document(tmp_path, 2024, [ADMIN, text], PROCUREMENT)
    got = found(doc, "T07")
    if severity is None:
        assert got == []
        return
    printed = Decimal(total) * W
    diff = printed - 80 * W
    note_zh = "（在四舍五入误差范围内）" if severity == "info" else ""
    note_en = " (within rounding)" if severity == "info" else ""
    shown, shown_diff = _wan(printed), _wan(diff)
    assert got == [(
        severity, f"文字所列机关运行经费安排支出与其分项之和不一致：应为 80.00 万元，"
                  f"列示 {shown} 万元，"
        f"差 {shown_diff} 万元{note_zh}",
        f"stated admin_operating_total != the sum of its stated parts: expected 80.00, "
        f"printed {shown} (万元), difference {shown_diff}{note_en}", 80 * W, printed, diff,
        f"{F}:L101:narrative")]


def _wan(yuan: Decimal) -> str:
    """万元 as the findings print them: exact, at least two decimals (written out here)."""
    text = f"{yuan / W:f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


def test_t07_one_item_after_a_total_or_a_total_stated_twice_is_no_breakdown(tmp_path):
    """One item (30.00 of 80.00) is not a list; a total stated twice is not compared."""
    one = document(tmp_path, 2024, [ADMIN, "机关运行经费安排支出80.00万元，办公费30.00万元。"],
                   PROCUREMENT)
    assert found(one, "T07") == []
    twice = document(tmp_path, 2024, [
        ADMIN, "机关运行经费安排支出80.00万元，办公费30.00万元，邮电费10.00万元。",
        "机关运行经费安排支出80.00万元。"], PROCUREMENT)
    assert found(twice, "T07") == []


def test_t07_three_public_vehicle_stated_as_purchase_and_operation(tmp_path):
    """No 公务用车购置及运行费 figure: the vehicle slot is 购置 8 + 运行 12; 5 + 20 + 10 = 35,
    stated 34."""
    text = ("“三公”经费预算34.00万元，其中：因公出国（境）费5.00万元，公务用车购置费8.00万元，"
            "公务用车运行费12.00万元，公务接待费10.00万元。")
    doc = document(tmp_path, 2024, [THREE_PUBLIC, text], hebei_three_public())
    assert [f[:1] + f[3:] for f in found(doc, "T07")] == [
        ("error", 35 * W, 34 * W, -W, f"{F}:L101:narrative")]


def test_t07_a_total_whose_parts_are_not_all_stated_is_not_compared(tmp_path):
    text = "“三公”经费预算35.00万元，其中：因公出国（境）费5.00万元，公务接待费10.00万元。"
    doc = document(tmp_path, 2024, [THREE_PUBLIC, text], hebei_three_public())
    assert found(doc, "T07") == []


# ---- T02 / T03 / T08 / Q02: the 支出主要内容 list -----------------------------------------

def fiscal_grant(total: str = "15.00"):
    """财政拨款收支总表: 支出总计 (row 2) ``total`` in its 合计 column."""
    return grid("2024年财政拨款收支预算总表",
                row("收入项目", "预算数", "支出项目", "合计", "一般公共预算", "政府性基金预算"),
                row("一、一般公共预算拨款收入", total, "一、一般公共服务支出", total, total, ""),
                row("收入总计", total, "支出总计", total, total, ""))


def general_budget(administration: str = "11.00", affairs: str = "4.00", *,
                   title: str = "2024年一般公共预算支出表", total_column: bool = True):
    """一般公共预算支出表: 合计 (r1), 201 (r2), 20103 (r3), 2010301 行政运行 (r4),
    2010302 一般行政管理事务 (r5)."""
    a, b = Decimal(administration), Decimal(affairs)
    lines = [("", "合计"), ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务")]
    rows = [(code, name, f"{a + b:.2f}", f"{a:.2f}", f"{b:.2f}") for code, name in lines]
    rows += [("2010301", "行政运行", administration, administration, ""),
             ("2010302", "一般行政管理事务", affairs, "", affairs)]
    if not total_column:
        return grid(title, row("科目编码", "科目名称", "基本支出", "项目支出"),
                    *(row(code, name, basic, project) for code, name, _, basic, project in rows))
    return grid(title, row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                *(row(*cells) for cells in rows))


GB = f"{F}:L1:general_budget_expenditure"
OFFICE = "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）"


def item(no: int, name: str, amount: str, prior: str, stated: str, change: str,
         reason: str = "：人员增加") -> str:
    """A 支出主要内容 item as the 说明 prints it."""
    return (f"{no}. “{OFFICE}{name}（项）”{amount}万元，主要用于{name}。2023年当年预算执行数为"
            f"{prior}万元，2024年预算安排{stated}万元，比2023年预算执行数{change}。主要原因是"
            f"{reason}。")


ITEM_1 = item(1, "行政运行", "11.00", "10.00", "11.00", "增加10.00%")
ITEM_2 = item(2, "一般行政管理事务", "4.00", "5.00", "4.00", "减少20.00%")
MARKER = "财政拨款支出主要内容如下："


def spending(tmp_path, *items: str, **tables):
    """The overview lists ``items`` (item i at line 102 + i − 1) beside the two tables."""
    return document(tmp_path, 2024, [OVERVIEW, MARKER, *items],
                    tables.get("fg", fiscal_grant()), tables.get("gb", general_budget()))


def test_spending_items_that_agree_with_the_tables_have_no_finding(tmp_path):
    """11.00 + 4.00 = 15.00; 10 → 11 is +10.00 %, 5 → 4 is −20.00 %."""
    doc = spending(tmp_path, ITEM_1, ITEM_2)
    for rule_id in ("T02", "T03", "T08", "Q02", "Q03", "Q06"):
        assert found(doc, rule_id) == [], rule_id


@pytest.mark.parametrize(("amount", "severity"), [
    ("11.01", "info"), ("10.99", "info"), ("11.02", "error"), ("12.00", "error"),
])
def test_t02_an_item_against_its_table_line(tmp_path, amount, severity):
    """行政运行 prints 11.00 in row 4; the item states ``amount`` (and restates it)."""
    text = item(1, "行政运行", amount, "10.00", amount, f"增加{amount[:2]}.00%")
    doc = spending(tmp_path, text, ITEM_2)
    printed = Decimal(amount) * W
    diff = printed - 11 * W
    note_zh = "（在四舍五入误差范围内）" if severity == "info" else ""
    note_en = " (within rounding)" if severity == "info" else ""
    assert found(doc, "T02") == [(
        severity, f"第1项“行政运行”金额与表格2010301不一致：应为 11.00 万元，列示 {amount} 万元，"
        f"差 {diff / W:.2f} 万元{note_zh}",
        f"item 1 amount != table line 2010301: expected 11.00, printed {amount} (万元), "
        f"difference {diff / W:.2f}{note_en}", 11 * W, printed, diff,
        f"{F}:L102:narrative; {GB}:r4:total")]


def test_t02_an_item_restated_otherwise_as_its_budget(tmp_path):
    """The item states 11.00 and then "2024年预算安排12.00万元": error, 12.00 against 11.00."""
    text = item(1, "行政运行", "11.00", "10.00", "12.00", "增加10.00%")
    doc = spending(tmp_path, text, ITEM_2)
    assert found(doc, "T02") == [(
        "error", "第1项“行政运行”：预算安排数与该项金额不一致：应为 11.00 万元，列示 12.00 万元，"
        "差 1.00 万元",
        "item 1: the amount restated as 预算安排 differs from the item's amount: expected "
        "11.00, printed 12.00 (万元), difference 1.00", 11 * W, 12 * W, W,
        f"{F}:L102:narrative")]


def test_t02_an_item_whose_line_the_table_lacks(tmp_path):
    text = ("1. “教育支出（类）普通教育（款）小学教育（项）”11.00万元，主要用于小学教育。")
    doc = spending(tmp_path, text, ITEM_2)
    assert found(doc, "T02") == [(
        "warning", "第1项“教育支出（类）普通教育（款）小学教育（项）”"
                   "在一般公共预算支出表中找不到对应科目",
        "item 1 教育支出（类）普通教育（款）小学教育（项）: no such line in "
        "general_budget_expenditure", None, 11 * W, None, f"{F}:L102:narrative")]


def test_t02_an_item_whose_names_cannot_be_split_is_not_compared(tmp_path):
    doc = spending(tmp_path, "1. “行政运行”11.00万元，主要用于行政运行。", ITEM_2)
    assert found(doc, "T02") == [(
        "info", "第1项“行政运行”：未能读出其类、款、项名称，未与表格核对",
        "item 1 行政运行: its class, section and item names could not be read; not compared "
        "with the table", None, 11 * W, None, f"{F}:L102:narrative")]


def test_t02_a_table_without_its_total_column_is_not_compared(tmp_path):
    """No 合计 column: one info at the table; the restatement (12 ≠ 11) is still checked."""
    text = item(1, "行政运行", "11.00", "10.00", "12.00", "增加10.00%")
    doc = spending(tmp_path, text, ITEM_2, gb=general_budget(total_column=False))
    assert [f[0] for f in found(doc, "T02")] == ["error", "info"]
    assert found(doc, "T02")[1] == (
        "info", "一般公共预算支出表未读到合计列：支出主要内容各项未与表格核对",
        "general_budget_expenditure: no total column was read; the listed items were not "
        "compared with it", None, None, None, GB)


def test_t02_items_are_compared_with_the_general_budget_table_first(tmp_path):
    """支出总表 prints 行政运行 12.00, 一般公共预算支出表 11.00: the item (11.00) agrees with
    the latter, which the rule reads first."""
    other = general_budget("12.00", title="2024年部门支出预算总表")
    doc = document(tmp_path, 2024, [OVERVIEW, MARKER, ITEM_1, ITEM_2], fiscal_grant(),
                   other, general_budget())
    assert found(doc, "T02") == []


@pytest.mark.parametrize(("affairs", "severity"), [
    ("4.01", "info"), ("4.015", "info"), ("4.016", "error"), ("3.985", "info"),
    ("3.984", "error"),
])
def test_t03_items_against_the_appropriation_total(tmp_path, affairs, severity):
    """11.00 + ``affairs`` against 支出总计 15.00: two items to 0.01 万元 explain
    (2 + 1) × 100 / 2 = 150 元."""
    text = item(2, "一般行政管理事务", affairs, "5.00", affairs, "减少20%")
    doc = spending(tmp_path, ITEM_1, text)
    listed = 11 * W + Decimal(affairs) * W
    diff = listed - 15 * W
    note_zh = "（在四舍五入误差范围内）" if severity == "info" else ""
    note_en = " (within rounding)" if severity == "info" else ""
    assert found(doc, "T03") == [(
        severity, f"财政拨款支出主要内容2项合计与财政拨款支出总计不一致：应为 15.00 万元，列示 "
        f"{_wan(listed)} 万元，差 {_wan(diff)} 万元{note_zh}",
        f"the 2 listed items do not add up to the appropriation total: expected 15.00, "
        f"printed {_wan(listed)} (万元), difference {_wan(diff)}{note_en}", 15 * W, listed, diff,
        f"{F}:L102:narrative; {F}:L1:fiscal_grant_summary:r2:total")]


@pytest.mark.parametrize(("stated", "fires"), [
    ("10.11", False), ("10.12", True), ("9.90", False), ("9.89", True), ("10", False),
    ("11", True),
])
def test_t08_a_stated_percent_at_the_bounds_its_rounded_figures_allow(tmp_path, stated,
                                                                      fires):
    """10.00 → 11.00 万元, each ± 50 元: the rate lies in [9900/100050, 10100/99950] =
    [9.89505 %, 10.10505 %], widened by half the stated digit (0.005 % or 0.5 %)."""
    doc = spending(tmp_path, item(1, "行政运行", "11.00", "10.00", "11.00", f"增加{stated}%"),
                   ITEM_2)
    assert found(doc, "T08") == ([(
        "error", f"第1项“行政运行”：文字称增加{stated}%，按所列金额10.00→11.00万元应为10.00%",
        f"item 1: stated {stated}%, the amounts give 10.00%", None, None, None,
        f"{F}:L102:narrative")] if fires else [])


@pytest.mark.parametrize(("stated", "fires"), [
    ("减少20.18%", False), ("减少19.82%", False), ("减少20.20%", True), ("减少25%", True),
])
def test_t08_a_decrease_is_compared_as_a_negative_change(tmp_path, stated, fires):
    """5.00 → 4.00 万元: −20 %, in [(39950 − 50050) / 50050, (40050 − 49950) / 49950] =
    [−20.1798 %, −19.8198 %]."""
    doc = spending(tmp_path, ITEM_1,
                   item(2, "一般行政管理事务", "4.00", "5.00", "4.00", stated))
    percent = stated[2:]
    assert found(doc, "T08") == ([(
        "error", f"第2项“一般行政管理事务”：文字称减少{percent}，按所列金额5.00→4.00万元应为20.00%",
        f"item 2: stated {percent}, the amounts give -20.00%", None, None, None,
        f"{F}:L103:narrative")] if fires else [])


@pytest.mark.parametrize(("prior", "change", "actual_zh", "actual_en", "said_zh", "said_en"), [
    ("5.00", "增加20.00%", "减少", "decrease", "增加", "increase"),
    ("5.00", "持平", "减少", "decrease", "持平", "flat"),
    ("4.00", "减少20.00%", "持平", "flat", "减少", "decrease"),
    ("3.00", "减少25.00%", "增加", "increase", "减少", "decrease"),
])
def test_t08_a_direction_the_amounts_contradict(tmp_path, prior, change, actual_zh, actual_en,
                                                said_zh, said_en):
    """The item goes from ``prior`` to 4.00 万元."""
    doc = spending(tmp_path, ITEM_1, item(2, "一般行政管理事务", "4.00", prior, "4.00", change))
    p = Decimal(prior) * W
    assert found(doc, "T08") == [(
        "error", f"第2项“一般行政管理事务”：由{prior}万元到4.00万元应为{actual_zh}，"
                 f"文字称{said_zh}",
        f"item 2: {prior} → 4.00 is {actual_en}, the text says {said_en}", p, 4 * W, 4 * W - p,
        f"{F}:L103:narrative")]


def test_t08_no_percent_from_a_prior_of_zero_or_a_flat_item(tmp_path):
    """0 → 4.00 "增加100%" has no rate to compare; 4.00 → 4.00 "持平" is right."""
    doc = spending(tmp_path, ITEM_1,
                   item(2, "一般行政管理事务", "4.00", "0.00", "4.00", "增加100.00%"))
    assert found(doc, "T08") == []
    doc = spending(tmp_path, ITEM_1, item(2, "一般行政管理事务", "4.00", "4.00", "4.00", "持平"))
    assert found(doc, "T08") == []


def test_q02_an_item_that_repeats_the_figures_of_the_one_before(tmp_path):
    """Item 2 (4.00 万元) restates item 1's "预算安排11.00万元" and "10.00%"."""
    copied = item(2, "一般行政管理事务", "4.00", "5.00", "11.00", "增加10.00%")
    doc = spending(tmp_path, ITEM_1, copied)
    assert found(doc, "Q02") == [(
        "warning", "第2项重复了第1项的“预算安排11.00万元、10.00%”，而其本身金额为4.00万元",
        "item 2 repeats item 1's stated figures", 4 * W, 11 * W, 7 * W,
        f"{F}:L103:narrative; {F}:L102:narrative")]
    assert groups(doc, "Q02") == {"text_quality"}


@pytest.mark.parametrize("second", [
    item(2, "一般行政管理事务", "4.00", "5.00", "11.00", "增加9.00%"),    # same amount only
    item(2, "一般行政管理事务", "4.00", "5.00", "4.00", "增加10.00%"),    # same percent only
    item(2, "一般行政管理事务", "11.00", "10.00", "11.00", "增加10.00%"),  # same item amount
])
def test_q02_figures_repeated_in_part_are_no_copy(tmp_path, second):
    assert found(spending(tmp_path, ITEM_1, second), "Q02") == []


def test_q03_an_item_whose_reason_is_empty(tmp_path):
    doc = spending(tmp_path, ITEM_1, item(2, "一般行政管理事务", "4.00", "5.00", "4.00",
                                          "减少20.00%", reason=""))
    name = f"{OFFICE}一般行政管理事务（项）"
    assert found(doc, "Q03") == [(
        "warning", f"“{name}”的“主要原因是”后为空",
        f"{name}: the reason after 主要原因是 is empty", None, None, None,
        f"{F}:L103:narrative")]


# ---- Q01 / Q03: a zero that "increased", an empty reason -------------------------------------

def test_q01_a_zero_amount_stated_to_have_increased(tmp_path):
    doc = document(tmp_path, 2024, [
        OVERVIEW, "政府性基金拨款支出预算0.00万元，比2023年预算增加5.00万元。"], summary())
    assert found(doc, "Q01") == [(
        "error", "“政府性基金拨款支出预算”为0万元，却称比2023年增加5.00万元（疑为复制粘贴）",
        "gov_fund_expenditure is 0 yet stated to have increased by 5.00 (likely copy-paste)",
        None, 5 * W, None, f"{F}:L101:narrative")]
    assert groups(doc, "Q01") == {"text_quality"}


@pytest.mark.parametrize("sentence", [
    "政府性基金拨款支出预算0.00万元，比2023年预算持平。",
    "政府性基金拨款支出预算0.00万元，比2023年预算减少5.00万元。",
    "政府性基金拨款支出预算0.00万元，比2023年预算增加0.00万元。",
    "政府性基金拨款支出预算1.00万元，比2023年预算增加5.00万元。",
])
def test_q01_no_finding_unless_zero_and_a_positive_increase(tmp_path, sentence):
    assert found(document(tmp_path, 2024, [OVERVIEW, sentence], summary()), "Q01") == []


def test_q03_a_stated_figure_whose_reason_is_empty(tmp_path):
    """收入预算 states "主要原因是。"; 支出预算's reason is given; 事业收入 gives none at all."""
    doc = document(tmp_path, 2024, [
        OVERVIEW, "收入预算15.00万元，比2023年预算增加3.00万元，主要原因是。",
        "支出预算15.00万元，比2023年预算增加3.00万元，主要原因是人员增加。",
        "事业收入0.00万元，比2023年预算持平。"], summary())
    assert found(doc, "Q03") == [(
        "warning", "“收入预算”的“主要原因是”后为空",
        "income_total: the reason after 主要原因是 is empty", None, None, None,
        f"{F}:L101:narrative")]


# ---- Q04: template placeholders ------------------------------------------------------------

def test_q04_placeholders_in_a_table_and_in_the_text(tmp_path):
    """A 政府采购 cell printed "XX" (row 3, 金额) and "承办XX交办的其他事项" under 部门职责."""
    table = grid("2024年政府采购预算表", row("序号", "采购项目", "采购品目", "数量", "金额"),
                 row("", "合计", "", "", "30.00"),
                 row("1", "办公设备", "台式计算机", "10", "30.00"),
                 row("2", "物业服务", "物业管理服务", "1", "XX"))
    doc = document(tmp_path, 2024, [Heading("一、部门职责"), "承办XX交办的其他事项。"], table)
    assert found(doc, "Q04") == [
        ("error", "表格中有占位符“XX”", "placeholder 'XX' in a table", None, None, None,
         f"{F}:procurement:r3:total"),
        ("error", "“一、部门职责”中有占位符“XX”", "placeholder 'XX' in section duties", None,
         None, None, f"{F}:L100:narrative"),
    ]


def test_q04_text_without_a_placeholder(tmp_path):
    doc = document(tmp_path, 2024, [Heading("一、部门职责"), "承办区政府交办的其他事项（X光机）。"],
                   PROCUREMENT)
    assert found(doc, "Q04") == []


# ---- Q05: paragraphs repeated --------------------------------------------------------------

SAME = "本部门负责示例事务的统筹协调和监督管理工作，承办区政府交办的其他事项。"


def test_q05_a_paragraph_repeated_in_one_section(tmp_path):
    doc = document(tmp_path, 2024, [Heading("一、部门职责"), SAME, SAME], PROCUREMENT)
    assert found(doc, "Q05") == [(
        "warning", f"段落重复：“{SAME[:40]}…”", "duplicated paragraph: paragraph repeats the "
        "one at line 101", None, None, None, f"{F}:L102:narrative")]
    assert groups(doc, "Q05") == {"text_quality"}


def test_q05_a_paragraph_printed_by_page(tmp_path):
    """PDF paragraphs carry a page, no line: the repeat is located by its page."""
    doc = document(tmp_path, 2024, [Heading("一、部门职责", page=3), Paragraph(SAME, page=3),
                                    Paragraph(SAME, page=4)], PROCUREMENT)
    assert found(doc, "Q05") == [(
        "warning", f"段落重复：“{SAME[:40]}…”", "duplicated paragraph: paragraph repeats the "
        "one at page 3", None, None, None, f"{F}:p4:narrative")]


@pytest.mark.parametrize("by", ["line", "page"])
def test_q05_the_same_statement_under_two_top_headings_is_no_copy(tmp_path, by):
    """江苏 states 人员经费 alike under two sections; a third time under the second is a copy."""
    def at(text: str, n: int):
        return Paragraph(text, line=200 + n) if by == "line" else Paragraph(text, page=n)

    doc = document(tmp_path, 2024, [
        at("六、财政拨款基本支出预算情况说明", 1), at(SAME, 2),
        at("八、一般公共预算基本支出预算情况说明", 3), at(SAME, 4), at(SAME, 5)], PROCUREMENT)
    where = f"{F}:L205:narrative" if by == "line" else f"{F}:p5:narrative"
    first = "line 202" if by == "line" else "page 2"
    assert found(doc, "Q05") == [(
        "warning", f"段落重复：“{SAME[:40]}…”", f"duplicated paragraph: paragraph repeats the "
        f"one at {first}", None, None, None, where)]


@pytest.mark.parametrize("text", [
    "一、部门预算安排的总体情况说明及其他有关事项的情况",          # a heading the 目录 repeats
    "2024年本部门当年一般公共预算支出1899.90万元，其中：",        # a lead-in to a list
])
def test_q05_a_heading_or_a_lead_in_repeated_is_no_copy(tmp_path, text):
    doc = document(tmp_path, 2024, [text, "工资福利支出478.83万元。", text, "办公费1.00万元。"],
                   PROCUREMENT)
    assert found(doc, "Q05") == []


def test_q05_a_repeated_top_heading_with_a_colon_is_reported(tmp_path):
    """"六、说明：…" reads as a top heading (no 。，；) but not as a bare title (it has a
    colon): no section is its own, and the repeat is reported."""
    text = "六、说明：财政拨款基本支出预算情况说明如下文所列各项"
    doc = document(tmp_path, 2024, [text, text], PROCUREMENT)
    assert found(doc, "Q05") == [(
        "warning", f"段落重复：“{text}…”", "duplicated paragraph: paragraph repeats the one "
        "at line 100", None, None, None, f"{F}:L101:narrative")]


# ---- Q06 / Q07 / Q08: names and units ------------------------------------------------------

def test_q06_a_class_printed_under_a_former_name(tmp_path):
    """Table row 2 prints 210 as 医疗卫生与计划生育支出; item 1 names it so too."""
    table = grid("2024年一般公共预算支出表", row("科目编码", "科目名称", "合计"),
                 row("", "合计", "5.00"), row("210", "医疗卫生与计划生育支出", "5.00"),
                 row("21011", "行政事业单位医疗", "5.00"), row("2101101", "行政单位医疗", "5.00"))
    text = "1. “医疗卫生与计划生育支出（类）行政事业单位医疗（款）行政单位医疗（项）”5.00万元。"
    doc = document(tmp_path, 2024, [OVERVIEW, MARKER, text], table)
    assert found(doc, "Q06") == [
        ("warning", "一般公共预算支出表：210类名称“医疗卫生与计划生育支出”"
                    "不是现行名称“卫生健康支出”",
         "general_budget_expenditure: class 210 printed as '医疗卫生与计划生育支出', current "
         "name '卫生健康支出'", None, None, None, f"{F}:general_budget_expenditure:r2"),
        ("warning", "第1项类名称“医疗卫生与计划生育支出”不是现行名称“卫生健康支出”",
         "item 1: class printed as '医疗卫生与计划生育支出'", None, None, None,
         f"{F}:L102:narrative"),
    ]
    assert groups(doc, "Q06") == {"text_quality"}


def test_q06_numbering_spaces_and_brackets_are_not_part_of_a_name(tmp_path):
    table = grid("2024年一般公共预算支出表", row("科目编码", "科目名称", "合计"),
                 row("", "合计", "5.00"), row("210", "一、卫生 健康（支出）", "5.00"))
    assert found(document(tmp_path, 2024, [], table), "Q06") == []


def economic(*lines):
    return grid("2024年一般公共预算基本支出表",
                row("科目编码", "科目名称", "合计", "人员经费", "公用经费"), *lines)


def test_q07_economic_codes_against_their_standard_names(tmp_path):
    """30201 printed 印刷费 (standard: 办公费); 30250 is no standard code; 3020101 and 302011
    are regional items of 30201; 30299 prints no amount."""
    doc = document(tmp_path, 2024, [], economic(
        row("", "合计", "13.00", "10.00", "3.00"),
        row("301", "工资福利支出", "10.00", "10.00", ""),
        row("30101", "基本工资", "10.00", "10.00", ""),
        row("302", "商品和服务支出", "3.00", "", "3.00"),
        row("30201", "印刷费", "1.00", "", "1.00"),
        row("3020101", "办公用品", "1.00", "", "1.00"),
        row("302011", "打印耗材", "1.00", "", "1.00"),
        row("30250", "某费", "2.00", "", "2.00"),
        row("30299", "其他费用", "", "", "")))
    eco = f"{F}:L1:general_budget_basic_expenditure"
    assert found(doc, "Q07") == [
        ("warning", "经济分类30201印为“印刷费”，标准名称为“办公费”",
         "economic code 30201 printed as '印刷费', standard name '办公费'", None, None, None,
         f"{eco}:r5:total"),
        ("warning", "经济分类编码30250（某费）不是标准科目", "economic code 30250 (某费) is not "
         "standard", None, None, None, f"{eco}:r8:total"),
    ]


def test_q08_procurement_units_that_are_currencies(tmp_path):
    table = grid("2024年政府采购预算表",
                 row("序号", "采购项目", "采购品目", "计量单位", "数量", "金额"),
                 row("", "合计", "", "", "", "30.00"),
                 row("1", "办公设备", "台式计算机", " 万元 ", "10", "12.00"),
                 row("2", "物业服务", "物业管理服务", "元", "1", "10.00"),
                 row("3", "印刷", "印刷服务", "批", "1", "8.00"),
                 row("4", "维修", "维修服务", "万元以内", "1", "0"))
    doc = document(tmp_path, 2024, [], table)
    assert found(doc, "Q08") == [(
        "warning", "政府采购表2行的计量单位为“万元”（货币单位，不是计量单位）",
        "2 procurement rows give a currency as their unit of measure", None, None, None,
        f"{F}:procurement:r2:measure_unit; {F}:procurement:r3:measure_unit")]
    assert found(document(tmp_path, 2024, [], PROCUREMENT), "Q08") == []   # no such column
    units = grid("2024年政府采购预算表",
                 row("序号", "采购项目", "采购品目", "计量单位", "数量", "金额"),
                 row("", "合计", "", "", "", "12.00"),
                 row("1", "办公设备", "台式计算机", "台", "10", "12.00"))
    assert found(document(tmp_path, 2024, [], units), "Q08") == []


# ---- F01–F04: final accounts (决算) ---------------------------------------------------------

def final_summary(income_total: str = "13.00", expenditure_total: str = "13.00", *,
                  balance: bool = True, title: str = "2024年度收入支出决算总表"):
    """决算 收支总表: 本年 10.00 | 9.00 (r2), 使用非财政拨款结余 1.00 | 结余分配 0.50 (r3),
    年初结转和结余 2.00 | 年末结转和结余 3.50 (r4), 总计 (r5): 10 + 1 + 2 = 13 = 9 + 0.5 + 3.5."""
    lines = [row("一、一般公共预算财政拨款收入", "10.00", "一、一般公共服务支出", "9.00"),
             row("本年收入合计", "10.00", "本年支出合计", "9.00")]
    if balance:
        lines.append(row("使用非财政拨款结余", "1.00", "结余分配", "0.50"))
    lines += [row("年初结转和结余", "2.00", "年末结转和结余", "3.50"),
              row("收入总计", income_total, "支出总计", expenditure_total)]
    return grid(title, row("收入项目", "决算数", "支出项目", "决算数"), *lines)


def final(tmp_path, texts: list, *grids):
    doc = document(tmp_path, 2024, texts, *grids, stage="决算")
    assert doc.meta.stage == "final"
    return doc


IES = f"{F}:L1:income_expenditure_summary"


def test_f01_a_final_summary_that_balances(tmp_path):
    doc = final(tmp_path, [], final_summary())
    assert found(doc, "F01") == []
    assert groups(document(tmp_path, 2024, [], final_summary(), stage="决算"), "F01") == set()


@pytest.mark.parametrize(("printed", "severity"), [
    ("13.02", "info"), ("12.98", "info"), ("13.03", "error"), ("14.00", "error"),
])
def test_f01_income_total_against_its_three_lines(tmp_path, printed, severity):
    """10.00 + 1.00 + 2.00 = 13.00; four figures to 0.01 万元 explain 4 × 50 = 200 元."""
    doc = final(tmp_path, [], final_summary(income_total=printed))
    total = Decimal(printed) * W
    diff = total - 13 * W
    note_zh = "（在四舍五入误差范围内）" if severity == "info" else ""
    note_en = " (within rounding)" if severity == "info" else ""
    assert found(doc, "F01") == [(
        severity, f"收支总表：收入总计 ≠ 本年收入合计 + 使用非财政拨款结余 + "
                  f"年初结转和结余：应为 13.00 "
        f"万元，列示 {printed} 万元，差 {diff / W:.2f} 万元{note_zh}",
        "income_expenditure_summary: income total != income_subtotal + use_nongrant_balance + "
        f"carryover: expected 13.00, printed {printed} (万元), difference {diff / W:.2f}{note_en}",
        13 * W, total, diff, f"{IES}:r5:income; {IES}:r2:income; {IES}:r3:income; "
        f"{IES}:r4:income")]


@pytest.mark.parametrize(("printed", "severity"), [
    ("12.51", "info"), ("12.49", "info"), ("12.52", "error"),
])
def test_f01_expenditure_total_without_the_balance_lines(tmp_path, printed, severity):
    """No 使用非财政拨款结余 / 结余分配 rows: 9.00 + 3.50 = 12.50 on the expenditure side;
    three figures to 0.01 万元 explain 150 元 (not the 200 of four). Income: 10 + 2 = 12."""
    doc = final(tmp_path, [], final_summary("12.00", printed, balance=False))
    total = Decimal(printed) * W
    assert found(doc, "F01") == [(
        severity, f"收支总表：支出总计 ≠ 本年支出合计 + 年末结转和结余：应为 12.50 万元，列示 "
        f"{_wan(total)} 万元，差 {_wan(total - 125000)} 万元"
        + ("（在四舍五入误差范围内）" if severity == "info" else ""),
        "income_expenditure_summary: expenditure total != expenditure_subtotal + "
        f"year_end_carryover: expected 12.50, printed {_wan(total)} (万元), difference "
        f"{_wan(total - 125000)}" + (" (within rounding)" if severity == "info" else ""),
        Decimal(125000), total, total - 125000,
        f"{IES}:r4:expenditure; {IES}:r2:expenditure; {IES}:r3:expenditure")]


def test_f01_a_side_without_its_current_year_line_is_not_compared(tmp_path):
    table = grid("2024年度收入支出决算总表", row("收入项目", "决算数", "支出项目", "决算数"),
                 row("一、一般公共预算财政拨款收入", "10.00", "一、一般公共服务支出", "9.00"),
                 row("年初结转和结余", "2.00", "年末结转和结余", "3.50"),
                 row("收入总计", "14.00", "支出总计", "14.00"))
    assert found(final(tmp_path, [], table), "F01") == []


def final_three_public(abroad: str = "7.00", vehicle: str = "8.00"):
    """决算 三公 by item columns: 预算 | 决算 of 合计 20 | 20, 出国 5 | ``abroad``,
    车辆 10 | ``vehicle``, 接待 5 | 5."""
    total = f"{Decimal(abroad) + Decimal(vehicle) + 5:.2f}"
    return grid("2024年度“三公”经费支出决算表",
                row("合计", "合计", "因公出国（境）费", "因公出国（境）费", "公务用车购置及运行费",
                    "公务用车购置及运行费", "公务接待费", "公务接待费"),
                row("预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数"),
                row("20.00", total, "5.00", abroad, "10.00", vehicle, "5.00", "5.00"),
                header_rows=2)


TP_HEADING = Heading("四、“三公”经费支出决算情况说明")
ABROAD_REASON = "因公出国（境）费支出决算数大于预算数的主要原因是出访任务增加。"


def test_f02_an_item_spent_otherwise_than_budgeted_without_a_reason(tmp_path):
    """出国 5 → 7 has its reason; 车辆 10 → 8 has none; the 合计 (20 → 20) is as budgeted."""
    doc = final(tmp_path, [TP_HEADING, ABROAD_REASON], final_summary(), final_three_public())
    assert found(doc, "F02") == [(
        "warning", "“三公”经费“公务用车购置及运行费”决算数 8.00 万元与预算数 10.00 万元不同，"
        "说明中未见原因",
        "三公 vehicle: spent 8.00 against a budget of 10.00 (万元), and the text gives no "
        "reason", 10 * W, 8 * W, -2 * W, f"{F}:L1:three_public")]
    assert groups(doc, "F02") == {"text_vs_table"}


def test_f02_a_reason_for_the_whole_three_public_covers_each_item(tmp_path):
    text = "“三公”经费支出决算数与预算数不同的主要原因是厉行节约。"
    doc = final(tmp_path, [TP_HEADING, text], final_summary(), final_three_public())
    assert found(doc, "F02") == []


def test_f02_a_three_public_table_of_item_rows_in_a_final_account(tmp_path):
    """项目 | 预算数 | 决算数 one row per item: 预算数 is the budget, 决算数 the outturn (it was
    read the other way round, with 决算数 kept as text)."""
    table = grid("2024年度“三公”经费支出决算表", row("项目", "预算数", "决算数"),
                 row("合计", "20.00", "20.00"), row("因公出国（境）费", "5.00", "7.00"),
                 row("公务用车购置及运行费", "10.00", "8.00"), row("公务接待费", "5.00", "5.00"))
    doc = final(tmp_path, [TP_HEADING, ABROAD_REASON], final_summary(), table)
    assert [f[:1] + f[3:6] for f in found(doc, "F02")] == [("warning", 10 * W, 8 * W, -2 * W)]


def rate_findings(doc) -> list[tuple]:
    """F03's findings without their locations (see the xfail test below)."""
    return [f[:6] for f in found(doc, "F03")]


@pytest.mark.parametrize(("rate", "severity"), [
    ("80.09", None), ("79.91", None), ("80.10", "info"), ("80.11", "error"),
    ("79.90", "error"), ("80", None), ("81", "info"), ("82", "error"),
])
def test_f03_a_rate_against_the_three_public_budget(tmp_path, rate, severity):
    """8.00 ÷ 10.00 (三公 table) = 80 %; rounded figures allow [79950 / 100050, 80050 / 99950]
    = [79.91004 %, 80.09005 %]: half a stated digit more is silent, a whole digit info."""
    text = f"公务用车购置及运行费支出决算为8.00万元，完成预算的{rate}%。"
    doc = final(tmp_path, [TP_HEADING, ABROAD_REASON, text], final_summary(),
                final_three_public())
    computed = "80.00" if "." in rate else "80"
    assert rate_findings(doc) == ([(
        severity, f"“公务用车购置及运行费支出决算为8.00万元，完成预算的{rate}%”："
                  f"执行率应为 {computed}%"
        f"（决算 8.00 万元 ÷ 预算 10.00 万元），文字为 {rate}%",
        f"stated execution rate {rate}% but 8.00 / 10.00 (万元) is {computed}%", None, None,
        None)] if severity else [])
    assert groups(doc, "F03") <= {"text_vs_table"}
    for where in (f[6] for f in found(doc, "F03")):
        # the sentence, then a 预算数 cell of the 三公 table (which one: see the xfail below)
        sentence, budget = where.split("; ")
        assert sentence.startswith(f"{F}:L100") and sentence.endswith(":narrative")
        assert budget.startswith(f"{F}:L1:three_public:r1:") and budget.endswith("@budget")


def test_f03_a_rate_against_the_budget_its_own_clause_states(tmp_path):
    """预算 5.00, 决算 4.00 stated in the clause: 80 %, stated 90 %."""
    text = "因公出国（境）费预算为5.00万元，支出决算为4.00万元，完成预算的90%。"
    doc = final(tmp_path, [TP_HEADING, text], final_summary(), final_three_public())
    assert rate_findings(doc) == [(
        "error", "“因公出国（境）费预算为5.00万元，支出决算为4.00万元，完成预算的90%”："
                 "执行率应为 80%"
        "（决算 4.00 万元 ÷ 预算 5.00 万元），文字为 90%",
        "stated execution rate 90% but 4.00 / 5.00 (万元) is 80%", None, None, None)]
    # the budget is the clause's own: the sentence is the only location
    assert [len(f[6].split("; ")) for f in found(doc, "F03")] == [1]


@pytest.mark.parametrize("text", [
    "因公出国（境）费预算为0.00万元，支出决算为0.00万元，完成预算的0%。",   # no budget to divide
    "支出决算为4.00万元，完成预算的90%。",                                   # names no item
    "公务用车购置及运行费支出决算为8.00万元。",                              # states no rate
])
def test_f03_a_rate_with_nothing_to_compare_it_with(tmp_path, text):
    doc = final(tmp_path, [TP_HEADING, text], final_summary(), final_three_public())
    assert found(doc, "F03") == []


def test_f03_an_item_rate_without_a_three_public_budget_to_compare_with(tmp_path):
    """出国 80 % stated with no budget in its clause: no 三公 table at all, or one that
    prints no 预算数 column (a 决算 三公 table of 决算数 only)."""
    text = "因公出国（境）费支出决算为4.00万元，完成预算的80%。"
    assert found(final(tmp_path, [TP_HEADING, text], final_summary()), "F03") == []
    outturn_only = grid("2024年度“三公”经费支出决算表", row("项目", "决算数"),
                        row("合计", "18.00"), row("因公出国（境）费", "4.00"),
                        row("公务用车购置及运行费", "9.00"), row("公务接待费", "5.00"))
    doc = final(tmp_path, [TP_HEADING, text], final_summary(), outturn_only)
    assert "budget" not in doc.tables["three_public"].frame.columns
    assert found(doc, "F03") == []


def test_f03_locations_name_the_sentence_and_the_items_budget_cell(tmp_path):
    """The sentence at L100 (not L100.0), and the item's own budget cell in a 三公 table of
    item columns (not the 合计's, r1:total@budget)."""
    text = "公务用车购置及运行费支出决算为8.00万元，完成预算的82%。"
    doc = final(tmp_path, [TP_HEADING, text], final_summary(), final_three_public())
    assert [f[6] for f in found(doc, "F03")] == [
        f"{F}:L100:narrative; {F}:L1:three_public:r1:vehicle@budget"]


def self_evaluation(rate: str, spent: str = "9.00", budget: str = "12.00"):
    return grid("信访干部培训专项项目绩效自评表",
                row("项目名称", "信访干部培训专项"),
                row("", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
                row("年度资金总额", "", "10.00", budget, spent, "10", rate, "7.5"),
                row("总分", "", "", "", "", "100", "", "90"), header_rows=0)


@pytest.mark.parametrize(("rate", "severity"), [
    ("75.00%", None), ("75.07%", None), ("74.93%", None), ("75.08%", "info"),
    ("74.92%", "info"), ("75.09%", "error"), ("74.91%", "error"), ("76%", "info"),
    ("77%", "error"),
])
def test_f04_a_self_evaluation_rate_against_its_own_figures(tmp_path, rate, severity):
    """9.00 ÷ 12.00 = 75 %; rounded figures allow [89950 / 120050, 90050 / 119950] =
    [74.92711 %, 75.07295 %]: half a printed digit more is silent, a whole digit info."""
    doc = final(tmp_path, [], final_summary(), self_evaluation(rate))
    computed = "75.00" if "." in rate else "75"
    pe = f"{F}:L1:performance_evaluation:r3"
    assert found(doc, "F04") == ([(
        severity, f"绩效自评表“信访干部培训专项”：执行率应为 {computed}%（全年执行数 9.00 万元 ÷ "
        f"全年预算数 12.00 万元），表列 {rate}",
        f"self-evaluation 信访干部培训专项: execution rate {rate} but 9.00 / 12.00 (万元) is "
        f"{computed}%", None, None, None, f"{pe}:executed; {pe}:budget_full")]
        if severity else [])


@pytest.mark.parametrize(("rate", "spent", "budget"), [
    ("0%", "0", "0"),        # no budget: no rate
    ("", "9.00", "12.00"),    # no printed rate
])
def test_f04_a_form_without_a_rate_to_check(tmp_path, rate, spent, budget):
    doc = final(tmp_path, [], final_summary(), self_evaluation(rate, spent, budget))
    assert found(doc, "F04") == []


# ---- C01 and the completeness checklist ----------------------------------------------------

def test_c01_items_missing_and_never_mentioned(tmp_path):
    """Only a 政府采购 table and nothing said: seven items of the checklist are missing."""
    doc = document(tmp_path, 2024, [], PROCUREMENT)
    assert found(doc, "C01") == [
        ("warning", f"未公开或未找到：{zh}", f"missing or not found: {en}", None, None, None, F)
        for zh, en in [("“三公”经费安排及增减原因", "三公 costs with the reasons for changes"),
                       ("机关运行经费", "administrative operating costs"),
                       ("国有资产占用", "state-owned assets"),
                       ("绩效目标", "performance targets"), ("名词解释", "glossary"),
                       ("部门职责", "duties"), ("机构设置", "institutions")]]
    assert groups(doc, "C01") == {"completeness"}


def test_c01_an_item_the_text_mentions_is_not_proven_missing(tmp_path):
    """"部门 职责" (spaced) in a paragraph; "机构" ending a heading and "设置" opening the next
    paragraph: both mentioned, neither a section of its own."""
    doc = document(tmp_path, 2024, ["本局 部门 职责 见 附件。", Heading("九、部门机构"),
                                    "设置情况见附件。"], PROCUREMENT)
    got = {f[1]: f for f in found(doc, "C01") if f[0] == "info"}
    assert sorted(got.values()) == [
        ("info", "未识别出“机构设置”部分，但文件提到“机构设置”，未能核实是否公开",
         "no institutions section recognised, but the document mentions '机构设置': not verified",
         None, None, None, F),
        ("info", "未识别出“部门职责”部分，但文件提到“职责”，未能核实是否公开",
         "no duties section recognised, but the document mentions '职责': not verified",
         None, None, None, F),
    ]


def checklist(doc) -> dict[str, bool]:
    from helpers.checks import completeness
    frame = completeness(doc)
    assert frame.columns.tolist() == ["item", "item_zh", "item_en", "is_present"]
    return dict(zip(frame.item, frame.is_present, strict=True))


@pytest.mark.parametrize(("texts", "present"), [
    ([], False),                                                          # not stated
    (["“三公”经费预算35.00万元。"], True),                                  # stated, unchanged
    (["“三公”经费预算35.00万元，比2023年预算减少1.00万元。"], False),        # changed, no reason
    (["“三公”经费预算35.00万元，比2023年预算减少1.00万元，主要原因是。"], False),  # empty one
    (["“三公”经费预算35.00万元，比2023年预算减少1.00万元，主要原因是压减。"], True),
    (["公务接待费10.00万元。"], False),                                     # an item, no total
])
def test_three_public_is_disclosed_with_its_total_and_the_reasons_for_changes(tmp_path, texts,
                                                                              present):
    doc = document(tmp_path, 2024, [THREE_PUBLIC, *texts], hebei_three_public())
    assert checklist(doc)["three_public"] is present


def test_the_checklist_of_a_document_with_its_sections(tmp_path):
    """Tables: 三公 and 政府采购; sections: 机关运行经费 (a figure), 国有资产, 绩效, 名词解释,
    部门职责, and a heading naming 机构设置."""
    doc = document(tmp_path, 2024, [
        ADMIN, "机关运行经费安排支出80.00万元。", Heading("七、国有资产占用情况"),
        "本部门共有车辆1辆。",
        Heading("五、预算绩效信息"), "本部门编报绩效目标的项目1个。", Heading("八、名词解释"),
        "基本支出：指为保障机构正常运转的支出。", Heading("一、部门职责"), "负责示例事务。",
        Heading("二、机构设置情况")], hebei_three_public(), PROCUREMENT)
    got = checklist(doc)
    tables = {key: value for key, value in got.items() if key.startswith("table:")}
    assert tables["table:three_public"] is True
    assert tables["table:income_expenditure_summary"] is False
    assert {key: value for key, value in got.items() if not key.startswith("table:")} == {
        "three_public": False, "admin_operating": True, "procurement": True, "assets": True,
        "performance": True, "glossary": True, "duties": True, "institutions": True}
    assert [f[1] for f in found(doc, "C01")] == ["未公开或未找到：“三公”经费安排及增减原因"]


def test_an_empty_section_is_no_section(tmp_path):
    doc = document(tmp_path, 2024, [Heading("八、名词解释"), Heading("一、部门职责"), "  "],
                   PROCUREMENT)
    got = checklist(doc)
    assert (got["glossary"], got["duties"]) == (False, False)


# ---- the runner: doubted tables, tables not read, rules that fail ---------------------------

def doubtful_budget(year: int = 2024):
    """合计 5.00 | 5.00 over two classes of 5.00 | 5.00: two columns off, read in doubt."""
    return grid(f"{year}年一般公共预算支出表",
                row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                row("", "合计", "5.00", "5.00", "0"),
                row("201", "一般公共服务支出", "5.00", "5.00", "0"),
                row("208", "社会保障和就业支出", "5.00", "5.00", "0"))


def not_verified(rule_zh: str, rule_en: str, reason: str, where: str, withheld: int) -> tuple:
    note_zh = f"；据此得出的{withheld}项差异未列为文件问题" if withheld else ""
    note_en = f"; {withheld} differences drawn from it are not reported" if withheld else ""
    return ("info", f"未能核对（{rule_zh}）：一般公共预算支出表未能可靠读取（{reason}），"
                    f"可能是本程序读错"
            f"而非文件有误{note_zh}",
            f"not verified ({rule_en}): the general_budget_expenditure table could not be read "
            f"reliably ({reason}); this may be our misreading, not the document's error{note_en}",
            None, None, None, where)


T02_TITLES = ("财政拨款支出主要内容各项与表格一致",
              "each listed spending item agrees with its table row")


def test_a_finding_naming_no_table_rests_on_the_doubted_table_the_rule_reads(tmp_path):
    """T02's "no such line" names only the sentence: it rests on the table T02 reads."""
    text = "1. “教育支出（类）普通教育（款）小学教育（项）”11.00万元，主要用于小学教育。"
    doc = document(tmp_path, 2024, [OVERVIEW, MARKER, text], doubtful_budget())
    reason = doc.tables["general_budget_expenditure"].unreliable   # the reader's words
    assert reason
    assert found(doc, "T02") == [not_verified(*T02_TITLES, reason, GB, 1)]
    assert found(doc, "T01") == []    # a rule that does not read it says nothing of it


def test_a_rule_that_reads_a_doubted_table_and_found_nothing_says_so(tmp_path):
    doc = document(tmp_path, 2024, [], doubtful_budget())
    reason = doc.tables["general_budget_expenditure"].unreliable
    assert found(doc, "T02") == [not_verified(*T02_TITLES, reason, GB, 0)]


def test_a_doubt_on_the_previous_years_table_holds_for_the_rule_that_reads_it(tmp_path):
    """2023's 一般公共预算支出表 is in doubt: Y01's change (15 − 5 ≠ 5) drawn from it is withheld;
    T02 of 2024 does not read 2023's tables."""
    before = document(tmp_path, 2023, [], doubtful_budget(2023))
    now = document(tmp_path, 2024, [OVERVIEW, "一般公共预算拨款支出预算15.00万元，比2023年预算增加"
                                              "5.00万元。"], general_budget())
    reason = before.tables["general_budget_expenditure"].unreliable
    assert found(now, "Y01", before) == [not_verified(
        "文字所述与上年相比的增减与两年文件一致",
        "stated changes against last year agree with both years' documents", reason,
        "example_2023.txt:L1:general_budget_expenditure", 1)]
    assert found(now, "T02", before) == []


def test_a_rule_waiting_for_a_table_the_document_prints_unread(tmp_path):
    """The 一般公共预算支出表's title is read but its header names no measure."""
    unread = grid("2024年一般公共预算支出表", row("甲", "乙"), row("x", "y"))
    doc = document(tmp_path, 2024, [], PROCUREMENT, unread)
    assert found(doc, "T02") == [(
        "info", "未比较（财政拨款支出主要内容各项与表格一致）：未读取到一般公共预算支出表"
                "（一般公共预算支出表已印出但"
        "未能读取）",
        "not compared (each listed spending item agrees with its table row): "
        "general_budget_expenditure not read (general_budget_expenditure printed but could not "
        "be read)", None, None, None, GB)]


def test_a_rule_waiting_for_a_table_among_tables_of_no_known_kind(tmp_path):
    unknown = grid("附表：人员编制情况", row("编制数", "实有人数"), row("10", "9"))
    doc = document(tmp_path, 2024, [], PROCUREMENT, unknown)
    assert found(doc, "T02") == [(
        "info", "未比较（财政拨款支出主要内容各项与表格一致）：未读取到一般公共预算支出表"
                "（文件中有1张表格未能识别，"
        "所需表格可能在其中）",
        "not compared (each listed spending item agrees with its table row): "
        "general_budget_expenditure not read (1 tables of the document could not be "
        "recognised; the table needed may be one of them)", None, None, None,
        f"{F}:L1:unrecognized")]
    # without any table left unread, a missing table is S01's alone
    assert found(document(tmp_path, 2024, [], PROCUREMENT), "T02") == []


def test_a_rule_that_raises_keeps_what_it_found_and_says_it_failed(tmp_path, monkeypatch):
    import dataclasses

    from helpers.checks import RULES, RuleFailedWarning
    from helpers.checks.core import Finding

    def half_done(ctx):
        yield Finding("Q08", "warning", "已发现", "found", locations=(ctx.file,))
        raise ValueError("boom")

    monkeypatch.setitem(RULES, "Q08", dataclasses.replace(RULES["Q08"], func=half_done))
    doc = document(tmp_path, 2024, [], PROCUREMENT)
    with pytest.warns(RuleFailedWarning, match=r"^rule Q08 could not run on example_2024\.txt: "
                                                r"ValueError: boom$"):
        got = found(doc, "Q08")
    assert got == [
        ("warning", "已发现", "found", None, None, None, F),
        ("info", "规则Q08（政府采购计量单位不是货币单位）"
                 "未能运行：ValueError: boom（程序问题，非文件问题）",
         "rule Q08 (procurement units of measure are not currencies) could not run: "
         "ValueError: boom (a fault of the checker, not of the document)", None, None, None, F)]


# ---- more branches: figures no rule compares, items on another page, a half-way percent -----

def test_t01_figures_of_no_table_are_left_alone(tmp_path):
    """基本支出 and 上年结转 are stated but have no 收支总表 line to compare with."""
    doc = document(tmp_path, 2024, [OVERVIEW, "收入预算15.00万元。基本支出11.00万元，上年结转"
                                              "2.00万元。"], summary())
    assert found(doc, "T01") == []
    # stated before a figure that is compared, they do not stop the comparison
    doc = document(tmp_path, 2024, [OVERVIEW, "基本支出11.00万元。收入预算15.02万元。"], summary())
    assert [f[:1] + f[3:6] for f in found(doc, "T01")] == [
        ("error", 15 * W, Decimal(150200), Decimal(200))]


def test_t07_items_on_another_page_than_their_total_are_no_breakdown(tmp_path):
    """81.00 against 30 + 10 + 40 = 80: compared when the items follow on its page only."""
    items = "办公费30.00万元，邮电费10.00万元，其他商品和服务支出40.00万元。"
    apart = document(tmp_path, 2024, [Heading("三、机关运行经费安排情况", page=3),
                                      Paragraph("机关运行经费安排支出81.00万元。", page=3),
                                      Paragraph(items, page=4)], PROCUREMENT)
    assert found(apart, "T07") == []
    together = document(tmp_path, 2024, [Heading("三、机关运行经费安排情况", page=3),
                                         Paragraph("机关运行经费安排支出81.00万元。", page=3),
                                         Paragraph(items, page=3)], PROCUREMENT)
    assert [f[:1] + f[3:] for f in found(together, "T07")] == [
        ("error", 80 * W, 81 * W, W, f"{F}:p3:narrative")]


def test_t08_the_percent_the_amounts_give_is_rounded_half_up(tmp_path):
    """16.00 → 16.02 万元 is +0.125 %: shown as 0.13 % (half up), stated 5 %."""
    doc = spending(tmp_path, item(1, "行政运行", "16.02", "16.00", "16.02", "增加5%"), ITEM_2,
                   gb=general_budget("16.02"))
    assert found(doc, "T08") == [(
        "error", "第1项“行政运行”：文字称增加5%，按所列金额16.00→16.02万元应为0.13%",
        "item 1: stated 5%, the amounts give 0.13%", None, None, None, f"{F}:L102:narrative")]


def test_f04_forms_skipped_or_agreeing_do_not_stop_the_check(tmp_path):
    """甲's 执行率 is blank (its funds row is not read), 戊 has no budget, 乙 agrees (75.00 %),
    then 丙 prints 80.00 % for 9.00 ÷ 12.00."""
    forms = [self_evaluation("", "9.00", "12.00"), self_evaluation("0%", "0", "0"),
             self_evaluation("75.00%"), self_evaluation("80.00%")]
    for form, name in zip(forms, ("甲专项", "戊专项", "乙专项", "丙专项"), strict=True):
        form.title = f"{name}项目绩效自评表"
        form.rows[0][1] = form.rows[0][1].__class__(name, line=1)
    doc = final(tmp_path, [], final_summary(), *forms)
    assert [f[:6] for f in found(doc, "F04")] == [(
        "error", "绩效自评表“丙专项”：执行率应为 75.00%（全年执行数 9.00 万元 ÷ "
        "全年预算数 12.00 万元），表列 80.00%",
        "self-evaluation 丙专项: execution rate 80.00% but 9.00 / 12.00 (万元) is 75.00%",
        None, None, None)]


@pytest.mark.parametrize("unread", ["executed_yuan", "budget_full_yuan",
                                    "execution_rate_printed"])
def test_f04_a_form_missing_one_of_its_three_figures_is_not_checked(tmp_path, unread):
    doc = final(tmp_path, [], final_summary(), self_evaluation("80.00%"))
    doc.tables["performance_evaluation"].frame[unread] = None   # that cell could not be read
    assert found(doc, "F04") == []


def test_f04_forms_in_yuan_with_no_budget_or_a_budget_of_one_yuan(tmp_path):
    """In 元 (exact): a budget of 0 gives no rate; 1 元 spent of 1 元 is 100 %, printed 50 %;
    0 元 spent of 200 元 is 0 %, printed 0.00 %."""
    forms = []
    for name, spent, budget, rate in (("甲专项", "0", "0", "0%"),
                                      ("乙专项", "1", "1", "50%"),
                                      ("丙专项", "0", "200", "0.00%")):
        form = self_evaluation(rate, spent, budget)
        form.title, form.captions = f"{name}项目绩效自评表", ["单位：元"]
        form.rows[0][1] = form.rows[0][1].__class__(name, line=1)
        forms.append(form)
    doc = final(tmp_path, [], final_summary(), *forms)
    assert [f[:3] for f in found(doc, "F04")] == [(
        "error", "绩效自评表“乙专项”：执行率应为 100%（全年执行数 0.0001 万元 ÷ "
        "全年预算数 0.0001 万元），表列 50%",
        "self-evaluation 乙专项: execution rate 50% but 0.0001 / 0.0001 (万元) is 100%")]


@pytest.mark.parametrize(("spent", "rate", "severity", "computed"), [
    ("151", "75%", None, "76"), ("151", "76%", None, "76"), ("151", "77%", "error", "76"),
    ("151", "74%", "error", "76"),
    ("150", "74%", "info", "75"), ("150", "76%", "info", "75"), ("150", "73%", "error", "75"),
    ("150", "77%", "error", "75"),
])
def test_f04_a_form_in_yuan_at_the_exact_bounds(tmp_path, spent, rate, severity, computed):
    """Figures in 元 are not rounded: 151 ÷ 200 = 75.5 % exactly, and "75%" / "76%" lie half
    a digit off, on the silent bounds; 150 ÷ 200 = 75 %, and "74%" / "76%" lie a whole digit
    off, on the bounds of info."""
    form = self_evaluation(rate, spent, "200")
    form.captions = ["单位：元"]
    doc = final(tmp_path, [], final_summary(), form)
    shown = _wan(Decimal(spent))   # 151 元 is 0.0151 万元, 150 元 0.015 万元
    assert [f[:3] for f in found(doc, "F04")] == ([(
        severity, f"绩效自评表“信访干部培训专项”：执行率应为 {computed}%（全年执行数 {shown} "
        f"万元 ÷ 全年预算数 0.02 万元），表列 {rate}",
        f"self-evaluation 信访干部培训专项: execution rate {rate} but {shown} / 0.02 (万元) "
        f"is {computed}%")] if severity else [])


def test_f04_the_finding_names_the_cells_of_its_own_form(tmp_path):
    """The forms of one document share row numbers: the finding on the form printed on page 8
    names page 8's cells (it named page 7's, the first form's)."""
    from helpers.raw import Cell

    forms = [self_evaluation("75.00%"), self_evaluation("80.00%")]
    for page, form in zip((7, 8), forms, strict=True):
        form.rows = [[Cell(cell.text, page=page) for cell in cells] for cells in form.rows]
        form.line, form.page = None, page
    doc = final(tmp_path, [], final_summary(), *forms)
    pe = f"{F}:p8:performance_evaluation:r3"
    assert [f[6] for f in found(doc, "F04")] == [f"{pe}:executed; {pe}:budget_full"]


# ---- more Y01, F01 and checklist branches ---------------------------------------------------

def test_y01_every_statement_is_checked_after_those_it_passes_over(tmp_path):
    """支出预算's change names no year; 政府性基金's table is printed in neither year; 事业收入
    is stated against 2022; then 收入预算's change (+3.00) is stated as 2.00."""
    before = document(tmp_path, 2023, [], summary(2023, "12.00", "0", "12.00"))
    now = document(tmp_path, 2024, [
        OVERVIEW, "支出预算15.00万元，比上年增加3.00万元。",
        "政府性基金拨款支出预算0.00万元，比2023年预算持平。",
        "事业收入0.00万元，比2022年预算持平。",
        "收入预算15.00万元，比2023年预算增加2.00万元。"],
        summary(2024, "15.00", "0", "15.00"))
    assert [(f[0], f[1], f[6]) for f in found(now, "Y01", before)] == [
        ("error", "“收入预算”比2023年的变化与两年文件不符：应为 3.00 万元，列示 2.00 万元，"
         "差 -1.00 万元",
         f"{F}:L104:narrative; {SUMMARY_INCOME}; "
         "example_2023.txt:income_expenditure_summary:r3:income"),
        ("info", "未核对：“事业收入”与2022年预算比较，而提供的对比文件是2023年预算",
         f"{F}:L103:narrative")]


def test_y01_a_flat_change_is_compared_exactly(tmp_path):
    """Tables in 元: 150,001 against 150,000 is +1 元; "持平" states no digit, so 0 ≠ 1."""
    before = document(tmp_path, 2023, [], summary(2023, "150000", "0", "150000", unit="元"))
    now = document(tmp_path, 2024, [OVERVIEW, "收入预算150001元，比2023年预算持平。"],
                   summary(2024, "150001", "0", "150001", unit="元"))
    assert found(now, "Y01", before) == [(
        "error", "“收入预算”比2023年的变化与两年文件不符：应为 0.0001 万元，列示 0.00 万元，"
        "差 -0.0001 万元",
        "income_total: the stated change against 2023 does not match the two documents: "
        "expected 0.0001, printed 0.00 (万元), difference -0.0001", Decimal(1), Decimal(0),
        Decimal(-1), Y01_WHERE)]


def fiscal_final(income_total: str = "12.50"):
    """财政拨款收入支出决算总表, 支出 split by fund: 合计 9.00 + 3.00 = 12.00 (the 政府性基金
    column's own 1.00 + 1.00 ≠ 3.00: F01 reads the 合计 column only)."""
    return grid("2024年度财政拨款收入支出决算总表",
                row("收入项目", "决算数", "支出项目", "合计", "一般公共预算财政拨款",
                    "政府性基金预算财政拨款"),
                row("一、一般公共预算财政拨款", "10.00", "一、一般公共服务支出",
                    "9.00", "8.00", "1.00"),
                row("本年收入合计", "10.00", "本年支出合计", "9.00", "8.00", "1.00"),
                row("年初财政拨款结转和结余", "2.00", "年末财政拨款结转和结余",
                    "3.00", "2.00", "1.00"),
                row("收入总计", income_total, "支出总计", "12.00", "10.00", "3.00"))


@pytest.mark.parametrize("with_summary", [True, False])
def test_f01_the_appropriation_summary_by_its_total_column(tmp_path, with_summary):
    """10.00 + 2.00 = 12.00 against 收入总计 12.50; the 支出 side's 合计 column balances."""
    grids = [final_summary(), fiscal_final()] if with_summary else [fiscal_final()]
    fg = f"{F}:L1:fiscal_grant_summary"
    assert found(final(tmp_path, [], *grids), "F01") == [(
        "error", "财政拨款收支总表：收入总计 ≠ 本年收入合计 + 年初结转和结余："
        "应为 12.00 万元，列示 12.50 万元，差 0.50 万元",
        "fiscal_grant_summary: income total != income_subtotal + carryover: expected 12.00, "
        "printed 12.50 (万元), difference 0.50", 12 * W, Decimal(125000), Decimal(5000),
        f"{fg}:r4:income; {fg}:r2:income; {fg}:r3:income")]
    assert found(final(tmp_path, [], fiscal_final("12.00")), "F01") == []


def test_f01_the_expenditure_side_when_the_income_side_prints_no_current_year_line(tmp_path):
    """No 本年收入合计: the income side is not compared; 9.00 + 3.50 = 12.50 ≠ 13.00."""
    table = grid("2024年度收入支出决算总表", row("收入项目", "决算数", "支出项目", "决算数"),
                 row("一、一般公共预算财政拨款收入", "10.00", "一、一般公共服务支出", "9.00"),
                 row("", "", "本年支出合计", "9.00"),
                 row("年初结转和结余", "2.00", "年末结转和结余", "3.50"),
                 row("收入总计", "12.00", "支出总计", "13.00"))
    assert [f[:1] + f[3:] for f in found(final(tmp_path, [], table), "F01")] == [(
        "error", Decimal(125000), 13 * W, Decimal(5000),
        f"{IES}:r4:expenditure; {IES}:r2:expenditure; {IES}:r3:expenditure")]


def test_the_checklist_reads_figures_stated_anywhere(tmp_path):
    """机关运行经费 stated in the overview, with no section of its own, is disclosed."""
    doc = document(tmp_path, 2024, [OVERVIEW, "机关运行经费80.00万元。"], hebei_three_public())
    assert checklist(doc)["admin_operating"] is True


def test_the_checklist_wants_a_reason_for_an_increase_too(tmp_path):
    doc = document(tmp_path, 2024, [THREE_PUBLIC, "“三公”经费预算35.00万元，比2023年预算增加"
                                                  "1.00万元。"], hebei_three_public())
    assert doc.narrative.figures.direction.tolist() == ["increase"]
    assert checklist(doc)["three_public"] is False


def test_f03_every_rate_is_checked_after_those_it_passes_over(tmp_path):
    """A rate naming no item, one with a budget of 0.00, one that agrees (接待 5 ÷ 5), then 车辆
    stated 82 % for 8.00 ÷ 10.00."""
    doc = final(tmp_path, [
        TP_HEADING, "支出决算为4.00万元，完成预算的90%。",
        "因公出国（境）费预算为0.00万元，支出决算为0.00万元，完成预算的0%。",
        "公务接待费支出决算为5.00万元，完成预算的100%。",
        "公务用车购置及运行费支出决算为8.00万元，完成预算的82%。"], final_summary(),
        final_three_public())
    assert [f[:3] for f in found(doc, "F03")] == [(
        "error", "“公务用车购置及运行费支出决算为8.00万元，完成预算的82%”：执行率应为 80%"
        "（决算 8.00 万元 ÷ 预算 10.00 万元），文字为 82%",
        "stated execution rate 82% but 8.00 / 10.00 (万元) is 80%")]


def yuan_three_public():
    """A 决算 三公 table in 元 (exact, no rounding): 接待 预算 1.00 元, 决算 0.75 元."""
    return grid("2024年度“三公”经费支出决算表",
                row("合计", "合计", "公务接待费", "公务接待费"),
                row("预算数", "决算数", "预算数", "决算数"),
                row("1.00", "0.75", "1.00", "0.75"), header_rows=2, unit="元")


@pytest.mark.parametrize(("rate", "severity"), [
    ("76", None), ("74", None), ("75.6", "info"), ("74.4", "info"), ("77", "error"),
    ("73", "error"), ("75.7", "error"), ("74.3", "error"),
])
def test_f03_a_rate_at_the_exact_bounds(tmp_path, rate, severity):
    """0.75 元 stated to the fen (± 0.005) of a 1.00 元 budget printed in 元 (exact): the rate
    lies in [74.5 %, 75.5 %]; half a stated digit beyond is silent, a whole digit info."""
    text = f"公务接待费支出决算为0.75元，完成预算的{rate}%。"
    doc = final(tmp_path, [TP_HEADING, text], final_summary(), yuan_three_public())
    assert [f[0] for f in found(doc, "F03")] == ([severity] if severity else [])
    if severity == "error" and rate == "77":
        assert [f[1:3] for f in found(doc, "F03")] == [(
            f"“{text[:-1]}”：执行率应为 75%（决算 0.000075 万元 ÷ 预算 0.0001 万元），文字为 77%",
            "stated execution rate 77% but 0.000075 / 0.0001 (万元) is 75%")]


def test_f03_a_statement_printed_on_a_page_is_located_by_its_page(tmp_path):
    text = "公务用车购置及运行费支出决算为8.00万元，完成预算的82%。"
    doc = final(tmp_path, [Heading("四、“三公”经费支出决算情况说明", page=3),
                           Paragraph(text, page=3)], final_summary(), final_three_public())
    sentence = found(doc, "F03")[0][6].split("; ")[0]
    # page 3 ("p3"; see the xfail test on its format), not a line
    assert sentence.startswith(f"{F}:p3") and sentence.endswith(":narrative")


def test_t02_an_item_whose_table_line_prints_no_total(tmp_path):
    """行政运行's 合计 cell is blank (its 基本支出 prints 11.00): a blank is not 0."""
    table = grid("2024年一般公共预算支出表",
                 row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                 row("", "合计", "15.00", "11.00", "4.00"),
                 row("201", "一般公共服务支出", "15.00", "11.00", "4.00"),
                 row("20103", "政府办公厅（室）及相关机构事务", "15.00", "11.00", "4.00"),
                 row("2010301", "行政运行", "", "11.00", ""),
                 row("2010302", "一般行政管理事务", "4.00", "", "4.00"))
    doc = spending(tmp_path, ITEM_1, ITEM_2, gb=table)
    assert found(doc, "T02") == [(
        "warning", f"第1项“{OFFICE}行政运行（项）”对应科目2010301在一般公共预算支出表中合计为空白",
        "item 1: table line 2010301 prints no total", None, 11 * W, None,
        f"{F}:L102:narrative; {F}:general_budget_expenditure:r4:total")]


def test_t02_a_table_without_its_total_column_and_no_items_says_nothing(tmp_path):
    doc = document(tmp_path, 2024, [OVERVIEW, "收入预算15.00万元。"], fiscal_grant(),
                   general_budget(total_column=False))
    assert found(doc, "T02") == []


def test_t05_none_stated_against_one_yuan_printed_is_an_error(tmp_path):
    """"无机关运行经费" states 0 with no digit to round to; the table (in 元) prints 1 元."""
    table = grid("2024年“三公”经费预算表", row("项目", "预算数"), row("因公出国（境）费", "100"),
                 row("公务接待费", "200"), row("机关运行经费", "1"), unit="元")
    doc = document(tmp_path, 2024, [ADMIN, "本部门无机关运行经费。"], table)
    assert [f[:1] + f[3:6] for f in found(doc, "T05")] == [
        ("error", Decimal(1), Decimal(0), Decimal(-1))]


GOV_FUND = grid("2024年政府性基金预算支出表",
                row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                row("", "合计", "3.00", "", "3.00"), row("212", "城乡社区支出", "3.00", "", "3.00"))
STATE_CAPITAL = grid("2024年国有资本经营预算支出表",
                     row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                     row("", "合计", "", "", ""))


@pytest.mark.parametrize(("sentence", "key", "table", "where"), [
    ("财政拨款收入15.02万元。", "fiscal_grant_income", "15.00", SUMMARY_INCOME.replace("r3", "r1")),
    ("事业收入0.02万元。", "business_income", "0.00", f"{F}:income_expenditure_summary:absent"),
    ("事业单位经营收入0.02万元。", "operating_income", "0.00",
     f"{F}:income_expenditure_summary:absent"),
    ("其他收入0.02万元。", "other_income", "0.00", f"{F}:income_expenditure_summary:absent"),
    ("支出预算15.02万元。", "expenditure_total", "15.00",
     f"{F}:L1:income_expenditure_summary:r3:expenditure"),
    ("财政拨款支出预算15.02万元。", "fiscal_grant_expenditure", "15.00",
     f"{F}:L1:fiscal_grant_summary:r2:total"),
    ("一般公共预算拨款支出预算15.02万元。", "general_budget_expenditure", "15.00",
     f"{GB}:r1:total"),
    ("政府性基金拨款支出预算3.02万元。", "gov_fund_expenditure", "3.00",
     f"{F}:L1:gov_fund_expenditure:r1:total"),
    ("国有资本经营预算拨款支出预算0.02万元。", "state_capital_expenditure", "0.00",
     f"{F}:state_capital_expenditure:empty"),
])
def test_t01_each_overview_figure_against_its_table(tmp_path, sentence, key, table, where):
    """Each figure stated 0.02 万元 (200 元, two printed digits) above the table's: an error.
    An income the 收支总表 does not print is 0; a 国有资本 table printed empty is 0."""
    doc = document(tmp_path, 2024, [OVERVIEW, sentence], summary(), fiscal_grant(),
                   general_budget(), GOV_FUND, STATE_CAPITAL)
    label = sentence.split("万元")[0].rstrip("0123456789.")
    printed = Decimal(table) * W + 200
    assert found(doc, "T01") == [(
        "error", f"文字说明“{label}”与表格不一致：应为 {table} 万元，列示 {_wan(printed)} 万元，"
        "差 0.02 万元",
        f"text figure {key} != table: expected {table}, printed {_wan(printed)} (万元), "
        "difference 0.02", Decimal(table) * W, printed, Decimal(200),
        f"{F}:L101:narrative; {where}")]


ASSETS = grid("2024年固定资产占用情况表", row("项目", "数量", "价值"),
              row("资产总额", "——", "120.00"), row("1、房屋（平方米）", "500", "80.00"),
              row("2、车辆（台、辆）", "2", "40.00"))


def target_form(project: str, total: str):
    """A Shanghai 财政项目支出绩效目标填报表 whose 项目资金总额 is ``total`` 万元."""
    return grid("财政项目支出绩效目标填报表", row("项目名称", project, "", ""),
                row("项目资金总额", total, "", ""), row("当年财政拨款", total, "", ""))


@pytest.mark.parametrize(("heading", "sentence", "key", "table", "where"), [
    (Heading("七、国有资产占用情况"), "上年末固定资产金额为120.02万元。", "assets_total", "120.00",
     f"{F}:L1:assets:r1:value"),
    (Heading("五、预算绩效信息"), "涉及项目预算资金42.02万元。", "performance_total", "42.00",
     f"{F}:performance_targets:Σproject_total"),
])
def test_t06_assets_and_performance_totals_against_their_tables(tmp_path, heading, sentence,
                                                               key, table, where):
    """资产总额 120.00 (row 1); the 绩效 forms' 项目资金总额 30.00 + 12.00 = 42.00."""
    doc = document(tmp_path, 2024, [heading, sentence], ASSETS, target_form("社区服务", "30.00"),
                   target_form("养老服务", "12.00"))
    label = sentence.split("万元")[0].rstrip("0123456789.")
    printed = Decimal(table) * W + 200
    assert found(doc, "T06") == [(
        "error", f"文字说明“{label}”与表格不一致：应为 {table} 万元，列示 {_wan(printed)} 万元，"
        "差 0.02 万元",
        f"text figure {key} != table: expected {table}, printed {_wan(printed)} (万元), "
        "difference 0.02", Decimal(table) * W, printed, Decimal(200),
        f"{F}:L101:narrative; {where}")]


def test_t07_the_vehicle_costs_against_their_purchase_and_operation(tmp_path):
    """车辆 21.00 stated over 购置 8.00 + 运行 12.00 = 20.00; the total 36 = 5 + 21 + 10."""
    text = HEBEI_TEXT.replace("三公”经费预算35.00", "三公”经费预算36.00").replace(
        "购置及运行费20.00", "购置及运行费21.00")
    doc = document(tmp_path, 2024, [THREE_PUBLIC, text], hebei_three_public())
    assert found(doc, "T07") == [(
        "error", "文字所列公务用车购置及运行费与其分项之和不一致：应为 20.00 万元，"
        "列示 21.00 万元，差 1.00 万元",
        "stated three_public_vehicle != the sum of its stated parts: expected 20.00, printed "
        "21.00 (万元), difference 1.00", 20 * W, 21 * W, W, f"{F}:L101:narrative")]


def test_t02_every_item_is_checked_after_those_it_cannot_compare(tmp_path):
    """Item 1 names no 类/款/项, item 2 a line the table lacks, item 3 a line whose 合计 is
    blank; item 4 (4.02) is then compared with 2010302's 4.00."""
    table = grid("2024年一般公共预算支出表",
                 row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                 row("", "合计", "15.00", "11.00", "4.00"),
                 row("201", "一般公共服务支出", "15.00", "11.00", "4.00"),
                 row("20103", "政府办公厅（室）及相关机构事务", "15.00", "11.00", "4.00"),
                 row("2010301", "行政运行", "", "11.00", ""),
                 row("2010302", "一般行政管理事务", "4.00", "", "4.00"))
    doc = spending(tmp_path, "1. “行政运行”11.00万元，主要用于行政运行。",
                   "2. “教育支出（类）普通教育（款）小学教育（项）”1.00万元，主要用于小学教育。",
                   item(3, "行政运行", "11.00", "10.00", "11.00", "增加10.00%"),
                   item(4, "一般行政管理事务", "4.02", "5.00", "4.02", "减少19.60%"), gb=table)
    assert [(f[0], f[2]) for f in found(doc, "T02")] == [
        ("error", "item 4 amount != table line 2010302: expected 4.00, printed 4.02 (万元), "
                  "difference 0.02"),
        ("warning", "item 2 教育支出（类）普通教育（款）小学教育（项）: no such line in "
                    "general_budget_expenditure"),
        ("warning", "item 3: table line 2010301 prints no total"),
        ("info", "item 1 行政运行: its class, section and item names could not be read; not "
                 "compared with the table")]


def test_t02_without_a_total_column_every_restatement_is_still_checked(tmp_path):
    """Item 2 states 4.00 and restates "2024年预算安排5.00万元"."""
    doc = spending(tmp_path, ITEM_1, item(2, "一般行政管理事务", "4.00", "5.00", "5.00", "减少20%"),
                   gb=general_budget(total_column=False))
    assert [f[:1] + f[3:] for f in found(doc, "T02")] == [
        ("error", 4 * W, 5 * W, W, f"{F}:L103:narrative"),
        ("info", None, None, None, GB)]


def test_q05_a_disclosure_without_its_raw_document_still_reports_repeats(tmp_path):
    """A disclosure kept without the reader's document (raw is None): no section is known,
    and the repeat is reported all the same."""
    doc = document(tmp_path, 2024, [Heading("一、部门职责"), SAME, SAME], PROCUREMENT)
    doc.raw = None
    assert [f[:3] for f in found(doc, "Q05")] == [(
        "warning", f"段落重复：“{SAME[:40]}…”", "duplicated paragraph: paragraph repeats the "
        "one at line 101")]


def test_q04_other_anomalies_in_a_table_are_no_placeholder(tmp_path):
    """A 政府采购 amount printed "见说明" is text in a number cell, not a template's XX."""
    table = grid("2024年政府采购预算表", row("序号", "采购项目", "采购品目", "数量", "金额"),
                 row("", "合计", "", "", "30.00"),
                 row("1", "办公设备", "台式计算机", "10", "30.00"),
                 row("2", "物业服务", "物业管理服务", "1", "见说明"))
    doc = document(tmp_path, 2024, [], table)
    assert "text_in_number" in set(doc.anomalies.kind)
    assert found(doc, "Q04") == []


LONG = ("本部门负责示例事务的统筹协调和监督管理工作，组织实施示例领域的发展规划，承办区政府交办的"
        "其他事项。")


def test_q05_a_real_repeat_after_repeats_that_are_no_copy(tmp_path):
    """A heading and a lead-in repeated (not copies), then a paragraph of 46 characters
    repeated: one warning, quoting its first 40 characters."""
    heading = "一、部门预算安排的总体情况说明及其他有关事项的情况"
    lead = "2024年本部门当年一般公共预算支出1899.90万元，其中："
    doc = document(tmp_path, 2024, [heading, heading, lead, "工资福利支出478.83万元。", lead,
                                    "办公费1.00万元。", LONG, LONG], PROCUREMENT)
    assert len(LONG) > 41
    assert found(doc, "Q05") == [(
        "warning", f"段落重复：“{LONG[:40]}…”", "duplicated paragraph: paragraph repeats the "
        "one at line 106", None, None, None, f"{F}:L107:narrative")]


def test_q06_every_class_line_is_read_after_lines_of_other_levels(tmp_path):
    """201 (right name), its 款 20103 (no class), then 210 under its former name; an item whose
    类 is no class of the classification is not compared."""
    table = grid("2024年一般公共预算支出表", row("科目编码", "科目名称", "合计"),
                 row("201", "一般公共服务支出", "1.00"),
                 row("20103", "政府办公厅（室）及相关机构事务", "1.00"),
                 row("210", "医疗卫生与计划生育支出", "5.00"))
    text = "1. “示例支出（类）示例事务（款）示例项目（项）”1.00万元。"
    doc = document(tmp_path, 2024, [OVERVIEW, MARKER, text], table)
    assert [f[:3] for f in found(doc, "Q06")] == [(
        "warning", "一般公共预算支出表：210类名称“医疗卫生与计划生育支出”不是现行名称"
        "“卫生健康支出”",
        "general_budget_expenditure: class 210 printed as '医疗卫生与计划生育支出', current name "
        "'卫生健康支出'")]


def test_a_table_in_doubt_by_its_shape_is_not_verified_either(tmp_path):
    """Not marked unreliable by the reader, but an amount cell holds "出 1090.22": a figure
    glued to words, so the runner's own doubt withholds the table."""
    table = grid("2024年一般公共预算支出表",
                 row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                 row("", "合计", "15.00", "11.00", "4.00"),
                 row("201", "一般公共服务支出", "15.00", "11.00", "4.00"),
                 row("2010301", "行政运行", "11.00", "11.00", "出 1090.22"))
    doc = document(tmp_path, 2024, [], table)
    assert doc.tables["general_budget_expenditure"].unreliable is None
    reason = ("1个金额单元格中数字与文字粘连（如“出 1090.22”），金额未能读出 / "
              "1 amount cells hold a figure glued to words ('出 1090.22'): not read")
    assert found(doc, "T02") == [not_verified(*T02_TITLES, reason, GB, 0)]


def test_a_rule_waiting_for_two_tables_printed_unread_names_both(tmp_path):
    unread = [grid(f"2024年{title}", row("甲", "乙"), row("x", "y"))
              for title in ("一般公共预算支出表", "一般公共预算基本支出表")]
    doc = document(tmp_path, 2024, [], PROCUREMENT, *unread)
    both_zh = "一般公共预算支出表、一般公共预算基本支出表"
    both_en = "general_budget_expenditure, general_budget_basic_expenditure"
    assert found(doc, "X05") == [(
        "info", "未比较（一般公共预算支出表基本支出 = 基本支出经济分类表合计）："
        f"未读取到{both_zh}（{both_zh}已印出但未能读取）",
        f"not compared (general budget basic expenditure = economic table total): {both_en} "
        f"not read ({both_en} printed but could not be read)", None, None, None,
        f"{GB}; {F}:L1:general_budget_basic_expenditure")]


def test_q06_tables_after_an_economic_table_are_read(tmp_path):
    """The 基本支出 (economic) table comes first and is passed over; the function table after
    it prints 210 under its former name."""
    table = grid("2024年一般公共预算支出表", row("科目编码", "科目名称", "合计"),
                 row("", "合计", "5.00"), row("210", "医疗卫生与计划生育支出", "5.00"))
    doc = document(tmp_path, 2024, [], economic(row("", "合计", "5.00", "5.00", ""),
                                                row("301", "工资福利支出", "5.00", "5.00", "")),
                   table)
    assert list(doc.tables)[:2] == ["general_budget_basic_expenditure",
                                    "general_budget_expenditure"]
    assert [f[2] for f in found(doc, "Q06")] == [
        "general_budget_expenditure: class 210 printed as '医疗卫生与计划生育支出', current name "
        "'卫生健康支出'"]


def test_t03_without_listed_items_there_is_nothing_to_add_up(tmp_path):
    doc = document(tmp_path, 2024, [OVERVIEW, "支出预算15.00万元。"], fiscal_grant(),
                   general_budget())
    assert found(doc, "T03") == []


def test_t08_every_item_is_checked_after_those_it_passes_over(tmp_path):
    """Item 1 states no prior year, item 2 no change, item 3 a change but no prior year; item 4
    is 5.00 → 4.00 "增加"; item 5 a prior of 0.00; item 6 agrees (+10 %); item 7 says 25 % for
    −20 %."""
    head = f"“{OFFICE}一般行政管理事务（项）”4.00万元，主要用于一般行政管理事务。"
    doc = spending(
        tmp_path, f"1. {head}",
        f"2. {head}2023年当年预算执行数为5.00万元，2024年预算安排4.00万元。",
        f"3. {head}2024年预算安排4.00万元，比2023年预算执行数减少20%。",
        item(4, "一般行政管理事务", "4.00", "5.00", "4.00", "增加20%"),
        item(5, "一般行政管理事务", "4.00", "0.00", "4.00", "增加100%"),
        item(6, "行政运行", "11.00", "10.00", "11.00", "增加10%"),
        item(7, "一般行政管理事务", "4.00", "5.00", "4.00", "减少25%"))
    assert [f[2] for f in found(doc, "T08")] == [
        "item 4: 5.00 → 4.00 is decrease, the text says increase",
        "item 7: stated 25%, the amounts give -20.00%"]


def test_q01_an_increase_of_one_yuan(tmp_path):
    doc = document(tmp_path, 2024, [
        OVERVIEW, "政府性基金拨款支出预算0.00万元，比2023年预算增加1元。"], summary())
    assert [f[:2] + f[4:5] for f in found(doc, "Q01")] == [(
        "error", "“政府性基金拨款支出预算”为0万元，却称比2023年增加0.0001万元（疑为复制粘贴）",
        Decimal(1))]


def test_t07_two_items_after_their_total_are_a_breakdown(tmp_path):
    """41.00 stated over 办公费 30.00 + 邮电费 10.00 = 40.00."""
    doc = document(tmp_path, 2024, [ADMIN, "机关运行经费安排支出41.00万元，办公费30.00万元，"
                                           "邮电费10.00万元。"], PROCUREMENT)
    assert [f[:1] + f[3:] for f in found(doc, "T07")] == [
        ("error", 40 * W, 41 * W, W, f"{F}:L101:narrative")]
