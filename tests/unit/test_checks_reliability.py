"""Audit checks never blame the document for our reading, and never crash.

The demo document is consistent (check() reports nothing on it). Each test corrupts it the
way a misreading would (a figure read into the wrong place, a table not read at all) and
asserts that the corruption is reported as the document's error when the table is read
reliably, and only as an info finding ("not verified", naming the table, the reason and
where it is) when the table is marked unreliable. A rule that raises yields an info finding
and a warning, never an exception out of check().
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Callable

import pandas as pd
import pytest
from test_checks import (
    DEMO,
    ECO,
    EXP,
    FG,
    GB,
    IE,
    INCOME,
    TP,
    add_unknown_table,
    drop_blocks,
    set_cell,
)

from helpers import check
from helpers.anomalies import Anomaly
from helpers.checks import RULES, RuleFailedWarning
from helpers.checks.core import records
from helpers.model import build_disclosure
from helpers.raw import Grid, RawDocument
from helpers.readers import read_document

REASON = "合计与各行之和不符（测试）"

#: A corruption, the table it lands in, and the rule that catches it when read reliably.
CORRUPTIONS: dict[str, tuple[Callable, str, str]] = {
    "W01 item row in the general budget table": (
        set_cell(GB, "2010301", 3, "301.00"), "general_budget_expenditure", "W01"),
    "W02 economic section": (
        set_cell(ECO, "30101", 3, "121.00"), "general_budget_basic_expenditure", "W02"),
    "W03 row parts in the expenditure table": (
        set_cell(EXP, "2010302", 5, "79.00"), "expenditure_summary", "W03"),
    "W04 summary income total": (
        set_cell(IE, "收入总计", 2, "501.00"), "income_expenditure_summary", "W04"),
    "W05 三公 total": (set_cell(TP, "合计", 2, "21.00"), "three_public", "W05"),
    "X02 income table total": (set_cell(INCOME, "合计", 5, "499.00"), "income_summary", "X02"),
    "X03 expenditure table total": (
        set_cell(EXP, "合计", 3, "501.00"), "expenditure_summary", "X03"),
    "X04 appropriation summary class": (
        set_cell(FG, "一、一般公共服务支出", 5, "381.00"), "fiscal_grant_summary", "X04"),
    "X06 三公 against economic rows": (
        set_cell(ECO, "30217", 3, "6.00"), "general_budget_basic_expenditure", "X06"),
}


@pytest.fixture(scope="module")
def demo_raw() -> RawDocument:
    return read_document(DEMO)


def corrupted(demo_raw: RawDocument, mutation: Callable) -> object:
    """Return the demo disclosure with ``mutation`` applied to a copy of its cells."""
    raw = copy.deepcopy(demo_raw)
    mutation(raw)
    return build_disclosure(raw)


def serious(findings: pd.DataFrame) -> pd.DataFrame:
    return findings[findings.severity != "info"]


def test_demo_is_consistent(demo_raw):
    assert check(build_disclosure(demo_raw)).empty


# ---- a table marked unreliable -------------------------------------------------------------

@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_corruption_is_an_error_when_the_table_is_read_reliably(demo_raw, case):
    """The mechanism cannot hide a real defect: unmarked, the same corruption is reported."""
    mutation, kind, rule_id = CORRUPTIONS[case]
    findings = serious(check(corrupted(demo_raw, mutation)))
    assert rule_id in set(findings.rule_id)
    assert findings.locations.str.contains(f":{kind}").any()


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_corruption_in_an_unreliable_table_is_only_not_verified(demo_raw, case):
    mutation, kind, rule_id = CORRUPTIONS[case]
    disclosure = corrupted(demo_raw, mutation)
    disclosure.tables[kind].unreliable = REASON
    findings = check(disclosure)
    assert serious(findings).empty, serious(findings)[["rule_id", "message_zh"]]
    said = findings[(findings.rule_id == rule_id) & findings.locations.str.contains(f":{kind}")]
    assert len(said) == 1  # one per (rule, table)
    note = said.iloc[0]
    assert note.severity == "info"
    assert REASON in note.message_zh and REASON in note.message_en
    assert "未能核对" in note.message_zh and "not verified" in note.message_en
    assert note.locations == f"{DEMO.name}:L{disclosure.tables[kind].line}:{kind}"
    assert "差异未列为文件问题" in note.message_zh  # it says a difference was withheld


def test_only_the_unreliable_table_is_silenced(demo_raw):
    """Two corruptions in two tables: marking one leaves the other's error standing."""
    raw = copy.deepcopy(demo_raw)
    set_cell(GB, "2010301", 3, "301.00")(raw)
    set_cell(ECO, "30101", 3, "121.00")(raw)
    disclosure = build_disclosure(raw)
    disclosure.tables["general_budget_expenditure"].unreliable = REASON
    findings = serious(check(disclosure))
    assert set(findings.rule_id) == {"W02", "W03"}  # 30101 breaks Σ款 and 人员 + 公用
    assert findings.locations.str.contains(":general_budget_basic_expenditure:").all()


