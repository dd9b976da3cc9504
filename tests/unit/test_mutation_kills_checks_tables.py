"""Tests that kill mutmut's survivors in helpers.checks (tables rules), on constructed documents.

Every expected finding is worked out by hand from the figures the test prints (万元: 1.00
is 10,000 yuan), not with the code under test. Each assertion takes the WHOLE finding: rule,
group, severity, both messages, expected / printed / difference in yuan and locations.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pandas as pd
import pytest
from test_columns import row
from test_mutation_kills import W, disclosure, expenditure, grid, plain, three_public_rows

from helpers import check
from helpers.checks import doubts, values
from helpers.checks.core import RULES, Context, Finding
from helpers.checks.values import Found
from helpers.raw import Cell, Grid, Heading, Paragraph

F = "example_2024.txt"
COLUMNS = ("rule_id", "group", "severity", "message_zh", "message_en", "expected_yuan",
           "printed_yuan", "difference_yuan", "locations")



def found(doc, rule_id: str) -> list[tuple]:
    """Return the whole findings of ``rule_id`` (every column, NA as None)."""
    frame = check(doc)
    return [tuple(plain(getattr(r, c)) for c in COLUMNS) for r in frame.itertuples()
            if r.rule_id == rule_id]



def general_budget_table(*lines: list[Cell]) -> Grid:
    return grid("2024年一般公共预算支出"
                "表", row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                *lines)


def page_row(page: int, *texts: str) -> list[Cell]:
    return [Cell(text, page=page) for text in texts]


# ---- S01: the standard tables --------------------------------------------------------------

#: (kind, label) of the eight standard tables other than 三公 and 国有资本经营 in printed order.
LABELS = {"income_expenditure_summary": "收支总表", "income_summary": "收入总表",
          "expenditure_summary": "支出总表", "fiscal_grant_summary": "财政拨款收支总表",
          "general_budget_expenditure": "一般公共预算支出表",
          "general_budget_basic_expenditure": "一般公共预算基本支出表",
          "gov_fund_expenditure": "政府性基金预算支出表", "three_public": "“三公”经费表"}


def missing(*kinds: str) -> list[tuple]:
    return [("S01", "structure", "error", f"缺少{LABELS[kind]}", f"the {kind} table is missing",
             None, None, None, F) for kind in kinds]


STATE_CAPITAL_WARNING = (
    "S01", "structure", "warning",
    "未列示国有资本经营预算支出表（财预〔2016〕143号所列8张表不含此表，但多数地区要求公开）",
    "the state_capital_expenditure table is not printed (not among 143号's eight tables; most "
    "regions require it)", None, None, None, F)
STATE_CAPITAL_NIL = (
    "S01", "structure", "info", "未列示国有资本经营预算支出表（文件说明无此项预算）",
    "the state_capital_expenditure table is not printed (the text says there is no such budget)",
    None, None, None, F)
FIRST_SIX = ("income_expenditure_summary", "income_summary", "expenditure_summary",
             "fiscal_grant_summary", "general_budget_expenditure",
             "general_budget_basic_expenditure")


def test_s01_each_missing_standard_table_is_an_error_the_added_one_a_warning(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows())
    assert found(doc, "S01") == [*missing(*FIRST_SIX, "gov_fund_expenditure"),
                                 STATE_CAPITAL_WARNING]


def empty_gov_fund(notes=(), page=None) -> Grid:
    cells = (lambda *t: page_row(page, *t)) if page else row
    return Grid("2024年政府性基金预算支出表", ["单位：万元"],
                [cells("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                 cells("", "合计", "", "", "")], 1, list(notes), page=page, line=None
                if page else 1)


EMPTY_GOV_FUND = ("S01", "structure", "warning", "政府性基金预算支出表为空表，但未说明为空的原因",
                  "the gov_fund_expenditure table is empty without a statement saying why",
                  None, None, None, f"{F}:gov_fund_expenditure")


def test_s01_an_empty_table_without_a_statement_is_a_warning(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows(), empty_gov_fund())
    assert found(doc, "S01") == [*missing(*FIRST_SIX), EMPTY_GOV_FUND, STATE_CAPITAL_WARNING]


def test_s01_an_empty_table_with_its_note_is_no_finding(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows(), empty_gov_fund(["注：本表无数据。"]))
    assert found(doc, "S01") == [*missing(*FIRST_SIX), STATE_CAPITAL_WARNING]


@pytest.mark.parametrize(("text", "page", "reported"), [
    ("此表为空表。", 3, False),          # the statement on the table's page
    ("此表为空表。", 4, True),           # on another page: not the table's
    ("本表无数据。", 3, False),
    ("以上为本部门预算。", 3, True),     # the same page, but no statement
    ("本单位无政府性基金安排的支出，故此表无数据。", 3, False),
    ("本单位无专项安排。", 3, True),           # no 预算/经费/支出/收入 after 无
    ("本单位无" + "一" * 30 + "经费。", 3, False),   # 30 characters between: still one
    ("本单位无" + "一" * 31 + "经费。", 3, True),    # 31: too far apart
    ("本单位无当年收入。", 3, False),
])
def test_s01_an_empty_table_explained_on_its_page(tmp_path, text, page, reported):
    doc = disclosure(tmp_path, 2024, three_public_rows(), empty_gov_fund(page=3),
                     Paragraph(text, page=page), fmt="pdf")
    assert found(doc, "S01") == [*missing(*FIRST_SIX), *([EMPTY_GOV_FUND] if reported else []),
                                 STATE_CAPITAL_WARNING]


@pytest.mark.parametrize(("text", "nil"), [
    ("本部门无国有资本经营预算。", True),
    ("本部门没有国有资本经营预算安排的支出。", True),
    ("本部门无政府性基金和国有资本经营预算。", True),
    ("本部门无当年收支，结余全部上缴，已按要求公开了全部国有资本经营预算表格。", False),  # > 15
    ("本部门无政府性基金。国有资本经营预算另行公开。", False),   # a sentence apart
    ("国有资本经营预算支出为0。", True),
    ("国有资本经营预算支出为零。", True),
    ("国有资本经营预算支出为0.00万元。", True),
    ("国有资本经营预算支出0万元。", True),
    ("国有资本经营预算支出0.0元。", True),
    ("国有资本经营预算支出为0.5万元。", False),
    ("国有资本经营预算支出10万元。", False),
    ("国有资本经营预算，其中支出为0。", False),   # a comma apart
    ("国有资本经营预算支出为05项。", False),
])
def test_s01_an_absent_added_table_the_text_says_is_nil(tmp_path, text, nil):
    doc = disclosure(tmp_path, 2024, Paragraph(text), three_public_rows())
    assert found(doc, "S01")[-1] == (STATE_CAPITAL_NIL if nil else STATE_CAPITAL_WARNING)


@pytest.mark.parametrize("text", ["本部门无政府性基金预算。", "政府性基金预算支出为0。"])
def test_s01_an_empty_table_the_text_says_is_nil_is_no_finding(tmp_path, text):
    doc = disclosure(tmp_path, 2024, Paragraph(text), three_public_rows(), empty_gov_fund())
    assert found(doc, "S01") == [*missing(*FIRST_SIX), STATE_CAPITAL_WARNING]


def test_s01_an_empty_table_of_no_nil_subject_needs_its_statement(tmp_path):
    """Only 政府性基金, 国有资本经营 and 三公 can be stated as nil; 一般公共预算 cannot."""
    empty = general_budget_table(row("", "合计", "", "", ""))
    doc = disclosure(tmp_path, 2024, Paragraph("本部门无一般公共预算支出。"),
                     three_public_rows(), empty)
    assert found(doc, "S01") == [
        *missing(*FIRST_SIX[:4], "general_budget_basic_expenditure", "gov_fund_expenditure"),
        ("S01", "structure", "warning", "一般公共预算支出表为空表，但未说明为空的原因",
         "the general_budget_expenditure table is empty without a statement saying why",
         None, None, None, f"{F}:general_budget_expenditure"),
        STATE_CAPITAL_WARNING]


def test_s01_a_disclosure_without_its_reader_s_document_reads_no_text(tmp_path):
    """Without its RawDocument, a disclosure's file is its source (here the full path)."""
    doc = dataclasses.replace(disclosure(tmp_path, 2024, three_public_rows()), raw=None)
    source = str(tmp_path / F)
    assert doc.meta.source == source
    assert found(doc, "S01") == [
        (*finding[:8], source)
        for finding in (*missing(*FIRST_SIX, "gov_fund_expenditure"), STATE_CAPITAL_WARNING)]


# 无 and 国有资本经营 15 characters apart: the most the statement may hold between them
FIFTEEN = "本部门无当年度一般公共预算财政拨款安排"


@pytest.mark.parametrize(("blocks", "nil"), [
    ([Paragraph(FIFTEEN), Paragraph("国有资本经营预算。")], True),    # paragraphs join bare
    ([Paragraph(FIFTEEN + "的"), Paragraph("国有资本经营预算。")], False),   # 16 apart
    ([Paragraph("本部门无国有 资本经营\n预算。")], True),    # spaces inside the name dropped
])
def test_s01_a_nil_statement_read_across_paragraphs_and_spaces(tmp_path, blocks, nil):
    doc = disclosure(tmp_path, 2024, *blocks, three_public_rows())
    assert found(doc, "S01")[-1] == (STATE_CAPITAL_NIL if nil else STATE_CAPITAL_WARNING)


def test_s01_without_the_reader_s_document_the_sections_say_it_is_nil(tmp_path):
    """The statement spans two sections: their texts join bare (15 characters apart)."""
    doc = disclosure(tmp_path, 2024, Heading("一、收支情况"), Paragraph(FIFTEEN),
                     Heading("二、说明"), Paragraph("国有资本经营预算。"), three_public_rows())
    doc = dataclasses.replace(doc, raw=None)
    assert found(doc, "S01")[-1] == (*STATE_CAPITAL_NIL[:8], str(tmp_path / F))


def test_s01_a_basic_table_printed_inside_the_economic_table_is_info(tmp_path):
    economic = grid("一般公共预算支出经济分类情况表",
                    row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                    row("", "合计", "3.00", "2.00", "1.00"),
                    row("301", "工资福利支出", "3.00", "2.00", "1.00"))
    doc = disclosure(tmp_path, 2024, three_public_rows(), economic)
    assert found(doc, "S01") == [*missing(*FIRST_SIX[:5], "gov_fund_expenditure"),
                                 STATE_CAPITAL_WARNING, (
        "S01", "structure", "info",
        "未单独列示一般公共预算基本支出表，其内容见一般公共预算支出经济分类表（含基本支出列）",
        "no separate general_budget_basic_expenditure table: the general_budget_economic table "
        "prints it (its basic column)", None, None, None, f"{F}:L1:general_budget_economic")]


def test_s01_an_economic_table_without_a_basic_column_does_not_cover_it(tmp_path):
    economic = grid("一般公共预算支出经济分类情况表", row("科目编码", "科目名称", "合计"),
                    row("", "合计", "3.00"), row("301", "工资福利支出", "3.00"))
    doc = disclosure(tmp_path, 2024, three_public_rows(), economic)
    assert found(doc, "S01") == [*missing(*FIRST_SIX, "gov_fund_expenditure"),
                                 STATE_CAPITAL_WARNING]


def test_s01_a_table_printed_but_not_read_is_not_missing(tmp_path):
    unread = grid("2024年部门收入预算总表", row("甲", "乙"), row("丙", "丁"))
    doc = disclosure(tmp_path, 2024, three_public_rows(), unread)
    assert found(doc, "S01") == [
        *missing("income_expenditure_summary", *FIRST_SIX[2:], "gov_fund_expenditure"),
        STATE_CAPITAL_WARNING,
        ("S01", "structure", "info", "收入总表已印出，但本程序未能读取（不是缺表）",
         "the income_summary table is printed but could not be read (not missing)",
         None, None, None, f"{F}:L1:income_summary")]


def test_s01_with_tables_of_no_known_kind_a_missing_table_is_not_confirmed(tmp_path):
    unknown = grid("某某情况表", row("项目", "金额"), row("甲", "1.00"))
    doc = disclosure(tmp_path, 2024, three_public_rows(), unknown, unknown)
    where = f"{F}:L1:unrecognized; {F}:L1:unrecognized"
    assert found(doc, "S01") == [
        ("S01", "structure", "info",
         f"未找到{LABELS.get(kind, '国有资本经营预算支出表')}；文件中有2张表格未能识别，"
         "该表可能在其中，未能确认是否缺少",
         f"the {kind} table was not found; 2 tables could not be recognised and it may be "
         "one of them: not confirmed missing", None, None, None, where)
        for kind in (*FIRST_SIX, "gov_fund_expenditure", "state_capital_expenditure")]


# ---- S07: the 三公 table prints its total ----------------------------------------------------

def test_s07_a_three_public_table_without_its_total_row(tmp_path):
    items = grid("2024年“三公”经费预算表", row("项目", "预算数"),
                 row("因公出国（境）费", "1.00"), row("公务接待费", "2.00"))
    assert found(disclosure(tmp_path, 2024, items), "S07") == [(
        "S07", "structure", "warning", "“三公”经费表未列示合计数，合计仅见于文字说明",
        "the 三公 table prints no total row; the total is only in the text", None, None, None,
        f"{F}:three_public")]
    assert found(disclosure(tmp_path, 2024, three_public_rows()), "S07") == []


def test_s07_an_empty_three_public_table_is_not_asked_for_a_total(tmp_path):
    empty = grid("2024年“三公”经费预算表", row("项目", "预算数"))
    doc = disclosure(tmp_path, 2024, empty,
                     general_budget_table(row("", "合计", "1.00", "1.00", "")))
    assert "three_public" in doc.tables
    assert found(doc, "S07") == []


# ---- S02–S06: the loader's anomalies as findings ----------------------------------------------

def anomaly(kind: str, message: str, text: object = None, table: object = "expenditure_summary",
            row_: object = 2, column: object = "total", page: object = None, line: object = 1,
            file: object = None) -> dict:
    return {"kind": kind, "message": message, "file": file, "page": page, "line": line,
            "table": table, "row": row_, "column": column, "text": text}


def anomaly_findings(tmp_path, rule_id: str, *anomalies: dict) -> list[Finding]:
    ctx = Context(disclosure(tmp_path, 2024, three_public_rows()))
    ctx.__dict__["anomalies"] = pd.DataFrame(list(anomalies), columns=list(anomaly("", "")),
                                             dtype=object)
    return list(RULES[rule_id].func(ctx))


ES_L = f"{F}:L1:expenditure_summary"


def test_s04_text_in_a_number_column_one_finding_per_table_and_text(tmp_path):
    not_read = "not an amount: '见说明'; not read as a number"
    assert anomaly_findings(
        tmp_path, "S04",
        anomaly("text_in_number", not_read, "见说明"),
        anomaly("text_in_number", "second", "—", row_=3, column="basic"),
        anomaly("text_in_number", "third", "见说明", row_=4, column="project", page=5),
        anomaly("repaired_code", "not S04's", "7", row_=5),
        anomaly("text_in_number", "no text kept", None, row_=6),
    ) == [
        Finding("S04", "warning", "支出总表：数字列中出现文字“见说明”（2处）",
                f"expenditure_summary: text in a number column “见说明” (2 cells): {not_read}",
                locations=(f"{ES_L}:r2:total", f"{F}:p5:expenditure_summary:r4:project")),
        Finding("S04", "warning", "支出总表：数字列中出现文字“—”（1处）",
                "expenditure_summary: text in a number column “—” (1 cells): second",
                locations=(f"{ES_L}:r3:basic",)),
        Finding("S04", "warning", "支出总表：数字列中出现文字（1处）",
                "expenditure_summary: text in a number column  (1 cells): no text kept",
                locations=(f"{ES_L}:r6:total",)),
    ]


@pytest.mark.parametrize("text", [
    "12.798", "≤90%", "≥ 1,000 万元", "＜10万", "95％", "3个", "=5", "≦ 2.5 人", "≧12天",
    "＝1项", ">0.5元", "<7篇", "8条", "2次", "其他资金", "合 计", "项目支出",
])
def test_s04_a_figure_a_bound_or_a_measure_name_is_not_text(tmp_path, text):
    assert anomaly_findings(tmp_path, "S04", anomaly("text_in_number", "m", text)) == []


