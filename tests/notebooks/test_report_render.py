"""The batch: ``budget-notebooks render`` writes reports, an index and a manifest, safely."""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest

from builders import HOSTILE, hostile_document, make_documents
from helpers import cli, reports

from conftest import DEMO_BUDGET as DEMO
from conftest import DEMO_DIR, ROOT

REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
                    re.I)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    base = tmp_path_factory.mktemp("batch")
    documents = make_documents(base / "docs")
    out = base / "out"
    summary = reports.render([documents], out, workers=2, progress=False)
    return documents, out, summary


def test_batch_renders_every_kind(batch):
    _, out, summary = batch
    kinds = [job.kind for job in summary.jobs]
    assert kinds.count("department") == 6  # demo, 4 synthetic, hostile
    assert kinds.count("year_over_year") == 2  # the two synthetic departments
    assert sorted(j.stem for j in summary.jobs if j.kind == "across_departments") == [
        "across_departments/2023", "across_departments/2024"]
    assert summary.counts() == {"ok": 10}
    for job in summary.jobs:
        assert (out / f"{job.stem}.html").is_file()
        executed = nbformat.read(out / f"{job.stem}.ipynb", as_version=4)
        assert any(c.get("outputs") for c in executed.cells)  # executed, kept beside the HTML
    assert (out / "index.html").is_file() and (out / reports.MANIFEST).is_file()
    assert (out / "_static" / "fonts" / "OFL.txt").is_file()


def test_failing_document_is_isolated_and_reported(batch):
    _, out, summary = batch
    failed = [e for e in summary.entries if e.error]
    assert [Path(e.path).name for e in failed] == ["broken.txt"]
    assert summary.failed == 1
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "读取失败" in index and "broken.txt" in index


def test_pages_are_offline_and_hide_code(batch):
    _, out, _ = batch
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not REMOTE.search(text), f"{page}: {REMOTE.search(text).group(0)}"
        assert "<script src" not in text
        assert "import helpers" not in text and "from helpers import" not in text  # no code
        if page.name != "index.html":
            assert 'class="report-toc"' in text
            images = re.findall(r'<img[^>]+src="([^"]{0,30})', text)
            assert images and all(src.startswith("data:image/png;base64,") for src in images)
            assert '<html lang="zh">' in text
            # every chart says what it shows: its title is its alt text
            alts = re.findall(r'<img[^>]+?alt="([^"]*)"', text, re.S)
            assert len(alts) == len(images) and all(a and "No description" not in a
                                                    for a in alts), alts
            if "/department/" in page.as_posix():
                assert any(a.startswith("人员经费与公用经费 · personnel vs operating")
                           for a in alts), alts


def test_outputs_stay_inside_out_and_no_temp_files(batch):
    _, out, _ = batch
    root = out.resolve()
    for path in out.rglob("*"):
        assert root in path.resolve().parents
        assert not path.name.endswith(".tmp")
    assert not (out.parent / "etc").exists()


