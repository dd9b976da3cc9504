"""Tests that kill mutmut's survivors in helpers.codes (whole codes, numbering, class names).

Every expected value is written out by hand from the printed text (政府收支分类科目 codes:
a 类 has 3 digits, a 款 5, a 项 7), not computed with the code under test.
"""

from __future__ import annotations

import pytest

from helpers.codes import (
    CodeReading,
    ItemLines,
    class_code_of_name,
    find_item_line,
    function_class_code,
    read_whole_code,
    same_name,
    strip_numbering,
)


@pytest.mark.parametrize(("text", "reading"), [
    ("201", CodeReading("201", 1)),
    ("20101", CodeReading("20101", 2)),
    ("2010101", CodeReading("2010101", 3)),
    (" 204 06 01 ", CodeReading("2040601", 3)),      # spaces inside a printed code
    ("\t30101\n", CodeReading("30101", 2)),
    ("", CodeReading(None, 0)),
    ("   ", CodeReading(None, 0)),
    ("2010a", CodeReading(None, 0, note="code '2010a' is not a number")),
    ("一", CodeReading(None, 0, note="code '一' is not a number")),
    ("2010", CodeReading(None, 0, note="code '2010' has 4 digits")),
    ("201011", CodeReading(None, 0, note="code '201011' has 6 digits")),
    ("20101011", CodeReading(None, 0, note="code '20101011' has 8 digits")),
    ("20", CodeReading(None, 0, note="code '20' has 2 digits")),
])
def test_a_whole_code_and_its_level(text, reading):
    assert read_whole_code(text) == reading


@pytest.mark.parametrize(("text", "reading"), [
    # a classification whose 类 has two digits (class_digits=2): 2, 4, 6 digits
    ("30", CodeReading("30", 1)),
    ("3010", CodeReading("3010", 2)),
    ("301001", CodeReading("301001", 3)),
    ("301", CodeReading(None, 0, note="code '301' has 3 digits")),
    ("30101", CodeReading(None, 0, note="code '30101' has 5 digits")),
])
def test_a_whole_code_of_a_two_digit_class(text, reading):
    assert read_whole_code(text, class_digits=2) == reading


@pytest.mark.parametrize(("name", "bare"), [
    ("一、一般公共服务支出", "一般公共服务支出"),
    ("十二、城乡社区支出", "城乡社区支出"),
    ("1.工资福利支出", "工资福利支出"),
    ("2． 商品和服务支出", "商品和服务支出"),
    ("3、对个人和家庭的补助", "对个人和家庭的补助"),
    ("（一）基本支出", "基本支出"),
    ("  （十）其他 支出 ", "其他支出"),
    ("工资 福利\u3000支出", "工资福利支出"),       # spaces inside a name, an ideographic one
    ("一般公共服务支出一、", "一般公共服务支出一、"),  # numbering only at the start
    ("2024年预算", "2024年预算"),                  # a number that is no numbering
])
def test_numbering_and_spaces_are_stripped(name, bare):
    assert strip_numbering(name) == bare


@pytest.mark.parametrize(("name", "code"), [
    ("一、一般公共服务支出", "201"),
    ("八、社会保障和就业支出", "208"),
    ("卫生健康支出", "210"),
    ("医疗卫生与计划生育支出", "210"),         # a former name
    ("（三）文化体育与传媒支出", "207"),          # a former name, numbered
    ("住房 保障 支出", "221"),
    ("工资福利支出", None),                       # an economic class, not a function class
    ("合计", None),
    ("", None),
])
def test_function_class_code_of_a_printed_name(name, code):
    assert function_class_code(name) == code


@pytest.mark.parametrize(("name", "classification", "code"), [
    ("一、工资福利支出", "economic", "301"),
    ("商品和服务支出", "economic", "302"),
    ("一般公共服务支出", "economic", None),
    ("一般公共服务支出", "function", "201"),
    ("工资福利支出", "function", None),
    ("一般公共服务支出", "other", None),
])
def test_class_code_of_a_name_in_its_classification(name, classification, code):
    assert class_code_of_name(name, classification) == code