@pytest.mark.parametrize("text", ["90%以上", "约10万", "十", "见附表12.5", "12.5元/人"])
def test_s04_words_beside_a_figure_are_text(tmp_path, text):
    assert [f.message_zh for f in anomaly_findings(
        tmp_path, "S04", anomaly("text_in_number", "m", text))] == [
        f"支出总表：数字列中出现文字“{text}”（1处）"]


def test_s04_an_anomaly_outside_a_known_table_or_in_none(tmp_path):
    assert anomaly_findings(
        tmp_path, "S04",
        anomaly("text_in_number", "m1", "甲", table="mystery", row_=None, column=None, line=None,
                page=2, file="tables.xlsx"),
        anomaly("text_in_number", "m2", "乙", table=None, row_=None, column=None),
    ) == [
        Finding("S04", "warning", "mystery：数字列中出现文字“甲”（1处）",
                "mystery: text in a number column “甲” (1 cells): m1",
                locations=("tables.xlsx:p2:mystery",)),
        Finding("S04", "warning", "数字列中出现文字“乙”（1处）",
                "text in a number column “乙” (1 cells): m2", locations=(f"{F}:L1",)),
    ]


def test_s06_rows_not_read_are_one_info_per_table(tmp_path):
    assert anomaly_findings(
        tmp_path, "S06",
        anomaly("unparsed_row", "row a", "甲 乙", table="performance_targets", column=None),
        anomaly("unparsed_row", "row b", "丙", table="performance_targets", row_=3, column=None),
        anomaly("unparsed_row", "row c", None, table="three_public", row_=4, column=None),
        anomaly("unrecognized_table", "no kind: '某表'", None, table="unrecognized", row_=None,
                column=None),
    ) == [
        Finding("S06", "info", "绩效目标表：本程序无法读取的表格行，如“甲 乙”（2处）",
                "performance_targets: a table row our reader could not read ，如“甲 乙” "
                "(2 cells): row a",
                locations=(f"{F}:L1:performance_targets:r2", f"{F}:L1:performance_targets:r3")),
        Finding("S06", "info", "“三公”经费表：本程序无法读取的表格行（1处）",
                "three_public: a table row our reader could not read  (1 cells): row c",
                locations=(f"{F}:L1:three_public:r4",)),
        Finding("S06", "info", "unrecognized：无法识别的表格（1处）",
                "unrecognized: a table of no known kind  (1 cells): no kind: '某表'",
                locations=(f"{F}:L1:unrecognized",)),
    ]


def test_s02_s03_s05_each_anomaly_kind_at_its_rule_and_severity(tmp_path):
    meta = anomaly("metadata", "amount in a table whose unit is unknown", "10.00")
    empty = anomaly("empty_note_with_figures", "the note says …", None, row_=None, column=None)
    repaired = anomaly("repaired_code", "款/项 5 read as 05", "5 5", column="line_code")
    malformed = anomaly("malformed_code", "code '20a' is not numeric", "20a", row_=3,
                        column="line_code")
    others = [meta, empty, repaired, malformed]
    assert anomaly_findings(tmp_path, "S02", *others) == [Finding(
        "S02", "warning", "支出总表：表格间部门、年度或单位不一致或缺失“10.00”（1处）",
        "expenditure_summary: department, year or unit missing or inconsistent “10.00” "
        "(1 cells): amount in a table whose unit is unknown", locations=(f"{ES_L}:r2:total",))]
    assert anomaly_findings(tmp_path, "S03", *others) == [Finding(
        "S03", "error", "支出总表：表注称本表为空表，但表中列示了数字（1处）",
        "expenditure_summary: the note says the table is empty, yet it prints figures  "
        "(1 cells): the note says …", locations=(ES_L,))]
    assert anomaly_findings(tmp_path, "S05", *others) == [
        Finding("S05", "warning", "支出总表：科目编码印刷有误（已按上下文读取）“5 5”（1处）",
                "expenditure_summary: classification code printed wrongly (read from context) "
                "“5 5” (1 cells): 款/项 5 read as 05", locations=(f"{ES_L}:r2:line_code",)),
        Finding("S05", "warning", "支出总表：科目编码无法识别“20a”（1处）",
                "expenditure_summary: classification code unreadable “20a” (1 cells): code "
                "'20a' is not numeric", locations=(f"{ES_L}:r3:line_code",)),
    ]
    assert anomaly_findings(tmp_path, "S06", *others) == []


def test_s04_end_to_end_from_a_printed_cell(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows(), general_budget_table(
        row("", "合计", "1.00", "1.00", "见说明"), row("201", "一般公共服务支出", "1.00", "1.00",
                                                    "")))
    assert found(doc, "S04") == [(
        "S04", "structure", "warning", "一般公共预算支出表：数字列中出现文字“见说明”（1处）",
        "general_budget_expenditure: text in a number column “见说明” (1 cells): not an amount: "
        "'见说明'; not read as a number", None, None, None,
        f"{F}:L1:general_budget_expenditure:r1:project")]


# ---- W01 / W02: each level of a classification adds up --------------------------------------


TOTAL_ONLY = row("科目编码", "科目名称", "合计")
ES = f"{F}:L1:expenditure_summary"
GB = f"{F}:L1:general_budget_expenditure"


def test_w01_a_class_and_a_section_against_their_lines_in_each_measure(tmp_path):
    """201 prints 10 | 6 | 4 over 20101 (7 | 6 | 1) + 20102 (2 | 0 | 2): 合计 9, 项目 3.

    20101 prints 7 | 6 | 1 over 2010101 (6 | 6 | blank) + 2010102 (0.50 | blank | 0.50).
    """
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "15.00", "11.00", "4.00"),
        row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
        row("20101", "人大事务", "7.00", "6.00", "1.00"),
        row("2010101", "行政运行", "6.00", "6.00", ""),
        row("2010102", "一般行政管理事务", "0.50", "", "0.50"),
        row("20102", "政协事务", "2.00", "0", "2.00"),
        row("208", "社会保障和就业支出", "5.00", "5.00", "")))
    assert found(doc, "W01") == [
        ("W01", "within_table", "error",
         "支出总表 201 一般公共服务支出 类 = Σ款（合计）：应为 9.00 万元，列示 10.00 万元，差 1.00 "
         "万元",
         "expenditure_summary 201 class = Σ sections (total): expected 9.00, printed 10.00 "
         "(万元), difference 1.00", 9 * W, 10 * W, W,
         f"{ES}:r2:total; {ES}:r3:total; {ES}:r6:total"),
        ("W01", "within_table", "error",
         "支出总表 20101 人大事务 款 = Σ项（合计）：应为 6.50 万元，列示 7.00 万元，差 0.50 万元",
         "expenditure_summary 20101 section = Σ items (total): expected 6.50, printed 7.00 "
         "(万元), difference 0.50", Decimal(65000), 7 * W, Decimal(5000),
         f"{ES}:r3:total; {ES}:r4:total; {ES}:r5:total"),
        ("W01", "within_table", "error",
         "支出总表 201 一般公共服务支出 类 = Σ款（项目支出）：应为 3.00 万元，列示 4.00 万元，"
         "差 1.00 万元",
         "expenditure_summary 201 class = Σ sections (project expenditure): expected 3.00, "
         "printed 4.00 (万元), difference 1.00", 3 * W, 4 * W, W,
         f"{ES}:r2:project; {ES}:r3:project; {ES}:r6:project"),
        ("W01", "within_table", "error",
         "支出总表 20101 人大事务 款 = Σ项（项目支出）：应为 0.50 万元，列示 1.00 万元，差 0.50 万"
         "元",
         "expenditure_summary 20101 section = Σ items (project expenditure): expected 0.50, "
         "printed 1.00 (万元), difference 0.50", Decimal(5000), W, Decimal(5000),
         f"{ES}:r3:project; {ES}:r5:project"),
    ]


def class_over_sections(class_total: str, *sections: str) -> Grid:
    """合计 and 201 print ``class_total``; 201's sections print ``sections`` (合计 only)."""
    return expenditure(
        row("", "合计", class_total), row("201", "一般公共服务支出", class_total),
        *(row(f"201{index:02d}", f"款{index}", value)
          for index, value in enumerate(sections, start=1)), header=TOTAL_ONLY)


def class_finding(severity: str, expected: str, printed: str, difference: str, count: int,
                  note_zh: str = "", note_en: str = "") -> tuple:
    cells = "; ".join(f"{ES}:r{r}:total" for r in range(2, count + 3))
    return ("W01", "within_table", severity,
            f"支出总表 201 一般公共服务支出 类 = Σ款（合计）：应为 {expected} 万元，列示 {printed} "
            f"万元，差 {difference} 万元{note_zh}",
            f"expenditure_summary 201 class = Σ sections (total): expected {expected}, printed "
            f"{printed} (万元), difference {difference}{note_en}",
            Decimal(expected) * W, Decimal(printed) * W,
            (Decimal(printed) - Decimal(expected)) * W, cells)


ROUNDING = ("（在四舍五入误差范围内）", " (within rounding)")


@pytest.mark.parametrize(("printed", "sections", "severity"), [
    # 2 sections and the class: 3 printed figures × 50 yuan = 150 yuan
    ("3.01", ("1.00", "2.00"), "info"),
    ("3.02", ("1.00", "2.00"), "error"),
    ("2.99", ("1.00", "2.00"), "info"),
    ("2.98", ("1.00", "2.00"), "error"),
    # 3 sections: 4 × 50 = 200 yuan
    ("3.02", ("1.00", "1.00", "1.00"), "info"),
    ("3.03", ("1.00", "1.00", "1.00"), "error"),
    ("2.98", ("1.00", "1.00", "1.00"), "info"),
    ("2.97", ("1.00", "1.00", "1.00"), "error"),
    # 1 section: 2 × 50 = 100 yuan
    ("1.01", ("1.00",), "info"),
    ("1.02", ("1.00",), "error"),
])
def test_w01_rounding_tolerance_one_fen_inside_and_outside(tmp_path, printed, sections,
                                                           severity):
    doc = disclosure(tmp_path, 2024, class_over_sections(printed, *sections))
    expected = f"{sum(Decimal(s) for s in sections):.2f}"
    difference = f"{Decimal(printed) - Decimal(expected):.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    assert found(doc, "W01") == [class_finding(severity, expected, printed, difference,
                                               len(sections), *notes)]


def test_w01_a_blank_section_counts_among_the_figures_rounding_explains(tmp_path):
    """Sections 1.00, blank, 2.00: three lines, so 4 × 50 = 200 yuan explain 3.02."""
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "3.02"), row("201", "一般公共服务支出", "3.02"),
        row("20101", "款1", "1.00"), row("20102", "款2", ""), row("20103", "款3", "2.00"),
        header=TOTAL_ONLY))
    assert found(doc, "W01") == [(
        "W01", "within_table", "info",
        "支出总表 201 一般公共服务支出 类 = Σ款（合计）：应为 3.00 万元，列示 3.02 万元，差 0.02 万"
        "元"
        "（在四舍五入误差范围内）",
        "expenditure_summary 201 class = Σ sections (total): expected 3.00, printed 3.02 (万元), "
        "difference 0.02 (within rounding)", 3 * W, Decimal(30200), Decimal(200),
        f"{ES}:r2:total; {ES}:r3:total; {ES}:r5:total")]


@pytest.mark.parametrize("sections", [("1.00", "2.00"), ("1.00", "1.00", "1.00")])
def test_w01_a_class_that_adds_up_is_no_finding(tmp_path, sections):
    assert found(disclosure(tmp_path, 2024, class_over_sections("3.00", *sections)), "W01") == []


TIMES = ("（各行之和恰为合计的{k}倍：行的层级可能读错，未能核对）",
         " (the lines add up to exactly {k} times the total: their levels were likely misread; "
         "not verified)")


def test_w01_sections_adding_up_to_three_times_their_class_are_not_verified(tmp_path):
    doc = disclosure(tmp_path, 2024, class_over_sections("1.00", "1.00", "1.00", "1.00"))
    assert found(doc, "W01") == [class_finding(
        "info", "3.00", "1.00", "-2.00", 3, TIMES[0].format(k=3), TIMES[1].format(k=3))]


def test_w01_twice_a_total_of_one_yuan_is_still_a_multiple(tmp_path):
    """A table in 元: 201 prints 1.00 yuan over sections of 1.00 + 1.00 (exact, no rounding)."""
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "1.00"), row("201", "一般公共服务支"
                                          "出", "1.00"), row("20101", "款1", "1.00"),
        row("20102", "款2", "1.00"), header=TOTAL_ONLY, unit="元"))
    assert found(doc, "W01") == [(
        "W01", "within_table", "info",
        "支出总表 201 一般公共服务支出 类 = Σ款（合计）：应为 0.0002 万元，列示 0.0001 万元，差 -0."
        "0001 万元"
        + TIMES[0].format(k=2),
        "expenditure_summary 201 class = Σ sections (total): expected 0.0002, printed 0.0001 "
        "(万元), difference -0.0001" + TIMES[1].format(k=2), Decimal(2), Decimal(1), Decimal(-1),
        f"{ES}:r2:total; {ES}:r3:total; {ES}:r4:total")]


@pytest.mark.parametrize(("printed", "sections"), [
    ("1.00", ("1.00", "1.50")),     # 2.5 times: not a whole multiple
    ("0.00", ("1.00", "1.00")),     # a printed 0 is no multiple of anything
    ("2.00", ("1.00", "0.50")),     # fewer than printed
])
def test_w01_lines_off_but_not_a_whole_multiple_are_errors(tmp_path, printed, sections):
    doc = disclosure(tmp_path, 2024, class_over_sections(printed, *sections))
    expected = f"{sum(Decimal(s) for s in sections):.2f}"
    difference = f"{Decimal(printed) - Decimal(expected):.2f}"
    assert found(doc, "W01") == [class_finding("error", expected, printed, difference,
                                               len(sections))]


def test_w01_twice_within_rounding_stays_a_rounding_note(tmp_path):
    """201 prints 0.01 over 0.01 + 0.01: twice, but 100 yuan is within 150 of rounding."""
    doc = disclosure(tmp_path, 2024, class_over_sections("0.01", "0.01", "0.01"))
    assert found(doc, "W01") == [class_finding("info", "0.02", "0.01", "-0.01", 2, *ROUNDING)]


def test_w01_a_blank_class_against_printed_sections(tmp_path):
    """201 prints 3 | blank | blank over 1 | 1 and 2 | 2: 基本支出 blank; 合计's 基本 3 ≠ 0."""
    doc = disclosure(tmp_path, 2024, general_budget_table(
        row("", "合计", "3.00", "3.00", ""),
        row("201", "一般公共服务支出", "3.00", "", ""),
        row("20101", "人大事务", "1.00", "1.00", ""),
        row("20102", "政协事务", "2.00", "2.00", "")))
    assert found(doc, "W01") == [
        ("W01", "within_table", "error",
         "一般公共预算支出表 201 一般公共服务支出 类 = Σ款（基本支出）：应为 3.00 万元，列示 空白，"
         "差 -3.00 万元",
         "general_budget_expenditure 201 class = Σ sections (basic expenditure): expected 3.00, "
         "printed blank (万元), difference -3.00", 3 * W, Decimal(0), -3 * W,
         # a blank cell has no amount record: located by file, table, row and column only
         f"{F}:general_budget_expenditure:r2:basic; {GB}:r3:basic; {GB}:r4:basic"),
        ("W01", "within_table", "error",
         "一般公共预算支出表 合计 = Σ类（基本支出）：应为 0.00 万元，列示 3.00 万元，差 3.00 万元",
         "general_budget_expenditure total = Σ classes (basic expenditure): expected 0.00, "
         "printed 3.00 (万元), difference 3.00", Decimal(0), 3 * W, 3 * W, f"{GB}:r1:basic"),
    ]
    assert found(doc, "W03") == [(
        "W03", "within_table", "error",
        "一般公共预算支出表“一般公共服务支出”行：合计 ≠ 基本支出 + 项目支出：应为 0.00 万元，"
        "列示 3.00 万元，差 3.00 万元",
        "general_budget_expenditure row 2 一般公共服务支出: total != basic + project: expected "
        "0.00, printed 3.00 (万元), difference 3.00", Decimal(0), 3 * W, 3 * W,
        f"{GB}:r2:total")]


