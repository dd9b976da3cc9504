"""DOCX reader: blocks in order, merged cells, titles/captions/notes, bad input, seed round trip."""

from __future__ import annotations

import zipfile

import pytest
from docx import Document

from helpers import load_disclosure
from helpers.errors import CorruptFileError, EncryptedFileError, UnsupportedFormatError
from helpers.model import build_disclosure
from helpers.raw import Grid, Heading, Paragraph
from helpers.readers import read_document
from helpers.readers.docx import read_docx
from helpers.readers.tika_text import read_tika_text
from helpers.writers import write_docx

from conftest import SEED

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _package(path, document_xml: str, extra: dict[str, str] | None = None) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        package.writestr("word/document.xml", document_xml)
        for name, text in (extra or {}).items():
            package.writestr(name, text)


def _tc(text: str, props: str = "") -> str:
    paragraphs = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.split("\n"))
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs or '<w:p/>'}</w:tc>"


def _merged_document() -> str:
    rows = [
        # 科目编码 spans two grid columns; 合计 spans two rows (vMerge).
        _tc("科目\n编码", '<w:gridSpan w:val="2"/>') + _tc("科目名称") +
        _tc("合计", '<w:vMerge w:val="restart"/>'),
        _tc("类") + _tc("款") + _tc("") + _tc("", "<w:vMerge/>"),
        _tc("204") + _tc("06") + _tc("司法") + _tc("992.01"),
    ]
    table = ("<w:tbl><w:tblGrid>" + '<w:gridCol w:w="1"/>' * 4 + "</w:tblGrid>"
             + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>'
        '<w:p><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:r><w:t>一、部门职责</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>本部门负责</w:t></w:r><w:del><w:r><w:delText>删除的</w:delText></w:r>"
        "</w:del><w:ins><w:r><w:t>司法行政。</w:t></w:r></w:ins></w:p>"
        "<w:p/>"
        "<w:p><w:r><w:t>部门预算支出总表</w:t></w:r></w:p>"
        f"{table}"
        "<w:p><w:r><w:t>注：本表金额单位为万元。</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>其后的说明文字。</w:t></w:r></w:p>"
        "<w:sectPr/></w:body></w:document>"
    )


def test_blocks_in_order_with_merged_cells_expanded(tmp_path):
    path = tmp_path / "merged.docx"
    _package(path, _merged_document())
    raw = read_document(path)
    assert raw.format == "docx"
    kinds = [type(block) for block in raw.blocks]
    assert kinds == [Heading, Paragraph, Grid, Paragraph]
    assert raw.blocks[1].text == "本部门负责司法行政。"  # deleted text dropped, inserted kept
    grid = raw.blocks[2]
    assert grid.title == "部门预算支出总表"
    assert grid.notes == ["注：本表金额单位为万元。"]
    texts = [[cell.text for cell in row] for row in grid.rows]
    assert texts == [
        ["科目\n编码", "", "科目名称", "合计"],
        ["类", "款", "", ""],
        ["204", "06", "司法", "992.01"],
    ]
    # line = 1-based index of the top-level block (the table is the 5th body element)
    assert {cell.line for row in grid.rows for cell in row} == {5}
    assert grid.line == 4 and raw.blocks[3].line == 7


def test_grid_before_and_after_pad_rows(tmp_path):
    row = ('<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>' + _tc("甲") + "</w:tr>"
           + "<w:tr>" + _tc("a") + _tc("b") + _tc("c") + "</w:tr>")
    document = (f'<?xml version="1.0"?><w:document {W_NS}><w:body><w:tbl><w:tblGrid>'
                + '<w:gridCol w:w="1"/>' * 3 + f"</w:tblGrid>{row}</w:tbl></w:body></w:document>")
    path = tmp_path / "pad.docx"
    _package(path, document)
    grid = read_docx(path).grids[0]
    assert [[c.text for c in r] for r in grid.rows] == [["", "甲", ""], ["a", "b", "c"]]
    assert grid.title == ""


def test_python_docx_document_with_captions(tmp_path):
    document = Document()
    document.add_heading("部门预算收支总表", level=1)
    table = document.add_table(rows=3, cols=4)
    for cell, text in zip(table.rows[0].cells, ["315示例局", "预算年度：2023", "单位：万元", ""],
                          strict=True):
        cell.text = text
    table.rows[1].cells[0].merge(table.rows[1].cells[1]).text = "收入"
    table.rows[1].cells[2].merge(table.rows[1].cells[3]).text = "支出"
    for cell, text in zip(table.rows[2].cells, ["项目", "预算数", "项目", "预算数"], strict=True):
        cell.text = text
    path = tmp_path / "captions.docx"
    document.save(path)
    grid = read_docx(path).grids[0]
    assert grid.title == "部门预算收支总表"
    assert grid.captions == ["315示例局", "预算年度：2023", "单位：万元"]
    assert [c.text for c in grid.rows[0]] == ["收入", "", "支出", ""]


