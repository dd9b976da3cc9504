"""Hostile and damaged input: a typed error naming the place, or a load; never a wrong number.

Each test builds the damaged document from a real one (the Hebei seed, written as DOCX and
XLSX by :mod:`helpers.writers`) so that only the damage differs.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from helpers import DisclosureError, check, limits, load_disclosure
from helpers.checks import RuleFailedWarning
from helpers.cli import main, one_line
from helpers.errors import CorruptFileError, LimitExceededError, UnexpectedReadError
from helpers.limits import MAX_GRID_SPAN, MAX_MERGED_CELLS, MAX_NESTING_DEPTH
from helpers.money import MAX_AMOUNT_YUAN, AmountParseError, AmountRangeError, parse_amount
from helpers.readers import read_document
from helpers.readers.tika_text import read_tika_text
from helpers.writers import write_docx, write_xlsx

from conftest import CORPUS_DIR, DEMO_BUDGET, SEED, WANLI_2024

#: The seed's 支出总表 合计 line: "\t1295.78" (万元), read as 12,957,800.00 yuan.
TOTAL_LINE = 587
TOTAL_SOURCE = f"{SEED.name}:L{TOTAL_LINE}:expenditure_summary:r1:total"


def _seed_with_line(tmp_path: Path, text: str) -> Path:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[TOTAL_LINE - 1] == "\t1295.78"
    lines[TOTAL_LINE - 1] = "\t" + text
    path = tmp_path / SEED.name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# ------------------------------------------------------------------------- amounts


@pytest.mark.parametrize("text", ["80 9", "8 .09", "8. 09", "1 295.78", "١٢٩٥", "1e3",
                                  "--5", "1,29,5", "12.5.3", "0x10", "NaN", "Infinity"])
def test_text_that_is_not_an_amount_is_refused(text):
    with pytest.raises(AmountParseError):
        parse_amount(text)


@pytest.mark.parametrize(("text", "unit", "yuan"), [
    (" 8.09 ", "元", "8.09"), ("\u30008.09", "元", "8.09"), ("８．０９", "元", "8.09"),
    ("１，２９５．７８", "万元", "12957800.00"), ("1,295.78", "万元", "12957800.00"),
    ("9999999999999999.99", "元", "9999999999999999.99"),
    ("999999999999.9999", "万元", "9999999999999999.00")])
def test_equivalent_prints_read_the_same(text, unit, yuan):
    assert parse_amount(text, unit) == Decimal(yuan)


@pytest.mark.parametrize(("text", "unit"), [("10000000000000000", "元"),
                                            ("1000000000000", "万元"), ("9" * 40, "元"),
                                            ("9" * 5000, "元"), ("-" + "9" * 17, "元")])
def test_amounts_beyond_the_precision_are_out_of_range(text, unit):
    with pytest.raises(AmountRangeError):
        parse_amount(text, unit)
    assert Decimal("9999999999999999.99") == MAX_AMOUNT_YUAN


@pytest.mark.parametrize(("text", "kind"), [("12 95.78", "text_in_number"),
                                            ("12345678901234567", "amount_out_of_range"),
                                            ("9" * 40, "amount_out_of_range")])
def test_invalid_amount_cell_is_an_anomaly_at_its_line(tmp_path, text, kind):
    disclosure = load_disclosure(_seed_with_line(tmp_path, text))
    assert TOTAL_SOURCE not in set(disclosure.amounts.source)
    anomalies = disclosure.anomalies
    found = anomalies[(anomalies.kind == kind) & (anomalies.line == TOTAL_LINE)]
    assert list(found.text) == [text]
    assert list(found.table) == ["expenditure_summary"]
    check(disclosure)  # the missing total is the checks' business, not a crash


def test_seed_total_reads_as_printed(tmp_path):
    amounts = load_disclosure(_seed_with_line(tmp_path, "１，２９５．７８")).amounts
    assert amounts.set_index("source").amount_yuan[TOTAL_SOURCE] == Decimal("12957800.00")


def test_lone_surrogates_never_crash(tmp_path, monkeypatch):
    from helpers.readers import tika_text

    decoded = tika_text.decode_text

    def with_surrogates(data, path):
        text, encoding = decoded(data, path)
        return text.replace("司法局", "司\ud884局").replace("\t1100.58", "\t11\udc0000.58"), \
            encoding

    monkeypatch.setattr(tika_text, "decode_text", with_surrogates)
    disclosure = load_disclosure(SEED)
    check(disclosure)
    anomalies = disclosure.anomalies
    assert "11\ufffd00.58" in set(anomalies.text)
    assert not any("\ud884" in str(text) for text in anomalies.message)


# ------------------------------------------------------------------------- typed errors


def test_a_bug_of_ours_is_a_typed_error_naming_the_table(monkeypatch):
    from helpers import model

    def broken(grid, file, unit):
        raise ValueError("boom")

    monkeypatch.setattr(model, "normalize_grid", broken)
    with pytest.raises(UnexpectedReadError) as caught:
        load_disclosure(SEED)
    error = caught.value
    assert error.path == str(SEED) and error.table == "部门预算收支总表"
    assert error.cause_type == "ValueError" and "boom" in str(error)
    assert isinstance(error, DisclosureError)


def test_a_check_that_breaks_is_a_typed_error(monkeypatch):
    from helpers import checks

    disclosure = load_disclosure(SEED)
    monkeypatch.setattr(checks, "run_rules", lambda *args: 1 / 0)
    with pytest.raises(UnexpectedReadError, match=r"checking failed.*ZeroDivisionError"):
        check(disclosure)


# ------------------------------------------------------------------------- packages


def _rewrite_part(path: Path, part: str, edit) -> Path:
    with zipfile.ZipFile(path) as package:
        entries = [(info.filename, package.read(info)) for info in package.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in entries:
            package.writestr(name, edit(content) if name == part else content)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture(scope="module")
def seed_raw():
    return read_tika_text(SEED)


@pytest.fixture
def seed_docx(tmp_path, seed_raw):
    return write_docx(seed_raw, tmp_path / "seed.docx")


@pytest.fixture
def seed_xlsx(tmp_path, seed_raw):
    return write_xlsx(seed_raw, tmp_path / "seed.xlsx")


@pytest.mark.parametrize(("edit", "what"), [
    (lambda xml: xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="100000000"/>', 1),
     "w:gridSpan"),
    (lambda xml: xml.replace(b"<w:tr>", b'<w:tr><w:trPr><w:gridBefore w:val="100000000"/>'
                                        b"</w:trPr>", 1), "w:gridBefore"),
])
def test_docx_huge_spans_are_refused(seed_docx, edit, what):
    _rewrite_part(seed_docx, "word/document.xml", edit)
    with pytest.raises(LimitExceededError, match=f"{what}.*limit {MAX_GRID_SPAN:,}") as caught:
        load_disclosure(seed_docx)
    assert caught.value.path == str(seed_docx) and caught.value.row == 1


def test_docx_deep_nesting_is_refused(seed_docx):
    depth = 50_000

    def nest(xml: bytes) -> bytes:
        return xml.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * depth
                           + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"
                           + b"</w:sdtContent></w:sdt>" * depth, 1)

    _rewrite_part(seed_docx, "word/document.xml", nest)
    with pytest.raises(LimitExceededError, match=f"nested.*limit {MAX_NESTING_DEPTH}"):
        load_disclosure(seed_docx)


def test_docx_nesting_within_the_limit_reads(seed_docx):
    def nest(xml: bytes) -> bytes:
        return xml.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * 50
                           + b"<w:p><w:r><w:t>nested</w:t></w:r></w:p>"
                           + b"</w:sdtContent></w:sdt>" * 50, 1)

    _rewrite_part(seed_docx, "word/document.xml", nest)
    disclosure = load_disclosure(seed_docx)
    assert disclosure.raw.blocks[0].text == "nested"


@pytest.mark.parametrize("ref", ["A1:XFD1048576", "A5:B1048576", "C3:XFD100"])
def test_xlsx_huge_merges_are_refused_before_loading(seed_xlsx, ref):
    def merge(xml: bytes) -> bytes:
        if b"<mergeCells" in xml:
            return re.sub(rb"<mergeCells[^>]*>", lambda m: m.group() +
                          f'<mergeCell ref="{ref}"/>'.encode(), xml, count=1)
        return xml.replace(b"</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell '
                                            f'ref="{ref}"/></mergeCells>'.encode(), 1)

    _rewrite_part(seed_xlsx, "xl/worksheets/sheet2.xml", merge)
    with pytest.raises(LimitExceededError, match=f"merged by {ref}.*limit "
                                                 f"{MAX_MERGED_CELLS:,}"):
        load_disclosure(seed_xlsx)


@pytest.mark.parametrize("damage", [lambda xml: xml[: len(xml) // 2], lambda xml: b"",
                                    lambda xml: b"\x00garbage<<<"])
def test_xlsx_damaged_sheet_is_corrupt(seed_xlsx, damage):
    _rewrite_part(seed_xlsx, "xl/worksheets/sheet2.xml", damage)
    with pytest.raises(CorruptFileError, match=r"seed\.xlsx"):
        load_disclosure(seed_xlsx)


@pytest.mark.parametrize("value", ["1e20", "1e300", "-1e300"])
def test_xlsx_huge_numeric_cell_is_an_anomaly(seed_xlsx, value):
    def huge(xml: bytes) -> bytes:
        return re.sub(rb"<v>1295\.78</v>", f"<v>{value}</v>".encode(), xml, count=1)

    before = load_disclosure(seed_xlsx).amounts
    _rewrite_part(seed_xlsx, "xl/worksheets/sheet4.xml", huge)
    disclosure = load_disclosure(seed_xlsx)
    anomalies = disclosure.anomalies
    out = anomalies[anomalies.kind == "amount_out_of_range"]
    assert len(out) == 1 and out.page.iloc[0] == 4
    lost = set(before.source) - set(disclosure.amounts.source)
    assert len(disclosure.amounts) == len(before) - 1 and len(lost) == 1
    assert before.set_index("source").amount_yuan[lost.pop()] == Decimal("12957800.00")


@pytest.mark.parametrize(("fixture", "part"), [("seed_xlsx", "xl/workbook.xml"),
                                               ("seed_xlsx", "[Content_Types].xml"),
                                               ("seed_docx", "word/document.xml"),
                                               ("seed_docx", "[Content_Types].xml")])
def test_dtd_anywhere_in_any_part_is_refused(request, fixture, part):
    path = request.getfixturevalue(fixture)

    def with_dtd(xml: bytes) -> bytes:
        head, mark, rest = xml.partition(b"?>")
        if not mark:  # no XML declaration
            head, rest = b"", xml
        root = re.search(rb"<([\w:]+)", rest).group(1)
        return (head + mark + b"<!--" + b"x" * 70_000 + b"--><!DOCTYPE " + root
                + b' [<!ENTITY e "boom">]>' + rest)

    _rewrite_part(path, part, with_dtd)
    with pytest.raises(CorruptFileError, match=re.escape(part) + ".*DTD"):
        load_disclosure(path)


# ------------------------------------------------------------------------- traceability


def test_every_three_public_amount_names_its_own_cell():
    disclosure = load_disclosure(WANLI_2024)
    amounts = disclosure.amounts
    assert not amounts.source.duplicated().any()
    three = amounts[amounts.table == "three_public"].set_index("line_code")
    assert three.source["reception"].endswith(":three_public:r1:reception@total")
    assert three.amount_yuan["reception"] == Decimal("13500.00")


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["central_xfj_2024_final_dept.pdf",
                                  "xian_sjj_2026_budget_dept.pdf"])
def test_one_measure_in_several_columns_names_each_column(corpus_dir, name):
    amounts = load_disclosure(corpus_dir / "regions" / name).amounts
    assert not amounts.source.duplicated().any()
    assert amounts.source.str.contains(r"@c\d+$").any()


# ------------------------------------------------------------------------- exports, CLI


def test_exports_never_write_a_formula(tmp_path):
    from openpyxl import load_workbook

    from helpers.export import to_excel, to_fiscal_data_package

    text = SEED.read_text(encoding="utf-8").replace("\t公共安全支出\n",
                                                    "\t=HYPERLINK(\"http://x\")\n")
    text = text.replace("\t基层司法业务\n", "\t@SUM(1+1)*cmd|'/c calc'!A1\n")
    path = tmp_path / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    disclosure = load_disclosure(path)
    names = set(disclosure.amounts.line_name)
    assert '=HYPERLINK("http://x")' in names
    workbook = to_excel(disclosure, tmp_path / "out.xlsx")
    with zipfile.ZipFile(workbook) as package:
        sheets = [package.read(n) for n in package.namelist() if n.startswith("xl/worksheets/")]
    assert not any(b"<f>" in sheet for sheet in sheets)
    book = load_workbook(workbook)
    values = {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert '=HYPERLINK("http://x")' in values  # kept as printed, as text
    fdp = to_fiscal_data_package(disclosure, tmp_path / "fdp")
    csv_text = (fdp.parent / "amounts.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in csv_text and "'@SUM" in csv_text
    assert not re.search(r'(^|,)"?[=@]', csv_text, re.MULTILINE)


def test_cli_error_stays_on_one_line(tmp_path, capsys):
    path = tmp_path / "evil\nerror: forged line.txt"
    path.write_text("not a budget\n", encoding="utf-8")
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "evil\\nerror: forged line.txt" in err
    assert one_line("a\x1b[2Jb\u2028") == "a\\x1b[2Jb\\u2028"


def test_excel_export_escapes_control_characters(tmp_path):
    from openpyxl import load_workbook

    from helpers.errors import OutputError
    from helpers.export import to_excel

    text = SEED.read_text(encoding="utf-8").replace("\t公共安全支出\n", "\t公共安全\x1b支出\n")
    path = tmp_path / "control.txt"
    path.write_text(text, encoding="utf-8")
    disclosure = load_disclosure(path)
    workbook = load_workbook(to_excel(disclosure, tmp_path / "out.xlsx"))
    values = {c.value for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row}
    assert "公共安全\\x1b支出" in values
    with pytest.raises(OutputError, match="cannot write"):
        to_excel(disclosure, tmp_path / "missing" / "out.xlsx")


# ------------------------------------------------------------------------- look-ups


def test_first_value_is_the_first_line_printing_the_measure():
    """The indexed look-up keeps the scan's answer, and follows a frame replaced."""
    from helpers.checks.values import first_value
    disclosure = load_disclosure(SEED)
    table = disclosure.tables["expenditure_summary"]
    total = first_value(disclosure, "expenditure_summary", "total", level=0)
    assert total.value == Decimal("12957800.00")
    assert total.where == "expenditure_summary:r1:total"
    frame = table.frame
    blank = frame[frame.level == 0].copy()
    blank["total"] = None  # a 合计 line printing no total comes first: it is passed over
    moved = frame[frame.level == 0].copy()
    moved["total"], moved["row"] = Decimal("1.00"), 999
    table.frame = pd.concat([blank, frame[frame.level != 0], moved, frame[frame.level == 0]],
                            ignore_index=True)
    assert first_value(disclosure, "expenditure_summary", "total", level=0) == (
        Decimal("1.00"), "expenditure_summary:r999:total")
    assert first_value(disclosure, "expenditure_summary", "total", level=7) is None
    assert first_value(disclosure, "expenditure_summary", "no_such_measure", level=0) is None