def test_w01_a_total_without_classes_below_it_is_not_compared(tmp_path):
    doc = disclosure(tmp_path, 2024, general_budget_table(
        row("", "合计", "15.00", "15.00", ""), row("", "机关服务", "14.00", "14.00", "")))
    assert found(doc, "W01") == []


BE = f"{F}:L1:general_budget_basic_expenditure"


def basic_expenditure(*lines: list[Cell]) -> Grid:
    return grid("2024年一般公共预算基本支出表",
                row("科目编码", "科目名称", "合计", "人员经费", "公用经费"), *lines)


def test_w02_a_class_printed_twice_owns_the_lines_below_each(tmp_path):
    """301 printed twice (under two 政府 classes): 3 over 1 + 2, then 5 over 4 (not 3 + 4)."""
    doc = disclosure(tmp_path, 2024, basic_expenditure(
        row("", "合计", "8.00", "8.00", ""),
        row("301", "工资福利支出", "3.00", "3.00", ""),
        row("30101", "基本工资", "1.00", "1.00", ""),
        row("30102", "津贴补贴", "2.00", "2.00", ""),
        row("301", "工资福利支出", "5.00", "5.00", ""),
        row("30101", "基本工资", "4.00", "4.00", "")))
    assert found(doc, "W02") == [
        ("W02", "within_table", "error",
         "一般公共预算基本支出表 301 工资福利支出 类 = Σ款（合计）：应为 4.00 万元，列示 5.00 万元"
         "，"
         "差 1.00 万元",
         "general_budget_basic_expenditure 301 class = Σ sections (total): expected 4.00, "
         "printed 5.00 (万元), difference 1.00", 4 * W, 5 * W, W, f"{BE}:r5:total; {BE}:r6:total"),
        ("W02", "within_table", "error",
         "一般公共预算基本支出表 301 工资福利支出 类 = Σ款（人员经费）：应为 4.00 万元，列示 5.00 "
         "万元，"
         "差 1.00 万元",
         "general_budget_basic_expenditure 301 class = Σ sections (personnel costs): expected "
         "4.00, printed 5.00 (万元), difference 1.00", 4 * W, 5 * W, W,
         f"{BE}:r5:personnel; {BE}:r6:personnel"),
    ]


def test_w02_a_class_printed_once_owns_its_sections_wherever_printed(tmp_path):
    """301 over 30101 and 30102, the latter printed after 302: 3 = 1 + 2."""
    doc = disclosure(tmp_path, 2024, basic_expenditure(
        row("", "合计", "4.00", "3.00", "1.00"),
        row("301", "工资福利支出", "3.00", "3.00", ""),
        row("30101", "基本工资", "1.00", "1.00", ""),
        row("302", "商品和服务支出", "1.00", "", "1.00"),
        row("30102", "津贴补贴", "2.00", "2.00", "")))
    assert found(doc, "W02") == []


def test_w02_each_block_s_total_row_closes_its_own_measure(tmp_path):
    """决算 基本支出: 人员经费合计 6 (人员 only) and 公用经费合计 2 (公用 only) both hold."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年一般公共预算基本支出表", row("科目编码", "科目名称", "人员经费", "公用经费"),
        row("301", "工资福利支出", "6.00", ""), row("302", "商品和服务支出", "", "2.00"),
        row("", "人员经费合计", "6.00", ""), row("", "公用经费合计", "", "2.50")))
    assert found(doc, "W02") == [(
        "W02", "within_table", "error",
        "一般公共预算基本支出表 合计 = Σ类（公用经费）：应为 2.00 万元，列示 2.50 万元，差 0.50 万"
        "元",
        "general_budget_basic_expenditure total = Σ classes (operating costs): expected 2.00, "
        "printed 2.50 (万元), difference 0.50", 2 * W, Decimal(25000), Decimal(5000),
        f"{BE}:r4:public; {BE}:r2:public")]


# ---- W03: each row's total against the columns that split it ---------------------------------

def row_finding(kind: str, label: str, name: str, formula_zh: str, formula_en: str,
                expected: str, printed: str, severity: str, cells: str, row_: int = 2,
                note_zh: str = "", note_en: str = "") -> tuple:
    difference = f"{Decimal(printed) - Decimal(expected):.2f}"
    return ("W03", "within_table", severity,
            f"{label}“{name}”行：合计 ≠ {formula_zh}：应为 {expected} 万元，列示 {printed} 万元，"
            f"差 {difference} 万元{note_zh}",
            f"{kind} row {row_} {name}: total != {formula_en}: expected {expected}, printed "
            f"{printed} (万元), difference {difference}{note_en}",
            Decimal(expected) * W, Decimal(printed) * W,
            (Decimal(printed) - Decimal(expected)) * W, cells)


@pytest.mark.parametrize(("project", "severity"), [
    ("3.99", "info"),    # 10.00 against 6.00 + 3.99: 100 yuan, within 3 × 50
    ("3.98", "error"),   # 200 yuan
    ("4.01", "info"),
    ("4.02", "error"),
])
def test_w03_a_row_against_basic_plus_project_at_the_rounding_boundary(tmp_path, project,
                                                                       severity):
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "15.00", "11.00", "4.00"),
        row("201", "一般公共服务支出", "10.00", "6.00", project),
        row("208", "社会保障和就业支出", "5.00", "5.00", "0")))
    notes = ROUNDING if severity == "info" else ("", "")
    assert found(doc, "W03") == [row_finding(
        "expenditure_summary", "支出总表", "一般公共服务支出", "基本支出 + 项目支出",
        "basic + project", f"{6 + Decimal(project):.2f}", "10.00", severity,
        f"{ES}:r2:total; {ES}:r2:basic; {ES}:r2:project", 2, *notes)]


@pytest.mark.parametrize(("public", "severity"), [
    ("1.98", "info"),    # 3 parts: 4 × 50 = 200 yuan
    ("1.97", "error"),
])
def test_w03_basic_printed_as_personnel_and_public(tmp_path, public, severity):
    """杭州: 合计 = 人员经费 + 公用经费 + 项目支出 (no 基本支出 column)."""
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "6.00", "3.00", public, "1.00"),
        row("201", "一般公共服务支出", "6.00", "3.00", public, "1.00"),
        header=row("科目编码", "科目名称", "合计", "人员经费", "公用经费", "项目支出")))
    notes = ROUNDING if severity == "info" else ("", "")
    expected = f"{4 + Decimal(public):.2f}"
    assert found(doc, "W03") == [
        row_finding("expenditure_summary", "支出总表", name, "人员经费 + 公用经费 + 项目支出",
                    "personnel + public + project", expected, "6.00", severity,
                    f"{ES}:r{r}:total; {ES}:r{r}:personnel; {ES}:r{r}:public; {ES}:r{r}:project",
                    r, *notes)
        for r, name in ((1, "合计"), (2, "一般公共服务支出"))]


IS = f"{F}:L1:income_summary"


def test_w03_an_income_table_without_a_subtotal_adds_sources_and_balances(tmp_path):
    """合计 10 = 财政拨款 6 + 事业收入 3 + 上年结转 1; row 201 prints 5 over 3 + 1 (+ blank)."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年部门收入预算总表",
        row("科目编码", "科目名称", "合计", "财政拨款收入", "事业收入", "上年结转"),
        row("", "合计", "10.00", "6.00", "3.00", "1.00"),
        row("201", "一般公共服务支出", "5.00", "3.00", "1.00", ""),
        row("208", "社会保障和就业支出", "5.00", "3.00", "2.00", "")))
    assert found(doc, "W03") == [row_finding(
        "income_summary", "收入总表", "一般公共服务支出", "财政拨款收入 + 事业收入 + 上年结转",
        "fiscal_grant + business_income + carryover", "4.00", "5.00", "error",
        f"{IS}:r2:total; {IS}:r2:fiscal_grant; {IS}:r2:business_income")]


def test_w03_an_income_table_with_its_subtotal_column_checks_both_identities(tmp_path):
    """合计 10 = 本年收入小计 9 + 上年结转 1 on each row; 201's 9 ≠ 6 + 2."""
    doc = disclosure(tmp_path, 2024, income_table(
        ("合计", "本年收入小计", "财政拨款收入", "事业收入", "上年结转"),
        row("201", "一般公共服务支出", "10.00", "9.00", "6.00", "2.00", "1.00"),
        row("208", "社会保障和就业支出", "10.00", "9.00", "7.00", "2.00", "1.00"),
        row("212", "城乡社区支出", "10.00", "9.00", "7.00", "2.00", "1.00")))
    assert found(doc, "W03") == [(
        "W03", "within_table", "error",
        "收入总表“一般公共服务支出”行：本年收入小计 ≠ 财政拨款收入 + 事业收入：应为 8.00 万元，"
        "列示 9.00 万元，差 1.00 万元",
        "income_summary row 1 一般公共服务支出: income_subtotal != fiscal_grant + "
        "business_income: expected 8.00, printed 9.00 (万元), difference 1.00", 8 * W, 9 * W,
        W, f"{IS}:r1:income_subtotal; {IS}:r1:fiscal_grant; {IS}:r1:business_income")]


def test_w03_fiscal_grant_printed_whole_and_by_budget_counts_once(tmp_path):
    """财政拨款 6 (一般公共预算 4 + 政府性基金 2) + 事业收入 4 = 10: no finding."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年部门收入预算总表",
        row("科目编码", "科目名称", "合计", "财政拨款收入", "一般公共预算", "政府性基金预算",
            "事业收入"),
        row("", "合计", "10.00", "6.00", "4.00", "2.00", "4.00"),
        row("201", "一般公共服务支出", "10.00", "6.00", "4.00", "2.00", "4.00")))
    assert found(doc, "W03") == []


def test_w03_a_row_off_while_a_column_is_unmapped_is_not_verified(tmp_path):
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "13.00", "6.00", "4.00", "3.00"),
        row("201", "一般公共服务支出", "13.00", "6.00", "4.00", "3.00"),
        header=row("科目编码", "科目名称", "合计", "基本支出", "项目支出", "备用栏")))
    note = ("（表中另有未识别的金额列“备用栏”，未能核对）",
            " (not verified: the table has amount columns we could not map: 备用栏)")
    assert found(doc, "W03") == [
        row_finding("expenditure_summary", "支出总表", name, "基本支出 + 项目支出",
                    "basic + project", "10.00", "13.00", "info",
                    f"{ES}:r{r}:total; {ES}:r{r}:basic; {ES}:r{r}:project", r, *note)
        for r, name in ((1, "合计"), (2, "一般公共服务支出"))]


def test_w03_a_difference_within_rounding_keeps_its_rounding_note_beside_unmapped_columns(
        tmp_path):
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "10.01", "6.00", "4.00", "3.00"),
        row("201", "一般公共服务支出", "10.00", "6.00", "4.00", "3.00"),
        header=row("科目编码", "科目名称", "合计", "基本支出", "项目支出", "备用栏")))
    assert found(doc, "W03") == [row_finding(
        "expenditure_summary", "支出总表", "合计", "基本支出 + 项目支出", "basic + project",
        "10.00", "10.01", "info", f"{ES}:r1:total; {ES}:r1:basic; {ES}:r1:project", 1,
        *ROUNDING)]


def test_w03_every_unmapped_column_is_named(tmp_path):
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "15.00", "6.00", "4.00", "3.00", "2.00"),
        row("201", "一般公共服务支出", "15.00", "6.00", "4.00", "3.00", "2.00"),
        header=row("科目编码", "科目名称", "合计", "基本支出", "项目支出", "备用栏", "备查栏")))
    note = ("（表中另有未识别的金额列“备用栏、备查栏”，未能核对）",
            " (not verified: the table has amount columns we could not map: 备用栏、备查栏)")
    assert found(doc, "W03") == [
        row_finding("expenditure_summary", "支出总表", name, "基本支出 + 项目支出",
                    "basic + project", "10.00", "15.00", "info",
                    f"{ES}:r{r}:total; {ES}:r{r}:basic; {ES}:r{r}:project", r, *note)
        for r, name in ((1, "合计"), (2, "一般公共服务支出"))]


BLANK_TOTAL = [row("", "合计", "10.00", "6.00", "4.00"),
               row("201", "一般公共服务支出", "", "6.00", "4.00"),
               row("208", "社会保障和就业支出", "", "", "")]


def test_w03_a_blank_row_total_beside_printed_parts_is_compared(tmp_path):
    """201 prints no 合计 beside 6 + 4; 208 prints nothing at all (no finding)."""
    doc = disclosure(tmp_path, 2024, expenditure(*BLANK_TOTAL))
    assert [f[:3] + f[5:] for f in found(doc, "W03")] == [(
        "W03", "within_table", "error", 10 * W, Decimal(0), -10 * W,
        f"{F}:expenditure_summary:r2:total; {ES}:r2:basic; {ES}:r2:project")]


def test_w03_a_blank_row_total_is_said_to_be_blank(tmp_path):
    """A blank 合计 beside printed parts reads 列示 空白 (it read 列示 0.00 万元, which the
    document does not print), as W01 and W04 say."""
    doc = disclosure(tmp_path, 2024, expenditure(*BLANK_TOTAL))
    assert [f[3:5] for f in found(doc, "W03")] == [(
        "支出总表“一般公共服务支出”行：合计 ≠ 基本支出 + 项目支出：应为 10.00 万元，列示 空白，"
        "差 -10.00 万元",
        "expenditure_summary row 2 一般公共服务支出: total != basic + project: expected 10.00, "
        "printed blank (万元), difference -10.00")]


def test_w03_a_table_of_one_part_is_not_compared(tmp_path):
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "5.00", "4.00"), row("201", "一般公共服务支出", "5.00", "4.00"),
        header=row("科目编码", "科目名称", "合计", "基本支出")))
    assert found(doc, "W03") == []


# ---- W04: the summary tables add up and balance ----------------------------------------------

def summary(*lines: list[Cell], title: str = "2024年部门收支预算总表") -> Grid:
    return grid(title, row("收入项目", "预算数", "支出项目", "预算数"), *lines)


SU = f"{F}:L1:income_expenditure_summary"


def summary_with_subtotals(fiscal_grant: str = "11.00", spent: str = "13.00") -> Grid:
    """财政拨款 = 10 + 1; 本年收入 13 = 11 + 2; 本年支出 13 = 10 + 3; 总计 14 = 13 + 1."""
    return summary(
        row("一、财政拨款收入", fiscal_grant, "一、一般公共服务支出", "10.00"),
        row("1. 一般公共预算资金", "10.00", "二、城乡社区支出", "3.00"),
        row("2. 政府性基金", "1.00", "", ""),
        row("二、事业收入", "2.00", "", ""),
        row("本年收入合计", "13.00", "本年支出合计", spent),
        row("上年结转", "1.00", "结转下年", "1.00"),
        row("收入总计", "14.00", "支出总计", "14.00"))


def test_w04_a_consistent_summary_table_has_no_finding(tmp_path):
    assert found(disclosure(tmp_path, 2024, summary_with_subtotals()), "W04") == []


def test_w04_an_income_line_against_the_lines_under_it(tmp_path):
    doc = disclosure(tmp_path, 2024, summary_with_subtotals(fiscal_grant="12.00"))
    assert found(doc, "W04") == [
        # each side's total first: 本年收入合计 13 against 12 + 2 (sub-lines are not lines)
        ("W04", "within_table", "error",
         "收支总表 本年收入合计 = Σ收入（收入预算数）：应为 14.00 万元，列示 13.00 万元，差 -1.00 "
         "万元",
         "income_expenditure_summary income_subtotal = Σ income lines (income): expected 14.00, "
         "printed 13.00 (万元), difference -1.00", 14 * W, 13 * W, -W,
         f"{SU}:r5:income; {SU}:r1:income; {SU}:r4:income"),
        ("W04", "within_table", "error",
         "收支总表 一、财政拨款收入 = Σ其下各项（收入预算数）：应为 11.00 万元，列示 12.00 万元，差"
         " 1.00 万元",
         "income_expenditure_summary fiscal_grant = Σ sub-lines (income): expected 11.00, "
         "printed 12.00 (万元), difference 1.00", 11 * W, 12 * W, W,
         f"{SU}:r1:income; {SU}:r2:income; {SU}:r3:income"),
    ]


def test_w04_each_income_line_against_the_lines_under_it(tmp_path):
    """财政拨款 12 = 10 + 2; then 事业收入 3 over 教育收费 1 + 其他 1.50 = 2.50."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "一、一般公共服务支出", "15.00"),
        row("1. 一般公共预算资金", "10.00", "", ""),
        row("2. 政府性基金", "2.00", "", ""),
        row("二、事业收入", "3.00", "", ""),
        row("1. 教育收费", "1.00", "", ""),
        row("2. 其他事业收入", "1.50", "", ""),
        row("收入总计", "15.00", "支出总计", "15.00")))
    assert found(doc, "W04") == [(
        "W04", "within_table", "error",
        "收支总表 二、事业收入 = Σ其下各项（收入预算数）：应为 2.50 万元，列示 3.00 万元，差 0.50 "
        "万元",
        "income_expenditure_summary business_income = Σ sub-lines (income): expected 2.50, "
        "printed 3.00 (万元), difference 0.50", Decimal(25000), 3 * W, Decimal(5000),
        f"{SU}:r4:income; {SU}:r5:income; {SU}:r6:income")]


