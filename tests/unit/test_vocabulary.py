"""Every internal key a report shows has a label; locations read as words; tables use them."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import analysis, report
from helpers.anomalies import ANOMALY_KINDS
from helpers.catalog import KINDS_BY_KEY, MEASURES
from helpers.vocabulary import ANOMALY_KINDS_ZH, internal_keys, label, location_text

DEMO = "data/demo/example_bureau_2024_budget.txt"


def test_every_anomaly_kind_has_a_chinese_label():
    assert set(ANOMALY_KINDS_ZH) == set(ANOMALY_KINDS)


@pytest.mark.parametrize(("key", "expected"), [
    ("income_total", "收入总计"), ("abroad", "因公出国（境）费"), ("increase", "增加"),
    ("flat", "持平"), ("text_in_number", "数字列中的文字"), ("three_public", "“三公”经费表"),
    ("total", "合计"),  # a measure first: a location's column "total" is 合计
    ("public", "公用经费"), ("warning", "警告"),
])
def test_keys_have_their_labels(key, expected):
    assert label(key) == expected


def test_unknown_text_passes_through_and_keys_are_listed():
    assert label("2120102") == "2120102"
    assert label("2120102", default="") == ""
    keys = internal_keys()
    assert {"income_total", "abroad", "flat", "text_in_number"} <= keys
    assert set(KINDS_BY_KEY) <= keys and set(MEASURES) <= keys


def test_locations_grouped_by_file_and_table():
    cells = "; ".join(f"a.pdf:p9:expenditure_summary:r{row}:total" for row in (3, 4, 5, 9))
    assert location_text(cells) == "a.pdf 第9页 支出总表 第3–5、9行 （合计）"
    assert location_text("a.pdf:p15:three_public:r1:abroad@total") == \
        "a.pdf 第15页 “三公”经费表 第1行 （因公出国（境）费）"
    assert location_text("a.pdf:p12:general_budget_basic_expenditure:r4:public@c6") == \
        "a.pdf 第12页 一般公共预算基本支出表 第4行 （公用经费·第6列）"
    assert location_text("s.txt:L1677:narrative") == "s.txt 第1677行（文本） 文字说明"
    many = "; ".join(f"a.pdf:p{page}:{table}" for page, table in enumerate(
        ["income_summary", "three_public", "procurement", "assets", "narrative"], start=1))
    assert location_text(many).endswith("；另 2 处")
    assert location_text(None) == "" and location_text("") == ""


def html_of(shown) -> str:
    return shown.to_html() if hasattr(shown, "to_html") else shown.data


def test_tables_show_labels_not_keys(demo):
    """Headline and 三公 rows of a year-over-year table carry names, not keys or 级次."""
    import copy

    later = copy.deepcopy(demo)
    later.meta = type(demo.meta)(**{**demo.meta.__dict__, "year": 2025})
    compared = analysis.year_over_year([demo, later])
    headline = html_of(report.yoy_lines(compared, "headline"))
    assert "income_total" not in headline and "收入总计" in headline
    assert ">编码<" not in headline and ">级次<" not in headline
    three = html_of(report.yoy_lines(compared, "three_public"))
    assert ">级次<" not in three and ">类<" not in three
    lines = html_of(report.yoy_lines(compared, "expenditure_summary"))
    assert ">total<" not in lines and ">级次<" in lines


def test_three_public_origin_says_where_the_amount_comes_from(demo):
    frame = analysis.three_public(demo)
    shown = html_of(report.three_public_table(frame))
    assert "计算得出" not in shown and "金额来源" in shown
    origins = [report._three_public_origin(row) for row in frame.itertuples(index=False)]
    printed = frame["line_name"].notna() & ~frame["is_computed"].fillna(False).astype(bool)
    assert all(o.startswith("表列") for o, p in zip(origins, printed, strict=True) if p)
    assert "increase" not in shown and "flat" not in shown


def test_findings_table_columns_have_a_floor_and_locations_in_words():
    findings = pd.DataFrame([{
        "severity": "error", "rule_id": "S03", "title_zh": "空表说明与列示数字一致",
        "message_zh": "“三公”经费表：表注称本表为空表，但表中列示了数字（1处）",
        "expected_yuan": None, "printed_yuan": None, "difference_yuan": None,
        "locations": "w.pdf:p31:three_public"}])
    shown = report.findings_table(findings).to_html()
    assert "S03 空表说明与列示数字一致" in shown
    assert "w.pdf 第31页 “三公”经费表" in shown and ":three_public" not in shown
    assert shown.count("min-width: 8em") == 2 * 7  # every column, header and cells
    assert "text-align: left" in shown
