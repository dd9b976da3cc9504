"""Excel export of a corpus: one sheet per table kind, documents as rows, Chinese headers.

Every real document of data/corpus that loads goes into one workbook: each table kind is
one sheet holding the rows of every document that prints it (each row naming its document),
and every header of every sheet — the findings sheet's too — is Chinese.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from helpers import load_disclosure
from helpers.catalog import KINDS_BY_KEY
from helpers.errors import DisclosureError
from helpers.export import table_kinds, to_excel

from conftest import CORPUS_DIR, DEMO_BUDGET

HANZI = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def corpus():
    """The demo, Shanghai's three PDFs and the regions' first ten: 14 documents."""
    paths = [*sorted((CORPUS_DIR / "shanghai").glob("*.pdf")),
             *sorted((CORPUS_DIR / "regions").glob("*.pdf"))[:10]]
    loaded = [load_disclosure(DEMO_BUDGET)]
    for path in paths:
        try:
            loaded.append(load_disclosure(path))
        except DisclosureError:  # Beijing's narrative alone (its tables are apart)
            continue
    assert len(loaded) >= 12
    return loaded


@pytest.mark.corpus
def test_one_sheet_per_table_kind_with_every_document(corpus, tmp_path):
    workbook = openpyxl.load_workbook(to_excel(corpus, tmp_path / "corpus.xlsx"), read_only=True)
    kinds = table_kinds(corpus)
    assert len(kinds) >= 12
    for kind in kinds:
        sheet = workbook[KINDS_BY_KEY[kind].zh]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:3] == ("部门", "年度", "文件")
        # every row of every document that prints the table (an empty one has none)
        holders = [d for d in corpus if kind in d.tables and len(d.tables[kind].frame)]
        assert len(rows) - 1 == sum(len(d.tables[kind].frame) for d in holders)
        files = {row[2] for row in rows[1:]}
        assert files == {Path(d.meta.source).name for d in holders}, kind
    expenditure = workbook["支出总表"]
    assert len({row[2] for row in expenditure.iter_rows(min_row=2, values_only=True)}) >= 12


@pytest.mark.corpus
def test_every_header_is_chinese(corpus, tmp_path):
    workbook = openpyxl.load_workbook(to_excel(corpus, tmp_path / "corpus.xlsx"), read_only=True)
    assert {"文件信息", "金额明细", "审核发现"} <= set(workbook.sheetnames)
    for sheet in workbook.worksheets:
        header = next(sheet.iter_rows(max_row=1, values_only=True))
        english = [h for h in header if not HANZI.search(str(h))]
        assert not english, (sheet.title, english)
    findings = next(workbook["审核发现"].iter_rows(max_row=1, values_only=True))
    assert findings[:3] == ("规则编号", "规则组", "严重程度")