def test_w04_a_blank_sub_line_counts_among_the_figures_rounding_explains(tmp_path):
    """财政拨款 12.02 over 10 + 2 + blank 国有资本经营预算: 4 × 50 = 200 yuan explain 0.02."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.02", "一、一般公共服务支出", "12.02"),
        row("1. 一般公共预算资金", "10.00", "", ""), row("2. 政府性基金", "2.00", "", ""),
        row("3. 国有资本经营预算", "", "", ""),
        row("收入总计", "12.02", "支出总计", "12.02")))
    assert found(doc, "W04") == [(
        "W04", "within_table", "info",
        "收支总表 一、财政拨款收入 = Σ其下各项（收入预算数）：应为 12.00 万元，列示 12.02 万元，差 "
        "0.02 万元"
        "（在四舍五入误差范围内）",
        "income_expenditure_summary fiscal_grant = Σ sub-lines (income): expected 12.00, printed "
        "12.02 (万元), difference 0.02 (within rounding)", 12 * W, Decimal(120200), Decimal(200),
        f"{SU}:r1:income; {SU}:r2:income; {SU}:r3:income")]


def test_w04_sub_lines_closing_the_income_side_and_no_income_total(tmp_path):
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "一、一般公共服务支出", "12.00"),
        row("1. 一般公共预算资金", "10.00", "", ""), row("2. 政府性基金", "2.00", "", ""),
        row("", "", "支出总计", "12.00")))
    assert found(doc, "W04") == [(
        "W04", "within_table", "info",
        "收支总表：支出总计 ≠ 收入总计：未比较，收支总表中未找到收入预算数（line_code=income_total"
        "）或该栏为空白",
        "income_expenditure_summary: expenditure total != income total: not compared, "
        "income_expenditure_summary income (line_code=income_total) is blank or was not found",
        None, None, None, f"{SU}:r4:expenditure; {SU}")]


def test_w04_fiscal_grant_and_its_budgets_on_one_level_count_once(tmp_path):
    """烟台 / 杭州: 财政拨款 12 and its budgets 10 and 2 all level 1; 收入总计 12 = 12."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "一、一般公共服务支出", "12.00"),
        row("一般公共预算拨款收入", "10.00", "", ""), row("政府性基金预算拨款收入", "2.00", "", ""),
        row("收入总计", "12.00", "支出总计", "12.00")))
    assert found(doc, "W04") == []


def test_w04_the_year_s_expenditure_against_its_classes(tmp_path):
    """本年支出合计 13.50 against 10 + 3; 支出总计 is not the side's target then."""
    doc = disclosure(tmp_path, 2024, summary_with_subtotals(spent="13.50"))
    assert found(doc, "W04") == [(
        "W04", "within_table", "error",
        "收支总表 本年支出合计 = Σ支出（支出预算数）：应为 13.00 万元，列示 13.50 万元，差 0.50 万"
        "元",
        "income_expenditure_summary expenditure_subtotal = Σ expenditure lines (expenditure): "
        "expected 13.00, printed 13.50 (万元), difference 0.50", 13 * W, Decimal(135000),
        Decimal(5000), f"{SU}:r5:expenditure; {SU}:r1:expenditure; {SU}:r2:expenditure")]


def test_w04_totals_add_their_balances_and_must_balance(tmp_path):
    """收入总计 16 against 12 + 2 + 上年结转 1; 支出总计 15.02 against 10 + 4 + 结转下年 1
    (0.02 within 4 × 50 yuan); and 15.02 ≠ 16."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "一、一般公共服务支出", "10.00"),
        row("二、事业收入", "2.00", "二、城乡社区支出", "4.00"),
        row("上年结转", "1.00", "结转下年", "1.00"),
        row("收入总计", "16.00", "支出总计", "15.02")))
    assert found(doc, "W04") == [
        ("W04", "within_table", "error",
         "收支总表 收入总计 = Σ收入（收入预算数）：应为 15.00 万元，列示 16.00 万元，差 1.00 万元",
         "income_expenditure_summary income_total = Σ income lines (income): expected 15.00, "
         "printed 16.00 (万元), difference 1.00", 15 * W, 16 * W, W,
         f"{SU}:r4:income; {SU}:r1:income; {SU}:r2:income; {SU}:r3:income"),
        ("W04", "within_table", "error",
         "收支总表：支出总计 ≠ 收入总计：应为 16.00 万元，列示 15.02 万元，差 -0.98 万元",
         "income_expenditure_summary: expenditure total != income total: expected 16.00, "
         "printed 15.02 (万元), difference -0.98", 16 * W, Decimal(150200), Decimal(-9800),
         f"{SU}:r4:income; {SU}:r4:expenditure"),
        ("W04", "within_table", "info",
         "收支总表 支出总计 = Σ支出（支出预算数）：应为 15.00 万元，列示 15.02 万元，差 0.02 万元"
         "（在四舍五入误差范围内）",
         "income_expenditure_summary expenditure_total = Σ expenditure lines (expenditure): "
         "expected 15.00, printed 15.02 (万元), difference 0.02 (within rounding)", 15 * W,
         Decimal(150200), Decimal(200),
         f"{SU}:r4:expenditure; {SU}:r1:expenditure; {SU}:r2:expenditure; {SU}:r3:expenditure"),
    ]


@pytest.mark.parametrize(("spent", "severity"), [("14.01", "info"), ("14.02", "error"),
                                                 ("13.99", "info"), ("13.98", "error")])
def test_w04_balance_of_the_totals_at_the_rounding_boundary(tmp_path, spent, severity):
    """收入总计 14 against 支出总计: one figure each side, 100 yuan of rounding."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "14.00", "基本支出", spent),
        row("收入总计", "14.00", "支出总计", spent)))
    difference = f"{Decimal(spent) - 14:.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    assert found(doc, "W04") == [(
        "W04", "within_table", severity,
        f"收支总表：支出总计 ≠ 收入总计：应为 14.00 万元，列示 {spent} 万元，差 {difference} 万元"
        f"{notes[0]}",
        f"income_expenditure_summary: expenditure total != income total: expected 14.00, "
        f"printed {spent} (万元), difference {difference}{notes[1]}", 14 * W,
        Decimal(spent) * W, (Decimal(spent) - 14) * W, f"{SU}:r2:income; {SU}:r2:expenditure")]


def test_w04_expenditure_printed_by_purpose_adds_its_uncoded_lines(tmp_path):
    """杭州: 基本支出 8 + 项目支出 6 = 14, not the 支出总计 15 printed."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "基本支出", "8.00"),
        row("二、事业收入", "2.00", "项目支出", "6.00"),
        row("收入总计", "14.00", "支出总计", "15.00")))
    assert found(doc, "W04") == [
        ("W04", "within_table", "error",
         "收支总表 支出总计 = Σ支出（支出预算数）：应为 14.00 万元，列示 15.00 万元，差 1.00 万元",
         "income_expenditure_summary expenditure_total = Σ expenditure lines (expenditure): "
         "expected 14.00, printed 15.00 (万元), difference 1.00", 14 * W, 15 * W, W,
         f"{SU}:r3:expenditure; {SU}:r1:expenditure; {SU}:r2:expenditure"),
        ("W04", "within_table", "error",
         "收支总表：支出总计 ≠ 收入总计：应为 14.00 万元，列示 15.00 万元，差 1.00 万元",
         "income_expenditure_summary: expenditure total != income total: expected 14.00, "
         "printed 15.00 (万元), difference 1.00", 14 * W, 15 * W, W,
         f"{SU}:r3:income; {SU}:r3:expenditure"),
    ]


def test_w04_expenditure_lines_between_income_lines_are_not_their_sub_lines(tmp_path):
    """深圳: uncoded 基本支出 / 项目支出 beside 财政拨款's sub-lines; 12 = 10 + 2."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "基本支出", "8.00"),
        row("1. 一般公共预算资金", "10.00", "项目支出", "4.00"),
        row("2. 政府性基金", "2.00", "", ""),
        row("收入总计", "12.00", "支出总计", "12.00")))
    assert found(doc, "W04") == []


FG = f"{F}:L1:fiscal_grant_summary"


def test_w04_the_fiscal_grant_summary_must_balance_too(tmp_path):
    doc = disclosure(tmp_path, 2024, summary(
        row("一、一般公共预算拨款", "10.00", "一、一般公共服务支出", "10.00"),
        row("二、政府性基金预算拨款", "2.00", "二、城乡社区支出", "3.00"),
        row("收入总计", "12.00", "支出总计", "13.00"), title="2024年财政拨款收支预算总表"))
    assert found(doc, "W04") == [(
        "W04", "within_table", "error",
        "财政拨款收支总表：支出总计 ≠ 收入总计：应为 12.00 万元，列示 13.00 万元，差 1.00 万元",
        "fiscal_grant_summary: expenditure total != income total: expected 12.00, printed 13.00 "
        "(万元), difference 1.00", 12 * W, 13 * W, W, f"{FG}:r3:income; {FG}:r3:expenditure")]


@pytest.mark.parametrize(("income", "severity"), [("15.02", "info"), ("15.03", "error")])
def test_w04_only_the_side_s_own_lines_count_for_rounding(tmp_path, income, severity):
    """收入总计 against 12 + 2 + 上年结转 1: 3 lines, 4 × 50 = 200 yuan (the expenditure
    lines beside them are not the income side's)."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "一、一般公共服务支出", "10.00"),
        row("二、事业收入", "2.00", "二、城乡社区支出", "4.00"),
        row("上年结转", "1.00", "结转下年", "1.00"),
        row("收入总计", income, "支出总计", "15.00")))
    difference = f"{Decimal(income) - 15:.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    side = ("W04", "within_table", severity,
            f"收支总表 收入总计 = Σ收入（收入预算数）：应为 15.00 万元，列示 {income} 万元，"
            f"差 {difference} 万元{notes[0]}",
            "income_expenditure_summary income_total = Σ income lines (income): expected "
            f"15.00, printed {income} (万元), difference {difference}{notes[1]}", 15 * W,
            Decimal(income) * W, (Decimal(income) - 15) * W,
            f"{SU}:r4:income; {SU}:r1:income; {SU}:r2:income; {SU}:r3:income")
    balance = ("W04", "within_table", "error",
               f"收支总表：支出总计 ≠ 收入总计：应为 {income} 万元，列示 15.00 万元，差 -"
               f"{difference} 万元",
               f"income_expenditure_summary: expenditure total != income total: expected "
               f"{income}, printed 15.00 (万元), difference -{difference}", Decimal(income) * W,
               15 * W, (15 - Decimal(income)) * W, f"{SU}:r4:income; {SU}:r4:expenditure")
    assert found(doc, "W04") == ([side, balance] if severity == "error" else [balance, side])


def test_w04_a_blank_balance_is_no_item_of_the_grand_total(tmp_path):
    """收入总计 14 = 12 + 2 (上年结转 blank); 支出总计 14.50 against 10 + 4 (结转下年 blank)."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "一、一般公共服务支出", "10.00"),
        row("二、事业收入", "2.00", "二、城乡社区支出", "4.00"),
        row("上年结转", "", "结转下年", ""),
        row("收入总计", "14.00", "支出总计", "14.50")))
    assert found(doc, "W04") == [
        ("W04", "within_table", "error",
         "收支总表 支出总计 = Σ支出（支出预算数）：应为 14.00 万元，列示 14.50 万元，差 0.50 万元",
         "income_expenditure_summary expenditure_total = Σ expenditure lines (expenditure): "
         "expected 14.00, printed 14.50 (万元), difference 0.50", 14 * W, Decimal(145000),
         Decimal(5000), f"{SU}:r4:expenditure; {SU}:r1:expenditure; {SU}:r2:expenditure"),
        ("W04", "within_table", "error",
         "收支总表：支出总计 ≠ 收入总计：应为 14.00 万元，列示 14.50 万元，差 0.50 万元",
         "income_expenditure_summary: expenditure total != income total: expected 14.00, "
         "printed 14.50 (万元), difference 0.50", 14 * W, Decimal(145000), Decimal(5000),
         f"{SU}:r4:income; {SU}:r4:expenditure"),
    ]


def test_w04_lines_after_the_balance_are_its_breakdown_not_the_year_s(tmp_path):
    """上年结转 1 then 其他收入 5 printed after it: 本年收入合计 12 = 财政拨款 12 alone."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "一、一般公共服务支出", "12.00"),
        row("本年收入合计", "12.00", "本年支出合计", "12.00"),
        row("上年结转", "1.00", "结转下年", "1.00"),
        row("其他收入", "5.00", "", ""),
        row("收入总计", "13.00", "支出总计", "13.00")))
    assert found(doc, "W04") == []


def test_w04_a_summary_whose_expenditure_side_is_its_total_column(tmp_path):
    """财政拨款收支总表 by budget: 支出总计 合计 12.50 against 201 10 + 212 2, and ≠ 收入 12."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年财政拨款收支预算总表",
        row("收入项目", "预算数", "支出项目", "合计", "一般公共预算", "政府性基金预算"),
        row("一、一般公共预算拨款", "10.00", "一、一般公共服务支出", "10.00", "10.00", ""),
        row("二、政府性基金预算拨款", "2.00", "二、城乡社区支出", "2.00", "", "2.00"),
        row("收入总计", "12.00", "支出总计", "12.50", "10.00", "2.00")))
    assert found(doc, "W04") == [
        ("W04", "within_table", "error",
         "财政拨款收支总表 支出总计 = Σ支出（合计）：应为 12.00 万元，列示 12.50 万元，差 0.50 万"
         "元",
         "fiscal_grant_summary expenditure_total = Σ expenditure lines (total): expected 12.00, "
         "printed 12.50 (万元), difference 0.50", 12 * W, Decimal(125000), Decimal(5000),
         f"{FGS}:r3:total; {FGS}:r1:total; {FGS}:r2:total"),
        ("W04", "within_table", "error",
         "财政拨款收支总表：支出总计 ≠ 收入总计：应为 12.00 万元，列示 12.50 万元，差 0.50 万元",
         "fiscal_grant_summary: expenditure total != income total: expected 12.00, printed "
         "12.50 (万元), difference 0.50", 12 * W, Decimal(125000), Decimal(5000),
         f"{FGS}:r3:income; {FGS}:r3:total"),
    ]


# ---- W05: the 三公 items add up ------------------------------------------------------------

TP = f"{F}:L1:three_public"


def three_public_lines(total="35.00", vehicle_operation="12.00", abroad_other=None) -> Grid:
    """合计 35 = 出国 5 + 车辆 20 + 接待 10; 车辆 20 = 购置 8 + 运行 12; 出国 5 = 2 + 3."""
    abroad = [row("", "其中：教学科研人员因公出国（境）费", "2.00"),
              row("", "其他因公出国（境）费", abroad_other)] if abroad_other else []
    return grid("2024年“三公”经费预算表", row("序号", "项目", "预算数"),
                row("", "合计", total),
                row("一、", "因公出国（境）费", "5.00"), *abroad,
                row("二、", "公务用车购置及运行费", "20.00"),
                row("", "其中：公务用车购置费", "8.00"),
                row("", "公务用车运行费", vehicle_operation),
                row("三、", "公务接待费", "10.00"))