# --- bad input -----------------------------------------------------------------------------


def test_zero_byte_docx(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with pytest.raises(CorruptFileError, match="empty"):
        load_disclosure(path)


def test_truncated_docx(tmp_path):
    good = tmp_path / "good.docx"
    _package(good, _merged_document())
    path = tmp_path / "truncated.docx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(CorruptFileError, match=r"truncated\.docx"):
        load_disclosure(path)


def test_garbage_docx(tmp_path):
    path = tmp_path / "garbage.docx"
    path.write_bytes(b"this is not a zip file at all" * 10)
    with pytest.raises(CorruptFileError):
        load_disclosure(path)


def test_zip_without_document_part(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("hello.txt", "hi")
    with pytest.raises(CorruptFileError, match=r"word/document\.xml"):
        load_disclosure(path)


def test_malformed_xml(tmp_path):
    path = tmp_path / "bad.docx"
    _package(path, "<w:document><w:body><w:p>")
    with pytest.raises(CorruptFileError, match="well-formed"):
        load_disclosure(path)


def _encrypted_ole2(path) -> None:
    # An OLE2 header, then a directory entry named "EncryptionInfo" (UTF-16LE), as Office
    # writes for a password-protected OOXML file.
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
                     + "EncryptionInfo".encode("utf-16-le") + b"\0" * 400)


@pytest.mark.parametrize("name", ["secret.docx", "secret.xlsx", "secret.bin"])
def test_password_protected(tmp_path, name):
    path = tmp_path / name
    _encrypted_ole2(path)
    with pytest.raises(EncryptedFileError, match="password"):
        load_disclosure(path)


def test_old_doc_named_docx_says_how_to_convert(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    with pytest.raises(UnsupportedFormatError, match="--convert-to docx"):
        load_disclosure(path)


def test_zip_bomb_refused_before_decompressing(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", f'<w:document {W_NS}><w:body/></w:document>')
        package.writestr("word/padding.xml", b"\0" * (64 * 2**20))  # 64 MiB → ~64 KiB
    with pytest.raises(CorruptFileError, match="zip bomb"):
        load_disclosure(path)


def test_declared_size_over_limit_refused(tmp_path, monkeypatch):
    import helpers.readers.docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED_BYTES", 1000)
    path = tmp_path / "big.docx"
    _package(path, _merged_document())
    with pytest.raises(CorruptFileError, match="would expand"):
        load_disclosure(path)


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]>',
    '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:9/evil.dtd">',
    '<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
])
def test_xml_entities_refused(tmp_path, doctype):
    path = tmp_path / "xxe.docx"
    _package(path, f'<?xml version="1.0"?>{doctype}<w:document {W_NS}><w:body><w:p><w:r>'
                   "<w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(CorruptFileError, match="DTD"):
        read_docx(path)


def test_misnamed_docx_is_read_by_content(tmp_path):
    path = tmp_path / "budget.txt"
    _package(path, _merged_document())
    assert read_document(path).format == "docx"


# --- the seed, written by the project's writer --------------------------------------------


@pytest.mark.corpus
def test_seed_docx_round_trip(tmp_path):
    raw = read_tika_text(SEED)
    text = build_disclosure(raw)
    path = write_docx(raw, tmp_path / "seed.docx")
    docx = load_disclosure(path)
    assert docx.meta.format == "docx"
    assert docx.amounts.drop(columns="source").equals(text.amounts.drop(columns="source"))
    assert sorted(docx.tables) == sorted(text.tables)
    figures = ["page", "line"]
    assert docx.narrative.figures.drop(columns=figures).equals(
        text.narrative.figures.drop(columns=figures))
    assert docx.meta.department == "秦皇岛市海港区司法局" and docx.meta.year == 2023
    assert docx.amounts.source.str.contains(r"seed\.docx:L\d+:").all()


def test_dtd_after_a_long_prologue_is_still_refused(tmp_path):
    path = tmp_path / "late.docx"
    comment = "<!--" + "x" * 70_000 + "-->"
    _package(path, f'<?xml version="1.0"?>{comment}<!DOCTYPE w:document [<!ENTITY a "b">]>'
                   f"<w:document {W_NS}><w:body/></w:document>")
    with pytest.raises(CorruptFileError, match="DTD"):
        read_docx(path)