def test_every_rule_reading_an_unreliable_table_says_so_once(demo_raw):
    disclosure = build_disclosure(demo_raw)
    disclosure.tables["income_summary"].unreliable = REASON
    findings = check(disclosure)
    notes = findings[findings.message_en.str.contains("income_summary table could not be read")]
    assert set(notes.severity) == {"info"}
    assert {"W01", "W03", "X02"} <= set(notes.rule_id)
    assert notes.rule_id.is_unique


# ---- a table not read -----------------------------------------------------------------------

def drop_grid(title: str) -> Callable:
    return drop_blocks(lambda b: isinstance(b, Grid) and b.title == title)


def test_missing_table_without_unrecognised_tables_is_s01_only(demo_raw):
    """Simply not printed: S01's error, and no second report from the rules needing it."""
    findings = check(corrupted(demo_raw, drop_grid("部门预算收入总表")))
    assert list(serious(findings).rule_id) == ["S01"]
    assert serious(findings).severity.iloc[0] == "error"
    assert not findings.message_en.str.contains("not compared").any()


def test_table_printed_but_not_read_is_not_called_missing(demo_raw):
    """The loader named the table but could not map its layout: it is printed."""
    disclosure = corrupted(demo_raw, drop_grid("部门预算收入总表"))
    disclosure.anomaly_list.append(Anomaly(
        "unrecognized_table", "no income_summary layout has 4 columns: '部门预算收入总表'",
        file=DEMO.name, line=60, table="income_summary"))
    findings = check(disclosure)
    assert serious(findings).empty  # a table we could not map blames nothing in the document
    assert findings[findings.rule_id == "S06"].severity.tolist() == ["info"]
    s01 = findings[findings.rule_id == "S01"].iloc[0]
    assert s01.severity == "info" and "不是缺表" in s01.message_zh
    x02 = findings[findings.rule_id == "X02"].iloc[0]
    assert x02.severity == "info" and "未比较" in x02.message_zh
    assert x02.locations == f"{DEMO.name}:L60:income_summary"


def test_table_possibly_among_unrecognised_ones(demo_raw):
    disclosure = corrupted(demo_raw, lambda raw: (drop_grid("部门预算收入总表")(raw),
                                                  add_unknown_table(raw)))
    findings = check(disclosure)
    assert "S01" not in set(serious(findings).rule_id)
    x02 = findings[findings.rule_id == "X02"]
    assert len(x02) == 1 and "可能在其中" in x02.message_zh.iloc[0]


# ---- a figure not found is not a 0.00 -------------------------------------------------------

def test_blank_total_is_the_tables_own_finding_not_a_cross_table_one(demo_raw):
    """A blank 合计 is reported once, by the table's identity, as blank (not "0.00")."""
    disclosure = corrupted(demo_raw, set_cell(INCOME, "合计", 5, ""))  # 财政拨款 合计
    findings = check(disclosure)
    # 合计 = Σ类 (W01) and 小计 = its sources (W03), both within the income table
    assert set(serious(findings).rule_id) == {"W01", "W03"}
    assert serious(findings).locations.str.contains(":income_summary:").all()
    w01 = serious(findings)[serious(findings).rule_id == "W01"].iloc[0]
    assert "列示 空白" in w01.message_zh and "printed blank" in w01.message_en
    x02 = findings[findings.rule_id == "X02"]
    assert set(x02.severity) == {"info"} and "未比较" in x02.message_zh.iloc[0]


# ---- missing text and failing rules ---------------------------------------------------------