@pytest.mark.parametrize("abroad_other", [None, "3.00"])
def test_w05_a_consistent_three_public_table(tmp_path, abroad_other):
    doc = disclosure(tmp_path, 2024, three_public_lines(abroad_other=abroad_other))
    assert found(doc, "W05") == []


def test_w05_each_identity_of_the_three_public_items(tmp_path):
    """合计 36 ≠ 35; 车辆 20 ≠ 8 + 12.50; 出国 5 ≠ 2 + 2.50."""
    doc = disclosure(tmp_path, 2024, three_public_lines("36.00", "12.50", "2.50"))
    assert found(doc, "W05") == [
        ("W05", "within_table", "error",
         "“三公”经费表 合计 = Σ分项（合计）：应为 35.00 万元，列示 36.00 万元，差 1.00 万元",
         "three_public total = Σ abroad+vehicle+reception (total): expected 35.00, printed "
         "36.00 (万元), difference 1.00", 35 * W, 36 * W, W,
         f"{TP}:r1:total; {TP}:r2:total; {TP}:r5:total; {TP}:r8:total"),
        ("W05", "within_table", "error",
         "“三公”经费表 公务用车购置及运行费 = Σ分项（合计）：应为 20.50 万元，列示 20.00 万元，"
         "差 -0.50 万元",
         "three_public vehicle = Σ vehicle_purchase+vehicle_operation (total): expected 20.50, "
         "printed 20.00 (万元), difference -0.50", Decimal(205000), 20 * W, Decimal(-5000),
         f"{TP}:r5:total; {TP}:r6:total; {TP}:r7:total"),
        ("W05", "within_table", "error",
         "“三公”经费表 因公出国（境）费 = Σ分项（合计）：应为 4.50 万元，列示 5.00 万元，差 0.50 万"
         "元",
         "three_public abroad = Σ abroad_research+abroad_other (total): expected 4.50, printed "
         "5.00 (万元), difference 0.50", Decimal(45000), 5 * W, Decimal(5000),
         f"{TP}:r2:total; {TP}:r3:total; {TP}:r4:total"),
    ]


def test_w05_the_total_of_three_public_meetings_and_training(tmp_path):
    """Item columns: 合计 44 against “三公” 35 + 会议费 5 + 培训费 3 = 43."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年“三公”经费、会议费、培训费预算表",
        row("合计", "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费",
            "会议费", "培训费"),
        row("44.00", "35.00", "5.00", "20.00", "10.00", "5.00", "3.00")))
    assert found(doc, "W05") == [(
        "W05", "within_table", "error",
        "“三公”经费表 合计 = Σ分项（合计）：应为 43.00 万元，列示 44.00 万元，差 1.00 万元",
        "three_public total_with_meetings = Σ total+meeting+training (total): expected 43.00, "
        "printed 44.00 (万元), difference 1.00", 43 * W, 44 * W, W,
        f"{TP}:r1:total_with_meetings@total; {TP}:r1:total@total; {TP}:r1:meeting@total; "
        f"{TP}:r1:training@total")]


def test_w05_the_three_public_total_in_a_row_of_item_columns_is_located_by_item(tmp_path):
    """“三公” 36 against 5 + 20 + 10 = 35, printed second on its row (after the 合计 44)."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年“三公”经费、会议费、培训费预算表",
        row("合计", "“三公”经费合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费",
            "会议费", "培训费"),
        row("44.00", "36.00", "5.00", "20.00", "10.00", "5.00", "3.00")))
    assert found(doc, "W05") == [(
        "W05", "within_table", "error",
        "“三公”经费表 “三公”经费合计 = Σ分项（合计）：应为 35.00 万元，列示 36.00 万元，差 1.00 万"
        "元",
        "three_public total = Σ abroad+vehicle+reception (total): expected 35.00, printed 36.00 "
        "(万元), difference 1.00", 35 * W, 36 * W, W,
        f"{TP}:r1:total@total; {TP}:r1:abroad@total; {TP}:r1:vehicle@total; "
        f"{TP}:r1:reception@total")]



def test_w05_one_part_printed_is_no_identity(tmp_path):
    """车辆 20 with only its 购置费 8 printed: nothing to add up."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年“三公”经费预算表", row("序号", "项目", "预算数"),
        row("", "合计", "35.00"), row("一、", "因公出国（境）费", "5.00"),
        row("二、", "公务用车购置及运行费", "20.00"), row("", "其中：公务用车购置费", "8.00"),
        row("三、", "公务接待费", "10.00")))
    assert found(doc, "W05") == []


# ---- W06: procurement ----------------------------------------------------------------------

PR = f"{F}:L1:procurement"


def procurement(total: str, *items: tuple[str, str, str, str]) -> Grid:
    return grid("2024年政府采购预算表", row("序号", "采购项目", "采购品目", "数量", "单价", "金额"),
                row("", "合计", "", "", "", total),
                *(row(str(n), name, "品目", quantity, price, amount)
                  for n, (name, quantity, price, amount) in enumerate(items, start=1)))


def test_w06_quantity_times_unit_price_and_the_total(tmp_path):
    """10 × 0.50 = 5; 3 × 1.00 = 3, not 3.50; 合计 31 against 5 + 3.50 + 22 = 30.50."""
    doc = disclosure(tmp_path, 2024, procurement(
        "31.00", ("办公设备", "10", "0.50", "5.00"), ("打印机", "3", "1.00", "3.50"),
        ("物业服务", "1", "22.00", "22.00")))
    assert found(doc, "W06") == [
        ("W06", "within_table", "error",
         "政府采购“打印机”：数量 3 × 单价 1.00 ≠ 金额：应为 3.00 万元，列示 3.50 万元，差 0.50 万"
         "元",
         "procurement 打印机: quantity × unit price != amount: expected 3.00, printed 3.50 "
         "(万元), difference 0.50", 3 * W, Decimal(35000), Decimal(5000),
         f"{PR}:r3:unit_price; {PR}:r3:total"),
        ("W06", "within_table", "error",
         "政府采购预算表 合计 = Σ采购项目（合计）：应为 30.50 万元，列示 31.00 万元，差 0.50 万元",
         "procurement total = Σ procurement rows (total): expected 30.50, printed 31.00 (万元), "
         "difference 0.50", Decimal(305000), 31 * W, Decimal(5000),
         f"{PR}:r1:total; {PR}:r2:total; {PR}:r3:total; {PR}:r4:total"),
    ]


@pytest.mark.parametrize(("amount", "severity"), [
    # 10 units at 0.50: 11 printed figures' rounding, 11 × 50 = 550 yuan
    ("5.05", "info"), ("5.06", "error"), ("4.95", "info"), ("4.94", "error"),
])
def test_w06_rounding_grows_with_the_quantity(tmp_path, amount, severity):
    doc = disclosure(tmp_path, 2024, procurement(amount, ("办公设备", "10", "0.50", amount)))
    difference = f"{Decimal(amount) - 5:.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    assert found(doc, "W06") == [(
        "W06", "within_table", severity,
        f"政府采购“办公设备”：数量 10 × 单价 0.50 ≠ 金额：应为 5.00 万元，列示 {amount} 万元，"
        f"差 {difference} 万元{notes[0]}",
        f"procurement 办公设备: quantity × unit price != amount: expected 5.00, printed {amount} "
        f"(万元), difference {difference}{notes[1]}", 5 * W, Decimal(amount) * W,
        (Decimal(amount) - 5) * W, f"{PR}:r2:unit_price; {PR}:r2:total")]


def test_w06_a_quantity_not_a_number_or_a_blank_price_is_not_multiplied(tmp_path):
    doc = disclosure(tmp_path, 2024, procurement(
        "9.00", ("办公设备", "若干", "0.50", "5.00"), ("打印机", "3", "", "4.00")))
    assert found(doc, "W06") == []


def test_w06_a_table_without_quantity_and_unit_price_is_left_to_w03(tmp_path):
    """合计 30 against 12 + 12 + 18 (a subtotal read as a row): rows nest, not compared."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年政府采购预算表", row("序号", "采购项目", "采购品目", "数量", "金额"),
        row("", "合计", "", "", "30.00"), row("1", "办公设备", "台式计算机", "10", "12.00"),
        row("", "办公设备小"
                "计", "", "", "12.00"), row("2", "物业服务", "物业管理服务", "1", "18.00")))
    assert found(doc, "W06") == []


# ---- W07: assets ---------------------------------------------------------------------------

AS = f"{F}:L1:assets"


@pytest.mark.parametrize(("total", "severity"), [
    ("100.00", "error"),    # 其中 excluded: 60 + 30 = 90
    ("90.01", "info"),      # 2 kinds: 3 × 50 = 150 yuan
    ("90.02", "error"),
])
def test_w07_asset_total_against_its_kinds(tmp_path, total, severity):
    doc = disclosure(tmp_path, 2024, grid(
        "2024年固定资产占用情况表", row("项目", "数量", "价值"),
        row("资产总额", "", total), row("一、房屋", "2", "60.00"),
        row("其中：办公用房", "1", "30.00"), row("二、车辆", "3", "30.00")))
    difference = f"{Decimal(total) - 90:.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    assert found(doc, "W07") == [(
        "W07", "within_table", severity,
        f"固定资产占用情况表 资产总额 = Σ各类资产（价值）：应为 90.00 万元，列示 {total} 万元，"
        f"差 {difference} 万元{notes[0]}",
        f"assets asset total = Σ kinds (value): expected 90.00, printed {total} (万元), "
        f"difference {difference}{notes[1]}", 90 * W, Decimal(total) * W,
        (Decimal(total) - 90) * W, f"{AS}:r1:value; {AS}:r2:value; {AS}:r4:value")]


# a finding lists at most 500 cells: the total and 499 of its lines
def test_a_sum_finding_lists_the_total_and_at_most_499_lines(tmp_path):
    """资产总额 8.00 over 501 kinds of 0.01 (5.01): 502 figures, 502 × 50 yuan of rounding."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年固定资产占用情况表", row("项目", "数量", "价值"), row("资产总额", "", "8.00"),
        *(row(f"{n}、资产{n}", "1", "0.01") for n in range(1, 502))))
    assert found(doc, "W07") == [(
        "W07", "within_table", "error",
        "固定资产占用情况表 资产总额 = Σ各类资产（价值）：应为 5.01 万元，列示 8.00 万元，差 2.99 "
        "万元",
        "assets asset total = Σ kinds (value): expected 5.01, printed 8.00 (万元), difference "
        "2.99", Decimal(50100), 8 * W, Decimal(29900),
        "; ".join(f"{AS}:r{r}:value" for r in range(1, 501)))]


# ---- W08: a project's appropriation within its funds ----------------------------------------

PT = f"{F}:L1:performance_targets"


def target_form(project: str, *funds: list[Cell]) -> Grid:
    return grid("财政项目支出绩效目标填报表", row("项目名称", project, "", ""), *funds)


def test_w08_the_appropriation_above_the_request_then_the_project_total(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows(),
                     target_form("社区服务", row("项目资金总额", "22.00", "年度资金申请总"
                                                                "额", "20.00"),
                                 row("当年财政拨款", "25.00", "", "")),
                     target_form("养老服务", row("项目资金总额", "12.00", "", ""),
                                 row("当年财政拨款", "13.00", "", "")),
                     target_form("助残服务", row("项目资金总额", "15.00", "年度资金申请总"
                                                                "额", "20.00"),
                                 row("当年财政拨款", "18.00", "", "")),
                     target_form("社区医疗", row("项目资金总额", "9.00", "年度资金申请总"
                                                               "额", "9.00"),
                                 row("当年财政拨款", "9.00", "", "")))
    assert found(doc, "W08") == [
        # above both: the request is named (and only it)
        ("W08", "within_table", "error",
         "绩效目标表“社区服务”：当年财政拨款超过年度资金申请总额：应为 20.00 万元，列示 25.00 万元"
         "，"
         "差 5.00 万元",
         "performance form 社区服务: current_grant above annual_request: expected 20.00, printed "
         "25.00 (万元), difference 5.00", 20 * W, 25 * W, 5 * W,
         f"{PT}:r3:current_grant; {PT}:r2:annual_request"),
        ("W08", "within_table", "error",
         "绩效目标表“养老服务”：当年财政拨款超过项目资金总额：应为 12.00 万元，列示 13.00 万元，"
         "差 1.00 万元",
         "performance form 养老服务: current_grant above project_total: expected 12.00, printed "
         "13.00 (万元), difference 1.00", 12 * W, 13 * W, W,
         f"{PT}:r3:current_grant; {PT}:r2:project_total"),
        # within the request, above the project total
        ("W08", "within_table", "error",
         "绩效目标表“助残服务”：当年财政拨款超过项目资金总额：应为 15.00 万元，列示 18.00 万元，"
         "差 3.00 万元",
         "performance form 助残服务: current_grant above project_total: expected 15.00, printed "
         "18.00 (万元), difference 3.00", 15 * W, 18 * W, 3 * W,
         f"{PT}:r3:current_grant; {PT}:r2:project_total"),
    ]


# ---- X01: the summary's expenditure by class against the expenditure table -----------------

def by_class(*lines: list[Cell]) -> Grid:
    """支出总表 合计 15 = 201 10 + 208 5 (基本支出 only)."""
    return expenditure(*(lines or (
        row("", "合计", "15.00", "15.00", ""), row("201", "一般公共服务支出", "10.00", "10.00", ""),
        row("208", "社会保障和就业支出", "5.00", "5.00", ""))))


def classes_summary(general: str = "10.00", total: str = "15.00") -> Grid:
    return summary(row("一、财政拨款收入", total, "一、一般公共服务支出", general),
                   row("", "", "二、社会保障和就业支出", "5.00"),
                   row("收入总计", total, "支出总计", total))


def test_x01_consistent_classes_have_no_finding(tmp_path):
    assert found(disclosure(tmp_path, 2024, classes_summary(), by_class()), "X01") == []


def test_x01_a_class_each_table_lacks_and_one_within_rounding(tmp_path):
    """收支总表 201 10.01 and 212 4.00; 支出总表 201 10.00 and 208 5.00."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "14.00", "一、一般公共服务支出", "10.01"),
        row("", "", "二、城乡社区支出", "4.00"),
        row("收入总计", "14.00", "支出总计", "14.01")), by_class())
    en = "expenditure_summary.total != income_expenditure_summary.expenditure"
    assert found(doc, "X01") == [
        ("X01", "across_tables", "error",
         "类 208：支出总表与收支总表不一致：应为 0.00 万元，列示 5.00 万元，差 5.00 万元",
         f"class 208: {en}: expected 0.00, printed 5.00 (万元), difference 5.00", Decimal(0),
         5 * W, 5 * W, f"{SU}; {ES}:r3:total"),
        ("X01", "across_tables", "error",
         "类 212：支出总表与收支总表不一致：应为 4.00 万元，列示 0.00 万元，差 -4.00 万元",
         f"class 212: {en}: expected 4.00, printed 0.00 (万元), difference -4.00", 4 * W,
         Decimal(0), -4 * W, f"{SU}:r2:expenditure; {ES}"),
        ("X01", "across_tables", "info",
         "类 201：支出总表与收支总表不一致：应为 10.01 万元，列示 10.00 万元，差 -0.01 万元"
         "（在四舍五入误差范围内）",
         f"class 201: {en}: expected 10.01, printed 10.00 (万元), difference -0.01 (within "
         "rounding)", Decimal(100100), 10 * W, Decimal(-100), f"{SU}:r1:expenditure; {ES}:r2:tota"
                                                              "l"),
    ]


def test_x01_a_class_one_fen_beyond_rounding_is_an_error(tmp_path):
    doc = disclosure(tmp_path, 2024, classes_summary("10.02", "15.02"), by_class())
    assert found(doc, "X01") == [(
        "X01", "across_tables", "error",
        "类 201：支出总表与收支总表不一致：应为 10.02 万元，列示 10.00 万元，差 -0.02 万元",
        "class 201: expenditure_summary.total != income_expenditure_summary.expenditure: "
        "expected 10.02, printed 10.00 (万元), difference -0.02", Decimal(100200), 10 * W,
        Decimal(-200), f"{SU}:r1:expenditure; {ES}:r2:total")]


