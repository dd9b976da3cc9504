"""XLSX reader: exact numbers, sheets and stacked tables, the Shanghai template, bad input."""

from __future__ import annotations

import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from helpers import load_disclosure
from helpers.errors import CorruptFileError, UnsupportedFormatError
from helpers.model import build_disclosure
from helpers.raw import Grid, Heading, Paragraph
from helpers.readers import read_document
from helpers.readers.tika_text import read_tika_text
from helpers.readers.xlsx import number_text, read_xlsx
from helpers.writers import write_xlsx

from conftest import CORPUS_DIR, SEED, examples

TEMPLATE = CORPUS_DIR / "reference" / "shanghai_department_budget_template_2026.xlsx"


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "fmt", "text"), [
    (1295.78, "General", "1295.78"),
    (1295.7800000000002, "General", "1295.78"),  # a formula's binary residue
    (52.0, "0.00", "52.00"),
    (52.0, "General", "52"),
    (205, "General", "205"),
    (0.1 + 0.2, "#,##0.00", "0.30"),
    (156211123.0, "#,##0", "156211123"),
    (12.345, "0.00", "12.345"),  # never rounds printed digits away
    (0.125, "0.00%", "12.5%"),
    (1e-05, "General", "0.00001"),
    (-0.0, "General", "0"),
])
def test_number_text_is_exact(value, fmt, text):
    assert number_text(value, fmt) == text


@given(st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False,
                   allow_infinity=False))
@examples(5)  # cheap: 200 in CI
def test_any_typed_amount_reads_back_exactly(amount):
    from decimal import Decimal

    assert Decimal(number_text(float(amount), "General")) == amount


# --- layout ----------------------------------------------------------------------------


