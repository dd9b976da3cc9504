"""Tests that kill mutmut's survivors in helpers.checks, on constructed documents.

Every expected finding (rule, severity, expected / printed / difference in yuan, locations)
is worked out by hand from the figures the test prints (万元: 1.00 is 10,000 yuan), not with
the code under test.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from test_columns import row
from test_mutation_kills import W, disclosure, expenditure, grid, three_public_rows
from test_mutation_kills_analysis import PROCUREMENT, general_budget

from helpers import check
from helpers.checks import core, rules_frame
from helpers.checks.core import (
    Context,
    Finding,
    anomaly_location,
    findings_frame,
    narrative_location,
    round_to,
    wan,
)
from helpers.checks.values import (
    FIGURE_SOURCES,
    Found,
    first_value,
    fiscal_grant_income,
    summary_line,
    three_public_value,
    total_or_zero,
)
from helpers.raw import Cell


def findings(doc, prefix: str = "") -> list[tuple]:
    frame = check(doc)
    return [(r.rule_id, r.severity, r.expected_yuan, r.printed_yuan, r.difference_yuan,
             r.locations) for r in frame.itertuples()
            if r.rule_id.startswith(prefix) and r.severity != "info"]


def test_w05_three_public_total_against_its_three_items(tmp_path):
    """合计 36.00 printed over 5.00 + 20.00 + 10.00 = 35.00: one error of 1.00 万元."""
    table = three_public_rows()
    table.rows[1][2] = Cell("36.00", line=1)
    doc = disclosure(tmp_path, 2024, table, general_budget("100.00", "50.00"))
    where = "example_2024.txt:L1:three_public"
    assert findings(doc, "W05") == [(
        "W05", "error", 35 * W, 36 * W, 1 * W,
        f"{where}:r1:total; {where}:r2:total; {where}:r3:total; {where}:r6:total")]


def test_w05_a_consistent_three_public_table_has_no_finding(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows(), general_budget("100.00", "50.00"))
    assert findings(doc, "W05") == []


# ---- helpers.checks.core: rounding, 万元 text, locations, comparisons ------------------------

@pytest.mark.parametrize(("amount", "precision", "rounded"), [
    ("12345", "100", "12300"),
    ("12350", "100", "12400"),       # half up
    ("-12350", "100", "-12400"),     # half away from zero
    ("12349.99", "100", "12300"),
    ("12345.67", "0", "12345.67"),   # precision 0: exact
    ("12345.67", "-1", "12345.67"),
    ("123456", "10000", "120000"),
])
def test_round_to_a_multiple_of_the_precision(amount, precision, rounded):
    assert round_to(Decimal(amount), Decimal(precision)) == Decimal(rounded)


@pytest.mark.parametrize(("yuan", "text"), [
    ("350000", "35.00"),
    ("123456789.5", "12,345.67895"),   # exact: as many decimals as needed
    ("1", "0.0001"),
    ("-10000", "-1.00"),
    ("0", "0.00"),
    ("12345678900", "1,234,567.89"),
])
def test_wan_prints_yuan_as_exact_wan(yuan, text):
    assert wan(Decimal(yuan)) == text


def anomaly_row(**fields):
    values = {"file": None, "page": None, "line": None, "table": None, "row": None,
              "column": None} | fields
    return next(pd.DataFrame([values]).itertuples())


@pytest.mark.parametrize(("fields", "location"), [
    ({"page": 3, "line": 7, "table": "three_public", "row": 2, "column": "total"},
     "doc.pdf:p3:three_public:r2:total"),
    ({"line": 7, "table": "three_public"}, "doc.pdf:L7:three_public"),
    ({"row": 4, "column": "basic"}, "doc.pdf:r4:basic"),
    ({}, "doc.pdf"),
    ({"file": "tables.xlsx", "page": 2}, "tables.xlsx:p2"),   # the anomaly's own file
    ({"file": "", "page": 2}, "doc.pdf:p2"),
])
def test_anomaly_location(fields, location):
    assert anomaly_location("doc.pdf", anomaly_row(**fields)) == location


def test_anomaly_location_of_a_typed_frame_row_without_a_file_column():
    """The anomalies frame holds NA (not None) in its string columns; a row may lack "file"."""
    frame = pd.DataFrame({"page": [2], "line": [None], "table": [None], "row": [None],
                          "column": [None]}).astype({"table": "string", "column": "string"})
    assert anomaly_location("doc.pdf", next(frame.itertuples())) == "doc.pdf:p2"


def test_narrative_location_by_page_else_line():
    # the narrative's frames hold page and line as Int64 (a missing page is NA)
    assert narrative_location("a.pdf", pd.Series({"page": 4, "line": 9}, dtype="Int64")) == \
        "a.pdf:p4:narrative"
    assert narrative_location("a.txt", pd.Series({"page": pd.NA, "line": 9}, dtype="Int64")) \
        == "a.txt:L9:narrative"


def context(tmp_path) -> Context:
    return Context(disclosure(tmp_path, 2024, three_public_rows(),
                              general_budget("100.00", "50.00")))


def test_compare_names_both_figures_and_their_difference(tmp_path):
    ctx = context(tmp_path)
    assert list(ctx.compare("W05", 35 * W, 35 * W, ["a"], "三公合计", "total")) == []
    assert list(ctx.compare("W05", 35 * W, 36 * W, ["a", "b"], "三公合计", "total")) == [
        Finding("W05", "error", "三公合计：应为 35.00 万元，列示 36.00 万元，差 1.00 万元",
                "total: expected 35.00, printed 36.00 (万元), difference 1.00",
                35 * W, 36 * W, ("a", "b"))]
    assert list(ctx.compare("W05", 35 * W, 34 * W, ["a"], "三公合计", "total",
                            tolerance=W)) == [
        Finding("W05", "info", "三公合计：应为 35.00 万元，列示 34.00 万元，差 -1.00 万元"
                "（在四舍五入误差范围内）",
                "total: expected 35.00, printed 34.00 (万元), difference -1.00 (within rounding)",
                35 * W, 34 * W, ("a",))]
    assert [f.severity for f in ctx.compare("W05", 35 * W, 34 * W - 1, ["a"], "z", "e",
                                            tolerance=W)] == ["error"]
    assert list(ctx.compare("T04", 35 * W, Decimal(0), ["a"], "三公", "three", blank=True)) == [
        Finding("T04", "error", "三公：应为 35.00 万元，列示 空白，差 -35.00 万元",
                "three: expected 35.00, printed blank (万元), difference -35.00",
                35 * W, Decimal(0), ("a",))]


def test_compare_stated_at_the_stated_precision(tmp_path):
    ctx = context(tmp_path)
    hundred = Decimal(100)   # stated to 0.01 万元
    assert list(ctx.compare_stated("T04", Decimal("350049"), 35 * W, hundred, ["a"], "z",
                                   "e")) == []
    one_digit = list(ctx.compare_stated("T04", Decimal("350050"), 35 * W, hundred, ["a"],
                                        "z", "e"))
    assert [(f.severity, f.expected_yuan, f.printed_yuan) for f in one_digit] == [
        ("info", Decimal("350050"), 35 * W)]
    two_digits = list(ctx.compare_stated("T04", Decimal("350150"), 35 * W, hundred, ["a"],
                                         "z", "e"))
    assert [f.severity for f in two_digits] == ["error"]


def test_context_locations_of_cells_tables_and_files(tmp_path):
    ctx = context(tmp_path)
    where = "example_2024.txt:L1"
    assert ctx.file == "example_2024.txt"
    assert ctx.source("three_public", 2, "total") == f"{where}:three_public:r2:total"
    assert ctx.source("three_public", 99, "total") == "example_2024.txt:three_public:r99:total"
    assert ctx.locate("three_public:r6:total") == f"{where}:three_public:r6:total"
    assert ctx.locate("narrative") == "example_2024.txt:narrative"
    assert ctx.table_location("three_public") == "example_2024.txt:L1:three_public"
    assert ctx.table_location("assets") == "example_2024.txt:assets"
    assert ctx.table_file("assets") == "example_2024.txt"
    assert ctx.precision("three_public") == 100           # printed to 0.01 万元
    assert ctx.precision("assets") == 0
    assert "example_2024.txt" in ctx.files


def test_findings_frame_puts_errors_first_then_by_rule(tmp_path):
    doc = disclosure(tmp_path, 2024, three_public_rows())
    found = [Finding("W05", "info", "z1", "e1"), Finding("X01", "error", "z2", "e2", W, 2 * W,
                                                          ("a", "b")),
             Finding("W01", "error", "z3", "e3"), Finding("S01", "warning", "z4", "e4")]
    frame = findings_frame(found, doc)
    assert frame.rule_id.tolist() == ["W01", "X01", "S01", "W05"]
    x01 = frame.iloc[1]
    assert (x01.severity, x01.message_zh, x01.message_en, x01.expected_yuan, x01.printed_yuan,
            x01.difference_yuan, x01.locations) == ("error", "z2", "e2", W, 2 * W, W, "a; b")
    assert pd.isna(frame.iloc[0].difference_yuan)
    assert set(frame.year) == {2024}
    assert (x01.title_zh, x01.department) == ("收支总表各类支出 = 支出总表各类支出", "示例局")


# ---- helpers.checks.values: each narrative figure's value in the tables -----------------------

def test_each_figure_source_on_a_constructed_document(tmp_path):
    """收支总表 12 + 3 = 15 (no 国有资本 line); 三公 without a 合计 row: 1 + 2 = 3; an empty
    一般公共预算支出表 is 0; a 政府采购 table whose 合计 is 30."""
    summary = grid("2024年部门收支预算总表",
                   row("收入项目", "预算数", "支出项目", "预算数"),
                   row("一、一般公共预算拨款收入", "12.00", "一、一般公共服务支出", "12.00"),
                   row("二、政府性基金预算拨款收入", "3.00", "二、城乡社区支出", "3.00"),
                   row("收入总计", "15.00", "支出总计", "15.00"))
    public = grid("2024年“三公”经费预算表", row("项目", "预算数"),
                  row("因公出国（境）费", "1.00"), row("公务接待费", "2.00"),
                  row("机关运行经费", "40.00"))
    general = grid("2024年一般公共预算支出表",
                   row("科目编码", "科目名称", "合计", "基本支出", "项目支出"),
                   row("", "合计", "", "", ""))
    doc = disclosure(tmp_path, 2024, summary, public, general, PROCUREMENT)
    found = {key: source(doc) for key, source in FIGURE_SOURCES.items()}
    s = "income_expenditure_summary"
    assert found == {
        "income_total": Found(15 * W, f"{s}:r3:income"),
        "fiscal_grant_income": Found(15 * W, f"{s}:r1:income"),
        "business_income": Found(Decimal(0), f"{s}:absent"),
        "operating_income": Found(Decimal(0), f"{s}:absent"),
        "other_income": Found(Decimal(0), f"{s}:absent"),
        "expenditure_total": Found(15 * W, f"{s}:r3:expenditure"),
        "fiscal_grant_expenditure": None,
        "general_budget_expenditure": Found(Decimal(0), "general_budget_expenditure:empty"),
        "gov_fund_expenditure": None,
        "state_capital_expenditure": None,
        "three_public_total": Found(3 * W, "three_public:Σitems"),
        "three_public_abroad": Found(W, "three_public:r1:total"),
        "three_public_vehicle": None,
        "three_public_vehicle_purchase": None,
        "three_public_vehicle_operation": None,
        "three_public_reception": Found(2 * W, "three_public:r2:total"),
        "admin_operating_total": Found(40 * W, "three_public:r3:total"),
        "procurement_total": Found(30 * W, "procurement:r1:total"),
        "assets_total": None,
        "performance_total": None,
    }


def test_figure_sources_of_a_document_without_those_tables(tmp_path):
    doc = disclosure(tmp_path, 2024, general_budget("1.00", "0"))
    assert fiscal_grant_income(doc) is None
    assert summary_line(doc, "income_total") is None
    assert three_public_value(doc, "total") is None
    assert total_or_zero(doc, "gov_fund_expenditure") is None
    assert total_or_zero(doc, "general_budget_expenditure") == Found(
        W, "general_budget_expenditure:r1:total")
    assert first_value(doc, "general_budget_expenditure", "no_such_measure") is None
    assert first_value(doc, "general_budget_expenditure", "total", line_code="201") == Found(
        W, "general_budget_expenditure:r2:total")
    assert first_value(doc, "general_budget_expenditure", "project", line_code="201") == Found(
        Decimal(0), "general_budget_expenditure:r2:project")


# ---- tables.py: W01 hierarchy, W03 row components, lines counted twice ----------------------


def rule_findings(doc, rule_id: str) -> list[tuple]:
    return [(r.severity, r.expected_yuan, r.printed_yuan, r.difference_yuan, r.locations,
             r.message_en) for r in check(doc).itertuples() if r.rule_id == rule_id]


ES = "example_2024.txt:L1:expenditure_summary"


def test_w01_a_class_against_its_sections_in_each_measure(tmp_path):
    """201 prints 10 | 6 | 4 over 20101 (6 | 6 | blank) + 20102 (3 | 0 | 3): 合计 and 项目 off."""
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "15.00", "11.00", "4.00"),
        row("201", "一般公共服务支出", "10.00", "6.00", "4.00"),
        row("20101", "人大事务", "6.00", "6.00", ""),
        row("2010101", "行政运行", "6.00", "6.00", ""),
        row("20102", "政协事务", "3.00", "0", "3.00"),
        row("2010201", "行政运行", "3.00", "0", "3.00"),
        row("208", "社会保障和就业支出", "5.00", "5.00", "0"),
        row("20805", "行政事业单位养老支出", "5.00", "5.00", "0")))
    assert rule_findings(doc, "W01") == [
        ("error", 9 * W, 10 * W, W, f"{ES}:r2:total; {ES}:r3:total; {ES}:r5:total",
         "expenditure_summary 201 class = Σ sections (total): expected 9.00, printed 10.00 "
         "(万元), difference 1.00"),
        ("error", 3 * W, 4 * W, W, f"{ES}:r2:project; {ES}:r5:project",
         "expenditure_summary 201 class = Σ sections (project expenditure): expected 3.00, "
         "printed 4.00 (万元), difference 1.00"),
    ]


def test_w01_total_against_classes_and_w03_a_row_against_its_parts(tmp_path):
    """201 prints 10 = 6 + 5 (no: 11); 项目 合计 4 against 5 + 0."""
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "15.00", "11.00", "4.00"),
        row("201", "一般公共服务支出", "10.00", "6.00", "5.00"),
        row("208", "社会保障和就业支出", "5.00", "5.00", "0")))
    assert rule_findings(doc, "W01") == [
        ("error", 5 * W, 4 * W, -W, f"{ES}:r1:project; {ES}:r2:project; {ES}:r3:project",
         "expenditure_summary total = Σ classes (project expenditure): expected 5.00, "
         "printed 4.00 (万元), difference -1.00")]
    assert rule_findings(doc, "W03") == [
        ("error", 11 * W, 10 * W, -W, f"{ES}:r2:total; {ES}:r2:basic; {ES}:r2:project",
         "expenditure_summary row 2 一般公共服务支出: total != basic + project: expected "
         "11.00, printed 10.00 (万元), difference -1.00")]


def test_w01_lines_adding_up_to_twice_their_total_are_not_verified(tmp_path):
    """合计 prints 5 over 201 (5) and 208 (5): exactly twice, a misread level, not a misprint.

    Only the 合计 column is off (基本支出 10 = 5 + 5), so the table itself is read as reliable.
    """
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "5.00", "10.00", "0"),
        row("201", "一般公共服务支出", "5.00", "5.00", "0"),
        row("208", "社会保障和就业支出", "5.00", "5.00", "0")))
    assert [f[:5] for f in rule_findings(doc, "W01")] == [
        ("info", 10 * W, 5 * W, -5 * W, f"{ES}:r1:total; {ES}:r2:total; {ES}:r3:total")]
    assert rule_findings(doc, "W01")[0][5] == (
        "expenditure_summary total = Σ classes (total): expected 10.00, printed 5.00 (万元), "
        "difference -5.00 (the lines add up to exactly 2 times the total: their levels were "
        "likely misread; not verified)")


def test_differences_drawn_from_an_unreliable_table_are_withheld(tmp_path):
    """合计 5 | 5 over classes of 5 | 5 each: two columns off, the reading is in doubt."""
    doc = disclosure(tmp_path, 2024, expenditure(
        row("", "合计", "5.00", "5.00", "0"),
        row("201", "一般公共服务支出", "5.00", "5.00", "0"),
        row("208", "社会保障和就业支出", "5.00", "5.00", "0")))
    reason = ("合计列：合计行 50,000.00 元 ≠ 明细之和 100,000.00 元; "
              "基本支出列：合计行 50,000.00 元 ≠ 明细之和 100,000.00 元")
    assert [(f[0], f[4], f[5]) for f in rule_findings(doc, "W01")] == [(
        "info", "example_2024.txt:L1:expenditure_summary",
        "not verified (function classification: class = Σ sections = Σ items, total = Σ "
        f"classes): the expenditure_summary table could not be read reliably ({reason}); this "
        "may be our misreading, not the document's error; 2 differences drawn from it are not "
        "reported")]


def test_the_rule_catalog_lists_each_rule_with_its_group_and_tables():
    frame = rules_frame().set_index("rule_id")
    assert frame.columns.tolist() == ["group", "group_zh", "severity", "title_zh", "title_en",
                                      "basis", "applies", "requires", "reads", "needs_previous",
                                      "stages", "scopes"]
    assert frame.loc["W05"].to_dict() == {
        "group": "within_table", "group_zh": "表内勾稽", "severity": "error",
        "title_zh": "“三公”经费：合计 = 各项之和", "title_en": "三公 total = its parts",
        "basis": "表内/表间恒等关系 (accounting identity of the tables)",
        "applies": "budget disclosures (部门/单位预算)", "requires": "three_public",
        "reads": "three_public", "needs_previous": False, "stages": "budget, final",
        "scopes": "department, unit"}
    x05 = frame.loc["X05"]
    assert (x05.group_zh, x05.requires, x05.reads) == (
        "表间勾稽", "general_budget_expenditure, general_budget_basic_expenditure",
        "general_budget_expenditure, general_budget_basic_expenditure")


# ---- helpers.checks.core.register_rule: what the catalog records -------------------------

def test_register_rule_records_a_rule_with_the_catalog_defaults(monkeypatch):
    monkeypatch.setattr(core, "RULES", {})

    def check_nothing(ctx):
        return iter(())

    registered = core.register_rule(check_nothing, "Z01", "within_table", "warning",
                                    "中文标题", "English title")
    assert dict(core.RULES) == {"Z01": registered}
    assert registered == core.Rule(
        "Z01", "within_table", "warning", "中文标题", "English title",
        "表内/表间恒等关系 (accounting identity of the tables)",
        "budget disclosures (部门/单位预算)", (), False, ("budget",), ("department", "unit"),
        (), check_nothing)


def test_register_rule_reads_the_required_tables_first_then_the_others_once(monkeypatch):
    monkeypatch.setattr(core, "RULES", {})
    registered = core.register_rule(
        print, "Z02", "across_tables", "error", "标题", "title", basis="基础", applies="决算",
        requires=("income_summary", "expenditure_summary"),
        reads=("expenditure_summary", "three_public"), needs_previous=True,
        stages=("final",), scopes=("unit",))
    assert (registered.basis, registered.applies, registered.requires, registered.reads,
            registered.needs_previous, registered.stages, registered.scopes) == (
        "基础", "决算", ("income_summary", "expenditure_summary"),
        ("income_summary", "expenditure_summary", "three_public"), True, ("final",), ("unit",))


@pytest.mark.parametrize(("group", "severity", "message"), [
    ("within_tables", "error", "rule Z03: unknown group 'within_tables' or severity 'error'"),
    ("within_table", "fatal", "rule Z03: unknown group 'within_table' or severity 'fatal'"),
])
def test_register_rule_refuses_an_unknown_group_or_severity(monkeypatch, group, severity,
                                                           message):
    monkeypatch.setattr(core, "RULES", {})
    with pytest.raises(ValueError) as raised:
        core.register_rule(print, "Z03", group, severity, "标题", "title")
    assert str(raised.value) == message
    assert dict(core.RULES) == {}


def test_register_rule_refuses_a_rule_id_registered_twice(monkeypatch):
    monkeypatch.setattr(core, "RULES", {})
    first = core.register_rule(print, "Z04", "structure", "info", "一", "one")
    with pytest.raises(ValueError) as raised:
        core.register_rule(len, "Z04", "structure", "info", "二", "two")
    assert str(raised.value) == "rule Z04 registered twice"
    assert dict(core.RULES) == {"Z04": first}