def test_x01_a_summary_by_purpose_has_no_classes_to_compare(tmp_path):
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "15.00", "基本支出", "15.00"),
        row("收入总计", "15.00", "支出总计", "15.00")), by_class())
    assert found(doc, "X01") == [(
        "X01", "across_tables", "info", "未按类比较：收支总表（支出预算数）中未读到类级科目行",
        "classes not compared: no class lines read in income_expenditure_summary (expenditure)",
        None, None, None, SU)]


def test_x01_an_expenditure_table_without_classes(tmp_path):
    doc = disclosure(tmp_path, 2024, classes_summary(), by_class(
        row("", "合计", "15.00", "15.00", ""), row("", "机关服务", "15.00", "15.00", "")))
    assert found(doc, "X01") == [(
        "X01", "across_tables", "info", "未按类比较：支出总表（合计）中未读到类级科目行",
        "classes not compared: no class lines read in expenditure_summary (total)",
        None, None, None, ES)]


def test_x01_neither_table_prints_classes(tmp_path):
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "15.00", "基本支出", "15.00"),
        row("收入总计", "15.00", "支出总计", "15.00")), by_class(
        row("", "合计", "15.00", "15.00", ""), row("", "机关服务", "15.00", "15.00", "")))
    assert found(doc, "X01") == []


# ---- X03: the expenditure table's total against the summary's ------------------------------

X03_ZH = "支出总表合计与收支总表本年支出不一致"
X03_EN = "expenditure table total != summary current-year expenditure"


@pytest.mark.parametrize(("printed", "severity"), [("15.01", "info"), ("15.02", "error"),
                                                   ("14.99", "info"), ("14.98", "error")])
def test_x03_the_expenditure_total_at_the_rounding_boundary(tmp_path, printed, severity):
    doc = disclosure(tmp_path, 2024, classes_summary(), by_class(
        # one column off: the table is still read as reliable
        row("", "合计", printed, "15.00", ""), row("201", "一般公共服务支出", "10.00", "10.00", ""),
        row("208", "社会保障和就业支出", "5.00", "5.00", "")))
    difference = f"{Decimal(printed) - 15:.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    assert found(doc, "X03") == [(
        "X03", "across_tables", severity,
        f"{X03_ZH}：应为 15.00 万元，列示 {printed} 万元，差 {difference} 万元{notes[0]}",
        f"{X03_EN}: expected 15.00, printed {printed} (万元), difference {difference}{notes[1]}",
        15 * W, Decimal(printed) * W, (Decimal(printed) - 15) * W,
        f"{SU}:r3:expenditure; {ES}:r1:total")]


def test_x03_the_year_s_subtotal_when_printed(tmp_path):
    """本年支出合计 14 (支出总计 15 adds 结转下年 1) against 合计 15."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "14.00", "一、一般公共服务支出", "10.00"),
        row("", "", "二、社会保障和就业支出", "4.00"),
        row("本年收入合计", "14.00", "本年支出合计", "14.00"),
        row("上年结转", "1.00", "结转下年", "1.00"),
        row("收入总计", "15.00", "支出总计", "15.00")), by_class())
    assert found(doc, "X03") == [(
        "X03", "across_tables", "error", f"{X03_ZH}：应为 14.00 万元，列示 15.00 万元，差 1.00 万"
                                         "元",
        f"{X03_EN}: expected 14.00, printed 15.00 (万元), difference 1.00", 14 * W, 15 * W, W,
        f"{SU}:r3:expenditure; {ES}:r1:total")]


def test_x03_a_blank_total_is_not_compared(tmp_path):
    doc = disclosure(tmp_path, 2024, classes_summary(), by_class(
        row("", "合计", "", "15.00", ""), row("201", "一般公共服务支出", "10.00", "10.00", ""),
        row("208", "社会保障和就业支出", "5.00", "5.00", "")))
    assert found(doc, "X03") == [(
        "X03", "across_tables", "info",
        f"{X03_ZH}：未比较，支出总表中未找到合计（level=0）或该栏为空白",
        f"{X03_EN}: not compared, expenditure_summary total (level=0) is blank or was not found",
        None, None, None, f"{SU}:r3:expenditure; {ES}")]


def test_x03_a_summary_without_its_expenditure_total_is_not_compared(tmp_path):
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "15.00", "一、一般公共服务支出", "10.00"),
        row("", "", "二、社会保障和就业支出", "5.00"),
        row("收入总计", "15.00", "", "")), by_class())
    assert found(doc, "X03") == [(
        "X03", "across_tables", "info",
        f"{X03_ZH}：未比较，收支总表中未找到支出预算数（line_code=expenditure_total）或该栏为空白",
        f"{X03_EN}: not compared, income_expenditure_summary expenditure "
        "(line_code=expenditure_total) is blank or was not found", None, None, None,
        f"{ES}:r1:total; {SU}")]


# ---- X02: the income table against the summary's income ------------------------------------

def income_table(header: tuple[str, ...], *lines: list[Cell]) -> Grid:
    return grid("2024年部门收入预算总表", row("科目编码", "科目名称", *header), *lines)


def income_summary_lines(business: str | None = "2.00") -> Grid:
    """财政拨款 12 + 事业收入 2 = 本年收入 14; 上年结转 1; 收入总计 15."""
    business_line = [row("二、事业收入", business, "", "")] if business else []
    year = Decimal(12) + Decimal(business or 0)
    return summary(row("一、财政拨款收入", "12.00", "一、一般公共服务支出", f"{year:.2f}"),
                   *business_line,
                   row("本年收入合计", f"{year:.2f}", "本年支出合计", f"{year:.2f}"),
                   row("上年结转", "1.00", "结转下年", "1.00"),
                   row("收入总计", f"{year + 1:.2f}", "支出总计", f"{year + 1:.2f}"))


X02_TOTAL = ("收入总表合计与收支总表本年收入不一致",
             "income table total != summary current-year income")


def x02_source(source: str, zh: str, expected: str, printed: str, where: str,
               severity: str = "error", difference: str | None = None) -> tuple:
    difference = difference or f"{Decimal(printed) - Decimal(expected):.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    return ("X02", "across_tables", severity,
            f"收入总表与收支总表的{zh}不一致：应为 {expected} 万元，列示 {printed} 万元，差 "
            f"{difference} 万元{notes[0]}",
            f"income table {source} != summary {source}: expected {expected}, printed {printed} "
            f"(万元), difference {difference}{notes[1]}", Decimal(expected) * W,
            Decimal(printed) * W, (Decimal(printed) - Decimal(expected)) * W, where)


def test_x02_a_total_with_balances_against_the_summary_s_grand_total(tmp_path):
    """西安: 合计 15 = 12 + 2 + 上年结转 1 is 收入总计 15; 事业收入 2.50 ≠ 2."""
    doc = disclosure(tmp_path, 2024, income_summary_lines(), income_table(
        ("合计", "财政拨款收入", "事业收入", "上年结转"),
        row("", "合计", "15.00", "12.00", "2.50", "1.00"),
        row("201", "一般公共服务支出", "15.00", "12.00", "2.00", "1.00")))
    assert found(doc, "X02") == [x02_source("business_income", "事业收入", "2.00", "2.50",
                                            f"{SU}:r2:income; {IS}:r1:business_income")]


@pytest.mark.parametrize(("printed", "severity"), [
    ("14.00", None), ("14.01", "info"), ("14.02", "error"), ("13.99", "info"),
    ("13.98", "error")])
def test_x02_the_year_s_income_against_the_income_table_total(tmp_path, printed, severity):
    """No balance in the 合计 row (上年结转 0.00): 合计 against 本年收入合计 14."""
    doc = disclosure(tmp_path, 2024, income_summary_lines(), income_table(
        ("合计", "财政拨款收入", "事业收入", "上年结转"),
        row("", "合计", printed, "12.00", "2.00", "0.00"),
        row("201", "一般公共服务支出", "14.00", "12.00", "2.00", "0.00")))
    if severity is None:
        assert found(doc, "X02") == []
        return
    difference = f"{Decimal(printed) - 14:.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    assert found(doc, "X02") == [(
        "X02", "across_tables", severity,
        f"{X02_TOTAL[0]}：应为 14.00 万元，列示 {printed} 万元，差 {difference} 万元{notes[0]}",
        f"{X02_TOTAL[1]}: expected 14.00, printed {printed} (万元), difference "
        f"{difference}{notes[1]}", 14 * W, Decimal(printed) * W, (Decimal(printed) - 14) * W,
        f"{SU}:r3:income; {IS}:r1:total")]


def test_x02_an_income_subtotal_column_against_the_year_s_income(tmp_path):
    """本年收入小计 15 (with a 上年结转 1 beside it) against 本年收入合计 14."""
    doc = disclosure(tmp_path, 2024, income_summary_lines(), income_table(
        ("合计", "本年收入小计", "财政拨款收入", "事业收入", "上年结转"),
        row("", "合计", "16.00", "15.00", "12.00", "2.00", "1.00")))
    assert found(doc, "X02") == [(
        "X02", "across_tables", "error", f"{X02_TOTAL[0]}：应为 14.00 万元，列示 15.00 万元，差 1.0"
                                         "0 万元",
        f"{X02_TOTAL[1]}: expected 14.00, printed 15.00 (万元), difference 1.00", 14 * W,
        15 * W, W, f"{SU}:r3:income; {IS}:r1:income_subtotal")]


def test_x02_fiscal_grant_as_its_budgets_in_both_tables(tmp_path):
    """收支总表 一般公共预算 10 + 政府性基金 2 = 12; 收入总表 10 + 2.50 = 12.50; 事业收入
    0.00 in the income table only: nothing to compare."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、一般公共预算拨款收入", "10.00", "一、一般公共服务支出", "12.00"),
        row("二、政府性基金预算拨款收入", "2.00", "", ""),
        row("收入总计", "12.00", "支出总计", "12.00")), income_table(
        ("合计", "一般公共预算", "政府性基金预算", "事业收入"),
        row("", "合计", "12.00", "10.00", "2.50", "0.00"),
        row("201", "一般公共服务支出", "12.00", "10.00", "2.00", "0.00")))
    assert found(doc, "X02") == [x02_source("fiscal_grant", "财政拨款收入", "12.00", "12.50",
                                            f"{SU}:r1:income; {IS}:r1:general_budget")]


@pytest.mark.parametrize(("header", "figures", "expected"), [
    # one budget printed: 财政拨款 is that budget alone (10 ≠ 12)
    (("合计", "一般公共预算", "事业收入"), ("12.00", "10.00", "2.00"),
     x02_source("fiscal_grant", "财政拨款收入", "12.00", "10.00",
                f"{SU}:r1:income; {IS}:r1:general_budget")),
    # none: 财政拨款 is not printed in the income table
    (("合计", "事业收入"), ("14.00", "2.00"),
     ("X02", "across_tables", "info",
      "收入总表与收支总表的财政拨款收入不一致：未比较，收入总表中未找到财政拨款收入（level=0）或该"
      "栏为空白",
      "income table fiscal_grant != summary fiscal_grant: not compared, income_summary "
      "fiscal_grant (level=0) is blank or was not foun"
      "d", None, None, None, f"{SU}:r1:income; {IS}")),
])
def test_x02_fiscal_grant_from_the_budgets_the_income_table_prints(tmp_path, header, figures,
                                                                   expected):
    doc = disclosure(tmp_path, 2024, income_summary_lines(), income_table(
        header, row("", "合计", *figures)))
    assert [f for f in found(doc, "X02") if "fiscal_grant" in f[4]] == [expected]


def test_x02_sources_are_read_on_the_total_row_wherever_printed(tmp_path):
    """合计 printed last (14 = 12 + 2), after 201 (10 | 10 | 0) and 208 (4 | 2 | 2)."""
    doc = disclosure(tmp_path, 2024, income_summary_lines(), income_table(
        ("合计", "财政拨款收入", "事业收入"),
        row("201", "一般公共服务支出", "10.00", "10.00", "0.00"),
        row("208", "社会保障和就业支出", "4.00", "2.00", "2.00"),
        row("", "合计", "14.00", "12.00", "2.00")))
    assert found(doc, "X02") == []


def test_x02_a_balance_is_read_on_the_total_row(tmp_path):
    """合计 printed last with 上年结转 1 (201 prints 0.00): 合计 15 is 收入总计 15."""
    doc = disclosure(tmp_path, 2024, income_summary_lines(), income_table(
        ("合计", "财政拨款收入", "事业收入", "上年结转"),
        row("201", "一般公共服务支出", "10.00", "8.00", "2.00", "0.00"),
        row("208", "社会保障和就业支出", "5.00", "4.00", "0.00", "1.00"),
        row("", "合计", "15.00", "12.00", "2.00", "1.00")))
    assert found(doc, "X02") == []


def test_x02_a_source_only_the_income_table_prints(tmp_path):
    """事业收入 3 in the income table, no line in the summary: not compared."""
    doc = disclosure(tmp_path, 2024, income_summary_lines(business=None), income_table(
        ("合计", "财政拨款收入", "事业收入"),
        row("", "合计", "12.00", "12.00", "3.00")))
    assert found(doc, "X02") == [(
        "X02", "across_tables", "info",
        "收入总表与收支总表的事业收入不一致：未比较，收支总表中未找到收入预算数"
        "（line_code=business_income）或该栏为空白",
        "income table business_income != summary business_income: not compared, "
        "income_expenditure_summary income (line_code=business_income) is blank or was not "
        "found", None, None, None, f"{IS}:r1:business_income; {SU}")]


def test_x02_a_source_only_the_summary_prints(tmp_path):
    """事业收入 2 in the summary; the income table has no such column."""
    doc = disclosure(tmp_path, 2024, income_summary_lines(), income_table(
        ("合计", "财政拨款收入", "其他收入"), row("", "合计", "14.00", "12.00", "2.00")))
    assert found(doc, "X02") == [
        ("X02", "across_tables", "info",
         "收入总表与收支总表的事业收入不一致：未比较，收入总表中未找到事业收入（level=0）或该栏为空"
         "白",
         "income table business_income != summary business_income: not compared, "
         "income_summary business_income (level=0) is blank or was not found", None, None,
         None, f"{SU}:r2:income; {IS}"),
        ("X02", "across_tables", "info",
         "收入总表与收支总表的其他收入不一致：未比较，收支总表中未找到收入预算数"
         "（line_code=other_income）或该栏为空白",
         "income table other_income != summary other_income: not compared, "
         "income_expenditure_summary income (line_code=other_income) is blank or was not found",
         None, None, None, f"{IS}:r1:other_income; {SU}"),
    ]


def test_x02_a_source_printed_as_zero_in_the_summary_only(tmp_path):
    doc = disclosure(tmp_path, 2024, income_summary_lines(business="0.00"), income_table(
        ("合计", "财政拨款收入"), row("", "合计", "12.00", "12.00")))
    assert found(doc, "X02") == []


# ---- X04: the 财政拨款 summary against the general budget and fund tables ------------------

def fiscal_grant_by_budget(general: str = "10.00") -> Grid:
    """财政拨款收支总表: 201 from 一般公共预算 (``general``), 212 from 政府性基金 2."""
    return grid("2024年财政拨款收支预算总表",
                row("收入项目", "预算数", "支出项目", "合计", "一般公共预算", "政府性基金预算"),
                row("一、一般公共预算拨款", general, "一、一般公共服务支出", general, general, ""),
                row("二、政府性基金预算拨款", "2.00", "二、城乡社区支出", "2.00", "", "2.00"),
                row("收入总计", f"{Decimal(general) + 2:.2f}", "支出总计",
                    f"{Decimal(general) + 2:.2f}", general, "2.00"))


def function_table(title: str, code: str, name: str, amount: str) -> Grid:
    return grid(title, row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                row("", "合计", amount, "", amount), row(code, name, amount, "", amount))


def grant_summary(income: str, business: str | None = None) -> Grid:
    other = [row("二、事业收入", business, "", "")] if business else []
    return summary(row("一、财政拨款收入", income, "一、一般公共服务支出", "10.00"),
                   *other, row("", "", "二、城乡社区支出", "2.00"),
                   row("收入总计", income, "支出总计", "12.00"))


FGS = f"{F}:L1:fiscal_grant_summary"
X04_TOTALS = ("无非财政拨款收入，但收支总表收入总计与财政拨款收入总计不一致",
              "no non-appropriation income, yet the all-funds income total differs from the "
              "appropriation total")


