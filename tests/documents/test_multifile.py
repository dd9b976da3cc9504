"""A disclosure published as several files (Beijing: narrative and tables apart) is one."""

from __future__ import annotations

import hashlib
import io
import shutil

import pandas as pd
import pytest

from helpers.cli import main
from helpers.errors import NotADisclosureError
from helpers.model import SOURCE_SEPARATOR, build_disclosure, group_documents, load_disclosure
from helpers.raw import RawDocument
from helpers.readers import read_document

from conftest import DEMO_BUDGET as DEMO
from conftest import REGIONS_DIR

TXT = REGIONS_DIR / "beijing_sjj-txt_2026_budget_dept.pdf"
TBL = REGIONS_DIR / "beijing_sjj-tbl_2026_budget_dept.pdf"


@pytest.fixture(scope="module")
def beijing():
    return load_disclosure([TXT, TBL])


def test_group_documents_pairs_names_differing_by_the_part(tmp_path):
    names = ["bj_sjj-txt_2026.pdf", "bj_sjj-tbl_2026.pdf", "hz_sfj_txt.pdf", "hz_sfj_tbl.pdf",
             "北京市某局2026年部门预算说明.pdf", "北京市某局2026年部门预算表.pdf",
             "lonely-tbl_2026.pdf", "other_2026.pdf", "sub/bj_sjj-tbl_2026.pdf"]
    for name in names:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    groups = [tuple(p.relative_to(tmp_path).as_posix() for p in g)
              for g in group_documents(tmp_path)]
    assert sorted(groups) == sorted([
        ("bj_sjj-txt_2026.pdf", "bj_sjj-tbl_2026.pdf"),  # narrative first
        ("hz_sfj_txt.pdf", "hz_sfj_tbl.pdf"),
        ("北京市某局2026年部门预算说明.pdf", "北京市某局2026年部门预算表.pdf"),
        ("lonely-tbl_2026.pdf",),
        ("other_2026.pdf",),
        ("sub/bj_sjj-tbl_2026.pdf",),  # another folder: not the same disclosure
    ])


@pytest.mark.corpus
def test_the_corpus_has_one_split_disclosure():
    groups = group_documents(REGIONS_DIR)
    assert len(groups) == 15
    assert [g for g in groups if len(g) > 1] == [(TXT, TBL)]
    assert group_documents([TBL, TXT]) == [(TXT, TBL)]


@pytest.mark.corpus
def test_beijing_pair_is_one_disclosure(beijing):
    meta = beijing.meta
    assert (meta.department, meta.year, meta.stage, meta.scope) == (
        "北京市审计局", 2026, "budget", "department")
    assert meta.consolidation is None
    assert meta.sources == (str(TXT), str(TBL))
    assert meta.source == f"{TXT}{SOURCE_SEPARATOR}{TBL}"
    assert meta.sha256 == hashlib.sha256(TXT.read_bytes() + TBL.read_bytes()).hexdigest()
    assert [raw.path for raw in beijing.raws] == [TXT, TBL]
    assert {"income_expenditure_summary", "expenditure_summary", "three_public"} <= set(
        beijing.tables)


@pytest.mark.corpus
def test_beijing_amounts_name_the_tables_file(beijing):
    files = beijing.amounts.source.str.split(":").str[0]
    assert len(beijing.amounts) > 0
    assert set(files) == {TBL.name}  # the narrative file prints no table


@pytest.mark.corpus
def test_beijing_narrative_comes_from_the_narrative_file(beijing):
    text = "\n".join(beijing.narrative.sections.text.dropna())
    assert "北京市审计局贯彻落实党中央关于审计工作的方针政策" in text  # 部门职责, txt p3
    assert "政府采购预算总额4988.73万元" in text.replace(" ", "")  # txt p9


@pytest.mark.corpus
def test_beijing_narrative_figures(beijing):
    figures = beijing.narrative.figures
    total = figures[figures.figure == "three_public_total"].amount_yuan
    assert 2448500 in set(total)  # 244.85万元, txt p8
    assert 328520500 in set(figures[figures.figure == "income_total"].amount_yuan)
    assert set(figures[figures.figure == "admin_operating_total"].amount_yuan) == {16377600}


@pytest.mark.corpus
def test_narrative_alone_is_not_a_disclosure_but_fine_in_the_pair():
    with pytest.raises(NotADisclosureError):
        load_disclosure(TXT)
    assert load_disclosure((TXT, TBL)).meta.department == "北京市审计局"


def test_every_amount_names_its_own_file(tmp_path):
    """Tables split over two files: each amount's source starts with its own file."""
    first, second = tmp_path / "demo-tbl_a.txt", tmp_path / "demo-tbl_b.txt"
    for path in (first, second):
        shutil.copy(DEMO, path)
    raw = read_document(DEMO)
    half = 5  # the first five tables in one file, the rest in the other
    grids = [i for i, block in enumerate(raw.blocks) if block.__class__.__name__ == "Grid"]
    cut = grids[half]
    disclosure = build_disclosure([RawDocument(first, raw.format, raw.blocks[:cut]),
                                   RawDocument(second, raw.format, raw.blocks[cut:])])
    whole = load_disclosure(DEMO)
    files = disclosure.amounts.source.str.split(":").str[0]
    assert set(files) == {first.name, second.name}
    by_table = disclosure.amounts.assign(file=files).groupby("table").file.unique()
    assert all(len(names) == 1 for names in by_table)
    assert len(disclosure.amounts) == len(whole.amounts)
    assert disclosure.amounts.amount_yuan.sum() == whole.amounts.amount_yuan.sum()
    assert (disclosure.meta.department, disclosure.meta.year) == (
        whole.meta.department, whole.meta.year)


def test_no_table_in_any_file_is_refused(tmp_path):
    raw = read_document(DEMO)
    narrative = [block for block in raw.blocks if block.__class__.__name__ != "Grid"]
    paths = [tmp_path / "a_txt.txt", tmp_path / "b_txt.txt"]
    for path in paths:
        shutil.copy(DEMO, path)
    with pytest.raises(NotADisclosureError, match="no budget table"):
        build_disclosure([RawDocument(path, raw.format, narrative) for path in paths])


@pytest.mark.corpus
def test_cli_reads_the_pair_as_one(capsys, tmp_path):
    assert main(["parse", str(TXT), str(TBL), "--format", "csv"]) == 0
    amounts = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(amounts.department) == {"北京市审计局"}
    assert main(["summary", str(REGIONS_DIR / "beijing_sjj-tbl_2026_budget_dept.pdf"),
                 str(TXT)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{TXT.name} + {TBL.name}: 北京市审计局 2026")
    assert main(["check", str(TXT), str(TBL), "--format", "csv"]) in (0, 1)
    findings = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(findings.department.dropna()) <= {"北京市审计局"}
    assert main(["dataset", str(TXT), str(TBL), "--out", str(tmp_path / "ds")]) == 0
    assert "wrote 1 documents" in capsys.readouterr().out