def _stacked_workbook(path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "预算表"
    sheet["A1"] = "示例局2024年部门预算"
    sheet["A1"].style = "Headline 1"
    sheet["A2"] = "本文件为示例，非真实部门。"
    sheet["A4"] = "部门支出预算总表"
    sheet.merge_cells("A4:F4")
    sheet["A5"], sheet["F5"] = "编制部门：示例市示例区示例局", "单位：元"
    sheet["A6"], sheet["D6"], sheet["E6"] = "功能分类科目编码", "功能分类科目名称", "支出预算"
    sheet.merge_cells("A6:C6")
    sheet.merge_cells("D6:D7")
    sheet.merge_cells("E6:F6")
    for column, text in zip("ABCEF", ["类", "款", "项", "合计", "基本支出"], strict=True):
        sheet[f"{column}7"] = text
    sheet.append([204, "06", "01", "行政运行", 1295.78, 1295.78])
    sheet.append(["合计", None, None, None, 1295.78, 1295.78])
    sheet["A11"] = "注：无政府性基金预算。"
    sheet["A13"] = "部门一般公共预算支出功能分类预算表"
    sheet.append([])
    sheet["A14"], sheet["B14"] = "编制部门：示例市示例区示例局", "单位：元"
    sheet.append(["科目编码", "科目名称", "合计"])
    sheet.append([2040601, "行政运行", 1.5])
    sheet["A18"] = "一段说明文字，不属于任何表格，句末有句号。"
    workbook.save(path)


def test_stacked_tables_on_one_sheet(tmp_path):
    path = tmp_path / "stacked.xlsx"
    _stacked_workbook(path)
    raw = read_xlsx(path)
    assert raw.format == "xlsx"
    kinds = [type(block) for block in raw.blocks]
    assert kinds == [Heading, Paragraph, Grid, Grid, Paragraph]
    first, second = raw.grids
    assert first.title == "部门支出预算总表" and (first.page, first.line) == (1, 4)
    assert first.captions == ["编制部门：示例市示例区示例局", "单位：元"]
    assert first.header_rows == 2  # the vertical merge D6:D7 ties the two header rows
    assert [c.text for c in first.rows[2]] == ["204", "06", "01", "行政运行", "1295.78",
                                               "1295.78"]
    assert first.notes == ["注：无政府性基金预算。"]
    assert [c.line for c in first.rows[3]] == [9] * 6
    assert second.title == "部门一般公共预算支出功能分类预算表"
    assert [c.text for c in second.rows[-1]] == ["2040601", "行政运行", "1.5"]
    assert raw.blocks[-1].line == 18


def test_huge_used_range_is_not_scanned(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["B1"] = "项目", "金额"
    sheet["XFD1048576"].number_format = "0.00"  # a formatted cell far away, no value
    path = tmp_path / "wide.xlsx"
    workbook.save(path)
    grid = read_xlsx(path).grids[0]
    assert [c.text for c in grid.rows[0]] == ["项目", "金额"]


@pytest.mark.corpus
def test_shanghai_template_loads_with_every_table_recognised():
    disclosure = load_disclosure(TEMPLATE)
    assert disclosure.meta.format == "xlsx" and disclosure.meta.year == 2026
    assert disclosure.unrecognized == []
    assert set(disclosure.tables) == {
        "income_expenditure_summary", "income_summary", "expenditure_summary",
        "fiscal_grant_summary", "general_budget_expenditure", "gov_fund_expenditure",
        "state_capital_expenditure", "general_budget_basic_expenditure", "three_public"}
    assert disclosure.amounts.empty  # a template prints no figures
    anomalies = disclosure.anomalies
    # every "…" placeholder line of the code columns is reported where it is
    placeholders = anomalies[anomalies.text.fillna("").str.contains("…")]
    assert len(placeholders) == 12
    assert placeholders.page.notna().all() and placeholders.line.notna().all()
    # nothing else is odd about the template: every anomaly is a placeholder, in a table
    # cell ("…" codes) or in the narrative ("XXX万元", "x,xxx万元")
    assert set(anomalies.kind) == {"placeholder"}
    assert disclosure.meta.year == 2026
    assert disclosure.tables["three_public"].unit == "万元"


@pytest.mark.corpus
def test_template_narrative_sheets_are_paragraphs():
    raw = read_document(TEMPLATE)
    headings = [b.text for b in raw.blocks if isinstance(b, Heading)]
    assert "其他相关情况说明" in headings
    paragraphs = [b for b in raw.blocks if isinstance(b, Paragraph)]
    assert any(p.text.startswith("2026年“三公”经费预算数为XXX万元") for p in paragraphs)


def test_xx_placeholder_in_amount_cell_is_an_anomaly(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "2026年部门支出预算总表"
    sheet["A2"], sheet["F2"] = "编制部门：示例局", "单位：元"
    sheet.append(["功能分类科目编码", None, None, "功能分类科目名称", "合计", "基本支出",
                  "项目支出"])
    sheet.append(["类", "款", "项"])
    sheet.append([204, "06", "01", "行政运行", "XX", 100, None])
    path = tmp_path / "placeholder.xlsx"
    workbook.save(path)
    disclosure = load_disclosure(path)
    placeholder = disclosure.anomalies.query("kind == 'placeholder'")
    assert len(placeholder) == 1
    assert placeholder.iloc[0].text == "XX" and placeholder.iloc[0].page == 1
    assert placeholder.iloc[0].line == 5


# --- bad input -------------------------------------------------------------------------


def test_zero_byte_xlsx(tmp_path):
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(CorruptFileError, match="empty"):
        load_disclosure(path)


def test_truncated_xlsx(tmp_path):
    good = tmp_path / "good.xlsx"
    _stacked_workbook(good)
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(good.read_bytes()[:2000])
    with pytest.raises(CorruptFileError, match=r"truncated\.xlsx"):
        load_disclosure(path)


def _copied_workbook(tmp_path, name: str, change=None, extra: dict | None = None):
    """Return a copy of the stacked workbook: each part through ``change(part, data)``."""
    good = tmp_path / "good.xlsx"
    _stacked_workbook(good)
    path = tmp_path / name
    with zipfile.ZipFile(good) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, change(info.filename, data) if change else data)
        for part, data in (extra or {}).items():
            target.writestr(part, data)
    return path


def test_damaged_part_xlsx(tmp_path):
    path = _copied_workbook(tmp_path, "damaged.xlsx", lambda part, data: (
        data[: len(data) // 2] if part == "xl/worksheets/sheet1.xml" else data))
    with pytest.raises(CorruptFileError):
        load_disclosure(path)


def test_old_xls_named_xlsx(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    with pytest.raises(UnsupportedFormatError, match="--convert-to xlsx"):
        load_disclosure(path)


def test_xlsx_zip_bomb(tmp_path):
    path = _copied_workbook(tmp_path, "bomb.xlsx",
                            extra={"xl/media/padding.bin": b"\0" * (64 * 2**20)})
    with pytest.raises(CorruptFileError, match="zip bomb"):
        load_disclosure(path)


def test_xlsx_external_entity_refused(tmp_path):
    def declare_entity(part: str, data: bytes) -> bytes:
        if part != "xl/workbook.xml":
            return data
        data = data.replace(b"<workbook", b'<!DOCTYPE workbook [<!ENTITY x SYSTEM '
                            b'"file:///etc/passwd">]><workbook', 1)
        assert b"DOCTYPE" in data
        return data

    path = _copied_workbook(tmp_path, "xxe.xlsx", declare_entity)
    with pytest.raises(CorruptFileError, match="DTD"):
        read_xlsx(path)


# --- the seed, written by the project's writer -----------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("stacked", [False, True])
def test_seed_xlsx_round_trip(tmp_path, stacked):
    raw = read_tika_text(SEED)
    text = build_disclosure(raw)
    path = write_xlsx(raw, tmp_path / "seed.xlsx", stacked=stacked)
    xlsx = load_disclosure(path)
    assert xlsx.meta.format == "xlsx"
    assert xlsx.amounts.drop(columns="source").equals(text.amounts.drop(columns="source"))
    assert sorted(xlsx.tables) == sorted(text.tables)
    figures = ["page", "line"]
    assert xlsx.narrative.figures.drop(columns=figures).equals(
        text.narrative.figures.drop(columns=figures))
    assert xlsx.amounts.source.str.contains(r"seed\.xlsx:p\d+:").all()