def test_x04_classes_of_each_budget_and_the_income_totals(tmp_path):
    """一般公共预算支出表 201 10.50 ≠ 10.00; 政府性基金 212 2 = 2; 收入总计 12.50 ≠ 12."""
    doc = disclosure(tmp_path, 2024, fiscal_grant_by_budget(),
                     function_table("2024年一般公共预算支出表", "201", "一般公共服务支出", "10.50"),
                     function_table("2024年政府性基金预算支出表", "212", "城乡社区支出", "2.00"),
                     grant_summary("12.50"))
    assert found(doc, "X04") == [
        ("X04", "across_tables", "error",
         "类 201：一般公共预算支出表与财政拨款收支总表不一致：应为 10.00 万元，列示 10.50 万元，差 "
         "0.50 万元",
         "class 201: general_budget_expenditure.total != fiscal_grant_summary.general_budget: "
         "expected 10.00, printed 10.50 (万元), difference 0.50", 10 * W, Decimal(105000),
         Decimal(5000), f"{FGS}:r1:general_budget; {GB}:r2:total"),
        ("X04", "across_tables", "error",
         f"{X04_TOTALS[0]}：应为 12.50 万元，列示 12.00 万元，差 -0.50 万元",
         f"{X04_TOTALS[1]}: expected 12.50, printed 12.00 (万元), difference -0.50",
         Decimal(125000), 12 * W, Decimal(-5000), f"{SU}:r3:income; {FGS}:r3:income"),
    ]


def test_x04_a_fund_table_s_class_the_summary_lacks(tmp_path):
    doc = disclosure(tmp_path, 2024, fiscal_grant_by_budget(),
                     function_table("2024年政府性基金预算支出表", "229", "其他支出", "2.00"))
    assert found(doc, "X04") == [
        ("X04", "across_tables", "error",
         "类 212：政府性基金预算支出表与财政拨款收支总表不一致：应为 2.00 万元，列示 0.00 万元，差 "
         "-2.00 万元",
         "class 212: gov_fund_expenditure.total != fiscal_grant_summary.gov_fund: expected 2.00, "
         "printed 0.00 (万元), difference -2.00", 2 * W, Decimal(0), -2 * W,
         f"{FGS}:r2:gov_fund; {F}:L1:gov_fund_expenditure"),
        ("X04", "across_tables", "error",
         "类 229：政府性基金预算支出表与财政拨款收支总表不一致：应为 0.00 万元，列示 2.00 万元，差 "
         "2.00 万元",
         "class 229: gov_fund_expenditure.total != fiscal_grant_summary.gov_fund: expected 0.00, "
         "printed 2.00 (万元), difference 2.00", Decimal(0), 2 * W, 2 * W,
         f"{FGS}; {F}:L1:gov_fund_expenditure:r2:total"),
    ]


def test_x04_the_state_capital_column_against_its_table(tmp_path):
    """国有资本经营预算 column: 223 prints 1.00; its own table prints 1.50."""
    doc = disclosure(tmp_path, 2024, grid(
        "2024年财政拨款收支预算总表",
        row("收入项目", "预算数", "支出项目", "合计", "一般公共预算", "政府性基金预算", "国有资本经"
                                                              "营预算"),
        row("一、一般公共预算拨款", "10.00", "一、一般公共服务支出", "10.00", "10.00", "", ""),
        row("二、国有资本经营预算拨款", "1.00", "二、国有资本经营预算支出", "1.00", "", "", "1.00"),
        row("收入总计", "11.00", "支出总计", "11.00", "10.00", "", "1.00")),
        function_table("2024年国有资本经营预算支出表", "223", "国有资本经营预算支出", "1.50"))
    assert found(doc, "X04") == [(
        "X04", "across_tables", "error",
        "类 223：国有资本经营预算支出表与财政拨款收支总表不一致：应为 1.00 万元，列示 1.50 万元，差"
        " 0.50 万元",
        "class 223: state_capital_expenditure.total != fiscal_grant_summary.state_capital: "
        "expected 1.00, printed 1.50 (万元), difference 0.50", W, Decimal(15000), Decimal(5000),
        f"{FGS}:r2:state_capital; {F}:L1:state_capital_expenditure:r2:total")]


def test_x04_a_summary_without_budget_columns_has_no_classes_by_budget(tmp_path):
    """财政拨款收支总表 of two columns: its classes are not split by budget."""
    doc = disclosure(tmp_path, 2024, summary(
        row("一、一般公共预算拨款", "10.00", "一、一般公共服务支出", "10.00"),
        row("收入总计", "10.00", "支出总计", "10.00"), title="2024年财政拨款收支预算总表"),
        function_table("2024年一般公共预算支出表", "201", "一般公共服务支出", "10.00"))
    assert found(doc, "X04") == [(
        "X04", "across_tables", "info",
        "未按类比较：财政拨款收支总表（一般公共预算）中未读到类级科目行",
        "classes not compared: no class lines read in fiscal_grant_summary (general_budget)",
        None, None, None, FGS)]


@pytest.mark.parametrize(("business", "compared"), [
    ("0.50", False),   # other income: the all-funds total may differ
    ("0.00", True),    # printed as nil: none
])
def test_x04_income_totals_compared_only_without_other_income(tmp_path, business, compared):
    doc = disclosure(tmp_path, 2024, fiscal_grant_by_budget(), grant_summary("12.50", business))
    assert found(doc, "X04") == ([(
        "X04", "across_tables", "error",
        f"{X04_TOTALS[0]}：应为 12.50 万元，列示 12.00 万元，差 -0.50 万元",
        f"{X04_TOTALS[1]}: expected 12.50, printed 12.00 (万元), difference -0.50",
        Decimal(125000), 12 * W, Decimal(-5000), f"{SU}:r4:income; {FGS}:r3:income")]
        if compared else [])


def test_x04_consistent_tables_have_no_finding(tmp_path):
    doc = disclosure(tmp_path, 2024, fiscal_grant_by_budget(),
                     function_table("2024年一般公共预算支出表", "201", "一般公共服务支出", "10.00"),
                     function_table("2024年政府性基金预算支出表", "212", "城乡社区支出", "2.00"),
                     grant_summary("12.00"))
    assert found(doc, "X04") == []


# ---- X05: the general budget's 基本支出 against the economic table ---------------------------

def basic_total_table(total: str) -> Grid:
    return basic_expenditure(row("", "合计", total, "6.00", f"{Decimal(total) - 6:.2f}"),
                             row("301", "工资福利支出", "6.00", "6.00", ""),
                             row("302", "商品和服务支出", f"{Decimal(total) - 6:.2f}", "",
                                 f"{Decimal(total) - 6:.2f}"))


def general_basic(basic: str) -> Grid:
    return general_budget_table(row("", "合计", f"{Decimal(basic) + 1:.2f}", basic, "1.00"),
                                row("201", "一般公共服务支出", f"{Decimal(basic) + 1:.2f}", basic,
                                    "1.00"))


X05 = ("基本支出经济分类表合计与一般公共预算支出表基本支出不一致",
       "economic table total != general budget basic expenditure")


@pytest.mark.parametrize(("total", "severity"), [
    ("8.00", None), ("8.01", "info"), ("8.02", "error"), ("7.99", "info"), ("7.98", "error")])
def test_x05_the_economic_total_against_basic_expenditure(tmp_path, total, severity):
    doc = disclosure(tmp_path, 2024, general_basic("8.00"), basic_total_table(total))
    if severity is None:
        assert found(doc, "X05") == []
        return
    difference = f"{Decimal(total) - 8:.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    assert found(doc, "X05") == [(
        "X05", "across_tables", severity,
        f"{X05[0]}：应为 8.00 万元，列示 {total} 万元，差 {difference} 万元{notes[0]}",
        f"{X05[1]}: expected 8.00, printed {total} (万元), difference {difference}{notes[1]}",
        8 * W, Decimal(total) * W, (Decimal(total) - 8) * W, f"{GB}:r1:basic; {BE}:r1:total")]


def blocks_table(personnel: str, public: str) -> Grid:
    """决算 基本支出 without a 合计 column: 人员经费 and 公用经费 close their own blocks."""
    return grid("2024年一般公共预算基本支出表", row("科目编码", "科目名称", "人员经费", "公用经费"),
                row("", "合计", personnel, public), row("301", "工资福利支出", personnel, ""),
                row("302", "商品和服务支出", "", public))


X05_BLOCKS = ("一般公共预算支出表基本支出 ≠ 人员经费合计 + 公用经费合计",
              "general budget basic expenditure != personnel + public totals")


@pytest.mark.parametrize(("public", "severity"), [
    ("2.00", None), ("2.01", "info"), ("2.02", "error")])   # 3 figures: 150 yuan
def test_x05_basic_expenditure_against_the_block_totals(tmp_path, public, severity):
    doc = disclosure(tmp_path, 2024, general_basic("8.00"), blocks_table("6.00", public))
    if severity is None:
        assert found(doc, "X05") == []
        return
    blocks = 6 + Decimal(public)
    notes = ROUNDING if severity == "info" else ("", "")
    assert found(doc, "X05") == [(
        "X05", "across_tables", severity,
        f"{X05_BLOCKS[0]}：应为 {blocks:.2f} 万元，列示 8.00 万元，差 {8 - blocks:.2f} 万元"
        f"{notes[0]}",
        f"{X05_BLOCKS[1]}: expected {blocks:.2f}, printed 8.00 (万元), difference "
        f"{8 - blocks:.2f}{notes[1]}", blocks * W, 8 * W, (8 - blocks) * W,
        f"{GB}:r1:basic; {BE}:r1:personnel; {BE}:r1:public")]


def test_x05_each_block_closed_by_its_own_total_row(tmp_path):
    """人员经费合计 6 (人员 only) + 公用经费合计 2 (公用 only) = 基本支出 8."""
    doc = disclosure(tmp_path, 2024, general_basic("8.00"), grid(
        "2024年一般公共预算基本支出表", row("科目编码", "科目名称", "人员经费", "公用经费"),
        row("301", "工资福利支出", "6.00", ""), row("302", "商品和服务支出", "", "2.00"),
        row("", "人员经费合计", "6.00", ""), row("", "公用经费合计", "", "2.00")))
    assert found(doc, "X05") == []


def test_x05_block_totals_without_basic_expenditure_are_not_compared(tmp_path):
    doc = disclosure(tmp_path, 2024, general_budget_table(
        row("", "合计", "8.00", "", "8.00"), row("201", "一般公共服务支出", "8.00", "", "8.00")),
        blocks_table("6.00", "3.00"))
    assert found(doc, "X05") == []


# ---- X06: 三公 items beside their economic rows ----------------------------------------------

def economic_rows(reception: str, *operation: str, header=None) -> Grid:
    """302 = 30217 ``reception`` + 30231 printed once per ``operation`` (公用经费 only)."""
    total = Decimal(reception) + sum(Decimal(o) for o in operation)
    lines = [row("30217", "公务接待费", reception, "", reception),
             *(row("30231", "公务用车运行维护费", o, "", o) for o in operation)]
    return basic_expenditure(row("", "合计", f"{total:.2f}", "", f"{total:.2f}"),
                             row("302", "商品和服务支出", f"{total:.2f}", "", f"{total:.2f}"),
                             *lines)


def x06(item: str, name: str, code: str, economic: str, stated: str, where: str,
        severity: str = "warning", difference: str | None = None) -> tuple:
    difference = difference or f"{Decimal(stated) - Decimal(economic):.2f}"
    notes = ROUNDING if severity == "info" else ("", "")
    return ("X06", "across_tables", severity,
            f"“三公”经费{name}与经济分类{code}不同（项目支出中也可能安排）：应为 {economic} 万元，"
            f"列示 {stated} 万元，差 {difference} 万元{notes[0]}",
            f"三公 {item} differs from economic row {code}: expected {economic}, printed "
            f"{stated} (万元), difference {difference}{notes[1]}", Decimal(economic) * W,
            Decimal(stated) * W, (Decimal(stated) - Decimal(economic)) * W, where)


def test_x06_reception_and_vehicle_operation_beside_30217_and_30231(tmp_path):
    """接待 10 against 30217 9; 运行 12 against 30231 printed twice, 5 + 6 = 11."""
    doc = disclosure(tmp_path, 2024, three_public_rows(), economic_rows("9.00", "5.00", "6.00"))
    assert found(doc, "X06") == [
        x06("reception", "公务接待费", "30217", "9.00", "10.00", f"{BE}:r3:total; {TP}:r6:total"),
        x06("vehicle_operation", "公务用车运行维护费", "30231", "11.00", "12.00",
            f"{BE}:r4:total; {TP}:r5:total"),
    ]


@pytest.mark.parametrize(("reception", "severity"), [
    ("10.00", None), ("9.99", "info"), ("9.98", "warning"), ("10.01", "info"),
    ("10.02", "warning")])
def test_x06_at_the_rounding_boundary(tmp_path, reception, severity):
    doc = disclosure(tmp_path, 2024, three_public_rows(), economic_rows(reception, "12.00"))
    assert found(doc, "X06") == ([x06("reception", "公务接待费", "30217", reception, "10.00",
                                      f"{BE}:r3:total; {TP}:r6:total", severity)]
                                 if severity else [])


def test_x06_economic_rows_of_a_table_printed_as_blocks(tmp_path):
    """No 合计 column: 30217 in 公用经费 (9) and 30231 in both blocks (1 + 11 = 12)."""
    doc = disclosure(tmp_path, 2024, three_public_rows(), grid(
        "2024年一般公共预算基本支出表", row("科目编码", "科目名称", "人员经费", "公用经费"),
        row("", "合计", "1.00", "20.00"), row("30217", "公务接待费", "", "9.00"),
        row("30231", "公务用车运行维护费", "1.00", "11.00")))
    assert found(doc, "X06") == [
        x06("reception", "公务接待费", "30217", "9.00", "10.00", f"{BE}:r2:public; {TP}:r6:total"),
    ]


def test_x06_an_item_or_a_row_not_printed_is_not_compared(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows(), basic_expenditure(
        row("", "合计", "9.00", "", "9.00"), row("30217", "公务接待费", "9.00", "", "9.00")))
    assert found(doc, "X06") == [
        x06("reception", "公务接待费", "30217", "9.00", "10.00", f"{BE}:r2:total; {TP}:r6:total")]


@pytest.mark.parametrize(("header", "measure"), [("人员经费", "personnel"),
                                               ("公用经费", "public")])
def test_x06_an_economic_table_of_one_block_only(tmp_path, header, measure):
    doc = disclosure(tmp_path, 2024, three_public_rows(), grid(
        "2024年一般公共预算基本支出表", row("科目编码", "科目名称", header),
        row("", "合计", "9.00"), row("30217", "公务接待费", "9.00")))
    assert found(doc, "X06") == [x06("reception", "公务接待费", "30217", "9.00", "10.00",
                                     f"{BE}:r2:{measure}; {TP}:r6:total")]


def test_x06_an_economic_table_without_an_amount_per_row_is_not_compared(tmp_path):
    """The basic table read with a 项目支出 column only: no 合计, 人员 or 公用 to compare."""
    doc = disclosure(tmp_path, 2024, three_public_rows(), grid(
        "2024年一般公共预算基本支出表", row("科目编码", "科目名称", "项目支出"),
        row("", "合计", "9.00"), row("30217", "公务接待费", "9.00")))
    assert found(doc, "X06") == []


# ---- helpers.checks.doubts: signs that a table was misread -----------------------------------

def side_by_side(blocks: int) -> Grid:
    """A 收支总表 printing its expenditure ``blocks`` times across the page (西安)."""
    names = ["一、一般公共服务支出", "工资福利支出", "机关工资福利支出"][:blocks]
    return grid("2024年部门综合预算收支总表",
                row("收入项目", "预算数", *(["支出项目", "预算数"] * blocks)),
                row("一、财政拨款收入", "12.00", *(c for n in names for c in (n, "12.00"))),
                row("收入总计", "12.00", *(["支出总计", "12.00"] * blocks)))


@pytest.mark.parametrize(("blocks", "reason"), [
    (1, None), (2, "3"), (3, "4")])