@pytest.mark.parametrize(("printed", "named", "same"), [
    ("一般行政管理事务", "一般行政管理事务", True),
    ("一般行政 管理事务", "一般行政管理事务", True),     # spaces are layout
    ("一般行政管理事务", "一般行政 管理事务", True),
    ("一般行政管理", "一般行政管理事务", True),          # a PDF cut the printed name short
    ("一般行政管理事务", "一般行政管理", True),
    ("行政运行", "一般行政管理事务", False),
    ("事务", "一般行政管理事务", False),                # the end of a name is not its start
    ("", "行政运行", False),
    ("行政运行", "", False),
    (None, "行政运行", False),
    ("行政运行", None, False),
    (None, None, False),
    (None, "X", False),                            # a missing name agrees with no name
    ("X", None, False),
])
def test_two_names_agree_when_one_starts_the_other(printed, named, same):
    assert same_name(printed, named) is same


def line(code: str, name: str, level: int) -> dict:
    return {"line_code": code, "line_name": name, "level": level}


FUNCTION_TABLE = [
    line("201", "一般公共服务支出", 1),
    line("20101", "人大事务", 2),
    line("2010101", "行政运行", 3),
    line("2010102", "一般行政管理事务", 3),
    line("20103", "政府办公厅（室）及相关机构事务", 2),
    line("2010301", "行政运行", 3),
    line("20101", "人大事务", 2),          # the 款 printed again (a repeated page)
    line("2010150", "事业运行", 3),
    line("208", "社会保障和就业支出", 1),
    line("20805", "行政事业单位养老支出", 2),
    line("2080501", "行政单位离退休", 3),
    line("20899", "其他社会保障和就业支出", 2),   # a 款 printed without 项 lines
]


@pytest.mark.parametrize(("names", "code"), [
    (("一般公共服务", "人大事务", "行政运行"), "2010101"),          # 类 named without 支出
    (("一般公共服务支出", "人大事务", "行政运行"), "2010101"),
    (("一般公共服务", "政府办公厅（室）及相关机构事务", "行政运行"), "2010301"),
    (("一般公共服务", "政府办公厅（室）及相关", "行政运行"), "2010301"),  # a cut 款 name
    (("一般公共服务", "人大事务", "一般行政管理事务"), "2010102"),
    (("一般公共服务", "人大事务", "事业运行"), "2010150"),           # after the repeated 款
    (("社会保障和就业", "行政事业单位养老支出", "行政单位离退休"), "2080501"),
    (("社会保障和就业", "人大事务", "行政运行"), None),              # a 款 of another 类
    (("社会保障和就业", "其他社会保障和就业支出", "其他"), None),    # a 款 without 项
    (("一般公共服务", "人大事务", "机关服务"), None),
    (("一般公共服务", "信访事务", "行政运行"), None),
    (("外交", "人大事务", "行政运行"), None),                          # 类 not in the table
    (("不是类名", "人大事务", "行政运行"), None),
    ((None, "人大事务", "行政运行"), None),
])
def test_the_item_line_a_narrative_names(names, code):
    for lines in (FUNCTION_TABLE, ItemLines(FUNCTION_TABLE)):
        found = find_item_line(lines, *names)
        assert (found["line_code"] if found else None) == code


def test_item_lines_keep_each_section_once_and_index_items_by_section():
    index = ItemLines(FUNCTION_TABLE)
    assert {k: [s["line_code"] for s in v] for k, v in index.sections.items()} == {
        "201": ["20101", "20103"], "208": ["20805", "20899"]}
    assert {k: [i["line_code"] for i in v] for k, v in index.items.items()} == {
        "20101": ["2010101", "2010102", "2010150"], "20103": ["2010301"],
        "20805": ["2080501"]}
