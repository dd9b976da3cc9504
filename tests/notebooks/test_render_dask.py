"""The batch on a Dask cluster: the same outputs as the local mode, failures isolated.

A real LocalCluster (a scheduler and two worker processes on loopback) renders a small
corpus (the demo document and three bundled synthetic ones), with a planted failing report
and an unreadable document; the files, the HTML pages and notebooks (timings and papermill's
clock readings aside) and the manifest statuses must equal those of the local mode. Outputs
also go to fsspec URLs.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import cli, reports

from conftest import DEMO_BUDGET as DEMO
from conftest import ROOT

distributed = pytest.importorskip("distributed", reason="needs the dask extra")
SYNTHETIC = [ROOT / "data" / "synthetic" / name for name in (
    "synthetic_s2024_d01_2023.docx", "synthetic_s2024_d01_2024.xlsx",
    "synthetic_s2024_d02_2024.docx")]
_ELAPSED = re.compile(r"渲染用时 [0-9.]+ s")
#: papermill's clock readings in a kept .ipynb (when each cell started and ended)
_CLOCK = re.compile(r'"(start_time|end_time|duration)": ("[^"]*"|[0-9.e-]+)')


def corpus(folder: Path) -> Path:
    """Copy the small corpus, plus a file that is not a budget, into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in (DEMO, *SYNTHETIC):
        shutil.copy(path, folder / path.name)
    (folder / "broken.txt").write_text("这不是预算文件。\nnot a budget\n", encoding="utf-8")
    return folder


def planted_notebooks(folder: Path) -> Path:
    """Copy the notebooks; the department report fails for department 02 (planted)."""
    shutil.copytree(ROOT / "notebooks", folder)
    path = folder / "department_report.ipynb"
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(
        "assert '_d02_' not in source, 'planted failure'"))
    nbformat.write(notebook, path)
    return folder


def snapshot(out: Path) -> dict[str, str]:
    """Return every output file's text (binary files: size), volatile timings removed."""
    files = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        relative = path.relative_to(out).as_posix()
        if path.suffix in {".html", ".ipynb"}:
            text = _ELAPSED.sub("渲染用时 – s", path.read_text(encoding="utf-8"))
            files[relative] = _CLOCK.sub(r'"\1": –', text)
        elif path.name == reports.MANIFEST:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            for entry in manifest["reports"].values():
                entry.pop("seconds", None)
            files[relative] = json.dumps(manifest, sort_keys=True)
        else:
            files[relative] = str(path.stat().st_size)
    return files


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def both(tmp_path_factory, cluster):
    base = tmp_path_factory.mktemp("dask")
    documents = corpus(base / "docs")
    notebooks = planted_notebooks(base / "notebooks")
    local = reports.render([documents], base / "local", workers=0, progress=False,
                           notebooks_dir=notebooks)
    from helpers.reports.cluster import DaskCluster

    finished = []
    # a tcp:// address, as from the CLI
    with DaskCluster(cluster.scheduler_address) as on_dask:
        dask = reports.render([documents], (base / "dask").as_uri(), progress=False,
                              notebooks_dir=notebooks, executor=on_dask.executor,
                              on_result=finished.append)
        workers = on_dask.client.run(lambda dask_worker: sorted(dask_worker.plugins))
    with distributed.Client(cluster.scheduler_address) as client:  # the batch is over
        after = client.run(lambda dask_worker: sorted(dask_worker.plugins))
    return base, local, dask, finished, (workers, after)


def test_cluster_renders_the_same_files_as_local_mode(both):
    base, local, dask, _, _ = both
    assert [j.stem for j in dask.jobs] == [j.stem for j in local.jobs]
    assert dask.counts() == local.counts() == {"ok": 6, "failed": 1}
    ours, theirs = snapshot(base / "dask"), snapshot(base / "local")
    assert sorted(ours) == sorted(theirs)
    assert len([name for name in ours if name.endswith(".html")]) == 8  # 7 reports + index
    for name in ours:
        assert ours[name] == theirs[name], f"{name} differs between Dask and local mode"


def test_failures_are_isolated_on_the_cluster(both):
    base, _, dask, _, _ = both
    assert [Path(e.path).name for e in dask.entries if e.error] == ["broken.txt"]
    failed = [r for r in dask.results.values() if r.status == "failed"]
    assert len(failed) == 1 and "planted failure" in failed[0].error
    assert (base / "dask" / f"{failed[0].stem}.html").is_file()  # shows the traceback
    index = (base / "dask" / "index.html").read_text(encoding="utf-8")
    assert "planted failure" in index and "broken.txt" in index
    assert dask.failed == 2


def test_progress_follows_the_cluster_and_kernels_are_released(both):
    _, _, dask, finished, (workers, after) = both
    assert sorted(r.stem for r in finished) == sorted(j.stem for j in dask.jobs)
    assert all(r.seconds > 0 for r in finished)
    # While the batch ran each worker had the kernel plugin; it is unregistered afterwards.
    assert all("budget-notebooks-kernel" in plugins for plugins in workers.values())
    assert len(after) == 2
    assert not any("budget-notebooks-kernel" in plugins for plugins in after.values())


def test_rerun_on_the_cluster_skips_unchanged(both, cluster, tmp_path):
    base, _, _, _, _ = both
    out = tmp_path / "again"
    shutil.copytree(base / "dask", out)
    from helpers.reports.cluster import DaskCluster

    with DaskCluster(cluster.scheduler_address) as on_dask:
        again = reports.render([base / "docs"], out, progress=False,
                               notebooks_dir=base / "notebooks", executor=on_dask.executor)
    assert again.counts() == {"skipped": 6, "failed": 1}  # a failure is retried


def test_memory_url_output(tmp_path):
    import fsspec

    documents = tmp_path / "docs"
    documents.mkdir()
    shutil.copy(DEMO, documents / DEMO.name)
    summary = reports.render([documents], "memory://budget-test/out", workers=0,
                             progress=False)
    assert summary.counts() == {"ok": 2}
    fs = fsspec.filesystem("memory")
    names = {path.split("/out/", 1)[1] for path in fs.find("/budget-test/out")}
    assert {"index.html", reports.MANIFEST, "_static/fonts/OFL.txt"} <= names
    assert {f"{j.stem}.{ext}" for j in summary.jobs for ext in ("html", "ipynb")} <= names
    assert not any(name.endswith(".tmp") for name in names)
    assert str(summary.index).startswith("memory://")
    assert str(summary.index).endswith("budget-test/out/index.html")
    again = reports.render([documents], "memory://budget-test/out", workers=0, progress=False)
    assert again.counts() == {"skipped": 2}
    with pytest.raises(ValueError):
        reports.OutputTarget("memory://budget-test/out").write("../escape.html", "x")
    fs.rm("/budget-test", recursive=True)


def test_cli_scheduler_local(tmp_path, capsys):
    documents = tmp_path / "docs"
    documents.mkdir()
    shutil.copy(DEMO, documents / DEMO.name)
    code = cli.main(["render", str(documents), "--out", str(tmp_path / "out"),
                     "--scheduler", "local", "--workers", "1", "--no-progress"])
    assert code == 0, capsys.readouterr().err
    assert "2 rendered" in capsys.readouterr().out
    assert (tmp_path / "out" / "index.html").is_file()
