"""Tests of the PDF reader alone (synthetic bad PDFs, and the real Shanghai corpus)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from helpers.errors import (
    CorruptFileError,
    EncryptedFileError,
    MissingFileError,
    ScannedDocumentError,
)
from helpers.raw import Grid, Heading, Paragraph, RawDocument
from helpers.readers.pdf import read_pdf

from conftest import CORPUS_DIR as CORPUS

SHANGHAI = CORPUS / "shanghai"
WANLI_2023 = SHANGHAI / "wanli_subdistrict_2023_department_budget.pdf"
WANLI_2024 = SHANGHAI / "wanli_subdistrict_2024_department_budget.pdf"
WELFARE_2024 = SHANGHAI / "putuo_welfare_home_2024_unit_budget.pdf"
NUMBER = re.compile(r"\d[\d,]*(\.\d+)?")


def _need(path: Path) -> Path:
    if not path.is_file():
        pytest.skip(f"corpus file {path} is absent (tests read data/corpus)")
    return path


@cache
def _read(path: Path) -> RawDocument:
    return read_pdf(_need(path))


def _grid(doc: RawDocument, title_part: str) -> Grid:
    found = [g for g in doc.grids if title_part in g.title]
    assert len(found) == 1, [g.title for g in doc.grids]
    return found[0]


def _texts(row) -> list[str]:
    return [cell.text for cell in row]


def _body(grid: Grid) -> list[list[str]]:
    return [_texts(row) for row in grid.rows[grid.header_rows or 0:]]


def _labels(grid: Grid) -> list[str]:
    """Join the header rows column by column (the single-row form)."""
    header = grid.rows[: grid.header_rows or 0]
    return ["".join(row[i].text for row in header) for i in range(len(header[-1]))]


# ----------------------------------------------------------------------- bad input


def _blank_pdf(path: Path, pages: int = 1) -> Path:
    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    document.save(path)
    document.close()
    return path


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError):
        read_pdf(tmp_path / "absent.pdf")


def test_not_a_pdf_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"this is not a PDF at all\n" * 20)
    with pytest.raises(CorruptFileError) as info:
        read_pdf(path)
    assert info.value.path == str(path)


def test_empty_file_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(CorruptFileError):
        read_pdf(path)


def test_blank_pages_look_scanned(tmp_path: Path) -> None:
    path = _blank_pdf(tmp_path / "blank.pdf", pages=3)
    with pytest.raises(ScannedDocumentError, match="no text layer"):
        read_pdf(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed; cannot make an encrypted PDF")
    plain = _blank_pdf(tmp_path / "plain.pdf")
    locked = tmp_path / "locked.pdf"
    subprocess.run([qpdf, "--encrypt", "secret", "owner", "256", "--", str(plain), str(locked)],
                   check=True)
    with pytest.raises(EncryptedFileError):
        read_pdf(locked)


@pytest.mark.corpus
def test_truncated_pdf_is_a_typed_error(tmp_path: Path) -> None:
    data = _need(WANLI_2024).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    # pdfium refuses the first half of this file ("Data format error"); a typed error
    with pytest.raises(CorruptFileError, match="cannot open"):
        read_pdf(path)


# --------------------------------------------------------------------- wanli 2024


@pytest.mark.corpus
def test_wanli_2024_grid_titles() -> None:
    doc = _read(WANLI_2024)
    assert [g.title for g in doc.grids] == [
        "2024年部门财务收支预算总表",
        "2024年部门收入预算总表",
        "2024年部门支出预算总表",
        "2024年部门财政拨款收支预算总表",
        "2024年部门一般公共预算支出功能分类预算表",
        "2024年部门政府性基金预算支出功能分类预算表",
        "2024年部门国有资本经营预算支出功能分类预算表",
        "2024年部门一般公共预算基本支出部门预算经济分类预算表",
        "部门“三公”经费和机关运行经费预算表",
    ]
    for grid in doc.grids:
        assert grid.captions == ["编制部门：上海市普陀区人民政府万里街道办事处",
                                 "单位:万元" if "三公" in grid.title else "单位：元"]
        widths = {len(row) for row in grid.rows}
        assert len(widths) == 1, (grid.title, widths)
        assert all(cell.page is not None for row in grid.rows for cell in row)


@pytest.mark.corpus
def test_wanli_2024_expenditure_summary() -> None:
    grid = _grid(_read(WANLI_2024), "部门支出预算总表")
    assert _labels(grid) == ["项目功能分类科目编码类", "款", "项", "功能分类科目名称",
                             "支出预算合计", "基本支出", "项目支出"]
    body = _body(grid)
    assert body[0] == ["201", "", "", "一般公共服务支出", "2,932,700", "0", "2,932,700"]
    assert ["201", "05", "07", "专项普查活动", "257,700", "0", "257,700"] in body
    assert body[-1][-3:] == ["156,211,123", "99,706,020", "56,505,103"]
    assert body[-1][3] == "合计"


@pytest.mark.corpus
def test_wanli_2024_multi_page_table_is_one_grid_without_repeated_header() -> None:
    grid = _grid(_read(WANLI_2024), "一般公共预算支出功能分类预算表")
    pages = {cell.page for row in grid.rows for cell in row}
    assert pages == {22, 23, 24, 25, 26}
    body = _body(grid)
    assert not any("功能分类科目名称" in text for row in body for text in row)
    assert not any(row[0] == "类" for row in body)
    assert len(body) == 67  # 66 printed lines + 合计
    assert ["204", "06", "07", "公共法律服务", "300,000", "0", "300,000"] in body
    assert body[-1] == ["", "", "", "合计", "156,211,123", "99,706,020", "56,505,103"]


@pytest.mark.corpus
def test_wanli_2024_income_summary() -> None:
    grid = _grid(_read(WANLI_2024), "部门收入预算总表")
    assert _labels(grid)[-4:] == ["财政拨款收入", "事业收入", "事业单位经营收入", "其他收入"]
    body = _body(grid)
    assert ["201", "05", "07", "专项普查活动", "257,700", "257,700", "0", "0", "0"] in body
    assert body[-1] == ["", "", "", "合计", "156,211,123", "156,211,123", "0", "0", "0"]


@pytest.mark.corpus
def test_wanli_2024_side_by_side_summary() -> None:
    grid = _grid(_read(WANLI_2024), "部门财务收支预算总表")
    body = _body(grid)
    assert body[0] == ["一、财政拨款收入", "156,211,123", "一、一般公共服务支出", "2,932,700"]
    assert ["", "", "九、住房保障支出", "8,882,399"] in body
    assert body[-1] == ["收入总计", "156,211,123", "支出总计", "156,211,123"]
    fiscal = _grid(_read(WANLI_2024), "财政拨款收支预算总表")
    assert _labels(fiscal) == ["财政拨款收入项目", "预算数", "财政拨款支出项目", "合计",
                               "一般公共预算", "政府性基金预算", "国有资本经营预算"]
    assert _body(fiscal)[0] == ["一、一般公共预算资金", "156,211,123", "一、一般公共服务支出",
                                "2,932,700", "2,932,700", "", ""]


@pytest.mark.corpus
def test_wanli_2024_economic_table_keeps_printed_codes() -> None:
    grid = _grid(_read(WANLI_2024), "经济分类预算表")
    assert [_texts(row) for row in grid.rows[:3]] == [
        ["项目", "", "", "一般公共预算基本支出", "", ""],
        ["部门预算经济分类科目编码", "", "", "", "", ""],
        ["类", "款", "经济分类科目名称", "合计", "人员经费", "公用经费"],
    ]
    assert _labels(grid) == ["项目部门预算经济分类科目编码类", "款", "经济分类科目名称",
                             "一般公共预算基本支出合计", "人员经费", "公用经费"]
    body = _body(grid)
    assert ["301", "2", "津贴补贴", "16,623,810", "16,623,810", "0"] in body
    assert ["301", "7", "绩效工资", "11,447,100", "11,447,100", "0"] in body
    assert ["302", "05", "水费", "277,500", "0", "277,500"] in body  # continuation page
    assert body[-1] == ["", "", "合计", "99,706,020", "88,537,451", "11,168,569"]


@pytest.mark.corpus
def test_wanli_2024_three_public_table() -> None:
    grid = _grid(_read(WANLI_2024), "三公")
    assert _labels(grid) == [
        "2024年“三公”经费预算数合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费小计",
        "购置费", "运行费", "2024年机关运行经费预算数",
    ]
    assert _body(grid) == [["47.91", "0", "1.35", "46.56", "25", "21.56", "443.18"]]
    assert grid.notes == ["注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。"]


@pytest.mark.corpus
def test_wanli_2024_empty_tables_keep_notes() -> None:
    doc = _read(WANLI_2024)
    grid = _grid(doc, "政府性基金预算支出功能分类预算表")
    assert grid.notes == ["注:本部门2024年无政府性基金预算财政拨款安排的预算，故本表为空表。"]
    assert _body(grid) == [["", "", "", "合计", "", "", ""]]
    assert _labels(grid)[3:] == [
        "功能分类科目名称", "政府性基金预算支出合计", "基本支出", "项目支出"]


@pytest.mark.corpus
def test_wanli_2024_narrative() -> None:
    doc = _read(WANLI_2024)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    for title in ("名词解释", "2024年部门预算编制说明", "其他相关情况说明", "项目经费情况说明"):
        assert title in headings
    paragraphs = [b for b in doc.blocks if isinstance(b, Paragraph)]
    first = next(p for p in paragraphs if p.text.startswith("2024年，上海市普陀区"))
    assert "比2023年预算减少876.75万元；事业收入0.00万元" in first.text
    assert first.page == 6
    item = next(p for p in paragraphs if p.text.startswith("31. "))
    assert item.text.endswith("主要原因是：住房公积金经费增加。")
    assert "2024年预算安排352.67万元" in item.text
    # document order: the 编制说明 comes before the first grid, 其他相关情况说明 after the last
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds.index("Grid") > headings.index("2024年部门预算编制说明")


# ------------------------------------------------------------------ welfare home


@pytest.mark.corpus
def test_welfare_home_grids() -> None:
    doc = _read(WELFARE_2024)
    titles = [g.title for g in doc.grids]
    assert titles[0] == "2024年预算单位财务收支预算总表"
    assert titles[-1] == "单位“三公”经费和机关运行经费预算表"
    assert len(titles) == 9
    summary = _grid(doc, "财务收支预算总表")
    assert _labels(summary) == ["本年收入项目", "预算数", "本年支出项目", "预算数合计",
                                "基本支出人员经费", "公用经费", "项目支出"]
    assert ["1、一般公共预算资金", "9,501,164", "二、社会保障和就业支出", "11,281,624",
            "6,540,674", "2,120,950", "2,620,000"] in _body(summary)
    for part in ("部门支出预算总表", "一般公共预算支出功能分类预算表"):
        grids = [g for g in doc.grids if part in g.title or part.replace("部门", "") in g.title]
        assert grids
        assert ["7", "11", "02", "事业单位医疗", "503,724", "503,724", ""] in _body(grids[-1])
    three = _grid(doc, "三公")
    assert _body(three) == [["6.4", "0", "0", "6.4", "", "6.4", "0"]]


# --------------------------------------------------------------------- wanli 2023


@pytest.mark.corpus
def test_wanli_2023_performance_tables() -> None:
    doc = _read(WANLI_2023)
    targets = [g for g in doc.grids if g.title == "财政项目支出绩效目标填报表"]
    assert len(targets) == 5
    assert all(g.captions == ["（2023年度）"] for g in targets)
    first = [text for row in targets[0].rows for text in _texts(row) if text]
    assert "新建万里街道社区公共服务中心" in first
    assert "4,100,000.00" in first
    assert "≥13459.00(平方米)" in first
    assert [g.page for g in targets] == [31, 32, 33, 34, 35]
    three = _grid(doc, "三公")
    assert _body(three) == [["22.91", "0", "1.35", "21.56", "0", "21.56", "786.09"]]


# -------------------------------------------------------------- conservation check


def _pdftotext_pages(path: Path) -> list[str]:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext is not installed")
    out = subprocess.run([exe, "-layout", str(path), "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8").split("\f")


def _tokens(text: str) -> Counter[str]:
    return Counter(match.group(0) for match in NUMBER.finditer(text))


@pytest.mark.corpus
@pytest.mark.parametrize(("path", "table_pages"), [(WANLI_2023, 24), (WANLI_2024, 22),
                                                   (WELFARE_2024, 9)], ids=["w2023", "w2024",
                                                                            "welfare"])
def test_every_number_on_table_pages_is_in_a_grid(path: Path, table_pages: int) -> None:
    doc = _read(path)
    narrative_pages = {b.page for b in doc.blocks if not isinstance(b, Grid)}
    found: dict[int, Counter[str]] = {}
    for grid in doc.grids:
        pages = [cell.page for row in grid.rows for cell in row] or [grid.page]
        found.setdefault(grid.page, Counter()).update(
            _tokens(" ".join([grid.title, *grid.captions])))
        found.setdefault(max(pages), Counter()).update(_tokens(" ".join(grid.notes)))
        for row in grid.rows:
            for cell in row:
                found.setdefault(cell.page, Counter()).update(_tokens(cell.text))
    texts = _pdftotext_pages(path)
    checked = 0
    problems = []
    for page, counter in sorted(found.items()):
        if page in narrative_pages:
            continue
        expected = _tokens(texts[page - 1])
        if expected != counter:
            problems.append((page, expected - counter, counter - expected))
        checked += 1
    assert checked == table_pages  # pages of tables alone (the others: see
    # test_conservation_independent, which checks every page)
    assert not problems, problems