def test_side_blocks_doubt_counts_the_lines_of_one_printed_row(tmp_path, blocks, reason):
    ctx = Context(disclosure(tmp_path, 2024, side_by_side(blocks)))
    assert doubts.side_blocks_doubt(ctx, "income_expenditure_summary") == (reason and (
        f"一行中读出{reason}个项目（收支两栏之外另有并排的栏目），并排的表可能被读成一栏 / "
        f"{reason} lines on one printed row: side-by-side blocks likely read as one"))
    assert doubts.side_blocks_doubt(ctx, "three_public") is None        # not printed
    assert doubts.reading_doubt(ctx, "income_expenditure_summary") == \
        doubts.side_blocks_doubt(ctx, "income_expenditure_summary")


def test_a_side_blocks_doubt_withholds_the_summary_s_findings(tmp_path):
    doc = disclosure(tmp_path, 2024, side_by_side(2))
    reason = ("一行中读出3个项目（收支两栏之外另有并排的栏目），并排的表可能被读成一栏 / 3 lines on"
              " "
              "one printed row: side-by-side blocks likely read as one")
    assert found(doc, "W04") == [(
        "W04", "within_table", "info",
        f"未能核对（收支总表：合计 = Σ各项，收入总计 = 支出总计）：收支总表未能可靠读取（{reason}）"
        "，"
        "可能是本程序读错而非文件有误",    # its sums hold as read: no difference withheld
        "not verified (summary tables: totals = Σ lines, income total = expenditure total): the "
        f"income_expenditure_summary table could not be read reliably ({reason}); this may be "
        "our misreading, not the document's error",
        None, None, None, SU)]


def rows_off(*projects: str) -> Grid:
    """支出总表 lines of 合计 10 = 基本 6 + 项目 (``project``): each row's own identity."""
    return expenditure(*(row(f"2{n:02d}", f"类{n}", "10.00", "6.00", project)
                                 for n, project in enumerate(projects, start=1)))


@pytest.mark.parametrize(("projects", "reason"), [
    (("4.00", "3.00", "3.00"), "2/3"),      # two of three rows off
    (("3.00", "3.00", "3.00"), "3/3"),
    (("4.00", "4.00", "3.00"), None),       # one of three
    (("4.00", "4.00", "3.00", "3.00"), None),   # two of four: not more than half
    (("3.00", "3.00"), None),               # fewer than three rows
    (("3.99", "3.99", "3.99"), None),       # 100 yuan off: within 3 × 50 yuan
    (("3.98", "3.98", "4.00"), "2/3"),      # 200 yuan off: beyond
])
def test_row_identity_doubt_when_most_rows_miss_their_total(tmp_path, projects, reason):
    ctx = Context(disclosure(tmp_path, 2024, rows_off(*projects)))
    expected = reason and (
        f"{reason}行的合计不等于基本支出+项目支出，列可能读错 / {reason.replace('/', ' of ')} "
        "rows miss total = basic + project: columns likely misread")
    assert doubts.row_identity_doubt(ctx, "expenditure_summary") == expected
    assert doubts.reading_doubt(ctx, "expenditure_summary") == expected
    assert doubts.row_identity_doubt(ctx, "three_public") is None


def test_row_identity_doubt_of_the_income_table_s_second_identity(tmp_path):
    """合计 10 = 本年收入小计 9 + 上年结转 1 on every row, but 9 ≠ 6 + 2 on two of three."""
    ctx = Context(disclosure(tmp_path, 2024, income_table(
        ("合计", "本年收入小计", "财政拨款收入", "事业收入", "上年结转"),
        row("201", "一般公共服务支出", "10.00", "9.00", "6.00", "2.00", "1.00"),
        row("208", "社会保障和就业支出", "10.00", "9.00", "6.00", "2.00", "1.00"),
        row("212", "城乡社区支出", "10.00", "9.00", "7.00", "2.00", "1.00"))))
    assert doubts.row_identity_doubt(ctx, "income_summary") == (
        "2/3行的本年收入小计不等于财政拨款收入+事业收入，列可能读错 / 2 of 3 rows miss "
        "income_subtotal = fiscal_grant + business_income: columns likely misread")


def test_row_identity_doubt_needs_two_parts(tmp_path):
    ctx = Context(disclosure(tmp_path, 2024, expenditure(
        *(row(f"2{n:02d}", f"类{n}", "10.00", "4.00") for n in range(1, 4)),
        header=row("科目编码", "科目名称", "合计", "基本支出"))))
    assert doubts.row_identity_doubt(ctx, "expenditure_summary") is None


def texts_context(tmp_path, *texts: str, kind: str = "text_in_number") -> Context:
    ctx = Context(disclosure(tmp_path, 2024, three_public_rows()))
    ctx.__dict__["anomalies"] = pd.DataFrame(
        [anomaly(kind, "m", text) for text in texts], columns=list(anomaly("", "")), dtype=object)
    return ctx


@pytest.mark.parametrize(("texts", "glued"), [
    (("出 1090.22",), "1个金额单元格中数字与文字粘连（如“出 1090.22”），金额未能读出 / 1 amount "
                      "cells hold a figure glued to words ('出 1090.22'): not read"),
    (("见说明", "障中18心39311.66", "出1090"),
     "2个金额单元格中数字与文字粘连（如“障中18心39311.66”），金额未能读出 / 2 amount cells hold a "
     "figure glued to words ('障中18心39311.66'): not read"),
    (("1,090.22",), None),      # a figure alone is no glued figure
    (("第3项",), None),         # a short number among words is not an amount
    (("共 123",), None),
    (("见说明",), None),
])
def test_glued_figures_doubt(tmp_path, texts, glued):
    ctx = texts_context(tmp_path, *texts)
    assert doubts.glued_figures_doubt(ctx, "expenditure_summary") == glued
    assert doubts.glued_figures_doubt(ctx, "three_public") is None
    if glued:
        assert doubts.reading_doubt(ctx, "expenditure_summary") == glued


@pytest.mark.parametrize(("texts", "label"), [
    (("当年支出小计",), "当年支出小计"),
    (("见说明", "结转下年资金"), "结转下年资金"),
    (("支出合计",), "支出合计"),
    (("本年收入",), "本年收入"),
    (("总计",), "总计"),
    (("结余分配",), "结余分配"),
    (("合计数见附表",), None),
    (("见说明",), None),
])
def test_shifted_labels_doubt(tmp_path, texts, label):
    ctx = texts_context(tmp_path, *texts)
    expected = label and (f"金额列中出现行名（如“{label}”），列可能错位 / row labels in an amount "
                          f"column ({label!r}): columns likely shifted")
    assert doubts.shifted_labels_doubt(ctx, "expenditure_summary") == expected
    assert doubts.reading_doubt(ctx, "expenditure_summary") == expected


def test_reading_doubt_takes_glued_figures_before_shifted_labels(tmp_path):
    ctx = texts_context(tmp_path, "支出合计", "出 1090.22")
    assert doubts.reading_doubt(ctx, "expenditure_summary") == \
        doubts.glued_figures_doubt(ctx, "expenditure_summary")
    assert doubts.reading_doubt(ctx, "expenditure_summary").startswith("1个金额单元格")
    assert texts_context(tmp_path, "出 1090.22", kind="malformed_code").number_cell_texts == {}


# ---- helpers.checks.values: where a figure lives ---------------------------------------------

def test_values_of_a_summary_printing_fiscal_grant_on_its_own_line(tmp_path):
    doc = disclosure(tmp_path, 2024, income_summary_lines(), three_public_lines())
    s = "income_expenditure_summary"
    assert values.fiscal_grant_income(doc) == Found(12 * W, f"{s}:r1:income")
    assert values.summary_line(doc, "business_income") == Found(2 * W, f"{s}:r2:income")
    assert values.summary_line(doc, "other_income") == Found(Decimal(0), f"{s}:absent")
    assert values.summary_line(doc, "income_total") == Found(15 * W, f"{s}:r5:income")
    assert values.summary_line(doc, "expenditure_total", "expenditure") == Found(
        15 * W, f"{s}:r5:expenditure")
    assert values.summary_line(doc, "expenditure_subtotal", "expenditure") == Found(
        14 * W, f"{s}:r3:expenditure")
    assert values.summary_line(doc, "no_such_line", "expenditure") is None
    assert values.three_public_value(doc, "total") == Found(35 * W, "three_public:r1:total")
    assert values.three_public_value(doc, "reception") == Found(10 * W, "three_public:r6:total")
    assert values.three_public_value(doc, "meeting") is None
    assert values.total_or_zero(doc, "three_public") == Found(35 * W, "three_public:r1:total")
    assert values.total_or_zero(doc, "assets") is None
    assert values.performance_total(doc) is None


def test_values_of_a_summary_printing_fiscal_grant_by_budget(tmp_path):
    doc = disclosure(tmp_path, 2024, summary(
        row("一、一般公共预算拨款收入", "10.00", "一、一般公共服务支出", "12.50"),
        row("二、政府性基金预算拨款收入", "2.00", "", ""),
        row("三、国有资本经营预算拨款收入", "0.50", "", ""),
        row("收入总计", "12.50", "支出总计", "12.50")), fiscal_grant_by_budget(),
        grid("2024年“三公”经费预算表", row("项目", "预算数"),
             row("因公出国（境）费", "1.00"), row("公务用车购置及运行费", "3.00")))
    s = "income_expenditure_summary"
    assert values.fiscal_grant_income(doc) == Found(Decimal(125000), f"{s}:r1:income")
    # the 财政拨款 summary's expenditure side is its 合计 column
    assert values.summary_expenditure_measure(doc.tables["fiscal_grant_summary"].frame) == "total"
    assert values.summary_expenditure_measure(doc.tables[s].frame) == "expenditure"
    assert values.three_public_value(doc, "total") == Found(4 * W, "three_public:Σitems")
    assert values.three_public_value(doc, "vehicle") == Found(3 * W, "three_public:r2:total")


def test_values_without_the_tables_they_read(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_lines(), grid(
        "2024年“三公”经费预算表", row("项目", "预算数")))
    assert values.fiscal_grant_income(doc) is None
    assert values.summary_line(doc, "business_income") is None
    items_only = disclosure(tmp_path, 2024, grid(
        "2024年“三公”经费预算表", row("项目", "预算数"), row("机关运行经费", "4.00")))
    assert values.three_public_value(items_only, "total") is None
    assert values.three_public_value(items_only, "admin_operating") == Found(
        4 * W, "three_public:r1:total")
    no_three_public = disclosure(tmp_path, 2024, income_summary_lines())
    assert values.three_public_value(no_three_public, "total") is None
    # a summary printing no 财政拨款 line: each budget counts as an absent 0
    assert values.fiscal_grant_income(disclosure(tmp_path, 2024, summary(
        row("二、事业收入", "2.00", "一、一般公共服务支出", "2.00"),
        row("收入总计", "2.00", "支出总计", "2.00")))) == Found(
        Decimal(0), "income_expenditure_summary:absent")


def test_values_of_a_summary_without_its_income_total(tmp_path):
    doc = disclosure(tmp_path, 2024, summary(
        row("一、财政拨款收入", "12.00", "一、一般公共服务支出", "12.00"),
        row("", "", "支出总计", "12.00")))
    s = "income_expenditure_summary"
    assert values.summary_line(doc, "income_total") is None      # not printed: not a 0
    assert values.summary_line(doc, "business_income") == Found(Decimal(0), f"{s}:absent")
    assert values.summary_line(doc, "expenditure_total", "expenditure") == Found(
        12 * W, f"{s}:r2:expenditure")
    assert values.summary_line(doc, "fiscal_grant", "expenditure") is None


def test_performance_total_adds_the_projects(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows(),
                     target_form("社区服务", row("项目资金总额", "22.00", "年度资金申请总"
                                                                "额", "20.00")),
                     target_form("养老服务", row("项目资金总额", "12.50", "", "")))
    assert values.performance_total(doc) == Found(Decimal(345000),
                                                  "performance_targets:Σproject_total")
    assert values.total_or_zero(doc, "performance_targets") == Found(
        Decimal(0), "performance_targets:empty")


# ---- across tables of different units: rounding of the coarser one ----------------------------

def test_x01_x03_a_table_in_yuan_against_one_in_wan(tmp_path):
    """支出总表 in 元: 201 100,050 against 10.00 万元 (50 yuan, within 0.01 万元's 100 yuan)."""
    doc = disclosure(tmp_path, 2024, classes_summary(), grid(
        "2024年部门支出预算总表", row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
        row("", "合计", "150050.00", "150050.00", ""),
        row("201", "一般公共服务支出", "100050.00", "100050.00", ""),
        row("208", "社会保障和就业支出", "50000.00", "50000.00", ""), unit="元"))
    assert found(doc, "X01") == [(
        "X01", "across_tables", "info",
        "类 201：支出总表与收支总表不一致：应为 10.00 万元，列示 10.005 万元，差 0.005 万元"
        "（在四舍五入误差范围内）",
        "class 201: expenditure_summary.total != income_expenditure_summary.expenditure: "
        "expected 10.00, printed 10.005 (万元), difference 0.005 (within rounding)", 10 * W,
        Decimal(100050), Decimal(50), f"{SU}:r1:expenditure; {ES}:r2:total")]
    assert found(doc, "X03") == [(
        "X03", "across_tables", "info",
        f"{X03_ZH}：应为 15.00 万元，列示 15.005 万元，差 0.005 万元（在四舍五入误差范围内）",
        f"{X03_EN}: expected 15.00, printed 15.005 (万元), difference 0.005 (within rounding)",
        15 * W, Decimal(150050), Decimal(50), f"{SU}:r3:expenditure; {ES}:r1:total")]


def test_x02_an_income_table_in_yuan(tmp_path):
    """事业收入 20,050 元 against 2.00 万元: 50 yuan, within the summary's 100."""
    doc = disclosure(tmp_path, 2024, income_summary_lines(), grid(
        "2024年部门收入预算总表",
        row("科目编码", "科目名称", "合计", "财政拨款收入", "事业收入", "上年结转"),
        row("", "合计", "140050.00", "120000.00", "20050.00", "0"), unit="元"))
    assert found(doc, "X02") == [
        ("X02", "across_tables", "info",
         f"{X02_TOTAL[0]}：应为 14.00 万元，列示 14.005 万元，差 0.005 万元（在四舍五入误差范围内"
         "）",
         f"{X02_TOTAL[1]}: expected 14.00, printed 14.005 (万元), difference 0.005 (within "
         "rounding)", 14 * W, Decimal(140050), Decimal(50), f"{SU}:r3:income; {IS}:r1:total"),
        x02_source("business_income", "事业收入", "2.00", "2.005",
                   f"{SU}:r2:income; {IS}:r1:business_income", "info", "0.005"),
    ]


def test_x05_x06_economic_rows_in_yuan(tmp_path):
    """Blocks 60,000 + 20,050 元 against 8.00 万元; 30217 99,950 元 against 接待 10.00 万元."""
    doc = disclosure(tmp_path, 2024, three_public_rows(), general_basic("8.00"), grid(
        "2024年一般公共预算基本支出表", row("科目编码", "科目名称", "人员经费", "公用经费"),
        row("", "合计", "60000.00", "20050.00"), row("301", "工资福利支出", "60000.00", ""),
        row("30217", "公务接待费", "", "99950.00"), unit="元"))
    assert found(doc, "X05") == [(
        "X05", "across_tables", "info",
        f"{X05_BLOCKS[0]}：应为 8.005 万元，列示 8.00 万元，差 -0.005 万元（在四舍五入误差范围内）",
        f"{X05_BLOCKS[1]}: expected 8.005, printed 8.00 (万元), difference -0.005 (within "
        "rounding)", Decimal(80050), 8 * W, Decimal(-50),
        f"{GB}:r1:basic; {BE}:r1:personnel; {BE}:r1:public")]
    assert found(doc, "X06") == [x06("reception", "公务接待费", "30217", "9.995", "10.00",
                                     f"{BE}:r3:public; {TP}:r6:total", "info", "0.005")]



def test_total_or_zero_reads_the_total_row_wherever_printed(tmp_path):
    doc = disclosure(tmp_path, 2024, general_budget_table(
        row("201", "一般公共服务支"
                   "出", "10.00", "10.00", ""), row("", "合计", "10.00", "10.00", "")))
    assert values.total_or_zero(doc, "general_budget_expenditure") == Found(
        10 * W, "general_budget_expenditure:r2:total")
