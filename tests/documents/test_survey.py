"""``budget-notebooks survey``: one row per document of a corpus, never a crash."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from helpers.cli import main
from helpers.raw import Grid, RawDocument
from helpers.survey import SURVEY_COLUMNS, summary_line, survey_document, template_family

from conftest import DEMO_BUDGET as DEMO
from conftest import REGIONS_DIR

SUMMARY = r"^\d+ documents: \d+ loaded, \d+ refused; \d+/\d+ printed tables recognised; " \
          r"\d+ unreadable; \d+ crashed"


@pytest.fixture(scope="module")
def regions_csv(capsys_module):
    return capsys_module(["survey", str(REGIONS_DIR), "--format", "csv", "--no-progress"])


@pytest.fixture(scope="module")
def capsys_module():
    """Run the CLI's main() with stdout and stderr captured (module-scoped)."""
    import contextlib

    def run(argv):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.mark.corpus
def test_survey_of_the_regions_csv(regions_csv):
    code, out, err = regions_csv
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == SURVEY_COLUMNS
    assert len(frame) == 15  # 16 files, the Beijing pair one disclosure
    beijing = frame[frame.file.str.startswith("beijing")]
    assert beijing.file.tolist() == [
        "beijing_sjj-txt_2026_budget_dept.pdf + beijing_sjj-tbl_2026_budget_dept.pdf"]
    assert not frame.status.eq("crashed").any(), frame[frame.status == "crashed"].error
    assert set(frame.status) <= {"loaded", "refused"}
    assert not frame.error.astype("string").fillna("").str.contains("crashed").any()
    assert code == (0 if frame.status.eq("loaded").all() else 1)
    families = dict(zip(frame.file, frame.family, strict=True))
    assert families["central_xfj_2024_final_dept.pdf"] == "final"
    assert families["xian_qxj_2022_budget_dept.pdf"] == "xian"
    assert families["shanghai_shenjij_2026_budget_unit.pdf"] == "shanghai"
    lines = err.strip().splitlines()
    assert pd.Series(lines[-1:]).str.match(SUMMARY).all(), err
    assert lines[-1].startswith("15 documents: ")


@pytest.mark.corpus
def test_survey_of_the_regions_table(capsys_module):
    _, out, _ = capsys_module(["survey", str(REGIONS_DIR), "--no-progress"])
    lines = out.strip().splitlines()
    assert pd.Series(lines[-1:]).str.match(SUMMARY).all(), lines[-1]
    assert "crashed" not in "\n".join(lines[:-1])
    assert "北京市审计局" in out and "beijing_sjj-tbl" in out


@pytest.mark.corpus
def test_survey_json_rows(capsys_module):
    beijing = sorted(str(p) for p in REGIONS_DIR.glob("beijing_*"))
    _, out, _ = capsys_module(["survey", *beijing, "--format", "json", "--no-progress"])
    rows = json.loads(out)
    assert len(rows) == 1 and set(rows[0]) == set(SURVEY_COLUMNS)
    assert rows[0]["department"] == "北京市审计局" and rows[0]["year"] == 2026


def test_no_documents_is_bad_input(tmp_path, capsys):
    assert main(["survey", str(tmp_path), "--no-progress"]) == 2
    assert "no documents found" in capsys.readouterr().err
    assert main(["survey", str(tmp_path / "absent")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_a_refused_document_is_a_row(tmp_path, capsys):
    junk = tmp_path / "junk.txt"
    junk.write_text("这不是预算文件。\n", encoding="utf-8")
    # the only document refused: nothing could be read (exit 2), and still a row
    assert main(["survey", str(tmp_path), "--format", "csv", "--no-progress"]) == 2
    captured = capsys.readouterr()
    frame = pd.read_csv(io.StringIO(captured.out))
    assert frame.status.tolist() == ["refused"]
    assert frame.error[0].startswith("NotADisclosureError")
    assert "1 documents: 0 loaded, 1 refused" in captured.err


def test_a_crash_is_a_row_not_an_exit(monkeypatch):
    from helpers import survey

    def broken(raws):
        raise TypeError("a bug")

    monkeypatch.setattr(survey, "build_disclosure", broken)
    row = survey_document([DEMO])
    assert row["status"] == "crashed"
    assert row["error"] == "crashed: TypeError: a bug"
    frame = pd.DataFrame([row], columns=SURVEY_COLUMNS)
    assert summary_line(frame).endswith("1 crashed")


def test_a_failing_check_is_reported_in_the_row(monkeypatch):
    from helpers import checks, survey

    def failing(disclosure, previous=None):
        raise ValueError("rule broke")

    monkeypatch.setattr(checks, "check", failing)
    row = survey.survey_document([DEMO])
    assert row["status"] == "loaded" and row["errors"] is None
    assert row["check"] == "check failed: ValueError: rule broke"


@pytest.mark.parametrize(("titles", "family"), [
    (["部门预算收支总表"], "hebei"),
    (["2024年部门财务收支预算总表"], "shanghai"),
    (["收支总体情况表", "收入总体情况表"], "national"),
    (["2022年部门综合预算收支总表"], "xian"),
    (["2026年度收支预算总表"], "jiangsu"),
    (["收入支出决算总表"], "final"),
    (["某某表"], "unknown"),
])
def test_template_family(tmp_path, titles, family):
    raw = RawDocument(tmp_path / "x.pdf", "pdf", [Grid(title=t) for t in titles])
    assert template_family([raw]) == family
