"""Metadata of every vendored corpus document, from wherever the document states it.

The expected department, year, stage and scope are those of the tables in
``data/corpus/regions/README.md`` and ``data/corpus/README.md`` (parsed here, not copied), so
the documents' own provenance is the test's answer key. Two levels: the metadata helpers on
the reader's raw document (independent of table recognition), and :func:`load_disclosure`'s
``Meta`` (needs a recognised table; a split disclosure is loaded as one).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import pytest

from helpers.model import (
    consolidation_of,
    department_of,
    labelled_department,
    load_disclosure,
    scope_of,
    split_consolidation,
    stage_of,
    title_department,
    year_of,
)
from helpers.raw import RawDocument
from helpers.readers import group_documents, read_document

from conftest import CORPUS_DIR, REGIONS_DIR

pytestmark = pytest.mark.corpus

STAGES = {"预算": "budget", "决算": "final"}
SCOPES = {"部门": "department", "单位": "unit"}


def _rows(readme: Path) -> list[list[str]]:
    """Return the body rows of the first Markdown table whose header starts with "file"."""
    rows, inside = [], False
    for line in readme.read_text(encoding="utf-8").splitlines():
        if line.startswith("| file |"):
            inside = True
            continue
        if inside and line.startswith("|---"):
            continue
        if inside and not line.startswith("|"):
            break
        if inside:
            rows.append([cell.strip().strip("`") for cell in line.strip("|").split("|")])
    return rows


def _expected() -> dict[str, dict]:
    """Return relative path → department (as printed), year, stage, scope."""
    expected = {}
    for file, _region, department, year, stage_scope, _pages, _units in _rows(
            REGIONS_DIR / "README.md"):
        stage, scope = stage_scope.split("/")
        expected[f"regions/{file}"] = dict(department=department, year=int(year),
                                           stage=STAGES[stage], scope=SCOPES[scope])
    for file, department, _region, year, stage, scope, _sha in _rows(CORPUS_DIR / "README.md"):
        if file.startswith(("seed/", "shanghai/")):
            expected[file] = dict(department=department, year=int(year),
                                  stage=STAGES[stage.split()[0]], scope=SCOPES[scope.split()[0]])
    return expected


EXPECTED = _expected()


@cache
def _raw(relative: str) -> RawDocument:
    return read_document(CORPUS_DIR / relative)


def _want(relative: str) -> tuple[str, str | None, int, str, str]:
    facts = EXPECTED[relative]
    department, consolidation = split_consolidation(facts["department"])
    return department, consolidation, facts["year"], facts["stage"], facts["scope"]


def test_answer_key_covers_the_corpus():
    documents = {str(p.relative_to(CORPUS_DIR)) for p in CORPUS_DIR.rglob("*")
                 if p.suffix in {".pdf", ".txt"}}
    assert set(EXPECTED) == documents
    assert len([k for k in EXPECTED if k.startswith("regions/")]) == 16


def test_vendored_files_unchanged():
    rows = _rows(CORPUS_DIR / "README.md")
    assert len(rows) == 22  # 20 documents, the template, the regions README
    for file, *_, sha256 in rows:
        digest = hashlib.sha256((CORPUS_DIR / file).read_bytes()).hexdigest()
        assert digest == sha256, file


@pytest.mark.parametrize("relative", sorted(EXPECTED))
def test_metadata_helpers_on_the_raw_document(relative):
    raw = _raw(relative)
    department, consolidation, year, stage, scope = _want(relative)
    found = department_of(raw)
    assert found is not None
    name, suffix = split_consolidation(found)
    assert name == department
    assert (suffix or consolidation_of(raw, name)) == consolidation
    assert year_of(raw) == year
    assert stage_of(raw) == stage
    assert scope_of(raw) == scope


def _groups() -> list[tuple[Path, ...]]:
    return group_documents([CORPUS_DIR / "seed", CORPUS_DIR / "shanghai", REGIONS_DIR])


@pytest.mark.parametrize("group", _groups(), ids=lambda g: "+".join(p.stem for p in g))
def test_loaded_meta(group):
    disclosure = load_disclosure(group)
    meta = disclosure.meta
    relative = str(group[0].relative_to(CORPUS_DIR))
    department, consolidation, year, stage, scope = _want(relative)
    assert (meta.department, meta.consolidation, meta.year, meta.stage, meta.scope) == (
        department, consolidation, year, stage, scope)
    assert meta.sources == tuple(str(p) for p in group)
    assert not meta.is_synthetic


@pytest.mark.parametrize(("caption", "name"), [
    ("编制部门：上海市普陀区人民政府万里街道办事处", "上海市普陀区人民政府万里街道办事处"),
    ("编制单位：上海市普陀区社会福利院", "上海市普陀区社会福利院"),
    ("部门名称：深圳市民政局（本级）", "深圳市民政局（本级）"),
    ("单位名称:重庆市科学技术局", "重庆市科学技术局"),
    ("部门（单位）：烟台市统计局", "烟台市统计局"),
    ("部门：国家信访局", "国家信访局"),
    ("公开01表部门：苏州市审计局", "苏州市审计局"),
    ("编制部门：", None),
    ("单位：万元", None),
    ("金额单位：元", None),
])
def test_labelled_department(caption, name):
    assert labelled_department(caption) == name


@pytest.mark.parametrize(("title", "name"), [
    ("上海市普陀区财政局2024年度部门决算表", "上海市普陀区财政局"),
    ("第二部分 上海市普陀区财政局2024年度部门决算表", "上海市普陀区财政局"),
    ("北京市审计局2026年部门预算", "北京市审计局"),
    ("附件：北京市审计局2026年度部门预算报表", "北京市审计局"),
    ("2026年烟台市统计局部门预算", "烟台市统计局"),
    ("西安市气象局 2022 年部门综合预算", "西安市气象局"),
    ("上海市普陀区2025年区级部门预算", None),  # the district, not a department
    ("上海市2026年市级单位预算", None),
    ("比2025年预算增加", None),
])
def test_title_department(title, name):
    assert title_department(title) == name


def test_consolidation_is_split_from_the_name():
    assert split_consolidation("深圳市民政局（本级）") == ("深圳市民政局", "本级")
    assert split_consolidation("西安市审计局(汇总)") == ("西安市审计局", "汇总")
    assert split_consolidation("西安市审计局") == ("西安市审计局", None)
    assert re.fullmatch(r"\w+", split_consolidation("杭州市司法局")[0])


def test_hebei_coded_caption_and_what_is_not_one(tmp_path):
    from helpers.raw import Grid

    def named(*captions: str) -> str | None:
        raw = RawDocument(tmp_path / "x.txt", "tika_text", [Grid("部门预算收支总表",
                                                                 list(captions))])
        return department_of(raw)

    hebei = named("315秦皇岛市海港区司法局", "预算年度：2023", "单位：万元")
    assert hebei == "秦皇岛市海港区司法局"
    assert named("100.00", "单位：万元") is None
    assert named("公开", "01", "表", "部门：国家信访局") == "国家信访局"