def test_missing_text_in_the_narrative_does_not_crash(demo_raw, recwarn):
    """shanghai-putuo_swwyh 2025: items whose 类/款/项 names were not read crashed T02.

    pandas' ``str`` dtype gives NaN (a truthy float) for a missing name, and
    ``name or ""`` passed it on to a regex: TypeError.
    """
    disclosure = build_disclosure(demo_raw)
    items = disclosure.narrative.spending_items
    for column in ("class_name", "section_name", "item_name"):
        items.loc[0, column] = math.nan
    assert isinstance(items.to_dict("records")[0]["class_name"], float)  # the trap
    findings = check(disclosure)
    assert not [w for w in recwarn if issubclass(w.category, RuleFailedWarning)]
    t02 = findings[findings.rule_id == "T02"]
    # item 1 is not compared, and that is ours to say, not the document's defect
    assert t02.severity.tolist() == ["info"] and "未能读出" in t02.message_zh.iloc[0]


def test_records_give_none_for_every_missing_value():
    frame = pd.DataFrame({"name": pd.Series(["a", None], dtype="str"),
                          "count": pd.Series([1, None], dtype="Int64"),
                          "codes": [["1"], ["2"]]})
    assert records(frame) == [{"name": "a", "count": 1, "codes": ["1"]},
                              {"name": None, "count": None, "codes": ["2"]}]


def test_a_failing_rule_becomes_an_info_finding_and_a_warning(demo_raw, monkeypatch):
    def broken(ctx):
        yield from ()
        raise KeyError("no_such_column")

    monkeypatch.setitem(RULES, "W01", dataclasses.replace(RULES["W01"], func=broken))
    disclosure = corrupted(demo_raw, set_cell(ECO, "30101", 3, "121.00"))
    with pytest.warns(RuleFailedWarning, match="W01 could not run"):
        findings = check(disclosure)
    failed = findings[findings.rule_id == "W01"]
    assert failed.severity.tolist() == ["info"]
    assert "未能运行" in failed.message_zh.iloc[0] and "KeyError" in failed.message_en.iloc[0]
    assert "W02" in set(serious(findings).rule_id)  # the other rules ran


def test_rows_that_mostly_miss_their_totals_are_our_column_reading(demo_raw):
    """深圳's 支出总表 read one column to the left: every row misses its own total.

    The checks take that for a misreading of the columns, not the document's errors, and
    say so once per rule; one row's misprint (the W03 case above) is still reported.
    """
    disclosure = build_disclosure(demo_raw)
    table = disclosure.tables["expenditure_summary"]
    table.frame = table.frame.assign(total=table.frame.total * 2)
    findings = check(disclosure)
    assert serious(findings).empty, serious(findings)[["rule_id", "message_zh"]]
    notes = findings[findings.locations.str.contains(":expenditure_summary")]
    assert {"W01", "W03", "X01", "X03"} <= set(notes.rule_id)
    assert notes.message_zh.str.contains("列可能读错").all()


def test_row_sums_of_a_table_with_a_column_we_did_not_map_are_not_verified(demo_raw):
    """江苏's 支出总表 adds 单位预留机动经费, a header the vocabulary lacks."""
    disclosure = corrupted(demo_raw, set_cell(EXP, "2010302", 5, "79.00"))
    assert "W03" in set(serious(check(disclosure)).rule_id)
    disclosure.anomaly_list.append(Anomaly(
        "unmapped_column", "column 4 (单位预留机动经费) holds amounts but its header names no "
        "known measure; kept as text", file=DEMO.name, line=297, table="expenditure_summary",
        column="单位预留机动经费"))
    w03 = check(disclosure).query("rule_id == 'W03'")
    assert set(w03.severity) == {"info"} and w03.message_zh.str.contains("单位预留机动经费").all()


def test_figures_glued_to_words_put_the_table_in_doubt(demo_raw):
    """西安 2022: "出 1090.22" in an amount cell is two cells read as one, a figure lost."""
    disclosure = corrupted(demo_raw, set_cell(GB, "2010301", 3, "301.00"))
    disclosure.anomaly_list.append(Anomaly(
        "text_in_number", "text where an amount belongs", file=DEMO.name, line=600,
        table="general_budget_expenditure", row=4, column="total", text="出 1090.22"))
    findings = check(disclosure)
    assert serious(findings).empty, serious(findings)[["rule_id", "message_zh"]]
    notes = findings[findings.locations.str.contains(":general_budget_expenditure")]
    assert notes.message_zh.str.contains("粘连").any()