def test_hostile_name_is_escaped_everywhere(batch):
    _, out, summary = batch
    job = next(j for j in summary.jobs if j.department == HOSTILE and j.kind == "department")
    assert "/" not in job.stem.split("/", 1)[1] and ".." not in job.stem
    for page in (out / "index.html", out / f"{job.stem}.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_synthetic_documents_carry_a_banner(batch):
    _, out, summary = batch
    for job in summary.jobs:
        text = (out / f"{job.stem}.html").read_text(encoding="utf-8")
        assert ("budget-banner" in text) == job.is_synthetic, job.stem
    demo = next(j for j in summary.jobs if j.kind == "department"
                and j.parameters["source"].endswith(DEMO.name))
    assert demo.is_synthetic and "示例数据" in (out / f"{demo.stem}.html").read_text()


def test_rerun_skips_unchanged_and_redoes_changed(batch, tmp_path):
    documents, out, _ = batch
    copy = tmp_path / "out"
    shutil.copytree(out, copy)
    again = reports.render([documents], copy, workers=0, progress=False)
    assert again.counts() == {"skipped": 10}
    assert index_counts(copy) == index_counts(out)  # skipped reports keep their counts
    changed = documents / "synthetic_2_2024.txt"
    saved = changed.read_text(encoding="utf-8")
    try:
        changed.write_text(saved.replace("注意：", "注意 ："), encoding="utf-8")
        third = reports.render([documents], copy, workers=0, progress=False)
    finally:
        changed.write_text(saved, encoding="utf-8")
    redone = sorted(stem for stem, r in third.results.items() if r.status == "ok")
    assert len(redone) == 3, redone  # its department report, its year over year, 2024 across
    assert "across_departments/2024" in redone
    manifest = json.loads((copy / reports.MANIFEST).read_text(encoding="utf-8"))
    assert all(entry["status"] == "ok" for entry in manifest["reports"].values())


def index_counts(out: Path) -> dict[str, str]:
    """Return each department report link's finding-counts cell in index.html."""
    rows = re.findall(r'<td class="num">([^<]*)</td><td><a href="([^"]+\.html)"',
                      (out / "index.html").read_text(encoding="utf-8"))
    return {href: counts for counts, href in rows}


def test_index_shows_the_findings_of_each_report(batch):
    """The index's counts are the report's own (checked against the previous year too)."""
    _, out, summary = batch
    counts = index_counts(out)
    assert len(counts) == 6
    for job in (j for j in summary.jobs if j.kind == "department"):
        executed = nbformat.read(out / f"{job.stem}.ipynb", as_version=4)
        carried = [o.metadata["budget-notebooks/finding-counts"] for c in executed.cells
                   for o in c.get("outputs", ()) if "budget-notebooks/finding-counts"
                   in o.get("metadata", {})]
        assert len(carried) == 1
        expected = " / ".join(str(carried[0][s]) for s in ("error", "warning", "info"))
        assert counts[quote(job.stem + ".html")] == expected
        assert summary.results[job.stem].findings == carried[0]


def test_failing_report_is_isolated(tmp_path):
    documents = tmp_path / "docs"
    documents.mkdir()
    shutil.copy(DEMO, documents / DEMO.name)
    hostile_document(documents)
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    nb = nbformat.read(notebooks / "department_report.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "assert 'hostile' not in source, 'planted failure'"))
    nbformat.write(nb, notebooks / "department_report.ipynb")
    summary = reports.render([documents], tmp_path / "out", workers=0, progress=False,
                             notebooks_dir=notebooks)
    statuses = {stem.split("/")[0] + ("-hostile" if "script" in stem else ""): r.status
                for stem, r in summary.results.items()}
    assert statuses == {"department": "ok", "department-hostile": "failed",
                        "across_departments": "ok"}
    failed = next(r for r in summary.results.values() if r.status == "failed")
    assert "planted failure" in failed.error
    page = (tmp_path / "out" / f"{failed.stem}.html").read_text(encoding="utf-8")
    # papermill's error banner and anchor, then the traceback of the failing cell
    assert "An Exception was encountered at" in page and 'id="papermill-error-cell"' in page
    assert "AssertionError" in page and "planted failure" in page
    kept = nbformat.read(tmp_path / "out" / f"{failed.stem}.ipynb", as_version=4)
    assert kept.metadata.papermill["exception"] is True
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "planted failure" in index
    again = reports.render([documents], tmp_path / "out", workers=0, progress=False,
                           notebooks_dir=notebooks)
    assert again.results[failed.stem].status == "failed"  # a failure is retried, not skipped


def test_reports_are_papermill_notebooks(batch):
    """Each kept .ipynb is papermill's: its parameters, its metadata, its injected cell."""
    _, out, summary = batch
    job = next(j for j in summary.jobs if j.kind == "department")
    kept = nbformat.read(out / f"{job.stem}.ipynb", as_version=4)
    assert kept.metadata.papermill["parameters"] == job.parameters
    assert kept.metadata.papermill["exception"] is None
    assert kept.metadata.papermill["input_path"].endswith("department_report.ipynb")
    tags = [c.metadata.get("tags", []) for c in kept.cells]
    position = tags.index(["parameters"])
    assert tags[position + 1] == ["injected-parameters"]
    assert all(c.metadata.papermill["status"] == "completed" for c in kept.cells)
    assert [c.execution_count for c in kept.cells if c.cell_type == "code"] == list(
        range(1, 1 + sum(c.cell_type == "code" for c in kept.cells)))
    assert [c.id for c in kept.cells] == [f"cell-{i}" for i in range(len(kept.cells))]


def test_every_parameter_the_batch_passes_is_one_papermill_sees(batch):
    """papermill inspects each report notebook's parameters cell (no 'unknown parameter')."""
    import papermill

    _, _, summary = batch
    for job in summary.jobs:
        declared = papermill.inspect_notebook(str(reports.NOTEBOOKS_DIR / job.notebook_name))
        assert set(job.parameters) <= set(declared), job.kind


def test_manifest_records_each_report_as_it_lands(tmp_path):
    """A batch killed half-way keeps what it finished: the manifest is written per report."""
    documents = tmp_path / "docs"
    documents.mkdir()
    shutil.copy(DEMO, documents / DEMO.name)
    seen = []

    def on_result(result):
        manifest = json.loads((tmp_path / "out" / reports.MANIFEST).read_text(encoding="utf-8"))
        seen.append(manifest["reports"][result.stem]["status"])

    reports.render([documents], tmp_path / "out", workers=0, progress=False,
                    on_result=on_result)
    assert seen == ["ok", "ok"]  # on disk before the batch went on


def test_duplicate_inputs_are_named_in_the_index(tmp_path):
    documents = tmp_path / "docs"
    documents.mkdir()
    for name in ("a_copy.txt", "b_copy.txt", "c_copy.txt"):
        shutil.copy(DEMO, documents / name)
    summary = reports.render([documents], tmp_path / "out", workers=0, progress=False)
    assert len(summary.entries) == 1 and summary.failed == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Duplicate inputs" in index
    assert "<code>b_copy.txt</code> → <code>a_copy.txt</code>" in index
    assert "<code>c_copy.txt</code> → <code>a_copy.txt</code>: 内容相同 · identical" in index
    manifest = json.loads((tmp_path / "out" / reports.MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["duplicates"]) == 2


def test_a_bad_output_path_fails_its_report_not_the_batch(tmp_path):
    """A symlink planted inside --out costs the report written through it, nothing else."""
    documents = tmp_path / "docs"
    documents.mkdir()
    shutil.copy(DEMO, documents / DEMO.name)
    out = tmp_path / "out"
    first = reports.render([documents], out, workers=0, progress=False)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(out / "department")
    (out / "department").symlink_to(outside, target_is_directory=True)
    again = reports.render([documents], out, workers=0, progress=False)
    statuses = {stem.split("/")[0]: r.status for stem, r in again.results.items()}
    assert statuses == {"department": "failed", "across_departments": "skipped"}
    failed = next(r for r in again.results.values() if r.status == "failed")
    assert "leaves" in failed.error
    assert list(outside.iterdir()) == []  # nothing written outside --out
    assert (out / "index.html").is_file() and len(first.jobs) == len(again.jobs)


def test_cli_render_exit_codes(tmp_path, capsys):
    good = tmp_path / "good"
    good.mkdir()
    shutil.copy(DEMO, good / DEMO.name)
    assert cli.main(["render", str(good), "--out", str(tmp_path / "o1"), "--workers", "0",
                     "--no-progress"]) == 0
    assert "2 rendered" in capsys.readouterr().out  # department report, 2024 across
    (good / "broken.txt").write_text("garbage", encoding="utf-8")
    assert cli.main(["render", str(good), "--out", str(tmp_path / "o1"), "--workers", "0",
                     "--no-progress"]) == 1
    captured = capsys.readouterr()
    assert "broken.txt" in captured.err and "2 unchanged" in captured.out


def test_the_batch_process_does_not_import_pandas_or_matplotlib():
    """The render command's own process only drives kernels: its start stays light."""
    code = ("import sys, helpers, helpers.cli, helpers.reports.batch, helpers.readers\n"
            f"helpers.readers.group_documents({str(DEMO_DIR)!r})  # what render runs first\n"
            "heavy = [m for m in ('pandas', 'matplotlib', 'nbformat') if m in sys.modules]\n"
            "assert not heavy, heavy\n"
            "assert callable(helpers.load_disclosure)  # the public names import on use")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env={**os.environ, "PYTHONPATH": str(Path(reports.__file__).parents[2])})


@pytest.mark.corpus
def test_a_split_disclosure_renders_as_one_document(tmp_path, corpus_dir):
    """Beijing's narrative and tables files are one disclosure: one report, both files."""
    files = [corpus_dir / "regions" / f"beijing_sjj-{part}_2026_budget_dept.pdf"
             for part in ("tbl", "txt")]
    summary = reports.render(files, tmp_path / "out", workers=0, progress=False)
    assert summary.failed == 0
    written = list((tmp_path / "out" / "department").glob("*.ipynb"))
    assert len(written) == 1 and "北京市审计局" in written[0].name
    cells = nbformat.read(written[0], as_version=4).cells
    injected = next(c.source for c in cells if "injected-parameters" in c.metadata.get("tags", []))
    source = ast.literal_eval(re.search(r"^source = (.+)$", injected, re.M).group(1))
    assert sorted(Path(path).name for path in source) == sorted(f.name for f in files)
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "beijing_sjj-txt_2026_budget_dept.pdf + beijing_sjj-tbl_2026_budget_dept.pdf" in index


def canonical_dom(page: str) -> list:
    """Return a page's elements and texts, attributes sorted (serialisation aside)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    return [(tag.name, sorted((k, " ".join(v) if isinstance(v, list) else v)
                              for k, v in tag.attrs.items()), tag.string)
            for tag in soup.find_all(True)]


def test_report_pages_equal_nbconvert_s_own_export(batch, monkeypatch):
    """Our exporter skips nbconvert's BeautifulSoup pass: the page must not change for it."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    from helpers.reports import pages

    _, out, summary = batch
    job = next(j for j in summary.jobs if j.kind == "department")
    executed = nbformat.read(out / f"{job.stem}.ipynb", as_version=4)
    ours = pages.export_html(executed, job.title)
    stock = HTMLExporter(**pages.exporter_settings())
    stock.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=set(pages.HIDDEN_TAGS),
                                                      enabled=True), enabled=True)
    monkeypatch.setattr(pages, "_exporter", lambda show_code=False: stock)
    # nbconvert's own page, with our table of contents (the exporter adds it in ours)
    theirs = pages.add_toc(pages.export_html(executed, job.title))
    assert "<img" in ours and 'tabindex="0"' in ours
    assert canonical_dom(ours) == canonical_dom(theirs)