def test_spending_items_without_a_total_column_are_not_compared():
    """A damaged header leaving the items table without 合计 (fuzz, seed 17): T02 says so."""
    disclosure = load_disclosure(DEMO_BUDGET)
    table = disclosure.tables["general_budget_expenditure"]
    table.frame = table.frame.drop(columns=["total"])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuleFailedWarning)
        findings = check(disclosure)
    spending = findings[findings.rule_id == "T02"]
    assert spending.severity.tolist() == ["info"]
    assert "no total column" in spending.message_en.iloc[0]
    assert spending.locations.iloc[0].endswith(":general_budget_expenditure")


# ------------------------------------------------------------------ rows per table


def test_text_table_longer_than_the_limit_is_refused(monkeypatch):
    # the seed's longest grid is 部门预算财政拨款收支总表: 40 printed rows from line 786
    monkeypatch.setattr(limits, "MAX_TABLE_ROWS", 39)
    with pytest.raises(LimitExceededError, match="40 rows in one table") as refused:
        load_disclosure(SEED)
    assert refused.value.table == "部门预算财政拨款收支总表"
    monkeypatch.setattr(limits, "MAX_TABLE_ROWS", 40)
    assert max(len(grid.rows) for grid in read_document(SEED).grids) == 40


def test_table_continued_past_the_limit_is_refused(monkeypatch):
    # Fuzhou prints its 绩效目标 as eight tables of 6, 6, 6, 7, 46, 34, 6 and 18 lines
    # (129); its longest single grid has 110 rows
    fuzhou = CORPUS_DIR / "regions" / "fuzhou_swj_2026_budget_dept.pdf"
    monkeypatch.setattr(limits, "MAX_TABLE_ROWS", 120)
    with pytest.raises(LimitExceededError, match="129 rows in one table continued") as refused:
        load_disclosure(fuzhou)
    assert refused.value.table == "performance_targets"
    assert refused.value.path == fuzhou.name
