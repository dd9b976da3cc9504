"""Report display helpers and batch plumbing: escaping, slugs, atomic writes, planning."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from builders import HOSTILE, hostile_document
from helpers import files, load_disclosure, report, reports

# --- slugs and paths ------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "../../etc/passwd", "a/b\\c", "..", ".", "", None, "\x00\x1b[31m\n\t", "x" * 5000,
    "<script>alert(1)</script>", "示例市/示例区", "CON", "名字 with spaces",
])
def test_safe_slug_stays_inside_out(tmp_path, name):
    slug = reports.safe_slug(name)
    assert "/" not in slug and "\\" not in slug and ".." not in slug
    assert not any(ord(ch) < 32 for ch in slug)
    assert 9 <= len(slug) <= 60
    path = reports.safe_output_path(tmp_path, f"department/{slug}.html")
    assert tmp_path.resolve() in path.parents


def test_safe_slug_keeps_chinese_and_separates_names():
    assert reports.safe_slug("秦皇岛市海港区司法局").startswith("秦皇岛市海港区司法局-")
    assert reports.safe_slug("a/b") != reports.safe_slug("a_b")  # same text, different hash
    assert reports.safe_slug("x" * 5000) != reports.safe_slug("x" * 4999)


@pytest.mark.parametrize("relative", ["../x.html", "/etc/passwd", "a/../../b.html", "a/\x00"])
def test_safe_output_path_refuses_escapes(tmp_path, relative):
    with pytest.raises(ValueError):
        reports.safe_output_path(tmp_path, relative)


# --- atomic writes ----------------------------------------------------------------------


def test_write_atomic_replaces_whole_file(tmp_path):
    target = tmp_path / "sub" / "page.html"
    files.write_atomic(target, "first")
    files.write_atomic(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def test_write_atomic_failure_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    files.write_atomic(target, "old")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        files.write_atomic(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temp file left


# --- display helpers ---------------------------------------------------------------------


def test_wan_rounds_half_up_exactly():
    assert report.wan(Decimal("12345678.90")) == "1,234.57"
    assert report.wan(Decimal("50.00")) == "0.01"  # 0.005 万元 rounds up, as printed budgets do
    assert report.wan(Decimal("49.99")) == "0.00"
    assert report.wan(None) == "—"
    assert report.wan(pd.NA) == "—"
    assert report.percent(0.1234) == "12.3%"


def test_styled_escapes_text_and_is_deterministic():
    frame = pd.DataFrame({"name": ["<script>alert(1)</script>", "a & b"],
                          "amount": [Decimal("10000.00"), None]})
    columns = [("name", "名称<b>", "text"), ("amount", "金额（万元）", "wan")]
    first = report.styled(frame, columns, caption="<i>表</i>").to_html()
    second = report.styled(frame, columns, caption="<i>表</i>").to_html()
    assert first == second  # no random Styler id
    assert "<script>" not in first and "&lt;script&gt;alert(1)&lt;/script&gt;" in first
    assert "名称&lt;b&gt;" in first and "&lt;i&gt;表&lt;/i&gt;" in first
    assert "1.00" in first and "—" in first


def test_styled_empty_frame_is_a_note():
    shown = report.styled(pd.DataFrame(), [("x", "X", "text")], caption="空")
    assert "无数据" in shown.data


def test_key_figures_of_demo(demo):
    page = report.key_figures(demo).to_html()
    for text in ("收入总计", "500.00", "420.00", "80.00", "340.00", "100.0%"):
        assert text in page


def test_banner_marks_fictional_documents(demo, seed):
    assert demo.meta.is_synthetic
    assert "示例数据" in report.banner(demo).data
    assert report.banner(seed).data == ""
    assert "示例数据" in report.banner([seed, demo]).data


def test_title_and_narrative_escape_document_text(tmp_path):
    disclosure = load_disclosure(hostile_document(tmp_path))
    assert disclosure.meta.department == HOSTILE
    for shown in (report.title(disclosure), report.narrative(disclosure, "overview")):
        assert "<script>" not in shown.data
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report.title(disclosure).data
    page = report.documents([disclosure]).to_html()
    assert "<script>" not in page


def test_explorer_static_views(demo):
    assert "合计" in report.explorer([demo], "table", interactive=False).to_html()
    assert "201" in report.explorer([demo], "drill", class_code="201",
                                    interactive=False).to_html()
    findings = report.explorer([demo], "findings", severity="error", interactive=False)
    assert "未发现问题" in findings.data
    assert "没有此表" in report.browse_table([demo], 0, "no_such_table").data


def test_figure_is_png(demo):
    from helpers import analysis, plots

    image = report.figure(plots.personnel_operating_chart(
        analysis.personnel_vs_operating(demo)))
    assert image.data[:8] == b"\x89PNG\r\n\x1a\n"


# --- planning and index -----------------------------------------------------------------


def entry(path, department, year, error=None):
    return reports.DocumentEntry(path=path, sha256=f"{hash(path) & 0xffffffff:08x}" * 8,
                                 department=department, year=year, scope="department",
                                 figures={"expenditure_total": "1.00"}, error=error,
                                 is_synthetic=bool(department and department.startswith("示例")))


def test_plan_jobs_groups_by_department_and_year():
    entries = [entry("/d/a23.txt", "甲局", 2023), entry("/d/a24.txt", "甲局", 2024),
               entry("/d/b24.txt", "乙局", 2024), entry("/d/bad.txt", None, None, "broken")]
    jobs = reports.plan_jobs(entries)
    kinds = [job.kind for job in jobs]
    assert kinds.count("department") == 3
    assert kinds.count("year_over_year") == 1
    assert sorted(j.stem for j in jobs if j.kind == "across_departments") == [
        "across_departments/2023", "across_departments/2024"]
    a24 = next(j for j in jobs if j.parameters.get("source", "").endswith("a24.txt"))
    assert a24.parameters["previous"].endswith("a23.txt")
    yoy = next(j for j in jobs if j.kind == "year_over_year")
    assert [Path(p).name for p in yoy.parameters["sources"]] == ["a23.txt", "a24.txt"]
    # 甲局's 2023 budget rides along in 2024's comparison: the base of its 支出增长
    across = {j.stem: j for j in jobs if j.kind == "across_departments"}
    assert [Path(p).name for p in across["across_departments/2024"].parameters["sources"]] == [
        "a24.txt", "b24.txt", "a23.txt"]
    assert [Path(p).name for p in across["across_departments/2023"].parameters["sources"]] == [
        "a23.txt"]


def test_a_final_accounts_document_gets_its_own_report_beside_its_budget():
    budget = entry("/d/a24.txt", "甲局", 2024)
    final = reports.DocumentEntry(path="/d/a24_final.pdf", sha256="f" * 64, department="甲局",
                                  year=2024, scope="department", stage="final",
                                  figures={"expenditure_total": "9.73"},
                                  expenditure_yuan="97300.00")
    budget.expenditure_yuan = "100000.00"
    other = entry("/d/b24.txt", "乙局", 2024)
    jobs = reports.plan_jobs([budget, final, other])
    (final_job,) = [j for j in jobs if j.kind == "final"]
    assert final_job.stem.startswith("final/")
    assert Path(final_job.parameters["source"]).name == "a24_final.pdf"
    assert Path(final_job.parameters["budget"]).name == "a24.txt"
    # the 决算 is no budget: no department report of its own, not among the budgets compared
    assert [Path(j.parameters["source"]).name for j in jobs if j.kind == "department"] == [
        "a24.txt", "b24.txt"]
    (across,) = [j for j in jobs if j.kind == "across_departments"]
    assert [Path(p).name for p in across.parameters["sources"]] == ["a24.txt", "b24.txt"]
    # one department-year with both stages: a year-over-year report shows them side by side
    (yoy,) = [j for j in jobs if j.kind == "year_over_year"]
    assert [Path(p).name for p in yoy.parameters["sources"]] == ["a24.txt", "a24_final.pdf"]
    results = {j.stem: reports.JobResult(j.stem, "ok") for j in jobs}
    page = reports.build_index([budget, final, other], jobs, results, 1.0)
    assert "决算" in page and "97.3%" in page  # 97,300.00 ÷ 100,000.00


def test_real_and_fictional_departments_are_compared_apart():
    entries = [entry("/d/a24.txt", "甲局", 2024), entry("/d/b24.txt", "乙局", 2024),
               entry("/d/s24.txt", "示例局", 2024), entry("/d/t24.txt", "示例二局", 2024)]
    across = {j.stem: j for j in reports.plan_jobs(entries) if j.kind == "across_departments"}
    assert sorted(across) == ["across_departments/2024", "across_departments/2024_synthetic"]
    real, fictional = across["across_departments/2024"], across["across_departments/2024_synthetic"]
    assert [Path(p).name for p in real.parameters["sources"]] == ["a24.txt", "b24.txt"]
    assert [Path(p).name for p in fictional.parameters["sources"]] == ["s24.txt", "t24.txt"]
    assert (real.is_synthetic, fictional.is_synthetic) == (False, True)


def test_index_escapes_and_reports_failures():
    entries = [entry("/d/x.txt", HOSTILE, 2024), entry("/d/示例.txt", "示例局", 2024),
               entry("/d/<bad>.txt", None, None, "NotADisclosureError: <b>no table</b>")]
    jobs = reports.plan_jobs(entries)
    results = {j.stem: reports.JobResult(j.stem, "ok") for j in jobs}
    page = reports.build_index(entries, jobs, results, 1.0)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>no table</b>" not in page and "读取失败" in page
    assert "示例 · synthetic" in page
    assert "http://" not in page and "https://" not in page


def test_add_toc_lists_headings():
    page = ('<body><main><h2 id="a-1">一、概况 · Overview<a class="anchor-link" href="#a-1">¶</a>'
            '</h2><h3 id="b">小节</h3></main></body>')
    result = reports.add_toc(page)
    assert '<nav class="report-toc"' in result
    assert '<a href="#a-1">一、概况 · Overview</a>' in result and "小节" in result


@pytest.mark.corpus
def test_year_over_year_tables_show_percent_and_agree_at_printed_precision():
    from helpers import analysis, load_disclosure

    from conftest import WANLI_2023, WANLI_2024

    frame = analysis.year_over_year([load_disclosure(WANLI_2023), load_disclosure(WANLI_2024)])
    lines = report.yoy_lines(frame, "headline").to_html()
    # fiscal grant income 16,497.864 → 15,621.1123 万元 is −5.31 %, not −531 %
    assert "-5.31%" in lines and "-531" not in lines
    stated = frame[(frame["stated_source"].notna()) & (frame["line_code"] == "fiscal_grant_income")]
    assert len(stated) >= 1
    html_text = report.yoy_stated(stated).to_html()
    # "减少876.75万元" against the computed −876.7517 万元 agrees as printed
    assert "✓" in html_text and "✗" not in html_text


def test_a_file_url_is_the_folder_it_names(tmp_path):
    folder = tmp_path / "报告 out"
    target = reports.OutputTarget(folder.as_uri())
    assert target.local == folder  # quoted spaces and 汉字 are read back
    target.write("a/b.html", "x")
    assert (folder / "a" / "b.html").read_text() == "x"


def test_cross_department_growth_from_a_previous_budget_that_gets_no_row():
    """synthetic d01 2024 against its 2023 budget, d02 2024 alone: one growth, two rows."""
    from helpers import analysis, load_disclosure, report

    loaded = [load_disclosure(f"data/synthetic/synthetic_s2024_{name}") for name in (
        "d01_2024.xlsx", "d02_2024.docx", "d01_2023.docx")]
    current, earlier = report.split_report_year(loaded)
    assert [d.meta.year for d in current] == [2024, 2024]
    assert [d.meta.year for d in earlier] == [2023]
    league = analysis.across_departments(current, earlier)
    assert len(league) == 2 and set(league["year"]) == {2024}
    d01 = league[league["department"] == loaded[0].meta.department].iloc[0]
    now, before = (d.summary()["expenditure_total_yuan"] for d in (loaded[0], loaded[2]))
    assert d01["previous_year"] == 2023
    assert d01["expenditure_growth"] == pytest.approx(float((now - before) / before))
    assert league[league["department"] == loaded[1].meta.department]["expenditure_growth"] \
        .isna().all()
    assert "上年文件仅用作" in report.earlier_note(earlier).data
    assert report.earlier_note([]).data == ""