def test_lines_adding_up_to_twice_their_total_were_counted_twice(demo_raw):
    """杭州, 西安, 江苏: lines read at the wrong level add up to exactly k × the total."""
    disclosure = build_disclosure(demo_raw)
    table = disclosure.tables["income_expenditure_summary"]
    frame = table.frame
    # 江苏: 当年收入小计 not known as a subtotal, read as one more income line
    income = frame[frame.line_code == "general_budget"]
    table.frame = pd.concat([frame, income.assign(line_code=None, line_name="当年收入小计",
                                                  row=frame.row.max() + 1)],
                            ignore_index=True)
    w04 = check(disclosure).query("rule_id == 'W04'")
    assert set(w04.severity) == {"info"} and w04.message_zh.str.contains("2倍").all()


def test_a_disclosure_of_two_files_is_screened_by_either_file(demo_raw, tmp_path):
    """北京 publishes the narrative and the tables as two files: a doubt follows the table."""
    blocks = copy.deepcopy(demo_raw.blocks)
    (tmp_path / "demo-txt.txt").write_text("narrative", encoding="utf-8")
    (tmp_path / "demo-tbl.txt").write_text("tables", encoding="utf-8")
    text = RawDocument(tmp_path / "demo-txt.txt", demo_raw.format,
                       [b for b in blocks if not isinstance(b, Grid)])
    tables = RawDocument(tmp_path / "demo-tbl.txt", demo_raw.format,
                         [b for b in blocks if isinstance(b, Grid)])
    set_cell(GB, "2010301", 3, "301.00")(tables)
    disclosure = build_disclosure([text, tables])
    assert "W01" in set(serious(check(disclosure)).rule_id)
    disclosure.tables["general_budget_expenditure"].unreliable = REASON
    findings = check(disclosure)
    assert serious(findings).empty, serious(findings)[["rule_id", "locations"]]
    note = findings[(findings.rule_id == "W01") & findings.message_zh.str.contains(REASON)]
    assert note.locations.tolist() == [
        f"demo-tbl.txt:L{disclosure.tables['general_budget_expenditure'].line}"
        ":general_budget_expenditure"]


def test_row_labels_in_an_amount_column_put_the_table_in_doubt(demo_raw):
    """江苏's 收支总表: "当年支出小计" in the expenditure column, the labels read one right."""
    disclosure = corrupted(demo_raw, set_cell(IE, "收入总计", 2, "501.00"))
    assert "W04" in set(serious(check(disclosure)).rule_id)
    disclosure.anomaly_list.append(Anomaly(
        "text_in_number", "text where an amount belongs", file=DEMO.name, line=46,
        table="income_expenditure_summary", row=5, column="expenditure", text="当年支出小计"))
    findings = check(disclosure)
    assert serious(findings).empty, serious(findings)[["rule_id", "message_zh"]]
    assert findings.message_zh.str.contains("列可能错位").any()


def test_a_summary_row_with_three_lines_is_side_by_side_blocks(demo_raw):
    """西安's 收支总表 prints its expenditure three times across the page."""
    disclosure = corrupted(demo_raw, set_cell(IE, "收入总计", 2, "501.00"))
    table = disclosure.tables["income_expenditure_summary"]
    frame = table.frame
    block = frame[frame.line_code == "201"].assign(line_code=None, line_name="1、人员经费")
    table.frame = pd.concat([frame, block], ignore_index=True)
    findings = check(disclosure)
    assert serious(findings).empty, serious(findings)[["rule_id", "message_zh"]]
    assert findings.message_zh.str.contains("并排").any()


def test_a_missing_table_outside_143s_eight_is_a_warning_or_nothing_when_stated(demo_raw):
    """国有资本经营预算支出表 is not among 143号's eight: its absence is no error.

    The demo's 编制说明 says "国有资本经营预算拨款支出预算0.00万元" (L970): with the
    table left out that is info; with that statement gone too, a warning.
    """
    def s01(raw) -> list[str]:
        found = check(build_disclosure(raw))
        return list(found[(found.rule_id == "S01")
                          & found.message_en.str.contains("state_capital")].severity)

    raw = copy.deepcopy(demo_raw)
    raw.blocks = [b for b in raw.blocks
                  if not (isinstance(b, Grid) and "国有资本经营" in b.title)]
    assert s01(raw) == ["info"]
    for block in raw.blocks:
        if isinstance(getattr(block, "text", None), str):
            block.text = block.text.replace("国有资本经营预算拨款支出预算0.00万元", "")
    assert s01(raw) == ["warning"]
